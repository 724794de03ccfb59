"""Translated names shared by several sections (one place, one translation context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def status_label(status: str) -> str:
    """The name of an article's, post's or phase's status, in the UI language."""
    return {
        "idea": QCoreApplication.translate("Status", "Idea"),
        "draft": QCoreApplication.translate("Status", "Draft"),
        "ready": QCoreApplication.translate("Status", "Ready"),
        "scheduled": QCoreApplication.translate("Status", "Scheduled"),
        "published": QCoreApplication.translate("Status", "Published"),
        "failed": QCoreApplication.translate("Status", "Failed"),
    }.get(status, status)
