"""The Articles section: list of articles, Markdown editor, preview and metadata."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cmstudio.ui.studio import Studio


class ArticlesView(QWidget):
    """Placeholder while the full editor is being assembled."""

    def __init__(self, studio: Studio, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.studio = studio
        self.setObjectName("articlesView")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Articles"), self))
