"""Backup commands: `backup` (one portable archive), `restore` (bring it back), `export-articles`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cmstudio.core.i18n import _


def register(sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    backup = sub.add_parser("backup", help="write the workspace database and its media to one archive")
    add_db(backup)
    backup.add_argument("--out", required=True, metavar="FILE",
                        help="archive to write (.cmstudio-backup is added if missing; a folder gets a dated name)")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(handler=run_backup)

    restore = sub.add_parser("restore", help="restore a backup archive (the current database is kept aside)")
    add_db(restore)
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--force", action="store_true", help="replace a database that already holds workspaces")
    restore.add_argument("--check", action="store_true", help="only verify the archive; change nothing")
    restore.set_defaults(handler=run_restore)

    export = sub.add_parser("export-articles",
                            help="export every article as Markdown files with front matter and their images")
    add_db(export)
    export.add_argument("--out", required=True, metavar="DIR")
    export.add_argument("--workspace", type=int, default=None, metavar="ID",
                        help="only this workspace (default: all, one sub-folder each)")
    export.add_argument("--image-base", default="images/", metavar="PREFIX",
                        help="prefix of the rewritten image links (default images/; /images/ for a site root)")
    export.add_argument("--dated-names", action="store_true",
                        help="name files YYYY-MM-DD-slug.md, as Jekyll's _posts folder wants")
    export.set_defaults(handler=run_export_articles)


def run_backup(args: argparse.Namespace) -> int:
    from cmstudio.core.backup import backup_database

    result = backup_database(args.db, Path(args.out).expanduser(), overwrite=args.force)
    counts = result.manifest["counts"]
    print(_("Backup written: {path} ({size} MB; {workspaces} workspace(s), {articles} article(s), {media} media "
            "file(s)).", path=result.path, size=f"{result.size / 1048576:.1f}",
            workspaces=counts.get("workspaces", 0), articles=counts.get("articles", 0),
            media=counts.get("media_files", 0)))
    accounts = result.manifest["accounts"]
    if accounts:
        print(_("Secrets are not in the backup: after restoring it, reconnect {count} account(s).",
                count=len(accounts)))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from cmstudio.core.restore import restore_backup, verify_backup

    archive = Path(args.file).expanduser()
    if args.check:
        info = verify_backup(archive)
        print(_("{path} is a sound backup made on {date} by CM Studio {version}: {names}.", path=archive,
                date=info.manifest.get("created_at", "?"), version=info.manifest.get("app_version", "?"),
                names=", ".join(info.workspaces)))
        _print_accounts(info.accounts)
        return 0
    result = restore_backup(archive, args.db, force=args.force)
    print(_("Restored {names} into {target}.", names=", ".join(result.workspaces) or "—", target=result.target))
    if result.migrated_from:
        print(_("The backup used schema {old}; it was brought up to date for this version.",
                old=result.migrated_from))
    if result.previous is not None:
        print(_("The previous database was kept as {path}.", path=result.previous))
    _print_accounts(result.accounts)
    return 0


def _print_accounts(accounts: list[dict[str, str]]) -> None:
    if not accounts:
        print(_("No account to reconnect."))
        return
    print(_("Reconnect these accounts (their secrets are never in a backup):"))
    for account in accounts:
        print(f"  - {account.get('workspace', '')}: {account.get('network') or account.get('connector', '')} "
              f"“{account.get('name', '')}” {account.get('handle', '')}".rstrip())


def run_export_articles(args: argparse.Namespace) -> int:
    from cmstudio.core.db import open_database
    from cmstudio.core.markdown_export import export_articles

    db = open_database(args.db)
    try:
        with db.session() as session:
            summary = export_articles(session, db.media_dir, Path(args.out).expanduser(),
                                      workspace_id=args.workspace, image_base=args.image_base,
                                      dated_names=args.dated_names)
    finally:
        db.close()
    print(_("Exported {articles} article(s) and {images} image(s) into {path}.", articles=summary.articles,
            images=summary.images, path=summary.folder))
    if summary.missing_images:
        print(_("{count} image(s) were missing from the media folder; their links were left as they were.",
                count=len(set(summary.missing_images))))
    return 0
