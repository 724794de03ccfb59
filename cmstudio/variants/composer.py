"""One variant's card: header, editor with live counter, thread parts, and the network preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.crops import crop_box
from cmstudio.core.networks import NetworkProfile
from cmstudio.core.threads import render_thread, split_points
from cmstudio.core.variants_service import crop_ratios, rebase_offsets
from cmstudio.variants.network_style import accent, fill, muted
from cmstudio.variants.post_editor import PostEditor
from cmstudio.variants.preview import NetworkPreview
from cmstudio.variants.render_worker import ImageHub
from cmstudio.variants.thread_panel import ThreadPanel

STATUSES = ("draft", "ready")


@dataclass
class VariantData:
    """What a card shows, read once from the database (no ORM object outlives its session)."""

    id: int
    network: str
    text: str
    offsets: list[int]
    status: str
    content_warning: str
    author: str
    handle: str
    link: str = ""
    title: str = ""
    media: list[tuple[str, Path | None, tuple[int, int, int, int] | None]] = field(default_factory=list)
    has_article: bool = True
    # Focal points the user chose, by image hash; an image without one is framed on its detail.
    focal: dict[str, tuple[float, float]] = field(default_factory=dict)


class VariantComposer(QFrame):
    """Edits one variant; asks its parent to save or update through signals."""

    selected = Signal(int)
    saveRequested = Signal(int)
    updateRequested = Signal(int)

    def __init__(
        self, data: VariantData, profile: NetworkProfile, hub: ImageHub, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("variantComposer")
        self.setAccessibleName(fill(self.tr("%1 variant"), profile.display_name))
        self.data, self.profile, self.hub = data, profile, hub
        self.dirty = False
        self._last_text = data.text
        self._build()
        self._connect()
        self.editor.set_text(data.text)
        self._last_text = self.editor.text()
        self._set_offsets(data.offsets)
        self.dirty = False
        self.save_button.setEnabled(False)
        self.state.setText("")
        self._refresh_preview()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.setStyleSheet(
            "#variantComposer { background: palette(base); border: 1px solid palette(midlight);"
            " border-radius: 12px; }"
        )
        colour = accent(self.profile.id).name()
        dot = QLabel("●", self)
        dot.setStyleSheet(f"color: {colour}; font-size: 14px;")
        name = QLabel(f"<b>{self.profile.display_name}</b>", self)
        name.setObjectName("variantNetwork")
        handle = QLabel(self.data.handle, self)
        handle.setStyleSheet(f"color: {muted(self)};")
        self.status = QComboBox(self)
        self.status.setObjectName("variantStatus")
        self.status.setAccessibleName(self.tr("Status"))
        self.status.addItem(self.tr("Draft"), "draft")
        self.status.addItem(self.tr("Ready"), "ready")
        if self.data.status not in STATUSES:
            self.status.addItem(self.data.status.capitalize(), self.data.status)
        self.status.setCurrentIndex(max(0, self.status.findData(self.data.status)))
        self.thread_button = QPushButton(self.tr("Split into thread"), self)
        self.thread_button.setObjectName("threadButton")
        self.thread_button.setCheckable(True)
        self.thread_button.setVisible(self.profile.supports_threads)
        self.update_button = QPushButton(self.tr("Update from the article"), self)
        self.update_button.setObjectName("updateFromArticleButton")
        self.update_button.setEnabled(self.data.has_article)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveVariantButton")
        self.save_button.setEnabled(False)
        self.state = QLabel(self)
        self.state.setStyleSheet(f"color: {muted(self)};")
        header = QHBoxLayout()
        header.setSpacing(8)
        for widget in (dot, name, handle):
            header.addWidget(widget)
        header.addStretch(1)
        header.addWidget(self.state)
        header.addWidget(self.status)
        self.warning = QLineEdit(self)
        self.warning.setObjectName("contentWarningEdit")
        self.warning.setPlaceholderText(self.tr("Content warning (optional)"))
        self.warning.setAccessibleName(self.tr("Content warning"))
        self.warning.setText(self.data.content_warning)
        self.warning.setVisible(self.profile.counting_rule == "mastodon")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("variantTitleEdit")
        self.title_edit.setPlaceholderText(self.tr("Pin title"))
        self.title_edit.setAccessibleName(self.tr("Pin title"))
        self.title_edit.setText(self.data.title)
        self.title_count = QLabel(self)
        self.title_count.setObjectName("variantTitleCount")
        self.title_count.setAccessibleName(self.tr("Pin title length"))
        has_title = self.profile.title_limit is not None
        self.title_edit.setVisible(has_title)
        self.title_count.setVisible(has_title)
        self.editor = PostEditor(self.profile, self)
        self.editor.set_spoiler(self.data.content_warning)
        self.thread_panel = ThreadPanel(self)
        self.thread_panel.setVisible(False)
        actions = QHBoxLayout()
        actions.addWidget(self.thread_button)
        actions.addWidget(self.update_button)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self.warning)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_edit, 1)
        title_row.addWidget(self.title_count)
        left.addLayout(title_row)
        left.addWidget(self.editor, 1)
        left.addWidget(self.thread_panel)
        left.addLayout(actions)
        self.preview = NetworkPreview(self)
        self.preview.setFixedWidth(310)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left, 1)
        body.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(body)
        self._preview_timer = QTimer(self, singleShot=True, interval=120)

    def _connect(self) -> None:
        self.editor.textChanged.connect(self._on_text_changed)
        self.warning.textChanged.connect(self._on_warning_changed)
        self.title_edit.textChanged.connect(self._on_title_changed)
        self.status.currentIndexChanged.connect(self._mark_dirty)
        self.thread_button.toggled.connect(self._on_thread_toggled)
        self.thread_panel.offsetsChanged.connect(self._on_offsets_moved)
        self.save_button.clicked.connect(lambda: self.saveRequested.emit(self.data.id))
        self.update_button.clicked.connect(lambda: self.updateRequested.emit(self.data.id))
        self._preview_timer.timeout.connect(self._refresh_preview)
        self.hub.imageReady.connect(self._on_image_ready)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.saveRequested.emit(self.data.id))
        for widget in (self.editor.edit, self.warning, self.title_edit, self.status):
            widget.installEventFilter(self)
        self._show_title_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            self.selected.emit(self.data.id)
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ state

    def text(self) -> str:
        return self.editor.text()

    def offsets(self) -> list[int]:
        return self.thread_panel.offsets()

    def thread_parts(self) -> list[str]:
        offsets = self.offsets()
        return render_thread(self.text(), offsets) if offsets else []

    def status_value(self) -> str:
        return str(self.status.currentData())

    def content_warning(self) -> str:
        return self.warning.text()

    def title(self) -> str:
        return self.title_edit.text()

    def _on_title_changed(self, _text: str = "") -> None:
        self._show_title_count()
        self._mark_dirty()

    def _show_title_count(self) -> None:
        if self.profile.title_limit is None:
            return
        from cmstudio.core.counting import count_title

        result = count_title(self.profile, self.title_edit.text())
        self.title_count.setText(f"{result.length} / {result.limit}")
        color = "#c62828" if result.over_by else muted(self)
        self.title_count.setStyleSheet(f"color: {color};")

    def set_text(self, text: str) -> None:
        """Replace the text (after "update from the article"): a single post again."""
        self.editor.set_text(text)
        self._set_offsets([])

    def mark_saved(self) -> None:
        self.dirty = False
        self.save_button.setEnabled(False)
        self.state.setText(self.tr("Saved"))

    def set_media(
        self,
        media: list[tuple[str, Path | None, tuple[int, int, int, int] | None]],
        focal: dict[str, tuple[float, float]] | None = None,
    ) -> None:
        self.data.media = media
        if focal is not None:
            self.data.focal = focal
        self._refresh_preview()

    def flush_preview(self) -> None:
        """Redraw a pending preview now (snapshots and tests)."""
        if self._preview_timer.isActive():
            self._preview_timer.stop()
            self._refresh_preview()

    def _mark_dirty(self) -> None:
        self.dirty = True
        self.save_button.setEnabled(True)
        self.state.setText(self.tr("Edited"))

    def _set_offsets(self, offsets: list[int]) -> None:
        with QSignalBlocker(self.thread_button):
            self.thread_button.setChecked(bool(offsets))
            self.thread_button.setText(self.tr("Single post") if offsets else self.tr("Split into thread"))
        self.editor.set_thread_offsets(offsets)
        self.thread_panel.set_thread(self.text(), offsets, self.profile)
        self._preview_timer.start()

    def _on_text_changed(self) -> None:
        text = self.text()
        offsets = self.thread_panel.offsets()
        if offsets:
            self._set_offsets(rebase_offsets(self._last_text, text, offsets))
        self._last_text = text
        self._mark_dirty()
        self._preview_timer.start()

    def _on_warning_changed(self, text: str) -> None:
        self.editor.set_spoiler(text)
        self._mark_dirty()

    def _on_thread_toggled(self, checked: bool) -> None:
        offsets = split_points(self.text(), self.profile) if checked else []
        if checked and not offsets:
            self.state.setText(self.tr("The text fits in one post"))
        self._set_offsets(offsets)
        self._mark_dirty()

    def _on_offsets_moved(self, offsets: list[int]) -> None:
        self.editor.set_thread_offsets(offsets)
        self._mark_dirty()
        self._preview_timer.start()

    def _on_image_ready(self, sha256: str) -> None:
        if any(sha == sha256 for sha, _, _ in self.data.media):
            self._preview_timer.start()

    def _refresh_preview(self) -> None:
        from cmstudio.variants.crop_studio import cropped

        images = []
        for sha, path, box in self.data.media:
            loaded = self.hub.images.get(sha)
            if loaded is None:
                if path is not None:
                    self.hub.request(sha, path)
                continue
            if box is None:
                box = self._default_box(sha, loaded[1], loaded[2])
            images.append(cropped(loaded[0], box, loaded[1]))
        parts = self.thread_parts() or [self.text()]
        self.preview.set_post(self.profile, self.data.author, self.data.handle, parts, images, self.data.link)

    def _default_box(self, sha256: str, width: int, height: int) -> tuple[int, int, int, int] | None:
        """The frame the crop studio starts from: the network's first ratio, placed around the
        chosen focal point or else the image's most detailed area."""
        ratios = crop_ratios(self.profile)
        if not ratios:
            return None
        point = self.data.focal.get(sha256) or self.hub.detail.get(sha256, (0.5, 0.5))
        return crop_box(width, height, ratios[0].ratio, point)
