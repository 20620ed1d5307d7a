// regionkit's map page: draws one JSON blob (regionkit._map_data.map_data) on a Leaflet map.
// Every text comes from the data (data.texts); text from data is escaped before it becomes HTML.
// Other pages reuse the parts: regionkit.render(map, data) draws a whole map page;
// regionkit.panels.regionList / .findings(container, data, onSelect) draw the two lists;
// regionkit.popups.region / .school(data, item) build the popups; an item's rows_extra
// ([[label, value], ...]) and note (a paragraph) are shown as given, so new figures need no
// change here.
(() => {
  const SEVERITIES = ["error", "warning", "info"];
  const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };
  const SEVERITY_COLOR = { error: "#b2182b", warning: "#c05a00", info: "#2166ac" };
  const SEVERITY_SIZE = { error: 24, warning: 19, info: 15 };
  const PANES = [
    ["rkLand", 150],
    ["rkAreas", 300],
    ["rkBorders", 320],
    ["rkOutlines", 340],
    ["rkOther", 360],
    ["rkLines", 380],
    ["rkSchools", 420],
    ["rkMoved", 440],
    ["rkPlaces", 610],
    ["rkRegionNames", 620],
  ];
  const PHONE = "(max-width: 600px)";
  // region names show from this zoom level (the whole country is about zoom 7)
  const LABEL_MIN_ZOOM = 7;

  const rk = {
    map: null,
    data: null,
    schools: [],
    regionLayers: {},
    schoolLayers: {},
    schoolRings: {},
    findingMarkers: {},
    layers: {},
    fill: "region",
  };
  window.regionkit = rk;

  // --- small helpers ---------------------------------------------------------------------------

  rk.readData = (id) => JSON.parse(document.getElementById(id).textContent);

  rk.esc = (text) =>
    String(text ?? "").replace(
      /[&<>"']/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
    );

  rk.fill_in = (template, fields) =>
    String(template).replace(/\{(\w+)\}/g, (m, k) => (k in fields ? String(fields[k]) : m));

  rk.fold = (text) =>
    String(text)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();

  const el = (tag, cls, parent, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  };

  const rows = (pairs) =>
    `<table>${pairs
      .filter((p) => p[1] !== undefined && p[1] !== null && p[1] !== "")
      .map((p) => `<tr><th>${rk.esc(p[0])}</th><td>${p[1]}</td></tr>`)
      .join("")}</table>`;

  // --- the part of the map the controls and panels leave free ----------------------------------

  // what lies over the map: its controls (zoom, layers, legend, scale, source) and a panel laid
  // over it (the phone's sheet), as rectangles in the map's own pixels
  function coverings(map) {
    const box = map.getContainer().getBoundingClientRect();
    const nodes = [
      ...map.getContainer().querySelectorAll(".leaflet-control"),
      ...document.querySelectorAll(".rk-panel"),
    ];
    const rects = [];
    for (const node of nodes) {
      const r = node.getBoundingClientRect();
      const left = Math.max(r.left, box.left) - box.left;
      const right = Math.min(r.right, box.right) - box.left;
      const top = Math.max(r.top, box.top) - box.top;
      const bottom = Math.min(r.bottom, box.bottom) - box.top;
      if (right > left && bottom > top) rects.push({ left, right, top, bottom });
    }
    return { width: box.width, height: box.height, rects };
  }

  // Leaflet's popup around its content: margins and border across, and down to the point it
  // shows (the tip) plus a small gap
  const POPUP_FRAME_X = 48;
  const POPUP_FRAME_Y = 48;
  const POPUP_WIDTH = 380;
  // a popup scrolls beyond this share of the free height (the rest shows what it is about)
  const POPUP_SHARE = 0.5;
  const FREE_MARGIN = 10;

  // The largest part of the map clear of everything over it: each covering is kept out from
  // its side, or from above or below it, whichever leaves more; paddings top, right, bottom,
  // left in pixels, and the popup's largest size there.
  function freeArea(map) {
    const { width, height, rects } = coverings(map);
    const over = rects.slice(0, 10);
    let best = null;
    for (let mask = 0; mask < 1 << over.length; mask++) {
      const pad = [FREE_MARGIN, FREE_MARGIN, FREE_MARGIN, FREE_MARGIN];
      over.forEach((r, i) => {
        if ((mask >> i) & 1) {
          if (r.left + r.right < width) pad[3] = Math.max(pad[3], r.right + FREE_MARGIN);
          else pad[1] = Math.max(pad[1], width - r.left + FREE_MARGIN);
        } else if (r.top + r.bottom < height) pad[0] = Math.max(pad[0], r.bottom + FREE_MARGIN);
        else pad[2] = Math.max(pad[2], height - r.top + FREE_MARGIN);
      });
      const w = width - pad[1] - pad[3];
      const h = height - pad[0] - pad[2];
      if (!best || (w > 0 && h > 0 && w * h > best.w * best.h)) best = { pad, w, h };
    }
    const { pad, w, h } = best;
    return {
      pad,
      maxWidth: Math.max(120, Math.min(POPUP_WIDTH, Math.floor(w) - POPUP_FRAME_X)),
      maxHeight: Math.max(80, Math.floor(h * POPUP_SHARE) - POPUP_FRAME_Y),
    };
  }

  // fit bounds in the free part of the map (with `popup`: below the room a popup takes)
  function fitFree(bounds, { popup = false, maxZoom } = {}) {
    const free = freeArea(rk.map);
    const [top, right, bottom, left] = free.pad;
    const above = popup ? free.maxHeight + POPUP_FRAME_Y : 0;
    rk.map.fitBounds(bounds, {
      animate: false,
      paddingTopLeft: [left, top + above],
      paddingBottomRight: [right, bottom],
      maxZoom,
    });
  }
  rk.freeArea = () => freeArea(rk.map);
  rk.fitFree = fitFree;

  // A popup no wider and (scrolling) no taller than the free part of the map allows, and that
  // moves the map to stay clear of the controls; measured each time it opens or is updated.
  const Popup = L.Popup.extend({
    update() {
      if (this._map) {
        const free = freeArea(this._map);
        const [top, right, bottom, left] = free.pad;
        L.setOptions(this, {
          maxWidth: free.maxWidth,
          minWidth: Math.min(220, free.maxWidth),
          maxHeight: free.maxHeight,
          autoPanPaddingTopLeft: [left, top],
          autoPanPaddingBottomRight: [right, bottom],
        });
      }
      return L.Popup.prototype.update.call(this);
    },
  });

  // --- popups (data-driven: extra rows and notes of a region or school are shown as given) ------

  const findingsHtml = (data, items) =>
    items
      .slice()
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.id - b.id)
      .map(
        (f) =>
          `<div class="rk-msg"><span class="rk-sev rk-sev-${rk.esc(f.severity)}">` +
          `${rk.esc(data.texts[`severity_${f.severity}`] || f.severity)}</span> ` +
          `${rk.esc(f.message)}</div>`,
      )
      .join("");

  // a popup of findings only: as wide as a region's, scrolling as a whole where it must
  const findingsPopup = (data, items) =>
    `<div class="rk-popup-findings rk-findings-only">${findingsHtml(data, items)}</div>`;

  const extraHtml = (item) =>
    (item.rows_extra ? rows(item.rows_extra.map((r) => [r[0], rk.esc(r[1])])) : "") +
    (item.note ? `<p class="rk-note">${rk.esc(item.note)}</p>` : "");

  rk.popups = {
    region(data, r) {
      const T = data.texts;
      const money = [];
      if (r.max_subsidy_text !== undefined) {
        const year = r.per_year_text ? ` (${rk.esc(r.per_year_text)} ${rk.esc(T.per_year)})` : "";
        money.push([T.max_subsidy, `<b>${rk.esc(r.max_subsidy_text)}</b>${year}`]);
      }
      if (r.technical_share_text !== undefined) {
        money.push([T.technical_share, rk.esc(r.technical_share_text)]);
      }
      if (r.techniekarm !== undefined) {
        money.push([T.techniekarm, `<b>${rk.esc(r.techniekarm ? T.yes : T.no)}</b>`]);
      }
      const counts = SEVERITIES.map((s) => `${r[countKey(s)]} ${T[`severity_${s}`]}`).join(", ");
      const html =
        `<h3>${rk.esc(r.name)}</h3>` +
        rows([
          [T.n_schools, `${r.n_schools} (${r.n_technical} ${rk.esc(T.n_technical)})`],
          [
            T.counted,
            `<b>${rk.esc(r.counted_text)}</b> (BB/KB ${rk.esc(r.counted_bb_kb_text)}, ` +
              `GL ${rk.esc(r.counted_gl_text)})`,
          ],
          ...money,
          [T.findings, rk.esc(counts)],
        ]) +
        extraHtml(r);
      const items = data.findings.filter((f) => f.regions.includes(r.name));
      return (
        html +
        (items.length ? `<div class="rk-popup-findings">${findingsHtml(data, items)}</div>` : "")
      );
    },

    school(data, s) {
      const T = data.texts;
      const regions = s.regions.length
        ? s.regions.map(rk.esc).join(", ")
        : `<i>${rk.esc(T.no_region)}</i>`;
      let html =
        `<h3>${rk.esc(s.name)}</h3>` +
        rows([
          [T.code, rk.esc(s.code)],
          [T.address, s.address.map(rk.esc).join("<br>")],
          [T.gemeente, rk.esc(s.gemeente)],
          [T.kind, rk.esc(s.kind)],
          [T.leerwegen, rk.esc(s.leerwegen || T.none)],
          [T.profiles, rk.esc(s.profiles || T.none)],
          [
            s.regions.length > 1 ? rk.fill_in(T.in_regions, { n: s.regions.length }) : T.region,
            regions,
          ],
        ]);
      if (s.table?.length) {
        const head = T.leerweg_names.map((lw) => `<th class="n">${rk.esc(lw)}</th>`).join("");
        const body = s.table
          .map((r, i) => {
            const total = i === s.table.length - 1;
            const cells = r
              .slice(1)
              .map((v) => `<td class="n">${total ? `<b>${rk.esc(v)}</b>` : rk.esc(v)}</td>`)
              .join("");
            return `<tr><td>${total ? `<b>${rk.esc(T.total)}</b>` : rk.esc(r[0])}</td>${cells}</tr>`;
          })
          .join("");
        html += `<table class="rk-counts"><tr><th>${rk.esc(T.profile)}</th>${head}</tr>${body}</table>`;
      }
      html +=
        `<p>${rk.esc(T.counted)}: <b>${rk.esc(s.counted_text)}</b><br>` +
        `<small>${rk.esc(T.counted_note)}</small></p>` +
        extraHtml(s);
      const items = data.findings.filter((f) => f.schools.includes(s.code));
      return (
        html +
        (items.length ? `<div class="rk-popup-findings">${findingsHtml(data, items)}</div>` : "")
      );
    },
  };

  const countKey = (severity) => ({ error: "errors", warning: "warnings", info: "info" })[severity];

  // --- CSV downloads, made in the page -------------------------------------------------------------

  rk.download = (file, text) => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    const a = el("a", "", document.body);
    a.href = url;
    a.download = file;
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  // --- panels: the region list and the findings, usable on any page --------------------------------

  rk.panels = {
    regionList(container, data, onSelect) {
      const T = data.texts;
      const all = [
        ["name", T.region, (r) => r.name, "text"],
        ["n_schools", T.n_schools, (r) => String(r.n_schools), "num"],
        ["counted", T.col_counted, (r) => r.counted_text, "num"],
        ["max_subsidy", T.max_subsidy, (r) => r.max_subsidy_short ?? "", "num"],
        [
          "techniekarm",
          T.col_techniekarm,
          (r) => (r.techniekarm === undefined ? "" : r.techniekarm ? T.yes : T.no),
          "text",
        ],
        ["findings", T.col_findings, findingBadges, "num"],
      ];
      // a column without any value (no money, no findings) is left out
      const has = {
        max_subsidy: data.regions.some((r) => r.max_subsidy !== undefined),
        techniekarm: data.regions.some((r) => r.techniekarm !== undefined),
        findings: data.findings.length > 0,
      };
      const columns = all.filter(([key]) => has[key] !== false);
      const sortValue = {
        name: (r) => rk.fold(r.name),
        n_schools: (r) => r.n_schools,
        counted: (r) => r.counted,
        max_subsidy: (r) => r.max_subsidy ?? -1,
        techniekarm: (r) => (r.techniekarm ? 1 : 0),
        findings: (r) => r.errors * 1e6 + r.warnings * 1e3 + r.info,
      };
      let sortKey = "name";
      let ascending = true;
      container.innerHTML = "";
      const table = el("table", "rk-list rk-region-list", container);
      const head = el("tr", "", el("thead", "", table));
      const body = el("tbody", "", table);
      const draw = () => {
        head.innerHTML = "";
        for (const [key, label, , type] of columns) {
          const th = el("th", type === "num" ? "n" : "", head);
          th.setAttribute(
            "aria-sort",
            key === sortKey ? (ascending ? "ascending" : "descending") : "none",
          );
          const b = el("button", "rk-sort", th, label);
          b.type = "button";
          b.dataset.key = key;
          b.title = rk.fill_in(T.sort_by, { column: label });
          b.addEventListener("click", () => {
            ascending = key === sortKey ? !ascending : key === "name";
            sortKey = key;
            draw();
          });
        }
        const value = sortValue[sortKey];
        const sorted = data.regions.slice().sort((a, b) => {
          const va = value(a);
          const vb = value(b);
          const c = va < vb ? -1 : va > vb ? 1 : a.name < b.name ? -1 : 1;
          return ascending ? c : -c;
        });
        body.innerHTML = "";
        for (const r of sorted) {
          const tr = el("tr", "", body);
          tr.dataset.region = r.name;
          columns.forEach(([key, , get, type], i) => {
            const td = el("td", type === "num" ? "n" : "", tr);
            if (i === 0) {
              const b = el("button", "rk-link", td);
              b.type = "button";
              const sw = el("span", "rk-chip", b);
              sw.style.background = r.color;
              nameWithBreaks(el("span", "", b), r.name);
              b.addEventListener("click", () => onSelect?.(r));
            } else if (key === "findings") {
              td.innerHTML = get(r);
            } else {
              td.textContent = get(r);
            }
          });
        }
      };
      draw();
      return { redraw: draw };
    },

    findings(container, data, onSelect) {
      const T = data.texts;
      container.innerHTML = "";
      if (!data.findings.length) {
        el("p", "rk-empty", container, T.no_findings);
        return;
      }
      const list = el("ol", "rk-list rk-findings-list", container);
      const items = data.findings
        .slice()
        .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.id - b.id);
      for (const f of items) {
        const li = el("li", `rk-finding-item rk-sev-${f.severity}`, list);
        li.dataset.id = f.id;
        li.dataset.rule = f.rule;
        const b = el("button", "rk-link", li);
        b.type = "button";
        el("span", `rk-sev rk-sev-${f.severity}`, b, T[`severity_${f.severity}`] || f.severity);
        el("span", "rk-where", b, f.regions.join(", "));
        el("span", "rk-text", b, f.message);
        b.addEventListener("click", () => onSelect?.(f));
      }
    },
  };

  // a name, set as text, that may break after a slash ("Hardenberg/Gramsbergen") but not
  // after the article of "'s-Gravenhage"
  function nameWithBreaks(node, name) {
    name.split(/(?<=\/)/).forEach((part, i) => {
      if (i) el("wbr", "", node);
      part.split(/('[st]-[^\s/]+)/i).forEach((piece, j) => {
        if (j % 2) el("span", "rk-nobreak", node, piece);
        else if (piece) node.appendChild(document.createTextNode(piece));
      });
    });
  }

  function findingBadges(r) {
    return SEVERITIES.filter((s) => r[countKey(s)] > 0)
      .map(
        (s) =>
          `<span class="rk-badge rk-sev-${s}" title="${rk.esc(rk.data?.texts[`severity_${s}`] ?? s)}">${r[countKey(s)]}</span>`,
      )
      .join(" ");
  }

  // --- the page around the map ----------------------------------------------------------------------

  function buildPage(map, data) {
    const T = data.texts;
    const container = map.getContainer();
    container.setAttribute("aria-label", T.map_label);
    container.setAttribute("role", "region");
    const header = el("header", "rk-header");
    const titles = el("div", "rk-titles", header);
    el("h1", "rk-title", titles, data.title);
    el("p", "rk-subtitle", titles, data.subtitle);
    const search = el("div", "rk-search", header);
    const tools = el("div", "rk-tools", header);
    const main = el("div", "rk-main");
    container.parentNode.insertBefore(header, container);
    container.parentNode.insertBefore(main, container);
    main.appendChild(container);
    const panel = el("aside", "rk-panel", main);
    panel.id = "rk-panel";
    document.body.classList.add("rk-page");
    return { header, search, tools, main, panel };
  }

  function buildPanel(page, data) {
    const T = data.texts;
    const panel = page.panel;
    const bar = el("div", "rk-tabs", panel);
    bar.setAttribute("role", "tablist");
    const nErrors = data.findings.filter((f) => f.severity === "error").length;
    const tabs = [
      ["findings", rk.fill_in(T.panel_findings, { n: data.findings.length })],
      ["regions", rk.fill_in(T.panel_regions, { n: data.regions.length })],
    ];
    const bodies = {};
    const buttons = {};
    const show = (key) => {
      for (const [k] of tabs) {
        bodies[k].hidden = k !== key;
        buttons[k].setAttribute("aria-selected", String(k === key));
      }
      panel.dataset.tab = key;
    };
    for (const [key, label] of tabs) {
      const b = el("button", "rk-tab", bar, label);
      b.type = "button";
      b.setAttribute("role", "tab");
      b.dataset.tab = key;
      b.addEventListener("click", () => show(key));
      buttons[key] = b;
    }
    const close = el("button", "rk-close", bar, "×");
    close.type = "button";
    close.title = T.panel_close;
    close.setAttribute("aria-label", T.panel_close);
    close.addEventListener("click", () => rk.togglePanel(false));
    for (const [key] of tabs) {
      bodies[key] = el("div", `rk-tab-body rk-tab-${key}`, panel);
      bodies[key].setAttribute("role", "tabpanel");
    }
    rk.panels.findings(bodies.findings, data, (f) => rk.showFinding(f.id));
    rk.regionList = rk.panels.regionList(bodies.regions, data, (r) => rk.showRegion(r.name));
    rk.panelBodies = bodies;
    rk.panelTabs = { buttons, labels: Object.fromEntries(tabs) };
    const downloads = el("div", "rk-downloads", panel);
    for (const [name, exp] of Object.entries(data.exports)) {
      const b = el("button", "rk-button rk-download", downloads, T[`download_${name}`] || exp.file);
      b.type = "button";
      b.dataset.export = name;
      b.addEventListener("click", () => rk.download(exp.file, exp.csv));
    }
    show(nErrors > 0 ? "findings" : "regions");
    rk.showTab = show;
  }

  function togglePanel(open) {
    const main = document.querySelector(".rk-main");
    const want = open ?? !main.classList.contains("rk-panel-open");
    main.classList.toggle("rk-panel-open", want);
    const button = document.querySelector(".rk-open-panel");
    if (button) button.setAttribute("aria-expanded", String(want));
    rk.map.invalidateSize();
  }
  rk.togglePanel = togglePanel;

  function buildTools(page, data) {
    const T = data.texts;
    const lists = el("button", "rk-button rk-open-panel", page.tools, T.panel_open);
    lists.type = "button";
    lists.setAttribute("aria-controls", "rk-panel");
    lists.addEventListener("click", () => rk.togglePanel());
    const print = el("button", "rk-button rk-print", page.tools, T.print);
    print.type = "button";
    print.addEventListener("click", () => window.print());
  }

  // --- search: schools, places and regions ---------------------------------------------------------

  function searchEntries(data) {
    const T = data.texts;
    const out = [];
    for (const r of data.regions) {
      out.push({
        kind: "region",
        key: rk.fold(r.name),
        code: "",
        label: r.name,
        sub: T.search_region,
        item: r,
      });
    }
    for (const s of data.schools) {
      out.push({
        kind: "school",
        key: rk.fold(`${s.name} ${s.place} ${s.aliases ?? ""}`),
        code: s.code.toLowerCase(),
        label: s.name,
        sub: `${s.place} · ${s.code}`,
        item: s,
      });
    }
    for (const p of data.places) {
      out.push({
        kind: "place",
        key: rk.fold(p[0]),
        code: "",
        label: p[0],
        sub: T.search_place,
        item: p,
      });
    }
    return out;
  }

  function buildSearch(page, data) {
    const T = data.texts;
    const entries = searchEntries(data);
    const input = el("input", "", page.search);
    input.type = "search";
    input.placeholder = T.search;
    input.setAttribute("aria-label", T.search);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "rk-search-hits");
    input.autocomplete = "off";
    const list = el("ul", "rk-hits", page.search);
    list.id = "rk-search-hits";
    list.setAttribute("role", "listbox");
    let hits = [];
    let active = -1;
    const clear = () => {
      list.innerHTML = "";
      hits = [];
      input.setAttribute("aria-expanded", "false");
    };
    const choose = (h) => {
      clear();
      if (h.kind === "school") rk.showSchool(h.item.code);
      else if (h.kind === "region") rk.showRegion(h.item.name);
      else rk.map.setView([h.item[1], h.item[2]], 12, { animate: false });
    };
    const show = () => {
      clear();
      const q = rk.fold(input.value.trim());
      if (!q) return;
      const found = [];
      for (const e of entries) {
        const rank =
          e.code && e.code === q
            ? 0
            : e.key === q
              ? 1
              : e.code?.startsWith(q) || e.key.startsWith(q)
                ? 2
                : e.key.includes(` ${q}`) || e.key.includes(`-${q}`)
                  ? 3
                  : e.key.includes(q)
                    ? 4
                    : -1;
        if (rank >= 0) found.push([rank, e]);
      }
      found.sort((a, b) => a[0] - b[0] || (a[1].key < b[1].key ? -1 : a[1].key > b[1].key ? 1 : 0));
      hits = found.slice(0, 12).map((f) => f[1]);
      input.setAttribute("aria-expanded", "true");
      if (!hits.length) {
        el("li", "rk-none", list, T.search_none);
        return;
      }
      hits.forEach((h) => {
        const li = el("li", `rk-hit rk-hit-${h.kind}`, list);
        li.setAttribute("role", "option");
        if (h.kind === "school") li.dataset.code = h.item.code;
        if (h.kind === "region") li.dataset.region = h.item.name;
        el("span", "", li, h.label);
        el("small", "", li, ` ${h.sub}`);
        li.addEventListener("mousedown", (e) => e.preventDefault());
        li.addEventListener("click", () => choose(h));
      });
      if (found.length > hits.length) {
        el(
          "li",
          "rk-more",
          list,
          rk.fill_in(T.search_more, { shown: hits.length, total: found.length }),
        );
      }
    };
    const mark = () => {
      list.querySelectorAll("li.rk-hit").forEach((li, i) => {
        li.classList.toggle("rk-active", i === active);
        li.setAttribute("aria-selected", String(i === active));
      });
    };
    input.addEventListener("input", () => {
      active = -1;
      show();
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" && hits.length) {
        active = (active + 1) % hits.length;
        mark();
        e.preventDefault();
      } else if (e.key === "ArrowUp" && hits.length) {
        active = (active + hits.length - 1) % hits.length;
        mark();
        e.preventDefault();
      } else if (e.key === "Enter" && hits.length) {
        choose(hits[Math.max(active, 0)]);
      } else if (e.key === "Escape") {
        input.value = "";
        clear();
      }
    });
    input.addEventListener("blur", () => setTimeout(clear, 150));
  }

  // --- the layers ----------------------------------------------------------------------------------

  function makePanes(map) {
    for (const [name, z] of PANES) {
      const pane = map.createPane(name);
      pane.style.zIndex = String(z);
    }
    for (const name of [
      "rkLand",
      "rkBorders",
      "rkOutlines",
      "rkOther",
      "rkPlaces",
      "rkRegionNames",
    ]) {
      map.getPane(name).style.pointerEvents = "none";
    }
  }

  function landLayer(data) {
    const features = data.land.neighbours.map((n) => ({
      type: "Feature",
      properties: {},
      geometry: n.geometry,
    }));
    features.push({ type: "Feature", properties: {}, geometry: data.land.netherlands });
    return L.geoJSON(
      { type: "FeatureCollection", features },
      {
        pane: "rkLand",
        interactive: false,
        style: (f) => ({
          stroke: true,
          color: "#b8b2a6",
          weight: 0.8,
          fill: !data.tiles,
          fillColor: f === features[features.length - 1] ? data.palette.land : "#e6e3dc",
          fillOpacity: 1,
        }),
      },
    );
  }

  function bordersLayer(data) {
    return L.layerGroup([
      L.geoJSON(data.borders.gemeenten, {
        pane: "rkBorders",
        interactive: false,
        style: { color: "#8f887c", weight: 0.5, opacity: 0.8, fill: false },
      }),
      L.geoJSON(data.borders.provinces, {
        pane: "rkBorders",
        interactive: false,
        style: { color: "#5f594f", weight: 1.3, opacity: 0.9, fill: false },
      }),
    ]);
  }

  function regionFill(data, r) {
    const fills = data.palette.fills;
    if (rk.fill !== "region" && fills[rk.fill]) return fills[rk.fill].colors[r.name] || "#cccccc";
    return r.color;
  }

  function regionsLayer(data) {
    const group = L.featureGroup();
    for (const r of data.regions) {
      if (!r.geometry) continue;
      group.addLayer(regionArea(data, r));
    }
    // municipalities without a school, drawn lighter: one shape for all of them
    const polygons = data.regions
      .filter((r) => r.inferred)
      .flatMap((r) =>
        r.inferred.type === "MultiPolygon" ? r.inferred.coordinates : [r.inferred.coordinates],
      );
    if (polygons.length) {
      L.geoJSON(
        { type: "MultiPolygon", coordinates: polygons },
        {
          pane: "rkOutlines",
          interactive: false,
          style: {
            stroke: false,
            fillColor: "#ffffff",
            fillOpacity: 0.45,
            className: "rk-inferred",
          },
        },
      ).addTo(group);
    }
    return group;
  }

  // one region's area, with its popup and tooltip
  function regionArea(data, r) {
    const layer = L.geoJSON(r.geometry, {
      pane: "rkAreas",
      style: () => ({
        color: data.palette.border,
        weight: 1.4,
        opacity: 0.9,
        fillColor: regionFill(data, r),
        fillOpacity: rk.fill === "region" ? data.palette.opacity : 0.8,
        className: "rk-region",
      }),
    });
    bindPopup(layer, () => rk.popups.region(data, r));
    layer.bindTooltip(rk.esc(r.name), { sticky: true, className: "rk-tip" });
    layer.regionName = r.name;
    rk.regionLayers[r.name] = layer;
    return layer;
  }

  function restyleRegions(data) {
    for (const r of data.regions) {
      const layer = rk.regionLayers[r.name];
      if (layer) {
        layer.setStyle({
          fillColor: regionFill(data, r),
          fillOpacity: rk.fill === "region" ? data.palette.opacity : 0.8,
        });
      }
    }
  }

  function techniekarmLayer(data) {
    const group = L.layerGroup();
    for (const r of data.regions) {
      if (r.techniekarm && r.geometry) {
        L.geoJSON(r.geometry, {
          pane: "rkOutlines",
          interactive: false,
          style: {
            color: "#111111",
            weight: 3,
            dashArray: "7 5",
            fill: false,
            className: "rk-techniekarm",
          },
        }).addTo(group);
      }
    }
    return group;
  }

  function schoolsLayer(data) {
    const group = L.featureGroup();
    const colors = Object.fromEntries(data.regions.map((r) => [r.name, r.color]));
    for (const s of data.schools) {
      schoolMarker(data, s, colors, group);
      rk.schools.push({ code: s.code, layer: rk.schoolLayers[s.code] });
    }
    // one tooltip and one click handler for all schools (binding each of them costs more
    // than drawing them)
    const byCode = Object.fromEntries(data.schools.map((s) => [s.code, s]));
    group.bindTooltip(
      (layer) => {
        const s = byCode[layer.schoolCode];
        const where = s.regions.join(", ") || data.texts.no_region;
        return `<b>${rk.esc(s.name)}</b><br>${rk.esc(s.place)} · ${rk.esc(where)}`;
      },
      { className: "rk-tip" },
    );
    group.on("click", (e) => {
      L.DomEvent.stop(e);
      rk.openSchoolPopup(e.layer.schoolCode);
    });
    return group;
  }

  rk.openSchoolPopup = (code) => {
    const s = rk.data.schools.find((x) => x.code === code);
    const marker = rk.schoolLayers[code];
    if (!s || !marker) return;
    // the content is made again whenever the popup is updated (an editor's change)
    new Popup(popupOptions())
      .setLatLng(marker.getLatLng())
      .setContent(() =>
        rk.popups.school(
          rk.data,
          rk.data.schools.find((x) => x.code === code),
        ),
      )
      .openOn(rk.map);
  };

  // a school's marker in its (first) region's colour, and a ring for each further region
  function schoolMarker(data, s, colors, group) {
    rk.schoolRings[s.code] = s.regions.slice(1).map((name, i) =>
      L.circleMarker([s.lat, s.lon], {
        pane: "rkSchools",
        radius: s.radius + 3 + 3 * i,
        color: colors[name],
        weight: 3,
        fill: false,
        interactive: false,
        className: "rk-second-region",
      }).addTo(group),
    );
    const fill = s.regions.length ? colors[s.regions[0]] : data.palette.no_region;
    const marker = L.circleMarker([s.lat, s.lon], {
      pane: "rkSchools",
      radius: s.radius,
      color: "#333333",
      weight: 1,
      fillColor: fill,
      fillOpacity: s.counted > 0 ? 0.95 : 0.5,
      className: "rk-school",
    });
    marker.schoolCode = s.code;
    group.addLayer(marker);
    rk.schoolLayers[s.code] = marker;
    return marker;
  }

  function findingLayers(data) {
    const layers = { error: L.featureGroup(), warning: L.featureGroup(), info: L.featureGroup() };
    // lines between split pairs and outlines of regions, in the finding's colour, below the schools
    for (const f of data.findings) {
      const color = SEVERITY_COLOR[f.severity] || SEVERITY_COLOR.info;
      for (const line of f.lines) {
        const pl = L.polyline(line, {
          pane: "rkLines",
          color,
          weight: 2.5,
          opacity: 0.9,
          className: "rk-finding rk-pair",
        });
        bindPopup(pl, () => findingsPopup(data, [f]));
        pl.rkKey = `${f.severity}|${f.message}|${line}`;
        pl.addTo(layers[f.severity] || layers.info);
      }
    }
    // one symbol per place, of the most severe finding there; its popup lists every finding there
    const at = new Map();
    for (const f of data.findings) {
      for (const a of f.anchors) {
        const key = `${a[0]},${a[1]}`;
        if (!at.has(key)) at.set(key, { latlng: a, items: [] });
        at.get(key).items.push(f);
      }
    }
    for (const { latlng, items } of at.values()) {
      items.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.id - b.id);
      const top = items[0].severity in SEVERITY_RANK ? items[0].severity : "info";
      const size = SEVERITY_SIZE[top];
      const label = `${data.texts[`severity_${top}`]}: ${items[0].regions.join(", ")}`;
      // a finding at its region sits just above the region's name
      const lift = items[0].at === "region" ? 16 : 0;
      const marker = L.marker(latlng, {
        icon: L.divIcon({
          className: `rk-f rk-f-${top}`,
          html: symbolSvg(top, size),
          iconSize: [size, size],
          iconAnchor: [size / 2, size / 2 + lift],
          popupAnchor: [0, -size / 2 - lift],
        }),
        keyboard: false,
        zIndexOffset: { error: 3000, warning: 2000, info: 1000 }[top],
        title: label,
        alt: label,
      });
      bindPopup(marker, () => findingsPopup(data, items));
      marker.addTo(layers[top]);
      marker.rkKey = `${latlng}|${items.map((f) => `${f.severity}|${f.message}`).join("|")}`;
      marker.rkIds = items.map((f) => f.id);
      for (const f of items) {
        if (!(f.id in rk.findingMarkers)) rk.findingMarkers[f.id] = marker;
      }
    }
    return layers;
  }

  // error: a red diamond, warning: an orange triangle, info: a blue circle (shape and colour)
  function symbolSvg(severity, size) {
    const shape = {
      error: '<path d="M12 1 23 12 12 23 1 12Z"/>',
      warning: '<path d="M12 1.5 23 21.5H1Z"/>',
      info: '<circle cx="12" cy="12" r="10.5"/>',
    }[severity];
    const mark = {
      error:
        '<rect x="10.6" y="5.5" width="2.8" height="8.5"/><rect x="10.6" y="15.5" width="2.8" height="2.8"/>',
      warning:
        '<rect x="10.6" y="8" width="2.8" height="7.5"/><rect x="10.6" y="17" width="2.8" height="2.6"/>',
      info: '<rect x="10.6" y="10" width="2.8" height="8"/><rect x="10.6" y="5.5" width="2.8" height="2.8"/>',
    }[severity];
    return (
      `<svg viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true">` +
      `<g fill="${SEVERITY_COLOR[severity]}" stroke="#ffffff" stroke-width="1.6">${shape}</g>` +
      `<g fill="#ffffff">${mark}</g></svg>`
    );
  }
  rk.symbolSvg = symbolSvg;

  function regionNamesLayer(data) {
    const group = L.layerGroup();
    const bySize = data.regions.slice().sort((a, b) => b.counted - a.counted);
    for (const r of bySize) {
      if (!r.label) continue;
      const name = L.marker(r.label, {
        pane: "rkRegionNames",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: "rk-label",
          html: `<span>${rk.esc(r.name)}</span>`,
          iconSize: null,
        }),
      });
      name.rkKey = `${r.name}|${r.label}`;
      name.addTo(group);
    }
    return group;
  }

  function placesLayer(data) {
    const group = L.layerGroup();
    const tiers = new Map();
    for (const p of data.places) {
      if (!tiers.has(p[3])) tiers.set(p[3], L.layerGroup());
      L.marker([p[1], p[2]], {
        pane: "rkPlaces",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: "rk-place",
          html: `<span>${rk.esc(p[0])}</span>`,
          iconSize: null,
        }),
      }).addTo(tiers.get(p[3]));
    }
    const update = () => {
      const z = rk.map.getZoom();
      for (const [zoom, tier] of tiers) {
        if (z >= zoom) group.addLayer(tier);
        else group.removeLayer(tier);
      }
    };
    group.on("add", () => {
      rk.map.on("zoomend", update);
      update();
    });
    group.on("remove", () => rk.map.off("zoomend", update));
    return group;
  }

  function compareLayers(data) {
    const c = data.compare;
    const other = L.layerGroup([
      L.geoJSON(c.borders, {
        pane: "rkOther",
        interactive: false,
        style: { color: "#ffffff", weight: 6, opacity: 0.9 },
      }),
      L.geoJSON(c.borders, {
        pane: "rkOther",
        interactive: false,
        style: { color: "#111111", weight: 3, dashArray: "8 5", className: "rk-other-border" },
      }),
    ]);
    const moved = L.featureGroup();
    const byCode = Object.fromEntries(data.schools.map((s) => [s.code, s]));
    for (const [code, a, b] of c.moved) {
      const s = byCode[code];
      if (!s) continue;
      const text = rk.fill_in(data.texts.moved_from_to, { a: a || "–", b: b || "–" });
      const ring = L.circleMarker([s.lat, s.lon], {
        pane: "rkMoved",
        radius: s.radius + 5,
        color: "#111111",
        weight: 2.5,
        dashArray: "3 3",
        fill: false,
        className: "rk-moved",
      });
      ring.bindTooltip(`<b>${rk.esc(s.name)}</b><br>${rk.esc(text)}`, { className: "rk-tip" });
      bindPopup(
        ring,
        () => `<h3>${rk.esc(s.name)}</h3><p>${rk.esc(text)}</p>${rk.popups.school(data, s)}`,
      );
      ring.addTo(moved);
    }
    return { other, moved };
  }

  function popupOptions() {
    return { className: "rk-popup" };
  }

  // a layer's popup: a Popup (sized to the free part of the map) with content made on opening
  function bindPopup(layer, content) {
    layer.bindPopup(new Popup(popupOptions()).setContent(content));
  }

  // --- legend --------------------------------------------------------------------------------------

  const swatch = (style, cls = "") => `<span class="rk-swatch ${cls}" style="${style}"></span>`;
  const legendRow = (symbol, label) =>
    `<div class="rk-row">${symbol}<span>${rk.esc(label)}</span></div>`;

  // `shown(name)`: whether a layer is shown (by default: whether it is on the map)
  function legendHtml(data, shown) {
    const T = data.texts;
    const map = rk.map;
    const on = shown || ((name) => rk.layers[name] && map.hasLayer(rk.layers[name]));
    const parts = [];
    const fill = data.palette.fills[rk.fill];
    if (rk.fill === "region" || !fill) {
      const chips = data.palette.colors.map((c) => swatch(`background:${c};opacity:.8`)).join("");
      parts.push(
        `<h4>${rk.esc(T.fill_region)}</h4><div class="rk-chips">${chips}</div><p>${rk.esc(T.legend_regions)}</p>`,
      );
    } else if (fill.stops) {
      parts.push(
        `<h4>${rk.esc(T[`fill_${rk.fill}`])}</h4>` +
          `<div class="rk-bar" style="background:linear-gradient(to right, ${fill.stops.join(",")})"></div>` +
          `<div class="rk-ticks">${fill.ticks.map((t) => `<span>${rk.esc(t)}</span>`).join("")}</div>`,
      );
    } else {
      parts.push(
        `<h4>${rk.esc(T.fill_techniekarm)}</h4>` +
          fill.classes
            .map(([c, k]) => legendRow(swatch(`background:${c};opacity:.8`), T[k]))
            .join(""),
      );
    }
    // how an official division is drawn: from municipalities, or around its schools where it
    // is not a union of municipalities
    const drawn =
      data.drawn_as === "gemeenten"
        ? T.legend_drawn_gemeenten
        : data.kind === "division"
          ? T.legend_drawn_cells
          : "";
    if (drawn) parts.push(`<p class="rk-small">${rk.esc(drawn)}</p>`);
    if (data.regions.some((r) => r.inferred))
      parts.push(`<p class="rk-small">${rk.esc(T.legend_inferred)}</p>`);
    if (on("techniekarm") && data.regions.some((r) => r.techniekarm)) {
      parts.push(
        legendRow(swatch("border:2px dashed #111;background:transparent"), T.legend_techniekarm),
      );
    }
    if (on("schools")) {
      parts.push(
        `<h4>${rk.esc(T.layer_schools)}</h4>` +
          legendRow(
            swatch(`background:${data.palette.no_region};border:1px solid #333`, "rk-dot"),
            T.legend_no_region,
          ) +
          legendRow(
            swatch("background:#ddd;border:1px solid #333;opacity:.6", "rk-dot rk-small-dot"),
            T.legend_no_counted,
          ) +
          `<p class="rk-small">${rk.esc(T.legend_size)}</p>`,
      );
      if (data.schools.some((s) => s.regions.length > 1)) {
        parts.push(
          legendRow(
            swatch("border:3px solid #555;background:transparent", "rk-dot"),
            T.legend_two_regions,
          ),
        );
      }
    }
    const severities = SEVERITIES.filter(
      (s) => on(s) && data.findings.some((f) => f.severity === s),
    );
    if (severities.length) {
      parts.push(
        `<h4>${rk.esc(T.findings)}</h4>` +
          severities
            .map((s) =>
              legendRow(`<span class="rk-f-legend">${symbolSvg(s, 16)}</span>`, T[`legend_${s}`]),
            )
            .join(""),
      );
      if (data.findings.some((f) => f.lines.length)) {
        parts.push(
          legendRow(swatch(`height:3px;background:${SEVERITY_COLOR.warning}`), T.legend_split),
        );
      }
    }
    if (data.compare) {
      if (on("other"))
        parts.push(legendRow(swatch("height:0;border-top:3px dashed #111"), T.legend_other));
      if (on("moved"))
        parts.push(
          legendRow(
            swatch("border:2px dashed #111;background:transparent", "rk-dot"),
            T.legend_moved,
          ),
        );
    }
    if (on("borders")) parts.push(`<p class="rk-small">${rk.esc(T.legend_borders)}</p>`);
    return parts.join("");
  }

  function buildLegend(map, data) {
    const control = L.control({ position: "bottomright" });
    control.onAdd = () => {
      const details = L.DomUtil.create("details", "rk-legend");
      details.open = !window.matchMedia(PHONE).matches;
      const summary = el("summary", "", details, data.texts.legend);
      summary.setAttribute("aria-label", data.texts.legend);
      rk.legendBody = el("div", "rk-legend-body", details);
      L.DomEvent.disableClickPropagation(details);
      L.DomEvent.disableScrollPropagation(details);
      // names the legend now covers or uncovers
      details.addEventListener("toggle", () => rk.declutter?.());
      return details;
    };
    control.addTo(map);
    const update = () => {
      rk.legendBody.innerHTML = legendHtml(data);
    };
    map.on("overlayadd overlayremove baselayerchange", update);
    // built before the layers are drawn, as it will be when every layer made is shown
    rk.legendBody.innerHTML = legendHtml(data, (name) => name in rk.layers);
    rk.updateLegend = update;
  }

  // --- controls --------------------------------------------------------------------------------------

  function buildControls(map, data) {
    const T = data.texts;
    L.control
      .zoom({ position: "topleft", zoomInTitle: T.zoom_in, zoomOutTitle: T.zoom_out })
      .addTo(map);
    fullscreenControl(map, T);
    L.control.scale({ position: "bottomleft", imperial: false, metric: true }).addTo(map);
    const bases = {};
    for (const mode of ["region", "counted", "subsidy", "techniekarm"]) {
      if (mode !== "region" && !data.palette.fills[mode]) continue;
      const dummy = L.layerGroup();
      dummy.fillMode = mode;
      bases[rk.esc(T[`fill_${mode}`])] = dummy;
      if (mode === "region") dummy.addTo(map);
    }
    const overlays = {};
    const names = {
      schools: T.layer_schools,
      error: T.layer_errors,
      warning: T.layer_warnings,
      info: T.layer_info,
      techniekarm: T.layer_techniekarm,
      other: T.layer_other,
      moved: T.layer_moved,
      regionNames: T.layer_region_names,
      places: T.layer_places,
      borders: T.layer_borders,
    };
    for (const [key, label] of Object.entries(names)) {
      if (rk.layers[key]) overlays[rk.esc(label)] = rk.layers[key];
    }
    const phone = window.matchMedia(PHONE).matches;
    const control = L.control
      .layers(bases, overlays, { collapsed: phone, position: "topright" })
      .addTo(map);
    const toggle = control.getContainer().querySelector(".leaflet-control-layers-toggle");
    if (toggle) {
      toggle.title = T.layers;
      toggle.setAttribute("aria-label", T.layers);
    }
    const baseList = control.getContainer().querySelector(".leaflet-control-layers-base");
    if (baseList) {
      const h = document.createElement("div");
      h.className = "rk-control-heading";
      h.textContent = T.fill;
      baseList.parentNode.insertBefore(h, baseList);
    }
    map.on("baselayerchange", (e) => {
      if (!e.layer.fillMode) return;
      rk.fill = e.layer.fillMode;
      restyleRegions(data);
    });
    rk.layerControl = control;
  }

  function fullscreenControl(map, T) {
    const control = L.control({ position: "topleft" });
    control.onAdd = () => {
      const div = L.DomUtil.create("div", "leaflet-bar");
      const a = L.DomUtil.create("a", "rk-fullscreen-button", div);
      a.href = "#";
      a.title = T.fullscreen_on;
      a.setAttribute("role", "button");
      a.setAttribute("aria-label", T.fullscreen_on);
      a.innerHTML =
        '<svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">' +
        '<path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5" fill="none" stroke="#333" stroke-width="2"/></svg>';
      L.DomEvent.on(a, "click", (e) => {
        L.DomEvent.preventDefault(e);
        const page = document.documentElement;
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else if (page.requestFullscreen) {
          page.requestFullscreen().catch(() => document.body.classList.toggle("rk-fullscreen"));
        } else {
          document.body.classList.toggle("rk-fullscreen");
        }
      });
      L.DomEvent.disableClickPropagation(div);
      document.addEventListener("fullscreenchange", () => {
        a.title = document.fullscreenElement ? T.fullscreen_off : T.fullscreen_on;
        map.invalidateSize();
      });
      return div;
    };
    control.addTo(map);
  }

  // --- selecting and the permalink -------------------------------------------------------------------

  rk.selection = null;

  // a thick outline around the selected region(s), until the popup closes
  function highlight(names) {
    if (rk.highlight) rk.map.removeLayer(rk.highlight);
    rk.highlight = null;
    const geoms = names
      .map((n) => rk.data.regions.find((r) => r.name === n))
      .filter((r) => r?.geometry)
      .map((r) => ({ type: "Feature", properties: {}, geometry: r.geometry }));
    if (!geoms.length) return;
    rk.highlight = L.geoJSON(
      { type: "FeatureCollection", features: geoms },
      {
        pane: "rkOutlines",
        interactive: false,
        style: { color: "#111111", weight: 4, fill: false, className: "rk-highlight" },
      },
    ).addTo(rk.map);
  }
  rk.highlightRegions = highlight;

  function zoomClasses(map) {
    const update = () => {
      const z = map.getZoom();
      map.getContainer().classList.toggle("rk-lowzoom", z < LABEL_MIN_ZOOM);
      map.getContainer().classList.toggle("rk-national", z < 8.5);
    };
    map.on("zoomend", update);
    update();
  }

  // a region fits in the free part of the map, below its popup, which points at its top
  const regionView = (bounds) => fitFree(bounds, { popup: true, maxZoom: 13 });
  const regionTop = (bounds) => L.latLng(bounds.getNorth(), bounds.getCenter().lng);

  rk.showRegion = (name) => {
    const layer = rk.regionLayers[name];
    if (!layer) return;
    // on a phone the lists (a sheet over the map) make way for the region
    if (window.matchMedia(PHONE).matches) rk.togglePanel(false);
    const bounds = layer.getBounds();
    regionView(bounds);
    layer.openPopup(regionTop(bounds));
    highlight([name]);
    rk.selection = { kind: "region", value: name };
    writeHash();
  };

  rk.showSchool = (code) => {
    const marker = rk.schoolLayers[code];
    if (!marker) return;
    if (!rk.map.hasLayer(rk.layers.schools)) rk.map.addLayer(rk.layers.schools);
    // the school in the free part of the map, below the room its popup takes
    const at = marker.getLatLng();
    fitFree(L.latLngBounds(at, at), { popup: true, maxZoom: Math.max(rk.map.getZoom(), 12) });
    rk.openSchoolPopup(code);
    rk.selection = { kind: "school", value: code };
    writeHash();
  };

  rk.showFinding = (id) => {
    const f = rk.data.findings.find((x) => x.id === id);
    if (!f) return;
    const points = f.anchors.concat(...f.lines);
    if (window.matchMedia(PHONE).matches) rk.togglePanel(false);
    if (points.length) fitFree(L.latLngBounds(points), { popup: true, maxZoom: 12 });
    const marker = rk.findingMarkers[id];
    const layer = rk.layers[f.severity];
    if (layer && !rk.map.hasLayer(layer)) rk.map.addLayer(layer);
    if (marker) marker.openPopup();
    highlight(f.at === "region" ? f.regions : []);
  };

  function writeHash() {
    const c = rk.map.getCenter();
    const parts = [`map=${rk.map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`];
    if (rk.selection) parts.push(`${rk.selection.kind}=${encodeURIComponent(rk.selection.value)}`);
    const hash = `#${parts.join("&")}`;
    if (window.location.hash !== hash) history.replaceState(null, "", hash);
  }

  function readHash() {
    const out = {};
    for (const part of window.location.hash.replace(/^#/, "").split("&")) {
      const i = part.indexOf("=");
      if (i > 0) out[part.slice(0, i)] = decodeURIComponent(part.slice(i + 1));
    }
    return out;
  }

  // the first view, set before any layer is drawn, in the part of the map the controls leave free
  function initialView(map, data) {
    const h = readHash();
    const view = (h.map || "").split("/").map(Number);
    const region = data.regions.find((r) => r.name === h.region);
    const school = data.schools.find((s) => s.code === h.school);
    if (view.length === 3 && view.every(Number.isFinite)) {
      map.setView([view[1], view[2]], view[0], { animate: false });
    } else if (region?.geometry) {
      regionView(L.geoJSON(region.geometry).getBounds());
    } else if (school) {
      map.setView([school.lat, school.lon], 12, { animate: false });
    } else {
      fitFree(L.latLngBounds(data.bounds));
    }
  }

  function restore(map) {
    const h = readHash();
    const view = (h.map || "").split("/").map(Number);
    if (h.region && rk.regionLayers[h.region]) rk.showRegion(h.region);
    else if (h.school && rk.schoolLayers[h.school]) rk.showSchool(h.school);
    // a selection moved the view: the link's own view wins (the first view was set before)
    if ((h.region || h.school) && view.length === 3 && view.every(Number.isFinite)) {
      map.setView([view[1], view[2]], view[0], { animate: false });
    }
    map.on("moveend", writeHash);
    map.on("popupclose", () => {
      highlight([]);
      rk.selection = null;
      writeHash();
    });
    window.addEventListener("hashchange", () => {
      const again = readHash();
      if (again.region && again.region !== rk.selection?.value) rk.showRegion(again.region);
      else if (again.school && again.school !== rk.selection?.value) rk.showSchool(again.school);
    });
  }

  // shapes get a name for assistive technology and stay out of the Tab order (the lists and
  // the search box reach every region, school and finding by keyboard)
  // (after an update, only the shapes drawn again)
  function nameShapes(data, patch) {
    const T = data.texts;
    const regions = patch ? (patch.regions || []).map((r) => r.name) : null;
    const schools = patch ? Object.keys(patch.schools || {}) : null;
    for (const [name, layer] of Object.entries(rk.regionLayers)) {
      if (regions && !regions.includes(name)) continue;
      layer.eachLayer((l) => {
        const e = l.getElement?.();
        if (e) {
          e.setAttribute("aria-label", `${T.region} ${name}`);
          e.setAttribute("tabindex", "-1");
        }
      });
    }
    for (const s of data.schools) {
      if (schools && !schools.includes(s.code)) continue;
      const e = rk.schoolLayers[s.code]?.getElement();
      if (e) {
        e.setAttribute("aria-label", `${s.name}, ${s.place}`);
        e.setAttribute("tabindex", "-1");
      }
    }
  }

  // a label that would overlap one shown before it is hidden: region names first, larger
  // regions first, then place names, larger places first; so is one the map's edge would cut
  // or that a control covers
  function declutter() {
    const spans = [...document.querySelectorAll(".rk-label span, .rk-place span")];
    const box = rk.map.getContainer().getBoundingClientRect();
    const kept = [...rk.map.getContainer().querySelectorAll(".leaflet-control")]
      .map((c) => c.getBoundingClientRect())
      .filter((r) => r.width);
    for (const span of spans) span.style.visibility = "";
    for (const span of spans) {
      const r = span.getBoundingClientRect();
      if (!r.width) continue;
      const cut =
        r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom;
      const overlaps =
        cut ||
        kept.some(
          (k) =>
            r.left < k.right + 3 && r.right > k.left - 3 && r.top < k.bottom && r.bottom > k.top,
        );
      if (overlaps) span.style.visibility = "hidden";
      else kept.push(r);
    }
  }
  rk.declutter = declutter;

  // --- updating a drawn page: an editor sends what changed ----------------------------------------

  // patch: regions (whole records of regions that changed), removed (names), counts ({name:
  // [errors, warnings, info]} of every region), schools ({code: regions}), findings (all of
  // them), fills, subtitle, exports. Layers the analyst switched off stay off.
  // the layer under `key` gets the contents of `fresh`: the layer (and its place in the layer
  // control, and whether it is shown) stays, and so does every shape in it that is the same
  // (rkKey) in `fresh`; a layer that was not there yet is added
  function refill(key, fresh, label) {
    const old = rk.layers[key];
    if (old) {
      const have = new Map();
      for (const layer of old.getLayers()) {
        if (layer.rkKey !== undefined) have.set(layer.rkKey, layer);
      }
      const wanted = new Set();
      for (const layer of fresh.getLayers()) {
        const same = layer.rkKey !== undefined ? have.get(layer.rkKey) : undefined;
        if (same) {
          wanted.add(same);
          if (layer.rkIds) {
            same.rkIds = layer.rkIds;
            for (const id of layer.rkIds) rk.findingMarkers[id] = same;
          }
        } else {
          old.addLayer(layer);
          wanted.add(layer);
        }
      }
      for (const layer of old.getLayers()) {
        if (!wanted.has(layer)) old.removeLayer(layer);
      }
      return;
    }
    if (!fresh.getLayers().length) return;
    rk.layers[key] = fresh.addTo(rk.map);
    rk.layerControl?.addOverlay(fresh, rk.esc(label));
  }

  rk.update = (patch) => {
    const data = rk.data;
    const T = data.texts;
    const changed = new Set((patch.regions || []).map((r) => r.name));
    for (const name of [...(patch.removed || []), ...changed]) {
      const layer = rk.regionLayers[name];
      if (layer) rk.layers.regions.removeLayer(layer);
      delete rk.regionLayers[name];
    }
    const removed = new Set([...(patch.removed || []), ...changed]);
    data.regions = data.regions
      .filter((r) => !removed.has(r.name))
      .concat(patch.regions || [])
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const r of patch.regions || []) {
      if (r.geometry) rk.layers.regions.addLayer(regionArea(data, r));
    }
    const byName = Object.fromEntries(data.regions.map((r) => [r.name, r]));
    for (const [name, c] of Object.entries(patch.counts || {})) {
      if (byName[name]) [byName[name].errors, byName[name].warnings, byName[name].info] = c;
    }
    const colors = Object.fromEntries(data.regions.map((r) => [r.name, r.color]));
    const schools = Object.fromEntries(data.schools.map((s) => [s.code, s]));
    for (const [code, regions] of Object.entries(patch.schools || {})) {
      const s = schools[code];
      const marker = rk.schoolLayers[code];
      if (!s || !marker) continue;
      s.regions = regions;
      for (const ring of rk.schoolRings[code] || []) rk.layers.schools.removeLayer(ring);
      rk.layers.schools.removeLayer(marker);
      const again = schoolMarker(data, s, colors, rk.layers.schools);
      const entry = rk.schools.find((x) => x.code === code);
      if (entry) entry.layer = again;
    }
    if (patch.fills) data.palette.fills = patch.fills;
    if (patch.findings) {
      data.findings = patch.findings;
      rk.findingMarkers = {};
      const fresh = findingLayers(data);
      const label = { error: T.layer_errors, warning: T.layer_warnings, info: T.layer_info };
      for (const sev of SEVERITIES) refill(sev, fresh[sev], label[sev]);
    }
    refill("techniekarm", techniekarmLayer(data), T.layer_techniekarm);
    refill("regionNames", regionNamesLayer(data), T.layer_region_names);
    if (patch.subtitle) {
      data.subtitle = patch.subtitle;
      const sub = document.querySelector(".rk-subtitle");
      if (sub) sub.textContent = patch.subtitle;
    }
    for (const [name, exp] of Object.entries(patch.exports || {})) {
      if (data.exports[name]) data.exports[name].csv = exp.csv;
    }
    if (rk.panelBodies) {
      rk.panels.findings(rk.panelBodies.findings, data, (f) => rk.showFinding(f.id));
      rk.regionList.redraw();
      rk.panelTabs.buttons.findings.textContent = rk.fill_in(T.panel_findings, {
        n: data.findings.length,
      });
      rk.panelTabs.buttons.regions.textContent = rk.fill_in(T.panel_regions, {
        n: data.regions.length,
      });
    }
    nameShapes(data, patch);
    rk.updateLegend?.();
    // an open popup says what is true now (a popup of a region drawn again has closed with it)
    if (rk.popup && rk.map.hasLayer(rk.popup)) rk.popup.update();
    // names that now overlap are hidden once the page has been laid out again
    if (rk.declutter) requestAnimationFrame(() => rk.declutter());
  };

  // --- the whole page --------------------------------------------------------------------------------

  rk.render = (map, data) => {
    performance.mark("regionkit.render-start");
    rk.map = map;
    rk.data = data;
    const page = buildPage(map, data);
    buildSearch(page, data);
    buildTools(page, data);
    buildPanel(page, data);
    const wide = !window.matchMedia(PHONE).matches;
    document.querySelector(".rk-main").classList.toggle("rk-panel-open", wide);
    map.invalidateSize({ pan: false });
    makePanes(map);
    // every layer is made first and the controls and the legend built while the page is still
    // small (the layer control measures the page); the first view keeps clear of them; then
    // the layers are drawn, bottom to top (drawing again at another zoom costs as much)
    const land = landLayer(data);
    rk.layers.borders = bordersLayer(data);
    rk.layers.regions = regionsLayer(data);
    if (data.regions.some((r) => r.techniekarm)) rk.layers.techniekarm = techniekarmLayer(data);
    if (data.compare) {
      const c = compareLayers(data);
      rk.layers.other = c.other;
      if (data.compare.moved.length) rk.layers.moved = c.moved;
    }
    rk.layers.schools = schoolsLayer(data);
    const findings = findingLayers(data);
    for (const s of SEVERITIES) {
      if (data.findings.some((f) => f.severity === s)) rk.layers[s] = findings[s];
    }
    rk.layers.regionNames = regionNamesLayer(data);
    rk.layers.places = placesLayer(data);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(rk.esc(data.source));
    buildControls(map, data);
    buildLegend(map, data);
    initialView(map, data);
    land.addTo(map);
    for (const layer of Object.values(rk.layers)) layer.addTo(map);
    nameShapes(data);
    rk.updateLegend();
    zoomClasses(map);
    map.on("popupopen", (e) => {
      rk.popup = e.popup;
      const close = e.popup.getElement()?.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", data.texts.close_popup);
        close.title = data.texts.close_popup;
      }
    });
    restore(map);
    map.on("moveend overlayadd overlayremove", declutter);
    declutter();
    performance.measure("regionkit.render", "regionkit.render-start");
    window.addEventListener("beforeprint", () => map.invalidateSize());
    window.addEventListener("afterprint", () => map.invalidateSize());
    return rk;
  };
})();
