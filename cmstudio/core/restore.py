"""Restoring a backup archive: everything is checked before anything is touched.

Order of work, so that a failure at any step leaves the current workspace as it was:

1. take the instance lock beside the target database (a running studio holds it → refuse);
2. read the archive: ours (format marker), not from a newer version, every member listed;
3. extract into a hidden folder beside the target, checking each member's SHA-256 (and each media
   file's content against its name), then SQLite's integrity check and the schema revision;
4. migrate the extracted database to this version's schema (older backups open fine);
5. move the media in (content-addressed: adding files never changes existing ones);
6. keep the previous database as ``<name>.before-restore-<stamp>.sqlite3`` and swap the new one in
   with one atomic rename (``os.replace``).

A server database (PostgreSQL) receives the rows in one transaction instead, after its current
content was saved as an automatic backup archive.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, func, select, text

from cmstudio.core import paths
from cmstudio.core.backup import (
    DB_MEMBER,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_FOLDER,
    MEDIA_NAME,
    SUFFIX,
    BackupError,
    copy_rows,
    create_backup,
    describe_snapshot,
    is_disk_full,
    now_stamp,
    schema_revision,
)
from cmstudio.core.db import SCHEMA_HEAD, Database, known_revisions, open_database, resolve_url
from cmstudio.core.i18n import _
from cmstudio.core.instance_lock import InstanceLock

_CHUNK = 1 << 20
_MAX_MANIFEST = 20 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    manifest: dict[str, Any]

    @property
    def workspaces(self) -> list[str]:
        return [str(name) for name in self.manifest.get("workspaces", [])]

    @property
    def accounts(self) -> list[dict[str, str]]:
        return list(self.manifest.get("accounts", []))


@dataclass(frozen=True)
class RestoreResult:
    target: str  # the database restored into (a file path, or the server URL without password)
    previous: Path | None  # where the replaced database was kept
    accounts: list[dict[str, str]]
    workspaces: list[str]
    migrated_from: str | None  # the backup's schema when it was older than this version's
    media_added: int = 0
    manifest: dict[str, Any] = field(default_factory=dict)


def _damaged(path: Path, detail: str) -> BackupError:
    return BackupError(_("The backup {path} is damaged ({detail}). Nothing was changed; use another copy of "
                         "the backup.", path=path, detail=detail))


def _foreign(path: Path) -> BackupError:
    return BackupError(_("{path} is not a CM Studio backup. Choose a {suffix} file made by “cmstudio backup” "
                         "or by the studio's automatic backups. Nothing was changed.", path=path, suffix=SUFFIX))


def no_room(folder: Path) -> BackupError:
    return BackupError(_("There is not enough free space in {folder} to restore the backup. Nothing was changed; "
                         "free some space and try again.", folder=folder))


def _newer(path: Path, manifest: dict[str, Any]) -> BackupError:
    return BackupError(_("The backup {path} was made by a newer version of CM Studio ({version}, schema "
                         "{schema}). Update CM Studio to restore it; nothing was changed.", path=path,
                         version=manifest.get("app_version", "?"), schema=manifest.get("schema_revision", "?")))


# -- reading and checking ------------------------------------------------------------------------------
def read_backup(path: Path | str) -> BackupInfo:
    """The archive's manifest after the quick checks (ours, not newer, members as listed)."""
    path = Path(path)
    with _open_zip(path) as archive:
        return BackupInfo(path, _check_manifest(path, archive))


def _open_zip(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise BackupError(_("{path} does not exist or is not a file.", path=path))
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise BackupError(_("{path} cannot be read: {error}.", path=path, error=exc.strerror or exc)) from exc
    if head[:2] != b"PK":
        raise _foreign(path)
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _damaged(path, _("the archive is incomplete or unreadable")) from exc


def _check_manifest(path: Path, archive: zipfile.ZipFile) -> dict[str, Any]:
    names = archive.namelist()
    if MANIFEST not in names:
        raise _foreign(path)
    if archive.getinfo(MANIFEST).file_size > _MAX_MANIFEST:
        raise _damaged(path, _("its manifest is too large"))
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise _damaged(path, _("its manifest cannot be read")) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _foreign(path)
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise _damaged(path, _("its manifest has no format version"))
    if version > FORMAT_VERSION:
        raise _newer(path, manifest)
    revision = manifest.get("schema_revision")
    if not isinstance(revision, str) or not revision:
        raise _damaged(path, _("its manifest has no schema revision"))
    if revision != SCHEMA_HEAD and revision not in known_revisions():
        raise _newer(path, manifest)
    files = manifest.get("files")
    if not isinstance(files, dict) or DB_MEMBER not in files:
        raise _damaged(path, _("its manifest lists no database"))
    for name, entry in files.items():
        if not _allowed_member(name) or not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str) \
                or not isinstance(entry.get("size"), int):
            raise _damaged(path, _("its manifest lists an unexpected file {name}", name=str(name)[:80]))
    members = [n for n in names if not n.endswith("/")]
    if len(members) != len(set(members)) or set(members) != set(files) | {MANIFEST}:
        raise _damaged(path, _("the files in the archive do not match its manifest"))
    return manifest


def _allowed_member(name: str) -> bool:
    if name == DB_MEMBER:
        return True
    prefix = MEDIA_FOLDER + "/"
    return name.startswith(prefix) and MEDIA_NAME.match(name[len(prefix):]) is not None


def extract_verified(path: Path, staging: Path) -> tuple[BackupInfo, Path, Path]:
    """Extract the archive into `staging`, checking everything; (info, database file, media folder)."""
    with _open_zip(path) as archive:
        manifest = _check_manifest(path, archive)
        needed = sum(int(e["size"]) for e in manifest["files"].values())
        free = shutil.disk_usage(staging).free
        if needed + (64 << 20) > free:
            raise BackupError(_("There is not enough free space in {folder} to restore this backup (it needs "
                                "{needed} MB, {free} MB are free). Nothing was changed.", folder=staging.parent,
                                needed=needed // 1048576 + 1, free=free // 1048576))
        for name, entry in manifest["files"].items():
            _extract_one(path, archive, name, entry, staging / name, staging.parent)
    db_file, media_root = staging / DB_MEMBER, staging / MEDIA_FOLDER
    _check_database(path, db_file, manifest)
    return BackupInfo(path, manifest), db_file, media_root


def _extract_one(path: Path, archive: zipfile.ZipFile, name: str, entry: dict[str, Any], target: Path,
                 room: Path) -> None:
    expected_size, expected = int(entry["size"]), str(entry["sha256"])
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with archive.open(name) as src, target.open("wb") as dst:
            while chunk := src.read(_CHUNK):
                size += len(chunk)
                if size > expected_size:
                    break
                digest.update(chunk)
                dst.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise _damaged(path, _("{name} cannot be read", name=name)) from exc
    except OSError as exc:
        if is_disk_full(exc):
            raise no_room(room) from exc
        raise
    if size != expected_size or digest.hexdigest() != expected:
        raise _damaged(path, _("{name} does not match its checksum", name=name))
    if name != DB_MEMBER and not target.name.startswith(expected):
        raise _damaged(path, _("{name} does not match its checksum", name=name))


def _check_database(path: Path, db_file: Path, manifest: dict[str, Any]) -> None:
    with db_file.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise _damaged(path, _("its database is not an SQLite file"))
    try:
        conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        finally:
            conn.close()
        revision = schema_revision(db_file)
    except sqlite3.Error as exc:
        raise _damaged(path, _("its database cannot be read: {error}", error=exc)) from exc
    if rows != ["ok"]:
        raise _damaged(path, _("its database fails SQLite's integrity check: {detail}", detail="; ".join(rows)))
    if revision != manifest["schema_revision"]:
        raise _damaged(path, _("its database does not match its manifest"))


def verify_backup(path: Path | str) -> BackupInfo:
    """Every check a restore makes, without restoring (the extracted copy is deleted)."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="cmstudio-verify-") as staging:
        return extract_verified(path, Path(staging))[0]


# -- restoring -----------------------------------------------------------------------------------------
def restore_backup(archive: Path | str, url: str | None = None, *, force: bool = False,
                   now: datetime | None = None) -> RestoreResult:
    """Restore `archive` into the database at `url` (default: the user's workspace)."""
    archive = Path(archive)
    resolved = resolve_url(url)
    read_backup(archive)  # the quick checks first: a foreign file is refused before anything else
    if resolved.startswith("sqlite:///"):
        return _restore_sqlite(archive, Path(resolved.removeprefix("sqlite:///")), force, now)
    return _restore_server(archive, resolved, force, now)


def _restore_sqlite(archive: Path, target: Path, force: bool, now: datetime | None) -> RestoreResult:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(_("The folder {folder} cannot be created: {error}.", folder=target.parent,
                            error=exc.strerror or exc)) from exc
    lock = InstanceLock(target)
    if not lock.acquire():
        raise BackupError(_("The workspace {path} is open in a running CM Studio. Close the studio, then restore "
                            "again; nothing was changed.", path=target))
    try:
        existing = _existing_workspaces(target)
        if existing and not force:
            raise _needs_force(target, existing)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.stem}-restore-", dir=target.parent))
        try:
            info, db_file, media_root = extract_verified(archive, staging)
            migrated_from = _migrate_staged(db_file)
            details = describe_snapshot(db_file)
            added = _move_media(media_root, paths.media_dir_for(target))
            previous = _swap_in(db_file, target, now) if target.exists() else _place(db_file, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        lock.release()
    return RestoreResult(target=str(target), previous=previous, accounts=details["accounts"],
                         workspaces=details["workspaces"], migrated_from=migrated_from, media_added=added,
                         manifest=info.manifest)


def _needs_force(where: object, names: list[str]) -> BackupError:
    return BackupError(_("{where} already holds workspaces ({names}). Add --force to replace them; the current "
                         "database is kept aside first.", where=where, names=", ".join(names)))


def _existing_workspaces(target: Path) -> list[str]:
    """Names of the workspaces in the target file; refuses a file that is not a workspace database."""
    if not target.exists() or target.stat().st_size == 0:
        return []
    with target.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError(_("{path} is not a CM Studio workspace; it was left untouched. Restore into "
                                "another file with --db.", path=target))
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, timeout=3.0)
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='workspaces'").fetchone():
                return []
            return [r[0] for r in conn.execute("SELECT name FROM workspaces ORDER BY id")]
        finally:
            conn.close()
    except sqlite3.Error:
        return ["?"]  # unreadable: replacing it still needs --force (and it is kept aside)


def _migrate_staged(db_file: Path) -> str | None:
    """Bring the extracted database to this version's schema; the older revision, or None."""
    before = schema_revision(db_file)
    db = open_database(f"sqlite:///{db_file}")
    db.close()
    _to_single_file(db_file)
    for leftover in db_file.parent.glob(f"{db_file.stem}.before-*"):
        leftover.unlink(missing_ok=True)  # open_database's own copy aside: the archive is the original
    return before if before != SCHEMA_HEAD else None


def _to_single_file(db_file: Path) -> None:
    conn = sqlite3.connect(str(db_file), timeout=5.0)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    finally:
        conn.close()
    if str(mode).lower() != "delete":
        raise sqlite3.OperationalError("database is locked")


def _move_media(source: Path, dest: Path) -> int:
    """Add the archive's media to the workspace's media folder; returns how many files were new."""
    added = 0
    if not source.is_dir():
        return 0
    for path in sorted(source.glob("??/*")):
        final = dest / path.relative_to(source)
        if final.is_file() and final.stat().st_size == path.stat().st_size:
            continue
        final.parent.mkdir(parents=True, exist_ok=True)
        partial = final.with_name(f".tmp-restore-{final.name}")
        try:
            try:
                os.replace(path, final)
            except OSError:
                shutil.copyfile(path, partial)
                os.replace(partial, final)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            if is_disk_full(exc):
                raise no_room(dest) from exc
            raise BackupError(_("The media folder {folder} cannot be written: {error}. The workspace database "
                                "was not changed.", folder=dest, error=exc.strerror or exc)) from exc
        added += 1
    return added


def _swap_in(db_file: Path, target: Path, now: datetime | None) -> Path:
    """Keep the current database aside, then rename the new one over it (one atomic step)."""
    wal = target.with_name(target.name + "-wal")
    try:
        _to_single_file(target)  # its WAL folded in, so the file alone is the whole database
    except sqlite3.Error as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise BackupError(_("The workspace {path} is in use by another program. Close it, then restore "
                                "again; nothing was changed.", path=target)) from exc
        # A damaged database is kept aside as it is, with its WAL file if it has one.
    previous = _aside_name(target, now)
    try:
        try:
            os.link(target, previous)  # the same file under a second name: no copy, no space needed
        except OSError:
            shutil.copy2(target, previous)
        if wal.exists():
            shutil.copy2(wal, previous.with_name(previous.name + "-wal"))
    except OSError as exc:
        previous.unlink(missing_ok=True)
        previous.with_name(previous.name + "-wal").unlink(missing_ok=True)
        if is_disk_full(exc):
            raise no_room(target.parent) from exc
        raise BackupError(_("A copy of the workspace {path} could not be kept aside ({error}), so it was not "
                            "replaced.", path=target, error=exc.strerror or exc)) from exc
    try:
        os.replace(db_file, target)
    except OSError as exc:
        previous.unlink(missing_ok=True)
        raise BackupError(_("The workspace {path} could not be replaced: {error}. It was left as it was.",
                            path=target, error=exc.strerror or exc)) from exc
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    return previous


def _aside_name(target: Path, now: datetime | None) -> Path:
    base = f"{target.stem}.before-restore-{now_stamp(now)}"
    candidate, n = target.with_name(base + target.suffix), 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{base}-{n}{target.suffix}")
    return candidate


def _place(db_file: Path, target: Path) -> None:
    os.replace(db_file, target)


def _restore_server(archive: Path, url: str, force: bool, now: datetime | None) -> RestoreResult:
    from cmstudio.core.models import Base, Workspace

    db = open_database(url)
    try:
        with db.session() as session:
            existing = list(session.scalars(select(Workspace.name).order_by(Workspace.id)))
        where = db.engine.url.render_as_string(hide_password=True)
        if existing and not force:
            raise _needs_force(where, existing)
        with tempfile.TemporaryDirectory(prefix="cmstudio-restore-") as tmp:
            info, db_file, media_root = extract_verified(archive, Path(tmp))
            migrated_from = _migrate_staged(db_file)
            details = describe_snapshot(db_file)
            added = _move_media(media_root, db.media_dir)
            previous = _save_server(db, now) if existing else None
            source = create_engine(f"sqlite:///{db_file}")
            try:
                with source.connect() as src, db.engine.begin() as dst:
                    for table in reversed(Base.metadata.sorted_tables):
                        dst.execute(delete(table))
                    copy_rows(src, dst)
                    _reset_sequences(dst, db)
            finally:
                source.dispose()
    finally:
        db.close()
    return RestoreResult(target=where, previous=previous, accounts=details["accounts"],
                         workspaces=details["workspaces"], migrated_from=migrated_from, media_added=added,
                         manifest=info.manifest)


def _save_server(db: Database, now: datetime | None) -> Path:
    folder = paths.data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return create_backup(db, folder / f"before-restore-{now_stamp(now)}{SUFFIX}", now=now).path


def _reset_sequences(conn: Any, db: Database) -> None:
    """After rows arrive with their ids, PostgreSQL's id sequences must continue after the largest."""
    if db.engine.dialect.name != "postgresql":
        return
    from cmstudio.core.models import Base

    for table in Base.metadata.sorted_tables:
        if "id" not in table.c:
            continue
        largest = conn.scalar(select(func.max(table.c.id)))
        conn.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, :called)"),
                     {"t": table.name, "v": largest or 1, "called": largest is not None})
