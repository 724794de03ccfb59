"""Fixtures for connector tests: fake networks on 127.0.0.1 and real image files."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

# The suite runs with --import-mode=importlib: make the fake servers importable as `servers`.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers.bluesky import BlueskyServer
from servers.discord import DiscordServer
from servers.mastodon import MastodonServer
from servers.telegram import TelegramServer
from servers.wordpress import WordPressServer

from cmstudio.publish.connectors.bluesky import BlueskyConnector
from cmstudio.publish.connectors.discord import DiscordConnector
from cmstudio.publish.connectors.mastodon import MastodonConnector
from cmstudio.publish.connectors.telegram import TelegramConnector
from cmstudio.publish.connectors.wordpress import WordPressConnector
from cmstudio.publish.payload import MediaItem

TIMEOUT = 1.0  # seconds; the "timeout" faults sleep longer than this


def _serve(server_cls: type) -> Iterator:
    server = server_cls().start()
    yield server
    server.stop()


@pytest.fixture
def mastodon_server() -> Iterator[MastodonServer]:
    yield from _serve(MastodonServer)


@pytest.fixture
def bluesky_server() -> Iterator[BlueskyServer]:
    yield from _serve(BlueskyServer)


@pytest.fixture
def wordpress_server() -> Iterator[WordPressServer]:
    yield from _serve(WordPressServer)


@pytest.fixture
def telegram_server() -> Iterator[TelegramServer]:
    yield from _serve(TelegramServer)


@pytest.fixture
def discord_server() -> Iterator[DiscordServer]:
    yield from _serve(DiscordServer)


@pytest.fixture
def mastodon(mastodon_server: MastodonServer) -> Iterator[MastodonConnector]:
    conn = MastodonConnector(
        {"base_url": mastodon_server.url}, {"access_token": MastodonServer.TOKEN}, timeout=TIMEOUT
    )
    conn.poll_interval = 0.01
    yield conn
    conn.close()


@pytest.fixture
def bluesky(bluesky_server: BlueskyServer) -> Iterator[BlueskyConnector]:
    conn = BlueskyConnector(
        {"base_url": bluesky_server.url, "handle": BlueskyServer.HANDLE},
        {"app_password": BlueskyServer.PASSWORD},
        timeout=TIMEOUT,
    )
    yield conn
    conn.close()


@pytest.fixture
def wordpress(wordpress_server: WordPressServer) -> Iterator[WordPressConnector]:
    conn = WordPressConnector(
        {"base_url": wordpress_server.url, "username": WordPressServer.USER},
        {"application_password": WordPressServer.PASSWORD},
        timeout=TIMEOUT,
    )
    yield conn
    conn.close()


@pytest.fixture
def telegram(telegram_server: TelegramServer) -> Iterator[TelegramConnector]:
    conn = TelegramConnector(
        {"base_url": telegram_server.url, "chat_id": TelegramServer.CHAT},
        {"bot_token": TelegramServer.TOKEN},
        timeout=TIMEOUT,
    )
    yield conn
    conn.close()


@pytest.fixture
def discord(discord_server: DiscordServer) -> Iterator[DiscordConnector]:
    conn = DiscordConnector({}, {"webhook_url": discord_server.webhook_url}, timeout=TIMEOUT)
    yield conn
    conn.close()


@pytest.fixture
def make_image(tmp_path: Path) -> Callable[..., MediaItem]:
    """Write a real image with Pillow and describe it as a MediaItem."""

    def make(
        name: str = "photo.jpg",
        size: tuple[int, int] = (64, 48),
        alt: str = "",
        focal: tuple[float, float] | None = None,
        noise: bool = False,
    ) -> MediaItem:
        path = tmp_path / name
        fmt = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}[
            name.rsplit(".", 1)[1]
        ]
        img = Image.effect_noise(size, 80).convert("RGB") if noise else Image.new("RGB", size, (200, 80, 40))
        img.save(path, fmt, **({"quality": 100} if fmt == "JPEG" else {}))
        return MediaItem.from_file(path, alt=alt, focal=focal)

    return make
