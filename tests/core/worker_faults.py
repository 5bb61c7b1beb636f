"""Worker functions for the parallel import's tests that kill the worker process, as a crash or the OOM killer
would. They run in spawned workers, which import this module by name (the tests' folder is on sys.path)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from dubao.core.pipeline_parallel import prepare_file


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def die_on_poison(path: str, settings):
    """Kills its worker on every file whose name contains "poison"."""
    if "poison" in Path(path).name:
        _die()
    return prepare_file(path, settings)


def die_once_on_flaky(path: str, settings):
    """Kills its worker the first time it meets a file whose name contains "flaky" (a marker file remembers)."""
    marker = Path(path).with_suffix(".died")
    if "flaky" in Path(path).name and not marker.exists():
        marker.write_text("a worker died here")
        _die()
    return prepare_file(path, settings)
