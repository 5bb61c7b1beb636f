"""`dubao entities FILE [--date YYYY-MM-DD] [--json]` and `dubao entities --plain FILE [--json]`.

Issue mode: the file is split into articles (as `dubao split` does) and the entities of the whole
issue are merged: persons with titles and roles in protocol order, places, organisations,
formulations with their expansion, dates resolved against the issue date. The issue date is
`--date`, or a YYYY-MM-DD found in the file name (lvliang-ribao-2023-02-18-p1.txt), or the date
printed in the page header, or unknown.

Plain mode: every line of the file on its own, one JSON object per line (JSON Lines, as many as
the file has lines), offsets into that line.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

from dubao.cli.common import CliError, print_json
from dubao.cli.progress import ProgressLine

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_KIND_LABELS = {"person": "Persons", "place": "Places", "organization": "Organisations",
                "date": "Dates", "formulation": "Formulations"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "entities",
        help="persons, places, organisations, dates and formulations of an issue",
        description="List the persons (with titles and roles), places, organisations, dates and "
        "formulations (提法) of an issue file, merged across its articles.",
    )
    parser.add_argument("file", help="the issue's text file (UTF-8, GB18030/GBK or UTF-16)")
    parser.add_argument("--date", help="the issue date, YYYY-MM-DD (default: a date in the file name)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--plain", action="store_true",
                        help="treat every line on its own (with --json: one JSON object per line)")
    parser.set_defaults(handler=run)


def issue_date(given: str | None, path: str) -> datetime.date | None:
    if given:
        try:
            return datetime.date.fromisoformat(given)
        except ValueError:
            raise CliError(f"--date must be YYYY-MM-DD, not {given!r}", 2) from None
    match = _DATE_IN_NAME.search(Path(path).name)
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    return None


def run(args: argparse.Namespace) -> int:
    from dubao.core.ingest.decode import IngestError, decode_file

    date = issue_date(args.date, args.file)
    try:
        decoded = decode_file(args.file)
    except IngestError as error:
        raise CliError(str(error), 2) from None
    if args.plain:
        return _run_plain(decoded.text, args.json)
    from dubao.core import entities
    from dubao.core.models import to_jsonable
    from dubao.core.split import split_issue

    issue = split_issue(decoded.text)
    date = date or entities.masthead_date(issue)
    report = ProgressLine("finding entities")
    found = entities.extract_issue(issue, date, progress=report)
    report.finish()
    if args.json:
        print_json({"date": date.isoformat() if date else None, "entities": to_jsonable(found)})
    else:
        sys.stdout.write(outline(found, date))
    return 0


def _run_plain(text: str, as_json: bool) -> int:
    from dubao.core.entities import extract_text

    report = ProgressLine("finding entities")
    before = 0  # characters of the lines done

    def progress(done: int, _total: int) -> None:
        report(before + done, len(text))

    # each line's entities are printed as soon as they are found
    for number, (line, line_end) in enumerate(_lines(text), 1):
        found = extract_text(line, progress=progress)
        if as_json:
            print_json({"entities": [{"text": surface, "kind": kind, "start": start, "end": end}
                                     for surface, kind, start, end in found]}, lines=True)
        elif found:
            listed = "  ".join(f"{surface}[{kind}]" for surface, kind, _start, _end in found)
            sys.stdout.write(f"{number}: {listed}\n")
        before = line_end
    report.finish()
    return 0


def _lines(text: str):
    """The lines of `text` split at "\n" (a final newline ends the last line; it does not start another), one at
    a time, each with the offset just past its newline."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end], end + 1
        start = end + 1


def outline(found, date: datetime.date | None) -> str:
    out = [f"Issue date: {date.isoformat() if date else 'unknown (relative dates stay unresolved; use --date)'}"]
    for kind, label in _KIND_LABELS.items():
        items = [entity for entity in found if entity.kind == kind]
        if not items:
            continue
        out.append(f"\n{label} ({len(items)})")
        for entity in items:
            details = []
            if entity.titles:
                details.append("; ".join(entity.titles))
            if entity.roles:
                details.append(", ".join(entity.roles))
            if entity.aliases:
                details.append("also " + ", ".join(entity.aliases))
            if entity.kind == "date":
                details.append(entity.value or "vague")
            if entity.expansion:
                details.append(" / ".join(entity.expansion))
            if entity.explanation:
                details.append(entity.explanation)
            where = ", ".join(sorted({f"art. {m.article}" for m in entity.mentions}))
            suffix = f" — {' | '.join(details)}" if details else ""
            out.append(f"  {entity.name}{suffix}  [{len(entity.mentions)}× {where}]")
    return "\n".join(out) + "\n"
