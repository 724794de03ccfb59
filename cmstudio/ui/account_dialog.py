"""The account form, generated from a connector's settings schema (secret fields as password fields).

Secrets typed here go to the secret store (OS keyring) when the dialog is accepted; when editing,
a secret field left empty keeps the stored value, and stored secrets are never shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.i18n import language
from cmstudio.publish.connector import ConnectorInfo, SettingField


class AccountDialog(QDialog):
    """Add an account (choose the connector) or edit one (connector fixed)."""

    def __init__(self, connectors: list[ConnectorInfo], parent: QWidget | None = None, *,
                 account: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.connectors = {c.id: c for c in connectors}
        self.editing = account
        self.setWindowTitle(self.tr("Edit account") if account else self.tr("Add an account"))
        self.setMinimumWidth(480)
        self.lang = language()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(12)
        top = QFormLayout()
        self.connector = QComboBox(self)
        self.connector.setObjectName("accountConnector")
        self.connector.setAccessibleName(self.tr("Connector"))
        for info in connectors:
            self.connector.addItem(info.name, info.id)
        self.name = QLineEdit(self)
        self.name.setObjectName("accountName")
        self.name.setAccessibleName(self.tr("Account name"))
        self.name.setPlaceholderText(self.tr("e.g. Brasserie on Mastodon"))
        top.addRow(self.tr("Connector"), self.connector)
        top.addRow(self.tr("Name"), self.name)
        layout.addLayout(top)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setEnabled(False)
        layout.addWidget(self.description)
        self.fields_host = QWidget(self)
        self.form = QFormLayout(self.fields_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fields_host)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        layout.addWidget(self.buttons)
        self.widgets: dict[str, QWidget] = {}
        if account:
            index = self.connector.findData(account["connector"])
            self.connector.setCurrentIndex(max(0, index))
            self.connector.setEnabled(False)
            self.name.setText(account["name"])
        self._connect()
        self._build_fields()

    def _connect(self) -> None:
        self.connector.currentIndexChanged.connect(lambda _i: self._build_fields())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def info(self) -> ConnectorInfo:
        return self.connectors[str(self.connector.currentData())]

    def _build_fields(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.widgets.clear()
        info = self.info
        self.description.setText(info.description_fr if self.lang == "fr" else info.description_en)
        current = (self.editing or {}).get("settings", {}) if self.editing else {}
        for field in info.settings_schema:
            widget = self._widget(field, current.get(field.key))
            widget.setObjectName(f"setting_{field.key}")
            widget.setAccessibleName(field.label(self.lang))
            if field.help(self.lang):
                widget.setToolTip(field.help(self.lang))
            label = field.label(self.lang) + (" *" if field.required else "")
            self.form.addRow(label, widget)
            self.widgets[field.key] = widget

    def _widget(self, field: SettingField, value: Any) -> QWidget:
        if field.kind == "choice":
            box = QComboBox(self.fields_host)
            box.addItems(list(field.choices))
            chosen = value if value is not None else field.default
            if chosen in field.choices:
                box.setCurrentText(str(chosen))
            return box
        if field.kind == "bool":
            check = QCheckBox(self.fields_host)
            check.setChecked(bool(value if value is not None else field.default))
            return check
        edit = QLineEdit(self.fields_host)
        if field.secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(self.tr("Stored in the system keyring — leave empty to keep it")
                                    if self.editing else self.tr("Stored in the system keyring"))
        else:
            edit.setText("" if value is None else str(value))
            if field.help(self.lang):
                edit.setPlaceholderText(field.help(self.lang))
            elif isinstance(field.default, str):
                edit.setPlaceholderText(field.default)
        return edit

    def values(self) -> tuple[str, str, dict[str, Any], dict[str, str]]:
        """(connector id, name, settings, secrets) as typed."""
        settings: dict[str, Any] = {}
        secrets: dict[str, str] = {}
        for field in self.info.settings_schema:
            widget = self.widgets[field.key]
            if isinstance(widget, QComboBox):
                value: Any = widget.currentText()
            elif isinstance(widget, QCheckBox):
                value = widget.isChecked()
            else:
                value = widget.text().strip()  # type: ignore[attr-defined]
            if field.secret:
                if value:
                    secrets[field.key] = str(value)
            elif value not in ("", None):
                settings[field.key] = value
        return self.info.id, self.name.text().strip(), settings, secrets
