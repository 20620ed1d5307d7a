r"""A set of regions as one value: the schools, the listings and the figures derived from them.

:class:`Regions` is what every step after region formation takes: the rule
checks, the money, the maps, the reports and the comparison. It is built once
from a proposal file, an official division or regionkit's own proposal, and
validated where it is built (:mod:`regionkit._validate`): no later step checks
an assignment again. What is allowed in a set of regions but wrong for the
programme is kept as data for the rules to report: codes that are not in the
schools table (:attr:`Regions.unknown`) and schools listed in more than one
region (:attr:`Regions.listed_twice`).

Figures are computed when first asked for and cached: per-region counts
(:attr:`Regions.figures`), each region's parts in the proximity graph
(:meth:`Regions.parts`), neighbouring regions, and what a later step derives
per region through :meth:`Regions.per_region` (the money and the indicative
split, the close-schools rule's KD-trees). Region areas
(:meth:`Regions.polygons`) are computed as a whole, once per value. Figures
that do not depend on the regions (each school's counted pupils, the graph's
structure) are computed once per schools table and shared by every value
:meth:`Regions.move` makes.

:meth:`Regions.move` moves schools (``{code: region}``) and gives a new value
in which only the *touched* regions (those a moved school left or joined) have
their per-region figures recomputed; a region's parts are recomputed for every
region only when a move takes a school into or out of no region (schools in no
region connect a region's parts). Like GerryChain's ``Partition.flip``, a move
never changes the value it was called on.

Examples
--------
>>> from regionkit.schools import load_schools
>>> schools = load_schools()
>>> nodal = Regions.from_division(schools, "nodal")
>>> print(repr(nodal).replace(", 0 unknown", ",\n 0 unknown"))
<Regions: 80 regions, 1,578 of 1,586 schools in a region,
 0 unknown codes, 0 listed twice, from division:nodal>
>>> moved = nodal.move({"00AH17": "Almelo"})
>>> sorted(moved.touched), moved.assignment["00AH17"]
(['Almelo', 'Enschede'], 'Almelo')
>>> nodal.assignment["00AH17"]
'Enschede'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from regionkit._format import format_int
from regionkit._schema import COUNTED_KINDS
from regionkit._validate import as_proposal, check_moves, check_schools
from regionkit.config import Config
from regionkit.proposal import Proposal
from regionkit.schools import counted_pupils

if TYPE_CHECKING:
    import geopandas as gpd

    from regionkit.graph import ProximityGraph

__all__ = ["FIGURE_COLUMNS", "Regions"]

T = TypeVar("T")

#: Columns of :attr:`Regions.figures`.
FIGURE_COLUMNS = ("n_schools", "n_counting", "n_technical", "counted", "bb_kb", "gl")


@dataclasses.dataclass(eq=False)
class _Shared:
    """What every value over one schools table, configuration and graph shares."""

    table: pd.DataFrame
    config: Config
    graph: ProximityGraph | None
    codes: np.ndarray  # str, in table order
    position: dict[str, int]  # code -> row of the table
    cache: dict[str, Any] = dataclasses.field(default_factory=dict)

    def get(self, key: str, compute: Callable[[], T]) -> T:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


#: Per-region cache keys whose values depend on which schools are in no region.
_DEPENDS_ON_UNASSIGNED: set[str] = set()


class Regions:
    """A set of regions of one schools table, validated once, its figures cached.

    Parameters
    ----------
    schools
        The schools table (:func:`regionkit.schools.load_schools`).
    regions
        The listings: a :class:`~regionkit.proposal.Proposal` (from a file, a
        division or regionkit's own proposal), or an assignment (a Series of
        region names indexed by school code; NA or empty: in no region).
    config
        The configuration (GL weight, language, rule and money settings);
        ``None`` for the defaults.
    graph
        The proximity graph of the schools table, or ``None`` (the graph rules
        then find nothing).

    Raises
    ------
    InputDataError
        When the schools table lacks ``code`` or repeats a code, or
        ``regions`` is neither a proposal nor an assignment (every problem
        listed). Figures that need where the schools are (rules, maps) raise it
        for a table without ``x`` and ``y``.

    Examples
    --------
    >>> import pandas as pd
    >>> from regionkit.schools import load_schools
    >>> r = Regions(load_schools(), pd.Series({"00AH17": "Twente", "99ZZ99": "Twente"}))
    >>> r.regions, r.unknown["code"].tolist()
    (['Twente'], ['99ZZ99'])
    >>> r.figures.loc["Twente", ["n_schools", "n_technical", "counted"]].tolist()
    [1.0, 1.0, 97.0]
    """

    def __init__(
        self,
        schools: pd.DataFrame,
        regions: Proposal | pd.Series | Mapping[str, str],
        *,
        config: Config | None = None,
        graph: ProximityGraph | None = None,
    ) -> None:
        check_schools(schools, columns=("code",))
        codes = schools["code"].astype(str).to_numpy()
        shared = _Shared(
            table=schools,
            config=config or Config(),
            graph=graph,
            codes=codes,
            position={c: i for i, c in enumerate(codes.tolist())},
        )
        self._init(shared, as_proposal(regions), frozenset())

    # --- alternate constructors ---------------------------------------------------------------

    @classmethod
    def from_division(
        cls,
        schools: pd.DataFrame,
        division: str,
        *,
        config: Config | None = None,
        graph: ProximityGraph | None = None,
    ) -> Regions:
        """An official division (``"nodal"``, ``"rmc"``, ``"corop"``, ``"education_area"``).

        See :func:`regionkit.proposal.proposal_from_division`.
        """
        from regionkit.proposal import proposal_from_division

        p = proposal_from_division(schools, division, config)
        return cls(schools, p, config=config, graph=graph)

    @classmethod
    def read(
        cls,
        path: str | Path,
        schools: pd.DataFrame,
        *,
        config: Config | None = None,
        graph: ProximityGraph | None = None,
        **read_options: Any,
    ) -> Regions:
        """A proposal file (CSV or Excel), read with :func:`regionkit.proposal.read_proposal`."""
        from regionkit.proposal import read_proposal

        proposal = read_proposal(path, schools, **read_options)
        return cls(schools, proposal, config=config, graph=graph)

    def _init(self, shared: _Shared, proposal: Proposal, touched: frozenset[str]) -> None:
        self._shared = shared
        self.proposal = proposal
        self.touched = touched
        self._cache: dict[str, Any] = {}
        self._per_region: dict[str, dict[str, Any]] = {}
        m = proposal.memberships
        codes = m["code"].astype(str).to_numpy()
        position = shared.position
        idx = np.fromiter((position.get(c, -1) for c in codes), dtype=np.int64, count=len(codes))
        self._listing_index = idx  # row of the table per listing, -1 for an unknown code
        self.regions: list[str] = proposal.regions
        # the single-region view: a school listed twice is in the region listed first
        labels = np.full(len(shared.codes), -1, dtype=np.int64)
        number = {r: k for k, r in enumerate(self.regions)}
        region_names = m["region"].astype(str).to_numpy()
        for i, r in zip(idx[::-1].tolist(), region_names[::-1].tolist(), strict=True):
            if i >= 0:
                labels[i] = number[r]
        labels.setflags(write=False)
        self.labels: np.ndarray = labels

    # --- what the value holds -----------------------------------------------------------------

    @property
    def schools(self) -> pd.DataFrame:
        """The schools table the regions were built on."""
        return self._shared.table

    @property
    def config(self) -> Config:
        """The configuration of every figure."""
        return self._shared.config

    @property
    def graph(self) -> ProximityGraph | None:
        """The proximity graph, or None."""
        return self._shared.graph

    @property
    def source(self) -> str | None:
        """Where the regions came from (a file, ``division:nodal``, ``propose``)."""
        return self.proposal.source

    @property
    def codes(self) -> np.ndarray:
        """The school codes of the table, in its order (the order of :attr:`labels`)."""
        return self._shared.codes

    @property
    def index(self) -> Mapping[str, int]:
        """The row of the schools table of each code."""
        return self._shared.position

    @property
    def partners(self) -> pd.DataFrame:
        """mbo institutions, companies and governments: ``region``, ``role``, ``name``, ``row``."""
        return self.proposal.partners

    @property
    def has_partners(self) -> bool:
        """Whether any partner is listed."""
        return self.proposal.has_partners

    def _once(self, key: str, compute: Callable[[], T]) -> T:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def assignment(self) -> pd.Series:
        """Region per school code of the table, for the schools in a region; sorted by code.

        A school listed in several regions is in the region listed first.
        """

        def compute() -> pd.Series:
            known = self.labels >= 0
            names = np.asarray(self.regions, dtype=object)
            out = pd.Series(
                names[self.labels[known]],
                index=pd.Index(self.codes[known], name="code"),
                name="region",
                dtype=object,
            )
            return out.sort_index(kind="stable")

        return self._once("assignment", compute)

    @property
    def memberships(self) -> pd.DataFrame:
        """Every school listing of known codes, once per region: ``region``, ``code``.

        A school listed in two regions has two rows; in listing order.
        """

        def compute() -> pd.DataFrame:
            m = self.proposal.memberships
            known = self._listing_index >= 0
            rows = m.loc[known, ["region", "code"]].astype(str).drop_duplicates()
            return rows.reset_index(drop=True)

        return self._once("memberships", compute)

    @property
    def unknown(self) -> pd.DataFrame:
        """Listings of codes that are not in the schools table: ``region``, ``code``, ``row``."""
        return self._once(
            "unknown",
            lambda: self.proposal.memberships.loc[
                self._listing_index < 0, ["region", "code", "row"]
            ].reset_index(drop=True),
        )

    @property
    def listed_twice(self) -> pd.DataFrame:
        """Listings of schools listed in more than one region: ``region``, ``code``, ``row``."""

        def compute() -> pd.DataFrame:
            m = self.proposal.memberships
            codes = m["code"].astype(str)
            twice = codes.duplicated(keep=False)
            rows = m.loc[twice, ["region", "code", "row"]]
            n_regions = rows.groupby(rows["code"].astype(str))["region"].transform("nunique")
            return rows[n_regions.to_numpy() > 1].reset_index(drop=True)

        return self._once("listed_twice", compute)

    @property
    def unassigned(self) -> np.ndarray:
        """Codes of the table that are in no region, in table order."""
        return self._once("unassigned", lambda: self.codes[self.labels < 0])

    def members(self, region: str) -> list[str]:
        """The known schools listed in ``region``, sorted by code."""
        return sorted(self.codes[self.member_rows(region)].tolist())

    def member_rows(self, region: str) -> np.ndarray:
        """Rows of the schools table listed in ``region`` (every listing, known codes), sorted."""
        return self.per_region("member_rows", self._member_rows, [region])[region]

    def rows_in(self, regions: list[str]) -> dict[str, np.ndarray]:
        """Rows of the schools table in each of ``regions`` in the single-region view, ascending.

        A school listed twice counts in the region listed first (:attr:`labels`);
        one sort, however many regions are asked for.
        """
        number = {r: k for k, r in enumerate(self.regions)}
        wanted = [number[r] for r in regions]
        rows = np.flatnonzero(np.isin(self.labels, wanted))
        rows = rows[np.argsort(self.labels[rows], kind="stable")]
        found = self.labels[rows]
        starts = np.searchsorted(found, wanted, side="left").tolist()
        ends = np.searchsorted(found, wanted, side="right").tolist()
        return {r: rows[a:b] for r, a, b in zip(regions, starts, ends, strict=True)}

    def _member_rows(self, regions: list[str]) -> dict[str, np.ndarray]:
        m = self.memberships
        wanted = m[m["region"].isin(regions)]
        rows = np.fromiter((self.index[c] for c in wanted["code"]), np.int64, count=len(wanted))
        out = {r: np.empty(0, dtype=np.int64) for r in regions}
        for region, group in pd.Series(rows).groupby(wanted["region"].to_numpy()):
            out[str(region)] = np.sort(group.to_numpy())
        return out

    # --- per-school figures (shared by every move) --------------------------------------------

    @property
    def school_info(self) -> pd.DataFrame:
        """Per school (indexed by code): what the rules and maps show and count.

        Columns ``name``, ``place``, ``kind``, ``technical`` (a vmbo/vso school
        with a technical profile), ``counting`` (vmbo/vso: its pupils count),
        ``counted`` (counted pupils, GL weighted), ``bb_kb``, ``gl``, ``x``,
        ``y``, ``profiles`` and ``closed`` (no longer in DUO's address file).
        """
        return self._shared.get("info", self._school_info)

    def _school_info(self) -> pd.DataFrame:
        schools = self.schools
        check_schools(schools, columns=("code", "x", "y"))  # where the schools are
        cp = counted_pupils(schools, gl_weight=self.config.funding.gl_weight)
        kind = (
            schools["kind"].astype(str)
            if "kind" in schools.columns
            else pd.Series("vmbo", index=schools.index)
        )
        counting = kind.isin(COUNTED_KINDS)
        technical = (
            schools["has_technical_profile"].astype(bool) & counting
            if "has_technical_profile" in schools.columns
            else pd.Series(False, index=schools.index)
        )

        def text(column: str) -> Any:
            if column not in schools.columns:
                return ""
            return schools[column].astype(str).to_numpy()

        info = pd.DataFrame(
            {
                "name": text("name"),
                "place": text("place"),
                "kind": kind.to_numpy(),
                "technical": technical.to_numpy(),
                "counting": counting.to_numpy(),
                "counted": cp["weighted"].to_numpy(dtype=float),
                "bb_kb": cp["bb_kb"].to_numpy(dtype=float),
                "gl": cp["gl"].to_numpy(dtype=float),
                "x": schools["x"].to_numpy(dtype=float),
                "y": schools["y"].to_numpy(dtype=float),
                "profiles": (
                    schools["profiles"].astype("string").fillna("").to_numpy()
                    if "profiles" in schools.columns
                    else ""
                ),
                "closed": (
                    (~schools["in_address_file"].astype(bool)).to_numpy()
                    if "in_address_file" in schools.columns
                    else False
                ),
            },
            index=pd.Index(self.codes, name="code"),
        )
        return info

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """A figure that does not depend on the regions, computed once per schools table.

        Every value :meth:`move` makes shares it (a later step's per-school
        figures, for example).
        """
        return self._shared.get(key, compute)

    # --- per-region figures (recomputed for touched regions only) -----------------------------

    def per_region(
        self,
        key: str,
        compute: Callable[[list[str]], Mapping[str, T]],
        regions: Iterable[str] | None = None,
        *,
        depends_on_unassigned: bool = False,
    ) -> dict[str, T]:
        """A figure per region, cached under ``key``; after a move only touched regions recompute.

        Parameters
        ----------
        key
            The figure's name (one per figure and step, e.g. ``"funding.money"``).
        compute
            Given the regions whose figure is not cached, their figures.
        regions
            The regions wanted (default: every region).
        depends_on_unassigned
            Whether the figure depends on which schools are in no region: then
            a move into or out of no region recomputes it for every region.

        Returns
        -------
        dict
            Region -> figure, for ``regions``.
        """
        if depends_on_unassigned:
            _DEPENDS_ON_UNASSIGNED.add(key)
        cached = self._per_region.setdefault(key, {})
        wanted = list(self.regions if regions is None else regions)
        todo = [r for r in wanted if r not in cached]
        if todo:
            cached.update(compute(todo))
        return {r: cached[r] for r in wanted}

    @property
    def figures(self) -> pd.DataFrame:
        """Counts per region (every region, sorted), over every listing of a known school.

        Columns :data:`FIGURE_COLUMNS`: ``n_schools`` (listed, known),
        ``n_counting`` (vmbo/vso), ``n_technical`` (vmbo/vso with a technical
        profile), ``counted`` (counted pupils, GL weighted), ``bb_kb``, ``gl``.
        A school listed in two regions counts in both (what each region's list
        claims); regions with only partners have zeros.
        """

        def compute() -> pd.DataFrame:
            rows = self.per_region("figures", self._figures)
            out = pd.DataFrame(
                [rows[r] for r in self.regions],
                index=pd.Index(self.regions, name="region", dtype=object),
                columns=list(FIGURE_COLUMNS),
            )
            out = out.astype({c: np.float64 for c in FIGURE_COLUMNS[3:]})
            return out.astype({c: np.int64 for c in FIGURE_COLUMNS[:3]})

        return self._once("figures", compute)

    def _figures(self, regions: list[str]) -> dict[str, tuple[Any, ...]]:
        m = self.memberships
        number = {r: k for k, r in enumerate(regions)}
        k = m["region"].map(number)
        sel = k.notna().to_numpy()
        kk = k[sel].to_numpy(dtype=np.int64)
        position = self.index
        codes = m.loc[sel, "code"].tolist()
        rows = np.fromiter((position[c] for c in codes), dtype=np.int64, count=len(kk))
        arrays = self.shared("figures.arrays", self._figure_arrays)
        counting, technical, counted, bb_kb, gl = (x[rows] for x in arrays)
        size = len(regions)

        def total(weights: np.ndarray | None = None) -> np.ndarray:
            return np.bincount(kk, weights, minlength=size)

        columns = (
            total(),
            total(counting),
            total(technical),
            total(counted),
            total(bb_kb),
            total(gl),
        )
        return {
            r: (*(int(c[i]) for c in columns[:3]), *(float(c[i]) for c in columns[3:]))
            for r, i in number.items()
        }

    def _figure_arrays(self) -> tuple[np.ndarray, ...]:
        """Per school (table order): counting, technical, and the counts of counting schools."""
        info = self.school_info
        counting = info["counting"].to_numpy(dtype=bool)
        return (
            counting.astype(float),
            info["technical"].to_numpy(dtype=float),
            np.where(counting, info["counted"].to_numpy(dtype=float), 0.0),
            np.where(counting, info["bb_kb"].to_numpy(dtype=float), 0.0),
            np.where(counting, info["gl"].to_numpy(dtype=float), 0.0),
        )

    def parts(self, region: str) -> list[np.ndarray]:
        """The parts of a region in the proximity graph, as arrays of graph node numbers.

        Two schools of a region are in one part when the graph connects them
        through schools of the region and schools in no region (a proposal need
        not list the schools that do not take part); only another region's
        schools separate it. Empty without a graph.
        """
        return self.per_region("parts", self._parts, [region], depends_on_unassigned=True)[region]

    def all_parts(self) -> dict[str, list[np.ndarray]]:
        """The parts of every region (see :meth:`parts`), found in one pass over the graph."""
        return self.per_region("parts", self._parts, depends_on_unassigned=True)

    def _parts(self, regions: list[str]) -> dict[str, list[np.ndarray]]:
        view = self.graph_view
        if view is None:
            return {r: [] for r in regions}
        return _region_parts(view, regions)

    @property
    def graph_view(self) -> _GraphView | None:
        """The proximity graph seen from these regions (None without a graph)."""
        if self.graph is None:
            return None
        return self._once("graph_view", lambda: _GraphView(self))

    @property
    def neighbours(self) -> dict[str, tuple[str, ...]]:
        """Per region with schools: the regions a proximity-graph edge links it to, sorted."""

        def compute() -> dict[str, tuple[str, ...]]:
            view = self.graph_view
            out: dict[str, set[str]] = {r: set() for r in sorted(set(self.assignment))}
            if view is not None:
                a, b = view.rid[view.src], view.rid[view.dst]
                sel = (a >= 0) & (b >= 0) & (a != b)
                for i, j in set(zip(a[sel].tolist(), b[sel].tolist(), strict=True)):
                    out[view.names[i]].add(view.names[j])
            return {r: tuple(sorted(v)) for r, v in out.items()}

        return self._once("neighbours", compute)

    def polygons(self, *, land: Any = "netherlands") -> gpd.GeoDataFrame:
        """One area per region (:func:`regionkit.areas.region_polygons`), computed once per value.

        Not incremental: a moved school changes its neighbours' Voronoi shares
        at a shared address, so every area is drawn again for a new value.
        """
        from regionkit.areas import region_polygons

        key = f"polygons:{id(land) if not isinstance(land, str) else land}"
        return self._once(key, lambda: region_polygons(self, land=land))

    # --- moves ----------------------------------------------------------------------------------

    def move(self, changes: Mapping[str, str | None]) -> Regions:
        """A new value with schools moved: ``{code: region}`` (``None``: to no region).

        A moved school is listed once, in its new region (a school listed in
        two regions leaves both); a region may be new. Only the touched regions
        (:attr:`touched` of the result: those a moved school left or joined)
        recompute their per-region figures; figures that depend on which
        schools are in no region recompute for every region when that set
        changes. This value is unchanged.

        Raises
        ------
        InputDataError
            For a code that is not in the schools table, or a region that is
            not a name (every problem listed).
        """
        moves = check_moves(changes, self._shared.position)
        m = self.proposal.memberships
        codes = m["code"].astype(str)
        moving = codes.isin(list(moves)).to_numpy()
        left = set(m.loc[moving, "region"].astype(str))
        joined = {r for r in moves.values() if r is not None}
        to_region = [c for c in sorted(moves) if moves[c] is not None]
        added = pd.DataFrame(
            {
                "region": [moves[c] for c in to_region],
                "code": to_region,
                "row": pd.array([pd.NA] * len(to_region), dtype="Int64"),
            }
        )
        memberships = pd.concat([m[~moving], added], ignore_index=True)
        proposal = dataclasses.replace(self.proposal, memberships=memberships)
        touched = frozenset(left | joined)
        new = Regions.__new__(Regions)
        new._init(self._shared, proposal, touched)
        self._carry_to(new)
        return new

    def _carry_to(self, new: Regions) -> None:
        """Give ``new`` this value's per-region figures of the regions it did not touch."""
        same_unassigned = np.array_equal(self.labels < 0, new.labels < 0)
        for key, values in self._per_region.items():
            if key in _DEPENDS_ON_UNASSIGNED and not same_unassigned:
                continue
            new._per_region[key] = {r: v for r, v in values.items() if r not in new.touched}

    def with_proposal(self, regions: Proposal | pd.Series | Mapping[str, str]) -> Regions:
        """A new value over the same schools, configuration and graph, with other listings.

        For a caller that keeps its own rows (the editor: their order and row
        numbers are part of some findings, and it also merges and renames
        regions). A region whose listed schools, and whose schools in the
        single-region view, are the same in both values keeps its per-region
        figures; the others (:attr:`touched` of the result) recompute them, as
        after :meth:`move`. This value is unchanged.

        Examples
        --------
        >>> from regionkit.schools import load_schools
        >>> nodal = Regions.from_division(load_schools(), "nodal")
        >>> a = nodal.assignment.copy()
        >>> sorted(nodal.with_proposal(a).touched)
        []
        >>> a["00AH17"] = "Almelo"
        >>> sorted(nodal.with_proposal(a).touched)
        ['Almelo', 'Enschede']
        """
        new = Regions.__new__(Regions)
        new._init(self._shared, as_proposal(regions), frozenset())
        touched = set(self.regions) ^ set(new.regions)
        old_rows, new_rows = self._listing_sets(), new._listing_sets()
        for region in set(self.regions) & set(new.regions):
            if old_rows.get(region) != new_rows.get(region):
                touched.add(region)
        new.touched = frozenset(touched)
        self._carry_to(new)
        return new

    def _listing_sets(self) -> dict[str, tuple[frozenset[str], frozenset[int]]]:
        """Per region: its listed known codes, and its rows in the single-region view."""

        def compute() -> dict[str, tuple[frozenset[str], frozenset[int]]]:
            m = self.memberships
            listed = m.groupby("region")["code"].agg(frozenset).to_dict()
            rows = np.flatnonzero(self.labels >= 0)
            single = pd.Series(rows).groupby(self.labels[rows]).agg(frozenset).to_dict()
            empty: frozenset[Any] = frozenset()
            return {
                r: (listed.get(r, empty), single.get(k, empty)) for k, r in enumerate(self.regions)
            }

        return self._once("listing_sets", compute)

    def __repr__(self) -> str:
        n = len(self.codes)
        assigned = int((self.labels >= 0).sum())
        source = f", from {self.source}" if self.source else ""
        return (
            f"<Regions: {format_int(len(self.regions), 'en')} regions, "
            f"{format_int(assigned, 'en')} of {format_int(n, 'en')} schools in a region, "
            f"{format_int(self.unknown['code'].nunique(), 'en')} unknown codes, "
            f"{format_int(self.listed_twice['code'].nunique(), 'en')} listed twice{source}>"
        )


class _GraphView:
    """The proximity graph seen from a set of regions: node regions, structure, lookups.

    The structure (both directions of every edge, a sparse matrix with explicit
    ones: a 0 m edge between two schools at one address is an edge) is
    computed once per graph; the regions of the nodes once per value.
    """

    def __init__(self, regions: Regions):
        graph = regions.graph
        assert graph is not None
        base = regions.shared("graph_structure", lambda: _graph_structure(graph))
        self.codes, self.index, self.src, self.dst, self.length, self.structure = base[:6]
        self.components = base[6]
        a = regions.assignment
        region = pd.Series(self.codes).map(a)
        self.region = region.to_numpy(dtype=object)  # region per node, NaN when in none
        self.assigned = region.notna().to_numpy()
        self.names = sorted(set(a))
        lookup = {r: k for k, r in enumerate(self.names)}
        self.lookup = lookup
        self.rid = np.array(
            [lookup[r] if isinstance(r, str) else -1 for r in self.region], dtype=np.int64
        )
        self._links: np.ndarray | None = None

    def neighbours(self, i: int) -> np.ndarray:
        """Node numbers of the neighbours of node ``i``."""
        s = self.structure
        return s.indices[s.indptr[i] : s.indptr[i + 1]]

    def node(self, code: str) -> int | None:
        """The node number of a school code, or None."""
        return self.index.get(code)

    def nodes(self, codes: Iterable[str]) -> np.ndarray:
        """Node numbers of the codes that are in the graph."""
        index = self.index
        return np.array([index[c] for c in codes if c in index], dtype=np.int64)

    def region_links(self, own: str) -> dict[str, int]:
        """How many graph links go from the schools of ``own`` to each other region's."""
        if self._links is None:
            k = len(self.names)
            a, b = self.rid[self.src], self.rid[self.dst]
            sel = (a >= 0) & (b >= 0)
            counts = np.bincount(a[sel] * k + b[sel], minlength=k * k)
            self._links = counts.reshape(k, k)
        if own not in self.lookup:
            return {}
        row = self._links[self.lookup[own]]
        return {
            self.names[j]: int(c) for j, c in enumerate(row.tolist()) if c and self.names[j] != own
        }

    def links(self, nodes: np.ndarray, own: str) -> dict[str, int]:
        """How many graph links go from ``nodes`` to schools of each region other than ``own``.

        Reads only the links of ``nodes`` (their rows of the structure), not every link.
        """
        s = self.structure
        nodes = np.unique(np.asarray(nodes, dtype=np.int64))
        starts, ends = s.indptr[nodes], s.indptr[nodes + 1]
        degree = ends - starts
        offsets = np.arange(int(degree.sum())) - np.repeat(np.cumsum(degree) - degree, degree)
        target = self.rid[s.indices[np.repeat(starts, degree) + offsets]]
        own_id = self.names.index(own) if own in self.names else -2
        sel = (target >= 0) & (target != own_id)
        counts = np.bincount(target[sel], minlength=len(self.names))
        return {self.names[k]: int(c) for k, c in enumerate(counts) if c}


def _region_parts(view: _GraphView, regions: list[str]) -> dict[str, list[np.ndarray]]:
    """The parts of each of ``regions`` (see :meth:`Regions.parts`), all in one pass.

    The schools in no region are first grouped into pieces (connected among
    themselves); a piece joins the schools of a region that it touches. One
    search for connected components, over the schools and one node per region
    and piece it touches, then gives the parts of every region: the same parts
    as a search per region over its own schools and the free ones, listed in
    the order that search finds them (by the smallest school of each).
    """
    n = len(view.codes)
    if n == 0:
        return {r: [] for r in regions}
    rid, src, dst = view.rid, view.src, view.dst
    asked = np.zeros(len(view.names) + 1, dtype=bool)  # the last slot: rid -1, no region
    asked[[view.lookup[r] for r in regions if r in view.lookup]] = True
    in_asked = asked[rid]
    free = rid < 0
    both_free = free[src] & free[dst]
    _, piece = connected_components(_adjacency(src[both_free], dst[both_free], n), directed=False)
    own = in_asked[src] & (rid[src] == rid[dst])
    touch = in_asked[src] & free[dst]
    pair, joint = np.unique(rid[src[touch]] * n + piece[dst[touch]], return_inverse=True)
    a = np.concatenate([src[own], src[touch]])
    b = np.concatenate([dst[own], n + joint.reshape(-1)])
    _, label = connected_components(_adjacency(a, b, n + len(pair)), directed=False)
    first_free = np.full(n, n, dtype=np.int64)  # the smallest school of each free piece
    np.minimum.at(first_free, piece[free], np.flatnonzero(free))
    first = np.full(int(label.max()) + 1, n, dtype=np.int64)  # per component
    nodes = np.flatnonzero(in_asked)
    np.minimum.at(first, label[nodes], nodes)
    np.minimum.at(first, label[n:], first_free[pair % n])
    nodes = nodes[np.argsort(rid[nodes], kind="stable")]
    cuts = np.flatnonzero(np.diff(rid[nodes])) + 1
    found = {view.names[int(rid[group[0]])]: group for group in np.split(nodes, cuts) if len(group)}
    out: dict[str, list[np.ndarray]] = {}
    for region in regions:
        group = found.get(region)
        if group is None:
            out[region] = []
            continue
        order = np.lexsort((group, first[label[group]]))  # by part, each part ascending
        ordered, key = group[order], first[label[group[order]]]
        out[region] = np.split(ordered, np.flatnonzero(np.diff(key)) + 1)
    return out


def _adjacency(a: np.ndarray, b: np.ndarray, size: int) -> sparse.coo_array:
    """A graph of ``size`` nodes with the links ``a[i]``-``b[i]``, for a component search."""
    return sparse.coo_array((np.ones(len(a), dtype=np.int8), (a, b)), shape=(size, size))


def _graph_structure(graph: ProximityGraph) -> tuple[Any, ...]:
    codes = np.asarray(graph.codes, dtype=object).astype(str)
    index = {c: i for i, c in enumerate(codes.tolist())}
    n = len(codes)
    edges = np.asarray(graph.edges, dtype=np.int64).reshape(-1, 2)
    src = np.concatenate([edges[:, 0], edges[:, 1]])
    dst = np.concatenate([edges[:, 1], edges[:, 0]])
    length = np.concatenate([graph.distance, graph.distance]).astype(float)
    structure = sparse.csr_array((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    structure.sort_indices()
    return codes, index, src, dst, length, structure, np.asarray(graph.component_labels)
