"""Fake Telegram Bot API: the methods of https://core.telegram.org/bots/api used by the connector."""

from __future__ import annotations

import json
import time
from itertools import count
from typing import Any

from .base import FakeServer, Reply, Request


def _err(code: int, description: str, **parameters: Any) -> Reply:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return Reply(code, body)


class TelegramServer(FakeServer):
    TOKEN = "7654321:AAH-telegram-secret-token-xyz"
    CHAT = "@cmstudio_test"

    def __init__(self) -> None:
        super().__init__()
        self.ids = count(100)
        self.messages: dict[int, dict[str, Any]] = {}
        self.chats = {
            self.CHAT: {
                "id": -1001234567890,
                "type": "channel",
                "title": "CM Studio test",
                "username": self.CHAT[1:],
            }
        }
        self.route("POST", r"/bot(?P<token>[^/]+)/(?P<method>\w+)", self.call)

    def call(self, req: Request, token: str, method: str) -> Reply:
        if token != self.TOKEN:
            return _err(401, "Unauthorized")
        fields, files = ({}, {}) if req.header("content-type").startswith("application/json") else req.form()
        params: dict[str, Any] = req.json() if not fields and req.body.startswith(b"{") else dict(fields)
        handler = getattr(self, f"m_{method}", None)
        if handler is None:
            return _err(404, "Not Found: method not found")
        if method != "getMe":
            chat = self.chats.get(str(params.get("chat_id")))
            if chat is None:
                return _err(400, "Bad Request: chat not found")
            params["_chat"] = chat
        return handler(params, files)

    def _message(self, chat: dict[str, Any], **content: Any) -> dict[str, Any]:
        mid = next(self.ids)
        message = {"message_id": mid, "date": int(time.time()), "chat": chat, **content}
        self.messages[mid] = message
        return message

    def m_getMe(self, params: dict[str, Any], files: dict[str, Any]) -> Reply:
        return Reply(
            200,
            {
                "ok": True,
                "result": {
                    "id": 7654321,
                    "is_bot": True,
                    "first_name": "CM Studio bot",
                    "username": "cmstudio_bot",
                },
            },
        )

    def m_getChat(self, params: dict[str, Any], files: dict[str, Any]) -> Reply:
        return Reply(200, {"ok": True, "result": params["_chat"]})

    def m_sendMessage(self, params: dict[str, Any], files: dict[str, Any]) -> Reply:
        text = params.get("text") or ""
        if not text:
            return _err(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            return _err(400, "Bad Request: message is too long")
        reply = (params.get("reply_parameters") or {}).get("message_id")
        if reply is not None and reply not in self.messages:
            return _err(400, "Bad Request: message to be replied not found")
        message = self._message(params["_chat"], text=text, reply_to_message_id=reply)
        return Reply(200, {"ok": True, "result": message})

    def m_sendPhoto(self, params: dict[str, Any], files: dict[str, Any]) -> Reply:
        if "photo" not in files:
            return _err(400, "Bad Request: there is no photo in the request")
        caption = params.get("caption", "")
        if len(caption) > 1024:
            return _err(400, "Bad Request: message caption is too long")
        photo = {"file_name": files["photo"][0], "file_size": len(files["photo"][2])}
        return Reply(
            200, {"ok": True, "result": self._message(params["_chat"], caption=caption, photo=[photo])}
        )

    def m_sendMediaGroup(self, params: dict[str, Any], files: dict[str, Any]) -> Reply:
        media = json.loads(params.get("media", "[]"))
        if not 2 <= len(media) <= 10:
            return _err(400, "Bad Request: wrong number of media specified")
        out = []
        for entry in media:
            name = entry["media"].removeprefix("attach://")
            if name not in files:
                return _err(400, "Bad Request: wrong file identifier/HTTP URL specified")
            if len(entry.get("caption", "")) > 1024:
                return _err(400, "Bad Request: message caption is too long")
        group = str(next(self.ids))
        for entry in media:
            name = entry["media"].removeprefix("attach://")
            photo = {"file_name": files[name][0], "file_size": len(files[name][2])}
            out.append(
                self._message(
                    params["_chat"], caption=entry.get("caption", ""), photo=[photo], media_group_id=group
                )
            )
        return Reply(200, {"ok": True, "result": out})
