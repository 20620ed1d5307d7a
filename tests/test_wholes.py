"""Tests for regionkit.wholes: the one definition of a logical whole, at any scale."""

from __future__ import annotations

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial import Delaunay

from regionkit.wholes import larger_wholes


def _by_definition(
    labels: np.ndarray,
    xy: np.ndarray,
    counted: np.ndarray,
    max_counted: float,
    share: float,
    edges: np.ndarray | None,
) -> list[tuple[int, int, float, str]]:
    """The definition, school by school and region by region (every hull, every link)."""
    k = len(counted)
    inside = {}
    for r in range(k):
        pts = xy[labels == r]
        if len(pts) >= 3:
            hull = shapely.MultiPoint(pts).convex_hull
            if hull.geom_type == "Polygon":
                inside[r] = shapely.contains_xy(hull, xy[:, 0], xy[:, 1])
    links = np.zeros((k, k), dtype=np.int64)
    if edges is not None:
        for a, b in edges.tolist():
            la, lb = labels[a], labels[b]
            if la >= 0 and lb >= 0 and la != lb:
                links[la, lb] += 1
                links[lb, la] += 1
    found = []
    for r in range(k):
        mine = labels == r
        if counted[r] >= max_counted or not mine.any():
            continue
        shares = {
            o: float(inside[o][mine].mean()) for o in inside if o != r and counted[o] > counted[r]
        }
        if shares:
            top = min(shares, key=lambda o: (-shares[o], o))
            if shares[top] >= share:
                found.append((r, top, shares[top], "hull"))
                continue
        total = int(links[r].sum())
        by = {o: int(n) for o, n in enumerate(links[r]) if n and counted[o] > counted[r]}
        if total and by:
            top = min(by, key=lambda o: (-by[o], o))
            if by[top] / total >= share:
                found.append((r, top, by[top] / total, "boundary"))
    return found


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(5, 120),
    k=st.integers(1, 12),
    share=st.sampled_from([0.0, 0.5, 0.75, 1.0]),
    grid=st.booleans(),
    with_edges=st.booleans(),
)
def test_larger_wholes_is_the_definition(
    seed: int, n: int, k: int, share: float, grid: bool, with_edges: bool
) -> None:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 100, size=(n, 2))
    if grid:  # schools on the hulls' edges and corners of other regions
        xy = np.round(xy / 20) * 20
    centres = rng.uniform(0, 100, size=(k, 2))
    labels = np.argmin(((xy[:, None] - centres[None]) ** 2).sum(-1), axis=1)
    labels[rng.random(n) < 0.1] = -1
    counted = rng.integers(0, 500, size=k).astype(float)
    edges = None
    if with_edges:
        tri = Delaunay(xy, qhull_options="QJ")
        edges = np.concatenate([tri.simplices[:, [0, 1]], tri.simplices[:, [1, 2]]])
    got = larger_wholes(labels, xy, counted, max_counted=300, share=share, edges=edges)
    want = _by_definition(labels, xy, counted, 300, share, edges)
    assert [(f.region, f.whole, f.share, f.aspect) for f in got] == want
