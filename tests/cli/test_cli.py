"""The command line, run as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

import cmstudio


def run(*args: str, home: Path, timeout: float = 120, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CMSTUDIO_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "CMSTUDIO_LANG": lang}
    return subprocess.run([sys.executable, "-m", "cmstudio", *args], capture_output=True, text=True,
                          env=env, timeout=timeout)


def test_version(tmp_path: Path) -> None:
    result = run("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"cmstudio {cmstudio.__version__}"


def test_bad_arguments_exit_2_with_one_sentence(tmp_path: Path) -> None:
    result = run("snapshot", "--view", "nowhere", "--out", "x.png", home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreadable_database_exit_2_and_log_has_details(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00garbage" * 100)
    result = run("demo", "--db", str(bad), home=tmp_path)
    assert result.returncode == 2
    assert str(bad) in result.stderr and "Traceback" not in result.stderr
    assert bad.read_bytes() == b"\x00garbage" * 100


def test_errors_follow_the_user_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("pas une base")
    result = run("demo", "--db", str(bad), home=tmp_path, lang="fr")
    assert result.returncode == 2
    assert "n’est pas un espace de travail CM Studio" in result.stderr


def test_demo_is_deterministic(tmp_path: Path) -> None:
    import sqlite3

    contents = []
    for name in ("a", "b"):
        db = tmp_path / f"{name}.sqlite3"
        result = run("demo", "--db", str(db), "--articles", "12", "--seed", "5", home=tmp_path)
        assert result.returncode == 0, result.stderr
        with sqlite3.connect(db) as conn:
            contents.append(conn.execute("SELECT title, slug, language, status, tags FROM articles ORDER BY id").fetchall())
    assert contents[0] == contents[1] and len(contents[0]) == 12 + 6


def test_snapshot_of_every_view_is_not_blank(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite3"
    assert run("demo", "--db", str(db), "--articles", "20", home=tmp_path).returncode == 0
    for view in ("articles", "editor", "variants", "calendar", "contests", "publishing"):
        out = tmp_path / f"{view}.png"
        result = run("snapshot", "--db", str(db), "--view", view, "--out", str(out), "--size", "1200x800",
                     "--lang", "fr", home=tmp_path)
        assert result.returncode == 0, result.stderr
        with Image.open(out) as image:
            assert image.size[0] >= 1200
            colors = image.convert("RGB").getcolors(maxcolors=1_000_000)
            assert colors is not None and len(colors) > 50, f"{view} looks blank"
