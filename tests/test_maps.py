"""Tests of regionkit.maps: the map's data, escaping, determinism, colours and size of the pages.

The browser tests (tests/test_maps_browser.py) open the same maps in Chromium;
these tests read the JSON blob the page draws (``regionkit._map_data``) and the HTML.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regionkit._map_geo import place_labels
from regionkit._schema import COUNT_COLUMNS, CRS
from regionkit.config import load_config
from regionkit.maps import (
    NO_REGION_COLOR,
    REGION_PALETTE,
    json_for_script,
    make_map,
    map_html,
    write_map,
)

NL = load_config()
EN = load_config(language="en")


def tiny_schools(names: dict[str, str] | None = None) -> gpd.GeoDataFrame:
    """Six schools around Utrecht, 4 km apart, in two regions and one left out::

        y (km)
        459  A1 ---- A2          B1 ---- B2
                |                   |
        455  A3                  B3          (B3 is in no region)

             136    140          148    152   x (km)

    A1 has 40 PIE pupils in BB lj3 and 20 MVI pupils in GL lj4; B2 has none.
    """
    rows = [
        ("10AA00", "Alpha College", 136_000, 459_000, "A"),
        ("10AA01", "Alpha Techniek", 140_000, 459_000, "A"),
        ("10AB00", "Alpha Noord", 136_000, 455_000, "A"),
        ("20BB00", "Beta Lyceum", 148_000, 459_000, "B"),
        ("20BB01", "Beta Vakschool", 152_000, 459_000, "B"),
        ("20BC00", "Beta Buiten", 148_000, 455_000, None),
    ]
    names = names or {}
    df = pd.DataFrame(
        {
            "code": [r[0] for r in rows],
            "name": [names.get(r[0], r[1]) for r in rows],
            "street": "Schoolstraat",
            "house_number": ["1", "2", "3", "4", "5", "6"],
            "postcode": "3500 AA",
            "place": ["UTRECHT", "Utrecht", "Maarssen", "Zeist", "Driebergen", "Zeist"],
            "gemeente": "Utrecht",
            "kind": "vmbo",
            "structure": "VBO/MAVO",
            "leerwegen": "BB;KB;GL",
            "profiles": ["PIE;MVI", "", "", "", "", ""],
            "has_technical_profile": [True, False, False, False, False, False],
            "x": [float(r[2]) for r in rows],
            "y": [float(r[3]) for r in rows],
        }
    )
    for c in COUNT_COLUMNS:
        df[c] = 0
    df.loc[0, "pie_bb_lj3"] = 40
    df.loc[0, "mvi_gl_lj4"] = 20
    for i in range(1, 5):
        df.loc[i, "bwi_kb_lj3"] = 10 * i
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS)
    gdf.attrs["assignment"] = pd.Series(
        {r[0]: r[4] for r in rows if r[4] is not None}, name="region"
    )
    return gdf


def data_of(page: str) -> dict:
    """The JSON blob a map page draws."""
    found = re.search(r'<script type="application/json" id="regionkit-data">(.*?)</script>', page)
    assert found, "no data element in the page"
    return json.loads(found.group(1))


def tiny_data(**kwargs: object) -> dict:
    s = kwargs.pop("schools", None)
    s = tiny_schools() if s is None else s
    assignment = kwargs.pop("assignment", s.attrs["assignment"])
    config = kwargs.pop("config", NL)
    return data_of(map_html(make_map(s, assignment, config=config, **kwargs)))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def nodal(schools: gpd.GeoDataFrame) -> pd.Series:
    return schools.set_index("code")["nodal_name"]


@pytest.fixture(scope="module")
def national_html(schools: gpd.GeoDataFrame, nodal: pd.Series) -> str:
    return map_html(make_map(schools, nodal, config=NL, division="nodal"))


@pytest.fixture(scope="module")
def national(national_html: str) -> dict:
    return data_of(national_html)


# --- the national map ---------------------------------------------------------------------------


def test_two_renders_are_byte_identical(
    schools: gpd.GeoDataFrame, nodal: pd.Series, national_html: str, tmp_path: Path
) -> None:
    again = write_map(make_map(schools, nodal, config=NL, division="nodal"), tmp_path / "a.html")
    assert again.read_text(encoding="utf-8") == national_html
    assert not re.search(r"_[0-9a-f]{32}\b", national_html)  # folium's random ids are gone


def test_a_map_renders_the_same_every_time() -> None:
    s = tiny_schools()
    m = make_map(s, s.attrs["assignment"], config=NL)
    first = map_html(m)
    assert map_html(m) == first  # rendering again adds nothing twice
    assert map_html(make_map(s, s.attrs["assignment"], config=NL)) == first
    folium.CircleMarker([52.1, 5.1], radius=4).add_to(m)  # an element added afterwards
    later = map_html(m)
    assert later == map_html(m) and later != first


def test_national_map_is_light_offline_and_dutch(national_html: str) -> None:
    size = len(national_html.encode("utf-8"))
    assert size < 3_000_000, f"{size:,} bytes"
    assert not re.search(
        r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""",
        national_html,
    )
    assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", national_html)
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery.com", "bootstrapcdn", "unpkg"):
        assert cdn not in national_html
    assert "sourceMappingURL" not in national_html
    assert "Leaflet 1.9" in national_html or "leafletjs.com" in national_html
    assert "jQuery" not in national_html  # the page is plain JavaScript: no unused library shipped
    assert '<html lang="nl">' in national_html


def test_every_school_and_region_is_in_the_data(
    schools: gpd.GeoDataFrame, nodal: pd.Series, national: dict
) -> None:
    codes = [s["code"] for s in national["schools"]]
    assert sorted(codes) == sorted(schools["code"])
    no_region = {s["code"] for s in national["schools"] if not s["regions"]}
    assert no_region == set(schools.loc[schools["nodal_name"].isna(), "code"])
    assert sorted(r["name"] for r in national["regions"]) == sorted(nodal.dropna().unique())
    assert all(r["geometry"] and r["label"] for r in national["regions"])
    assert national["kind"] == "division"
    assert national["title"] == "Indeling in nodale gebieden"
    assert "1 oktober 2019" in national["subtitle"]


def test_official_divisions_are_drawn_from_municipalities(schools: gpd.GeoDataFrame) -> None:
    """RMC regions and COROP areas are unions of municipalities on the bundled data."""
    from regionkit._map_geo import division_areas

    for column, n_areas, mixed in (
        ("rmc_name", 39, 0),
        ("corop_name", 40, 1),
        ("nodal_name", 80, 0),
    ):
        drawn = division_areas(schools, schools.set_index("code")[column].dropna())
        assert drawn is not None, column
        assert len(drawn.areas) == n_areas and drawn.n_mixed == mixed, column
        # every municipality is drawn once: the areas tile the land without holes
        assert drawn.n_municipalities == 352
        union = drawn.areas.geometry.union_all()
        from regionkit.boundaries import land_mask

        assert union.symmetric_difference(land_mask()).area / land_mask().area < 1e-6
    # a proposal's regions are not a division: drawn from the schools' cells
    s = schools.set_index("code")
    cut = s["nodal_name"].dropna().copy()
    cut[cut.index[::2]] = "Oneven"
    assert division_areas(schools, cut) is None
    # nor is a "division" that splits municipalities: drawn around its schools, and said so
    data = data_of(map_html(make_map(schools, cut, config=NL, division="nodal")))
    assert data["drawn_as"] == "cells" and data["kind"] == "division"
    assert "Voronoi" in data["texts"]["legend_drawn_cells"]


def test_neighbouring_regions_have_different_colours(national: dict) -> None:
    from regionkit._map_data import region_colors  # noqa: F401 - the colouring under test
    from regionkit.areas import region_adjacency

    assert 6 <= len(REGION_PALETTE) <= 8
    color = {r["name"]: r["color"] for r in national["regions"]}
    polygons = _region_polygons(national)
    adjacency = region_adjacency(polygons)
    assert adjacency.number_of_edges() > 100
    for a, b in adjacency.edges:
        assert color[a] != color[b], (a, b)


def _region_polygons(data: dict) -> gpd.GeoDataFrame:
    from shapely.geometry import shape

    return gpd.GeoDataFrame(
        {"region": [r["name"] for r in data["regions"]]},
        geometry=[shape(r["geometry"]) for r in data["regions"]],
        crs="EPSG:4326",
    ).to_crs(CRS)


# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
PROTANOPIA = np.array(
    [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ]
)
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)


def _rgb(color: str) -> np.ndarray:
    return np.array([int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def _linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear: np.ndarray) -> np.ndarray:
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = (m @ np.clip(linear, 0, 1)) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _seen(color: str, data: dict, matrix: np.ndarray | None) -> np.ndarray:
    """CIELAB of a region's fill as drawn (blended over the land), as seen with a deficiency."""
    opacity = data["palette"]["opacity"]
    shown = opacity * _rgb(color) + (1 - opacity) * _rgb(data["palette"]["land"])
    linear = _linear(shown)
    return _lab(linear if matrix is None else matrix @ linear)


def test_neighbouring_colours_stay_apart_with_deuteranopia_and_protanopia(national: dict) -> None:
    from regionkit.areas import region_adjacency

    color = {r["name"]: r["color"] for r in national["regions"]}
    adjacency = region_adjacency(_region_polygons(national))
    worst = {}
    for name, matrix in (
        ("normal", None),
        ("protanopia", PROTANOPIA),
        ("deuteranopia", DEUTERANOPIA),
    ):
        worst[name] = min(
            float(
                np.linalg.norm(
                    _seen(color[a], national, matrix) - _seen(color[b], national, matrix)
                )
            )
            for a, b in adjacency.edges
        )
    # CIELAB distance: 2.3 is just noticeable; the palette keeps every pair above 15
    assert all(v > 15 for v in worst.values()), worst
    # and so does any pair of the palette, so no colouring can bring two alike together
    for a, b in itertools.combinations(REGION_PALETTE, 2):
        for matrix in (None, PROTANOPIA, DEUTERANOPIA):
            assert np.linalg.norm(_seen(a, national, matrix) - _seen(b, national, matrix)) > 15


def _contrast(a: np.ndarray, b: np.ndarray) -> float:
    la = float(np.array([0.2126, 0.7152, 0.0722]) @ _linear(a)) + 0.05
    lb = float(np.array([0.2126, 0.7152, 0.0722]) @ _linear(b)) + 0.05
    return max(la, lb) / min(la, lb)


def test_region_borders_stand_out_against_every_fill(national: dict) -> None:
    border = _rgb(national["palette"]["border"])
    opacity = national["palette"]["opacity"]
    land = _rgb(national["palette"]["land"])
    for color in REGION_PALETTE:
        fill = opacity * _rgb(color) + (1 - opacity) * land
        assert _contrast(border, fill) >= 3.0, color


def test_land_places_and_borders(national: dict) -> None:
    names = [n["name"] for n in national["land"]["neighbours"]]
    assert {"België", "Duitsland"} <= set(names)
    places = {p[0]: p[3] for p in national["places"]}
    assert places["Amsterdam"] == 0 and places["Den Haag"] == 0  # at every zoom
    assert sorted(set(places.values()))[:2] == [0, 8] and max(places.values()) >= 11
    assert national["borders"]["gemeenten"]["type"] == "MultiLineString"


# --- tiny maps ----------------------------------------------------------------------------------


def test_places_are_written_as_people_write_them() -> None:
    s = tiny_schools()
    s["place"] = ["RIJSWIJK ZH", "BERGEN NH", "EDE GLD", "Zeist", "'S-GRAVENHAGE", "ZEIST"]
    places = {school["code"]: school["place"] for school in tiny_data(schools=s)["schools"]}
    assert sorted(set(places.values())) == [
        "'s-Gravenhage",
        "Bergen (NH)",
        "Ede",
        "Rijswijk",
        "Zeist",
    ]
    labels = {p[0] for p in place_labels()}
    assert {"Bergen (NH)", "Rijswijk", "Elst (Ut)", "Haren (Gn)"} <= labels
    assert not {"Elst Ut", "Haren Gn"} & labels


def test_tiny_map_schools_regions_and_sizes() -> None:
    data = tiny_data()
    by_code = {s["code"]: s for s in data["schools"]}
    a1 = by_code["10AA00"]
    assert {k: a1[k] for k in ("name", "place", "regions", "address", "leerwegen", "profiles")} == {
        "name": "Alpha College",
        "place": "Utrecht",  # DUO's capitals in the place table's spelling
        "regions": ["A"],
        "address": ["Schoolstraat 1", "3500 AA Utrecht"],
        "leerwegen": "BB, KB, GL",
        "profiles": "Produceren, installeren en energie, Media, vormgeving en ICT",
    }
    assert a1["counted_text"] == "50"  # 40 BB/KB + 20 GL weighted by half
    assert a1["table"] == [["PIE", "40", "0", "0"], ["MVI", "0", "0", "20"], ["", "40", "0", "20"]]
    assert "table" not in by_code["20BC00"]
    assert a1["radius"] == NL.map.max_marker_radius
    assert by_code["20BB01"]["radius"] == pytest.approx(
        NL.map.max_marker_radius * np.sqrt(40 / 50), abs=0.05
    )
    assert by_code["20BC00"]["regions"] == []
    assert data["palette"]["no_region"] == NO_REGION_COLOR
    regions = {r["name"]: r for r in data["regions"]}
    assert sorted(regions) == ["A", "B"]
    assert regions["A"]["color"] != regions["B"]["color"]
    assert regions["A"]["n_schools"] == 3 and regions["A"]["counted_text"] == "80"
    assert data["kind"] == "proposal" and data["drawn_as"] == "cells"
    assert "6 scholen in 2 regio's, 1 zonder regio" in data["subtitle"]


def test_extra_rows_and_notes_reach_the_popups() -> None:
    data = tiny_data(
        explanations={"A": "Regio A: de hele stad Utrecht"},
        region_details={"A": [("Getelde leerlingen 2017", "75")]},
        school_details={"10AA00": [("Getelde leerlingen 2017", "48")]},
    )
    regions = {r["name"]: r for r in data["regions"]}
    assert regions["A"]["note"] == "Regio A: de hele stad Utrecht"
    assert regions["A"]["rows_extra"] == [["Getelde leerlingen 2017", "75"]]
    assert "rows_extra" not in regions["B"] and "note" not in regions["B"]
    school = next(x for x in data["schools"] if x["code"] == "10AA00")
    assert school["rows_extra"] == [["Getelde leerlingen 2017", "48"]]


def test_a_school_in_two_regions_is_in_both() -> None:
    s = tiny_schools()
    proposal = pd.Series(
        ["A", "A", "A", "B", "B", "B"],
        index=["10AA00", "10AA01", "10AB00", "20BB00", "20BB01", "10AA01"],
    )
    data = tiny_data(schools=s, assignment=proposal)
    by_code = {x["code"]: x for x in data["schools"]}
    assert by_code["10AA01"]["regions"] == ["A", "B"]
    regions = {r["name"]: r for r in data["regions"]}
    assert regions["A"]["n_schools"] == 3 and regions["B"]["n_schools"] == 3


def test_data_text_is_raw_in_the_data_and_escaped_in_the_page() -> None:
    evil = '<script>window.__rk_xss = 1</script><img src=x onerror="window.__rk_xss = 2">'
    s = tiny_schools({"10AA00": evil, "20BB00": "{{ 7 * 7 }} & {% if 1 %}x{% endif %}"})
    assignment = s.attrs["assignment"].replace({"A": "<b>Regio A</b>"})
    page = map_html(make_map(s, assignment, config=NL, title="<i>Titel</i>"))
    data = data_of(page)
    by_code = {x["code"]: x for x in data["schools"]}
    assert by_code["10AA00"]["name"] == evil  # raw: the page escapes what it shows
    assert by_code["20BB00"]["name"].startswith("{{ 7 * 7 }} & {% if 1 %}")
    assert "<b>Regio A</b>" in {r["name"] for r in data["regions"]}
    assert "<script>window.__rk_xss" not in page
    assert "<i>Titel</i>" not in page
    assert "<title>&lt;i&gt;Titel&lt;/i&gt;</title>" in page
    assert data["title"] == "<i>Titel</i>"


def test_english_labels_and_number_formats() -> None:
    s = tiny_schools()
    big = s.copy()
    big["pie_bb_lj3"] = [1234, 0, 0, 0, 0, 0]
    nl = tiny_data(schools=big, assignment=s.attrs["assignment"])
    en = tiny_data(schools=big, assignment=s.attrs["assignment"], config=EN)
    school_nl = next(x for x in nl["schools"] if x["code"] == "10AA00")
    school_en = next(x for x in en["schools"] if x["code"] == "10AA00")
    assert school_nl["counted_text"] == "1.244" and school_en["counted_text"] == "1,244"
    assert school_nl["table"][0] == ["PIE", "1.234", "0", "0"]
    assert school_en["table"][0] == ["PIE", "1,234", "0", "0"]
    assert (
        nl["texts"]["counted"] == "Getelde leerlingen"
        and en["texts"]["counted"] == "Counted pupils"
    )
    assert "BB/KB + GL × 0,5" in nl["texts"]["counted_note"]
    assert "BB/KB + GL × 0.5" in en["texts"]["counted_note"]
    assert nl["texts"]["zoom_in"] == "Inzoomen" and en["lang"] == "en"
    assert "1 October 2019" in en["subtitle"]


FUNDING = pd.DataFrame(
    {
        "region": ["A", "B"],
        "bb_kb_equivalent": [50.0, 100.0],
        "max_subsidy_4y_eur": [1_234_567.0, 1_589_500.0],
        "max_subsidy_year_eur": [308_641.75, 397_375.0],
        "technical_share": [0.05, 0.4],
        "techniekarm": [True, False],
    }
)


def test_money_is_in_every_region_in_dutch_notation() -> None:
    data = tiny_data(funding=FUNDING)
    a = next(r for r in data["regions"] if r["name"] == "A")
    assert a["max_subsidy_text"] == "EUR 1.234.567"
    assert a["per_year_text"] == "EUR 308.642"
    assert a["technical_share_text"] == "5,0 %"
    assert a["techniekarm"] is True
    fills = data["palette"]["fills"]
    assert set(fills) == {"counted", "subsidy", "techniekarm"}  # alternatives to the colours
    assert fills["subsidy"]["ticks"][-1] == "EUR 1,6 mln"
    assert fills["subsidy"]["colors"]["A"] != fills["subsidy"]["colors"]["B"]
    en = tiny_data(funding=FUNDING, config=EN)
    assert next(r for r in en["regions"] if r["name"] == "A")["max_subsidy_text"] == "EUR 1,234,567"


FINDINGS = pd.DataFrame(
    {
        "rule": ["close_schools_split", "left_out", "too_small", "not_one_area", "overlap"],
        "severity": ["warning", "error", "warning", "error", "error"],
        "regions": [("A", "B"), (), ("A",), ("B",), ("A", "B")],
        "schools": [("10AA01", "20BB00"), ("20BC00",), (), ("20BB01",), ("10AA00",)],
        "message": [
            "Alpha Techniek en Beta Lyceum liggen 8 km uit elkaar <in> twee regio's",
            "Beta Buiten zit in geen regio",
            "Regio A is te klein",
            "Regio B valt uiteen",
            "Alpha College staat in twee regio's",
        ],
    }
)


def test_findings_carry_where_to_draw_them() -> None:
    data = tiny_data(findings=FINDINGS, config=load_config(rules={"close_distance_m": 13_000}))
    by_rule = {f["rule"]: f for f in data["findings"]}
    schools = {x["code"]: [x["lat"], x["lon"]] for x in data["schools"]}
    split = by_rule["close_schools_split"]
    assert split["message"].endswith("<in> twee regio's")  # raw text, escaped by the page
    # every pair within 13 km in A and B, not only the closest: A1-B1, A2-B1, A2-B2, A3-B1
    assert len(split["lines"]) == 4
    assert [schools["10AA01"], schools["20BB00"]] in split["lines"]
    assert split["at"] == "pair"
    assert by_rule["left_out"]["anchors"] == [schools["20BC00"]]
    assert by_rule["overlap"]["anchors"] == [schools["10AA00"]]
    assert by_rule["too_small"]["at"] == "region"
    regions = {r["name"]: r for r in data["regions"]}
    assert by_rule["too_small"]["anchors"] == [regions["A"]["label"]]
    assert (regions["A"]["errors"], regions["A"]["warnings"]) == (1, 2)
    assert (regions["B"]["errors"], regions["B"]["warnings"]) == (2, 1)


def test_the_national_split_findings_draw_every_pair(
    schools: gpd.GeoDataFrame, nodal: pd.Series
) -> None:
    from regionkit.regions import Regions
    from regionkit.rules import close_schools_split

    found = close_schools_split(Regions(schools, nodal.dropna(), config=NL))
    table = pd.DataFrame(
        {
            "rule": [f.rule for f in found],
            "severity": [f.severity for f in found],
            "regions": [f.regions for f in found],
            "schools": [f.schools for f in found],
            "message": [f.message for f in found],
        }
    )
    data = data_of(map_html(make_map(schools, nodal, findings=table, config=NL)))
    assert len(data["findings"]) == len(found) > 10
    for f, drawn in zip(found, data["findings"], strict=True):
        assert len(drawn["lines"]) == f.details["n_pairs"]


def test_downloads_are_the_tables_as_run_writes_them() -> None:
    from regionkit.reports import table_to_csv

    data = tiny_data(findings=FINDINGS, funding=FUNDING)
    assert set(data["exports"]) == {"regions", "findings"}
    assert data["exports"]["findings"]["csv"] == table_to_csv(FINDINGS)
    lines = data["exports"]["regions"]["csv"].splitlines()
    assert lines[0].startswith("region,n_schools,")
    assert lines[1].startswith("A,3,")
    given = pd.DataFrame({"region": ["A"], "note": ["=1+1"]})
    data = tiny_data(exports={"regions": given})
    assert data["exports"]["regions"] == {"file": "regions.csv", "csv": table_to_csv(given)}


def test_comparison_draws_both_sets_of_borders_and_the_moved_schools() -> None:
    s = tiny_schools()
    a = s.attrs["assignment"]
    b = a.copy()
    b["10AA01"] = "B"
    moved = pd.DataFrame(
        {"code": ["10AA01", "99ZZ99"], "region_a": ["A", "A"], "region_b": ["B", "B"]}
    )
    data = tiny_data(assignment=b, moved=moved, other=a, other_label="voorstel")
    assert data["kind"] == "comparison"
    assert data["title"] == "Vergelijking: voorstel (lijnen) en B (vlakken)"
    rmc = tiny_data(assignment=b, moved=moved, other=a, other_label="rmc", other_division="rmc")
    assert rmc["title"].startswith("Vergelijking: RMC-regio's (lijnen)")
    assert data["compare"]["moved"] == [["10AA01", "A", "B"]]  # the unknown code is not drawn
    assert data["compare"]["label"] == "voorstel"
    assert data["compare"]["borders"]["type"] in ("LineString", "MultiLineString")
    assert "voorstel" in data["texts"]["legend_other"]


def test_schools_without_a_region_and_no_regions_at_all() -> None:
    data = tiny_data(assignment=pd.Series(dtype=object))
    assert all(x["regions"] == [] for x in data["schools"])
    assert data["regions"] == []
    assert "6 scholen in 0 regio's" in data["subtitle"]


def test_write_map_is_atomic_and_makes_folders(tmp_path: Path) -> None:
    s = tiny_schools()
    path = write_map(make_map(s, s.attrs["assignment"], config=NL), tmp_path / "deep" / "map.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in path.parent.iterdir()] == ["map.html"]


def test_tiles_are_an_option() -> None:
    s = tiny_schools()
    offline = map_html(make_map(s, s.attrs["assignment"], config=NL))
    assert "service.pdok.nl" not in offline
    online = map_html(
        make_map(s, s.attrs["assignment"], config=load_config(map={"tiles": "nlmaps.grijs"}))
    )
    assert "service.pdok.nl" in online and data_of(online)["tiles"] is True


def test_page_assets_are_package_data() -> None:
    from regionkit._map_assets import page_asset

    assert "regionkit.render" in page_asset("map.js") or "rk.render" in page_asset("map.js")
    assert "@media print" in page_asset("map.css")
    with pytest.raises(ValueError, match="unknown page asset"):
        page_asset("other.js")


# --- the command line ---------------------------------------------------------------------------


def test_cli_map_of_a_division(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from regionkit.cli import cli

    out = tmp_path / "rmc.html"
    result = CliRunner().invoke(
        cli, ["map", "--division", "rmc", "--no-findings", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"geschreven: {out}" in result.output  # the default language: Dutch
    data = data_of(out.read_text(encoding="utf-8"))
    assert data["findings"] == [] and "subsidy" in data["palette"]["fills"]
    assert data["title"] == "Indeling in RMC-regio's" and data["drawn_as"] == "gemeenten"


def test_cli_map_of_a_proposal_writes_to_maps_by_default(
    schools: gpd.GeoDataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from regionkit.cli import cli

    codes = schools.loc[schools["kind"] == "vmbo", "code"].head(6).tolist()
    proposal = tmp_path / "twee regios.csv"
    proposal.write_text(
        "regio;code\n"
        + "".join(f"{'Noord' if i < 3 else 'Zuid'};{c}\n" for i, c in enumerate(codes)),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["map", str(proposal), "--title", "Twee regio's"])
    assert result.exit_code == 0, result.output
    data = data_of((tmp_path / "maps" / "twee regios.html").read_text(encoding="utf-8"))
    assert data["title"] == "Twee regio's"
    assert any(f["rule"] == "left_out" for f in data["findings"])  # every other school


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give a PROPOSAL file or --division"),
        (["--division", "nodal", "--tiles", "Nergens.Kaart"], "not a tile provider"),
    ],
)
def test_cli_map_user_errors(args: list[str], message: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from regionkit.cli import cli

    result = CliRunner().invoke(
        cli, ["map", "--no-findings", "--no-funding", "--out", str(tmp_path / "x.html"), *args]
    )
    assert result.exit_code != 0
    assert not (tmp_path / "x.html").exists()
    assert message in result.output
    assert "Traceback" not in result.output


# --- properties ---------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_data_json_cannot_close_its_script_and_reads_back(text: str) -> None:
    out = json_for_script({"t": text})
    for c in "<>&":
        assert c not in out
    assert json.loads(out) == {"t": text}


def test_popups_show_the_change_since_the_other_year_and_vso_without_counts(
    schools: gpd.GeoDataFrame, nodal: pd.Series
) -> None:
    """The region popup: technical pupils then and now; a vso school says it has no counts; a
    school teaching technique outside the profiles says so."""
    from regionkit.funding import fund
    from regionkit.schools import load_schools

    money = fund(
        schools, nodal.dropna(), compare_schools=load_schools(year=2017), compare_year=2017
    )
    data = data_of(map_html(make_map(schools, nodal, config=NL, division="nodal", funding=money)))
    enschede = next(r for r in data["regions"] if r["name"] == "Enschede")
    assert enschede["rows_extra"] == [
        ["Technische leerlingen t.o.v. 2017", "632 toen, 724 nu (+92)"]
    ]
    by_code = {s["code"]: s for s in data["schools"]}
    assert "DUO publiceert geen vso-tellingen" in by_code["00NT02"]["note"]
    assert "Vakmanschapsroute Techniek (100 leerlingen" in by_code["20ZK00"]["note"]
    assert "note" not in by_code["00AH17"]
