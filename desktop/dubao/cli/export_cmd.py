"""`dubao export` and `dubao import-annotations`: getting work out of the library, and glosses back in.

    dubao export --format markdown --issue 3                 Markdown of issue 3's highlights, on stdout
    dubao export --format csv --tag 理论 -o notes.csv          every highlight tagged 理论, as a spreadsheet
    dubao export --format qdpx --issue 3 -o issue3.qdpx       a REFI-QDA project for NVivo / MAXQDA / QualCoder
    dubao export --format apkg -o words.apkg                  the vocabulary list as an Anki deck
    dubao import-annotations glosses.jsonld                   a W3C Web Annotation file, re-anchored
    dubao import-annotations glosses.jsonld --dry-run         … only saying where each annotation would go

Formats: markdown, csv, w3c, apkg, anki-tsv, csl-json, ris, qdpx. Without -o the text formats (and CSV)
go to stdout; the zip formats (apkg, qdpx) need -o. Files are written whole or not at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dubao.cli.common import CliError, print_json

MAX_ANNOTATION_FILE_BYTES = 200 * 1024 * 1024


def register(subparsers) -> None:
    from dubao.core.export import FORMATS

    parser = subparsers.add_parser(
        "export", help="export highlights, notes, vocabulary or citations for other tools",
        description="Export highlights and notes (markdown, csv, w3c, qdpx), vocabulary (apkg, anki-tsv) or "
        "citations (csl-json, ris) of one article, one issue or the whole library.",
    )
    parser.add_argument("--format", "-f", required=True, choices=sorted(FORMATS), help="what to write")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--issue", type=int, metavar="ID", help="only this issue (see `dubao issues`)")
    scope.add_argument("--article", type=int, metavar="ID", help="only this article")
    parser.add_argument("--tag", metavar="TAG", help="only highlights carrying this tag")
    parser.add_argument("--library", metavar="PATH", help="library file (default: the one in your user data folder)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (needed for apkg and qdpx)")
    parser.set_defaults(handler=run_export)

    importer = subparsers.add_parser(
        "import-annotations", help="import a W3C Web Annotation file (e.g. a teacher's glosses)",
        description="Add the annotations of a W3C Web Annotation JSON(-LD) file to the issues they were made "
        "on, re-anchored (exact / moved / fuzzy with its score). Annotations whose passage is gone are kept as "
        "orphaned and listed; annotations on issues not in the library are listed, not added. One file is "
        "imported whole or not at all.",
    )
    importer.add_argument("file", help="the .jsonld / .json file")
    importer.add_argument("--library", metavar="PATH", help="library file (default: the one in your user data folder)")
    importer.add_argument("--dry-run", action="store_true", help="show where each annotation would go; change nothing")
    importer.add_argument("--json", action="store_true", help="print JSON")
    importer.set_defaults(handler=run_import)


def run_export(args) -> int:
    from dubao.cli.library_cmd import open_library
    from dubao.core.export import FORMATS, collect, render, write_export

    fmt = FORMATS[args.format]
    if args.output is None and fmt.extension in ("apkg", "qdpx"):
        raise CliError(f"{args.format} is a zip archive: give -o FILE.{fmt.extension}")
    with open_library(args) as store:
        data = collect(store, issue_id=args.issue, article_id=args.article, tag=args.tag)
        output = render(args.format, data)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(output.encode("utf-8") if isinstance(output, str) else output)
        sys.stdout.buffer.flush()
        return 0
    try:
        write_export(args.output, output)
    except OSError as error:
        raise CliError(f"cannot write {args.output}: {error.strerror or error}") from None
    counted = {"annotations": f"{len(data.annotations)} highlights", "vocabulary": f"{len(data.vocabulary)} words",
               "articles": f"{len(data.articles)} articles"}[fmt.content]
    print(f"wrote {args.output} ({fmt.label}: {counted})", file=sys.stderr)
    return 0


def _read_annotation_file(name: str) -> str:
    path = Path(name).expanduser()
    if not path.is_file():
        raise CliError(f"{name}: no such file")
    if path.stat().st_size > MAX_ANNOTATION_FILE_BYTES:
        raise CliError(f"{name}: larger than {MAX_ANNOTATION_FILE_BYTES // 2**20} MB; not an annotation file?")
    try:
        raw = path.read_bytes()
    except OSError as error:  # unreadable: permissions, a vanished disk
        raise CliError(f"{name}: cannot read it ({error.strerror or error})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{name}: not UTF-8 text (W3C annotation files are JSON in UTF-8)") from None


def run_import(args) -> int:
    from dubao.cli.library_cmd import annotation_json, open_library
    from dubao.core.export.w3c_import import import_annotations
    from dubao.core.export.w3c import AnnotationFileError

    text = _read_annotation_file(args.file)
    with open_library(args, writes=not args.dry_run) as store:
        try:
            report = import_annotations(store, text, dry_run=args.dry_run)
        except AnnotationFileError as error:
            raise CliError(f"{args.file}: {error}") from None
    if args.json:
        print_json({"summary": report.summary(args.dry_run), "results": [
            {"outcome": r.outcome, "quote": r.quote, "note": r.note, "issue_id": r.issue_id, "made_on": r.made_on,
             "article_id": r.article_id, "start": r.start, "end": r.end, "score": r.score,
             "index": r.index, "reason": r.reason or None,
             "annotation": annotation_json(r.annotation) if r.annotation else None}
            for r in report.results]})
        return 0
    lines = [report.summary(args.dry_run)]
    for result in report.results:
        note = f" — note: {result.note.splitlines()[0]}" if result.note.strip() else ""
        if result.outcome == "no-issue":
            why = f"its issue {result.made_on} is not in the library".replace("  ", " ")
            lines.append(f"  not added ({why}): “{result.quote[:40]}”{note}")
        elif result.outcome == "orphaned":
            if result.annotation is not None:
                kept = f"kept as annotation {result.annotation.id}"
            else:
                kept = "would be kept" if args.dry_run else "not added: the issue has no articles"
            lines.append(f"  orphaned, passage not found ({kept}, without a place in the text): "
                         f"“{result.quote[:40]}”{note}")
        elif result.outcome == "fuzzy":
            lines.append(f"  fuzzy match (score {result.score}): “{result.quote[:40]}”")
        elif result.outcome == "rejected":
            lines.append(f"  rejected annotation #{result.index}: {result.reason}")
    if report.count("orphaned") and not args.dry_run:
        lines.append("Orphans stay in the library: `dubao annotate list --status orphaned` lists them.")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
