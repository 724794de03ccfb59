"""Account secrets: the OS keyring only, a clear refusal without one, an opt-in encrypted file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null
from keyring_backend import FileKeyring

from cmstudio.core.db import open_database
from cmstudio.core.models import Account
from cmstudio.core.workspaces import create_workspace
from cmstudio.publish import secrets as sec
from cmstudio.publish.accounts import (
    AccountError,
    add_account,
    build_connector,
    delete_account,
    update_account,
)

TOKEN = "mastodon-secret-token-for-store-tests"


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[FileKeyring]:
    previous = keyring.get_keyring()
    kr = FileKeyring(tmp_path / "kr.json")
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_keyring_store_uses_service_and_account_username(backend: FileKeyring) -> None:
    store = sec.open_store()
    assert isinstance(store, sec.KeyringStore)
    ref = sec.new_keyring_ref()
    sec.save_secrets(store, ref, {"access_token": TOKEN})
    assert keyring.get_password("cmstudio", f"{ref}-access_token") == TOKEN
    assert sec.load_secrets(store, ref, ["access_token", "other"]) == {"access_token": TOKEN}
    sec.delete_secrets(store, ref, ["access_token", "other"])
    assert sec.load_secrets(store, ref, ["access_token"]) == {}


@pytest.mark.parametrize("backend_cls", [fail.Keyring, null.Keyring])
def test_unusable_backends_are_detected(backend_cls: type) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend_cls())
    try:
        assert not sec.keyring_usable()
        with pytest.raises(sec.NoKeyringError) as info:
            sec.open_store()
        assert "No system keyring" in str(info.value) and sec.PASSPHRASE_ENV in str(info.value)
    finally:
        keyring.set_keyring(previous)


def test_encrypted_file_only_on_opt_in(no_keyring: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sec.PASSPHRASE_ENV, "une phrase de passe assez longue")
    store = sec.open_store(file=tmp_path / "secrets.enc")
    assert isinstance(store, sec.EncryptedFileStore)
    store.set("account-1", "token", TOKEN)
    store.set("account-2", "token", "second-value")
    raw = (tmp_path / "secrets.enc").read_bytes()
    assert TOKEN.encode() not in raw and b"une phrase" not in raw
    assert (tmp_path / "secrets.enc").stat().st_mode & 0o077 == 0
    again = sec.EncryptedFileStore(tmp_path / "secrets.enc", "une phrase de passe assez longue")
    assert again.get("account-1", "token") == TOKEN and again.get("account-3", "token") is None
    again.delete("account-1", "token")
    assert store.get("account-1", "token") is None and store.get("account-2", "token") == "second-value"
    assert "longue" not in repr(store)


def test_wrong_passphrase_and_damaged_file_are_clear(tmp_path: Path) -> None:
    path = tmp_path / "secrets.enc"
    sec.EncryptedFileStore(path, "right").set("a", "token", TOKEN)
    with pytest.raises(sec.SecretsError, match="passphrase does not open") as info:
        sec.EncryptedFileStore(path, "wrong").get("a", "token")
    assert TOKEN not in str(info.value)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(sec.SecretsError, match="damaged"):
        sec.EncryptedFileStore(path, "right").get("a", "token")
    with pytest.raises(sec.SecretsError):
        sec.EncryptedFileStore(path, "")


def test_accounts_keep_secrets_out_of_the_database_and_logs(backend: FileKeyring, tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    db = open_database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    store = sec.open_store()
    try:
        with db.session() as s:
            ws = create_workspace(s, "Atelier")
            account = add_account(s, store, ws.id, "mastodon", "Piaille", {"instance": "https://piaille.fr"},
                                  {"token": TOKEN})
            account_id, ref = account.id, account.keyring_ref
            assert account.settings == {"base_url": "https://piaille.fr", "visibility": "public"}
            with pytest.raises(AccountError, match="already exists"):
                add_account(s, store, ws.id, "mastodon", "piaille", {"instance": "https://x.fr"}, {"token": "y"})
            with pytest.raises(AccountError, match="secret"):
                add_account(s, store, ws.id, "mastodon", "Autre", {"instance": "https://x.fr", "token": TOKEN})
            with pytest.raises(AccountError, match="“Instance address” is required"):
                add_account(s, store, ws.id, "mastodon", "Sans URL", {}, {"token": "y"})
        with db.session() as s:
            connector = build_connector(s.get(Account, account_id), store)
            assert TOKEN not in repr(connector)
            connector.close()
            update_account(s, store, account_id, secrets={"token": "rotated-token-000"})
        assert keyring.get_password("cmstudio", f"{ref}-access_token") == "rotated-token-000"
        for path in tmp_path.glob("w.sqlite3*"):
            assert TOKEN.encode() not in path.read_bytes()
        assert TOKEN not in caplog.text
        with db.session() as s:
            delete_account(s, store, account_id)
        assert keyring.get_password("cmstudio", f"{ref}-access_token") is None
    finally:
        db.close()


def test_missing_secret_asks_to_reconnect(backend: FileKeyring, tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    store = sec.open_store()
    try:
        with db.session() as s:
            ws = create_workspace(s, "Atelier")
            account = add_account(s, store, ws.id, "mastodon", "Piaille", {"instance": "https://piaille.fr"},
                                  {"token": TOKEN})
            keyring.delete_password("cmstudio", f"{account.keyring_ref}-access_token")
            with pytest.raises(AccountError, match="reconnect"):
                build_connector(account, store)
    finally:
        db.close()
