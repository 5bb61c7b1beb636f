"""How importing scales with one huge line (a whole page pasted without line breaks): seconds and peak
memory of decode → split → store (the search index included), without entity finding, at growing sizes.

    python -m benchmarks.import_long_line [--sizes 250000,1000000,2000000]

Each size runs in a fresh process, so each peak is its own. Linear cost shows as a steady µs per
character from the smallest size (the baseline of the run) to the largest.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _one(size: int) -> dict:
    from proc_memory import status_mb

    from dubao.core.library.store import Store
    from dubao.core.paths import sample_issue
    from dubao.core.pipeline import import_file

    text = sample_issue().read_text("utf-8").replace("\n", "")
    line = (text * (size // len(text) + 1))[:size]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huge.txt"
        path.write_text(line + "\n", encoding="utf-8")
        with Store.open(Path(folder) / "library.sqlite") as store:
            started = time.perf_counter()
            import_file(store, path, entities=False)
            seconds = time.perf_counter() - started
    return {"size": size, "seconds": seconds, "peak_mb": status_mb("VmHWM")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250000,1000000,2000000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.one)))
        return 0
    baseline = None
    for size in (int(part) for part in args.sizes.split(",")):
        result = json.loads(subprocess.run([sys.executable, "-m", "benchmarks.import_long_line", "--one", str(size)], cwd=REPO, capture_output=True,
                                           text=True, check=True).stdout)
        per_char = result["seconds"] / size * 1e6
        baseline = baseline or per_char
        print(f"{size / 1e6:4.2f} M characters on one line: {result['seconds']:6.1f} s "
              f"({per_char:.2f} µs/char, {per_char / baseline:.2f}× the smallest), peak {result['peak_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
