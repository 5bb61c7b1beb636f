"""Split speed: characters per second on a large input, and the time for the bundled sample page.

    python -m benchmarks.split_speed [--repeat 200]

Prints the median of several runs. For scale it also times reading the file (decode) — splitting should
cost a small fraction of just reading and decoding the issue, and well under 20 ms for the sample.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from dubao.core.ingest.decode import decode_bytes, decode_file
from dubao.core.paths import sample_issue
from dubao.core.split import split_issue


_READING_CHARS_PER_MINUTE = 500


def median_seconds(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="how many copies of the sample form the large input")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    sample = decode_file(sample_issue())
    text = sample.text
    split_issue(text)  # warm up: regex compilation, imports
    sample_split = median_seconds(lambda: split_issue(text), max(args.runs, 20))
    sample_decode = median_seconds(lambda: decode_file(sample_issue()), max(args.runs, 20))
    issue = split_issue(text)
    print(f"sample page: {len(text)} chars, {len(issue.articles)} articles, "
          f"split {sample_split * 1000:.2f} ms, read+decode {sample_decode * 1000:.2f} ms")
    # a fast native reader takes about a minute per 500 characters; a learner much longer
    reading = len(text) / _READING_CHARS_PER_MINUTE * 60
    print(f"  = {sample_split / reading * 100:.5f}% of the {reading / 60:.0f} minutes a fast reader needs for the page")

    big = "\n\n".join([text] * args.repeat)
    raw = big.encode("utf-8")
    big_split = median_seconds(lambda: split_issue(big), args.runs)
    big_decode = median_seconds(lambda: decode_bytes(raw), args.runs)
    articles = len(split_issue(big).articles)
    print(f"large input (sample x{args.repeat}): {len(big):,} chars, {articles} articles, "
          f"split {big_split:.3f} s = {len(big) / big_split:,.0f} chars/s "
          f"({len(raw) / big_split / 1e6:.1f} MB/s); decode {big_decode:.3f} s")


if __name__ == "__main__":
    main()
