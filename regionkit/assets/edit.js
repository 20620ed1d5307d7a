// The editing controls of `regionkit edit`, on the analysts' map (map.js draws everything else).
//
// The server runs the real rules and money after every change and answers with a patch
// that the map applies (regionkit.update): areas, schools, findings, the region list and
// the findings panel. This script adds what editing needs: picking schools (click,
// shift-click, shift-drag lasso), the move, merge and rename controls, undo, redo and save,
// and the change bar. Text from data is set as text, never as markup.
(() => {
  const rk = window.regionkit;
  const NEW = "\u0000new";
  const ed = {
    texts: {},
    busy: false,
    ready: false,
    selected: new Set(),
    region: null,
    status: {},
    lastBar: "",
  };
  window.regionkitEdit = ed;

  const el = (tag, cls, parent, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  };

  // --- talking to the server -----------------------------------------------------------------

  ed.call = async (action, body) => {
    if (ed.busy) return null;
    ed.busy = true;
    ed.showError("");
    ed.ui.working.hidden = false;
    ed.setButtons();
    const started = performance.now();
    try {
      const response = await fetch(`api/${action}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body || {}),
      });
      const data = await response.json();
      if (!response.ok) {
        ed.showError(data.error || String(response.status));
        return null;
      }
      const received = performance.now();
      ed.apply(data);
      // what the change cost: on the server, on the way (and in JSON), and drawing it
      const server = Number(/dur=([\d.]+)/.exec(response.headers.get("Server-Timing") || "")?.[1]);
      ed.timing = {
        server,
        transfer: received - started - (server || 0),
        draw: performance.now() - received,
        total: performance.now() - started,
      };
      return data;
    } catch (_error) {
      ed.showError(ed.texts.lost);
      return null;
    } finally {
      ed.busy = false;
      ed.ui.working.hidden = true;
      ed.setButtons();
    }
  };

  ed.load = async () => {
    ed.busy = true;
    try {
      const data = await (await fetch("state")).json();
      ed.graph = data.graph;
      ed.codeIndex = new Map(data.graph.codes.map((c, i) => [c, i]));
      ed.status = data.status;
      if (data.message) ed.ui.message.textContent = data.message;
    } catch (_error) {
      ed.showError(ed.texts.lost);
    } finally {
      ed.busy = false;
      ed.ready = true;
      ed.setButtons();
    }
  };

  ed.apply = (data) => {
    if (data.findings) rk.update(data);
    if (data.status) ed.status = data.status;
    if (data.bar) {
      ed.ui.last.textContent = data.bar;
      ed.lastBar = data.bar;
    }
    ed.ui.message.textContent = data.message || "";
    for (const code of [...ed.selected]) {
      if (!rk.schoolLayers[code]) ed.selected.delete(code);
    }
    if (ed.region && !rk.regionLayers[ed.region]) ed.region = null;
    ed.renderSelection();
    ed.renderRegionTools();
  };

  // --- what the page's data says ---------------------------------------------------------------

  ed.regionsOf = (code) => rk.data.schools.find((s) => s.code === code)?.regions || [];
  ed.regionNames = () => rk.data.regions.map((r) => r.name);

  ed.neighbourRegions = (codes) => {
    const byCode = new Map(rk.data.schools.map((s) => [s.code, s.regions]));
    const near = new Set();
    for (const code of codes) {
      const i = ed.codeIndex?.get(code);
      if (i === undefined) continue;
      for (const j of ed.graph.neighbours[i]) {
        for (const r of byCode.get(ed.graph.codes[j]) || []) near.add(r);
      }
    }
    for (const code of codes) {
      for (const r of byCode.get(code) || []) near.delete(r);
    }
    const names = new Set(ed.regionNames());
    return [...near].filter((r) => names.has(r)).sort();
  };

  // --- picking schools and moving them -----------------------------------------------------------

  ed.select = (code, add) => {
    if (!add) ed.selected.clear();
    if (add && ed.selected.has(code)) ed.selected.delete(code);
    else ed.selected.add(code);
    ed.renderSelection();
  };

  const options = (select, groups, keep) => {
    select.textContent = "";
    for (const [label, names] of groups) {
      if (!names.length) continue;
      const group = el("optgroup", "", select);
      group.label = label;
      for (const name of names) el("option", "", group, name).value = name;
    }
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  };

  ed.renderSelection = () => {
    const T = ed.texts;
    const ui = ed.ui;
    ed.selectionLayer.clearLayers();
    for (const code of ed.selected) {
      const marker = rk.schoolLayers[code];
      if (!marker) continue;
      L.circleMarker(marker.getLatLng(), {
        pane: "rkEditSelected",
        radius: marker.getRadius() + 6,
        color: "#111111",
        weight: 2.5,
        dashArray: "4 3",
        fill: false,
        interactive: false,
        className: "rk-edit-selected",
      }).addTo(ed.selectionLayer);
    }
    const n = ed.selected.size;
    ui.move.hidden = n === 0;
    ui.hint.hidden = n > 0;
    if (n === 0) {
      // nothing left to move: the phone's sheet of the move panel folds away
      if (picking()) rk.togglePanel(false);
      return;
    }
    ui.selectedHead.textContent = (n === 1 ? T["selected.one"] : T["selected.many"]).replace(
      "{n}",
      String(n),
    );
    ui.selectedList.textContent = "";
    const codes = [...ed.selected];
    const byCode = new Map(rk.data.schools.map((s) => [s.code, s]));
    for (const code of codes.slice(0, 8)) {
      const s = byCode.get(code);
      const where = s.regions.join(", ") || T.no_region;
      el("li", "", ui.selectedList, `${s.name} (${code}) · ${where}`);
    }
    if (codes.length > 8) el("li", "", ui.selectedList, `… +${codes.length - 8}`);
    const keep = ui.target.value;
    const near = ed.neighbourRegions(codes);
    const rest = ed.regionNames().filter((r) => !near.includes(r));
    options(
      ui.target,
      [
        [T.neighbours, near],
        [T.other_regions, rest],
      ],
      keep,
    );
    el("option", "rk-edit-new", ui.target, `${T.new_region}…`).value = NEW;
    if (keep === NEW) ui.target.value = NEW;
    ui.newName.hidden = ui.target.value !== NEW;
  };

  // --- on a phone: the panel is a sheet over the map --------------------------------------------

  // A school picked on a phone opens the sheet on the move panel (the lists a tab away), and
  // the map keeps the school (and its popup) in the part the sheet leaves free.
  const PHONE = "(max-width: 600px)";
  const main = () => document.querySelector(".rk-main");
  const picking = () => main().classList.contains("rk-edit-picking");

  ed.openSheet = () => {
    if (!window.matchMedia(PHONE).matches) return false;
    main().classList.add("rk-edit-picking");
    rk.togglePanel(true);
    return true;
  };

  ed.keepInView = (code) => {
    const marker = rk.schoolLayers[code];
    if (!marker) return;
    const at = marker.getLatLng();
    rk.fitFree(L.latLngBounds(at, at), { popup: true, maxZoom: rk.map.getZoom() });
    if (rk.popup && rk.map.hasLayer(rk.popup)) rk.popup.update();
  };

  ed.showLists = () => main().classList.remove("rk-edit-picking");

  ed.moveSelected = () => {
    const ui = ed.ui;
    const fresh = ui.target.value === NEW;
    return ed.call("move", {
      codes: [...ed.selected],
      region: fresh ? ui.newName.value : ui.target.value,
      also: ui.also.checked,
      new: fresh,
    });
  };

  // --- regions: merge and rename -----------------------------------------------------------------

  ed.pickRegion = (name) => {
    ed.region = name;
    ed.renderRegionTools();
  };

  ed.renderRegionTools = () => {
    const ui = ed.ui;
    const name = ed.region;
    const r = rk.data.regions.find((x) => x.name === name);
    ui.regionTools.hidden = !r;
    if (!r) return;
    ui.regionHead.textContent = ed.texts.region.replace("{region}", name);
    ui.regionSwatch.style.background = r.color;
    const codes = rk.data.schools.filter((s) => s.regions.includes(name)).map((s) => s.code);
    const near = ed.neighbourRegions(codes).filter((x) => x !== name);
    const rest = ed.regionNames().filter((x) => x !== name && !near.includes(x));
    options(
      ui.mergeWith,
      [
        [ed.texts.neighbours, near],
        [ed.texts.other_regions, rest],
      ],
      ui.mergeWith.value,
    );
    ui.mergeName.placeholder = name;
    ui.renameTo.placeholder = name;
  };

  ed.merge = () =>
    ed
      .call("merge", {
        a: ed.region,
        b: ed.ui.mergeWith.value,
        ...(ed.ui.mergeName.value.trim() ? { name: ed.ui.mergeName.value } : {}),
      })
      .then((data) => {
        if (!data) return;
        const name = ed.ui.mergeName.value.trim().split(/\s+/).join(" ");
        ed.ui.mergeName.value = "";
        ed.pickRegion(name || ed.region);
      });

  ed.rename = () => {
    const name = ed.ui.renameTo.value;
    return ed.call("rename", { region: ed.region, name }).then((data) => {
      if (!data) return;
      ed.ui.renameTo.value = "";
      ed.pickRegion(name.trim().split(/\s+/).join(" "));
    });
  };

  // --- lasso: shift + drag -------------------------------------------------------------------------

  const inside = (p, polygon) => {
    let hit = false;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const a = polygon[i];
      const b = polygon[j];
      if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) {
        hit = !hit;
      }
    }
    return hit;
  };

  ed.lasso = () => {
    const map = rk.map;
    const box = map.getContainer();
    map.boxZoom.disable();
    let path = null;
    let line = null;
    box.addEventListener("mousedown", (e) => {
      if (!e.shiftKey || e.button !== 0) return;
      path = [map.mouseEventToContainerPoint(e)];
      map.dragging.disable();
      line = L.polyline([map.containerPointToLatLng(path[0])], {
        pane: "rkEditSelected",
        color: "#111111",
        weight: 1.5,
        dashArray: "4 3",
        interactive: false,
      }).addTo(map);
      e.preventDefault();
    });
    box.addEventListener("mousemove", (e) => {
      if (!path) return;
      const p = map.mouseEventToContainerPoint(e);
      path.push(p);
      line.addLatLng(map.containerPointToLatLng(p));
    });
    const finish = () => {
      if (!path) return;
      const polygon = path;
      path = null;
      map.removeLayer(line);
      map.dragging.enable();
      if (polygon.length < 3) return;
      for (const [code, marker] of Object.entries(rk.schoolLayers)) {
        if (map.hasLayer(marker) && inside(map.latLngToContainerPoint(marker.getLatLng()), polygon))
          ed.selected.add(code);
      }
      ed.renderSelection();
    };
    box.addEventListener("mouseup", finish);
    box.addEventListener("mouseleave", finish);
  };

  // --- the controls ------------------------------------------------------------------------------

  ed.showError = (message) => {
    ed.ui.error.textContent = message;
    ed.ui.error.hidden = !message;
  };

  ed.setButtons = () => {
    const ui = ed.ui;
    const s = ed.status || {};
    const idle = !ed.busy && ed.ready;
    ui.undo.disabled = !idle || !s.can_undo;
    ui.redo.disabled = !idle || !s.can_redo;
    ui.save.disabled = !idle || !!s.saved;
    for (const b of [ui.moveButton, ui.mergeButton, ui.renameButton]) b.disabled = !idle;
    ui.state.textContent = s.unsaved_text || "";
    ui.state.classList.toggle("rk-edit-unsaved", s.saved === false);
  };

  const button = (parent, label, cls, action) => {
    const b = el("button", `rk-button ${cls}`, parent, label);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  };

  const input = (parent, cls, label) => {
    const i = el("input", cls, parent);
    i.type = "text";
    i.maxLength = 80;
    i.setAttribute("aria-label", label);
    return i;
  };

  ed.buildUi = () => {
    const T = ed.texts;
    const ui = {};
    ed.ui = ui;
    // the bar: under the map's header, above the map and the panel
    const bar = el("div", "rk-edit-bar");
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", T.title);
    const main = document.querySelector(".rk-main");
    main.parentNode.insertBefore(bar, main);
    ui.undo = button(bar, T.undo, "rk-edit-undo", () => ed.call("undo"));
    ui.redo = button(bar, T.redo, "rk-edit-redo", () => ed.call("redo"));
    ui.save = button(bar, T.save, "rk-edit-save", () => ed.call("save"));
    ui.state = el("span", "rk-edit-state", bar);
    ui.working = el("span", "rk-edit-working", bar, T.working);
    ui.working.hidden = true;
    ui.last = el("span", "rk-edit-last", bar);
    ui.last.setAttribute("aria-live", "polite");
    ui.message = el("div", "rk-edit-message", bar);
    ui.error = el("div", "rk-edit-error", bar);
    ui.error.setAttribute("role", "alert");
    ui.error.hidden = true;

    // the tools: at the top of the map's panel
    const panel = document.querySelector(".rk-panel");
    const tools = el("section", "rk-edit-tools");
    panel.insertBefore(tools, panel.firstChild);
    ui.hint = el("p", "rk-edit-hint", tools, T.select_hint);
    ui.move = el("div", "rk-edit-move", tools);
    ui.move.hidden = true;
    ui.selectedHead = el("h2", "", ui.move);
    ui.selectedList = el("ul", "rk-edit-selection", ui.move);
    const moveLabel = el("label", "", ui.move, T.move_to);
    ui.target = el("select", "rk-edit-target", moveLabel);
    ui.target.addEventListener("change", () => {
      ui.newName.hidden = ui.target.value !== NEW;
    });
    ui.newName = input(ui.move, "rk-edit-new-name", T.new_name);
    ui.newName.placeholder = T.new_name;
    ui.newName.hidden = true;
    const alsoLabel = el("label", "rk-edit-check", ui.move);
    ui.also = el("input", "rk-edit-also", alsoLabel);
    ui.also.type = "checkbox";
    alsoLabel.appendChild(document.createTextNode(` ${T.also_in}`));
    const moveRow = el("div", "rk-edit-row", ui.move);
    ui.moveButton = button(moveRow, T.move, "rk-edit-do-move", () => ed.moveSelected());
    button(moveRow, T.clear_selection, "rk-edit-clear", () => {
      ed.selected.clear();
      ed.renderSelection();
    });

    ui.regionTools = el("div", "rk-edit-region", tools);
    ui.regionTools.hidden = true;
    const head = el("h2", "", ui.regionTools);
    ui.regionSwatch = el("span", "rk-edit-swatch", head);
    ui.regionHead = el("span", "", head);
    const mergeLabel = el("label", "", ui.regionTools, T.merge);
    ui.mergeWith = el("select", "rk-edit-merge-with", mergeLabel);
    ui.mergeName = input(ui.regionTools, "rk-edit-merge-name", T.merge_name);
    ui.mergeButton = button(ui.regionTools, T.merge, "rk-edit-do-merge", () => ed.merge());
    const renameLabel = el("label", "", ui.regionTools, T.rename_to);
    ui.renameTo = input(renameLabel, "rk-edit-rename-to", T.rename_to);
    ui.renameButton = button(ui.regionTools, T.rename, "rk-edit-do-rename", () => ed.rename());
    for (const node of [bar, tools]) {
      L.DomEvent.disableClickPropagation(node);
      L.DomEvent.disableScrollPropagation(node);
    }
  };

  // --- start -----------------------------------------------------------------------------------

  ed.start = (boot) => {
    ed.texts = boot.texts;
    document.body.classList.add("rk-editing");
    rk.map.createPane("rkEditSelected").style.zIndex = "450";
    ed.selectionLayer = L.layerGroup().addTo(rk.map);
    ed.buildUi();
    // a click on a school picks it (shift: adds it); a region shown or clicked is the one to
    // edit; an open popup is made again after every change (regionkit.update)
    rk.layers.schools.on("click", (e) => {
      const code = (e.propagatedFrom || e.layer)?.schoolCode;
      if (!code) return;
      const add = !!e.originalEvent?.shiftKey;
      ed.select(code, add);
      if (add) rk.map.closePopup();
      else if (ed.openSheet()) ed.keepInView(code);
    });
    rk.layers.regions.on("click", (e) => {
      const path = e.propagatedFrom || e.layer;
      const hit = Object.entries(rk.regionLayers).find(([, l]) => l === path || l.hasLayer(path));
      if (hit) ed.pickRegion(hit[0]);
    });
    const showRegion = rk.showRegion;
    rk.showRegion = (name) => {
      showRegion(name);
      ed.pickRegion(name);
    };
    // a school found with the search box is picked, as a click on it picks it
    const showSchool = rk.showSchool;
    rk.showSchool = (code) => {
      // picked first: on a phone the sheet opens, and the school is shown in what it leaves free
      if (rk.schoolLayers[code]) {
        ed.select(code, false);
        ed.openSheet();
      }
      showSchool(code);
    };
    // on a phone the sheet of the move panel leaves it for the lists (a tab, or "Lijsten"),
    // and folding the sheet ends it
    const toggle = rk.togglePanel;
    rk.togglePanel = (open) => {
      const isOpen = main().classList.contains("rk-panel-open");
      if (open === undefined && isOpen && picking()) {
        ed.showLists();
        return;
      }
      if (!(open ?? !isOpen)) ed.showLists();
      toggle(open);
    };
    for (const tab of document.querySelectorAll(".rk-tab")) {
      tab.addEventListener("click", ed.showLists);
    }
    // the downloads are made by the server from the regions as they are now
    for (const b of document.querySelectorAll(".rk-download")) {
      b.addEventListener(
        "click",
        async (e) => {
          e.stopImmediatePropagation();
          const name = b.dataset.export;
          const response = await fetch(`export/${name}`);
          if (response.ok) rk.download(rk.data.exports[name].file, await response.text());
          else ed.showError(ed.texts.lost);
        },
        true,
      );
    }
    ed.lasso();
    ed.setButtons();
    rk.map.invalidateSize();
    ed.load();
  };
})();
