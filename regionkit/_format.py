"""Dutch and English number formatting for printed tables, maps and reports; text tables.

Dutch writes ``EUR 1.234.567,00`` and ``19,2 %``; English writes
``EUR 1,234,567.00`` and ``19.2 %``. Every function takes the language
(``"nl"`` or ``"en"``, as in ``Config.language``) and formats exactly:
numbers are rounded as decimals (half away from zero), never through binary
floating point, so ``format_eur(0.125)`` does not depend on how 0.125 is stored.
A missing value (``None``, NaN, ``pd.NA``) is written as ``"n.v.t."`` (nl) or
``"n/a"`` (en).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

__all__ = [
    "MISSING",
    "format_cents",
    "format_eur",
    "format_eur_millions",
    "format_int",
    "format_number",
    "format_pct",
    "text_table",
]

Language = Literal["nl", "en"]
Number = int | float | Decimal

#: How a missing value is written, per language.
MISSING: dict[str, str] = {"nl": "n.v.t.", "en": "n/a"}

#: (thousands separator, decimal separator) per language.
_SEPARATORS: dict[str, tuple[str, str]] = {"nl": (".", ","), "en": (",", ".")}


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, Decimal) and value.is_nan():
        return True
    # pd.NA and numpy NaN-likes without importing pandas here
    try:
        return bool(value != value)  # NaN is the only value unequal to itself
    except TypeError:
        return True  # pd.NA raises on bool()


def _separators(language: str) -> tuple[str, str]:
    try:
        return _SEPARATORS[language]
    except KeyError:
        raise ValueError(f"language {language!r} is not supported; use 'nl' or 'en'") from None


def _decimal(value: Number) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if type(value) is int:  # the common case, without the slower abstract-class check
        return Decimal(value)
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    # the shortest decimal that round-trips, e.g. 0.1 -> "0.1" (numpy floats included)
    return Decimal(repr(float(value)))


def format_number(
    value: Number | None, language: Language = "nl", *, decimals: int = 0, signed: bool = False
) -> str:
    """A number with thousands separators and a fixed number of decimals.

    Parameters
    ----------
    value
        The number; ``None``/NaN gives the missing-value text.
    language
        ``"nl"`` (``1.234,5``) or ``"en"`` (``1,234.5``).
    decimals
        Digits after the decimal separator (rounded half away from zero).
    signed
        Write a ``+`` before positive numbers (for differences).

    Examples
    --------
    >>> format_number(21572.25, "nl", decimals=1)
    '21.572,3'
    >>> format_number(-1234567.891, "en", decimals=2)
    '-1,234,567.89'
    >>> format_number(472, "en", signed=True)
    '+472'
    >>> format_number(float("nan"), "nl")
    'n.v.t.'
    """
    if _is_missing(value):
        return MISSING.get(language, MISSING["en"])
    thousands, point = _separators(language)
    assert value is not None
    d = _decimal(value)
    quantum = Decimal(1).scaleb(-decimals)
    d = d.quantize(quantum, rounding=ROUND_HALF_UP)
    negative = d < 0
    digits = f"{abs(d):f}"
    whole, _, frac = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = thousands.join(groups)
    if decimals > 0:
        text += point + frac
    if negative and d != 0:
        text = "-" + text
    elif signed and d > 0:
        text = "+" + text
    return text


def format_int(value: Number | None, language: Language = "nl", *, signed: bool = False) -> str:
    """A whole number with thousands separators (``21.572`` nl, ``21,572`` en).

    Examples
    --------
    >>> format_int(21572, "nl"), format_int(21572, "en")
    ('21.572', '21,572')
    >>> format_int(-472, "nl", signed=True)
    '-472'
    """
    return format_number(value, language, decimals=0, signed=signed)


def format_eur(
    value: Number | None, language: Language = "nl", *, decimals: int = 2, signed: bool = False
) -> str:
    """An amount in euros: ``EUR 1.234.567,00`` (nl) or ``EUR 1,234,567.00`` (en).

    Parameters
    ----------
    value
        The amount in euros (use :func:`format_cents` for integer cents).
    language
        ``"nl"`` or ``"en"``.
    decimals
        Digits after the decimal separator; 0 for whole euros.
    signed
        Write a ``+`` before positive amounts (for differences).

    Examples
    --------
    >>> format_eur(1234567, "nl")
    'EUR 1.234.567,00'
    >>> format_eur(Decimal("7947.50"), "en")
    'EUR 7,947.50'
    >>> format_eur(-12.5, "nl", decimals=0)
    'EUR -13'
    """
    if _is_missing(value):
        return MISSING.get(language, MISSING["en"])
    return "EUR " + format_number(value, language, decimals=decimals, signed=signed)


def format_cents(cents: int | None, language: Language = "nl", *, signed: bool = False) -> str:
    """An amount given in integer euro cents, written exactly in euros.

    Examples
    --------
    >>> format_cents(123456789, "nl")
    'EUR 1.234.567,89'
    >>> format_cents(-5, "en")
    'EUR -0.05'
    """
    if _is_missing(cents):
        return MISSING.get(language, MISSING["en"])
    assert cents is not None
    return format_eur(Decimal(int(cents)).scaleb(-2), language, signed=signed)


def format_eur_millions(
    value: Number | None, language: Language = "nl", *, decimals: int = 1, signed: bool = False
) -> str:
    """A large amount in millions of euros: ``EUR 335,5 mln`` (nl) or ``EUR 335.5 M`` (en).

    Examples
    --------
    >>> format_eur_millions(335_500_000, "nl"), format_eur_millions(335_500_000, "en")
    ('EUR 335,5 mln', 'EUR 335.5 M')
    """
    if _is_missing(value):
        return MISSING.get(language, MISSING["en"])
    assert value is not None
    unit = "mln" if language == "nl" else "M"
    millions = _decimal(value).scaleb(-6)
    return f"EUR {format_number(millions, language, decimals=decimals, signed=signed)} {unit}"


def format_pct(
    share: Number | None, language: Language = "nl", *, decimals: int = 1, signed: bool = False
) -> str:
    """A share (a fraction, 0.192 = 19.2 %) as a percentage: ``19,2 %`` (nl), ``19.2 %`` (en).

    Parameters
    ----------
    share
        The fraction; ``None``/NaN gives the missing-value text.
    language
        ``"nl"`` or ``"en"``.
    decimals
        Digits after the decimal separator.
    signed
        Write a ``+`` before positive values (for differences).

    Examples
    --------
    >>> format_pct(0.19215, "nl"), format_pct(0.19215, "en")
    ('19,2 %', '19.2 %')
    >>> format_pct(0.0224, "en", signed=True)
    '+2.2 %'
    >>> format_pct(None, "en")
    'n/a'
    """
    if _is_missing(share):
        return MISSING.get(language, MISSING["en"])
    assert share is not None
    percent = _decimal(share) * 100
    return f"{format_number(percent, language, decimals=decimals, signed=signed)} %"


def text_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    left: int = 1,
    indent: str = "",
    header_rule: bool = False,
    total_rule: bool = False,
) -> list[str]:
    """The lines of an aligned text table, for a terminal.

    Columns are two spaces apart; the first ``left`` columns are aligned left,
    the others (figures) right. ``header_rule`` puts a dashed rule under each
    column of the header; ``total_rule`` one continuous rule above the last row
    (a total). Each line starts with ``indent`` and has no trailing spaces.

    Examples
    --------
    >>> print("\\n".join(text_table(["Region", "Schools"], [["Twente", "52"], ["Zeeland", "9"]],
    ...                             header_rule=True)))
    Region   Schools
    -------  -------
    Twente        52
    Zeeland        9
    """
    table = [list(header), *(list(r) for r in rows)]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        aligned = [
            c.ljust(w) if i < left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return (indent + "  ".join(aligned)).rstrip()

    lines = [line(r) for r in table]
    if header_rule:
        lines.insert(1, indent + "  ".join("-" * w for w in widths))
    if total_rule and len(table) > 1:
        lines.insert(len(lines) - 1, indent + "-" * (sum(widths) + 2 * (len(widths) - 1)))
    return lines
