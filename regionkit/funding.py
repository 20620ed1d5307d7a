"""Money: counted pupils, maximum subsidy, co-financing, techniekarm and split agreements.

For a set of regions (an assignment) this module computes what the rules of
the 2020-2023 scheme give each region, exactly as ``docs/DOMAIN.md`` states them,
with every number taken from :class:`regionkit.config.FundingConfig`:

- **counted pupils**: pupils in leerjaar 3 and 4 of the leerwegen BB, KB and GL
  in one of the five technical profiles, summed over the region's vmbo and vso
  schools (praktijkonderwijs never counts; a school in no region counts nowhere);
- **maximum subsidy** over the period (``rate_bb_kb_eur`` per BB/KB pupil,
  ``rate_gl_eur`` per GL pupil) and per year;
- **co-financing** business must bring (``cofinancing_share`` of the subsidy);
- the **technical share** and whether the region is **techniekarm**.

Money is computed exactly, in integer euro cents, with the rates read as
decimals (never through binary floating point). Two figures need rounding and
round on the safe side: the yearly maximum is the period's maximum divided by
``period_years`` rounded *down* to the cent (a maximum is never exceeded), the
required co-financing is rounded *up* to the cent (a minimum is never missed).

A region may state a **split agreement**: which share of its money goes to the
technical profiles and which to other technique activities, and how each part
is shared among its schools (pro rata to counted pupils, equal shares, or
explicit amounts). :mod:`regionkit.agreements` reads such agreements and turns
them into amounts per school in cents with largest-remainder (Hamilton)
rounding, so every part and every region adds up to the cent. Without an
agreement no split is invented: the per-school table then shows only an
*indicative* amount, what the school's own counted pupils add to its region's
maximum, clearly labelled as such.

A count DUO suppressed as ``"<5"`` is stored as 0 in the schools table and
listed in its ``suppressed_columns``; here it counts as
``FundingConfig.suppressed_value`` (0 by default: a lower bound), and every
figure that a suppressed count can change also comes with an upper bound
(each suppressed count read as 4).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from regionkit._errors import ConfigError
from regionkit._format import format_cents, format_int, format_pct
from regionkit._io import json_value
from regionkit._messages import text
from regionkit._money import as_decimal, cents_to_eur, largest_remainder
from regionkit._schema import (
    COUNTED_KINDS,
    LEERWEG_TOTAL_COLUMNS,
    LEERWEGEN,
    OTHER_TECHNIQUE_COLUMNS,
    TECHNICAL_CELL_COLUMNS,
    TECHNICAL_PROFILES,
    cell_column,
)
from regionkit._validate import (
    as_proposal,
    check_schools,
    require_known,
    require_single,
)
from regionkit.agreements import Agreement, apply_agreements, empty_split, read_agreements
from regionkit.config import Config, FundingConfig
from regionkit.regions import Regions
from regionkit.schools import counted_pupils
from regionkit.years import CHANGE_COLUMNS, technical_change

__all__ = [
    "FundingResult",
    "NationalTotals",
    "fund",
    "techniekarm_figures",
    "techniekarm_parts",
]

logger = logging.getLogger(__name__)

#: Upper bound of a count DUO suppressed as "<5".
SUPPRESSED_MAX = 4

_DENOMINATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "bb_kb_gl": tuple(c for c in LEERWEG_TOTAL_COLUMNS if not c.startswith("tl_")),
    "bb_kb_gl_tl": LEERWEG_TOTAL_COLUMNS,
}


# --- exact money ---------------------------------------------------------------------------------


def _rate_cents(value: float, key: str) -> int:
    cents = as_decimal(value) * 100
    if cents != cents.to_integral_value():
        raise ConfigError(
            f"funding.{key} = {value!r} is not a whole number of cents; "
            f"write the rate in euros with at most two decimals"
        )
    return int(cents)


@dataclass(frozen=True)
class _Money:
    """Rates and shares of a FundingConfig as exact decimals."""

    rate_bb_kb_cents: int
    rate_gl_cents: int
    gl_weight: Decimal
    cofinancing_share: Decimal
    threshold: Decimal
    period_years: int
    suppressed_value: int

    @classmethod
    def from_config(cls, cfg: FundingConfig) -> _Money:
        if cfg.period_years < 1:
            raise ConfigError(f"funding.period_years = {cfg.period_years} must be at least 1")
        suppressed = as_decimal(cfg.suppressed_value)
        if suppressed != suppressed.to_integral_value() or not 0 <= suppressed <= SUPPRESSED_MAX:
            raise ConfigError(
                f"funding.suppressed_value = {cfg.suppressed_value!r} must be a whole number of "
                f"pupils from 0 to {SUPPRESSED_MAX} (a suppressed count '<5' is 1 to 4 pupils; "
                "0 gives a lower bound)"
            )
        return cls(
            rate_bb_kb_cents=_rate_cents(cfg.rate_bb_kb_eur, "rate_bb_kb_eur"),
            rate_gl_cents=_rate_cents(cfg.rate_gl_eur, "rate_gl_eur"),
            gl_weight=as_decimal(cfg.gl_weight),
            cofinancing_share=as_decimal(cfg.cofinancing_share),
            threshold=as_decimal(cfg.techniekarm_threshold),
            period_years=cfg.period_years,
            suppressed_value=int(suppressed),
        )

    def subsidy_exact(self, bb_kb: float | int, gl: float | int) -> Decimal:
        return self.rate_bb_kb_cents * as_decimal(bb_kb) + self.rate_gl_cents * as_decimal(gl)

    def subsidy_cents(self, bb_kb: float | int, gl: float | int) -> int:
        """Maximum subsidy over the period in cents (exact for whole pupil counts)."""
        return int(self.subsidy_exact(bb_kb, gl).to_integral_value(ROUND_HALF_EVEN))

    def per_year_cents(self, total_cents: int) -> int:
        return total_cents // self.period_years  # down: a maximum is never exceeded

    def cofinancing_cents(self, total_cents: int) -> int:
        return int((total_cents * self.cofinancing_share).to_integral_value(ROUND_CEILING))

    def is_techniekarm(self, numerator: float, denominator: float) -> bool:
        return denominator > 0 and as_decimal(numerator) < self.threshold * as_decimal(denominator)


def _subsidy_weight(money: _Money, bb_kb: float, gl: float) -> int | Fraction:
    """A school's maximum subsidy in cents as a weight: a whole number for whole pupils."""
    if float(bb_kb).is_integer() and float(gl).is_integer():
        return int(bb_kb) * money.rate_bb_kb_cents + int(gl) * money.rate_gl_cents
    return Fraction(money.subsidy_exact(bb_kb, gl))


# --- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NationalTotals:
    """Totals over a set of schools: the regions, or the whole table.

    Money is held in integer cents (``*_cents``); the ``*_eur`` properties give
    the same amounts in euros. Every figure belongs to the count of
    ``count_date`` (data year ``data_year``).

    Attributes
    ----------
    scope
        ``"regions"`` (sum over the regions) or ``"all schools"`` (every vmbo
        and vso school of the table, those in no region included).
    counted_pupils_bb_kb, counted_pupils_gl
        Counted pupils (technical profiles, leerjaar 3+4) in BB/KB and in GL.
    bb_kb_equivalent
        ``counted_pupils_bb_kb + gl_weight * counted_pupils_gl``.
    technical_pupils, techniekarm_denominator, technical_share
        The techniekarm numerator, denominator and their ratio (NaN for 0/0).
    max_subsidy_4y_cents, max_subsidy_year_cents, cofinancing_cents
        The money. One rule for every line, a region or a total: the yearly
        average is the maximum over the period divided by its years, rounded
        down to the cent, and co-financing its share of the maximum, rounded up
        (so the two totals agree for the same schools; the regions' own
        rounded figures may add up to a few cents less or more).
    n_regions, n_techniekarm
        Regions, and how many of them are techniekarm.
    n_schools
        vmbo/vso schools in scope (their pupils count).
    n_schools_unassigned
        vmbo/vso schools of the table that are in no region (they count nowhere).
    n_suppressed
        Suppressed ("<5") counts among the schools in scope.
    counted_pupils_bb_kb_upper, counted_pupils_gl_upper, max_subsidy_4y_upper_cents
        The same figures with every suppressed count read as 4 (upper bound).
    other_technique_pupils
        Pupils in leerjaar 3 and 4 of sector-Techniek programmes outside the
        five profiles (every leerweg): counted for money only with
        ``[funding] count_other_technique``, reported beside it either way.
    n_schools_vso
        vso schools in scope: they count, but DUO publishes no vso counts per
        vestiging, so they add no pupils here.
    """

    scope: str
    data_year: int
    count_date: str
    counted_pupils_bb_kb: int
    counted_pupils_gl: int
    bb_kb_equivalent: float
    technical_pupils: int
    techniekarm_denominator: int
    technical_share: float
    max_subsidy_4y_cents: int
    max_subsidy_year_cents: int
    cofinancing_cents: int
    n_regions: int
    n_techniekarm: int
    n_schools: int
    n_schools_unassigned: int
    n_suppressed: int
    counted_pupils_bb_kb_upper: int
    counted_pupils_gl_upper: int
    max_subsidy_4y_upper_cents: int
    other_technique_pupils: int = 0
    n_schools_vso: int = 0

    @property
    def max_subsidy_4y_eur(self) -> float:
        """Maximum subsidy over the period, in euros."""
        return cents_to_eur(self.max_subsidy_4y_cents)

    @property
    def max_subsidy_year_eur(self) -> float:
        """Maximum subsidy per year, in euros."""
        return cents_to_eur(self.max_subsidy_year_cents)

    @property
    def cofinancing_eur(self) -> float:
        """Required co-financing over the period, in euros."""
        return cents_to_eur(self.cofinancing_cents)

    def to_dict(self) -> dict[str, Any]:
        """The totals as plain data (cents and euros), for JSON."""
        out: dict[str, Any] = {}
        for f in self.__dataclass_fields__:
            out[f] = _plain(getattr(self, f))
        out["max_subsidy_4y_eur"] = self.max_subsidy_4y_eur
        out["max_subsidy_year_eur"] = self.max_subsidy_year_eur
        out["cofinancing_eur"] = self.cofinancing_eur
        out["max_subsidy_4y_upper_eur"] = cents_to_eur(self.max_subsidy_4y_upper_cents)
        return out


@dataclass(frozen=True, eq=False)
class FundingResult:
    """What the programme's rules give a set of regions.

    Attributes
    ----------
    regions
        One row per region, sorted by name: ``region``, ``n_schools`` (members
        of every kind), ``n_schools_counted`` (vmbo/vso), ``n_schools_technical``
        (with counted pupils), ``counted_pupils_bb_kb``, ``counted_pupils_gl``,
        ``bb_kb_equivalent``, per leerweg ``pupils_bb``, ``pupils_kb``,
        ``pupils_gl``, per leerjaar ``pupils_lj3``, ``pupils_lj4``, per profile
        ``pupils_bwi`` ... ``pupils_mvi``, the money in cents and euros
        (``max_subsidy_4y_cents``/``_eur``, ``max_subsidy_year_cents``/``_eur``,
        ``cofinancing_cents``/``_eur``), ``technical_pupils``,
        ``techniekarm_denominator``, ``technical_share`` (NaN when the
        denominator is 0), ``techniekarm``, ``n_suppressed`` and the upper
        bounds (``counted_pupils_bb_kb_upper``, ``counted_pupils_gl_upper``,
        ``max_subsidy_4y_upper_cents``/``_eur``), ``has_agreement``, ``note``,
        ``data_year`` and ``count_date``.
    schools
        One row per school of the table, sorted by code: ``code``, ``name``,
        ``kind``, ``region`` (NA for none), ``counts_for_money``, the school's
        counted pupils, ``indicative_4y_cents`` (what its counted pupils add to
        its region's maximum: an indication, not an agreed split; NA in no
        region), the agreed amounts ``technical_4y_cents``, ``other_4y_cents``,
        ``amount_4y_cents`` (NA where the region has no agreement), ``note``,
        ``data_year``, ``count_date``.
    national
        Totals over the regions.
    whole_table
        Totals over every vmbo/vso school of the table (regions or not).
    split
        The agreed split per school of every region with an agreement (see
        :func:`regionkit.agreements.apply_agreements`); empty without agreements.
    config
        The funding configuration used.
    notes
        Remarks on the inputs (suppressed counts, regions without pupils, ...).
    """

    regions: pd.DataFrame
    schools: pd.DataFrame
    national: NationalTotals
    whole_table: NationalTotals
    split: pd.DataFrame
    config: FundingConfig
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def data_year(self) -> int:
        """The data year of every figure."""
        return self.config.data_year

    @property
    def count_date(self) -> str:
        """The count date of every figure."""
        return self.config.count_date

    def to_dict(self) -> dict[str, Any]:
        """The result as plain data for JSON: per-region figures, totals, the split."""
        return {
            "data_year": self.data_year,
            "count_date": self.count_date,
            "config": {k: _plain(v) for k, v in self.config.__dict__.items()},
            "regions": _records(self.regions),
            "national": self.national.to_dict(),
            "whole_table": self.whole_table.to_dict(),
            "split": _records(self.split),
            "notes": list(self.notes),
        }

    def tables(self) -> dict[str, pd.DataFrame]:
        """The result as tables for a workbook: regions, schools, split (if any), national.

        ``national`` has two rows: the totals over the regions and over the
        whole table.
        """
        national = pd.DataFrame([self.national.to_dict(), self.whole_table.to_dict()])
        return {
            "regions": self.regions,
            "schools": self.schools,
            **({"split": self.split} if len(self.split) else {}),
            "national": national,
        }

    def __repr__(self) -> str:
        n = self.national
        return (
            f"<FundingResult: {n.n_regions} regions, {format_int(n.n_schools, 'en')} counted "
            f"schools, {format_int(n.bb_kb_equivalent, 'en')} BB/KB-equivalent pupils, "
            f"{format_cents(n.max_subsidy_4y_cents, 'en')} over {self.config.period_years} years "
            f"(count {self.count_date})>"
        )


def _plain(value: Any) -> Any:
    """A value as plain JSON data (whole floats as integers, decimals as text)."""
    return json_value(value, whole_floats=True)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


# --- input checks --------------------------------------------------------------------------------

#: Columns of the schools table the money is computed from.
_FUNDING_COLUMNS = ("code", "kind", *TECHNICAL_CELL_COLUMNS, *LEERWEG_TOTAL_COLUMNS)


def _as_regions(
    regions: Regions | pd.DataFrame, assignment: pd.Series | None, config: Config | None
) -> Regions:
    """The regions to fund: as given, or built from a schools table and an assignment.

    An assignment given as a Series is one region per school: a school in two
    regions is an error there (a proposal's second listing is data instead).
    """
    if isinstance(regions, Regions):
        if assignment is not None or config is not None:
            raise TypeError(
                "fund(regions) takes the configuration from the regions; "
                "give an assignment and config only with a schools table"
            )
        return regions
    built = Regions(regions, as_proposal(assignment), config=config or Config())
    require_single(built)
    return built


def _require_known(regions: Regions) -> None:
    """Money is computed for schools of the table only: an unknown code is an error here."""
    check_schools(regions.schools, columns=_FUNDING_COLUMNS, step="funding")
    require_known(regions)


def _suppressed_cells(schools: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the schools table has suppressed ("<5") counts.

    Returns
    -------
    mask
        Per school and count column (technical cells, then leerweg totals):
        1 where the count was suppressed, as listed in ``suppressed_columns``.
    unnamed
        Per school: suppressed counts ``n_suppressed`` reports beyond those listed.
    reported
        Per school: the number of suppressed counts (``n_suppressed``, or the
        number listed when the table has no such column).
    """
    columns = [*TECHNICAL_CELL_COLUMNS, *LEERWEG_TOTAL_COLUMNS]
    position = {c: i for i, c in enumerate(columns)}
    mask = np.zeros((len(schools), len(columns)), dtype=np.int64)
    named = np.zeros(len(schools), dtype=np.int64)
    if "suppressed_columns" in schools.columns:
        for row, value in enumerate(schools["suppressed_columns"].tolist()):
            if value is None or pd.isna(value):
                continue
            listed = {c.strip() for c in str(value).split(";") if c.strip()}
            named[row] = len(listed)
            for c in listed:
                if c in position:
                    mask[row, position[c]] = 1
    if "n_suppressed" in schools.columns:
        reported = schools["n_suppressed"].fillna(0).to_numpy(dtype=np.int64)
    else:
        reported = named
    return mask, np.maximum(reported - named, 0), np.maximum(reported, named)


# --- the computation -----------------------------------------------------------------------------


def _school_counts(schools: pd.DataFrame, money: _Money, cfg: FundingConfig) -> pd.DataFrame:
    """Per school: counted pupils (suppressed counts as configured), their breakdown and bounds."""
    mask, unnamed, reported = _suppressed_cells(schools)
    counted = schools["kind"].astype("string").isin(list(COUNTED_KINDS)).fillna(False)
    counted = counted.to_numpy(dtype=bool)
    columns = [*TECHNICAL_CELL_COLUMNS, *LEERWEG_TOTAL_COLUMNS]
    raw = schools[columns].fillna(0).to_numpy(dtype=np.int64)
    keep = counted[:, None]  # praktijkonderwijs (and any other kind) never counts for money
    cells = pd.DataFrame(
        np.where(keep, raw + money.suppressed_value * mask, 0), columns=columns, index=schools.index
    )
    upper = pd.DataFrame(
        np.where(keep, raw + SUPPRESSED_MAX * mask, 0), columns=columns, index=schools.index
    )
    cp = counted_pupils(cells, gl_weight=cfg.gl_weight)
    cp_upper = counted_pupils(upper, gl_weight=cfg.gl_weight)
    profile_heads = (cp["bb_kb"] + cp["gl"]).to_numpy()
    other = _other_technique(schools, counted)
    if cfg.count_other_technique:  # the analysis counts technique outside the profiles too
        for frame in (cp, cp_upper):
            frame["bb_kb"] = frame["bb_kb"] + other["bb_kb"]
            frame["gl"] = frame["gl"] + other["gl"]
            frame["weighted"] = frame["bb_kb"] + cfg.gl_weight * frame["gl"]
    values = cells.to_numpy()
    position = {c: i for i, c in enumerate(columns)}

    def total(cols: Iterable[str]) -> np.ndarray:
        return values[:, [position[c] for c in cols]].sum(axis=1)

    unnamed = np.where(counted, unnamed, 0)
    data: dict[str, Any] = {
        "counts_for_money": counted,
        "counted_pupils_bb_kb": cp["bb_kb"].to_numpy(),
        "counted_pupils_gl": cp["gl"].to_numpy(),
        "bb_kb_equivalent": cp["weighted"].to_numpy(dtype=np.float64),
    }
    for lw in LEERWEGEN:
        data[f"pupils_{lw}"] = total(c for c in TECHNICAL_CELL_COLUMNS if f"_{lw}_" in c)
    for lj in (3, 4):
        data[f"pupils_lj{lj}"] = total(
            cell_column(p, lw, lj) for p in TECHNICAL_PROFILES for lw in LEERWEGEN
        )
    for p in TECHNICAL_PROFILES:
        data[f"pupils_{p}"] = total(c for c in TECHNICAL_CELL_COLUMNS if c.startswith(f"{p}_"))
    data["technical_pupils"] = profile_heads  # the techniekarm numerator: the five profiles
    data["other_technique_pupils"] = other["all"].to_numpy()
    data["techniekarm_denominator"] = total(_DENOMINATOR_COLUMNS[cfg.techniekarm_denominator])
    data["n_suppressed"] = np.where(counted, reported, 0).astype(np.int64)
    # suppressed counts the table does not name could be anywhere: the upper bound reads them
    # as BB/KB pupils in a technical profile
    data["counted_pupils_bb_kb_upper"] = cp_upper["bb_kb"].to_numpy() + SUPPRESSED_MAX * unnamed
    data["counted_pupils_gl_upper"] = cp_upper["gl"].to_numpy()
    data["_unnamed_suppressed"] = unnamed
    return pd.DataFrame(data, index=schools.index)


def _other_technique(schools: pd.DataFrame, counted: np.ndarray) -> pd.DataFrame:
    """Per school: pupils of sector-Techniek programmes outside the profiles, lj3+4.

    ``bb_kb`` and ``gl`` are the leerwegen money could count; ``all`` adds TL.
    Zero for kinds that never count and for tables without these columns.
    """

    def cols(*leerwegen: str) -> list[str]:
        return [c for c in OTHER_TECHNIQUE_COLUMNS if c.split("_")[2] in leerwegen]

    def heads(columns: list[str]) -> np.ndarray:
        present = [c for c in columns if c in schools.columns]
        if not present:
            return np.zeros(len(schools), dtype=np.int64)
        return np.where(counted, schools[present].fillna(0).to_numpy(np.int64).sum(axis=1), 0)

    return pd.DataFrame(
        {
            "bb_kb": heads(cols("bb", "kb")),
            "gl": heads(cols("gl")),
            "all": heads(cols("bb", "kb", "gl", "tl")),
        },
        index=schools.index,
    )


_SUM_COLUMNS = [
    "counted_pupils_bb_kb",
    "counted_pupils_gl",
    "bb_kb_equivalent",
    *[f"pupils_{lw}" for lw in LEERWEGEN],
    "pupils_lj3",
    "pupils_lj4",
    *[f"pupils_{p}" for p in TECHNICAL_PROFILES],
    "technical_pupils",
    "other_technique_pupils",
    "techniekarm_denominator",
    "n_suppressed",
    "counted_pupils_bb_kb_upper",
    "counted_pupils_gl_upper",
]


def _note(language: str, key: str, **values: object) -> str:
    return text(language, f"funding.note.{key}", **values)


def _region_note(row: Mapping[str, Any], language: str, money: _Money, cfg: FundingConfig) -> str:
    """What a reader of one region's figures must know: why there is no money, techniekarm, vso."""
    notes = []
    lang: Literal["nl", "en"] = "en" if language == "en" else "nl"
    if row["n_schools_counted"] == 0:
        notes.append(_note(language, "no_school"))
    elif row["techniekarm"]:
        notes.append(
            _note(
                language,
                "techniekarm_region",
                share=format_pct(row["technical_share"], lang),
                threshold=format_pct(cfg.techniekarm_threshold, lang, decimals=0),
            )
        )
    elif row["technical_pupils"] == 0:
        notes.append(_note(language, "no_pupils"))
    if row["techniekarm_denominator"] == 0:
        notes.append(_note(language, "no_denominator"))
    if row.get("other_technique_pupils"):
        n = format_int(row["other_technique_pupils"], lang)
        notes.append(
            _note(language, "other_technique_counted", n=n)
            if cfg.count_other_technique
            else _note(language, "other_technique_region", n=n)
        )
    if row.get("n_schools_vso"):
        notes.append(_note(language, "vso_region", n=int(row["n_schools_vso"])))
    if row["n_suppressed"]:
        notes.append(
            _note(
                language,
                "suppressed_region",
                n=int(row["n_suppressed"]),
                value=money.suppressed_value,
                max=SUPPRESSED_MAX,
            )
        )
    return "; ".join(notes)


def _totals(
    scope: str,
    frame: pd.DataFrame,
    money: _Money,
    cfg: FundingConfig,
    *,
    n_regions: int,
    n_techniekarm: int,
    n_unassigned: int,
    max_4y: int,
    per_year: int,
    cofinancing: int,
    upper_4y: int,
) -> NationalTotals:
    sums = {c: frame[c].sum() for c in _SUM_COLUMNS}
    den = float(sums["techniekarm_denominator"])
    return NationalTotals(
        scope=scope,
        data_year=cfg.data_year,
        count_date=cfg.count_date,
        counted_pupils_bb_kb=int(sums["counted_pupils_bb_kb"]),
        counted_pupils_gl=int(sums["counted_pupils_gl"]),
        bb_kb_equivalent=float(sums["bb_kb_equivalent"]),
        technical_pupils=int(sums["technical_pupils"]),
        techniekarm_denominator=int(sums["techniekarm_denominator"]),
        technical_share=float(sums["technical_pupils"]) / den if den else math.nan,
        max_subsidy_4y_cents=int(max_4y),
        max_subsidy_year_cents=int(per_year),
        cofinancing_cents=int(cofinancing),
        n_regions=int(n_regions),
        n_techniekarm=int(n_techniekarm),
        n_schools=int(frame["counts_for_money"].sum()),
        n_schools_unassigned=int(n_unassigned),
        n_suppressed=int(sums["n_suppressed"]),
        counted_pupils_bb_kb_upper=int(sums["counted_pupils_bb_kb_upper"]),
        counted_pupils_gl_upper=int(sums["counted_pupils_gl_upper"]),
        max_subsidy_4y_upper_cents=int(upper_4y),
        other_technique_pupils=int(sums["other_technique_pupils"]),
        n_schools_vso=int((frame["kind"] == "vso").sum()),
    )


def fund(
    regions: Regions | pd.DataFrame,
    assignment: pd.Series | None = None,
    *,
    config: Config | None = None,
    agreements: Sequence[Agreement] | str | Path | None = None,
    compare_schools: pd.DataFrame | None = None,
    compare_year: int | None = None,
) -> FundingResult:
    """What the programme's money rules give each region of a set of regions.

    Parameters
    ----------
    regions
        The regions (:class:`regionkit.regions.Regions`; a school listed in two
        regions counts once, in the region listed first), or a schools table
        (:func:`regionkit.schools.load_schools`) with ``assignment``.
    assignment
        With a schools table: region name per school code (``pandas.Series``
        indexed by ``code``); a school absent or NA is in no region and counts
        nowhere.
    config
        With a schools table: the configuration; its ``funding`` section gives
        the rates, shares, techniekarm rule, count date and the value of a
        suppressed count. ``None`` for the defaults of ``docs/DOMAIN.md``.
        :class:`~regionkit.regions.Regions` carry their own.
    agreements
        Split agreements (:func:`regionkit.agreements.read_agreements`), or the path of an
        agreements file; ``None`` for none. Without an agreement no split is
        invented (see :class:`FundingResult`).
    compare_schools, compare_year
        The schools table of another data year (for the bundled data:
        ``load_schools(year=compare_year)``) and that year: each region's
        technical and technique pupils are then also counted on the same
        schools in that year (:func:`regionkit.years.technical_change`), in
        the columns ``compare_year``, ``technical_pupils_then``,
        ``technical_change``, ``technique_pupils``, ``technique_pupils_then``,
        ``technique_change`` and ``n_schools_not_then`` of the regions table.

    Returns
    -------
    FundingResult
        Per region and per school figures, national totals and the split.
        Each region's figures are kept with the regions: after
        :meth:`Regions.move <regionkit.regions.Regions.move>` only the touched
        regions' money is computed again.

    Raises
    ------
    InputDataError
        When the regions name schools not in the table (all are listed), an
        assignment puts a school in two regions, or an agreement is invalid
        (every problem listed).
    ConfigError
        For a rate that is not a whole number of cents.

    Examples
    --------
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> result = fund(Regions.from_division(schools, "nodal"))
    >>> result.national.n_regions, result.whole_table.bb_kb_equivalent
    (80, 21572.0)
    >>> result.whole_table.max_subsidy_4y_eur
    342886940.0
    >>> enschede = result.regions.set_index("region").loc["Enschede"]
    >>> int(enschede["counted_pupils_bb_kb"]), int(enschede["counted_pupils_gl"])
    (705, 19)
    >>> int(enschede["max_subsidy_4y_cents"]) == 705 * 1_589_500 + 19 * 794_750
    True
    >>> print(enschede["max_subsidy_4y_eur"], enschede["techniekarm"])
    11356977.5 False
    """
    regions = _as_regions(regions, assignment, config)
    _require_known(regions)
    cfg = regions.config.funding
    money = _Money.from_config(cfg)
    base = regions.shared("funding.schools", lambda: _school_table(regions.schools, money, cfg))
    labels = regions.labels
    in_region = labels >= 0
    names = sorted({regions.regions[k] for k in np.unique(labels[in_region]).tolist()})
    rows = regions.per_region(
        "funding.regions", lambda todo: _region_rows(regions, base, money, todo), names
    )
    table = _region_table(names, rows, regions.config.language, money, cfg)
    per_school = _school_rows(regions, base, rows, regions.config.language, cfg)
    result = FundingResult(
        regions=table,
        schools=per_school,
        national=_totals(
            "regions",
            per_school[in_region],
            money,
            cfg,
            n_regions=len(names),
            n_techniekarm=int(table["techniekarm"].sum()),
            n_unassigned=int((base["counts_for_money"].to_numpy() & ~in_region).sum()),
            max_4y=(max_4y := int(table["max_subsidy_4y_cents"].sum())),
            # one rule for every total: its yearly average and co-financing from its maximum
            per_year=money.per_year_cents(max_4y),
            cofinancing=money.cofinancing_cents(max_4y),
            upper_4y=int(table["max_subsidy_4y_upper_cents"].sum()),
        ),
        whole_table=_whole_table(per_school, table, money, cfg, in_region),
        split=empty_split(),
        config=cfg,
        notes=(),
    )
    if compare_schools is not None:
        result = _with_change(result, regions, compare_schools, compare_year)
    result = dataclasses.replace(result, notes=_notes(result, money, regions.config))
    if agreements is None:
        return result
    language = regions.config.language
    if isinstance(agreements, str | Path):
        agreements = read_agreements(agreements, language=language)
    split = apply_agreements(result, agreements, language=language)
    return _with_split(result, split, language)


def techniekarm_parts(
    schools: pd.DataFrame, cfg: FundingConfig
) -> tuple[np.ndarray, np.ndarray, Callable[[float, float], bool]]:
    """Per school (the table's order) the techniekarm share's numerator and denominator, and
    the test whether a sum of them is techniekarm: the figures :func:`fund` uses.

    Returns
    -------
    tuple of (numpy.ndarray, numpy.ndarray, callable)
        Technical pupils, the denominator's pupils, and ``is_techniekarm(numerator,
        denominator)``.

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.schools import load_schools
    >>> num, den, karm = techniekarm_parts(load_schools(), load_config().funding)
    >>> karm(float(num.sum()), float(den.sum()))
    False
    """
    money = _Money.from_config(cfg)
    base = _school_table(schools, money, cfg)
    return (
        base["technical_pupils"].to_numpy(np.float64),
        base["techniekarm_denominator"].to_numpy(np.float64),
        money.is_techniekarm,
    )


def techniekarm_figures(regions: Regions) -> pd.DataFrame:
    """Per region: the technical share and whether the region is techniekarm.

    The same figures :func:`fund` computes (``[funding]`` numerator,
    denominator and threshold), without the money: for the rule checks.

    Returns
    -------
    pandas.DataFrame
        Indexed by region name (the regions with schools of the table, sorted):
        ``technical_pupils``, ``techniekarm_denominator``, ``technical_share``
        (NaN for 0/0) and ``techniekarm``. Empty when the schools table lacks
        the count columns.

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> t = techniekarm_figures(Regions.from_division(load_schools(), "nodal"))
    >>> row = t.loc["Alphen aan den Rijn"]
    >>> int(row["technical_pupils"]), bool(row["techniekarm"])
    (0, True)
    """
    columns = ["technical_pupils", "techniekarm_denominator", "technical_share", "techniekarm"]
    if any(c not in regions.schools.columns for c in _FUNDING_COLUMNS):
        return pd.DataFrame(columns=columns)
    cfg = regions.config.funding
    money = _Money.from_config(cfg)
    base = regions.shared("funding.schools", lambda: _school_table(regions.schools, money, cfg))
    labels = regions.labels
    frame = pd.DataFrame(
        {
            "region": np.asarray([*regions.regions, ""], dtype=object)[labels],
            "technical_pupils": base["technical_pupils"].to_numpy(np.int64),
            "techniekarm_denominator": base["techniekarm_denominator"].to_numpy(np.int64),
        }
    )[labels >= 0]
    out = frame.groupby("region", sort=True).sum()
    den = out["techniekarm_denominator"].astype(np.float64)
    out["technical_share"] = np.where(
        den > 0, out["technical_pupils"] / den.where(den > 0, 1), np.nan
    )
    out["techniekarm"] = np.array(
        [
            money.is_techniekarm(n, d)
            for n, d in zip(out["technical_pupils"], out["techniekarm_denominator"], strict=True)
        ],
        dtype=bool,
    )
    return out[columns]


def _with_change(
    result: FundingResult, regions: Regions, then: pd.DataFrame, then_year: int | None
) -> FundingResult:
    """The result with each region's change of technical pupils since another data year."""
    if then_year is None:
        raise TypeError("fund(compare_schools=...) needs the compare_year of that table")
    change = technical_change(regions.assignment, regions.schools, then, then_year=then_year)
    table = result.regions
    columns = [c for c in CHANGE_COLUMNS if c not in ("region", "technical_pupils")]
    joined = table.merge(change[["region", *columns]], on="region", how="left", sort=False)
    for c in columns:
        joined[c] = joined[c].fillna(0).astype(np.int64)
    joined["compare_year"] = then_year
    return dataclasses.replace(result, regions=joined)


def _school_table(schools: pd.DataFrame, money: _Money, cfg: FundingConfig) -> pd.DataFrame:
    """Per school of the table (its order): identity and counts; the same for every assignment."""
    schools = schools.reset_index(drop=True)
    per_school = _school_counts(schools, money, cfg)
    per_school.insert(0, "kind", schools["kind"].astype("string").to_numpy())
    per_school.insert(
        0,
        "name",
        schools["name"].astype("string").to_numpy() if "name" in schools.columns else pd.NA,
    )
    per_school.insert(0, "code", schools["code"].astype(str).to_numpy())
    return per_school


def _region_rows(
    regions: Regions, base: pd.DataFrame, money: _Money, todo: list[str]
) -> dict[str, dict[str, Any]]:
    """Per region: its schools' sums, its money and its schools' indicative amounts."""
    whole = [c for c in _SUM_COLUMNS if c != "bb_kb_equivalent"]
    sums = base[whole].to_numpy(dtype=np.int64)
    equivalent = base["bb_kb_equivalent"].to_numpy(dtype=np.float64)
    counted = base["counts_for_money"].to_numpy()
    technical = base["technical_pupils"].to_numpy()
    kind = base["kind"].astype(str).to_numpy()
    bb_kb = base["counted_pupils_bb_kb"].to_numpy()
    gl = base["counted_pupils_gl"].to_numpy()
    out: dict[str, dict[str, Any]] = {}
    rows_of = regions.rows_in(todo)
    for region in todo:
        members = rows_of[region]
        row: dict[str, Any] = {
            "n_schools": len(members),
            "n_schools_counted": int(counted[members].sum()),
            "n_schools_technical": int((technical[members] > 0).sum()),
            "n_schools_vso": int((kind[members] == "vso").sum()),
        }
        row.update(zip(whole, sums[members].sum(axis=0).tolist(), strict=True))
        row["bb_kb_equivalent"] = float(equivalent[members].sum())
        max_4y = money.subsidy_cents(row["counted_pupils_bb_kb"], row["counted_pupils_gl"])
        row["max_4y"] = max_4y
        row["upper_4y"] = money.subsidy_cents(
            row["counted_pupils_bb_kb_upper"], row["counted_pupils_gl_upper"]
        )
        weights = [
            _subsidy_weight(money, b, g)
            for b, g in zip(bb_kb[members].tolist(), gl[members].tolist(), strict=True)
        ]
        row["members"] = members
        row["indicative"] = largest_remainder(max_4y, weights) if max_4y else [0] * len(members)
        out[region] = row
    return out


def _region_table(
    names: list[str],
    rows: Mapping[str, Mapping[str, Any]],
    language: str,
    money: _Money,
    cfg: FundingConfig,
) -> pd.DataFrame:
    """One row per region, sorted by name (the columns of :attr:`FundingResult.regions`)."""
    table = pd.DataFrame({"region": pd.Series(names, dtype="string")})
    for c in ("n_schools", "n_schools_counted", "n_schools_technical", "n_schools_vso"):
        table[c] = np.array([rows[r][c] for r in names], dtype=np.int64)
    for c in _SUM_COLUMNS:
        dtype = np.float64 if c == "bb_kb_equivalent" else np.int64
        table[c] = np.array([rows[r][c] for r in names], dtype=dtype)
    max_4y = [rows[r]["max_4y"] for r in names]
    upper_4y = [rows[r]["upper_4y"] for r in names]
    table["max_subsidy_4y_cents"] = np.array(max_4y, dtype=np.int64)
    table["max_subsidy_4y_eur"] = [cents_to_eur(c) for c in max_4y]
    per_year = [money.per_year_cents(c) for c in max_4y]
    table["max_subsidy_year_cents"] = np.array(per_year, dtype=np.int64)
    table["max_subsidy_year_eur"] = [cents_to_eur(c) for c in per_year]
    cofin = [money.cofinancing_cents(c) for c in max_4y]
    table["cofinancing_cents"] = np.array(cofin, dtype=np.int64)
    table["cofinancing_eur"] = [cents_to_eur(c) for c in cofin]
    den = table["techniekarm_denominator"].astype(np.float64)
    table["technical_share"] = np.where(
        den > 0, table["technical_pupils"].astype(np.float64) / den.where(den > 0, 1.0), np.nan
    )
    table["techniekarm"] = np.array(
        [money.is_techniekarm(n, d) for n, d in zip(table["technical_pupils"], den, strict=True)],
        dtype=bool,
    )
    table["max_subsidy_4y_upper_cents"] = np.array(upper_4y, dtype=np.int64)
    table["max_subsidy_4y_upper_eur"] = [cents_to_eur(c) for c in upper_4y]
    table["has_agreement"] = False
    table["note"] = [_region_note(row, language, money, cfg) for row in table.to_dict("records")]
    table["data_year"] = cfg.data_year
    table["count_date"] = cfg.count_date
    return table


def _school_rows(
    regions: Regions,
    base: pd.DataFrame,
    rows: Mapping[str, Mapping[str, Any]],
    language: str,
    cfg: FundingConfig,
) -> pd.DataFrame:
    """One row per school of the table: its region, counts, indicative amount and notes."""
    per_school = base.copy()
    labels = regions.labels
    in_region = labels >= 0
    names = np.asarray([*regions.regions, None], dtype=object)  # label -1: the None at the end
    region = pd.array(names[labels], dtype="string")
    per_school.insert(3, "region", region)
    indicative = np.zeros(len(per_school), dtype=np.int64)
    for row in rows.values():
        indicative[row["members"]] = row["indicative"]
    per_school["indicative_4y_cents"] = pd.Series(indicative, dtype="Int64").where(in_region)
    for c in ("technical_4y_cents", "other_4y_cents", "amount_4y_cents"):
        per_school[c] = pd.Series(pd.NA, index=per_school.index, dtype="Int64")
    school_notes = np.where(
        ~per_school["counts_for_money"].to_numpy(), _note(language, "not_counted_kind"), ""
    ).astype(object)
    no_region = _note(language, "no_region")
    school_notes[~in_region] = [
        (no_region + ("; " + n if n else "")) for n in school_notes[~in_region]
    ]
    unnamed = per_school.pop("_unnamed_suppressed").to_numpy()
    for i in np.flatnonzero(unnamed):
        school_notes[i] = "; ".join(
            x for x in (school_notes[i], _note(language, "unnamed", n=int(unnamed[i]))) if x
        )
    per_school["note"] = school_notes
    per_school["data_year"] = cfg.data_year
    per_school["count_date"] = cfg.count_date
    return per_school


def _whole_table(
    per_school: pd.DataFrame,
    table: pd.DataFrame,
    money: _Money,
    cfg: FundingConfig,
    in_region: np.ndarray,
) -> NationalTotals:
    """Totals over every vmbo/vso school of the table, in a region or not."""
    counted_mask = per_school["counts_for_money"].to_numpy()
    all_counted = per_school[counted_mask]
    whole_4y = money.subsidy_cents(
        all_counted["counted_pupils_bb_kb"].sum(), all_counted["counted_pupils_gl"].sum()
    )
    return _totals(
        "all schools",
        all_counted,
        money,
        cfg,
        n_regions=len(table),
        n_techniekarm=int(table["techniekarm"].sum()),
        n_unassigned=int((counted_mask & ~in_region).sum()),
        max_4y=whole_4y,
        per_year=money.per_year_cents(whole_4y),
        cofinancing=money.cofinancing_cents(whole_4y),
        upper_4y=money.subsidy_cents(
            all_counted["counted_pupils_bb_kb_upper"].sum(),
            all_counted["counted_pupils_gl_upper"].sum(),
        ),
    )


def _notes(result: FundingResult, money: _Money, config: Config) -> tuple[str, ...]:
    """Remarks on the whole result: schools in no region, suppressed counts, the GL weight."""
    language, cfg = config.language, config.funding
    lang: Literal["nl", "en"] = "en" if language == "en" else "nl"
    notes: list[str] = []
    n_unassigned = result.national.n_schools_unassigned
    if n_unassigned:
        notes.append(_note(language, "unassigned", n=n_unassigned))
    techniekarm = result.regions[result.regions["techniekarm"]]
    if len(techniekarm):
        notes.append(
            _note(
                language,
                "techniekarm",
                n=len(techniekarm),
                regions=", ".join(techniekarm["region"].astype(str)),
                threshold=format_pct(cfg.techniekarm_threshold, lang, decimals=0),
            )
        )
    whole = result.whole_table
    if whole.other_technique_pupils:
        n = format_int(whole.other_technique_pupils, lang)
        notes.append(
            _note(language, "other_technique_counted", n=n)
            if cfg.count_other_technique
            else _note(language, "other_technique", n=n)
        )
    if whole.n_schools_vso:
        notes.append(_note(language, "vso", n=format_int(whole.n_schools_vso, lang)))
    r = result.regions
    if "technical_change" in r.columns and len(r):
        notes.append(
            _note(
                language,
                "change",
                year=int(r["compare_year"].max()),
                then=format_int(r["technical_pupils_then"].sum(), lang),
                now=format_int(r["technical_pupils"].sum(), lang),
                then_all=format_int(r["technique_pupils_then"].sum(), lang),
                now_all=format_int(r["technique_pupils"].sum(), lang),
            )
        )
    if whole.n_suppressed:
        notes.append(
            _note(
                language,
                "suppressed",
                n=whole.n_suppressed,
                value=money.suppressed_value,
                max=SUPPRESSED_MAX,
            )
        )
    if money.rate_bb_kb_cents and money.gl_weight != Decimal(money.rate_gl_cents) / Decimal(
        money.rate_bb_kb_cents
    ):
        notes.append(
            _note(
                language,
                "gl_weight",
                weight=f"{cfg.gl_weight:g}",
                ratio=f"{money.rate_gl_cents / money.rate_bb_kb_cents:g}",
            )
        )
    return tuple(notes)


def _with_split(result: FundingResult, split: pd.DataFrame, language: str) -> FundingResult:
    schools = result.schools.copy()
    by_code = split.set_index("code")
    for c in ("technical_4y_cents", "other_4y_cents", "amount_4y_cents"):
        schools[c] = schools["code"].map(by_code[c]).astype("Int64")
    regions = result.regions.copy()
    regions["has_agreement"] = regions["region"].isin(set(split["region"])).to_numpy(dtype=bool)
    notes = list(result.notes)
    flagged = split[split["note"] != ""]
    if len(flagged):
        notes.append(
            _note(
                language,
                "technical_without_profile",
                n=len(flagged),
                schools=", ".join(
                    f"{c} ({r})" for c, r in zip(flagged["code"], flagged["region"], strict=True)
                ),
            )
        )
    return FundingResult(
        regions=regions,
        schools=schools,
        national=result.national,
        whole_table=result.whole_table,
        split=split,
        config=result.config,
        notes=tuple(notes),
    )
