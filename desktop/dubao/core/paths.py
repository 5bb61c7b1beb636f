"""The only code that knows where things live: bundled resources and seeds, and the user's data,
cache and settings folders.

Bundled files are found in this order: a PyInstaller bundle (`sys._MEIPASS`), a source checkout
(`<repo>/resources`, `<repo>/seeds`), then the installed package (`dubao.resources`, `dubao.seeds`,
mapped onto those folders by pyproject.toml).

User folders follow the platform (platformdirs). `DUBAO_DATA_DIR`, `DUBAO_CACHE_DIR` and
`DUBAO_CONFIG_DIR` override them — tests and portable installs use that.

An installed app also ships its caches prebuilt, in a read-only bundled folder `caches`
(`prebuilt_cache_dir`; `dubao.core.caches.cache_files` reads them before the user's cache folder).
`DUBAO_PREBUILT_CACHE_DIR` overrides that folder; set empty, there is none (for tests and measurements:
the packaged app ships LAC's network only as its prebuilt copy, so without the folder it has no LAC).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

from dubao import APP_NAME

_APP_DIR_NAME = "dubao"


def _bundled_dir(name: str) -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidate = Path(frozen_root) / name
        if candidate.is_dir():
            return candidate
    # desktop/dubao/core/paths.py -> repo root is three levels above dubao/
    checkout = Path(__file__).resolve().parents[3] / name
    if checkout.is_dir():
        return checkout
    package = Path(__file__).resolve().parents[1] / name  # installed: dubao/resources, dubao/seeds
    if package.is_dir():
        return package
    raise FileNotFoundError(f"Dubao's bundled folder '{name}' is missing; the installation is incomplete")


@cache
def resources_dir() -> Path:
    return _bundled_dir("resources")


def resource(*parts: str) -> Path:
    """Path of a bundled resource, e.g. resource("data", "press_dict.txt")."""
    return resources_dir().joinpath(*parts)


@cache
def seeds_dir() -> Path:
    return _bundled_dir("seeds")


def sample_issue() -> Path:
    """The bundled sample issue that opens on first run."""
    return seeds_dir() / "lvliang-ribao-2023-02-18-p1.txt"


def _user_dir(env_name: str, default: str) -> Path:
    override = os.environ.get(env_name)
    path = Path(override) if override else Path(default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Where the user's library lives by default."""
    return _user_dir("DUBAO_DATA_DIR", platformdirs.user_data_dir(_APP_DIR_NAME, appauthor=False))


def cache_dir() -> Path:
    """Rebuildable caches (jieba's dictionary cache, the dictionary index). Never the shared /tmp."""
    return _user_dir("DUBAO_CACHE_DIR", platformdirs.user_cache_dir(_APP_DIR_NAME, appauthor=False))


@cache
def _shipped_cache_dir() -> Path | None:
    try:
        return _bundled_dir("caches")
    except FileNotFoundError:  # a source checkout or a pip install: caches are built in cache_dir()
        return None


def prebuilt_cache_dir() -> Path | None:
    """The caches built when the app was packaged (read-only: never written, never cleaned), or None."""
    override = os.environ.get("DUBAO_PREBUILT_CACHE_DIR")
    if override is not None:
        return Path(override) if override else None
    return _shipped_cache_dir()


def config_dir() -> Path:
    return _user_dir("DUBAO_CONFIG_DIR", platformdirs.user_config_dir(_APP_DIR_NAME, appauthor=False))


def default_library_path() -> Path:
    return data_dir() / "library.sqlite"


def app_display_name() -> str:
    return f"{APP_NAME} 读报"
