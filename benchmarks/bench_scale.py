"""Scale through the command line: ``propose``, ``check``, ``fund`` and ``map`` on generated files.

Writes schools tables of 50,000 and 100,000 generated schools (CSV, as a user
would give them with ``--schools``): once all on land, around the schools of
the bundled table and named after their places (towns of many schools), and
once with 10 % of the points in open water (IJsselmeer, Wadden Sea, North Sea,
Westerschelde) and without a place, each of which is a separate part of the
proximity graph. Then runs, each in a fresh process as a user calls it:

- ``regionkit propose --schools FILE --out DIR`` (writes ``proposal.csv``);
- ``regionkit check proposal.csv --schools FILE --out DIR``;
- ``regionkit fund proposal.csv --schools FILE --out DIR``;
- ``regionkit map proposal.csv --schools FILE --out FILE``,

and prints the wall time, the processor time (user + system: what the
command itself used, whatever else runs on the machine) and the peak memory
(maximum resident set size) of each process. The targets: ``propose`` on
100,000 schools under 60 s and 4 GB, ``check`` on 100,000 rows under 10 s
(wall time).

Run: ``.venv/bin/python benchmarks/bench_scale.py`` (``--sizes 50000``,
``--commands propose check``, ``--keep DIR`` to keep the files). One run per
command; the machine is shared, so read the figures as a measure, not a verdict
to the second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from regionkit.boundaries import land_mask
from regionkit.schools import NL_BOUNDS_RD, load_schools

#: Targets of the command line (seconds, bytes) per command at 100,000 schools.
TARGETS = {"propose": (60.0, 4 * 2**30), "check": (10.0, None)}
COMMANDS = ("propose", "check", "fund", "map")
SIZES = (50_000, 100_000)


def _code(k: np.ndarray) -> list[str]:
    """Distinct vestiging codes: two digits, two letters or digits, two digits."""
    alphabet = np.array(list("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    mid = (k // 100) % 1296
    return [
        f"{a:02d}{alphabet[m // 36]}{alphabet[m % 36]}{c:02d}"
        for a, m, c in zip((k % 100).tolist(), mid.tolist(), (k // 129_600).tolist(), strict=True)
    ]


def _points_on_land(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Points around the bundled schools, kept where they fall on land, and their places
    (the place of the school they were drawn around: towns of many schools)."""
    bundled = load_schools()
    towns = bundled[["x", "y"]].to_numpy()
    places = bundled["place"].astype(str).to_numpy()
    land = land_mask()
    shapely.prepare(land)
    out: list[np.ndarray] = []
    names: list[np.ndarray] = []
    have = 0
    while have < n:
        centre = rng.integers(0, len(towns), size=2 * n)
        xy = towns[centre] + rng.normal(scale=2_500.0, size=(2 * n, 2))
        keep = shapely.contains_xy(land, xy[:, 0], xy[:, 1])
        out.append(xy[keep])
        names.append(places[centre[keep]])
        have += int(keep.sum())
    return np.concatenate(out)[:n], np.concatenate(names)[:n]


def _points_in_water(n: int, rng: np.random.Generator) -> np.ndarray:
    """Points in open water within the Dutch bounding box (at most 40 km from land)."""
    land = land_mask()
    near = shapely.buffer(land, 40_000.0)
    shapely.prepare(land)
    shapely.prepare(near)
    xmin, ymin, xmax, ymax = NL_BOUNDS_RD
    out: list[np.ndarray] = [np.empty((0, 2))]
    have = 0
    while have < n:
        xy = rng.uniform((xmin, ymin), (xmax, ymax), size=(4 * n, 2))
        keep = shapely.contains_xy(near, xy[:, 0], xy[:, 1]) & ~shapely.contains_xy(
            land, xy[:, 0], xy[:, 1]
        )
        out.append(xy[keep])
        have += int(keep.sum())
    return np.concatenate(out)[:n]


def schools_file(path: Path, n: int, *, water_share: float, seed: int = 0) -> Path:
    """A schools CSV of ``n`` generated schools (``water_share`` of them in open water)."""
    rng = np.random.default_rng(seed)
    n_water = round(n * water_share)
    on_land, places = _points_on_land(n - n_water, rng)
    xy = np.concatenate([on_land, _points_in_water(n_water, rng)])
    place = np.concatenate([places, np.full(n_water, "")])  # a point in water has no town
    order = rng.permutation(n)
    xy, place = xy[order], place[order]
    pupils = np.maximum(np.rint(rng.lognormal(np.log(20), 1.0, n)), 0).astype(int)
    gl = np.maximum(np.rint(rng.lognormal(np.log(8), 1.0, n)), 0).astype(int)
    table = pd.DataFrame(
        {
            "code": _code(np.arange(n)),
            "name": [f"School {k}" for k in range(n)],
            "place": place,
            "x": np.round(xy[:, 0], 1),
            "y": np.round(xy[:, 1], 1),
            "pie_kb_lj3": pupils,
            "pie_gl_lj3": gl,
            "kb_lj3": pupils + gl,
            "gl_lj3": gl,
        }
    )
    table.to_csv(path, index=False)
    return path


def measure(args: list[str], log: Path) -> tuple[float, float, int, int]:
    """Run a command; its wall time (s), processor time (s, user + system), peak resident
    memory (bytes) and exit code."""
    start = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss * 1024, proc.returncode  # ru_maxrss: KiB on Linux


def _calls(schools: Path, out: Path) -> dict[str, list[str]]:
    """The command line of each command on one generated table."""
    proposal = str(out / "proposal.csv")
    table = ["--schools", str(schools)]
    return {
        "propose": ["propose", *table, "--out", str(out)],
        "check": ["check", proposal, *table, "--out", str(out)],
        "fund": ["fund", proposal, *table, "--out", str(out)],
        "map": ["map", proposal, *table, "--out", str(out / "map.html")],
    }


def _verdict(command: str, n: int, seconds: float, peak: int) -> str:
    """The target of a command at 100,000 schools and whether it was met."""
    if command not in TARGETS or n < 100_000:
        return ""
    limit_s, limit_b = TARGETS[command]
    ok = seconds < limit_s and (limit_b is None or peak < limit_b)
    text = f"< {limit_s:.0f} s" + (f", < {limit_b / 2**30:.0f} GB" if limit_b else "")
    return text + (" ok" if ok else " MISSED")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--commands", nargs="*", default=list(COMMANDS), choices=COMMANDS)
    parser.add_argument("--water", type=float, nargs="*", default=[0.0, 0.1])
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    options = parser.parse_args(argv)
    folder = options.keep or Path(tempfile.mkdtemp(prefix="bench_scale_"))
    folder.mkdir(parents=True, exist_ok=True)
    exe = [sys.executable, "-m", "regionkit", "-q"]
    print("regionkit through the command line on generated schools (one fresh process each)")
    print(f"{'schools':>8} {'in water':>8} {'command':<8} {'s':>7} {'cpu s':>7} {'peak MB':>8} "
          f"{'exit':>4}  target")  # fmt: skip
    for n in options.sizes:
        for water in options.water:
            tag = f"{n}_{round(100 * water)}"
            schools = schools_file(folder / f"schools_{tag}.csv", n, water_share=water)
            calls = _calls(schools, folder / f"out_{tag}")
            for command in options.commands:
                log = folder / f"{tag}_{command}.log"
                seconds, cpu, peak, code = measure([*exe, *calls[command]], log)
                print(
                    f"{n:>8,} {water:>8.0%} {command:<8} {seconds:>7.1f} {cpu:>7.1f} "
                    f"{peak / 1e6:>8,.0f} {code:>4}  {_verdict(command, n, seconds, peak)}",
                    flush=True,
                )
    if options.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
