"""Secrets never show in exceptions, reprs or logs, even when every kind of error happens."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

import pytest
from servers.base import FakeServer
from servers.bluesky import BlueskyServer
from servers.discord import DiscordServer
from servers.mastodon import MastodonServer
from servers.telegram import TelegramServer
from servers.wordpress import WordPressServer

from cmstudio.publish.connector import Connector, PublishError
from cmstudio.publish.connectors.bluesky import BlueskyConnector
from cmstudio.publish.connectors.discord import DiscordConnector
from cmstudio.publish.connectors.mastodon import MastodonConnector
from cmstudio.publish.connectors.telegram import TelegramConnector
from cmstudio.publish.connectors.wordpress import WordPressConnector
from cmstudio.publish.payload import Payload

SECRET = "Sup3rS3cret-T0ken-do-not-leak"


def _mastodon(url: str, secret: str) -> Connector:
    return MastodonConnector({"base_url": url}, {"access_token": secret}, timeout=1.0)


def _bluesky(url: str, secret: str) -> Connector:
    return BlueskyConnector(
        {"base_url": url, "handle": BlueskyServer.HANDLE}, {"app_password": secret}, timeout=1.0
    )


def _wordpress(url: str, secret: str) -> Connector:
    return WordPressConnector(
        {"base_url": url, "username": WordPressServer.USER}, {"application_password": secret}, timeout=1.0
    )


def _telegram(url: str, secret: str) -> Connector:
    return TelegramConnector(
        {"base_url": url, "chat_id": TelegramServer.CHAT}, {"bot_token": secret}, timeout=1.0
    )


def _discord(url: str, secret: str) -> Connector:
    return DiscordConnector(
        {}, {"webhook_url": f"{url}/api/webhooks/{DiscordServer.WEBHOOK_ID}/{secret}"}, timeout=1.0
    )


CASES: list[tuple[type[FakeServer], Callable[[str, str], Connector], str]] = [
    (MastodonServer, _mastodon, "/api/"),
    (BlueskyServer, _bluesky, "/xrpc/"),
    (WordPressServer, _wordpress, "/wp-json/"),
    (TelegramServer, _telegram, "/bot"),
    (DiscordServer, _discord, "/api/webhooks/"),
]


@pytest.mark.parametrize(("server_cls", "factory", "prefix"), CASES, ids=[c[0].__name__ for c in CASES])
def test_secret_absent_everywhere(
    server_cls: type[FakeServer],
    factory: Callable[[str, str], Connector],
    prefix: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # httpx logs each URL at INFO; httpcore logs at DEBUG
    server = server_cls().start()
    errors: list[BaseException] = []
    try:
        conn = factory(server.url, SECRET)
        checks = [conn.check_account()]  # wrong credentials: 401 / 400
        server.fail(
            "status", prefix, status=500, body={"error": f"boom {SECRET}", "message": f"boom {SECRET}"}
        )
        server.fail("timeout", prefix, delay=1.3)
        server.fail("drop_after", prefix)
        server.fail("status", prefix, status=429, headers={"Retry-After": "3"})
        for _ in range(5):
            try:
                conn.publish(Payload(text="Bonjour"), "key")
            except PublishError as exc:
                errors.append(exc)
        checks.append(conn.check_account())
        for check in checks:
            assert not check.ok
            assert SECRET not in check.message and SECRET not in repr(check)
        assert {e.failure.kind for e in errors if isinstance(e, PublishError)} >= {
            "transient",
            "rate_limited",
        }
        for exc in errors:
            logging.getLogger("cmstudio.publish.engine").error("publication failed", exc_info=exc)
            text = "".join(traceback.format_exception(exc))
            assert SECRET not in str(exc) and SECRET not in repr(exc) and SECRET not in text
        assert SECRET not in repr(conn) and SECRET not in str(conn.settings)
        conn.close()
    finally:
        server.stop()
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # httpx did log the requests
    assert SECRET not in caplog.text
    assert all(SECRET not in r.getMessage() for r in caplog.records)
