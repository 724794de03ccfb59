"""Opening a workspace database: checks, a copy aside, migrations, then an engine and sessions.

Every failure a user can meet (not SQLite, corrupt, locked, newer schema, read-only folder)
becomes a `DatabaseError` that names the file and says what to do, and the file is left as it was.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cmstudio.core import paths
from cmstudio.core.errors import DatabaseError
from cmstudio.core.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session, sessionmaker

# SQLAlchemy is imported inside the functions that need it: importing this module stays cheap, so the
# studio can show its first view (read with cmstudio.core.quickread) before SQLAlchemy is loaded.

log = logging.getLogger(__name__)
# The newest migration this version ships. Alembic (slow to import) is only loaded when a
# database is not at this revision; a test checks this constant against the migration scripts.
SCHEMA_HEAD = "0003"

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None  # the SQLite file, None for a server database

    @property
    def media_dir(self) -> Path:
        return paths.media_dir_for(self.path)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return {rev.revision for rev in script.walk_revisions()}


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def resolve_url(url: str | None) -> str:
    if not url:
        return paths.default_db_url()
    if "://" not in url:  # a bare path is a SQLite file
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at `url`, migrated to this version's schema."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError
    from sqlalchemy.orm import sessionmaker

    url = resolve_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(_("“{url}” is not a database address the studio understands.", url=url)) from exc
    path: Path | None = None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database).expanduser()
        _check_sqlite_file(path)
    engine = _create_engine(url, path)
    try:
        if migrate:
            _migrate(engine, path)
        else:
            _check_revision(engine, path)
    except DatabaseError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise _translate(exc, path, url) from exc
    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False), path=path)


def _create_engine(url: str, path: Path | None) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError

    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(_("Cannot open the database at “{url}”: {error}.", url=_safe(url), error=exc)) from exc
    if path is not None:

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA busy_timeout = 3000")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.close()

    return engine


def _safe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid URL>"


def _check_sqlite_file(path: Path) -> None:
    """Refuse files that are not SQLite, corrupt, locked, or in a folder we cannot write."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            _("The folder {folder} cannot be created ({error}). Choose another location with --db or fix its "
              "permissions.", folder=folder, error=exc.strerror or exc)
        ) from exc
    if not path.exists():
        probe = folder / f".cmstudio-write-test-{path.name}"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise DatabaseError(
                _("The folder {folder} is read-only, so the workspace {name} cannot be created there. Choose "
                  "another location with --db or make the folder writable.", folder=folder, name=path.name)
            ) from exc
        return
    if path.is_dir():
        raise DatabaseError(_("{path} is a folder, not a workspace database file.", path=path))
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(_("The workspace file {path} cannot be read: {error}.", path=path, error=exc.strerror or exc)) from exc
    if header and header != SQLITE_MAGIC:
        raise DatabaseError(
            _("{path} is not a CM Studio workspace (it is not an SQLite database). The file was left "
              "untouched; open another file with --db.", path=path)
        )
    if not header:
        return  # an empty file: SQLite treats it as a new database
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
        try:
            row = conn.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _sqlite_message(path, exc) from exc
    if not row or row[0] != "ok":
        raise DatabaseError(
            _("The workspace {path} is damaged ({detail}). It was left untouched: restore a backup or open "
              "another file with --db.", path=path, detail=row[0] if row else "no answer")
        )


def _sqlite_message(path: Path, exc: Exception) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            _("The workspace {path} is locked by another program. Close it (or the other CM Studio window) "
              "and try again.", path=path)
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseError(
            _("The workspace {path} cannot be written (read-only file or folder). Make it writable or open "
              "another file with --db.", path=path)
        )
    return DatabaseError(
        _("The workspace {path} is damaged or not a database ({error}). It was left untouched: restore "
          "a backup or open another file with --db.", path=path, error=exc)
    )


def _translate(exc: SQLAlchemyError, path: Path | None, url: str) -> DatabaseError:
    from sqlalchemy.exc import OperationalError

    orig = getattr(exc, "orig", None)
    if path is not None and isinstance(orig, sqlite3.Error):
        return _sqlite_message(path, orig)
    if isinstance(exc, OperationalError):
        return DatabaseError(_("Cannot reach the database at {url}: {error}.", url=_safe(url), error=str(orig or exc).strip()))
    return DatabaseError(_("The database at {url} cannot be used: {error}.", url=_safe(url), error=exc.__class__.__name__))


def _current_revision(engine: Engine) -> str | None:
    from sqlalchemy import text

    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, "alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _check_revision(engine: Engine, path: Path | None) -> str | None:
    current = _current_revision(engine)
    if current is not None and current != SCHEMA_HEAD and current not in known_revisions():
        where = str(path) if path else _safe(str(engine.url))
        raise DatabaseError(
            _("The workspace {where} was made by a newer version of CM Studio (schema {schema}). Update CM "
              "Studio to open it; the file was left untouched.", where=where, schema=current)
        )
    return current


def _migrate(engine: Engine, path: Path | None) -> None:
    current = _check_revision(engine, path)
    if current == SCHEMA_HEAD:
        return
    from alembic import command

    head = head_revision()
    if path is not None and current is not None:
        copy_aside(path, current)
    with engine.begin() as conn:
        config = alembic_config(str(engine.url))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    log.info("database %s migrated from %s to %s", path or "server", current, head)


def copy_aside(path: Path, revision: str) -> Path:
    """A consistent copy of the SQLite file before a migration, beside it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-{revision}-{stamp}{path.suffix}")
    source = sqlite3.connect(str(path), timeout=3.0)
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    except sqlite3.Error:
        shutil.copy2(path, target)
    finally:
        source.close()
    return target
