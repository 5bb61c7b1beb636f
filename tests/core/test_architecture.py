"""The core must stay Qt-free, and offsets must convert exactly at the Qt boundary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dubao.core.models import Span
from dubao.core.offsets import Utf16Map

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"

_PROBE = """
import importlib, pkgutil, sys
import dubao.core as core
failed = []
for info in pkgutil.walk_packages(core.__path__, "dubao.core."):
    try:
        importlib.import_module(info.name)
    except Exception as error:  # report, so a broken module cannot hide an import
        failed.append(f"{info.name}: {error!r}")
loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6") or n.startswith("dubao.gui"))
print("LOADED", loaded)
print("FAILED", failed)
"""


def test_core_imports_no_qt():
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120,
        env={"PYTHONPATH": str(DESKTOP), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout, result.stdout
    assert "FAILED []" in result.stdout, result.stdout


def test_offsets_round_trip_with_character_outside_the_bmp():
    text = "吉𠮷野家 市长𠮷"
    table = Utf16Map(text)
    # 𠮷 takes two UTF-16 units: everything after the first one shifts by one, after the second by two
    assert [table.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 5, 6, 7, 8, 10]
    for index in range(len(text) + 1):
        assert table.to_codepoint(table.to_utf16(index)) == index
    # a UTF-16 position inside the surrogate pair snaps to the character itself
    assert table.to_codepoint(2) == 1
    assert table.utf16_length() == len(text.encode("utf-16-le")) // 2


def test_span_converts_at_the_qt_boundary():
    text = "𠮷市长"
    assert Span(1, 3).to_qt(text) == (2, 4)
    assert Span.from_qt(text, 2, 4) == Span(1, 3)
    assert Span(0, 2).to_qt("市长") == (0, 2)
