"""Translated names for article statuses and languages, shared by the list and the metadata panel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cmstudio.core.spell import available_languages

# Offered for articles: French and English always, then every other language the installed
# spell-check library has a dictionary for (es, de, it, pt, nl with pyspellchecker 0.9).
LANGUAGES = tuple(dict.fromkeys(("fr", "en", *available_languages())))


def status_label(status: str) -> str:
    return {
        "idea": QCoreApplication.translate("Articles", "Idea"),
        "draft": QCoreApplication.translate("Articles", "Draft"),
        "ready": QCoreApplication.translate("Articles", "Ready"),
        "scheduled": QCoreApplication.translate("Articles", "Scheduled"),
        "published": QCoreApplication.translate("Articles", "Published"),
    }.get(status, status)


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
