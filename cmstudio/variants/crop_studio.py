"""Crop studio: per image of a variant, a frame for each ratio the network takes, a focal point,
live previews, the rendition's byte size against the network's limit, and the alt text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.counting import grapheme_count
from cmstudio.core.errors import UserError
from cmstudio.core.networks import NetworkProfile
from cmstudio.core.variants_service import (
    CropRatio,
    crop_ratios,
    media_file,
    profile_for,
    render_spec,
    save_media,
)
from cmstudio.variants.crop_canvas import CropCanvas
from cmstudio.variants.network_style import fill, muted
from cmstudio.variants.post_editor import danger_colour
from cmstudio.variants.render_worker import ImageHub, RenderSpec, RenditionInfo

DEFAULT_FOCAL = (0.5, 0.5)  # MediaAsset's column default: no point chosen yet


@dataclass
class MediaItem:
    link_id: int
    sha256: str
    name: str
    path: Path | None
    focal: tuple[float, float]
    crop: dict[str, Any] | None
    alt: str
    error: str = ""
    # False while the asset still has the default focal point (the centre): frames then sit on
    # the most detailed region instead, and saving does not store that as a chosen point.
    focal_set: bool = True


def cropped(image: QImage, box: tuple[int, int, int, int] | None, source_width: int) -> QImage:
    """The part of a display image under a source-pixel box."""
    if box is None or source_width <= 0:
        return image
    scale = image.width() / source_width
    left, top, right, bottom = (round(v * scale) for v in box)
    return image.copy(left, top, max(1, right - left), max(1, bottom - top))


class CropStudio(QWidget):
    renditionReady = Signal(object)  # RenditionInfo of the current frame
    mediaSaved = Signal(int)  # variant id

    def __init__(self, studio: Any, hub: ImageHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cropStudio")
        self.setAccessibleName(self.tr("Crop studio"))
        self.studio, self.hub = studio, hub
        self.variant_id: int | None = None
        self.profile: NetworkProfile | None = None
        self.ratios: list[CropRatio] = []
        self.items: list[MediaItem] = []
        self.last_rendition: RenditionInfo | None = None
        self._expected_render = ""
        self._build()
        self._connect()

    def _build(self) -> None:
        self.title = QLabel(self.tr("Images"), self)
        self.title.setObjectName("cropTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.image_combo = QComboBox(self)
        self.image_combo.setObjectName("cropImageCombo")
        self.image_combo.setAccessibleName(self.tr("Image"))
        self.ratio_row = QHBoxLayout()
        self.ratio_row.setSpacing(4)
        self.ratio_group = QButtonGroup(self)
        self.ratio_group.setExclusive(True)
        self.canvas = CropCanvas(self)
        self.thumb_row = QHBoxLayout()
        self.thumb_row.setSpacing(10)
        self.rendition = QLabel(self)
        self.rendition.setObjectName("renditionInfo")
        self.rendition.setWordWrap(True)
        self.alt = QPlainTextEdit(self)
        self.alt.setObjectName("altTextEdit")
        self.alt.setAccessibleName(self.tr("Alternative text"))
        self.alt.setPlaceholderText(self.tr("Describe the image for people who cannot see it…"))
        self.alt.setTabChangesFocus(True)
        self.alt.setFixedHeight(64)
        self.alt.setStyleSheet(
            "QPlainTextEdit { border: 1px solid palette(mid); border-radius: 8px; padding: 2px; }"
        )
        self.alt_counter = QLabel(self)
        self.alt_counter.setObjectName("altTextCounter")
        self.alt_counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.focal_hint = QLabel(
            self.tr("No focal point yet: frames sit on the most detailed area. Click the image to set one."),
            self,
        )
        self.focal_hint.setObjectName("focalHint")
        self.focal_hint.setWordWrap(True)
        self.focal_hint.setStyleSheet(f"color: {muted(self)}; font-size: 11px;")
        self.focal_hint.setVisible(False)
        self.empty = QLabel(self)
        self.empty.setObjectName("cropEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {muted(self)}; padding: 24px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.image_combo)
        layout.addLayout(header)
        layout.addLayout(self.ratio_row)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.focal_hint)
        layout.addLayout(self.thumb_row)
        layout.addWidget(self.rendition)
        alt_label = QLabel(self.tr("Alt text"), self)
        alt_label.setBuddy(self.alt)
        layout.addWidget(alt_label)
        layout.addWidget(self.alt)
        layout.addWidget(self.alt_counter)
        layout.addWidget(self.empty)
        self._save_timer = QTimer(self, singleShot=True, interval=500)
        self._render_timer = QTimer(self, singleShot=True, interval=300)

    def _connect(self) -> None:
        self.image_combo.currentIndexChanged.connect(self._show_item)
        self.canvas.cropChanged.connect(self._on_crop_changed)
        self.canvas.focalChanged.connect(self._on_focal_changed)
        self.alt.textChanged.connect(self._on_alt_changed)
        self._save_timer.timeout.connect(self.save)
        self._render_timer.timeout.connect(self.render)
        self.hub.imageReady.connect(self._on_image_ready)
        self.hub.imageFailed.connect(self._on_image_failed)
        self.hub.rendered.connect(self._on_rendered)
        self.hub.renderFailed.connect(self._on_render_failed)

    # ------------------------------------------------------------------ loading

    def set_variant(self, variant_id: int | None) -> None:
        """Show the images of a variant (None: nothing selected)."""
        self.flush()
        self.variant_id, self.items, self.profile, self.ratios = variant_id, [], None, []
        if variant_id is not None:
            from cmstudio.core.models import Variant

            with self.studio.session() as session:
                variant = session.get(Variant, variant_id)
                if variant is not None:
                    self.profile = profile_for(
                        session, variant.workspace_id, variant.network, variant.account_id
                    )
                    self.ratios = crop_ratios(self.profile)
                    for link in variant.media:
                        try:
                            path, error = media_file(self.studio.db.media_dir, link.asset), ""
                        except UserError as exc:
                            path, error = None, str(exc)
                        self.items.append(
                            MediaItem(
                                link.id,
                                link.asset.sha256,
                                link.asset.original_name,
                                path,
                                (link.asset.focal_x, link.asset.focal_y),
                                dict(link.crop) if link.crop else None,
                                link.alt_text,
                                error,
                                (link.asset.focal_x, link.asset.focal_y) != DEFAULT_FOCAL,
                            )
                        )
        self._rebuild_ratio_buttons()
        with QSignalBlocker(self.image_combo):
            self.image_combo.clear()
            for index, item in enumerate(self.items):
                self.image_combo.addItem(item.name or fill(self.tr("Image %1"), index + 1))
        self.image_combo.setVisible(len(self.items) > 1)
        has = bool(self.items) and bool(self.ratios)
        for widget in (self.canvas, self.rendition, self.alt, self.alt_counter):
            widget.setVisible(has)
        self.empty.setVisible(not has)
        if not has:
            self.focal_hint.setVisible(False)
        if self.profile is None:
            self.title.setText(self.tr("Images"))
            self.empty.setText(self.tr("Select a variant to crop its images."))
        else:
            self.title.setText(fill(self.tr("Images for %1"), self.profile.display_name))
            self.empty.setText(
                self.tr("This variant has no image.")
                if self.profile.max_images
                else fill(self.tr("%1 posts carry no image."), self.profile.display_name)
            )
        if has:
            self._show_item(0)

    def current(self) -> MediaItem | None:
        index = self.image_combo.currentIndex()
        return self.items[index] if 0 <= index < len(self.items) else None

    def _rebuild_ratio_buttons(self) -> None:
        for button in self.ratio_group.buttons():
            self.ratio_group.removeButton(button)
            button.hide()
            button.deleteLater()
        while self.ratio_row.count():
            self.ratio_row.takeAt(0)
        for ratio in self.ratios:
            button = QToolButton(self)
            button.setText(ratio.label)
            button.setCheckable(True)
            button.setObjectName(f"ratio_{ratio.label}")
            button.setToolTip(fill(self.tr("Crop to %1 (%2 × %3 px)"), ratio.label, *ratio.target))
            button.clicked.connect(lambda _=False, label=ratio.label: self.choose_ratio(label))
            self.ratio_group.addButton(button)
            self.ratio_row.addWidget(button)
        self.ratio_row.addStretch(1)

    def _show_item(self, index: int) -> None:
        if not 0 <= index < len(self.items):
            return
        item = self.items[index]
        crop = item.crop or {}
        boxes = dict(crop.get("boxes") or {})
        if crop.get("ratio") and crop.get("box"):
            boxes[crop["ratio"]] = crop["box"]
        self.canvas.set_focal(*self.focal_of(item))
        self.canvas.set_ratios(self.ratios, boxes, crop.get("ratio"))
        self._check_ratio_button()
        with QSignalBlocker(self.alt):
            self.alt.setPlainText(item.alt)
        self._update_alt_counter()
        image = self.hub.images.get(item.sha256)
        self.focal_hint.setVisible(image is not None and not item.focal_set)
        if image is not None:
            self.canvas.set_image(image[0], image[1], image[2])
            self._update_thumbs()
            self._render_timer.start(0)
        else:
            self.canvas.set_image(None, 1, 1)
            if item.path is not None:
                self.hub.request(item.sha256, item.path)
            self.rendition.setText(item.error or self.tr("Loading the image…"))

    def focal_of(self, item: MediaItem) -> tuple[float, float]:
        """The point frames are placed around: the user's, else the image's most detailed area."""
        if item.focal_set:
            return item.focal
        return self.hub.detail.get(item.sha256, DEFAULT_FOCAL)

    def _check_ratio_button(self) -> None:
        for button in self.ratio_group.buttons():
            button.setChecked(button.text() == self.canvas.active())

    def choose_ratio(self, label: str) -> None:
        """Use the frame of ``label`` for this image (saved as the variant's crop)."""
        self.canvas.set_active(label)
        self._check_ratio_button()
        self._update_thumbs()
        self._save_timer.start()
        self._render_timer.start()

    # ------------------------------------------------------------------ events

    def _on_image_ready(self, sha256: str) -> None:
        item = self.current()
        if item is not None and item.sha256 == sha256:
            image, width, height = self.hub.images[sha256]
            if not item.focal_set:
                self.canvas.set_focal(*self.focal_of(item))
            self.focal_hint.setVisible(not item.focal_set)
            self.canvas.set_image(image, width, height)
            self._update_thumbs()
            self.render()

    def _on_image_failed(self, sha256: str, message: str) -> None:
        item = self.current()
        if item is not None and item.sha256 == sha256:
            self.rendition.setText(message)

    def _on_crop_changed(self, label: str, box: object) -> None:
        self._update_thumbs()
        self._save_timer.start()
        self._render_timer.start()

    def _on_focal_changed(self, fx: float, fy: float) -> None:
        item = self.current()
        if item is not None:
            item.focal, item.focal_set = (fx, fy), True
        self.focal_hint.setVisible(False)
        self._on_crop_changed(self.canvas.active(), None)

    def _on_alt_changed(self) -> None:
        item = self.current()
        if item is not None:
            item.alt = self.alt.toPlainText()
        self._update_alt_counter()
        self._save_timer.start()

    def _update_alt_counter(self) -> None:
        limit = self.profile.alt_text_limit if self.profile else None
        used = grapheme_count(self.alt.toPlainText())
        locale = QLocale()
        if limit is None:
            self.alt_counter.setText(self.tr("No alt-text field on this network"))
            self.alt_counter.setStyleSheet(f"color: {muted(self)};")
            return
        self.alt_counter.setText(fill(self.tr("%1 / %2"), locale.toString(used), locale.toString(limit)))
        colour = danger_colour().name() if used > limit else muted(self)
        self.alt_counter.setStyleSheet(f"color: {colour};")

    def _update_thumbs(self) -> None:
        while self.thumb_row.count():
            widget = self.thumb_row.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        item = self.current()
        loaded = self.hub.images.get(item.sha256) if item else None
        if loaded is None:
            return
        image, width, _ = loaded
        for ratio in self.ratios:
            thumb = cropped(image, self.canvas.box(ratio.label), width)
            pixmap = QPixmap.fromImage(thumb).scaledToHeight(72, Qt.TransformationMode.SmoothTransformation)
            cell = QLabel(self)
            cell.setObjectName(f"cropThumb_{ratio.label}")
            active = ratio.label == self.canvas.active()
            border = self.palette().highlight().color().name() if active else "transparent"
            cell.setPixmap(pixmap)
            cell.setToolTip(ratio.label)
            cell.setStyleSheet(f"border: 2px solid {border}; border-radius: 4px;")
            self.thumb_row.addWidget(cell)
        self.thumb_row.addStretch(1)

    # ------------------------------------------------------------------ rendition and saving

    def render(self) -> str | None:
        """Queue the rendition of the current frame; returns its key (None if nothing to do)."""
        item = self.current()
        label = self.canvas.active()
        box = self.canvas.box()
        if item is None or item.path is None or self.profile is None or box is None:
            return None
        ratio = next(r for r in self.ratios if r.label == label)
        target, max_bytes, formats = render_spec(self.profile, ratio)
        spec = RenderSpec(box, target, max_bytes, tuple(formats))
        key = f"{item.link_id}:{label}:{box}"
        self._expected_render = key
        self.rendition.setText(fill(self.tr("Preparing the %1 rendition…"), self.profile.display_name))
        self.hub.render(key, item.path, spec)
        return key

    def _on_rendered(self, key: str, info: RenditionInfo) -> None:
        if key != self._expected_render:
            return
        self.last_rendition = info
        locale = QLocale()
        ok = info.size <= info.max_bytes
        mark = "✓" if ok else "✗"
        text = fill(
            self.tr("%1 × %2 px · %3 · %4 of %5 %6"),
            info.width,
            info.height,
            info.format.upper(),
            locale.formattedDataSize(info.size),
            locale.formattedDataSize(info.max_bytes),
            mark,
        )
        self.rendition.setText(text)
        self.rendition.setStyleSheet("" if ok else f"color: {danger_colour().name()};")
        self.renditionReady.emit(info)

    def _on_render_failed(self, key: str, message: str) -> None:
        if key == self._expected_render:
            self.rendition.setText(message)
            self.rendition.setStyleSheet(f"color: {danger_colour().name()};")

    def crop_json(self) -> dict[str, Any] | None:
        box = self.canvas.box()
        if box is None:
            return None
        return {"ratio": self.canvas.active(), "box": list(box), "boxes": self.canvas.boxes()}

    def flush(self) -> None:
        """Save now what the user changed and is still waiting for the save delay (nothing else:
        an untouched frame stays a default one that follows the focal point)."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save()

    def save(self) -> None:
        """Store the crop, alt text and focal point of the current image."""
        self._save_timer.stop()
        item = self.current()
        if item is None or self.variant_id is None:
            return
        crop = self.crop_json()
        item.crop = crop
        try:
            with self.studio.session() as session:
                focal = self.canvas.focal() if item.focal_set else None
                save_media(session, item.link_id, crop=crop, alt_text=item.alt, focal=focal)
        except UserError as exc:
            self.studio.show_status(str(exc))
            return
        self.mediaSaved.emit(self.variant_id)
