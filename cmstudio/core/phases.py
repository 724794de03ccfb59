"""Phase templates: when to post around a contest or an event, with draft texts.

A contest is a small campaign (teaser, launch, reminders, last call, closing, draw, winners);
an event gets a countdown. Phases announced "at 09:00" or "at 11:00" are computed on the local
wall clock of the contest's IANA zone, so they stay at that hour across a daylight-saving change;
offsets such as "3 hours before the end" are exact durations.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from cmstudio.core.contest_types import (
    NBSP,
    NNBSP,
    ContestError,
    ContestInput,
    format_date,
    format_datetime,
    format_list,
    format_time,
    local_at,
    local_shift,
    normalize_lang,
    require_aware,
    zone,
)
from cmstudio.core.i18n import _

ANNOUNCEMENT_PLACEHOLDERS = ("{winners}", "{seed}")
"""Left in the announcement draft until the draw has happened (see fill_announcement)."""


@dataclass(frozen=True)
class PhaseSpec:
    """One planned moment: *start* is aware UTC; *end* is set only for phases that last."""

    kind: str
    title: str
    start: datetime
    end: datetime | None
    text: str


TITLES = {
    "teaser": ("Teaser", "Teaser"),
    "launch": ("Lancement", "Launch"),
    "reminder_d3": ("Rappel J-3", "Reminder: 3 days left"),
    "reminder_d1": ("Rappel J-1", "Reminder: last day"),
    "last_call": ("Dernier appel", "Last call"),
    "closing": ("Clôture", "Closing"),
    "draw": ("Tirage au sort", "Draw"),
    "announcement": ("Annonce des gagnants", "Winners announcement"),
    "event_d7": ("J-7", "7 days to go"),
    "event_d1": ("J-1", "Tomorrow"),
    "event_day": ("Jour J", "Event day"),
    "event_thanks": ("Merci & replay", "Thanks & replay"),
}

# Each draft is a list of lines; a line is dropped when one of its fields is empty (optional
# ones aside), so a contest without a URL gets no dangling "Règlement :".
_OPTIONAL = {"place"}
_S, _C = NNBSP, NBSP
DRAFTS_FR = {
    "teaser": ["Quelque chose se prépare… 🎁", "Le {start_date}, tentez de gagner {prize}.",
               "Restez connectés{S}! {hashtag}"],
    "launch": ["🎉 JEU-CONCOURS «{C}{title}{C}»{S}!", "À gagner{C}: {prize}.", "Pour participer{C}: {mechanics}",
               "Fin le {end}.", "Règlement{C}: {url}", "{hashtag}"],
    "reminder_d3": ["Plus que 3 jours pour tenter de gagner {prize}{S}!", "{mechanics}", "Fin le {end}.",
                    "{hashtag}"],
    "reminder_d1": ["Demain, c’est la fin du jeu «{C}{title}{C}»{S}!", "À gagner{C}: {prize}.",
                    "{mechanics}", "{hashtag}"],
    "last_call": ["⏰ Dernier appel{S}! Le jeu «{C}{title}{C}» se termine à {end_time}.", "{mechanics}",
                  "{hashtag}"],
    "closing": ["C’est terminé{S}! Merci pour vos participations au jeu «{C}{title}{C}».",
                "Tirage au sort le {draw}.", "{hashtag}"],
    "draw": ["Tirage au sort du jeu «{C}{title}{C}» à {draw_time}.",
             "Publiez la graine avec les résultats pour que chacun puisse vérifier le tirage."],
    "announcement": ["🏆 Bravo à {winners}, gagnant·e·s du jeu «{C}{title}{C}»{S}!",
                     "Merci à toutes et à tous pour votre participation.",
                     "Tirage vérifiable{C}: graine {seed}", "Méthode et liste{C}: {url}", "{hashtag}"],
    "event_d7": ["📅 Dans une semaine{C}: {title}, le {date}{place}.", "{url}", "{hashtag}"],
    "event_d1": ["C’est demain{S}! {title}, à {time}{place}.", "{url}", "{hashtag}"],
    "event_day": ["C’est aujourd’hui{S}! {title} commence à {time}{place}.", "{url}", "{hashtag}"],
    "event_thanks": ["Merci à toutes et à tous d’avoir suivi {title}{S}!", "Le replay{C}: {replay_url}",
                     "{hashtag}"],
}
DRAFTS_EN = {
    "teaser": ["Something is coming… 🎁", "On {start_date}, you could win {prize}.", "Stay tuned! {hashtag}"],
    "launch": ["🎉 GIVEAWAY: “{title}”!", "Prize: {prize}.", "How to enter: {mechanics}", "Ends {end}.",
               "Official rules: {url}", "{hashtag}"],
    "reminder_d3": ["Only 3 days left to win {prize}!", "{mechanics}", "Ends {end}.", "{hashtag}"],
    "reminder_d1": ["Tomorrow is the last day of “{title}”!", "Prize: {prize}.", "{mechanics}", "{hashtag}"],
    "last_call": ["⏰ Last call! “{title}” ends at {end_time}.", "{mechanics}", "{hashtag}"],
    "closing": ["That’s a wrap! Thank you for entering “{title}”.", "Winners drawn on {draw}.", "{hashtag}"],
    "draw": ["Draw for “{title}” at {draw_time}.",
             "Publish the seed with the results so anyone can verify the draw."],
    "announcement": ["🏆 Congratulations to {winners}, winner(s) of “{title}”!",
                     "Thank you all for taking part.",
                     "Verifiable draw: seed {seed}", "Method and list: {url}", "{hashtag}"],
    "event_d7": ["📅 One week to go: {title}, on {date}{place}.", "{url}", "{hashtag}"],
    "event_d1": ["Tomorrow! {title}, at {time}{place}.", "{url}", "{hashtag}"],
    "event_day": ["It’s today! {title} starts at {time}{place}.", "{url}", "{hashtag}"],
    "event_thanks": ["Thank you all for joining {title}!", "Watch the replay: {replay_url}", "{hashtag}"],
}


def _draft(kind: str, lang: str, values: dict[str, str]) -> str:
    lines = (DRAFTS_FR if lang == "fr" else DRAFTS_EN)[kind]
    values = {**values, "S": _S, "C": _C, "winners": "{winners}", "seed": "{seed}"}
    kept = []
    for line in lines:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(line) if name]
        if all(values.get(name) or name in _OPTIONAL for name in names):
            kept.append(line.format(**values).strip())
    return "\n".join(line for line in kept if line)


def _title(kind: str, lang: str, subject: str) -> str:
    label = TITLES[kind][0 if lang == "fr" else 1]
    return f"{label} · {subject}" if subject else label


def _hashtag(tag: str) -> str:
    tag = tag.strip()
    return "" if not tag.lstrip("#") else "#" + tag.lstrip("#")


def default_draw_time(end_utc: datetime, tz: str, hour: int = 11) -> datetime:
    """The day after the end, at *hour*:00 local time, as UTC."""
    end_local = require_aware(end_utc, "The end").astimezone(zone(tz))
    return local_at(end_local.date() + timedelta(days=1), hour, 0, tz)


def contest_phases(start_utc: datetime, end_utc: datetime, tz: str, lang: str, *, title: str = "",
                   prize: str = "", mechanics: str = "", hashtag: str = "", url: str = "",
                   draw_at_utc: datetime | None = None, post_hour: int = 9,
                   draw_hour: int = 11) -> list[PhaseSpec]:
    """The contest campaign, in time order, with draft posts in *lang*.

    Teaser D-3 before the start and reminders D-3 and D-1 before the end are at *post_hour*:00
    local; the last call is 3 hours before the end; the draw is the day after the end at
    *draw_hour*:00 local (or *draw_at_utc*); the announcement one hour after the draw. Reminders
    that would fall outside the contest (short contests) are left out. The launch phase lasts
    until the end; the announcement text keeps the placeholders {winners} and {seed}.
    """
    lang = normalize_lang(lang)
    start, end = require_aware(start_utc, "The start"), require_aware(end_utc, "The end")
    if end <= start:
        raise ContestError(_("The contest must end after it starts."))
    tzinfo = zone(tz)
    start_day, end_day = start.astimezone(tzinfo).date(), end.astimezone(tzinfo).date()
    draw_at = require_aware(draw_at_utc, "The draw date") if draw_at_utc else default_draw_time(end, tz, draw_hour)
    last_call = end - timedelta(hours=3)
    values = {
        "title": title.strip(), "prize": prize.strip(), "mechanics": mechanics.strip(),
        "hashtag": _hashtag(hashtag), "url": url.strip(), "start_date": format_date(start_day, lang),
        "end": format_datetime(end, tz, lang), "end_time": format_time(end.astimezone(tzinfo), lang),
        "draw": format_datetime(draw_at, tz, lang), "draw_time": format_time(draw_at.astimezone(tzinfo), lang),
    }
    plan: list[tuple[str, datetime, datetime | None]] = [
        ("teaser", local_at(start_day - timedelta(days=3), post_hour, 0, tz), None),
        ("launch", start, end),
    ]
    for kind, days in (("reminder_d3", 3), ("reminder_d1", 1)):
        moment = local_at(end_day - timedelta(days=days), post_hour, 0, tz)
        if start < moment < min(last_call, end):
            plan.append((kind, moment, None))
    if last_call > start:
        plan.append(("last_call", last_call, None))
    plan += [
        ("closing", end, None),
        ("draw", draw_at, None),
        ("announcement", local_shift(draw_at, timedelta(hours=1), tz), None),
    ]
    plan.sort(key=lambda item: item[1])
    return [PhaseSpec(kind, _title(kind, lang, values["title"]), when, until, _draft(kind, lang, values))
            for kind, when, until in plan]


def phases_for_contest(contest: ContestInput, lang: str) -> list[PhaseSpec]:
    """contest_phases filled from a ContestInput's fields."""
    return contest_phases(contest.start_utc, contest.end_utc, contest.tz, lang, title=contest.title,
                          prize=contest.prize_summary(lang), mechanics=contest.mechanics,
                          hashtag=contest.hashtag, url=contest.rules_url, draw_at_utc=contest.draw_at_utc)


def event_countdown(event_start_utc: datetime, tz: str, lang: str, *, title: str = "", place: str = "",
                    url: str = "", hashtag: str = "", replay_url: str = "",
                    event_end_utc: datetime | None = None, post_hour: int = 9,
                    thanks_hour: int = 11) -> list[PhaseSpec]:
    """Countdown posts for an event: D-7 and D-1 at *post_hour* local, the day itself, thanks & replay.

    The day's post is at *post_hour* local, or one hour before the event when it starts earlier
    than that. Thanks come the day after the event ends, at *thanks_hour* local.
    """
    lang = normalize_lang(lang)
    start = require_aware(event_start_utc, "The event start")
    end = require_aware(event_end_utc, "The event end") if event_end_utc else None
    if end is not None and end <= start:
        raise ContestError(_("The event must end after it starts."))
    tzinfo = zone(tz)
    day = start.astimezone(tzinfo).date()
    last_day = (end or start).astimezone(tzinfo).date()
    where = place.strip()
    values = {
        "title": title.strip() or ("l’événement" if lang == "fr" else "the event"),
        "place": (f", {where}" if where else ""), "url": url.strip(), "hashtag": _hashtag(hashtag),
        "replay_url": replay_url.strip(), "date": format_date(day, lang, weekday=True),
        "time": format_time(start.astimezone(tzinfo), lang),
    }
    day_post = local_at(day, post_hour, 0, tz)
    if day_post > start - timedelta(hours=1):
        day_post = start - timedelta(hours=1)
    plan: list[tuple[str, datetime, datetime | None]] = [
        ("event_d7", local_at(day - timedelta(days=7), post_hour, 0, tz), None),
        ("event_d1", local_at(day - timedelta(days=1), post_hour, 0, tz), None),
        ("event_day", day_post, None),
        ("event_thanks", local_at(last_day + timedelta(days=1), thanks_hour, 0, tz), None),
    ]
    return [PhaseSpec(kind, _title(kind, lang, title.strip()), when, until, _draft(kind, lang, values))
            for kind, when, until in plan]


def shift_phases(phases: list[PhaseSpec], delta: timedelta, tz: str | None = None) -> list[PhaseSpec]:
    """Move every phase by *delta*; with *tz*, in wall-clock terms so 09:00 stays 09:00 across DST."""
    def move(moment: datetime | None) -> datetime | None:
        if moment is None:
            return None
        return local_shift(moment, delta, tz) if tz else moment + delta
    return [replace(p, start=move(p.start), end=move(p.end)) for p in phases]


def fill_announcement(text: str, winners: list[str] | tuple[str, ...], seed_hex: str, lang: str,
                      *, mention_prefix: str = "@") -> str:
    """Replace {winners} (as "@a, @b et @c") and {seed} in an announcement draft after the draw."""
    names = format_list([f"{mention_prefix}{w}" for w in winners], lang)
    return text.replace("{winners}", names).replace("{seed}", seed_hex)
