"""“Webhook JSON”: an example CM Studio connector built on the public connector API only.

Each publication is POSTed as one JSON document to the configured URL; the optional bearer token
is a secret field, so the studio keeps it in the OS keyring and passes it in `secrets`.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

import httpx

from cmstudio.publish.connector import (
    AccountCheck,
    Capabilities,
    Connector,
    ConnectorInfo,
    Failure,
    PublishError,
    PublishResult,
    SettingField,
)
from cmstudio.publish.payload import Payload

__all__ = ["WebhookJsonConnector"]


class WebhookJsonConnector(Connector):
    """Sends publications to a JSON webhook."""

    info = ConnectorInfo(
        id="webhook_json",
        name="Webhook JSON",
        icon="webhook",
        network="webhook",
        capabilities=Capabilities(text=True, images=4, threads=True, alt_text=True),
        settings_schema=(
            SettingField("url", "Adresse du webhook", "Webhook URL", "url", required=True),
            SettingField(
                "token",
                "Jeton (facultatif)",
                "Token (optional)",
                "secret",
                help_fr="Envoyé comme « Authorization: Bearer … ».",
                help_en="Sent as “Authorization: Bearer …”.",
            ),
        ),
        description_fr="Envoie chaque publication en JSON à un webhook.",
        description_en="Sends each publication as JSON to a webhook.",
    )

    def __init__(
        self,
        settings: Mapping[str, Any] | None = None,
        secrets: Mapping[str, str] | None = None,
        **options: Any,
    ) -> None:
        super().__init__(settings, secrets, **options)
        headers = {"Authorization": f"Bearer {self._secrets['token']}"} if "token" in self._secrets else {}
        self._client = httpx.Client(timeout=self.timeout, headers=headers)

    def close(self) -> None:
        self._client.close()

    def _request(self, method: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, self.settings["url"], **kwargs)
        except httpx.HTTPError as exc:
            raise PublishError(self.classify(exc)) from None
        if response.status_code >= 400 and response.status_code != 404:
            raise PublishError(self.classify(response))
        return response

    def check_account(self) -> AccountCheck:
        try:
            self._request("GET", params={"idempotency_key": "cmstudio-check"})
        except PublishError as exc:
            return AccountCheck(ok=False, message=exc.failure.message, failure=exc.failure)
        return AccountCheck(
            ok=True,
            display_name=self.info.name,
            handle=self.settings["url"],
            message="Webhook joignable." if self.lang == "fr" else "Webhook reachable.",
        )

    def publish(self, payload: Payload, idempotency_key: str) -> PublishResult:
        document = {
            "idempotency_key": idempotency_key,
            "text": payload.text,
            "parts": payload.thread,
            "link": payload.link,
            "title": payload.title,
            "language": payload.language,
            "scheduled_at": payload.scheduled_at.isoformat() if payload.scheduled_at else None,
            "media": [
                {
                    "name": m.path.name,
                    "mime": m.mime,
                    "alt": m.alt,
                    "data_base64": base64.b64encode(m.read_bytes()).decode(),
                }
                for m in payload.media
            ],
        }
        data = self._request("POST", json=document).json()
        return PublishResult(remote_id=str(data["id"]), url=data.get("url"))

    def verify(self, payload: Payload, idempotency_key: str) -> PublishResult | None:
        response = self._request("GET", params={"idempotency_key": idempotency_key})
        if response.status_code == 404:
            return None
        data = response.json()
        return PublishResult(remote_id=str(data["id"]), url=data.get("url"))

    def classify(self, exc_or_response: object) -> Failure:
        if isinstance(exc_or_response, PublishError):
            return exc_or_response.failure
        if isinstance(exc_or_response, httpx.HTTPError):
            return Failure("transient", "The webhook cannot be reached; it will be tried again.")
        if isinstance(exc_or_response, httpx.Response):
            status = exc_or_response.status_code
            if status == 429:
                value = exc_or_response.headers.get("Retry-After", "")
                return Failure(
                    "rate_limited",
                    "The webhook asks to slow down.",
                    float(value) if value.isdigit() else None,
                    status,
                )
            if status in (401, 403):
                return Failure("auth_expired", "The webhook refused the token.", None, status)
            if status >= 500:
                return Failure("transient", f"The webhook failed (error {status}).", None, status)
            return Failure(
                "permanent",
                f"The webhook refused the publication: {exc_or_response.text[:200]}",
                None,
                status,
            )
        return Failure("permanent", f"Unexpected problem: {type(exc_or_response).__name__}")
