"""CSV export: one row per annotation, safe to open in Excel, LibreOffice or Numbers.

UTF-8 with a byte-order mark (without it Excel decodes the file as the local ANSI code page and Chinese
turns to mojibake), CRLF row ends (RFC 4180), every text cell quoted when needed. A cell that a
spreadsheet would run as a formula (starting with =, +, -, @, tab or CR — "CSV injection") is prefixed
with an apostrophe, which spreadsheets show as text and hide.

Every annotation gets a row with its anchoring status and its sentence (the last column); a fuzzy one
also its match score. An orphaned one (its passage is no longer in the text) keeps its quote and note,
and leaves start, end and sentence empty.
"""

from __future__ import annotations

import csv
import io

from dubao.core.export.data import ExportData, sentence_parts

COLUMNS = (
    "paper", "date", "page", "headline", "quote", "note", "tags", "colour",
    "start", "end", "created", "updated", "status", "article_index", "annotation_id", "score", "sentence",
)
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel keeps at most 32,767 characters in a cell and spills the rest into the next rows.
EXCEL_CELL_LIMIT = 32767


def neutralise_cell(value: str) -> str:
    """Text a spreadsheet shows, never evaluates: formula-like cells get a leading apostrophe."""
    if value.startswith(_FORMULA_TRIGGERS):
        value = "'" + value
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - 1] + "…"
    return value


def to_csv(data: ExportData) -> bytes:
    """UTF-8-with-BOM CSV bytes, header row first; an empty export is the header row alone."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for annotation in data.annotations:
        article = data.article(annotation.article_id)
        issue = article.issue if article else None
        parts = sentence_parts(article, annotation)
        text_cells = {
            "sentence": "".join(parts) if parts else (annotation.quote if annotation.status != "orphaned" else ""),
            "paper": issue.paper if issue else "",
            "date": (issue.date or "") if issue else "",
            "page": (issue.page or "") if issue else "",
            "headline": article.headline if article else "",
            "quote": annotation.quote,
            "note": annotation.note,
            "tags": "; ".join(annotation.tags),
            "colour": annotation.color,
            "created": annotation.created,
            "updated": annotation.updated,
            "status": annotation.status,
        }
        placed = annotation.status != "orphaned"
        numbers = {
            "start": annotation.start if placed else "",
            "end": annotation.end if placed else "",
            "score": annotation.score if annotation.status == "fuzzy" and annotation.score is not None else "",
            "article_index": article.index if article else "",
            "annotation_id": annotation.id,
        }
        writer.writerow(
            [neutralise_cell(text_cells[name]) if name in text_cells else numbers[name] for name in COLUMNS]
        )
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")
