"""The 20,000-word French article of the editor benchmarks, buildable without cmstudio's dependencies,
and the percentile both benchmarks report.

`bench_editor` and `bench_peers` both build the article here; the peers' benchmark runs in
another virtualenv (PyQt6, no SQLAlchemy), where importing ``cmstudio.core.demo`` would pull in the
whole store. This module loads the corpus file by path and builds the same text with the same
steps and seed; `bench_peers` prints the text's SHA-256 so a run shows both sides typed into the
same article.
"""

from __future__ import annotations

import hashlib
import importlib.util
import random
from pathlib import Path
from types import ModuleType

WORDS = 20_000
_CORPUS = Path(__file__).resolve().parent.parent / "cmstudio" / "core" / "demo" / "corpus.py"


def _corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_cmstudio_demo_corpus", _CORPUS)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"The demo corpus {_CORPUS} is missing.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def long_french_article(words: int = WORDS) -> str:
    """Headings, paragraphs, lists and quotes from the demo corpus, about ``words`` words long."""
    corpus = _corpus()
    rng = random.Random(3)
    parts: list[str] = ["# Guide complet de la boulangerie artisanale", ""]
    count, section = 0, 1
    while count < words:
        if count // 900 >= section:
            parts += [f"## Partie {section} : le pain au quotidien", ""]
            section += 1
        paragraph = rng.choice(corpus.FR_PARAGRAPHS)
        if rng.random() < 0.1:
            parts += [corpus.FR_LISTS[0], ""]
        if rng.random() < 0.05:
            paragraph = "> " + paragraph
        parts += [paragraph, ""]
        count += len(paragraph.split())
    return "\n".join(parts)


def fingerprint(text: str) -> str:
    """Short SHA-256 of the article, printed beside the figures."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..1) of the timings, as both editor benchmarks report it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
