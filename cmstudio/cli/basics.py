"""Foundation commands: `demo` and `snapshot`."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

VIEWS = ("articles", "editor", "variants", "calendar", "contests", "publishing", "settings")


def register(sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    demo = sub.add_parser("demo", help="fill a workspace with believable demo content")
    add_db(demo)
    demo.add_argument("--articles", type=int, default=40, help="number of articles (default 40)")
    demo.add_argument("--seed", type=int, default=7, help="random seed, for the same content every time")
    demo.set_defaults(handler=run_demo)

    snap = sub.add_parser("snapshot", help="render one view to a PNG file and exit")
    add_db(snap)
    snap.add_argument("--view", required=True, choices=VIEWS)
    snap.add_argument("--out", required=True, metavar="FILE.png")
    snap.add_argument("--size", default="1400x900", metavar="WxH")
    snap.add_argument("--lang", choices=["system", "fr", "en"], default=None)
    snap.add_argument("--theme", choices=["system", "light", "dark"], default=None)
    snap.set_defaults(handler=run_snapshot)


def run_demo(args: argparse.Namespace) -> int:
    from cmstudio.core.db import open_database
    from cmstudio.core.demo import fill_demo

    if args.articles < 0 or args.articles > 100_000:
        raise UserError(_("--articles must be between 0 and 100000."))
    db = open_database(args.db)
    try:
        with db.session() as session:
            summary = fill_demo(session, db.media_dir, articles=args.articles, seed=args.seed)
    finally:
        db.close()
    print(_("Demo content added: {articles} articles, {posts} posts, {contests} contest, {events} event in "
            "{workspaces} workspaces.", articles=summary.articles, posts=summary.variants,
            contests=summary.contests, events=summary.events, workspaces=len(summary.workspaces)))
    return 0


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", text.strip())
    if not match:
        raise UserError(_("“{text}” is not a size like 1400x900.", text=text))
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise UserError(_("The snapshot size must be between 320x240 and 8000x8000."))
    return width, height


def run_snapshot(args: argparse.Namespace) -> int:
    size = parse_size(args.size)
    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise UserError(_("{path} must end in .png.", path=out))
    if not out.parent.exists():
        raise UserError(_("The folder {path} does not exist.", path=out.parent))
    from cmstudio.ui.snapshot import snapshot

    snapshot(args.db, args.view, out, size=size, language=args.lang, theme_name=args.theme)
    print(_("Wrote {path}", path=out))
    return 0
