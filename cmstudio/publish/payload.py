"""What a connector publishes: one network-ready post (or article) and its media.

A `Payload` is built by the publishing engine from a variant or an article *after* the composer
has adapted it to the network: connectors do not shorten text or resize images, they only send
what they are given and report, item by item, what the network refused.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _


class PayloadError(UserError, ValueError):
    """A payload that cannot be published as given (the message is a sentence for the user)."""


@dataclass(frozen=True)
class MediaItem:
    """One image to attach.

    `focal` is the point of interest in *image-relative* coordinates: ``(x, y)`` in ``[0, 1]``,
    ``(0, 0)`` the top-left corner, ``(0.5, 0.5)`` the centre — the convention of the crop studio.
    Networks that use another convention get it converted by their connector (Mastodon wants
    ``[-1, 1]`` with y pointing up: see `mastodon_focus`).
    """

    path: Path
    mime: str
    alt: str = ""
    focal: tuple[float, float] | None = None
    width: int | None = None
    height: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(self.path))
        if not self.mime or "/" not in self.mime:
            raise PayloadError(_("Unknown file type for {file!r}.", file=self.path.name))
        if self.focal is not None:
            x, y = (float(v) for v in self.focal)
            if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
                raise PayloadError(
                    _(
                        "The focal point of {file!r} must lie inside the image (0 to 1), got {x}, {y}.",
                        file=self.path.name, x=x, y=y,
                    )
                )
            object.__setattr__(self, "focal", (x, y))
        for name in ("width", "height"):
            value = getattr(self, name)
            if value is not None and int(value) <= 0:
                raise PayloadError(_(
                    "The {name} of {file!r} must be positive.",
                    name=name, file=self.path.name,
                ))

    @classmethod
    def from_file(
        cls, path: str | Path, alt: str = "", focal: tuple[float, float] | None = None
    ) -> MediaItem:
        """Describe an image file on disk, reading its size and type with Pillow."""
        from PIL import Image, UnidentifiedImageError

        p = Path(path)
        try:
            with Image.open(p) as img:
                width, height = img.size
                mime = Image.MIME.get(img.format or "", "") or mimetypes.guess_type(p.name)[0] or ""
        except FileNotFoundError:
            raise PayloadError(_("The image {file!r} cannot be found at {p}.", file=p.name, p=p)) from None
        except (UnidentifiedImageError, OSError):
            raise PayloadError(_(
                "The file {file!r} is not an image the studio can read.",
                file=p.name,
            )) from None
        return cls(path=p, mime=mime, alt=alt, focal=focal, width=width, height=height)

    @property
    def mastodon_focus(self) -> tuple[float, float] | None:
        """The focal point in Mastodon's convention: x, y in [-1, 1], y up.

        Source: https://docs.joinmastodon.org/api/guidelines/#focal-points
        """
        if self.focal is None:
            return None
        x, y = self.focal
        return (round(x * 2 - 1, 2), round(1 - y * 2, 2))

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()


def _as_tuple(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in (values or ()))


@dataclass(frozen=True)
class Payload:
    """A post, thread or article ready to send.

    - `text` is the main post; `parts` is the whole thread, the first part being the main post
      (give either; when both are given the first part must equal `text`).
    - `link` is the URL to share. Networks that build a card from a field (Bluesky's external
      embed, a WordPress post) use it as such; networks that build the card from the text
      (Mastodon, Telegram, Discord) get it appended to the main post when the text lacks it.
    - `title`, `html`, `excerpt`, `slug`, `categories` are for blogs; `html` may reference the
      uploaded images as ``cmstudio-media:N`` (N = index in `media`) in ``src``/``href``.
    - `featured_media` is an index into `media` (blog featured image, link-card thumbnail).
    - `scheduled_at` is an aware datetime, stored in UTC; `None` means "now".
    - `language` is a BCP-47 tag such as ``"fr"`` or ``"en-GB"``.
    """

    text: str = ""
    parts: tuple[str, ...] = ()
    media: tuple[MediaItem, ...] = ()
    link: str | None = None
    title: str = ""
    html: str = ""
    excerpt: str = ""
    slug: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    featured_media: int | None = None
    scheduled_at: datetime | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        parts = _as_tuple(self.parts)
        if parts and self.text and parts[0] != self.text:
            raise PayloadError(_("The first part of a thread must be the main post's text."))
        if parts and not self.text:
            object.__setattr__(self, "text", parts[0])
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "tags", _as_tuple(self.tags))
        object.__setattr__(self, "categories", _as_tuple(self.categories))
        media = tuple(self.media or ())
        for item in media:
            if not isinstance(item, MediaItem):
                raise PayloadError(_("Every media entry must be a MediaItem."))
        object.__setattr__(self, "media", media)
        if self.featured_media is not None and not 0 <= self.featured_media < len(media):
            raise PayloadError(
                _(
                    "The featured image is number {number} but the post has {count} image(s).",
                    number=self.featured_media + 1, count=len(media),
                )
            )
        if self.link is not None and not self.link.startswith(("http://", "https://")):
            raise PayloadError(_("The link {link!r} must start with http:// or https://.", link=self.link))
        if self.scheduled_at is not None:
            when = self.scheduled_at
            if when.tzinfo is None or when.utcoffset() is None:
                raise PayloadError(_("The publication time must carry a time zone (it is stored in UTC)."))
            object.__setattr__(self, "scheduled_at", when.astimezone(UTC))
        if not (self.text or self.html or media):
            raise PayloadError(_("There is nothing to publish: no text, no article body and no image."))

    @property
    def thread(self) -> list[str]:
        """Every post of the thread in order (a single post is a thread of one)."""
        return list(self.parts) if self.parts else [self.text]

    def text_with_link(self, text: str | None = None) -> str:
        """The main text with `link` appended on its own line if the text does not contain it."""
        body = self.text if text is None else text
        if not self.link or self.link in body:
            return body
        return f"{body}\n\n{self.link}" if body else self.link

    def is_future(self, now: datetime | None = None, margin_s: float = 0.0) -> bool:
        """Whether `scheduled_at` lies more than `margin_s` seconds after `now`."""
        if self.scheduled_at is None:
            return False
        now = now or datetime.now(UTC)
        return (self.scheduled_at - now).total_seconds() > margin_s


def media_label(media: Sequence[MediaItem], index: int) -> str:
    """How to name an image in a message: ``Image 2 (photo.jpg)`` (same words in French and English)."""
    return f"Image {index + 1} ({media[index].path.name})"
