"""Rule 3 in one place: when a region is large enough, and when it belongs to a larger one.

The programme asks for regions large enough to make good trade-offs, without a
number, and asks a small region that is part of a larger, more logical
geographic whole to merge into one application for the larger area
(``docs/DOMAIN.md``, rule 3). This module holds the one definition of both
that the check and the logical regions share, so a proposal never fails its
own check on rule 3:

- :func:`floors` and :func:`large_enough`: a region is large enough with at
  least ``[rules] min_counted_pupils`` counted pupils (the check's
  :func:`regionkit.rules.too_small` flags fewer) and at least ``[regions]
  min_technical_schools`` schools with a technical profile (two by default:
  a proposal plans a technical offer to make trade-offs between, and meets
  the stricter reading of the check's composition rule, so it passes either
  reading). Both are the analysis's settings. The default, 63 counted pupils,
  is EUR 1 M over four years at the BB/KB rate: the smallest regions the
  programme approved (they ran from about EUR 1 M to 22 M), so the check
  flags a region smaller than any the programme approved, and the logical
  regions are never smaller.
- :func:`techniekarm_floor`: a techniekarm region (``[funding]
  techniekarm_threshold``) exists by design (rule 4) and draws on its own
  budget, so counted pupils cannot measure it: it is large enough with at
  least ``[rules] min_techniekarm_pupils`` pupils in the techniekarm share's
  denominator (leerjaar 3 and 4 of BB, KB and GL by default), whatever its
  technical pupils. The default, 315, is what a region at the counted floor
  holds at the national technical share (63 / 20 %); ``0`` holds a
  techniekarm region to the counted floor like any other. The check applies
  it; the logical regions hold every group to the technical floors unless
  ``[logical] techniekarm_regions`` asks them to form techniekarm regions
  on purpose (such regions were rare and had to register as such), so a
  proposal is large enough by the same definition either way.
- :func:`larger_wholes`: which regions are part of a larger whole, and of
  which larger region. The check :func:`regionkit.rules.part_of_larger_whole`
  reports what it finds, and the logical regions (:mod:`regionkit.logical`)
  merge until it finds nothing.

Both measure a region by its *size* (:func:`sizes`): its counted pupils, or,
for a techniekarm region, its pupils at the rate at which the techniekarm
floor equals the counted floor (315 pupils weigh as 63 counted pupils by
default), so a techniekarm region is small, and larger than a neighbour, by
the measure that tells whether it is large enough.

A region smaller than ``max_counted`` (the analysis's setting ``[rules]
part_of_whole_max_counted_pupils``) is part of a larger whole when at least
``share`` (``[rules] part_of_whole_share``) of

- its schools lie inside the convex hull of the schools of one larger region
  (aspect ``"hull"``: it lies within the other's area), or
- its proximity-graph links to other regions' schools go to one larger
  region (aspect ``"boundary"``: it borders almost only that one).

The function works on plain arrays (a region number per school), so the check
and the regionalizer call it on the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import shapely
from numpy.typing import ArrayLike

if TYPE_CHECKING:
    from regionkit.config import Config

__all__ = [
    "LargerWhole",
    "floors",
    "large_enough",
    "larger_wholes",
    "sizes",
    "techniekarm_floor",
]


def floors(config: Config) -> tuple[float, int]:
    """The floors of a large enough region: counted pupils and technical schools.

    Parameters
    ----------
    config
        ``[rules] min_counted_pupils`` (the check's too-small floor) and
        ``[regions] min_technical_schools``.

    Returns
    -------
    tuple of (float, int)
        Counted pupils, schools with a technical profile.

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> floors(load_config())
    (63.0, 2)
    """
    return float(config.rules.min_counted_pupils), int(config.regions.min_technical_schools)


def techniekarm_floor(config: Config) -> float:
    """The pupils a techniekarm region needs to be large enough (``0``: the counted floor).

    Pupils in leerjaar 3 and 4 as the techniekarm share's denominator counts
    them (``[funding] techniekarm_denominator``).

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> techniekarm_floor(load_config())
    315.0
    """
    return float(config.rules.min_techniekarm_pupils)


def large_enough(
    counted: ArrayLike,
    technical: ArrayLike,
    *,
    floor_counted: float,
    floor_technical: int,
    techniekarm: ArrayLike | None = None,
    pupils: ArrayLike | None = None,
    floor_techniekarm: float = 0.0,
) -> np.ndarray:
    """Which regions are large enough (see :func:`floors` and :func:`techniekarm_floor`).

    Parameters
    ----------
    counted, technical
        Counted pupils and schools with a technical profile per region.
    floor_counted, floor_technical
        The floors of :func:`floors`.
    techniekarm
        Whether each region is techniekarm; ``None``: none is.
    pupils
        Pupils per region in the techniekarm share's denominator (with
        ``techniekarm``).
    floor_techniekarm
        The pupils a techniekarm region needs instead of the technical floors;
        ``0`` holds it to those floors like any other region.

    Examples
    --------
    >>> import numpy as np
    >>> large_enough(np.array([80.0, 40.0]), np.array([2, 3]), floor_counted=63, floor_technical=2)
    array([ True, False])

    A techniekarm region of 400 pupils, and one of 200:

    >>> large_enough(
    ...     np.array([0.0, 0.0]), np.array([0, 0]), floor_counted=63, floor_technical=2,
    ...     techniekarm=np.array([True, True]), pupils=np.array([400.0, 200.0]),
    ...     floor_techniekarm=315,
    ... )
    array([ True, False])
    """
    ok = (np.asarray(counted) >= floor_counted) & (np.asarray(technical) >= floor_technical)
    if techniekarm is None or pupils is None or floor_techniekarm <= 0:
        return ok
    karm = np.asarray(techniekarm, dtype=bool)
    return np.where(karm, np.asarray(pupils, dtype=float) >= floor_techniekarm, ok)


def sizes(
    counted: ArrayLike,
    *,
    techniekarm: ArrayLike | None = None,
    pupils: ArrayLike | None = None,
    floor_counted: float = 0.0,
    floor_techniekarm: float = 0.0,
) -> np.ndarray:
    """Rule 3's size of each region, in counted pupils.

    Counted pupils; for a techniekarm region (rule 4: it exists by design and
    is large enough on its pupils, :func:`large_enough`) its pupils in the
    techniekarm share's denominator times ``floor_counted / floor_techniekarm``,
    the rate at which its floor weighs as much as the counted floor.

    Parameters
    ----------
    counted
        Counted pupils per region.
    techniekarm, pupils
        Whether each region is techniekarm, and its pupils in the share's
        denominator; ``None``: no region is measured on its pupils.
    floor_counted, floor_techniekarm
        The floors of :func:`floors` and :func:`techniekarm_floor`; without a
        positive techniekarm floor every region is measured on counted pupils.

    Examples
    --------
    >>> import numpy as np
    >>> sizes(np.array([80.0, 12.0]), techniekarm=np.array([False, True]),
    ...       pupils=np.array([900.0, 400.0]), floor_counted=63, floor_techniekarm=315)
    array([80., 80.])
    """
    size = np.asarray(counted, dtype=float)
    if techniekarm is None or pupils is None or floor_techniekarm <= 0 or floor_counted <= 0:
        return size
    karm = np.asarray(techniekarm, dtype=bool)
    rate = floor_counted / floor_techniekarm
    return np.where(karm, np.asarray(pupils, dtype=float) * rate, size)


@dataclass(frozen=True)
class LargerWhole:
    """A small region that is part of a larger whole.

    Attributes
    ----------
    region
        The small region's number.
    whole
        The larger region it belongs to.
    share
        Share of its schools inside the larger region's hull (``"hull"``) or of
        its graph links to other regions that go to the larger region
        (``"boundary"``).
    aspect
        ``"hull"`` or ``"boundary"``.
    """

    region: int
    whole: int
    share: float
    aspect: Literal["hull", "boundary"]


def _best(shares: dict[int, float]) -> int | None:
    """The region with the highest share; ties to the lowest number."""
    if not shares:
        return None
    return min(shares, key=lambda r: (-shares[r], r))


def _members(labels: np.ndarray, k: int) -> list[np.ndarray]:
    """The schools of each region ``0 .. k - 1`` (one sort, not a scan per region)."""
    assigned = np.flatnonzero(labels >= 0)
    order = assigned[np.argsort(labels[assigned], kind="stable")]
    cuts = np.searchsorted(labels[order], np.arange(1, k))
    return np.split(order, cuts)


def _pair_counts(a: np.ndarray, b: np.ndarray, k: int) -> dict[int, dict[int, int]]:
    """How often each pair (a, b) of region numbers occurs, as ``{a: {b: count}}``."""
    keys, counts = np.unique(a * k + b, return_counts=True)
    out: dict[int, dict[int, int]] = {}
    for key, n in zip(keys.tolist(), counts.tolist(), strict=True):
        out.setdefault(key // k, {})[key % k] = n
    return out


def _inside(
    labels: np.ndarray, xy: np.ndarray, members: list[np.ndarray], asked: list[int]
) -> tuple[list[int], dict[int, dict[int, int]]]:
    """The regions with a two-dimensional hull, and per region of ``asked`` how many of its
    schools lie inside each of those hulls (``{region: {hull region: schools}}``).

    One spatial index over the hulls answers every school of the asked regions
    at once, so the cost grows with those schools and the hulls that hold
    them, not schools x regions.
    """
    with_hull: list[int] = []
    hulls = []
    for r, nodes in enumerate(members):
        if len(nodes) < 3:
            continue
        hull = shapely.MultiPoint(xy[nodes]).convex_hull
        if hull.geom_type == "Polygon":
            with_hull.append(r)
            hulls.append(hull)
    assigned = np.concatenate([members[r] for r in asked]) if asked else np.empty(0, np.int64)
    if not hulls or not len(assigned):
        return with_hull, {}
    tree = shapely.STRtree(hulls)
    point, hit = tree.query(shapely.points(xy[assigned]), predicate="within")
    owner = np.asarray(with_hull, dtype=np.int64)[hit]
    return with_hull, _pair_counts(labels[assigned[point]], owner, len(members))


def larger_wholes(
    labels: np.ndarray,
    xy: np.ndarray,
    counted: np.ndarray,
    *,
    max_counted: float,
    share: float,
    edges: np.ndarray | None = None,
    regions: np.ndarray | None = None,
    techniekarm: ArrayLike | None = None,
    pupils: ArrayLike | None = None,
    floor_counted: float = 0.0,
    floor_techniekarm: float = 0.0,
) -> list[LargerWhole]:
    """Small regions that are part of a larger whole, smallest region number first.

    Parameters
    ----------
    labels
        Region number per school, ``0 .. k - 1``; ``-1`` for a school in no
        region (it takes part in no hull and no link).
    xy
        Coordinates per school, ``(n, 2)``, EPSG:28992 metres.
    counted
        Counted pupils per region, ``(k,)``.
    max_counted
        Regions smaller than this (:func:`sizes`) are checked.
    share
        The share of schools inside a hull, or of links, that makes a region part
        of a larger whole.
    edges
        The proximity graph's edges, ``(m, 2)`` school numbers; ``None`` checks
        hulls only.
    regions
        Check only these region numbers (all when ``None``).
    techniekarm, pupils, floor_counted, floor_techniekarm
        Whether each region is techniekarm, its pupils in the share's
        denominator and the floors: a techniekarm region is measured on its
        pupils (:func:`sizes`), both as the small region and as the larger one.

    Returns
    -------
    list of LargerWhole
        At most one per small region: its hull aspect when that applies, else
        its boundary aspect.

    Examples
    --------
    Two schools of region 1 in the middle of the square of region 0:

    >>> import numpy as np
    >>> xy = np.array([[0, 0], [20, 0], [0, 20], [20, 20], [10, 11], [10, 9.0]])
    >>> labels = np.array([0, 0, 0, 0, 1, 1])
    >>> larger_wholes(labels, xy, np.array([400.0, 100.0]), max_counted=300, share=0.75)
    [LargerWhole(region=1, whole=0, share=1.0, aspect='hull')]

    The same region techniekarm with 1,800 pupils weighs 360 counted pupils: not small.

    >>> larger_wholes(labels, xy, np.array([400.0, 100.0]), max_counted=300, share=0.75,
    ...               techniekarm=np.array([False, True]), pupils=np.array([2000.0, 1800.0]),
    ...               floor_counted=63, floor_techniekarm=315)
    []
    """
    labels = np.asarray(labels, dtype=np.int64)
    xy = np.asarray(xy, dtype=float)
    counted = sizes(
        counted,
        techniekarm=techniekarm,
        pupils=pupils,
        floor_counted=floor_counted,
        floor_techniekarm=floor_techniekarm,
    )
    k = len(counted)
    members = _members(labels, k)
    check = range(k) if regions is None else sorted({int(r) for r in regions})
    small = [r for r in check if counted[r] < max_counted and len(members[r])]
    if not small:
        return []
    with_hull, inside = _inside(labels, xy, members, small)
    hull_ids = np.asarray(with_hull, dtype=np.int64)
    links: dict[int, dict[int, int]] | None = None
    if edges is not None and len(edges):
        e = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
        src = np.concatenate([e[:, 0], e[:, 1]])
        dst = np.concatenate([e[:, 1], e[:, 0]])
        ls, ld = labels[src], labels[dst]
        across = (ls >= 0) & (ld >= 0) & (ls != ld)
        links = _pair_counts(ls[across], ld[across], k)
    found = []
    for r in small:
        size = len(members[r])
        shares = {
            o: n / size for o, n in inside.get(r, {}).items() if o != r and counted[o] > counted[r]
        }
        top = _best(shares)
        if top is None and share <= 0:  # only hulls holding none of its schools
            candidates = hull_ids[(hull_ids != r) & (counted[hull_ids] > counted[r])]
            if len(candidates):
                top, shares = int(candidates[0]), {int(candidates[0]): 0.0}
        if top is not None and shares[top] >= share:
            found.append(LargerWhole(r, top, shares[top], "hull"))
            continue
        if links is None or r not in links:
            continue
        total = sum(links[r].values())
        by = {o: n for o, n in links[r].items() if counted[o] > counted[r]}
        top = _best({o: float(n) for o, n in by.items()})
        if top is not None and by[top] / total >= share:
            found.append(LargerWhole(r, top, by[top] / total, "boundary"))
    return found
