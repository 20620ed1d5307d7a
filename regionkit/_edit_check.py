"""The findings and money of a set of regions after an edit, recomputed only where it changed.

The editing session (:mod:`regionkit.edit`) asks one question after every
change: what do the programme's rules and money say about the proposal now?
:class:`Checker` answers it with the real code of :func:`regionkit.rules.check_proposal`
and :func:`regionkit.funding.fund`, in two ways:

:meth:`Checker.evaluate`
    The whole proposal, exactly as ``regionkit check`` checks it (the start of a
    session, and the reference the other way is tested against).
:meth:`Checker.update`
    From the previous evaluation: only the regions a change touches get new
    figures and money, and only the findings that can depend on them are
    recomputed; every other finding and figure is carried over.

How :meth:`Checker.update` stays exact
--------------------------------------
The *touched* regions are those a school or partner left or joined (or that were
renamed or merged). Their figures and money depend on their own schools only,
so they are recomputed by ``check_proposal(..., rules=[])`` on those regions
alone. The findings that may change are those of the *window*: the touched
regions, plus every region that

- has a school next to a moved school in the proximity graph (links, enclaves,
  the region around a detached part), or next to the schools in no region that
  a moved school joined or left (they connect a region's schools);
- has a school inside the bounding box of a touched region before or after the
  change (a region inside the area of a larger one);
- had a finding suggesting a touched region, or about a school whose row in the
  file moved (row numbers are part of some messages).

The rules about areas run on the window and its *ring*: every region with a
school next to, or listed together with, a school of the window, every region
whose bounding box holds one of its schools, and the nearest region of a window
region without links. Everything else is one stand-in region whose pupils are
not counted, kept only where it borders schools in no region (so that "one area"
is judged as on the whole map); a finding is taken from this run when its first
region is in the window. Close schools split across regions (:data:`_PAIR_RULES`)
depend on the two regions' schools only: that rule runs on the touched regions
and every region within the close distance of them, and gives the findings that
name a touched region. ``left_out`` and ``unknown_school`` look at the whole
table; they run again, on everything, only when a moved school is a neighbour of
a school in no region or a listing of an unknown code changed. Should a finding
ever name the stand-in, the whole proposal is checked instead.
``tests/test_edit_check.py`` compares both ways after random walks of changes.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from regionkit._schema import TECHNICAL_CELL_COLUMNS
from regionkit.config import Config
from regionkit.graph import ProximityGraph
from regionkit.proposal import Proposal
from regionkit.rules import (
    RULE_IDS,
    RULES,
    SEVERITIES,
    CheckResult,
    Finding,
    check_proposal,
)

__all__ = ["Checker", "Evaluation", "finding_key", "findings_from_frame"]

logger = logging.getLogger(__name__)

#: A region name no proposal can hold: the stand-in for every region outside the ring.
_REST = "\x00regionkit:rest"
#: Rules that look at the whole schools table (they run on everything when they must run).
_WHOLE_TABLE_RULES = ("left_out", "unknown_school")
#: Rules whose findings are about two regions and only their schools (the close distance).
_PAIR_RULES = ("close_schools_split",)
#: How many nearest assigned schools ``left_out`` looks at without graph neighbours.
_LEFT_OUT_NEAREST = 5
#: Columns of :attr:`Evaluation.regions` that count findings.
_COUNT_COLUMNS = {"error": "n_errors", "warning": "n_warnings", "info": "n_info"}


def _plain_value(value: Any) -> Any:
    """A finding's measured value or threshold as check's tables hold it: float or None."""
    if value is None:
        return None
    f = float(value)
    return None if np.isnan(f) else f


def findings_from_frame(frame: pd.DataFrame) -> list[Finding]:
    """The findings of :attr:`regionkit.rules.CheckResult.findings` as :class:`Finding` values."""
    out = []
    for r in frame.to_dict(orient="records"):
        out.append(
            Finding(
                rule=str(r["rule"]),
                severity=r["severity"],
                regions=tuple(str(x) for x in r["regions"]),
                schools=tuple(str(x) for x in r["schools"]),
                value=_plain_value(r["value"]),
                threshold=_plain_value(r["threshold"]),
                message=str(r["message"]),
                aspect=str(r["aspect"]),
                suggestion=str(r["suggestion"]),
                unit=str(r["unit"]),
                details=dict(r["details"]),
            )
        )
    return out


def _sort_key(f: Finding) -> tuple[Any, ...]:
    """The order of :func:`regionkit.rules.check_proposal`: severity, rule, regions, schools."""
    return (
        SEVERITIES.index(f.severity),
        RULE_IDS.index(f.rule) if f.rule in RULE_IDS else len(RULE_IDS),
        f.regions,
        f.aspect,
        f.schools,
    )


#: Rules whose findings are about one school: the school is part of the finding's identity.
_SCHOOL_RULES = ("overlap", "unknown_school", "left_out")


def finding_key(f: Finding) -> tuple[Any, ...]:
    """What makes two findings "the same problem" before and after a change.

    A finding about a region (too small, split from a neighbour, ...) stays the
    same problem while its figures change; a finding about a school (in two
    regions, in no region, an enclave) is that school's.

    Examples
    --------
    >>> a = Finding("too_small", "warning", ("Emmen",), ("01AB00",), 120.0, 200.0, "...")
    >>> b = Finding("too_small", "warning", ("Emmen",), ("01AB00", "02CD00"), 150.0, 200.0, "...")
    >>> finding_key(a) == finding_key(b)
    True
    """
    per_school = f.rule in _SCHOOL_RULES or f.aspect == "enclave" or not f.regions
    return (f.rule, f.aspect, f.regions, f.schools if per_school else ())


@dataclass(frozen=True, eq=False)
class Evaluation:
    """What the rules and the money say about one proposal.

    Attributes
    ----------
    proposal
        The proposal evaluated.
    findings
        Every finding, in the order of :func:`regionkit.rules.check_proposal`.
    regions
        One row per region (index ``region``, sorted), the columns of
        :attr:`regionkit.rules.CheckResult.regions`: schools, counted pupils,
        partners, findings per severity and the money.
    recomputed
        The regions whose figures and money were computed for this evaluation
        (every region for :meth:`Checker.evaluate`).
    window
        The regions whose findings were computed again (every region for
        :meth:`Checker.evaluate`).
    complete
        Whether the whole proposal was checked (the start, or a fallback).
    """

    proposal: Proposal
    findings: tuple[Finding, ...]
    regions: pd.DataFrame
    recomputed: frozenset[str]
    window: frozenset[str]
    complete: bool

    def records(self) -> list[dict[str, Any]]:
        """The findings as plain data (as :meth:`Finding.to_dict`)."""
        return [f.to_dict() for f in self.findings]


@dataclass(frozen=True)
class _Listings:
    """A proposal seen per school and per region (single-region view as the rules use it)."""

    by_code: dict[str, tuple[tuple[str, int | None], ...]]  # (region, row) per listing
    first: dict[str, str]  # code -> the region listed first (the rules' assignment)
    members: dict[str, set[str]]  # region -> every code listed in it
    partners: dict[str, Counter[tuple[str, str]]]  # region -> (role, name) counts
    regions: frozenset[str]


def _listings(proposal: Proposal) -> _Listings:
    m = proposal.memberships
    by_code: dict[str, list[tuple[str, int | None]]] = {}
    members: dict[str, set[str]] = {}
    rows = m["row"].tolist() if "row" in m.columns else [None] * len(m)
    for region, code, row in zip(
        m["region"].astype(str).tolist(), m["code"].astype(str).tolist(), rows, strict=True
    ):
        by_code.setdefault(code, []).append((region, None if pd.isna(row) else int(row)))
        members.setdefault(region, set()).add(code)
    partners: dict[str, Counter[tuple[str, str]]] = {}
    p = proposal.partners
    for region, role, name in zip(
        p["region"].astype(str), p["role"].astype(str), p["name"].astype(str), strict=True
    ):
        partners.setdefault(region, Counter())[(role, name)] += 1
    return _Listings(
        by_code={c: tuple(v) for c, v in by_code.items()},
        first={c: v[0][0] for c, v in by_code.items()},
        members=members,
        partners=partners,
        regions=frozenset(proposal.regions),
    )


class Checker:
    """Checks a proposal with the real rules and money, and rechecks after an edit.

    Parameters
    ----------
    schools
        The schools table (:func:`regionkit.schools.load_schools`).
    graph
        Its proximity graph.
    config
        Thresholds, rates and language.

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.graph import ProximityGraph
    >>> from regionkit.proposal import proposal_from_division
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> checker = Checker(schools, ProximityGraph.build_delaunay(schools), load_config())
    >>> nodal = proposal_from_division(schools, "nodal")
    >>> before = checker.evaluate(nodal)
    >>> moved = nodal.assignment.copy()
    >>> moved["00AH17"] = "Hengelo"
    >>> after = checker.update(before, Proposal.from_assignment(moved, source=nodal.source))
    >>> sorted(after.recomputed), after.complete
    (['Enschede', 'Hengelo'], False)
    """

    def __init__(self, schools: pd.DataFrame, graph: ProximityGraph, config: Config) -> None:
        self.schools = schools
        self.graph = graph
        self.config = config
        # plain columns: selecting from a GeoDataFrame costs more than the rules themselves
        table = pd.DataFrame(schools).drop(columns="geometry", errors="ignore")
        self.table = table.reset_index(drop=True)
        self.codes = self.table["code"].astype(str).to_numpy()
        self.index = {c: i for i, c in enumerate(self.codes.tolist())}
        self.xy = self.table[["x", "y"]].to_numpy(dtype=float)
        self.tree = cKDTree(self.xy)
        node = np.array([self.index.get(str(c), -1) for c in graph.codes], dtype=np.int64)
        neighbours: list[list[int]] = [[] for _ in range(len(self.codes))]
        for i, j in np.asarray(graph.edges, dtype=np.int64).reshape(-1, 2):
            a, b = node[i], node[j]
            if a >= 0 and b >= 0:
                neighbours[a].append(int(b))
                neighbours[b].append(int(a))
        self.neighbours = [np.array(sorted(set(n)), dtype=np.int64) for n in neighbours]

    # --- the whole proposal ---------------------------------------------------------------------

    def evaluate(self, proposal: Proposal) -> Evaluation:
        """Check the whole proposal, as ``regionkit check`` does, and compute its money."""
        result = check_proposal(self.schools, proposal, self.graph, config=self.config)
        return self._from_result(proposal, result)

    def _from_result(self, proposal: Proposal, result: CheckResult) -> Evaluation:
        regions = frozenset(str(r) for r in result.regions.index)
        return Evaluation(
            proposal=proposal,
            findings=tuple(findings_from_frame(result.findings)),
            regions=result.regions.copy(),
            recomputed=regions,
            window=regions,
            complete=True,
        )

    # --- after a change ---------------------------------------------------------------------------

    def update(self, previous: Evaluation, proposal: Proposal) -> Evaluation:
        """The evaluation of ``proposal``, recomputing only what changed since ``previous``.

        Gives the same findings and figures as :meth:`evaluate` (see the module
        docstring for why); :attr:`Evaluation.recomputed` and
        :attr:`Evaluation.window` say what was computed again.
        """
        old, new = _listings(previous.proposal), _listings(proposal)
        changed = {
            c
            for c in old.by_code.keys() | new.by_code.keys()
            if old.by_code.get(c) != new.by_code.get(c)
        }
        moved = {c for c in changed if _regions(old.by_code.get(c)) != _regions(new.by_code.get(c))}
        touched = self._touched(old, new, moved)
        if not changed and not touched:
            return Evaluation(
                proposal, previous.findings, previous.regions, frozenset(), frozenset(), False
            )
        window = self._window(previous, old, new, touched, moved, changed - moved)
        try:
            kept = [
                f
                for f in previous.findings
                if f.rule not in _WHOLE_TABLE_RULES and not _recomputed(f, window, touched)
            ]
            fresh = self._window_findings(proposal, new, window, touched)
            whole = self._whole_table_findings(
                previous, proposal, old, new, touched, moved, changed
            )
        except _StandInLeaked:
            logger.warning("an incremental check named the stand-in region; checked everything")
            return self.evaluate(proposal)
        except Exception:  # a rule the window does not suit: the whole check is still right
            logger.exception("the incremental check failed; checked everything")
            return self.evaluate(proposal)
        findings = sorted([*kept, *fresh, *whole], key=_sort_key)
        regions = self._region_table(previous.regions, proposal, new, touched, findings)
        return Evaluation(
            proposal=proposal,
            findings=tuple(findings),
            regions=regions,
            recomputed=frozenset(touched & new.regions),
            window=frozenset(window),
            complete=False,
        )

    def _touched(self, old: _Listings, new: _Listings, moved: set[str]) -> set[str]:
        """Regions a school or partner left or joined, and regions that came or went."""
        touched: set[str] = set(old.regions ^ new.regions)
        for c in moved:
            touched |= _regions(old.by_code.get(c)) | _regions(new.by_code.get(c))
        for region in old.partners.keys() | new.partners.keys():
            if old.partners.get(region) != new.partners.get(region):
                touched.add(region)
        return touched

    def _rows_of(self, codes: Iterable[str]) -> np.ndarray:
        return np.array([self.index[c] for c in codes if c in self.index], dtype=np.int64)

    def _adjacent(self, rows: np.ndarray, view: _Listings) -> set[str]:
        """Regions with a school next to one of the rows in the proximity graph."""
        near: set[int] = set()
        for i in rows.tolist():
            near.update(self.neighbours[i].tolist())
        return self._regions_at(near, view)

    def _close(self, rows: np.ndarray, view: _Listings) -> set[str]:
        """Regions with a school within ``close_distance_m`` of one of the rows."""
        near: set[int] = set()
        if len(rows):
            for hits in self.tree.query_ball_point(
                self.xy[rows], r=self.config.rules.close_distance_m
            ):
                near.update(hits)
        return self._regions_at(near, view)

    def _regions_at(self, rows: Iterable[int], view: _Listings) -> set[str]:
        out: set[str] = set()
        for j in rows:
            out |= _regions(view.by_code.get(str(self.codes[j])))
        return out

    def _free_parts(self, codes: Iterable[str], view: _Listings) -> set[str]:
        """Regions next to the part of schools in no region that holds one of ``codes``.

        Schools in no region connect a region's schools (``not_one_area``): when one
        of them joins or leaves a region, every region around its part can change.
        """
        todo = [i for i in self._rows_of(codes).tolist() if self.codes[i] not in view.by_code]
        seen = set(todo)
        around: set[int] = set()
        while todo:
            i = todo.pop()
            for j in self.neighbours[i].tolist():
                if self.codes[j] in view.by_code:
                    around.add(j)
                elif j not in seen:
                    seen.add(j)
                    todo.append(j)
        return self._regions_at(around, view)

    def _boxes(self, view: _Listings, regions: Iterable[str]) -> dict[str, np.ndarray]:
        """Bounding box ``[xmin, ymin, xmax, ymax]`` of each region's schools (single view)."""
        boxes: dict[str, np.ndarray] = {}
        for region in regions:
            rows = self._rows_of(c for c in view.members.get(region, ()) if view.first[c] == region)
            if len(rows):
                pts = self.xy[rows]
                boxes[region] = np.concatenate([pts.min(axis=0), pts.max(axis=0)])
        return boxes

    def _inside(self, boxes: Iterable[np.ndarray], view: _Listings) -> set[str]:
        """Regions with a school (single view) inside one of the boxes."""
        out: set[str] = set()
        for box in boxes:
            x, y = self.xy[:, 0], self.xy[:, 1]
            hit = (x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])
            for j in np.flatnonzero(hit):
                region = view.first.get(str(self.codes[j]))
                if region is not None:
                    out.add(region)
        return out

    def _window(
        self,
        previous: Evaluation,
        old: _Listings,
        new: _Listings,
        touched: set[str],
        moved: set[str],
        renumbered: set[str],
    ) -> set[str]:
        """The regions whose findings can change (see the module docstring)."""
        window = set(touched)
        for f in previous.findings:
            if f.rule in _WHOLE_TABLE_RULES:
                continue
            if f.suggestion in touched or set(f.schools) & renumbered:
                window.update(f.regions)
        rows = self._rows_of(moved)
        window |= self._adjacent(rows, old) | self._adjacent(rows, new)
        window |= self._free_parts(moved, old) | self._free_parts(moved, new)
        boxes = [*self._boxes(old, touched).values(), *self._boxes(new, touched).values()]
        window |= self._inside(boxes, old) | self._inside(boxes, new)
        return window & new.regions | (window & touched)

    def _ring(self, new: _Listings, window: set[str]) -> set[str]:
        """The regions the window's findings can name or depend on."""
        codes = [c for r in window for c in new.members.get(r, ())]
        rows = self._rows_of(codes)
        ring = set(window) | self._adjacent(rows, new)
        for c in codes:
            ring |= _regions(new.by_code.get(c))
        if len(rows):
            pts = self.xy[rows]
            for region, box in self._boxes(new, new.regions - ring).items():
                inside = (
                    (pts[:, 0] >= box[0])
                    & (pts[:, 0] <= box[2])
                    & (pts[:, 1] >= box[1])
                    & (pts[:, 1] <= box[3])
                )
                if inside.any():
                    ring.add(region)
        ring |= self._nearest_for_islands(new, window, ring)
        return _with_first_listings(ring, new)

    def _nearest_for_islands(self, new: _Listings, window: set[str], ring: set[str]) -> set[str]:
        """For a window region without graph links to another region: the nearest other region."""
        out: set[str] = set()
        assigned = [c for c in new.first if c in self.index]
        for region in window & new.regions:
            own = self._rows_of(c for c in new.members.get(region, ()) if new.first[c] == region)
            if len(own) == 0:
                continue
            linked = any(
                new.first.get(str(self.codes[j]), region) != region
                for i in own.tolist()
                for j in self.neighbours[i].tolist()
            )
            if linked:
                continue
            other = self._rows_of(c for c in assigned if new.first[c] != region)
            if len(other) == 0:
                continue
            dist, idx = cKDTree(self.xy[other]).query(self.xy[own], k=1)
            out.add(new.first[str(self.codes[other[int(idx[int(np.argmin(dist))])]])])
        return out - ring

    def _window_findings(
        self, proposal: Proposal, new: _Listings, window: set[str], touched: set[str]
    ) -> list[Finding]:
        """Run the rules on the window and its ring; keep the findings that are the window's.

        Rules about pairs of regions (:data:`_PAIR_RULES`) run on the touched regions
        and every region within reach of their schools; the others on the window.
        """
        area = self._table_and_proposal(proposal, new, self._ring(new, window))
        codes = [c for r in touched for c in new.members.get(r, ())]
        pairs = _with_first_listings(
            set(touched & new.regions) | self._close(self._rows_of(codes), new), new
        )
        paired = self._table_and_proposal(proposal, new, pairs)
        found: list[Finding] = []
        for rule_id in _window_rules():
            pair = rule_id in _PAIR_RULES
            table, sub = paired if pair else area
            for f in RULES[rule_id](table, sub, self.graph, config=self.config):
                if _recomputed(f, window, touched):
                    _check_no_stand_in(f)
                    found.append(f)
        return found

    def _table_and_proposal(
        self, proposal: Proposal, new: _Listings, ring: set[str]
    ) -> tuple[pd.DataFrame, Proposal]:
        """The schools and listings the rules see: the ring, and the stand-in around it.

        Schools in no region are all there (paths through them join a region's
        schools), with the schools of other regions next to them listed in the
        stand-in region with their pupils not counted (so that the stand-in is never
        a larger region to merge with).
        """
        listed = set(new.by_code)
        free = [c for c in self.codes.tolist() if c not in listed]
        inside = {c for r in ring for c in new.members.get(r, ())}
        frontier: set[str] = set()
        for i in self._rows_of(free).tolist():
            for j in self.neighbours[i].tolist():
                c = str(self.codes[j])
                if c in listed and c not in inside:
                    frontier.add(c)
        keep_rows = self._rows_of(sorted(inside | set(free) | frontier))
        table = self.table.iloc[keep_rows].copy()
        rest = table["code"].astype(str).isin(frontier).to_numpy()
        cells = [c for c in TECHNICAL_CELL_COLUMNS if c in table.columns]
        table.loc[rest, cells] = 0
        return table, _sub_proposal(proposal, ring, frontier, new)

    def _whole_table_findings(
        self,
        previous: Evaluation,
        proposal: Proposal,
        old: _Listings,
        new: _Listings,
        touched: set[str],
        moved: set[str],
        changed: set[str],
    ) -> list[Finding]:
        """``left_out`` and ``unknown_school``: carried over, or run on everything when affected."""
        out: list[Finding] = []
        for rule_id in _WHOLE_TABLE_RULES:
            before = [f for f in previous.findings if f.rule == rule_id]
            if rule_id == "left_out":
                again = self._left_out_affected(before, new, touched, moved)
            else:
                unknown = {c for c in changed if c not in self.index}
                again = bool(unknown) or any(set(f.regions) & touched for f in before)
            if again:
                out.extend(RULES[rule_id](self.table, proposal, self.graph, config=self.config))
            else:
                out.extend(before)
        return out

    def _left_out_affected(
        self, before: Sequence[Finding], new: _Listings, touched: set[str], moved: set[str]
    ) -> bool:
        """Whether a school in no region has a moved school among the neighbours it is judged by."""
        if any(f.suggestion in touched for f in before):
            return True
        free = self._rows_of(c for c in self.codes.tolist() if c not in new.by_code)
        if len(free) == 0 or not moved:
            return False
        moved_rows = set(self._rows_of(moved).tolist())
        if any(moved_rows & set(self.neighbours[i].tolist()) for i in free.tolist()):
            return True
        assigned = self._rows_of(new.first)
        k = min(_LEFT_OUT_NEAREST, len(assigned))
        if k == 0:
            return False
        _, idx = cKDTree(self.xy[assigned]).query(self.xy[free], k=k)
        nearest = set(assigned[np.asarray(idx).reshape(len(free), -1)].ravel().tolist())
        return bool(nearest & moved_rows)

    def _region_table(
        self,
        previous: pd.DataFrame,
        proposal: Proposal,
        new: _Listings,
        touched: set[str],
        findings: Sequence[Finding],
    ) -> pd.DataFrame:
        """Figures and money of the touched regions computed again, the others carried over."""
        again = sorted(touched & new.regions)
        kept = previous[previous.index.isin(new.regions - touched)]
        parts = [kept]
        if again:
            sub = _sub_proposal(proposal, set(again), set(), new, rest=False)
            codes = {c for r in again for c in new.members.get(r, ())}
            table = self.table.iloc[self._rows_of(sorted(codes))]
            result = check_proposal(table, sub, None, config=self.config, rules=[])
            parts.append(result.regions[result.regions.index != _REST])
        regions = pd.concat([p for p in parts if len(p)] or [previous.iloc[:0]])
        regions = regions.reindex(sorted(new.regions))
        for severity, column in _COUNT_COLUMNS.items():
            counts: Counter[str] = Counter()
            for f in findings:
                if f.severity == severity:
                    counts.update(f.regions)
            regions[column] = [counts.get(r, 0) for r in regions.index]
        return regions.rename_axis("region")


class _StandInLeaked(RuntimeError):
    """A finding of the window named the stand-in region: the window was too small."""


def _check_no_stand_in(f: Finding) -> None:
    if _REST in f.regions or _REST in f.suggestion or _REST in f.message:
        raise _StandInLeaked(f.rule)


def _window_rules() -> list[str]:
    """The rules ``check_proposal`` runs, but those that look at the whole table."""
    return [r for r in RULES if r not in _WHOLE_TABLE_RULES]


def _regions(listing: Iterable[tuple[str, int | None]] | None) -> set[str]:
    return {region for region, _ in listing} if listing else set()


def _recomputed(f: Finding, window: set[str], touched: set[str]) -> bool:
    """Whether a finding is one the recheck computes again (and drops from before).

    A finding about a pair of regions is computed again when it names a touched
    region; another when its first region is in the window, or when it names no
    region (about the whole proposal). ``left_out`` and ``unknown_school`` are
    handled on their own.
    """
    if f.rule in _WHOLE_TABLE_RULES:
        return False
    if f.rule in _PAIR_RULES:
        return bool(set(f.regions) & touched)
    return not f.regions or f.regions[0] in window


def _with_first_listings(regions: set[str], new: _Listings) -> set[str]:
    """``regions`` and the regions their schools are listed in first.

    A school listed in two regions lies, for the rules about areas, in the first:
    that region must be there for the school to lie where it does.
    """
    out = set(regions)
    while True:
        first = {new.first[c] for r in out for c in new.members.get(r, ())}
        if first <= out:
            return out
        out |= first


def _sub_proposal(
    proposal: Proposal,
    regions: set[str],
    frontier: set[str],
    new: _Listings,
    *,
    rest: bool = True,
) -> Proposal:
    """The listings and partners of ``regions``, with the stand-in for what lies outside.

    The frontier schools and (with ``rest``) the partners of other regions are
    listed in the stand-in region. A school of ``regions`` whose first listing is
    elsewhere gets a first row in the stand-in, so that it lies (and counts for
    money) where the whole proposal puts it.
    """
    m = proposal.memberships
    inside = m["region"].astype(str).isin(regions)
    codes = m["code"].astype(str)
    elsewhere = {c for c in codes[inside] if new.first.get(c, "") not in regions}
    parts = []
    if elsewhere:
        first = m[codes.isin(elsewhere) & ~inside].drop_duplicates("code")
        parts.append(first.assign(region=_REST))
    parts.append(m[inside])
    if frontier:
        edge = m[codes.isin(frontier) & ~inside].drop_duplicates("code")
        parts.append(edge.assign(region=_REST))
    memberships = pd.concat(parts, ignore_index=True)
    p = proposal.partners
    in_p = p["region"].astype(str).isin(regions)
    partners = p[in_p]
    if rest and (~in_p).any():
        partners = pd.concat([partners, p[~in_p].assign(region=_REST)], ignore_index=True)
    return Proposal(
        memberships=memberships.reset_index(drop=True),
        partners=partners.reset_index(drop=True),
        source=proposal.source,
    )
