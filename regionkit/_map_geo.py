"""Geometry of the interactive maps: land, neighbouring countries, places and division areas.

Everything is computed in EPSG:28992 and handed to the page in EPSG:4326 with
coordinates rounded to :data:`COORD_DECIMALS` (about 1 m). Polygons that tile
an area are simplified as a coverage, so shared borders stay shared.

- :func:`neighbour_land`: Belgium, Germany and the other neighbours as land
  (Natural Earth 1:10m, bundled in ``data/boundaries``; see ``data/SOURCES.md``).
- :func:`place_labels`: the names of places from the bundled place table, each
  with the zoom level from which it is shown (larger places earlier).
- :func:`division_areas`: an official division drawn as unions of municipalities
  where every municipality's schools lie in one of its areas.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from regionkit._places import fold, place_name
from regionkit._schema import CRS, CRS_WGS84
from regionkit.boundaries import load_gemeenten

__all__ = [
    "COORD_DECIMALS",
    "DivisionAreas",
    "division_areas",
    "fold",
    "geometry_json",
    "neighbour_land",
    "place_labels",
    "simplify_coverage",
    "to_wgs84",
]

logger = logging.getLogger(__name__)

#: Decimals of longitude/latitude in the HTML (5 decimals = about 1 m).
COORD_DECIMALS = 5
#: Place labels: (largest places first) how many are shown from each zoom level.
PLACE_ZOOMS: tuple[tuple[int, int], ...] = ((0, 12), (8, 30), (9, 80), (10, 220), (11, 600))
#: Other names analysts use for a place, for the search box and labels (folded keys).
PLACE_ALIASES: dict[str, str] = {
    "'s-gravenhage": "Den Haag",
    "'s-hertogenbosch": "Den Bosch",
}


def _data_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data"


def to_wgs84(geoms: Iterable[BaseGeometry]) -> list[BaseGeometry]:
    """EPSG:28992 geometries as EPSG:4326, coordinates rounded to :data:`COORD_DECIMALS`."""
    series = gpd.GeoSeries(list(geoms), crs=CRS).to_crs(CRS_WGS84)
    rounded = shapely.transform(series.values, lambda c: np.round(c, COORD_DECIMALS))
    return list(shapely.remove_repeated_points(rounded))


def simplify_coverage(geoms: list[BaseGeometry], tolerance: float) -> list[BaseGeometry]:
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


def geometry_json(geom: BaseGeometry) -> dict[str, Any]:
    """A geometry as a GeoJSON object (polygons only, when a repair left lines beside them)."""
    if isinstance(geom, shapely.GeometryCollection) and not isinstance(
        geom, shapely.MultiPolygon | shapely.MultiLineString | shapely.MultiPoint
    ):
        polys = [g for g in geom.geoms if isinstance(g, shapely.Polygon | shapely.MultiPolygon)]
        geom = shapely.union_all(polys) if polys else geom
    return dict(shapely.geometry.mapping(geom))


@cache
def neighbour_land() -> tuple[tuple[str, BaseGeometry], ...]:
    """The neighbouring countries (name, lon/lat polygon), clipped to a box around the country.

    Natural Earth 1:10m admin 0, from the npm package ``world-atlas`` 2.0.2,
    reduced by ``data/boundaries/neighbours_from_world_atlas.py``.

    Examples
    --------
    >>> [name for name, _ in neighbour_land()][:2]
    ['België', 'Denemarken']
    """
    path = _data_dir() / "boundaries" / "neighbours_ne10m.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for feature in collection["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        out.append((str(feature["properties"]["name"]), geom))
    return tuple(sorted(out, key=lambda item: item[0]))


@cache
def _places() -> pd.DataFrame:
    """The bundled place table with a size rank: the number of 4-digit postcodes per place."""
    raw = _data_dir() / "raw"
    places = pd.read_csv(raw / "nl_plaats_centroids.csv", dtype={"plaats": str})
    pc4 = pd.read_csv(raw / "nl_pc4_centroids.csv", dtype={"plaats": str, "pc4": str})
    size = pc4.groupby("plaats")["pc4"].nunique()
    places["size"] = places["plaats"].map(size).fillna(0).astype(int)
    return places.sort_values(["size", "plaats"], ascending=[False, True], kind="stable")


def place_labels() -> list[list[Any]]:
    """Place names to label: ``[name, lat, lon, min_zoom]``, largest places first.

    Places are ranked by their number of 4-digit postcodes (a measure of size
    that the bundled table gives); the twelve largest are shown at every zoom,
    more appear as the map zooms in (:data:`PLACE_ZOOMS`).

    Examples
    --------
    >>> place_labels()[0][:1], place_labels()[0][3]
    (['Amsterdam'], 0)
    """
    out: list[list[Any]] = []
    places = _places()
    start = 0
    for zoom, upto in PLACE_ZOOMS:
        for row in places.iloc[start:upto].itertuples(index=False):
            name = place_name(str(row.plaats))
            alias = PLACE_ALIASES.get(fold(name))
            label = f"{alias}" if alias else name
            out.append([label, round(float(row.lat), 4), round(float(row.lon), 4), zoom])
        start = upto
    return out


@dataclass(frozen=True)
class DivisionAreas:
    """An official division drawn from municipality polygons.

    Attributes
    ----------
    areas
        One row per area (``region``, ``inferred`` area, geometry in EPSG:28992):
        the union of the municipalities whose schools lie in it.
    inferred
        The part of each area made of municipalities without a school, joined to
        the neighbouring municipality's area with which they share the longest
        border (EPSG:28992; empty when none).
    n_municipalities, n_inferred, n_mixed
        Municipalities drawn; of them without a school (inferred); with schools
        in several areas (drawn in the area of most of their schools).
    """

    areas: gpd.GeoDataFrame
    n_municipalities: int
    n_inferred: int
    n_mixed: int


def _gemeente_of_schools(schools: gpd.GeoDataFrame) -> pd.Series:
    gemeenten = load_gemeenten()[["statcode", "geometry"]]
    pts = gpd.GeoDataFrame(
        {"code": schools["code"].astype(str)}, geometry=schools.geometry, crs=CRS
    )
    joined = gpd.sjoin(pts, gemeenten, how="left", predicate="intersects")
    joined = joined[~joined.index.duplicated(keep="first")]
    return pd.Series(joined["statcode"].to_numpy(), index=joined["code"].to_numpy())


def division_areas(schools: gpd.GeoDataFrame, assignment: pd.Series) -> DivisionAreas | None:
    """A division's areas as unions of municipalities, or ``None`` when it is not one.

    Each municipality (CBS 2021) takes the area of most of its schools (ties by
    name). A division counts as a union of municipalities when at most 2 % of
    the municipalities with schools have schools in several areas; otherwise
    ``None`` is returned and the caller draws the areas from the schools' cells.
    Municipalities without a school join, round by round, the area of the
    neighbour with which they share the longest border (islands: the nearest).

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> s = load_schools()
    >>> d = division_areas(s, s.set_index("code")["rmc_name"].dropna())
    >>> len(d.areas), d.n_mixed
    (39, 0)
    """
    gemeenten = load_gemeenten().sort_values("statcode", kind="stable").reset_index(drop=True)
    of_school = _gemeente_of_schools(schools)
    frame = pd.DataFrame(
        {
            "gemeente": of_school.reindex(assignment.index.astype(str)).to_numpy(),
            "region": assignment.astype(str).to_numpy(),
        }
    ).dropna()
    if frame.empty:
        return None
    counts = frame.groupby(["gemeente", "region"]).size().reset_index(name="n")
    counts = counts.sort_values(["gemeente", "n", "region"], ascending=[True, False, True])
    mixed = int((counts.groupby("gemeente")["region"].nunique() > 1).sum())
    with_schools = counts["gemeente"].nunique()
    if mixed > 0.02 * with_schools:
        return None
    region_of = dict(counts.drop_duplicates("gemeente")[["gemeente", "region"]].itertuples(False))
    inferred = _infer_empty(gemeenten, region_of)
    gemeenten["region"] = gemeenten["statcode"].map(region_of)
    gemeenten["inferred"] = gemeenten["statcode"].isin(inferred)
    drawn = gemeenten.dropna(subset=["region"])
    rows = []
    for region, group in drawn.groupby("region", sort=True):
        whole = shapely.union_all(group.geometry.values)
        guess = group[group["inferred"]]
        part = shapely.union_all(guess.geometry.values) if len(guess) else shapely.Polygon()
        rows.append((str(region), whole, part))
    areas = gpd.GeoDataFrame(
        {"region": [r[0] for r in rows], "inferred": [r[2] for r in rows]},
        geometry=[r[1] for r in rows],
        crs=CRS,
    )
    return DivisionAreas(areas, len(drawn), len(inferred), mixed)


def _infer_empty(gemeenten: gpd.GeoDataFrame, region_of: dict[str, str]) -> set[str]:
    """Give municipalities without a school the area of their longest-bordering neighbour.

    Rounds until nothing changes (a municipality surrounded by others without a
    school waits for them); each round in code order, so the result is
    deterministic.
    """
    geoms = dict(zip(gemeenten["statcode"], gemeenten.geometry, strict=True))
    tree = shapely.STRtree(gemeenten.geometry.values)
    codes = gemeenten["statcode"].tolist()
    inferred: set[str] = set()
    pending = [c for c in codes if c not in region_of]
    while pending:
        assigned = {}
        for code in pending:
            geom = geoms[code]
            best: tuple[float, str] | None = None
            for j in tree.query(geom, predicate="intersects"):
                other = codes[int(j)]
                if other == code or other not in region_of:
                    continue
                length = float(shapely.intersection(geom.boundary, geoms[other].boundary).length)
                if length > 0 and (best is None or length > best[0]):
                    best = (length, region_of[other])
            if best is not None:
                assigned[code] = best[1]
        if not assigned:  # islands: the nearest municipality with an area
            for code in pending:
                distances = sorted((float(geoms[code].distance(geoms[c])), c) for c in region_of)
                assigned[code] = region_of[distances[0][1]]
        region_of.update(assigned)
        inferred |= set(assigned)
        pending = [c for c in pending if c not in assigned]
    return inferred
