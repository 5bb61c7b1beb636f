"""`dubao library check` and `dubao library backup DEST`: looking after the library file itself."""

from __future__ import annotations

from dubao.cli.common import CliError, print_json
from dubao.cli.library_cmd import add_library_options, open_library


def _check(args) -> int:
    with open_library(args) as store:
        store.ensure_sound()  # damage: one line saying how to recover, before anything else reads the file
        report = {"path": str(store.path), "schema": store.schema_migrations()[-1], "problems": store.integrity_check(),
                  **store.counts(), "orphaned": len(store.annotations(status="orphaned")),
                  "deleted": len(store.annotations(only_deleted=True))}
    if args.json:
        print_json(report)
    else:
        print(f"{report['path']} (schema {report['schema']})")
        print(f"  {report['issues']} issues, {report['articles']} articles, {report['annotations']} annotations "
              f"({report['orphaned']} orphaned, {report['deleted']} deleted and restorable), "
              f"{report['vocabulary']} vocabulary items")
        print("  sound: no problems found" if not report["problems"] else
              "  PROBLEMS:\n" + "\n".join(f"    {problem}" for problem in report["problems"]))
    return 0 if not report["problems"] else 2


def _backup(args) -> int:
    with open_library(args) as store:
        try:
            written = store.backup(args.destination)
        except OSError as error:
            raise CliError(str(error)) from None
    if args.json:
        print_json({"backup": str(written), "bytes": written.stat().st_size})
    else:
        print(f"backed up to {written} ({written.stat().st_size / 1e6:.1f} MB)")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("library", help="check the library file or back it up")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="integrity check and what the library holds (exit 2 on problems)")
    check.set_defaults(handler=_check)
    backup = actions.add_parser("backup", help="write a consistent copy (safe while Dubao is using the library)")
    backup.add_argument("destination", metavar="DEST")
    backup.set_defaults(handler=_backup)
    for action in (check, backup):
        add_library_options(action)
