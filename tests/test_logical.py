"""Logical regions: towns that stand together within cooperation areas, joined until large."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _tiny_schools import line_graph, make_schools

from regionkit._schema import LEERWEG_TOTAL_COLUMNS
from regionkit.config import load_config
from regionkit.graph import ProximityGraph
from regionkit.logical import EXPLANATION_COLUMNS, propose_logical, towns_split
from regionkit.proposal import Proposal
from regionkit.rules import check_proposal
from regionkit.schools import load_schools
from regionkit.wholes import floors

#: Floors of these tests: 200 counted pupils (rule 3's floor) and one technical school.
FLOORS = {"min_technical_schools": 1}
#: In a line of three towns the end ones border only one region: only the
#: tests of part of a larger whole keep that rule at its default.
NO_WHOLES = {"part_of_whole_max_counted_pupils": 100}


def _config(wholes: bool = False, rules: dict | None = None, **logical: object) -> object:
    rule = {"min_counted_pupils": 200, **({} if wholes else NO_WHOLES), **(rules or {})}
    return load_config(regions=FLOORS, logical=logical, rules=rule)


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


def test_the_floors_are_rule_3s_one_definition() -> None:
    config = load_config(rules={"min_counted_pupils": 120}, regions={"min_technical_schools": 3})
    assert floors(config) == (120.0, 3)
    assert floors(load_config()) == (63.0, 2)  # EUR 1 M: the smallest approved regions


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
    assert p.metrics.min_counted_pupils == 200  # the logical floor, not [regions]'
    assert set(EXPLANATION_COLUMNS) <= set(p.regions.columns)
    why = p.regions.set_index("region").loc["A", "explanation"]
    assert "Aangesloten binnen RMC-regio R" in why and "C (50)" in why
    assert "ondergrens in deze analyse: 200" in why


def test_a_region_stays_within_its_rmc_region_unless_that_is_too_small() -> None:
    """C is nearer to B, but A shares C's RMC region: C joins A. Alone, C's region crosses.

    A1(0) --------- C1(9 km) -- B1(12 km)
    RMC R1: A, C               RMC R2: B
    """
    s = make_schools([(0, 0), (9000, 0), (12000, 0)], [250, 50, 250], places=["A", "C", "B"])
    g = line_graph(s, [(0, 1), (1, 2)])
    inside = _with_areas(s, ["R1", "R1", "R2"])
    p = propose_logical(inside, g, config=_config())
    assert _regions(p, inside) == [{"A", "C"}, {"B"}]
    alone = _with_areas(s, ["R0", "R1", "R2"])  # C's RMC region holds only C
    p = propose_logical(alone, g, config=_config())
    assert _regions(p, alone) == [{"A"}, {"B", "C"}]
    why = p.regions.set_index("region").loc["B", "explanation"]
    assert "RMC-regio R1 blijft alleen onder een ondergrens" in why
    assert any("1 gebied haalt de ondergrenzen niet alleen" in n for n in p.notes)
    # without containers, the nearer neighbour (most close pairs) wins
    p = propose_logical(inside, g, config=_config(containers="none"))
    assert _regions(p, inside) == [{"A"}, {"B", "C"}]


def test_a_school_board_decides_between_equal_neighbours() -> None:
    """C has one close pair with A and one with B and equally long links; C and A share a board.

    A1(0) -------- C1(7 km) -------- B1(14 km)
    """
    s = make_schools([(0, 0), (7000, 0), (14000, 0)], [250, 50, 250], places=["A", "C", "B"])
    g = line_graph(s, [(0, 1), (1, 2)])
    board = _with_areas(s, ["R"] * 3, board=["9", "9", ""])
    assert _regions(propose_logical(board, g, config=_config()), board) == [{"A", "C"}, {"B"}]
    other = _with_areas(s, ["R"] * 3, board=["", "9", "9"])
    assert _regions(propose_logical(other, g, config=_config()), other) == [{"A"}, {"B", "C"}]


def test_towns_that_stand_together_form_one_region() -> None:
    """A and B are 4 km apart (one built-up area), D stands 20 km away; each reaches the floor.

    A1(0) -- B1(4 km) ------------------ D1(24 km)
    """
    s = make_schools([(0, 0), (4000, 0), (24000, 0)], [250, 250, 250], places=["A", "B", "D"])
    s = _with_areas(s, ["R"] * 3)
    g = line_graph(s, [(0, 1), (1, 2)])
    p = propose_logical(s, g, config=_config())
    assert _regions(p, s) == [{"A", "B"}, {"D"}]
    assert "liggen de plaatsen bij elkaar" in p.regions["explanation"].iloc[0]
    assert _regions(propose_logical(s, g, config=_config(together_m=0)), s) == [
        {"A"},
        {"B"},
        {"D"},
    ]
    # towns in two RMC regions do not stand together across the boundary
    apart = _with_areas(s, ["R1", "R2", "R2"])
    assert _regions(propose_logical(apart, g, config=_config()), apart) == [{"A"}, {"B"}, {"D"}]


def test_vso_and_pro_schools_follow_and_do_not_chain_towns() -> None:
    """A vso school halfway between A and B (4 km from each) does not make them one group.

    A1(0) -- V1(4 km, vso) -- B1(8 km)
    """
    s = make_schools(
        [(0, 0), (4000, 0), (8000, 0)],
        [250, 0, 250],
        places=["A", "V", "B"],
        kind=["vmbo", "vso", "vmbo"],
    )
    s = _with_areas(s, ["R"] * 3)
    g = line_graph(s, [(0, 1), (1, 2)])
    p = propose_logical(s, g, config=_config())
    assert p.n_regions == 2 and p.metrics.n_unassigned == 0
    vmbo = s.assign(kind="vmbo")
    assert propose_logical(vmbo, g, config=_config()).n_regions == 1


def test_regions_are_named_after_their_town_with_the_most_vmbo_pupils() -> None:
    """H has a large technical school, A the most vmbo pupils (TL included): the region is A."""
    s = make_schools([(0, 0), (3000, 0)], [40, 220], places=["A", "H"])
    s = _with_areas(s, ["R1", "R2"]).assign(corop_name=["C1", "C2"])  # no area holds it
    for column in LEERWEG_TOTAL_COLUMNS:
        s[column] = 0
    s["tl_lj3"] = [500, 0]
    s["bb_lj3"] = [40, 220]
    g = line_graph(s, [(0, 1)])
    p = propose_logical(s, g, config=_config(containers="none"))
    assert p.assignment.unique().tolist() == ["A"]
    assert "Genoemd naar A: de plaats met de meeste vmbo-leerlingen" in p.regions.iloc[0, -1]


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
    split = propose_logical(s, g, config=_config(split_town_pupils=300))
    assert sorted(split.assignment.unique()) == ["Rotterdam-Noord", "Rotterdam-Zuid"]
    assert split.assignment[s["code"][2]] == "Rotterdam-Noord"
    assert any("is gesplitst in 2 regio's" in n for n in split.notes)
    whole = propose_logical(s, g, config=_config(split_town_pupils=0))
    assert whole.assignment.nunique() == 1
    assert towns_split(s, split.assignment) == ["Rotterdam"]
    assert towns_split(s, whole.assignment) == []


def test_the_parts_of_a_split_town_do_not_join_again_through_a_neighbour() -> None:
    """Town S (4 km from both parts of R) stands together with each; R stays split."""
    s = make_schools(
        [(0, 0), (1000, 0), (0, 6000), (1000, 6000), (4000, 3000)],
        [150, 150, 150, 150, 250],
        places=["ROTTERDAM"] * 4 + ["S"],
    )
    s = _with_areas(s, ["R"] * 5)
    g = line_graph(s, [(0, 1), (0, 2), (2, 3), (1, 3), (1, 4), (3, 4)])
    p = propose_logical(s, g, config=_config(split_town_pupils=300))
    assert p.n_regions == 2 and towns_split(s, p.assignment) == ["Rotterdam"]


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
    assert propose_logical(s, g, config=_config(together_m=0)).n_regions == 2
    p = propose_logical(s, g, config=_config(wholes=True, together_m=0))
    assert p.n_regions == 1
    assert "S hoort bij een groter logisch geheel" in p.regions["explanation"].iloc[0]


def test_a_techniekarm_region_is_part_of_a_larger_whole_by_its_pupils() -> None:
    """S of the square above is techniekarm (220 counted among 4,000 pupils in leerjaar 3 and
    4): rule 3 measures it on those pupils (the check's definition), so it is not small and
    stays a region of its own; with 1,000 such pupils it is small and joins L.
    """
    s = make_schools(
        [(0, 0), (20000, 0), (0, 20000), (20000, 20000), (10000, 11000), (10000, 9000)],
        [100, 100, 100, 100, 110, 110],
        places=["L", "L", "L", "L", "S", "S"],
    )
    s = _with_areas(s, ["R"] * 6)
    for column in LEERWEG_TOTAL_COLUMNS:
        s[column] = 0
    s["kb_lj3"] = [100, 100, 100, 100, 2000, 2000]
    s["name"] = "Testschool"
    g = line_graph(s, [(0, 1), (0, 2), (1, 3), (2, 3), (4, 5), (0, 5)])
    config = _config(wholes=True, together_m=0)
    p = propose_logical(s, g, config=config)
    assert p.n_regions == 2
    checked = check_proposal(s, Proposal.from_assignment(p.assignment), g, config=config)
    assert "part_of_larger_whole" not in set(checked.findings["rule"])
    s["kb_lj3"] = [100, 100, 100, 100, 500, 500]
    assert propose_logical(s, g, config=config).n_regions == 1


def test_an_island_joins_the_nearest_region_and_the_notes_say_so() -> None:
    """I1 has no edge (water); the mainland reaches the floor on its own."""
    s = make_schools([(0, 0), (3000, 0), (20000, 0)], [150, 150, 0], places=["A", "B", "I"])
    s = _with_areas(s, ["R"] * 3)
    g = ProximityGraph(s["code"].tolist(), s[["x", "y"]].to_numpy(), [[0, 1]])
    p = propose_logical(s, g, config=_config())
    assert p.n_regions == 1 and p.metrics.n_unassigned == 0
    assert any("apart deel van de nabijheidsgraaf" in n for n in p.notes)


def test_a_number_of_regions_joins_the_smallest_or_cuts_between_towns() -> None:
    """Four towns 20 km apart in a line, 250 pupils each: four regions on their own.

    A(0) ---- B(20) ---- C(40) ---- D(60 km)
    """
    s = make_schools(
        [(0, 0), (20000, 0), (40000, 0), (60000, 0)], [250, 250, 250, 250], places=list("ABCD")
    )
    s = _with_areas(s, ["R"] * 4)
    g = line_graph(s, [(0, 1), (1, 2), (2, 3)])
    assert propose_logical(s, g, config=_config()).n_regions == 4
    two = propose_logical(s, g, config=_config(), n_regions=2)
    assert two.n_regions == 2 and two.metrics.n_disconnected == 0
    assert any("2 regio's zoals gevraagd (de plaatsen alleen geven er 4)" in n for n in two.notes)
    assert "gevraagde aantal van 2 regio's" in " ".join(two.regions["explanation"])
    # a pair of towns can be cut again; a single town cannot
    three = propose_logical(s, g, config=_config(), n_regions=3)
    assert three.n_regions == 3
    five = propose_logical(s, g, config=_config(), n_regions=5)
    assert five.n_regions == 4
    assert any("4 regio's in plaats van de gevraagde 5" in n for n in five.notes)
    merged = propose_logical(s, g, config=_config(together_m=25_000))
    assert merged.n_regions == 1
    cut = propose_logical(s, g, config=_config(together_m=25_000), n_regions=2)
    assert cut.n_regions == 2 and towns_split(s, cut.assignment) == []
    assert "afgesplitst van een grotere regio" in " ".join(cut.regions["explanation"])


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


def test_national_regions_stay_in_their_rmc_region_and_have_names_people_use(
    national: tuple,
) -> None:
    schools, _, p = national
    table = p.regions.set_index("region")
    # a region crosses an RMC boundary only where an RMC region is too small alone
    crossing = table.index[table["rmc_share"] < 1]
    assert len(crossing) <= 3
    a = p.assignment
    place = schools.set_index("code")["place"]

    def region_of(town: str) -> str:
        return str(a[place.index[place == town][0]])

    assert region_of("ARNHEM") != "Huissen" and region_of("AMERSFOORT") == "Amersfoort"
    assert region_of("SNEEK") != region_of("EMMELOORD")
    assert region_of("ZALTBOMMEL") != region_of("UTRECHT")
    assert region_of("STEENWIJK") != region_of("DRACHTEN")
    # places as people write them: no DUO province suffix, brackets only for a shared name
    assert region_of("EDE GLD") == "Ede"
    suffix = r" (?:Gld|Zh|Nh|Nb|Lb|Ov|Fr|Ut|Gn)\b"
    assert not table.index.str.contains(suffix).any()
    assert not table["towns"].str.contains(suffix).any()
    assert "Bergen (NH)" in table.loc[region_of("BERGEN NH"), "towns"].split(", ")
    assert "Rijswijk" in table.loc[region_of("RIJSWIJK ZH"), "towns"].split(", ")


def test_national_proposal_is_deterministic(national: tuple) -> None:
    schools, graph, p = national
    again = propose_logical(schools, graph, config=load_config())
    assert again.assignment.equals(p.assignment)
    assert np.array_equal(again.regions["explanation"], p.regions["explanation"])


def test_a_number_of_regions_cuts_off_no_part_of_a_larger_whole(national: tuple) -> None:
    """90 regions asked for: a cut after which the check would call a part of a larger whole
    is not made; the notes say how many regions stayed whole for that reason."""
    schools, graph, _ = national
    config = load_config()
    p = propose_logical(schools, graph, config=config, n_regions=90)
    checked = check_proposal(schools, Proposal.from_assignment(p.assignment), graph, config=config)
    rules = set(checked.findings["rule"])
    assert not rules & {"too_small", "part_of_larger_whole"}
    assert 67 < p.n_regions < 90
    (note,) = [n for n in p.notes if "in plaats van de gevraagde 90" in n]
    assert "niet gesplitst omdat een deel dan deel van een groter geheel zou zijn" in note


def test_cli_propose_says_what_its_own_check_would_find(tmp_path) -> None:
    """propose reports the regions that regionkit check calls too small or part of a larger
    whole, by the check's own rules: max-p's proposal has some, and check agrees."""
    import json

    from click.testing import CliRunner

    from regionkit.cli import cli

    out = tmp_path / "maxp"
    result = CliRunner().invoke(
        cli, ["-q", "propose", "--method", "maxp", "--json", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    checked = CliRunner().invoke(cli, ["-q", "check", str(out / "proposal.csv"), "--json"])
    by_rule = json.loads(checked.output)["by_rule"]
    assert data["n_part_of_larger_whole"] == by_rule["part_of_larger_whole"] > 0
    assert data["n_too_small"] == by_rule["too_small"] == len(data["too_small"])
    assert len(data["part_of_larger_whole"]) == data["n_part_of_larger_whole"]
    text = CliRunner().invoke(cli, ["-q", "propose", "--method", "maxp"]).output
    listed = ", ".join(data["part_of_larger_whole"])
    assert (
        f"volgens regionkit check: te klein 0; deel van een groter geheel "
        f"{data['n_part_of_larger_whole']} ({listed})"
    ) in text
    logical = json.loads(CliRunner().invoke(cli, ["-q", "propose", "--json"]).output)
    assert logical["n_too_small"] == logical["n_part_of_larger_whole"] == 0


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
    assert "plaatsen verdeeld over regio's: 1 (Rotterdam)" in text.output  # Dutch: the default
    assert "Rotterdam (871 getelde leerlingen, " in text.output
    assert "is gesplitst in 2 regio's (Rotterdam-Noord, Rotterdam-Zuid)" in text.output
    fifty = CliRunner().invoke(cli, ["-q", "propose", "--n-regions", "50", "--json"])
    assert json.loads(fifty.output)["n_regions"] == 50
    wrong = CliRunner().invoke(cli, ["-q", "propose", "--method", "maxp", "--n-regions", "5"])
    assert wrong.exit_code == 2 and "--n-regions goes with --method fixed or logical" in (
        wrong.output
    )


def _split_config(tmp_path) -> object:
    path = tmp_path / "rules.toml"
    path.write_text("[logical]\nsplit_town_pupils = 400\n", encoding="utf-8")
    return path
