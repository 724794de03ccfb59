"""The contest rules document (règlement) and the draw certificate, in Markdown and PDF.

The rules are generated from the contest's fields in French or English so that dates, prizes,
eligibility and the verifiable-draw commitment are stated once, consistently. They are a sound
starting point, not legal advice: the organizer reviews them before publishing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from cmstudio.core.contest_types import (
    NBSP,
    NNBSP,
    ContestInput,
    country_in,
    format_date,
    format_datetime,
    format_list,
    format_money,
    network_name,
    normalize_lang,
    zone,
)
from cmstudio.core.draw import ALGORITHM, VERIFY_SNIPPET, VERSION, DrawResult, commitment, seed_from_hex
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.phases import default_draw_time
from cmstudio.core.retention import retention_date

# Meta asks promotions on its platforms to state they are not sponsored, endorsed or administered
# by it: Instagram Promotion Guidelines (https://help.instagram.com/179379842258600) and Facebook
# Pages, Groups and Events Policies (https://www.facebook.com/policies_center/pages_groups_events).
META_NETWORKS = {"facebook": "Facebook", "instagram": "Instagram", "threads": "Threads"}

FR = {
    "title": "# Règlement du jeu-concours «{C}{title}{C}»",
    "h_org": "## Article 1 – Organisateur",
    "org": "Le jeu-concours «{C}{title}{C}» (ci-après «{C}le Jeu{C}») est organisé par **{organizer}**{address}"
           " (ci-après «{C}l’Organisateur{C}»).",
    "contact": "Contact{C}: {email}.",
    "h_dates": "## Article 2 – Durée",
    "dates": "Le Jeu se déroule du {start} au {end} (fuseau horaire {tz}). Seules les participations reçues "
             "pendant cette période sont prises en compte.",
    "h_who": "## Article 3 – Conditions de participation",
    "free": "La participation est gratuite et sans obligation d’achat.",
    "who": "Le Jeu est ouvert à toute personne physique{conditions}.",
    "age": "âgée d’au moins {min_age}{C}ans à la date de participation",
    "countries": "résidant {names}",
    "one": "Une seule participation par personne est prise en compte{S}; les participations en double "
           "sont écartées.",
    "staff": "Les membres de l’Organisateur et les personnes ayant participé à l’organisation du Jeu ne "
             "peuvent pas participer.",
    "h_how": "## Article 4 – Modalités de participation",
    "where": "Le Jeu se déroule sur {networks}.",
    "hashtag": "La participation doit comporter le hashtag {hashtag}.",
    "h_prizes": "## Article 5 – Dotations",
    "prizes_intro": "Le Jeu est doté des lots suivants{C}:",
    "unit_value": "valeur unitaire{C}: {value}",
    "total": "Valeur totale des dotations{C}: {total}.",
    "prizes_note": "Les lots ne peuvent être ni échangés, ni remboursés, ni convertis en argent. "
                   "En cas de force majeure, l’Organisateur peut les remplacer par des lots de valeur "
                   "équivalente.",
    "h_draw": "## Article 6 – Tirage au sort",
    "draw": "Le {draw}, {winners} gagnant{wp} et {alternates} suppléant{ap} sont désignés par tirage au "
            "sort parmi les participations éligibles, selon une méthode vérifiable par chacun "
            "(algorithme {algorithm}, version {version}).",
    "commit": "Avant l’ouverture du Jeu, l’Organisateur publie l’empreinte SHA-256 de la graine secrète "
              "du tirage (engagement){C}:",
    "commit_later": "Avant l’ouverture du Jeu, l’Organisateur publie l’empreinte SHA-256 de la graine "
                    "secrète du tirage (engagement).",
    "method": "Chaque participation est classée selon HMAC-SHA256(clé{C}= graine, message{C}= pseudo). "
              "Les plus petites valeurs désignent les gagnants, puis les suppléants dans l’ordre. Après le "
              "tirage, l’Organisateur publie la graine, la liste des participations retenues et son "
              "empreinte{S}: chacun peut vérifier que la graine correspond à l’engagement et refaire le "
              "classement.",
    "h_win": "## Article 7 – Annonce des gagnants et remise des lots",
    "win": "Les gagnants sont annoncés publiquement et contactés par message privé sur le réseau où ils "
           "ont participé. Ils disposent de {days}{C}jours pour répondre{S}; à défaut, le lot est attribué "
           "au premier suppléant disponible. L’Organisateur ne demande jamais de paiement ni de "
           "coordonnées bancaires.",
    "h_data": "## Article 8 – Données personnelles",
    "data": "Les données des participants (pseudo, contenu de la participation et, pour les gagnants, "
            "coordonnées de livraison) sont traitées par l’Organisateur, responsable de traitement, dans le "
            "seul but de gérer le Jeu. Elles sont conservées jusqu’au {retention} puis supprimées.",
    "rights": "Conformément au Règlement général sur la protection des données (RGPD, articles 15 à 21), "
              "chaque participant dispose d’un droit d’accès, de rectification, d’effacement, de limitation, "
              "d’opposition et de portabilité{contact}. Il peut introduire une réclamation auprès de la CNIL "
              "(www.cnil.fr).",
    "rights_contact": ", à exercer auprès de {email}",
    "h_platform": "## Article 9 – Plateformes",
    "platform": "Le Jeu n’est ni organisé, ni parrainé, ni géré par {platforms_or}, et n’y est pas associé. "
                "Chaque participant dégage {platforms_and} de toute responsabilité liée au Jeu.",
    "h_accept": "## Article {n} – Acceptation du règlement",
    "accept": "La participation au Jeu implique l’acceptation pleine et entière du présent règlement.",
    "url": "Le règlement est consultable à l’adresse{C}: {url}",
}

EN = {
    "title": "# Official rules: “{title}” giveaway",
    "h_org": "## 1. Organizer",
    "org": "The “{title}” giveaway (the “Giveaway”) is organized by **{organizer}**{address} "
           "(the “Organizer”).",
    "contact": "Contact: {email}.",
    "h_dates": "## 2. Dates",
    "dates": "The Giveaway runs from {start} to {end} ({tz} time). Only entries received during this "
             "period are taken into account.",
    "h_who": "## 3. Eligibility",
    "free": "Entry is free; no purchase is necessary.",
    "who": "The Giveaway is open to individuals{conditions}.",
    "age": "aged {min_age} or over on the day they enter",
    "countries": "residing in {names}",
    "one": "Only one entry per person is counted; duplicate entries are disregarded.",
    "staff": "The Organizer’s staff and anyone involved in running the Giveaway may not enter.",
    "h_how": "## 4. How to enter",
    "where": "The Giveaway takes place on {networks}.",
    "hashtag": "Entries must include the hashtag {hashtag}.",
    "h_prizes": "## 5. Prizes",
    "prizes_intro": "The following prizes are offered:",
    "unit_value": "value {value} each",
    "total": "Total value of prizes: {total}.",
    "prizes_note": "Prizes cannot be exchanged, refunded or converted into cash. In case of force majeure "
                   "the Organizer may replace them with prizes of equal value.",
    "h_draw": "## 6. Draw",
    "draw": "On {draw}, {winners} winner{wp} and {alternates} alternate{ap} will be drawn at random from the "
            "eligible entries, using a method anyone can verify (algorithm {algorithm}, version {version}).",
    "commit": "Before the Giveaway opens, the Organizer publishes the SHA-256 hash of the secret draw "
              "seed (commitment):",
    "commit_later": "Before the Giveaway opens, the Organizer publishes the SHA-256 hash of the secret "
                    "draw seed (commitment).",
    "method": "Each entry is ranked by HMAC-SHA256(key = seed, message = handle). The lowest values are "
              "the winners, then the alternates in order. After the draw, the Organizer publishes the "
              "seed, the list of eligible entries and its fingerprint: anyone can check that the seed "
              "matches the commitment and recompute the ranking.",
    "h_win": "## 7. Winners and prize delivery",
    "win": "Winners are announced publicly and contacted by direct message on the network where they "
           "entered. They have {days} days to reply; otherwise the prize goes to the first available "
           "alternate. The Organizer will never ask for a payment or bank details.",
    "h_data": "## 8. Personal data",
    "data": "Entrants’ data (handle, entry content and, for winners, delivery details) is processed by "
            "the Organizer, as data controller, only to run the Giveaway. It is kept until {retention} "
            "and then deleted.",
    "rights": "Under the General Data Protection Regulation (GDPR, articles 15 to 21), every entrant has "
              "the right of access, rectification, erasure, restriction, objection and portability"
              "{contact}. They may lodge a complaint with their data protection authority (in France, "
              "the CNIL, www.cnil.fr).",
    "rights_contact": ", which they can exercise by writing to {email}",
    "h_platform": "## 9. Platforms",
    "platform": "This Giveaway is in no way sponsored, endorsed or administered by, or associated with, "
                "{platforms_or}. Each entrant releases {platforms_and} from any liability related to it.",
    "h_accept": "## {n}. Acceptance of the rules",
    "accept": "Entering the Giveaway means accepting these rules in full.",
    "url": "These rules are available at: {url}",
}


def _t(lang: str, key: str, **values: object) -> str:
    return (FR if lang == "fr" else EN)[key].format(C=NBSP, S=NNBSP, **values)


def _prize_lines(contest: ContestInput, lang: str) -> list[str]:
    lines = [_t(lang, "prizes_intro"), ""]
    totals: dict[str, Decimal] = {}
    for prize in contest.prizes:
        parts = [f"{prize.quantity}{NBSP}×{NBSP}{prize.name}"]
        if prize.value is not None:
            parts.append(_t(lang, "unit_value", value=format_money(prize.value, prize.currency, lang)))
            totals[prize.currency] = totals.get(prize.currency, Decimal(0)) + prize.value * prize.quantity
        if prize.description.strip():
            parts.append(prize.description.strip())
        lines.append("- " + " — ".join(parts))
    if totals:
        total = format_list([format_money(v, c, lang) for c, v in totals.items()], lang)
        lines += ["", _t(lang, "total", total=total)]
    return lines + ["", _t(lang, "prizes_note")]


def render_rules_markdown(contest: ContestInput, lang: str) -> str:
    """The rules document in Markdown, in French or English, filled from *contest*."""
    lang = normalize_lang(lang)
    tz = contest.tz
    c = contest
    draw_at = c.draw_at_utc or default_draw_time(c.end_utc, tz)
    address = f", {c.organizer_address.strip()}" if c.organizer_address.strip() else ""
    out = [_t(lang, "title", title=c.title.strip()), "", _t(lang, "h_org"), "",
           _t(lang, "org", title=c.title.strip(), organizer=c.organizer.strip(), address=address)]
    if c.contact_email.strip():
        out += ["", _t(lang, "contact", email=c.contact_email.strip())]
    out += ["", _t(lang, "h_dates"), "",
            _t(lang, "dates", start=format_datetime(c.start_utc, tz, lang),
               end=format_datetime(c.end_utc, tz, lang), tz=zone(tz).key)]
    conditions = [_t(lang, "age", min_age=c.min_age)] if c.min_age else []
    if c.countries:
        names = format_list([country_in(code, lang) for code in c.countries], lang, alternative=True)
        conditions.append(_t(lang, "countries", names=names))
    who = _t(lang, "who", conditions="".join(" " + x for x in [format_list(conditions, lang)] if x))
    out += ["", _t(lang, "h_who"), "", _t(lang, "free"), "", who]
    if c.eligibility_notes.strip():
        out += ["", c.eligibility_notes.strip()]
    out += ["", _t(lang, "one"), "", _t(lang, "staff"), "", _t(lang, "h_how"), ""]
    if c.networks:
        out += [_t(lang, "where", networks=format_list([network_name(n) for n in c.networks], lang)), ""]
    if c.mechanics.strip():
        out += [c.mechanics.strip(), ""]
    if c.hashtag.strip().lstrip("#"):
        out += [_t(lang, "hashtag", hashtag="#" + c.hashtag.strip().lstrip("#")), ""]
    if c.prizes:
        out += [_t(lang, "h_prizes"), "", *_prize_lines(c, lang), ""]
    out += [_t(lang, "h_draw"), "",
            _t(lang, "draw", draw=format_datetime(draw_at, tz, lang), winners=c.winners,
               wp="s" if c.winners > 1 else "", alternates=c.alternates,
               ap="s" if c.alternates > 1 else "", algorithm=ALGORITHM, version=VERSION), ""]
    if c.commitment.strip():
        out += [_t(lang, "commit"), "", f"`{c.commitment.strip().lower()}`", ""]
    else:
        out += [_t(lang, "commit_later"), ""]
    retention = retention_date(c.end_utc, c.retention_months, tz).astimezone(zone(tz)).date()
    contact = _t(lang, "rights_contact", email=c.contact_email.strip()) if c.contact_email.strip() else ""
    out += [_t(lang, "method"), "", _t(lang, "h_win"), "", _t(lang, "win", days=c.claim_days), "",
            _t(lang, "h_data"), "", _t(lang, "data", retention=format_date(retention, lang)), "",
            _t(lang, "rights", contact=contact), ""]
    platforms = [META_NETWORKS[n.lower()] for n in c.networks if n.lower() in META_NETWORKS]
    article = 9
    if platforms:
        text = _t(lang, "platform", platforms_or=format_list(platforms, lang, alternative=True),
                  platforms_and=format_list(platforms, lang))
        out += [_t(lang, "h_platform"), "", text, ""]
        article = 10
    out += [_t(lang, "h_accept", n=article), "", _t(lang, "accept")]
    if c.rules_url.strip():
        out += ["", _t(lang, "url", url=c.rules_url.strip())]
    return "\n".join(out).rstrip() + "\n"


class RulesError(UserError, ValueError):
    """A document cannot be produced; the message says why."""


_FONT_CANDIDATES = (
    # (regular, bold, monospace): the copy shipped with the studio first, then system fonts.
    (Path(__file__).parent / "data" / "fonts", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"),
    (Path("/usr/share/fonts/truetype/dejavu"), "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"),
    (Path("C:/Windows/Fonts"), "arial.ttf", "arialbd.ttf", "consola.ttf"),
    (Path("/System/Library/Fonts/Supplemental"), "Arial.ttf", "Arial Bold.ttf", "Courier New.ttf"),
)


def find_fonts() -> tuple[Path, Path, Path]:
    """Paths of a Unicode TrueType family (regular, bold, mono) able to print French text and €."""
    for folder, regular, bold, mono in _FONT_CANDIDATES:
        if (folder / regular).is_file():
            paths = [folder / name if (folder / name).is_file() else folder / regular
                     for name in (regular, bold, mono)]
            return paths[0], paths[1], paths[2]
    raise RulesError(_("No Unicode font was found to write the PDF; reinstall CM Studio."))


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("body", size=8)
        self.cell(0, 6, f"{self.page_no()}/{{nb}}", align="C")


class MarkdownPdf:
    """A small A4 writer for the Markdown this module produces: headings, paragraphs, lists, code."""

    def __init__(self) -> None:
        regular, bold, mono = find_fonts()
        self.pdf = _Pdf(format="A4")
        self.pdf.set_margins(20, 18, 20)
        self.pdf.set_auto_page_break(True, margin=20)
        self.pdf.add_font("body", "", str(regular))
        self.pdf.add_font("body", "B", str(bold))
        self.pdf.add_font("mono", "", str(mono))
        self.pdf.add_page()

    def _keep_with_next(self, space: float) -> None:
        if self.pdf.get_y() + space > self.pdf.h - self.pdf.b_margin:
            self.pdf.add_page()

    def heading(self, text: str, level: int = 1) -> None:
        """A title (level 1) or section heading (levels 2 and 3)."""
        size = {1: 17, 2: 12.5}.get(level, 11)
        self._keep_with_next(30)
        self.pdf.ln(2 if level == 1 else 4)
        self.pdf.set_font("body", "B", size)
        self.pdf.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(2)

    def paragraph(self, text: str, *, markdown: bool = False, keep_next: float = 0) -> None:
        """Justified body text; with *markdown*, **bold** is honoured and other markers kept literal.

        *keep_next* reserves that much room after the paragraph on the same page (an intro line
        stays with the code block it introduces).
        """
        self.pdf.set_font("body", "", 10)
        if markdown:
            text = re.sub(r"`([^`]*)`", r"\1", text)
            for marker in ("__", "~~", "--"):
                text = text.replace(marker, "\\" + marker)
        if keep_next:
            height = self.pdf.multi_cell(0, 5.2, text, markdown=markdown, dry_run=True, output="HEIGHT")
            self._keep_with_next(height + keep_next)
        self.pdf.multi_cell(0, 5.2, text, markdown=markdown, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(1.5)

    def bullet(self, text: str, mark: str = "•") -> None:
        """One list item with a hanging indent."""
        self.pdf.set_font("body", "", 10)
        self.pdf.cell(7, 5.2, mark)
        self.pdf.multi_cell(0, 5.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(0.8)

    def numbered(self, items: list[str]) -> None:
        """A numbered list (winners, alternates): the number is the rank."""
        for index, item in enumerate(items, start=1):
            self.bullet(item, f"{index}.")

    def field(self, label: str, value: str, *, mono: bool = False) -> None:
        """A bold label followed by its value on the next line (hexadecimal values in monospace)."""
        self._keep_with_next(14)
        self.pdf.set_font("body", "B", 9.5)
        self.pdf.multi_cell(0, 5, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.set_font("mono" if mono else "body", "", 9 if mono else 10)
        self.pdf.multi_cell(0, 5.2, value, wrapmode="CHAR", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(1.5)

    def code(self, text: str) -> None:
        """Monospaced block on a light background, line breaks kept."""
        self.pdf.set_font("mono", "", 8.5)
        self.pdf.set_fill_color(242, 242, 242)
        self.pdf.multi_cell(0, 4.4, text.rstrip("\n"), fill=True, wrapmode="CHAR", align="L",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(2)

    def render_markdown(self, markdown_text: str) -> None:
        """Lay out "#" headings, "- " items, lines in backticks as code, other lines as paragraphs."""
        lines: list[str] = []
        source = [raw.strip() for raw in markdown_text.splitlines()]

        def flush(index: int = len(source)) -> None:
            if lines:
                following = next((x for x in source[index:] if x), "")
                keep = 12 if following.startswith("`") else 0
                self.paragraph(" ".join(lines), markdown=True, keep_next=keep)
                lines.clear()

        for index, line in enumerate(source):
            if line.startswith("#"):
                flush()
                level = len(line) - len(line.lstrip("#"))
                self.heading(line.lstrip("#").strip(), level)
            elif line.startswith(("- ", "* ")):
                flush()
                self.bullet(line[2:].strip())
            elif len(line) > 1 and line.startswith("`") and line.endswith("`"):
                flush()
                self.code(line.strip("`"))
            elif line:
                lines.append(line)
            else:
                flush(index)
        flush()

    def save(self, path: str | Path) -> Path:
        """Write the PDF file; RulesError if the folder cannot be written."""
        target = Path(path)
        try:
            self.pdf.output(str(target))
        except OSError as exc:
            raise RulesError(_(
                "Cannot write the PDF to {target}: {reason}.",
                target=target, reason=exc.strerror or exc,
            )) from exc
        return target


def rules_pdf(markdown_text: str, path: str | Path) -> Path:
    """Write the rules (Markdown from render_rules_markdown) as a PDF at *path*."""
    doc = MarkdownPdf()
    doc.render_markdown(markdown_text)
    return doc.save(path)


CERT = {
    "fr": {
        "title": "Certificat de tirage au sort", "contest": "Jeu-concours", "organizer": "Organisateur",
        "date": "Date du tirage", "algorithm": "Algorithme", "entries": "Participations retenues",
        "fingerprint": "Empreinte de la liste (SHA-256)", "commitment": "Engagement publié (SHA-256 de la graine)",
        "seed": "Graine du tirage", "winners": "Gagnants", "alternates": "Suppléants (dans l’ordre)",
        "none": "aucun", "check_ok": "Vérification{C}: SHA-256(graine) correspond à l’engagement.",
        "check_bad": "ATTENTION{C}: SHA-256(graine) ne correspond PAS à l’engagement.",
        "rules_ok": "L’engagement est identique à celui publié dans le règlement.",
        "rules_bad": "ATTENTION{C}: l’engagement diffère de celui publié dans le règlement ({published}).",
        "cli": "Ou, avec CM Studio, depuis le dossier de la liste publiée{C}:",
        "how": "Comment vérifier", "how_text":
            "Enregistrez la liste publiée (un pseudo par ligne, UTF-8) dans entries.txt et le programme "
            "ci-dessous dans verify_draw.py, puis lancez{C}: python verify_draw.py GRAINE entries.txt. "
            "Il affiche l’engagement, l’empreinte et le classement{S}: les premiers sont les gagnants, "
            "les suivants les suppléants.",
    },
    "en": {
        "title": "Draw certificate", "contest": "Giveaway", "organizer": "Organizer", "date": "Draw date",
        "algorithm": "Algorithm", "entries": "Eligible entries", "fingerprint": "List fingerprint (SHA-256)",
        "commitment": "Published commitment (SHA-256 of the seed)", "seed": "Draw seed",
        "winners": "Winners", "alternates": "Alternates (in order)", "none": "none",
        "check_ok": "Check: SHA-256(seed) matches the commitment.",
        "check_bad": "WARNING: SHA-256(seed) does NOT match the commitment.",
        "rules_ok": "The commitment is the one published in the rules.",
        "rules_bad": "WARNING: the commitment differs from the one published in the rules ({published}).",
        "cli": "Or, with CM Studio, from the folder of the published list:",
        "how": "How to verify", "how_text":
            "Save the published list (one handle per line, UTF-8) as entries.txt and the program below as "
            "verify_draw.py, then run: python verify_draw.py SEED entries.txt. It prints the commitment, "
            "the fingerprint and the ranking: the first ones are the winners, the next ones the alternates.",
    },
}


def certificate_pdf(result: DrawResult, contest: ContestInput, lang: str, path: str | Path, *,
                    verify_command: str = "") -> Path:
    """Write the draw certificate: seed, commitment, fingerprint, algorithm, winners, how to verify.

    *verify_command* (a `cmstudio contest verify …` line) is printed after the standalone program.
    """
    lang = normalize_lang(lang)
    t = {k: v.replace("{C}", NBSP).replace("{S}", NNBSP) for k, v in CERT[lang].items()}
    try:
        seed_ok = commitment(seed_from_hex(result.seed_hex)) == result.commitment.lower()
    except ValueError:
        seed_ok = False
    doc = MarkdownPdf()
    doc.heading(t["title"], 1)
    doc.field(t["contest"], contest.title)
    doc.field(t["organizer"], contest.organizer)
    when = f"{format_datetime(result.drawn_at, contest.tz, lang)} ({contest.tz}) — " \
           f"{result.drawn_at.strftime('%Y-%m-%dT%H:%M:%SZ')}"
    doc.field(t["date"], when)
    doc.field(t["algorithm"], f"{result.algorithm}, version {result.version}")
    doc.field(t["entries"], str(result.entry_count))
    doc.field(t["fingerprint"], result.fingerprint, mono=True)
    doc.field(t["commitment"], result.commitment, mono=True)
    doc.field(t["seed"], result.seed_hex, mono=True)
    doc.paragraph(t["check_ok"] if seed_ok else t["check_bad"])
    if contest.commitment.strip():
        same = contest.commitment.strip().lower() == result.commitment.lower()
        doc.paragraph(t["rules_ok"] if same else t["rules_bad"].format(published=contest.commitment.strip()))
    for key, names in (("winners", result.winners), ("alternates", result.alternates)):
        doc.heading(t[key], 2)
        doc.numbered(list(names) or [t["none"]])
    doc.heading(t["how"], 2)
    doc.paragraph(t["how_text"])
    doc.code(VERIFY_SNIPPET)
    if verify_command.strip():
        doc.paragraph(t["cli"])
        doc.code(verify_command.strip())
    return doc.save(path)
