"""Background work for the window: run a plain function on Qt's thread pool and get its value back
as a signal on the GUI thread.

The function must not touch widgets (Qt forbids it off the GUI thread); it takes and returns plain values.
`run_in_background(fn, *args, on_done=…, on_error=…)` is all callers need; with `on_progress=…` the function
is also given `report=` and each `report(value)` reaches on_progress(value) on the GUI thread. Every job is remembered until
its result is delivered, so neither the job nor its signal object is collected too early.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    # lives on the GUI thread; a signal emitted from the pool thread is queued to it
    done = Signal(object)
    failed = Signal(object)  # the exception itself: callers decide how to tell the user
    progress = Signal(object)  # a value the function reported on the way


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, relay: _Relay, reports: bool = False):
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args, self.relay, self.reports = fn, args, relay, reports

    def run(self) -> None:
        try:
            if self.reports:
                value = self.fn(*self.args, report=lambda item: self._deliver(self.relay.progress, item))
            else:
                value = self.fn(*self.args)
        except Exception as error:  # reported to the window, never lost in a thread
            self._deliver(self.relay.failed, error)
        else:
            self._deliver(self.relay.done, value)

    @staticmethod
    def _deliver(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application quit while this job ran: nobody is left to tell
            pass


_pending: set[_Job] = set()


def _pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    # analysis and imports are CPU-bound Python: more threads would only fight over the GIL
    pool.setMaxThreadCount(max(2, min(pool.maxThreadCount(), 3)))
    return pool


def run_in_background(fn: Callable[..., Any], *args, on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[Exception], None] | None = None, context: QObject | None = None,
                      on_progress: Callable[[Any], None] | None = None) -> None:
    """Run fn(*args) on the pool; on_done(value) / on_error(exception) run on the GUI thread — unless `context`
    (the widget that asked) has been destroyed by then, when the result is dropped."""
    relay = _Relay()
    job = _Job(fn, args, relay, reports=on_progress is not None)
    _pending.add(job)
    alive = [True]
    if context is not None:
        context.destroyed.connect(lambda *_: alive.__setitem__(0, False))

    def finish(value):
        _pending.discard(job)
        if on_done is not None and alive[0]:
            on_done(value)

    def fail(error):
        _pending.discard(job)
        if on_error is not None and alive[0]:
            on_error(error)

    if on_progress is not None:
        relay.progress.connect(lambda value: alive[0] and job in _pending and on_progress(value))
    relay.done.connect(finish)
    relay.failed.connect(fail)
    _pool().start(job)


def pending_jobs() -> int:
    return len(_pending)


def wait_for_all(msecs: int = 30000) -> bool:
    """Block until the pool is idle (tests, screenshots); results are delivered at the next event loop turn."""
    return _pool().waitForDone(msecs)
