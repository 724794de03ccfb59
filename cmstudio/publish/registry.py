"""Discovery of connectors: entry points of the group ``cmstudio.connectors``.

Built-in and third-party connectors register the same way (an entry point naming a `Connector`
subclass). Until the built-ins are declared in the project's own metadata, `BUILTINS` stands in
for them. A plug-in that fails to load never breaks discovery: it is logged and listed in
`Discovery.failed` with a sentence saying why.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from cmstudio.core.i18n import _
from cmstudio.publish.connector import Connector, ConnectorInfo

log = logging.getLogger(__name__)

GROUP = "cmstudio.connectors"

BUILTINS: dict[str, str] = {
    "wordpress": "cmstudio.publish.connectors.wordpress:WordPressConnector",
    "mastodon": "cmstudio.publish.connectors.mastodon:MastodonConnector",
    "bluesky": "cmstudio.publish.connectors.bluesky:BlueskyConnector",
    "telegram": "cmstudio.publish.connectors.telegram:TelegramConnector",
    "discord": "cmstudio.publish.connectors.discord:DiscordConnector",
    "manual": "cmstudio.publish.connectors.manual:ManualConnector",
}


class UnknownConnectorError(LookupError):
    """No connector with that id is installed (or it failed to load)."""


@dataclass(frozen=True)
class FailedConnector:
    """A plug-in that could not be loaded: where it came from and why."""

    name: str
    target: str
    distribution: str
    message: str


@dataclass(frozen=True)
class ConnectorEntry:
    """A loaded connector class and where it came from."""

    cls: type[Connector]
    target: str
    distribution: str
    builtin: bool

    @property
    def info(self) -> ConnectorInfo:
        return self.cls.info


@dataclass
class Discovery:
    """The outcome of a discovery pass: usable connectors by id, and the plug-ins that failed."""

    connectors: dict[str, ConnectorEntry] = field(default_factory=dict)
    failed: list[FailedConnector] = field(default_factory=list)

    def get(self, connector_id: str) -> type[Connector]:
        try:
            return self.connectors[connector_id].cls
        except KeyError:
            reasons = [f.message for f in self.failed if f.name == connector_id]
            detail = f" ({reasons[0]})" if reasons else ""
            raise UnknownConnectorError(_(
                "No connector “{connector_id}” is available{detail}.",
                connector_id=connector_id, detail=detail,
            )) from None

    def infos(self) -> list[ConnectorInfo]:
        return sorted((e.info for e in self.connectors.values()), key=lambda i: i.name.lower())


def _load(target: str) -> Any:
    module_name, _, attr = target.partition(":")
    obj: Any = importlib.import_module(module_name)
    for part in filter(None, attr.split(".")):
        obj = getattr(obj, part)
    return obj


def _check_class(obj: Any) -> str | None:
    """Why `obj` is not a usable connector class, or None."""
    if not (isinstance(obj, type) and issubclass(obj, Connector)):
        return "it does not name a Connector subclass"
    info = getattr(obj, "info", None)
    if not isinstance(info, ConnectorInfo):
        return "its class has no ConnectorInfo in `info`"
    if getattr(obj, "__abstractmethods__", None):
        return f"it leaves methods unimplemented: {', '.join(sorted(obj.__abstractmethods__))}"
    return None


def _entry_points() -> Iterable[metadata.EntryPoint]:
    importlib.invalidate_caches()
    return metadata.entry_points(group=GROUP)


def discover(include_builtins: bool = True) -> Discovery:
    """Load every connector declared in the entry-point group, then the missing built-ins."""
    found = Discovery()
    seen_builtin_targets: set[str] = set()

    def add(name: str, target: str, dist: str, builtin: bool, loader: Any) -> None:
        try:
            obj = loader()
        except Exception as exc:  # a broken plug-in must not break discovery
            log.warning("Connector plug-in %r (%s) failed to load", name, target, exc_info=True)
            found.failed.append(
                FailedConnector(name, target, dist, f"loading failed: {type(exc).__name__}: {exc}")
            )
            return
        problem = _check_class(obj)
        if problem:
            log.warning("Connector plug-in %r (%s) is unusable: %s", name, target, problem)
            found.failed.append(FailedConnector(name, target, dist, problem))
            return
        cid = obj.info.id
        if cid in found.connectors:
            other = found.connectors[cid]
            if other.target == target:
                return
            message = f"its id “{cid}” is already used by {other.target}"
            log.warning("Connector plug-in %r (%s) ignored: %s", name, target, message)
            found.failed.append(FailedConnector(name, target, dist, message))
            return
        found.connectors[cid] = ConnectorEntry(obj, target, dist, builtin)

    try:
        entry_points = list(_entry_points())
    except Exception:  # a malformed distribution's metadata
        log.warning("Reading the connector entry points failed", exc_info=True)
        entry_points = []
    builtin_targets = set(BUILTINS.values())
    builtin_eps = [ep for ep in entry_points if ep.value in builtin_targets]
    third_party = [ep for ep in entry_points if ep.value not in builtin_targets]
    # Built-ins first, so a third-party plug-in cannot take over a built-in's id.
    if include_builtins:
        for ep in builtin_eps:
            seen_builtin_targets.add(ep.value)
            add(ep.name, ep.value, ep.dist.name if ep.dist is not None else "cmstudio", True, ep.load)
        for name, target in BUILTINS.items():
            if target not in seen_builtin_targets:
                add(name, target, "cmstudio", True, lambda t=target: _load(t))
    for ep in third_party:
        add(ep.name, ep.value, ep.dist.name if ep.dist is not None else "", False, ep.load)
    return found


def create(
    connector_id: str,
    settings: Mapping[str, Any] | None = None,
    secrets: Mapping[str, str] | None = None,
    *,
    discovery: Discovery | None = None,
    **options: Any,
) -> Connector:
    """Build the connector `connector_id` for one account (options: ``lang``, ``timeout``)."""
    cls = (discovery or discover()).get(connector_id)
    return cls(settings, secrets, **options)
