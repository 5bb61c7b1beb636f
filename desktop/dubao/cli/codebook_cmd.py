"""`dubao codes …`: the codebook from the command line.

    dubao codes list                               the hierarchy, with memos and how many highlights
    dubao codes add 经济/增长 [--memo TEXT]          make a code (parents too), or set its memo
    dubao codes rename 经济 发展                     rename or move a code with everything under it
    dubao codes apply ANNOTATION 经济/增长           code a highlight (it keeps its other codes)
    dubao codes remove ANNOTATION 经济/增长
    dubao codes counts [--by year] [--paper P]     highlights per code, paper and period
    dubao codes cooccur                            pairs of codes on one highlight or overlapping ones
    dubao codes import FILE.qdc                    a REFI-QDA codebook (hierarchy and memos)
    dubao codes export FILE.qdc
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from dubao.cli.common import CliError, print_json
from dubao.cli.library_cmd import add_library_options, open_library
from dubao.core.library.corpus import PERIODS, Part


def _list(store, args) -> object:
    codes = store.codes()
    if args.json:
        return [{**asdict(code), "name": code.name, "parent": code.parent} for code in codes]
    for code in codes:
        memo = f"  — {code.memo}" if code.memo else ""
        print(f"{'  ' * code.depth}{code.name}  ({code.highlights}){memo}")
    return None


def _import(store, args) -> object:
    from dubao.core.export.qdc import read_codebook

    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        raise CliError(f"cannot read {args.file}: {error.strerror or error}") from None
    entries = read_codebook(data)
    for entry in entries:
        store.add_code(entry.path, memo=entry.memo or None)
    if args.json:
        return {"imported": len(entries)}
    print(f"{len(entries)} code(s) imported from {args.file}")
    return None


def _export(store, args) -> object:
    from dubao.core.export.qdc import CodebookEntry, write_codebook

    data = write_codebook([CodebookEntry(code.path, code.memo) for code in store.codes()])
    target = Path(args.file)
    temporary = target.with_name(target.name + ".part")
    temporary.write_bytes(data)
    temporary.replace(target)  # whole or not at all
    if args.json:
        return {"file": str(target), "codes": len(store.codes())}
    print(f"codebook written to {target}")
    return None


def _counts(store, args) -> object:
    rows = store.code_counts(args.by, Part(paper=args.paper))
    if args.json:
        return [{"code": code, "paper": paper, "period": period, "highlights": count}
                for code, paper, period, count in rows]
    for code, paper, period, count in rows:
        print(f"{code:<24} {paper or '?':<10} {period or 'undated':<10} {count:>5}")
    return None


def _cooccur(store, args) -> object:
    pairs = sorted(store.code_cooccurrence().items(), key=lambda item: (-item[1], item[0]))
    if args.json:
        return [{"code": first, "other": second, "count": count} for (first, second), count in pairs]
    for (first, second), count in pairs:
        print(f"{first} × {second}: {count}")
    return None


def _run(args) -> int:
    # every action but listing, counting and exporting changes the codebook
    writes = args.action not in ("list", "counts", "cooccur", "export")
    with open_library(args, writes=writes) as store:
        if args.action == "add":
            result = asdict(store.add_code(args.path, memo=args.memo))
        elif args.action == "rename":
            count = store.rename_code(args.old, args.new)
            if args.json:
                print_json({"renamed": count})
            else:
                print(f"{count} code(s) renamed")
            return 0
        elif args.action in ("apply", "remove"):
            (store.apply_code if args.action == "apply" else store.remove_code)(args.annotation, args.path)
            result = {"annotation": args.annotation, "codes": list(store.get_annotation(args.annotation).tags)}
        else:
            result = {"list": _list, "import": _import, "export": _export, "counts": _counts,
                      "cooccur": _cooccur}[args.action](store, args)
            if result is None:
                return 0
        if args.json:
            print_json(result)
        elif args.action == "add":
            print(f"code {result['path']}" + (f" — {result['memo']}" if result["memo"] else ""))
        else:
            print(f"annotation {result['annotation']}: {', '.join(result['codes']) or 'no codes'}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("codes", help="the codebook: hierarchical codes on highlights, memos, counts",
                                   description=__doc__.split("\n\n")[0],
                                   epilog=__doc__.split("\n\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add_library_options(actions.add_parser("list", help="the codes, as a tree"))
    adding = actions.add_parser("add", help="make a code (with its parents) or set its memo")
    adding.add_argument("path", help="the code, parents first: 经济/增长")
    adding.add_argument("--memo")
    add_library_options(adding)
    renaming = actions.add_parser("rename", help="rename or move a code with everything under it")
    renaming.add_argument("old")
    renaming.add_argument("new")
    add_library_options(renaming)
    for action in ("apply", "remove"):
        applying = actions.add_parser(action, help=f"{action} a code on a highlight")
        applying.add_argument("annotation", type=int)
        applying.add_argument("path")
        add_library_options(applying)
    counting = actions.add_parser("counts", help="highlights per code, paper and period")
    counting.add_argument("--by", choices=PERIODS, default="year")
    counting.add_argument("--paper")
    add_library_options(counting)
    add_library_options(actions.add_parser("cooccur", help="how often two codes meet on a passage"))
    for action in ("import", "export"):
        filing = actions.add_parser(action, help=f"{action} a REFI-QDA codebook (.qdc)")
        filing.add_argument("file")
        add_library_options(filing)
    parser.set_defaults(handler=_run)
