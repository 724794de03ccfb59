"""Publishing commands: `account add|list|check`, `post`, `publish-due` and `log`.

Secrets given with ``--secret`` go straight to the OS keyring (or the opted-in encrypted file)
and are never printed; `account list` shows settings only.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _


class _ImageAction(argparse.Action):
    """``--image`` appends an image; ``--alt`` describes the image given just before it."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        images = list(getattr(namespace, "images", None) or [])
        if self.dest == "images":
            images.append({"path": str(values), "alt": ""})
        else:
            if not images:
                parser.error(_("--alt describes the --image given before it: give the image first"))
            images[-1]["alt"] = str(values)
        namespace.images = images


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(_("{option} expects KEY=VALUE, not “{item}”.", option=option,
                              item=item if option == "--set" else key + "=…"))
        found[key.strip()] = value
    return found


def register(sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    account = sub.add_parser("account", help="add, list and check publishing accounts")
    account_sub = account.add_subparsers(dest="account_command", metavar="ACTION", required=True,
                                         parser_class=type(account))
    add = account_sub.add_parser("add", help="add an account (secrets go to the system keyring)")
    add_db(add)
    add.add_argument("--connector", required=True, metavar="ID", help="wordpress, mastodon, bluesky, telegram, "
                     "discord, manual or an installed plug-in")
    add.add_argument("--name", required=True, help="the account's name in the studio")
    add.add_argument("--set", action="append", metavar="KEY=VALUE", help="a setting (repeatable)")
    add.add_argument("--secret", action="append", metavar="KEY=VALUE", help="a secret (repeatable; never printed)")
    add.add_argument("--workspace", type=int, default=None, metavar="ID")
    add.set_defaults(handler=run_account_add)

    lst = account_sub.add_parser("list", help="list the accounts (never their secrets)")
    add_db(lst)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=run_account_list)

    check = account_sub.add_parser("check", help="ask the network whether an account can publish")
    add_db(check)
    check.add_argument("name", metavar="NAME")
    check.set_defaults(handler=run_account_check)

    post = sub.add_parser("post", help="schedule a post or an article on an account and print its id")
    add_db(post)
    post.add_argument("--account", required=True, metavar="NAME")
    what = post.add_mutually_exclusive_group(required=True)
    what.add_argument("--text")
    what.add_argument("--article", metavar="FILE.md")
    post.add_argument("--image", dest="images", action=_ImageAction, metavar="IMG", help="an image (repeatable)")
    post.add_argument("--alt", dest="alt", action=_ImageAction, metavar="TEXT", help="alt text of the image before")
    post.add_argument("--at", metavar="ISO-8601", default=None,
                      help="when to publish (default: now; a time without offset is in the workspace's zone)")
    post.add_argument("--native", action="store_true",
                      help="hand the post to the network's own scheduler when it has one")
    post.set_defaults(handler=run_post, images=[])

    due = sub.add_parser("publish-due", help="publish what is due (for cron or a systemd timer)")
    add_db(due)
    due.add_argument("--dry-run", action="store_true", help="say what would be published, send nothing")
    due.set_defaults(handler=run_publish_due)

    log = sub.add_parser("log", help="the publication log")
    add_db(log)
    log.add_argument("--json", action="store_true")
    log.add_argument("--limit", type=int, default=500)
    log.set_defaults(handler=run_log)


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from cmstudio.core.db import open_database

    return open_database(args.db)


def _workspace(session: Any, workspace_id: int | None) -> Any:
    from cmstudio.core.models import Workspace
    from cmstudio.core.workspaces import create_workspace, default_workspace

    if workspace_id is not None:
        workspace = session.get(Workspace, workspace_id)
        if workspace is None:
            raise UserError(_("There is no workspace #{id}.", id=workspace_id))
        return workspace
    return default_workspace(session) or create_workspace(session, _("My workspace"))


def run_account_add(args: argparse.Namespace) -> int:
    from cmstudio.publish.accounts import add_account, connector_class
    from cmstudio.publish.secrets import open_store

    settings = _pairs(args.set, "--set")
    secrets = _pairs(args.secret, "--secret")
    cls = connector_class(args.connector)
    store = open_store() if (secrets or cls.info.secret_keys) else None
    db = _open(args)
    try:
        with db.session() as session:
            workspace = _workspace(session, args.workspace)
            account = add_account(session, store, workspace.id, args.connector, args.name,  # type: ignore[arg-type]
                                  settings, secrets)
            account_id, name = account.id, account.name
    finally:
        db.close()
    print(_("Account “{name}” added (#{id}).", name=name, id=account_id))
    if store is not None and secrets:
        print(_("Its secrets are kept in {store}.", store=store.name))
    return 0


def run_account_list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from cmstudio.core.models import Account
    from cmstudio.publish.accounts import account_summary

    db = _open(args)
    try:
        with db.session() as session:
            rows = [account_summary(a) for a in session.scalars(select(Account).order_by(Account.id))]
    finally:
        db.close()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(_("No account yet: add one with “cmstudio account add”."))
    for row in rows:
        print(f"#{row['id']}  {row['name']}  [{row['connector']}]  {row['handle'] or '-'}  {row['status']}"
              + (f"  {row['message']}" if row["message"] else ""))
    return 0


def run_account_check(args: argparse.Namespace) -> int:
    from cmstudio.publish.accounts import check_account, find_account
    from cmstudio.publish.secrets import open_store

    db = _open(args)
    try:
        with db.session() as session:
            account = find_account(session, args.name)
            outcome = check_account(session, open_store(), account.id)
            name = account.name
    finally:
        db.close()
    print(f"{name}: {outcome.status} — {outcome.message}")
    return 0 if outcome.status == "ok" else 1


def run_post(args: argparse.Namespace) -> int:
    from cmstudio.publish.posting import schedule_from_cli

    db = _open(args)
    try:
        with db.session() as session:
            pub = schedule_from_cli(session, db.media_dir, account=args.account, text=args.text,
                                    article=Path(args.article) if args.article else None, images=args.images,
                                    at=args.at, native=args.native)
            pub_id = pub.id
    finally:
        db.close()
    print(pub_id)
    return 0


def _label(kind: str) -> str:
    labels = {
        "published": _("published"), "scheduled": _("handed over to the network"),
        "manual": _("ready to post by hand"), "retry": _("will try again"), "failed": _("failed"),
        "needs-check": _("needs checking"), "reconnect": _("account to reconnect"), "dry-run": _("due"),
        "waiting": _("waiting for its account"),
    }
    return labels.get(kind, kind)


def run_publish_due(args: argparse.Namespace) -> int:
    from cmstudio.publish.scheduler import run_due

    db = _open(args)
    try:
        outcomes = run_due(db, dry_run=args.dry_run) or []
    finally:
        db.close()
    for o in outcomes:
        label = _label(o.kind)
        extra = f" {o.remote_url}" if o.remote_url else ""
        if o.retry_at is not None:
            extra += " " + _("(next try {when})", when=o.retry_at.isoformat(timespec="seconds"))
        print(f"#{o.publication_id} {o.account}: {label}{extra} — {o.message}")
    if not outcomes:
        print(_("Nothing is due."))
    return 1 if any(o.failed for o in outcomes) else 0


def run_log(args: argparse.Namespace) -> int:
    from cmstudio.publish.results import publication_log

    db = _open(args)
    try:
        with db.session() as session:
            entries = publication_log(session, limit=max(1, args.limit))
    finally:
        db.close()
    if args.json:
        print(json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print(_("No publication yet."))
    for e in entries:
        when = (e.sent_at or e.due_at).isoformat(timespec="minutes")
        print(f"#{e.id}  {when}  {e.account}  {e.state}  {e.remote_url or ''}  {e.error or ''}".rstrip())
    return 0
