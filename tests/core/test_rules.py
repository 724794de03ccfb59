"""Rules document, PDFs, locale formatting and GDPR retention dates."""

from __future__ import annotations

import re
import zlib
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from cmstudio.core import draw as d
from cmstudio.core.contest_types import (
    ContestError,
    ContestInput,
    Prize,
    format_date,
    format_datetime,
    format_money,
)
from cmstudio.core.retention import add_months, is_due, retention_date
from cmstudio.core.rules import certificate_pdf, find_fonts, render_rules_markdown, rules_pdf

NB, NNB = "\u00a0", "\u202f"
SEED = bytes(range(100, 132))


def contest(**changes) -> ContestInput:
    fields = dict(
        title="Calendrier de l’Avent", organizer="Les Délices d’Élise", organizer_address="12 rue des Lilas, Lyon",
        contact_email="jeu@delices.example", start_utc=datetime(2026, 12, 1, 8, 0, tzinfo=UTC),
        end_utc=datetime(2026, 12, 15, 22, 59, tzinfo=UTC), tz="Europe/Paris",
        networks=("instagram", "linkedin"),
        prizes=(Prize("Panier gourmand", 2, Decimal("1234.5"), description="produits locaux"),
                Prize("Mug", 3, Decimal("12"))),
        mechanics="Abonnez-vous et commentez.", hashtag="NoelGourmand", countries=("FR", "BE"),
        winners=2, alternates=3, commitment=d.commitment(SEED), rules_url="https://delices.example/reglement",
    )
    fields.update(changes)
    return ContestInput(**fields)


def test_french_rules_document() -> None:
    md = render_rules_markdown(contest(), "fr")
    assert md.startswith(f"# Règlement du jeu-concours «{NB}Calendrier de l’Avent{NB}»\n")
    assert "**Les Délices d’Élise**, 12 rue des Lilas, Lyon" in md
    assert f"du 1er décembre 2026 à 09{NB}h{NB}00 au 15 décembre 2026 à 23{NB}h{NB}59" in md
    assert f"âgée d’au moins 18{NB}ans à la date de participation et résidant en France ou en Belgique" in md
    assert "gratuite et sans obligation d’achat" in md
    assert "Instagram et LinkedIn" in md
    assert f"- 2{NB}×{NB}Panier gourmand — valeur unitaire{NB}: 1{NNB}234,50{NB}€ — produits locaux" in md
    assert f"Valeur totale des dotations{NB}: 2{NNB}505,00{NB}€." in md  # 2 × 1234.50 + 3 × 12
    assert f"Le 16 décembre 2026 à 11{NB}h{NB}00, 2 gagnants et 3 suppléants" in md
    assert f"`{d.commitment(SEED)}`" in md
    assert "cmstudio-hmac-sha256-rank" in md
    assert "conservées jusqu’au 15 juin 2027" in md
    assert "RGPD" in md and "CNIL" in md and "jeu@delices.example" in md
    assert "ni géré par Instagram," in md  # Meta's promotion guidelines; LinkedIn is not Meta
    assert "#NoelGourmand" in md
    assert re.search(r"[^\u00a0\u202f][:;!?]", re.sub(r"https?://\S+|`[^`]*`|HMAC-SHA256\([^)]*\)", "", md)) \
        is None, "French punctuation needs a no-break space before : ; ! ?"


def test_english_rules_document() -> None:
    md = render_rules_markdown(contest(networks=("instagram", "facebook")), "en")
    assert md.startswith("# Official rules: “Calendrier de l’Avent” giveaway\n")
    assert f"from December 1, 2026 at 9:00{NB}AM to December 15, 2026 at 11:59{NB}PM" in md
    assert "aged 18 or over on the day they enter and residing in France or Belgium" in md
    assert "value €1,234.50 each" in md and "Total value of prizes: €2,505.00." in md
    assert "On December 16, 2026 at 11:00\u00a0AM, 2 winners and 3 alternates" in md
    assert "kept until June 15, 2027" in md
    assert "associated with, Instagram or Facebook" in md
    assert "releases Instagram and Facebook" in md
    assert "no purchase is necessary" in md


def test_rules_without_optional_fields() -> None:
    md = render_rules_markdown(
        contest(prizes=(), countries=(), min_age=None, commitment="", contact_email="", networks=(),
                hashtag="", rules_url="", winners=1, alternates=1), "fr")
    assert "Dotations" not in md and "Plateformes" not in md and "Contact" not in md
    assert "ouvert à toute personne physique." in md
    assert "1 gagnant et 1 suppléant sont" in md
    assert "Article 9 – Acceptation" in md
    assert "publie l’empreinte SHA-256 de la graine secrète du tirage (engagement)." in md


def test_contest_validation() -> None:
    with pytest.raises(ContestError, match="end after"):
        contest(end_utc=datetime(2026, 11, 1, tzinfo=UTC))
    with pytest.raises(ContestError, match="time zone"):
        contest(start_utc=datetime(2026, 12, 1))
    with pytest.raises(ContestError, match="time zone"):
        contest(tz="Paris")
    with pytest.raises(ContestError, match="quantity"):
        Prize("Mug", 0)
    with pytest.raises(ContestError, match="not supported"):
        render_rules_markdown(contest(), "de")


def test_locale_formatting() -> None:
    assert format_money(Decimal("1234.5"), "EUR", "fr") == f"1{NNB}234,50{NB}€"
    assert format_money(Decimal("1234.5"), "EUR", "en") == "€1,234.50"
    assert format_money(1234567, "USD", "en") == "$1,234,567.00"
    assert format_money("0.005", "CHF", "fr") == f"0,01{NB}CHF"
    moment = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert format_datetime(moment, "Europe/Paris", "fr") == f"1er décembre 2026 à 09{NB}h{NB}00"
    assert format_datetime(moment, "Europe/Paris", "en") == f"December 1, 2026 at 9:00{NB}AM"
    assert format_datetime(moment, "America/Montreal", "fr-CA") == f"1er décembre 2026 à 03{NB}h{NB}00"
    assert format_date(date(2026, 7, 14), "fr", weekday=True) == "mardi 14 juillet 2026"
    assert format_date(date(2026, 7, 14), "en", weekday=True) == "Tuesday, July 14, 2026"


def pdf_text_streams(data: bytes) -> bytes:
    """Inflate the PDF's compressed streams so their operators can be inspected."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    return b"\n".join(out)


def test_rules_pdf_is_a_real_pdf(tmp_path: Path) -> None:
    path = rules_pdf(render_rules_markdown(contest(), "fr"), tmp_path / "reglement.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 10_000
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2
    assert b"/FontFile2" in data  # an embedded TrueType font, so accents and € print
    assert b"Tj" in pdf_text_streams(data) or b"TJ" in pdf_text_streams(data)


def test_certificate_pdf(tmp_path: Path) -> None:
    handles = [f"participant{i}" for i in range(40)]
    result = d.draw(SEED, handles, winners=2, alternates=3, drawn_at=datetime(2026, 12, 16, 10, tzinfo=UTC))
    for lang in ("fr", "en"):
        path = certificate_pdf(result, contest(), lang, tmp_path / f"certificat-{lang}.pdf")
        data = path.read_bytes()
        assert data.startswith(b"%PDF-") and len(data) > 10_000
    with pytest.raises(ValueError, match="Cannot write"):
        certificate_pdf(result, contest(), "fr", tmp_path / "missing-folder" / "c.pdf")


def test_fonts_are_unicode_truetype() -> None:
    regular, bold, mono = find_fonts()
    for font in (regular, bold, mono):
        assert font.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"true")


def test_retention_dates() -> None:
    end = datetime(2026, 8, 31, 21, 59, tzinfo=UTC)  # 31 August 23:59 in Paris (CEST)
    assert add_months(datetime(2026, 8, 31), 1) == datetime(2026, 9, 30)
    assert add_months(datetime(2027, 1, 31), 1) == datetime(2027, 2, 28)
    assert add_months(datetime(2026, 11, 15), 3) == datetime(2027, 2, 15)
    local = retention_date(end, 6, tz="Europe/Paris")
    # 28 February 2027 23:59 in Paris is winter time (UTC+1): 22:59 UTC.
    assert local == datetime(2027, 2, 28, 22, 59, tzinfo=UTC)
    assert retention_date(end, 6) == datetime(2027, 2, 28, 21, 59, tzinfo=UTC)
    assert not is_due(end, 6, now=datetime(2027, 2, 28, 22, 58, tzinfo=UTC), tz="Europe/Paris")
    assert is_due(end, 6, now=datetime(2027, 2, 28, 22, 59, tzinfo=UTC), tz="Europe/Paris")
    with pytest.raises(ContestError):
        retention_date(end, 0)
