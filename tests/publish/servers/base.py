"""A small programmable HTTP server on 127.0.0.1 for connector tests.

Each fake network registers routes (method + path regex → handler) over in-memory state, and a
test can ask it to misbehave on the next matching requests:

- ``timeout``: wait `delay` seconds, then close without answering (nothing done);
- ``status``: answer `status` with `headers` and `body` (nothing done), e.g. 429 or 503;
- ``drop_after``: do the work, then close the connection without answering (the lost answer);
- ``drop_before``: close the connection without doing anything.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def header(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> tuple[dict[str, str], dict[str, tuple[str, str, bytes]]]:
        """Fields and files of a urlencoded or multipart body (files: name → (filename, type, bytes))."""
        ctype = self.header("content-type")
        if ctype.startswith("application/x-www-form-urlencoded"):
            return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}, {}
        if not ctype.startswith("multipart/form-data"):
            return {}, {}
        msg = BytesParser(policy=policy.HTTP).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + self.body
        )
        fields: dict[str, str] = {}
        files: dict[str, tuple[str, str, bytes]] = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True) or b""
            filename = part.get_filename()
            if filename is not None:
                files[str(name)] = (filename, part.get_content_type(), data)
            else:
                fields[str(name)] = data.decode()
        return fields, files

    def params(self) -> dict[str, Any]:
        """JSON object, urlencoded or multipart fields, whichever the body is."""
        if self.header("content-type").startswith("application/json"):
            return self.json() or {}
        return self.form()[0]


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fault:
    kind: str
    path: str
    method: str | None
    times: int
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    delay: float = 2.0
    after: int = 0


Handler = Callable[..., Reply]


class FakeServer:
    """Base of the fake networks: routing, request log, faults. Handlers run under `self.lock`."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self.log: list[Request] = []
        self._faults: list[Fault] = []
        fake = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _any(self) -> None:
                fake._handle(self)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

        class _Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # connections we drop on purpose end in broken pipes

        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        self.routes.append((method, re.compile(pattern), handler))

    def fail(
        self,
        kind: str,
        path: str = "",
        *,
        method: str | None = None,
        times: int = 1,
        status: int = 500,
        headers: dict[str, str] | None = None,
        body: Any = None,
        delay: float = 2.0,
        after: int = 0,
    ) -> None:
        """Misbehave on `times` requests whose path contains `path`, once `after` of them went well."""
        assert kind in ("timeout", "status", "drop_after", "drop_before"), kind
        with self.lock:
            self._faults.append(Fault(kind, path, method, times, status, headers or {}, body, delay, after))

    def calls(self, path_part: str, method: str | None = None) -> list[Request]:
        with self.lock:
            return [r for r in self.log if path_part in r.path and (method is None or r.method == method)]

    def _take_fault(self, req: Request) -> Fault | None:
        for fault in self._faults:
            if fault.path in req.path and (fault.method is None or fault.method == req.method):
                if fault.after > 0:
                    fault.after -= 1
                    continue
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        req = Request(
            h.command, parts.path, parse_qs(parts.query), {k.lower(): v for k, v in h.headers.items()}, body
        )
        with self.lock:
            self.log.append(req)
            fault = self._take_fault(req)
        if fault is not None and fault.kind == "timeout":
            time.sleep(fault.delay)
            return self._drop(h)
        if fault is not None and fault.kind == "drop_before":
            return self._drop(h)
        if fault is not None and fault.kind == "status":
            return self._write(h, Reply(fault.status, fault.body, fault.headers))
        reply = self._dispatch(req)
        if fault is not None and fault.kind == "drop_after":
            return self._drop(h)
        self._write(h, reply)

    def _dispatch(self, req: Request) -> Reply:
        for method, pattern, handler in self.routes:
            m = pattern.fullmatch(req.path)
            if m and method == req.method:
                with self.lock:
                    return handler(req, **m.groupdict())
        return Reply(404, {"error": f"no route for {req.method} {req.path}"})

    @staticmethod
    def _drop(h: BaseHTTPRequestHandler) -> None:
        h.close_connection = True
        try:
            h.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    @staticmethod
    def _write(h: BaseHTTPRequestHandler, reply: Reply) -> None:
        headers = dict(reply.headers)
        if isinstance(reply.body, bytes):
            data = reply.body
        elif reply.body is None:
            data = b""
        else:
            data = json.dumps(reply.body).encode()
            headers.setdefault("Content-Type", "application/json; charset=utf-8")
        h.send_response(reply.status)
        for name, value in headers.items():
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)
