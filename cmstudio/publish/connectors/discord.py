"""Discord connector (channel webhook).

- Account: ``GET {webhook_url}`` returns the webhook's name and channel
  (https://discord.com/developers/docs/resources/webhook#get-webhook-with-token).
- Post: ``POST {webhook_url}?wait=true`` (``wait`` makes Discord answer with the message);
  ``content`` at most 2000 characters; images as ``files[n]`` beside ``payload_json`` in a
  multipart body, alt text as the attachment's ``description``; a link with a title becomes an
  embed (https://discord.com/developers/docs/resources/webhook#execute-webhook). Further parts of
  a thread are sent as following messages.
- 429 answers carry ``retry_after`` (seconds) in the body and headers
  (https://discord.com/developers/docs/topics/rate-limits).
- Idempotency: webhooks accept no nonce and cannot list past messages, so `verify` answers None.

The webhook URL contains its token: it is a secret setting, scrubbed from messages and logs.
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
from cmstudio.publish.payload import Payload

MAX_FILES = 10  # https://discord.com/developers/docs/resources/message#create-message (up to 10 files)


class DiscordConnector(HttpConnector):
    """Publishes messages with images and link embeds through a Discord webhook."""

    info = ConnectorInfo(
        id="discord",
        name="Discord",
        icon="discord",
        network="discord",
        capabilities=Capabilities(
            text=True,
            images=MAX_FILES,
            threads=False,
            alt_text=True,
            native_scheduling=False,
            edit=True,
            delete=True,
        ),
        settings_schema=(
            SettingField(
                "webhook_url",
                "Adresse du webhook",
                "Webhook URL",
                "url",
                required=True,
                secret=True,
                help_fr="Paramètres du salon › Intégrations › Webhooks › Copier l’URL.",
                help_en="Channel settings › Integrations › Webhooks › Copy URL.",
            ),
            SettingField(
                "username",
                "Nom affiché",
                "Display name",
                "text",
                help_fr="Facultatif : remplace le nom du webhook.",
                help_en="Optional: overrides the webhook's name.",
            ),
        ),
        description_fr="Publie dans un salon Discord par un webhook.",
        description_en="Publishes to a Discord channel through a webhook.",
    )
    accepted_mimes = ("image/jpeg", "image/png", "image/gif", "image/webp")

    def __init__(
        self, settings: dict[str, Any] | None = None, secrets: dict[str, str] | None = None, **options: Any
    ) -> None:
        super().__init__(settings, secrets, **options)
        self._guild_id: str | None = None

    @property
    def _webhook(self) -> str:
        return self._secrets["webhook_url"].split("?", 1)[0].rstrip("/")

    def retry_after(self, r: httpx.Response) -> float | None:
        try:
            value = r.json().get("retry_after")
        except (ValueError, AttributeError):
            value = None
        return float(value) if value is not None else super().retry_after(r)

    def error_detail(self, r: httpx.Response) -> str:
        try:
            data = r.json()
        except ValueError:
            return super().error_detail(r)
        text = str(data.get("message", "")) if isinstance(data, dict) else ""
        errors = data.get("errors") if isinstance(data, dict) else None
        if errors:
            text = f"{text} ({_first_error(errors)})" if text else _first_error(errors)
        return text or super().error_detail(r)

    def check_account(self) -> AccountCheck:
        try:
            r = self._send("GET", self._webhook)
            hook = self._json(r)
        except PublishError as exc:
            return self.account_failure(exc)
        self._guild_id = hook.get("guild_id")
        return AccountCheck(
            ok=True,
            display_name=hook.get("name", ""),
            handle=f"#{hook.get('channel_id', '')}",
            message=self.tr("account_ok"),
        )

    def _message(
        self, body: dict[str, Any], label: str, files: list[tuple[str, tuple[str, bytes, str]]]
    ) -> dict:
        if self.settings.get("username"):
            body["username"] = self.settings["username"]
        url = f"{self._webhook}?wait=true"
        if files:
            r = self._send("POST", url, item=label, data={"payload_json": json.dumps(body)}, files=files)
        else:
            r = self._send("POST", url, item=label, json=body)
        return self._json(r, label)

    def publish(self, payload: Payload, idempotency_key: str) -> PublishResult:
        """Send the post; see the module doc (no idempotency on Discord webhooks)."""
        self.check_schedule(payload)
        self.check_media(payload)
        texts = payload.thread
        first: dict[str, Any] = {"content": texts[0] if payload.title else payload.text_with_link(texts[0])}
        if payload.link and payload.title:
            embed: dict[str, Any] = {"title": payload.title, "url": payload.link}
            if payload.excerpt:
                embed["description"] = payload.excerpt
            first["embeds"] = [embed]
        files = []
        if payload.media:
            first["attachments"] = []
            for i, item in enumerate(payload.media):
                first["attachments"].append({"id": i, "filename": item.path.name, "description": item.alt})
                files.append((f"files[{i}]", (item.path.name, self.read_media(payload, i), item.mime)))
        messages = [self._message(first, self.part_label(0, len(texts)), files)]
        for i, text in enumerate(texts[1:], start=1):
            messages.append(self._message({"content": text}, self.part_label(i, len(texts)), []))
        ids = tuple(str(m["id"]) for m in messages)
        main = messages[0]
        guild = main.get("guild_id") or self._guild_id
        url = f"https://discord.com/channels/{guild}/{main['channel_id']}/{main['id']}" if guild else None
        return PublishResult(remote_id=ids[0], url=url, parts=ids)

    def verify(self, payload: Payload, idempotency_key: str) -> PublishResult | None:
        """Always None: webhooks have no idempotency and cannot read the channel."""
        return None


def _first_error(errors: Any, path: str = "") -> str:
    """The first message of Discord's nested ``errors`` object, with its field path."""
    if isinstance(errors, dict):
        if "_errors" in errors and errors["_errors"]:
            return f"{path}: {errors['_errors'][0].get('message', '')}".lstrip(": ")
        for key, value in errors.items():
            found = _first_error(value, f"{path}.{key}" if path else str(key))
            if found:
                return found
    return ""
