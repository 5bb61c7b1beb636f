"""Start-up in stages: what must happen before the window's first paint, and what may follow it.

The window paints its frame first (menus, toolbar, status bar, the panels' places), then makes the reader, opens
the library and shows the first article's text, then builds the article list, the sidebar and the actions, and
only then the reading tools, the workbench and the rest (main_window.py, main_panels.py). Two helpers make that
possible:

- `pause_collector()` / `resume_collector()`: Python's cyclic garbage collector is paused while the window
  starts. Start-up allocates hundreds of thousands of objects that all live as long as the app (modules,
  classes, Qt wrappers), and the collector would walk them again and again for nothing — about a tenth of a
  second before the text shows. Nothing is freed later than it would be: reference counting still frees
  everything at once; only reference cycles wait, and the pause ends when the staged start-up is done, or after
  `PAUSE_LIMIT_MS` whatever happens.
- `after_paint(widget, callback)`: run `callback` on the event loop's next turn after `widget` has painted
  (or after a short wait should no paint come, for a window shown minimised or off-screen).
"""

from __future__ import annotations

import gc
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

PAUSE_LIMIT_MS = 10_000  # the collector runs again after this long even if the window never finished starting
PAINT_WAIT_MS = 300  # a stage waiting for a paint goes ahead after this long without one

_paused = False


def pause_collector() -> None:
    """Pause the cyclic garbage collector for the start-up (see the module's docstring); a no-op if it is off."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
        QTimer.singleShot(PAUSE_LIMIT_MS, resume_collector)


def resume_collector() -> None:
    """Let the collector run again if `pause_collector` stopped it (calling this more than once is harmless)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def collector_paused() -> bool:
    return _paused


class _PaintWatcher(QObject):
    def __init__(self, widget, callback: Callable[[], None], wait_ms: int):
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(wait_ms, self, self._go)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self, self._go)  # after this paint has finished, not inside it
        return False

    def _go(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self.parent().removeEventFilter(self)
            self.deleteLater()
            callback()


def after_paint(widget, callback: Callable[[], None], wait_ms: int = PAINT_WAIT_MS) -> None:
    """Call `callback()` once, just after `widget`'s next paint (or after `wait_ms` if none comes)."""
    _PaintWatcher(widget, callback, wait_ms)
