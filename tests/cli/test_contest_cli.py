"""`cmstudio contest draw` and `verify` run as real processes on real files."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cmstudio(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CMSTUDIO_LANG": lang, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cmstudio", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


@pytest.fixture
def entries_csv(tmp_path: Path) -> Path:
    """An Excel-in-French export: semicolons, Windows-1252, a duplicate and an unreadable row."""
    rows = ["Date;Pseudo;Commentaire"]
    rows += [f"01/12/2026;@Fan_{i:02d};J’adore ! n°{i}" for i in range(1, 13)]
    rows.insert(5, "02/12/2026;@FAN_03;encore moi")
    rows.insert(8, '02/12/2026;"@cassé;oups')
    path = tmp_path / "participants.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252") + b"\r\n")
    return path


def test_draw_then_verify_with_the_printed_seed(entries_csv: Path) -> None:
    drawn = cmstudio(
        "contest", "draw", "--entries", str(entries_csv), "--winners", "2", "--alternates", "2", "--json"
    )
    assert drawn.returncode == 0, drawn.stderr
    report = json.loads(drawn.stdout)
    assert {
        "seed",
        "commitment",
        "entries_fingerprint",
        "algorithm",
        "eligible",
        "duplicates_removed",
        "rejected_rows",
        "winners",
        "alternates",
    } <= set(report)
    assert report["eligible"] == 12 and report["duplicates_removed"] == 1 and report["rejected_rows"] == [9]
    seed = bytes.fromhex(report["seed"])
    assert report["commitment"] == hashlib.sha256(seed).hexdigest()
    handles = [f"fan_{i:02d}" for i in range(1, 13)]
    assert report["entries_fingerprint"] == hashlib.sha256("\n".join(sorted(handles)).encode()).hexdigest()
    # Recomputed independently from the documented algorithm (docs/draw-algorithm.md).
    ranked = sorted(handles, key=lambda h: (hmac.new(seed, h.encode(), hashlib.sha256).hexdigest(), h))
    assert report["winners"] == ranked[:2] and report["alternates"] == ranked[2:4]

    checked = cmstudio(
        "contest",
        "verify",
        "--entries",
        str(entries_csv),
        "--seed",
        report["seed"],
        "--winners",
        ",".join("@" + w.upper() for w in report["winners"]),
        "--alternates",
        ",".join(report["alternates"]),
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Verified" in checked.stdout


def test_verify_reports_tampered_winners(entries_csv: Path) -> None:
    seed = "11" * 32
    report = json.loads(
        cmstudio(
            "contest", "draw", "--entries", str(entries_csv), "--winners", "2", "--seed", seed, "--json"
        ).stdout
    )
    swapped = list(reversed(report["winners"]))
    checked = cmstudio(
        "contest", "verify", "--entries", str(entries_csv), "--seed", seed, "--winners", ",".join(swapped)
    )
    assert checked.returncode == 1
    assert f"announced {swapped[0]}, recomputed {report['winners'][0]}" in checked.stdout
    as_json = cmstudio(
        "contest",
        "verify",
        "--entries",
        str(entries_csv),
        "--seed",
        seed,
        "--winners",
        ",".join(swapped),
        "--json",
    )
    assert as_json.returncode == 1 and json.loads(as_json.stdout)["identical"] is False


def test_verify_reads_the_published_plain_list(tmp_path: Path) -> None:
    listing = tmp_path / "entries.txt"
    listing.write_text("\n".join(sorted(["anna", "bruno", "chloé", "dimitri"])) + "\n", encoding="utf-8")
    seed = "ab" * 32
    report = json.loads(
        cmstudio(
            "contest",
            "draw",
            "--entries",
            str(listing),
            "--winners",
            "1",
            "--seed",
            seed,
            "--alternates",
            "1",
            "--json",
        ).stdout
    )
    assert report["eligible"] == 4
    ok = cmstudio(
        "contest",
        "verify",
        "--entries",
        str(listing),
        "--seed",
        seed,
        "--winners",
        report["winners"][0],
        "--alternates",
        report["alternates"][0],
    )
    assert ok.returncode == 0


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--seed", "not-hex"], "64 hexadecimal digits"),
        (["--seed", "abcd"], "64 hexadecimal digits"),
        (["--winners", "20"], "fewer than the 20 winners"),
    ],
)
def test_bad_input_exits_2_with_one_sentence(entries_csv: Path, args: list[str], fragment: str) -> None:
    base = ["contest", "draw", "--entries", str(entries_csv), "--winners", "1"]
    result = cmstudio(*base, *args)
    assert result.returncode == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_empty_file_and_missing_column(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = cmstudio("contest", "verify", "--entries", str(empty), "--seed", "00" * 32, "--winners", "a")
    assert result.returncode == 2 and "is empty" in result.stderr
    table = tmp_path / "table.csv"
    table.write_text("Nom,Ville\nMarie,Lyon\n", encoding="utf-8")
    result = cmstudio("contest", "draw", "--entries", str(table), "--winners", "1")
    assert result.returncode == 2 and "--column" in result.stderr
    chosen = cmstudio(
        "contest", "draw", "--entries", str(table), "--column", "nom", "--winners", "1", "--json"
    )
    assert chosen.returncode == 0 and json.loads(chosen.stdout)["winners"] == ["marie"]
