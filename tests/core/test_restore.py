"""Restoring backups, and every archive that must be refused with the current workspace untouched."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from cmstudio.core.backup import BackupError, create_backup
from cmstudio.core.db import head_revision, open_database
from cmstudio.core.instance_lock import InstanceLock
from cmstudio.core.models import Base
from cmstudio.core.paths import media_dir_for
from cmstudio.core.restore import read_backup, restore_backup, verify_backup
from cmstudio.core.workspaces import create_workspace


def table_rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t.name: conn.execute(f'SELECT * FROM "{t.name}" ORDER BY 1').fetchall()
                for t in Base.metadata.sorted_tables}
    finally:
        conn.close()


def media_digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.glob("??/*") if p.is_file()}


@pytest.fixture
def archive(demo_db, tmp_path: Path) -> Path:
    return create_backup(demo_db, tmp_path / "monday").path


@pytest.fixture
def current(tmp_path: Path) -> Path:
    """The workspace already on this machine: one workspace of its own."""
    path = tmp_path / "here" / "workspace.sqlite3"
    db = open_database(str(path))
    with db.session() as session:
        create_workspace(session, "Déjà là")
    db.close()
    return path


def snapshot_of(path: Path) -> bytes:
    return path.read_bytes()


def leftovers(folder: Path) -> list[str]:
    """Anything a failed restore could leave behind: staging folders, copies aside, partial files."""
    return sorted(p.name for p in folder.iterdir()
                  if "restore" in p.name or p.name.endswith((".partial", ".tmp")) or p.name.startswith(".tmp"))


def test_restore_into_a_new_machine_brings_everything_back(demo_db, archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "new-machine" / "workspace.sqlite3"
    result = restore_backup(archive, str(target))
    assert result.previous is None and result.migrated_from is None
    assert table_rows(target) == table_rows(demo_db.path)
    assert media_digests(media_dir_for(target)) == media_digests(demo_db.media_dir)
    assert result.workspaces == ["Maison Lumière", "Northwind Outdoor"]
    assert {a["handle"] for a in result.accounts} == {
        "@maisonlumiere@piaille.fr", "@maisonlumiere.bsky.social",
        "@northwindoutdoor@piaille.fr", "@northwindoutdoor.bsky.social"}
    assert leftovers(target.parent) == []
    reopened = open_database(str(target))  # the studio opens it as is
    reopened.close()


def test_replacing_a_workspace_needs_force_and_keeps_the_previous_one(demo_db, archive: Path,
                                                                     current: Path) -> None:
    before = snapshot_of(current)
    with pytest.raises(BackupError, match="Déjà là.*--force"):
        restore_backup(archive, str(current))
    assert snapshot_of(current) == before

    result = restore_backup(archive, str(current), force=True)
    assert result.previous is not None
    assert result.previous.name.startswith("workspace.before-restore-") and result.previous.suffix == ".sqlite3"
    with sqlite3.connect(result.previous) as conn:
        assert conn.execute("SELECT name FROM workspaces").fetchall() == [("Déjà là",)]
    assert table_rows(current) == table_rows(demo_db.path)
    assert not current.with_name(current.name + "-wal").exists()


def test_a_running_studio_keeps_its_database(archive: Path, current: Path) -> None:
    studio = InstanceLock(current)  # what the studio holds while its window is open
    assert studio.acquire()
    before = snapshot_of(current)
    try:
        with pytest.raises(BackupError, match="open in a running CM Studio"):
            restore_backup(archive, str(current), force=True)
    finally:
        studio.release()
    assert snapshot_of(current) == before
    assert leftovers(current.parent) == []


def test_an_older_backup_is_migrated(demo_db, tmp_path: Path) -> None:
    from alembic import command

    from cmstudio.core.db import alembic_config

    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(demo_db.path) as source, sqlite3.connect(old) as copy:
        source.backup(copy)
    config = alembic_config(f"sqlite:///{old}")
    command.downgrade(config, "0001")
    old_db = open_database(str(old), migrate=False)
    made = create_backup(old_db, tmp_path / "old-backup")
    old_db.close()
    assert made.manifest["schema_revision"] == "0001"

    target = tmp_path / "restored" / "w.sqlite3"
    result = restore_backup(made.path, str(target))
    assert result.migrated_from == "0001"
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(table_rows(old)["articles"])
    assert [p.name for p in target.parent.glob("*.before-*")] == []


# -- bad archives ---------------------------------------------------------------------------------------
def flipped(archive: Path, where: float, out: Path) -> Path:
    data = bytearray(archive.read_bytes())
    middle = int(len(data) * where)
    for i in range(middle, middle + 16):
        data[i] ^= 0xFF
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize("where", [0.05, 0.35, 0.5, 0.7, 0.9])
def test_a_damaged_archive_is_refused_and_nothing_changes(archive: Path, current: Path, tmp_path: Path,
                                                          where: float) -> None:
    bad = flipped(archive, where, tmp_path / "bad.cmstudio-backup")
    before = snapshot_of(current)
    with pytest.raises(BackupError, match="is damaged") as info:
        restore_backup(bad, str(current), force=True)
    assert str(bad) in str(info.value)
    assert snapshot_of(current) == before
    assert leftovers(current.parent) == []


def test_a_truncated_archive_is_damaged(archive: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.cmstudio-backup"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(BackupError, match="damaged.*incomplete"):
        verify_backup(cut)


def rewrite(archive: Path, out: Path, *, manifest: dict | None = None, extra: dict[str, bytes] | None = None,
            replace: dict[str, bytes] | None = None) -> Path:
    """A copy of `archive` with its manifest or members changed (a forged or foreign archive)."""
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "manifest.json" and manifest is not None:
                data = json.dumps(manifest).encode()
            dst.writestr(name, (replace or {}).get(name, data))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out


def manifest_of(archive: Path) -> dict:
    with zipfile.ZipFile(archive) as src:
        return json.loads(src.read("manifest.json"))


def test_foreign_files_are_not_mistaken_for_backups(tmp_path: Path, current: Path) -> None:
    text = tmp_path / "notes.cmstudio-backup"
    text.write_text("Bonjour, ceci est un texte.\n" * 20)
    random_zip = tmp_path / "photos.zip"
    with zipfile.ZipFile(random_zip, "w") as z:
        z.writestr("holiday.txt", "sun")
    other_manifest = tmp_path / "other.zip"
    with zipfile.ZipFile(other_manifest, "w") as z:
        z.writestr("manifest.json", json.dumps({"name": "some other app", "version": 3}))
    before = snapshot_of(current)
    for path in (text, random_zip, other_manifest):
        with pytest.raises(BackupError, match="is not a CM Studio backup"):
            restore_backup(path, str(current), force=True)
    with pytest.raises(BackupError, match="does not exist"):
        restore_backup(tmp_path / "nowhere.cmstudio-backup", str(current), force=True)
    assert snapshot_of(current) == before


@pytest.mark.parametrize("change", [{"format_version": 2}, {"schema_revision": "0999", "app_version": "9.0.0"}])
def test_a_backup_from_a_newer_version_is_refused(archive: Path, current: Path, tmp_path: Path, change) -> None:
    newer = rewrite(archive, tmp_path / "newer.cmstudio-backup", manifest={**manifest_of(archive), **change})
    before = snapshot_of(current)
    with pytest.raises(BackupError, match="made by a newer version of CM Studio"):
        restore_backup(newer, str(current), force=True)
    assert snapshot_of(current) == before


def test_a_forged_member_fails_its_checksum(archive: Path, current: Path, tmp_path: Path) -> None:
    manifest = manifest_of(archive)
    media = next(n for n in manifest["files"] if n.startswith("media/"))
    forged = rewrite(archive, tmp_path / "forged.cmstudio-backup", replace={media: b"not the picture"})
    before = snapshot_of(current)
    with pytest.raises(BackupError, match="does not match its checksum"):
        restore_backup(forged, str(current), force=True)
    assert snapshot_of(current) == before
    assert leftovers(current.parent) == []


def test_members_outside_the_manifest_or_outside_the_folder_are_refused(archive: Path, tmp_path: Path) -> None:
    extra = rewrite(archive, tmp_path / "extra.cmstudio-backup", extra={"run-me.sh": b"rm -rf ~"})
    with pytest.raises(BackupError, match="do not match its manifest"):
        read_backup(extra)
    manifest = manifest_of(archive)
    manifest["files"]["../../escape.txt"] = {"sha256": "0" * 64, "size": 3}
    escape = rewrite(archive, tmp_path / "escape.cmstudio-backup", manifest=manifest,
                     extra={"../../escape.txt": b"bad"})
    with pytest.raises(BackupError, match="unexpected file"):
        restore_backup(escape, str(tmp_path / "t.sqlite3"))
    assert not (tmp_path.parent / "escape.txt").exists()


def test_a_database_that_fails_its_integrity_check(archive: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(archive) as src:
        data = bytearray(src.read("workspace.sqlite3"))
    page = 4096
    data[page * 3: page * 3 + 200] = b"\xA5" * 200  # a b-tree page overwritten
    manifest = manifest_of(archive)
    manifest["files"]["workspace.sqlite3"] = {"sha256": hashlib.sha256(bytes(data)).hexdigest(), "size": len(data)}
    broken = rewrite(archive, tmp_path / "broken.cmstudio-backup", manifest=manifest,
                     replace={"workspace.sqlite3": bytes(data)})
    with pytest.raises(BackupError, match="damaged"):
        verify_backup(broken)


@pytest.fixture
def tiny_disk(tmp_path: Path):
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_restoring_onto_a_full_disk_is_refused_before_anything_is_written(archive: Path, tiny_disk: Path) -> None:
    with pytest.raises(BackupError, match="not enough free space"):
        restore_backup(archive, str(tiny_disk / "w.sqlite3"))
    assert sorted(p.name for p in tiny_disk.iterdir()) in ([], ["w.sqlite3.lock"])


def test_a_damaged_current_database_is_kept_aside_and_replaced_with_force(demo_db, archive: Path,
                                                                         tmp_path: Path) -> None:
    target = tmp_path / "broken" / "workspace.sqlite3"
    target.parent.mkdir()
    target.write_bytes(b"SQLite format 3\x00" + b"\x13" * 8000)
    damaged = target.read_bytes()
    with pytest.raises(BackupError, match="--force"):
        restore_backup(archive, str(target))
    result = restore_backup(archive, str(target), force=True)
    assert result.previous is not None and result.previous.read_bytes() == damaged
    assert table_rows(target) == table_rows(demo_db.path)
