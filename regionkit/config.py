"""Configuration as data: frozen dataclasses loaded from TOML and validated in one place.

Every threshold regionkit applies lives here, with the default that
``docs/DOMAIN.md`` gives. A configuration file only names what it changes::

    language = "en"

    [regions]
    min_counted_pupils = 400

    [funding]
    rate_bb_kb_eur = 15895.00

An unknown section or key is an error that names the key and the allowed keys;
a value of the wrong type or out of range is an error that names the value.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import tomllib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from regionkit._errors import ConfigError, Problem
from regionkit._messages import text, text_n

__all__ = [
    "Config",
    "FundingConfig",
    "GraphConfig",
    "LogicalConfig",
    "MapConfig",
    "OutputConfig",
    "RegionsConfig",
    "RulesConfig",
    "load_config",
]

Severity = Literal["error", "warning", "info"]
Language = Literal["nl", "en"]


class _Section:
    """Validation shared by the sections: every value is checked where a section is made.

    So a configuration built in code (``GraphConfig(k=0)``, ``dataclasses.replace``)
    is checked as strictly as one read from a file; see :class:`_Check`.
    """

    #: The section's name in the TOML file ("" for the top level).
    _name: ClassVar[str] = ""

    def __post_init__(self) -> None:
        check = _Check(None)
        hints = _hints(type(self))
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            where = f"{self._name}.{f.name}" if self._name else f.name
            value = getattr(self, f.name)
            if isinstance(value, _Section):
                continue  # checked when it was made
            usable, converted = check.value(where, value, hints[f.name])
            if usable and converted is not value:
                object.__setattr__(self, f.name, converted)
        if check.said:
            raise _SectionError(check)


@dataclass(frozen=True)
class GraphConfig(_Section):
    """How the proximity graph between schools is built.

    Attributes
    ----------
    method
        ``"delaunay"`` (trimmed at ``max_edge_m``), ``"knn"`` (symmetric, ``k``)
        or ``"distance_band"`` (every pair within ``band_m``).
    max_edge_m
        Longest Delaunay edge kept, in metres.
    k
        Neighbours per school for the k-nearest-neighbour graph.
    band_m
        Radius of the distance-band graph, in metres.
    max_water_share
        An edge whose straight line runs over water (outside the land mask) for
        more than this share of its length is dropped.
    max_outside_m
        An edge whose straight line runs for more than this many metres
        outside the outer outline of the land (open sea and estuaries such as
        the Marsdiep and the Westerschelde, or abroad) is dropped too
        (``None``: no limit). Lakes enclosed by the land (IJsselmeer,
        Oosterschelde, Grevelingen, Veluwemeer: crossed by dams and bridges)
        count only for ``max_water_share``.

    Notes
    -----
    The defaults are measured on the bundled data (``benchmarks/bench_graph.py``).
    Of the trimmed Delaunay edges, those leaving the land outline run 3,181 m
    (Hulst - Ossendrecht, through Belgium) to 16 km outside it across the
    Westerschelde and the Marsdiep, while the longest kept border-hugging edge
    runs 1,648 m outside (Tubbergen - Hardenberg): 2,500 m separates the two, so
    Texel, the Wadden islands and Zeeuws-Vlaanderen form their own components
    and the mainland stays one. A 25 km Delaunay trim keeps every school with a
    land neighbour connected while cutting the long hull edges.
    """

    _name: ClassVar[str] = "graph"
    method: Literal["delaunay", "knn", "distance_band"] = "delaunay"
    max_edge_m: float = 25_000.0
    k: int = 6
    band_m: float = 10_000.0
    max_water_share: float = 0.5
    max_outside_m: float | None = 2_500.0


@dataclass(frozen=True)
class RegionsConfig(_Section):
    """Floors and options of the regionalizer (``regionkit propose``).

    Attributes
    ----------
    min_counted_pupils
        Floor of ``--method maxp``, ``fixed`` and ``division`` on a region's
        counted pupils (the logical method's floor is rule 3's one definition
        of large enough, ``[rules] min_counted_pupils``: see
        :func:`regionkit.wholes.floors`). Counted pupils: technical
        profiles, leerjaar 3+4, BB/KB + GL weighted by
        ``FundingConfig.gl_weight``. The default, 200, is about EUR 3.2 M of
        maximum subsidy over four years (the smaller regions of the
        programme) and 1/108 of the national total (21,572 in the bundled 2019
        data). On the bundled data ``regionkit propose --method maxp`` then
        forms about 80 regions (the programme had 71 to 88), none under a floor
        and all connected; 180 gives about 90 and 230 about 72.
    min_technical_schools
        Floor on the number of schools with a technical profile, for every
        method (docs/DOMAIN.md, rule 4): two by default, the stricter reading
        of the composition rule, so a proposal passes the check in either
        reading.
    max_counted_pupils
        Optional ceiling on counted pupils; ``None`` for no ceiling.
    seed
        Seed of every random step; the same seed gives the same regions.
    time_budget_s
        Wall-time cap of the improvement phase after the first solution. The
        search normally ends on its own step budget (derived from the number
        of schools, so the same seed gives the same regions; about 0.1 s on
        the bundled data); the cap only guards against runaway inputs and is
        logged when hit.
    join_small_parts
        A separate part of the proximity graph (an island, or a coast cut off
        by water) too small for a region joins the region of the nearest school
        in a straight line; ``False`` keeps it as a region of its own, flagged
        as under the floor.
    search_effort
        Scales the steps of the improvement phase: ``0`` keeps only the
        constructions and the border moves (fastest), ``1`` the default (also
        re-cuts neighbourhoods to gain regions and runs cycles of soft floors,
        the strategic oscillation that makes regions most compact), ``2``
        searches twice as long, oscillates twice as often and also re-splits
        pairs of regions and repairs the least compact ones (a little more
        compact, a few times slower). The phase stops early
        once it stops gaining (counted in steps, not seconds), so each value
        gives the same regions for the same seed.
    split_close_weight
        How much the regionalizer avoids splitting two schools closer than
        ``rules.close_distance_m`` between regions, against compactness: one
        split pair costs as much as this share of ``close_distance_m`` squared
        in within-region SSE (0.1 with 10 km: as much as moving one school
        about 3 km further from its region's centre). ``0`` ignores close pairs.
    keep_together_m
        Schools on one site (this close to each other, chained: a shared
        building or campus) end in one region wherever the floors and the
        connections of the regions they leave allow; the few that cannot move
        are named in the proposal's notes. 100 m keeps the 83 multi-school sites
        of the bundled data together without chaining a city into one site
        (at 1,000 m the largest chain holds 16 schools). ``0`` turns it off.
    pro_in_regions
        Whether praktijkonderwijs (pro) schools are members of the regions
        regionkit makes (its own proposal, the official divisions) and of the
        comparisons between them. The programme lets pro schools join a region
        but does not require it (they bring no counted pupils and need not be
        allowed in): ``True`` (the default) places them in the region around
        them, as their nodal area, RMC region and COROP area do, so every
        school is in a region; ``False`` leaves them out of every region
        regionkit makes, and every output says so. A proposal file that lists
        a pro school keeps it either way.
    """

    _name: ClassVar[str] = "regions"
    min_counted_pupils: float = 200.0
    min_technical_schools: int = 2
    max_counted_pupils: float | None = None
    seed: int = 0
    time_budget_s: float = 5.0
    join_small_parts: bool = True
    search_effort: float = 1.0
    split_close_weight: float = 0.1
    keep_together_m: float = 100.0
    pro_in_regions: bool = True


@dataclass(frozen=True)
class LogicalConfig(_Section):
    """How the logical regions are formed (``regionkit propose --method logical``).

    Whole towns (DUO's place name; schools on one site) are the building
    blocks. Every town lies in the area where its schools already cooperate
    (``containers``); within it, towns whose vmbo schools stand together
    (``together_m``) form one group. A group under a floor joins, smallest
    first, the neighbouring group of its area with the most school pairs
    closer than ``[rules] close_distance_m`` (rule 1), else the one it has the
    shortest link to in the proximity graph; only a group without such a
    neighbour in its area crosses the boundary. Then every region that is part
    of a larger whole (``[rules] part_of_whole_*``) joins it. The floors are
    rule 3's one definition, shared with the check (:func:`regionkit.wholes.floors`:
    ``[rules] min_counted_pupils`` and ``[regions] min_technical_schools``).
    Every number here is the analysis's setting, not a rule of the programme.

    Attributes
    ----------
    containers
        The areas of existing cooperation a region stays within: ``"rmc"``
        (the default: the RMC regions, where municipalities and school boards
        already work together on early school leaving), ``"corop"`` (the
        labour-market areas) or ``"none"``. Measured against real regions of
        the programme (``benchmarks/bench_logic.py --variants``), RMC regions
        score higher than COROP areas, and split fewer school pairs within 10
        km (8.7 % against 12.9 %); without containers, conurbations chain
        into regions of over 200 schools (Rotterdam with The Hague).
    together_m
        vmbo schools closer than this stand together (chained: one built-up
        area and its suburbs), so their towns form one group. The default, 6
        km, lies in the middle of the distances (5 to 7 km) that score the same
        against real regions of the programme (``benchmarks/bench_logic.py``):
        at 4 km and less a city's own suburbs split off and more than a tenth
        of the school pairs within 10 km are split (rule 1); at 5 km Zoetermeer
        stands apart from The Hague; from 8 km Hoofddorp joins Amsterdam and
        Rijssen Almelo, at 10 km (the close distance of rule 1) Purmerend joins
        Amsterdam. ``0`` makes every town a group of its own.
    board_weight
        How much a tie between two schools of one school board (bevoegd gezag)
        counts when a group chooses the neighbour it joins: above 1, a board's
        neighbouring schools are kept together.
    split_town_pupils
        A town is split only into parts that each keep at least this many
        counted pupils (and twice the technical floor in all), cut along the
        longest link between its schools (a river, a park); ``0`` never
        splits a town. At 600 (the default: a mid-sized real region) no town
        of the bundled data is split; at 400 Rotterdam (871 counted pupils)
        becomes Rotterdam-Noord and Rotterdam-Zuid, as in the programme, but
        that cut alone splits many of the country's school pairs within 10 km
        (rule 1).
    techniekarm_regions
        Whether a group of towns that is techniekarm counts as large enough
        with ``[rules] min_techniekarm_pupils`` pupils (rule 3's definition for
        techniekarm regions, :func:`regionkit.wholes.techniekarm_floor`), so
        the proposal forms techniekarm regions on purpose. Off by default: such
        regions were rare and had to register as such, and measured against
        real regions of the programme (``benchmarks/bench_logic.py
        --variants``) forming them gives more, smaller regions (many of one
        town with only TL or non-technical schools) and lower agreement. Off,
        every group is held to the technical floors, so a proposal is large
        enough by the check's definition either way.
    """

    _name: ClassVar[str] = "logical"
    containers: Literal["rmc", "corop", "none"] = "rmc"
    together_m: float = 6_000.0
    board_weight: float = 2.0
    split_town_pupils: float = 600.0
    techniekarm_regions: bool = False


@dataclass(frozen=True)
class RulesConfig(_Section):
    """Thresholds and severities of the rule checks (``regionkit check``).

    The programme sets no number for "close", "large enough" or "part of a
    larger whole": every number here is the analysis's setting, and every
    finding says so ("ondergrens in deze analyse: 63, instelbaar").

    Attributes
    ----------
    close_distance_m
        Two schools closer than this in different regions are flagged. The
        default, 10 km in a straight line, is the radius of a school's
        *voedingsgebied* in the rules for planning new schools: a yardstick
        this analysis borrows, not a rule of the programme.
    min_counted_pupils
        A region below this many counted pupils is flagged as small (a
        setting: the programme asks for regions large enough to make good
        trade-offs, without a number). The logical regions are never smaller:
        one definition of large enough (:func:`regionkit.wholes.floors`). The
        default, 63, is EUR 1 M over four years at the BB/KB rate, the
        smallest regions the programme approved (they ran from about EUR 1 M
        to EUR 22 M): a region under it is smaller than any the programme
        approved.
    min_techniekarm_pupils
        A techniekarm region (``[funding] techniekarm_threshold``) exists by
        design and has its own budget, so it is measured on its pupils in
        leerjaar 3 and 4 (the techniekarm share's denominator: BB, KB and GL by
        default) instead of its counted pupils: it is small under this many.
        The default, 315, is what a region at ``min_counted_pupils`` holds at
        the national technical share (63 / 20 %). ``0`` measures a techniekarm
        region on counted pupils like any other. One definition with
        ``min_counted_pupils`` (:func:`regionkit.wholes.techniekarm_floor`).
    min_schools
        Composition, in the default reading of the programme (a setting): a
        region has at least this many vmbo/vso schools ...
    min_technical_schools
        ... of which at least this many with a technical profile. The
        programme lets schools with and without a technical offer form a
        region together, and a region may be techniekarm: a techniekarm region
        gets the ``techniekarm`` finding instead of this one.
    strict_composition
        The stricter reading: ``min_schools`` schools *with a technical
        profile*.
    composition_severity
        Severity of too few (technical) vmbo/vso schools (the analysis's
        reading, so a warning by default).
    partners_severity
        Severity of a region without an mbo institution, or without business
        or government: the programme asks for them in the region's plan, so
        the check only reminds of it (info by default). A partner whose role
        the reader does not know is reported with ``composition_severity``.
    techniekarm_severity
        Severity of a techniekarm region (``[funding] techniekarm_threshold``):
        such a region had to register as techniekarm before 1 November 2018 to
        draw on its own budget.
    overlap_pro
        Also report a praktijkonderwijs (pro) school listed in two regions.
        The programme's no-overlap rule names vmbo and vso schools; applying
        it to pro is this analysis's choice.
    left_out_severity
        Severity of an eligible vmbo school (technical profile, or technique
        taught outside the profiles: :mod:`regionkit.eligibility`) in no region.
    left_out_vso_severity
        Severity of a vso school in no region: it may join, but whether it has
        a technical profile cannot be seen in open data.
    left_out_scope
        ``"area"``: only eligible schools in the area the proposal covers (a
        neighbour in the proximity graph, or without a graph one of its five
        nearest schools, is in a region); ``"national"``: every eligible
        school in the country.
    too_small_severity
        Severity of a region below ``min_counted_pupils``.
    part_of_whole_max_counted_pupils
        Regions below this many counted pupils are checked for being part of a
        larger whole (EUR 4.8 M over four years: a small to mid-sized region of
        the programme).
    part_of_whole_share
        A small region is part of a larger whole when at least this share of
        its schools lies inside the convex hull of one larger region, or this
        share of its proximity-graph links to other regions goes to one larger
        neighbour.
    part_of_whole_severity
        Severity of a small region that should merge with its neighbour.
    close_schools_severity
        Severity of close schools split across regions.
    not_one_area_severity
        Severity of a region that falls apart in the proximity graph, and of an
        enclave.
    enclave_min_neighbors
        A school is an enclave when at least this many of its graph neighbours
        are in a region and all of those are in one other region.
    name_candidates
        Closest known schools listed for an unknown code.
    """

    _name: ClassVar[str] = "rules"
    close_distance_m: float = 10_000.0
    min_counted_pupils: float = 63.0
    min_techniekarm_pupils: float = 315.0
    min_schools: int = 2
    min_technical_schools: int = 1
    strict_composition: bool = False
    composition_severity: Severity = "warning"
    partners_severity: Severity = "info"
    techniekarm_severity: Severity = "warning"
    overlap_pro: bool = False
    left_out_severity: Severity = "warning"
    left_out_vso_severity: Severity = "info"
    left_out_scope: Literal["area", "national"] = "area"
    too_small_severity: Severity = "warning"
    part_of_whole_max_counted_pupils: float = 300.0
    part_of_whole_share: float = 0.75
    part_of_whole_severity: Severity = "warning"
    close_schools_severity: Severity = "warning"
    not_one_area_severity: Severity = "warning"
    enclave_min_neighbors: int = 3
    name_candidates: int = 3


@dataclass(frozen=True)
class FundingConfig(_Section):
    """The money rules of the 2020-2023 scheme (``regionkit fund``).

    Attributes
    ----------
    data_year
        School year whose 1 October count the figures use (2019 = 1 Oct 2019).
    count_date
        The count date, stated with every figure.
    rate_bb_kb_eur
        Maximum subsidy over the whole period per counted BB/KB pupil.
    rate_gl_eur
        Maximum subsidy over the whole period per counted GL pupil.
    period_years
        Length of the subsidy period; the yearly figure is the total divided by it.
    gl_weight
        Weight of a GL pupil in "BB/KB-equivalent" counts (rate_gl / rate_bb_kb).
    cofinancing_share
        Share of the subsidy business must contribute.
    techniekarm_threshold
        A region whose technical share is below this is *techniekarm*.
    techniekarm_numerator
        ``"technical"``: pupils in the five technical profiles.
    techniekarm_denominator
        ``"bb_kb_gl"``: all BB/KB/GL pupils in leerjaar 3+4;
        ``"bb_kb_gl_tl"``: TL pupils included.
    suppressed_value
        Value counted for a DUO ``"<5"`` (suppressed) count: 0 gives a lower bound.
    count_other_technique
        Also count, as BB/KB and GL pupils, the pupils of sector-Techniek
        programmes outside the five profiles (Vakmanschapsroute Techniek, in
        2017 the old afdelingen). The programme's money counts the five
        profiles only, so this is off by default; the other technique pupils
        are reported beside the money either way.
    """

    _name: ClassVar[str] = "funding"
    data_year: int = 2019
    count_date: str = "2019-10-01"
    rate_bb_kb_eur: float = 15_895.00
    rate_gl_eur: float = 7_947.50
    period_years: int = 4
    gl_weight: float = 0.5
    cofinancing_share: float = 0.10
    techniekarm_threshold: float = 0.10
    techniekarm_numerator: Literal["technical"] = "technical"
    techniekarm_denominator: Literal["bb_kb_gl", "bb_kb_gl_tl"] = "bb_kb_gl"
    suppressed_value: float = 0.0
    count_other_technique: bool = False


@dataclass(frozen=True)
class MapConfig(_Section):
    """Options of the interactive map (``regionkit map``).

    Attributes
    ----------
    tiles
        ``None`` for no online tiles (the map works offline on the bundled
        boundaries); otherwise an ``xyzservices`` name such as
        ``"OpenStreetMap.Mapnik"``.
    max_marker_radius
        Radius in pixels of the largest school marker.
    """

    _name: ClassVar[str] = "map"
    tiles: str | None = None
    max_marker_radius: float = 12.0


@dataclass(frozen=True)
class OutputConfig(_Section):
    """How tables are written for spreadsheets (every writer: run, check, fund, match, compare).

    Attributes
    ----------
    neutralise_csv_formulas
        A text cell of a CSV file that starts with ``=``, ``+``, ``-``, ``@``, a
        tab or a carriage return gets a leading apostrophe, so that a name from
        a user's file never runs as a formula when an analyst opens the file in
        a spreadsheet (OWASP's advice against CSV injection). ``false`` writes
        such cells as they are, for programs that read the files; regionkit's
        own readers take the apostrophe off either way. Excel files never hold
        a formula from the data, whatever this says.
    """

    _name: ClassVar[str] = "output"
    neutralise_csv_formulas: bool = True


@dataclass(frozen=True)
class Config(_Section):
    """The whole configuration: one section per step of the pipeline.

    Attributes
    ----------
    language
        Language of findings, maps and reports: ``"nl"`` (default) or ``"en"``.
    """

    _name: ClassVar[str] = ""
    language: Language = "nl"
    graph: GraphConfig = field(default_factory=GraphConfig)
    regions: RegionsConfig = field(default_factory=RegionsConfig)
    logical: LogicalConfig = field(default_factory=LogicalConfig)
    rules: RulesConfig = field(default_factory=RulesConfig)
    funding: FundingConfig = field(default_factory=FundingConfig)
    map: MapConfig = field(default_factory=MapConfig)
    output: OutputConfig = field(default_factory=OutputConfig)

    def to_dict(self) -> dict[str, Any]:
        """The configuration as plain data (for manifests and JSON)."""
        return dataclasses.asdict(self)

    def for_year(self, year: int) -> Config:
        """The same configuration for the data of ``year``: DUO's count of 1 October of that year.

        Examples
        --------
        >>> Config().for_year(2017).funding.count_date
        '2017-10-01'
        """
        funding = dataclasses.replace(self.funding, data_year=year, count_date=f"{year}-10-01")
        return dataclasses.replace(self, funding=funding)


_SECTIONS: dict[str, type] = {
    "graph": GraphConfig,
    "regions": RegionsConfig,
    "logical": LogicalConfig,
    "rules": RulesConfig,
    "funding": FundingConfig,
    "map": MapConfig,
    "output": OutputConfig,
}

#: Inclusive range of the numbers a key accepts (every number must also be finite).
#: Keys not listed here: shares and thresholds (``*_share``, ``*_threshold``) 0 to 1,
#: other numbers 0 to :data:`_LARGEST`.
_RANGES: dict[str, tuple[float, float]] = {
    "graph.max_edge_m": (1.0, 1e7),
    "graph.band_m": (1.0, 1e7),
    "graph.k": (1, 1_000),
    "regions.seed": (0, 2**32 - 1),
    "regions.time_budget_s": (0.0, 86_400.0),
    "regions.search_effort": (0.0, 10.0),
    "rules.enclave_min_neighbors": (1, 1_000_000),
    "rules.name_candidates": (0, 100),
    "funding.data_year": (1990, 2100),
    "funding.period_years": (1, 100),
    "funding.gl_weight": (0.0, 1.0),
    "funding.suppressed_value": (0.0, 4.0),  # a DUO "<5" stands for 1 to 4 pupils
    "map.max_marker_radius": (1.0, 100.0),
}

#: The largest number any key accepts (pupils, metres, euros): far above every real value.
_LARGEST = 1e9


def _range_of(where: str) -> tuple[float, float]:
    if where in _RANGES:
        return _RANGES[where]
    if where.endswith(("_share", "_threshold")):
        return 0.0, 1.0
    return 0.0, _LARGEST


def _number_text(value: float, language: str = "en") -> str:
    """A bound as people write it: 4294967295 as 4,294,967,295 (4.294.967.295 in Dutch);
    2100.0 as 2100; 0.5 as 0.5 (0,5 in Dutch)."""
    point, thousands = (",", ".") if language == "nl" else (".", ",")
    if not float(value).is_integer():
        return f"{value:g}".replace(".", point)
    if abs(value) >= 10_000:
        return f"{value:,.0f}".replace(",", thousands)
    return f"{value:.0f}"


#: How a problem is phrased: language -> (message, fix).
_Phrase = Callable[[str], tuple[str, str]]


@dataclass(frozen=True)
class _Said:
    """A problem of the configuration before it is phrased: the key, the value and how to say
    it in a language (phrased when the language of the file is known)."""

    where: str | None
    value: Any
    phrase: _Phrase


class _SectionError(ConfigError):
    """A section's own check failed; carries the problems unphrased for :func:`load_config`."""

    def __init__(self, check: _Check) -> None:
        super().__init__(check.problems, check.heading())
        self.said = list(check.said)


class _Check:
    """Collects the problems of one configuration (file, key, value, fix) before failing.

    Problems are kept unphrased (:class:`_Said`) and said in :attr:`language`, which
    :func:`load_config` takes from the file being checked (Dutch when it names none).
    """

    def __init__(self, file: str | None, language: str = "nl") -> None:
        self.file = file
        self.language = language
        self.said: list[_Said] = []

    def add(self, where: str | None, value: Any, phrase: _Phrase) -> None:
        self.said.append(_Said(where, value, phrase))

    @property
    def problems(self) -> list[Problem]:
        """The problems, phrased in :attr:`language`."""
        out = []
        for said in self.said:
            message, fix = said.phrase(self.language)
            out.append(
                Problem(
                    message,
                    fix=fix,
                    file=self.file,
                    value=said.value,
                    key=said.where,
                    language=self.language,
                )
            )
        return out

    def value(self, where: str, value: Any, annotation: Any) -> tuple[bool, Any]:
        """Check one value against its annotation and range; (usable, converted value)."""
        origin = typing.get_origin(annotation)
        if origin is Literal:
            allowed = typing.get_args(annotation)
            if value in allowed:
                return True, value
            listed = ", ".join(repr(a) for a in allowed)
            self.add(
                where,
                value,
                lambda lang: (
                    text(lang, "config.not_allowed"),
                    text(lang, "config.not_allowed_fix", allowed=listed),
                ),
            )
            return False, None
        if origin in (typing.Union, types.UnionType):
            if value is None and type(None) in typing.get_args(annotation):
                return True, None
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            # one annotation besides None in every optional key of the configuration
            return self.value(where, value, args[0])
        if annotation in (int, float):
            return self._number(where, value, whole=annotation is int)
        if annotation is bool and not isinstance(value, bool):
            self.add(
                where,
                value,
                lambda lang: (text(lang, "config.must_bool"), text(lang, "config.must_bool_fix")),
            )
            return False, None
        if annotation is str and not isinstance(value, str):
            self.add(
                where,
                value,
                lambda lang: (text(lang, "config.must_text"), text(lang, "config.must_text_fix")),
            )
            return False, None
        return True, value

    def _number(self, where: str, value: Any, *, whole: bool) -> tuple[bool, Any]:
        low, high = _range_of(where)
        share = where.endswith(("_share", "_threshold")) and isinstance(value, int | float)

        def kind(lang: str) -> str:
            if whole:
                return text(lang, "config.kind.whole")
            return text(lang, "config.kind.number")

        def fix(lang: str) -> str:
            low_text, high_text = _number_text(low, lang), _number_text(high, lang)
            bounds = {"kind": kind(lang), "low": low_text, "high": high_text}
            if share and low <= value / 100 <= high and 1 < value <= 100:
                percent, part = _number_text(value, lang), _number_text(value / 100, lang)
                return text(lang, "config.write_share", **bounds, share=part, percent=percent)
            return text(lang, "config.write", **bounds)

        def must_be(lang: str) -> tuple[str, str]:
            return text(lang, "config.must_be", kind=kind(lang)), fix(lang)

        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(where, value, must_be)
            return False, None
        if whole and not isinstance(value, int):
            self.add(where, value, must_be)
            return False, None
        if not math.isfinite(value):
            self.add(where, value, lambda lang: (text(lang, "config.must_finite"), fix(lang)))
            return False, None
        if not low <= value <= high:
            self.add(where, value, lambda lang: (text(lang, "config.out_of_range"), fix(lang)))
            return False, None
        return True, value if whole else float(value)

    def unknown(self, key: str, names: list[str], section: str | None) -> None:
        """An unknown key of ``section`` (or of the top level): the allowed keys, and the one it
        nearly is."""
        keys = ", ".join(names)

        def phrase(lang: str) -> tuple[str, str]:
            suggestion = _did_you_mean(key, names, section, lang)
            if section is None:
                return (
                    text(lang, "config.unknown_top", key=repr(key)),
                    text(lang, "config.unknown_top_fix", suggestion=suggestion, keys=keys),
                )
            return (
                text(lang, "config.unknown_key", key=f"{section}.{key}"),
                text(
                    lang,
                    "config.unknown_key_fix",
                    suggestion=suggestion,
                    section=section,
                    keys=keys,
                ),
            )

        self.add(None, None, phrase)

    def section(self, cls: type, data: dict[str, Any], section: str) -> Any:
        """The section's dataclass from its table, or None when a key of it is unusable."""
        names = [f.name for f in dataclasses.fields(cls)]
        unknown = [k for k in data if k not in names]
        for key in unknown:
            self.unknown(str(key), names, section)
        try:
            made = cls(**{k: v for k, v in data.items() if k in names})
        except _SectionError as exc:
            self.said.extend(exc.said)
            return None
        return None if unknown else made

    def heading(self) -> str:
        """``"2 problemen in de instellingen rules.toml"``."""
        n = len(self.said)
        if self.file:
            return text_n(self.language, "config.head_in", n, n=n, file=self.file)
        return text_n(self.language, "config.head", n, n=n)

    def raise_if_any(self) -> None:
        if self.said:
            raise ConfigError(self.problems, self.heading())


def _not_a_table(key: str) -> _Phrase:
    def phrase(lang: str) -> tuple[str, str]:
        return text(lang, "config.not_table"), text(lang, "config.not_table_fix", key=key)

    return phrase


def _unreadable(where: str, kind: str, **values: Any) -> ConfigError:
    """A file that cannot be read names no language: its problem is said in Dutch, the default."""
    lang = "nl"
    problem = Problem(
        text(lang, f"config.file.{kind}", **values),
        fix=text(lang, f"config.file.{kind}_fix"),
        file=where,
        language=lang,
    )
    return ConfigError(problem, text_n(lang, "config.head_in", 1, n=1, file=where))


def _read_toml(p: Path) -> dict[str, Any]:
    """The TOML file's data; one readable :class:`ConfigError` when it cannot be read."""
    where = str(p)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise _unreadable(where, "missing") from None
    except IsADirectoryError:
        raise _unreadable(where, "folder") from None
    except OSError as exc:
        raise _unreadable(where, "unreadable", reason=exc.strerror) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _unreadable(where, "not_utf8", byte=exc.start + 1) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _unreadable(where, "not_toml", error=exc) from None


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Load a configuration from TOML, falling back to the defaults of ``docs/DOMAIN.md``.

    Every problem of the file is collected before failing: an unknown section
    or key (with the allowed keys), a value of the wrong type, a number that
    is not finite or out of its range; each names the file, the key, the value
    and the fix.

    Parameters
    ----------
    path
        A TOML file (UTF-8); ``None`` for the defaults.
    **overrides
        Section tables that replace keys from the file, e.g.
        ``regions={"seed": 3}``.

    Returns
    -------
    Config
        The validated configuration.

    Raises
    ------
    ConfigError
        For an unreadable file (missing, not UTF-8, not TOML), or listing every
        unknown section or key and bad value.

    Examples
    --------
    >>> cfg = load_config()
    >>> cfg.funding.rate_bb_kb_eur
    15895.0
    >>> load_config(language="en", regions={"floor": 3, "seed": -1})
    Traceback (most recent call last):
    ...
    regionkit._errors.ConfigError: 2 problems in the configuration
      - unknown key regions.floor; fix: use one of the allowed keys in [regions]: ...
      - key regions.seed: is out of range (value: -1); fix: write a whole number from 0 to ...
    """
    data: dict[str, Any] = {}
    if path is not None:
        data = _read_toml(Path(path))
    for section, values in overrides.items():
        data.setdefault(section, {})
        if isinstance(values, dict) and isinstance(data[section], dict):
            data[section] = {**data[section], **values}
        else:
            data[section] = values
    # the problems are said in the language the file asks for (Dutch when it names none)
    language = data.get("language")
    check = _Check(
        None if path is None else str(path), language if language in ("nl", "en") else "nl"
    )
    top_names = [f.name for f in dataclasses.fields(Config)]
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in top_names:
            check.unknown(str(key), top_names, None)
        elif key in _SECTIONS:
            if isinstance(value, dict):
                kwargs[key] = check.section(_SECTIONS[key], value, key)
            else:
                check.add(key, value, _not_a_table(key))
        elif check.value(key, value, _hints(Config)[key])[0]:
            kwargs[key] = value
    check.raise_if_any()
    return Config(**kwargs)


def _did_you_mean(key: str, names: list[str], section: str | None, language: str = "en") -> str:
    """``"did you mean rules.min_counted_pupils? "`` for a near miss of an allowed key, else ``""``.

    Examples
    --------
    >>> _did_you_mean("min_counted_pupil", ["close_distance_m", "min_counted_pupils"], "rules")
    'did you mean rules.min_counted_pupils? '
    >>> _did_you_mean("langauge", ["language"], None, "nl")
    'bedoelt u language? '
    """
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.75)
    if not close:
        return ""
    named = f"{section}.{close[0]}" if section else close[0]
    return text(language, "config.did_you_mean", key=named) + " "


_HINTS: dict[str, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The resolved annotations of a section (resolved once per class)."""
    if cls.__qualname__ not in _HINTS:
        _HINTS[cls.__qualname__] = typing.get_type_hints(cls)
    return _HINTS[cls.__qualname__]
