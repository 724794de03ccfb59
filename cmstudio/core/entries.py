"""Import contest entries from a CSV export or a pasted list of handles.

Community managers get entries from many places: Excel in French (semicolons, Windows-1252),
comment-export tools (commas or tabs, UTF-8 with or without BOM), or a list copied from a post.
This module turns any of them into one clean list of people: handles normalized, duplicates
removed (first kept), unreadable rows reported by line number instead of aborting the import.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from cmstudio.core.contest_types import normalize_lang
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _


class EntriesError(UserError, ValueError):
    """The file or text cannot be imported at all; the message says why."""


class HandleColumnNotFound(EntriesError):
    """No column looks like a handle column: the caller should ask the user to pick one."""

    def __init__(self, columns: list[str]) -> None:
        self.columns = list(columns)
        listed = ", ".join(f"“{c}”" for c in self.columns)
        super().__init__(
            "Could not tell which column holds the participants' handles. "
            f"Choose one of these columns: {listed}."
        )


@dataclass
class Entry:
    """One person taking part: *handle* is normalized, *display* is as written in the source."""

    handle: str
    display: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportResult:
    """What an import produced; *errors* lists (line number, message) for rows left out."""

    entries: list[Entry]
    duplicates: int
    errors: list[tuple[int, str]]
    columns: list[str]
    handle_column: str | None
    encoding: str
    delimiter: str
    duplicate_lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def handles(self) -> list[str]:
        """The normalized handles, in file order."""
        return [e.handle for e in self.entries]


MAX_HANDLE_LENGTH = 100
MAX_RECORD_LINES = 200
DELIMITERS = (";", ",", "\t", "|")

_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_URL_PREFIXES = {"profile", "in", "u", "user", "users", "c", "channel", "people", "pg"}
_URL_RE = re.compile(r"^(?:https?://|www\.)|^[a-z0-9-]+(?:\.[a-z0-9-]+)+/", re.IGNORECASE)

_MESSAGES = {
    "unreadable": ("ligne illisible ({detail})", "unreadable line ({detail})"),
    "unclosed": ("guillemet ouvert jamais fermé", "a quotation mark is opened but never closed"),
    "too_many": ("{count} colonnes au lieu de {expected}", "{count} columns instead of {expected}"),
    "no_handle": ("pas de pseudo dans la colonne «{NBSP}{column}{NBSP}»",
                  "no handle in column “{column}”"),
    "too_long": ("«{NBSP}{value}…{NBSP}» est trop long pour un pseudo",
                 "“{value}…” is too long to be a handle"),
}


def _message(key: str, lang: str, **params: object) -> str:
    fr, en = _MESSAGES[key]
    return (fr if lang == "fr" else en).format(NBSP="\u00a0", **params)


def fold_text(text: str) -> str:
    """Case- and accent-insensitive form used to compare headers, countries and answers."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = re.sub(r"[’'_\-.:]+", " ", bare)
    return re.sub(r"\s+", " ", bare).strip()


def normalize_handle(raw: str) -> str:
    """Normalize a handle so the same person is always written the same way.

    Trims spaces and invisible marks, reduces a profile URL to its account name
    (https://instagram.com/name/ → name, https://bsky.app/profile/a.b → a.b), drops a leading @,
    then case-folds and applies NFC. An empty string means nothing usable was given.
    """
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    text = "".join(c for c in text if unicodedata.category(c) != "Cc" or c in " \t")
    text = text.strip()
    if _URL_RE.search(text) and " " not in text:
        text = _handle_from_url(text)
    text = text.lstrip("@").strip()
    text = re.sub(r"\s+", " ", text)
    return unicodedata.normalize("NFC", text.casefold())


def _handle_from_url(url: str) -> str:
    parts = urlsplit(url if "://" in url else f"https://{url}")
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0].lower() == "profile.php":
        ids = parse_qs(parts.query).get("id")
        return ids[0] if ids else ""
    while segments and segments[0].lower() in _URL_PREFIXES and len(segments) > 1:
        segments.pop(0)
    return segments[0] if segments else ""


HANDLE_HEADERS = (
    "pseudo", "handle", "username", "user name", "nom d utilisateur", "utilisateur", "compte",
    "account", "@", "pseudonyme", "identifiant", "screen name", "screenname", "login", "user",
    "profil", "profile", "profile url", "url du profil", "lien du profil", "author", "auteur",
    "participant",
)


def detect_handle_column(columns: list[str]) -> str | None:
    """The column whose header names a handle (exact header first, then a header containing one)."""
    folded = [fold_text(c) for c in columns]
    for keyword in HANDLE_HEADERS:
        for column, header in zip(columns, folded, strict=True):
            if header == keyword:
                return column
    for keyword in HANDLE_HEADERS:
        pattern = re.compile(r"@" if keyword == "@" else rf"\b{re.escape(keyword)}\b")
        for column, header in zip(columns, folded, strict=True):
            if pattern.search(header):
                return column
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file and name the encoding found: UTF-16 (BOM), UTF-8, then Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise EntriesError(_("The file says it is UTF-16 but cannot be read as such.")) from exc
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _physical_lines(text: str) -> list[str]:
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def _quote_open(record: str, delimiter: str) -> bool:
    """Whether *record* ends inside a quoted field, with the csv module's rules for '"'."""
    in_quotes, at_start, i = False, True, 0
    while i < len(record):
        char = record[i]
        if in_quotes:
            if char == '"':
                if record[i + 1 : i + 2] == '"':
                    i += 1
                else:
                    in_quotes = False
        else:
            if char == '"' and at_start:
                in_quotes = True
            at_start = char == delimiter or char in "\r\n"
        i += 1
    return in_quotes


def _records(lines: list[str], first: int, delimiter: str, lang: str, errors: list[tuple[int, str]]):
    """Yield (first line number, cells) per record, joining lines of quoted multi-line fields.

    Blank lines yield no record. A record that cannot be parsed is reported on its first line;
    when it spanned several lines (a stray quote swallowing the next rows), reading resumes on
    the line after it, so one bad quote costs one row, not the rest of the file.
    """
    i = first
    while i < len(lines):
        start, record = i, lines[i]
        i += 1
        while _quote_open(record, delimiter) and i < len(lines) and i - start < MAX_RECORD_LINES:
            record += lines[i]
            i += 1
        if not record.strip():
            continue
        if _quote_open(record, delimiter):
            errors.append((start + 1, _message("unclosed", lang)))
            i = start + 1
            continue
        try:
            cells = _parse(record, delimiter)
        except csv.Error as exc:
            key, detail = ("unclosed", "") if i - start > 1 else ("unreadable", str(exc))
            errors.append((start + 1, _message(key, lang, detail=detail)))
            i = start + 1
            continue
        yield start + 1, cells


def _detect_delimiter(sample: str, header: str) -> str:
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        delimiter = ""
    if delimiter in DELIMITERS and delimiter in header:
        return delimiter
    counts = {d: header.count(d) for d in DELIMITERS[:3]}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _parse(record: str, delimiter: str) -> list[str]:
    reader = csv.reader([record], delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    return next(reader, [])


def _clean_cell(cell: str) -> str:
    return re.sub(r"\r\n?", "\n", cell).strip()


def _unique_columns(header: list[str]) -> list[str]:
    columns: list[str] = []
    for index, name in enumerate(header, start=1):
        name = name.strip() or f"column {index}"
        base, n = name, 2
        while name in columns:
            name, n = f"{base} ({n})", n + 1
        columns.append(name)
    return columns


def _pick_column(columns: list[str], handle_column: str | None) -> str:
    if handle_column is None:
        found = detect_handle_column(columns)
        if found is None:
            raise HandleColumnNotFound(columns)
        return found
    for column in columns:
        if column == handle_column or fold_text(column) == fold_text(handle_column):
            return column
    listed = ", ".join(f"“{c}”" for c in columns)
    raise EntriesError(_(
        "There is no column “{handle_column}” in this file. Columns: {listed}.",
        handle_column=handle_column, listed=listed,
    ))


def _looks_like_handle(cell: str) -> bool:
    cell = cell.strip()
    if fold_text(cell) in HANDLE_HEADERS or any(c.isspace() for c in cell):
        return False
    return (cell.startswith("@") and len(cell) > 1) or bool(_URL_RE.search(cell))


class _Collector:
    """Accumulates entries, dropping duplicate people (first kept)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.entries: list[Entry] = []
        self.errors: list[tuple[int, str]] = []
        self.duplicate_lines: list[tuple[int, str]] = []
        self._seen: set[str] = set()

    def add(self, raw: str, line: int, fields: dict[str, str], column: str) -> None:
        handle = normalize_handle(raw)
        if not handle:
            self.errors.append((line, _message("no_handle", self.lang, column=column)))
        elif len(handle) > MAX_HANDLE_LENGTH:
            self.errors.append((line, _message("too_long", self.lang, value=raw.strip()[:30])))
        elif handle in self._seen:
            self.duplicate_lines.append((line, handle))
        else:
            self._seen.add(handle)
            self.entries.append(Entry(handle, raw.strip(), line, fields))

    def result(self, columns: list[str], handle_column: str | None, encoding: str, delimiter: str):
        self.errors.sort(key=lambda e: e[0])
        return ImportResult(self.entries, len(self.duplicate_lines), self.errors, columns,
                            handle_column, encoding, delimiter, self.duplicate_lines)


def import_entries_csv(data: bytes, *, handle_column: str | None = None, lang: str = "en") -> ImportResult:
    """Read a CSV export of entries; *handle_column* overrides the detected handle column.

    The first non-blank line is the header. Raises HandleColumnNotFound (with .columns) when no
    header names a handle, EntriesError when the file is empty or its header unreadable. Row
    messages in ImportResult.errors are written in *lang*.
    """
    lang = normalize_lang(lang)
    text, encoding = decode_bytes(data)
    lines = _physical_lines(text)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise EntriesError(_("The file is empty: there is no header and no entry."))
    header_line = lines[first]
    delimiter = _detect_delimiter("".join(lines[first : first + 30]), header_line)
    collector = _Collector(lang)
    records = _records(lines, first, delimiter, lang, collector.errors)
    header_no, header = next(records, (0, []))
    if header_no != first + 1:
        raise EntriesError(_(
            "The first line (column names) cannot be read: {problem}.",
            problem=collector.errors[0][1],
        ))
    columns = _unique_columns(header)
    if handle_column is None and len(columns) == 1 and _looks_like_handle(header[0]):
        # A single column whose first cell is already a handle: a list without a header.
        collector.add(header[0], header_no, {}, columns[0])
        columns, chosen = [], None
    else:
        chosen = _pick_column(columns, handle_column)
    index = columns.index(chosen) if chosen is not None else 0
    for line, row in records:
        if not any(cell.strip() for cell in row):
            continue
        if columns and len(row) > len(columns):
            if any(cell.strip() for cell in row[len(columns):]):
                collector.errors.append(
                    (line, _message("too_many", lang, count=len(row), expected=len(columns))))
                continue
            row = row[: len(columns)]
        row += [""] * (max(len(columns), 1) - len(row))
        fields = {c: _clean_cell(row[i]) for i, c in enumerate(columns) if i != index}
        collector.add(row[index], line, fields, chosen or "1")
    return collector.result(columns, chosen, encoding, delimiter if columns else "")


def import_pasted_handles(text: str, *, lang: str = "en") -> ImportResult:
    """Read handles pasted as text: one per line, or separated by commas, semicolons or tabs.

    "@a @b" on one line is two handles; "Marie Dupont" (no @) stays one name, as Facebook shows it.
    """
    lang = normalize_lang(lang)
    collector = _Collector(lang)
    for number, line in enumerate(_physical_lines(text), start=1):
        for piece in re.split(r"[,;\t]", line):
            piece = piece.strip()
            if not piece:
                continue
            tokens = piece.split()
            if len(tokens) > 1 and all(t.startswith("@") for t in tokens):
                for token in tokens:
                    collector.add(token, number, {}, "1")
            else:
                collector.add(piece, number, {}, "1")
    return collector.result([], None, "text", "")
