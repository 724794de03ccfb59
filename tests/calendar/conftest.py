"""A calendar section on a small, known workspace (Europe/Paris), the main window built offscreen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QMessageBox

from cmstudio.core.db import open_database
from cmstudio.core.models import Account, Article, Variant, Workspace

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@dataclass
class CalApp:
    built: object
    view: object
    db: object
    ids: dict


@pytest.fixture
def questions(monkeypatch):
    """Stub of the "schedule in the past?" question: answers Yes and records each call."""
    asked: list[str] = []
    answer = {"value": QMessageBox.StandardButton.Yes}

    def fake(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answer["value"]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(fake))
    return asked, answer


@pytest.fixture
def cal(tmp_path, qtbot, questions):
    db = open_database(f"sqlite:///{tmp_path / 'cal.sqlite3'}")
    with db.session() as s:
        ws = Workspace(name="Fournil Test", timezone="Europe/Paris", spacing_minutes=30, color="#c2185b")
        s.add(ws)
        s.flush()
        account = Account(workspace_id=ws.id, connector_id="mastodon", network="mastodon", name="Masto",
                          handle="@fournil", queue_slots=[{"weekday": d, "time": "09:00"} for d in range(7)])
        s.add(account)
        s.flush()
        rows = {
            "post": Variant(workspace_id=ws.id, account_id=account.id, network="mastodon", text="Future post",
                            status="scheduled", scheduled_at=paris(2027, 3, 10, 10)),
            "second": Variant(workspace_id=ws.id, account_id=account.id, network="mastodon", text="Second post",
                              status="scheduled", scheduled_at=paris(2027, 3, 10, 16)),
            "published": Variant(workspace_id=ws.id, account_id=account.id, network="mastodon", text="Gone out",
                                 status="published", scheduled_at=paris(2027, 3, 9, 8)),
            "dst": Variant(workspace_id=ws.id, account_id=account.id, network="bluesky", text="Autumn post",
                           status="scheduled", scheduled_at=paris(2026, 10, 23, 9)),
            "loose": Variant(workspace_id=ws.id, account_id=account.id, network="mastodon", text="Loose post",
                             status="ready"),
            "idea": Article(workspace_id=ws.id, title="Backlog article", slug="backlog-article", status="ready"),
        }
        s.add_all(rows.values())
        s.flush()
        ids = {key: row.id for key, row in rows.items()} | {"ws": ws.id, "account": account.id}
    from cmstudio.ui.app import build_app

    built = build_app(db, language="en", theme_name="light")
    qtbot.addWidget(built.window)
    built.window.resize(1400, 900)
    built.window.show()
    view = built.window.show_section("calendar")
    qtbot.waitExposed(built.window)
    view.go_to(datetime(2027, 3, 10).date())
    yield CalApp(built, view, db, ids)
    view.wait_until_idle()
    built.window.close()
    db.close()
