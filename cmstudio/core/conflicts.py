"""Spacing conflicts: two posts on the same account closer together than the workspace allows.

Posting twice within minutes on one account splits the audience's attention and looks like a
mistake; the calendar marks such pairs so the community manager can spread them out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from cmstudio.core.calendar_types import CalendarEntry, CalendarError
from cmstudio.core.i18n import _


class ConflictError(CalendarError):
    """Bad settings for the spacing check."""


def spacing_conflicts(
    entries: Iterable[CalendarEntry],
    min_minutes: int = 30,
    *,
    kinds: frozenset[str] = frozenset({"post"}),
    ignore_statuses: frozenset[str] = frozenset({"failed"}),
) -> list[tuple[str, str]]:
    """Pairs ``(earlier id, later id)`` of posts on one account starting less than ``min_minutes`` apart.

    Posts without an account are never in conflict; failed posts are ignored since they will not
    go out at their time. Sorting per account makes this O(n log n) plus the number of pairs
    reported. Pairs come in time order of their first post.
    """
    if isinstance(min_minutes, bool) or not isinstance(min_minutes, int | float) or min_minutes < 0:
        raise ConflictError(_(
            "The minimum spacing must be a number of minutes ≥ 0, got {min_minutes!r}.",
            min_minutes=min_minutes,
        ))
    gap = timedelta(minutes=min_minutes)
    by_account: dict[str, list[CalendarEntry]] = defaultdict(list)
    for entry in entries:
        if entry.account_id is not None and entry.kind in kinds and entry.status not in ignore_statuses:
            by_account[entry.account_id].append(entry)
    found: list[tuple[CalendarEntry, CalendarEntry]] = []
    for posts in by_account.values():
        posts.sort(key=lambda e: (e.start, e.id))
        count = len(posts)
        for i, first in enumerate(posts):
            limit = first.start + gap
            j = i + 1
            while j < count and posts[j].start < limit:
                if posts[j].id != first.id:
                    found.append((first, posts[j]))
                j += 1
    found.sort(key=lambda pair: (pair[0].start, pair[0].id, pair[1].start, pair[1].id))
    return [(a.id, b.id) for a, b in found]
