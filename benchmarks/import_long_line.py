"""How the commands scale with one huge line (a whole page pasted without line breaks): seconds, µs a character
and peak memory of `dubao entities`, `dubao pinyin --json`, the default `dubao import` (entities included) and the
import without entities, at growing sizes.

    python -m benchmarks.import_long_line [--sizes 50000,200000,1000000,5000000]
                                          [--tasks entities,pinyin,import,import-plain] [--unpunctuated]

The line is the sample issue repeated; `--unpunctuated` strips its punctuation and spaces (no sentence end to cut
at: the worst case for windowed reading). Each task and size runs the real command in a fresh process, after the
same command on the sample has loaded the models, so that each peak is its own and load time is not counted.
Linear cost shows as a steady µs a character from the smallest size (the baseline of the run) to the largest;
"growth" is the peak memory above what the process held once the models were loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TASKS = ("entities", "pinyin", "import", "import-plain")
_PUNCTUATION = set("，。、；：？！…—“”‘’（）《》〈〉「」『』【】,.;:?!()\"' 　\t")


def _command(task: str, path: Path, library: Path) -> list[str]:
    return {"entities": ["entities", "--json", str(path)],
            "pinyin": ["pinyin", "--plain", str(path), "--json"],
            "import": ["import", str(path), "--library", str(library), "--jobs", "1"],
            "import-plain": ["import", str(path), "--library", str(library), "--jobs", "1", "--no-entities"]}[task]


def _run_quietly(argv: list[str]) -> None:
    from dubao.cli import main

    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        if main(argv) != 0:
            raise SystemExit(f"dubao {' '.join(argv)} failed")


def _one(task: str, size: int, unpunctuated: bool) -> dict:
    from benchmarks.proc_memory import status_mb

    from dubao.core.paths import sample_issue

    text = sample_issue().read_text("utf-8").replace("\n", "")
    if unpunctuated:
        text = "".join(char for char in text if char not in _PUNCTUATION)
    line = (text * (size // len(text) + 1))[:size]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huge.txt"
        path.write_text(line + "\n", encoding="utf-8")
        _run_quietly(_command(task, sample_issue(), Path(folder) / "warm-up.sqlite"))  # loads the models
        loaded = status_mb("VmRSS")
        started = time.perf_counter()
        _run_quietly(_command(task, path, Path(folder) / "library.sqlite"))
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": status_mb("VmHWM"), "loaded_mb": loaded}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,200000,1000000,5000000")
    parser.add_argument("--tasks", default=",".join(TASKS), help=f"some of {', '.join(TASKS)}")
    parser.add_argument("--unpunctuated", action="store_true", help="strip punctuation and spaces from the line")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.one[0], int(args.one[1]), args.unpunctuated)))
        return 0
    sizes = [int(part) for part in args.sizes.split(",")]
    for task in args.tasks.split(","):
        if task not in TASKS:
            parser.error(f"unknown task {task!r}; choose from {', '.join(TASKS)}")
        baseline = None
        for size in sizes:
            command = [sys.executable, "-m", "benchmarks.import_long_line", "--one", task, str(size)]
            result = json.loads(subprocess.run(command + (["--unpunctuated"] if args.unpunctuated else []),
                                               cwd=REPO, capture_output=True, text=True, check=True).stdout)
            per_char = result["seconds"] / size * 1e6
            baseline = baseline or per_char
            growth = result["peak_mb"] - result["loaded_mb"]
            print(f"{task:12} {size / 1e6:5.2f} M characters on one line: {result['seconds']:7.1f} s "
                  f"({per_char:6.1f} µs/char, {per_char / baseline:.2f}× the smallest), peak {result['peak_mb']:.0f} MB "
                  f"(growth {growth:.0f} MB, {growth * 1e6 / size:.0f} bytes/char)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
