"""Pinyin syllable spelling: tone numbers ("hang2", "lü4", "le5") <-> tone marks ("háng", "lǜ", "le").

Dubao writes tone numbers with ü (not CC-CEDICT's "u:" or pypinyin's "v") and 5 for the neutral tone.
These helpers are pure string functions, fast enough to call per syllable.
"""

from __future__ import annotations

from functools import lru_cache

_MARKS = {
    "a": "āáǎàa", "e": "ēéěèe", "i": "īíǐìi", "o": "ōóǒòo", "u": "ūúǔùu", "ü": "ǖǘǚǜü",
    "A": "ĀÁǍÀA", "E": "ĒÉĚÈE", "I": "ĪÍǏÌI", "O": "ŌÓǑÒO", "U": "ŪÚǓÙU", "Ü": "ǕǗǙǛÜ",
}
# marked vowel -> (plain vowel, tone 1-4)
_UNMARK = {marked: (plain, tone + 1) for plain, row in _MARKS.items() for tone, marked in enumerate(row[:4])}
_VOWELS = "aeiouüAEIOUÜ"


def normalise_numbered(syllable: str) -> str:
    """CC-CEDICT / pypinyin spellings -> Dubao's: "lu:4"/"lv4" -> "lü4", a missing tone digit -> 5."""
    syllable = syllable.replace("u:", "ü").replace("U:", "Ü")
    if "v" in syllable and syllable[:1].lower() in ("l", "n"):
        syllable = syllable.replace("v", "ü")
    if syllable and not syllable[-1].isdigit() and any(ch in _VOWELS for ch in syllable):
        syllable += "5"
    return syllable


def tone_of(syllable: str) -> int:
    """Tone 1-5 of a numbered ("hang2") or marked ("háng") syllable; 5 (neutral) when none is written."""
    if syllable and syllable[-1] in "12345":
        return int(syllable[-1])
    for ch in syllable:
        if ch in _UNMARK:
            return _UNMARK[ch][1]
    return 5


@lru_cache(maxsize=8192)
def to_marks(numbered: str) -> str:
    """"hang2" -> "háng", "lü4" -> "lǜ", "le5" -> "le", "r5" -> "r". Anything without a tone digit is returned unchanged."""
    if not numbered or numbered[-1] not in "12345":
        return numbered
    tone = int(numbered[-1])
    body = numbered[:-1].replace("u:", "ü").replace("U:", "Ü")
    if tone == 5:
        return body
    lower = body.lower()
    # the standard rule: a or e takes the mark; in "ou" the o does; otherwise the last vowel
    if "a" in lower:
        index = lower.index("a")
    elif "e" in lower:
        index = lower.index("e")
    elif "ou" in lower:
        index = lower.index("o")
    else:
        index = max((i for i, ch in enumerate(lower) if ch in "iouü"), default=-1)
        if index < 0:
            return body  # "m2", "ng4": no vowel to mark
    return body[:index] + _MARKS[body[index]][tone - 1] + body[index + 1:]


@lru_cache(maxsize=8192)
def to_numbers(marked: str) -> str:
    """"háng" -> "hang2", "lǜ" -> "lü4", "le" -> "le5"."""
    tone = 5
    plain = []
    for ch in marked:
        if ch in _UNMARK:
            base, tone = _UNMARK[ch]
            plain.append(base)
        else:
            plain.append(ch)
    return "".join(plain).replace("v", "ü") + str(tone)
