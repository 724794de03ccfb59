"""Decide which entries may take part in the draw, and say why the others may not.

Each excluded entry carries a reason code and its details; reason_text() turns them into a
French or English sentence for the organizer's report. A rule whose column is missing from the
import (no birthdate column for a minimum age, say) cannot be checked: unchecked_rules() names
those so the organizer knows what was not verified, rather than the rule silently passing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from cmstudio.core.contest_types import COUNTRY_NAMES, NBSP, NNBSP, normalize_lang
from cmstudio.core.entries import Entry, fold_text, normalize_handle
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _


class EligibilityError(UserError, ValueError):
    """The rules themselves are unusable (e.g. a named column that does not exist)."""


@dataclass(frozen=True)
class EligibilityRules:
    """The contest's conditions. Column names left as None are detected from the headers.

    *allowed_countries* takes ISO codes ("FR") or names ("France", "Belgique"); empty means any.
    *age_on* is the day ages are measured (usually the contest's end); None means today (UTC).
    *required_answers* lists accepted answers; one of them must appear in the text column.
    """

    min_age: int | None = None
    age_on: date | None = None
    allowed_countries: tuple[str, ...] = ()
    one_entry_per_person: bool = True
    excluded_handles: tuple[str, ...] = ()
    required_hashtags: tuple[str, ...] = ()
    required_answers: tuple[str, ...] = ()
    birthdate_column: str | None = None
    age_column: str | None = None
    country_column: str | None = None
    text_column: str | None = None


@dataclass(frozen=True)
class Exclusion:
    """An entry left out of the draw, with a reason code and the values behind it."""

    entry: Entry
    code: str
    params: dict[str, str] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The reason as a sentence in *lang*."""
        return reason_text(self.code, lang, **self.params)


REASONS = {
    "excluded_person": ("personne exclue du jeu (organisation ou partenaire)",
                        "person excluded from the contest (staff or partner)"),
    "duplicate": ("participation en double (déjà inscrit ligne {first_line})",
                  "duplicate entry (already entered on line {first_line})"),
    "too_young": ("âge insuffisant{NBSP}: {age}{NBSP}ans, minimum {min_age}{NBSP}ans",
                  "too young: {age}, minimum age {min_age}"),
    "age_unknown": ("âge ou date de naissance manquant ou illisible («{NBSP}{value}{NBSP}»)",
                    "age or birthdate missing or unreadable (“{value}”)"),
    "country_not_allowed": ("pays non autorisé{NBSP}: {value}", "country not allowed: {value}"),
    "country_missing": ("pays non renseigné", "country not given"),
    "missing_hashtag": ("hashtag obligatoire absent{NBSP}: {hashtag}", "required hashtag missing: {hashtag}"),
    "wrong_answer": ("réponse absente ou incorrecte", "answer missing or incorrect"),
    "age_not_checked": ("âge minimum non vérifié{NBSP}: aucune colonne d’âge ou de date de naissance",
                        "minimum age not checked: no age or birthdate column"),
    "country_not_checked": ("pays non vérifié{NBSP}: aucune colonne de pays",
                            "country not checked: no country column"),
    "text_not_checked": ("hashtag ou réponse non vérifié{NBSP}: aucune colonne de commentaire",
                         "hashtag or answer not checked: no comment column"),
}


def reason_text(code: str, lang: str, **params: object) -> str:
    """Sentence for a reason code in French or English; unknown codes are returned as given."""
    texts = REASONS.get(code)
    if texts is None:
        return code
    template = texts[0] if normalize_lang(lang) == "fr" else texts[1]
    return template.format_map(_Params(NBSP=NBSP, NNBSP=NNBSP, **params))


class _Params(dict):
    """Format values where a missing detail shows as "?" instead of raising."""

    def __missing__(self, key: str) -> str:
        return "?"


BIRTHDATE_HEADERS = ("date de naissance", "naissance", "birthdate", "birth date", "date of birth",
                     "birthday", "dob", "ddn", "anniversaire")
AGE_HEADERS = ("age", "âge")
COUNTRY_HEADERS = ("pays", "country", "country code", "code pays", "pays de residence",
                   "country of residence")
TEXT_HEADERS = ("commentaire", "comment", "texte", "text", "message", "reponse", "answer",
                "contenu", "content", "comment text", "texte du commentaire")


def _find_column(columns: list[str], wanted: str | None, candidates: tuple[str, ...]) -> str | None:
    if wanted is not None:
        for column in columns:
            if fold_text(column) == fold_text(wanted):
                return column
        raise EligibilityError(_(
            "There is no column “{wanted}” among: {choices}.",
            wanted=wanted, choices=', '.join(columns),
        ))
    folded = {fold_text(c): c for c in reversed(columns)}
    for candidate in candidates:
        if fold_text(candidate) in folded:
            return folded[fold_text(candidate)]
    return None


def _columns(entries: list[Entry]) -> list[str]:
    seen: dict[str, None] = {}
    for entry in entries:
        seen.update(dict.fromkeys(entry.fields))
    return list(seen)


def _parse_birthdate(value: str, today: date) -> date | None:
    match = re.search(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})", value)
    if not match:
        return None
    a, b, c = match.groups()
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    else:
        day, month, year = int(a), int(b), int(c)
        if month > 12 and day <= 12:
            day, month = month, day
        if len(c) == 2:
            year += 1900 if year > today.year % 100 else 2000
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    return born if born <= today else None


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _country_aliases() -> dict[str, str]:
    aliases = {}
    for code, (fr, _fr_in, en) in COUNTRY_NAMES.items():
        aliases[code.lower()] = code
        aliases[fold_text(fr)] = code
        aliases[fold_text(re.sub(r"^the ", "", en))] = code
    aliases.update({"usa": "US", "uk": "GB", "angleterre": "GB", "england": "GB", "belgie": "BE",
                    "schweiz": "CH", "suisse romande": "CH", "quebec": "CA"})
    return aliases


_ALIASES = _country_aliases()


def country_key(value: str) -> str:
    """ISO code for a country written as a code or a French/English name, else its folded text."""
    folded = fold_text(value)
    return _ALIASES.get(folded, folded)


def _mentions(text: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fold_text(needle))}(?!\w)", fold_text(text)) is not None


def unchecked_rules(entries: list[Entry], rules: EligibilityRules) -> list[str]:
    """Reason codes ("age_not_checked", …) for rules the imported columns cannot verify."""
    columns = _columns(entries)
    codes = []
    if rules.min_age is not None and not (
        _find_column(columns, rules.birthdate_column, BIRTHDATE_HEADERS)
        or _find_column(columns, rules.age_column, AGE_HEADERS)
    ):
        codes.append("age_not_checked")
    if rules.allowed_countries and not _find_column(columns, rules.country_column, COUNTRY_HEADERS):
        codes.append("country_not_checked")
    if (rules.required_hashtags or rules.required_answers) and not _find_column(
        columns, rules.text_column, TEXT_HEADERS
    ):
        codes.append("text_not_checked")
    return codes


def apply_eligibility(entries: list[Entry], rules: EligibilityRules) -> tuple[list[Entry], list[Exclusion]]:
    """Split *entries* into (eligible, excluded); each exclusion gives the first rule broken.

    Rules are checked in this order: excluded people, one entry per person, age, country,
    hashtags, answer. Rules without a matching column are skipped (see unchecked_rules).
    """
    columns = _columns(entries)
    birth_col = _find_column(columns, rules.birthdate_column, BIRTHDATE_HEADERS)
    age_col = _find_column(columns, rules.age_column, AGE_HEADERS)
    country_col = _find_column(columns, rules.country_column, COUNTRY_HEADERS)
    text_col = _find_column(columns, rules.text_column, TEXT_HEADERS)
    today = rules.age_on or datetime.now(UTC).date()
    staff = {normalize_handle(h) for h in rules.excluded_handles} - {""}
    allowed = {country_key(c) for c in rules.allowed_countries}
    hashtags = ["#" + h.strip().lstrip("#") for h in rules.required_hashtags if h.strip().lstrip("#")]

    eligible: list[Entry] = []
    excluded: list[Exclusion] = []
    first_seen: dict[str, int] = {}
    for entry in entries:
        code, params = _check(entry, rules, staff, first_seen, today, birth_col, age_col,
                              country_col, allowed, text_col, hashtags)
        first_seen.setdefault(entry.handle, entry.line)
        if code is None:
            eligible.append(entry)
        else:
            excluded.append(Exclusion(entry, code, params))
    return eligible, excluded


def _check(entry: Entry, rules: EligibilityRules, staff: set[str], first_seen: dict[str, int],
           today: date, birth_col: str | None, age_col: str | None, country_col: str | None,
           allowed: set[str], text_col: str | None, hashtags: list[str]) -> tuple[str | None, dict]:
    if entry.handle in staff:
        return "excluded_person", {}
    if rules.one_entry_per_person and entry.handle in first_seen:
        return "duplicate", {"first_line": str(first_seen[entry.handle])}
    if rules.min_age is not None and (birth_col or age_col):
        raw = entry.fields.get(birth_col, "") if birth_col else entry.fields.get(age_col or "", "")
        if birth_col:
            born = _parse_birthdate(raw, today)
            age = _age(born, today) if born else None
        else:
            digits = re.search(r"\d{1,3}", raw)
            age = int(digits.group()) if digits else None
        if age is None:
            return "age_unknown", {"value": raw}
        if age < rules.min_age:
            return "too_young", {"age": str(age), "min_age": str(rules.min_age)}
    if allowed and country_col:
        value = entry.fields.get(country_col, "").strip()
        if not value:
            return "country_missing", {}
        if country_key(value) not in allowed:
            return "country_not_allowed", {"value": value}
    if text_col and (hashtags or rules.required_answers):
        text = entry.fields.get(text_col, "")
        for hashtag in hashtags:
            if not _mentions(text, hashtag):
                return "missing_hashtag", {"hashtag": hashtag}
        if rules.required_answers and not any(_mentions(text, a) for a in rules.required_answers):
            return "wrong_answer", {}
    return None, {}
