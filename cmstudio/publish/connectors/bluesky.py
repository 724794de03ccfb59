"""Bluesky connector (AT Protocol XRPC on the account's PDS, app password).

- Session: ``com.atproto.server.createSession`` once; when the access JWT expires (error
  ``ExpiredToken``) the refresh JWT renews it through ``com.atproto.server.refreshSession``
  instead of logging in again (https://docs.bsky.app/docs/api/com-atproto-server-refresh-session).
- Images: ``com.atproto.repo.uploadBlob``, then an ``app.bsky.embed.images`` embed with alt text
  and ``aspectRatio``; at most 4 images of at most 1,000,000 bytes each (lexicon
  app.bsky.embed.images, ``maxLength: 4``, ``maxSize: 1000000``).
- A `Payload.link` becomes an ``app.bsky.embed.external`` card (title, excerpt, and the featured
  image — else the first image — as thumbnail); a card and an image gallery cannot coexist on a
  post, so with a link the images other than the thumbnail are not sent.
- Rich text: links, mentions (handle → DID via ``com.atproto.identity.resolveHandle``) and
  hashtags as facets with UTF-8 byte offsets (`cmstudio.publish.facets`).
- Idempotency: each post of a thread gets a record key derived from the idempotency key (a valid
  TID, since ``app.bsky.feed.post`` records use TID keys: https://atproto.com/specs/record-key).
  ``createRecord`` with that ``rkey`` cannot create a duplicate, and `verify` (or a retried
  `publish`) finds what went out with ``com.atproto.repo.getRecord``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
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
from cmstudio.publish.facets import build_facets
from cmstudio.publish.payload import Payload, media_label

POST = "app.bsky.feed.post"
WEB = "https://bsky.app"
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"  # base32-sortable: https://atproto.com/specs/tid
# TID timestamps (microseconds since the epoch) are placed in 2023–2024, a plausible past window.
_TID_BASE_US = int(datetime(2023, 1, 1, tzinfo=UTC).timestamp() * 1_000_000)
_TID_SPAN_US = int(2 * 365.25 * 86400 * 1_000_000)


def record_key(idempotency_key: str, index: int = 0) -> str:
    """The record key of post `index` of the publication `idempotency_key`: a valid TID.

    A TID is 64 bits (top bit 0): 53 bits of microsecond timestamp and 10 bits of clock id,
    written as 13 base32-sortable characters (https://atproto.com/specs/tid). Both parts come
    from a SHA-256 of the key, so the same publication always gets the same keys.
    """
    digest = hashlib.sha256(f"cmstudio:{idempotency_key}:{index}".encode()).digest()
    h = int.from_bytes(digest[:8], "big")
    timestamp = _TID_BASE_US + h % _TID_SPAN_US
    clock_id = (h >> 53) & 0x3FF
    value = (timestamp << 10) | clock_id
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


class BlueskyConnector(HttpConnector):
    """Publishes posts, threads, images and link cards to Bluesky."""

    info = ConnectorInfo(
        id="bluesky",
        name="Bluesky",
        icon="bluesky",
        network="bluesky",
        capabilities=Capabilities(
            text=True, images=4, threads=True, alt_text=True, native_scheduling=False, edit=False, delete=True
        ),
        settings_schema=(
            SettingField(
                "base_url",
                "Serveur (PDS)",
                "Server (PDS)",
                "url",
                default="https://bsky.social",
                help_fr="Laissez https://bsky.social sauf si votre compte est hébergé ailleurs.",
                help_en="Keep https://bsky.social unless your account is hosted elsewhere.",
            ),
            SettingField(
                "handle",
                "Identifiant",
                "Handle",
                "text",
                required=True,
                help_fr="Par exemple marie.bsky.social",
                help_en="For example marie.bsky.social",
            ),
            SettingField(
                "app_password",
                "Mot de passe d’application",
                "App password",
                "secret",
                required=True,
                help_fr="Réglages › Confidentialité et sécurité › Mots de passe d’application.",
                help_en="Settings › Privacy and security › App passwords.",
            ),
        ),
        description_fr="Publie sur Bluesky.",
        description_en="Publishes to Bluesky.",
    )
    accepted_mimes = ("image/jpeg", "image/png", "image/webp", "image/gif")
    max_image_bytes = 1_000_000  # lexicon app.bsky.embed.images#image: image maxSize 1000000

    def __init__(
        self,
        settings: Mapping[str, Any] | None = None,
        secrets: Mapping[str, str] | None = None,
        **options: Any,
    ) -> None:
        super().__init__(settings, secrets, **options)
        self._session: dict[str, str] | None = None
        self._dids: dict[str, str | None] = {}

    # -- XRPC and session -------------------------------------------------------------------

    def _url(self, nsid: str) -> str:
        return f"{self.settings['base_url'].rstrip('/')}/xrpc/{nsid}"

    def _classify_response(self, r: httpx.Response) -> Failure:
        if r.status_code == 400 and self._error_name(r) in ("ExpiredToken", "InvalidToken"):
            detail = self.error_detail(r) or "ExpiredToken"
            return Failure(
                "auth_expired", self.tr("auth", network=self.network_name, detail=detail), None, 400
            )
        return super()._classify_response(r)

    @staticmethod
    def _error_name(r: httpx.Response) -> str:
        try:
            data = r.json()
        except ValueError:
            return ""
        return str(data.get("error", "")) if isinstance(data, dict) else ""

    def _login(self) -> dict[str, str]:
        body = {"identifier": self.settings["handle"], "password": self._secrets["app_password"]}
        r = self._send("POST", self._url("com.atproto.server.createSession"), json=body)
        self._session = self._json(r)
        return self._session

    def _refresh(self) -> None:
        assert self._session is not None
        headers = {"Authorization": f"Bearer {self._session['refreshJwt']}"}
        r = self._send("POST", self._url("com.atproto.server.refreshSession"), headers=headers)
        self._session = {**self._session, **self._json(r)}

    def _xrpc(
        self, method: str, nsid: str, *, item: str | None = None, allow: tuple[int, ...] = (), **kwargs: Any
    ) -> httpx.Response:
        """Call `nsid` with the session, renewing an expired access token once."""
        session = self._session or self._login()
        extra = kwargs.pop("headers", {})
        for attempt in (0, 1):
            headers = {**extra, "Authorization": f"Bearer {session['accessJwt']}"}
            r = self._send(method, self._url(nsid), item=item, allow=(400, *allow), headers=headers, **kwargs)
            if r.status_code == 400 and self._error_name(r) == "ExpiredToken" and attempt == 0:
                self._refresh()
                session = self._session or session
                continue
            token_refused = self._error_name(r) in ("ExpiredToken", "InvalidToken")
            if r.status_code >= 400 and (r.status_code not in allow or token_refused):
                raise self._error(self.classify(r), item)
            return r
        raise AssertionError("unreachable")

    def _resolve(self, handle: str) -> str | None:
        if handle not in self._dids:
            r = self._xrpc(
                "GET", "com.atproto.identity.resolveHandle", params={"handle": handle}, allow=(400,)
            )
            self._dids[handle] = self._json(r).get("did") if r.status_code == 200 else None
        return self._dids[handle]

    # -- contract ---------------------------------------------------------------------------

    def check_account(self) -> AccountCheck:
        try:
            session = self._login()
        except PublishError as exc:
            return self.account_failure(exc)
        display = session.get("handle", "")
        try:
            r = self._xrpc(
                "GET", "app.bsky.actor.getProfile", params={"actor": session["did"]}, allow=(400, 404)
            )
            if r.status_code == 200:
                display = self._json(r).get("displayName") or display
        except PublishError as exc:
            # The PDS proxies getProfile to the AppView (https://docs.bsky.app/docs/advanced-guides/api-directory):
            # a PDS without one, or an AppView that is down, answers 502 while the account itself works.
            if exc.failure.kind == "auth_expired":
                return self.account_failure(exc)
        return AccountCheck(
            ok=True,
            display_name=display,
            handle="@" + session.get("handle", ""),
            message=self.tr("account_ok"),
        )

    def _upload(self, payload: Payload, index: int) -> dict[str, Any]:
        item = payload.media[index]
        label = media_label(payload.media, index)
        r = self._xrpc(
            "POST",
            "com.atproto.repo.uploadBlob",
            item=label,
            content=self.read_media(payload, index),
            headers={"Content-Type": item.mime},
        )
        return self._json(r, label)["blob"]

    def _embed(self, payload: Payload) -> dict[str, Any] | None:
        if payload.link:
            external: dict[str, Any] = {
                "uri": payload.link,
                "title": payload.title or payload.link,
                "description": payload.excerpt,
            }
            if payload.media:
                external["thumb"] = self._upload(payload, payload.featured_media or 0)
            return {"$type": "app.bsky.embed.external", "external": external}
        if not payload.media:
            return None
        images = []
        for i, item in enumerate(payload.media):
            image: dict[str, Any] = {"image": self._upload(payload, i), "alt": item.alt}
            if item.width and item.height:
                image["aspectRatio"] = {"width": item.width, "height": item.height}
            images.append(image)
        return {"$type": "app.bsky.embed.images", "images": images}

    def _get_record(self, rkey: str) -> dict[str, Any] | None:
        assert self._session is not None
        params = {"repo": self._session["did"], "collection": POST, "rkey": rkey}
        r = self._xrpc("GET", "com.atproto.repo.getRecord", params=params, allow=(400, 404))
        return self._json(r) if r.status_code == 200 else None

    def _web_url(self, uri: str) -> str:
        assert self._session is not None
        profile = self._session.get("handle") or self._session["did"]
        return f"{WEB}/profile/{profile}/post/{uri.rsplit('/', 1)[1]}"

    def publish(self, payload: Payload, idempotency_key: str) -> PublishResult:
        """Publish the thread; posts that already went out under this key are kept, not resent."""
        self.check_schedule(payload)
        self.check_media(payload)
        session = self._session or self._login()
        texts = payload.thread
        refs: list[dict[str, str]] = []
        for i, text in enumerate(texts):
            label, rkey = self.part_label(i, len(texts)), record_key(idempotency_key, i)
            # Checked first for the main post only, to avoid uploading its images again; later
            # posts carry no blobs and `_create` recovers them on conflict.
            existing = self._get_record(rkey) if i == 0 else None
            if existing is not None:
                refs.append({"uri": existing["uri"], "cid": existing["cid"]})
                continue
            record: dict[str, Any] = {
                "$type": POST,
                "text": text,
                "createdAt": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            }
            facets = build_facets(text, self._resolve)
            if facets:
                record["facets"] = facets
            if payload.language:
                record["langs"] = [payload.language]
            embed = self._embed(payload) if i == 0 else None
            if embed:
                record["embed"] = embed
            if refs:
                record["reply"] = {"root": refs[0], "parent": refs[-1]}
            refs.append(self._create(session["did"], rkey, record, label))
        uris = tuple(ref["uri"] for ref in refs)
        return PublishResult(remote_id=uris[0], url=self._web_url(uris[0]), parts=uris)

    def _create(self, did: str, rkey: str, record: dict[str, Any], label: str) -> dict[str, str]:
        body = {"repo": did, "collection": POST, "rkey": rkey, "record": record}
        try:
            r = self._xrpc("POST", "com.atproto.repo.createRecord", item=label, json=body)
        except PublishError as exc:
            if exc.failure.kind in ("auth_expired", "rate_limited"):
                raise
            try:
                existing = self._get_record(rkey)  # the record may exist: a retry, or a lost answer
            except PublishError:
                existing = None
            if existing is None:
                raise exc from None
            return {"uri": existing["uri"], "cid": existing["cid"]}
        data = self._json(r, label)
        return {"uri": data["uri"], "cid": data["cid"]}

    def verify(self, payload: Payload, idempotency_key: str) -> PublishResult | None:
        """Fetch the records whose keys derive from `idempotency_key`; None if the first is absent."""
        if self._session is None:
            self._login()
        uris: list[str] = []
        for i in range(len(payload.thread)):
            record = self._get_record(record_key(idempotency_key, i))
            if record is None:
                break
            uris.append(record["uri"])
        if not uris:
            return None
        return PublishResult(
            remote_id=uris[0],
            url=self._web_url(uris[0]),
            parts=tuple(uris),
            complete=len(uris) == len(payload.thread),
        )
