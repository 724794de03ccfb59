"""Contest data shared by the rules document, phases and certificate, plus locale formatting.

The contest core needs dates, money and lists written the way a French or English reader
expects, without depending on a locale database (Babel is not a dependency). The few patterns
needed are written out here once so the rules, posts and certificates all agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

NBSP = "\u00a0"
"""No-break space: French puts it before « : » and inside « guillemets »."""
NNBSP = "\u202f"
"""Narrow no-break space: French puts it before ; ! ? and between thousands."""

SUPPORTED_LANGS = ("fr", "en")


class ContestError(UserError, ValueError):
    """A contest's data cannot be used as given; the message says what to fix."""


def normalize_lang(lang: str) -> str:
    """Return "fr" or "en" for tags such as "fr", "fr-FR", "en_GB"; refuse other languages."""
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    if code not in SUPPORTED_LANGS:
        raise ContestError(_("Language {lang!r} is not supported; use 'fr' or 'en'.", lang=lang))
    return code


def zone(tz: str) -> ZoneInfo:
    """The IANA time zone named *tz*, or a ContestError naming it."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ContestError(_(
            "Unknown time zone {tz!r}; use an IANA name such as 'Europe/Paris'.",
            tz=tz,
        )) from exc


def require_aware(value: datetime, what: str) -> datetime:
    """Return *value* in UTC; a naive datetime is refused because its instant is ambiguous."""
    if not isinstance(value, datetime):
        raise ContestError(_(
            "{what} must be a date and time, got {type_name}.",
            what=what, type_name=type(value).__name__,
        ))
    if value.tzinfo is None or value.utcoffset() is None:
        raise ContestError(_("{what} has no time zone; give it in UTC (tzinfo=timezone.utc).", what=what))
    return value.astimezone(ZoneInfo("UTC"))


@dataclass(frozen=True)
class Prize:
    """One prize line of a contest: *quantity* identical items worth *value* each."""

    name: str
    quantity: int = 1
    value: Decimal | None = None
    currency: str = "EUR"
    description: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ContestError(_("A prize needs a name."))
        if self.quantity < 1:
            raise ContestError(_("Prize {name!r}: the quantity must be at least 1.", name=self.name))
        if self.value is not None:
            try:
                value = Decimal(str(self.value))
            except InvalidOperation as exc:
                raise ContestError(_(
                    "Prize {name!r}: {value!r} is not an amount.",
                    name=self.name, value=self.value,
                )) from exc
            if value < 0:
                raise ContestError(_("Prize {name!r}: the value cannot be negative.", name=self.name))
            object.__setattr__(self, "value", value)


@dataclass(frozen=True)
class ContestInput:
    """Everything the rules document, the phase drafts and the certificate say about a contest.

    Datetimes are aware and stored in UTC; *tz* is the IANA zone in which dates are shown.
    *countries* holds ISO 3166-1 alpha-2 codes (empty: no restriction). *commitment* is the
    SHA-256 of the draw seed, published in the rules before entries open (see draw.py).
    """

    title: str
    organizer: str
    start_utc: datetime
    end_utc: datetime
    tz: str = "Europe/Paris"
    organizer_address: str = ""
    contact_email: str = ""
    networks: tuple[str, ...] = ()
    prizes: tuple[Prize, ...] = ()
    mechanics: str = ""
    hashtag: str = ""
    min_age: int | None = 18
    countries: tuple[str, ...] = ()
    eligibility_notes: str = ""
    winners: int = 1
    alternates: int = 2
    claim_days: int = 7
    draw_at_utc: datetime | None = None
    commitment: str = ""
    retention_months: int = 6
    rules_url: str = ""

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ContestError(_("The contest needs a title."))
        if not self.organizer.strip():
            raise ContestError(_("The contest needs an organizer (person or company name)."))
        object.__setattr__(self, "start_utc", require_aware(self.start_utc, "The start"))
        object.__setattr__(self, "end_utc", require_aware(self.end_utc, "The end"))
        if self.end_utc <= self.start_utc:
            raise ContestError(_("The contest must end after it starts."))
        if self.draw_at_utc is not None:
            draw_at = require_aware(self.draw_at_utc, "The draw date")
            if draw_at < self.end_utc:
                raise ContestError(_("The draw cannot take place before the contest ends."))
            object.__setattr__(self, "draw_at_utc", draw_at)
        zone(self.tz)
        if self.winners < 1:
            raise ContestError(_("A contest needs at least one winner."))
        if self.alternates < 0 or self.claim_days < 1 or self.retention_months < 1:
            raise ContestError(_(
                "Alternates cannot be negative; claim and retention periods must be positive.",
            ))
        if self.min_age is not None and not 0 < self.min_age < 130:
            raise ContestError(_("Minimum age {age} is not plausible.", age=self.min_age))
        object.__setattr__(self, "networks", tuple(self.networks))
        object.__setattr__(self, "prizes", tuple(self.prizes))
        object.__setattr__(self, "countries", tuple(c.strip().upper() for c in self.countries))

    def prize_summary(self, lang: str) -> str:
        """A short phrase naming the prizes, e.g. "2 × Mug, Tote bag", for post drafts."""
        parts = [f"{p.quantity}{NBSP}×{NBSP}{p.name}" if p.quantity > 1 else p.name for p in self.prizes]
        return format_list(parts, lang)


FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
FR_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_date(day: date, lang: str, *, weekday: bool = False) -> str:
    """"1er décembre 2026" (French ordinal for the first) or "December 1, 2026"."""
    lang = normalize_lang(lang)
    if lang == "fr":
        num = "1er" if day.day == 1 else str(day.day)
        text = f"{num} {FR_MONTHS[day.month - 1]} {day.year}"
        return f"{FR_WEEKDAYS[day.weekday()]} {text}" if weekday else text
    text = f"{EN_MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{EN_WEEKDAYS[day.weekday()]}, {text}" if weekday else text


def format_time(moment: datetime, lang: str) -> str:
    """"09 h 00" in French, "9:00 AM" in English."""
    if normalize_lang(lang) == "fr":
        return f"{moment.hour:02d}{NBSP}h{NBSP}{moment.minute:02d}"
    hour12 = moment.hour % 12 or 12
    return f"{hour12}:{moment.minute:02d}{NBSP}{'AM' if moment.hour < 12 else 'PM'}"


def format_datetime(moment_utc: datetime, tz: str, lang: str, *, weekday: bool = False) -> str:
    """Show a UTC instant as wall-clock time in *tz*: "1er décembre 2026 à 09 h 00"."""
    local = require_aware(moment_utc, "The date").astimezone(zone(tz))
    link = "à" if normalize_lang(lang) == "fr" else "at"
    return f"{format_date(local.date(), lang, weekday=weekday)} {link} {format_time(local, lang)}"


CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF", "CAD": "$", "JPY": "¥"}


def format_money(value: Decimal | int | float | str, currency: str, lang: str) -> str:
    """"1 234,50 €" (narrow no-break thousands) in French, "€1,234.50" in English."""
    lang = normalize_lang(lang)
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise ContestError(_("{value!r} is not an amount of money.", value=value)) from exc
    code = currency.upper()
    symbol = CURRENCY_SYMBOLS.get(code, code)
    negative = amount < 0
    units, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    sign = "-" if negative else ""
    if lang == "fr":
        return f"{sign}{NNBSP.join(groups)},{cents}{NBSP}{symbol}"
    number = f"{','.join(groups)}.{cents}"
    if len(symbol) > 1:
        return f"{sign}{symbol}{NBSP}{number}"
    return f"{sign}{symbol}{number}"


def format_list(items: list[str] | tuple[str, ...], lang: str, *, alternative: bool = False) -> str:
    """"a, b et c" / "a, b and c" ("ou"/"or" with *alternative*); an empty list gives ""."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    fr = normalize_lang(lang) == "fr"
    conj = (" ou " if fr else " or ") if alternative else (" et " if fr else " and ")
    return ", ".join(items[:-1]) + conj + items[-1]


NETWORK_NAMES = {
    "x": "X (Twitter)", "twitter": "X (Twitter)", "bluesky": "Bluesky", "mastodon": "Mastodon",
    "threads": "Threads", "linkedin": "LinkedIn", "facebook": "Facebook", "instagram": "Instagram",
    "pinterest": "Pinterest", "telegram": "Telegram", "discord": "Discord", "tiktok": "TikTok",
    "youtube": "YouTube",
}


def network_name(network: str) -> str:
    """Display name of a network id ("linkedin" → "LinkedIn"); unknown ids are shown as given."""
    return NETWORK_NAMES.get(network.strip().lower(), network.strip())


COUNTRY_NAMES = {
    # code: (French name, French "in …" phrase, English name)
    "FR": ("France", "en France", "France"), "BE": ("Belgique", "en Belgique", "Belgium"),
    "CH": ("Suisse", "en Suisse", "Switzerland"), "LU": ("Luxembourg", "au Luxembourg", "Luxembourg"),
    "MC": ("Monaco", "à Monaco", "Monaco"), "CA": ("Canada", "au Canada", "Canada"),
    "DE": ("Allemagne", "en Allemagne", "Germany"), "ES": ("Espagne", "en Espagne", "Spain"),
    "IT": ("Italie", "en Italie", "Italy"), "GB": ("Royaume-Uni", "au Royaume-Uni", "the United Kingdom"),
    "US": ("États-Unis", "aux États-Unis", "the United States"),
    "NL": ("Pays-Bas", "aux Pays-Bas", "the Netherlands"), "PT": ("Portugal", "au Portugal", "Portugal"),
    "MA": ("Maroc", "au Maroc", "Morocco"), "TN": ("Tunisie", "en Tunisie", "Tunisia"),
    "SN": ("Sénégal", "au Sénégal", "Senegal"), "CI": ("Côte d’Ivoire", "en Côte d’Ivoire", "Côte d’Ivoire"),
    "DZ": ("Algérie", "en Algérie", "Algeria"),
}


def country_name(code: str, lang: str) -> str:
    """Country name in French or English ("Belgique" / "Belgium"); unknown codes as given."""
    names = COUNTRY_NAMES.get(code.upper())
    if names is None:
        return code.upper()
    return names[0] if normalize_lang(lang) == "fr" else names[2]


def country_in(code: str, lang: str) -> str:
    """Where someone lives: "en France", "au Canada" / "France", "Canada" (after "in")."""
    names = COUNTRY_NAMES.get(code.upper())
    if normalize_lang(lang) == "en":
        return names[2] if names else code.upper()
    return names[1] if names else f"en/au {code.upper()}"


def local_at(day: date, hour: int, minute: int, tz: str) -> datetime:
    """The UTC instant at which the wall clock in *tz* shows *day* *hour*:*minute*.

    Used so that a phase planned "at 11:00" stays at 11:00 local time on both sides of a
    daylight-saving change (fold=0: the first occurrence when a time repeats in autumn).
    """
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone(tz))
    return local.astimezone(ZoneInfo("UTC"))


def local_shift(moment_utc: datetime, delta: timedelta, tz: str) -> datetime:
    """Shift an instant by *delta* in wall-clock terms of *tz* (09:00 stays 09:00 across DST)."""
    tzinfo = zone(tz)
    local = require_aware(moment_utc, "The date").astimezone(tzinfo).replace(tzinfo=None) + delta
    return local.replace(tzinfo=tzinfo).astimezone(ZoneInfo("UTC"))
