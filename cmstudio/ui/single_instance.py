"""One studio per database: a lock file refuses a second writer, a local socket brings the first forward."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from cmstudio.core.instance_lock import InstanceLock


class InstanceGuard(QObject):
    activationRequested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        key = hashlib.sha256(str(db_path.resolve() if db_path.exists() else db_path).encode()).hexdigest()[:16]
        self._name = f"cmstudio-{key}"
        self._lock = InstanceLock(db_path)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        if not self._lock.acquire():
            return False
        QLocalServer.removeServer(self._name)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self._name)
        return True

    def ask_other_to_show(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(1000):
            return False
        socket.write(b"show\n")
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.disconnected.connect(connection.deleteLater)
            self.activationRequested.emit()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self._lock.release()
