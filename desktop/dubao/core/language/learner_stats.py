"""How hard an article is for one learner: the figures shown next to each article so a student can pick
what to read next (as Du Chinese and LingQ show "% new words" on every lesson).

Qt-free. Works on tokens (anything with a `.text`), a learner's HSK level and their known words, so the
same code serves the article list, the library tree and the command line.

Definitions (kept deliberately simple so a learner can predict them):

- a *word* is a token containing at least one Han character (numbers, Latin and punctuation are not words);
- names are not words to study: tokens inside a person or place mention (张广勇, 吕梁) and numbers written with
  digits or as a dated numeral (2023年, 18日, 二〇二三年) are left out of both figures;
- a word's level is its HSK 3.0 level; a compound in no HSK list (能源建设, 重要讲话 — the press dictionary and
  the formulations glossary make many) takes the highest level of the listed words it splits into, and a
  word that does not split into listed words has no level;
- a word is *above the learner's level* when its level is higher than the learner's level, or it has none —
  unless the learner marked it known; a compound in no list is known when its parts are (each at or below
  the level, or marked known), so 集中学习 needs help with 集中 only, never with 学习;
- *new words* are the distinct words above the level that are neither known nor already saved in the
  vocabulary list (those are being learnt already); of a compound, the parts still to learn.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from dubao.core.text import has_han

# a number: any digit (Arabic or full-width), or Chinese numerals with a date unit (二〇二三年, 十八日)
_NUMBER = re.compile(r".*[0-9\uff10-\uff19].*|[〇零一二三四五六七八九十百千万亿]+[年月日号]")
NAME_KINDS = ("person", "place")  # entity kinds whose mentions a learner does not study

HskLookup = Callable[[str], "int | None"]



@dataclass(frozen=True, slots=True)
class ReadingFigures:
    words: int  # running words (tokens with a Han character)
    above_level: int  # running words above the learner's level and not known
    new_words: tuple[str, ...]  # distinct new words, in order of first appearance
    hsk_level: int

    @property
    def share_above(self) -> float:
        """0..1; 0 for an article without words."""
        return self.above_level / self.words if self.words else 0.0

    @property
    def new_count(self) -> int:
        return len(self.new_words)

    def summary(self) -> str:
        """One short line for a list: "18% above HSK 4 · 23 new"."""
        return f"{round(self.share_above * 100)}% above HSK {self.hsk_level} · {self.new_count} new"


def is_number(text: str) -> bool:
    """2023年, 18日, ３月, 二〇二三年: a figure, not vocabulary."""
    return bool(_NUMBER.fullmatch(text))


def name_spans(entities: Iterable, article_index: int) -> list[tuple[int, int]]:
    """(start, end) of every person or place mention in article `article_index` (1-based), from Entity objects."""
    return sorted((mention.start, mention.end) for entity in entities if entity.kind in NAME_KINDS
                  for mention in entity.mentions if mention.article == article_index)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined (a place inside a longer name), so one look-up suffices."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of the sorted `spans`."""
    index = bisect.bisect_right(starts, start) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def listed_parts(word: str, hsk_of: HskLookup) -> list[tuple[int, int]] | None:
    """(start, end) of the HSK-listed words an unlisted compound splits into (longest first from the left:
    重要讲话 -> 重要 + 讲话); None when a part is on no list (a name or a rare word)."""
    parts, position = [], 0
    while position < len(word):
        for end in range(len(word) - (position == 0), position, -1):  # never the whole word again
            if hsk_of(word[position:end]) is not None:
                parts.append((position, end))
                position = end
                break
        else:
            return None
    return parts


def word_level(word: str, hsk_of: HskLookup) -> int | None:
    """HSK level of `word`, or of its listed parts (the highest) when it is unlisted."""
    level = hsk_of(word)
    if level is not None or len(word) < 2:
        return level
    parts = listed_parts(word, hsk_of)
    return None if parts is None else max(hsk_of(word[start:end]) for start, end in parts)


def unknown_parts(word: str, hsk_level: int, known: Iterable[str] | frozenset[str],
                  hsk_of: HskLookup) -> list[tuple[int, int]]:
    """(start, end) of what a learner at `hsk_level` who knows `known` would need help with in `word`: nothing
    for a known word; for a press compound in no HSK list (集中学习, 重要讲话) only its parts above the level
    and not known — a compound counts as known when its parts are; else the whole word."""
    if word in known:
        return []
    level = hsk_of(word)
    if level is not None:
        return [] if level <= hsk_level else [(0, len(word))]
    parts = listed_parts(word, hsk_of) if len(word) > 1 else None
    if parts is None:
        return [(0, len(word))]
    return [(start, end) for start, end in parts
            if word[start:end] not in known and hsk_of(word[start:end]) > hsk_level]


def is_above_level(word: str, hsk_level: int, known: Iterable[str] | frozenset[str], hsk_of: HskLookup) -> bool:
    """Whether a learner at `hsk_level` who knows `known` would need help with `word` (or a part of it)."""
    return bool(unknown_parts(word, hsk_level, known, hsk_of))


def reading_figures(
    tokens: Iterable,  # Token objects, (word, start, end) triples or plain words
    hsk_level: int,
    known: frozenset[str] | set[str],
    hsk_of: HskLookup,
    saved: frozenset[str] | set[str] = frozenset(),
    skip_spans: Iterable[tuple[int, int]] = (),
) -> ReadingFigures:
    """Figures for one article's tokens. `known`: words marked known; `saved`: words in the vocabulary list;
    `skip_spans`: (start, end) of name mentions (see `name_spans`) whose tokens are not counted — tokens given
    as plain strings have no offsets and are never skipped that way."""
    words = above = 0
    new: dict[str, None] = {}  # ordered set
    level_cache: dict[str, tuple[str, ...]] = {}
    spans = _merged(skip_spans)
    starts = [span[0] for span in spans]
    for token in tokens:
        text, start, end = _token_parts(token)
        if not has_han(text) or is_number(text):
            continue
        if spans and start is not None and _inside(spans, starts, start, end):
            continue
        words += 1
        hard = level_cache.get(text)
        if hard is None:
            hard = level_cache[text] = tuple(text[a:b] for a, b in unknown_parts(text, hsk_level, known, hsk_of))
        if hard:
            above += 1
            if text not in saved:
                for part in hard:  # of a press compound, the parts still to learn
                    if part not in saved:
                        new.setdefault(part, None)
    return ReadingFigures(words=words, above_level=above, new_words=tuple(new), hsk_level=hsk_level)


def _token_parts(token) -> tuple[str, int | None, int | None]:
    if isinstance(token, str):
        return token, None, None
    if hasattr(token, "text"):
        return token.text, getattr(token, "start", None), getattr(token, "end", None)
    return token[0], (token[1] if len(token) > 2 else None), (token[2] if len(token) > 2 else None)


def default_hsk_lookup() -> HskLookup:
    """The dictionary's HSK 3.0 level lookup (loads the language layer on first use)."""
    from dubao.core.language.dictionary import get_dictionary

    return get_dictionary().hsk_level


def figures_for_text(
    text: str,
    hsk_level: int,
    known: frozenset[str] | set[str],
    saved: frozenset[str] | set[str] = frozenset(),
    hsk_of: HskLookup | None = None,
    skip_spans: Iterable[tuple[int, int]] = (),
) -> ReadingFigures:
    """Tokenise `text` with the app's word splitter and compute its figures (names in `skip_spans` left out)."""
    from dubao.core.language import tokens as tokens_module

    return reading_figures(tokens_module.tokenize(text), hsk_level, known, hsk_of or default_hsk_lookup(), saved,
                           skip_spans)


def figures_by_article(
    articles: Mapping[int, str], hsk_level: int, known: frozenset[str] | set[str], saved=frozenset(), hsk_of=None,
    skip_spans: Mapping[int, Iterable[tuple[int, int]]] | None = None,
) -> dict[int, ReadingFigures]:
    """Figures for several articles ({article_id: text}); the HSK lookup is opened once. `skip_spans`:
    {article_id: name spans} (see `name_spans`)."""
    lookup = hsk_of or default_hsk_lookup()
    skip_spans = skip_spans or {}
    return {key: figures_for_text(text, hsk_level, known, saved, lookup, skip_spans.get(key, ()))
            for key, text in articles.items()}
