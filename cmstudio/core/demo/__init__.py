"""Deterministic, believable demo content (first run, `cmstudio demo`, benchmarks)."""

from cmstudio.core.demo.fill import DemoSummary, fill_demo

__all__ = ["DemoSummary", "fill_demo"]
