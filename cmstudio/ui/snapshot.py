"""Render one view offscreen to a PNG, with the workspace's real content."""

from __future__ import annotations

import os
from pathlib import Path

from cmstudio.core.errors import UserError


def snapshot(db_url: str | None, view: str, out: Path, *, size: tuple[int, int] = (1400, 900),
             language: str | None = None, theme_name: str | None = None) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from cmstudio.ui.app import build_app

    built = build_app(db_url, language=language, theme_name=theme_name or "light", persist_state=False)
    window = built.window
    key = "articles" if view == "editor" else view
    widget = window.show_section(key)  # type: ignore[attr-defined]
    window.resize(*size)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    prepare = getattr(widget, "prepare_snapshot", None)
    if prepare is not None:
        prepare(view)
    for _ in range(5):
        built.app.processEvents()
    settle = getattr(widget, "wait_until_idle", None)
    if settle is not None:
        settle()
        built.app.processEvents()
    image = window.grab()  # type: ignore[attr-defined]
    if not image.save(str(out), "PNG"):
        raise UserError(f"Could not write the image {out}.")
    window.close()  # type: ignore[attr-defined]
    built.studio.db.close()
    return out
