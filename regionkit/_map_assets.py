"""Offline assets of the interactive map: Leaflet and regionkit's own controls.

Leaflet is read at run time from the installed ``xstatic-leaflet`` package and
inlined into the map, so the HTML file opens without a network. Leaflet's images
(the layer-control icon and the default marker icons) are inlined as ``data:``
URIs in its stylesheet. The page needs no jQuery (its script is plain JavaScript
on Leaflet), so none is shipped.

regionkit's own script and stylesheet (``regionkit/assets/map.js`` and
``map.css``, package data) are inlined the same way when a map is written;
they are linted as JavaScript and CSS by ``make lint`` (Biome).
"""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib import resources
from pathlib import Path

from xstatic.pkg import leaflet as xstatic_leaflet

__all__ = ["inline_assets", "leaflet_css", "leaflet_js", "page_asset"]

_SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\(\s*['\"]?(images/[A-Za-z0-9_.-]+\.png)['\"]?\s*\)")


def _read(base_dir: str, name: str) -> str:
    text = (Path(base_dir) / name).read_text(encoding="utf-8")
    # the source map is not shipped with the map: drop the comment that points to it
    return _SOURCE_MAP.sub("", text)


@cache
def leaflet_js() -> str:
    """Leaflet's minified script, from the installed ``xstatic-leaflet``."""
    return _read(xstatic_leaflet.BASE_DIR, "leaflet.js")


@cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with its images inlined as ``data:`` URIs."""
    base = Path(xstatic_leaflet.BASE_DIR)
    css = _read(str(base), "leaflet.css")

    def inline(match: re.Match[str]) -> str:
        data = base64.b64encode((base / match.group(1)).read_bytes()).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    return _CSS_URL.sub(inline, css)


#: regionkit's own stylesheet and script, shipped as package data (``regionkit/assets``).
PAGE_ASSETS: tuple[str, ...] = ("map.css", "map.js")


def page_asset(name: str) -> str:
    """The text of one of regionkit's page assets (``map.css``, ``map.js``).

    Examples
    --------
    >>> "regionkit" in page_asset("map.js")
    True
    """
    if name not in PAGE_ASSETS:
        raise ValueError(f"unknown page asset {name!r}; one of {', '.join(PAGE_ASSETS)}")
    return (resources.files("regionkit") / "assets" / name).read_text(encoding="utf-8")


@cache
def inline_assets() -> str:
    """Every stylesheet and script the map needs, as inline ``<style>``/``<script>`` blocks."""
    return "\n".join(
        [
            f"<style>{leaflet_css()}</style>",
            f"<style>{page_asset('map.css')}</style>",
            f"<script>{leaflet_js()}</script>",
            f"<script>{page_asset('map.js')}</script>",
        ]
    )
