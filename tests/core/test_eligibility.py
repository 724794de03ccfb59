"""Eligibility rules applied to entries imported from a real CSV export."""

from __future__ import annotations

from datetime import date

import pytest

from cmstudio.core.eligibility import (
    EligibilityError,
    EligibilityRules,
    apply_eligibility,
    reason_text,
    unchecked_rules,
)
from cmstudio.core.entries import Entry, import_entries_csv

FORM_EXPORT = (
    "Pseudo;Date de naissance;Pays;Commentaire\r\n"
    "@adulte;15/03/1990;France;Je participe #NoelGourmand la réponse est Lyon\r\n"
    "@mineur;20/06/2012;France;#NoelGourmand Lyon\r\n"
    "@anniv;16/12/2008;Belgique;#noelgourmand LYON\r\n"
    "@veille;17/12/2008;BE;#NoelGourmand lyon\r\n"
    "@suisse;1985-01-01;Suisse;#NoelGourmand Lyon\r\n"
    "@staff;01/01/1980;France;#NoelGourmand Lyon\r\n"
    "@sanshashtag;01/01/1980;France;Lyon !\r\n"
    "@fausse;01/01/1980;France;#NoelGourmand Paris\r\n"
    "@illisible;un jour;France;#NoelGourmand Lyon\r\n"
    "@sanspays;01/01/1980;;#NoelGourmand Lyon\r\n"
    "@accent;02/02/1992;belgique;#NoëlGourmand Lyon\r\n"
).encode("cp1252")

RULES = EligibilityRules(
    min_age=18, age_on=date(2026, 12, 16), allowed_countries=("FR", "Belgique"),
    excluded_handles=("@Staff",), required_hashtags=("NoelGourmand",), required_answers=("Lyon",),
)


def test_rules_on_a_form_export() -> None:
    entries = import_entries_csv(FORM_EXPORT).entries
    eligible, excluded = apply_eligibility(entries, RULES)
    assert [e.handle for e in eligible] == ["adulte", "anniv", "accent"]
    reasons = {x.entry.handle: (x.code, x.params) for x in excluded}
    assert reasons["mineur"] == ("too_young", {"age": "14", "min_age": "18"})
    assert reasons["veille"] == ("too_young", {"age": "17", "min_age": "18"})  # 18 the day after
    assert reasons["suisse"] == ("country_not_allowed", {"value": "Suisse"})
    assert reasons["staff"] == ("excluded_person", {})
    assert reasons["sanshashtag"] == ("missing_hashtag", {"hashtag": "#NoelGourmand"})
    assert reasons["fausse"] == ("wrong_answer", {})
    assert reasons["illisible"] == ("age_unknown", {"value": "un jour"})
    assert reasons["sanspays"] == ("country_missing", {})
    assert len(eligible) + len(excluded) == len(entries)
    assert unchecked_rules(entries, RULES) == []


def test_reason_texts_in_both_languages() -> None:
    entries = import_entries_csv(FORM_EXPORT).entries
    _eligible, excluded = apply_eligibility(entries, RULES)
    young = next(x for x in excluded if x.entry.handle == "mineur")
    assert young.text("fr") == "âge insuffisant\u00a0: 14\u00a0ans, minimum 18\u00a0ans"
    assert young.text("en") == "too young: 14, minimum age 18"
    for exclusion in excluded:
        fr, en = exclusion.text("fr"), exclusion.text("en")
        assert fr and en and fr != en and "{" not in fr + en
    assert reason_text("duplicate", "en") == "duplicate entry (already entered on line ?)"
    assert reason_text("no_such_code", "fr") == "no_such_code"


def test_one_entry_per_person_across_merged_imports() -> None:
    first = import_entries_csv(b"handle,comment\n@ana,x\n@ben,y\n").entries
    second = import_entries_csv(b"handle,comment\n@Ben,z\n@cleo,w\n").entries
    eligible, excluded = apply_eligibility(first + second, EligibilityRules())
    assert [e.handle for e in eligible] == ["ana", "ben", "cleo"]
    assert [(x.entry.handle, x.code, x.params) for x in excluded] == [("ben", "duplicate", {"first_line": "3"})]
    eligible, excluded = apply_eligibility(first + second, EligibilityRules(one_entry_per_person=False))
    assert len(eligible) == 4 and not excluded


def test_rules_without_columns_are_reported_not_silently_passed() -> None:
    entries = [Entry("ana", "@ana", 2, {"Date": "hier"}), Entry("ben", "@ben", 3, {"Date": "hier"})]
    rules = EligibilityRules(min_age=18, allowed_countries=("FR",), required_hashtags=("jeu",))
    eligible, excluded = apply_eligibility(entries, rules)
    assert len(eligible) == 2 and not excluded
    codes = unchecked_rules(entries, rules)
    assert codes == ["age_not_checked", "country_not_checked", "text_not_checked"]
    assert "naissance" in reason_text(codes[0], "fr")


def test_age_column_and_explicit_column_names() -> None:
    entries = [Entry("a", "@a", 2, {"Âge": "17 ans", "Where": "France", "Texte": "ok"}),
               Entry("b", "@b", 3, {"Âge": "21", "Where": "USA", "Texte": "ok"}),
               Entry("c", "@c", 4, {"Âge": "30", "Where": "fr", "Texte": "ok"})]
    rules = EligibilityRules(min_age=18, allowed_countries=("France",), country_column="where")
    eligible, excluded = apply_eligibility(entries, rules)
    assert [e.handle for e in eligible] == ["c"]
    assert [x.code for x in excluded] == ["too_young", "country_not_allowed"]
    with pytest.raises(EligibilityError, match="Pays"):
        apply_eligibility(entries, EligibilityRules(country_column="Pays"))
