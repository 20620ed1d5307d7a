(() => {
  const rk = { schools: [], map: null, schoolsLayer: null, texts: {} };
  window.regionkit = rk;

  rk.style = (feature) => feature.properties.style || {};

  rk.point = (feature, latlng) => {
    const p = feature.properties;
    if (p.label) {
      return L.marker(latlng, {
        icon: L.divIcon({ className: "rk-label", html: p.label, iconSize: null }),
        interactive: false,
        keyboard: false,
      });
    }
    return L.circleMarker(latlng, p.style || {});
  };

  rk.text = (html) => {
    const div = document.createElement("div");
    div.innerHTML = html;
    return div.textContent || "";
  };

  rk.fold = (text) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();

  rk.bind = (feature, layer) => {
    const p = feature.properties;
    if (p.popup) {
      layer.bindPopup(p.popup, {
        maxWidth: 380,
        className: "rk-popup",
        autoPanPaddingTopLeft: [60, 80],
        autoPanPaddingBottomRight: [20, 20],
      });
    }
    if (p.tip) {
      layer.bindTooltip(p.tip, { sticky: !!p.sticky });
    }
    if (p.school) {
      const s = p.school;
      layer.bindPopup(() => rk.schoolPopup(p.code, s), {
        maxWidth: 380,
        className: "rk-popup",
        autoPanPaddingTopLeft: [60, 80],
        autoPanPaddingBottomRight: [20, 20],
      });
      layer.bindTooltip(`<b>${s.n}</b><br>${s.pl} · ${s.r || rk.texts.no_region}`);
      rk.schools.push({
        code: p.code,
        key: rk.fold(rk.text(`${s.n} ${s.pl}`)),
        codeKey: p.code.toLowerCase(),
        layer: layer,
        html: `${s.n} <small>${s.pl} · ${rk.esc(p.code)}</small>`,
      });
    }
  };

  rk.esc = (text) =>
    String(text).replace(
      /[&<>"']/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
    );

  // Fields arrive escaped from Python (see regionkit.maps._school_fields).
  rk.schoolPopup = (code, s) => {
    const T = rk.texts;
    const rows = [
      [T.code, rk.esc(code)],
      [T.address, s.a.join("<br>")],
      [T.gemeente, s.g],
      [T.kind, s.k],
      [T.leerwegen, s.lw || T.none],
      [T.profiles, s.pr || T.none],
      [T.region, s.r || `<i>${T.no_region}</i>`],
    ];
    let html = `<h3>${s.n}</h3><table>${rows
      .filter((r) => r[1])
      .map((r) => `<tr><th>${r[0]}</th><td>${r[1]}</td></tr>`)
      .join("")}</table>`;
    if (s.t?.length) {
      html += `<table><tr><th>${T.profile}</th>${T.leerweg_names.map((lw) => `<th class="n">${lw}</th>`).join("")}</tr>${s.t
        .map((r, i) => {
          const total = i === s.t.length - 1;
          const cells = r
            .slice(1)
            .map((v) => `<td class="n">${total ? `<b>${v}</b>` : v}</td>`)
            .join("");
          return `<tr><td>${total ? `<b>${T.total}</b>` : r[0]}</td>${cells}</tr>`;
        })
        .join("")}</table>`;
    }
    return `${html}<p>${T.counted}: <b>${s.c}</b><br><small>${T.counted_note}</small></p>`;
  };

  rk.init = (map, texts) => {
    rk.map = map;
    rk.texts = texts;
    const legends = L.control({ position: "bottomright" });
    legends.onAdd = () => {
      const div = L.DomUtil.create("div", "rk-legends");
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    legends.addTo(map);
    rk.legendBox = legends.getContainer();
  };

  rk.title = (map, html) => {
    const div = L.DomUtil.create("div", "rk-title", map.getContainer());
    div.innerHTML = html;
  };

  rk.legend = (map, layer, html) => {
    const div = L.DomUtil.create("div", "rk-legend", rk.legendBox);
    div.innerHTML = html;
    const update = () => {
      div.style.display = map.hasLayer(layer) ? "" : "none";
    };
    map.on("layeradd layerremove", update);
    update();
  };

  rk.labels = (map, minZoom) => {
    const update = () => {
      const c = map.getContainer();
      if (map.getZoom() < minZoom) {
        L.DomUtil.addClass(c, "rk-nolabels");
      } else {
        L.DomUtil.removeClass(c, "rk-nolabels");
      }
    };
    map.on("zoomend", update);
    update();
  };

  rk.search = (map, schoolsLayer, texts) => {
    rk.schoolsLayer = schoolsLayer;
    const control = L.control({ position: "topleft" });
    control.onAdd = () => {
      const div = L.DomUtil.create("div", "rk-search leaflet-bar");
      const input = L.DomUtil.create("input", "", div);
      input.type = "search";
      input.placeholder = texts.placeholder;
      input.setAttribute("aria-label", texts.placeholder);
      const list = L.DomUtil.create("ul", "", div);
      let hits = [];
      let active = -1;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);

      const show = () => {
        list.innerHTML = "";
        const q = rk.fold(input.value.trim());
        hits = [];
        active = -1;
        if (!q) {
          return;
        }
        rk.schools.forEach((s) => {
          const rank =
            s.codeKey === q
              ? 0
              : s.codeKey.indexOf(q) === 0
                ? 1
                : s.key.indexOf(q) === 0
                  ? 2
                  : s.key.indexOf(q) > 0
                    ? 3
                    : -1;
          if (rank >= 0) {
            hits.push({ rank: rank, s: s });
          }
        });
        hits.sort(
          (a, b) => a.rank - b.rank || (a.s.key < b.s.key ? -1 : a.s.key > b.s.key ? 1 : 0),
        );
        hits = hits.slice(0, 12).map((h) => h.s);
        if (!hits.length) {
          const none = L.DomUtil.create("li", "rk-none", list);
          none.textContent = texts.nothing;
          return;
        }
        hits.forEach((s, _i) => {
          const li = L.DomUtil.create("li", "rk-hit", list);
          li.innerHTML = s.html;
          li.setAttribute("data-code", s.code);
          L.DomEvent.on(li, "click", () => {
            rk.select(s);
            list.innerHTML = "";
          });
        });
      };
      const mark = () => {
        Array.prototype.forEach.call(list.querySelectorAll("li.rk-hit"), (li, i) => {
          if (i === active) {
            L.DomUtil.addClass(li, "rk-active");
          } else {
            L.DomUtil.removeClass(li, "rk-active");
          }
        });
      };
      L.DomEvent.on(input, "input", show);
      L.DomEvent.on(input, "keydown", (e) => {
        if (e.key === "ArrowDown" && hits.length) {
          active = (active + 1) % hits.length;
          mark();
        } else if (e.key === "ArrowUp" && hits.length) {
          active = (active + hits.length - 1) % hits.length;
          mark();
        } else if (e.key === "Enter" && hits.length) {
          rk.select(hits[Math.max(active, 0)]);
          list.innerHTML = "";
        } else if (e.key === "Escape") {
          input.value = "";
          list.innerHTML = "";
        }
      });
      return div;
    };
    control.addTo(map);
  };

  rk.select = (s) => {
    const map = rk.map;
    if (rk.schoolsLayer && !map.hasLayer(rk.schoolsLayer)) {
      map.addLayer(rk.schoolsLayer);
    }
    map.setView(s.layer.getLatLng(), Math.max(map.getZoom(), 12), { animate: false });
    s.layer.openPopup();
  };

  rk.fullscreen = (map, texts) => {
    const control = L.control({ position: "topleft" });
    control.onAdd = () => {
      const div = L.DomUtil.create("div", "leaflet-bar");
      const a = L.DomUtil.create("a", "rk-fullscreen-button", div);
      a.href = "#";
      a.title = texts.on;
      a.setAttribute("role", "button");
      a.innerHTML =
        '<svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">' +
        '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#333" ' +
        'stroke-width="2"/></svg>';
      const container = map.getContainer();
      const toggle = (e) => {
        L.DomEvent.preventDefault(e);
        if (document.fullscreenElement) {
          document.exitFullscreen();
          return;
        }
        if (L.DomUtil.hasClass(container, "rk-fullscreen")) {
          L.DomUtil.removeClass(container, "rk-fullscreen");
          a.title = texts.on;
          map.invalidateSize();
          return;
        }
        const css = () => {
          L.DomUtil.addClass(container, "rk-fullscreen");
          a.title = texts.off;
          map.invalidateSize();
        };
        if (container.requestFullscreen) {
          container.requestFullscreen().catch(css);
        } else {
          css();
        }
      };
      L.DomEvent.on(a, "click", toggle);
      L.DomEvent.disableClickPropagation(div);
      document.addEventListener("fullscreenchange", () => {
        a.title = document.fullscreenElement ? texts.off : texts.on;
        map.invalidateSize();
      });
      return div;
    };
    control.addTo(map);
  };
})();
