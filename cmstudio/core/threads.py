"""Split a long text into a numbered thread, and let the user move the split points.

A thread is described by the source text plus the offsets where parts 2..n start, so moving a
split is a change of one offset and every part can be re-rendered and re-counted. Parts are
numbered " i/n" at their end; each part, numbering included, fits the network's limit.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cmstudio.core.counting import CountResult, count
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.networks import NetworkProfile

_SENTENCE_BREAK = regex.compile(r"(?<=[.!?…][»\"”’)\]]*)\s+|\n\s*\n\s*")
_WORD_BREAK = regex.compile(r"\s+")
_GRAPHEME = regex.compile(r"\X")


class ThreadError(UserError, ValueError):
    """A thread cannot be split or a split point cannot be moved as asked."""


def numbering_suffix(index: int, total: int) -> str:
    """The marker appended to part ``index`` (1-based) of ``total``."""
    return f" {index}/{total}"


def render_thread(text: str, offsets: Sequence[int], *, numbering: bool = True) -> list[str]:
    """The parts of ``text`` cut at ``offsets`` (starts of parts 2..n), trimmed and numbered."""
    bounds = [0, *offsets, len(text)]
    if any(later < earlier for earlier, later in zip(bounds, bounds[1:], strict=False)):
        raise ThreadError(_("Thread split points must be in increasing order within the text."))
    pieces = [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    pieces = [p for p in pieces if p]
    if not numbering or len(pieces) < 2:
        return pieces
    return [p + numbering_suffix(i, len(pieces)) for i, p in enumerate(pieces, start=1)]


def _fits(profile: NetworkProfile, text: str) -> bool:
    return count(profile, text).fits


def _boundaries(pattern: regex.Pattern[str], text: str, start: int) -> list[tuple[int, int]]:
    """(end of the part, start of the next) for each break after ``start``."""
    return [(m.start(), m.end()) for m in pattern.finditer(text, start) if m.start() > start]


def _farthest(text: str, start: int, cuts: list[tuple[int, int]], profile: NetworkProfile,
              suffix: str) -> tuple[int, int] | None:
    best = None
    for end, nxt in cuts:
        if not _fits(profile, text[start:end].strip() + suffix):
            break
        best = (end, nxt)
    return best


def _hard_cut(text: str, start: int, profile: NetworkProfile, suffix: str) -> int:
    """The farthest grapheme boundary that fits, for a single word longer than a part."""
    ends = [m.end() for m in _GRAPHEME.finditer(text, start)]
    lo, hi, best = 0, len(ends) - 1, -1
    while lo <= hi:
        mid = (lo + hi) // 2
        if _fits(profile, text[start:ends[mid]] + suffix):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    if best < 0:
        raise ThreadError(
            _(
                "The limit of {network} is too small to hold even one character per part.",
                network=profile.display_name,
            )
        )
    return ends[best]


def _greedy(text: str, profile: NetworkProfile, suffix: str) -> list[int]:
    offsets: list[int] = []
    start = len(text) - len(text.lstrip())
    while text[start:].strip():
        if _fits(profile, text[start:].strip() + suffix):
            break
        cut = _farthest(text, start, _boundaries(_SENTENCE_BREAK, text, start), profile, suffix)
        if cut is None:
            cut = _farthest(text, start, _boundaries(_WORD_BREAK, text, start), profile, suffix)
        if cut is None:
            end = _hard_cut(text, start, profile, suffix)
            cut = (end, end)
        start = cut[1]
        offsets.append(start)
    return offsets


def split_points(text: str, profile: NetworkProfile, *, numbering: bool = True) -> list[int]:
    """Where parts 2..n of a thread start, cutting at sentences, else words, else characters."""
    if _fits(profile, text.strip()):
        return []
    digits = 1
    while True:
        widest = "9" * digits
        suffix = numbering_suffix(int(widest), int(widest)) if numbering else ""
        offsets = _greedy(text, profile, suffix)
        if len(str(len(offsets) + 1)) <= digits:
            return offsets
        digits += 1


def split_thread(text: str, profile: NetworkProfile, *, numbering: bool = True) -> list[str]:
    """``text`` as a thread whose every part, numbering included, fits ``profile``.

    The caller compares ``len(result)`` with ``profile.max_thread_parts`` to warn the user.
    """
    return render_thread(text, split_points(text, profile, numbering=numbering), numbering=numbering)


def move_split(text: str, offsets: Sequence[int], index: int, delta_chars: int) -> list[int]:
    """Move split point ``index`` by about ``delta_chars``, snapped to the next word start.

    The point stays strictly between its neighbours; the result can be rendered with
    ``render_thread`` and checked with ``thread_counts``.
    """
    if not 0 <= index < len(offsets):
        raise ThreadError(_("There is no split point number {number} in this thread.", number=index + 1))
    low = offsets[index - 1] + 1 if index > 0 else 1
    high = offsets[index + 1] - 1 if index + 1 < len(offsets) else len(text) - 1
    target = min(max(offsets[index] + delta_chars, low), high)
    starts = [m.end() for m in _WORD_BREAK.finditer(text)]
    if delta_chars >= 0:
        snapped = next((s for s in starts if target <= s <= high), None)
    else:
        snapped = next((s for s in reversed(starts) if low <= s <= target), None)
    moved = list(offsets)
    moved[index] = snapped if snapped is not None else target
    return moved


def thread_counts(parts: Sequence[str], profile: NetworkProfile) -> list[CountResult]:
    """The count of each rendered part, for the composer's per-part counters."""
    return [count(profile, part) for part in parts]
