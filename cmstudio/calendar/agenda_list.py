"""The agenda view: the period's items as a list with columns, a month or a whole year at once.

A year of a busy workspace is over 10,000 rows, so the list is a table view with one fixed row
height (it never measures rows) over :class:`~cmstudio.calendar.models.EntriesModel`, which
formats a row only when it is painted. A tree view would ask the model about every row on each
reset to find out whether it has children.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

from cmstudio.calendar.models import EntriesModel

COLUMN_WIDTHS = ((0, 150), (1, 80), (2, 150), (4, 110))


class AgendaList(QTableView):
    """Rows drag like the grid's chips do; double-click and keyboard selection as in any list."""

    def __init__(self, model: EntriesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarAgendaList")
        self.setAccessibleName(self.tr("Agenda list"))
        self.setModel(model)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS:
            self.setColumnWidth(column, width)

    def header(self) -> QHeaderView:
        """The column header (named as on a tree view, which this list replaced)."""
        return self.horizontalHeader()
