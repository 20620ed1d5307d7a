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
explicit amounts). :func:`apply_agreements` turns it into amounts per school
in cents with largest-remainder (Hamilton) rounding, so every part and every
region adds up to the cent. Without an agreement no split is invented: the
per-school table then shows only an *indicative* amount, what the school's own
counted pupils add to its region's maximum, clearly labelled as such.

A count DUO suppressed as ``"<5"`` is stored as 0 in the schools table and
listed in its ``suppressed_columns``; here it counts as
``FundingConfig.suppressed_value`` (0 by default: a lower bound), and every
figure that a suppressed count can change also comes with an upper bound
(each suppressed count read as 4).
"""

from __future__ import annotations

import difflib
import logging
import math
import tomllib
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from regionkit._errors import ConfigError, InputDataError, Problem, ProblemCollector
from regionkit._format import format_cents, format_eur_millions, format_int, format_pct
from regionkit._io import read_table
from regionkit._schema import (
    COUNTED_KINDS,
    LEERWEG_TOTAL_COLUMNS,
    LEERWEGEN,
    TECHNICAL_CELL_COLUMNS,
    TECHNICAL_PROFILES,
    cell_column,
)
from regionkit.config import Config, FundingConfig
from regionkit.schools import counted_pupils

__all__ = [
    "METHODS",
    "PARTS",
    "Agreement",
    "AgreementPart",
    "FundingResult",
    "NationalTotals",
    "apply_agreements",
    "fund",
    "largest_remainder",
    "read_agreements",
    "sanity_check",
]

logger = logging.getLogger(__name__)

#: Upper bound of a count DUO suppressed as "<5".
SUPPRESSED_MAX = 4

#: The two parts of a split agreement, in the order they are apportioned.
PARTS: tuple[str, ...] = ("technical", "other")
#: How a part is shared among a region's schools.
METHODS: tuple[str, ...] = ("pro_rata", "equal", "explicit")
Method = Literal["pro_rata", "equal", "explicit"]

_PART_ALIASES: dict[str, str] = {
    "technical": "technical",
    "technical_profiles": "technical",
    "profiles": "technical",
    "techniek": "technical",
    "technische_profielen": "technical",
    "profielen": "technical",
    "other": "other",
    "other_technique_activities": "other",
    "other_activities": "other",
    "overig": "other",
    "overige": "other",
    "overige_techniekactiviteiten": "other",
}
_METHOD_ALIASES: dict[str, str] = {
    "pro_rata": "pro_rata",
    "prorata": "pro_rata",
    "naar_rato": "pro_rata",
    "equal": "equal",
    "equal_shares": "equal",
    "gelijk": "equal",
    "gelijke_delen": "equal",
    "explicit": "explicit",
    "amounts": "explicit",
    "expliciet": "explicit",
    "bedragen": "explicit",
}

# The sanity figures of docs/DOMAIN.md.
#: National BB/KB-equivalent counted pupils behind the budget (count of 1 Oct 2018).
SANITY_BB_KB_EQUIVALENT = 21_100
SANITY_BB_KB_EQUIVALENT_YEAR = 2018
#: National budget for technique regions over 2020-2023, in euros.
SANITY_BUDGET_EUR = Decimal("335500000")
#: DUO 1 Oct 2019: technical-profile pupils in lj3 and lj4, and schools with any.
SANITY_2019_TECHNICAL_LJ3 = 11_509
SANITY_2019_TECHNICAL_LJ4 = 11_404
SANITY_2019_TECHNICAL_SCHOOLS = 276
#: Nationally about this share of BB/KB/GL lj3+4 pupils is in a technical profile.
SANITY_TECHNICAL_SHARE = 0.20

_DENOMINATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "bb_kb_gl": tuple(c for c in LEERWEG_TOTAL_COLUMNS if not c.startswith("tl_")),
    "bb_kb_gl_tl": LEERWEG_TOTAL_COLUMNS,
}


# --- exact money ---------------------------------------------------------------------------------


def _decimal(value: float | int | Decimal) -> Decimal:
    """A number as the decimal it was written as (0.1 -> Decimal('0.1'), not its binary value)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | np.integer):
        return Decimal(int(value))
    return Decimal(repr(float(value)))


def _rate_cents(value: float, key: str) -> int:
    cents = _decimal(value) * 100
    if cents != cents.to_integral_value():
        raise ConfigError(
            f"funding.{key} = {value!r} is not a whole number of cents; "
            f"write the rate in euros with at most two decimals"
        )
    return int(cents)


def largest_remainder(total: int, weights: Sequence[Fraction | Decimal | int | float]) -> list[int]:
    """Share a whole number (cents) in proportion to weights, conserving the total exactly.

    Hamilton's method: every share gets the whole part of its exact quota, and
    the units left over go to the largest fractional remainders; ties go to the
    earlier position, so the result is deterministic for a fixed order.

    Parameters
    ----------
    total
        The whole number to share (for example euro cents), ``>= 0``.
    weights
        Non-negative weights; they need not add up to 1. When they are all
        zero, ``total`` must be 0.

    Returns
    -------
    list of int
        One share per weight, adding up to ``total``.

    Raises
    ------
    ValueError
        For a negative total or weight, or a positive total with zero weights.

    Examples
    --------
    >>> largest_remainder(100, [1, 1, 1])
    [34, 33, 33]
    >>> largest_remainder(1_000_001, [0.75, 0.25])
    [750001, 250000]
    >>> sum(largest_remainder(99_999, [3, 5, 0, 7.5]))
    99999
    """
    if total < 0:
        raise ValueError(f"cannot share a negative total ({total})")
    fractions = [w if isinstance(w, Fraction) else Fraction(_decimal(w)) for w in weights]
    if any(w < 0 for w in fractions):
        raise ValueError("weights must not be negative")
    weight_sum = sum(fractions, Fraction(0))
    if weight_sum == 0:
        if total:
            raise ValueError(f"cannot share {total} in proportion to weights that are all zero")
        return [0] * len(fractions)
    quotas = [total * w / weight_sum for w in fractions]
    shares = [math.floor(q) for q in quotas]
    left = total - sum(shares)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += 1
    return shares


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
        suppressed = _decimal(cfg.suppressed_value)
        if suppressed != suppressed.to_integral_value() or not 0 <= suppressed <= SUPPRESSED_MAX:
            raise ConfigError(
                f"funding.suppressed_value = {cfg.suppressed_value!r} must be a whole number of "
                f"pupils from 0 to {SUPPRESSED_MAX} (a suppressed count '<5' is 1 to 4 pupils; "
                "0 gives a lower bound)"
            )
        return cls(
            rate_bb_kb_cents=_rate_cents(cfg.rate_bb_kb_eur, "rate_bb_kb_eur"),
            rate_gl_cents=_rate_cents(cfg.rate_gl_eur, "rate_gl_eur"),
            gl_weight=_decimal(cfg.gl_weight),
            cofinancing_share=_decimal(cfg.cofinancing_share),
            threshold=_decimal(cfg.techniekarm_threshold),
            period_years=cfg.period_years,
            suppressed_value=int(suppressed),
        )

    def subsidy_exact(self, bb_kb: float | int, gl: float | int) -> Decimal:
        return self.rate_bb_kb_cents * _decimal(bb_kb) + self.rate_gl_cents * _decimal(gl)

    def subsidy_cents(self, bb_kb: float | int, gl: float | int) -> int:
        """Maximum subsidy over the period in cents (exact for whole pupil counts)."""
        return int(self.subsidy_exact(bb_kb, gl).to_integral_value(ROUND_HALF_EVEN))

    def per_year_cents(self, total_cents: int) -> int:
        return total_cents // self.period_years  # down: a maximum is never exceeded

    def cofinancing_cents(self, total_cents: int) -> int:
        return int((total_cents * self.cofinancing_share).to_integral_value(ROUND_CEILING))

    def is_techniekarm(self, numerator: float, denominator: float) -> bool:
        return denominator > 0 and _decimal(numerator) < self.threshold * _decimal(denominator)


# --- results -------------------------------------------------------------------------------------


def _eur(cents: int) -> float:
    return float(Decimal(cents).scaleb(-2))


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
        The money; for ``"regions"`` the yearly figure and co-financing are the
        sums of the regions' (each rounded per region), for ``"all schools"``
        they are computed from the whole table's maximum.
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

    @property
    def max_subsidy_4y_eur(self) -> float:
        """Maximum subsidy over the period, in euros."""
        return _eur(self.max_subsidy_4y_cents)

    @property
    def max_subsidy_year_eur(self) -> float:
        """Maximum subsidy per year, in euros."""
        return _eur(self.max_subsidy_year_cents)

    @property
    def cofinancing_eur(self) -> float:
        """Required co-financing over the period, in euros."""
        return _eur(self.cofinancing_cents)

    def to_dict(self) -> dict[str, Any]:
        """The totals as plain data (cents and euros), for JSON."""
        out: dict[str, Any] = {}
        for f in self.__dataclass_fields__:
            out[f] = _plain(getattr(self, f))
        out["max_subsidy_4y_eur"] = self.max_subsidy_4y_eur
        out["max_subsidy_year_eur"] = self.max_subsidy_year_eur
        out["cofinancing_eur"] = self.cofinancing_eur
        out["max_subsidy_4y_upper_eur"] = _eur(self.max_subsidy_4y_upper_cents)
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
        :func:`apply_agreements`); empty without agreements.
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
    """A value as plain JSON data (numpy scalars to Python, NaN/NA to None)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer | int):
        return int(value)
    if isinstance(value, np.floating | float):
        f = float(value)
        if math.isnan(f):
            return None
        return int(f) if f.is_integer() and abs(f) < 2**53 else f
    if isinstance(value, Decimal):
        return str(value)
    return value


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


# --- input checks --------------------------------------------------------------------------------


def _check_schools(schools: pd.DataFrame) -> None:
    required = ["code", "kind", *TECHNICAL_CELL_COLUMNS, *LEERWEG_TOTAL_COLUMNS]
    missing = [c for c in required if c not in schools.columns]
    if missing:
        raise InputDataError(
            [
                Problem(
                    "the schools table lacks a column funding needs",
                    column=c,
                    fix="load the table with regionkit.schools.load_schools()",
                )
                for c in missing
            ],
            f"the schools table lacks {len(missing)} column(s) funding needs",
        )
    dup = schools["code"][schools["code"].duplicated()]
    if len(dup):
        raise InputDataError(
            [Problem("school code occurs more than once", column="code", value=c) for c in dup],
            "the schools table has duplicate codes",
        )


def _clean_assignment(assignment: pd.Series, schools: pd.DataFrame) -> pd.Series:
    """The assignment as region per school code of the table (NA for none); errors listed."""
    if not isinstance(assignment, pd.Series):
        raise InputDataError(
            "the assignment must be a pandas Series of region names indexed by school code"
        )
    a = assignment.copy()
    a.index = a.index.map(lambda c: str(c).strip())
    a = a.astype("string").str.strip().replace("", pd.NA)
    problems = []
    known = set(schools["code"].astype(str))
    unknown = sorted({c for c in a.index if c not in known})
    for code in unknown:
        close = difflib.get_close_matches(code, sorted(known), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        problems.append(
            Problem(
                f"school code in the assignment is not in the schools table{hint}",
                column="code",
                value=code,
                fix="correct the code (BRIN + 2-digit branch), or add the school to the table",
            )
        )
    assigned = a.dropna()
    dup = assigned.groupby(level=0).nunique()
    for code in dup[dup > 1].index:
        regions = sorted(set(assigned.loc[[code]]))
        problems.append(
            Problem(
                f"school is in {len(regions)} regions ({', '.join(regions)}); "
                "a vmbo/vso school may be in at most one",
                column="code",
                value=code,
                fix="keep the school in one region",
            )
        )
    if problems:
        raise InputDataError(problems, f"{len(problems)} problem(s) in the assignment")
    a = a[~a.index.duplicated(keep="first")]
    return a.reindex(schools["code"].astype(str).to_numpy())


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
    data["technical_pupils"] = data["counted_pupils_bb_kb"] + data["counted_pupils_gl"]
    data["techniekarm_denominator"] = total(_DENOMINATOR_COLUMNS[cfg.techniekarm_denominator])
    data["n_suppressed"] = np.where(counted, reported, 0).astype(np.int64)
    # suppressed counts the table does not name could be anywhere: the upper bound reads them
    # as BB/KB pupils in a technical profile
    data["counted_pupils_bb_kb_upper"] = cp_upper["bb_kb"].to_numpy() + SUPPRESSED_MAX * unnamed
    data["counted_pupils_gl_upper"] = cp_upper["gl"].to_numpy()
    data["_unnamed_suppressed"] = unnamed
    return pd.DataFrame(data, index=schools.index)


_SUM_COLUMNS = [
    "counted_pupils_bb_kb",
    "counted_pupils_gl",
    "bb_kb_equivalent",
    *[f"pupils_{lw}" for lw in LEERWEGEN],
    "pupils_lj3",
    "pupils_lj4",
    *[f"pupils_{p}" for p in TECHNICAL_PROFILES],
    "technical_pupils",
    "techniekarm_denominator",
    "n_suppressed",
    "counted_pupils_bb_kb_upper",
    "counted_pupils_gl_upper",
]


#: Notes on the figures, per language (``Config.language``).
_NOTES: dict[str, dict[str, str]] = {
    "en": {
        "no_school": "no vmbo/vso school: nothing counts",
        "no_pupils": "no counted pupils: no subsidy",
        "no_denominator": (
            "no BB/KB/GL pupils in leerjaar 3-4: technical share undefined, not techniekarm"
        ),
        "suppressed_region": (
            "{n} suppressed count(s) (<5) counted as {value} each; upper bound +{max} each"
        ),
        "not_counted_kind": "praktijkonderwijs or other kind: pupils do not count for money",
        "no_region": "in no region: counts nowhere",
        "unnamed": (
            "{n} suppressed count(s) not named in suppressed_columns: "
            "the upper bound counts them as BB/KB pupils"
        ),
        "unassigned": "{n} vmbo/vso school(s) in no region: their pupils count nowhere",
        "suppressed": (
            "{n} suppressed count(s) (<5) counted as {value} each; upper bound +{max} each"
        ),
        "gl_weight": (
            "gl_weight {weight} differs from rate_gl / rate_bb_kb ({ratio}): BB/KB-equivalent "
            "counts and money weigh GL pupils differently"
        ),
    },
    "nl": {
        "no_school": "geen vmbo/vso-vestiging: er telt niets",
        "no_pupils": "geen getelde leerlingen: geen subsidie",
        "no_denominator": (
            "geen BB/KB/GL-leerlingen in leerjaar 3-4: technisch aandeel onbepaald, "
            "niet techniekarm"
        ),
        "suppressed_region": (
            "{n} afgeschermde telling(en) (<5) geteld als {value}; bovengrens +{max} per telling"
        ),
        "not_counted_kind": "praktijkonderwijs of ander soort: leerlingen tellen niet voor geld",
        "no_region": "in geen regio: telt nergens",
        "unnamed": (
            "{n} afgeschermde telling(en) niet genoemd in suppressed_columns: "
            "de bovengrens telt ze als BB/KB-leerlingen"
        ),
        "unassigned": "{n} vmbo/vso-vestiging(en) in geen regio: hun leerlingen tellen nergens",
        "suppressed": (
            "{n} afgeschermde telling(en) (<5) geteld als {value}; bovengrens +{max} per telling"
        ),
        "gl_weight": (
            "gl_weight {weight} wijkt af van rate_gl / rate_bb_kb ({ratio}): BB/KB-equivalenten "
            "en geld wegen GL-leerlingen verschillend"
        ),
    },
}


def _note(language: str, key: str, **values: object) -> str:
    return _NOTES.get(language, _NOTES["en"])[key].format(**values)


def _region_note(row: pd.Series, language: str, suppressed_value: int) -> str:
    notes = []
    if row["n_schools_counted"] == 0:
        notes.append(_note(language, "no_school"))
    elif row["technical_pupils"] == 0:
        notes.append(_note(language, "no_pupils"))
    if row["techniekarm_denominator"] == 0:
        notes.append(_note(language, "no_denominator"))
    if row["n_suppressed"]:
        notes.append(
            _note(
                language,
                "suppressed_region",
                n=int(row["n_suppressed"]),
                value=suppressed_value,
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
    )


def fund(
    schools: pd.DataFrame,
    assignment: pd.Series,
    *,
    config: Config | None = None,
    agreements: Sequence[Agreement] | str | Path | None = None,
) -> FundingResult:
    """What the programme's money rules give each region of an assignment.

    Parameters
    ----------
    schools
        The schools table (:func:`regionkit.schools.load_schools`).
    assignment
        Region name per school code (``pandas.Series`` indexed by ``code``);
        a school absent or NA is in no region and counts nowhere.
    config
        The configuration; its ``funding`` section gives the rates, shares,
        techniekarm rule, count date and the value of a suppressed count.
        ``None`` for the defaults of ``docs/DOMAIN.md``.
    agreements
        Split agreements (:func:`read_agreements`), or the path of an
        agreements file; ``None`` for none. Without an agreement no split is
        invented (see :class:`FundingResult`).

    Returns
    -------
    FundingResult
        Per region and per school figures, national totals and the split.

    Raises
    ------
    InputDataError
        When the assignment names schools not in the table (all are listed), puts
        a school in two regions, or an agreement is invalid (every problem listed).
    ConfigError
        For a rate that is not a whole number of cents.

    Examples
    --------
    >>> from regionkit.proposal import proposal_from_division
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> result = fund(schools, proposal_from_division(schools, "nodal").assignment)
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
    config = config or Config()
    cfg = config.funding
    money = _Money.from_config(cfg)
    _check_schools(schools)
    schools = schools.reset_index(drop=True)
    region = _clean_assignment(assignment, schools)

    per_school = _school_counts(schools, money, cfg)
    per_school.insert(0, "region", region.to_numpy())
    per_school.insert(0, "kind", schools["kind"].astype("string").to_numpy())
    per_school.insert(
        0,
        "name",
        schools["name"].astype("string").to_numpy() if "name" in schools.columns else pd.NA,
    )
    per_school.insert(0, "code", schools["code"].astype(str).to_numpy())
    per_school["region"] = per_school["region"].astype("string")
    in_region = per_school["region"].notna().to_numpy()

    # per region ------------------------------------------------------------------------------
    members = per_school[in_region]
    names = sorted(members["region"].unique().tolist())
    grouped = members.groupby("region", sort=True)
    regions = pd.DataFrame({"region": pd.Series(names, dtype="string")})
    regions["n_schools"] = grouped.size().reindex(names).to_numpy(dtype=np.int64)
    regions["n_schools_counted"] = (
        grouped["counts_for_money"].sum().reindex(names).to_numpy(dtype=np.int64)
    )
    regions["n_schools_technical"] = (
        grouped["technical_pupils"].apply(lambda s: int((s > 0).sum())).reindex(names).to_numpy()
    ).astype(np.int64)
    sums = grouped[_SUM_COLUMNS].sum().reindex(names)
    for c in _SUM_COLUMNS:
        regions[c] = sums[c].to_numpy() if len(names) else np.array([], dtype=np.int64)
    regions["n_suppressed"] = regions["n_suppressed"].astype(np.int64)
    max_4y = [
        money.subsidy_cents(bb, gl)
        for bb, gl in zip(
            regions["counted_pupils_bb_kb"], regions["counted_pupils_gl"], strict=True
        )
    ]
    upper_4y = [
        money.subsidy_cents(bb, gl)
        for bb, gl in zip(
            regions["counted_pupils_bb_kb_upper"], regions["counted_pupils_gl_upper"], strict=True
        )
    ]
    regions["max_subsidy_4y_cents"] = np.array(max_4y, dtype=np.int64)
    regions["max_subsidy_4y_eur"] = [_eur(c) for c in max_4y]
    per_year = [money.per_year_cents(c) for c in max_4y]
    regions["max_subsidy_year_cents"] = np.array(per_year, dtype=np.int64)
    regions["max_subsidy_year_eur"] = [_eur(c) for c in per_year]
    cofin = [money.cofinancing_cents(c) for c in max_4y]
    regions["cofinancing_cents"] = np.array(cofin, dtype=np.int64)
    regions["cofinancing_eur"] = [_eur(c) for c in cofin]
    den = regions["techniekarm_denominator"].astype(np.float64)
    regions["technical_share"] = np.where(
        den > 0, regions["technical_pupils"].astype(np.float64) / den.where(den > 0, 1.0), np.nan
    )
    regions["techniekarm"] = np.array(
        [money.is_techniekarm(n, d) for n, d in zip(regions["technical_pupils"], den, strict=True)],
        dtype=bool,
    )
    regions["max_subsidy_4y_upper_cents"] = np.array(upper_4y, dtype=np.int64)
    regions["max_subsidy_4y_upper_eur"] = [_eur(c) for c in upper_4y]
    regions["has_agreement"] = False
    language = config.language
    regions["note"] = [
        _region_note(row, language, money.suppressed_value) for _, row in regions.iterrows()
    ]
    regions["data_year"] = cfg.data_year
    regions["count_date"] = cfg.count_date

    # per school: indicative amounts (what each school's pupils add to its region's maximum)
    indicative = pd.Series(pd.NA, index=per_school.index, dtype="Int64")
    total_by_region = dict(zip(names, max_4y, strict=True))
    for name, rows in grouped.groups.items():
        weights = [
            Fraction(money.subsidy_exact(bb, gl))
            for bb, gl in zip(
                per_school.loc[rows, "counted_pupils_bb_kb"],
                per_school.loc[rows, "counted_pupils_gl"],
                strict=True,
            )
        ]
        total = total_by_region[str(name)]
        shares = largest_remainder(total, weights) if total else [0] * len(weights)
        indicative.loc[rows] = shares
    per_school["indicative_4y_cents"] = indicative
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
            x
            for x in (
                school_notes[i],
                _note(language, "unnamed", n=int(unnamed[i])),
            )
            if x
        )
    per_school["note"] = school_notes
    per_school["data_year"] = cfg.data_year
    per_school["count_date"] = cfg.count_date

    # totals ------------------------------------------------------------------------------------
    counted_mask = per_school["counts_for_money"].to_numpy()
    n_unassigned = int((counted_mask & ~in_region).sum())
    national = _totals(
        "regions",
        members,
        money,
        cfg,
        n_regions=len(names),
        n_techniekarm=int(regions["techniekarm"].sum()),
        n_unassigned=n_unassigned,
        max_4y=sum(max_4y),
        per_year=sum(per_year),
        cofinancing=sum(cofin),
        upper_4y=sum(upper_4y),
    )
    all_counted = per_school[counted_mask]
    whole_4y = money.subsidy_cents(
        all_counted["counted_pupils_bb_kb"].sum(), all_counted["counted_pupils_gl"].sum()
    )
    whole = _totals(
        "all schools",
        all_counted,
        money,
        cfg,
        n_regions=len(names),
        n_techniekarm=int(regions["techniekarm"].sum()),
        n_unassigned=n_unassigned,
        max_4y=whole_4y,
        per_year=money.per_year_cents(whole_4y),
        cofinancing=money.cofinancing_cents(whole_4y),
        upper_4y=money.subsidy_cents(
            all_counted["counted_pupils_bb_kb_upper"].sum(),
            all_counted["counted_pupils_gl_upper"].sum(),
        ),
    )

    notes: list[str] = []
    if n_unassigned:
        notes.append(_note(language, "unassigned", n=n_unassigned))
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
    empty_split = _empty_split(cfg)
    result = FundingResult(
        regions=regions,
        schools=per_school.reset_index(drop=True),
        national=national,
        whole_table=whole,
        split=empty_split,
        config=cfg,
        notes=tuple(notes),
    )
    if agreements is None:
        return result
    if isinstance(agreements, str | Path):
        agreements = read_agreements(agreements)
    split = apply_agreements(result, agreements, schools, assignment)
    return _with_split(result, split)


def _with_split(result: FundingResult, split: pd.DataFrame) -> FundingResult:
    schools = result.schools.copy()
    by_code = split.set_index("code")
    for c in ("technical_4y_cents", "other_4y_cents", "amount_4y_cents"):
        schools[c] = schools["code"].map(by_code[c]).astype("Int64")
    regions = result.regions.copy()
    regions["has_agreement"] = regions["region"].isin(set(split["region"])).to_numpy(dtype=bool)
    return FundingResult(
        regions=regions,
        schools=schools,
        national=result.national,
        whole_table=result.whole_table,
        split=split,
        config=result.config,
        notes=result.notes,
    )


# --- split agreements ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementPart:
    """One part of a split agreement: its share of the region's money and how it is shared.

    Attributes
    ----------
    part
        ``"technical"`` (the technical profiles) or ``"other"`` (other
        technique activities).
    share
        Share of the region's maximum subsidy, as an exact decimal fraction.
    method
        ``"pro_rata"`` (to counted BB/KB-equivalent pupils), ``"equal"`` or
        ``"explicit"``.
    amounts_cents
        For ``"explicit"``: ``(code, cents)`` per school; they must add up to
        the part's amount.
    schools
        For ``"pro_rata"``/``"equal"``: the schools that share the part
        (empty: every vmbo/vso school of the region).
    where
        Where the part was stated (for messages): a row or a TOML key.
    """

    part: str
    share: Decimal
    method: Method
    amounts_cents: tuple[tuple[str, int], ...] = ()
    schools: tuple[str, ...] = ()
    where: str = ""


@dataclass(frozen=True)
class Agreement:
    """A region's split agreement.

    Attributes
    ----------
    region
        The region's name, as in the assignment.
    parts
        The parts (at most one per name in :data:`PARTS`); a part not stated
        has share 0.
    source
        The file it was read from, if any.
    where
        Where in the file (a row or a TOML table), for messages.

    Examples
    --------
    >>> a = Agreement("Twente", (
    ...     AgreementPart("technical", Decimal("0.75"), "pro_rata"),
    ...     AgreementPart("other", Decimal("0.25"), "equal"),
    ... ))
    >>> a.share_total
    Decimal('1.00')
    """

    region: str
    parts: tuple[AgreementPart, ...]
    source: str | None = None
    where: str = ""

    @property
    def share_total(self) -> Decimal:
        """The parts' shares added up (must be exactly 1)."""
        return sum((p.share for p in self.parts), Decimal(0))

    def part(self, name: str) -> AgreementPart | None:
        """The part called ``name``, or ``None`` when it is not stated."""
        return next((p for p in self.parts if p.part == name), None)


def _pct_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _share_problem(total: Decimal) -> str | None:
    """'shares add up to 95 %, 5 percentage points short', or None when they add up to 1."""
    if total == 1:
        return None
    pct = total * 100
    diff = abs(100 - pct)
    how = "short" if total < 1 else "too much"
    return (
        f"shares add up to {_pct_text(pct)} %, {_pct_text(diff)} percentage point"
        f"{'' if diff == 1 else 's'} {how}"
    )


def _key(text: object) -> str:
    return str(text).strip().lower().replace("-", "_").replace(" ", "_")


def _parse_number(value: object) -> Decimal | None:
    """A number from TOML or a table cell: 0.75, '0,75', '1.234,56', '1,234.56', 'EUR 12'."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        d = _decimal(value)
        return d if d.is_finite() else None
    t = str(value).strip()
    for junk in ("EUR", "eur", "€", "\u00a0", " "):
        t = t.replace(junk, "")
    if "," in t and "." in t:
        t = (
            t.replace(".", "").replace(",", ".")
            if t.rfind(",") > t.rfind(".")
            else t.replace(",", "")
        )
    elif "," in t:
        t = t.replace(",", "") if t.count(",") > 1 else t.replace(",", ".")
    elif t.count(".") > 1:
        t = t.replace(".", "")
    try:
        d = Decimal(t)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _parse_share(value: object, where: str, problems: ProblemCollector, row: int | None) -> Decimal:
    text = str(value).strip()
    percent = text.endswith("%")
    number = _parse_number(text.rstrip("%").strip() if percent else value)
    fix = "write the share as a fraction (0.75) or a percentage (75 %)"
    if number is None:
        problems.add(f"{where}: the share is not a number", row=row, value=value, fix=fix)
        return Decimal(0)
    if percent:
        number = number / 100
    if number < 0 or number > 1:
        problems.add(
            f"{where}: a share must be between 0 and 1 (0 % and 100 %)",
            row=row,
            value=value,
            fix=fix,
        )
        return Decimal(0)
    return number


def _parse_amount(
    value: object, where: str, problems: ProblemCollector, row: int | None
) -> int | None:
    number = _parse_number(value)
    fix = "write the amount in euros with at most two decimals, e.g. 1234.56 or 1.234,56"
    if number is None:
        problems.add(f"{where}: the amount is not a number", row=row, value=value, fix=fix)
        return None
    cents = number * 100
    if cents != cents.to_integral_value():
        problems.add(
            f"{where}: the amount is not a whole number of cents", row=row, value=value, fix=fix
        )
        return None
    if cents < 0:
        problems.add(f"{where}: the amount is negative", row=row, value=value, fix=fix)
        return None
    return int(cents)


def _parse_part_name(value: object) -> str | None:
    return _PART_ALIASES.get(_key(value))


def _parse_method(value: object) -> str | None:
    return _METHOD_ALIASES.get(_key(value))


def _check_agreement(agreement: Agreement, problems: ProblemCollector) -> None:
    """Problems of one agreement that need no data: shares, methods, explicit amounts present."""
    where = agreement.where or f"region {agreement.region!r}"
    message = _share_problem(agreement.share_total)
    if message:
        problems.add(
            f"{where}: {message}",
            value=", ".join(f"{p.part} {_pct_text(p.share * 100)} %" for p in agreement.parts),
            fix="make the shares of 'technical' and 'other' add up to exactly 100 %",
        )
    seen: set[str] = set()
    for p in agreement.parts:
        pwhere = p.where or f"{where}, part {p.part!r}"
        if not 0 <= p.share <= 1:
            problems.add(
                f"{pwhere}: a share must be between 0 and 1 (0 % and 100 %)",
                value=str(p.share),
                fix="write the share as a fraction (0.75) or a percentage (75 %)",
            )
        if p.part in seen:
            problems.add(f"{pwhere}: part stated twice", fix="state each part once")
        seen.add(p.part)
        if p.part not in PARTS:
            problems.add(
                f"{pwhere}: unknown part", value=p.part, fix=f"use one of {', '.join(PARTS)}"
            )
        if p.method not in METHODS:
            problems.add(
                f"{pwhere}: unknown sharing method",
                value=p.method,
                fix=f"use one of {', '.join(METHODS)}",
            )
        if p.method == "explicit" and not p.amounts_cents and p.share:
            problems.add(
                f"{pwhere}: method 'explicit' but no amounts per school",
                fix="give an amount per school, or use method 'pro_rata' or 'equal'",
            )
        if p.method != "explicit" and p.amounts_cents:
            problems.add(
                f"{pwhere}: amounts per school given, but the method is {p.method!r}",
                fix="use method 'explicit', or remove the amounts",
            )
        codes = [c for c, _ in p.amounts_cents] + list(p.schools)
        for code in sorted({c for c in codes if codes.count(c) > 1}):
            problems.add(f"{pwhere}: school named twice", value=code, fix="name each school once")


_TOML_PART_KEYS = ("share", "method", "amounts", "schools")


def _read_toml(path: Path, problems: ProblemCollector) -> list[Agreement]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        problems.add(f"not valid TOML: {exc}", fix="check quotes, brackets and '=' signs")
        return []
    agreements = []
    for region, table in data.items():
        where = f"[{region}]"
        if not isinstance(table, dict):
            problems.add(
                f"{where}: expected a table per region, found a value",
                value=table,
                fix=f"write [{region}] and below it [{region}.technical] and [{region}.other]",
            )
            continue
        parts = []
        for key, spec in table.items():
            pwhere = f"[{region}.{key}]"
            name = _parse_part_name(key)
            if name is None:
                problems.add(
                    f"{where}: unknown key {key!r}",
                    fix=f"use the part tables {', '.join(PARTS)}",
                )
                continue
            if not isinstance(spec, dict):
                problems.add(
                    f"{pwhere}: expected a table with share and method",
                    value=spec,
                    fix=f'write [{region}.{key}] with share = 0.75 and method = "pro_rata"',
                )
                continue
            for k in spec:
                if k not in _TOML_PART_KEYS:
                    problems.add(
                        f"{pwhere}: unknown key {k!r}",
                        fix=f"allowed keys: {', '.join(_TOML_PART_KEYS)}",
                    )
            if "share" not in spec:
                problems.add(f"{pwhere}: no share", fix="add share = 0.75 (a fraction)")
            share = _parse_share(spec.get("share", 0), f"{pwhere} share", problems, None)
            method_raw = spec.get("method")
            method = _parse_method(method_raw) if method_raw is not None else None
            if method is None:
                problems.add(
                    f"{pwhere}: {'no' if method_raw is None else 'unknown'} sharing method",
                    value=method_raw,
                    fix=f"write method = one of {', '.join(repr(m) for m in METHODS)}",
                )
                method = "pro_rata"
            amounts = []
            raw_amounts = spec.get("amounts", {})
            if not isinstance(raw_amounts, dict):
                problems.add(
                    f"{pwhere}: amounts must be a table of school code = euros",
                    value=raw_amounts,
                    fix='write amounts = { "02QZ00" = 12500.00, ... }',
                )
                raw_amounts = {}
            for code, amount in raw_amounts.items():
                cents = _parse_amount(amount, f"{pwhere} amounts.{code}", problems, None)
                if cents is not None:
                    amounts.append((str(code).strip(), cents))
            schools_raw = spec.get("schools", [])
            if not isinstance(schools_raw, list):
                schools_raw = [schools_raw]
            parts.append(
                AgreementPart(
                    part=name,
                    share=share,
                    method=typing.cast(Method, method),
                    amounts_cents=tuple(amounts),
                    schools=tuple(str(s).strip() for s in schools_raw),
                    where=pwhere,
                )
            )
        agreements.append(Agreement(str(region), tuple(parts), source=str(path), where=where))
    return agreements


_CSV_COLUMNS = ("region", "part", "share", "method", "school", "amount")


def _read_csv(path: Path, problems: ProblemCollector) -> list[Agreement]:
    table = read_table(path)
    table.columns = [_key(c) for c in table.columns]
    missing = [c for c in ("region", "part") if c not in table.columns]
    if missing:
        for c in missing:
            problems.add(
                "required column missing",
                column=c,
                fix=f"give the columns {', '.join(_CSV_COLUMNS)} (school and amount may be empty)",
            )
        return []
    for c in _CSV_COLUMNS:
        if c not in table.columns:
            table[c] = pd.Series(pd.NA, index=table.index, dtype="string")
    # region -> part -> collected fields
    collected: dict[str, dict[str, dict[str, Any]]] = {}
    first_row: dict[str, int] = {}
    for i, raw in enumerate(table.to_dict(orient="records")):
        row = i + 2
        rec = {k: None if v is None or pd.isna(v) else str(v) for k, v in raw.items()}
        region = rec["region"]
        if region is None:
            if any(rec[c] is not None for c in _CSV_COLUMNS):
                problems.add("no region", row=row, column="region", fix="name the region")
            continue
        region = str(region)
        part = _parse_part_name(rec["part"]) if rec["part"] is not None else None
        if part is None:
            problems.add(
                "unknown or missing part",
                row=row,
                column="part",
                value=None if rec["part"] is None else rec["part"],
                fix=f"use one of {', '.join(PARTS)}",
            )
            continue
        first_row.setdefault(region, row)
        spec = collected.setdefault(region, {}).setdefault(
            part, {"share": None, "method": None, "amounts": [], "schools": [], "row": row}
        )
        where = f"{region} / {part}"
        if rec["share"] is not None:
            share = _parse_share(rec["share"], f"{where} share", problems, row)
            if spec["share"] is not None and spec["share"] != share:
                problems.add(
                    f"{where}: a different share than on row {spec['share_row']}",
                    row=row,
                    column="share",
                    value=rec["share"],
                    fix="state the share once per region and part",
                )
            spec["share"], spec["share_row"] = share, row
        if rec["method"] is not None:
            method = _parse_method(rec["method"])
            if method is None:
                problems.add(
                    f"{where}: unknown sharing method",
                    row=row,
                    column="method",
                    value=rec["method"],
                    fix=f"use one of {', '.join(METHODS)}",
                )
            elif spec["method"] is not None and spec["method"] != method:
                problems.add(
                    f"{where}: a different method than on an earlier row",
                    row=row,
                    column="method",
                    value=rec["method"],
                    fix="state one method per region and part",
                )
            else:
                spec["method"] = method
        school, amount = rec["school"], rec["amount"]
        if amount is not None:
            if school is None:
                problems.add(
                    f"{where}: an amount without a school",
                    row=row,
                    column="school",
                    value=amount,
                    fix="name the school (its 6-character code) the amount is for",
                )
            else:
                cents = _parse_amount(amount, f"{where} amount", problems, row)
                if cents is not None:
                    spec["amounts"].append((str(school), cents))
        elif school is not None:
            spec["schools"].append(str(school))
    agreements = []
    for region, parts in collected.items():
        built = []
        for part, spec in parts.items():
            where = f"{region} / {part}"
            if spec["share"] is None:
                problems.add(
                    f"{where}: no share on any row",
                    row=spec["row"],
                    column="share",
                    fix="give the part's share (e.g. 0.75) on one of its rows",
                )
                spec["share"] = Decimal(0)
            if spec["method"] is None:
                problems.add(
                    f"{where}: no sharing method on any row",
                    row=spec["row"],
                    column="method",
                    fix=f"give one of {', '.join(METHODS)} on one of its rows",
                )
                spec["method"] = "explicit" if spec["amounts"] else "pro_rata"
            built.append(
                AgreementPart(
                    part=part,
                    share=spec["share"],
                    method=spec["method"],
                    amounts_cents=tuple(spec["amounts"]),
                    schools=tuple(spec["schools"]),
                    where=f"row {spec['row']} ({where})",
                )
            )
        agreements.append(
            Agreement(
                region,
                tuple(built),
                source=str(path),
                where=f"row {first_row[region]} (region {region!r})",
            )
        )
    return agreements


def read_agreements(path: str | Path) -> list[Agreement]:
    """Read split agreements from TOML (one table per region) or a CSV/Excel table.

    TOML: one table per region with a table per part::

        [Twente.technical]
        share = 0.75
        method = "pro_rata"          # pro_rata | equal | explicit

        [Twente.other]
        share = 0.25
        method = "explicit"
        amounts = { "00AH07" = 100000.00, "02QZ00" = 250000.00 }   # euros

    A CSV (any separator) or Excel table has the columns ``region, part, share,
    method, school, amount``: one row per part, plus one row per school for
    explicit amounts (or for the schools that share a ``pro_rata``/``equal``
    part, when only some should). Shares are fractions (``0.75``) or
    percentages (``75 %``); amounts are euros (``1234.56`` or ``1.234,56``).

    Parameters
    ----------
    path
        The agreements file (``.toml``, ``.csv``, ``.xlsx``).

    Returns
    -------
    list of Agreement
        In file order.

    Raises
    ------
    InputDataError
        Listing every problem (file, row or key, value, fix): shares that do not
        add up to 100 % (saying by how much), unknown parts or methods, amounts
        that are not whole cents, a region stated twice.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "split.csv"
    >>> _ = p.write_text("region;part;share;method;school;amount\\n"
    ...                  "Enschede;technical;75%;pro_rata;;\\n"
    ...                  "Enschede;other;0,20;equal;;\\n")
    >>> read_agreements(p)
    Traceback (most recent call last):
    ...
    regionkit._errors.InputDataError: 1 problem in ...split.csv
      - split.csv: row 2 (region 'Enschede'): shares add up to 95 %, 5 percentage points short ...
    """
    p = Path(path)
    problems = ProblemCollector(file=str(p))
    if not p.exists():
        raise InputDataError(Problem("the file does not exist", fix="check the path", file=str(p)))
    reader = _read_toml if p.suffix.lower() == ".toml" else _read_csv
    agreements = reader(p, problems)
    seen: dict[str, str] = {}
    for a in agreements:
        if a.region in seen:
            problems.add(
                f"{a.where}: a second agreement for region {a.region!r} "
                f"(the first is at {seen[a.region]})",
                fix="state one agreement per region",
            )
        seen.setdefault(a.region, a.where)
        _check_agreement(a, problems)
    problems.raise_if_any()
    if not agreements:
        raise InputDataError(
            Problem(
                "the file states no agreement", fix="add one table or row per region", file=str(p)
            )
        )
    return agreements


def _unknown_region_message(region: str, known: Sequence[str]) -> tuple[str, str]:
    close = difflib.get_close_matches(region, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    listed = ", ".join(known[:12]) + (f" and {len(known) - 12} more" if len(known) > 12 else "")
    return (
        f"agreement for region {region!r}, which is not one of the {len(known)} regions{hint}",
        f"use a region name of the proposal (known regions: {listed or 'none'})",
    )


def apply_agreements(
    result: FundingResult,
    agreements: Iterable[Agreement],
    schools: pd.DataFrame,
    assignment: pd.Series,
) -> pd.DataFrame:
    """Every school's amount under its region's split agreement, in euro cents.

    The region's maximum subsidy over the period is first shared between the
    parts by their shares, then each part among the schools by its method,
    both with largest-remainder rounding: every part and every region adds up
    exactly, to the cent.

    Parameters
    ----------
    result
        The funding of the regions (:func:`fund`).
    agreements
        The agreements (:func:`read_agreements`), at most one per region.
    schools
        The schools table (for names and kinds).
    assignment
        The assignment the result was computed for.

    Returns
    -------
    pandas.DataFrame
        One row per school of every region with an agreement, sorted by region
        and code: ``region``, ``code``, ``name``, ``kind``, ``bb_kb_equivalent``,
        ``technical_method``, ``technical_4y_cents``, ``other_method``,
        ``other_4y_cents``, ``amount_4y_cents``, ``amount_4y_eur``,
        ``data_year``, ``count_date``.

    Raises
    ------
    InputDataError
        Listing every problem: an agreement for an unknown region (naming the
        close matches and the known regions), shares that do not add up,
        schools named that are not in the region, explicit amounts that do not
        add up to the part's amount (saying by how much).

    Examples
    --------
    >>> from regionkit.proposal import proposal_from_division
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> nodal = proposal_from_division(schools, "nodal").assignment
    >>> result = fund(schools, nodal)
    >>> split = apply_agreements(result, [Agreement("Enschede", (
    ...     AgreementPart("technical", Decimal("0.75"), "pro_rata"),
    ...     AgreementPart("other", Decimal("0.25"), "equal")))], schools, nodal)
    >>> total = result.regions.set_index("region").loc["Enschede", "max_subsidy_4y_cents"]
    >>> int(split["amount_4y_cents"].sum()) == int(total)
    True
    >>> split.groupby("kind")["code"].size().to_dict()
    {'vmbo': 22}
    """
    agreements = list(agreements)
    cfg = result.config
    problems = ProblemCollector(file=next((a.source for a in agreements if a.source), None))
    region_of = _clean_assignment(assignment, schools.reset_index(drop=True))
    per_school = result.schools.set_index("code")
    regions = result.regions.set_index("region")
    known = sorted(regions.index.astype(str).tolist())
    seen: set[str] = set()
    usable = []
    for a in agreements:
        _check_agreement(a, problems)
        where = a.where or f"region {a.region!r}"
        if a.region not in regions.index:
            message, fix = _unknown_region_message(a.region, known)
            problems.add(f"{where}: {message}", value=a.region, fix=fix)
            continue
        if a.region in seen:
            problems.add(f"{where}: a second agreement for this region", fix="keep one")
            continue
        seen.add(a.region)
        usable.append(a)

    rows = []
    for a in usable:
        total = int(regions.loc[a.region, "max_subsidy_4y_cents"])
        member_codes = sorted(region_of.index[(region_of == a.region).fillna(False).to_numpy()])
        eligible = [c for c in member_codes if bool(per_school.loc[c, "counts_for_money"])]
        shares = [a.part(p).share if a.part(p) else Decimal(0) for p in PARTS]  # type: ignore[union-attr]
        if sum(shares) != 1 or min(shares) < 0:
            continue  # already reported
        part_totals = dict(zip(PARTS, largest_remainder(total, shares), strict=True))
        amounts: dict[str, dict[str, int]] = {p: dict.fromkeys(member_codes, 0) for p in PARTS}
        methods: dict[str, str] = {}
        for part_name in PARTS:
            part = a.part(part_name)
            part_total = part_totals[part_name]
            methods[part_name] = part.method if part else ""
            if part is None:
                continue
            pwhere = part.where or f"{a.where or a.region}, part {part_name!r}"
            named = [c for c, _ in part.amounts_cents] + list(part.schools)
            bad = False
            for code in named:
                if code not in region_of.index:
                    msg = "is not in the schools table"
                elif region_of.get(code) is pd.NA or pd.isna(region_of.get(code)):
                    msg = "is in no region"
                elif region_of[code] != a.region:
                    msg = f"is in region {region_of[code]!r}"
                else:
                    continue
                bad = True
                problems.add(
                    f"{pwhere}: school {code} {msg}, not in {a.region!r}",
                    value=code,
                    fix=f"name only schools of region {a.region!r}",
                )
            if bad:
                continue
            if part.method == "explicit":
                given = sum(c for _, c in part.amounts_cents)
                if given != part_total:
                    diff = given - part_total
                    problems.add(
                        f"{pwhere}: explicit amounts add up to {format_cents(given, 'en')}, "
                        f"the part's amount is {format_cents(part_total, 'en')} "
                        f"({_pct_text(part.share * 100)} % of {format_cents(total, 'en')}): "
                        f"{format_cents(abs(diff), 'en')} {'too much' if diff > 0 else 'short'}",
                        value=format_cents(given, "en"),
                        fix="make the amounts add up to the part's amount exactly",
                    )
                    continue
                for code, cents in part.amounts_cents:
                    amounts[part_name][code] = cents
                continue
            recipients = sorted(part.schools) if part.schools else eligible
            if part.method == "equal":
                weights: list[Fraction] = [Fraction(1)] * len(recipients)
            else:
                weights = [
                    Fraction(_decimal(per_school.loc[c, "bb_kb_equivalent"])) for c in recipients
                ]
            if part_total and sum(weights, Fraction(0)) == 0:
                problems.add(
                    f"{pwhere}: {part.method} sharing of {format_cents(part_total, 'en')} "
                    f"among {'no schools' if not recipients else 'schools without counted pupils'}",
                    fix="name schools with counted pupils, or use method 'equal' or 'explicit'",
                )
                continue
            for code, cents in zip(recipients, largest_remainder(part_total, weights), strict=True):
                amounts[part_name][code] = cents
        for code in member_codes:
            rows.append(
                {
                    "region": a.region,
                    "code": code,
                    "technical_method": methods["technical"],
                    "technical_4y_cents": amounts["technical"][code],
                    "other_method": methods["other"],
                    "other_4y_cents": amounts["other"][code],
                }
            )
    problems.raise_if_any(
        f"{len(problems)} problem(s) in the split agreements"
        + (f" ({Path(problems.file).name})" if problems.file else "")
    )
    split = pd.DataFrame(rows, columns=_SPLIT_BASE)
    split["technical_4y_cents"] = split["technical_4y_cents"].astype(np.int64)
    split["other_4y_cents"] = split["other_4y_cents"].astype(np.int64)
    split["amount_4y_cents"] = split["technical_4y_cents"] + split["other_4y_cents"]
    info = per_school.reindex(split["code"])
    split.insert(2, "name", info["name"].to_numpy())
    split.insert(3, "kind", info["kind"].to_numpy())
    split.insert(4, "bb_kb_equivalent", info["bb_kb_equivalent"].to_numpy(dtype=np.float64))
    split["amount_4y_eur"] = [_eur(int(c)) for c in split["amount_4y_cents"]]
    split["data_year"] = cfg.data_year
    split["count_date"] = cfg.count_date
    split = split.sort_values(["region", "code"], kind="stable").reset_index(drop=True)
    return split[_SPLIT_COLUMNS]


_SPLIT_BASE = [
    "region",
    "code",
    "technical_method",
    "technical_4y_cents",
    "other_method",
    "other_4y_cents",
]
_SPLIT_COLUMNS = [
    "region",
    "code",
    "name",
    "kind",
    "bb_kb_equivalent",
    "technical_method",
    "technical_4y_cents",
    "other_method",
    "other_4y_cents",
    "amount_4y_cents",
    "amount_4y_eur",
    "data_year",
    "count_date",
]


def _empty_split(cfg: FundingConfig) -> pd.DataFrame:
    ints = ("technical_4y_cents", "other_4y_cents", "amount_4y_cents", "data_year")
    floats = ("bb_kb_equivalent", "amount_4y_eur")
    return pd.DataFrame(
        {
            c: np.array([], dtype=np.int64 if c in ints else np.float64 if c in floats else object)
            for c in _SPLIT_COLUMNS
        }
    )


# --- sanity check --------------------------------------------------------------------------------


def _diff(value: float, reference: float, language: Literal["nl", "en"]) -> str:
    d = value - reference
    pct = d / reference if reference else math.nan
    return f"{format_int(d, language, signed=True)} ({format_pct(pct, language, signed=True)})"


def sanity_check(
    result_or_schools: FundingResult | pd.DataFrame,
    *,
    config: Config | None = None,
) -> list[str]:
    """Compare national figures with the sanity figures of ``docs/DOMAIN.md``.

    The comparison uses every vmbo/vso school of the table (regions or not):
    The figures of docs/DOMAIN.md are national.

    Parameters
    ----------
    result_or_schools
        A :class:`FundingResult`, or a schools table (funded as a whole).
    config
        The configuration (rates, count date, ``language`` of the lines);
        ``None`` for the defaults. With a result, its funding section is used.

    Returns
    -------
    list of str
        One line per comparison, with the difference (absolute and in %).

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> lines = sanity_check(load_schools(), config=Config(language="en"))
    >>> print(lines[0].replace("; ", ";\\n"))
    BB/KB-equivalent counted pupils (count 2019-10-01): 21,572 (BB/KB 20,231 + GL 2,682 x 0.5);
    programme: about 21,100 for the 2018 count: +472 (+2.2 %)
    """
    config = config or Config()
    language = config.language
    if isinstance(result_or_schools, FundingResult):
        result = result_or_schools
    else:
        empty = pd.Series([], index=pd.Index([], dtype=str), dtype="string", name="region")
        result = fund(result_or_schools, empty, config=config)
    cfg = result.config
    w = result.whole_table
    nl = language == "nl"
    lines = []
    lines.append(
        (
            "BB/KB-equivalente getelde leerlingen (telling {date}): {eq} (BB/KB {bb} + GL {gl} x "
            "{wt}); programma: ongeveer {ref} voor de telling van {year}: {diff}"
            if nl
            else "BB/KB-equivalent counted pupils (count {date}): {eq} (BB/KB {bb} + GL {gl} x "
            "{wt}); programme: about {ref} for the {year} count: {diff}"
        ).format(
            date=cfg.count_date,
            eq=format_int(w.bb_kb_equivalent, language),
            bb=format_int(w.counted_pupils_bb_kb, language),
            gl=format_int(w.counted_pupils_gl, language),
            wt=f"{cfg.gl_weight:g}".replace(".", "," if nl else "."),
            ref=format_int(SANITY_BB_KB_EQUIVALENT, language),
            year=SANITY_BB_KB_EQUIVALENT_YEAR,
            diff=_diff(w.bb_kb_equivalent, SANITY_BB_KB_EQUIVALENT, language),
        )
    )
    budget_cents = int(SANITY_BUDGET_EUR * 100)
    d = w.max_subsidy_4y_cents - budget_cents
    lines.append(
        (
            "Maximale subsidie over {years} jaar: {eur}; landelijk budget {budget}: {diff} ({pct})"
            if nl
            else "Maximum subsidy over {years} years: {eur}; national budget {budget}: "
            "{diff} ({pct})"
        ).format(
            years=cfg.period_years,
            eur=format_cents(w.max_subsidy_4y_cents, language),
            budget=format_eur_millions(SANITY_BUDGET_EUR, language),
            diff=format_cents(d, language, signed=True),
            pct=format_pct(d / budget_cents, language, signed=True),
        )
    )
    if cfg.rate_bb_kb_eur:
        implied = SANITY_BUDGET_EUR / _decimal(cfg.rate_bb_kb_eur)
        lines.append(
            (
                "Het budget komt overeen met {n} BB/KB-equivalente leerlingen tegen {rate} "
                "(programma: ongeveer {ref})"
                if nl
                else "The budget corresponds to {n} BB/KB-equivalent pupils at {rate} "
                "(programme: about {ref})"
            ).format(
                n=format_int(implied, language),
                rate=format_cents(_rate_cents(cfg.rate_bb_kb_eur, "rate_bb_kb_eur"), language),
                ref=format_int(SANITY_BB_KB_EQUIVALENT, language),
            )
        )
    if cfg.data_year == 2019:
        schools_tbl = result.schools
        counted = schools_tbl[schools_tbl["counts_for_money"]]
        lj3, lj4 = counted["pupils_lj3"].sum(), counted["pupils_lj4"].sum()
        n_tech = int((counted["technical_pupils"] > 0).sum())
        lines.append(
            (
                "Leerlingen in een technisch profiel (DUO 1 okt 2019): leerjaar 3 {lj3}, "
                "leerjaar 4 {lj4}, {n} vestigingen; programma: {r3}, {r4}, {rn}: {d3}, {d4}, {dn}"
                if nl
                else "Technical-profile pupils (DUO 1 Oct 2019): leerjaar 3 {lj3}, leerjaar 4 "
                "{lj4}, {n} schools; programme: {r3}, {r4}, {rn}: {d3}, {d4}, {dn}"
            ).format(
                lj3=format_int(lj3, language),
                lj4=format_int(lj4, language),
                n=format_int(n_tech, language),
                r3=format_int(SANITY_2019_TECHNICAL_LJ3, language),
                r4=format_int(SANITY_2019_TECHNICAL_LJ4, language),
                rn=format_int(SANITY_2019_TECHNICAL_SCHOOLS, language),
                d3=format_int(lj3 - SANITY_2019_TECHNICAL_LJ3, language, signed=True),
                d4=format_int(lj4 - SANITY_2019_TECHNICAL_LJ4, language, signed=True),
                dn=format_int(n_tech - SANITY_2019_TECHNICAL_SCHOOLS, language, signed=True),
            )
        )
    lines.append(
        (
            "Landelijk aandeel technische profielen: {share} van {den} leerlingen "
            "(programma: ongeveer {ref})"
            if nl
            else "National technical share: {share} of {den} pupils (programme: about {ref})"
        ).format(
            share=format_pct(w.technical_share, language),
            den=format_int(w.techniekarm_denominator, language),
            ref=format_pct(SANITY_TECHNICAL_SHARE, language, decimals=0),
        )
    )
    n = result.national
    if n.n_regions:
        lines.append(
            (
                "De {r} regio's tellen {eq} van de {all} BB/KB-equivalente leerlingen ({pct}); "
                "{u} vmbo/vso-vestigingen in geen regio"
                if nl
                else "The {r} regions count {eq} of the {all} BB/KB-equivalent pupils ({pct}); "
                "{u} vmbo/vso schools in no region"
            ).format(
                r=n.n_regions,
                eq=format_int(n.bb_kb_equivalent, language),
                all=format_int(w.bb_kb_equivalent, language),
                pct=format_pct(
                    n.bb_kb_equivalent / w.bb_kb_equivalent if w.bb_kb_equivalent else math.nan,
                    language,
                ),
                u=format_int(n.n_schools_unassigned, language),
            )
        )
    return lines
