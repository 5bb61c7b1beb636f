"""`dubao issues`, `dubao annotate …` and `dubao search`: the library from the command line (`dubao import` is
in import_cmd).

Every command takes `--library PATH` (default: the library in the user data folder) and `--json`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import sqlite3
import sys
from collections import Counter
from pathlib import Path

from dubao.cli.common import CliError, print_json
from dubao.core.models import ANNOTATION_COLORS, Annotation

ANNOTATION_KEYS = ("id", "article_id", "start", "end", "quote", "prefix", "suffix", "color", "note", "tags",
                   "status", "created", "updated")


def add_library_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", metavar="PATH", help="library file (default: the one in your user data folder)")
    parser.add_argument("--json", action="store_true", help="print JSON")


MAX_ID = 2**63 - 1  # SQLite's largest integer: no record has a larger id


def _say_waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def open_library(args, *, writes: bool = False):
    """The Store for `--library`, with its errors turned into one-line CLI errors. A command that only
    reads (`writes=False`) never creates a library; one that writes refuses a library failing SQLite's
    quick check, so nothing is written into a damaged file, and waits (saying so) for a busy one."""
    from dubao.core.library.health import library_error
    from dubao.core.library.store import LibraryError, Store
    from dubao.core.paths import default_library_path

    path = Path(args.library).expanduser() if args.library else default_library_path()
    try:
        # the default library is made on first use; a path the user typed (perhaps mistyped) only by a write
        store = Store.open(path, create=writes or not args.library, verify=writes)
    except LibraryError as error:
        raise CliError(str(error)) from None
    except OSError as error:  # the file cannot even be looked at: permissions, a vanished disk
        raise CliError(str(library_error(error, path))) from None
    store.on_busy = _say_waiting
    try:
        yield store
    except (KeyError, ValueError, LibraryError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else str(error)
        raise CliError(str(message)) from None
    except OverflowError:  # an id SQLite cannot even look up
        raise CliError(f"no issue, article or annotation has such an id (ids go up to {MAX_ID})") from None
    except sqlite3.Error as error:  # met while reading: damage, a vanished file …
        raise CliError(str(library_error(error, path))) from None
    finally:
        store.close()


def _check_date(value: str | None) -> None:
    """A --date that is no calendar date is refused before anything is read or written."""
    if value is None:
        return
    try:
        _dt.date.fromisoformat(value)
    except ValueError as error:
        raise CliError(f"--date {value} is not a date: {error} (write YYYY-MM-DD, e.g. 2023-02-18)") from None


def annotation_json(annotation: Annotation) -> dict:
    data = {key: getattr(annotation, key) for key in ANNOTATION_KEYS}
    data["tags"] = list(annotation.tags)
    return data


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

    _check_date(args.set_date or None)
    edits = {"paper": args.set_paper, "date": args.set_date, "url": args.set_url}
    writes = args.resplit or any(value is not None for value in edits.values())
    with open_library(args, writes=writes) as store:
        if args.resplit:
            chosen = [store.get_issue(args.id)] if args.id is not None else store.list_issues()
            if args.stale:
                chosen = [issue for issue in chosen if is_stale(issue)]
            _resplit(store, chosen, args.json, entities=not args.no_entities)
        if any(value is not None for value in edits.values()):
            if args.id is None:
                raise CliError("--set-paper/--set-date/--set-url need --id ISSUE")
            store.update_issue(args.id, **edits)
        issues = [store.get_issue(args.id)] if args.id is not None else store.list_issues(args.paper, args.year)
        if args.stale:
            issues = [issue for issue in issues if is_stale(issue)]
        noted = store.annotation_counts()
        listing = []
        for issue in issues:
            articles = [{"id": article_id, "index": index, "headline": headline}
                        for article_id, index, headline in store.article_headlines(issue.id)]
            listing.append({"id": issue.id, "paper": issue.paper, "date": issue.date,
                            "source_path": issue.source_path, "url": issue.url, "sha256": issue.sha256,
                            "imported": issue.imported,
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
    with open_library(args, writes=args.action != "list") as store:
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
    parser = subparsers.add_parser("issues", help="list the issues in the library with their articles")
    parser.add_argument("--paper")
    parser.add_argument("--year", type=int)
    parser.add_argument("--id", type=int, help="only this issue")
    parser.add_argument("--set-paper", metavar="NAME", help="correct the paper of issue --id ('' clears it)")
    parser.add_argument("--set-date", metavar="YYYY-MM-DD", help="correct the date of issue --id")
    parser.add_argument("--set-url", metavar="URL", help="set the web address of issue --id ('' clears it)")
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
    add.add_argument("--start", type=int, required=True,
                     help="where the highlight begins, counted in characters (Unicode code points) of the "
                          "article's text, headline included, from 0 (`dubao split FILE --json` shows the text)")
    add.add_argument("--end", type=int, required=True, help="where it ends (exclusive), counted the same way")
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
