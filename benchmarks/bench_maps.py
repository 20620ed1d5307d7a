"""Benchmark of the national maps: file size, render time and open time in headless Chromium.

Run with ``.venv/bin/python benchmarks/bench_maps.py`` (``--screenshot docs/map.png``
also saves a screenshot of the first map). For each national map it prints:

- the size of the HTML file (target: under 5 MB);
- the time to build the folium map and render its HTML (median of ``--repeat``);
- the time to open it in headless Debian Chromium: until the page's ``load``
  event (every script is inline, so the map and its markers are drawn by
  then; checked) and, from the outside, until every school marker is in the
  page (target: under 3 s).

The machine is shared, so timings are noisy: the table also opens a bare
Leaflet page (the inlined assets and an empty map) as a peer, and reports each
map's open time as a ratio to it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from regionkit.config import load_config
from regionkit.funding import fund
from regionkit.graph import ProximityGraph
from regionkit.maps import make_map, map_html, write_map
from regionkit.proposal import Proposal, proposal_from_division
from regionkit.rules import check
from regionkit.schools import load_schools

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def proposals(schools: object) -> dict[str, Proposal]:
    """The national sets of regions to map: regionkit's own proposal, if any, and divisions."""
    out: dict[str, Proposal] = {}
    try:
        from regionkit.logical import propose_logical
    except ImportError:  # the regionalizer is optional for this benchmark
        pass
    else:
        cfg = load_config()
        graph = ProximityGraph.from_config(schools, cfg.graph, land="netherlands")
        result = propose_logical(schools, graph, config=cfg)
        out["regionkit proposal"] = Proposal.from_assignment(result.assignment, source="propose")
    for division in ("nodal", "rmc", "corop"):
        out[f"{division} division"] = proposal_from_division(schools, division)
    return out


def build(schools: object, proposal: Proposal) -> tuple[object, float]:
    """The map with findings and money, and the median time to make it and render its HTML."""
    cfg = load_config()
    graph = ProximityGraph.from_config(schools, cfg.graph, land="netherlands")
    findings = check(schools, proposal, graph, config=cfg).findings
    money = fund(schools, proposal.assignment, config=cfg)
    times = []
    m = None
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        m = make_map(schools, proposal.assignment, findings=findings, funding=money, config=cfg)
        map_html(m)
        times.append(time.perf_counter() - t0)
    return m, statistics.median(times)


def open_times(browser: object, path: Path, n_markers: int) -> tuple[float, float]:
    """Median (load event, all markers present) in seconds over ``REPEAT`` fresh pages."""
    loads, markers = [], []
    for _ in range(REPEAT):
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        blocked: list[str] = []

        def route(r: object, blocked: list[str] = blocked) -> None:
            url = r.request.url  # type: ignore[attr-defined]
            if url.startswith(("file:", "data:")):
                r.continue_()  # type: ignore[attr-defined]
            else:
                blocked.append(url)
                r.abort()  # type: ignore[attr-defined]

        page.route("**/*", route)
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="load")
        if n_markers:
            page.wait_for_function(
                f"document.querySelectorAll('path.rk-school').length === {n_markers}"
            )
        markers.append(time.perf_counter() - t0)
        load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        drawn = page.evaluate("document.querySelectorAll('path.rk-school').length")
        assert drawn == n_markers, (drawn, n_markers)  # drawn before `load`
        assert not blocked, blocked
        loads.append(load / 1000)
        page.close()
    return statistics.median(loads), statistics.median(markers)


def bare_leaflet(folder: Path) -> Path:
    """The peer: the same inlined assets and an empty map, nothing else."""
    from regionkit._map_assets import inline_assets

    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"{inline_assets()}</head><body><div id='m' style='height:100%'></div>"
        "<script>L.map('m').setView([52.2, 5.3], 8);</script></body></html>"
    )
    path = folder / "bare.html"
    path.write_text(page, encoding="utf-8")
    return path


REPEAT = 3


def main(argv: list[str] | None = None) -> int:
    global REPEAT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--screenshot", type=Path, help="save a screenshot of the first map here")
    args = parser.parse_args(argv)
    REPEAT = args.repeat

    from playwright.sync_api import sync_playwright

    schools = load_schools()
    folder = Path(tempfile.mkdtemp(prefix="bench_maps_"))
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        bare = open_times(browser, bare_leaflet(folder), 0)
        for i, (label, proposal) in enumerate(proposals(schools).items()):
            m, render = build(schools, proposal)
            path = write_map(m, folder / f"map{i}.html")
            load, drawn = open_times(browser, path, len(schools))
            rows.append((label, path.stat().st_size, render, load, drawn))
            if i == 0 and args.screenshot is not None:
                page = browser.new_page(viewport={"width": 1100, "height": 1000})
                page.goto(path.resolve().as_uri(), wait_until="load")
                page.wait_for_timeout(300)
                args.screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.screenshot))
                page.close()
        browser.close()

    print(f"national maps, {len(schools):,} schools, median of {REPEAT} runs")
    print(f"{'map':<22} {'size MB':>8} {'render s':>9} {'load s':>7} {'drawn s':>8} {'x bare':>7}")
    print(f"{'bare Leaflet (peer)':<22} {'':>8} {'':>9} {bare[0]:>7.2f} {bare[1]:>8.2f} {1:>7.1f}")
    for label, size, render, load, drawn in rows:
        print(
            f"{label:<22} {size / 1e6:>8.2f} {render:>9.2f} {load:>7.2f} {drawn:>8.2f} "
            f"{drawn / bare[1]:>7.1f}"
        )
    ok = all(size < 5_000_000 and drawn < 3.0 for _, size, _, _, drawn in rows)
    print("targets (< 5 MB, open < 3 s):", "met" if ok else "NOT met")
    if args.screenshot is not None:
        print(f"screenshot: {args.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
