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
from regionkit._messages import text
from regionkit._places import PROVINCE_SUFFIX
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
    vso
        BAG-geocoded points of the (v)so vestigingen (GeoJSON/GeoPackage with a
        ``type`` of ``(V)SO`` or ``VSO`` on every point); they join the table
        as kind ``vso``.
    year
        The data year of the count file (1 October of that year), read from
        its name as DUO names it (``...-2017-2018.csv`` is the count of
        1 October 2017); ``None`` when the name gives none.
    """

    addresses: Path
    counts: Path
    bag: tuple[Path, ...] = ()
    pc4: Path | None = None
    places: Path | None = None
    gemeenten: Path | None = None
    vso: Path | None = None
    year: int | None = None

    def as_dict(self) -> dict[str, object]:
        """The file names by role (for reports and ``run.json``)."""
        return {
            "year": self.year,
            "addresses": self.addresses.name,
            "counts": self.counts.name,
            "vso": self.vso.name if self.vso else None,
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


_VSO_TYPES = re.compile(r"\(V\)SO|VSO|SO/VSO|V\.?S\.?O\.?", re.IGNORECASE)


def _geo_role(path: Path) -> str:
    """``"vso"`` for a file of (v)so vestigingen (every ``type`` a (V)SO type), else ``"bag"``."""
    try:
        if "type" not in list(pyogrio.read_info(path)["fields"]):
            return "bag"
        types = pyogrio.read_dataframe(path, columns=["type"], read_geometry=False)["type"]
    except (pyogrio.errors.DataSourceError, ValueError, OSError):
        return "bag"  # reading it as BAG points reports what is wrong with it
    types = types.dropna().astype(str).str.strip()
    if len(types) and types.str.fullmatch(_VSO_TYPES).all():
        return "vso"
    return "bag"


def _role(path: Path) -> str | None:
    """The role of one raw file, from its header or its attributes (never from its name)."""
    suffix = path.suffix.lower()
    if suffix in _GEO_SUFFIXES:
        return _geo_role(path)
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


_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def _file_year(path: Path) -> int | None:
    """The data year DUO's name of a count file gives (the first year in it), or None."""
    m = _YEAR_IN_NAME.search(path.stem)
    return int(m.group(1)) if m else None


def _pick_counts(found: list[Path], year: int | None, problems: ProblemCollector) -> Path | None:
    """The count file of ``year`` (default: the latest) among several."""
    lang = problems.language
    years = {p: _file_year(p) for p in found}
    no_year = text(lang, "ingest.no_year")
    listed = ", ".join(f"{p.name} ({years[p] or no_year})" for p in found)
    if year is None:
        if len(found) == 1:
            return found[0]
        dated = [p for p in found if years[p] is not None]
        latest = max((y for y in years.values() if y is not None), default=None)
        chosen = [p for p in dated if years[p] == latest]
        if len(chosen) == 1:
            log.info("ingest: %d count files; using the latest, %s", len(found), chosen[0].name)
            return chosen[0]
    else:
        chosen = [p for p in found if years[p] == year]
        if len(chosen) == 1:
            return chosen[0]
        if not chosen and len(found) == 1 and years[found[0]] is None:
            return found[0]  # the name gives no year: the user says which it is
    message = text(lang, "ingest.counts_many", n=len(found), files=listed)
    if year is not None and not chosen:
        message = text(lang, "ingest.counts_year", year=year, files=listed)
    fix = text(lang, "ingest.counts_fix")
    problems.problems.append(Problem(message, fix=fix, file=str(found[0].parent), language=lang))
    return None


def find_raw_files(
    paths: str | Path | Iterable[str | Path] | None = None,
    *,
    year: int | None = None,
    language: str = "nl",
) -> RawFiles:
    """Find the raw files by role in a folder or a list of files.

    A file's role comes from its header, so next year's files work under
    DUO's own names. In a folder, files of no known role are skipped (logged);
    BAG point files are tried in name order. Several count files (one per
    year) may lie side by side: ``year`` chooses one by the year in its name,
    by default the latest.

    Parameters
    ----------
    paths
        A folder, a file, or several; ``None`` for the bundled ``data/raw``.
    year
        The data year of the count file to use; ``None`` for the latest.
    language
        ``"nl"`` or ``"en"``: the language of the problems.

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
    >>> files.counts.name, files.year
    ('duo_vo_leerlingen_per_vestiging_onderwijstype_2019.csv', 2019)
    >>> find_raw_files(year=2017).counts.name
    'duo_vo_leerlingen_per_vestiging_onderwijstype_2017.csv'
    >>> [p.name[-12:] for p in files.bag], files.vso.name[:15]
    (['2022.geojson', '2024.geojson'], 'vso_vestigingen')
    """
    if paths is None:
        from regionkit.schools import bundled_data_dir

        paths = bundled_data_dir() / "raw"
    items = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    lang = language
    problems = ProblemCollector(language=lang)
    candidates: list[tuple[Path, bool]] = []  # (file, named explicitly)
    for item in items:
        if item.is_dir():
            candidates.extend((p, False) for p in sorted(item.iterdir()) if p.is_file())
        elif item.exists():
            candidates.append((item, True))
        else:
            fix = text(lang, "ingest.no_file_fix")
            problems.problems.append(
                Problem(text(lang, "ingest.no_file"), fix=fix, file=str(item), language=lang)
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
                        text(lang, "ingest.unknown_file"),
                        fix=text(lang, "ingest.unknown_file_fix"),
                        file=str(path),
                        language=lang,
                    )
                )
            else:
                log.info("ingest: skipping %s (not a raw file of a known kind)", path.name)
            continue
        roles.setdefault(role, []).append(path)
    for role in ("addresses", "counts"):
        if role not in roles:
            problems.problems.append(
                Problem(
                    text(lang, f"ingest.missing.{role}"),
                    fix=text(lang, f"ingest.missing.{role}_fix"),
                    file=", ".join(str(i) for i in items),
                    language=lang,
                )
            )
    counts = _pick_counts(roles["counts"], year, problems) if "counts" in roles else None
    for role, found in roles.items():
        if role not in ("bag", "counts") and len(found) > 1:
            files = ", ".join(p.name for p in found)
            problems.problems.append(
                Problem(
                    text(lang, "ingest.role_many", n=len(found), role=role, files=files),
                    fix=text(lang, "ingest.role_many_fix"),
                    file=str(found[0].parent),
                    language=lang,
                )
            )
    problems.raise_if_any(text(lang, "ingest.head"))
    assert counts is not None
    return RawFiles(
        addresses=roles["addresses"][0],
        counts=counts,
        bag=tuple(roles.get("bag", [])),
        pc4=roles.get("pc4", [None])[0],
        places=roles.get("places", [None])[0],
        gemeenten=roles.get("gemeenten", [None])[0],
        vso=roles.get("vso", [None])[0],
        year=year if year is not None and _file_year(counts) is None else _file_year(counts),
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
    sector_col = _column(df, ("VMBO SECTOR", "SECTOR"), None, "VMBO SECTOR")
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
    afdeling = df[afdeling_col].fillna("").str.strip()
    profile = afdeling.str.casefold().map(_PROFILE_OF)
    rows = pd.DataFrame(
        {
            "code": code,
            "kind": np.where(is_pro, "pro", "vmbo"),
            "leerweg": leerweg,
            "profile": profile,
            "technique": _other_technique(df, sector_col, afdeling, profile),
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


def _other_technique(
    df: pd.DataFrame, sector_col: str | None, afdeling: pd.Series, profile: pd.Series
) -> pd.Series:
    """Per row: the name of a sector-Techniek programme outside the five profiles, else NA.

    Such programmes (Vakmanschapsroute Techniek, Beroepsroute Techniek, and in
    older years the old afdelingen such as Bouwtechniek or Techniek Breed) show
    that a vestiging teaches technique. A TL row of sector Techniek without a
    programme (AFDELING "N.v.t.") is the sector of a TL exam package, not a
    technique programme, and does not count.
    """
    if sector_col is None:
        return pd.Series(pd.NA, index=df.index, dtype="string")
    techniek = df[sector_col].fillna("").str.strip().str.casefold().eq("techniek")
    named = ~afdeling.str.casefold().isin(["", "n.v.t.", "nvt", "n.v.t"])
    return afdeling.astype("string").where(techniek & named & profile.isna(), pd.NA)


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


def _point_file(path: Path, problems: ProblemCollector) -> tuple[gpd.GeoDataFrame, str | None]:
    """A point file (GeoJSON) and its code column; a missing CRS or code column is a problem."""
    try:
        gdf = gpd.read_file(path)
    except (pyogrio.errors.DataSourceError, ValueError, OSError) as exc:
        raise InputDataError(
            Problem(f"the point file cannot be read: {exc}", fix="check the file", file=str(path))
        ) from None
    if gdf.crs is None:
        problems.add("the point file has no CRS", fix="save it with its CRS (EPSG:4326)")
    return gdf, _column(gdf, ("vestigingscode", "VESTIGINGSNUMMER", "code"), problems, "code")


def _read_bag(path: Path) -> tuple[_Points, _Points, dict[str, str]]:
    """BAG points by code (with their PC6) and the mean point per PC6, from one file."""
    problems = ProblemCollector(file=str(path))
    gdf, code_col = _point_file(path, problems)
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


_Hit = tuple[float, float, str, str]  # lon, lat, geo_precision, geo_source


def _place_keys(name: object) -> list[str]:
    """Keys to look a place up by: as written, then without DUO's province suffix.

    Examples
    --------
    >>> _place_keys("HENGELO OV"), _place_keys("Bergen (NH)"), _place_keys("Enschede")
    (['hengelo ov', 'hengelo'], ['bergen nh', 'bergen'], ['enschede'])
    """
    if name is None or pd.isna(name):
        return []
    keys = [_norm_place(name)]
    m = PROVINCE_SUFFIX.match(str(name).strip())
    if m:
        keys.append(_norm_place(m.group(1)))
    return keys


@dataclass(frozen=True)
class _Locator:
    """The point files of an ingestion, read once."""

    bag: list[tuple[_Points, _Points, dict[str, str]]]
    pc4: _Points | None
    places: _Points | None

    @classmethod
    def read(cls, files: RawFiles) -> _Locator:
        return cls(
            bag=[_read_bag(p) for p in files.bag],
            pc4=_read_centroids(files.pc4, "pc4") if files.pc4 else None,
            places=_read_centroids(files.places, "plaats") if files.places else None,
        )

    def by_postcode(
        self, code: str, postcode: object, warnings: list[IngestWarning]
    ) -> _Hit | None:
        """Its own BAG point (same code and PC6), another school's at its PC6, its PC4 centroid."""
        pc6 = "" if pd.isna(postcode) else str(postcode).replace(" ", "").upper()
        if not re.fullmatch(r"\d{4}[A-Z]{2}", pc6):
            return None
        for by_code, _, pc6_of in self.bag:
            if code in by_code.by_key and pc6_of.get(code) == pc6:
                return (*by_code.by_key[code], "address", by_code.source)
        moved = [(s.source, pc6_of[code]) for s, _, pc6_of in self.bag if code in pc6_of]
        if moved:
            warnings.append(
                IngestWarning(
                    "moved",
                    code,
                    f"the BAG point of {code} in {moved[0][0]} has postcode "
                    f"{moved[0][1]}, the address file {postcode}: not used",
                )
            )
        for _, by_pc6, _ in self.bag:
            if pc6 in by_pc6.by_key:
                return (*by_pc6.by_key[pc6], "pc6", by_pc6.source)
        if self.pc4 is not None and pc6[:4] in self.pc4.by_key:
            return (*self.pc4.by_key[pc6[:4]], "pc4", self.pc4.source)
        return None

    def by_place(self, *names: object) -> _Hit | None:
        """The centroid of the first of ``names`` (place, gemeente) the place table knows."""
        if self.places is None:
            return None
        for name in names:
            for key in _place_keys(name):
                if key in self.places.by_key:
                    return (*self.places.by_key[key], "place", self.places.source)
        return None


def _by_sibling(
    code: str, place: object, located: dict[str, tuple[_Hit, object]], *, same_place: bool
) -> _Hit | None:
    """The point of another located vestiging of the same BRIN (in the same place, if asked)."""
    keys = set(_place_keys(place)[-1:])
    for other in sorted(located):
        if other == code or other[:4] != code[:4]:
            continue
        hit, other_place = located[other]
        if same_place and not keys & set(_place_keys(other_place)[-1:]):
            continue
        if same_place:
            return (hit[0], hit[1], "place", f"at {other}, same BRIN and place")
        return (hit[0], hit[1], "brin", f"at {other}, same BRIN")
    return None


def _locate(table: pd.DataFrame, files: RawFiles) -> tuple[pd.DataFrame, list[IngestWarning]]:
    """lon, lat, geo_precision, geo_source per row of ``table`` (first hit of the cascade).

    An open vestiging: its BAG point, another school's at its PC6, its PC4
    centroid, its place's centroid. A closed one (not in the address file, so
    only its place is known, from the count file): another vestiging of its
    BRIN in the same place, its place's centroid (a province suffix such as
    "HENGELO OV" read as the place). Then, for either: another vestiging of
    its BRIN anywhere (precision ``brin``). A vestiging none of these locates
    gets NaN and an ``not_located`` warning naming the file its place came from.
    """
    locator = _Locator.read(files)
    warnings: list[IngestWarning] = []
    hits: list[_Hit | None] = []
    rows = list(
        zip(
            table["code"],
            table["postcode"],
            table["place"],
            table["gemeente"],
            table["in_address_file"],
            strict=True,
        )
    )
    for code, postcode, place, gemeente, in_file in rows:
        hit = locator.by_postcode(code, postcode, warnings)
        if hit is None and in_file:
            hit = locator.by_place(place, gemeente)
        hits.append(hit)
    located = {
        code: (hit, place)
        for (code, _, place, _, _), hit in zip(rows, hits, strict=True)
        if hit is not None
    }
    for i, (code, _, place, gemeente, in_file) in enumerate(rows):
        if hits[i] is not None:
            continue
        hit = None if in_file else _by_sibling(code, place, located, same_place=True)
        hit = hit or (None if in_file else locator.by_place(place, gemeente))
        hit = hit or _by_sibling(code, place, located, same_place=False)
        hits[i] = hit
        if hit is None:
            source = files.addresses if in_file else files.counts
            warnings.append(
                IngestWarning(
                    "not_located",
                    code,
                    f"{code} ({table['name'].iloc[i]}, {place}) cannot be located: no BAG point, "
                    f"postcode, place centroid or other vestiging of its BRIN matches its "
                    f"{'address' if in_file else 'place'} in {source.name}; left out of the table "
                    "(add its place to the place-centroid table or its point to a BAG file)",
                )
            )
    for code, hit in zip(table["code"], hits, strict=True):
        if hit is not None and hit[2] != "address":
            warnings.append(
                IngestWarning(
                    "imprecise_location",
                    code,
                    f"{code} located by {hit[2]} ({hit[3]}), not on its own address",
                )
            )
    out = [hit or (np.nan, np.nan, "", "") for hit in hits]
    return pd.DataFrame(out, columns=["lon", "lat", "geo_precision", "geo_source"]), warnings


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
        other = vmbo[vmbo["technique"].notna()].groupby(["code", "leerweg"])[f"lj{lj}"].sum()
        for (code, lw), n in other.items():
            counts.loc[code, f"other_technique_{lw}_lj{lj}"] += int(n)
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
            if isinstance(r.technique, str):
                cols.add(f"other_technique_{r.leerweg}_lj{lj}")
    for code, n in n_supp.items():
        counts.loc[code, "n_suppressed"] = n
    order = {c: i for i, c in enumerate(COUNT_COLUMNS)}
    joined = {
        code: ";".join(sorted(cols, key=order.__getitem__)) for code, cols in suppressed.items()
    }
    return counts.astype("int64"), joined


def _programmes(rows: pd.DataFrame) -> dict[str, str]:
    """Per code: the sector-Techniek programmes outside the profiles with pupils in lj3/4."""
    vmbo = rows[(rows["kind"] == "vmbo") & rows["technique"].notna()]
    pupils = vmbo["lj3"] + vmbo["lj4"] + vmbo["supp3"] + vmbo["supp4"]
    named = vmbo[pupils > 0]
    return {
        str(code): ";".join(sorted(set(group["technique"].astype(str))))
        for code, group in named.groupby("code", sort=True)
    }


def _present(counts: pd.DataFrame, suppressed: pd.Series, columns: Sequence[str]) -> pd.Series:
    """True where any of ``columns`` has pupils (a count > 0 or a suppressed "<5")."""
    has = counts[list(columns)].sum(axis=1) > 0
    pattern = "|".join(rf"(?:^|;){re.escape(c)}(?:;|$)" for c in columns)
    return has | suppressed.fillna("").str.contains(pattern, regex=True)


def _transformer() -> Transformer:
    return Transformer.from_crs(CRS_WGS84, CRS, always_xy=True)


def _kept_codes(rows: pd.DataFrame, files: RawFiles) -> tuple[set[str], list[str]]:
    """The vmbo codes and all codes the table holds: pupils (or a "<5") in vmbo lj3/4, else pro."""
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
    return vmbo_codes, keep_codes


def _identity(
    rows: pd.DataFrame, addresses: pd.DataFrame, keep_codes: list[str], vmbo_codes: set[str]
) -> pd.DataFrame:
    """Code, address, divisions and kind per kept code; a closed one's from the count file."""
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
    table["kind"] = np.where(table["code"].isin(vmbo_codes), "vmbo", "pro")
    return table


def _what_is_taught(
    table: pd.DataFrame, counts: pd.DataFrame, supp: pd.Series, programmes: dict[str, str]
) -> None:
    """Leerwegen, technical profiles and other technique programmes with pupils (vmbo rows)."""
    vmbo = (table["kind"] == "vmbo").to_numpy()
    table["leerwegen"] = _joined_present(
        counts, supp, {lw.upper(): [f"{lw}_lj3", f"{lw}_lj4"] for lw in ("bb", "kb", "gl", "tl")}
    ).where(vmbo, pd.NA)
    table["profiles"] = _joined_present(
        counts,
        supp,
        {
            p.upper(): [cell_column(p, lw, lj) for lw in LEERWEGEN for lj in (3, 4)]
            for p in TECHNICAL_PROFILES
        },
    ).where(vmbo, pd.NA)
    table["has_technical_profile"] = table["profiles"].notna().to_numpy()
    table["technique_programmes"] = pd.Series(
        [programmes.get(c, pd.NA) for c in table["code"]], dtype="string"
    ).where(vmbo, pd.NA)
    table["suppressed_columns"] = supp


def _with_points(table: pd.DataFrame, located: pd.DataFrame) -> pd.DataFrame:
    """The located rows of ``table`` with RD and WGS84 coordinates and their precision."""
    x, y = _transformer().transform(located["lon"].to_numpy(), located["lat"].to_numpy())
    table = table.copy()
    table["x"] = np.round(x, 1)
    table["y"] = np.round(y, 1)
    table["lon"] = located["lon"].round(6).to_numpy()
    table["lat"] = located["lat"].round(6).to_numpy()
    table["geo_precision"] = located["geo_precision"].to_numpy()
    table["geo_source"] = located["geo_source"].to_numpy()
    return table[table["lon"].notna().to_numpy()].reset_index(drop=True)


def _input_totals(rows: pd.DataFrame) -> dict[str, int]:
    """Pupils read from the count file for the rows the table holds (see IngestResult)."""
    vmbo = rows["kind"] == "vmbo"
    technical = rows["profile"].notna() & rows["leerweg"].isin(LEERWEGEN)
    other = vmbo & rows["technique"].notna()
    return {
        "vmbo_lj3": int(rows.loc[vmbo, "lj3"].sum()),
        "vmbo_lj4": int(rows.loc[vmbo, "lj4"].sum()),
        "technical_lj3": int(rows.loc[technical, "lj3"].sum()),
        "technical_lj4": int(rows.loc[technical, "lj4"].sum()),
        "other_technique_lj3": int(rows.loc[other, "lj3"].sum()),
        "other_technique_lj4": int(rows.loc[other, "lj4"].sum()),
        "pro": int(rows.loc[rows["kind"] == "pro", "all_years"].sum()),
        "suppressed_cells": int(
            rows.loc[vmbo, ["supp3", "supp4"]].to_numpy().sum()
            + rows.loc[rows["kind"] == "pro", "supp_all"].sum()
        ),
    }


def _as_table(table: pd.DataFrame) -> gpd.GeoDataFrame:
    """The columns of :mod:`regionkit._schema` in order, typed, sorted by code, as points."""
    text_cols = [
        c
        for c in IDENTITY_COLUMNS
        if c not in ("x", "y", "lon", "lat", "has_technical_profile", "in_address_file")
    ]
    table = table[list(IDENTITY_COLUMNS) + list(COUNT_COLUMNS)].copy()
    table[text_cols] = table[text_cols].astype("string")
    for c in COUNT_COLUMNS:
        table[c] = table[c].astype("int64")
    table["has_technical_profile"] = table["has_technical_profile"].astype(bool)
    table["in_address_file"] = table["in_address_file"].astype(bool)
    table = table.sort_values("code", kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["x"], table["y"]), crs=CRS)


def ingest_duo(
    source: str | Path | Sequence[str | Path] | RawFiles | None = None,
    *,
    year: int | None = None,
    language: str = "nl",
) -> IngestResult:
    """Build the schools table from DUO's raw files.

    One row per vestiging with vmbo pupils in leerjaar 3 or 4 (``kind`` "vmbo")
    or with praktijkonderwijs pupils only (``kind`` "pro"), and, when a point
    file of (v)so vestigingen is among the sources, one row per vso
    vestiging (``kind`` "vso": located and eligible, but without pupil counts,
    because DUO publishes none per vso vestiging). A vmbo vestiging that also
    teaches praktijkonderwijs keeps kind "vmbo" with ``pro_pupils`` filled.
    Counts: pupils in lj3/lj4 of the five technical profiles per leerweg
    (BB/KB/GL), all pupils per leerweg (BB/KB/GL/TL, every profile and LWOO
    included; the techniekarm denominator), pupils in sector-Techniek
    programmes outside the five profiles per leerweg (the technique routes
    "Vakmanschapsroute/Beroepsroute Techniek", and in files before 2019 the old
    afdelingen such as Bouwtechniek: ``other_technique_*``, named in
    ``technique_programmes``), praktijkonderwijs pupils over all years.

    Older files work too: DUO's 2017 layout (an extra LWOO INDICATIE column,
    place names with a province suffix such as "HENGELO OV"), and vestigingen
    that closed before the address file was published, located by another
    vestiging of their BRIN or by their place. A vestiging that truly cannot
    be located is left out with a ``not_located`` warning naming it.

    Parameters
    ----------
    source
        A folder of raw files, a list of files (roles recognised from their
        headers), a :class:`RawFiles`, or ``None`` for the bundled ``data/raw``.
    year
        With several count files among the sources: the data year of the one
        to use (see :func:`find_raw_files`); ``None`` for the latest.
    language
        ``"nl"`` or ``"en"``: the language of the problems with the files found.

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
        counts that are not whole numbers, duplicated address rows.

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
    >>> int((schools["kind"] == "vso").sum()) > 500
    True
    """
    if isinstance(source, RawFiles):
        files = source
    else:
        files = find_raw_files(source, year=year, language=language)
    rows, warnings = _counts_frame(files.counts)
    addresses = _addresses_frame(files.addresses)
    vmbo_codes, keep_codes = _kept_codes(rows, files)
    rows = rows[rows["code"].isin(keep_codes)]
    counts, suppressed = _aggregate(rows)
    table = _identity(rows, addresses, keep_codes, vmbo_codes)
    warnings += _fill_provinces(table, files.gemeenten)
    counts = counts.reindex(keep_codes).reset_index(drop=True)
    supp = pd.Series([suppressed.get(c, pd.NA) for c in keep_codes], dtype="string")
    _what_is_taught(table, counts, supp, _programmes(rows))
    for col in COUNT_COLUMNS:
        table[col] = counts[col].to_numpy()
    located, loc_warnings = _locate(table, files)
    warnings += loc_warnings
    warnings += _presence_warnings(table, addresses, keep_codes, supp)
    table = _with_points(table, located)
    rows = rows[rows["code"].isin(set(table["code"]))]
    if files.vso is not None:
        vso, vso_warnings = _vso_rows(files.vso, addresses, table, files.gemeenten)
        table = pd.concat([table, vso], ignore_index=True)
        warnings += vso_warnings
    schools = _as_table(table)
    warnings.sort(key=lambda w: (w.kind, w.code or "", w.message))
    result = IngestResult(schools, tuple(warnings), files, _input_totals(rows))
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


# --- vso vestigingen ----------------------------------------------------------------------------


def _vso_points(path: Path) -> tuple[pd.DataFrame, list[IngestWarning]]:
    """The (v)so point file as one row per code (several BAG matches: their mean point)."""
    problems = ProblemCollector(file=str(path))
    gdf, code_col = _point_file(path, problems)
    problems.raise_if_any()
    assert code_col is not None
    gdf = gdf.to_crs(CRS_WGS84)
    frame = pd.DataFrame(
        {k: gdf[k].astype("string").str.strip() if k in gdf.columns else pd.NA for k in _VSO_FIELDS}
    )
    frame["code"] = gdf[code_col].astype("string").str.strip().str.upper()
    frame["lon"] = gdf.geometry.x.to_numpy()
    frame["lat"] = gdf.geometry.y.to_numpy()
    frame["row"] = np.arange(len(frame)) + 1
    for i in np.flatnonzero(~frame["code"].fillna("").str.fullmatch(r"[0-9A-Z]{4}\d{2}")):
        problems.add(
            "not a vestiging code (BRIN + 2 digits)",
            row=int(frame["row"].iloc[i]),
            column=code_col,
            value=frame["code"].iloc[i],
            fix="give every point its 6-character vestigingscode",
        )
    for i in np.flatnonzero(frame[["lon", "lat"]].isna().any(axis=1).to_numpy()):
        problems.add("the point has no location", row=int(frame["row"].iloc[i]), fix="add it")
    problems.raise_if_any(f"{len(problems)} problem(s) in the vso point file {path.name}")
    warnings = []
    n = frame.groupby("code")["row"].size()
    for code, k in n[n > 1].items():
        warnings.append(
            IngestWarning(
                "duplicate_points",
                str(code),
                f"{code} has {k} points in {path.name} (several BAG matches of one address): "
                "their mean point is used",
            )
        )
    first = frame.groupby("code", sort=True).first()
    first[["lon", "lat"]] = frame.groupby("code", sort=True)[["lon", "lat"]].mean()
    return first.reset_index(), warnings


_VSO_FIELDS = (
    "naam",
    "type",
    "denominatie",
    "straat",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "postcode",
    "plaats",
    "gemeente",
    "provincie",
)
_DIVISION_COLUMNS = tuple(f"{k}_{part}" for k in _DIVISION_SOURCES for part in ("code", "name"))


def _gemeente_areas(addresses: pd.DataFrame) -> dict[str, pd.Series]:
    """Per gemeente name (place key): its code, name and official divisions, from the address file.

    DUO's divisions (nodaal gebied, RMC, COROP, onderwijsgebied) are unions of
    gemeenten: every vestiging of a gemeente has the same ones.
    """
    cols = ["gemeente_code", "gemeente", *_DIVISION_COLUMNS]
    known = addresses[addresses["gemeente"].notna()]
    return {
        _norm_place(name): group[cols].iloc[0]
        for name, group in known.sort_index().groupby("gemeente", sort=True)
    }


def _vso_areas(
    points: pd.DataFrame, addresses: pd.DataFrame, table: pd.DataFrame, gemeenten: Path | None
) -> tuple[pd.DataFrame, list[IngestWarning]]:
    """Gemeente and official divisions per vso point: by gemeente name, else the nearest school.

    The address file gives them for every gemeente with a vo school. A gemeente
    without one (or formed after the address file, as Land van Cuijk in 2022)
    takes its code from the gemeente table if that knows the name, and the
    divisions of the nearest vmbo/pro vestiging (a warning names it).
    """
    by_name = _gemeente_areas(addresses)
    codes_2021: dict[str, tuple[str, str]] = {}
    if gemeenten is not None:
        gm = read_table(gemeenten)
        code_col = _column(gm, ("gm_code", "statcode", "gemeentecode"), None, "gm_code")
        name_col = _column(gm, ("gm_naam", "statnaam", "gemeentenaam"), None, "gm_naam")
        if code_col is not None and name_col is not None:
            codes_2021 = {
                _norm_place(n): (str(c).upper().removeprefix("GM").zfill(4), str(n))
                for c, n in zip(gm[code_col], gm[name_col], strict=True)
                if pd.notna(c) and pd.notna(n)
            }
    x, y = _transformer().transform(points["lon"].to_numpy(), points["lat"].to_numpy())
    table = table[table["nodal_code"].notna().to_numpy()]  # closed schools have no divisions
    tx, ty = table["x"].to_numpy(dtype=float), table["y"].to_numpy(dtype=float)
    cols = ["gemeente_code", "gemeente", *_DIVISION_COLUMNS]
    out, warnings = [], []
    for i, (code, name) in enumerate(zip(points["code"], points["gemeente"], strict=True)):
        key = _norm_place(name) if pd.notna(name) else ""
        if key in by_name:
            out.append(by_name[key].to_numpy())
            continue
        nearest = int(np.argmin((tx - x[i]) ** 2 + (ty - y[i]) ** 2))
        row = table.iloc[nearest]
        gm_code, gm_name = codes_2021.get(key, (row["gemeente_code"], row["gemeente"]))
        out.append(np.array([gm_code, gm_name, *row[list(_DIVISION_COLUMNS)]], dtype=object))
        warnings.append(
            IngestWarning(
                "vso_divisions",
                str(code),
                f"{code}: gemeente {name} has no vo school in the address file; official "
                f"divisions taken from the nearest vestiging, {row['code']} ({row['place']})",
            )
        )
    return pd.DataFrame(out, columns=cols), warnings


def _vso_rows(
    path: Path, addresses: pd.DataFrame, table: pd.DataFrame, gemeenten: Path | None
) -> tuple[pd.DataFrame, list[IngestWarning]]:
    """One row per (v)so vestiging of a point file: kind ``vso``, located, no pupil counts.

    DUO publishes no vso pupil counts per vestiging by leerjaar or
    uitstroomprofiel, so every count column is 0: a vso school can join a
    region (the programme names vso schools with a technical profile) but its
    technical pupils cannot be counted from open data.
    """
    points, warnings = _vso_points(path)
    clash = points["code"].isin(set(table["code"]))
    for code in points.loc[clash, "code"]:
        warnings.append(
            IngestWarning(
                "vso_also_vo",
                str(code),
                f"{code} is in {path.name} and in the vo files: kept as a vo vestiging",
            )
        )
    points = points[~clash].reset_index(drop=True)
    areas, area_warnings = _vso_areas(points, addresses, table, gemeenten)
    number = points["huisnummer"].fillna("") + points["huisletter"].fillna("")
    extra = points["huisnummertoevoeging"].fillna("")
    x, y = _transformer().transform(points["lon"].to_numpy(), points["lat"].to_numpy())
    rows = pd.DataFrame(
        {
            "code": points["code"],
            "brin": points["code"].str[:4],
            "branch": points["code"].str[4:],
            "name": points["naam"],
            "street": points["straat"],
            "house_number": number.where(extra == "", number + "-" + extra).replace("", pd.NA),
            "postcode": _format_postcode(points["postcode"]),
            "place": points["plaats"].str.upper(),  # as DUO's address file writes places
            "province": points["provincie"],
            "kind": "vso",
            "structure": points["type"],
            "denomination": points["denominatie"],
            "in_address_file": True,
            "has_technical_profile": False,
            "x": np.round(x, 1),
            "y": np.round(y, 1),
            "lon": points["lon"].round(6),
            "lat": points["lat"].round(6),
            "geo_precision": "address",
            "geo_source": path.stem,
        }
    )
    for col in areas.columns:
        rows[col] = areas[col].to_numpy()
    for col in ("board", "leerwegen", "profiles", "technique_programmes", "suppressed_columns"):
        rows[col] = pd.NA  # the (v)so file names no school board
    for col in COUNT_COLUMNS:
        rows[col] = 0
    return rows, warnings + area_warnings


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
