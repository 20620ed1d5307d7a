"""Editing in a real browser: headless Debian Chromium through playwright, against a live session.

Every request that does not go to the session's own address on 127.0.0.1 is
aborted and counted (there must be none); console and page errors fail the
test. The page's scripts run under the server's Content-Security-Policy (no
``eval``), so the tests poll with ``page.evaluate`` instead of
``wait_for_function``. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from _edit_fixtures import east_proposal, small_pair_proposal
from click.testing import CliRunner

from regionkit.boundaries import land_mask
from regionkit.cli import cli
from regionkit.config import load_config
from regionkit.edit import EditSession, open_session, serve
from regionkit.graph import ProximityGraph

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("REGIONKIT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
ARTIFACTS = Path(__file__).parent / "artifacts"
CONFIG = load_config()
DESKTOP = (1440, 900)
PHONE = (390, 844)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        message = f"Chromium not found at {CHROMIUM}: run `make chromium`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def graph(schools) -> ProximityGraph:
    return ProximityGraph.from_config(schools, CONFIG.graph, land=land_mask())


@dataclass
class Page:
    """A session's page in Chromium, with what it tried to fetch elsewhere and what it logged."""

    page: Any
    session: EditSession
    base: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, function: str, arg: object = None) -> Any:
        return self.page.evaluate(function, arg)

    def until(self, function: str, arg: object = None, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.js(function, arg):
                return
            time.sleep(0.05)
        self.screenshot("timeout")
        raise AssertionError(f"timed out waiting for {function}; errors: {self.errors}")

    def idle(self) -> None:
        self.until("() => window.regionkitEdit && regionkitEdit.ready && !regionkitEdit.busy")

    def findings(self) -> list[dict[str, Any]]:
        """The findings the page has (in the order of the check), and that its panel lists."""
        listed = self.js(
            """() => [...document.querySelectorAll('.rk-findings-list li')].map((li) =>
                li.querySelector('.rk-text').textContent)"""
        )
        data = self.js(
            """() => regionkit.data.findings.map((f) => ({rule: f.rule, severity: f.severity,
                regions: f.regions, schools: f.schools, message: f.message}))"""
        )
        assert sorted(listed) == sorted(f["message"] for f in data), "the panel lists every one"
        return data

    def region(self, name: str) -> dict[str, Any] | None:
        return self.js("(n) => regionkit.data.regions.find((r) => r.name === n) || null", name)

    def click_school(self, code: str) -> None:
        """Click the school's marker on the map, as an analyst does."""
        point = self.js(
            """(code) => {
                const marker = regionkit.schoolLayers[code];
                regionkit.map.setView(marker.getLatLng(), 13, { animate: false });
                const p = regionkit.map.latLngToContainerPoint(marker.getLatLng());
                const box = regionkit.map.getContainer().getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }""",
            code,
        )
        self.page.mouse.click(point[0], point[1])

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"edit_{name}.png"))

    def assert_clean(self) -> None:
        assert self.outside == [], f"requests left the machine: {self.outside}"
        assert self.errors == [], f"console or page errors: {self.errors}"


@pytest.fixture
def opened(browser) -> Iterator[Any]:
    servers = []
    contexts = []

    def open_page(session: EditSession, size: tuple[int, int] = DESKTOP) -> Page:
        server = serve(session)
        servers.append(server)
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        contexts.append(context)
        page = context.new_page()
        base = f"http://127.0.0.1:{server.port}/"
        opened = Page(page, session, base)

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(base) or url.startswith("data:"):
                r.continue_()
            else:
                opened.outside.append(url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.goto(server.url)
        opened.idle()
        return opened

    yield open_page
    for context in contexts:
        context.close()
    for server in servers:
        server.stop()


def test_a_school_in_two_regions_shows_an_overlap_error_until_undone(
    opened, tmp_path: Path, schools, graph
) -> None:
    path = east_proposal(schools, tmp_path / "oost.csv")
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    p = opened(session)
    code = session.proposal.memberships.query("region == 'Deventer'")["code"].iloc[0]

    def overlap() -> list[dict[str, str]]:
        return [f for f in p.findings() if f["rule"] == "overlap" and code in f["schools"]]

    assert overlap() == []
    p.click_school(code)
    p.until("() => regionkitEdit.selected.size === 1")
    assert p.page.locator(".rk-edit-move h2").inner_text() == "1 school gekozen"
    p.page.select_option(".rk-edit-target", "Zwolle")
    p.page.check(".rk-edit-also")
    p.page.click(".rk-edit-do-move")
    p.idle()
    (found,) = overlap()
    assert found["severity"] == "error" and set(found["regions"]) == {"Deventer", "Zwolle"}
    assert "1 nieuwe fout" in p.page.locator(".rk-edit-last").inner_text()
    assert p.page.locator(".rk-findings-list li[data-rule=overlap].rk-sev-error").count() >= 1
    assert p.page.locator(".leaflet-marker-icon.rk-f-error").count() >= 1
    # the school is drawn in both regions: a ring in the second region's colour
    assert p.js("(c) => regionkit.schoolRings[c].length", code) == 1
    assert "niet opgeslagen" in p.page.locator(".rk-edit-state").inner_text()
    p.screenshot("overlap")

    p.page.click(".rk-edit-undo")
    p.idle()
    assert overlap() == []
    assert "1 fout opgelost" in p.page.locator(".rk-edit-last").inner_text()
    p.page.click(".rk-edit-redo")
    p.idle()
    assert len(overlap()) == 1

    # a plain move: the school leaves Deventer, and both rows of the list follow
    def schools_in(region: str) -> int:
        return p.region(region)["n_schools"]  # type: ignore[index]

    deventer, almelo = schools_in("Deventer"), schools_in("Almelo")
    p.page.select_option(".rk-edit-target", "Almelo")
    p.page.uncheck(".rk-edit-also")
    p.page.click(".rk-edit-do-move")
    p.idle()
    assert (schools_in("Deventer"), schools_in("Almelo")) == (deventer - 1, almelo + 1)
    assert overlap() == []
    p.assert_clean()


def test_merging_two_small_regions_removes_their_too_small_findings_and_adds_the_money(
    opened, tmp_path: Path, schools, graph
) -> None:
    path, a, b = small_pair_proposal(schools, tmp_path / "paar.csv")
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    p = opened(session)

    def too_small() -> set[str]:
        return {f["regions"][0] for f in p.findings() if f["rule"] == "too_small"}

    def subsidy(region: str) -> float:
        return p.region(region)["max_subsidy"]  # type: ignore[index]

    assert {a, b} <= too_small()
    total = subsidy(a) + subsidy(b)
    p.page.click("button.rk-tab[data-tab=regions]")
    p.page.click(f".rk-region-list tr[data-region='{a}'] button.rk-link")
    p.until("(a) => regionkitEdit.region === a", a)
    p.page.select_option(".rk-edit-merge-with", b)
    p.page.click(".rk-edit-do-merge")
    p.idle()
    assert not {a, b} & too_small()
    assert p.page.locator(f".rk-region-list tr[data-region='{b}']").count() == 0
    assert p.page.locator(f".rk-region-list tr[data-region='{a}']").count() == 1
    assert subsidy(a) == pytest.approx(total)
    assert p.region(b) is None
    bar = p.page.locator(".rk-edit-last").inner_text()
    assert "opgelost" in bar and f"Regio {b} bestaat niet meer" in bar
    p.screenshot("merge")
    p.assert_clean()


def test_saved_file_checks_the_same_as_the_page(opened, tmp_path: Path, schools, graph) -> None:
    path = east_proposal(schools, tmp_path / "oost.csv")
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    p = opened(session)
    code = session.proposal.memberships.query("region == 'Zwolle'")["code"].iloc[0]
    p.click_school(code)
    p.until("() => regionkitEdit.selected.size === 1")
    p.page.select_option(".rk-edit-target", "\u0000new")
    p.page.fill(".rk-edit-new-name", "Kampen")
    p.page.click(".rk-edit-do-move")
    p.idle()
    assert p.region("Kampen") is not None

    # an existing name is refused in the page, and nothing changes
    p.page.select_option(".rk-edit-target", "\u0000new")
    p.page.fill(".rk-edit-new-name", "zwolle")
    p.page.click(".rk-edit-do-move")
    p.idle()
    assert "Er is al een regio 'Zwolle'" in p.page.locator(".rk-edit-error").inner_text()
    # Chromium logs the refused request (422) in the console: that one line, nothing else
    assert len(p.errors) == 1 and "status of 422" in p.errors[0], p.errors
    p.errors.clear()

    p.page.click(".rk-edit-save")
    p.idle()
    assert p.page.locator(".rk-edit-state").inner_text() == "Alles opgeslagen"
    saved = path.with_name("oost_bewerkt.csv")
    assert saved.exists()
    page_findings = p.findings()

    out = tmp_path / "check"
    result = CliRunner().invoke(cli, ["check", str(saved), "--out", str(out)])
    assert result.exit_code == 1, result.output  # the proposal has errors (an unknown code)
    checked = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert [f["message"] for f in checked] == [f["message"] for f in page_findings]
    assert [(f["rule"], f["severity"], f["regions"], f["schools"]) for f in checked] == [
        (f["rule"], f["severity"], f["regions"], f["schools"]) for f in page_findings
    ]
    p.assert_clean()


def test_lasso_picks_every_school_inside(opened, tmp_path: Path, schools, graph) -> None:
    path = east_proposal(schools, tmp_path / "oost.csv")
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    p = opened(session)
    box = p.js(
        """() => {
            const map = regionkit.map;
            map.setView([52.22, 6.89], 12, { animate: false });
            const r = map.getContainer().getBoundingClientRect();
            const inside = Object.entries(regionkit.schoolLayers).filter(([, m]) => {
                const q = map.latLngToContainerPoint(m.getLatLng());
                return q.x > 200 && q.x < 500 && q.y > 200 && q.y < 500;
            }).map(([code]) => code);
            return { left: r.left, top: r.top, inside };
        }"""
    )
    assert box["inside"], "the view holds schools"
    mouse = p.page.mouse
    p.page.keyboard.down("Shift")
    mouse.move(box["left"] + 200, box["top"] + 200)
    mouse.down()
    for x, y in [(500, 200), (500, 500), (200, 500), (200, 201)]:
        mouse.move(box["left"] + x, box["top"] + y, steps=5)
    mouse.up()
    p.page.keyboard.up("Shift")
    chosen = p.js("() => [...regionkitEdit.selected].sort()")
    assert chosen == sorted(box["inside"])
    # shift-click adds a school to the selection, and takes it out again
    other = next(c for c in session.proposal.memberships["code"] if c not in chosen)
    p.page.keyboard.down("Shift")
    p.click_school(other)
    p.page.keyboard.up("Shift")
    assert p.js("() => regionkitEdit.selected.size") == len(chosen) + 1
    p.page.keyboard.down("Shift")
    p.click_school(other)
    p.page.keyboard.up("Shift")
    assert p.js("() => [...regionkitEdit.selected].sort()") == chosen
    assert p.page.locator(".rk-edit-move h2").inner_text().startswith(f"{len(chosen)} scholen")
    p.assert_clean()


REGION_ROW = """() => {
    const rows = [...document.querySelectorAll('.leaflet-popup-content tr')];
    const head = (tr) => tr.querySelector('th')?.textContent || '';
    const row = rows.find((tr) => /^(Regio|In \\d)/.test(head(tr)));
    return row ? row.querySelector('td').textContent : null;
}"""


def test_an_open_school_popup_follows_every_move_undo_and_redo(
    opened, tmp_path: Path, schools, graph
) -> None:
    path = east_proposal(schools, tmp_path / "oost.csv")
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    p = opened(session)
    code = session.proposal.memberships.query("region == 'Deventer'")["code"].iloc[0]
    p.click_school(code)
    p.until("() => regionkitEdit.selected.size === 1")
    assert p.js(REGION_ROW) == "Deventer"
    p.page.select_option(".rk-edit-target", "Almelo")
    p.page.click(".rk-edit-do-move")
    p.idle()
    # the popup still open says what the side panel says
    assert p.js(REGION_ROW) == "Almelo"
    assert "Almelo" in p.page.locator(".rk-edit-selection").inner_text()
    p.screenshot("popup_after_move")
    p.page.click(".rk-edit-undo")
    p.idle()
    assert p.js(REGION_ROW) == "Deventer"
    p.page.click(".rk-edit-redo")
    p.idle()
    assert p.js(REGION_ROW) == "Almelo"
    p.assert_clean()


def test_a_school_found_with_the_search_box_is_picked_for_editing(
    opened, tmp_path: Path, schools, graph
) -> None:
    path = east_proposal(schools, tmp_path / "oost.csv")
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    p = opened(session)
    code = session.proposal.memberships.query("region == 'Zwolle'")["code"].iloc[0]
    p.page.fill(".rk-search input", code)
    p.page.click(f".rk-hit[data-code='{code}']")
    p.until("(c) => regionkitEdit.selected.has(c)", code)
    assert p.js("() => [...regionkitEdit.selected]") == [code]
    assert p.page.locator(".rk-edit-move").is_visible()
    assert p.page.locator(".rk-edit-move h2").inner_text() == "1 school gekozen"
    assert p.js(REGION_ROW) == "Zwolle"  # and its popup is open, as after a click
    p.screenshot("search_picks")
    p.assert_clean()


ON_SCREEN = """(code) => {
    const inside = (r) => r.left >= 0 && r.top >= 0 && r.right <= innerWidth &&
        r.bottom <= innerHeight && r.width > 0 && r.height > 0;
    // a control is on screen and nothing lies over its middle
    const shown = (sel) => {
        const e = document.querySelector(sel);
        const r = e.getBoundingClientRect();
        const top = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
        return inside(r) && !!top && (e === top || e.contains(top) || top.contains(e));
    };
    const map = regionkit.map;
    const box = map.getContainer().getBoundingClientRect();
    const p = map.latLngToContainerPoint(regionkit.schoolLayers[code].getLatLng());
    const x = box.left + p.x;
    const y = box.top + p.y;
    const at = document.elementFromPoint(x, y);
    const sheet = document.querySelector('.rk-panel').getBoundingClientRect();
    return {
        controls: ['.rk-edit-move h2', '.rk-edit-target', '.rk-edit-also', '.rk-edit-do-move']
            .map((sel) => [sel, shown(sel)]),
        school: [x, y],
        sheet_top: sheet.top,
        in_map: x > box.left && x < box.right && y > box.top && y < box.bottom,
        covered: !at || !map.getContainer().contains(at) ||
            !!at.closest('.leaflet-popup, .leaflet-control'),
    };
}"""


@pytest.mark.parametrize("how", ["tap", "search"])
def test_on_a_phone_a_picked_school_shows_the_move_panel_at_once(
    opened, tmp_path: Path, schools, graph, how: str
) -> None:
    path = east_proposal(schools, tmp_path / "oost.csv")
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    p = opened(session, size=PHONE)
    code = session.proposal.memberships.query("region == 'Deventer'")["code"].iloc[0]
    assert not p.page.locator(".rk-panel").is_visible(), "the map first, the sheet folded"
    if how == "tap":
        p.click_school(code)
    else:
        p.page.fill(".rk-search input", code)
        p.page.click(f".rk-hit[data-code='{code}']")
    p.until("(c) => regionkitEdit.selected.has(c)", code)
    # the map has settled (the sheet and the popup make room for the school)
    p.js(
        """() => new Promise((done) => {
            let t = setTimeout(done, 400);
            regionkit.map.on('move', () => { clearTimeout(t); t = setTimeout(done, 400); });
        })"""
    )
    seen = p.js(ON_SCREEN, code)
    p.screenshot(f"phone_pick_{how}")
    # the move panel is on screen without opening the lists, and the school is not covered
    assert all(shown for _, shown in seen["controls"]), seen
    assert seen["in_map"] and not seen["covered"], seen
    assert seen["school"][1] < seen["sheet_top"], seen
    assert p.js(REGION_ROW) == "Deventer"  # its popup is open, as on a desktop
    assert p.page.locator(".rk-edit-move h2").inner_text() == "1 school gekozen"

    # the move is made from the sheet; the lists are a tab away; clearing folds the sheet
    almelo = p.region("Almelo")["n_schools"]  # type: ignore[index]
    p.page.select_option(".rk-edit-target", "Almelo")
    p.page.click(".rk-edit-do-move")
    p.idle()
    assert p.region("Almelo")["n_schools"] == almelo + 1  # type: ignore[index]
    assert "Almelo" in p.page.locator(".rk-edit-selection").inner_text()
    p.page.click("button.rk-tab[data-tab=regions]")
    assert p.page.locator(".rk-region-list").is_visible()
    p.page.click(".rk-edit-clear")
    assert p.page.locator(".rk-panel").is_visible(), "the lists stay open when shown"
    p.page.click(".rk-close")
    assert not p.page.locator(".rk-panel").is_visible()
    p.assert_clean()
