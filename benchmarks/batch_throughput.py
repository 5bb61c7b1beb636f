"""`dubao batch` throughput against the number of Dask workers: issues and characters per second, speed-up.

    python benchmarks/batch_throughput.py                      # 12 issues of 2-4 pages, 1 and 2 workers
    python benchmarks/batch_throughput.py --workers 1,2,4 --issues 40 --pages 4-12

Each worker count runs the whole `dubao batch` path (a fresh dask.distributed local cluster, analysis with
entities, Parquet parts written by the workers) on the same realistic issues, built as library_scale.py builds
them, in a temporary folder. The time includes starting the cluster and loading the models on every worker,
as a user's run would. Needs the batch extra (`pip install -e '.[batch]'`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "desktop"))
sys.path.insert(0, str(REPO / "benchmarks"))

from library_scale import IssueMaker  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2", metavar="N,N", help="worker counts to time (default 1,2)")
    parser.add_argument("--issues", type=int, default=12)
    parser.add_argument("--pages", default="2-4", metavar="MIN-MAX")
    parser.add_argument("--files-per-task", type=int, default=2, help="files one Dask task analyses")
    parser.add_argument("--no-entities", action="store_true")
    args = parser.parse_args()
    from dubao.core.batch import run_batch
    from dubao.core.pipeline_parallel import ImportSettings

    low, _, high = args.pages.partition("-")
    settings = ImportSettings(entities=not args.no_entities)
    with tempfile.TemporaryDirectory(prefix="dubao-batch-bench-") as folder:
        source = Path(folder) / "issues"
        source.mkdir()
        files, chars = IssueMaker(source, (int(low), int(high or low))).write(args.issues)
        print(f"{args.issues} issues of {args.pages} pages, {chars / 1e6:.2f} M characters, entities "
              f"{'off' if args.no_entities else 'on'}", flush=True)
        seconds = {}
        for workers in (int(n) for n in args.workers.split(",")):
            started = time.perf_counter()
            report = run_batch(files, Path(folder) / f"out-{workers}", workers=workers, settings=settings,
                               files_per_task=args.files_per_task)
            seconds[workers] = time.perf_counter() - started
            assert report.issues == args.issues and not report.failed, report
            print(f"  {workers} worker(s): {seconds[workers]:.1f} s", flush=True)
    base_workers = min(seconds)
    print(f"{'workers':>8} {'seconds':>8} {'issues/s':>9} {'k chars/s':>10} {'speed-up':>9}")
    for workers, taken in seconds.items():
        print(f"{workers:>8} {taken:>8.1f} {args.issues / taken:>9.2f} {chars / taken / 1e3:>10.1f} "
              f"{seconds[base_workers] / taken:>8.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
