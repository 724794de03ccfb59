"""Shared set-up of the engine tests: a real migrated workspace, real images, a real keyring backend."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from keyring_backend import FileKeyring
from PIL import Image

from cmstudio.core.db import Database
from cmstudio.core.media import MediaStore
from cmstudio.core.models import Account, MediaAsset, Publication, Variant, VariantMedia
from cmstudio.publish import engine
from cmstudio.publish.accounts import add_account
from cmstudio.publish.results import Outcome
from cmstudio.publish.secrets import KeyringStore


def make_photo(path: Path, size: tuple[int, int] = (1600, 1200), colour: tuple[int, int, int] = (30, 120, 200)) -> Path:
    img = Image.new("RGB", size, colour)
    for x in range(0, size[0], 50):
        for y in range(0, size[1], 50):
            img.putpixel((x, y), (255, 255, 255))
    img.save(path, "JPEG", quality=92)
    return path


class World:
    """A workspace database plus the helpers to fill it."""

    def __init__(self, db: Database, workspace_id: int, tmp: Path) -> None:
        self.db, self.workspace_id, self.tmp = db, workspace_id, tmp
        self.store = KeyringStore()

    def account(self, connector: str, name: str, settings: dict[str, Any], secrets: dict[str, str]) -> int:
        with self.db.session() as s:
            return add_account(s, self.store, self.workspace_id, connector, name, settings, secrets).id

    def post(self, account_id: int, text: str, *, images: Sequence[tuple[str, str]] = (), due: datetime,
             parts: Sequence[str] = (), native: bool = False) -> int:
        """A variant with `images` (file name, alt) scheduled on the account; returns the publication id."""
        media = MediaStore(self.db.media_dir)
        with self.db.session() as s:
            account = s.get(Account, account_id)
            assert account is not None
            variant = Variant(workspace_id=self.workspace_id, network=account.network, account_id=account_id,
                              text=text, thread_parts=list(parts), status="scheduled", scheduled_at=due)
            s.add(variant)
            for i, (name, alt) in enumerate(images):
                stored = media.add(make_photo(self.tmp / name, colour=(20 * i, 100, 150)), original_name=name)
                asset = s.query(MediaAsset).filter_by(workspace_id=self.workspace_id, sha256=stored.sha256).first()
                if asset is None:
                    asset = MediaAsset(workspace_id=self.workspace_id, sha256=stored.sha256, original_name=name,
                                       mime=stored.mime, width=stored.width or 0, height=stored.height or 0,
                                       size=stored.size, alt_text=alt)
                    s.add(asset)
                    s.flush()
                variant.media.append(VariantMedia(media_id=asset.id, position=i, alt_text=alt))
            s.flush()
            return engine.schedule(s, account_id=account_id, variant_id=variant.id, due_at=due, native=native).id

    def run(self, now: datetime, **kw: Any) -> list[Outcome]:
        return engine.publish_due(self.db.sessions, now, media_root=self.db.media_dir, store=self.store,
                                  timeout=1.0, **kw)

    def pub(self, pub_id: int) -> Publication:
        with self.db.session() as s:
            pub = s.get(Publication, pub_id)
            assert pub is not None
            s.expunge(pub)
            return pub

    def account_row(self, account_id: int) -> Account:
        with self.db.session() as s:
            account = s.get(Account, account_id)
            assert account is not None
            s.expunge(account)
            return account


__all__ = ["FileKeyring", "World", "make_photo"]
