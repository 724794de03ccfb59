"""The studio hub: the open database, the current workspace, and news of what changed.

Views run operations through core services, then call `notify(kinds)`; every view that cares
about one of those kinds refreshes itself ("operation → changes → refresh").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QSettings, Signal
from sqlalchemy.orm import Session

from cmstudio.core.db import Database
from cmstudio.core.models import Workspace
from cmstudio.core.workspaces import default_workspace, get_workspace

# Kinds of change a view can listen for.
ARTICLES, VARIANTS, CALENDAR, CONTESTS, PUBLICATIONS, WORKSPACES, MEDIA = (
    "articles", "variants", "calendar", "contests", "publications", "workspaces", "media",
)


class Studio(QObject):
    workspaceChanged = Signal(int)
    dataChanged = Signal(object)  # a frozenset of change kinds
    statusMessageRequested = Signal(str)

    def __init__(self, db: Database, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        with db.session() as session:
            preferred = settings.value("workspace/current")
            workspace = default_workspace(session, int(preferred) if preferred else None)
            self._workspace_id = workspace.id if workspace else 0

    @property
    def workspace_id(self) -> int:
        return self._workspace_id

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def workspace(self, session: Session) -> Workspace:
        return get_workspace(session, self._workspace_id)

    def switch_workspace(self, workspace_id: int) -> None:
        if workspace_id == self._workspace_id:
            return
        self._workspace_id = workspace_id
        self.settings.setValue("workspace/current", workspace_id)
        self.workspaceChanged.emit(workspace_id)

    def notify(self, kinds: Iterable[str]) -> None:
        self.dataChanged.emit(frozenset(kinds))

    def show_status(self, message: str) -> None:
        self.statusMessageRequested.emit(message)
