"""Formulations (提法): numbered slogans and coined terms, found in a text with their meaning.

Three ways a formulation is found:
- a glossary form (`dubao.core.entities.glossary`: the shipped entries and the user's), quoted or not, by
  its name or any variant — reported under the entry's name;
- the parts of a numbered glossary formulation spelled out in a row (增强政治意识、大局意识、核心意识、
  看齐意识 is 四个意识), reported as that formulation over the span of the parts;
- a quoted term that has a number (“985”, “12+N”, “三网建设”) or is a coined phrase (not a single
  dictionary word, not a quoted sentence): a local formulation, listed with the sentence it appears in.
  Its meaning may come from the text itself: parts enumerated right before the quote (以煤、铝、酒
  “一黑二白” -> 煤, 铝, 酒), kept only when their count matches the numbers in the term (一黑二白 = 3).

Glossary formulations are whole units: `dubao.core.entities.spans` lets no place, person or
organisation be cut out of one (中国式现代化 holds no place 中国).
"""

from __future__ import annotations

import re

from dubao.core.entities.dates import chinese_number
from dubao.core.entities.glossary import Formulation, Glossary, glossary
from dubao.core.text import has_han

_QUOTE = re.compile(r"“([^“”\n]{1,30})”|‘([^‘’\n]{1,30})’|「([^「」\n]{1,30})」")
_NUMERAL_RUN = re.compile(r"[一二三四五六七八九十两百]+|[0-9]+")
_HAS_NUMBER = re.compile(r"^[一二三四五六七八九十两百千0-9]|[0-9]|[一二三四五六七八九十两]个|[一二三四五六七八九十两][大网化黑白新]")
_SENTENCE_PUNCT = set("，。！？：；,!?:;")
_SENTENCE_END = "。！？!?\n"
# Lead words stripped from the leftmost enumerated part: 以煤 -> 煤, 集中开展政银企对接 -> 政银企对接.
_LEAD_POS = ("p", "c", "d", "v", "u", "r", "ad", "vd", "t", "f", "m")
# jieba tags some clause openers as nouns or idioms (积极参与 i, 建立健全 nr): listed by hand
_LEAD_WORDS = {"积极", "集中", "参与", "积极参与", "建立健全", "建立", "健全", "加快", "推进", "推动", "围绕",
               "打造", "实施", "开展", "包括", "涵盖", "聚焦", "坚持", "实现", "做好", "抓好", "抓实", "全力"}
# what may stand between two spelled-out parts: 、 ， and a joining word (政治意识、大局意识和核心意识)
_PART_GAP = re.compile(r"[、，,；;\s]?(?:和|与|及|以及|同|跟)?[、，,\s]?|")
_MAX_PART = 16
_NUMBERED_ABBREVIATION = re.compile(r"[一二三四五六七八九十两双]")  # longer expansion items are clauses, not parts a text prints in a row


def number_sum(term: str) -> int | None:
    """Sum of the Chinese numerals in a term: 一黑二白 -> 3, 两大三新 -> 5, 六个专项行动 -> 6.
    None for digit codes (“985”, “12+N”), whose digits do not count parts."""
    if re.search(r"[0-9]", term):
        return None
    total = 0
    for run in _NUMERAL_RUN.findall(term.replace("两", "二")):
        value = chinese_number(run)
        if value is None:
            return None
        total += value
    return total or None


def sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END)
    rights = [pos for pos in (text.find(mark, end) for mark in _SENTENCE_END) if pos != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left + 1:right].strip()


def enumeration_before(text: str, quote_start: int, count: int | None, words) -> list[str]:
    """Parts listed with 、 right before the opening quote, when there are exactly `count` of them."""
    if not count or count < 2:
        return []
    left = quote_start
    while left > 0 and text[left - 1] not in "，。！？：；,;:!?\n“”（）()":
        left -= 1
    chunk = text[left:quote_start]
    chunk = re.sub(r"(等|这|此)$", "", chunk)
    parts = chunk.split("、")
    if len(parts) != count or not all(parts):
        return []
    # the leftmost part carries the clause's verb or preposition: strip leading words by POS
    first_start = left
    lead_words = [w for w in words if first_start <= w[2] and w[3] <= first_start + len(parts[0])]
    kept = parts[0]
    for word, pos, w_start, _ in lead_words[:-1]:
        if pos.startswith(_LEAD_POS) or word in _LEAD_WORDS:
            kept = text[w_start + len(word):first_start + len(parts[0])]
        else:
            break
    parts[0] = kept
    if any(len(part) > 12 for part in parts):
        return []
    return parts


def _is_coined(term: str, dictionary_words) -> bool:
    # a slogan of parallel clauses may be long (政府有需求、能建有优势、…); a plain term is short,
    # longer quotes without punctuation are quoted speech
    limit = 24 if "、" in term else 10
    if len(term) < 2 or len(term) > limit or any(c in _SENTENCE_PUNCT for c in term):
        return False
    if not has_han(term):
        return False
    return term not in dictionary_words


def _item(term: str, start: int, end: int, entry: Formulation | None, expansion, context: str = "") -> dict:
    return {"term": term, "name": entry.name if entry else term, "start": start, "end": end,
            "expansion": list(expansion), "explanation": entry.explanation if entry else "",
            "source": entry.source if entry else "", "context": context, "known": entry is not None}


_spellable_of: tuple[Glossary | None, list] = (None, [])  # the last glossary asked about and its spellable entries


def _spellable(table: Glossary) -> list[tuple[Formulation, tuple[str, ...]]]:
    """The entries of `table` that can be spelled out (two or more parts of 2 to `_MAX_PART` characters), with their
    parts, in the glossary's order; chosen once per glossary, not again for every paragraph."""
    global _spellable_of
    known, spellable = _spellable_of
    if known is not table:
        spellable = [(entry, entry.expansion) for entry in table.entries
                     if not entry.is_note and len(entry.expansion) >= 2
                     and all(2 <= len(part) <= _MAX_PART for part in entry.expansion)]
        _spellable_of = (table, spellable)
    return spellable


def spelled_out(text: str, table: Glossary) -> list[dict]:
    """Numbered glossary formulations whose parts the text prints in a row, in order, with only 、 or a
    joining word between them (道路自信、理论自信、制度自信、文化自信 -> 四个自信)."""
    found = []
    for entry, parts in _spellable(table):
        start = text.find(parts[0])
        while start != -1:
            end = start + len(parts[0])
            for part in parts[1:]:
                gap = _PART_GAP.match(text, end)
                if not text.startswith(part, gap.end()):
                    break
                end = gap.end() + len(part)
            else:
                found.append(_item(text[start:end], start, end, entry, parts))
            start = text.find(parts[0], end if end > start + len(parts[0]) else start + 1)
    return found


def find_formulations(text: str, words, dictionary_words) -> list[dict]:
    """Formulations in `text`: dicts with term (as printed), name (the glossary entry's name, else the term),
    start, end (of the term, inside the quotes), expansion, explanation, source, context and known (in the
    glossary). `words` are jieba (word, pos, start, end) over `text`; `dictionary_words` a container of
    ordinary words (quoted ordinary words are not formulations). A two-character glossary form printed
    without quotes counts only when it is a numbered abbreviation (三农, 双碳): 信访 or 小康 unquoted are words
    (the popup still explains them from the glossary)."""
    table = glossary()
    found = []
    taken = set()
    for match in _QUOTE.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        term, start, end = match.group(group), match.start(group), match.end(group)
        known = table.lookup(term)
        if known is not None and known.is_note:
            known = None  # a note on a person or place is no formulation
        if not (known or _HAS_NUMBER.search(term) or _is_coined(term, dictionary_words)):
            continue
        if not known and any(c in _SENTENCE_PUNCT for c in term):
            continue
        expansion = known.expansion if known else ()
        if not expansion:
            expansion = enumeration_before(text, match.start(), number_sum(term), words)
        found.append(_item(term, start, end, known, expansion, "" if known else sentence_around(text, start, end)))
        taken.update(range(start, end))
    # numbered formulations spelled out (before the glossary forms inside them: 文化自信 is one of 四个自信),
    # then glossary forms printed without quotes (四个全面, 一带一路)
    for item in spelled_out(text, table):
        if not taken.intersection(range(item["start"], item["end"])):
            found.append(item)
            taken.update(range(item["start"], item["end"]))
    for occurrence in table.occurrences(text):
        if taken.intersection(range(occurrence.start, occurrence.end)) or occurrence.entry.is_note:
            continue
        if len(occurrence.form) < 3 and not _NUMBERED_ABBREVIATION.match(occurrence.form):
            continue  # 信访, 小康, 全会 are words too: listed when quoted; 三农, 双碳, 两会 always
        found.append(_item(occurrence.form, occurrence.start, occurrence.end, occurrence.entry,
                           occurrence.entry.expansion))
        taken.update(range(occurrence.start, occurrence.end))
    found.sort(key=lambda item: item["start"])
    return found
