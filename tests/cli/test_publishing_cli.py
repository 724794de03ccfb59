"""`cmstudio account|post|publish-due|log` as real processes against fake networks on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

PUBLISH_TESTS = Path(__file__).resolve().parents[1] / "publish"
sys.path.insert(0, str(PUBLISH_TESTS))

from servers.base import Reply, Request  # noqa: E402
from servers.mastodon import MastodonServer  # noqa: E402
from servers.wordpress import WordPressServer  # noqa: E402


class SlowMastodon(MastodonServer):
    """Creates the status, then sits on the answer: the client is killed while waiting."""

    def __init__(self) -> None:
        super().__init__()
        self.acted = threading.Event()
        self.hold = 0.0

    def _dispatch(self, req: Request) -> Reply:
        reply = super()._dispatch(req)
        if self.hold and req.method == "POST" and req.path == "/api/v1/statuses":
            self.acted.set()
            time.sleep(self.hold)
        return reply


class Cli:
    """Runs the CLI with an isolated home, a file-backed keyring and one database; keeps every output."""

    def __init__(self, tmp: Path) -> None:
        self.home = tmp / "home"
        self.db = tmp / "studio.sqlite3"
        self.outputs: list[str] = []
        self.env = {**os.environ, "CMSTUDIO_HOME": str(self.home), "CMSTUDIO_LANG": "en",
                    "PYTHONPATH": os.pathsep.join([str(PUBLISH_TESTS), os.environ.get("PYTHONPATH", "")]),
                    "PYTHON_KEYRING_BACKEND": "keyring_backend.FileKeyring",
                    "CMSTUDIO_TEST_KEYRING_FILE": str(tmp / "keyring.json")}
        self.env.pop("CMSTUDIO_SECRETS_FILE_PASSPHRASE", None)

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "cmstudio", *args, "--db", str(self.db)]

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(self.argv(*args), capture_output=True, text=True, env=env or self.env, timeout=120)
        self.outputs += [result.stdout, result.stderr]
        return result

    def json(self, *args: str) -> list[dict]:
        result = self(*args, "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def db_state(self, pub_id: int) -> str:
        with sqlite3.connect(self.db) as conn:
            return conn.execute("SELECT state FROM publications WHERE id = ?", (pub_id,)).fetchone()[0]

    def leaked(self, secret: str) -> list[str]:
        """Every place (output, log file, database files) where `secret` shows up."""
        places = [f"output {i}" for i, text in enumerate(self.outputs) if secret in text]
        files = list(self.db.parent.glob(self.db.name + "*")) + list((self.home / "logs").glob("*"))
        places += [str(p) for p in files if p.is_file() and secret.encode() in p.read_bytes()]
        return places


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


@pytest.fixture
def mastodon() -> Iterator[SlowMastodon]:
    server = SlowMastodon().start()
    yield server
    server.hold = 0
    server.stop()


def _add_mastodon(cli: Cli, server: MastodonServer, token: str = MastodonServer.TOKEN) -> None:
    result = cli("account", "add", "--connector", "mastodon", "--name", "Piaille", "--set", f"instance={server.url}",
                 "--secret", f"token={token}")
    assert result.returncode == 0, result.stderr
    assert "Piaille" in result.stdout


def _post(cli: Cli, *args: str) -> int:
    result = cli("post", "--account", "Piaille", *args)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip())


def test_post_and_publish_once(cli: Cli, mastodon: SlowMastodon, tmp_path: Path) -> None:
    _add_mastodon(cli, mastodon)
    [account] = cli.json("account", "list")
    assert account["name"] == "Piaille" and account["settings"]["base_url"] == mastodon.url
    photo = tmp_path / "vitrine.png"
    Image.new("RGB", (900, 600), (240, 180, 20)).save(photo)
    pub_id = _post(cli, "--text", "La vitrine de Noël est prête ! #vitrine", "--image", str(photo),
                   "--alt", "Vitrine décorée de guirlandes")

    result = cli("publish-due")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(f"#{pub_id} Piaille: published")
    assert len(mastodon.statuses) == 1
    assert next(iter(mastodon.media.values()))["description"] == "Vitrine décorée de guirlandes"

    again = cli("publish-due")
    assert again.returncode == 0 and "Nothing is due" in again.stdout
    assert len(mastodon.statuses) == 1
    [entry] = cli.json("log")
    status = next(iter(mastodon.statuses.values()))
    assert entry["id"] == pub_id and entry["state"] == "published" and entry["attempts"] == 1
    assert entry["remote_url"] == status["url"] and entry["error"] is None and entry["account"] == "Piaille"
    assert cli.leaked(MastodonServer.TOKEN) == []


def test_killed_while_waiting_for_the_answer_is_verified_not_reposted(cli: Cli, mastodon: SlowMastodon) -> None:
    _add_mastodon(cli, mastodon)
    pub_id = _post(cli, "--text", "Envoyé, puis le processus est tué")
    mastodon.hold = 60.0
    proc = subprocess.Popen(cli.argv("publish-due"), env=cli.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert mastodon.acted.wait(60), "the CLI never posted"
        assert cli.db_state(pub_id) == "sending"  # committed before the request left
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    assert len(mastodon.statuses) == 1
    mastodon.hold = 0

    result = cli("publish-due")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"#{pub_id} Piaille: published" in result.stdout
    assert len(mastodon.statuses) == 1
    assert len(mastodon.calls("/api/v1/statuses", "POST")) == 1
    assert cli.json("log")[0]["remote_url"] == next(iter(mastodon.statuses.values()))["url"]


def test_rate_limited_then_published(cli: Cli, mastodon: SlowMastodon) -> None:
    _add_mastodon(cli, mastodon)
    pub_id = _post(cli, "--text", "Trop de requêtes")
    mastodon.fail("status", "/api/v1/statuses", method="POST", status=429, headers={"Retry-After": "1"},
                  body={"error": "Too many requests"})
    first = cli("publish-due")
    assert first.returncode == 0, first.stderr
    assert "will try again" in first.stdout and cli.db_state(pub_id) == "queued"
    time.sleep(1.1)  # the server asked for one second
    second = cli("publish-due")
    assert "published" in second.stdout and second.returncode == 0
    assert len(mastodon.statuses) == 1
    assert cli.json("log")[0]["attempts"] == 2


def test_expired_token_marks_the_account_for_reconnection(cli: Cli, mastodon: SlowMastodon) -> None:
    revoked = "revoked-mastodon-token-987654"
    _add_mastodon(cli, mastodon, token=revoked)
    pub_id = _post(cli, "--text", "Jeton expiré")
    result = cli("publish-due")
    assert result.returncode == 1
    assert "reconnect" in result.stdout.lower()
    [account] = cli.json("account", "list")
    assert account["status"] == "reconnect" and "Piaille" in account["message"]
    assert cli.db_state(pub_id) == "queued" and mastodon.statuses == {}
    assert cli.leaked(revoked) == []


def test_article_goes_to_wordpress_with_featured_image(cli: Cli, tmp_path: Path) -> None:
    server = WordPressServer().start()
    try:
        result = cli("account", "add", "--connector", "wordpress", "--name", "Blog", "--set", f"url={server.url}",
                     "--set", f"username={WordPressServer.USER}", "--secret",
                     f"application_password={WordPressServer.PASSWORD}")
        assert result.returncode == 0, result.stderr
        article = tmp_path / "printemps.md"
        article.write_text("---\ntitle: Le menu de printemps\ntags: [cuisine, saison]\n---\n\n"
                           "Asperges, petits pois et **fraises**.\n", encoding="utf-8")
        cover = tmp_path / "cover.jpg"
        Image.new("RGB", (1200, 800), (90, 160, 60)).save(cover)
        pub = cli("post", "--account", "Blog", "--article", str(article), "--image", str(cover), "--alt", "Asperges")
        assert pub.returncode == 0, pub.stderr
        due = cli("publish-due")
        assert due.returncode == 0, due.stdout + due.stderr
        [post] = server.posts.values()
        assert post["title"]["raw" if "raw" in post["title"] else "rendered"].startswith("Le menu de printemps")
        assert "<strong>fraises</strong>" in json.dumps(post["content"])
        assert post["featured_media"] in server.media
        assert cli.leaked(WordPressServer.PASSWORD) == []
    finally:
        server.stop()


def test_bad_secret_argument_never_echoes_the_value(cli: Cli) -> None:
    result = cli("account", "add", "--connector", "mastodon", "--name", "X", "--set", "instance=https://a.example",
                 "--secret", "token")
    assert result.returncode == 2 and "KEY=VALUE" in result.stderr
    wrong = cli("account", "add", "--connector", "mastodon", "--name", "X", "--set", "token=do-not-print-me-42")
    assert wrong.returncode == 2 and "secret" in wrong.stderr
    assert cli.leaked("do-not-print-me-42") == []


def test_without_a_keyring_it_says_so_and_the_file_fallback_is_opt_in(cli: Cli, mastodon: SlowMastodon) -> None:
    env = {**cli.env, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    args = ("account", "add", "--connector", "mastodon", "--name", "Piaille", "--set", f"instance={mastodon.url}",
            "--secret", f"token={MastodonServer.TOKEN}")
    refused = cli(*args, env=env)
    assert refused.returncode == 2
    assert "No system keyring" in refused.stderr and "CMSTUDIO_SECRETS_FILE_PASSPHRASE" in refused.stderr
    env["CMSTUDIO_SECRETS_FILE_PASSPHRASE"] = "correct horse battery staple"
    added = cli(*args, env=env)
    assert added.returncode == 0, added.stderr
    secrets_file = cli.home / "data" / "secrets.enc"
    assert secrets_file.exists() and MastodonServer.TOKEN.encode() not in secrets_file.read_bytes()
    result = subprocess.run(cli.argv("post", "--account", "Piaille", "--text", "Par le fichier chiffré"),
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    due = subprocess.run(cli.argv("publish-due"), env=env, capture_output=True, text=True)
    assert due.returncode == 0 and "published" in due.stdout, due.stdout + due.stderr
    assert len(mastodon.statuses) == 1


def test_alt_before_any_image_is_a_usage_error(cli: Cli) -> None:
    result = cli("post", "--account", "Piaille", "--alt", "Une description", "--text", "x")
    assert result.returncode == 2 and "--image" in result.stderr and "Traceback" not in result.stderr
