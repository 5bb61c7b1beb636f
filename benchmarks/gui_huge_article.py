"""Opening a huge article in the window: per size, ms until its text is shown, the longest stall of the GUI thread,
ms until the word popup works on the visible text, and the peak resident memory.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.gui_huge_article [--sizes 0.1,1,5] [--timeout 180]

Articles are made by repeating the sample issue's paragraphs up to 0.1, 1 and 5 MB of UTF-8 text, once with a
line break after each paragraph ("lines") and once as one line ("one line", a pasted book); a sample-sized
article is measured first in the same run as the baseline. Each case runs in a fresh process (the peak memory
is that process's own): the window opens a library holding a small article and the huge one, the small one is
analysed (the models loaded), then the huge one is opened while a 5 ms timer on the GUI thread records how late
it fires (the timer-gap method of benchmarks/gui_startup.py). After the popup works at the top, the window is
scrolled to the middle and the end, where the popup, a selection and a highlight must work too; the stall
figure covers all of it, until the whole article is analysed (or the timeout).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TICK_MS = 5


def sample_paragraphs() -> list[str]:
    from dubao.core.paths import sample_issue

    text = Path(sample_issue()).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if len(line.strip()) > 30]


def article_text(megabytes: float | None, breaks: bool) -> str:
    """A headline and the sample's paragraphs repeated to `megabytes` of UTF-8 (None: each paragraph once)."""
    paragraphs = sample_paragraphs()
    if megabytes is None:
        body = paragraphs
    else:
        body, size, limit = [], 0, int(megabytes * 1_000_000)
        while size < limit:
            for paragraph in paragraphs:
                body.append(paragraph)
                size += len(paragraph.encode("utf-8")) + 1
                if size >= limit:
                    break
    return "会议强调推动高质量发展\n" + ("\n" if breaks else "").join(body)


def build_library(path: Path, text: str) -> tuple[int, int]:
    """A library with a small article and the measured one (no stored entities: the window finds them, as for
    a pasted text); returns (small article id, measured article id)."""
    from dubao.core.library.store import Store
    from dubao.core.models import Article, Block, Issue, SourceInfo
    import hashlib

    def article(index: int, body: str) -> Article:
        blocks, position = [], 0
        for number, line in enumerate(body.split("\n")):
            kind = "headline" if number == 0 else "paragraph"
            blocks.append(Block(kind, line, position, position + len(line), ((position, position + len(line)),)))
            position += len(line) + 1
        headline = body.split("\n", 1)[0]
        return Article(index, headline, None, None, None, (), (), None, body, tuple(blocks))

    small = "市委召开常委会会议\n" + sample_paragraphs()[0]
    source = small + "\n" + text
    sha = hashlib.sha256(source.encode("utf-8")).hexdigest()
    issue = Issue(SourceInfo(None, sha, "utf-8", len(source)), (), (article(1, small), article(2, text)),
                  paper="吕梁日报", date="2023-02-18")
    with Store.open(path) as store:
        outcome = store.save_issue(issue, source)
        ids = [a.id for a in store.articles(outcome.issue_id)]
    return ids[0], ids[1]


def peak_rss_mb() -> float:
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(library: Path, settings_path: Path, small_id: int, huge_id: int, timeout: float) -> dict:
    """In a fresh process: open the huge article in the window and time it (see the module docstring)."""
    from PySide6.QtCore import QEvent, QObject, QPointF, QTimer

    from dubao.core.text import is_han
    from dubao.gui.app import create_application
    from dubao.gui.main_window import MainWindow
    from dubao.gui.screenshot import move_pointer, wait_until
    from dubao.gui.settings import Settings

    app = create_application([])
    settings = Settings.load(str(settings_path))
    settings.last_article_id = small_id
    window = MainWindow(library, settings=settings)
    window.resize(1360, 860)
    window.show()
    if not wait_until(lambda: window.current_article_id == small_id and window.reader.analysis is not None, 180):
        raise SystemExit("the small article was never analysed")
    reader = window.reader
    marks: dict[str, float] = {}

    class PaintWatcher(QObject):
        def eventFilter(self, watched, event):
            if (event.type() == QEvent.Type.Paint and "shown" not in marks and reader.current_article is not None
                    and reader.current_article.id == huge_id):
                marks["shown"] = time.perf_counter()
            return False

    watcher = PaintWatcher()
    reader.viewport().installEventFilter(watcher)
    ticks: list[float] = []
    ticker = QTimer(interval=TICK_MS, timeout=lambda: ticks.append(time.perf_counter()))
    ticker.start()
    start = time.perf_counter()
    QTimer.singleShot(0, lambda: window.open_article(huge_id))

    def hover_over(offset: int) -> bool:
        window.hover.hide()
        move_pointer(reader, QPointF(1, 1))  # off the text first: the reader reports only a change of character
        move_pointer(reader, reader.char_rect(offset).center())
        return window.hover.current is not None

    def popup_works_at_top() -> bool:
        if reader.current_article is None or reader.current_article.id != huge_id:
            return False
        text = reader.text()
        for y in range(30, 400, 20):  # the first Han character drawn under a probe near the top
            offset = reader.offset_at(QPointF(120, y))
            if offset is not None and is_han(text[offset]):
                return hover_over(offset)
        return False

    def popup_works_at(offset: int) -> bool:
        text = reader.text()
        while offset < len(text) and not is_han(text[offset]):
            offset += 1
        reader.scroll_to(offset)
        app.processEvents()
        return hover_over(offset) and window.hover.current.token.start <= offset

    figures: dict = {"chars": None}
    wait_until(lambda: "shown" in marks, timeout)
    figures["chars"] = len(reader.text())
    figures["text_shown_ms"] = (marks["shown"] - start) * 1000 if "shown" in marks else None
    deadline = time.perf_counter() + timeout
    hover_ms = None
    while time.perf_counter() < deadline:
        if popup_works_at_top():
            hover_ms = (time.perf_counter() - start) * 1000
            break
        wait_until(lambda: False, 0.05)
    figures["hover_ms"] = hover_ms
    text = reader.text()
    far = {"middle": len(text) // 2, "end": max(0, len(text) - 40)}
    for name, offset in far.items():  # the popup far into the text, once its words are known there
        found = None
        while time.perf_counter() < deadline:
            if popup_works_at(offset):
                found = (time.perf_counter() - start) * 1000
                break
            wait_until(lambda: False, 0.05)
        figures[f"hover_{name}_ms"] = found
    # a highlight far into the text lands on its characters
    span = (far["middle"], far["middle"] + 6)
    reader.select_span(*span)
    app.processEvents()
    figures["selection_right"] = reader.selected_span() == span
    session = window.session
    if hasattr(session, "analysis_complete"):
        def analysed() -> bool:
            return session.analysis_complete(huge_id)
    else:  # the window before huge articles were analysed window by window: one result, at the end
        def analysed() -> bool:
            return session.analysis(huge_id) is not None
    complete = wait_until(analysed, max(0.0, deadline - time.perf_counter()))
    figures["analysed_ms"] = (time.perf_counter() - start) * 1000 if complete else None
    ticker.stop()
    gaps = sorted(b - a for a, b in zip(ticks, ticks[1:]))
    figures["longest_stall_ms"] = gaps[-1] * 1000 if gaps else None
    figures["stalls_over_100ms"] = sum(1 for gap in gaps if gap > 0.1)
    figures["peak_rss_mb"] = peak_rss_mb()
    window.close()
    return figures


def run_case(label: str, megabytes: float | None, breaks: bool, scratch: Path, timeout: float) -> dict:
    folder = scratch / label.replace(" ", "_")
    folder.mkdir()
    small_id, huge_id = build_library(folder / "library.sqlite", article_text(megabytes, breaks))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DUBAO_CONFIG_DIR": str(folder)}
    command = [sys.executable, "-m", "benchmarks.gui_huge_article", "--measure", str(folder / "library.sqlite"),
               str(small_id), str(huge_id), "--timeout", str(timeout)]
    try:
        child = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, timeout=timeout * 3 + 300)
    except subprocess.TimeoutExpired:
        return {"error": "the measuring process did not finish"}
    lines = child.stdout.strip().splitlines()
    if child.returncode != 0 or not lines:
        return {"error": (child.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(lines[-1])


def _ms(value) -> str:
    return f"{value:8.0f}" if isinstance(value, (int, float)) else "   never"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1,5", help="megabytes of text, comma-separated")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for each stage")
    parser.add_argument("--json", action="store_true", help="end with one line of JSON: the figures")
    parser.add_argument("--measure", nargs=3, metavar=("LIBRARY", "SMALL", "HUGE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        library = Path(args.measure[0])
        print(json.dumps(measure(library, library.parent / "settings.ini", int(args.measure[1]),
                                 int(args.measure[2]), args.timeout)))
        return
    cases = [("sample-sized", None, True)]
    for size in (float(s) for s in args.sizes.split(",") if s.strip()):
        cases += [(f"{size:g} MB lines", size, True), (f"{size:g} MB one line", size, False)]
    scratch = Path(tempfile.mkdtemp(prefix="dubao-huge-"))
    results = {}
    try:
        print(f"{'article':18s} {'chars':>9s} {'shown ms':>8s} {'hover ms':>8s} {'mid ms':>8s} {'end ms':>8s} "
              f"{'analysed':>8s} {'stall ms':>8s} {'>100ms':>6s} {'peak MB':>7s}")
        for label, size, breaks in cases:
            figures = results[label] = run_case(label, size, breaks, scratch, args.timeout)
            if "error" in figures:
                print(f"{label:18s} failed: {figures['error']}", flush=True)
                continue
            print(f"{label:18s} {figures['chars'] or 0:9d} {_ms(figures['text_shown_ms'])} {_ms(figures['hover_ms'])} "
                  f"{_ms(figures['hover_middle_ms'])} {_ms(figures['hover_end_ms'])} {_ms(figures['analysed_ms'])} "
                  f"{_ms(figures['longest_stall_ms'])} {figures['stalls_over_100ms']:6d} "
                  f"{figures['peak_rss_mb']:7.0f}" + ("" if figures["selection_right"] else "  selection WRONG"),
                  flush=True)
        print("shown: open_article to the first paint of its text; hover/mid/end: until the word popup works at the "
              "top, the middle and the end; analysed: the whole article's words and entities; stall: the longest "
              f"gap of a {TICK_MS} ms GUI timer over all of it (never: not within --timeout {args.timeout:g} s)")
        if args.json:
            print(json.dumps(results))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
