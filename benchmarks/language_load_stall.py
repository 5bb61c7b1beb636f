"""How long the GUI thread freezes while the language layer loads on a worker thread.

The window loads jieba, the reading tables, the polyphone model and the dictionary index on a worker
thread; a single long C call there (one big `marshal.loads`) holds the GIL and the GUI thread cannot
run meanwhile. This script does what the window does: a worker thread loads everything (and reads one
sentence) while the main thread ticks every 5 ms, and prints the longest gap between two ticks, with the
total load time. Each figure comes from a fresh process (warm caches: a first process builds them).

    python -m benchmarks.language_load_stall            # 3 warm runs, the median and worst are printed
    python -m benchmarks.language_load_stall --runs 5

Before the caches were written in slices (`dubao.core.caches.chunked_marshal`), measured by this script on the
shared 2-core machine with warm caches: longest main-thread gap median 197 ms (worst 205 ms), load 0.48 s;
jieba's single marshal.loads alone took 0.29 s. After (the three caches and the polyphone model read in
slices): median 20 ms (worst 21 ms), load 0.51 s; what remains is importing jieba (bytecode, regexes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

TICK = 0.005


def measure() -> dict:
    """In this process: load on a worker while the main thread ticks; the gaps and the load time."""
    stages: dict[str, float] = {}
    done = threading.Event()

    def load() -> None:
        start = time.perf_counter()
        from dubao.core.language import tokens

        tokens.ensure_loaded()
        stages["jieba"] = time.perf_counter() - start
        mark = time.perf_counter()
        from dubao.core.language import readings as pinyin

        pinyin.ensure_loaded()
        stages["readings+model"] = time.perf_counter() - mark
        mark = time.perf_counter()
        from dubao.core.language.dictionary import get_dictionary

        get_dictionary()
        stages["dictionary"] = time.perf_counter() - mark
        pinyin.read("吕梁市召开全市经济工作会议，总结成绩，部署重点工作。")
        stages["total"] = time.perf_counter() - start
        done.set()

    worker = threading.Thread(target=load)
    gaps: list[float] = []
    last = time.perf_counter()
    worker.start()
    while not done.is_set():
        time.sleep(TICK)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    worker.join()
    gaps.sort()
    return {"longest_gap": gaps[-1], "p99_gap": gaps[int(len(gaps) * 0.99)], "ticks": len(gaps), **stages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure()))
        return
    command = [sys.executable, "-m", "benchmarks.language_load_stall", "--child"]
    subprocess.run(command, check=True, capture_output=True, cwd=REPO)  # builds any missing cache
    results = [json.loads(subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO).stdout) for _ in range(args.runs)]
    for index, result in enumerate(results, 1):
        print(
            f"run {index}: longest main-thread gap {result['longest_gap'] * 1000:6.1f} ms, p99 {result['p99_gap'] * 1000:5.1f} ms; "
            f"load {result['total']:.2f} s (jieba {result['jieba']:.2f}, readings+model {result['readings+model']:.2f}, "
            f"dictionary {result['dictionary']:.2f})"
        )
    longest = [r["longest_gap"] * 1000 for r in results]
    totals = [r["total"] for r in results]
    print(f"longest gap: median {statistics.median(longest):.1f} ms, worst {max(longest):.1f} ms (tick {TICK * 1000:.0f} ms); "
          f"load time median {statistics.median(totals):.2f} s")


if __name__ == "__main__":
    main()
