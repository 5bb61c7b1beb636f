"""Analysing a huge article for the window: window by window, the text in view first, with progress.

A normal article is analysed in one call (`dubao.core.analysis.analyse`). An article longer than
`HUGE_CHARS` is read in windows of about `WINDOW_CHARS`, cut after a line break or a sentence end — words never cross one, so the
words and readings are the same as in one call — starting with the window the reader shows and going on
from there (`Focus` follows the reader's scrolling). Every `REPORT_SECONDS` the words found so far are
reported as an `Analysis` (the popup then works where they are), with how much of the text is read.

Entities come last: the issue's stored ones are cut down to the article as usual. When the library holds none,
an article longer than `ENTITY_WINDOW_CHARS` is searched window by window and same-named entities of the same
kind merged, so the cost grows with the length (one call over a 5 MB text takes many minutes and a gigabyte).

Memory: a huge article has a million words; their strings and readings repeat, so each distinct word's
fields are stored once and shared by its tokens.

Runs on a worker thread: plain values in and out, no Qt.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence

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
    return Analysis.build(text, tokens, found)


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


def _read_windows(text: str, focus: Focus, report) -> list[Token]:
    windows = analysis_windows(text)
    done = [False] * len(windows)
    parts: list[list[Token] | None] = [None] * len(windows)
    shared: dict[tuple, tuple] = {}
    read_chars, last_report = 0, 0.0
    for count in range(len(windows)):
        if focus.cancelled:
            raise Cancelled()
        index = _next_window(windows, done, focus.offset)
        start, end = windows[index]
        parts[index] = [_shifted(token, start, shared) for token in read_tokens(text[start:end])]
        done[index] = True
        read_chars += end - start
        now = time.monotonic()
        if report is not None and count < len(windows) - 1 and (count == 0 or now - last_report >= REPORT_SECONDS):
            last_report = now
            so_far = [token for part in parts if part for token in part]
            report(("words", read_chars, len(text), Analysis.build(text, so_far)))
    return [token for part in parts for token in part]


def _shifted(token: Token, start: int, shared: dict[tuple, tuple]) -> Token:
    """The token moved by `start`, its strings shared with every other occurrence of the same word and reading."""
    key = (token.text, token.pinyin, token.numbers, token.spoken)
    fields = shared.setdefault(key, key)
    return Token(fields[0], token.start + start, token.end + start, fields[1], fields[2], fields[3])


def _entities(article: Article, entities: Sequence[Entity] | None, focus: Focus, report,
              tokens: list[Token]) -> tuple[Entity, ...]:
    text = article.text
    if entities is not None:
        return article_entities(article, entities)
    if report is not None:
        report(("entities", 0, len(text), Analysis.build(text, tokens)))
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
    from dataclasses import replace

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
