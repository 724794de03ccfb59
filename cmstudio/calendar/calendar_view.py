"""The editorial calendar section (placeholder while the full view is being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cmstudio.ui.studio import Studio


class CalendarView(QWidget):
    """Month, week and agenda views of everything scheduled in the workspace."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarView")
        self.studio = studio
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Calendar"), self))
