"""A draw that anyone can check with the seed and the list of entries.

Before entries open, the organizer publishes commitment = SHA-256(seed) (in the rules). At the
draw, each entry is ranked by HMAC-SHA256(key=seed, message=handle); the lowest digests win,
the next ones are alternates. Afterwards the seed is revealed: anyone can check that it matches
the commitment and recompute the ranking. docs/draw-algorithm.md is the public description;
this module is its reference implementation and the two must not drift apart.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cmstudio.core.entries import normalize_handle
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

ALGORITHM = "cmstudio-hmac-sha256-rank"
VERSION = 1
SEED_BYTES = 32


class DrawError(UserError, ValueError):
    """The draw cannot be made with the data given; the message says what to fix."""


@dataclass(frozen=True)
class DrawResult:
    """Everything needed to publish and later check a draw. *drawn_at* is aware UTC."""

    seed_hex: str
    commitment: str
    fingerprint: str
    algorithm: str
    version: int
    winners: tuple[str, ...]
    alternates: tuple[str, ...]
    entry_count: int
    drawn_at: datetime

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for storage and for publishing next to the list of entries."""
        return {
            "seed": self.seed_hex, "commitment": self.commitment, "fingerprint": self.fingerprint,
            "algorithm": self.algorithm, "version": self.version, "winners": list(self.winners),
            "alternates": list(self.alternates), "entry_count": self.entry_count,
            "drawn_at": self.drawn_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DrawResult:
        """Inverse of to_dict; raises DrawError when a field is missing or malformed."""
        try:
            drawn_at = datetime.fromisoformat(data["drawn_at"])
            return cls(str(data["seed"]), str(data["commitment"]), str(data["fingerprint"]),
                       str(data["algorithm"]), int(data["version"]), tuple(data["winners"]),
                       tuple(data["alternates"]), int(data["entry_count"]), drawn_at)
        except (KeyError, TypeError, ValueError) as exc:
            raise DrawError(_("This draw record is incomplete or damaged ({error}).", error=exc)) from exc


VERIFY_SNIPPET = """\
import hashlib, hmac, sys
seed = bytes.fromhex(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    handles = [line.strip() for line in f if line.strip()]
print("commitment ", hashlib.sha256(seed).hexdigest())
print("fingerprint", hashlib.sha256("\\n".join(sorted(handles)).encode("utf-8")).hexdigest())
key = lambda h: (hmac.new(seed, h.encode("utf-8"), hashlib.sha256).hexdigest(), h)
for rank, handle in enumerate(sorted(handles, key=key), start=1):
    print(rank, handle)
"""
"""Standalone check an entrant can run: python verify_draw.py SEED_HEX entries.txt.

Kept identical to the snippet in docs/draw-algorithm.md (a test compares them and runs it).
"""


def published_list(handles: list[str] | tuple[str, ...]) -> str:
    """The list to publish with the result: normalized handles, sorted, one per line, UTF-8.

    The file ends with a newline for convenience; the fingerprint is computed without it.
    """
    return "\n".join(sorted(prepare_handles(handles))) + "\n"


def new_seed() -> bytes:
    """32 bytes from the operating system's secure random source."""
    return secrets.token_bytes(SEED_BYTES)


def seed_from_hex(seed_hex: str) -> bytes:
    """Bytes of a seed written in hexadecimal (as published); DrawError if it is not one."""
    try:
        seed = bytes.fromhex(seed_hex.strip())
    except ValueError as exc:
        raise DrawError(_("The seed must be written in hexadecimal (0-9, a-f).")) from exc
    if len(seed) != SEED_BYTES:
        raise DrawError(_(
            "The seed must be {SEED_BYTES} bytes ({digits} hexadecimal digits).",
            SEED_BYTES=SEED_BYTES, digits=2 * SEED_BYTES,
        ))
    return seed


def commitment(seed: bytes) -> str:
    """SHA-256 of the seed's bytes, hexadecimal: published before the draw, proves the seed."""
    _check_seed(seed)
    return hashlib.sha256(seed).hexdigest()


def prepare_handles(handles: list[str] | tuple[str, ...]) -> list[str]:
    """Normalize handles as entries.normalize_handle does; refuse empty ones and duplicates.

    A person listed twice would get two chances, so duplicates are an error here: remove them
    first (entries import and eligibility do).
    """
    prepared: list[str] = []
    seen: set[str] = set()
    for raw in handles:
        handle = normalize_handle(raw)
        if not handle:
            raise DrawError(_("The list contains an empty handle ({raw!r}).", raw=raw))
        if "\n" in handle or "\r" in handle:
            raise DrawError(_("A handle cannot contain a line break ({raw!r}).", raw=raw))
        if handle in seen:
            raise DrawError(_(
                "“{handle}” is listed twice; keep one entry per person before the draw.",
                handle=handle,
            ))
        seen.add(handle)
        prepared.append(handle)
    return prepared


def entries_fingerprint(handles: list[str] | tuple[str, ...]) -> str:
    """SHA-256 (hex) of the normalized handles sorted by code point, joined by "\\n", in UTF-8.

    There is no newline after the last handle. The order of *handles* does not matter.
    """
    prepared = prepare_handles(handles)
    return hashlib.sha256("\n".join(sorted(prepared)).encode("utf-8")).hexdigest()


def ranking(seed: bytes, handles: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """(digest hex, handle) for every entry, best rank first: ascending digest, then handle."""
    _check_seed(seed)
    scored = [(hmac.new(seed, h.encode("utf-8"), hashlib.sha256).hexdigest(), h)
              for h in prepare_handles(handles)]
    return sorted(scored)


def draw(seed: bytes, handles: list[str] | tuple[str, ...], winners: int, alternates: int = 0,
         *, drawn_at: datetime | None = None) -> DrawResult:
    """Draw *winners* then up to *alternates* entries (fewer if there are not enough people).

    Raises DrawError when there are fewer entries than winners or the seed is malformed.
    """
    if winners < 1 or alternates < 0:
        raise DrawError(_("A draw needs at least one winner, and alternates cannot be negative."))
    ranked = [handle for _digest, handle in ranking(seed, handles)]
    if len(ranked) < winners:
        raise DrawError(_(
            "Only {count} eligible entries for {winners} winners.",
            count=len(ranked), winners=winners,
        ))
    when = drawn_at or datetime.now(UTC)
    if when.tzinfo is None:
        raise DrawError(_("The draw date needs a time zone (UTC)."))
    return DrawResult(
        seed_hex=seed.hex(), commitment=commitment(seed), fingerprint=entries_fingerprint(ranked),
        algorithm=ALGORITHM, version=VERSION, winners=tuple(ranked[:winners]),
        alternates=tuple(ranked[winners : winners + alternates]), entry_count=len(ranked),
        drawn_at=when.astimezone(UTC),
    )


def verify(seed_hex: str, handles: list[str] | tuple[str, ...], result: DrawResult) -> bool:
    """True when *seed_hex* and *handles* reproduce *result* exactly, False otherwise.

    Checks the seed against the published commitment, the list against the fingerprint, and
    recomputes winners and alternates. Malformed input gives False, never an exception.
    """
    if result.algorithm != ALGORITHM or result.version != VERSION:
        return False
    try:
        seed = seed_from_hex(seed_hex)
        ranked = [handle for _digest, handle in ranking(seed, handles)]
        fingerprint = entries_fingerprint(ranked)
    except DrawError:
        return False
    n_winners, n_alternates = len(result.winners), len(result.alternates)
    return (
        hmac.compare_digest(commitment(seed), result.commitment.lower())
        and seed.hex() == result.seed_hex.lower()
        and fingerprint == result.fingerprint.lower()
        and len(ranked) == result.entry_count
        and tuple(ranked[:n_winners]) == tuple(result.winners)
        and tuple(ranked[n_winners : n_winners + n_alternates]) == tuple(result.alternates)
    )


def _check_seed(seed: bytes) -> None:
    if not isinstance(seed, bytes | bytearray) or len(seed) != SEED_BYTES:
        raise DrawError(_("The seed must be {SEED_BYTES} bytes.", SEED_BYTES=SEED_BYTES))
