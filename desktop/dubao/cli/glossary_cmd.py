"""`dubao glossary list|add|remove|export|import`: the user's own formulations glossary in a library, shared
with a class as a JSON or CSV file.

    dubao glossary list [--all] [--json]          the library's entries (--all: the shipped ones too)
    dubao glossary add 一黑二白 --explanation "…" [--english …] [--expansion 煤 --expansion 铝 …]
                       [--variant …] [--pinyin …] [--category …] [--since 2019] [--source …]
    dubao glossary remove 一黑二白
    dubao glossary export FILE.json|FILE.csv [--format json|csv]
    dubao glossary import FILE.json|FILE.csv [--format json|csv]   all entries of the file or none

Entries with the name of a shipped entry replace it in this library's popup, detection and lookup.
"""

from __future__ import annotations

import sys

from dubao.cli.common import print_json
from dubao.cli.library_cmd import add_library_options, open_library


def register(subparsers) -> None:
    parser = subparsers.add_parser("glossary", help="your own glossary entries: list, add, remove, export, import")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the library's glossary entries")
    listing.add_argument("--all", action="store_true", help="the shipped glossary's entries too")
    listing.set_defaults(handler=_list)
    add = actions.add_parser("add", help="add an entry (or replace the one with this name)")
    add.add_argument("name")
    add.add_argument("--explanation", default="", help="what it means, in your words")
    add.add_argument("--english", default="", help="English rendering")
    add.add_argument("--pinyin", default="")
    add.add_argument("--category", default="user", help="e.g. economy, party_building; person for a note on a person")
    add.add_argument("--since", default="", help="year it first appeared")
    add.add_argument("--source", default="", help="where it first appeared")
    add.add_argument("--variant", action="append", default=[], help="another printed form (repeatable)")
    add.add_argument("--expansion", action="append", default=[], help="one part of a numbered formulation (repeatable)")
    add.add_argument("--related", action="append", default=[], help="name of a related entry (repeatable)")
    add.set_defaults(handler=_add)
    remove = actions.add_parser("remove", help="remove an entry from the library")
    remove.add_argument("name")
    remove.set_defaults(handler=_remove)
    for name, helptext, handler in (("export", "write the library's entries to a JSON or CSV file", _export),
                                    ("import", "add the entries of a JSON or CSV file (same names replaced)", _import)):
        action = actions.add_parser(name, help=helptext)
        action.add_argument("file")
        action.add_argument("--format", choices=("json", "csv"), help="default: from the file's extension")
        action.set_defaults(handler=handler)
    for action in (listing, add, remove, *(actions.choices[n] for n in ("export", "import"))):
        add_library_options(action)


def _list(args) -> int:
    from dubao.core.entities.glossary import shipped_entries

    with open_library(args) as store:
        entries = store.glossary_entries()
    if args.all:
        own = {entry.name for entry in entries}
        entries = [entry for entry in shipped_entries() if entry.name not in own] + entries
    if args.json:
        print_json([dict(entry.to_json(), origin=entry.origin) for entry in entries])
        return 0
    for entry in entries:
        mark = "*" if entry.origin == "user" else " "
        english = f"  {entry.english}" if entry.english else ""
        sys.stdout.write(f"{mark} {entry.name}  [{entry.category}]{english}\n")
    if not entries:
        sys.stdout.write("no glossary entries of your own in this library (dubao glossary add NAME …)\n")
    return 0


def _add(args) -> int:
    from dubao.core.entities.glossary import formulation_from_json

    entry = formulation_from_json({
        "name": args.name, "explanation": args.explanation, "english": args.english, "pinyin": args.pinyin,
        "category": args.category, "since": args.since, "source": args.source, "variants": args.variant,
        "expansion": args.expansion, "related": args.related}, origin="user")
    with open_library(args, writes=True) as store:
        saved = store.save_glossary_entry(entry)
    if args.json:
        print_json(saved.to_json())
    else:
        sys.stdout.write(f"saved {saved.name}\n")
    return 0


def _remove(args) -> int:
    with open_library(args, writes=True) as store:
        store.delete_glossary_entry(args.name)
    sys.stdout.write(f"removed {args.name}\n")
    return 0


def _export(args) -> int:
    from dubao.core.export.glossary_file import write_glossary

    with open_library(args) as store:
        count = write_glossary(args.file, store.glossary_entries(), args.format)
    sys.stdout.write(f"{count} entries written to {args.file}\n")
    return 0


def _import(args) -> int:
    from dubao.core.export.glossary_file import read_glossary

    entries = read_glossary(args.file, args.format)
    with open_library(args, writes=True) as store:
        count = store.save_glossary_entries(entries)
    sys.stdout.write(f"{count} entries imported from {args.file}\n")
    return 0
