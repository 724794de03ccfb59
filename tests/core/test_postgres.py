"""The same store code against a real PostgreSQL server (CI starts one; set CMSTUDIO_TEST_PG_URL locally)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("CMSTUDIO_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="no PostgreSQL server given: set CMSTUDIO_TEST_PG_URL (bash .ci/run starts one)"
)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A brand-new database on the server for each test, dropped afterwards."""
    name = f"cmstudio_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_and_demo_on_postgresql(pg_url: str, tmp_path) -> None:
    from cmstudio.core.db import head_revision, open_database
    from cmstudio.core.demo import fill_demo
    from cmstudio.core.models import Article, Variant, Workspace

    db = open_database(pg_url)
    assert db.path is None
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    with db.session() as session:
        summary = fill_demo(session, tmp_path / "media", articles=25, seed=3)
    with db.session() as session:
        assert session.scalar(select(func.count(Article.id))) == summary.articles
        assert session.scalar(select(func.count(Variant.id))) == summary.variants
        names = sorted(session.scalars(select(Workspace.name)))
    assert names == ["Maison Lumière", "Northwind Outdoor"]
    db.close()


def test_utc_times_round_trip_on_postgresql(pg_url: str) -> None:
    from cmstudio.core.db import open_database
    from cmstudio.core.models import CalendarItem
    from cmstudio.core.workspaces import create_workspace

    db = open_database(pg_url)
    when = datetime(2026, 10, 25, 8, 0, tzinfo=UTC) + timedelta(microseconds=0)
    with db.session() as session:
        workspace = create_workspace(session, "Brand")
        session.add(CalendarItem(workspace_id=workspace.id, title="Salon", start_at=when))
    with db.session() as session:
        item = session.scalars(select(CalendarItem)).one()
        assert item.start_at == when and item.start_at.tzinfo is not None
    db.close()


def test_foreign_keys_and_unique_constraints_on_postgresql(pg_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    from cmstudio.core.db import open_database
    from cmstudio.core.models import Article, MediaAsset
    from cmstudio.core.workspaces import create_workspace

    db = open_database(pg_url)
    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Article(workspace_id=12345, title="orphan"))
    with db.session() as session:
        workspace_id = create_workspace(session, "Brand").id
    with pytest.raises(IntegrityError), db.session() as session:
        session.add_all([MediaAsset(workspace_id=workspace_id, sha256="a" * 64),
                         MediaAsset(workspace_id=workspace_id, sha256="a" * 64)])
    db.close()


def test_unreachable_server_is_a_clear_error() -> None:
    from cmstudio.core.db import open_database
    from cmstudio.core.errors import DatabaseError

    url = make_url(PG_URL).set(port=1, password="s3cret-pw").render_as_string(hide_password=False)
    with pytest.raises(DatabaseError, match="Cannot reach the database") as info:
        open_database(url)
    assert "s3cret-pw" not in str(info.value)
