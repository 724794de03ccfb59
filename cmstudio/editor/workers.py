"""Running a function on a thread pool and getting its result back on the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the UI thread; queued signals carry the worker's result back to it."""

    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """Calls ``fn(*args)`` on a pool thread; ``done``/``failed`` fire on the UI thread."""

    _alive: set[Task] = set()

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args = fn, args
        self.relay = _Relay()
        self.relay.done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self.relay.failed.connect(self._finish, Qt.ConnectionType.QueuedConnection)

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except Exception as exc:  # reported to the UI thread, which shows a sentence
            log.debug("background task failed", exc_info=True)
            self._emit(self.relay.failed, exc)
        else:
            self._emit(self.relay.done, result)

    @staticmethod
    def _emit(signal: object, value: object) -> None:
        try:
            signal.emit(value)  # type: ignore[attr-defined]
        except RuntimeError:  # the application is closing and the relay is gone: nobody to tell
            log.debug("result of a background task dropped at shutdown")

    def _finish(self, _value: object) -> None:
        Task._alive.discard(self)


def run_task(fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None],
             on_failed: Callable[[Exception], None] | None = None, pool: QThreadPool | None = None) -> Task:
    """Start ``fn(*args)`` in ``pool`` (the global one by default) and deliver its outcome."""
    task = Task(fn, *args)
    task.relay.done.connect(on_done, Qt.ConnectionType.QueuedConnection)
    if on_failed is not None:
        task.relay.failed.connect(
            lambda exc: on_failed(exc) if exc is not None else None, Qt.ConnectionType.QueuedConnection
        )
    Task._alive.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def serial_pool(parent: QObject | None = None) -> QThreadPool:
    """A pool of one thread: tasks run in order and never compete with each other for the GIL."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool
