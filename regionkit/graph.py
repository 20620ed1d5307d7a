"""The proximity graph between schools: who is a neighbour of whom.

Regions must be contiguous, and "contiguous" for points means "connected in a
proximity graph". :class:`ProximityGraph` holds such a graph as plain arrays
(node codes and coordinates, an edge list with distances in metres) with a
sparse adjacency matrix and the connected components, and offers three
alternate constructors:

- :meth:`ProximityGraph.build_delaunay`: Delaunay triangulation trimmed at a
  maximum edge length (long hull edges make stringy regions);
- :meth:`ProximityGraph.build_knn`: symmetric k nearest neighbours (an edge
  when either school is among the other's ``k`` nearest);
- :meth:`ProximityGraph.build_distance_band`: every pair within a radius.

Geography matters: with a ``land`` geometry (the land mask of
:func:`regionkit.boundaries.land_mask`), an edge whose straight line leaves
the land for too long (the Marsdiep, the Westerschelde, the IJsselmeer, the
Wadden Sea) is dropped, so Texel and Zeeuws-Vlaanderen do not join the
mainland across water. Isolated schools and separate components are
reported (logging and attributes), never dropped: every school stays a node.

Computations are in EPSG:28992 (metres).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from scipy.spatial import Delaunay, QhullError, cKDTree
from shapely.geometry.base import BaseGeometry

from regionkit._errors import InputDataError, ProblemCollector
from regionkit._schema import CRS
from regionkit.config import GraphConfig

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ProximityGraph", "SchoolsLike"]

logger = logging.getLogger(__name__)

#: What the builders accept: a (Geo)DataFrame with ``code``, ``x``, ``y``
#: (EPSG:28992), or a pair ``(codes, xy)`` with ``xy`` an ``(n, 2)`` array.
SchoolsLike: TypeAlias = pd.DataFrame | tuple[Sequence[str] | np.ndarray, np.ndarray]

#: ``land="netherlands"`` means the bundled land mask of the Netherlands.
LandLike: TypeAlias = BaseGeometry | Literal["netherlands"] | None

#: How many codes a log line or summary lists before "...".
_LISTED = 8


class ProximityGraph:
    """An undirected graph over schools, with edge distances in metres.

    Build one with :meth:`build_delaunay`, :meth:`build_knn`,
    :meth:`build_distance_band` or :meth:`from_config`; the constructor
    validates arrays built by other means.

    Parameters
    ----------
    codes
        One unique code per node; the node index is the position.
    xy
        ``(n, 2)`` coordinates in EPSG:28992 (metres).
    edges
        ``(m, 2)`` node indices with ``i < j`` per row, no duplicate rows; the
        graph stores them sorted lexicographically.
    distance
        ``(m,)`` edge lengths in metres (finite, non-negative); ``None``
        computes the straight-line distances from ``xy``.
    method
        How the graph was built (for the summary), e.g. ``"delaunay"``.
    dropped_water_edges
        How many candidate edges the water check dropped.
    dropped_water_pairs
        ``(k, 2)`` node indices of those edges (for maps and reports).

    Raises
    ------
    InputDataError
        Listing every problem with the arrays (a ``ValueError``).

    Examples
    --------
    >>> import numpy as np
    >>> g = ProximityGraph(["A", "B", "C"], np.array([[0, 0], [3, 4], [100, 0.0]]), [[0, 1]])
    >>> g
    <ProximityGraph: 3 schools, 1 edge, 2 components>
    >>> g.distance.tolist(), g.isolated.tolist()
    ([5.0], ['C'])
    """

    def __init__(
        self,
        codes: Sequence[str] | np.ndarray,
        xy: np.ndarray | Sequence[Sequence[float]],
        edges: np.ndarray | Sequence[Sequence[int]],
        distance: np.ndarray | Sequence[float] | None = None,
        *,
        method: str = "custom",
        dropped_water_edges: int = 0,
        dropped_water_pairs: np.ndarray | None = None,
    ) -> None:
        problems = ProblemCollector()
        codes_arr = np.asarray(codes, dtype=object)
        xy_arr = np.asarray(xy, dtype=float)
        edges_arr = np.asarray(edges)
        if edges_arr.size == 0:
            edges_arr = np.empty((0, 2), dtype=np.int64)

        if codes_arr.ndim != 1:
            problems.add(
                f"codes must be one-dimensional, got shape {codes_arr.shape}",
                fix="pass one code per school",
            )
            codes_arr = codes_arr.reshape(-1)
        n = len(codes_arr)
        _check_codes(codes_arr, problems)
        if xy_arr.shape != (n, 2):
            problems.add(
                f"xy must have shape ({n}, 2) (one x, y per code), got {xy_arr.shape}",
                fix="pass an (n, 2) array of EPSG:28992 coordinates",
            )
        elif not np.isfinite(xy_arr).all():
            bad = np.flatnonzero(~np.isfinite(xy_arr).all(axis=1))
            problems.add(
                f"{len(bad)} school(s) have missing or infinite coordinates",
                value=_sample(codes_arr[bad]),
                fix="geocode these schools or leave them out",
            )
        if edges_arr.ndim != 2 or edges_arr.shape[1] != 2:
            problems.add(
                f"edges must have shape (m, 2), got {edges_arr.shape}",
                fix="pass one row (i, j) per edge",
            )
            edges_arr = np.empty((0, 2), dtype=np.int64)
        elif not np.issubdtype(edges_arr.dtype, np.integer):
            problems.add(
                f"edges must be integer node indices, got dtype {edges_arr.dtype}",
                fix="pass node positions (0 .. n-1)",
            )
            edges_arr = np.empty((0, 2), dtype=np.int64)
        edges_arr = edges_arr.astype(np.int64, copy=False)
        m = len(edges_arr)
        if m:
            out = (edges_arr < 0) | (edges_arr >= n)
            if out.any():
                rows = np.flatnonzero(out.any(axis=1))
                problems.add(
                    f"{len(rows)} edge(s) name a node outside 0 .. {n - 1}",
                    value=edges_arr[rows[:_LISTED]].tolist(),
                    fix="use node positions in the codes array",
                )
            loops = edges_arr[:, 0] == edges_arr[:, 1]
            if loops.any():
                problems.add(
                    f"{int(loops.sum())} self loop(s) (an edge from a school to itself)",
                    value=edges_arr[loops][:_LISTED].tolist(),
                    fix="leave self loops out",
                )
            reversed_ = edges_arr[:, 0] > edges_arr[:, 1]
            if reversed_.any():
                problems.add(
                    f"{int(reversed_.sum())} edge(s) are not written with i < j",
                    value=edges_arr[reversed_][:_LISTED].tolist(),
                    fix="write each edge once, smaller index first (np.sort(edges, axis=1))",
                )
            key = edges_arr[:, 0] * max(n, 1) + edges_arr[:, 1]
            uniq, counts = np.unique(key, return_counts=True)
            if (counts > 1).any():
                twice = uniq[counts > 1][:_LISTED]
                problems.add(
                    f"{int((counts > 1).sum())} edge(s) appear more than once",
                    value=np.column_stack([twice // max(n, 1), twice % max(n, 1)]).tolist(),
                    fix="write each edge once",
                )
        if distance is None:
            dist_arr = np.empty(m)
            if not problems and m:
                dist_arr = _lengths(xy_arr, edges_arr)
        else:
            dist_arr = np.asarray(distance, dtype=float)
            if dist_arr.shape != (m,):
                problems.add(
                    f"distance must have shape ({m},) (one per edge), got {dist_arr.shape}",
                    fix="pass one distance in metres per edge",
                )
            else:
                bad_d = ~np.isfinite(dist_arr) | (dist_arr < 0)
                if bad_d.any():
                    problems.add(
                        f"{int(bad_d.sum())} edge distance(s) are negative, missing or infinite",
                        value=dist_arr[bad_d][:_LISTED].tolist(),
                        fix="distances are straight-line metres, 0 or more",
                    )
        problems.raise_if_any("ProximityGraph: the graph arrays are not valid")

        order = np.lexsort((edges_arr[:, 1], edges_arr[:, 0])) if m else np.arange(0)
        self.codes: np.ndarray = _readonly(codes_arr.astype(str))
        self.xy: np.ndarray = _readonly(xy_arr.copy())
        self.edges: np.ndarray = _readonly(edges_arr[order].copy())
        self.distance: np.ndarray = _readonly(dist_arr[order].copy())
        self.method: str = method
        self.dropped_water_edges: int = int(dropped_water_edges)
        pairs = (
            np.empty((0, 2), dtype=np.int64)
            if dropped_water_pairs is None
            else np.asarray(dropped_water_pairs, dtype=np.int64).reshape(-1, 2)
        )
        self.dropped_water_pairs: np.ndarray = _readonly(pairs)

    # ------------------------------------------------------------------ constructors

    @classmethod
    def build_delaunay(
        cls,
        schools: SchoolsLike,
        *,
        max_edge_m: float = 25_000.0,
        land: LandLike = None,
        max_water_share: float = 0.5,
        max_outside_m: float | None = 2_500.0,
    ) -> ProximityGraph:
        """Delaunay triangulation of the schools, trimmed at ``max_edge_m``.

        Schools at the same address (distance 0) are joined to each other by
        0 m edges, and each of them gets every Delaunay edge of their shared
        location, so every school stays a node and can be in any region.

        Parameters
        ----------
        schools
            A (Geo)DataFrame with ``code``, ``x``, ``y`` (EPSG:28992), or a
            pair ``(codes, xy)``.
        max_edge_m
            Longest edge kept, in metres (``inf`` keeps the whole triangulation).
        land
            The land mask (a shapely geometry in EPSG:28992), ``"netherlands"``
            for the bundled one, or ``None`` for no water check.
        max_water_share
            Drop an edge whose straight line lies outside ``land`` for more
            than this share of its length.
        max_outside_m
            Also drop an edge that runs for more than this many metres outside
            the outer outline of ``land`` (open sea, estuaries, abroad); lakes
            enclosed by the land count only for ``max_water_share``
            (``None``: no limit). See :class:`~regionkit.config.GraphConfig`
            for why the defaults are what they are.

        Examples
        --------
        >>> from regionkit.schools import load_schools
        >>> schools = load_schools()
        >>> g = ProximityGraph.build_delaunay(schools, land="netherlands")
        >>> g.n_nodes == len(schools), g.n_components > 1, g.dropped_water_edges > 0
        (True, True, True)
        """
        codes, xy = _coerce_schools(schools)
        _check_positive("max_edge_m", max_edge_m)
        edges = _delaunay_edges(xy)
        dist = _lengths(xy, edges)
        keep = dist <= max_edge_m
        logger.debug(
            "Delaunay: %d edges, %d longer than %.0f m trimmed",
            len(edges),
            int((~keep).sum()),
            max_edge_m,
        )
        return cls._finish(
            codes,
            xy,
            edges[keep],
            dist[keep],
            method=f"delaunay (max edge {max_edge_m:,.0f} m)",
            land=land,
            max_water_share=max_water_share,
            max_outside_m=max_outside_m,
        )

    @classmethod
    def build_knn(
        cls,
        schools: SchoolsLike,
        *,
        k: int = 6,
        land: LandLike = None,
        max_water_share: float = 0.5,
        max_outside_m: float | None = 2_500.0,
    ) -> ProximityGraph:
        """Symmetric k-nearest-neighbour graph.

        Schools ``i`` and ``j`` are joined when either is among the other's
        ``k`` nearest (so, before the water check, every school has degree
        at least ``min(k, n - 1)``). Ties at the k-th distance are broken by
        node index.

        Parameters
        ----------
        schools
            See :meth:`build_delaunay`.
        k
            Neighbours per school (at least 1).
        land, max_water_share, max_outside_m
            The water check, see :meth:`build_delaunay`.

        Examples
        --------
        >>> from regionkit.schools import load_schools
        >>> g = ProximityGraph.build_knn(load_schools(), k=4)
        >>> int(g.degree.min()) >= 4
        True
        """
        codes, xy = _coerce_schools(schools)
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
            raise InputDataError(f"k = {k!r} must be a whole number of at least 1")
        edges = _knn_edges(xy, int(k))
        return cls._finish(
            codes,
            xy,
            edges,
            _lengths(xy, edges),
            method=f"knn (k={k})",
            land=land,
            max_water_share=max_water_share,
            max_outside_m=max_outside_m,
        )

    @classmethod
    def build_distance_band(
        cls,
        schools: SchoolsLike,
        *,
        band_m: float = 10_000.0,
        land: LandLike = None,
        max_water_share: float = 0.5,
        max_outside_m: float | None = 2_500.0,
    ) -> ProximityGraph:
        """Every pair of schools at most ``band_m`` metres apart.

        Parameters
        ----------
        schools
            See :meth:`build_delaunay`.
        band_m
            Radius in metres.
        land, max_water_share, max_outside_m
            The water check, see :meth:`build_delaunay`.

        Examples
        --------
        >>> from regionkit.schools import load_schools
        >>> g = ProximityGraph.build_distance_band(load_schools(), band_m=5_000)
        >>> float(g.distance.max()) <= 5_000
        True
        """
        codes, xy = _coerce_schools(schools)
        _check_positive("band_m", band_m)
        n = len(xy)
        if n > 1:
            pairs = cKDTree(xy).query_pairs(r=band_m, output_type="ndarray")
            edges = np.sort(pairs.astype(np.int64), axis=1)
        else:
            edges = np.empty((0, 2), dtype=np.int64)
        return cls._finish(
            codes,
            xy,
            edges,
            _lengths(xy, edges),
            method=f"distance band ({band_m:,.0f} m)",
            land=land,
            max_water_share=max_water_share,
            max_outside_m=max_outside_m,
        )

    @classmethod
    def from_config(
        cls, schools: SchoolsLike, config: GraphConfig, *, land: LandLike = None
    ) -> ProximityGraph:
        """Build the graph the configuration asks for (``config.method``).

        Parameters
        ----------
        schools
            See :meth:`build_delaunay`.
        config
            The ``[graph]`` section of the configuration.
        land
            The land mask, ``"netherlands"`` for the bundled one, or ``None``
            for no water check (synthetic data).

        Examples
        --------
        >>> from regionkit.config import load_config
        >>> from regionkit.schools import load_schools
        >>> cfg = load_config().graph
        >>> g = ProximityGraph.from_config(load_schools(), cfg, land="netherlands")
        >>> g.method
        'delaunay (max edge 25,000 m)'
        """
        water: dict[str, Any] = {
            "land": land,
            "max_water_share": config.max_water_share,
            "max_outside_m": config.max_outside_m,
        }
        if config.method == "delaunay":
            return cls.build_delaunay(schools, max_edge_m=config.max_edge_m, **water)
        if config.method == "knn":
            return cls.build_knn(schools, k=config.k, **water)
        if config.method == "distance_band":
            return cls.build_distance_band(schools, band_m=config.band_m, **water)
        raise InputDataError(  # pragma: no cover - GraphConfig validates the method
            f"graph method {config.method!r} is unknown; use delaunay, knn or distance_band"
        )

    @classmethod
    def _finish(
        cls,
        codes: np.ndarray,
        xy: np.ndarray,
        edges: np.ndarray,
        dist: np.ndarray,
        *,
        method: str,
        land: LandLike,
        max_water_share: float,
        max_outside_m: float | None,
    ) -> ProximityGraph:
        """Apply the water check, build the graph and log its summary."""
        dropped = np.empty((0, 2), dtype=np.int64)
        land_geom = _resolve_land(land)
        if land_geom is not None:
            if not 0 <= max_water_share <= 1:
                raise InputDataError(
                    f"max_water_share = {max_water_share!r} must be a share between 0 and 1"
                )
            if max_outside_m is not None:
                _check_positive("max_outside_m", max_outside_m)
            water, outside = water_lengths(
                xy,
                edges,
                land_geom,
                # an edge the water share drops need not be measured against the outline
                outside_where=lambda water: ~(water > max_water_share * dist),
            )
            drop = water > max_water_share * dist
            if max_outside_m is not None:
                drop |= outside > max_outside_m
            dropped = edges[drop]
            edges, dist = edges[~drop], dist[~drop]
        graph = cls(
            codes,
            xy,
            edges,
            dist,
            method=method,
            dropped_water_edges=len(dropped),
            dropped_water_pairs=dropped,
        )
        graph._log_summary()
        return graph

    # ------------------------------------------------------------------ properties

    @property
    def n_nodes(self) -> int:
        """Number of schools (nodes)."""
        return len(self.codes)

    @property
    def n_edges(self) -> int:
        """Number of edges."""
        return len(self.edges)

    @cached_property
    def adjacency(self) -> sparse.csr_array:
        """Symmetric sparse adjacency (CSR); the data are the distances in metres.

        A 0 m edge (two schools at one address) is stored explicitly, so use
        the sparsity pattern (``indptr``/``indices``), not ``data != 0``.
        """
        n = self.n_nodes
        i, j = self.edges[:, 0], self.edges[:, 1]
        rows = np.concatenate([i, j])
        cols = np.concatenate([j, i])
        data = np.concatenate([self.distance, self.distance])
        adj = sparse.csr_array((data, (rows, cols)), shape=(n, n))
        adj.sort_indices()
        return adj

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of neighbours per node."""
        deg = np.bincount(self.edges.ravel(), minlength=self.n_nodes)
        return _readonly(deg)

    def neighbors(self, i: int) -> np.ndarray:
        """Node indices adjacent to node ``i``, ascending."""
        adj = self.adjacency
        return adj.indices[adj.indptr[i] : adj.indptr[i + 1]].copy()

    @cached_property
    def component_labels(self) -> np.ndarray:
        """Component number per node: 0 holds node 0, and so on by smallest node."""
        if self.n_nodes == 0:
            return _readonly(np.empty(0, dtype=np.int64))
        _, labels = connected_components(self.adjacency, directed=False)
        _, first = np.unique(labels, return_index=True)
        remap = np.empty(len(first), dtype=np.int64)
        remap[np.argsort(first)] = np.arange(len(first))
        return _readonly(remap[labels])

    @property
    def n_components(self) -> int:
        """Number of connected components (an isolated school is one)."""
        return int(self.component_labels.max()) + 1 if self.n_nodes else 0

    @cached_property
    def isolated(self) -> np.ndarray:
        """Codes of the schools without any neighbour."""
        return _readonly(self.codes[self.degree == 0])

    @cached_property
    def _index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.codes.tolist())}

    def index_of(self, codes: str | Sequence[str] | np.ndarray | pd.Index) -> np.ndarray:
        """Node indices of school codes (``KeyError`` for an unknown code).

        Examples
        --------
        >>> import numpy as np
        >>> g = ProximityGraph(["A", "B"], np.zeros((2, 2)), [[0, 1]])
        >>> g.index_of(["B", "A"]).tolist()
        [1, 0]
        """
        if isinstance(codes, str):
            codes = [codes]
        index = self._index
        missing = [c for c in codes if c not in index]
        if missing:
            raise KeyError(f"not in the graph: {_sample(np.asarray(missing, dtype=object))}")
        return np.fromiter((index[c] for c in codes), dtype=np.int64, count=len(codes))

    # ------------------------------------------------------------------ queries

    def subgraph_connected(self, indices: np.ndarray | Sequence[int]) -> bool:
        """Whether the schools at ``indices`` form one connected subgraph.

        Only edges between the selected schools count. ``indices`` are node
        positions or a boolean mask of length ``n_nodes``; an empty selection
        is not connected.

        Examples
        --------
        >>> import numpy as np
        >>> g = ProximityGraph(list("ABC"), np.zeros((3, 2)), [[0, 1], [1, 2]])
        >>> g.subgraph_connected([0, 1, 2]), g.subgraph_connected([0, 2])
        (True, False)
        """
        idx = np.asarray(indices)
        if idx.dtype == bool:
            if idx.shape != (self.n_nodes,):
                raise ValueError(f"a boolean mask must have length {self.n_nodes}")
            idx = np.flatnonzero(idx)
        idx = np.unique(idx.astype(np.int64))
        if len(idx) == 0:
            return False
        if idx[0] < 0 or idx[-1] >= self.n_nodes:
            raise IndexError(f"node indices must lie in 0 .. {self.n_nodes - 1}")
        if len(idx) == 1:
            return True
        sub = self.adjacency[idx][:, idx]
        n_comp, _ = connected_components(sub, directed=False)
        return bool(n_comp == 1)

    def edges_frame(self) -> pd.DataFrame:
        """The edges as a table: ``code_a``, ``code_b``, ``distance_m``.

        Examples
        --------
        >>> import numpy as np
        >>> g = ProximityGraph(["A", "B"], np.array([[0, 0], [0, 1000.0]]), [[0, 1]])
        >>> g.edges_frame()
          code_a code_b  distance_m
        0      A      B      1000.0
        """
        return pd.DataFrame(
            {
                "code_a": self.codes[self.edges[:, 0]],
                "code_b": self.codes[self.edges[:, 1]],
                "distance_m": self.distance,
            }
        )

    def component_summary(self, schools: pd.DataFrame | None = None) -> pd.DataFrame:
        """One row per component, largest first (ties by component number).

        Columns: ``component``, ``n_schools``, ``codes`` (up to 8, then
        "..."), ``x``, ``y`` (centroid, EPSG:28992) and, when ``schools`` with
        a ``place`` column is given, ``places`` (the most frequent places).

        Examples
        --------
        >>> from regionkit.schools import load_schools
        >>> schools = load_schools()
        >>> g = ProximityGraph.build_delaunay(schools, land="netherlands")
        >>> summary = g.component_summary(schools)
        >>> int(summary["n_schools"].sum()) == len(schools)
        True
        """
        labels = self.component_labels
        n_comp = self.n_components
        counts = np.bincount(labels, minlength=n_comp)
        cx = np.bincount(labels, weights=self.xy[:, 0], minlength=n_comp) / np.maximum(counts, 1)
        cy = np.bincount(labels, weights=self.xy[:, 1], minlength=n_comp) / np.maximum(counts, 1)
        order = np.argsort(labels, kind="stable")
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(int)
        codes_by_comp = [self.codes[order[s : s + c]] for s, c in zip(starts, counts, strict=True)]
        frame = pd.DataFrame(
            {
                "component": np.arange(n_comp),
                "n_schools": counts,
                "codes": [_sample(c) for c in codes_by_comp],
                "x": cx,
                "y": cy,
            }
        )
        if schools is not None and "place" in schools.columns:
            place = dict(zip(schools["code"].astype(str), schools["place"], strict=False))
            frame["places"] = [
                ", ".join(
                    pd.Series([place.get(c) for c in cs], dtype="object")
                    .dropna()
                    .astype(str)
                    .value_counts(sort=True)
                    .index[:4]
                )
                for cs in codes_by_comp
            ]
        frame = frame.sort_values(["n_schools", "component"], ascending=[False, True])
        return frame.reset_index(drop=True)

    def to_networkx(self) -> nx.Graph:
        """A networkx ``Graph``: nodes are codes (with ``x``, ``y``), edges carry ``distance``.

        Examples
        --------
        >>> import numpy as np
        >>> g = ProximityGraph(["A", "B"], np.array([[0, 0], [0, 1000.0]]), [[0, 1]])
        >>> g.to_networkx().edges["A", "B"]["distance"]
        1000.0
        """
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(
            (c, {"x": float(x), "y": float(y)})
            for c, (x, y) in zip(self.codes.tolist(), self.xy, strict=True)
        )
        a = self.codes[self.edges[:, 0]].tolist()
        b = self.codes[self.edges[:, 1]].tolist()
        graph.add_edges_from(
            (u, v, {"distance": d}) for u, v, d in zip(a, b, self.distance.tolist(), strict=True)
        )
        return graph

    def __repr__(self) -> str:
        e = "edge" if self.n_edges == 1 else "edges"
        c = "component" if self.n_components == 1 else "components"
        return (
            f"<ProximityGraph: {self.n_nodes:,} schools, {self.n_edges:,} {e}, "
            f"{self.n_components:,} {c}>"
        )

    def _log_summary(self) -> None:
        logger.info(
            "proximity graph (%s): %d schools, %d edges, %d components, "
            "%d edges dropped over water",
            self.method,
            self.n_nodes,
            self.n_edges,
            self.n_components,
            self.dropped_water_edges,
        )
        if self.n_components > 1:
            counts = np.bincount(self.component_labels)
            smaller = [
                f"{_sample(self.codes[self.component_labels == k], 3)} ({_n_schools(counts[k])})"
                for k in np.argsort(-counts, kind="stable")[1 : _LISTED + 1]
            ]
            more = " ..." if self.n_components - 1 > _LISTED else ""
            logger.info(
                "the graph has %d components besides the largest: %s%s",
                self.n_components - 1,
                "; ".join(smaller),
                more,
            )
        if len(self.isolated):
            logger.warning(
                "%d school(s) have no neighbour in the proximity graph: %s",
                len(self.isolated),
                _sample(self.isolated),
            )


# ---------------------------------------------------------------------- helpers


def water_lengths(
    xy: np.ndarray,
    edges: np.ndarray,
    land: BaseGeometry,
    *,
    outside_where: Callable[[np.ndarray], np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Metres of each edge's straight segment over water, and outside the land's outline.

    The first array is the length outside ``land`` (lakes, sea, abroad); the
    second only the length outside the outer rings of ``land`` (sea and
    abroad), so a lake enclosed by land (a hole of the polygon) counts in the
    first only. Vectorised: edges with both ends in one square of a grid that
    lies wholly inside the land are inside without a segment being built, the
    other segments inside the (prepared) land are found with one predicate
    call, and only the rest that meet the land are intersected.

    Parameters
    ----------
    xy
        The schools' coordinates (EPSG:28992).
    edges
        Pairs of rows of ``xy``.
    land
        The land (a shapely geometry).
    outside_where
        Given the lengths over water, which edges (a boolean mask) need their
        length outside the outline; the others read 0 there. Default: every edge.

    Examples
    --------
    >>> import numpy as np, shapely
    >>> land = shapely.box(0, 0, 10, 10).difference(shapely.box(4, 4, 6, 6))  # a lake
    >>> xy = np.array([[1, 5], [9, 5], [15, 5.0]])
    >>> water, outside = water_lengths(xy, np.array([[0, 1], [1, 2]]), land)
    >>> water.tolist(), outside.tolist()
    ([2.0, 5.0], [0.0, 5.0])
    """
    m = len(edges)
    water = np.zeros(m)
    outside = np.zeros(m)
    if m == 0:
        return water, outside
    shapely.prepare(land)
    coords = np.stack([xy[edges[:, 0]], xy[edges[:, 1]]], axis=1)
    length = np.hypot(*(coords[:, 1] - coords[:, 0]).T)
    todo = np.flatnonzero((length > 0) & ~_inside_squares(xy, edges, land))
    segments = shapely.linestrings(coords[todo])
    inside = shapely.contains_properly(land, segments)
    todo, segments = todo[~inside], segments[~inside]
    if len(todo):
        water[todo] = np.clip(length[todo] - _length_in(segments, land), 0.0, None)
        if outside_where is not None:
            ask = outside_where(water)[todo]
            todo, segments = todo[ask], segments[ask]
        outline = _fill_holes(land)
        outside[todo] = np.clip(length[todo] - _length_in(segments, outline), 0.0, None)
    return water, outside


def _length_in(segments: np.ndarray, area: BaseGeometry) -> np.ndarray:
    """The length of each segment inside ``area``: intersected only where they meet (a
    segment wholly over open water is 0 m on land without an overlay of the coast)."""
    shapely.prepare(area)
    inside = np.zeros(len(segments))
    meet = shapely.intersects(area, segments)
    inside[meet] = shapely.length(shapely.intersection(segments[meet], area))
    return inside


#: Side of the grid's squares in :func:`_inside_squares` (metres; larger for a wide area).
_SQUARE_M = 5_000.0


def _inside_squares(xy: np.ndarray, edges: np.ndarray, land: BaseGeometry) -> np.ndarray:
    """The edges with both ends in one square of a grid that lies wholly inside ``land``.

    Such a square is convex and in the land's interior (with a margin of 1 m
    around it, wider than any rounding of the square a point falls in), so
    the segment between the ends is too: no segment needs to be built for it.
    At most about 100 x 100 squares cover the schools.
    """
    inside = np.zeros(len(edges), dtype=bool)
    if not len(xy) or not np.isfinite(xy).all():
        return inside
    low = xy.min(axis=0)
    side = max(_SQUARE_M, float((xy.max(axis=0) - low).max()) / 100)
    cell = np.floor((xy - low) / side).astype(np.int64)
    n_x, n_y = (cell.max(axis=0) + 1).tolist()
    i, j = np.divmod(np.arange(n_x * n_y), n_y)
    x0, y0 = low[0] + i * side - 1.0, low[1] + j * side - 1.0
    squares = shapely.box(x0, y0, x0 + side + 2.0, y0 + side + 2.0)
    deep = shapely.contains_properly(land, squares)
    square = cell[:, 0] * n_y + cell[:, 1]
    a, b = square[edges[:, 0]], square[edges[:, 1]]
    return (a == b) & deep[a]


def _fill_holes(geom: BaseGeometry) -> BaseGeometry:
    """The polygons of ``geom`` without their holes (lakes enclosed by land)."""
    polygons = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    return shapely.union_all([shapely.Polygon(p.exterior) for p in polygons])


def _coerce_schools(schools: SchoolsLike) -> tuple[np.ndarray, np.ndarray]:
    """Codes and an (n, 2) float array from a table or a (codes, xy) pair."""
    problems = ProblemCollector()
    if isinstance(schools, pd.DataFrame):
        crs = getattr(schools, "crs", None)
        if crs is not None and not _is_rd(crs):
            raise InputDataError(
                f"the schools table is in {crs}, not {CRS}; fix: schools.to_crs({CRS!r})"
            )
        missing = [c for c in ("code",) if c not in schools.columns]
        if missing:
            raise InputDataError(
                "the schools table has no column 'code'; fix: one unique code per school"
            )
        codes = schools["code"].to_numpy(dtype=object)
        if {"x", "y"} <= set(schools.columns):
            xy = schools[["x", "y"]].to_numpy(dtype=float, na_value=np.nan)
        elif hasattr(schools, "geometry"):
            geom = schools.geometry.values
            xy = np.column_stack([shapely.get_x(geom), shapely.get_y(geom)]).astype(float)
        else:
            raise InputDataError(
                "the schools table has neither x, y columns nor a geometry; "
                f"fix: add x and y in {CRS}"
            )
    else:
        try:
            codes_in, xy_in = schools
        except (TypeError, ValueError):
            raise InputDataError(
                "schools must be a DataFrame with code, x, y or a pair (codes, xy), "
                f"got {type(schools).__name__}"
            ) from None
        codes = np.asarray(codes_in, dtype=object).reshape(-1)
        xy = np.asarray(xy_in, dtype=float)
    _check_codes(codes, problems)
    if xy.ndim != 2 or xy.shape != (len(codes), 2):
        problems.add(
            f"coordinates must have shape ({len(codes)}, 2), got {xy.shape}",
            fix="one x, y (EPSG:28992) per school",
        )
    elif not np.isfinite(xy).all():
        bad = np.flatnonzero(~np.isfinite(xy).all(axis=1))
        problems.add(
            f"{len(bad)} school(s) have missing coordinates",
            column="x/y",
            value=_sample(codes[bad]),
            fix="geocode these schools or leave them out of the table",
        )
    problems.raise_if_any("cannot build a proximity graph")
    return codes.astype(str), xy


def _check_codes(codes: np.ndarray, problems: ProblemCollector) -> None:
    missing = np.asarray(pd.isna(codes), dtype=bool)
    if missing.any():
        problems.add(
            f"{int(missing.sum())} school(s) have no code",
            column="code",
            fix="give every school its 6-character code",
        )
    as_str = pd.Series(codes[~missing], dtype="object").astype(str)
    dup = as_str[as_str.duplicated(keep=False)]
    if len(dup):
        problems.add(
            f"{dup.nunique()} code(s) appear more than once",
            column="code",
            value=_sample(np.sort(dup.unique())),
            fix="one row per school: remove or merge the duplicates",
        )


def _is_rd(crs: Any) -> bool:
    try:
        return bool(crs.to_epsg() == 28992)
    except AttributeError:
        return str(crs).upper() == CRS


def _check_positive(name: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float | np.number) or not value > 0:
        raise InputDataError(f"{name} = {value!r} must be a positive number of metres")


def _resolve_land(land: LandLike) -> BaseGeometry | None:
    if land is None:
        return None
    if isinstance(land, str):
        if land != "netherlands":
            raise InputDataError(
                f"land = {land!r} is unknown; pass a shapely geometry, 'netherlands' or None"
            )
        from regionkit.boundaries import land_mask

        return land_mask()
    if not isinstance(land, BaseGeometry):
        raise InputDataError(f"land must be a shapely geometry in {CRS}, got {type(land).__name__}")
    return land


def _lengths(xy: np.ndarray, edges: np.ndarray) -> np.ndarray:
    if len(edges) == 0:
        return np.empty(0)
    d = xy[edges[:, 1]] - xy[edges[:, 0]]
    return np.hypot(d[:, 0], d[:, 1])


def _unique_edges(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Undirected pairs (i < j), self pairs removed, unique and sorted."""
    lo = np.minimum(a, b).astype(np.int64)
    hi = np.maximum(a, b).astype(np.int64)
    keep = lo != hi
    lo, hi = lo[keep], hi[keep]
    if len(lo) == 0:
        return np.empty((0, 2), dtype=np.int64)
    base = int(hi.max()) + 1
    key = np.sort(lo * base + hi)  # one int64 per pair: a 1-D sort, not a row sort
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    key = key[first]
    return np.column_stack([key // base, key % base])


def _delaunay_edges(xy: np.ndarray) -> np.ndarray:
    """Delaunay edges over all points, coincident points handled.

    The unique locations are triangulated; every school at a location gets
    the location's edges, and schools at one location are joined pairwise.
    """
    n = len(xy)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    uniq, inverse = _unique_points(xy)
    loc_edges = _delaunay_unique(uniq)
    # members of each location, grouped: order[starts[g] : starts[g] + counts[g]]
    order = np.argsort(inverse, kind="stable")
    counts = np.bincount(inverse, minlength=len(uniq))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    a, b = _expand(loc_edges[:, 0], loc_edges[:, 1], order, starts, counts)
    parts = [np.column_stack([a, b])]
    # schools sharing a location: join every pair
    if (counts > 1).any():
        group = inverse[order]
        for offset in range(1, int(counts.max())):
            same = group[offset:] == group[:-offset]
            parts.append(np.column_stack([order[:-offset][same], order[offset:][same]]))
    allpairs = np.concatenate(parts)
    return _unique_edges(allpairs[:, 0], allpairs[:, 1])


def _unique_points(xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct locations (sorted by x, then y) and the location of each point.

    The same as ``np.unique(xy, axis=0, return_inverse=True)``, without its slow row sort.
    """
    order = np.lexsort((xy[:, 1], xy[:, 0]))
    ordered = xy[order]
    new = np.ones(len(xy), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    inverse = np.empty(len(xy), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


def _expand(
    u: np.ndarray, v: np.ndarray, order: np.ndarray, starts: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Replace location edges (u, v) by all member pairs (a in u, b in v)."""

    def side(loc: np.ndarray, other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        c = counts[loc]
        rep = np.repeat(np.arange(len(loc)), c)
        offs = np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c)
        return order[starts[loc][rep] + offs], other[rep]

    a, v2 = side(u, v)
    b, a2 = side(v2, a)
    return a2, b


def _delaunay_unique(pts: np.ndarray) -> np.ndarray:
    """Delaunay edges between distinct points; collinear sets become a chain."""
    n = len(pts)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    if n == 2:
        return np.array([[0, 1]], dtype=np.int64)
    try:
        tri = Delaunay(pts)
    except QhullError:
        # all points on one line: the triangulation degenerates to a chain
        centred = pts - pts.mean(axis=0)
        direction = np.linalg.svd(centred, full_matrices=False)[2][0]
        chain = np.argsort(centred @ direction, kind="stable")
        return _unique_edges(chain[:-1], chain[1:])
    indptr, indices = tri.vertex_neighbor_vertices
    a = np.repeat(np.arange(n), np.diff(indptr))
    edges = [np.column_stack([a, indices])]
    # points Qhull left out (numerically coincident): join them to their nearest vertex
    if len(tri.coplanar):
        edges.append(tri.coplanar[:, [0, 2]])
    allpairs = np.concatenate(edges)
    return _unique_edges(allpairs[:, 0], allpairs[:, 1])


def _knn_edges(xy: np.ndarray, k: int) -> np.ndarray:
    n = len(xy)
    k_eff = min(k, n - 1)
    if k_eff < 1:
        return np.empty((0, 2), dtype=np.int64)
    _, idx = cKDTree(xy).query(xy, k=k_eff + 1)
    idx = np.asarray(idx).reshape(n, k_eff + 1)
    rows = np.arange(n)[:, None]
    # drop the school itself (not always first when schools coincide), keep k others
    others = idx != rows
    keep = others & (np.cumsum(others, axis=1) <= k_eff)
    a = np.broadcast_to(rows, idx.shape)[keep]
    return _unique_edges(a, idx[keep])


def _sample(codes: np.ndarray, n: int = _LISTED) -> str:
    items = [str(c) for c in list(codes)[:n]]
    return ", ".join(items) + (", ..." if len(codes) > n else "")


def _readonly(arr: np.ndarray) -> np.ndarray:
    arr.flags.writeable = False
    return arr


def _n_schools(n: int) -> str:
    return f"{n} school" if n == 1 else f"{n} schools"
