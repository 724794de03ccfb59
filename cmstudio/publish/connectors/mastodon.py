"""Mastodon connector (REST API, access token).

- Limits come from the instance: `instance_config` reads ``GET /api/v2/instance``
  (https://docs.joinmastodon.org/methods/instance/#v2).
- Images: ``POST /api/v2/media`` with ``description`` and ``focus``; a 202 answer means the file
  is still being processed: ``GET /api/v1/media/:id`` is polled until it has a ``url``
  (https://docs.joinmastodon.org/methods/media/#v2).
- Statuses: ``POST /api/v1/statuses`` with an ``Idempotency-Key`` header per post of the thread
  (the server keeps keys for one hour and answers a repeat with the same status), threads through
  ``in_reply_to_id``, native scheduling through ``scheduled_at`` (at least 5 minutes ahead)
  (https://docs.joinmastodon.org/methods/statuses/#create).
- `verify`: Mastodon cannot look a status up by idempotency key, so the account's latest
  statuses (and scheduled statuses) are compared with the payload's text, HTML stripped.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from cmstudio.publish.connector import (
    AccountCheck,
    Capabilities,
    ConnectorInfo,
    Failure,
    PublishError,
    PublishResult,
    SettingField,
)
from cmstudio.publish.connectors._http import HttpConnector
from cmstudio.publish.payload import Payload, media_label

# Mastodon refuses scheduled_at less than 5 minutes ahead:
# https://docs.joinmastodon.org/methods/statuses/#create (scheduled_at)
MIN_SCHEDULE_AHEAD = timedelta(minutes=5)
VERIFY_WINDOW = 40  # statuses per page on /api/v1/accounts/:id/statuses (max 40)


@dataclass(frozen=True)
class MastodonInstance:
    """The limits an instance announces (defaults are Mastodon's own)."""

    domain: str = ""
    version: str = ""
    max_characters: int = 500
    max_media_attachments: int = 4
    characters_reserved_per_url: int = 23
    image_size_limit: int = 16 * 1024 * 1024
    description_limit: int = 1500
    supported_mime_types: tuple[str, ...] = ()


def instance_config(
    settings: Mapping[str, Any], *, timeout: float = 20.0, transport: httpx.BaseTransport | None = None
) -> MastodonInstance:
    """Read an instance's limits (no authentication needed). Raises `PublishError` on failure."""
    with MastodonConnector(settings, {}, timeout=timeout, transport=transport, _anonymous=True) as conn:
        return conn.instance_config()


def _html_to_text(content: str) -> str:
    text = re.sub(r"<br\s*/?>", "\n", content)
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


_REMOTE_MENTION = re.compile(r"(?<![\w@])@([\w.-]+)@[\w.-]+\w")


def comparable(text: str) -> str:
    """Text reduced to what survives Mastodon's rendering: remote mentions as their local part,
    whitespace collapsed, trailing whitespace gone."""
    text = _REMOTE_MENTION.sub(r"@\1", text)
    return " ".join(text.split())


class MastodonConnector(HttpConnector):
    """Publishes statuses, threads and images to a Mastodon instance."""

    info = ConnectorInfo(
        id="mastodon",
        name="Mastodon",
        icon="mastodon",
        network="mastodon",
        capabilities=Capabilities(
            text=True, images=4, threads=True, alt_text=True, native_scheduling=True, edit=True, delete=True
        ),
        settings_schema=(
            SettingField(
                "base_url",
                "Adresse de l’instance",
                "Instance address",
                "url",
                required=True,
                help_fr="Par exemple https://mastodon.social",
                help_en="For example https://mastodon.social",
            ),
            SettingField(
                "access_token",
                "Jeton d’accès",
                "Access token",
                "secret",
                required=True,
                help_fr="Préférences › Développement › Nouvelle application (droits write et read).",
                help_en="Preferences › Development › New application (read and write scopes).",
            ),
            SettingField(
                "visibility",
                "Visibilité",
                "Visibility",
                "choice",
                choices=("public", "unlisted", "private"),
                default="public",
            ),
        ),
        description_fr="Publie sur une instance Mastodon.",
        description_en="Publishes to a Mastodon instance.",
    )
    accepted_mimes = ()  # the instance says which types it takes; it names the refused one
    poll_interval = 0.5
    poll_timeout = 60.0

    def __init__(
        self,
        settings: Mapping[str, Any] | None = None,
        secrets: Mapping[str, str] | None = None,
        *,
        _anonymous: bool = False,
        **options: Any,
    ) -> None:
        if _anonymous:
            secrets = {"access_token": "anonymous-instance-read"}
        super().__init__(settings, secrets, **options)
        self._anonymous = _anonymous
        self._account_id: str | None = None
        self._instance: MastodonInstance | None = None

    # -- helpers ----------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        return self.settings["base_url"].rstrip("/") + path

    def _auth(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        headers: dict[str, str] = {}
        if not self._anonymous:
            headers["Authorization"] = f"Bearer {self._secrets['access_token']}"
        headers.update(extra or {})
        return headers

    def _call(self, method: str, path: str, *, item: str | None = None, **kwargs: Any) -> Any:
        headers = self._auth(kwargs.pop("headers", None))
        response = self._send(method, self._url(path), item=item, headers=headers, **kwargs)
        return response, self._json(response, item)

    def error_detail(self, r: httpx.Response) -> str:
        try:
            data = r.json()
        except ValueError:
            return super().error_detail(r)
        if isinstance(data, dict) and isinstance(data.get("error"), str):
            return data["error"]
        return super().error_detail(r)

    # -- contract ---------------------------------------------------------------------------

    def instance_config(self) -> MastodonInstance:
        if self._instance is None:
            _, data = self._call("GET", "/api/v2/instance")
            conf = data.get("configuration", {}) if isinstance(data, dict) else {}
            statuses, media = conf.get("statuses", {}), conf.get("media_attachments", {})
            self._instance = MastodonInstance(
                domain=str(data.get("domain", "")),
                version=str(data.get("version", "")),
                max_characters=int(statuses.get("max_characters", 500)),
                max_media_attachments=int(statuses.get("max_media_attachments", 4)),
                characters_reserved_per_url=int(statuses.get("characters_reserved_per_url", 23)),
                image_size_limit=int(media.get("image_size_limit", 16 * 1024 * 1024)),
                description_limit=int(media.get("description_limit", 1500)),
                supported_mime_types=tuple(media.get("supported_mime_types", ())),
            )
        return self._instance

    def check_account(self) -> AccountCheck:
        try:
            _, me = self._call("GET", "/api/v1/accounts/verify_credentials")
        except PublishError as exc:
            return self.account_failure(exc)
        self._account_id = str(me.get("id"))
        domain = self.settings["base_url"].split("://", 1)[1].strip("/")
        return AccountCheck(
            ok=True,
            display_name=me.get("display_name") or me.get("username", ""),
            handle=f"@{me.get('acct', me.get('username', ''))}@{domain}",
            message=self.tr("account_ok"),
        )

    def _upload(self, payload: Payload, index: int) -> str:
        item = payload.media[index]
        label = media_label(payload.media, index)
        data: dict[str, str] = {}
        if item.alt:
            data["description"] = item.alt
        focus = item.mastodon_focus
        if focus is not None:
            data["focus"] = f"{focus[0]},{focus[1]}"
        files = {"file": (item.path.name, self.read_media(payload, index), item.mime)}
        response, media = self._call("POST", "/api/v2/media", item=label, data=data, files=files)
        deadline = time.monotonic() + self.poll_timeout
        while response.status_code == 202 or not media.get("url"):
            if time.monotonic() > deadline:
                raise self._error(
                    Failure(
                        "transient", self.tr("server", network=self.network_name, status=response.status_code)
                    ),
                    label,
                )
            time.sleep(self.poll_interval)
            response, media = self._call("GET", f"/api/v1/media/{media['id']}", item=label)
            if response.status_code == 200 and media.get("url"):
                break
        return str(media["id"])

    def _texts(self, payload: Payload) -> list[str]:
        texts = payload.thread
        texts[0] = payload.text_with_link(texts[0])
        return texts

    def publish(self, payload: Payload, idempotency_key: str) -> PublishResult:
        """Publish (or schedule) the thread; a repeat within an hour returns the same statuses."""
        self.check_media(payload, max_count=self.instance_config().max_media_attachments)
        texts = self._texts(payload)
        scheduled = payload.scheduled_at if payload.is_future(margin_s=0) else None
        if scheduled is not None and len(texts) > 1:
            raise self._permanent("rejected", detail=self._schedule_thread_message())
        if scheduled is not None and scheduled - datetime.now(UTC) < MIN_SCHEDULE_AHEAD:
            scheduled = None  # too close to "now" for Mastodon's scheduler: send at once
        media_ids = [self._upload(payload, i) for i in range(len(payload.media))]
        ids: list[str] = []
        url: str | None = None
        for i, text in enumerate(texts):
            form: dict[str, Any] = {"status": text, "visibility": self.settings.get("visibility", "public")}
            if i == 0 and media_ids:
                form["media_ids"] = media_ids
            if ids:
                form["in_reply_to_id"] = ids[-1]
            if payload.language:
                form["language"] = payload.language.split("-")[0]
            if scheduled is not None:
                form["scheduled_at"] = scheduled.strftime("%Y-%m-%dT%H:%M:%S.000Z")
            headers = {"Idempotency-Key": f"{idempotency_key}-{i}"}
            _, status = self._call(
                "POST", "/api/v1/statuses", item=self.part_label(i, len(texts)), json=form, headers=headers
            )
            ids.append(str(status["id"]))
            if i == 0:
                url = status.get("url")
        return PublishResult(remote_id=ids[0], url=url, parts=tuple(ids), scheduled=scheduled is not None)

    def _schedule_thread_message(self) -> str:
        if self.lang == "fr":
            return "un fil ne peut pas être programmé (une réponse exige un message déjà publié)."
        return "a thread cannot be scheduled (a reply needs a status that already exists)."

    def verify(self, payload: Payload, idempotency_key: str) -> PublishResult | None:
        """Look for the payload among the account's latest statuses (and scheduled ones)."""
        texts = [comparable(t) for t in self._texts(payload)]
        if payload.is_future(margin_s=0):
            _, pending = self._call("GET", "/api/v1/scheduled_statuses", params={"limit": VERIFY_WINDOW})
            for sched in pending:
                if comparable(str(sched.get("params", {}).get("text", ""))) == texts[0]:
                    return PublishResult(remote_id=str(sched["id"]), url=None, scheduled=True)
        if self._account_id is None:
            _, me = self._call("GET", "/api/v1/accounts/verify_credentials")
            self._account_id = str(me["id"])
        _, statuses = self._call(
            "GET", f"/api/v1/accounts/{self._account_id}/statuses", params={"limit": VERIFY_WINDOW}
        )
        statuses = list(reversed(statuses))  # oldest first
        root = next(
            (
                s
                for s in statuses
                if s.get("in_reply_to_id") is None
                and comparable(_html_to_text(s.get("content", ""))) == texts[0]
            ),
            None,
        )
        if root is None:
            return None
        ids = [str(root["id"])]
        for text in texts[1:]:
            reply = next(
                (
                    s
                    for s in statuses
                    if str(s.get("in_reply_to_id")) == ids[-1]
                    and comparable(_html_to_text(s.get("content", ""))) == text
                ),
                None,
            )
            if reply is None:
                break
            ids.append(str(reply["id"]))
        return PublishResult(
            remote_id=ids[0], url=root.get("url"), parts=tuple(ids), complete=len(ids) == len(texts)
        )
