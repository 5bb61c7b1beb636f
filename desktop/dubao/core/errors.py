"""The errors Dubao raises on purpose, as one small hierarchy.

Each kind is a problem the user can act on, so its message is a single line written for them. The command
line turns any `DubaoError` into that line and exit status 2; the window shows it in a message. Anything
else escaping is a bug and keeps its traceback.
"""

from __future__ import annotations


class DubaoError(Exception):
    """A problem with the user's input or files, explained in one line."""


class IngestError(DubaoError):
    """A file that is not a readable issue: empty, binary, undecodable, too large, a corrupt PDF …"""


class LibraryError(DubaoError):
    """The library file cannot be used: not a library, newer than this Dubao, damaged, read-only …"""


class AnnotationFileError(DubaoError, ValueError):
    """An annotation file (W3C JSON) that cannot be read."""


class NotFoundError(DubaoError, KeyError):
    """An issue, article or annotation id that the library does not hold."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
