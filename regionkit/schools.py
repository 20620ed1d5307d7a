"""Loading, validating and summarising the schools table.

The schools table is the first step of the pipeline: a GeoDataFrame in
EPSG:28992, one row per school, with the columns of :mod:`regionkit._schema`.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from regionkit._schema import (
    COUNT_COLUMNS,
    CRS,
    IDENTITY_COLUMNS,
    LEERWEGEN,
    TECHNICAL_PROFILES,
    cell_column,
)

__all__ = [
    "bundled_data_dir",
    "counted_pupils",
    "load_schools",
]

_TEXT_COLUMNS = [
    c
    for c in IDENTITY_COLUMNS
    if c not in ("x", "y", "lon", "lat", "has_technical_profile", "in_address_file")
]


def bundled_data_dir() -> Path:
    """The folder of the bundled dataset (``data/`` of the repository)."""
    return Path(__file__).resolve().parent.parent / "data"


def load_schools(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Load a schools table; without a path, the bundled DUO 2019 table.

    Parameters
    ----------
    path
        A schools table written by ``regionkit ingest``; ``None`` for the
        bundled national table.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per school, sorted by ``code``, geometry in EPSG:28992.

    Examples
    --------
    >>> schools = load_schools()
    >>> int((schools["kind"] == "vmbo").sum())
    925
    >>> schools.crs.to_epsg()
    28992
    """
    p = Path(path) if path is not None else bundled_data_dir() / "schools.csv"
    dtypes: dict[str, str] = {c: "string" for c in _TEXT_COLUMNS}
    df = pd.read_csv(p, dtype=dtypes, keep_default_na=False, na_values=[""])
    for c in COUNT_COLUMNS:
        df[c] = df[c].astype("int64")
    for c in ("has_technical_profile", "in_address_file"):
        df[c] = df[c].astype(str).str.lower().isin(["true", "1"])
    for c in ("x", "y", "lon", "lat"):
        df[c] = df[c].astype("float64")
    df = df.sort_values("code", kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS)


def counted_pupils(
    schools: pd.DataFrame, *, gl_weight: float = 0.5, leerjaren: tuple[int, ...] = (3, 4)
) -> pd.DataFrame:
    """Counted pupils per school: technical profiles, leerjaar 3+4, BB/KB and GL.

    Parameters
    ----------
    schools
        A schools table.
    gl_weight
        Weight of a GL pupil in the BB/KB-equivalent count (0.5 by default,
        because the GL rate is half the BB/KB rate).
    leerjaren
        The leerjaren that count.

    Returns
    -------
    pandas.DataFrame
        Columns ``bb_kb``, ``gl`` (head counts) and ``weighted``
        (``bb_kb + gl_weight * gl``), indexed like ``schools``.

    Examples
    --------
    >>> cp = counted_pupils(load_schools())
    >>> int(cp["bb_kb"].sum() + cp["gl"].sum())
    22913
    """
    bb_kb_cols = [
        cell_column(p, lw, lj)
        for p in TECHNICAL_PROFILES
        for lw in ("bb", "kb")
        for lj in leerjaren
    ]
    gl_cols = [cell_column(p, "gl", lj) for p in TECHNICAL_PROFILES for lj in leerjaren]
    assert set(LEERWEGEN) == {"bb", "kb", "gl"}
    bb_kb = schools[bb_kb_cols].sum(axis=1).astype(np.int64)
    gl = schools[gl_cols].sum(axis=1).astype(np.int64)
    return pd.DataFrame({"bb_kb": bb_kb, "gl": gl, "weighted": bb_kb + gl_weight * gl})
