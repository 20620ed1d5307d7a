"""Proposing regions: max-p regions, a fixed number of balanced regions, or a refined division.

Given the schools table and the proximity graph, the regionalizer partitions
*all* schools into regions that are connected in the graph and large enough
(``config.regions``: counted pupils and technical schools), in one of three ways:

- :func:`propose_regions`: as **many regions as possible** (a max-p problem),
  and among equally many the most compact ones: the least within-region sum
  of squared distances (SSE) plus a cost for every pair of schools closer than
  ``rules.close_distance_m`` that ends up in two regions
  (``regions.split_close_weight``). Analysts can pin schools to named
  regions; the rest is completed around them.
- :func:`propose_fixed`: a **given number of regions**, with counted pupils as
  even as the geography allows.
- :func:`refine_division`: **start from an official division** (nodal areas,
  RMC regions, COROP areas, education areas): split areas that are not
  connected, merge areas under a floor with their best neighbour, and
  optionally split areas far above the floor.

:func:`regionalize_arrays` runs the max-p search of :func:`propose_regions` on
plain arrays (coordinates, counted pupils, technical flags, the graph's edges)
without tables, names or metrics; the benchmark times regionkit through it,
as it times the peers on arrays.

Schools without counted pupils (TL-only, praktijkonderwijs) are assigned too:
they count for coverage, not for the floors. A separate part of the graph
(an island such as Texel, or Zeeuws-Vlaanderen when no edge crosses the
Westerschelde) that cannot reach the floors on its own joins the region
nearest to it in a straight line (``config.regions.join_small_parts``), and
the result says so; with ``join_small_parts = false`` it becomes a region of
its own, flagged as under the floor. A request no part can meet (a floor above
everything a part of the graph holds) raises :class:`InfeasibleError` naming
the largest part and the largest floor that would work.

The result is deterministic for a given seed: every random step draws from
one :class:`numpy.random.Generator`, and every search budget is a number of
steps derived from the problem size (scaled by ``regions.search_effort``).
``config.regions.time_budget_s`` is a safety cap on the improvement phase
only: if it is ever hit, a warning is logged and ``RegionProposal.time_capped``
is set, because the result then depends on the machine's speed. See
:mod:`regionkit._maxp` for the method, and ``benchmarks/bench_regionalize.py``
for how it compares with spopt, pygeoda and scikit-learn.
"""

from __future__ import annotations

import heapq
import logging
import math
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from regionkit import _maxp
from regionkit._errors import InfeasibleError, InputDataError, Problem, ProblemCollector
from regionkit._format import Language, format_int, format_number
from regionkit._io import read_table
from regionkit._messages import text, text_n
from regionkit._places import place_name
from regionkit._schema import DIVISIONS
from regionkit.config import Config
from regionkit.metrics import Aligned, GraphLike, RegionMetrics, measure, school_figures

__all__ = [
    "ArrayRegions",
    "RegionProposal",
    "place_name",
    "proposal_frame",
    "propose_fixed",
    "propose_regions",
    "read_pins",
    "refine_division",
    "regionalize_arrays",
]

logger = logging.getLogger(__name__)

Division = Literal["nodal", "rmc", "corop", "education_area"]

#: Columns of a proposal file written by ``regionkit propose`` (after ``region, code``).
PROPOSAL_COLUMNS = (
    "region",
    "code",
    "role",
    "name",
    "place",
    "kind",
    "counted_pupils",
    "technical",
)


# --- the result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionProposal:
    """A proposed set of regions and how it was found.

    Attributes
    ----------
    assignment
        Region name per school code (every school of the table), sorted by
        code, named ``"region"``.
    metrics
        Quality figures (:func:`regionkit.metrics.region_metrics`).
    regions
        Figures per region (:func:`regionkit.metrics.region_table`).
    method
        ``"maxp"``, ``"fixed"`` or ``"division:<name>"``.
    seed
        The seed used (``None`` when the method draws nothing at random).
    n_regions
        Number of regions.
    under_floor
        Regions that do not reach a floor, with the reason in ``notes``.
    notes
        What the analyst should know: parts of the graph joined across
        water, regions under a floor and why, merged or split areas.
    constructions
        Random constructions tried.
    iterations
        Steps of the improvement phase (moves tried and pairs re-split).
    time_capped
        Whether the wall-time cap stopped the improvement phase (the result
        may then differ between machines).
    """

    assignment: pd.Series
    metrics: RegionMetrics
    regions: pd.DataFrame
    method: str
    seed: int | None
    n_regions: int
    under_floor: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    constructions: int = 0
    iterations: int = 0
    time_capped: bool = False

    def to_frame(self, schools: pd.DataFrame, *, config: Config | None = None) -> pd.DataFrame:
        """The proposal as a table in the proposal-file format (see :func:`proposal_frame`)."""
        return proposal_frame(schools, self.assignment, config=config)

    def __repr__(self) -> str:
        m = self.metrics
        return (
            f"<RegionProposal ({self.method}): {self.n_regions} regions, "
            f"{m.n_under_floor} under a floor, {m.n_disconnected} disconnected, "
            f"{m.n_schools_assigned} schools>"
        )


def proposal_frame(
    schools: pd.DataFrame, assignment: pd.Series, *, config: Config | None = None
) -> pd.DataFrame:
    """A proposal table: one row per assigned school, sorted by region then code.

    The columns are ``region, code, role, name, place, kind, counted_pupils,
    technical``: the format :func:`regionkit.proposal.read_proposal` reads.

    Parameters
    ----------
    schools
        The schools table.
    assignment
        Region name per school code.
    config
        Gives the GL weight of the counted pupils; the defaults when ``None``.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> a = pd.Series(["Twente", "Twente"], index=["00AH07", "00AH08"])
    >>> proposal_frame(schools, a)[["region", "code", "role", "place"]]
       region    code    role     place
    0  Twente  00AH07  school  Enschede
    1  Twente  00AH08  school  Enschede
    """
    fig = school_figures(schools, config=_default_config(config))
    table = schools.set_index(schools["code"].astype(str))
    a = assignment.dropna()
    a.index = a.index.astype(str)
    codes = a.index.to_numpy()
    out = pd.DataFrame(
        {
            "region": a.astype(str).to_numpy(),
            "code": codes,
            "role": "school",
            "name": table["name"].reindex(codes).to_numpy() if "name" in table else "",
            "place": [
                place_name(p) if isinstance(p, str) else ""
                for p in (table["place"].reindex(codes) if "place" in table else [""] * len(codes))
            ],
            "kind": table["kind"].reindex(codes).to_numpy() if "kind" in table else "",
            "counted_pupils": fig["counted_pupils"].reindex(codes).to_numpy(),
            "technical": fig["technical"].reindex(codes).to_numpy(),
        }
    )
    out = out.sort_values(["region", "code"], kind="stable").reset_index(drop=True)
    return out


# --- names --------------------------------------------------------------------------------------


def _region_names(
    labels: np.ndarray,
    places: np.ndarray,
    weights: np.ndarray,
    *,
    fixed: dict[int, str] | None = None,
) -> dict[int, str]:
    """Readable, unique, deterministic names: the region's largest place.

    The largest place is the one with the most counted pupils in the region
    (ties: most schools, then alphabetical). When several regions share it,
    the one with the most pupils there keeps the plain name and the others get
    a suffix: "Rotterdam", "Rotterdam 2", ... Regions in ``fixed`` keep their
    given name and no other region takes it.
    """
    fixed = fixed or {}
    taken = set(fixed.values())
    assigned = np.flatnonzero(labels >= 0)
    lab = labels[assigned]
    place_ids, place_of = np.unique(places[assigned].astype(str), return_inverse=True)
    # pupils and schools per (region, place)
    key = lab * len(place_ids) + place_of
    uniq, inv = np.unique(key, return_inverse=True)
    pupils = np.bincount(inv, weights[assigned])
    count = np.bincount(inv)
    region = uniq // len(place_ids)
    place = uniq % len(place_ids)
    # the largest place per region: most pupils, most schools, first name
    order = np.lexsort((place, -count, -pupils, region))
    first = np.ones(len(order), dtype=bool)
    first[1:] = region[order][1:] != region[order][:-1]
    top = order[first]
    rows = [
        (str(place_ids[place[j]]), -float(pupils[j]), -int(count[j]), int(region[j]))
        for j in top
        if int(region[j]) not in fixed
    ]
    names = dict(fixed)
    counter: dict[str, int] = {}
    for p, _, _, r in sorted(rows):
        base = p or "Region"
        k = counter.get(base, 0)
        while True:
            k += 1
            name = base if k == 1 else f"{base} {k}"
            if name not in taken:
                break
        counter[base] = k
        taken.add(name)
        names[r] = name
    return names


# --- preparing the inputs -----------------------------------------------------------------------


@dataclass
class _Setup:
    """Schools and graph lined up on the graph's node order."""

    schools: pd.DataFrame | None  # None for plain arrays (regionalize_arrays)
    rows: pd.DataFrame | None  # the schools in node order
    config: Config
    figures: pd.DataFrame | None  # school_figures in node order
    codes: np.ndarray
    xy: np.ndarray
    w: np.ndarray
    t: np.ndarray
    edges: np.ndarray
    dist: np.ndarray
    comp: np.ndarray
    places: np.ndarray
    floor_w: float
    floor_t: int
    cap_w: float | None
    notes: list[str] = field(default_factory=list)
    #: Where the floors are set, as an error names them.
    floor_keys: str = "[regions] min_counted_pupils, min_technical_schools"

    @property
    def n(self) -> int:
        return len(self.codes)

    def instance(self, *, locked: np.ndarray | None = None) -> _maxp.Instance:
        inst = _maxp.Instance.from_arrays(
            self.xy,
            self.w,
            self.t,
            self.edges,
            self.dist,
            floor_w=self.floor_w,
            floor_t=self.floor_t,
            cap_w=self.cap_w,
            locked=locked,
        )
        weight = self.config.regions.split_close_weight
        if weight > 0 and self.n:
            inst.set_close(self.close_pairs(), weight * self.config.rules.close_distance_m**2)
        return inst

    def close_pairs(self) -> np.ndarray:
        """Pairs of schools closer than the close distance, ``(k, 2)`` (graph edges if too many)."""
        close = self.config.rules.close_distance_m
        tree = cKDTree(self.xy)
        strict = np.nextafter(close, 0.0)  # strictly closer than the close distance
        pairs = None
        if self.n < 1_000:  # few pairs at most: count them instead of estimating
            pairs = tree.query_pairs(strict, output_type="ndarray")
            per_school = 1.0 + 2.0 * len(pairs) / self.n
        else:
            # schools within the close distance of a school (itself included), on average;
            # estimated on every k-th school
            sample = self.xy[:: max(1, self.n // 500)]
            per_school = tree.query_ball_point(sample, close, return_length=True).mean()
        if per_school <= _MAX_CLOSE_PER_SCHOOL:
            if pairs is None:
                pairs = tree.query_pairs(strict, output_type="ndarray")
            return pairs
        logger.info("many close pairs: the graph's edges under %g m stand for them", close)
        return self.edges[self.dist < close]

    def describe(self, nodes: np.ndarray, *, limit: int = 3, language: Language = "en") -> str:
        """'4 schools in Oostburg, Hulst, Terneuzen' for a set of nodes, in ``language``."""
        counts = pd.Series(self.places[nodes]).value_counts(sort=False)
        counts = counts.sort_index().sort_values(ascending=False, kind="stable")
        shown = [p for p in counts.index[:limit] if p]
        more = ", ..." if len(counts) > limit else ""
        n = len(nodes)
        if not shown:
            return text_n(language, "propose.schools", n, n=format_int(n, language))
        places = ", ".join(shown) + more
        return text_n(language, "propose.schools_in", n, n=format_int(n, language), places=places)


#: Above this many close pairs per school, graph edges stand for the close pairs.
_MAX_CLOSE_PER_SCHOOL = 50


def _prepare(schools: pd.DataFrame, graph: GraphLike, config: Config) -> _Setup:
    problems = ProblemCollector()
    for column in ("code", "x", "y"):
        if column not in schools:
            problems.add(f"the schools table has no column {column!r}", column=column)
    problems.raise_if_any("the schools table cannot be regionalized")
    codes = np.asarray(graph.codes).astype(str)
    table_codes = schools["code"].astype(str)
    if not table_codes.is_unique:
        dup = sorted(set(table_codes[table_codes.duplicated()]))
        problems.add("school codes repeat in the schools table", value=dup[:10], column="code")
    pos = pd.Index(table_codes).get_indexer(codes)
    if (pos < 0).any() or len(codes) != len(table_codes):
        missing_in_table = codes[pos < 0].tolist()
        missing_in_graph = sorted(set(table_codes) - set(codes))
        problems.add(
            "the graph was built for other schools than the table",
            value={"not in table": missing_in_table[:10], "not in graph": missing_in_graph[:10]},
            fix="build the graph from this schools table",
        )
    problems.raise_if_any("the schools table and the graph do not match")
    if (pos == np.arange(len(pos))).all() and isinstance(schools.index, pd.RangeIndex):
        rows = schools  # already in the graph's order (the usual case)
    else:
        rows = schools.iloc[pos].reset_index(drop=True)
    fig = school_figures(rows, config=config)
    if "place" in rows:
        raw = rows["place"].astype(object).to_numpy()
        nice = {p: place_name(p) for p in pd.unique(raw) if isinstance(p, str)}
        places = np.array([nice.get(p, "") for p in raw], dtype=object)
    else:
        places = np.array([""] * len(rows), dtype=object)
    rc = config.regions
    return _Setup(
        schools=schools,
        rows=rows,
        config=config,
        figures=fig,
        codes=codes,
        xy=rows[["x", "y"]].to_numpy(dtype=float),
        w=fig["counted_pupils"].to_numpy(dtype=float),
        t=fig["technical"].to_numpy(dtype=np.int64),
        edges=np.asarray(graph.edges, dtype=np.int64).reshape(-1, 2),
        dist=np.asarray(graph.distance, dtype=float),
        comp=np.asarray(graph.component_labels, dtype=np.int64),
        places=places,
        floor_w=float(rc.min_counted_pupils),
        floor_t=int(rc.min_technical_schools),
        cap_w=rc.max_counted_pupils,
    )


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _feasible_components(setup: _Setup) -> np.ndarray:
    """Which components reach the floors; raise when none does."""
    n_comp = int(setup.comp.max()) + 1 if setup.n else 0
    comp_w = np.bincount(setup.comp, setup.w, minlength=n_comp)
    comp_t = np.bincount(setup.comp, setup.t, minlength=n_comp)
    ok = (comp_w >= setup.floor_w) & (comp_t >= setup.floor_t)
    if setup.n and not ok.any():
        big = int(np.lexsort((np.arange(n_comp), -comp_t, -comp_w))[0])
        nodes = np.flatnonzero(setup.comp == big)
        works = []
        if (comp_t >= setup.floor_t).any():
            best_w = float(comp_w[comp_t >= setup.floor_t].max())
            works.append(
                f"a floor of at most {_fmt(math.floor(best_w))} counted pupils "
                f"(with {setup.floor_t} technical schools)"
            )
        if (comp_w >= setup.floor_w).any():
            best_t = int(comp_t[comp_w >= setup.floor_w].max())
            works.append(
                f"at most {best_t} technical school{'s' if best_t != 1 else ''} "
                f"(with {_fmt(setup.floor_w)} counted pupils)"
            )
        if not works:
            works.append(
                f"at most {_fmt(math.floor(comp_w[big]))} counted pupils and "
                f"{int(comp_t[big])} technical schools"
            )
        raise InfeasibleError(
            f"no part of the proximity graph reaches the floors "
            f"({_fmt(setup.floor_w)} counted pupils, {setup.floor_t} technical schools): "
            f"the largest part ({setup.describe(nodes)}) has {_fmt(comp_w[big])} counted pupils "
            f"and {int(comp_t[big])} technical schools. Use {', or '.join(works)} "
            f"(configuration {setup.floor_keys})."
        )
    return ok


# --- pins ---------------------------------------------------------------------------------------

_PIN_REGION = ("region", "regio", "regionaam", "regio_naam", "region_name")
_PIN_CODE = ("code", "vestigingscode", "vestiging", "school", "school_code")


def read_pins(
    pins: str | Path | pd.Series | pd.DataFrame, schools: pd.DataFrame, *, language: Language = "nl"
) -> pd.Series:
    """Read pinned schools: a table (CSV/Excel) or Series of region name per school code.

    Parameters
    ----------
    pins
        A file with columns ``code`` and ``region`` (Dutch ``vestigingscode``
        and ``regio`` work too), a DataFrame with those columns, or a Series of
        region names indexed by code.
    schools
        The schools table the codes must belong to.
    language
        ``"nl"`` or ``"en"`` (``Config.language``): the language of the problems.

    Returns
    -------
    pandas.Series
        Region name per pinned code, sorted by code, named ``"region"``.

    Raises
    ------
    InputDataError
        Listing every problem: missing columns, empty codes or region names,
        codes not in the schools table, a code pinned to two regions.

    Examples
    --------
    >>> import pandas as pd
    >>> from regionkit.schools import load_schools
    >>> read_pins(pd.Series({"00AH07": "Rotterdam-Zuid"}), load_schools()).to_dict()
    {'00AH07': 'Rotterdam-Zuid'}
    """
    file: str | None = None
    if isinstance(pins, pd.Series):
        frame = pd.DataFrame({"code": pins.index.astype(str), "region": pins.to_numpy()})
    else:
        if isinstance(pins, pd.DataFrame):
            frame = pins.copy()
        else:
            file = str(pins)
            frame = read_table(pins, language=language)
        lower = {str(c).strip().lower().replace(" ", "_"): c for c in frame.columns}
        code_col = next((lower[c] for c in _PIN_CODE if c in lower), None)
        region_col = next((lower[c] for c in _PIN_REGION if c in lower), None)
        problems = ProblemCollector(file=file, language=language)
        if code_col is None:
            problems.add(text(language, "pins.no_code"), fix=text(language, "pins.no_code_fix"))
        if region_col is None:
            fix = text(language, "pins.no_region_fix")
            problems.add(text(language, "pins.no_region"), fix=fix)
        problems.raise_if_any()
        frame = pd.DataFrame({"code": frame[code_col], "region": frame[region_col]})
    problems = ProblemCollector(file=file, language=language)
    known = set(schools["code"].astype(str))
    seen: dict[str, tuple[str, int]] = {}
    out: dict[str, str] = {}
    for k, (code, region) in enumerate(zip(frame["code"], frame["region"], strict=True)):
        row = k + 2
        code_s = "" if pd.isna(code) else str(code).strip().upper()
        region_s = "" if pd.isna(region) else str(region).strip()
        if not code_s:
            fix = text(language, "pins.code_empty_fix")
            problems.add(text(language, "pins.code_empty"), row=row, column="code", fix=fix)
            continue
        if not region_s:
            fix = text(language, "pins.region_empty_fix")
            message = text(language, "pins.region_empty")
            problems.add(message, row=row, column="region", value=code_s, fix=fix)
            continue
        if code_s not in known:
            fix = text(language, "pins.unknown_fix")
            message = text(language, "pins.unknown")
            problems.add(message, row=row, column="code", value=code_s, fix=fix)
            continue
        if code_s in seen and seen[code_s][0] != region_s:
            first, at = seen[code_s]
            message = text(language, "pins.twice", first=repr(first), row=at, second=repr(region_s))
            fix = text(language, "pins.twice_fix")
            problems.add(message, row=row, column="region", value=code_s, fix=fix)
            continue
        seen[code_s] = (region_s, row)
        out[code_s] = region_s
    n = len(problems)
    head = text_n(language, "pins.head", n, n=n)
    if file:
        head = text_n(language, "pins.head_in", n, n=n, file=file)
    problems.raise_if_any(head)
    series = pd.Series(out, name="region", dtype=object).sort_index()
    series.index.name = "code"
    return series


def _reachable(nbrs: list[list[int]], start: int, blocked: set[int]) -> set[int]:
    seen = {start}
    stack = [start]
    while stack:
        u = stack.pop()
        for k in nbrs[u]:
            if k not in seen and k not in blocked:
                seen.add(k)
                stack.append(k)
    return seen


def _connect(
    inst: _maxp.Instance, nodes: list[int], blocked: set[int], dist: dict[tuple[int, int], float]
) -> list[int] | None:
    """Nodes of a short tree joining ``nodes`` (grown from the first by shortest paths)."""
    tree = {nodes[0]}
    todo = set(nodes[1:]) - tree
    nbrs = inst.nbrs
    while todo:
        best: dict[int, float] = dict.fromkeys(tree, 0.0)
        prev: dict[int, int] = {}
        heap = [(0.0, v) for v in sorted(tree)]
        target = -1
        while heap:
            d, u = heapq.heappop(heap)
            if d > best.get(u, math.inf):
                continue
            if u in todo:
                target = u
                break
            for k in nbrs[u]:
                if k in blocked:
                    continue
                nd = d + dist[(u, k) if u < k else (k, u)]
                if nd < best.get(k, math.inf):
                    best[k] = nd
                    prev[k] = u
                    heapq.heappush(heap, (nd, k))
        if target < 0:
            return None
        v = target
        while v not in tree:
            tree.add(v)
            todo.discard(v)
            v = prev[v]
    return sorted(tree)


def _apply_pins(
    setup: _Setup,
    inst: _maxp.Instance,
    part: _maxp.Partition,
    pins: pd.Series,
    feasible: np.ndarray,
) -> dict[int, str]:
    """Create the pinned regions (connected, grown to the floors); return id -> name."""
    index = {c: i for i, c in enumerate(setup.codes.tolist())}
    by_region: dict[str, list[int]] = {}
    for code, region in pins.items():
        by_region.setdefault(str(region), []).append(index[str(code)])
    pinned_to = {i: r for r, nodes in by_region.items() for i in nodes}
    small = ~feasible[setup.comp]
    # a small part (island) holding pins goes wholly to that region
    problems = []
    for region, nodes in sorted(by_region.items()):
        comps = sorted({int(setup.comp[i]) for i in nodes})
        big = [c for c in comps if feasible[c]]
        if len(big) > 1:
            where = "; ".join(
                setup.describe(np.array([i for i in nodes if setup.comp[i] == c])) for c in big
            )
            problems.append(
                f"the schools pinned to {region!r} lie in {len(big)} separate parts of the "
                f"proximity graph ({where}): one region cannot connect them; pin them to "
                f"different regions"
            )
        elif not big:
            nodes_arr = np.flatnonzero(np.isin(setup.comp, comps))
            problems.append(
                f"the schools pinned to {region!r} lie only in a part of the graph too small "
                f"for a region ({setup.describe(nodes_arr)}, "
                f"{_fmt(setup.w[nodes_arr].sum())} counted pupils): pin a school of a larger "
                f"part to {region!r} too, or remove the pin"
            )
    for c in sorted({int(setup.comp[i]) for i in pinned_to if small[i]}):
        regions = sorted({pinned_to[i] for i in pinned_to if setup.comp[i] == c})
        if len(regions) > 1:
            nodes_arr = np.flatnonzero(setup.comp == c)
            problems.append(
                f"a part of the graph too small for a region ({setup.describe(nodes_arr)}) "
                f"holds schools pinned to {', '.join(map(repr, regions))}: it can join only one"
            )
    if problems:
        raise InfeasibleError("the pins cannot be met:\n  - " + "\n  - ".join(problems))
    dist = {
        (int(a), int(b)): float(d)
        for (a, b), d in zip(setup.edges.tolist(), setup.dist.tolist(), strict=True)
    }
    names: dict[int, str] = {}
    pinned_nodes = set(pinned_to)
    taken: set[int] = set()
    # up-front checks: connectable and able to reach the floors
    for region, nodes in sorted(by_region.items()):
        main = [i for i in nodes if not small[i]]
        blocked = (pinned_nodes - set(nodes)) | taken
        reach = _reachable(inst.nbrs, main[0], blocked)
        missing = [i for i in main if i not in reach]
        if missing:
            raise InfeasibleError(
                f"the schools pinned to {region!r} cannot be connected: "
                f"{', '.join(setup.codes[missing[:5]])} cannot be reached from "
                f"{setup.codes[main[0]]} without crossing schools pinned to other regions"
            )
        islands = [i for i in nodes if small[i]]
        extra = np.flatnonzero(np.isin(setup.comp, sorted({int(setup.comp[i]) for i in islands})))
        reach_arr = np.array(sorted(reach))
        can_w = float(setup.w[reach_arr].sum() + setup.w[extra].sum())
        can_t = int(setup.t[reach_arr].sum() + setup.t[extra].sum())
        if can_w < setup.floor_w or can_t < setup.floor_t:
            raise InfeasibleError(
                f"the pins make the floors impossible for {region!r}: without the schools "
                f"pinned to other regions it can reach at most {_fmt(can_w)} counted pupils "
                f"and {can_t} technical schools (floors: {_fmt(setup.floor_w)} and "
                f"{setup.floor_t}); pin fewer schools around it or lower the floors"
            )
        path = _connect(inst, main, blocked, dist)
        if path is None:
            raise InfeasibleError(
                f"the schools pinned to {region!r} cannot be connected without crossing "
                f"the regions of earlier pins; pin fewer schools"
            )
        rid = part.new_region()
        names[rid] = region
        for i in path:
            part.assign(inst, i, rid)
        for i in extra.tolist():
            if part.labels[i] == _maxp.FREE:
                part.assign(inst, i, rid)
        taken |= set(path)
    inst.lock(sorted(pinned_nodes))
    # floors per component: the pinned regions must fit together
    for c in sorted({int(setup.comp[i]) for i in pinned_nodes if not small[i]}):
        k = sum(1 for rid in names if setup.comp[min(part.regions[rid].members)] == c)
        comp_nodes = np.flatnonzero(setup.comp == c)
        if setup.w[comp_nodes].sum() < k * setup.floor_w or setup.t[comp_nodes].sum() < (
            k * setup.floor_t
        ):
            raise InfeasibleError(
                f"{k} pinned regions share a part of the graph ({setup.describe(comp_nodes)}) "
                f"with {_fmt(setup.w[comp_nodes].sum())} counted pupils: not enough for "
                f"{k} regions at the floor of {_fmt(setup.floor_w)}"
            )
    for rid in sorted(names):
        if not _maxp.grow_region(inst, part, rid):
            logger.info("pinned region %r cannot reach the floors by growing alone", names[rid])
    return names


# --- small parts of the graph -------------------------------------------------------------------


def _fmt_in(value: float, language: Language) -> str:
    """:func:`_fmt` in ``language``: whole numbers without decimals, others with one."""
    return format_number(value, language, decimals=0 if float(value).is_integer() else 1)


def _counts(setup: _Setup, nodes: np.ndarray) -> str:
    lang = setup.config.language
    t = int(setup.t[nodes].sum())
    pupils = _fmt_in(setup.w[nodes].sum(), lang)
    return text_n(lang, "propose.counts", t, pupils=pupils, n=format_int(t, lang))


def _small_parts(setup: _Setup, labels: np.ndarray, feasible: np.ndarray) -> list[np.ndarray]:
    """The nodes not in a region of each part too small for one, by part (component) id."""
    pending = np.flatnonzero((labels < 0) & ~feasible[setup.comp])
    if not pending.size:
        return []
    comp = setup.comp[pending]
    order = np.argsort(comp, kind="stable")
    cuts = np.flatnonzero(np.diff(comp[order])) + 1
    return np.split(pending[order], cuts)


def _part_edges(xy: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs between points of different groups: ``(k, 2)`` indices and lengths.

    The closest pair between two groups joined in a minimum spanning tree of
    the groups is a Gabriel edge (a third point inside its diametral circle
    would be closer to both), so the Delaunay triangulation's edges hold every
    pair the tree needs; co-located points, which the triangulation leaves
    out, are paired with the vertex they coincide with.
    """
    from scipy.spatial import Delaunay, QhullError

    m = len(xy)
    pairs: np.ndarray
    if m < 4:
        pairs = np.array([(a, b) for a in range(m) for b in range(a + 1, m)], dtype=np.int64)
    else:
        try:
            tri = Delaunay(xy)
        except QhullError:  # all on one line: a joggled triangulation still links neighbours
            tri = Delaunay(xy, qhull_options="QJ")
        simplices = tri.simplices
        pairs = np.concatenate([simplices[:, [0, 1]], simplices[:, [1, 2]], simplices[:, [0, 2]]])
        if len(tri.coplanar):
            pairs = np.concatenate([pairs, tri.coplanar[:, [0, 2]]])
    pairs = pairs.reshape(-1, 2)
    pairs = pairs[group[pairs[:, 0]] != group[pairs[:, 1]]]
    pairs = np.unique(np.sort(pairs, axis=1), axis=0)
    lengths = np.hypot(*(xy[pairs[:, 0]] - xy[pairs[:, 1]]).T)
    return pairs, lengths


def _join_order(
    setup: _Setup, labels: np.ndarray, parts: list[np.ndarray]
) -> list[tuple[float, int, int]]:
    """Each small part joined to the nearest school already in a region or joined before.

    The same as repeatedly joining the part closest to the schools placed so
    far (Prim's algorithm over the parts, the schools in regions as its root),
    in O(P log P + m log n) for m schools in P parts among n: the candidates
    are the nearest school in a region of each pending school (a KD-tree) and
    the Delaunay edges between pending schools; Kruskal's algorithm keeps the
    tree of the parts, which is then walked from the root closest part first.

    Returns
    -------
    list of (distance, part, target)
        In joining order: the part's index in ``parts``, the school it joins
        (its region is the part's) and the straight-line distance to it.
    """
    assigned = np.flatnonzero(labels >= 0)
    nodes = np.concatenate(parts)
    group = np.repeat(np.arange(1, len(parts) + 1), [len(p) for p in parts])
    # root edges: each pending school to its nearest school in a region (group 0)
    dist, nearest = cKDTree(setup.xy[assigned]).query(setup.xy[nodes])
    root_pairs = np.column_stack([np.arange(len(nodes)), len(nodes) + np.asarray(nearest)])
    pairs, lengths = _part_edges(setup.xy[nodes], group)
    pairs = np.concatenate([pairs, root_pairs])
    lengths = np.concatenate([lengths, np.asarray(dist, dtype=float)])
    point = np.concatenate([nodes, assigned])  # pair index -> node
    group_of = np.concatenate([group, np.zeros(len(assigned), dtype=np.int64)])
    # Kruskal over the groups (root 0 and the parts), shortest pair first
    parent = list(range(len(parts) + 1))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    tree: dict[int, list[tuple[float, int, int, int]]] = {}
    for k in np.lexsort((point[pairs[:, 1]], point[pairs[:, 0]], lengths)).tolist():
        a, b = int(pairs[k, 0]), int(pairs[k, 1])
        ga, gb = int(group_of[a]), int(group_of[b])
        ra, rb = find(ga), find(gb)
        if ra == rb:
            continue
        parent[ra] = rb
        d = float(lengths[k])
        tree.setdefault(ga, []).append((d, gb, int(point[b]), int(point[a])))
        tree.setdefault(gb, []).append((d, ga, int(point[a]), int(point[b])))
    # walk the tree from the root, closest part first (the order of Prim's algorithm)
    order: list[tuple[float, int, int]] = []
    frontier = [(d, int(setup.comp[point_of]), g, at) for d, g, point_of, at in tree.get(0, [])]
    heapq.heapify(frontier)
    placed = {0}
    while frontier:
        d, _, g, target = heapq.heappop(frontier)
        if g in placed:
            continue
        placed.add(g)
        order.append((d, g - 1, target))
        for d2, g2, p2, at in tree.get(g, []):
            if g2 not in placed:
                heapq.heappush(frontier, (d2, int(setup.comp[p2]), g2, at))
    return order


def _place_small_parts(
    setup: _Setup, labels: np.ndarray, feasible: np.ndarray, next_id: int
) -> tuple[np.ndarray, dict[int, str], list[str]]:
    """Assign components that cannot hold a region; return labels, own-region ids, notes."""
    own: dict[int, str] = {}
    notes: list[str] = []
    lang = setup.config.language
    parts = _small_parts(setup, labels, feasible)
    if not parts:
        return labels, own, notes
    labels = labels.copy()
    if not setup.config.regions.join_small_parts or not (labels >= 0).any():
        for nodes in parts:
            labels[nodes] = next_id
            own[next_id] = "small"
            schools = setup.describe(nodes, language=lang)
            counts = _counts(setup, nodes)
            notes.append(
                text_n(lang, "propose.small_part.own", len(nodes), schools=schools, counts=counts)
            )
            next_id += 1
        return labels, own, notes
    for d, k, target in _join_order(setup, labels, parts):
        nodes = parts[k]
        labels[nodes] = labels[target]
        note = text_n(
            lang,
            "propose.small_part.joined",
            len(nodes),
            schools=setup.describe(nodes, language=lang),
            counts=_counts(setup, nodes),
            code=setup.codes[target],
            place=setup.places[target] or text(lang, "propose.no_place"),
            km=format_number(d / 1000, lang, decimals=1),
        )
        notes.append(note)
    return labels, own, notes


# --- max-p --------------------------------------------------------------------------------------


def _solve(
    setup: _Setup,
    inst: _maxp.Instance,
    part: _maxp.Partition,
    active: np.ndarray,
    rng: np.random.Generator,
    *,
    frozen: set[int],
    progress: bool,
) -> tuple[_maxp.Partition, _maxp.SolveStats]:
    """Construct and improve regions over the free ``active`` nodes of ``part``."""
    from tqdm.auto import tqdm

    budget = _maxp.Budget.for_size(int(active.sum()), setup.config.regions.search_effort)
    with tqdm(total=3, desc="regions", disable=not progress, leave=False) as bar:

        def tick(name: str) -> None:
            bar.set_postfix_str(f"{name} done")
            bar.update(1)

        stats = _maxp.solve(
            inst,
            part,
            active,
            rng,
            budget=budget,
            frozen=frozen,
            deadline_s=setup.config.regions.time_budget_s,
            tick=tick,
        )
    logger.debug(
        "search: %d regions constructed, %d gained (%d cuts), %d moves checked, %d pairs; %s",
        stats.regions_constructed,
        stats.regions_gained,
        stats.lns_steps,
        stats.checks,
        stats.pairs,
        ", ".join(f"{k} {v:.3f} s" for k, v in stats.seconds.items()),
    )
    return part, stats


def _maxp_labels(
    setup: _Setup,
    seed: int,
    pins: pd.Series | None,
    *,
    progress: bool,
) -> tuple[np.ndarray, dict[int, str], list[str], _maxp.SolveStats]:
    """The max-p search on prepared arrays: labels per node, pinned names, notes, stats."""
    rng = np.random.default_rng(seed)
    feasible = _feasible_components(setup)
    inst = setup.instance()
    part = _maxp.Partition.empty(setup.n)
    names: dict[int, str] = {}
    if pins is not None and len(pins):
        names = _apply_pins(setup, inst, part, pins, feasible)
    active = feasible[setup.comp]
    part, stats = _solve(setup, inst, part, active, rng, frozen=set(names), progress=progress)
    labels = part.label_array()
    labels, _, notes = _place_small_parts(setup, labels, feasible, part.next_id)
    pinned = np.isin(setup.codes, pins.index.to_numpy()) if pins is not None else None
    labels, site_notes = _keep_sites_together(setup, labels, pinned=pinned)
    return labels, names, notes + site_notes, stats


def _site_groups(xy: np.ndarray, radius: float) -> list[np.ndarray]:
    """Groups of nodes within ``radius`` of each other (chained), two or more nodes each."""
    n = len(xy)
    if radius <= 0 or n < 2:
        return []
    pairs = cKDTree(xy).query_pairs(radius, output_type="ndarray")
    if len(pairs) == 0:
        return []
    # components among the few nodes in a pair only (the others are alone)
    nodes = np.unique(pairs)
    local = np.searchsorted(nodes, pairs)
    k = len(nodes)
    m = sparse.coo_matrix((np.ones(len(local)), (local[:, 0], local[:, 1])), shape=(k, k))
    _, lab = sparse.csgraph.connected_components(m, directed=False)
    order = np.argsort(lab, kind="stable")
    groups = np.split(nodes[order], np.flatnonzero(np.diff(lab[order])) + 1)
    return sorted((np.sort(g) for g in groups), key=lambda g: int(g[0]))


def _n_parts(adj: sparse.csr_matrix, nodes: np.ndarray) -> int:
    if len(nodes) <= 1:
        return len(nodes)
    k, _ = sparse.csgraph.connected_components(adj[nodes][:, nodes], directed=False)
    return int(k)


def _keep_sites_together(
    setup: _Setup, labels: np.ndarray, *, pinned: np.ndarray | None = None
) -> tuple[np.ndarray, list[str]]:
    """Move schools of one site (``[regions] keep_together_m``) into one region.

    A site split over regions moves whole into the region that holds most of
    it (then most counted pupils), or else into another of its regions, when
    every region it leaves keeps its floors and stays in as few parts of the
    graph as before, the receiving region gains no extra part and no ceiling
    is crossed. Pinned schools never move. Deterministic: sites in node order.
    """
    radius = float(setup.config.regions.keep_together_m)
    groups = _site_groups(setup.xy, radius)
    if not groups:
        return labels, []
    labels = labels.copy()
    n = setup.n
    e = setup.edges
    ends = (np.r_[e[:, 0], e[:, 1]], np.r_[e[:, 1], e[:, 0]])
    adj = sparse.csr_matrix((np.ones(2 * len(e)), ends), shape=(n, n))
    w, t = setup.w, setup.t
    # the members of each region, kept up to date (a scan of all labels per site is O(n))
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    members = {int(labels[m[0]]): m for m in np.split(order, cuts) if len(m)}
    moved = 0
    stuck: list[str] = []
    lang = setup.config.language
    for g in groups:
        present = np.unique(labels[g])
        if len(present) < 2 or (present < 0).any():
            continue

        def rank(r: int, g: np.ndarray = g) -> tuple[int, float, int]:
            members = g[labels[g] == r]
            return (-len(members), -float(w[members].sum()), r)

        done = False
        for target in sorted(present.tolist(), key=rank):
            movers = g[labels[g] != target]
            if pinned is not None and pinned[movers].any():
                continue
            ok = True
            for r in np.unique(labels[movers]).tolist():
                before = members[r]
                rest = before[~np.isin(before, movers)]
                if (
                    len(rest) == 0
                    or w[rest].sum() < setup.floor_w
                    or t[rest].sum() < setup.floor_t
                    or _n_parts(adj, rest) > _n_parts(adj, before)
                ):
                    ok = False
                    break
            if not ok:
                continue
            before_t = members[target]
            after_t = np.union1d(before_t, movers)
            if _n_parts(adj, after_t) > _n_parts(adj, before_t):
                continue
            if setup.cap_w is not None and w[after_t].sum() > max(setup.cap_w, w[before_t].sum()):
                continue
            for r in np.unique(labels[movers]).tolist():
                members[r] = members[r][~np.isin(members[r], movers)]
            members[target] = after_t
            labels[movers] = target
            moved += len(movers)
            done = True
            break
        if not done:
            where = setup.describe(g, language=lang)
            stuck.append(f"{', '.join(setup.codes[g].tolist())} ({where})")
    notes: list[str] = []
    m = _fmt_in(radius, lang)
    if moved:
        n_moved = format_int(moved, lang)
        notes.append(text_n(lang, "propose.same_site.moved", moved, n=n_moved, m=m))
    if stuck:
        n_stuck, sites = format_int(len(stuck), lang), "; ".join(stuck)
        note = text_n(lang, "propose.same_site.stuck", len(stuck), n=n_stuck, m=m, sites=sites)
        notes.append(note)
    return labels, notes


@dataclass(frozen=True)
class ArrayRegions:
    """Max-p regions of plain arrays (:func:`regionalize_arrays`).

    Attributes
    ----------
    labels
        Region number per node, ``0 .. n_regions - 1``, numbered in the order
        of each region's first node.
    n_regions
        Number of regions.
    notes
        What the search reports (parts of the graph joined across water, the
        wall-time cap).
    constructions
        Random constructions tried.
    iterations
        Steps of the improvement phase.
    time_capped
        Whether the wall-time cap stopped the improvement phase.
    """

    labels: np.ndarray
    n_regions: int
    notes: tuple[str, ...] = ()
    constructions: int = 0
    iterations: int = 0
    time_capped: bool = False


def regionalize_arrays(
    xy: np.ndarray,
    pupils: np.ndarray,
    technical: np.ndarray,
    edges: np.ndarray,
    distance: np.ndarray,
    *,
    config: Config | None = None,
    seed: int | None = None,
    progress: bool = False,
) -> ArrayRegions:
    """Max-p regions of plain arrays: the search of :func:`propose_regions` without tables.

    The same search as :func:`propose_regions` (which calls the same code
    after lining up the schools table with the graph), for callers that hold
    arrays: no schools table, no region names, no metrics. The benchmark
    times regionkit through this function, as the peers are timed on arrays.

    Parameters
    ----------
    xy
        Coordinates per node, ``(n, 2)``, EPSG:28992 metres.
    pupils
        Counted pupils per node (GL already weighted), ``(n,)``.
    technical
        Whether each node is a school with a technical profile, ``(n,)``.
    edges
        The graph's edges, ``(m, 2)`` node numbers with ``i < j``, each once
        (``ProximityGraph.edges``).
    distance
        Length of each edge in metres, ``(m,)`` (``ProximityGraph.distance``).
    config
        Floors and options (``config.regions``, ``rules.close_distance_m``);
        the defaults when ``None``.
    seed
        Seed of the random steps; ``config.regions.seed`` when ``None``.
    progress
        Show a progress bar (``tqdm``) on stderr.

    Returns
    -------
    ArrayRegions
        A region number for every node.

    Raises
    ------
    InfeasibleError
        When no part of the graph can reach the floors.
    InputDataError
        When the arrays do not fit together.

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.graph import ProximityGraph
    >>> from regionkit.metrics import school_figures
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> config = load_config()
    >>> graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    >>> fig = school_figures(schools, config=config)
    >>> result = regionalize_arrays(
    ...     schools[["x", "y"]].to_numpy(), fig["counted_pupils"].to_numpy(),
    ...     fig["technical"].to_numpy(), graph.edges, graph.distance, config=config, seed=1)
    >>> result.n_regions == propose_regions(schools, graph, config=config, seed=1).n_regions
    True
    >>> len(result.labels) == len(schools), int(result.labels.min())
    (True, 0)
    """
    config = _default_config(config)
    seed_value = _seed(seed, config)
    setup = _array_setup(xy, pupils, technical, edges, distance, config)
    labels, _, notes, stats = _maxp_labels(setup, seed_value, None, progress=progress)
    _, first, dense = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return ArrayRegions(
        labels=rank[dense.reshape(-1)],
        n_regions=len(first),
        notes=tuple(notes),
        constructions=stats.constructions,
        iterations=stats.iterations,
        time_capped=stats.timed_out,
    )


def _array_setup(
    xy: np.ndarray,
    pupils: np.ndarray,
    technical: np.ndarray,
    edges: np.ndarray,
    distance: np.ndarray,
    config: Config,
) -> _Setup:
    """A :class:`_Setup` from plain arrays (nodes named by their number)."""
    xy = np.asarray(xy, dtype=float)
    w = np.asarray(pupils, dtype=float)
    t = np.asarray(technical).astype(np.int64)
    e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    d = np.asarray(distance, dtype=float).reshape(-1)
    n = len(w)
    problems = ProblemCollector()
    if xy.shape != (n, 2):
        problems.add(f"xy has shape {xy.shape}, expected ({n}, 2)", column="xy")
    if t.shape != (n,):
        problems.add(f"technical has shape {t.shape}, expected ({n},)", column="technical")
    if len(d) != len(e):
        problems.add(f"{len(d)} distances for {len(e)} edges", column="distance")
    if len(e) and (e.min() < 0 or e.max() >= n or (e[:, 0] >= e[:, 1]).any()):
        problems.add("edges must be node pairs i < j within range", column="edges")
    if not (np.isfinite(xy).all() and np.isfinite(w).all() and (w >= 0).all()):
        problems.add("coordinates and pupils must be finite, pupils >= 0", column="xy, pupils")
    problems.raise_if_any("the arrays cannot be regionalized")
    # numbered by smallest node, as the graph numbers its components
    adjacency = sparse.coo_array((np.ones(len(e), dtype=np.int8), (e[:, 0], e[:, 1])), shape=(n, n))
    _, comp = connected_components(adjacency, directed=False)
    rc = config.regions
    return _Setup(
        schools=None,
        rows=None,
        config=config,
        figures=None,
        codes=np.arange(n).astype(str),
        xy=xy,
        w=w,
        t=t,
        edges=e,
        dist=d,
        comp=np.asarray(comp, dtype=np.int64),
        places=np.full(n, "", dtype=object),
        floor_w=float(rc.min_counted_pupils),
        floor_t=int(rc.min_technical_schools),
        cap_w=rc.max_counted_pupils,
    )


def _finish(
    setup: _Setup,
    labels: np.ndarray,
    names: dict[int, str],
    *,
    method: str,
    seed: int | None,
    notes: list[str],
    constructions: int = 0,
    iterations: int = 0,
    time_capped: bool = False,
    division: str | pd.Series | None = None,
) -> RegionProposal:
    lang = setup.config.language
    # region numbers in the order of their names, as the metrics number them
    ids = sorted(names, key=lambda r: names[r])
    renumber = np.full(max(ids, default=-1) + 2, -1, dtype=np.int64)
    renumber[ids] = np.arange(len(ids))
    dense = renumber[labels]
    sorted_names = [names[r] for r in ids]
    values = np.array(sorted_names, dtype=object)[dense]
    assignment = pd.Series(values, index=pd.Index(setup.codes, name="code"), name="region")
    assignment = assignment.sort_index()
    fig = setup.figures
    assert fig is not None and setup.rows is not None, "a schools table is needed for metrics"
    aligned = Aligned(
        rows=setup.rows,
        codes=setup.codes,
        xy=setup.xy,
        labels=dense,
        names=sorted_names,
        pupils=setup.w,
        bb_kb=fig["bb_kb"].to_numpy(dtype=float),
        gl=fig["gl"].to_numpy(dtype=float),
        technical=setup.t.astype(bool),
        edges=setup.edges,
        components=setup.comp,
    )
    metrics, table = measure(aligned, config=setup.config, division=division)
    under = tuple(table.loc[table["under_floor"], "region"].tolist())
    if metrics.n_over_max:
        over = table.loc[table["over_max"], "region"].tolist()
        note = text_n(
            lang,
            "propose.over_max",
            len(over),
            n=format_int(len(over), lang),
            cap=_fmt_in(setup.cap_w or 0, lang),
            regions=", ".join(over[:5]) + (", ..." if len(over) > 5 else ""),
        )
        notes.append(note)
    if time_capped:
        seconds = _fmt_in(setup.config.regions.time_budget_s, lang)
        notes.append(text(lang, "propose.time_capped", seconds=seconds))
        logger.warning(notes[-1])
    for note in notes:
        logger.info(note)
    return RegionProposal(
        assignment=assignment,
        metrics=metrics,
        regions=table,
        method=method,
        seed=seed,
        n_regions=metrics.n_regions,
        under_floor=under,
        notes=tuple(notes),
        constructions=constructions,
        iterations=iterations,
        time_capped=time_capped,
    )


def _seed(seed: int | None, config: Config) -> int:
    """The seed of a search: ``seed``, else the configuration's (checked like it)."""
    if seed is None:
        return int(config.regions.seed)
    return replace(config.regions, seed=seed).seed


def _default_config(config: Config | None) -> Config:
    if config is None:
        from regionkit.config import load_config

        return load_config()
    return config


def propose_regions(
    schools: pd.DataFrame,
    graph: GraphLike,
    *,
    config: Config | None = None,
    pins: pd.Series | pd.DataFrame | str | Path | None = None,
    seed: int | None = None,
    progress: bool = False,
) -> RegionProposal:
    """As many connected regions as the floors allow, as compact as possible.

    Parameters
    ----------
    schools
        The schools table (:func:`regionkit.schools.load_schools`).
    graph
        The proximity graph over the same schools (:class:`regionkit.graph.ProximityGraph`).
    config
        Floors and options (``config.regions``) and the GL weight; the
        defaults when ``None``.
    pins
        Schools locked to named regions: a file, DataFrame or Series as
        :func:`read_pins` reads. The named regions keep these schools and
        are completed around them.
    seed
        Seed of the random steps; ``config.regions.seed`` when ``None``.
    progress
        Show a progress bar (``tqdm``) on stderr.

    Returns
    -------
    RegionProposal
        Every school in exactly one region.

    Raises
    ------
    InfeasibleError
        When no part of the graph can reach the floors, or the pins cannot be
        met (pinned schools that cannot be connected, a pin that makes a floor
        impossible); the message names the part or the region and what would work.
    InputDataError
        When the graph does not belong to the schools table, or a pin is invalid.

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.graph import ProximityGraph
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> config = load_config()
    >>> graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    >>> proposal = propose_regions(schools, graph, config=config, seed=1)
    >>> 70 <= proposal.n_regions <= 90
    True
    >>> proposal.metrics.n_under_floor, proposal.metrics.n_disconnected
    (0, 0)
    >>> proposal.metrics.n_schools_assigned == len(schools)
    True
    """
    config = _default_config(config)
    seed_value = _seed(seed, config)
    started = time.perf_counter()
    setup = _prepare(schools, graph, config)
    pin_series = read_pins(pins, schools, language=config.language) if pins is not None else None
    labels, names, notes, stats = _maxp_labels(setup, seed_value, pin_series, progress=progress)
    auto = _region_names(labels, setup.places, setup.w, fixed=names)
    logger.info(
        "max-p: %d regions from %d schools in %.3f s (seed %d)",
        len(auto),
        setup.n,
        time.perf_counter() - started,
        seed_value,
    )
    return _finish(
        setup,
        labels,
        auto,
        method="maxp",
        seed=seed_value,
        notes=notes,
        constructions=stats.constructions,
        iterations=stats.iterations,
        time_capped=stats.timed_out,
    )


def propose_fixed(
    schools: pd.DataFrame,
    graph: GraphLike,
    n_regions: int,
    *,
    config: Config | None = None,
    seed: int | None = None,
) -> RegionProposal:
    """A given number of connected regions, counted pupils as even as the geography allows.

    Each part of the graph gets regions in proportion to its counted pupils
    (at most as many as the max-p search finds there). A part is cut into its
    regions by recursive bisection of random near-minimum spanning trees (the
    most even of several); then border schools move and neighbouring pairs are
    re-split to even out the counted pupils further (least sum of squared
    region sizes), keeping every region connected and floored.

    Parameters
    ----------
    schools, graph, config, seed
        As for :func:`propose_regions`.
    n_regions
        The number of regions wanted.

    Returns
    -------
    RegionProposal

    Raises
    ------
    InfeasibleError
        When fewer regions are asked than the graph has separate parts that
        can hold one, or more than the floors allow (the message gives the
        most the max-p search found).

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.graph import ProximityGraph
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> config = load_config()
    >>> graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    >>> proposal = propose_fixed(schools, graph, 40, config=config)
    >>> proposal.n_regions, proposal.metrics.n_under_floor
    (40, 0)
    """
    config = _default_config(config)
    seed_value = _seed(seed, config)
    if isinstance(n_regions, bool) or not isinstance(n_regions, int | np.integer) or n_regions < 1:
        raise InfeasibleError(f"n_regions = {n_regions!r} must be a whole number of at least 1")
    setup = _prepare(schools, graph, config)
    rng = np.random.default_rng(seed_value)
    feasible = _feasible_components(setup)
    n_parts = int(feasible.sum())
    if n_regions < n_parts:
        parts = [setup.describe(np.flatnonzero(setup.comp == c)) for c in np.flatnonzero(feasible)]
        raise InfeasibleError(
            f"{n_regions} region{'s' if n_regions != 1 else ''} asked, but the proximity graph "
            f"has {n_parts} separate parts that each hold a region ({'; '.join(parts[:5])}"
            f"{', ...' if n_parts > 5 else ''}): ask for at least {n_parts}"
        )
    inst = setup.instance()
    part = _maxp.Partition.empty(setup.n)
    active = feasible[setup.comp]
    part, stats = _solve(setup, inst, part, active, rng, frozen=set(), progress=False)
    have = len(part.regions)
    if have < n_regions:
        raise InfeasibleError(
            f"{n_regions} regions asked, but the max-p search found at most {have} regions "
            f"that reach the floors ({_fmt(setup.floor_w)} counted pupils, {setup.floor_t} "
            f"technical schools): ask for at most {have} or lower the floors"
        )
    comps = [int(c) for c in np.flatnonzero(feasible)]
    comp_of = {rid: int(setup.comp[min(reg.members)]) for rid, reg in part.regions.items()}
    alloc = _allocate(setup, comps, comp_of, n_regions)
    steps = 0
    for c in comps:
        nodes = np.flatnonzero(setup.comp == c).tolist()
        pieces = _maxp.balanced_split(inst, nodes, alloc[c], rng)
        if pieces is None:  # no tree cut keeps the floors: merge the max-p regions instead
            steps += _maxp.merge_down(
                inst, part, alloc[c], regions={r for r, cc in comp_of.items() if cc == c}
            )
            continue
        for rid in [r for r, cc in comp_of.items() if cc == c]:
            del part.regions[rid]
        for piece in pieces:
            rid = part.new_region()
            for i in piece:
                part.labels[i] = rid
                part.regions[rid].add(inst, i)
    _maxp.warm_up()  # compiled before the clock starts
    deadline = time.perf_counter() + config.regions.time_budget_s
    n_active = int(active.sum())
    _, checks, capped2 = _maxp.balance(
        inst,
        part,
        rng,
        max_checks=60 * n_active + 10,
        max_pairs=10 * n_active + 10,
        deadline=deadline,
    )
    labels = part.label_array()
    labels, _, notes = _place_small_parts(setup, labels, feasible, part.next_id)
    names = _region_names(labels, setup.places, setup.w)
    return _finish(
        setup,
        labels,
        names,
        method="fixed",
        seed=seed_value,
        notes=notes,
        constructions=stats.constructions,
        iterations=stats.iterations + steps + checks,
        time_capped=stats.timed_out or capped2,
    )


def _allocate(
    setup: _Setup, comps: list[int], comp_of: dict[int, int], n_regions: int
) -> dict[int, int]:
    """Regions per part of the graph: in proportion to its counted pupils (largest remainder),
    at least one and at most as many as the max-p search found there."""
    most = {c: sum(1 for r in comp_of.values() if r == c) for c in comps}
    weight = {c: float(setup.w[setup.comp == c].sum()) for c in comps}
    total = math.fsum(weight.values())
    share = {c: n_regions * weight[c] / total if total else n_regions / len(comps) for c in comps}
    alloc = {c: min(most[c], max(1, math.floor(share[c]))) for c in comps}
    while sum(alloc.values()) < n_regions:
        c = max((c for c in comps if alloc[c] < most[c]), key=lambda c: (share[c] - alloc[c], -c))
        alloc[c] += 1
    while sum(alloc.values()) > n_regions:
        c = max((c for c in comps if alloc[c] > 1), key=lambda c: (alloc[c] - share[c], -c))
        alloc[c] -= 1
    return alloc


def _division_values(
    setup: _Setup, table: pd.DataFrame, code_col: str, name_col: str
) -> tuple[np.ndarray, dict[str, str], list[str]]:
    """The division's area per school (missing ones from the nearest school), area names, notes."""
    values = table[code_col].reindex(setup.codes).astype(object).to_numpy()
    area_names = (
        table[name_col].reindex(setup.codes).astype(object).to_numpy()
        if name_col in table
        else values.copy()
    )
    values, notes = _fill_missing(setup, values)
    name_of: dict[str, str] = {}
    for v, nm in zip(values.tolist(), area_names.tolist(), strict=True):
        if not pd.isna(nm) and str(v) not in name_of:
            name_of[str(v)] = str(nm)
    return values, name_of, notes


def _area_region_names(
    setup: _Setup, labels: np.ndarray, base_of: dict[int, str]
) -> dict[int, str]:
    """The area's name per region, with a suffix for further regions of one area (by size)."""
    sizes = {rid: float(setup.w[labels == rid].sum()) for rid in base_of}
    names: dict[int, str] = {}
    counter: dict[str, int] = {}
    for rid in sorted(base_of, key=lambda r: (base_of[r], -sizes[r], r)):
        k = counter.get(base_of[rid], 0) + 1
        counter[base_of[rid]] = k
        names[rid] = base_of[rid] if k == 1 else f"{base_of[rid]} {k}"
    return names


def _fill_missing(setup: _Setup, values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Give schools without a division value their nearest neighbour's value."""
    missing = np.flatnonzero(pd.isna(values))
    notes: list[str] = []
    if not len(missing):
        return values, notes
    values = values.copy()
    known = np.flatnonzero(~pd.isna(values))
    if not len(known):
        raise InputDataError("no school has a value for this division")
    tree = cKDTree(setup.xy[known])
    inst_nbrs = setup.instance().nbrs
    for i in missing.tolist():
        cands = [k for k in inst_nbrs[i] if not pd.isna(values[k])]
        if cands:
            d = np.hypot(*(setup.xy[cands] - setup.xy[i]).T)
            j = cands[int(np.argmin(d))]
        else:
            j = int(known[tree.query(setup.xy[i])[1]])
        values[i] = values[j]
    lang = setup.config.language
    codes = ", ".join(setup.codes[missing[:8]]) + (", ..." if len(missing) > 8 else "")
    n = format_int(len(missing), lang)
    notes.append(text_n(lang, "propose.no_area", len(missing), n=n, codes=codes))
    return values, notes


def refine_division(
    schools: pd.DataFrame,
    graph: GraphLike,
    division: Division = "nodal",
    *,
    config: Config | None = None,
    split_large: bool = False,
    seed: int | None = None,
) -> RegionProposal:
    """Regions from an official division, repaired to be connected and floored.

    1. Schools without a value for the division take their nearest neighbour's.
    2. An area that is not connected in the graph is split into its pieces (a
       piece that is a whole separate part of the graph, an island, stays).
    3. An area under a floor merges with its best neighbour: the one it shares
       the most graph edges with, then the shortest link; smallest areas first.
    4. With ``split_large``, an area with at least twice the floors is split
       into as many connected regions as it can hold (the max-p search inside it).

    Parameters
    ----------
    schools, graph, config, seed
        As for :func:`propose_regions`.
    division
        ``"nodal"`` (nodaal gebied), ``"rmc"``, ``"corop"`` or ``"education_area"``.
    split_large
        Split areas far above the floors.

    Returns
    -------
    RegionProposal
        Regions named after their area ("Twente", "Twente 2" for a piece).

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.graph import ProximityGraph
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> config = load_config()
    >>> graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    >>> p = refine_division(schools, graph, "rmc", config=config)
    >>> p.metrics.n_under_floor, p.metrics.n_disconnected, p.metrics.n_unassigned
    (0, 0, 0)
    """
    config = _default_config(config)
    if division not in DIVISIONS:
        raise InputDataError(
            Problem(f"unknown division {division!r}", fix=f"use one of {', '.join(DIVISIONS)}")
        )
    seed_value = _seed(seed, config)
    setup = _prepare(schools, graph, config)
    feasible = _feasible_components(setup)
    code_col, name_col = DIVISIONS[division]
    table = schools.set_index(schools["code"].astype(str))
    if code_col not in table:
        raise InputDataError(
            Problem(f"the schools table has no column {code_col!r}", column=code_col)
        )
    values, name_of, notes = _division_values(setup, table, code_col, name_col)
    inst = setup.instance()
    lang = setup.config.language
    labels, piece_area, pieces = _maxp.division_pieces(inst, [str(v) for v in values], setup.comp)
    notes += [
        text(lang, "propose.area_pieces", area=name_of.get(v, v), n=format_int(k, lang))
        for v, k in pieces
    ]
    # island pieces whose area has no mainland piece are placed like any small part
    small = ~feasible[setup.comp]
    island_only = small & ~np.isin(labels, labels[~small])
    labels, merges = _maxp.merge_under_floor(inst, labels, ignore=island_only)

    def area_name(label: int) -> str:
        value = piece_area[label]
        return name_of.get(value, value)

    notes += [
        text_n(
            lang,
            "propose.area_merged",
            k,
            area=area_name(a),
            other=area_name(b),
            k=format_int(k, lang),
        )
        for a, b, k in merges
    ]
    part = _maxp.partition_from_labels(inst, np.where(island_only, -1, labels))
    origin = {rid: rid for rid in part.regions}
    rng = np.random.default_rng(seed_value)
    tries = 0
    if split_large:
        for rid in sorted(part.regions):
            reg = part.regions[rid]
            if reg.w >= 2 * setup.floor_w and reg.t >= 2 * setup.floor_t:
                new_ids = _maxp.split_region(inst, part, rid, rng)
                tries += 1
                for r in new_ids:
                    origin[r] = rid
                if len(new_ids) > 1:
                    n = format_int(len(new_ids), lang)
                    notes.append(text(lang, "propose.area_split", area=area_name(rid), n=n))
    labels = part.label_array()
    labels, _, small_notes = _place_small_parts(setup, labels, feasible, part.next_id)
    notes += small_notes
    base_of = {rid: area_name(origin[rid]) for rid in sorted(set(labels.tolist()))}
    names = _area_region_names(setup, labels, base_of)
    return _finish(
        setup,
        labels,
        names,
        method=f"division:{division}",
        seed=seed_value if split_large else None,
        notes=notes,
        constructions=tries,
        division=division,
    )
