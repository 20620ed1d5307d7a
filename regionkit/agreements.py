"""Split agreements: how a region shares its money among its schools.

A region may agree up front which share of its money goes to the technical
profiles and which to other technique activities, and how each part is shared
among its schools: pro rata to counted pupils, in equal shares, or as explicit
amounts (``docs/DOMAIN.md``). regionkit computes such a split from a stated
agreement; it never invents one.

An agreement is read from TOML (one table per region) or from a CSV/Excel table
(:func:`read_agreements`), with Dutch or English column names and values;
shares are fractions (``0.75``, ``3/4``, ``1/3``) or percentages (``75 %``).
Both readers only collect what the file states, and one validator turns it
into :class:`Agreement` values, so both formats accept and reject the same
things with the same messages (Dutch or English, with the number format of the
language). :func:`apply_agreements` then shares each region's maximum subsidy
(from :func:`regionkit.funding.fund`) in euro cents with largest-remainder
rounding, so every part and every region adds up to the cent; a school that
gets money for the technical profiles without having a technical profile is
noted.
"""

from __future__ import annotations

import difflib
import re
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

from regionkit import _messages
from regionkit._errors import ProblemCollector
from regionkit._format import format_cents, format_number
from regionkit._io import read_table
from regionkit._messages import join, text_n
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

Language = Literal["nl", "en"]

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
    "technisch": "technical",
    "technische_profielen": "technical",
    "profielen": "technical",
    "other": "other",
    "other_technique": "other",
    "other_technique_activities": "other",
    "other_activities": "other",
    "overig": "other",
    "overige": "other",
    "overige_techniek": "other",
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
    "vaste_bedragen": "explicit",
}
#: Column names of an agreements table (normalised) -> the field they give.
_COLUMN_ALIASES: dict[str, str] = {
    "region": "region",
    "regio": "region",
    "part": "part",
    "deel": "part",
    "onderdeel": "part",
    "share": "share",
    "aandeel": "share",
    "method": "method",
    "methode": "method",
    "verdeling": "method",
    "verdeelwijze": "method",
    "school": "school",
    "code": "school",
    "vestiging": "school",
    "vestigingscode": "school",
    "amount": "amount",
    "amount_eur": "amount",
    "bedrag": "amount",
    "bedrag_eur": "amount",
}
_FIELDS = ("region", "part", "share", "method", "school", "amount")


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
        Share of the region's maximum subsidy, exactly: a ``Fraction`` (a
        ``Decimal`` such as ``Decimal("0.75")`` is read as the fraction it
        writes, 3/4), so that ``1/3`` stays a third.
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
    share: Fraction | Decimal
    method: Method
    amounts_cents: tuple[tuple[str, int], ...] = ()
    schools: tuple[str, ...] = ()
    where: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "share", Fraction(self.share))


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
    ...     AgreementPart("technical", Fraction(2, 3), "pro_rata"),
    ...     AgreementPart("other", Fraction(1, 3), "equal"),
    ... ))
    >>> a.share_total
    Fraction(1, 1)
    """

    region: str
    parts: tuple[AgreementPart, ...]
    source: str | None = None
    where: str = ""

    @property
    def share_total(self) -> Fraction:
        """The parts' shares added up (must be exactly 1)."""
        return sum((Fraction(p.share) for p in self.parts), Fraction(0))

    def part(self, name: str) -> AgreementPart | None:
        """The part called ``name``, or ``None`` when it is not stated."""
        return next((p for p in self.parts if p.part == name), None)

    def share(self, name: str) -> Fraction:
        """The share of the part called ``name`` (0 when it is not stated)."""
        part = self.part(name)
        return Fraction(part.share) if part is not None else Fraction(0)


# --- words and numbers ---------------------------------------------------------------------------


def _t(problems: ProblemCollector, key: str, /, **values: object) -> str:
    """The text of ``agreements.<key>`` in the language of the problems being collected."""
    return _messages.text(problems.language, f"agreements.{key}", **values)


def _lang(problems: ProblemCollector) -> Language:
    return "en" if problems.language == "en" else "nl"


def _part_name(problems: ProblemCollector, part: str) -> str:
    """A part as the reader calls it: 'technische profielen' / 'technical profiles'."""
    known = part in PARTS
    return _t(problems, f"part.{part}") if known else part


def _method_name(problems: ProblemCollector, method: str) -> str:
    return _t(problems, f"method.{method}") if method in METHODS else method


def _choices(problems: ProblemCollector, names: Sequence[str]) -> str:
    """'pro_rata, equal of explicit' in running text."""
    return join(problems.language, list(names), conjunction="or")


def _pct(share: Fraction, language: Language) -> str:
    """A share as a percentage, exactly where it can be (75 %, 33,5 %), else to 0.01 % (1/3)."""
    pct = share * 100
    den = pct.denominator
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    if den == 1:  # a finite decimal: write it exactly
        value = Decimal(pct.numerator) / Decimal(pct.denominator)
        decimals = max(0, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
        return f"{format_number(value, language, decimals=decimals)} %"
    approx = format_number(Decimal(pct.numerator) / Decimal(pct.denominator), language, decimals=2)
    return f"{share.numerator}/{share.denominator} ({approx} %)"


def _key(text_: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(text_).strip().lower())


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


_FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def _share_value(value: object) -> Fraction | None:
    """A share as written (``0.75``, ``0,75``, ``3/4``, ``1/3``, ``75 %``); None if no number."""
    written = str(value).strip()
    m = _FRACTION.match(written)
    if m:
        numerator, denominator = int(m.group(1)), int(m.group(2))
        return Fraction(numerator, denominator) if denominator else None
    percent = written.endswith("%")
    number = _parse_number(written.rstrip("%").strip() if percent else value)
    if number is None:
        return None
    return Fraction(number) / (100 if percent else 1)


def _parse_share(
    value: object, where: str, problems: ProblemCollector, row: int | None, column: str | None
) -> Fraction:
    share = _share_value(value)
    if share is None:
        problems.add(
            _t(problems, "share.not_number", where=where),
            row=row,
            column=column,
            value=value,
            fix=_t(problems, "share.fix"),
        )
        return Fraction(0)
    if not 0 <= share <= 1:
        problems.add(
            _t(problems, "share.range", where=where),
            row=row,
            column=column,
            value=value,
            fix=_t(problems, "share.fix"),
        )
        return Fraction(0)
    return share


def _parse_amount(
    value: object, where: str, problems: ProblemCollector, row: int | None, column: str | None
) -> int | None:
    number = _parse_number(value)
    problem = None
    if number is None:
        problem = "not_number"
    elif number * 100 != (number * 100).to_integral_value():
        problem = "not_cents"
    elif number < 0:
        problem = "negative"
    if problem is not None or number is None:
        problems.add(
            _t(problems, f"amount.{problem or 'not_number'}", where=where),
            row=row,
            column=column,
            value=value,
            fix=_t(problems, "amount.fix"),
        )
        return None
    return int(number * 100)


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
    ``where`` names the part with its first row (for problems found later,
    without a row); ``label`` names it for problems that carry their row;
    ``columns`` gives the file's own name of each column.
    """

    region: str
    part: str
    where: str
    label: str = ""
    row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)
    shares: list[tuple[object, int | None]] = field(default_factory=list)
    methods: list[tuple[object, int | None]] = field(default_factory=list)
    amounts: list[tuple[str, object, int | None]] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)

    def column(self, name: str) -> str | None:
        """The file's name of column ``name`` (None in TOML, which has no columns)."""
        return self.columns.get(name) if self.row is not None else None

    def at(self, row: int | None) -> str:
        """The part's name for a problem on ``row`` (its label) or on no row (where)."""
        return self.label if row is not None and self.label else self.where


def _stated_share(stated: _StatedPart, problems: ProblemCollector) -> Fraction:
    """The part's share: stated once (or the same on every row it is stated on)."""
    if not stated.shares:
        problems.add(
            _t(problems, "share.none", where=stated.at(stated.row)),
            row=stated.row,
            column=stated.column("share"),
            fix=_t(problems, "share.none_fix"),
        )
        return Fraction(0)
    share: Fraction | None = None
    first_row: int | None = None
    for value, row in stated.shares:
        parsed = _parse_share(value, stated.at(row), problems, row, stated.column("share"))
        if share is not None and parsed != share:
            problems.add(
                _t(problems, "share.conflict", where=stated.at(row), row=first_row),
                row=row,
                column=stated.column("share"),
                value=value,
                fix=_t(problems, "share.conflict_fix"),
            )
            continue
        share, first_row = parsed, row
    return share if share is not None else Fraction(0)


def _stated_method(stated: _StatedPart, problems: ProblemCollector) -> Method:
    """The part's sharing method: stated once (or the same on every row it is stated on)."""
    method: str | None = None
    for value, row in stated.methods:
        parsed = _parse_method(value)
        if parsed is None:
            problems.add(
                _t(problems, "method.unknown", where=stated.at(row)),
                row=row,
                column=stated.column("method"),
                value=value,
                fix=_t(problems, "method.fix"),
            )
        elif method is not None and parsed != method:
            problems.add(
                _t(problems, "method.conflict", where=stated.at(row)),
                row=row,
                column=stated.column("method"),
                value=value,
                fix=_t(problems, "method.conflict_fix"),
            )
        else:
            method = parsed
    if not stated.methods:
        problems.add(
            _t(problems, "method.none", where=stated.at(stated.row)),
            row=stated.row,
            column=stated.column("method"),
            fix=_t(problems, "method.fix"),
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
        where = stated.at(row) if row is not None else f"{stated.where} amounts.{code}"
        cents = _parse_amount(value, where, problems, row, stated.column("amount"))
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


def _where(agreement: Agreement, problems: ProblemCollector) -> str:
    """Where an agreement was stated, for messages."""
    return agreement.where or _t(problems, "where.region", region=repr(agreement.region))


def _part_where(agreement: Agreement, part: AgreementPart, problems: ProblemCollector) -> str:
    """Where a part of an agreement was stated, for messages."""
    return part.where or _t(
        problems,
        "where.part",
        where=_where(agreement, problems),
        part=_part_name(problems, part.part),
    )


def _check_part(part: AgreementPart, pwhere: str, problems: ProblemCollector) -> None:
    """Problems of one part that need no data: its share, method and amounts."""
    if not 0 <= part.share <= 1:
        problems.add(
            _t(problems, "share.range", where=pwhere),
            value=_pct(Fraction(part.share), _lang(problems)),
            fix=_t(problems, "share.fix"),
        )
    if part.part not in PARTS:
        problems.add(
            _t(problems, "part.unknown", where=pwhere),
            value=part.part,
            fix=_t(problems, "part.fix"),
        )
    if part.method not in METHODS:
        problems.add(
            _t(problems, "method.unknown", where=pwhere),
            value=part.method,
            fix=_t(problems, "method.fix"),
        )
    if part.method == "explicit" and not part.amounts_cents and part.share:
        problems.add(
            _t(problems, "explicit.no_amounts", where=pwhere),
            fix=_t(problems, "explicit.no_amounts_fix"),
        )
    if part.method != "explicit" and part.amounts_cents:
        problems.add(
            _t(
                problems,
                "explicit.amounts_with_method",
                where=pwhere,
                method=_method_name(problems, part.method),
            ),
            fix=_t(problems, "explicit.amounts_with_method_fix"),
        )
    codes = [c for c, _ in part.amounts_cents] + list(part.schools)
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.add(
            _t(problems, "school.twice", where=pwhere),
            value=code,
            fix=_t(problems, "school.twice_fix"),
        )


def _share_problem(total: Fraction, problems: ProblemCollector) -> str | None:
    """'shares add up to 95 %, 5 percentage points short', or None when they add up to 1."""
    if total == 1:
        return None
    language = _lang(problems)
    diff = abs(1 - total) * 100
    exact = _pct(diff / 100, language)
    points = (
        exact.removesuffix(" %")
        if exact.endswith(" %") and "/" not in exact
        else format_number(
            Decimal(diff.numerator) / Decimal(diff.denominator), language, decimals=2
        )
    )
    return _t(
        problems,
        f"shares.{'short' if total < 1 else 'too_much'}",
        total=_pct(total, language),
        diff=text_n(problems.language, "agreements.shares.points", 1 if diff == 1 else 2, n=points),
    )


def _check_agreement(agreement: Agreement, problems: ProblemCollector) -> bool:
    """Record the problems of one agreement that need no data; True when it has none."""
    before = len(problems)
    where = _where(agreement, problems)
    message = _share_problem(agreement.share_total, problems)
    if message:
        problems.add(
            f"{where}: {message}",
            value=", ".join(
                f"{_part_name(problems, p.part)} {_pct(Fraction(p.share), _lang(problems))}"
                for p in agreement.parts
            ),
            fix=_t(problems, "shares.fix"),
        )
    seen: set[str] = set()
    for p in agreement.parts:
        if p.part in seen:
            problems.add(
                _t(problems, "part.twice", where=_part_where(agreement, p, problems)),
                fix=_t(problems, "part.twice_fix"),
            )
        seen.add(p.part)
        _check_part(p, _part_where(agreement, p, problems), problems)
    return len(problems) == before


def _unknown_region(agreement: Agreement, known: Sequence[str], problems: ProblemCollector) -> None:
    close = difflib.get_close_matches(agreement.region, list(known), n=3, cutoff=0.6)
    hint = (
        _t(problems, "region.did_you_mean", names=_choices(problems, [repr(c) for c in close]))
        if close
        else ""
    )
    shown = list(known[:12])
    listed = ", ".join(shown)
    if len(known) > 12:
        listed = _t(problems, "region.and_more", listed=listed, n=len(known) - 12)
    problems.add(
        _t(
            problems,
            "region.unknown",
            where=_where(agreement, problems),
            region=repr(agreement.region),
            n=len(known),
            hint=hint,
        ),
        value=agreement.region,
        fix=_t(problems, "region.fix", known=listed or _t(problems, "region.none")),
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
        where = _where(a, problems)
        if known_regions is not None and a.region not in known_regions:
            _unknown_region(a, known_regions, problems)
            continue
        if a.region in seen:
            problems.add(
                _t(
                    problems,
                    "region.second",
                    where=where,
                    region=repr(a.region),
                    first=seen[a.region],
                ),
                fix=_t(problems, "region.second_fix"),
            )
            continue
        seen[a.region] = where
        if ok:
            usable.append(a)
    return usable


# --- the two formats -----------------------------------------------------------------------------


_TOML_PART_KEYS = ("share", "method", "amounts", "schools")
_TOML_KEY_ALIASES = {
    "share": "share",
    "aandeel": "share",
    "method": "method",
    "methode": "method",
    "verdeling": "method",
    "amounts": "amounts",
    "bedragen": "amounts",
    "schools": "schools",
    "scholen": "schools",
    "vestigingen": "schools",
}


def _stated_toml_part(
    region: str, key: str, spec: object, problems: ProblemCollector
) -> _StatedPart | None:
    """What one ``[region.part]`` table states, or None (recorded) when it is not usable."""
    pwhere = f"[{region}.{key}]"
    name = _parse_part_name(key)
    if name is None:
        problems.add(
            _t(problems, "toml.unknown_key", where=f"[{region}]", key=repr(key)),
            fix=_t(problems, "toml.unknown_key_fix"),
        )
        return None
    if not isinstance(spec, dict):
        problems.add(
            _t(problems, "toml.part_not_table", where=pwhere),
            value=spec,
            fix=_t(problems, "toml.part_not_table_fix", table=f"[{region}.{key}]"),
        )
        return None
    fields = {}
    for k, v in spec.items():
        canonical = _TOML_KEY_ALIASES.get(_key(k))
        if canonical is None:
            problems.add(
                _t(problems, "toml.unknown_part_key", where=pwhere, key=repr(k)),
                fix=_t(problems, "toml.unknown_part_key_fix", keys=", ".join(_TOML_PART_KEYS)),
            )
        else:
            fields[canonical] = v
    stated = _StatedPart(region=region, part=name, where=pwhere)
    if "share" in fields:
        stated.shares.append((fields["share"], None))
    if fields.get("method") is not None:
        stated.methods.append((fields["method"], None))
    amounts = fields.get("amounts", {})
    if not isinstance(amounts, dict):
        problems.add(
            _t(problems, "toml.amounts_not_table", where=pwhere),
            value=amounts,
            fix=_t(problems, "toml.amounts_not_table_fix", example='{ "02QZ00" = 12500.00 }'),
        )
        amounts = {}
    stated.amounts.extend((str(code).strip(), value, None) for code, value in amounts.items())
    schools = fields.get("schools", [])
    if not isinstance(schools, list):
        schools = [schools]
    stated.schools.extend(str(s).strip() for s in schools)
    return stated


def _read_toml(path: Path, problems: ProblemCollector) -> list[Agreement]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        problems.add(_t(problems, "toml.invalid", error=exc), fix=_t(problems, "toml.invalid_fix"))
        return []
    except UnicodeDecodeError as exc:  # TOML is UTF-8
        error = f"not UTF-8 text (byte {exc.start + 1})"
        problems.add(
            _t(problems, "toml.invalid", error=error), fix=_t(problems, "toml.invalid_fix")
        )
        return []
    agreements = []
    for region, table in data.items():
        where = f"[{region}]"
        if not isinstance(table, dict):
            problems.add(
                _t(problems, "toml.not_table", where=where),
                value=table,
                fix=_t(problems, "toml.not_table_fix", region=region),
            )
            continue
        parts = []
        for key, spec in table.items():
            stated = _stated_toml_part(str(region), key, spec, problems)
            if stated is not None:
                parts.append(_part_from_stated(stated, problems))
        agreements.append(Agreement(str(region), tuple(parts), source=str(path), where=where))
    return agreements


def _table_rows(
    path: Path, problems: ProblemCollector
) -> tuple[list[tuple[int, dict[str, str | None]]], dict[str, str]]:
    """The rows of an agreements table as ``(row number, {field: text or None})``, and the
    file's own name of each field's column.

    Columns are recognised by their Dutch or English names (``regio``/``region``,
    ``deel``/``part``, ``aandeel``/``share``, ``methode``/``method``,
    ``vestiging``/``school``, ``bedrag``/``amount``).
    """
    table = read_table(path, keep_blank_lines=True, language=problems.language)
    names = {c: _COLUMN_ALIASES.get(_key(c)) for c in table.columns}
    columns = {n: str(c) for c, n in names.items() if n is not None}
    table = table.rename(columns={c: n for c, n in names.items() if n is not None})
    missing = [c for c in ("region", "part") if c not in table.columns]
    for c in missing:
        problems.add(
            _t(problems, "table.missing_column", column=_t(problems, f"column.{c}")),
            column=_t(problems, f"column.{c}"),
            fix=_t(problems, "table.missing_column_fix"),
        )
    if missing:
        return [], columns
    rows = []
    for i, raw in enumerate(table.to_dict(orient="records")):
        rec = {c: None if pd.isna(raw.get(c, pd.NA)) else str(raw[c]) for c in _FIELDS}
        if any(v is not None for v in rec.values()):
            rows.append((i + 2, rec))
    return rows, columns


def _collect_row(
    row: int,
    rec: dict[str, str | None],
    columns: dict[str, str],
    collected: dict[str, dict[str, _StatedPart]],
    problems: ProblemCollector,
) -> None:
    """Add what one table row states to the parts collected so far."""
    region = rec["region"]
    if region is None:
        problems.add(
            _t(problems, "table.no_region"),
            row=row,
            column=columns.get("region"),
            fix=_t(problems, "table.no_region_fix"),
        )
        return
    part = _parse_part_name(rec["part"]) if rec["part"] is not None else None
    if part is None:
        problems.add(
            _t(problems, "table.unknown_part"),
            row=row,
            column=columns.get("part"),
            value=rec["part"],
            fix=_t(problems, "part.fix"),
        )
        return
    parts = collected.setdefault(region, {})
    stated = parts.get(part)
    if stated is None:
        name = _part_name(problems, part)
        stated = parts[part] = _StatedPart(
            region=region,
            part=part,
            where=_t(problems, "where.row", row=row, region=region, part=name),
            label=_t(problems, "where.label", region=region, part=name),
            row=row,
            columns=columns,
        )
    if rec["share"] is not None:
        stated.shares.append((rec["share"], row))
    if rec["method"] is not None:
        stated.methods.append((rec["method"], row))
    school, amount = rec["school"], rec["amount"]
    if amount is not None and school is None:
        problems.add(
            _t(problems, "table.amount_without_school", where=stated.at(row)),
            row=row,
            column=columns.get("school", _t(problems, "column.school")),
            value=amount,
            fix=_t(problems, "table.amount_without_school_fix"),
        )
    elif amount is not None and school is not None:
        stated.amounts.append((school, amount, row))
    elif school is not None:
        stated.schools.append(school)


def _read_table(path: Path, problems: ProblemCollector) -> list[Agreement]:
    collected: dict[str, dict[str, _StatedPart]] = {}
    rows, columns = _table_rows(path, problems)
    for row, rec in rows:
        _collect_row(row, rec, columns, collected, problems)
    agreements = []
    for region, parts in collected.items():
        built = tuple(_part_from_stated(stated, problems) for stated in parts.values())
        first = min(stated.row or 0 for stated in parts.values())
        where = _t(problems, "where.row_region", row=first, region=repr(region))
        agreements.append(Agreement(region, built, source=str(path), where=where))
    return agreements


def read_agreements(path: str | Path, *, language: Language = "nl") -> list[Agreement]:
    """Read split agreements from TOML (one table per region) or a CSV/Excel table.

    TOML: one table per region with a table per part::

        [Twente.technical]
        share = 0.75                 # or "3/4", "75 %"
        method = "pro_rata"          # pro_rata | equal | explicit

        [Twente.other]
        share = 0.25
        method = "explicit"
        amounts = { "00AH07" = 100000.00, "02QZ00" = 250000.00 }   # euros

    A CSV (any separator) or Excel table has the columns ``region, part, share,
    method, school, amount`` or their Dutch names ``regio, deel, aandeel,
    methode, vestiging, bedrag``: one row per part, plus one row per school
    for explicit amounts (or for the schools that share a ``pro_rata``/
    ``equal`` part, when only some should). Parts and methods may be written
    in Dutch too (``technisch``/``overig``, ``naar rato``/``gelijke
    delen``/``bedragen``). Shares are fractions (``0.75``, ``3/4``, ``1/3``)
    or percentages (``75 %``); amounts are euros (``1234.56`` or
    ``1.234,56``).

    Parameters
    ----------
    path
        The agreements file (``.toml``, ``.csv``, ``.xlsx``).
    language
        The language of the messages (``Config.language``): ``"nl"`` or ``"en"``.

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
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "verdeling.csv"
    >>> _ = p.write_text("regio;deel;aandeel;methode;vestiging;bedrag\\n"
    ...                  "Enschede;technisch;75%;naar rato;;\\n"
    ...                  "Enschede;overig;0,20;gelijke delen;;\\n")
    >>> read_agreements(p)
    Traceback (most recent call last):
    ...
    regionkit._errors.InputDataError: 1 probleem in verdeling.csv
      - verdeling.csv: rij 2 (regio 'Enschede'): de aandelen komen samen op 95 %, 5 procentpunt ...
    >>> _ = p.write_text("regio;deel;aandeel;methode\\n"
    ...                  "Enschede;technisch;2/3;naar rato\\n"
    ...                  "Enschede;overig;1/3;gelijke delen\\n")
    >>> [(x.part, x.share) for x in read_agreements(p)[0].parts]
    [('technical', Fraction(2, 3)), ('other', Fraction(1, 3))]
    """
    p = Path(path)
    problems = ProblemCollector(file=str(p), language=language)
    if not p.exists():
        problems.add(_t(problems, "file.missing"), fix=_t(problems, "file.missing_fix"))
        problems.raise_if_any()
    reader = _read_toml if p.suffix.lower() == ".toml" else _read_table
    agreements = reader(p, problems)
    _validate(agreements, problems)
    problems.raise_if_any()
    if not agreements:
        problems.add(_t(problems, "file.empty"), fix=_t(problems, "file.empty_fix"))
        problems.raise_if_any()
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
    "note",
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
    pwhere = _part_where(agreement, part, problems)
    bad = False
    for code in [c for c, _ in part.amounts_cents] + list(part.schools):
        if code not in per_school.index:
            key, other = "not_in_table", ""
        elif pd.isna(per_school.at[code, "region"]):
            key, other = "in_no_region", ""
        elif per_school.at[code, "region"] != agreement.region:
            key, other = "in_other_region", repr(per_school.at[code, "region"])
        else:
            continue
        bad = True
        problems.add(
            _t(
                problems,
                f"school.{key}",
                where=pwhere,
                code=code,
                other=other,
                region=repr(agreement.region),
            ),
            value=code,
            fix=_t(problems, "school.outside_fix", region=repr(agreement.region)),
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
        language = _lang(problems)
        diff = given - part_total
        problems.add(
            _t(
                problems,
                "explicit.total",
                where=where,
                given=format_cents(given, language),
                part=format_cents(part_total, language),
                share=_pct(Fraction(part.share), language),
                total=format_cents(region_total, language),
                diff=format_cents(abs(diff), language),
                how=_t(problems, f"explicit.{'too_much' if diff > 0 else 'short'}"),
            ),
            value=format_cents(given, language),
            fix=_t(problems, "explicit.total_fix"),
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
            _t(
                problems,
                f"shared.{'no_pupils' if recipients else 'nobody'}",
                where=where,
                method=_method_name(problems, part.method),
                amount=format_cents(part_total, _lang(problems)),
            ),
            fix=_t(problems, "shared.fix"),
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
        where, part_total = _part_where(agreement, part, problems), part_totals[part.part]
        if part.method == "explicit":
            shared = _explicit_amounts(part, where, part_total, total, problems)
        else:
            shared = _shared_amounts(part, where, part_total, members, per_school, problems)
        amounts[part.part].update(shared)
    methods = dict.fromkeys(PARTS, "") | {p.part: p.method for p in agreement.parts}
    note = _t(problems, "note.technical_without_profile")
    return [
        {
            "region": agreement.region,
            "code": code,
            "technical_method": methods["technical"],
            "technical_4y_cents": amounts["technical"][code],
            "other_method": methods["other"],
            "other_4y_cents": amounts["other"][code],
            # money for the technical profiles to a school without technical-profile pupils
            "note": note
            if amounts["technical"][code] and not per_school.at[code, "technical_pupils"]
            else "",
        }
        for code in members
    ]


def _split_table(
    rows: list[dict[str, Any]], per_school: pd.DataFrame, result: FundingResult
) -> pd.DataFrame:
    """The split rows as a table with the schools' names, kinds and pupils, sorted."""
    base = ["region", "code", "technical_method", "technical_4y_cents"]
    split = pd.DataFrame(rows, columns=[*base, "other_method", "other_4y_cents", "note"])
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


def apply_agreements(
    result: FundingResult, agreements: Iterable[Agreement], *, language: Language = "nl"
) -> pd.DataFrame:
    """Every school's amount under its region's split agreement, in euro cents.

    The region's maximum subsidy over the period is first shared between the
    parts by their shares, then each part among the schools by its method,
    both with largest-remainder rounding: every part and every region adds up
    exactly, to the cent. A school that gets money for the technical profiles
    without technical-profile pupils of its own (an equal share, an explicit
    amount, or a school named in a pro rata part) is noted in ``note``: the
    agreement may be right, but it is worth a second look.

    Parameters
    ----------
    result
        The funding of the regions (:func:`regionkit.funding.fund`): its
        regions' totals and its schools' regions, names, kinds and pupils.
    agreements
        The agreements (:func:`read_agreements`), at most one per region.
    language
        The language of the messages and notes (``Config.language``).

    Returns
    -------
    pandas.DataFrame
        One row per school of every region with an agreement, sorted by region
        and code, with the columns :data:`SPLIT_COLUMNS`: ``region``, ``code``,
        ``name``, ``kind``, ``bb_kb_equivalent``, ``technical_method``,
        ``technical_4y_cents``, ``other_method``, ``other_4y_cents``,
        ``amount_4y_cents``, ``amount_4y_eur``, ``note``, ``data_year``,
        ``count_date``.

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
    ...     AgreementPart("technical", Fraction(3, 4), "pro_rata"),
    ...     AgreementPart("other", Fraction(1, 4), "equal")))])
    >>> total = result.regions.set_index("region").loc["Enschede", "max_subsidy_4y_cents"]
    >>> int(split["amount_4y_cents"].sum()) == int(total)
    True
    >>> split.groupby("kind")["code"].size().to_dict()
    {'pro': 4, 'vmbo': 22, 'vso': 17}
    """
    agreements = list(agreements)
    problems = ProblemCollector(
        file=next((a.source for a in agreements if a.source), None), language=language
    )
    per_school = result.schools.set_index("code")
    totals = result.regions.set_index("region")["max_subsidy_4y_cents"]
    usable = _validate(agreements, problems, sorted(totals.index.astype(str)))
    rows = []
    for a in usable:
        rows.extend(_split_region(a, int(totals[a.region]), per_school, problems))
    if problems.file:
        name = Path(problems.file).name
        heading = text_n(
            language, "agreements.problems_in", len(problems), n=len(problems), file=name
        )
    else:
        heading = text_n(language, "agreements.problems", len(problems), n=len(problems))
    problems.raise_if_any(heading)
    return _split_table(rows, per_school, result)
