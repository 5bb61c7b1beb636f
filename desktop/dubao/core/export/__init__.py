"""Exports that other tools read — the one front the GUI (File ▸ Export…) and the CLI (`dubao export`) call.

    export(fmt, store, issue_id=None, article_id=None, tag=None) -> str | bytes

`fmt` is one of FORMATS; formats in TEXT_FORMATS return `str`, the others `bytes` (zip archives, and CSV,
whose byte-order mark matters). Scope: one article, one issue, or (neither given) the whole library;
`tag` keeps only highlights carrying that tag. Each format lives in its own `export_*` module as a pure
function of `ExportData`; this module only gathers that data from the Store.
"""

from __future__ import annotations

import dataclasses

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dubao.core.export.anki import to_anki_tsv, to_apkg
from dubao.core.export.citation import to_csl_json, to_ris
from dubao.core.export.csv_table import to_csv
from dubao.core.export.markdown import to_markdown
from dubao.core.export.data import ExportData, page_from_source_path, reading_order
from dubao.core.models import Article, Issue
from dubao.core.export.qdpx import to_qdpx
from dubao.core.export.w3c import to_w3c


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    label: str  # shown in the Export dialog
    extension: str  # without the dot
    render: Callable[[ExportData], str | bytes]
    content: str  # "annotations" | "vocabulary" | "articles": what the format carries

    @property
    def is_text(self) -> bool:
        return self.name in TEXT_FORMATS


FORMATS: dict[str, ExportFormat] = {
    fmt.name: fmt
    for fmt in (
        ExportFormat("markdown", "Markdown (Obsidian, Zotero note)", "md", to_markdown, "annotations"),
        ExportFormat("csv", "CSV spreadsheet (Excel, LibreOffice)", "csv", to_csv, "annotations"),
        ExportFormat("w3c", "W3C Web Annotation (JSON-LD)", "jsonld", to_w3c, "annotations"),
        ExportFormat("apkg", "Anki deck (.apkg)", "apkg", to_apkg, "vocabulary"),
        ExportFormat("anki-tsv", "Anki text file (tab-separated)", "txt", to_anki_tsv, "vocabulary"),
        ExportFormat("csl-json", "Citation: CSL-JSON (Zotero)", "json", to_csl_json, "articles"),
        ExportFormat("ris", "Citation: RIS (Zotero, EndNote)", "ris", to_ris, "articles"),
        ExportFormat("qdpx", "REFI-QDA project (NVivo, MAXQDA, ATLAS.ti, QualCoder)", "qdpx", to_qdpx,
                     "annotations"),
    )
}
TEXT_FORMATS = frozenset({"markdown", "w3c", "anki-tsv", "csl-json", "ris"})


def issue_for_citation(record: Issue) -> Issue:
    """The issue as exports name it: with its printed page when the file name gives one."""
    page = record.page or page_from_source_path(record.source_path)
    return dataclasses.replace(record, paper=record.paper or "", page=str(page) if page else None)


def _issue_articles(store, issue_id: int, cache: dict[int, list[Article]]) -> list[Article]:
    if issue_id not in cache:
        issue = issue_for_citation(store.get_issue(issue_id))
        cache[issue_id] = [dataclasses.replace(article, issue=issue) for article in store.articles(issue_id)]
    return cache[issue_id]


def collect(store, issue_id: int | None = None, article_id: int | None = None, tag: str | None = None) -> ExportData:
    """Gather what an export covers. Raises KeyError for an unknown issue or article."""
    tag = tag.strip() if tag and tag.strip() else None
    cache: dict[int, list[Article]] = {}
    vocabulary = sorted(store.vocabulary(), key=lambda item: (item.added, item.id))
    if article_id is not None:
        record = store.get_article(article_id)
        articles = [a for a in _issue_articles(store, record.issue_id, cache) if a.id == article_id]
        annotations = store.annotations(article_id=article_id, tag=tag)
        title = f"{articles[0].headline} ({articles[0].issue.label})"
    elif issue_id is not None:
        articles = _issue_articles(store, issue_id, cache)
        annotations = store.annotations(issue_id=issue_id, tag=tag)
        title = articles[0].issue.label if articles else issue_for_citation(store.get_issue(issue_id)).label
    else:
        annotations = store.annotations(tag=tag)
        vocab_articles = {item.article_id for item in vocabulary if item.article_id is not None}
        wanted = {a.article_id for a in annotations} | (vocab_articles if tag is None else set())
        # the library in reading order: oldest issue first, articles in page order
        issues = sorted(store.list_issues(), key=lambda r: (r.date is None, r.date or "", r.id))
        # load texts only of the issues that hold wanted articles (the headline list is cheap)
        issues = [r for r in issues if any(row[0] in wanted for row in store.article_headlines(r.id))]
        articles = [a for record in issues for a in _issue_articles(store, record.id, cache) if a.id in wanted]
        title = "Dubao library"
    article_ids = {a.id for a in articles}
    if article_id is not None or issue_id is not None:
        vocabulary = [item for item in vocabulary if item.article_id in article_ids]
    if tag:
        title += f" — #{tag}"
    return ExportData(title=title, articles=tuple(articles),
                      annotations=reading_order(tuple(articles), [a for a in annotations if a.article_id in article_ids]),
                      vocabulary=tuple(vocabulary), tag=tag)


def render(fmt: str, data: ExportData) -> str | bytes:
    """Render already collected data in one format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt].render(data)


def export(fmt: str, store, issue_id: int | None = None, article_id: int | None = None,
           tag: str | None = None) -> str | bytes:
    """The export of one scope in one format: `str` for TEXT_FORMATS, `bytes` otherwise."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return render(fmt, collect(store, issue_id=issue_id, article_id=article_id, tag=tag))


def suggested_filename(fmt: str, data: ExportData) -> str:
    """A file name for the export: the title without characters file systems refuse, plus the extension."""
    stem = "".join("_" if ch in '\\/:*?"<>|\n\r\t' else ch for ch in data.title).strip(" .") or "dubao-export"
    return f"{stem[:80]}.{FORMATS[fmt].extension}"


def _current_umask() -> int:
    """The process's umask. Linux says it in /proc without changing it (os.umask would, for a moment, in
    every thread); elsewhere set and restore it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_export(path: str | Path, output: str | bytes) -> None:
    """Write an export to `path` whole or not at all: through a temporary file in the same folder, then a
    rename, so a full disk or a crash never leaves half a file in place of an older good export. The file
    gets the permissions any new file gets (the umask), not the temporary file's private 0600."""
    path = Path(path).expanduser()
    payload = output.encode("utf-8") if isinstance(output, str) else output
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~_current_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
