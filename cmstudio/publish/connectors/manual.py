"""Manual publishing, for networks a desktop app cannot post to without a partner agreement.

Instagram, LinkedIn, Facebook, Pinterest and TikTok only open their publishing APIs to approved
business apps (e.g. https://developers.facebook.com/docs/instagram-platform/content-publishing/,
https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api).
At the due time this connector prepares everything the community manager needs to post by hand:
a folder holding the renditions numbered in posting order and the text in ``text.txt``; it
answers with a `ManualResult` ("waiting for the user"). The GUI copies the text to the clipboard
and opens the folder; the user then marks the post done with its URL.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cmstudio.core import paths
from cmstudio.publish.connector import (
    AccountCheck,
    Capabilities,
    Connector,
    ConnectorInfo,
    Failure,
    PublishError,
    PublishResult,
    SettingField,
)
from cmstudio.publish.payload import Payload

MANUAL_NETWORKS = ("instagram_feed", "instagram_story", "linkedin", "facebook", "pinterest", "threads", "x",
                   "tiktok")
_EXT = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif"}


@dataclass(frozen=True)
class ManualResult(PublishResult):
    """Nothing was posted: the package is ready and the user must post it by hand."""

    folder: Path = Path()
    files: tuple[Path, ...] = field(default_factory=tuple)
    text: str = ""
    waiting_for_user: bool = True


def manual_root() -> Path:
    return paths.data_dir() / "manual"


class ManualConnector(Connector):
    """Prepares a folder (text + numbered images) for a post the user publishes by hand."""

    info = ConnectorInfo(
        id="manual",
        name="Manual",
        icon="manual",
        network="manual",
        capabilities=Capabilities(text=True, images=20, threads=True, alt_text=True),
        settings_schema=(
            SettingField("network", "Réseau", "Network", "choice", required=True, choices=MANUAL_NETWORKS,
                         default="instagram_feed"),
            SettingField("folder", "Dossier des publications", "Posts folder", "text",
                         help_fr="Facultatif : où préparer les dossiers (par défaut dans les données du studio).",
                         help_en="Optional: where to prepare the folders (default: the studio's data folder)."),
        ),
        description_fr="Prépare le texte et les images à publier à la main.",
        description_en="Prepares the text and images to post by hand.",
    )

    def check_account(self) -> AccountCheck:
        ok = "Prêt : publication à la main." if self.lang == "fr" else "Ready: posted by hand."
        return AccountCheck(ok=True, display_name=str(self.settings.get("network", "")), message=ok)

    def _folder(self, idempotency_key: str) -> Path:
        root = Path(self.settings.get("folder") or manual_root()).expanduser()
        safe = re.sub(r"[^A-Za-z0-9_-]", "", idempotency_key)[:40] or "post"
        return root / safe

    def publish(self, payload: Payload, idempotency_key: str) -> ManualResult:
        """Write ``text.txt`` and ``01.jpg``, ``02.jpg``… (posting order) into a fresh folder."""
        folder = self._folder(idempotency_key)
        try:
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            parts = payload.thread
            text = payload.text_with_link(parts[0])
            body = text if len(parts) == 1 else "\n\n---\n\n".join([text, *parts[1:]])
            (folder / "text.txt").write_text(body + "\n", encoding="utf-8")
            if payload.title:  # Pinterest's pin title goes in its own field
                (folder / "title.txt").write_text(payload.title + "\n", encoding="utf-8")
            files: list[Path] = []
            for i, item in enumerate(payload.media):
                target = folder / f"{i + 1:02d}{_EXT.get(item.mime, item.path.suffix or '.bin')}"
                shutil.copyfile(item.path, target)
                files.append(target)
            alts = [f"{p.name}: {m.alt}" for p, m in zip(files, payload.media, strict=True) if m.alt]
            if alts:
                (folder / "alt-text.txt").write_text("\n".join(alts) + "\n", encoding="utf-8")
        except OSError as exc:
            raise PublishError(self.classify(exc)) from None
        return ManualResult(remote_id="", url=None, folder=folder, files=tuple(files), text=body)

    def verify(self, payload: Payload, idempotency_key: str) -> PublishResult | None:
        """Always None: only the user knows whether the post went out."""
        return None

    def classify(self, exc_or_response: object) -> Failure:
        if isinstance(exc_or_response, PublishError):
            return exc_or_response.failure
        detail: Any = getattr(exc_or_response, "strerror", None) or type(exc_or_response).__name__
        where = getattr(exc_or_response, "filename", "") or ""
        if self.lang == "fr":
            text = f"Impossible de préparer le dossier de publication {where} ({detail})."
        else:
            text = f"Cannot prepare the posting folder {where} ({detail})."
        return Failure("permanent", text)
