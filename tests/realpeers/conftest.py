"""Fixtures for the tests against real peers: WordPress and a Bluesky PDS, started once per session.

When a peer is not installed (`setup.sh` could not reach Debian's or npm's registry, or was not
run), its tests skip with the reason; an installed peer that fails to start fails the tests.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))  # --import-mode=importlib: make `peers` importable

from peers import PdsNetwork, PdsPeer, WordPressPeer, WordPressSite

from cmstudio.publish.payload import MediaItem


@pytest.fixture(scope="session")
def wordpress_site() -> Iterator[WordPressSite]:
    reason = WordPressPeer.missing()
    if reason:
        pytest.skip(f"real WordPress unavailable: {reason}")
    peer = WordPressPeer()
    site = peer.start()
    print(f"\nreal WordPress started in {peer.start_seconds:.1f} s at {site.url}")
    yield site
    peer.stop()


@pytest.fixture(scope="session")
def pds_network() -> Iterator[PdsNetwork]:
    reason = PdsPeer.missing()
    if reason:
        pytest.skip(f"real Bluesky PDS unavailable: {reason}")
    peer = PdsPeer()
    network = peer.start()
    print(f"\nreal Bluesky PDS started in {peer.start_seconds:.1f} s at {network.url}")
    yield network
    peer.stop()


@pytest.fixture
def make_image(tmp_path: Path) -> Callable[..., MediaItem]:
    """Write a real image file (a gradient, so that encoders have something to encode)."""

    def make(name: str, size: tuple[int, int] = (120, 80), alt: str = "") -> MediaItem:
        fmt = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[name.rsplit(".", 1)[1]]
        img = Image.linear_gradient("L").resize(size).convert("RGB")
        img.save(tmp_path / name, fmt)
        return MediaItem.from_file(tmp_path / name, alt=alt)

    return make
