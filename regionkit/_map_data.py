"""The data of a map page: one JSON-ready dictionary that the page script draws.

:func:`map_data` gathers everything the page shows (regions with their money
and findings, schools, findings with where to draw them, the land, place
names, the other side of a comparison and the tables to download) as plain
values: text is raw (the page escapes it), numbers come with their display
text in the map's language, geometries are GeoJSON in EPSG:4326. Another page
(for example an editor) can draw the same data with the same script.

The keys are documented in :data:`DATA_KEYS`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import branca.colormap
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree
from shapely.geometry.base import BaseGeometry

from regionkit._format import format_eur, format_eur_millions, format_int, format_number, format_pct
from regionkit._map_geo import (
    COORD_DECIMALS,
    PLACE_ALIASES,
    division_areas,
    fold,
    geometry_json,
    neighbour_land,
    place_labels,
    simplify_coverage,
    to_wgs84,
)
from regionkit._map_texts import long_date, map_texts, text
from regionkit._places import place_name
from regionkit._schema import (
    CRS,
    CRS_WGS84,
    LEERWEGEN,
    OTHER_TECHNIQUE_COLUMNS,
    PROFILE_NAMES,
    cell_column,
)
from regionkit._validate import check_schools
from regionkit.boundaries import land_mask, load_gemeenten, load_provinces
from regionkit.config import Config, Language
from regionkit.regions import Regions
from regionkit.schools import counted_pupils

__all__ = [
    "DATA_KEYS",
    "NO_REGION_COLOR",
    "REGION_PALETTE",
    "Side",
    "exports_of",
    "fills_of",
    "finding_records",
    "map_data",
    "prepared_schools",
    "region_records",
    "split_pairs",
    "subtitle_of",
]

logger = logging.getLogger(__name__)

#: Fill colours of regions: six colours that stay apart for people with protanopia or
#: deuteranopia too (chosen from the Okabe-Ito and Paul Tol schemes for the largest smallest
#: CIELAB distance after simulating both, blended at the fill opacity over the land).
REGION_PALETTE: tuple[str, ...] = (
    "#88CCEE",
    "#EEDD88",
    "#EE6677",
    "#0072B2",
    "#F0E442",
    "#D55E00",
)
#: Fill opacity of region areas (the palette is chosen for it).
REGION_OPACITY = 0.55
#: Colour of the land under the regions (and of areas in no region).
LAND_COLOR = "#f4f1ea"
#: Colour of the borders of region areas (at least 3:1 against every fill).
REGION_BORDER = "#222222"
#: Colour of schools in no region.
NO_REGION_COLOR = "#9e9e9e"
#: Tolerance (metres) of the coverage simplification of region areas and municipalities.
SIMPLIFY_M = 120.0
#: Smallest marker radius in pixels (schools without counted pupils).
MIN_MARKER_RADIUS = 3.0
#: The finding rules drawn at their region (the others at their schools when they name any).
REGION_RULES = ("too_small", "part_of_larger_whole", "composition", "techniekarm")

#: The top-level keys of the data, and what each holds.
DATA_KEYS: dict[str, str] = {
    "lang": "language of the texts and number formats ('nl' or 'en')",
    "kind": "'proposal', 'division' or 'comparison'",
    "title": "the map's title; subtitle: counts and the data's count date; source: credits",
    "texts": "every label of the page (regionkit._map_texts)",
    "settings": "analysis settings shown on the page (close distance in km, ...)",
    "palette": "region fill colours and opacity; fills: the money colourings and legends",
    "land": "neighbouring countries and the municipalities as land (GeoJSON geometries)",
    "borders": "municipal and provincial borders (GeoJSON geometries)",
    "places": "place labels [name, lat, lon, min_zoom]",
    "regions": "one object per region: name, colour, geometry, label point, figures, findings",
    "schools": "one object per school: code, name, place, lat, lon, regions, popup fields",
    "findings": "one object per finding: rule, severity, regions, schools, message, where",
    "compare": "the other side of a comparison: label, borders, moved schools (or null)",
    "exports": "tables to download: {name: {file, csv}}",
    "bounds": "[[south, west], [north, east]] of the schools",
}


@dataclass(frozen=True)
class Side:
    """The other set of regions of a comparison map (drawn as lines)."""

    regions: Regions
    label: str
    division: str | None = None


# --- memberships ----------------------------------------------------------------------------------


def _check_schools(regions: Regions) -> gpd.GeoDataFrame:
    """The schools as points in EPSG:28992 (the table is checked where the regions were built)."""
    schools = regions.schools
    check_schools(schools, columns=("code", "name", "x", "y"), step="the map")
    if isinstance(schools, gpd.GeoDataFrame) and schools.crs is not None:
        return schools.to_crs(CRS) if schools.crs.to_epsg() != 28992 else schools
    return gpd.GeoDataFrame(
        schools, geometry=gpd.points_from_xy(schools["x"], schools["y"]), crs=CRS
    )


def _known(regions: Regions) -> pd.DataFrame:
    """``region, code`` of every listing of a school of the table (first listed first)."""
    unknown = sorted(set(regions.unknown["code"].astype(str)))
    if unknown:
        logger.warning(
            "%d school code(s) of the regions are not in the schools table and are not drawn: %s",
            len(unknown),
            ", ".join(unknown[:10]) + (" ..." if len(unknown) > 10 else ""),
        )
    return regions.memberships


# --- areas and colours ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Areas:
    polygons: gpd.GeoDataFrame  # region, inferred, geometry (EPSG:28992)
    drawn_as: str  # "gemeenten" or "cells"
    n_inferred: int


def _areas(schools: gpd.GeoDataFrame, rows: pd.DataFrame, division: str | None) -> _Areas:
    first = rows.drop_duplicates("code").set_index("code")["region"]
    if division is not None:
        drawn = division_areas(schools, first)
        if drawn is not None:
            return _Areas(drawn.areas, "gemeenten", drawn.n_inferred)
    from regionkit.areas import region_polygons

    if first.empty:
        polygons = gpd.GeoDataFrame({"region": pd.Series([], dtype=str)}, geometry=[], crs=CRS)
    else:
        polygons = region_polygons(schools, first, land="netherlands")[["region", "geometry"]]
    polygons = polygons.sort_values("region", kind="stable").reset_index(drop=True)
    polygons["inferred"] = [shapely.Polygon()] * len(polygons)
    return _Areas(polygons, "cells", 0)


def region_colors(polygons: gpd.GeoDataFrame, names: list[str]) -> dict[str, str]:
    """A palette colour per region such that neighbouring regions differ."""
    from regionkit.areas import color_regions, region_adjacency

    colors: dict[str, str] = {}
    if len(polygons):
        index = color_regions(region_adjacency(polygons), n_colors=len(REGION_PALETTE))
        colors = {str(r): REGION_PALETTE[index[r]] for r in polygons["region"]}
    for i, region in enumerate(sorted(set(names) - set(colors))):
        colors[region] = REGION_PALETTE[i % len(REGION_PALETTE)]
    return colors


def _point(geom: BaseGeometry) -> list[float]:
    return [round(float(geom.y), COORD_DECIMALS), round(float(geom.x), COORD_DECIMALS)]


# --- schools --------------------------------------------------------------------------------------


def _num(value: float, lang: Language) -> str:
    """A count: whole numbers without decimals, halves (GL weighted) with one."""
    if value is None or pd.isna(value):
        return format_int(None, lang)
    if float(value).is_integer():
        return format_int(int(value), lang)
    return format_number(float(value), lang, decimals=1)


def _listify(value: object) -> list[str]:
    """A cell holding several names: list, tuple, set or a ``;``-joined string."""
    if value is None:
        return []
    if isinstance(value, str):
        return [s.strip() for s in value.replace("|", ";").split(";") if s.strip()]
    if isinstance(value, list | tuple | set | np.ndarray | pd.Index):
        return [str(v) for v in value if v is not None and not (isinstance(v, float) and v != v)]
    if pd.isna(value):
        return []
    return [str(value)]


def _opt(row: Mapping[str, Any], *columns: str) -> list[str]:
    return [str(row[c]) for c in columns if c in row and pd.notna(row[c]) and str(row[c])]


def _counted_rows(row: Mapping[str, Any], lang: Language) -> list[list[str]]:
    """Counted pupils per technical profile and leerweg (leerjaar 3 + 4), then a total row."""
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


def _marker_radius(counted: pd.Series, max_radius: float) -> pd.Series:
    top = float(counted.max()) if len(counted) else 0.0
    if top <= 0:
        return pd.Series(MIN_MARKER_RADIUS, index=counted.index)
    r = max_radius * np.sqrt(counted.clip(lower=0) / top)
    return r.clip(lower=MIN_MARKER_RADIUS).round(1)


def _schools(
    gdf: gpd.GeoDataFrame, regions_of: dict[str, list[str]], config: Config
) -> list[dict[str, Any]]:
    lang = config.language
    radius = _marker_radius(gdf["counted"], config.map.max_marker_radius)
    points = to_wgs84(gdf.geometry)
    records = gdf.drop(columns=gdf.geometry.name).to_dict("records")
    out = []
    for i, row, point in zip(gdf.index, records, points, strict=True):
        place = place_name(str(row.get("place") or ""))
        street = " ".join(_opt(row, "street", "house_number"))
        town = " ".join([*_opt(row, "postcode"), place] if place else _opt(row, "postcode"))
        profiles = [PROFILE_NAMES.get(p.lower(), p) for p in _listify(row.get("profiles"))]
        school: dict[str, Any] = {
            "code": str(row["code"]),
            "name": str(row["name"]),
            "place": place,
            "aliases": PLACE_ALIASES.get(fold(place), ""),
            "lat": _point(point)[0],
            "lon": _point(point)[1],
            "regions": regions_of.get(str(row["code"]), []),
            "radius": float(radius[i]),
            "counted": float(row["counted"]),
            "counted_text": _num(row["counted"], lang),
            "address": [v for v in (street, town) if v],
            "gemeente": str(row.get("gemeente") or "").title(),
            "kind": " · ".join(_opt(row, "kind", "structure")),
            "leerwegen": ", ".join(_listify(row.get("leerwegen"))),
            "profiles": ", ".join(profiles),
        }
        table = _counted_rows(row, lang)
        if table:
            school["table"] = table
        note = _school_note(row, lang)
        if note:
            school["note"] = note
        # empty text is left out (the page shows nothing for it): a smaller page
        out.append({k: v for k, v in school.items() if v != "" or k in ("name", "place")})
    return out


def _school_note(row: dict[str, Any], lang: Language) -> str:
    """What the counts of a school do not show: vso without counts, technique outside profiles."""
    if str(row.get("kind")) == "vso":
        return text(lang, "vso_note")
    programmes = row.get("technique_programmes")
    if programmes is None or pd.isna(programmes) or not str(programmes):
        return ""
    pupils = sum(int(v) for c in OTHER_TECHNIQUE_COLUMNS if pd.notna(v := row.get(c, 0)))
    return text(
        lang,
        "other_technique_note",
        programmes=", ".join(str(programmes).split(";")),
        n=format_int(pupils, lang),
    )


# --- money ----------------------------------------------------------------------------------------


def funding_frame(funding: object) -> pd.DataFrame:
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


def _money(money: pd.Series | None, lang: Language) -> dict[str, Any]:
    """The money figures of a region, raw and as display text (empty without funding)."""
    if money is None:
        return {}
    out: dict[str, Any] = {}
    if "max_subsidy_4y_eur" in money and pd.notna(money["max_subsidy_4y_eur"]):
        out["max_subsidy"] = float(money["max_subsidy_4y_eur"])
        out["max_subsidy_text"] = format_eur(money["max_subsidy_4y_eur"], lang, decimals=0)
        out["max_subsidy_short"] = format_eur_millions(money["max_subsidy_4y_eur"], lang)
        year = money.get("max_subsidy_year_eur")
        if year is not None and pd.notna(year):
            out["per_year_text"] = format_eur(year, lang, decimals=0)
    if "technical_share" in money and pd.notna(money["technical_share"]):
        out["technical_share"] = float(money["technical_share"])
        out["technical_share_text"] = format_pct(money["technical_share"], lang)
    if "techniekarm" in money and pd.notna(money["techniekarm"]):
        out["techniekarm"] = bool(money["techniekarm"])
    change = money.get("technical_change")
    if change is not None and pd.notna(change):
        # how the region's technical pupils changed since another data year: a popup row
        year = int(money["compare_year"])
        label = text(lang, "change", year=year)
        then, now = int(money["technical_pupils_then"]), int(money["technical_pupils"])
        value = text(
            lang,
            "change_value",
            then=format_int(then, lang),
            now=format_int(now, lang),
            change=format_int(now - then, lang, signed=True),
        )
        out["rows_extra"] = [[label, value]]
    return out


def _fills(regions: list[dict[str, Any]], lang: Language) -> dict[str, Any]:
    """The money colourings of the areas (alternatives to the region colours) and their legends."""
    fills: dict[str, Any] = {}
    specs = (
        ("counted", "counted", "YlGnBu", lambda v: _num(round(v), lang)),
        ("subsidy", "max_subsidy", "YlOrBr", lambda v: format_eur_millions(v, lang)),
    )
    for key, field, scheme, fmt in specs:
        values = [r[field] for r in regions if r.get(field) is not None]
        if not values:
            continue
        vmin, vmax = float(min(values)), float(max(values))
        vmax = vmax if vmax > vmin else vmin + 1.0
        cmap = getattr(branca.colormap.linear, f"{scheme}_09").scale(vmin, vmax)
        fills[key] = {
            "colors": {
                r["name"]: cmap(float(r[field])) for r in regions if r.get(field) is not None
            },
            "stops": [cmap(vmin + (vmax - vmin) * i / 8) for i in range(9)],
            "ticks": [fmt(v) for v in (vmin, (vmin + vmax) / 2, vmax)],
        }
    if any("techniekarm" in r for r in regions):
        fills["techniekarm"] = {
            "colors": {
                r["name"]: "#D55E00" if r.get("techniekarm") else "#56B4E9"
                for r in regions
                if "techniekarm" in r
            },
            "classes": [["#D55E00", "yes"], ["#56B4E9", "no"]],
        }
    return fills


# --- findings -------------------------------------------------------------------------------------


def _split_pairs(
    gdf: gpd.GeoDataFrame, first: pd.Series, limit_m: float
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """Every pair of schools within ``limit_m`` in different regions, by pair of regions."""
    codes = first.index.to_numpy(dtype=object).astype(str)
    if len(codes) < 2:
        return {}
    xy = gdf.set_index("code").loc[codes, ["x", "y"]].to_numpy(dtype=float)
    regions = first.to_numpy(dtype=object).astype(str)
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for i, j in cKDTree(xy).query_pairs(r=limit_m, output_type="ndarray"):
        if regions[i] == regions[j]:
            continue
        a, b = (i, j) if regions[i] < regions[j] else (j, i)
        out.setdefault((regions[a], regions[b]), []).append((codes[a], codes[b]))
    return {k: sorted(v) for k, v in out.items()}


def _findings(
    findings: pd.DataFrame,
    at_school: dict[str, list[float]],
    at_region: dict[str, list[float]],
    pairs: dict[tuple[str, str], list[tuple[str, str]]],
) -> list[dict[str, Any]]:
    if "rule" not in findings.columns or "message" not in findings.columns:
        raise TypeError("findings must have the columns 'rule' and 'message'")
    out = []
    for n, row in enumerate(findings.itertuples(index=False)):
        rec = row._asdict()
        rule = str(rec["rule"])
        regions = _listify(rec.get("regions"))
        codes = _listify(rec.get("schools"))
        item: dict[str, Any] = {
            "id": n,
            "rule": rule,
            "severity": str(rec.get("severity") or "info"),
            "regions": regions,
            "schools": codes,
            "message": str(rec["message"]),
            "at": "school",
            "anchors": [],
            "lines": [],
        }
        on_map = [c for c in codes if c in at_school]
        if rule == "close_schools_split" and len(regions) == 2 and len(on_map) >= 2:
            key = (min(regions), max(regions))
            lines = pairs.get(key) or [(on_map[0], on_map[1])]
            item["lines"] = [[at_school[a], at_school[b]] for a, b in lines if a in at_school]
            a, b = at_school[on_map[0]], at_school[on_map[1]]
            item["anchors"] = [[round((a[0] + b[0]) / 2, 5), round((a[1] + b[1]) / 2, 5)]]
            item["at"] = "pair"
        elif on_map and rule not in REGION_RULES:
            item["anchors"] = [at_school[c] for c in on_map]
        else:
            item["anchors"] = [at_region[r] for r in regions if r in at_region]
            item["at"] = "region"
        out.append(item)
    return out


# --- the whole page's data ------------------------------------------------------------------------


def _prepare_schools(regions: Regions) -> gpd.GeoDataFrame:
    config = regions.config
    gdf = _check_schools(regions).copy()
    gdf["code"] = gdf["code"].astype(str)
    gdf = gdf.sort_values("code", kind="stable").reset_index(drop=True)
    cp = counted_pupils(gdf, gl_weight=config.funding.gl_weight)
    gdf["counted_bb_kb"] = cp["bb_kb"].to_numpy()
    gdf["counted_gl"] = cp["gl"].to_numpy()
    gdf["counted"] = cp["weighted"].to_numpy()
    return gdf


def _region_records(
    gdf: gpd.GeoDataFrame,
    rows: pd.DataFrame,
    areas: _Areas,
    colors: dict[str, str],
    money: pd.DataFrame | None,
    lang: Language,
) -> list[dict[str, Any]]:
    names = sorted(set(rows["region"]) | set(areas.polygons["region"].astype(str)))
    polys = areas.polygons.set_index("region")
    simplified = dict(
        zip(
            polys.index.astype(str),
            to_wgs84(simplify_coverage(list(polys.geometry), SIMPLIFY_M)),
            strict=True,
        )
    )
    labels = dict(
        zip(
            polys.index.astype(str),
            to_wgs84(shapely.point_on_surface(polys.geometry.values)),
            strict=True,
        )
    )
    inferred = {str(r): g for r, g in polys["inferred"].items() if g is not None and not g.is_empty}
    inferred_wgs = dict(zip(inferred, to_wgs84(inferred.values()), strict=True))
    by_code = gdf.set_index("code")
    tech = by_code.get("has_technical_profile", pd.Series(False, index=by_code.index)).astype(bool)
    out = []
    for name in names:
        codes = rows.loc[rows["region"] == name, "code"].tolist()
        members = by_code.loc[codes]
        counted = float(members["counted"].sum())
        rec: dict[str, Any] = {
            "name": name,
            "color": colors[name],
            "geometry": geometry_json(simplified[name]) if name in simplified else None,
            "inferred": geometry_json(inferred_wgs[name]) if name in inferred_wgs else None,
            "label": _point(labels[name]) if name in labels else None,
            "n_schools": len(codes),
            "n_technical": int(tech.loc[codes].sum()),
            "counted": counted,
            "counted_text": _num(counted, lang),
            "counted_bb_kb_text": format_int(int(members["counted_bb_kb"].sum()), lang),
            "counted_gl_text": format_int(int(members["counted_gl"].sum()), lang),
            "errors": 0,
            "warnings": 0,
            "info": 0,
        }
        row = money.loc[name] if money is not None and name in money.index else None
        rec.update(_money(row, lang))
        out.append(rec)
    return out


def _count_findings(regions: list[dict[str, Any]], findings: list[dict[str, Any]]) -> None:
    by_name = {r["name"]: r for r in regions}
    key = {"error": "errors", "warning": "warnings"}
    for f in findings:
        for name in dict.fromkeys(f["regions"]):
            if name in by_name:
                by_name[name][key.get(f["severity"], "info")] += 1


def _base(lang: Language) -> tuple[dict[str, Any], dict[str, Any]]:
    gemeenten = load_gemeenten().sort_values("statcode", kind="stable")
    provinces = load_provinces().sort_values("statcode", kind="stable")
    g = to_wgs84(simplify_coverage(list(gemeenten.geometry), SIMPLIFY_M))
    p = to_wgs84(simplify_coverage(list(provinces.geometry), SIMPLIFY_M))
    land = {
        "neighbours": [
            {"name": name, "geometry": geometry_json(geom)} for name, geom in neighbour_land()
        ],
        "netherlands": geometry_json(shapely.union_all(g)),
    }
    borders = {
        "gemeenten": geometry_json(shapely.MultiLineString(_lines(g))),
        "provinces": geometry_json(shapely.MultiLineString(_lines(p))),
    }
    return land, borders


def _lines(polygons: list[BaseGeometry]) -> list[Any]:
    """The borders of polygons as lines, every shared border once."""
    merged = shapely.line_merge(shapely.union_all([shapely.boundary(g) for g in polygons]))
    parts = getattr(merged, "geoms", [merged])
    return [np.round(np.asarray(part.coords), COORD_DECIMALS) for part in parts]


def _side(gdf: gpd.GeoDataFrame, side: Side, moved: object, lang: Language) -> dict[str, Any]:
    """The other side of a comparison: its inner borders as lines, and the moved schools."""
    rows = _known(side.regions)
    areas = _areas(gdf, rows, side.division)
    geoms = simplify_coverage(list(areas.polygons.geometry), SIMPLIFY_M)
    inner = shapely.union_all([shapely.boundary(g) for g in geoms]).difference(
        shapely.boundary(land_mask()).buffer(300)
    )
    lines = [part for part in to_wgs84([inner])]
    table = getattr(moved, "moved", moved)
    moved_rows: list[list[str]] = []
    if isinstance(table, pd.DataFrame) and "code" in table.columns:
        known = set(gdf["code"])
        for rec in table.sort_values("code").to_dict("records"):
            if str(rec["code"]) in known:
                a, b = rec.get("region_a"), rec.get("region_b")
                moved_rows.append(
                    [str(rec["code"]), str(a) if pd.notna(a) else "", str(b) if pd.notna(b) else ""]
                )
    return {
        "label": side_label(side.label, side.division, lang),
        "drawn_as": areas.drawn_as,
        "borders": geometry_json(lines[0]),
        "moved": moved_rows,
    }


def map_data(
    regions: Regions,
    *,
    findings: pd.DataFrame | None = None,
    funding: object | None = None,
    title: str | None = None,
    division: str | None = None,
    other: Side | None = None,
    moved: object | None = None,
    exports: Mapping[str, pd.DataFrame] | None = None,
    explanations: Mapping[str, str] | None = None,
    label: str | None = None,
    region_details: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    school_details: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> dict[str, Any]:
    """Everything a map page draws, as JSON-ready values (see :data:`DATA_KEYS`).

    Parameters are those of :func:`regionkit.maps.make_map`.
    """
    config = regions.config
    lang = config.language
    gdf = _prepare_schools(regions)
    rows = _known(regions)
    regions_of: dict[str, list[str]] = {}
    for region, code in rows[["region", "code"]].itertuples(index=False):
        regions_of.setdefault(code, []).append(region)
    areas = _areas(gdf, rows, division)
    colors = region_colors(areas.polygons, sorted(set(rows["region"])))
    money = funding_frame(funding) if funding is not None else None
    region_recs = _region_records(gdf, rows, areas, colors, money, lang)
    for rec in region_recs:  # why each region is as it is (a logical proposal), in its popup
        why = (explanations or {}).get(rec["name"])
        if why:
            rec["note"] = str(why)
    school_recs = _schools(gdf, regions_of, config)
    _add_details(region_recs, "name", region_details)
    _add_details(school_recs, "code", school_details)
    at_school = {s["code"]: [s["lat"], s["lon"]] for s in school_recs}
    at_region = {r["name"]: r["label"] for r in region_recs if r["label"]}
    finding_recs: list[dict[str, Any]] = []
    if findings is not None and len(findings):
        first = rows.drop_duplicates("code").set_index("code")["region"]
        pairs = _split_pairs(gdf, first, config.rules.close_distance_m)
        finding_recs = _findings(findings, at_school, at_region, pairs)
        _count_findings(region_recs, finding_recs)
    land, borders = _base(lang)
    bounds = gdf.to_crs(CRS_WGS84).total_bounds if len(gdf) else [3.3, 50.75, 7.2, 53.55]
    kind = "comparison" if other is not None else "division" if division else "proposal"
    return {
        "lang": lang,
        "kind": kind,
        "title": title or _title(kind, lang, division, other, label),
        "subtitle": _subtitle(gdf, regions_of, config),
        "source": text(lang, "source", date=long_date(config.funding.count_date, lang)),
        "texts": _page_texts(config, areas, other),
        "settings": {"close_km": _km(config.rules.close_distance_m, lang)},
        "palette": {
            "colors": list(REGION_PALETTE),
            "opacity": REGION_OPACITY,
            "land": LAND_COLOR,
            "border": REGION_BORDER,
            "no_region": NO_REGION_COLOR,
            "fills": _fills(region_recs, lang),
        },
        "drawn_as": areas.drawn_as,
        "land": land,
        "borders": borders,
        "places": place_labels(),
        "regions": region_recs,
        "schools": school_recs,
        "findings": finding_recs,
        "compare": _side(gdf, other, moved, lang) if other is not None else None,
        "exports": _exports(region_recs, findings, exports),
        "bounds": [
            [round(float(bounds[1]), 5), round(float(bounds[0]), 5)],
            [round(float(bounds[3]), 5), round(float(bounds[2]), 5)],
        ],
    }


def _add_details(
    records: list[dict[str, Any]], key: str, details: Mapping[str, Sequence[tuple[str, str]]] | None
) -> None:
    """Extra (label, value) rows shown in a region's or school's popup, as given (text)."""
    for rec in records:
        rows = (details or {}).get(rec[key])
        if rows:  # after the rows the map adds itself (the change since another year)
            given = [[str(label), str(value)] for label, value in rows]
            rec["rows_extra"] = [*rec.get("rows_extra", []), *given]


# --- parts of the data, for a page that draws what changed (the editor) ---------------------------


def prepared_schools(regions: Regions) -> gpd.GeoDataFrame:
    """The schools table as the map reads it: EPSG:28992, sorted by code, counted pupils."""
    return _prepare_schools(regions)


def region_records(
    gdf: gpd.GeoDataFrame,
    rows: pd.DataFrame,
    polygons: gpd.GeoDataFrame,
    colors: Mapping[str, str],
    funding: object | None,
    lang: Language,
) -> list[dict[str, Any]]:
    """The ``regions`` records (:data:`DATA_KEYS`) of the regions in ``rows`` and ``polygons``.

    ``gdf`` is :func:`prepared_schools`; ``rows`` the ``region, code`` listings of those
    regions; ``polygons`` their areas (``region``, ``geometry`` in EPSG:28992), simplified
    together here; counts of findings are 0 (the caller counts them).
    """
    polys = polygons[["region", "geometry"]].copy()
    polys["inferred"] = [shapely.Polygon()] * len(polys)
    money = funding_frame(funding) if funding is not None else None
    return _region_records(gdf, rows, _Areas(polys, "cells", 0), dict(colors), money, lang)


def finding_records(
    gdf: gpd.GeoDataFrame,
    rows: pd.DataFrame,
    findings: pd.DataFrame,
    schools: list[dict[str, Any]],
    regions: list[dict[str, Any]],
    config: Config,
    *,
    pairs: dict[tuple[str, str], list[tuple[str, str]]] | None = None,
) -> list[dict[str, Any]]:
    """The ``findings`` records (:data:`DATA_KEYS`), drawn at the given school and region records;
    the ``errors``, ``warnings`` and ``info`` counts of the region records are set.

    ``pairs`` are the split close pairs by pair of regions, as :func:`split_pairs`
    gives them (computed here when not given)."""
    at_school = {s["code"]: [s["lat"], s["lon"]] for s in schools}
    at_region = {r["name"]: r["label"] for r in regions if r["label"]}
    if pairs is None:
        first = rows.drop_duplicates("code").set_index("code")["region"]
        pairs = _split_pairs(gdf, first, config.rules.close_distance_m)
    records = _findings(findings, at_school, at_region, pairs) if len(findings) else []
    for r in regions:
        r["errors"] = r["warnings"] = r["info"] = 0
    _count_findings(regions, records)
    return records


def split_pairs(
    codes: np.ndarray, pairs: np.ndarray, first: pd.Series
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """The close pairs of schools in different regions, by pair of regions (the map's lines).

    ``pairs`` are row pairs ``(i, j)`` of ``codes`` within the close distance (they
    do not depend on the regions, so a page that draws changes finds them once);
    ``first`` is the region of each code (the first listed). The same as the map
    computes for itself.
    """
    region = first.reindex(codes).to_numpy(dtype=object)
    a, b = region[pairs[:, 0]], region[pairs[:, 1]]
    split = pd.notna(a) & pd.notna(b)
    split[split] = a[split] != b[split]
    i, j = pairs[split, 0], pairs[split, 1]
    ra, rb = a[split].astype(str), b[split].astype(str)
    swap = ra > rb
    i, j = np.where(swap, j, i), np.where(swap, i, j)
    ra, rb = np.where(swap, rb, ra), np.where(swap, ra, rb)
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for x, y, p, q in zip(
        ra.tolist(), rb.tolist(), codes[i].tolist(), codes[j].tolist(), strict=True
    ):
        out.setdefault((x, y), []).append((p, q))
    return {k: sorted(v) for k, v in out.items()}


def fills_of(regions: list[dict[str, Any]], lang: Language) -> dict[str, Any]:
    """The money colourings of the areas (``palette.fills``) for these region records."""
    return _fills(regions, lang)


def subtitle_of(gdf: gpd.GeoDataFrame, rows: pd.DataFrame, config: Config) -> str:
    """The map's subtitle (schools, regions, schools in no region, count date)."""
    regions_of: dict[str, list[str]] = {}
    for region, code in rows[["region", "code"]].itertuples(index=False):
        regions_of.setdefault(code, []).append(region)
    return _subtitle(gdf, regions_of, config)


def exports_of(regions: list[dict[str, Any]], findings: pd.DataFrame | None) -> dict[str, Any]:
    """The tables the page offers as CSV downloads (``exports``)."""
    return _exports(regions, findings, None)


def _km(metres: float, lang: Language) -> str:
    km = metres / 1000
    return format_number(km, lang, decimals=0 if float(km).is_integer() else 1)


def side_label(label: str, division: str | None, lang: Language) -> str:
    """How a side of a comparison is named on the map: a division by its name, else its label.

    Examples
    --------
    >>> side_label("rmc", "rmc", "nl"), side_label("regionkit", None, "nl")
    ("RMC-regio's", 'regionkit-voorstel')
    """
    bare = label.removesuffix(" (A)").removesuffix(" (B)")
    if division and bare == division:
        return map_texts(lang).get(f"division_{division}", label)
    if bare == "regionkit":
        return text(lang, "label_propose")
    return label


def _title(
    kind: str, lang: Language, division: str | None, other: Side | None, label: str | None
) -> str:
    if kind == "comparison" and other is not None:
        a = side_label(other.label, other.division, lang)
        b = side_label(label or "B", division, lang)
        return text(lang, "title_comparison", a=a, b=b)
    if kind == "division" and division:
        name = map_texts(lang).get(f"division_{division}", division)
        return text(lang, "title_division", division=name)
    return text(lang, "title_proposal")


def _subtitle(gdf: gpd.GeoDataFrame, regions_of: dict[str, list[str]], config: Config) -> str:
    lang = config.language
    n_regions = len({r for rs in regions_of.values() for r in rs})
    n_none = int((~gdf["code"].isin(regions_of)).sum())
    return text(
        lang,
        "subtitle",
        schools=format_int(len(gdf), lang),
        regions=format_int(n_regions, lang),
        none=format_int(n_none, lang),
        date=long_date(config.funding.count_date, lang),
    )


def _page_texts(config: Config, areas: _Areas, other: Side | None) -> dict[str, Any]:
    lang = config.language
    texts: dict[str, Any] = dict(map_texts(lang))
    texts["counted_note"] = text(lang, "counted_note", w=_num(config.funding.gl_weight, lang))
    texts["legend_regions"] = text(lang, "legend_regions", n=len(REGION_PALETTE))
    texts["legend_split"] = text(lang, "legend_split", km=_km(config.rules.close_distance_m, lang))
    texts["legend_inferred"] = text(lang, "legend_inferred", n=areas.n_inferred)
    label = side_label(other.label, other.division, lang) if other is not None else ""
    for key in ("layer_other", "legend_moved", "legend_other"):
        texts[key] = text(lang, key, a=label)
    texts["leerweg_names"] = [lw.upper() for lw in LEERWEGEN]
    return texts


def _exports(
    regions: list[dict[str, Any]],
    findings: pd.DataFrame | None,
    given: Mapping[str, pd.DataFrame] | None,
) -> dict[str, Any]:
    """The tables the page offers as CSV downloads, written as ``regionkit run`` writes them."""
    from regionkit.reports import table_to_csv

    tables: dict[str, pd.DataFrame] = dict(given or {})
    if "regions" not in tables:
        tables["regions"] = pd.DataFrame(
            {
                "region": [r["name"] for r in regions],
                "n_schools": [r["n_schools"] for r in regions],
                "n_schools_technical": [r["n_technical"] for r in regions],
                "bb_kb_equivalent": [r["counted"] for r in regions],
                "max_subsidy_4y_eur": [r.get("max_subsidy", math.nan) for r in regions],
                "technical_share": [r.get("technical_share", math.nan) for r in regions],
                "techniekarm": [r.get("techniekarm") for r in regions],
                "n_errors": [r["errors"] for r in regions],
                "n_warnings": [r["warnings"] for r in regions],
                "n_info": [r["info"] for r in regions],
            }
        )
    if "findings" not in tables and findings is not None:
        tables["findings"] = findings
    return {
        name: {"file": f"{name}.csv", "csv": table_to_csv(table)}
        for name, table in sorted(tables.items())
    }
