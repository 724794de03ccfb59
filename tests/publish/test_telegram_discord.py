"""Telegram and Discord connectors against fake servers on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from servers.discord import DiscordServer
from servers.telegram import TelegramServer

from cmstudio.publish.connector import PublishError
from cmstudio.publish.connectors.discord import DiscordConnector
from cmstudio.publish.connectors.telegram import TelegramConnector
from cmstudio.publish.payload import Payload

# -- Telegram --------------------------------------------------------------------------------


def test_telegram_check_account(telegram: TelegramConnector) -> None:
    check = telegram.check_account()
    assert check.ok and check.handle == "@cmstudio_bot" and "CM Studio test" in check.message


def test_telegram_unknown_channel(telegram_server: TelegramServer) -> None:
    conn = TelegramConnector(
        {"base_url": telegram_server.url, "chat_id": "@nowhere"}, {"bot_token": TelegramServer.TOKEN}
    )
    check = conn.check_account()
    assert not check.ok and check.failure is not None and check.failure.kind == "permanent"
    assert "chat not found" in check.message


def test_telegram_text_with_link_and_replies(
    telegram: TelegramConnector, telegram_server: TelegramServer
) -> None:
    result = telegram.publish(Payload(parts=["Annonce", "Suite"], link="https://example.org"), "t")
    first, second = (telegram_server.messages[int(i)] for i in result.parts)
    assert first["text"] == "Annonce\n\nhttps://example.org"
    assert second["reply_to_message_id"] == first["message_id"]
    assert result.url == f"https://t.me/cmstudio_test/{first['message_id']}"
    assert telegram.verify(Payload(text="Annonce"), "t") is None  # documented: no way to know


def test_telegram_photo_with_caption(
    telegram: TelegramConnector, telegram_server: TelegramServer, make_image
) -> None:
    result = telegram.publish(Payload(text="Légende", media=[make_image("p.jpg")]), "t")
    message = telegram_server.messages[int(result.remote_id)]
    assert message["caption"] == "Légende" and message["photo"][0]["file_name"] == "p.jpg"
    assert len(result.parts) == 1


def test_telegram_album_with_long_text_sends_text_apart(
    telegram: TelegramConnector, telegram_server: TelegramServer, make_image
) -> None:
    images = [make_image(f"img{i}.png") for i in range(3)]
    text = "Long texte. " * 100  # 1200 characters: more than a caption's 1024
    result = telegram.publish(Payload(text=text, media=images), "t")
    messages = [telegram_server.messages[int(i)] for i in result.parts]
    assert [bool(m.get("photo")) for m in messages] == [True, True, True, False]
    assert all(m["caption"] == "" for m in messages[:3]) and messages[3]["text"] == text
    assert len({m["media_group_id"] for m in messages[:3]}) == 1


def test_telegram_rate_limit_uses_parameters_retry_after(
    telegram: TelegramConnector, telegram_server: TelegramServer
) -> None:
    telegram_server.fail(
        "status",
        "sendMessage",
        status=429,
        body={
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 17",
            "parameters": {"retry_after": 17},
        },
    )
    with pytest.raises(PublishError) as info:
        telegram.publish(Payload(text="x"), "t")
    assert info.value.failure.kind == "rate_limited" and info.value.failure.retry_after == 17


def test_telegram_refuses_a_future_post(telegram: TelegramConnector, telegram_server: TelegramServer) -> None:
    with pytest.raises(PublishError) as info:
        telegram.publish(Payload(text="x", scheduled_at=datetime.now(UTC) + timedelta(hours=1)), "t")
    assert info.value.failure.kind == "permanent" and "cannot schedule" in info.value.failure.message
    assert not telegram_server.log


def test_telegram_too_many_images(telegram: TelegramConnector, make_image) -> None:
    images = [make_image(f"i{i}.jpg") for i in range(11)]
    with pytest.raises(PublishError, match="at most 10 image"):
        telegram.publish(Payload(text="x", media=images), "t")


# -- Discord ---------------------------------------------------------------------------------


def test_discord_check_account(discord: DiscordConnector) -> None:
    check = discord.check_account()
    assert check.ok and check.display_name == "Annonces" and check.handle == "#5550001"


def test_discord_message_with_files_alt_and_embed(
    discord: DiscordConnector, discord_server: DiscordServer, make_image
) -> None:
    discord.check_account()
    payload = Payload(
        parts=["Nouvel article !", "Bonne lecture"],
        link="https://blog.example.org/a",
        title="Le titre",
        excerpt="Résumé",
        media=[make_image("a.jpg", alt="Texte alternatif")],
    )
    result = discord.publish(payload, "d")
    first, second = (discord_server.messages[i] for i in result.parts)
    assert first["content"] == "Nouvel article !"
    assert first["embeds"] == [
        {"title": "Le titre", "url": "https://blog.example.org/a", "description": "Résumé"}
    ]
    assert first["attachments"][0]["description"] == "Texte alternatif"
    assert second["content"] == "Bonne lecture"
    assert result.url == f"https://discord.com/channels/7770001/5550001/{first['id']}"
    assert discord.verify(payload, "d") is None


def test_discord_form_error_is_permanent_with_field(discord: DiscordConnector) -> None:
    with pytest.raises(PublishError) as info:
        discord.publish(Payload(text="x" * 2001), "d")
    failure = info.value.failure
    assert failure.kind == "permanent"
    assert failure.message == (
        "Main post: Discord rejected the request: Invalid Form Body "
        "(content: Must be 2000 or fewer in length.)"
    )


def test_discord_rate_limit_body_retry_after(
    discord: DiscordConnector, discord_server: DiscordServer
) -> None:
    discord_server.fail(
        "status",
        "/api/webhooks/",
        status=429,
        body={"message": "You are being rate limited.", "retry_after": 0.75, "global": False},
    )
    with pytest.raises(PublishError) as info:
        discord.publish(Payload(text="x"), "d")
    assert info.value.failure.kind == "rate_limited" and info.value.failure.retry_after == 0.75


def test_discord_invalid_token(discord_server: DiscordServer) -> None:
    conn = DiscordConnector({}, {"webhook_url": discord_server.webhook_url.replace("secret", "wrong")})
    check = conn.check_account()
    assert not check.ok and check.failure is not None and check.failure.kind == "auth_expired"
    assert "Invalid Webhook Token" in check.message
