"""Municipality and province boundaries, and the land mask derived from them.

Bron: CBS / Kadaster (gemeente boundaries 2021, generalised). See ``data/SOURCES.md``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from regionkit._schema import CRS

__all__ = ["land_mask", "load_gemeenten", "load_provinces"]

ATTRIBUTION = "Bron: CBS / Kadaster"


def _boundaries_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "boundaries"


def load_gemeenten() -> gpd.GeoDataFrame:
    """The 352 gemeenten of 2021 in EPSG:28992 (columns ``statcode``, ``statnaam``, ``provincie``).

    Examples
    --------
    >>> len(load_gemeenten())
    352
    """
    return _load("nl_gemeenten_2021.geojson").copy()


def load_provinces() -> gpd.GeoDataFrame:
    """The 12 provinces of 2021 in EPSG:28992 (columns ``statcode``, ``statnaam``).

    Examples
    --------
    >>> len(load_provinces())
    12
    """
    return _load("nl_provincies_2021.geojson").copy()


@lru_cache(maxsize=4)
def _load(name: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(_boundaries_dir() / name)
    return gdf.to_crs(CRS)


@lru_cache(maxsize=1)
def land_mask() -> BaseGeometry:
    """The land of the Netherlands as one (multi)polygon in EPSG:28992.

    The union of the gemeente polygons: open water (IJsselmeer, Wadden Sea,
    Westerschelde, North Sea) lies outside it.

    Examples
    --------
    >>> land_mask().area / 1e6 > 30_000  # km2
    True
    """
    geom = shapely.union_all(_load("nl_gemeenten_2021.geojson").geometry.values)
    return shapely.make_valid(geom)
