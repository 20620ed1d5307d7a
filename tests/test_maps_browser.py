"""The maps in a real browser: headless Debian Chromium through playwright.

Every request that is not ``file:`` or ``data:`` is aborted and recorded; the
tests assert that none is attempted, that the page logs no error, and that the
map's controls work (layer toggles, popups, search, full screen, legends).
A screenshot of every test is saved in ``tests/artifacts/``.

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
from regionkit.funding import fund
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


@dataclass
class Opened:
    """A map opened in a page, with what the page tried to fetch and what it logged."""

    page: object  # playwright.sync_api.Page
    url: str
    requests: list[str] = field(default_factory=list)  # aborted: not file:/data:
    local: list[str] = field(default_factory=list)  # file: URLs other than the map itself
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> object:
        return self.page.evaluate(expression, arg)  # type: ignore[attr-defined]

    def count(self, selector: str) -> int:
        return int(self.page.locator(selector).count())  # type: ignore[attr-defined]

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


def open_map(browser: object, path: Path, *, width: int = 1280, height: int = 900) -> Opened:
    """Open a map file with every network request aborted and recorded."""
    context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    page = context.new_page()
    opened = Opened(page=page, url=path.resolve().as_uri())

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        if url.startswith("data:"):
            r.continue_()  # type: ignore[attr-defined]
        elif url.startswith("file:"):
            if url != opened.url:
                opened.local.append(url)
            r.continue_()  # type: ignore[attr-defined]
        else:
            opened.requests.append(url)
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)
    page.on(
        "console",
        lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.goto(opened.url)
    page.wait_for_function(
        "window.regionkit && regionkit.map && document.querySelectorAll('path.rk-school').length"
    )
    return opened


@pytest.fixture(scope="module")
def national(
    schools: gpd.GeoDataFrame, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, pd.Series, int]:
    """The national map of the nodal areas with the money layers."""
    nodal = schools.set_index("code")["nodal_name"]
    m = make_map(schools, nodal, funding=fund(schools, nodal, config=NL), config=NL)
    path = write_map(m, tmp_path_factory.mktemp("maps") / "national.html")
    return path, nodal, int(nodal.dropna().nunique())


@pytest.fixture
def national_page(browser: object, national: tuple[Path, pd.Series, int]) -> Iterator[Opened]:
    opened = open_map(browser, national[0])
    yield opened
    opened.page.context.close()  # type: ignore[attr-defined]


def isolated_school(schools: gpd.GeoDataFrame) -> pd.Series:
    """The school farthest from any other (its marker cannot be covered by another)."""
    xy = schools[["x", "y"]].to_numpy()
    distance, _ = cKDTree(xy).query(xy, k=2)
    return schools.iloc[int(np.argmax(distance[:, 1]))]


def click_school(opened: Opened, code: str, zoom: int = 11) -> None:
    """Centre the map on a school and click its marker with the mouse."""
    point = opened.js(
        """([code, zoom]) => {
            const s = regionkit.schools.find((x) => x.code === code);
            regionkit.map.setView(s.layer.getLatLng(), zoom, {animate: false});
            const p = regionkit.map.latLngToContainerPoint(s.layer.getLatLng());
            const box = regionkit.map.getContainer().getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        [code, zoom],
    )
    x, y = point  # type: ignore[misc]
    opened.page.mouse.click(x, y)  # type: ignore[attr-defined]


def popup_text(opened: Opened) -> str:
    opened.page.wait_for_selector(".leaflet-popup-content")  # type: ignore[attr-defined]
    return str(opened.page.inner_text(".leaflet-popup-content"))  # type: ignore[attr-defined]


def toggle_layer(opened: Opened, name: str) -> None:
    label = opened.page.locator(".leaflet-control-layers-overlays label", has_text=name)  # type: ignore[attr-defined]
    label.first.locator("input").click()


# --- the national map ---------------------------------------------------------------------------


def test_national_map_opens_offline_with_every_school_and_region(
    national_page: Opened, schools: gpd.GeoDataFrame, national: tuple[Path, pd.Series, int]
) -> None:
    national_page.screenshot("national")
    national_page.assert_clean()
    assert national_page.count("path.rk-school") == len(schools)
    assert national_page.count("path.rk-region") == national[2]
    # the money layers are there but off until chosen
    assert national_page.count("path.rk-money") == 0
    assert national_page.js("regionkit.schools.length") == len(schools)
    # title, legends, layer control, scale bar, search box and full-screen button
    assert "Regio's Sterk Techniekonderwijs" in national_page.page.inner_text(".rk-title")  # type: ignore[attr-defined]
    assert national_page.count(".leaflet-control-layers-overlays label") >= 6
    assert national_page.count(".leaflet-control-scale") == 1
    assert national_page.count(".rk-search input") == 1
    assert national_page.count(".rk-fullscreen-button") == 1
    visible = national_page.js(
        "[...document.querySelectorAll('.rk-legend')].filter(e => e.style.display !== 'none')"
        ".map(e => e.querySelector('h4').textContent)"
    )
    assert visible == ["Regio's", "Scholen"]


def test_layer_toggle_hides_and_shows_its_features(
    national_page: Opened, schools: gpd.GeoDataFrame, national: tuple[Path, pd.Series, int]
) -> None:
    toggle_layer(national_page, "Scholen")
    assert national_page.count("path.rk-school") == 0
    assert national_page.count("path.rk-region") == national[2]  # other layers stay
    toggle_layer(national_page, "Regio's")
    assert national_page.count("path.rk-region") == 0
    toggle_layer(national_page, "Geld: maximale subsidie")
    assert national_page.count("path.rk-money") == national[2]
    national_page.screenshot("national_money")
    legends = national_page.js(
        "[...document.querySelectorAll('.rk-legend')].filter(e => e.style.display !== 'none')"
        ".map(e => e.querySelector('h4').textContent)"
    )
    assert legends == ["Geld: maximale subsidie"]
    assert "EUR" in national_page.page.inner_text(".rk-legends")  # type: ignore[attr-defined]
    toggle_layer(national_page, "Scholen")
    assert national_page.count("path.rk-school") == len(schools)
    national_page.assert_clean()


def test_clicking_a_school_opens_its_popup(
    national_page: Opened, schools: gpd.GeoDataFrame
) -> None:
    school = isolated_school(schools)
    click_school(national_page, school["code"])
    text = popup_text(national_page)
    national_page.screenshot("popup")
    assert school["name"] in text
    assert school["code"] in text
    assert "Getelde leerlingen" in text
    national_page.assert_clean()


@pytest.mark.parametrize("by", ["name", "code"])
def test_search_finds_a_school(national_page: Opened, schools: gpd.GeoDataFrame, by: str) -> None:
    school = isolated_school(schools)
    query = school["name"] if by == "name" else school["code"].lower()
    search = national_page.page.locator(".rk-search input")  # type: ignore[attr-defined]
    search.fill(query)
    national_page.page.wait_for_selector(".rk-search li.rk-hit")  # type: ignore[attr-defined]
    first = national_page.page.locator(".rk-search li.rk-hit").first  # type: ignore[attr-defined]
    assert first.get_attribute("data-code") == school["code"]
    search.press("Enter")
    text = popup_text(national_page)
    national_page.screenshot(f"search_{by}")
    assert school["name"] in text
    assert national_page.js("regionkit.map.getZoom()") >= 12
    national_page.assert_clean()


def test_search_says_when_nothing_matches(national_page: Opened) -> None:
    national_page.page.locator(".rk-search input").fill("zzzz geen school")  # type: ignore[attr-defined]
    assert national_page.page.inner_text(".rk-search li") == "Geen school gevonden"  # type: ignore[attr-defined]


def test_full_screen_button_fills_the_window(national_page: Opened) -> None:
    national_page.page.click(".rk-fullscreen-button")  # type: ignore[attr-defined]
    national_page.page.wait_for_function(  # type: ignore[attr-defined]
        "document.fullscreenElement !== null || "
        "regionkit.map.getContainer().classList.contains('rk-fullscreen')"
    )
    national_page.assert_clean()


def test_region_labels_appear_when_zoomed_in(national_page: Opened) -> None:
    hidden = national_page.js(
        "getComputedStyle(document.querySelector('.rk-label')).display === 'none'"
    )
    assert hidden
    national_page.js("void regionkit.map.setView([52.09, 5.12], 10, {animate: false})")
    assert not national_page.js(
        "getComputedStyle(document.querySelector('.rk-label')).display === 'none'"
    )
    national_page.screenshot("labels")


# --- escaping, findings and money on a tiny map -------------------------------------------------

EVIL = '<script>window.__rk_xss = 1</script><img src=x onerror="window.__rk_xss = 2">'


@pytest.fixture
def evil_page(browser: object, tmp_path: Path) -> Iterator[Opened]:
    s = tiny_schools({"10AA00": EVIL, "20BB00": "{{ 7 * 7 }} College"})
    assignment = s.attrs["assignment"].replace({"A": "<b>Regio A</b>"})
    findings = pd.DataFrame(
        {
            "rule": ["close_schools_split", "left_out"],
            "severity": ["warning", "error"],
            "regions": [("<b>Regio A</b>", "B"), ()],
            "schools": [("10AA01", "20BB00"), ("20BC00",)],
            "message": ["Dichtbij <script>window.__rk_xss = 3</script>", "Niet in een regio"],
        }
    )
    m = make_map(s, assignment, findings=findings, config=NL, title="<i>Kaart</i>")
    opened = open_map(browser, write_map(m, tmp_path / "evil.html"))
    yield opened
    opened.page.context.close()  # type: ignore[attr-defined]


def test_script_in_a_name_renders_as_text(evil_page: Opened) -> None:
    evil_page.page.locator(".rk-search input").fill("10AA00")  # type: ignore[attr-defined]
    hit = evil_page.page.locator(".rk-search li.rk-hit").first  # type: ignore[attr-defined]
    assert EVIL in hit.inner_text()
    evil_page.page.locator(".rk-search input").press("Enter")  # type: ignore[attr-defined]
    text = popup_text(evil_page)
    evil_page.screenshot("escaped")
    assert EVIL in text
    assert "<b>Regio A</b>" in text  # a region name with markup, as text
    # counted pupils per profile and leerweg (lj 3 + 4), the total and the weighted count
    assert re.search(r"Profiel\s+BB\s+KB\s+GL\s+PIE\s+40\s+0\s+0\s+MVI\s+0\s+0\s+20", text)
    assert re.search(r"Totaal\s+40\s+0\s+20", text)
    assert "Getelde leerlingen: 50" in text
    assert "Produceren, installeren en energie, Media, vormgeving en ICT" in text
    assert evil_page.js("window.__rk_xss === undefined")
    assert evil_page.count(".leaflet-popup-content img, .leaflet-popup-content script") == 0
    assert evil_page.page.inner_text(".rk-title h1") == "<i>Kaart</i>"  # type: ignore[attr-defined]
    evil_page.assert_clean()


def test_template_braces_in_a_name_are_not_evaluated(evil_page: Opened) -> None:
    click_school(evil_page, "20BB00", zoom=12)
    assert "{{ 7 * 7 }} College" in popup_text(evil_page)
    evil_page.assert_clean()


def test_finding_popup_carries_its_message(evil_page: Opened) -> None:
    assert evil_page.count("path.rk-finding") == 2  # the split pair's line, the left-out school
    evil_page.js("void regionkit.map.setView([52.09, 5.2], 11, {animate: false})")
    evil_page.page.locator("path.rk-finding").first.click(force=True)  # type: ignore[attr-defined]
    text = popup_text(evil_page)
    assert "Dichtbij <script>window.__rk_xss = 3</script>" in text
    assert evil_page.js("window.__rk_xss === undefined")
    toggle_layer(evil_page, "Bevinding: dichtbij")
    assert evil_page.count("path.rk-finding") == 1
    evil_page.assert_clean()
