"""Fill a database with deterministic demo workspaces, articles, posts, a contest and an event."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from cmstudio.core.demo import corpus
from cmstudio.core.demo.images import demo_image
from cmstudio.core.models import (
    Account,
    Article,
    ArticleRevision,
    Contest,
    Entry,
    Event,
    MediaAsset,
    Phase,
    Publication,
    Variant,
    Workspace,
)
from cmstudio.core.slug import slugify

DEMO_NETWORKS = ["mastodon", "bluesky", "linkedin", "instagram_feed", "x", "facebook"]
IMAGE_COUNT = 8
POST_SLOTS = [(9, 0), (12, 30), (18, 0), (20, 15), (11, 0)]  # local times CMs actually post at


@dataclass
class DemoSummary:
    workspaces: list[int] = field(default_factory=list)
    articles: int = 0
    variants: int = 0
    media: int = 0
    contests: int = 0
    events: int = 0


def fill_demo(
    session: Session,
    media_root: Path,
    *,
    articles: int = 40,
    seed: int = 7,
    now: datetime | None = None,
) -> DemoSummary:
    """Add the demo workspaces (or top up the existing demo workspace) with `articles` articles."""
    rng = random.Random(seed)
    now = (now or datetime.now(UTC)).replace(second=0, microsecond=0)
    summary = DemoSummary()
    main = _workspace(session, "Maison Lumière", color="#c2185b", timezone="Europe/Paris", language="fr",
                      signature="— L'équipe Maison Lumière 🥐")
    second = _workspace(session, "Northwind Outdoor", color="#2e7d32", timezone="Europe/London",
                        language="en", signature="— Northwind Outdoor")
    session.flush()
    summary.workspaces = [main.id, second.id]
    for workspace, count, english_share in ((main, articles, 0.2), (second, max(6, articles // 8), 1.0)):
        media = _media(session, workspace, media_root)
        summary.media += len(media)
        accounts = _accounts(session, workspace)
        made, posts = _articles(session, workspace, media, accounts, count, english_share, rng, now)
        summary.articles += made
        summary.variants += posts
    _history(session, main, now)
    _contest(session, main, rng, now)
    _event(session, main, now)
    summary.contests, summary.events = 1, 1
    session.flush()
    return summary


def _workspace(session: Session, name: str, **fields: object) -> Workspace:
    existing = session.scalars(select(Workspace).where(Workspace.name == name)).first()
    if existing is not None:
        return existing
    workspace = Workspace(name=name, hashtag_groups=corpus.HASHTAG_GROUPS[name], **fields)
    session.add(workspace)
    return workspace


def _media(session: Session, workspace: Workspace, root: Path) -> list[MediaAsset]:
    assets = []
    for index in range(IMAGE_COUNT):
        data = demo_image(index)
        digest = hashlib.sha256(data).hexdigest()
        asset = session.scalars(
            select(MediaAsset).where(MediaAsset.workspace_id == workspace.id, MediaAsset.sha256 == digest)
        ).first()
        if asset is None:
            target = root / digest[:2] / f"{digest}.jpg"
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_suffix(".tmp")
                tmp.write_bytes(data)
                tmp.replace(target)
            alt = (f"Photo d'ambiance n° {index + 1}" if workspace.language == "fr"
                   else f"Mood photo no. {index + 1}")
            asset = MediaAsset(workspace_id=workspace.id, sha256=digest, original_name=f"demo-{index + 1}.jpg",
                               mime="image/jpeg", width=1600, height=1200, size=len(data), alt_text=alt,
                               focal_x=0.5, focal_y=0.4)
            session.add(asset)
        assets.append(asset)
    session.flush()
    return assets


def _accounts(session: Session, workspace: Workspace) -> list[Account]:
    if workspace.accounts:
        return list(workspace.accounts)
    handle = slugify(workspace.name).replace("-", "")
    accounts = [
        Account(workspace_id=workspace.id, connector_id="mastodon", network="mastodon", name="Mastodon",
                handle=f"@{handle}@piaille.fr", settings={"base_url": "https://piaille.fr"}, status="demo",
                queue_slots=[{"weekday": d, "time": "09:00"} for d in range(5)]),
        Account(workspace_id=workspace.id, connector_id="bluesky", network="bluesky", name="Bluesky",
                handle=f"@{handle}.bsky.social", settings={"handle": f"{handle}.bsky.social"}, status="demo",
                queue_slots=[{"weekday": d, "time": "12:30"} for d in (0, 2, 4)]),
    ]
    session.add_all(accounts)
    session.flush()
    return accounts


def _articles(session: Session, workspace: Workspace, media: list[MediaAsset], accounts: list[Account],
              count: int, english_share: float, rng: random.Random, now: datetime) -> tuple[int, int]:
    tz = ZoneInfo(workspace.timezone)
    existing = {slug for slug in session.scalars(select(Article.slug).where(Article.workspace_id == workspace.id))}
    by_network = {a.network: a for a in accounts}
    posts = 0
    rows: list[Article] = []
    for index in range(count):
        english = rng.random() < english_share
        topics = corpus.EN_TOPICS if english else corpus.FR_TOPICS
        title_tpl, tags = topics[rng.randrange(len(topics))]
        title = title_tpl.format(year=now.year + (1 if now.month > 9 else 0), n=index + 1)
        slug = slugify(title)
        if slug in existing:
            slug = f"{slug}-{index + 1}"
        existing.add(slug)
        image = media[index % len(media)]
        day = rng.randint(-60, 120)
        local = (now.astimezone(tz) + timedelta(days=day)).replace(hour=rng.choice([8, 9, 10, 12, 14, 18]),
                                                                  minute=rng.choice([0, 15, 30, 45]))
        when = local.astimezone(UTC)
        status = _status(day, rng)
        body = _body(english, image, rng, title)
        article = Article(
            workspace_id=workspace.id, title=title, slug=slug, markdown=body,
            excerpt=_excerpt(body), tags=list(tags), categories=["Blog"], language="en" if english else "fr",
            status=status, featured_media_id=image.id,
            canonical_url=f"https://{slugify(workspace.name)}.example/blog/{slug}",
            publish_at=when if status in ("scheduled", "published") else None,
        )
        article.revisions.append(ArticleRevision(title=title, markdown=body, reason="import"))
        rows.append(article)
    session.add_all(rows)
    session.flush()
    for article in rows:
        if article.publish_at is None:
            continue
        local_day = article.publish_at.astimezone(tz)
        for offset, network in enumerate(rng.sample(DEMO_NETWORKS, 3)):
            hour, minute = POST_SLOTS[(offset + article.id) % len(POST_SLOTS)]
            post_at = (local_day + timedelta(days=offset // 2)).replace(hour=hour, minute=minute).astimezone(UTC)
            session.add(Variant(
                workspace_id=workspace.id, article_id=article.id, network=network,
                account_id=by_network[network].id if network in by_network else None,
                text=_post_text(article, network, workspace), status=article.status,
                scheduled_at=post_at, campaign=article.tags[0] if article.tags else "",
            ))
            posts += 1
    return len(rows), posts


def _history(session: Session, workspace: Workspace, now: datetime) -> None:
    """A publishing history for the demo accounts: what went out, one refusal, one to check.

    Only past states: nothing queued, so a studio opened on demo content never sends anything.
    """
    if session.scalars(select(Publication.id).where(Publication.workspace_id == workspace.id).limit(1)).first():
        return
    posts = session.scalars(
        select(Variant).join(Account, Account.id == Variant.account_id)
        .where(Variant.workspace_id == workspace.id, Variant.status == "published", Variant.scheduled_at < now)
        .order_by(Variant.scheduled_at.desc()).limit(12)
    ).all()
    for index, post in enumerate(posts):
        account = session.get(Account, post.account_id)
        state, error, url = "published", "", ""
        if index == 2:
            state, error = "failed", "Image 1 (demo-3.jpg)\u202f: le serveur a refusé le fichier (trop lourd\u202f: 16\u00a0Mo au maximum)."
        elif index == 5:
            state, error = "needs-check", "Pas de réponse du serveur après l’envoi\u202f: vérifiez la publication sur le réseau."
        else:
            host = "piaille.fr/@maisonlumiere" if post.network == "mastodon" else "bsky.app/profile/maisonlumiere"
            url = f"https://{host}/{110000000 + post.id}"
        session.add(Publication(
            workspace_id=workspace.id, variant_id=post.id, account_id=post.account_id,
            idempotency_key=f"demo-{workspace.id}-{post.id}", state=state, due_at=post.scheduled_at,
            remote_url=url, attempts=1 if state != "failed" else 3, last_error=error,
            error_kind={"failed": "permanent", "needs-check": "transient"}.get(state, ""),
            sent_at=post.scheduled_at if state == "published" else None,
            payload={"sent": {"text": post.text, "account": account.name if account else ""}},
        ))


def _status(day: int, rng: random.Random) -> str:
    if day < 0:
        return "published"
    return rng.choice(["scheduled", "scheduled", "ready", "draft", "idea"])


def _body(english: bool, image: MediaAsset, rng: random.Random, title: str) -> str:
    paragraphs = corpus.EN_PARAGRAPHS if english else corpus.FR_PARAGRAPHS
    lists = corpus.EN_LISTS if english else corpus.FR_LISTS
    pick = rng.sample(paragraphs, 4)
    h1, h2 = ("Why it matters", "In practice") if english else ("Pourquoi c'est important", "En pratique")
    return (
        f"# {title}\n\n{pick[0]}\n\n![{image.alt_text}](media:{image.sha256})\n\n## {h1}\n\n{pick[1]}\n\n"
        f"{pick[2]}\n\n## {h2}\n\n{lists[0]}\n\n> {pick[3]}\n"
    )


def _excerpt(body: str) -> str:
    first = next(p for p in body.split("\n\n")[1:] if p and not p.startswith(("#", "!")))
    return first if len(first) <= 155 else first[:154].rsplit(" ", 1)[0] + "…"


def _post_text(article: Article, network: str, workspace: Workspace) -> str:
    link = f"{article.canonical_url}?utm_source={network}&utm_medium=social&utm_campaign={article.slug}"
    tags = " ".join(next(iter(workspace.hashtag_groups.values()), [])[:2])
    if network.startswith("instagram"):
        link = "Lien en bio 👆" if article.language == "fr" else "Link in bio 👆"
    return f"{article.title}\n\n{article.excerpt}\n\n{link}\n\n{tags}"


def _contest(session: Session, workspace: Workspace, rng: random.Random, now: datetime) -> None:
    if session.scalars(select(Contest).where(Contest.workspace_id == workspace.id)).first():
        return
    tz = ZoneInfo(workspace.timezone)
    start = (now.astimezone(tz) + timedelta(days=5)).replace(hour=9, minute=0).astimezone(UTC)
    end = start + timedelta(days=14)
    contest = Contest(
        workspace_id=workspace.id, title="Gagnez un atelier pâtisserie pour deux", organizer="Maison Lumière SAS",
        networks=["instagram_feed", "facebook", "mastodon"], start_at=start, end_at=end,
        timezone=workspace.timezone, prizes=[{"name": "Atelier pâtisserie pour deux", "value": 120.0, "quantity": 1},
                                             {"name": "Coffret de viennoiseries", "value": 35.0, "quantity": 3}],
        mechanics=["like", "comment", "tag_friends"], hashtag="#ConcoursLumière",
        eligibility={"min_age": 18, "countries": ["FR", "BE"], "one_entry_per_person": True,
                     "excluded": ["maisonlumiere", "camille_pat"]},
        language="fr", winners_count=1, alternates_count=2, retention_until=end + timedelta(days=90),
    )
    labels = [("teaser", "Teaser", -3), ("launch", "Lancement", 0), ("reminder", "Rappel J-3", 11),
              ("last_call", "Dernier appel", 13), ("closing", "Clôture", 14), ("draw", "Tirage au sort", 15),
              ("winners", "Annonce des gagnants", 16)]
    for kind, title, days in labels:
        contest.phases.append(Phase(kind=kind, title=title, start_at=start + timedelta(days=days)))
    seen = set()
    for line in range(2, 150):
        handle = rng.choice(corpus.ENTRANT_FIRST) + rng.choice(corpus.ENTRANT_SUFFIX)
        if handle in seen:
            continue
        seen.add(handle)
        contest.entries.append(Entry(handle=handle, display=f"@{handle}", network="instagram_feed", source_line=line))
    session.add(contest)


def _event(session: Session, workspace: Workspace, now: datetime) -> None:
    if session.scalars(select(Event).where(Event.workspace_id == workspace.id)).first():
        return
    tz = ZoneInfo(workspace.timezone)
    start = (now.astimezone(tz) + timedelta(days=24)).replace(hour=18, minute=30).astimezone(UTC)
    event = Event(workspace_id=workspace.id, title="Atelier galettes en direct", kind="live", start_at=start,
                  duration_minutes=45, timezone=workspace.timezone, url="https://maison-lumiere.example/live",
                  description="Un live Instagram pour réussir sa galette des rois.", language="fr")
    for kind, title, days in (("countdown", "J-7", -7), ("countdown", "J-1", -1), ("day", "Jour J", 0),
                              ("thanks", "Merci et replay", 1)):
        event.phases.append(Phase(kind=kind, title=f"{event.title} · {title}", start_at=start + timedelta(days=days)))
    session.add(event)
