"""Benchmark of the regionalizer: national figures, scaling against peers, 100,000 schools.

Peers run in the same process on the same data and the same graph, so the
ratios hold even on a busy machine:

- PySAL spopt ``MaxPHeuristic`` (max-p with simulated annealing; slow, so only
  up to ``--spopt-max`` schools; it takes no seed, so numpy's global generator
  is seeded before each call),
- pygeoda ``maxp_greedy``, ``skater`` and ``redcap`` (C++; the same floor as a
  bound, ``k`` = total / floor for SKATER and REDCAP, which stop when no
  split keeps the bound; ``scale_method="raw"`` so every method minimises
  the same SSE of the coordinates),
- scikit-learn ``AgglomerativeClustering`` (Ward, the graph as connectivity,
  ``k`` = total / floor), followed by merging every cluster under the floor
  into the neighbouring cluster with the nearest centroid.

A peer that is not installed is skipped with a note. regionkit runs twice: with
the default configuration and with ``search_effort = 0`` (construction and
border moves only, the fast variant).

Every method is timed on the same footing: from arrays and a graph already
built in its own format (pygeoda weights, a libpysal ``W``, a scipy
adjacency) to a label per school. regionkit is timed through its array entry
point :func:`regionkit.regionalize.regionalize_arrays` (coordinates, counted
pupils, technical flags, the graph's edge list and lengths), the same search
:func:`~regionkit.regionalize.propose_regions` runs; the ``full call`` column
adds the whole ``propose_regions`` call on the schools table (checks, search,
region names and metrics), which the peers have no counterpart for. Quick
calls are repeated and the fastest of three is kept, for every method alike.

Synthetic data: schools clustered in towns in a 300 x 300 km box (town sizes
Pareto, schools normal around the town centre), pupils per school lognormal
with mean 125, floor 1,000 pupils (no technical-school floor), Delaunay graph
(the whole triangulation), seed 0.

How to run
----------
The peers are not dependencies of regionkit; install them in a separate
environment::

    python3 -m venv .bench-venv
    .bench-venv/bin/pip install -e . -r benchmarks/requirements.txt
    .bench-venv/bin/python benchmarks/bench_regionalize.py            # everything
    .bench-venv/bin/python benchmarks/bench_regionalize.py --sizes 300 600 --no-scale
    # how typical the one data set is: mean and worst ratios over 4 data sets x 3 seeds
    .bench-venv/bin/python benchmarks/bench_regionalize.py --sizes 300 600 1200 \
        --no-scale --no-national --spopt-max 0 --data-seeds 4

Without the peers (``.venv/bin/python benchmarks/bench_regionalize.py``) only
regionkit's own figures are printed.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import resource
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from regionkit._schema import TECHNICAL_CELL_COLUMNS
from regionkit.config import Config, load_config
from regionkit.graph import ProximityGraph
from regionkit.regionalize import propose_regions, regionalize_arrays

FLOOR = 1_000.0
SIZES = (300, 600, 1_200, 2_500, 6_000)


# --- data ---------------------------------------------------------------------------------------


def synthetic(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Schools in towns in a 300 x 300 km box: coordinates (n, 2) and pupils (n,)."""
    rng = np.random.default_rng(seed)
    n_towns = max(3, n // 12)
    centres = rng.uniform(0, 300_000, size=(n_towns, 2))
    size = rng.pareto(1.5, n_towns) + 1.0
    town = rng.choice(n_towns, size=n, p=size / size.sum())
    spread = 1_500 + 1_500 * np.sqrt(size[town])
    xy = centres[town] + rng.normal(size=(n, 2)) * spread[:, None]
    xy = 300_000 - np.abs(300_000 - np.abs(xy))  # reflect into the box
    sigma = 0.8
    pupils = rng.lognormal(math.log(125) - sigma**2 / 2, sigma, n)
    return xy, np.maximum(np.rint(pupils), 1.0)


def schools_table(xy: np.ndarray, pupils: np.ndarray) -> pd.DataFrame:
    """A schools table regionkit accepts: all pupils counted as PIE KB leerjaar 3."""
    n = len(xy)
    frame = pd.DataFrame(
        {
            "code": [f"S{k:07d}" for k in range(n)],
            "x": xy[:, 0],
            "y": xy[:, 1],
            "kind": "vmbo",
            "place": "",
        }
    )
    zeros = np.zeros(n, dtype=np.int64)
    counts = {c: zeros for c in TECHNICAL_CELL_COLUMNS}
    counts["pie_kb_lj3"] = pupils.astype(np.int64)
    frame = pd.concat([frame, pd.DataFrame(counts)], axis=1)
    frame["has_technical_profile"] = True
    return frame


def sse(xy: np.ndarray, labels: np.ndarray) -> float:
    """Within-region sum of squared distances to the centroid (the same for every method)."""
    _, lab = np.unique(labels, return_inverse=True)
    pts = xy - xy.mean(axis=0)
    cnt = np.bincount(lab)
    sx = np.bincount(lab, pts[:, 0])
    sy = np.bincount(lab, pts[:, 1])
    sq = np.bincount(lab, (pts**2).sum(axis=1))
    return float((sq - (sx**2 + sy**2) / cnt).sum())


def under_floor(pupils: np.ndarray, labels: np.ndarray, floor: float) -> int:
    _, lab = np.unique(labels, return_inverse=True)
    return int((np.bincount(lab, pupils) < floor - 1e-9).sum())


def disconnected(graph: ProximityGraph, labels: np.ndarray) -> int:
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    _, lab = np.unique(labels, return_inverse=True)
    e = graph.edges[lab[graph.edges[:, 0]] == lab[graph.edges[:, 1]]]
    n = graph.n_nodes
    adj = sparse.csr_array((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    _, piece = connected_components(adj, directed=False)
    pairs = np.unique(np.column_stack([lab, piece]), axis=0)
    return int((np.bincount(pairs[:, 0]) > 1).sum())


# --- methods ------------------------------------------------------------------------------------


@dataclass
class Result:
    method: str
    n: int
    regions: int
    under: int
    disconnected: int
    sse: float
    seconds: float
    full_seconds: float | None = None


def timed(call: Callable[[], np.ndarray], repeat: int = 3) -> tuple[np.ndarray, float]:
    """Run ``call``; repeat quick calls and keep the fastest (the same rule for every method)."""
    start = time.perf_counter()
    labels = call()
    best = time.perf_counter() - start
    for _ in range(repeat - 1):
        if best > 1.0:
            break
        start = time.perf_counter()
        labels = call()
        best = min(best, time.perf_counter() - start)
    return np.asarray(labels), best


def run_regionkit(
    xy: np.ndarray, pupils: np.ndarray, graph: ProximityGraph, config: Config, seed: int = 0
) -> np.ndarray:
    """regionkit on arrays (the peers' footing): labels per school."""
    technical = np.ones(len(pupils), dtype=bool)
    return regionalize_arrays(
        xy, pupils, technical, graph.edges, graph.distance, config=config, seed=seed
    ).labels


def run_regionkit_full(schools: pd.DataFrame, graph: ProximityGraph, config: Config) -> np.ndarray:
    """The whole ``propose_regions`` call on the schools table: labels per school."""
    proposal = propose_regions(schools, graph, config=config, seed=0)
    return proposal.assignment.reindex(schools["code"]).to_numpy()


def _gal(graph: ProximityGraph, path: Path) -> None:
    nbrs: list[list[int]] = [[] for _ in range(graph.n_nodes)]
    for a, b in graph.edges.tolist():
        nbrs[a].append(b)
        nbrs[b].append(a)
    with path.open("w") as fh:
        fh.write(f"0 {graph.n_nodes} synthetic id\n")
        for i, row in enumerate(nbrs):
            fh.write(f"{i} {len(row)}\n{' '.join(map(str, row))}\n")


def pygeoda_methods(
    graph: ProximityGraph, xy: np.ndarray, pupils: np.ndarray, floor: float
) -> dict[str, Callable[[], np.ndarray]]:
    import pygeoda

    folder = Path(tempfile.mkdtemp())
    _gal(graph, folder / "w.gal")
    w = pygeoda.read_gal(str(folder / "w.gal"), [str(i) for i in range(graph.n_nodes)])
    data = [xy[:, 0].tolist(), xy[:, 1].tolist()]
    bound = pupils.tolist()
    k = int(pupils.sum() // floor)
    return {
        "pygeoda maxp_greedy": lambda: np.array(
            pygeoda.maxp_greedy(w, data, bound, floor, scale_method="raw")["Clusters"]
        ),
        "pygeoda skater": lambda: np.array(
            pygeoda.skater(k, w, data, bound_variable=bound, min_bound=floor, scale_method="raw")[
                "Clusters"
            ]
        ),
        "pygeoda redcap": lambda: np.array(
            pygeoda.redcap(
                k,
                w,
                data,
                "fullorder-wardlinkage",
                bound_variable=bound,
                min_bound=floor,
                scale_method="raw",
            )["Clusters"]
        ),
    }


def spopt_maxp(
    graph: ProximityGraph, xy: np.ndarray, pupils: np.ndarray, floor: float
) -> Callable[[], np.ndarray]:
    import geopandas as gpd
    from libpysal.weights import W
    from spopt.region import MaxPHeuristic

    nbrs: dict[int, list[int]] = {i: [] for i in range(graph.n_nodes)}
    for a, b in graph.edges.tolist():
        nbrs[a].append(b)
        nbrs[b].append(a)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = W(nbrs, silence_warnings=True)
    gdf = gpd.GeoDataFrame(
        {"x": xy[:, 0], "y": xy[:, 1], "pupils": pupils},
        geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]),
    )

    def call() -> np.ndarray:
        np.random.seed(0)  # noqa: NPY002 - spopt takes no seed and draws from the global one
        model = MaxPHeuristic(gdf, w, ["x", "y"], "pupils", floor, top_n=2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.solve()
        return np.asarray(model.labels_)

    return call


def sklearn_merge(
    graph: ProximityGraph, xy: np.ndarray, pupils: np.ndarray, floor: float
) -> Callable[[], np.ndarray]:
    from sklearn.cluster import AgglomerativeClustering

    adjacency = graph.adjacency
    k = max(1, int(pupils.sum() // floor))

    def call() -> np.ndarray:
        labels = AgglomerativeClustering(
            n_clusters=k, connectivity=adjacency, linkage="ward"
        ).fit_predict(xy)
        return _merge_under_floor(graph, xy, pupils, floor, labels)

    return call


def _merge_under_floor(
    graph: ProximityGraph, xy: np.ndarray, pupils: np.ndarray, floor: float, labels: np.ndarray
) -> np.ndarray:
    """Merge clusters under the floor into the adjacent cluster with the nearest centroid."""
    lab = labels.copy()
    while True:
        ids, inv = np.unique(lab, return_inverse=True)
        w = np.bincount(inv, pupils)
        small = np.flatnonzero(w < floor)
        if not len(small):
            return lab
        cnt = np.bincount(inv)
        cx = np.bincount(inv, xy[:, 0]) / cnt
        cy = np.bincount(inv, xy[:, 1]) / cnt
        a = int(small[np.argmin(w[small])])
        e = graph.edges
        la, lb = inv[e[:, 0]], inv[e[:, 1]]
        nb = np.unique(np.concatenate([lb[la == a], la[lb == a]]))
        nb = nb[nb != a]
        if not len(nb):
            return lab  # an isolated part stays under the floor
        b = int(nb[np.argmin((cx[nb] - cx[a]) ** 2 + (cy[nb] - cy[a]) ** 2)])
        lab[inv == a] = ids[b]


# --- sections -----------------------------------------------------------------------------------


def national() -> None:
    from regionkit.metrics import region_metrics
    from regionkit.schools import load_schools

    schools = load_schools()
    config = load_config()
    graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    propose_regions(schools, graph, config=config)  # warm up imports
    times = []
    for _ in range(5):
        start = time.perf_counter()
        proposal = propose_regions(schools, graph, config=config)
        times.append(time.perf_counter() - start)
    m = region_metrics(schools, proposal.assignment, graph, config=config)
    print("## National (bundled DUO 2019 data, default configuration)")
    print(
        f"schools {len(schools)}, graph {graph!r}, floors {config.regions.min_counted_pupils:g} "
        f"counted pupils and {config.regions.min_technical_schools} technical schools"
    )
    print(
        f"propose_regions: median {np.median(times):.3f} s, fastest {min(times):.3f} s "
        f"(of 5 runs, whole call)"
    )
    print(
        f"regions {m.n_regions}, under a floor {m.n_under_floor}, disconnected "
        f"{m.n_disconnected}, joined across water {m.n_joined_across_water}, assigned "
        f"{m.n_schools_assigned}/{len(schools)}"
    )
    print(
        f"mean diameter {m.mean_diameter_m / 1000:.1f} km, SSE {m.sse:.4g} m², split close "
        f"pairs {m.split_close_share:.1%}, ARI vs nodal {m.ari_vs_division:.3f}"
    )
    print()


def scaling(sizes: list[int], spopt_max: int) -> None:
    have = {
        name: importlib.util.find_spec(name) is not None
        for name in ("pygeoda", "spopt", "libpysal", "sklearn")
    }
    print("## Synthetic scaling (towns in 300 x 300 km, lognormal pupils mean 125, floor 1,000)")
    if not have["pygeoda"]:
        print("note: pygeoda is not installed: its max-p, SKATER and REDCAP are skipped")
    if not (have["spopt"] and have["libpysal"]):
        print("note: spopt/libpysal are not installed: MaxPHeuristic is skipped")
    config = load_config(regions={"min_counted_pupils": FLOOR, "min_technical_schools": 0})
    fast = load_config(
        regions={"min_counted_pupils": FLOOR, "min_technical_schools": 0, "search_effort": 0.0}
    )
    header = (
        f"{'n':>6} {'method':<22} {'regions':>7} {'under':>5} {'disc':>4} {'SSE (m²)':>10} "
        f"{'time (s)':>9} {'full call (s)':>13}"
    )
    summary = []
    for n in sizes:
        xy, pupils = synthetic(n)
        table = schools_table(xy, pupils)
        graph = ProximityGraph.build_delaunay(
            (table["code"].to_numpy(), xy), max_edge_m=math.inf, land=None
        )
        methods: dict[str, Callable[[], np.ndarray]] = {
            "regionkit": partial(run_regionkit, xy, pupils, graph, config),
            "regionkit effort 0": partial(run_regionkit, xy, pupils, graph, fast),
        }
        full: dict[str, Callable[[], np.ndarray]] = {
            "regionkit": partial(run_regionkit_full, table, graph, config),
            "regionkit effort 0": partial(run_regionkit_full, table, graph, fast),
        }
        if have["pygeoda"]:
            methods.update(pygeoda_methods(graph, xy, pupils, FLOOR))
        if have["spopt"] and have["libpysal"] and n <= spopt_max:
            methods["spopt MaxPHeuristic"] = spopt_maxp(graph, xy, pupils, FLOOR)
        if have["sklearn"]:
            methods["sklearn ward + merge"] = sklearn_merge(graph, xy, pupils, FLOOR)
        results = []
        for name, call in methods.items():
            labels, seconds = timed(call)
            full_seconds = None
            if name in full:
                full_labels, full_seconds = timed(full[name])
                assert len(np.unique(full_labels)) == len(np.unique(labels))
            results.append(
                Result(
                    name,
                    n,
                    len(np.unique(labels)),
                    under_floor(pupils, labels, FLOOR),
                    disconnected(graph, labels),
                    sse(xy, labels),
                    seconds,
                    full_seconds,
                )
            )
        print()
        print(f"n = {n}: {pupils.sum():,.0f} pupils (at most {int(pupils.sum() // FLOOR)} regions)")
        print(header)
        for r in results:
            whole = "" if r.full_seconds is None else f"{r.full_seconds:>13.3f}"
            print(
                f"{r.n:>6} {r.method:<22} {r.regions:>7} {r.under:>5} {r.disconnected:>4} "
                f"{r.sse:>10.3e} {r.seconds:>9.3f} {whole}"
            )
        mine = [r for r in results if r.method.startswith("regionkit")]
        others = [r for r in results if not r.method.startswith("regionkit")]
        peers = [r for r in others if r.under == 0 and r.disconnected == 0]
        if peers:
            most = max(peers, key=lambda r: (r.regions, -r.sse))
            least_sse = min(peers, key=lambda r: r.sse)
            fastest = min(others, key=lambda r: r.seconds)
            for ours in mine:
                summary.append(
                    (
                        n,
                        ours.method,
                        ours.regions / most.regions,
                        ours.sse / most.sse,
                        ours.sse / least_sse.sse,
                        ours.seconds / fastest.seconds,
                        most.method,
                        least_sse.method,
                        fastest.method,
                    )
                )
    if summary:
        print()
        print("Ratios regionkit / peer (regions: higher is better; SSE and time: lower is better)")
        print(
            f"{'n':>6} {'variant':<19} {'regions/best':>12} {'SSE/best':>9} {'SSE/lowest':>10} "
            f"{'time/fastest':>12}  best (most regions); lowest SSE; fastest"
        )
        for n, variant, reg, s1, s2, t, most_name, least_name, quickest in summary:
            print(
                f"{n:>6} {variant:<19} {reg:>12.3f} {s1:>9.3f} {s2:>10.3f} {t:>12.3f}  "
                f"{most_name}; {least_name}; {quickest}"
            )
    print()


def robustness(sizes: list[int], data_seeds: int, seeds: int) -> None:
    """Ratios over several synthetic data sets and search seeds (mean and worst).

    The main table holds one data set and one seed; this one says how typical
    those are. Peers: pygeoda's SKATER and REDCAP and scikit-learn (the
    fastest and lowest-SSE peers above; spopt and pygeoda's max-p are too
    slow to repeat). Regions are compared with the most any of these forms.
    """
    have_pygeoda = importlib.util.find_spec("pygeoda") is not None
    print(f"## Robustness: {data_seeds} data sets x {seeds} seeds (mean and worst ratios)")
    if not have_pygeoda:
        print("note: pygeoda is not installed: SKATER and REDCAP are skipped")
    config = load_config(regions={"min_counted_pupils": FLOOR, "min_technical_schools": 0})
    print(f"{'n':>6} {'regions/most':>14} {'SSE/lowest':>16} {'time/fastest':>16} {'SSE wins':>9}")
    for n in sizes:
        reg, sse_r, time_r = [], [], []
        for data_seed in range(data_seeds):
            xy, pupils = synthetic(n, seed=data_seed)
            graph = ProximityGraph.build_delaunay(
                ([f"S{k:07d}" for k in range(n)], xy), max_edge_m=math.inf, land=None
            )
            peers: dict[str, Callable[[], np.ndarray]] = {}
            if have_pygeoda:
                peers.update(pygeoda_methods(graph, xy, pupils, FLOOR))
                peers.pop("pygeoda maxp_greedy")
            if importlib.util.find_spec("sklearn") is not None:
                peers["sklearn ward + merge"] = sklearn_merge(graph, xy, pupils, FLOOR)
            if not peers:
                print("note: no peer installed")
                return
            runs = [timed(call) for call in peers.values()]
            most = max(len(np.unique(labels)) for labels, _ in runs)
            lowest = min(sse(xy, labels) for labels, _ in runs)
            fastest = min(seconds for _, seconds in runs)
            for seed in range(seeds):
                labels, seconds = timed(
                    partial(run_regionkit, xy, pupils, graph, config, seed=seed)
                )
                reg.append(len(np.unique(labels)) / most)
                sse_r.append(sse(xy, labels) / lowest)
                time_r.append(seconds / fastest)
        wins = float(np.mean(np.asarray(sse_r) <= 1.0))
        print(
            f"{n:>6} {np.mean(reg):>6.3f} (min {min(reg):.2f}) {np.mean(sse_r):>6.3f} "
            f"(max {max(sse_r):.2f}) {np.mean(time_r):>6.2f} (max {max(time_r):.2f}) "
            f"{wins:>8.0%}"
        )
    print()


def scale(n: int, *, traced: bool) -> None:
    print(f"## Scale: {n:,} synthetic schools (regionkit only)")
    xy, pupils = synthetic(n, seed=1)
    table = schools_table(xy, pupils)
    start = time.perf_counter()
    graph = ProximityGraph.build_delaunay(
        (table["code"].to_numpy(), xy), max_edge_m=math.inf, land=None
    )
    graph_s = time.perf_counter() - start
    config = load_config(
        regions={"min_counted_pupils": FLOOR, "min_technical_schools": 0, "time_budget_s": 120.0}
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB
    start = time.perf_counter()
    proposal = propose_regions(table, graph, config=config, seed=0)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    m = proposal.metrics
    print(
        f"graph {graph_s:.1f} s; propose_regions {seconds:.1f} s (whole call, metrics included); "
        f"peak RSS of the process {rss:,.0f} MiB (before the call {rss_before:,.0f} MiB)"
    )
    print(
        f"regions {m.n_regions} (at most {int(pupils.sum() // FLOOR)}), under a floor "
        f"{m.n_under_floor}, disconnected {m.n_disconnected}, assigned {m.n_schools_assigned}, "
        f"SSE {m.sse:.4g} m², time cap hit: {proposal.time_capped}"
    )
    if traced:
        tracemalloc.start()
        again = propose_regions(table, graph, config=config, seed=0)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        same = again.assignment.equals(proposal.assignment)
        print(
            f"peak memory traced by tracemalloc in a second call: {peak / 2**20:,.0f} MiB; "
            f"same regions as the first call: {same}"
        )
    print()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--spopt-max", type=int, default=1_200, help="largest n for spopt")
    parser.add_argument("--scale-n", type=int, default=100_000)
    parser.add_argument("--no-national", action="store_true")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument(
        "--data-seeds",
        type=int,
        default=0,
        help="also report mean and worst ratios over this many synthetic data sets",
    )
    parser.add_argument("--seeds", type=int, default=3, help="search seeds per data set")
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace Python allocations at scale"
    )
    args = parser.parse_args(argv)
    print(f"# regionkit regionalizer benchmark (python {sys.version.split()[0]})")
    print()
    if not args.no_national:
        national()
    if args.sizes:
        scaling(args.sizes, args.spopt_max)
        if args.data_seeds:
            robustness(args.sizes, args.data_seeds, args.seeds)
    if not args.no_scale:
        scale(args.scale_n, traced=args.tracemalloc)


if __name__ == "__main__":
    main()
