"""Benchmark of checking a proposal for the whole country (``regionkit check``).

Prints four tables:

1. end to end on the bundled data: the nodal division (80 regions, 1,428 vmbo and vso
   schools) written as a proposal file with an mbo institution and a company per
   region, then read, the proximity graph built, every rule run and the findings
   written; the RMC and COROP divisions as well. The target is under 2 s;
2. the time per rule, and the funding step whose figures join the findings,
   measured in the same run as peers;
3. an editing session: one school moved (``Regions.move``), then the check and
   the money of the new regions, against the same on regions built afresh;
4. the ``regionkit check`` command as a user runs it (a fresh process, imports
   included).

Run: ``.venv/bin/python benchmarks/bench_check.py``. Timings are the best of
three runs; the machine is shared, so compare ratios within one run.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from _common import best_of

from regionkit.boundaries import land_mask
from regionkit.config import load_config
from regionkit.funding import fund
from regionkit.graph import ProximityGraph
from regionkit.proposal import proposal_from_division, read_proposal
from regionkit.regions import Regions
from regionkit.rules import RULES, check, check_proposal, write_findings
from regionkit.schools import load_schools

TARGET_S = 2.0
#: An editor redraws after a move: one move + check + money well under this.
EDIT_TARGET_S = 0.3
#: Moves timed in an editing session.
MOVES = 15


def proposal_file(schools: pd.DataFrame, division: str, folder: Path) -> Path:
    """The division as a proposal file with one mbo institution and one company per region."""
    a = proposal_from_division(schools, division).assignment
    rows = [(r, c, "school", "") for c, r in a.items()]
    for region in sorted(set(a)):
        rows += [(region, "", "mbo", f"ROC {region}"), (region, "", "bedrijf", f"Bedrijf {region}")]
    path = folder / f"{division}.csv"
    pd.DataFrame(rows, columns=["regio", "code", "rol", "naam"]).to_csv(path, sep=";", index=False)
    return path


def end_to_end(schools: pd.DataFrame, path: Path, out: Path) -> Any:
    config = load_config()
    proposal = read_proposal(path, schools)
    graph = ProximityGraph.from_config(schools, config.graph, land=land_mask())
    result = check_proposal(schools, proposal, graph, config=config)
    write_findings(result, out)
    return result


def main() -> None:
    logging.disable(logging.WARNING)  # the graph logs its islands; not part of the figures
    schools = load_schools()
    land_mask()  # cached after the first call, as in any session
    folder = Path(tempfile.mkdtemp(prefix="bench_check_"))

    print("Checking the whole country end to end (read + graph + rules + write), best of 3")
    print(f"{'proposal':<10} {'regions':>7} {'schools':>7} {'errors':>6} {'warn.':>6} "
          f"{'info':>5} {'s':>6}  target")  # fmt: skip
    for division in ("nodal", "rmc", "corop"):
        path = proposal_file(schools, division, folder)
        t, r = best_of(lambda path=path: end_to_end(schools, path, folder / "out"))
        s = r.summary
        verdict = "ok" if t < TARGET_S else "SLOW"
        counts = f"{s['n_regions']:>7} {s['n_schools_listed']:>7} {s['n_errors']:>6} "
        counts += f"{s['n_warnings']:>6} {s['n_info']:>5}"
        print(f"{division:<10} {counts} {t:>6.2f}  < {TARGET_S:.0f} s {verdict}")

    print()
    config = load_config()
    proposal = read_proposal(proposal_file(schools, "nodal", folder), schools)
    t_read, _ = best_of(lambda: read_proposal(folder / "nodal.csv", schools))
    t_graph, graph = best_of(
        lambda: ProximityGraph.from_config(schools, config.graph, land=land_mask())
    )
    print("Nodal division: stages and rules (same run)")
    print(f"{'step':<26} {'findings':>8} {'s':>7}")
    print(f"{'read proposal file':<26} {'':>8} {t_read:>7.3f}")
    print(f"{'build proximity graph':<26} {'':>8} {t_graph:>7.3f}")
    total = 0.0
    for rule_id, rule in RULES.items():
        # a fresh value each time: the rule computes every figure it needs
        t, found = best_of(
            lambda rule=rule: rule(Regions(schools, proposal, config=config, graph=graph))  # type: ignore[misc]
        )
        total += t
        print(f"{'rule ' + rule_id:<26} {len(found):>8} {t:>7.3f}")
    t_fund, _ = best_of(lambda: fund(schools, proposal.assignment, config=config))
    t_check, result = best_of(lambda: check_proposal(schools, proposal, graph, config=config))
    print(f"{'sum of the rules':<26} {'':>8} {total:>7.3f}")
    print(f"{'funding step (peer)':<26} {'':>8} {t_fund:>7.3f}")
    print(f"{'check_proposal (all)':<26} {len(result.findings):>8} {t_check:>7.3f}")
    print(f"check_proposal / graph build = {t_check / t_graph:.1f}x")

    print()
    moves_after_a_move(schools, proposal, graph, config)

    print()
    print("The command as a user runs it (fresh process, imports included), best of 3")
    args = ["-q", "check", str(folder / "nodal.csv"), "--json", "--out", str(folder / "cli")]
    cmd = [sys.executable, "-c", "from regionkit.cli import main; main()", *args]
    t_cli, proc = best_of(lambda: subprocess.run(cmd, capture_output=True, check=False))
    t_import, _ = best_of(
        lambda: subprocess.run([sys.executable, "-c", "import regionkit.cli"], check=True)
    )
    label_cli = "regionkit check nodal.csv --json --out DIR"
    label_import = "python -c 'import regionkit.cli' (peer)"
    print(f"{label_cli:<44} {t_cli:>6.2f} s (exit {proc.returncode})")
    print(f"{label_import:<44} {t_import:>6.2f} s")


def moves_after_a_move(schools: Any, proposal: Any, graph: Any, config: Any) -> None:
    """An editing session: one school moved, then the check and the money of the new regions.

    ``Regions.move`` recomputes only the two regions the school left and joined;
    the peer is the same check and money on regions built afresh (nothing cached).
    """
    regions = Regions(schools, proposal, config=config, graph=graph)
    check(regions)
    fund(regions)
    assignment = regions.assignment
    rng = np.random.default_rng(0)
    times, fresh_times = [], []
    for code in rng.choice(assignment.index.to_numpy(), size=MOVES, replace=False).tolist():
        target = next(iter(regions.neighbours.get(assignment[code], ())), assignment[code])
        t0 = time.perf_counter()
        moved = regions.move({code: target})
        result = check(moved, funding=fund(moved))
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        again = Regions(schools, moved.proposal, config=config, graph=graph)
        fresh = check(again, funding=fund(again))
        fresh_times.append(time.perf_counter() - t0)
        assert fresh.to_dict() == result.to_dict()  # the same findings and money
        regions = moved
    median, peer = float(np.median(times)), float(np.median(fresh_times))
    print(f"Nodal division: move one school, then check and fund again (median of {MOVES})")
    print(f"{'move + check + fund':<26} {median:>7.3f} s  target < {EDIT_TARGET_S:.1f} s")
    print(
        f"{'the same, built afresh':<26} {peer:>7.3f} s  (peer; move / afresh {median / peer:.2f})"
    )


if __name__ == "__main__":
    main()
