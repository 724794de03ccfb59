"""Article commands: `spellcheck` (unknown words of a Markdown file) and `export` (an article as a file)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

SPELL_LANGUAGES = ("fr", "en", "de", "es", "it", "pt", "nl")
MAX_SUGGESTIONS = 5
# Front matter values that are prose and are checked; other keys (dates, slugs, URLs) are not.
_PROSE_KEYS = re.compile(r"^(\s*(?:title|description|excerpt|summary)\s*[:=]\s*)(.*)$", re.I)
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*\r?$", re.S | re.M)


def register(sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    spell = sub.add_parser("spellcheck", help="list the unknown words of a Markdown file as JSON")
    spell.add_argument("file", metavar="FILE")
    spell.add_argument("--lang", choices=SPELL_LANGUAGES, default=None,
                       help="language of the text (default: the front matter's, else the interface's)")
    spell.set_defaults(handler=run_spellcheck)

    export = sub.add_parser("export", help="export an article as Markdown with front matter, or as HTML")
    add_db(export)
    export.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    export.add_argument("--format", required=True, choices=["md", "html"],
                        help="md: Markdown with Hugo/Jekyll front matter; html: a standalone, sanitized page")
    export.add_argument("--out", metavar="FILE", default=None,
                        help="file to write (default: standard output)")
    export.set_defaults(handler=run_export)


# ---------------------------------------------------------------- spellcheck


def mask_front_matter(text: str) -> tuple[str, str | None]:
    """``text`` with its front matter blanked except prose values (title, description…), and its
    language. Offsets are unchanged: every masked character becomes a space, line breaks stay."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, None
    block = match.group(0)
    lines = block.split("\n")
    kept: list[str] = []
    for number, line in enumerate(lines):
        prose = _PROSE_KEYS.match(line) if 0 < number < len(lines) - 1 else None
        if prose:
            kept.append(" " * len(prose.group(1)) + prose.group(2))
        else:
            kept.append(re.sub(r"[^\r]", " ", line))
    return "\n".join(kept) + text[match.end():], _front_matter_language(text)


def _front_matter_language(text: str) -> str | None:
    from cmstudio.core.frontmatter import FrontMatterError, parse_markdown

    try:
        lang = parse_markdown(text).lang
    except FrontMatterError:
        return None
    return (lang or "").replace("_", "-").split("-")[0].lower() or None


def run_spellcheck(args: argparse.Namespace) -> int:
    from cmstudio.cli.variants_cli import write_json
    from cmstudio.core.articles import read_markdown_text
    from cmstudio.core.i18n import language
    from cmstudio.core.spell import check_text

    text = read_markdown_text(Path(args.file))
    checked, declared = mask_front_matter(text)
    lang = args.lang or (declared if declared in SPELL_LANGUAGES else language())
    found = [{"word": m.word, "offset": m.start, "suggestions": m.suggestions_fn()[:MAX_SUGGESTIONS]}
             for m in check_text(checked, lang)]
    write_json(found)
    return 0


# ---------------------------------------------------------------- export


def run_export(args: argparse.Namespace) -> int:
    from cmstudio.core.articles import ExportOptions, export_html, export_markdown
    from cmstudio.core.db import open_database
    from cmstudio.core.models import Article

    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.exists():
        raise UserError(_("The folder {path} does not exist.", path=out.parent))
    if out is not None and out.is_dir():
        raise UserError(_("{path} is a folder: give a file name to --out.", path=out))
    db = open_database(args.db)
    try:
        with db.session() as session:
            if session.get(Article, args.article_id) is None:
                raise UserError(_("There is no article #{id} in this workspace.", id=args.article_id))
            if args.format == "md":
                document = export_markdown(session, args.article_id)
            else:
                document = export_html(session, args.article_id, ExportOptions(media_dir=db.media_dir))
    finally:
        db.close()
    data = document.encode("utf-8")
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UserError(_("Cannot write {path} ({error}).", path=out, error=exc.strerror or exc)) from exc
    print(_("Wrote {path}", path=out), file=sys.stderr)
    return 0


__all__ = ["mask_front_matter", "register"]
