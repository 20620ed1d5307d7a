"""Split agreements: how a region shares its money among its schools.

A region may agree up front which share of its money goes to the technical
profiles and which to other technique activities, and how each part is shared
among its schools: pro rata to counted pupils, in equal shares, or as explicit
amounts (``docs/DOMAIN.md``). regionkit computes such a split from a stated
agreement; it never invents one.

An agreement is read from TOML (one table per region) or from a CSV/Excel table
(:func:`read_agreements`); both readers only collect what the file states, and
one validator turns it into :class:`Agreement` values, so both formats accept
and reject the same things with the same messages. :func:`apply_agreements`
then shares each region's maximum subsidy (from :func:`regionkit.funding.fund`)
in euro cents with largest-remainder rounding, so every part and every region
adds up to the cent.
"""

from __future__ import annotations

import difflib
import tomllib
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from regionkit._errors import InputDataError, Problem, ProblemCollector
from regionkit._format import format_cents
from regionkit._io import read_table
from regionkit._money import as_decimal, cents_to_eur, largest_remainder

if TYPE_CHECKING:
    from regionkit.funding import FundingResult

__all__ = [
    "METHODS",
    "PARTS",
    "SPLIT_COLUMNS",
    "Agreement",
    "AgreementPart",
    "apply_agreements",
    "empty_split",
    "read_agreements",
]

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


# --- the agreement -------------------------------------------------------------------------------


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

    def share(self, name: str) -> Decimal:
        """The share of the part called ``name`` (0 when it is not stated)."""
        part = self.part(name)
        return part.share if part is not None else Decimal(0)


# --- reading values ------------------------------------------------------------------------------


def _pct_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _key(text: object) -> str:
    return str(text).strip().lower().replace("-", "_").replace(" ", "_")


def _parse_number(value: object) -> Decimal | None:
    """A number from TOML or a table cell: 0.75, '0,75', '1.234,56', '1,234.56', 'EUR 12'."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        d = as_decimal(value)
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


# --- one validator for both formats --------------------------------------------------------------


@dataclass
class _StatedPart:
    """One part of an agreement as a file states it, before validation.

    Every value is kept as written, with the row it was written on (``None``
    in TOML), so that one validator reads and checks both formats alike.
    """

    region: str
    part: str
    where: str
    row: int | None = None
    shares: list[tuple[object, int | None]] = field(default_factory=list)
    methods: list[tuple[object, int | None]] = field(default_factory=list)
    amounts: list[tuple[str, object, int | None]] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)


def _stated_share(stated: _StatedPart, problems: ProblemCollector) -> Decimal:
    """The part's share: stated once (or the same on every row it is stated on)."""
    if not stated.shares:
        problems.add(
            f"{stated.where}: no share",
            row=stated.row,
            column="share" if stated.row is not None else None,
            fix="state the part's share, e.g. 0.75 or 75 %",
        )
        return Decimal(0)
    share: Decimal | None = None
    first_row: int | None = None
    for value, row in stated.shares:
        parsed = _parse_share(value, f"{stated.where} share", problems, row)
        if share is not None and parsed != share:
            problems.add(
                f"{stated.where}: a different share than on row {first_row}",
                row=row,
                column="share",
                value=value,
                fix="state the share once per region and part",
            )
            continue
        share, first_row = parsed, row
    return share if share is not None else Decimal(0)


def _stated_method(stated: _StatedPart, problems: ProblemCollector) -> Method:
    """The part's sharing method: stated once (or the same on every row it is stated on)."""
    method: str | None = None
    for value, row in stated.methods:
        parsed = _parse_method(value)
        if parsed is None:
            problems.add(
                f"{stated.where}: unknown sharing method",
                row=row,
                column="method" if row is not None else None,
                value=value,
                fix=f"use one of {', '.join(METHODS)}",
            )
        elif method is not None and parsed != method:
            problems.add(
                f"{stated.where}: a different method than on an earlier row",
                row=row,
                column="method",
                value=value,
                fix="state one method per region and part",
            )
        else:
            method = parsed
    if not stated.methods:
        problems.add(
            f"{stated.where}: no sharing method",
            row=stated.row,
            column="method" if stated.row is not None else None,
            fix=f"state one of {', '.join(METHODS)}",
        )
    if method is None:
        method = "explicit" if stated.amounts else "pro_rata"
    return typing.cast(Method, method)


def _part_from_stated(stated: _StatedPart, problems: ProblemCollector) -> AgreementPart:
    """Read and check one stated part (share, method, amounts) into an :class:`AgreementPart`."""
    share = _stated_share(stated, problems)
    method = _stated_method(stated, problems)
    amounts = []
    for code, value, row in stated.amounts:
        where = f"{stated.where} amount" if row is not None else f"{stated.where} amounts.{code}"
        cents = _parse_amount(value, where, problems, row)
        if cents is not None:
            amounts.append((code, cents))
    return AgreementPart(
        part=stated.part,
        share=share,
        method=method,
        amounts_cents=tuple(amounts),
        schools=tuple(stated.schools),
        where=stated.where,
    )


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


def _where(agreement: Agreement) -> str:
    """Where an agreement was stated, for messages."""
    return agreement.where or f"region {agreement.region!r}"


def _part_where(agreement: Agreement, part: AgreementPart) -> str:
    """Where a part of an agreement was stated, for messages."""
    return part.where or f"{_where(agreement)}, part {part.part!r}"


def _check_part(part: AgreementPart, pwhere: str, problems: ProblemCollector) -> None:
    """Problems of one part that need no data: its share, method and amounts."""
    if not 0 <= part.share <= 1:
        problems.add(
            f"{pwhere}: a share must be between 0 and 1 (0 % and 100 %)",
            value=str(part.share),
            fix="write the share as a fraction (0.75) or a percentage (75 %)",
        )
    if part.part not in PARTS:
        problems.add(
            f"{pwhere}: unknown part", value=part.part, fix=f"use one of {', '.join(PARTS)}"
        )
    if part.method not in METHODS:
        problems.add(
            f"{pwhere}: unknown sharing method",
            value=part.method,
            fix=f"use one of {', '.join(METHODS)}",
        )
    if part.method == "explicit" and not part.amounts_cents and part.share:
        problems.add(
            f"{pwhere}: method 'explicit' but no amounts per school",
            fix="give an amount per school, or use method 'pro_rata' or 'equal'",
        )
    if part.method != "explicit" and part.amounts_cents:
        problems.add(
            f"{pwhere}: amounts per school given, but the method is {part.method!r}",
            fix="use method 'explicit', or remove the amounts",
        )
    codes = [c for c, _ in part.amounts_cents] + list(part.schools)
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.add(f"{pwhere}: school named twice", value=code, fix="name each school once")


def _check_agreement(agreement: Agreement, problems: ProblemCollector) -> bool:
    """Record the problems of one agreement that need no data; True when it has none."""
    before = len(problems)
    where = _where(agreement)
    message = _share_problem(agreement.share_total)
    if message:
        problems.add(
            f"{where}: {message}",
            value=", ".join(f"{p.part} {_pct_text(p.share * 100)} %" for p in agreement.parts),
            fix="make the shares of 'technical' and 'other' add up to exactly 100 %",
        )
    seen: set[str] = set()
    for p in agreement.parts:
        if p.part in seen:
            problems.add(
                f"{_part_where(agreement, p)}: part stated twice", fix="state each part once"
            )
        seen.add(p.part)
        _check_part(p, _part_where(agreement, p), problems)
    return len(problems) == before


def _unknown_region_message(region: str, known: Sequence[str]) -> tuple[str, str]:
    close = difflib.get_close_matches(region, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    listed = ", ".join(known[:12]) + (f" and {len(known) - 12} more" if len(known) > 12 else "")
    return (
        f"agreement for region {region!r}, which is not one of the {len(known)} regions{hint}",
        f"use a region name of the proposal (known regions: {listed or 'none'})",
    )


def _validate(
    agreements: Sequence[Agreement],
    problems: ProblemCollector,
    known_regions: Sequence[str] | None = None,
) -> list[Agreement]:
    """Check agreements, recording every problem; the ones that can be applied.

    An agreement can be applied when it has no problem of its own, is the only
    one for its region and (with ``known_regions``) names a region there is.
    """
    usable = []
    seen: dict[str, str] = {}
    for a in agreements:
        ok = _check_agreement(a, problems)
        where = _where(a)
        if known_regions is not None and a.region not in known_regions:
            message, fix = _unknown_region_message(a.region, known_regions)
            problems.add(f"{where}: {message}", value=a.region, fix=fix)
            continue
        if a.region in seen:
            problems.add(
                f"{where}: a second agreement for region {a.region!r} "
                f"(the first is at {seen[a.region]})",
                fix="state one agreement per region",
            )
            continue
        seen[a.region] = where
        if ok:
            usable.append(a)
    return usable


# --- the two formats -----------------------------------------------------------------------------


_TOML_PART_KEYS = ("share", "method", "amounts", "schools")


def _stated_toml_part(
    region: str, key: str, spec: object, problems: ProblemCollector
) -> _StatedPart | None:
    """What one ``[region.part]`` table states, or None (recorded) when it is not usable."""
    where = f"[{region}]"
    pwhere = f"[{region}.{key}]"
    name = _parse_part_name(key)
    if name is None:
        problems.add(f"{where}: unknown key {key!r}", fix=f"use the part tables {', '.join(PARTS)}")
        return None
    if not isinstance(spec, dict):
        problems.add(
            f"{pwhere}: expected a table with share and method",
            value=spec,
            fix=f'write [{region}.{key}] with share = 0.75 and method = "pro_rata"',
        )
        return None
    for k in spec:
        if k not in _TOML_PART_KEYS:
            problems.add(
                f"{pwhere}: unknown key {k!r}", fix=f"allowed keys: {', '.join(_TOML_PART_KEYS)}"
            )
    stated = _StatedPart(region=region, part=name, where=pwhere)
    if "share" in spec:
        stated.shares.append((spec["share"], None))
    if spec.get("method") is not None:
        stated.methods.append((spec["method"], None))
    amounts = spec.get("amounts", {})
    if not isinstance(amounts, dict):
        problems.add(
            f"{pwhere}: amounts must be a table of school code = euros",
            value=amounts,
            fix='write amounts = { "02QZ00" = 12500.00, ... }',
        )
        amounts = {}
    stated.amounts.extend((str(code).strip(), value, None) for code, value in amounts.items())
    schools = spec.get("schools", [])
    if not isinstance(schools, list):
        schools = [schools]
    stated.schools.extend(str(s).strip() for s in schools)
    return stated


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
            stated = _stated_toml_part(str(region), key, spec, problems)
            if stated is not None:
                parts.append(_part_from_stated(stated, problems))
        agreements.append(Agreement(str(region), tuple(parts), source=str(path), where=where))
    return agreements


_CSV_COLUMNS = ("region", "part", "share", "method", "school", "amount")


def _table_rows(path: Path, problems: ProblemCollector) -> list[tuple[int, dict[str, str | None]]]:
    """The rows of an agreements table as ``(row number, {column: text or None})``."""
    table = read_table(path, keep_blank_lines=True)
    table.columns = [_key(c) for c in table.columns]
    missing = [c for c in ("region", "part") if c not in table.columns]
    for c in missing:
        problems.add(
            "required column missing",
            column=c,
            fix=f"give the columns {', '.join(_CSV_COLUMNS)} (school and amount may be empty)",
        )
    if missing:
        return []
    rows = []
    for i, raw in enumerate(table.to_dict(orient="records")):
        rec = {c: None if pd.isna(raw.get(c, pd.NA)) else str(raw[c]) for c in _CSV_COLUMNS}
        if any(v is not None for v in rec.values()):
            rows.append((i + 2, rec))
    return rows


def _collect_row(
    row: int,
    rec: dict[str, str | None],
    collected: dict[str, dict[str, _StatedPart]],
    problems: ProblemCollector,
) -> None:
    """Add what one table row states to the parts collected so far."""
    region = rec["region"]
    if region is None:
        problems.add("no region", row=row, column="region", fix="name the region")
        return
    part = _parse_part_name(rec["part"]) if rec["part"] is not None else None
    if part is None:
        problems.add(
            "unknown or missing part",
            row=row,
            column="part",
            value=rec["part"],
            fix=f"use one of {', '.join(PARTS)}",
        )
        return
    parts = collected.setdefault(region, {})
    stated = parts.get(part)
    if stated is None:
        stated = parts[part] = _StatedPart(
            region=region, part=part, where=f"row {row} ({region} / {part})", row=row
        )
    if rec["share"] is not None:
        stated.shares.append((rec["share"], row))
    if rec["method"] is not None:
        stated.methods.append((rec["method"], row))
    school, amount = rec["school"], rec["amount"]
    if amount is not None and school is None:
        problems.add(
            f"{region} / {part}: an amount without a school",
            row=row,
            column="school",
            value=amount,
            fix="name the school (its 6-character code) the amount is for",
        )
    elif amount is not None and school is not None:
        stated.amounts.append((school, amount, row))
    elif school is not None:
        stated.schools.append(school)


def _read_csv(path: Path, problems: ProblemCollector) -> list[Agreement]:
    collected: dict[str, dict[str, _StatedPart]] = {}
    for row, rec in _table_rows(path, problems):
        _collect_row(row, rec, collected, problems)
    agreements = []
    for region, parts in collected.items():
        built = tuple(_part_from_stated(stated, problems) for stated in parts.values())
        first = min(stated.row or 0 for stated in parts.values())
        agreements.append(
            Agreement(region, built, source=str(path), where=f"row {first} (region {region!r})")
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
    _validate(agreements, problems)
    problems.raise_if_any()
    if not agreements:
        raise InputDataError(
            Problem(
                "the file states no agreement", fix="add one table or row per region", file=str(p)
            )
        )
    return agreements


# --- applying agreements -------------------------------------------------------------------------


#: The columns of a split table, in order.
SPLIT_COLUMNS: tuple[str, ...] = (
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
)


def empty_split() -> pd.DataFrame:
    """A split table without rows (the split of a funding without agreements)."""
    ints = ("technical_4y_cents", "other_4y_cents", "amount_4y_cents", "data_year")
    floats = ("bb_kb_equivalent", "amount_4y_eur")
    return pd.DataFrame(
        {
            c: np.array([], dtype=np.int64 if c in ints else np.float64 if c in floats else object)
            for c in SPLIT_COLUMNS
        }
    )


def _schools_outside(
    agreement: Agreement, part: AgreementPart, per_school: pd.DataFrame, problems: ProblemCollector
) -> bool:
    """Record every school the part names that is not in the agreement's region; True if any."""
    pwhere = _part_where(agreement, part)
    bad = False
    for code in [c for c, _ in part.amounts_cents] + list(part.schools):
        if code not in per_school.index:
            msg = "is not in the schools table"
        elif pd.isna(per_school.at[code, "region"]):
            msg = "is in no region"
        elif per_school.at[code, "region"] != agreement.region:
            msg = f"is in region {per_school.at[code, 'region']!r}"
        else:
            continue
        bad = True
        problems.add(
            f"{pwhere}: school {code} {msg}, not in {agreement.region!r}",
            value=code,
            fix=f"name only schools of region {agreement.region!r}",
        )
    return bad


def _explicit_amounts(
    part: AgreementPart,
    where: str,
    part_total: int,
    region_total: int,
    problems: ProblemCollector,
) -> dict[str, int]:
    """The amounts an explicit part states, when they add up to the part's amount exactly."""
    given = sum(c for _, c in part.amounts_cents)
    if given != part_total:
        diff = given - part_total
        problems.add(
            f"{where}: explicit amounts add up to {format_cents(given, 'en')}, "
            f"the part's amount is {format_cents(part_total, 'en')} "
            f"({_pct_text(part.share * 100)} % of {format_cents(region_total, 'en')}): "
            f"{format_cents(abs(diff), 'en')} {'too much' if diff > 0 else 'short'}",
            value=format_cents(given, "en"),
            fix="make the amounts add up to the part's amount exactly",
        )
        return {}
    return dict(part.amounts_cents)


def _shared_amounts(
    part: AgreementPart,
    where: str,
    part_total: int,
    members: Sequence[str],
    per_school: pd.DataFrame,
    problems: ProblemCollector,
) -> dict[str, int]:
    """A pro rata or equal part shared among its schools (named, or the region's counted ones)."""
    if part.schools:
        recipients = sorted(part.schools)
    else:
        recipients = [c for c in members if bool(per_school.at[c, "counts_for_money"])]
    if part.method == "equal":
        weights: list[Fraction] = [Fraction(1)] * len(recipients)
    else:
        weights = [Fraction(as_decimal(per_school.at[c, "bb_kb_equivalent"])) for c in recipients]
    if part_total and sum(weights, Fraction(0)) == 0:
        problems.add(
            f"{where}: {part.method} sharing of {format_cents(part_total, 'en')} among "
            f"{'no schools' if not recipients else 'schools without counted pupils'}",
            fix="name schools with counted pupils, or use method 'equal' or 'explicit'",
        )
        return {}
    return dict(zip(recipients, largest_remainder(part_total, weights), strict=True))


def _split_region(
    agreement: Agreement, total: int, per_school: pd.DataFrame, problems: ProblemCollector
) -> list[dict[str, Any]]:
    """One row per school of the region: its amount of each part, in cents."""
    members = sorted(per_school.index[(per_school["region"] == agreement.region).fillna(False)])
    part_totals = dict(
        zip(PARTS, largest_remainder(total, [agreement.share(p) for p in PARTS]), strict=True)
    )
    amounts: dict[str, dict[str, int]] = {p: dict.fromkeys(members, 0) for p in PARTS}
    for part in agreement.parts:
        if _schools_outside(agreement, part, per_school, problems):
            continue
        where, part_total = _part_where(agreement, part), part_totals[part.part]
        if part.method == "explicit":
            shared = _explicit_amounts(part, where, part_total, total, problems)
        else:
            shared = _shared_amounts(part, where, part_total, members, per_school, problems)
        amounts[part.part].update(shared)
    methods = dict.fromkeys(PARTS, "") | {p.part: p.method for p in agreement.parts}
    return [
        {
            "region": agreement.region,
            "code": code,
            "technical_method": methods["technical"],
            "technical_4y_cents": amounts["technical"][code],
            "other_method": methods["other"],
            "other_4y_cents": amounts["other"][code],
        }
        for code in members
    ]


def _split_table(
    rows: list[dict[str, Any]], per_school: pd.DataFrame, result: FundingResult
) -> pd.DataFrame:
    """The split rows as a table with the schools' names, kinds and pupils, sorted."""
    split = pd.DataFrame(rows, columns=list(SPLIT_COLUMNS[:2]) + list(SPLIT_COLUMNS[5:9]))
    split["technical_4y_cents"] = split["technical_4y_cents"].astype(np.int64)
    split["other_4y_cents"] = split["other_4y_cents"].astype(np.int64)
    split["amount_4y_cents"] = split["technical_4y_cents"] + split["other_4y_cents"]
    info = per_school.reindex(split["code"])
    split.insert(2, "name", info["name"].to_numpy())
    split.insert(3, "kind", info["kind"].to_numpy())
    split.insert(4, "bb_kb_equivalent", info["bb_kb_equivalent"].to_numpy(dtype=np.float64))
    split["amount_4y_eur"] = [cents_to_eur(int(c)) for c in split["amount_4y_cents"]]
    split["data_year"] = result.config.data_year
    split["count_date"] = result.config.count_date
    split = split.sort_values(["region", "code"], kind="stable").reset_index(drop=True)
    return split[list(SPLIT_COLUMNS)]


def apply_agreements(result: FundingResult, agreements: Iterable[Agreement]) -> pd.DataFrame:
    """Every school's amount under its region's split agreement, in euro cents.

    The region's maximum subsidy over the period is first shared between the
    parts by their shares, then each part among the schools by its method,
    both with largest-remainder rounding: every part and every region adds up
    exactly, to the cent.

    Parameters
    ----------
    result
        The funding of the regions (:func:`regionkit.funding.fund`): its
        regions' totals and its schools' regions, names, kinds and pupils.
    agreements
        The agreements (:func:`read_agreements`), at most one per region.

    Returns
    -------
    pandas.DataFrame
        One row per school of every region with an agreement, sorted by region
        and code, with the columns :data:`SPLIT_COLUMNS`: ``region``, ``code``,
        ``name``, ``kind``, ``bb_kb_equivalent``, ``technical_method``,
        ``technical_4y_cents``, ``other_method``, ``other_4y_cents``,
        ``amount_4y_cents``, ``amount_4y_eur``, ``data_year``, ``count_date``.

    Raises
    ------
    InputDataError
        Listing every problem: an agreement for an unknown region (naming the
        close matches and the known regions), shares that do not add up,
        schools named that are not in the region, explicit amounts that do not
        add up to the part's amount (saying by how much).

    Examples
    --------
    >>> from regionkit.funding import fund
    >>> from regionkit.proposal import proposal_from_division
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> result = fund(schools, proposal_from_division(schools, "nodal").assignment)
    >>> split = apply_agreements(result, [Agreement("Enschede", (
    ...     AgreementPart("technical", Decimal("0.75"), "pro_rata"),
    ...     AgreementPart("other", Decimal("0.25"), "equal")))])
    >>> total = result.regions.set_index("region").loc["Enschede", "max_subsidy_4y_cents"]
    >>> int(split["amount_4y_cents"].sum()) == int(total)
    True
    >>> split.groupby("kind")["code"].size().to_dict()
    {'vmbo': 22, 'vso': 17}
    """
    agreements = list(agreements)
    problems = ProblemCollector(file=next((a.source for a in agreements if a.source), None))
    per_school = result.schools.set_index("code")
    totals = result.regions.set_index("region")["max_subsidy_4y_cents"]
    usable = _validate(agreements, problems, sorted(totals.index.astype(str)))
    rows = []
    for a in usable:
        rows.extend(_split_region(a, int(totals[a.region]), per_school, problems))
    problems.raise_if_any(
        f"{len(problems)} problem(s) in the split agreements"
        + (f" ({Path(problems.file).name})" if problems.file else "")
    )
    return _split_table(rows, per_school, result)
