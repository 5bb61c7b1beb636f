"""Frozen dataclasses shared by every layer (core, CLI, GUI).

Offsets everywhere in the core are Python `str` indices (Unicode code points), half-open `[start, end)`.
Qt counts UTF-16 code units; convert only at the Qt boundary with `Span.to_qt` / `Span.from_qt`
(or `dubao.core.offsets.Utf16Map` when converting many offsets into one text).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from dubao.core.offsets import Utf16Map

SourceSpans = tuple[tuple[int, int], ...]
# [x0, y0, x1, y1] in PDF points (1/72 inch), origin at the top left of the page
BBox = tuple[float, float, float, float]


def to_jsonable(value: Any) -> Any:
    """Dataclass (or containers of them) -> plain dicts/lists, ready for json.dumps."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of code points into one text."""

    start: int
    end: int

    def to_qt(self, text: str) -> tuple[int, int]:
        """(start, end) in UTF-16 units of `text`, as QTextCursor positions count them."""
        table = Utf16Map(text)
        return table.to_utf16(self.start), table.to_utf16(self.end)

    @classmethod
    def from_qt(cls, text: str, qt_start: int, qt_end: int) -> "Span":
        table = Utf16Map(text)
        return cls(table.to_codepoint(qt_start), table.to_codepoint(qt_end))


# ---- the issue as split from its source -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceInfo:
    path: str | None
    sha256: str
    encoding: str
    chars: int


BLOCK_KINDS = (
    "kicker", "headline", "subheadline", "column", "byline",
    "heading", "paragraph", "caption", "credit",
)


@dataclass(frozen=True, slots=True)
class Block:
    """One typographic unit of an article. `start`/`end` index into `Article.text`;
    `source_spans` are the ranges of the decoded source text the block was made from
    (several when a paragraph broken by the layout was joined back)."""

    kind: str
    text: str
    start: int
    end: int
    source_spans: SourceSpans
    page: int | None = None  # 1-based page of a PDF the block was read from; None for text sources
    bbox: BBox | None = None  # where it is printed on that page
    ocr_confidence: float | None = None  # 0..1 when the block was read by OCR, None when from a text layer


@dataclass(frozen=True, slots=True)
class PageItem:
    """Text on the page that belongs to no article (banner, page header, 导读 box, ad, weather table …)."""

    kind: str
    text: str
    source_spans: SourceSpans
    page: int | None = None
    bbox: BBox | None = None
    ocr_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Article:
    index: int  # 1-based, page order
    headline: str
    kicker: str | None
    subheadline: str | None
    column: str | None
    reporters: tuple[str, ...]
    photographers: tuple[str, ...]
    dateline: str | None
    text: str  # the blocks' texts joined by "\n"
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    source: SourceInfo
    page_items: tuple[PageItem, ...]
    articles: tuple[Article, ...]


# ---- language --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its reading in context. `numbers` has one entry per character of `text`
    (a non-Han character gives itself). `spoken` is the tone-sandhi form (一/不) when it differs."""

    text: str
    start: int
    end: int
    pinyin: str  # tone marks, syllables separated by spaces: "yín háng"
    numbers: tuple[str, ...]  # ("yin2", "hang2")
    spoken: str | None = None


@dataclass(frozen=True, slots=True)
class DictEntry:
    simplified: str
    traditional: str
    pinyin: str  # tone marks: "háng"
    numbers: str  # CC-CEDICT style: "hang2"
    definitions: tuple[str, ...]
    measure_words: tuple[str, ...] = ()


# ---- entities ---------------------------------------------------------------------------------

ENTITY_KINDS = ("person", "place", "organization", "date", "formulation")


@dataclass(frozen=True, slots=True)
class Mention:
    article: int  # article index (1-based) within the issue
    start: int  # into that article's text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str  # one of ENTITY_KINDS
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # "reporter", "photographer"
    expansion: tuple[str, ...] = ()  # formulations: the enumerated parts
    explanation: str = ""  # formulations: one line from the glossary
    value: str | None = None  # dates: ISO value, None when vague
    mentions: tuple[Mention, ...] = ()
    context: str = ""  # formulations not in the glossary: the sentence of their first mention
    source: str = ""  # formulations in the glossary: where and when they were put forward


# ---- the user's work ----------------------------------------------------------------------------

ANNOTATION_COLORS = ("yellow", "green", "blue", "pink", "purple")
ANCHOR_STATUSES = ("exact", "moved", "fuzzy", "orphaned")


@dataclass(frozen=True, slots=True)
class Annotation:
    id: int
    article_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    color: str
    note: str
    tags: tuple[str, ...]
    status: str  # one of ANCHOR_STATUSES
    created: str  # ISO 8601, UTC
    updated: str
    source_start: int | None = None
    source_end: int | None = None
    score: float | None = None  # fuzzy re-anchoring score, 0..1
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class VocabItem:
    id: int
    word: str
    pinyin: str
    definition: str
    hsk: int | None
    sentence: str
    article_id: int | None
    start: int | None  # of the word in the article text
    end: int | None
    status: str  # "learning" | "known"
    added: str  # ISO 8601


# ---- the library (dubao.core.library.store) -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssueRecord:
    """One imported issue as the library lists it."""

    id: int
    paper: str | None
    date: str | None  # ISO 8601 date, None when unknown
    source_path: str | None
    sha256: str
    encoding: str
    importer_version: str
    imported: str  # ISO 8601, UTC
    article_count: int


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An `Article` as stored: with its library id and the id of its issue."""

    id: int
    issue_id: int
    index: int
    headline: str
    kicker: str | None
    subheadline: str | None
    column: str | None
    reporters: tuple[str, ...]
    photographers: tuple[str, ...]
    dateline: str | None
    text: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class PageSource:
    """A printed page of an issue imported from PDF, as the library keeps it: a one-page PDF to render."""

    page: int  # 1-based, as Block.page counts
    pdf: bytes
    width: float  # points
    height: float
    printed: str | None = None  # the page number printed on it ("8"), for citations


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One occurrence of the query: `start`/`end` are code points into the article text."""

    issue_id: int
    article_id: int
    headline: str
    start: int
    end: int
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    total: int  # every occurrence in the library, not just the hits returned
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What importing one file did. `status`: "imported" | "skipped" (its source is already in the library)."""

    status: str
    path: str | None
    issue_id: int
    articles: int
    reason: str | None = None  # why it was skipped ("duplicate")
    replaced: bool = False  # True when --replace re-derived an issue already in the library
    reanchored: tuple[Annotation, ...] = ()  # after --replace: every annotation with its new status


__all__ = [name for name in dir() if not name.startswith("_")] + ["field"]
