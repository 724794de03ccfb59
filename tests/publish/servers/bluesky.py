"""Fake Bluesky PDS: the XRPC methods of https://docs.bsky.app/docs/category/http-reference.

Records are validated the way the PDS does for what the connector relies on: TID record keys,
300-grapheme text, facets whose UTF-8 byte ranges cover the decorated text, existing blobs of at
most 1,000,000 bytes, and reply references pointing at existing records.
"""

from __future__ import annotations

import hashlib
import json
import re
from itertools import count
from typing import Any

import regex

from .base import FakeServer, Reply, Request

TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")


def _err(status: int, error: str, message: str) -> Reply:
    return Reply(status, {"error": error, "message": message})


class BlueskyServer(FakeServer):
    HANDLE = "studio.bsky.test"
    DID = "did:plc:studio0000000000000000"
    PASSWORD = "abcd-efgh-ijkl-mnop"

    def __init__(self) -> None:
        super().__init__()
        self.serial = count(1)
        self.access: set[str] = set()
        self.refresh: set[str] = set()
        self.expired: set[str] = set()
        self.handles = {self.HANDLE: self.DID, "alice.bsky.test": "did:plc:alice0000000000000000000"}
        self.blobs: dict[str, dict[str, Any]] = {}
        self.records: dict[str, dict[str, Any]] = {}
        r = self.route
        r("POST", "/xrpc/com.atproto.server.createSession", self.create_session)
        r("POST", "/xrpc/com.atproto.server.refreshSession", self.refresh_session)
        r("GET", "/xrpc/app.bsky.actor.getProfile", self.get_profile)
        r("GET", "/xrpc/com.atproto.identity.resolveHandle", self.resolve_handle)
        r("POST", "/xrpc/com.atproto.repo.uploadBlob", self.upload_blob)
        r("POST", "/xrpc/com.atproto.repo.createRecord", self.create_record)
        r("GET", "/xrpc/com.atproto.repo.getRecord", self.get_record)

    # -- session ------------------------------------------------------------------------------

    def _tokens(self) -> dict[str, str]:
        n = next(self.serial)
        access, refresh = f"access-jwt-{n:04d}", f"refresh-jwt-{n:04d}"
        self.access.add(access)
        self.refresh.add(refresh)
        return {"accessJwt": access, "refreshJwt": refresh, "handle": self.HANDLE, "did": self.DID}

    def expire_access(self) -> None:
        with self.lock:
            self.expired |= self.access

    def expire_all(self) -> None:
        with self.lock:
            self.expired |= self.access | self.refresh

    def _bearer(self, req: Request) -> str:
        return req.header("authorization").removeprefix("Bearer ")

    def _check(self, req: Request) -> Reply | None:
        token = self._bearer(req)
        if not token:
            return _err(401, "AuthenticationRequired", "Authentication Required")
        if token in self.expired:
            return _err(400, "ExpiredToken", "Token has expired")
        if token not in self.access:
            return _err(400, "InvalidToken", "Token could not be verified")
        return None

    def create_session(self, req: Request) -> Reply:
        body = req.json()
        if body.get("identifier") not in (self.HANDLE, self.DID) or body.get("password") != self.PASSWORD:
            return _err(401, "AuthenticationRequired", "Invalid identifier or password")
        return Reply(200, self._tokens())

    def refresh_session(self, req: Request) -> Reply:
        token = self._bearer(req)
        if token in self.expired:
            return _err(400, "ExpiredToken", "Token has expired")
        if token not in self.refresh:
            return _err(400, "InvalidToken", "Token could not be verified")
        self.refresh.discard(token)  # refresh tokens are single use
        return Reply(200, self._tokens())

    def get_profile(self, req: Request) -> Reply:
        if (bad := self._check(req)) is not None:
            return bad
        return Reply(200, {"did": self.DID, "handle": self.HANDLE, "displayName": "Studio CM"})

    def resolve_handle(self, req: Request) -> Reply:
        did = self.handles.get(req.arg("handle") or "")
        if did is None:
            return _err(400, "InvalidRequest", "Unable to resolve handle")
        return Reply(200, {"did": did})

    # -- repo ---------------------------------------------------------------------------------

    def upload_blob(self, req: Request) -> Reply:
        if (bad := self._check(req)) is not None:
            return bad
        cid = "bafkrei" + hashlib.sha256(req.body).hexdigest()[:40]
        blob = {
            "$type": "blob",
            "ref": {"$link": cid},
            "mimeType": req.header("content-type"),
            "size": len(req.body),
        }
        self.blobs[cid] = blob
        return Reply(200, {"blob": blob})

    def _blob_error(self, blob: dict[str, Any], where: str) -> str | None:
        cid = (blob.get("ref") or {}).get("$link")
        if cid not in self.blobs:
            return f"{where}: blob not found"
        if self.blobs[cid]["size"] > 1_000_000:
            return f"{where} file too large"
        return None

    def _validate(self, rec: dict[str, Any]) -> str | None:
        if rec.get("$type") != "app.bsky.feed.post" or "createdAt" not in rec:
            return "Record/$type and createdAt are required"
        text = rec.get("text", "")
        if len(regex.findall(r"\X", text)) > 300 or len(text.encode()) > 3000:
            return "Record/text must not be longer than 300 graphemes"
        raw = text.encode()
        for facet in rec.get("facets", []):
            start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
            if not 0 <= start < end <= len(raw):
                return "Record/facets: byte range outside the text"
            try:
                piece = raw[start:end].decode()
            except UnicodeDecodeError:
                return "Record/facets: byte range splits a character"
            feature = facet["features"][0]
            kind = feature["$type"].rsplit("#", 1)[1]
            if kind == "link":
                ok = piece == feature["uri"]
            elif kind == "tag":
                ok = piece in ("#" + feature["tag"], "＃" + feature["tag"])
            else:
                ok = self.handles.get(piece.lstrip("@").lower()) == feature["did"]
            if not ok:
                return f"Record/facets: {kind} facet does not match the text {piece!r}"
        embed = rec.get("embed")
        if embed and embed["$type"] == "app.bsky.embed.images":
            if len(embed["images"]) > 4:
                return "Record/embed/images must not have more than 4 elements"
            for i, image in enumerate(embed["images"]):
                if (
                    problem := self._blob_error(image["image"], f"Record/embed/images/{i}/image")
                ) is not None:
                    return problem
        if embed and embed["$type"] == "app.bsky.embed.external" and "thumb" in embed["external"]:
            if (
                problem := self._blob_error(embed["external"]["thumb"], "Record/embed/external/thumb")
            ) is not None:
                return problem
        reply = rec.get("reply")
        if reply:
            for ref in (reply["root"], reply["parent"]):
                stored = self.records.get(ref["uri"].rsplit("/", 1)[1])
                if stored is None or stored["cid"] != ref["cid"]:
                    return "Record/reply: reference to a missing record"
        return None

    def create_record(self, req: Request) -> Reply:
        if (bad := self._check(req)) is not None:
            return bad
        body = req.json()
        if body.get("repo") not in (self.DID, self.HANDLE) or body.get("collection") != "app.bsky.feed.post":
            return _err(400, "InvalidRequest", "Unknown repo or collection")
        rkey = body.get("rkey") or f"3l{next(self.serial):011d}"
        if not TID.match(rkey):
            return _err(400, "InvalidRequest", f"Invalid record key (expected a TID): {rkey}")
        if rkey in self.records:
            return _err(400, "InvalidRequest", f"Record already exists: {rkey}")
        problem = self._validate(body.get("record") or {})
        if problem:
            return _err(400, "InvalidRecord", f"Invalid app.bsky.feed.post record: {problem}")
        cid = "bafyrei" + hashlib.sha256(json.dumps(body["record"], sort_keys=True).encode()).hexdigest()[:40]
        uri = f"at://{self.DID}/app.bsky.feed.post/{rkey}"
        self.records[rkey] = {"uri": uri, "cid": cid, "value": body["record"]}
        return Reply(200, {"uri": uri, "cid": cid})

    def get_record(self, req: Request) -> Reply:
        record = self.records.get(req.arg("rkey") or "")
        if record is None or req.arg("repo") not in (self.DID, self.HANDLE):
            return _err(400, "RecordNotFound", f"Could not locate record: {req.arg('rkey')}")
        return Reply(200, record)
