"""The Variants section: one post per network from an article (placeholder while being built)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class VariantsView(QWidget):
    """Composer of per-network variants for an article."""

    def __init__(self, studio: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("variantsView")
        self.studio = studio
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Variants")))
