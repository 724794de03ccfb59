"""Opening databases: migrations, pragmas, and every way a file can be wrong."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from cmstudio.core.db import head_revision, open_database
from cmstudio.core.errors import DatabaseError
from cmstudio.core.workspaces import create_workspace


def _digest(path: Path) -> bytes:
    return path.read_bytes()


def test_new_database_is_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    db = open_database(str(path))
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    db.close()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    from cmstudio.core.models import Article

    db = open_database(str(tmp_path / "w.sqlite3"))
    with pytest.raises(Exception, match="FOREIGN KEY"), db.session() as session:
        session.add(Article(workspace_id=999, title="orphan"))
    db.close()


def test_default_location_is_user_data_dir(isolated_home: Path) -> None:
    db = open_database(None)
    assert db.path == isolated_home / "data" / "workspace.sqlite3"
    assert db.path.exists()
    db.close()


def test_not_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("Ceci n'est pas une base de données.\n" * 50)
    before = _digest(path)
    with pytest.raises(DatabaseError, match="not an SQLite database") as info:
        open_database(str(path))
    assert str(path) in str(info.value)
    assert _digest(path) == before
    assert not list(tmp_path.glob("notes.before-*"))


def test_corrupt_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    db = open_database(str(path))
    with db.session() as session:
        for index in range(200):
            create_workspace(session, f"Brand {index}", signature="x" * 500)
    db.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):  # scribble over every page but the header
        data[offset + 10: offset + 200] = b"\xde\xad" * 95
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(DatabaseError, match="damaged") as info:
        open_database(str(path))
    assert str(path) in str(info.value)
    assert _digest(path) == before


def test_newer_schema_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    open_database(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _digest(path)
    with pytest.raises(DatabaseError, match="newer version of CM Studio"):
        open_database(str(path))
    assert _digest(path) == before


def test_locked_database_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    open_database(str(path)).close()
    # Another process holds an exclusive lock (as a crashed-but-alive tool would).
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3,sys,time\n"
         f"c=sqlite3.connect(r'{path}', isolation_level=None)\n"
         "c.execute('PRAGMA journal_mode=DELETE')\n"
         "c.execute('BEGIN EXCLUSIVE')\n"
         "print('locked', flush=True)\n"
         "time.sleep(30)\n"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseError, match="locked by another program"):
            open_database(str(path))
    finally:
        holder.kill()
        holder.wait()


def test_unwritable_folder_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseError, match="cannot be created"):
        open_database(str(blocker / "sub" / "w.sqlite3"))


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0,
                    reason="root ignores folder permissions, so a read-only folder cannot be simulated")
def test_read_only_folder_gives_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseError, match="read-only"):
            open_database(str(folder / "w.sqlite3"))
    finally:
        folder.chmod(0o700)


def test_copy_aside_is_a_consistent_readable_copy(tmp_path: Path) -> None:
    from cmstudio.core.db import copy_aside

    path = tmp_path / "w.sqlite3"
    db = open_database(str(path))
    with db.session() as session:
        create_workspace(session, "Maison Lumière")
    copy = copy_aside(path, head_revision())
    db.close()
    assert copy.name.startswith("w.before-") and copy.exists()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT name FROM workspaces").fetchone()[0] == "Maison Lumière"


def test_bad_url_is_a_user_error() -> None:
    with pytest.raises(DatabaseError):
        open_database("nosuchdialect+foo://x/y")


def test_schema_head_constant_matches_the_migrations() -> None:
    from cmstudio.core.db import SCHEMA_HEAD

    assert SCHEMA_HEAD == head_revision()


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    open_database(str(path)).close()
    code = (f"import sys; from cmstudio.core.db import open_database; open_database({str(path)!r}).close(); "
            "print('alembic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_older_database_is_copied_aside_then_migrated(tmp_path: Path) -> None:
    from alembic import command

    from cmstudio.core.db import alembic_config

    path = tmp_path / "w.sqlite3"
    command.upgrade(alembic_config(f"sqlite:///{path}"), "0001")  # a workspace from the first release
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO workspaces (name, color, timezone, language, signature, hashtag_groups, "
                     "utm_template, spacing_minutes, personal_dictionary, marketing_days, created_at, updated_at) "
                     "VALUES ('Ancienne', '#123456', 'Europe/Paris', 'fr', '', '{}', '', 30, '[]', '[]', "
                     "'2026-01-01 00:00:00', '2026-01-01 00:00:00')")
    db = open_database(str(path))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    db.close()
    copies = list(tmp_path.glob("w.before-0001-*.sqlite3"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert conn.execute("SELECT name FROM workspaces").fetchone()[0] == "Ancienne"
