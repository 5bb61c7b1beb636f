"""The drafts the splitter's walk builds before they become `dubao.core.models` records: blocks of an article
(each with its exact source spans), an article's head and body, and the lines of a page item."""

from __future__ import annotations

from dataclasses import dataclass, field

from dubao.core.split.patterns import PREFACE
from dubao.core.split.source_line import Line


@dataclass
class DraftBlock:
    kind: str
    spans: list[tuple[int, int]]
    texts: list[str]
    line: Line | None = None  # the first source line (for its dateline match)

    @property
    def text(self) -> str:
        return "".join(self.texts)


@dataclass
class Draft:
    head: list[DraftBlock] = field(default_factory=list)  # column, kicker, headline, subheadline, byline
    body: list[DraftBlock] = field(default_factory=list)
    open_paragraph: DraftBlock | None = None  # the last paragraph, while its sentence is unfinished
    titled: bool = False
    column_from: Draft | None = None  # a brief in a column box (简讯) takes the box's column tag

    @property
    def paragraphs(self) -> list[DraftBlock]:
        return [block for block in self.body if block.kind == "paragraph"]

    def has_story(self) -> bool:
        """Has the article's own text begun (more than an editor's note before it)?"""
        return any(block.kind != "paragraph" or not PREFACE.match(block.text) for block in self.body)

    def is_feature(self) -> bool:
        """Features (own-line byline, no dateline) have section headings; news items rarely do."""
        if any(block.kind == "byline" for block in self.head) or any(b.kind == "heading" for b in self.body):
            return True
        paragraphs = [block for block in self.paragraphs if not PREFACE.match(block.text)]
        return bool(paragraphs) and paragraphs[0].line is not None and paragraphs[0].line.dateline is None

    def all_text(self) -> str:
        return "".join(block.text for block in self.head + self.body)


@dataclass
class PageDraft:
    kind: str
    lines: list[Line]


def make_block(kind: str, line: Line, first: int = 0, last: int | None = None) -> DraftBlock:
    """A block of `line.text[first:last]` (indexes in the line's text, not source offsets)."""
    last = len(line.text) if last is None else last
    spans = line.spans(first, last)
    return DraftBlock(kind, spans, [line.text[first:last]] if spans else [], line)
