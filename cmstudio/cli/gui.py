"""Opening the studio window (the default command)."""

from __future__ import annotations

import argparse


def open_studio(args: argparse.Namespace) -> int:
    from cmstudio.ui.app import run_gui

    return run_gui(args.db, language=args.lang, theme_name=args.theme)
