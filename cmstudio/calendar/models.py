"""Qt models of the calendar: the period's cells (drop targets), the agenda list and the backlog.

Drag and drop goes through the models so it can be tested without a mouse: a source model's
``mimeData(indexes)`` gives the ids, the grid model's ``canDropMimeData`` / ``dropMimeData`` on a
cell index turns them into a drop request handled by the calendar view (plan, confirm, undo).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from cmstudio.calendar import style
from cmstudio.calendar.mime import make_mime, refs_from_mime
from cmstudio.core.agenda import MIME_TYPE, BacklogItem, ItemRef, ref_of
from cmstudio.core.agenda_rows import AgendaRow

EntryRole = Qt.ItemDataRole.UserRole + 1
EntriesRole = Qt.ItemDataRole.UserRole + 2
TargetRole = Qt.ItemDataRole.UserRole + 3
RefRole = Qt.ItemDataRole.UserRole + 4

SLOT_MINUTES = 15
SLOTS_PER_DAY = 24 * 60 // SLOT_MINUTES
DropHandler = Callable[[list[ItemRef], "date | datetime", bool], bool]
Index = QModelIndex | QPersistentModelIndex


def movable(entry: AgendaRow) -> bool:
    return not entry.read_only and entry.status != "published" and ref_of(entry) is not None


class CalendarGridModel(QAbstractTableModel):
    """The cells of the shown period: 6 × 7 days (month) or 96 quarter-hours × 7 days (week)."""

    def __init__(self, mode: str, parent=None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.days: list[date] = []
        self.buckets: dict[date, list[AgendaRow]] = {}
        self.zone_name = "UTC"
        self.handler: DropHandler | None = None

    def set_period(self, days: list[date], buckets: dict[date, list[AgendaRow]], zone_name: str) -> None:
        self.beginResetModel()
        self.days, self.buckets, self.zone_name = list(days), buckets, zone_name
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        if parent.isValid() or not self.days:
            return 0
        return len(self.days) // 7 if self.mode == "month" else SLOTS_PER_DAY

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.days else 7

    def day_at(self, row: int, column: int) -> date:
        return self.days[row * 7 + column] if self.mode == "month" else self.days[column]

    def target(self, index: Index) -> date | datetime:
        """A month cell is a day (items keep their time); a week cell is a naive local date-time."""
        day = self.day_at(index.row(), index.column())
        if self.mode == "month":
            return day
        return datetime.combine(day, time()) + timedelta(minutes=SLOT_MINUTES * index.row())

    def index_for(self, target: date | datetime) -> QModelIndex:
        if isinstance(target, datetime):
            column = self.days.index(target.date())
            return self.index((target.hour * 60 + target.minute) // SLOT_MINUTES, column)
        position = self.days.index(target)
        return self.index(position // 7, position % 7) if self.mode == "month" else self.index(0, position)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        day = self.day_at(index.row(), index.column())
        if role == TargetRole:
            return self.target(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day) if self.mode == "month" else None
        if role == EntriesRole:
            entries = self.buckets.get(day, [])
            if self.mode == "month":
                return entries
            slot_start = self.target(index)
            return [
                e
                for e in entries
                if not e.all_day and e.end is None and _slot_of(e, self.zone_name) == slot_start
            ]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return False
        return parent.isValid() and bool(refs_from_mime(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent) or self.handler is None:
            return False
        return self.handler(refs_from_mime(data), self.target(parent), action == Qt.DropAction.CopyAction)


def _slot_of(entry: AgendaRow, zone_name: str) -> datetime:
    from cmstudio.core.timezones import snap_to_slot, to_local

    local = to_local(entry.start, zone_name).replace(tzinfo=None)
    return snap_to_slot(local, SLOT_MINUTES, "floor")


class EntriesModel(QAbstractTableModel):
    """The agenda list: one row per item, in time order; rows drag like chips do."""

    COLUMNS = ("date", "time", "type", "title", "status")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[AgendaRow] = []
        self.zone_name = "UTC"
        self.conflicts: set[str] = set()

    def set_entries(self, entries: Sequence[AgendaRow], zone_name: str, conflicts: set[str]) -> None:
        self.beginResetModel()
        self.entries, self.zone_name, self.conflicts = list(entries), zone_name, conflicts
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = (self.tr("Date"), self.tr("Time"), self.tr("Type"), self.tr("Title"), self.tr("Status"))
        return labels[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = self.COLUMNS[index.column()]
        if role == EntryRole:
            return entry
        if role == RefRole:
            return ref_of(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return style.tooltip(entry, self.zone_name, entry.id in self.conflicts and entry.kind == "post")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "date":
            from PySide6.QtCore import QLocale

            day = (
                entry.start.date()
                if entry.all_day
                else style.local_qdatetime(entry.start, self.zone_name).date()
            )
            return QLocale().toString(day, "ddd d MMM yyyy")
        if column == "time":
            return style.time_text(entry, self.zone_name) or self.tr("All day")
        if column == "type":
            return style.network_name(entry.network) if entry.network else style.kind_label(entry.kind)
        if column == "title":
            warn = "⚠ " if entry.id in self.conflicts and entry.kind == "post" else ""
            return warn + entry.title
        return "" if entry.kind == "reference" else style.status_label(entry.status)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and movable(self.entries[index.row()]):
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[Index]) -> QMimeData:
        refs: list[ItemRef] = []
        for index in indexes:
            ref = ref_of(self.entries[index.row()])
            if ref is not None and ref not in refs:
                refs.append(ref)
        return make_mime(refs)


class BacklogModel(QAbstractListModel):
    """Unscheduled articles and posts, ready to be dragged onto a day or a slot."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list[BacklogItem] = []

    def set_items(self, items: Sequence[BacklogItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == RefRole:
            return item.ref
        if role == EntryRole:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = style.network_name(item.network) if item.network else style.kind_label(item.ref.kind)
            return f"{kind} · {style.status_label(item.status)}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[Index]) -> QMimeData:
        refs: list[ItemRef] = []
        for index in indexes:
            ref = self.items[index.row()].ref
            if ref not in refs:
                refs.append(ref)
        return make_mime(refs)
