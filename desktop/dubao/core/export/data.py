"""What every export format reads: the issue/article context of a set of annotations and vocabulary.

The formatters (`export_markdown`, `export_csv`, `export_w3c`, `export_anki`, `export_citation`,
`export_qdpx`) are pure functions of one `ExportData`; `dubao.core.export` builds it from the Store.
Keeping them pure means each format is tested on plain data, and a format never runs a query.

Offsets are code points into `Article.text`, half-open, as everywhere in the core.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from dubao.core.models import Annotation, Article, VocabItem

# Highlight colours as RGB, for formats that carry a colour value (REFI-QDA codes, Markdown legends).
COLOR_HEX = {
    "yellow": "#FFE066",
    "green": "#8CE99A",
    "blue": "#74C0FC",
    "pink": "#FAA2C1",
    "purple": "#B197FC",
}
DEFAULT_COLOR_HEX = "#CED4DA"

# One namespace for every identifier Dubao derives (annotation ids, REFI GUIDs, Anki ids), so an export of
# the same work always carries the same identifiers and a re-import can recognise it.
DUBAO_NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-5c7d-9e0f-0d0b0a0a0b00")

# Only a folio the file name states as one ("第3版", "03版"): a "-p1" is as often a download's first page,
# and a citation with a wrong page is worse than one without.
_PAGE_IN_FILENAME = re.compile(r"(?:第\s*)?0*(\d{1,3})\s*版")


def stable_uuid(*parts: object) -> uuid.UUID:
    """A UUID that depends only on `parts` (uuid5 in Dubao's namespace)."""
    return uuid.uuid5(DUBAO_NAMESPACE, "\x1f".join(str(part) for part in parts))


def page_from_source_path(path: str | None) -> str | None:
    """'…/光明日报 2022-03-04 第1版.txt' -> '1'; None when the name states no folio ('…-p1.txt' does not)."""
    if not path:
        return None
    stem = re.split(r"[\\/]", path)[-1].rsplit(".", 1)[0]
    match = _PAGE_IN_FILENAME.search(stem)
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything one export covers. `annotations` are in reading order (article order, then start)."""

    title: str
    articles: tuple[Article, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    vocabulary: tuple[VocabItem, ...] = ()
    tag: str | None = None  # the tag filter the user chose, for titles
    _by_id: dict[int, Article] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({article.id: article for article in self.articles})

    def article(self, article_id: int | None) -> Article | None:
        return self._by_id.get(article_id) if article_id is not None else None

    def annotations_by_article(self) -> dict[int, list[Annotation]]:
        grouped: dict[int, list[Annotation]] = defaultdict(list)
        for annotation in self.annotations:
            grouped[annotation.article_id].append(annotation)
        return grouped

    @property
    def is_empty(self) -> bool:
        return not (self.articles or self.annotations or self.vocabulary)


def sentence_parts(article: Article | None, annotation: Annotation) -> tuple[str, str, str] | None:
    """(before, highlighted, after): the sentence around a highlight, as researchers quote it in context.
    None for an orphan (its position points at other words) or when the sentence is the highlight itself."""
    from dubao.core.analysis import sentence_around

    if article is None or annotation.status == "orphaned" or not 0 <= annotation.start < annotation.end <= len(
            article.text):
        return None
    sentence = sentence_around(article.text, annotation.start, annotation.end)
    highlighted = article.text[annotation.start:annotation.end]
    at = sentence.find(highlighted)
    if at < 0 or sentence == highlighted:
        return None
    return sentence[:at], highlighted, sentence[at + len(highlighted):]


def reading_order(articles: tuple[Article, ...], annotations: list[Annotation]) -> tuple[Annotation, ...]:
    """Sort annotations as a reader meets them: by issue date, article order, then position in the text."""
    rank = {article.id: position for position, article in enumerate(articles)}
    return tuple(sorted(annotations, key=lambda a: (rank.get(a.article_id, len(rank)), a.start, a.end, a.id)))
