"""Translated names for article statuses and languages, shared by the list and the metadata panel."""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from cmstudio.ui.labels import status_label  # noqa: F401 - re-exported for this section

# Offered for articles: French and English always, then every other language the installed
# spell-check library has a dictionary for (es, de, it, pt, nl with pyspellchecker 0.9).
BASE_LANGUAGES = ("fr", "en")


@cache
def languages() -> tuple[str, ...]:
    """Every language offered for articles. Loads the spell-check library: the editor asks once
    its first view is on screen, and shows :data:`BASE_LANGUAGES` until then."""
    from cmstudio.core.spell import available_languages

    return tuple(dict.fromkeys((*BASE_LANGUAGES, *available_languages())))


def __getattr__(name: str) -> Any:
    if name == "LANGUAGES":
        return languages()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def add_languages(box: QComboBox, codes: tuple[str, ...]) -> None:
    """Add the languages ``box`` does not offer yet (data: the code), keeping its current choice and
    without signalling a change."""
    box.blockSignals(True)
    try:
        for code in codes:
            if box.findData(code) < 0:
                box.addItem(language_label(code), code)
    finally:
        box.blockSignals(False)




def language_label(code: str) -> str:
    return {
        "fr": QCoreApplication.translate("Articles", "French"),
        "en": QCoreApplication.translate("Articles", "English"),
        "es": QCoreApplication.translate("Articles", "Spanish"),
        "de": QCoreApplication.translate("Articles", "German"),
        "it": QCoreApplication.translate("Articles", "Italian"),
        "pt": QCoreApplication.translate("Articles", "Portuguese"),
        "nl": QCoreApplication.translate("Articles", "Dutch"),
    }.get(code, code)
