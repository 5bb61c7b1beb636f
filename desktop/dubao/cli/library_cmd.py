"""`dubao import`, `dubao issues`, `dubao annotate …` and `dubao search`: the library from the command line.

Every command takes `--library PATH` (default: the library in the user data folder) and `--json`.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
from collections import Counter
from pathlib import Path

from dubao.cli.common import CliError, print_json
from dubao.core.errors import IngestError
from dubao.core.models import ANNOTATION_COLORS, Annotation
from dubao.core.pipeline import import_file

ANNOTATION_KEYS = ("id", "article_id", "start", "end", "quote", "prefix", "suffix", "color", "note", "tags",
                   "status", "created", "updated")


def add_library_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", metavar="PATH", help="library file (default: the one in your user data folder)")
    parser.add_argument("--json", action="store_true", help="print JSON")


@contextlib.contextmanager
def open_library(args):
    """The Store for `--library`, with its errors turned into one-line CLI errors."""
    from dubao.core.paths import default_library_path
    from dubao.core.library.store import LibraryError, Store

    path = Path(args.library) if args.library else default_library_path()
    try:
        store = Store.open(path)
    except LibraryError as error:
        raise CliError(str(error)) from None
    try:
        yield store
    except (KeyError, ValueError, LibraryError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else str(error)
        raise CliError(str(message)) from None
    finally:
        store.close()


def annotation_json(annotation: Annotation) -> dict:
    data = {key: getattr(annotation, key) for key in ANNOTATION_KEYS}
    data["tags"] = list(annotation.tags)
    return data


# ---- import -----------------------------------------------------------------------------------------


def _expand(names: list[str]) -> list[str]:
    """Files as given; a folder stands for the .txt files inside it (recursively, in name order)."""
    files = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files += sorted(str(found) for found in path.rglob("*") if found.suffix.lower() == ".txt"
                            and found.is_file())
        else:
            files.append(name)
    return files


def _import(args) -> int:
    if args.from_parquet:
        from dubao.cli.batch_cmd import import_parquet

        return import_parquet(args)
    report = {"imported": [], "skipped": [], "failed": []}
    files = _expand(args.files)
    if not files:
        raise CliError("give FILE(s) to import, or --from-parquet DIR")
    if args.issue is not None and len(files) != 1:
        raise CliError("--issue takes exactly one FILE")
    if args.jobs is not None and args.jobs < 1:
        raise CliError("--jobs takes a number of worker processes, 1 or more")
    with open_library(args) as store:
        for name, outcome in _import_outcomes(store, files, args):
            _report_outcome(store, report, name, outcome, args.json)
    if args.json:
        print_json(report)
    return 2 if report["failed"] else 0


def _import_outcomes(store, files: list[str], args):
    """(file, ImportOutcome or the error that stopped it) per file: on `--jobs` worker processes, one writer."""
    from dubao.core.pipeline_parallel import ImportSettings, ParallelImport

    if args.issue is not None:  # one file re-deriving one issue: nothing to share out
        try:
            yield files[0], import_file(store, files[0], paper=args.paper, date=args.date,
                                        entities=not args.no_entities, replace_id=args.issue)
        except (IngestError, ValueError, sqlite3.DatabaseError) as error:
            yield files[0], error
        return
    settings = ImportSettings(paper=args.paper, date=args.date, replace=args.replace, entities=not args.no_entities)
    yield from ParallelImport(store, files, jobs=args.jobs, settings=settings).run()


def _report_outcome(store, report: dict, name: str, outcome, as_json: bool) -> None:
    if isinstance(outcome, Exception):
        if not isinstance(outcome, (IngestError, ValueError, sqlite3.DatabaseError)):
            raise outcome
        # e.g. "database is locked" after the busy timeout: this file failed, the others may not
        report["failed"].append({"path": name, "error": str(outcome)})
        if not as_json:
            print(f"failed   {name}: {outcome}")
        return
    if outcome.status == "skipped":
        report["skipped"].append({"path": name, "reason": outcome.reason})
        if not as_json:
            print(f"skipped  {name}: already in the library as issue {outcome.issue_id}")
        return
    entry = {"issue_id": outcome.issue_id, "path": name, "articles": outcome.articles}
    if outcome.replaced:
        statuses = Counter(annotation.status for annotation in outcome.reanchored)
        entry["replaced"] = True
        entry["annotations"] = {status: statuses.get(status, 0)
                                for status in ("exact", "moved", "fuzzy", "orphaned")}
        entry["orphaned"] = [a.id for a in outcome.reanchored if a.status == "orphaned"]
    report["imported"].append(entry)
    if not as_json:
        issue = store.get_issue(outcome.issue_id)
        verb = "replaced" if outcome.replaced else "imported"
        print(f"{verb} {name}: issue {issue.id}, {issue.paper or '(paper unknown)'} "
              f"{issue.date or '(date unknown)'}, {outcome.articles} articles")
        if outcome.replaced:
            summary = ", ".join(f"{n} {s}" for s, n in entry["annotations"].items() if n)
            print(f"         annotations re-anchored: {summary or 'none'}")


# ---- issues -----------------------------------------------------------------------------------------


def _resplit(store, issues, as_json: bool, entities: bool) -> None:
    from dubao.core.ingest.decode import IngestError
    from dubao.core.pipeline import resplit_issue

    for issue in issues:
        try:
            outcome = resplit_issue(store, issue.id, entities=entities)
        except IngestError as error:
            raise CliError(str(error)) from None
        if not as_json:
            statuses = Counter(annotation.status for annotation in outcome.reanchored)
            summary = ", ".join(f"{count} {status}" for status, count in statuses.items())
            print(f"re-split issue {issue.id}: {outcome.articles} articles; annotations: {summary or 'none'}")


def _issues(args) -> int:
    from dubao.core.pipeline import is_stale

    with open_library(args) as store:
        if args.resplit:
            chosen = [store.get_issue(args.id)] if args.id is not None else store.list_issues()
            if args.stale:
                chosen = [issue for issue in chosen if is_stale(issue)]
            _resplit(store, chosen, args.json, entities=not args.no_entities)
        if args.set_paper is not None or args.set_date is not None:
            if args.id is None:
                raise CliError("--set-paper/--set-date need --id ISSUE")
            store.update_issue(args.id, paper=args.set_paper, date=args.set_date)
        issues = [store.get_issue(args.id)] if args.id is not None else store.list_issues(args.paper, args.year)
        if args.stale:
            issues = [issue for issue in issues if is_stale(issue)]
        noted = store.annotation_counts()
        listing = []
        for issue in issues:
            articles = [{"id": article_id, "index": index, "headline": headline}
                        for article_id, index, headline in store.article_headlines(issue.id)]
            listing.append({"id": issue.id, "paper": issue.paper, "date": issue.date,
                            "source_path": issue.source_path, "sha256": issue.sha256, "imported": issue.imported,
                            "splitter_version": issue.splitter_version, "analyser_version": issue.analyser_version,
                            "stale": is_stale(issue), "annotations": noted.get(issue.id, 0), "articles": articles})
    if args.json:
        print_json(listing)
        return 0
    if not listing:
        print("No stale issues: every issue was split and analysed by this Dubao." if args.stale else
              "The library has no issues yet: add some with `dubao import FILE…`.")
    for issue in listing:
        stale = "  [stale: `dubao issues --resplit --stale` re-derives it]" if issue["stale"] else ""
        print(f"issue {issue['id']}  {issue['paper'] or '?'}  {issue['date'] or '????-??-??'}  "
              f"({len(issue['articles'])} articles, {issue['annotations']} annotations){stale}")
        for article in issue["articles"]:
            print(f"    article {article['id']:>6}  {article['index']:>2}. {article['headline']}")
    return 0


# ---- annotate ---------------------------------------------------------------------------------------


def _print_annotations(annotations: list[Annotation], as_json: bool, single: bool = False) -> None:
    if as_json:
        print_json(annotation_json(annotations[0]) if single else [annotation_json(a) for a in annotations])
        return
    for annotation in annotations:
        tags = f" #{' #'.join(annotation.tags)}" if annotation.tags else ""
        flag = " [deleted]" if annotation.deleted else ""
        note = f" — {annotation.note}" if annotation.note else ""
        print(f"{annotation.id:>5} article {annotation.article_id} [{annotation.start}, {annotation.end}) "
              f"{annotation.status} {annotation.color}{flag} “{annotation.quote}”{note}{tags}")


def _annotate(args) -> int:
    with open_library(args) as store:
        action = args.action
        if action == "add":
            result = [store.add_annotation(args.article, args.start, args.end, color=args.color,
                                           note=args.note or "", tags=args.tag or ())]
        elif action == "update":
            result = [store.update_annotation(args.id, color=args.color, note=args.note,
                                              tags=None if args.tag is None and not args.clear_tags else
                                              (args.tag or ()))]
        elif action == "delete":
            result = [store.delete_annotation(args.id)]
        elif action == "restore":
            result = [store.restore_annotation(args.id)]
        elif action == "rename-tag":
            count = store.rename_tag(args.old, args.new)
            if args.json:
                print_json({"tag": args.new.strip(), "annotations": count})
            else:
                print(f"“{args.old}” is now “{args.new.strip()}” ({count} annotations)")
            return 0
        else:
            result = store.annotations(article_id=args.article, issue_id=args.issue, tag=args.tag,
                                       color=args.color, status=args.status, only_deleted=args.deleted,
                                       contains=args.find)
        _print_annotations(result, args.json, single=action != "list")
    return 0


# ---- search -----------------------------------------------------------------------------------------


def _search(args) -> int:
    with open_library(args) as store:
        result = store.search(args.query, limit=args.limit, offset=args.offset, paper=args.paper)
        if args.json:
            print_json({"query": result.query, "total": result.total,
                        "hits": [{"issue_id": h.issue_id, "article_id": h.article_id, "headline": h.headline,
                                  "start": h.start, "end": h.end, "snippet": h.snippet} for h in result.hits]})
            return 0
        print(f"{result.total} occurrence(s) of “{result.query}”")
        for hit in result.hits:
            print(f"  article {hit.article_id} [{hit.start}, {hit.end}) {hit.headline}: {hit.snippet}")
        if result.total > args.offset + len(result.hits):
            print(f"  … more with --offset {args.offset + len(result.hits)}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help="add issue files to the library")
    parser.add_argument("files", nargs="*", metavar="FILE", help="issue text files, or folders of .txt files")
    parser.add_argument("--paper", help="the paper's name (guessed from the file name or text otherwise)")
    parser.add_argument("--date", help="the issue date, YYYY-MM-DD (guessed otherwise)")
    parser.add_argument("--replace", action="store_true",
                        help="re-derive an issue already imported (same file, or a corrected one at the same path); "
                             "its annotations are re-anchored, orphans kept")
    parser.add_argument("--issue", type=int, metavar="ID",
                        help="with one FILE: re-derive issue ID from it (a corrected copy under another name)")
    parser.add_argument("--no-entities", action="store_true", help="skip finding people, places and organisations")
    parser.add_argument("--jobs", type=int, metavar="N",
                        help="worker processes that decode, split and find entities "
                             "(default: every core; fewer for a few small files, where starting a worker costs more "
                             "than it saves)")
    parser.add_argument("--from-parquet", metavar="DIR",
                        help="load the Parquet datasets `dubao batch` wrote, without analysing again")
    add_library_options(parser)
    parser.set_defaults(handler=_import)

    parser = subparsers.add_parser("issues", help="list the issues in the library with their articles")
    parser.add_argument("--paper")
    parser.add_argument("--year", type=int)
    parser.add_argument("--id", type=int, help="only this issue")
    parser.add_argument("--set-paper", metavar="NAME", help="correct the paper of issue --id ('' clears it)")
    parser.add_argument("--set-date", metavar="YYYY-MM-DD", help="correct the date of issue --id")
    parser.add_argument("--resplit", action="store_true",
                        help="split issue --id (or every issue) again from its stored source with the current "
                             "splitter; annotations are re-anchored, orphans kept")
    parser.add_argument("--stale", action="store_true",
                        help="only issues split or analysed by an older Dubao (with --resplit: re-derive just those)")
    parser.add_argument("--no-entities", action="store_true", help="with --resplit: skip finding entities")
    add_library_options(parser)
    parser.set_defaults(handler=_issues)

    parser = subparsers.add_parser("annotate", help="add, list, change, delete or restore annotations")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="highlight [start, end) of an article")
    add.add_argument("--article", type=int, required=True)
    add.add_argument("--start", type=int, required=True)
    add.add_argument("--end", type=int, required=True)
    add.add_argument("--color", default="yellow", choices=ANNOTATION_COLORS)
    add.add_argument("--note")
    add.add_argument("--tag", action="append")
    update = actions.add_parser("update", help="change an annotation's colour, note or tags")
    update.add_argument("id", type=int)
    update.add_argument("--color", choices=ANNOTATION_COLORS)
    update.add_argument("--note")
    update.add_argument("--tag", action="append", help="replaces all tags (repeat for several)")
    update.add_argument("--clear-tags", action="store_true")
    listing = actions.add_parser("list", help="annotations in text order")
    listing.add_argument("--article", type=int)
    listing.add_argument("--issue", type=int)
    listing.add_argument("--tag")
    listing.add_argument("--color", choices=ANNOTATION_COLORS)
    listing.add_argument("--status", choices=("exact", "moved", "fuzzy", "orphaned"))
    listing.add_argument("--deleted", action="store_true", help="list deleted annotations (to restore them)")
    listing.add_argument("--find", metavar="TEXT", help="only those whose note or quote contains TEXT")
    rename = actions.add_parser("rename-tag", help="rename a tag everywhere (merges into an existing tag)")
    rename.add_argument("old")
    rename.add_argument("new")
    for name, help_text in (("delete", "delete (can be undone with restore)"), ("restore", "undo a delete")):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("id", type=int)
    for action in (add, update, listing, rename, *[actions.choices[n] for n in ("delete", "restore")]):
        add_library_options(action)
    parser.set_defaults(handler=_annotate)

    parser = subparsers.add_parser("search", help="find every occurrence of a word or phrase in the library")
    parser.add_argument("query")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--paper", help="only issues of this paper")
    add_library_options(parser)
    parser.set_defaults(handler=_search)
