"""Validation of what a set of regions is built from: the one place that checks an assignment.

:class:`regionkit.regions.Regions` calls these while it is built; no other
module checks a schools table's codes or an assignment again. What is *allowed*
in a set of regions but wrong for the programme (a code that is not in the
schools table, a school listed in two regions) is not an error here: it is data
the rules report. Every problem of an input is collected before one
:class:`~regionkit._errors.InputDataError` is raised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from regionkit._codes import closest_codes
from regionkit._errors import InputDataError, Problem, ProblemCollector
from regionkit.proposal import Proposal

if TYPE_CHECKING:
    from regionkit.regions import Regions

__all__ = [
    "as_proposal",
    "check_moves",
    "check_schools",
    "listed_twice_problems",
    "require_known",
    "require_once",
    "require_single",
    "unknown_code_problems",
]


def check_schools(
    schools: object, *, columns: Sequence[str] = ("code", "x", "y"), step: str = "regionkit"
) -> None:
    """A schools table regionkit can use: a DataFrame with ``columns`` and unique codes.

    ``step`` names who needs the columns in the message ("funding").

    Raises
    ------
    InputDataError
        Listing every missing column and every repeated code.

    Examples
    --------
    >>> check_schools(pd.DataFrame({"code": ["A", "A"], "x": [0, 1]}))
    Traceback (most recent call last):
    ...
    regionkit._errors.InputDataError: 2 problems in the schools table
      - column 'y': the schools table lacks a column regionkit needs; ...
      - column 'code': school code occurs more than once (value: 'A'); fix: ...
    """
    if not isinstance(schools, pd.DataFrame):
        raise InputDataError(
            Problem(
                f"the schools table must be a pandas DataFrame, not {type(schools).__name__}",
                fix="load it with regionkit.schools.load_schools()",
            )
        )
    problems = ProblemCollector()
    for c in columns:
        if c not in schools.columns:
            problems.add(
                f"the schools table lacks a column {step} needs",
                column=c,
                fix="load the table with regionkit.schools.load_schools()",
            )
    if "code" in schools.columns:
        codes = schools["code"].astype(str)
        for code in sorted(set(codes[codes.duplicated()])):
            problems.add(
                "school code occurs more than once",
                column="code",
                value=code,
                fix="give every school one row",
            )
    problems.raise_if_any(f"{len(problems)} problems in the schools table")


def as_proposal(regions: object, *, source: str | None = None) -> Proposal:
    """The listings of a set of regions: a :class:`Proposal` as it is, or one from an assignment.

    An assignment is a Series (or mapping) of region names indexed by school
    code. Codes and names are read as text with surrounding spaces removed; a
    school whose region is missing or empty is in no region. A code that
    appears twice stays listed twice (the overlap rule reports it).

    Raises
    ------
    InputDataError
        For anything else than a Proposal, a Series or a mapping.

    Examples
    --------
    >>> as_proposal(pd.Series({" 00AH17": "Twente ", "00AH07": "", "00AH08": None})).assignment
    code
    00AH17    Twente
    Name: region, dtype: object
    """
    if isinstance(regions, Proposal):
        return regions
    table = getattr(regions, "memberships", None)  # a proposal-like value (region, code rows)
    if isinstance(table, pd.DataFrame) and {"region", "code"} <= set(table.columns):
        rows = table.assign(row=table["row"] if "row" in table.columns else pd.NA)
        return Proposal(memberships=rows[["region", "code", "row"]].reset_index(drop=True))
    if isinstance(regions, Mapping) and not isinstance(regions, pd.Series):
        regions = pd.Series(dict(regions), dtype=object)
    if not isinstance(regions, pd.Series):
        raise InputDataError(
            Problem(
                "a set of regions must be a Proposal, or a pandas Series of region names indexed "
                f"by school code; got {type(regions).__name__}",
                fix="read a file with regionkit.proposal.read_proposal(), or build a Series",
            )
        )
    codes = [str(c).strip() for c in regions.index]
    names = [None if pd.isna(v) else str(v).strip() for v in regions.tolist()]
    keep = [bool(n) for n in names]
    series = pd.Series(
        [n for n, k in zip(names, keep, strict=True) if k],
        index=pd.Index([c for c, k in zip(codes, keep, strict=True) if k], name="code"),
        dtype=object,
    )
    return Proposal.from_assignment(series, source=source)


def unknown_code_problems(unknown: Iterable[str], known: Iterable[str]) -> list[Problem]:
    """One problem per code that is not in the schools table, with the closest known code."""
    known_sorted = sorted(known)
    problems = []
    for code in sorted(set(unknown)):
        close = closest_codes(code, known_sorted, 1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        problems.append(
            Problem(
                f"school code in the assignment is not in the schools table{hint}",
                column="code",
                value=code,
                fix="correct the code (BRIN + 2-digit branch), or add the school to the table",
            )
        )
    return problems


def listed_twice_problems(listed_twice: pd.DataFrame) -> list[Problem]:
    """One problem per school listed in several regions (where a step allows one region only)."""
    problems = []
    for code, rows in listed_twice.groupby(listed_twice["code"].astype(str), sort=True):
        regions = sorted(set(rows["region"].astype(str)))
        problems.append(
            Problem(
                f"school is in {len(regions)} regions ({', '.join(regions)}); "
                "a vmbo/vso school may be in at most one",
                column="code",
                value=code,
                fix="keep the school in one region",
            )
        )
    return problems


def require_once(proposal: Proposal, what: str) -> None:
    """Where an assignment gives one region per school: no code listed twice in ``what``.

    Raises
    ------
    InputDataError
        Naming every code listed more than once.
    """
    m = proposal.memberships
    dup = sorted(set(m.loc[m["code"].duplicated(), "code"].astype(str)))
    if dup:
        raise InputDataError(
            [
                Problem(
                    f"school {c} appears more than once in {what}",
                    fix="a vmbo/vso school belongs to at most one region",
                    value=c,
                )
                for c in dup
            ],
            f"{what} lists {len(dup)} school(s) twice",
        )


def require_single(regions: Regions) -> None:
    """Where a step needs one region per school of the table: no unknown code, none in two regions.

    Raises
    ------
    InputDataError
        Listing every unknown code (with the closest known code) and every
        school listed in two regions.
    """
    require_known(regions, once=True)


def require_known(regions: Regions, *, once: bool = False) -> None:
    """Where a step needs schools of the table only (money): no code that is not in the table.

    With ``once`` a school listed in two regions is an error as well.

    Raises
    ------
    InputDataError
        Listing every unknown code, with the closest known code (and with
        ``once`` every school listed in two regions).
    """
    problems = unknown_code_problems(regions.unknown["code"].astype(str), regions.index)
    if once:
        problems += listed_twice_problems(regions.listed_twice)
    if problems:
        raise InputDataError(problems, f"{len(problems)} problem(s) in the assignment")


def check_moves(changes: object, known: Mapping[str, int]) -> dict[str, str | None]:
    """Moves of schools as ``{code: region or None}``: every code in the table, every name text.

    Raises
    ------
    InputDataError
        Listing every unknown code and every region that is not a name.
    """
    if not isinstance(changes, Mapping):
        raise InputDataError(
            Problem(
                f"moves must be a mapping of school code to region, not {type(changes).__name__}",
                fix="pass for example {'00AH17': 'Twente'} (None: to no region)",
            )
        )
    problems = ProblemCollector()
    out: dict[str, str | None] = {}
    unknown = [str(c).strip() for c in changes if str(c).strip() not in known]
    for p in unknown_code_problems(unknown, known):
        problems.problems.append(p)
    for code, region in changes.items():
        key = str(code).strip()
        if region is None or (not isinstance(region, str) and pd.isna(region)):
            out[key] = None
        elif isinstance(region, str) and region.strip():
            out[key] = region.strip()
        else:
            problems.add(
                "a school can only move to a region name (text) or to no region (None)",
                column="region",
                value=region,
                fix="give the region's name",
            )
    problems.raise_if_any(f"{len(problems)} problem(s) in the moves")
    return out
