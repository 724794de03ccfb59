"""Fake Mastodon instance: the endpoints documented at https://docs.joinmastodon.org/methods/."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

import regex

from .base import FakeServer, Reply, Request

_URL = re.compile(r"https?://[^\s<]+")
_TAG = re.compile(r"(?<![\w/])#(\w+)")
_MENTION = re.compile(r"(?<![\w/])@(\w+)(?:@([\w.-]+\w))?")


def render(text: str) -> str:
    """Status text as Mastodon renders it: paragraphs, <br />, linkified URLs, tags, mentions."""

    def inline(chunk: str) -> str:
        out, pos = [], 0
        for m in _URL.finditer(chunk):
            out.append(_words(chunk[pos : m.start()]))
            url = m.group(0)
            scheme, rest = url.split("://", 1)
            shown, hidden = rest[:30], rest[30:]
            out.append(
                f'<a href="{html.escape(url)}" target="_blank" rel="nofollow noopener noreferrer">'
                f'<span class="invisible">{scheme}://</span><span class="{"ellipsis" if hidden else ""}">'
                f'{html.escape(shown)}</span><span class="invisible">{html.escape(hidden)}</span></a>'
            )
            pos = m.end()
        out.append(_words(chunk[pos:]))
        return "".join(out)

    paragraphs = [p for p in re.split(r"\n{2,}", text) if p]
    return "".join("<p>" + "<br />".join(inline(line) for line in p.split("\n")) + "</p>" for p in paragraphs)


def _words(chunk: str) -> str:
    escaped = html.escape(chunk, quote=False)
    escaped = _TAG.sub(
        r'<a href="https://example.test/tags/\1" class="mention hashtag" rel="tag">#<span>\1</span></a>',
        escaped,
    )
    return _MENTION.sub(
        r'<span class="h-card"><a href="https://example.test/@\1" class="u-url mention">'
        r"@<span>\1</span></a></span>",
        escaped,
    )


def status_length(text: str, url_weight: int = 23) -> int:
    """Characters as Mastodon counts them: graphemes, each URL as 23, remote mentions by local part."""
    text = _URL.sub("x" * url_weight, text)
    text = _MENTION.sub(lambda m: "@" + m.group(1), text)
    return len(regex.findall(r"\X", text))


class MastodonServer(FakeServer):
    TOKEN = "mastodon-secret-token-0123456789"
    SUPPORTED = ("image/jpeg", "image/png", "image/gif", "image/webp")

    def __init__(self) -> None:
        super().__init__()
        self.ids = count(110_000_000_000_000_001)
        self.statuses: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.scheduled: dict[str, dict[str, Any]] = {}
        self.idempotency: dict[str, dict[str, Any]] = {}
        self.processing_polls = 1  # GETs answering 206 before an uploaded image is ready
        self.max_characters = 500
        r = self.route
        r("GET", "/api/v2/instance", self.instance)
        r("GET", "/api/v1/accounts/verify_credentials", self.me)
        r("POST", "/api/v2/media", self.upload)
        r("GET", r"/api/v1/media/(?P<mid>\d+)", self.get_media)
        r("POST", "/api/v1/statuses", self.post_status)
        r("GET", r"/api/v1/accounts/(?P<aid>\d+)/statuses", self.account_statuses)
        r("GET", "/api/v1/scheduled_statuses", self.list_scheduled)

    def _authorized(self, req: Request) -> bool:
        return req.header("authorization") == f"Bearer {self.TOKEN}"

    @staticmethod
    def _unauthorized() -> Reply:
        return Reply(401, {"error": "The access token is invalid"})

    def instance(self, req: Request) -> Reply:
        return Reply(
            200,
            {
                "domain": "masto.test",
                "version": "4.3.0",
                "configuration": {
                    "statuses": {
                        "max_characters": self.max_characters,
                        "max_media_attachments": 4,
                        "characters_reserved_per_url": 23,
                    },
                    "media_attachments": {
                        "supported_mime_types": list(self.SUPPORTED),
                        "image_size_limit": 16777216,
                        "description_limit": 1500,
                    },
                },
            },
        )

    def me(self, req: Request) -> Reply:
        if not self._authorized(req):
            return self._unauthorized()
        return Reply(200, {"id": "109", "username": "studio", "acct": "studio", "display_name": "Studio CM"})

    def upload(self, req: Request) -> Reply:
        if not self._authorized(req):
            return self._unauthorized()
        fields, files = req.form()
        if "file" not in files:
            return Reply(422, {"error": "Validation failed: File can't be blank"})
        filename, ctype, data = files["file"]
        if ctype not in self.SUPPORTED:
            return Reply(422, {"error": "Validation failed: File content type is invalid, File is invalid"})
        if len(fields.get("description", "")) > 1500:
            return Reply(
                422, {"error": "Validation failed: Description is too long (maximum is 1500 characters)"}
            )
        focus = fields.get("focus")
        if focus is not None:
            x, y = (float(v) for v in focus.split(","))
            if not (-1 <= x <= 1 and -1 <= y <= 1):
                return Reply(422, {"error": "Validation failed: Focus is invalid"})
        mid = str(next(self.ids))
        self.media[mid] = {
            "id": mid,
            "type": "image",
            "url": None,
            "description": fields.get("description"),
            "meta": {"focus": {"x": x, "y": y}} if focus else {},
            "_pending": self.processing_polls,
            "_bytes": len(data),
            "_filename": filename,
        }
        if self.processing_polls:
            return Reply(202, self._public(self.media[mid]))
        self.media[mid]["url"] = f"{self.url}/media/{mid}.jpg"
        return Reply(200, self._public(self.media[mid]))

    @staticmethod
    def _public(obj: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in obj.items() if not k.startswith("_")}

    def get_media(self, req: Request, mid: str) -> Reply:
        if not self._authorized(req):
            return self._unauthorized()
        media = self.media.get(mid)
        if media is None:
            return Reply(404, {"error": "Record not found"})
        if media["_pending"] > 0:
            media["_pending"] -= 1
            return Reply(206, self._public(media))
        media["url"] = f"{self.url}/media/{mid}.jpg"
        return Reply(200, self._public(media))

    def post_status(self, req: Request) -> Reply:
        if not self._authorized(req):
            return self._unauthorized()
        key = req.header("idempotency-key")
        if key and key in self.idempotency:
            return Reply(200, self.idempotency[key])
        p = req.params()
        text = p.get("status", "")
        media_ids = [str(m) for m in p.get("media_ids", [])]
        if not text and not media_ids:
            return Reply(422, {"error": "Validation failed: Text can't be blank"})
        if status_length(text) > self.max_characters:
            return Reply(
                422, {"error": f"Validation failed: Text character limit of {self.max_characters} exceeded"}
            )
        for mid in media_ids:
            if mid not in self.media:
                return Reply(422, {"error": "Validation failed: Media attachment not found"})
            if self.media[mid]["url"] is None:
                return Reply(
                    422,
                    {
                        "error": "Cannot attach files that have not finished processing. "
                        "Try again in a moment!"
                    },
                )
        reply_to = p.get("in_reply_to_id")
        if reply_to is not None and str(reply_to) not in self.statuses:
            return Reply(404, {"error": "Record not found"})
        if p.get("scheduled_at"):
            when = datetime.fromisoformat(p["scheduled_at"].replace("Z", "+00:00"))
            if when - datetime.now(UTC) < timedelta(minutes=5):
                return Reply(
                    422, {"error": "Validation failed: Scheduled at The scheduled date must be in the future"}
                )
            sid = str(next(self.ids))
            sched = {
                "id": sid,
                "scheduled_at": p["scheduled_at"],
                "params": {"text": text, "media_ids": media_ids, "visibility": p.get("visibility")},
                "media_attachments": [self._public(self.media[m]) for m in media_ids],
            }
            self.scheduled[sid] = sched
            if key:
                self.idempotency[key] = sched
            return Reply(200, sched)
        sid = str(next(self.ids))
        status = {
            "id": sid,
            "created_at": datetime.now(UTC).isoformat(),
            "in_reply_to_id": reply_to and str(reply_to),
            "content": render(text),
            "visibility": p.get("visibility", "public"),
            "language": p.get("language"),
            "url": f"{self.url}/@studio/{sid}",
            "uri": f"{self.url}/users/studio/statuses/{sid}",
            "media_attachments": [self._public(self.media[m]) for m in media_ids],
            "account": {"id": "109", "acct": "studio"},
        }
        self.statuses[sid] = status
        if key:
            self.idempotency[key] = status
        return Reply(200, status)

    def account_statuses(self, req: Request, aid: str) -> Reply:
        if not self._authorized(req):
            return self._unauthorized()
        limit = min(int(req.arg("limit", "20") or 20), 40)
        newest_first = sorted(self.statuses.values(), key=lambda s: int(s["id"]), reverse=True)
        return Reply(200, newest_first[:limit])

    def list_scheduled(self, req: Request) -> Reply:
        if not self._authorized(req):
            return self._unauthorized()
        return Reply(200, list(self.scheduled.values()))
