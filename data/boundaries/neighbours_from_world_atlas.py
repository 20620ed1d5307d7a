"""Build ``neighbours_ne10m.geojson``: the land of the Netherlands' neighbours for the maps.

Source: the npm package ``world-atlas`` 2.0.2 (``countries-10m.json``: Natural Earth 1:10m
admin 0 countries, public domain, as TopoJSON). Run by hand, once, from the project root::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python data/boundaries/neighbours_from_world_atlas.py package/countries-10m.json

It decodes the TopoJSON arcs, keeps Belgium, Germany, France, Luxembourg, the United Kingdom
and Denmark, clips them to a box around the Netherlands, simplifies them (about 300 m) and
writes coordinates with 4 decimals (about 10 m). The maps draw these polygons as land beneath
the Dutch municipalities, which lie on top, so the coarser national border of Natural Earth
never shows.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, box, mapping

#: ISO 3166 numeric codes (the ``id`` of world-atlas) and Dutch names.
COUNTRIES = {
    "056": "België",
    "276": "Duitsland",
    "250": "Frankrijk",
    "442": "Luxemburg",
    "826": "Verenigd Koninkrijk",
    "208": "Denemarken",
}
#: lon/lat box kept around the Netherlands.
BOX = box(-1.0, 48.5, 12.0, 56.0)
TOLERANCE_DEG = 0.003


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs of a quantized TopoJSON topology as lon/lat lists."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygon(arcs: list[list[tuple[float, float]]], rings: list[list[int]]) -> Polygon:
    shell, *holes = (ring(arcs, r) for r in rings)
    return Polygon(shell, holes)


def main(path: str) -> None:
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        name = COUNTRIES.get(str(geom.get("id")))
        if name is None:
            continue
        parts = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        shape = shapely.make_valid(MultiPolygon([polygon(arcs, p) for p in parts]))
        shape = shapely.simplify(shape.intersection(BOX), TOLERANCE_DEG, preserve_topology=True)
        shape = shapely.set_precision(shape, 1e-4)
        if shape.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_n3": geom["id"], "name": name},
                "geometry": mapping(shape),
            }
        )
    features.sort(key=lambda f: f["properties"]["iso_n3"])
    out = Path(__file__).with_name("neighbours_ne10m.geojson")
    collection = {"type": "FeatureCollection", "features": features}
    out.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB, {len(features)} countries)")


if __name__ == "__main__":
    main(sys.argv[1])
