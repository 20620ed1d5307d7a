"""How technique changed in each region between two data years.

The bundled data hold DUO's counts of 1 October 2019 (the default) and of
1 October 2017 (:data:`regionkit.schools.BUNDLED_YEARS`). For a set of regions
drawn on one year, :func:`technical_change` counts, per region, the pupils of
the same schools (by vestiging code) in the other year:

- **technical pupils**: leerjaar 3 and 4, BB/KB/GL, in the five technical
  profiles (the pupils the money counts);
- **technique pupils**: those plus the pupils of sector-Techniek programmes
  outside the five profiles (the technique routes, and in 2017 the old
  afdelingen such as Bouwtechniek or Techniek Breed). In 2017 many lj4 pupils
  were still in the old afdelingen, so the technical pupils alone undercount
  technique that year; the technique pupils compare like with like.

A school of the region that is not in the other year's table (opened since,
or closed before) adds nothing to that year; the table says how many there
are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from regionkit._schema import COUNTED_KINDS, OTHER_TECHNIQUE_COLUMNS
from regionkit.schools import BUNDLED_YEARS

__all__ = ["CHANGE_COLUMNS", "compare_year", "technical_change"]

#: The columns of :func:`technical_change`, in order.
CHANGE_COLUMNS: tuple[str, ...] = (
    "region",
    "compare_year",
    "technical_pupils",
    "technical_pupils_then",
    "technical_change",
    "technique_pupils",
    "technique_pupils_then",
    "technique_change",
    "n_schools_not_then",
)


def compare_year(year: int) -> int | None:
    """The other bundled data year to compare ``year`` with (``None`` when there is none).

    Examples
    --------
    >>> compare_year(2019), compare_year(2017), compare_year(2023)
    (2017, 2019, None)
    """
    others = sorted(y for y in BUNDLED_YEARS if y != year)
    if year not in BUNDLED_YEARS or not others:
        return None
    earlier = [y for y in others if y < year]
    return earlier[-1] if earlier else others[0]


def _pupils(schools: pd.DataFrame) -> pd.DataFrame:
    """Per code: technical (profile) and technique (profile + other programmes) pupils, lj3+4."""
    counted = schools["kind"].astype("string").isin(list(COUNTED_KINDS)).fillna(False)
    technical = schools["technical_lj3"].to_numpy(np.int64) + schools["technical_lj4"].to_numpy(
        np.int64
    )
    present = [c for c in OTHER_TECHNIQUE_COLUMNS if c in schools.columns]
    other = schools[present].to_numpy(np.int64).sum(axis=1) if present else 0
    keep = counted.to_numpy(dtype=bool)
    return pd.DataFrame(
        {
            "technical": np.where(keep, technical, 0),
            "technique": np.where(keep, technical + other, 0),
        },
        index=pd.Index(schools["code"].astype(str), name="code"),
    )


def technical_change(
    assignment: pd.Series, now: pd.DataFrame, then: pd.DataFrame, *, then_year: int
) -> pd.DataFrame:
    """Per region: technical and technique pupils of its schools now and in another year.

    Parameters
    ----------
    assignment
        Region per school code (NA or absent: in no region), as funded.
    now
        The schools table the regions were drawn on.
    then
        The schools table of the other year (same columns).
    then_year
        The data year of ``then``.

    Returns
    -------
    pandas.DataFrame
        One row per region, sorted by name, with the columns
        :data:`CHANGE_COLUMNS`: ``technical_pupils`` (now) and
        ``technical_pupils_then``, their difference ``technical_change``
        (now minus then), the same for ``technique_*``, and
        ``n_schools_not_then``: schools of the region without a row in the
        other year's table.

    Examples
    --------
    >>> from regionkit.proposal import division_assignment
    >>> from regionkit.schools import load_schools
    >>> now, then = load_schools(), load_schools(year=2017)
    >>> change = technical_change(division_assignment(now, "nodal"), now, then, then_year=2017)
    >>> row = change.set_index("region").loc["Enschede"]
    >>> int(row["technical_pupils_then"]), int(row["technical_pupils"])
    (632, 724)
    """
    a = assignment.dropna().astype(str)
    a = a[~a.index.duplicated(keep="first")]
    pupils_now = _pupils(now)
    pupils_then = _pupils(then)
    codes = a.index.astype(str)
    in_now = codes.isin(pupils_now.index)
    frame = pd.DataFrame({"region": a.to_numpy()[in_now]}, index=codes[in_now])
    frame["technical"] = pupils_now["technical"].reindex(frame.index).to_numpy()
    frame["technique"] = pupils_now["technique"].reindex(frame.index).to_numpy()
    had = frame.index.isin(pupils_then.index)
    frame["technical_then"] = pupils_then["technical"].reindex(frame.index).fillna(0).to_numpy()
    frame["technique_then"] = pupils_then["technique"].reindex(frame.index).fillna(0).to_numpy()
    frame["not_then"] = ~had
    sums = frame.groupby("region", sort=True).sum()
    out = pd.DataFrame({"region": pd.Series(sums.index, dtype="string")})
    out["compare_year"] = then_year
    for what in ("technical", "technique"):
        out[f"{what}_pupils"] = sums[what].to_numpy(np.int64)
        out[f"{what}_pupils_then"] = sums[f"{what}_then"].to_numpy(np.int64)
        out[f"{what}_change"] = out[f"{what}_pupils"] - out[f"{what}_pupils_then"]
    out["n_schools_not_then"] = sums["not_then"].to_numpy(np.int64)
    return out[list(CHANGE_COLUMNS)].reset_index(drop=True)
