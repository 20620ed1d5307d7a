"""Helpers shared by the benchmark scripts (``benchmarks/bench_*.py``).

The scripts run as ``.venv/bin/python benchmarks/bench_<topic>.py``, so this
folder is on ``sys.path`` and they import this module as ``_common``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

__all__ = ["best_of"]


def best_of(f: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """The best wall time of ``repeat`` calls of ``f`` in seconds, and the last call's result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t0)
    return best, result
