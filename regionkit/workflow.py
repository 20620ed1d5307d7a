"""The whole job in one call: schools -> proposal -> findings -> money -> map -> reports.

:func:`run` is what ``regionkit run`` does. It wires the pipeline's steps
together and writes every output into one folder:

=====================  ===========================================================
``map.html``           the interactive map (offline, self-contained)
``report.xlsx``        workbook: sheets regions, schools, findings, funding
``regions.gpkg``       GeoPackage (EPSG:28992): schools, regions, graph_edges, findings
``proposal.csv``       the regions in the proposal format (``region, code, role, name``)
``regions.csv/.json``  one row per region: schools, counted pupils, money, findings
``schools.csv/.json``  one row per school, with its region
``findings.csv/.json`` one row per finding of the rule checks
``funding_schools.csv/.json``  the money per school
``run.json``           the manifest: configuration, seed, SHA-256 of inputs and outputs,
                       package versions; written last
=====================  ===========================================================

Outputs are first written, the manifest last, to a staging folder beside the
output folder, which takes the output folder's place in one step when every
step has succeeded (:mod:`regionkit._publish`): at every instant the output
folder holds the complete previous outputs or the complete new ones, a failed
run leaves the previous outputs as they were, and a run killed at any moment
is repaired by the next.
Two runs on the same inputs and seed give byte-identical files, except the
manifest's ``timestamp``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from regionkit._errors import InputDataError, OutputError, Problem
from regionkit._schema import TECHNICAL_CELL_COLUMNS
from regionkit.config import Config, Language, load_config
from regionkit.reports import (
    write_csv,
    write_geopackage,
    write_json,
    write_manifest,
    write_workbook,
)

__all__ = [
    "STEPS",
    "RunResult",
    "assignment_from_spec",
    "default_national_map_path",
    "region_table",
    "run",
]

logger = logging.getLogger(__name__)

#: The steps of a run, in order (names used for progress and timings).
STEPS: tuple[str, ...] = (
    "schools",
    "graph",
    "proposal",
    "funding",
    "check",
    "map",
    "reports",
)

#: Name of the national map in the repository's ``maps/`` folder.
NATIONAL_MAP_NAME = "regions_nl.html"


def default_national_map_path() -> Path:
    """Where the bundled default run also writes its map: ``maps/regions_nl.html``.

    Relative to the working folder, like the default of ``regionkit map``
    (``maps/<name>.html``); from the repository's root that is its ``maps/`` folder.

    Examples
    --------
    >>> default_national_map_path().as_posix()
    'maps/regions_nl.html'
    """
    return Path("maps") / NATIONAL_MAP_NAME


@dataclass(frozen=True, eq=False)
class RunResult:
    """What :func:`run` did.

    Attributes
    ----------
    out_dir
        The output folder.
    files
        Output name -> path of every file written (the manifest included).
    timings
        Seconds per step, in the order of :data:`STEPS`.
    n_schools
        Schools in the table (every kind).
    n_regions
        Regions of the proposal.
    n_assigned
        Schools in a region.
    n_findings
        Findings per severity.
    max_subsidy_4y_eur
        Maximum subsidy over the period, summed over the regions.
    n_techniekarm
        Techniekarm regions.
    source
        Where the regions came from (``"propose"``, ``"division:nodal"`` or a file).
    national_map
        The copy of the map in ``maps/`` when one was written, else ``None``.
    notes
        Lines for the summary: the praktijkonderwijs schools in no region
        (``[regions] pro_in_regions``).
    language
        The language of the summary (``Config.language``).
    """

    out_dir: Path
    files: dict[str, Path]
    timings: dict[str, float]
    n_schools: int
    n_regions: int
    n_assigned: int
    n_findings: dict[str, int]
    max_subsidy_4y_eur: float
    n_techniekarm: int
    source: str
    national_map: Path | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    language: Language = "nl"

    def summary(self) -> str:
        """A short text summary for the terminal, in :attr:`language`."""
        from regionkit._format import format_cents, format_int, format_number
        from regionkit._messages import text, text_n

        lang = self.language
        findings = ", ".join(
            text_n(lang, f"cli.check.count.{sev}", n, n=format_int(n, lang))
            for sev, n in self.n_findings.items()
        )
        seconds = format_number(sum(self.timings.values()), lang, decimals=1)
        lines = [
            text(
                lang,
                "cli.run.regions",
                source=self.source,
                regions=format_int(self.n_regions, lang),
                assigned=format_int(self.n_assigned, lang),
                schools=format_int(self.n_schools, lang),
            ),
            text(lang, "cli.run.findings", findings=findings or text(lang, "cli.run.none")),
            text_n(
                lang,
                "cli.run.money",
                self.n_techniekarm,
                amount=format_cents(round(self.max_subsidy_4y_eur * 100), lang),
                n=format_int(self.n_techniekarm, lang),
            ),
            text(
                lang,
                "cli.run.outputs",
                folder=f"{self.out_dir}/",
                n=format_int(len(self.files), lang),
                seconds=seconds,
            ),
        ]
        if self.national_map is not None:
            lines.append(text(lang, "cli.run.national_map", path=self.national_map))
        lines += list(self.notes)
        return "\n".join(lines)


ProgressHook = Callable[[str], None]


def _resolve_source(proposal: str | Path | None, division: str | None) -> str:
    if proposal is not None and division is not None:
        raise InputDataError(
            Problem(
                "both a proposal file and an official division were given",
                fix="give --proposal FILE or --division NAME, not both",
            )
        )
    if proposal is not None:
        return str(proposal)
    if division is not None:
        return f"division:{division}"
    return "propose"


def region_table(
    funding_regions: pd.DataFrame, check_regions: pd.DataFrame, regions: list[str]
) -> pd.DataFrame:
    """One row per region: the money figures, the partners and the findings per severity.

    Parameters
    ----------
    funding_regions
        :attr:`regionkit.funding.FundingResult.regions`.
    check_regions
        :attr:`regionkit.rules.CheckResult.regions` (indexed or keyed by region).
    regions
        Every region of the proposal (a region without schools still gets a row).

    Returns
    -------
    pandas.DataFrame
        Sorted by region; money in euros (the cent columns are left out); the
        columns of the check that the funding table lacks (partners, unknown
        codes, findings per severity) follow, then ``n_findings``.
    """
    table = funding_regions.drop(
        columns=[c for c in funding_regions.columns if c.endswith("_cents")]
    ).copy()
    table["region"] = table["region"].astype(str)
    missing = sorted(set(regions) - set(table["region"]))
    if missing:
        table = pd.concat([table, pd.DataFrame({"region": missing})], ignore_index=True)
    checks = check_regions.reset_index() if "region" not in check_regions.columns else check_regions
    checks = checks.assign(region=checks["region"].astype(str))
    # the check's counted_pupils is the funding table's bb_kb_equivalent
    extra = [c for c in checks.columns if c not in table.columns and c != "counted_pupils"]
    table = table.merge(checks[["region", *extra]], on="region", how="left")
    severity_columns = [c for c in ("n_errors", "n_warnings", "n_info") if c in table.columns]
    for c in severity_columns:
        table[c] = table[c].fillna(0).astype("int64")
    table["n_findings"] = table[severity_columns].sum(axis=1).astype("int64")
    return table.sort_values("region", kind="stable").reset_index(drop=True)


def _cents_to_eur(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in [c for c in df.columns if c.endswith("_cents")]:
        out[c[: -len("_cents")] + "_eur"] = out[c].astype("Float64") / 100
        out = out.drop(columns=c)
    return out


def _schools_table(schools: gpd.GeoDataFrame, assignment: pd.Series) -> gpd.GeoDataFrame:
    out = schools.copy()
    region = out["code"].astype(str).map(assignment)
    out.insert(1, "region", region.astype("string"))
    return out


def _proposal_table(schools: pd.DataFrame, proposal: Any) -> pd.DataFrame:
    """The proposal in the file format ``region, code, role, name`` (schools, then partners)."""
    names = schools.set_index(schools["code"].astype(str))["name"]
    rows = proposal.memberships[["region", "code"]].copy()
    rows["role"] = "school"
    rows["name"] = rows["code"].map(names)
    parts = [rows]
    if not proposal.partners.empty:
        partners = proposal.partners[["region", "role", "name"]].copy()
        partners.insert(1, "code", pd.NA)
        parts.append(partners)
    table = pd.concat(parts, ignore_index=True)
    order = table["role"].ne("school").astype(int)
    table = table.assign(_o=order).sort_values(["region", "_o", "code", "name"], kind="stable")
    return table.drop(columns="_o").reset_index(drop=True)


class _Clock:
    """Times the steps of a run and reports each as it starts."""

    def __init__(self, progress: ProgressHook | None) -> None:
        self.progress = progress
        self.timings: dict[str, float] = {}
        self.started = time.perf_counter()

    def step(self, name: str) -> None:
        """Start a step: close the previous one's timing, log, report progress."""
        self.stop()
        self.timings[name] = 0.0
        logger.info("step %s", name)
        if self.progress is not None:
            self.progress(name)

    def stop(self) -> None:
        now = time.perf_counter()
        if self.timings:
            self.timings[next(reversed(self.timings))] = now - self.started
        self.started = now


@dataclass
class _Run:
    """What the steps of a run make, in order: inputs, schools and regions, then results."""

    cfg: Config
    source: str
    inputs: dict[str, Path] = field(default_factory=dict)
    table: Any = None  # the schools table
    bundled: bool = False  # the table is a bundled one (another bundled year to compare with)
    land: Any = None
    graph: Any = None
    prop: Any = None  # the Proposal
    region_set: Any = None  # the Regions value every later step reads
    proposal_metrics: dict[str, Any] | None = None
    explained: pd.DataFrame | None = None
    money: Any = None  # FundingResult
    checked: Any = None  # CheckResult
    regions: pd.DataFrame | None = None  # the regions table of the reports
    map: Any = None


def _settings(config: Config | str | Path | None, seed: int | None, year: int | None) -> Config:
    """The configuration of a run: a file or the defaults, with the seed and year given."""
    cfg = config if isinstance(config, Config) else load_config(config)
    if seed is not None:
        cfg = _with_seed(cfg, seed)
    if year is not None:
        cfg = cfg.for_year(year)
    return cfg


def _load(r: _Run, schools: str | Path | None, year: int | None, proposal: Any) -> None:
    """Step "schools": the schools table, and a proposal file read before the slow steps."""
    from regionkit._messages import text
    from regionkit.proposal import read_proposal
    from regionkit.schools import bundled_data_dir, bundled_schools_path, load_schools

    schools_path = Path(schools) if schools is not None else bundled_schools_path(year)
    lang = r.cfg.language
    if not schools_path.exists():
        raise InputDataError(
            Problem(
                text(lang, "schools.error.no_file"),
                fix=text(lang, "schools.error.no_file_fix"),
                file=str(schools_path),
                language=lang,
            )
        )
    r.table = load_schools(schools_path, language=lang)
    r.bundled = schools is None
    r.inputs["schools"] = schools_path
    # the land mask and the map's outlines come from the bundled boundaries
    for boundary in sorted((bundled_data_dir() / "boundaries").glob("*.geojson")):
        r.inputs[f"boundaries/{boundary.name}"] = boundary
    if proposal is not None:  # bad input fails fast
        r.inputs["proposal"] = Path(proposal)
        r.prop = read_proposal(proposal, r.table, language=r.cfg.language)


def _graph(r: _Run) -> None:
    """Step "graph": the proximity graph on the land."""
    from regionkit.boundaries import land_mask
    from regionkit.graph import ProximityGraph

    r.land = land_mask()
    r.graph = ProximityGraph.from_config(r.table, r.cfg.graph, land=r.land)


def _regions(r: _Run, division: str | None) -> None:
    """Step "proposal": the file read before, an official division, or regionkit's own."""
    from regionkit.proposal import Proposal, proposal_from_division, without_pro
    from regionkit.regions import Regions

    if division is not None:
        r.prop = proposal_from_division(r.table, division, r.cfg)
    elif r.prop is None:
        from regionkit.logical import EXPLANATION_COLUMNS, propose_logical

        proposed = propose_logical(r.table, r.graph, config=r.cfg)
        assignment = without_pro(proposed.assignment, r.table, r.cfg)  # [regions] pro_in_regions
        r.prop = Proposal.from_assignment(assignment, source="propose")
        r.proposal_metrics = proposed.metrics.to_dict()
        r.explained = proposed.regions[["region", *EXPLANATION_COLUMNS]]
    r.region_set = Regions(r.table, r.prop, config=r.cfg, graph=r.graph)


def _money(r: _Run, agreements: str | Path | None) -> None:
    """Step "funding": the money per region and school (and the split agreements)."""
    from regionkit import funding
    from regionkit.schools import bundled_schools_path, load_schools
    from regionkit.years import compare_year

    if agreements is not None:
        r.inputs["agreements"] = Path(agreements)
    # on the bundled data, each region's technical pupils are also counted in the other year
    then = compare_year(r.cfg.funding.data_year) if r.bundled else None
    if then is not None:
        r.inputs[f"schools_{then}"] = bundled_schools_path(then)
    r.money = funding.fund(
        r.region_set,
        agreements=agreements,
        compare_schools=None if then is None else load_schools(year=then),
        compare_year=then,
    )


def _check(r: _Run) -> None:
    """Step "check": every rule (reusing the money)."""
    from regionkit import rules

    r.checked = rules.check(r.region_set, funding=r.money)


def _map(r: _Run, division: str | None) -> None:
    """Step "map": the regions table of the reports and the map that offers it."""
    from regionkit import maps

    r.regions = region_table(r.money.regions, r.checked.regions, r.prop.regions)
    explained = r.explained
    if explained is not None:
        r.regions = r.regions.merge(explained, on="region", how="left")
    findings = r.checked.findings
    # the page offers the same tables as regions.csv and findings.csv for download
    r.map = maps.make_map(
        r.region_set,
        findings=findings,
        funding=r.money,
        division=division,
        exports={"regions": r.regions, "findings": findings},
        explanations=None
        if explained is None
        else dict(zip(explained["region"], explained["explanation"], strict=True)),
    )


def _write_outputs(r: _Run, folder: Path) -> dict[str, str]:
    """Step "reports": every output file into ``folder``; output name -> file name."""
    from regionkit import maps
    from regionkit.areas import region_polygons

    assert r.regions is not None
    maps.write_map(r.map, folder / "map.html")
    findings = r.checked.findings
    assignment = r.prop.assignment
    schools_out = _schools_table(r.table, assignment)
    funding_schools = _cents_to_eur(r.money.schools)
    polygons = region_polygons(r.region_set, land=r.land)
    region_layer = gpd.GeoDataFrame(
        polygons[["region", "geometry"]].merge(r.regions, on="region", how="right"),
        geometry="geometry",
        crs=polygons.crs,
    )
    # the workbook is for reading: the 30 profile x leerweg x leerjaar counts per school
    # stay in schools.csv/.json and the GeoPackage
    write_workbook(
        folder / "report.xlsx",
        regions=r.regions,
        schools=schools_out.drop(columns=list(TECHNICAL_CELL_COLUMNS)),
        findings=findings,
        funding_schools=funding_schools,
    )
    write_geopackage(
        folder / "regions.gpkg",
        schools=schools_out,
        regions=region_layer,
        edges=r.graph.edges_frame(),
        findings=findings,
    )
    safe = r.cfg.output.neutralise_csv_formulas
    write_csv(folder / "proposal.csv", _proposal_table(r.table, r.prop), neutralise=safe)
    files = {"map": "map.html", "report": "report.xlsx", "geopackage": "regions.gpkg"}
    files["proposal"] = "proposal.csv"
    for name, df in (
        ("regions", r.regions),
        ("schools", schools_out),
        ("findings", findings),
        ("funding_schools", funding_schools),
    ):
        write_csv(folder / f"{name}.csv", df, neutralise=safe)
        write_json(folder / f"{name}.json", df)
        files[f"{name}_csv"], files[f"{name}_json"] = f"{name}.csv", f"{name}.json"
    return files


def _summary(r: _Run) -> dict[str, Any]:
    """The headline figures of a run (in the manifest and the result)."""
    findings = r.checked.findings
    severities = findings["severity"].value_counts() if not findings.empty else pd.Series()
    return {
        "n_schools": len(r.table),
        "n_regions": len(r.prop.regions),
        "n_assigned": len(r.prop.assignment),
        "findings": {str(k): int(severities.get(k, 0)) for k in ("error", "warning", "info")},
        "max_subsidy_4y_eur": float(r.money.national.max_subsidy_4y_eur),
        "n_techniekarm": int(r.money.regions["techniekarm"].fillna(False).astype(bool).sum()),
    }


def _publish(r: _Run, out: Path, proposal: str | Path | None) -> dict[str, Path]:
    """Write every output and the manifest into a staging folder, then swap it in at once.

    A failure while writing (a full disk, a folder that cannot be written)
    leaves the output folder as it was and raises :class:`OutputError`.
    """
    import pyogrio.errors

    from regionkit._publish import staging

    with staging(out) as stage:
        try:
            names = _write_outputs(r, stage.path)
            extra: dict[str, Any] = {
                "source": r.source if proposal is None else Path(r.source).name,
                "summary": _summary(r),
            }
            if r.proposal_metrics:
                extra["proposal_metrics"] = r.proposal_metrics
            write_manifest(
                stage.path / "run.json",
                config=r.cfg,
                inputs=r.inputs,
                seed=r.cfg.regions.seed,
                outputs={k: stage.path / names[k] for k in sorted(names)},
                extra=extra,
            )
        except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise OutputError(
                f"the outputs could not be written ({reason}); the previous outputs in "
                f"{out} are unchanged"
            ) from exc
        stage.commit()
    return {**{k: out / name for k, name in names.items()}, "manifest": out / "run.json"}


def run(
    out_dir: str | Path = "out",
    *,
    schools: str | Path | None = None,
    year: int | None = None,
    proposal: str | Path | None = None,
    division: str | None = None,
    config: Config | str | Path | None = None,
    seed: int | None = None,
    agreements: str | Path | None = None,
    national_map: str | Path | None = None,
    progress: ProgressHook | None = None,
) -> RunResult:
    """Run the whole job into ``out_dir``.

    Parameters
    ----------
    out_dir
        The output folder (created if needed). Its content is replaced as a
        whole, at once, by the new outputs (see :mod:`regionkit._publish`):
        a new or empty folder, or the folder of an earlier run; files an
        analyst put there are kept.
    schools
        A schools table (written by ``regionkit ingest``); ``None`` for the bundled one.
    year
        The data year: chooses the bundled table of that year (with ``schools``
        ``None``) and dates every figure; ``None`` for the default, 2019.
    proposal
        A proposal file to check; ``None`` for regionkit's own proposal.
    division
        Instead of a proposal, an official division (``"nodal"``, ``"rmc"``,
        ``"corop"``, ``"education_area"``).
    config
        A configuration, or the path of a TOML file; ``None`` for the defaults.
    seed
        The seed of regionkit's own proposal; overrides ``[regions] seed``.
    agreements
        A split-agreements file for the money step.
    national_map
        Also write the map to this file (``regionkit run`` gives
        :func:`default_national_map_path` on the bundled default run); ``None``
        for no copy.
    progress
        Called with each step's name as it starts.

    Returns
    -------
    RunResult
        The files written, timings per step and a few headline figures.

    Raises
    ------
    InputDataError, ConfigError, InfeasibleError
        For bad inputs, configuration or an impossible request; nothing is
        written then.
    OutputError
        When the outputs cannot be written; the output folder is unchanged.
    """
    from regionkit._publish import check_folder

    out = Path(out_dir)
    source = _resolve_source(proposal, division)
    clock = _Clock(progress)
    r = _Run(cfg=_settings(config, seed, year), source=source)
    check_folder(out, language=r.cfg.language)  # before any work: refused as given
    if config is not None and not isinstance(config, Config):
        r.inputs["config"] = Path(config)
    clock.step("schools")
    _load(r, schools, year, proposal)
    clock.step("graph")
    _graph(r)
    clock.step("proposal")
    _regions(r, division)
    clock.step("funding")
    _money(r, agreements)
    clock.step("check")
    _check(r)
    clock.step("map")
    _map(r, division)
    clock.step("reports")
    files = _publish(r, out, proposal)
    copy_to = Path(national_map) if national_map is not None else None
    if copy_to is not None:
        from regionkit._io import write_atomic

        write_atomic(copy_to, (out / "map.html").read_bytes())
    clock.stop()
    summary = _summary(r)
    return RunResult(
        out_dir=out,
        files=files,
        timings=clock.timings,
        n_schools=summary["n_schools"],
        n_regions=summary["n_regions"],
        n_assigned=summary["n_assigned"],
        n_findings=summary["findings"],
        max_subsidy_4y_eur=summary["max_subsidy_4y_eur"],
        n_techniekarm=summary["n_techniekarm"],
        source=source,
        national_map=copy_to,
        language=r.cfg.language,
        notes=_pro_notes(r),
    )


def _pro_notes(r: _Run) -> tuple[str, ...]:
    """The pro schools the setting leaves out of the regions, when some are in no region."""
    from regionkit._format import format_int
    from regionkit._messages import text
    from regionkit.proposal import pro_left_out

    assigned = r.prop.assignment.index
    out = [c for c in pro_left_out(r.table, r.cfg) if c not in assigned]
    if not out:
        return ()
    lang = r.cfg.language
    return (text(lang, "common.pro_left_out", n=format_int(len(out), lang)),)


def assignment_from_spec(
    spec: str | Path,
    schools: gpd.GeoDataFrame,
    *,
    config: Config | None = None,
    graph: Any = None,
) -> tuple[pd.Series, str]:
    """An assignment from a command-line spec: a proposal file, a division or ``propose``.

    Parameters
    ----------
    spec
        A proposal file (CSV or Excel), ``"division:NAME"`` (``nodal``, ``rmc``,
        ``corop``, ``education_area``) or ``"propose"`` (regionkit's own
        proposal with ``config``).
    schools
        The schools table.
    config
        The configuration (for ``propose``); ``None`` for the defaults.
    graph
        A proximity graph to reuse for ``propose``; built from ``config`` when ``None``.

    Returns
    -------
    tuple of (pandas.Series, str)
        The assignment and a short label for it.

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> a, label = assignment_from_spec("division:rmc", load_schools())
    >>> label, a.nunique()
    ('rmc', 39)
    """
    from regionkit.compare import division_assignment
    from regionkit.proposal import member_kinds, without_pro

    cfg = config or Config()
    text = str(spec)
    if text.startswith("division:"):
        key = text.split(":", 1)[1]
        return division_assignment(schools, key, kinds=member_kinds(cfg)), key
    if text == "propose":
        from regionkit.boundaries import land_mask
        from regionkit.graph import ProximityGraph
        from regionkit.logical import propose_logical

        g = graph or ProximityGraph.from_config(schools, cfg.graph, land=land_mask())
        result = propose_logical(schools, g, config=cfg)
        return without_pro(result.assignment, schools, cfg), "regionkit"
    from regionkit.proposal import read_proposal

    path = Path(text)
    if not path.exists():
        raise InputDataError(
            Problem(
                "the proposal file does not exist",
                fix="give a proposal file, division:nodal, division:rmc, division:corop or propose",
                file=text,
            )
        )
    return read_proposal(path, schools, language=cfg.language).assignment, path.stem


def _with_seed(cfg: Config, seed: int) -> Config:
    import dataclasses

    return dataclasses.replace(cfg, regions=dataclasses.replace(cfg.regions, seed=seed))
