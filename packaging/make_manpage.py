"""Write the dubao(1) manual page from the real argument parsers, so it lists exactly the window options and
commands this build has. Used by packaging/build-deb:

    PYTHONPATH=desktop python packaging/make_manpage.py > dubao.1
"""

from __future__ import annotations

import argparse
import datetime
import sys

from dubao import __version__
from dubao.cli import build_parser as cli_parser
from dubao.core.paths import app_display_name
from dubao.gui.app import build_parser as window_parser


def roff(text: str) -> str:
    """Escape text for roff: backslashes, and a leading dot or quote that would read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text[:1] in (".", "'") else text


def _window_options() -> list[str]:
    lines = []
    for action in window_parser()._actions:
        if not action.option_strings or action.dest == "help":
            continue
        name = ", ".join(f"\\fB{roff(option)}\\fR" for option in action.option_strings)
        metavar = f" \\fI{roff(action.metavar)}\\fR" if action.metavar else (
            f" \\fI{roff(action.dest.upper())}\\fR" if action.nargs != 0 else "")
        lines += [".TP", name + metavar, roff(action.help or "")]
    return lines


def _commands() -> list[str]:
    lines = []
    for action in cli_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                lines += [".TP", f"\\fB{roff(choice.dest)}\\fR", roff(choice.help or "")]
    return lines


def manpage() -> str:
    today = datetime.date.today().isoformat()
    lines = [
        f'.TH DUBAO 1 "{today}" "dubao {__version__}" "User Commands"',
        ".SH NAME",
        "dubao \\- read and annotate Chinese newspaper issues",
        ".SH SYNOPSIS",
        "\\fBdubao\\fR [\\fIOPTIONS\\fR] [\\fIISSUE.txt\\fR ...]",
        ".br",
        "\\fBdubao\\fR \\fICOMMAND\\fR [\\fIARGS\\fR ...]",
        ".SH DESCRIPTION",
        roff(f"{app_display_name()} is a reader for Chinese newspaper issues: point at a word to see its reading "
             "in context and its CC-CEDICT meanings, highlight passages, write notes and tags, see the people, "
             "places, organisations and formulations an article names, search a library of issues and export "
             "to other tools."),
        ".PP",
        roff("Without a command, dubao opens the window on your library (the bundled sample issue on first "
             "run); issue files given on the command line are imported and opened. With a command it works "
             "on the command line; \"dubao COMMAND --help\" describes each one."),
        ".SH WINDOW OPTIONS",
        *_window_options(),
        ".SH COMMANDS",
        *_commands(),
        ".SH ENVIRONMENT",
        ".TP",
        "\\fBDUBAO_DATA_DIR\\fR, \\fBDUBAO_CACHE_DIR\\fR, \\fBDUBAO_CONFIG_DIR\\fR",
        roff("Where the library, rebuildable caches and settings live (default: the XDG folders, "
             "~/.local/share/dubao, ~/.cache/dubao, ~/.config/dubao)."),
        ".SH FILES",
        ".TP",
        "\\fI~/.local/share/dubao/library.sqlite\\fR",
        roff("The library: issues, annotations, tags and vocabulary."),
        ".SH SEE ALSO",
        roff("The credits and licences of the bundled dictionaries and word lists: Help > About, or "
             "/opt/dubao/_internal/resources/data/LICENSES.md in the Debian package."),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(manpage())
