"""Light and dark palettes: follow the system's colour scheme unless the user picks one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    if dark:
        colors = {
            QPalette.ColorRole.Window: "#1f2124", QPalette.ColorRole.WindowText: "#e8e8e8",
            QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#24262a",
            QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#2a2c30",
            QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.Highlight: "#4f8fd6",
            QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2a2c30",
            QPalette.ColorRole.ToolTipText: "#e8e8e8", QPalette.ColorRole.PlaceholderText: "#8a8d93",
            QPalette.ColorRole.Link: "#7fb3ff", QPalette.ColorRole.Mid: "#3a3d42",
            QPalette.ColorRole.Midlight: "#2f3236", QPalette.ColorRole.Dark: "#111214",
        }
    else:
        colors = {
            QPalette.ColorRole.Window: "#f4f4f2", QPalette.ColorRole.WindowText: "#1d1d1f",
            QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f7f7f5",
            QPalette.ColorRole.Text: "#1d1d1f", QPalette.ColorRole.Button: "#ececea",
            QPalette.ColorRole.ButtonText: "#1d1d1f", QPalette.ColorRole.Highlight: "#2f6fb5",
            QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffdc",
            QPalette.ColorRole.ToolTipText: "#1d1d1f", QPalette.ColorRole.PlaceholderText: "#8a8a8e",
            QPalette.ColorRole.Link: "#1f5fa8", QPalette.ColorRole.Mid: "#c9c9c6",
            QPalette.ColorRole.Midlight: "#e2e2df", QPalette.ColorRole.Dark: "#9d9d99",
        }
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    disabled = QColor("#6b6e73" if dark else "#a0a0a0")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, theme: str = "system") -> bool:
    """Apply a palette; return True when the result is dark."""
    dark = system_is_dark() if theme not in ("light", "dark") else theme == "dark"
    app.setStyle("Fusion")
    app.setPalette(_palette(dark))
    app.setProperty("cmstudioDark", dark)
    return dark


def follow_system(app: QApplication) -> None:
    """Re-apply the palette when the desktop switches between light and dark (Qt ≥ 6.5)."""
    if app.property("cmstudioFollowsSystem"):
        return
    app.setProperty("cmstudioFollowsSystem", True)
    hints = QGuiApplication.styleHints()

    def _changed(_scheme: Qt.ColorScheme) -> None:
        if app.property("cmstudioFollowsSystem"):
            apply_theme(app, "system")

    hints.colorSchemeChanged.connect(_changed)


def stop_following_system(app: QApplication) -> None:
    app.setProperty("cmstudioFollowsSystem", False)


def is_dark(app: QApplication | None = None) -> bool:
    app = app or QApplication.instance()  # type: ignore[assignment]
    return bool(app and app.property("cmstudioDark"))
