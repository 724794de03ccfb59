"""The studio's drag-and-drop payload: item ids under its own MIME type, never whole objects."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QMimeData

from cmstudio.core.agenda import MIME_TYPE, AgendaError, ItemRef, refs_from_json, refs_to_json


def make_mime(refs: Iterable[ItemRef]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, refs_to_json(refs))
    return mime


def refs_from_mime(mime: QMimeData | None) -> list[ItemRef]:
    """The refs carried by a drag, or an empty list when it is not ours or is malformed."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return []
    try:
        return refs_from_json(bytes(mime.data(MIME_TYPE).data()))
    except AgendaError:
        return []
