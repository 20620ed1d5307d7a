"""Report writers: Excel workbook, GeoPackage, CSV/JSON tables and the ``run.json`` manifest.

Every writer is atomic (a temporary file beside the target, then a rename:
a failed write never leaves a half-written file that looks complete) and
deterministic: the same tables give byte-identical files. Excel and GeoPackage
files embed dates; regionkit writes a fixed date there (``SOURCE_DATE_EPOCH``
when that environment variable is set, else 2020-01-01, the start of the
programme), so only the manifest's ``timestamp`` differs between two runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import math
import os
import platform
import re
import zipfile
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from regionkit._io import json_value, write_atomic
from regionkit._schema import CRS
from regionkit._spreadsheet import csv_text, xlsx_text

__all__ = [
    "fixed_datetime",
    "sha256_file",
    "table_to_csv",
    "table_to_json",
    "workbook_bytes",
    "write_csv",
    "write_geopackage",
    "write_json",
    "write_manifest",
    "write_workbook",
]

#: Decimals kept for floats in CSV and JSON (money in euros keeps its cents).
FLOAT_DECIMALS = 6

#: Packages whose versions the manifest records.
_PACKAGES = (
    "regionkit",
    "numpy",
    "pandas",
    "geopandas",
    "shapely",
    "pyogrio",
    "pyproj",
    "networkx",
    "scipy",
    "scikit-learn",
    "folium",
    "branca",
    "openpyxl",
    "click",
    "tqdm",
)


def fixed_datetime() -> dt.datetime:
    """The date written into Excel and GeoPackage metadata (UTC, no timezone).

    ``SOURCE_DATE_EPOCH`` (seconds since 1970) when set, else 2020-01-01 00:00.

    Examples
    --------
    >>> fixed_datetime().year >= 1980
    True
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
        return max(moment, dt.datetime(1980, 1, 1))  # zip dates start in 1980
    return dt.datetime(2020, 1, 1)


# --- plain tables ----------------------------------------------------------------------------


def _plain_value(value: Any) -> Any:
    """One cell as a plain value: tuples/lists joined with ";", mappings as JSON text,
    NA to None, numpy to Python."""
    if isinstance(value, Mapping):
        return json.dumps(_json_ready(value), ensure_ascii=False, sort_keys=True) if value else None
    if isinstance(value, tuple | list | set | frozenset | np.ndarray):
        items = sorted(value) if isinstance(value, set | frozenset) else list(value)
        return ";".join(str(v) for v in items)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _plain_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy without geometry, with no list columns and plain dtypes (object/int/float/bool)."""
    out = pd.DataFrame(df).copy()
    if isinstance(df, gpd.GeoDataFrame) or "geometry" in out.columns:
        out = out.drop(columns=[c for c in out.columns if c == "geometry"])
        out = pd.DataFrame(out)
    for c in out.columns:
        s = out[c]
        if isinstance(s.dtype, pd.StringDtype):
            out[c] = pd.Series(s.to_numpy(dtype=object, na_value=None), index=out.index)
        elif s.dtype == object or isinstance(s.dtype, pd.CategoricalDtype):
            out[c] = pd.Series(
                [v if type(v) is str else _plain_value(v) for v in s], index=out.index, dtype=object
            )
        elif isinstance(s.dtype, pd.BooleanDtype):
            out[c] = s.astype(object).where(s.notna(), None)
        elif pd.api.types.is_extension_array_dtype(s.dtype) and pd.api.types.is_integer_dtype(
            s.dtype
        ):
            out[c] = s.astype("float64") if s.isna().any() else s.astype("int64")
        elif pd.api.types.is_extension_array_dtype(s.dtype) and pd.api.types.is_float_dtype(
            s.dtype
        ):
            out[c] = s.astype("float64")
    out.columns = [str(c) for c in out.columns]
    return out.reset_index(drop=True)


def _format_float(value: float) -> str:
    if math.isnan(value):
        return ""
    text = f"{round(value, FLOAT_DECIMALS) + 0.0:.{FLOAT_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def table_to_csv(df: pd.DataFrame, *, neutralise: bool = True) -> str:
    """A table as CSV text: comma-separated, UTF-8, floats with at most 6 decimals.

    Geometry is left out; tuples are joined with ``;``; empty cells for NA. A
    text cell that a spreadsheet would read as a formula gets a leading
    apostrophe unless ``neutralise`` is false (:mod:`regionkit._spreadsheet`).

    Examples
    --------
    >>> print(table_to_csv(pd.DataFrame({"a": [1.5, 2 / 3], "b": [("x", "y"), None]})), end="")
    a,b
    1.5,x;y
    0.666667,
    """
    plain = _plain_frame(df)
    for c in plain.columns:
        if pd.api.types.is_float_dtype(plain[c].dtype):
            plain[c] = [_format_float(float(v)) for v in plain[c]]
    return csv_text(plain, neutralise=neutralise)


def _json_value(value: Any) -> Any:
    if isinstance(value, set | frozenset):  # a set of codes, as in the CSV cell
        value = _plain_value(value)
    return json_value(value, decimals=FLOAT_DECIMALS)


def table_to_json(df: pd.DataFrame) -> str:
    """A table as a JSON list of records (column order kept, floats rounded, NA as null).

    Examples
    --------
    >>> print(table_to_json(pd.DataFrame({"a": [1], "b": [0.1 + 0.2]})), end="")
    [
      {"a": 1, "b": 0.3}
    ]
    """
    plain = pd.DataFrame(df).drop(columns=[c for c in df.columns if c == "geometry"])
    columns = [str(c) for c in plain.columns]
    values = []
    for c in plain.columns:
        s = plain[c]
        if pd.api.types.is_float_dtype(s.dtype) and not pd.api.types.is_extension_array_dtype(
            s.dtype
        ):
            values.append(
                [None if math.isnan(v) else round(v, FLOAT_DECIMALS) + 0.0 for v in s.tolist()]
            )
        elif pd.api.types.is_integer_dtype(s.dtype) and not pd.api.types.is_extension_array_dtype(
            s.dtype
        ):
            values.append(s.tolist())
        else:
            values.append([_json_value(v) for v in s.tolist()])
    rows = [
        json.dumps(dict(zip(columns, rec, strict=True)), ensure_ascii=False, allow_nan=False)
        for rec in zip(*values, strict=True)
    ]
    if not rows:
        return "[]\n"
    return "[\n" + ",\n".join("  " + r for r in rows) + "\n]\n"


def write_csv(path: str | Path, df: pd.DataFrame, *, neutralise: bool = True) -> Path:
    """Write a table as CSV atomically (see :func:`table_to_csv`)."""
    return write_atomic(path, table_to_csv(df, neutralise=neutralise))


def write_json(path: str | Path, data: pd.DataFrame | Mapping[str, Any] | list[Any]) -> Path:
    """Write a table (as records) or plain data as JSON atomically, deterministically.

    Parameters
    ----------
    path
        The target file.
    data
        A DataFrame (written as a list of records) or JSON-ready data
        (written with two-space indentation, keys in the given order).
    """
    if isinstance(data, pd.DataFrame):
        return write_atomic(path, table_to_json(data))
    text = json.dumps(_json_ready(data), ensure_ascii=False, indent=2, allow_nan=False)
    return write_atomic(path, text + "\n")


def _json_ready(data: Any) -> Any:
    if isinstance(data, Mapping):
        return {str(k): _json_ready(v) for k, v in data.items()}
    if isinstance(data, list | tuple | np.ndarray):
        return [_json_ready(v) for v in data]
    if isinstance(data, pd.DataFrame):
        return json.loads(table_to_json(data))
    return _json_value(data)


# --- Excel -----------------------------------------------------------------------------------


def _number_format(column: str, dtype: Any) -> str | None:
    """Excel number format of a float column (integers and text keep Excel's General)."""
    if not pd.api.types.is_float_dtype(dtype):
        return None
    if column.endswith("_eur"):
        return "#,##0.00"
    if "share" in column:
        return "0.0%"
    if column.endswith("_m") or column in ("x", "y"):
        return "#,##0"
    return "#,##0.00"


def _column_width(column: str, values: pd.Series) -> float:
    sample = values.head(2000)
    if pd.api.types.is_float_dtype(sample.dtype):
        lengths = [len(f"{v:,.2f}") for v in sample if not pd.isna(v)]
    else:
        lengths = [len(str(v)) for v in sample if v is not None and not pd.isna(v)]
    # room for the autofilter button beside the header
    return float(min(max([len(column) + 3, *lengths]) + 2, 60))


def _add_sheet(wb: Any, title: str, df: pd.DataFrame) -> None:
    """Add one table as a streamed (write-only) sheet: widths and panes are set first."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title=title)
    plain = _plain_frame(df)
    columns = list(plain.columns)
    n_rows = len(plain) + 1
    formats = [_number_format(c, plain[c].dtype) for c in columns]
    for j, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = _column_width(column, plain[column])
    ws.freeze_panes = "B2" if len(columns) > 1 else "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{n_rows}"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    # floats: NaN becomes an empty cell; numpy scalars become Python numbers
    values = {}
    for c in columns:
        s = plain[c]
        if pd.api.types.is_float_dtype(s.dtype):
            values[c] = [None if math.isnan(v) else v for v in s.tolist()]
        else:  # already plain (see _plain_frame); tolist() gives Python scalars
            values[c] = s.tolist()
    styled = [j for j, f in enumerate(formats) if f]
    texts = [j for j, c in enumerate(columns) if not pd.api.types.is_numeric_dtype(plain[c].dtype)]
    for i in range(len(plain)):
        row: list[Any] = [values[c][i] for c in columns]
        for j in styled:
            if row[j] is not None:
                cell = WriteOnlyCell(ws, value=row[j])
                cell.number_format = formats[j]
                row[j] = cell
        for j in texts:
            if isinstance(row[j], str):
                row[j] = _text_cell(ws, row[j])
        ws.append(row)


def _text_cell(ws: Any, text: str) -> Any:
    """Text as a string cell, never a formula (openpyxl reads ``=...`` as one)."""
    from openpyxl.cell import WriteOnlyCell

    text = xlsx_text(text)
    if not text.startswith("="):
        return text
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    return cell


def _zip_deterministic(raw: bytes, moment: dt.datetime) -> bytes:
    """Re-pack a zip (an .xlsx) with fixed entry dates and attributes, same order."""
    date_time = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def workbook_bytes(
    sheets: Mapping[str, pd.DataFrame], *, moment: dt.datetime | None = None
) -> bytes:
    """An Excel workbook with one sheet per table, as deterministic bytes.

    Parameters
    ----------
    sheets
        Sheet title -> table, in order.
    moment
        Date written as created/modified; default :func:`fixed_datetime`.
    """
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    moment = moment or fixed_datetime()
    wb = Workbook(write_only=True)
    for title, df in sheets.items():
        _add_sheet(wb, title, df)
    wb.properties.creator = "regionkit"
    wb.properties.created = moment
    wb.properties.modified = moment
    buffer = io.BytesIO()
    # stored first, compressed once when re-packed with fixed entry dates
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(wb, archive).write_data()
    return _zip_deterministic(buffer.getvalue(), moment)


def write_workbook(
    path: str | Path,
    *,
    regions: pd.DataFrame,
    schools: pd.DataFrame,
    findings: pd.DataFrame,
    funding_schools: pd.DataFrame,
) -> Path:
    """Write the run's Excel workbook: sheets regions, schools, findings and funding.

    Each sheet has a bold, frozen header row, the first column frozen, an
    autofilter and column widths fitted to the content; money in euros shows
    two decimals, shares as percentages. Geometry is left out and tuples are
    joined with ``;``. The file is byte-identical for the same tables.

    Parameters
    ----------
    path
        The ``.xlsx`` file to write.
    regions
        One row per region (schools, counted pupils, money, techniekarm, findings count).
    schools
        One row per school, with its region.
    findings
        One row per finding of the rule checks.
    funding_schools
        The money per school.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> t = pd.DataFrame({"region": ["Twente"], "max_subsidy_4y_eur": [19e6]})
    >>> p = write_workbook(pathlib.Path(tempfile.mkdtemp()) / "r.xlsx", regions=t,
    ...                    schools=t, findings=t, funding_schools=t)
    >>> from openpyxl import load_workbook
    >>> load_workbook(p).sheetnames
    ['regions', 'schools', 'findings', 'funding']
    """
    data = workbook_bytes(
        {
            "regions": regions,
            "schools": schools,
            "findings": findings,
            "funding": funding_schools,
        }
    )
    return write_atomic(path, data)


# --- GeoPackage ------------------------------------------------------------------------------

_NAME_RE = re.compile(r"[^0-9a-zA-Z_]+")


def _plain_name(name: str) -> str:
    """A column name QGIS and SQL handle without quoting: letters, digits and underscores."""
    cleaned = _NAME_RE.sub("_", str(name)).strip("_").lower()
    return cleaned or "column"


def _geo_layer(df: pd.DataFrame, geometry: Any) -> gpd.GeoDataFrame:
    plain = _plain_frame(df)
    for c in plain.columns:
        # yes/no with gaps stays a BOOLEAN field (with NULLs), not text
        if plain[c].dtype == object:
            present = plain[c].dropna()
            if len(present) and all(isinstance(v, bool) for v in present):
                plain[c] = plain[c].astype("boolean")
    names = [_plain_name(c) for c in plain.columns]
    seen: dict[str, int] = {}
    unique = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        unique.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    plain.columns = unique
    return gpd.GeoDataFrame(plain, geometry=geometry, crs=CRS)


def _edge_lines(edges: pd.DataFrame, schools: pd.DataFrame) -> Any:
    if isinstance(edges, gpd.GeoDataFrame):
        return edges.to_crs(CRS).geometry.to_numpy()
    xy = pd.DataFrame(schools)[["code", "x", "y"]].set_index("code")
    a = xy.reindex(edges["code_a"].astype(str)).to_numpy(dtype=float)
    b = xy.reindex(edges["code_b"].astype(str)).to_numpy(dtype=float)
    coords = np.stack([a, b], axis=1)
    return shapely.linestrings(coords)


def _split_codes(value: Any) -> list[str]:
    value = _plain_value(value)
    if value is None:
        return []
    return [v for v in str(value).split(";") if v]


def _finding_points(findings: pd.DataFrame, schools: pd.DataFrame) -> Any:
    """A MultiPoint per finding: its schools, else the schools of its regions."""
    s = pd.DataFrame(schools)
    xy = s[["code", "x", "y"]].set_index("code")
    by_region: dict[str, list[str]] = {}
    if "region" in s.columns:
        assigned = s[s["region"].notna()]
        for region, group in assigned.groupby("region", sort=True):
            by_region[str(region)] = group["code"].astype(str).tolist()
    geoms = []
    for _, row in findings.iterrows():
        codes = _split_codes(row["schools"]) if "schools" in findings.columns else []
        if not codes and "regions" in findings.columns:
            for region in _split_codes(row["regions"]):
                codes.extend(by_region.get(region, []))
        codes = [c for c in codes if c in xy.index]
        if codes:
            pts = xy.loc[codes].to_numpy(dtype=float)
            geoms.append(shapely.multipoints(pts))
        else:
            geoms.append(None)
    return geoms


def write_geopackage(
    path: str | Path,
    *,
    schools: pd.DataFrame,
    regions: pd.DataFrame,
    edges: pd.DataFrame,
    findings: pd.DataFrame,
) -> Path:
    """Write the run's GeoPackage (EPSG:28992): layers schools, regions, graph_edges, findings.

    Column names are made plain (lower case letters, digits, underscores),
    tuples are joined with ``;``; the file opens cleanly in QGIS. The layer
    dates (``gpkg_contents.last_change``) are :func:`fixed_datetime`, so the
    same tables give a byte-identical file.

    Parameters
    ----------
    path
        The ``.gpkg`` file to write (replaced if it exists).
    schools
        The schools table (point geometry or ``x``/``y``), with its ``region``.
    regions
        One row per region with polygon geometry (EPSG:28992).
    edges
        The proximity graph's edges: ``code_a``, ``code_b``, ``distance_m``
        (a line is drawn between the two schools) or a GeoDataFrame of lines.
    findings
        The findings; each becomes a MultiPoint of the schools it names, or of
        the schools of the regions it names (no geometry when it names neither).

    Returns
    -------
    pathlib.Path
        The path written.
    """
    import pyogrio

    school_geom = (
        schools.to_crs(CRS).geometry.to_numpy()
        if isinstance(schools, gpd.GeoDataFrame)
        else shapely.points(schools[["x", "y"]].to_numpy(dtype=float))
    )
    region_geom = (
        regions.to_crs(CRS).geometry.to_numpy()
        if isinstance(regions, gpd.GeoDataFrame)
        else [None] * len(regions)
    )
    layers = {
        "schools": _geo_layer(schools, school_geom),
        "regions": _geo_layer(regions, region_geom),
        "graph_edges": _geo_layer(edges, _edge_lines(edges, schools)),
        "findings": _geo_layer(findings, _finding_points(findings, schools)),
    }
    geometry_types = {
        "schools": "Point",
        "regions": "MultiPolygon",
        "graph_edges": "LineString",
        "findings": "MultiPoint",
    }
    stamp = fixed_datetime().strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def write(tmp: Path) -> None:
        previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
        try:
            for name, layer in layers.items():
                pyogrio.write_dataframe(
                    layer,
                    tmp,
                    layer=name,
                    driver="GPKG",
                    geometry_type=geometry_types[name],
                    promote_to_multi=name == "regions",
                )
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})

    return write_atomic(path, write)


# --- manifest --------------------------------------------------------------------------------


def sha256_file(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, in hex.

    Examples
    --------
    >>> from regionkit.schools import bundled_data_dir
    >>> len(sha256_file(bundled_data_dir() / "schools.csv"))
    64
    """
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    import pyogrio
    import pyproj

    out: dict[str, str] = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    out["GDAL"] = str(pyogrio.__gdal_version_string__)
    out["PROJ"] = str(pyproj.proj_version_str)
    out["GEOS"] = str(shapely.geos_version_string)
    return out


def _file_entries(
    files: Mapping[str, str | Path] | Iterable[str | Path], base: Path | None
) -> list[dict[str, Any]]:
    items = (
        list(files.items()) if isinstance(files, Mapping) else [(Path(f).name, f) for f in files]
    )
    entries = []
    for name, f in items:
        p = Path(f)
        shown = str(p)
        if base is not None:
            try:
                shown = p.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                shown = str(p)
        entries.append(
            {"name": name, "path": shown, "bytes": p.stat().st_size, "sha256": sha256_file(p)}
        )
    return sorted(entries, key=lambda e: (e["name"], e["path"]))


def write_manifest(
    path: str | Path,
    *,
    config: Any,
    inputs: Mapping[str, str | Path] | Iterable[str | Path],
    seed: int | None,
    outputs: Mapping[str, str | Path] | Iterable[str | Path],
    extra: Mapping[str, Any] | None = None,
    timestamp: dt.datetime | None = None,
) -> Path:
    """Write ``run.json``: what was run, on what, with which software, so it can be reproduced.

    Parameters
    ----------
    path
        The manifest file (``run.json``).
    config
        The resolved configuration (a :class:`regionkit.config.Config` or plain data).
    inputs
        The input files (name -> path, or paths): their SHA-256 and size are recorded.
    seed
        The seed of the run.
    outputs
        The output files; paths inside the manifest's folder are written relative to it.
    extra
        More plain data to record (for example the command line or the step timings).
    timestamp
        When the run happened (UTC); default now. The only field that differs
        between two runs on the same inputs.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from regionkit.config import load_config
    >>> from regionkit.schools import bundled_data_dir
    >>> p = write_manifest(pathlib.Path(tempfile.mkdtemp()) / "run.json", config=load_config(),
    ...                    inputs={"schools": bundled_data_dir() / "schools.csv"}, seed=0,
    ...                    outputs=[])
    >>> sorted(json.loads(p.read_text()))
    ['config', 'inputs', 'outputs', 'python', 'seed', 'timestamp', 'versions']
    """
    target = Path(path)
    cfg = config.to_dict() if hasattr(config, "to_dict") else dict(config)
    moment = timestamp or dt.datetime.now(tz=dt.UTC)
    data: dict[str, Any] = {
        "timestamp": moment.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "seed": seed,
        "config": cfg,
        "inputs": _file_entries(inputs, None),
        "outputs": _file_entries(outputs, target.parent),
        "python": platform.python_version(),
        "versions": _versions(),
    }
    if extra:
        data.update({str(k): v for k, v in extra.items()})
    return write_json(target, data)
