"""Saved web pages → one Issue: each page is one article; pages of one paper and date form one issue.

The library keeps one source text per issue, and every block's `source_spans` index into it. For web pages that
text is written here from what the pages say, in the shape of web copy: per article its kicker, headline,
subheadline and byline on lines of their own, then one line per paragraph, and a blank line between articles.
Splitting that text again (`dubao issues --resplit`) gives the same articles back by the text rules.

Articles are ordered by the page they were printed on, then by file name (e-paper sites number the articles
of a page in the file name: …_20260114_2-01.htm is the second article of page 1).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from dubao.core import split
from dubao.core.errors import IngestError
from dubao.core.ingest.html_page import HTML_SUFFIXES, MAX_BYTES, WebPage, is_web_page, read_web_page
from dubao.core.models import Article, Block, BlockKind, Issue, PageItem, SourceInfo
from dubao.core.split.patterns import DATELINE
from dubao.core.split.people import article_people

__all__ = ["HTML_SUFFIXES", "is_web_page", "web_files", "read_web_files", "group_pages", "issue_from_pages"]


def web_files(path: str | Path) -> list[Path]:
    """A saved page as given, or the saved pages inside a folder (recursively, in name order)."""
    path = Path(path)
    if path.is_dir():
        return sorted(found for found in path.rglob("*") if found.is_file() and is_web_page(found))
    return [path]


def _read_one(path: Path) -> WebPage:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(f"{path}: the web page is too large (over 20 MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot read the file ({error.strerror or error})") from None
    if not data.strip():
        raise IngestError(f"{path}: the file is empty")
    try:
        return read_web_page(data, str(path.expanduser().resolve()))
    except IngestError as error:
        raise IngestError(f"{path}: {error}") from None


def read_web_files(paths: Iterable[str | Path], problems: list[IngestError] | None = None) -> list[WebPage]:
    """Every saved page among `paths` (files or folders). Raises IngestError for a folder without any saved page
    and for the first page that cannot be read or holds no article — unless `problems` is given: then such
    pages are left out and their errors added to it."""
    pages = []
    for given in paths:
        found = web_files(given)
        if not found:
            raise IngestError(f"{given}: no saved web pages (.html, .htm) in this folder")
        for path in found:
            try:
                pages.append(_read_one(path))
            except IngestError as error:
                if problems is None:
                    raise
                problems.append(error)
    return pages


def _page_order(page: str | None) -> tuple:
    if not page:
        return (1, "", 0)
    letters = "".join(ch for ch in page if ch.isalpha())
    digits = "".join(ch for ch in page if ch.isdigit())
    return (0, letters, int(digits) if digits else 0)


def _article_order(page: WebPage) -> tuple:
    # the article's number on its page in e-paper file names (…_2-01.htm), else the name as it sorts
    number = re.search(r"_(\d{1,3})-[A-Za-z]?\d{1,3}$", Path(page.path or "").stem)
    return _page_order(page.page), int(number.group(1)) if number else 0, page.path or ""


def group_pages(pages: Sequence[WebPage]) -> list[list[WebPage]]:
    """Pages of one paper and date together (one issue each), in the order their first page was given."""
    groups: dict[tuple, list[WebPage]] = {}
    for page in pages:
        groups.setdefault((page.paper, page.date), []).append(page)
    return list(groups.values())


def _head_blocks(page: WebPage) -> list[tuple[str, str]]:
    head = [(BlockKind.KICKER, page.kicker), (BlockKind.HEADLINE, page.headline),
            (BlockKind.SUBHEADLINE, page.subheadline), (BlockKind.BYLINE, page.byline)]
    return [(kind, text) for kind, text in head if text]


def _common(values: Iterable[str | None]) -> str | None:
    """The value most pages agree on (None when none says)."""
    counted: dict[str, int] = {}
    for value in values:
        if value:
            counted[value] = counted.get(value, 0) + 1
    return max(counted, key=counted.get) if counted else None


def issue_from_pages(pages: Sequence[WebPage], *, paper: str | None = None, date: str | None = None,
                     page: str | None = None) -> tuple[Issue, str]:
    """One Issue from the articles of saved web pages, and the source text its spans index into.
    `paper`, `date` and `page` override what the pages say."""
    if not pages:
        raise IngestError("no web pages to import")
    ordered = sorted(pages, key=_article_order)
    pieces: list[str] = []
    offset = 0
    articles = []
    page_items = []
    for number, web in enumerate(ordered, start=1):
        blocks = []
        cursor = 0
        for kind, text in _head_blocks(web) + list(web.paragraphs):
            blocks.append(Block(kind, text, cursor, cursor + len(text), ((offset, offset + len(text)),)))
            pieces.append(text)
            offset += len(text) + 1
            cursor += len(text) + 1
        for kind, text in web.furniture:  # after the article, as a page prints its editor's name
            page_items.append(PageItem(kind, text, ((offset, offset + len(text)),)))
            pieces.append(text)
            offset += len(text) + 1
        pieces.append("")  # the blank line between articles
        offset += 1
        reporters, photographers, dateline = article_people(
            (block.kind, block.text, DATELINE.match(block.text)) for block in blocks)
        articles.append(Article(
            index=number, headline=web.headline, kicker=web.kicker, subheadline=web.subheadline, column=None,
            reporters=reporters, photographers=photographers, dateline=dateline,
            text="\n".join(block.text for block in blocks), blocks=tuple(blocks)))
    text = "\n".join(pieces)
    digest = hashlib.sha256("\n".join(sorted(web.sha256 for web in ordered)).encode()).hexdigest()
    paths = [web.path for web in ordered if web.path]
    folder = paths[0] if len(paths) == 1 else (str(Path(paths[0]).parent) if paths else None)
    source = SourceInfo(path=folder, sha256=digest, encoding="html", chars=len(text))
    pages_printed = {web.page for web in ordered if web.page}
    issue = Issue(source=source, articles=tuple(articles), page_items=tuple(page_items), splitter_version=split.SPLITTER_VERSION,
                  paper=paper or _common(web.paper for web in ordered),
                  date=date or _common(web.date for web in ordered),
                  page=page or (pages_printed.pop() if len(pages_printed) == 1 else None))
    return issue, text
