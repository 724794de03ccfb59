"""Checking a Mastodon account keeps its server's limits, and drafts are counted against them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from engine_helpers import FileKeyring, World
from servers.mastodon import MastodonServer

from cmstudio.core.db import open_database
from cmstudio.core.workspaces import create_workspace
from cmstudio.publish.accounts import check_account


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring(tmp_path / "keyring.json"))
    db = open_database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with db.session() as s:
        ws_id = create_workspace(s, "Brasserie du Port").id
    yield World(db, ws_id, tmp_path)
    db.close()
    keyring.set_keyring(previous)


def test_server_limits_are_kept_on_the_account_and_used_for_counting(world: World,
                                                                    mastodon_server: MastodonServer) -> None:
    from cmstudio.core.variants_service import profile_for

    mastodon_server.max_characters = 5000  # a server that allows long posts (e.g. a Glitch fork)
    account_id = world.account("mastodon", "Masto", {"instance": mastodon_server.url},
                               {"token": MastodonServer.TOKEN})
    with world.db.session() as s:
        check_account(s, world.store, account_id, timeout=5)
    settings = world.account_row(account_id).settings
    assert world.account_row(account_id).status == "ok"
    assert settings["instance"]["configuration"]["statuses"]["max_characters"] == 5000
    with world.db.session() as s:
        profile = profile_for(s, world.workspace_id, "mastodon", account_id)
    assert profile.text_limit == 5000
    assert MastodonServer.TOKEN not in str(settings)
