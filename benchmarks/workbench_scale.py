"""The researcher's workbench on years of a full-size daily: concordance, monthly trend and keyness times.

    python -m benchmarks.workbench_scale                       # 10 years × 365 days × 8 pages (~150 M characters;
                                                               # hours on 2 shared cores: import, then segmenting
                                                               # two years for keyness)
    python -m benchmarks.workbench_scale --years 2 --pages 8   # two full-size years: 33 M characters, import 13 min
                                                               # and 9 min segmenting on 2 busy shared cores
    python -m benchmarks.workbench_scale --years 10 --pages 1  # the decade at one page a day: 21 M characters
    python -m benchmarks.workbench_scale --years 1 --pages 1   # a quick run
    python -m benchmarks.workbench_scale --keep /tmp/w.sqlite  # keep the library; run again to re-measure it

Each day is `--pages` page files of about 5,000 characters, made of real sentences exactly as
`library_scale.py` makes them (its text pool and page layout), imported through `dubao import`'s path
(decode → split → store, no entities). The measuring half runs in a fresh process on the finished library.
Targets (issue 16): first page of a concordance < 200 ms, a term's monthly trend over the whole library < 1 s,
keyness of one year against another < 10 s once both years' words are counted. The first keyness over a
year segments its articles (jieba, about 50,000 characters a second) and stores the counts; that one-off
cost is printed separately. Baselines in the same run: `search` (the sidebar's query) for the concordance,
and counting every article's text in Python for the trend.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from benchmarks.library_scale import make_page, text_pool
from benchmarks.proc_memory import status_mb

TERMS = ["高质量发展", "发展", "书记孙大军", "人民"]


def build(library: Path, folder: Path, years: int, pages: int) -> dict:
    from dubao.core.library.store import Store
    from dubao.core.paths import sample_issue
    from dubao.core.pipeline import import_file

    paragraphs, headlines = text_pool(sample_issue().read_text(encoding="utf-8"))
    rng = random.Random(42)
    first_day = datetime.date(2014, 1, 1)
    days = (datetime.date(2014 + years, 1, 1) - first_day).days
    chars = files = 0
    started = time.perf_counter()
    with Store.open(library) as store:
        for number in range(days):
            date = first_day + datetime.timedelta(days=number)
            for page in range(1, pages + 1):
                path = folder / f"ribao-{date.isoformat()}-p{page}.txt"
                text = make_page(rng, paragraphs, headlines, date)
                path.write_text(text, encoding="utf-8")
                import_file(store, path, paper="日报", date=date.isoformat(), entities=False)
                path.unlink()
                chars += len(text)
                files += 1
            if number and number % 100 == 0:
                print(f"  … {number} days, {chars / (time.perf_counter() - started) / 1e6:.2f} M characters/s",
                      flush=True)
        import_seconds = time.perf_counter() - started
        counted = time.perf_counter()
        store.fill_char_counts()
        count_seconds = time.perf_counter() - counted
        store.optimize()
    return {"days": days, "files": files, "chars": chars, "import_seconds": import_seconds,
            "char_count_seconds": count_seconds, "build_peak_rss_mb": status_mb("VmHWM")}


def _timed(function, *args, **kwargs) -> tuple[object, float]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - started) * 1000


def measure(library: Path) -> dict:
    from dubao.core.library.corpus import han_count, parse_part
    from dubao.core.library.store import Store

    rss_at_start = status_mb("VmHWM")
    figures: dict = {"kwic": {}, "trend": {}}
    with Store.open(library) as store:
        store.search("预热")  # the first query pays for opening the index pages
        for term in TERMS:
            # what the window does: the first page at once, the total on its own thread
            _, kwic_ms = _timed(store.kwic, term, limit=50, count_total=False)
            total, total_ms = _timed(store.kwic_total, term)
            result, whole_ms = _timed(store.kwic, term, limit=50)  # what `dubao kwic` does: both at once
            assert result.total == total
            _, right_ms = _timed(store.kwic, term, sort="right", limit=50) if total < 200_000 else (None, None)
            _, search_ms = _timed(store.search, term, limit=50)
            figures["kwic"][term] = {"total": total, "first_page_ms": kwic_ms, "total_ms": total_ms,
                                     "with_total_ms": whole_ms, "sorted_right_ms": right_ms, "search_ms": search_ms}
        for term in TERMS[:2]:
            series, trend_ms = _timed(store.trend, [term], "month")
            figures["trend"][term] = {"months": len(series[term]), "ms": trend_ms}
        # baseline: count the term month by month by reading every article in Python
        started = time.perf_counter()
        per_month: dict[str, list[int]] = {}
        for date, text in store.db.conn.execute(
                "SELECT i.date, a.text FROM articles a JOIN issues i ON i.id = a.issue_id"):
            month = per_month.setdefault(date[:7], [0, 0])
            month[0] += text.count(TERMS[0])
            month[1] += han_count(text)
        figures["trend_scan_ms"] = (time.perf_counter() - started) * 1000
        years = store.years()
        if len(years) >= 2:
            a, b = parse_part(str(min(years))), parse_part(str(min(years) + 1))
        else:  # one year: its first half against its second
            year = years[0]
            a, b = parse_part(f"{year}-01..{year}-06"), parse_part(f"{year}-07..{year}-12")
        _, first_ms = _timed(store.keyness, a, b)
        result, again_ms = _timed(store.keyness, a, b)
        figures["keyness"] = {"a": a.label, "b": b.label, "words_a": result.words_a, "words_b": result.words_b,
                              "first_ms": first_ms, "stored_ms": again_ms,
                              "top": [(k.word, k.freq_a, k.freq_b, k.log_likelihood) for k in result.keywords[:5]]}
        figures["articles"] = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
    figures["rss_start_mb"], figures["peak_rss_mb"] = rss_at_start, status_mb("VmHWM")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--pages", type=int, default=8, help="page files per day, about 5,000 characters each")
    parser.add_argument("--keep", metavar="LIBRARY", help="build the library here and keep it; if it exists, "
                        "measure it again without building")
    parser.add_argument("--measure", metavar="LIBRARY", help=argparse.SUPPRESS)  # the fresh-process half
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure)), ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory(prefix="dubao-workbench-scale-") as folder:
        library = Path(args.keep) if args.keep else Path(folder) / "library.sqlite"
        if library.exists():
            print(f"measuring {library} again (built before) …", flush=True)
            built = json.loads(library.with_suffix(".built.json").read_text())
        else:
            print(f"building {args.years} year(s) × {args.pages} page(s) a day in {library.parent} …", flush=True)
            built = build(library, Path(folder), args.years, args.pages)
            if args.keep:
                library.with_suffix(".built.json").write_text(json.dumps(built))
        size = sum(p.stat().st_size for p in library.parent.iterdir() if p.name.startswith(library.name))
        result = subprocess.run([sys.executable, "-m", "benchmarks.workbench_scale", "--measure", str(library)],
                                capture_output=True, text=True, check=True, cwd=REPO)
        measured = json.loads(result.stdout)
    print(f"library:  {built['days']} days, {built['files']} page files, {measured['articles']} articles, "
          f"{built['chars'] / 1e6:.1f} M characters, {size / 1024 / 1024:.0f} MB; import {built['import_seconds']:.0f} s, "
          f"counting Han characters of every article {built['char_count_seconds']:.1f} s (once)")
    for term, figure in measured["kwic"].items():
        right = f"{figure['sorted_right_ms']:.0f} ms" if figure["sorted_right_ms"] is not None else "skipped"
        print(f"kwic:     {term}: {figure['total']} hits; first page (50, by date) {figure['first_page_ms']:.1f} ms "
              f"[target < 200], its total {figure['total_ms']:.0f} ms, both at once (the CLI) "
              f"{figure['with_total_ms']:.0f} ms; sorted by the word after {right}; baseline search() "
              f"{figure['search_ms']:.1f} ms")
    for term, figure in measured["trend"].items():
        print(f"trend:    {term} by month over {figure['months']} months: {figure['ms']:.0f} ms [target < 1000]")
    print(f"          baseline, reading every article in Python: {measured['trend_scan_ms']:.0f} ms")
    keyness = measured["keyness"]
    print(f"keyness:  {keyness['a']} ({keyness['words_a']:,} words) against {keyness['b']} "
          f"({keyness['words_b']:,} words): {keyness['stored_ms'] / 1000:.2f} s with counts stored [target < 10 s]; "
          f"first time, segmenting both: {keyness['first_ms'] / 1000:.0f} s")
    print("          top: " + ", ".join(f"{word} {a}/{b} LL {ll:.0f}" for word, a, b, ll in keyness["top"]))
    print(f"memory:   peak RSS {measured['peak_rss_mb']:.0f} MB measuring ({measured['rss_start_mb']:.0f} MB at start); "
          f"{built['build_peak_rss_mb']:.0f} MB building")
    return 0


if __name__ == "__main__":
    sys.exit(main())
