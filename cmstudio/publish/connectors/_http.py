"""Shared HTTP machinery of the built-in connectors.

One sync httpx client per connector, failure classification from HTTP answers and transport
errors, ``Retry-After``-style delays, media pre-checks, and scrubbing of secrets: every secret a
live connector holds is also removed from the ``httpx`` logger's records (httpx logs each request
URL at INFO, and a Telegram bot token or a Discord webhook token lives in the URL).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar
from urllib.parse import quote

import httpx

from cmstudio import __version__
from cmstudio.publish.connector import (
    AccountCheck,
    Connector,
    Failure,
    PublishError,
    human_delay,
    human_size,
)
from cmstudio.publish.payload import Payload, media_label

USER_AGENT = f"CMStudio/{__version__}"

_live_secrets: dict[int, tuple[str, ...]] = {}
_live_lock = threading.Lock()


def _scrub_live(text: str) -> str:
    with _live_lock:
        values = sorted({v for vals in _live_secrets.values() for v in vals}, key=len, reverse=True)
    for value in values:
        text = text.replace(value, "***")
    return text


class _ScrubFilter(logging.Filter):
    """Rewrites log records of the HTTP libraries so no live secret reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _live_secrets:
            text = record.getMessage()
            clean = _scrub_live(text)
            if clean != text:
                record.msg, record.args = clean, ()
        return True


_FILTER = _ScrubFilter()
for _name in ("httpx", "httpcore", "httpcore.http11", "httpcore.connection"):
    if _FILTER not in logging.getLogger(_name).filters:
        logging.getLogger(_name).addFilter(_FILTER)


def _secret_variants(value: str) -> tuple[str, ...]:
    if len(value) < 4:
        return ()
    return tuple({value, quote(value, safe=""), quote(value, safe="/:")})


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait according to the usual headers, or None.

    ``Retry-After``: seconds or an HTTP date (RFC 9110 §10.2.3). ``X-RateLimit-Reset``: an
    ISO 8601 time (Mastodon, https://docs.joinmastodon.org/api/rate-limits/) or epoch seconds.
    ``RateLimit-Reset``: epoch seconds on Bluesky's PDS
    (https://docs.bsky.app/docs/advanced-guides/rate-limits), delta seconds in the IETF draft.
    """
    now = time.time() if now is None else now
    lowered = {k.lower(): v for k, v in headers.items()}
    value = lowered.get("retry-after")
    if value:
        value = value.strip()
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                return max(0.0, parsedate_to_datetime(value).timestamp() - now)
            except (TypeError, ValueError):
                pass
    for name in ("x-ratelimit-reset", "ratelimit-reset", "x-rate-limit-reset"):
        value = lowered.get(name)
        if not value:
            continue
        value = value.strip()
        try:
            number = float(value)
        except ValueError:
            try:
                when = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return max(0.0, when.timestamp() - now)
        return max(0.0, number - now) if number > 1e9 else max(0.0, number)
    return None


_TAG_RE = re.compile(r"<[^>]+>")


class HttpConnector(Connector):
    """A connector talking HTTP(S) with httpx. Subclasses set the class attributes below."""

    accepted_mimes: ClassVar[tuple[str, ...]] = ("image/jpeg", "image/png", "image/gif", "image/webp")
    max_image_bytes: ClassVar[int | None] = None

    def __init__(
        self,
        settings: Mapping[str, Any] | None = None,
        secrets: Mapping[str, str] | None = None,
        *,
        lang: str = "en",
        timeout: float = 20.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(settings, secrets, lang=lang, timeout=timeout)
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT},
            transport=transport,
            follow_redirects=False,
        )
        with _live_lock:
            _live_secrets[id(self)] = tuple(v for s in self._secrets.values() for v in _secret_variants(s))

    @property
    def network_name(self) -> str:
        return self.info.name

    def close(self) -> None:
        self._client.close()
        with _live_lock:
            _live_secrets.pop(id(self), None)

    def __del__(self) -> None:
        try:
            with _live_lock:
                _live_secrets.pop(id(self), None)
        except Exception:  # interpreter shutdown: module globals may already be gone
            pass

    # -- requests ---------------------------------------------------------------------------

    def _send(
        self, method: str, url: str, *, item: str | None = None, allow: tuple[int, ...] = (), **kwargs: Any
    ) -> httpx.Response:
        """Send a request; a transport error or an HTTP error status (other than those in `allow`,
        returned for the caller to look at) becomes a `PublishError` naming `item`."""
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            failure = self.classify(exc)
        else:
            if response.status_code < 400 or response.status_code in allow:
                return response
            failure = self.classify(response)
        raise self._error(failure, item)

    def _json(self, response: httpx.Response, item: str | None = None) -> Any:
        try:
            return response.json()
        except ValueError:
            raise self._error(
                Failure("transient", self.tr("unexpected", network=self.network_name, detail="JSON")), item
            ) from None

    def _error(self, failure: Failure, item: str | None = None) -> PublishError:
        text = failure.message
        if item:
            text = self.tr("item_prefix", item=item, message=text)
        return PublishError(replace(failure, message=self._scrub(text)))

    def _permanent(self, key: str, item: str | None = None, **values: Any) -> PublishError:
        return self._error(Failure("permanent", self.tr(key, network=self.network_name, **values)), item)

    def _scrub(self, text: str) -> str:
        return _scrub_live(self._secrets.scrub(text))

    # -- classification ---------------------------------------------------------------------

    def classify(self, exc_or_response: object) -> Failure:
        failure = self._classify(exc_or_response)
        return replace(failure, message=self._scrub(failure.message))

    def _classify(self, x: object) -> Failure:
        net = self.network_name
        if isinstance(x, PublishError):
            return x.failure
        if isinstance(x, httpx.TimeoutException):
            return Failure("transient", self.tr("timeout", network=net))
        if isinstance(x, httpx.HTTPError):
            reason = {
                "fr": "connexion refusée ou impossible"
                if isinstance(x, httpx.ConnectError)
                else "connexion coupée",
                "en": "connection refused or impossible"
                if isinstance(x, httpx.ConnectError)
                else "connection lost",
            }["fr" if self.lang == "fr" else "en"]
            return Failure("transient", self.tr("connection", network=net, reason=reason))
        if isinstance(x, httpx.Response):
            return self._classify_response(x)
        if isinstance(x, OSError):
            return Failure("permanent", self.tr("file_missing", path=getattr(x, "filename", "") or str(x)))
        return Failure("permanent", self.tr("unexpected", network=net, detail=type(x).__name__))

    def _classify_response(self, r: httpx.Response) -> Failure:
        net, status = self.network_name, r.status_code
        detail = self.error_detail(r) or f"HTTP {status}"
        if status == 429:
            delay = self.retry_after(r)
            if delay is None:
                return Failure("rate_limited", self.tr("rate_limited_nodelay", network=net), None, status)
            text = self.tr("rate_limited", network=net, delay=human_delay(delay, self.lang))
            return Failure("rate_limited", text, delay, status)
        if status in (401, 403):
            return Failure("auth_expired", self.tr("auth", network=net, detail=detail), None, status)
        if status >= 500 or status == 408:
            return Failure(
                "transient", self.tr("server", network=net, status=status), self.retry_after(r), status
            )
        return Failure("permanent", self.tr("rejected", network=net, detail=detail), None, status)

    def retry_after(self, r: httpx.Response) -> float | None:
        return parse_retry_after(r.headers)

    def error_detail(self, r: httpx.Response) -> str:
        """The network's own explanation of an error answer, as plain text."""
        try:
            data = r.json()
        except ValueError:
            text = _TAG_RE.sub(" ", r.text or "")
            return " ".join(text.split())[:300]
        if isinstance(data, dict):
            for key in ("error_description", "message", "description", "error"):
                value = data.get(key)
                if isinstance(value, str) and value:
                    return value[:500]
        return ""

    # -- payload checks ---------------------------------------------------------------------

    def part_label(self, index: int, total: int) -> str:
        return self.tr("main_post") if index == 0 else self.tr("thread_part", n=index + 1)

    def check_media(self, payload: Payload, max_count: int | None = None) -> None:
        """Refuse, before sending anything, what the network would refuse for sure."""
        limit = self.info.capabilities.images if max_count is None else max_count
        if len(payload.media) > limit:
            raise self._permanent("too_many_images", max=limit, count=len(payload.media))
        for i, item in enumerate(payload.media):
            label = media_label(payload.media, i)
            if not item.path.is_file():
                raise self._permanent("file_missing", label, path=item.path)
            if self.accepted_mimes and item.mime not in self.accepted_mimes:
                raise self._permanent("bad_type", label, mime=item.mime)
            size = item.path.stat().st_size
            if self.max_image_bytes is not None and size > self.max_image_bytes:
                raise self._permanent(
                    "file_too_big",
                    label,
                    size=human_size(size, self.lang),
                    max=human_size(self.max_image_bytes, self.lang),
                )

    def check_schedule(self, payload: Payload) -> None:
        """Without native scheduling, a post meant for later must not leave now."""
        if not self.info.capabilities.native_scheduling and payload.is_future(margin_s=60):
            raise self._permanent("no_scheduling")

    def read_media(self, payload: Payload, index: int) -> bytes:
        item = payload.media[index]
        try:
            return item.read_bytes()
        except OSError:
            raise self._permanent("file_missing", media_label(payload.media, index), path=item.path) from None

    def account_failure(self, exc: PublishError) -> AccountCheck:
        return AccountCheck(ok=False, message=exc.failure.message, failure=exc.failure)
