"""Comparing this checkout with another in the same run: the benchmarks' common `--runs/--json/--baseline`
options, and the environment of a fresh process that runs one checkout's Dubao."""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
from pathlib import Path


def comparison_options(parser: argparse.ArgumentParser, runs: int, baseline_help: str) -> None:
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--json", action="store_true", help="end with one line of JSON: the figures")
    parser.add_argument("--baseline", metavar="CHECKOUT", type=Path, help=baseline_help)


def baseline_checkout(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Path | None:
    """The `--baseline` checkout, resolved; a folder without Dubao's code in it is an error on the command line."""
    if args.baseline is None:
        return None
    baseline = args.baseline.resolve()
    if not (baseline / "desktop" / "dubao").is_dir():
        parser.error(f"{baseline} is not a checkout of Dubao (no desktop/dubao in it)")
    return baseline


def process_env(source: Path | None = None) -> dict[str, str]:
    """The environment of a measured process, offscreen, with bytecode cached as an installed app's is
    (PYTHONDONTWRITEBYTECODE would make every start compile). With `source` (another checkout) its Dubao comes first
    on the path, with a cache folder of its own: two versions of Dubao clean up each other's caches (other keys),
    and each would then rebuild them as on a first start."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if source is not None:
        env["PYTHONPATH"] = str(source / "desktop")
        folder = "dubao-bench-cache-" + hashlib.sha1(str(source).encode()).hexdigest()[:12]
        env["DUBAO_CACHE_DIR"] = str(Path(tempfile.gettempdir()) / folder)
    return env
