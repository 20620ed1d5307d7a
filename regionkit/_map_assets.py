"""Offline assets of the interactive map: Leaflet, jQuery and regionkit's own controls.

Leaflet and jQuery are read at run time from the installed ``xstatic-leaflet``
and ``xstatic-jquery`` packages and inlined into the map, so the HTML file
opens without a network. Leaflet's images (the layer-control icon and the
default marker icons) are inlined as ``data:`` URIs in its stylesheet.

regionkit's controls (school search, full screen, legends that follow their
layer, region labels that appear when zoomed in, the title) are small inline
scripts below: folium's plugins for these load their code from CDNs.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from xstatic.pkg import jquery as xstatic_jquery
from xstatic.pkg import leaflet as xstatic_leaflet

__all__ = ["inline_assets", "jquery_js", "leaflet_css", "leaflet_js"]

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
def jquery_js() -> str:
    """jQuery's minified script, from the installed ``xstatic-jquery``."""
    return _read(xstatic_jquery.BASE_DIR, "jquery.min.js")


@cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with its images inlined as ``data:`` URIs."""
    base = Path(xstatic_leaflet.BASE_DIR)
    css = _read(str(base), "leaflet.css")

    def inline(match: re.Match[str]) -> str:
        data = base64.b64encode((base / match.group(1)).read_bytes()).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    return _CSS_URL.sub(inline, css)


#: regionkit's stylesheet: water-coloured background, controls, popups, legends, labels.
REGIONKIT_CSS = """
html, body { width: 100%; height: 100%; margin: 0; padding: 0; }
.leaflet-container { background: #dce8ef; font: 13px/1.4 "Helvetica Neue", Arial, sans-serif; }
.rk-title { position: absolute; top: 10px; left: 50%; transform: translateX(-50%);
  z-index: 800; background: rgba(255,255,255,.92); padding: 6px 14px; border-radius: 4px;
  box-shadow: 0 1px 5px rgba(0,0,0,.35); text-align: center; pointer-events: none;
  max-width: 50%; }
.rk-title h1 { font-size: 16px; margin: 0; }
.rk-title p { font-size: 12px; margin: 2px 0 0; color: #444; }
.rk-search { background: #fff; padding: 4px; width: 260px; }
.rk-search input { width: 100%; box-sizing: border-box; font-size: 13px; padding: 4px 6px;
  border: 1px solid #aaa; border-radius: 3px; }
.rk-search ul { list-style: none; margin: 4px 0 0; padding: 0; max-height: 260px;
  overflow-y: auto; }
.rk-search li { padding: 3px 6px; cursor: pointer; border-top: 1px solid #eee; }
.rk-search li:hover, .rk-search li.rk-active { background: #e6f0fa; }
.rk-search li small { color: #666; }
.rk-search .rk-none { color: #777; cursor: default; }
.rk-fullscreen-button { display: flex !important; align-items: center; justify-content: center; }
.rk-fullscreen { position: fixed !important; top: 0; left: 0; width: 100% !important;
  height: 100% !important; z-index: 10000; }
.rk-legends { background: rgba(255,255,255,.94); padding: 0 8px; border-radius: 4px;
  box-shadow: 0 1px 5px rgba(0,0,0,.35); max-height: 50vh; overflow-y: auto; max-width: 260px; }
.rk-legends:empty { display: none; }
.rk-legend { margin: 6px 0; font-size: 12px; }
.rk-legend h4 { margin: 0 0 3px; font-size: 12px; }
.rk-legend .rk-row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.rk-legend .rk-swatch { display: inline-block; width: 14px; height: 14px; flex: none;
  box-sizing: border-box; }
.rk-legend .rk-dot { border-radius: 50%; }
.rk-legend .rk-bar { height: 10px; margin: 2px 0; border: 1px solid #999; }
.rk-legend .rk-ticks { display: flex; justify-content: space-between; color: #333; }
.rk-label span { position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  font-size: 11px; font-weight: 600; color: #222; pointer-events: none;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.rk-nolabels .rk-label { display: none; }
.rk-popup h3 { font-size: 14px; margin: 0 0 4px; }
.rk-popup table { border-collapse: collapse; margin-top: 4px; }
.rk-popup th, .rk-popup td { padding: 1px 6px 1px 0; text-align: left; vertical-align: top; }
.rk-popup td.n, .rk-popup th.n { text-align: right; }
.rk-popup .rk-msg { margin: 3px 0; }
.rk-popup .rk-sev-error { color: #b00020; font-weight: 600; }
.rk-popup .rk-sev-warning { color: #a85c00; font-weight: 600; }
"""

#: regionkit's script: feature binding, search, full screen, legends, labels.
#: Text that comes from data reaches the page only as HTML that Python escaped;
#: the search list writes names back with the same escaped HTML.
REGIONKIT_JS = r"""
(function () {
  "use strict";
  var rk = window.regionkit = { schools: [], map: null, schoolsLayer: null, texts: {} };

  rk.style = function (feature) { return feature.properties.style || {}; };

  rk.point = function (feature, latlng) {
    var p = feature.properties;
    if (p.label) {
      return L.marker(latlng, { icon: L.divIcon({ className: "rk-label", html: p.label,
        iconSize: null }), interactive: false, keyboard: false });
    }
    return L.circleMarker(latlng, p.style || {});
  };

  rk.text = function (html) {
    var div = document.createElement("div");
    div.innerHTML = html;
    return div.textContent || "";
  };

  rk.fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };

  rk.bind = function (feature, layer) {
    var p = feature.properties;
    if (p.popup) {
      layer.bindPopup(p.popup, { maxWidth: 380, className: "rk-popup",
        autoPanPaddingTopLeft: [60, 80], autoPanPaddingBottomRight: [20, 20] });
    }
    if (p.tip) { layer.bindTooltip(p.tip, { sticky: !!p.sticky }); }
    if (p.school) {
      var s = p.school;
      layer.bindPopup(function () { return rk.schoolPopup(p.code, s); },
        { maxWidth: 380, className: "rk-popup",
          autoPanPaddingTopLeft: [60, 80], autoPanPaddingBottomRight: [20, 20] });
      layer.bindTooltip("<b>" + s.n + "</b><br>" + s.pl + " · " +
        (s.r || rk.texts.no_region));
      rk.schools.push({ code: p.code, key: rk.fold(rk.text(s.n + " " + s.pl)),
        codeKey: p.code.toLowerCase(), layer: layer,
        html: s.n + " <small>" + s.pl + " · " + rk.esc(p.code) + "</small>" });
    }
  };

  rk.esc = function (text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  };

  // Fields arrive escaped from Python (see regionkit.maps._school_fields).
  rk.schoolPopup = function (code, s) {
    var T = rk.texts;
    var rows = [[T.code, rk.esc(code)], [T.address, s.a.join("<br>")], [T.gemeente, s.g],
      [T.kind, s.k], [T.leerwegen, s.lw || T.none], [T.profiles, s.pr || T.none],
      [T.region, s.r || "<i>" + T.no_region + "</i>"]];
    var html = "<h3>" + s.n + "</h3><table>" + rows.filter(function (r) { return r[1]; })
      .map(function (r) { return "<tr><th>" + r[0] + "</th><td>" + r[1] + "</td></tr>"; })
      .join("") + "</table>";
    if (s.t && s.t.length) {
      html += "<table><tr><th>" + T.profile + "</th>" + T.leerweg_names.map(function (lw) {
        return '<th class="n">' + lw + "</th>";
      }).join("") + "</tr>" + s.t.map(function (r, i) {
        var total = i === s.t.length - 1;
        var cells = r.slice(1).map(function (v) {
          return '<td class="n">' + (total ? "<b>" + v + "</b>" : v) + "</td>";
        }).join("");
        return "<tr><td>" + (total ? "<b>" + T.total + "</b>" : r[0]) + "</td>" + cells + "</tr>";
      }).join("") + "</table>";
    }
    return html + "<p>" + T.counted + ": <b>" + s.c + "</b><br><small>" + T.counted_note +
      "</small></p>";
  };

  rk.init = function (map, texts) {
    rk.map = map;
    rk.texts = texts;
    var legends = L.control({ position: "bottomright" });
    legends.onAdd = function () {
      var div = L.DomUtil.create("div", "rk-legends");
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    legends.addTo(map);
    rk.legendBox = legends.getContainer();
  };

  rk.title = function (map, html) {
    var div = L.DomUtil.create("div", "rk-title", map.getContainer());
    div.innerHTML = html;
  };

  rk.legend = function (map, layer, html) {
    var div = L.DomUtil.create("div", "rk-legend", rk.legendBox);
    div.innerHTML = html;
    var update = function () { div.style.display = map.hasLayer(layer) ? "" : "none"; };
    map.on("layeradd layerremove", update);
    update();
  };

  rk.labels = function (map, minZoom) {
    var update = function () {
      var c = map.getContainer();
      if (map.getZoom() < minZoom) { L.DomUtil.addClass(c, "rk-nolabels"); }
      else { L.DomUtil.removeClass(c, "rk-nolabels"); }
    };
    map.on("zoomend", update);
    update();
  };

  rk.search = function (map, schoolsLayer, texts) {
    rk.schoolsLayer = schoolsLayer;
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "rk-search leaflet-bar");
      var input = L.DomUtil.create("input", "", div);
      input.type = "search";
      input.placeholder = texts.placeholder;
      input.setAttribute("aria-label", texts.placeholder);
      var list = L.DomUtil.create("ul", "", div);
      var hits = [];
      var active = -1;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);

      var show = function () {
        list.innerHTML = "";
        var q = rk.fold(input.value.trim());
        hits = [];
        active = -1;
        if (!q) { return; }
        rk.schools.forEach(function (s) {
          var rank = s.codeKey === q ? 0 : s.codeKey.indexOf(q) === 0 ? 1
            : s.key.indexOf(q) === 0 ? 2 : s.key.indexOf(q) > 0 ? 3 : -1;
          if (rank >= 0) { hits.push({ rank: rank, s: s }); }
        });
        hits.sort(function (a, b) {
          return a.rank - b.rank || (a.s.key < b.s.key ? -1 : a.s.key > b.s.key ? 1 : 0);
        });
        hits = hits.slice(0, 12).map(function (h) { return h.s; });
        if (!hits.length) {
          var none = L.DomUtil.create("li", "rk-none", list);
          none.textContent = texts.nothing;
          return;
        }
        hits.forEach(function (s, i) {
          var li = L.DomUtil.create("li", "rk-hit", list);
          li.innerHTML = s.html;
          li.setAttribute("data-code", s.code);
          L.DomEvent.on(li, "click", function () { rk.select(s); list.innerHTML = ""; });
        });
      };
      var mark = function () {
        Array.prototype.forEach.call(list.querySelectorAll("li.rk-hit"), function (li, i) {
          if (i === active) { L.DomUtil.addClass(li, "rk-active"); }
          else { L.DomUtil.removeClass(li, "rk-active"); }
        });
      };
      L.DomEvent.on(input, "input", show);
      L.DomEvent.on(input, "keydown", function (e) {
        if (e.key === "ArrowDown" && hits.length) { active = (active + 1) % hits.length; mark(); }
        else if (e.key === "ArrowUp" && hits.length) {
          active = (active + hits.length - 1) % hits.length; mark();
        } else if (e.key === "Enter" && hits.length) {
          rk.select(hits[Math.max(active, 0)]);
          list.innerHTML = "";
        } else if (e.key === "Escape") { input.value = ""; list.innerHTML = ""; }
      });
      return div;
    };
    control.addTo(map);
  };

  rk.select = function (s) {
    var map = rk.map;
    if (rk.schoolsLayer && !map.hasLayer(rk.schoolsLayer)) { map.addLayer(rk.schoolsLayer); }
    map.setView(s.layer.getLatLng(), Math.max(map.getZoom(), 12), { animate: false });
    s.layer.openPopup();
  };

  rk.fullscreen = function (map, texts) {
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "leaflet-bar");
      var a = L.DomUtil.create("a", "rk-fullscreen-button", div);
      a.href = "#";
      a.title = texts.on;
      a.setAttribute("role", "button");
      a.innerHTML = '<svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">' +
        '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#333" ' +
        'stroke-width="2"/></svg>';
      var container = map.getContainer();
      var toggle = function (e) {
        L.DomEvent.preventDefault(e);
        if (document.fullscreenElement) { document.exitFullscreen(); return; }
        if (L.DomUtil.hasClass(container, "rk-fullscreen")) {
          L.DomUtil.removeClass(container, "rk-fullscreen");
          a.title = texts.on;
          map.invalidateSize();
          return;
        }
        var css = function () {
          L.DomUtil.addClass(container, "rk-fullscreen");
          a.title = texts.off;
          map.invalidateSize();
        };
        if (container.requestFullscreen) {
          container.requestFullscreen().catch(css);
        } else { css(); }
      };
      L.DomEvent.on(a, "click", toggle);
      L.DomEvent.disableClickPropagation(div);
      document.addEventListener("fullscreenchange", function () {
        a.title = document.fullscreenElement ? texts.off : texts.on;
        map.invalidateSize();
      });
      return div;
    };
    control.addTo(map);
  };
})();
"""


@cache
def inline_assets() -> str:
    """Every stylesheet and script the map needs, as inline ``<style>``/``<script>`` blocks."""
    return "\n".join(
        [
            f"<style>{leaflet_css()}</style>",
            f"<style>{REGIONKIT_CSS}</style>",
            f"<script>{leaflet_js()}</script>",
            f"<script>{jquery_js()}</script>",
            f"<script>{REGIONKIT_JS}</script>",
        ]
    )
