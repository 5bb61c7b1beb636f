"""The user's glossary as a file a class can share: JSON (an array of entries, the shipped glossary's own
shape) or CSV (one entry a row; list fields joined with "; "), written and read back without loss.

    text = glossary_json(entries)            entries = read_glossary_text(text, "json")
    text = glossary_csv(entries)             entries = read_glossary_text(text, "csv")

Reading checks every row and raises one GlossaryError naming the first bad one, so an import adds all
entries of a file or none.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from dubao.core.entities.glossary import Formulation, GlossaryError, formulation_from_json

CSV_COLUMNS = ("name", "variants", "pinyin", "english", "expansion", "explanation", "category", "since", "source",
               "related")
_LIST_COLUMNS = ("variants", "expansion", "related")
FORMATS = ("json", "csv")


def glossary_json(entries: Iterable[Formulation]) -> str:
    return json.dumps([entry.to_json() for entry in entries], ensure_ascii=False, indent=2) + "\n"


def glossary_csv(entries: Iterable[Formulation]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        data = entry.to_json()
        writer.writerow({column: "; ".join(data[column]) if column in _LIST_COLUMNS and column in data
                         else data.get(column, "") for column in CSV_COLUMNS})
    return out.getvalue()


def format_of(path: str | Path, given: str | None = None) -> str:
    """The file format: as given, else from the file's extension."""
    fmt = (given or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise GlossaryError(f"{Path(path).name}: a glossary file is .json or .csv (or say --format json|csv)")
    return fmt


def read_glossary_text(text: str, fmt: str) -> list[Formulation]:
    """Entries of a glossary file's text, as the user's own (origin "user")."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except ValueError as error:
            raise GlossaryError(f"not a JSON glossary: {error}") from error
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise GlossaryError("a JSON glossary is an array of entries")
        rows = data
    else:
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise GlossaryError("a CSV glossary needs a header row with a 'name' column")
        rows = [{key: value for key, value in row.items() if key and value not in (None, "")} for row in reader]
    entries = []
    for number, row in enumerate(rows, 1):
        try:
            entries.append(formulation_from_json(row, origin="user"))
        except GlossaryError as error:
            raise GlossaryError(f"entry {number}: {error}") from None
    return entries


def write_glossary(path: str | Path, entries: Iterable[Formulation], fmt: str | None = None) -> int:
    entries = list(entries)
    fmt = format_of(path, fmt)
    Path(path).write_text(glossary_json(entries) if fmt == "json" else glossary_csv(entries), encoding="utf-8")
    return len(entries)


def read_glossary(path: str | Path, fmt: str | None = None) -> list[Formulation]:
    fmt = format_of(path, fmt)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(f"cannot read {path}: {error}") from error
    return read_glossary_text(text, fmt)
