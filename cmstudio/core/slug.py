"""URL slugs for articles: ASCII, lowercase, hyphen-separated, readable.

French titles are the common case, so accents are folded (``é`` → ``e``), ligatures are spelled
out (``œ`` → ``oe``) and apostrophes separate words (``l'été`` → ``l-ete``). Scripts that have no
ASCII spelling (Greek, Cyrillic, CJK, emoji) are dropped; :func:`unique_slug` then falls back to a
neutral word so that an article always gets a usable address.
"""

from __future__ import annotations

import re
import unicodedata

DEFAULT_MAX_LENGTH = 80

# Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss",
    "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "þ": "th", "Þ": "th",
    "ð": "d", "Ð": "d", "ı": "i", "ĸ": "k",
})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(title: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """Turn a title into a slug such as ``les-reseaux-sociaux-en-2027``.

    The result is at most ``max_length`` characters; a longer slug is cut at the last hyphen that
    fits so that no word is chopped (a single word longer than the limit is cut hard). Returns an
    empty string when the title holds nothing that can be spelled in ASCII.
    """
    if max_length < 1:
        raise ValueError("max_length must be at least 1")
    text = unicodedata.normalize("NFKC", title).translate(_SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    # Marks go; any other character without an ASCII spelling (’, emoji, CJK) separates words.
    text = "".join(("-" if not ch.isascii() else ch) for ch in text if not unicodedata.combining(ch)).lower()
    slug = _NON_ALNUM.sub("-", text).strip("-")
    return _cut(slug, max_length)


def _cut(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    head = slug[: max_length + 1]
    if head[-1] == "-":
        return head[:-1]
    cut = head.rfind("-")
    if cut <= 0:
        return slug[:max_length]
    return head[:cut]


def unique_slug(
    base: str,
    existing: set[str],
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    fallback: str = "article",
) -> str:
    """Return ``base`` or ``base-2``, ``base-3``… whichever is not in ``existing``.

    ``base`` is slugified first, so a raw title works too; an empty result uses ``fallback``. The
    numbered form still respects ``max_length`` by shortening the base, never the number.
    """
    slug = slugify(base, max_length=max_length) or slugify(fallback, max_length=max_length) or "article"
    if slug not in existing:
        return slug
    n = 2
    while True:
        suffix = f"-{n}"
        stem = _cut(slug, max(1, max_length - len(suffix))).rstrip("-") or slug[:1]
        candidate = f"{stem}{suffix}"
        if candidate not in existing:
            return candidate
        n += 1
