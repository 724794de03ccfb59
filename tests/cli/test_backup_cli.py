"""`cmstudio backup`, `restore` and `export-articles`, run as real processes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SCRIPTS = {
    # Another process holds the workspace open and commits as fast as it can: each transaction adds
    # an article and records the running total in the workspace's signature.
    "writer": """
import sys
from pathlib import Path
from sqlalchemy import select
from cmstudio.core.db import open_database
from cmstudio.core.models import Article, Workspace
db = open_database(sys.argv[1])
stop = Path(sys.argv[2])
with db.session() as s:
    wid = s.scalars(select(Workspace.id).order_by(Workspace.id)).first()
n = 0
while not stop.exists():
    n += 1
    with db.session() as s:
        s.add(Article(workspace_id=wid, title=f"written {n}", markdown="x" * 3000))
        s.get(Workspace, wid).signature = f"written:{n}"
    if n == 20:
        print("writing", flush=True)
db.close()
print(n, flush=True)
""",
    # What a running studio holds on its database.
    "studio": """
import sys
from pathlib import Path
from cmstudio.core.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
assert lock.acquire()
print("locked", flush=True)
sys.stdin.read()
""",
}


def env_for(home: Path, lang: str = "en") -> dict[str, str]:
    return {**os.environ, "CMSTUDIO_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "CMSTUDIO_LANG": lang}


def run(*args: str, home: Path, lang: str = "en", timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cmstudio", *args], capture_output=True, text=True,
                          env=env_for(home, lang), timeout=timeout)


def start(script: str, *args: str, home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", SCRIPTS[script], *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env_for(home))


def fails_cleanly(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("source")
    db = folder / "workspace.sqlite3"
    done = run("demo", "--db", str(db), "--articles", "20", home=folder)
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture(scope="module")
def archive(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archives") / "plain"
    done = run("backup", "--db", str(workspace), "--out", str(out), home=workspace.parent)
    assert done.returncode == 0, done.stderr
    return out.with_name("plain.cmstudio-backup")


def written(conn: sqlite3.Connection) -> tuple[int, int]:
    count = conn.execute("SELECT count(*) FROM articles WHERE title LIKE 'written %'").fetchone()[0]
    signature = conn.execute("SELECT signature FROM workspaces ORDER BY id LIMIT 1").fetchone()[0]
    return count, int(signature.split(":")[1]) if signature.startswith("written:") else 0


def test_backup_while_another_process_writes_then_restore_on_a_new_machine(tmp_path: Path) -> None:
    home = tmp_path / "old-machine"
    db = home / "busy.sqlite3"
    assert run("demo", "--db", str(db), "--articles", "10", home=home).returncode == 0
    stop = tmp_path / "stop"
    writer = start("writer", str(db), str(stop), home=home)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        result = run("backup", "--db", str(db), "--out", str(tmp_path / "busy"), home=home)
    finally:
        stop.touch()
        total = int(writer.communicate(timeout=60)[0].strip())
    assert result.returncode == 0, result.stderr
    archive = tmp_path / "busy.cmstudio-backup"
    assert "Backup written" in result.stdout and str(archive) in result.stdout

    with zipfile.ZipFile(archive) as z:
        (tmp_path / "snap.sqlite3").write_bytes(z.read("workspace.sqlite3"))
    with sqlite3.connect(tmp_path / "snap.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count, recorded = written(conn)
    assert count == recorded, "the snapshot caught a transaction half-way"
    assert 20 <= count < total, "the writer was not writing during the backup"

    new_home = tmp_path / "new-machine"
    restored = run("restore", str(archive), home=new_home)
    assert restored.returncode == 0, restored.stderr
    target = new_home / "data" / "workspace.sqlite3"
    with sqlite3.connect(target) as conn:
        assert written(conn) == (count, recorded)
    assert str(target) in restored.stdout
    assert "Reconnect these accounts" in restored.stdout
    assert "@maisonlumiere@piaille.fr" in restored.stdout and "@northwindoutdoor.bsky.social" in restored.stdout
    assert len(list((new_home / "data" / "workspace-media").glob("??/*"))) > 0


def test_restore_refuses_a_workspace_open_in_a_running_studio(archive: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run("demo", "--db", str(home / "w.sqlite3"), "--articles", "3", home=home).returncode == 0
    before = (home / "w.sqlite3").read_bytes()
    studio = start("studio", str(home / "w.sqlite3"), home=home)
    try:
        assert studio.stdout is not None and studio.stdout.readline().strip() == "locked"
        result = run("restore", str(archive), "--db", str(home / "w.sqlite3"), "--force", home=home)
    finally:
        studio.communicate(input="", timeout=30)
    fails_cleanly(result, "open in a running CM Studio")
    assert (home / "w.sqlite3").read_bytes() == before


def test_restore_over_a_workspace_needs_force_and_keeps_the_old_one(archive: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    target = home / "w.sqlite3"
    assert run("demo", "--db", str(target), "--articles", "3", home=home).returncode == 0
    refused = run("restore", str(archive), "--db", str(target), home=home)
    fails_cleanly(refused, "--force")
    done = run("restore", str(archive), "--db", str(target), "--force", home=home)
    assert done.returncode == 0, done.stderr
    kept = list(home.glob("w.before-restore-*.sqlite3"))
    assert len(kept) == 1 and str(kept[0]) in done.stdout
    with sqlite3.connect(kept[0]) as old, sqlite3.connect(target) as new:
        assert old.execute("SELECT count(*) FROM articles").fetchone()[0] == 3 + 6
        assert new.execute("SELECT count(*) FROM articles").fetchone()[0] == 20 + 6


def test_damaged_foreign_and_newer_archives_are_refused(archive: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    target = home / "w.sqlite3"
    assert run("demo", "--db", str(target), "--articles", "3", home=home).returncode == 0
    before = target.read_bytes()

    damaged = bytearray(archive.read_bytes())
    for i in range(len(damaged) // 2, len(damaged) // 2 + 32):
        damaged[i] ^= 0x5A
    (tmp_path / "damaged.cmstudio-backup").write_bytes(bytes(damaged))
    with zipfile.ZipFile(tmp_path / "holiday.zip", "w") as z:
        z.writestr("photo-list.txt", "beach, mountain")
    (tmp_path / "letter.cmstudio-backup").write_text("Dear customer,\n")
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(tmp_path / "newer.cmstudio-backup", "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "manifest.json":
                data = json.dumps({**json.loads(data), "format_version": 7, "app_version": "4.0"}).encode()
            dst.writestr(name, data)

    cases = {"damaged.cmstudio-backup": "is damaged", "holiday.zip": "is not a CM Studio backup",
             "letter.cmstudio-backup": "is not a CM Studio backup", "newer.cmstudio-backup": "newer version"}
    for name, message in cases.items():
        fails_cleanly(run("restore", str(tmp_path / name), "--db", str(target), "--force", home=home), message)
        fails_cleanly(run("restore", "--check", str(tmp_path / name), home=home), message)
    assert target.read_bytes() == before
    assert sorted(p.name for p in home.iterdir() if "restore" in p.name) == []


def test_check_verifies_a_sound_archive_without_restoring(archive: Path, tmp_path: Path) -> None:
    result = run("restore", "--check", str(archive), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "sound backup" in result.stdout and "Maison Lumière" in result.stdout
    assert not (tmp_path / "data" / "workspace.sqlite3").exists()


def test_a_full_disk_while_writing_the_backup(workspace: Path, tmp_path: Path) -> None:
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(tiny)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        before = workspace.read_bytes()
        result = run("backup", "--db", str(workspace), "--out", str(tiny / "b"), home=workspace.parent)
        fails_cleanly(result, "not enough free space", str(tiny))
        assert list(tiny.iterdir()) == []
        assert workspace.read_bytes() == before
    finally:
        subprocess.run(["umount", str(tiny)], check=False)


def test_export_articles(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("export-articles", "--db", str(workspace), "--out", str(out), home=workspace.parent)
    assert result.returncode == 0, result.stderr
    files = list(out.glob("*/*.md"))
    assert len(files) == 20 + 6 and f"Exported {len(files)} article(s)" in result.stdout
    assert all((out / f.parent.name / "images").is_dir() for f in files)
    fails_cleanly(run("export-articles", "--db", str(workspace), "--out", str(out), "--workspace", "99",
                      home=workspace.parent), "no workspace 99")
