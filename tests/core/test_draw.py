"""The verifiable draw: recomputed independently, run as the published snippet, tamper-evident."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cmstudio.core import draw as d

ROOT = Path(__file__).resolve().parents[2]
SEED = bytes(range(32))
HANDLES = ["@Marie.Dupont", "zoé_b", "Ünal", "bob", "alice", "e\u0301lise", "francois.lefevre", "Charlie"]
NORMALIZED = ["marie.dupont", "zoé_b", "ünal", "bob", "alice", "élise", "francois.lefevre", "charlie"]


def independent_ranking(seed: bytes, handles: list[str]) -> list[str]:
    """The algorithm as docs/draw-algorithm.md states it, written from the text, not the module."""
    scores = []
    for handle in handles:
        digest = hmac.new(seed, handle.encode("utf-8"), hashlib.sha256).hexdigest()
        scores.append((digest, handle))
    scores.sort()
    return [handle for _digest, handle in scores]


def test_seed_and_commitment() -> None:
    seed = d.new_seed()
    assert isinstance(seed, bytes) and len(seed) == 32
    assert d.new_seed() != seed
    assert d.commitment(SEED) == hashlib.sha256(SEED).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", d.commitment(seed))
    with pytest.raises(d.DrawError):
        d.commitment(b"short")


def test_fingerprint_is_sorted_joined_without_trailing_newline() -> None:
    expected = hashlib.sha256("\n".join(sorted(NORMALIZED)).encode("utf-8")).hexdigest()
    assert d.entries_fingerprint(HANDLES) == expected
    assert d.entries_fingerprint(list(reversed(HANDLES))) == expected
    with_newline = hashlib.sha256(("\n".join(sorted(NORMALIZED)) + "\n").encode("utf-8")).hexdigest()
    assert d.entries_fingerprint(HANDLES) != with_newline
    assert d.published_list(HANDLES) == "\n".join(sorted(NORMALIZED)) + "\n"


def test_draw_matches_independent_computation_and_is_deterministic() -> None:
    when = datetime(2026, 12, 16, 10, 0, tzinfo=UTC)
    result = d.draw(SEED, HANDLES, winners=2, alternates=3, drawn_at=when)
    ranking = independent_ranking(SEED, NORMALIZED)
    assert result.winners == tuple(ranking[:2])
    assert result.alternates == tuple(ranking[2:5])
    assert result.entry_count == 8
    assert result.seed_hex == SEED.hex()
    assert result.commitment == hashlib.sha256(SEED).hexdigest()
    assert (result.algorithm, result.version) == ("cmstudio-hmac-sha256-rank", 1)
    assert result.drawn_at == when
    again = d.draw(SEED, list(reversed(HANDLES)), winners=2, alternates=3, drawn_at=when)
    assert again == result
    other = d.draw(bytes(32), HANDLES, winners=2, alternates=3, drawn_at=when)
    assert other.winners + other.alternates != result.winners + result.alternates


def test_each_entry_wins_about_equally_often() -> None:
    handles = [f"user{i}" for i in range(10)]
    wins = dict.fromkeys(handles, 0)
    for n in range(2000):
        seed = hashlib.sha256(str(n).encode()).digest()
        wins[d.draw(seed, handles, 1).winners[0]] += 1
    assert all(140 < count < 260 for count in wins.values()), wins


def test_verify_accepts_the_real_draw_and_detects_tampering() -> None:
    result = d.draw(SEED, HANDLES, winners=2, alternates=2)
    assert d.verify(SEED.hex(), HANDLES, result)
    assert d.verify(SEED.hex().upper(), NORMALIZED, result)
    other_seed = bytearray(SEED)
    other_seed[0] ^= 1
    assert not d.verify(bytes(other_seed).hex(), HANDLES, result)
    assert not d.verify("not hex", HANDLES, result)
    assert not d.verify(SEED.hex(), HANDLES + ["intruder"], result)
    assert not d.verify(SEED.hex(), HANDLES[1:], result)
    swapped = dataclasses.replace(result, winners=(result.winners[1], result.winners[0]))
    assert not d.verify(SEED.hex(), HANDLES, swapped)
    promoted = dataclasses.replace(result, winners=(result.alternates[0], result.winners[1]))
    assert not d.verify(SEED.hex(), HANDLES, promoted)
    assert not d.verify(SEED.hex(), HANDLES, dataclasses.replace(result, commitment="0" * 64))
    assert not d.verify(SEED.hex(), HANDLES, dataclasses.replace(result, version=2))


def test_round_trip_through_dict() -> None:
    result = d.draw(SEED, HANDLES, winners=1, alternates=1)
    assert d.DrawResult.from_dict(result.to_dict()) == result
    with pytest.raises(d.DrawError):
        d.DrawResult.from_dict({"seed": "00"})


def test_bad_inputs_are_clear_errors() -> None:
    with pytest.raises(d.DrawError, match="twice"):
        d.draw(SEED, ["@Bob", "bob"], 1)
    with pytest.raises(d.DrawError, match="Only 2"):
        d.draw(SEED, ["a", "b"], 3)
    with pytest.raises(d.DrawError, match="empty"):
        d.draw(SEED, ["a", "  "], 1)
    with pytest.raises(d.DrawError, match="hexadecimal"):
        d.seed_from_hex("zz")
    short = d.draw(SEED, ["a", "b", "c"], winners=2, alternates=5)
    assert len(short.alternates) == 1


def test_published_snippet_reproduces_the_draw(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "draw-algorithm.md").read_text(encoding="utf-8")
    assert d.VERIFY_SNIPPET in doc
    assert len(d.VERIFY_SNIPPET.strip().splitlines()) <= 12
    assert not re.search(r"^(import|from) (?!hashlib, hmac, sys$)", d.VERIFY_SNIPPET, re.M)
    script = tmp_path / "verify_draw.py"
    script.write_text(d.VERIFY_SNIPPET, encoding="utf-8")
    entries = tmp_path / "entries.txt"
    entries.write_bytes(d.published_list(HANDLES).encode("utf-8"))
    result = d.draw(SEED, HANDLES, winners=2, alternates=2)
    out = subprocess.run([sys.executable, str(script), result.seed_hex, str(entries)],
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout.splitlines()
    assert out[0].split() == ["commitment", result.commitment]
    assert out[1].split() == ["fingerprint", result.fingerprint]
    ranked = [line.split(" ", 1)[1] for line in out[2:]]
    assert tuple(ranked[:2]) == result.winners
    assert tuple(ranked[2:4]) == result.alternates
