"""`cmstudio agenda` and `cmstudio export-ics` run as real processes on a real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from cmstudio.core.db import open_database
from cmstudio.core.models import Article, Contest, Phase, Variant, Workspace

PARIS = ZoneInfo("Europe/Paris")


def run(*args: str, home) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CMSTUDIO_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "cmstudio", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture
def db_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    db = open_database(url)
    with db.session() as s:
        ws = Workspace(name="Atelier", timezone="Europe/Paris", language="en")
        s.add(ws)
        s.flush()
        s.add(Article(workspace_id=ws.id, title="Winter bread", slug="winter-bread", status="scheduled",
                      publish_at=datetime(2026, 10, 26, 9, tzinfo=PARIS)))
        s.add(Variant(workspace_id=ws.id, network="bluesky", text="Bread is back\nmore", status="ready",
                      scheduled_at=datetime(2026, 10, 24, 18, 30, tzinfo=PARIS)))
        s.add(Variant(workspace_id=ws.id, network="x", text="Not in range", status="draft",
                      scheduled_at=datetime(2026, 12, 24, 8, tzinfo=PARIS)))
        contest = Contest(workspace_id=ws.id, title="Giveaway", start_at=datetime(2026, 10, 20, tzinfo=UTC),
                          end_at=datetime(2026, 10, 31, tzinfo=UTC))
        contest.phases.append(Phase(kind="launch", title="Launch", start_at=datetime(2026, 10, 20, 7, tzinfo=UTC)))
        s.add(contest)
    db.close()
    return url


def test_agenda_json_lists_items_with_offsets(db_file, tmp_path):
    result = run("agenda", "--db", db_file, "--from", "2026-10-24", "--to", "2026-10-26", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    by_title = {row["title"]: row for row in rows}
    assert set(by_title) >= {"Winter bread", "Bread is back", "Giveaway"}
    assert "Not in range" not in by_title and "Giveaway · Launch" not in by_title
    post = by_title["Bread is back"]
    assert {"id", "kind", "title", "start", "end", "network", "status"} <= set(post)
    assert (post["kind"], post["network"], post["status"], post["end"]) == ("post", "bluesky", "ready", None)
    # 24 October is still summer time (+02:00); 26 October is winter time (+01:00).
    assert post["start"] == "2026-10-24T18:30:00+02:00"
    assert by_title["Winter bread"]["start"] == "2026-10-26T09:00:00+01:00"
    assert datetime.fromisoformat(by_title["Giveaway"]["end"]) == datetime(2026, 10, 31, tzinfo=UTC)


def test_agenda_without_range_lists_everything_and_table_output(db_file, tmp_path):
    rows = json.loads(run("agenda", "--db", db_file, "--json", home=tmp_path).stdout)
    assert {"Winter bread", "Bread is back", "Not in range", "Giveaway · Launch", "Giveaway"} <= {r["title"] for r in rows}
    starts = [datetime.fromisoformat(r["start"]) for r in rows]
    assert starts == sorted(starts)
    table = run("agenda", "--db", db_file, "--from", "2026-12-01", home=tmp_path)
    assert table.returncode == 0
    assert "2026-12-24 08:00" in table.stdout and "Not in range" in table.stdout


@pytest.mark.parametrize("args", [("--from", "yesterday"), ("--to", "2026-13-01"),
                                  ("--from", "2026-10-10", "--to", "2026-10-01"), ("--workspace", "99")])
def test_bad_input_is_one_sentence_and_exit_2(db_file, tmp_path, args):
    result = run("agenda", "--db", db_file, *args, home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.startswith("cmstudio: ")


def test_export_ics_to_file_and_stdout(db_file, tmp_path):
    out = tmp_path / "plan.ics"
    result = run("export-ics", "--db", db_file, "--from", "2026-10-01", "--to", "2026-10-31", "--out", str(out),
                 home=tmp_path)
    assert result.returncode == 0, result.stderr
    cal = Calendar.from_ical(out.read_bytes())
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert "Not in range" not in events
    post = events["Bread is back"]
    assert post["DTSTART"].dt == datetime(2026, 10, 24, 16, 30, tzinfo=UTC)
    assert str(post["UID"]).startswith("post-") and "Network: Bluesky" in str(post["DESCRIPTION"])
    assert post.get("DTSTAMP") is not None
    stdout = run("export-ics", "--db", db_file, "--lang", "fr", home=tmp_path)
    assert stdout.returncode == 0
    everything = Calendar.from_ical(stdout.stdout.encode())
    assert len(everything.walk("VEVENT")) == 5
    assert "Réseau" in stdout.stdout
