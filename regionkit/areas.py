"""Regions as areas: Voronoi cells of schools, dissolved per region, and their neighbours.

A region is a set of schools; a map shows it as an area. Each school gets the
part of the land that is closer to it than to any other school (its Voronoi
cell, clipped to the land mask); a region's area is the union of its schools'
cells. Two regions are neighbours when their areas share a border of positive
length, and :func:`color_regions` colours that adjacency graph so that
neighbours never share a colour.

Computations are in EPSG:28992 (metres).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from regionkit._errors import InfeasibleError, InputDataError
from regionkit._schema import CRS
from regionkit._validate import require_single
from regionkit.graph import (
    LandLike,
    SchoolsLike,
    _coerce_schools,
    _resolve_land,
    _unique_points,
)
from regionkit.regions import Regions

__all__ = ["color_regions", "region_adjacency", "region_polygons", "school_cells"]

logger = logging.getLogger(__name__)

#: Margin around the schools (and the land) that bounds the outer Voronoi cells, in metres.
ENVELOPE_MARGIN_M = 10_000.0
#: A school just outside the (generalised) land mask keeps this much land around it, in metres.
OUTSIDE_MARGIN_M = 250.0
#: Two regions whose borders run together for less than this are only touching at a corner.
MIN_BORDER_M = 1.0
_BORDER_TOLERANCE_M = 0.1


def school_cells(schools: SchoolsLike, *, land: LandLike = "netherlands") -> gpd.GeoDataFrame:
    """The Voronoi cell of every school, clipped to the land.

    Schools at the same address share one cell (each gets the same geometry).
    A school that lies just outside the generalised land mask keeps the part of
    its cell within reach of it, so every cell covers its school.

    Parameters
    ----------
    schools
        A (Geo)DataFrame with ``code``, ``x``, ``y`` (EPSG:28992), or a pair
        ``(codes, xy)``.
    land
        The land mask (a shapely geometry in EPSG:28992), ``"netherlands"``
        (default) for the bundled one, or ``None`` to keep the cells unclipped
        (bounded by a rectangle 10 km around the schools).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``code`` and ``geometry`` in EPSG:28992, in the order of the input.

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> cells = school_cells(schools)
    >>> len(cells) == len(schools), bool(cells.covers(schools.geometry).all())
    (True, True)
    """
    codes, xy = _coerce_schools(schools)
    land_geom = _resolve_land(land)
    uniq, inverse, raw = _raw_cells(xy, land_geom)
    cells = raw if land_geom is None else _clip(raw, uniq, land_geom)
    return gpd.GeoDataFrame({"code": codes}, geometry=cells[inverse], crs=CRS)


def region_polygons(
    schools: SchoolsLike | Regions,
    assignment: pd.Series | Mapping[str, str] | None = None,
    *,
    land: LandLike = "netherlands",
) -> gpd.GeoDataFrame:
    """One area per region: the union of its schools' cells.

    Schools at one address that are in different regions split their shared
    cell into equal wedges around the address, one per region, so the areas
    never overlap. Schools in no region (absent from ``assignment`` or NA)
    form no area.

    Parameters
    ----------
    schools
        The regions (:class:`regionkit.regions.Regions`; a school listed twice
        is drawn in the region listed first), or the schools as for
        :func:`school_cells`, with ``assignment``.
    assignment
        With schools: region name per school code (a ``Series`` indexed by
        code, as everywhere in regionkit, or a mapping).
    land
        See :func:`school_cells`.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``region``, ``n_schools``, ``geometry`` (EPSG:28992), one row
        per region, sorted by region name.

    Raises
    ------
    InputDataError
        When the assignment names codes that are not schools, or a code twice.

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> division = schools.set_index("code")["nodal_name"].rename("region")
    >>> polygons = region_polygons(schools, division)
    >>> len(polygons) == division.nunique(), polygons.crs.to_epsg()
    (True, 28992)
    """
    codes, xy, region = _align(schools, assignment)
    land_geom = _resolve_land(land)
    uniq, inverse, raw = _raw_cells(xy, land_geom)

    assigned = region.notna().to_numpy()
    names = sorted(set(region[assigned].tolist()))
    if not names:
        return gpd.GeoDataFrame(
            {"region": pd.Series(dtype=str), "n_schools": pd.Series(dtype="int64")},
            geometry=gpd.GeoSeries([], crs=CRS),
            crs=CRS,
        )
    rid = np.full(len(codes), -1)
    rid[assigned] = pd.Categorical(region[assigned], categories=names).codes
    # the regions present at each location
    loc_region = pd.DataFrame({"loc": inverse[assigned], "rid": rid[assigned]}).drop_duplicates()
    loc_region = loc_region.sort_values(["loc", "rid"])
    shared = loc_region["loc"].duplicated(keep=False).to_numpy()

    pieces = raw[loc_region["loc"].to_numpy()].copy()
    if shared.any():
        sub = loc_region[shared]
        for loc, group in sub.groupby("loc", sort=True):
            wedges = _wedges(raw[loc], uniq[loc], len(group))
            pieces[np.flatnonzero(shared)[sub["loc"].to_numpy() == loc]] = wedges
        logger.info(
            "%d address(es) hold schools of different regions: their cell is split",
            int(sub["loc"].nunique()),
        )
    piece_rid = loc_region["rid"].to_numpy()
    order = np.argsort(piece_rid, kind="stable")
    bounds = np.flatnonzero(np.diff(piece_rid[order])) + 1
    groups = np.split(order, bounds)
    unions = np.array([shapely.union_all(pieces[g]) for g in groups], dtype=object)
    if land_geom is not None:
        unions = _clip_regions(unions, groups, pieces, loc_region, uniq, land_geom)
    n_schools = np.bincount(rid[assigned], minlength=len(names))
    return gpd.GeoDataFrame(
        {"region": names, "n_schools": n_schools.astype("int64")},
        geometry=list(unions),
        crs=CRS,
    )


def region_adjacency(polygons: gpd.GeoDataFrame) -> nx.Graph:
    """Regions sharing a border of positive length (a corner is not a border).

    Parameters
    ----------
    polygons
        As returned by :func:`region_polygons` (columns ``region``, geometry).

    Returns
    -------
    networkx.Graph
        Nodes are region names (every region, sorted); edges carry
        ``border_m``, the length of the shared border in metres.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> squares = gpd.GeoDataFrame(
    ...     {"region": ["a", "b", "c"]},
    ...     geometry=[shapely.box(0, 0, 1e3, 1e3), shapely.box(1e3, 0, 2e3, 1e3),
    ...               shapely.box(2e3, 1e3, 3e3, 2e3)],  # c touches b at a corner only
    ... )
    >>> sorted(region_adjacency(squares).edges(data="border_m"))
    [('a', 'b', 1000.0)]
    """
    names = polygons["region"].astype(str).to_numpy()
    geoms = np.asarray(polygons.geometry.values, dtype=object)
    graph = nx.Graph()
    order = np.argsort(names, kind="stable")
    graph.add_nodes_from(names[order].tolist())
    if len(geoms) < 2:
        return graph
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if len(left):
        # the part of b's boundary that runs along a: its length is the shared border
        # (within a tolerance, as floating-point borders of neighbours rarely coincide exactly;
        # the buffer adds the tolerance at both ends of the border, which is taken off again)
        near = shapely.buffer(geoms[left], _BORDER_TOLERANCE_M, quad_segs=2)
        along = shapely.length(shapely.intersection(shapely.boundary(geoms[right]), near))
        border = np.clip(along - 2 * _BORDER_TOLERANCE_M, 0.0, None)
        found = sorted(
            (min(names[a], names[b]), max(names[a], names[b]), float(round(d, 1)))
            for a, b, d in zip(left, right, border, strict=True)
            if d >= MIN_BORDER_M
        )
        graph.add_edges_from((a, b, {"border_m": d}) for a, b, d in found)
    return graph


def color_regions(adjacency: nx.Graph, *, n_colors: int | None = None) -> dict[str, int]:
    """Colour the regions so that neighbours never share a colour.

    DSATUR (greedy, most constrained region first; ties by name) gives few
    colours; when ``n_colors`` is set and the greedy colouring needs more, an
    exact search in the same order finds one with ``n_colors`` if it exists
    (four always do for regions that tile a plane map).

    Parameters
    ----------
    adjacency
        As returned by :func:`region_adjacency`.
    n_colors
        The most colours allowed (the size of the palette); ``None``: as few as
        the greedy colouring finds.

    Returns
    -------
    dict
        Colour number (0, 1, ...) per region, in region-name order.

    Raises
    ------
    InfeasibleError
        When the regions cannot be coloured with ``n_colors`` colours.

    Examples
    --------
    >>> import networkx as nx
    >>> color_regions(nx.cycle_graph(["a", "b", "c"]))
    {'a': 0, 'b': 1, 'c': 2}
    """
    nodes = sorted(adjacency.nodes, key=str)
    if n_colors is not None and (isinstance(n_colors, bool) or n_colors < 1):
        raise InputDataError(f"n_colors = {n_colors!r} must be a whole number of at least 1")
    if not nodes:
        return {}
    coloring = _dsatur(adjacency, nodes, n_colors=None)
    if coloring is None:  # pragma: no cover - an unbounded greedy always succeeds
        raise InfeasibleError("the regions could not be coloured")
    used = max(coloring.values()) + 1
    if n_colors is not None and used > n_colors:
        exact = _dsatur(adjacency, nodes, n_colors=n_colors)
        if exact is None:
            raise InfeasibleError(
                f"the regions cannot be coloured with {n_colors} colours so that neighbours "
                f"differ; the greedy colouring needs {used}: allow more colours"
            )
        coloring = exact
    return {node: coloring[node] for node in nodes}


# ---------------------------------------------------------------------- helpers


def _align(
    schools: SchoolsLike | Regions, assignment: pd.Series | Mapping[str, str] | None
) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """Codes, coordinates and the region per school (None for none) of regions or schools."""
    if isinstance(schools, Regions):
        regions = schools
        codes, xy = _coerce_schools(regions.schools)
    else:
        codes, xy = _coerce_schools(schools)
        table = pd.DataFrame({"code": codes, "x": xy[:, 0], "y": xy[:, 1]})
        regions = Regions(table, {} if assignment is None else assignment)
        require_single(regions)
    names = np.asarray([*regions.regions, None], dtype=object)  # label -1: the None at the end
    region = pd.Series(names[regions.labels], index=pd.Index(codes), dtype=object)
    return codes, xy, region


def _raw_cells(
    xy: np.ndarray, land: BaseGeometry | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique locations, the location of each school, and the unclipped cell per location."""
    if len(xy) == 0:
        return np.empty((0, 2)), np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    uniq, inverse = _unique_points(xy)
    xmin, ymin = uniq.min(axis=0)
    xmax, ymax = uniq.max(axis=0)
    if land is not None:
        lx0, ly0, lx1, ly1 = land.bounds
        xmin, ymin, xmax, ymax = min(xmin, lx0), min(ymin, ly0), max(xmax, lx1), max(ymax, ly1)
    envelope = shapely.box(
        xmin - ENVELOPE_MARGIN_M,
        ymin - ENVELOPE_MARGIN_M,
        xmax + ENVELOPE_MARGIN_M,
        ymax + ENVELOPE_MARGIN_M,
    )
    if len(uniq) == 1:
        return uniq, inverse, np.array([envelope], dtype=object)
    diagram = shapely.voronoi_polygons(shapely.multipoints(uniq), extend_to=envelope, ordered=True)
    cells = shapely.intersection(np.asarray(shapely.get_parts(diagram), dtype=object), envelope)
    if len(cells) != len(uniq):  # pragma: no cover - GEOS returns one cell per input point
        raise RuntimeError("the Voronoi diagram has not one cell per school location")
    return uniq, inverse, cells


def _clip(cells: np.ndarray, uniq: np.ndarray, land: BaseGeometry) -> np.ndarray:
    """Clip cells to the land; a location off the land keeps a disc of its cell."""
    shapely.prepare(land)
    clipped = shapely.intersection(cells, land)
    keep = _off_land_discs(cells, uniq, land)
    fix = np.flatnonzero([disc is not None for disc in keep])
    if len(fix):
        clipped[fix] = shapely.union(clipped[fix], keep[fix])
    return clipped


def _off_land_discs(cells: np.ndarray, uniq: np.ndarray, land: BaseGeometry) -> np.ndarray:
    """For locations off the land: their cell within reach of the land (else None)."""
    out = np.full(len(uniq), None, dtype=object)
    off = ~shapely.contains_xy(land, uniq[:, 0], uniq[:, 1])
    if off.any():
        points = shapely.points(uniq[off])
        reach = shapely.distance(points, land) + OUTSIDE_MARGIN_M
        out[off] = shapely.intersection(cells[off], shapely.buffer(points, reach))
        logger.info(
            "%d school location(s) lie outside the land mask; their cells keep a disc around them",
            int(off.sum()),
        )
    return out


def _clip_regions(
    unions: np.ndarray,
    groups: list[np.ndarray],
    pieces: np.ndarray,
    loc_region: pd.DataFrame,
    uniq: np.ndarray,
    land: BaseGeometry,
) -> np.ndarray:
    """Clip region areas to the land, keeping the discs of schools off the land."""
    shapely.prepare(land)
    clipped = shapely.intersection(unions, land)
    locs = loc_region["loc"].to_numpy()
    discs = _off_land_discs(pieces, uniq[locs], land)
    for k, g in enumerate(groups):
        extra = [d for d in discs[g] if d is not None]
        if extra:
            clipped[k] = shapely.union_all([clipped[k], *extra])
    return clipped


def _wedges(cell: BaseGeometry, centre: np.ndarray, k: int) -> list[BaseGeometry]:
    """Split a cell into ``k`` equal-angle wedges around its school location."""
    x0, y0, x1, y1 = cell.bounds
    radius = 2 * math.hypot(x1 - x0, y1 - y0) + 1.0
    cx, cy = float(centre[0]), float(centre[1])
    out = []
    for i in range(k):
        angles = np.linspace(2 * math.pi * i / k, 2 * math.pi * (i + 1) / k, 16)
        ring = [
            (cx, cy),
            *zip(cx + radius * np.cos(angles), cy + radius * np.sin(angles), strict=True),
        ]
        out.append(shapely.intersection(cell, shapely.Polygon(ring)))
    return out


def _dsatur(graph: nx.Graph, nodes: list, *, n_colors: int | None) -> dict | None:
    """DSATUR colouring; with ``n_colors``, an exact backtracking search.

    Without ``n_colors`` it is the greedy DSATUR (never fails). With it, the
    same order is searched depth-first with backtracking; returns ``None``
    when no colouring with ``n_colors`` colours exists.
    """
    rank = {node: i for i, node in enumerate(nodes)}
    neighbors = {node: sorted(graph.adj[node], key=rank.__getitem__) for node in nodes}
    color: dict = {}

    def pick() -> object:
        best, best_key = None, None
        for node in nodes:
            if node in color:
                continue
            sat = len({color[m] for m in neighbors[node] if m in color})
            key = (-sat, -len(neighbors[node]), rank[node])
            if best_key is None or key < best_key:
                best, best_key = node, key
        return best

    if n_colors is None:
        for _ in nodes:
            node = pick()
            taken = {color[m] for m in neighbors[node] if m in color}
            color[node] = next(c for c in range(len(nodes) + 1) if c not in taken)
        return color

    budget = [200_000]

    def search() -> bool:
        if len(color) == len(nodes):
            return True
        budget[0] -= 1
        if budget[0] < 0:
            return False
        node = pick()
        taken = {color[m] for m in neighbors[node] if m in color}
        top = max(color.values(), default=-1)
        for c in range(min(n_colors, top + 2)):  # a new colour only once: symmetry
            if c in taken:
                continue
            color[node] = c
            if search():
                return True
            del color[node]
        return False

    return dict(color) if search() else None
