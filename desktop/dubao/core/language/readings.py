"""Readings in context: every jieba word of a text with its pinyin, decided from the words around it.

    >>> [(t.text, t.pinyin, t.numbers) for t in read("银行行长")]
    [('银行', 'yín háng', ('yin2', 'hang2')), ('行长', 'háng zhǎng', ('hang2', 'zhang3'))]

How a reading is decided, per jieba word (a formulation of the glossary is read as the glossary spells it):
1. a word in the reading table (pypinyin phrases, then CC-CEDICT) is read as a whole;
2. a longer word missing from it is re-split into the longest known words (加快调整 -> 加快 + 调整,
   供应链 -> 供应 + 链) instead of being read character by character;
3. what is left are single characters, read with their most common reading — and every character with
   several readings is then checked by a small trained model (`dubao.core.language.polyphone_model`) that looks at
   the neighbouring characters and words (了 le/liǎo, 还 hái/huán, 长 cháng/zhǎng …).

Output conventions (`dubao.core.models.Token`):
- `pinyin`: tone marks, one syllable per Han character, separated by spaces ("yín háng"); characters
  without a reading (Latin letters, digits, punctuation) appear as themselves inside a word that has Han
  characters ("5G wǎng luò"); a token with no Han character at all has `pinyin` "" (empty).
- `numbers`: exactly one entry per character: "hang2", "le5" (5 = neutral tone), "lü4" (ü, not u:/v);
  a character without a reading gives itself ("，", "A", "2").
- Readings are dictionary tones, with CC-CEDICT's neutral-tone last syllables (朋友 péng you, 知道 zhī dao;
  see `pinyin_table`; `neutral_tones=False` keeps citation tones throughout); the tone sandhi of 一 and 不 is not written into them. `spoken` is set only on tokens where 一 or 不 changes tone
  before the next syllable (一行 yī xíng -> spoken "yì xíng"; 不是 -> "bú shì"), else None.

Everything is pure and thread-safe after `ensure_loaded()`.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from dubao.core import memory
from dubao.core.language import polyphone_model as pinyin_model
from dubao.core.language import tokens
from dubao.core.models import Token
from dubao.core.language.sandhi import spoken_forms
from dubao.core.language.syllables import to_marks, tone_of
from dubao.core.language.reading_tables import ReadingTables, load_tables

__all__ = ["read", "read_words", "tone_of", "ensure_loaded", "word_reading", "analyse_word"]

_lock = threading.Lock()
_tables: ReadingTables | None = None
_model: pinyin_model.PolyphoneModel | None = None


def ensure_loaded() -> None:
    """Load jieba, the reading tables and the polyphone model. Idempotent, thread-safe."""
    global _tables, _model
    if _model is not None:
        return
    with _lock:
        if _model is not None:
            return
        tokens.ensure_loaded()
        _tables = load_tables()
        _model = pinyin_model.load_model()
    memory.release()


def _split_known(word: str, words: dict[str, str], max_word: int) -> list[str]:
    """Cover `word` with table words: the most characters in known words, then the fewest pieces,
    then the longest first piece."""
    n = len(word)
    # best[i] = (covered chars, -pieces, pieces) for word[i:]
    best: list[tuple[int, int, tuple[str, ...]]] = [(0, 0, ())] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice = None
        for j in range(min(n, i + max_word), i + 1, -1):
            piece = word[i:j]
            if piece in words:
                covered, minus_pieces, pieces = best[j]
                candidate = (covered + j - i, minus_pieces - 1, (piece,) + pieces)
                # on a tie the longer first piece wins (forward maximum matching: 成长|性, not 成|长性)
                if choice is None or candidate[:2] > choice[:2]:
                    choice = candidate
        covered, minus_pieces, pieces = best[i + 1]
        single = (covered, minus_pieces - 1, (word[i],) + pieces)
        best[i] = single if choice is None or single[:2] > choice[:2] else choice
    return list(best[0][2])


@lru_cache(maxsize=65536)
def analyse_word(word: str) -> tuple[tuple[str, ...], str, str]:
    """Context-free reading of one word, where each syllable came from, and the reading in tone marks.

    Returns (syllables, sources, pinyin): one numbered syllable per character (a character without a
    reading gives itself); one source code per character — "w" the whole word is in the table, "s" a
    known word found by re-splitting, "c" a single character's most common reading, "x" no reading;
    and the syllables in tone marks as `Token.pinyin` spells them."""
    tables = _tables
    if tables is None:
        ensure_loaded()
        tables = _tables
    known = tables.words.get(word)
    if known is not None:
        syllables = tuple(known.split())
        return syllables, "w" * len(word), _pinyin_text(word, syllables)
    chars = tables.chars
    pieces = [word] if len(word) == 1 else _split_known(word, tables.words, tables.max_word)
    result: list[str] = []
    sources: list[str] = []
    for piece in pieces:
        if len(piece) > 1:
            result.extend(tables.words[piece].split())
            sources.append("s" * len(piece))
        else:
            readings = chars.get(piece)
            result.append(readings[0] if readings else piece)
            sources.append("c" if readings else "x")
    syllables = tuple(result)
    return syllables, "".join(sources), _pinyin_text(word, syllables)


def word_reading(word: str) -> tuple[str, ...]:
    """Context-free reading of one word: one numbered syllable per character."""
    return analyse_word(word)[0]


@lru_cache(maxsize=65536)
def _pinyin_text(word: str, numbers: tuple[str, ...]) -> str:
    """Tone marks, a space between syllables; runs of characters without a reading kept together."""
    parts: list[str] = []
    run = ""
    has_han = False
    for ch, syllable in zip(word, numbers):
        if syllable == ch:
            run += ch
            continue
        has_han = True
        if run:
            parts.append(run)
            run = ""
        parts.append(to_marks(syllable))
    if run:
        parts.append(run)
    return " ".join(parts) if has_han else ""


def read_words(words: list[tuple[str, int, int]], *, neutral_tones: bool = False) -> list[Token]:
    """Readings for already tokenized words (as `dubao.core.language.tokens.tokenize` returns them).

    By default every syllable keeps its dictionary (citation) tone (衣服 yī fú), as the issue's JSON and the CPP
    benchmark label it. `neutral_tones=True` gives a neutral last syllable where CC-CEDICT has one (朋友 péng you,
    知道 zhī dao): what a learner hears, used by the reader's popup and ruby pinyin."""
    ensure_loaded()
    texts = [word for word, _, _ in words]
    analysed = [analyse_word(word) for word in texts]
    readings = [syllables for syllables, _, _ in analysed]
    changed = _model.correct(texts, readings, [sources for _, sources, _ in analysed], _tables)
    for index, syllables in changed.items():
        readings[index] = tuple(syllables)
    _glossary_readings(texts, readings, changed)
    if neutral_tones:
        _neutral_tones(texts, readings, changed)
    spoken = spoken_forms(texts, readings)
    result = []
    for index, (word, start, end) in enumerate(words):
        numbers = readings[index]
        spoken_numbers = spoken[index]
        result.append(
            Token(
                text=word,
                start=start,
                end=end,
                pinyin=_pinyin_text(word, numbers) if index in changed else analysed[index][2],
                numbers=numbers,
                spoken=_pinyin_text(word, tuple(spoken_numbers)) if spoken_numbers else None,
            )
        )
    return result


def _glossary_readings(texts: list[str], readings: list[tuple[str, ...]], changed: dict) -> None:
    """A word that is a formulation of the glossary is read as the glossary spells it (河长制 hé zhǎng zhì,
    三重一大 sān zhòng yī dà): those readings are checked by hand, the model's are guesses."""
    table = tokens.glossary_readings()
    for index, word in enumerate(texts):
        known = table.get(word)
        if known is not None and tuple(known.split()) != readings[index]:
            readings[index] = changed[index] = tuple(known.split())


@lru_cache(maxsize=65536)
def _neutral_reading(word: str) -> tuple[str, ...] | None:
    """The word's reading with CC-CEDICT's neutral last syllable, when the word or its last two or more
    characters form such a word (很漂亮 -> 很 + piào liang); None otherwise. Only a word's end (东西部
    is dōng xī bù, not dōng xi bù), and never cutting through a known word (个别人 is 个别 + 人, so
    its 别人 is not bié ren)."""
    tables = _tables
    target = tables.neutral.get(word)
    if target is not None:
        return tuple(target.split()) or None  # "": a word with a full-tone reading of its own (小朋友)
    inside_known: set[int] = set()  # positions that would cut a known word of the re-split in two
    end = 0
    for piece in _split_known(word, tables.words, tables.max_word):
        inside_known.update(range(end + 1, end + len(piece)))
        end += len(piece)
    for start in range(1, len(word) - 1):
        target = tables.neutral.get(word[start:])
        if target is not None and start not in inside_known:
            return word_reading(word[:start]) + tuple(target.split())
    return None


def _neutral_tones(texts: list[str], readings: list[tuple[str, ...]], changed: dict) -> None:
    """Last syllables read in the neutral tone where CC-CEDICT says so (朋友 péng you), once the model has
    decided the citation readings: only when every syllable agrees with the neutral reading but for the
    last one's tone, so a reading the model changed in context is never overruled."""
    for index, word in enumerate(texts):
        syllables = _neutral_reading(word) if len(word) > 1 else None
        if syllables is None:
            continue
        current = readings[index]
        if current != syllables and current[:-1] == syllables[:-1] and current[-1][:-1] == syllables[-1][:-1]:
            readings[index] = syllables
            changed[index] = syllables


def _reading_of(word: str, position: int) -> str | None:
    """The reading the table gives the character at `position` of `word`, None when `word` is no table word."""
    known = _tables.words.get(word)
    return known.split()[position] if known is not None else None


def unswallow(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Re-split two neighbouring words where a dictionary word swallowed a character of the word beside it and
    read a polyphonic character wrongly because of it:
    - 施工队 | 长 -> 施工 | 队长: a polyphonic character starting a word (长) forms a table word with the last
      character of the word before it (队长 zhǎng), whose rest is a word too (施工), and neither jieba word is
      a table word (so no dictionary reading is lost by the re-split);
    - 入 | 统率 -> 入统 | 率: a single character and the first character of the next word form a press word
      (入统, curated press vocabulary beats jieba's general frequencies), and the rest of that word (率) was
      read as part of a table word (统率 shuài): it is then read on its own, in context (率 lǜ)."""
    ensure_loaded()
    press = tokens.press_words()
    result = list(words)
    index = 0
    while index < len(result) - 1:
        (left, start, middle), (right, _, end) = result[index], result[index + 1]
        split = None
        if (len(left) >= 3 and len(_tables.chars.get(right[0], ())) > 1 and left not in _tables.words
                and right not in _tables.words and _reading_of(left[-1] + right[0], 1) is not None
                and tokens.is_word(left[:-1]) and (len(right) == 1 or tokens.is_word(right[1:]))):
            # the re-split below moves one character: 施工队 | 长说 -> 施工 | 队长说, then 队长 | 说
            split = middle - 1
        elif len(left) == 1 and len(right) >= 2 and left + right[0] in press and _reading_of(right, 1) is not None:
            rest = right[1:]
            if len(rest) == 1 or tokens.is_word(rest):
                split = middle + 1
        if split is not None:
            text = left + right
            cut = split - start
            pieces = [(text[:cut], start, split), (text[cut:], split, end)]
            moved = pieces[1][0]
            if split < middle and len(moved) > 2:  # 队长说: the table word and what jieba had joined to it
                pieces[1:] = [(moved[:2], split, split + 2), (moved[2:], split + 2, end)]
            result[index:index + 2] = pieces
        index += 1
    return result


def read(text: str, *, neutral_tones: bool = False) -> list[Token]:
    """Tokens covering every character of `text` in order, each with its reading in context
    (`neutral_tones`: see `read_words`); jieba's words re-split where a dictionary word swallowed a
    character of its neighbour (`unswallow`). A huge text is read in bounded windows (`reading_stream`)."""
    if not text:
        return []
    from dubao.core.language.reading_stream import WINDOW, read_stream

    if len(text) > WINDOW:
        return list(read_stream(text, neutral_tones=neutral_tones))
    return read_words(unswallow(tokens.tokenize(text)), neutral_tones=neutral_tones)
