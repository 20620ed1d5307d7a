"""Tests of the rule checks (regionkit.rules) and the ``regionkit check`` / ``match`` commands.

Unit tests build tiny school layouts in code (kilometres on a grid, drawn in
each docstring) with a hand-made proximity graph; end-to-end tests check the
official divisions of the bundled data and a real-shaped proposal file with
planted violations.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regionkit._schema import COUNT_COLUMNS, IDENTITY_COLUMNS
from regionkit.config import load_config
from regionkit.graph import ProximityGraph
from regionkit.proposal import Proposal, proposal_from_division, read_proposal
from regionkit.regions import Regions
from regionkit.rules import (
    RULE_IDS,
    CheckResult,
    Finding,
    check,
    check_proposal,
    close_schools_split,
    composition,
    left_out,
    not_one_area,
    overlap,
    part_of_larger_whole,
    too_small,
    unknown_school,
    write_findings,
)

CONFIG = load_config()
EN = load_config(language="en")
X0, Y0 = 150_000.0, 450_000.0


# --- tiny layouts -------------------------------------------------------------------------------


def make_schools(*spec: tuple[str, float, float, int, int]) -> pd.DataFrame:
    """A complete schools table from (code, x km, y km, BB/KB pupils, GL pupils).

    A school has a technical profile when it has counted pupils (PIE, leerjaar 3).
    """
    rows = []
    for code, xk, yk, bb_kb, gl in spec:
        row: dict[str, object] = {c: pd.NA for c in IDENTITY_COLUMNS}
        row.update({c: 0 for c in COUNT_COLUMNS})
        row.update(
            code=code,
            brin=code[:4],
            branch=code[4:],
            name=f"Testcollege {code}",
            place="TESTDORP",
            gemeente="Testdorp",
            kind="vmbo",
            in_address_file=True,
            has_technical_profile=bb_kb + gl > 0,
            profiles="PIE" if bb_kb + gl > 0 else "",
            x=X0 + xk * 1000,
            y=Y0 + yk * 1000,
            pie_kb_lj3=bb_kb,
            pie_gl_lj3=gl,
            kb_lj3=bb_kb,
            gl_lj3=gl,
            technical_lj3=bb_kb + gl,
        )
        rows.append(row)
    return pd.DataFrame(rows).sort_values("code").reset_index(drop=True)


def make_graph(schools: pd.DataFrame, *edges: tuple[str, str]) -> ProximityGraph:
    """The graph over ``schools`` with exactly the given edges (by code)."""
    codes = schools["code"].tolist()
    pairs = sorted(tuple(sorted((codes.index(a), codes.index(b)))) for a, b in edges)
    return ProximityGraph(codes, schools[["x", "y"]].to_numpy(), np.array(pairs).reshape(-1, 2))


def assign(**regions: str) -> pd.Series:
    """An assignment from keyword arguments: code=region."""
    return pd.Series(regions, name="region")


# --- 1. overlap ---------------------------------------------------------------------------------


def test_overlap_names_the_school_and_its_regions() -> None:
    """A1 listed in B and in A (in that order); A2 only in A.

    A1(0,0)  A2(5,0)
    """
    s = make_schools(("10AA01", 0, 0, 100, 0), ("10AA02", 5, 0, 100, 0))
    memberships = pd.DataFrame(
        {"region": ["B", "A", "A"], "code": ["10AA01", "10AA01", "10AA02"], "row": [2, 3, 4]}
    )
    partners = pd.DataFrame(
        {"region": ["A", "B"], "role": ["mbo", "mbo"], "name": ["ROC X", "ROC X"], "row": [5, 6]}
    )
    (f,) = overlap(Regions(s, Proposal(memberships=memberships, partners=partners), config=CONFIG))
    assert (f.rule, f.severity, f.regions, f.schools) == (
        "overlap",
        "error",
        ("B", "A"),
        ("10AA01",),
    )
    assert (f.value, f.threshold, f.details["rows"]) == (2.0, 1.0, [2, 3])
    assert "staat in 2 regio's: B en A" in f.message and "Oplossing:" in f.message
    # an mbo institution in two regions is fine; so is a school listed once
    assert (
        overlap(
            Regions(s, Proposal(memberships=memberships.iloc[1:], partners=partners), config=CONFIG)
        )
        == []
    )


# --- 2. unknown school --------------------------------------------------------------------------


def test_unknown_school_suggests_codes_by_name_or_brin(tmp_path: Path, schools) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "regio;code;naam;plaats\nZeeland;00AQ09;Zwin College;Oostburg\n"
        "Twente;00AH99;;\nTwente;00AH17;;\nNowhere;77QQ00;;\n"
    )
    p = read_proposal(path, schools)
    found = {f.schools[0]: f for f in unknown_school(Regions(schools, p, config=CONFIG))}
    assert sorted(found) == ["00AH99", "00AQ09", "77QQ00"]  # 00AH17 is known
    assert found["00AQ09"].suggestion == "00AQ00"  # by name and place
    assert found["00AQ09"].regions == ("Zeeland",) and found["00AQ09"].severity == "error"
    assert found["00AQ09"].details["rows"] == [2]
    # other branches of the BRIN, one character off first, then the nearest branch number
    assert found["00AH99"].suggestion == "00AH09;00AH17;00AH08"
    assert "00AH09 (Openbare Scholengemeenschap" in found["00AH99"].message
    assert found["77QQ00"].suggestion == ""
    assert "geen school met een vergelijkbare naam" in found["77QQ00"].message


def test_an_unknown_code_suggests_the_code_one_character_off_first(schools) -> None:
    """00KM56 is a typo for 00KM55 (De Rietpluim, Almelo): it comes first, before the BRIN's
    other branches; a code one character off in another BRIN is a candidate too."""
    p = Proposal.from_assignment(pd.Series({"00KM56": "Twente", "00KN55": "Twente"}))
    found = {f.schools[0]: f for f in unknown_school(Regions(schools, p, config=CONFIG))}
    assert found["00KM56"].suggestion.split(";")[0] == "00KM55"
    assert "bedoelt u 00KM55 (De Rietpluim, Almelo)" in found["00KM56"].message
    assert found["00KN55"].suggestion.split(";")[0] == "00KM55"  # no BRIN 00KN: one letter off


# --- 3. left out --------------------------------------------------------------------------------


def test_left_out_suggests_the_region_of_most_neighbours() -> None:
    """X has a technical profile and is in no region; Y has none (not eligible).

    B1(0,0) -- X(5,0) -- B2(10,0)        Y(30,0)
                 |
               A1(5,1)
    """
    s = make_schools(
        ("10BB01", 0, 0, 100, 0),
        ("10BB02", 10, 0, 100, 0),
        ("10AA01", 5, 1, 100, 0),
        ("10XX00", 5, 0, 40, 4),
        ("10YY00", 30, 0, 0, 0),
    )
    g = make_graph(s, ("10BB01", "10XX00"), ("10XX00", "10BB02"), ("10XX00", "10AA01"))
    a = assign(**{"10BB01": "B", "10BB02": "B", "10AA01": "A"})
    (f,) = left_out(Regions(s, a, config=CONFIG, graph=g))
    assert (f.rule, f.severity, f.schools, f.suggestion) == (
        "left_out",
        "warning",
        ("10XX00",),
        "B",
    )
    assert f.regions == () and f.value == 42.0
    assert "regio B, waar 2 van de 3 scholen om haar heen bij horen" in f.message
    # without a graph: the region of the nearest assigned schools (2 of the 3 nearest are in B)
    (f,) = left_out(Regions(s, a, config=EN))
    assert f.suggestion == "B" and "whose nearest school is 5 km away" in f.message
    # listed in a region: nothing to report
    assert (
        left_out(Regions(s, pd.concat([a, assign(**{"10XX00": "A"})]), config=CONFIG, graph=g))
        == []
    )


# --- 4. too small -------------------------------------------------------------------------------


def test_too_small_counts_weighted_pupils_and_names_a_neighbour() -> None:
    """A counts 50 BB/KB + 3 GL = 51.5 (GL half); B counts 1,234 + 1 GL.

    A1(0,0) -- B1(5,0)
    """
    s = make_schools(("10AA01", 0, 0, 50, 3), ("10BB01", 5, 0, 1234, 1))
    g = make_graph(s, ("10AA01", "10BB01"))
    a = assign(**{"10AA01": "A", "10BB01": "B"})
    (f,) = too_small(Regions(s, a, config=CONFIG, graph=g))
    # the default floor: EUR 1 M over four years, the smallest regions the programme approved
    assert (f.rule, f.regions, f.value, f.threshold) == ("too_small", ("A",), 51.5, 63.0)
    assert f.suggestion == "B" and f.schools == ("10AA01",)
    assert "telt 51,5 getelde leerlingen" in f.message and "buurregio B" in f.message
    # the floor and the GL weight come from the configuration
    high = load_config(language="en", rules={"min_counted_pupils": 2000})
    by_region = {f.regions[0]: f for f in too_small(Regions(s, a, config=high, graph=g))}
    assert by_region["B"].value == 1234.5 and "has 1,234.5 counted pupils" in by_region["B"].message
    assert "the floor in this analysis is 2,000 (a setting)" in by_region["B"].message
    assert "without a number" in by_region["B"].message
    # A and B together (1,286) stay under 2,000: no merge is suggested that would not fix it
    assert "even together with A there are 1,286 counted pupils" in by_region["B"].message
    assert by_region["B"].suggestion == "" and "merge it with" not in by_region["B"].message
    full_gl = load_config(funding={"gl_weight": 1.0})
    assert too_small(Regions(s, a, config=full_gl, graph=g))[0].value == 53.0
    assert (
        too_small(Regions(s, a, config=load_config(rules={"min_counted_pupils": 50}), graph=g))
        == []
    )


def test_a_merge_suggestion_is_the_smallest_set_of_neighbours_that_reaches_the_floor() -> None:
    """A (20 pupils) touches B and C (30 each); neither alone brings A to 63, both do.

    B1(0,5)          C1(10,5)
         \\        /
          A1(5,0)
    Z1(50,0)-Z2(55,0): Z and Y (10 each) touch only each other: no merge nearby is enough.
    """
    s = make_schools(
        ("10AA01", 5, 0, 20, 0),
        ("10BB01", 0, 5, 30, 0),
        ("10CC01", 10, 5, 30, 0),
        ("10ZZ01", 50, 0, 10, 0),
        ("10YY01", 55, 0, 10, 0),
    )
    g = make_graph(s, ("10AA01", "10BB01"), ("10AA01", "10CC01"), ("10ZZ01", "10YY01"))
    a = assign(**{"10AA01": "A", "10BB01": "B", "10CC01": "C", "10ZZ01": "Z", "10YY01": "Y"})
    found = {f.regions[0]: f for f in too_small(Regions(s, a, config=CONFIG, graph=g))}
    f = found["A"]
    assert f.details["merge_with"] == ["B", "C"] and f.details["merged_counted"] == 80.0
    assert f.suggestion == "B;C" and f.details["merge_reaches_floor"]
    assert "de buurregio's B en C (samen 80 getelde leerlingen" in f.message
    z = found["Z"]
    assert z.suggestion == "" and not z.details["merge_reaches_floor"]
    assert "geen samenvoeging in de buurt haalt de ondergrens" in z.message
    assert "ook samen met Y zijn het 20 getelde leerlingen" in z.message
    assert "voeg de regio samen met" not in z.message
    en = {f.regions[0]: f for f in too_small(Regions(s, a, config=EN, graph=g))}
    assert "neighbouring regions B and C (together 80 counted pupils" in en["A"].message
    assert "no merge nearby reaches the floor" in en["Z"].message


def test_a_merge_suggestion_prefers_the_neighbour_with_the_most_close_pairs() -> None:
    """A (10 pupils) has one graph link to each of B and C, both large enough with A; C's
    three schools stand within 10 km of A's, B's one school 9 km off only one of A's.

    B1(-9,0)  A1(0,0) A2(4,0)   C1(2,3) C2(3,3) C3(5,3)   (B has more pupils, C more pairs)
    """
    s = make_schools(
        ("10AA01", 0, 0, 10, 0),
        ("10AA02", 4, 0, 0, 0),
        ("10BB01", -9, 0, 500, 0),
        ("10CC01", 2, 3, 60, 0),
        ("10CC02", 3, 3, 0, 0),
        ("10CC03", 5, 3, 0, 0),
    )
    g = make_graph(s, ("10AA01", "10BB01"), ("10AA02", "10CC03"))
    a = assign(**{"10AA01": "A", "10AA02": "A", "10BB01": "B"})
    a = pd.concat([a, assign(**{"10CC01": "C", "10CC02": "C", "10CC03": "C"})])
    f = next(f for f in too_small(Regions(s, a, config=CONFIG, graph=g)) if f.regions == ("A",))
    assert f.suggestion == "C" and "buurregio C (samen 70 getelde leerlingen)" in f.message
    # without a graph the close pairs choose too
    f = next(f for f in too_small(Regions(s, a, config=CONFIG)) if f.regions == ("A",))
    assert f.suggestion == "C"


def test_nodal_areas_merge_advice_fixes_the_size_or_says_it_cannot(schools, graph) -> None:
    """Measured on counted pupils alone ([rules] min_techniekarm_pupils = 0), Zeeuws-Vlaanderen
    (Terneuzen, Hulst, Oostburg: 2 counted pupils together, no other neighbour in the proximity
    graph) is not told to merge into a region still too small, and Alphen aan den Rijn is told
    to merge with Leiden (most school pairs within 10 km), not Amsterdam. By default a
    techniekarm merge is measured on its pupils, and Hulst with Terneuzen is large enough."""
    counted_only = load_config(rules={"min_techniekarm_pupils": 0})
    regions = Regions.from_division(schools, "nodal", config=counted_only, graph=graph)
    found = {f.regions[0]: f for f in too_small(regions)}
    for name in ("Terneuzen", "Hulst", "Oostburg"):
        f = found[name]
        assert f.suggestion == "" and f.details["merged_counted"] == 2.0, name
        assert "geen samenvoeging in de buurt haalt de ondergrens" in f.message
        assert "samen met buurregio" not in f.message
    assert "ook samen met Hulst en Oostburg zijn het 2 getelde" in found["Terneuzen"].message
    assert found["Alphen aan den Rijn"].suggestion == "Leiden"
    for f in found.values():  # every merge suggested reaches the floor
        assert not f.suggestion or f.details["merged_counted"] >= 63, f.regions
    (hulst,) = [f for f in part_of_larger_whole(regions) if f.regions[0] == "Hulst"]
    assert "Ook samen blijven ze onder de ondergrens van 63" in hulst.message
    default = Regions.from_division(schools, "nodal", config=CONFIG, graph=graph)
    found = {f.regions[0]: f for f in too_small(default)}
    assert (
        found["Hulst"].suggestion == "Terneuzen" and found["Hulst"].details["merge_reaches_floor"]
    )
    assert "samen techniekarm, met 577 leerlingen in leerjaar 3 en 4" in found["Hulst"].message
    (hulst,) = [f for f in part_of_larger_whole(default) if f.regions[0] == "Hulst"]
    assert "Ook samen blijven" not in hulst.message


# --- 5. part of a larger whole ------------------------------------------------------------------


def test_small_region_inside_a_larger_one_should_merge() -> None:
    """S (2 schools, 100 pupils) lies inside the hull of L (4 schools, 400 pupils).

    L3(0,20) ------------ L4(20,20)
       |      S1(10,11)      |
       |      S2(10,9)       |
    L1(0,0) ------------- L2(20,0)
    """
    s = make_schools(
        ("10LL01", 0, 0, 100, 0),
        ("10LL02", 20, 0, 100, 0),
        ("10LL03", 0, 20, 100, 0),
        ("10LL04", 20, 20, 100, 0),
        ("10SS01", 10, 11, 50, 0),
        ("10SS02", 10, 9, 50, 0),
    )
    a = assign(**{c: "L" for c in ("10LL01", "10LL02", "10LL03", "10LL04")})
    a = pd.concat([a, assign(**{"10SS01": "S", "10SS02": "S"})])
    (f,) = part_of_larger_whole(Regions(s, a, config=CONFIG))
    assert (f.rule, f.aspect, f.regions, f.suggestion) == (
        "part_of_larger_whole",
        "hull",
        ("S", "L"),
        "L",
    )
    assert (f.value, f.threshold, f.schools) == (1.0, 0.75, ("10SS01", "10SS02"))
    assert f.details["merged_n_schools"] == 6 and f.details["merged_counted"] == 500.0
    assert "voeg S samen met L; samen 6 scholen" in f.message and "500 getelde" in f.message
    # a larger floor than S's pupils is needed: at 100 S is not "small"
    small = load_config(rules={"part_of_whole_max_counted_pupils": 100})
    assert part_of_larger_whole(Regions(s, a, config=small)) == []


def test_a_techniekarm_region_is_part_of_a_larger_whole_by_its_pupils() -> None:
    """S (inside L's square, as above) is techniekarm: 20 counted pupils among many more in
    leerjaar 3 and 4. Rule 4 allows it and rule 3 measures it on those pupils (315 weigh as
    63 counted pupils, so 300 counted pupils as 1,500): with 1,800 pupils it is not small;
    with 1,000 it is, and the finding says it is measured on its pupils."""
    s = make_schools(
        ("10LL01", 0, 0, 100, 0),
        ("10LL02", 20, 0, 100, 0),
        ("10LL03", 0, 20, 100, 0),
        ("10LL04", 20, 20, 100, 0),
        ("10SS01", 10, 11, 10, 0),
        ("10SS02", 10, 9, 10, 0),
    )
    a = assign(**{c: "L" for c in ("10LL01", "10LL02", "10LL03", "10LL04")})
    a = pd.concat([a, assign(**{"10SS01": "S", "10SS02": "S"})])
    in_s = s["code"].isin(["10SS01", "10SS02"])
    large = s.copy()
    large.loc[in_s, "kb_lj4"] = 890  # 900 pupils each, 10 of them technical: techniekarm
    assert part_of_larger_whole(Regions(large, a, config=CONFIG)) == []
    small = s.copy()
    small.loc[in_s, "kb_lj4"] = 490
    (f,) = part_of_larger_whole(Regions(small, a, config=CONFIG))
    assert (f.regions, f.aspect, f.details["techniekarm"]) == (("S", "L"), "hull", True)
    assert f.details["pupils"] == 1000.0
    assert "Regio S is techniekarm en klein (1.000 leerlingen in leerjaar 3 en 4" in f.message
    assert "klein is in deze analyse minder dan 1.500, instelbaar" in f.message
    counted_only = load_config(rules={"min_techniekarm_pupils": 0})  # measured like any other
    (f,) = part_of_larger_whole(Regions(large, a, config=counted_only))
    assert f.details["techniekarm"] is False and "is klein (20 getelde" in f.message


def test_small_region_bordering_mostly_one_neighbour_should_merge() -> None:
    """S1 links only to L (no hull: L is a line); T1 links to L and M equally.

    L1(0,0) -- L2(5,0) -- L3(10,0) -- S1(15,0)
                            |
                          T1(10,-5) -- M1(10,-10) -- M2(15,-10)
    """
    s = make_schools(
        ("10LL01", 0, 0, 100, 0),
        ("10LL02", 5, 0, 100, 0),
        ("10LL03", 10, 0, 100, 0),
        ("10SS01", 15, 0, 20, 0),
        ("10TT01", 10, -5, 20, 0),
        ("10MM01", 10, -10, 100, 0),
        ("10MM02", 15, -10, 100, 0),
    )
    g = make_graph(
        s,
        ("10LL01", "10LL02"),
        ("10LL02", "10LL03"),
        ("10LL03", "10SS01"),
        ("10LL03", "10TT01"),
        ("10TT01", "10MM01"),
        ("10MM01", "10MM02"),
    )
    a = assign(
        **{"10LL01": "L", "10LL02": "L", "10LL03": "L", "10SS01": "S", "10TT01": "T"},
        **{"10MM01": "M", "10MM02": "M"},
    )
    (f,) = part_of_larger_whole(Regions(s, a, config=EN, graph=g))
    assert (f.aspect, f.regions, f.value, f.suggestion) == ("boundary", ("S", "L"), 1.0, "L")
    assert "of the other regions' schools next to its own, 100 % belong to the larger region L" in (
        f.message
    )
    assert "small in this analysis: under 300, a setting" in f.message
    assert "together 4 schools, 4 with a technical profile, and 320 counted pupils" in f.message
    # T borders L and M equally (50 %): under the 75 % share; at 50 % it joins L (by name)
    half = load_config(rules={"part_of_whole_share": 0.5})
    found = {f.regions[0]: f for f in part_of_larger_whole(Regions(s, a, config=half, graph=g))}
    assert found["T"].suggestion == "L" and found["T"].value == 0.5


# --- 6. close schools split ---------------------------------------------------------------------


def test_close_schools_split_one_finding_per_pair_of_regions() -> None:
    """Four A-B pairs lie within 10 km; C is far from both.

    A1(0,0)  A2(3,0)  B1(6.2,0)  B2(8,0)  ...  C1(30,0)
    """
    s = make_schools(
        ("10AA01", 0, 0, 10, 0),
        ("10AA02", 3, 0, 10, 0),
        ("10BB01", 6.2, 0, 10, 0),
        ("10BB02", 8, 0, 10, 0),
        ("10CC01", 30, 0, 10, 0),
    )
    a = assign(**{"10AA01": "A", "10AA02": "A", "10BB01": "B", "10BB02": "B", "10CC01": "C"})
    (f,) = close_schools_split(Regions(s, a, config=CONFIG))
    assert (f.rule, f.regions, f.schools) == (
        "close_schools_split",
        ("A", "B"),
        ("10AA02", "10BB01"),
    )
    assert (f.value, f.threshold, f.unit) == (3200.0, 10_000.0, "m")
    assert f.details["n_pairs"] == 4
    assert f.details["schools_involved"] == ["10AA01", "10AA02", "10BB01", "10BB02"]
    assert "liggen 4 paren scholen binnen 10 km" in f.message and "op 3,2 km" in f.message
    (f,) = close_schools_split(
        Regions(s, a, config=load_config(language="en", rules={"close_distance_m": 4000}))
    )
    assert f.details["n_pairs"] == 1 and "1 pair of schools is within 4 km" in f.message
    assert "3.2 km apart" in f.message
    assert (
        close_schools_split(Regions(s, assign(**{c: "A" for c in s["code"]}), config=CONFIG)) == []
    )


# --- 7. not one area ----------------------------------------------------------------------------


LINE = make_schools(
    ("10AA01", 0, 0, 10, 0),
    ("10BB01", 5, 0, 10, 0),
    ("10AA02", 10, 0, 10, 0),
    ("10AA03", 15, 0, 10, 0),
)


def test_region_split_by_another_region_names_the_stray_school() -> None:
    """A1 is cut off from A2 and A3 by B1.

    A1 -- B1 -- A2 -- A3
    """
    g = make_graph(LINE, ("10AA01", "10BB01"), ("10BB01", "10AA02"), ("10AA02", "10AA03"))
    a = assign(**{"10AA01": "A", "10BB01": "B", "10AA02": "A", "10AA03": "A"})
    (f,) = not_one_area(Regions(LINE, a, config=CONFIG, graph=g))
    assert (f.rule, f.aspect, f.severity) == ("not_one_area", "disconnected", "warning")
    assert (f.regions, f.schools, f.value, f.suggestion) == (("A",), ("10AA01",), 2.0, "B")
    assert "ze bestaat uit 2 losse delen" in f.message and "10AA01 (Testcollege 10AA01" in f.message
    assert "graaf" not in f.message and "buren" not in f.message  # no jargon for analysts
    rijswijk = LINE.assign(place=["RIJSWIJK ZH", "BERGEN NH", "DELFT", "DELFT"])
    (f,) = not_one_area(Regions(rijswijk, a, config=CONFIG, graph=g))
    assert "10AA01 (Testcollege 10AA01, Rijswijk)" in f.message  # as people write the place
    # a school in no region does not cut a region in two
    free = a.drop("10BB01")
    assert not_one_area(Regions(LINE, free, config=CONFIG, graph=g)) == []
    # without a graph the rule cannot judge
    assert not_one_area(Regions(LINE, a, config=CONFIG)) == []


def test_part_without_any_link_is_info_not_warning() -> None:
    """A1 has no edge at all (an island); A2 -- A3 are linked.

    A1        B1        A2 -- A3
    """
    g = make_graph(LINE, ("10AA02", "10AA03"))
    a = assign(**{"10AA01": "A", "10BB01": "B", "10AA02": "A", "10AA03": "A"})
    (f,) = not_one_area(Regions(LINE, a, config=EN, graph=g))
    assert (f.aspect, f.severity, f.schools) == ("no_land_link", "info", ("10AA01",))
    assert "lies apart from the rest of the region" in f.message


def test_enclave_is_reported_once() -> None:
    """A1 is surrounded by B (B1-B2-B4-B3-B1 is a ring around it); A2, A3 lie further on.

              B1(5,5)
                |
    B2(0,0) -- A1(5,0) -- B3(10,0) -- A2(15,0) -- A3(20,0)
                |
              B4(5,-5)
    """
    s = make_schools(
        ("10AA01", 5, 0, 10, 0),
        ("10BB01", 5, 5, 10, 0),
        ("10BB02", 0, 0, 10, 0),
        ("10BB03", 10, 0, 10, 0),
        ("10BB04", 5, -5, 10, 0),
        ("10AA02", 15, 0, 10, 0),
        ("10AA03", 20, 0, 10, 0),
    )
    g = make_graph(
        s,
        *[("10AA01", b) for b in ("10BB01", "10BB02", "10BB03", "10BB04")],
        ("10BB01", "10BB02"),
        ("10BB02", "10BB04"),
        ("10BB04", "10BB03"),
        ("10BB03", "10BB01"),
        ("10BB03", "10AA02"),
        ("10AA02", "10AA03"),
    )
    a = assign(**{c: c[2] for c in s["code"]})  # 10AAxx -> "A", 10BBxx -> "B"
    (f,) = not_one_area(Regions(s, a, config=CONFIG, graph=g))
    assert (f.aspect, f.regions, f.schools, f.value, f.suggestion) == (
        "enclave",
        ("A", "B"),
        ("10AA01",),
        4.0,
        "B",
    )
    assert "ligt ingesloten door regio B: de 4 scholen om haar heen" in f.message
    # with a higher bar it is no enclave, but still a stray part of A
    (f,) = not_one_area(
        Regions(s, a, config=load_config(rules={"enclave_min_neighbors": 5}), graph=g)
    )
    assert (f.aspect, f.schools, f.suggestion) == ("disconnected", ("10AA01",), "B")


# --- properties -------------------------------------------------------------------------------

layouts = st.integers(min_value=3, max_value=40).flatmap(
    lambda n: st.tuples(
        st.lists(
            st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=n, max_size=n, unique=True
        ),
        st.lists(st.sampled_from(["A", "B", "C", None]), min_size=n, max_size=n),
    )
)


def random_layout(points, labels) -> tuple[pd.DataFrame, pd.Series, ProximityGraph]:
    s = make_schools(*[(f"{i:02d}AA00", x, y, 10, 0) for i, (x, y) in enumerate(points)])
    a = pd.Series(
        {c: r for c, r in zip(s["code"], labels, strict=True) if r is not None}, dtype=object
    )
    g = ProximityGraph.build_delaunay(
        (s["code"].tolist(), s[["x", "y"]].to_numpy()), max_edge_m=25_000
    )
    return s, a, g


@settings(max_examples=40, deadline=None)
@given(layouts)
def test_close_pairs_match_brute_force(layout) -> None:
    s, a, _ = random_layout(*layout)
    xy = s.set_index("code")[["x", "y"]]
    expected: dict[tuple[str, str], int] = {}
    codes = sorted(a.index)
    for i, ci in enumerate(codes):
        for cj in codes[i + 1 :]:
            d = float(np.hypot(*(xy.loc[ci] - xy.loc[cj])))
            if a[ci] != a[cj] and d <= 10_000:
                key = tuple(sorted((a[ci], a[cj])))
                expected[key] = expected.get(key, 0) + 1  # type: ignore[index]
    found = {
        f.regions: f.details["n_pairs"] for f in close_schools_split(Regions(s, a, config=CONFIG))
    }
    assert found == expected


@settings(max_examples=40, deadline=None)
@given(layouts)
def test_not_one_area_matches_networkx_connectivity(layout) -> None:
    """With enclaves switched off, a region is reported iff it is not connected in the graph
    restricted to its own schools and the schools in no region."""
    s, a, g = random_layout(*layout)
    config = load_config(rules={"enclave_min_neighbors": 10_000})
    reported = {f.regions[0] for f in not_one_area(Regions(s, a, config=config, graph=g))}
    nxg = g.to_networkx()
    free = [c for c in nxg.nodes if c not in a.index]
    expected = {
        r
        for r in set(a)
        if (a == r).sum() > 1 and not _connected_through(nxg, list(a[a == r].index), free)
    }
    assert reported == expected


def _connected_through(graph: nx.Graph, own: list[str], free: list[str]) -> bool:
    """Whether all of ``own`` lie in one component of the subgraph on ``own`` + ``free``."""
    sub = graph.subgraph([*own, *free])
    return len({frozenset(nx.node_connected_component(sub, c)) for c in own}) == 1


# --- 8. composition -----------------------------------------------------------------------------


def test_composition_schools_strict_and_lenient() -> None:
    """A has one technical and one other vmbo school; B two technical ones."""
    s = make_schools(
        ("10AA01", 0, 0, 100, 0),
        ("10AA02", 1, 0, 0, 0),
        ("10BB01", 5, 0, 100, 0),
        ("10BB02", 6, 0, 100, 0),
    )
    a = assign(**{c: c[2] for c in s["code"]})
    schools_findings = [
        f for f in composition(Regions(s, a, config=CONFIG)) if f.aspect == "schools"
    ]
    # the default reading: two vmbo/vso schools, one with a technical profile: both fine
    assert schools_findings == []
    strict = load_config(rules={"strict_composition": True})
    (f,) = [f for f in composition(Regions(s, a, config=strict)) if f.aspect == "technical"]
    assert (f.rule, f.severity, f.regions, f.value, f.threshold) == (
        "composition",
        "warning",
        ("A",),
        1.0,
        2.0,
    )
    assert "heeft 1 school met een technisch profiel; deze analyse vraagt minstens 2" in f.message
    assert "strenge lezing, instelbaar" in f.message
    assert "met en zonder technisch aanbod mogen samen een regio vormen" in f.message
    # one school only: too few schools in the default reading too
    one = composition(Regions(s, assign(**{"10AA01": "A"}), config=CONFIG))
    assert [(f.aspect, f.value, f.threshold) for f in one if f.rule == "composition"][:1] == [
        ("schools", 1.0, 2.0)
    ]


def test_composition_partners() -> None:
    s = make_schools(*[(f"10{r}{r}0{i}", i, 0, 100, 0) for r in "AB" for i in (1, 2)])
    a = assign(**{c: c[2] for c in s["code"]})
    # no partners at all: one info finding for the whole proposal, not one per region
    (f,) = composition(Regions(s, a, config=CONFIG))
    assert (f.aspect, f.severity, f.regions) == ("partners_unchecked", "info", ())
    assert "niet gecontroleerd" in f.message
    partners = pd.DataFrame(
        {
            "region": ["A", "B", "B"],
            "role": ["mbo", "company", "government"],
            "name": ["ROC A", "Bouwbedrijf B", "Gemeente B"],
        }
    )
    p = Proposal.from_assignment(a, partners=partners)
    found = [(f.aspect, f.regions, f.severity) for f in composition(Regions(s, p, config=CONFIG))]
    # the mbo institution and business/government are the plan's requirements: a reminder
    assert found == [("business", ("A",), "info"), ("mbo", ("B",), "info")]
    strict = load_config(language="en", rules={"partners_severity": "warning"})
    messages = {f.aspect: f for f in composition(Regions(s, p, config=strict))}
    assert messages["mbo"].severity == "warning"
    assert "co-finances at least 10 % of the subsidy" in messages["business"].message
    assert "in the region's plan" in messages["mbo"].message


# --- the rule set -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(schools) -> ProximityGraph:
    from regionkit.boundaries import land_mask

    return ProximityGraph.from_config(schools, CONFIG.graph, land=land_mask())


@pytest.fixture(scope="module")
def nodal_result(schools, graph) -> CheckResult:
    from regionkit.funding import fund

    nodal = proposal_from_division(schools, "nodal")
    money = fund(schools, nodal.assignment, config=CONFIG)
    return check_proposal(schools, nodal, graph, config=CONFIG, funding=money)


def test_the_check_joins_money_it_is_given_and_never_computes_it(schools, graph) -> None:
    regions = Regions(schools, proposal_from_division(schools, "nodal"), graph=graph)
    result = check(regions, rules=["too_small"])
    assert "max_subsidy_4y_eur" not in result.regions and "techniekarm" not in result.findings
    assert "counted_pupils" in result.findings


def test_nodal_division_end_to_end(schools, nodal_result: CheckResult) -> None:
    r = nodal_result
    s = r.summary
    assert s["n_regions"] == 80 and s["n_schools_listed"] == 1578  # 917 vmbo, 511 vso, 150 pro
    assert set(s["by_rule"]) == set(RULE_IDS)
    assert s["by_rule"]["overlap"] == 0 and s["by_rule"]["unknown_school"] == 0
    assert s["n_errors"] + s["n_warnings"] + s["n_info"] == len(r.findings)
    f = r.findings
    # the two closed schools with a technical profile have no division: left out
    left = f[f["rule"] == "left_out"]
    assert sorted(c for t in left["schools"] for c in t) == ["02XE00", "18CH10"]
    assert left["suggestion"].tolist() == ["Leeuwarden", "Rotterdam"]
    # regionkit lists no partners: one info finding, not 80 errors
    comp = f[f["rule"] == "composition"]
    assert (comp["aspect"] == "partners_unchecked").sum() == 1
    assert set(comp["aspect"]) == {"schools", "partners_unchecked"}
    # the Wadden islands and Texel have no land link to their region's mainland
    islands = f[f["aspect"] == "no_land_link"]
    assert {t[0] for t in islands["regions"]} == {"Den Helder", "Leeuwarden"}
    assert "16KP00" in islands["schools"].iloc[0] + islands["schools"].iloc[1]
    # every school is accounted for: in a region, or in the unassigned table
    listed = set(proposal_from_division(schools, "nodal").codes)
    assert listed | set(r.unassigned["code"]) == set(schools["code"])
    assert not listed & set(r.unassigned["code"])
    assert r.unassigned.loc[r.unassigned["has_technical_profile"], "reported"].all()
    # findings are sorted: severity, then rule order
    order = [("error", "warning", "info").index(x) for x in f["severity"]]
    assert order == sorted(order)
    # the per-region table carries funding figures and finding counts
    assert {"max_subsidy_4y_eur", "techniekarm", "counted_pupils", "n_errors"} <= set(r.regions)
    assert r.regions["n_schools"].sum() == 1578
    assert r.regions.loc["Enschede", "counted_pupils_bb_kb"] == 705
    small = f[f["rule"] == "too_small"].iloc[0]
    region = small["regions"][0]
    assert small["counted_pupils"] == r.regions.loc[region, "counted_pupils"] == small["value"]


def test_check_is_deterministic(schools, graph, nodal_result: CheckResult) -> None:
    from regionkit.funding import fund

    nodal = proposal_from_division(schools, "nodal")
    money = fund(schools, nodal.assignment, config=CONFIG)
    again = check_proposal(schools, nodal, graph, config=CONFIG, funding=money)
    assert again.findings_table().equals(nodal_result.findings_table())
    assert json.dumps(again.to_dict()) == json.dumps(nodal_result.to_dict())


@pytest.mark.parametrize("division", ["rmc", "corop"])
def test_other_divisions(schools, graph, division: str) -> None:
    r = check_proposal(schools, proposal_from_division(schools, division), graph, config=EN)
    s = r.summary
    assert s["n_regions"] == {"rmc": 39, "corop": 40}[division]
    assert s["by_rule"]["overlap"] == s["by_rule"]["unknown_school"] == 0
    assert s["by_rule"]["left_out"] == 2
    assert all("Fix:" in m for m in r.findings["message"])


def test_real_shaped_proposal_with_planted_violations(tmp_path: Path, schools, graph) -> None:
    """The nodal division written as a proposal file, with partners, and five mistakes."""
    base = proposal_from_division(schools, "nodal").assignment
    tech = schools.set_index("code")["has_technical_profile"]
    dropped = next(c for c in base[base == "Rotterdam"].index if tech[c])
    rows = [(r, c, "school", "") for c, r in base.items() if c != dropped]
    rows.append(("Almelo", "00AH17", "school", ""))  # 00AH17 is also in Enschede
    rows.append(("Enschede", "00AH99", "school", ""))  # no such school
    for region in sorted(set(base)):
        if region != "Zwolle":
            rows.append((region, "", "mbo", f"ROC {region}"))
        rows.append((region, "", "bedrijf", f"Techniekbedrijf {region}"))
    path = tmp_path / "voorstel.csv"
    pd.DataFrame(rows, columns=["Regio", "Code", "Rol", "Naam"]).to_csv(path, sep=";", index=False)

    p = read_proposal(path, schools)
    r = check_proposal(schools, p, graph, config=CONFIG)
    f = r.findings
    (ov,) = f[f["rule"] == "overlap"].itertuples()
    assert ov.regions == ("Enschede", "Almelo") and ov.schools == ("00AH17",)
    (unk,) = f[f["rule"] == "unknown_school"].itertuples()
    assert unk.schools == ("00AH99",) and unk.suggestion.startswith("00AH09")  # one off
    lo = f[(f["rule"] == "left_out") & f["schools"].map(lambda t: t == (dropped,))]
    assert lo["suggestion"].tolist() == ["Rotterdam"]
    mbo = f[(f["rule"] == "composition") & (f["aspect"] == "mbo")]
    assert mbo["regions"].tolist() == [("Zwolle",)]
    assert not (f["aspect"] == "partners_unchecked").any()
    assert r.regions.loc["Enschede", "n_unknown"] == 1
    assert r.regions.loc["Zwolle", "n_mbo"] == 0 and r.regions.loc["Zwolle", "n_company"] == 1


def test_regionkits_own_proposal_has_no_overlap(schools, graph) -> None:
    regionalize = pytest.importorskip("regionkit.regionalize")
    result = regionalize.propose_regions(schools, graph, config=CONFIG, seed=0)
    r = check_proposal(schools, result.assignment, graph, config=CONFIG)
    by_rule = r.summary["by_rule"]
    assert by_rule["overlap"] == by_rule["unknown_school"] == 0
    # regionkit's regions meet its own floors, cover every eligible school and are connected
    # (islands across water are info, not a finding against the region)
    assert by_rule["too_small"] == by_rule["left_out"] == 0 and r.n_errors == 0
    assert set(r.findings.loc[r.findings["rule"] == "not_one_area", "aspect"]) <= {"no_land_link"}
    assert r.summary["by_rule_severity"]["composition"]["info"] == 1


def test_messages_say_what_would_fix_it(schools, graph) -> None:
    """Every rule's messages, in both languages, say what is wrong and what would fix it."""
    base = proposal_from_division(schools, "corop").assignment
    memberships = pd.concat(
        [
            Proposal.from_assignment(base).memberships,
            pd.DataFrame({"region": ["Twente", "Twente"], "code": ["00AQ00", "00AH98"]}),
        ],
        ignore_index=True,
    )
    p = Proposal(
        memberships=memberships,
        partners=pd.DataFrame({"region": ["Twente"], "role": ["mbo"], "name": ["ROC"]}),
    )
    for config, word in ((CONFIG, "Oplossing:"), (EN, "Fix:")):
        r = check_proposal(schools, p, graph, config=config)
        seen = set(r.findings["rule"])
        assert {"overlap", "unknown_school", "left_out", "too_small", "composition"} <= seen
        assert all(word in m for m in r.findings["message"]), config.language


def test_rule_selection_and_errors(schools, graph) -> None:
    p = proposal_from_division(schools, "nodal")
    r = check_proposal(schools, p, graph, config=CONFIG, rules=["close_schools_split"])
    assert set(r.findings["rule"]) == {"close_schools_split"} and r.rules == (
        "close_schools_split",
    )
    assert r.ok and r.summary["by_rule"] == {"close_schools_split": len(r.findings)}
    with pytest.raises(ValueError, match="unknown rule 'nope'"):
        check_proposal(schools, p, graph, config=CONFIG, rules=["nope"])


def test_finding_is_plain_data() -> None:
    f = Finding("too_small", "warning", ("A",), ("10AA01",), 1.5, 150.0, "m", details={"x": 1})
    assert f.to_dict()["regions"] == ["A"] and json.dumps(f.to_dict())
    assert hash(f) == hash(Finding("too_small", "warning", ("A",), ("10AA01",), 1.5, 150.0, "m"))


def test_write_findings(tmp_path: Path, nodal_result: CheckResult) -> None:
    paths = write_findings(nodal_result, tmp_path / "out")
    assert [p.name for p in paths] == ["findings.csv", "findings.json", "regions.csv"]
    table = pd.read_csv(paths[0], keep_default_na=False)
    assert len(table) == len(nodal_result.findings)
    assert table["rule"].tolist() == nodal_result.findings["rule"].tolist()
    data = json.loads(paths[1].read_text(encoding="utf-8"))
    assert data["n_regions"] == 80 and len(data["findings"]) == len(table)
    assert not list((tmp_path / "out").glob(".*tmp*"))  # no temporary files left


# --- the command line ---------------------------------------------------------------------------


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from regionkit.cli import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def test_cli_check_json_and_exit_codes(tmp_path: Path, capsys) -> None:
    code, out, _ = run(["-q", "check", "--division", "nodal", "--json"], capsys)
    data = json.loads(out)
    assert code == 0  # no errors: composition is the analysis's reading (warnings)
    assert data["n_regions"] == 80 and data["n_errors"] == 0 and data["n_warnings"] > 0
    assert set(data["by_rule"]) == set(RULE_IDS)
    code, out, _ = run(["-q", "check", "--division", "nodal", "--rule", "too_small"], capsys)
    assert code == 0 and "Controle van de nodale gebieden van DUO: 80 regio's" in out
    assert "kleine regio" in out and "too_small" not in out  # rule names in Dutch too
    twice = tmp_path / "twice.csv"
    twice.write_text("regio;code\nA;00AH17\nB;00AH17\n")
    code, _, _ = run(["-q", "check", str(twice)], capsys)
    assert code == 1  # a school in two regions is an error
    bad = tmp_path / "bad.csv"
    bad.write_text("regio;code\n;2QZ00\n")
    code, _, err = run(["check", str(bad)], capsys)
    assert code == 2 and "2 problemen" in err and "02QZ00" in err  # in the analysis's language
    code, _, err = run(["check"], capsys)
    assert code == 2 and "give a PROPOSAL file or --division" in err


def test_cli_check_writes_findings_in_english(tmp_path: Path, capsys) -> None:
    proposal = tmp_path / "p.csv"
    # two schools without counted pupils: under the floor of 63 (EUR 1 M)
    proposal.write_text("region,code,role,name\nTwente,00AH07,,\nTwente,00AH08,,\n")
    config = tmp_path / "en.toml"
    config.write_text('language = "en"\n')
    out_dir = tmp_path / "out"
    code, out, _ = run(
        ["-q", "check", str(proposal), "--config", str(config), "--out", str(out_dir)], capsys
    )
    assert code == 0  # warnings only
    assert out.startswith(f"Check of {proposal}: 1 regions, 2 schools")
    assert "[small region] Region Twente has" in out
    assert (out_dir / "findings.csv").exists() and (out_dir / "findings.json").exists()
    table = pd.read_csv(out_dir / "findings.csv", keep_default_na=False)
    left = table[table["rule"] == "left_out"]
    assert "17VN09" in set(left["schools"])  # a technical school next door, in Enschede ...
    assert len(left) < 10  # ... not every eligible school of the country
    assert set(left.loc[left["aspect"] == "vso", "severity"]) == {"info"}


def test_cli_match(tmp_path: Path, capsys) -> None:
    names = tmp_path / "names.csv"
    names.write_text("regio;naam;plaats\nZ;Zwin College;Oostburg\nZ;Coenekoop Colege;Waddinxveen\n")
    out_file = tmp_path / "resolved.csv"
    code, out, _ = run(["match", str(names), "--out", str(out_file)], capsys)
    assert (
        code == 0 and "exact: 1, bij benadering: 1, meerdere kandidaten: 0, niet gevonden: 0" in out
    )
    assert pd.read_csv(out_file)["code"].tolist() == ["00AQ00", "00BD00"]
    english = tmp_path / "en.toml"
    english.write_text('language = "en"\n')
    code, out, _ = run(["match", str(names), "--config", str(english)], capsys)
    assert code == 0 and "exact: 1, fuzzy: 1, ambiguous: 0, unmatched: 0" in out
    assert "fuzzy     row 3: Coenekoop Colege (Waddinxveen) -> 00BD00" in out
    names.write_text("naam;plaats\nStedelijk Lyceum;Enschede\n")
    code, out, _ = run(["match", str(names), "--json"], capsys)
    data = json.loads(out)
    assert code == 1 and data["ambiguous"] == 1
    assert [c["code"] for c in data["candidates"]] == ["00AH08", "00AH09", "00AH17"]


# --- faithful to the programme ------------------------------------------------------------------


def test_techniekarm_regions_get_one_finding_each_and_no_composition_error(
    nodal_result: CheckResult,
) -> None:
    """The nodal division: every techniekarm area gets one techniekarm finding and no
    composition error (the programme lets a region be techniekarm)."""
    from regionkit.funding import fund

    f = nodal_result.findings
    karm = f[f["rule"] == "techniekarm"]
    money = fund(Regions.from_division(load_schools_cached(), "nodal"))
    expected = set(money.regions.loc[money.regions["techniekarm"], "region"])
    assert len(expected) == 12 and {"Alphen aan den Rijn", "Hulst", "Oostburg"} <= expected
    assert sorted(r[0] for r in karm["regions"]) == sorted(expected)  # one each
    assert (karm["severity"] == "warning").all()
    alphen = karm[karm["regions"].map(lambda r: r == ("Alphen aan den Rijn",))].iloc[0]
    assert "vóór 1 november 2018" in alphen["message"] and "0,0 %" in alphen["message"]
    assert "zonder melding geen subsidie" in alphen["message"]
    composition_errors = f[(f["rule"] == "composition") & (f["severity"] == "error")]
    assert composition_errors.empty
    technical = f[(f["rule"] == "composition") & (f["aspect"] == "technical")]
    assert not {r[0] for r in technical["regions"]} & expected
    # the strict reading is a setting: then Alphen lacks technical schools
    strict = load_config(rules={"strict_composition": True, "composition_severity": "error"})
    regions = Regions.from_division(load_schools_cached(), "nodal", config=strict)
    found = [x for x in composition(regions) if x.aspect == "technical"]
    assert found and all(x.severity == "error" for x in found)


def load_schools_cached() -> pd.DataFrame:
    from regionkit.schools import load_schools

    return load_schools()


def test_route_only_schools_are_eligible_and_leaving_one_out_is_a_finding(schools) -> None:
    """The five vestigingen with only Vakmanschapsroute Techniek pupils must be able to join."""
    from regionkit.eligibility import eligibility

    route_only = ["00AQ00", "02ZR03", "07PK05", "20ZK00", "25FX01"]
    e = eligibility(schools).set_index(schools["code"])
    assert (e.loc[route_only, "reason"] == "other_technique").all()
    assert (e.loc[route_only, "detail"] == "Vakmanschapsroute Techniek").all()
    assert not schools.set_index("code").loc[route_only, "has_technical_profile"].any()
    nodal = proposal_from_division(schools, "nodal").assignment
    regions = Regions(schools, nodal.drop("20ZK00"), config=CONFIG)
    (f,) = [x for x in left_out(regions) if x.schools == ("20ZK00",)]
    assert (f.aspect, f.severity) == ("other_technique", "warning")
    assert f.suggestion == nodal["20ZK00"]
    assert "geeft aantoonbaar techniek: 100 leerlingen in leerjaar 3 en 4 zitten in " in f.message
    assert "Vakmanschapsroute Techniek" in f.message


def test_left_out_only_within_the_area_the_proposal_covers(schools, graph) -> None:
    """A proposal of four regions in the east is not told about schools 100 km away."""
    nodal = proposal_from_division(schools, "nodal").assignment
    four = nodal[nodal.isin(["Enschede", "Almelo", "Deventer", "Zutphen"])]
    assert four.nunique() == 4
    regions = Regions(schools, four, config=CONFIG, graph=graph)
    found = left_out(regions)
    xy = schools.set_index("code")[["x", "y"]]
    listed = xy.loc[four.index].to_numpy()
    for f in found:
        dist = np.hypot(*(listed - xy.loc[f.schools[0]].to_numpy()).T).min()
        assert dist < 30_000, (f.schools, dist)
    assert found and len(found) < 40
    national = load_config(rules={"left_out_scope": "national"})
    everywhere = left_out(Regions(schools, four, config=national, graph=graph))
    assert len(everywhere) > 700  # every eligible school of the country (vso included)
    far = [
        f
        for f in everywhere
        if np.hypot(*(listed - xy.loc[f.schools[0]].to_numpy()).T).min() > 100_000
    ]
    assert far and not {f.schools for f in far} & {f.schools for f in found}


def test_pro_in_two_regions_is_a_setting_and_unknown_roles_are_named(tmp_path: Path) -> None:
    s = make_schools(("10AA01", 0, 0, 100, 0), ("10AA02", 1, 0, 100, 0), ("26PP00", 2, 0, 0, 0))
    s.loc[s["code"] == "26PP00", "kind"] = "pro"
    memberships = pd.DataFrame(
        {"region": ["A", "A", "A", "B"], "code": ["10AA01", "10AA02", "26PP00", "26PP00"]}
    )
    p = Proposal(memberships=memberships.assign(row=pd.array([2, 3, 4, 5], dtype="Int64")))
    assert overlap(Regions(s, p, config=CONFIG)) == []  # the programme names vmbo and vso
    (f,) = overlap(Regions(s, p, config=load_config(rules={"overlap_pro": True})))
    assert "instelling overlap_pro" in f.message and f.severity == "error"
    partners = pd.DataFrame(
        {
            "region": ["A", "A", "A"],
            "role": ["mbo", "company", "other"],
            "name": ["ROC A", "Woonbedrijf", "Bank"],
            "row": pd.array([6, 7, 8], dtype="Int64"),
            "role_as_written": ["mbo", "woningbouwvereniging", "investeerder"],
        }
    )
    with_partners = Proposal(memberships=p.memberships, partners=partners)
    (role,) = [
        x for x in composition(Regions(s, with_partners, config=CONFIG)) if x.aspect == "role"
    ]
    assert role.severity == "warning" and role.details["row"] == 8
    assert "Rij 8: de rol investeerder van Bank (regio A) is onbekend" in role.message


def test_distances_never_round_up_to_the_limit_and_alternatives_use_or() -> None:
    """Two schools 9.96 km apart are 'op 9,96 km', not 'op 10 km', next to 'binnen 10 km'."""
    s = make_schools(("10AA01", 0, 0, 10, 0), ("10BB01", 9.96, 0, 10, 0))
    (f,) = close_schools_split(Regions(s, assign(**{"10AA01": "A", "10BB01": "B"}), config=CONFIG))
    assert "binnen 10 km van elkaar" in f.message and "op 9,96 km van elkaar" in f.message
    assert "dichtbij is in deze analyse binnen 10 km in rechte lijn (instelbaar)" in f.message
    p = Proposal.from_assignment(pd.Series({"00AH99": "Twente"}))
    (u,) = unknown_school(Regions(load_schools_cached(), p, config=CONFIG))
    assert "bedoelt u 00AH09" in u.message and " of 00AH08" in u.message
    assert " en 00AH08" not in u.message


def test_a_merge_suggestion_fixes_the_size_when_a_neighbour_can(schools, graph) -> None:
    """Woerden (62 counted pupils) is told to merge with a neighbour that brings it over the
    floor, and the message says how many pupils the two have together. (Woerden is
    techniekarm: measured on counted pupils like any other region here.)"""
    counted_only = load_config(rules={"min_techniekarm_pupils": 0})
    regions = Regions.from_division(schools, "nodal", config=counted_only, graph=graph)
    found = {f.regions[0]: f for f in too_small(regions)}
    woerden = found["Woerden"]
    assert woerden.details["merged_counted"] >= 63
    assert f"samen {int(woerden.details['merged_counted'])}" in woerden.message.replace(".", "")
    assert "de ondergrens in deze analyse is 63 (instelbaar)" in woerden.message
    for f in found.values():  # wherever some neighbour reaches the floor, the suggestion does
        if f.suggestion and f.details["merged_counted"] < 63:
            assert f.regions[0] in {"Hulst", "Oostburg", "Terneuzen", "Zierikzee"}, f.regions


def test_a_techniekarm_region_is_measured_on_its_pupils_not_its_counted_pupils(
    schools, graph
) -> None:
    """Rule 4 allows techniekarm regions: Woerden (62 counted pupils, techniekarm, 1,000 and
    more pupils in leerjaar 3 and 4 of BB, KB and GL) is large enough; Oostburg (0 counted,
    under 315 such pupils) is not, and the message measures it on those pupils."""
    from regionkit.funding import techniekarm_figures

    regions = Regions.from_division(schools, "nodal", config=CONFIG, graph=graph)
    karm = techniekarm_figures(regions)
    found = {f.regions[0]: f for f in too_small(regions)}
    assert bool(karm.at["Woerden", "techniekarm"]) and "Woerden" not in found
    assert karm.at["Woerden", "techniekarm_denominator"] >= 315
    oostburg = found["Oostburg"]
    assert (oostburg.aspect, oostburg.threshold) == ("techniekarm", 315.0)
    assert oostburg.value == karm.at["Oostburg", "techniekarm_denominator"] < 315
    assert "is techniekarm en telt" in oostburg.message
    assert "de ondergrens in deze analyse is 315 (instelbaar)" in oostburg.message
    for f in found.values():  # every other region is measured on counted pupils
        assert f.aspect == "techniekarm" or f.value < 63, f.regions
    higher = load_config(rules={"min_techniekarm_pupils": 2000})
    regions = Regions.from_division(schools, "nodal", config=higher, graph=graph)
    assert "Woerden" in {f.regions[0] for f in too_small(regions)}


def test_regions_table_counts_a_school_in_two_regions_as_the_money_does(schools) -> None:
    """00AH17 is listed in A and B: its pupils and its money are both A's."""
    from regionkit.funding import fund

    memberships = pd.DataFrame(
        {
            "region": ["A", "A", "B", "B"],
            "code": ["00AH17", "00AH08", "00AH17", "00AH07"],
            "row": pd.array([2, 3, 4, 5], dtype="Int64"),
        }
    )
    regions = Regions(schools, Proposal(memberships=memberships), config=CONFIG)
    money = fund(schools, regions.assignment, config=CONFIG)
    table = check(regions, funding=money, rules=["overlap"]).regions
    per_pupil = 15_895.0
    for region in ("A", "B"):
        row = table.loc[region]
        assert row["max_subsidy_4y_eur"] == row["counted_pupils_bb_kb"] * per_pupil + row[
            "counted_pupils_gl"
        ] * (per_pupil / 2)
    assert table.loc["B", "n_counted_elsewhere"] == 1 and table.loc["A", "n_counted_elsewhere"] == 0
