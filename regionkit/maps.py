"""Interactive maps of regions, schools, findings and money: one offline HTML file.

:func:`make_map` draws a set of regions on a Leaflet map (a :class:`folium.Map`);
the page script ``regionkit/assets/map.js`` draws everything from one JSON
blob (:func:`regionkit._map_data.map_data`) so that another page can reuse it:

- **regions as areas** (the schools' cells dissolved per region; an official
  division as unions of municipalities where it is one), coloured from a
  palette that stays distinct with colour-vision deficiencies, neighbours never
  alike; or coloured by **money** (counted pupils, maximum subsidy, techniekarm:
  alternatives, one at a time); techniekarm regions have a dashed border;
- **schools** sized by counted pupils with a popup; a school in two regions
  has a ring in each region's colour;
- **findings** by severity (errors on top in their own symbol and colour, then
  warnings, then info), every split pair of close schools as a line, and a
  findings panel listing every finding; a sortable **region list** with
  money, techniekarm and findings; both download as CSV from the page;
- a comparison's other set of regions as lines over the areas, with the
  schools that moved;
- the neighbouring countries as land, municipal and provincial borders, place
  names at every zoom and region names from zoom 7; a search box for schools,
  places and regions; the view and selection in the address (a permalink);
  a print layout; phone-sized controls that fold away.

Labels are Dutch by default (``config.language = "en"`` for English).
:func:`write_map` writes one self-contained HTML file: Leaflet and the page's
script and stylesheet are inlined (no jQuery: the page does not need it), so
nothing leaves the file when it is opened, and the same inputs give
byte-identical files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from regionkit._errors import ConfigError
from regionkit._io import write_atomic
from regionkit._map_assets import inline_assets
from regionkit._map_data import NO_REGION_COLOR, REGION_PALETTE, Side, map_data
from regionkit._validate import as_proposal
from regionkit.config import Config
from regionkit.regions import Regions

__all__ = [
    "NO_REGION_COLOR",
    "REGION_PALETTE",
    "make_map",
    "map_from_data",
    "map_html",
    "write_map",
]

_FOLIUM_UUID = re.compile(r"(?<=_)[0-9a-f]{32}(?![0-9a-f])")
#: The id of the ``<script type="application/json">`` element holding the map's data.
DATA_ELEMENT_ID = "regionkit-data"


class _RawHeader(Element):
    """Raw HTML for the page header, inserted as is (no template pass over it)."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "RawHeader"
        self.markup = markup

    def render(self, **kwargs: Any) -> str:
        return self.markup


class _Call(MacroElement):
    """One line of script that calls the page script with the map's element name."""

    _template = Template(
        "{% macro script(this, kwargs) %}{{ this.code(this._parent) }}{% endmacro %}"
    )

    def __init__(self, code: Callable[[folium.Map], str]) -> None:
        super().__init__()
        self._name = "RegionkitCall"
        self.code = code


def json_for_script(data: object) -> str:
    """JSON text that is safe inside a ``<script>`` element (``<``, ``>``, ``&`` escaped).

    Examples
    --------
    >>> print(json_for_script({"a": "</script>"}))
    {"a":"\\u003c/script\\u003e"}
    """
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        out = out.replace(a, b)
    return out


def make_map(
    regions: Regions | pd.DataFrame,
    assignment: object | None = None,
    *,
    findings: pd.DataFrame | None = None,
    funding: object | None = None,
    config: Config | None = None,
    title: str | None = None,
    moved: object | None = None,
    division: str | None = None,
    other: object | None = None,
    other_label: str | None = None,
    other_division: str | None = None,
    exports: Mapping[str, pd.DataFrame] | None = None,
    explanations: Mapping[str, str] | None = None,
    region_details: Mapping[str, Sequence[tuple[str, str]]] | None = None,
    school_details: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> folium.Map:
    """An interactive map of a set of regions, its schools, findings and money.

    Parameters
    ----------
    regions
        The regions (:class:`regionkit.regions.Regions`), or the schools table
        (:func:`regionkit.schools.load_schools`) with ``assignment``. Every
        school of the table is drawn, those in no region in grey; a school
        listed in two regions is in both; codes that are not in the table are
        logged and not drawn.
    assignment
        With a schools table: region name per school ``code`` (NA or absent:
        in no region), or a proposal.
    findings
        The findings of :func:`regionkit.rules.check` (columns ``rule``,
        ``severity``, ``regions``, ``schools``, ``message``).
    funding
        The result of :func:`regionkit.funding.fund` (or its per-region table):
        money and techniekarm in every region popup, the list and the colourings.
    config
        With a schools table: language (``config.language``), marker size and
        tiles (``config.map``); Regions carry their own.
    title
        The title; default says what the map shows (proposal, division, comparison).
    moved
        A :class:`regionkit.compare.Comparison` (or its ``moved`` table): the
        schools that moved, from -> to.
    division
        The official division the regions are (``"nodal"``, ``"rmc"``, ...):
        drawn from municipality polygons where it is a union of municipalities.
    other, other_label, other_division
        The other set of regions of a comparison (as ``assignment``), its
        label and division: its borders are drawn as lines over these areas.
    exports
        Tables offered as CSV downloads (``{"regions": ..., "findings": ...}``);
        by default the region list and the findings.
    explanations
        Why each region is as it is (region name -> text, as a logical
        proposal's ``explanation`` column): shown in the region's popup.
    region_details, school_details
        Further rows of a region's or school's popup: region name (school
        code) -> ``[(label, value), ...]`` as text in the map's language, for
        example figures of another year.

    Returns
    -------
    folium.Map
        Write it with :func:`write_map` (offline, byte-identical for the same inputs).

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> nodal = schools.set_index("code")["nodal_name"]
    >>> page = map_html(make_map(schools, nodal, config=load_config(), division="nodal"))
    >>> page.count('{"code":"') == len(schools)
    True
    >>> "cdn." in page or "<script src=" in page
    False
    """
    if not isinstance(regions, Regions):
        regions = Regions(regions, as_proposal(assignment), config=config or Config())
    elif assignment is not None or config is not None:
        raise TypeError("make_map(regions) takes the assignment and configuration from the regions")
    config = regions.config
    side = None
    if other is not None:
        label = other_label or getattr(moved, "name_a", None) or "A"
        other_regions = other if isinstance(other, Regions) else Regions(regions.schools, other)
        side = Side(other_regions, str(label), other_division)
    data = map_data(
        regions,
        findings=findings,
        funding=funding,
        title=title,
        division=division,
        other=side,
        moved=moved,
        exports=exports,
        explanations=explanations,
        label=getattr(moved, "name_b", None),
        region_details=region_details,
        school_details=school_details,
    )
    data["tiles"] = bool(config.map.tiles)
    return _page(data, config)


def map_from_data(data: dict[str, Any], *, config: Config) -> folium.Map:
    """The map of a data blob of :func:`regionkit._map_data.map_data`.

    For a page that keeps the data to update it later (the editor); :func:`make_map`
    is this with the data made from its arguments.
    """
    return _page(data, config)


def _page(data: dict[str, Any], config: Config) -> folium.Map:
    m = folium.Map(
        location=[52.2, 5.3],
        zoom_start=8,
        tiles=None,
        zoom_control=False,
        control_scale=False,
        zoom_snap=0.25,
    )
    m.default_js = []
    m.default_css = []
    figure = m.get_root()
    assert isinstance(figure, Figure)
    import html

    figure.title = html.escape(str(data["title"]))
    figure.header.add_child(_RawHeader(inline_assets()), name="regionkit_assets")
    blob = (
        f'<script type="application/json" id="{DATA_ELEMENT_ID}">{json_for_script(data)}</script>'
    )
    figure.header.add_child(_RawHeader(blob), name="regionkit_data")
    tiles = config.map.tiles
    if tiles:
        import xyzservices.providers as xyz

        try:
            provider = xyz.query_name(tiles)
        except ValueError:
            raise ConfigError(
                f"map.tiles = {tiles!r} is not a tile provider of xyzservices; use for example "
                f"'nlmaps.grijs' (PDOK) or 'OpenStreetMap.Mapnik', or leave it out for no tiles"
            ) from None
        folium.TileLayer(provider, name="tiles", overlay=False, control=False).add_to(m)
    m.add_child(
        _Call(
            lambda mp: (
                f'regionkit.render({mp.get_name()}, regionkit.readData("{DATA_ELEMENT_ID}"));'
            )
        )
    )
    _number_ids(m)
    return m


# --- writing ------------------------------------------------------------------------------------

#: Header entries that are part of the page itself (the others are added by rendering).
_HEADER_KEEP = ("meta_http", "regionkit_assets", "regionkit_data")


def _number_ids(m: folium.Map) -> None:
    """Replace folium's random element ids by a numbering in tree order (same map, same page)."""
    root = m.get_root()
    elements: list[Element] = [root]

    def walk(element: Element) -> None:
        for child in element._children.values():
            elements.append(child)
            walk(child)

    walk(root)
    numbered = [int(e._id) for e in elements if e._id.isdigit()]
    counter = max(numbered, default=0)
    for element in elements:
        if not element._id.isdigit():
            counter += 1
            element._id = f"{counter:04d}"


def map_html(m: folium.Map) -> str:
    """The map as one self-contained HTML page, the same for the same map.

    Raises
    ------
    ValueError
        When the page would load anything from the network (a folium element
        that links a CDN asset was added to the map).
    """
    _number_ids(m)
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.script._children.clear()
    figure.html._children.clear()
    for key in list(figure.header._children):
        if key not in _HEADER_KEEP:
            del figure.header._children[key]
    page = figure.render()
    seen: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        return seen.setdefault(match.group(0), f"r{len(seen) + 1:04d}")

    page = _FOLIUM_UUID.sub(renumber, page)
    lang = "nl"
    found = re.search(
        r'<script type="application/json" id="regionkit-data">\{"lang":"(\w\w)"', page
    )
    if found:
        lang = found.group(1)
    page = re.sub(r"<html>", f'<html lang="{lang}">', page, count=1)
    remote = re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", page)
    if remote:
        raise ValueError(
            "the map would load assets from the network; remove folium plugins that link CDNs"
        )
    return page


def write_map(m: folium.Map, path: str | Path) -> Path:
    """Write the map as one offline HTML file, atomically.

    Parameters
    ----------
    m
        A map from :func:`make_map`.
    path
        The HTML file; its folder is created.

    Returns
    -------
    pathlib.Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from regionkit.config import load_config
    >>> from regionkit.schools import load_schools
    >>> schools = load_schools()
    >>> m = make_map(schools, schools.set_index("code")["rmc_name"], config=load_config())
    >>> p = write_map(m, pathlib.Path(tempfile.mkdtemp()) / "rmc.html")
    >>> p.stat().st_size < 3_000_000
    True
    """
    return write_atomic(path, map_html(m))
