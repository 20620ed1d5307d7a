"""Logical regions: whole towns, joined by close pairs or their shortest link, split when large."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _tiny_schools import line_graph, make_schools

from regionkit.config import load_config
from regionkit.graph import ProximityGraph
from regionkit.logical import EXPLANATION_COLUMNS, propose_logical, towns_split
from regionkit.proposal import Proposal
from regionkit.rules import check_proposal
from regionkit.schools import load_schools

FLOORS = {"min_counted_pupils": 200, "min_technical_schools": 1}
#: In a line of three towns the end ones border only one region: only the
#: tests of part of a larger whole keep that rule at its default.
NO_WHOLES = {"part_of_whole_max_counted_pupils": 100}


def _config(wholes: bool = False, **logical: float) -> object:
    return load_config(regions=FLOORS, logical=logical, rules={} if wholes else NO_WHOLES)


def _with_areas(
    schools: pd.DataFrame, rmc: list[str], board: list[str] | None = None
) -> pd.DataFrame:
    out = schools.copy()
    out["rmc_name"] = rmc
    out["corop_name"] = "C"
    out["nodal_name"] = "N"
    out["board"] = board or [""] * len(out)
    return out


def _regions(proposal: object, schools: pd.DataFrame) -> list[set[str]]:
    a = proposal.assignment  # type: ignore[attr-defined]
    places = schools.set_index("code")["place"]
    groups = a.groupby(a).groups
    return sorted(({str(places[c]) for c in codes} for codes in groups.values()), key=sorted)


def test_small_town_joins_the_region_with_most_close_pairs() -> None:
    """C (50 pupils) has two schools of A within 10 km and one of B; its links are equally long.

    A1(0) -- A2(2 km) ------- C1(9 km) ------- B1(16 km)
    town A: 240 pupils         town C: 50       town B: 250
    """
    s = make_schools(
        [(0, 0), (2000, 0), (9000, 0), (16000, 0)],
        [120, 120, 50, 250],
        places=["A", "A", "C", "B"],
    )
    s = _with_areas(s, ["R"] * 4)
    g = line_graph(s, [(0, 1), (1, 2), (2, 3)])
    p = propose_logical(s, g, config=_config())
    assert _regions(p, s) == [{"A", "C"}, {"B"}]
    assert p.method == "logical" and p.metrics.n_under_floor == 0
    assert set(EXPLANATION_COLUMNS) <= set(p.regions.columns)
    why = p.regions.set_index("region").loc["A", "explanation"]
    assert "C (50)" in why and "ondergrens in deze analyse: 200" in why


def test_an_rmc_boundary_decides_between_equal_neighbours() -> None:
    """With a 7 km close distance C has one close pair with A and one with B, equal links.

    The RMC boundary between C and A (a tie across it counts half) makes B the
    stronger neighbour; a shared school board between C and A makes A stronger
    again (0.5 x 3 > 1).
    """
    s = make_schools(
        [(0, 0), (2000, 0), (9000, 0), (16000, 0)],
        [120, 120, 50, 250],
        places=["A", "A", "C", "B"],
    )
    g = line_graph(s, [(0, 1), (1, 2), (2, 3)])
    config = load_config(regions=FLOORS, rules={"close_distance_m": 7_500, **NO_WHOLES})
    across = _with_areas(s, ["R1", "R1", "R2", "R2"])
    assert _regions(propose_logical(across, g, config=config), across) == [{"A"}, {"B", "C"}]
    board = _with_areas(s, ["R1", "R1", "R2", "R2"], board=["", "9", "9", ""])
    config = load_config(
        regions=FLOORS,
        rules={"close_distance_m": 7_500, **NO_WHOLES},
        logical={"board_weight": 3},
    )
    assert _regions(propose_logical(board, g, config=config), board) == [{"A", "C"}, {"B"}]


def test_a_large_town_is_split_along_its_longest_link() -> None:
    """Town R: two groups of schools 4 km apart (a river), 300 pupils each.

    R3(0,5) - R4(1,5)        north
        |
    R1(0,1) - R2(1,1)        south
    """
    s = make_schools(
        [(0, 1000), (1000, 1000), (0, 5000), (1000, 5000)],
        [150, 150, 150, 150],
        places=["ROTTERDAM"] * 4,
    )
    s = _with_areas(s, ["R"] * 4)
    g = line_graph(s, [(0, 1), (0, 2), (2, 3), (1, 3)])
    split = propose_logical(s, g, config=_config(split_town_floors=1))
    assert sorted(split.assignment.unique()) == ["Rotterdam-Noord", "Rotterdam-Zuid"]
    assert split.assignment[s["code"][2]] == "Rotterdam-Noord"
    assert any("is split into 2 regions" in n for n in split.notes)
    whole = propose_logical(s, g, config=_config(split_town_floors=0))
    assert whole.assignment.nunique() == 1
    assert towns_split(s, split.assignment) == ["Rotterdam"]
    assert towns_split(s, whole.assignment) == []


def test_a_small_region_inside_a_larger_one_merges_into_it() -> None:
    """S (220 pupils: above the floor, under the 300 of part_of_whole) lies inside L's square.

    L3(0,20) ------------ L4(20,20)
       |      S1(10,11)      |
       |      S2(10,9)       |
    L1(0,0) ------------- L2(20,0)
    """
    s = make_schools(
        [(0, 0), (20000, 0), (0, 20000), (20000, 20000), (10000, 11000), (10000, 9000)],
        [100, 100, 100, 100, 110, 110],
        places=["L", "L", "L", "L", "S", "S"],
    )
    s = _with_areas(s, ["R"] * 6)
    g = line_graph(s, [(0, 1), (0, 2), (1, 3), (2, 3), (4, 5), (0, 5)])
    assert propose_logical(s, g, config=_config()).n_regions == 2
    p = propose_logical(s, g, config=_config(wholes=True))
    assert p.n_regions == 1
    assert "S hoort bij een groter logisch geheel" in p.regions["explanation"].iloc[0]


def test_an_island_joins_the_nearest_region_and_the_notes_say_so() -> None:
    """I1 has no edge (water); the mainland reaches the floor on its own."""
    s = make_schools([(0, 0), (3000, 0), (20000, 0)], [150, 150, 0], places=["A", "B", "I"])
    s = _with_areas(s, ["R"] * 3)
    g = ProximityGraph(s["code"].tolist(), s[["x", "y"]].to_numpy(), [[0, 1]])
    p = propose_logical(s, g, config=_config())
    assert p.n_regions == 1 and p.metrics.n_unassigned == 0
    assert any("separate part of the proximity graph" in n for n in p.notes)


@pytest.fixture(scope="module")
def national() -> tuple[pd.DataFrame, ProximityGraph, object]:
    schools = load_schools()
    config = load_config()
    graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    return schools, graph, propose_logical(schools, graph, config=config)


def test_national_proposal_passes_its_own_check(national: tuple) -> None:
    schools, graph, p = national
    config = load_config()
    assert p.metrics.n_unassigned == 0 and p.metrics.n_under_floor == 0
    assert p.metrics.n_disconnected == 0
    checked = check_proposal(schools, Proposal.from_assignment(p.assignment), graph, config=config)
    rules = set(checked.findings["rule"]) if len(checked.findings) else set()
    assert not rules & {"too_small", "part_of_larger_whole", "overlap", "left_out"}
    assert checked.n_errors == 0
    assert p.metrics.split_close_share <= 0.10
    # every region explains itself; no town is split without a note
    assert p.regions["explanation"].str.len().min() > 40
    assert towns_split(schools, p.assignment) == []


def test_national_proposal_is_deterministic(national: tuple) -> None:
    schools, graph, p = national
    again = propose_logical(schools, graph, config=load_config())
    assert again.assignment.equals(p.assignment)
    assert np.array_equal(again.regions["explanation"], p.regions["explanation"])


def test_cli_propose_defaults_to_logical_and_reports_its_figures(tmp_path) -> None:
    import json

    from click.testing import CliRunner

    from regionkit.cli import cli
    from regionkit.proposal import read_proposal

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["-q", "propose", "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["method"] == "logical" and data["n_towns_split"] == 0
    assert data["n_under_floor"] == 0 and 0 <= data["split_close_share"] <= 0.10
    back = read_proposal(out / "proposal.csv", load_schools())
    assert back.assignment.nunique() == data["n_regions"]
    text = CliRunner().invoke(cli, ["-q", "propose", "--config", str(_split_config(tmp_path))])
    assert "towns split over regions: 1 (Rotterdam)" in text.output
    assert "Rotterdam (871 counted pupils, " in text.output
    assert "is split into 2 regions (Rotterdam-Noord, Rotterdam-Zuid)" in text.output


def _split_config(tmp_path) -> object:
    path = tmp_path / "rules.toml"
    path.write_text("[logical]\nsplit_town_floors = 2\n", encoding="utf-8")
    return path
