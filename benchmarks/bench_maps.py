"""Benchmark of the national maps: file size, build time and drawing time in headless Chromium.

Run with ``.venv/bin/python benchmarks/bench_maps.py``; ``--screenshots docs`` also
saves the README's pictures (``map.png``: the proposal at 1440x900, ``map_phone.png``:
the same on a 390x844 phone, ``compare.png``: the proposal against the nodal areas).
For each national map (regionkit's proposal and the official divisions, each with
its findings and money) it prints:

- the size of the HTML file (target: under 3 MB);
- the time to build the map's data and render its HTML (median of ``--repeat``);
- the time to open it in headless Debian Chromium until every school is drawn
  (median and best; target: median under 1 s), and the time the page's script
  spends drawing (from the page's own clock: ``regionkit.render``);
- every network request the page tries (aborted; must be 0).

The machine is shared, so timings are noisy: the table also opens a bare Leaflet
page (the inlined assets and an empty map) as a peer, and reports each map's
open time as a ratio to it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from regionkit.config import load_config
from regionkit.funding import fund
from regionkit.graph import ProximityGraph
from regionkit.maps import make_map, map_html, write_map
from regionkit.proposal import Proposal, pro_left_out, proposal_from_division, without_pro
from regionkit.regions import Regions
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
REPEAT = 3


def proposals(schools: object) -> dict[str, tuple[Proposal, str | None]]:
    """The national sets of regions to map: regionkit's own proposal and the divisions."""
    from regionkit.logical import propose_logical

    cfg = load_config()
    graph = ProximityGraph.from_config(schools, cfg.graph, land="netherlands")
    result = propose_logical(schools, graph, config=cfg)
    own = without_pro(result.assignment, schools, cfg)  # as regionkit propose and run write it
    out = {"regionkit proposal": (Proposal.from_assignment(own, source="propose"), None)}
    for division in ("nodal", "rmc", "corop"):
        out[f"{division} division"] = (proposal_from_division(schools, division), division)
    return out


def build(schools: object, proposal: Proposal, division: str | None) -> tuple[object, float]:
    """The map with findings and money, and the median time to make it and render its HTML."""
    cfg = load_config()
    graph = ProximityGraph.from_config(schools, cfg.graph, land="netherlands")
    findings = check(Regions(schools, proposal, config=cfg, graph=graph)).findings
    money = fund(schools, proposal.assignment, config=cfg)
    times = []
    m = None
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        m = make_map(
            schools, proposal, findings=findings, funding=money, config=cfg, division=division
        )
        map_html(m)
        times.append(time.perf_counter() - t0)
    return m, statistics.median(times)


def _page(browser: object, size: tuple[int, int] = (1440, 900)) -> tuple[object, list[str]]:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})  # type: ignore[attr-defined]
    blocked: list[str] = []

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        if url.startswith(("file:", "data:", "blob:")):
            r.continue_()  # type: ignore[attr-defined]
        else:
            blocked.append(url)
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    return page, blocked


def open_times(browser: object, path: Path, n_schools: int) -> tuple[float, float, float, int]:
    """Seconds until every school is drawn (median, best), median drawing time, requests."""
    drawn, render, requests = [], [], 0
    for _ in range(REPEAT):
        page, blocked = _page(browser)
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="load")
        if n_schools:
            page.wait_for_function(
                f"document.querySelectorAll('path.rk-school').length === {n_schools}"
            )
        drawn.append(time.perf_counter() - t0)
        if n_schools:
            render.append(
                page.evaluate(
                    "performance.getEntriesByName('regionkit.render')[0]?.duration ?? NaN"
                )
                / 1000
            )
        requests += len(blocked)
        page.close()
    script = statistics.median(render) if render else 0.0
    return statistics.median(drawn), min(drawn), script, requests


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


def screenshots(browser: object, proposal_map: Path, compare_map: Path, folder: Path) -> None:
    """The README's pictures, made from the maps of this run."""
    folder.mkdir(parents=True, exist_ok=True)
    for path, name, size in (
        (proposal_map, "map.png", (1440, 900)),
        (proposal_map, "map_phone.png", (390, 844)),
        (compare_map, "compare.png", (1440, 900)),
    ):
        page, blocked = _page(browser, size)
        page.goto(path.resolve().as_uri(), wait_until="load")
        page.wait_for_function("window.regionkit && regionkit.map")
        page.wait_for_timeout(300)
        page.screenshot(path=str(folder / name))
        assert not blocked, blocked
        page.close()
        print(f"screenshot: {folder / name}")


def compare_map(schools: object, proposal: Proposal, folder: Path) -> Path:
    """The proposal against the nodal areas: B's areas, A's borders as lines, moved schools."""
    from regionkit.compare import compare

    cfg = load_config()
    nodal = proposal_from_division(schools, "nodal")
    # as regionkit compare: the pro schools [regions] pro_in_regions leaves out are no difference
    members = schools[~schools["code"].astype(str).isin(pro_left_out(schools, cfg))]
    result = compare(
        nodal.assignment, proposal.assignment, schools=members, name_a="nodal", name_b="voorstel"
    )
    m = make_map(
        members,
        proposal,
        config=cfg,
        moved=result,
        other=nodal,
        other_label="nodal",
        other_division="nodal",
    )
    return write_map(m, folder / "compare.html")


def main(argv: list[str] | None = None) -> int:
    global REPEAT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--screenshots", type=Path, help="save the README's pictures here")
    args = parser.parse_args(argv)
    REPEAT = args.repeat

    from playwright.sync_api import sync_playwright

    schools = load_schools()
    n = len(schools)
    folder = Path(tempfile.mkdtemp(prefix="bench_maps_"))
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        bare = open_times(browser, bare_leaflet(folder), 0)
        first: tuple[Path, Proposal] | None = None
        for i, (label, (proposal, division)) in enumerate(proposals(schools).items()):
            m, build_s = build(schools, proposal, division)
            path = write_map(m, folder / f"map{i}.html")
            drawn, best, render, requests = open_times(browser, path, n)
            rows.append((label, path.stat().st_size, build_s, render, drawn, best, requests))
            first = first or (path, proposal)
        if args.screenshots is not None and first is not None:
            screenshots(browser, first[0], compare_map(schools, first[1], folder), args.screenshots)
        browser.close()

    print(f"national maps, {n:,} schools, median of {REPEAT} runs, headless Chromium 1440x900")
    print(
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: timings grow with it)"
    )
    head = f"{'map':<20} {'size MB':>8} {'build s':>8} {'script s':>9} {'drawn s':>8} {'best s':>7}"
    print(f"{head} {'x bare':>7} {'requests':>9}")
    print(
        f"{'bare Leaflet (peer)':<20} {'':>8} {'':>8} {'':>9} {bare[0]:>8.2f} {bare[1]:>7.2f} "
        f"{1:>7.1f} {0:>9}"
    )
    for label, size, build_s, render, drawn, best, requests in rows:
        print(
            f"{label:<20} {size / 1e6:>8.2f} {build_s:>8.2f} {render:>9.2f} {drawn:>8.2f} "
            f"{best:>7.2f} {drawn / bare[0]:>7.1f} {requests:>9}"
        )
    ok = all(size < 3_000_000 and drawn < 1.0 and req == 0 for _, size, _, _, drawn, _, req in rows)
    print("targets (< 3 MB, every school drawn < 1 s, 0 requests):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
