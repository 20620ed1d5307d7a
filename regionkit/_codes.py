"""Vestiging codes and column headers as DUO and users write them.

A vestiging code is the BRIN (2 digits + 2 letters or digits) plus a 2-digit
branch number: ``02QZ01``. Files give it joined (6 characters) or split over a
BRIN column and a branch column (``1`` meaning ``01``), often padded with blanks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from regionkit._errors import ProblemCollector
from regionkit._messages import text

__all__ = ["CODE_PATTERN", "all_codes", "closest_codes", "norm_header", "vestiging_codes"]

#: A vestiging code: BRIN (2 digits + 2 letters or digits) + branch number (2 digits).
CODE_PATTERN = r"\d{2}[A-Z0-9]{2}\d{2}"


def _edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn ``a`` into ``b``."""
    previous, row = list(range(len(b) + 1)), [0] * (len(b) + 1)
    before: list[int] = []
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], before[j - 2] + 1)
        before, previous = previous, row
    return previous[-1]


def closest_codes(code: str, known: Iterable[str], n: int) -> list[str]:
    """The known codes a mistyped code most likely meant, closest first.

    Ranked by edit distance (a swap of two neighbouring characters is one
    edit), then codes of the same BRIN first (the nearest branch number
    first), then by code. Other branches of
    the same BRIN are always candidates; codes of another BRIN only when one
    character off.

    Examples
    --------
    >>> closest_codes("00KM56", ["00KM00", "00KM36", "00KM52", "00KM55", "00KN56"], 4)
    ['00KM55', '00KM52', '00KM36', '00KN56']
    >>> closest_codes("00KM65", ["00KM56", "00KM00"], 3)
    ['00KM56', '00KM00']
    """
    code = str(code).strip().upper()
    branch = int(code[4:]) if code[4:].isdigit() else None
    ranked = []
    for other in set(known):
        same = other[:4] == code[:4]
        d = _edit_distance(code, other)
        if same or d <= 1:
            gap = abs(int(other[4:]) - branch) if same and branch is not None else 0
            ranked.append((d, not same, gap, other))
    return [c for *_, c in sorted(ranked)[:n]]


def norm_header(name: object) -> str:
    """A header as a key: upper case, ``-``/``_``/``.`` as blanks, blanks collapsed.

    Examples
    --------
    >>> norm_header(" RMC-regio_code ")
    'RMC REGIO CODE'
    """
    return re.sub(r"\s+", " ", re.sub(r"[-_.]", " ", str(name).upper())).strip()


#: Well-formed codes joined by NUL, and nothing else.
_CODES = re.compile(rf"(?:{CODE_PATTERN}\x00)*{CODE_PATTERN}")


def all_codes(values: list[str]) -> bool:
    """Whether every value is a well-formed vestiging code as written (one regex search).

    Examples
    --------
    >>> all_codes(["02QZ01", "00AH07"]), all_codes(["02qz01"]), all_codes(["02QZ01 "])
    (True, False, False)
    >>> all_codes(["02QZ01\\x0000AH07"])
    False
    """
    joined = "\x00".join(values)
    return (
        bool(values)
        and joined.count("\x00") == len(values) - 1  # no value holds the separator itself
        and _CODES.fullmatch(joined) is not None
    )


def vestiging_codes(
    brin: pd.Series | None,
    branch: pd.Series,
    problems: ProblemCollector,
    *,
    brin_column: str | None,
    branch_column: str,
    first_row: int = 2,
) -> pd.Series:
    """Vestiging codes from a BRIN and a branch column, or from one joined column.

    A 6-character ``branch`` value is taken as the whole code (and must start
    with the BRIN, when one is given); a 1- to 3-digit value is the branch
    number. Blanks are ignored and letters upper-cased. Every malformed or
    missing code is added to ``problems`` (row, column, value, fix).

    Parameters
    ----------
    brin
        The BRIN column, or ``None`` when codes are joined.
    branch
        The branch-number or joined-code column.
    problems
        Where problems are recorded.
    brin_column, branch_column
        The column names, for messages.
    first_row
        Row number (as the user sees it) of the first value: 2 below a header row.

    Returns
    -------
    pandas.Series
        The codes (``string`` dtype); NA where no valid code could be formed.

    Examples
    --------
    >>> p = ProblemCollector()
    >>> brin = pd.Series([" 02qz", "02QZ", "00AH"], dtype="string")
    >>> branch = pd.Series(["1", "02QZ03", "7"], dtype="string")
    >>> vestiging_codes(brin, branch, p, brin_column="BRIN", branch_column="VEST").tolist()
    ['02QZ01', '02QZ03', '00AH07']
    >>> vestiging_codes(None, pd.Series(["2QZ01"], dtype="string"), p,
    ...                 brin_column=None, branch_column="code").tolist()
    [<NA>]
    >>> len(p)
    1
    """
    raw_branch = branch.astype("string")
    if brin is None and not raw_branch.isna().any() and all_codes(raw_branch.tolist()):
        return raw_branch  # every value a well-formed code already (as regionkit writes them)
    br = raw_branch.str.upper().str.replace(r"\s+", "", regex=True)
    numeric = br.str.fullmatch(r"\d{1,3}").fillna(False).astype(bool)
    br = br.where(~numeric, br.str[-2:].str.zfill(2))
    joined = br.str.len().fillna(0).astype(int) == 6
    if brin is not None:
        bn = brin.astype("string").str.upper().str.replace(r"\s+", "", regex=True)
        code = bn.str.cat(br).where(~joined, br)
        mismatch = joined & bn.notna() & (br.str[:4] != bn).fillna(False).astype(bool)
        for i in np.flatnonzero(mismatch.to_numpy()):
            problems.add(
                text(problems.language, "codes.brin_mismatch", code=br.iloc[i], brin=bn.iloc[i]),
                fix=text(problems.language, "codes.brin_mismatch_fix"),
                row=int(i) + first_row,
                column=branch_column,
                value=raw_branch.iloc[i],
            )
        code = code.where(~mismatch)
    else:
        code = br
    valid = code.str.fullmatch(CODE_PATTERN).fillna(False).astype(bool)
    for i in np.flatnonzero(~valid.to_numpy()):
        if brin is not None and joined.iloc[i] and pd.isna(code.iloc[i]):
            continue  # already reported as a BRIN mismatch
        given = raw_branch.iloc[i]
        if brin is not None:
            given = (
                f"{'' if pd.isna(brin.iloc[i]) else brin.iloc[i]} {'' if pd.isna(given) else given}"
            )
        missing = pd.isna(raw_branch.iloc[i]) and (brin is None or pd.isna(brin.iloc[i]))
        message = text(problems.language, "codes.malformed")
        if missing:
            message = text(problems.language, "codes.missing")
        problems.add(
            message,
            fix=text(problems.language, "codes.fix"),
            row=int(i) + first_row,
            column=branch_column if brin_column is None else f"{brin_column} + {branch_column}",
            value=None if missing else (given.strip() if isinstance(given, str) else given),
        )
    return code.where(valid).astype("string")
