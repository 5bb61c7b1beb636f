"""Command-line face of the core: `dubao <command> …`.

Each command lives in its own module under `dubao.cli` and exposes
`register(subparsers) -> None`, which adds its parser and sets `handler=fn(args) -> int`.
Commands print human-readable text by default and JSON with `--json`; errors are one line on
stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from dubao import __version__
from dubao.cli.common import CliError
from dubao.core.errors import DubaoError

# module name under dubao.cli -> the command names it registers
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "split_cmd": ("split",),
    "entities_cmd": ("entities",),
    "export_cmd": ("export", "import-annotations"),
    "import_cmd": ("import",),
    "library_cmd": ("issues", "annotate", "search"),
    "library_file_cmd": ("library",),
    "batch_cmd": ("batch",),
    "pinyin_cmd": ("pinyin",), "lookup_cmd": ("lookup",), "glossary_cmd": ("glossary",),
    "desktop_entry_cmd": ("install-desktop-entry",),
    "workbench_cmd": ("kwic", "trend", "profile", "keywords"),
    "codebook_cmd": ("codes",),
}


def command_names() -> set[str]:
    return {name for names in COMMAND_MODULES.values() for name in names}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dubao",
        description="Dubao 读报 — read and annotate Chinese newspaper issues. "
        "Run without a command to open the window.",
        epilog="The window: `dubao` opens it on your library; `dubao FILE…` opens it and imports those issue "
        "files (.txt); `dubao --library PATH` opens another library file; `dubao --screenshot PNG` renders "
        "the window to a picture and exits (`dubao --screenshot PNG --help` lists its options). "
        "Every command takes --library PATH too; `dubao COMMAND --help` explains each one.",
    )
    parser.add_argument("--version", action="version", version=f"dubao {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        module = importlib.import_module(f"dubao.cli.{module_name}")
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 1
    try:
        return int(handler(args) or 0)
    except CliError as error:
        print(f"dubao {args.command}: {error}", file=sys.stderr)
        return error.exit_status
    except DubaoError as error:  # raised by the core for the user's input: one line, never a traceback
        print(f"dubao {args.command}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `dubao split x --json | head`
        return 0
    except KeyboardInterrupt:
        return 130
