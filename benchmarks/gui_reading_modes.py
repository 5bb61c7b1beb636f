"""Figures for the reading modes and the library in the window (issue 7). Prints:

- ruby ("pinyin above characters") on the sample's longest article and on a ~6,000-character article: computing
  the syllables, switching mode (re-laying out the document with the taller, letter-spaced lines, and painting
  it), one full repaint, and the mean
  paint per frame while scrolling a page at a time — each next to the same figure in hover mode (baseline);
- library tree load time for 3,650 issues (ten years of a daily; generated once by shuffling the sample's
  paragraphs and cached in Dubao's cache folder), and opening a year and an issue in it;
- search-to-results time in the window's Search tab on that library (2–8 character queries, p50/p99).

Run: `QT_QPA_PLATFORM=offscreen python -m benchmarks.gui_reading_modes [--issues 3650]`
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import random
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from dubao.core import paths
from dubao.gui.session import Session


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def best_of(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


# ---- ruby -------------------------------------------------------------------------------------------


def sample_articles():
    from dubao.core import split
    from dubao.core.ingest.decode import decode_file, source_info

    decoded = decode_file(paths.sample_issue())
    return split.split_issue(decoded.text, source_info(decoded)).articles


def ruby_figures(label: str, article, app) -> None:
    from dubao.core.analysis import analyse
    from dubao.gui.reader import Reader
    from dubao.gui.ruby import RubyController, ruby_syllables
    from dubao.gui.settings import Settings

    analysis = analyse(article, entities=[])
    settings = Settings(path="")
    reader = Reader()
    reader.resize(900, 860)
    reader.show()
    controller = RubyController(reader, settings, set)
    reader.show_article(article, analysis)
    app.processEvents()

    def full_paint():
        reader.viewport().repaint()

    def scroll_pages():
        bar = reader.verticalScrollBar()
        frames = 0
        bar.setValue(0)
        while True:
            reader.viewport().repaint()
            frames += 1
            if bar.value() >= bar.maximum():
                return frames
            bar.setValue(bar.value() + bar.pageStep())

    def switch(mode: str):
        def run():  # what the user waits for: rebuilt document (line height, spacing), syllables, painted
            settings.pinyin_mode = mode
            controller._key = None  # recompute the syllables too, as a new article would
            reader.set_line_height_percent(settings.line_spacing)  # the window's own restyle comes first
            controller.apply_settings()
            controller.current_syllables()
            reader.viewport().repaint()
        return run

    han = sum(1 for ch in article.text if "\u4e00" <= ch <= "\u9fff")
    print(f"\n{label}: {len(article.text)} characters ({han} Han)")
    syllables = best_of(lambda: ruby_syllables(analysis.tokens, "above"))
    print(f"  syllables for every character          {ms(syllables)}")
    for mode in ("hover", "above"):
        layout = best_of(switch(mode))
        paint = best_of(full_paint)
        frames = scroll_pages()
        start = time.perf_counter()
        frames = scroll_pages()
        per_frame = (time.perf_counter() - start) / frames
        drawn = len(controller.overlay.syllables()) if mode == "above" else 0
        print(f"  {mode:6} mode: switch to painted {ms(layout):>9}   one paint {ms(paint):>8}   "
              f"scrolling {ms(per_frame)} per frame over {frames} pages   ({drawn} syllables)")
    reader.close()


# ---- a large library --------------------------------------------------------------------------------


def build_library(path: Path, issues: int) -> None:
    """`issues` daily issues from 2014-01-01, each the sample's articles with paragraphs shuffled."""
    from dubao.core import split
    from dubao.core.ingest.decode import decode_bytes, source_info
    from dubao.core.library.store import Store

    paragraphs = [line for line in paths.sample_issue().read_text(encoding="utf-8").splitlines() if len(line) > 30]
    headlines = [article.headline for article in sample_articles()]
    rng = random.Random(7)
    started = time.perf_counter()
    with Store.open(path) as store:
        day = _dt.date(2014, 1, 1)
        for number in range(issues):
            parts = []
            for headline in rng.sample(headlines, k=len(headlines)):
                body = rng.sample(paragraphs, k=min(4, len(paragraphs)))
                parts.append(f"{headline}\n\n" + "\n\n".join(body))
            text = f"吕梁日报 {day.isoformat()} 第{number}期\n\n" + "\n\n".join(parts) + "\n"
            decoded = decode_bytes(text.encode("utf-8"))
            issue = split.split_issue(decoded.text, source_info(decoded))
            store.save_issue(issue, decoded.text, paper="吕梁日报", date=day.isoformat())
            day += _dt.timedelta(days=1)
            if number % 500 == 0:
                print(f"  building the library: {number}/{issues} issues, {time.perf_counter() - started:.0f} s",
                      flush=True)


def library_figures(issues: int, app) -> None:
    from dubao.core.library.store import Store
    from dubao.gui.library_tree import LibraryTree

    path = paths.cache_dir() / f"benchmark-library-{issues}.sqlite"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in path.parent.glob(partial.name + "*"):
            leftover.unlink()
        build_library(partial, issues)
        partial.rename(path)
    store = Store.open(path)
    count = len(store.list_issues())
    print(f"\nLibrary of {count} issues ({path.stat().st_size / 1e6:.0f} MB): {path}")
    tree = LibraryTree(Session(store))
    load = best_of(tree.reload)
    print(f"  library tree load (papers, years)      {ms(load)}")
    year = tree.topLevelItem(0).child(0)

    def open_year():
        while year.childCount():
            year.removeChild(year.child(0))
        year.setExpanded(False)
        year.setExpanded(True)

    print(f"  opening a year ({len(store.list_issues(year=int(year.data(0, 0x0101))))} issues)"
          f"        {ms(best_of(open_year))}")
    issue = year.child(0)
    issue.setExpanded(True)
    start = time.perf_counter()
    tree.reveal_issue(store.list_issues()[-1].id)
    print(f"  revealing the oldest issue             {ms(time.perf_counter() - start)}")

    # the whole window on that library, searching through its Search tab as Ctrl+Shift+F does
    import tempfile

    from dubao.gui.main_window import MainWindow
    from dubao.gui.screenshot import wait_until
    from dubao.gui.settings import Settings

    window = MainWindow(path, settings=Settings.load(str(Path(tempfile.mkdtemp()) / "settings.ini")))
    window.resize(1360, 860)
    window.show()
    wait_until(lambda: window.current_article_id is not None, 60)
    from dubao.gui import workers

    wait_until(lambda: window.reader.analysis is not None and workers.pending_jobs() == 0, 60)  # idle window
    panel = window.reading.search_panel
    text = paths.sample_issue().read_text(encoding="utf-8")
    rng = random.Random(11)
    queries = []
    while len(queries) < 40:
        length = rng.randint(2, 8)
        start = rng.randrange(len(text) - length)
        query = text[start:start + length]
        if all("\u4e00" <= ch <= "\u9fff" for ch in query):
            queries.append(query)
    store_times = []
    for query in queries:  # baseline: the store call alone
        started = time.perf_counter()
        store.search(query, limit=200)
        store_times.append(time.perf_counter() - started)
    times, shown = [], []
    for query in queries:
        started = time.perf_counter()
        window.reading.search.search_library(query)
        app.processEvents()
        panel.results.viewport().repaint()
        times.append(time.perf_counter() - started)
        shown.append(len(panel.hit_items()))
    times.sort()
    print(f"  search to results in the Search tab    p50 {ms(statistics.median(times))}, "
          f"p99 {ms(times[int(len(times) * 0.99) - 1])}  (40 queries of 2–8 characters; "
          f"median {statistics.median(shown):.0f} rows in the first page)")
    print(f"  of which Store.search (first 200 hits) p50 {ms(statistics.median(store_times))}")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=3650)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    articles = sample_articles()
    longest = max(articles, key=lambda a: len(a.text))
    ruby_figures(f"Longest sample article “{longest.headline}”", longest, app)
    text = "\n".join(article.text for article in articles)
    while len(text) < 6000:
        text += "\n" + text
    text = text[:6000]
    big = SimpleNamespace(id=0, index=1, headline="6k", text=text, blocks=())
    ruby_figures("A 6,000-character article (the sample's articles joined)", big, app)
    library_figures(args.issues, app)
    os._exit(0)  # skip Qt's teardown of the widgets (it can crash at interpreter exit)


if __name__ == "__main__":
    main()
