"""How logical are the proposed regions? The default proposal against max-p and the divisions.

For regionkit's default proposal (``--method logical``), max-p (``--method
maxp``) and the official divisions rmc, corop and nodal (as DUO gives them, no
floors) it prints:

- regions, regions under a floor (the method's own floors: rule 3's
  ``regionkit.wholes.floors`` for the logical regions and the divisions,
  ``[regions]`` for max-p), towns whose schools lie in more than one region,
  and the share of school pairs closer than ``[rules] close_distance_m`` that
  lie in two regions;
- when a list of real regions of the programme lies beside the project
  (``../shared/calibration``: ``sto_regions_dev.csv`` and its ``eval_logic.py``),
  how well each set of regions keeps together the towns and schools that really
  formed one region and apart those that did not (balanced accuracy, towns and
  schools; that script's own definitions), and, with ``--halves N``, the mean
  and spread of those figures over N random halves of the real regions (how much
  they depend on which regions happen to be in the list). Without the list
  these columns are left out. The list is a measuring stick only: nothing in
  regionkit reads it;
- the time of the library call (best of three, warm) and of ``regionkit propose``
  as a user runs it (a fresh process, imports included);
- with ``--variants``, the same figures for the logical method with one setting
  changed at a time (``[logical] containers`` and ``together_m``, rule 3's
  floor ``[rules] min_counted_pupils``, ``[regions] min_technical_schools``,
  ``[logical] techniekarm_regions``):
  how much the default's figures depend on each choice.

Run: ``.venv/bin/python benchmarks/bench_logic.py [--halves 200] [--variants]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
from _common import best_of

from regionkit.config import load_config
from regionkit.graph import ProximityGraph
from regionkit.logical import propose_logical, towns_split
from regionkit.metrics import school_figures
from regionkit.regionalize import propose_regions
from regionkit.schools import load_schools
from regionkit.wholes import floors

ROOT = Path(__file__).resolve().parent.parent
CALIBRATION = ROOT.parent / "shared" / "calibration"


def measuring_stick() -> tuple[ModuleType, pd.DataFrame] | None:
    """The scoring script and the real regions beside the project, if they are there."""
    script, truth = CALIBRATION / "eval_logic.py", CALIBRATION / "sto_regions_dev.csv"
    if not (script.exists() and truth.exists()):
        return None
    spec = importlib.util.spec_from_file_location("eval_logic", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = pd.read_csv(truth, dtype=str)
    table["town"] = module.town_of(table["school_name"])
    return module, table


def figures(
    schools: pd.DataFrame, assignment: pd.Series, config: Any, floor: tuple[float, int]
) -> dict[str, Any]:
    """Regions, regions under a floor (counted pupils, technical schools), towns and pairs split."""
    from scipy.spatial import cKDTree

    a = assignment.reindex(schools["code"].astype(str)).to_numpy(dtype=object)
    fig = school_figures(schools, config=config)
    per = pd.DataFrame({"r": a, "w": fig["counted_pupils"].to_numpy(), "t": fig["technical"]})
    per = per.dropna().groupby("r").sum()
    under = int(((per["w"] < floor[0]) | (per["t"] < floor[1])).sum())
    xy = schools[["x", "y"]].to_numpy(dtype=float)
    pairs = cKDTree(xy).query_pairs(
        np.nextafter(config.rules.close_distance_m, 0), output_type="ndarray"
    )
    # a school in no region counts as apart from every other
    key = np.array([r if isinstance(r, str) else f"\0{i}" for i, r in enumerate(a)], dtype=object)
    split = key[pairs[:, 0]] != key[pairs[:, 1]]
    return {
        "regions": len(per),
        "under floor": under,
        "towns split": len(towns_split(schools, assignment)),
        "close split": float(split.mean()) if len(pairs) else 0.0,
    }


def scores(
    stick: tuple[ModuleType, pd.DataFrame],
    schools_csv: Path,
    assignment: pd.Series,
    regions: set[str] | None = None,
) -> tuple[float, float]:
    """Balanced accuracy (towns, schools) by the measuring stick's own definitions."""
    module, truth = stick
    if regions is not None:
        truth = truth[truth["region_name"].isin(regions)]
    result = module.evaluate(assignment.to_dict(), module.load_schools(schools_csv), truth)
    return result["towns"]["balanced_accuracy"], result["schools"]["balanced_accuracy"]


def cli_seconds(method: str) -> float:
    """``regionkit propose --method METHOD`` as a user runs it, wall time."""
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "regionkit", "-q", "propose", "--method", method, "--out", tmp],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - t0


Run = tuple[pd.Series, float | None, float | None, tuple[float, int]]


def variants(schools: pd.DataFrame, graph: ProximityGraph) -> dict[str, Run]:
    """The logical method with one setting changed at a time."""
    changes: list[tuple[str, dict[str, Any]]] = [
        ("containers corop", {"logical": {"containers": "corop"}}),
        ("containers none", {"logical": {"containers": "none"}}),
    ]
    changes += [
        (f"together_m {d:,}", {"logical": {"together_m": d}})
        for d in (0, 4_000, 5_000, 7_000, 8_000, 10_000)
    ]
    changes += [(f"rules floor {f}", {"rules": {"min_counted_pupils": f}}) for f in (100, 150, 200)]
    changes.append(("technical schools 1", {"regions": {"min_technical_schools": 1}}))
    changes.append(("techniekarm regions", {"logical": {"techniekarm_regions": True}}))
    out: dict[str, Run] = {}
    for name, change in changes:
        config = load_config(**change)
        proposal = propose_logical(schools, graph, config=config)
        out[f"logical, {name}"] = (proposal.assignment, None, None, floors(config))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--halves", type=int, default=0, help="random halves of the real regions")
    parser.add_argument("--variants", action="store_true", help="one setting changed at a time")
    args = parser.parse_args()
    schools = load_schools()
    config = load_config()
    graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    rule3 = floors(config)
    runs: dict[str, Run] = {}
    seconds, logical = best_of(lambda: propose_logical(schools, graph, config=config))
    runs["logical (default)"] = (logical.assignment, seconds, cli_seconds("logical"), rule3)
    seconds, maxp = best_of(lambda: propose_regions(schools, graph, config=config))
    maxp_floor = (config.regions.min_counted_pupils, config.regions.min_technical_schools)
    runs["maxp"] = (maxp.assignment, seconds, cli_seconds("maxp"), maxp_floor)
    table = schools.set_index(schools["code"].astype(str))
    for division in ("rmc", "corop", "nodal"):
        runs[f"division {division}"] = (table[f"{division}_name"].dropna(), None, None, rule3)
    if args.variants:
        runs.update(variants(schools, graph))
    stick = measuring_stick()
    with tempfile.TemporaryDirectory() as tmp:
        schools_csv = Path(tmp) / "schools.csv"
        schools.drop(columns="geometry", errors="ignore").to_csv(schools_csv, index=False)
        rows = []
        for name, (assignment, lib_s, cli_s, floor) in runs.items():
            row: dict[str, Any] = {
                "proposal": name,
                **figures(schools, assignment, config, floor),
            }
            if stick is not None:
                row["towns BA"], row["schools BA"] = scores(stick, schools_csv, assignment)
            row["library s"] = "-" if lib_s is None else f"{lib_s:.2f}"
            row["propose s"] = "-" if cli_s is None else f"{cli_s:.1f}"
            rows.append(row)
        out = pd.DataFrame(rows)
        out["close split"] = out["close split"].map(lambda v: f"{100 * v:.1f} %")
        print(
            f"national regions, {len(schools):,} schools; floors of the logical regions and "
            f"the divisions (rule 3): {rule3[0]:g} counted pupils and {rule3[1]} technical "
            f"schools; of max-p: {maxp_floor[0]:g} and {maxp_floor[1]}"
        )
        print(out.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        if stick is None:
            print(f"(no real regions beside the project at {CALIBRATION}: accuracy left out)")
            return
        if args.halves:
            halves(stick, schools_csv, runs, args.halves)


def halves(
    stick: tuple[ModuleType, pd.DataFrame],
    schools_csv: Path,
    runs: dict[str, Run],
    n: int,
) -> None:
    """Mean and spread of the accuracies over random halves of the real regions.

    Also how often a set of regions scores above the RMC division on both
    views in the same half (ties count as not above): the comparison the
    issue asks for, half by half.
    """
    names = sorted(stick[1]["region_name"].unique())
    rng = np.random.default_rng(0)
    picks = [set(rng.permutation(names)[: len(names) // 2]) for _ in range(n)]
    got = {
        name: np.array([scores(stick, schools_csv, run[0], half) for half in picks], float)
        for name, run in runs.items()
    }
    rmc = got.get("division rmc")
    print(f"\nover {n} random halves of the {len(names)} real regions (mean, sd):")
    for name, values in got.items():
        mean, sd = np.nanmean(values, axis=0), np.nanstd(values, axis=0)
        line = (
            f"  {name:36s} towns {mean[0]:.3f} ({sd[0]:.3f})  schools {mean[1]:.3f} ({sd[1]:.3f})"
        )
        if rmc is not None and name != "division rmc":
            above = np.mean((values[:, 0] > rmc[:, 0]) & (values[:, 1] > rmc[:, 1]))
            line += f"  above rmc on both: {100 * above:.0f} %"
        print(line)


if __name__ == "__main__":
    main()
