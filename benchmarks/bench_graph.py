"""Benchmark of the proximity graph and the region areas.

Prints three tables:

1. the national graphs on the bundled data (nodes, edges, components, edges
   dropped over water, build time);
2. the region areas of the official nodal division (cells, polygons,
   adjacency, colouring), next to the plain geopandas route (Voronoi via
   ``GeoSeries.voronoi_polygons``, clip, ``dissolve``) measured in the same run;
3. synthetic scaling (schools clustered in towns in a 300 x 300 km box) for the
   trimmed Delaunay and k-NN graphs, next to a bare ``scipy.spatial.Delaunay``
   edge extraction as the floor.

Run: ``.venv/bin/python benchmarks/bench_graph.py`` (add ``--quick`` to stop at 10,000).
Timings are the best of three runs; the machine is shared, so compare ratios.
"""

from __future__ import annotations

import logging
import sys

import geopandas as gpd
import numpy as np
import shapely
from _common import best_of
from scipy.spatial import Delaunay

from regionkit.areas import color_regions, region_adjacency, region_polygons, school_cells
from regionkit.boundaries import land_mask
from regionkit.config import GraphConfig
from regionkit.graph import ProximityGraph
from regionkit.schools import load_schools


def national() -> None:
    schools = load_schools()
    land = land_mask()
    cfg = GraphConfig()
    print("National graphs (bundled data, land mask on, GraphConfig defaults)")
    head = f"{'method':<32} {'nodes':>6} {'edges':>6} {'comp.':>5} {'isol.':>5}"
    print(f"{head} {'water':>5} {'s':>7}")
    builders = {
        "delaunay (default)": lambda: ProximityGraph.from_config(schools, cfg, land=land),
        "delaunay, no water check": lambda: ProximityGraph.from_config(schools, cfg),
        "knn k=6": lambda: ProximityGraph.build_knn(schools, k=cfg.k, land=land),
        "distance band 10 km": lambda: ProximityGraph.build_distance_band(schools, land=land),
    }
    for name, build in builders.items():
        t, g = best_of(build)
        print(
            f"{name:<32} {g.n_nodes:>6} {g.n_edges:>6} {g.n_components:>5} "
            f"{len(g.isolated):>5} {g.dropped_water_edges:>5} {t:>7.3f}"
        )
    g = ProximityGraph.from_config(schools, cfg, land=land)
    print("\nComponents of the default graph:")
    print(g.component_summary(schools)[["component", "n_schools", "places"]].to_string(index=False))

    division = schools.set_index("code")["nodal_name"].rename("region")
    t_cells, _ = best_of(lambda: school_cells(schools, land=land))
    t_poly, polys = best_of(lambda: region_polygons(schools, division, land=land))
    t_adj, adj = best_of(lambda: region_adjacency(polys))
    t_col, colors = best_of(lambda: color_regions(adj))

    def geopandas_route() -> gpd.GeoDataFrame:
        """Voronoi of the unique points, matched to the schools by a spatial join."""
        pts = schools[["geometry"]].assign(region=division.to_numpy()).dropna(subset=["region"])
        cells = gpd.GeoDataFrame(
            geometry=gpd.GeoSeries(pts.geometry.drop_duplicates()).voronoi_polygons(
                extend_to=shapely.box(*land.bounds).buffer(10_000)
            ),
            crs=schools.crs,
        )
        matched = gpd.sjoin(cells, pts, predicate="contains")
        return matched.clip(land).dissolve("region")

    t_peer, _ = best_of(geopandas_route)
    print(f"\nRegion areas of the nodal division ({len(polys)} regions)")
    print(f"{'step':<40} {'s':>7}")
    print(f"{'school_cells':<40} {t_cells:>7.3f}")
    print(f"{'region_polygons':<40} {t_poly:>7.3f}")
    print(f"{'region_adjacency':<40} {t_adj:>7.3f}  ({adj.number_of_edges()} borders)")
    print(f"{'color_regions':<40} {t_col:>7.3f}  ({max(colors.values()) + 1} colours)")
    print(f"{'peer: geopandas voronoi+clip+dissolve':<40} {t_peer:>7.3f}")
    print(f"ratio peer / region_polygons: {t_peer / t_poly:.1f}x")


def synthetic(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n_towns = max(10, n // 50)
    towns = rng.uniform(0, 300_000, (n_towns, 2))
    xy = towns[rng.integers(0, n_towns, n)] + rng.normal(0, 2_000, (n, 2))
    return np.array([f"S{i:06d}" for i in range(n)]), xy


def _scipy_edges(xy: np.ndarray) -> np.ndarray:
    """The floor: Delaunay edges straight from scipy, no trimming, checks or duplicates."""
    indptr, indices = Delaunay(xy).vertex_neighbor_vertices
    a = np.repeat(np.arange(len(xy)), np.diff(indptr))
    keep = a < indices
    return np.column_stack([a[keep], indices[keep]])


def scaling(quick: bool) -> None:
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    print("\nSynthetic scaling (towns in a 300 x 300 km box)")
    header = f"{'n':>8} {'scipy floor s':>13} {'delaunay s':>10} {'ratio':>6} {'knn s':>7}"
    print(f"{header} {'edges':>8} {'comp.':>6}")
    for n in sizes:
        codes, xy = synthetic(n)
        t_floor, _ = best_of(lambda xy=xy: _scipy_edges(xy))
        t_del, g = best_of(lambda c=codes, xy=xy: ProximityGraph.build_delaunay((c, xy)))
        t_knn, _ = best_of(lambda c=codes, xy=xy: ProximityGraph.build_knn((c, xy)))
        print(
            f"{n:>8,} {t_floor:>13.3f} {t_del:>10.3f} {t_del / t_floor:>6.1f} {t_knn:>7.3f} "
            f"{g.n_edges:>8,} {g.n_components:>6}"
        )


if __name__ == "__main__":
    logging.getLogger("regionkit").setLevel(logging.ERROR)  # the tables say it all
    national()
    scaling(quick="--quick" in sys.argv)
