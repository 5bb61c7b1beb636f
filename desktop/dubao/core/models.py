"""Frozen dataclasses shared by every layer (core, CLI, GUI).

Offsets everywhere in the core are Python `str` indices (Unicode code points), half-open `[start, end)`.
Qt counts UTF-16 code units; convert only at the Qt boundary with `Span.to_qt` / `Span.from_qt`
(or `dubao.core.offsets.Utf16Map` when converting many offsets into one text).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# the kinds and statuses (BlockKind, Color, … and their tuples) live in dubao.core.kinds; re-exported here
from dubao.core.kinds import (ANCHOR_STATUSES, ANNOTATION_COLORS, BLOCK_KINDS, ENTITY_KINDS,  # noqa: F401
                              AnchorStatus, BlockKind, Color, EntityKind, ImportStatus, VocabStatus)
from dubao.core.offsets import Utf16Map

SourceSpans = tuple[tuple[int, int], ...]
# [x0, y0, x1, y1] in PDF points (1/72 inch), origin at the top left of the page
BBox = tuple[float, float, float, float]


def to_jsonable(value: Any) -> Any:
    """Dataclass (or containers of them) -> plain dicts/lists, ready for json.dumps."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # a field left out of comparisons is a convenience link (Article.issue), not part of the record
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value) if f.compare}
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


# ---- the issue: as split from its source, and as the library holds it -------------------------------


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """The file an issue was read from: its path, the SHA-256 of its bytes, how it was decoded."""

    path: str | None
    sha256: str
    encoding: str
    chars: int  # 0 when not counted (an issue as the library lists it)


@dataclass(frozen=True, slots=True)
class Block:
    """One typographic unit of an article. `start`/`end` index into `Article.text`;
    `source_spans` are the ranges of the decoded source text the block was made from
    (several when a paragraph broken by the layout was joined back)."""

    kind: str  # a BlockKind
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
    """One article. As split, `id` and `issue_id` are None; the library fills them when it stores it.
    `issue` is set where a consumer needs the article's issue at hand (exports, citations)."""

    index: int  # 1-based, page order
    headline: str
    kicker: str | None
    subheadline: str | None
    column: str | None
    reporters: tuple[str, ...]
    photographers: tuple[str, ...]
    dateline: str | None
    text: str  # the blocks' texts joined by "\n"
    blocks: tuple[Block, ...] = ()
    id: int | None = None
    issue_id: int | None = None
    issue: Issue | None = field(default=None, repr=False, compare=False)

    @property
    def byline(self) -> str:
        """'记者 李雅萍 · 摄影 王洋', or '' when the article names nobody."""
        parts = []
        if self.reporters:
            parts.append("记者 " + "、".join(self.reporters))
        if self.photographers:
            parts.append("摄影 " + "、".join(self.photographers))
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Issue:
    """One newspaper issue. As split: `source`, `page_items` and `articles`. As the library lists it, also
    `id`, `paper`, `date`, what derived it and `article_count` (its articles are loaded on demand)."""

    source: SourceInfo
    page_items: tuple[PageItem, ...] = ()
    articles: tuple[Article, ...] = ()
    id: int | None = None
    paper: str | None = None
    date: str | None = None  # ISO 8601 date, None when unknown
    page: str | None = None  # the page as printed ("1", "A3"), when known
    url: str | None = None  # where the issue can be read on the web, when known
    importer_version: str = ""  # the Dubao that stored it
    splitter_version: str | None = None  # the splitter that derived its articles (split.SPLITTER_VERSION)
    analyser_version: str | None = None  # the entity analyser that found its entities; None: not analysed
    imported: str | None = None  # ISO 8601, UTC
    article_count: int = -1  # -1: as many as `articles` holds

    def __post_init__(self) -> None:
        if self.article_count < 0:
            object.__setattr__(self, "article_count", len(self.articles))

    @property
    def source_path(self) -> str | None:
        return self.source.path

    @property
    def sha256(self) -> str:
        return self.source.sha256

    @property
    def encoding(self) -> str:
        return self.source.encoding

    @property
    def label(self) -> str:
        """'吕梁日报 2023-02-18 第1版' — how a reader names this issue."""
        parts = [self.paper or "Unknown paper"]
        if self.date:
            parts.append(self.date)
        if self.page:
            parts.append(f"第{self.page}版")
        return " ".join(parts)


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

@dataclass(frozen=True, slots=True)
class Mention:
    article: int  # article index (1-based) within the issue
    start: int  # into that article's text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str  # an EntityKind
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()  # "reporter", "photographer"
    expansion: tuple[str, ...] = ()  # formulations: the enumerated parts
    explanation: str = ""  # formulations: one line from the glossary
    value: str | None = None  # dates: ISO value, None when vague
    mentions: tuple[Mention, ...] = ()
    context: str = ""  # formulations not in the glossary: the sentence of their first mention
    source: str = ""  # formulations in the glossary: where and when they were put forward

    @property
    def role_labels(self) -> tuple[str, ...]:
        """The roles as a Chinese page names them (记者, 摄影), to sit among the person's Chinese titles."""
        return tuple(ROLE_NAMES.get(role, role) for role in self.roles)


ROLE_NAMES = {"reporter": "记者", "photographer": "摄影", "correspondent": "通讯员"}


# ---- the user's work ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight with its note and tags. Before the library holds it (an annotation to add, perhaps with the
    outcome of re-anchoring it) `id` is None; the library fills `id`, `created`, `updated` and reads `quote`,
    `prefix` and `suffix` from the article — except for an orphan, whose quote is all that is left of it."""

    article_id: int
    start: int
    end: int
    color: str = Color.YELLOW
    note: str = ""
    tags: tuple[str, ...] = ()
    status: str = AnchorStatus.EXACT
    score: float | None = None  # fuzzy re-anchoring score, 0..1
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    id: int | None = None
    created: str = ""  # ISO 8601, UTC
    updated: str = ""
    source_start: int | None = None
    source_end: int | None = None
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
    status: str  # a VocabStatus
    added: str  # ISO 8601
    updated: str = ""  # ISO 8601: when its status or fields last changed ("" if never recorded)


# ---- the library ----------------------------------------------------------------------------------


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
    """What importing one file did."""

    status: str  # an ImportStatus
    path: str | None
    issue_id: int
    articles: int
    reason: str | None = None  # why it was skipped: "duplicate" (the same file), "same-content" (the same issue)
    replaced: bool = False  # True when --replace re-derived an issue already in the library
    reanchored: tuple[Annotation, ...] = ()  # after --replace: every annotation with its new status


__all__ = [name for name in dir() if not name.startswith("_")] + ["field"]
