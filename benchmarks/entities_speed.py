"""Entity finding speed, µs a character of CPU time: this tree against a baseline commit (default: main), same run.

    python -m benchmarks.entities_speed [--baseline main] [--sizes 200000,1000000] [--repeat 3]

Texts: the sample issue read paragraph by paragraph (`entities.extract_text` per line), the sample issue split
into articles and read as the import reads it (`entities.extract_issue`), and at each size: the sample's sentences
in a random (seeded) order as one text (a huge file: read in windows), and the sample's paragraphs in a random
(seeded) order joined with line breaks, split into an issue and read as the import reads it (a real issue's shape:
many short paragraphs; the split is not timed).
Each tree runs in its own fresh process (models loaded and warmed first, load time not counted); the baseline is
`git archive` of the commit put on PYTHONPATH. CPU time of the process (onnxruntime's threads included), best of
`--repeat` for the sample. Prints both and the ratio, and whether the two trees found the same entities.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import io
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_MEASURE = r"""
import hashlib, json, sys, time
from dubao.core import entities
from dubao.core.paths import sample_issue

sizes, repeat = json.loads(sys.argv[1]), int(sys.argv[2])
text = sample_issue().read_text("utf-8")
lines = [line for line in text.splitlines() if line.strip()]
entities.ensure_loaded()
entities.extract_text(text[:3000])
digest = hashlib.sha256()
best = None
from dubao.core.entities import lac
for _ in range(repeat):
    lac.clear_cache()  # LAC keeps its last analyses: every run reads every paragraph afresh
    started = time.process_time()
    found = [entities.extract_text(line) for line in lines]
    spent = time.process_time() - started
    best = spent if best is None else min(best, spent)
digest.update(json.dumps(found, ensure_ascii=False).encode())
figures = {"sample": [len(text), best]}
from dubao.core.pipeline import read_issue
issue, _source = read_issue(sample_issue())
best = None
for _ in range(repeat):
    lac.clear_cache()
    started = time.process_time()
    merged = entities.extract_issue(issue)
    spent = time.process_time() - started
    best = spent if best is None else min(best, spent)
digest.update(repr(merged).encode())
figures["issue"] = [sum(len(block.text) for article in issue.articles for block in article.blocks), best]
import random, re
sentences = [piece for piece in re.split("(?<=[。！？\n])", text) if piece]
shuffled = random.Random(7)
for size in sizes:
    # the sample's sentences in a random order: no two windows alike (LAC keeps its last analyses, and a text
    # repeating the sample whole would be read mostly from that cache)
    pieces, length = [], 0
    while length < size:
        pieces.append(shuffled.choice(sentences))
        length += len(pieces[-1])
    big = "".join(pieces)[:size]
    lac.clear_cache()
    started = time.process_time()
    found = entities.extract_text(big)
    figures[str(size)] = [size, time.process_time() - started]
    digest.update(json.dumps(found, ensure_ascii=False).encode())
from dubao.core.split import split_issue
paragraphs = [line for line in text.splitlines() if line.strip()]
for size in sizes:
    # every round a fresh shuffle of all the sample's paragraphs: a paragraph comes back only after the others
    # (LAC keeps its last few analyses), as the paragraphs of a large issue are each new
    rounds, length = [], 0
    while length < size:
        order = paragraphs[:]
        shuffled.shuffle(order)
        rounds += order
        length += sum(len(paragraph) + 1 for paragraph in order)
    issue = split_issue("\n".join(rounds)[:size])
    characters = sum(len(block.text) for article in issue.articles for block in article.blocks)
    lac.clear_cache()
    started = time.process_time()
    merged = entities.extract_issue(issue)
    figures["paragraphs " + str(size)] = [characters, time.process_time() - started]
    digest.update(repr(merged).encode())
figures["digest"] = digest.hexdigest()
print(json.dumps(figures))
"""


def _run(desktop: Path, sizes: list[int], repeat: int) -> dict:
    environment = dict(os.environ, PYTHONPATH=str(desktop), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", _MEASURE, json.dumps(sizes), str(repeat)], env=environment,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{desktop}: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _archive(commit: str, target: Path) -> Path:
    data = subprocess.run(["git", "-C", str(REPO), "archive", commit, "desktop", "resources", "seeds"],
                          capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(target, filter="data")
    return target / "desktop"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="main", help="commit to compare with (default: main)")
    parser.add_argument("--sizes", default="200000,1000000",
                        help="characters of the one-text and the many-paragraph runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs over the sample, best kept")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    with tempfile.TemporaryDirectory() as directory:
        old = _run(_archive(args.baseline, Path(directory)), sizes, args.repeat)
    new = _run(REPO / "desktop", sizes, args.repeat)
    print(f"entity finding, CPU µs a character: {args.baseline} → this tree (same run)")
    labels = {"sample": "sample issue, paragraph by paragraph", "issue": "sample issue as imported (articles)"}
    for key in ("sample", "issue", *map(str, sizes), *(f"paragraphs {size}" for size in sizes)):
        characters, before = old[key]
        after = new[key][1]
        label = labels.get(key, f"paragraphs, {characters:,} characters" if key.startswith("paragraphs")
                           else f"one text of {characters:,} characters")
        print(f"  {label:42} {before / characters * 1e6:7.1f} → {after / characters * 1e6:6.1f}"
              f"   ({before / after:.2f}× faster)")
    print("same entities found:", "yes" if old["digest"] == new["digest"] else "NO")


if __name__ == "__main__":
    main()
