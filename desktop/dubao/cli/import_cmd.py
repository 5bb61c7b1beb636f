"""`dubao import FILES…`: add issues to the library — text files, page PDFs, saved web pages, or folders of them.

Text files are decoded, split and analysed on worker processes (`--jobs`), page PDFs and web pages in this process;
this process is the one writer. `--from-parquet DIR` loads what `dubao batch` wrote. Takes `--library` and `--json`.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import Counter
from pathlib import Path

from dubao.cli.common import CliError, print_json
from dubao.cli.library_cmd import _check_date, add_library_options, open_library
from dubao.cli.progress import ProgressLine
from dubao.core.errors import IngestError
from dubao.core.pipeline import import_file

# a file this large (about 2 M characters; entity finding reads 20–60 µs a character) keeps it busy for minutes:
# say so before (the progress line follows once the work is under way)
LONG_FILE_BYTES = 6_000_000


def _expand(names: list[str]) -> list[str]:
    """Files as given; a folder stands for the .txt files and saved web pages inside it (recursively, in name
    order), and each folder that holds page PDFs is one issue."""
    from dubao.core.ingest.html_issue import HTML_SUFFIXES
    from dubao.core.pipeline import issue_inputs

    files = issue_inputs(names, (".txt", *HTML_SUFFIXES))
    for name in names:
        if Path(name).is_dir() and not any(Path(found).resolve().is_relative_to(Path(name).resolve())
                                           for found in files):
            raise CliError(f"no .txt files, web pages or page PDFs in the folder {name}: nothing to import")
    return files


def _skipped_line(name: str, outcome) -> str:
    if outcome.reason == "same-content":
        return (f"skipped  {name}: the same issue is already in the library as issue {outcome.issue_id} "
                "(same text from another file, encoding or format)")
    return f"skipped  {name}: already in the library as issue {outcome.issue_id}"


def _import_outcomes(store, files: list[str], args, progress: ProgressLine):
    """(name, outcome or the error) for each issue: text files on `--jobs` worker processes, page PDFs one by
    one, saved web pages together (the pages of one paper and date make one issue)."""
    from dubao.core.errors import DubaoError
    from dubao.core.ingest.html_issue import is_web_page
    from dubao.core.library.saving import storable_path
    from dubao.core.pipeline import import_web_pages

    from dubao.core.pipeline_parallel import ImportSettings, ParallelImport, plain_text_files

    options = {"paper": args.paper, "date": args.date, "page": args.page, "entities": not args.no_entities}
    texts = plain_text_files(files) if args.issue is None and args.page is None else []
    if texts:  # decoded, split and analysed on worker processes (--jobs); this process is the one writer
        for name in texts:
            _warn_if_long(name, storable_path(name), entities=not args.no_entities)
        settings = ImportSettings(paper=args.paper, date=args.date, replace=args.replace,
                                  entities=not args.no_entities)
        yield from ParallelImport(store, texts, jobs=args.jobs, settings=settings, progress=progress).run()
    pages = [name for name in files if is_web_page(name)]
    for name in files:
        if name in pages or name in texts:
            continue
        _warn_if_long(name, storable_path(name), entities=not args.no_entities)
        try:
            yield name, import_file(store, name, replace=args.replace, replace_id=args.issue, progress=progress,
                                    **options)
        except (DubaoError, ValueError, sqlite3.DatabaseError) as error:
            # e.g. "database is locked" after the busy timeout: this file failed, the others may not
            yield name, error
    if pages:
        try:
            outcomes, problems = import_web_pages(store, pages, **options)
            for problem in problems:  # the message names its page
                name, _, message = str(problem).partition(": ")
                yield name, IngestError(message)
            for _pages, outcome in outcomes:
                yield outcome.path or pages[0], outcome
        except (DubaoError, ValueError, sqlite3.DatabaseError) as error:
            yield (pages[0] if len(pages) == 1 else f"{len(pages)} web pages"), error


def _warn_if_long(path: str, name: str, entities: bool) -> None:
    """Long work says so before it starts, so a silent terminal is not taken for a hang."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        return  # the import itself reports the file
    if entities and size >= LONG_FILE_BYTES:
        print(f"importing {name} ({size / 1e6:.1f} MB): finding people, places and organisations in a text "
              f"this long takes minutes; --no-entities skips it …", file=sys.stderr, flush=True)


def _import(args) -> int:
    if args.from_parquet:
        from dubao.cli.batch_cmd import import_parquet

        return import_parquet(args)
    report = {"imported": [], "skipped": [], "failed": []}
    _check_date(args.date)
    files = _expand(args.files)
    if not files:
        raise CliError("give FILE(s) to import, or --from-parquet DIR")
    if args.issue is not None and len(files) != 1:
        raise CliError("--issue takes exactly one FILE")
    if args.url is not None and len(files) != 1:
        raise CliError("--url takes exactly one FILE (each issue has its own address)")
    if args.jobs is not None and args.jobs < 1:
        raise CliError("--jobs takes a number of worker processes, 1 or more")
    with open_library(args, writes=True) as store:
        if args.issue is not None:
            store.get_issue(args.issue)  # an unknown issue is one line, before any file is read
        progress = ProgressLine("finding entities")
        for path, outcome in _import_outcomes(store, files, args, progress):
            progress.finish()  # the progress line (if any) ends before the file's outcome is printed
            _report_outcome(store, report, path, outcome, args)
    if args.json:
        print_json(report)
    return 2 if report["failed"] else 0


def _report_outcome(store, report: dict, path: str, outcome, args) -> None:
    from dubao.core.errors import DubaoError
    from dubao.core.library.saving import storable_path

    name = storable_path(path)  # printable, even when the file name's bytes are not UTF-8
    if isinstance(outcome, Exception):
        if not isinstance(outcome, (DubaoError, ValueError, sqlite3.DatabaseError)):
            raise outcome  # a bug: keep its traceback
        # e.g. "database is locked" after the busy timeout: this file failed, the others may not
        report["failed"].append({"path": name, "error": str(outcome)})
        if not args.json:
            print(f"failed   {name}: {outcome}")
        return
    if outcome.status == "skipped":
        report["skipped"].append({"path": name, "reason": outcome.reason})
        if not args.json:
            print(_skipped_line(name, outcome))
        return
    if args.url is not None:
        store.update_issue(outcome.issue_id, url=args.url)
    entry = {"issue_id": outcome.issue_id, "path": name, "articles": outcome.articles}
    if outcome.replaced:
        statuses = Counter(annotation.status for annotation in outcome.reanchored)
        entry["replaced"] = True
        entry["annotations"] = {status: statuses.get(status, 0)
                                for status in ("exact", "moved", "fuzzy", "orphaned")}
        entry["orphaned"] = [a.id for a in outcome.reanchored if a.status == "orphaned"]
    report["imported"].append(entry)
    if not args.json:
        issue = store.get_issue(outcome.issue_id)
        verb = "replaced" if outcome.replaced else "imported"
        page = f" 第{issue.page}版" if issue.page else ""
        print(f"{verb} {name}: issue {issue.id}, {issue.paper or '(paper unknown)'} "
              f"{issue.date or '(date unknown)'}{page}, {outcome.articles} article{'s' if outcome.articles != 1 else ''}")
        if outcome.replaced:
            summary = ", ".join(f"{n} {s}" for s, n in entry["annotations"].items() if n)
            print(f"         annotations re-anchored: {summary or 'none'}")


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help="add issue files to the library")
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="issue text files, page PDFs, saved web pages (.html/.htm: the pages of one paper and "
                             "date make one issue), or folders of them (a folder of page PDFs is one issue)")
    parser.add_argument("--paper", help="the paper's name (guessed from the file name or text otherwise)")
    parser.add_argument("--date", help="the issue date, YYYY-MM-DD (guessed otherwise)")
    parser.add_argument("--page", help="the page as printed, e.g. 1 or A3 (guessed from the file name or text "
                                       "otherwise)")
    parser.add_argument("--replace", action="store_true",
                        help="re-derive an issue already imported (same file, or a corrected one at the same path); "
                             "its annotations are re-anchored, orphans kept")
    parser.add_argument("--issue", type=int, metavar="ID",
                        help="with one FILE: re-derive issue ID from it (a corrected copy under another name)")
    parser.add_argument("--no-entities", action="store_true", help="skip finding people, places and organisations")
    parser.add_argument("--url", metavar="URL", help="with one FILE: where the issue can be read on the web "
                                                     "(cited in RIS and CSL-JSON exports)")
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="worker processes that decode, split and find entities "
                             "(default: every core; fewer for a few small files, where starting a worker costs more "
                             "than it saves)")
    parser.add_argument("--from-parquet", metavar="DIR",
                        help="load the Parquet datasets `dubao batch` wrote, without analysing again")
    add_library_options(parser)
    parser.set_defaults(handler=_import)
