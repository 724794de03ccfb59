"""`cmstudio contest draw|verify`: a verifiable draw from a file of entries, without the GUI.

`draw` reads entries as the studio does (CSV from Excel or other tools, or a plain list of
handles), ranks them with draw.py's documented algorithm and prints the result; `verify`
recomputes a published draw from the seed and the same file and says whether it matches.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _, language


def register(sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    contest = sub.add_parser("contest", help="run or check a verifiable contest draw from a file of entries")
    actions = contest.add_subparsers(dest="contest_command", metavar="ACTION", parser_class=type(contest))
    actions.required = True

    run = actions.add_parser("draw", help="draw winners and alternates from a file of entries")
    _entries_args(run)
    run.add_argument("--winners", type=int, required=True, metavar="N", help="number of winners")
    run.add_argument(
        "--alternates", type=int, default=0, metavar="M", help="number of alternates (default 0)"
    )
    run.add_argument(
        "--seed", metavar="HEX", help="a 32-byte seed in hexadecimal (default: a fresh secret seed)"
    )
    run.set_defaults(handler=run_draw)

    check = actions.add_parser("verify", help="recompute a draw and check its winners and alternates")
    _entries_args(check)
    check.add_argument("--seed", required=True, metavar="HEX", help="the seed revealed with the results")
    check.add_argument(
        "--winners", required=True, metavar="H1,H2,...", help="the announced winners, in order"
    )
    check.add_argument(
        "--alternates", default="", metavar="H4,...", help="the announced alternates, in order"
    )
    check.set_defaults(handler=run_verify)


def _entries_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--entries",
        required=True,
        metavar="FILE.csv",
        help="CSV export of the entries, or a list of handles (one per line)",
    )
    parser.add_argument("--column", metavar="NAME", help="the column holding the handles (default: detected)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _read(path_text: str, column: str | None) -> Any:
    from cmstudio.core.contests_draw_service import read_entries
    from cmstudio.core.entries import EntriesError, HandleColumnNotFound

    path = Path(path_text)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UserError(_("The file {path} does not exist.", path=path)) from exc
    except OSError as exc:
        raise UserError(
            _("The file {path} cannot be read ({error}).", path=path, error=exc.strerror)
        ) from exc
    if not data.strip():
        raise UserError(_("The file {path} is empty: there are no entries to draw from.", path=path))
    try:
        result = read_entries(data, handle_column=column, lang=language())
    except HandleColumnNotFound as exc:
        raise UserError(
            _(
                "Could not tell which column of {path} holds the handles; choose one with "
                "--column among: {columns}.",
                path=path,
                columns=", ".join(exc.columns),
            )
        ) from exc
    except EntriesError as exc:
        raise UserError(str(exc)) from exc
    if not result.entries:
        raise UserError(_("{path} contains no readable entry.", path=path))
    return result


def _seed(text: str) -> bytes:
    from cmstudio.core.draw import DrawError, seed_from_hex

    try:
        return seed_from_hex(text)
    except DrawError as exc:
        raise UserError(
            _(
                "The seed must be 64 hexadecimal digits (32 bytes), like the one printed by "
                "“cmstudio contest draw”."
            )
        ) from exc


def _handles(text: str) -> list[str]:
    from cmstudio.core.entries import normalize_handle

    return [normalize_handle(h) for h in text.split(",") if normalize_handle(h)]


def _compute(result: Any, seed: bytes, winners: int, alternates: int) -> dict[str, Any]:
    from cmstudio.core.draw import ALGORITHM, VERSION, DrawError, commitment, draw, entries_fingerprint

    handles = result.handles
    if winners < 1:
        raise UserError(_("--winners must be at least 1."))
    if alternates < 0:
        raise UserError(_("--alternates cannot be negative."))
    if len(handles) < winners:
        raise UserError(
            _(
                "There are {count} eligible entries, fewer than the {winners} winners asked for.",
                count=len(handles),
                winners=winners,
            )
        )
    try:
        drawn = draw(seed, handles, winners, alternates)
    except DrawError as exc:
        raise UserError(str(exc)) from exc
    return {
        "seed": seed.hex(),
        "commitment": commitment(seed),
        "entries_fingerprint": entries_fingerprint(handles),
        "algorithm": ALGORITHM,
        "algorithm_version": VERSION,
        "eligible": len(handles),
        "duplicates_removed": result.duplicates,
        "rejected_rows": [line for line, _msg in result.errors],
        "winners": list(drawn.winners),
        "alternates": list(drawn.alternates),
    }


def _print_summary(report: dict[str, Any], result: Any) -> None:
    print(
        _(
            "Algorithm: {algorithm} (version {version})",
            algorithm=report["algorithm"],
            version=report["algorithm_version"],
        )
    )
    print(
        _(
            "Eligible entries: {count} (duplicates removed: {duplicates})",
            count=report["eligible"],
            duplicates=report["duplicates_removed"],
        )
    )
    for line, message in result.errors:
        print(_("Line {line} not read: {message}", line=line, message=message), file=sys.stderr)
    print(_("Entries fingerprint: {value}", value=report["entries_fingerprint"]))
    print(_("Seed: {value}", value=report["seed"]))
    print(_("Commitment: {value}", value=report["commitment"]))


def run_draw(args: argparse.Namespace) -> int:
    from cmstudio.core.draw import new_seed

    seed = _seed(args.seed) if args.seed is not None else new_seed()
    result = _read(args.entries, args.column)
    report = _compute(result, seed, args.winners, args.alternates)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    _print_summary(report, result)
    for rank, handle in enumerate(report["winners"], start=1):
        print(_("Winner {rank}: {handle}", rank=rank, handle=handle))
    for rank, handle in enumerate(report["alternates"], start=1):
        print(_("Alternate {rank}: {handle}", rank=rank, handle=handle))
    if args.seed is None:
        print(
            _(
                "Keep this seed: it is the proof of the draw. Anyone can check the result with "
                "“cmstudio contest verify”."
            )
        )
    return 0


def _differences(kind: str, expected: list[str], computed: list[str]) -> list[str]:
    label = _("Winner") if kind == "winners" else _("Alternate")
    out = []
    for rank in range(max(len(expected), len(computed))):
        want = expected[rank] if rank < len(expected) else None
        got = computed[rank] if rank < len(computed) else None
        if want != got:
            out.append(
                _(
                    "{label} {rank}: announced {announced}, recomputed {recomputed}",
                    label=label,
                    rank=rank + 1,
                    announced=want or _("(none)"),
                    recomputed=got or _("(none)"),
                )
            )
    return out


def run_verify(args: argparse.Namespace) -> int:
    seed = _seed(args.seed)
    winners, alternates = _handles(args.winners), _handles(args.alternates)
    if not winners:
        raise UserError(_("--winners needs at least one handle, separated by commas."))
    result = _read(args.entries, args.column)
    report = _compute(result, seed, len(winners), len(alternates))
    differences = _differences("winners", winners, report["winners"]) + _differences(
        "alternates", alternates, report["alternates"]
    )
    identical = not differences
    if args.json:
        report.update(
            {
                "identical": identical,
                "announced_winners": winners,
                "announced_alternates": alternates,
                "differences": differences,
            }
        )
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0 if identical else 1
    _print_summary(report, result)
    if identical:
        print(_("Verified: this seed and this list give exactly the announced winners and alternates."))
        return 0
    print(_("NOT verified: the draw recomputed from this seed and this list differs."))
    for line in differences:
        print("  " + line)
    return 1
