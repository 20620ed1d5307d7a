"""Benchmark of the in-browser editor: one change on the national proposal, as the page sees it.

Run with ``.venv/bin/python benchmarks/bench_edit.py`` (``--screenshot docs/edit.png``
also saves a screenshot of the page after the moves, with a school picked).

It starts ``regionkit edit --division nodal --no-browser`` as a user does (the
national set of 80 nodal areas, every school of the bundled table; ``--propose``
edits regionkit's own proposal instead), opens the page in headless Debian
Chromium (every request off 127.0.0.1 aborted and counted: must be 0), and makes
``--moves`` moves (default 50) of a school on a border to a neighbouring region,
chosen with a fixed seed. Each move is timed in the page, from the request to
the page showing the new regions, findings and change bar (target: under 300 ms).

The page's time is split into the server's answer (the recheck and the patch
for the map, from its ``Server-Timing`` header), sending it, and drawing it.
The peers, measured in the same run on the same moves in this process: the
recheck alone (regionkit._edit_check, which recomputes the touched regions), and
a fresh check and fund of the whole proposal (a new ``Regions`` value, as
``regionkit check`` makes one), the way a page without a kept value would work.
The machine is shared, so timings vary from run to run; the ratio is steadier.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
TARGET_MS = 300.0


def start_editor(folder: Path, source: list[str]) -> tuple[subprocess.Popen[str], str]:
    """``regionkit edit SOURCE --no-browser`` in ``folder``; its process and the page's URL."""
    regionkit = Path(sys.executable).with_name("regionkit")
    proc = subprocess.Popen(
        [str(regionkit), "-q", "edit", *source, "--no-browser", "--out", "voorstel.csv"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        for word in line.split():
            if word.startswith("http://127.0.0.1:"):
                return proc, word
    proc.kill()
    problem = proc.stderr.read() if proc.stderr else ""
    raise RuntimeError(f"regionkit edit did not print its address: {problem}")


def pick_moves(page: object, n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` moves of a border school to a neighbouring region, one after the other."""
    data = page.evaluate(  # type: ignore[attr-defined]
        """() => ({ codes: regionkitEdit.graph.codes, neighbours: regionkitEdit.graph.neighbours,
                   regions: Object.fromEntries(regionkit.data.schools.map((s) => [s.code,
                                                                             s.regions])) })"""
    )
    codes, neighbours = data["codes"], data["neighbours"]
    region = {c: r[0] for c, r in data["regions"].items() if r}
    rng = random.Random(seed)
    moves = []
    while len(moves) < n:
        i = rng.randrange(len(codes))
        code = codes[i]
        near = sorted({region.get(codes[j]) for j in neighbours[i]} - {region.get(code), None})
        if code not in region or not near:
            continue
        target = rng.choice(near)
        moves.append((code, target))
        region[code] = target
    return moves


def time_in_page(page: object, moves: list[tuple[str, str]]) -> dict[str, list[float]]:
    """Milliseconds per move, from the request to the page drawn again, and its parts."""
    out: dict[str, list[float]] = {"total": [], "server": [], "transfer": [], "draw": []}
    for code, target in moves:
        t = page.evaluate(  # type: ignore[attr-defined]
            """async ([code, region]) => {
                const t0 = performance.now();
                const answer = await regionkitEdit.call("move", { codes: [code], region });
                await new Promise((done) => requestAnimationFrame(() => done()));
                if (!answer) throw new Error(document.querySelector(".rk-edit-error").textContent);
                return { ...regionkitEdit.timing, total: performance.now() - t0 };
            }""",
            [code, target],
        )
        for key in out:
            out[key].append(float(t[key]))
    return out


def time_in_process(
    moves: list[tuple[str, str]], propose: bool
) -> tuple[list[float], list[float], int, int]:
    """The same moves in this process: the incremental recheck and a full check, in ms."""
    from regionkit.boundaries import land_mask
    from regionkit.config import load_config
    from regionkit.edit import open_session
    from regionkit.funding import fund
    from regionkit.graph import ProximityGraph
    from regionkit.regions import Regions
    from regionkit.rules import check
    from regionkit.schools import load_schools

    config = load_config()
    schools = load_schools()
    graph = ProximityGraph.from_config(schools, config.graph, land=land_mask())
    with tempfile.TemporaryDirectory() as tmp:
        session = open_session(
            propose=propose,
            division=None if propose else "nodal",
            out=Path(tmp) / "voorstel.csv",
            schools=schools,
            graph=graph,
            config=config,
        )
        n_regions = len(session.regions)
        incremental, full = [], []
        for code, target in moves:
            t0 = time.perf_counter()
            session.move([code], target)
            incremental.append(1000 * (time.perf_counter() - t0))
            t0 = time.perf_counter()
            value = Regions(schools, session.proposal, config=config, graph=graph)
            check(value, funding=fund(value))
            full.append(1000 * (time.perf_counter() - t0))
    return incremental, full, n_regions, len(schools)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=50, help="moves to time (default 50)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the moves")
    parser.add_argument("--screenshot", type=Path, default=None, help="save a screenshot (PNG)")
    parser.add_argument(
        "--propose", action="store_true", help="edit regionkit's own proposal, not the nodal areas"
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        source = ["--propose"] if args.propose else ["--division", "nodal"]
        proc, url = start_editor(Path(tmp), source)
        outside: list[str] = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                base = url.split("/", 3)[:3]
                local = "/".join(base) + "/"

                def route(r: object) -> None:
                    address = r.request.url  # type: ignore[attr-defined]
                    if address.startswith(local) or address.startswith("data:"):
                        r.continue_()  # type: ignore[attr-defined]
                    else:
                        outside.append(address)
                        r.abort()  # type: ignore[attr-defined]

                page.route("**/*", route)
                t0 = time.perf_counter()
                page.goto(url)
                while not page.evaluate("() => !!(window.regionkitEdit && regionkitEdit.ready)"):
                    time.sleep(0.05)
                opened = time.perf_counter() - t0
                moves = pick_moves(page, args.moves, args.seed)
                in_page = time_in_page(page, moves)
                if args.screenshot:
                    show_a_pick(page, moves[-1][0])
                    args.screenshot.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(args.screenshot))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    incremental, full, n_regions, n_schools = time_in_process(moves, args.propose)
    rows = [
        ("in the page (request to redrawn)", in_page["total"]),
        ("  of which the server's answer", in_page["server"]),
        ("  of which sending it (and JSON)", in_page["transfer"]),
        ("  of which drawing it", in_page["draw"]),
        ("the recheck alone (in this process)", incremental),
        ("peer: a fresh check and fund", full),
    ]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    what = "regionkit's own proposal" if args.propose else "the nodal areas"
    print(f"regionkit edit, {what}: {n_regions} regions, {n_schools:,} schools")
    print(f"machine: {os.cpu_count()} cores, load average {load} (timings grow with the load)")
    print(f"page opened in {opened:.1f} s; {len(moves)} moves of a border school, seed {args.seed}")
    print(f"{'':38} {'median ms':>10} {'worst ms':>10}")
    for name, values in rows:
        print(f"{name:38} {statistics.median(values):10.0f} {max(values):10.0f}")
    ratio = statistics.median(full) / statistics.median(incremental)
    print(f"fresh check and fund / recheck (medians): {ratio:.1f}x")
    verdict = "met" if statistics.median(in_page["total"]) < TARGET_MS else "NOT met"
    print(f"target: one change under {TARGET_MS:.0f} ms in the page (median): {verdict}")
    print(f"requests off 127.0.0.1: {len(outside)}")
    return 0 if not outside else 1


def show_a_pick(page: object, code: str) -> None:
    """Pick a school and zoom to it, so the screenshot shows the editing panel at work."""
    page.evaluate(  # type: ignore[attr-defined]
        """(code) => {
            regionkit.map.setView(regionkit.schoolLayers[code].getLatLng(), 10, { animate: false });
            regionkitEdit.select(code, false);
        }""",
        code,
    )
    time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
