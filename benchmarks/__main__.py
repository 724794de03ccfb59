"""Run every `bench_*.py` module (or those named) and print each figure beside its budget.

Each module exposes `run() -> list[tuple[name, measured, budget, unit]]`. A budget is a ceiling:
the line says "ok" when the figure is within it. These are measurements, not tests: the suite
never asserts timings.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = argv or sorted(p.stem for p in HERE.glob("bench_*.py"))
    failures = 0
    print(f"{'benchmark':<58} {'measured':>12} {'budget':>12}  unit   verdict")
    for name in names:
        module_name = name if name.startswith("bench_") else f"bench_{name}"
        try:
            module = importlib.import_module(f"benchmarks.{module_name}")
            rows = module.run()
        except Exception:  # noqa: BLE001 - a broken benchmark is reported, the others still run
            traceback.print_exc()
            failures += 1
            continue
        for label, measured, budget, unit in rows:
            verdict = "ok" if measured <= budget else "OVER"
            print(f"{label:<58} {measured:>12.3f} {budget:>12.3f}  {unit:<6} {verdict}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    raise SystemExit(main(sys.argv[1:]))
