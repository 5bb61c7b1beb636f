"""Main-window figures: start-up to first paint (against a bare Qt window measured in the same run),
pointer-to-popup latency, article switch time, memory.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.gui_startup [--runs 5] [--json] [--baseline CHECKOUT]

With --json the last line is one JSON object of the figures (first_paint_ratio, text_paint_ratio,
rss_mb_all_models, hover_p99_ms, …) after the readable report. `--baseline CHECKOUT` (another checkout of the
repository, e.g. `git worktree add /tmp/base main`) also starts that checkout's window in the same rounds, its
code put first on the path, so a change's start-up is compared with its base in one run (baseline_* figures).

Start-up is measured in fresh processes: the parent notes the time, starts a child, and the child prints
the wall-clock time of its window's first paint (for Dubao: its frame — menus, toolbar, the panels' places),
of the first paint with article text, and of the moment the article list is filled and the sidebar shows the
article (`library_loaded`: the whole window is there; it paints on the event loop's next turn).
Latency is measured in-process on the sample issue: a mouse-move event is sent onto a word, the popup is
filled and the pending paints are flushed; p50/p99 over every word of the longest article.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.checkouts import baseline_checkout, comparison_options, process_env

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_CHILD_PRELUDE = """
import os, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def __init__(self, done):
        super().__init__(); self.done = done
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.done(obj)
        return False
def report(label):
    print(label, repr(time.time()), flush=True)
    print("cpu_" + label, repr(time.process_time()), flush=True)  # CPU seconds: less hurt by a busy machine
def rss_mb():
    # VmRSS of this process (ru_maxrss would carry the parent's peak over the exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

BARE_CHILD = _CHILD_PRELUDE + """
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.setCentralWidget(QLabel("hello")); window.resize(1360, 860)
def painted(watched):
    report("first_paint"); print("rss", rss_mb()); QTimer.singleShot(0, app.quit)
catcher = FirstPaint(painted); window.installEventFilter(catcher)
window.show(); app.exec()
"""

DUBAO_CHILD = _CHILD_PRELUDE + """
from dubao.gui.app import create_application
app = create_application([])
report("app_created")
from dubao.gui.main_window import MainWindow
from dubao.gui.settings import Settings
report("imported")
window = MainWindow({library!r}, settings=Settings.load({settings!r}))
report("constructed")
window.resize(1360, 860)
state = {{}}
def finish_when_both():
    if "text" in state and "listed" in state:
        QTimer.singleShot(0, app.quit)
def text_painted(watched):
    if window.reader.text() and "text" not in state:
        state["text"] = True; report("text_paint"); print("rss", rss_mb()); finish_when_both()
def listed():  # the article list filled and the sidebar showing the article: the whole window is there
    if "listed" not in state:
        state["listed"] = True; report("library_loaded"); finish_when_both()
window.library_loaded.connect(listed)
def painted(watched):
    if "first" not in state:
        state["first"] = True; report("first_paint")
text_catcher = FirstPaint(text_painted)
def watch_reader():
    if getattr(window, "reader", None) is None:
        return False
    window.reader.viewport().installEventFilter(text_catcher)
    return True
if not watch_reader():
    # the reader is made after the window's first paint (build_reader): its viewport is watched from then on.
    # Not a filter on the whole application: PySide would wrap every internal Qt object it saw, ~20 ms of set-up.
    build_reader = window.build_reader
    def build_and_watch():
        build_reader(); watch_reader()
    window.build_reader = build_and_watch
catcher = FirstPaint(painted)
window.installEventFilter(catcher)
window.show(); app.exec()
"""


def child_times(code: str, source: Path | None = None) -> dict[str, float]:
    start = time.time()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env=process_env(source))
    if result.returncode != 0:
        sys.exit(f"gui_startup: a measured window failed ({source or 'this checkout'}):\n{result.stderr[-2000:]}")
    output = result.stdout
    values = {}
    for line in output.splitlines():
        label, _, value = line.partition(" ")
        if label in ("first_paint", "text_paint", "library_loaded", "app_created", "imported", "constructed"):
            values[label] = float(value) - start
        elif label.startswith("cpu_"):
            values[label] = float(value)
        elif label == "rss":
            values["rss"] = float(value)
    return values


def startup(runs: int, library: Path, scratch: Path, baseline: Path | None = None) -> dict:
    bare, dubao, base = [], [], []
    code = DUBAO_CHILD.format(library=str(library), settings=str(scratch / "s.ini"))
    child_times(BARE_CHILD), child_times(code)  # warm-up: file cache and .pyc files, as on a user's machine
    if baseline is not None:
        child_times(code, baseline)
    for _ in range(runs):  # interleaved, so load on the machine hits all alike
        bare.append(child_times(BARE_CHILD))
        dubao.append(child_times(code))
        if baseline is not None:
            base.append(child_times(code, baseline))
    bare_first = statistics.median(r["first_paint"] for r in bare)
    first = statistics.median(r["first_paint"] for r in dubao)
    text = statistics.median(r["text_paint"] for r in dubao if "text_paint" in r)
    print(f"start-up, median of {runs} fresh processes (existing library, sample issue):")
    print(f"  bare Qt window, first paint        {bare_first * 1000:7.0f} ms")
    print(f"  Dubao window, first paint          {first * 1000:7.0f} ms   ratio {first / bare_first:.2f}x (aim <= 1.3x)")
    print(f"  Dubao window, article text painted {text * 1000:7.0f} ms   ratio {text / bare_first:.2f}x")
    listed = statistics.median(r["library_loaded"] for r in dubao if "library_loaded" in r)
    print(f"  Dubao window, list and sidebar in  {listed * 1000:7.0f} ms   ratio {listed / bare_first:.2f}x "
          "(the whole window: the article list filled, the sidebar on the article)")
    bare_cpu = statistics.median(r["cpu_first_paint"] for r in bare)
    cpu = statistics.median(r["cpu_first_paint"] for r in dubao)
    print(f"  CPU time to first paint: bare {bare_cpu * 1000:.0f} ms, Dubao {cpu * 1000:.0f} ms   "
          f"ratio {cpu / bare_cpu:.2f}x (steadier than wall time when other work shares the machine)")
    for phase in ("app_created", "imported", "constructed"):
        print(f"    Dubao phase: {phase:12s} at {statistics.median(r[phase] for r in dubao) * 1000:5.0f} ms")
    print(f"  resident memory at that point: bare {statistics.median(r['rss'] for r in bare):.0f} MB, "
          f"Dubao {statistics.median(r['rss'] for r in dubao if 'rss' in r):.0f} MB")
    figures = {"bare_first_paint_ms": bare_first * 1000, "first_paint_ms": first * 1000, "text_paint_ms": text * 1000,
               "first_paint_ratio": first / bare_first, "text_paint_ratio": text / bare_first,
               "library_loaded_ms": listed * 1000, "library_loaded_ratio": listed / bare_first,
               "cpu_first_paint_ratio": cpu / bare_cpu,
               "rss_mb_at_text_paint": statistics.median(r["rss"] for r in dubao if "rss" in r)}
    if base:
        base_first = statistics.median(r["first_paint"] for r in base)
        base_text = statistics.median(r["text_paint"] for r in base if "text_paint" in r)
        base_listed = statistics.median(r["library_loaded"] for r in base if "library_loaded" in r)
        base_cpu = statistics.median(r["cpu_first_paint"] for r in base)
        print(f"  baseline {baseline}, same rounds: first paint {base_first * 1000:.0f} ms "
              f"ratio {base_first / bare_first:.2f}x, text painted {base_text * 1000:.0f} ms "
              f"ratio {base_text / bare_first:.2f}x, list and sidebar in {base_listed * 1000:.0f} ms "
              f"ratio {base_listed / bare_first:.2f}x, CPU to first paint ratio {base_cpu / bare_cpu:.2f}x")
        figures.update({"baseline_first_paint_ratio": base_first / bare_first,
                        "baseline_text_paint_ratio": base_text / bare_first,
                        "baseline_library_loaded_ratio": base_listed / bare_first,
                        "baseline_cpu_first_paint_ratio": base_cpu / bare_cpu})
    return figures


def vm_rss_mb() -> float:
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_everything(window) -> float:
    """Every model the window can use, loaded as a long session would: words, readings, dictionary (a lookup),
    the entity tagger (the issue's entities found); then the resident memory in MB."""
    from dubao.core import entities
    from dubao.core.language import dictionary

    dictionary.get_dictionary().lookup("发展")
    issue = window.store.get_issue(window.store.get_article(window.current_article_id).issue_id)
    articles = tuple(window.store.articles(issue.id))
    import dataclasses

    entities.extract_issue(dataclasses.replace(issue, articles=articles), None)
    import gc

    gc.collect()
    return vm_rss_mb()


def in_process(library: Path, scratch: Path) -> dict:
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from dubao.gui.app import create_application
    from dubao.gui.main_window import MainWindow
    from dubao.gui.screenshot import wait_until
    from dubao.gui.settings import Settings

    app = create_application([])
    window = MainWindow(library, settings=Settings.load(str(scratch / "s2.ini")))
    window.resize(1360, 860)
    # responsiveness while the library opens and the first analysis loads jieba, readings and the
    # dictionary on a worker thread: how late does a 5 ms timer on the GUI thread fire?
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    ticker = QTimer(interval=5, timeout=lambda: ticks.append(time.perf_counter()))
    ticker.start()
    shown = time.perf_counter()
    window.show()
    wait_until(lambda: window.current_article_id is not None, 120)
    wait_until(lambda: window.reader.analysis is not None, 120)
    first_analysis = time.perf_counter() - shown
    ticker.stop()
    gaps = sorted(b - a for a, b in zip(ticks, ticks[1:]))
    if gaps:
        print(f"GUI thread while the first article is analysed in the background ({len(gaps)} timer ticks): "
              f"longest gap {gaps[-1] * 1000:.0f} ms, p99 {gaps[int(len(gaps) * 0.99)] * 1000:.0f} ms")
    print(f"first article analysed (hover ready) {first_analysis * 1000:.0f} ms after show "
          "(opening the library, loading jieba, readings and the dictionary)")
    ids = window.article_list.article_ids()
    longest = max(ids, key=lambda i: len(window.store.get_article(i).text))

    # article switch: first visit (text shown; analysis follows in the background) and cached revisit
    first_visit, analysed, revisit = [], [], []
    for article_id in ids + ids:
        cached = window.session.analysis(article_id) is not None
        started = time.perf_counter()
        window.open_article(article_id)
        window.reader.viewport().repaint()
        shown = time.perf_counter() - started
        (revisit if cached else first_visit).append(shown)
        if not cached:
            wait_until(lambda: window.reader.analysis is not None, 120)
            analysed.append(time.perf_counter() - started)

    window.open_article(longest)
    wait_until(lambda: window.reader.analysis is not None, 60)
    reader, hover = window.reader, window.hover
    viewport = reader.viewport()
    latencies, cpu_times = [], []
    for token in reader.analysis.tokens:
        if not any("\u4e00" <= ch <= "\u9fff" for ch in token.text):
            continue
        reader.scroll_to(token.start)
        app.processEvents()
        point = QPointF(reader.char_rect(token.start).center())
        event = QMouseEvent(QEvent.Type.MouseMove, point, viewport.mapToGlobal(point), Qt.MouseButton.NoButton,
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        started, cpu = time.perf_counter(), time.process_time()
        QApplication.sendEvent(viewport, event)
        app.processEvents()  # the paints this move asked for: the popup and the shaded word
        latencies.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu)
        assert hover.current is not None and hover.current.token.start <= token.start < hover.current.token.end
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(f"hover → popup painted, {len(latencies)} words of the longest article "
          f"({len(reader.text())} characters):")
    print(f"  wall p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies[-1] * 1000:.1f} ms (aim p99 < 16 ms)")
    cpu_times.sort()
    print(f"  CPU  p50 {cpu_times[len(cpu_times) // 2] * 1000:.1f} ms, "
          f"p99 {cpu_times[min(len(cpu_times) - 1, int(len(cpu_times) * 0.99))] * 1000:.1f} ms "
          "(wall minus waiting for the CPU on a busy machine)")
    print("article switch (open_article + paint):")
    print(f"  first visit, text shown   median {statistics.median(first_visit) * 1000:.1f} ms")
    print(f"  first visit, analysed     median {statistics.median(analysed) * 1000:.0f} ms (in the background)")
    print(f"  revisit (cached analysis) median {statistics.median(revisit) * 1000:.1f} ms")
    rss_words = vm_rss_mb()
    rss_all = load_everything(window)
    print(f"memory (a fresh process): resident {rss_words:.0f} MB with window, sample library, words, readings, "
          f"dictionary; "
          f"{rss_all:.0f} MB with the entity tagger too (aim <= 300 MB); "
          f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    window.close()
    return {"hover_p50_ms": p50, "hover_p99_ms": p99, "first_analysis_ms": first_analysis * 1000,
            "switch_first_visit_ms": statistics.median(first_visit) * 1000,
            "rss_mb_words_readings_dictionary": rss_words, "rss_mb_all_models": rss_all,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    comparison_options(parser, 5, "another checkout of the repository: its window's start-up in the same rounds")
    parser.add_argument("--in-process", metavar="LIBRARY", help=argparse.SUPPRESS)  # the fresh-process half
    args = parser.parse_args()
    baseline = baseline_checkout(parser, args)
    if args.in_process:
        library = Path(args.in_process)
        print(json.dumps(in_process(library, library.parent)))
        return
    scratch = Path(tempfile.mkdtemp(prefix="dubao-bench-"))
    os.environ["DUBAO_CONFIG_DIR"] = str(scratch)
    try:
        from dubao.core.library.store import Store
        from dubao.core.paths import sample_issue
        from dubao.core.pipeline import import_file

        library = scratch / "library.sqlite"
        with Store.open(library) as store:
            import_file(store, sample_issue())
        figures = startup(args.runs, library, scratch, baseline)
        # latency and memory in a fresh process: this one has loaded the entity models to build the library
        child = subprocess.run([sys.executable, "-m", "benchmarks.gui_startup", "--in-process", str(library)], capture_output=True,
                               text=True, check=True, cwd=REPO, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        *report, figures_line = child.stdout.strip().splitlines()
        print("\n".join(report))
        figures.update(json.loads(figures_line))
        if args.json:
            print(json.dumps({key: round(value, 3) for key, value in figures.items()}))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
