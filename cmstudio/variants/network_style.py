"""How each network looks in the studio: accent colour, short name, chips to choose networks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from cmstudio.core.networks import all_profiles
from cmstudio.ui.theme import is_dark

# Brand accents (each network's public brand guidelines); X and Threads are black-on-white brands,
# shown light on dark themes.
_ACCENTS = {
    "x": ("#0f1419", "#e7e9ea"),
    "bluesky": ("#1185fe", "#4ea2ff"),
    "mastodon": ("#6364ff", "#8c8dff"),
    "threads": ("#101010", "#f3f5f7"),
    "linkedin": ("#0a66c2", "#3d8fe0"),
    "facebook": ("#1877f2", "#4a96f5"),
    "instagram_feed": ("#d62976", "#e8558f"),
    "instagram_story": ("#d62976", "#e8558f"),
    "pinterest": ("#e60023", "#ff4d5e"),
    "telegram_message": ("#229ed9", "#4cb5e6"),
    "telegram_caption": ("#229ed9", "#4cb5e6"),
    "discord": ("#5865f2", "#7984f5"),
}
THREAD_NETWORKS = ("x", "bluesky", "mastodon", "threads")


def accent(network: str) -> QColor:
    light, dark = _ACCENTS.get(network, ("#3b6ea5", "#6a9bd0"))
    return QColor(dark if is_dark() else light)


def _luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


_DARK_INK = QColor("#111111")
_LIGHT_INK = QColor("#ffffff")


def ink_on(background: QColor, minimum: float = 4.5) -> QColor:
    """White on ``background`` when it reaches ``minimum`` contrast (brand colours usually carry
    white), else whichever of near-black and white reads better.

    4.5:1 is WCAG's level for body text; 3:1 suits a bold initial used as an icon (WCAG 2.1,
    1.4.3 and 1.4.11: https://www.w3.org/TR/WCAG21/#contrast-minimum).
    """
    if contrast(_LIGHT_INK, background) >= minimum:
        return _LIGHT_INK
    return _DARK_INK if contrast(_DARK_INK, background) > contrast(_LIGHT_INK, background) else _LIGHT_INK


def short_name(network: str) -> str:
    """The network's display name (a brand, not translated)."""
    for profile in all_profiles():
        if profile.id == network:
            return profile.display_name
    return network


class NetworkChips(QWidget):
    """A row of checkable chips, one per network profile."""

    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkChips")
        self.setAccessibleName(self.tr("Networks"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.chips: dict[str, QToolButton] = {}
        for profile in all_profiles():
            chip = QToolButton(self)
            chip.setText(self._labels().get(profile.id, profile.display_name))
            chip.setToolTip(profile.display_name)
            chip.setCheckable(True)
            chip.setObjectName(f"networkChip_{profile.id}")
            chip.setAccessibleName(profile.display_name)
            chip.toggled.connect(self.selectionChanged)
            chip.setStyleSheet(self._style(profile.id))
            layout.addWidget(chip)
            self.chips[profile.id] = chip
        layout.addStretch(1)

    def _labels(self) -> dict[str, str]:
        """Short chip labels so a row of twelve fits (full names are in the tooltips)."""
        return {
            "facebook": "Facebook",
            "instagram_feed": "Instagram",
            "instagram_story": self.tr("Instagram Story"),
            "telegram_message": "Telegram",
            "telegram_caption": self.tr("Telegram Photo"),
        }

    @staticmethod
    def _style(network: str) -> str:
        colour = accent(network).name()
        border = "#4a4d52" if is_dark() else "#cfcfcb"
        ink = ink_on(accent(network)).name()
        return (
            f"QToolButton {{ border: 1px solid {border}; border-radius: 12px; padding: 3px 10px; }}"
            f"QToolButton:checked {{ background: {colour}; color: {ink}; border-color: {colour}; }}"
        )

    def selected(self) -> list[str]:
        return [key for key, chip in self.chips.items() if chip.isChecked()]

    def set_selected(self, networks: list[str]) -> None:
        for key, chip in self.chips.items():
            chip.setChecked(key in networks)


def fill(template: str, *values: object) -> str:
    """Qt-style "%1 … %2" placeholders filled in order (translations keep the same markers)."""
    out = template
    for index in range(len(values), 0, -1):
        out = out.replace(f"%{index}", str(values[index - 1]))
    return out


def muted(widget: QWidget) -> str:
    """The secondary text colour of the current palette, as #rrggbb (for QSS and rich text)."""
    return widget.palette().placeholderText().color().name()
