"""Benchmarks of the variants screen (issue 4 budgets): live counter per keystroke, counting
1,000 variants, drafts for ten networks, and renditions of a 24-megapixel JPEG for six networks.

Run with ``python -m benchmarks.bench_variants``. Renditions run in a fresh process so its peak
resident memory (ru_maxrss) is the rendering's own. Budgets are targets, not test assertions.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

Row = tuple[str, float, float, str]
_KEEP: list[object] = []  # the QApplication outlives every widget, up to interpreter exit
RENDER_NETWORKS = ("x", "bluesky", "mastodon", "instagram_feed", "linkedin", "pinterest")
DRAFT_NETWORKS = (
    "x",
    "bluesky",
    "mastodon",
    "threads",
    "linkedin",
    "facebook",
    "instagram_feed",
    "pinterest",
    "telegram_message",
    "discord",
)


def _sample_texts(n: int) -> list[str]:
    rng = random.Random(5)
    words = [
        "réseaux",
        "sociaux",
        "stratégie",
        "😀",
        "👩‍👩‍👧",
        "https://exemple.fr/page?x=1",
        "@alice@piaille.fr",
        "#CM",
        "calendrier",
        "éditorial",
        "exemple.fr/a",
        "な",
        "—",
        "Ça",
    ]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(10, 60))) for _ in range(n)]


_SENTENCES = (
    "Notre calendrier éditorial de la rentrée est enfin prêt, avec un thème par semaine.",
    "Vous nous avez demandé comment nous préparons nos jeux-concours : voici les coulisses.",
    "Trois idées simples pour animer votre communauté sans y passer vos soirées.",
    "Le nouvel article du blog revient sur dix ans de stratégie sociale, erreurs comprises.",
    "Inscriptions ouvertes pour l'atelier du 12 octobre à Lyon — places limitées !",
    "We tested every scheduling tool so you don't have to; here is what we kept.",
    "Quel format préférez-vous pour nos prochains tutoriels ? Dites-le-nous en commentaire.",
)
_EMOJI = ("😀", "🎉", "👉", "✨", "👍🏽", "🇫🇷", "👩\u200d💻", "❤️")
_TAGS = ("#CM", "#RéseauxSociaux", "#Marketing", "#Blog", "#Lyon", "#Atelier", "#Concours")


def _typical_posts(n: int) -> list[str]:
    """Posts as a CM writes them: 100–400 characters, a tagged link (a different campaign each
    time, so nothing is counted twice), a few hashtags, a mention and an emoji or two."""
    rng = random.Random(7)
    posts = []
    for i in range(n):
        body = " ".join(rng.sample(_SENTENCES, rng.randint(1, 3)))[: rng.randint(60, 280)].rsplit(" ", 1)[0]
        link = f"https://exemple.fr/blog/article-{i}?utm_source=x&utm_medium=social&utm_campaign=rentree-{i}"
        mention = rng.choice(("@alice", "@alice@piaille.fr", "@agence_lumen"))
        tags = " ".join(rng.sample(_TAGS, rng.randint(2, 4)))
        emoji = "".join(rng.sample(_EMOJI, rng.randint(1, 2)))
        posts.append(f"{emoji} {body} Avec {mention}\n{link}\n{tags}")
    return posts


def _time_counting(texts: list[str]) -> float:
    """Fastest of seven runs, as ``timeit`` advises: pure CPU work on one thread, so slower runs
    measure whatever else the machine was doing, not the counting."""
    from cmstudio.core.counting import count

    networks = ("x", "bluesky", "mastodon")
    for i, text in enumerate(texts[:30]):  # compile the patterns and load the TLD list first
        count(networks[i % 3], text)
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        for i, text in enumerate(texts):
            count(networks[i % 3], text)
        runs.append(time.perf_counter() - start)
    return min(runs) * 1000


def bench_counting() -> list[Row]:
    return [
        ("count 1,000 typical posts (X, Bluesky, Mastodon)", _time_counting(_typical_posts(1000)), 100.0, "ms"),
        # A harsher mix: ~300 characters, four or five links and several emoji sequences each.
        ("count 1,000 link-heavy posts (stress mix)", _time_counting(_sample_texts(1000)), 100.0, "ms"),
    ]


def bench_keystroke() -> Row:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from cmstudio.core.networks import get_profile
    from cmstudio.variants.post_editor import PostEditor

    app = QApplication.instance() or QApplication(sys.argv[:1])
    editor = PostEditor(get_profile("x"))
    editor.resize(500, 300)
    editor.show()
    editor.set_text(_sample_texts(1)[0] * 3)  # past the limit: the highlight is drawn too
    cursor = editor.edit.textCursor()
    timings = []
    for char in "Nouvelle phrase pour le lancement de la saison " * 2:
        start = time.perf_counter()
        cursor.insertText(char)
        app.processEvents()
        timings.append(time.perf_counter() - start)
    editor.close()
    editor.deleteLater()
    app.processEvents()
    _KEEP.append(app)
    p95 = sorted(timings)[int(len(timings) * 0.95)] * 1000
    return ("counter + highlight per keystroke (95th percentile)", p95, 16.0, "ms")


def bench_drafts() -> Row:
    from cmstudio.core.adapt import ArticleInput, WorkspaceInput, compose_draft
    from cmstudio.core.networks import get_profile

    body = "\n\n".join(_sample_texts(8))
    article = ArticleInput(
        title="Les réseaux sociaux en 2027",
        body_markdown=body,
        url="https://exemple.fr/blog/reseaux",
        slug="reseaux",
        tags=("CM", "Stratégie"),
    )
    workspace = WorkspaceInput(signature="— L'équipe")
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for network in DRAFT_NETWORKS:
            compose_draft(article, get_profile(network), lang="fr", workspace=workspace)
        runs.append(time.perf_counter() - start)
    # Our own budget (the issue names none): drafting must feel instant after a click.
    return ("drafts for 10 networks", statistics.median(runs) * 1000, 250.0, "ms")


def _make_24mp(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (6000, 4000), (40, 90, 160))
    draw = ImageDraw.Draw(image)
    rng = random.Random(1)
    for _ in range(400):
        x, y, r = rng.randrange(6000), rng.randrange(4000), rng.randrange(20, 400)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    path.write_bytes(buffer.getvalue())


def _render_child(path: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import resource

    from cmstudio.core.crops import crop_box
    from cmstudio.core.networks import get_profile
    from cmstudio.core.variants_service import crop_ratios, render_spec
    from cmstudio.variants.render_worker import RenderSpec, render_now

    start = time.perf_counter()
    for network in RENDER_NETWORKS:
        profile = get_profile(network)
        ratio = crop_ratios(profile)[0]
        target, max_bytes, formats = render_spec(profile, ratio)
        box = crop_box(6000, 4000, ratio.ratio, (0.5, 0.5))
        render_now(Path(path), RenderSpec(box, target, max_bytes, tuple(formats)))
    elapsed = time.perf_counter() - start
    queue.put((elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def bench_renditions() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "24mp.jpg"
        _make_24mp(path)
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        child = context.Process(target=_render_child, args=(str(path), queue))
        child.start()
        elapsed, peak_mb = queue.get(timeout=300)
        child.join()
    return [
        ("24 MP JPEG → renditions for 6 networks", elapsed, 1.5, "s"),
        ("  peak memory of that process", peak_mb, 400.0, "MB"),
    ]


def run() -> list[Row]:
    return [*bench_counting(), bench_keystroke(), bench_drafts(), *bench_renditions()]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    for label, measured, budget, unit in run():
        verdict = "ok" if measured <= budget else "OVER"
        print(f"{label:<52} {measured:>10.2f} {budget:>10.2f} {unit:<3} {verdict}")
