"""Quality figures of a set of regions: size floors, connectivity, compactness, close pairs.

One function computes the figures every later step reuses (the regionalizer's
report, the rule checks, the reports and maps): :func:`region_metrics` for the
whole set and :func:`region_table` per region. Both take an *assignment* (a
Series of region names indexed by school code; a school in no region is absent
or NA) and the proximity graph the regions should be connected in.

Definitions
-----------
counted pupils
    Technical-profile pupils in leerjaar 3 and 4, BB/KB plus GL weighted with
    ``config.funding.gl_weight`` (:func:`regionkit.schools.counted_pupils`), of
    vmbo and vso schools; other kinds count 0.
technical school
    A vmbo or vso school with pupils in a technical profile.
under a floor
    A region with fewer counted pupils than ``min_counted_pupils`` or fewer
    technical schools than ``min_technical_schools`` (``config.regions`` unless
    given).
connected
    A region whose schools form one piece in the graph. A piece that is a
    whole component of the graph (an island: no edge crosses the water) may
    join a region across the water; such a region still counts as connected
    and is counted in ``n_joined_across_water``.
diameter
    The longest straight-line distance between two schools of a region.
SSE
    Sum over schools of the squared distance (m²) to their region's centroid.
close pairs
    Pairs of schools closer than ``config.rules.close_distance_m`` (10 km, the
    *voedingsgebied* radius); a pair is split when both are assigned to
    different regions.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from scipy.spatial import ConvexHull, QhullError, cKDTree

from regionkit._errors import InputDataError, Problem
from regionkit._schema import COUNTED_KINDS, DIVISIONS
from regionkit._validate import require_single
from regionkit.config import Config
from regionkit.regions import Regions
from regionkit.schools import counted_pupils

__all__ = [
    "Aligned",
    "GraphLike",
    "RegionMetrics",
    "measure",
    "region_metrics",
    "region_table",
    "school_figures",
]


class GraphLike(Protocol):
    """What the metrics and the regionalizer need of a proximity graph."""

    @property
    def codes(self) -> np.ndarray: ...  # pragma: no cover - protocol

    @property
    def xy(self) -> np.ndarray: ...  # pragma: no cover - protocol

    @property
    def edges(self) -> np.ndarray: ...  # pragma: no cover - protocol

    @property
    def distance(self) -> np.ndarray: ...  # pragma: no cover - protocol

    @property
    def component_labels(self) -> np.ndarray: ...  # pragma: no cover - protocol


@dataclass(frozen=True)
class RegionMetrics:
    """Figures of a set of regions; see the module docstring for definitions.

    Attributes
    ----------
    n_regions
        Number of regions.
    n_under_floor_pupils, n_under_floor_technical
        Regions under the counted-pupils floor, under the technical-schools floor.
    n_under_floor
        Regions under either floor.
    n_over_max
        Regions above the optional ceiling on counted pupils.
    n_disconnected
        Regions whose schools are not connected in the graph.
    n_joined_across_water
        Regions that hold a separate part of the graph (an island).
    mean_diameter_m, max_diameter_m
        Mean and largest region diameter, metres.
    sse
        Within-region sum of squared distances to the centroid, m².
    close_pairs, split_close_pairs
        Pairs of schools closer than ``close_distance_m``; those split between regions.
    split_close_share
        ``split_close_pairs / close_pairs`` (0 when there are no close pairs).
    ari_vs_division
        Adjusted Rand index against ``division`` (1 = the same partition,
        about 0 = no more alike than chance); ``None`` when not computed.
    division
        The division compared with, or ``None``.
    n_schools_assigned, n_unassigned
        Schools of the table in a region, and in none.
    min_counted_pupils, min_technical_schools, close_distance_m
        The thresholds the figures used.
    """

    n_regions: int
    n_under_floor_pupils: int
    n_under_floor_technical: int
    n_under_floor: int
    n_over_max: int
    n_disconnected: int
    n_joined_across_water: int
    mean_diameter_m: float
    max_diameter_m: float
    sse: float
    close_pairs: int
    split_close_pairs: int
    split_close_share: float
    ari_vs_division: float | None
    division: str | None
    n_schools_assigned: int
    n_unassigned: int
    min_counted_pupils: float
    min_technical_schools: int
    close_distance_m: float

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready plain data (no NaN)."""
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, float) and not math.isfinite(value):
                out[key] = None
        return out


def school_figures(schools: pd.DataFrame, *, config: Config) -> pd.DataFrame:
    """Counted pupils and technical flag per school, as the floors use them.

    Parameters
    ----------
    schools
        The schools table.
    config
        Gives the GL weight (``config.funding.gl_weight``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``: ``counted_pupils`` (weighted), ``bb_kb``, ``gl``
        and ``technical`` (bool), zero for kinds that do not count.

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.schools import load_schools
    >>> f = school_figures(load_schools(), config=load_config())
    >>> round(float(f["counted_pupils"].sum())), int(f["technical"].sum())
    (21572, 276)
    """
    cp = counted_pupils(schools, gl_weight=config.funding.gl_weight)
    counts = (
        schools["kind"].astype(str).isin(COUNTED_KINDS).to_numpy()
        if "kind" in schools
        else np.ones(len(schools), dtype=bool)
    )
    if "has_technical_profile" in schools:
        technical = schools["has_technical_profile"].astype(bool).to_numpy()
    else:
        technical = ((cp["bb_kb"] + cp["gl"]) > 0).to_numpy()
    return pd.DataFrame(
        {
            "counted_pupils": np.where(counts, cp["weighted"].to_numpy(), 0.0),
            "bb_kb": np.where(counts, cp["bb_kb"], 0),
            "gl": np.where(counts, cp["gl"], 0),
            "technical": technical & counts,
        },
        index=pd.Index(schools["code"].astype(str).to_numpy(), name="code"),
    )


@dataclass(frozen=True)
class Aligned:
    """Schools, assignment and graph lined up on one order of the schools (internal).

    The regionalizer builds this directly from its own arrays and calls
    :func:`measure`; :func:`region_metrics` and :func:`region_table` build it
    from a table, an assignment and a graph.
    """

    rows: pd.DataFrame  # the schools, in this order
    codes: np.ndarray
    xy: np.ndarray
    labels: np.ndarray  # region number per school, -1 for none
    names: list[str]  # region name per region number
    pupils: np.ndarray  # counted pupils (weighted)
    bb_kb: np.ndarray
    gl: np.ndarray
    technical: np.ndarray  # bool
    edges: np.ndarray  # in this order
    components: np.ndarray  # graph component per school


def _align(
    schools: pd.DataFrame | Regions,
    assignment: pd.Series | None,
    graph: GraphLike,
    config: Config,
) -> Aligned:
    if isinstance(schools, Regions):
        regions = schools
    else:
        regions = Regions(schools, assignment if assignment is not None else {}, config=config)
    require_single(regions)
    schools = regions.schools
    codes = regions.codes
    graph_codes = np.asarray(graph.codes).astype(str)
    pos = pd.Index(graph_codes).get_indexer(codes)
    if (pos < 0).any() or len(graph_codes) != len(codes):
        missing = codes[pos < 0].tolist()
        raise InputDataError(
            Problem(
                "the graph was built for other schools than the table",
                value=missing[:10] if missing else f"{len(graph_codes)} graph nodes",
                fix="build the graph from this schools table",
            ),
            "the assignment does not fit the schools table",
        )
    region = regions.assignment.reindex(codes)
    valid = region.notna().to_numpy()
    names_arr = region.astype(object).to_numpy()
    uniq = sorted({str(v) for v in names_arr[valid]})
    lookup = {name: k for k, name in enumerate(uniq)}
    labels = np.full(len(codes), -1, dtype=np.int64)
    labels[valid] = [lookup[str(v)] for v in names_arr[valid]]
    inv = np.empty(len(graph_codes), dtype=np.int64)
    inv[pos] = np.arange(len(codes))
    edges = inv[np.asarray(graph.edges, dtype=np.int64)].reshape(-1, 2)
    components = np.asarray(graph.component_labels)[pos]
    xy = schools[["x", "y"]].to_numpy(dtype=float)
    fig = school_figures(schools, config=config)
    return Aligned(
        rows=schools,
        codes=codes,
        xy=xy,
        labels=labels,
        names=uniq,
        pupils=fig["counted_pupils"].to_numpy(dtype=float),
        bb_kb=fig["bb_kb"].to_numpy(dtype=float),
        gl=fig["gl"].to_numpy(dtype=float),
        technical=fig["technical"].to_numpy(dtype=bool),
        edges=edges,
        components=components,
    )


def _pieces(al: Aligned) -> tuple[np.ndarray, np.ndarray]:
    """Per region: number of pieces, and number of pieces that are whole graph components."""
    n = len(al.codes)
    k = len(al.names)
    lab = al.labels
    e = al.edges
    same = (lab[e[:, 0]] == lab[e[:, 1]]) & (lab[e[:, 0]] >= 0)
    e = e[same]
    adj = sparse.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    _, piece = connected_components(adj, directed=False)
    assigned = lab >= 0
    # distinct pieces per region
    pairs = np.unique(np.column_stack([lab[assigned], piece[assigned]]), axis=0)
    n_pieces = np.bincount(pairs[:, 0], minlength=k)
    # a piece is an island when it covers its whole graph component
    piece_size = np.bincount(piece, minlength=n)
    comp_size = np.bincount(al.components, minlength=int(al.components.max()) + 1 if n else 0)
    first = np.full(n, -1, dtype=np.int64)
    order = np.arange(n)[::-1]
    first[piece[order]] = order  # one node per piece
    rep = first[pairs[:, 1]]
    island = piece_size[pairs[:, 1]] == comp_size[al.components[rep]]
    n_island = np.bincount(pairs[:, 0], weights=island.astype(float), minlength=k).astype(int)
    return n_pieces, n_island


def _diameters(xy: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros(k)
    assigned = labels >= 0
    order = np.argsort(labels[assigned], kind="stable")
    pts = xy[assigned][order]
    bounds = np.searchsorted(labels[assigned][order], np.arange(k + 1))
    for r in range(k):
        p = pts[bounds[r] : bounds[r + 1]]
        if len(p) > 64:
            with contextlib.suppress(QhullError):  # all on a line: keep every point
                p = p[ConvexHull(p).vertices]
        if len(p) > 1:
            d = p[:, None, :] - p[None, :, :]
            out[r] = float(np.sqrt((d * d).sum(axis=2).max()))
    return out


def _sse(xy: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    assigned = labels >= 0
    lab = labels[assigned]
    pts = xy[assigned]
    if len(pts) == 0:
        return np.zeros(k)
    pts = pts - pts.mean(axis=0)
    cnt = np.bincount(lab, minlength=k).astype(float)
    sx = np.bincount(lab, pts[:, 0], minlength=k)
    sy = np.bincount(lab, pts[:, 1], minlength=k)
    sq = np.bincount(lab, (pts * pts).sum(axis=1), minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        sse = sq - np.where(cnt > 0, (sx * sx + sy * sy) / cnt, 0.0)
    return np.maximum(sse, 0.0)


def _division_labels(
    schools: pd.DataFrame, division: str | pd.Series | None
) -> tuple[np.ndarray | None, str | None]:
    if isinstance(division, pd.Series):
        values = division.reindex(schools["code"].astype(str).to_numpy())
        return values.astype(object).to_numpy(), str(division.name or "division")
    key = division or "nodal"
    if key not in DIVISIONS:
        raise InputDataError(
            Problem(
                f"unknown division {key!r}",
                fix=f"use one of {', '.join(DIVISIONS)}",
            )
        )
    column = DIVISIONS[key][0]
    if column not in schools or schools[column].isna().all():
        if division is None:
            return None, None
        raise InputDataError(Problem(f"the schools table has no {column} values", column=column))
    return schools[column].astype(object).to_numpy(), key


def _ari(labels: np.ndarray, other: np.ndarray) -> float | None:
    from sklearn.metrics import adjusted_rand_score

    mask = (labels >= 0) & pd.notna(other)
    if mask.sum() < 2:
        return None
    _, codes = np.unique(other[mask].astype(str), return_inverse=True)
    return float(adjusted_rand_score(codes, labels[mask]))


def _floors(
    config: Config, min_counted_pupils: float | None, min_technical_schools: int | None
) -> tuple[float, int]:
    floor_w = (
        config.regions.min_counted_pupils if min_counted_pupils is None else min_counted_pupils
    )
    floor_t = (
        config.regions.min_technical_schools
        if min_technical_schools is None
        else min_technical_schools
    )
    return float(floor_w), int(floor_t)


def _table(al: Aligned, config: Config, floor_w: float, floor_t: int) -> pd.DataFrame:
    k = len(al.names)
    lab = al.labels
    assigned = lab >= 0
    la = lab[assigned]
    pupils = np.bincount(la, al.pupils[assigned], minlength=k)
    bb_kb = np.bincount(la, al.bb_kb[assigned], minlength=k)
    gl = np.bincount(la, al.gl[assigned], minlength=k)
    technical = np.bincount(la, al.technical[assigned].astype(float), minlength=k)
    n_schools = np.bincount(la, minlength=k)
    n_pieces, n_island = _pieces(al)
    non_island = n_pieces - n_island
    cap = config.regions.max_counted_pupils
    under_pupils = pupils < floor_w
    under_technical = technical < floor_t
    return pd.DataFrame(
        {
            "region": al.names,
            "n_schools": n_schools.astype(np.int64),
            "n_technical_schools": technical.astype(np.int64),
            "counted_pupils": pupils,
            "counted_pupils_bb_kb": bb_kb.astype(np.int64),
            "counted_pupils_gl": gl.astype(np.int64),
            "diameter_m": _diameters(al.xy, lab, k),
            "sse": _sse(al.xy, lab, k),
            "n_pieces": n_pieces.astype(np.int64),
            "connected": (n_pieces <= 1) | (non_island <= 1),
            "joined_across_water": (n_island > 0) & (n_pieces > 1),
            "under_floor_pupils": under_pupils,
            "under_floor_technical": under_technical,
            "over_max": pupils > cap if cap is not None else np.zeros(k, dtype=bool),
            "under_floor": under_pupils | under_technical,
        }
    )


def _pairs_within(xy: np.ndarray, r: float) -> int:
    """Pairs of points at most ``r`` apart (counted by a dual-tree walk, never listed)."""
    if len(xy) < 2:
        return 0
    tree = cKDTree(xy)
    return (int(tree.count_neighbors(tree, r)) - len(xy)) // 2


def _close_pair_counts(xy: np.ndarray, labels: np.ndarray, close: float) -> tuple[int, int]:
    """Pairs of schools closer than ``close`` metres, and those of them split between regions.

    Counted without listing the pairs: 100,000 schools have tens of millions
    of pairs within 10 km. Split pairs are the pairs of schools in a region
    minus the pairs within one region.
    """
    if close <= 0:
        return 0, 0
    strict = float(np.nextafter(close, 0.0))  # "within 10 km" means closer than 10 km
    total = _pairs_within(xy, strict)
    assigned = np.flatnonzero(labels >= 0)
    both = _pairs_within(xy[assigned], strict)
    order = assigned[np.argsort(labels[assigned], kind="stable")]
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    same = sum(_pairs_within(xy[members], strict) for members in np.split(order, cuts))
    return total, both - same


def measure(
    al: Aligned,
    *,
    config: Config,
    division: str | pd.Series | None = None,
    min_counted_pupils: float | None = None,
    min_technical_schools: int | None = None,
) -> tuple[RegionMetrics, pd.DataFrame]:
    """The metrics and the per-region table of aligned data (see :class:`Aligned`)."""
    floor_w, floor_t = _floors(config, min_counted_pupils, min_technical_schools)
    table = _table(al, config, floor_w, floor_t)
    close = config.rules.close_distance_m
    n_close, split = _close_pair_counts(al.xy, al.labels, close)
    other, div_name = _division_labels(al.rows, division)
    ari = _ari(al.labels, other) if other is not None else None
    n_assigned = int((al.labels >= 0).sum())
    metrics = RegionMetrics(
        n_regions=len(table),
        n_under_floor_pupils=int(table["under_floor_pupils"].sum()),
        n_under_floor_technical=int(table["under_floor_technical"].sum()),
        n_under_floor=int(table["under_floor"].sum()),
        n_over_max=int(table["over_max"].sum()),
        n_disconnected=int((~table["connected"]).sum()),
        n_joined_across_water=int(table["joined_across_water"].sum()),
        mean_diameter_m=float(table["diameter_m"].mean()) if len(table) else 0.0,
        max_diameter_m=float(table["diameter_m"].max()) if len(table) else 0.0,
        sse=float(table["sse"].sum()),
        close_pairs=n_close,
        split_close_pairs=split,
        split_close_share=split / n_close if n_close else 0.0,
        ari_vs_division=ari,
        division=div_name if ari is not None else None,
        n_schools_assigned=n_assigned,
        n_unassigned=len(al.codes) - n_assigned,
        min_counted_pupils=floor_w,
        min_technical_schools=floor_t,
        close_distance_m=float(close),
    )
    return metrics, table


def region_table(
    schools: pd.DataFrame | Regions,
    assignment: pd.Series | None,
    graph: GraphLike,
    *,
    config: Config,
    min_counted_pupils: float | None = None,
    min_technical_schools: int | None = None,
) -> pd.DataFrame:
    """Figures per region, sorted by region name.

    Parameters
    ----------
    schools
        The schools table, or the regions (:class:`regionkit.regions.Regions`;
        ``assignment`` is then ``None``).
    assignment
        Region name per school code (absent or NA: in no region).
    graph
        The proximity graph over the same schools.
    config
        Floors (``config.regions``), GL weight and the optional ceiling.
    min_counted_pupils, min_technical_schools
        Floors to use instead of ``config.regions``'s (the rule checks pass theirs).

    Returns
    -------
    pandas.DataFrame
        One row per region: ``region``, ``n_schools``, ``n_technical_schools``,
        ``counted_pupils`` (weighted), ``counted_pupils_bb_kb``,
        ``counted_pupils_gl`` (head counts), ``diameter_m``, ``sse``,
        ``n_pieces``, ``connected``, ``joined_across_water``,
        ``under_floor_pupils``, ``under_floor_technical``, ``over_max`` and
        ``under_floor``.

    Raises
    ------
    InputDataError
        When the assignment names codes outside the table, a code twice, or
        the graph belongs to other schools.

    Examples
    --------
    >>> import pandas as pd
    >>> from regionkit.config import load_config
    >>> from regionkit.graph import ProximityGraph
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> graph = ProximityGraph.build_delaunay(schools)
    >>> assignment = pd.Series(schools["province"].to_numpy(), index=schools["code"])
    >>> table = region_table(schools, assignment, graph, config=load_config())
    >>> table.loc[table["region"] == "Zeeland", ["n_schools", "connected"]].to_numpy().tolist()
    [[43, True]]
    """
    floor_w, floor_t = _floors(config, min_counted_pupils, min_technical_schools)
    return _table(_align(schools, assignment, graph, config), config, floor_w, floor_t)


def region_metrics(
    schools: pd.DataFrame | Regions,
    assignment: pd.Series | None,
    graph: GraphLike,
    *,
    config: Config,
    division: str | pd.Series | None = None,
    min_counted_pupils: float | None = None,
    min_technical_schools: int | None = None,
) -> RegionMetrics:
    """Quality figures of a set of regions.

    Parameters
    ----------
    schools
        The schools table, or the regions (:class:`regionkit.regions.Regions`;
        ``assignment`` is then ``None``).
    assignment
        Region name per school code (absent or NA: in no region).
    graph
        The proximity graph over the same schools.
    config
        Floors (``config.regions``), GL weight, ceiling and the close distance
        (``config.rules.close_distance_m``).
    division
        Official division to compare with: ``"nodal"``, ``"rmc"``, ``"corop"``,
        ``"education_area"``, or a Series of area per school code. ``None``
        compares with the nodal areas when the table has them.
    min_counted_pupils, min_technical_schools
        Floors to use instead of ``config.regions``'s.

    Returns
    -------
    RegionMetrics

    Raises
    ------
    InputDataError
        When the assignment does not fit the schools table or the graph, or
        the division is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> from regionkit.config import load_config
    >>> from regionkit.graph import ProximityGraph
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> graph = ProximityGraph.build_delaunay(schools)
    >>> nodal = pd.Series(schools["nodal_code"].to_numpy(), index=schools["code"])
    >>> m = region_metrics(schools, nodal, graph, config=load_config())
    >>> m.n_regions, m.n_unassigned, m.ari_vs_division
    (80, 8, 1.0)
    """
    al = _align(schools, assignment, graph, config)
    return measure(
        al,
        config=config,
        division=division,
        min_counted_pupils=min_counted_pupils,
        min_technical_schools=min_technical_schools,
    )[0]
