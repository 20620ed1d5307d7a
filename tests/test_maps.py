"""Tests of regionkit.maps: content, escaping, determinism and size of the HTML maps.

The browser tests (tests/test_maps_browser.py) open the same maps in Chromium;
these tests read the map objects and the HTML text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regionkit._schema import COUNT_COLUMNS, CRS
from regionkit.config import load_config
from regionkit.maps import NO_REGION_COLOR, make_map, map_html, write_map

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
            "place": ["Utrecht", "Utrecht", "Maarssen", "Zeist", "Driebergen", "Zeist"],
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


def layer(m: folium.Map, name_start: str) -> folium.GeoJson:
    """The GeoJSON layer of a map whose (group's) name starts with ``name_start``."""
    for child in m._children.values():
        if getattr(child, "layer_name", "").startswith(name_start):
            if isinstance(child, folium.GeoJson):
                return child
            return next(c for c in child._children.values() if isinstance(c, folium.GeoJson))
    raise KeyError(name_start)


def props(m: folium.Map, name_start: str) -> list[dict]:
    return [f["properties"] for f in layer(m, name_start).data["features"]]


@pytest.fixture(scope="module")
def nodal(schools: gpd.GeoDataFrame) -> pd.Series:
    return schools.set_index("code")["nodal_name"]


@pytest.fixture(scope="module")
def national_html(schools: gpd.GeoDataFrame, nodal: pd.Series) -> str:
    return map_html(make_map(schools, nodal, config=NL))


# --- the national map ---------------------------------------------------------------------------


def test_two_renders_are_byte_identical(
    schools: gpd.GeoDataFrame, nodal: pd.Series, national_html: str, tmp_path: Path
) -> None:
    again = write_map(make_map(schools, nodal, config=NL), tmp_path / "a.html")
    assert again.read_text(encoding="utf-8") == national_html
    # folium's random 32-hex element ids are gone
    assert not re.search(r"_[0-9a-f]{32}\b", national_html)


def test_a_map_renders_the_same_every_time() -> None:
    s = tiny_schools()
    m = make_map(s, s.attrs["assignment"], config=NL)
    first = map_html(m)
    assert map_html(m) == first  # rendering again adds nothing twice
    assert map_html(make_map(s, s.attrs["assignment"], config=NL)) == first
    folium.CircleMarker([52.1, 5.1], radius=4).add_to(m)  # an element added afterwards
    later = map_html(m)
    assert later == map_html(m) and later != first
    assert later.count("L.circleMarker(") == first.count("L.circleMarker(") + 1


def test_national_map_is_light_and_offline(national_html: str) -> None:
    size = len(national_html.encode("utf-8"))
    assert size < 5_000_000, f"{size:,} bytes"
    # nothing is loaded from a URL: no script, stylesheet or image from the network
    assert not re.search(
        r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""",
        national_html,
    )
    assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", national_html)
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery.com", "bootstrapcdn", "unpkg"):
        assert cdn not in national_html
    assert "sourceMappingURL" not in national_html
    # Leaflet and jQuery are inlined from the xstatic packages
    assert "Leaflet 1.9" in national_html or "leafletjs.com" in national_html
    assert "jQuery v3.7" in national_html


def test_every_school_is_drawn(schools: gpd.GeoDataFrame, nodal: pd.Series) -> None:
    m = make_map(schools, nodal, config=NL)
    drawn = props(m, "Scholen")
    assert sorted(p["code"] for p in drawn) == sorted(schools["code"])
    grey = {p["code"] for p in drawn if p["style"]["fillColor"] == NO_REGION_COLOR}
    assert grey == set(schools.loc[schools["nodal_name"].isna(), "code"])
    assert all(p["school"]["r"] == "" for p in drawn if p["code"] in grey)
    # one area per region, named in its tooltip
    names = sorted(html.unescape(p["tip"]) for p in props(m, "Regio's"))
    assert names == sorted(nodal.dropna().unique())


def test_neighbouring_regions_have_different_colours(
    schools: gpd.GeoDataFrame, nodal: pd.Series
) -> None:
    from regionkit.areas import region_adjacency, region_polygons

    m = make_map(schools, nodal, config=NL)
    color = {html.unescape(p["tip"]): p["style"]["fillColor"] for p in props(m, "Regio's")}
    adjacency = region_adjacency(region_polygons(schools, nodal))
    assert adjacency.number_of_edges() > 100
    for a, b in adjacency.edges:
        assert color[a] != color[b], (a, b)
    # schools take their region's colour
    for p in props(m, "Scholen"):
        region = nodal.get(p["code"])
        if isinstance(region, str):
            assert p["style"]["fillColor"] == color[region]


# --- tiny maps ----------------------------------------------------------------------------------


def test_tiny_map_markers_popups_and_sizes() -> None:
    s = tiny_schools()
    m = make_map(s, s.attrs["assignment"], config=NL)
    by_code = {p["code"]: p for p in props(m, "Scholen")}
    assert len(by_code) == 6
    a1 = by_code["10AA00"]
    assert a1["school"] == {
        "n": "Alpha College",
        "pl": "Utrecht",
        "r": "A",
        "a": ["Schoolstraat 1", "3500 AA Utrecht"],
        "g": "Utrecht",
        "k": "vmbo · VBO/MAVO",
        "lw": "BB, KB, GL",
        "pr": "Produceren, installeren en energie, Media, vormgeving en ICT",
        "c": "50",  # 40 BB/KB + 20 GL weighted by half
        "t": [["PIE", "40", "0", "0"], ["MVI", "0", "0", "20"], ["", "40", "0", "20"]],
    }
    assert "t" not in by_code["20BC00"]["school"]  # no technical pupils: no table
    # marker size: sqrt scale up to the configured maximum
    assert a1["style"]["radius"] == NL.map.max_marker_radius
    r_40 = by_code["20BB01"]["style"]["radius"]  # 40 pupils of 50
    assert r_40 == pytest.approx(NL.map.max_marker_radius * np.sqrt(40 / 50), abs=0.05)
    # B3 is in no region: grey, said in the popup
    assert by_code["20BC00"]["style"]["fillColor"] == NO_REGION_COLOR
    assert by_code["20BC00"]["school"]["r"] == ""
    # two areas, neighbours with different colours
    regions = props(m, "Regio's")
    assert sorted(p["tip"] for p in regions) == ["A", "B"]
    assert regions[0]["style"]["fillColor"] != regions[1]["style"]["fillColor"]


def test_data_text_is_escaped_everywhere() -> None:
    evil = '<script>window.__rk_xss = 1</script><img src=x onerror="window.__rk_xss = 2">'
    s = tiny_schools({"10AA00": evil, "20BB00": "{{ 7 * 7 }} & {% if 1 %}x{% endif %}"})
    assignment = s.attrs["assignment"].replace({"A": "<b>Regio A</b>"})
    m = make_map(s, assignment, config=NL, title="<i>Titel</i>")
    by_code = {p["code"]: p for p in props(m, "Scholen")}
    name = by_code["10AA00"]["school"]["n"]
    assert name == (
        "&lt;script&gt;window.__rk_xss = 1&lt;/script&gt;"
        "&lt;img src=x onerror=&quot;window.__rk_xss = 2&quot;&gt;"
    )
    # braces survive folium's second template pass as text
    assert by_code["20BB00"]["school"]["n"] == (
        "&#123;&#123; 7 * 7 &#125;&#125; &amp; &#123;% if 1 %&#125;x&#123;% endif %&#125;"
    )
    assert by_code["10AA01"]["school"]["r"] == "&lt;b&gt;Regio A&lt;/b&gt;"
    assert "&lt;b&gt;Regio A&lt;/b&gt;" in {p["tip"] for p in props(m, "Regio's")}
    page = map_html(m)
    assert "<script>window.__rk_xss" not in page
    assert "<i>Titel</i>" not in page
    assert "&lt;i&gt;Titel&lt;/i&gt;" in page
    # no template evaluation: the braces reach the page as character references
    assert "49 \\u0026amp;" not in page
    assert "\\u0026#123;\\u0026#123; 7 * 7 \\u0026#125;\\u0026#125;" in page


def test_english_labels_and_number_formats() -> None:
    s = tiny_schools()
    big = s.copy()
    big["pie_bb_lj3"] = [1234, 0, 0, 0, 0, 0]
    nl = make_map(big, s.attrs["assignment"], config=NL)
    en = make_map(big, s.attrs["assignment"], config=EN)
    assert layer(en, "Schools") is not None and layer(nl, "Scholen") is not None
    school_nl = next(p for p in props(nl, "Scholen") if p["code"] == "10AA00")["school"]
    school_en = next(p for p in props(en, "Schools") if p["code"] == "10AA00")["school"]
    assert school_nl["c"] == "1.244"  # 1,234 BB + 20 GL x 0.5
    assert school_en["c"] == "1,244"
    assert school_nl["t"][0] == ["PIE", "1.234", "0", "0"]
    assert school_en["t"][0] == ["PIE", "1,234", "0", "0"]
    page_nl, page_en = map_html(nl), map_html(en)
    assert "Getelde leerlingen" in page_nl and "Counted pupils" in page_en
    assert "BB/KB + GL × 0,5" in page_nl and "BB/KB + GL × 0.5" in page_en
    assert "no region" in page_en and "geen regio" in page_nl


def test_money_layers_in_dutch_notation() -> None:
    s = tiny_schools()
    funding = pd.DataFrame(
        {
            "region": ["A", "B"],
            "bb_kb_equivalent": [50.0, 100.0],
            "max_subsidy_4y_eur": [1_234_567.0, 1_589_500.0],
            "max_subsidy_year_eur": [308_641.75, 397_375.0],
            "technical_share": [0.05, 0.4],
            "techniekarm": [True, False],
        }
    )
    m = make_map(s, s.attrs["assignment"], funding=funding, config=NL)
    subsidy = {p["tip"].split(":")[0]: p for p in props(m, "Geld: maximale subsidie")}
    assert "EUR 1.234.567" in subsidy["A"]["popup"]
    assert "EUR 308.642 per jaar" in subsidy["A"]["popup"]
    assert "5,0 %" in subsidy["A"]["popup"]
    assert "techniekarm" in subsidy["A"]["popup"]
    assert "rk-techniekarm" in subsidy["A"]["style"]["className"]
    assert "rk-techniekarm" not in subsidy["B"]["style"]["className"]
    assert subsidy["A"]["style"]["fillColor"] != subsidy["B"]["style"]["fillColor"]
    page = map_html(m)
    assert "EUR 1,6 mln" in page  # the legend's top value
    assert not layer(m, "Geld: maximale subsidie").show  # off until chosen
    en = make_map(s, s.attrs["assignment"], funding=funding, config=EN)
    assert "EUR 1,234,567" in props(en, "Money: maximum subsidy")[0]["popup"]


def test_findings_layers_carry_their_messages() -> None:
    s = tiny_schools()
    findings = pd.DataFrame(
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
    m = make_map(s, s.attrs["assignment"], findings=findings, config=NL)
    split = props(m, "Bevinding: dichtbij")
    assert len(split) == 1 and "&lt;in&gt;" in split[0]["popup"]
    line = layer(m, "Bevinding: dichtbij").data["features"][0]["geometry"]
    assert line["type"] == "LineString" and len(line["coordinates"]) == 2
    left = props(m, "Bevinding: buiten")
    assert "Beta Buiten zit in geen regio" in left[0]["popup"]
    assert "waarschuwing" in props(m, "Bevinding: te klein")[0]["popup"]
    assert "Regio B valt uiteen" in props(m, "Bevinding: losliggende")[0]["popup"]
    assert "in twee regio" in props(m, "Bevinding: in meer")[0]["popup"]
    # every finding layer is a toggleable group in the layer control
    names = [getattr(c, "layer_name", "") for c in m._children.values()]
    assert sum(n.startswith("Bevinding") for n in names) == 5


def test_moved_layer() -> None:
    s = tiny_schools()
    moved = pd.DataFrame(
        {"code": ["10AA01", "99ZZ99"], "region_a": ["A", "A"], "region_b": ["B", "B"]}
    )
    m = make_map(s, s.attrs["assignment"], moved=moved, config=NL)
    drawn = props(m, "Verplaatste scholen")
    assert len(drawn) == 1  # the unknown code is not drawn
    assert "Van A naar B" in drawn[0]["popup"]


def test_schools_without_a_region_and_no_regions_at_all() -> None:
    s = tiny_schools()
    m = make_map(s, pd.Series(dtype=object), config=NL)
    assert all(p["style"]["fillColor"] == NO_REGION_COLOR for p in props(m, "Scholen"))
    with pytest.raises(KeyError):
        layer(m, "Regio's")
    assert "6 scholen in 0 regio" in map_html(m)


def test_write_map_is_atomic_and_makes_folders(tmp_path: Path) -> None:
    s = tiny_schools()
    m = make_map(s, s.attrs["assignment"], config=NL)
    path = write_map(m, tmp_path / "deep" / "map.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in path.parent.iterdir()] == ["map.html"]


def test_tiles_are_an_option(tmp_path: Path) -> None:
    s = tiny_schools()
    offline = map_html(make_map(s, s.attrs["assignment"], config=NL))
    assert "service.pdok.nl" not in offline
    online = map_html(
        make_map(s, s.attrs["assignment"], config=load_config(map={"tiles": "nlmaps.grijs"}))
    )
    assert "service.pdok.nl" in online


# --- the command line ---------------------------------------------------------------------------


def test_cli_map_of_a_division(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from regionkit.cli import cli

    out = tmp_path / "rmc.html"
    result = CliRunner().invoke(
        cli, ["map", "--division", "rmc", "--no-findings", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    page = out.read_text(encoding="utf-8")
    assert "Geld: maximale subsidie" in page and "Bevinding" not in page


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
    page = (tmp_path / "maps" / "twee regios.html").read_text(encoding="utf-8")
    assert "Twee regio&#x27;s" in page
    assert "Bevinding: buiten elke regio" in page  # every other technical school is left out


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
def test_escaped_text_has_no_markup_or_template_syntax_and_reads_back(text: str) -> None:
    from regionkit.maps import _esc

    escaped = _esc(text)
    for c in "<>\"'{}":
        assert c not in escaped
    assert html.unescape(escaped) == text
