"""Interactive maps of regions, schools, findings and money: one offline HTML file.

:func:`make_map` draws a set of regions on a :class:`folium.Map`:

- **regions as areas** (the schools' Voronoi cells clipped to the land and
  dissolved per region), coloured so that neighbouring regions never share a
  colour, with the region name as tooltip and as a label when zoomed in;
- **schools** as circle markers in their region's colour, sized by counted
  pupils, with a tooltip (name, place) and a popup (code, address, profiles,
  counted pupils per profile and leerweg, region); schools in no region are grey;
- **findings** of the rule checks as toggleable layers (close schools split
  across regions, overlap, left-out schools, small regions, disconnected
  parts), each feature's popup carrying the finding's message;
- **money**: regions coloured by counted pupils and by maximum subsidy, with
  techniekarm regions marked;
- optionally the schools that **moved** between two proposals;
- municipality and province outlines as a light base layer, so the map is
  readable without online tiles; tiles (``config.map.tiles``) are an option.

Every layer has a legend that shows while the layer is on; labels, legends and
popups are Dutch by default (``config.language = "en"`` for English) with
numbers in the language's notation (``EUR 1.234.567``).

:func:`write_map` writes the map as one self-contained HTML file: Leaflet and
jQuery are inlined from the installed ``xstatic`` packages and the search,
full-screen and legend controls are small inline scripts, so no request leaves
the file when it is opened. The same inputs give byte-identical files (folium's
random element ids are replaced by a deterministic numbering).

Geometry is computed in EPSG:28992 and converted to EPSG:4326 only here, with
coordinates rounded to 5 decimals (about 1 m) and polygons simplified as a
coverage (shared borders stay shared), which keeps the national map near 1 MB.
"""

from __future__ import annotations

import html
import json
import logging
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import branca.colormap
import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from folium.utilities import JsCode
from shapely.geometry.base import BaseGeometry

from regionkit._errors import ConfigError, InputDataError, Problem
from regionkit._format import (
    format_eur,
    format_eur_millions,
    format_int,
    format_number,
    format_pct,
)
from regionkit._io import write_atomic
from regionkit._map_assets import inline_assets
from regionkit._messages import section
from regionkit._schema import CRS, CRS_WGS84, LEERWEGEN, PROFILE_NAMES, cell_column
from regionkit.boundaries import load_gemeenten, load_provinces
from regionkit.config import Config, Language
from regionkit.schools import counted_pupils

__all__ = ["NO_REGION_COLOR", "REGION_PALETTE", "make_map", "map_html", "write_map"]

logger = logging.getLogger(__name__)

#: Fill colours of regions; neighbouring regions get different entries.
REGION_PALETTE: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#edc948",
    "#76b7b2",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
)
#: Colour of schools in no region.
NO_REGION_COLOR = "#9e9e9e"

#: Decimals of longitude/latitude in the HTML (5 decimals = about 1 m).
COORD_DECIMALS = 5
#: Tolerance (metres) of the coverage simplification of region areas.
SIMPLIFY_M = 150.0
#: Zoom level from which region names are shown as labels.
LABEL_MIN_ZOOM = 9
#: Smallest marker radius in pixels (schools without counted pupils).
MIN_MARKER_RADIUS = 3.0

_WHITESPACE = re.compile(r"\s+")
_FOLIUM_UUID = re.compile(r"(?<=_)[0-9a-f]{32}(?![0-9a-f])")

#: Colours of the finding layers.
_FINDING_COLORS: dict[str, str] = {
    "split": "#d62728",
    "overlap": "#9467bd",
    "left_out": "#111111",
    "small": "#ff7f0e",
    "disconnected": "#e377c2",
    "other": "#8c564b",
}


# --- escaping and small helpers -----------------------------------------------------------------


def _esc(value: object) -> str:
    """HTML-escape text from data, also for folium's second template pass.

    folium renders each element's script through Jinja, then renders the result
    *again* as a template, so ``{{ ... }}`` in a school name would be evaluated.
    Braces are written as character references: the browser shows them as
    braces, Jinja sees none.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = html.escape(str(value), quote=True)
    return text.replace("{", "&#123;").replace("}", "&#125;")


def _num(value: float, lang: Language) -> str:
    """A count: whole numbers without decimals, halves (GL weighted) with one."""
    if value is None or pd.isna(value):
        return format_int(None, lang)
    if float(value).is_integer():
        return format_int(int(value), lang)
    return format_number(float(value), lang, decimals=1)


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    """Table rows from (escaped label, escaped value) pairs."""
    return "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in pairs)


def _listify(value: object) -> list[str]:
    """A findings cell holding several names: list, tuple, set or a ``;``-joined string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [s.strip() for s in re.split(r"[;|]", value) if s.strip()]
    if isinstance(value, Iterable):
        return [str(v) for v in value if v is not None and not (isinstance(v, float) and v != v)]
    if pd.isna(value):
        return []
    return [str(value)]


# --- geometry -----------------------------------------------------------------------------------


def _to_wgs84(geoms: Iterable[BaseGeometry]) -> list[BaseGeometry]:
    """EPSG:28992 geometries as EPSG:4326, coordinates rounded to :data:`COORD_DECIMALS`."""
    series = gpd.GeoSeries(list(geoms), crs=CRS).to_crs(CRS_WGS84)
    rounded = shapely.transform(series.values, lambda c: np.round(c, COORD_DECIMALS))
    rounded = shapely.remove_repeated_points(rounded)
    return list(rounded)


def _simplify_coverage(geoms: list[BaseGeometry], tolerance: float) -> list[BaseGeometry]:
    """Simplify polygons that tile an area so that shared borders stay shared."""
    if not geoms:
        return geoms
    arr = np.asarray(geoms, dtype=object)
    try:
        out = shapely.coverage_simplify(arr, tolerance)
    except Exception:  # not a valid coverage (overlaps): simplify each polygon alone
        logger.debug("areas are not a clean coverage; simplifying each polygon alone")
        out = shapely.simplify(arr, tolerance, preserve_topology=True)
    return list(shapely.make_valid(out))


def _geometry_json(geom: BaseGeometry) -> dict[str, Any]:
    return shapely.geometry.mapping(geom)


def _feature(geom: BaseGeometry, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": _geometry_json(geom), "properties": properties}


# --- folium elements ----------------------------------------------------------------------------


class _RawHeader(Element):
    """Raw HTML for the page header, inserted as is (no template pass over Leaflet's code)."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "RawHeader"
        self.markup = markup

    def render(self, **kwargs: Any) -> str:
        return self.markup


class _Call(MacroElement):
    """One line of script that calls regionkit's page script with element names.

    ``code`` is a function of the map so the element names are read at render
    time, after the ids are numbered.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}{{ this.code(this._parent) }}{% endmacro %}"
    )

    def __init__(self, code: Callable[[folium.Map], str]) -> None:
        super().__init__()
        self._name = "RegionkitCall"
        self.code = code


def _layer(
    features: list[dict[str, Any]], *, name: str, show: bool = True, control: bool = True
) -> folium.GeoJson:
    """A GeoJSON layer whose features carry their style, popup and tooltip as properties."""
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        show=show,
        control=control,
        on_each_feature=JsCode("regionkit.bind"),
        point_to_layer=JsCode("regionkit.point"),
        style=JsCode("regionkit.style"),
    )


def _js_string(text: str) -> str:
    """A JavaScript string literal safe inside ``<script>`` and Jinja (HTML already escaped)."""
    out = json.dumps(text, ensure_ascii=False)
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("{", "\\u007b")):
        out = out.replace(a, b)
    return out.replace("}", "\\u007d")


# --- the data of a map --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Data:
    """Everything the layers need, prepared once."""

    schools: gpd.GeoDataFrame  # with region, color, counted columns
    regions: gpd.GeoDataFrame  # region, n_schools, geometry (EPSG:28992), color
    region_stats: pd.DataFrame  # indexed by region
    lang: Language
    t: Mapping[str, str]
    config: Config
    explanations: dict[str, str] = field(default_factory=dict)  # region -> why, in its popup


def _check_schools(schools: pd.DataFrame) -> gpd.GeoDataFrame:
    problems = []
    required = ["code", "name", "x", "y"]
    missing = [c for c in required if c not in schools.columns]
    if missing:
        problems.append(
            Problem(
                f"the schools table lacks the column(s) {', '.join(missing)}",
                fix="load the table with regionkit.schools.load_schools()",
            )
        )
    elif schools["code"].duplicated().any():
        dup = sorted(schools.loc[schools["code"].duplicated(), "code"].astype(str).unique())
        problems.append(
            Problem(
                f"school codes appear twice: {', '.join(dup[:10])}",
                fix="give every school one row",
                column="code",
            )
        )
    if problems:
        raise InputDataError(problems)
    if isinstance(schools, gpd.GeoDataFrame) and schools.crs is not None:
        if schools.crs.to_epsg() != 28992:
            schools = schools.to_crs(CRS)
        return schools
    return gpd.GeoDataFrame(
        schools, geometry=gpd.points_from_xy(schools["x"], schools["y"]), crs=CRS
    )


def _clean_assignment(assignment: pd.Series, codes: pd.Series) -> pd.Series:
    """Region names (str) per code, for schools in the table; others are logged."""
    a = assignment.dropna()
    a = pd.Series(a.astype(str).to_numpy(), index=a.index.astype(str), name="region")
    a = a[a.str.strip() != ""]
    a = a[~a.index.duplicated(keep="first")]
    unknown = sorted(set(a.index) - set(codes.astype(str)))
    if unknown:
        logger.warning(
            "%d school code(s) of the regions are not in the schools table and are not drawn: %s",
            len(unknown),
            ", ".join(unknown[:10]) + (" ..." if len(unknown) > 10 else ""),
        )
    return a[a.index.isin(set(codes.astype(str)))].sort_index()


def _region_areas(schools: gpd.GeoDataFrame, assignment: pd.Series) -> gpd.GeoDataFrame:
    from regionkit.areas import region_polygons

    polygons = region_polygons(schools, assignment, land="netherlands")
    return polygons.sort_values("region", kind="stable").reset_index(drop=True)


def _region_colors(polygons: gpd.GeoDataFrame) -> dict[str, str]:
    """A palette colour per region such that neighbouring regions differ."""
    from regionkit.areas import color_regions, region_adjacency

    index = color_regions(region_adjacency(polygons), n_colors=len(REGION_PALETTE))
    return {str(region): REGION_PALETTE[index[region]] for region in polygons["region"]}


def _prepare(schools: pd.DataFrame, assignment: pd.Series, config: Config, lang: Language) -> _Data:
    gdf = _check_schools(schools).copy()
    gdf["code"] = gdf["code"].astype(str)
    gdf = gdf.sort_values("code", kind="stable").reset_index(drop=True)
    a = _clean_assignment(assignment, gdf["code"])
    gdf["region"] = gdf["code"].map(a).astype(object)
    cp = counted_pupils(gdf, gl_weight=config.funding.gl_weight)
    gdf["counted_bb_kb"] = cp["bb_kb"].to_numpy()
    gdf["counted_gl"] = cp["gl"].to_numpy()
    gdf["counted"] = cp["weighted"].to_numpy()
    polygons = _region_areas(gdf, a) if len(a) else _empty_regions()
    colors = _region_colors(polygons) if len(polygons) else {}
    # a region whose schools produced no area (cannot happen with Voronoi cells,
    # but keep every assigned school coloured) still gets a colour
    for i, region in enumerate(sorted(set(a) - set(colors))):
        colors[region] = REGION_PALETTE[i % len(REGION_PALETTE)]
    polygons["color"] = polygons["region"].map(colors)
    gdf["color"] = [
        colors.get(r, NO_REGION_COLOR) if isinstance(r, str) else NO_REGION_COLOR
        for r in gdf["region"]
    ]
    tech = gdf.get("has_technical_profile", pd.Series(False, index=gdf.index)).astype(bool)
    stats = (
        gdf.assign(technical=tech)
        .dropna(subset=["region"])
        .groupby("region", sort=True)
        .agg(
            n_schools=("code", "size"),
            n_technical=("technical", "sum"),
            counted_bb_kb=("counted_bb_kb", "sum"),
            counted_gl=("counted_gl", "sum"),
            counted=("counted", "sum"),
        )
    )
    return _Data(gdf, polygons, stats, lang, section(lang, "map"), config)


def _empty_regions() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"region": pd.Series([], dtype=str), "n_schools": pd.Series([], dtype="int64")},
        geometry=gpd.GeoSeries([], crs=CRS),
        crs=CRS,
    )


# --- popups -------------------------------------------------------------------------------------


def _school_fields(row: Mapping[str, Any], d: _Data) -> dict[str, Any]:
    """What a school's tooltip, popup and search entry show, as escaped text.

    The page script (``regionkit.schoolPopup``) lays the fields out with the
    labels of the ``map.*`` messages, sent once per map: this keeps the national map
    small (an HTML popup per school would be escaped again inside the JSON).
    """
    lang = d.lang
    street = " ".join(str(v) for v in _opt(row, "street", "house_number"))
    town = " ".join(str(v) for v in _opt(row, "postcode", "place"))
    profiles = [PROFILE_NAMES.get(p.lower(), p) for p in _listify(row.get("profiles"))]
    fields: dict[str, Any] = {
        "n": _esc(row["name"]),
        "pl": _esc(row.get("place")),
        "r": _esc(row["region"]) if pd.notna(row["region"]) else "",
        "a": [_esc(v) for v in (street, town) if v],
        "g": _esc(row.get("gemeente")),
        "k": _esc(" · ".join(str(v) for v in _opt(row, "kind", "structure"))),
        "lw": _esc(", ".join(_listify(row.get("leerwegen")))),
        "pr": _esc(", ".join(profiles)),
        "c": _num(row["counted"], lang),
    }
    table = _counted_rows(row, lang)
    if table:
        fields["t"] = table
    return fields


def _opt(row: Mapping[str, Any], *columns: str) -> list[object]:
    return [row[c] for c in columns if c in row and pd.notna(row[c]) and str(row[c])]


def _counted_rows(row: Mapping[str, Any], lang: Language) -> list[list[str]]:
    """Counted pupils per technical profile and leerweg (leerjaar 3 + 4), with a total row.

    Rows ``[profile, BB, KB, GL]`` for the profiles with pupils, then
    ``["", BB, KB, GL]`` for the total; empty when the school has none.
    """
    needed = [cell_column(p, lw, lj) for p in PROFILE_NAMES for lw in LEERWEGEN for lj in (3, 4)]
    if not all(c in row for c in needed):
        return []
    rows: list[list[str]] = []
    totals = dict.fromkeys(LEERWEGEN, 0)
    for p in PROFILE_NAMES:
        counts = {
            lw: int(row[cell_column(p, lw, 3)]) + int(row[cell_column(p, lw, 4)])
            for lw in LEERWEGEN
        }
        if not any(counts.values()):
            continue
        for lw in LEERWEGEN:
            totals[lw] += counts[lw]
        rows.append([p.upper(), *(format_int(counts[lw], lang) for lw in LEERWEGEN)])
    if rows:
        rows.append(["", *(format_int(totals[lw], lang) for lw in LEERWEGEN)])
    return rows


def _page_texts(d: _Data) -> dict[str, Any]:
    """The labels the page script uses for school popups, escaped."""
    t = d.t
    keys = ["code", "address", "gemeente", "kind", "leerwegen", "profiles", "region"]
    keys += ["no_region", "none", "profile", "total", "counted"]
    texts: dict[str, Any] = {k: _esc(t[k]) for k in keys}
    texts["counted_note"] = _esc(
        t["counted_note"].format(w=_num(d.config.funding.gl_weight, d.lang))
    )
    texts["leerweg_names"] = [lw.upper() for lw in LEERWEGEN]
    return texts


def _region_popup(region: str, d: _Data, money: pd.Series | None = None) -> str:
    t, lang = d.t, d.lang
    s = d.region_stats.loc[region] if region in d.region_stats.index else None
    rows: list[tuple[str, str]] = []
    if s is not None:
        rows += [
            (
                t["n_schools"],
                f"{format_int(int(s['n_schools']), lang)} "
                f"({format_int(int(s['n_technical']), lang)} {_esc(t['n_technical'])})",
            ),
            (
                t["counted"],
                f"{_num(s['counted'], lang)} ({_esc(t['bb_kb'])} "
                f"{format_int(int(s['counted_bb_kb']), lang)}, {_esc(t['gl'])} "
                f"{format_int(int(s['counted_gl']), lang)})",
            ),
        ]
    if money is not None:
        rows += _money_rows(money, d)
    why = d.explanations.get(region)
    note = f'<p class="rk-why">{_esc(why)}</p>' if why else ""
    return f"<h3>{_esc(region)}</h3><table>{_rows((_esc(k), v) for k, v in rows)}</table>{note}"


# --- layers -------------------------------------------------------------------------------------


def _base_layer(m: folium.Map, d: _Data, *, filled: bool) -> None:
    """Municipality and province outlines: the map is readable without tiles."""
    gemeenten = load_gemeenten().sort_values("statcode", kind="stable")
    provinces = load_provinces().sort_values("statcode", kind="stable")
    g_geoms = _to_wgs84(_simplify_coverage(list(gemeenten.geometry), 50.0))
    p_geoms = _to_wgs84(_simplify_coverage(list(provinces.geometry), 50.0))
    g_style = {
        "color": "#b9b3a8",
        "weight": 0.6,
        "fill": filled,
        "fillColor": "#f6f3ec",
        "fillOpacity": 1.0,
        "interactive": False,
    }
    p_style = {
        "color": "#8a8479",
        "weight": 1.1,
        "opacity": 0.8,
        "fill": False,
        "interactive": False,
    }
    features = [_feature(g, {"style": g_style}) for g in g_geoms]
    features += [_feature(g, {"style": p_style}) for g in p_geoms]
    layer = _layer(features, name=d.t["base"])
    layer.add_to(m)


def _regions_layer(m: folium.Map, d: _Data) -> folium.GeoJson | None:
    if d.regions.empty:
        return None
    geoms = _to_wgs84(_simplify_coverage(list(d.regions.geometry), SIMPLIFY_M))
    features = []
    for (_, row), geom in zip(d.regions.iterrows(), geoms, strict=True):
        style = {
            "color": "#ffffff",
            "weight": 1.2,
            "fillColor": row["color"],
            "fillOpacity": 0.38,
            "className": "rk-region",
        }
        props = {
            "style": style,
            "tip": _esc(row["region"]),
            "sticky": True,
            "popup": _region_popup(str(row["region"]), d),
        }
        features.append(_feature(geom, props))
    layer = _layer(features, name=d.t["regions"])
    layer.add_to(m)
    legend = f"<h4>{_esc(d.t['regions'])}</h4><div>{_esc(d.t['legend_regions'])}</div>" + "".join(
        f'<span class="rk-swatch" style="background:{c};opacity:.7;margin-right:2px"></span>'
        for c in sorted(set(d.regions["color"]), key=REGION_PALETTE.index)
    )
    _legend(m, layer, legend)
    return layer


def _labels_layer(m: folium.Map, d: _Data) -> None:
    if d.regions.empty:
        return
    points = [shapely.point_on_surface(g) for g in d.regions.geometry]
    features = [
        _feature(p, {"label": f"<span>{_esc(r)}</span>"})
        for p, r in zip(_to_wgs84(points), d.regions["region"], strict=True)
    ]
    _layer(features, name=d.t["labels"]).add_to(m)
    m.add_child(_Call(lambda mp: f"regionkit.labels({mp.get_name()}, {LABEL_MIN_ZOOM});"))


def _marker_radius(counted: pd.Series, max_radius: float) -> pd.Series:
    top = float(counted.max()) if len(counted) else 0.0
    if top <= 0:
        return pd.Series(MIN_MARKER_RADIUS, index=counted.index)
    r = max_radius * np.sqrt(counted.clip(lower=0) / top)
    return r.clip(lower=MIN_MARKER_RADIUS).round(1)


def _schools_layer(m: folium.Map, d: _Data) -> folium.GeoJson:
    t, lang = d.t, d.lang
    s = d.schools
    radius = _marker_radius(s["counted"], d.config.map.max_marker_radius)
    points = _to_wgs84(s.geometry)
    features = []
    # plain dicts: reading a pandas row per school costs more than the rest of the map
    records = s.drop(columns=s.geometry.name).to_dict("records")
    for i, row, point in zip(s.index, records, points, strict=True):
        no_counted = row["counted"] <= 0
        style = {
            "radius": float(radius[i]),
            "color": "#333333",
            "weight": 1,
            "fillColor": row["color"],
            "fillOpacity": 0.45 if no_counted else 0.9,
            "className": "rk-school",
        }
        props = {"code": str(row["code"]), "style": style, "school": _school_fields(row, d)}
        features.append(_feature(point, props))
    layer = _layer(features, name=t["schools"])
    layer.add_to(m)
    # legend: marker sizes for round numbers of counted pupils, and the no-region grey
    top = float(s["counted"].max()) if len(s) else 0.0
    sizes = [v for v in _nice_steps(top) if v > 0]
    rows = []
    for v in sizes:
        r = max(MIN_MARKER_RADIUS, d.config.map.max_marker_radius * math.sqrt(v / top))
        rows.append(_legend_row(_dot(2 * r, "#bbbbbb", "#333"), format_int(v, lang)))
    rows.append(_legend_row(_dot(8, NO_REGION_COLOR, "#333"), _esc(t["no_region"])))
    rows.append(
        _legend_row(_dot(2 * MIN_MARKER_RADIUS, "#dddddd", "#333"), _esc(t["legend_no_counted"]))
    )
    _legend(
        m, layer, f"<h4>{_esc(t['schools'])}</h4><div>{_esc(t['legend_size'])}</div>{''.join(rows)}"
    )
    m.add_child(
        _Call(
            lambda mp: (
                f"regionkit.search({mp.get_name()}, {layer.get_name()}, "
                f"{{placeholder: {_js_string(t['search'])}, "
                f"nothing: {_js_string(t['search_none'])}}});"
            )
        )
    )
    return layer


def _nice_steps(top: float) -> list[int]:
    """Three round legend values up to ``top`` (e.g. 50, 200, 500)."""
    if top <= 0:
        return []
    steps = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    below = [v for v in steps if v <= top]
    return below[-3:] if len(below) >= 3 else below


def _dot(size: float, fill: str, stroke: str) -> str:
    return (
        f'<span class="rk-swatch rk-dot" style="width:{size:.0f}px;height:{size:.0f}px;'
        f'background:{fill};border:1px solid {stroke}"></span>'
    )


def _swatch(fill: str, stroke: str, *, dashed: bool = False, opacity: float = 1.0) -> str:
    border = "dashed" if dashed else "solid"
    return (
        f'<span class="rk-swatch" style="background:{fill};border:2px {border} {stroke};'
        f'opacity:{opacity}"></span>'
    )


def _legend_row(symbol: str, label: str) -> str:
    return f'<div class="rk-row">{symbol}<span>{label}</span></div>'


def _legend(m: folium.Map, layer: folium.map.Layer, markup: str) -> None:
    m.add_child(
        _Call(
            lambda mp: (
                f"regionkit.legend({mp.get_name()}, {layer.get_name()}, {_js_string(markup)});"
            )
        )
    )


# --- money --------------------------------------------------------------------------------------


def _funding_frame(funding: object) -> pd.DataFrame:
    """The per-region money table of a funding result (or the table itself), by region."""
    table = funding
    if not isinstance(funding, pd.DataFrame):
        for attr in ("regions", "per_region", "table"):
            value = getattr(funding, attr, None)
            if isinstance(value, pd.DataFrame):
                table = value
                break
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            "funding must be the result of regionkit.funding.fund() or its per-region DataFrame"
        )
    if "region" in table.columns:
        table = table.set_index("region")
    table = table.copy()
    table.index = table.index.astype(str)
    return table.sort_index()


def _money_rows(money: pd.Series, d: _Data) -> list[tuple[str, str]]:
    t, lang = d.t, d.lang
    rows: list[tuple[str, str]] = []
    if "max_subsidy_4y_eur" in money:
        per_year = money.get("max_subsidy_year_eur")
        text = format_eur(money["max_subsidy_4y_eur"], lang, decimals=0)
        if per_year is not None and pd.notna(per_year):
            text += f" ({format_eur(per_year, lang, decimals=0)} {_esc(t['per_year'])})"
        rows.append((t["max_subsidy"], text))
    if "technical_share" in money:
        rows.append((t["technical_share"], format_pct(money["technical_share"], lang)))
    if "techniekarm" in money:
        yes = bool(money["techniekarm"]) if pd.notna(money["techniekarm"]) else False
        rows.append((t["techniekarm"], _esc(t["techniekarm_yes" if yes else "techniekarm_no"])))
    return rows


def _money_layers(m: folium.Map, d: _Data, funding: object) -> None:
    table = _funding_frame(funding)
    regions = d.regions[d.regions["region"].isin(table.index)]
    if regions.empty:
        return
    geoms = _to_wgs84(_simplify_coverage(list(regions.geometry), SIMPLIFY_M))
    if "bb_kb_equivalent" in table.columns:  # the funding's own count (vmbo/vso only)
        counted = table["bb_kb_equivalent"].reindex(regions["region"]).astype(float)
    else:
        counted = d.region_stats["counted"].reindex(regions["region"]).fillna(0.0)
    specs: list[tuple[str, pd.Series, Callable[[float], str], str]] = [
        ("money_pupils", counted, lambda v: _num(v, d.lang), "YlGnBu"),
    ]
    if "max_subsidy_4y_eur" in table.columns:
        subsidy = table["max_subsidy_4y_eur"].reindex(regions["region"]).astype(float)
        specs.append(
            (
                "money_subsidy",
                subsidy,
                lambda v: format_eur(v, d.lang, decimals=0),
                "YlOrRd",
            )
        )
    arm = (
        table["techniekarm"].reindex(regions["region"]).fillna(False).astype(bool)
        if "techniekarm" in table.columns
        else pd.Series(False, index=regions["region"])
    )
    for key, values, fmt, scheme in specs:
        vmin, vmax = float(np.nanmin(values)), float(np.nanmax(values))
        if vmax <= vmin:
            vmax = vmin + 1.0
        cmap = _colormap(scheme, vmin, vmax)
        features = []
        for (region, value), geom, is_arm in zip(
            values.items(), geoms, arm.to_numpy(), strict=True
        ):
            style = {
                "color": "#222222" if is_arm else "#ffffff",
                "weight": 3 if is_arm else 1,
                "dashArray": "6 4" if is_arm else None,
                "fillColor": cmap(float(value)) if pd.notna(value) else "#cccccc",
                "fillOpacity": 0.75,
                "className": f"rk-money{' rk-techniekarm' if is_arm else ''}",
            }
            style = {k: v for k, v in style.items() if v is not None}
            props = {
                "style": style,
                "tip": f"{_esc(region)}: {fmt(float(value)) if pd.notna(value) else ''}",
                "sticky": True,
                "popup": _region_popup(str(region), d, table.loc[region]),
            }
            features.append(_feature(geom, props))
        layer = _layer(features, name=d.t[key], show=False)
        layer.add_to(m)
        tick = fmt
        if key == "money_subsidy":

            def tick(v: float) -> str:
                return format_eur_millions(v, d.lang)

        _legend(m, layer, _colormap_legend(d.t[key], cmap, tick, d))


def _colormap(scheme: str, vmin: float, vmax: float) -> branca.colormap.LinearColormap:
    base = getattr(branca.colormap.linear, f"{scheme}_09")
    return base.scale(vmin, vmax)


def _colormap_legend(
    title: str, cmap: branca.colormap.LinearColormap, fmt: Callable[[float], str], d: _Data
) -> str:
    stops = ", ".join(cmap(cmap.vmin + (cmap.vmax - cmap.vmin) * i / 8) for i in range(9))
    ticks = [cmap.vmin, (cmap.vmin + cmap.vmax) / 2, cmap.vmax]
    return (
        f"<h4>{_esc(title)}</h4>"
        f'<div class="rk-bar" style="background:linear-gradient(to right, {stops})"></div>'
        f'<div class="rk-ticks">{"".join(f"<span>{_esc(fmt(v))}</span>" for v in ticks)}</div>'
        + _legend_row(_swatch("#ffffff", "#222222", dashed=True), _esc(d.t["money_techniekarm"]))
    )


# --- findings -----------------------------------------------------------------------------------

#: The finding layer of each rule of :mod:`regionkit.rules` (``None``: not drawn, e.g. a
#: code that is not in the schools table has no place on the map).
_RULE_LAYERS: dict[str, str | None] = {
    "close_schools_split": "split",
    "overlap": "overlap",
    "left_out": "left_out",
    "unknown_school": None,
    "too_small": "small",
    "part_of_larger_whole": "small",
    "not_one_area": "disconnected",
    "composition": "other",
}
#: Rules not named above go to a layer by words in their name.
_RULE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("split", ("close", "split")),
    ("overlap", ("overlap",)),
    ("left_out", ("left_out", "coverage", "unassigned")),
    ("disconnected", ("disconnect", "connected", "one_area")),
    ("small", ("small", "floor", "part_of", "merge")),
)


def _finding_kind(rule: str) -> str | None:
    key = rule.lower()
    if key in _RULE_LAYERS:
        return _RULE_LAYERS[key]
    for kind, words in _RULE_WORDS:
        if any(w in key for w in words):
            return kind
    return "other"


def _finding_html(row: pd.Series, d: _Data) -> str:
    t = d.t
    sev = str(row.get("severity", "") or "")
    label = t.get(f"severity_{sev}", sev)
    head = f'<span class="rk-sev-{_esc(sev)}">{_esc(label)}</span> · ' if sev else ""
    return f'<div class="rk-msg">{head}{_esc(row.get("message", ""))}</div>'


def _findings_layers(m: folium.Map, d: _Data, findings: pd.DataFrame) -> None:
    if findings is None or len(findings) == 0:
        return
    f = findings.copy()
    if "rule" not in f.columns or "message" not in f.columns:
        raise TypeError("findings must have the columns 'rule' and 'message'")
    f["kind"] = f["rule"].astype(str).map(_finding_kind)
    by_code = d.schools.set_index("code")
    points = dict(zip(d.schools["code"], _to_wgs84(d.schools.geometry), strict=True))
    region_geom = dict(zip(d.regions["region"].astype(str), d.regions.geometry, strict=True))
    region_wgs: dict[str, BaseGeometry] = {}
    if region_geom:
        simplified = _simplify_coverage(list(region_geom.values()), SIMPLIFY_M)
        region_wgs = dict(zip(region_geom, _to_wgs84(simplified), strict=True))

    for kind in ("split", "overlap", "left_out", "small", "disconnected", "other"):
        rows = f[f["kind"] == kind]
        if rows.empty:
            continue
        color = _FINDING_COLORS[kind]
        features: list[dict[str, Any]] = []
        # several findings may point at the same school or region: one feature, all messages
        school_msgs: dict[str, list[str]] = {}
        region_msgs: dict[str, list[str]] = {}
        for _, row in rows.iterrows():
            msg = _finding_html(row, d)
            codes = [c for c in _listify(row.get("schools")) if c in points]
            regions = [r for r in _listify(row.get("regions")) if r in region_wgs]
            if kind == "split" and len(codes) >= 2:
                a, b = codes[0], codes[1]
                line = shapely.LineString([points[a], points[b]])
                style = {"color": color, "weight": 3, "opacity": 0.9, "className": "rk-finding"}
                features.append(_feature(line, {"style": style, "popup": msg, "tip": msg}))
            elif kind in ("split", "overlap", "left_out", "disconnected") and codes:
                for c in codes:
                    school_msgs.setdefault(c, []).append(msg)
                if kind == "disconnected":
                    for r in regions:
                        region_msgs.setdefault(r, []).append(msg)
            else:
                # a region finding outlines its region; its schools are marked only
                # when the finding names no region that is on the map
                for r in regions:
                    region_msgs.setdefault(r, []).append(msg)
                if not regions:
                    for c in codes:
                        school_msgs.setdefault(c, []).append(msg)
        for r in sorted(region_msgs):
            style = {
                "color": color,
                "weight": 3,
                "dashArray": "8 5",
                "fill": False,
                "className": "rk-finding",
            }
            popup = f"<h3>{_esc(r)}</h3>{''.join(dict.fromkeys(region_msgs[r]))}"
            features.append(_feature(region_wgs[r], {"style": style, "popup": popup}))
        for c in sorted(school_msgs):
            style = {
                "radius": 9,
                "color": color,
                "weight": 3,
                "fill": kind == "left_out",
                "fillColor": color,
                "fillOpacity": 0.25,
                "className": "rk-finding",
            }
            name = by_code.loc[c, "name"] if c in by_code.index else c
            popup = f"<h3>{_esc(name)}</h3>{''.join(dict.fromkeys(school_msgs[c]))}"
            features.append(
                _feature(points[c], {"style": style, "popup": popup, "tip": _esc(name)})
            )
        if not features:
            continue
        name = f"{d.t['f_' + kind]} ({format_int(len(rows), d.lang)})"
        group = folium.FeatureGroup(name=name, show=True)
        _layer(features, name=name, control=False).add_to(group)
        group.add_to(m)
        symbol = (
            '<span class="rk-swatch" style="height:3px;background:' + color + '"></span>'
            if kind == "split"
            else _swatch("transparent", color, dashed=kind in ("small", "other"))
        )
        km = format_number(d.config.rules.close_distance_m / 1000, d.lang, decimals=0)
        text = d.t["l_" + kind].format(km=km)
        _legend(m, group, f"<h4>{_esc(name)}</h4>" + _legend_row(symbol, _esc(text)))


# --- moved schools ------------------------------------------------------------------------------


def _moved_layer(m: folium.Map, d: _Data, moved: object) -> None:
    table = getattr(moved, "moved", moved)
    if not isinstance(table, pd.DataFrame) or "code" not in table.columns:
        raise TypeError("moved must be a comparison (regionkit.compare) or its 'moved' table")
    by_code = d.schools.set_index("code")
    table = table[table["code"].astype(str).isin(by_code.index)].sort_values("code")
    if table.empty:
        return
    codes = table["code"].astype(str).tolist()
    points = _to_wgs84(by_code.loc[codes].geometry)
    features = []
    for (_, row), point in zip(table.iterrows(), points, strict=True):
        code = str(row["code"])
        name = by_code.loc[code, "name"]
        a = row.get("region_a", "")
        b = row.get("region_b", "")
        text = _esc(
            d.t["moved_from_to"].format(a=a if pd.notna(a) else "", b=b if pd.notna(b) else "")
        )
        style = {
            "radius": 10,
            "color": "#000000",
            "weight": 2.5,
            "fill": False,
            "dashArray": "3 3",
            "className": "rk-moved",
        }
        popup = f"<h3>{_esc(name)}</h3><div>{_esc(code)}</div><div>{text}</div>"
        features.append(_feature(point, {"style": style, "popup": popup, "tip": text}))
    name = f"{d.t['moved']} ({format_int(len(features), d.lang)})"
    layer = _layer(features, name=name)
    layer.add_to(m)
    _legend(
        m,
        layer,
        f"<h4>{_esc(d.t['moved'])}</h4>"
        + _legend_row(
            '<span class="rk-swatch rk-dot" style="border:2px dashed #000"></span>',
            _esc(d.t["legend_moved"]),
        ),
    )


# --- the map ------------------------------------------------------------------------------------


def make_map(
    schools: pd.DataFrame,
    assignment: pd.Series,
    *,
    findings: pd.DataFrame | None = None,
    funding: object | None = None,
    config: Config,
    title: str | None = None,
    moved: object | None = None,
    explanations: Mapping[str, str] | None = None,
) -> folium.Map:
    """An interactive map of a set of regions, its schools, findings and money.

    Parameters
    ----------
    schools
        The schools table (:func:`regionkit.schools.load_schools`); every school
        is drawn, those in no region in grey.
    assignment
        Region name per school ``code`` (NA or absent: in no region). Codes that
        are not in ``schools`` are logged and not drawn.
    findings
        The findings of :func:`regionkit.rules.check` (columns ``rule``,
        ``severity``, ``regions``, ``schools``, ``message``): one toggleable
        layer per kind of finding.
    funding
        The result of :func:`regionkit.funding.fund` (or its per-region table):
        adds the money layers.
    config
        Language (``config.language``), marker size and tiles (``config.map``).
    title
        The title shown on the map; default "Regio's Sterk Techniekonderwijs".
    moved
        A :class:`regionkit.compare.Comparison` (or its ``moved`` table): adds a
        layer with the schools that moved between two sets of regions.
    explanations
        Why each region is as it is (region name -> text, as a logical
        proposal's ``explanation`` column): shown in the region's popup.

    Returns
    -------
    folium.Map
        Write it with :func:`write_map` (offline, byte-identical for the same inputs).

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> nodal = schools.set_index("code")["nodal_name"]
    >>> m = make_map(schools, nodal, config=load_config())
    >>> html = map_html(m)
    >>> html.count('"className": "rk-school"') == len(schools)
    True
    >>> "cdn." in html or "<script src=" in html
    False
    """
    lang = config.language
    d = _prepare(schools, assignment, config, lang)
    d = replace(d, explanations=dict(explanations or {}))
    t = d.t
    bounds = d.schools.to_crs(CRS_WGS84).total_bounds if len(d.schools) else None
    m = folium.Map(
        location=[52.2, 5.3],
        zoom_start=8,
        tiles=None,
        control_scale=True,
        zoom_snap=0.25,
    )
    # no CDN links: every asset is inlined by _RawHeader below
    m.default_js = []
    m.default_css = []
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.title = _esc(title or t["title"])
    figure.header.add_child(_RawHeader(inline_assets()), name="regionkit_assets")
    texts = _js_string(json.dumps(_page_texts(d), ensure_ascii=False))
    m.add_child(_Call(lambda mp: f"regionkit.init({mp.get_name()}, JSON.parse({texts}));"))

    tiles = config.map.tiles
    if tiles:
        import xyzservices.providers as xyz

        try:
            provider = xyz.query_name(tiles)
        except ValueError:
            raise ConfigError(
                f"map.tiles = {tiles!r} is not a tile provider of xyzservices; use for example "
                f"'nlmaps.grijs' (PDOK) or 'OpenStreetMap.Mapnik', or leave it out for no tiles"
            ) from None
        folium.TileLayer(provider, name=t["tiles"], overlay=False, control=False).add_to(m)
    _base_layer(m, d, filled=not tiles)
    _regions_layer(m, d)
    if funding is not None:
        _money_layers(m, d, funding)
    if findings is not None:
        _findings_layers(m, d, findings)
    if moved is not None:
        _moved_layer(m, d, moved)
    _schools_layer(m, d)
    _labels_layer(m, d)

    n_regions = int(d.schools["region"].nunique())
    n_none = int(d.schools["region"].isna().sum())
    subtitle = t["subtitle"].format(
        schools=format_int(len(d.schools), lang),
        regions=format_int(n_regions, lang),
        none=format_int(n_none, lang),
        date=config.funding.count_date,
    )
    heading = f"<h1>{_esc(title or t['title'])}</h1><p>{_esc(subtitle)}</p>"
    source = _esc(t["source"].format(year=config.funding.data_year))
    m.add_child(
        _Call(
            lambda mp: (
                f"regionkit.title({mp.get_name()}, {_js_string(heading)});"
                f"regionkit.fullscreen({mp.get_name()}, {{on: {_js_string(t['fullscreen_on'])}, "
                f"off: {_js_string(t['fullscreen_off'])}}});"
                f"{mp.get_name()}.attributionControl.addAttribution({_js_string(source)});"
            )
        )
    )
    folium.LayerControl(collapsed=False).add_to(m)
    if bounds is not None:
        b = [round(float(v), COORD_DECIMALS) for v in bounds]
        m.fit_bounds([[b[1], b[0]], [b[3], b[2]]])
    _number_ids(m)
    return m


# --- writing ------------------------------------------------------------------------------------


_RANDOM_ID = re.compile(r"^[0-9a-f]{32}$")
#: Header entries that are part of the page itself (the others are added by rendering).
_HEADER_KEEP = ("meta_http", "regionkit_assets")


def _number_ids(m: folium.Map) -> None:
    """Replace folium's random element ids by a numbering in tree order.

    Elements numbered before keep their number, so a map renders the same
    every time; elements added later (or created by a first rendering) get the
    next numbers, in tree order.
    """
    root = m.get_root()
    elements: list[Element] = [root]

    def walk(element: Element) -> None:
        for child in element._children.values():
            elements.append(child)
            walk(child)

    walk(root)
    numbered = [int(e._id) for e in elements if e._id.isdigit()]
    counter = max(numbered, default=0)
    for element in elements:
        if not element._id.isdigit():
            counter += 1
            element._id = f"{counter:04d}"


def map_html(m: folium.Map) -> str:
    """The map as one self-contained HTML page, the same for the same map.

    Raises
    ------
    ValueError
        When the page would load anything from the network (a folium element
        that links a CDN asset was added to the map).
    """
    _number_ids(m)
    figure = m.get_root()
    assert isinstance(figure, Figure)
    # what an earlier rendering left in the page is rendered again from the elements
    figure.script._children.clear()
    figure.html._children.clear()
    for key in list(figure.header._children):
        if key not in _HEADER_KEEP:
            del figure.header._children[key]
    page = figure.render()
    # an element created while rendering has a random id: number those too
    seen: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        return seen.setdefault(match.group(0), f"r{len(seen) + 1:04d}")

    page = _FOLIUM_UUID.sub(renumber, page)
    remote = re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", page)
    if remote:
        raise ValueError(
            "the map would load assets from the network; remove folium plugins that link CDNs"
        )
    return page


def write_map(m: folium.Map, path: str | Path) -> Path:
    """Write the map as one offline HTML file, atomically.

    Parameters
    ----------
    m
        A map from :func:`make_map`.
    path
        The HTML file; its folder is created.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from regionkit.config import load_config
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> m = make_map(schools, schools.set_index("code")["rmc_name"], config=load_config())
    >>> p = write_map(m, pathlib.Path(tempfile.mkdtemp()) / "rmc.html")
    >>> p.stat().st_size < 5_000_000
    True
    """
    return write_atomic(path, map_html(m))
