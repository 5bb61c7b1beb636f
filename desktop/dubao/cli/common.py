"""Helpers shared by the CLI commands: errors, JSON output, reading issue files."""

from __future__ import annotations

import json
import sys
from typing import Any

from dubao.core.errors import DubaoError


class CliError(DubaoError):
    """A user-facing failure: printed as one line on stderr, exit status `exit_status`."""

    def __init__(self, message: str, exit_status: int = 2):
        super().__init__(message)
        self.exit_status = exit_status


def print_json(data: Any, *, lines: bool = False) -> None:
    """Print `data` as JSON (UTF-8, Chinese kept readable). `lines=True` prints one compact object per line."""
    if lines:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
