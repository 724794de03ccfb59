"""Pieces of the publishing view that hold no user text: state colours and the account-check worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtGui import QColor

from cmstudio.ui import theme
from cmstudio.ui.studio import Studio

_COLOURS = {  # (light, dark)
    "published": ("#2f7d4f", "#6fcf97"), "failed": ("#b3261e", "#f2a09b"), "needs-check": ("#a25a00", "#f5b85c"),
    "sending": ("#1f5fae", "#8ab4f8"), "reconnect": ("#b3261e", "#f2a09b"), "error": ("#a25a00", "#f5b85c"),
    "ok": ("#2f7d4f", "#6fcf97"),
}


class CheckSignals(QObject):
    done = Signal(int, str, str)  # account id, status, message


class CheckTask(QRunnable):
    def __init__(self, studio: Studio, store: Any, account_id: int) -> None:
        super().__init__()
        self.studio, self.store, self.account_id = studio, store, account_id
        self.signals = CheckSignals()

    def run(self) -> None:
        from cmstudio.publish.accounts import check_account

        try:
            with self.studio.db.session() as session:
                outcome = check_account(session, self.store, self.account_id)
            self.signals.done.emit(self.account_id, outcome.status, outcome.message)
        except Exception as exc:  # noqa: BLE001 - shown on the account; details in the log file
            self.signals.done.emit(self.account_id, "error", str(exc))


def state_colour(key: str) -> QColor | None:
    """The colour of a publication state or account status, for the current theme (None: default)."""
    pair = _COLOURS.get(key)
    return QColor(pair[1] if theme.is_dark() else pair[0]) if pair else None
