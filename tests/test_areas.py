"""Tests of school cells, region areas, their adjacency and colouring."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from regionkit._errors import InfeasibleError, InputDataError
from regionkit.areas import color_regions, region_adjacency, region_polygons, school_cells
from regionkit.boundaries import land_mask


def grid(nx_: int, ny: int, step: float = 1_000.0) -> tuple[list[str], np.ndarray]:
    xs, ys = np.meshgrid(np.arange(nx_) * step, np.arange(ny) * step)
    xy = np.column_stack([xs.ravel(), ys.ravel()]).astype(float)
    return [f"S{i:02d}" for i in range(len(xy))], xy


def assert_tiles(geoms: np.ndarray, area: float) -> None:
    """The geometries do not overlap and together cover ``area``."""
    total = float(shapely.area(geoms).sum())
    union = shapely.union_all(geoms).area
    assert total == pytest.approx(union, rel=1e-9, abs=1e-3)
    assert union == pytest.approx(area, rel=1e-9)


def test_cells_of_a_grid_are_squares() -> None:
    """A 3 x 3 grid of schools 1 km apart, on land 3 x 3 km: every cell is a 1 km square.

    ::

        S06 S07 S08
        S03 S04 S05
        S00 S01 S02
    """
    codes, xy = grid(3, 3)
    land = shapely.box(-500, -500, 2_500, 2_500)
    cells = school_cells((codes, xy), land=land)
    assert cells["code"].tolist() == codes
    assert cells.crs.to_epsg() == 28992
    assert np.allclose(cells.area, 1e6)
    assert cells.geometry[4].equals(shapely.box(500, 500, 1_500, 1_500))
    assert_tiles(cells.geometry.values, land.area)


def test_cells_without_land_are_bounded() -> None:
    codes, xy = grid(2, 1)
    cells = school_cells((codes, xy), land=None)
    assert cells.geometry.is_valid.all()
    assert np.isfinite(cells.total_bounds).all()
    # 10 km margin around the schools on every side
    assert cells.total_bounds.tolist() == [-10_000, -10_000, 11_000, 10_000]


def test_coincident_schools_share_a_cell() -> None:
    """A and A2 at one address: one cell, both rows carry it.

    ::

        A=A2      B
    """
    xy = np.array([[0, 0], [0, 0], [2_000, 0.0]])
    cells = school_cells((["A", "A2", "B"], xy), land=shapely.box(-1_000, -1_000, 3_000, 1_000))
    assert cells.geometry[0].equals(cells.geometry[1])
    assert cells.geometry[0].equals(shapely.box(-1_000, -1_000, 1_000, 1_000))


def test_school_off_the_land_keeps_a_cell() -> None:
    """B lies 100 m off the coast: its cell keeps a disc reaching the land.

    ::

        land | sea
        A    |  B
    """
    land = shapely.box(-2_000, -2_000, 1_000, 2_000)
    xy = np.array([[0, 0], [1_100, 0.0]])
    cells = school_cells((["A", "B"], xy), land=land)
    assert shapely.covers(cells.geometry.values, shapely.points(xy)).all()
    assert not cells.geometry[0].intersection(cells.geometry[1]).area > 0


def test_region_polygons_dissolve_and_order() -> None:
    """Six schools, two regions; the unassigned school forms no area.

    ::

        S03 S04 S05        region "b": S02, S05; region "a": S00, S01, S03, S04
        S00 S01 S02        S04 ... unassigned in the second case
    """
    codes, xy = grid(3, 2)
    land = shapely.box(-500, -500, 2_500, 1_500)
    assignment = pd.Series(
        ["a", "a", "b", "a", "a", "b"], index=pd.Index(codes, name="code"), name="region"
    )
    polys = region_polygons((codes, xy), assignment, land=land)
    assert polys.columns.tolist() == ["region", "n_schools", "geometry"]
    assert polys["region"].tolist() == ["a", "b"]
    assert polys["n_schools"].tolist() == [4, 2]
    assert polys.geometry[0].equals(shapely.box(-500, -500, 1_500, 1_500))
    assert_tiles(polys.geometry.values, land.area)

    partial = assignment.copy()
    partial["S04"] = None
    polys = region_polygons((codes, xy), partial.drop("S05"), land=land)
    assert polys["n_schools"].tolist() == [3, 1]
    assert polys.area.sum() == pytest.approx(4e6)


def test_coincident_schools_in_two_regions_split_their_cell() -> None:
    """A (region a) and A2 (region b) at one address: their cell is halved, no overlap."""
    xy = np.array([[0, 0], [0, 0], [2_000, 0.0]])
    land = shapely.box(-1_000, -1_000, 3_000, 1_000)
    assignment = pd.Series({"A": "a", "A2": "b", "B": "b"})
    polys = region_polygons((["A", "A2", "B"], xy), assignment, land=land)
    assert_tiles(polys.geometry.values, land.area)
    assert polys.area.tolist() == pytest.approx([2e6, 6e6])
    assert polys.covers(shapely.Point(0, 0)).all()


def test_region_polygons_reject_unknown_codes() -> None:
    codes, xy = grid(2, 1)
    with pytest.raises(InputDataError, match="not in the schools table") as info:
        region_polygons((codes, xy), pd.Series({"S00": "a", "XX99": "b"}), land=None)
    assert "XX99" in str(info.value)


def test_adjacency_borders_not_corners() -> None:
    """Four quadrants meet at one corner: a-d and b-c touch only there.

    ::

        c | d
        --+--
        a | b
    """
    import geopandas as gpd

    polys = gpd.GeoDataFrame(
        {"region": ["d", "c", "b", "a"]},
        geometry=[
            shapely.box(1, 1, 2, 2),
            shapely.box(0, 1, 1, 2),
            shapely.box(1, 0, 2, 1),
            shapely.box(0, 0, 1, 1),
        ],
    )
    polys.geometry = polys.geometry.scale(1_000, 1_000, origin=(0, 0))
    graph = region_adjacency(polys)
    assert list(graph.nodes) == ["a", "b", "c", "d"]
    assert sorted(graph.edges) == [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]
    assert graph.edges["a", "b"]["border_m"] == pytest.approx(1_000)


def test_color_regions_proper_and_bounded() -> None:
    wheel = nx.wheel_graph(6)  # hub + 5-cycle: needs 4 colours
    wheel = nx.relabel_nodes(wheel, {i: f"r{i}" for i in wheel})
    colors = color_regions(wheel)
    assert list(colors) == sorted(wheel.nodes)
    assert all(colors[a] != colors[b] for a, b in wheel.edges)
    assert max(colors.values()) + 1 == 4
    assert color_regions(wheel, n_colors=4) == colors
    with pytest.raises(InfeasibleError, match="3 colours"):
        color_regions(wheel, n_colors=3)
    assert color_regions(nx.Graph()) == {}


def test_color_regions_exact_search_beats_greedy() -> None:
    """A crown graph fools greedy orders; the exact search finds 2 colours."""
    crown = nx.complete_bipartite_graph(4, 4)
    crown.remove_edges_from([(i, i + 4) for i in range(4)])
    crown = nx.relabel_nodes(crown, {i: f"n{i}" for i in crown})
    colors = color_regions(crown, n_colors=2)
    assert set(colors.values()) == {0, 1}
    assert all(colors[a] != colors[b] for a, b in crown.edges)


# ---------------------------------------------------------------- properties

points = arrays(
    np.float64,
    st.tuples(st.integers(1, 30), st.just(2)),
    elements=st.integers(0, 40).map(lambda v: v * 250.0),
)


@settings(max_examples=40, deadline=None)
@given(xy=points)
def test_cells_cover_their_school_and_tile(xy: np.ndarray) -> None:
    land = shapely.box(-1_000, -1_000, 11_000, 11_000).difference(
        shapely.box(4_000, 4_000, 6_000, 6_000)  # a lake: some schools stand in it
    )
    codes = [f"S{i:02d}" for i in range(len(xy))]
    cells = school_cells((codes, xy), land=land)
    assert shapely.covers(cells.geometry.values, shapely.points(xy)).all()
    uniq = ~pd.DataFrame(xy).duplicated().to_numpy()
    geoms = cells.geometry.values[uniq]
    total = float(shapely.area(geoms).sum())
    assert total == pytest.approx(shapely.union_all(geoms).area, rel=1e-9, abs=1.0)


@settings(max_examples=30, deadline=None)
@given(xy=points, labels=st.lists(st.sampled_from("abcd"), min_size=30, max_size=30))
def test_region_polygons_do_not_overlap_and_hold_their_schools(
    xy: np.ndarray, labels: list[str]
) -> None:
    land = shapely.box(-1_000, -1_000, 11_000, 11_000)
    codes = [f"S{i:02d}" for i in range(len(xy))]
    assignment = pd.Series(labels[: len(xy)], index=codes, name="region")
    polys = region_polygons((codes, xy), assignment, land=land)
    assert polys["n_schools"].sum() == len(xy)
    assert_tiles(polys.geometry.values, land.area)
    by_region = dict(zip(polys["region"], polys.geometry, strict=True))
    for code, (x, y) in zip(codes, xy, strict=True):
        assert by_region[assignment[code]].covers(shapely.Point(x, y))
    graph = region_adjacency(polys)
    colors = color_regions(graph)
    assert all(colors[a] != colors[b] for a, b in graph.edges)


# ---------------------------------------------------------------- the national data


@pytest.fixture(scope="module")
def nodal(schools) -> pd.Series:
    return schools.set_index("code")["nodal_name"].rename("region")


def test_national_cells_cover_every_school(schools) -> None:
    cells = school_cells(schools, land=land_mask())
    assert cells["code"].tolist() == schools["code"].tolist()
    assert cells.covers(schools.geometry).all()
    assert cells.geometry.is_valid.all()


def test_national_region_polygons(schools, nodal: pd.Series) -> None:
    land = land_mask()
    polys = region_polygons(schools, nodal, land=land)
    assigned = nodal.dropna()
    assert polys["region"].tolist() == sorted(assigned.unique())
    assert polys["n_schools"].sum() == len(assigned)
    assert polys.geometry.is_valid.all()
    total = float(polys.area.sum())
    assert total == pytest.approx(shapely.union_all(polys.geometry.values).area, rel=1e-6)
    assert total < land.area * 1.001
    joined = schools.assign(region=nodal.to_numpy()).dropna(subset=["region"])
    geom = dict(zip(polys["region"], polys.geometry, strict=True))
    assert all(geom[r].covers(p) for r, p in zip(joined["region"], joined.geometry, strict=True))
    graph = region_adjacency(polys)
    assert set(graph.nodes) == set(polys["region"])
    colors = color_regions(graph, n_colors=5)
    assert all(colors[a] != colors[b] for a, b in graph.edges)
    # byte-identical on a second run
    again = region_polygons(schools, nodal, land=land)
    assert again.to_json() == polys.to_json()
