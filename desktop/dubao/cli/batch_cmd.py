"""`dubao batch FILES… --out DIR`: analyse an archive on Dask into Parquet; `dubao import --from-parquet DIR`
loads such a folder into a library without analysing again.

    dubao batch archive/ --out parquet/                       # a local cluster on every core
    dubao batch archive/ --out /shared/pq --scheduler tcp://head:8786
    dubao import --from-parquet parquet/ --library mine.sqlite

Both need the optional batch extra (`pip install 'dubao[batch]'`); without it they say so in one line.
"""

from __future__ import annotations

import sqlite3

from dubao.cli.common import CliError, print_json


def _batch(args) -> int:
    from dubao.cli.import_cmd import _expand
    from dubao.core.batch import BatchUnavailableError, run_batch
    from dubao.core.pipeline_parallel import ImportSettings

    files = _expand(args.files)
    if not files:
        raise CliError("no issue files to analyse")
    if args.workers is not None and args.workers < 1:
        raise CliError("--workers takes a number of worker processes, 1 or more")
    settings = ImportSettings(paper=args.paper, date=args.date, entities=not args.no_entities)

    def progress(done: int, total: int, counts: dict) -> None:
        if not args.json:
            print(f"task {done}/{total}: {counts['issues']} issues, {counts['articles']} articles", flush=True)

    try:
        report = run_batch(files, args.out, scheduler=args.scheduler, workers=args.workers, settings=settings,
                           on_task=progress)
    except BatchUnavailableError as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"{args.scheduler or 'the local cluster'}: {error}") from None
    failed = [{"path": path, "error": error} for path, error in report.failed]
    if args.json:
        print_json({"out": args.out, "issues": report.issues, "articles": report.articles,
                    "mentions": report.mentions, "failed": failed})
    else:
        for item in failed:
            print(f"failed   {item['path']}: {item['error']}")
        print(f"wrote {report.issues} issues, {report.articles} articles, {report.mentions} entity mentions "
              f"to {args.out} (issues/, articles/, entity_mentions/, formulations/)")
    return 2 if failed else 0


def import_parquet(args) -> int:
    """`dubao import --from-parquet DIR`: save every issue of a batch output folder (duplicates skipped)."""
    from dubao.cli.import_cmd import _report_outcome
    from dubao.cli.library_cmd import open_library
    from dubao.core.batch import BatchUnavailableError, require_batch_libraries
    from dubao.core.batch_tables import read_issues
    from dubao.core.errors import DubaoError

    if args.files:
        raise CliError("give either FILE(s) or --from-parquet DIR, not both")
    try:
        require_batch_libraries()
    except BatchUnavailableError as error:
        raise CliError(str(error)) from None
    report = {"imported": [], "skipped": [], "failed": []}
    with open_library(args, writes=True) as store:
        try:
            for issue, text, entities in read_issues(args.from_parquet):
                name = issue.source.path or issue.source.sha256
                try:
                    outcome = store.save_issue(issue, text, entities=entities, replace=args.replace)
                except (DubaoError, ValueError, sqlite3.DatabaseError) as error:
                    outcome = error
                _report_outcome(store, report, name, outcome, args)
        except (FileNotFoundError, ValueError, OSError) as error:
            raise CliError(str(error)) from None
    if args.json:
        print_json(report)
    return 2 if report["failed"] else 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("batch", help="analyse many issue files on Dask into Parquet datasets")
    parser.add_argument("files", nargs="+", metavar="FILE", help="issue text files, or folders of .txt files")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="output folder (on a cluster: one every worker can write to)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a running Dask scheduler (tcp://host:8786); default: a local cluster")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="local cluster: worker processes (default: every core)")
    parser.add_argument("--paper", help="the paper's name (guessed from each file name or text otherwise)")
    parser.add_argument("--date", help="the issue date, YYYY-MM-DD (guessed otherwise)")
    parser.add_argument("--no-entities", action="store_true", help="skip finding people, places and organisations")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=_batch)
