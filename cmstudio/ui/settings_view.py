"""Settings: the current workspace (brand identity, time zone, language, hashtags) and the UI itself."""

from __future__ import annotations

import json

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.errors import UserError
from cmstudio.core.workspaces import (
    archive_workspace,
    logo_path,
    set_workspace_logo,
    timezone_names,
    update_workspace,
)
from cmstudio.ui.studio import WORKSPACES, Studio


class SettingsView(QWidget):
    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.setObjectName("settingsView")
        self.setAccessibleName(self.tr("Settings"))
        self._build()
        self._connect()
        self.refresh()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget(scroll)
        scroll.setWidget(holder)
        centring = QHBoxLayout(holder)
        body = QWidget(holder)
        body.setMaximumWidth(820)
        centring.addWidget(body)
        centring.addStretch(1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(18)
        title = QLabel(self.tr("Settings"), body)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        box = QGroupBox(self.tr("Workspace"), body)
        form = QFormLayout(box)
        self.name = QLineEdit(box)
        self.name.setObjectName("workspaceName")
        self.color = QPushButton(box)
        self.color.setObjectName("workspaceColor")
        logo_row = QHBoxLayout()
        self.logo_preview = QLabel(box)
        self.logo_preview.setObjectName("workspaceLogoPreview")
        self.logo_preview.setFixedSize(48, 48)
        self.logo_preview.setScaledContents(False)
        self.logo = QPushButton(self.tr("Choose a logo…"), box)
        self.logo.setObjectName("workspaceLogo")
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo)
        logo_row.addStretch(1)
        self.timezone = QComboBox(box)
        self.timezone.setObjectName("workspaceTimezone")
        self.timezone.setEditable(True)
        self.timezone.addItems(timezone_names())
        self.language = QComboBox(box)
        self.language.setObjectName("workspaceLanguage")
        self.language.addItem(self.tr("French"), "fr")
        self.language.addItem(self.tr("English"), "en")
        self.signature = QPlainTextEdit(box)
        self.signature.setObjectName("workspaceSignature")
        self.signature.setFixedHeight(60)
        self.hashtags = QPlainTextEdit(box)
        self.hashtags.setObjectName("workspaceHashtags")
        self.hashtags.setFixedHeight(110)
        self.hashtags.setPlaceholderText(self.tr("One group per line: Name: #tag1 #tag2"))
        self.utm = QLineEdit(box)
        self.utm.setObjectName("workspaceUtm")
        self.spacing = QSpinBox(box)
        self.spacing.setObjectName("workspaceSpacing")
        self.spacing.setRange(0, 24 * 60)
        self.spacing.setSuffix(self.tr(" min"))
        for label, widget in (
            (self.tr("Name"), self.name), (self.tr("Colour"), self.color), (self.tr("Logo"), logo_row),
            (self.tr("Time zone"), self.timezone),
            (self.tr("Language"), self.language), (self.tr("Signature"), self.signature),
            (self.tr("Hashtag groups"), self.hashtags), (self.tr("Link tracking (UTM)"), self.utm),
            (self.tr("Minimum gap between posts"), self.spacing),
        ):
            if isinstance(widget, QWidget):
                widget.setAccessibleName(label)
            form.addRow(label, widget)
        self.logo.setAccessibleName(self.tr("Logo"))
        buttons = QHBoxLayout()
        self.save = QPushButton(self.tr("Save workspace"), box)
        self.save.setObjectName("saveWorkspace")
        self.archive = QPushButton(self.tr("Archive workspace"), box)
        self.archive.setObjectName("archiveWorkspace")
        buttons.addWidget(self.save)
        buttons.addWidget(self.archive)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.message = QLabel(box)
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        form.addRow(self.message)
        layout.addWidget(box)

        ui_box = QGroupBox(self.tr("Application"), body)
        ui_form = QFormLayout(ui_box)
        self.ui_language = QComboBox(ui_box)
        self.ui_language.setObjectName("uiLanguage")
        self.ui_language.addItem(self.tr("Follow the system"), "system")
        self.ui_language.addItem("Français", "fr")
        self.ui_language.addItem("English", "en")
        self.ui_theme = QComboBox(ui_box)
        self.ui_theme.setObjectName("uiTheme")
        self.ui_theme.addItem(self.tr("Follow the system"), "system")
        self.ui_theme.addItem(self.tr("Light"), "light")
        self.ui_theme.addItem(self.tr("Dark"), "dark")
        ui_form.addRow(self.tr("Interface language"), self.ui_language)
        ui_form.addRow(self.tr("Theme"), self.ui_theme)
        note = QLabel(self.tr("A new language applies the next time the studio starts."), ui_box)
        note.setWordWrap(True)
        ui_form.addRow(note)
        layout.addWidget(ui_box)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.save.clicked.connect(self.save_workspace)
        self.archive.clicked.connect(self.archive_current)
        self.color.clicked.connect(self._pick_color)
        self.logo.clicked.connect(self._pick_logo)
        self.ui_language.activated.connect(
            lambda _i: self.studio.settings.setValue("ui/language", self.ui_language.currentData()))
        self.ui_theme.activated.connect(self._theme_chosen)
        self.studio.workspaceChanged.connect(lambda _id: self.refresh())

    def refresh(self) -> None:
        with self.studio.session() as session:
            workspace = self.studio.workspace(session)
            values = (workspace.name, workspace.color, workspace.timezone, workspace.language, workspace.signature,
                      dict(workspace.hashtag_groups), workspace.utm_template, workspace.spacing_minutes)
        name, color, tz, lang, signature, groups, utm, spacing = values
        self._show_logo()
        self.name.setText(name)
        self._set_color(color)
        with QSignalBlocker(self.timezone):
            self.timezone.setCurrentText(tz)
        self.language.setCurrentIndex(max(self.language.findData(lang), 0))
        self.signature.setPlainText(signature)
        self.hashtags.setPlainText(format_groups(groups))
        self.utm.setText(utm)
        self.spacing.setValue(spacing)
        self.ui_language.setCurrentIndex(max(self.ui_language.findData(self.studio.settings.value("ui/language",
                                                                                                   "system")), 0))
        self.ui_theme.setCurrentIndex(max(self.ui_theme.findData(self.studio.settings.value("ui/theme", "system")),
                                          0))
        self.message.clear()

    def _set_color(self, color: str) -> None:
        self.color.setText(color)
        self.color.setProperty("value", color)
        self.color.setStyleSheet(f"QPushButton {{ border-left: 18px solid {color}; padding: 4px 10px; }}")

    def _show_logo(self) -> None:
        from PySide6.QtGui import QPixmap

        with self.studio.session() as session:
            path = logo_path(self.studio.workspace(session), self.studio.db.media_dir)
        pixmap = QPixmap(str(path)) if path else QPixmap()
        if pixmap.isNull():
            self.logo_preview.setText("—")
            self.logo_preview.setPixmap(QPixmap())
        else:
            self.logo_preview.setPixmap(pixmap.scaled(48, 48, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))

    def _pick_logo(self) -> None:
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Workspace logo"), "", self.tr("Images (*.png *.jpg *.jpeg *.webp *.heic *.gif)"))
        if name:
            self.set_logo(Path(name))

    def set_logo(self, path) -> bool:  # noqa: ANN001 - a pathlib.Path
        try:
            with self.studio.session() as session:
                set_workspace_logo(session, self.studio.workspace_id, self.studio.db.media_dir, path)
        except UserError as exc:
            self.message.setText(str(exc))
            return False
        self._show_logo()
        self.studio.notify({WORKSPACES})
        return True

    def _pick_color(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color.property("value")), self, self.tr("Workspace colour"))
        if chosen.isValid():
            self._set_color(chosen.name())

    def _theme_chosen(self, _index: int) -> None:
        from PySide6.QtWidgets import QApplication

        from cmstudio.ui.theme import apply_theme, follow_system, stop_following_system

        value = self.ui_theme.currentData()
        self.studio.settings.setValue("ui/theme", value)
        app = QApplication.instance()
        apply_theme(app, value)  # type: ignore[arg-type]
        if value == "system":
            follow_system(app)  # type: ignore[arg-type]
        else:
            stop_following_system(app)  # type: ignore[arg-type]

    def save_workspace(self) -> bool:
        try:
            groups = parse_groups(self.hashtags.toPlainText())
            with self.studio.session() as session:
                update_workspace(
                    session, self.studio.workspace_id, name=self.name.text(), color=self.color.property("value"),
                    timezone=self.timezone.currentText().strip(), language=self.language.currentData(),
                    signature=self.signature.toPlainText(), hashtag_groups=groups, utm_template=self.utm.text(),
                    spacing_minutes=self.spacing.value(),
                )
        except UserError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(self.tr("Saved."))
        self.studio.notify({WORKSPACES})
        return True

    def archive_current(self) -> None:
        with self.studio.session() as session:
            archive_workspace(session, self.studio.workspace_id)
            from cmstudio.core.workspaces import default_workspace

            other = default_workspace(session)
            other_id = other.id if other else 0
        self.studio.notify({WORKSPACES})
        if other_id:
            self.studio.switch_workspace(other_id)


def format_groups(groups: dict[str, list[str]]) -> str:
    return "\n".join(f"{name}: {' '.join(tags)}" for name, tags in groups.items())


def parse_groups(text: str) -> dict[str, list[str]]:
    """`Name: #a #b` per line; hashtags get their # if it was forgotten."""
    groups: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if ":" not in line:
            raise UserError(f"Line {number} of the hashtag groups needs a name, a colon, then hashtags.")
        name, tags = line.split(":", 1)
        groups[name.strip()] = [t if t.startswith("#") else f"#{t}" for t in tags.split()]
    json.dumps(groups)
    return groups
