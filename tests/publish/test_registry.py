"""Connector discovery through entry points, with broken third-party plug-ins on sys.path."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from servers.mastodon import MastodonServer

from cmstudio.publish import registry
from cmstudio.publish.connector import Connector, ConnectorConfigError
from cmstudio.publish.connectors.mastodon import MastodonConnector

BUILTIN_IDS = {"wordpress", "mastodon", "bluesky", "telegram", "discord"}


def test_builtins_are_discovered_with_consistent_declarations() -> None:
    found = registry.discover()
    assert BUILTIN_IDS <= set(found.connectors)
    for cid in BUILTIN_IDS:
        entry = found.connectors[cid]
        assert entry.builtin and entry.info.id == cid and issubclass(entry.cls, Connector)
        keys = [f.key for f in entry.info.settings_schema]
        assert len(keys) == len(set(keys))
        assert entry.info.secret_keys, f"{cid} declares no secret field"
        assert all(f.label_fr and f.label_en for f in entry.info.settings_schema)
    names = [i.name for i in found.infos()]
    assert names == sorted(names, key=str.lower)


def _fake_distribution(root: Path, name: str, entry_points: dict[str, str], modules: dict[str, str]) -> None:
    """A real installed-distribution layout (dist-info with entry_points.txt) in `root`."""
    dist = root / f"{name}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    lines = "\n".join(f"{k} = {v}" for k, v in entry_points.items())
    (dist / "entry_points.txt").write_text(f"[cmstudio.connectors]\n{lines}\n")
    for module, source in modules.items():
        (root / f"{module}.py").write_text(source)


def test_broken_plugins_are_listed_and_do_not_break_discovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _fake_distribution(
        tmp_path,
        "cms_broken_plugins",
        {
            "explodes": "cms_plugin_explodes:Connector",
            "not_a_class": "json:dumps",
            "half_done": "cms_plugin_half:Half",
            "thief": "cms_plugin_thief:Thief",
            "missing_attr": "json:NoSuchThing",
        },
        {
            "cms_plugin_explodes": "raise RuntimeError('plug-in bug at import')\n",
            "cms_plugin_half": (
                "from cmstudio.publish.connectors.mastodon import MastodonConnector\n"
                "from cmstudio.publish.connector import Connector\n"
                "class Half(Connector):\n    info = MastodonConnector.info\n"
            ),
            "cms_plugin_thief": (
                "from cmstudio.publish.connectors.mastodon import MastodonConnector\n"
                "class Thief(MastodonConnector):\n    pass\n"
            ),
        },
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    caplog.set_level(logging.WARNING)
    found = registry.discover()
    assert BUILTIN_IDS <= set(found.connectors)
    assert found.connectors["mastodon"].cls is MastodonConnector  # not taken over by "thief"
    failed = {f.name: f for f in found.failed}
    assert set(failed) == {"explodes", "not_a_class", "half_done", "thief", "missing_attr"}
    assert "RuntimeError: plug-in bug at import" in failed["explodes"].message
    assert failed["not_a_class"].message == "it does not name a Connector subclass"
    assert "unimplemented" in failed["half_done"].message and "publish" in failed["half_done"].message
    assert "already used" in failed["thief"].message
    assert all(f.distribution == "cms_broken_plugins" for f in failed.values())
    assert "explodes" in caplog.text


def test_create_builds_a_configured_connector(mastodon_server: MastodonServer) -> None:
    conn = registry.create(
        "mastodon",
        {"base_url": mastodon_server.url},
        {"access_token": MastodonServer.TOKEN},
        lang="fr",
        timeout=2.0,
    )
    assert isinstance(conn, MastodonConnector) and conn.lang == "fr"
    assert conn.check_account().ok
    with pytest.raises(ConnectorConfigError, match="Jeton d’accès"):
        registry.create("mastodon", {"base_url": mastodon_server.url}, {}, lang="fr")
    with pytest.raises(registry.UnknownConnectorError, match="nope"):
        registry.create("nope")
