"""Writing backups: the archive's content, a full disk, server-style copies, automatic rotation."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import create_engine, func, select, update

import cmstudio
from cmstudio.core.autobackup import automatic_backups, check_keep, run_automatic_backup
from cmstudio.core.backup import (
    SUFFIX,
    BackupError,
    backup_database,
    copy_to_sqlite,
    create_backup,
)
from cmstudio.core.db import head_revision, open_database
from cmstudio.core.media import MediaStore
from cmstudio.core.models import Account, Article, Base, Variant, Workspace


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every model table, as SQLite stores it."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t.name: conn.execute(f'SELECT * FROM "{t.name}" ORDER BY 1').fetchall()
                for t in Base.metadata.sorted_tables}
    finally:
        conn.close()


def media_digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.glob("??/*") if p.is_file()}


def noise_image(path: Path, size: int = 1100) -> Path:
    """A PNG that does not compress: random pixels, about 3.6 MB."""
    Image.frombytes("RGB", (size, size), os.urandom(size * size * 3)).save(path, format="PNG")
    return path


def test_archive_holds_a_snapshot_the_media_and_a_complete_manifest(demo_db, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = create_backup(demo_db, out / "monday")
    assert result.path == out / f"monday{SUFFIX}" and result.size == result.path.stat().st_size

    with zipfile.ZipFile(result.path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        for name, entry in manifest["files"].items():
            data = archive.read(name)
            assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
        assert set(archive.namelist()) == set(manifest["files"]) | {"manifest.json"}
        snapshot = tmp_path / "snapshot.sqlite3"
        snapshot.write_bytes(archive.read("workspace.sqlite3"))

    assert manifest["format"] == "cmstudio-backup" and manifest["format_version"] == 1
    assert manifest["app_version"] == cmstudio.__version__
    assert manifest["schema_revision"] == head_revision()
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    with demo_db.session() as session:
        names = list(session.scalars(select(Workspace.name).order_by(Workspace.id)))
        articles = session.scalar(select(func.count(Article.id)))
        accounts = [(a.connector_id, a.name, a.handle) for a in session.scalars(select(Account).order_by(Account.id))]
    assert manifest["workspaces"] == names
    assert manifest["counts"]["articles"] == articles
    # Accounts to reconnect: who they are, nothing else (secrets live in the keyring).
    assert [(a["connector"], a["name"], a["handle"]) for a in manifest["accounts"]] == accounts
    assert all(set(a) == {"workspace", "connector", "network", "name", "handle"} for a in manifest["accounts"])
    stored = media_digests(demo_db.media_dir)
    assert {f"media/{k}" for k in stored} == {n for n in manifest["files"] if n.startswith("media/")}
    assert manifest["counts"]["media_files"] == len(stored) > 0
    assert table_rows(snapshot) == table_rows(demo_db.path)
    # One self-contained file: not in WAL mode, so nothing else is needed beside it.
    with sqlite3.connect(snapshot) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_folder_gets_a_dated_name_and_an_existing_file_is_not_replaced(demo_db, tmp_path: Path) -> None:
    when = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    first = create_backup(demo_db, tmp_path, now=when)
    assert first.path == tmp_path / f"cmstudio-20260304T050607Z{SUFFIX}"
    before = first.path.read_bytes()
    with pytest.raises(BackupError, match="already exists"):
        create_backup(demo_db, first.path, now=when)
    assert first.path.read_bytes() == before
    assert create_backup(demo_db, first.path, now=when, overwrite=True).path == first.path
    with pytest.raises(BackupError, match="does not exist"):
        create_backup(demo_db, tmp_path / "missing" / "b")


def test_backing_up_a_missing_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="no workspace database"):
        backup_database(str(tmp_path / "nothing.sqlite3"), tmp_path / "b")
    assert not (tmp_path / "nothing.sqlite3").exists()


class FillsUp(io.RawIOBase):
    """A real file that fails like a full disk once `room` bytes were written (errno ENOSPC)."""

    def __init__(self, path: Path, room: int) -> None:
        self.file = path.open("xb")
        self.room = room

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[no-untyped-def, override]
        if self.file.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.file.write(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.file.seek(offset, whence)

    def tell(self) -> int:
        return self.file.tell()

    def flush(self) -> None:
        self.file.flush()

    def fileno(self) -> int:
        return self.file.fileno()

    def close(self) -> None:
        if not self.closed:
            super().close()
            self.file.close()


def test_a_disk_that_fills_up_leaves_no_partial_archive_and_the_workspace_untouched(demo_db, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    before = table_rows(demo_db.path)
    with pytest.raises(BackupError, match="not enough free space") as info:
        create_backup(demo_db, out / "b", opener=lambda p: FillsUp(p, 150_000))  # type: ignore[arg-type,return-value]
    assert str(out) in str(info.value)
    assert list(out.iterdir()) == []
    assert table_rows(demo_db.path) == before


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 1 MB filesystem (tmpfs); skipped where mounting is not allowed."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_writing_onto_a_real_full_filesystem(demo_db, tmp_path: Path, tiny_disk: Path) -> None:
    MediaStore(demo_db.media_dir).add(noise_image(tmp_path / "noise.png"), original_name="noise.png")
    before = table_rows(demo_db.path)
    with pytest.raises(BackupError, match="not enough free space"):
        create_backup(demo_db, tiny_disk / "b")
    assert list(tiny_disk.iterdir()) == []
    assert table_rows(demo_db.path) == before


def test_a_server_database_is_copied_table_by_table_into_portable_sqlite(demo_db, tmp_path: Path) -> None:
    """copy_to_sqlite goes through SQLAlchemy only, as for PostgreSQL; here the source is the demo file."""
    with demo_db.session() as session:
        ids = sorted(session.scalars(select(Variant.id)))
        # A parent that comes after its child: the copy must not depend on row order.
        session.execute(update(Variant).where(Variant.id == ids[0]).values(recurrence_parent_id=ids[-1]))
    target = tmp_path / "copy.sqlite3"
    copy_to_sqlite(demo_db.engine, target)
    assert table_rows(target) == table_rows(demo_db.path)
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()


PG_URL = os.environ.get("CMSTUDIO_TEST_PG_URL", "")


@pytest.mark.skipif(not PG_URL, reason="no PostgreSQL server given: set CMSTUDIO_TEST_PG_URL")
def test_postgresql_backup_restores_into_sqlite(demo_db, tmp_path: Path) -> None:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from cmstudio.core.restore import restore_backup

    name = f"cmstudio_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        server = open_database(url)
        restore_backup(create_backup(demo_db, tmp_path / "a").path, url, force=True)  # SQLite → server
        with server.session() as session:
            session.add(Workspace(name="Added on the server"))  # sequences continue after restored ids
        result = create_backup(server, tmp_path / "b")  # server → portable SQLite
        server.close()
        restored = restore_backup(result.path, str(tmp_path / "back.sqlite3"))
        assert restored.workspaces == [*table_names(demo_db), "Added on the server"]
        rows = table_rows(tmp_path / "back.sqlite3")
        assert rows["articles"] == table_rows(demo_db.path)["articles"]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def table_names(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.session() as session:
        return list(session.scalars(select(Workspace.name).order_by(Workspace.id)))


# -- automatic rotating backups -------------------------------------------------------------------
def test_automatic_backups_are_daily_and_only_the_last_n_are_kept(demo_db, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    start = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    first = run_automatic_backup(demo_db, folder=folder, keep=3, now=start)
    assert first is not None and first.is_file()
    assert run_automatic_backup(demo_db, folder=folder, keep=3, now=start + timedelta(hours=23)) is None
    folder.joinpath(f"by-hand{SUFFIX}").write_bytes(b"a backup the user made")
    folder.joinpath(f"other-20200101T000000Z{SUFFIX}").write_bytes(b"another database's")
    made = [run_automatic_backup(demo_db, folder=folder, keep=3, now=start + timedelta(days=d)) for d in range(1, 6)]
    assert all(made)
    kept = [path for _when, path in automatic_backups(folder, demo_db.path.stem)]
    assert kept == made[-3:]
    assert folder.joinpath(f"by-hand{SUFFIX}").exists() and folder.joinpath(f"other-20200101T000000Z{SUFFIX}").exists()
    with zipfile.ZipFile(kept[-1]) as archive:
        assert json.loads(archive.read("manifest.json"))["created_at"].startswith("2026-05-06T09:00")


def test_keep_must_be_sensible() -> None:
    for bad in (0, -1, 10_000):
        with pytest.raises(BackupError, match="between 1 and"):
            check_keep(bad)
    assert check_keep(7) == 7
