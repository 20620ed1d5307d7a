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

Outputs are first written to a staging folder inside the output folder and
moved into place only when every step has succeeded, the manifest last: a
failed run leaves the previous outputs as they were and no half-written file.
Two runs on the same inputs and seed give byte-identical files, except the
manifest's ``timestamp``.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from regionkit._errors import InputDataError, Problem
from regionkit._schema import TECHNICAL_CELL_COLUMNS
from regionkit.config import Config, load_config
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

    def summary(self) -> str:
        """A short text summary for the terminal."""
        findings = ", ".join(f"{n} {sev}" for sev, n in self.n_findings.items()) or "none"
        lines = [
            f"regions from {self.source}: {self.n_regions} regions, "
            f"{self.n_assigned:,} of {self.n_schools:,} schools in a region",
            f"findings: {findings}",
            f"maximum subsidy: EUR {self.max_subsidy_4y_eur:,.2f} over the period; "
            f"{self.n_techniekarm} techniekarm region(s)",
            f"outputs in {self.out_dir}/ ({len(self.files)} files, "
            f"{sum(self.timings.values()):.1f} s)",
        ]
        if self.national_map is not None:
            lines.append(f"national map: {self.national_map}")
        return "\n".join(lines)


ProgressHook = Callable[[str], None]


@contextmanager
def _staging(out_dir: Path) -> Iterator[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".regionkit-run-", dir=out_dir))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


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
    national_map: str | Path | bool | None = None,
    progress: ProgressHook | None = None,
) -> RunResult:
    """Run the whole job into ``out_dir``.

    Parameters
    ----------
    out_dir
        The output folder (created if needed); files of an earlier run are replaced.
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
        Also write the map to this file; ``True`` for ``maps/regions_nl.html``
        (in the working folder), ``False`` for no copy, ``None`` (default) for the
        copy only on the bundled default run (bundled schools, regionkit's own
        proposal, default configuration).
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
    """
    from regionkit import funding as funding_mod
    from regionkit import maps, rules
    from regionkit.areas import region_polygons
    from regionkit.boundaries import land_mask
    from regionkit.graph import ProximityGraph
    from regionkit.proposal import Proposal, proposal_from_division, read_proposal
    from regionkit.regions import Regions
    from regionkit.schools import bundled_data_dir, bundled_schools_path, load_schools

    out = Path(out_dir)
    source = _resolve_source(proposal, division)
    timings: dict[str, float] = {}
    clock = [time.perf_counter()]

    def step(name: str) -> None:
        """Start a step: close the previous one's timing, log, report progress."""
        now = time.perf_counter()
        if timings:
            timings[next(reversed(timings))] = now - clock[0]
        clock[0] = now
        timings[name] = 0.0
        logger.info("step %s", name)
        if progress is not None:
            progress(name)

    config_path = None if config is None or isinstance(config, Config) else Path(config)
    cfg = config if isinstance(config, Config) else load_config(config_path)
    if seed is not None:
        cfg = _with_seed(cfg, seed)
    if year is not None:
        cfg = cfg.for_year(year)
    run_seed = cfg.regions.seed

    inputs: dict[str, Path] = {}
    step("schools")
    schools_path = Path(schools) if schools is not None else bundled_schools_path(year)
    if not schools_path.exists():
        raise InputDataError(
            Problem(
                "the schools table does not exist", fix="check the path", file=str(schools_path)
            )
        )
    table = load_schools(schools_path)
    inputs["schools"] = schools_path
    # the land mask and the map's outlines come from the bundled boundaries
    for boundary in sorted((bundled_data_dir() / "boundaries").glob("*.geojson")):
        inputs[f"boundaries/{boundary.name}"] = boundary
    if config_path is not None:
        inputs["config"] = config_path
    if proposal is not None:
        # read (and validate) a proposal file before the slower steps: bad input fails fast
        inputs["proposal"] = Path(proposal)
        prop = read_proposal(proposal, table)

    step("graph")
    land = land_mask()
    graph = ProximityGraph.from_config(table, cfg.graph, land=land)

    step("proposal")
    proposal_metrics: dict[str, Any] | None = None
    explained: pd.DataFrame | None = None
    if division is not None:
        prop = proposal_from_division(table, division)
    elif proposal is None:
        from regionkit.logical import EXPLANATION_COLUMNS, propose_logical

        proposed = propose_logical(table, graph, config=cfg)
        prop = Proposal.from_assignment(proposed.assignment, source="propose")
        proposal_metrics = proposed.metrics.to_dict()
        explained = proposed.regions[["region", *EXPLANATION_COLUMNS]]
    assignment = prop.assignment
    region_set = Regions(table, prop, config=cfg, graph=graph)

    step("funding")
    if agreements is not None:
        inputs["agreements"] = Path(agreements)
    money = funding_mod.fund(region_set, agreements=agreements)

    step("check")
    checked = rules.check(region_set, funding=money)
    findings = checked.findings

    step("map")
    regions = region_table(money.regions, checked.regions, prop.regions)
    if explained is not None:
        regions = regions.merge(explained, on="region", how="left")
    # the page offers the same tables as regions.csv and findings.csv for download
    fmap = maps.make_map(
        region_set,
        findings=findings,
        funding=money,
        division=division,
        exports={"regions": regions, "findings": findings},
        explanations=None
        if explained is None
        else dict(zip(explained["region"], explained["explanation"], strict=True)),
    )

    bundled_default = (
        schools is None and year is None and source == "propose" and config is None and seed is None
    )
    copy_to: Path | None
    if national_map is True or (national_map is None and bundled_default):
        copy_to = default_national_map_path()
    elif national_map in (None, False):
        copy_to = None
    else:
        copy_to = Path(str(national_map))

    files: dict[str, Path] = {}
    with _staging(out) as stage:
        maps.write_map(fmap, stage / "map.html")
        files["map"] = out / "map.html"

        step("reports")
        schools_out = _schools_table(table, assignment)
        funding_schools = _cents_to_eur(money.schools)
        polygons = region_polygons(region_set, land=land)
        region_layer = gpd.GeoDataFrame(
            polygons[["region", "geometry"]].merge(regions, on="region", how="right"),
            geometry="geometry",
            crs=polygons.crs,
        )
        # the workbook is for reading: the 30 profile x leerweg x leerjaar counts per school
        # stay in schools.csv/.json and the GeoPackage
        write_workbook(
            stage / "report.xlsx",
            regions=regions,
            schools=schools_out.drop(columns=list(TECHNICAL_CELL_COLUMNS)),
            findings=findings,
            funding_schools=funding_schools,
        )
        write_geopackage(
            stage / "regions.gpkg",
            schools=schools_out,
            regions=region_layer,
            edges=graph.edges_frame(),
            findings=findings,
        )
        files["report"] = out / "report.xlsx"
        files["geopackage"] = out / "regions.gpkg"
        write_csv(stage / "proposal.csv", _proposal_table(table, prop))
        files["proposal"] = out / "proposal.csv"
        for name, df in (
            ("regions", regions),
            ("schools", schools_out),
            ("findings", findings),
            ("funding_schools", funding_schools),
        ):
            write_csv(stage / f"{name}.csv", df)
            write_json(stage / f"{name}.json", df)
            files[f"{name}_csv"] = out / f"{name}.csv"
            files[f"{name}_json"] = out / f"{name}.json"

        # Every step succeeded: replace the previous run's files, the manifest last.
        (out / "run.json").unlink(missing_ok=True)
        for target in files.values():
            os.replace(stage / target.name, target)
        if copy_to is not None:
            from regionkit._io import write_atomic

            write_atomic(copy_to, (out / "map.html").read_bytes())

    timings["reports"] = time.perf_counter() - clock[0]
    severities = findings["severity"].value_counts() if not findings.empty else pd.Series()
    n_findings = {str(k): int(severities.get(k, 0)) for k in ("error", "warning", "info")}
    n_techniekarm = int(money.regions["techniekarm"].fillna(False).astype(bool).sum())
    manifest = write_manifest(
        out / "run.json",
        config=cfg,
        inputs=inputs,
        seed=run_seed,
        outputs={k: files[k] for k in sorted(files)},
        extra={
            "source": source if proposal is None else Path(source).name,
            "summary": {
                "n_schools": len(table),
                "n_regions": len(prop.regions),
                "n_assigned": len(assignment),
                "findings": n_findings,
                "max_subsidy_4y_eur": float(money.national.max_subsidy_4y_eur),
                "n_techniekarm": n_techniekarm,
            },
            **({"proposal_metrics": proposal_metrics} if proposal_metrics else {}),
        },
    )
    files["manifest"] = manifest
    return RunResult(
        out_dir=out,
        files=files,
        timings=timings,
        n_schools=len(table),
        n_regions=len(prop.regions),
        n_assigned=len(assignment),
        n_findings=n_findings,
        max_subsidy_4y_eur=float(money.national.max_subsidy_4y_eur),
        n_techniekarm=n_techniekarm,
        source=source,
        national_map=copy_to,
    )


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

    cfg = config or Config()
    text = str(spec)
    if text.startswith("division:"):
        key = text.split(":", 1)[1]
        return division_assignment(schools, key), key
    if text == "propose":
        from regionkit.boundaries import land_mask
        from regionkit.graph import ProximityGraph
        from regionkit.logical import propose_logical

        g = graph or ProximityGraph.from_config(schools, cfg.graph, land=land_mask())
        result = propose_logical(schools, g, config=cfg)
        return result.assignment, "regionkit"
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
    return read_proposal(path, schools).assignment, path.stem


def _with_seed(cfg: Config, seed: int) -> Config:
    import dataclasses

    return dataclasses.replace(cfg, regions=dataclasses.replace(cfg.regions, seed=seed))
