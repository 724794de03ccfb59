"""Undo commands for the calendar: each replays a core service, never touches widgets itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from cmstudio.core.agenda_moves import Move

Apply = Callable[[Sequence[Move], bool], None]
Toggle = Callable[[Sequence[Move], bool], None]


class MovesCommand(QUndoCommand):
    """Items moved or scheduled: redo writes the "after" times, undo the "before" ones."""

    def __init__(
        self, apply: Apply, moves: Sequence[Move], text: str, *, already_applied: bool = False
    ) -> None:
        super().__init__(text)
        self.apply, self.moves = apply, list(moves)
        self._skip_first = already_applied

    def redo(self) -> None:
        if self._skip_first:
            self._skip_first = False
            return
        self.apply(self.moves, False)

    def undo(self) -> None:
        self.apply(self.moves, True)


class DuplicateCommand(QUndoCommand):
    """Copies made by Ctrl-drag: undo puts them in the bin, redo takes them back out."""

    def __init__(self, toggle: Toggle, created: Sequence[Move], text: str) -> None:
        super().__init__(text)
        self.toggle, self.created = toggle, list(created)
        self._skip_first = True

    def redo(self) -> None:
        if self._skip_first:
            self._skip_first = False
            return
        self.toggle(self.created, True)

    def undo(self) -> None:
        self.toggle(self.created, False)
