"""Running a function on a worker thread and getting its result back on the UI thread.

Workers are plain Python threads (concurrent.futures) running functions that take and return plain
Python data, bytes included; they touch no Qt object. When a task ends, its thread emits one signal
of a dispatcher that lives on the UI thread (a queued connection: PySide6 6.11 carries cross-thread
signals safely; 6.12.0 did not, see pyproject's pin), and the dispatcher hands the outcomes over
there, in the order the tasks were started. Nothing polls: an idle editor does not wake up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)

Pool = ThreadPoolExecutor

_shared: ThreadPoolExecutor | None = None


class _Dispatcher(QObject):
    """Delivers finished futures' outcomes on the UI thread, in the order the tasks were started."""

    finished = Signal()  # emitted from worker threads, received on the UI thread

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[tuple[Future, Callable[[Any], None], Callable[[Exception], None] | None]] = []
        self.finished.connect(self.deliver, Qt.ConnectionType.QueuedConnection)

    def add(
        self, future: Future, on_done: Callable[[Any], None], on_failed: Callable[[Exception], None] | None
    ) -> None:
        self.pending.append((future, on_done, on_failed))
        future.add_done_callback(self._wake)

    def _wake(self, _future: Future) -> None:
        try:
            self.finished.emit()
        except RuntimeError:  # the application is being torn down: nobody is waiting any more
            pass

    def deliver(self) -> None:
        ready, still = [], []
        for item in self.pending:
            (ready if item[0].done() else still).append(item)
        self.pending = still
        for future, on_done, on_failed in ready:
            if future.cancelled():
                continue
            exc = future.exception()
            try:
                if exc is None:
                    on_done(future.result())
                elif on_failed is not None:
                    on_failed(exc)  # type: ignore[arg-type]
                else:
                    log.warning("background task failed: %s", exc)
            except Exception:  # a failing callback must not stop the others
                log.exception("callback of a background task failed")


_dispatcher: _Dispatcher | None = None


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


def pending_count() -> int:
    return len(_dispatcher.pending) if _dispatcher is not None else 0


def deliver_now() -> None:
    """Hand over whatever has finished (tests and snapshots call it while waiting)."""
    if _dispatcher is not None:
        _dispatcher.deliver()


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None],
    on_failed: Callable[[Exception], None] | None = None,
    pool: Pool | None = None,
) -> Future:
    """Start ``fn(*args)`` in ``pool`` (a shared pool by default); outcome delivered on the UI thread.
    Call from the UI thread."""
    global _shared
    if pool is None:
        if _shared is None:
            _shared = ThreadPoolExecutor(max_workers=2, thread_name_prefix="cmstudio-task")
        pool = _shared
    dispatcher = _get_dispatcher()
    future = pool.submit(fn, *args)
    dispatcher.add(future, on_done, on_failed)
    return future


def serial_pool(_parent: object | None = None) -> Pool:
    """A pool of one thread: tasks run in order and never compete with each other for the GIL."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="cmstudio-serial")
