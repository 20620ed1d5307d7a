"""Tests of regionkit.years: how technique changed per region between the bundled data years."""

from __future__ import annotations

import pandas as pd
from _funding_tables import assign, table

from regionkit.proposal import division_assignment
from regionkit.schools import load_schools
from regionkit.years import CHANGE_COLUMNS, compare_year, technical_change


def test_change_counts_the_same_schools_in_both_years() -> None:
    """::

    now:  A = 01AA00 (PIE 10 + route 3), 01AA01 (new: 5)   B = 02BB00 (BWI 7)
    then: A = 01AA00 (PIE 4 + old afdeling 9)               B = 02BB00 (BWI 7), 03CC00 closed
    """
    now = table(
        {"code": "01AA00", "pie_bb_lj3": 10, "other_technique_kb_lj4": 3},
        {"code": "01AA01", "mvi_gl_lj4": 5},
        {"code": "02BB00", "bwi_kb_lj3": 7},
        {"code": "04DD00", "kind": "pro", "pro_pupils": 30},
    )
    then = table(
        {"code": "01AA00", "pie_bb_lj4": 4, "other_technique_bb_lj4": 9},
        {"code": "02BB00", "bwi_kb_lj3": 7},
        {"code": "03CC00", "pie_kb_lj3": 50},
    )
    # the tables' totals of the technical cells (what the loader derives)
    now["technical_lj3"], now["technical_lj4"] = [10, 0, 7, 0], [0, 5, 0, 0]
    then["technical_lj3"], then["technical_lj4"] = [0, 7, 50], [4, 0, 0]
    a = assign({"01AA00": "A", "01AA01": "A", "02BB00": "B", "04DD00": "B"})
    change = technical_change(a, now, then, then_year=2017).set_index("region")
    assert list(change.reset_index().columns) == list(CHANGE_COLUMNS)
    assert (
        change.loc["A", "technical_pupils"] == 15 and change.loc["A", "technical_pupils_then"] == 4
    )
    assert change.loc["A", "technical_change"] == 11
    # technique outside the profiles counts in the technique pupils, both years
    assert (
        change.loc["A", "technique_pupils"] == 18 and change.loc["A", "technique_pupils_then"] == 13
    )
    assert change.loc["A", "n_schools_not_then"] == 1  # 01AA01 is new
    assert change.loc["B", "technical_change"] == 0 and change.loc["B", "n_schools_not_then"] == 1
    assert (change["compare_year"] == 2017).all()


def test_change_on_the_bundled_years() -> None:
    now, then = load_schools(), load_schools(year=2017)
    assert (compare_year(2019), compare_year(2017), compare_year(2018)) == (2017, 2019, None)
    nodal = division_assignment(now, "nodal")
    change = technical_change(nodal, now, then, then_year=2017)
    assert len(change) == nodal.nunique() == 80
    assert change["technical_pupils"].sum() == 22_841  # in the nodal areas (8 closed: none)
    # the five profiles alone grew from 2017 to 2019 (the old afdelingen ran out) ...
    assert change["technical_pupils"].sum() > change["technical_pupils_then"].sum()
    # ... while all technique pupils of the same schools shrank a little
    assert change["technique_pupils"].sum() < change["technique_pupils_then"].sum()
    assert isinstance(change, pd.DataFrame) and change["region"].is_monotonic_increasing
