"""The publishing engine against fake networks on 127.0.0.1: once and only once, clear failures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from engine_helpers import FileKeyring, World
from servers.mastodon import MastodonServer
from servers.telegram import TelegramServer

from cmstudio.core.db import open_database
from cmstudio.core.workspaces import create_workspace
from cmstudio.publish import engine

NOW = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring(tmp_path / "keyring.json"))
    db = open_database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with db.session() as s:
        ws = create_workspace(s, "Brasserie du Port", timezone="Europe/Paris", language="fr")
        ws_id = ws.id
    yield World(db, ws_id, tmp_path)
    db.close()
    keyring.set_keyring(previous)


def _mastodon(world: World, server: MastodonServer, token: str = MastodonServer.TOKEN) -> int:
    return world.account("mastodon", "Masto", {"instance": server.url}, {"token": token})


def _statuses(server: MastodonServer) -> list[dict]:
    return list(server.statuses.values())


def test_due_post_is_published_once_with_its_rendition_and_record(world: World,
                                                                  mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "Nouvelle carte de printemps 🌱", images=[("terrasse.jpg", "La terrasse au soleil")],
                        due=NOW - timedelta(minutes=1))
    later = world.post(account, "Pas encore", due=NOW + timedelta(hours=2))

    outcomes = world.run(NOW)

    assert [(o.publication_id, o.kind) for o in outcomes] == [(pub_id, "published")]
    pub = world.pub(pub_id)
    assert pub.state == "published" and pub.attempts == 1 and pub.remote_url.startswith(mastodon_server.url)
    assert pub.remote_id == _statuses(mastodon_server)[0]["id"]
    # the rendition fits Mastodon's profile and carries the alt text
    media = next(iter(mastodon_server.media.values()))
    assert media["description"] == "La terrasse au soleil"
    sent = pub.payload["sent"]
    assert sent["text"] == "Nouvelle carte de printemps 🌱"
    assert sent["media"][0]["alt"] == "La terrasse au soleil" and len(sent["media"][0]["sha256"]) == 64
    assert Path(sent["media"][0]["path"]).stat().st_size == media["_bytes"]
    assert world.pub(later).state == "queued"
    # a second pass sends nothing more
    assert world.run(NOW + timedelta(minutes=1)) == []
    assert len(_statuses(mastodon_server)) == 1


def test_429_is_retried_after_retry_after(world: World, mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "Ouverture ce soir", due=NOW)
    mastodon_server.fail("status", "/api/v1/statuses", method="POST", status=429, headers={"Retry-After": "120"},
                         body={"error": "Too many requests"})

    [first] = world.run(NOW)
    assert first.kind == "retry" and first.retry_at == NOW + timedelta(seconds=120)
    pub = world.pub(pub_id)
    assert pub.state == "queued" and pub.error_kind == "rate_limited" and pub.attempts == 1

    assert world.run(NOW + timedelta(seconds=60)) == []  # too early: Retry-After is honoured
    [second] = world.run(NOW + timedelta(seconds=121))
    assert second.kind == "published"
    assert len(_statuses(mastodon_server)) == 1 and world.pub(pub_id).attempts == 2


def test_server_errors_back_off_exponentially_then_give_up(world: World, mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "Toujours en panne", due=NOW)
    mastodon_server.fail("status", "/api/v1/statuses", method="POST", status=503, times=100,
                         body={"error": "Service Unavailable"})
    clock, delays = NOW, []
    for _ in range(engine.MAX_ATTEMPTS):
        [outcome] = world.run(clock)
        if outcome.kind == "failed":
            break
        assert outcome.retry_at is not None
        delays.append((outcome.retry_at - clock).total_seconds())
        clock = outcome.retry_at
    assert delays[:4] == [30, 60, 120, 240]
    pub = world.pub(pub_id)
    assert pub.state == "failed" and pub.attempts == engine.MAX_ATTEMPTS
    assert "503" in pub.last_error and f"#{pub_id}" in pub.last_error


def test_lost_answer_is_verified_not_resent(world: World, mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "Le message qui s'est perdu en route", due=NOW)
    mastodon_server.fail("drop_after", "/api/v1/statuses", method="POST")

    [first] = world.run(NOW)
    assert first.kind == "retry"
    assert len(_statuses(mastodon_server)) == 1  # the server acted, the client never heard
    posts_before = len(mastodon_server.calls("/api/v1/statuses", "POST"))

    [second] = world.run(first.retry_at)
    assert second.kind == "published"
    assert len(mastodon_server.calls("/api/v1/statuses", "POST")) == posts_before  # found by verify
    assert len(_statuses(mastodon_server)) == 1
    assert world.pub(pub_id).remote_id == _statuses(mastodon_server)[0]["id"]


def test_lost_answer_without_verify_goes_to_needs_check(world: World, telegram_server: TelegramServer) -> None:
    account = world.account("telegram", "Canal", {"chat_id": TelegramServer.CHAT, "base_url": telegram_server.url},
                            {"bot_token": TelegramServer.TOKEN})
    pub_id = world.post(account, "Annonce du concours", due=NOW)
    telegram_server.fail("drop_after", "/sendMessage")

    [outcome] = world.run(NOW)
    assert outcome.kind == "needs-check" and outcome.failed
    assert world.pub(pub_id).state == "needs-check"
    assert world.run(NOW + timedelta(hours=1)) == []
    assert len(telegram_server.messages) == 1  # never sent twice

    with world.db.session() as s:
        engine.mark_done(s, pub_id, "https://t.me/cmstudio_test/100")
    pub = world.pub(pub_id)
    assert pub.state == "published" and pub.remote_url == "https://t.me/cmstudio_test/100"


def test_permanent_error_names_the_post_and_the_image_and_is_not_retried(world: World,
                                                                         mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "Deux photos", images=[("a.jpg", "A"), ("b.jpg", "B")], due=NOW)
    mastodon_server.fail("status", "/api/v2/media", method="POST", after=1, status=422,
                         body={"error": "Validation failed: File content type is invalid"})

    [outcome] = world.run(NOW)
    assert outcome.kind == "failed"
    pub = world.pub(pub_id)
    assert pub.state == "failed" and pub.error_kind == "permanent"
    assert f"Post #{pub_id}" in pub.last_error and "Image 2 (02-b.jpg)" in pub.last_error
    assert "File content type is invalid" in pub.last_error
    assert world.run(NOW + timedelta(days=1)) == []
    assert _statuses(mastodon_server) == []

    with world.db.session() as s:  # the user fixed it and retries
        engine.retry(s, pub_id)
    [again] = world.run(NOW + timedelta(days=1))
    assert again.kind == "published"


def test_expired_token_marks_the_account_and_keeps_the_post(world: World, mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server, token="revoked-token-123456")
    pub_id = world.post(account, "Jeton révoqué", due=NOW)

    [outcome] = world.run(NOW)
    assert outcome.kind == "reconnect" and outcome.failed
    acc = world.account_row(account)
    assert acc.status == "reconnect" and "reconnect" in acc.status_message.lower()
    assert world.pub(pub_id).state == "queued"
    requests = len(mastodon_server.log)
    [waiting] = world.run(NOW + timedelta(minutes=5))
    assert waiting.kind == "waiting" and not waiting.failed and len(mastodon_server.log) == requests  # nothing sent meanwhile

    from cmstudio.publish.accounts import update_account

    with world.db.session() as s:
        update_account(s, world.store, account, secrets={"token": MastodonServer.TOKEN})
    [done] = world.run(NOW + timedelta(minutes=6))
    assert done.kind == "published" and len(_statuses(mastodon_server)) == 1


def _crash_while_sending(world: World, pub_id: int) -> None:
    """Put the row back as a process that died after the request left would have left it."""
    import subprocess
    import sys

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with world.db.session() as s:
        pub = s.get(engine.Publication, pub_id)
        record = dict(pub.payload)
        record["claim"] = {**record["claim"], "pid": dead.pid}
        pub.payload, pub.state, pub.next_attempt_at = record, "sending", None


def test_crash_after_sending_is_recovered_by_verify(world: World, mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "Envoyé juste avant la panne", due=NOW)
    mastodon_server.fail("drop_after", "/api/v1/statuses", method="POST")
    world.run(NOW)
    _crash_while_sending(world, pub_id)
    posts = len(mastodon_server.calls("/api/v1/statuses", "POST"))

    [outcome] = world.run(NOW + timedelta(seconds=1))
    assert outcome.kind == "published"
    assert len(mastodon_server.calls("/api/v1/statuses", "POST")) == posts
    assert len(_statuses(mastodon_server)) == 1


def test_crash_before_the_request_reached_the_network_sends_it_after_verify(world: World,
                                                                             mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "Jamais parti", due=NOW)
    mastodon_server.fail("drop_before", "/api/v1/statuses", method="POST")
    world.run(NOW)
    _crash_while_sending(world, pub_id)

    [outcome] = world.run(NOW + timedelta(seconds=1))
    assert outcome.kind == "published"
    assert len(mastodon_server.calls("/api/v1/accounts/109/statuses", "GET")) >= 1  # verified first
    assert len(_statuses(mastodon_server)) == 1


def test_crash_on_a_network_without_verify_goes_to_needs_check(world: World,
                                                               telegram_server: TelegramServer) -> None:
    account = world.account("telegram", "Canal", {"chat_id": TelegramServer.CHAT, "base_url": telegram_server.url},
                            {"bot_token": TelegramServer.TOKEN})
    pub_id = world.post(account, "Telegram", due=NOW)
    telegram_server.fail("status", "/sendMessage", status=502, body={"ok": False, "description": "Bad Gateway"})
    world.run(NOW)
    _crash_while_sending(world, pub_id)
    sent = len(telegram_server.messages)

    [outcome] = world.run(NOW + timedelta(hours=1))
    assert outcome.kind == "needs-check" and world.pub(pub_id).state == "needs-check"
    assert len(telegram_server.messages) == sent


def test_a_live_claim_is_left_alone(world: World, mastodon_server: MastodonServer) -> None:
    import os

    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "Un autre processus l'envoie", due=NOW)
    with world.db.session() as s:
        pub = s.get(engine.Publication, pub_id)
        pub.state = "sending"
        pub.payload = {**pub.payload, "claim": {"host": __import__("socket").gethostname(), "pid": os.getppid(),
                                                "token": "x", "at": datetime.now(UTC).isoformat()}}
    assert world.run(NOW) == []
    assert world.pub(pub_id).state == "sending" and mastodon_server.log == []


def test_concurrent_passes_never_send_twice(world: World, mastodon_server: MastodonServer) -> None:
    import threading

    account = _mastodon(world, mastodon_server)
    ids = [world.post(account, f"Message {i}", due=NOW) for i in range(6)]
    results: list = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        barrier.wait()
        results.extend(world.run(NOW))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o.publication_id for o in results if o.kind == "published") == ids
    assert len(_statuses(mastodon_server)) == 6
    assert len(mastodon_server.calls("/api/v1/statuses", "POST")) == 6


def test_native_scheduling_hands_the_post_over_in_advance(world: World, mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    due = datetime.now(UTC) + timedelta(hours=3)
    pub_id = world.post(account, "Programmé sur l'instance", due=due, native=True)

    [outcome] = world.run(datetime.now(UTC))
    assert outcome.kind == "scheduled"
    assert len(mastodon_server.scheduled) == 1 and _statuses(mastodon_server) == []
    sched = next(iter(mastodon_server.scheduled.values()))
    assert abs(datetime.fromisoformat(sched["scheduled_at"].replace("Z", "+00:00")) - due) < timedelta(seconds=1)
    pub = world.pub(pub_id)
    assert pub.state == "published" and pub.payload["scheduled_remote"] is True


def test_dry_run_changes_nothing(world: World, mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "À blanc", due=NOW)
    [outcome] = world.run(NOW, dry_run=True)
    assert outcome.kind == "dry-run" and world.pub(pub_id).state == "queued"
    assert mastodon_server.calls("/api/v1/statuses") == []


def test_manual_post_prepares_a_numbered_folder(world: World, tmp_path: Path) -> None:
    account = world.account("manual", "Insta", {"network": "instagram_feed", "folder": str(tmp_path / "manual")}, {})
    pub_id = world.post(account, "Carrousel du marché", images=[("un.jpg", "Étal"), ("deux.jpg", "Paniers")],
                        due=NOW)
    [outcome] = world.run(NOW)
    assert outcome.kind == "manual" and not outcome.failed
    pub = world.pub(pub_id)
    assert pub.state == "needs-check" and pub.error_kind == "manual"
    folder = Path(pub.payload["manual"]["folder"])
    assert sorted(p.name for p in folder.iterdir()) == ["01.jpg", "02.jpg", "alt-text.txt", "text.txt"]
    assert (folder / "text.txt").read_text(encoding="utf-8").strip() == "Carrousel du marché"
    from PIL import Image

    with Image.open(folder / "01.jpg") as im:  # rendered for Instagram's feed (ratio 0.8 to 1.91)
        assert 0.8 <= im.width / im.height <= 1.91
    assert world.run(NOW + timedelta(hours=1)) == []
    with world.db.session() as s:
        engine.mark_done(s, pub_id, "https://www.instagram.com/p/abc123/")
    assert world.pub(pub_id).state == "published"


def test_cancel_and_state_rules(world: World, mastodon_server: MastodonServer) -> None:
    account = _mastodon(world, mastodon_server)
    pub_id = world.post(account, "Annulé", due=NOW)
    with world.db.session() as s:
        engine.cancel(s, pub_id)
    assert world.run(NOW) == [] and world.pub(pub_id).state == "cancelled"
    with world.db.session() as s, pytest.raises(engine.EngineError):
        engine.cancel(s, pub_id)
    with world.db.session() as s, pytest.raises(engine.EngineError, match="marked as published"):
        engine.mark_done(s, pub_id, "https://example.org/1")
    other = world.post(account, "Fait à la main", due=NOW + timedelta(days=1))
    with world.db.session() as s, pytest.raises(engine.EngineError, match="web address"):
        engine.mark_done(s, other, "ftp://nope")


def test_log_shows_what_was_sent_without_secrets(world: World, mastodon_server: MastodonServer) -> None:
    from cmstudio.publish.results import publication_log

    account = _mastodon(world, mastodon_server)
    world.post(account, "Journal", due=NOW)
    world.run(NOW)
    with world.db.session() as s:
        [entry] = publication_log(s, world.workspace_id)
    data = entry.as_json()
    assert data["state"] == "published" and data["account"] == "Masto" and data["attempts"] == 1
    assert data["payload"]["text"] == "Journal"
    assert MastodonServer.TOKEN not in json.dumps(data)
    assert MastodonServer.TOKEN.encode() not in (world.tmp / "w.sqlite3").read_bytes()


def test_bluesky_thread_cut_by_a_crash_is_completed_without_duplicates(world: World, bluesky_server) -> None:
    from servers.bluesky import BlueskyServer

    account = world.account("bluesky", "Ciel", {"service": bluesky_server.url, "handle": BlueskyServer.HANDLE},
                            {"app_password": BlueskyServer.PASSWORD})
    parts = ["Fil en trois parties 1/3", "Deuxième partie 2/3", "Fin du fil 3/3"]
    pub_id = world.post(account, parts[0], parts=parts, due=NOW)
    # the second post's answer is lost: the connector checks its record key instead of re-posting
    bluesky_server.fail("drop_after", "com.atproto.repo.createRecord", after=1)
    [first] = world.run(NOW)
    assert first.kind == "published" and len(bluesky_server.records) == 3
    # now a crash that cut the thread after its second post
    last = next(k for k, r in bluesky_server.records.items() if r["value"]["text"] == parts[2])
    del bluesky_server.records[last]
    _crash_while_sending(world, pub_id)

    [outcome] = world.run(NOW + timedelta(seconds=1))
    assert outcome.kind == "published"
    assert len(bluesky_server.records) == 3
    texts = sorted(r["value"]["text"] for r in bluesky_server.records.values())
    assert texts == sorted(parts)
    pub = world.pub(pub_id)
    assert pub.remote_id.startswith("at://") and len(pub.payload["parts"]) == 3
