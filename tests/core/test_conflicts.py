"""Spacing conflicts between posts of one account, checked against a brute-force oracle."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

import pytest

from cmstudio.core.calendar_types import CalendarEntry
from cmstudio.core.conflicts import ConflictError, spacing_conflicts

BASE = datetime(2026, 10, 25, 6, 0, tzinfo=UTC)


def post(ident: str, minutes: float, account: str | None = "acc", **kw) -> CalendarEntry:
    return CalendarEntry(id=ident, kind=kw.pop("kind", "post"), title=ident,
                         start=BASE + timedelta(minutes=minutes), account_id=account,
                         status=kw.pop("status", "scheduled"), **kw)


def test_close_posts_on_one_account_conflict_and_exact_spacing_does_not():
    entries = [post("b", 10), post("a", 0), post("c", 40), post("d", 70)]
    assert spacing_conflicts(entries, 30) == [("a", "b")]
    assert spacing_conflicts(entries, 31) == [("a", "b"), ("b", "c"), ("c", "d")]
    assert spacing_conflicts(entries, 0) == []


def test_three_posts_in_a_window_give_every_pair():
    entries = [post("x", 0), post("y", 5), post("z", 9)]
    assert spacing_conflicts(entries, 10) == [("x", "y"), ("x", "z"), ("y", "z")]


def test_other_accounts_failed_posts_and_non_posts_are_ignored():
    entries = [post("a", 0), post("b", 1, account="other"), post("c", 2, account=None),
               post("d", 3, status="failed"), post("e", 4, kind="article"), post("f", 5, kind="reference")]
    assert spacing_conflicts(entries, 30) == []
    assert spacing_conflicts(entries, 30, kinds=frozenset({"post", "article"})) == [("a", "e")]


def test_same_instant_posts_conflict_in_a_stable_order():
    entries = [post("b", 0), post("a", 0)]
    assert spacing_conflicts(entries) == [("a", "b")]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matches_brute_force_on_random_calendars(seed):
    rng = random.Random(seed)
    entries = [post(f"p{i}", rng.randrange(0, 60 * 24 * 14), account=rng.choice(["a1", "a2", "a3", None]),
                    status=rng.choice(["scheduled", "draft", "failed"])) for i in range(400)]
    expected = set()
    for a, b in itertools.combinations(entries, 2):
        if (a.account_id is not None and a.account_id == b.account_id and "failed" not in (a.status, b.status)
                and abs(a.start - b.start) < timedelta(minutes=45)):
            first, second = sorted((a, b), key=lambda e: (e.start, e.id))
            expected.add((first.id, second.id))
    found = spacing_conflicts(entries, 45)
    assert len(found) == len(set(found))
    assert set(found) == expected
    assert expected  # the random calendar is dense enough to have conflicts


@pytest.mark.parametrize("bad", [-1, "30", None, True])
def test_bad_minimum_is_refused(bad):
    with pytest.raises(ConflictError, match="minimum spacing"):
        spacing_conflicts([], bad)
