"""What importing parts of Dubao costs: median CPU milliseconds in fresh processes, beside `python -c pass`.

    python -m benchmarks.import_cost [--runs 15] [--json] [--baseline CHECKOUT]

Each figure is the CPU time (time.process_time) a fresh interpreter spends on one import statement, or for
"open a library and read" on what the window does to show the first article — import the store, open the
sample library, read its first article and format the text for display — so other processes on the machine
count for little. `python -c pass` is printed beside them: the CPU an interpreter needs to start at all, the
yardstick for "cheap". "reading, in the window" is what opening and reading add once the main window's
modules are imported (the window opens the library after its first paint, before the article's text).

`--baseline CHECKOUT` (another checkout of the repository, e.g. `git worktree add /tmp/base main`) runs the
same children with that checkout's code first on the path, interleaved in the same rounds, and prints the
ratio of each figure to the baseline's: compare speed only with a baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.checkouts import baseline_checkout, comparison_options, process_env

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "seeds" / "lvliang-ribao-2023-02-18-p1.txt"

_OPEN_AND_READ = (
    "from dubao.core.library.store import Store\n"
    "store = Store.open(sys.argv[1], create=False)\n"
    "issue = store.list_issues()[0]\n"
    "article = store.get_article(store.articles(issue.id)[0].id)\n"
    "store.get_issue(issue.id); store.annotations(article_id=article.id); store.close()\n"
    "from dubao.core.ingest.decode import fullwidth_display\n"  # the reader formats the text with it
    "fullwidth_display(article.text)")

# name -> the statements timed in the child (after the timer starts)
IMPORT_SETS = {
    "dubao.core.models": "import dubao.core.models",
    "dubao.core.library.store": "import dubao.core.library.store",
    "open a library and read": _OPEN_AND_READ,
    "dubao.gui.main_window": "import dubao.gui.main_window",
    "main window, open and read": "import dubao.gui.main_window\n" + _OPEN_AND_READ,
}


_CHILD = """import sys, time
started = time.process_time()
{statements}
spent = time.process_time() - started
import dubao
print(spent, time.process_time(), dubao.__file__)
"""


def child_cpu(statements: str, library: Path, source: Path) -> tuple[float, float]:
    """(CPU seconds of `statements`, CPU seconds of the whole process until then) in a fresh interpreter
    that imports dubao from `source` (a checkout)."""
    env = process_env(source)
    code = _CHILD.format(statements=statements)
    result = subprocess.run([sys.executable, "-c", code, str(library)], capture_output=True, text=True,
                            timeout=120, env=env)
    if result.returncode != 0:
        raise SystemExit(f"the child failed ({source}): {result.stderr.strip().splitlines()[-1:]}")
    spent, total, package = result.stdout.split()
    if not Path(package).resolve().is_relative_to((source / "desktop").resolve()):
        raise SystemExit(f"the child imported dubao from {package}, not from {source}")
    return float(spent), float(total)


def bare_cpu() -> float:
    """CPU seconds of `python -c pass`, as the kernel counts a child's time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def make_library(folder: Path) -> Path:
    """The sample issue split and saved (no entities: reading does not need them) in a new library."""
    from dubao.core.library.store import Store
    from dubao.core.pipeline import read_issue

    library = folder / "library.sqlite"
    issue, source_text = read_issue(SAMPLE)
    with Store.open(library) as store:
        store.save_issue(issue, source_text)
    return library


def measure(runs: int, library: Path, baseline: Path | None) -> dict:
    checkouts = {"this": REPO} | ({"baseline": baseline} if baseline is not None else {})
    for source in checkouts.values():  # warm-up: file cache and .pyc files, as on a user's machine
        for statements in IMPORT_SETS.values():
            child_cpu(statements, library, source)
    spent: dict[tuple[str, str], list[float]] = {}
    bare = []
    for _ in range(runs):  # interleaved, so load on the machine hits every figure alike
        bare.append(bare_cpu())
        for name, statements in IMPORT_SETS.items():
            for which, source in checkouts.items():
                spent.setdefault((which, name), []).append(child_cpu(statements, library, source)[0])
    medians = {key: statistics.median(values) * 1000 for key, values in spent.items()}
    for which in checkouts:  # what opening and reading add to a window that has imported its own modules
        medians[(which, "reading, in the window")] = (medians[(which, "main window, open and read")]
                                                      - medians[(which, "dubao.gui.main_window")])
    return {"bare_ms": statistics.median(bare) * 1000, "medians": medians, "checkouts": list(checkouts)}


def report(figures: dict, runs: int, baseline: Path | None) -> dict:
    medians, bare = figures["medians"], figures["bare_ms"]
    names = [*IMPORT_SETS, "reading, in the window"]
    print(f"import CPU, median of {runs} fresh processes (ms); `python -c pass` takes {bare:.1f} ms of CPU to run")
    header = f"  {'':28s} {'this checkout':>14s}"
    if baseline is not None:
        header += f" {'baseline':>10s} {'this/baseline':>14s}"
    print(header + f" {'this/pass':>10s}")
    out = {"python_pass_ms": bare}
    for name in names:
        this = medians[("this", name)]
        line = f"  {name:28s} {this:14.1f}"
        key = name.replace(" ", "_").replace(".", "_").replace(",", "")
        out[f"{key}_ms"] = this
        if baseline is not None:
            base = medians[("baseline", name)]
            line += f" {base:10.1f} {this / base if base > 0 else float('nan'):13.2f}x"
            out[f"baseline_{key}_ms"] = base
        print(line + f" {this / bare:9.2f}x")
    if baseline is not None:
        print(f"  baseline: {baseline}, in the same rounds")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    comparison_options(parser, 15, "another checkout of the repository, measured in the same rounds")
    args = parser.parse_args()
    baseline = baseline_checkout(parser, args)
    with tempfile.TemporaryDirectory(prefix="dubao-import-cost-") as scratch:
        library = make_library(Path(scratch))
        figures = report(measure(args.runs, library, baseline), args.runs, baseline)
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
