"""Backups: one portable archive holding a consistent snapshot of the workspace database and its media.

The archive is a ZIP file named ``*.cmstudio-backup``::

    manifest.json                 format, versions, schema revision, workspaces, counts, accounts,
                                  and the SHA-256 and size of every other member
    workspace.sqlite3             the database, always SQLite so the archive opens anywhere
    media/ab/abcdef….jpg          the content-addressed media files

A SQLite database is copied with SQLite's online backup API from a connection that only reads,
which sees one committed state even while the studio (another process) keeps writing in WAL mode
(https://www.sqlite.org/backup.html, https://www.sqlite.org/wal.html). A server database
(PostgreSQL) is copied table by table into a fresh, migrated SQLite file. Secrets never reach the
archive: they live in the OS keyring, and the manifest only lists the accounts to reconnect.

The archive is written to a hidden temporary file beside its destination and renamed into place,
so a full disk or a crash leaves no partial archive under the final name.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import JSON, Engine, MetaData, Table, create_engine, func, insert, inspect, select, update
from sqlalchemy.engine import Connection

from cmstudio import __version__
from cmstudio.core.db import Database, open_database
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

FORMAT = "cmstudio-backup"
FORMAT_VERSION = 1
SUFFIX = ".cmstudio-backup"
MANIFEST = "manifest.json"
DB_MEMBER = "workspace.sqlite3"
MEDIA_FOLDER = "media"
# Media files are ``ab/<sha256>[.ext]`` in the store (cmstudio.core.media); nothing else is archived.
MEDIA_NAME = re.compile(r"^([0-9a-f]{2})/(\1[0-9a-f]{62})(\.[a-z0-9]{1,5})?$")
_CHUNK = 1 << 20
_BATCH = 500
# Already-compressed formats are stored as they are; deflating them again only costs time.
_STORED = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".avif", ".mp4", ".mov", ".webm"}

Opener = Callable[[Path], IO[bytes]]


class BackupError(UserError, ValueError):
    """A backup cannot be made or restored; the message says why and what to do."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    size: int


def now_stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def is_disk_full(exc: BaseException) -> bool:
    """True for the OS's "no space left" / "file too large" and SQLite's "database or disk is full"."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return True
    return isinstance(exc, sqlite3.Error) and "full" in str(exc).lower()


def disk_full_error(where: Path) -> BackupError:
    return BackupError(
        _("There is not enough free space in {folder} to write the backup. The partial file was removed "
          "and your workspace is untouched; free some space or choose another disk.", folder=where)
    )


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# -- the database snapshot ---------------------------------------------------------------------------
def snapshot_database(db: Database, target: Path) -> None:
    """Write a consistent, self-contained SQLite copy of `db` to `target` (which must not exist)."""
    if db.path is not None:
        _snapshot_sqlite(db.path, target)
    else:
        copy_to_sqlite(db.engine, target)


def _snapshot_sqlite(source: Path, target: Path) -> None:
    src = sqlite3.connect(str(source), timeout=10.0)
    try:
        src.execute("PRAGMA busy_timeout = 10000")
        dest = sqlite3.connect(str(target))
        try:
            src.backup(dest)  # pages=-1: one step under one read transaction, hence one committed state
            dest.execute("PRAGMA journal_mode = DELETE")  # the copy is one file, no -wal beside it
        finally:
            dest.close()
    finally:
        src.close()


def copy_to_sqlite(source: Engine, target: Path) -> None:
    """Copy every table of a (server) database into a new SQLite file migrated to this version."""
    migrated = open_database(f"sqlite:///{target}")
    migrated.close()
    dest = create_engine(f"sqlite:///{target}")  # foreign keys off while rows arrive table by table
    try:
        with source.connect() as src, dest.begin() as dst:
            copy_rows(src, dst)
        with dest.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = DELETE")
    finally:
        dest.dispose()


def copy_rows(src: Connection, dst: Connection) -> dict[str, int]:
    """Copy the rows of every model table, parents before children; returns rows per table.

    A column that refers to its own table (a recurring post's parent) is filled in a second pass,
    so the order of rows never matters; that pass sets the automatic `onupdate` columns (updated_at)
    back to their copied values.
    """
    from cmstudio.core.models import Base

    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        target = _null_json(table)
        self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
        stamped = [c.name for c in table.c if c.onupdate is not None]
        later: list[dict[str, Any]] = []
        total = 0
        result = src.execution_options(yield_per=_BATCH).execute(select(table))
        for batch in result.mappings().partitions(_BATCH):
            rows = [dict(row) for row in batch]
            for row in rows:
                if any(row.get(name) is not None for name in self_refs):
                    later.append({"pk": row["id"], **{name: row[name] for name in self_refs + stamped}})
                    row.update({name: None for name in self_refs})
            dst.execute(insert(target), rows)
            total += len(rows)
        for values in later:
            pk = values.pop("pk")
            dst.execute(update(target).where(target.c.id == pk).values(**values))
        counts[table.name] = total
    return counts


def _null_json(table: Table) -> Table:
    """The table with JSON columns writing None as SQL NULL, as it was read (not as JSON 'null')."""
    if not any(isinstance(c.type, JSON) for c in table.c):
        return table
    clone = table.to_metadata(MetaData())
    for column in clone.c:
        if isinstance(column.type, JSON):
            column.type = JSON(none_as_null=True)
    return clone


# -- describing a snapshot -----------------------------------------------------------------------------
def schema_revision(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
        if not exists:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    finally:
        conn.close()


def describe_snapshot(path: Path) -> dict[str, Any]:
    """Workspace names, row counts and the accounts to reconnect (connector, name, handle; no secret)."""
    from cmstudio.core.models import Account, Base, Workspace

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
            counts = {t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
                      for t in Base.metadata.sorted_tables if t.name in present}
            workspaces = {wid: name for wid, name in conn.execute(
                select(Workspace.id, Workspace.name).order_by(Workspace.id))}
            accounts = [
                {"workspace": workspaces.get(row.workspace_id, ""), "connector": row.connector_id,
                 "network": row.network, "name": row.name, "handle": row.handle or ""}
                for row in conn.execute(
                    select(Account.workspace_id, Account.connector_id, Account.network, Account.name,
                           Account.handle).order_by(Account.workspace_id, Account.id))
            ]
    finally:
        engine.dispose()
    return {"workspaces": list(workspaces.values()), "counts": counts, "accounts": accounts}


def media_files(media_dir: Path) -> Iterator[tuple[str, Path]]:
    """(archive-relative name, file) of every content-addressed file in a media folder."""
    if not media_dir.is_dir():
        return
    for path in sorted(media_dir.glob("??/*")):
        name = path.relative_to(media_dir).as_posix()
        if path.is_file() and MEDIA_NAME.match(name):
            yield name, path


# -- writing the archive ---------------------------------------------------------------------------------
def backup_path_for(out: Path, now: datetime | None = None) -> Path:
    """`out` itself with the backup extension; a folder gets a dated file name inside it."""
    if out.is_dir():
        return out / f"cmstudio-{now_stamp(now)}{SUFFIX}"
    return out if out.name.endswith(SUFFIX) else out.with_name(out.name + SUFFIX)


def _open_new(path: Path) -> IO[bytes]:
    return path.open("xb")


def create_backup(
    db: Database,
    out: Path,
    *,
    overwrite: bool = False,
    now: datetime | None = None,
    opener: Opener = _open_new,
    work_dir: Path | None = None,
) -> BackupResult:
    """Write the archive of `db` (database snapshot + media) to `out`.

    `opener` opens the partial file for writing (any binary file object); `work_dir` is where the
    database snapshot is staged (the system's temporary folder by default).
    """
    out = backup_path_for(Path(out), now)
    if not out.parent.is_dir():
        raise BackupError(_("The folder {path} does not exist.", path=out.parent))
    if out.exists() and not overwrite:
        raise BackupError(
            _("{path} already exists. Choose another name, or add --force to replace it.", path=out))
    created = (now or datetime.now(UTC)).astimezone(UTC)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    where = Path(work_dir or tempfile.gettempdir())
    try:
        with tempfile.TemporaryDirectory(prefix="cmstudio-backup-", dir=work_dir) as staging:
            snapshot = Path(staging) / DB_MEMBER
            snapshot_database(db, snapshot)
            manifest = _manifest(db, snapshot, created)
            where = out.parent
            _write_archive(partial, snapshot, list(media_files(db.media_dir)), manifest, opener, created)
        os.replace(partial, out)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise disk_full_error(where) from exc
        if isinstance(exc, sqlite3.Error):
            raise BackupError(_("The workspace database could not be read for the backup ({error}). Nothing "
                                "was written.", error=exc)) from exc
        if isinstance(exc, OSError) and not isinstance(exc, UserError):
            raise BackupError(_("The backup could not be written to {path}: {error}. Nothing was kept.",
                                path=out, error=exc.strerror or exc)) from exc
        raise
    return BackupResult(path=out, manifest=manifest, size=out.stat().st_size)


def _manifest(db: Database, snapshot: Path, created: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "schema_revision": schema_revision(snapshot),
        "created_at": created.isoformat(timespec="seconds"),
        "source": db.engine.dialect.name,
        **describe_snapshot(snapshot),
        "files": {},
    }


def _write_archive(partial: Path, snapshot: Path, media: list[tuple[str, Path]], manifest: dict[str, Any],
                   opener: Opener, created: datetime) -> None:
    stamp = created.timetuple()[:6]
    files: dict[str, dict[str, Any]] = manifest["files"]
    with opener(partial) as raw, zipfile.ZipFile(raw, "w", allowZip64=True) as archive:
        files[DB_MEMBER] = _add(archive, DB_MEMBER, snapshot, zipfile.ZIP_DEFLATED, stamp)
        for name, path in media:
            member = f"{MEDIA_FOLDER}/{name}"
            kind = zipfile.ZIP_STORED if path.suffix.lower() in _STORED else zipfile.ZIP_DEFLATED
            files[member] = _add(archive, member, path, kind, stamp)
        manifest["counts"]["media_files"] = len(media)
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2), zipfile.ZIP_DEFLATED)
        raw.flush()
        if hasattr(raw, "fileno"):
            os.fsync(raw.fileno())


def _add(archive: zipfile.ZipFile, member: str, path: Path, compression: int,
         stamp: tuple[int, ...]) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    info = zipfile.ZipInfo(member, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = compression
    info.file_size = path.stat().st_size  # lets zipfile choose ZIP64 for files over 2 GB
    with path.open("rb") as src, archive.open(info, "w") as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def backup_database(url: str | None, out: Path, **options: Any) -> BackupResult:
    """Open the database at `url` without changing it (no migration) and back it up to `out`."""
    from cmstudio.core.db import resolve_url

    resolved = resolve_url(url)
    if resolved.startswith("sqlite:///"):
        path = Path(resolved.removeprefix("sqlite:///"))
        if not path.is_file() or path.stat().st_size == 0:
            raise BackupError(_("There is no workspace database at {path} to back up.", path=path))
    db = open_database(resolved, migrate=False)
    try:
        return create_backup(db, out, **options)
    finally:
        db.close()

