"""Time of `regionkit run` on the bundled data, per step, and of the whole command.

Run: .venv/bin/python benchmarks/bench_run.py [--repeat N]

Prints a table: seconds per step of ``regionkit.workflow.run`` (in-process,
the best of N runs), then the wall time of the whole ``regionkit run`` command
in a fresh process (imports included), which is what a user waits for.
The machine is shared, so the table also gives each step's share of the total.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from regionkit.workflow import STEPS, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="in-process runs (best is shown)")
    args = parser.parse_args()

    best: dict[str, float] = {}
    totals = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            t0 = time.perf_counter()
            result = run(Path(tmp) / f"run{i}", national_map=None)
            totals.append(time.perf_counter() - t0)
            for step, seconds in result.timings.items():
                best[step] = min(best.get(step, float("inf")), seconds)
        cli = Path(sys.executable).parent / "regionkit"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(
            [str(cli), "-q", "run", "--out", str(Path(tmp) / "cli"), "--no-national-map"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    total = sum(best.values())
    print(
        f"regionkit run on the bundled data ({result.n_schools} schools, "
        f"{result.n_regions} regions); best of {args.repeat} in-process runs"
    )
    print(f"{'step':<10} {'seconds':>8} {'share':>7}")
    for step in STEPS:
        s = best.get(step, 0.0)
        print(f"{step:<10} {s:>8.2f} {s / total:>7.1%}")
    print(f"{'total':<10} {total:>8.2f} {1:>7.0%}")
    print(f"in-process runs (s): {', '.join(f'{t:.2f}' for t in totals)}")
    print(
        f"`regionkit run` command, fresh process, imports included: {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU (target < 15 s; wall time grows with the load of the shared machine, "
        f"load average now {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
