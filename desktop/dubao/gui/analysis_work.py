"""Analysing a huge article for the window: window by window, the text in view first, with progress.

A normal article is analysed in one call (`dubao.core.analysis.analyse`). An article longer than
`HUGE_CHARS` is read in windows of about `WINDOW_CHARS`, cut after a line break or a sentence end — words never cross one, so the
words and readings are the same as in one call — starting with the window the reader shows and going on
from there (`Focus` follows the reader's scrolling). Every `REPORT_SECONDS` the words found so far are
reported as an `Analysis` (the popup then works where they are), with how much of the text is read.

Entities come last: the issue's stored ones are cut down to the article as usual. When the library holds none,
an article longer than `ENTITY_WINDOW_CHARS` is searched window by window and same-named entities of the same
kind merged, so the cost grows with the length (one call over a 5 MB text takes many minutes and a gigabyte).

Memory and pauses: a huge article has a million words. As a million Token objects they would take hundreds of
megabytes, and Python's garbage collector would walk them all again and again while they are made — pauses of
up to a second in which the window cannot paint. So a huge article's words are `CompactTokens`: offsets in
arrays and each distinct word with its reading stored once; a Token is made when one is asked for (the popup
asks for one, the ruby layer for the few hundred in view).

Runs on a worker thread: plain values in and out, no Qt.
"""

from __future__ import annotations

import re
import threading
import time
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from dubao.core.analysis import Analysis, analyse, article_entities, extract_entities, read_tokens
from dubao.core.models import Article, Block, Entity, Mention, Token

HUGE_CHARS = 20_000  # longer articles are read window by window
WINDOW_CHARS = 4_000  # small: the first popup waits for one window's words
ENTITY_WINDOW_CHARS = 100_000  # longer articles without stored entities: entities window by window,
ENTITY_WINDOW_SIZE = 20_000  # of about this many characters (the tagger's cost grows faster than the length)
REPORT_SECONDS = 1.0
_WINDOW_END = re.compile(r"\n|[。！？!?]+[”’\"'」』）)]*")


class Cancelled(Exception):
    """The reader moved on to another article: the rest of this one is not needed."""


class Focus:
    """Where the reader is (a code point), set from the GUI thread, read by the worker; and whether to stop."""

    def __init__(self, offset: int = 0):
        self.offset = offset
        self.huge = False  # set by whoever starts the analysis
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()


def is_huge(text: str) -> bool:
    """Whether the window analyses `text` window by window (and shows how far it is)."""
    return len(text) > HUGE_CHARS


def analysis_windows(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """[start, end) spans covering `text`, each ending after a line break or sentence end past `size`
    (WINDOW_CHARS) characters (or at the text's end; a text with neither for 4 × size characters is cut there)."""
    size = size or WINDOW_CHARS
    windows, start = [], 0
    while start < len(text):
        found = _WINDOW_END.search(text, start + size, start + 4 * size)
        end = found.end() if found is not None else min(len(text), start + 4 * size)
        windows.append((start, end))
        start = end
    return windows


def analyse_article(article: Article, entities: Sequence[Entity] | None, focus: Focus | None = None,
                    report: Callable[[tuple], None] | None = None) -> Analysis:
    """The article's Analysis; for a huge article window by window, calling `report((stage, done, total,
    analysis so far))` on the way (stage "words" or "entities"). Raises Cancelled when `focus` is cancelled."""
    text = article.text
    if not is_huge(text):
        return analyse(article, entities)
    focus = focus or Focus()
    tokens = _read_windows(text, focus, report)
    found = _entities(article, entities, focus, report, tokens)
    return compact_analysis(text, tokens, found)


def _next_window(windows: list[tuple[int, int]], done: list[bool], offset: int) -> int:
    """The first window not yet read at or after the one holding `offset`; else the first not yet read."""
    low, high = 0, len(windows)
    while low < high:
        middle = (low + high) // 2
        if windows[middle][1] <= offset:
            low = middle + 1
        else:
            high = middle
    for index in range(min(low, len(windows) - 1), len(windows)):
        if not done[index]:
            return index
    return done.index(False)


class CompactTokens(Sequence):
    """Tokens in text order, stored as arrays of offsets and word numbers into a table of distinct (text, pinyin,
    numbers, spoken): no Python object per word. Indexing makes the Token (equal to the one `read_tokens` gave)."""

    def __init__(self, words: list[tuple], ids: dict[tuple, int]):
        self.words, self._ids = words, ids  # shared by every part of one article
        self.starts, self.ends, self.kinds = array("q"), array("q"), array("l")

    def add(self, tokens, shift: int) -> None:
        ids, words = self._ids, self.words
        for token in tokens:
            key = (token.text, token.pinyin, token.numbers, token.spoken)
            number = ids.get(key)
            if number is None:
                number = ids[key] = len(words)
                words.append(key)
            self.starts.append(token.start + shift)
            self.ends.append(token.end + shift)
            self.kinds.append(number)

    def joined(self, parts: Sequence["CompactTokens"]) -> "CompactTokens":
        """This empty one filled with `parts` in order (array copies, at C speed)."""
        for part in parts:
            self.starts.extend(part.starts)
            self.ends.extend(part.ends)
            self.kinds.extend(part.kinds)
        return self

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        text, pinyin, numbers, spoken = self.words[self.kinds[index]]
        return Token(text, self.starts[index], self.ends[index], pinyin, numbers, spoken)

    def __iter__(self) -> Iterator[Token]:
        words = self.words
        for start, end, kind in zip(self.starts, self.ends, self.kinds):
            text, pinyin, numbers, spoken = words[kind]
            yield Token(text, start, end, pinyin, numbers, spoken)


def compact_analysis(text: str, tokens: CompactTokens, entities: Sequence[Entity] = ()) -> Analysis:
    """An Analysis over CompactTokens (the word lookup bisects their start array directly)."""
    return replace(Analysis.build(text, (), entities), tokens=tokens, _token_starts=tokens.starts)


def _read_windows(text: str, focus: Focus, report) -> CompactTokens:
    windows = analysis_windows(text)
    done = [False] * len(windows)
    words: list[tuple] = []
    ids: dict[tuple, int] = {}
    parts: list[CompactTokens | None] = [None] * len(windows)
    read_chars, last_report = 0, 0.0
    for count in range(len(windows)):
        if focus.cancelled:
            raise Cancelled()
        index = _next_window(windows, done, focus.offset)
        start, end = windows[index]
        part = parts[index] = CompactTokens(words, ids)
        part.add(read_tokens(text[start:end]), start)
        done[index] = True
        read_chars += end - start
        now = time.monotonic()
        if report is not None and count < len(windows) - 1 and (count == 0 or now - last_report >= REPORT_SECONDS):
            last_report = now
            so_far = CompactTokens(words, ids).joined([part for part in parts if part is not None])
            report(("words", read_chars, len(text), compact_analysis(text, so_far)))
    return CompactTokens(words, ids).joined(parts)


def _entities(article: Article, entities: Sequence[Entity] | None, focus: Focus, report,
              tokens: CompactTokens) -> tuple[Entity, ...]:
    text = article.text
    if entities is not None:
        return article_entities(article, entities)
    if report is not None:
        report(("entities", 0, len(text), compact_analysis(text, tokens)))
    if len(text) <= ENTITY_WINDOW_CHARS:
        return extract_entities(article)
    merged: dict[tuple[str, str], Entity] = {}
    done = 0
    for start, end in analysis_windows(text, ENTITY_WINDOW_SIZE):
        if focus.cancelled:
            raise Cancelled()
        part = Article(article.index, article.headline, None, None, None, (), (), None, text[start:end],
                       _blocks_within(article.blocks, text, start, end))
        for entity in extract_entities(part):
            mentions = tuple(Mention(m.article, m.start + start, m.end + start, m.text) for m in entity.mentions)
            _merge(merged, entity, mentions)
        done += end - start
        if report is not None and end < len(text):
            report(("entities", done, len(text), None))
    return tuple(merged.values())


def _blocks_within(blocks, text: str, start: int, end: int) -> tuple[Block, ...]:
    """The article's blocks cut to [start, end), their offsets from `start` (entities are found block by block)."""
    inside = []
    for block in blocks:
        low, high = max(block.start, start), min(block.end, end)
        if low < high:
            inside.append(Block(block.kind, text[low:high], low - start, high - start, ()))
    return tuple(inside)


def _merge(merged: dict[tuple[str, str], Entity], entity: Entity, mentions: tuple[Mention, ...]) -> None:
    key = (entity.kind, entity.name)
    known = merged.get(key)
    if known is None:
        merged[key] = replace(entity, mentions=mentions)
        return

    def union(first: tuple, second: tuple) -> tuple:
        return first + tuple(item for item in second if item not in first)

    merged[key] = replace(known, aliases=union(known.aliases, entity.aliases),
                          titles=union(known.titles, entity.titles), roles=union(known.roles, entity.roles),
                          mentions=known.mentions + mentions)
