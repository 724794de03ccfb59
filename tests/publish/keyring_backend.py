"""A real keyring backend for tests: secrets in a JSON file (or in memory), like any backend.

Set it in-process with ``keyring.set_keyring(FileKeyring(path))``, or in a subprocess with
``PYTHON_KEYRING_BACKEND=keyring_backend.FileKeyring`` (this folder on ``PYTHONPATH``) and the file
in ``CMSTUDIO_TEST_KEYRING_FILE``.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    _lock = threading.Lock()

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__()
        target = path or os.environ.get("CMSTUDIO_TEST_KEYRING_FILE")
        self.path = Path(target) if target else None
        self._memory: dict[str, str] = {}

    def _load(self) -> dict[str, str]:
        if self.path is None:
            return dict(self._memory)
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text(encoding="utf-8"))

    def _save(self, data: dict[str, str]) -> None:
        if self.path is None:
            self._memory = dict(data)
            return
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(self.path)

    @staticmethod
    def _key(service: str, username: str) -> str:
        return f"{service}\x1f{username}"

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._load().get(self._key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            data = self._load()
            data[self._key(service, username)] = password
            self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            data = self._load()
            if data.pop(self._key(service, username), None) is None:
                raise PasswordDeleteError("not found")
            self._save(data)
