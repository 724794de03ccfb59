"""What each network accepts: one declarative table of profiles.

Every figure carries the document it comes from. Where a network does not publish a figure the
field is ``None`` (no known limit) rather than a guess. Mastodon servers publish their own limits:
``profile_with_instance()`` applies a server's ``/api/v2/instance`` answer to the default profile.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

MB = 1024 * 1024


class NetworkError(UserError, ValueError):
    """An unknown network or an unusable server description."""


class LinkBehaviour(StrEnum):
    """How a link written in the text is treated by the network."""

    COUNTED_AS_23 = "counted_as_23"  # shortened: any URL costs a fixed length (X, Mastodon)
    COUNTED_IN_FULL = "counted_in_full"  # every character of the URL counts
    NOT_CLICKABLE = "not_clickable"  # shown as plain text (Instagram captions, Pinterest descriptions)


@dataclass(frozen=True)
class NetworkProfile:
    """One kind of post on one network and its documented limits.

    Aspect ratios are width / height. ``counting_rule`` is a rule id understood by
    ``cmstudio.core.counting.count``. ``url_length`` is the fixed cost of a URL where links are
    shortened. ``byte_limit`` is an extra cap in UTF-8 bytes, ``title_limit`` a separate title field.
    """

    id: str
    display_name: str
    text_limit: int
    counting_rule: str
    max_images: int
    aspect_ratio_min: float | None
    aspect_ratio_max: float | None
    recommended_sizes: tuple[tuple[int, int], ...]
    max_image_bytes: int | None
    image_formats: tuple[str, ...]
    alt_text_limit: int | None
    hashtag_limit: int | None
    supports_threads: bool
    link_behaviour: LinkBehaviour
    max_thread_parts: int | None = None
    url_length: int | None = None
    byte_limit: int | None = None
    title_limit: int | None = None
    link_field: bool = False
    utm_source: str = ""

    def accepts_aspect_ratio(self, width: int, height: int) -> bool:
        """True when an image of this size needs no crop for this network."""
        if width <= 0 or height <= 0:
            return False
        ratio = width / height
        low = self.aspect_ratio_min if self.aspect_ratio_min is not None else 0.0
        high = self.aspect_ratio_max if self.aspect_ratio_max is not None else float("inf")
        return low - 1e-3 <= ratio <= high + 1e-3


_PROFILES: tuple[NetworkProfile, ...] = (
    NetworkProfile(
        id="x",
        display_name="X",
        # 280 weighted characters, URLs as 23: twitter-text config/v3.json and
        # https://docs.x.com/fundamentals/counting-characters
        text_limit=280,
        counting_rule="twitter_v3",
        # Up to 4 photos, 5 MB each, JPG/PNG/GIF/WEBP:
        # https://docs.x.com/x-api/media/quickstart/best-practices
        max_images=4,
        aspect_ratio_min=None,
        aspect_ratio_max=None,
        # 16:9 single-image preview, https://help.x.com/en/using-x/how-to-post-a-picture
        recommended_sizes=((1600, 900), (1200, 675), (1080, 1080)),
        max_image_bytes=5 * MB,
        image_formats=("jpeg", "png", "gif", "webp"),
        # alt_text max 1000 characters: https://docs.x.com/x-api/media/metadata-create
        alt_text_limit=1000,
        hashtag_limit=None,
        supports_threads=True,
        link_behaviour=LinkBehaviour.COUNTED_AS_23,
        # A thread in the composer holds up to 25 posts: https://help.x.com/en/using-x/create-a-thread
        max_thread_parts=25,
        url_length=23,
        utm_source="x",
    ),
    NetworkProfile(
        id="bluesky",
        display_name="Bluesky",
        # app.bsky.feed.post lexicon: text maxGraphemes 300, maxLength 3000 (bytes)
        # https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json
        text_limit=300,
        counting_rule="bluesky",
        # app.bsky.embed.images: images maxLength 4, image blob maxSize 1000000, accept image/*
        # https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/embed/images.json
        max_images=4,
        aspect_ratio_min=None,
        aspect_ratio_max=None,
        recommended_sizes=((2000, 2000), (2000, 1125)),
        max_image_bytes=1_000_000,
        image_formats=("jpeg", "png", "webp", "gif"),
        # The official app caps alt text at 2000 graphemes (MAX_ALT_TEXT,
        # https://github.com/bluesky-social/social-app/blob/main/src/lib/constants.ts)
        alt_text_limit=2000,
        hashtag_limit=None,
        supports_threads=True,
        link_behaviour=LinkBehaviour.COUNTED_IN_FULL,
        byte_limit=3000,
        utm_source="bluesky",
    ),
    NetworkProfile(
        id="mastodon",
        display_name="Mastodon",
        # Defaults of a stock server (configuration.statuses in /api/v2/instance):
        # max_characters 500, max_media_attachments 4, characters_reserved_per_url 23,
        # media_attachments.image_size_limit 16 MB, description_limit 1500.
        # https://docs.joinmastodon.org/entities/Instance/#statuses
        text_limit=500,
        counting_rule="mastodon",
        max_images=4,
        aspect_ratio_min=None,
        aspect_ratio_max=None,
        recommended_sizes=((1920, 1080), (1080, 1080)),
        max_image_bytes=16 * MB,
        # supported_mime_types of a stock server: https://docs.joinmastodon.org/user/posting/#media
        image_formats=("jpeg", "png", "gif", "webp", "heic", "heif", "avif"),
        alt_text_limit=1500,
        hashtag_limit=None,
        supports_threads=True,
        link_behaviour=LinkBehaviour.COUNTED_AS_23,
        url_length=23,
        utm_source="mastodon",
    ),
    NetworkProfile(
        id="threads",
        display_name="Threads",
        # "Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8
        # bytes." https://developers.facebook.com/docs/threads/posts
        text_limit=500,
        counting_rule="threads",
        # Carousel up to 20 items; images JPEG/PNG, 8 MB max, aspect ratio limit 10:1,
        # width 320-1440: https://developers.facebook.com/docs/threads/overview#image-specifications
        max_images=20,
        aspect_ratio_min=0.1,
        aspect_ratio_max=10.0,
        recommended_sizes=((1080, 1350), (1080, 1080), (1440, 1920)),
        max_image_bytes=8 * MB,
        image_formats=("jpeg", "png"),
        # alt_text up to 1000 characters: https://developers.facebook.com/docs/threads/posts
        alt_text_limit=1000,
        # One topic tag per post: https://developers.facebook.com/docs/threads/posts#topic-tags
        hashtag_limit=1,
        supports_threads=True,
        link_behaviour=LinkBehaviour.COUNTED_IN_FULL,
        utm_source="threads",
    ),
    NetworkProfile(
        id="linkedin",
        display_name="LinkedIn",
        # commentary "Max length 3000 characters":
        # https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
        text_limit=3000,
        counting_rule="code_points",
        # MultiImage: 2 to 20 images; JPG, GIF, PNG; altText up to 4086 characters:
        # https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api
        # Images API: up to 36 152 320 pixels; LinkedIn help recommends 1200 x 627 for shared images.
        max_images=20,
        aspect_ratio_min=None,
        aspect_ratio_max=None,
        recommended_sizes=((1200, 627), (1080, 1080), (1080, 1350)),
        max_image_bytes=None,
        image_formats=("jpeg", "png", "gif"),
        alt_text_limit=4086,
        hashtag_limit=None,
        supports_threads=False,
        link_behaviour=LinkBehaviour.COUNTED_IN_FULL,
        utm_source="linkedin",
    ),
    NetworkProfile(
        id="facebook",
        display_name="Facebook (Page)",
        # A post's message is limited to 63 206 characters (Facebook Help Center,
        # https://www.facebook.com/help/community/question/?id=10155373516727869).
        text_limit=63206,
        counting_rule="code_points",
        # Page photos: JPEG, BMP, PNG, GIF, TIFF; under 4 MB (PNG ideally under 1 MB):
        # https://developers.facebook.com/docs/graph-api/reference/page/photos/
        # The Graph API documents no maximum of attached_media; 10 is a conservative ceiling
        # chosen here (assumption, not a published figure).
        max_images=10,
        aspect_ratio_min=None,
        aspect_ratio_max=None,
        recommended_sizes=((1200, 630), (1080, 1080), (1080, 1350)),
        max_image_bytes=4 * MB,
        image_formats=("jpeg", "png", "gif", "bmp", "tiff"),
        alt_text_limit=None,
        hashtag_limit=None,
        supports_threads=False,
        link_behaviour=LinkBehaviour.COUNTED_IN_FULL,
        utm_source="facebook",
    ),
    NetworkProfile(
        id="instagram_feed",
        display_name="Instagram (feed)",
        # Caption 2200 characters, at most 30 hashtags and 20 @ tags:
        # https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media
        text_limit=2200,
        counting_rule="code_points",
        # Carousel up to 10 items; image JPEG only, 8 MB max, aspect ratio 4:5 to 1.91:1,
        # width 320-1440 (same reference, "Image specifications").
        max_images=10,
        aspect_ratio_min=4 / 5,
        aspect_ratio_max=1.91,
        recommended_sizes=((1080, 1350), (1080, 1080), (1080, 566)),
        max_image_bytes=8 * MB,
        image_formats=("jpeg",),
        # alt_text field for image posts (introduced 2025-03-24):
        # https://developers.facebook.com/docs/instagram-platform/content-publishing/
        # The API page gives no length; 100 is the in-app custom alt text limit (assumption).
        alt_text_limit=100,
        hashtag_limit=30,
        supports_threads=False,
        link_behaviour=LinkBehaviour.NOT_CLICKABLE,
        utm_source="instagram",
    ),
    NetworkProfile(
        id="instagram_story",
        display_name="Instagram (story)",
        # Stories published through the API take no caption (caption "not supported on stories"):
        # https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media
        text_limit=0,
        counting_rule="code_points",
        # One image; JPEG, 8 MB, 9:16 recommended (1080 x 1920); same reference.
        max_images=1,
        aspect_ratio_min=0.1,
        aspect_ratio_max=10.0,
        recommended_sizes=((1080, 1920),),
        max_image_bytes=8 * MB,
        image_formats=("jpeg",),
        alt_text_limit=None,
        hashtag_limit=0,
        supports_threads=False,
        link_behaviour=LinkBehaviour.NOT_CLICKABLE,
        utm_source="instagram",
    ),
    NetworkProfile(
        id="pinterest",
        display_name="Pinterest",
        # Pin description max 500, title max 100, alt_text max 500, link max 2048 (a separate,
        # clickable field): https://developers.pinterest.com/docs/api/v5/pins-create
        text_limit=500,
        counting_rule="code_points",
        # One image per pin (carousels 2-5 images); 2:3 recommended (1000 x 1500); up to 20 MB;
        # BMP, JPEG, PNG, TIFF, GIF, WEBP: https://help.pinterest.com/en/business/article/pinterest-product-specs
        max_images=5,
        aspect_ratio_min=None,
        aspect_ratio_max=None,
        recommended_sizes=((1000, 1500), (1000, 1000)),
        max_image_bytes=20 * MB,
        image_formats=("jpeg", "png", "webp", "gif", "bmp", "tiff"),
        alt_text_limit=500,
        # Pinterest advises keeping hashtags few; it publishes no hard limit.
        hashtag_limit=None,
        supports_threads=False,
        link_behaviour=LinkBehaviour.NOT_CLICKABLE,
        title_limit=100,
        link_field=True,
        utm_source="pinterest",
    ),
    NetworkProfile(
        id="telegram_message",
        display_name="Telegram (message)",
        # sendMessage text: 1-4096 characters after entities parsing; entity offsets and lengths
        # are in UTF-16 code units: https://core.telegram.org/bots/api#sendmessage and
        # https://core.telegram.org/api/entities#entity-length
        text_limit=4096,
        counting_rule="utf16",
        max_images=0,
        aspect_ratio_min=None,
        aspect_ratio_max=None,
        recommended_sizes=(),
        max_image_bytes=None,
        image_formats=(),
        alt_text_limit=None,
        hashtag_limit=None,
        supports_threads=True,
        link_behaviour=LinkBehaviour.COUNTED_IN_FULL,
        utm_source="telegram",
    ),
    NetworkProfile(
        id="telegram_caption",
        display_name="Telegram (photo caption)",
        # sendPhoto caption: 0-1024 characters after entities parsing; photo at most 10 MB, width +
        # height at most 10000, ratio at most 20: https://core.telegram.org/bots/api#sendphoto
        # sendMediaGroup: 2-10 items: https://core.telegram.org/bots/api#sendmediagroup
        text_limit=1024,
        counting_rule="utf16",
        max_images=10,
        aspect_ratio_min=1 / 20,
        aspect_ratio_max=20.0,
        recommended_sizes=((1280, 1280), (1280, 720)),
        max_image_bytes=10 * MB,
        image_formats=("jpeg", "png", "webp"),
        alt_text_limit=None,
        hashtag_limit=None,
        supports_threads=False,
        link_behaviour=LinkBehaviour.COUNTED_IN_FULL,
        utm_source="telegram",
    ),
    NetworkProfile(
        id="discord",
        display_name="Discord",
        # content "up to 2000 characters": https://discord.com/developers/docs/resources/message#create-message
        # counted in code points (Discord staff, https://github.com/discord/discord-api-docs/issues/1315)
        text_limit=2000,
        counting_rule="code_points",
        # Up to 10 attachments; attachment description (alt text) max 1024 characters
        # (https://discord.com/developers/docs/resources/message#attachment-object); default upload
        # limit 10 MiB (https://support.discord.com/hc/en-us/articles/25444343291031).
        max_images=10,
        aspect_ratio_min=None,
        aspect_ratio_max=None,
        recommended_sizes=((1280, 720), (1080, 1080)),
        max_image_bytes=10 * MB,
        image_formats=("jpeg", "png", "gif", "webp"),
        alt_text_limit=1024,
        hashtag_limit=None,
        supports_threads=False,
        link_behaviour=LinkBehaviour.COUNTED_IN_FULL,
        utm_source="discord",
    ),
)

PROFILES: Mapping[str, NetworkProfile] = {p.id: p for p in _PROFILES}


def all_profiles() -> tuple[NetworkProfile, ...]:
    """Every built-in profile, in display order."""
    return _PROFILES


def get_profile(network_id: str) -> NetworkProfile:
    """The profile for ``network_id``; a clear error for an unknown id."""
    try:
        return PROFILES[network_id]
    except (KeyError, TypeError):
        known = ", ".join(PROFILES)
        raise NetworkError(_(
            "Unknown network “{network_id}”. Known networks: {known}.",
            network_id=network_id, known=known,
        )) from None


def _positive_int(value: Any, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise NetworkError(
            _(
                "The server's description gives an invalid value for {name} ({value!r}); expected a "
                "positive whole number.",
                name=name, value=value,
            )
        )
    return value


def _dig(data: Mapping[str, Any], *keys: str) -> Any:
    node: Any = data
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def profile_with_instance(profile: NetworkProfile, instance_json: Mapping[str, Any] | str | bytes) -> NetworkProfile:
    """``profile`` with the limits a Mastodon server publishes in ``GET /api/v2/instance``.

    Reads configuration.statuses.max_characters, max_media_attachments,
    characters_reserved_per_url and configuration.media_attachments.image_size_limit and
    description_limit (https://docs.joinmastodon.org/entities/Instance/#configuration).
    Absent values keep the profile's defaults.
    """
    if isinstance(instance_json, str | bytes):
        try:
            instance_json = json.loads(instance_json)
        except ValueError as exc:
            raise NetworkError(_("The server's description is not valid JSON.")) from exc
    if not isinstance(instance_json, Mapping):
        raise NetworkError(_("The server's description is not a JSON object."))
    conf = ("configuration",)
    values = {
        "text_limit": _positive_int(_dig(instance_json, *conf, "statuses", "max_characters"),
                                    "max_characters"),
        "max_images": _positive_int(_dig(instance_json, *conf, "statuses", "max_media_attachments"),
                                    "max_media_attachments"),
        "url_length": _positive_int(
            _dig(instance_json, *conf, "statuses", "characters_reserved_per_url"),
            "characters_reserved_per_url"),
        "max_image_bytes": _positive_int(
            _dig(instance_json, *conf, "media_attachments", "image_size_limit"), "image_size_limit"),
        "alt_text_limit": _positive_int(
            _dig(instance_json, *conf, "media_attachments", "description_limit"), "description_limit"),
    }
    changes = {k: v for k, v in values.items() if v is not None}
    return dataclasses.replace(profile, **changes)
