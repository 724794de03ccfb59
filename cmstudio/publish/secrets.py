"""Where account secrets live: the OS keyring, or — only if the user asks — an encrypted file.

Tokens and passwords never go to the database, the settings, the logs or any output. An account
row holds a `keyring_ref` (a random name); each secret field is stored in the OS keyring under
the service ``cmstudio`` and the user name ``<keyring_ref>-<field key>``.

Some machines have no usable keyring (a headless server, a minimal desktop): `keyring` then falls
back to its ``fail`` or ``null`` backend, which cannot store anything. We say so plainly and offer
an explicit fallback: a file in the user data folder encrypted with a key derived from a
passphrase (Scrypt → Fernet, from the `cryptography` package). It is used only when the user opts
in, by giving the passphrase (environment variable ``CMSTUDIO_SECRETS_FILE_PASSPHRASE``, or the
studio's settings flag whose dialog asks for it).
"""

from __future__ import annotations

import base64
import json
import os
import secrets as _random
import tempfile
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from cmstudio.core import paths
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

SERVICE = "cmstudio"
PASSPHRASE_ENV = "CMSTUDIO_SECRETS_FILE_PASSPHRASE"
SECRETS_FILE_NAME = "secrets.enc"
# Scrypt cost: n=2**15, r=8, p=1 is the interactive-login setting recommended by the
# `cryptography` docs (https://cryptography.io/en/latest/hazmat/primitives/key-derivation-functions/#scrypt).
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**15, 8, 1


class SecretsError(UserError, ValueError):
    """A secret cannot be stored or read (the message says why and what to do; it holds no secret)."""


class NoKeyringError(SecretsError):
    """No usable OS keyring, and the user has not opted in to the encrypted file."""


class SecretStore(Protocol):
    """Somewhere secrets can be kept. `name` is a short description for messages."""

    name: str

    def get(self, ref: str, key: str) -> str | None: ...

    def set(self, ref: str, key: str, value: str) -> None: ...

    def delete(self, ref: str, key: str) -> None: ...


def _username(ref: str, key: str) -> str:
    return f"{ref}-{key}"


def new_keyring_ref() -> str:
    """A fresh, unguessable-but-not-secret name for one account's secrets."""
    return f"account-{_random.token_hex(8)}"


# ----------------------------------------------------------------------------- OS keyring


def keyring_backend_name() -> str:
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def keyring_usable() -> bool:
    """Whether the active keyring backend can actually store secrets."""
    import keyring
    from keyring.backends import chainer, fail, null

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(not isinstance(b, fail.Keyring | null.Keyring) for b in backend.backends)
    return True


class KeyringStore:
    """The OS keyring (Secret Service, macOS Keychain, Windows Credential Locker...)."""

    def __init__(self) -> None:
        self.name = _("the system keyring ({backend})", backend=keyring_backend_name())

    def get(self, ref: str, key: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, _username(ref, key))
        except KeyringError as exc:
            raise SecretsError(_("The system keyring could not be read ({error}).",
                                 error=type(exc).__name__)) from None

    def set(self, ref: str, key: str, value: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(SERVICE, _username(ref, key), value)
        except KeyringError as exc:
            raise SecretsError(_("The system keyring refused to store the secret ({error}).",
                                 error=type(exc).__name__)) from None

    def delete(self, ref: str, key: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            keyring.delete_password(SERVICE, _username(ref, key))
        except PasswordDeleteError:
            pass
        except KeyringError as exc:
            raise SecretsError(_("The system keyring could not delete the secret ({error}).",
                                 error=type(exc).__name__)) from None


# ----------------------------------------------------------------------------- encrypted file


def default_secrets_file() -> Path:
    return paths.data_dir() / SECRETS_FILE_NAME


class EncryptedFileStore:
    """Secrets in one file, encrypted with Fernet under a key derived by Scrypt from a passphrase.

    The file is JSON: a random salt and one Fernet token holding every secret. It is rewritten
    atomically (temporary file then rename) with owner-only permissions.
    """

    _lock = threading.Lock()

    def __init__(self, path: Path | str, passphrase: str) -> None:
        if not passphrase:
            raise SecretsError(_("The passphrase of the encrypted secrets file cannot be empty."))
        self.path = Path(path)
        self.name = _("the encrypted file {path}", path=self.path)
        self._passphrase = passphrase.encode("utf-8")

    def __repr__(self) -> str:
        return f"<EncryptedFileStore {self.path} (passphrase hidden)>"

    def _fernet(self, salt: bytes):  # type: ignore[no-untyped-def]
        from cryptography.fernet import Fernet
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        key = Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P).derive(self._passphrase)
        return Fernet(base64.urlsafe_b64encode(key))

    def _read(self) -> tuple[bytes, dict[str, str]]:
        from cryptography.fernet import InvalidToken

        if not self.path.exists():
            return _random.token_bytes(16), {}
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
            salt = base64.b64decode(doc["salt"])
            token = doc["token"].encode("ascii")
        except (OSError, ValueError, KeyError, TypeError):
            raise SecretsError(_("The secrets file {path} is damaged or unreadable.", path=self.path)) from None
        try:
            data = json.loads(self._fernet(salt).decrypt(token))
        except InvalidToken:
            raise SecretsError(_("The passphrase does not open the secrets file {path}.", path=self.path)) from None
        return salt, {str(k): str(v) for k, v in data.items()}

    def _write(self, salt: bytes, data: Mapping[str, str]) -> None:
        token = self._fernet(salt).encrypt(json.dumps(dict(data)).encode("utf-8"))
        doc = {"version": 1, "kdf": "scrypt", "salt": base64.b64encode(salt).decode("ascii"),
               "token": token.decode("ascii")}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".secrets-", dir=self.path.parent)
        try:
            os.chmod(tmp, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(doc, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, ref: str, key: str) -> str | None:
        with self._lock:
            return self._read()[1].get(_username(ref, key))

    def set(self, ref: str, key: str, value: str) -> None:
        with self._lock:
            salt, data = self._read()
            data[_username(ref, key)] = value
            self._write(salt, data)

    def delete(self, ref: str, key: str) -> None:
        with self._lock:
            salt, data = self._read()
            if data.pop(_username(ref, key), None) is not None:
                self._write(salt, data)


# ----------------------------------------------------------------------------- choosing a store


def no_keyring_message() -> str:
    return _(
        "No system keyring is available on this computer ({backend}), so the studio cannot store "
        "account passwords and tokens safely. Install or unlock a keyring (GNOME Keyring, KWallet, "
        "KeePassXC…), or opt in to an encrypted file protected by a passphrase: set the environment "
        "variable {env}, or accept the encrypted file when the studio offers it.",
        backend=keyring_backend_name(), env=PASSPHRASE_ENV,
    )


def open_store(passphrase: str | None = None, *, file: Path | str | None = None) -> SecretStore:
    """The keyring when usable; else the encrypted file if the user opted in; else `NoKeyringError`.

    `passphrase` is the GUI's opt-in (the user enabled the encrypted file and typed it); otherwise
    the environment variable ``CMSTUDIO_SECRETS_FILE_PASSPHRASE`` opts in.
    """
    if passphrase is None and keyring_usable():
        return KeyringStore()
    passphrase = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV)
    if passphrase:
        return EncryptedFileStore(file or default_secrets_file(), passphrase)
    raise NoKeyringError(no_keyring_message())


# ----------------------------------------------------------------------------- accounts


def save_secrets(store: SecretStore, ref: str, values: Mapping[str, str]) -> None:
    """Store every non-empty secret of one account."""
    for key, value in values.items():
        if value:
            store.set(ref, key, str(value))


def load_secrets(store: SecretStore, ref: str | None, keys: Iterable[str]) -> dict[str, str]:
    """The account's secrets that exist (a missing one is simply absent)."""
    if not ref:
        return {}
    found: dict[str, str] = {}
    for key in keys:
        value = store.get(ref, key)
        if value:
            found[key] = value
    return found


def delete_secrets(store: SecretStore, ref: str | None, keys: Iterable[str]) -> None:
    if ref:
        for key in keys:
            store.delete(ref, key)
