"""The connector contract: what a publishing plug-in declares and what it must implement.

A connector *declares* what it can do (`ConnectorInfo`: capabilities, network profile id,
settings schema with secret fields marked) apart from *how* it does it (`Connector`). The
engine builds a connector with an account's settings and its secrets (read from the OS keyring
by the caller), then calls `check_account`, `publish`, `verify` and `classify`.

Secrets are kept out of `repr`, exceptions and logs: they live in a `Secrets` box whose repr
hides them, and failure messages are scrubbed of every secret value before they leave.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Literal

from cmstudio.core.errors import UserError
from cmstudio.publish.payload import Payload

SettingKind = Literal["text", "url", "secret", "choice", "bool"]
FailureKind = Literal["auth_expired", "permanent", "transient", "rate_limited"]
FAILURE_KINDS: tuple[str, ...] = ("auth_expired", "permanent", "transient", "rate_limited")


class ConnectorConfigError(UserError, ValueError):
    """The account's settings cannot be used (missing or malformed field)."""


@dataclass(frozen=True)
class SettingField:
    """One field of an account's settings form. Secret fields are stored in the OS keyring."""

    key: str
    label_fr: str
    label_en: str
    kind: SettingKind = "text"
    required: bool = False
    secret: bool = False
    help_fr: str = ""
    help_en: str = ""
    choices: tuple[str, ...] = ()
    default: str | bool | None = None

    def __post_init__(self) -> None:
        if self.kind == "secret":
            object.__setattr__(self, "secret", True)
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"Setting {self.key!r} is a choice without choices.")

    def label(self, lang: str = "fr") -> str:
        return self.label_fr if lang == "fr" else self.label_en

    def help(self, lang: str = "fr") -> str:
        return self.help_fr if lang == "fr" else self.help_en


@dataclass(frozen=True)
class Capabilities:
    """What the connector can send. `images` is the maximum image count (0: none)."""

    text: bool = True
    images: int = 0
    threads: bool = False
    alt_text: bool = False
    native_scheduling: bool = False
    edit: bool = False
    delete: bool = False


@dataclass(frozen=True)
class ConnectorInfo:
    """A connector's declaration. `network` is a network profile id of `cmstudio.core.networks`."""

    id: str
    name: str
    icon: str
    network: str
    capabilities: Capabilities
    settings_schema: tuple[SettingField, ...] = ()
    description_fr: str = ""
    description_en: str = ""

    def field(self, key: str) -> SettingField:
        for f in self.settings_schema:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def secret_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.settings_schema if f.secret)


@dataclass(frozen=True)
class AccountCheck:
    """The answer to "can this account publish?". `failure` says why not (and whether to retry)."""

    ok: bool
    display_name: str = ""
    handle: str = ""
    expires_at: datetime | None = None
    message: str = ""
    failure: Failure | None = None


@dataclass(frozen=True)
class PublishResult:
    """Where the publication lives. `parts` are the remote ids of every post of a thread, in order.

    `complete` is False when `verify` found only the beginning of a thread (publish again with the
    same idempotency key to finish it); `scheduled` is True when the network holds it for later.
    """

    remote_id: str
    url: str | None = None
    parts: tuple[str, ...] = ()
    complete: bool = True
    scheduled: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "parts", tuple(self.parts) or (self.remote_id,))


@dataclass(frozen=True)
class Failure:
    """Why a request failed, in the engine's terms.

    - ``auth_expired``: ask the user to reconnect the account;
    - ``permanent``: show `message` (it names the item that failed) and do not retry;
    - ``transient``: retry later (the engine must `verify` first: the network may have acted);
    - ``rate_limited``: retry after `retry_after` seconds (None: the network gave no delay).
    """

    kind: FailureKind
    message: str
    retry_after: float | None = None
    status: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in FAILURE_KINDS:
            raise ValueError(f"Unknown failure kind {self.kind!r}.")

    @property
    def retryable(self) -> bool:
        return self.kind in ("transient", "rate_limited")


class PublishError(Exception):
    """Raised by connectors; carries a `Failure` whose message is safe to show and to log."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure

    def __repr__(self) -> str:
        return f"PublishError({self.failure.kind!r}, {self.failure.message!r})"


class Secrets(Mapping[str, str]):
    """A read-only mapping of secret values whose repr never shows them."""

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self._values = {k: str(v) for k, v in (values or {}).items() if v not in (None, "")}

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"<Secrets: {', '.join(sorted(self._values)) or 'none'} (hidden)>"

    __str__ = __repr__

    def scrub(self, text: str) -> str:
        """`text` with every secret value (and its obvious encodings) replaced by ``***``."""
        for value in sorted(self._values.values(), key=len, reverse=True):
            if len(value) >= 4:
                text = text.replace(value, "***")
        return text


# User-facing sentences, French first. French typography: narrow no-break space before ; ! ?
# and a no-break space before the colon.
_MESSAGES: dict[str, tuple[str, str]] = {
    "item_prefix": ("{item}\u00a0: {message}", "{item}: {message}"),
    "main_post": ("Publication principale", "Main post"),
    "thread_part": ("Partie {n} du fil", "Part {n} of the thread"),
    "timeout": (
        "{network} n’a pas répondu à temps. Réessayez plus tard.",
        "{network} did not answer in time. Try again later.",
    ),
    "connection": (
        "Impossible de joindre {network} ({reason}). Vérifiez la connexion et réessayez.",
        "Cannot reach {network} ({reason}). Check the connection and try again.",
    ),
    "auth": (
        "{network} a refusé l’accès au compte ({detail}). Reconnectez le compte.",
        "{network} refused access to the account ({detail}). Reconnect the account.",
    ),
    "rate_limited": (
        "{network} limite le nombre de requêtes. Nouvel essai dans {delay}.",
        "{network} is limiting requests. Next try in {delay}.",
    ),
    "rate_limited_nodelay": (
        "{network} limite le nombre de requêtes. Réessayez plus tard.",
        "{network} is limiting requests. Try again later.",
    ),
    "server": (
        "{network} rencontre un problème (erreur {status}). Nouvel essai plus tard.",
        "{network} is having trouble (error {status}). It will be tried again later.",
    ),
    "rejected": ("{network} a refusé la demande\u00a0: {detail}", "{network} rejected the request: {detail}"),
    "too_many_images": (
        "{network} accepte au plus {max} image(s) par publication, celle-ci en a {count}.",
        "{network} accepts at most {max} image(s) per post; this one has {count}.",
    ),
    "file_missing": ("le fichier est introuvable ({path}).", "the file cannot be found ({path})."),
    "file_too_big": (
        "le fichier pèse {size}, {network} accepte au plus {max}.",
        "the file weighs {size}; {network} accepts at most {max}.",
    ),
    "bad_type": (
        "{network} n’accepte pas ce type de fichier ({mime}).",
        "{network} does not accept this file type ({mime}).",
    ),
    "no_scheduling": (
        "{network} ne sait pas programmer une publication\u00a0: le studio l’enverra à l’heure prévue.",
        "{network} cannot schedule a post: the studio will send it at the planned time.",
    ),
    "unexpected": (
        "Réponse inattendue de {network} ({detail}).",
        "Unexpected answer from {network} ({detail}).",
    ),
    "account_ok": ("Compte prêt à publier.", "Account ready to publish."),
    "missing_setting": ("Le champ « {label} » est obligatoire.", "The field “{label}” is required."),
    "bad_url": (
        "Le champ « {label} » doit être une adresse http:// ou https://.",
        "The field “{label}” must be an http:// or https:// address.",
    ),
    "bad_choice": (
        "Le champ « {label} » doit valoir {choices}.",
        "The field “{label}” must be one of {choices}.",
    ),
}


def message(key: str, lang: str = "en", **values: Any) -> str:
    """The sentence `key` in French (``lang="fr"``) or English, filled with `values`."""
    fr, en = _MESSAGES[key]
    return (fr if lang == "fr" else en).format(**values)


def human_size(n: int, lang: str = "en") -> str:
    """A byte count for a sentence: ``976.6 KB`` / ``976,6 Ko``."""
    units = ("o", "Ko", "Mo", "Go") if lang == "fr" else ("B", "KB", "MB", "GB")
    value = float(n)
    for unit in units:
        if value < 1024 or unit == units[-1]:
            text = f"{value:.0f}" if unit in ("o", "B") else f"{value:.1f}"
            return f"{text.replace('.', ',') if lang == 'fr' else text}\u00a0{unit}"
        value /= 1024
    raise AssertionError("unreachable")


def human_delay(seconds: float, lang: str = "en") -> str:
    s = max(1, round(seconds))
    if s < 120:
        return f"{s}\u00a0s"
    minutes = round(s / 60)
    return f"{minutes}\u00a0min"


def validate_settings(
    info: ConnectorInfo, settings: Mapping[str, Any], secrets: Mapping[str, str], lang: str = "en"
) -> dict[str, Any]:
    """Apply defaults and check required, URL and choice fields; return the clean settings."""
    clean: dict[str, Any] = {}
    for f in info.settings_schema:
        source = secrets if f.secret else settings
        value = source.get(f.key)
        if value in (None, "") and f.default is not None:
            value = f.default
        if value in (None, ""):
            if f.required:
                raise ConnectorConfigError(message("missing_setting", lang, label=f.label(lang)))
            continue
        if f.kind == "bool":
            value = (
                value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "oui", "on")
            )
        elif f.kind == "url":
            value = str(value).strip()
            if not value.startswith(("http://", "https://")) or len(value) < 10:
                raise ConnectorConfigError(message("bad_url", lang, label=f.label(lang)))
        elif f.kind == "choice" and value not in f.choices:
            raise ConnectorConfigError(
                message("bad_choice", lang, label=f.label(lang), choices=", ".join(f.choices))
            )
        if not f.secret:
            clean[f.key] = value
    return clean


class Connector(abc.ABC):
    """Base class of every connector (built-in or plug-in).

    Build one per account: ``Connector(settings, secrets, lang="fr")``. `settings` holds the
    non-secret fields of `info.settings_schema`, `secrets` the fields marked secret (read from the
    keyring by the caller). Errors are raised as `PublishError`; a foreseeable bad setting raises
    `ConnectorConfigError` at construction.
    """

    info: ClassVar[ConnectorInfo]

    def __init__(
        self,
        settings: Mapping[str, Any] | None = None,
        secrets: Mapping[str, str] | None = None,
        *,
        lang: str = "en",
        timeout: float = 20.0,
    ) -> None:
        self.lang = lang
        self.timeout = timeout
        self._secrets = Secrets({k: v for k, v in (secrets or {}).items() if k in self.info.secret_keys})
        self.settings: dict[str, Any] = validate_settings(self.info, settings or {}, self._secrets, lang)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.info.id} settings={self.settings!r} secrets={self._secrets!r}>"

    def close(self) -> None:  # noqa: B027 - optional hook, a no-op for connectors without resources
        """Release network resources (idempotent)."""

    def __enter__(self) -> Connector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def tr(self, key: str, **values: Any) -> str:
        return message(key, self.lang, **values)

    @abc.abstractmethod
    def check_account(self) -> AccountCheck:
        """Whether the account's credentials work; never raises for a network refusal."""

    @abc.abstractmethod
    def publish(self, payload: Payload, idempotency_key: str) -> PublishResult:
        """Send `payload`. Calling it again with the same key must not duplicate what went out
        when the network allows it (see each connector's docstring)."""

    @abc.abstractmethod
    def verify(self, payload: Payload, idempotency_key: str) -> PublishResult | None:
        """Whether `payload` already went out under `idempotency_key` (None: not found, or the
        network offers no way to know — the connector's docstring says which)."""

    @abc.abstractmethod
    def classify(self, exc_or_response: object) -> Failure:
        """Turn an exception or an HTTP response into a `Failure`."""
