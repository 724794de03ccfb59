"""The studio hub: the open database, the current workspace, and news of what changed.

Views run operations through core services, then call `notify(kinds)`; every view that cares
about one of those kinds refreshes itself ("operation → changes → refresh").
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from cmstudio.core import paths
from cmstudio.core.db import Database, open_database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cmstudio.core.models import Workspace
    from cmstudio.core.quickread import QuickRead

# Kinds of change a view can listen for.
ARTICLES, VARIANTS, CALENDAR, CONTESTS, PUBLICATIONS, WORKSPACES, MEDIA = (
    "articles", "variants", "calendar", "contests", "publications", "workspaces", "media",
)


class Studio(QObject):
    """The open workspace database and the current workspace.

    At start-up the database may still be closed: the first view is then read through ``quick`` (a
    read-only sqlite3 look, see :mod:`cmstudio.core.quickread`) and the main window calls
    :meth:`finish_loading` once it has painted. ``db`` and ``session()`` always work: used earlier,
    they open the database on the spot.
    """

    workspaceChanged = Signal(int)
    dataChanged = Signal(object)  # a frozenset of change kinds
    statusMessageRequested = Signal(str)
    ready = Signal()  # start-up is complete: the database is open, background work may begin

    def __init__(
        self, db: Database | str, settings: QSettings, parent: QObject | None = None, *,
        quick: QuickRead | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._db = db if isinstance(db, Database) else None
        self._url = db.url if isinstance(db, Database) else db
        self._path = db.path if isinstance(db, Database) else (quick.path if quick else None)
        self._lock = threading.Lock()
        self._ready = False
        self.quick = quick if self._db is None else None
        preferred = settings.value("workspace/current")
        preferred_id = int(preferred) if preferred else None
        if self.quick is not None:
            self._workspace_id = self.quick.default_workspace_id(preferred_id)
        else:
            from cmstudio.core.workspaces import default_workspace

            with self.db.session() as session:
                workspace = default_workspace(session, preferred_id)
                self._workspace_id = workspace.id if workspace else 0

    @property
    def db(self) -> Database:
        """The workspace database, opened now if start-up has not opened it yet."""
        if self._db is None:
            with self._lock:
                if self._db is None:
                    self._db = open_database(self._url)
                    self._path = self._db.path
                    if self.quick is not None:
                        self.quick.close()
                        self.quick = None
        return self._db

    @property
    def db_path(self) -> Path | None:
        """The SQLite file (None for a server database), known without opening the database."""
        return self._path if self._db is None else self._db.path

    @property
    def media_dir(self) -> Path:
        return paths.media_dir_for(self.db_path)

    def close(self) -> None:
        """Close the database (or the start-up reader if the database was never opened)."""
        if self._db is not None:
            self._db.close()
        if self.quick is not None:
            self.quick.close()
            self.quick = None

    def is_ready(self) -> bool:
        return self._ready

    def finish_loading(self) -> None:
        """Open the database if it is not yet, then announce ``ready`` (once)."""
        if self._ready:
            return
        self.db  # noqa: B018 - opens it
        self._ready = True
        self.ready.emit()

    @property
    def workspace_id(self) -> int:
        return self._workspace_id

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def workspace(self, session: Session) -> Workspace:
        from cmstudio.core.workspaces import get_workspace

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
