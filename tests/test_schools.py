"""Loading users' school tables, writing and reading them back, and the schools summary."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regionkit._errors import InputDataError
from regionkit._schema import COUNT_COLUMNS, IDENTITY_COLUMNS, KINDS
from regionkit.schools import (
    bundled_data_dir,
    counted_pupils,
    load_schools,
    summarize_schools,
    write_schools,
)

#: A point in Amsterdam in RD New; the same point in WGS84 is about (4.8952, 52.3788).
AMS_RD = (121_500.0, 488_000.0)


def _problems(err: pytest.ExceptionInfo[InputDataError]) -> list[str]:
    return [str(p) for p in err.value.problems]


# --- the bundled table -------------------------------------------------------------------------


def test_bundled_load_is_a_fresh_copy_each_time() -> None:
    a = load_schools()
    a.loc[0, "name"] = "changed"
    a["extra"] = 1
    b = load_schools()
    assert b.loc[0, "name"] != "changed" and "extra" not in b.columns


def test_bundled_schema_and_dtypes(schools: gpd.GeoDataFrame) -> None:
    assert list(schools.columns) == [*IDENTITY_COLUMNS, *COUNT_COLUMNS, "geometry"]
    assert isinstance(schools.index, pd.RangeIndex)
    assert all(schools[c].dtype == "int64" for c in COUNT_COLUMNS)
    assert schools["has_technical_profile"].dtype == bool
    assert schools["code"].dtype == "string"
    assert set(schools["kind"]) <= set(KINDS)


def test_write_then_read_gives_the_same_table(schools: gpd.GeoDataFrame, tmp_path: Path) -> None:
    path = write_schools(schools, tmp_path / "copy.csv")
    again = load_schools(path)  # through the user-table reader, with all its checks
    pd.testing.assert_frame_equal(pd.DataFrame(again), pd.DataFrame(schools))
    assert again.crs == schools.crs
    assert write_schools(again, tmp_path / "copy2.csv").read_bytes() == path.read_bytes()


def test_write_then_read_as_geopackage_and_excel(schools: gpd.GeoDataFrame, tmp_path: Path) -> None:
    sample = schools.iloc[::40].reset_index(drop=True)
    gpkg = tmp_path / "s.gpkg"
    sample.to_file(gpkg, engine="pyogrio")
    pd.testing.assert_frame_equal(pd.DataFrame(load_schools(gpkg)), pd.DataFrame(sample))
    xlsx = tmp_path / "s.xlsx"
    pd.DataFrame(sample).drop(columns="geometry").to_excel(xlsx, index=False)
    pd.testing.assert_frame_equal(pd.DataFrame(load_schools(xlsx)), pd.DataFrame(sample))


codes = st.builds(
    lambda n, brin, b: f"{n:02d}{brin}{b:02d}",
    st.integers(0, 99),
    st.sampled_from(["AB", "QZ", "XY", "1A"]),
    st.integers(0, 99),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picks=st.lists(st.integers(0, 1074), min_size=1, max_size=12, unique=True),
    new_codes=st.lists(codes, min_size=12, max_size=12, unique=True),
    counts=st.lists(st.integers(0, 500), min_size=12, max_size=12),
    blank_names=st.lists(st.booleans(), min_size=12, max_size=12),
    dx=st.lists(st.floats(-5000, 5000, allow_nan=False), min_size=12, max_size=12),
)
def test_write_then_read_property(
    schools: gpd.GeoDataFrame,
    tmp_path_factory: pytest.TempPathFactory,
    picks: list[int],
    new_codes: list[str],
    counts: list[int],
    blank_names: list[bool],
    dx: list[float],
) -> None:
    """Any table of the schema (changed codes, counts, blanks, points) survives a round trip."""
    t = schools.iloc[picks].reset_index(drop=True).copy()
    k = len(t)
    t["code"] = pd.array(new_codes[:k], dtype="string")
    t["brin"] = t["code"].str[:4]
    t["branch"] = t["code"].str[4:]
    t["tl_lj3"] = counts[:k]
    t["name"] = t["name"].where(~pd.Series(blank_names[:k]), pd.NA)
    t["x"] = (t["x"] + np.array(dx[:k])).round(1)
    t = t.sort_values("code").reset_index(drop=True)
    # lon/lat follow x/y; the reader recomputes them where they disagree
    t = gpd.GeoDataFrame(t, geometry=gpd.points_from_xy(t["x"], t["y"]), crs=schools.crs)
    path = write_schools(t, tmp_path_factory.mktemp("rt") / "t.csv")
    once = load_schools(path)
    twice = load_schools(write_schools(once, path.with_name("t2.csv")))
    pd.testing.assert_frame_equal(pd.DataFrame(once), pd.DataFrame(twice))
    assert once["code"].tolist() == t["code"].tolist()
    assert once["tl_lj3"].tolist() == t["tl_lj3"].tolist()
    assert np.allclose(once["x"], t["x"]) and np.allclose(once["y"], t["y"])
    assert once["name"].isna().tolist() == t["name"].isna().tolist()


# --- users' own tables -------------------------------------------------------------------------


def test_minimal_csv_latin1_semicolons_decimal_commas(tmp_path: Path, caplog) -> None:
    p = tmp_path / "mine.csv"
    text = "vestigingscode;naam;lat;lon;pie_kb_lj3\n02QZ01;Súdwest;52,3788;4,8952;12\n"
    p.write_bytes(text.encode("latin-1"))
    with caplog.at_level(logging.INFO, logger="regionkit.schools"):
        s = load_schools(p)
    assert s.loc[0, "code"] == "02QZ01" and s.loc[0, "name"] == "Súdwest"
    assert s.loc[0, "kind"] == "vmbo" and s.loc[0, "profiles"] == "PIE"
    assert bool(s.loc[0, "has_technical_profile"]) and s.loc[0, "technical_lj3"] == 12
    assert int(counted_pupils(s)["bb_kb"].iloc[0]) == 12
    assert abs(s.loc[0, "x"] - AMS_RD[0]) < 20 and abs(s.loc[0, "y"] - AMS_RD[1]) < 20
    assert s.loc[0, "bb_lj3"] == 0 and pd.isna(s.loc[0, "province"])
    assert s.crs.to_epsg() == 28992
    assert "set to 0" in caplog.text and "bb_lj3" in caplog.text


def test_split_brin_and_branch_with_rd_columns(tmp_path: Path) -> None:
    p = tmp_path / "split.csv"
    p.write_text("BRIN NUMMER,VESTIGINGSNUMMER,X_RD,Y_RD,kind\n02qz, 1,121500,488000,pro\n")
    s = load_schools(p)
    assert s.loc[0, "code"] == "02QZ01" and s.loc[0, "kind"] == "pro"
    assert (s.loc[0, "x"], s.loc[0, "y"]) == AMS_RD


def test_stated_columns_and_crs(tmp_path: Path) -> None:
    p = tmp_path / "stated.csv"
    p.write_text("code\toost\tnoord\n02QZ01\t4.8952\t52.3788\n")
    s = load_schools(p, x_column="oost", y_column="noord", crs="EPSG:4326", sep="\t")
    assert abs(s.loc[0, "x"] - AMS_RD[0]) < 20
    # a vso school is accepted although the bundled data has none
    q = tmp_path / "vso.csv"
    q.write_text("code,x,y,kind\n02QZ01,121500,488000,VSO\n")
    assert load_schools(q).loc[0, "kind"] == "vso"


def test_geojson_and_geopackage_with_points(tmp_path: Path) -> None:
    g = gpd.GeoDataFrame(
        {"code": ["02QZ02", "02QZ01"], "tl_lj3": [10, 20]},
        geometry=gpd.points_from_xy([AMS_RD[0], AMS_RD[0] + 1000], [AMS_RD[1], AMS_RD[1]]),
        crs="EPSG:28992",
    )
    g.to_crs("EPSG:4326").to_file(tmp_path / "s.geojson")
    g.to_file(tmp_path / "s.gpkg")
    for name in ("s.geojson", "s.gpkg"):
        s = load_schools(tmp_path / name)
        assert s["code"].tolist() == ["02QZ01", "02QZ02"]  # sorted by code
        assert s["tl_lj3"].tolist() == [20, 10] and s["leerwegen"].tolist() == ["TL", "TL"]
        assert np.allclose(s["x"], [AMS_RD[0] + 1000, AMS_RD[0]], atol=0.1)


def test_suppressed_counts_in_a_user_table(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text("code,x,y,kb_lj3,pie_kb_lj3\n02QZ01,121500,488000,<5,<5\n")
    s = load_schools(p)
    assert s.loc[0, "kb_lj3"] == 0 and s.loc[0, "n_suppressed"] == 2
    assert s.loc[0, "suppressed_columns"] == "pie_kb_lj3;kb_lj3"


def test_reference_table_loads_through_its_dutch_column_names() -> None:
    s = load_schools(bundled_data_dir() / "reference" / "vmbo_vestigingen_2019_geo.csv")
    assert len(s) == 925
    assert int(s["has_technical_profile"].sum()) == 276
    assert int(s["technical_lj3"].sum()) == 11_509
    assert int((~s["in_address_file"]).sum()) == 8
    bundled = load_schools().set_index("code")
    same = bundled.loc[s["code"], "bb_lj3"].to_numpy()
    assert (s["bb_lj3"].to_numpy() == same).all()


# --- malformed user tables ---------------------------------------------------------------------


def test_every_problem_is_listed_with_file_row_column_value(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(
        "code,x,y,pie_kb_lj3\n"
        "02QZ01,121500,488000,4\n"  # row 2: fine
        "2QZ1,121500,488000,4\n"  # row 3: malformed code
        "02QZ01,121600,488000,4\n"  # row 4: duplicate code
        "02QZ03,121500,488000,\n"  # row 5: missing count
        "02QZ04,121500,488000,veel\n"  # row 6: non-numeric count
        "02QZ05,121500,488000,-2\n"  # row 7: negative count
        "02QZ06,700000,488000,1\n"  # row 8: outside the Netherlands
        "02QZ07,,488000,1\n"  # row 9: missing coordinate
    )
    with pytest.raises(InputDataError) as err:
        load_schools(p, language="en")
    found = _problems(err)
    assert len(found) == 7
    expect = [
        ("row 3, column 'code'", "malformed vestiging code", "'2QZ1'"),
        ("row 4, column 'code'", "more than once (first in row 2)", "'02QZ01'"),
        ("row 5, column 'pie_kb_lj3'", "the count is missing", "write 0"),
        ("row 6, column 'pie_kb_lj3'", "not a number", "'veel'"),
        ("row 7, column 'pie_kb_lj3'", "negative", "'-2'"),
        ("row 8, column 'x / y'", "outside the Netherlands", "'700000.0, 488000.0'"),
        ("row 9, column 'x'", "coordinate is missing", "fix:"),
    ]
    for where, what, value in expect:
        assert any(
            line.startswith(f"bad.csv, {where}") and what in line and value in line
            for line in found
        ), (where, found)
    assert "7 problems in the schools table bad.csv" in str(err.value)


def test_swapped_lat_lon_says_swap(tmp_path: Path) -> None:
    p = tmp_path / "swapped.csv"
    p.write_text("code,lat,lon\n02QZ01,4.90,52.38\n02QZ02,5.12,52.09\n02QZ03,6.57,53.22\n")
    with pytest.raises(InputDataError) as err:
        load_schools(p, language="en")
    (only,) = _problems(err)
    assert "swapped in 3 rows" in only and "swap the columns 'lon' and 'lat'" in only
    # one swapped row among good ones is reported on its row
    q = tmp_path / "one.csv"
    q.write_text("code,lat,lon\n02QZ01,52.38,4.90\n02QZ02,5.12,52.09\n02QZ03,53.22,6.57\n")
    with pytest.raises(InputDataError) as err:
        load_schools(q, language="en")
    (only,) = _problems(err)
    assert only.startswith("one.csv, row 3, column 'lon / lat'") and "swap" in only


def test_degrees_stated_as_metres_and_metres_stated_as_degrees(tmp_path: Path) -> None:
    p = tmp_path / "rd.csv"
    p.write_text("code,lat,lon\n02QZ01,488000,121500\n")
    with pytest.raises(InputDataError) as err:
        load_schools(p, language="en")
    assert "metres (RD New?) but the CRS says degrees" in str(err.value)
    q = tmp_path / "deg.csv"
    q.write_text("code,a,b\n02QZ01,4.9,52.3\n")
    with pytest.raises(InputDataError) as err:
        load_schools(q, x_column="a", y_column="b", crs=28992, language="en")
    assert "outside the Netherlands" in str(err.value) and "'4.9, 52.3'" in str(err.value)


def test_geodata_without_crs(tmp_path: Path) -> None:
    p = tmp_path / "nocrs.gpkg"
    g = gpd.GeoDataFrame({"code": ["02QZ01"]}, geometry=gpd.points_from_xy([121500], [488000]))
    with pytest.warns(UserWarning, match="crs"):  # the writer warns too
        g.to_file(p)
    with pytest.raises(InputDataError) as err:
        load_schools(p, language="en")
    (only,) = _problems(err)
    assert only.startswith("nocrs.gpkg: the file has no CRS") and 'crs="EPSG:28992"' in only
    assert load_schools(p, crs="EPSG:28992").loc[0, "x"] == AMS_RD[0]


def test_geodata_with_polygons(tmp_path: Path) -> None:
    p = tmp_path / "poly.gpkg"
    poly = gpd.points_from_xy([121500], [488000]).buffer(50)
    gpd.GeoDataFrame({"code": ["02QZ01"]}, geometry=poly, crs=28992).to_file(p)
    with pytest.raises(InputDataError) as err:
        load_schools(p, language="en")
    (only,) = _problems(err)
    assert "row 1, column 'geometry': not a point: Polygon" in only


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"code,x,y\n", "no schools (no rows below the header)"),
        (b"PK\x03\x04\x14\x00\x00\x00garbage", "zip archive"),
        ("code,x,y\n02QZ01,121500,488000\n".encode("utf-16-le"), "UTF-16 text without a byte"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"naam,x,y\nA,121500,488000\n", "no code column"),
        (b"code,plaats\n02QZ01,Ede\n", "no coordinates"),
        (b"code,x,y,kind\n02QZ01,121500,488000,mbo\n", "unknown kind of school"),
    ],
)
def test_malformed_files_give_one_readable_error(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    p = tmp_path / "schools.csv"
    p.write_bytes(content)
    with pytest.raises(InputDataError) as err:
        load_schools(p, language="en")
    assert expected in str(err.value)
    assert all(pr.file and pr.file.endswith("schools.csv") for pr in err.value.problems)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    p = tmp_path / "excel-unicode.txt"
    p.write_bytes("code\tx\ty\n02QZ01\t121500\t488000\n".encode("utf-16"))
    assert load_schools(p).loc[0, "code"] == "02QZ01"


def test_missing_file() -> None:
    with pytest.raises(InputDataError, match="does not exist"):
        load_schools("no/such/file.csv", language="en")


def test_inconsistent_technical_totals(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("code,x,y,pie_kb_lj3,technical_lj3,kb_lj3\n02QZ01,121500,488000,5,7,3\n")
    with pytest.raises(InputDataError) as err:
        load_schools(p, language="en")
    text = str(err.value)
    assert "technical_lj3 is not the sum of the technical cells (5)" in text
    assert "more technical-profile pupils (5) than KB pupils in leerjaar 3" in text


# --- summary -----------------------------------------------------------------------------------


def test_summary_of_the_bundled_table(schools: gpd.GeoDataFrame) -> None:
    s = summarize_schools(schools, source="bundled", language="en")
    assert s.n_schools == 1586 and s.n_by_kind == {"vmbo": 925, "vso": 511, "pro": 150}
    assert (s.n_with_technical_profile, s.n_without_technical_profile) == (276, 649)
    assert (s.technical_pupils_lj3, s.technical_pupils_lj4) == (11_509, 11_404)
    assert s.counted_bb_kb + s.counted_gl == 22_913
    assert s.counted_weighted == s.counted_bb_kb + 0.5 * s.counted_gl
    assert int(s.provinces["schools"].sum()) == 1586 and len(s.provinces) == 12
    assert int(s.provinces["technical"].sum()) == 276
    assert int(s.provinces["vso"].sum()) == 511
    assert sum(s.precision.values()) == 1586 and s.precision["unknown"] == 0
    # technique outside the five profiles: 9 schools teach it only that way, 845 pupils
    assert s.n_other_technique == 9
    assert (s.other_technique_pupils_lj3, s.other_technique_pupils_lj4) == (470, 375)
    assert any("vso schools are in the table without pupil counts" in w for w in s.warnings)
    assert len(s.closed) == 8 and set(s.closed) <= set(s.missing_divisions)
    assert not s.suppressed
    assert s.technical_share is not None and 0.15 < s.technical_share < 0.25
    d = json.loads(json.dumps(s.to_dict()))
    for key in ("n_schools", "n_with_technical_profile", "technical_pupils_lj3"):
        assert key in d
    text = s.to_text()
    assert "Zuid-Holland" in text and "11,509" in text and "closed" in text
    assert "Location precision: 1,517 address" in text


def test_summary_reports_suppressed_and_unknown(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text(
        "code,x,y,pie_kb_lj3,kb_lj3\n02QZ01,121500,488000,<5,9\n02QZ02,121600,488000,3,3\n"
    )
    s = summarize_schools(load_schools(p), language="en")
    assert s.suppressed == ("02QZ01",) and s.n_suppressed_cells == 1
    assert s.precision["unknown"] == 2
    assert s.provinces["province"].tolist() == ["(unknown)"]
    assert any("'<5'" in w for w in s.warnings)


# --- the command line --------------------------------------------------------------------------


def test_cli_schools_text_and_json() -> None:
    from click.testing import CliRunner

    from regionkit.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["schools"])
    assert result.exit_code == 0, result.output
    assert "Scholen: 1.586 (925 vmbo, 511 vso, 150 pro)" in result.output
    assert "met een technisch profiel: 276" in result.output
    assert "Waarschuwingen over de gegevens:" in result.output
    result = runner.invoke(cli, ["schools", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n_schools"] == 1586 and data["n_by_kind"]["vmbo"] == 925
    assert data["n_by_kind"]["vso"] > 500
    assert data["n_with_technical_profile"] == 276
    assert (data["technical_pupils_lj3"], data["technical_pupils_lj4"]) == (11_509, 11_404)


def test_cli_schools_on_a_user_table(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from regionkit.cli import cli

    good = tmp_path / "mine.csv"
    good.write_text("code;oost;noord;pie_bb_lj3\n02QZ01;121500;488000;8\n")
    runner = CliRunner()
    args = ["schools", "--schools", str(good), "--x-column", "oost", "--y-column", "noord"]
    result = runner.invoke(cli, [*args, "--crs", "EPSG:28992", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["technical_pupils_lj3"] == 8
    bad = tmp_path / "bad.csv"
    bad.write_text("code,x,y\n2QZ1,121500,488000\n")
    result = runner.invoke(cli, ["schools", "--schools", str(bad)])
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit)  # no traceback
    assert "bad.csv, rij 2, kolom 'code': onjuiste vestigingscode" in result.output
    assert "Traceback" not in result.output


def test_cli_schools_of_2017() -> None:
    """The bundled 2017 table (DUO's count of 1 October 2017) beside the 2019 one."""
    from click.testing import CliRunner

    from regionkit.cli import cli

    result = CliRunner().invoke(cli, ["schools", "--year", "2017", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == "de meegeleverde tabel van DUO van 1 oktober 2017"
    assert data["n_by_kind"] == {"vmbo": 935, "vso": 511, "pro": 151}
    assert data["n_with_technical_profile"] == 267
    assert (data["technical_pupils_lj3"], data["technical_pupils_lj4"]) == (12_184, 9_940)
    # the old afdelingen: technique the five profiles undercount in 2017
    assert data["other_technique_pupils_lj3"] + data["other_technique_pupils_lj4"] == 3_792
    missing = CliRunner().invoke(cli, ["schools", "--year", "2016"])
    assert missing.exit_code == 2 and "no bundled schools table of 2016" in missing.output
    assert "2017, 2019" in missing.output and "Traceback" not in missing.output
