"""Tests of the proximity graph: tiny point sets in code, then the bundled national data."""

from __future__ import annotations

import logging

import networkx as nx
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from regionkit._errors import InputDataError
from regionkit.boundaries import land_mask
from regionkit.config import GraphConfig
from regionkit.graph import ProximityGraph, water_lengths


def codes(n: int) -> list[str]:
    return [f"S{i:02d}" for i in range(n)]


def pairs(g: ProximityGraph) -> set[tuple[str, str]]:
    return {(a, b) for a, b in zip(g.codes[g.edges[:, 0]], g.codes[g.edges[:, 1]], strict=True)}


# ---------------------------------------------------------------- tiny point sets


def test_delaunay_trim_drops_the_long_hull_edge() -> None:
    """A flat triangle fan: the long bottom edge A-C is a hull edge of the triangulation.

    ::

              B (5 km, 1 km)
             / \\
        A  ------- C      A = (0, 0), C = (10 km, 0): 10 km apart
    """
    xy = np.array([[0, 0], [5_000, 1_000], [10_000, 0.0]])
    full = ProximityGraph.build_delaunay((list("ABC"), xy), max_edge_m=np.inf)
    assert pairs(full) == {("A", "B"), ("A", "C"), ("B", "C")}
    trimmed = ProximityGraph.build_delaunay((list("ABC"), xy), max_edge_m=6_000)
    assert pairs(trimmed) == {("A", "B"), ("B", "C")}
    assert trimmed.n_components == 1
    assert np.allclose(trimmed.distance, np.hypot(5_000, 1_000))


def test_knn_is_symmetric_either_way() -> None:
    """k = 1 on a line: C's nearest is B, but B's nearest is A; the edge B-C still exists.

    ::

        A-B----C          A = 0, B = 1 km, C = 3 km
    """
    xy = np.array([[0, 0], [1_000, 0], [3_000, 0.0]])
    g = ProximityGraph.build_knn((list("ABC"), xy), k=1)
    assert pairs(g) == {("A", "B"), ("B", "C")}
    assert g.method == "knn (k=1)"


def test_distance_band() -> None:
    """A band of 1.5 km joins A-B and B-C (1 km) but not A-C (2 km) nor D (10 km away).

    ::

        A-B-C ............. D
    """
    xy = np.array([[0, 0], [1_000, 0], [2_000, 0], [12_000, 0.0]])
    g = ProximityGraph.build_distance_band((list("ABCD"), xy), band_m=1_500)
    assert pairs(g) == {("A", "B"), ("B", "C")}
    assert g.isolated.tolist() == ["D"]
    assert g.n_components == 2


def test_water_edge_across_a_lake_is_dropped() -> None:
    """Four schools around a square lake; the diagonals cross it, the sides do not.

    ::

        C ------- D       land: a 10 x 10 km square with a 6 x 6 km lake
        |  ~~~~~  |       in the middle; schools at (1, 1), (9, 1), (1, 9), (9, 9) km
        |  ~~~~~  |
        A ------- B
    """
    land = shapely.box(0, 0, 10_000, 10_000).difference(shapely.box(2_000, 2_000, 8_000, 8_000))
    xy = np.array([[1_000, 1_000], [9_000, 1_000], [1_000, 9_000], [9_000, 9_000.0]])
    g = ProximityGraph.build_delaunay((list("ABCD"), xy), land=land, max_water_share=0.5)
    assert pairs(g) == {("A", "B"), ("A", "C"), ("B", "D"), ("C", "D")}
    assert g.dropped_water_edges == 1  # the one Delaunay diagonal
    assert g.dropped_water_pairs.shape == (1, 2)
    # a permissive share keeps the diagonal: the lake is enclosed, max_outside_m ignores it
    lenient = ProximityGraph.build_delaunay((list("ABCD"), xy), land=land, max_water_share=0.8)
    assert lenient.n_edges == 5
    assert lenient.dropped_water_edges == 0


def test_open_water_crossing_is_dropped_by_metres() -> None:
    """An island 3 km off the coast: a short share of a long edge, but 3 km of open sea.

    ::

        mainland (0..20 km)   sea (3 km)   island (23..30 km)
        A ........... B ~~~~~~~~~~~~~~~~~~ C
    """
    land = shapely.union(shapely.box(0, 0, 20_000, 5_000), shapely.box(23_000, 0, 30_000, 5_000))
    xy = np.array([[1_000, 2_500], [12_000, 2_500], [29_000, 2_500.0]])
    kw = {"land": land, "max_edge_m": 100_000, "max_water_share": 0.5}
    g = ProximityGraph.build_delaunay((list("ABC"), xy), max_outside_m=2_500, **kw)
    assert pairs(g) == {("A", "B")}
    assert g.isolated.tolist() == ["C"]
    kept = ProximityGraph.build_delaunay((list("ABC"), xy), max_outside_m=None, **kw)
    assert pairs(kept) == {("A", "B"), ("B", "C")}


def test_water_lengths_split_lake_and_outside() -> None:
    land = shapely.box(0, 0, 10, 10).difference(shapely.box(4, 4, 6, 6))
    xy = np.array([[1, 5], [9, 5], [15, 5.0], [1, 1]])
    water, outside = water_lengths(xy, np.array([[0, 1], [1, 2], [0, 3]]), land)
    assert water.tolist() == pytest.approx([2.0, 5.0, 0.0])
    assert outside.tolist() == pytest.approx([0.0, 5.0, 0.0])


def test_coincident_schools_are_joined_and_keep_their_neighbours() -> None:
    """A and A2 stand at one address; both get A's triangulation neighbours.

    ::

        C
        |  \\
        A=A2 - B      A = A2 = (0, 0), B = (1 km, 0), C = (0, 1 km)
    """
    xy = np.array([[0, 0], [0, 0], [1_000, 0], [0, 1_000.0]])
    g = ProximityGraph.build_delaunay((["A", "A2", "B", "C"], xy))
    assert pairs(g) == {
        ("A", "A2"),
        ("A", "B"),
        ("A", "C"),
        ("A2", "B"),
        ("A2", "C"),
        ("B", "C"),
    }
    zero = g.edges_frame().query("distance_m == 0")
    assert zero[["code_a", "code_b"]].values.tolist() == [["A", "A2"]]
    # a region holding A2 but not A is still connected
    assert g.subgraph_connected(g.index_of(["A2", "B"]))


def test_all_coincident_and_collinear_points() -> None:
    same = ProximityGraph.build_delaunay((codes(3), np.zeros((3, 2))))
    assert same.n_edges == 3 and same.n_components == 1
    line = np.column_stack([np.array([0, 3, 1, 2.0]) * 1_000, np.zeros(4)])
    chain = ProximityGraph.build_delaunay((list("ABCD"), line))
    assert pairs(chain) == {("A", "C"), ("C", "D"), ("B", "D")}
    single = ProximityGraph.build_delaunay((["A"], np.zeros((1, 2))))
    assert single.n_edges == 0 and single.isolated.tolist() == ["A"]


def test_two_components_and_isolated_school_are_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Two towns 50 km apart and a lone school 80 km away: three components, no school dropped.

    ::

        A B          D E                     F
        C            (50 km)                 (130 km)
    """
    xy = np.array(
        [[0, 0], [1_000, 0], [0, 1_000], [50_000, 0], [51_000, 0], [130_000, 0.0]],
    )
    with caplog.at_level(logging.INFO, logger="regionkit.graph"):
        g = ProximityGraph.build_delaunay((list("ABCDEF"), xy), max_edge_m=10_000)
    assert g.n_nodes == 6
    assert g.component_labels.tolist() == [0, 0, 0, 1, 1, 2]
    assert g.n_components == 3
    assert g.isolated.tolist() == ["F"]
    assert repr(g) == "<ProximityGraph: 6 schools, 4 edges, 3 components>"
    summary = g.component_summary()
    assert summary["n_schools"].tolist() == [3, 2, 1]
    assert summary.loc[2, "codes"] == "F"
    assert "2 components besides the largest" in caplog.text
    assert "1 school(s) have no neighbour" in caplog.text and "F" in caplog.text


def test_components_numbered_by_smallest_node() -> None:
    g = ProximityGraph(list("ABCD"), np.zeros((4, 2)), [[1, 3]])
    assert g.component_labels.tolist() == [0, 1, 2, 1]


def test_adjacency_neighbors_networkx_and_frame() -> None:
    xy = np.array([[0, 0], [3, 4], [6, 8.0]])
    g = ProximityGraph(list("ABC"), xy, [[1, 2], [0, 1]])
    assert g.edges.tolist() == [[0, 1], [1, 2]]  # sorted
    adj = g.adjacency
    assert (adj != adj.T).nnz == 0
    assert adj[0, 1] == 5.0
    assert g.neighbors(1).tolist() == [0, 2]
    assert g.degree.tolist() == [1, 2, 1]
    nxg = g.to_networkx()
    assert set(nxg.nodes) == {"A", "B", "C"}
    assert nxg.edges["B", "C"]["distance"] == 5.0
    assert nx.is_connected(nxg)
    assert g.edges_frame().columns.tolist() == ["code_a", "code_b", "distance_m"]
    assert not g.subgraph_connected([0, 2])
    assert g.subgraph_connected(np.array([True, True, False]))
    assert not g.subgraph_connected([])
    with pytest.raises(KeyError, match="Z"):
        g.index_of(["A", "Z"])


def test_arrays_are_read_only() -> None:
    g = ProximityGraph(list("AB"), np.zeros((2, 2)), [[0, 1]])
    with pytest.raises(ValueError):
        g.edges[0, 0] = 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"edges": [[1, 0]]}, "i < j"),
        ({"edges": [[0, 0]]}, "self loop"),
        ({"edges": [[0, 1], [0, 1]]}, "more than once"),
        ({"edges": [[0, 5]]}, "outside 0 .. 2"),
        ({"edges": [[0, 1]], "distance": [-1.0]}, "negative"),
        ({"edges": [[0, 1]], "distance": [np.nan]}, "negative, missing or infinite"),
        ({"edges": [[0, 1]], "distance": [1.0, 2.0]}, r"shape \(1,\)"),
        ({"codes": ["A", "A", "C"]}, "more than once"),
        ({"xy": np.zeros((2, 2))}, r"shape \(3, 2\)"),
        ({"xy": np.array([[0, 0], [np.nan, 0], [1, 1]])}, "missing or infinite"),
        ({"edges": [[0.5, 1.0]]}, "integer"),
    ],
)
def test_validation_errors(kwargs: dict, message: str) -> None:
    args = {"codes": list("ABC"), "xy": np.zeros((3, 2)), "edges": np.empty((0, 2), int)}
    args.update(kwargs)
    with pytest.raises(InputDataError, match=message):
        ProximityGraph(**args)


def test_validation_collects_every_problem() -> None:
    with pytest.raises(InputDataError) as info:
        ProximityGraph(["A", "A"], np.zeros((2, 2)), [[1, 0], [1, 1]], [-1.0, 2.0])
    text = str(info.value)
    for part in ("more than once", "self loop", "i < j", "negative"):
        assert part in text
    assert isinstance(info.value, ValueError)


def test_builder_input_errors() -> None:
    with pytest.raises(InputDataError, match="missing coordinates"):
        ProximityGraph.build_knn((list("AB"), np.array([[0, 0], [np.nan, 1]])))
    with pytest.raises(InputDataError, match="k = 0"):
        ProximityGraph.build_knn((list("AB"), np.zeros((2, 2))), k=0)
    with pytest.raises(InputDataError, match="max_edge_m"):
        ProximityGraph.build_delaunay((list("AB"), np.zeros((2, 2))), max_edge_m=-1)
    with pytest.raises(InputDataError, match="land = 'mars'"):
        ProximityGraph.build_delaunay((list("AB"), np.zeros((2, 2))), land="mars")  # type: ignore[arg-type]


def test_from_config_dispatches() -> None:
    xy = np.array([[0, 0], [1_000, 0], [0, 1_000], [5_000, 5_000.0]])
    pts = (list("ABCD"), xy)
    band = ProximityGraph.from_config(pts, GraphConfig(method="distance_band", band_m=1_200))
    assert pairs(band) == {("A", "B"), ("A", "C")}
    knn = ProximityGraph.from_config(pts, GraphConfig(method="knn", k=1))
    assert knn.method == "knn (k=1)"
    dl = ProximityGraph.from_config(pts, GraphConfig(max_edge_m=2_000))
    assert pairs(dl) == {("A", "B"), ("A", "C"), ("B", "C")}


# ---------------------------------------------------------------- properties

points = arrays(
    np.float64,
    st.tuples(st.integers(1, 40), st.just(2)),
    elements=st.integers(0, 50).map(lambda v: v * 100.0),  # a coarse grid: ties and duplicates
)


@settings(max_examples=60, deadline=None)
@given(xy=points, k=st.integers(1, 8))
def test_knn_symmetric_with_minimum_degree(xy: np.ndarray, k: int) -> None:
    g = ProximityGraph.build_knn((codes(len(xy)), xy), k=k)
    assert (g.edges[:, 0] < g.edges[:, 1]).all()
    assert (g.adjacency != g.adjacency.T).nnz == 0
    assert (g.degree >= min(k, len(xy) - 1)).all()
    assert np.allclose(g.distance, np.hypot(*(xy[g.edges[:, 0]] - xy[g.edges[:, 1]]).T))


@settings(max_examples=60, deadline=None)
@given(xy=points, max_edge=st.integers(1, 40).map(lambda v: v * 100.0))
def test_trimmed_delaunay_is_a_subset_of_the_full_one(xy: np.ndarray, max_edge: float) -> None:
    full = ProximityGraph.build_delaunay((codes(len(xy)), xy), max_edge_m=np.inf)
    trimmed = ProximityGraph.build_delaunay((codes(len(xy)), xy), max_edge_m=max_edge)
    assert pairs(trimmed) <= pairs(full)
    assert (trimmed.distance <= max_edge).all()
    assert trimmed.n_nodes == len(xy)
    # the full triangulation of any point set is connected
    assert full.n_components == 1
    # coincident schools are always joined
    same = (xy[:, None, :] == xy[None, :, :]).all(axis=2)
    i, j = np.nonzero(np.triu(same, 1))
    assert {(f"S{a:02d}", f"S{b:02d}") for a, b in zip(i, j, strict=True)} <= pairs(trimmed)


@settings(max_examples=40, deadline=None)
@given(xy=points, band=st.integers(1, 30).map(lambda v: v * 100.0))
def test_distance_band_is_exact(xy: np.ndarray, band: float) -> None:
    g = ProximityGraph.build_distance_band((codes(len(xy)), xy), band_m=band)
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    i, j = np.nonzero(np.triu(d <= band, 1))
    assert g.edges.tolist() == np.column_stack([i, j]).tolist()


# ---------------------------------------------------------------- the national data


@pytest.fixture(scope="module")
def national(schools) -> ProximityGraph:
    return ProximityGraph.from_config(schools, GraphConfig(), land=land_mask())


def test_every_school_is_a_node(schools, national: ProximityGraph) -> None:
    assert national.n_nodes == len(schools)
    assert national.codes.tolist() == schools["code"].tolist()
    assert national.component_summary()["n_schools"].sum() == len(schools)


def test_texel_and_zeeuws_vlaanderen_not_joined_over_water(
    schools, national: ProximityGraph
) -> None:
    place = schools["place"].to_numpy()
    labels = national.component_labels
    mainland = labels[np.flatnonzero(place == "AMSTERDAM")[0]]
    for town in ("DEN BURG", "TERNEUZEN", "OOSTBURG", "HULST", "AXEL", "SAS VAN GENT"):
        for i in np.flatnonzero(place == town):
            assert labels[i] != mainland, town
    texel = np.flatnonzero(place == "DEN BURG")
    assert len(texel) >= 1
    # Zeeuws-Vlaanderen hangs together by land and is reported as its own component
    zv = np.flatnonzero(np.isin(place, ["TERNEUZEN", "OOSTBURG", "HULST"]))
    assert len(set(labels[zv].tolist())) == 1
    assert national.subgraph_connected(zv)
    assert national.dropped_water_edges > 0


def test_mainland_stays_one_component(schools, national: ProximityGraph) -> None:
    """Lakes crossed by dams and bridges (Oosterschelde, IJsselmeer rim) do not cut the mainland."""
    place = schools["place"].to_numpy()
    labels = national.component_labels
    mainland = labels[np.flatnonzero(place == "AMSTERDAM")[0]]
    for town in ("ZIERIKZEE", "MIDDELHARNIS", "URK", "ALMERE", "MAASTRICHT", "BAARLE-NASSAU"):
        assert (labels[place == town] == mainland).all(), town
    islands = {"DEN BURG", "VLIELAND", "MIDSLAND", "NES AMELAND", "SCHIERMONNIKOOG"}
    off_mainland = set(place[labels != mainland].tolist())
    assert off_mainland <= islands | {"TERNEUZEN", "OOSTBURG", "HULST", "AXEL", "SAS VAN GENT"}


def test_national_repr_and_edges(schools, national: ProximityGraph) -> None:
    text = repr(national)
    assert text.startswith(f"<ProximityGraph: {len(schools):,} schools, ")
    assert text.endswith(f"{national.n_components} components>")
    assert national.distance.max() <= GraphConfig().max_edge_m
    frame = national.edges_frame()
    assert len(frame) == national.n_edges
    assert (frame["code_a"] < frame["code_b"]).all()  # codes are sorted, so i < j carries over


def test_national_build_is_deterministic(schools) -> None:
    a = ProximityGraph.build_delaunay(schools, land="netherlands")
    b = ProximityGraph.build_delaunay(schools.sample(frac=1, random_state=1), land="netherlands")
    assert pairs(a) == {tuple(sorted(p)) for p in pairs(b)}  # the input order does not matter
    assert (
        a.edges_frame().to_csv()
        == ProximityGraph.build_delaunay(schools, land="netherlands").edges_frame().to_csv()
    )
