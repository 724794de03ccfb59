"""The main window's sections: key, label, shortcut and where the view lives (imported lazily)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from cmstudio.ui.studio import Studio


@dataclass(frozen=True)
class Section:
    key: str
    module: str
    cls: str
    shortcut: str

    def label(self) -> str:
        return {
            "articles": QCoreApplication.translate("Sections", "Articles"),
            "variants": QCoreApplication.translate("Sections", "Variants"),
            "calendar": QCoreApplication.translate("Sections", "Calendar"),
            "contests": QCoreApplication.translate("Sections", "Contests & events"),
            "publishing": QCoreApplication.translate("Sections", "Publishing"),
            "settings": QCoreApplication.translate("Sections", "Settings"),
        }[self.key]

    def create(self, studio: Studio, parent: QWidget | None = None) -> QWidget:
        view_class = getattr(importlib.import_module(self.module), self.cls)
        return view_class(studio, parent)


SECTIONS: tuple[Section, ...] = (
    Section("articles", "cmstudio.editor.articles_view", "ArticlesView", "Ctrl+1"),
    Section("variants", "cmstudio.variants.variants_view", "VariantsView", "Ctrl+2"),
    Section("calendar", "cmstudio.calendar.calendar_view", "CalendarView", "Ctrl+3"),
    Section("contests", "cmstudio.contests.contests_view", "ContestsView", "Ctrl+4"),
    Section("publishing", "cmstudio.ui.publishing_view", "PublishingView", "Ctrl+5"),
    Section("settings", "cmstudio.ui.settings_view", "SettingsView", "Ctrl+6"),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)


def section(key: str) -> Section:
    for item in SECTIONS:
        if item.key == key:
            return item
    raise KeyError(key)
