"""Printed pages (PDF text layers) → the same `Issue` the text splitter makes, with page and bbox on every
block and page item.

The issue's source text — what the library keeps and every `source_spans` indexes — is defined here: page by
page, the page header items, then each article's boxes in reading order (title, then body column by column,
then captions), then the other page items, the footer last; one printed line per text line, a blank line
after every box. Each block's text is the concatenation of its lines' slices of that text.

Layout: `pdf_lines` (characters → lines → boxes), `page_layout_roles` (what a box is), `page_layout_regions`
(which article a box belongs to). Who wrote an article and its dateline come from `split.people`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from dubao.core.ingest.pdf import PdfPage
from dubao.core.ingest.pdf_lines import TextBox, TextLine
from dubao.core.models import Article, BBox, Block, Issue, PageItem, SourceInfo
from dubao.core.split import SPLITTER_VERSION
from dubao.core.split.page_layout_regions import PageArticle, PageLayout, layout_page, reading_order
from dubao.core.split.page_layout_roles import caption_kind, no_article_kind, paragraph_kind, paragraphs
from dubao.core.split.patterns import COLUMN_WORDS, DATELINE
from dubao.core.split.people import article_people

_TRIM = "【】[]〔〕「」『』（）() □■●◆◇▲△○☆★—-－\u3000 "
_MEDIUM = re.compile(r"(?:报|社|网|台|刊|站)$")  # 新甘肃·甘肃法治报 (记者 齐洪德) is no reporter


def _union(boxes: Sequence[BBox]) -> BBox:
    return (round(min(b[0] for b in boxes), 1), round(min(b[1] for b in boxes), 1),
            round(max(b[2] for b in boxes), 1), round(max(b[3] for b in boxes), 1))


class _SourceWriter:
    """Appends lines to the source text and remembers where each line went."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.cursor = 0
        self.spans: dict[int, tuple[int, int]] = {}

    def box(self, box: TextBox) -> None:
        for line in box.lines:
            self.spans[id(line)] = (self.cursor, self.cursor + len(line.text))
            self.parts.append(line.text + "\n")
            self.cursor += len(line.text) + 1
        self.parts.append("\n")
        self.cursor += 1

    def text(self) -> str:
        return "".join(self.parts)


class _Drafts:
    """Blocks of one article as (kind, lines) before offsets into the article text are known."""

    def __init__(self, page: int, column: str | None = None) -> None:
        self.page = page
        self.column = column  # the column name of briefs printed under one (简讯)
        self.blocks: list[tuple[str, list[TextLine]]] = []

    def add(self, kind: str, lines: list[TextLine]) -> None:
        self.blocks.append((kind, list(lines)))


def _article_drafts(article: PageArticle, layout: PageLayout, writer: _SourceWriter) -> _Drafts:
    drafts = _Drafts(layout.page.number)
    if article.group is not None:
        for role, box in article.group.roles:
            writer.box(box)
            drafts.add(role, box.lines)
    for box in reading_order(article.boxes):
        writer.box(box)
        for number, lines in enumerate(paragraphs(box)):
            kind = paragraph_kind(lines, layout.body, layout.font)
            first = lines[0]
            # the top of a column that is not indented goes on with the paragraph the column before left off
            continued = number == 0 and kind == "paragraph" and first.bbox[0] < box.bbox[0] + 1.2 * first.size
            # a heading of two lines (把好“普法关” / 狠抓基层源头治理) is one heading
            two_line_heading = number > 0 and kind == "heading"
            if drafts.blocks and drafts.blocks[-1][0] == kind and (continued or two_line_heading):
                drafts.blocks[-1][1].extend(lines)
            else:
                drafts.add(kind, lines)
    for box in sorted(article.captions, key=lambda b: (b.bbox[1], b.bbox[0])):
        writer.box(box)
        drafts.add(caption_kind(box.text), box.lines)
    return drafts


def _is_column_label(blocks: list[tuple[str, list[TextLine]]]) -> bool:
    """Only a title so far, and it reads as a column name (简讯, 案件速递, 法治一线 …)."""
    if not blocks or any(kind not in ("kicker", "headline", "subheadline", "column") for kind, _ in blocks):
        return False
    title = "".join(line.text for kind, lines in blocks if kind == "headline" for line in lines)
    return bool(COLUMN_WORDS.search(title.strip())) and len(title.strip()) <= 8


def _split_briefs(drafts: _Drafts) -> list[_Drafts]:
    """A heading followed by a paragraph that opens with a dateline (本报讯…, 新华社…电) starts another
    story: briefs whose titles are printed hardly larger than the text, in one column under one title or
    under a column name (简讯), which then names the column of each brief."""
    result = [_Drafts(drafts.page)]
    blocks = drafts.blocks
    for index, (kind, lines) in enumerate(blocks):
        current = result[-1]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        opens_story = kind == "heading" and following is not None and following[0] == "paragraph" \
            and bool(DATELINE.match("".join(line.text for line in following[1])))
        if opens_story and not current.blocks:
            kind = "headline"  # an untitled run of briefs: its first heading is the first brief's title
        elif opens_story and any(k == "paragraph" for k, _ in current.blocks):
            result.append(_Drafts(drafts.page, current.column))
            kind = "headline"
        elif opens_story and _is_column_label(current.blocks):
            label = "".join(line.text for k, ls in current.blocks if k == "headline" for line in ls)
            current.blocks = [("column" if k == "headline" else k, ls) for k, ls in current.blocks]
            current.column = label.strip()
            kind = "headline"
        result[-1].add(kind, lines)
    return result


def _field(blocks: list[Block], kind: str) -> str | None:
    for block in blocks:
        if block.kind == kind:
            return block.text.strip(_TRIM) or block.text
    return None


def _people(blocks: list[Block]):
    reporters, photographers, dateline = article_people(
        (block.kind, block.text, DATELINE.match(block.text) if block.kind in ("paragraph", "byline") else None)
        for block in blocks
    )
    keep = lambda names: tuple(name for name in names if not _MEDIUM.search(name))  # noqa: E731
    return keep(reporters), keep(photographers), dateline


def _article(index: int, drafts: _Drafts, writer: _SourceWriter, lead: str | None) -> Article:
    blocks: list[Block] = []
    cursor = 0
    for kind, lines in drafts.blocks:
        text = "".join(line.text for line in lines)
        spans = tuple(writer.spans[id(line)] for line in lines)
        blocks.append(Block(kind, text, cursor, cursor + len(text), spans, drafts.page,
                            _union([line.bbox for line in lines]), _confidence(lines)))
        cursor += len(text) + 1
    reporters, photographers, dateline = _people(blocks)
    return Article(
        index=index,
        headline=_field(blocks, "headline") or (lead or "").strip(_TRIM),
        kicker=_field(blocks, "kicker"),
        subheadline=_field(blocks, "subheadline"),
        column=_field(blocks, "column") or drafts.column,
        reporters=reporters,
        photographers=photographers,
        dateline=dateline,
        text="\n".join(block.text for block in blocks),
        blocks=tuple(blocks),
    )


def _confidence(lines: list[TextLine]) -> float | None:
    scores = [line.confidence for line in lines if line.confidence is not None]
    return round(sum(scores) / len(scores), 3) if scores else None


def _item(kind: str, box: TextBox, writer: _SourceWriter, page: int) -> PageItem:
    return PageItem(kind, "\n".join(line.text for line in box.lines),
                    tuple(writer.spans[id(line)] for line in box.lines), page, _union([box.bbox]),
                    _confidence(box.lines))


def _fallback_source(text: str) -> SourceInfo:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return SourceInfo(path=None, sha256=digest, encoding="pdf", chars=len(text))


def layout_issue(pages: Sequence[PdfPage], source: SourceInfo | None = None) -> tuple[str, Issue]:
    """(source text, Issue) for the pages of one issue, in the order given."""
    writer = _SourceWriter()
    articles: list[Article] = []
    page_items: list[PageItem] = []
    for page in pages:
        layout = layout_page(page)
        top = [(kind, box) for kind, box in layout.items if kind == "header"]
        bottom = [(kind, box) for kind, box in layout.items if kind != "header"]
        for kind, box in sorted(top, key=lambda pair: (pair[1].bbox[1], pair[1].bbox[0])):
            writer.box(box)
            page_items.append(_item(kind, box, writer, page.number))
        for article in layout.articles:
            for number, drafts in enumerate(_split_briefs(_article_drafts(article, layout, writer))):
                if not drafts.blocks:
                    continue
                found = _article(len(articles) + 1, drafts, writer, article.lead if number == 0 else None)
                kind = no_article_kind(found.headline, found.text, bool(found.reporters or found.dateline))
                if kind is None:
                    articles.append(found)
                else:  # a 导读 box or an ad set like an article
                    page_items.append(PageItem(kind, found.text, tuple(s for b in found.blocks for s in b.source_spans),
                                               page.number, _union([b.bbox for b in found.blocks])))
        for kind, box in sorted(bottom, key=lambda pair: (pair[0] == "footer", pair[1].bbox[1], pair[1].bbox[0])):
            writer.box(box)
            page_items.append(_item(kind, box, writer, page.number))
    text = writer.text()
    if source is not None:
        source = SourceInfo(source.path, source.sha256, source.encoding, len(text))
    return text, Issue(source=source or _fallback_source(text), page_items=tuple(page_items),
                       articles=tuple(articles), splitter_version=SPLITTER_VERSION)
