"""Tests of regionkit.funding: counted pupils, exact money, techniekarm and split agreements.

Unit tests build tiny schools tables in code (only the columns funding reads);
end-to-end tests run on the bundled DUO 2019 table.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from _funding_tables import (
    BB_KB_CENTS,
    EN,
    FAST,
    GL_CENTS,
    assign,
    region_row,
    table,
    tables_and_assignments,
)
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from regionkit._errors import ConfigError, InputDataError
from regionkit.cli import cli
from regionkit.compare import division_assignment
from regionkit.config import Config, load_config
from regionkit.funding import fund
from regionkit.sanity import sanity_check

# --- counting and money ----------------------------------------------------------------------


def test_counts_breakdown_and_exact_money() -> None:
    """Region A = two schools, region B = one; GL counts half, TL never.

    ::

        A: 01AA00  PIE BB lj3 10, PIE KB lj4 5, BWI GL lj3 3   (+ 40 TL pupils)
           01AA01  MVI GL lj4 1
        B: 02BB00  M&T KB lj3 7
    """
    schools = table(
        {
            "code": "01AA00",
            "pie_bb_lj3": 10,
            "pie_kb_lj4": 5,
            "bwi_gl_lj3": 3,
            "bb_lj3": 20,
            "kb_lj4": 30,
            "gl_lj3": 50,
            "tl_lj3": 40,
        },
        {"code": "01AA01", "mvi_gl_lj4": 1, "gl_lj4": 10},
        {"code": "02BB00", "mot_kb_lj3": 7, "kb_lj3": 7},
    )
    result = fund(schools, assign({"01AA00": "A", "01AA01": "A", "02BB00": "B"}))
    a = region_row(result, "A")
    assert (a["counted_pupils_bb_kb"], a["counted_pupils_gl"]) == (15, 4)
    assert a["bb_kb_equivalent"] == 17.0
    assert (a["pupils_bb"], a["pupils_kb"], a["pupils_gl"]) == (10, 5, 4)
    assert (a["pupils_lj3"], a["pupils_lj4"]) == (13, 6)
    assert (a["pupils_pie"], a["pupils_bwi"], a["pupils_mvi"], a["pupils_mot"]) == (15, 3, 1, 0)
    assert a["max_subsidy_4y_cents"] == 15 * BB_KB_CENTS + 4 * GL_CENTS == 27_021_500
    assert a["max_subsidy_4y_eur"] == 270_215.00
    assert a["max_subsidy_year_cents"] == 6_755_375
    assert a["cofinancing_cents"] == 2_702_150
    # technical share: 19 technical of 110 BB/KB/GL pupils (TL not in the default denominator)
    assert a["techniekarm_denominator"] == 110
    assert a["technical_share"] == pytest.approx(19 / 110)
    assert not a["techniekarm"]
    assert (a["n_schools"], a["n_schools_counted"], a["n_schools_technical"]) == (2, 2, 2)
    assert (a["data_year"], a["count_date"]) == (2019, "2019-10-01")
    b = region_row(result, "B")
    assert b["max_subsidy_4y_cents"] == 7 * BB_KB_CENTS
    assert list(result.regions["region"]) == ["A", "B"]
    # without an agreement nothing is split: only the indicative amount per school
    assert result.schools["amount_4y_cents"].isna().all()
    by_code = result.schools.set_index("code")
    assert by_code.loc["01AA01", "indicative_4y_cents"] == GL_CENTS
    assert by_code.loc["01AA00", "indicative_4y_cents"] == 15 * BB_KB_CENTS + 3 * GL_CENTS
    assert set(result.schools["count_date"]) == {"2019-10-01"}


def test_techniekarm_is_strictly_below_the_threshold_and_configurable() -> None:
    schools = table(
        {"code": "01AA00", "pie_bb_lj3": 10, "bb_lj3": 100},  # exactly 10 %
        {"code": "02BB00", "pie_bb_lj3": 9, "bb_lj3": 100},  # 9 %
        {"code": "03CC00", "pie_bb_lj3": 10, "bb_lj3": 50, "tl_lj3": 60},  # 20 %, 9.1 % with TL
    )
    a = assign({"01AA00": "exact", "02BB00": "poor", "03CC00": "tl"})
    result = fund(schools, a)
    flags = result.regions.set_index("region")["techniekarm"].to_dict()
    assert flags == {"exact": False, "poor": True, "tl": False}
    assert result.national.n_techniekarm == 1
    with_tl = fund(
        schools, a, config=load_config(funding={"techniekarm_denominator": "bb_kb_gl_tl"})
    )
    assert with_tl.regions.set_index("region")["techniekarm"].to_dict() == {
        "exact": False,
        "poor": True,
        "tl": True,
    }
    higher = fund(schools, a, config=load_config(funding={"techniekarm_threshold": 0.15}))
    assert higher.national.n_techniekarm == 2


def test_region_with_no_counted_pupils_and_zero_denominator() -> None:
    """Region TL has only TL pupils (denominator 0); region NONE has BB pupils, none technical."""
    schools = table(
        {"code": "01AA00", "tl_lj3": 80, "tl_lj4": 70},
        {"code": "02BB00", "bb_lj3": 30, "kb_lj4": 20},
    )
    result = fund(schools, assign({"01AA00": "TL", "02BB00": "NONE"}), config=EN)
    tl = region_row(result, "TL")
    assert tl["max_subsidy_4y_cents"] == 0 and tl["cofinancing_cents"] == 0
    assert math.isnan(tl["technical_share"])
    assert not tl["techniekarm"]
    assert "technical share undefined" in tl["note"]
    none = region_row(result, "NONE")
    assert none["max_subsidy_4y_cents"] == 0
    assert none["technical_share"] == 0.0 and none["techniekarm"]
    # no money per pupil, and why: a techniekarm region had to register, for its own budget
    assert "techniekarm: 0.0 % of the pupils" in none["note"]
    assert "registered as techniekarm before 1 November 2018" in none["note"]
    assert "no counted pupils" in tl["note"]
    assert result.to_dict()["regions"][1]["technical_share"] is None  # NaN -> null in JSON


def test_region_with_only_gl_pupils_and_half_cents_a_year() -> None:
    """One GL pupil: EUR 7,947.50 over 4 years is EUR 1,986.875 a year: rounded down."""
    schools = table({"code": "01AA00", "mat_gl_lj4": 1, "gl_lj4": 1})
    result = fund(schools, assign({"01AA00": "GL"}))
    gl = region_row(result, "GL")
    assert (gl["counted_pupils_bb_kb"], gl["counted_pupils_gl"]) == (0, 1)
    assert gl["bb_kb_equivalent"] == 0.5
    assert gl["max_subsidy_4y_cents"] == GL_CENTS
    assert gl["max_subsidy_year_cents"] == 198_687  # floor(198,687.5): a maximum
    assert gl["cofinancing_cents"] == 79_475
    assert gl["technical_share"] == 1.0


def test_cofinancing_rounds_up_to_the_cent() -> None:
    schools = table({"code": "01AA00", "pie_gl_lj3": 1})
    cfg = load_config(funding={"cofinancing_share": 0.15, "rate_gl_eur": 0.07})
    result = fund(schools, assign({"01AA00": "R"}), config=cfg)
    assert region_row(result, "R")["cofinancing_cents"] == 2  # 15 % of 7 cents = 1.05 cents


def test_praktijkonderwijs_never_counts() -> None:
    schools = table(
        {"code": "01AA00", "pie_bb_lj3": 12, "bb_lj3": 12},
        {"code": "09PR00", "kind": "pro", "pie_bb_lj3": 50, "bb_lj3": 50, "pro_pupils": 120},
    )
    result = fund(schools, assign({"01AA00": "R", "09PR00": "R"}), config=EN)
    r = region_row(result, "R")
    assert (r["n_schools"], r["n_schools_counted"]) == (2, 1)
    assert r["counted_pupils_bb_kb"] == 12
    pro = result.schools.set_index("code").loc["09PR00"]
    assert not pro["counts_for_money"] and pro["counted_pupils_bb_kb"] == 0
    assert "do not count" in pro["note"]
    assert result.whole_table.counted_pupils_bb_kb == 12


def test_school_in_no_region_counts_nowhere() -> None:
    schools = table(
        {"code": "01AA00", "pie_bb_lj3": 12, "bb_lj3": 12},
        {"code": "02BB00", "pie_kb_lj3": 5, "kb_lj3": 5},
        {"code": "03CC00", "bwi_gl_lj4": 4, "gl_lj4": 4},
    )
    result = fund(schools, assign({"01AA00": "R", "02BB00": None}), config=EN)
    assert result.national.counted_pupils_bb_kb == 12
    assert result.national.n_schools_unassigned == 2
    assert result.whole_table.counted_pupils_bb_kb == 17
    assert result.whole_table.counted_pupils_gl == 4
    rows = result.schools.set_index("code")
    assert rows.loc["02BB00", "region"] is pd.NA
    assert rows["indicative_4y_cents"].isna().sum() == 2
    assert "in no region" in rows.loc["03CC00", "note"]
    assert any("in no region" in n for n in result.notes)


def test_unknown_codes_and_double_membership_are_input_errors() -> None:
    schools = table({"code": "01AA00"}, {"code": "02BB00"})
    with pytest.raises(InputDataError) as err:
        fund(schools, assign({"01AA00": "R", "99ZZ00": "R", "01AA0O": "S"}))
    text = str(err.value)
    assert "99ZZ00" in text and "01AA0O" in text and "did you mean 01AA00" in text
    assert len(err.value.problems) == 2
    double = pd.Series(["R", "S"], index=["01AA00", "01AA00"], name="region")
    with pytest.raises(InputDataError, match="in 2 regions"):
        fund(schools, double)


def test_suppressed_counts_lower_and_upper_bound() -> None:
    """School 01AA00 has two "<5" cells (PIE BB lj3 and GL lj3 total), stored as 0.

    By default a suppressed count is 0 (lower bound); the upper bound reads it as 4.
    """
    schools = table(
        {
            "code": "01AA00",
            "pie_bb_lj3": 0,
            "pie_kb_lj3": 20,
            "kb_lj3": 30,
            "suppressed_columns": "pie_bb_lj3;gl_lj3",
            "n_suppressed": 2,
        },
        {"code": "02BB00", "pie_kb_lj3": 6, "kb_lj3": 6, "n_suppressed": 1},  # not named
    )
    a = assign({"01AA00": "R", "02BB00": "R"})
    low = region_row(fund(schools, a, config=EN), "R")
    assert low["counted_pupils_bb_kb"] == 26
    assert low["n_suppressed"] == 3
    # 01AA00: +4 in PIE BB; 02BB00's unnamed suppressed count is read as a BB/KB pupil too
    assert low["counted_pupils_bb_kb_upper"] == 26 + 4 + 4
    assert low["max_subsidy_4y_upper_cents"] == 34 * BB_KB_CENTS
    assert "suppressed" in low["note"]
    two = fund(schools, a, config=load_config(funding={"suppressed_value": 2}))  # Dutch notes
    mid = region_row(two, "R")
    assert mid["counted_pupils_bb_kb"] == 28
    assert mid["techniekarm_denominator"] == 30 + 6 + 2  # the suppressed GL total counts 2 too
    assert mid["counted_pupils_bb_kb_upper"] == 34
    assert any("geteld als 2" in n for n in two.notes)


def test_config_errors_for_money() -> None:
    schools = table({"code": "01AA00"})
    a = assign({"01AA00": "R"})
    with pytest.raises(ConfigError, match="whole number of cents"):
        fund(schools, a, config=load_config(funding={"rate_bb_kb_eur": 15895.001}))
    with pytest.raises(ConfigError, match="suppressed_value"):
        fund(schools, a, config=load_config(funding={"suppressed_value": 2.5}))


def test_the_totals_and_the_whole_table_round_alike_for_the_same_schools() -> None:
    """Two regions of one GL pupil each (EUR 7,947.50 over four years, EUR 1,986.875 a year,
    EUR 1,986.87 rounded down): the regions' total and the whole table both say EUR 3,973.75
    a year (the total's maximum divided by four), not EUR 3,973.74 beside EUR 3,973.75."""
    schools = table(
        {"code": "01AA00", "pie_gl_lj3": 1, "gl_lj3": 1},
        {"code": "02BB00", "pie_gl_lj3": 1, "gl_lj3": 1},
    )
    result = fund(schools, assign({"01AA00": "A", "02BB00": "B"}))
    n, whole = result.national, result.whole_table
    assert n.max_subsidy_4y_cents == whole.max_subsidy_4y_cents == 1_589_500
    assert result.regions["max_subsidy_year_cents"].tolist() == [198_687, 198_687]
    assert n.max_subsidy_year_cents == whole.max_subsidy_year_cents == 397_375
    assert n.cofinancing_cents == whole.cofinancing_cents == 158_950


# --- properties on random tables -------------------------------------------------------------


@FAST
@given(data=tables_and_assignments())
def test_national_totals_equal_the_sum_over_regions(data: tuple[pd.DataFrame, pd.Series]) -> None:
    schools, a = data
    result = fund(schools, a)
    n, r = result.national, result.regions
    assert n.n_regions == len(r)
    assert n.counted_pupils_bb_kb == r["counted_pupils_bb_kb"].sum()
    assert n.counted_pupils_gl == r["counted_pupils_gl"].sum()
    assert n.bb_kb_equivalent == r["bb_kb_equivalent"].sum()
    assert n.max_subsidy_4y_cents == r["max_subsidy_4y_cents"].sum()
    # one rounding rule for every total: from its own maximum, as the whole table's; the
    # regions' own rounded figures add up to within a cent per region of it
    assert n.max_subsidy_year_cents == n.max_subsidy_4y_cents // 4
    assert 0 <= n.max_subsidy_year_cents - r["max_subsidy_year_cents"].sum() < max(len(r), 1)
    assert n.cofinancing_cents == -(-n.max_subsidy_4y_cents // 10)
    assert 0 <= r["cofinancing_cents"].sum() - n.cofinancing_cents < max(len(r), 1)
    if not (n.n_schools_unassigned or result.whole_table.n_schools_unassigned):
        for key in ("max_subsidy_4y_cents", "max_subsidy_year_cents", "cofinancing_cents"):
            assert getattr(n, key) == getattr(result.whole_table, key)
    assert n.n_techniekarm == r["techniekarm"].sum()
    # the per-profile, per-leerweg and per-leerjaar breakdowns add up to the counted pupils
    technical = r["counted_pupils_bb_kb"] + r["counted_pupils_gl"]
    assert (r[["pupils_bb", "pupils_kb", "pupils_gl"]].sum(axis=1) == technical).all()
    assert (r[["pupils_lj3", "pupils_lj4"]].sum(axis=1) == technical).all()
    profiles = ["pupils_bwi", "pupils_pie", "pupils_mot", "pupils_mat", "pupils_mvi"]
    assert (r[profiles].sum(axis=1) == technical).all()
    # the money is exactly the rates times the counts, per region and nationally
    exact = r["counted_pupils_bb_kb"] * BB_KB_CENTS + r["counted_pupils_gl"] * GL_CENTS
    assert (r["max_subsidy_4y_cents"] == exact).all()
    # indicative amounts per school add up to their region's maximum
    per_school = result.schools.dropna(subset=["region"]).groupby("region")["indicative_4y_cents"]
    assert per_school.sum().to_dict() == r.set_index("region")["max_subsidy_4y_cents"].to_dict()
    # the whole table does not depend on the regions
    nobody = fund(schools, assign({}))
    assert nobody.national.n_regions == 0 and nobody.national.max_subsidy_4y_cents == 0
    for key in ("counted_pupils_bb_kb", "counted_pupils_gl", "max_subsidy_4y_cents", "n_schools"):
        assert getattr(nobody.whole_table, key) == getattr(result.whole_table, key)
    assert result.whole_table.n_schools == (schools["kind"] != "pro").sum()


@FAST
@given(data=tables_and_assignments(), drop=st.integers(min_value=0, max_value=11))
def test_a_school_leaving_its_region_counts_nowhere(
    data: tuple[pd.DataFrame, pd.Series], drop: int
) -> None:
    schools, a = data
    code = schools["code"].iloc[drop % len(schools)]
    before = fund(schools, a)
    after = fund(schools, a.drop(code))
    school = before.schools.set_index("code").loc[code]
    own = school["counted_pupils_bb_kb"] if pd.notna(school["region"]) else 0
    assert after.national.counted_pupils_bb_kb == before.national.counted_pupils_bb_kb - own
    assert after.whole_table.max_subsidy_4y_cents == before.whole_table.max_subsidy_4y_cents
    assert pd.isna(after.schools.set_index("code").loc[code, "region"])


@settings(FAST, max_examples=10)
@given(
    data=tables_and_assignments(),
    rate_bb=st.integers(min_value=0, max_value=5_000_000),
    rate_gl=st.integers(min_value=0, max_value=5_000_000),
    k=st.integers(min_value=2, max_value=7),
)
def test_changing_a_rate_changes_totals_linearly(
    data: tuple[pd.DataFrame, pd.Series], rate_bb: int, rate_gl: int, k: int
) -> None:
    schools, a = data

    def total(bb_cents: int, gl_cents: int) -> pd.Series:
        cfg = load_config(funding={"rate_bb_kb_eur": bb_cents / 100, "rate_gl_eur": gl_cents / 100})
        result = fund(schools, a, config=cfg)
        return result.regions.set_index("region")["max_subsidy_4y_cents"]

    both = total(rate_bb, rate_gl)
    only_bb, only_gl = total(rate_bb, 0), total(0, rate_gl)
    assert (both == only_bb + only_gl).all()
    assert (total(k * rate_bb, k * rate_gl) == k * both).all()


# --- the bundled data ------------------------------------------------------------------------


def test_national_figures_on_the_bundled_data(schools: pd.DataFrame) -> None:
    nodal = fund(schools, division_assignment(schools, "nodal"))
    whole = nodal.whole_table
    assert (whole.counted_pupils_bb_kb, whole.counted_pupils_gl) == (20_231, 2_682)
    assert whole.bb_kb_equivalent == 21_572.0
    assert whole.max_subsidy_4y_cents == 20_231 * BB_KB_CENTS + 2_682 * GL_CENTS
    assert whole.max_subsidy_4y_eur == 342_886_940.00
    assert whole.n_schools == 925 + 511  # vmbo and vso (no vso counts: they add no pupils)
    assert whole.technical_share == pytest.approx(22_913 / 119_243)
    n = nodal.national
    assert (n.n_regions, n.n_schools, n.n_schools_unassigned) == (80, 917 + 511, 8)
    assert n.bb_kb_equivalent == 21_503.0
    assert n.max_subsidy_4y_cents == nodal.regions["max_subsidy_4y_cents"].sum()
    # docs/DOMAIN.md: EUR 1 M to 22 M per region; the largest nodal area, Rotterdam, is just above
    largest = nodal.regions.sort_values("max_subsidy_4y_cents").iloc[-1]
    assert largest["region"] == "Rotterdam"
    assert largest["max_subsidy_4y_cents"] == 2_275_369_250
    assert nodal.national.n_techniekarm == 12
    counted = nodal.schools[nodal.schools["counts_for_money"]]
    assert (counted["pupils_lj3"].sum(), counted["pupils_lj4"].sum()) == (11_509, 11_404)
    assert int((counted["technical_pupils"] > 0).sum()) == 276

    everyone = pd.Series("Nederland", index=schools["code"], name="region")
    one = fund(schools, everyone)
    assert one.national.bb_kb_equivalent == whole.bb_kb_equivalent
    assert one.national.max_subsidy_4y_cents == whole.max_subsidy_4y_cents
    assert one.national.n_techniekarm == 0
    assert one.national.n_schools_unassigned == 0


def test_sanity_comparison_with_domain(schools: pd.DataFrame) -> None:
    lines = sanity_check(schools, config=Config(language="en"))
    assert "21,572" in lines[0] and "21,100" in lines[0] and "+472 (+2.2 %)" in lines[0]
    assert "EUR 342,886,940.00" in lines[1] and "EUR +7,386,940.00 (+2.2 %)" in lines[1]
    assert "21,107" in lines[2]
    assert "11,509" in lines[3] and ": 0, 0, 0" in lines[3]
    nl = sanity_check(fund(schools, division_assignment(schools, "rmc")))
    assert "+472 (+2,2 %)" in nl[0] and "landelijk budget EUR 335,5 mln" in nl[1]
    assert any("regio's tellen" in line for line in nl)


# --- the command line ------------------------------------------------------------------------


def test_cli_json_keys_for_a_division() -> None:
    run = CliRunner().invoke(cli, ["fund", "--division", "nodal", "--json"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.output)
    assert data["national"]["counted_pupils_bb_kb"] == 20_165
    assert data["whole_table"]["bb_kb_equivalent"] == 21_572
    for key in ("counted_pupils_bb_kb", "counted_pupils_gl", "max_subsidy_4y_eur"):
        assert key in data["national"]
    region = data["regions"][0]
    for key in ("region", "counted_pupils_bb_kb", "counted_pupils_gl", "max_subsidy_4y_eur"):
        assert key in region
    assert isinstance(region["techniekarm"], bool) and "technical_share" in region
    assert data["count_date"] == "2019-10-01" and region["data_year"] == 2019
    assert data["sanity"] and data["split"] == []


def test_cli_proposal_agreement_table_and_files(tmp_path: Path) -> None:
    proposal = tmp_path / "regions.csv"
    proposal.write_text(
        "region;code\nTwente;00AH17\nTwente;00AH07\nTwente;00LJ05\nUtrecht;00ML09\n",
        encoding="utf-8",
    )
    split = tmp_path / "split.toml"
    split.write_text(
        '[Twente.technical]\nshare = 0.75\nmethod = "pro_rata"\n'
        '[Twente.other]\nshare = 0.25\nmethod = "equal"\n',
        encoding="utf-8",
    )
    config = tmp_path / "config.toml"
    config.write_text('language = "nl"\n', encoding="utf-8")
    out = tmp_path / "out"
    args = ["fund", str(proposal), "--agreement", str(split), "--out", str(out)]
    run = CliRunner().invoke(cli, [*args, "--config", str(config)])
    assert run.exit_code == 0, run.output
    assert "Twente" in run.output and "EUR " in run.output
    assert "Verdeling volgens afspraak" in run.output
    assert "Vergelijking met de landelijke cijfers van het programma en van DUO" in run.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["funding.xlsx", "funding_regions.csv", "funding_schools.csv"]
    regions = pd.read_csv(out / "funding_regions.csv")
    assert regions["region"].tolist() == ["Twente", "Utrecht"]
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    again = CliRunner().invoke(cli, [*args, "--config", str(config)])
    assert again.exit_code == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first  # byte-identical


def test_cli_user_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    neither = runner.invoke(cli, ["fund"])
    assert neither.exit_code != 0 and "PROPOSAL" in neither.output
    split = tmp_path / "split.toml"
    split.write_text('[Nowhere.technical]\nshare = 1\nmethod = "equal"\n', encoding="utf-8")
    run = runner.invoke(cli, ["fund", "--division", "corop", "--agreement", str(split)])
    assert run.exit_code != 0
    assert "'Nowhere'" in run.output and "gebruik een regionaam uit het voorstel" in run.output
    assert "Traceback" not in run.output
    twice = tmp_path / "twice.csv"
    twice.write_text("region,code\nA,00AH17\nB,00AH17\nB,00LJ05\n", encoding="utf-8")
    english = tmp_path / "en.toml"
    english.write_text('language = "en"\n', encoding="utf-8")
    run = runner.invoke(cli, ["fund", str(twice), "--json", "--config", str(english)])
    assert run.exit_code == 0, run.output
    data = json.loads(run.output)
    assert any("00AH17 is listed in 2 regions (A, B)" in n for n in data["notes"])
    assert data["national"]["n_schools"] == 2
    unknown = tmp_path / "regions.csv"
    unknown.write_text("region,code\nA,00AH17\nA,99ZZ99\n", encoding="utf-8")
    run = runner.invoke(cli, ["fund", str(unknown)])
    assert run.exit_code != 0 and "99ZZ99" in run.output and "Traceback" not in run.output


@settings(max_examples=200, deadline=None)
@given(
    total=st.integers(0, 10**12),
    weights=st.lists(st.integers(0, 10**9), min_size=1, max_size=30),
)
def test_largest_remainder_whole_weights_as_fractions(total: int, weights: list[int]) -> None:
    """Whole weights (cents) take the integer path: the same shares as exact fractions."""
    from fractions import Fraction

    from regionkit._money import largest_remainder

    if not any(weights):
        total = 0
    assert largest_remainder(total, weights) == largest_remainder(
        total, [Fraction(w) for w in weights]
    )


# --- techniekarm, vso, technique outside the profiles, other years ----------------------------


def test_fund_explains_techniekarm_money_and_vso(schools: pd.DataFrame) -> None:
    """Alphen aan den Rijn, Hulst and Oostburg: no money per pupil, and why."""
    result = fund(schools, division_assignment(schools, "nodal"))
    regions = result.regions.set_index("region")
    for name in ("Alphen aan den Rijn", "Hulst", "Oostburg"):
        row = regions.loc[name]
        assert row["techniekarm"] and row["max_subsidy_4y_cents"] == 0
        assert "als techniekarm had aangemeld" in row["note"], name
        assert "apart budget (EUR 90 mln over 2020-2023)" in row["note"]
        assert "geen subsidie" not in row["note"].split(";")[0]
    assert any("12 techniekarme regio('s)" in n for n in result.notes)
    # vso schools take part without counts, and the figures say so
    assert regions.loc["Alphen aan den Rijn", "n_schools_vso"] == 6
    assert (
        "6 vso-vestiging(en): DUO publiceert geen vso-tellingen"
        in regions.loc["Alphen aan den Rijn", "note"]
    )
    assert result.whole_table.n_schools_vso == 511
    assert any("511 vso-vestigingen doen mee zonder leerlingentelling" in n for n in result.notes)


def test_other_technique_reported_beside_the_money_and_counted_as_a_setting(
    schools: pd.DataFrame,
) -> None:
    nodal = division_assignment(schools, "nodal")
    plain = fund(schools, nodal)
    assert plain.whole_table.other_technique_pupils == 845
    assert plain.whole_table.bb_kb_equivalent == 21_572.0  # the programme's rule: profiles only
    oostburg = plain.regions.set_index("region").loc["Oostburg"]
    assert oostburg["other_technique_pupils"] == 34 and oostburg["max_subsidy_4y_cents"] == 0
    assert "34 leerlingen in techniekprogramma's buiten de vijf profielen" in oostburg["note"]
    counted = fund(schools, nodal, config=load_config(funding={"count_other_technique": True}))
    o2 = counted.regions.set_index("region").loc["Oostburg"]
    assert o2["counted_pupils_bb_kb"] == 34 and o2["max_subsidy_4y_cents"] == 34 * BB_KB_CENTS
    assert o2["technical_pupils"] == 0 and o2["techniekarm"]  # techniekarm reads the profiles
    # only BB/KB/GL route pupils count: the TL Beroepsroute never does
    assert counted.whole_table.bb_kb_equivalent - 21_572.0 == 561
    assert any("instelling count_other_technique" in n for n in counted.notes)


def test_change_of_technical_pupils_since_the_other_year(schools: pd.DataFrame) -> None:
    from regionkit.schools import load_schools

    nodal = division_assignment(schools, "nodal")
    result = fund(schools, nodal, compare_schools=load_schools(year=2017), compare_year=2017)
    r = result.regions.set_index("region")
    assert (r["compare_year"] == 2017).all()
    assert r.loc["Enschede", "technical_pupils_then"] == 632
    assert r.loc["Enschede", "technical_change"] == 724 - 632
    assert (r["technical_change"] == r["technical_pupils"] - r["technical_pupils_then"]).all()
    assert any("Techn. t.o.v. 2017" in n for n in result.notes)
    assert "technical_change" in result.tables()["regions"].columns  # the workbook's sheet
    run = CliRunner().invoke(cli, ["fund", "--division", "nodal"])
    assert run.exit_code == 0, run.output
    assert "Techn. t.o.v. 2017" in run.output
    assert "Financiering per regio: de nodale gebieden van DUO" in run.output
    off = CliRunner().invoke(cli, ["fund", "--division", "nodal", "--compare-year", "0"])
    assert "t.o.v." not in off.output.split("\n")[2]


def test_fund_of_2017_compares_with_the_programme_figure() -> None:
    run = CliRunner().invoke(cli, ["fund", "--division", "nodal", "--year", "2017"])
    assert run.exit_code == 0, run.output
    assert "telling 2017-10-01, datajaar 2017" in run.output
    assert "(DUO 1 okt 2017): 267; programma: 266 van de 547" in run.output
    assert "Techn. t.o.v. 2019" in run.output
