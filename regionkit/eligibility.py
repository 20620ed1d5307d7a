"""Which schools must be able to join a region, and why.

The programme (``docs/DOMAIN.md``, "Who takes part" and rule 5) lets every
vmbo or vso school join a region, and requires that a school in the area that
has a technical profile, *or demonstrably teaches technique*, can: such a
school in no region is a finding. From the schools table that means, per
school, one reason (the first that holds):

- ``technical_profile``: pupils in leerjaar 3/4 in one of the five technical
  profiles (``profiles``);
- ``other_technique``: no profile pupils, but pupils in a sector-Techniek
  programme outside the five profiles (Vakmanschapsroute Techniek,
  Beroepsroute Techniek, and in older data the old afdelingen; named in
  ``technique_programmes``);
- ``vso``: a vso school. DUO publishes no vso counts per vestiging, so whether
  it has a technical *uitstroomprofiel* cannot be seen in open data; it is
  eligible so that it is never silently left out.

Other vmbo schools (TL only, or only non-technical profiles) and
praktijkonderwijs may join but need not: they are not eligible in this
sense. Money is a separate rule (the five profiles only; see
:mod:`regionkit.funding`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from regionkit._schema import OTHER_TECHNIQUE_COLUMNS

__all__ = ["REASONS", "eligibility"]

#: The reasons a school must be able to join a region, in the order they are tried.
REASONS: tuple[str, ...] = ("technical_profile", "other_technique", "vso")


def eligibility(schools: pd.DataFrame) -> pd.DataFrame:
    """Per school: whether it must be able to join a region, and why.

    Parameters
    ----------
    schools
        A schools table (:func:`regionkit.schools.load_schools`).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``schools``: ``eligible`` (bool), ``reason`` (one of
        :data:`REASONS`, NA when not eligible), ``detail`` (the profiles,
        e.g. ``"BWI;PIE"``, the programmes outside them, e.g.
        ``"Vakmanschapsroute Techniek"``, or the vso structure, e.g.
        ``"(V)SO"``) and ``other_technique_pupils`` (pupils in leerjaar 3/4 in
        programmes outside the profiles).

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> e = eligibility(schools)
    >>> e["reason"].value_counts().to_dict()
    {'vso': 511, 'technical_profile': 276, 'other_technique': 9}
    >>> row = e[schools["code"] == "20ZK00"].iloc[0]
    >>> row["reason"], row["detail"], int(row["other_technique_pupils"])
    ('other_technique', 'Vakmanschapsroute Techniek', 100)
    """
    kind = schools["kind"].astype("string").fillna("")
    profile = schools["has_technical_profile"].astype(bool).to_numpy()
    present = [c for c in OTHER_TECHNIQUE_COLUMNS if c in schools.columns]
    other_pupils = (
        schools[present].fillna(0).to_numpy(dtype=np.int64).sum(axis=1)
        if present
        else np.zeros(len(schools), dtype=np.int64)
    )
    programmes = _text(schools, "technique_programmes")
    taught = (other_pupils > 0) | programmes.notna().to_numpy()
    vmbo_or_vso = kind.isin(["vmbo", "vso"]).to_numpy()
    reason = np.select(
        [
            vmbo_or_vso & profile,
            (kind == "vmbo").to_numpy() & taught,
            (kind == "vso").to_numpy(),
        ],
        list(REASONS),
        default="",
    )
    detail = np.select(
        [reason == "technical_profile", reason == "other_technique", reason == "vso"],
        [
            _text(schools, "profiles").fillna("").to_numpy(dtype=object),
            programmes.fillna("").to_numpy(dtype=object),
            _text(schools, "structure").fillna("vso").to_numpy(dtype=object),
        ],
        default="",
    )
    return pd.DataFrame(
        {
            "eligible": reason != "",
            "reason": pd.Series(reason, dtype="string").replace("", pd.NA).to_numpy(),
            "detail": pd.Series(detail, dtype="string").replace("", pd.NA).to_numpy(),
            "other_technique_pupils": other_pupils,
        },
        index=schools.index,
    ).astype({"reason": "string", "detail": "string"})


def _text(schools: pd.DataFrame, column: str) -> pd.Series:
    """A text column of the table, or all NA when it lacks it."""
    if column in schools.columns:
        return schools[column].astype("string").reset_index(drop=True)
    return pd.Series(pd.NA, index=range(len(schools)), dtype="string")
