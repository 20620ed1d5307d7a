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
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from regionkit._errors import ConfigError

__all__ = [
    "Config",
    "FundingConfig",
    "GraphConfig",
    "MapConfig",
    "RegionsConfig",
    "RulesConfig",
    "load_config",
]

Severity = Literal["error", "warning", "info"]
Language = Literal["nl", "en"]


@dataclass(frozen=True)
class GraphConfig:
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

    method: Literal["delaunay", "knn", "distance_band"] = "delaunay"
    max_edge_m: float = 25_000.0
    k: int = 6
    band_m: float = 10_000.0
    max_water_share: float = 0.5
    max_outside_m: float | None = 2_500.0


@dataclass(frozen=True)
class RegionsConfig:
    """Floors and options of the regionalizer (``regionkit propose``).

    Attributes
    ----------
    min_counted_pupils
        Floor on a region's counted pupils (technical profiles, leerjaar 3+4,
        BB/KB + GL weighted by ``FundingConfig.gl_weight``). The default, 200,
        is about EUR 3.2 M of maximum subsidy over four years (the smaller
        regions of the programme) and 1/108 of the national total (21,572 in
        the bundled 2019 data). On the bundled data ``regionkit propose`` then
        forms about 80 regions (the programme had 71 to 88), none under a floor
        and all connected; 180 gives about 90 and 230 about 72.
    min_technical_schools
        Floor on the number of schools with a technical profile (docs/DOMAIN.md, rule 4).
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
    """

    min_counted_pupils: float = 200.0
    min_technical_schools: int = 2
    max_counted_pupils: float | None = None
    seed: int = 0
    time_budget_s: float = 5.0
    join_small_parts: bool = True
    search_effort: float = 1.0
    split_close_weight: float = 0.1
    keep_together_m: float = 100.0


@dataclass(frozen=True)
class RulesConfig:
    """Thresholds and severities of the rule checks (``regionkit check``).

    Attributes
    ----------
    close_distance_m
        Two schools closer than this in different regions are flagged
        (the statutory 10 km *voedingsgebied* radius).
    min_counted_pupils
        A region below this many counted pupils is too small.
    min_technical_schools
        A region with fewer schools with a technical profile (any vmbo/vso
        school with ``strict_composition = false``) fails the composition rule.
    composition_severity
        Severity of a missing mbo institution or business/government partner,
        and of too few (technical) vmbo schools.
    strict_composition
        Read "two vmbo schools" strictly: two with a technical profile.
    left_out_severity
        Severity of an eligible school (technical profile) in no region.
    too_small_severity
        Severity of a region below ``min_counted_pupils``.
    part_of_whole_max_counted_pupils
        Regions below this many counted pupils are checked for being part of a
        larger whole (twice the default floor).
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

    close_distance_m: float = 10_000.0
    min_counted_pupils: float = 150.0
    min_technical_schools: int = 2
    composition_severity: Severity = "error"
    strict_composition: bool = True
    left_out_severity: Severity = "warning"
    too_small_severity: Severity = "warning"
    part_of_whole_max_counted_pupils: float = 300.0
    part_of_whole_share: float = 0.75
    part_of_whole_severity: Severity = "warning"
    close_schools_severity: Severity = "warning"
    not_one_area_severity: Severity = "warning"
    enclave_min_neighbors: int = 3
    name_candidates: int = 3


@dataclass(frozen=True)
class FundingConfig:
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
    """

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


@dataclass(frozen=True)
class MapConfig:
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

    tiles: str | None = None
    max_marker_radius: float = 12.0


@dataclass(frozen=True)
class Config:
    """The whole configuration: one section per step of the pipeline.

    Attributes
    ----------
    language
        Language of findings, maps and reports: ``"nl"`` (default) or ``"en"``.
    """

    language: Language = "nl"
    graph: GraphConfig = field(default_factory=GraphConfig)
    regions: RegionsConfig = field(default_factory=RegionsConfig)
    rules: RulesConfig = field(default_factory=RulesConfig)
    funding: FundingConfig = field(default_factory=FundingConfig)
    map: MapConfig = field(default_factory=MapConfig)

    def to_dict(self) -> dict[str, Any]:
        """The configuration as plain data (for manifests and JSON)."""
        return dataclasses.asdict(self)


_SECTIONS: dict[str, type] = {
    "graph": GraphConfig,
    "regions": RegionsConfig,
    "rules": RulesConfig,
    "funding": FundingConfig,
    "map": MapConfig,
}


def _check_value(where: str, value: Any, annotation: Any) -> Any:
    """Check one value against its annotation; return it converted (int -> float)."""
    origin = typing.get_origin(annotation)
    if origin is Literal:
        allowed = typing.get_args(annotation)
        if value not in allowed:
            raise ConfigError(
                f"{where} = {value!r} is not allowed; use one of {', '.join(map(repr, allowed))}"
            )
        return value
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _check_value(where, value, arg)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(errors[0] if errors else f"{where} = {value!r} has the wrong type")
    if annotation is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where} = {value!r} must be a number")
        return float(value)
    if annotation is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} = {value!r} must be a whole number")
        return value
    if annotation is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where} = {value!r} must be true or false")
        return value
    if annotation is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where} = {value!r} must be text (in quotes)")
        return value
    return value


def _build(cls: type, data: dict[str, Any], section: str) -> Any:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = [k for k in data if k not in names]
    if unknown:
        raise ConfigError(
            f"unknown key {section + '.' if section else ''}{unknown[0]}; "
            f"allowed keys{' in [' + section + ']' if section else ''}: {', '.join(names)}"
        )
    kwargs = {}
    for key, value in data.items():
        where = f"{section}.{key}" if section else key
        kwargs[key] = _check_value(where, value, hints[key])
    obj = cls(**kwargs)
    _check_ranges(obj, section)
    return obj


def _check_ranges(obj: Any, section: str) -> None:
    """Reject values that have the right type but make no sense."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        where = f"{section}.{f.name}"
        if isinstance(value, int | float) and not isinstance(value, bool):
            if value < 0:
                raise ConfigError(f"{where} = {value!r} must not be negative")
            if (f.name.endswith("_share") or f.name.endswith("_threshold")) and value > 1:
                raise ConfigError(
                    f"{where} = {value!r} is a share: write it as a fraction between 0 and 1 "
                    f"(for example 0.10 for 10 %)"
                )


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Load a configuration from TOML, falling back to the defaults of ``docs/DOMAIN.md``.

    Parameters
    ----------
    path
        A TOML file; ``None`` for the defaults.
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
        For an unreadable file, an unknown section or key, or a bad value.

    Examples
    --------
    >>> cfg = load_config()
    >>> cfg.funding.rate_bb_kb_eur
    15895.0
    >>> load_config(regions={"floor": 3})
    Traceback (most recent call last):
    ...
    regionkit._errors.ConfigError: unknown key regions.floor; allowed keys in [regions]: ...
    """
    data: dict[str, Any] = {}
    if path is not None:
        p = Path(path)
        try:
            with p.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"configuration file {p} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p} is not valid TOML: {exc}") from None
    for section, values in overrides.items():
        data.setdefault(section, {})
        if isinstance(values, dict):
            data[section] = {**data[section], **values}
        else:
            data[section] = values
    top_names = [f.name for f in dataclasses.fields(Config)]
    unknown = [k for k in data if k not in top_names]
    if unknown:
        raise ConfigError(f"unknown section or key {unknown[0]!r}; allowed: {', '.join(top_names)}")
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key in _SECTIONS:
            if not isinstance(value, dict):
                raise ConfigError(f"{key} must be a table: write [{key}] on its own line")
            kwargs[key] = _build(_SECTIONS[key], value, key)
        else:
            kwargs[key] = _check_value(key, value, typing.get_type_hints(Config)[key])
    return Config(**kwargs)
