"""Where the studio keeps its files: platform user directories, overridable for tests."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "cmstudio"
APP_AUTHOR = "CM Studio"

# CMSTUDIO_HOME puts every directory under one folder (tests, portable installs, CI).
_HOME_ENV = "CMSTUDIO_HOME"


def _home() -> Path | None:
    value = os.environ.get(_HOME_ENV)
    return Path(value) if value else None


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "workspace.sqlite3"


def default_db_url() -> str:
    return f"sqlite:///{default_db_path()}"


def media_dir_for(db_path: Path | None) -> Path:
    """Media live beside the database file they belong to (or in the data dir for servers)."""
    if db_path is not None:
        return db_path.parent / f"{db_path.stem}-media"
    return data_dir() / "media"
