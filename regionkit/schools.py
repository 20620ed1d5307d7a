"""Loading, validating, writing and summarising the schools table.

The schools table is the first step of the pipeline: a GeoDataFrame in
EPSG:28992, one row per school, with the columns of :mod:`regionkit._schema`,
sorted by ``code``. :func:`load_schools` without a path returns the bundled
national table (DUO, 1 October 2019); with a path it reads a user's own table
(CSV in any common separator and encoding, Excel, GeoPackage, GeoJSON) and
checks it, collecting every problem into one :class:`InputDataError`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import cast

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS as ProjCRS
from pyproj import Transformer
from pyproj.exceptions import CRSError

from regionkit._codes import norm_header, vestiging_codes
from regionkit._errors import InputDataError, Problem, ProblemCollector
from regionkit._format import Language, format_int, format_pct, text_table
from regionkit._io import read_table, sheet_note, write_atomic
from regionkit._messages import text, text_n
from regionkit._schema import (
    COUNT_COLUMNS,
    CRS,
    CRS_WGS84,
    DIVISIONS,
    IDENTITY_COLUMNS,
    KINDS,
    LEERWEG_TOTAL_COLUMNS,
    LEERWEGEN,
    OTHER_TECHNIQUE_COLUMNS,
    TECHNICAL_CELL_COLUMNS,
    TECHNICAL_PROFILES,
    cell_column,
)
from regionkit._spreadsheet import csv_text, restore_frame

__all__ = [
    "BUNDLED_YEARS",
    "DEFAULT_YEAR",
    "GEO_PRECISIONS",
    "NL_BOUNDS_RD",
    "NL_BOUNDS_WGS84",
    "SchoolsSummary",
    "bundled_data_dir",
    "bundled_schools_path",
    "counted_pupils",
    "load_schools",
    "summarize_schools",
    "write_schools",
]

log = logging.getLogger(__name__)

#: How precisely a school's point was located, best first (``brin``: at another vestiging of
#: its institution, in another place).
GEO_PRECISIONS: tuple[str, ...] = ("address", "pc6", "pc4", "place", "brin")

#: The bundled tables by data year (DUO's count of 1 October of that year), in ``data/``.
BUNDLED_YEARS: dict[int, str] = {2019: "schools.csv", 2017: "schools_2017.csv"}
#: The data year of the bundled table used when no year is given.
DEFAULT_YEAR = 2019

#: Bounding box of the Netherlands in RD New: (xmin, ymin, xmax, ymax), metres.
NL_BOUNDS_RD: tuple[float, float, float, float] = (0.0, 289_000.0, 300_000.0, 629_000.0)
#: Bounding box of the Netherlands in WGS84: (lon_min, lat_min, lon_max, lat_max), degrees.
NL_BOUNDS_WGS84: tuple[float, float, float, float] = (3.2, 50.7, 7.3, 53.6)

_FLOAT_COLUMNS = ("x", "y", "lon", "lat")
_BOOL_COLUMNS = ("has_technical_profile", "in_address_file")
_TEXT_COLUMNS = [c for c in IDENTITY_COLUMNS if c not in _FLOAT_COLUMNS + _BOOL_COLUMNS]
_GEO_SUFFIXES = {".gpkg", ".geojson", ".json", ".shp", ".fgb"}


def bundled_data_dir() -> Path:
    """The folder of the bundled dataset (``data/`` of the repository)."""
    return Path(__file__).resolve().parent.parent / "data"


# --- the bundled table (fast path) ------------------------------------------------------------


@lru_cache(maxsize=4)
def _read_canonical(path: str, mtime_ns: int, size: int) -> gpd.GeoDataFrame:
    """A table written by :func:`write_schools`, read without checks (cached per file version)."""
    dtypes: dict[str, str] = {c: "string" for c in _TEXT_COLUMNS}
    df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
    for c in COUNT_COLUMNS:
        df[c] = df[c].astype("int64")
    for c in _BOOL_COLUMNS:
        df[c] = df[c].astype(str).str.lower().isin(["true", "1"])
    for c in _FLOAT_COLUMNS:
        df[c] = df[c].astype("float64")
    df = restore_frame(df.sort_values("code", kind="stable").reset_index(drop=True))
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["x"], df["y"]), crs=CRS)


def load_schools(
    path: str | Path | None = None,
    *,
    year: int | None = None,
    x_column: str | None = None,
    y_column: str | None = None,
    crs: str | int | None = None,
    sep: str | None = None,
    sheet: str | int | None = None,
    language: Language = "nl",
) -> gpd.GeoDataFrame:
    """Load a schools table; without a path, a bundled DUO table (2019 unless ``year`` says).

    A user's table needs only a ``code`` column (or ``brin`` + ``branch``
    columns) and coordinates: point geometry (GeoPackage, GeoJSON) or
    coordinate columns, RD New ``x``/``y`` or ``lat``/``lon`` (detected from
    the column names and the value ranges, or stated with ``x_column``,
    ``y_column`` and ``crs``). Common Dutch and English column names are
    recognised (``vestigingscode``, ``naam``, ``plaats``, ``provincie``,
    ``x_rd`` ...). A missing count column is set to 0 (logged), a missing text
    column to NA; ``kind`` defaults to "vmbo", ``technical_lj3``/``lj4``,
    ``profiles``, ``leerwegen`` and ``has_technical_profile`` are derived from
    the counts when absent. Counts given as ``"<5"`` are counted as 0 and
    recorded in ``n_suppressed``/``suppressed_columns``. Other columns are
    dropped (logged).

    Parameters
    ----------
    path
        A CSV, Excel, GeoPackage or GeoJSON file; ``None`` for the bundled
        national table.
    year
        Without a path: the data year of the bundled table, one of
        :data:`BUNDLED_YEARS` (DUO's count of 1 October of that year); ``None``
        for :data:`DEFAULT_YEAR`. Not allowed with a path (a user's table is
        of the year it is).
    x_column, y_column
        Names of the coordinate columns (easting/longitude, northing/latitude)
        when they are not detected from their names.
    crs
        CRS of the coordinate columns, or of a GeoPackage/GeoJSON that has
        none (for example ``"EPSG:28992"`` or ``4326``); detected from the
        value ranges when not given.
    sep
        CSV separator; detected when not given.
    sheet
        Excel sheet name or 0-based index; default the first sheet.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per school with the columns of :mod:`regionkit._schema`,
        sorted by ``code``, RangeIndex, geometry in EPSG:28992.

    Raises
    ------
    InputDataError
        Listing every problem with file, row, column, value and fix: an empty
        or unreadable file, a missing or malformed or duplicated code, missing,
        non-numeric or negative counts, missing coordinates, coordinates outside
        the Netherlands or with latitude and longitude swapped, a geodata file
        without CRS.

    Examples
    --------
    >>> schools = load_schools()
    >>> int((schools["kind"] == "vmbo").sum())
    925
    >>> schools.crs.to_epsg()
    28992
    >>> int((load_schools(year=2017)["kind"] == "vmbo").sum())
    935

    A user's table with only codes and lat/lon:

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = p.write_text("vestigingscode;lat;lon\\n02QZ01;52,37;4,89\\n")
    >>> mine = load_schools(p)
    >>> mine.loc[0, "code"], mine.loc[0, "kind"], float(mine.loc[0, "x"]), float(mine.loc[0, "y"])
    ('02QZ01', 'vmbo', 121138.3, 487018.4)
    """
    if path is None:
        p = bundled_schools_path(year)
        st = p.stat()
        return _read_canonical(str(p), st.st_mtime_ns, st.st_size).copy()
    if year is not None:
        raise InputDataError(
            Problem(
                text(language, "schools.error.year", year=year),
                fix=text(language, "schools.error.year_fix"),
                file=str(path),
                language=language,
            )
        )
    return _load_user(
        Path(path),
        x_column=x_column,
        y_column=y_column,
        crs=crs,
        sep=sep,
        sheet=sheet,
        language=language,
    )


def bundled_schools_path(year: int | None = None) -> Path:
    """The bundled schools table of ``year`` (``None``: :data:`DEFAULT_YEAR`).

    Raises
    ------
    InputDataError
        For a year no table is bundled for (naming the bundled years).

    Examples
    --------
    >>> bundled_schools_path(2017).name
    'schools_2017.csv'
    """
    return bundled_data_dir() / _bundled_name(year)


def _bundled_name(year: int | None) -> str:
    """The file name of the bundled table of ``year`` (None: the default year)."""
    name = BUNDLED_YEARS.get(DEFAULT_YEAR if year is None else year)
    if name is None:
        years = ", ".join(str(y) for y in sorted(BUNDLED_YEARS))
        raise InputDataError(
            Problem(
                f"there is no bundled schools table of {year}",
                fix=f"choose one of the bundled years ({years}), or build a table of that year "
                "from DUO's files with 'regionkit ingest --year' and give it as the schools table",
            )
        )
    return name


def write_schools(schools: pd.DataFrame, path: str | Path) -> Path:
    """Write a schools table as CSV (UTF-8, ``,``, LF), atomically and byte-for-byte reproducibly.

    Parameters
    ----------
    schools
        A schools table (the columns of :mod:`regionkit._schema`).
    path
        The CSV file to write.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_schools(load_schools(), pathlib.Path(tempfile.mkdtemp()) / "s.csv")
    >>> load_schools(p).equals(load_schools())
    True
    """
    missing = [c for c in (*IDENTITY_COLUMNS, *COUNT_COLUMNS) if c not in schools.columns]
    if missing:
        raise InputDataError(
            Problem(
                f"the table lacks the schools columns {', '.join(missing)}",
                fix="build it with load_schools() or ingest_duo()",
            )
        )
    frame = pd.DataFrame(schools)[[*IDENTITY_COLUMNS, *COUNT_COLUMNS]]
    frame = frame.sort_values("code", kind="stable")
    return write_atomic(path, csv_text(frame))


# --- user tables -------------------------------------------------------------------------------

#: Column names users write, normalised (see ``norm_header``) -> the schema's name.
_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("CODE", "VESTIGINGSCODE", "VESTIGING CODE", "SCHOOLCODE", "SCHOOL CODE", "BRINVEST"),
    "brin": ("BRIN", "BRIN NUMMER", "BRINNUMMER", "BRIN CODE", "INSTELLINGSCODE"),
    "branch": ("BRANCH", "VESTIGINGSNUMMER", "VESTIGINGNUMMER", "VESTIGING", "VESTIGINGSNR"),
    "name": ("NAME", "NAAM", "VESTIGINGSNAAM", "INSTELLINGSNAAM VESTIGING", "SCHOOLNAAM"),
    "street": ("STREET", "STRAAT", "STRAATNAAM"),
    "house_number": ("HOUSE NUMBER", "HUISNUMMER", "HUISNUMMER TOEVOEGING"),
    "postcode": ("POSTCODE", "POSTAL CODE", "ZIPCODE"),
    "place": ("PLACE", "PLAATS", "PLAATSNAAM", "WOONPLAATS", "CITY"),
    "gemeente_code": ("GEMEENTE CODE", "GEMEENTENUMMER", "GEMEENTECODE", "GEMEENTENUMMER 2020"),
    "gemeente": ("GEMEENTE", "GEMEENTENAAM", "MUNICIPALITY", "GEMEENTENAAM 2020"),
    "province": ("PROVINCE", "PROVINCIE"),
    "kind": ("KIND", "SOORT", "SCHOOLSOORT"),
    "structure": ("STRUCTURE", "ONDERWIJSSTRUCTUUR"),
    "denomination": ("DENOMINATION", "DENOMINATIE"),
    "board": ("BOARD", "BEVOEGD GEZAG", "BEVOEGD GEZAG NUMMER", "BOARD NUMBER"),
    "in_address_file": ("IN ADDRESS FILE", "IN DUO ADRESSEN 2020"),
    "has_technical_profile": ("HAS TECHNICAL PROFILE", "HEEFT TECHNISCH PROFIEL"),
    "technical_lj3": ("TECHNICAL LJ3", "TECH PROFIEL LJ3"),
    "technical_lj4": ("TECHNICAL LJ4", "TECH PROFIEL LJ4"),
    "x": ("X", "X RD", "RD X", "XCOORD", "X COORDINAAT", "EASTING"),
    "y": ("Y", "Y RD", "RD Y", "YCOORD", "Y COORDINAAT", "NORTHING"),
    "lon": ("LON", "LNG", "LONG", "LONGITUDE", "LENGTEGRAAD"),
    "lat": ("LAT", "LATITUDE", "BREEDTEGRAAD"),
    "nodal_code": ("NODAL CODE", "NODAAL GEBIED CODE"),
    "nodal_name": ("NODAL NAME", "NODAAL GEBIED NAAM", "NODAAL GEBIED"),
    "rmc_code": ("RMC CODE", "RMC REGIO CODE"),
    "rmc_name": ("RMC NAME", "RMC REGIO NAAM", "RMC REGIO"),
    "corop_code": ("COROP CODE", "COROPGEBIED CODE"),
    "corop_name": ("COROP NAME", "COROP NAAM", "COROPGEBIED NAAM"),
    "education_area_code": ("EDUCATION AREA CODE", "ONDERWIJSGEBIED CODE"),
    "education_area_name": ("EDUCATION AREA NAME", "ONDERWIJSGEBIED NAAM"),
}
_CANONICAL_OF: dict[str, str] = {}
for _canon in (*IDENTITY_COLUMNS, *COUNT_COLUMNS):
    _CANONICAL_OF[norm_header(_canon)] = _canon
for _canon, _names in _ALIASES.items():
    for _name in _names:
        _CANONICAL_OF.setdefault(_name, _canon)

_TRUE = {"true", "1", "yes", "ja", "y", "j", "waar"}
_FALSE = {"false", "0", "no", "nee", "n", "onwaar"}
_SUPPRESSED = re.compile(r"^<\s*\d+$")
#: The largest count of pupils a cell may hold: more than any school has (no overflow).
_MAX_COUNT = 100_000


def _read_user_frame(
    path: Path, *, sep: str | None, sheet: str | int | None, problems: ProblemCollector
) -> tuple[pd.DataFrame, gpd.GeoSeries | None, int]:
    """The attribute columns as text, the geometry (geodata only) and the first row number."""
    lang = problems.language
    if path.suffix.lower() not in _GEO_SUFFIXES:
        table = read_table(path, sep=sep, sheet=sheet, keep_blank_lines=True, language=lang)
        return table, None, 2
    if not path.exists():
        fix = text(lang, "schools.error.no_file_fix")
        raise InputDataError(
            Problem(text(lang, "schools.error.no_file"), fix=fix, file=str(path), language=lang)
        )
    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio/GDAL raise several kinds for unreadable files
        raise InputDataError(
            Problem(
                text(lang, "schools.error.geodata", error=exc),
                fix=text(lang, "schools.error.geodata_fix"),
                file=str(path),
                language=lang,
            )
        ) from None
    attrs = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    for c in attrs.columns:
        col = attrs[c]
        if pd.api.types.is_float_dtype(col):
            written = col.map(lambda v: pd.NA if pd.isna(v) else repr(float(v)), na_action=None)
            attrs[c] = written.astype("string")
        else:
            attrs[c] = col.astype("string").str.strip().replace("", pd.NA)
    return attrs, gdf.geometry, 1


def _canonical_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Rename recognised columns to the schema's names; drop the rest (logged)."""
    rename: dict[str, str] = {}
    taken: set[str] = set()
    # exact schema names first, then aliases, each in the file's column order
    for exact in (True, False):
        for c in df.columns:
            if c in rename:
                continue
            key = norm_header(c)
            canon = _CANONICAL_OF.get(key)
            if canon is None or canon in taken or (norm_header(canon) == key) != exact:
                continue
            rename[c] = canon
            taken.add(canon)
    dropped = [c for c in df.columns if c not in rename]
    if dropped:
        log.info("schools: columns not used: %s", ", ".join(map(str, dropped)))
    return df[list(rename)].rename(columns=rename)


def _parse_float(values: pd.Series) -> pd.Series:
    """Numbers with a decimal point or a decimal comma; NA where not a number."""
    text = values.astype("string")
    number = pd.to_numeric(text, errors="coerce").astype("float64")
    retry = (number.isna() & text.notna()).to_numpy()
    if retry.any():
        sub = text[retry].str.strip()
        comma = sub.str.fullmatch(r"-?\d+,\d+").fillna(False).astype(bool)
        sub = sub.where(~comma, sub.str.replace(",", ".", regex=False))
        number[retry] = pd.to_numeric(sub, errors="coerce").astype("float64").to_numpy()
    return number


def _crs_of(crs: str | int | None, problems: ProblemCollector) -> ProjCRS | None:
    if crs is None:
        return None
    try:
        return ProjCRS.from_user_input(crs)
    except CRSError:
        lang = problems.language
        fix = text(lang, "schools.error.crs_fix")
        problems.add(text(lang, "schools.error.crs"), fix=fix, value=crs)
        return None


@lru_cache(maxsize=8)
def _transformer(source: str, target: str) -> Transformer:
    """A cached lon/lat-order transformer (building one takes tens of milliseconds)."""
    return Transformer.from_crs(source, target, always_xy=True)


def _in_box(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    return (a >= box[0]) & (a <= box[2]) & (b >= box[1]) & (b <= box[3])


def _looks_wgs84(a: np.ndarray, b: np.ndarray) -> bool:
    """Coordinates in degrees rather than metres (judged on the finite values)."""
    ok = np.isfinite(a) & np.isfinite(b)
    return bool(ok.any() and (np.abs(a[ok]) <= 180).all() and (np.abs(b[ok]) <= 90).all())


def _check_bounds(
    a: np.ndarray,
    b: np.ndarray,
    *,
    wgs84: bool,
    columns: tuple[str, str],
    rows: np.ndarray,
    problems: ProblemCollector,
) -> np.ndarray:
    """Flag points outside the Netherlands, and swapped axes; True where a point is usable."""
    box = NL_BOUNDS_WGS84 if wgs84 else NL_BOUNDS_RD
    finite = np.isfinite(a) & np.isfinite(b)
    inside = finite & _in_box(a, b, box)
    swapped = finite & ~inside & _in_box(b, a, box)
    ca, cb = columns
    lang = cast(Language, problems.language)
    crs_kind = "wgs84" if wgs84 else "rd"
    axis = text(lang, f"schools.error.axis.{crs_kind}")
    if swapped.sum() > 1 and swapped.sum() >= 0.5 * (finite & ~inside).sum() + 0.5 * inside.sum():
        n = format_int(int(swapped.sum()), lang)
        problems.add(
            text(lang, "schools.error.swapped_all", axis=axis, n=n, a=repr(ca), b=repr(cb)),
            fix=text(lang, "schools.error.swapped_all_fix", a=repr(ca), b=repr(cb)),
            column=f"{ca} / {cb}",
            value=f"{a[swapped][0]}, {b[swapped][0]}",
        )
        swapped_rows = set()
    else:
        swapped_rows = set(np.flatnonzero(swapped))
    for i in np.flatnonzero(finite & ~inside):
        if i in swapped_rows:
            problems.add(
                text(lang, "schools.error.swapped", axis=axis),
                fix=text(lang, "schools.error.swapped_fix", a=repr(ca), b=repr(cb)),
                row=int(rows[i]),
                column=f"{ca} / {cb}",
                value=f"{a[i]}, {b[i]}",
            )
        elif not swapped[i]:
            problems.add(
                text(lang, f"schools.error.outside.{crs_kind}"),
                fix=text(lang, f"schools.error.outside_fix.{crs_kind}"),
                row=int(rows[i]),
                column=f"{ca} / {cb}",
                value=f"{a[i]}, {b[i]}",
            )
    return inside


def _coordinates(
    df: pd.DataFrame,
    geometry: gpd.GeoSeries | None,
    *,
    x_column: str | None,
    y_column: str | None,
    crs: str | int | None,
    rows: np.ndarray,
    problems: ProblemCollector,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """RD x, y per row (NaN where unusable) and the given lon/lat when they were the input."""
    n = len(df)
    nan = np.full(n, np.nan)
    lang = problems.language
    stated = _crs_of(crs, problems)
    if geometry is not None and x_column is None:
        file_crs = geometry.crs
        if file_crs is None and stated is None:
            fix = text(lang, "schools.error.no_crs_fix")
            problems.add(text(lang, "schools.error.no_crs"), fix=fix)
            return nan, nan, None, None
        use = ProjCRS.from_user_input(file_crs) if file_crs is not None else stated
        assert use is not None
        geom = geometry.to_numpy()
        is_point = np.array([g is not None and not g.is_empty for g in geom], dtype=bool)
        is_point &= shapely.get_type_id(geom) == 0
        for i in np.flatnonzero(~is_point):
            g = geom[i]
            message = text(lang, "schools.error.no_point")
            if g is not None and not g.is_empty:
                message = text(lang, "schools.error.not_point", kind=g.geom_type)
            problems.add(
                message,
                fix=text(lang, "schools.error.point_fix"),
                row=int(rows[i]),
                column="geometry",
            )
        a = np.where(is_point, shapely.get_x(np.where(is_point, geom, None)), np.nan)
        b = np.where(is_point, shapely.get_y(np.where(is_point, geom, None)), np.nan)
        return _to_rd(a, b, use, ("geometry x", "geometry y"), rows, problems)

    # coordinate columns
    if (x_column is None) != (y_column is None):
        problems.add(text(lang, "schools.error.xy_pair"), value=x_column or y_column)
        return nan, nan, None, None
    if x_column is not None and y_column is not None:
        missing = [c for c in (x_column, y_column) if c not in df.columns]
        if missing:
            columns = ", ".join(map(str, df.columns))
            problems.add(
                text(lang, "schools.error.xy_missing", column=repr(missing[0])),
                fix=text(lang, "schools.error.xy_missing_fix", columns=columns),
                column=missing[0],
            )
            return nan, nan, None, None
        cols = (x_column, y_column)
    elif {"x", "y"} <= set(df.columns):
        cols = ("x", "y")
    elif {"lon", "lat"} <= set(df.columns):
        cols = ("lon", "lat")
    else:
        problems.add(
            text(lang, "schools.error.no_coordinates"),
            fix=text(lang, "schools.error.no_coordinates_fix", note=sheet_note(df)),
            row=1,
        )
        return nan, nan, None, None
    a = _parse_float(df[cols[0]]).to_numpy()
    b = _parse_float(df[cols[1]]).to_numpy()
    for c, values in zip(cols, (a, b), strict=True):
        raw = df[c]
        for i in np.flatnonzero(np.isnan(values)):
            message = text(lang, "schools.error.coordinate_nan")
            if pd.isna(raw.iloc[i]):
                message = text(lang, "schools.error.coordinate_missing")
            problems.add(
                message,
                fix=text(lang, "schools.error.coordinate_fix"),
                row=int(rows[i]),
                column=str(c),
                value=None if pd.isna(raw.iloc[i]) else raw.iloc[i],
            )
    if stated is not None:
        use = stated
    elif cols == ("lon", "lat") or _looks_wgs84(a, b):
        use = ProjCRS.from_user_input(CRS_WGS84)
        if cols == ("x", "y"):
            log.info("schools: x/y values are degrees: read as longitude/latitude")
    else:
        use = ProjCRS.from_user_input(CRS)
    return _to_rd(a, b, use, (str(cols[0]), str(cols[1])), rows, problems)


def _to_rd(
    a: np.ndarray,
    b: np.ndarray,
    crs: ProjCRS,
    columns: tuple[str, str],
    rows: np.ndarray,
    problems: ProblemCollector,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Check the bounds in the input CRS (degrees or RD) and project to RD New."""
    n = len(a)
    lang = problems.language
    infinite = np.isinf(a) | np.isinf(b)
    for i in np.flatnonzero(infinite):
        problems.add(
            text(lang, "schools.error.infinite"),
            fix=text(lang, "schools.error.infinite_fix"),
            row=int(rows[i]),
            column=f"{columns[0]} / {columns[1]}",
            value=f"{a[i]}, {b[i]}",
        )
    if infinite.any():
        a, b = np.where(infinite, np.nan, a), np.where(infinite, np.nan, b)
    if crs.is_geographic:
        lon, lat = a, b
        if not _looks_wgs84(a, b) and np.isfinite(a).any():
            problems.add(
                text(lang, "schools.error.metres", crs=crs.to_string()),
                fix=text(lang, "schools.error.metres_fix"),
                column=f"{columns[0]} / {columns[1]}",
                value=f"{a[np.isfinite(a)][0]}, {b[np.isfinite(a)][0]}",
            )
            return np.full(n, np.nan), np.full(n, np.nan), None, None
        ok = _check_bounds(lon, lat, wgs84=True, columns=columns, rows=rows, problems=problems)
        to_rd = _transformer(crs.to_wkt(), CRS)
        x, y = to_rd.transform(np.where(ok, lon, np.nan), np.where(ok, lat, np.nan))
        return np.asarray(x), np.asarray(y), lon, lat
    if crs.equals(ProjCRS.from_user_input(CRS)):
        x, y = a, b
    else:
        to_rd = _transformer(crs.to_wkt(), CRS)
        x, y = (np.asarray(v) for v in to_rd.transform(a, b))
    ok = _check_bounds(x, y, wgs84=False, columns=columns, rows=rows, problems=problems)
    return np.where(ok, x, np.nan), np.where(ok, y, np.nan), None, None


def _parse_counts(
    df: pd.DataFrame, rows: np.ndarray, problems: ProblemCollector
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The count columns as integers; "<5" as 0, recorded. Missing columns are 0 (logged)."""
    counts = pd.DataFrame(0, index=df.index, columns=list(COUNT_COLUMNS), dtype="int64")
    n_supp = pd.Series(0, index=df.index, dtype="int64")
    supp_cols: dict[int, list[str]] = {}  # row -> its suppressed count columns ("<5")
    absent = [c for c in COUNT_COLUMNS if c not in df.columns]
    present = [c for c in COUNT_COLUMNS if c in df.columns]
    if not present:
        return _counts_tail(df, counts, n_supp, supp_cols, absent, rows, problems)
    # one numeric parse for the whole block; only unreadable cells are looked at one by one
    raw = df[present].to_numpy(dtype=object)
    flat = pd.Series(raw.ravel(), dtype="string")
    values = pd.to_numeric(flat, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    values = values.reshape(raw.shape)
    missing = pd.isna(raw)
    for i, j in zip(*np.nonzero(np.isnan(values) & ~missing), strict=True):
        cell = str(raw[i, j]).strip()
        if re.fullmatch(r"-?\d+,\d+", cell):
            values[i, j] = float(cell.replace(",", "."))
    with np.errstate(invalid="ignore"):
        whole = np.isfinite(values) & (values >= 0) & (values % 1 == 0) & (values <= _MAX_COUNT)
    for i, j in zip(*np.nonzero(~whole), strict=True):
        c = present[j]
        cell = raw[i, j]
        if c != "n_suppressed" and not missing[i, j] and _SUPPRESSED.match(str(cell).strip()):
            supp_cols.setdefault(int(i), []).append(c)
            n_supp.iloc[i] += 1
            continue
        v = values[i, j]
        lang = cast(Language, problems.language)
        if missing[i, j]:
            message = text(lang, "schools.error.count_missing")
            fix = text(lang, "schools.error.count_missing_fix")
        elif np.isnan(v):
            message = text(lang, "schools.error.count_nan")
            fix = text(lang, "schools.error.count_nan_fix")
        elif v < 0:
            message = text(lang, "schools.error.count_negative")
            fix = text(lang, "schools.error.count_negative_fix")
        elif not np.isfinite(v) or v > _MAX_COUNT:
            message = text(lang, "schools.error.count_large", max=format_int(_MAX_COUNT, lang))
            fix = text(lang, "schools.error.count_large_fix")
        else:
            message = text(lang, "schools.error.count_fraction")
            fix = text(lang, "schools.error.count_fraction_fix")
        problems.add(
            message,
            fix=fix,
            row=int(rows[i]),
            column=c,
            value=None if missing[i, j] else cell,
        )
    counts[present] = np.where(whole, np.nan_to_num(values), 0).astype("int64")
    return _counts_tail(df, counts, n_supp, supp_cols, absent, rows, problems)


def _counts_tail(
    df: pd.DataFrame,
    counts: pd.DataFrame,
    n_supp: pd.Series,
    supp_cols: dict[int, list[str]],
    absent: list[str],
    rows: np.ndarray,
    problems: ProblemCollector,
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Derived totals, consistency checks, the log note on absent columns."""
    cells_given = [c for c in TECHNICAL_CELL_COLUMNS if c in df.columns]
    lang = problems.language
    for lj in (3, 4):
        total = f"technical_lj{lj}"
        cells = [cell_column(p, lw, lj) for p in TECHNICAL_PROFILES for lw in LEERWEGEN]
        summed = counts[cells].sum(axis=1)
        if total not in df.columns:
            counts[total] = summed
        elif cells_given:
            bad = (summed != counts[total]).to_numpy()
            for j in np.flatnonzero(bad):
                problems.add(
                    text(lang, "schools.error.technical_sum", total=total, sum=int(summed.iloc[j])),
                    fix=text(lang, "schools.error.technical_sum_fix", total=total),
                    row=int(rows[j]),
                    column=total,
                    value=int(counts[total].iloc[j]),
                )
    for lw in LEERWEGEN:
        for lj in (3, 4):
            total = f"{lw}_lj{lj}"
            if total not in df.columns:
                continue
            tech = counts[[cell_column(p, lw, lj) for p in TECHNICAL_PROFILES]].sum(axis=1)
            for j in np.flatnonzero((tech > counts[total]).to_numpy()):
                more = int(tech.iloc[j])
                problems.add(
                    text(lang, "schools.error.technical_more", n=more, leerweg=lw.upper(), lj=lj),
                    fix=text(lang, "schools.error.technical_more_fix", total=total),
                    row=int(rows[j]),
                    column=total,
                    value=int(counts[total].iloc[j]),
                )
    defaulted = [c for c in absent if c not in ("technical_lj3", "technical_lj4")]
    if defaulted:
        cells = [c for c in defaulted if c in TECHNICAL_CELL_COLUMNS]
        named = [c for c in defaulted if c not in TECHNICAL_CELL_COLUMNS]
        if cells:
            n_cells = len(TECHNICAL_CELL_COLUMNS)
            named.insert(0, f"{len(cells)} of the {n_cells} technical-profile cells")
        log.info("schools: count columns not in the file, set to 0: %s", ", ".join(named))
    counts["n_suppressed"] += n_supp
    joined_cells = np.full(len(counts), pd.NA, dtype=object)
    for i, suppressed in supp_cols.items():
        joined_cells[i] = ";".join(suppressed)
    joined = pd.Series(joined_cells, dtype="string")
    return counts, n_supp, joined


def _parse_bool(
    df: pd.DataFrame, column: str, default: pd.Series, rows: np.ndarray, problems: ProblemCollector
) -> pd.Series:
    if column not in df.columns:
        return default
    written = df[column].astype("string").str.strip().str.lower()
    is_true = written.isin(_TRUE).fillna(False).astype(bool)
    is_false = written.isin(_FALSE).fillna(False).astype(bool)
    out = default.astype(bool).where(~(is_true | is_false), is_true)
    for i in np.flatnonzero((written.notna() & ~is_true & ~is_false).to_numpy()):
        problems.add(
            text(problems.language, "schools.error.yes_no"),
            fix=text(problems.language, "schools.error.yes_no_fix"),
            row=int(rows[i]),
            column=column,
            value=df[column].iloc[i],
        )
    return out.astype(bool)


def _joined_present(counts: pd.DataFrame, groups: dict[str, list[str]]) -> pd.Series:
    """Per row, the names of the groups with pupils, ``;``-joined (NA for none).

    Rows share few combinations: each combination is joined once.
    """
    names = list(groups)
    flags = np.column_stack([counts[cols].sum(axis=1).to_numpy() > 0 for cols in groups.values()])
    combination = flags.astype(np.int64) @ (1 << np.arange(len(names), dtype=np.int64))
    seen, which = np.unique(combination, return_inverse=True)
    text = [";".join(n for k, n in enumerate(names) if c >> k & 1) for c in seen.tolist()]
    joined = np.array(text, dtype=object)[which.reshape(-1)]
    return pd.Series(joined, dtype="string").replace("", pd.NA)


def _load_user(
    path: Path,
    *,
    x_column: str | None,
    y_column: str | None,
    crs: str | int | None,
    sep: str | None,
    sheet: str | int | None,
    language: Language,
) -> gpd.GeoDataFrame:
    """A user's schools table, read and checked in named steps; every problem collected."""
    problems = ProblemCollector(file=str(path), language=language)
    raw, geometry, rows, first_row = _user_rows(path, sep=sep, sheet=sheet, problems=problems)
    note = sheet_note(raw)
    if geometry is None:  # column names as written in the file, or as the header norm says
        x_column = _as_in_file(raw, x_column)
        y_column = _as_in_file(raw, y_column)
    user_xy = {x_column, y_column} - {None}
    df = _canonical_columns(raw.drop(columns=[c for c in user_xy if c in raw.columns]))
    coord_frame = df.copy()
    coord_frame.attrs.update(raw.attrs)
    for c in user_xy:
        if c in raw.columns:
            coord_frame[c] = raw[c]
    code = _user_codes(df, rows, first_row, note, problems)
    x, y, lon_in, lat_in = _coordinates(
        coord_frame,
        geometry,
        x_column=x_column,
        y_column=y_column,
        crs=crs,
        rows=rows,
        problems=problems,
    )
    counts, _, suppressed = _parse_counts(df, rows, problems)
    table = _user_text(df, code, rows, path.name, problems)
    table = _derived(df, table, counts, suppressed, rows, problems)
    problems.problems.sort(key=lambda p: p.row or 0)  # stable: file-level problems first
    n = len(problems)
    problems.raise_if_any(text_n(language, "schools.error.head", n, n=n, file=path.name))
    return _assemble(table, counts, x, y, df, lon_in, lat_in)


def _user_rows(
    path: Path, *, sep: str | None, sheet: str | int | None, problems: ProblemCollector
) -> tuple[pd.DataFrame, gpd.GeoSeries | None, np.ndarray, int]:
    """Step 1: the file's rows (blank lines dropped), geometry, row numbers, first row."""
    raw, geometry, first_row = _read_user_frame(path, sep=sep, sheet=sheet, problems=problems)
    # Blank CSV lines were kept so that row numbers match the file; drop them now.
    # (Features of geodata are never dropped: each one is a school or a problem.)
    file_rows = np.arange(len(raw)) + first_row
    if geometry is None and len(raw.columns):
        blank = raw.isna().all(axis=1).to_numpy()
        raw, file_rows = raw[~blank], file_rows[~blank]
    if raw.empty:
        problems.add(
            text(problems.language, "schools.error.no_rows"),
            fix=text(problems.language, "schools.error.no_rows_fix"),
            row=first_row,
        )
        problems.raise_if_any()
    return raw.reset_index(drop=True), geometry, file_rows, first_row


def _as_in_file(raw: pd.DataFrame, column: str | None) -> str | None:
    """A column named by the user, as the file spells it (``X RD`` for ``x_rd``)."""
    if column is None or column in raw.columns:
        return column
    return next((c for c in raw.columns if norm_header(c) == norm_header(column)), column)


def _user_codes(
    df: pd.DataFrame, rows: np.ndarray, first_row: int, note: str, problems: ProblemCollector
) -> pd.Series:
    """Step 2: the vestiging codes (a code column, or BRIN + branch), each once."""
    branch_column = next((c for c in ("code", "branch") if c in df.columns), None)
    if branch_column is not None:
        code = vestiging_codes(
            df["brin"] if "brin" in df.columns else None,
            df[branch_column],
            problems,
            brin_column="brin" if "brin" in df.columns else None,
            branch_column=branch_column,
            first_row=first_row,
        )
    else:
        problems.add(
            text(problems.language, "schools.error.no_code"),
            fix=text(problems.language, "schools.error.no_code_fix", note=note),
            row=1,
            column="code",
        )
        code = pd.Series(pd.NA, index=df.index, dtype="string")
    dup = code.notna() & code.duplicated(keep=False)
    first_of: dict[str, int] = {}
    for i in np.flatnonzero(dup.to_numpy()):
        c = code.iloc[i]
        if c in first_of:
            problems.add(
                text(problems.language, "schools.error.code_twice", row=first_of[c]),
                fix=text(problems.language, "schools.error.code_twice_fix"),
                row=int(rows[i]),
                column="code",
                value=c,
            )
        else:
            first_of[c] = int(rows[i])
    return code


def _user_text(
    df: pd.DataFrame, code: pd.Series, rows: np.ndarray, file_name: str, problems: ProblemCollector
) -> pd.DataFrame:
    """Step 4: the text columns (postcode, gemeente code, kind, location precision, source)."""
    n = len(df)
    table = pd.DataFrame(index=df.index)
    table["code"] = code
    table["brin"] = code.str[:4]
    table["branch"] = code.str[4:]
    for c in _TEXT_COLUMNS:
        if c in ("code", "brin", "branch"):
            continue
        table[c] = df[c].astype("string") if c in df.columns else pd.Series(pd.NA, dtype="string")
    if "postcode" in df.columns:
        compact = table["postcode"].str.upper().str.replace(r"\s+", "", regex=True)
        ok = compact.str.fullmatch(r"\d{4}[A-Z]{2}").fillna(False).astype(bool)
        table["postcode"] = table["postcode"].where(~ok, compact.str[:4] + " " + compact.str[4:])
    if "gemeente_code" in df.columns:
        digits = table["gemeente_code"].str.fullmatch(r"\d{1,4}").fillna(False).astype(bool)
        table["gemeente_code"] = table["gemeente_code"].where(
            ~digits, table["gemeente_code"].str.zfill(4)
        )
    if "kind" in df.columns:
        kind = table["kind"].str.lower()
        for i in np.flatnonzero((kind.notna() & ~kind.isin(KINDS)).to_numpy()):
            problems.add(
                text(problems.language, "schools.error.kind"),
                fix=text(problems.language, "schools.error.kind_fix", kinds=", ".join(KINDS)),
                row=int(rows[i]),
                column="kind",
                value=table["kind"].iloc[i],
            )
        table["kind"] = kind.fillna("vmbo")
    else:
        log.info("schools: no 'kind' column: every school is read as a vmbo vestiging")
        table["kind"] = pd.Series(["vmbo"] * n, dtype="string")
    if "geo_precision" in df.columns:
        precision = table["geo_precision"].str.lower().replace({"plaats": "place"})
        bad = precision.notna() & ~precision.isin(GEO_PRECISIONS)
        for i in np.flatnonzero(bad.to_numpy()):
            values = ", ".join(GEO_PRECISIONS)
            problems.add(
                text(problems.language, "schools.error.precision"),
                fix=text(problems.language, "schools.error.precision_fix", values=values),
                row=int(rows[i]),
                column="geo_precision",
                value=table["geo_precision"].iloc[i],
            )
        table["geo_precision"] = precision
    if "geo_source" not in df.columns:
        table["geo_source"] = pd.Series([file_name] * n, dtype="string")
    return table


def _derived(
    df: pd.DataFrame,
    table: pd.DataFrame,
    counts: pd.DataFrame,
    suppressed: pd.Series,
    rows: np.ndarray,
    problems: ProblemCollector,
) -> pd.DataFrame:
    """Step 5: leerwegen, profiles, suppressed cells and the yes/no columns (given or from
    the counts)."""
    for c, groups in (
        ("leerwegen", {lw.upper(): [f"{lw}_lj3", f"{lw}_lj4"] for lw in ("bb", "kb", "gl", "tl")}),
        (
            "profiles",
            {
                p.upper(): [cell_column(p, lw, lj) for lw in LEERWEGEN for lj in (3, 4)]
                for p in TECHNICAL_PROFILES
            },
        ),
    ):
        if c in df.columns:
            table[c] = table[c].str.upper().str.replace(r"[\s,]+", ";", regex=True)
        else:
            table[c] = _joined_present(counts, groups)
    if "suppressed_columns" in df.columns:
        given = table["suppressed_columns"]
        table["suppressed_columns"] = given.where(
            suppressed.isna(), given.fillna("").str.cat(suppressed, sep=";").str.strip(";")
        )
    else:
        table["suppressed_columns"] = suppressed
    technical = (counts["technical_lj3"] + counts["technical_lj4"] > 0) | table["profiles"].notna()
    table["has_technical_profile"] = _parse_bool(
        df, "has_technical_profile", technical.astype(bool), rows, problems
    )
    table["in_address_file"] = _parse_bool(
        df, "in_address_file", pd.Series(True, index=df.index), rows, problems
    )
    return table


def _assemble(
    table: pd.DataFrame,
    counts: pd.DataFrame,
    x: np.ndarray,
    y: np.ndarray,
    df: pd.DataFrame,
    lon_in: np.ndarray | None,
    lat_in: np.ndarray | None,
) -> gpd.GeoDataFrame:
    """Step 6: the checked table in the schema's columns, sorted by code, in EPSG:28992."""
    # coordinates, to 0.1 m and 1e-6 degree as in the bundled table
    table["x"] = np.round(x, 1)
    table["y"] = np.round(y, 1)
    lon, lat = _lonlat(table["x"].to_numpy(), table["y"].to_numpy(), df, lon_in, lat_in)
    table["lon"] = lon
    table["lat"] = lat
    for c in COUNT_COLUMNS:
        table[c] = counts[c].to_numpy()
    table = table[[*IDENTITY_COLUMNS, *COUNT_COLUMNS]]
    table = table.sort_values("code", kind="stable").reset_index(drop=True)
    for c in _TEXT_COLUMNS:
        table[c] = table[c].astype("string")
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["x"], table["y"]), crs=CRS)


def _lonlat(
    x: np.ndarray,
    y: np.ndarray,
    df: pd.DataFrame,
    lon_in: np.ndarray | None,
    lat_in: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """lon/lat to 1e-6 degree: as given where they agree with x/y within 1 m, else computed."""
    lon, lat = _transformer(CRS, CRS_WGS84).transform(x, y)
    lon, lat = np.round(np.asarray(lon), 6), np.round(np.asarray(lat), 6)
    if lon_in is None and {"lon", "lat"} <= set(df.columns):
        lon_in = _parse_float(df["lon"]).to_numpy()
        lat_in = _parse_float(df["lat"]).to_numpy()
    if lon_in is not None and lat_in is not None:
        given_lon, given_lat = np.round(lon_in, 6), np.round(lat_in, 6)
        close = (np.abs(given_lon - lon) < 2e-5) & (np.abs(given_lat - lat) < 1e-5)
        lon = np.where(close, given_lon, lon)
        lat = np.where(close, given_lat, lat)
    return lon, lat


# --- counted pupils ----------------------------------------------------------------------------


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
    # sums on plain arrays: several steps call this on every run
    bb_kb = schools[bb_kb_cols].to_numpy(dtype=np.int64).sum(axis=1)
    gl = schools[gl_cols].to_numpy(dtype=np.int64).sum(axis=1)
    return pd.DataFrame(
        {"bb_kb": bb_kb, "gl": gl, "weighted": bb_kb + gl_weight * gl}, index=schools.index
    )


# --- summary -----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SchoolsSummary:
    """What a schools table holds, at a glance (``regionkit schools``).

    Attributes
    ----------
    n_schools
        Rows of the table (every kind).
    n_by_kind
        Rows per kind (vmbo, vso, pro).
    n_with_technical_profile, n_without_technical_profile
        vmbo schools with and without pupils in a technical profile.
    n_other_technique
        vmbo schools without a technical profile that teach technique outside
        the profiles (a sector-Techniek programme such as Vakmanschapsroute
        Techniek): eligible for a region, their pupils not counted for money.
    technical_pupils_lj3, technical_pupils_lj4
        Pupils in the five technical profiles (BB/KB/GL), leerjaar 3 and 4.
    other_technique_pupils_lj3, other_technique_pupils_lj4
        Pupils in sector-Techniek programmes outside the five profiles
        (BB/KB/GL/TL), leerjaar 3 and 4.
    leerweg_pupils_lj34
        All BB/KB/GL pupils in leerjaar 3 and 4 (the techniekarm denominator).
    counted_bb_kb, counted_gl, counted_weighted
        Counted pupils (:func:`counted_pupils`): head counts and BB/KB-equivalents.
    provinces
        Per province: ``province``, ``schools``, ``technical``, ``other``
        (vmbo with and without a technical profile), ``vso``, ``pro``,
        ``counted_bb_kb``, ``counted_gl``, ``counted_weighted``.
    precision
        Schools per location precision (address, pc6, pc4, place, unknown).
    closed
        Codes of schools absent from DUO's address file (closed).
    imprecise
        Codes of schools located by postcode (pc4) or place only.
    missing_divisions
        Codes of schools without an official division (nodaal gebied etc.).
    suppressed
        Codes of schools with counts suppressed as "<5" (counted as 0).
    n_suppressed_cells
        Suppressed count cells in all.
    source
        Where the table came from.
    gl_weight
        Weight of a GL pupil in the counted pupils.
    language
        ``"nl"`` or ``"en"``: the language of :attr:`warnings` and :meth:`to_text`.
    """

    n_schools: int
    n_by_kind: dict[str, int]
    n_with_technical_profile: int
    n_without_technical_profile: int
    technical_pupils_lj3: int
    technical_pupils_lj4: int
    leerweg_pupils_lj34: int
    n_other_technique: int
    other_technique_pupils_lj3: int
    other_technique_pupils_lj4: int
    counted_bb_kb: int
    counted_gl: int
    counted_weighted: float
    provinces: pd.DataFrame
    precision: dict[str, int]
    closed: tuple[str, ...] = ()
    imprecise: tuple[str, ...] = ()
    missing_divisions: tuple[str, ...] = ()
    suppressed: tuple[str, ...] = ()
    n_suppressed_cells: int = 0
    source: str = ""
    gl_weight: float = field(default=0.5)
    language: Language = "nl"

    @property
    def technical_share(self) -> float | None:
        """Technical-profile pupils as a share of all BB/KB/GL pupils in lj3/4."""
        if not self.leerweg_pupils_lj34:
            return None
        return (self.technical_pupils_lj3 + self.technical_pupils_lj4) / self.leerweg_pupils_lj34

    @property
    def warnings(self) -> tuple[str, ...]:
        """Data-quality warnings, one sentence each, in :attr:`language`."""
        lang = self.language
        other = self.other_technique_pupils_lj3 + self.other_technique_pupils_lj4
        listed = (
            ("closed", self.closed),
            ("imprecise", self.imprecise),
            ("divisions", self.missing_divisions),
            ("suppressed", self.suppressed),
        )
        none: tuple[str, ...] = ()
        counts = [("vso", self.n_by_kind.get("vso", 0), none), ("other", other, none)]
        counts += [(key, len(codes), codes) for key, codes in listed]
        cells = format_int(self.n_suppressed_cells, lang)
        return tuple(
            text_n(
                lang,
                f"schools.warning.{key}",
                n,
                n=format_int(n, lang),
                codes=_codes_text(codes, lang),
                cells=cells,
            )
            for key, n, codes in counts
            if n
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the figures, per province, precision and warnings."""
        return {
            "source": self.source,
            "n_schools": self.n_schools,
            "n_by_kind": dict(self.n_by_kind),
            "n_with_technical_profile": self.n_with_technical_profile,
            "n_without_technical_profile": self.n_without_technical_profile,
            "technical_pupils_lj3": self.technical_pupils_lj3,
            "technical_pupils_lj4": self.technical_pupils_lj4,
            "leerweg_pupils_lj34": self.leerweg_pupils_lj34,
            "technical_share": self.technical_share,
            "n_other_technique": self.n_other_technique,
            "other_technique_pupils_lj3": self.other_technique_pupils_lj3,
            "other_technique_pupils_lj4": self.other_technique_pupils_lj4,
            "counted_pupils": {
                "bb_kb": self.counted_bb_kb,
                "gl": self.counted_gl,
                "weighted": self.counted_weighted,
                "gl_weight": self.gl_weight,
            },
            "provinces": [
                {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
                for row in self.provinces.to_dict(orient="records")
            ],
            "geo_precision": dict(self.precision),
            "closed": list(self.closed),
            "imprecise_locations": list(self.imprecise),
            "missing_divisions": list(self.missing_divisions),
            "suppressed": list(self.suppressed),
            "n_suppressed_cells": self.n_suppressed_cells,
            "warnings": list(self.warnings),
        }

    def to_text(self) -> str:
        """A plain-text report for the terminal, in :attr:`language`."""
        lang = self.language

        def n(v: float) -> str:
            return format_int(round(v), lang)

        kinds = ", ".join(f"{n(v)} {k}" for k, v in self.n_by_kind.items() if v)
        head = text(lang, "schools.head", n=n(self.n_schools), kinds=kinds)
        if self.source:
            head = text(
                lang, "schools.head_source", n=n(self.n_schools), kinds=kinds, source=self.source
            )
        other = self.other_technique_pupils_lj3 + self.other_technique_pupils_lj4
        share = self.technical_share
        lj3, lj4 = n(self.technical_pupils_lj3), n(self.technical_pupils_lj4)
        pupils = text(lang, "schools.pupils", lj3=lj3, lj4=lj4)
        if share is not None:
            pct = format_pct(share, lang, decimals=1)
            pupils = text(lang, "schools.pupils_share", lj3=lj3, lj4=lj4, share=pct)
        weight = f"{self.gl_weight:g}".replace(".", "," if lang == "nl" else ".")
        lines = [
            head,
            "  "
            + text(
                lang,
                "schools.profiles",
                with_profile=n(self.n_with_technical_profile),
                without=n(self.n_without_technical_profile),
                other=n(self.n_other_technique),
                pupils=n(other),
            ),
            "  " + pupils,
            "  "
            + text(
                lang,
                "schools.counted",
                bb_kb=n(self.counted_bb_kb),
                gl=n(self.counted_gl),
                weighted=n(self.counted_weighted),
                weight=weight,
            ),
            "",
        ]
        columns = ("schools", "technical", "other", "vso", "pro", "counted_bb_kb", "counted_gl")
        words = {c: text(lang, f"schools.col.{c}") for c in ("schools", "technical", "other")}
        headers = [text(lang, "schools.col.province"),
                   *(words.get(c, c) for c in columns[:5]), "BB/KB", "GL",
                   text(lang, "schools.col.weighted")]  # fmt: skip
        body = [
            [str(r["province"]), *(n(r[c]) for c in columns), n(r["counted_weighted"])]
            for _, r in self.provinces.iterrows()
        ]
        p = self.provinces
        body.append(
            [
                text(lang, "schools.total"),
                *(n(p[c].sum()) for c in columns[:5]),
                n(self.counted_bb_kb),
                n(self.counted_gl),
                n(self.counted_weighted),
            ]
        )
        lines += text_table(headers, body, indent="  ", total_rule=True)
        lines += ["  " + text(lang, "schools.legend"), ""]
        precision = ", ".join(
            f"{n(v)} {text(lang, f'schools.precision.{k}')}" for k, v in self.precision.items() if v
        )
        lines.append(text(lang, "schools.precision", items=precision))
        warnings = self.warnings
        lines.append(text(lang, "schools.warnings"))
        if not warnings:
            lines[-1] = text(lang, "schools.warnings_none")
        lines.extend(f"  - {w}" for w in warnings)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()


def _codes_text(codes: tuple[str, ...], language: Language, limit: int = 12) -> str:
    shown = ", ".join(codes[:limit])
    if len(codes) <= limit:
        return shown
    more = format_int(len(codes) - limit, language)
    return text(language, "schools.codes_more", codes=shown, n=more)


def summarize_schools(
    schools: pd.DataFrame, *, gl_weight: float = 0.5, source: str = "", language: Language = "nl"
) -> SchoolsSummary:
    """Summarise a schools table: per province, technical profiles, counted pupils, data quality.

    Parameters
    ----------
    schools
        A schools table (:func:`load_schools`).
    gl_weight
        Weight of a GL pupil in the counted pupils (see :func:`counted_pupils`).
    source
        Where the table came from, for the report.
    language
        ``"nl"`` or ``"en"`` (``Config.language``): the language of the report.

    Returns
    -------
    SchoolsSummary
        The figures; ``to_text()`` for a terminal, ``to_dict()`` for JSON.

    Examples
    --------
    >>> s = summarize_schools(load_schools())
    >>> s.n_by_kind["vmbo"], s.n_with_technical_profile
    (925, 276)
    >>> s.technical_pupils_lj3, s.technical_pupils_lj4
    (11509, 11404)
    >>> len(s.closed), s.precision["address"]
    (8, 1517)
    """
    kinds = schools["kind"].astype("string")
    edu = (kinds == "vmbo").to_numpy()
    tech = schools["has_technical_profile"].astype(bool).to_numpy()
    other_cols = list(OTHER_TECHNIQUE_COLUMNS)
    other_pupils = schools[other_cols].to_numpy(dtype=np.int64)
    cp = counted_pupils(schools, gl_weight=gl_weight)
    unknown = text(language, "schools.unknown_province")
    province = schools["province"].astype("string").fillna(unknown)
    frame = pd.DataFrame(
        {
            "province": province.to_numpy(),
            "schools": 1,
            "technical": edu & tech,
            "other": edu & ~tech,
            "vso": (kinds == "vso").to_numpy(),
            "pro": (kinds == "pro").to_numpy(),
            "counted_bb_kb": cp["bb_kb"].to_numpy(),
            "counted_gl": cp["gl"].to_numpy(),
            "counted_weighted": cp["weighted"].to_numpy(),
        }
    )
    provinces = frame.groupby("province", sort=True).sum().reset_index()
    for c in ("schools", "technical", "other", "vso", "pro", "counted_bb_kb", "counted_gl"):
        provinces[c] = provinces[c].astype("int64")
    provinces["counted_weighted"] = provinces["counted_weighted"].astype("float64")
    precision_values = schools["geo_precision"].astype("string").fillna("unknown")
    precision = {k: int((precision_values == k).sum()) for k in (*GEO_PRECISIONS, "unknown")}
    codes = schools["code"].astype(str).to_numpy()
    closed = ~schools["in_address_file"].astype(bool).to_numpy()
    imprecise = precision_values.isin(["pc4", "place"]).to_numpy()
    div_cols = [c for pair in DIVISIONS.values() for c in pair if c != "education_area_name"]
    no_div = schools[[c for c in div_cols if c in schools.columns]].isna().all(axis=1).to_numpy()
    n_supp = schools["n_suppressed"].to_numpy()
    leerweg_cols = [c for c in LEERWEG_TOTAL_COLUMNS if not c.startswith("tl")]
    return SchoolsSummary(
        n_schools=len(schools),
        n_by_kind={k: int((kinds == k).sum()) for k in KINDS},
        n_with_technical_profile=int((edu & tech).sum()),
        n_without_technical_profile=int((edu & ~tech).sum()),
        technical_pupils_lj3=int(schools["technical_lj3"].sum()),
        technical_pupils_lj4=int(schools["technical_lj4"].sum()),
        leerweg_pupils_lj34=int(schools[leerweg_cols].to_numpy().sum()),
        n_other_technique=int((edu & ~tech & (other_pupils.sum(axis=1) > 0)).sum()),
        other_technique_pupils_lj3=int(
            other_pupils[:, [c.endswith("3") for c in other_cols]].sum()
        ),
        other_technique_pupils_lj4=int(
            other_pupils[:, [c.endswith("4") for c in other_cols]].sum()
        ),
        counted_bb_kb=int(cp["bb_kb"].sum()),
        counted_gl=int(cp["gl"].sum()),
        counted_weighted=float(cp["weighted"].sum()),
        provinces=provinces,
        precision=precision,
        closed=tuple(codes[closed]),
        imprecise=tuple(codes[imprecise]),
        missing_divisions=tuple(codes[no_div]),
        suppressed=tuple(codes[n_supp > 0]),
        n_suppressed_cells=int(n_supp.sum()),
        source=source,
        gl_weight=gl_weight,
        language=language,
    )
