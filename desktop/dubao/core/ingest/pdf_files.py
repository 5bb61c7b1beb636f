"""The page PDFs of one issue: a single page, a multi-page PDF, or a folder of page PDFs in page order.

A folder is ordered by the page number printed in each page's header (a bare 8, 第8版, 08版) and, when a
page prints none, by the number in its file name (人民日报_2026-01-14_01版.pdf, p08.pdf, 3.pdf). Every page
must have a readable text layer; one that has only mojibake (fonts without a Unicode map), or an issue whose
pages have no text at all (scans), is refused with one line that says how to add OCR, unless the optional
OCR component is installed. A page without text among pages with text (a full-page picture or ad) is kept.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dubao.core.errors import IngestError
from dubao.core.ingest.pdf import MAX_PAGES, PdfPage, PdfSource, read_pdf_file, single_page_pdfs
from dubao.core.ingest.pdf_lines import page_lines
from dubao.core.ingest.pdf_quality import NO_TEXT, text_layer_problem

_PRINTED_PAGE = re.compile(r"^(?:第\s*)?0?(\d{1,3})\s*(?:版|页)?$")
_NAME_PAGE = re.compile(r"(?:第\s*)?(\d{1,3})\s*(?:版|页)|(?:^|[_\-\s.])(?:p|page|pg)?0*(\d{1,3})$", re.IGNORECASE)
HEADER_BAND = 0.08
OCR_HINT = ("to read it, install Dubao's optional OCR component (pip install 'dubao[ocr]', which adds "
            "rapidocr_onnxruntime) or use a PDF with a text layer")


@dataclass(frozen=True)
class PdfIssueFiles:
    """What an issue's PDFs hold: the pages (numbered 1.. in issue order), per-page PDFs for the library,
    one digest for the whole issue, and the path the user gave."""

    path: str
    sha256: str
    pages: list[PdfPage]
    page_pdfs: list[tuple[bytes, float, float, str | None]]  # (one-page PDF, width, height, printed number)
    file_names: list[str]


def printed_page_number(page: PdfPage) -> int | None:
    """The page number printed in the page header, if one stands alone there."""
    band = [char for char in page.chars if char.bbox[3] <= HEADER_BAND * page.height]
    for line in page_lines(band):
        match = _PRINTED_PAGE.match(line.text.strip())
        if match:
            return int(match.group(1))
    return None


def file_page_number(path: Path) -> int | None:
    match = _NAME_PAGE.search(path.stem)
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def pdf_paths(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".pdf")
        if not found:
            raise IngestError(f"{path}: the folder holds no PDF files")
        return found
    return [path]


def check_text_layer(page: PdfPage, pdf: bytes, index: int, others_readable: bool) -> None:
    """Read a page whose text layer is missing or mojibake by OCR when the optional OCR is installed;
    else refuse it in one line that says how to add OCR. Without OCR, a page with no text among pages
    that have it (a full-page picture or ad) is kept as it is: it holds no article to lose."""
    from dubao.core.ingest import pdf_ocr

    problem = text_layer_problem([char.text for char in page.chars])
    if problem is None:
        return
    if not pdf_ocr.ocr_available():
        if problem == NO_TEXT and others_readable:
            return
        raise IngestError(f"{page.label}: the page {problem}; {OCR_HINT}")
    page.chars = pdf_ocr.ocr_page_chars(pdf, index, page.label or "PDF")
    page.ocr = True
    if text_layer_problem([char.text for char in page.chars]) is not None and not others_readable:
        raise IngestError(f"{page.label}: the page {problem}, and OCR found no text on it either")


def read_issue_pdfs(path: str | Path, on_page: Callable[[int, int], None] | None = None) -> PdfIssueFiles:
    """Read a page PDF, a multi-page PDF or a folder of page PDFs as the pages of one issue.
    `on_page(done, total)` after each page is read: a page read by OCR takes seconds, an issue minutes."""
    path = Path(path).expanduser()
    if not path.exists():
        raise IngestError(f"{path}: no such file or folder")
    sources: list[tuple[tuple, PdfSource, Path]] = []
    total = 0
    for index, file in enumerate(pdf_paths(path)):
        source = read_pdf_file(file)
        total += len(source.pages)
        if total > MAX_PAGES:
            raise IngestError(f"{path}: more than {MAX_PAGES} pages; Dubao reads up to {MAX_PAGES} pages of one "
                              "issue at a time")
        printed = printed_page_number(source.pages[0])
        named = file_page_number(file)
        key = (printed if printed is not None else named if named is not None else 10_000, named or 0, index)
        sources.append((key, source, file))
    sources.sort(key=lambda item: item[0])
    pages: list[PdfPage] = []
    page_pdfs: list[tuple[bytes, float, float, str | None]] = []
    readable = sum(text_layer_problem([c.text for c in page.chars]) is None
                   for _, source, _ in sources for page in source.pages)
    if on_page is not None:
        on_page(0, total)
    for _, source, file in sources:
        named = file_page_number(file) if len(source.pages) == 1 else None
        for index, page in enumerate(source.pages):
            check_text_layer(page, source.data, index, readable > 0)
            printed = printed_page_number(page)
            page.printed = str(printed) if printed is not None else str(named) if named is not None else None
            page.number = len(pages) + 1
            pages.append(page)
            if on_page is not None:
                on_page(len(pages), total)
        printed_numbers = [page.printed for page in pages[len(pages) - len(source.pages):]]
        page_pdfs.extend((*single, number) for single, number in zip(single_page_pdfs(source.data), printed_numbers))
    digest = sources[0][1].sha256 if len(sources) == 1 else hashlib.sha256(
        "".join(source.sha256 for _, source, _ in sources).encode()).hexdigest()
    return PdfIssueFiles(str(path.resolve()), digest, pages, page_pdfs, [file.name for _, _, file in sources])
