"""Memory given back after the big loads: the source lines cached at import time are forgotten."""

from __future__ import annotations

import linecache

from dubao.core import memory


def test_release_forgets_source_lines_cached_while_importing():
    linecache.getlines(memory.__file__)
    assert memory.__file__ in linecache.cache
    memory.release()
    assert memory.__file__ not in linecache.cache
    assert linecache.getlines(memory.__file__)  # a traceback can still read them


def test_loading_the_language_layer_leaves_no_cached_source_behind(monkeypatch):
    from dubao.core.language import readings

    monkeypatch.setattr(readings, "_model", None)
    linecache.getlines(memory.__file__)
    readings.ensure_loaded()
    assert memory.__file__ not in linecache.cache
