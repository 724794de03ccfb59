"""Dialogs that edit calendar settings: an account's weekly posting slots, the marketing-day list.

Both only edit plain data (``WeeklySlots``, the JSON list of marketing days) and check it with the
core's own validators before closing; storing it is the caller's job, through core services.
A problem is shown inside the dialog, which stays open so nothing typed is lost.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTime
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cmstudio.core.errors import UserError
from cmstudio.core.queue import Slot, WeeklySlots
from cmstudio.core.slug import slugify

FIXED = ""
"""The rule value of a marketing day on a fixed date."""


def weekday_name(weekday: int) -> str:
    """Monday is 0, as in :mod:`cmstudio.core.queue`; the name is the user's locale's."""
    name = QLocale().dayName(weekday + 1, QLocale.FormatType.LongFormat)
    return name[:1].upper() + name[1:]


class QueueSlotsDialog(QDialog):
    """The weekly posting slots of one account: a list of (weekday, time) to add to and remove from."""

    def __init__(self, account_label: str, slots: WeeklySlots, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarQueueSlotsDialog")
        self.setWindowTitle(self.tr("Posting slots"))
        self.setMinimumWidth(380)
        self._slots: set[Slot] = set(slots.slots)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(self.tr("Posts added to the queue of %1 take the next free slot.").replace("%1", account_label))
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("calendarQueueSlotsList")
        self.list.setAccessibleName(self.tr("Weekly posting slots"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.empty = QLabel(self.tr("No slot yet: add the days and times you usually post."), self)
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        row = QHBoxLayout()
        self.weekday = QComboBox(self)
        self.weekday.setObjectName("calendarQueueSlotsWeekday")
        self.weekday.setAccessibleName(self.tr("Day of the week"))
        for number in range(7):
            self.weekday.addItem(weekday_name(number), number)
        self.time = QTimeEdit(QTime(9, 0), self)
        self.time.setObjectName("calendarQueueSlotsTime")
        self.time.setAccessibleName(self.tr("Time of day"))
        self.time.setDisplayFormat("HH:mm")
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName("calendarQueueSlotsAdd")
        self.every_day_button = QPushButton(self.tr("Add on every day"), self)
        self.every_day_button.setObjectName("calendarQueueSlotsEveryDay")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("calendarQueueSlotsRemove")
        row.addWidget(self.weekday, 1)
        row.addWidget(self.time)
        row.addWidget(self.add_button)
        row.addWidget(self.every_day_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        footer = QHBoxLayout()
        footer.addWidget(self.remove_button)
        footer.addStretch(1)
        footer.addWidget(buttons)
        layout.addLayout(footer)
        self.add_button.clicked.connect(lambda: self.add(self.weekday.currentData(), self._chosen_time()))
        self.every_day_button.clicked.connect(self.add_every_day)
        self.remove_button.clicked.connect(self.remove_selected)
        self._show()

    def _chosen_time(self) -> time:
        return self.time.time().toPython().replace(second=0, microsecond=0)

    def add(self, weekday: int, at: time) -> None:
        self._slots.add(Slot(weekday, at))
        self._show()

    def add_every_day(self) -> None:
        at = self._chosen_time()
        self._slots.update(Slot(day, at) for day in range(7))
        self._show()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self._slots.discard(item.data(_SLOT_ROLE))
        self._show()

    def slots(self) -> WeeklySlots:
        return WeeklySlots(tuple(self._slots))

    def _show(self) -> None:
        self.list.clear()
        locale = QLocale()
        for slot in sorted(self._slots):
            at = locale.toString(QTime(slot.at.hour, slot.at.minute), QLocale.FormatType.ShortFormat)
            item = QListWidgetItem(f"{weekday_name(slot.weekday)} · {at}")
            item.setData(_SLOT_ROLE, slot)
            self.list.addItem(item)
        self.empty.setVisible(not self._slots)
        self.remove_button.setEnabled(bool(self._slots))


_SLOT_ROLE = Qt.ItemDataRole.UserRole + 1


def rule_labels() -> dict[str, str]:
    """How each date rule of :mod:`cmstudio.core.refdays` is named to the user."""
    tr = QCoreApplication.translate
    return {
        FIXED: tr("Calendar", "On a fixed date"),
        "easter": tr("Calendar", "Easter Sunday"),
        "mardi_gras": tr("Calendar", "Shrove Tuesday (47 days before Easter)"),
        "black_friday": tr("Calendar", "Black Friday (day after US Thanksgiving)"),
        "cyber_monday": tr("Calendar", "Cyber Monday (Monday after Black Friday)"),
        "mothers_day_fr": tr("Calendar", "Mother’s Day in France"),
        "fathers_day_fr": tr("Calendar", "Father’s Day in France (third Sunday of June)"),
        "grandmothers_day_fr": tr("Calendar", "Grandmothers’ Day in France (first Sunday of March)"),
        "winter_sales_fr": tr("Calendar", "Start of the French winter sales"),
        "summer_sales_fr": tr("Calendar", "Start of the French summer sales"),
    }


COLUMNS = ("fr", "en", "rule", "day", "month")


class MarketingDaysDialog(QDialog):
    """The workspace's marketing days: names in French and English, and a fixed date or a rule."""

    def __init__(self, days: list[dict[str, Any]], rules: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarMarketingDaysDialog")
        self.setWindowTitle(self.tr("Marketing days"))
        self.resize(820, 560)
        self.rules = [FIXED, *rules]
        self.restore_requested = False
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(
            self.tr(
                "Days worth planning for, shown on the calendar beside the public holidays. "
                "Each has a French and an English name, and falls on a fixed date or follows a rule."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("calendarMarketingDaysTable")
        self.table.setAccessibleName(self.tr("Marketing days"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("French name"), self.tr("English name"), self.tr("When"), self.tr("Day"), self.tr("Month")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.error = QLabel(self)
        self.error.setObjectName("calendarMarketingDaysError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d9534f;")
        self.error.hide()
        self.add_button = QPushButton(self.tr("Add a day"), self)
        self.add_button.setObjectName("calendarMarketingDaysAdd")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("calendarMarketingDaysRemove")
        self.defaults_button = QPushButton(self.tr("Restore the default list"), self)
        self.defaults_button.setObjectName("calendarMarketingDaysDefaults")
        self.defaults_button.setToolTip(self.tr("Forget this workspace’s changes and use the list shipped with CM Studio"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addWidget(self.remove_button)
        footer.addWidget(self.defaults_button)
        footer.addStretch(1)
        footer.addWidget(buttons)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(footer)
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self.remove_selected)
        self.defaults_button.clicked.connect(self._restore_clicked)
        for day in days:
            self.add_row(day)

    # -- rows ---------------------------------------------------------------------------------
    def add_row(self, day: dict[str, Any] | None = None) -> int:
        day = day or {}
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(str(day.get("fr", ""))))
        self.table.setItem(row, 1, QTableWidgetItem(str(day.get("en", ""))))
        labels = rule_labels()
        rule = QComboBox(self.table)
        for key in self.rules:
            rule.addItem(labels.get(key, key), key)
        rule.setCurrentIndex(max(0, rule.findData(day.get("rule") or FIXED)))
        day_box, month_box = QSpinBox(self.table), QSpinBox(self.table)
        day_box.setRange(1, 31)
        month_box.setRange(1, 12)
        day_box.setValue(int(day.get("day") or 1))
        month_box.setValue(int(day.get("month") or 1))
        month_box.setAccessibleName(self.tr("Month"))
        day_box.setAccessibleName(self.tr("Day"))
        self.table.setCellWidget(row, 2, rule)
        self.table.setCellWidget(row, 3, day_box)
        self.table.setCellWidget(row, 4, month_box)
        rule.currentIndexChanged.connect(lambda _i, r=rule, d=day_box, m=month_box: self._sync(r, d, m))
        self._sync(rule, day_box, month_box)
        rule.setProperty("dayId", str(day.get("id") or ""))
        return row

    @staticmethod
    def _sync(rule: QComboBox, day: QSpinBox, month: QSpinBox) -> None:
        fixed = rule.currentData() == FIXED
        day.setEnabled(fixed)
        month.setEnabled(fixed)

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _restore_clicked(self) -> None:
        self.restore_requested = True
        super().accept()

    # -- data ---------------------------------------------------------------------------------
    def data(self) -> list[dict[str, Any]]:
        """The rows as the JSON list :func:`cmstudio.core.refdays.parse_marketing_days` reads."""
        result: list[dict[str, Any]] = []
        taken: set[str] = set()
        for row in range(self.table.rowCount()):
            rule: QComboBox = self.table.cellWidget(row, 2)  # type: ignore[assignment]
            fr = (self.table.item(row, 0).text() if self.table.item(row, 0) else "").strip()
            en = (self.table.item(row, 1).text() if self.table.item(row, 1) else "").strip()
            ident = str(rule.property("dayId") or "") or slugify(en or fr) or f"day-{row + 1}"
            base, number = ident, 2
            while ident in taken:
                ident, number = f"{base}-{number}", number + 1
            taken.add(ident)
            item: dict[str, Any] = {"id": ident, "fr": fr, "en": en}
            if rule.currentData() == FIXED:
                item["day"] = self.table.cellWidget(row, 3).value()  # type: ignore[union-attr]
                item["month"] = self.table.cellWidget(row, 4).value()  # type: ignore[union-attr]
            else:
                item["rule"] = rule.currentData()
            result.append(item)
        return result

    def accept(self) -> None:
        """Close only on a list the calendar can use; otherwise say what is wrong, in the dialog."""
        from cmstudio.core.refdays import parse_marketing_days

        data = self.data()
        problem = self.problem(data)
        if problem is None:
            try:
                parse_marketing_days(data)
            except UserError as exc:
                problem = str(exc)
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        self.error.hide()
        super().accept()

    def problem(self, data: list[dict[str, Any]]) -> str | None:
        """The first thing that keeps the list from being saved, in the user's language."""
        for number, item in enumerate(data, start=1):
            if not item["fr"] or not item["en"]:
                return self.tr("Line %1: give the day both a French and an English name.").replace(
                    "%1", str(number)
                )
            if "rule" not in item:
                try:
                    date(2000, item["month"], item["day"])  # a leap year: 29 February is allowed
                except ValueError:
                    text = self.tr("Line %1: day %2 does not exist in month %3.")
                    return text.replace("%1", str(number)).replace("%2", str(item["day"])).replace(
                        "%3", str(item["month"])
                    )
        return None
