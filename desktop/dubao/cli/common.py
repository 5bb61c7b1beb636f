"""Helpers shared by the CLI commands: errors, JSON output, reading issue files."""

from __future__ import annotations

import json
import re
import sys
from typing import Any, Iterable, Iterator

from dubao.core.errors import DubaoError


class CliError(DubaoError):
    """A user-facing failure: printed as one line on stderr, exit status `exit_status`."""

    def __init__(self, message: str, exit_status: int = 2):
        super().__init__(message)
        self.exit_status = exit_status


def print_json(data: Any, *, lines: bool = False) -> None:
    """Print `data` as JSON (UTF-8, Chinese kept readable). `lines=True` prints one compact object per line."""
    if lines:
        sys.stdout.write(json_line(data) + "\n")
        return
    # written as it is encoded (what json.dumps would give, but never one string of a huge issue's JSON)
    write_joined(json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data), "", batch=16384)
    sys.stdout.write("\n")


def json_line(data: Any) -> str:
    """`data` as compact JSON (one line of JSON Lines, without its newline)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_joined(parts: Iterable[str], separator: str, batch: int = 2048) -> None:
    """Write `separator.join(parts)` to stdout as the parts come, a batch at a time (output of a huge line
    is never held whole)."""
    pending: list[str] = []
    first = True
    for part in parts:
        pending.append(part)
        if len(pending) >= batch:
            sys.stdout.write(("" if first else separator) + separator.join(pending))
            pending, first = [], False
    if pending:
        sys.stdout.write(("" if first else separator) + separator.join(pending))


# where str.splitlines ends a line
_LINE_END = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def lines_of(text: str) -> Iterator[tuple[str, int]]:
    """The lines of `text` as `text.splitlines()` gives them, one at a time (no list of a huge file's lines), each
    with the offset where its line end ends in `text`."""
    start = 0
    for end in _LINE_END.finditer(text):
        yield text[start:end.start()], end.end()
        start = end.end()
    if start < len(text):
        yield text[start:], len(text)
