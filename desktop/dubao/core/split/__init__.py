"""Splitting the decoded text of an issue into articles: `split_issue(text) -> Issue`.

The work is done in steps, each in its own module:
  patterns     the press conventions as regular expressions (bylines, credits, datelines, furniture)
  source_line  one line: its compact text (letter-spacing left out) and the source spans behind it
  lines        lines and their shapes (length, punctuation, the patterns); then, from their neighbours:
               wrap (hard-wrapped text, pdftotext's column runs), gaps (blank lines that part articles),
               tables (rows of a table and its title)
  blocks       the walk that assembles article drafts (drafts) and page items; body_lines its body part
  titles       roles inside a title run and the late headline of an article printed body-first
  people       reporters, photographers and datelines of an article
This module turns the drafts into `dubao.core.models` objects and offers the JSON and outline views.

Guarantees (tested): pure and deterministic; never raises on any text; every non-space character of the
source lies in exactly one block or page item; each block's text is exactly the concatenation of the
source slices in its `source_spans`. A page item of several lines (a 导读 box) joins its lines with a line feed.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from dubao.core.models import Article, Block, Issue, PageItem, SourceInfo
from dubao.core.split.blocks import assemble
from dubao.core.split.drafts import Draft, PageDraft
from dubao.core.split.lines import classify, scan_lines
from dubao.core.split.people import article_people
from dubao.core.split.titles import photo_headline

# Raised whenever a change to the rules can change the articles of an issue already in a library, so that
# `dubao issues --stale` finds the issues an older splitter derived (and `--resplit --stale` re-derives them).
SPLITTER_VERSION = "2026.12.1"

_DISPATCH_LABEL = re.compile(r"^题\s*[:：]\s*")
_FIELD_TRIM = "【】[]〔〕「」『』（）() □■●◆◇▲△○☆★—-－\u3000"


def _field(draft: Draft, kind: str) -> str | None:
    for block in draft.head:
        if block.kind == kind:
            text = _DISPATCH_LABEL.sub("", block.text) if kind == "headline" else block.text
            return text.strip(_FIELD_TRIM) or block.text
    return None


def _article(index: int, draft: Draft) -> Article:
    blocks: list[Block] = []
    cursor = 0
    for draft_block in draft.head + draft.body:
        text = draft_block.text
        blocks.append(Block(draft_block.kind, text, cursor, cursor + len(text), tuple(draft_block.spans)))
        cursor += len(text) + 1
    reporters, photographers, dateline = article_people(
        (block.kind, block.text, block.line.dateline if block.line is not None else None)
        for block in draft.head + draft.body
    )
    headline = _field(draft, "headline") or photo_headline([(block.kind, block.text) for block in blocks]) or ""
    return Article(
        index=index,
        headline=headline,
        kicker=_field(draft, "kicker"),
        subheadline=_field(draft, "subheadline"),
        column=_field(draft, "column") or (
            _field(draft.column_from, "column") if draft.column_from and not draft.titled else None
        ),
        reporters=reporters,
        photographers=photographers,
        dateline=dateline,
        text="\n".join(block.text for block in blocks),
        blocks=tuple(blocks),
    )


def _fallback_source(text: str) -> SourceInfo:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return SourceInfo(path=None, sha256=digest, encoding="utf-8", chars=len(text))


def split_issue(text: str, source: SourceInfo | None = None) -> Issue:
    """Split the decoded text of an issue (or page) into articles and page items."""
    lines = classify(scan_lines(text))
    drafts, page_drafts = assemble(lines)
    # title lines with no text under them (a section title, a teaser) belong to the page, not to an article
    for draft in drafts:
        if draft.head and not draft.body:  # one line may hold two head blocks (电　题：…): list it once
            lines_once = list({id(block.line): block.line for block in draft.head}.values())
            page_drafts.append(PageDraft("title", sorted(lines_once, key=lambda line: line.start)))
    with_text = [draft for draft in drafts if draft.body]
    articles = tuple(_article(number, draft) for number, draft in enumerate(with_text, start=1))
    page_items = tuple(
        PageItem(
            item.kind, "\n".join(line.text for line in item.lines),
            tuple(span for line in item.lines for span in line.spans()),
        )
        for item in sorted(page_drafts, key=lambda item: item.lines[0].start)
    )
    return Issue(source=source or _fallback_source(text), page_items=page_items, articles=articles,
                 splitter_version=SPLITTER_VERSION)


# ---- views ----------------------------------------------------------------------------------------


def issue_to_json(issue: Issue) -> dict[str, Any]:
    """The `dubao split --json` shape: offsets are code-point indices, half-open."""
    source = issue.source
    return {
        "source": {"path": source.path, "sha256": source.sha256, "encoding": source.encoding, "chars": source.chars},
        "page_items": [
            {"kind": item.kind, "text": item.text, "source_spans": [list(span) for span in item.source_spans]}
            for item in issue.page_items
        ],
        "articles": [
            {
                "index": article.index,
                "headline": article.headline,
                "kicker": article.kicker,
                "subheadline": article.subheadline,
                "column": article.column,
                "reporters": list(article.reporters),
                "photographers": list(article.photographers),
                "dateline": article.dateline,
                "text": article.text,
                "blocks": [
                    {
                        "kind": block.kind, "text": block.text, "start": block.start, "end": block.end,
                        "source_spans": [list(span) for span in block.source_spans],
                    }
                    for block in article.blocks
                ],
            }
            for article in issue.articles
        ],
    }


def _count(article: Article, kind: str) -> int:
    return sum(1 for block in article.blocks if block.kind == kind)


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _short(text: str, width: int = 40) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= width else text[: width - 1] + "…"


def outline(issue: Issue) -> str:
    """The readable outline `dubao split FILE` prints: articles, headlines, bylines, paragraph counts."""
    source = issue.source
    out = [
        f"{source.path or '(text)'}  ·  {source.encoding}  ·  {source.chars} characters  ·  "
        f"{_plural(len(issue.articles), 'article')}, {_plural(len(issue.page_items), 'page item')}"
    ]
    for item in issue.page_items:
        out.append(f"  [{item.kind}] {_short(item.text, 60)}")
    for article in issue.articles:
        out.append("")
        column = f"【{article.column}】 " if article.column else ""
        out.append(f"{article.index}. {column}{article.headline or '（无标题 untitled）'}")
        if article.kicker:
            out.append(f"   kicker:      {article.kicker}")
        if article.subheadline:
            out.append(f"   subheadline: {article.subheadline}")
        people = []
        if article.reporters:
            people.append("reporters " + "、".join(article.reporters))
        if article.photographers:
            people.append("photos " + "、".join(article.photographers))
        if article.dateline:
            people.append("dateline " + article.dateline)
        if people:
            out.append("   " + " · ".join(people))
        counts = [_plural(_count(article, "paragraph"), "paragraph")]
        for kind in ("heading", "caption", "credit"):
            if _count(article, kind):
                counts.append(_plural(_count(article, kind), kind))
        counts.append(_plural(len(article.text), "character"))
        out.append("   " + ", ".join(counts))
        for block in article.blocks:
            if block.kind == "heading":
                out.append(f"   § {block.text}")
    return "\n".join(out) + "\n"


__all__ = ["split_issue", "issue_to_json", "outline"]
