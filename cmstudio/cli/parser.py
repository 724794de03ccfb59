"""The argument parser: one subcommand per module in `cmstudio.cli`, each importing its work lazily."""

from __future__ import annotations

import argparse
from typing import NoReturn


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one sentence raised to `main` (exit status 2, no usage dump)."""

    def error(self, message: str) -> NoReturn:
        from cmstudio.cli import CliUsageError
        from cmstudio.core.i18n import _

        raise CliUsageError(_("{message}. Try “cmstudio --help”.", message=f"{message[0].upper()}{message[1:]}"))


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help="database URL or SQLite file (default: the workspace in your user data folder)")


def build_parser(version: str) -> Parser:
    parser = Parser(prog="cmstudio", description="CM Studio: write once, publish everywhere, exactly.")
    parser.add_argument("--version", action="version", version=f"cmstudio {version}")
    _add_db(parser)
    parser.add_argument("--lang", choices=["system", "fr", "en"], default=None, help="user interface language")
    parser.add_argument("--theme", choices=["system", "light", "dark"], default=None, help="colour theme")
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    from cmstudio.cli import basics

    basics.register(sub, _add_db)
    for name in ("agenda", "contests", "publishing", "variants_cli", "articles_cli", "backup_cli"):
        try:
            module = __import__(f"cmstudio.cli.{name}", fromlist=["register"])
        except ImportError:
            continue
        module.register(sub, _add_db)
    return parser
