"""Accounts: create, edit, check and connect them, with their secrets kept in a `SecretStore`.

Settings (server URL, handle, channel id...) go to `Account.settings`; the fields the connector
marks secret go to the store only, under the account's `keyring_ref`. The command line uses the
names of the publishing issue (``instance``, ``token``...); `canonical_keys` maps them onto each
connector's own schema keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _, language
from cmstudio.core.models import Account
from cmstudio.publish.connector import (
    AccountCheck,
    Connector,
    ConnectorInfo,
    Failure,
    PublishError,
    validate_settings,
)
from cmstudio.publish.registry import Discovery, UnknownConnectorError, discover
from cmstudio.publish.secrets import SecretStore, delete_secrets, load_secrets, new_keyring_ref, save_secrets

# Names used on the command line (publishing issue) → the connectors' schema keys.
KEY_ALIASES: dict[str, dict[str, str]] = {
    "wordpress": {"url": "base_url"},
    "mastodon": {"instance": "base_url", "token": "access_token"},
    "bluesky": {"service": "base_url"},
    "telegram": {},
    "discord": {},
}
# Account statuses: unchecked (never checked), ok, reconnect (credentials refused), error (other).
ACCOUNT_STATUSES = ("unchecked", "ok", "reconnect", "error", "demo")


class AccountError(UserError, ValueError):
    """An account cannot be created, found or used as asked."""


def connector_class(connector_id: str, discovery: Discovery | None = None) -> type[Connector]:
    """The installed connector `connector_id` (the manual connector is always available)."""
    if connector_id == "manual":
        from cmstudio.publish.connectors.manual import ManualConnector

        return ManualConnector
    try:
        return (discovery or discover()).get(connector_id)
    except UnknownConnectorError as exc:
        raise AccountError(str(exc)) from None


def available_connectors(discovery: Discovery | None = None) -> list[ConnectorInfo]:
    from cmstudio.publish.connectors.manual import ManualConnector

    infos = (discovery or discover()).infos()
    if all(i.id != "manual" for i in infos):
        infos.append(ManualConnector.info)
    return infos


def canonical_keys(connector_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    aliases = KEY_ALIASES.get(connector_id, {})
    return {aliases.get(k, k): v for k, v in values.items()}


def _lang() -> str:
    return language()


def _split(info: ConnectorInfo, settings: Mapping[str, Any], secrets: Mapping[str, str]) -> None:
    known = {f.key for f in info.settings_schema}
    secret_keys = set(info.secret_keys)
    for key in settings:
        if key not in known:
            raise AccountError(_("The connector “{connector}” has no setting “{key}” (known: {known}).",
                                 connector=info.id, key=key, known=", ".join(sorted(known)) or "-"))
        if key in secret_keys:
            raise AccountError(_("“{key}” is a secret: it is kept in the keyring, not with the settings (on the command line, "
                                 "give it with --secret).", key=key))
    for key in secrets:
        if key not in secret_keys:
            raise AccountError(_("“{key}” is not a secret field of the connector “{connector}”.",
                                 key=key, connector=info.id))


def find_account(session: Session, name_or_id: str | int, workspace_id: int | None = None) -> Account:
    """An account by id or by name (case-insensitive)."""
    query = select(Account)
    if workspace_id is not None:
        query = query.where(Account.workspace_id == workspace_id)
    accounts = list(session.scalars(query.order_by(Account.id)))
    text = str(name_or_id).strip()
    for account in accounts:
        if str(account.id) == text or account.name.casefold() == text.casefold():
            return account
    raise AccountError(_("There is no account named “{name}”; see “cmstudio account list”.", name=text))


def add_account(session: Session, store: SecretStore, workspace_id: int, connector_id: str, name: str,
                settings: Mapping[str, Any] | None = None, secrets: Mapping[str, str] | None = None,
                *, discovery: Discovery | None = None) -> Account:
    """Create an account after checking its fields against the connector's schema.

    Secrets are written to `store` only after the row exists, and removed again if the unit of
    work fails to flush.
    """
    name = (name or "").strip()
    if not name:
        raise AccountError(_("Give the account a name."))
    cls = connector_class(connector_id, discovery)
    info = cls.info
    settings = canonical_keys(connector_id, settings or {})
    secrets = canonical_keys(connector_id, secrets or {})
    _split(info, settings, secrets)
    try:
        clean = validate_settings(info, settings, secrets, _lang())
    except UserError as exc:
        raise AccountError(str(exc)) from None
    existing = session.scalars(select(Account).where(Account.workspace_id == workspace_id)).all()
    if any(a.name.casefold() == name.casefold() for a in existing):
        raise AccountError(_("An account named “{name}” already exists.", name=name))
    network = str(clean.get("network") or info.network) if connector_id == "manual" else info.network
    ref = new_keyring_ref()
    account = Account(workspace_id=workspace_id, connector_id=connector_id, network=network, name=name,
                      handle=str(clean.get("handle", "")), settings=clean, keyring_ref=ref, status="unchecked")
    session.add(account)
    session.flush()
    save_secrets(store, ref, secrets)
    return account


def update_account(session: Session, store: SecretStore, account_id: int, *, name: str | None = None,
                   settings: Mapping[str, Any] | None = None, secrets: Mapping[str, str] | None = None,
                   discovery: Discovery | None = None) -> Account:
    """Change settings and/or replace secrets (an empty secret keeps the stored one)."""
    account = session.get(Account, account_id)
    if account is None:
        raise AccountError(_("The account {id} no longer exists.", id=account_id))
    info = connector_class(account.connector_id, discovery).info
    new_settings = {**(account.settings or {}), **canonical_keys(account.connector_id, settings or {})}
    new_secrets = {k: v for k, v in canonical_keys(account.connector_id, secrets or {}).items() if v}
    _split(info, {k: v for k, v in new_settings.items() if k in {f.key for f in info.settings_schema}},
           new_secrets)
    ref = account.keyring_ref or new_keyring_ref()
    current = load_secrets(store, ref, info.secret_keys)
    try:
        clean = validate_settings(info, new_settings, {**current, **new_secrets}, _lang())
    except UserError as exc:
        raise AccountError(str(exc)) from None
    if name is not None and name.strip():
        account.name = name.strip()
    extra = {k: v for k, v in (account.settings or {}).items() if k not in clean and k == "instance"}
    account.settings = {**clean, **extra}
    account.keyring_ref = ref
    if new_secrets:
        save_secrets(store, ref, new_secrets)
        account.status, account.status_message = "unchecked", ""
    return account


def delete_account(session: Session, store: SecretStore, account_id: int,
                   discovery: Discovery | None = None) -> None:
    account = session.get(Account, account_id)
    if account is None:
        return
    try:
        keys = connector_class(account.connector_id, discovery).info.secret_keys
    except AccountError:
        keys = ()
    delete_secrets(store, account.keyring_ref, keys)
    session.delete(account)


def build_connector(account: Account, store: SecretStore, *, lang: str | None = None, timeout: float = 20.0,
                    discovery: Discovery | None = None) -> Connector:
    """The connector for `account`, with its secrets read from `store`."""
    cls = connector_class(account.connector_id, discovery)
    secrets = load_secrets(store, account.keyring_ref, cls.info.secret_keys)
    settings = {k: v for k, v in (account.settings or {}).items()
                if k in {f.key for f in cls.info.settings_schema}}
    options: dict[str, Any] = {"lang": lang or _lang()}
    if timeout is not None:
        options["timeout"] = timeout
    try:
        return cls(settings, secrets, **options)
    except UserError as exc:
        if any(f.required and f.key not in secrets for f in cls.info.settings_schema if f.secret):
            raise AccountError(_("The account “{name}” has no stored password or token: reconnect it.",
                                 name=account.name)) from None
        raise AccountError(_("The account “{name}” is not set up correctly: {error}",
                             name=account.name, error=exc)) from None


def status_for(failure: Failure | None) -> str:
    if failure is None:
        return "ok"
    return "reconnect" if failure.kind == "auth_expired" else "error"


@dataclass(frozen=True)
class CheckOutcome:
    account_id: int
    status: str
    message: str
    handle: str


def apply_check(account: Account, check: AccountCheck, now: datetime | None = None) -> CheckOutcome:
    """Record a check's answer on the account row."""
    account.status = status_for(check.failure) if not check.ok else "ok"
    account.status_message = check.message
    if check.ok and check.handle:
        account.handle = check.handle
    account.checked_at = now or datetime.now(UTC)
    return CheckOutcome(account.id, account.status, account.status_message, account.handle)


def check_account(session: Session, store: SecretStore, account_id: int, *, timeout: float = 20.0,
                  discovery: Discovery | None = None) -> CheckOutcome:
    """Ask the network who we are; the answer (or the refusal) is stored on the account."""
    account = session.get(Account, account_id)
    if account is None:
        raise AccountError(_("The account {id} no longer exists.", id=account_id))
    try:
        connector = build_connector(account, store, timeout=timeout, discovery=discovery)
    except AccountError as exc:
        check = AccountCheck(ok=False, message=str(exc), failure=Failure("auth_expired", str(exc)))
    else:
        with connector:
            check = connector.check_account()
            if check.ok:
                _cache_server_limits(account, connector)
    return apply_check(account, check)


def _cache_server_limits(account: Account, connector: Connector) -> None:
    """Keep a Mastodon server's own limits on the account, so drafts are counted against them.

    Stored as the `/api/v2/instance` shape that `cmstudio.core.networks.profile_with_instance`
    reads; a server that will not say keeps the defaults.
    """
    reader = getattr(connector, "instance_config", None)
    if reader is None:
        return
    try:
        limits = reader()
    except PublishError:
        return
    account.settings = {**(account.settings or {}), "instance": {"configuration": {
        "statuses": {"max_characters": limits.max_characters,
                     "max_media_attachments": limits.max_media_attachments,
                     "characters_reserved_per_url": limits.characters_reserved_per_url},
        "media_attachments": {"image_size_limit": limits.image_size_limit,
                              "description_limit": limits.description_limit},
    }}}


def account_summary(account: Account) -> dict[str, Any]:
    """What may be shown of an account: never its secrets."""
    return {"id": account.id, "name": account.name, "connector": account.connector_id,
            "network": account.network, "handle": account.handle, "status": account.status,
            "message": account.status_message or None,
            "settings": {k: v for k, v in (account.settings or {}).items() if k != "instance"}}
