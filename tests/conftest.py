"""Shared fixtures and the report header (library versions)."""

from __future__ import annotations

import geopandas as gpd
import pytest


def pytest_report_header(config: pytest.Config) -> list[str]:
    import folium
    import pyogrio
    import pyproj
    import shapely

    return [
        f"GDAL {pyogrio.__gdal_version_string__}, PROJ {pyproj.proj_version_str}, "
        f"GEOS {shapely.geos_version_string}, folium {folium.__version__}, "
        f"geopandas {gpd.__version__}"
    ]


@pytest.fixture(scope="session")
def schools() -> gpd.GeoDataFrame:
    """The bundled national schools table (read once per session; do not mutate)."""
    from regionkit.schools import load_schools

    return load_schools()
