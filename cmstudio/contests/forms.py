"""Small form pieces shared by the contest and event editors: zoned date-times, networks, prizes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.networks import all_profiles

COMMON_ZONES = (
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Zurich",
    "Europe/Luxembourg",
    "Europe/London",
    "America/Montreal",
    "America/Toronto",
    "America/New_York",
    "Africa/Casablanca",
    "Africa/Dakar",
    "Africa/Abidjan",
    "Indian/Reunion",
    "America/Martinique",
    "Pacific/Tahiti",
    "UTC",
)


def to_qdatetime(moment: datetime, tz: str) -> QDateTime:
    """An aware instant as a QDateTime shown on the wall clock of *tz*."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone(tz.encode()))


def from_qdatetime(value: QDateTime) -> datetime:
    """The aware UTC instant of a QDateTime (whatever zone it is shown in)."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


def format_moment(
    moment: datetime | None, tz: str, fmt: QLocale.FormatType = QLocale.FormatType.ShortFormat
) -> str:
    """A date and time for people, in the UI locale and the contest's zone."""
    if moment is None:
        return ""
    return QLocale().toString(to_qdatetime(moment, tz), fmt)


def heading(text: str, parent: QWidget, size_delta: float = 1.0) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() + size_delta)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def hint(text: str, parent: QWidget) -> QLabel:
    """A muted explanatory line under a field or section."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(label.foregroundRole())
    label.setEnabled(False)
    return label


def mono_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class ZonedDateTimeEdit(QDateTimeEdit):
    """A date-time editor showing the wall clock of an IANA zone, read back as aware UTC."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self._tz = "UTC"
        fmt = QLocale().dateTimeFormat(QLocale.FormatType.ShortFormat)
        self.setDisplayFormat(fmt.replace("yy", "yyyy") if "yyyy" not in fmt else fmt)

    def set_moment(self, moment: datetime, tz: str) -> None:
        self._tz = tz
        self.setTimeZone(QTimeZone(tz.encode()))
        self.setDateTime(to_qdatetime(moment, tz))

    def set_zone(self, tz: str) -> None:
        """Keep the wall-clock value and reinterpret it in *tz* (the user changed the zone)."""
        local = self.dateTime()
        self._tz = tz
        self.setTimeZone(QTimeZone(tz.encode()))
        self.setDateTime(QDateTime(local.date(), local.time(), QTimeZone(tz.encode())))

    def moment(self) -> datetime:
        return from_qdatetime(self.dateTime())


class NetworkChecks(QWidget):
    """One checkbox per network profile, in a compact grid."""

    def __init__(self, parent: QWidget | None = None, columns: int = 3) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        self.boxes: dict[str, QCheckBox] = {}
        for index, profile in enumerate(all_profiles()):
            box = QCheckBox(profile.display_name, self)
            box.setObjectName(f"network_{profile.id}")
            self.boxes[profile.id] = box
            grid.addWidget(box, index // columns, index % columns)

    def set_selected(self, networks: list[str]) -> None:
        for network, box in self.boxes.items():
            box.setChecked(network in networks)

    def selected(self) -> list[str]:
        return [network for network, box in self.boxes.items() if box.isChecked()]


class PrizesTable(QWidget):
    """Prizes as rows of name, value and quantity, with add and remove buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("prizesTable")
        self.table.setAccessibleName(self.tr("Prizes"))
        self.table.setHorizontalHeaderLabels([self.tr("Prize"), self.tr("Value (€)"), self.tr("Quantity")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(96)
        self.table.setMaximumHeight(150)
        add = QPushButton(self.tr("Add prize"), self)
        add.setObjectName("addPrize")
        remove = QPushButton(self.tr("Remove"), self)
        remove.setObjectName("removePrize")
        add.clicked.connect(lambda: self.add_row({"name": "", "value": None, "quantity": 1}, edit=True))
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, prize: dict[str, Any], edit: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        value = prize.get("value")
        texts = [
            str(prize.get("name", "")),
            "" if value in (None, "") else QLocale().toString(float(value), "f", 2),
            str(prize.get("quantity") or 1),
        ]
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))

    def _remove(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def set_prizes(self, prizes: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        for prize in prizes:
            self.add_row(prize)

    def prizes(self) -> list[dict[str, Any]]:
        """The rows with a name; values read with the UI locale ("12,50" or "12.50")."""
        out = []
        locale = QLocale()
        for row in range(self.table.rowCount()):
            cells = [
                self.table.item(row, c).text().strip() if self.table.item(row, c) else "" for c in range(3)
            ]
            if not cells[0]:
                continue
            value, ok = locale.toDouble(cells[1].replace(" ", "").replace("\u202f", ""))
            if not ok:
                try:
                    value, ok = float(cells[1].replace(",", ".")), True
                except ValueError:
                    ok = False
            quantity = int(cells[2]) if cells[2].isdigit() and int(cells[2]) > 0 else 1
            out.append({"name": cells[0], "value": value if ok and cells[1] else None, "quantity": quantity})
        return out
