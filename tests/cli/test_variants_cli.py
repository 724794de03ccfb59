"""`cmstudio measure` and `cmstudio adapt`, run as real processes on real files and images."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from cmstudio.core.networks import get_profile

CLI_IDS = ("x", "bluesky", "mastodon", "threads", "linkedin", "facebook", "instagram", "pinterest",
           "telegram", "discord")
# A family emoji: one grapheme, 25 UTF-8 bytes.
FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"


def run(*args: str, home: Path, stdin: str | None = None,
        lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CMSTUDIO_HOME": str(home), "CMSTUDIO_LANG": lang, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "cmstudio", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)


def measure(network: str, text: str, home: Path, *extra: str) -> dict:
    result = run("measure", "--network", network, *extra, "--", text, home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


# ---------------------------------------------------------------- measure


def test_measure_x_weighs_urls_as_23_and_cjk_as_2(tmp_path: Path) -> None:
    # "Lisez " 6 + any URL 23 + " " 1 + two CJK characters 2 × 2 = 34 (twitter-text v3 weights).
    out = measure("x", "Lisez https://exemple.fr/un/chemin/vraiment/tres/long/pour/voir 日本", tmp_path)
    assert out == {"network": "x", "length": 34, "limit": 280, "remaining": 246, "fits": True}
    # A link without a scheme is a link too: "Voir " 5 + 23.
    assert measure("x", "Voir exemple.fr/page", tmp_path)["length"] == 28


def test_measure_x_past_the_limit_goes_negative(tmp_path: Path) -> None:
    out = measure("x", "a" * 281, tmp_path)
    assert out == {"network": "x", "length": 281, "limit": 280, "remaining": -1, "fits": False}


def test_measure_bluesky_counts_graphemes_and_reads_stdin(tmp_path: Path) -> None:
    result = run("measure", "--network", "bluesky", "-", home=tmp_path, stdin=FAMILY + "\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"network": "bluesky", "length": 1, "limit": 300, "remaining": 299,
                                         "fits": True}


def test_measure_bluesky_byte_cap(tmp_path: Path) -> None:
    # 290 graphemes are under 300, but 290 × 25 bytes are over the 3,000-byte cap of the lexicon.
    out = measure("bluesky", FAMILY * 290, tmp_path)
    assert out["length"] == 290 and out["remaining"] == 10 and out["fits"] is False


def test_measure_mastodon_remote_mentions_urls_and_content_warning(tmp_path: Path) -> None:
    # "Merci " 6 + "@alice" 6 (remote mention counted by its local part) + " " 1 + URL 23 = 36.
    out = measure("mastodon", "Merci @alice@social.example.org https://exemple.fr/une/page/longue", tmp_path)
    assert out == {"network": "mastodon", "length": 36, "limit": 500, "remaining": 464, "fits": True}
    # The content warning counts with the text: "Spoiler" 7 + "abc" 3.
    assert measure("mastodon", "abc", tmp_path, "--cw", "Spoiler")["length"] == 10


def test_measure_aliases_and_other_rules(tmp_path: Path) -> None:
    assert measure("instagram", "Bonjour", tmp_path)["limit"] == 2200  # the feed caption
    telegram = measure("telegram", "😀", tmp_path)  # UTF-16 code units: a surrogate pair
    assert telegram["limit"] == 4096 and telegram["length"] == 2
    assert measure("threads", "Salut 👋", tmp_path)["length"] == 6 + 4  # Threads: an emoji is its UTF-8 bytes
    assert measure("Discord", "é" * 2001, tmp_path)["fits"] is False


def test_measure_unknown_network_lists_the_valid_ids(tmp_path: Path) -> None:
    result = run("measure", "--network", "myspace", "bonjour", home=tmp_path)
    assert_one_line_error(result, "myspace", ", ".join(CLI_IDS))


def test_measure_refuses_a_content_warning_off_mastodon(tmp_path: Path) -> None:
    assert_one_line_error(run("measure", "--network", "x", "--cw", "cw", "abc", home=tmp_path), "--cw")


# ---------------------------------------------------------------- adapt


def photo(path: Path, size: tuple[int, int], *, noise: float = 0.5, mode: str = "RGB",
          gps: bool = False) -> Path:
    """A photo-like picture: gradients under noise (noise makes JPEG files realistically heavy)."""
    w, h = size
    base = Image.merge("RGB", (Image.linear_gradient("L").resize((w, h)),
                               Image.linear_gradient("L").rotate(90).resize((w, h)),
                               Image.effect_noise((w, h), 30)))
    img = Image.blend(base, Image.effect_noise((w, h), 90).convert("RGB"), noise)
    kwargs: dict = {"quality": 95}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"
        exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}
        kwargs["exif"] = exif
    img.convert(mode).save(path, **kwargs)
    return path


def alpha_png(path: Path) -> Path:
    """1200×900, transparent on the left half, opaque blue on the right."""
    img = Image.new("RGBA", (1200, 900), (0, 0, 0, 0))
    img.paste((20, 60, 200, 255), (600, 0, 1200, 900))
    img.save(path)
    return path


ARTICLE = """---
title: Les réseaux sociaux en 2027
tags: [réseaux sociaux, community management]
canonical_url: https://blog.exemple.fr/reseaux-2027
language: fr
---
Les réseaux changent vite. Voici ce qui compte cette année pour une community manager.

![Un graphique des tendances](img/tendances.jpg)

```markdown
![Pas une image de l'article](img/absente.png)
```

![Logo distant](https://cdn.exemple.fr/logo.png)

Un deuxième paragraphe, avec plus de détails.

![Le logo, fond transparent](img/logo%20transparent.png "Logo")
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    (tmp_path / "img").mkdir()
    photo(tmp_path / "img" / "tendances.jpg", (1600, 1200))
    alpha_png(tmp_path / "img" / "logo transparent.png")
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def manifest_of(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["networks"]


def test_adapt_with_images_writes_a_manifest_per_network(article: Path, tmp_path: Path) -> None:
    big = photo(tmp_path / "terrasse.jpg", (4000, 3000), noise=0.8, gps=True)
    logo = alpha_png(tmp_path / "logo.png")
    cmyk = photo(tmp_path / "affiche-cmjn.jpg", (1000, 1500), mode="CMYK")
    out = tmp_path / "out"
    networks = "x,bluesky,mastodon,instagram,pinterest,linkedin,facebook,threads,discord,telegram"
    result = run("adapt", str(article), "--networks", networks, "--image", str(big), "--alt", "Une terrasse",
                 "--image", str(logo), "--alt", "Logo de la marque", "--image", str(cmyk), "--out", str(out),
                 home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "affiche-cmjn.jpg" in result.stderr  # warned: no alt text
    manifest = manifest_of(out)
    assert list(manifest) == networks.split(",")
    for name, entry in manifest.items():
        assert set(entry) == {"text", "length", "limit", "link", "images"}
        assert 0 < entry["length"] <= entry["limit"], name
        assert entry["link"].startswith("https://blog.exemple.fr/reseaux-2027?")
        utm = f"utm_source={name}&utm_medium=social&utm_campaign=les-reseaux-sociaux-en-2027"
        assert utm in entry["link"]
        assert [i["alt"] for i in entry["images"]] == ["Une terrasse", "Logo de la marque", ""], name
        assert [Path(i["path"]).name[:3] for i in entry["images"]] == ["01-", "02-", "03-"]
    assert manifest["x"]["limit"] == 280 and manifest["bluesky"]["limit"] == 300
    assert manifest["telegram"]["limit"] == 1024  # with pictures, a Telegram post is a captioned photo
    assert "Lien en bio" in manifest["instagram"]["text"] and "https://" not in manifest["instagram"]["text"]
    assert "https://" not in manifest["pinterest"]["text"]  # Pinterest carries the link in its own field
    assert manifest["x"]["link"] in manifest["x"]["text"]

    for name, entry in manifest.items():
        profile = get_profile({"instagram": "instagram_feed", "telegram": "telegram_caption"}.get(name, name))
        for image in entry["images"]:
            path = out / image["path"]
            assert not Path(image["path"]).is_absolute() and path.is_file()
            assert path.stat().st_size == image["bytes"]
            assert image["bytes"] <= (profile.max_image_bytes or 8 * 1024 * 1024), (name, image)
            with Image.open(path) as im:
                assert im.size == (image["width"], image["height"])
                assert im.format.lower() == image["format"] and image["format"] in profile.image_formats
                assert profile.accepts_aspect_ratio(*im.size), (name, im.size)
                assert max(im.size) <= 2000  # scaled down to the network's recommended size
                assert not im.getexif(), "metadata (GPS position) must never leave the studio"
    bluesky = manifest["bluesky"]["images"][0]
    assert bluesky["bytes"] <= 1_000_000 and bluesky["format"] == "jpeg"
    # Instagram only takes JPEG: the transparent logo is flattened on white.
    insta_logo = manifest["instagram"]["images"][1]
    assert insta_logo["format"] == "jpeg"
    with Image.open(out / insta_logo["path"]) as im:
        r, g, b = im.convert("RGB").getpixel((2, im.height // 2))
        assert min(r, g, b) > 240
        assert 0.8 - 1e-3 <= im.width / im.height <= 1.91 + 1e-3
    # Where PNG is allowed, transparency survives.
    assert manifest["x"]["images"][1]["format"] == "png"
    # The CMYK poster came out as RGB.
    with Image.open(out / manifest["mastodon"]["images"][2]["path"]) as im:
        assert im.mode == "RGB"


def test_adapt_uses_the_article_images_with_their_alt_text(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "sortie"
    result = run("adapt", str(article), "--networks", "bluesky,instagram,telegram", "--out", str(out),
                 home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "https://cdn.exemple.fr/logo.png" in result.stderr  # remote image left out, and said so
    manifest = manifest_of(out)
    for entry in manifest.values():
        alts = [i["alt"] for i in entry["images"]]
        assert alts == ["Un graphique des tendances", "Le logo, fond transparent"]
    assert manifest["instagram"]["images"][0]["width"] / manifest["instagram"]["images"][0]["height"] == 1.0


def test_adapt_keeps_only_as_many_images_as_a_network_takes(article: Path, tmp_path: Path) -> None:
    images = [photo(tmp_path / f"p{i}.jpg", (400, 300), noise=0.1) for i in range(5)]
    args = [a for p in images for a in ("--image", str(p), "--alt", p.stem)]
    out = tmp_path / "out"
    result = run("adapt", str(article), "--networks", "x,linkedin", *args, "--out", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = manifest_of(out)
    assert [i["alt"] for i in manifest["x"]["images"]] == ["p0", "p1", "p2", "p3"]  # X: 4 pictures at most
    assert len(manifest["linkedin"]["images"]) == 5
    assert "X" in result.stderr


def test_adapt_alt_must_follow_an_image(article: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    before = run("adapt", str(article), "--networks", "x", "--alt", "orpheline", "--out", out, home=tmp_path)
    assert_one_line_error(before, "--alt")
    pic = str(photo(tmp_path / "p.jpg", (300, 200)))
    twice = run("adapt", str(article), "--networks", "x", "--image", pic, "--alt", "a", "--alt", "b",
                "--out", out, home=tmp_path)
    assert_one_line_error(twice, "--alt", "p.jpg")


def test_adapt_unknown_network(article: Path, tmp_path: Path) -> None:
    result = run("adapt", str(article), "--networks", "x,orkut", "--out", str(tmp_path / "o"), home=tmp_path)
    assert_one_line_error(result, "orkut", ", ".join(CLI_IDS))


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG announcing width × height pixels (a decompression bomb: the header is all it takes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
                     + chunk(b"IEND", b""))
    return path


def _bad_images(tmp_path: Path) -> list[Path]:
    good = photo(tmp_path / "good.jpg", (800, 600)).read_bytes()
    truncated = tmp_path / "tronquee.jpg"
    truncated.write_bytes(good[: len(good) // 2])
    text = tmp_path / "pas-une-image.jpg"
    text.write_text("Ceci n'est pas une image.\n" * 50, encoding="utf-8")
    bomb = _png_header_only(tmp_path / "bombe.png", 50_000, 50_000)
    huge = tmp_path / "enorme.jpg"
    with open(huge, "wb") as handle:
        handle.write(good)
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    return [truncated, text, bomb, huge]


def test_adapt_bad_image_is_fatal_and_named(article: Path, tmp_path: Path) -> None:
    fine = photo(tmp_path / "fine.jpg", (800, 600))
    for bad in _bad_images(tmp_path):
        out = tmp_path / f"out-{bad.stem}"
        result = run("adapt", str(article), "--networks", "x,instagram", "--image", str(fine),
                     "--image", str(bad), "--out", str(out), home=tmp_path)
        assert_one_line_error(result, str(bad))
        assert not (out / "manifest.json").exists()
        assert not [p for p in out.rglob("*") if p.is_file()], "nothing is left behind"


def test_adapt_missing_article_and_missing_image(article: Path, tmp_path: Path) -> None:
    missing = tmp_path / "absent.md"
    assert_one_line_error(run("adapt", str(missing), "--networks", "x", "--out", str(tmp_path / "o"),
                              home=tmp_path), "absent.md")
    nowhere = tmp_path / "nulle-part.jpg"
    assert_one_line_error(run("adapt", str(article), "--networks", "x", "--image", str(nowhere),
                              "--out", str(tmp_path / "o"), home=tmp_path), str(nowhere))


def test_adapt_applies_exif_orientation_before_cropping(article: Path, tmp_path: Path) -> None:
    # A phone portrait: stored 4000×3000 with orientation 6 ("rotate 90°"), shown 3000×4000.
    stored = Image.merge("RGB", (Image.linear_gradient("L").resize((4000, 3000)),) * 3)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "portrait.jpg"
    stored.save(path, exif=exif, quality=85)
    out = tmp_path / "out"
    result = run("adapt", str(article), "--networks", "instagram,x", "--image", str(path),
                 "--alt", "Portrait", "--out", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = manifest_of(out)
    insta = manifest["instagram"]["images"][0]
    # 3:4 is closest to Instagram's 4:5 portrait frame, at its recommended 1080×1350.
    assert (insta["width"], insta["height"]) == (1080, 1350)
    with Image.open(out / insta["path"]) as im:
        assert im.size == (1080, 1350) and not im.getexif()
    assert manifest["x"]["images"][0]["width"] == manifest["x"]["images"][0]["height"]  # 1:1 beats 16:9
