"""`python -m dubao` / `dubao`: no arguments (or GUI flags, or issue files) opens the window; a command runs the CLI."""

from __future__ import annotations

import sys


def _wants_gui(argv: list[str]) -> bool:
    if not argv:
        return True
    first = argv[0]
    if first in ("-h", "--help", "--version"):
        return False
    if first.startswith("-"):
        # GUI flags such as --screenshot, --library, --article
        return True
    from dubao.cli import command_names

    # `dubao some-issue.txt` (a file manager's "Open with") opens the file in the window
    return first not in command_names()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if _wants_gui(args):
        from dubao.gui.app import main as gui_main

        return gui_main(args)
    from dubao.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
