"""Side panels of the calendar: the backlog to drag from, the posting queue, the repeat dialog."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from cmstudio.calendar import style
from cmstudio.calendar.models import BacklogModel, EntryRole
from cmstudio.core.agenda import BacklogItem
from cmstudio.core.agenda_services import QueueSlotView
from cmstudio.core.recurrence import Recurrence


class BacklogDelegate(QStyledItemDelegate):
    """Two lines: the title, then the network (or kind) and status in a quieter colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, 46)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        item: BacklogItem = index.data(EntryRole)
        palette = option.palette
        painter.save()
        rect = option.rect.adjusted(6, 3, -6, -3)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
            highlight.setAlpha(50)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRoundedRect(rect, 6, 6)
        family = style.network_family(item.network)
        color = QColor(style.NETWORK_COLORS.get(family, style.KIND_COLORS["article"]))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(QRect(rect.left() + 6, rect.top() + 6, 16, 16))
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.62))
        small.setBold(True)
        painter.setFont(small)
        painter.setPen(QColor("#ffffff"))
        letter = style.NETWORK_LETTERS.get(family, "¶") if item.network else "¶"
        painter.drawText(QRect(rect.left() + 6, rect.top() + 6, 16, 16), Qt.AlignmentFlag.AlignCenter, letter)
        text_rect = rect.adjusted(30, 3, -4, 0)
        painter.setFont(option.font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        metrics = painter.fontMetrics()
        painter.drawText(
            text_rect.adjusted(0, 0, 0, -text_rect.height() // 2),
            Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(item.title, Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        kind = style.network_name(item.network) if item.network else style.kind_label(item.ref.kind)
        painter.drawText(
            text_rect.adjusted(0, text_rect.height() // 2, 0, 0),
            Qt.AlignmentFlag.AlignLeft,
            f"{kind} · {style.status_label(item.status)}",
        )
        painter.restore()


class BacklogPanel(QWidget):
    """Unscheduled articles and posts; drag one onto a day or a slot to schedule it."""

    queueRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarBacklog")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 4, 4)
        layout.setSpacing(8)
        title = QLabel(self.tr("Unscheduled"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(self.tr("Drag onto the calendar to schedule."), self)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.model = BacklogModel(self)
        self.list = QListView(self)
        self.list.setObjectName("calendarBacklogList")
        self.list.setAccessibleName(self.tr("Unscheduled articles and posts"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(BacklogDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.queue_button = QPushButton(self.tr("Add to queue"), self)
        self.queue_button.setObjectName("calendarAddToQueue")
        self.queue_button.setToolTip(self.tr("Put the selected post in the next free slot of its account"))
        self.queue_button.clicked.connect(self.queueRequested)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.queue_button)

    def selected_items(self) -> list[BacklogItem]:
        return [self.model.items[i.row()] for i in self.list.selectionModel().selectedRows()]


class QueuePanel(QWidget):
    """The posting queue of one account: its coming slots, filled or free."""

    accountChanged = Signal(int)
    editSlotsRequested = Signal(int)  # an account id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarQueue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        row = QHBoxLayout()
        label = QLabel(self.tr("Account:"), self)
        self.accounts = QComboBox(self)
        self.accounts.setObjectName("calendarQueueAccount")
        self.accounts.setAccessibleName(self.tr("Account whose queue is shown"))
        self.accounts.setMinimumWidth(240)
        label.setBuddy(self.accounts)
        self.summary = QLabel(self)
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.edit_button = QPushButton(self.tr("Edit posting slots…"), self)
        self.edit_button.setObjectName("calendarQueueEditSlots")
        self.edit_button.setToolTip(self.tr("Choose the days and times this account posts from its queue"))
        row.addWidget(label)
        row.addWidget(self.accounts)
        row.addSpacing(12)
        row.addWidget(self.summary, 1)
        row.addWidget(self.edit_button)
        self.list = QListWidget(self)
        self.list.setObjectName("calendarQueueList")
        self.list.setAccessibleName(self.tr("Queue slots"))
        self.list.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        self.accounts.activated.connect(lambda _i: self.accountChanged.emit(self.account_id()))
        self.edit_button.clicked.connect(lambda: self.editSlotsRequested.emit(self.account_id()))

    def account_id(self) -> int:
        return int(self.accounts.currentData() or 0)

    def set_accounts(self, accounts: list[tuple[int, str]]) -> None:
        current = self.account_id()
        self.accounts.clear()
        for account_id, label in accounts:
            self.accounts.addItem(label, account_id)
        index = self.accounts.findData(current)
        self.accounts.setCurrentIndex(max(0, index))
        self.edit_button.setEnabled(bool(accounts))

    def set_slots(self, slots: list[QueueSlotView], zone_name: str, has_schedule: bool) -> None:
        self.list.clear()
        locale = QLocale()
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        free = 0
        for slot in slots:
            when = style.local_qdatetime(slot.at, zone_name)
            stamp = (
                f"{locale.toString(when.date(), 'ddd d MMM')} · "
                f"{locale.toString(when.time(), QLocale.FormatType.ShortFormat)}"
            )
            if slot.entry is None:
                free += 1
                item = QListWidgetItem(f"{stamp}    {self.tr('Free slot')}")
                item.setForeground(muted)
            else:
                mark = "" if slot.entry.status != "published" else " ✓"
                item = QListWidgetItem(f"{stamp}    {slot.entry.title}{mark}")
                item.setToolTip(style.tooltip(slot.entry, zone_name))
            self.list.addItem(item)
        if not has_schedule:
            self.summary.setText(self.tr("This account has no posting slots yet."))
        else:
            self.summary.setText(self.tr("%1 free slots in the next two weeks").replace("%1", str(free)))


class RecurrenceDialog(QDialog):
    """Repeat a post every N days, weeks or months, until a date or a number of times."""

    def __init__(self, first: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarRecurrenceDialog")
        self.setWindowTitle(self.tr("Repeat post"))
        form = QFormLayout(self)
        self.freq = QComboBox(self)
        for key, label in (
            ("daily", self.tr("days")),
            ("weekly", self.tr("weeks")),
            ("monthly", self.tr("months")),
        ):
            self.freq.addItem(label, key)
        self.freq.setCurrentIndex(1)
        self.interval = QSpinBox(self)
        self.interval.setRange(1, 52)
        every = QHBoxLayout()
        every.addWidget(self.interval)
        every.addWidget(self.freq)
        form.addRow(self.tr("Every"), every)
        self.by_count = QRadioButton(self.tr("Number of times"), self)
        self.by_count.setChecked(True)
        self.count = QSpinBox(self)
        self.count.setRange(2, 120)
        self.count.setValue(4)
        self.by_until = QRadioButton(self.tr("Until"), self)
        self.until = QDateEdit(QDate(first.year, first.month, first.day).addMonths(1), self)
        self.until.setCalendarPopup(True)
        form.addRow(self.by_count, self.count)
        form.addRow(self.by_until, self.until)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def rule(self) -> Recurrence:
        until = self.until.date().toPython() if self.by_until.isChecked() else None
        count = self.count.value() if self.by_count.isChecked() else None
        return Recurrence(
            freq=self.freq.currentData(), interval=self.interval.value(), until=until, count=count
        )


def now_local(zone_name: str) -> datetime:
    from cmstudio.core.timezones import to_local

    return to_local(datetime.now().astimezone(), zone_name).replace(tzinfo=None)
