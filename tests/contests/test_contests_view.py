"""The contest and event planner, driven like a user would on the demo workspace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QPushButton, QWidget
from sqlalchemy import select

from cmstudio.contests.timeline import AXIS_Y, TimelineStrip
from cmstudio.core.draw import commitment, seed_from_hex
from cmstudio.core.models import Contest, Draw, Entry, Event, Phase, Variant


@pytest.fixture
def view(built, qtbot):
    window = built.window
    window.resize(1400, 900)
    window.show()
    widget = window.show_section("contests")
    qtbot.waitExposed(window)
    return widget


@pytest.fixture
def yes(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        staticmethod(lambda *a, **k: pytest.fail(f"unexpected warning: {a[2] if len(a) > 2 else a}")),
    )


def click(view: QWidget, name: str) -> None:
    button = view.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    button.click()


def new_contest(view, qtbot) -> int:
    click(view, "newContest")
    qtbot.waitUntil(lambda: view.current() is not None and view.current()[0] == "contest")
    return view.current()[1]


def test_planner_has_names_and_lists_demo_items(view) -> None:
    assert view.objectName() == "contestPlanner" and view.accessibleName()
    kinds = [view.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.list.count())]
    assert kinds.count("contest") == 1 and kinds.count("event") == 1


def test_new_contest_gets_phases_with_draft_posts(view, qtbot, built) -> None:
    contest_id = new_contest(view, qtbot)
    timeline = view.contest_page.timeline
    assert len(timeline.marks) >= 7
    with built.studio.session() as session:
        contest = session.get(Contest, contest_id)
        assert [m.phase_id for m in timeline.marks] == [p.id for p in contest.phases]
        for phase in contest.phases:
            posts = session.scalars(select(Variant).where(Variant.phase_id == phase.id)).all()
            assert posts and len(posts) == len(contest.networks)
            assert all(p.status == "draft" and p.scheduled_at == phase.start_at for p in posts)


def test_dragging_a_phase_moves_it_and_its_posts_by_whole_days(view, qtbot, built) -> None:
    contest_id = new_contest(view, qtbot)
    strip: TimelineStrip = view.contest_page.timeline
    index = next(i for i, m in enumerate(strip.marks) if m.kind == "reminder_d3")
    mark = strip.marks[index]
    x = round(strip.x_of(mark.start))
    two_days = strip.x_of(mark.start + timedelta(days=2, hours=3)) - x  # a bit more: snaps to 2 days
    with built.studio.session() as session:
        zone = ZoneInfo(session.get(Contest, contest_id).timezone)
    local_before = mark.start.astimezone(zone)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=QPoint(x, int(AXIS_Y)))
    qtbot.mouseMove(strip, QPoint(x + 10, int(AXIS_Y)))
    qtbot.mouseMove(strip, QPoint(round(x + two_days), int(AXIS_Y)))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=QPoint(round(x + two_days), int(AXIS_Y)))
    with built.studio.session() as session:
        phase = session.get(Phase, mark.phase_id)
        local_after = phase.start_at.astimezone(zone)
        assert local_after.date() - local_before.date() == timedelta(days=2)
        assert local_after.time() == local_before.time()
        posts = session.scalars(select(Variant).where(Variant.phase_id == phase.id)).all()
        assert posts and all(p.scheduled_at == phase.start_at for p in posts)
    qtbot.waitUntil(lambda: strip.marks[index].start == phase.start_at)


def test_keyboard_moves_the_selected_phase(view, qtbot, built) -> None:
    new_contest(view, qtbot)
    strip = view.contest_page.timeline
    strip.setFocus()
    qtbot.keyClick(strip, Qt.Key.Key_Right)
    mark = strip.marks[0]
    qtbot.keyClick(strip, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    with built.studio.session() as session:
        assert session.get(Phase, mark.phase_id).start_at - mark.start in (
            timedelta(days=1),
            timedelta(days=1, hours=1),
            timedelta(days=1, hours=-1),
        )


def write_cp1252(path: Path, text: str) -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    return path


def test_import_real_cp1252_csv_shows_eligibility_and_bad_lines(
    view, qtbot, built, tmp_path, monkeypatch
) -> None:
    contest_id = new_contest(view, qtbot)
    csv_path = write_cp1252(
        tmp_path / "export.csv",
        (
            "Pseudo;Âge;Commentaire\n"
            "@Amélie;34;Je tente ma chance\n"
            "@bébert;15;moi aussi\n"
            '"@cassé;40;oups\n'
            "@AMÉLIE;34;doublon\n"
            "@françois;52;génial\n"
        ),
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(csv_path), "")))
    click(view, "importEntries")
    panel = view.contest_page.entries
    qtbot.waitUntil(lambda: panel.table.rowCount() == 3)
    assert "line 4" in panel.report.text()
    handles = [panel.table.item(r, 1).text() for r in range(3)]
    assert handles == ["@Amélie", "@bébert", "@françois"]
    reasons = {panel.table.item(r, 1).text(): panel.table.item(r, 3).text() for r in range(3)}
    assert "too young" in reasons["@bébert"] and reasons["@Amélie"] == ""
    with built.studio.session() as session:
        rows = session.scalars(select(Entry).where(Entry.contest_id == contest_id)).all()
        assert {e.handle: e.eligible for e in rows} == {"amélie": True, "bébert": False, "françois": True}
    panel.filter.setCurrentIndex(2)
    assert [r for r in range(3) if not panel.table.isRowHidden(r)] == [1]


def test_column_chooser_when_no_handle_header(view, qtbot, built, tmp_path, monkeypatch) -> None:
    contest_id = new_contest(view, qtbot)
    path = tmp_path / "liste.csv"
    path.write_text("Nom,Ville\nMarie Curie,Paris\nPaul,Lyon\n", encoding="utf-8-sig")
    asked = []

    def choose(parent, title, label, items, current=0, editable=False):
        asked.append(list(items))
        return "Nom", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    view.contest_page.entries.import_file(path)
    assert asked == [["Nom", "Ville"]]
    with built.studio.session() as session:
        handles = session.scalars(select(Entry.handle).where(Entry.contest_id == contest_id)).all()
    assert sorted(handles) == ["marie curie", "paul"]


def test_prepare_then_draw_records_a_draw_and_exports_certificate(
    view, qtbot, built, tmp_path, monkeypatch, yes
) -> None:
    contest_id = new_contest(view, qtbot)
    panel = view.contest_page.entries
    panel.import_text("\n".join(f"@joueur{i}" for i in range(12)))
    click(view, "prepareDraw")
    draw_panel = view.contest_page.draw
    qtbot.waitUntil(lambda: bool(draw_panel.commitment.text()))
    published = draw_panel.commitment.text()
    assert QGuiApplication.clipboard().text() == published
    click(view, "runDraw")
    qtbot.waitUntil(lambda: draw_panel.winners.count() == 1)
    with built.studio.session() as session:
        row = session.scalars(select(Draw).where(Draw.contest_id == contest_id)).one()
        assert row.commitment == published == commitment(seed_from_hex(row.seed_hex))
        assert len(row.alternates) == 2 and row.entry_count == 12
        assert draw_panel.winners.item(0).text() == f"1. @{row.winners[0]}"
        assert draw_panel.seed.text() == row.seed_hex
        assert f"--seed {row.seed_hex}" in draw_panel.command.text()
    assert not view.findChild(QPushButton, "importEntries").isEnabled()
    target = tmp_path / "certificat.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    click(view, "exportCertificate")
    assert target.read_bytes().startswith(b"%PDF")


def test_changing_dates_offers_to_move_all_phases(view, qtbot, built, yes) -> None:
    contest_id = new_contest(view, qtbot)
    form = view.contest_page.form
    with built.studio.session() as session:
        before = {p.kind: p.start_at for p in session.get(Contest, contest_id).phases}
    form.end.setDateTime(form.end.dateTime().addDays(3))
    click(view, "saveContest")
    with built.studio.session() as session:
        contest = session.get(Contest, contest_id)
        after = {p.kind: p.start_at for p in contest.phases}
        assert after["teaser"] == before["teaser"]
        assert after["closing"] == contest.end_at
        moved = after["announcement"] - before["announcement"]
        assert timedelta(days=3) - timedelta(hours=1) <= moved <= timedelta(days=3, hours=1)


def test_rules_are_generated_edited_and_exported(view, qtbot, built, tmp_path, monkeypatch) -> None:
    contest_id = new_contest(view, qtbot)
    rules = view.contest_page.rules
    assert rules.editor.toPlainText().startswith("#")
    rules.editor.appendPlainText("\nClause ajoutée.")
    rules.save()
    with built.studio.session() as session:
        assert session.get(Contest, contest_id).rules_markdown.endswith("Clause ajoutée.")
    md, pdf = tmp_path / "reglement.md", tmp_path / "reglement.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(md), "")))
    click(view, "exportRulesMarkdown")
    assert md.read_text(encoding="utf-8").endswith("Clause ajoutée.")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), "")))
    click(view, "exportRulesPdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_purge_entrants_data_when_due(view, qtbot, built, yes) -> None:
    contest_id = new_contest(view, qtbot)
    view.contest_page.entries.import_text("@a\n@b")
    with built.studio.session() as session:
        contest = session.get(Contest, contest_id)
        contest.retention_until = datetime.now(UTC) - timedelta(days=1)
    view.contest_page.load(contest_id)
    assert view.contest_page.form.retention_note.isVisibleTo(view)
    click(view, "purgeEntrants")
    with built.studio.session() as session:
        contest = session.get(Contest, contest_id)
        assert contest.entries == [] and contest.status == "purged"


def test_new_event_gets_countdown_posts(view, qtbot, built) -> None:
    click(view, "newEvent")
    qtbot.waitUntil(lambda: view.current() is not None and view.current()[0] == "event")
    event_id = view.current()[1]
    assert [m.kind for m in view.event_page.timeline.marks] == [
        "event_d7",
        "event_d1",
        "event_day",
        "event_thanks",
    ]
    with built.studio.session() as session:
        event = session.get(Event, event_id)
        for phase in event.phases:
            assert session.scalars(select(Variant).where(Variant.phase_id == phase.id)).all()


def test_prepare_snapshot_shows_timeline_rules_and_entries(view) -> None:
    view.prepare_snapshot("contests")
    page = view.contest_page
    assert view.stack.currentWidget() is page
    assert page.tabs.currentWidget() is page.rules and page.rules.editor.toPlainText().strip()
    assert page.timeline.marks and page.entries.table.rowCount() > 0
