"""The findings and money of a set of regions after an edit, recomputed only where it changed.

The editing session (:mod:`regionkit.edit`) asks one question after every
change: what do the programme's rules and money say about the proposal now?
:class:`Checker` answers it with the real code of ``regionkit check`` and
``regionkit fund`` (:func:`regionkit.rules.check` and :func:`regionkit.funding.fund`
on a :class:`regionkit.regions.Regions` value), in two ways:

:meth:`Checker.evaluate`
    A new value for the whole proposal (the start of a session, and the
    reference the other way is tested against).
:meth:`Checker.update`
    From the previous evaluation's value, by
    :meth:`Regions.with_proposal <regionkit.regions.Regions.with_proposal>`:
    the regions a change touches (a school left or joined them, or they were
    renamed or merged) recompute their figures, parts and money; every other
    region keeps what it had. The rules then read those figures.

The session keeps its own rows (the file it will write), so the proposal after
a change is exactly what ``regionkit check`` will read from the saved file, row
numbers included.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from regionkit.config import Config
from regionkit.funding import FundingResult, fund
from regionkit.graph import ProximityGraph
from regionkit.proposal import Proposal
from regionkit.regions import Regions
from regionkit.rules import Finding, check

__all__ = ["Checker", "Evaluation", "finding_key", "findings_from_frame"]

logger = logging.getLogger(__name__)

#: Rules whose findings are about one school: the school is part of the finding's identity.
_SCHOOL_RULES = ("overlap", "unknown_school", "left_out")


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
    value
        Its :class:`~regionkit.regions.Regions` value (figures cached per region).
    known
        The same without the codes that are not in the schools table: what the money
        is computed from (as ``regionkit check`` does; unknown codes are findings).
    findings
        Every finding, in the order of :func:`regionkit.rules.check`.
    regions
        One row per region (index ``region``, sorted): the columns of
        :attr:`regionkit.rules.CheckResult.regions`, money included.
    money
        The result of :func:`regionkit.funding.fund`.
    recomputed
        The regions whose figures and money were computed for this evaluation
        (every region for :meth:`Checker.evaluate`).
    """

    proposal: Proposal
    value: Regions
    known: Regions
    findings: tuple[Finding, ...]
    regions: pd.DataFrame
    money: FundingResult
    recomputed: frozenset[str]

    def records(self) -> list[dict[str, Any]]:
        """The findings as plain data (as :meth:`Finding.to_dict`)."""
        return [f.to_dict() for f in self.findings]


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
    >>> moved["00AH17"] = "Almelo"
    >>> after = checker.update(before, Proposal.from_assignment(moved, source=nodal.source))
    >>> sorted(after.recomputed)
    ['Almelo', 'Enschede']
    """

    def __init__(self, schools: pd.DataFrame, graph: ProximityGraph, config: Config) -> None:
        self.schools = schools
        self.graph = graph
        self.config = config
        codes = schools["code"].astype(str).to_numpy()
        self.codes = codes
        self.index = {c: i for i, c in enumerate(codes.tolist())}
        node = np.array([self.index.get(str(c), -1) for c in graph.codes], dtype=np.int64)
        neighbours: list[set[int]] = [set() for _ in range(len(codes))]
        for i, j in np.asarray(graph.edges, dtype=np.int64).reshape(-1, 2):
            a, b = node[i], node[j]
            if a >= 0 and b >= 0:
                neighbours[a].add(int(b))
                neighbours[b].add(int(a))
        #: Per school (table order): the rows of its neighbours in the proximity graph.
        self.neighbours = [np.array(sorted(n), dtype=np.int64) for n in neighbours]

    def evaluate(self, proposal: Proposal) -> Evaluation:
        """Check the whole proposal, as ``regionkit check`` does, and compute its money."""
        value = Regions(self.schools, proposal, config=self.config, graph=self.graph)
        known = self._known(proposal)
        if known is not proposal:
            value_known = Regions(self.schools, known, config=self.config, graph=self.graph)
        else:
            value_known = value
        return self._evaluation(value, value_known, frozenset(value.regions))

    def update(self, previous: Evaluation, proposal: Proposal) -> Evaluation:
        """The evaluation of ``proposal``; only the regions its change touched recompute."""
        value = previous.value.with_proposal(proposal)
        known = self._known(proposal)
        if known is proposal and previous.known is previous.value:
            value_known = value
        else:
            value_known = previous.known.with_proposal(known)
        return self._evaluation(value, value_known, value.touched)

    def _known(self, proposal: Proposal) -> Proposal:
        """The proposal without the listings of codes that are not in the schools table."""
        m = proposal.memberships
        known = m["code"].astype(str).isin(self.index)
        if known.all():
            return proposal
        return dataclasses.replace(proposal, memberships=m[known].reset_index(drop=True))

    def _evaluation(self, value: Regions, known: Regions, recomputed: frozenset[str]) -> Evaluation:
        money = fund(known)
        result = check(value, funding=money)
        logger.debug("checked; recomputed %d region(s)", len(recomputed))
        return Evaluation(
            proposal=value.proposal,
            value=value,
            known=known,
            findings=tuple(findings_from_frame(result.findings)),
            regions=result.regions,
            money=money,
            recomputed=frozenset(recomputed) & frozenset(value.regions),
        )
