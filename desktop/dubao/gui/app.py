"""Start the window: `dubao` (the user's library; the bundled sample on first run), `dubao FILE.txt …`
(import and open those issues), `dubao --screenshot PNG [--library PATH] [--article N] [--hover WORD]
[--select START:END] [--pinyin hover|above|unknown] [--theme light|dark] [--tab NAME] [--search TEXT]
[--page-view]`
(render offscreen and exit; benchmarks/builders/make_screenshots.py makes the README's pictures with it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

SCREENSHOT_SIZE = (1360, 860)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dubao", description="Dubao 读报 — open the reading window.")
    parser.add_argument("files", nargs="*", help="issue files (.txt) to import and open")
    parser.add_argument("--library", help="library file to open (default: your Dubao library)")
    parser.add_argument("--screenshot", metavar="PNG", help="render the window to PNG offscreen and exit")
    parser.add_argument("--article", type=int, metavar="N", help="with --screenshot: the N-th article (1-based)")
    parser.add_argument("--hover", metavar="WORD", help="with --screenshot: the popup over the first WORD")
    parser.add_argument("--select", metavar="START:END", type=_span, help="with --screenshot: select this range")
    parser.add_argument("--pinyin", choices=("hover", "above", "unknown"),
                        help="with --screenshot: pinyin on hover, above every character, or above unknown words")
    parser.add_argument("--theme", choices=("light", "dark"), help="with --screenshot: colour theme (default light)")
    parser.add_argument("--tab", metavar="NAME", help="with --screenshot: show this panel tab (Library, Notes, "
                        "Vocabulary, Search…), or picture the workbench at its tab (Concordance, Trends, Profiles, "
                        "Keywords, Codebook) with --search run there")
    parser.add_argument("--search", metavar="TEXT", help="with --screenshot: search the library for TEXT")
    parser.add_argument("--page-view", action="store_true",
                        help="with --screenshot: the printed page beside the text (issues imported from PDF)")
    return parser


def _span(value: str) -> tuple[int, int]:
    try:
        start, end = (int(part) for part in value.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError("expected START:END in characters, e.g. 40:52") from None
    return start, end


def _load_style(app) -> None:
    from dubao.core.paths import resource

    style = resource("styles", "dubao.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def create_application(argv: list[str]):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from dubao import APP_ID, APP_NAME
    from dubao.gui.startup import pause_collector

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    pause_collector()  # until the window's staged start-up is done (gui/startup.py)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Dubao 读报")
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # Wayland app id = the desktop entry's name, so docks show its icon and name
    font = QFont(app.font())
    # interface text: a CJK sans with a Latin face that draws every tone mark
    font.setFamilies(["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "DejaVu Sans"])
    app.setFont(font)
    _load_style(app)
    return app


def set_window_icon(app) -> None:
    """Rendering the SVG icon costs ~80 ms, so it is set once the window has painted."""
    try:
        from dubao.gui.app_icon import app_icon

        app.setWindowIcon(app_icon())
    except Exception:  # an icon problem must never stop the app from starting
        pass


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    missing = [path for path in args.files if not Path(path).is_file()]
    if missing:
        print(f"dubao: no such file: {missing[0]}", file=sys.stderr)
        return 2
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application([])
    from dubao.gui.main_window import MainWindow
    from dubao.gui.settings import Settings

    if args.screenshot:
        return _screenshot(args, MainWindow, Settings)
    window = MainWindow(args.library, open_files=[str(Path(p).resolve()) for p in args.files])
    window.first_painted.connect(lambda: set_window_icon(app))
    window.show()
    return app.exec()


def _screenshot(args, MainWindow, Settings) -> int:
    from dubao.core.errors import DubaoError
    from dubao.core.library.store import Store
    from dubao.gui.screenshot import ScreenshotError, capture

    if args.library and Path(args.library).exists():
        # the window would say it in a dialog, which nobody closes offscreen: one line on the command line instead
        try:
            Store.open(args.library, create=False).close()
        except DubaoError as error:
            print(f"dubao --screenshot: {error}", file=sys.stderr)
            return 2
    # defaults, not the user's window state: the picture must not depend on how the window was left
    scratch = tempfile.mkdtemp(prefix="dubao-screenshot-")
    settings = Settings.load(str(Path(scratch) / "settings.ini"))
    settings.theme = args.theme or "light"  # not the system's: the picture must not depend on the desktop
    settings.pinyin_mode = args.pinyin or settings.pinyin_mode
    window = MainWindow(args.library, settings=settings, open_files=[str(Path(p).resolve()) for p in args.files])
    window.resize(*SCREENSHOT_SIZE)
    try:
        capture(window, args.screenshot, article=args.article, hover=args.hover, select=args.select,
                tab=args.tab, search=args.search, page_view=args.page_view)
    except ScreenshotError as error:
        print(f"dubao --screenshot: {error}", file=sys.stderr)
        return 1
    finally:
        window.close()
        shutil.rmtree(scratch, ignore_errors=True)
    print(args.screenshot)
    return 0
