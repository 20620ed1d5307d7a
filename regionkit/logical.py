"""Logical regions: towns that stand together, within the areas where schools already cooperate.

The programme's one test of a region is that it is *logical*: the whole of
the towns and villages whose pupils use its schools, two schools close
together in one region, and a small region that is part of a larger whole
merged into it (``docs/DOMAIN.md``, rules 1 and 3). :func:`propose_logical`
builds such regions in explainable steps:

1. **Whole towns.** The schools of one town (DUO's place name) and of one site
   (``[regions] keep_together_m``) form one building block. A town is split
   only into parts of at least ``[logical] split_town_pupils`` counted pupils
   each, along the longest link between its schools; the notes say so.
2. **Existing cooperation.** Every town lies in the area where its schools
   already cooperate (``[logical] containers``: the RMC regions by default,
   the regions for early school leaving, which school boards and
   municipalities run together). A region stays within one such area; it
   crosses the boundary only when the area cannot reach the floors alone.
3. **Towns that stand together.** Within an area, towns whose vmbo schools
   are less than ``[logical] together_m`` apart (chained: one built-up area
   and its suburbs) form one group. vso and praktijkonderwijs schools follow
   the group of their town, or else the neighbour they join in step 4: their
   pupils come from much further away, so where they stand says nothing about
   where vmbo pupils go.
4. **Large enough.** A group under a floor joins, smallest first, the
   neighbouring group of its area with the most school pairs closer than
   ``[rules] close_distance_m`` (rule 1), else the one it has the shortest
   link to in the proximity graph (so no water crossing without a link); a tie
   between two schools of one school board counts ``[logical] board_weight``
   times. Only a group without such a neighbour in its area crosses the
   boundary, in the same way. The floors are those of
   :func:`regionkit.wholes.large_enough`, the one definition the check uses.
5. **Part of a larger whole.** While a region is part of a larger whole by
   the check's own definition (:func:`regionkit.wholes.larger_wholes`), it
   joins that whole.
6. **A number of regions**, when asked for (``n_regions``): the smallest
   region joins its neighbour as in step 4, or the largest is cut between its
   towns where both sides keep the floors, until the number is reached.

Every region is named after the official area it coincides with (an RMC
region, COROP area, nodal area or province holding the same schools), which
is how analysts already speak of it, or else after its town with the most
vmbo pupils (leerjaar 3 and 4), the place people associate with the region;
it explains itself: its towns, nodal areas, RMC and COROP share, and why it
was split or joined (:attr:`RegionProposal.regions`, column ``explanation``).
There is nothing random: the same inputs give the same regions.
"""

from __future__ import annotations

import heapq
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree
from scipy.spatial import Delaunay, QhullError

from regionkit._format import format_int, format_number, format_pct
from regionkit._messages import text, text_n
from regionkit._schema import COUNTED_KINDS, LEERWEG_TOTAL_COLUMNS
from regionkit.config import Config, Language
from regionkit.funding import techniekarm_parts
from regionkit.metrics import GraphLike
from regionkit.regionalize import (
    RegionProposal,
    _feasible_components,
    _fill_missing,
    _finish,
    _place_small_parts,
    _prepare,
    _Setup,
    _site_groups,
    place_name,
)
from regionkit.wholes import (
    LargerWhole,
    floors,
    large_enough,
    larger_wholes,
    sizes,
    techniekarm_floor,
)

__all__ = ["EXPLANATION_COLUMNS", "propose_logical", "towns_split"]

logger = logging.getLogger(__name__)

#: The columns that explain each region, added to the regions table of a logical proposal.
EXPLANATION_COLUMNS = (
    "towns",
    "nodal_areas",
    "rmc",
    "rmc_share",
    "corop",
    "corop_share",
    "explanation",
)

#: A region takes an official area's name when at least this share of its schools is in
#: the area and this share of the area's schools is in the region.
_COINCIDE = 0.9

#: Compass words for the parts of a split town, Dutch as place names are written.
_COMPASS = ("Oost", "Noord", "West", "Zuid")

#: The school kinds whose places shape the groups of step 3 (the others follow).
_SHAPING_KINDS = ("vmbo",)


# --- inputs -------------------------------------------------------------------------------------


@dataclass
class _Town:
    """A building block: a whole town, or a part of a split town."""

    name: str  # "Rotterdam", "Rotterdam-Zuid"
    town: str  # the town's name
    nodes: np.ndarray


@dataclass
class _Input:
    setup: _Setup
    towns: list[_Town]
    block: np.ndarray  # block (town) number per node
    areas: dict[str, np.ndarray]  # division -> area name per node
    board: np.ndarray  # school board per node ("" unknown)
    shapes: np.ndarray  # the school shapes the groups (vmbo); vso and pro follow
    pupils: np.ndarray  # vmbo pupils in leerjaar 3 and 4 per node (the names)
    container: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    notes: list[str] = field(default_factory=list)
    split: dict[str, int] = field(default_factory=dict)  # town -> number of parts
    area_sizes: dict[str, dict[str, int]] = field(default_factory=dict)  # division -> area -> n
    karm_parts: tuple[np.ndarray, np.ndarray, Callable[[float, float], bool]] | None = None


def _column(setup: _Setup, name: str) -> np.ndarray:
    rows = setup.rows
    if rows is None or name not in rows:
        return np.full(setup.n, "", dtype=object)
    values = rows[name].astype(object).to_numpy()
    return np.array(["" if pd.isna(v) else str(v) for v in values], dtype=object)


def _by_label(labels: np.ndarray, k: int) -> list[np.ndarray]:
    """The nodes of each label ``0 .. k - 1``, ascending (one sort instead of k scans)."""
    keep = np.flatnonzero((labels >= 0) & (labels < k))
    order = keep[np.argsort(labels[keep], kind="stable")]
    return np.split(order, np.searchsorted(labels[order], np.arange(1, k)))


def _members(lab: np.ndarray) -> dict[int, np.ndarray]:
    """The nodes of each region number in ``lab``, ascending."""
    ids, dense = np.unique(lab, return_inverse=True)
    return dict(zip(ids.tolist(), _by_label(dense, len(ids)), strict=True))


def _incidence(a: np.ndarray, b: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs by node: ``ids[start[v]:start[v + 1]]`` are the pairs (a, b) that node v is in."""
    ends = np.concatenate([a, b])
    ids = np.concatenate([np.arange(len(a)), np.arange(len(a))])
    order = np.argsort(ends, kind="stable")
    return np.searchsorted(ends[order], np.arange(n + 1)), ids[order]


def _touching(incidence: tuple[np.ndarray, np.ndarray], nodes: np.ndarray) -> np.ndarray:
    """The pairs any of ``nodes`` is in, ascending, each once."""
    start, ids = incidence
    first, lengths = start[nodes], start[nodes + 1] - start[nodes]
    at = np.repeat(first - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
    return np.unique(ids[at])


def _areas(setup: _Setup) -> tuple[dict[str, np.ndarray], list[str]]:
    """Area name per node for rmc, corop, nodal and province; gaps from the nearest school."""
    out: dict[str, np.ndarray] = {}
    notes: list[str] = []
    for key in ("rmc", "corop", "nodal", "province"):
        col = "province" if key == "province" else f"{key}_name"
        values = _column(setup, col)
        if (values == "").all():
            out[key] = values
            continue
        gaps = values.copy()
        gaps[values == ""] = None
        filled, _ = _fill_missing(setup, gaps)
        out[key] = np.array([str(v) for v in filled], dtype=object)
        if key == "rmc" and (values == "").any():
            missing = setup.codes[values == ""]
            lang = setup.config.language
            codes = ", ".join(missing[:8]) + (", ..." if len(missing) > 8 else "")
            n = format_int(len(missing), lang)
            notes.append(text_n(lang, "logical.note.no_area", len(missing), n=n, codes=codes))
    return out, notes


def _same(values: np.ndarray) -> np.ndarray:
    """Pairs of nodes (chained) with the same non-empty value, ``(k, 2)``."""
    named = np.flatnonzero(values != "")
    _, first = np.unique(values[named].astype(str), return_inverse=True)
    order = np.argsort(first, kind="stable")
    same = first[order][1:] == first[order][:-1]
    return np.column_stack([named[order][:-1][same], named[order][1:][same]])


def _union(n: int, pairs: list[np.ndarray]) -> np.ndarray:
    """Connected components (numbered 0..) of the nodes joined by ``pairs``."""
    p = np.concatenate([np.empty((0, 2), dtype=np.int64), *pairs]).astype(np.int64)
    m = sparse.coo_matrix((np.ones(len(p)), (p[:, 0], p[:, 1])), shape=(n, n))
    _, labels = connected_components(m, directed=False)
    return np.asarray(labels, dtype=np.int64)


def _union_blocks(setup: _Setup, town: np.ndarray) -> np.ndarray:
    """Block per node: schools of one town and of one site together (numbered 0..)."""
    pairs = [_same(town)]
    for g in _site_groups(setup.xy, float(setup.config.regions.keep_together_m)):
        pairs.append(np.column_stack([g[:-1], g[1:]]))
    return _union(setup.n, pairs)


def _vmbo_pupils(setup: _Setup) -> np.ndarray:
    """vmbo pupils in leerjaar 3 and 4 (all leerwegen) per node; counted pupils without them."""
    rows = setup.rows
    if rows is None or not set(LEERWEG_TOTAL_COLUMNS) <= set(rows.columns):
        return setup.w.astype(float)
    counts = rows[list(LEERWEG_TOTAL_COLUMNS)].to_numpy(dtype=float).sum(axis=1)
    kind = _column(setup, "kind")
    return np.where(np.isin(kind, COUNTED_KINDS) | (kind == ""), counts, 0.0)


def _inputs(setup: _Setup) -> _Input:
    areas, notes = _areas(setup)
    town = np.array([str(p) for p in setup.places], dtype=object)
    block = _union_blocks(setup, town)
    towns = []
    for nodes in _by_label(block, int(block.max()) + 1 if setup.n else 0):
        names = sorted({str(town[i]) for i in nodes if town[i]}, key=lambda p: (-len(p), p))
        name = names[0] if names else str(setup.codes[nodes[0]])
        towns.append(_Town(name, name, nodes))
    kind = _column(setup, "kind")
    shapes = np.isin(kind, _SHAPING_KINDS) | (kind == "")
    return _Input(
        setup,
        towns,
        block,
        areas,
        _column(setup, "board"),
        shapes,
        _vmbo_pupils(setup),
        notes=notes,
        karm_parts=_karm_parts(setup),
    )


def _containers(inp: _Input) -> None:
    """The cooperation area of every node: that of most schools of its town (towns whole)."""
    setup = inp.setup
    key = setup.config.logical.containers
    if key == "none" or (inp.areas[key] == "").all():
        inp.container = np.full(setup.n, "", dtype=object)
        return
    values = inp.areas[key]
    per_block = np.empty(len(inp.towns), dtype=object)
    for b, town in enumerate(inp.towns):
        per_block[b] = _top(values[town.nodes])[0]
    inp.container = per_block[inp.block]


# --- step 1: large towns split ------------------------------------------------------------------


def _best_cut(
    setup: _Setup, nodes: np.ndarray, keep: np.ndarray, need_w: float, need_t: float
) -> np.ndarray | None:
    """One side of the longest spanning-tree link whose cut leaves both sides the floors.

    ``keep`` labels the nodes that must stay on one side (a site, or a town).
    """
    local = {int(v): k for k, v in enumerate(nodes.tolist())}
    inside = np.isin(setup.edges, nodes).all(axis=1)
    e = setup.edges[inside]
    if not len(e):
        return None
    a = np.array([local[int(v)] for v in e[:, 0]])
    b = np.array([local[int(v)] for v in e[:, 1]])
    k = len(nodes)
    graph = sparse.coo_matrix((setup.dist[inside] + 1e-3, (a, b)), shape=(k, k)).tocsr()
    if connected_components(graph, directed=False)[0] > 1:
        return None
    tree = minimum_spanning_tree(graph).tocoo()
    order = np.lexsort((tree.row, -tree.data))  # longest link first
    w, t = setup.w[nodes], setup.t[nodes]
    for j in order.tolist():
        if keep[tree.row[j]] == keep[tree.col[j]]:
            continue  # a site or town never straddles the cut
        mask = np.ones(tree.nnz, dtype=bool)
        mask[j] = False
        rest = sparse.coo_matrix((np.ones(mask.sum()), (tree.row[mask], tree.col[mask])), (k, k))
        _, side_of = connected_components(rest, directed=False)
        side = side_of == side_of[tree.row[j]]
        if any(len(set(side[keep == s].tolist())) > 1 for s in np.unique(keep)):
            continue
        if (
            min(w[side].sum(), w[~side].sum()) >= need_w
            and min(t[side].sum(), t[~side].sum()) >= need_t
        ):
            return side
    return None


def _compass(parts: list[np.ndarray], xy: np.ndarray) -> list[str]:
    """The compass word of each part, from its centre against the town's centre."""
    centre = xy[np.concatenate(parts)].mean(axis=0)
    words = []
    for nodes in parts:
        dx, dy = xy[nodes].mean(axis=0) - centre
        angle = np.degrees(np.arctan2(dy, dx)) % 360
        words.append(_COMPASS[int(((angle + 45) % 360) // 90)])
    return words


def _split_towns(inp: _Input) -> None:
    """Cut every town that holds twice ``split_town_pupils`` (and twice the technical floor)."""
    setup = inp.setup
    need_w = float(setup.config.logical.split_town_pupils)
    if need_w <= 0:
        return
    need_t = float(setup.floor_t)
    keep = _union_blocks(setup, np.full(setup.n, "", dtype=object))  # sites only
    towns: list[_Town] = []
    for town in inp.towns:
        parts = [town.nodes]
        done: list[np.ndarray] = []
        while parts:
            nodes = parts.pop(0)
            side = None
            if setup.w[nodes].sum() >= 2 * need_w and setup.t[nodes].sum() >= 2 * need_t:
                side = _best_cut(setup, nodes, keep[nodes], need_w, need_t)
            if side is None:
                done.append(nodes)
            else:
                parts += [nodes[side], nodes[~side]]
        if len(done) == 1:
            towns.append(town)
            continue
        done.sort(key=lambda p: int(p.min()))
        inp.split[town.town] = len(done)
        for word, nodes in zip(_compass(done, setup.xy), done, strict=True):
            towns.append(_Town(f"{town.town}-{word}", town.town, nodes))
    inp.towns = towns
    for b, town in enumerate(towns):
        inp.block[town.nodes] = b


# --- step 3: towns that stand together ----------------------------------------------------------


def _near_pairs(xy: np.ndarray, apart: float) -> np.ndarray:
    """Pairs of points closer than ``apart`` whose chains reach every such pair.

    Single linkage at ``apart`` needs only the pairs of the Euclidean minimum
    spanning tree closer than that, and the tree lies in the Delaunay
    triangulation: its edges under ``apart`` give the same groups as all pairs
    under ``apart``, in O(n log n) instead of O(n x pairs per school).
    """
    m = len(xy)
    if m < 2:
        return np.empty((0, 2), dtype=np.int64)
    if m < 4:
        pairs = np.array([(a, b) for a in range(m) for b in range(a + 1, m)], dtype=np.int64)
    else:
        try:
            tri = Delaunay(xy)
        except QhullError:  # all on one line (or one point): a joggled triangulation
            tri = Delaunay(xy, qhull_options="QJ")
        simplices = tri.simplices
        pairs = np.concatenate([simplices[:, [0, 1]], simplices[:, [1, 2]], simplices[:, [0, 2]]])
        if len(tri.coplanar):  # points on top of another: paired with the vertex they sit on
            pairs = np.concatenate([pairs, tri.coplanar[:, [0, 2]]])
        pairs = np.unique(np.sort(pairs, axis=1), axis=0)
    length = np.hypot(*(xy[pairs[:, 0]] - xy[pairs[:, 1]]).T)
    return pairs[length < apart]


def _town_groups(inp: _Input) -> np.ndarray:
    """Group per node: towns whose vmbo schools stand together, within one area.

    Towns are joined closest pair first; the parts of a split town are never
    joined again, not even through a third town.
    """
    setup = inp.setup
    apart = float(setup.config.logical.together_m)
    k = len(inp.towns)
    if apart <= 0:
        return inp.block.copy()
    found = [np.empty((0, 2), dtype=np.int64)]
    for area in np.unique(inp.container[inp.shapes]).tolist():
        nodes = np.flatnonzero(inp.shapes & (inp.container == area))
        found.append(nodes[_near_pairs(setup.xy[nodes], apart)])
    near = np.concatenate(found)
    a, b = inp.block[near[:, 0]], inp.block[near[:, 1]]
    keep = a != b
    if not inp.split:
        return _union(k, [np.column_stack([a[keep], b[keep]])])[inp.block]
    length = np.hypot(*(setup.xy[near[keep, 0]] - setup.xy[near[keep, 1]]).T)
    return _apart_parts(inp, a[keep], b[keep], length)[inp.block]


def _apart_parts(inp: _Input, a: np.ndarray, b: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Union of blocks ``a[i]``-``b[i]``, shortest first, never joining two parts of one town."""
    k = len(inp.towns)
    parent = list(range(k))
    parts: list[dict[str, int]] = [
        {t.town: i} if t.town in inp.split else {} for i, t in enumerate(inp.towns)
    ]

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in np.lexsort((b, a, length)).tolist():
        ra, rb = find(int(a[i])), find(int(b[i]))
        if ra == rb:
            continue
        pa, pb = parts[ra], parts[rb]
        if any(town in pb and pb[town] != part for town, part in pa.items()):
            continue  # would join two parts of a split town
        parent[ra] = rb
        parts[rb] = {**pa, **pb}
    roots = np.array([find(x) for x in range(k)])
    return np.unique(roots, return_inverse=True)[1].astype(np.int64)


# --- step 4: large enough -----------------------------------------------------------------------


def _tie_weights(inp: _Input, pairs: np.ndarray) -> np.ndarray:
    """How much a tie between two schools counts: more within a school board."""
    a, b = pairs[:, 0], pairs[:, 1]
    weight = np.ones(len(pairs))
    same_board = (inp.board[a] == inp.board[b]) & (inp.board[a] != "")
    weight[same_board] *= inp.setup.config.logical.board_weight
    return weight


@dataclass
class _Join:
    """A region that joined another region, and why."""

    block: int  # the region (by its label) that joined
    into: int  # the region it joined
    blocks: tuple[int, ...]  # the blocks (towns) that moved with it
    reason: str  # "floor", "across", "target", "hull" / "boundary" (part of a larger whole)
    value: float  # link length in metres, or the share for a larger whole
    area: str = ""  # the cooperation area it lay in


@dataclass
class _Ties:
    """The graph's links and the close pairs, with what a tie counts and which cross areas."""

    e0: np.ndarray
    e1: np.ndarray
    cost: np.ndarray  # link length as the joining counts it: metres / tie weight
    link_within: np.ndarray  # both ends in one cooperation area
    c0: np.ndarray
    c1: np.ndarray
    tie: np.ndarray  # what each close pair counts
    links_at: tuple[np.ndarray, np.ndarray]  # links by node (:func:`_incidence`)
    close_at: tuple[np.ndarray, np.ndarray]  # close pairs by node

    @classmethod
    def of(cls, inp: _Input) -> _Ties:
        setup = inp.setup
        e = setup.edges
        close = setup.close_pairs()
        weight = _tie_weights(inp, e)
        return cls(
            e[:, 0],
            e[:, 1],
            setup.dist.astype(float) / np.maximum(weight, 1e-9),
            inp.container[e[:, 0]] == inp.container[e[:, 1]],
            close[:, 0],
            close[:, 1],
            _tie_weights(inp, close),
            _incidence(e[:, 0], e[:, 1], setup.n),
            _incidence(close[:, 0], close[:, 1], setup.n),
        )


def _partner(ties: _Ties, lab: np.ndarray, r: int, nodes: np.ndarray) -> tuple[int, bool, int]:
    """The region ``r`` (schools ``nodes``) joins: in its own area if it can; most close
    pairs, else shortest link.

    Looks only at the links and close pairs of ``nodes``. Returns the region,
    whether the link crosses an area boundary, and the link's index.
    """
    near_links = _touching(ties.links_at, nodes)
    in0, in1 = lab[ties.e0[near_links]] == r, lab[ties.e1[near_links]] == r
    links = near_links[in0 != in1]
    beyond = np.where(in0, lab[ties.e1[near_links]], lab[ties.e0[near_links]])[in0 != in1]
    within = ties.link_within[links]
    crosses = not within.any()
    if not crosses:
        links, beyond = links[within], beyond[within]
    near_close = _touching(ties.close_at, nodes)
    in0, in1 = lab[ties.c0[near_close]] == r, lab[ties.c1[near_close]] == r
    across = near_close[in0 != in1]
    other = np.where(in0, lab[ties.c1[near_close]], lab[ties.c0[near_close]])[in0 != in1]
    neighbours, which = np.unique(beyond, return_inverse=True)
    near = np.isin(other, neighbours)
    sums = np.bincount(
        np.searchsorted(neighbours, other[near]), ties.tie[across][near], len(neighbours)
    )
    j = int(links[np.lexsort((links, ties.cost[links], -sums[which]))[0]])
    into = int(lab[ties.e1[j]] if lab[ties.e0[j]] == r else lab[ties.e0[j]])
    return into, crosses, j


@dataclass
class _KarmSums:
    """Per group: the techniekarm share's pupils, for rule 3's definition of large enough.

    Only with ``[logical] techniekarm_regions``: a techniekarm group is then
    large enough with ``[rules] min_techniekarm_pupils`` pupils
    (:func:`regionkit.wholes.techniekarm_floor`); else every group is held to
    the technical floors.
    """

    setup: _Setup
    numerator: np.ndarray | None = None
    denominator: np.ndarray | None = None
    test: Callable[[float, float], bool] | None = None

    @classmethod
    def of(cls, inp: _Input, lab: np.ndarray, k: int) -> _KarmSums:
        setup = inp.setup
        cfg = setup.config
        if not cfg.logical.techniekarm_regions or setup.rows is None or techniekarm_floor(cfg) <= 0:
            return cls(setup)
        try:
            num, den, test = techniekarm_parts(setup.rows, cfg.funding)
        except KeyError:  # a table without the count columns
            return cls(setup)
        on = lab >= 0
        return cls(
            setup,
            np.bincount(lab[on], num[on], minlength=k),
            np.bincount(lab[on], den[on], minlength=k),
            test,
        )

    def large_enough(self, r: int, w: float, t: float) -> bool:
        setup = self.setup
        fw, ft = setup.floor_w, setup.floor_t
        if self.numerator is None or self.denominator is None or self.test is None:
            return bool(large_enough([w], [t], floor_counted=fw, floor_technical=ft)[0])
        den = float(self.denominator[r])
        ok = large_enough(
            [w],
            [t],
            floor_counted=fw,
            floor_technical=ft,
            techniekarm=np.array([self.test(float(self.numerator[r]), den)]),
            pupils=np.array([den]),
            floor_techniekarm=techniekarm_floor(setup.config),
        )
        return bool(ok[0])

    def join(self, r: int, into: int) -> None:
        if self.numerator is not None and self.denominator is not None:
            self.numerator[into] += self.numerator[r]
            self.denominator[into] += self.denominator[r]


def _join_small(
    inp: _Input, lab: np.ndarray, active: np.ndarray, ties: _Ties
) -> tuple[np.ndarray, list[_Join]]:
    """Join groups under a floor, smallest first, to their partner (:func:`_partner`).

    A heap keeps the smallest group under a floor, and each step looks only at
    the links and close pairs of the group that joins, so the cost grows with
    the groups' sizes, not groups x schools.
    """
    setup = inp.setup
    lab = np.where(active, lab, -1)
    k = int(lab.max()) + 1 if active.any() else 0
    on = lab >= 0
    w = np.bincount(lab[on], setup.w[on], minlength=k)
    t = np.bincount(lab[on], setup.t[on], minlength=k)
    n = np.bincount(lab[on], minlength=k)
    comp_of = np.full(k, -1, dtype=np.int64)
    comp_of[lab[on]] = setup.comp[on]
    comp_n = np.bincount(setup.comp[on], minlength=int(setup.comp.max()) + 1 if setup.n else 0)
    members = dict(enumerate(_by_label(lab, k)))
    alive = n > 0

    karm = _KarmSums.of(inp, lab, k)

    def needy(r: int) -> bool:
        ok = karm.large_enough(r, w[r], t[r])
        return bool(alive[r] and not ok and n[r] < comp_n[comp_of[r]])

    heap = [(float(w[r]), int(t[r]), r) for r in range(k) if needy(r)]
    heapq.heapify(heap)
    joins: list[_Join] = []
    while heap:
        wr, tr, r = heapq.heappop(heap)
        if wr != w[r] or tr != t[r] or not needy(r):
            continue  # an entry from before the group grew, or it is no longer under a floor
        nodes = members.pop(r)
        into, crosses, j = _partner(ties, lab, r, nodes)
        lab[nodes] = into
        members[into] = np.concatenate([members[into], nodes])
        w[into] += w[r]
        t[into] += t[r]
        n[into] += n[r]
        karm.join(r, into)
        alive[r] = False
        moved = tuple(int(b) for b in np.unique(inp.block[nodes]))
        reason = "across" if crosses else "floor"
        area = _top(inp.container[nodes])[0]
        joins.append(_Join(r, into, moved, reason, float(setup.dist[j]), area))
        if needy(into):
            heapq.heappush(heap, (float(w[into]), int(t[into]), into))
    return lab, joins


# --- step 5: part of a larger whole -------------------------------------------------------------


def _wholes_of(inp: _Input, lab: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[LargerWhole]]:
    """The regions (labels), their sizes and those part of a larger whole, as the check finds
    them (:func:`regionkit.wholes.larger_wholes`; a techniekarm region on its pupils)."""
    setup = inp.setup
    cfg = setup.config
    ids, dense = np.unique(lab, return_inverse=True)
    k = len(ids)
    counted = np.bincount(dense, setup.w, minlength=k)
    karm: np.ndarray | None = None
    pupils: np.ndarray | None = None
    parts = inp.karm_parts
    if parts is not None:
        num, den, test = parts
        num_r, pupils = np.bincount(dense, num, minlength=k), np.bincount(dense, den, minlength=k)
        karm = np.array([test(float(a), float(b)) for a, b in zip(num_r, pupils, strict=True)])
    floor = floors(cfg)[0]
    floor_karm = techniekarm_floor(cfg)
    # pro schools [regions] pro_in_regions leaves out of the regions are in none, as the check
    # sees the proposal
    left_out = (_column(setup, "kind") == "pro") & (not cfg.regions.pro_in_regions)
    found = larger_wholes(
        np.where(left_out, -1, dense),
        setup.xy,
        counted,
        max_counted=cfg.rules.part_of_whole_max_counted_pupils,
        share=cfg.rules.part_of_whole_share,
        edges=setup.edges,
        techniekarm=karm,
        pupils=pupils,
        floor_counted=floor,
        floor_techniekarm=floor_karm,
    )
    size = sizes(
        counted,
        techniekarm=karm,
        pupils=pupils,
        floor_counted=floor,
        floor_techniekarm=floor_karm,
    )
    return ids, size, found


def _karm_parts(
    setup: _Setup,
) -> tuple[np.ndarray, np.ndarray, Callable[[float, float], bool]] | None:
    """Per node the techniekarm share's numerator and denominator, and its test (``None``
    without a techniekarm floor or without the count columns)."""
    if setup.rows is None or techniekarm_floor(setup.config) <= 0:
        return None
    try:
        return techniekarm_parts(setup.rows, setup.config.funding)
    except KeyError:  # a table without the count columns
        return None


def _join_wholes(inp: _Input, lab: np.ndarray) -> tuple[np.ndarray, list[_Join]]:
    """Join every region that is part of a larger whole (the check's definition) into it."""
    lab = lab.copy()
    joins: list[_Join] = []
    while True:
        ids, counted, found = _wholes_of(inp, lab)
        if not found:
            return lab, joins
        first = min(found, key=lambda f: (counted[f.region], f.region))
        small, whole = int(ids[first.region]), int(ids[first.whole])
        mine = lab == small
        moved = tuple(int(b) for b in np.unique(inp.block[mine]))
        lab[mine] = whole
        joins.append(_Join(small, whole, moved, first.aspect, first.share))


# --- step 6: a number of regions ----------------------------------------------------------------


def _merge_to(
    inp: _Input, lab: np.ndarray, ties: _Ties, n_regions: int
) -> tuple[np.ndarray, list[_Join]]:
    """Join the smallest region to its partner until at most ``n_regions`` remain."""
    setup = inp.setup
    lab = lab.copy()
    members = _members(lab)
    w = {r: float(setup.w[nodes].sum()) for r, nodes in members.items()}
    t = {r: int(setup.t[nodes].sum()) for r, nodes in members.items()}
    joins: list[_Join] = []
    stuck: set[int] = set()  # regions without a link to join by (islands)
    while len(members) > n_regions:
        movable = [r for r in members if r not in stuck]
        if len(movable) < 2:
            break
        r = min(movable, key=lambda q: (w[q], t[q], q))
        nodes = members[r]
        links = _touching(ties.links_at, nodes)
        if not (lab[ties.e0[links]] != lab[ties.e1[links]]).any():
            stuck.add(r)
            continue
        into, _, j = _partner(ties, lab, r, nodes)
        moved = tuple(int(b) for b in np.unique(inp.block[nodes]))
        area = _top(inp.container[nodes])[0]
        lab[nodes] = into
        members[into] = np.concatenate([members.pop(r), members[into]])
        w[into] += w.pop(r)
        t[into] += t.pop(r)
        joins.append(_Join(r, into, moved, "target", float(setup.dist[j]), area))
    return lab, joins


def _split_to(
    inp: _Input, lab: np.ndarray, ties: _Ties, n_regions: int
) -> tuple[np.ndarray, list[int], list[int]]:
    """Cut regions between their towns until ``n_regions`` exist, fewest close pairs first.

    Each region's cut is its longest spanning-tree link between two towns that
    leaves both sides the floors (:func:`_best_cut`); of those cuts, the one
    that splits the fewest school pairs within the close distance (rule 1) is
    made first, then the one in the region with the most counted pupils.
    A cut after which the check would call a region part of a larger whole
    (:func:`_wholes_of`, rule 3's one definition) is not made: that region
    stays whole. Returns the labels, the regions cut off (new labels) and the
    regions kept whole for that reason.
    """
    lab = lab.copy()
    members = _members(lab)
    cut: list[int] = []
    kept: list[int] = []
    options: dict[int, tuple[int, float, np.ndarray] | None] = {}
    flagged = _flagged(inp, lab)
    while len(members) < n_regions:
        for r, nodes in members.items():
            if r not in options:
                options[r] = _cut_option(inp, lab, ties, r, nodes)
        ready = {r: o for r, o in options.items() if o is not None}
        if not ready:
            break
        r = min(ready, key=lambda q: (ready[q][0], ready[q][1], q))
        new = int(lab.max()) + 1
        trial = lab.copy()
        trial[ready[r][2]] = new
        if _flagged(inp, trial) - flagged:
            options[r] = None  # a part would belong to a larger whole: r stays whole
            kept.append(r)
            continue
        lab = trial
        members[new] = ready[r][2]
        members[r] = np.flatnonzero(lab == r)
        cut.append(new)
        del options[r]
    return lab, cut, kept


def _flagged(inp: _Input, lab: np.ndarray) -> set[int]:
    """The labels of the regions that are part of a larger whole (:func:`_wholes_of`)."""
    ids, _, found = _wholes_of(inp, lab)
    return {int(ids[f.region]) for f in found}


def _cut_option(
    inp: _Input, lab: np.ndarray, ties: _Ties, r: int, nodes: np.ndarray
) -> tuple[int, float, np.ndarray] | None:
    """Region ``r``'s cut between its towns: close pairs it splits, -counted pupils, side."""
    setup = inp.setup
    side = _best_cut(setup, nodes, inp.block[nodes], setup.floor_w, setup.floor_t)
    if side is None:
        return None
    one = np.zeros(setup.n, dtype=bool)
    one[nodes[side]] = True
    close = _touching(ties.close_at, nodes)
    c0, c1 = ties.c0[close], ties.c1[close]
    inside = (lab[c0] == r) & (lab[c1] == r)
    split = int((inside & (one[c0] != one[c1])).sum())
    return split, -float(setup.w[nodes].sum()), nodes[~side]


# --- names and explanations ---------------------------------------------------------------------


def _top(values: np.ndarray) -> tuple[str, int]:
    """The most common value (ties: first name) and how often it occurs."""
    names, counts = np.unique(values.astype(str), return_counts=True)
    k = int(np.lexsort((names, -counts))[0])
    return str(names[k]), int(counts[k])


def _area_size(inp: _Input, key: str, name: str) -> int:
    """How many schools the official area ``name`` of division ``key`` holds (counted once)."""
    if key not in inp.area_sizes:
        names, counts = np.unique(inp.areas[key].astype(str), return_counts=True)
        inp.area_sizes[key] = dict(zip(names.tolist(), counts.tolist(), strict=True))
    return inp.area_sizes[key][name]


def _area_name(inp: _Input, nodes: np.ndarray) -> str | None:
    """The official area the region coincides with, if any."""
    best: tuple[float, int, str] | None = None
    # nodal areas are named after their central town, which the town rule finds anyway
    for rank, key in enumerate(("rmc", "corop", "province")):
        values = inp.areas[key]
        if (values[nodes] == "").all():
            continue
        name, count = _top(values[nodes])
        fit = min(count / len(nodes), count / _area_size(inp, key, name))
        if name and fit >= _COINCIDE and (best is None or (-fit, rank) < (-best[0], best[1])):
            best = (fit, rank, name)
    return best[2] if best else None


@dataclass
class _BlockSums:
    """Counted pupils, vmbo pupils and schools per block (town), summed once."""

    counted: np.ndarray
    pupils: np.ndarray
    schools: np.ndarray

    @classmethod
    def of(cls, inp: _Input) -> _BlockSums:
        k = len(inp.towns)
        return cls(
            np.bincount(inp.block, inp.setup.w, minlength=k),
            np.bincount(inp.block, inp.pupils, minlength=k),
            np.bincount(inp.block, minlength=k),
        )


def _ranked_blocks(inp: _Input, nodes: np.ndarray, values: np.ndarray, n: np.ndarray) -> list[int]:
    """The region's blocks by ``values`` (per block), then schools ``n``, then name."""
    blocks = np.unique(inp.block[nodes])
    names = [inp.towns[b].name for b in blocks]
    order = sorted(range(len(blocks)), key=lambda k: (-values[blocks[k]], -n[blocks[k]], names[k]))
    return [int(blocks[k]) for k in order]


def _names(
    inp: _Input, members: dict[int, np.ndarray], sums: _BlockSums
) -> dict[int, tuple[str, str, str]]:
    """Unique name, why (``"area"`` or ``"town"``) and the name it is made from, per region.

    A region that coincides with an official area takes its name, which is how
    analysts already speak of it; else its town with the most vmbo pupils
    (leerjaar 3 and 4, all leerwegen), the place people associate with it (not
    the one with the most counted pupils: one large technical school would
    name a region after a village).
    """
    names: dict[int, tuple[str, str, str]] = {}
    taken: dict[str, int] = {}
    w = {r: float(inp.setup.w[nodes].sum()) for r, nodes in members.items()}
    for r in sorted(members, key=lambda q: (-w[q], q)):
        nodes = members[r]
        area = _area_name(inp, nodes)
        if area:
            base, why = area, "area"
        else:
            top = _ranked_blocks(inp, nodes, sums.pupils, sums.schools)[0]
            base, why = inp.towns[top].name, "town"
        k = taken.get(base, 0) + 1
        taken[base] = k
        names[r] = (base if k == 1 else f"{base} {k}", why, base)
    return names


def _shares(values: np.ndarray, limit: int = 3) -> list[tuple[str, float]]:
    """The most common values (at most ``limit``) with their share."""
    names, counts = np.unique(values.astype(str), return_counts=True)
    order = np.lexsort((names, -counts))[:limit]
    return [(str(names[k]), counts[k] / len(values)) for k in order if names[k]]


@dataclass
class _Story:
    """Everything that made the regions what they are, for the explanations and notes."""

    groups: np.ndarray  # group per node (step 3)
    joins: list[_Join]
    cut: list[int]  # regions cut off to reach a number of regions
    n_regions: int | None
    #: the join that first moved each block (its own group joining a neighbour)
    first: dict[int, _Join] = field(default_factory=dict)
    #: the joins into a larger whole (their order and the join), by the first block that moved
    wholes: dict[int, list[tuple[int, _Join]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, j in enumerate(self.joins):
            for b in j.blocks:
                self.first.setdefault(b, j)
            if j.reason in ("hull", "boundary"):
                self.wholes.setdefault(j.blocks[0], []).append((i, j))


def _area_words(inp: _Input, area: str, lang: Language) -> str:
    """'RMC-regio Twente' / 'RMC region Twente' for the setting's kind of area."""
    return text(lang, f"logical.area.{inp.setup.config.logical.containers}", area=area)


def _towns_listed(inp: _Input, blocks: set[int], lang: Language) -> str:
    num = lambda v: format_number(float(v), lang, decimals=0)  # noqa: E731
    size = {b: float(inp.setup.w[inp.towns[b].nodes].sum()) for b in blocks}
    return ", ".join(
        f"{inp.towns[b].name} ({num(size[b])})" for b in sorted(blocks, key=lambda b: (-size[b], b))
    )


def _why_split(inp: _Input, blocks: set[int], lang: Language) -> list[str]:
    """The towns of the region that were split, and why."""
    setup = inp.setup
    out = []
    for town, k in sorted(inp.split.items()):
        parts = [b for b in blocks if inp.towns[b].town == town and inp.towns[b].name != town]
        if parts:
            whole = np.concatenate([t.nodes for t in inp.towns if t.town == town])
            out.append(
                text(
                    lang,
                    "logical.split",
                    part=inp.towns[parts[0]].name,
                    k=k,
                    town=town,
                    pupils=format_number(float(setup.w[whole].sum()), lang, decimals=0),
                    parts=format_number(setup.config.logical.split_town_pupils, lang),
                )
            )
    return out


def _why(inp: _Input, nodes: np.ndarray, label: int, story: _Story, lang: Language) -> list[str]:
    """Why the region is as it is: split towns, towns joined, larger wholes, a number asked."""
    setup = inp.setup
    cfg = setup.config
    num = lambda v: format_number(float(v), lang, decimals=0)  # noqa: E731
    km = num(cfg.rules.close_distance_m / 1000)
    blocks = set(np.unique(inp.block[nodes]).tolist())
    out = _why_split(inp, blocks, lang)
    # each town once: with the join that first moved it (its own group joining a neighbour)
    keys = ("floor", "across", "target")
    told: dict[tuple[str, str], set[int]] = {}
    for b in sorted(blocks):
        moved_by = story.first.get(b)
        if moved_by is not None and moved_by.reason in keys:
            told.setdefault((moved_by.reason, moved_by.area), set()).add(b)
    order = {"floor": 0, "across": 1, "target": 2}
    for (reason, area_name), moved in sorted(told.items(), key=lambda i: (order[i[0][0]], i[0][1])):
        values: dict[str, object] = {}
        if reason == "floor":
            values = {"floor": num(setup.floor_w), "technical": setup.floor_t}
        elif reason == "target":
            values = {"n": story.n_regions}
        area = _area_words(inp, area_name, lang)
        towns = _towns_listed(inp, moved, lang)
        out.append(text(lang, f"logical.join.{reason}", area=area, km=km, towns=towns, **values))
    if label in story.cut:
        out.append(text(lang, "logical.cut", n=story.n_regions))
    for _, j in sorted(ij for b in blocks for ij in story.wholes.get(b, [])):
        names = [inp.towns[b].name for b in j.blocks]
        shown = ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")
        share = format_pct(j.value, lang, decimals=0)
        out.append(text(lang, f"logical.whole.{j.reason}", towns=shown, share=share))
    return out


def _together(inp: _Input, nodes: np.ndarray, story: _Story, lang: Language) -> list[str]:
    """The sentence on towns that stand together, when the region holds such a group."""
    pairs = np.unique(np.column_stack([story.groups[nodes], inp.block[nodes]]), axis=0)
    if len(np.unique(pairs[:, 0])) == len(pairs):
        return []  # every group of the region is one town
    cfg = inp.setup.config
    area = _area_words(inp, _top(inp.container[nodes])[0], lang)
    km = format_number(cfg.logical.together_m / 1000, lang)
    return [text(lang, "logical.together", area=area, km=km)]


def _explain(
    inp: _Input,
    nodes: np.ndarray,
    label: int,
    name: tuple[str, str, str],
    story: _Story,
    sums: _BlockSums,
    lang: Language,
) -> dict[str, object]:
    """The columns that explain one region."""
    setup = inp.setup
    names = [inp.towns[b].name for b in _ranked_blocks(inp, nodes, sums.counted, sums.schools)]
    shown = ", ".join(names[:6])
    if len(names) > 6:
        shown = text(lang, "logical.more", towns=shown, n=len(names) - 6)
    pct = lambda v: format_pct(v, lang, decimals=0)  # noqa: E731
    nodal = "; ".join(f"{a} {pct(v)}" for a, v in _shares(inp.areas["nodal"][nodes]))
    rmc = _shares(inp.areas["rmc"][nodes], 1)
    corop = _shares(inp.areas["corop"][nodes], 1)
    lines = [
        text_n(lang, "logical.schools", len(nodes), n=format_int(len(nodes), lang), towns=shown)
    ]
    if nodal:
        lines.append(text(lang, "logical.nodal", areas=nodal))
    if rmc and corop:
        lines.append(
            text(
                lang,
                "logical.areas",
                rmc=rmc[0][0],
                rmc_share=pct(rmc[0][1]),
                corop=corop[0][0],
                corop_share=pct(corop[0][1]),
            )
        )
    if setup.config.logical.containers != "none":
        lines += _together(inp, nodes, story, lang)
    lines += _why(inp, nodes, label, story, lang) or [text(lang, "logical.alone")]
    lines.append(text(lang, f"logical.named.{name[1]}", name=name[2]))
    return {
        "towns": ", ".join(names),
        "nodal_areas": nodal,
        "rmc": rmc[0][0] if rmc else "",
        "rmc_share": round(rmc[0][1], 4) if rmc else np.nan,
        "corop": corop[0][0] if corop else "",
        "corop_share": round(corop[0][1], 4) if corop else np.nan,
        "explanation": " ".join(lines),
    }


# --- the method ---------------------------------------------------------------------------------


def _setup(schools: pd.DataFrame, graph: GraphLike, config: Config) -> _Setup:
    """The regionalizer's inputs with the floors of a logical region (rule 3's definition)."""
    from regionkit.wholes import floors

    counted, technical = floors(config)
    regions = replace(config.regions, min_counted_pupils=counted, min_technical_schools=technical)
    setup = _prepare(schools, graph, replace(config, regions=regions))
    setup.floor_keys = "[rules] min_counted_pupils, [regions] min_technical_schools"
    return setup


def _regions(inp: _Input, n_regions: int | None) -> tuple[np.ndarray, _Story, list[str]]:
    """Steps 3 to 6: the region label per node, the story of how, and notes."""
    setup = inp.setup
    feasible = _feasible_components(setup)
    _containers(inp)
    groups = _town_groups(inp)
    ties = _Ties.of(inp)
    lab, joins = _join_small(inp, groups, feasible[setup.comp], ties)
    lab, _, small_notes = _place_small_parts(setup, lab, feasible, int(groups.max()) + 1)
    lab, whole_joins = _join_wholes(inp, lab)
    joins += whole_joins
    cut: list[int] = []
    notes = small_notes
    if n_regions is not None:
        before = len(np.unique(lab))
        lab, target_joins = _merge_to(inp, lab, ties, n_regions)
        joins += target_joins
        lab, cut, kept = _split_to(inp, lab, ties, n_regions)
        after = len(np.unique(lab))
        notes = [*notes, _target_note(before, after, n_regions, len(kept), setup)]
    return lab, _Story(groups, joins, cut, n_regions), notes


def propose_logical(
    schools: pd.DataFrame,
    graph: GraphLike,
    *,
    config: Config | None = None,
    n_regions: int | None = None,
) -> RegionProposal:
    """Logical regions: towns that stand together, within the areas where schools cooperate.

    Parameters
    ----------
    schools
        The schools table (:func:`regionkit.schools.load_schools`).
    graph
        The proximity graph over the same schools.
    config
        The settings of the method (``[logical]``), the floors of a large
        enough region (:func:`regionkit.wholes.floors`) and the
        part-of-a-larger-whole rule (``[rules] part_of_whole_*``); the defaults
        when ``None``.
    n_regions
        A number of regions to reach: the smallest regions join their
        neighbours, or the largest are cut between their towns where both
        sides keep the floors (the notes say whether and how it was reached).
        ``None`` (the default) lets the number follow from the towns.

    Returns
    -------
    RegionProposal
        Method ``"logical"``; every school in exactly one region. Its ``regions``
        table adds ``towns``, ``nodal_areas``, ``rmc``, ``rmc_share``, ``corop``,
        ``corop_share`` and ``explanation`` per region.

    Raises
    ------
    InfeasibleError
        When no part of the proximity graph reaches the floors.

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.graph import ProximityGraph
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> config = load_config()
    >>> graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    >>> p = propose_logical(schools, graph, config=config)
    >>> p.metrics.n_under_floor, p.metrics.n_disconnected, p.metrics.n_unassigned
    (0, 0, 0)
    >>> propose_logical(schools, graph, config=config, n_regions=50).n_regions
    50
    """
    from regionkit.regionalize import _default_config

    config = _default_config(config)
    started = time.perf_counter()
    setup = _setup(schools, graph, config)
    inp = _inputs(setup)
    _split_towns(inp)
    lab, story, more_notes = _regions(inp, n_regions)
    members, sums = _members(lab), _BlockSums.of(inp)
    named = _names(inp, members, sums)
    names = {r: v[0] for r, v in named.items()}
    notes = inp.notes + _notes(inp, story) + more_notes
    proposal = _finish(setup, lab, names, method="logical", seed=None, notes=notes)
    lang = config.language
    rows = [_explain(inp, members[r], r, named[r], story, sums, lang) for r in named]
    extra = pd.DataFrame(rows, index=[names[r] for r in named])
    table = proposal.regions.join(extra, on="region")
    logger.info(
        "logical: %d regions from %d schools in %.3f s",
        proposal.n_regions,
        setup.n,
        time.perf_counter() - started,
    )
    return replace(proposal, regions=table)


def _target_note(before: int, after: int, n_regions: int, kept: int, setup: _Setup) -> str:
    """How the number of regions asked for was met (``kept``: regions not cut because a part
    would be part of a larger whole)."""
    lang = setup.config.language
    if after == n_regions:
        how = "joined" if after < before else "cut" if after > before else "same"
        note = text(
            lang,
            "logical.target.met",
            n=format_int(n_regions, lang),
            before=format_int(before, lang),
            how=text(lang, f"logical.target.{how}"),
        )
    else:
        why = (
            text(
                lang,
                "logical.target.no_cut",
                counted=format_number(setup.floor_w, lang, decimals=0),
                technical=format_int(setup.floor_t, lang),
            )
            if after < n_regions
            else text(lang, "logical.target.no_link")
        )
        note = text(
            lang,
            "logical.target.missed",
            after=format_int(after, lang),
            n=format_int(n_regions, lang),
            before=format_int(before, lang),
            why=why,
        )
    if kept:
        note += "; " + text_n(lang, "logical.target.kept", kept, n=format_int(kept, lang))
    return note


def _notes(inp: _Input, story: _Story) -> list[str]:
    """What the analyst should know about the whole proposal."""
    setup = inp.setup
    cfg = setup.config.logical
    lang = setup.config.language
    notes = []
    for town, k in sorted(inp.split.items()):
        parts = [t.name for t in inp.towns if t.town == town]
        nodes = np.concatenate([t.nodes for t in inp.towns if t.town == town])
        note = text(
            lang,
            "logical.note.split",
            town=town,
            pupils=format_number(float(setup.w[nodes].sum()), lang, decimals=0),
            n=format_int(len(nodes), lang),
            k=format_int(k, lang),
            parts=", ".join(parts),
            floor=format_number(cfg.split_town_pupils, lang),
        )
        notes.append(note)
    notes.append(_groups_note(inp, story))
    return notes


def _groups_note(inp: _Input, story: _Story) -> str:
    """How the towns stand together, joined within and across areas and into larger wholes."""
    cfg = inp.setup.config.logical
    lang = inp.setup.config.language

    def n(value: int) -> str:
        return format_int(value, lang)

    n_groups = len(np.unique(story.groups))
    n_floor = sum(len(j.blocks) for j in story.joins if j.reason == "floor")
    crossed = sorted({j.area for j in story.joins if j.reason == "across"})
    n_whole = sum(1 for j in story.joins if j.reason in ("hull", "boundary"))
    towns = text_n(
        lang,
        "logical.note.towns",
        len(inp.towns),
        n=n(len(inp.towns)),
        groups=text_n(lang, "logical.note.groups", n_groups, n=n(n_groups)),
        km=format_number(cfg.together_m / 1000, lang),
        kind=text(lang, f"logical.note.kind.{cfg.containers}"),
    )
    areas = ", ".join(crossed[:8]) + (", ..." if len(crossed) > 8 else "")
    across = text_n(lang, "logical.note.crossed", len(crossed), n=n(len(crossed)), areas=areas)
    return text(
        lang,
        "logical.note.summary",
        towns=towns,
        joined=text_n(lang, "logical.note.joined", n_floor, n=n(n_floor)),
        crossed=across if crossed else text(lang, "logical.note.crossed_none"),
        whole=text_n(lang, "logical.note.whole", n_whole, n=n(n_whole)),
    )


def towns_split(schools: pd.DataFrame, assignment: pd.Series) -> list[str]:
    """The towns whose schools lie in more than one region, as people write them.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"code": ["A", "B", "C"], "place": ["ZEIST", "ZEIST", "DOORN"]})
    >>> towns_split(s, pd.Series({"A": "x", "B": "y", "C": "y"}))
    ['Zeist']
    """
    places = schools.set_index(schools["code"].astype(str))["place"]
    a = assignment.dropna()
    table = pd.DataFrame(
        {"place": places.reindex(a.index.astype(str)).to_numpy(), "r": a.to_numpy()}
    )
    table = table.dropna()
    counts = table.groupby("place")["r"].nunique()
    return sorted(place_name(str(p)) for p in counts[counts > 1].index)
