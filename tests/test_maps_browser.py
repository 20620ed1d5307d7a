"""The maps in a real browser: headless Debian Chromium through playwright.

Every request that is not ``file:``, ``data:`` or ``blob:`` is aborted and
recorded; the tests assert that none is attempted, that the page logs no error,
and that the analyst's tasks work: errors on top, the region list, the findings
panel, money by default, a permalink, CSV downloads, the phone view, the
keyboard, printing and the comparison map. A screenshot of every test is saved
in ``tests/artifacts/``.

Chromium is Debian's (``/usr/bin/chromium``, installed by ``make chromium``),
never a downloaded browser build. Outside CI the tests are skipped when it is
missing; in CI (``CI`` set) a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from scipy.spatial import cKDTree
from test_maps import tiny_schools

from regionkit.config import load_config
from regionkit.maps import make_map, write_map

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("REGIONKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
NL = load_config()
DESKTOP = (1440, 900)
PHONE = (390, 844)


@dataclass
class Opened:
    """A map opened in a page, with what the page tried to fetch and what it logged."""

    page: object  # playwright.sync_api.Page
    url: str
    requests: list[str] = field(default_factory=list)  # aborted: not file:/data:/blob:
    local: list[str] = field(default_factory=list)  # file: URLs other than the map itself
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)  # type: ignore[attr-defined]

    def count(self, selector: str) -> int:
        return int(self.page.locator(selector).count())  # type: ignore[attr-defined]

    def text(self, selector: str) -> str:
        return str(self.page.inner_text(selector))  # type: ignore[attr-defined]

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))  # type: ignore[attr-defined]

    def assert_clean(self) -> None:
        assert self.requests == [], f"requests left the file: {self.requests}"
        assert self.local == [], f"the page fetched local files: {self.local}"
        assert self.errors == [], f"console or page errors: {self.errors}"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        message = (
            f"Chromium not found at {CHROMIUM}: run `make chromium` (apt-get install chromium)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_map(
    browser: object, path: Path, *, size: tuple[int, int] = DESKTOP, hash_: str = ""
) -> Opened:
    """Open a map file with every network request aborted and recorded."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": size[0], "height": size[1]}, accept_downloads=True
    )
    page = context.new_page()
    opened = Opened(page=page, url=path.resolve().as_uri())

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        if url.startswith(("data:", "blob:")):
            r.continue_()  # type: ignore[attr-defined]
        elif url.startswith("file:"):
            if url.split("#")[0] != opened.url:
                opened.local.append(url)
            r.continue_()  # type: ignore[attr-defined]
        else:
            opened.requests.append(url)
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.goto(opened.url + hash_)
    page.wait_for_function(
        "window.regionkit && regionkit.map && document.querySelectorAll('path.rk-school').length"
    )
    return opened


def close(opened: Opened) -> None:
    opened.page.context.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def national_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``regionkit run`` of the nodal division: the map with findings and money, and the CSVs."""
    from regionkit.workflow import run

    out = tmp_path_factory.mktemp("run")
    run(out, division="nodal")
    return out


@pytest.fixture
def national_page(browser: object, national_run: Path) -> Iterator[Opened]:
    opened = open_map(browser, national_run / "map.html")
    yield opened
    close(opened)


def isolated_school(schools: gpd.GeoDataFrame) -> pd.Series:
    """The school farthest from any other (its marker cannot be covered by another)."""
    xy = schools[["x", "y"]].to_numpy()
    distance, _ = cKDTree(xy).query(xy, k=2)
    return schools.iloc[int(np.argmax(distance[:, 1]))]


def school_point(opened: Opened, code: str, zoom: float = 11) -> tuple[float, float]:
    """Centre the map on a school; its marker's position on the screen."""
    point = opened.js(
        """([code, zoom]) => {
            const m = regionkit.schoolLayers[code];
            regionkit.map.setView(m.getLatLng(), zoom, {animate: false});
            const p = regionkit.map.latLngToContainerPoint(m.getLatLng());
            const box = regionkit.map.getContainer().getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        [code, zoom],
    )
    return point[0], point[1]  # type: ignore[index]


def top_at(opened: Opened, x: float, y: float) -> str:
    """The class of the topmost shape or symbol at a point of the screen."""
    return str(
        opened.js(
            """([x, y]) => {
                const e = document.elementFromPoint(x, y);
                const f = e && e.closest('.rk-f');
                return f ? f.className : (e ? (e.getAttribute('class') || e.tagName) : '');
            }""",
            [x, y],
        )
    )


def popup_text(opened: Opened) -> str:
    """The text of the open popup (a popup just closed fades out for 200 ms before it goes)."""
    opened.page.wait_for_selector(".leaflet-popup-content")  # type: ignore[attr-defined]
    return str(opened.page.locator(".leaflet-popup-content").last.inner_text())  # type: ignore[attr-defined]


def toggle_layer(opened: Opened, name: str) -> None:
    label = opened.page.locator(".leaflet-control-layers label", has_text=name)  # type: ignore[attr-defined]
    label.first.locator("input").click()


def visible_legends(opened: Opened) -> str:
    return opened.text(".rk-legend-body")


# --- the national map ---------------------------------------------------------------------------


def test_national_map_opens_offline_in_dutch(
    national_page: Opened, schools: gpd.GeoDataFrame
) -> None:
    national_page.screenshot("national")
    national_page.assert_clean()
    assert national_page.count("path.rk-school") == len(schools)
    assert national_page.count("path.rk-region") == 80
    assert national_page.js("document.documentElement.lang") == "nl"
    assert national_page.text(".rk-title") == "Indeling in nodale gebieden"
    assert "1 oktober 2019" in national_page.text(".rk-subtitle")
    # Leaflet's controls speak Dutch; the scale bar is metric only
    assert national_page.count("a[title='Inzoomen']") == 1
    assert national_page.count("a[title='Uitzoomen']") == 1
    assert national_page.count(".leaflet-control-layers-toggle[title='Kaartlagen']") == 1
    assert national_page.count(".leaflet-control-scale-line") == 1
    assert re.fullmatch(r"\d+ k?m", national_page.text(".leaflet-control-scale-line"))
    # the neighbouring countries are land, not sea; places are named at the national zoom
    assert national_page.js("regionkit.data.land.neighbours.length") >= 2
    # the legend says how the division is drawn
    assert "getekend als gemeenten" in visible_legends(national_page)
    places = national_page.js("[...document.querySelectorAll('.rk-place')].map(e => e.textContent)")
    assert "Amsterdam" in places and "Den Haag" in places  # type: ignore[operator]


def test_base_layer_toggle_leaves_the_other_layers_visible(
    national_page: Opened, schools: gpd.GeoDataFrame
) -> None:
    school = isolated_school(schools)
    x, y = school_point(national_page, school["code"])
    before = top_at(national_page, x, y)
    assert "rk-school" in before or "rk-f" in before
    toggle_layer(national_page, "Gemeente- en provinciegrenzen")
    toggle_layer(national_page, "Gemeente- en provinciegrenzen")
    national_page.screenshot("base_toggled")
    assert top_at(national_page, x, y) == before
    assert national_page.count("path.rk-school") == len(schools)
    assert national_page.count("path.rk-region") == 80
    # the region areas are under the schools, the borders between them
    region = national_page.js(
        "getComputedStyle(regionkit.map.getPane('rkAreas')).zIndex < "
        "getComputedStyle(regionkit.map.getPane('rkSchools')).zIndex"
    )
    assert region
    national_page.assert_clean()


def test_money_and_techniekarm_in_every_region_popup(national_page: Opened) -> None:
    national_page.page.locator(".rk-tab", has_text="Regio's").click()  # type: ignore[attr-defined]
    national_page.page.locator(".rk-region-list tbody button").first.click()  # type: ignore[attr-defined]
    text = popup_text(national_page)
    national_page.screenshot("region_popup")
    assert "Max. subsidie (4 jaar)" in text and "EUR " in text
    assert re.search(r"Techniekarm\s+(ja|nee)", text)
    assert "Aandeel techniek" in text


def test_money_colourings_are_alternatives(national_page: Opened) -> None:
    radios = national_page.page.locator(".leaflet-control-layers-base input[type=radio]")  # type: ignore[attr-defined]
    assert radios.count() == 4
    fills = "[...document.querySelectorAll('path.rk-region')].map(p => p.getAttribute('fill'))"
    before = national_page.js(fills)
    toggle_layer(national_page, "Maximale subsidie")
    after = national_page.js(fills)
    assert before != after
    assert "EUR" in visible_legends(national_page) and "mln" in visible_legends(national_page)
    national_page.screenshot("money")
    toggle_layer(national_page, "Getelde leerlingen")
    checked = national_page.js(
        "[...document.querySelectorAll('.leaflet-control-layers-base input')]"
        ".filter(i => i.checked).length"
    )
    assert checked == 1
    assert "Maximale subsidie" not in visible_legends(national_page)
    national_page.assert_clean()


def test_region_list_sorts_and_zooms(national_page: Opened) -> None:
    national_page.page.locator(".rk-tab", has_text="Regio's").click()  # type: ignore[attr-defined]
    rows = ".rk-region-list tbody tr"
    assert national_page.count(rows) == 80
    column = f"[...document.querySelectorAll('{rows}')].map(r => +r.children[1].textContent)"
    sort = national_page.page.locator(".rk-sort[data-key=n_schools]")  # type: ignore[attr-defined]
    sort.click()  # a number column sorts largest first, a second click turns it round
    counts = national_page.js(column)
    assert counts == sorted(counts, reverse=True)  # type: ignore[type-var]
    assert national_page.js("document.querySelector('th[aria-sort=descending]') !== null")
    sort.click()
    assert national_page.js(column) == sorted(counts)  # type: ignore[type-var]
    sort.click()
    first = national_page.js(f"document.querySelector('{rows}').dataset.region")
    zoom = national_page.js("regionkit.map.getZoom()")
    national_page.page.locator(f"{rows} button").first.click()  # type: ignore[attr-defined]
    assert str(first) in popup_text(national_page)
    assert national_page.js("regionkit.map.getZoom()") > zoom  # type: ignore[operator]
    encoded = national_page.js("(n) => encodeURIComponent(n)", first)
    assert str(national_page.js("location.hash")).endswith(f"region={encoded}")
    national_page.screenshot("region_list")
    national_page.assert_clean()


@pytest.mark.parametrize("size", [DESKTOP, PHONE])
def test_every_column_of_the_region_list_is_in_the_panel(
    browser: object, national_run: Path, size: tuple[int, int]
) -> None:
    """80 regions, money and findings: no column is cut off at the panel's right edge, sorted
    by any column (the sort arrow takes room too)."""
    opened = open_map(browser, national_run / "map.html", size=size)
    try:
        if size == PHONE:
            opened.page.click(".rk-open-panel")  # type: ignore[attr-defined]
        opened.page.locator(".rk-tab", has_text="Regio's").click()  # type: ignore[attr-defined]
        keys = opened.js("[...document.querySelectorAll('.rk-sort')].map(b => b.dataset.key)")
        assert len(keys) == 6, keys  # type: ignore[arg-type]
        for key in [None, *keys]:  # type: ignore[misc]
            if key:
                opened.page.click(f".rk-sort[data-key={key}]")  # type: ignore[attr-defined]
            seen = opened.js(
                """() => {
                    const body = document.querySelector('.rk-tab-regions');
                    const box = body.getBoundingClientRect();
                    const heads = [...body.querySelectorAll('th')].map((th) => {
                        const r = th.getBoundingClientRect();
                        return [th.textContent, r.left >= box.left - 1 && r.right <= box.right + 1];
                    });
                    const cut = [...body.querySelectorAll('td, th')]
                        .filter((c) => c.scrollWidth > c.clientWidth + 1)
                        .map((c) => c.textContent);
                    return {scroll: [body.scrollWidth, body.clientWidth], heads, cut};
                }"""
            )
            scroll, width = seen["scroll"]  # type: ignore[index]
            assert scroll <= width + 1, (key, seen)
            assert all(inside for _, inside in seen["heads"]), (key, seen)  # type: ignore[index]
            assert seen["cut"] == [], (key, seen)  # type: ignore[index]
        assert "Bevindingen" in opened.text(".rk-region-list thead").replace("\u00ad", "")
        opened.screenshot(f"region_list_columns_{size[0]}")
        opened.assert_clean()
    finally:
        close(opened)


def test_findings_panel_lists_errors_first_and_zooms(national_page: Opened) -> None:
    items = national_page.js(
        "[...document.querySelectorAll('.rk-finding-item')].map(li => li.className)"
    )
    assert items and len(items) == national_page.js("regionkit.data.findings.length")  # type: ignore[arg-type]
    order = ["error" if "error" in c else "warning" if "warning" in c else "info" for c in items]  # type: ignore[union-attr]
    assert order == sorted(order, key=["error", "warning", "info"].index)
    # the national proposal has warnings and info only: the findings tab is opened by hand
    national_page.page.locator(".rk-tab", has_text="Bevindingen").click()  # type: ignore[attr-defined]
    national_page.page.locator(".rk-finding-item button").first.click()  # type: ignore[attr-defined]
    text = popup_text(national_page)
    first = national_page.js(
        "(() => { const s = ['error', 'warning', 'info'];"
        " return regionkit.data.findings.slice()"
        ".sort((a, b) => s.indexOf(a.severity) - s.indexOf(b.severity))[0].message; })()"
    )
    assert str(first) in text
    national_page.assert_clean()


POPUP_BOX = """() => {
    const popups = [...document.querySelectorAll('.leaflet-popup')];
    const popup = popups[popups.length - 1];
    const content = popup.querySelector('.leaflet-popup-content');
    const wrapper = popup.querySelector('.leaflet-popup-content-wrapper');
    const inner = content.querySelector('.rk-popup-findings');
    return {
        width: content.getBoundingClientRect().width,
        wrapper: [wrapper.scrollHeight, wrapper.clientHeight],
        scrolled: popup.classList.contains('leaflet-popup-scrolled'),
        inner: inner && [inner.scrollHeight, inner.clientHeight],
    };
}"""


def test_a_finding_popup_is_as_wide_as_a_region_popup_and_scrolls_as_a_whole(
    national_page: Opened,
) -> None:
    page = national_page.page
    page.locator(".rk-tab", has_text="Bevindingen").click()  # type: ignore[attr-defined]
    # the finding with the longest message, chosen in the list as an analyst does
    longest = national_page.js(
        """() => regionkit.data.findings.slice()
            .sort((a, b) => b.message.length - a.message.length)[0].id"""
    )
    page.click(f".rk-finding-item[data-id='{longest}'] button")  # type: ignore[attr-defined]
    popup_text(national_page)
    finding = national_page.js(POPUP_BOX)
    page.wait_for_timeout(300)  # type: ignore[attr-defined]  # the popup has faded in
    national_page.screenshot("finding_popup")
    national_page.js("() => regionkit.showRegion('Zwolle')")
    assert "Zwolle" in popup_text(national_page)
    region = national_page.js(POPUP_BOX)
    assert region["width"] >= 300, region  # type: ignore[index]
    assert abs(finding["width"] - region["width"]) <= 2, (finding, region)  # type: ignore[index]
    # no box of 220 px scrolling inside the popup: the popup itself scrolls if it must
    inner_scroll, inner_height = finding["inner"]  # type: ignore[index]
    assert inner_scroll <= inner_height + 1, finding
    national_page.assert_clean()


def test_permalink_restores_a_region(browser: object, national_run: Path) -> None:
    opened = open_map(browser, national_run / "map.html", hash_="#region=Emmen")
    try:
        assert "Emmen" in popup_text(opened)
        inside = opened.js(
            "regionkit.map.getBounds().contains(regionkit.regionLayers['Emmen'].getBounds()"
            ".getCenter())"
        )
        assert inside
        assert opened.js("regionkit.map.getZoom()") >= 9  # type: ignore[operator]
        opened.screenshot("permalink")
        opened.assert_clean()
    finally:
        close(opened)


# --- views that keep clear of the controls --------------------------------------------------------

SCREEN = """(name) => {
    const m = regionkit.map;
    const box = m.getContainer().getBoundingClientRect();
    const rect = (e) => {
        const r = e.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom];
    };
    const onScreen = (b) => {
        const nw = m.latLngToContainerPoint(b.getNorthWest());
        const se = m.latLngToContainerPoint(b.getSouthEast());
        return [box.left + nw.x, box.top + nw.y, box.left + se.x, box.top + se.y];
    };
    const popup = document.querySelector('.leaflet-popup');
    const content = popup && popup.querySelector('.leaflet-popup-content');
    return {
        map: rect(m.getContainer()),
        viewport: [0, 0, innerWidth, innerHeight],
        country: onScreen(L.latLngBounds(regionkit.data.bounds)),
        region: name ? onScreen(regionkit.regionLayers[name].getBounds()) : null,
        popup: popup && rect(popup.querySelector('.leaflet-popup-content-wrapper')),
        scroll: content && [content.scrollWidth, content.clientWidth,
                            content.scrollHeight, content.clientHeight],
        controls: [...m.getContainer().querySelectorAll('.leaflet-control')]
            .map(rect).filter((r) => r[2] > r[0]),
    };
}"""


def on_screen(opened: Opened, region: str | None = None) -> dict[str, object]:
    """Where the country, a region, the open popup and the controls are, in page pixels,
    once the map has stopped moving (a popup pans it into view)."""
    opened.js(
        """() => new Promise((done) => {
            let t = setTimeout(done, 400);
            regionkit.map.on('move', () => { clearTimeout(t); t = setTimeout(done, 400); });
        })"""
    )
    return opened.js(SCREEN, region)  # type: ignore[return-value]


Box = list[float]


def inside(a: Box, b: Box, slack: float = 1) -> bool:
    return (
        a[0] >= b[0] - slack
        and a[1] >= b[1] - slack
        and a[2] <= b[2] + slack
        and a[3] <= b[3] + slack
    )


def overlap(a: Box, b: Box, slack: float = 1) -> bool:
    return (
        a[0] < b[2] - slack and a[2] > b[0] + slack and a[1] < b[3] - slack and a[3] > b[1] + slack
    )


def assert_region_and_popup_fit(seen: dict[str, object]) -> None:
    """The region fits in the map clear of the controls; its popup fits the screen, clear of the
    controls and of the region, and nothing in it is cut off at the right."""
    region, popup, screen = seen["region"], seen["popup"], seen["map"]
    controls = seen["controls"]
    assert popup is not None, "the region's popup is open"
    assert inside(popup, screen) and inside(popup, seen["viewport"]), seen  # type: ignore[arg-type]
    assert inside(region, screen), seen  # type: ignore[arg-type]
    assert not overlap(popup, region, slack=3), seen  # type: ignore[arg-type]
    for control in controls:  # type: ignore[attr-defined]
        assert not overlap(region, control), (control, seen)  # type: ignore[arg-type]
        assert not overlap(popup, control), (control, seen)  # type: ignore[arg-type]
    scroll_width, width = seen["scroll"][:2]  # type: ignore[index]
    assert scroll_width <= width + 1, seen


@pytest.mark.parametrize(("size", "region"), [(DESKTOP, "Zwolle"), (PHONE, "Groningen")])
def test_a_permalinked_region_and_its_popup_fit_in_view(
    browser: object, national_run: Path, size: tuple[int, int], region: str
) -> None:
    opened = open_map(browser, national_run / "map.html", size=size, hash_=f"#region={region}")
    try:
        assert region in popup_text(opened)
        assert_region_and_popup_fit(on_screen(opened, region))
        opened.screenshot(f"permalink_{size[0]}")
        opened.assert_clean()
    finally:
        close(opened)


@pytest.mark.parametrize(("size", "region"), [(DESKTOP, "Groningen"), (PHONE, "Zwolle")])
def test_a_region_chosen_in_the_list_and_its_popup_fit_in_view(
    browser: object, national_run: Path, size: tuple[int, int], region: str
) -> None:
    opened = open_map(browser, national_run / "map.html", size=size)
    try:
        if size == PHONE:
            opened.page.click(".rk-open-panel")  # type: ignore[attr-defined]
        opened.page.locator(".rk-tab", has_text="Regio's").click()  # type: ignore[attr-defined]
        row = f".rk-region-list tr[data-region='{region}'] button.rk-link"
        opened.page.click(row)  # type: ignore[attr-defined]
        assert region in popup_text(opened)
        # on a phone the lists make way for the map
        assert opened.page.locator(".rk-panel").is_visible() == (size == DESKTOP)  # type: ignore[attr-defined]
        assert_region_and_popup_fit(on_screen(opened, region))
        opened.screenshot(f"region_list_{size[0]}")
        opened.assert_clean()
    finally:
        close(opened)


@pytest.mark.parametrize("size", [DESKTOP, PHONE])
def test_the_first_view_shows_the_country_clear_of_the_controls(
    browser: object, national_run: Path, size: tuple[int, int]
) -> None:
    opened = open_map(browser, national_run / "map.html", size=size)
    try:
        seen = on_screen(opened)
        assert inside(seen["country"], seen["map"]), seen  # type: ignore[arg-type]
        for control in seen["controls"]:  # type: ignore[attr-defined]
            assert not overlap(seen["country"], control), (control, seen)  # type: ignore[arg-type]
        # every region name shown is whole: not cut by the map's edge, not under a control
        cut = opened.js(
            """() => {
                const box = regionkit.map.getContainer().getBoundingClientRect();
                const controls = [...document.querySelectorAll('.leaflet-control')]
                    .map((c) => c.getBoundingClientRect()).filter((r) => r.width);
                const over = (a, b) => a.left < b.right && a.right > b.left &&
                    a.top < b.bottom && a.bottom > b.top;
                return [...document.querySelectorAll('.rk-label span')]
                    .filter((s) => s.style.visibility !== 'hidden')
                    .map((s) => [s.textContent, s.getBoundingClientRect()])
                    .filter(([, r]) => r.width && (r.left < box.left || r.right > box.right ||
                        r.top < box.top || r.bottom > box.bottom ||
                        controls.some((c) => over(r, c))))
                    .map(([name]) => name);
            }"""
        )
        assert cut == [], cut
        assert opened.count(".rk-label span") >= 40
        opened.screenshot(f"first_view_{size[0]}")
        opened.assert_clean()
    finally:
        close(opened)


def test_a_popup_taller_than_the_map_scrolls_inside_it(browser: object, tmp_path: Path) -> None:
    s = tiny_schools()
    note = " ".join(
        f"Zin {i} van een lange uitleg over regio B en haar scholen." for i in range(90)
    )
    m = make_map(s, s.attrs["assignment"], config=NL, explanations={"B": note})
    opened = open_map(browser, write_map(m, tmp_path / "lang.html"), hash_="#region=B")
    try:
        assert "Zin 89" in popup_text(opened)
        seen = on_screen(opened, "B")
        assert_region_and_popup_fit(seen)
        _, _, scroll_height, height = seen["scroll"]  # type: ignore[misc]
        assert scroll_height > height, "the popup's content scrolls"
        opened.assert_clean()
    finally:
        close(opened)


def test_csv_downloads_hold_the_rows_of_the_run(national_page: Opened, national_run: Path) -> None:
    national_page.page.locator(".rk-tab", has_text="Regio's").click()  # type: ignore[attr-defined]
    for name in ("regions", "findings"):
        with national_page.page.expect_download() as info:  # type: ignore[attr-defined]
            national_page.page.click(f".rk-download[data-export={name}]")  # type: ignore[attr-defined]
        download = info.value
        assert download.suggested_filename == f"{name}.csv"
        got = Path(download.path()).read_bytes()
        assert got == (national_run / f"{name}.csv").read_bytes()
    national_page.assert_clean()


def test_at_most_20_tab_stops_before_the_search_box(national_page: Opened) -> None:
    national_page.page.locator("body").click(position={"x": 5, "y": 5})  # type: ignore[attr-defined]
    national_page.js("document.activeElement && document.activeElement.blur()")
    stops = 0
    for _ in range(20):
        stops += 1
        national_page.page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if national_page.js("document.activeElement.matches('.rk-search input')"):
            break
    else:
        pytest.fail("the search box is not among the first 20 Tab stops")
    assert stops <= 20
    # shapes are named for assistive technology
    assert national_page.js(
        "[...document.querySelectorAll('path.rk-region')].every(p => p.getAttribute('aria-label'))"
    )


def test_search_finds_schools_by_common_names_places_and_regions(
    national_page: Opened, schools: gpd.GeoDataFrame
) -> None:
    search = national_page.page.locator(".rk-search input")  # type: ignore[attr-defined]
    search.fill("Den Haag")
    national_page.page.wait_for_selector(".rk-hits li.rk-hit")  # type: ignore[attr-defined]
    codes = national_page.js(
        "[...document.querySelectorAll('.rk-hits li.rk-hit-school')].map(li => li.dataset.code)"
    )
    in_the_hague = set(schools.loc[schools["place"] == "'S-GRAVENHAGE", "code"])
    assert codes and set(codes) <= in_the_hague  # type: ignore[arg-type]
    assert "van" in national_page.text(".rk-hits .rk-more")  # more than 12: said so
    search.fill("Emmen")
    national_page.page.wait_for_selector(".rk-hits li.rk-hit-region")  # type: ignore[attr-defined]
    search.fill("zzzz geen school")
    assert national_page.text(".rk-hits li") == "Niets gevonden"
    school = isolated_school(schools)
    search.fill(school["code"].lower())
    first = national_page.page.locator(".rk-hits li.rk-hit").first  # type: ignore[attr-defined]
    assert first.get_attribute("data-code") == school["code"]
    search.press("Enter")
    text = popup_text(national_page)
    national_page.screenshot("search")
    assert school["name"] in text and "Getelde leerlingen" in text
    assert national_page.js("regionkit.map.getZoom()") >= 12  # type: ignore[operator]
    national_page.assert_clean()


def test_labels_appear_from_zoom_7(national_page: Opened) -> None:
    label = "getComputedStyle(document.querySelector('.rk-label')).display"
    national_page.js("void regionkit.map.setView([52.2, 5.3], 6.5, {animate: false})")
    assert national_page.js(label) == "none"
    national_page.js("void regionkit.map.setView([52.2, 5.3], 7, {animate: false})")
    assert national_page.js(label) != "none"
    few = national_page.count(".rk-place")
    national_page.js("void regionkit.map.setView([52.09, 5.12], 11, {animate: false})")
    assert national_page.count(".rk-place") > few


def test_print_layout_shows_map_legend_and_region_list(national_page: Opened) -> None:
    national_page.page.emulate_media(media="print")  # type: ignore[attr-defined]
    shown = national_page.js(
        """() => ({
            list: getComputedStyle(document.querySelector('.rk-tab-regions')).display,
            legend: getComputedStyle(document.querySelector('.rk-legend')).display,
            layers: getComputedStyle(document.querySelector('.leaflet-control-layers')).display,
            search: getComputedStyle(document.querySelector('.rk-search')).display,
        })"""
    )
    assert shown["list"] != "none" and shown["legend"] != "none"  # type: ignore[index]
    assert shown["layers"] == "none" and shown["search"] == "none"  # type: ignore[index]
    national_page.page.pdf(path=str(ARTIFACTS / "print.pdf"), landscape=True, format="A4")  # type: ignore[attr-defined]


def test_full_screen_button(national_page: Opened) -> None:
    national_page.page.click(".rk-fullscreen-button")  # type: ignore[attr-defined]
    national_page.page.wait_for_function(  # type: ignore[attr-defined]
        "document.fullscreenElement !== null || document.body.classList.contains('rk-fullscreen')"
    )
    national_page.assert_clean()


# --- the phone ----------------------------------------------------------------------------------


def test_phone_shows_the_map_with_two_thirds_free(browser: object, national_run: Path) -> None:
    opened = open_map(browser, national_run / "map.html", size=PHONE)
    try:
        opened.screenshot("phone")
        free = opened.js(
            """() => {
                const map = regionkit.map.getContainer();
                let free = 0, all = 0;
                for (let x = 2; x < innerWidth; x += 8) {
                    for (let y = 2; y < innerHeight; y += 8) {
                        all++;
                        const e = document.elementFromPoint(x, y);
                        if (e && map.contains(e) && !e.closest('.leaflet-control')) free++;
                    }
                }
                return free / all;
            }"""
        )
        assert free >= 2 / 3, free
        # names never overlap: one that would is hidden (larger regions and places first)
        overlaps = opened.js(
            """() => {
                const r = [...document.querySelectorAll('.rk-label span, .rk-place span')]
                    .filter(s => s.style.visibility !== 'hidden')
                    .map(s => s.getBoundingClientRect()).filter(b => b.width);
                let n = 0;
                for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++)
                    if (r[i].left < r[j].right && r[i].right > r[j].left &&
                        r[i].top < r[j].bottom && r[i].bottom > r[j].top) n++;
                return [n, r.length];
            }"""
        )
        assert overlaps[0] == 0 and overlaps[1] >= 5, overlaps  # type: ignore[index]
        # the title and the search box are not covered; the lists and layers are buttons
        assert opened.page.locator(".rk-search input").is_visible()  # type: ignore[attr-defined]
        assert opened.page.locator(".rk-title").is_visible()  # type: ignore[attr-defined]
        assert not opened.page.locator(".rk-panel").is_visible()  # type: ignore[attr-defined]
        assert opened.count(".leaflet-control-layers-expanded") == 0
        assert not opened.js("document.querySelector('.rk-legend').open")
        opened.page.click(".rk-open-panel")  # type: ignore[attr-defined]
        assert opened.page.locator(".rk-panel").is_visible()  # type: ignore[attr-defined]
        opened.screenshot("phone_lists")
        opened.assert_clean()
    finally:
        close(opened)


# --- findings on a tiny map, and escaping -------------------------------------------------------

EVIL = '<script>window.__rk_xss = 1</script><img src=x onerror="window.__rk_xss = 2">'


@pytest.fixture
def evil_page(browser: object, tmp_path: Path) -> Iterator[Opened]:
    s = tiny_schools({"10AA00": EVIL, "20BB00": "{{ 7 * 7 }} College"})
    assignment = pd.concat(
        [
            s.attrs["assignment"].replace({"A": "<b>Regio A</b>"}),
            pd.Series({"10AA01": "B"}),  # Alpha Techniek in two regions
        ]
    )
    findings = pd.DataFrame(
        {
            "rule": ["close_schools_split", "left_out", "overlap", "not_one_area", "composition"],
            "severity": ["warning", "error", "error", "info", "info"],
            "regions": [("<b>Regio A</b>", "B"), (), ("<b>Regio A</b>", "B"), ("B",), ("B",)],
            "schools": [("10AA00", "20BB00"), ("20BC00",), ("10AA01",), ("10AA01",), ()],
            "message": [
                "Dichtbij <script>window.__rk_xss = 3</script>",
                "Niet in een regio",
                "Alpha Techniek staat in twee regio's",
                "Ter informatie: Alpha Techniek",
                "Regio B: samenstelling",
            ],
        }
    )
    m = make_map(
        s,
        assignment,
        findings=findings,
        config=NL,
        title="<i>Kaart</i>",
        explanations={"B": "Uitleg <b>B</b>: twee plaatsen"},
        region_details={"B": [("Getelde leerlingen 2017", "<75>")]},
    )
    opened = open_map(browser, write_map(m, tmp_path / "evil.html"))
    yield opened
    close(opened)


def test_an_error_is_the_top_clickable_shape_at_its_school(evil_page: Opened) -> None:
    x, y = school_point(evil_page, "10AA01", zoom=12)
    assert "rk-f-error" in top_at(evil_page, x, y)
    evil_page.page.mouse.click(x, y)  # type: ignore[attr-defined]
    text = popup_text(evil_page)
    evil_page.screenshot("error_on_top")
    # the error comes first, the info at the same school after it
    assert text.index("Alpha Techniek staat in twee regio's") < text.index("Ter informatie")
    assert text.lstrip().startswith("fout")
    # the school is drawn in both regions: a second ring in the other region's colour
    assert evil_page.count("path.rk-second-region") == 1
    # symbols differ by shape, not only colour
    shapes = evil_page.js(
        "[...document.querySelectorAll('.rk-f')].map(e => e.className.match(/rk-f-(\\w+)/)[1]"
        " + ':' + e.querySelector('svg > g > *').tagName)"
    )
    assert set(shapes) >= {"error:path", "warning:path", "info:circle"}  # type: ignore[arg-type]
    evil_page.assert_clean()


def test_script_in_a_name_renders_as_text(evil_page: Opened) -> None:
    evil_page.page.locator(".rk-search input").fill("10AA00")  # type: ignore[attr-defined]
    hit = evil_page.page.locator(".rk-hits li.rk-hit").first  # type: ignore[attr-defined]
    assert EVIL in hit.inner_text()
    evil_page.page.locator(".rk-search input").press("Enter")  # type: ignore[attr-defined]
    text = popup_text(evil_page)
    evil_page.screenshot("escaped")
    assert EVIL in text
    assert "<b>Regio A</b>" in text
    assert re.search(r"Profiel\s+BB\s+KB\s+GL\s+PIE\s+40\s+0\s+0\s+MVI\s+0\s+0\s+20", text)
    assert re.search(r"Totaal\s+40\s+0\s+20", text)
    assert "Getelde leerlingen: 50" in text
    assert evil_page.js("window.__rk_xss === undefined")
    assert evil_page.count(".leaflet-popup-content img, .leaflet-popup-content script") == 0
    assert evil_page.text(".rk-title") == "<i>Kaart</i>"
    evil_page.page.locator(".rk-tab", has_text="Bevindingen").click()  # type: ignore[attr-defined]
    assert "Dichtbij <script>window.__rk_xss = 3</script>" in evil_page.text(".rk-tab-findings")
    assert evil_page.js("window.__rk_xss === undefined")
    evil_page.assert_clean()


def test_region_popup_shows_its_explanation_and_extra_rows(evil_page: Opened) -> None:
    evil_page.js("regionkit.showRegion('B')")
    text = popup_text(evil_page)
    assert "Uitleg <b>B</b>: twee plaatsen" in text
    assert re.search(r"Getelde leerlingen 2017\s+<75>", text)
    assert "Ter informatie" in text  # the region's findings follow
    evil_page.assert_clean()


def test_template_braces_in_a_name_are_not_evaluated(evil_page: Opened) -> None:
    x, y = school_point(evil_page, "20BB00", zoom=12)
    evil_page.page.mouse.click(x + 30, y + 30)  # type: ignore[attr-defined]
    evil_page.js("regionkit.showSchool('20BB00')")
    assert "{{ 7 * 7 }} College" in popup_text(evil_page)
    evil_page.assert_clean()


def test_split_pair_popup_wraps(evil_page: Opened) -> None:
    evil_page.js("void regionkit.map.setView([52.09, 5.2], 11, {animate: false})")
    evil_page.page.locator("path.rk-pair").first.click(force=True)  # type: ignore[attr-defined]
    popup_text(evil_page)
    # as wide as a region's popup at most (380 px of text), the message on several lines
    box = evil_page.js(
        """() => {
            const c = document.querySelector('.leaflet-popup-content');
            const line = parseFloat(getComputedStyle(c.querySelector('.rk-msg')).lineHeight);
            const r = c.getBoundingClientRect();
            return [r.width, c.scrollWidth - c.clientWidth,
                    c.querySelector('.rk-msg').getBoundingClientRect().height / line];
        }"""
    )
    width, spill, lines = box  # type: ignore[misc]
    assert width <= 381.5 and spill <= 1 and lines > 1.5, box
    toggle_layer(evil_page, "Waarschuwingen")
    assert evil_page.count("path.rk-pair") == 0
    evil_page.assert_clean()


# --- the comparison map ---------------------------------------------------------------------------


def test_compare_map_shows_both_sets_of_borders(
    browser: object, schools: gpd.GeoDataFrame, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from regionkit.cli import cli

    out = tmp_path / "compare.html"
    result = CliRunner().invoke(
        cli, ["compare", "division:rmc", "division:nodal", "--map", str(out)]
    )
    assert result.exit_code == 0, result.output
    opened = open_map(browser, out)
    try:
        opened.screenshot("compare")
        title = "Vergelijking: RMC-regio's (lijnen) en nodale gebieden (vlakken)"
        assert opened.text(".rk-title") == title
        assert opened.count("path.rk-other-border") >= 1
        assert opened.count("path.rk-region") == 80
        moved = re.search(r"verplaatste scholen +(\d+)", result.output)
        assert moved and opened.count("path.rk-moved") == int(moved.group(1))
        legend = visible_legends(opened)
        assert "grens van RMC-regio's" in legend and "andere regio dan bij RMC-regio's" in legend
        opened.assert_clean()
    finally:
        close(opened)
