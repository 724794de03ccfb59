"""The calendar's top bar: navigation, period title, view switch, filters and the actions menu."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from cmstudio.calendar import style
from cmstudio.core.calendar_types import KINDS, STATUSES

MODES = ("month", "week", "agenda", "queue")
FILTER_FIELDS = ("kind", "status", "network", "account", "campaign")


class CalendarToolbar(QWidget):
    """Buttons only: it says what the user asked for; the view does it."""

    todayRequested = Signal()
    stepRequested = Signal(int)
    dateChosen = Signal(object)  # a date
    modeChosen = Signal(str)
    agendaSpanChosen = Signal(str)  # "month" or "year"
    filtersChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarToolbar")
        self.hidden: dict[str, set[str]] = {f: set() for f in FILTER_FIELDS}
        self.choices: dict[str, list[tuple[str, str]]] = {f: [] for f in FILTER_FIELDS}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(6)
        self.today_button = QPushButton(self.tr("Today"), self)
        self.today_button.setObjectName("calendarToday")
        self.today_button.setToolTip(self.tr("Go to today (Ctrl+T)"))
        self.prev_button = QToolButton(self)
        self.prev_button.setObjectName("calendarPrevious")
        self.prev_button.setText("‹")
        self.prev_button.setToolTip(self.tr("Previous period (Page Up)"))
        self.prev_button.setAccessibleName(self.tr("Previous period"))
        self.next_button = QToolButton(self)
        self.next_button.setObjectName("calendarNext")
        self.next_button.setText("›")
        self.next_button.setToolTip(self.tr("Next period (Page Down)"))
        self.next_button.setAccessibleName(self.tr("Next period"))
        for button in (self.prev_button, self.next_button):
            button.setAutoRaise(True)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.5)
            button.setFont(font)
        self.title = QLabel(self)
        self.title.setObjectName("calendarPeriodTitle")
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.45)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("calendarDatePicker")
        self.date_edit.setAccessibleName(self.tr("Go to date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.span_box = QComboBox(self)
        self.span_box.setObjectName("calendarAgendaSpan")
        self.span_box.setAccessibleName(self.tr("Agenda period"))
        self.span_box.addItem(self.tr("One month"), "month")
        self.span_box.addItem(self.tr("Whole year"), "year")
        self.span_box.setVisible(False)
        self.conflict_label = QLabel(self)
        self.conflict_label.setObjectName("calendarConflicts")
        self.conflict_label.setStyleSheet("color: #d98200;")
        layout.addWidget(self.today_button)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(8)
        layout.addWidget(self.title)
        layout.addSpacing(12)
        layout.addWidget(self.conflict_label)
        layout.addStretch(1)
        layout.addWidget(self.span_box)
        layout.addWidget(self.date_edit)
        layout.addSpacing(8)
        self.mode_buttons = QButtonGroup(self)
        labels = {
            "month": self.tr("Month"),
            "week": self.tr("Week"),
            "agenda": self.tr("Agenda"),
            "queue": self.tr("Queue"),
        }
        for number, mode in enumerate(MODES):
            button = QPushButton(labels[mode], self)
            button.setObjectName(f"calendarMode_{mode}")
            button.setCheckable(True)
            button.setToolTip(f"{labels[mode]} (Alt+{number + 1})")
            button.setShortcut(QKeySequence(f"Alt+{number + 1}"))
            self.mode_buttons.addButton(button, number)
            layout.addWidget(button)
        self.mode_buttons.button(0).setChecked(True)
        layout.addSpacing(8)
        self.filter_button = QToolButton(self)
        self.filter_button.setObjectName("calendarFilters")
        self.filter_button.setText(self.tr("Filters"))
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.filter_menu = QMenu(self.filter_button)
        self.filter_button.setMenu(self.filter_menu)
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("calendarMore")
        self.more_button.setText("⋯")
        self.more_button.setAccessibleName(self.tr("More calendar actions"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        layout.addWidget(self.filter_button)
        layout.addWidget(self.more_button)
        self._connect()

    def _connect(self) -> None:
        self.today_button.clicked.connect(self.todayRequested)
        self.prev_button.clicked.connect(lambda: self.stepRequested.emit(-1))
        self.next_button.clicked.connect(lambda: self.stepRequested.emit(1))
        self.date_edit.dateChanged.connect(lambda d: self.dateChosen.emit(d.toPython()))
        self.mode_buttons.idClicked.connect(lambda n: self.modeChosen.emit(MODES[n]))
        self.span_box.activated.connect(lambda _i: self.agendaSpanChosen.emit(self.span_box.currentData()))

    def set_mode(self, mode: str) -> None:
        self.mode_buttons.button(MODES.index(mode)).setChecked(True)
        self.span_box.setVisible(mode == "agenda")

    def set_agenda_span(self, span: str) -> None:
        self.span_box.setCurrentIndex(max(0, self.span_box.findData(span)))

    def set_date(self, day) -> None:
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)

    # -- filters ----------------------------------------------------------------------------
    def set_filter_choices(
        self, networks: list[str], accounts: list[tuple[str, str]], campaigns: list[str]
    ) -> None:
        self.choices = {
            "kind": [(k, style.kind_label(k)) for k in KINDS],
            "status": [(s, style.status_label(s)) for s in STATUSES],
            "network": [(n, style.network_name(n)) for n in networks],
            "account": accounts,
            "campaign": [(c, c) for c in campaigns] + [("", self.tr("No campaign"))],
        }
        self._build_filter_menu()

    def _build_filter_menu(self) -> None:
        self.filter_menu.clear()
        titles = {
            "kind": self.tr("Kind"),
            "status": self.tr("Status"),
            "network": self.tr("Network"),
            "account": self.tr("Account"),
            "campaign": self.tr("Campaign"),
        }
        for field in FILTER_FIELDS:
            sub = self.filter_menu.addMenu(titles[field])
            sub.setObjectName(f"calendarFilter_{field}")
            for value, label in self.choices[field]:
                action = QAction(label, sub)
                action.setCheckable(True)
                action.setChecked(value not in self.hidden[field])
                action.toggled.connect(lambda on, f=field, v=value: self.toggle_filter(f, v, on))
                sub.addAction(action)
        self.filter_menu.addSeparator()
        reset = self.filter_menu.addAction(self.tr("Show everything"))
        reset.triggered.connect(self.reset_filters)
        self._update_filter_label()

    def toggle_filter(self, field: str, value: str, shown: bool) -> None:
        if shown:
            self.hidden[field].discard(value)
        else:
            self.hidden[field].add(value)
        self._update_filter_label()
        self.filtersChanged.emit()

    def reset_filters(self) -> None:
        self.hidden = {f: set() for f in FILTER_FIELDS}
        self._build_filter_menu()
        self.filtersChanged.emit()

    def allowed(self, field: str) -> set[str] | None:
        if not self.hidden[field]:
            return None
        return {value for value, _ in self.choices[field]} - self.hidden[field]

    def _update_filter_label(self) -> None:
        count = sum(1 for f in FILTER_FIELDS if self.hidden[f])
        self.filter_button.setText(
            self.tr("Filters") if not count else self.tr("Filters (%1)").replace("%1", str(count))
        )

    def make_checkable(self, text: str, checked: bool) -> QAction:
        action = QAction(text, self.more_menu)
        action.setCheckable(True)
        action.setChecked(checked)
        return action


__all__ = ["MODES", "CalendarToolbar", "QActionGroup", "Qt"]
