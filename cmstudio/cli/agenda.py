"""Calendar commands: `agenda` (list what is scheduled) and `export-ics` (the same as iCalendar)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cmstudio.core.errors import UserError


def register(sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    agenda = sub.add_parser("agenda", help="list the scheduled items (articles, posts, phases, events)")
    add_db(agenda)
    _add_range(agenda)
    agenda.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    agenda.set_defaults(handler=run_agenda)

    export = sub.add_parser("export-ics", help="export the calendar as an iCalendar (.ics) file")
    add_db(export)
    _add_range(export)
    export.add_argument(
        "--out", metavar="FILE", default=None, help="file to write (default: standard output)"
    )
    export.add_argument(
        "--lang",
        choices=["fr", "en"],
        default=None,
        help="language of the event descriptions (default: the workspace's)",
    )
    export.set_defaults(handler=run_export_ics)


def _add_range(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        default=None,
        help="first day (YYYY-MM-DD) or instant (ISO 8601) to include",
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        default=None,
        help="last day to include (YYYY-MM-DD, inclusive) or instant (ISO 8601, exclusive)",
    )
    parser.add_argument(
        "--workspace",
        type=int,
        default=None,
        metavar="ID",
        help="only this workspace (default: all; dates are read in the first one's time zone)",
    )


def _bound(text: str | None, tz: str, *, end: bool) -> datetime | None:
    from cmstudio.core.timezones import parse_user_date, parse_user_datetime

    if text is None:
        return None
    value = parse_user_date(text)
    if end and not isinstance(value, datetime):
        return parse_user_datetime((value + timedelta(days=1)).isoformat(), tz)
    return parse_user_datetime(text, tz)


def _context(session: Any, args: argparse.Namespace) -> tuple[str, str, datetime | None, datetime | None]:
    """The time zone and language to use, and the UTC range asked for."""
    from cmstudio.core.models import Workspace
    from cmstudio.core.workspaces import default_workspace

    if args.workspace is not None:
        workspace = session.get(Workspace, args.workspace)
        if workspace is None:
            raise UserError(f"There is no workspace #{args.workspace}; see the ids with “cmstudio agenda”.")
    else:
        workspace = default_workspace(session)
    tz = workspace.timezone if workspace else "UTC"
    lang = workspace.language if workspace and workspace.language in ("fr", "en") else "fr"
    start, finish = _bound(args.date_from, tz, end=False), _bound(args.date_to, tz, end=True)
    if start is not None and finish is not None and finish <= start:
        raise UserError(f"The period ends ({args.date_to}) before it starts ({args.date_from}).")
    return tz, lang, start, finish


def entry_json(entry: Any, tz: str) -> dict[str, Any]:
    """One item as the `agenda --json` object: times in ISO 8601 with the workspace's UTC offset."""
    from cmstudio.core.timezones import to_local

    def stamp(value: datetime | None) -> str | None:
        if value is None:
            return None
        if entry.all_day:
            return value.date().isoformat()
        return to_local(value, tz).isoformat()

    return {
        "id": entry.id,
        "kind": entry.kind,
        "title": entry.title,
        "start": stamp(entry.start),
        "end": stamp(entry.end),
        "network": entry.network,
        "status": entry.status,
        "account_id": entry.account_id,
        "campaign": entry.campaign,
        "all_day": entry.all_day,
        "read_only": entry.read_only,
    }


def run_agenda(args: argparse.Namespace) -> int:
    from cmstudio.core.agenda import agenda_entries
    from cmstudio.core.db import open_database

    db = open_database(args.db)
    try:
        with db.session() as session:
            tz, _lang, start, finish = _context(session, args)
            entries = agenda_entries(session, args.workspace, start, finish)
    finally:
        db.close()
    rows = [entry_json(e, tz) for e in entries]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print_table(rows)
    return 0


def _print_table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        print("Nothing scheduled in this period.")
        return
    lines = []
    for row in rows:
        start = str(row["start"])
        when = start if len(start) == 10 else start[:16].replace("T", " ")
        lines.append((when, row["kind"], row["network"] or "", row["status"], row["title"]))
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    for line in lines:
        print(
            "  ".join(part.ljust(width) for part, width in zip(line[:4], widths, strict=True))
            + "  "
            + line[4]
        )
    print(f"{len(rows)} item{'s' if len(rows) != 1 else ''}.")


def run_export_ics(args: argparse.Namespace) -> int:
    from cmstudio.core.agenda_services import export_calendar
    from cmstudio.core.db import open_database

    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.exists():
        raise UserError(f"The folder {out.parent} does not exist.")
    db = open_database(args.db)
    try:
        with db.session() as session:
            _tz, lang, start, finish = _context(session, args)
            data = export_calendar(session, args.workspace, start, finish, lang=args.lang or lang)
    finally:
        db.close()
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UserError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    print(f"Wrote {out}", file=sys.stderr)
    return 0


__all__ = ["entry_json", "register"]
