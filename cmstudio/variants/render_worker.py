"""Pillow work for the crop studio, off the UI thread: display copies and network renditions.

Decoded sources and finished renditions are cached (by file, crop box and spec) so dragging a
crop back to where it was, or switching between variants, does not decode or encode again.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from cmstudio.core.crops import detail_focus
from cmstudio.core.errors import UserError
from cmstudio.core.images import open_image, render_variant, thumbnail

DISPLAY_SIDE = 1400


@dataclass(frozen=True)
class RenderSpec:
    """What a rendition must be: crop box in source pixels, target size, byte limit, formats."""

    box: tuple[int, int, int, int]
    target: tuple[int, int] | None
    max_bytes: int
    formats: tuple[str, ...]


@dataclass(frozen=True)
class RenditionInfo:
    width: int
    height: int
    size: int
    format: str
    max_bytes: int
    seconds: float
    data: bytes


class _Lru:
    def __init__(self, capacity: int) -> None:
        self._items: OrderedDict[object, object] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def get(self, key: object) -> object | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            return None

    def put(self, key: object, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)


_SOURCES = _Lru(2)
_RENDITIONS = _Lru(24)


def _source(path: Path) -> Image.Image:
    key = (str(path), path.stat().st_mtime_ns)
    cached = _SOURCES.get(key)
    if isinstance(cached, Image.Image):
        return cached
    image = open_image(path)
    _SOURCES.put(key, image)
    return image


def to_qimage(image: Image.Image) -> QImage:
    """A deep-copied QImage of a Pillow RGB/RGBA image (safe to hand across threads)."""
    rgba = image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    qimage = QImage(data, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888)
    return qimage.copy()


def render_now(path: Path, spec: RenderSpec) -> RenditionInfo:
    """Make (or fetch from the cache) one rendition; used by the worker and the benchmark."""
    key = (str(path), spec)
    cached = _RENDITIONS.get(key)
    if isinstance(cached, RenditionInfo):
        return cached
    started = time.perf_counter()
    source = _source(path)
    left, top, right, bottom = spec.box
    box = (max(0, left), max(0, top), min(source.width, right), min(source.height, bottom))
    cropped = source.crop(box) if box != (0, 0, source.width, source.height) else source
    rendition = render_variant(cropped, None, spec.target, spec.max_bytes, list(spec.formats))
    info = RenditionInfo(
        rendition.width,
        rendition.height,
        len(rendition.data),
        rendition.format,
        spec.max_bytes,
        time.perf_counter() - started,
        rendition.data,
    )
    _RENDITIONS.put(key, info)
    return info


class WorkerSignals(QObject):
    """Lives in the UI thread; workers emit through it (queued to the UI thread)."""

    # key, display image, source width, source height, detail focus (fx, fy) or None
    loaded = Signal(str, QImage, int, int, object)
    rendered = Signal(str, object)  # key, RenditionInfo
    failed = Signal(str, str)  # key, user-readable message


class LoadTask(QRunnable):
    """Decode an image, make the display-size copy the crop canvas draws, and find where its
    detail is (the default focal point when the user has set none)."""

    def __init__(self, signals: WorkerSignals, key: str, path: Path) -> None:
        super().__init__()
        self._signals, self._key, self._path = signals, key, path

    def run(self) -> None:
        try:
            source = _source(self._path)
            small = thumbnail(source, (DISPLAY_SIDE, DISPLAY_SIDE))
            focus = detail_focus(small)
            self._signals.loaded.emit(self._key, to_qimage(small), source.width, source.height, focus)
        except (UserError, OSError, MemoryError) as exc:
            self._signals.failed.emit(self._key, str(exc))


class RenderTask(QRunnable):
    """Encode one rendition under the network's byte limit."""

    def __init__(self, signals: WorkerSignals, key: str, path: Path, spec: RenderSpec) -> None:
        super().__init__()
        self._signals, self._key, self._path, self._spec = signals, key, path, spec

    def run(self) -> None:
        try:
            self._signals.rendered.emit(self._key, render_now(self._path, self._spec))
        except (UserError, OSError, MemoryError) as exc:
            self._signals.failed.emit(self._key, str(exc))


class ImageHub(QObject):
    """One pool and one cache of display images shared by the variant cards and the crop studio."""

    imageReady = Signal(str)  # sha256
    imageFailed = Signal(str, str)  # sha256, message
    rendered = Signal(str, object)  # key, RenditionInfo
    renderFailed = Signal(str, str)  # key, message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.images: dict[str, tuple[QImage, int, int]] = {}
        # Centre of the most detailed region of each loaded image (fractions of width, height).
        self.detail: dict[str, tuple[float, float]] = {}
        self.errors: dict[str, str] = {}
        self._pending: set[str] = set()
        self._signals = WorkerSignals(self)
        self._signals.loaded.connect(self._on_loaded)
        self._signals.failed.connect(self._on_failed)
        self._signals.rendered.connect(self._on_rendered)

    def request(self, sha256: str, path: Path) -> None:
        """Load the display copy of an image unless it is loaded or loading."""
        if sha256 in self.images or sha256 in self._pending or sha256 in self.errors:
            return
        self._pending.add(sha256)
        self.pool.start(LoadTask(self._signals, sha256, path))

    def render(self, key: str, path: Path, spec: RenderSpec) -> None:
        self.pool.start(RenderTask(self._signals, "render:" + key, path, spec))

    def wait(self, msecs: int = 30000) -> None:
        """Block until queued work is done (snapshots and tests only), then deliver its signals."""
        self.pool.waitForDone(msecs)
        QCoreApplication.processEvents()
        QCoreApplication.processEvents()

    def _on_loaded(self, key: str, image: QImage, width: int, height: int, focus: object) -> None:
        self._pending.discard(key)
        self.images[key] = (image, width, height)
        if isinstance(focus, tuple):
            self.detail[key] = focus
        self.imageReady.emit(key)

    def _on_rendered(self, key: str, info: object) -> None:
        self.rendered.emit(key[len("render:") :], info)

    def _on_failed(self, key: str, message: str) -> None:
        if key.startswith("render:"):
            self.renderFailed.emit(key[len("render:") :], message)
            return
        self._pending.discard(key)
        self.errors[key] = message
        self.imageFailed.emit(key, message)
