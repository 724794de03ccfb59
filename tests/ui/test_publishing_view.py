"""The publishing view: accounts form, health check and publishing passes off the UI thread."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "publish"))

from keyring_backend import FileKeyring  # noqa: E402
from servers.mastodon import MastodonServer  # noqa: E402

from cmstudio.core.models import Account, Publication, Variant  # noqa: E402
from cmstudio.publish import engine  # noqa: E402


@pytest.fixture
def memory_keyring() -> Iterator[FileKeyring]:
    previous = keyring.get_keyring()
    backend = FileKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def masto() -> Iterator[MastodonServer]:
    server = MastodonServer().start()
    yield server
    server.stop()


@pytest.fixture
def view(built, memory_keyring, monkeypatch):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    widget = built.window.show_section("publishing")
    widget.opened = opened
    return widget


def _add_account_with_dialog(view, monkeypatch, server: MastodonServer, token: str) -> int:  # type: ignore[no-untyped-def]
    from cmstudio.ui.account_dialog import AccountDialog

    def fill(dialog: AccountDialog) -> int:
        if fill.done:  # type: ignore[attr-defined]
            return 0
        dialog.connector.setCurrentIndex(dialog.connector.findData("mastodon"))
        dialog.name.setText("Piaille test")
        dialog.widgets["base_url"].setText(server.url)
        assert dialog.widgets["access_token"].echoMode() == dialog.widgets["access_token"].EchoMode.Password
        dialog.widgets["access_token"].setText(token)
        fill.done = True  # type: ignore[attr-defined]
        return 1

    fill.done = False  # type: ignore[attr-defined]
    monkeypatch.setattr(AccountDialog, "exec", fill)
    view.add_account.click()
    with view.studio.session() as s:
        account = s.query(Account).filter_by(name="Piaille test").one()
        assert token not in str(account.settings)
        return account.id


def test_add_check_and_publish_from_the_view(view, qtbot, monkeypatch, masto: MastodonServer) -> None:  # type: ignore[no-untyped-def]
    account_id = _add_account_with_dialog(view, monkeypatch, masto, MastodonServer.TOKEN)
    names = [view.accounts.item(i).text() for i in range(view.accounts.count())]
    assert any(n.startswith("Piaille test") for n in names)

    row = next(i for i in range(view.accounts.count()) if view.accounts.item(i).text().startswith("Piaille test"))
    view.accounts.setCurrentRow(row)
    view.check_account.click()
    qtbot.waitUntil(lambda: "Ready" in view.accounts.currentItem().text(), timeout=10_000)
    assert "@studio@" in view.accounts.currentItem().text()

    with view.studio.session() as s:
        variant = Variant(workspace_id=view.studio.workspace_id, network="mastodon", account_id=account_id,
                          text="Publié depuis la vue", status="scheduled")
        s.add(variant)
        s.flush()
        pub_id = engine.schedule(s, account_id=account_id, variant_id=variant.id,
                                 due_at=datetime.now(UTC) - timedelta(minutes=1)).id
    view.refresh()
    with qtbot.waitSignal(view.runner.passFinished, timeout=20_000):
        view.publish_now.click()
    qtbot.waitUntil(lambda: any(e.id == pub_id and e.state == "published" for e in view._entries), timeout=5_000)
    row = next(i for i, e in enumerate(view._entries) if e.id == pub_id)
    view.log.selectRow(row)
    assert view.log.item(row, 2).text() == "Published"
    assert "Publié depuis la vue" in view.payload_view.toPlainText()
    assert MastodonServer.TOKEN not in view.payload_view.toPlainText()
    assert view.open_remote.isEnabled()
    view.open_remote.click()
    assert view.opened[-1].startswith(masto.url)
    assert len(masto.statuses) == 1


def test_refused_token_shows_reconnect(view, qtbot, monkeypatch, masto: MastodonServer) -> None:  # type: ignore[no-untyped-def]
    _add_account_with_dialog(view, monkeypatch, masto, "wrong-token-000000")
    row = next(i for i in range(view.accounts.count()) if view.accounts.item(i).text().startswith("Piaille test"))
    view.accounts.setCurrentRow(row)
    view.check_account.click()
    qtbot.waitUntil(lambda: "Reconnect needed" in view.accounts.currentItem().text(), timeout=10_000)
    assert "access token is invalid" in view.account_status.text()


def test_manual_post_copies_text_and_opens_the_folder(view, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    from cmstudio.publish.accounts import add_account
    from cmstudio.publish.secrets import KeyringStore

    with view.studio.session() as s:
        account = add_account(s, KeyringStore(), view.studio.workspace_id, "manual", "LinkedIn",
                              {"network": "linkedin", "folder": str(tmp_path / "manual")}, {})
        variant = Variant(workspace_id=view.studio.workspace_id, network="linkedin", account_id=account.id,
                          text="Texte à publier à la main", status="scheduled")
        s.add(variant)
        s.flush()
        pub_id = engine.schedule(s, account_id=account.id, variant_id=variant.id).id
    with qtbot.waitSignal(view.runner.manualReady, timeout=20_000) as blocker:
        view.publish_now.click()
    assert blocker.args[0] == pub_id
    assert QGuiApplication.clipboard().text().strip() == "Texte à publier à la main"
    assert view.opened and view.opened[-1].startswith("file://")
    qtbot.waitUntil(lambda: any(e.id == pub_id for e in view._entries), timeout=5_000)
    row = next(i for i, e in enumerate(view._entries) if e.id == pub_id)
    view.log.selectRow(row)
    assert view.log.item(row, 2).text() == "To post by hand"
    assert view.open_folder.isVisibleTo(view) and view.mark_done.isEnabled()

    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *a, **k: ("https://www.linkedin.com/feed/update/1", True)))
    view.mark_done.click()
    with view.studio.session() as s:
        pub = s.get(Publication, pub_id)
        assert pub.state == "published" and pub.remote_url == "https://www.linkedin.com/feed/update/1"


def test_cancel_and_retry_buttons(view) -> None:  # type: ignore[no-untyped-def]
    with view.studio.session() as s:
        account = s.query(Account).filter_by(workspace_id=view.studio.workspace_id).first()
        variant = s.query(Variant).filter_by(workspace_id=view.studio.workspace_id).first()
        pub_id = engine.schedule(s, account_id=account.id, variant_id=variant.id,
                                 due_at=datetime.now(UTC) + timedelta(days=3)).id
    view.refresh()
    row = next(i for i, e in enumerate(view._entries) if e.id == pub_id)
    view.log.selectRow(row)
    assert view.cancel_button.isEnabled() and not view.retry_button.isEnabled()
    view.cancel_button.click()
    with view.studio.session() as s:
        assert s.get(Publication, pub_id).state == "cancelled"
    row = next(i for i, e in enumerate(view._entries) if e.id == pub_id)
    assert view.log.item(row, 2).text() == "Cancelled"
