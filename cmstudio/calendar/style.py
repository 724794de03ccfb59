"""How calendar items look: network colours and badges, kind glyphs, status labels."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone
from PySide6.QtGui import QColor, QPalette

from cmstudio.core.calendar_types import CalendarEntry
from cmstudio.ui.labels import status_label  # noqa: F401 - re-exported for this section

# Brand colours as published in each network's brand/press kit, softened for small chips.
NETWORK_COLORS = {
    "x": "#444b55",
    "bluesky": "#1185fe",
    "mastodon": "#6364ff",
    "threads": "#5b5b5b",
    "linkedin": "#0a66c2",
    "facebook": "#1877f2",
    "instagram": "#e1306c",
    "pinterest": "#e60023",
    "telegram": "#26a5e4",
    "discord": "#5865f2",
}
NETWORK_LETTERS = {
    "x": "X",
    "bluesky": "B",
    "mastodon": "M",
    "threads": "@",
    "linkedin": "in",
    "facebook": "f",
    "instagram": "IG",
    "pinterest": "P",
    "telegram": "T",
    "discord": "D",
}
KIND_GLYPHS = {"article": "¶", "post": "•", "phase": "◆", "event": "★", "reference": "○"}
KIND_COLORS = {"article": "#8e6c3a", "phase": "#b3541e", "event": "#7b4fb3", "reference": "#7d8590"}


def network_family(network: str | None) -> str:
    """``instagram_feed`` and ``telegram_message`` share their network's colour and badge."""
    if not network:
        return ""
    return network.split("_", 1)[0].lower()


def network_name(network: str | None) -> str:
    if not network:
        return ""
    try:
        from cmstudio.core.networks import get_profile

        return get_profile(network).display_name
    except Exception:  # noqa: BLE001 - an unknown network id is shown as is
        return network


def badge_text(entry: CalendarEntry) -> str:
    if entry.kind == "post":
        return NETWORK_LETTERS.get(network_family(entry.network), (entry.network or "?")[:1].upper())
    return KIND_GLYPHS.get(entry.kind, "•")


def entry_color(entry: CalendarEntry, by_network: bool, palette: QPalette) -> QColor:
    """The chip colour: the workspace's, or the network's (kinds have their own in that mode)."""
    if entry.kind == "reference":
        return QColor(KIND_COLORS["reference"])
    if by_network:
        if entry.kind == "post":
            return QColor(NETWORK_COLORS.get(network_family(entry.network), "#607080"))
        return QColor(KIND_COLORS.get(entry.kind, "#607080"))
    color = QColor(entry.color or "")
    return color if color.isValid() else palette.color(QPalette.ColorRole.Highlight)




def kind_label(kind: str) -> str:
    return {
        "article": QCoreApplication.translate("Calendar", "Article"),
        "post": QCoreApplication.translate("Calendar", "Post"),
        "phase": QCoreApplication.translate("Calendar", "Contest phase"),
        "event": QCoreApplication.translate("Calendar", "Event"),
        "reference": QCoreApplication.translate("Calendar", "Reference day"),
    }.get(kind, kind)


@lru_cache(maxsize=16)
def _zone(zone_name: str) -> QTimeZone:
    return QTimeZone(zone_name.encode())


def local_qdatetime(entry_start, zone_name: str) -> QDateTime:
    """An instant as a QDateTime in the workspace zone, for QLocale formatting."""
    return QDateTime.fromSecsSinceEpoch(int(entry_start.timestamp()), _zone(zone_name))


@lru_cache(maxsize=65536)
def _time_text(start, zone_name: str, locale_name: str) -> str:
    when = QDateTime.fromSecsSinceEpoch(int(start.timestamp()), _zone(zone_name)).time()
    return QLocale().toString(when, QLocale.FormatType.ShortFormat)


def time_text(entry: CalendarEntry, zone_name: str) -> str:
    """Local time of day in the user's locale (empty for all-day items)."""
    if entry.all_day:
        return ""
    return _time_text(entry.start, zone_name, QLocale().name())


def tooltip(entry: CalendarEntry, zone_name: str, conflict: bool = False) -> str:
    lines = [f"<b>{_escape(entry.title)}</b>"]
    if not entry.all_day:
        when = QLocale().toString(local_qdatetime(entry.start, zone_name), QLocale.FormatType.LongFormat)
        lines.append(_escape(when))
    parts = [kind_label(entry.kind)]
    if entry.network:
        parts.append(network_name(entry.network))
    if entry.kind != "reference":
        parts.append(status_label(entry.status))
    lines.append(" · ".join(_escape(p) for p in parts))
    if entry.campaign:
        lines.append(_escape(QCoreApplication.translate("Calendar", "Campaign: %1").replace("%1", entry.campaign)))
    if conflict:
        lines.append(_escape(QCoreApplication.translate("Calendar", "Too close to another post on the same account.")))
    if entry.read_only:
        lines.append(_escape(QCoreApplication.translate("Calendar", "Read-only")))
    return "<br>".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
