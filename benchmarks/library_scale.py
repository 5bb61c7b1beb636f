"""Ten years of a daily in one library: import throughput with --jobs, size on disk, search latency, memory.

    python -m benchmarks.library_scale                # 3,650 issues of 4-12 pages (long: ~1.8 G characters)
    python -m benchmarks.library_scale --years 0.1      # a quick run: 36 issues
    python -m benchmarks.library_scale --compare-jobs 1,2 --compare-issues 8   # entities on 1 vs 2 workers
    python -m benchmarks.library_scale --compare-issues 0 --library /tmp/ten-years.sqlite   # build once, then
                                                      # measure search on the same file (p50/p99/max, slowest)

First it imports a few realistic issues WITH entity extraction once per --compare-jobs value into fresh
libraries (the speed-up of worker processes); then it builds the big library on every core without
entities (entity extraction over ten years takes hours of CPU: that is what `dubao batch` is for).

Issues are real text, not random characters: paragraphs of the bundled sample page plus sentences of the
People's Daily and MSRA NER dev/test sets (read from /work/shared/data when present), shuffled into pages
laid out like the sample (headline, sub-headline, paragraphs), one file per day (4 to 12 pages each, as real
dailies print), imported through the same path as `dubao import` (pipeline_parallel: workers decode and split,
one writer stores). Everything is built in a temporary folder and deleted, unless --library PATH keeps the
library there: a later run with the same PATH only measures it, so two versions of the code (or a change and
its baseline, PYTHONPATH=<baseline checkout>/desktop) are compared on the very same file.
The measuring half runs in a fresh process that opens the finished library, so its peak memory shows what
searching and listing cost, not what building cost.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from benchmarks.proc_memory import status_mb

SHARED_DATA = REPO.parent / "shared" / "data"
SLOWEST_SHOWN = 5  # the slowest queries printed with their hit counts
FIXED_QUERIES = ["吕梁", "中国能源建设集团有限公司", "书记孙大军", "高质量发展", "道德模范"]


def _sentences_from_tagged(path: Path) -> list[str]:
    """Sentences of a one-character-per-line NER file (blank line between sentences)."""
    sentences, current = [], []
    if not path.exists():
        return sentences
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if current:
                    sentences.append("".join(current))
                    current = []
                continue
            current.append(line.split()[0] if line.split() else "")
    if current:
        sentences.append("".join(current))
    return [s for s in sentences if len(s) >= 8]


def text_pool(sample: str) -> tuple[list[str], list[str]]:
    """(paragraphs, headlines) of real Chinese text to shuffle into issues."""
    paragraphs = [line.strip() for line in sample.splitlines() if len(line.strip()) > 30]
    sentences = (_sentences_from_tagged(SHARED_DATA / "peoples_daily_ner_dev" / "example.dev")
                 + _sentences_from_tagged(SHARED_DATA / "msra_ner_test" / "msra_test_bio.txt"))
    rng = random.Random(3)
    rng.shuffle(sentences)
    for start in range(0, len(sentences) - 4, 4):  # four news sentences make a paragraph
        paragraphs.append("".join(sentences[start:start + rng.randint(2, 4)]))
    headlines = [line.strip() for line in sample.splitlines() if 4 <= len(line.strip()) <= 20
                 and not line.strip().endswith(("。", ",", ","))]
    headlines += [s[:rng.randint(7, 15)].rstrip(",,、:: ") for s in sentences[:3000]]
    return paragraphs, headlines


def make_page(rng: random.Random, paragraphs: list[str], headlines: list[str], date: datetime.date) -> str:
    """One page of about the sample's size: five articles laid out like the sample."""
    lines = [f"{date.year}年{date.month}月{date.day}日", ""]
    for _ in range(5):
        lines += [rng.choice(headlines), "", rng.choice(headlines) + "主持" if rng.random() < 0.3 else "", ""]
        for _ in range(rng.randint(5, 10)):
            lines += [rng.choice(paragraphs), ""]
        lines.append("")
    return "\n".join(lines)


def make_issue(rng: random.Random, paragraphs: list[str], headlines: list[str], date: datetime.date,
               pages: int) -> str:
    """One issue of `pages` pages, each headed by its page label as a daily prints it."""
    return "\n\n".join(f"第{number}版\n" + make_page(rng, paragraphs, headlines, date)
                       for number in range(1, pages + 1))


class IssueMaker:
    """Writes issue files of realistic size, one per day from 2014-01-01, reproducibly."""

    def __init__(self, folder: Path, pages: tuple[int, int]) -> None:
        from dubao.core.paths import sample_issue

        self.folder = folder
        self.pages = pages
        self.paragraphs, self.headlines = text_pool(sample_issue().read_text(encoding="utf-8"))
        self.rng = random.Random(42)
        self.day = datetime.date(2014, 1, 1)

    def write(self, count: int) -> tuple[list[str], int]:
        files, chars = [], 0
        for _ in range(count):
            text = make_issue(self.rng, self.paragraphs, self.headlines, self.day, self.rng.randint(*self.pages))
            path = self.folder / f"lvliang-ribao-{self.day.isoformat()}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
            chars += len(text)
            self.day += datetime.timedelta(days=1)
        return files, chars


def compare_jobs(folder: Path, pages: tuple[int, int], issues: int, jobs: list[int]) -> dict:
    """Import the same `issues` realistic issues WITH entities into a fresh library once per --jobs value."""
    from dubao.core.library.store import Store
    from dubao.core.pipeline_parallel import import_files

    work = folder / "compare"
    work.mkdir()
    files, chars = IssueMaker(work, pages).write(issues)
    timings = {}
    for count in jobs:
        library = work / f"jobs-{count}.sqlite"
        started = time.perf_counter()
        with Store.open(library) as store:
            results = import_files(store, files, jobs=count)
        timings[count] = time.perf_counter() - started
        assert all(getattr(outcome, "status", None) == "imported" for _, outcome in results), results
        print(f"  … --jobs {count}: {issues} issues with entities in {timings[count]:.1f} s", flush=True)
    shutil.rmtree(work)
    return {"issues": issues, "chars": chars, "seconds": timings}


def build(library: Path, folder: Path, issues: int, pages: tuple[int, int], jobs: int | None) -> dict:
    """The big library: decode, split and store on `jobs` workers (entities off: hours of CPU at this size)."""
    from dubao.core.library.store import Store
    from dubao.core.pipeline_parallel import ImportSettings, import_files

    maker = IssueMaker(folder, pages)
    imported = chars = 0
    started = time.perf_counter()
    with Store.open(library) as store:
        while imported < issues:
            files, written = maker.write(min(100, issues - imported))
            results = import_files(store, files, jobs=jobs, settings=ImportSettings(entities=False))
            imported += sum(getattr(outcome, "status", None) == "imported" for _, outcome in results)
            chars += written
            for name in files:
                os.unlink(name)
            elapsed = time.perf_counter() - started
            print(f"  … {imported} issues, {imported / elapsed:.1f} issues/s", flush=True)
        elapsed = time.perf_counter() - started
        optimize_started = time.perf_counter()
        store.optimize()
        optimize_seconds = time.perf_counter() - optimize_started
        sizes = store.table_sizes()
    return {"issues": imported, "seconds": elapsed, "chars": chars, "optimize_seconds": optimize_seconds,
            "sizes": sizes, "build_peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM)."""
    return status_mb("VmHWM")


def pick_queries(store, issues: list, count: int) -> list[str]:
    """FIXED_QUERIES, then substrings of 2–12 characters of real articles of the library (reproducibly)."""
    rng = random.Random(5)
    picked = list(FIXED_QUERIES)
    while len(picked) < count:
        articles = store.articles(rng.choice(issues).id)
        text = rng.choice(articles).text
        length = rng.randint(2, 12)
        start = rng.randrange(0, max(1, len(text) - length))
        query = text[start:start + length]
        if query.strip() == query and "\n" not in query:
            picked.append(query)
    return picked


def measure(library: Path, queries: int) -> dict:
    """Runs in a fresh process: search latency, listing a year, peak memory."""
    from dubao.core.library.store import Store

    rss_at_start = peak_rss_mb()
    # opening as a reader does, against opening as a writer does (SQLite's quick check first, so nothing
    # is written into a damaged file): the best of three each, the file warm in the page cache
    opening = {}
    for verify in (False, True, False, True, False, True):
        started = time.perf_counter()
        Store.open(library, create=False, verify=verify).close()
        elapsed = (time.perf_counter() - started) * 1000
        opening[verify] = min(opening.get(verify, elapsed), elapsed)
    with Store.open(library) as store:
        issues = store.list_issues()
        picked = pick_queries(store, issues, queries)
        store.search("预热")  # first query pays for opening the index pages
        timings, totals = [], []
        for query in picked:
            started = time.perf_counter()
            result = store.search(query, limit=200)
            timings.append((time.perf_counter() - started) * 1000)
            totals.append(result.total)
        deep = {}  # a page further in costs the articles before it: offset, not the number of hits
        for page_offset in (0, 1000, 9000):
            started = time.perf_counter()
            store.search(FIXED_QUERIES[0], limit=200, offset=page_offset)
            deep[page_offset] = (time.perf_counter() - started) * 1000
        by_length: dict[int, list[float]] = {}
        for query, ms in zip(picked, timings):
            by_length.setdefault(min(len(query), 6), []).append(ms)
        # the reference without the index, on a few queries
        scan = []
        for query in picked[:5]:
            started = time.perf_counter()
            assert store.count_by_scan(query) == store.search(query).total
            scan.append((time.perf_counter() - started) * 1000)
        year = int(issues[len(issues) // 2].date[:4])
        started = time.perf_counter()
        year_issues = store.list_issues(year=year)
        list_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        for issue in year_issues:
            store.article_headlines(issue.id)
        headlines_ms = (time.perf_counter() - started) * 1000
    timings_sorted = sorted(timings)
    return {
        "queries": len(picked), "p50_ms": statistics.median(timings),
        "p99_ms": timings_sorted[max(0, int(len(timings_sorted) * 0.99) - 1)], "max_ms": timings_sorted[-1],
        "mean_hits": statistics.mean(totals),
        "slowest": sorted(zip(timings, picked, totals), reverse=True)[:SLOWEST_SHOWN], "deep_pages": deep,
        "fixed": dict(zip(FIXED_QUERIES, zip(totals, timings))),
        "by_length_p50": {k: statistics.median(v) for k, v in sorted(by_length.items())},
        "scan_ms_mean": statistics.mean(scan), "indexed_ms_same_queries": statistics.mean(timings[:5]),
        "year": year, "year_issues": len(year_issues), "list_year_ms": list_ms, "year_headlines_ms": headlines_ms,
        "rss_start_mb": rss_at_start, "peak_rss_mb": peak_rss_mb(),
        "open_ms": opening[False], "open_verified_ms": opening[True],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=10.0, help="years of a daily (365 issues a year)")
    parser.add_argument("--issues", type=int, help="this many issues instead of --years")
    parser.add_argument("--pages", default="4-12", metavar="MIN-MAX", help="pages per issue (default 4-12)")
    parser.add_argument("--jobs", type=int, help="workers for the big import (default: every core)")
    parser.add_argument("--compare-jobs", default="1,2", metavar="N,N", help="--jobs values to time with entities")
    parser.add_argument("--compare-issues", type=int, default=8, metavar="N",
                        help="issues imported with entities for each --compare-jobs value (0: skip)")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--library", metavar="PATH",
                        help="keep the built library at PATH (outside the repo); when PATH exists, skip building "
                             "and only measure it: build ten years once, then compare code on the same file")
    parser.add_argument("--measure", metavar="LIBRARY", help=argparse.SUPPRESS)  # the fresh-process half
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.queries)))
        return 0
    issues = args.issues or max(1, round(args.years * 365))
    low, _, high = args.pages.partition("-")
    pages = (int(low), int(high or low))
    with tempfile.TemporaryDirectory(prefix="dubao-library-scale-") as folder:
        compared = None
        if args.compare_issues:
            jobs = [int(n) for n in args.compare_jobs.split(",")]
            print(f"importing {args.compare_issues} issues of {args.pages} pages with entities, --jobs "
                  f"{args.compare_jobs} …", flush=True)
            compared = compare_jobs(Path(folder), pages, args.compare_issues, jobs)
        library = Path(args.library).resolve() if args.library else Path(folder) / "library.sqlite"
        if args.library and library.exists():
            print(f"measuring the library already built at {library} …", flush=True)
            built = None
        else:
            print(f"building a library of {issues} issues of {args.pages} pages in {library.parent} …", flush=True)
            built = build(library, Path(folder), issues, pages, args.jobs)
        size = sum(p.stat().st_size for p in library.parent.iterdir() if p.name.startswith(library.name))
        result = subprocess.run([sys.executable, "-m", "benchmarks.library_scale", "--measure", str(library), "--queries", str(args.queries)],
                                capture_output=True, text=True, check=True, cwd=REPO)
        measured = json.loads(result.stdout)
    mb = 1024 * 1024
    if built is not None:
        print_build(built, compared, size, args)
    else:
        print(f"size:     {size / mb:.1f} MB on disk")
    print_measured(measured)
    return 0


def print_build(built: dict, compared: dict | None, size: int, args) -> None:
    mb = 1024 * 1024
    print(f"import:   {built['issues']} issues in {built['seconds']:.1f} s = {built['issues'] / built['seconds']:.1f} "
          f"issues/s, {built['chars'] / built['seconds'] / 1e6:.2f} M characters/s (decode+split+store on "
          f"--jobs {args.jobs or 'every core'}, no entities); optimize {built['optimize_seconds']:.1f} s")
    if compared is not None:
        base = compared["seconds"][min(compared["seconds"])]
        for count, seconds in compared["seconds"].items():
            print(f"entities: --jobs {count}: {compared['issues']} issues ({compared['chars'] / 1e6:.2f} M characters) "
                  f"in {seconds:.1f} s = {compared['chars'] / seconds / 1e3:.1f} k characters/s, "
                  f"{base / seconds:.2f}× --jobs {min(compared['seconds'])}")
    print(f"size:     {size / mb:.1f} MB on disk for {built['chars'] / 1e6:.1f} M characters of source "
          f"({size / built['issues'] / 1024:.0f} KB per issue)")
    print("          by table: " + ", ".join(f"{name} {bytes_ / mb:.1f} MB" for name, bytes_ in
                                            sorted(built["sizes"].items(), key=lambda item: -item[1])[:6]))
    print(f"memory:   {built['build_peak_rss_mb']:.0f} MB peak while building")


def print_measured(measured: dict) -> None:
    print(f"search:   {measured['queries']} queries of 2–12 characters: p50 {measured['p50_ms']:.1f} ms, "
          f"p99 {measured['p99_ms']:.1f} ms, max {measured['max_ms']:.1f} ms; mean {measured['mean_hits']:.0f} hits")
    print("          p50 by query length: " + ", ".join(
        f"{length}{'+' if length == 6 else ''}: {ms:.1f} ms" for length, ms in measured["by_length_p50"].items()))
    print("          slowest: " + "; ".join(f"{query} ({total} hits) {ms:.1f} ms"
                                          for ms, query, total in measured["slowest"]))
    print(f"          pages of 200 hits of {FIXED_QUERIES[0]} at offset " + ", ".join(
        f"{offset}: {ms:.1f} ms" for offset, ms in measured["deep_pages"].items()))
    for query, (total, ms) in measured["fixed"].items():
        print(f"          {query}: {total} occurrences, {ms:.1f} ms")
    print(f"          without the index (scan every article): {measured['scan_ms_mean']:.0f} ms vs "
          f"{measured['indexed_ms_same_queries']:.1f} ms indexed for the same 5 queries")
    print(f"open:     {measured['open_ms']:.1f} ms to read; {measured['open_verified_ms']:.1f} ms with the quick "
          f"check every write runs first")
    print(f"list:     the {measured['year_issues']} issues of {measured['year']} in {measured['list_year_ms']:.1f} ms; "
          f"with their article headlines {measured['year_headlines_ms']:.1f} ms more")
    print(f"memory:   peak RSS {measured['peak_rss_mb']:.0f} MB while searching and listing "
          f"({measured['rss_start_mb']:.0f} MB at start)")


if __name__ == "__main__":
    sys.exit(main())
