"""Adding pictures to an article: into the media library (content-addressed), then alt text, then
``![alt](media:<sha>)`` in the text. Decoding and hashing happen on a worker thread."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from cmstudio.core.db import Database
from cmstudio.core.images import open_image, thumbnail
from cmstudio.core.media import MediaStore
from cmstudio.core.models import MediaAsset

# Alt text: WCAG suggests short; networks cap it (Mastodon 1,500, X 1,000 characters:
# https://docs.joinmastodon.org/methods/media/ , https://developer.x.com/en/docs/x-api/v1/media/upload-media).
ALT_MAX = 1000


@dataclass(frozen=True)
class Ingested:
    media_id: int
    sha256: str
    name: str
    alt_text: str
    preview_png: bytes

    @property
    def preview(self) -> QImage:
        return QImage.fromData(self.preview_png)


def thumbnail_png(source: Path | str, size: int) -> bytes:
    """A small PNG of a picture, with Pillow (HEIC included); safe on any thread."""
    image = thumbnail(open_image(source), (size, size))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def ingest(db: Database, workspace_id: int, source: Path | bytes, name: str) -> Ingested:
    """Store a picture once (HEIC included) and make sure the workspace has a MediaAsset row.
    Runs on a worker thread with its own session; raises a UserError naming the file."""
    store = MediaStore(db.media_dir)
    stored = store.add(source, original_name=name)
    with db.session() as session:
        asset = session.scalars(
            select(MediaAsset).where(
                MediaAsset.workspace_id == workspace_id, MediaAsset.sha256 == stored.sha256
            )
        ).first()
        if asset is None:
            asset = MediaAsset(
                workspace_id=workspace_id,
                sha256=stored.sha256,
                original_name=name[:255],
                mime=stored.mime,
                width=stored.width or 0,
                height=stored.height or 0,
                size=stored.size,
                alt_text="",
            )
            session.add(asset)
            session.flush()
        media_id, alt = asset.id, asset.alt_text
    return Ingested(media_id, stored.sha256, name, alt, thumbnail_png(stored.path, 360))


def image_to_rgba(image: QImage) -> tuple[bytes, int, int]:
    """Raw RGBA pixels of a pasted image, taken on the UI thread (Qt objects stay on it)."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return bytes(rgba.constBits())[: rgba.width() * rgba.height() * 4], rgba.width(), rgba.height()


def rgba_to_png(pixels: bytes, width: int, height: int) -> bytes:
    """Encode pasted pixels as PNG with Pillow, on a worker thread."""
    out = io.BytesIO()
    Image.frombytes("RGBA", (width, height), pixels).save(out, "PNG")
    return out.getvalue()


def save_alt_text(db: Database, media_id: int, alt: str) -> None:
    with db.session() as session:
        asset = session.get(MediaAsset, media_id)
        if asset is not None and alt and not asset.alt_text:
            asset.alt_text = alt


class AltTextDialog(QDialog):
    """Asks what the picture shows, for readers who cannot see it."""

    def __init__(self, item: Ingested, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("altTextDialog")
        self.setWindowTitle(self.tr("Describe the image"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(10)
        picture = QLabel(self)
        if not item.preview.isNull():
            picture.setPixmap(QPixmap.fromImage(item.preview))
        layout.addWidget(picture)
        hint = QLabel(
            self.tr(
                "Alternative text is read aloud to people who cannot see the image, and shown "
                "when it does not load. Say what it shows and why it matters."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.alt = QLineEdit(self)
        self.alt.setObjectName("altTextEdit")
        self.alt.setAccessibleName(self.tr("Alternative text"))
        self.alt.setMaxLength(ALT_MAX)
        self.alt.setText(item.alt_text or Path(item.name).stem.replace("-", " ").replace("_", " "))
        self.alt.selectAll()
        layout.addWidget(self.alt)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def text(self) -> str:
        return self.alt.text().strip()


def ask_alt_text(item: Ingested, parent: QWidget | None) -> str | None:
    """Alt text for a freshly added image, or None when the user cancels (the image is not inserted)."""
    dialog = AltTextDialog(item, parent)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
