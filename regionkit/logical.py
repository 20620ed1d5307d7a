"""Logical regions: whole towns joined into the regions the programme means.

The programme's one test of a region is that it is *logical*: the whole of
the towns and villages whose pupils use its schools, two schools close
together in one region, and a small region that is part of a larger whole
merged into it (``docs/DOMAIN.md``, rules 1 and 3). :func:`propose_logical`
builds such regions in four explainable steps:

1. **Whole towns.** The schools of one town (DUO's place name) and of one site
   (``[regions] keep_together_m``) form one building block.
2. **Large towns split.** A town that alone holds at least twice
   ``[logical] split_town_floors`` times both floors is cut into parts that
   each keep that much, along the longest link between its schools (where
   they stand furthest apart: across a river or a park); the notes say so.
3. **Small towns join.** Smallest first, a block under a floor joins the
   neighbouring region (in the proximity graph, so no water crossing without
   a link) with which it has the most school pairs closer than ``[rules]
   close_distance_m``: two schools close together belong in one region (rule
   1). Between neighbours with as many such pairs (most often: none) it joins
   the one it has the shortest link to. A tie (a close pair, a link) across an
   RMC region, COROP area or nodal area boundary counts ``[logical]
   *_weight`` times as much, a pair counting less and a link as longer
   (existing cooperation costs to cross); a tie between two schools of one
   school board counts ``board_weight`` times as much.
4. **Part of a larger whole.** While a region is part of a larger whole by
   the check's own definition (:func:`regionkit.wholes.larger_wholes`), it
   joins that whole.

The number of regions follows from the towns and the floors. Every region is
named after the official area it coincides with (an RMC region, COROP area,
nodal area or province holding the same schools) or else its largest town,
and explains itself: its towns, nodal areas, RMC and COROP share, and why it
was split or joined (:attr:`RegionProposal.regions`, column ``explanation``).
There is nothing random: the same inputs give the same regions.
"""

from __future__ import annotations

import heapq
import logging
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components, minimum_spanning_tree

from regionkit._format import format_int, format_number, format_pct
from regionkit._messages import text, text_n
from regionkit.config import Config, Language
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
from regionkit.wholes import larger_wholes

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

#: The divisions whose boundaries cost to cross, with their setting in ``[logical]``.
_CROSSINGS = (("rmc", "rmc_weight"), ("corop", "corop_weight"), ("nodal", "nodal_weight"))

#: A region takes an official area's name when at least this share of its schools is in
#: the area and this share of the area's schools is in the region.
_COINCIDE = 0.9

#: Compass words for the parts of a split town, Dutch as place names are written.
_COMPASS = ("Oost", "Noord", "West", "Zuid")


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
    notes: list[str] = field(default_factory=list)
    split: dict[str, int] = field(default_factory=dict)  # town -> number of parts
    area_sizes: dict[str, dict[str, int]] = field(default_factory=dict)  # division -> area -> n


def _column(setup: _Setup, name: str) -> np.ndarray:
    rows = setup.rows
    if rows is None or name not in rows:
        return np.full(setup.n, "", dtype=object)
    values = rows[name].astype(object).to_numpy()
    return np.array(["" if pd.isna(v) else str(v) for v in values], dtype=object)


def _groups(labels: np.ndarray, k: int) -> list[np.ndarray]:
    """The nodes of each label ``0 .. k - 1``, ascending (one sort instead of k scans)."""
    keep = np.flatnonzero((labels >= 0) & (labels < k))
    order = keep[np.argsort(labels[keep], kind="stable")]
    return np.split(order, np.searchsorted(labels[order], np.arange(1, k)))


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
            notes.append(
                f"{len(missing)} school(s) without RMC, COROP or nodal area (not in DUO's address "
                f"file: {', '.join(missing[:8])}{', ...' if len(missing) > 8 else ''}) take "
                "those of their nearest neighbour"
            )
    return out, notes


def _union_blocks(setup: _Setup, town: np.ndarray) -> np.ndarray:
    """Block per node: schools of one town and of one site together (numbered 0..)."""
    n = setup.n
    pairs = [np.empty((0, 2), dtype=np.int64)]
    for g in _site_groups(setup.xy, float(setup.config.regions.keep_together_m)):
        pairs.append(np.column_stack([g[:-1], g[1:]]))
    named = np.flatnonzero(town != "")
    _, first = np.unique(town[named], return_inverse=True)
    order = np.argsort(first, kind="stable")
    same = first[order][1:] == first[order][:-1]
    pairs.append(np.column_stack([named[order][:-1][same], named[order][1:][same]]))
    p = np.concatenate(pairs)
    m = sparse.coo_matrix((np.ones(len(p)), (p[:, 0], p[:, 1])), shape=(n, n))
    _, labels = connected_components(m, directed=False)
    return np.asarray(labels, dtype=np.int64)


def _inputs(setup: _Setup) -> _Input:
    areas, notes = _areas(setup)
    town = np.array([str(p) for p in setup.places], dtype=object)
    block = _union_blocks(setup, town)
    towns = []
    for nodes in _groups(block, int(block.max()) + 1 if setup.n else 0):
        names = sorted({str(town[i]) for i in nodes if town[i]}, key=lambda p: (-len(p), p))
        name = names[0] if names else str(setup.codes[nodes[0]])
        towns.append(_Town(name, name, nodes))
    return _Input(setup, towns, block, areas, _column(setup, "board"), notes)


# --- step 2: large towns split ------------------------------------------------------------------


def _best_cut(
    setup: _Setup, nodes: np.ndarray, keep: np.ndarray, need_w: float, need_t: float
) -> np.ndarray | None:
    """One side of the longest spanning-tree link whose cut leaves both sides the floors."""
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
        mask = np.ones(tree.nnz, dtype=bool)
        mask[j] = False
        rest = sparse.coo_matrix((np.ones(mask.sum()), (tree.row[mask], tree.col[mask])), (k, k))
        _, side_of = connected_components(rest, directed=False)
        side = side_of == side_of[tree.row[j]]
        # a site never straddles the cut
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
    """Cut every town that holds twice ``split_town_floors`` times both floors."""
    setup = inp.setup
    factor = setup.config.logical.split_town_floors
    if factor <= 0:
        return
    need_w, need_t = factor * setup.floor_w, factor * setup.floor_t
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


# --- step 3: small towns join -------------------------------------------------------------------


def _tie_weights(inp: _Input, pairs: np.ndarray) -> np.ndarray:
    """How much a tie between two schools counts: less across a boundary, more within a board."""
    settings = inp.setup.config.logical
    a, b = pairs[:, 0], pairs[:, 1]
    weight = np.ones(len(pairs))
    for key, name in _CROSSINGS:
        values = inp.areas[key]
        across = (values[a] != values[b]) & (values[a] != "")
        weight[across] *= getattr(settings, name)
    same_board = (inp.board[a] == inp.board[b]) & (inp.board[a] != "")
    weight[same_board] *= settings.board_weight
    return weight


def _link_costs(inp: _Input) -> np.ndarray:
    """Length of each graph link as the joining step counts it: metres / tie weight."""
    weight = _tie_weights(inp, inp.setup.edges)
    return inp.setup.dist.astype(float) / np.maximum(weight, 1e-9)


@dataclass
class _Join:
    """A block that joined another region, and why."""

    block: int  # the region (by its first block) that joined
    into: int  # the region it joined
    blocks: tuple[int, ...]  # the blocks that moved with it
    reason: str  # "floor" or "hull" / "boundary" (part of a larger whole)
    value: float  # link length in metres, or the share for a larger whole


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


def _join_small(inp: _Input, active: np.ndarray) -> tuple[np.ndarray, list[_Join]]:
    """Join blocks under a floor, smallest first: most close pairs, else shortest link.

    Each step looks only at the links and close pairs of the block that joins
    (a heap keeps the smallest block under a floor), so the cost grows with the
    blocks' sizes, not blocks x schools.
    """
    setup = inp.setup
    cost = _link_costs(inp)
    lab = np.where(active, inp.block, -1)
    k = len(inp.towns)
    w = np.bincount(inp.block[active], setup.w[active], minlength=k)
    t = np.bincount(inp.block[active], setup.t[active], minlength=k)
    n = np.bincount(inp.block[active], minlength=k)
    comp_of = np.full(k, -1, dtype=np.int64)
    comp_of[inp.block[active]] = setup.comp[active]
    comp_n = np.bincount(setup.comp[active], minlength=int(setup.comp.max()) + 1)
    e0, e1 = setup.edges[:, 0], setup.edges[:, 1]
    close = setup.close_pairs()
    c0, c1 = close[:, 0], close[:, 1]
    tie = _tie_weights(inp, close)
    links_at = _incidence(e0, e1, setup.n)
    close_at = _incidence(c0, c1, setup.n)
    members = dict(enumerate(_groups(lab, k)))
    alive = n > 0

    def needy(r: int) -> bool:
        return bool(
            alive[r]
            and (w[r] < setup.floor_w or t[r] < setup.floor_t)
            and n[r] < comp_n[comp_of[r]]
        )

    heap = [(float(w[r]), int(t[r]), r) for r in range(k) if needy(r)]
    heapq.heapify(heap)
    joins: list[_Join] = []
    while heap:
        wr, tr, r = heapq.heappop(heap)
        if wr != w[r] or tr != t[r] or not needy(r):
            continue  # an entry from before the block grew, or it is no longer under a floor
        nodes = members.pop(r)
        near_links = _touching(links_at, nodes)
        in0, in1 = lab[e0[near_links]] == r, lab[e1[near_links]] == r
        links = near_links[in0 != in1]
        beyond = np.where(in0, lab[e1[near_links]], lab[e0[near_links]])[in0 != in1]
        # close pairs (rule 1) to each neighbouring region
        near_close = _touching(close_at, nodes)
        in0, in1 = lab[c0[near_close]] == r, lab[c1[near_close]] == r
        across = near_close[in0 != in1]
        partner = np.where(in0, lab[c1[near_close]], lab[c0[near_close]])[in0 != in1]
        neighbours, which = np.unique(beyond, return_inverse=True)
        near = np.isin(partner, neighbours)
        sums = np.bincount(
            np.searchsorted(neighbours, partner[near]), tie[across][near], len(neighbours)
        )
        pairs = sums[which]
        j = int(links[np.lexsort((links, cost[links], -pairs))[0]])
        other = int(lab[e1[j]] if lab[e0[j]] == r else lab[e0[j]])
        lab[nodes] = other
        members[other] = np.concatenate([members[other], nodes])
        w[other] += w[r]
        t[other] += t[r]
        n[other] += n[r]
        alive[r] = False
        moved = tuple(int(b) for b in np.unique(inp.block[nodes]))
        joins.append(_Join(r, other, moved, "floor", float(setup.dist[j])))
        if needy(other):
            heapq.heappush(heap, (float(w[other]), int(t[other]), other))
    return lab, joins


# --- step 4: part of a larger whole -------------------------------------------------------------


def _join_wholes(inp: _Input, lab: np.ndarray) -> tuple[np.ndarray, list[_Join]]:
    """Join every region that is part of a larger whole (the check's definition) into it."""
    setup = inp.setup
    rules = setup.config.rules
    lab = lab.copy()
    joins: list[_Join] = []
    while True:
        ids, dense = np.unique(lab, return_inverse=True)
        counted = np.bincount(dense, setup.w, minlength=len(ids))
        found = larger_wholes(
            dense,
            setup.xy,
            counted,
            max_counted=rules.part_of_whole_max_counted_pupils,
            share=rules.part_of_whole_share,
            edges=setup.edges,
        )
        if not found:
            return lab, joins
        first = min(found, key=lambda f: (counted[f.region], f.region))
        small, whole = int(ids[first.region]), int(ids[first.whole])
        mine = lab == small
        moved = tuple(int(b) for b in np.unique(inp.block[mine]))
        lab[mine] = whole
        joins.append(_Join(small, whole, moved, first.aspect, first.share))


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
    for rank, key in enumerate(("rmc", "corop", "nodal", "province")):
        values = inp.areas[key]
        if (values[nodes] == "").all():
            continue
        name, count = _top(values[nodes])
        fit = min(count / len(nodes), count / _area_size(inp, key, name))
        if name and fit >= _COINCIDE and (best is None or (-fit, rank) < (-best[0], best[1])):
            best = (fit, rank, name)
    return best[2] if best else None


def _by_block_name(inp: _Input, nodes: np.ndarray) -> list[str]:
    """The names of the blocks of ``nodes``, most counted pupils first (then most schools,
    then by name)."""
    block_names = np.array([t.name for t in inp.towns], dtype=object)
    names, which = np.unique(block_names[inp.block[nodes]].astype(str), return_inverse=True)
    w = np.bincount(which, inp.setup.w[nodes], minlength=len(names))
    n = np.bincount(which, minlength=len(names))
    return [str(names[k]) for k in np.lexsort((np.arange(len(names)), -n, -w))]


def _largest_block(inp: _Input, nodes: np.ndarray) -> str:
    """The block (town, or part of a split town) with the most counted pupils."""
    return _by_block_name(inp, nodes)[0]


def _members(lab: np.ndarray) -> dict[int, np.ndarray]:
    """The nodes of each region number in ``lab``, ascending."""
    ids, dense = np.unique(lab, return_inverse=True)
    return dict(zip(ids.tolist(), _groups(dense, len(ids)), strict=True))


def _names(inp: _Input, lab: np.ndarray) -> dict[int, str]:
    """Unique names: the coinciding official area, else the largest town."""
    names: dict[int, str] = {}
    taken: dict[str, int] = {}
    members = _members(lab)
    regions = sorted(members, key=lambda r: (-float(inp.setup.w[members[r]].sum()), r))
    for r in regions:
        nodes = members[r]
        base = _area_name(inp, nodes) or _largest_block(inp, nodes)
        k = taken.get(base, 0) + 1
        taken[base] = k
        names[r] = base if k == 1 else f"{base} {k}"
    return names


def _shares(values: np.ndarray, limit: int = 3) -> list[tuple[str, float]]:
    """The most common values (at most ``limit``) with their share."""
    names, counts = np.unique(values.astype(str), return_counts=True)
    order = np.lexsort((names, -counts))[:limit]
    return [(str(names[k]), counts[k] / len(values)) for k in order if names[k]]


def _joins_by_block(joins: list[_Join]) -> dict[int, list[int]]:
    """The joins by the first block that moved (indices into ``joins``, in order)."""
    index: dict[int, list[int]] = {}
    for i, j in enumerate(joins):
        index.setdefault(j.blocks[0], []).append(i)
    return index


def _why(
    inp: _Input,
    nodes: np.ndarray,
    joins: list[_Join],
    lang: Language,
    by_block: dict[int, list[int]] | None = None,
) -> list[str]:
    """Why the region is as it is: split towns, towns joined under a floor, larger wholes."""
    setup = inp.setup
    cfg = setup.config
    num = lambda v: format_number(float(v), lang, decimals=0)  # noqa: E731
    blocks = set(np.unique(inp.block[nodes]).tolist())
    out = []
    for town, k in sorted(inp.split.items()):
        parts = [b for b in blocks if inp.towns[b].town == town and inp.towns[b].name != town]
        if parts:
            whole = np.sort(np.concatenate([t.nodes for t in inp.towns if t.town == town]))
            out.append(
                text(
                    lang,
                    "logical.split",
                    part=inp.towns[parts[0]].name,
                    k=k,
                    town=town,
                    pupils=num(setup.w[whole].sum()),
                    factor=format_number(cfg.logical.split_town_floors, lang),
                )
            )
    # the joins that moved a block of this region, in the order they happened
    by_block = _joins_by_block(joins) if by_block is None else by_block
    mine = [joins[i] for i in sorted(i for b in blocks for i in by_block.get(b, []))]
    floor = {b for j in mine if j.reason == "floor" for b in j.blocks}
    if floor:
        size = {b: float(setup.w[inp.towns[b].nodes].sum()) for b in floor}
        listed = ", ".join(
            f"{inp.towns[b].name} ({num(size[b])})"
            for b in sorted(floor, key=lambda b: (-size[b], b))
        )
        out.append(
            text(
                lang,
                "logical.joined",
                km=num(cfg.rules.close_distance_m / 1000),
                floor=num(setup.floor_w),
                technical=setup.floor_t,
                towns=listed,
            )
        )
    for j in mine:
        if j.reason != "floor":
            names = [inp.towns[b].name for b in j.blocks]
            shown = ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")
            share = format_pct(j.value, lang, decimals=0)
            out.append(text(lang, f"logical.whole.{j.reason}", towns=shown, share=share))
    return out


def _explain(
    inp: _Input,
    nodes: np.ndarray,
    joins: list[_Join],
    lang: Language,
    by_block: dict[int, list[int]] | None = None,
) -> dict[str, object]:
    """The columns that explain one region."""
    names = _by_block_name(inp, nodes)
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
    lines += _why(inp, nodes, joins, lang, by_block) or [text(lang, "logical.alone")]
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


def propose_logical(
    schools: pd.DataFrame,
    graph: GraphLike,
    *,
    config: Config | None = None,
) -> RegionProposal:
    """Logical regions: whole towns, joined by their shortest links until large enough.

    Parameters
    ----------
    schools
        The schools table (:func:`regionkit.schools.load_schools`).
    graph
        The proximity graph over the same schools.
    config
        Floors (``[regions]``), the settings of the method (``[logical]``) and the
        part-of-a-larger-whole rule (``[rules] part_of_whole_*``); the defaults
        when ``None``.

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
    >>> halves = load_config(logical={"split_town_floors": 2})
    >>> p2 = propose_logical(schools, graph, config=halves)
    >>> sorted(r for r in p2.assignment.unique() if r.startswith("Rotterdam"))
    ['Rotterdam-Noord', 'Rotterdam-Zuid']
    """
    from regionkit.regionalize import _default_config

    config = _default_config(config)
    started = time.perf_counter()
    setup = _prepare(schools, graph, config)
    feasible = _feasible_components(setup)
    inp = _inputs(setup)
    _split_towns(inp)
    lab, joins = _join_small(inp, feasible[setup.comp])
    lab, _, small_notes = _place_small_parts(setup, lab, feasible, len(inp.towns))
    lab, whole_joins = _join_wholes(inp, lab)
    joins += whole_joins
    names = _names(inp, lab)
    notes = inp.notes + _notes(inp, joins) + small_notes
    proposal = _finish(setup, lab, names, method="logical", seed=None, notes=notes)
    lang = config.language
    members, by_block = _members(lab), _joins_by_block(joins)
    rows = [_explain(inp, members[r], joins, lang, by_block) for r in names]
    extra = pd.DataFrame(rows, index=[names[r] for r in names])
    table = proposal.regions.join(extra, on="region")
    logger.info(
        "logical: %d regions from %d schools in %.3f s",
        proposal.n_regions,
        setup.n,
        time.perf_counter() - started,
    )
    from dataclasses import replace

    return replace(proposal, regions=table)


def _notes(inp: _Input, joins: list[_Join]) -> list[str]:
    """What the analyst should know about the whole proposal."""
    setup = inp.setup
    notes = []
    for town, k in sorted(inp.split.items()):
        parts = [t.name for t in inp.towns if t.town == town]
        nodes = np.concatenate([t.nodes for t in inp.towns if t.town == town])
        notes.append(
            f"{town} ({format_number(float(setup.w[nodes].sum()), 'en', decimals=0)} counted "
            f"pupils, {len(nodes)} schools) is split into {k} regions ({', '.join(parts)}): "
            f"alone it holds {format_number(setup.config.logical.split_town_floors, 'en')} x "
            "the floors for each part ([logical] split_town_floors, the analysis's setting); "
            "the cut follows the longest link between its schools"
        )
    n_floor = sum(len(j.blocks) for j in joins if j.reason == "floor")
    n_whole = sum(1 for j in joins if j.reason != "floor")
    notes.append(
        f"{len(inp.towns)} towns (and parts of towns); {n_floor} joined the neighbour with the "
        "most schools within the close distance (else the shortest link) because alone they "
        f"stay under a floor; {n_whole} region"
        f"{'s' if n_whole != 1 else ''} joined the larger whole "
        f"{'they are' if n_whole != 1 else 'it is'} part of"
    )
    return notes


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
