"""Translating the core's own messages (errors, CLI output) without Qt.

Core code writes `_("English message {name}", name=...)`; the French catalogue lives in
`core/data/messages_fr.json`. The language follows `CMSTUDIO_LANG`, then the system locale,
and the GUI sets it to its own UI language at start-up. A test checks every `_()` has French.
"""

from __future__ import annotations

import json
import locale
import os
from functools import cache
from pathlib import Path
from typing import Any

CATALOGUE_DIR = Path(__file__).parent / "data"
_language: str | None = None


def _system_language() -> str:
    for variable in ("CMSTUDIO_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    code = (locale.getlocale()[0] or "").lower()
    return "fr" if code.startswith("fr") else "en"


def set_language(language: str) -> None:
    global _language
    _language = language if language in ("fr", "en") else None


def language() -> str:
    return _language or _system_language()


@cache
def catalogue(lang: str) -> dict[str, str]:
    path = CATALOGUE_DIR / f"messages_{lang}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _(message: str, /, **values: Any) -> str:
    text = catalogue(language()).get(message, message) if language() != "en" else message
    return text.format(**values) if values else text


def translate(message: str, lang: str, /, **values: Any) -> str:
    """The same, for an explicit language (documents written in a contest's or workspace's language)."""
    text = catalogue(lang).get(message, message) if lang != "en" else message
    return text.format(**values) if values else text
