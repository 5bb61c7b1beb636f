"""The importing pipeline, one way: a file is decoded, split and analysed into an Issue, then a Store saves it.

The store never calls back into this module; no SQL here.

The paper, date and page of an issue are guessed (core/ingest/guess.py) from its file name and its first lines
when the user gives none; all can be corrected later (`Store.update_issue`).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from dubao.core import split
from dubao.core.errors import IngestError
from dubao.core.ingest.decode import decode_file, source_info
from dubao.core.ingest.html_issue import group_pages, is_web_page, issue_from_pages, read_web_files, web_files
from dubao.core.library.content_hash import content_hash
from dubao.core.library.saving import SAME_CONTENT
from dubao.core.ingest.guess import KNOWN_PAPERS, guess_date, guess_page, guess_paper  # noqa: F401 (re-exported)
from dubao.core.models import Entity, ImportOutcome, ImportStatus, Issue, SourceInfo
from dubao.core.windows import Progress

PageProgress = Progress  # (pages read, pages in the issue): a page PDF issue's pages, read by OCR or not

if TYPE_CHECKING:
    from dubao.core.library.store import Store

log = logging.getLogger(__name__)


def read_issue(path: str | Path, *, paper: str | None = None, date: str | None = None,
               page: str | None = None) -> tuple[Issue, str]:
    """Decode and split one issue file (or the saved web pages of one issue, a folder of them): the Issue (paper,
    date and page given or guessed, source path resolved) and the source text the library keeps. Raises
    IngestError for a file that is not a readable issue."""
    if is_web_source(path):
        return read_web_issue([path], paper=paper, date=date, page=page)
    decoded = decode_file(path)
    return _split(decoded.text, source_info(decoded), path, paper, date, page), decoded.text


def _analyse_with_library_glossary(store: Store, issue: Issue,
                                   progress: Progress | None = None) -> tuple[Issue, list[Entity] | None]:
    """`analyse_issue` with the library's own glossary entries laid over the shipped ones."""
    from dubao.core.entities.glossary import use_user_entries

    use_user_entries(store.glossary_entries())
    return analyse_issue(issue, progress)


def _split(text: str, source: SourceInfo, path, paper: str | None, date: str | None,
           page: str | None = None) -> Issue:
    try:
        issue = split.split_issue(text, source)
    except Exception as error:  # the splitter never raises on text by contract; if it does, it is this file's fault
        raise IngestError(f"{path}: the text could not be split into articles ({error})") from error
    if not issue.articles:
        raise IngestError(f"{path}: no articles found in the text")
    resolved = str(Path(path).expanduser().resolve()) if path is not None and source.path is not None else source.path
    return dataclasses.replace(
        issue, source=dataclasses.replace(source, path=resolved),
        paper=paper or (guess_paper(path, text) if path is not None else None),
        date=date or (guess_date(path, text) if path is not None else None),
        page=page or (guess_page(path, text) if path is not None else None))


def analyse_issue(issue: Issue, progress: Progress | None = None) -> tuple[Issue, list[Entity] | None]:
    """Find the issue's entities. Returns the issue stamped with the analyser's version, and the entities — or
    the issue unchanged and None when extraction is unavailable or fails (the import still succeeds).
    `progress(done, total)`: characters read so far (`entities.extract_issue`)."""
    try:
        from dubao.core import entities
    except ImportError:
        return issue, None
    try:
        found = entities.extract_issue(issue, datetime.date.fromisoformat(issue.date) if issue.date else None,
                                       progress=progress)
    except Exception:  # entity finding is a bonus; a bug there must not lose the user's import
        log.exception("entity extraction failed; the issue is imported without entities")
        return issue, None
    return dataclasses.replace(issue, analyser_version=entities.ANALYSER_VERSION), found


@dataclasses.dataclass(frozen=True)
class PdfDecoded:
    """An issue read from page PDFs: the source text the layout defines, and the per-page PDFs to keep."""

    text: str
    sha256: str
    path: str
    pdf_pages: list  # (single-page PDF bytes, width, height), page 1 first
    file_names: list
    encoding: str = "pdf"


def _holds_page_pdfs(folder: Path, text_suffixes: tuple[str, ...]) -> bool:
    """A folder of page PDFs: PDFs and no issue text files beside them (those are imported one by one)."""
    suffixes = {found.suffix.lower() for found in folder.iterdir() if found.is_file()}
    return ".pdf" in suffixes and not suffixes & set(text_suffixes)


def issue_inputs(paths, text_suffixes: tuple[str, ...] = (".txt",)) -> list[str]:
    """What to import, one issue each: files as given; in a folder (recursively, in name order) each text
    file, and each folder that holds page PDFs (itself or one below it, e.g. one folder a day) as one issue."""
    found: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            folders = [path] + sorted(item for item in path.rglob("*") if item.is_dir())
            found += [str(folder) for folder in folders if _holds_page_pdfs(folder, text_suffixes)]
            found += sorted(str(item) for item in path.rglob("*")
                            if item.is_file() and item.suffix.lower() in text_suffixes)
        else:
            found.append(str(path))
    return list(dict.fromkeys(found))  # a file given twice is imported once


def is_pdf_input(path: str | Path) -> bool:
    """A page PDF, a multi-page PDF or a folder (of page PDFs). A file named .pdf that is no PDF (a download
    that went wrong, an HTML error page) is refused here, in words about PDFs rather than text encodings."""
    from dubao.core.ingest.pdf import is_pdf

    path = Path(path).expanduser()
    if path.is_dir():
        return True
    if not path.is_file():
        return False
    if is_pdf(path):
        return True
    if path.suffix.lower() == ".pdf":
        raise IngestError(f"{path.name}: named .pdf, but it is not a PDF file (a failed download?)")
    return False


def split_pdf_issue(path: str | Path, on_page: PageProgress | None = None) -> tuple[PdfDecoded, Issue]:
    """Read and lay out the page PDFs of one issue. Raises IngestError for unreadable PDFs.
    `on_page(done, total)`: pages read so far (see `read_issue_pdfs`)."""
    from dubao.core.ingest.pdf_files import read_issue_pdfs
    from dubao.core.models import SourceInfo
    from dubao.core.split.page_layout import layout_issue

    files = read_issue_pdfs(path, on_page)
    text, issue = layout_issue(files.pages, SourceInfo(files.path, files.sha256, "pdf", 0))
    return PdfDecoded(text, files.sha256, files.path, files.page_pdfs, files.file_names), issue


def _import_pdf(store: Store, path: str | Path, paper, date, page, replace: bool, entities: bool,
                replace_id, on_page: PageProgress | None = None) -> ImportOutcome:
    decoded, issue = split_pdf_issue(path, on_page)
    if not replace:
        existing = store.find_issue_by_sha256(decoded.sha256)
        if existing is not None:
            return ImportOutcome(ImportStatus.SKIPPED, decoded.path, existing.id, existing.article_count,
                                 reason="duplicate")
    if not issue.articles:
        raise IngestError(f"{path}: no articles found on the page")
    named = Path(path) / decoded.file_names[0] if Path(path).is_dir() else Path(path)
    issue = dataclasses.replace(issue, paper=paper or guess_paper(named, decoded.text),
                                date=date or guess_date(named, decoded.text),
                                page=page or guess_page(named, decoded.text))
    found = None
    if entities:
        issue, found = _analyse_with_library_glossary(store, issue)
    return store.save_issue(issue, decoded.text, entities=found, replace=replace, replace_id=replace_id,
                            pdf_pages=decoded.pdf_pages)


def import_file(store: Store, path: str | Path, *, paper: str | None = None, date: str | None = None,
                page: str | None = None, replace: bool = False, entities: bool = True,
                replace_id: int | None = None, progress: Progress | None = None,
                on_page: PageProgress | None = None) -> ImportOutcome:
    """Decode (or lay out, for page PDFs; or read, for saved web pages), split, analyse and store one issue: a text
    file, a page PDF, a multi-page PDF, a folder of page PDFs, or a saved web page or folder of one issue's pages.
    Raises IngestError for a file that is not a readable issue. An issue the library already holds — the same
    file, or the same content from another file, encoding or format — is skipped (`ImportOutcome.reason` says which).
    `replace`: re-derive the issue with the same source (or source path), re-anchoring its annotations;
    `replace_id`: re-derive that issue from this file (a corrected copy under another name).
    `progress(done, total)`: characters of the text read for entities so far (text files);
    `on_page(done, total)`: pages of a page PDF issue read so far (OCR makes a page take seconds)."""
    if replace_id is not None:
        store.get_issue(replace_id)  # NotFoundError for an unknown issue, before any slow work
    if is_web_source(path):
        issue, text = read_web_issue([path], paper=paper, date=date, page=page)
        return save_split_issue(store, issue, text, entities=entities, replace=replace, replace_id=replace_id)
    if is_pdf_input(path):
        return _import_pdf(store, path, paper, date, page, replace or replace_id is not None, entities, replace_id,
                           on_page)
    decoded = decode_file(path)
    replace = replace or replace_id is not None
    if not replace:
        existing = store.find_issue_by_sha256(decoded.sha256)
        if existing is not None:  # don't split a file we already hold
            return ImportOutcome(ImportStatus.SKIPPED, str(Path(path).expanduser().resolve()), existing.id,
                                 existing.article_count, reason="duplicate")
    issue = _split(decoded.text, source_info(decoded), path, paper, date, page)
    return save_split_issue(store, issue, decoded.text, entities=entities, replace=replace, replace_id=replace_id,
                            progress=progress)


def import_text(store: Store, text: str, *, paper: str | None = None, date: str | None = None,
                page: str | None = None, entities: bool = True) -> ImportOutcome:
    """Split, analyse and store an issue's text that comes from no file (pasted, dropped). The paper, date and page
    are the caller's (the paste dialog guesses them from the text and lets the user confirm). Raises IngestError
    for text that holds no article; skips an issue the library already holds."""
    if not text.strip():
        raise IngestError("the text is empty")
    # no file: the source is the text as this paper's issue of this date (the same text may be given again as
    # another day's issue; the content check skips it when nothing says so)
    digest = hashlib.sha256(f"{paper}\n{date}\n{page}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
    issue = _split(text, SourceInfo(None, digest, "utf-8", len(text)), "the pasted text", paper, date, page)
    return save_split_issue(store, dataclasses.replace(issue, paper=paper, date=date, page=page), text,
                            entities=entities)


def save_split_issue(store: Store, issue: Issue, source_text: str, *, entities: bool = True,
                     replace: bool = False, replace_id: int | None = None,
                     progress: Progress | None = None) -> ImportOutcome:
    """Analyse and store a split issue, unless the library already holds its content (checked before the slow
    analysis; the store checks again inside its transaction)."""
    replace = replace or replace_id is not None
    if not replace:
        same = store.find_issue_by_content(content_hash(issue), paper=issue.paper, date=issue.date)
        if same is not None:
            return ImportOutcome(ImportStatus.SKIPPED, issue.source.path, same.id, same.article_count,
                                 reason=SAME_CONTENT)
    found = None
    if entities:
        issue, found = _analyse_with_library_glossary(store, issue, progress)
    return store.save_issue(issue, source_text, entities=found, replace=replace, replace_id=replace_id)


# ---- saved web pages (.html/.htm): one routing step, kept apart from the text and PDF routes -------------


def is_web_source(path: str | Path) -> bool:
    """True for a saved web page, or a folder holding saved web pages."""
    path = Path(path)
    return is_web_page(path) or (path.is_dir() and bool(web_files(path)))


def read_web_issue(paths: list[str | Path], *, paper: str | None = None, date: str | None = None,
                   page: str | None = None) -> tuple[Issue, str]:
    """The one issue that saved web pages (files or folders) make. IngestError when they are pages of
    several issues (import them with `import_web_pages`) or when a page holds no article."""
    groups = group_pages(_given(read_web_files(paths), paper, date))
    if len(groups) > 1:
        named = ", ".join(f"{pages[0].paper or '?'} {pages[0].date or '?'}" for pages in groups)
        raise IngestError(f"these web pages belong to {len(groups)} issues ({named}): give them one issue at a time")
    return issue_from_pages(groups[0], paper=paper, date=date, page=page)


def import_web_pages(store: Store, paths: list[str | Path], *, paper: str | None = None, date: str | None = None,
                     page: str | None = None, entities: bool = True
                     ) -> tuple[list[tuple[tuple[str, ...], ImportOutcome]], list[IngestError]]:
    """Import saved web pages (files or folders): the pages of one paper and date become one issue each. Returns
    (the resolved paths of an issue's pages, its outcome) per issue, and the errors of the pages left out because
    they hold no article; the others are imported."""
    problems: list[IngestError] = []
    outcomes = []
    for pages in group_pages(_given(read_web_files(paths, problems), paper, date)):
        issue, text = issue_from_pages(pages, paper=paper, date=date, page=page)
        outcomes.append((tuple(web.path for web in pages), save_split_issue(store, issue, text, entities=entities)))
    return outcomes, problems


def _given(pages, paper: str | None, date: str | None):
    """The pages with the paper and date the user gave, so that they group as the user says."""
    return [dataclasses.replace(web, paper=paper or web.paper, date=date or web.date) for web in pages]


def resplit_issue(store: Store, issue_id: int, *, entities: bool = True) -> ImportOutcome:
    """Split an issue again from the source text the library keeps (after the splitter improved, or when
    the original file is gone), re-anchoring its annotations as `import --replace` does."""
    record = store.get_issue(issue_id)
    pages = store.issue_pages(issue_id)
    if pages:  # imported from page PDFs: lay the kept pages out again
        from dubao.core.ingest.pdf import read_pdf
        from dubao.core.split.page_layout import layout_issue

        printed = [page for source in pages for page in read_pdf(source.pdf, first_page=source.page).pages]
        text, issue = layout_issue(printed, SourceInfo(record.source_path, record.sha256, record.encoding, 0))
        issue = dataclasses.replace(issue, paper=record.paper, date=record.date)
        found = None
        if entities:
            issue, found = _analyse_with_library_glossary(store, issue)
        return store.save_issue(issue, text, entities=found, replace_id=issue_id)
    text = store.issue_source_text(issue_id)
    source = SourceInfo(record.source_path, record.sha256, record.encoding, len(text))
    issue = dataclasses.replace(_split(text, source, None, None, None), paper=record.paper, date=record.date,
                                page=record.page)
    found = None
    if entities:
        issue, found = _analyse_with_library_glossary(store, issue)
    return store.save_issue(issue, text, entities=found, replace_id=issue_id)


def is_stale(issue: Issue) -> bool:
    """True when the issue's articles were derived by an older splitter or analyser than this Dubao's."""
    from dubao.core import entities

    if issue.splitter_version != split.SPLITTER_VERSION:
        return True
    return issue.analyser_version is not None and issue.analyser_version != entities.ANALYSER_VERSION
