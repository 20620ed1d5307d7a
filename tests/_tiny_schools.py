"""Tiny schools tables and graphs built in code, shared by the regionalizer and metrics tests."""

from __future__ import annotations

import pandas as pd

from regionkit._schema import TECHNICAL_CELL_COLUMNS
from regionkit.graph import ProximityGraph

__all__ = ["line_graph", "make_schools"]


def make_schools(
    xy: list[tuple[float, float]],
    pupils: list[float],
    *,
    gl: list[float] | None = None,
    places: list[str] | None = None,
    kind: list[str] | None = None,
) -> pd.DataFrame:
    """A minimal schools table: BB/KB pupils in PIE lj3, GL pupils in PIE GL lj3."""
    n = len(xy)
    frame = pd.DataFrame(
        {
            "code": [f"{10 + k // 26:02d}{chr(65 + k % 26)}A00" for k in range(n)],
            "x": [float(p[0]) for p in xy],
            "y": [float(p[1]) for p in xy],
            "kind": kind or ["vmbo"] * n,
            "place": places or [f"PLACE {chr(65 + k)}" for k in range(n)],
        }
    )
    for column in TECHNICAL_CELL_COLUMNS:
        frame[column] = 0
    frame["pie_kb_lj3"] = [int(p) for p in pupils]
    frame["pie_gl_lj3"] = [int(g) for g in (gl or [0] * n)]
    frame["has_technical_profile"] = (frame["pie_kb_lj3"] + frame["pie_gl_lj3"]) > 0
    return frame


def line_graph(schools: pd.DataFrame, edges: list[tuple[int, int]]) -> ProximityGraph:
    xy = schools[["x", "y"]].to_numpy()
    return ProximityGraph(schools["code"].tolist(), xy, sorted(edges))
