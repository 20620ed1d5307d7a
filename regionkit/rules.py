"""Checking a proposed set of regions against the rules of the programme.

Every rule of ``docs/DOMAIN.md`` is a named pure function with one signature,
``rule(regions) -> list[Finding]`` on a :class:`~regionkit.regions.Regions`; a
:class:`Finding` says which rule, how serious, which region(s) and school(s),
the measured value and the threshold, and a message in plain Dutch (English
with ``config.language = "en"``) that says what is wrong and what would fix it.
:func:`check` runs them all and returns a :class:`CheckResult`; the figures
they share (counts per region, graph parts, hulls, close pairs) are computed
once by the regions value and, after a move, again only for the regions it
touched.

The rules (ids as in :data:`RULE_IDS`):

``overlap``
    A vmbo/vso vestiging in more than one region (error); praktijkonderwijs
    too with ``[rules] overlap_pro`` (the programme does not say).
``unknown_school``
    A code that is not in the schools table (error), with the nearest codes.
``left_out``
    An eligible school (:mod:`regionkit.eligibility`: a technical profile,
    technique taught outside the profiles, or vso) in no region, in the area
    the proposal covers (or anywhere, with ``left_out_scope = "national"``),
    with the region it most naturally belongs to.
``too_small``
    A region below the floor on counted pupils.
``part_of_larger_whole``
    A small region inside the area of a larger one, or mostly bordering one
    larger neighbour: merge, with the figures after merging.
``close_schools_split``
    Schools within ``close_distance_m`` of each other in different regions,
    one finding per pair of regions.
``not_one_area``
    A region that falls apart in the proximity graph, or an enclave.
``composition``
    Too few vmbo/vso schools, or too few with a technical profile (the
    analysis's reading, a setting; not for a techniekarm region), a partner of
    a role the reader does not know; as a reminder of the plan's requirements,
    no mbo institution or no business or government partner; one info finding
    when the proposal lists no partners.
``techniekarm``
    A techniekarm region: it had to register as such before 1 November 2018
    and drew on a budget of its own.

Geographic rules use the single-region view :attr:`Proposal.assignment`
(a school listed twice counts in its first region); per-region counts use
every listing. Codes that are not in the schools table take part only in
``unknown_school``.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from regionkit._codes import closest_codes
from regionkit._format import Language, format_int, format_number, format_pct
from regionkit._io import json_value, write_atomic
from regionkit._messages import join, text, text_n
from regionkit._places import place_name
from regionkit._spreadsheet import csv_text
from regionkit.config import Config, RulesConfig, load_config
from regionkit.eligibility import eligibility
from regionkit.funding import techniekarm_figures
from regionkit.proposal import Proposal, match_names
from regionkit.regions import Regions
from regionkit.wholes import floors, large_enough, larger_wholes, techniekarm_floor

if TYPE_CHECKING:
    from regionkit.graph import ProximityGraph

__all__ = [
    "RULES",
    "RULE_IDS",
    "SEVERITIES",
    "CheckResult",
    "Finding",
    "check",
    "check_proposal",
    "close_schools_split",
    "composition",
    "left_out",
    "not_one_area",
    "overlap",
    "part_of_larger_whole",
    "techniekarm",
    "too_small",
    "unknown_school",
    "write_findings",
]

logger = logging.getLogger(__name__)

Severity = Literal["error", "warning", "info"]
#: Severities, most serious first (the sort order of findings).
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: Rule ids in the order of ``docs/DOMAIN.md`` (the sort order of findings).
RULE_IDS: tuple[str, ...] = (
    "overlap",
    "unknown_school",
    "left_out",
    "too_small",
    "part_of_larger_whole",
    "close_schools_split",
    "not_one_area",
    "composition",
    "techniekarm",
)
#: Kinds of school that take part in regions and whose pupils count.
_COUNTING_KINDS = ("vmbo", "vso")

#: Columns of :attr:`CheckResult.findings`, in order (funding columns follow when present).
FINDING_COLUMNS = (
    "rule",
    "severity",
    "aspect",
    "regions",
    "schools",
    "value",
    "threshold",
    "unit",
    "suggestion",
    "message",
    "details",
)


@dataclass(frozen=True)
class Finding:
    """One thing a rule found wrong (or could not check) in a proposal.

    Attributes
    ----------
    rule
        The rule id (:data:`RULE_IDS`).
    severity
        ``"error"``, ``"warning"`` or ``"info"``.
    regions
        The region(s) concerned; empty for a finding about the whole proposal.
    schools
        The school code(s) concerned.
    value
        What was measured (pupils, metres, a share, a count), or None.
    threshold
        The limit it was measured against, or None.
    message
        What is wrong and what would fix it, in the configured language.
    aspect
        Which part of the rule, where a rule checks several things
        (``composition``: ``"schools"``, ``"mbo"``, ``"business"``,
        ``"partners_unchecked"``; ``not_one_area``: ``"disconnected"``,
        ``"enclave"``, ``"no_land_link"``; ``part_of_larger_whole``: ``"hull"``,
        ``"boundary"``).
    suggestion
        The fix in a word: the region to join or merge with, or candidate codes.
    unit
        Unit of ``value`` and ``threshold``: ``"regions"``, ``"pupils"``,
        ``"m"``, ``"share"``, ``"schools"``, ``"partners"``, ``"parts"``.
    details
        Rule-specific figures (for example the number of split pairs, or the
        figures after a merge), as plain JSON-able data.
    """

    rule: str
    severity: Severity
    regions: tuple[str, ...]
    schools: tuple[str, ...]
    value: float | None
    threshold: float | None
    message: str
    aspect: str = ""
    suggestion: str = ""
    unit: str = ""
    details: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain data (lists for tuples), for JSON."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "aspect": self.aspect,
            "regions": list(self.regions),
            "schools": list(self.schools),
            "value": self.value,
            "threshold": self.threshold,
            "unit": self.unit,
            "suggestion": self.suggestion,
            "message": self.message,
            "details": dict(self.details),
        }


# --- shared preparation -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class _Data:
    """What the rules share: the schools by code, listings of known codes, the language."""

    lang: Language
    info: pd.DataFrame  # indexed by code: name, place, kind, technical, counted, bb_kb, gl, x, y
    members: pd.DataFrame  # region, code (known codes only, one row per region and code)
    assignment: pd.Series  # single-region view, known codes only
    regions: list[str]  # every region of the proposal (schools or partners)
    labels: Mapping[str, str]  # code -> "code (name, place)"


def _data(regions: Regions) -> _Data:
    return _Data(
        regions.config.language,
        regions.school_info,
        regions.memberships,
        regions.assignment,
        regions.regions,
        regions.shared("rules.labels", lambda: _Labels(regions)),
    )


def _label(code: str, d: _Data) -> str:
    """A school as findings name it: ``00AH17 (Het Stedelijk Lyceum, Enschede)``."""
    return d.labels.get(code, code)


class _Labels(Mapping[str, str]):
    """Code -> ``"code (name, place)"`` for every school of the table, each label made when
    a finding first names the school (a table of 100,000 schools names few of them)."""

    def __init__(self, regions: Regions) -> None:
        info = regions.school_info
        self._row = regions.index  # the rows of the table, the rows of ``info``
        self._names = info["name"].tolist()
        self._places = info["place"].tolist()
        self._made: dict[str, str] = {}

    def __getitem__(self, code: str) -> str:
        label = self._made.get(code)
        if label is None:
            i = self._row[code]
            label = f"{code} ({self._names[i]}, {place_name(str(self._places[i]))})"
            self._made[code] = label
        return label

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


def _num(value: float, lang: Language) -> str:
    """Counted pupils: whole numbers plain, halves (a GL pupil counts half) with one decimal."""
    decimals = 0 if float(value).is_integer() else 1
    return format_number(value, lang, decimals=decimals)


def _km(metres: float, lang: Language, *, below: float | None = None) -> str:
    """Kilometres with one decimal (``6,7 km``), whole kilometres without (``10 km``).

    With ``below`` (metres), a distance under it never reads as that limit:
    9,96 km stays ``9,96 km`` next to a limit of ``10 km``, not ``10 km``.
    """
    for decimals in (1, 2, 3):
        km = round(metres / 1000, decimals)
        if below is None or km * 1000 < below:
            break
    text_ = f"{km:.{decimals}f}".rstrip("0").rstrip(".")
    shown = 0 if "." not in text_ else len(text_.split(".")[1])
    return f"{format_number(km, lang, decimals=shown)} km"


def _pct(share: float, lang: Language) -> str:
    return format_pct(share, lang, decimals=0)


def _members_of(d: _Data, wanted: list[str]) -> dict[str, tuple[str, ...]]:
    """The known schools listed in each of the ``wanted`` regions, sorted by code.

    One pass over the listings, however many regions are wanted.
    """
    out: dict[str, list[str]] = {region: [] for region in wanted}
    if out:
        m = d.members
        for region, code in zip(m["region"].tolist(), m["code"].tolist(), strict=True):
            if region in out:
                out[region].append(code)
    return {region: tuple(sorted(codes)) for region, codes in out.items()}


def _table_edges(regions: Regions) -> np.ndarray | None:
    """The graph's edges as pairs of rows of the schools table (None without a graph)."""
    graph = regions.graph
    if graph is None:
        return None

    def compute() -> np.ndarray:
        position = regions.index
        pos = np.array([position.get(str(c), -1) for c in graph.codes], dtype=np.int64)
        e = pos[np.asarray(graph.edges, dtype=np.int64).reshape(-1, 2)]
        return e[(e >= 0).all(axis=1)]

    return regions.shared("table_edges", compute)


def _best(counts: Mapping[str, float]) -> str | None:
    """The key with the highest count; ties to the first name."""
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


# --- the rules ----------------------------------------------------------------------------------


def overlap(regions: Regions) -> list[Finding]:
    """A vmbo/vso/pro vestiging listed in more than one region (always an error).

    mbo institutions and companies may be in several regions; they are
    partners, not members, and are not checked here.

    Returns
    -------
    list of Finding
        One per school, with the regions in the order they are listed; value
        is the number of regions, threshold 1.

    Examples
    --------
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> memberships = pd.DataFrame({"region": ["Twente", "Achterhoek"],
    ...                             "code": ["00AH17", "00AH17"], "row": [2, 3]})
    >>> twice = Proposal(memberships=memberships)
    >>> [f.regions for f in overlap(Regions(load_schools(), twice))]
    [('Twente', 'Achterhoek')]
    """
    d = _data(regions)
    m = regions.proposal.memberships.astype({"region": str, "code": str})
    m = m[m.duplicated("code", keep=False)]
    pro = set(d.info.index[d.info["kind"] == "pro"])
    findings = []
    for code, group in m.groupby("code", sort=True):
        listed_in = tuple(dict.fromkeys(group["region"]))
        if len(listed_in) < 2:
            continue
        is_pro = str(code) in pro
        if is_pro and not regions.config.rules.overlap_pro:
            continue  # the programme's rule names vmbo and vso schools
        lbl = _label(str(code), d)
        regs = join(d.lang, listed_in)
        rows = [int(r) for r in group["row"].dropna()]
        findings.append(
            Finding(
                rule="overlap",
                severity="error",
                regions=listed_in,
                schools=(str(code),),
                value=float(len(listed_in)),
                threshold=1.0,
                unit="regions",
                suggestion=listed_in[0],
                details={"rows": rows},
                message=(
                    text(d.lang, "rules.overlap.pro", school=lbl, n=len(listed_in), regions=regs)
                    if is_pro
                    else text(d.lang, "rules.overlap", school=lbl, n=len(listed_in), regions=regs)
                ),
            )
        )
    return findings


def _code_candidates(
    code: str, name: str | None, place: str | None, schools: pd.DataFrame, n: int
) -> list[str]:
    """Known codes a mistyped code probably meant: by name (and place), else by code."""
    if name:
        table = pd.DataFrame({"name": [name], "place": [place if place else pd.NA]})
        result = match_names(table, schools, n_candidates=n)
        if result.matched.shape[0]:
            return [str(result.matched["code"].iloc[0])]
        return [str(c) for c in result.candidates["code"].head(n)]
    return closest_codes(code, schools["code"].astype(str), n)  # one character off first


def unknown_school(regions: Regions) -> list[Finding]:
    """A well-formed code that is not in the schools table (error), with likely corrections.

    Where the proposal gives the school's name (and place) the candidates are
    the schools with the most similar names (:func:`regionkit.proposal.match_names`);
    otherwise the known codes by edit distance, one character off first, the
    same BRIN before another (:func:`regionkit._codes.closest_codes`).

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> p = Proposal.from_assignment(pd.Series({"00AH99": "Twente"}))
    >>> f = unknown_school(Regions(load_schools(), p, config=load_config(language="en")))[0]
    >>> f.schools, f.suggestion
    (('00AH99',), '00AH09;00AH17;00AH08')
    """
    d = _data(regions)
    p, config = regions.proposal, regions.config
    m = p.memberships.astype({"region": str, "code": str})
    unknown = m[~m["code"].isin(d.info.index)]
    if unknown.empty:
        return []
    named: dict[str, tuple[str | None, str | None]] = {}
    if not p.rows.empty:
        r = p.rows.dropna(subset=["code"])
        for row in r.itertuples(index=False):
            if str(row.code) not in named and not pd.isna(row.name):
                place = None if pd.isna(row.place) else str(row.place)
                named[str(row.code)] = (str(row.name), place)
    findings = []
    for code, group in unknown.groupby("code", sort=True):
        code = str(code)
        listed_in = tuple(dict.fromkeys(group["region"]))
        rows = [int(r) for r in group["row"].dropna()]
        name, place = named.get(code, (None, None))
        cands = _code_candidates(code, name, place, regions.schools, config.rules.name_candidates)
        lang = d.lang
        where = text_n(
            lang, "rules.unknown_school.where", len(listed_in), regions=join(lang, listed_in)
        )
        if rows:
            where += text(lang, "rules.unknown_school.rows", rows=", ".join(map(str, rows)))
        called = text(lang, "rules.unknown_school.called", name=name) if name else ""
        listed = join(lang, [_label(c, d) for c in cands], conjunction="or")
        fix = (
            text(lang, "rules.unknown_school.fix", candidates=listed)
            if cands
            else text(lang, "rules.unknown_school.fix_none")
        )
        findings.append(
            Finding(
                rule="unknown_school",
                severity="error",
                regions=listed_in,
                schools=(code,),
                value=None,
                threshold=None,
                suggestion=";".join(cands),
                details={"rows": rows, "candidates": cands, "name": name},
                message=text(
                    lang, "rules.unknown_school", code=code, called=called, where=where, fix=fix
                ),
            )
        )
    return findings


def _eligible(regions: Regions) -> pd.DataFrame:
    """Per school (by code): why it must be able to join a region (:mod:`regionkit.eligibility`)."""

    def compute() -> pd.DataFrame:
        e = eligibility(regions.schools)
        e.index = pd.Index(regions.schools["code"].astype(str).to_numpy(), name="code")
        return e

    return regions.shared("rules.eligibility", compute)


def _in_area(regions: Regions, d: _Data, codes: Sequence[str]) -> set[str]:
    """The codes whose nearest schools are in the proposal's regions: "in the area".

    With a graph: a school one of whose proximity-graph neighbours is in a
    region. Without one: a school one of whose five nearest schools is.
    """
    a = d.assignment
    view = regions.graph_view
    found: set[str] = set()
    if view is not None:
        for code in codes:
            i = view.node(code)
            if i is not None and view.assigned[view.dst[view.src == i]].any():
                found.add(code)
        return found
    if a.empty:
        return found
    xy = d.info[["x", "y"]].to_numpy()
    tree = cKDTree(xy)
    assigned = set(a.index)
    index = d.info.index
    for code in codes:
        k = min(6, len(index))
        _, idx = tree.query(d.info.loc[code, ["x", "y"]].to_numpy(dtype=float), k=k)
        near = [str(index[int(j)]) for j in np.atleast_1d(idx) if str(index[int(j)]) != code]
        if any(c in assigned for c in near[:5]):
            found.add(code)
    return found


def _home_region(regions: Regions, d: _Data, code: str, tree: Any) -> tuple[str | None, str]:
    """The region a school in no region most naturally belongs to, and a clause saying why.

    The region most of its proximity-graph neighbours belong to (ties to the
    nearer ones); without a graph, or with no neighbour in a region, the region
    of most of its nearest assigned schools.
    """
    view = regions.graph_view
    a = d.assignment
    if view is not None and (i := view.node(code)) is not None:
        out = view.src == i
        nbrs, lengths = view.dst[out], view.length[out]
        regs = [view.region[j] for j in nbrs if view.assigned[j]]
        if regs:
            counts = Counter(regs)
            dist = {r: 0.0 for r in counts}
            for j, length in zip(nbrs, lengths, strict=True):
                if view.assigned[j]:
                    dist[view.region[j]] += float(length)
            region = sorted(counts, key=lambda r: (-counts[r], dist[r], r))[0]
            how = text(d.lang, "rules.left_out.how_neighbours", n=counts[region], k=len(nbrs))
            return region, how
    if tree is None:
        return None, ""
    k = min(5, len(a))
    dist_k, idx_k = tree.query(d.info.loc[code, ["x", "y"]].to_numpy(dtype=float), k=k)
    dist_k, idx_k = np.atleast_1d(dist_k), np.atleast_1d(idx_k)
    counts = Counter(str(a.iloc[int(j)]) for j in idx_k)
    region = sorted(counts, key=lambda r: (-counts[r], r))[0]
    nearest = min(
        float(dd) for dd, j in zip(dist_k, idx_k, strict=True) if a.iloc[int(j)] == region
    )
    return region, text(d.lang, "rules.left_out.how_nearest", distance=_km(nearest, d.lang))


def _left_out_message(
    d: _Data, code: str, row: pd.Series, reason: pd.Series, fix: str, closed: str
) -> str:
    """The finding's sentence for one school, by the reason it is eligible."""
    lbl = _label(code, d)
    if reason["reason"] == "other_technique":
        return text(
            d.lang,
            "rules.left_out.other_technique",
            school=lbl,
            programmes=join(d.lang, str(reason["detail"]).split(";")),
            pupils=format_int(int(reason["other_technique_pupils"]), d.lang),
            fix=fix,
            closed=closed,
        )
    if reason["reason"] == "vso":
        return text(d.lang, "rules.left_out.vso", school=lbl, fix=fix, closed=closed)
    return text(
        d.lang,
        "rules.left_out",
        school=lbl,
        profiles=str(row["profiles"]).replace(";", ", "),
        counted=_num(row["counted"], d.lang),
        fix=fix,
        closed=closed,
    )


def left_out(regions: Regions) -> list[Finding]:
    """An eligible school in no region, in the area the proposal covers.

    Eligible (:func:`regionkit.eligibility.eligibility`): a vmbo/vso school
    with a technical profile, a vmbo school that teaches technique outside the
    profiles (Vakmanschapsroute Techniek and the like), or a vso school (its
    technical profile cannot be seen in open data: severity
    ``left_out_vso_severity``, info by default). "In the area"
    (``left_out_scope = "area"``, the default): one of the school's nearest
    schools is in one of the proposal's regions, so a proposal of four
    regions is not told about schools at the other end of the country;
    ``"national"`` reports every eligible school in no region. The
    suggested region is the one its proximity-graph neighbours belong to.

    Examples
    --------
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> s = load_schools()
    >>> twente = pd.Series("Twente", index=["00AH07", "00AH08", "00AH09"])
    >>> f = left_out(Regions(s, twente))
    >>> ("00AH17", "Twente") in [(x.schools[0], x.suggestion) for x in f]
    True
    """
    d = _data(regions)
    rules = regions.config.rules
    listed = set(regions.proposal.memberships["code"].astype(str).tolist())
    reasons = _eligible(regions).reindex(d.info.index)
    todo = [str(c) for c in d.info.index[reasons["eligible"].to_numpy(dtype=bool)]]
    todo = [c for c in todo if c not in listed]
    if rules.left_out_scope == "area":
        area = _in_area(regions, d, todo)
        todo = [c for c in todo if c in area]
    if not todo:
        return []
    a = d.assignment
    tree = cKDTree(d.info.loc[a.index, ["x", "y"]].to_numpy()) if len(a) else None
    findings = []
    for code in todo:
        row, reason = d.info.loc[code], reasons.loc[code]
        region, how = _home_region(regions, d, code, tree)
        closed = text(d.lang, "rules.left_out.closed") if row["closed"] else ""
        fix = (
            text(d.lang, "rules.left_out.fix", region=region, how=how)
            if region
            else text(d.lang, "rules.left_out.fix_none")
        )
        vso = reason["reason"] == "vso"
        findings.append(
            Finding(
                rule="left_out",
                severity=rules.left_out_vso_severity if vso else rules.left_out_severity,
                regions=(),
                schools=(code,),
                value=float(row["counted"]),
                threshold=None,
                unit="pupils",
                aspect=str(reason["reason"]),
                suggestion=region or "",
                details={
                    "reason": str(reason["reason"]),
                    "detail": "" if pd.isna(reason["detail"]) else str(reason["detail"]),
                    "profiles": str(row["profiles"]),
                    "other_technique_pupils": int(reason["other_technique_pupils"]),
                    "closed": bool(row["closed"]),
                },
                message=_left_out_message(d, code, row, reason, fix, closed),
            )
        )
    return findings


@dataclass(frozen=True)
class _Merge:
    """The neighbouring regions a small region is told to merge with, and the pupils together."""

    partners: tuple[str, ...]  # in the order they join; empty when the region has no neighbour
    counted: float  # the region's and the partners' counted pupils together
    reaches: bool  # whether together they are large enough (rule 3)
    pupils: float = 0.0  # their pupils of the techniekarm share's denominator together
    techniekarm: bool = False  # whether together they are a techniekarm region


def _merge_ties(regions: Regions, d: _Data, group: list[str]) -> dict[str, tuple[int, int]]:
    """Per region next to ``group``: (school pairs within the close distance, graph links).

    Close pairs are at most ``close_distance_m`` apart, as ``close_schools_split``
    counts them; links are the proximity graph's. Without a graph, and with no
    close pair, the region of the school nearest to the group is its neighbour.
    """
    number = {r: k for k, r in enumerate(regions.regions)}
    labels = regions.labels  # region number per row of the schools table, -1 for none
    inside = np.isin(labels, [number[r] for r in group])
    rows = np.flatnonzero(inside)
    xy = d.info[["x", "y"]].to_numpy()
    tree = regions.shared("rules.school_tree", lambda: cKDTree(xy))
    reach = np.nextafter(regions.config.rules.close_distance_m, np.inf)  # at most that far
    found = tree.query_ball_point(xy[rows], reach)
    hits = np.fromiter((h for near in found for h in near), dtype=np.int64)
    other = labels[hits][~inside[hits]]
    ids, n = np.unique(other[other >= 0], return_counts=True)
    close = {regions.regions[int(k)]: int(c) for k, c in zip(ids, n, strict=True)}
    links: dict[str, int] = {}
    view = regions.graph_view
    if view is not None:
        own = regions.codes[rows]
        links = {r: n for r, n in view.links(view.nodes(own), group[0]).items() if r not in group}
    elif not close:
        outside = np.flatnonzero((labels >= 0) & ~inside)
        if len(outside):
            dist, idx = cKDTree(xy[outside]).query(xy[rows])
            links = {regions.regions[int(labels[outside[int(idx[int(np.argmin(dist))])]])]: 1}
    return {r: (close.get(r, 0), links.get(r, 0)) for r in sorted(set(close) | set(links))}


def _merge_partner(regions: Regions, d: _Data, region: str) -> _Merge:
    """The smallest set of neighbouring regions that makes a small region large enough.

    Large enough together is rule 3's one definition (:func:`_enough_together`).
    Grown greedily over adjacent regions (proximity-graph links; without a
    graph, regions within the close distance, else the region of the nearest
    school): a neighbour that makes the group large enough joins first, the
    one with the most school pairs within ``close_distance_m`` (as the logical
    regions choose), then the most graph links; while no neighbour does, the
    one with the most counted pupils joins (the fewest regions to the floor),
    and the search goes on from the larger group. Where the group runs out of
    neighbours first (an island, a strip cut off by water), no merge nearby
    is large enough: ``reaches`` is False and ``partners`` the whole group.
    """
    enough, size, karm = _enough_together(regions)
    group = [region]
    total = size(region)
    while not enough(total):
        ties = _merge_ties(regions, d, group)
        if not ties:
            break

        def key(
            r: str, total: np.ndarray = total, ties: dict[str, tuple[int, int]] = ties
        ) -> tuple[Any, ...]:
            more = size(r)
            if enough(total + more):  # large enough: the most close pairs, then links
                return (0, -ties[r][0], -ties[r][1], -more[0], r)
            return (1, -more[0], -ties[r][0], -ties[r][1], r)

        best = min(ties, key=key)
        group.append(best)
        total = total + size(best)
    return _Merge(tuple(group[1:]), float(total[0]), enough(total), float(total[2]), karm(total))


def _enough_together(
    regions: Regions,
) -> tuple[Callable[[np.ndarray], bool], Callable[[str], np.ndarray], Callable[[np.ndarray], bool]]:
    """Rule 3's large enough (:func:`regionkit.wholes.large_enough`) for regions merged.

    Returns a test of summed sizes, the size of a region (counted pupils,
    technical pupils and pupils of the techniekarm share's denominator), and
    whether summed sizes are techniekarm: when the summed share is under the
    threshold (``[funding] techniekarm_threshold``; with ``[rules]
    min_techniekarm_pupils`` 0, never), and such a merge is measured on its
    pupils.
    """
    config = regions.config
    floor, floor_karm = floors(config)[0], techniekarm_floor(config)
    counted = regions.figures["counted"].astype(float).to_dict()
    shares = techniekarm_figures(regions) if floor_karm > 0 else pd.DataFrame()
    threshold = Fraction(str(config.funding.techniekarm_threshold))

    def size(r: str) -> np.ndarray:
        if r in shares.index:
            row = shares.loc[r]
            num, den = float(row["technical_pupils"]), float(row["techniekarm_denominator"])
        else:
            num = den = 0.0
        return np.array([float(counted.get(r, 0.0)), num, den])

    def karm(total: np.ndarray) -> bool:
        _, num, den = (float(v) for v in total)
        return floor_karm > 0 and den > 0 and Fraction(num) < threshold * Fraction(den)

    def enough(total: np.ndarray) -> bool:
        c, den = float(total[0]), float(total[2])
        return bool(
            large_enough(
                np.array([c]),
                np.array([0]),
                floor_counted=floor,
                floor_technical=0,  # technical schools: the composition rule
                techniekarm=np.array([karm(total)]),
                pupils=np.array([den]),
                floor_techniekarm=floor_karm,
            )[0]
        )

    return enough, size, karm


def _merge_fix(merge: _Merge, lang: Language, *, techniekarm: bool = False) -> str:
    """What a small region can do: merge with its neighbours, or (none is enough) not."""
    merged = _num(merge.counted, lang)
    names = join(lang, merge.partners)
    if merge.partners and not merge.reaches:
        return text(lang, "rules.too_small.fix_unreachable", regions=names, merged=merged)
    many = "s" if len(merge.partners) > 1 else ""
    if merge.partners and merge.techniekarm:  # measured on its pupils, as rule 3 does
        pupils = _num(merge.pupils, lang)
        partner = text(
            lang,
            f"rules.too_small.partner{many}_techniekarm",
            region=names,
            regions=names,
            pupils=pupils,
        )
    elif merge.partners:
        partner = text(
            lang, f"rules.too_small.partner{many}", region=names, regions=names, merged=merged
        )
    else:
        partner = text(lang, "rules.too_small.partner_none")
    if techniekarm:
        return text(lang, "rules.too_small.fix_techniekarm", partner=partner)
    return text(lang, "rules.too_small.fix", partner=partner)


def too_small(regions: Regions) -> list[Finding]:
    """A region below the floor ``config.rules.min_counted_pupils`` on counted pupils.

    The floor is rule 3's one definition of large enough
    (:func:`regionkit.wholes.floors`), which the logical regions meet. A
    techniekarm region (rule 4: it exists by design, with a budget of its
    own) is measured on its pupils in leerjaar 3 and 4 (the techniekarm
    share's denominator) against ``config.rules.min_techniekarm_pupils``
    instead (:func:`regionkit.wholes.techniekarm_floor`; ``0``: on counted
    pupils like any other); its finding has aspect ``"techniekarm"``.

    Counted pupils: technical profiles, leerjaar 3 and 4, BB/KB plus GL
    weighted by ``config.funding.gl_weight``, over the region's vmbo and vso
    schools (:func:`regionkit.schools.counted_pupils`). The suggested merge
    is the smallest set of neighbouring regions that brings the region over
    the floor (:func:`_merge_partner`: a single neighbour where one does, the
    one with the most close school pairs); where no merge nearby reaches the
    floor, the finding says so (``suggestion`` is then empty).

    Examples
    --------
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> f = too_small(Regions(load_schools(), pd.Series({"00AH07": "Twente"})))
    >>> f[0].regions, f[0].value, f[0].threshold
    (('Twente',), 0.0, 63.0)

    A techniekarm region of one school with 96 such pupils:

    >>> f = too_small(Regions(load_schools(), pd.Series({"00AQ00": "Oostburg"})))
    >>> f[0].aspect, f[0].value, f[0].threshold
    ('techniekarm', 96.0, 315.0)
    """
    d = _data(regions)
    config = regions.config
    floor = floors(config)[0]  # rule 3's one definition, shared with the logical regions
    floor_karm = techniekarm_floor(config)
    figures = regions.figures
    karm = techniekarm_figures(regions) if floor_karm > 0 else pd.DataFrame()
    findings = []
    for region, f in zip(figures.index, figures.to_dict("records"), strict=True):
        region = str(region)
        is_karm = region in karm.index and bool(karm.at[region, "techniekarm"])
        pupils = float(karm.at[region, "techniekarm_denominator"]) if is_karm else 0.0
        if large_enough(
            np.array([f["counted"]]),
            np.array([0]),
            floor_counted=floor,
            floor_technical=0,  # technical schools: the composition rule
            techniekarm=np.array([is_karm]),
            pupils=np.array([pupils]),
            floor_techniekarm=floor_karm,
        )[0]:
            continue
        findings.append(_too_small_finding(regions, d, region, f, pupils if is_karm else None))
    return findings


def _too_small_finding(
    regions: Regions, d: _Data, region: str, f: dict[str, Any], karm_pupils: float | None
) -> Finding:
    """The finding for one region under the floor (``karm_pupils``: a techniekarm region's)."""
    config = regions.config
    floor = floors(config)[0]
    merge = _merge_partner(regions, d, region)
    cp, fl = _num(f["counted"], d.lang), _num(floor, d.lang)
    w = _num(config.funding.gl_weight, d.lang)
    fix = _merge_fix(merge, d.lang, techniekarm=karm_pupils is not None)
    if karm_pupils is None:
        value, threshold, aspect = float(f["counted"]), float(floor), ""
        message = text(
            d.lang,
            "rules.too_small",
            region=region,
            counted=cp,
            weight=w,
            floor=fl,
            fix=fix,
        )
    else:
        value, threshold, aspect = karm_pupils, techniekarm_floor(config), "techniekarm"
        message = text(
            d.lang,
            "rules.too_small.techniekarm",
            region=region,
            pupils=_num(karm_pupils, d.lang),
            floor=_num(threshold, d.lang),
            counted_floor=fl,
            fix=fix,
        )
    return Finding(
        rule="too_small",
        severity=config.rules.too_small_severity,
        regions=(region,),
        schools=tuple(regions.members(region)),
        value=round(value, 2),
        threshold=threshold,
        unit="pupils",
        aspect=aspect,
        suggestion=";".join(merge.partners) if merge.reaches else "",
        details={
            "n_schools": int(f["n_schools"]),
            "n_technical": int(f["n_technical"]),
            "bb_kb": int(f["bb_kb"]),
            "gl": int(f["gl"]),
            "merge_with": list(merge.partners),
            "merged_counted": round(merge.counted, 2) if merge.partners else None,
            "merge_reaches_floor": merge.reaches,
        },
        message=message,
    )


def part_of_larger_whole(regions: Regions) -> list[Finding]:
    """A small region that lies inside a larger one, or mostly borders one larger neighbour.

    A region under ``config.rules.part_of_whole_max_counted_pupils`` counted
    pupils is part of a larger whole when at least
    ``config.rules.part_of_whole_share`` of its schools lie inside the convex
    hull of the schools of one region with more counted pupils (aspect
    ``"hull"``), or, with a graph, when that share of its proximity-graph
    links to other regions' schools goes to one such region (``"boundary"``).
    A techniekarm region is measured on its pupils, as :func:`too_small`
    measures it (:func:`regionkit.wholes.sizes`): small, and larger than a
    neighbour, by the measure that tells whether it is large enough; its
    finding says so. The finding names the neighbour and the figures after
    merging.

    Examples
    --------
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> s = load_schools()
    >>> a = pd.Series(s["rmc_name"].to_numpy(), index=s["code"]).dropna()
    >>> a[a.index.isin(s.loc[s["place"] == "HENGELO OV", "code"])] = "Hengelo"
    >>> [(f.regions, f.aspect, f.value) for f in part_of_larger_whole(Regions(s, a))]
    [(('Hengelo', 'Twente'), 'hull', 1.0)]
    """
    d = _data(regions)
    rules = regions.config.rules
    enough, size, is_karm_size = _enough_together(regions)  # rule 3's one definition
    figures = regions.figures
    names = [str(r) for r in figures.index]  # the numbering of ``regions.labels``
    sizes_of = [size(r) for r in names]  # counted, technical and denominator pupils
    karm = np.array([is_karm_size(v) for v in sizes_of], dtype=bool)
    pupils = np.array([float(v[2]) for v in sizes_of])
    floor, floor_karm = floors(regions.config)[0], techniekarm_floor(regions.config)
    karm_rate = floor_karm / floor if floor > 0 else 0.0  # pupils per counted pupil
    found = larger_wholes(
        regions.labels,
        d.info[["x", "y"]].to_numpy(),
        figures["counted"].to_numpy(dtype=float),
        max_counted=rules.part_of_whole_max_counted_pupils,
        share=rules.part_of_whole_share,
        edges=_table_edges(regions),
        techniekarm=karm,
        pupils=pupils,
        floor_counted=floor,
        floor_techniekarm=floor_karm,
    )
    technical = d.info["technical"].to_numpy()
    counting = d.info["counting"].to_numpy()
    counted = d.info["counted"].to_numpy()
    findings = []
    for whole in found:
        region, other = names[whole.region], names[whole.whole]
        f = figures.loc[region]
        own = regions.codes[regions.labels == whole.region]
        share, aspect = whole.share, whole.aspect
        neighbour_counted = float(figures.at[other, "counted"])
        # the two regions together: every school listed in either, once
        rows = np.union1d(regions.member_rows(region), regions.member_rows(other))
        n2, t2 = len(rows), int(technical[rows].sum())
        cp2 = float(counted[rows][counting[rows]].sum())
        lang = d.lang
        where = text(
            lang, f"rules.part_of_larger_whole.{aspect}", share=_pct(share, lang), other=other
        )
        n_own = int(f["n_schools"])
        still_small = (  # the merge fixes this finding, not the size: too_small says what does
            " " + text(lang, "rules.part_of_larger_whole.still_small", floor=_num(floor, lang))
            if not enough(size(region) + size(other))
            else ""
        )
        is_karm = bool(karm[whole.region]) and floor_karm > 0
        findings.append(
            Finding(
                rule="part_of_larger_whole",
                severity=rules.part_of_whole_severity,
                regions=(region, other),
                schools=tuple(sorted(own)),
                value=round(share, 4),
                threshold=rules.part_of_whole_share,
                unit="share",
                aspect=aspect,
                suggestion=other,
                details={
                    "counted": round(float(f["counted"]), 2),
                    "neighbour_counted": round(neighbour_counted, 2),
                    "merged_n_schools": n2,
                    "merged_n_technical": t2,
                    "merged_counted": round(cp2, 2),
                    "techniekarm": is_karm,
                    "pupils": round(float(pupils[whole.region]), 2),
                },
                message=_whole_message(
                    lang,
                    is_karm,
                    region=region,
                    pupils=_num(pupils[whole.region], lang),
                    limit_pupils=_num(rules.part_of_whole_max_counted_pupils * karm_rate, lang),
                    counted=_num(f["counted"], lang),
                    schools=text_n(
                        lang,
                        "rules.part_of_larger_whole.schools",
                        n_own,
                        n=format_int(n_own, lang),
                    ),
                    where=where,
                    other=other,
                    merged_schools=format_int(n2, lang),
                    merged_technical=format_int(t2, lang),
                    merged_counted=_num(cp2, lang),
                    limit=_num(rules.part_of_whole_max_counted_pupils, lang),
                    still_small=still_small,
                ),
            )
        )
    return findings


def _whole_message(lang: Language, techniekarm: bool, **words: str) -> str:
    """The message of a region that is part of a larger whole (a techniekarm one: on pupils)."""
    if techniekarm:
        return text(lang, "rules.part_of_larger_whole.techniekarm", **words)
    return text(lang, "rules.part_of_larger_whole", **words)


@dataclass(frozen=True)
class _SplitPairs:
    """The schools of two regions at most the close distance apart (``close_schools_split``)."""

    region_a: str  # the alphabetically first region
    region_b: str
    n_pairs: int
    school_a: str  # the closest pair (ties: the first codes), school_a in region_a
    school_b: str
    distance: float
    involved: list[str]  # every school of either region with a partner in the other, sorted


def _split_close_pairs(
    codes: np.ndarray,
    regions: np.ndarray,
    xy: np.ndarray,
    limit: float,
    tree_of: Callable[[list[str], list[np.ndarray]], Mapping[str, cKDTree]] | None = None,
) -> list[_SplitPairs]:
    """Per pair of regions with schools at most ``limit`` apart: how many such pairs, the
    closest and the schools involved, alphabetically by region pair.

    From one KD-tree per region, compared only for regions whose boxes come
    within ``limit``: the pairs are counted, never listed (100,000 schools have
    tens of millions of pairs within 10 km, and a list of them tens of GB).
    ``tree_of`` gives the regions' KD-trees by name, given their members (a
    cache that keeps them between checks); without it they are built here.
    """
    if len(regions) < 2:
        return []
    names, rid = np.unique(regions, return_inverse=True)
    order = np.argsort(rid, kind="stable")
    members = np.split(order, np.searchsorted(rid[order], np.arange(1, len(names))))
    lo = np.array([xy[m].min(axis=0) for m in members]) - limit / 2
    hi = np.array([xy[m].max(axis=0) for m in members]) + limit / 2
    boxes = shapely.box(lo[:, 0], lo[:, 1], hi[:, 0], hi[:, 1])
    first, second = shapely.STRtree(boxes).query(boxes, predicate="intersects")
    keep = first < second
    pairs = sorted(zip(first[keep].tolist(), second[keep].tolist(), strict=True))
    wanted = sorted({r for pair in pairs for r in pair})
    if tree_of is not None:
        given = tree_of([str(names[r]) for r in wanted], [members[r] for r in wanted])
        trees = {r: given[str(names[r])] for r in wanted}
    else:
        trees = {r: cKDTree(xy[members[r]]) for r in wanted}
    reach = _reach_across(pairs, members, xy, lo - limit / 2, hi + limit / 2, trees, limit)
    out = []
    for p, q in pairs:
        tp, tq = trees[p], trees[q]
        n = int(tp.count_neighbors(tq, limit))
        if not n:
            continue
        near_p, dq = reach[q, p]  # schools of p near q's box, and their distance to q
        near_q, dp = reach[p, q]
        involved = set(codes[near_p[np.isfinite(dq)]].tolist())
        involved |= set(codes[near_q[np.isfinite(dp)]].tolist())
        out.append(
            _SplitPairs(
                str(names[p]),
                str(names[q]),
                n,
                *_closest_pair(codes, xy, near_p, dq, members[q], tq),
                sorted(involved),
            )
        )
    return out


def _reach_across(
    pairs: list[tuple[int, int]],
    members: list[np.ndarray],
    xy: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    trees: Mapping[int, cKDTree],
    limit: float,
) -> dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]:
    """For each region ``r`` and each region ``s`` paired with it: the schools of ``s`` in
    ``r``'s box (``lo``, ``hi``, reach included) and their distance to ``r``'s nearest school
    (inf beyond ``limit``), keyed ``(r, s)``.

    One query of ``r``'s KD-tree for all its paired regions together.
    """
    bound = np.nextafter(limit, np.inf)  # a query's bound is strict; "at most limit" apart
    partners: dict[int, list[int]] = {}
    for p, q in pairs:
        partners.setdefault(p, []).append(q)
        partners.setdefault(q, []).append(p)
    out: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
    for r, others in partners.items():
        others = sorted(others)
        rows = np.concatenate([members[s] for s in others])
        which = np.repeat(np.arange(len(others)), [len(members[s]) for s in others])
        inside = ((xy[rows] >= lo[r]) & (xy[rows] <= hi[r])).all(axis=1)
        rows, which = rows[inside], which[inside]
        distance, _ = trees[r].query(xy[rows], distance_upper_bound=bound)
        cuts = np.searchsorted(which, np.arange(1, len(others)))
        for s, part, d in zip(others, np.split(rows, cuts), np.split(distance, cuts), strict=True):
            out[r, s] = (part, d)
    return out


def _closest_pair(
    codes: np.ndarray, xy: np.ndarray, near_p: np.ndarray, dq: np.ndarray, mq: np.ndarray, tq: Any
) -> tuple[str, str, float]:
    """The closest pair of a school of ``near_p`` (distances ``dq`` to region q) and one of
    region q (rows ``mq``, KD-tree ``tq``): codes and distance; of pairs on one spot (a tie)
    the first codes."""
    reach = float(np.min(dq)) * (1 + 1e-9) + 1e-9
    best: tuple[float, str, str] | None = None
    for i in np.flatnonzero(dq <= reach).tolist():
        a = near_p[i]
        for j in tq.query_ball_point(xy[a], reach):
            b = mq[j]
            key = (float(np.hypot(*(xy[a] - xy[b]))), str(codes[a]), str(codes[b]))
            best = key if best is None or key < best else best
    assert best is not None
    return best[1], best[2], best[0]


def close_schools_split(regions: Regions) -> list[Finding]:
    """Schools within ``config.rules.close_distance_m`` of each other in different regions.

    One finding per pair of regions, so that a dense city does not drown the
    report: ``value`` is the distance of the closest split pair (metres),
    ``schools`` that pair, ``details`` the number of split pairs and every
    school involved. Pairs are found with a k-d tree (straight-line distance
    in EPSG:28992).

    Examples
    --------
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> a = pd.Series({"00AH07": "West", "00AH17": "East"})
    >>> f = close_schools_split(Regions(load_schools(), a))[0]
    >>> f.regions, f.schools, f.details["n_pairs"]
    (('East', 'West'), ('00AH17', '00AH07'), 1)
    """
    d = _data(regions)
    config = regions.config
    limit = config.rules.close_distance_m
    a = d.assignment
    if len(a) < 2:
        return []
    codes = a.index.to_numpy(dtype=object).astype(str)
    names = a.to_numpy(dtype=object).astype(str)
    xy = d.info.loc[codes, ["x", "y"]].to_numpy()
    findings = []
    lang = d.lang

    def tree_of(wanted: list[str], members: list[np.ndarray]) -> dict[str, cKDTree]:
        rows = dict(zip(wanted, members, strict=True))
        return regions.per_region(
            "rules.close_tree", lambda todo: {r: cKDTree(xy[rows[r]]) for r in todo}, wanted
        )

    for split in _split_close_pairs(codes, names, xy, limit, tree_of):
        ra, rb, n, involved = split.region_a, split.region_b, split.n_pairs, split.involved
        la, lb = _label(split.school_a, d), _label(split.school_b, d)
        dk = _km(split.distance, lang, below=limit)
        lim = _km(limit, lang)
        pairs = text_n(
            lang,
            "rules.close_schools_split.pairs",
            n,
            n=format_int(n, lang),
        )
        findings.append(
            Finding(
                rule="close_schools_split",
                severity=config.rules.close_schools_severity,
                regions=(ra, rb),
                schools=(split.school_a, split.school_b),
                value=round(split.distance, 1),
                threshold=float(limit),
                unit="m",
                suggestion="",
                details={"n_pairs": n, "schools_involved": involved},
                message=text(
                    lang,
                    "rules.close_schools_split",
                    region_a=ra,
                    region_b=rb,
                    pairs=pairs,
                    limit=lim,
                    school_a=la,
                    school_b=lb,
                    distance=dk,
                ),
            )
        )
    return findings


def _enclaves(view: Any, d: _Data, min_neighbors: int) -> list[tuple[str, str, str, int]]:
    """Schools surrounded by one other region: (code, own region, other region, n neighbours).

    Only neighbours that are in a region count; at least ``min_neighbors`` of
    them must be, all in the same other region.
    """
    n = len(view.codes)
    sel = view.assigned[view.dst]
    src, target = view.src[sel], view.rid[view.dst[sel]]
    n_in_region = np.bincount(src, minlength=n)
    k = len(view.names)
    pair = np.unique(src.astype(np.int64) * k + target)  # (school, region) pairs, sorted
    pair_src, pair_target = pair // k, pair % k
    n_regions = np.bincount(pair_src, minlength=n)
    around = np.full(n, -1, dtype=np.int64)
    around[pair_src] = pair_target  # the one region around, where n_regions == 1
    hit = (
        view.assigned
        & (n_regions == 1)
        & (n_in_region >= max(min_neighbors, 1))
        & (around != view.rid)
    )
    out = [
        (str(view.codes[i]), str(view.region[i]), view.names[around[i]], int(n_in_region[i]))
        for i in np.flatnonzero(hit)
    ]
    return sorted(out)


def not_one_area(regions: Regions) -> list[Finding]:
    """A region whose schools are not connected in the proximity graph, or an enclave.

    A region is one area when its schools are connected through the graph
    using its own schools and schools in no region: only another region's
    schools separate it (a proposal need not list the schools that do not
    take part). The largest part is the region; the schools of the other
    parts are named (aspect ``"disconnected"``), with the region around them.
    A part with no link at all to the rest in the whole graph (an island, or
    across wide water) is reported as ``"no_land_link"`` with severity info:
    the graph cannot judge it. An *enclave* is a school whose neighbours in a
    region (at least ``config.rules.enclave_min_neighbors``) all belong to one
    other region (aspect ``"enclave"``); an enclave is not reported again as
    a disconnected part. Without a graph this rule finds nothing.

    Examples
    --------
    >>> import numpy as np
    >>> from regionkit.regions import Regions
    >>> from regionkit.graph import ProximityGraph
    >>> s = pd.DataFrame({"code": ["AA0000", "BB0000", "CC0000"], "x": [0.0, 1e3, 2e3],
    ...                   "y": [0.0, 0, 0], "name": "x", "place": "y", "kind": "vmbo",
    ...                   "has_technical_profile": True})
    >>> from regionkit._schema import TECHNICAL_CELL_COLUMNS
    >>> s = s.assign(**{c: 0 for c in TECHNICAL_CELL_COLUMNS})
    >>> g = ProximityGraph(s["code"], s[["x", "y"]].to_numpy(), [[0, 1], [1, 2]])
    >>> a = pd.Series({"AA0000": "A", "BB0000": "B", "CC0000": "A"})
    >>> [(f.aspect, f.schools) for f in not_one_area(Regions(s, a, graph=g))]
    [('disconnected', ('CC0000',))]
    """
    view = regions.graph_view
    if view is None:
        return []
    d = _data(regions)
    rules = regions.config.rules
    enclaves = _enclaves(view, d, rules.enclave_min_neighbors)
    findings = [_enclave_finding(e, d, rules) for e in enclaves]
    enclave_codes = {e[0] for e in enclaves}
    node_counted = d.info["counted"].reindex(view.codes).fillna(0.0).to_numpy()
    every = regions.all_parts()
    for region in view.names:
        parts = every[region]
        if len(parts) < 2:
            continue
        main, land, island, around = _split_parts(view, region, parts, node_counted, enclave_codes)
        if land:
            findings.append(_disconnected_finding(region, parts, main, land, around, d, rules))
        if island:
            findings.append(_island_finding(region, parts, island, d))
    return findings


def _enclave_finding(enclave: tuple[str, str, str, int], d: _Data, rules: RulesConfig) -> Finding:
    code, own, other, k = enclave
    return Finding(
        rule="not_one_area",
        severity=rules.not_one_area_severity,
        regions=(own, other),
        schools=(code,),
        value=float(k),
        threshold=float(rules.enclave_min_neighbors),
        unit="schools",
        aspect="enclave",
        suggestion=other,
        details={"n_neighbours_in_other_region": k},
        message=text(
            d.lang, "rules.not_one_area.enclave", school=_label(code, d), own=own, other=other, k=k
        ),
    )


def _split_parts(
    view: Any,
    region: str,
    parts: list[np.ndarray],
    node_counted: np.ndarray,
    enclave_codes: set[str],
) -> tuple[np.ndarray, list[str], list[str], Counter[str]]:
    """The main part of a region, the schools of its other parts that the graph links to the
    rest of the country (land) and those on a part of their own (island), and the regions
    around the land parts by number of links. Enclaves are reported on their own."""

    # The main part: most schools, then most counted pupils, then the smallest code.
    def rank(nodes: np.ndarray) -> tuple[int, float, str]:
        return (-len(nodes), -float(node_counted[nodes].sum()), min(view.codes[nodes]))

    ordered = sorted(parts, key=rank)
    main = ordered[0]
    main_components = set(view.components[main].tolist())
    land: list[str] = []
    island: list[str] = []
    around: Counter[str] = Counter()
    for part in ordered[1:]:
        cs = [c for c in sorted(view.codes[part].tolist()) if c not in enclave_codes]
        if not cs:
            continue
        if set(view.components[part].tolist()) & main_components:
            land.extend(cs)
            around.update(view.links(part, region))
        else:
            island.extend(cs)
    return main, sorted(land), sorted(island), around


def _disconnected_finding(
    region: str,
    parts: list[np.ndarray],
    main: np.ndarray,
    land: list[str],
    around: Counter[str],
    d: _Data,
    rules: RulesConfig,
) -> Finding:
    lang = d.lang
    target = _best(around)
    to = (
        text(lang, "rules.not_one_area.disconnected.target", region=target)
        if target
        else text(lang, "rules.not_one_area.disconnected.target_none")
    )
    return Finding(
        rule="not_one_area",
        severity=rules.not_one_area_severity,
        regions=(region,),
        schools=tuple(land),
        value=float(len(parts)),
        threshold=1.0,
        unit="parts",
        aspect="disconnected",
        suggestion=target or "",
        details={"n_parts": len(parts), "main_part_size": len(main)},
        message=text(
            lang,
            "rules.not_one_area.disconnected",
            region=region,
            n_parts=len(parts),
            listed=join(lang, [_label(c, d) for c in land]),
            target=to,
        ),
    )


def _island_finding(region: str, parts: list[np.ndarray], island: list[str], d: _Data) -> Finding:
    return Finding(
        rule="not_one_area",
        severity="info",
        regions=(region,),
        schools=tuple(island),
        value=float(len(parts)),
        threshold=1.0,
        unit="parts",
        aspect="no_land_link",
        details={"n_parts": len(parts)},
        message=text_n(
            d.lang,
            "rules.not_one_area.no_land_link",
            len(island),
            region=region,
            listed=join(d.lang, [_label(c, d) for c in island]),
        ),
    )


def _school_findings(regions: Regions, d: _Data, techniekarm: set[str]) -> list[Finding]:
    """Too few vmbo/vso schools, or too few of them with a technical profile, per region."""
    rules = regions.config.rules
    lang = d.lang
    need_any = rules.min_schools
    need_technical = rules.min_schools if rules.strict_composition else rules.min_technical_schools
    reading = text(
        lang,
        f"rules.composition.reading_{'strict' if rules.strict_composition else 'default'}",
        n=format_int(need_any, lang),
        k=format_int(need_technical, lang),
    )
    shortfalls: list[tuple[str, list[tuple[str, int, int, str]]]] = []
    figures = regions.figures
    for region, n_counting, n_technical in zip(
        figures.index.astype(str).tolist(),
        figures["n_counting"].astype(int).tolist(),
        figures["n_technical"].astype(int).tolist(),
        strict=True,
    ):
        short: list[tuple[str, int, int, str]] = []
        if n_counting < need_any:
            have = text_n(
                lang,
                "rules.composition.schools.have_any",
                n_counting,
                n=format_int(n_counting, lang),
            )
            short.append(("schools", n_counting, need_any, have))
        if n_technical < need_technical and region not in techniekarm:
            # a techniekarm region may lack them: the techniekarm finding says what that means
            have = text_n(
                lang,
                "rules.composition.schools.have_technical",
                n_technical,
                n=format_int(n_technical, lang),
            )
            short.append(("technical", n_technical, need_technical, have))
        if short:
            shortfalls.append((region, short))
    members = _members_of(d, [region for region, _ in shortfalls])
    findings = []
    for region, short in shortfalls:
        schools = members[region]
        for aspect, have_n, need, have in short:
            findings.append(
                Finding(
                    rule="composition",
                    severity=rules.composition_severity,
                    regions=(region,),
                    schools=schools,
                    value=float(have_n),
                    threshold=float(need),
                    unit="schools",
                    aspect=aspect,
                    details={"strict": rules.strict_composition},
                    message=text(
                        lang,
                        "rules.composition.schools",
                        region=region,
                        have=have,
                        need=format_int(need, lang),
                        reading=reading,
                    ),
                )
            )
    return findings


def _partner_findings(regions: Regions, d: _Data) -> list[Finding]:
    """Partners: the plan's mbo institution and business or government, and roles not known."""
    p, config = regions.proposal, regions.config
    rules = config.rules
    lang = d.lang
    if not p.has_partners:
        return [
            Finding(
                rule="composition",
                severity="info",
                regions=(),
                schools=(),
                value=0.0,
                threshold=None,
                unit="partners",
                aspect="partners_unchecked",
                message=text(lang, "rules.composition.partners_unchecked"),
            )
        ]
    findings = []
    partners = p.partners
    for r in partners[partners["role"] == "other"].itertuples(index=False):
        row = None if pd.isna(r.row) else int(r.row)
        written = getattr(r, "role_as_written", r.role)
        findings.append(
            Finding(
                rule="composition",
                severity=rules.composition_severity,
                regions=(str(r.region),),
                schools=(),
                value=None,
                threshold=None,
                unit="partners",
                aspect="role",
                details={"row": row, "role": str(written), "name": str(r.name)},
                message=text(
                    lang,
                    "rules.composition.role",
                    row=row if row is not None else "?",
                    role=str(written),
                    name=str(r.name),
                    region=str(r.region),
                ),
            )
        )
    roles = partners.groupby(["region", "role"]).size()
    cofin = _pct(config.funding.cofinancing_share, lang)
    for region in d.regions:
        n_mbo = int(roles.get((region, "mbo"), 0))
        n_business = int(roles.get((region, "company"), 0)) + int(
            roles.get((region, "government"), 0)
        )
        for aspect, missing in (("mbo", n_mbo == 0), ("business", n_business == 0)):
            if not missing:
                continue
            findings.append(
                Finding(
                    rule="composition",
                    severity=rules.partners_severity,
                    regions=(region,),
                    schools=(),
                    value=0.0,
                    threshold=1.0,
                    unit="partners",
                    aspect=aspect,
                    message=(
                        text(lang, "rules.composition.mbo", region=region)
                        if aspect == "mbo"
                        else text(
                            lang, "rules.composition.business", region=region, cofinancing=cofin
                        )
                    ),
                )
            )
    return findings


def composition(regions: Regions) -> list[Finding]:
    """Composition: vmbo/vso schools, technical profiles, and the plan's partners.

    The programme lets schools with and without a technical offer form a
    region together, and a region may be techniekarm. The analysis's default
    reading (a setting) asks for ``min_schools`` (2) vmbo/vso schools, at least
    ``min_technical_schools`` (1) of them with a technical profile;
    ``strict_composition`` asks for ``min_schools`` with a technical profile.
    A techniekarm region is not told it lacks technical schools: the
    ``techniekarm`` finding says what that means. Severity
    ``composition_severity`` (a warning: it is a reading, not the programme's
    rule). The mbo institution and business or government the programme asks
    for in a region's plan are reminders (``partners_severity``, info); a
    partner of a role the reader does not know is named with its row. A
    proposal that lists no partners at all (such as regionkit's own) gets one
    info finding that that part could not be checked.

    Examples
    --------
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> f = composition(Regions(load_schools(), pd.Series({"00AH17": "Twente"})))
    >>> [(x.aspect, x.severity, x.regions) for x in f]
    [('schools', 'warning', ('Twente',)), ('partners_unchecked', 'info', ())]
    """
    d = _data(regions)
    karm = techniekarm_figures(regions)
    techniekarm_regions = set(karm.index[karm["techniekarm"].astype(bool)].astype(str))
    return _school_findings(regions, d, techniekarm_regions) + _partner_findings(regions, d)


def techniekarm(regions: Regions) -> list[Finding]:
    """A techniekarm region: fewer than ``[funding] techniekarm_threshold`` technical pupils.

    Techniekarm: of the pupils in leerjaar 3 and 4 of BB, KB and GL in the
    region, fewer than the threshold (10 %) are in a technical profile (the
    numerator, denominator and threshold of :class:`regionkit.config.FundingConfig`).
    Techniekarm regions had to register as such before 1 November 2018 and
    competed for a budget of their own (EUR 90 M over 2020-2023): "geen
    melding = geen subsidie". One finding per techniekarm region
    (``techniekarm_severity``), with its share and what the region can do.

    Examples
    --------
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> f = techniekarm(Regions.from_division(load_schools(), "nodal"))
    >>> sorted(x.regions[0] for x in f)[:3], f[0].threshold
    (['Alphen aan den Rijn', 'Assen', 'Boxmeer'], 0.1)
    """
    d = _data(regions)
    config = regions.config
    karm = techniekarm_figures(regions)
    threshold = config.funding.techniekarm_threshold
    lang = d.lang
    findings = []
    poor = karm[karm["techniekarm"].astype(bool)]
    members = _members_of(d, [str(region) for region in poor.index])
    for region, row in poor.iterrows():
        region = str(region)
        share = float(row["technical_share"])
        findings.append(
            Finding(
                rule="techniekarm",
                severity=config.rules.techniekarm_severity,
                regions=(region,),
                schools=members[region],
                value=round(share, 4),
                threshold=float(threshold),
                unit="share",
                details={
                    "technical_pupils": int(row["technical_pupils"]),
                    "pupils": int(row["techniekarm_denominator"]),
                },
                message=text(
                    lang,
                    "rules.techniekarm",
                    region=region,
                    share=format_pct(share, lang),
                    technical=format_int(int(row["technical_pupils"]), lang),
                    pupils=format_int(int(row["techniekarm_denominator"]), lang),
                    threshold=format_pct(threshold, lang, decimals=0),
                ),
            )
        )
    return findings


#: Every rule, by id, in the order of :data:`RULE_IDS`.
RULES: dict[str, Callable[..., list[Finding]]] = {
    "overlap": overlap,
    "unknown_school": unknown_school,
    "left_out": left_out,
    "too_small": too_small,
    "part_of_larger_whole": part_of_larger_whole,
    "close_schools_split": close_schools_split,
    "not_one_area": not_one_area,
    "composition": composition,
    "techniekarm": techniekarm,
}


# --- the rule set -------------------------------------------------------------------------------

#: Funding figures joined to findings and regions (when :mod:`regionkit.funding` is available).
FUNDING_COLUMNS = ("max_subsidy_4y_eur", "max_subsidy_year_eur", "technical_share", "techniekarm")


@dataclass(frozen=True, eq=False)
class CheckResult:
    """The findings of every rule on one proposal, and a summary per region.

    Attributes
    ----------
    findings
        One row per finding (columns :data:`FINDING_COLUMNS`; ``regions`` and
        ``schools`` are tuples, ``details`` a dict), sorted by severity, rule
        (in the order of :data:`RULE_IDS`), regions, schools. For a finding
        about one region, the region's ``counted_pupils`` and, when the funding
        step is available, ``max_subsidy_4y_eur``, ``max_subsidy_year_eur``,
        ``technical_share`` and ``techniekarm`` follow.
    regions
        One row per region, sorted by name: ``n_schools`` (listed, known or
        not), ``n_unknown``, ``n_technical``, ``counted_pupils`` (BB/KB + GL
        weighted), ``counted_pupils_bb_kb``, ``counted_pupils_gl``, ``n_mbo``,
        ``n_company``, ``n_government``, ``n_errors``, ``n_warnings``,
        ``n_info`` and the funding columns when available.
    unassigned
        Every school of the table in no region: ``code``, ``name``, ``place``,
        ``kind``, ``has_technical_profile``, ``reported`` (True when a finding
        names it: the eligible ones), so that every school is accounted for.
    source
        Where the proposal came from.
    language
        Language of the messages.
    rules
        The rule ids that were run.
    """

    findings: pd.DataFrame
    regions: pd.DataFrame
    unassigned: pd.DataFrame
    source: str | None = None
    language: str = "nl"
    rules: tuple[str, ...] = RULE_IDS
    n_schools_listed: int = 0

    def _count(self, severity: str) -> int:
        return int((self.findings["severity"] == severity).sum())

    @property
    def n_errors(self) -> int:
        """Number of error findings."""
        return self._count("error")

    @property
    def n_warnings(self) -> int:
        """Number of warning findings."""
        return self._count("warning")

    @property
    def n_info(self) -> int:
        """Number of info findings."""
        return self._count("info")

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return self.n_errors == 0

    @property
    def summary(self) -> dict[str, Any]:
        """Counts for scripts: regions, schools, findings by severity and by rule id."""
        by_rule = {r: 0 for r in self.rules}
        by_rule.update(self.findings["rule"].value_counts().astype(int).to_dict())
        by_rule_severity: dict[str, dict[str, int]] = {
            r: {s: 0 for s in SEVERITIES} for r in self.rules
        }
        for (r, s), n in self.findings.groupby(["rule", "severity"]).size().items():
            by_rule_severity[str(r)][str(s)] = int(n)
        return {
            "source": self.source,
            "n_regions": len(self.regions),
            "n_schools_listed": self.n_schools_listed,
            "n_schools_unknown": int(self.regions["n_unknown"].sum()) if len(self.regions) else 0,
            "n_schools_unassigned": len(self.unassigned),
            "n_findings": len(self.findings),
            "n_errors": self.n_errors,
            "n_warnings": self.n_warnings,
            "n_info": self.n_info,
            "ok": self.ok,
            "by_rule": {str(k): int(v) for k, v in by_rule.items()},
            "by_rule_severity": by_rule_severity,
        }

    def to_dict(self) -> dict[str, Any]:
        """Summary, findings and regions as plain data (for JSON)."""
        return {
            **self.summary,
            "findings": [_plain_record(r) for r in self.findings.to_dict(orient="records")],
            "regions": [
                _plain_record(r) for r in self.regions.reset_index().to_dict(orient="records")
            ],
        }

    def findings_table(self) -> pd.DataFrame:
        """The findings with flat text cells (``;``-joined regions and schools, JSON details).

        The form :func:`write_findings` writes as CSV.
        """
        out = self.findings.copy()
        out["regions"] = out["regions"].map(lambda t: ";".join(t))
        out["schools"] = out["schools"].map(lambda t: ";".join(t))
        out["details"] = out["details"].map(
            lambda d: json.dumps(_plain(d), ensure_ascii=False, sort_keys=True)
        )
        return out

    def __repr__(self) -> str:
        return (
            f"<CheckResult: {len(self.regions)} regions, {self.n_errors} errors, "
            f"{self.n_warnings} warnings, {self.n_info} info>"
        )


def _plain(value: Any) -> Any:
    """numpy/pandas scalars and containers to plain JSON-able Python."""
    return json_value(value)


def _plain_record(record: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k): _plain(v) for k, v in record.items()}


def _funding_table(funding: Any | None) -> pd.DataFrame | None:
    """Per region (index) the funding columns of a funding result, or None."""
    if funding is None:
        return None
    table = getattr(funding, "regions", None)
    if not isinstance(table, pd.DataFrame) or "region" not in table.columns:
        logger.warning("the funding result has no per-region table; subsidy figures left out")
        return None
    cols = [c for c in FUNDING_COLUMNS if c in table.columns]
    return table.set_index(table["region"].astype(str))[cols]


def _sort_key(f: Finding) -> tuple[Any, ...]:
    return (
        SEVERITIES.index(f.severity),
        RULE_IDS.index(f.rule) if f.rule in RULE_IDS else len(RULE_IDS),
        f.regions,
        f.aspect,
        f.schools,
    )


#: Rules that use the proximity graph (``check_proposal`` builds one when none is given).
_GRAPH_RULES = ("left_out", "too_small", "part_of_larger_whole", "not_one_area")


def check(
    regions: Regions,
    *,
    funding: Any | None = None,
    rules: Sequence[str] | None = None,
) -> CheckResult:
    """Check a set of regions against every rule and summarise per region.

    Parameters
    ----------
    regions
        The regions (:class:`regionkit.regions.Regions`); the graph rules use
        its proximity graph and find nothing without one.
    funding
        The money of these regions (:func:`regionkit.funding.fund`): its
        per-region figures (maximum subsidy, technical share, techniekarm) are
        joined to the regions and to the findings about one region. ``None``
        leaves them out; the check never computes money itself.
    rules
        Rule ids to run (default all, :data:`RULE_IDS`).

    Returns
    -------
    CheckResult
        The findings, sorted deterministically, and the per-region summary.

    Examples
    --------
    >>> from regionkit.graph import ProximityGraph
    >>> from regionkit.regions import Regions
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> graph = ProximityGraph.build_delaunay(schools)
    >>> result = check(Regions.from_division(schools, "nodal", graph=graph))
    >>> result.summary["n_regions"], result.summary["by_rule"]["overlap"]
    (80, 0)
    """
    selected = tuple(RULE_IDS if rules is None else rules)
    unknown_rules = [r for r in selected if r not in RULES]
    if unknown_rules:
        raise ValueError(f"unknown rule {unknown_rules[0]!r}; rules: {', '.join(RULE_IDS)}")
    findings: list[Finding] = []
    for rule_id in selected:
        found = RULES[rule_id](regions)
        logger.debug("rule %s: %d findings", rule_id, len(found))
        findings.extend(found)
    findings.sort(key=_sort_key)
    table = _region_summary(regions, findings, funding)
    logger.info(
        "checked %d regions: %d errors, %d warnings, %d info",
        len(table),
        sum(f.severity == "error" for f in findings),
        sum(f.severity == "warning" for f in findings),
        sum(f.severity == "info" for f in findings),
    )
    listed = regions.proposal.memberships["code"].astype(str)
    return CheckResult(
        findings=_findings_frame(findings, table, money=funding is not None),
        regions=table,
        unassigned=_unassigned(regions, findings),
        source=regions.source,
        language=regions.config.language,
        rules=selected,
        n_schools_listed=int(listed.nunique()),
    )


def _region_summary(regions: Regions, findings: list[Finding], funding: Any | None) -> pd.DataFrame:
    """One row per region: listed and unknown schools, counts, partners, findings, money."""
    p = regions.proposal
    figures = regions.figures
    listed = p.memberships.astype({"region": str, "code": str})
    n_listed = listed.groupby("region")["code"].nunique()
    unknown = regions.unknown.astype({"region": str, "code": str})
    n_unknown = unknown.groupby("region")["code"].nunique()
    roles = p.partners.groupby(["region", "role"]).size().unstack(fill_value=0)
    table = pd.DataFrame(index=pd.Index(regions.regions, name="region"))
    table["n_schools"] = n_listed.reindex(table.index, fill_value=0).astype(int)
    table["n_unknown"] = n_unknown.reindex(table.index, fill_value=0).astype(int)
    table["n_technical"] = figures["n_technical"].reindex(table.index, fill_value=0)
    # pupils as the money counts them: a school listed in two regions counts in the first only
    a = regions.assignment
    info = regions.school_info.loc[a.index, ["counted", "bb_kb", "gl"]]
    single = info.groupby(a.to_numpy()).sum()
    table["counted_pupils"] = single["counted"].reindex(table.index, fill_value=0.0)
    table["counted_pupils_bb_kb"] = single["bb_kb"].reindex(table.index, fill_value=0).astype(int)
    table["counted_pupils_gl"] = single["gl"].reindex(table.index, fill_value=0).astype(int)
    known = listed[listed["code"].isin(a.index)]
    elsewhere = known[a.reindex(known["code"]).to_numpy() != known["region"].to_numpy()]
    table["n_counted_elsewhere"] = (
        elsewhere.groupby("region")["code"].nunique().reindex(table.index, fill_value=0).astype(int)
    )
    for role in ("mbo", "company", "government"):
        col = roles[role] if role in roles.columns else pd.Series(dtype=int)
        table[f"n_{role}"] = col.reindex(table.index, fill_value=0).astype(int)
    for sev, col in (("error", "n_errors"), ("warning", "n_warnings"), ("info", "n_info")):
        counts: Counter[str] = Counter()
        for f in findings:
            if f.severity == sev:
                counts.update(f.regions)
        table[col] = [counts.get(r, 0) for r in table.index]
    money = _funding_table(funding)
    if money is not None:
        table = table.join(money, how="left")
    return table


def _findings_frame(findings: list[Finding], table: pd.DataFrame, *, money: bool) -> pd.DataFrame:
    """The findings as a table, with the figures of the one region a finding is about."""
    frame = pd.DataFrame(
        [
            {
                "rule": f.rule,
                "severity": f.severity,
                "aspect": f.aspect,
                "regions": f.regions,
                "schools": f.schools,
                "value": f.value,
                "threshold": f.threshold,
                "unit": f.unit,
                "suggestion": f.suggestion,
                "message": f.message,
                "details": dict(f.details),
            }
            for f in findings
        ],
        columns=list(FINDING_COLUMNS),
    )
    frame["value"] = frame["value"].astype(float)
    frame["threshold"] = frame["threshold"].astype(float)
    single = frame["regions"].map(lambda t: t[0] if len(t) == 1 else None)
    frame["counted_pupils"] = single.map(table["counted_pupils"]).astype(float)
    if money:
        for c in [c for c in FUNDING_COLUMNS if c in table.columns]:
            frame[c] = single.map(table[c])
    return frame


def _unassigned(regions: Regions, findings: list[Finding]) -> pd.DataFrame:
    """Every school of the table that is listed in no region, and whether a finding names it."""
    schools = regions.schools
    in_region = set(regions.proposal.memberships["code"].astype(str).tolist())
    reported = {c for f in findings for c in f.schools}
    rest = schools[~schools["code"].astype(str).isin(in_region)]
    unassigned = pd.DataFrame(
        {
            "code": rest["code"].astype(str).to_numpy(),
            "name": rest["name"].astype(str).to_numpy(),
            "place": rest["place"].astype(str).to_numpy(),
            "kind": rest["kind"].astype(str).to_numpy() if "kind" in rest.columns else "vmbo",
            "has_technical_profile": rest["has_technical_profile"].astype(bool).to_numpy(),
        }
    )
    unassigned["reported"] = unassigned["code"].isin(reported)
    return unassigned.sort_values("code").reset_index(drop=True)


def check_proposal(
    schools: pd.DataFrame,
    proposal: Proposal | pd.Series,
    graph: ProximityGraph | None = None,
    *,
    config: Config | None = None,
    funding: Any | None = None,
    rules: Sequence[str] | None = None,
) -> CheckResult:
    """Check a proposal given as a schools table, a proposal and a graph: :func:`check` on them.

    Parameters
    ----------
    schools
        The schools table (:func:`regionkit.schools.load_schools`).
    proposal
        A :class:`~regionkit.proposal.Proposal` (from a file, an official
        division or regionkit's own regions), or an assignment Series.
    graph
        The proximity graph of the schools table; ``None`` builds it from
        ``config.graph`` on the bundled land mask when a graph rule runs.
    config
        Thresholds, severities and language; ``None`` for the defaults.
    funding, rules
        As for :func:`check`.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> from regionkit.proposal import proposal_from_division
    >>> from regionkit.graph import ProximityGraph
    >>> schools = load_schools()
    >>> graph = ProximityGraph.build_delaunay(schools)
    >>> result = check_proposal(schools, proposal_from_division(schools, "nodal"), graph)
    >>> result.summary["n_regions"], result.summary["by_rule"]["overlap"]
    (80, 0)
    """
    config = config or load_config()
    selected = RULE_IDS if rules is None else tuple(rules)
    if graph is None and any(r in selected for r in _GRAPH_RULES):
        from regionkit.boundaries import land_mask
        from regionkit.graph import ProximityGraph

        graph = ProximityGraph.from_config(schools, config.graph, land=land_mask())
    regions = Regions(schools, proposal, config=config, graph=graph)
    return check(regions, funding=funding, rules=rules)


def write_findings(
    result: CheckResult, out_dir: str | Path, *, neutralise: bool = True
) -> list[Path]:
    """Write ``findings.csv``, ``findings.json`` and ``regions.csv`` atomically.

    Parameters
    ----------
    result
        A :class:`CheckResult`.
    out_dir
        The folder (created if needed).
    neutralise
        Give CSV text cells that a spreadsheet would read as a formula a leading
        apostrophe (``[output] neutralise_csv_formulas``).

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out = Path(out_dir)
    findings_text = csv_text(result.findings_table(), neutralise=neutralise)
    regions_text = csv_text(result.regions.reset_index(), neutralise=neutralise)
    json_text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return [
        write_atomic(out / "findings.csv", findings_text),
        write_atomic(out / "findings.json", json_text),
        write_atomic(out / "regions.csv", regions_text),
    ]
