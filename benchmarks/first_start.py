"""A brand-new user's first start, with the caches prebuilt into the app (as the installed package ships them)
against without (each cache built at first use, as before), and against a second start (caches already in the
user's folder), interleaved in one run:

    python -m benchmarks.first_start [--runs 3]

Every measured process is fresh and gets a fresh HOME, XDG folders and DUBAO_DATA/CACHE/CONFIG_DIR (the
second start reuses the cache folder of the "without" start just before it). Figures, median over the runs:
- `dubao import seeds/*.txt` into an empty library: wall seconds and CPU seconds of the process;
- the first window (no library yet: it imports and opens the bundled sample): wall seconds from start until the
  article's text is in the reader, and until the word popup works (the article analysed, the dictionary loaded,
  a popup shown over its first Chinese word); CPU seconds of the process by then;
- what the start wrote to the user's cache folder (MB).
The prebuilt caches are made first by benchmarks/builders/prebuilt_caches.py into a scratch folder (its table of
build costs is printed too).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.gui_startup import _CHILD_PRELUDE

REPO = Path(__file__).resolve().parents[1]
MODES = ("without prebuilt", "with prebuilt", "second start")  # the last: the user's caches already built

FIRST_WINDOW = _CHILD_PRELUDE + """
from dubao.gui.app import create_application
app = create_application([])
from dubao.gui.main_window import MainWindow
from dubao.gui.settings import Settings
window = MainWindow({library!r}, settings=Settings.load({settings!r}))
window.resize(1360, 860)
state = {{}}
def check():
    reader = getattr(window, "reader", None)
    if reader is None:
        return
    if "text" not in state and reader.text():
        state["text"] = True; report("text_shown")
    if "text" in state and reader.analysis is not None and window.session.dictionary is not None:
        word = next(t for t in reader.analysis.tokens if any("\\u4e00" <= c <= "\\u9fff" for c in t.text))
        if window.hover.show_at(word.start):
            report("popup_ready"); ticker.stop(); QTimer.singleShot(0, app.quit)
ticker = QTimer(interval=10, timeout=check)
ticker.start()
window.show(); app.exec()
"""


def _fresh_env(home: Path, prebuilt: Path | None, cache: Path | None = None) -> dict[str, str]:
    folders = {name: home / name.lower() for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE" and not key.startswith(("DUBAO_", "XDG_"))}
    env.update({key: str(value) for key, value in folders.items()})
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO / "desktop"),
               DUBAO_DATA_DIR=str(home / "data"), DUBAO_CONFIG_DIR=str(home / "config"),
               DUBAO_CACHE_DIR=str(cache or home / "cache"), DUBAO_PREBUILT_CACHE_DIR=str(prebuilt or ""))
    return env


def _cache_mb(env: dict[str, str]) -> float:
    folder = Path(env["DUBAO_CACHE_DIR"])
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6 if folder.exists() else 0.0


def _import(env: dict[str, str]) -> dict[str, float]:
    seeds = sorted(str(path) for path in (REPO / "seeds").glob("*.txt"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dubao", "import", *seeds], env=env, check=True, capture_output=True,
                   timeout=600)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"import_s": wall, "import_cpu_s": cpu}


def _window(env: dict[str, str], home: Path) -> dict[str, float]:
    code = FIRST_WINDOW.format(library=str(home / "window-library.sqlite"), settings=str(home / "window.ini"))
    started = time.time()
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or "popup_ready" not in done.stdout:
        sys.exit(f"first_start: the measured window failed:\n{done.stderr[-2000:]}")
    figures = {}
    for line in done.stdout.splitlines():
        label, _, value = line.partition(" ")
        if label in ("text_shown", "popup_ready"):
            figures[f"{label}_s"] = float(value) - started
        elif label == "cpu_popup_ready":
            figures["window_cpu_s"] = float(value)
    return figures


def _one_round(scratch: Path, prebuilt: Path, round_number: int) -> dict[str, dict[str, float]]:
    results = {}
    for index, mode in enumerate(MODES):
        home = scratch / f"round{round_number}-{index}"
        bundle = prebuilt if mode == "with prebuilt" else None
        figures = {}
        for part, measure in (("import", lambda env, folder: _import(env)), ("window", _window)):
            # the second start reuses the cache folder that this round's start without prebuilt caches filled
            reused = scratch / f"round{round_number}-0" / part / "cache" if mode == "second start" else None
            env = _fresh_env(home / part, bundle, reused)
            figures.update(measure(env, home / part))
            figures[f"{part}_cache_mb"] = 0.0 if reused else _cache_mb(env)
        results[mode] = figures
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="dubao-first-start-"))
    try:
        prebuilt = scratch / "prebuilt"
        built = subprocess.run([sys.executable, "-m", "benchmarks.builders.prebuilt_caches", str(prebuilt)],
                               cwd=REPO, env=_fresh_env(scratch / "builder", None), capture_output=True, text=True)
        if built.returncode != 0:
            sys.exit(f"first_start: the builder failed:\n{built.stderr[-2000:]}")
        print("prebuilt caches (benchmarks/builders/prebuilt_caches.py):")
        print("  " + built.stdout.strip().replace("\n", "\n  "))
        rounds = [_one_round(scratch, prebuilt, number) for number in range(args.runs)]
        print(f"\na brand-new user's first start, median of {args.runs} interleaved rounds of fresh processes:")
        header = f"  {'':36}" + "".join(f"{mode:>16}" for mode in MODES)
        print(header)
        rows = [("dubao import seeds/*.txt, wall s", "import_s"), ("  CPU s", "import_cpu_s"),
                ("  written to the user's cache, MB", "import_cache_mb"),
                ("first window: text shown, wall s", "text_shown_s"), ("  word popup works, wall s", "popup_ready_s"),
                ("  CPU s by then", "window_cpu_s"), ("  written to the user's cache, MB", "window_cache_mb")]
        for label, key in rows:
            values = [statistics.median(result[mode][key] for result in rounds) for mode in MODES]
            ratio = values[1] / values[0] if values[0] else float("nan")
            print(f"  {label:36}" + "".join(f"{value:16.2f}" for value in values)
                  + (f"   with/without {ratio:.2f}x" if "MB" not in label else ""))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
