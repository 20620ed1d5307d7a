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
   donor's members) and floored (:func:`local_search`); the least compact
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
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import (
    breadth_first_order,
    connected_components,
    minimum_spanning_tree,
)

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
    "pair_search",
    "partition_from_labels",
    "repair_worst",
    "solve",
    "spanning_forest",
    "split_region",
    "tree_cut",
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
    nbr_d2
        Squared distance (plus 1 m²) to each neighbour, aligned with ``nbrs``.
    close, close_weight
        Nodes closer than the close distance, per node, and the cost (m² of
        SSE) of splitting such a pair between regions; 0 ignores close pairs.
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
    nbr_d2: list[list[float]] = field(default_factory=list)
    close: list[list[int]] = field(default_factory=list)
    close_weight: float = 0.0
    xy_arr: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
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
        ptr = np.searchsorted(a, np.arange(n + 1)).tolist()
        ind = b.tolist()
        nbrs = [ind[ptr[i] : ptr[i + 1]] for i in range(n)]
        xy = np.asarray(xy, dtype=float)
        d2 = (((xy[a] - xy[b]) ** 2).sum(axis=1) + 1.0).tolist()
        nbr_d2 = [d2[ptr[i] : ptr[i + 1]] for i in range(n)]
        w_arr = np.asarray(w, dtype=float)
        t_arr = np.asarray(t, dtype=np.int64)
        return cls(
            x=xy[:, 0].tolist(),
            y=xy[:, 1].tolist(),
            w=w_arr.tolist(),
            t=t_arr.tolist(),
            nbrs=nbrs,
            floor_w=float(floor_w),
            floor_t=int(floor_t),
            cap_w=INF if cap_w is None else float(cap_w),
            locked=[False] * n if locked is None else np.asarray(locked, dtype=bool).tolist(),
            nbr_d2=nbr_d2,
            xy_arr=xy,
            w_arr=w_arr,
            t_arr=t_arr,
            edges=edges,
            dist=np.asarray(dist, dtype=float),
        )

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

    Returns
    -------
    moves, checks, timed_out
        Moves made, candidate nodes examined, and whether the deadline hit.
    """
    x, y, w, t, nbrs, locked = inst.x, inst.y, inst.w, inst.t, inst.nbrs, inst.locked
    labels, regs = part.labels, part.regions
    floor_w, floor_t, cap = inst.floor_w, inst.floor_t, inst.cap_w
    balance = objective == "balance"
    weightless = objective == "sse_weightless"
    lam = 0.0 if balance else inst.close_weight
    close = inst.close

    def movable(i: int) -> bool:
        if locked[i] or labels[i] < 0:
            return False
        if regions is not None and labels[i] not in regions:
            return False
        if balance:
            return w[i] > 0
        if weightless:
            return w[i] == 0 and t[i] == 0
        return True

    if regions is None:  # every node: the border from the edge list in numpy
        border = [i for i in _border_nodes(inst, labels).tolist() if movable(i)]
    else:
        start = sorted(i for r in regions for i in regs[r].members)
        border = [
            i
            for i in start
            if movable(i) and any(labels[k] != labels[i] and labels[k] >= 0 for k in nbrs[i])
        ]
    perm = rng.permutation(len(border)).tolist()
    queue = deque(border[p] for p in perm)
    queued = set(border)
    moves = 0
    checks = 0
    while queue and moves < max_moves and checks < max_checks:
        if not checks & 1023 and time.perf_counter() > deadline:
            return moves, checks, True
        i = queue.popleft()
        queued.discard(i)
        checks += 1
        a = labels[i]
        ra = regs[a]
        na = len(ra.members)
        wi = w[i]
        if na <= 1 or ra.w - wi < floor_w or ra.t - t[i] < floor_t:
            continue
        xi, yi = x[i], y[i]
        if balance:
            gain_out = 0.0
            best, best_gain = -1, 1e-9
        else:
            dx = xi - ra.sx / na
            dy = yi - ra.sy / na
            gain_out = na / (na - 1) * (dx * dx + dy * dy)
            best, best_gain = -1, 1e-9 * (gain_out + 1.0)
            if lam:
                near = list(map(labels.__getitem__, close[i]))  # regions of close nodes
                gain_out -= lam * near.count(a)  # counted in C
        same = 0
        for k in nbrs[i]:
            b = labels[k]
            if b == a:
                same += 1
                continue
            if b < 0 or b == best or (regions is not None and b not in regions):
                continue
            rb = regs[b]
            if rb.w + wi > cap:
                continue
            if balance:
                g = 2.0 * wi * (ra.w - rb.w - wi)
            else:
                nb = len(rb.members)
                ex = xi - rb.sx / nb
                ey = yi - rb.sy / nb
                g = gain_out - nb / (nb + 1) * (ex * ex + ey * ey)
                if lam:
                    g += lam * near.count(b)
            if g > best_gain or (g == best_gain and b < best):
                best, best_gain = b, g
        if best < 0:
            continue
        if same > 1 and not _still_connected(inst, labels, i, a, na):
            continue
        ra.remove(inst, i)
        labels[i] = best
        regs[best].add(inst, i)
        moves += 1
        for k in nbrs[i]:
            if k not in queued and labels[k] >= 0 and movable(k):
                queue.append(k)
                queued.add(k)
        if i not in queued:
            queue.append(i)
            queued.add(i)
    return moves, checks, False


# --- construction on spanning trees -------------------------------------------------------------


class ForestSampler:
    """Random near-minimum spanning forests over the ``active`` nodes of an instance.

    The sparse structure and the components are prepared once; each
    :meth:`sample` stretches the edge lengths by a random factor in
    ``[1, 1 + alpha)`` (so repeated samples differ but still follow short
    edges), takes the minimum spanning forest and roots each tree at a random
    node.
    """

    def __init__(self, inst: Instance, active: np.ndarray | None = None) -> None:
        n = inst.n
        edges, dist = inst.edges, inst.dist
        if active is not None:
            keep = active[edges[:, 0]] & active[edges[:, 1]]
            edges, dist = edges[keep], dist[keep]
            self.nodes = np.flatnonzero(active)
        else:
            self.nodes = np.arange(n)
        order = np.argsort(edges[:, 0] * max(n, 1) + edges[:, 1])  # unique pairs: a lexsort
        edges, dist = edges[order], dist[order]
        self.n = n
        self.base = dist + 1.0  # a 0 m edge would vanish from the sparse matrix
        self.indices = edges[:, 1].astype(np.int32)
        self.indptr = np.searchsorted(edges[:, 0], np.arange(n + 2)).astype(np.int32)
        graph = sparse.csr_array((self.base, self.indices, self.indptr), shape=(n + 1, n + 1))
        _, comp = connected_components(graph, directed=False)
        self.comp = comp
        # the active nodes form one component (the usual case): a tree's root is the first
        # node of the random permutation
        self.single = len(self.nodes) > 0 and bool((comp[self.nodes] == comp[self.nodes[0]]).all())

    def sample(self, rng: np.random.Generator, alpha: float) -> tuple[np.ndarray, np.ndarray]:
        """One forest: BFS order of the active nodes and the parent of every node (-1: root)."""
        n = self.n
        data = self.base * (1.0 + alpha * rng.random(len(self.base))) if alpha else self.base
        graph = sparse.csr_array((data, self.indices, self.indptr), shape=(n + 1, n + 1))
        tree = minimum_spanning_tree(graph)
        perm = self.nodes[rng.permutation(len(self.nodes))]
        _, first = np.unique(self.comp[perm], return_index=True)
        roots = np.sort(perm[first])
        if len(roots) == 1:
            order, pred = breadth_first_order(
                tree, int(roots[0]), directed=False, return_predecessors=True
            )
        else:  # join every tree to a virtual node n and search from there
            coo = tree.tocoo()
            rows = np.concatenate([coo.row, roots])
            cols = np.concatenate([coo.col, np.full(len(roots), n)])
            vals = np.concatenate([coo.data, np.ones(len(roots))])
            forest = sparse.csr_array((vals, (rows, cols)), shape=(n + 1, n + 1))
            order, pred = breadth_first_order(forest, n, directed=False, return_predecessors=True)
            order = order[1:]
        parent = np.asarray(pred[:n], dtype=np.int64)
        parent[roots] = -1
        parent[parent < 0] = -1
        return np.asarray(order, dtype=np.int64), parent

    def sample_many(
        self, rng: np.random.Generator, alphas: Sequence[float]
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """Several forests at once, one per stretch in ``alphas`` (as :meth:`sample` each).

        The copies of the graph are laid side by side in one sparse matrix, so
        one minimum spanning forest and one breadth-first search serve them
        all (on small inputs the calls cost more than the work).
        """
        n, k = self.n, len(alphas)
        if k == 0:
            return []
        size = n + 1  # a block: the nodes and the (unused) virtual node
        m = len(self.base)
        stretch = np.repeat(np.asarray(alphas, dtype=float), m)
        data = np.tile(self.base, k) * (1.0 + stretch * rng.random(k * m))
        offset = np.repeat(np.arange(k, dtype=np.int64) * size, m)
        indices = np.tile(self.indices.astype(np.int64), k) + offset
        indptr = (
            np.arange(k, dtype=np.int64)[:, None] * m + self.indptr[None, :-1].astype(np.int64)
        ).reshape(-1)
        indptr = np.append(indptr, k * m)
        total = k * size
        graph = sparse.csr_array((data, indices, indptr), shape=(total, total))
        tree = minimum_spanning_tree(graph).tocoo()
        roots = []
        for b in range(k):  # a random root per component and block, as in sample()
            perm = self.nodes[rng.permutation(len(self.nodes))]
            if self.single:
                roots.append(perm[:1] + b * size)
                continue
            _, first = np.unique(self.comp[perm], return_index=True)
            roots.append(np.sort(perm[first]) + b * size)
        root_arr = np.concatenate(roots)
        rows = np.concatenate([tree.row, root_arr])
        cols = np.concatenate([tree.col, np.full(len(root_arr), total)])
        vals = np.concatenate([tree.data, np.ones(len(root_arr))])
        forest = sparse.csr_array((vals, (rows, cols)), shape=(total + 1, total + 1))
        order, pred = breadth_first_order(forest, total, directed=False, return_predecessors=True)
        order = np.asarray(order[1:], dtype=np.int64)
        block = order // size
        by_block = np.argsort(block, kind="stable")
        order = order[by_block]
        cuts = np.searchsorted(block[by_block], np.arange(k + 1))
        out = []
        for b in range(k):
            parent = np.asarray(pred[b * size : b * size + n], dtype=np.int64) - b * size
            parent[parent < 0] = -1
            parent[roots[b] - b * size] = -1
            out.append((order[cuts[b] : cuts[b + 1]] - b * size, parent))
        return out


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
    floor_w, floor_t = inst.floor_w, inst.floor_t
    n = inst.n
    res_w = list(inst.w)
    res_t = list(inst.t) if floor_t > 0 else []
    par = parent.tolist()
    seq = order.tolist()
    cut = [False] * n
    if floor_t <= 0:  # the weight floor only (the usual case): a tighter loop
        for v in reversed(seq):
            if res_w[v] >= floor_w:
                cut[v] = True
            else:
                p = par[v]
                if p >= 0:
                    res_w[p] += res_w[v]
    else:
        for v in reversed(seq):
            if res_w[v] >= floor_w and res_t[v] >= floor_t:
                cut[v] = True
            else:
                p = par[v]
                if p >= 0:
                    res_w[p] += res_w[v]
                    res_t[p] += res_t[v]
    labels = [-1] * n
    k = 0
    for v in seq:
        if cut[v]:
            labels[v] = k
            k += 1
        else:
            p = par[v]
            if p >= 0:
                labels[v] = labels[p]
    return np.asarray(labels, dtype=np.int64), k


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
    inside = set(nodes)
    close = inst.close
    cut = 0
    for i in inside:
        li = labels[i]
        for k in close[i]:
            if (k > i or k not in inside) and labels[k] != li:
                cut += 1
    return cut


def _split_pair(inst: Instance, part: Partition, a: int, b: int, objective: str = "sse") -> bool:
    """Re-split regions ``a`` and ``b`` along a spanning tree of their union.

    The union's minimum spanning tree (straight-line lengths) is cut at the
    edge that leaves two parts reaching the floors with the least SSE (the
    two-region step of SKATER). Applied only when it lowers the pair's SSE.
    """
    x, y, w, t, nbrs = inst.x, inst.y, inst.w, inst.t, inst.nbrs
    labels = part.labels
    ra, rb = part.regions[a], part.regions[b]
    nodes = sorted(ra.members | rb.members)
    pos = {v: k for k, v in enumerate(nodes)}
    m = len(nodes)
    # Prim's algorithm; squared lengths order the edges the same way
    parent = [-1] * m
    order: list[int] = []
    seen = [False] * m
    heap = [(0.0, 0, -1)]
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        _, k, p = pop(heap)
        if seen[k]:
            continue
        seen[k] = True
        parent[k] = p
        order.append(k)
        v = nodes[k]
        xv, yv = x[v], y[v]
        for u in nbrs[v]:
            if (labels[u] == a or labels[u] == b) and not seen[pos[u]]:
                dx = x[u] - xv
                dy = y[u] - yv
                push(heap, (dx * dx + dy * dy, pos[u], k))
    if len(order) != m:  # the pair is not connected: leave it
        return False
    # subtree sums, coordinates centred on the first node for accuracy
    x0, y0 = x[nodes[0]], y[nodes[0]]
    sn = [1] * m
    sw = [w[v] for v in nodes]
    st = [t[v] for v in nodes]
    sx = [x[v] - x0 for v in nodes]
    sy = [y[v] - y0 for v in nodes]
    sq = [sx[k] * sx[k] + sy[k] * sy[k] for k in range(m)]
    for k in reversed(order[1:]):
        p = parent[k]
        sn[p] += sn[k]
        sw[p] += sw[k]
        st[p] += st[k]
        sx[p] += sx[k]
        sy[p] += sy[k]
        sq[p] += sq[k]
    tn, tw, tt, tx, ty, tq = sn[0], sw[0], st[0], sx[0], sy[0], sq[0]
    floor_w, floor_t, cap = inst.floor_w, inst.floor_t, inst.cap_w
    balance = objective == "balance"
    sse_now = ra.sse() + rb.sse()
    if balance:
        gap = abs(ra.w - rb.w)
        best = (gap - 1e-9 * (gap + 1.0), sse_now)
    else:
        best = (0.0, sse_now * (1.0 - 1e-9) - 1e-6)
    best_k = -1
    for k in order[1:]:
        w1, t1 = sw[k], st[k]
        w2, t2 = tw - w1, tt - t1
        if w1 < floor_w or w2 < floor_w or t1 < floor_t or t2 < floor_t or w1 > cap or w2 > cap:
            continue
        n1 = sn[k]
        n2 = tn - n1
        x1, y1 = sx[k], sy[k]
        x2, y2 = tx - x1, ty - y1
        val = sq[k] - (x1 * x1 + y1 * y1) / n1 + (tq - sq[k]) - (x2 * x2 + y2 * y2) / n2
        key = (abs(w1 - w2), val) if balance else (0.0, val)
        if key < best:
            best, best_k = key, k
    if best_k < 0:
        return False
    inside = [False] * m
    inside[best_k] = True
    for k in order:
        p = parent[k]
        if p >= 0 and inside[p]:
            inside[k] = True
    side = [nodes[k] for k in range(m) if inside[k]]
    in_a = sum(1 for v in side if labels[v] == a)
    first, second = (a, b) if 2 * in_a >= len(side) else (b, a)
    lam = inst.close_weight
    if lam and not balance:
        before = _cut_close(inst, labels, nodes)
        old_labels = [labels[v] for v in nodes]
        for k in range(m):
            labels[nodes[k]] = first if inside[k] else second
        after = _cut_close(inst, labels, nodes)
        for v, lab in zip(nodes, old_labels, strict=True):
            labels[v] = lab
        if best[1] + lam * after >= sse_now + lam * before:
            return False
    new_first, new_second = Region(), Region()
    for k in range(m):
        v = nodes[k]
        if inside[k]:
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
            if _split_pair(inst, part, a, b, objective):
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


def _border_nodes(inst: Instance, labels: list[int]) -> np.ndarray:
    """Nodes with a neighbour in another region (ascending); free nodes count as no region."""
    lab = np.asarray(labels, dtype=np.int64)
    e = inst.edges
    la, lb = lab[e[:, 0]], lab[e[:, 1]]
    differ = la != lb
    mask = np.zeros(len(lab), dtype=bool)
    mask[e[differ & (lb >= 0), 0]] = True
    mask[e[differ & (la >= 0), 1]] = True
    return np.flatnonzero(mask)


def _region_adjacency(inst: Instance, part: Partition) -> dict[int, set[int]]:
    lab = np.asarray(part.labels, dtype=np.int64)
    e = inst.edges
    la, lb = lab[e[:, 0]], lab[e[:, 1]]
    keep = (la != lb) & (la >= 0) & (lb >= 0)
    adj: dict[int, set[int]] = {r: set() for r in part.regions}
    for ra, rb in np.unique(np.column_stack([la[keep], lb[keep]]), axis=0).tolist():
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
) -> tuple[np.ndarray, dict[int, str], list[str]]:
    """Label the connected pieces of each area of a division.

    The largest piece of an area (most weight, then most nodes) keeps the
    area; other pieces become areas of their own, except pieces that are a
    whole component of the graph (islands), which stay with their area.

    Returns
    -------
    labels, area, notes
        Label per node, the area value per label, and a note per split area.
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
    notes: list[str] = []
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
            notes.append(
                f"area {value} is not connected in the proximity graph: split into {split + 1} "
                f"pieces"
            )
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
    nbrs, nd2 = inst.nbrs, inst.nbr_d2
    m = len(nodes)
    pos = dict(zip(nodes, range(m), strict=True))
    parent = [-1] * m
    key = [INF] * m
    seen = [False] * m
    order: list[int] = []
    factor = (1.0 + alpha * rng.random(m)).tolist() if alpha else [1.0] * m
    start = int(rng.integers(m))
    key[start] = 0.0
    heap = [(0.0, start)]
    pop, push, get, visit = heapq.heappop, heapq.heappush, pos.get, order.append
    while heap:
        _, k = pop(heap)
        if seen[k]:
            continue
        seen[k] = True
        visit(k)
        fk = factor[k]
        v = nodes[k]
        for u, du in zip(nbrs[v], nd2[v], strict=False):  # aligned lists
            j = get(u)
            if j is None or seen[j]:
                continue
            d = du * fk * factor[j]
            if d < key[j]:
                key[j] = d
                parent[j] = k
                push(heap, (d, j))
    if len(order) != m:
        return None
    return order, parent


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

    Returns a part number per node (in the order of ``nodes``), or ``None``.
    """
    tree = _prim_tree(inst, nodes, rng, alpha)
    if tree is None:
        return None
    order, parent = tree
    m = len(nodes)
    floor_w, floor_t = inst.floor_w, inst.floor_t
    res_w = [inst.w[v] for v in nodes]
    res_t = [inst.t[v] for v in nodes]
    cut = [False] * m
    root = order[0]
    for j in reversed(order):
        if res_w[j] >= floor_w and res_t[j] >= floor_t:
            cut[j] = True
        elif j != root:
            p = parent[j]
            res_w[p] += res_w[j]
            res_t[p] += res_t[j]
    part = [-1] * m
    k = 0
    for j in order:
        if cut[j]:
            part[j] = k
            k += 1
        elif j != root:
            part[j] = part[parent[j]]
    if k == 0:
        return None
    if part[root] < 0:
        # the root's leftover (a connected piece) joins neighbouring parts, layer by
        # layer from the parts, each node the part with the nearest centroid
        x, y, nbrs = inst.x, inst.y, inst.nbrs
        pos = {v: j for j, v in enumerate(nodes)}
        cnt = [0] * k
        sx = [0.0] * k
        sy = [0.0] * k
        for j in range(m):
            p = part[j]
            if p >= 0:
                cnt[p] += 1
                sx[p] += x[nodes[j]]
                sy[p] += y[nodes[j]]
        layer = [j for j in range(m) if part[j] < 0]
        while layer:
            nxt = []
            for j in layer:
                v = nodes[j]
                best, best_d = -1, INF
                for u in nbrs[v]:
                    q = pos.get(u)
                    if q is None:
                        continue
                    p = part[q]
                    if p < 0:
                        continue
                    dx = x[v] - sx[p] / cnt[p]
                    dy = y[v] - sy[p] / cnt[p]
                    d = dx * dx + dy * dy
                    if d < best_d or (d == best_d and p < best):
                        best, best_d = p, d
                if best < 0:
                    nxt.append(j)
                    continue
                part[j] = best
                cnt[best] += 1
                sx[best] += x[v]
                sy[best] += y[v]
            if len(nxt) == len(layer):  # cannot happen on a connected group
                return None
            layer = nxt
    return part


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
    floor_w, floor_t = inst.floor_w, inst.floor_t
    if floor_w <= 0 and floor_t <= 0:
        return 0, 0, False
    regions = part.regions
    if start is None:
        order = sorted(regions)
        perm = rng.permutation(len(order)).tolist()
        order = [order[k] for k in perm]
        if ranked:  # the most surplus around a region first: where a region is won
            adj = _region_adjacency(inst, part)
            spare = {r: regions[r].w - floor_w for r in order}
            near_spare = {r: spare[r] + sum(spare[q] for q in adj[r]) for r in order}
            order.sort(key=lambda r: -near_spare[r])
        queue = deque(order)
    else:
        queue = deque(start)
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
        if rid not in regions or rid in frozen or (allowed is not None and rid not in allowed):
            continue
        centre = regions[rid]
        if any(inst.locked[i] for i in centre.members):
            continue
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
            continue
        success = False
        for group_rest in (small, around) if len(small) < len(around) else (small,):
            group = [rid, *group_rest]
            w_sum = sum(regions[r].w for r in group)
            t_sum = sum(regions[r].t for r in group)
            if w_sum < (len(group) + 1) * floor_w or t_sum < (len(group) + 1) * floor_t:
                continue
            nodes = sorted(i for r in group for i in regions[r].members)
            worst = max(regions[r].sse() for r in group)
            best: tuple[int, float] | None = None
            best_cut: list[int] = []
            for attempt in range(tries):
                steps += 1
                cut = _group_cut(inst, nodes, rng, 0.0 if attempt == 0 else 0.4)
                if cut is None or max(cut) + 1 <= len(group):
                    continue
                total, largest = _cut_sse(inst, nodes, cut)
                if largest > worst * spread:
                    continue  # no new region far less compact than any before
                key = (max(cut) + 1, -total)
                if best is None or key > best:
                    best, best_cut = key, cut
            if best is not None:
                k = best[0]
                for r in group:
                    del regions[r]
                ids = [part.new_region() for _ in range(k)]
                for v, p in zip(nodes, best_cut, strict=True):
                    part.labels[v] = ids[p]
                    regions[ids[p]].add(inst, v)
                if polish:
                    local_search(
                        inst,
                        part,
                        rng,
                        max_moves=4 * len(nodes),
                        max_checks=8 * len(nodes),
                        regions=set(ids),
                    )
                gained += k - len(group)
                last_gain = steps
                if allowed is not None:
                    allowed.update(ids)
                for r in ids:
                    if r not in queued:
                        queue.append(r)
                        queued.add(r)
                success = True
            if success or steps >= max_steps:
                break
    return gained, steps, False


# --- the whole search ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Budget:
    """Step budgets of one search (numbers of steps, so a seed fixes the result).

    Attributes
    ----------
    constructions
        Random spanning forests cut (the best is kept).
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
    """

    constructions: int = 4
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

        ``effort`` scales the improvement steps: 0 keeps the constructions and
        the border moves only, 2 searches twice as long (and waits twice as
        long before it gives up), re-splits pairs and repairs.
        """
        constructions = 16 if n <= 1_000 else 4 if n <= 2_000 else 3 if n <= 20_000 else 2
        base = cls()
        extra = max(0.0, effort - 1.0)
        return cls(
            constructions=constructions,
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
    over_cap: int = 0
    timed_out: bool = False
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def iterations(self) -> int:
        """Steps of the improvement phase in all."""
        return self.lns_steps + self.repairs + self.checks + self.pairs


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

    free = active & (np.asarray(part.labels) == FREE)
    best_labels: np.ndarray | None = None
    best_key: tuple[int, float] | None = None
    if free.any():
        sampler = ForestSampler(inst, free)
        alphas = [0.0] + [0.3] * (budget.constructions - 1)
        cuts = [
            tree_cut(inst, order, parent)
            for order, parent in sampler.sample_many(rng, alphas[: budget.constructions])
        ]
        stats.constructions += len(cuts)
        most = max((count for _, count in cuts), default=0)
        for labels, count in cuts:  # the first of the most regions with the least SSE
            if count < most:
                continue  # fewer regions: its SSE does not matter
            key = (count, -labels_sse(inst.xy_arr, labels))
            if best_key is None or key > best_key:
                best_key, best_labels = key, labels
    if best_labels is not None:
        offset = part.next_id
        for i in np.flatnonzero(best_labels >= 0).tolist():
            r = int(best_labels[i]) + offset
            reg = part.regions.get(r)
            if reg is None:
                reg = part.regions[r] = Region()
            part.labels[i] = r
            reg.add(inst, i)
        part.next_id = max(part.regions, default=-1) + 1
    stats.regions_constructed = len(part.regions)
    left = [i for i in np.flatnonzero(active).tolist() if part.labels[i] < 0]
    if left:
        left = absorb(inst, part, left)
    for i in left:  # a free piece touching no region (only around pins): a region of its own
        rid = part.new_region()
        part.assign(inst, i, rid)
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
