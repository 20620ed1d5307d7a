"""Benchmark of building and loading the schools table.

Prints one table: the ingestion of the full raw DUO files (target under 10 s),
its steps measured as peers in the same run (reading the count file, reading
the BAG points), writing the table, and loading it three ways: the bundled fast
path (first call and cached), and the same file through the checking reader
for users' tables.

Run: ``.venv/bin/python benchmarks/bench_ingest.py``. Timings are the best of
three runs; the machine is shared, so compare ratios within one run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
from _common import best_of

from regionkit._io import read_table
from regionkit.ingest import find_raw_files, ingest_duo
from regionkit.schools import _read_canonical, bundled_data_dir, load_schools, write_schools

TARGET_S = 10.0


def main() -> None:
    files = find_raw_files()
    result = ingest_duo(files)
    out = Path(tempfile.mkdtemp()) / "schools.csv"

    def bundled_first() -> None:
        _read_canonical.cache_clear()
        load_schools()

    rows: list[tuple[str, float]] = [
        ("ingest_duo (full raw files)", best_of(lambda: ingest_duo(files))[0]),
        ("  read the count file", best_of(lambda: read_table(files.counts))[0]),
        ("  read the BAG point files", best_of(lambda: [gpd.read_file(p) for p in files.bag])[0]),
        ("write_schools", best_of(lambda: write_schools(result.schools, out))[0]),
        ("load_schools() first call", best_of(bundled_first)[0]),
        ("load_schools() cached", best_of(load_schools)[0]),
        (
            "load_schools(path) checked",
            best_of(lambda: load_schools(bundled_data_dir() / "schools.csv"))[0],
        ),
    ]
    base = rows[0][1]
    print(f"schools: {len(result.schools)} rows; ingestion target < {TARGET_S:.0f} s")
    print(f"{'step':<32} {'seconds':>9} {'x ingest':>9}")
    for name, seconds in rows:
        print(f"{name:<32} {seconds:>9.3f} {seconds / base:>9.3f}")
    status = "ok" if base < TARGET_S else "TOO SLOW"
    print(f"ingestion {base:.2f} s: {status}")


if __name__ == "__main__":
    main()
