"""Fake WordPress site: the REST routes of https://developer.wordpress.org/rest-api/reference/."""

from __future__ import annotations

import base64
import html
import re
from datetime import UTC, datetime
from itertools import count
from typing import Any

from .base import FakeServer, Reply, Request

API = "/wp-json/wp/v2"
_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF")


def _err(status: int, code: str, message: str, **data: Any) -> Reply:
    return Reply(status, {"code": code, "message": message, "data": {"status": status, **data}})


class WordPressServer(FakeServer):
    USER = "redaction"
    PASSWORD = "abcd EFGH ijkl MNOP qrst UVWX"

    def __init__(self) -> None:
        super().__init__()
        self.ids = count(10)
        self.posts: dict[int, dict[str, Any]] = {}
        self.media: dict[int, dict[str, Any]] = {}
        self.terms: dict[str, dict[int, dict[str, Any]]] = {
            "categories": {1: {"id": 1, "name": "Actualit&eacute;s", "slug": "actualites"}},
            "tags": {},
        }
        r = self.route
        r("GET", f"{API}/users/me", self.me)
        r("POST", f"{API}/media", self.upload)
        r("POST", rf"{API}/media/(?P<mid>\d+)", self.update_media)
        r("GET", rf"{API}/(?P<tax>categories|tags)", self.list_terms)
        r("POST", rf"{API}/(?P<tax>categories|tags)", self.create_term)
        r("POST", f"{API}/posts", self.create_post)
        r("GET", f"{API}/posts", self.list_posts)

    def _authorized(self, req: Request) -> bool:
        expected = base64.b64encode(f"{self.USER}:{self.PASSWORD}".encode()).decode()
        return req.header("authorization") == f"Basic {expected}"

    @staticmethod
    def _denied() -> Reply:
        return _err(401, "incorrect_password", "The provided password is an invalid application password.")

    def me(self, req: Request) -> Reply:
        if not self._authorized(req):
            return self._denied()
        user = {"id": 2, "name": "Rédaction", "slug": "redaction"}
        if req.arg("context") == "edit":
            user.update(username=self.USER, capabilities={"publish_posts": True, "upload_files": True})
        return Reply(200, user)

    def upload(self, req: Request) -> Reply:
        if not self._authorized(req):
            return self._denied()
        disposition = req.header("content-disposition")
        m = re.search(r'filename="?([^";]+)"?', disposition)
        if not m:
            return _err(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.")
        if not req.body.startswith(_MAGIC):
            return _err(
                400, "rest_upload_sideload_error", "Sorry, you are not allowed to upload this file type."
            )
        mid = next(self.ids)
        self.media[mid] = {
            "id": mid,
            "source_url": f"{self.url}/wp-content/uploads/{m.group(1)}",
            "alt_text": "",
            "mime_type": req.header("content-type"),
            "media_type": "image",
        }
        return Reply(201, self.media[mid])

    def update_media(self, req: Request, mid: str) -> Reply:
        if not self._authorized(req):
            return self._denied()
        media = self.media.get(int(mid))
        if media is None:
            return _err(404, "rest_post_invalid_id", "Invalid post ID.")
        media["alt_text"] = req.json().get("alt_text", media["alt_text"])
        return Reply(200, media)

    def list_terms(self, req: Request, tax: str) -> Reply:
        search = (req.arg("search") or "").casefold()
        found = [t for t in self.terms[tax].values() if search in html.unescape(t["name"]).casefold()]
        return Reply(200, found)

    def create_term(self, req: Request, tax: str) -> Reply:
        if not self._authorized(req):
            return self._denied()
        name = (req.json() or {}).get("name", "").strip()
        if not name:
            return _err(400, "rest_missing_callback_param", "Missing parameter(s): name")
        for term in self.terms[tax].values():
            if html.unescape(term["name"]).casefold() == name.casefold():
                return _err(
                    400, "term_exists", "A term with the name provided already exists.", term_id=term["id"]
                )
        tid = next(self.ids)
        self.terms[tax][tid] = {"id": tid, "name": html.escape(name), "slug": name.lower().replace(" ", "-")}
        return Reply(201, self.terms[tax][tid])

    def create_post(self, req: Request) -> Reply:
        if not self._authorized(req):
            return self._denied()
        p = req.json()
        status = p.get("status", "draft")
        if status not in ("publish", "future", "draft", "pending", "private"):
            return _err(400, "rest_invalid_param", "Invalid parameter(s): status")
        featured = p.get("featured_media")
        if featured and featured not in self.media:
            return _err(400, "rest_invalid_featured_media", "Invalid featured media ID.")
        for tax in ("categories", "tags"):
            for tid in p.get(tax, []):
                if tid not in self.terms[tax]:
                    return _err(400, "rest_invalid_param", f"Invalid parameter(s): {tax}")
        date_gmt = p.get("date_gmt")
        if status == "future":
            when = datetime.fromisoformat(date_gmt).replace(tzinfo=UTC) if date_gmt else None
            if when is None or when <= datetime.now(UTC):
                status = "publish"  # WordPress publishes a "future" post whose date has passed
        pid = next(self.ids)
        slug = p.get("slug") or re.sub(r"[^a-z0-9]+", "-", p.get("title", "").lower()).strip("-") or str(pid)
        self.posts[pid] = {
            "id": pid,
            "status": status,
            "slug": slug,
            "link": f"{self.url}/{slug}/",
            "date_gmt": date_gmt,
            "title": {"raw": p.get("title", ""), "rendered": html.escape(p.get("title", ""))},
            "content": {"raw": p.get("content", ""), "rendered": p.get("content", "")},
            "excerpt": {"raw": p.get("excerpt", ""), "rendered": p.get("excerpt", "")},
            "featured_media": featured or 0,
            "categories": p.get("categories", [1]),
            "tags": p.get("tags", []),
        }
        return Reply(201, self.posts[pid])

    def list_posts(self, req: Request) -> Reply:
        statuses = (req.arg("status") or "publish").split(",")
        if (req.arg("context") == "edit" or statuses != ["publish"]) and not self._authorized(req):
            return _err(
                401, "rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type."
            )
        search = (req.arg("search") or "").casefold()
        out = []
        for post in sorted(self.posts.values(), key=lambda p: -p["id"]):
            if "any" not in statuses and post["status"] not in statuses:
                continue
            haystack = " ".join(post[k]["raw"] for k in ("title", "content", "excerpt")).casefold()
            if search and search not in haystack:
                continue
            item = dict(post)
            if req.arg("context") != "edit":
                item = {
                    **item,
                    **{k: {"rendered": post[k]["rendered"]} for k in ("title", "content", "excerpt")},
                }
            out.append(item)
        return Reply(200, out[: int(req.arg("per_page", "10") or 10)])
