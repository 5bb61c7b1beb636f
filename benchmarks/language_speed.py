"""Speed and memory of the language layer. Prints:

- throughput of words (jieba + press dictionary) and of words + readings, in characters per second, on
  distinct text (the CPP dev sentences and the sample issue, each sentence once — no repeated text that
  caches would flatter), with pypinyin's own lazy_pinyin over the same text as the baseline of this run;
- load times: tokens + readings ensure_loaded, dictionary open + first lookup, each in a fresh process,
  cold (empty cache folder: caches are built) and warm (caches present);
- dictionary lookup latency p50/p99 for `lookup` and `longest_match`, as the hover popup calls them
  (wall clock, and the p99 of the thread's CPU time, which a busy shared machine's preemption does not inflate);
- memory added by the language layer (resident set size before and after loading, fresh process).

    python -m benchmarks.language_speed
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from benchmarks.language_cpp import load_samples

_PROBE = r"""
import json, os, sys, time
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
before = rss()
t = time.perf_counter()
from dubao.core.language import readings as pinyin
pinyin.ensure_loaded()
pinyin.read("银行行长")
readings = time.perf_counter() - t
t = time.perf_counter()
from dubao.core.language.dictionary import Dictionary
d = Dictionary.open()
d.lookup("行")
dictionary = time.perf_counter() - t
print(json.dumps({"readings": readings, "dictionary": dictionary, "rss_added": rss() - before}))
"""


def probe(cache_dir: str) -> dict:
    env = dict(os.environ, DUBAO_CACHE_DIR=cache_dir)
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def best_rate(chars: int, fn, repeats: int = 3) -> float:
    """Characters per second of CPU time (the machine is shared: wall time would count others' work)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return chars / best


def _peoples_daily_sentences() -> list[str]:
    """Sentences of the People's Daily NER dev split (one character per line, blank line between sentences)."""
    path = REPO.parent / "shared" / "data" / "peoples_daily_ner_dev" / "example.dev"
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            current.append(line.split()[0])
        elif current:
            sentences.append("".join(current))
            current = []
    if current:
        sentences.append("".join(current))
    return sentences


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="dubao-bench-") as cache:
        cold = probe(cache)
        warm = probe(cache)
    print("Load (fresh process)                cold cache   warm cache")
    print(f"  tokens + readings ensure_loaded   {cold['readings']:8.2f} s   {warm['readings']:8.2f} s")
    print(f"  dictionary open + first lookup    {cold['dictionary']:8.2f} s   {warm['dictionary']:8.2f} s")
    print(f"  memory added (RSS)                {cold['rss_added'] / 2**20:8.0f} MB  {warm['rss_added'] / 2**20:8.0f} MB")

    from dubao.core.language import readings as pinyin
    from dubao.core.language import tokens
    from dubao.core.language.dictionary import get_dictionary

    pinyin.ensure_loaded()
    import pypinyin

    wikipedia = [s.text for s in load_samples()]
    press = _peoples_daily_sentences()
    press += (REPO / "seeds" / "lvliang-ribao-2023-02-18-p1.txt").read_text(encoding="utf-8").splitlines()
    print(f"Throughput, characters per second of CPU time (best of 3; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores)")
    print(f"  {'':34}{'press':>10}{'Wikipedia':>12}")
    rates = {}
    for name, lines in (("press", press), ("wikipedia", wikipedia)):
        chars = sum(len(line) for line in lines)
        rates[name] = (
            best_rate(chars, lambda: [tokens.tokenize(line) for line in lines]),
            best_rate(chars, lambda: [pinyin.read(line) for line in lines]),
            best_rate(chars, lambda: [pypinyin.lazy_pinyin(line) for line in lines]),
        )
    for row, label in enumerate(("words (jieba + press dictionary)", "words + readings (dubao)",
                                 "pypinyin.lazy_pinyin (baseline)")):
        print(f"  {label:34}{rates['press'][row]:10,.0f}{rates['wikipedia'][row]:12,.0f}")
    print(f"  (press: {sum(map(len, press)):,} characters of People's Daily NER dev sentences and the sample "
          f"issue; Wikipedia: {sum(map(len, wikipedia)):,} of CPP dev sentences, one polyphone each at least)")
    lines = wikipedia

    dictionary = get_dictionary()
    rng = random.Random(7)
    text = "".join(lines[:2000])
    offsets = [rng.randrange(len(text)) for _ in range(20000)]
    words = [text[o:o + rng.choice((1, 2, 2, 3))] for o in offsets]
    for name, calls in (("lookup(word)", [lambda w=w: dictionary.lookup(w) for w in words]),
                        ("longest_match(text, offset)", [lambda o=o: dictionary.longest_match(text, o) for o in offsets]),
                        ("longest_match(covering=True)",
                         [lambda o=o: dictionary.longest_match(text, o, covering=True) for o in offsets])):
        wall, cpu = [], []
        for call in calls:
            start_wall, start_cpu = time.perf_counter(), time.thread_time()
            call()
            cpu.append(time.thread_time() - start_cpu)
            wall.append(time.perf_counter() - start_wall)
        wall.sort()
        cpu.sort()
        print(f"  {name:30} p50 {wall[len(wall) // 2] * 1e6:6.1f} µs   p99 {wall[int(len(wall) * 0.99)] * 1e6:7.1f} µs"
              f"   (CPU time p99 {cpu[int(len(cpu) * 0.99)] * 1e6:6.1f} µs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
