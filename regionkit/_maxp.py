"""The array engine of the regionalizer: spanning-tree cuts and neighbourhood search.

This module knows nothing of schools or tables: it partitions the nodes of a
graph (an edge list with lengths) with a weight ``w`` and a count ``t`` per
node into connected regions that each reach ``floor_w`` and ``floor_t`` (and
stay at or below ``cap_w`` where possible), maximising the number of regions
and then minimising the within-region sum of squared distances (SSE) plus a
cost per split close pair. :mod:`regionkit.regionalize` wraps it for schools.

The method (:func:`solve`), every random step drawn from one
:class:`numpy.random.Generator`:

1. **Construction.** A random near-minimum spanning forest (edge lengths
   stretched by random factors, :class:`ForestSampler`) is cut bottom-up:
   every node collects what its subtrees left over and is cut off as a region
   as soon as the collection reaches the floors (:func:`tree_cut`). On a given
   tree this greedy gives the most parts; the best of a few forests by
   (regions, -SSE) is kept, and what is left at a root joins the neighbouring
   region with the nearest centroid (:func:`absorb`). Short edges make
   compact regions, as in SKATER, but the cut maximises the count.
2. **More regions** (:func:`more_regions`): a region and the neighbours with
   the most surplus, together able to hold one more region, are cut again
   along a few random spanning trees of their own; the best cut with more
   regions replaces them (never with a region less compact than the worst one
   it replaces). Regions with the most surplus around them go first, where
   regions are won, and the search stops when a run of cuts gains nothing.
3. **Compactness.** Border nodes move to the neighbouring region that lowers
   the objective, keeping both regions connected (a search restricted to the
   donor's members) and floored (:func:`local_search`); then the floors are
   made soft for a while (:func:`oscillate`): a region may fall below them
   at a cost per pupil missing that doubles round by round until every
   region is back, which lets regions change shape through states the hard
   floors forbid, kept only when the objective fell; the least compact
   regions are dissolved into their neighbours and the region is won back
   nearby, kept only when no region is lost and the objective falls
   (:func:`repair_worst`); neighbouring pairs are re-split along the minimum
   spanning tree of their union (:func:`pair_search`, the two-region step of
   SKATER).

Every budget is a number of steps derived from the problem size
(:class:`Budget`), and the adaptive stops (a run of steps without gain) count
steps too, so the result depends only on the inputs and the seed. A
wall-clock deadline exists only as a safety cap; the caller logs when it is
hit (the result then depends on the machine's speed).

The same pieces serve a fixed number of balanced regions (recursive bisection
of spanning trees, :func:`balanced_split`, then :func:`balance`) and the
refinement of official divisions (:func:`division_pieces`,
:func:`merge_under_floor`, :func:`split_region`).
"""

from __future__ import annotations

import heapq
import math
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import (
    connected_components,
)

from regionkit import _kernels

__all__ = [
    "Budget",
    "ForestSampler",
    "Instance",
    "Partition",
    "Region",
    "SolveStats",
    "absorb",
    "balance",
    "balanced_split",
    "division_pieces",
    "enforce_cap",
    "grow_region",
    "labels_sse",
    "local_search",
    "merge_down",
    "merge_under_floor",
    "more_regions",
    "oscillate",
    "pair_search",
    "partition_from_labels",
    "repair_worst",
    "solve",
    "spanning_forest",
    "split_region",
    "tree_cut",
    "warm_up",
]

INF = math.inf
FREE = -1


@dataclass
class Instance:
    """One regionalization problem on plain Python lists (fast scalar access).

    Attributes
    ----------
    x, y
        Coordinates per node (metres).
    w
        Weight per node (counted pupils).
    t
        Count per node (1 for a school with a technical profile).
    nbrs
        Neighbours per node.
    close_ptr, close_ind
        Nodes closer than the close distance, per node, in CSR form: those of
        node ``i`` are ``close_ind[close_ptr[i]:close_ptr[i + 1]]``.
    close_weight
        The cost (m² of SSE) of splitting a close pair between regions; 0
        ignores close pairs.
    indptr, indices, nd2, eid
        The graph in CSR form for the compiled loops (:mod:`regionkit._kernels`):
        neighbours, squared length plus 1 m² and edge number per entry.
    floor_w, floor_t
        Floors every region must reach.
    cap_w
        Ceiling on a region's weight (``inf`` for none).
    locked
        Nodes whose region is fixed (pins).
    """

    x: list[float]
    y: list[float]
    w: list[float]
    t: list[int]
    nbrs: list[list[int]]
    floor_w: float
    floor_t: int
    cap_w: float = INF
    locked: list[bool] = field(default_factory=list)
    close_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    close_ind: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    close_weight: float = 0.0
    xy_arr: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
    x_arr: np.ndarray = field(default_factory=lambda: np.empty(0))
    y_arr: np.ndarray = field(default_factory=lambda: np.empty(0))
    locked_arr: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=bool))
    indptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    indices: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    nd2: np.ndarray = field(default_factory=lambda: np.empty(0))
    eid: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    pos: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    w_arr: np.ndarray = field(default_factory=lambda: np.empty(0))
    t_arr: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    edges: np.ndarray = field(default_factory=lambda: np.empty((0, 2), dtype=np.int64))
    dist: np.ndarray = field(default_factory=lambda: np.empty(0))

    @classmethod
    def from_arrays(
        cls,
        xy: np.ndarray,
        w: np.ndarray,
        t: np.ndarray,
        edges: np.ndarray,
        dist: np.ndarray,
        *,
        floor_w: float,
        floor_t: int,
        cap_w: float | None = None,
        locked: np.ndarray | None = None,
    ) -> Instance:
        """Build an instance from numpy arrays and an edge list (``i < j``, unique)."""
        n = len(w)
        edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
        a = np.concatenate([edges[:, 0], edges[:, 1]])
        b = np.concatenate([edges[:, 1], edges[:, 0]])
        order = np.argsort(a * max(n, 1) + b)  # unique pairs: the same order as a lexsort
        a, b = a[order], b[order]
        indptr = np.searchsorted(a, np.arange(n + 1)).astype(np.int64)
        ptr = indptr.tolist()
        ind = b.tolist()
        nbrs = [ind[ptr[i] : ptr[i + 1]] for i in range(n)]
        # own, writable copies: the compiled loops are specialised on read-only arrays
        # apart, and one variant is compiled (and warmed up) once
        xy = np.array(xy, dtype=float).reshape(-1, 2)
        nd2 = ((xy[a] - xy[b]) ** 2).sum(axis=1) + 1.0
        w_arr = np.array(w, dtype=float)
        t_arr = np.array(t, dtype=np.int64)
        locked_arr = np.zeros(n, dtype=bool) if locked is None else np.array(locked, dtype=bool)
        return cls(
            x=xy[:, 0].tolist(),
            y=xy[:, 1].tolist(),
            w=w_arr.tolist(),
            t=t_arr.tolist(),
            nbrs=nbrs,
            floor_w=float(floor_w),
            floor_t=int(floor_t),
            cap_w=INF if cap_w is None else float(cap_w),
            locked=locked_arr.tolist(),
            xy_arr=xy,
            x_arr=xy[:, 0].copy(),
            y_arr=xy[:, 1].copy(),
            locked_arr=locked_arr,
            w_arr=w_arr,
            t_arr=t_arr,
            edges=edges,
            dist=np.asarray(dist, dtype=float),
            indptr=indptr,
            indices=b.astype(np.int64),
            nd2=nd2,
            eid=(order % max(len(edges), 1)).astype(np.int64),
            pos=np.full(n, -1, dtype=np.int64),
            close_ptr=np.zeros(n + 1, dtype=np.int64),
        )

    @property
    def arrays(self) -> _kernels.Graph:
        """The instance's arrays as the kernels read them."""
        return _kernels.Graph(
            self.indptr,
            self.indices,
            self.nd2,
            self.eid,
            self.x_arr,
            self.y_arr,
            self.w_arr,
            self.t_arr,
            self.locked_arr,
            self.close_ptr,
            self.close_ind,
        )

    def floors(self, lam: float | None = None) -> _kernels.Floors:
        """The floors, the ceiling and the cost of a split close pair (default: the instance's)."""
        return _kernels.Floors(
            self.floor_w, float(self.floor_t), self.cap_w, self.close_weight if lam is None else lam
        )

    def lock(self, nodes: Iterable[int]) -> None:
        """Fix the region of ``nodes`` (pins): no step moves them."""
        for i in nodes:
            self.locked[i] = True
            self.locked_arr[i] = True

    def set_close(self, pairs: np.ndarray, weight: float) -> None:
        """Close pairs ``(k, 2)`` (each once) and the cost of splitting one (m² of SSE)."""
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        self.close_ptr, self.close_ind = _kernels.csr_from_pairs(
            self.n, np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1])
        )
        self.close_weight = float(weight)

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.w)


class Region:
    """Running sums of one region: members, weight, count and coordinate moments."""

    __slots__ = ("members", "sq", "sx", "sy", "t", "w")

    def __init__(self) -> None:
        self.members: set[int] = set()
        self.w = 0.0
        self.t = 0
        self.sx = 0.0
        self.sy = 0.0
        self.sq = 0.0

    def add(self, inst: Instance, i: int) -> None:
        """Add node ``i`` to the sums."""
        self.members.add(i)
        self.w += inst.w[i]
        self.t += inst.t[i]
        xi, yi = inst.x[i], inst.y[i]
        self.sx += xi
        self.sy += yi
        self.sq += xi * xi + yi * yi

    def remove(self, inst: Instance, i: int) -> None:
        """Remove node ``i`` from the sums."""
        self.members.discard(i)
        self.w -= inst.w[i]
        self.t -= inst.t[i]
        xi, yi = inst.x[i], inst.y[i]
        self.sx -= xi
        self.sy -= yi
        self.sq -= xi * xi + yi * yi

    def sse(self) -> float:
        """Sum of squared distances of the members to their centroid."""
        n = len(self.members)
        if n == 0:
            return 0.0
        return max(self.sq - (self.sx * self.sx + self.sy * self.sy) / n, 0.0)

    def feasible(self, inst: Instance) -> bool:
        """Whether the region reaches both floors."""
        return self.w >= inst.floor_w and self.t >= inst.floor_t


@dataclass
class Partition:
    """Labels per node (``-1`` free, ``-2`` enclave) and the regions by id."""

    labels: list[int]
    regions: dict[int, Region] = field(default_factory=dict)
    next_id: int = 0

    @classmethod
    def empty(cls, n: int) -> Partition:
        """All nodes free."""
        return cls(labels=[FREE] * n)

    def new_region(self) -> int:
        """A fresh region id."""
        rid = self.next_id
        self.next_id += 1
        self.regions[rid] = Region()
        return rid

    def assign(self, inst: Instance, i: int, rid: int) -> None:
        """Put free node ``i`` in region ``rid``."""
        self.labels[i] = rid
        self.regions[rid].add(inst, i)

    def copy(self) -> Partition:
        """A deep copy (labels and region sums)."""
        regions = {}
        for rid, reg in self.regions.items():
            r = Region()
            r.members = set(reg.members)
            r.w, r.t, r.sx, r.sy, r.sq = reg.w, reg.t, reg.sx, reg.sy, reg.sq
            regions[rid] = r
        return Partition(labels=list(self.labels), regions=regions, next_id=self.next_id)

    def sse(self) -> float:
        """Total within-region SSE."""
        return math.fsum(reg.sse() for reg in self.regions.values())

    def n_feasible(self, inst: Instance) -> int:
        """Number of regions that reach the floors."""
        return sum(1 for reg in self.regions.values() if reg.feasible(inst))

    def score(self, inst: Instance) -> tuple[int, float]:
        """Ranking key: more feasible regions first, then lower SSE."""
        return (self.n_feasible(inst), -self.sse())

    def label_array(self) -> np.ndarray:
        """Labels as a numpy array."""
        return np.asarray(self.labels, dtype=np.int64)


def _grow(inst: Instance, part: Partition, rid: int, frontier: set[int]) -> bool:
    """Grow region ``rid`` over free nodes until it reaches the floors.

    ``frontier`` holds free neighbours of the region and is updated in place.
    Returns whether the floors were reached.
    """
    x, y, w, t, nbrs = inst.x, inst.y, inst.w, inst.t, inst.nbrs
    labels = part.labels
    reg = part.regions[rid]
    floor_w, floor_t, cap = inst.floor_w, inst.floor_t, inst.cap_w
    while reg.w < floor_w or reg.t < floor_t:
        n = len(reg.members)
        cx = reg.sx / n
        cy = reg.sy / n
        best = -1
        best_s = INF
        stale = []
        room = cap - reg.w
        need_t = reg.t < floor_t
        for j in frontier:
            if labels[j] != FREE:
                stale.append(j)
                continue
            if w[j] > room:
                continue
            dx = x[j] - cx
            dy = y[j] - cy
            s = dx * dx + dy * dy
            if need_t and not t[j] and reg.w >= floor_w:
                s *= 4.0  # pupils are enough: prefer a school that adds to the count
            if s < best_s or (s == best_s and j < best):
                best_s = s
                best = j
        for j in stale:
            frontier.discard(j)
        if best < 0:
            return False
        frontier.discard(best)
        labels[best] = rid
        reg.add(inst, best)
        for k in nbrs[best]:
            if labels[k] == FREE:
                frontier.add(k)
    return True


def grow_region(inst: Instance, part: Partition, rid: int) -> bool:
    """Grow an existing region (e.g. one seeded by pins) over free nodes to the floors."""
    labels = part.labels
    frontier = {k for i in part.regions[rid].members for k in inst.nbrs[i] if labels[k] == FREE}
    return _grow(inst, part, rid, frontier)


def absorb(
    inst: Instance,
    part: Partition,
    nodes: Sequence[int],
    allowed: set[int] | None = None,
) -> list[int]:
    """Join unassigned ``nodes`` to adjacent regions, nearest centroid first.

    Works outward in layers from the regions, so a pocket of several nodes is
    joined node by node. With ``allowed``, only those regions may receive.
    Returns the nodes that touch no (allowed) region, still unassigned.
    """
    labels, nbrs, x, y, w = part.labels, inst.nbrs, inst.x, inst.y, inst.w
    regions = part.regions
    pending = set(nodes)

    def ok_region(r: int) -> bool:
        return r >= 0 and (allowed is None or r in allowed)

    layer = sorted(i for i in pending if any(ok_region(labels[k]) for k in nbrs[i]))
    while layer:
        nxt: set[int] = set()
        for i in layer:
            if labels[i] >= 0:
                continue
            best, best_s, best_fits = -1, INF, False
            for k in nbrs[i]:
                r = labels[k]
                if not ok_region(r) or r == best:
                    continue
                reg = regions[r]
                n = len(reg.members)
                dx = x[i] - reg.sx / n
                dy = y[i] - reg.sy / n
                s = dx * dx + dy * dy
                fits = reg.w + w[i] <= inst.cap_w
                if (fits, -s, -r) > (best_fits, -best_s, -best):
                    best, best_s, best_fits = r, s, fits
            labels[i] = best
            regions[best].add(inst, i)
            pending.discard(i)
            for k in nbrs[i]:
                if k in pending and labels[k] < 0:
                    nxt.add(k)
        layer = sorted(nxt)
    return sorted(i for i in pending if labels[i] < 0)


def _region_neighbours(inst: Instance, part: Partition, rid: int) -> set[int]:
    labels, nbrs = part.labels, inst.nbrs
    out: set[int] = set()
    for i in part.regions[rid].members:
        for k in nbrs[i]:
            r = labels[k]
            if r != rid and r >= 0:
                out.add(r)
    return out


def _still_connected(inst: Instance, labels: list[int], i: int, rid: int, size: int) -> bool:
    """Whether region ``rid`` (``size`` members) stays connected without node ``i``."""
    nbrs = inst.nbrs
    start = -1
    for k in nbrs[i]:
        if labels[k] == rid:
            start = k
            break
    if start < 0:
        return size <= 1
    seen = {start, i}
    stack = [start]
    while stack:
        u = stack.pop()
        for k in nbrs[u]:
            if k not in seen and labels[k] == rid:
                seen.add(k)
                stack.append(k)
    return len(seen) - 1 == size - 1


def local_search(
    inst: Instance,
    part: Partition,
    rng: np.random.Generator,
    *,
    max_moves: int,
    max_checks: int,
    deadline: float = INF,
    objective: str = "sse",
    regions: set[int] | None = None,
    mu: float = INF,
) -> tuple[int, int, bool]:
    """Move border nodes to the neighbouring region that improves the objective most.

    A move keeps the donor connected and above its floors and the receiver
    under the cap; locked nodes never move.

    Parameters
    ----------
    objective
        ``"sse"``: lower the within-region SSE; ``"balance"``: lower the sum of
        squared region weights (only nodes with weight move);
        ``"sse_weightless"``: lower the SSE moving only nodes without weight
        or count (the weights stay as they are).
    regions
        Only move nodes among these regions.
    mu
        Soft floors: a move may take a region under a floor at this cost per
        pupil missing (see :func:`regionkit._kernels.border_moves`); ``inf``
        (the default) keeps every region at its floors.

    Returns
    -------
    moves, checks, timed_out
        Moves made, candidate nodes examined, and whether the deadline hit.
    """
    mode = _OBJECTIVES[objective]
    view = _View.of(inst, part, regions)
    border = view.border(inst, mode)
    if time.perf_counter() > deadline:
        return 0, 0, True
    queue = border[rng.permutation(len(border))]
    moves, checks = _kernels.border_moves(
        inst.arrays,
        view.of_labels(view.lab),
        queue,
        view.sums,
        inst.floors(),
        mode,
        max_moves,
        max_checks,
        mu,
    )
    view.apply(inst, part)
    return moves, checks, False


@dataclass
class _View:
    """Nodes of some regions with their labels and the region sums, as arrays for the kernels."""

    nodes: np.ndarray
    lab: np.ndarray
    before: np.ndarray
    pos: np.ndarray
    rn: np.ndarray
    rw: np.ndarray
    rt: np.ndarray
    rsx: np.ndarray
    rsy: np.ndarray

    @classmethod
    def of(cls, inst: Instance, part: Partition, regions: set[int] | None = None) -> _View:
        """The whole graph (``regions`` None) or the members of ``regions``."""
        labels, regs = part.labels, part.regions
        if regions is None:
            nodes = np.arange(inst.n, dtype=np.int64)
            lab = np.asarray(labels, dtype=np.int64)
            pos = nodes.copy()  # the identity (a copy: kernels reset it)
        else:
            nodes = np.asarray(sorted(i for r in regions for i in regs[r].members), dtype=np.int64)
            lab = np.asarray([labels[i] for i in nodes.tolist()], dtype=np.int64)
            pos = inst.pos  # the shared scratch, all -1
        size = max(regs, default=-1) + 1
        rn = np.zeros(size, dtype=np.int64)
        rw, rt, rsx, rsy = np.zeros(size), np.zeros(size), np.zeros(size), np.zeros(size)
        for r in sorted(regs) if regions is None else sorted(regions):
            reg = regs[r]
            rn[r], rw[r], rt[r], rsx[r], rsy[r] = len(reg.members), reg.w, reg.t, reg.sx, reg.sy
        return cls(nodes, lab, lab.copy(), pos, rn, rw, rt, rsx, rsy)

    @property
    def sums(self) -> _kernels.Sums:
        """The region sums as the kernels read them: members, weight, count, x, y."""
        return _kernels.Sums(self.rn, self.rw, self.rt, self.rsx, self.rsy)

    def of_labels(self, lab: np.ndarray) -> _kernels.View:
        """The view's nodes labelled ``lab``, as the kernels read them."""
        return _kernels.View(self.nodes, lab, self.pos)

    def border(self, inst: Instance, mode: int) -> np.ndarray:
        """View positions of the movable nodes on a region border (ascending)."""
        self.pos[self.nodes] = np.arange(len(self.nodes))
        border = _kernels.border_nodes(
            inst.indptr,
            inst.indices,
            self.nodes,
            self.lab,
            self.pos,
            inst.locked_arr,
            inst.w_arr,
            inst.t_arr,
            mode,
        )
        self.pos[self.nodes] = -1
        return border

    def apply(self, inst: Instance, part: Partition) -> None:
        """Carry the labels changed in the view over to ``part``."""
        labels, regs = part.labels, part.regions
        changed = np.flatnonzero(self.lab != self.before)
        for li, old, new in zip(
            changed.tolist(), self.before[changed].tolist(), self.lab[changed].tolist(), strict=True
        ):
            i = int(self.nodes[li])
            regs[old].remove(inst, i)
            labels[i] = new
            regs[new].add(inst, i)


def oscillate(
    inst: Instance,
    part: Partition,
    rng: np.random.Generator,
    *,
    rounds: int,
    max_moves: int,
    max_checks: int,
    growth: float = 2.0,
    start: float = 1.0,
    tries: int = 2,
    regions: set[int] | None = None,
) -> bool:
    """Border moves under soft floors whose cost rises round by round, then under hard floors.

    Strategic oscillation: regions may pass below a floor on the way to a
    better shape, at a cost per pupil missing that starts at ``start`` times
    the SSE per pupil and grows by ``growth`` each round, so the last rounds
    bring every region back to its floors; a last round keeps the floors
    hard. A region left under a floor it reached before is re-cut with
    neighbours that can spare (:func:`_refill`, ``tries`` spanning trees), or
    else dissolved into its neighbours, and the regions lost are won back
    around them (:func:`more_regions`). With ``regions``, only their members
    move, among them (a window of a large partition, so one region that
    cannot be mended undoes one window only).
    The result is kept only when every region that reached its floors still
    does, no region was lost and the objective (SSE plus split close pairs) fell;
    otherwise ``part`` is left as it was. ``max_moves`` and ``max_checks``
    hold per round.

    Returns
    -------
    bool
        Whether the partition changed.
    """
    if rounds <= 0 or not part.regions or (inst.floor_w <= 0 and inst.floor_t <= 0):
        return False
    ids = sorted(part.regions) if regions is None else sorted(regions)
    view = _View.of(inst, part, None if regions is None else set(ids))
    total_w = math.fsum(part.regions[r].w for r in ids)
    sse = math.fsum(part.regions[r].sse() for r in ids)
    mu0 = start * max(sse, 1.0) / max(total_w, 1.0)
    mus = np.append(mu0 * growth ** np.arange(rounds), INF)
    keys = rng.random((rounds + 1, len(view.nodes)))
    _kernels.oscillate_moves(
        inst.arrays,
        view.of_labels(view.lab),
        keys,
        view.sums,
        inst.floors(),
        mus,
        max_moves,
        max_checks,
    )
    id_arr = np.asarray(ids, dtype=np.int64)
    was = np.asarray([part.regions[r].feasible(inst) for r in ids], dtype=bool)
    now = (view.rw[id_arr] >= inst.floor_w) & (view.rt[id_arr] >= inst.floor_t)
    short = id_arr[was & ~now].tolist()  # regions left under a floor they reached before
    size = part.next_id
    before = _view_objective(inst, view, view.before, size)
    if _view_objective(inst, view, view.lab, size) >= before * (1.0 - 1e-9):
        return False  # no better even before the short regions are mended
    if not short:
        view.apply(inst, part)
        return True
    # single moves could not pass the shortfall on: re-cut each short region with the
    # neighbours (in the view) that have the pupils to spare, or dissolve it and win a
    # region back around it; undone unless the view ends with as many regions and better
    saved = _snapshot(part, set(ids))
    saved_next = part.next_id
    view.apply(inst, part)
    window = set(ids)
    touched: set[int] = set()
    for rid in short:
        reg = part.regions.get(rid)
        if reg is None or reg.feasible(inst) or _refill(inst, part, rid, rng, 4 * tries, window):
            continue
        members = sorted(reg.members)
        touched |= _region_neighbours(inst, part, rid) & window
        del part.regions[rid]
        window.discard(rid)
        for i in members:
            part.labels[i] = FREE
        if absorb(inst, part, members, allowed=window):
            break  # a piece with no region of the view next to it: undone below
    window = {r for r in window if r in part.regions}
    if len(window) < len(ids):
        around = sorted(r for r in touched if r in part.regions)
        more_regions(
            inst,
            part,
            rng,
            tries=tries,
            max_steps=4 * len(around) + 8,
            start=around,
            allowed=window,
        )
        # the regions of the view now: those left of it and those made since (all in it)
        window = {r for r in part.regions if r in window or r >= saved_next}
    labels = np.asarray([part.labels[i] for i in view.nodes.tolist()], dtype=np.int64)
    ok = (
        len(window) >= len(ids)
        and ((labels >= 0) | (view.before < 0)).all()  # no node of a region left out
        and _view_objective(inst, view, labels, part.next_id) < before * (1.0 - 1e-9)
    )
    if not ok:
        for r in [r for r in part.regions if r >= saved_next or r in saved]:
            del part.regions[r]
        part.regions.update(saved)
        for i, r in zip(view.nodes.tolist(), view.before.tolist(), strict=True):
            part.labels[i] = r
        part.next_id = saved_next
    return bool(ok)


def _windows(
    inst: Instance, part: Partition, rng: np.random.Generator, size: int
) -> list[set[int] | None]:
    """Neighbouring regions in groups of about ``size`` (``[None]``: all at once, when few).

    Each group grows breadth-first over region adjacency from a random region
    not yet in a group.
    """
    if len(part.regions) <= size:
        return [None]
    adj = _region_adjacency(inst, part)
    order = sorted(part.regions)
    perm = rng.permutation(len(order)).tolist()
    seen: set[int] = set()
    out: list[set[int] | None] = []
    for k in perm:
        seed = order[k]
        if seed in seen:
            continue
        group = {seed}
        seen.add(seed)
        queue = deque([seed])
        while queue and len(group) < size:
            for r in sorted(adj[queue.popleft()]):
                if r not in seen and len(group) < size:
                    group.add(r)
                    seen.add(r)
                    queue.append(r)
        out.append(group)
    return out


def _refill(
    inst: Instance,
    part: Partition,
    rid: int,
    rng: np.random.Generator,
    tries: int,
    window: set[int] | None = None,
) -> bool:
    """Bring region ``rid`` back to its floors by re-cutting it with neighbours that can spare.

    The region and its neighbours with the most to spare (until their
    surplus covers the shortfall) are cut again along random spanning trees
    (:func:`_group_cut`); the first cut into at least as many regions, all at
    their floors, replaces them. With ``window``, only its regions take part,
    and the set follows the replacement. Returns whether the region was
    brought back.
    """
    regions = part.regions
    reg = regions[rid]
    need_w = max(inst.floor_w - reg.w, 0.0)
    need_t = max(inst.floor_t - reg.t, 0)
    near = _region_neighbours(inst, part, rid)
    if window is not None:
        near &= window
    around = sorted(
        (r for r in near if regions[r].feasible(inst)),
        key=lambda r: (-(regions[r].w - inst.floor_w), r),
    )
    group = [rid]
    spare_w = spare_t = 0.0
    for r in around:
        if spare_w >= need_w and spare_t >= need_t:
            break
        group.append(r)
        spare_w += regions[r].w - inst.floor_w
        spare_t += regions[r].t - inst.floor_t
    if spare_w < need_w or spare_t < need_t:
        return False
    nodes = sorted(i for r in group for i in regions[r].members)
    if any(inst.locked[i] for i in nodes):
        return False
    for attempt in range(tries):
        cut = _group_cut(inst, nodes, rng, 0.0 if attempt == 0 else 0.4)
        if cut is None or max(cut) + 1 < len(group):
            continue
        for r in group:
            del regions[r]
        ids = [part.new_region() for _ in range(max(cut) + 1)]
        for v, p in zip(nodes, cut, strict=True):
            part.labels[v] = ids[p]
            regions[ids[p]].add(inst, v)
        if window is not None:
            window.difference_update(group)
            window.update(ids)
        return True
    return False


def _view_objective(inst: Instance, view: _View, lab: np.ndarray, size: int) -> float:
    """What the compactness steps lower, for the view labelled ``lab`` (regions below ``size``):
    the SSE plus ``close_weight`` per close pair split."""
    return float(
        _kernels.labels_objective(inst.arrays, view.of_labels(lab), size, inst.close_weight)
    )


_OBJECTIVES = {
    "sse": _kernels.SSE,
    "balance": _kernels.BALANCE,
    "sse_weightless": _kernels.SSE_WEIGHTLESS,
}


# --- construction on spanning trees -------------------------------------------------------------


#: Below this many nodes, Kruskal's algorithm finds the construction forests faster than Prim's
#: (sorting a few thousand edges beats a heap; measured at 300-6,000 nodes).
_KRUSKAL_BELOW = 4_000


class ForestSampler:
    """Random near-minimum spanning forests over the ``active`` nodes of an instance.

    Each :meth:`sample` stretches the edge lengths by a random factor in
    ``[1, 1 + alpha)`` (so repeated samples differ but still follow short
    edges), takes the minimum spanning forest (Prim, compiled) and roots each
    tree at a random node of its component.
    """

    def __init__(self, inst: Instance, active: np.ndarray | None = None) -> None:
        self.inst = inst
        n = inst.n
        self.active = np.ones(n, dtype=bool) if active is None else np.asarray(active, dtype=bool)
        self.nodes = np.flatnonzero(self.active)
        self.base = inst.dist + 1.0  # a 0 m edge still has a length
        self._base_order: np.ndarray | None = None

    def sample(self, rng: np.random.Generator, alpha: float) -> tuple[np.ndarray, np.ndarray]:
        """One forest: the active nodes in tree order (parents first) and the parent of every node.

        Parents are ``-1`` for roots and inactive nodes.
        """
        length = self.base * (1.0 + alpha * rng.random(len(self.base))) if alpha else self.base
        perm = self.nodes[rng.permutation(len(self.nodes))]
        inst = self.inst
        return _kernels.prim_forest(inst.indptr, inst.indices, inst.eid, length, perm, self.active)

    def sample_many(
        self, rng: np.random.Generator, alphas: Sequence[float]
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """One forest per stretch in ``alphas`` (see :meth:`sample`)."""
        return [self.sample(rng, alpha) for alpha in alphas]

    def _by_length(self, lengths: np.ndarray) -> np.ndarray:
        """Edge numbers by length per row, for Kruskal (no columns: Prim's algorithm instead).

        The first row (the true lengths, where ties occur) is sorted stably;
        the stretched rows have no ties, and numpy's default sort is the
        fastest there.
        """
        if len(self.nodes) >= _KRUSKAL_BELOW:
            return np.empty((len(lengths), 0), dtype=np.int64)
        if self._base_order is None:
            self._base_order = np.argsort(self.base, kind="stable")
        out = np.empty(lengths.shape, dtype=np.int64)
        out[0] = self._base_order
        out[1:] = np.argsort(lengths[1:], axis=1)
        return out

    def best_cut(
        self, rng: np.random.Generator, *, forests: int, roots: int, alpha: float = 0.3
    ) -> tuple[np.ndarray, int, int]:
        """The best :func:`tree_cut` of ``forests`` forests, each rooted ``roots`` random ways.

        The first forest is the minimum one, the others are stretched by
        ``alpha`` (see :meth:`sample`). The best cut has the most regions, then
        the least SSE.

        Returns
        -------
        labels, n_regions, n_cuts
            Region number per node (``-1``: left over or inactive), the number
            of regions and the number of cuts tried.
        """
        inst = self.inst
        stretch = np.ones((forests, len(self.base)))
        stretch[1:] += alpha * rng.random((forests - 1, len(self.base)))
        perms = rng.permuted(np.tile(self.nodes, (forests * roots, 1)), axis=1)
        lengths = self.base * stretch
        labels, count, tried = _kernels.best_forest_cut(
            inst.arrays,
            lengths,
            perms.reshape(forests, roots, -1),
            self.active,
            inst.floors(),
            np.ascontiguousarray(inst.edges[:, 0]),
            np.ascontiguousarray(inst.edges[:, 1]),
            self._by_length(lengths),
        )
        return labels, int(count), int(tried)


def spanning_forest(
    inst: Instance, rng: np.random.Generator, *, alpha: float, active: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """One random near-minimum spanning forest (see :class:`ForestSampler`)."""
    return ForestSampler(inst, active).sample(rng, alpha)


def tree_cut(inst: Instance, order: np.ndarray, parent: np.ndarray) -> tuple[np.ndarray, int]:
    """Cut a spanning forest into as many parts reaching the floors as it allows.

    Bottom-up, every node collects what its children left over; as soon as a
    node's collection reaches both floors, it is cut off as a region. On a tree
    this greedy gives the largest number of such parts. What is left at a root
    is labelled ``-1`` (to be joined to a neighbouring region).

    Returns
    -------
    labels, n_regions
        Region number per node (``-1`` unassigned), and the number of regions.
    """
    labels, k = _kernels.tree_cut(
        np.asarray(order, dtype=np.int64),
        np.asarray(parent, dtype=np.int64),
        inst.w_arr,
        inst.t_arr,
        inst.floor_w,
        float(inst.floor_t),
    )
    return labels, int(k)


def _add_regions(inst: Instance, part: Partition, labels: np.ndarray) -> None:
    """Add the parts ``0..k-1`` of ``labels`` (``-1``: none) to ``part`` as new regions."""
    nodes = np.flatnonzero(labels >= 0)
    if not len(nodes):
        return
    lab = labels[nodes]
    k = int(lab.max()) + 1
    offset = part.next_id
    order = np.argsort(lab, kind="stable")
    bounds = np.searchsorted(lab[order], np.arange(k + 1)).tolist()
    sorted_nodes = nodes[order].tolist()
    x, y = inst.x_arr[nodes], inst.y_arr[nodes]
    sums = [
        np.bincount(lab, weights=v, minlength=k).tolist()
        for v in (inst.w_arr[nodes], x, y, x * x + y * y)
    ]
    t_sum = np.bincount(lab, weights=inst.t_arr[nodes], minlength=k).astype(np.int64).tolist()
    labels_list = part.labels
    for p in range(k):
        reg = Region()
        members = sorted_nodes[bounds[p] : bounds[p + 1]]
        reg.members = set(members)
        reg.w, reg.t = sums[0][p], t_sum[p]
        reg.sx, reg.sy, reg.sq = sums[1][p], sums[2][p], sums[3][p]
        part.regions[offset + p] = reg
        for i in members:
            labels_list[i] = offset + p
    part.next_id = max(part.regions, default=-1) + 1


def labels_sse(xy: np.ndarray, labels: np.ndarray) -> float:
    """Within-region SSE of a labelling (nodes labelled ``< 0`` are left out)."""
    m = labels >= 0
    if not m.any():
        return 0.0
    lab = labels[m]
    pts = xy[m]
    c = pts.mean(axis=0)  # centre the coordinates: fewer rounding errors
    pts = pts - c
    cnt = np.bincount(lab)
    sx = np.bincount(lab, pts[:, 0])
    sy = np.bincount(lab, pts[:, 1])
    sq = np.bincount(lab, (pts * pts).sum(axis=1))
    nz = cnt > 0
    return float((sq[nz] - (sx[nz] ** 2 + sy[nz] ** 2) / cnt[nz]).sum())


def partition_from_labels(inst: Instance, labels: Sequence[int] | np.ndarray) -> Partition:
    """A :class:`Partition` whose regions are the labels ``>= 0`` (``-1`` stays free)."""
    lab = [int(v) for v in labels]
    part = Partition(labels=lab)
    for i, r in enumerate(lab):
        if r >= 0:
            reg = part.regions.get(r)
            if reg is None:
                reg = part.regions[r] = Region()
            reg.add(inst, i)
    part.next_id = max(part.regions, default=-1) + 1
    return part


# --- improvement: re-splitting pairs of regions -------------------------------------------------


def _cut_close(inst: Instance, labels: list[int], nodes: Iterable[int]) -> int:
    """Close pairs split between regions with at least one node in ``nodes``."""
    idx = np.asarray(sorted(set(nodes)), dtype=np.int64)
    ptr, ind = inst.close_ptr, inst.close_ind
    if not len(idx) or not len(ind):
        return 0
    counts = ptr[idx + 1] - ptr[idx]
    src = np.repeat(idx, counts)
    dst = ind[np.repeat(ptr[idx] - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())]
    lab = np.asarray(labels, dtype=np.int64)
    inside = np.zeros(len(lab), dtype=bool)
    inside[idx] = True
    return int(((lab[src] != lab[dst]) & (~inside[dst] | (dst > src))).sum())


def _split_pair(
    inst: Instance,
    part: Partition,
    a: int,
    b: int,
    objective: str = "sse",
    *,
    rng: np.random.Generator | None = None,
    tries: int = 1,
) -> bool:
    """Re-split regions ``a`` and ``b`` along a spanning tree of their union.

    The union's minimum spanning tree (straight-line lengths) is cut at the
    edge that leaves two parts reaching the floors with the least SSE (the
    two-region step of SKATER). Applied only when it lowers the pair's SSE
    (plus the cost of the close pairs it splits), or with ``objective =
    "balance"`` the difference of their weights. With ``tries > 1``, random
    near-minimum trees (drawn from ``rng``) are cut too and the best cut wins.
    """
    labels = part.labels
    ra, rb = part.regions[a], part.regions[b]
    nodes = np.asarray(sorted(ra.members | rb.members), dtype=np.int64)
    lab = np.asarray([labels[v] for v in nodes.tolist()], dtype=np.int64)
    balance = objective == "balance"
    inside = np.zeros(len(nodes), dtype=bool)
    best = math.inf
    for attempt in range(tries if rng is not None and not balance else 1):
        factor = np.ones(len(nodes))
        if attempt and rng is not None:
            factor += 0.5 * rng.random(len(nodes))
        cut, value = _kernels.split_pair(
            inst.arrays,
            _kernels.View(nodes, lab, inst.pos),
            inst.floors(),
            balance,
            abs(ra.w - rb.w),
            factor,
        )
        if value < best:
            inside, best = cut, value
    if not inside.any():
        return False
    in_a = int((inside & (lab == a)).sum())
    first, second = (a, b) if 2 * in_a >= int(inside.sum()) else (b, a)
    new_first, new_second = Region(), Region()
    for v, side in zip(nodes.tolist(), inside.tolist(), strict=True):
        if side:
            labels[v] = first
            new_first.add(inst, v)
        else:
            labels[v] = second
            new_second.add(inst, v)
    part.regions[first] = new_first
    part.regions[second] = new_second
    return True


def pair_search(
    inst: Instance,
    part: Partition,
    rng: np.random.Generator,
    *,
    max_pairs: int,
    frozen: set[int] | None = None,
    deadline: float = INF,
    objective: str = "sse",
    tries: int = 1,
) -> tuple[int, int, bool]:
    """Re-split neighbouring pairs of regions while that lowers the SSE (or evens weights).

    Every pair of adjacent regions is tried once; a pair is tried again only
    after one of its regions changed.

    Returns
    -------
    improved, tried, timed_out
        Pairs re-split, pairs tried, and whether the deadline hit.
    """
    frozen = frozen or set()
    version = dict.fromkeys(part.regions, 0)
    done: dict[tuple[int, int], tuple[int, int]] = {}
    order = sorted(part.regions)
    perm = rng.permutation(len(order)).tolist()
    queue = deque(order[k] for k in perm)
    queued = set(order)
    improved = 0
    tried = 0
    while queue and tried < max_pairs:
        if not tried & 63 and time.perf_counter() > deadline:
            return improved, tried, True
        a = queue.popleft()
        queued.discard(a)
        if a in frozen:
            continue
        for b in sorted(_region_neighbours(inst, part, a)):
            if b in frozen:
                continue
            key = (a, b) if a < b else (b, a)
            stamp = (version[key[0]], version[key[1]])
            if done.get(key) == stamp:
                continue
            tried += 1
            if _split_pair(inst, part, a, b, objective, rng=rng, tries=tries):
                improved += 1
                version[a] += 1
                version[b] += 1
                for r in (a, b):
                    if r not in queued:
                        queue.append(r)
                        queued.add(r)
                break
            done[key] = stamp
            if tried >= max_pairs:
                break
    return improved, tried, False


# --- fixed number of regions ---------------------------------------------------------------------


def _region_adjacency(inst: Instance, part: Partition) -> dict[int, set[int]]:
    lab = np.asarray(part.labels, dtype=np.int64)
    e = inst.edges
    la, lb = lab[e[:, 0]], lab[e[:, 1]]
    keep = (la != lb) & (la >= 0) & (lb >= 0)
    adj: dict[int, set[int]] = {r: set() for r in part.regions}
    size = max(part.next_id, 1)
    for key in np.unique(la[keep] * size + lb[keep]).tolist():
        ra, rb = divmod(key, size)
        adj[ra].add(rb)
        adj[rb].add(ra)
    return adj


def _merge_into(inst: Instance, part: Partition, a: int, b: int) -> None:
    """Move every member of region ``a`` into region ``b``."""
    ra, rb = part.regions.pop(a), part.regions[b]
    labels = part.labels
    for i in ra.members:
        labels[i] = b
    rb.members |= ra.members
    rb.w += ra.w
    rb.t += ra.t
    rb.sx += ra.sx
    rb.sy += ra.sy
    rb.sq += ra.sq


def merge_down(inst: Instance, part: Partition, k: int, *, regions: set[int] | None = None) -> int:
    """Merge neighbouring regions, smallest combined weight first, until ``k`` remain.

    With ``regions``, only those regions (one part of the graph) merge, until
    ``k`` of them remain. Returns the number of merges.
    """
    adj = _region_adjacency(inst, part)
    pool = set(part.regions) if regions is None else set(regions)
    heap = [
        (part.regions[a].w + part.regions[b].w, a, b)
        for a in sorted(pool)
        for b in adj[a]
        if a < b and b in pool
    ]
    heapq.heapify(heap)
    merges = 0
    while len(pool) > k and heap:
        wsum, a, b = heapq.heappop(heap)
        if a not in part.regions or b not in part.regions:
            continue
        if part.regions[a].w + part.regions[b].w != wsum:
            continue
        if len(part.regions[a].members) <= len(part.regions[b].members):
            small, large = a, b
        else:
            small, large = b, a
        _merge_into(inst, part, small, large)
        pool.discard(small)
        merges += 1
        for c in adj.pop(small):
            adj[c].discard(small)
            if c != large:
                adj[c].add(large)
                adj[large].add(c)
        adj[large].discard(small)
        adj[large].discard(large)
        for c in adj[large]:
            lo, hi = (large, c) if large < c else (c, large)
            heapq.heappush(heap, (part.regions[lo].w + part.regions[hi].w, lo, hi))
    return merges


def balance(
    inst: Instance,
    part: Partition,
    rng: np.random.Generator,
    *,
    max_checks: int,
    max_pairs: int,
    deadline: float = INF,
) -> tuple[int, int, bool]:
    """Even out region weights (least sum of squared weights) by moves and pair re-splits.

    Then schools without weight move to the most compact neighbouring region,
    which leaves the weights as they are.

    Returns
    -------
    moves, checks, timed_out
    """
    moves = checks = 0
    for _ in range(4):
        m1, c1, out = local_search(
            inst,
            part,
            rng,
            max_moves=max_checks,
            max_checks=max_checks,
            deadline=deadline,
            objective="balance",
        )
        if out:
            return moves + m1, checks + c1, True
        imp, tried, out = pair_search(
            inst, part, rng, max_pairs=max_pairs, deadline=deadline, objective="balance"
        )
        moves += m1 + imp
        checks += c1 + tried
        if out:
            return moves, checks, True
        if not m1 and not imp:
            break
    m2, c2, out = local_search(
        inst,
        part,
        rng,
        max_moves=max_checks,
        max_checks=max_checks,
        deadline=deadline,
        objective="sse_weightless",
    )
    return moves + m2, checks + c2, out


# --- official divisions --------------------------------------------------------------------------


def division_pieces(
    inst: Instance, values: Sequence[str], comp: np.ndarray
) -> tuple[np.ndarray, dict[int, str], list[tuple[str, int]]]:
    """Label the connected pieces of each area of a division.

    The largest piece of an area (most weight, then most nodes) keeps the
    area; other pieces become areas of their own, except pieces that are a
    whole component of the graph (islands), which stay with their area.

    Returns
    -------
    labels, area, notes
        Label per node, the area value per label, and per split area its value and
        number of pieces (for a note).
    """
    n = inst.n
    vals = list(values)
    edges = inst.edges
    same = np.array([vals[a] == vals[b] for a, b in edges.tolist()], dtype=bool)
    e = edges[same] if len(edges) else edges
    adj = sparse.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    _, piece = connected_components(adj, directed=False)
    piece_size = np.bincount(piece, minlength=n)
    comp_size = np.bincount(comp)
    w = inst.w_arr
    by_area: dict[str, list[int]] = {}
    first_node: dict[int, int] = {}
    for i in range(n):
        p = int(piece[i])
        if p not in first_node:
            first_node[p] = i
            by_area.setdefault(vals[i], []).append(p)
    piece_w = np.bincount(piece, weights=w, minlength=n)
    labels = np.empty(n, dtype=np.int64)
    area: dict[int, str] = {}
    notes: list[tuple[str, int]] = []
    next_label = 0
    piece_label: dict[int, int] = {}
    for value in sorted(by_area):
        pieces = by_area[value]
        island = {p for p in pieces if piece_size[p] == comp_size[comp[first_node[p]]]}
        ranked = sorted(pieces, key=lambda p: (-piece_w[p], -piece_size[p], first_node[p]))
        main = next((p for p in ranked if p not in island), ranked[0])
        piece_label[main] = next_label
        area[next_label] = value
        next_label += 1
        split = 0
        for p in ranked:
            if p == main:
                continue
            if p in island:
                piece_label[p] = piece_label[main]
                continue
            piece_label[p] = next_label
            area[next_label] = value
            next_label += 1
            split += 1
        if split:
            notes.append((value, split + 1))
    for i in range(n):
        labels[i] = piece_label[int(piece[i])]
    return labels, area, notes


def merge_under_floor(
    inst: Instance, labels: np.ndarray, *, ignore: np.ndarray | None = None
) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
    """Merge areas under a floor into their best neighbour until none can merge.

    The smallest area under a floor goes first; its best neighbour shares the
    most graph edges with it, then has the shortest link, then the lowest label.

    Returns
    -------
    labels, merges
        New labels and the merges made as (merged, into, shared edges).
    """
    lab = labels.copy()
    n = inst.n
    skip = np.zeros(n, dtype=bool) if ignore is None else ignore
    w = np.bincount(lab[~skip], inst.w_arr[~skip], minlength=int(lab.max()) + 1)
    t = np.bincount(lab[~skip], inst.t_arr[~skip], minlength=int(lab.max()) + 1)
    alive = set(np.unique(lab[~skip]).tolist())
    shared: dict[int, dict[int, list[float]]] = {r: {} for r in alive}
    for (a, b), d in zip(inst.edges.tolist(), inst.dist.tolist(), strict=True):
        if skip[a] or skip[b]:
            continue
        ra, rb = int(lab[a]), int(lab[b])
        if ra == rb:
            continue
        for x, y in ((ra, rb), (rb, ra)):
            entry = shared[x].setdefault(y, [0.0, INF])
            entry[0] += 1
            entry[1] = min(entry[1], d)
    members: dict[int, list[int]] = {}
    for i in np.flatnonzero(~skip).tolist():
        members.setdefault(int(lab[i]), []).append(i)
    merges: list[tuple[int, int, int]] = []
    while True:
        under = [r for r in alive if (w[r] < inst.floor_w or t[r] < inst.floor_t) and shared[r]]
        if not under:
            break
        a = min(under, key=lambda r: (w[r], t[r], r))
        b = min(shared[a], key=lambda r: (-shared[a][r][0], shared[a][r][1], r))
        merges.append((a, b, int(shared[a][b][0])))
        for i in members.pop(a):
            lab[i] = b
            members[b].append(i)
        w[b] += w[a]
        t[b] += t[a]
        alive.discard(a)
        for c, (cnt, link) in shared.pop(a).items():
            shared[c].pop(a, None)
            if c == b:
                continue
            entry = shared[b].setdefault(c, [0.0, INF])
            entry[0] += cnt
            entry[1] = min(entry[1], link)
            back = shared[c].setdefault(b, [0.0, INF])
            back[0] += cnt
            back[1] = min(back[1], link)
    return lab, merges


def split_region(
    inst: Instance, part: Partition, rid: int, rng: np.random.Generator, *, tries: int = 4
) -> list[int]:
    """Split one region into as many regions reaching the floors as it can hold.

    Returns the ids of the regions that replace it (``[rid]`` when no split helps).
    """
    members = sorted(part.regions[rid].members)
    active = np.zeros(inst.n, dtype=bool)
    active[members] = True
    best: tuple[tuple[int, float], np.ndarray] | None = None
    for k in range(tries):
        order, parent = spanning_forest(inst, rng, alpha=0.0 if k == 0 else 0.3, active=active)
        labels, count = tree_cut(inst, order, parent)
        key = (count, -labels_sse(inst.xy_arr, labels))
        if best is None or key > best[0]:
            best = (key, labels)
    assert best is not None
    (count, _), labels = best
    if count < 2:
        return [rid]
    saved = part.regions.pop(rid)
    ids: dict[int, int] = {}
    for i in members:
        part.labels[i] = FREE
    for i in members:
        r = int(labels[i])
        if r < 0:
            continue
        if r not in ids:
            ids[r] = rid if not ids else part.new_region()
            if ids[r] == rid:
                part.regions[rid] = Region()
        part.assign(inst, i, ids[r])
    new_ids = sorted(ids.values())
    left = [i for i in members if part.labels[i] == FREE]
    if left:
        rest = absorb(inst, part, left, allowed=set(new_ids))
        if rest:  # cannot happen on a connected region; undo to be safe
            for r in new_ids:
                part.regions.pop(r, None)
            part.regions[rid] = saved
            for i in members:
                part.labels[i] = rid
            return [rid]
    local_search(
        inst,
        part,
        rng,
        max_moves=20 * len(members),
        max_checks=60 * len(members),
        regions=set(new_ids),
    )
    return new_ids


def _prim_tree(
    inst: Instance, nodes: list[int], rng: np.random.Generator, alpha: float
) -> tuple[list[int], list[int]] | None:
    """A random near-minimum spanning tree of ``nodes`` (Prim): order and parent per position.

    Squared edge lengths are stretched by per-node random factors in
    ``[1, 1 + alpha)`` (a different tree per call that still follows short
    edges). Returns ``None`` when the nodes are not connected.
    """
    arr, factor, start = _tree_draws(nodes, rng, alpha)
    order, parent, count = _kernels.prim_group(
        inst.indptr, inst.indices, inst.nd2, arr, inst.pos, factor, start
    )
    if count < len(arr):
        return None
    return order.tolist(), parent.tolist()


def _tree_draws(
    nodes: list[int], rng: np.random.Generator, alpha: float
) -> tuple[np.ndarray, np.ndarray, int]:
    """The nodes as an array, the random stretch per node and the random start."""
    m = len(nodes)
    factor = 1.0 + alpha * rng.random(m) if alpha else np.ones(m)
    return np.asarray(nodes, dtype=np.int64), factor, int(rng.integers(m))


def _bisect(
    inst: Instance, nodes: list[int], k: int, rng: np.random.Generator, alpha: float
) -> list[list[int]] | None:
    """Split connected ``nodes`` into ``k`` connected parts of even weight, recursively.

    Each step cuts a random near-minimum spanning tree at the edge that best
    divides the weight in the ratio of the parts on each side, keeping room for
    the floors. Returns ``None`` when no cut keeps the floors.
    """
    if k == 1:
        return [nodes]
    tree = _prim_tree(inst, nodes, rng, alpha)
    if tree is None:
        return None
    order, parent = tree
    m = len(nodes)
    sw = [inst.w[v] for v in nodes]
    st = [inst.t[v] for v in nodes]
    for j in reversed(order[1:]):
        p = parent[j]
        sw[p] += sw[j]
        st[p] += st[j]
    total_w, total_t = sw[order[0]], st[order[0]]
    floor_w, floor_t = inst.floor_w, inst.floor_t
    best: tuple[float, int, int] | None = None
    for j in order[1:]:
        w1, t1 = sw[j], st[j]
        for k1 in {k // 2, k - k // 2}:
            k2 = k - k1
            if w1 < k1 * floor_w or total_w - w1 < k2 * floor_w:
                continue
            if t1 < k1 * floor_t or total_t - t1 < k2 * floor_t:
                continue
            err = abs(w1 - total_w * k1 / k)
            if best is None or (err, j, k1) < best:
                best = (err, j, k1)
    if best is None:
        return None
    _, cut, k1 = best
    inside = [False] * m
    inside[cut] = True
    for j in order:
        p = parent[j]
        if p >= 0 and inside[p]:
            inside[j] = True
    side1 = [nodes[j] for j in range(m) if inside[j]]
    side2 = [nodes[j] for j in range(m) if not inside[j]]
    a = _bisect(inst, side1, k1, rng, alpha)
    b = _bisect(inst, side2, k - k1, rng, alpha) if a is not None else None
    if a is None or b is None:
        return None
    return a + b


def balanced_split(
    inst: Instance, nodes: list[int], k: int, rng: np.random.Generator, *, tries: int = 8
) -> list[list[int]] | None:
    """The most even of several recursive tree bisections of ``nodes`` into ``k`` parts."""
    best: tuple[float, list[list[int]]] | None = None
    for attempt in range(tries):
        parts = _bisect(inst, sorted(nodes), k, rng, 0.0 if attempt == 0 else 0.3)
        if parts is None:
            continue
        score = math.fsum(math.fsum(inst.w[v] for v in p) ** 2 for p in parts)
        if best is None or score < best[0]:
            best = (score, parts)
    return None if best is None else best[1]


# --- improvement: more regions -------------------------------------------------------------------


def _group_cut(
    inst: Instance, nodes: list[int], rng: np.random.Generator, alpha: float
) -> list[int] | None:
    """Tree-cut ``nodes`` (connected) into floored parts; leftovers join a neighbouring part.

    The tree is a random near-minimum spanning tree (as :func:`_prim_tree`);
    the root's leftover joins the parts layer by layer, each node the
    neighbouring part with the nearest centroid. Returns a part number per
    node (in the order of ``nodes``), or ``None``.
    """
    arr, factor, start = _tree_draws(nodes, rng, alpha)
    part = _kernels.group_cut(inst.arrays, arr, inst.pos, factor, start, inst.floors())
    if part[0] < 0:
        return None
    return part.tolist()


def _cut_sse(inst: Instance, nodes: list[int], cut: list[int]) -> tuple[float, float]:
    """Total and largest SSE of the parts of a cut of ``nodes``."""
    k = max(cut) + 1
    n = [0] * k
    sx = [0.0] * k
    sy = [0.0] * k
    sq = [0.0] * k
    x0, y0 = inst.x[nodes[0]], inst.y[nodes[0]]
    for v, p in zip(nodes, cut, strict=True):
        dx = inst.x[v] - x0
        dy = inst.y[v] - y0
        n[p] += 1
        sx[p] += dx
        sy[p] += dy
        sq[p] += dx * dx + dy * dy
    each = [sq[p] - (sx[p] ** 2 + sy[p] ** 2) / n[p] for p in range(k) if n[p]]
    return math.fsum(each), max(each)


def more_regions(
    inst: Instance,
    part: Partition,
    rng: np.random.Generator,
    *,
    tries: int,
    max_steps: int,
    frozen: set[int] | None = None,
    deadline: float = INF,
    polish: bool = True,
    spread: float = 1.0,
    start: Sequence[int] | None = None,
    allowed: set[int] | None = None,
    patience: int | None = None,
    ranked: bool = False,
) -> tuple[int, int, bool]:
    """Gain regions: re-cut a region with neighbours whose surplus could hold one more.

    For each region (in random order) the group is the region plus its
    neighbours with the most surplus above the floors, just enough to hold one
    more region; the group is cut again along ``tries`` random spanning trees
    and replaced by the first cut with more regions. A group that fails once
    is tried again with all the region's neighbours. With ``ranked``, the
    regions with the most surplus around them (their own and their
    neighbours') go first, ties in random order. With ``patience``, the
    search stops after that many cuts in a row gained nothing (most gains come
    early; the count of steps keeps the result independent of the clock).

    Returns
    -------
    gained, steps, timed_out
        Regions gained, cuts tried, and whether the deadline hit.
    """
    frozen = frozen or set()
    allowed = None if allowed is None else set(allowed)
    if inst.floor_w <= 0 and inst.floor_t <= 0:
        return 0, 0, False
    queue = deque(_gain_order(inst, part, rng, ranked) if start is None else start)
    queued = set(queue)
    gained = steps = 0
    last_gain = 0  # steps when a region was last gained
    while queue and steps < max_steps:
        if patience is not None and steps - last_gain >= patience:
            break
        if time.perf_counter() > deadline:
            return gained, steps, True
        rid = queue.popleft()
        queued.discard(rid)
        for group in _gain_groups(inst, part, rid, frozen, allowed):
            found, used = _best_group_cut(inst, part, group, rng, tries, spread)
            steps += used
            if found is not None:
                nodes, cut, k = found
                ids = _replace_group(inst, part, group, nodes, cut, k, rng, polish=polish)
                gained += k - len(group)
                last_gain = steps
                if allowed is not None:
                    allowed.update(ids)
                for r in ids:
                    if r not in queued:
                        queue.append(r)
                        queued.add(r)
                break
            if steps >= max_steps:
                break
    return gained, steps, False


def _gain_order(
    inst: Instance, part: Partition, rng: np.random.Generator, ranked: bool
) -> list[int]:
    """The regions in random order; with ``ranked``, the most surplus around a region first."""
    regions = part.regions
    order = sorted(regions)
    perm = rng.permutation(len(order)).tolist()
    order = [order[k] for k in perm]
    if ranked:  # the most surplus around a region first: where a region is won
        adj = _region_adjacency(inst, part)
        spare = {r: regions[r].w - inst.floor_w for r in order}
        near_spare = {r: spare[r] + sum(spare[q] for q in adj[r]) for r in order}
        order.sort(key=lambda r: -near_spare[r])
    return order


def _gain_groups(
    inst: Instance, part: Partition, rid: int, frozen: set[int], allowed: set[int] | None
) -> list[list[int]]:
    """The groups around region ``rid`` that might hold one more region, smallest first.

    The region plus the neighbours with the most surplus above the floors, just
    enough to hold one more region; then the region with all its neighbours.
    None for a frozen, locked or not allowed region, or one whose neighbours
    together lack the surplus.
    """
    regions = part.regions
    floor_w, floor_t = inst.floor_w, inst.floor_t
    if rid not in regions or rid in frozen or (allowed is not None and rid not in allowed):
        return []
    centre = regions[rid]
    if any(inst.locked[i] for i in centre.members):
        return []
    near = _region_neighbours(inst, part, rid) - frozen
    if allowed is not None:
        near &= allowed
    around = [r for r in sorted(near) if not any(inst.locked[i] for i in regions[r].members)]
    around.sort(key=lambda r: (-(regions[r].w - floor_w), r))
    spare_w = centre.w - floor_w
    spare_t = centre.t - floor_t
    small: list[int] = []
    for r in around:
        if spare_w >= floor_w and spare_t >= floor_t:
            break
        small.append(r)
        spare_w += regions[r].w - floor_w
        spare_t += regions[r].t - floor_t
    if spare_w + sum(regions[r].w - floor_w for r in around[len(small) :]) < floor_w:
        return []
    rests = (small, around) if len(small) < len(around) else (small,)
    return [[rid, *rest] for rest in rests]


def _best_group_cut(
    inst: Instance,
    part: Partition,
    group: list[int],
    rng: np.random.Generator,
    tries: int,
    spread: float,
) -> tuple[tuple[list[int], list[int], int] | None, int]:
    """The best of ``tries`` random cuts of a group into more regions, and the cuts tried.

    Best: the most regions, then the lowest SSE; a cut whose least compact
    region is far less compact than any of the group's is not taken. Returns
    ``((nodes, cut, number of regions) or None, cuts tried)``.
    """
    regions = part.regions
    w_sum = sum(regions[r].w for r in group)
    t_sum = sum(regions[r].t for r in group)
    if w_sum < (len(group) + 1) * inst.floor_w or t_sum < (len(group) + 1) * inst.floor_t:
        return None, 0
    nodes = sorted(i for r in group for i in regions[r].members)
    worst = max(regions[r].sse() for r in group)
    best: tuple[int, float] | None = None
    best_cut: list[int] = []
    for attempt in range(tries):
        cut = _group_cut(inst, nodes, rng, 0.0 if attempt == 0 else 0.4)
        if cut is None or max(cut) + 1 <= len(group):
            continue
        total, largest = _cut_sse(inst, nodes, cut)
        if largest > worst * spread:
            continue  # no new region far less compact than any before
        key = (max(cut) + 1, -total)
        if best is None or key > best:
            best, best_cut = key, cut
    return (None if best is None else (nodes, best_cut, best[0])), tries


def _replace_group(
    inst: Instance,
    part: Partition,
    group: list[int],
    nodes: list[int],
    cut: list[int],
    k: int,
    rng: np.random.Generator,
    *,
    polish: bool,
) -> list[int]:
    """Replace a group's regions by the ``k`` regions of a cut; the new regions' ids."""
    regions = part.regions
    for r in group:
        del regions[r]
    ids = [part.new_region() for _ in range(k)]
    for v, p in zip(nodes, cut, strict=True):
        part.labels[v] = ids[p]
        regions[ids[p]].add(inst, v)
    if polish:
        local_search(
            inst, part, rng, max_moves=4 * len(nodes), max_checks=8 * len(nodes), regions=set(ids)
        )
    return ids


# --- the whole search ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    """Step budgets of one search (numbers of steps, so a seed fixes the result).

    Attributes
    ----------
    constructions, roots
        Random spanning forests, and random roots per forest, cut (the best
        cut is kept).
    lns_tries
        Cuts tried per neighbourhood when gaining regions.
    lns_steps
        Cuts tried in all when gaining regions, per region.
    moves, checks
        Border moves made and candidates examined, per node.
    pairs
        Pairs of regions re-split, per region.
    repairs, min_repairs
        Least compact regions dissolved and won back: per region, plus a minimum.
    repair_steps
        Cuts per neighbour tried to win a dissolved region back.
    lns_patience
        Stop gaining regions after this many cuts in a row (per region, at
        least 8) gained nothing; ``None`` runs the whole ``lns_steps``.
    repair_patience
        Stop repairing after this many repairs in a row failed; ``None`` runs
        all ``repairs``.
    pair_tries
        Spanning trees cut per pair re-split (the minimum one, then random
        near-minimum ones).
    oscillations, osc_gains
        Cycles of strategic oscillation (:func:`oscillate`) at most, each
        from its own random order (a cycle that gained nothing is often
        followed by one that gains), and the number of cycles that gained
        after which they stop.
    osc_rounds, osc_growth
        Rounds of soft floors per cycle, and the factor by which their cost
        grows from round to round.
    osc_window
        Regions per window of the oscillation: larger partitions oscillate
        window by window (a region that cannot be mended undoes its window
        only; half the tries per window), smaller ones all at once.
    osc_checks
        Nodes examined per round, per node.
    """

    constructions: int = 4
    roots: int = 1
    pair_tries: int = 1
    oscillations: int = 2
    osc_gains: int = 1
    osc_rounds: int = 10
    osc_window: int = 100
    osc_growth: float = 2.0
    osc_checks: float = 60.0
    lns_tries: int = 2
    lns_steps: float = 2.0
    moves: float = 20.0
    checks: float = 60.0
    pairs: float = 2.0
    repairs: float = 0.2
    min_repairs: int = 5
    repair_steps: int = 1
    lns_patience: float | None = None
    repair_patience: int | None = None

    @classmethod
    def for_size(cls, n: int, effort: float = 1.0) -> Budget:
        """The budget for ``n`` nodes: the default search, scaled by ``effort``.

        Constructions are cheap on small inputs, where the best of many varies
        most: 16 up to 1,000 nodes, 4 up to 2,000, 3 up to 20,000, then 2.
        The improvement phase is adaptive: regions with the most surplus
        around them are re-cut first and the search stops after a twentieth
        of the regions' worth of cuts in a row (at least 8) gained nothing.
        The compactness extras cost much for a little SSE on top of the border
        moves, so they run only above effort 1: pairs of regions re-split
        along their minimum spanning tree, and repairs of the least compact
        regions (which stop after two failures in a row).

        Strategic oscillation follows the border moves, until a cycle gains
        (two cycles at most, one below 500 nodes, where a second try gained
        nothing in the benchmark): it lowers the SSE most of all the
        compactness steps for its cost (a second gaining cycle adds a few per
        cent for half as much time again).

        ``effort`` scales the improvement steps: 0 keeps the constructions and
        the border moves only, 2 searches twice as long (and waits twice as
        long before it gives up), oscillates until two cycles gained (twice
        as many tries), re-splits pairs and repairs.
        """
        constructions = 16 if n <= 1_000 else 4 if n <= 2_000 else 3 if n <= 20_000 else 2
        base = cls()
        extra = max(0.0, effort - 1.0)
        return cls(
            constructions=constructions,
            pair_tries=4,
            oscillations=0 if effort <= 0 else max(1, round((1 if n < 500 else 2) * effort)),
            osc_gains=max(1, round(effort)),
            lns_steps=base.lns_steps * effort,
            pairs=0.5 * extra,
            repairs=base.repairs * extra,
            min_repairs=round(base.min_repairs * extra),
            lns_patience=0.05 * effort,
            repair_patience=2,
        )


@dataclass
class SolveStats:
    """What a search did (for the result and the log)."""

    constructions: int = 0
    regions_constructed: int = 0
    regions_gained: int = 0
    lns_steps: int = 0
    repairs: int = 0
    repaired: int = 0
    checks: int = 0
    pairs: int = 0
    oscillated: int = 0
    over_cap: int = 0
    timed_out: bool = False
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def iterations(self) -> int:
        """Steps of the improvement phase in all."""
        return self.lns_steps + self.repairs + self.checks + self.pairs


_WARM = False


def warm_up() -> None:
    """Compile the kernels, or load them from numba's cache, before any clock starts.

    The first call in a process solves a tiny grid with every step of the
    search (effort 2), so the time budgets of real searches never pay for
    compilation (about 10 s once per machine, milliseconds from the cache):
    the same seed then gives the same regions on a fresh machine too.
    """
    global _WARM
    if _WARM:
        return
    _WARM = True
    n = 24
    xy = np.array([[1_000.0 * (k % 6), 1_000.0 * (k // 6)] for k in range(n)])
    pairs = [(k, k + 1) for k in range(n) if k % 6 != 5] + [(k, k + 6) for k in range(n - 6)]
    edges = np.array(pairs, dtype=np.int64)
    dist = np.linalg.norm(xy[edges[:, 0]] - xy[edges[:, 1]], axis=1)
    inst = Instance.from_arrays(
        xy, np.full(n, 100.0), np.arange(n) % 2, edges, dist, floor_w=300.0, floor_t=1
    )
    inst.set_close(edges[dist < 1_500], 1.0)
    rng = np.random.default_rng(0)
    budget = Budget.for_size(n, 2.0)
    solve(inst, Partition.empty(n), np.ones(n, dtype=bool), rng, budget=budget)
    part = Partition.empty(n)
    solve(inst, part, np.ones(n, dtype=bool), rng, budget=replace(budget, osc_window=2))
    balance(inst, part, rng, max_checks=50, max_pairs=10)
    balanced_split(inst, list(range(n)), 2, rng, tries=2)
    ForestSampler(inst).sample(rng, 0.3)


def solve(
    inst: Instance,
    part: Partition,
    active: np.ndarray,
    rng: np.random.Generator,
    *,
    budget: Budget,
    frozen: set[int] | None = None,
    deadline_s: float = INF,
    tick: Callable[[str], None] | None = None,
) -> SolveStats:
    """Max-p regions over the free ``active`` nodes of ``part`` (modified in place).

    Construction (best of ``budget.constructions`` spanning-forest cuts), then
    leftovers join their nearest neighbouring region, then the improvement
    phase: more regions (:func:`more_regions`), compactness
    (:func:`local_search`, :func:`pair_search`, :func:`local_search`). Regions
    already in ``part`` (pins) take part in the improvement unless ``frozen``.
    """
    warm_up()
    stats = SolveStats()
    clock = time.perf_counter()
    frozen = frozen or set()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stats.seconds[name] = stats.seconds.get(name, 0.0) + now - clock
        clock = now
        if tick is not None:
            tick(name)

    _construct(inst, part, active, rng, budget, stats)
    lap("construction")
    deadline = time.perf_counter() + deadline_s
    n_nodes = int(active.sum())
    gained, steps, out = more_regions(
        inst,
        part,
        rng,
        tries=budget.lns_tries,
        max_steps=int(budget.lns_steps * len(part.regions)),
        frozen=frozen,
        deadline=deadline,
        patience=(
            None
            if budget.lns_patience is None
            else max(8, int(budget.lns_patience * len(part.regions)))
        ),
        ranked=budget.lns_patience is not None,
    )
    stats.regions_gained, stats.lns_steps = gained, steps
    lap("more regions")
    moves, checks = int(budget.moves * n_nodes) + 10, int(budget.checks * n_nodes) + 10
    settled = False  # border moves ran to the end: nothing left to move
    if not out:
        m1, c1, out = local_search(
            inst, part, rng, max_moves=moves, max_checks=checks, deadline=deadline
        )
        stats.checks += c1
        settled = m1 < moves and c1 < checks
    if budget.oscillations:
        out, settled = _oscillations(
            inst, part, rng, budget, stats, n_nodes, deadline, out, settled
        )
    if not out and (budget.repairs or budget.min_repairs):
        before = len(part.regions)
        stats.repaired, stats.repairs, out = repair_worst(
            inst,
            part,
            rng,
            max_regions=int(budget.repairs * len(part.regions)) + budget.min_repairs,
            tries=budget.lns_tries,
            frozen=frozen,
            deadline=deadline,
            steps_per_repair=budget.repair_steps,
            patience=budget.repair_patience,
        )
        stats.regions_gained += len(part.regions) - before
        settled = settled and not stats.repaired
    lap("repair")
    if not out and budget.pairs:
        improved, stats.pairs, out = pair_search(
            inst,
            part,
            rng,
            max_pairs=int(budget.pairs * len(part.regions)) + 1,
            frozen=frozen,
            deadline=deadline,
            tries=budget.pair_tries,
        )
        settled = settled and not improved
    if not out and not settled:  # a second round only where the regions changed since
        _, c2, out = local_search(
            inst, part, rng, max_moves=moves, max_checks=checks, deadline=deadline
        )
        stats.checks += c2
    if inst.cap_w != INF:
        stats.over_cap = enforce_cap(inst, part, rng)
    stats.timed_out = out
    lap("compactness")
    return stats


def _construct(
    inst: Instance,
    part: Partition,
    active: np.ndarray,
    rng: np.random.Generator,
    budget: Budget,
    stats: SolveStats,
) -> None:
    """The best spanning-forest cut of the free nodes; leftovers join their nearest region."""
    free = active & (np.asarray(part.labels) == FREE)
    best_labels: np.ndarray | None = None
    if free.any():
        best_labels, _, tried = ForestSampler(inst, free).best_cut(
            rng, forests=budget.constructions, roots=budget.roots
        )
        stats.constructions += tried
    if best_labels is not None:
        _add_regions(inst, part, best_labels)
    stats.regions_constructed = len(part.regions)
    left = [i for i in np.flatnonzero(active).tolist() if part.labels[i] < 0]
    if left:
        left = absorb(inst, part, left)
    for i in left:  # a free piece touching no region (only around pins): a region of its own
        rid = part.new_region()
        part.assign(inst, i, rid)


def _oscillations(
    inst: Instance,
    part: Partition,
    rng: np.random.Generator,
    budget: Budget,
    stats: SolveStats,
    n_nodes: int,
    deadline: float,
    out: bool,
    settled: bool,
) -> tuple[bool, bool]:
    """Strategic oscillation, window by window; whether time ran out, and whether it settled."""
    for window in _windows(inst, part, rng, budget.osc_window):
        gains = 0
        # one try per window where there are several windows (each is a chance), all tries
        # where the partition oscillates at once
        tries = budget.oscillations if window is None else max(1, budget.oscillations // 2)
        for _ in range(tries):
            if out or time.perf_counter() > deadline:
                out = True
                break
            size = n_nodes if window is None else sum(len(part.regions[r].members) for r in window)
            per_round = int(budget.osc_checks * size) + 10
            changed = oscillate(
                inst,
                part,
                rng,
                rounds=budget.osc_rounds,
                max_moves=per_round,
                max_checks=per_round,
                growth=budget.osc_growth,
                regions=window,
            )
            stats.oscillated += changed
            settled = settled and not changed
            gains += changed
            if gains >= budget.osc_gains:
                break
    return out, settled


def _snapshot(part: Partition, ids: set[int]) -> dict[int, Region]:
    saved = {}
    for rid in ids:
        reg = part.regions[rid]
        copy = Region()
        copy.members = set(reg.members)
        copy.w, copy.t, copy.sx, copy.sy, copy.sq = reg.w, reg.t, reg.sx, reg.sy, reg.sq
        saved[rid] = copy
    return saved


def repair_worst(
    inst: Instance,
    part: Partition,
    rng: np.random.Generator,
    *,
    max_regions: int,
    tries: int,
    frozen: set[int] | None = None,
    deadline: float = INF,
    steps_per_repair: int = 1,
    patience: int | None = None,
) -> tuple[int, int, bool]:
    """Dissolve the least compact regions and win the region back elsewhere.

    The region with the largest SSE is dissolved into its neighbours (nearest
    centroid); then the neighbourhood tries to gain a region again
    (:func:`more_regions` started from the receiving regions). The change is
    kept when no region is lost and the SSE fell; otherwise it is undone.
    With ``patience``, the search stops after that many repairs in a row failed.

    Returns
    -------
    repaired, tried, timed_out
    """
    frozen = frozen or set()
    regions = part.regions
    heap = [(-reg.sse(), r) for r, reg in regions.items() if r not in frozen]
    heapq.heapify(heap)
    done: set[int] = set()
    repaired = tried = 0
    failed = 0  # repairs in a row that were undone
    while tried < max_regions and heap:
        if patience is not None and failed >= patience:
            break
        if time.perf_counter() > deadline:
            return repaired, tried, True
        neg, rid = heapq.heappop(heap)
        if rid not in regions or rid in done:
            continue
        now_sse = regions[rid].sse()
        if now_sse != -neg:  # stale entry: the region changed since it was pushed
            heapq.heappush(heap, (-now_sse, rid))
            continue
        if any(inst.locked[i] for i in regions[rid].members):
            continue
        done.add(rid)
        tried += 1
        near = _region_neighbours(inst, part, rid) - frozen
        if not near:
            continue
        around = set(near)
        for r in near:
            around |= _region_neighbours(inst, part, r)
        around -= frozen
        around.add(rid)
        saved = _snapshot(part, around)
        before_n = len(regions)
        touched = [i for reg in saved.values() for i in reg.members]
        lam = inst.close_weight
        before_sse = math.fsum(reg.sse() for reg in saved.values())
        if lam:
            before_sse += lam * _cut_close(inst, part.labels, touched)
        next_before = part.next_id
        members = sorted(regions[rid].members)
        del regions[rid]
        for i in members:
            part.labels[i] = FREE
        left = absorb(inst, part, members, allowed=near)
        ok = not left
        if ok:
            receivers = sorted(near, key=lambda r: (-regions[r].w, r))
            more_regions(
                inst,
                part,
                rng,
                tries=tries,
                max_steps=steps_per_repair * tries * len(near),
                frozen=frozen,
                start=receivers,
                allowed=around,
            )
            now = [r for r in around if r in regions] + list(range(next_before, part.next_id))
            now = [r for r in now if r in regions]
            after_sse = math.fsum(regions[r].sse() for r in now)
            if lam:
                after_sse += lam * _cut_close(inst, part.labels, touched)
            ok = len(regions) >= before_n and after_sse < before_sse * (1 - 1e-9)
        failed = 0 if ok else failed + 1
        if ok:
            repaired += 1
            done -= around
            for r in now:
                heapq.heappush(heap, (-regions[r].sse(), r))
            continue
        for r in [r for r in around if r in regions] + [
            r for r in range(next_before, part.next_id) if r in regions
        ]:
            del regions[r]
        for r, reg in saved.items():
            regions[r] = reg
            for i in reg.members:
                part.labels[i] = r
    return repaired, tried, False


def enforce_cap(inst: Instance, part: Partition, rng: np.random.Generator) -> int:
    """Bring regions above the ceiling ``cap_w`` under it where the geography allows.

    A region at least twice the floors is split (:func:`split_region`); then
    border nodes of regions above the ceiling move to neighbouring regions with
    room, least SSE increase first, keeping every region connected and floored.
    Returns the number of regions still above the ceiling.
    """
    cap = inst.cap_w
    if cap == INF:
        return 0
    regions, labels, nbrs = part.regions, part.labels, inst.nbrs
    x, y, w, t = inst.x, inst.y, inst.w, inst.t
    for rid in sorted(regions):
        reg = regions.get(rid)
        if (
            reg is not None
            and reg.w > cap
            and reg.w >= 2 * inst.floor_w
            and reg.t >= 2 * inst.floor_t
            and not any(inst.locked[i] for i in reg.members)
        ):
            split_region(inst, part, rid, rng)
    for _ in range(4 * inst.n + 10):
        over = sorted((r for r in regions if regions[r].w > cap), key=lambda r: -regions[r].w)
        moved = False
        for a in over:
            ra = regions[a]
            best: tuple[float, int, int] | None = None
            for i in sorted(ra.members):
                if inst.locked[i] or ra.w - w[i] < inst.floor_w or ra.t - t[i] < inst.floor_t:
                    continue
                if len(ra.members) <= 1:
                    continue
                for k in nbrs[i]:
                    b = labels[k]
                    if b == a or b < 0 or regions[b].w + w[i] > cap:
                        continue
                    rb = regions[b]
                    nb = len(rb.members)
                    ex = x[i] - rb.sx / nb
                    ey = y[i] - rb.sy / nb
                    cost = nb / (nb + 1) * (ex * ex + ey * ey)
                    if (best is None or (cost, i, b) < best) and _still_connected(
                        inst, labels, i, a, len(ra.members)
                    ):
                        best = (cost, i, b)
            if best is not None:
                _, i, b = best
                ra.remove(inst, i)
                labels[i] = b
                regions[b].add(inst, i)
                moved = True
                break
        if not moved:
            break
    return sum(1 for r in regions.values() if r.w > cap)
