"""Automatic rotating backups: one archive a day in the user data folder, the last N kept.

Archives are named ``<database name>-<UTC stamp>.cmstudio-backup`` in ``data_dir()/backups``; the
stamp in the name (not the file's modification time, which copies and syncs change) says how old a
backup is. Only archives of the same database are counted and pruned, so backups made by hand in
the same folder, or of other databases, are never deleted.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cmstudio.core import paths
from cmstudio.core.backup import SUFFIX, BackupError, create_backup, now_stamp
from cmstudio.core.db import Database
from cmstudio.core.i18n import _

DEFAULT_KEEP = 7
MAX_KEEP = 365
ONE_DAY = timedelta(days=1)
_STAMP = re.compile(r"-(\d{8}T\d{6}Z)" + re.escape(SUFFIX) + "$")


def backups_dir() -> Path:
    return paths.data_dir() / "backups"


def backup_stem(db: Database) -> str:
    """The name the database's automatic backups start with."""
    if db.path is not None:
        return db.path.stem
    safe = db.engine.url.render_as_string(hide_password=True)
    return f"server-{hashlib.sha256(safe.encode()).hexdigest()[:10]}"


def automatic_backups(folder: Path, stem: str) -> list[tuple[datetime, Path]]:
    """The automatic backups of one database in `folder`, oldest first."""
    found: list[tuple[datetime, Path]] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"{glob_escape(stem)}-*{SUFFIX}"):
        match = _STAMP.search(path.name)
        if match is None or path.name[: match.start()] != stem or not path.is_file():
            continue
        found.append((datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC), path))
    return sorted(found)


def glob_escape(text: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", text)


def is_due(folder: Path, stem: str, now: datetime | None = None, every: timedelta = ONE_DAY) -> bool:
    backups = automatic_backups(folder, stem)
    now = now or datetime.now(UTC)
    return not backups or now - backups[-1][0] >= every


def check_keep(keep: int) -> int:
    if not 1 <= keep <= MAX_KEEP:
        raise BackupError(_("The number of automatic backups to keep must be between 1 and {most}.", most=MAX_KEEP))
    return keep


def prune(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete the oldest automatic backups of `stem` beyond the newest `keep`; the deleted paths."""
    removed = []
    backups = automatic_backups(folder, stem)
    for _when, path in backups[: max(0, len(backups) - check_keep(keep))]:
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def run_automatic_backup(db: Database, *, folder: Path | None = None, keep: int = DEFAULT_KEEP,
                         now: datetime | None = None, every: timedelta = ONE_DAY,
                         force: bool = False) -> Path | None:
    """Back `db` up when its newest automatic backup is older than `every` (or `force`); then prune.

    Returns the new archive, or None when none was due.
    """
    check_keep(keep)
    folder = folder or backups_dir()
    stem = backup_stem(db)
    now = (now or datetime.now(UTC)).astimezone(UTC)
    if not force and not is_due(folder, stem, now, every):
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(_("The backups folder {folder} cannot be created: {error}.", folder=folder,
                            error=exc.strerror or exc)) from exc
    target = folder / f"{stem}-{now_stamp(now)}{SUFFIX}"
    result = create_backup(db, target, now=now, overwrite=True)
    prune(folder, stem, keep)
    return result.path
