"""Telegram connector (Bot API, posting to a channel or group the bot administers).

- Account: ``getMe`` for the bot, ``getChat`` for the channel (https://core.telegram.org/bots/api#getme).
- Text: ``sendMessage`` (at most 4096 characters); one image: ``sendPhoto`` with the text as
  caption when it fits (at most 1024 characters, https://core.telegram.org/bots/api#sendphoto);
  2–10 images: ``sendMediaGroup`` (https://core.telegram.org/bots/api#sendmediagroup). A text too
  long for a caption is sent as its own message after the images. Further parts of a thread are
  sent as replies to the previous message.
- Errors: ``{"ok": false, "error_code": 429, "parameters": {"retry_after": 5}}``
  (https://core.telegram.org/bots/api#responseparameters).
- Idempotency: the Bot API has none, and a bot cannot read a channel's history, so `verify`
  always answers None: the engine must not resend a publication whose answer was lost without
  asking the user.

The bot token is part of every URL; it is scrubbed from messages and from httpx's log records.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from cmstudio.publish.connector import (
    AccountCheck,
    Capabilities,
    ConnectorInfo,
    PublishError,
    PublishResult,
    SettingField,
)
from cmstudio.publish.connectors._http import HttpConnector
from cmstudio.publish.payload import Payload, media_label

CAPTION_LIMIT = 1024  # https://core.telegram.org/bots/api#sendphoto (caption: 0-1024 characters)
ALBUM_MAX = 10  # https://core.telegram.org/bots/api#sendmediagroup (2-10 items)


class TelegramConnector(HttpConnector):
    """Publishes messages, photos and albums to a Telegram channel through a bot."""

    info = ConnectorInfo(
        id="telegram",
        name="Telegram",
        icon="telegram",
        network="telegram",
        capabilities=Capabilities(
            text=True,
            images=ALBUM_MAX,
            threads=False,
            alt_text=False,
            native_scheduling=False,
            edit=True,
            delete=True,
        ),
        settings_schema=(
            SettingField(
                "base_url", "Serveur de l’API", "API server", "url", default="https://api.telegram.org"
            ),
            SettingField(
                "bot_token",
                "Jeton du bot",
                "Bot token",
                "secret",
                required=True,
                help_fr="Donné par @BotFather.",
                help_en="Given by @BotFather.",
            ),
            SettingField(
                "chat_id",
                "Canal",
                "Channel",
                "text",
                required=True,
                help_fr="@nom_du_canal ou identifiant numérique ; le bot doit en être administrateur.",
                help_en="@channel_name or numeric id; the bot must be an administrator.",
            ),
        ),
        description_fr="Publie dans un canal Telegram par un bot.",
        description_en="Publishes to a Telegram channel through a bot.",
    )
    accepted_mimes = ("image/jpeg", "image/png", "image/webp")

    def _url(self, method: str) -> str:
        return f"{self.settings['base_url'].rstrip('/')}/bot{self._secrets['bot_token']}/{method}"

    def _call(self, method: str, *, item: str | None = None, **kwargs: Any) -> Any:
        r = self._send("POST", self._url(method), item=item, **kwargs)
        return self._json(r, item).get("result")

    def retry_after(self, r: httpx.Response) -> float | None:
        try:
            value = (r.json().get("parameters") or {}).get("retry_after")
        except (ValueError, AttributeError):
            value = None
        return float(value) if value is not None else super().retry_after(r)

    def _message_url(self, message_id: int) -> str | None:
        chat = str(self.settings["chat_id"])
        return f"https://t.me/{chat[1:]}/{message_id}" if chat.startswith("@") else None

    def check_account(self) -> AccountCheck:
        try:
            me = self._call("getMe")
            chat = self._call("getChat", data={"chat_id": self.settings["chat_id"]})
        except PublishError as exc:
            return self.account_failure(exc)
        title = chat.get("title") or chat.get("username") or str(self.settings["chat_id"])
        text = (
            f"Le bot publiera dans « {title} »." if self.lang == "fr" else f"The bot will post to “{title}”."
        )
        return AccountCheck(
            ok=True, display_name=me.get("first_name", ""), handle="@" + me.get("username", ""), message=text
        )

    def publish(self, payload: Payload, idempotency_key: str) -> PublishResult:
        """Send the post; see the module doc (no idempotency on Telegram)."""
        self.check_schedule(payload)
        self.check_media(payload)
        chat = self.settings["chat_id"]
        texts = payload.thread
        texts[0] = payload.text_with_link(texts[0])
        main = self.part_label(0, len(texts))
        ids: list[int] = []
        caption_fits = len(texts[0]) <= CAPTION_LIMIT
        if len(payload.media) == 1:
            data = {"chat_id": chat, **({"caption": texts[0]} if caption_fits and texts[0] else {})}
            files = {"photo": self._file(payload, 0)}
            ids.append(
                self._call("sendPhoto", item=media_label(payload.media, 0), data=data, files=files)[
                    "message_id"
                ]
            )
        elif payload.media:
            media, files = [], {}
            for i in range(len(payload.media)):
                entry: dict[str, Any] = {"type": "photo", "media": f"attach://photo{i}"}
                if i == 0 and caption_fits and texts[0]:
                    entry["caption"] = texts[0]
                media.append(entry)
                files[f"photo{i}"] = self._file(payload, i)
            sent = self._call(
                "sendMediaGroup", item=main, data={"chat_id": chat, "media": json.dumps(media)}, files=files
            )
            ids.extend(m["message_id"] for m in sent)
        if not payload.media or not caption_fits:
            ids.append(self._send_text(chat, texts[0], main, None))
        first = ids[0]
        for i, text in enumerate(texts[1:], start=1):
            ids.append(self._send_text(chat, text, self.part_label(i, len(texts)), ids[-1]))
        return PublishResult(
            remote_id=str(first), url=self._message_url(first), parts=tuple(str(i) for i in ids)
        )

    def _file(self, payload: Payload, index: int) -> tuple[str, bytes, str]:
        item = payload.media[index]
        return (item.path.name, self.read_media(payload, index), item.mime)

    def _send_text(self, chat: str, text: str, label: str, reply_to: int | None) -> int:
        body: dict[str, Any] = {"chat_id": chat, "text": text}
        if reply_to is not None:
            body["reply_parameters"] = {"message_id": reply_to}
        return int(self._call("sendMessage", item=label, json=body)["message_id"])

    def verify(self, payload: Payload, idempotency_key: str) -> PublishResult | None:
        """Always None: the Bot API offers no idempotency and no way to read a channel's past posts."""
        return None
