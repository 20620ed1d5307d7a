"""The array engine of the regionalizer: region growth, enclaves, neighbourhood search.

This module knows nothing of schools or tables: it partitions the nodes of a
graph (CSR arrays) with a weight ``w`` and a count ``t`` per node into
connected regions that each reach ``floor_w`` and ``floor_t`` (and stay at or
below ``cap_w``), maximising the number of regions and then minimising the
within-region sum of squared distances (SSE). :mod:`regionkit.regionalize`
wraps it for schools.

The method, in three phases, all driven by one :class:`numpy.random.Generator`:

1. **Construction** (:func:`construct`): regions are grown one at a time. The
   next seed is the free node with the fewest free neighbours (ties broken at
   random), so regions peel the free area from its edges inward and rarely
   strand small pockets. A region grows by the free neighbour nearest to its
   centroid until it reaches the floors. A seed whose free surroundings cannot
   reach the floors becomes an *enclave*; enclaves join the adjacent region
   with the nearest centroid (:func:`absorb`). Several constructions run; the
   best by (number of regions, -SSE) is kept.
2. **More regions** (:func:`improve_count`): a large-neighbourhood search. A
   region and its neighbours whose surplus above the floors could hold one
   more region are dissolved and grown again (a few random tries); the result
   is kept only if it has more regions.
3. **Compactness** (:func:`local_search`): single schools on a region border
   move to a neighbouring region when that lowers the SSE, keeps both regions
   connected (the donor is checked with a search restricted to its members)
   and keeps every floor. A work queue revisits only the neighbourhood of a
   move; the search ends when no move improves or its move budget is spent.

Every budget is a number of steps derived from the problem size, so the result
depends only on the inputs and the seed. A wall-clock deadline exists only as
a safety cap; the caller logs when it is hit (the result then depends on the
machine's speed).
"""

from __future__ import annotations

import heapq
import math
import time
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import (
    breadth_first_order,
    connected_components,
    minimum_spanning_tree,
)

__all__ = [
    "Instance",
    "Partition",
    "Region",
    "absorb",
    "balance",
    "balanced_split",
    "division_pieces",
    "grow_region",
    "labels_sse",
    "local_search",
    "merge_down",
    "merge_under_floor",
    "pair_search",
    "partition_from_labels",
    "spanning_forest",
    "split_region",
    "tree_cut",
]

INF = math.inf
FREE = -1
ENCLAVE = -2


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
        order = np.lexsort((b, a))
        a, b = a[order], b[order]
        ptr = np.searchsorted(a, np.arange(n + 1)).tolist()
        ind = b.tolist()
        nbrs = [ind[ptr[i] : ptr[i + 1]] for i in range(n)]
        xy = np.asarray(xy, dtype=float)
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

    start: Iterable[int] = (
        range(inst.n) if regions is None else sorted(i for r in regions for i in regs[r].members)
    )
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


def spanning_forest(
    inst: Instance, rng: np.random.Generator, *, alpha: float, active: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """A random near-minimum spanning forest over the ``active`` nodes, in BFS order.

    Edge lengths are stretched by a random factor in ``[1, 1 + alpha)`` so that
    repeated calls give different trees that still follow short edges; each
    tree of the forest is rooted at a random node.

    Returns
    -------
    order, parent
        Active nodes, every parent before its children, and the parent of
        every node (``-1`` for a root and for inactive nodes).
    """
    n = inst.n
    edges, dist = inst.edges, inst.dist
    if active is not None:
        keep = active[edges[:, 0]] & active[edges[:, 1]]
        edges, dist = edges[keep], dist[keep]
        nodes = np.flatnonzero(active)
    else:
        nodes = np.arange(n)
    lengths = dist + 1.0  # a 0 m edge would vanish from the sparse matrix
    if alpha:
        lengths = lengths * (1.0 + alpha * rng.random(len(lengths)))
    graph = sparse.csr_array((lengths, (edges[:, 0], edges[:, 1])), shape=(n + 1, n + 1))
    tree = minimum_spanning_tree(graph).tocoo()
    _, comp = connected_components(tree, directed=False)
    # one random root per tree, joined to a virtual node n
    perm = nodes[rng.permutation(len(nodes))]
    _, first = np.unique(comp[perm], return_index=True)
    roots = perm[first]
    rows = np.concatenate([tree.row, roots])
    cols = np.concatenate([tree.col, np.full(len(roots), n)])
    vals = np.concatenate([tree.data, np.ones(len(roots))])
    forest = sparse.csr_array((vals, (rows, cols)), shape=(n + 1, n + 1))
    order, pred = breadth_first_order(forest, n, directed=False, return_predecessors=True)
    parent = np.asarray(pred[:n], dtype=np.int64)
    parent[roots] = -1
    parent[parent < 0] = -1
    return np.asarray(order[1:], dtype=np.int64), parent


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
    res_t = list(inst.t)
    par = parent.tolist()
    seq = order.tolist()
    cut = [False] * n
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


def _region_adjacency(inst: Instance, part: Partition) -> dict[int, set[int]]:
    labels = part.labels
    adj: dict[int, set[int]] = {r: set() for r in part.regions}
    for a, b in inst.edges.tolist():
        ra, rb = labels[a], labels[b]
        if ra != rb and ra >= 0 and rb >= 0:
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

    Returns ``None`` when the nodes are not connected.
    """
    x, y, nbrs = inst.x, inst.y, inst.nbrs
    pos = {v: k for k, v in enumerate(nodes)}
    m = len(nodes)
    parent = [-1] * m
    order: list[int] = []
    seen = [False] * m
    start = int(rng.integers(m))
    heap = [(0.0, start, -1)]
    noise = rng.random(8 * m + 8).tolist() if alpha else []
    draw = 0
    while heap:
        _, k, p = heapq.heappop(heap)
        if seen[k]:
            continue
        seen[k] = True
        parent[k] = p
        order.append(k)
        v = nodes[k]
        for u in nbrs[v]:
            j = pos.get(u)
            if j is None or seen[j]:
                continue
            dx = x[u] - x[v]
            dy = y[u] - y[v]
            d = dx * dx + dy * dy + 1.0
            if alpha:
                d *= (1.0 + alpha * noise[draw % len(noise)]) ** 2
                draw += 1
            heapq.heappush(heap, (d, j, k))
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
