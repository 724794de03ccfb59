"""Fake Discord webhook: https://discord.com/developers/docs/resources/webhook."""

from __future__ import annotations

import json
from itertools import count
from typing import Any

from .base import FakeServer, Reply, Request


class DiscordServer(FakeServer):
    WEBHOOK_ID = "112233445566"
    TOKEN = "discord-webhook-secret-token-abcdef"

    def __init__(self) -> None:
        super().__init__()
        self.ids = count(900_000_000_000_000_001)
        self.messages: dict[str, dict[str, Any]] = {}
        self.route("GET", r"/api/webhooks/(?P<wid>\d+)/(?P<token>[^/]+)", self.get_hook)
        self.route("POST", r"/api/webhooks/(?P<wid>\d+)/(?P<token>[^/]+)", self.execute)

    @property
    def webhook_url(self) -> str:
        return f"{self.url}/api/webhooks/{self.WEBHOOK_ID}/{self.TOKEN}"

    def _bad(self, wid: str, token: str) -> Reply | None:
        if wid != self.WEBHOOK_ID:
            return Reply(404, {"message": "Unknown Webhook", "code": 10015})
        if token != self.TOKEN:
            return Reply(401, {"message": "Invalid Webhook Token", "code": 50027})
        return None

    def get_hook(self, req: Request, wid: str, token: str) -> Reply:
        if (bad := self._bad(wid, token)) is not None:
            return bad
        return Reply(
            200,
            {
                "id": wid,
                "type": 1,
                "name": "Annonces",
                "channel_id": "5550001",
                "guild_id": "7770001",
                "token": token,
            },
        )

    def execute(self, req: Request, wid: str, token: str) -> Reply:
        if (bad := self._bad(wid, token)) is not None:
            return bad
        if req.header("content-type").startswith("multipart/form-data"):
            fields, files = req.form()
            body = json.loads(fields.get("payload_json", "{}"))
        else:
            body, files = req.json(), {}
        content = body.get("content") or ""
        if len(content) > 2000:
            return Reply(
                400,
                {
                    "code": 50035,
                    "message": "Invalid Form Body",
                    "errors": {
                        "content": {
                            "_errors": [
                                {
                                    "code": "BASE_TYPE_MAX_LENGTH",
                                    "message": "Must be 2000 or fewer in length.",
                                }
                            ]
                        }
                    },
                },
            )
        attachments = []
        for att in body.get("attachments", []):
            field = f"files[{att['id']}]"
            if field not in files:
                return Reply(
                    400,
                    {
                        "code": 50035,
                        "message": "Invalid Form Body",
                        "errors": {
                            "attachments": {
                                str(att["id"]): {
                                    "_errors": [
                                        {
                                            "code": "ATTACHMENT_NOT_FOUND",
                                            "message": "Attachment data not found",
                                        }
                                    ]
                                }
                            }
                        },
                    },
                )
            filename, ctype, data = files[field]
            attachments.append(
                {
                    "id": str(next(self.ids)),
                    "filename": filename,
                    "size": len(data),
                    "content_type": ctype,
                    "description": att.get("description"),
                }
            )
        if not (content or body.get("embeds") or attachments):
            return Reply(400, {"message": "Cannot send an empty message", "code": 50006})
        mid = str(next(self.ids))
        message = {
            "id": mid,
            "channel_id": "5550001",
            "webhook_id": wid,
            "content": content,
            "embeds": body.get("embeds", []),
            "attachments": attachments,
            "author": {"username": body.get("username") or "Annonces"},
        }
        self.messages[mid] = message
        if req.arg("wait") != "true":
            return Reply(204)
        return Reply(200, message)
