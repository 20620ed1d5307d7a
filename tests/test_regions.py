"""Tests of the one value a set of regions is (regionkit.regions) and its validation.

The layouts are tiny, in kilometres on a grid::

    A1(0,0) -- A2(2,0) -- B1(4,0) -- B2(6,0)
      |                      |
    C1(0,2) -- F0(2,2) --- C2(4,2)

F0 is a school in no region at the start; every school is a vmbo school with
counted pupils except F0.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rules import make_graph, make_schools

from regionkit._errors import InputDataError
from regionkit.config import load_config
from regionkit.graph import ProximityGraph
from regionkit.proposal import Proposal
from regionkit.regions import FIGURE_COLUMNS, Regions
from regionkit.rules import check

SCHOOLS = make_schools(
    ("10AA01", 0, 0, 100, 0),
    ("10AA02", 2, 0, 50, 10),
    ("10BB01", 4, 0, 80, 0),
    ("10BB02", 6, 0, 20, 4),
    ("10CC01", 0, 2, 30, 0),
    ("10CC02", 4, 2, 60, 0),
    ("10FF00", 2, 2, 0, 0),
)
EDGES = (
    ("10AA01", "10AA02"),
    ("10AA02", "10BB01"),
    ("10BB01", "10BB02"),
    ("10AA01", "10CC01"),
    ("10CC01", "10FF00"),
    ("10FF00", "10CC02"),
    ("10BB01", "10CC02"),
)
GRAPH = make_graph(SCHOOLS, *EDGES)
START = {
    "10AA01": "A",
    "10AA02": "A",
    "10BB01": "B",
    "10BB02": "B",
    "10CC01": "C",
    "10CC02": "C",
}
CODES = sorted(SCHOOLS["code"])


def start(**kwargs: object) -> Regions:
    return Regions(SCHOOLS, pd.Series(START), graph=GRAPH, **kwargs)  # type: ignore[arg-type]


def test_built_from_a_proposal_a_series_or_a_mapping() -> None:
    from_series = start()
    from_mapping = Regions(SCHOOLS, START, graph=GRAPH)
    from_proposal = Regions(SCHOOLS, Proposal.from_assignment(pd.Series(START)), graph=GRAPH)
    for r in (from_series, from_mapping, from_proposal):
        assert r.regions == ["A", "B", "C"]
        assert r.assignment.to_dict() == START
        assert r.unassigned.tolist() == ["10FF00"]
    assert from_series.figures.loc["A", "counted"] == 100 + 50 + 0.5 * 10
    assert list(from_series.figures.columns) == list(FIGURE_COLUMNS)
    assert "3 regions, 6 of 7 schools in a region" in repr(from_series)


def test_codes_and_names_are_text_without_spaces_and_empty_means_no_region() -> None:
    r = Regions(SCHOOLS, pd.Series({" 10AA01 ": " A ", "10AA02": "", "10BB01": None}))
    assert r.assignment.to_dict() == {"10AA01": "A"}


def test_unknown_codes_and_schools_listed_twice_are_data_not_errors() -> None:
    memberships = pd.DataFrame(
        {
            "region": ["A", "B", "A", "B"],
            "code": ["10AA01", "10AA01", "99ZZ99", "10BB01"],
            "row": [2, 3, 4, 5],
        }
    )
    r = Regions(SCHOOLS, Proposal(memberships=memberships))
    assert r.unknown[["region", "code", "row"]].values.tolist() == [["A", "99ZZ99", 4]]
    assert r.listed_twice["region"].tolist() == ["A", "B"]
    assert r.assignment["10AA01"] == "A"  # the region listed first
    # every listing counts in the figures: what each region's list claims
    assert r.figures["n_schools"].to_dict() == {"A": 1, "B": 2}
    # the single-region view: rows of the table, a school listed twice in its first region
    rows = r.rows_in(["B", "A"])
    assert list(rows) == ["B", "A"]
    assert r.codes[rows["A"]].tolist() == ["10AA01"] and r.codes[rows["B"]].tolist() == ["10BB01"]
    assert r.member_rows("B").tolist() == sorted([r.index["10AA01"], r.index["10BB01"]])


def test_bad_inputs_are_one_error_listing_every_problem() -> None:
    bad = SCHOOLS.drop(columns=["code"])
    with pytest.raises(InputDataError, match="'code'"):
        Regions(bad, START)
    twice = pd.concat([SCHOOLS, SCHOOLS.iloc[:2]])
    with pytest.raises(InputDataError) as err:
        Regions(twice, START)
    assert len(err.value.problems) == 2 and "10AA02" in str(err.value)
    # figures that need the schools' locations say so when they are missing
    with pytest.raises(InputDataError, match="'y'"):
        Regions(SCHOOLS.drop(columns=["y"]), START).figures  # noqa: B018
    with pytest.raises(InputDataError, match="must be a Proposal, or a pandas Series"):
        Regions(SCHOOLS, ["A", "B"])  # type: ignore[arg-type]
    with pytest.raises(InputDataError, match="must be a pandas DataFrame"):
        Regions("schools.csv", START)  # type: ignore[arg-type]


def test_parts_follow_the_graph_through_schools_in_no_region() -> None:
    r = start()
    # C1 and C2 are linked through F0, which is in no region: one part
    assert [len(p) for p in r.parts("C")] == [2]
    # F0 in region B: C falls apart in two
    moved = r.move({"10FF00": "B"})
    assert sorted(len(p) for p in moved.parts("C")) == [1, 1]
    assert r.parts("C")[0].tolist() == start().parts("C")[0].tolist()  # r itself unchanged


def _parts_one_region_at_a_time(r: Regions, region: str) -> list[list[int]]:
    """A region's parts by a search over its own schools and those in no region only."""
    from scipy.sparse.csgraph import connected_components

    view = r.graph_view
    assert view is not None
    own = np.flatnonzero(view.region == region)
    keep = np.union1d(own, np.flatnonzero(~view.assigned))
    _, labels = connected_components(view.structure[keep][:, keep], directed=False)
    own_labels = labels[np.searchsorted(keep, own)]
    return [own[own_labels == lab].tolist() for lab in np.unique(own_labels)]


@pytest.mark.parametrize("step", [1, 2, 3])
def test_all_parts_at_once_are_the_parts_found_one_region_at_a_time(step: int) -> None:
    from regionkit.boundaries import land_mask
    from regionkit.schools import load_schools

    schools = load_schools()
    graph = ProximityGraph.from_config(schools, load_config().graph, land=land_mask())
    no_pro = load_config(regions={"pro_in_regions": False})  # more schools in no region
    nodal = Regions.from_division(schools, "nodal", graph=graph, config=no_pro).assignment
    r = Regions(schools, nodal.iloc[::step], graph=graph)  # the others in no region
    every = r.all_parts()
    assert every.keys() == set(r.regions)
    assert any(len(p) > 1 for p in every.values())
    for region in r.regions:
        expected = _parts_one_region_at_a_time(r, region)
        assert [p.tolist() for p in every[region]] == expected
        assert [p.tolist() for p in _fresh(r).parts(region)] == expected


def test_a_move_recomputes_only_the_regions_it_touches() -> None:
    r = start()
    r.figures  # noqa: B018 - computed and cached
    moved = r.move({"10AA02": "B"})
    assert moved.touched == frozenset({"A", "B"})
    assert moved._per_region["figures"].keys() == {"C"}  # only C carried over
    assert moved.figures.loc["A", "n_schools"] == 1 and moved.figures.loc["B", "n_schools"] == 3
    assert r.figures.loc["A", "n_schools"] == 2  # the value it was called on is unchanged
    # into no region, and into a new region
    again = moved.move({"10AA01": None, "10CC01": "D"})
    assert again.assignment.get("10AA01") is None and again.assignment["10CC01"] == "D"
    assert again.regions == ["B", "C", "D"]  # A is empty now
    assert again.touched == frozenset({"A", "C", "D"})


def test_a_move_that_names_an_unknown_school_is_refused_with_every_problem() -> None:
    with pytest.raises(InputDataError) as err:
        start().move({"10AA09": "A", "10AA01": 3})  # type: ignore[dict-item]
    assert len(err.value.problems) == 2
    assert "did you mean 10AA01" in str(err.value) or "did you mean 10AA02" in str(err.value)


def _fresh(r: Regions) -> Regions:
    return Regions(r.schools, r.proposal, config=r.config, graph=r.graph)


def _state(r: Regions) -> dict[str, object]:
    return {
        "assignment": r.assignment.to_dict(),
        "figures": r.figures.to_dict(),
        "parts": {x: sorted(p.tolist() for p in r.parts(x)) for x in r.regions},
        "neighbours": r.neighbours,
        "findings": json.dumps(check(r).to_dict(), sort_keys=True),
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(CODES), st.sampled_from(["A", "B", "C", "D", None]), max_size=3
        ),
        min_size=1,
        max_size=4,
    )
)
def test_moves_give_the_same_figures_and_findings_as_building_afresh(
    moves: list[dict[str, str | None]],
) -> None:
    r = start(config=load_config(language="en"))
    _state(r)  # fill every cache before moving
    for change in moves:
        r = r.move(change)
        assert _state(r) == _state(_fresh(r))
        # every school of the table is in exactly one region or in none
        assert len(r.assignment) + len(r.unassigned) == len(SCHOOLS)


def test_the_national_proposal_moves_and_rechecks_incrementally(schools) -> None:
    graph = ProximityGraph.build_delaunay(schools)
    nodal = Regions.from_division(schools, "nodal", graph=graph)
    check(nodal)
    moved = nodal.move({"00AH17": "Almelo"})
    carried = moved._per_region["figures"]
    assert len(carried) == len(nodal.regions) - 2 and "Almelo" not in carried
    assert check(moved).to_dict() == check(_fresh(moved)).to_dict()
    assert np.array_equal(nodal.labels, Regions.from_division(schools, "nodal").labels)
