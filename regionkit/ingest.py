"""Build the schools table from DUO's raw open-data files.

:func:`ingest_duo` reads DUO's address file ("Adressen vestigingen vo") and
pupil-count file ("Leerlingen vo per vestiging naar onderwijstype"), keeps every
vestiging with vmbo pupils in leerjaar 3 or 4 and every praktijkonderwijs
vestiging, and locates each one offline: on its BAG address point, else on the
BAG points of other schools at the same 6-character postcode, else on the
4-digit postcode centroid, else on the place centroid. The result follows the
columns of :mod:`regionkit._schema`.

It reads DUO's real formats: ``;`` (or any common) separator, UTF-8 or latin-1,
padded fields, BRIN and branch number split over two columns or joined in one,
and counts that DUO suppressed as ``"<5"``. A suppressed count is added as 0 to
the count columns (so the counts are lower bounds) and recorded per school in
``n_suppressed`` (the number of suppressed DUO cells) and ``suppressed_columns``
(the count columns it would have added to). Nothing is dropped silently: a
vestiging that is in one file and not in the other, or that could only be
located imprecisely, is listed in :attr:`IngestResult.warnings`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
from pyproj import Transformer

from regionkit._codes import norm_header, vestiging_codes
from regionkit._errors import InputDataError, Problem, ProblemCollector
from regionkit._io import decode_text, read_table
from regionkit._schema import (
    COUNT_COLUMNS,
    CRS,
    CRS_WGS84,
    IDENTITY_COLUMNS,
    LEERWEGEN,
    PROFILE_NAMES,
    TECHNICAL_CELL_COLUMNS,
    TECHNICAL_PROFILES,
    cell_column,
)

__all__ = [
    "IngestResult",
    "IngestWarning",
    "RawFiles",
    "find_raw_files",
    "ingest_duo",
]

log = logging.getLogger(__name__)

#: DUO's leerweg names in ONDERWIJSTYPE ("VMBO BL lj 3-4") -> the table's leerweg.
_LEERWEG_OF = {"BL": "bb", "BB": "bb", "KL": "kb", "KB": "kb", "GL": "gl", "TL": "tl"}
_VMBO_LJ34 = re.compile(r"^\s*VMBO\s+(\w+)\s+LJ\.?\s*3\s*-\s*4", re.IGNORECASE)
_PRO = re.compile(r"^\s*PRAKTIJKONDERWIJS", re.IGNORECASE)
_YEAR_COLUMN = re.compile(r"JAAR\s*(\d+)\s*(?:MAN|VROUW|ONBEKEND|TOTAAL)?$")
_SUPPRESSED = re.compile(r"^<\s*\d+$")
_PROFILE_OF = {name.casefold(): code for code, name in PROFILE_NAMES.items()}

_DIVISION_SOURCES = {
    "nodal": "NODAAL GEBIED",
    "rmc": "RMC REGIO",
    "corop": "COROPGEBIED",
    "education_area": "ONDERWIJSGEBIED",
}


def _norm_place(name: object) -> str:
    """Place key: accents dropped, case folded, punctuation as blanks ("Damwâld" = "DAMWALD")."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^0-9a-z]+", " ", text)).strip()


# --- which file is which -----------------------------------------------------------------------


@dataclass(frozen=True)
class RawFiles:
    """The raw files an ingestion reads, by role.

    Attributes
    ----------
    addresses
        DUO "Adressen vestigingen vo" (one row per vestiging).
    counts
        DUO "Leerlingen vo per vestiging naar onderwijstype".
    bag
        BAG-geocoded school points (GeoJSON/GeoPackage), tried in this order.
    pc4
        4-digit postcode centroids (``pc4``, ``lat``, ``lon``).
    places
        Place centroids (``plaats``, ``lat``, ``lon``).
    gemeenten
        Gemeente -> province table (``gm_code``, ``provincie``), used where the
        address file gives no province.
    """

    addresses: Path
    counts: Path
    bag: tuple[Path, ...] = ()
    pc4: Path | None = None
    places: Path | None = None
    gemeenten: Path | None = None

    def as_dict(self) -> dict[str, object]:
        """The file names by role (for reports and ``run.json``)."""
        return {
            "addresses": self.addresses.name,
            "counts": self.counts.name,
            "bag": [p.name for p in self.bag],
            "pc4": self.pc4.name if self.pc4 else None,
            "places": self.places.name if self.places else None,
            "gemeenten": self.gemeenten.name if self.gemeenten else None,
        }


_GEO_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".fgb"}
_TABLE_SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xls", ".xlsm"}


def _header_keys(path: Path) -> set[str]:
    if path.suffix.lower() in {".xlsx", ".xls", ".xlsm"}:
        return {norm_header(c) for c in read_table(path).columns}
    with path.open("rb") as fh:
        raw = fh.read(65536)
    text = decode_text(raw, file=str(path))
    first = text.splitlines()[0] if text.strip() else ""
    for sep in (";", ",", "\t", "|"):
        if sep in first:
            return {norm_header(c.strip().strip('"')) for c in first.split(sep)}
    return {norm_header(first)}


def _role(path: Path) -> str | None:
    """The role of one raw file, from its header (never from its name)."""
    suffix = path.suffix.lower()
    if suffix in _GEO_SUFFIXES:
        return "bag"
    if suffix not in _TABLE_SUFFIXES:
        return None
    keys = _header_keys(path)
    has_latlon = {"LAT", "LON"} <= keys
    if any(k.startswith("ONDERWIJSTYPE VO") for k in keys):
        return "counts"
    if "POSTCODE" in keys and ("VESTIGINGSNAAM" in keys or "ONDERWIJSSTRUCTUUR" in keys):
        return "addresses"
    if has_latlon and "PC4" in keys:
        return "pc4"
    if has_latlon and "PLAATS" in keys:
        return "places"
    if "GM CODE" in keys and "PROVINCIE" in keys:
        return "gemeenten"
    return None


def find_raw_files(paths: str | Path | Iterable[str | Path] | None = None) -> RawFiles:
    """Find the raw files by role in a folder or a list of files.

    A file's role comes from its header, so next year's files work under
    DUO's own names. In a folder, files of no known role are skipped (logged);
    BAG point files are tried in name order.

    Parameters
    ----------
    paths
        A folder, a file, or several; ``None`` for the bundled ``data/raw``.

    Returns
    -------
    RawFiles
        The files by role.

    Raises
    ------
    InputDataError
        When a required file (address file, count file) is missing, a role is
        filled twice, or a named file has no known role.

    Examples
    --------
    >>> files = find_raw_files()
    >>> files.counts.name
    'duo_vo_leerlingen_per_vestiging_onderwijstype_2019.csv'
    >>> [p.name[-12:] for p in files.bag]
    ['2022.geojson', '2024.geojson']
    """
    if paths is None:
        from regionkit.schools import bundled_data_dir

        paths = bundled_data_dir() / "raw"
    items = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    problems = ProblemCollector()
    candidates: list[tuple[Path, bool]] = []  # (file, named explicitly)
    for item in items:
        if item.is_dir():
            candidates.extend((p, False) for p in sorted(item.iterdir()) if p.is_file())
        elif item.exists():
            candidates.append((item, True))
        else:
            problems.problems.append(
                Problem("the file does not exist", fix="check the path", file=str(item))
            )
    roles: dict[str, list[Path]] = {}
    for path, explicit in candidates:
        if path.name.startswith("."):
            continue
        role = _role(path)
        if role is None:
            if explicit:
                problems.problems.append(
                    Problem(
                        "this is not a file regionkit can ingest (not a DUO address or count file, "
                        "BAG point file, or postcode/place/gemeente table)",
                        fix="leave it out, or check that its header row is DUO's",
                        file=str(path),
                    )
                )
            else:
                log.info("ingest: skipping %s (not a raw file of a known kind)", path.name)
            continue
        roles.setdefault(role, []).append(path)
    for role, what in (("addresses", "DUO address file"), ("counts", "DUO pupil-count file")):
        if role not in roles:
            problems.problems.append(
                Problem(
                    f"no {what} among the inputs",
                    fix=(
                        "add DUO's 'Adressen vestigingen vo' CSV"
                        if role == "addresses"
                        else "add DUO's 'Leerlingen vo per vestiging naar onderwijstype' CSV"
                    ),
                    file=", ".join(str(i) for i in items),
                )
            )
    for role, found in roles.items():
        if role != "bag" and len(found) > 1:
            problems.problems.append(
                Problem(
                    f"{len(found)} files look like the {role} file: "
                    + ", ".join(p.name for p in found),
                    fix="name the files explicitly, one of each kind",
                    file=str(found[0].parent),
                )
            )
    problems.raise_if_any("the raw files are incomplete or ambiguous")
    return RawFiles(
        addresses=roles["addresses"][0],
        counts=roles["counts"][0],
        bag=tuple(roles.get("bag", [])),
        pc4=roles.get("pc4", [None])[0],
        places=roles.get("places", [None])[0],
        gemeenten=roles.get("gemeenten", [None])[0],
    )


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IngestWarning:
    """One thing the ingestion noticed about a vestiging (nothing is dropped silently).

    Attributes
    ----------
    kind
        ``closed`` (in the count file, not in the address file: kept),
        ``no_pupils`` (in the address file as a vmbo/pro vestiging, but with no
        vmbo lj3/4 or pro pupils in the count file: not in the table),
        ``suppressed`` (counts given as "<5"), ``imprecise_location``,
        ``moved`` (the BAG point of the same code has another postcode),
        ``province`` (province taken from the gemeente table), ``other_years``
        (pupils outside lj3/4 in vmbo lj3/4 rows, not counted),
        ``unknown_leerweg``, ``blank_counts``.
    code
        The vestiging code, if the warning is about one vestiging.
    message
        A sentence for the user.
    """

    kind: str
    code: str | None
    message: str


@dataclass(frozen=True)
class IngestResult:
    """The schools table built from the raw files, and what was noticed on the way.

    Attributes
    ----------
    schools
        The schools table (columns of :mod:`regionkit._schema`, EPSG:28992,
        sorted by ``code``).
    warnings
        Everything noticed, sorted by kind and code.
    files
        The files read, by role.
    input_totals
        Pupils read from the count file for the kept rows: ``vmbo_lj3``,
        ``vmbo_lj4`` (all vmbo lj3/4 rows), ``technical_lj3``, ``technical_lj4``
        (the five profiles, BB/KB/GL), ``pro`` (praktijkonderwijs, all years),
        ``suppressed_cells``. The table's columns sum to the same figures.
    """

    schools: gpd.GeoDataFrame
    warnings: tuple[IngestWarning, ...]
    files: RawFiles
    input_totals: dict[str, int] = field(default_factory=dict)

    def warning_counts(self) -> dict[str, int]:
        """Number of warnings per kind."""
        return dict(sorted(Counter(w.kind for w in self.warnings).items()))

    def warnings_frame(self) -> pd.DataFrame:
        """The warnings as a table (columns ``kind``, ``code``, ``message``)."""
        return pd.DataFrame(
            [(w.kind, w.code, w.message) for w in self.warnings],
            columns=["kind", "code", "message"],
        )

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary: files, row counts by kind, input totals, warning counts."""
        kinds = self.schools["kind"].value_counts().sort_index()
        return {
            "files": self.files.as_dict(),
            "n_schools": len(self.schools),
            "n_by_kind": {str(k): int(v) for k, v in kinds.items()},
            "input_totals": dict(self.input_totals),
            "warnings": self.warning_counts(),
        }


# --- reading the DUO files ---------------------------------------------------------------------


def _column(
    df: pd.DataFrame,
    names: Sequence[str],
    problems: ProblemCollector | None,
    what: str,
) -> str | None:
    """The first column of ``df`` whose normalised header is one of ``names``."""
    keys = {norm_header(c): c for c in df.columns}
    for name in names:
        if norm_header(name) in keys:
            return keys[norm_header(name)]
    if problems is not None:
        problems.add(
            f"the {what} column is missing (looked for {', '.join(repr(n) for n in names)})",
            fix="check that this is DUO's file with its original header row",
            row=1,
        )
    return None


_BRIN_NAMES = ("BRIN NUMMER", "BRINNUMMER", "BRIN", "INSTELLINGSCODE")
_BRANCH_NAMES = ("VESTIGINGSNUMMER", "VESTIGINGSCODE", "VESTIGING")


def _codes(df: pd.DataFrame, problems: ProblemCollector) -> pd.Series:
    """Vestiging codes from a BRIN and a branch column, or a joined 6-character column."""
    brin_col = _column(df, _BRIN_NAMES, None, "BRIN")
    branch_col = _column(df, _BRANCH_NAMES, problems, "vestigingsnummer")
    if branch_col is None:
        return pd.Series(pd.NA, index=df.index, dtype="string")
    return vestiging_codes(
        df[brin_col] if brin_col is not None else None,
        df[branch_col],
        problems,
        brin_column=brin_col,
        branch_column=branch_col,
    )


def _counts_frame(path: Path) -> tuple[pd.DataFrame, list[IngestWarning]]:
    """The count file as one row per DUO row: code, kind, leerweg, profile, lj3/lj4/all counts."""
    problems = ProblemCollector(file=str(path))
    df = read_table(path)
    code = _codes(df, problems)
    type_col = _column(
        df, ("ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR", "ONDERWIJSTYPE VO"), problems, "type"
    )
    afdeling_col = _column(df, ("AFDELING", "PROFIEL"), problems, "AFDELING (profiel)")
    name_col = _column(df, ("INSTELLINGSNAAM VESTIGING", "VESTIGINGSNAAM"), None, "name")
    place_col = _column(df, ("PLAATSNAAM VESTIGING", "PLAATSNAAM"), None, "place")
    province_col = _column(df, ("PROVINCIE VESTIGING", "PROVINCIE"), None, "province")
    by_sex: dict[int, list[str]] = {}
    totals: dict[int, list[str]] = {}
    for c in df.columns:
        m = _YEAR_COLUMN.search(norm_header(c))
        if m:
            into = totals if norm_header(c).endswith("TOTAAL") else by_sex
            into.setdefault(int(m.group(1)), []).append(c)
    # men + women (+ unknown) per leerjaar; a TOTAAL column only where those are absent
    year_cols = {y: by_sex.get(y) or totals[y] for y in sorted({*by_sex, *totals})}
    if 3 not in year_cols or 4 not in year_cols:
        problems.add(
            "no pupil-count columns for leerjaar 3 and 4 "
            "(looked for 'LEER- OF VERBLIJFSJAAR 3 - MAN' and the like)",
            fix="check that this is DUO's count file with its original header row",
            row=1,
        )
    if type_col is None or afdeling_col is None or not {3, 4} <= set(year_cols):
        problems.raise_if_any()  # without these columns nothing more can be checked
    assert type_col is not None and afdeling_col is not None

    kind_type = df[type_col].fillna("")
    lw_raw = kind_type.str.extract(_VMBO_LJ34, expand=False)
    is_vmbo = lw_raw.notna()
    is_pro = kind_type.str.match(_PRO)
    leerweg = lw_raw.str.upper().map(_LEERWEG_OF)
    warnings: list[IngestWarning] = []
    unknown = is_vmbo & leerweg.isna()
    for t in sorted(set(kind_type[unknown])):
        warnings.append(
            IngestWarning(
                "unknown_leerweg",
                None,
                f"rows of type {t!r} name a leerweg regionkit does not know; not counted",
            )
        )
    keep = (is_vmbo & leerweg.notna()) | is_pro
    rows = pd.DataFrame(
        {
            "code": code,
            "kind": np.where(is_pro, "pro", "vmbo"),
            "leerweg": leerweg,
            "profile": df[afdeling_col].fillna("").str.casefold().map(_PROFILE_OF),
            "row": np.arange(len(df)) + 2,
        }
    )
    # parse the count cells of the kept rows: integers, "<5" (suppressed) or blank
    n_blank = 0
    per_year: dict[int, pd.Series] = {}
    supp_year: dict[int, pd.Series] = {}
    for year, cols in sorted(year_cols.items()):
        total = pd.Series(0, index=df.index, dtype="int64")
        supp = pd.Series(0, index=df.index, dtype="int64")
        for c in cols:
            cell = df[c]
            is_supp = cell.str.match(_SUPPRESSED).fillna(False).astype(bool)
            blank = cell.isna()
            value = pd.to_numeric(cell.where(~is_supp & ~blank), errors="coerce")
            bad = keep & ~is_supp & ~blank & (value.isna() | (value < 0) | (value % 1 != 0))
            for i in np.flatnonzero(bad.to_numpy()):
                problems.add(
                    "a pupil count is not a whole number >= 0 or '<5'",
                    fix="correct the count",
                    row=int(i) + 2,
                    column=c,
                    value=cell.iloc[i],
                )
            n_blank += int((keep & blank).sum())
            total += value.fillna(0).astype("int64")
            supp += is_supp.astype("int64")
        per_year[year] = total
        supp_year[year] = supp
    problems.raise_if_any()
    if n_blank:
        warnings.append(
            IngestWarning("blank_counts", None, f"{n_blank} blank count cells read as 0")
        )
    rows["lj3"] = per_year[3]
    rows["lj4"] = per_year[4]
    rows["all_years"] = sum(per_year.values())
    rows["supp3"] = supp_year[3]
    rows["supp4"] = supp_year[4]
    rows["supp_all"] = sum(supp_year.values())
    other = rows["all_years"] - rows["lj3"] - rows["lj4"]
    rows["meta_name"] = df[name_col] if name_col else pd.NA
    rows["meta_place"] = df[place_col] if place_col else pd.NA
    rows["meta_province"] = df[province_col] if province_col else pd.NA
    rows = rows[keep.to_numpy()]
    vmbo_other = rows[(rows["kind"] == "vmbo") & (other[keep] > 0)]
    for c, n in vmbo_other.groupby("code")["all_years"].size().items():
        warnings.append(
            IngestWarning(
                "other_years",
                str(c),
                f"{n} vmbo lj3/4 rows also give pupils in other leerjaren; only lj3 and 4 counted",
            )
        )
    return rows.reset_index(drop=True), warnings


def _addresses_frame(path: Path) -> pd.DataFrame:
    """The address file: one row per vestiging code, with the table's column names."""
    problems = ProblemCollector(file=str(path))
    df = read_table(path)
    code = _codes(df, problems)
    wanted: dict[str, tuple[str, ...]] = {
        "name": ("VESTIGINGSNAAM", "INSTELLINGSNAAM VESTIGING", "INSTELLINGSNAAM"),
        "street": ("STRAATNAAM", "STRAAT"),
        "house_number": ("HUISNUMMER-TOEVOEGING", "HUISNUMMER"),
        "postcode": ("POSTCODE",),
        "place": ("PLAATSNAAM", "PLAATS"),
        "gemeente_code": ("GEMEENTENUMMER", "GEMEENTECODE"),
        "gemeente": ("GEMEENTENAAM", "GEMEENTE"),
        "province": ("PROVINCIE",),
        "structure": ("ONDERWIJSSTRUCTUUR",),
        "denomination": ("DENOMINATIE",),
        "board": ("BEVOEGD GEZAG NUMMER", "BEVOEGD GEZAG"),
    }
    for key, prefix in _DIVISION_SOURCES.items():
        wanted[f"{key}_code"] = (f"{prefix} CODE",)
        wanted[f"{key}_name"] = (f"{prefix} NAAM",)
    out = pd.DataFrame({"code": code}, index=df.index)
    for col, names in wanted.items():
        found = _column(df, names, problems if col == "postcode" else None, col)
        out[col] = df[found] if found is not None else pd.Series(pd.NA, dtype="string")
    out["postcode"] = _format_postcode(out["postcode"])
    out["gemeente_code"] = out["gemeente_code"].str.zfill(4)
    dup = out["code"].notna() & out["code"].duplicated(keep=False)
    for i in np.flatnonzero(dup.to_numpy()):
        problems.add(
            "the vestiging code occurs more than once in the address file",
            fix="keep one row per vestiging",
            row=int(i) + 2,
            column="VESTIGINGSNUMMER",
            value=out["code"].iloc[i],
        )
    problems.raise_if_any()
    return out.astype("string").set_index("code")


def _format_postcode(pc: pd.Series) -> pd.Series:
    """Dutch postcodes as ``"1234 AB"``; anything else kept as given."""
    compact = pc.astype("string").str.upper().str.replace(r"\s+", "", regex=True)
    ok = compact.str.fullmatch(r"\d{4}[A-Z]{2}").fillna(False).astype(bool)
    return pc.astype("string").where(~ok, compact.str[:4] + " " + compact.str[4:])


# --- locations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Points:
    """Points by key (code, PC6, PC4 or place) from one file: lon/lat per key."""

    source: str
    by_key: dict[str, tuple[float, float]]


def _read_bag(path: Path) -> tuple[_Points, _Points, dict[str, str]]:
    """BAG points by code (with their PC6) and the mean point per PC6, from one file."""
    problems = ProblemCollector(file=str(path))
    try:
        gdf = gpd.read_file(path)
    except (pyogrio.errors.DataSourceError, ValueError, OSError) as exc:
        raise InputDataError(
            Problem(f"the point file cannot be read: {exc}", fix="check the file", file=str(path))
        ) from None
    if gdf.crs is None:
        problems.add("the point file has no CRS", fix="save it with its CRS (EPSG:4326)")
    code_col = _column(gdf, ("vestigingscode", "VESTIGINGSNUMMER", "code"), problems, "code")
    pc_col = _column(gdf, ("postcode",), problems, "postcode")
    problems.raise_if_any()
    assert code_col is not None and pc_col is not None
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    gdf = gdf[gdf.geom_type == "Point"].to_crs(CRS_WGS84)
    frame = pd.DataFrame(
        {
            "code": gdf[code_col].astype("string").str.strip().str.upper().to_numpy(),
            "pc6": gdf[pc_col].astype("string").str.replace(r"\s+", "", regex=True).str.upper(),
            "lon": gdf.geometry.x.to_numpy(),
            "lat": gdf.geometry.y.to_numpy(),
        }
    )
    frame = frame.dropna(subset=["code"]).drop_duplicates("code", keep="first")
    by_code = {
        str(c): (float(lo), float(la))
        for c, lo, la in zip(frame["code"], frame["lon"], frame["lat"], strict=True)
    }
    pc6_of = {
        str(c): str(p) for c, p in zip(frame["code"], frame["pc6"], strict=True) if pd.notna(p)
    }
    means = frame.dropna(subset=["pc6"]).groupby("pc6", sort=True)[["lon", "lat"]].mean()
    by_pc6 = {
        str(k): (float(lo), float(la))
        for k, lo, la in zip(means.index, means["lon"], means["lat"], strict=True)
    }
    stem = path.stem
    return _Points(stem, by_code), _Points(stem, by_pc6), pc6_of


def _read_centroids(path: Path, key: str) -> _Points:
    problems = ProblemCollector(file=str(path))
    df = read_table(path)
    key_col = _column(df, (key,), problems, key)
    lat_col = _column(df, ("lat", "latitude"), problems, "lat")
    lon_col = _column(df, ("lon", "lng", "longitude"), problems, "lon")
    problems.raise_if_any()
    assert key_col is not None and lat_col is not None and lon_col is not None
    keys = df[key_col].astype("string")
    keys = keys.str.zfill(4) if key == "pc4" else keys.map(_norm_place, na_action="ignore")
    lon = pd.to_numeric(df[lon_col], errors="coerce")
    lat = pd.to_numeric(df[lat_col], errors="coerce")
    by_key: dict[str, tuple[float, float]] = {}
    for k, lo, la in zip(keys, lon, lat, strict=True):
        if pd.notna(k) and pd.notna(lo) and pd.notna(la) and str(k) not in by_key:
            by_key[str(k)] = (float(lo), float(la))
    return _Points(path.stem, by_key)


def _locate(
    table: pd.DataFrame, files: RawFiles
) -> tuple[pd.DataFrame, list[IngestWarning], list[Problem]]:
    """lon, lat, geo_precision, geo_source per row of ``table`` (first hit of the cascade)."""
    bag = [_read_bag(p) for p in files.bag]
    pc4 = _read_centroids(files.pc4, "pc4") if files.pc4 else None
    places = _read_centroids(files.places, "plaats") if files.places else None
    out: list[tuple[float, float, str, str]] = []
    warnings: list[IngestWarning] = []
    problems: list[Problem] = []
    for code, postcode, place, gemeente in zip(
        table["code"], table["postcode"], table["place"], table["gemeente"], strict=True
    ):
        pc6 = "" if pd.isna(postcode) else str(postcode).replace(" ", "").upper()
        hit: tuple[float, float, str, str] | None = None
        if re.fullmatch(r"\d{4}[A-Z]{2}", pc6):
            for by_code, _, pc6_of in bag:
                if code in by_code.by_key and pc6_of.get(code) == pc6:
                    hit = (*by_code.by_key[code], "address", by_code.source)
                    break
            if hit is None:
                moved = [(s.source, pc6_of[code]) for s, _, pc6_of in bag if code in pc6_of]
                if moved:
                    warnings.append(
                        IngestWarning(
                            "moved",
                            code,
                            f"the BAG point of {code} in {moved[0][0]} has postcode "
                            f"{moved[0][1]}, the address file {postcode}: not used",
                        )
                    )
                for _, by_pc6, _ in bag:
                    if pc6 in by_pc6.by_key:
                        hit = (*by_pc6.by_key[pc6], "pc6", by_pc6.source)
                        break
        if hit is None and pc4 is not None and pc6[:4] in pc4.by_key:
            hit = (*pc4.by_key[pc6[:4]], "pc4", pc4.source)
        if hit is None and places is not None:
            for name in (place, gemeente):
                if pd.notna(name) and _norm_place(name) in places.by_key:
                    hit = (*places.by_key[_norm_place(name)], "place", places.source)
                    break
        if hit is None:
            problems.append(
                Problem(
                    f"vestiging {code} cannot be located: no BAG point, postcode or place "
                    "centroid matches",
                    fix="add its place to the place-centroid table, or its point to a BAG file",
                    file=str(files.addresses),
                    column="POSTCODE / PLAATSNAAM",
                    value=f"{postcode} {place}",
                )
            )
            out.append((np.nan, np.nan, "", ""))
            continue
        if hit[2] != "address":
            warnings.append(
                IngestWarning(
                    "imprecise_location",
                    code,
                    f"{code} located by {hit[2]} ({hit[3]}), not on its own address",
                )
            )
        out.append(hit)
    located = pd.DataFrame(out, columns=["lon", "lat", "geo_precision", "geo_source"])
    return located, warnings, problems


# --- the table ---------------------------------------------------------------------------------


def _aggregate(rows: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Count columns per code from the per-row frame; suppressed columns per code."""
    codes = sorted(set(rows["code"].dropna()))
    counts = pd.DataFrame(0, index=pd.Index(codes, name="code"), columns=list(COUNT_COLUMNS))
    vmbo = rows[rows["kind"] == "vmbo"]
    for lj in (3, 4):
        totals = vmbo.groupby(["code", "leerweg"])[f"lj{lj}"].sum().unstack(fill_value=0)
        for lw in ("bb", "kb", "gl", "tl"):
            if lw in totals.columns:
                counts.loc[totals.index, f"{lw}_lj{lj}"] = totals[lw].to_numpy()
        tech = vmbo[vmbo["profile"].notna() & vmbo["leerweg"].isin(LEERWEGEN)]
        cells = tech.groupby(["code", "profile", "leerweg"])[f"lj{lj}"].sum()
        for (code, profile, lw), n in cells.items():
            counts.loc[code, cell_column(str(profile), str(lw), lj)] += int(n)
    pro = rows[rows["kind"] == "pro"].groupby("code")["all_years"].sum()
    counts.loc[pro.index, "pro_pupils"] = pro.to_numpy()
    counts["technical_lj3"] = counts[[c for c in TECHNICAL_CELL_COLUMNS if c.endswith("3")]].sum(
        axis=1
    )
    counts["technical_lj4"] = counts[[c for c in TECHNICAL_CELL_COLUMNS if c.endswith("4")]].sum(
        axis=1
    )
    # suppressed cells: which columns they would have added to
    suppressed: dict[str, set[str]] = {}
    n_supp: Counter[str] = Counter()
    with_supp = rows[rows["supp_all"] > 0]
    for r in with_supp.itertuples(index=False):
        cols = suppressed.setdefault(str(r.code), set())
        if r.kind == "pro":
            cols.add("pro_pupils")
            n_supp[str(r.code)] += int(r.supp_all)
            continue
        for lj, n in ((3, int(r.supp3)), (4, int(r.supp4))):
            if not n:
                continue
            n_supp[str(r.code)] += n
            cols.add(f"{r.leerweg}_lj{lj}")
            if isinstance(r.profile, str) and r.leerweg in LEERWEGEN:
                cols.add(cell_column(r.profile, str(r.leerweg), lj))
                cols.add(f"technical_lj{lj}")
    for code, n in n_supp.items():
        counts.loc[code, "n_suppressed"] = n
    order = {c: i for i, c in enumerate(COUNT_COLUMNS)}
    joined = {
        code: ";".join(sorted(cols, key=order.__getitem__)) for code, cols in suppressed.items()
    }
    return counts.astype("int64"), joined


def _present(counts: pd.DataFrame, suppressed: pd.Series, columns: Sequence[str]) -> pd.Series:
    """True where any of ``columns`` has pupils (a count > 0 or a suppressed "<5")."""
    has = counts[list(columns)].sum(axis=1) > 0
    pattern = "|".join(rf"(?:^|;){re.escape(c)}(?:;|$)" for c in columns)
    return has | suppressed.fillna("").str.contains(pattern, regex=True)


def _transformer() -> Transformer:
    return Transformer.from_crs(CRS_WGS84, CRS, always_xy=True)


def ingest_duo(source: str | Path | Sequence[str | Path] | RawFiles | None = None) -> IngestResult:
    """Build the schools table from DUO's raw files.

    One row per vestiging with vmbo pupils in leerjaar 3 or 4 (``kind`` "vmbo")
    or with praktijkonderwijs pupils only (``kind`` "pro"). A vmbo vestiging
    that also teaches praktijkonderwijs keeps kind "vmbo" with ``pro_pupils``
    filled. Counts: pupils in lj3/lj4 of the five technical profiles per
    leerweg (BB/KB/GL), all pupils per leerweg (BB/KB/GL/TL, every profile and
    LWOO included; the techniekarm denominator), praktijkonderwijs pupils over
    all years. The technique routes ("Vakmanschapsroute/Beroepsroute Techniek")
    are not one of the five profiles and count only in the leerweg totals.

    Parameters
    ----------
    source
        A folder of raw files, a list of files (roles recognised from their
        headers), a :class:`RawFiles`, or ``None`` for the bundled ``data/raw``.

    Returns
    -------
    IngestResult
        ``schools`` (EPSG:28992, sorted by code), ``warnings``,
        ``input_totals``; write the table with
        :func:`regionkit.schools.write_schools`.

    Raises
    ------
    InputDataError
        Listing every problem: missing files or columns, malformed codes,
        counts that are not whole numbers, duplicated address rows, vestigingen
        that no point file can locate.

    Examples
    --------
    >>> result = ingest_duo()
    >>> schools = result.schools
    >>> int((schools["kind"] == "vmbo").sum()), int(schools["has_technical_profile"].sum())
    (925, 276)
    >>> int(schools["technical_lj3"].sum()), int(schools["technical_lj4"].sum())
    (11509, 11404)
    >>> result.warning_counts()["closed"]
    8
    """
    files = source if isinstance(source, RawFiles) else find_raw_files(source)
    rows, warnings = _counts_frame(files.counts)
    addresses = _addresses_frame(files.addresses)

    # which vestigingen the table holds: pupils (or a "<5") in vmbo lj3/4, else in pro
    pupils = rows["lj3"] + rows["lj4"] + rows["supp3"] + rows["supp4"]
    pupils = pupils.where(rows["kind"] == "vmbo", rows["all_years"] + rows["supp_all"])
    with_pupils = rows[pupils > 0]
    vmbo_codes = set(with_pupils.loc[with_pupils["kind"] == "vmbo", "code"])
    pro_codes = set(with_pupils.loc[with_pupils["kind"] == "pro", "code"]) - vmbo_codes
    keep_codes = sorted(vmbo_codes | pro_codes)
    if not keep_codes:
        raise InputDataError(
            Problem(
                "no vestiging has vmbo pupils in leerjaar 3/4 or praktijkonderwijs pupils",
                fix="check that this is DUO's 'Leerlingen vo per vestiging naar onderwijstype' "
                "with rows such as 'VMBO BL lj 3-4'",
                file=str(files.counts),
            )
        )
    rows = rows[rows["code"].isin(keep_codes)]
    counts, suppressed = _aggregate(rows)

    table = pd.DataFrame({"code": keep_codes})
    table["brin"] = table["code"].str[:4]
    table["branch"] = table["code"].str[4:]
    meta = rows.groupby("code", sort=True)[["meta_name", "meta_place", "meta_province"]].first()
    addr = addresses.reindex(keep_codes)
    table["in_address_file"] = table["code"].isin(addresses.index).to_numpy()
    for col in (c for c in IDENTITY_COLUMNS if c in addresses.columns):
        table[col] = addr[col].to_numpy()
    closed = ~table["in_address_file"]
    # closed vestigingen: name, place and province from the count file (also any blank name)
    for col in ("name", "place", "province"):
        fill = meta[f"meta_{col}"].reindex(keep_codes).astype("string").to_numpy()
        table[col] = table[col].astype("string").where(~closed, fill)
    table["name"] = table["name"].fillna(
        pd.Series(meta["meta_name"].reindex(keep_codes).to_numpy(), dtype="string")
    )
    warnings += _fill_provinces(table, files.gemeenten)
    table["kind"] = np.where(table["code"].isin(vmbo_codes), "vmbo", "pro")

    counts = counts.reindex(keep_codes)
    supp = pd.Series([suppressed.get(c, pd.NA) for c in keep_codes], dtype="string")
    counts_r = counts.reset_index(drop=True)
    vmbo = (table["kind"] == "vmbo").to_numpy()
    table["leerwegen"] = _joined_present(
        counts_r, supp, {lw.upper(): [f"{lw}_lj3", f"{lw}_lj4"] for lw in ("bb", "kb", "gl", "tl")}
    ).where(vmbo, pd.NA)
    table["profiles"] = _joined_present(
        counts_r,
        supp,
        {
            p.upper(): [cell_column(p, lw, lj) for lw in LEERWEGEN for lj in (3, 4)]
            for p in TECHNICAL_PROFILES
        },
    ).where(vmbo, pd.NA)
    table["has_technical_profile"] = table["profiles"].notna().to_numpy()
    table["suppressed_columns"] = supp

    # locations
    located, loc_warnings, loc_problems = _locate(table, files)
    if loc_problems:
        raise InputDataError(loc_problems, f"{len(loc_problems)} vestigingen cannot be located")
    warnings += loc_warnings
    x, y = _transformer().transform(located["lon"].to_numpy(), located["lat"].to_numpy())
    table["x"] = np.round(x, 1)
    table["y"] = np.round(y, 1)
    table["lon"] = located["lon"].round(6).to_numpy()
    table["lat"] = located["lat"].round(6).to_numpy()
    table["geo_precision"] = located["geo_precision"].to_numpy()
    table["geo_source"] = located["geo_source"].to_numpy()

    warnings += _presence_warnings(table, addresses, keep_codes, supp)
    for col in COUNT_COLUMNS:
        table[col] = counts_r[col].to_numpy()
    text_cols = [
        c
        for c in IDENTITY_COLUMNS
        if c not in ("x", "y", "lon", "lat", "has_technical_profile", "in_address_file")
    ]
    table[text_cols] = table[text_cols].astype("string")
    table = table[list(IDENTITY_COLUMNS) + list(COUNT_COLUMNS)]
    schools = gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["x"], table["y"]), crs=CRS)

    input_totals = {
        "vmbo_lj3": int(rows.loc[rows["kind"] == "vmbo", "lj3"].sum()),
        "vmbo_lj4": int(rows.loc[rows["kind"] == "vmbo", "lj4"].sum()),
        "technical_lj3": int(
            rows.loc[rows["profile"].notna() & rows["leerweg"].isin(LEERWEGEN), "lj3"].sum()
        ),
        "technical_lj4": int(
            rows.loc[rows["profile"].notna() & rows["leerweg"].isin(LEERWEGEN), "lj4"].sum()
        ),
        "pro": int(rows.loc[rows["kind"] == "pro", "all_years"].sum()),
        "suppressed_cells": int(
            rows.loc[rows["kind"] == "vmbo", ["supp3", "supp4"]].to_numpy().sum()
            + rows.loc[rows["kind"] == "pro", "supp_all"].sum()
        ),
    }
    warnings.sort(key=lambda w: (w.kind, w.code or "", w.message))
    result = IngestResult(schools, tuple(warnings), files, input_totals)
    for kind, n in result.warning_counts().items():
        log.info("ingest: %d warning%s of kind %r", n, "" if n == 1 else "s", kind)
    log.info(
        "ingest: %d schools (%s) from %s and %s",
        len(schools),
        ", ".join(f"{v} {k}" for k, v in schools["kind"].value_counts().sort_index().items()),
        files.counts.name,
        files.addresses.name,
    )
    return result


def _joined_present(
    counts: pd.DataFrame, suppressed: pd.Series, groups: dict[str, list[str]]
) -> pd.Series:
    """``"A;B"`` of the group names with pupils; NA where none has."""
    flags = pd.DataFrame(
        {name: _present(counts, suppressed, cols) for name, cols in groups.items()}
    )
    joined = flags.apply(lambda r: ";".join(n for n in groups if r[n]), axis=1)
    return joined.astype("string").replace("", pd.NA)


def _fill_provinces(table: pd.DataFrame, gemeenten: Path | None) -> list[IngestWarning]:
    """Fill a missing province from the gemeente -> province table."""
    missing = table["province"].isna() & table["gemeente_code"].notna()
    if not missing.any() or gemeenten is None:
        return []
    gm = read_table(gemeenten)
    code_col = _column(gm, ("gm_code", "statcode", "gemeentecode"), None, "gm_code")
    prov_col = _column(gm, ("provincie", "province"), None, "provincie")
    if code_col is None or prov_col is None:
        return []
    lookup = dict(zip(gm[code_col].str.upper(), gm[prov_col], strict=True))
    warnings = []
    for i in np.flatnonzero(missing.to_numpy()):
        code = table["code"].iloc[i]
        found = lookup.get(f"GM{table['gemeente_code'].iloc[i]}")
        if found is not None:
            table.loc[table.index[i], "province"] = found
            warnings.append(
                IngestWarning(
                    "province", code, f"{code}: province {found} taken from the gemeente table"
                )
            )
    return warnings


def _presence_warnings(
    table: pd.DataFrame, addresses: pd.DataFrame, keep_codes: list[str], suppressed: pd.Series
) -> list[IngestWarning]:
    """Vestigingen in one file and not in the other; suppressed counts."""
    warnings = []
    for code, name in zip(table["code"], table["name"], strict=True):
        if code not in addresses.index:
            warnings.append(
                IngestWarning(
                    "closed",
                    code,
                    f"{code} ({name}) has pupils in the count file but is not in the address "
                    "file (closed?): kept, with name/place/province from the count file and "
                    "no divisions",
                )
            )
    structure = addresses["structure"].fillna("").str.upper()
    relevant = structure.str.contains(r"VBO|MAVO|PRO", regex=True)
    kept = set(keep_codes)
    for code in addresses.index[relevant.to_numpy()]:
        if code not in kept:
            warnings.append(
                IngestWarning(
                    "no_pupils",
                    str(code),
                    f"{code} ({addresses.at[code, 'name']}, {addresses.at[code, 'structure']}) is "
                    "in the address file but has no vmbo lj3/4 or pro pupils in the count file: "
                    "not in the table",
                )
            )
    for code, cols in zip(table["code"], suppressed, strict=True):
        if pd.notna(cols):
            warnings.append(
                IngestWarning(
                    "suppressed",
                    code,
                    f"{code}: counts given as '<5' counted as 0 in {cols}",
                )
            )
    return warnings
