"""Benchmarks of `cmstudio adapt`'s two engines: image renditions and exact counting.

* A 24-megapixel JPEG (6000×4000, photo-like, ~8 MB) into renditions for six networks: decoded once
  (reduced by the JPEG decoder to what the largest rendition needs), cropped, resized and encoded
  under each byte limit. Each run is a fresh process so that its peak memory (VmHWM, which
  includes the interpreter and libraries) is the command's own; the time excludes imports.
* Counting 1,000 post variants (80–300 characters of French text with links, mentions, hashtags,
  emoji) spread across X, Bluesky and Mastodon, plus the same 1,000 counted for all three networks.

Run with ``python -m benchmarks.bench_renditions`` (or the file directly). Figures are medians,
printed beside their budgets; budgets are targets, not test assertions.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NETWORKS = ("x", "bluesky", "mastodon", "instagram", "linkedin", "facebook")
COUNT_NETWORKS = ("x", "bluesky", "mastodon")

_CHILD = r"""
import json, resource, sys, time
from cmstudio.cli.variants_cli import ImageArg, open_source, render_for_networks, resolve_network
profiles = [resolve_network(n) for n in sys.argv[2].split(",")]
started, cpu = time.perf_counter(), time.process_time()
picture = open_source(ImageArg(sys.argv[1]), profiles)
renditions = render_for_networks(picture, profiles)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
# VmHWM is this process's own peak (ru_maxrss on Linux also carries the parent's from before exec).
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
peak = (int(status["VmHWM"].split()[0]) if "VmHWM" in status
        else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak / 1024,
                  "sizes": [[r.width, r.height, len(r.data)] for r in renditions]}))
"""


def make_photo(path: Path, width: int = 6000, height: int = 4000, seed: int = 24) -> None:
    """A photo-like JPEG: smooth gradients and shapes under sensor-like noise (not flat colour, which
    would encode unrealistically fast and small)."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    low = (width // 16, height // 16)
    base = Image.merge("RGB", (Image.effect_noise(low, 60), Image.linear_gradient("L").resize(low),
                               Image.effect_noise(low, 40)))
    img = base.resize((width, height), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(img)
    for _ in range(400):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(10, width // 8)
        draw.ellipse((x, y, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    img = img.filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    Image.blend(img, noise, 0.22).save(path, "JPEG", quality=92)


def renditions(path: Path, runs: int = 5) -> tuple[float, float, float, list]:
    """(median wall seconds, median CPU seconds, highest peak MB, rendition sizes) over fresh processes.

    CPU time (all threads) is the figure that does not depend on what else the machine is doing:
    on an idle machine the wall time is at most that.
    """
    seconds, cpus, peaks, sizes = [], [], [], []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path), ",".join(NETWORKS)],
                              capture_output=True, text=True, check=True)
        result = json.loads(done.stdout)
        seconds.append(result["seconds"])
        cpus.append(result["cpu"])
        peaks.append(result["peak_mb"])
        sizes = result["sizes"]
    return statistics.median(seconds), statistics.median(cpus), max(peaks), sizes


_WORDS = ("réseaux", "sociaux", "communauté", "engagement", "été", "contenu", "lancement", "événement",
          "jeu-concours", "aujourd’hui", "l’équipe", "nouveauté", "merci", "à", "la", "de", "pour", "avec")
_EXTRAS = ("https://blog.exemple.fr/article?utm_source=x", "exemple.fr/page", "@marie",
           "@bob@mastodon.social", "#CommunityManagement",
           "🎉", "👩‍💻", "🇫🇷", "日本語", "«\u00a0citation\u00a0»")


def make_texts(count: int = 1000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randrange(8, 35))]
        for _ in range(rng.randrange(1, 5)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(_EXTRAS))
        texts.append(" ".join(words).capitalize() + ".")
    return texts


def counting(texts: list[str], networks: tuple[str, ...], *, all_networks: bool, repeat: int = 5) -> float:
    """Median milliseconds to count every text (each for one network in turn, or for all of them)."""
    from cmstudio.core.counting import count
    from cmstudio.core.networks import get_profile

    profiles = [get_profile(n) for n in networks]
    jobs = ([(p, t) for t in texts for p in profiles] if all_networks
            else [(profiles[i % len(profiles)], t) for i, t in enumerate(texts)])
    for profile, text in jobs[:50]:
        count(profile, text)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        for profile, text in jobs:
            count(profile, text)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run() -> list[tuple[str, float, float, str]]:
    """(name, measured, budget, unit) for each benchmark."""
    with tempfile.TemporaryDirectory() as tmp:
        photo = Path(tmp) / "photo-24mp.jpg"
        make_photo(photo)
        seconds, cpu, peak, _sizes = renditions(photo)
    texts = make_texts()
    return [
        ("24 MP JPEG → renditions for 6 networks (wall)", round(seconds, 3), 1.5, "s"),
        ("the same, CPU time of all threads", round(cpu, 3), 1.5, "s"),
        ("peak memory of that process", round(peak, 1), 400.0, "MB"),
        ("count 1,000 variants (X / Bluesky / Mastodon in turn)",
         round(counting(texts, COUNT_NETWORKS, all_networks=False), 1), 100.0, "ms"),
        ("count 1,000 variants × 3 networks", round(counting(texts, COUNT_NETWORKS, all_networks=True), 1),
         300.0, "ms"),
    ]


def main() -> None:
    import os

    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for name, measured, budget, unit in run():
        verdict = "ok" if measured <= budget else "OVER"
        print(f"{name:<58} {measured:>9} {unit:<3} (budget {budget} {unit}) {verdict}")


if __name__ == "__main__":
    main()
