"""The command line: `cmstudio` opens the studio; subcommands call core services, never widgets.

Errors a user can fix print one sentence on stderr and exit with status 2; anything else is
logged with its traceback and reported in one sentence that points to the log file.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from cmstudio import __version__
from cmstudio.cli.parser import build_parser
from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _
from cmstudio.core.logs import setup_logging

log = logging.getLogger("cmstudio.cli")


class CliUsageError(UserError):
    """Bad arguments on the command line."""


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(__version__)
    try:
        args = parser.parse_args(args_list)
    except CliUsageError as exc:
        print(f"cmstudio: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    log_path = setup_logging()
    if getattr(args, "lang", None) in ("fr", "en"):
        from cmstudio.core.i18n import set_language

        set_language(args.lang)
    try:
        handler = getattr(args, "handler", None)
        if handler is None:
            from cmstudio.cli.gui import open_studio

            return open_studio(args)
        return int(handler(args) or 0)
    except UserError as exc:
        log.info("user error: %s", exc)
        print(f"cmstudio: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`cmstudio agenda | head`): not an error; silence the final flush.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("cmstudio: " + _("Interrupted."), file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: log it, say it in one sentence
        log.exception("unexpected error")
        print("cmstudio: " + _("Something went wrong ({error}). The details are in {log}.",
                               error=exc.__class__.__name__, log=log_path), file=sys.stderr)
        return 1


__all__ = ["CliUsageError", "argparse", "main"]
