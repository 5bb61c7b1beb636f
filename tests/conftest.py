"""Test-wide setup: Qt offscreen, and user folders redirected so tests never touch a real library."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_session_home = Path(tempfile.mkdtemp(prefix="dubao-tests-"))
for _name in ("DUBAO_DATA_DIR", "DUBAO_CACHE_DIR", "DUBAO_CONFIG_DIR"):
    os.environ[_name] = str(_session_home / _name.split("_")[1].lower())
os.environ["DUBAO_PREBUILT_CACHE_DIR"] = ""  # no caches prebuilt into a package: tests build their own

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    from dubao.core.paths import sample_issue

    return sample_issue()


@pytest.fixture(scope="session")
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")
