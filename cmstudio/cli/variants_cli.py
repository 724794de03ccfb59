"""Variant commands: `measure` (count a text as a network does) and `adapt` (an article → a post per network).

Both are thin layers over the core: counting.py counts, adapt.py composes, images.py crops and
encodes. In `adapt` a bad image is fatal (exit status 2, the file named): a command line has no
one to ask, and a manifest silently missing a picture would be published as is.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from cmstudio.core.errors import UserError
from cmstudio.core.i18n import _

# The ids a user types; "instagram" and "telegram" stand for their most common kind of post.
NETWORK_ALIASES: dict[str, str] = {
    "x": "x", "bluesky": "bluesky", "mastodon": "mastodon", "threads": "threads", "linkedin": "linkedin",
    "facebook": "facebook", "instagram": "instagram_feed", "pinterest": "pinterest",
    "telegram": "telegram_message", "discord": "discord",
}
MAX_IMAGE_FILE_BYTES = 100 * 1024 * 1024
"""Largest image file read: a phone photo is under 15 MB and no network takes more than 20 MB."""


def register(sub: argparse._SubParsersAction, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    measure = sub.add_parser("measure", help="count a text exactly as a network does")
    measure.add_argument("--network", required=True, metavar="NET", help=", ".join(NETWORK_ALIASES))
    measure.add_argument("text", nargs="?", default="-", metavar="TEXT",
                         help="the text to count; “-” or nothing reads standard input")
    measure.add_argument("--cw", default="", metavar="TEXT",
                         help="a Mastodon content warning, counted with the text")
    measure.set_defaults(handler=run_measure)

    adapt = sub.add_parser("adapt", help="make a post per network from a Markdown article, with its images")
    adapt.add_argument("article", metavar="ARTICLE.md")
    adapt.add_argument("--networks", required=True, metavar="LIST",
                       help="comma-separated, e.g. x,bluesky,instagram")
    adapt.add_argument("--image", dest="images", action=_ImageAction, metavar="IMG",
                       help="an image to attach (repeatable; default: the article's own images)")
    adapt.add_argument("--alt", dest="images", action=_AltAction, metavar="TEXT",
                       help="alt text of the --image just before it")
    adapt.add_argument("--out", required=True, metavar="DIR",
                       help="folder for manifest.json and the renditions")
    adapt.add_argument("--lang", choices=["fr", "en"], default=None,
                       help="language of the wording added to posts (default: the article's)")
    adapt.set_defaults(handler=run_adapt, images=None)


# ---------------------------------------------------------------- arguments


@dataclass
class ImageArg:
    """An image named on the command line (or found in the article) and its alt text."""

    path: str
    alt: str | None = None


class _ImageAction(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        items = list(getattr(namespace, self.dest, None) or [])
        items.append(ImageArg(str(values)))
        setattr(namespace, self.dest, items)


class _AltAction(argparse.Action):
    """``--alt`` describes the ``--image`` just before it; anywhere else it is a usage error."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        items = list(getattr(namespace, self.dest, None) or [])
        if not items:
            parser.error(_("--alt must follow the --image it describes"))
        if items[-1].alt is not None:
            parser.error(_("--alt was given twice for {path}", path=items[-1].path))
        items[-1] = ImageArg(items[-1].path, str(values))
        setattr(namespace, self.dest, items)


def resolve_network(name: str) -> Any:
    """The profile for a network id typed by the user (also the profile ids, e.g. instagram_story)."""
    from cmstudio.core.networks import PROFILES

    key = name.strip().lower()
    profile_id = NETWORK_ALIASES.get(key, key)
    if profile_id not in PROFILES:
        raise UserError(_("Unknown network “{name}”. Valid networks: {valid}.", name=name,
                          valid=", ".join(NETWORK_ALIASES)))
    return PROFILES[profile_id]


def write_json(data: Any) -> None:
    """JSON on standard output in UTF-8, whatever the console's encoding."""
    sys.stdout.buffer.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    sys.stdout.flush()


# ---------------------------------------------------------------- measure


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(_("The text on standard input is not UTF-8 (byte {position}).",
                          position=exc.start)) from exc
    # `echo` and editors end the text with one line break; it is not part of the post.
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


def run_measure(args: argparse.Namespace) -> int:
    from cmstudio.core.counting import count

    profile = resolve_network(args.network)
    text = _read_stdin() if args.text == "-" else args.text
    if args.cw and profile.counting_rule != "mastodon":
        raise UserError(_("--cw (content warning) only exists on Mastodon."))
    result = count(profile, text, spoiler=args.cw)
    # "remaining" goes negative past the limit, as the networks' own counters show it.
    write_json({"network": args.network.strip().lower(), "length": result.length, "limit": result.limit,
                "remaining": result.limit - result.length, "fits": result.fits})
    return 0


# ---------------------------------------------------------------- adapt: the article


class _ImageCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            if values.get("src"):
                self.found.append((values["src"] or "", values.get("alt") or ""))


def article_images(markdown_text: str, base: Path) -> tuple[list[ImageArg], list[str]]:
    """The article's local images in order with their alt text, and the sources that are not files.

    Python-Markdown reads the text, so reference-style images count and code samples do not.
    """
    from cmstudio.core.render import render_html

    collector = _ImageCollector()
    collector.feed(render_html(markdown_text).html)
    images: list[ImageArg] = []
    skipped: list[str] = []
    for src, alt in collector.found:
        parts = urlsplit(src)
        if parts.scheme.lower() == "file":
            images.append(ImageArg(unquote(parts.path), alt))
        elif parts.scheme or parts.netloc:
            skipped.append(src)
        else:
            path = Path(unquote(parts.path))
            images.append(ImageArg(str(path if path.is_absolute() else base / path), alt))
    return images, skipped


def _article_input(path: Path) -> tuple[Any, str | None, str]:
    """(composer input, the article's language, its Markdown body) from a Markdown file."""
    from cmstudio.core.adapt import ArticleInput
    from cmstudio.core.articles import read_markdown_text
    from cmstudio.core.frontmatter import parse_markdown
    from cmstudio.core.slug import slugify

    doc = parse_markdown(read_markdown_text(path), source_name=path.name)
    lang = (doc.lang or "").replace("_", "-").split("-")[0].lower() or None
    article = ArticleInput(title=doc.title, excerpt=doc.excerpt or "", body_markdown=doc.body,
                           url=doc.canonical_url or "", slug=doc.slug or slugify(doc.title),
                           tags=tuple(doc.tags))
    return article, lang, doc.body


# ---------------------------------------------------------------- adapt: renditions


@dataclass(frozen=True)
class RenditionPlan:
    """How one network wants an image: a crop ratio (None: keep), a target size, bytes, formats."""

    ratio: float | None
    target: tuple[int, int] | None
    max_bytes: int
    formats: tuple[str, ...]


def plan_for(profile: Any, width: int, height: int) -> RenditionPlan:
    """The network's recommended frame closest to the picture's own shape (least cropping).

    Ties go to the frame the network lists first (its preferred one).
    """
    from cmstudio.core.variants_service import crop_ratios, render_spec

    crops = crop_ratios(profile)
    own = width / height
    crop = min(crops, key=lambda c: abs(math.log(c.ratio / own))) if crops else None
    target, max_bytes, formats = render_spec(profile, crop)
    return RenditionPlan(crop.ratio if crop else None, target, max_bytes, tuple(formats))


def needed_size(width: int, height: int, plans: Sequence[RenditionPlan]) -> tuple[int, int] | None:
    """The fewest pixels of the whole picture that still give every rendition its full size."""
    from cmstudio.core.crops import crop_box, fit_within

    scale = 0.0
    for plan in plans:
        if plan.target is None:
            return None
        box = crop_box(width, height, plan.ratio) if plan.ratio else (0, 0, width, height)
        left, top, right, bottom = box
        fitted = fit_within(right - left, bottom - top, plan.target)
        scale = max(scale, fitted[0] / (right - left), fitted[1] / (bottom - top))
    if not plans or scale >= 0.5:
        return None
    # A margin so that rounding in the reduced decode never leaves a crop a pixel short.
    return math.ceil(width * scale * 1.02) + 2, math.ceil(height * scale * 1.02) + 2


def _upright_size(path: Path) -> tuple[int, int] | None:
    """The displayed size from the file header, or None (open_image will then say what is wrong)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            im = Image.open(path)
        with im:
            width, height = im.size
            if im.getexif().get(0x0112) in (5, 6, 7, 8):
                width, height = height, width
            return (width, height) if width > 0 and height > 0 else None
    except Exception:  # noqa: BLE001 - a peek only: open_image reports the real problem
        return None


def open_source(image: ImageArg, profiles: Sequence[Any]) -> Any:
    """Decode an image once for all networks, no bigger than the largest rendition needs."""
    from cmstudio.core.images import ImageError, open_image

    path = Path(image.path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(_("The image {path} cannot be read ({error}).", path=image.path,
                          error=exc.strerror or exc)) from exc
    if size > MAX_IMAGE_FILE_BYTES:
        raise UserError(_("The image {path} is {size} MB; images of more than {limit} MB are not read, "
                          "export it at a smaller size.", path=image.path, size=round(size / 1048576),
                          limit=MAX_IMAGE_FILE_BYTES // 1048576))
    upright = _upright_size(path)
    min_size = None
    if upright is not None:
        min_size = needed_size(*upright, [plan_for(p, *upright) for p in profiles])
    try:
        return open_image(path, name=image.path, min_size=min_size)
    except ImageError as exc:
        raise UserError(_("{problem}; nothing was written (fix or remove this image and run the command "
                          "again).", problem=str(exc).rstrip("."))) from exc


def final_size(width: int, height: int, plan: RenditionPlan) -> tuple[int, int]:
    """The pixel size render_variant gives a ``width × height`` picture under ``plan``."""
    from cmstudio.core.crops import crop_box, fit_within

    left, top, right, bottom = crop_box(width, height, plan.ratio) if plan.ratio else (0, 0, width, height)
    w, h = right - left, bottom - top
    if plan.target is None:
        return w, h
    tw, th = plan.target
    if plan.ratio is not None and abs(tw / th - plan.ratio) < 0.01 and w >= tw and h >= th:
        return tw, th
    return fit_within(w, h, plan.target)


def _scaled(picture: Any, plan: RenditionPlan, size: tuple[int, int]) -> Any:
    """``picture`` cropped to the plan's frame and resized to ``size`` (what render_variant would do)."""
    from PIL import Image

    from cmstudio.core.crops import crop_box

    img = picture.crop(crop_box(picture.width, picture.height, plan.ratio)) if plan.ratio else picture
    return img if img.size == size else img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def render_for_networks(picture: Any, profiles: Sequence[Any], workers: int | None = None) -> list[Any]:
    """One rendition of ``picture`` per profile.

    Frames of the same shape share work: the largest is resized from the picture and the smaller
    ones from it, whenever that gives the very same pixel size. Shapes run side by side (Pillow
    releases the GIL while resizing and encoding).
    """
    from cmstudio.core.images import ImageError, render_variant

    plans = [plan_for(p, picture.width, picture.height) for p in profiles]
    sizes = [final_size(picture.width, picture.height, plan) for plan in plans]
    order = sorted(range(len(plans)), key=lambda i: -sizes[i][0] * sizes[i][1])
    groups: list[list[int]] = []
    for i in order:
        ratio = sizes[i][0] / sizes[i][1]
        group = next((g for g in groups if abs(sizes[g[0]][0] / sizes[g[0]][1] / ratio - 1) < 0.01), None)
        if group is None:
            groups.append([i])
        else:
            group.append(i)
    results: list[Any] = [None] * len(plans)

    def run_group(indices: list[int]) -> None:
        bases: list[Any] = []
        for i in indices:
            plan = plans[i]
            base = next((b for b in bases if final_size(b.width, b.height, plan) == sizes[i]), None)
            scaled = _scaled(base if base is not None else picture, plan, sizes[i])
            bases.append(scaled)
            try:
                results[i] = render_variant(scaled, plan.ratio, plan.target, plan.max_bytes,
                                            list(plan.formats))
            except ImageError as exc:
                raise UserError(_("{network}: {problem}", network=profiles[i].display_name,
                                  problem=str(exc))) from exc

    count = workers or min(len(groups), os.cpu_count() or 1, 4)
    if count <= 1:
        for group in groups:
            run_group(group)
    else:
        with ThreadPoolExecutor(max_workers=count) as pool:
            list(pool.map(run_group, groups))
    return results


# ---------------------------------------------------------------- adapt: the command


def _fit_alt(alt: str, profile: Any, notes: list[str]) -> str:
    from cmstudio.core.counting import grapheme_count

    limit = profile.alt_text_limit
    measure = grapheme_count if profile.id == "bluesky" else len
    if limit is None or measure(alt) <= limit:
        return alt
    cut = alt[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rfind(" ")]
    while measure(cut.rstrip() + "…") > limit:
        cut = cut[:-1]
    notes.append(_("The alt text “{start}…” is longer than the {limit} characters {network} allows: it was "
                   "cut.", start=alt[:30], limit=limit, network=profile.display_name))
    return cut.rstrip() + "…"




def _profiles(networks: str) -> list[tuple[str, Any]]:
    names = [n.strip().lower() for n in networks.split(",") if n.strip()]
    if not names:
        raise UserError(_("--networks needs at least one network, e.g. x,bluesky,instagram."))
    out: list[tuple[str, Any]] = []
    for name in dict.fromkeys(names):
        out.append((name, resolve_network(name)))
    return out


def _with_pictures(networks: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """sendMessage carries no picture: with images, a Telegram post is a photo with a caption."""
    from cmstudio.core.networks import get_profile

    return [(n, get_profile("telegram_caption") if p.id == "telegram_message" else p) for n, p in networks]


def _prepare_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UserError(_("{path} is a file, not a folder.", path=out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(_("Cannot create the folder {path} ({error}).", path=out,
                          error=exc.strerror or exc)) from exc


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_adapt(args: argparse.Namespace) -> int:
    from cmstudio.core.adapt import WorkspaceInput, compose_draft
    from cmstudio.core.i18n import language
    from cmstudio.core.slug import slugify

    notes: list[str] = []  # said once the work is done, so that an error stays the last word
    networks = _profiles(args.networks)
    source = Path(args.article)
    article, article_lang, body = _article_input(source)
    lang = args.lang or (article_lang if article_lang in ("fr", "en") else language())
    images: list[ImageArg] = list(args.images or [])
    if not images:
        images, skipped = article_images(body, source.parent)
        for src in skipped:
            notes.append(_("The image {src} is not a local file: it was left out.", src=src))
    else:
        for image in images:
            if not image.alt:
                notes.append(_("No alt text for {path}: add one with --alt for people using screen "
                               "readers.", path=image.path))
    if images:
        networks = _with_pictures(networks)
    out = Path(args.out)
    _prepare_out(out)

    manifest: dict[str, Any] = {}
    for name, profile in networks:
        draft = compose_draft(article, profile, lang=lang, workspace=WorkspaceInput())
        manifest[name] = {"text": draft.text, "length": draft.count.length, "limit": profile.text_limit,
                          "link": draft.link or None, "images": []}
        extra = max(0, len(images) - profile.max_images)
        if extra:
            notes.append(_("{network} takes at most {count} image(s): the last {left} were left out.",
                           network=profile.display_name, count=profile.max_images, left=extra))

    written: list[Path] = []
    try:
        for index, image in enumerate(images, start=1):
            takers = [(n, p) for n, p in networks if index <= p.max_images]
            if not takers:
                continue
            picture = open_source(image, [p for _n, p in takers])
            renditions = render_for_networks(picture, [p for _n, p in takers])
            del picture
            stem = slugify(Path(image.path).stem, max_length=40) or "image"
            for (name, profile), rendition in zip(takers, renditions, strict=True):
                ext = "jpg" if rendition.format == "jpeg" else rendition.format
                relative = f"{slugify(name) or 'network'}/{index:02d}-{stem}.{ext}"
                target = out / relative
                _write_atomic(target, rendition.data)
                written.append(target)
                manifest[name]["images"].append({
                    "path": relative, "width": rendition.width, "height": rendition.height,
                    "bytes": len(rendition.data), "format": rendition.format,
                    "alt": _fit_alt(image.alt or "", profile, notes),
                })
        document = json.dumps({"networks": manifest}, ensure_ascii=False, indent=2) + "\n"
        _write_atomic(out / "manifest.json", document.encode("utf-8"))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    for note in notes:
        print("cmstudio: " + note, file=sys.stderr)
    total = sum(len(v["images"]) for v in manifest.values())
    print(_("Wrote {path}: {networks} network(s), {images} image(s).", path=out / "manifest.json",
            networks=len(manifest), images=total))
    return 0


__all__ = ["NETWORK_ALIASES", "ImageArg", "RenditionPlan", "article_images", "needed_size", "open_source",
           "plan_for", "register", "render_for_networks", "resolve_network"]
