"""Tests for regionkit.metrics: figures of a set of regions on tiny graphs and national data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from _tiny_schools import line_graph, make_schools

from regionkit._errors import InputDataError
from regionkit.config import load_config
from regionkit.graph import ProximityGraph
from regionkit.metrics import region_metrics, region_table, school_figures


@pytest.fixture
def four() -> tuple[pd.DataFrame, ProximityGraph]:
    """Four schools on a line, 4 km apart, and an island school far away::

    A --- B --- C --- D            E   (no edge: an island)
    0     4     8     12 km        50 km
    100   100   50    0  pupils    0
    """
    schools = make_schools(
        [(0, 0), (4000, 0), (8000, 0), (12000, 0), (50000, 0)], [100, 100, 50, 0, 0]
    )
    return schools, line_graph(schools, [(0, 1), (1, 2), (2, 3)])


def assign(schools: pd.DataFrame, regions: list[str | None]) -> pd.Series:
    return pd.Series(regions, index=schools["code"], dtype=object)


def test_figures_of_two_regions(four: tuple[pd.DataFrame, ProximityGraph]) -> None:
    schools, graph = four
    config = load_config(regions={"min_counted_pupils": 150, "min_technical_schools": 1})
    a = assign(schools, ["West", "West", "East", "East", "East"])
    m = region_metrics(schools, a, graph, config=config, division=pd.Series(dtype=object))
    assert m.n_regions == 2
    # East has 50 pupils: under the pupils floor, not under the technical floor
    assert (m.n_under_floor_pupils, m.n_under_floor_technical, m.n_under_floor) == (1, 0, 1)
    # E is a whole component of its own: joined across the water, still connected
    assert m.n_disconnected == 0 and m.n_joined_across_water == 1
    # SSE: West = 2 * 2000^2; East = C, D, E at 8, 12, 50 km (mean 70/3 km)
    east = np.array([8000.0, 12000.0, 50000.0])
    expected = 2 * 2000.0**2 + float(((east - east.mean()) ** 2).sum())
    assert m.sse == pytest.approx(expected)
    assert m.max_diameter_m == pytest.approx(42000.0)
    assert m.mean_diameter_m == pytest.approx((4000.0 + 42000.0) / 2)
    # pairs closer than 10 km: AB, AC(8), BC, BD(8), CD -> 5; split: AC, BC, BD
    assert (m.close_pairs, m.split_close_pairs) == (5, 3)
    assert m.split_close_share == pytest.approx(3 / 5)
    assert (m.n_schools_assigned, m.n_unassigned) == (5, 0)


def test_disconnected_region_and_unassigned(four: tuple[pd.DataFrame, ProximityGraph]) -> None:
    """A and C in one region without B between them: disconnected; E in no region."""
    schools, graph = four
    config = load_config()
    a = assign(schools, ["X", "Y", "X", "Y", None])
    m = region_metrics(schools, a, graph, config=config)
    assert m.n_disconnected == 2  # X = {A, C} and Y = {B, D} are both in two pieces
    assert (m.n_schools_assigned, m.n_unassigned) == (4, 1)
    table = region_table(schools, a, graph, config=config)
    assert table["n_pieces"].tolist() == [2, 2]
    assert not table["connected"].any()


def test_exactly_at_the_floor_is_not_under(four: tuple[pd.DataFrame, ProximityGraph]) -> None:
    schools, graph = four
    config = load_config(regions={"min_counted_pupils": 250, "min_technical_schools": 3})
    a = assign(schools, ["R"] * 5)
    m = region_metrics(schools, a, graph, config=config)
    assert (m.n_under_floor_pupils, m.n_under_floor_technical) == (0, 0)
    # the floors given as arguments win over the configuration (rules pass theirs)
    m = region_metrics(schools, a, graph, config=config, min_counted_pupils=251)
    assert m.n_under_floor_pupils == 1 and m.min_counted_pupils == 251


def test_gl_weight_and_kinds() -> None:
    """GL pupils count with the configured weight; a pro school's pupils never count."""
    schools = make_schools(
        [(0, 0), (1000, 0), (2000, 0)], [10, 0, 40], gl=[20, 10, 0], kind=["vmbo", "vso", "pro"]
    )
    f = school_figures(schools, config=load_config(funding={"gl_weight": 0.5}))
    assert f["counted_pupils"].tolist() == [20.0, 5.0, 0.0]
    assert f["technical"].tolist() == [True, True, False]


def test_ari_against_a_division(four: tuple[pd.DataFrame, ProximityGraph]) -> None:
    schools, graph = four
    a = assign(schools, ["P", "P", "Q", "Q", "Q"])
    same = pd.Series(["u", "u", "v", "v", "v"], index=schools["code"], name="mine")
    m = region_metrics(schools, a, graph, config=load_config(), division=same)
    assert m.ari_vs_division == pytest.approx(1.0) and m.division == "mine"
    # without nodal codes in the table there is nothing to compare with by default
    assert region_metrics(schools, a, graph, config=load_config()).ari_vs_division is None


def test_bad_assignment_lists_every_problem(four: tuple[pd.DataFrame, ProximityGraph]) -> None:
    schools, graph = four
    bad = pd.Series(["R", "R", "S"], index=[schools["code"][0], "99ZZ00", "98ZZ00"])
    with pytest.raises(InputDataError) as err:
        region_metrics(schools, bad, graph, config=load_config())
    assert "99ZZ00" in str(err.value) and "98ZZ00" in str(err.value)


def test_graph_of_other_schools(four: tuple[pd.DataFrame, ProximityGraph]) -> None:
    schools, graph = four
    with pytest.raises(InputDataError, match="graph was built for other schools"):
        region_metrics(
            schools.iloc[:3], assign(schools.iloc[:3], ["R"] * 3), graph, config=load_config()
        )


def test_to_dict_is_json(four: tuple[pd.DataFrame, ProximityGraph]) -> None:
    schools, graph = four
    m = region_metrics(schools, assign(schools, ["R"] * 5), graph, config=load_config())
    data = json.loads(json.dumps(m.to_dict()))
    for key in ("n_regions", "n_under_floor", "n_disconnected", "n_schools_assigned"):
        assert key in data


def test_national_nodal_division(schools: pd.DataFrame) -> None:
    """The 80 nodal areas as regions: ARI 1 against themselves, closed schools unassigned."""
    config = load_config()
    graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    nodal = pd.Series(schools["nodal_code"].to_numpy(), index=schools["code"])
    m = region_metrics(schools, nodal, graph, config=config)
    assert m.n_regions == 80
    assert m.ari_vs_division == pytest.approx(1.0)
    assert m.n_unassigned == int(schools["nodal_code"].isna().sum())
    assert m.n_schools_assigned + m.n_unassigned == len(schools)
    table = region_table(schools, nodal, graph, config=config)
    assert table["counted_pupils"].sum() == pytest.approx(
        school_figures(schools, config=config)["counted_pupils"][nodal.notna().to_numpy()].sum()
    )


def test_school_figures_match_counted_pupils(schools: pd.DataFrame) -> None:
    from regionkit.schools import counted_pupils

    config = load_config()
    f = school_figures(schools, config=config)
    cp = counted_pupils(schools, gl_weight=config.funding.gl_weight)
    counts = schools["kind"].isin(["vmbo", "vso"]).to_numpy()
    assert np.allclose(f["counted_pupils"].to_numpy(), np.where(counts, cp["weighted"], 0))
    assert (f["bb_kb"].to_numpy() == np.where(counts, cp["bb_kb"], 0)).all()
