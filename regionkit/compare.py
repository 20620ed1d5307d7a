"""Comparing two sets of regions: agreement scores, matched regions, moved schools.

Either side of a comparison is an *assignment*: a :class:`pandas.Series` of
region names indexed by school ``code``. It can come from a proposal file
(:func:`regionkit.proposal.read_proposal`), from regionkit's own proposal, or
from an official division (:func:`division_assignment`).

The comparison runs over the schools that both sides assign. Regions are
matched one-to-one by the Hungarian algorithm on the overlap matrix (the
number of schools two regions share), so that as many schools as possible
keep their region; a school *moved* when its region in B is not the B region
matched to its region in A.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from regionkit._errors import InputDataError, Problem
from regionkit._format import format_int, format_number, format_pct
from regionkit._io import json_value
from regionkit._messages import text, text_n
from regionkit._validate import as_proposal, require_once
from regionkit.proposal import division_assignment
from regionkit.regions import Regions

__all__ = ["Comparison", "compare", "division_assignment"]

#: Columns of :attr:`Comparison.moved`, in order.
MOVED_COLUMNS = ("code", "region_a", "region_b", "matched_b")


@dataclass(frozen=True, eq=False)
class Comparison:
    """The result of :func:`compare`.

    Attributes
    ----------
    name_a, name_b
        Labels of the two sides, used in the summary.
    n_common
        Schools assigned by both sides: the schools every score is computed over.
    ari
        Adjusted Rand index over the common schools (1 for the same partition,
        about 0 for unrelated partitions).
    nmi
        Normalised mutual information over the common schools (0 to 1).
    only_in_a, only_in_b
        Codes of schools assigned by one side only, sorted.
    matches
        One row per matched pair: ``region_a``, ``region_b``, ``overlap``
        (schools in both), ``n_a``, ``n_b`` (schools of each region among the
        common schools) and ``jaccard``; sorted by ``region_a``.
    unmatched_a, unmatched_b
        Regions of either side without a partner (more regions on one side, or
        no overlap with any region left), sorted.
    moved
        One row per common school whose B region is not the partner of its A
        region: ``code``, ``region_a``, ``region_b``, ``matched_b`` (the partner
        of ``region_a``, empty when it has none), plus ``name``, ``place``, ``x``,
        ``y`` when a schools table was given; sorted by ``code``.
    split
        A regions whose schools spread over several B regions, each holding more
        than ``min_share`` of them: ``region``, ``n_schools``, ``n_parts``,
        ``parts`` (``"B region (n)"`` joined with ``";"``, largest first).
    merged
        B regions made of sizeable parts of several A regions; same columns.
    min_share
        The share of a region's schools a part needs to count as a split or merge part.
    """

    name_a: str
    name_b: str
    n_common: int
    ari: float
    nmi: float
    only_in_a: tuple[str, ...]
    only_in_b: tuple[str, ...]
    matches: pd.DataFrame
    unmatched_a: tuple[str, ...]
    unmatched_b: tuple[str, ...]
    moved: pd.DataFrame
    split: pd.DataFrame
    merged: pd.DataFrame
    min_share: float

    @property
    def n_moved(self) -> int:
        """Number of common schools that moved."""
        return len(self.moved)

    @property
    def moved_share(self) -> float:
        """Share of the common schools that moved."""
        return self.n_moved / self.n_common if self.n_common else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain JSON-ready data (lists of records, no NaN)."""

        def records(df: pd.DataFrame) -> list[dict[str, Any]]:
            out = []
            for row in df.to_dict(orient="records"):
                out.append({k: _plain(v) for k, v in row.items()})
            return out

        return {
            "a": self.name_a,
            "b": self.name_b,
            "n_common": self.n_common,
            "ari": round(self.ari, 6),
            "nmi": round(self.nmi, 6),
            "n_regions_a": len(self.matches) + len(self.unmatched_a),
            "n_regions_b": len(self.matches) + len(self.unmatched_b),
            "n_moved": self.n_moved,
            "moved_share": round(self.moved_share, 6),
            "only_in_a": list(self.only_in_a),
            "only_in_b": list(self.only_in_b),
            "unmatched_a": list(self.unmatched_a),
            "unmatched_b": list(self.unmatched_b),
            "min_share": self.min_share,
            "matches": records(self.matches),
            "split": records(self.split),
            "merged": records(self.merged),
            "moved": records(self.moved),
        }

    def summary(self, *, max_rows: int = 10, language: str = "nl") -> str:
        """A short text report: scores, counts, the largest splits and merges.

        Parameters
        ----------
        max_rows
            How many split and merged regions to list at most.
        language
            ``"nl"`` or ``"en"`` (``Config.language``): words and numbers.
        """
        lang: Any = language
        a, b = self.name_a, self.name_b
        n_a = len(self.matches) + len(self.unmatched_a)
        n_b = len(self.matches) + len(self.unmatched_b)
        moved = f"{format_int(self.n_moved, lang)} ({format_pct(self.moved_share, lang)})"
        rows = [
            (text(lang, "compare.ari"), format_number(self.ari, lang, decimals=3)),
            (text(lang, "compare.nmi"), format_number(self.nmi, lang, decimals=3)),
            (text(lang, "compare.pairs"), format_int(len(self.matches), lang)),
            (text(lang, "compare.moved"), moved),
            (text(lang, "compare.only_in", side=a), format_int(len(self.only_in_a), lang)),
            (text(lang, "compare.only_in", side=b), format_int(len(self.only_in_b), lang)),
            (text(lang, "compare.split", a=a), format_int(len(self.split), lang)),
            (text(lang, "compare.merged", b=b), format_int(len(self.merged), lang)),
        ]
        width = max(len(label) for label, _ in rows) + 2
        head = text(
            lang,
            "compare.head",
            a=a,
            b=b,
            regions_a=text_n(lang, "compare.regions", n_a, n=format_int(n_a, lang)),
            regions_b=text_n(lang, "compare.regions", n_b, n=format_int(n_b, lang)),
            schools=text_n(
                lang, "compare.schools", self.n_common, n=format_int(self.n_common, lang)
            ),
        )
        lines = [head, *(f"  {label:<{width}}{value}" for label, value in rows)]
        for title, df in (
            (text(lang, "compare.split.title", a=a, b=b), self.split),
            (text(lang, "compare.merged.title", a=a, b=b), self.merged),
        ):
            if df.empty:
                continue
            lines.append(title)
            shown = df.sort_values(
                ["n_parts", "n_schools", "region"], ascending=[False, False, True]
            )
            for row in shown.head(max_rows).itertuples(index=False):
                lines.append(f"  {row.region}: {row.parts.replace(';', ', ')}")
            if len(df) > max_rows:
                more = format_int(len(df) - max_rows, lang)
                lines.append("  " + text(lang, "compare.more", n=more))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<Comparison {self.name_a} vs {self.name_b}: {self.n_common} schools, "
            f"ARI {self.ari:.3f}, NMI {self.nmi:.3f}, {self.n_moved} moved>"
        )


def _plain(value: Any) -> Any:
    """A JSON-ready scalar: numpy scalars to Python, NaN/NA to None, floats rounded."""
    return json_value(value, decimals=6)


def _single(regions: Regions | pd.Series, side: str) -> pd.Series:
    """Region per school code (str), sorted by code: a Regions value's, or an assignment's.

    An assignment (a Series) must give each school one region; a Regions value
    counts a school listed twice in the region listed first.
    """
    if isinstance(regions, Regions):
        return regions.assignment.astype(str)
    proposal = as_proposal(regions)
    require_once(proposal, f"assignment {side}")
    return proposal.assignment.astype(str)


def _parts(table: pd.DataFrame, min_share: float) -> pd.DataFrame:
    """Rows of an overlap table (rows: regions, columns: other regions) split in several parts."""
    rows = []
    sizes = table.sum(axis=1)
    for region, counts in table.iterrows():
        n = int(sizes[region])
        big = counts[counts > min_share * n]
        big = big[big > 0]
        if len(big) < 2:
            continue
        order = sorted(big.items(), key=lambda kv: (-kv[1], str(kv[0])))
        rows.append(
            {
                "region": str(region),
                "n_schools": n,
                "n_parts": len(order),
                "parts": ";".join(f"{name} ({int(k)})" for name, k in order),
            }
        )
    return pd.DataFrame(rows, columns=["region", "n_schools", "n_parts", "parts"])


def _matches(overlap: pd.DataFrame) -> pd.DataFrame:
    """Regions of A matched one-to-one to regions of B by the Hungarian algorithm on the overlap."""
    values = overlap.to_numpy()
    rows, cols = linear_sum_assignment(values, maximize=True)
    keep = values[rows, cols] > 0
    rows, cols = rows[keep], cols[keep]
    names_a, names_b = overlap.index.to_numpy(), overlap.columns.to_numpy()
    n_a, n_b = values.sum(axis=1), values.sum(axis=0)
    inter = values[rows, cols]
    matches = pd.DataFrame(
        {
            "region_a": names_a[rows].astype(str),
            "region_b": names_b[cols].astype(str),
            "overlap": inter.astype(np.int64),
            "n_a": n_a[rows].astype(np.int64),
            "n_b": n_b[cols].astype(np.int64),
            "jaccard": inter / (n_a[rows] + n_b[cols] - inter),
        }
    )
    return matches.sort_values("region_a", kind="stable").reset_index(drop=True)


def _moved(
    ra: pd.Series, rb: pd.Series, partner: dict[str, str], schools: pd.DataFrame | None
) -> pd.DataFrame:
    """The schools whose region in B is not the match of their region in A, by code."""
    matched_b = ra.map(partner)
    is_moved = matched_b.isna() | (matched_b != rb)
    moved = pd.DataFrame(
        {
            "code": ra.index[is_moved.to_numpy()].astype(str),
            "region_a": ra[is_moved].to_numpy(),
            "region_b": rb[is_moved].to_numpy(),
            "matched_b": matched_b[is_moved].fillna("").to_numpy(),
        }
    )
    if schools is not None:
        extra = [c for c in ("name", "place", "x", "y") if c in schools.columns]
        info = pd.DataFrame(schools[["code", *extra]]).drop_duplicates("code")
        info["code"] = info["code"].astype(str)
        moved = moved.merge(info, on="code", how="left")
    return moved.sort_values("code", kind="stable").reset_index(drop=True)


def compare(
    a: Regions | pd.Series,
    b: Regions | pd.Series,
    *,
    schools: pd.DataFrame | None = None,
    name_a: str = "A",
    name_b: str = "B",
    min_share: float = 0.1,
) -> Comparison:
    """Compare two sets of regions.

    Parameters
    ----------
    a, b
        :class:`~regionkit.regions.Regions` (a school listed twice counts in
        the region listed first), or assignments: region names indexed by
        school code; a school that is absent or NA belongs to no region.
    schools
        The schools table (default: that of a Regions value given); when
        there is one, the moved schools get their ``name``,
        ``place`` and ``x``/``y`` (EPSG:28992) so that they can be listed and mapped.
    name_a, name_b
        Labels of the two sides (for the summary).
    min_share
        A region counts as split when more than one of the regions on the other
        side holds more than this share of its schools (0.1: a region of 20
        schools with one school elsewhere is not split).

    Returns
    -------
    Comparison
        Scores, matched regions, moved schools, split and merged regions.

    Raises
    ------
    InputDataError
        When a school is listed twice in one assignment, or the two assignments
        have no school in common.

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> nodal = division_assignment(schools, "nodal")
    >>> rmc = division_assignment(schools, "rmc")
    >>> c = compare(nodal, rmc, schools=schools, name_a="nodal", name_b="rmc")
    >>> c.n_common, round(c.ari, 3) < 1.0
    (1428, True)
    >>> compare(nodal, nodal).ari
    1.0
    """
    # imported here: scikit-learn takes seconds to import, and only scores need it
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    if not 0 <= min_share < 1:
        raise ValueError(f"min_share = {min_share!r} must be a share between 0 and 1")
    sa, sb = _single(a, name_a), _single(b, name_b)
    if schools is None:
        schools = next((r.schools for r in (a, b) if isinstance(r, Regions)), None)
    common = sa.index.intersection(sb.index).sort_values()
    only_a = tuple(sorted(sa.index.difference(sb.index)))
    only_b = tuple(sorted(sb.index.difference(sa.index)))
    if len(common) == 0:
        raise InputDataError(
            Problem(
                f"{name_a} and {name_b} have no school in common",
                fix="check that both use 6-character school codes (BRIN + branch number)",
            )
        )
    ra, rb = sa.loc[common], sb.loc[common]
    ari = float(adjusted_rand_score(ra.to_numpy(), rb.to_numpy()))
    nmi = float(normalized_mutual_info_score(ra.to_numpy(), rb.to_numpy()))

    overlap = pd.crosstab(ra.rename("region_a"), rb.rename("region_b"))
    overlap = overlap.sort_index(axis=0).sort_index(axis=1)
    matches = _matches(overlap)
    partner = dict(zip(matches["region_a"], matches["region_b"], strict=True))
    unmatched_a = tuple(sorted(set(overlap.index.astype(str)) - set(partner)))
    unmatched_b = tuple(sorted(set(overlap.columns.astype(str)) - set(partner.values())))
    moved = _moved(ra, rb, partner, schools)

    return Comparison(
        name_a=name_a,
        name_b=name_b,
        n_common=len(common),
        ari=ari,
        nmi=nmi,
        only_in_a=only_a,
        only_in_b=only_b,
        matches=matches,
        unmatched_a=unmatched_a,
        unmatched_b=unmatched_b,
        moved=moved,
        split=_parts(overlap, min_share),
        merged=_parts(overlap.T, min_share),
        min_share=min_share,
    )
