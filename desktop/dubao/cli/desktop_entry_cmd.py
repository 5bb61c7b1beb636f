"""`dubao install-desktop-entry [--uninstall]`: put Dubao in the desktop's application menu for the current
user, for people who installed it with pip (the Debian package installs its own system-wide entry).

It writes, under `$XDG_DATA_HOME` (default `~/.local/share`):
  applications/io.github.dubao.Dubao.desktop   — the shipped entry, with Exec/TryExec pointing at the
                                                  installed `dubao` script by absolute path (a pip or venv
                                                  install is usually not on the menu launcher's PATH)
  icons/hicolor/<size>/apps/io.github.dubao.Dubao.png|svg
`--uninstall` removes exactly those files and nothing else.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from dubao import APP_ID
from dubao.cli.common import CliError, print_json
from dubao.core.paths import resource

DESKTOP_FILE_NAME = f"{APP_ID}.desktop"
_SAFE_EXEC_PATH = re.compile(r"[A-Za-z0-9_./+-]+")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "install-desktop-entry",
        help="add Dubao to your application menu (for pip installs)",
        description="Add a menu entry and icon for Dubao for the current user, under $XDG_DATA_HOME "
        "(default ~/.local/share). The Debian package does this system-wide already.",
    )
    parser.add_argument("--uninstall", action="store_true", help="remove the menu entry and icons again")
    parser.add_argument(
        "--exec",
        dest="exec_path",
        metavar="PATH",
        help="the program the menu entry starts (default: the installed `dubao` script)",
    )
    parser.add_argument("--json", action="store_true", help="print what was written or removed as JSON")
    parser.set_defaults(handler=run)


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def installed_program() -> Path:
    """The program a menu entry should start: the frozen bundle, else the `dubao` script of this install."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve()
    beside_python = Path(sys.executable).parent / ("dubao.exe" if os.name == "nt" else "dubao")
    if beside_python.is_file():
        return beside_python.absolute()  # keep the venv's bin/ path: resolving would leave the venv
    on_path = shutil.which("dubao")
    if on_path:
        return Path(on_path).absolute()
    raise CliError(
        "no installed `dubao` program found next to this Python or on PATH; "
        "install Dubao with pip first, or name the program with --exec PATH"
    )


def exec_value(program: Path) -> str:
    """`program` as the first word of a desktop entry's Exec key, quoted as the spec requires."""
    text = str(program)
    if _SAFE_EXEC_PATH.fullmatch(text):
        return text
    # Inside double quotes, ", `, $ and \ are escaped with a backslash; the key-file layer then doubles
    # every backslash once more.
    quoted = '"' + re.sub(r'(["`$\\])', r"\\\1", text) + '"'
    return quoted.replace("\\", "\\\\")


def desktop_entry_text(program: Path) -> str:
    """The shipped desktop entry with Exec and TryExec pointing at `program`."""
    shipped = resource("desktop", DESKTOP_FILE_NAME).read_text(encoding="utf-8")
    lines = []
    for line in shipped.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_value(program)} %F"
        elif line.startswith("TryExec="):
            line = f"TryExec={str(program).replace(chr(92), chr(92) * 2)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _icon_files(root: Path) -> list[Path]:
    from dubao.gui.app_icon import HICOLOR_SIZES, ICON_NAME

    files = [root / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png" for size in HICOLOR_SIZES]
    files.append(root / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg")
    return files


def _refresh_desktop_caches(base: Path) -> None:
    # Menus pick new entries up by themselves on most desktops; these caches only speed that up, so a
    # missing tool or a failure is not an error.
    for command in (
        ["update-desktop-database", "-q", str(base / "applications")],
        ["gtk-update-icon-cache", "-q", "-t", "-f", str(base / "icons" / "hicolor")],
    ):
        if shutil.which(command[0]):
            subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def install(base: Path, program: Path) -> list[Path]:
    from dubao.gui.app_icon import write_hicolor_theme

    entry = base / "applications" / DESKTOP_FILE_NAME
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(desktop_entry_text(program), encoding="utf-8")
        written = [entry, *write_hicolor_theme(base / "icons")]
    except OSError as error:
        raise CliError(f"could not write the menu entry under {base}: {error}") from error
    _refresh_desktop_caches(base)
    return written


def uninstall(base: Path) -> list[Path]:
    removed = []
    for path in [base / "applications" / DESKTOP_FILE_NAME, *_icon_files(base / "icons")]:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise CliError(f"could not remove {path}: {error}") from error
        removed.append(path)
    if removed:
        _refresh_desktop_caches(base)
    return removed


def run(args: argparse.Namespace) -> int:
    base = data_home()
    if args.uninstall:
        removed = uninstall(base)
        if args.json:
            print_json({"action": "uninstall", "removed": [str(path) for path in removed]})
        elif removed:
            print(f"Removed Dubao's menu entry and icons ({len(removed)} files) from {base}")
        else:
            print(f"No Dubao menu entry was installed under {base}; nothing to remove")
        return 0
    program = Path(args.exec_path).absolute() if args.exec_path else installed_program()
    if not program.is_file():
        raise CliError(f"{program} does not exist; the menu entry would not start anything")
    written = install(base, program)
    system_entry = Path("/usr/share/applications") / DESKTOP_FILE_NAME
    if system_entry.exists() and not args.json:
        # Harmless (the per-user entry wins, same id), but the user may not have needed this command at all.
        print(f"Note: the installed package already provides {system_entry}; this entry takes its place for you.")
    if args.json:
        print_json({"action": "install", "program": str(program), "written": [str(path) for path in written]})
    else:
        print(f"Added Dubao to the application menu: {written[0]}")
        print(f"It starts {program}; icons are in {base / 'icons' / 'hicolor'}")
        print("Remove it again with: dubao install-desktop-entry --uninstall")
    return 0
