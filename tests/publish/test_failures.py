"""Failure classification: HTTP statuses, delays, transport errors — through real servers."""

from __future__ import annotations

import socket
import time
from email.utils import formatdate

import httpx
import pytest
from servers.mastodon import MastodonServer

from cmstudio.publish.connector import Failure, PublishError
from cmstudio.publish.connectors._http import parse_retry_after
from cmstudio.publish.connectors.mastodon import MastodonConnector
from cmstudio.publish.payload import Payload

NOW = 1_750_000_000.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "120"}, 120.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"Retry-After": formatdate(NOW + 90, usegmt=True)}, 90.0),
        ({"X-RateLimit-Reset": "2025-06-15T15:08:20.000Z"}, 1_750_000_100.0 - NOW),
        ({"RateLimit-Reset": str(int(NOW) + 30)}, 30.0),
        ({"RateLimit-Reset": "45"}, 45.0),
        ({"Retry-After": formatdate(NOW - 50, usegmt=True)}, 0.0),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    value = parse_retry_after(headers, now=NOW)
    assert value == (pytest.approx(expected) if expected is not None else None)


def test_429_with_http_date(mastodon: MastodonConnector, mastodon_server: MastodonServer) -> None:
    mastodon_server.fail(
        "status",
        "/api/v1/statuses",
        status=429,
        body={"error": "Too many requests"},
        headers={"Retry-After": formatdate(time.time() + 300, usegmt=True)},
    )
    with pytest.raises(PublishError) as info:
        mastodon.publish(Payload(text="x"), "k")
    failure = info.value.failure
    assert failure.kind == "rate_limited" and failure.retryable
    assert 290 <= (failure.retry_after or 0) <= 300
    assert "Next try in 5\u00a0min" in failure.message


def test_429_with_mastodon_reset_header(mastodon: MastodonConnector, mastodon_server: MastodonServer) -> None:
    reset = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(time.time() + 60))
    mastodon_server.fail("status", "/api/v1/statuses", status=429, headers={"X-RateLimit-Reset": reset})
    with pytest.raises(PublishError) as info:
        mastodon.publish(Payload(text="x"), "k")
    assert 55 <= (info.value.failure.retry_after or 0) <= 60


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_transient(
    mastodon: MastodonConnector, mastodon_server: MastodonServer, status: int
) -> None:
    mastodon_server.fail("status", "/api/v1/statuses", status=status, body=b"<html>Bad gateway</html>")
    with pytest.raises(PublishError) as info:
        mastodon.publish(Payload(text="x"), "k")
    assert info.value.failure.kind == "transient" and info.value.failure.status == status


def test_timeout_is_transient(mastodon: MastodonConnector, mastodon_server: MastodonServer) -> None:
    mastodon_server.fail("timeout", "/api/v1/statuses", delay=1.5)
    started = time.monotonic()
    with pytest.raises(PublishError) as info:
        mastodon.publish(Payload(text="x"), "k")
    assert time.monotonic() - started < 1.4
    assert info.value.failure == Failure(
        "transient", "Main post: Mastodon did not answer in time. Try again later."
    )


def test_connection_refused_is_transient_in_french() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nobody listens there
    conn = MastodonConnector(
        {"base_url": f"http://127.0.0.1:{port}"}, {"access_token": "t0ken-value"}, lang="fr"
    )
    check = conn.check_account()
    assert check.failure is not None and check.failure.kind == "transient"
    assert check.message.startswith("Impossible de joindre Mastodon (connexion refusée")


def test_classify_accepts_responses_and_exceptions(mastodon: MastodonConnector) -> None:
    req = httpx.Request("GET", "https://masto.test/api")
    assert (
        mastodon.classify(httpx.Response(403, json={"error": "Forbidden"}, request=req)).kind
        == "auth_expired"
    )
    bad = mastodon.classify(httpx.Response(422, json={"error": "Validation failed: Text can't be blank"}))
    assert bad.kind == "permanent" and bad.message.endswith("Validation failed: Text can't be blank")
    assert mastodon.classify(httpx.ReadTimeout("slow", request=req)).kind == "transient"
    assert mastodon.classify(httpx.RemoteProtocolError("gone", request=req)).kind == "transient"
    assert mastodon.classify(ValueError("odd")).kind == "permanent"
    failure = Failure("rate_limited", "wait", 3.0)
    assert mastodon.classify(PublishError(failure)) == failure
    with pytest.raises(ValueError):
        Failure("sometimes", "x")  # type: ignore[arg-type]
