"""Compiled inner loops of the regionalizer (numba).

The search in :mod:`regionkit._maxp` spends its time in a few tight loops over
nodes and edges: Prim's algorithm on a graph or a group of nodes, the bottom-up
cut of a spanning tree, border moves, and the two-region re-split. They live
here as plain functions on numpy arrays, compiled by numba on first use and
cached on disk (``cache=True``), so a later process loads them in milliseconds.

The graph is held in CSR form: the neighbours of node ``v`` are
``indices[indptr[v]:indptr[v + 1]]`` (ascending), with the squared length of
each such entry in ``nd2`` (plus 1 m², so no length is 0) and the number of
its undirected edge in ``eid``. Random numbers are drawn by the caller's
:class:`numpy.random.Generator` and passed in, so the result depends only on
the inputs and the seed. Ties are broken by node number, never by memory
order.

Several kernels work on a *view*: a list of nodes and their labels in local
arrays, with ``pos`` mapping a node to its place in the view (``-1`` for a
node outside it). ``pos`` is scratch owned by the caller: all ``-1`` on entry
and on exit.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

__all__ = [
    "Floors",
    "Graph",
    "Sums",
    "View",
    "best_forest_cut",
    "border_moves",
    "border_nodes",
    "csr_from_pairs",
    "group_cut",
    "kruskal_forest",
    "labels_objective",
    "oscillate_moves",
    "prim_forest",
    "prim_group",
    "split_pair",
    "tree_cut",
]


class Graph(NamedTuple):
    """An instance's arrays, as the kernels read them (built by ``_maxp.Instance.arrays``).

    The CSR structure (``indptr``, ``indices``), each entry's squared length
    plus 1 m² (``nd2``) and edge number (``eid``); per node the coordinates
    ``x``, ``y``, the weight ``w`` (counted pupils), the count ``t``
    (technical schools) and ``locked``; the close pairs in CSR form
    (``close_ptr``, ``close_ind``, both directions).
    """

    indptr: np.ndarray
    indices: np.ndarray
    nd2: np.ndarray
    eid: np.ndarray
    x: np.ndarray
    y: np.ndarray
    w: np.ndarray
    t: np.ndarray
    locked: np.ndarray
    close_ptr: np.ndarray
    close_ind: np.ndarray


class View(NamedTuple):
    """Some nodes (``nodes``), their labels (``lab``) and the scratch map ``pos`` (see above)."""

    nodes: np.ndarray
    lab: np.ndarray
    pos: np.ndarray


class Sums(NamedTuple):
    """Per region id: members ``rn``, weight ``rw``, count ``rt``, coordinates ``rsx``, ``rsy``."""

    rn: np.ndarray
    rw: np.ndarray
    rt: np.ndarray
    rsx: np.ndarray
    rsy: np.ndarray


class Floors(NamedTuple):
    """The floors on weight and count, the ceiling on weight, the cost of a split close pair."""

    floor_w: float
    floor_t: float
    cap: float
    lam: float


#: Border-move objectives (the ``mode`` of :func:`border_moves`).
SSE, BALANCE, SSE_WEIGHTLESS = 0, 1, 2


# --- a binary heap of (key, node) on two arrays ---------------------------------------------------


@njit(cache=True)
def _before(ka: float, va: int, kb: float, vb: int) -> bool:
    return ka < kb or (ka == kb and va < vb)


@njit(cache=True)
def _push(hk: np.ndarray, hv: np.ndarray, size: int, key: float, val: int) -> int:
    i = size
    while i > 0:
        p = (i - 1) >> 1
        if not _before(key, val, hk[p], hv[p]):
            break
        hk[i] = hk[p]
        hv[i] = hv[p]
        i = p
    hk[i] = key
    hv[i] = val
    return size + 1


@njit(cache=True)
def _pop(hk: np.ndarray, hv: np.ndarray, size: int) -> tuple[int, int]:
    """Remove the smallest entry; returns its node and the new size."""
    top = hv[0]
    size -= 1
    if size > 0:
        key, val = hk[size], hv[size]
        i = 0
        while True:
            c = 2 * i + 1
            if c >= size:
                break
            if c + 1 < size and _before(hk[c + 1], hv[c + 1], hk[c], hv[c]):
                c += 1
            if not _before(hk[c], hv[c], key, val):
                break
            hk[i] = hk[c]
            hv[i] = hv[c]
            i = c
        hk[i] = key
        hv[i] = val
    return top, size


# --- spanning trees and their cuts ----------------------------------------------------------------


@njit(cache=True)
def prim_forest(
    indptr: np.ndarray,
    indices: np.ndarray,
    eid: np.ndarray,
    length: np.ndarray,
    perm: np.ndarray,
    active: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Minimum spanning forest of the ``active`` nodes for edge lengths ``length`` (per edge).

    Each tree grows (Prim) from the first node of ``perm`` in its component,
    so a random permutation gives a random root per component.

    Returns
    -------
    order, parent
        The active nodes in the order they joined their tree (a parent before
        its children), and the parent of every node (``-1``: a root or inactive).
    """
    n = len(active)
    key = np.full(n, np.inf)
    parent = np.full(n, -1, dtype=np.int64)
    seen = np.zeros(n, dtype=np.bool_)
    order = np.empty(len(perm), dtype=np.int64)
    hk = np.empty(len(indices) + 1)
    hv = np.empty(len(indices) + 1, dtype=np.int64)
    count = 0
    for s in perm:
        if seen[s]:
            continue
        key[s] = 0.0
        size = _push(hk, hv, 0, 0.0, s)
        while size > 0:
            v, size = _pop(hk, hv, size)
            if seen[v]:
                continue
            seen[v] = True
            order[count] = v
            count += 1
            for e in range(indptr[v], indptr[v + 1]):
                u = indices[e]
                if seen[u] or not active[u]:
                    continue
                d = length[eid[e]]
                if d < key[u]:
                    key[u] = d
                    parent[u] = v
                    size = _push(hk, hv, size, d, u)
    return order[:count], parent


@njit(cache=True)
def kruskal_forest(
    eu: np.ndarray, ev: np.ndarray, by_length: np.ndarray, perm: np.ndarray, active: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The forest of :func:`prim_forest` by Kruskal's algorithm (faster on small graphs).

    The edges ``(eu[e], ev[e])`` are taken in the order ``by_length``
    (shortest first; sorted by the caller, where numpy sorts faster) while
    they join two trees; each tree is then rooted at the first node of
    ``perm`` in it and searched breadth-first. On distinct lengths the parents
    are those of :func:`prim_forest`.

    Returns
    -------
    order, parent
        As :func:`prim_forest`.
    """
    n = len(active)
    uf = np.arange(n)
    tu = np.empty(n, dtype=np.int64)
    tv = np.empty(n, dtype=np.int64)
    nt = 0
    for e in by_length:
        a = eu[e]
        b = ev[e]
        if not (active[a] and active[b]):
            continue
        ra = a
        while uf[ra] != ra:
            uf[ra] = uf[uf[ra]]
            ra = uf[ra]
        rb = b
        while uf[rb] != rb:
            uf[rb] = uf[uf[rb]]
            rb = uf[rb]
        if ra != rb:
            uf[ra] = rb
            tu[nt] = a
            tv[nt] = b
            nt += 1
    return _root_forest(tu[:nt], tv[:nt], perm, active)


@njit(cache=True)
def tree_cut(
    order: np.ndarray,
    parent: np.ndarray,
    w: np.ndarray,
    t: np.ndarray,
    floor_w: float,
    floor_t: float,
) -> tuple[np.ndarray, int]:
    """Cut a forest into as many parts reaching the floors as it allows (bottom-up greedy).

    Every node collects what its children left over and is cut off as a part
    as soon as its collection reaches both floors; on a tree this gives the
    most parts. What is left at a root keeps the label ``-1``.

    Returns
    -------
    labels, n_parts
        A part number per node (``-1``: unassigned or not in ``order``) and the number of parts.
    """
    n = len(parent)
    res_w = w.astype(np.float64)
    res_t = t.astype(np.float64)
    cut = np.zeros(n, dtype=np.bool_)
    for j in range(len(order) - 1, -1, -1):
        v = order[j]
        if res_w[v] >= floor_w and res_t[v] >= floor_t:
            cut[v] = True
        else:
            p = parent[v]
            if p >= 0:
                res_w[p] += res_w[v]
                res_t[p] += res_t[v]
    labels = np.full(n, -1, dtype=np.int64)
    k = 0
    for v in order:
        if cut[v]:
            labels[v] = k
            k += 1
        else:
            p = parent[v]
            if p >= 0:
                labels[v] = labels[p]
    return labels, k


@njit(cache=True)
def _root_forest(
    tu: np.ndarray, tv: np.ndarray, perm: np.ndarray, active: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Root the forest with edges ``(tu[k], tv[k])`` at the first node of ``perm`` in each tree.

    Returns the nodes in breadth-first order (parents first) and the parent
    of every node (``-1``: a root or a node not in the forest).
    """
    n = len(active)
    deg = np.zeros(n + 1, dtype=np.int64)
    for k in range(len(tu)):
        deg[tu[k] + 1] += 1
        deg[tv[k] + 1] += 1
    for v in range(n):
        deg[v + 1] += deg[v]
    adj = np.empty(2 * len(tu), dtype=np.int64)
    fill = deg[:n].copy()
    for k in range(len(tu)):
        adj[fill[tu[k]]] = tv[k]
        fill[tu[k]] += 1
        adj[fill[tv[k]]] = tu[k]
        fill[tv[k]] += 1
    parent = np.full(n, -1, dtype=np.int64)
    order = np.empty(len(perm), dtype=np.int64)
    seen = np.zeros(n, dtype=np.bool_)
    head = 0
    tail = 0
    for s in perm:
        if seen[s] or not active[s]:
            continue
        seen[s] = True
        order[tail] = s
        tail += 1
        while head < tail:
            v = order[head]
            head += 1
            for e in range(deg[v], deg[v + 1]):
                u = adj[e]
                if not seen[u]:
                    seen[u] = True
                    parent[u] = v
                    order[tail] = u
                    tail += 1
    return order[:tail], parent


@njit(cache=True)
def _reroot(
    parent: np.ndarray, order: np.ndarray, perm: np.ndarray, active: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The same forest rooted at the first node of ``perm`` in each tree: new order and parents."""
    child = order[parent[order] >= 0]
    return _root_forest(child, parent[child], perm, active)


@njit(cache=True)
def _sse_by_label(
    x: np.ndarray, y: np.ndarray, nodes: np.ndarray, lab: np.ndarray, size: int
) -> float:
    """Within-part SSE of ``nodes`` labelled ``lab`` (parts below ``size``, ``-1`` left out).

    Coordinates are centred on the first node, for fewer rounding errors.
    """
    cnt = np.zeros(size)
    sx = np.zeros(size)
    sy = np.zeros(size)
    sq = np.zeros(size)
    if len(nodes) == 0:
        return 0.0
    x0 = x[nodes[0]]
    y0 = y[nodes[0]]
    for j in range(len(nodes)):
        r = lab[j]
        if r >= 0:
            dx = x[nodes[j]] - x0
            dy = y[nodes[j]] - y0
            cnt[r] += 1
            sx[r] += dx
            sy[r] += dy
            sq[r] += dx * dx + dy * dy
    total = 0.0
    for r in range(size):
        if cnt[r] > 0:
            total += sq[r] - (sx[r] * sx[r] + sy[r] * sy[r]) / cnt[r]
    return total


@njit(cache=True)
def best_forest_cut(
    graph: Graph,
    lengths: np.ndarray,
    perms: np.ndarray,
    active: np.ndarray,
    floors: Floors,
    eu: np.ndarray,
    ev: np.ndarray,
    by_length: np.ndarray,
) -> tuple[np.ndarray, int, int]:
    """The best tree cut of several random spanning forests, each rooted several ways.

    Forest ``f`` is the minimum spanning forest for the edge lengths
    ``lengths[f]`` (by :func:`kruskal_forest` when ``by_length[f]``, the
    edges sorted by those lengths, is given, else :func:`prim_forest`; the
    same forest); it is rooted at the first node of
    each of its components in ``perms[f, r]`` for every ``r`` and cut by
    :func:`tree_cut`. The best cut
    has the most parts, then the least SSE (the first of equals).

    Returns
    -------
    labels, n_parts, n_cuts
        The best cut's part per node (``-1``: left over or inactive), its
        number of parts, and the number of cuts tried.
    """
    indptr, indices, eid = graph.indptr, graph.indices, graph.eid
    x, y, w, t = graph.x, graph.y, graph.w, graph.t
    floor_w, floor_t = floors.floor_w, floors.floor_t
    n_forests, n_roots = perms.shape[0], perms.shape[1]
    everyone = np.arange(len(active))
    best = np.full(len(active), -1, dtype=np.int64)
    best_k = -1
    best_sse = np.inf
    tried = 0
    for f in range(n_forests):
        if len(by_length[f]):
            order, parent = kruskal_forest(eu, ev, by_length[f], perms[f, 0], active)
        else:
            order, parent = prim_forest(indptr, indices, eid, lengths[f], perms[f, 0], active)
        for r in range(n_roots):
            if r > 0:
                order, parent = _reroot(parent, order, perms[f, r], active)
            labels, k = tree_cut(order, parent, w, t, floor_w, floor_t)
            tried += 1
            if k < best_k:
                continue
            value = _sse_by_label(x, y, everyone, labels, k)
            if k > best_k or value < best_sse:
                best, best_k, best_sse = labels, k, value
    return best, best_k, tried


@njit(cache=True)
def prim_group(
    indptr: np.ndarray,
    indices: np.ndarray,
    nd2: np.ndarray,
    nodes: np.ndarray,
    pos: np.ndarray,
    factor: np.ndarray,
    start: int,
) -> tuple[np.ndarray, np.ndarray, int]:
    """A near-minimum spanning tree of ``nodes`` (Prim from position ``start``).

    Squared lengths are stretched by ``factor[j] * factor[k]`` for an edge
    between positions ``j`` and ``k``. ``pos`` maps nodes to positions (``-1``
    outside); it is set and reset here.

    Returns
    -------
    order, parent, count
        Positions in the order they joined, the parent position of each
        position (``-1``: the root), and how many joined (``< len(nodes)``:
        the nodes are not connected).
    """
    m = len(nodes)
    for j in range(m):
        pos[nodes[j]] = j
    key = np.full(m, np.inf)
    parent = np.full(m, -1, dtype=np.int64)
    seen = np.zeros(m, dtype=np.bool_)
    order = np.empty(m, dtype=np.int64)
    cap = 1
    for j in range(m):
        v = nodes[j]
        cap += indptr[v + 1] - indptr[v]
    hk = np.empty(cap)
    hv = np.empty(cap, dtype=np.int64)
    key[start] = 0.0
    size = _push(hk, hv, 0, 0.0, start)
    count = 0
    while size > 0:
        k, size = _pop(hk, hv, size)
        if seen[k]:
            continue
        seen[k] = True
        order[count] = k
        count += 1
        fk = factor[k]
        v = nodes[k]
        for e in range(indptr[v], indptr[v + 1]):
            j = pos[indices[e]]
            if j < 0 or seen[j]:
                continue
            d = nd2[e] * fk * factor[j]
            if d < key[j]:
                key[j] = d
                parent[j] = k
                size = _push(hk, hv, size, d, j)
    for j in range(m):
        pos[nodes[j]] = -1
    return order, parent, count


@njit(cache=True)
def group_cut(
    graph: Graph,
    nodes: np.ndarray,
    pos: np.ndarray,
    factor: np.ndarray,
    start: int,
    floors: Floors,
) -> np.ndarray:
    """Tree-cut connected ``nodes`` into floored parts; the root's leftover joins their neighbours.

    The tree is :func:`prim_group`'s; the leftover (a connected piece around
    the root) joins the parts layer by layer from their border, each node the
    neighbouring part with the nearest centroid (ties: the lower part number).

    Returns
    -------
    numpy.ndarray
        A part number per position of ``nodes``; all ``-1`` when the nodes are
        not connected or no part reaches the floors.
    """
    indptr, indices, nd2 = graph.indptr, graph.indices, graph.nd2
    x, y, w, t = graph.x, graph.y, graph.w, graph.t
    floor_w, floor_t = floors.floor_w, floors.floor_t
    m = len(nodes)
    order, parent, count = prim_group(indptr, indices, nd2, nodes, pos, factor, start)
    if count < m:
        return np.full(m, -1, dtype=np.int64)
    part, k = tree_cut(order, parent, w[nodes], t[nodes], floor_w, floor_t)
    root = order[0]
    if k == 0:
        return np.full(m, -1, dtype=np.int64)
    if part[root] >= 0:
        return part
    for j in range(m):
        pos[nodes[j]] = j
    cnt = np.zeros(k)
    sx = np.zeros(k)
    sy = np.zeros(k)
    for j in range(m):
        p = part[j]
        if p >= 0:
            cnt[p] += 1
            sx[p] += x[nodes[j]]
            sy[p] += y[nodes[j]]
    layer = np.flatnonzero(part < 0)
    while len(layer) > 0:
        nxt = np.empty(len(layer), dtype=np.int64)
        n_next = 0
        for lj in layer:
            v = nodes[lj]
            best = -1
            best_d = np.inf
            for e in range(indptr[v], indptr[v + 1]):
                q = pos[indices[e]]
                if q < 0:
                    continue
                p = part[q]
                if p < 0:
                    continue
                dx = x[v] - sx[p] / cnt[p]
                dy = y[v] - sy[p] / cnt[p]
                d = dx * dx + dy * dy
                if d < best_d or (d == best_d and p < best):
                    best = p
                    best_d = d
            if best < 0:
                nxt[n_next] = lj
                n_next += 1
                continue
            part[lj] = best
            cnt[best] += 1
            sx[best] += x[v]
            sy[best] += y[v]
        if n_next == len(layer):  # cannot happen on a connected group
            part[:] = -1
            break
        layer = nxt[:n_next]
    for j in range(m):
        pos[nodes[j]] = -1
    return part


# --- border moves ---------------------------------------------------------------------------------


@njit(cache=True)
def _movable(i: int, b: int, mode: int, locked: np.ndarray, w: np.ndarray, t: np.ndarray) -> bool:
    if b < 0 or locked[i]:
        return False
    if mode == BALANCE:
        return w[i] > 0
    if mode == SSE_WEIGHTLESS:
        return w[i] == 0 and t[i] == 0
    return True


@njit(cache=True)
def _short(w: float, t: float, floor_w: float, floor_t: float) -> float:
    """How far a region of weight ``w`` and count ``t`` is under the floors (count in weight)."""
    return max(floor_w - w, 0.0) + floor_w * max(floor_t - t, 0.0)


@njit(cache=True)
def _still_connected(
    indptr: np.ndarray,
    indices: np.ndarray,
    pos: np.ndarray,
    lab: np.ndarray,
    li: int,
    nodes: np.ndarray,
    size: int,
    stamp: np.ndarray,
    mark: int,
    stack: np.ndarray,
) -> bool:
    """Whether the region of view position ``li`` (``size`` members) stays connected without it."""
    r = lab[li]
    i = nodes[li]
    start = -1
    for e in range(indptr[i], indptr[i + 1]):
        q = pos[indices[e]]
        if q >= 0 and lab[q] == r:
            start = q
            break
    if start < 0:
        return size <= 1
    stamp[li] = mark
    stamp[start] = mark
    stack[0] = start
    top = 1
    reached = 1
    while top > 0:
        top -= 1
        u = nodes[stack[top]]
        for e in range(indptr[u], indptr[u + 1]):
            q = pos[indices[e]]
            if q >= 0 and stamp[q] != mark and lab[q] == r:
                stamp[q] = mark
                stack[top] = q
                top += 1
                reached += 1
    return reached == size - 1


@njit(cache=True)
def border_nodes(
    indptr: np.ndarray,
    indices: np.ndarray,
    nodes: np.ndarray,
    lab: np.ndarray,
    pos: np.ndarray,
    locked: np.ndarray,
    w: np.ndarray,
    t: np.ndarray,
    mode: int,
) -> np.ndarray:
    """View positions (ascending) of movable nodes with a neighbour in another region."""
    out = np.empty(len(nodes), dtype=np.int64)
    k = 0
    for li in range(len(nodes)):
        i = nodes[li]
        a = lab[li]
        if not _movable(i, a, mode, locked, w, t):
            continue
        for e in range(indptr[i], indptr[i + 1]):
            q = pos[indices[e]]
            if q >= 0 and lab[q] != a and lab[q] >= 0:
                out[k] = li
                k += 1
                break
    return out[:k]


@njit(cache=True)
def border_moves(
    graph: Graph,
    view: View,
    queue_init: np.ndarray,
    sums: Sums,
    floors: Floors,
    mode: int,
    max_moves: int,
    max_checks: int,
    mu: float,
) -> tuple[int, int]:
    """Move border nodes of the view to the neighbouring region that improves the objective most.

    ``lab`` holds the region of each view position and is updated in place,
    as are the region sums ``rn`` (members), ``rw`` (weight), ``rt`` (count),
    ``rsx`` and ``rsy`` (coordinate sums), indexed by region id. A move keeps
    the donor connected and at its floors and the receiver at or under
    ``cap``. Objectives (``mode``): :data:`SSE` lowers the within-region SSE
    (minus ``lam`` per close pair kept together), :data:`BALANCE` the sum of
    squared region weights, :data:`SSE_WEIGHTLESS` the SSE moving only nodes
    without weight or count. ``queue_init`` holds the view positions to
    examine first (each once); a move queues the node's neighbours again.

    With a finite ``mu`` the floors are soft: a move may take a region under
    them at a cost of ``mu`` per unit of weight missing (and ``mu * floor_w``
    per missing count), so regions can change shape through states that are
    not allowed at the end (strategic oscillation); every region keeps at
    least one member.

    Returns
    -------
    moves, checks
        Moves made and nodes examined.
    """
    indptr, indices, x, y, w, t = graph.indptr, graph.indices, graph.x, graph.y, graph.w, graph.t
    locked, close_ptr, close_ind = graph.locked, graph.close_ptr, graph.close_ind
    nodes, lab, pos = view.nodes, view.lab, view.pos
    rn, rw, rt, rsx, rsy = sums.rn, sums.rw, sums.rt, sums.rsx, sums.rsy
    lam, floor_w, floor_t, cap = floors.lam, floors.floor_w, floors.floor_t, floors.cap
    m = len(nodes)
    for j in range(m):
        pos[nodes[j]] = j
    size = m + 1
    queue = np.empty(size, dtype=np.int64)
    inq = np.zeros(m, dtype=np.bool_)
    head = 0
    qlen = 0
    for li in queue_init:
        queue[qlen] = li
        qlen += 1
        inq[li] = True
    stamp = np.zeros(m, dtype=np.int64)
    stack = np.empty(m, dtype=np.int64)
    mark = 0
    balance = mode == BALANCE
    if balance:
        lam = 0.0
    near = np.zeros(len(rn), dtype=np.int64)  # close nodes of the node examined, per region
    moves = 0
    checks = 0
    while qlen > 0 and moves < max_moves and checks < max_checks:
        li = queue[head]
        head = (head + 1) % size
        qlen -= 1
        inq[li] = False
        checks += 1
        i = nodes[li]
        a = lab[li]
        na = rn[a]
        wi = w[i]
        if na <= 1:
            continue
        soft = mu < np.inf
        if not soft and (rw[a] - wi < floor_w or rt[a] - t[i] < floor_t):
            continue
        xi = x[i]
        yi = y[i]
        if balance:
            gain_out = 0.0
            best_gain = 1e-9
        else:
            dx = xi - rsx[a] / na
            dy = yi - rsy[a] / na
            gain_out = na / (na - 1) * (dx * dx + dy * dy)
            best_gain = 1e-9 * (gain_out + 1.0)
            if lam > 0:  # close nodes per region, counted once for all candidates
                for e in range(close_ptr[i], close_ptr[i + 1]):
                    q = pos[close_ind[e]]
                    if q >= 0 and lab[q] >= 0:
                        near[lab[q]] += 1
                gain_out -= lam * near[a]
        if soft:
            gain_out -= mu * (
                _short(rw[a] - wi, rt[a] - t[i], floor_w, floor_t)
                - _short(rw[a], rt[a], floor_w, floor_t)
            )
        best = -1
        same = 0
        for e in range(indptr[i], indptr[i + 1]):
            q = pos[indices[e]]
            if q < 0:
                continue
            b = lab[q]
            if b == a:
                same += 1
                continue
            if b < 0 or b == best:
                continue
            if rw[b] + wi > cap:
                continue
            if balance:
                g = 2.0 * wi * (rw[a] - rw[b] - wi)
            else:
                nb = rn[b]
                ex = xi - rsx[b] / nb
                ey = yi - rsy[b] / nb
                g = gain_out - nb / (nb + 1) * (ex * ex + ey * ey)
                if lam > 0:
                    g += lam * near[b]
            if soft:
                g -= mu * (
                    _short(rw[b] + wi, rt[b] + t[i], floor_w, floor_t)
                    - _short(rw[b], rt[b], floor_w, floor_t)
                )
            if g > best_gain or (g == best_gain and b < best):
                best = b
                best_gain = g
        if lam > 0 and not balance:
            for e in range(close_ptr[i], close_ptr[i + 1]):
                q = pos[close_ind[e]]
                if q >= 0 and lab[q] >= 0:
                    near[lab[q]] = 0
        if best < 0:
            continue
        if same > 1:
            mark += 1
            if not _still_connected(indptr, indices, pos, lab, li, nodes, na, stamp, mark, stack):
                continue
        rn[a] -= 1
        rw[a] -= wi
        rt[a] -= t[i]
        rsx[a] -= xi
        rsy[a] -= yi
        rn[best] += 1
        rw[best] += wi
        rt[best] += t[i]
        rsx[best] += xi
        rsy[best] += yi
        lab[li] = best
        moves += 1
        for e in range(indptr[i], indptr[i + 1]):
            k = indices[e]
            q = pos[k]
            if q >= 0 and not inq[q] and _movable(k, lab[q], mode, locked, w, t):
                queue[(head + qlen) % size] = q
                qlen += 1
                inq[q] = True
        if not inq[li]:
            queue[(head + qlen) % size] = li
            qlen += 1
            inq[li] = True
    for j in range(m):
        pos[nodes[j]] = -1
    return moves, checks


# --- re-splitting a pair of regions ---------------------------------------------------------------


@njit(cache=True)
def split_pair(
    graph: Graph,
    view: View,
    floors: Floors,
    balance: bool,
    gap_now: float,
    factor: np.ndarray,
) -> tuple[np.ndarray, float]:
    """Cut the minimum spanning tree of two regions' ``nodes`` at the best edge (SKATER's step).

    The best edge leaves two parts at the floors (and under ``cap``) with the
    least SSE (``balance``: the least weight difference, then SSE), if that
    beats the present split (``lab``, whose weight difference is ``gap_now``);
    with ``lam``, each close pair of the two regions that is split counts
    ``lam`` on top of the SSE.

    The tree is the minimum one for squared lengths stretched by ``factor``
    (per position, see :func:`prim_group`; all 1 for the true minimum).

    Returns
    -------
    inside, value
        Whether each position is on the cut-off side (all ``False`` when no
        cut beats the present split or the nodes are not connected), and the
        new split's SSE (plus the close-pair change; ``inf`` when none).
    """
    indptr, indices, nd2 = graph.indptr, graph.indices, graph.nd2
    x, y, w, t = graph.x, graph.y, graph.w, graph.t
    close_ptr, close_ind = graph.close_ptr, graph.close_ind
    nodes, lab, pos = view.nodes, view.lab, view.pos
    lam, floor_w, floor_t, cap = floors.lam, floors.floor_w, floors.floor_t, floors.cap
    m = len(nodes)
    inside = np.zeros(m, dtype=np.bool_)
    order, parent, count = prim_group(indptr, indices, nd2, nodes, pos, factor, 0)
    if count < m:
        return inside, np.inf
    x0 = x[nodes[0]]
    y0 = y[nodes[0]]
    sn = np.ones(m)
    sw = np.empty(m)
    st = np.empty(m)
    sx = np.empty(m)
    sy = np.empty(m)
    sq = np.empty(m)
    for j in range(m):
        v = nodes[j]
        sw[j] = w[v]
        st[j] = t[v]
        sx[j] = x[v] - x0
        sy[j] = y[v] - y0
        sq[j] = sx[j] * sx[j] + sy[j] * sy[j]
    for q in range(m - 1, 0, -1):
        j = order[q]
        p = parent[j]
        sn[p] += sn[j]
        sw[p] += sw[j]
        st[p] += st[j]
        sx[p] += sx[j]
        sy[p] += sy[j]
        sq[p] += sq[j]
    sse_now = _sse_by_label(x, y, nodes, (lab != lab[0]).astype(np.int64), 2)
    if balance:
        best_gap = gap_now - 1e-9 * (gap_now + 1.0)
        best_val = sse_now
    else:
        best_gap = 0.0
        best_val = sse_now * (1.0 - 1e-9) - 1e-6
    root = order[0]
    tn, tw, tt, tx, ty, tq = sn[root], sw[root], st[root], sx[root], sy[root], sq[root]
    best_k = -1
    for q in range(1, m):
        j = order[q]
        w1 = sw[j]
        t1 = st[j]
        w2 = tw - w1
        t2 = tt - t1
        if w1 < floor_w or w2 < floor_w or t1 < floor_t or t2 < floor_t or w1 > cap or w2 > cap:
            continue
        n1 = sn[j]
        n2 = tn - n1
        x1 = sx[j]
        y1 = sy[j]
        x2 = tx - x1
        y2 = ty - y1
        val = sq[j] - (x1 * x1 + y1 * y1) / n1 + (tq - sq[j]) - (x2 * x2 + y2 * y2) / n2
        gap = abs(w1 - w2) if balance else 0.0
        if gap < best_gap or (gap == best_gap and val < best_val):
            best_gap = gap
            best_val = val
            best_k = j
    if best_k < 0:
        return inside, np.inf
    inside[best_k] = True
    for j in order:
        p = parent[j]
        if p >= 0 and inside[p]:
            inside[j] = True
    if lam > 0 and not balance:
        # close pairs with both nodes in the pair: split before and after the cut (pairs
        # with one node outside are split either way)
        for j in range(m):
            pos[nodes[j]] = j
        before = 0
        after = 0
        for j in range(m):
            v = nodes[j]
            for e in range(close_ptr[v], close_ptr[v + 1]):
                q = pos[close_ind[e]]
                if q > j:
                    before += lab[q] != lab[j]
                    after += inside[q] != inside[j]
        for j in range(m):
            pos[nodes[j]] = -1
        best_val += lam * (after - before)
        if best_val >= sse_now:
            inside[:] = False
            return inside, np.inf
    return inside, best_val


@njit(cache=True)
def oscillate_moves(
    graph: Graph,
    view: View,
    keys: np.ndarray,
    sums: Sums,
    floors: Floors,
    mus: np.ndarray,
    max_moves: int,
    max_checks: int,
) -> tuple[int, int]:
    """Rounds of :func:`border_moves` (SSE), the floors soft at cost ``mus[r]`` in round ``r``.

    Each round starts from the border nodes in the random order of
    ``keys[r]`` (after the first round only those in or next to a region
    under a floor, the only moves whose gain a higher cost changes; the
    rounds end when no region is under a floor); ``inf`` in ``mus`` keeps
    the floors hard. The view, labels and
    sums are updated in place, as in :func:`border_moves`.

    Returns
    -------
    moves, checks
        In all rounds.
    """
    nodes, lab, pos = view.nodes, view.lab, view.pos
    indptr, indices, w, t, locked = graph.indptr, graph.indices, graph.w, graph.t, graph.locked
    rn, rw, rt = sums.rn, sums.rw, sums.rt
    floor_w, floor_t = floors.floor_w, floors.floor_t
    m = len(nodes)
    moves = 0
    checks = 0
    short = np.zeros(len(rn), dtype=np.bool_)
    for r in range(len(mus)):
        for j in range(m):
            pos[nodes[j]] = j
        border = border_nodes(indptr, indices, nodes, lab, pos, locked, w, t, SSE)
        if r > 0:
            # a higher cost changes the gain of moves out of or into a region under a floor
            # only; with none, the last round's local optimum stands (and the rounds end)
            n_short = 0
            for k in range(len(rn)):
                short[k] = rn[k] > 0 and _short(rw[k], rt[k], floor_w, floor_t) > 0
                n_short += short[k]
            if n_short == 0:
                for j in range(m):
                    pos[nodes[j]] = -1
                break
            keep = 0
            for b in border:
                hit = short[lab[b]]
                v = nodes[b]
                for e in range(indptr[v], indptr[v + 1]):
                    q = pos[indices[e]]
                    if hit or (q >= 0 and lab[q] >= 0 and short[lab[q]]):
                        hit = True
                        break
                if hit:
                    border[keep] = b
                    keep += 1
            border = border[:keep]
        queue = border[np.argsort(keys[r, : len(border)], kind="mergesort")]
        mv, ck = border_moves(graph, view, queue, sums, floors, SSE, max_moves, max_checks, mus[r])
        moves += mv
        checks += ck
    return moves, checks


@njit(cache=True)
def labels_objective(
    graph: Graph,
    view: View,
    size: int,
    lam: float,
) -> float:
    """SSE of the view labelled ``lab`` (regions below ``size``) plus ``lam`` per split close pair.

    Close pairs count when both nodes are in the view (a pair with one node
    outside is split whatever the view's labels are). ``pos`` is set and reset.
    """
    x, y, close_ptr, close_ind = graph.x, graph.y, graph.close_ptr, graph.close_ind
    nodes, lab, pos = view.nodes, view.lab, view.pos
    m = len(nodes)
    value = _sse_by_label(x, y, nodes, lab, size)
    if lam > 0:
        for j in range(m):
            pos[nodes[j]] = j
        split = 0
        for j in range(m):
            if lab[j] < 0:
                continue
            v = nodes[j]
            for e in range(close_ptr[v], close_ptr[v + 1]):
                q = pos[close_ind[e]]
                if q > j and lab[q] >= 0 and lab[q] != lab[j]:
                    split += 1
        for j in range(m):
            pos[nodes[j]] = -1
        value += lam * split
    return value


@njit(cache=True)
def csr_from_pairs(n: int, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both directions of the pairs ``(a[k], b[k])`` grouped by node (counting sort, stable)."""
    ptr = np.zeros(n + 1, dtype=np.int64)
    for k in range(len(a)):
        ptr[a[k] + 1] += 1
        ptr[b[k] + 1] += 1
    for v in range(n):
        ptr[v + 1] += ptr[v]
    fill = ptr[:n].copy()
    ind = np.empty(2 * len(a), dtype=np.int64)
    for k in range(len(a)):
        ind[fill[a[k]]] = b[k]
        fill[a[k]] += 1
    for k in range(len(a)):
        ind[fill[b[k]]] = a[k]
        fill[b[k]] += 1
    return ptr, ind
