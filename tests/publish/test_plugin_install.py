"""The example third-party connector, pip-installed into this environment, is discovered and works."""

from __future__ import annotations

import importlib
import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from servers.base import FakeServer, Reply, Request

from cmstudio.publish import registry
from cmstudio.publish.payload import Payload

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cmstudio-connector-example"
DIST = "cmstudio-connector-example"


def _missing_tools() -> str | None:
    if importlib.util.find_spec("pip") is None:
        return "pip is not installed in this environment"
    try:
        version = metadata.version("setuptools")  # not imported here: it patches distutils
    except metadata.PackageNotFoundError:
        return "setuptools is not installed (needed to build the example without build isolation)"
    major, minor = (int(x) for x in version.split(".")[:2])
    if (major, minor) < (70, 1) and importlib.util.find_spec("wheel") is None:
        return f"setuptools {version} needs the 'wheel' package to build wheels"
    return None


@pytest.fixture(scope="module")
def installed_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    reason = _missing_tools()
    if reason:
        pytest.skip(reason)
    source = tmp_path_factory.mktemp("example") / EXAMPLE.name
    shutil.copytree(EXAMPLE, source)  # pip builds in the source tree: keep the repository clean
    pip = [sys.executable, "-m", "pip"]
    done = subprocess.run(
        [*pip, "install", "--no-deps", "--no-build-isolation", "--no-index", "-q", str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        pytest.fail(f"pip install failed:\n{done.stdout}\n{done.stderr}")
    importlib.invalidate_caches()
    try:
        yield
    finally:
        subprocess.run([*pip, "uninstall", "-y", "-q", DIST], capture_output=True, timeout=300)
        sys.modules.pop("cmstudio_connector_example", None)
        importlib.invalidate_caches()
    assert "webhook_json" not in registry.discover().connectors, "uninstalling left the plug-in discoverable"


class WebhookServer(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.received: dict[str, dict] = {}
        self.route("POST", "/hook", self.post)
        self.route("GET", "/hook", self.get)

    def post(self, req: Request) -> Reply:
        doc = req.json()
        self.received[doc["idempotency_key"]] = doc
        return Reply(201, {"id": str(len(self.received)), "url": f"{self.url}/items/{len(self.received)}"})

    def get(self, req: Request) -> Reply:
        key = req.arg("idempotency_key")
        if key not in self.received:
            return Reply(404, {"error": "unknown"})
        n = list(self.received).index(key) + 1
        return Reply(200, {"id": str(n), "url": f"{self.url}/items/{n}"})


def test_installed_plugin_is_discovered_and_publishes(installed_example: None, make_image) -> None:
    found = registry.discover()
    entry = found.connectors.get("webhook_json")
    assert entry is not None, f"not discovered; failed: {found.failed}"
    assert not entry.builtin and entry.distribution == DIST
    assert entry.target == "cmstudio_connector_example:WebhookJsonConnector"
    assert {"wordpress", "mastodon", "bluesky", "telegram", "discord"} <= set(found.connectors)

    server = WebhookServer().start()
    try:
        conn = registry.create(
            "webhook_json", {"url": f"{server.url}/hook"}, {"token": "plug-in-secret"}, discovery=found
        )
        assert conn.check_account().ok
        payload = Payload(text="Bonjour", media=[make_image("a.jpg", alt="Un carré")])
        assert conn.verify(payload, "k1") is None
        result = conn.publish(payload, "k1")
        assert conn.verify(payload, "k1") == result
        assert server.received["k1"]["media"][0]["alt"] == "Un carré"
        assert server.calls("/hook", "POST")[0].header("authorization") == "Bearer plug-in-secret"
        assert "plug-in-secret" not in repr(conn)
        conn.close()
    finally:
        server.stop()


def test_a_fresh_interpreter_discovers_it(installed_example: None) -> None:
    code = (
        "from cmstudio.publish import registry; import sys; "
        "sys.exit(0 if 'webhook_json' in registry.discover().connectors else 1)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=EXAMPLE.parents[1], timeout=120).returncode == 0
