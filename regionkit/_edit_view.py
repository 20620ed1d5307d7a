"""What the editing page shows: the analysts' map, and what changes in it after each edit.

The page is the map of :mod:`regionkit.maps` (the same page script, panels,
popups, search, legend and look), made once from the data of
:func:`regionkit._map_data.map_data`, with the editing assets
(``assets/edit.js``, ``assets/edit.css``) added. After a change the page gets a
*patch* that the map's script applies (``regionkit.update`` in ``map.js``): the
records of the regions that changed (in the map's own format, made by the map's
own record builders), every region's count of findings, the regions of the
schools that moved, every finding, the money colourings, the subtitle and the
downloads; and the session's undo/redo/save status and the change bar's line.

Colours stay with their region while it exists (a neighbour's colour never
changes because a school moved); a new region takes the palette colour least
used by the regions next to it. A region's area is the union of its schools'
cells (:func:`regionkit.areas.school_cells`, computed once), or
:func:`regionkit.areas.region_polygons` where schools of two regions share an
address; all areas are simplified together as the map does, so shared borders
stay shared, and only areas that changed are sent.

Text from data (school, place and region names, messages) reaches the page as
data: the map's script escapes it, and the editing script sets it as text.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree
from shapely.geometry.base import BaseGeometry

from regionkit._map_data import (
    NO_REGION_COLOR,
    REGION_PALETTE,
    SIMPLIFY_M,
    exports_of,
    fills_of,
    finding_records,
    map_data,
    prepared_schools,
    region_records,
    split_pairs,
    subtitle_of,
)
from regionkit._map_geo import geometry_json, simplify_coverage, to_wgs84
from regionkit._messages import section, text, text_n
from regionkit._schema import CRS
from regionkit.areas import region_polygons, school_cells
from regionkit.maps import map_from_data, map_html
from regionkit.rules import FINDING_COLUMNS, Finding

if TYPE_CHECKING:
    from regionkit.edit import EditSession, Outcome

__all__ = ["View", "edit_asset", "findings_frame"]

#: The editing assets, package data beside the map's.
EDIT_ASSETS = ("edit.css", "edit.js")
#: The opening ``<script>`` tags of the page (at the start of a line, as branca writes them).
_SCRIPT_TAG = re.compile(r"(?m)^(\s*)<script>")


def edit_asset(name: str) -> str:
    """The text of one of the editing assets (``edit.css``, ``edit.js``).

    Examples
    --------
    >>> "regionkitEdit" in edit_asset("edit.js")
    True
    """
    if name not in EDIT_ASSETS:
        raise ValueError(f"unknown editing asset {name!r}; one of {', '.join(EDIT_ASSETS)}")
    return (resources.files("regionkit") / "assets" / name).read_text(encoding="utf-8")


def findings_frame(findings: Sequence[Finding]) -> pd.DataFrame:
    """Findings as the table :func:`regionkit.rules.check_proposal` gives (the map draws it)."""
    return pd.DataFrame(
        [f.to_dict() | {"regions": f.regions, "schools": f.schools} for f in findings],
        columns=list(FINDING_COLUMNS),
    )


def _json_script(data: Any) -> str:
    """JSON safe inside a ``<script>`` element."""
    out = json.dumps(data, ensure_ascii=False)
    return out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class View:
    """The page of one session and the data it shows, kept in step with the session.

    Parameters
    ----------
    session
        The editing session.
    """

    def __init__(self, session: EditSession) -> None:
        self.session = session
        s = session
        self.gdf = prepared_schools(s.evaluation.value)
        self.codes = self.gdf["code"].astype(str).tolist()
        self.index = {c: i for i, c in enumerate(self.codes)}
        self.xy = self.gdf[["x", "y"]].to_numpy(dtype=float)
        # addresses with more than one school (their cell is split between regions)
        at = pd.Series(range(len(self.xy))).groupby([self.xy[:, 0], self.xy[:, 1]])
        self._places = [g.to_numpy() for _, g in at if len(g) > 1]
        self.cells = np.asarray(school_cells(self.gdf).geometry.values, dtype=object)
        # the close pairs of schools do not depend on the regions: found once
        limit = s.config.rules.close_distance_m
        self.pairs = cKDTree(self.xy).query_pairs(r=limit, output_type="ndarray")
        title = text(s.language, "edit.page.title") + " · " + s.source
        self.data = map_data(
            s.evaluation.value,
            findings=findings_frame(s.evaluation.findings),
            funding=s.evaluation.money,
            title=title,
        )
        self.records: dict[str, dict[str, Any]] = {r["name"]: r for r in self.data["regions"]}
        self.colors = {name: r["color"] for name, r in self.records.items()}
        rows = self._rows()
        first = rows.drop_duplicates("code").set_index("code")["region"]
        polygons = region_polygons(self.gdf, first, land="netherlands")
        self.areas: dict[str, BaseGeometry] = dict(
            zip(polygons["region"].astype(str), polygons.geometry, strict=True)
        )
        self.shown: dict[str, bytes] = {}
        self._simplified()
        self._page: str | None = None

    # --- the page ---------------------------------------------------------------------------

    def page(self, nonce: str) -> str:
        """The page's HTML, each script tagged with ``nonce`` (the CSP allows only those)."""
        if self._page is None:
            self._page = self._make_page()
        return _SCRIPT_TAG.sub(lambda m: f'{m.group(1)}<script nonce="{nonce}">', self._page)

    def _make_page(self) -> str:
        page = map_html(map_from_data(self.data, config=self.session.config))
        assets = (
            f"<style>{edit_asset('edit.css')}</style>\n<script>{edit_asset('edit.js')}</script>\n"
        )
        boot = (
            f"<script>regionkitEdit.start({_json_script({'texts': self.page_texts()})});</script>\n"
        )
        # after the map's own script, which follows </body> in folium's page
        head, tail = page.rsplit("</html>", 1)
        return head + assets + boot + "</html>" + tail

    def page_texts(self) -> dict[str, str]:
        """The labels of the editing controls (plain text: the script sets them as text)."""
        return section(self.session.language, "edit.page")

    # --- state and changes --------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """What the editing controls need beside the map: the graph, the status, a message."""
        with self.session.lock:
            checker = self.session.checker
            return {
                "graph": {
                    "codes": checker.codes.tolist(),
                    "neighbours": [n.tolist() for n in checker.neighbours],
                },
                "status": self._status(),
                "message": self._resumed(),
            }

    def change(self, action: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Apply one action of the page to the session; the patch of what changed."""
        s = self.session
        with s.lock:
            if action == "save":
                path = s.save()
                n = len(s.history)
                log = s.log.path.name if s.log else "-"
                message = text(s.language, "edit.save.done", file=path.name, n=n, log=log)
                return {"status": self._status(), "message": message}
            before = set(self.records)
            outcome = self._apply(action, fields)
            return self._patch(outcome, before)

    def _apply(self, action: str, fields: Mapping[str, Any]) -> Outcome:
        s = self.session
        if action == "move":
            return s.move(
                fields["codes"],
                fields["region"],
                also=bool(fields.get("also")),
                new=bool(fields.get("new")),
            )
        if action == "merge":
            return s.merge(fields["a"], fields["b"], name=fields.get("name"))
        if action == "rename":
            return s.rename(fields["region"], fields["name"])
        if action == "undo":
            return s.undo()
        return s.redo()

    def _patch(self, outcome: Outcome, before: set[str]) -> dict[str, Any]:
        s = self.session
        rows = self._rows()
        first = rows.drop_duplicates("code").set_index("code")["region"]
        after = set(s.regions)
        came = after - before
        touched = (set(outcome.after.recomputed) | came) & after
        for gone in before - after:
            self.areas.pop(gone, None)
            self.records.pop(gone, None)
        self._recolor(sorted(came), sorted(before - after), first)
        self._recompute_areas(first, touched)
        reshaped = self._simplified()
        redo = sorted((touched | reshaped) & after)
        self._rebuild(rows, redo)
        findings = findings_frame(s.evaluation.findings)
        regions = [self.records[n] for n in sorted(self.records)]
        pairs = split_pairs(np.asarray(self.codes, dtype=object), self.pairs, first)
        finding_recs = finding_records(
            self.gdf, rows, findings, self.data["schools"], regions, s.config, pairs=pairs
        )
        moved = set(outcome.codes) | set(rows.loc[rows["region"].isin(came), "code"])
        listed: dict[str, list[str]] = {}
        for region, code in rows[["region", "code"]].itertuples(index=False):
            listed.setdefault(code, []).append(region)
        return {
            "regions": [self.records[n] for n in redo],
            "removed": sorted(before - after),
            "counts": {r["name"]: [r["errors"], r["warnings"], r["info"]] for r in regions},
            "schools": {c: listed.get(c, []) for c in sorted(moved) if c in self.index},
            "findings": finding_recs,
            "fills": fills_of(regions, s.config.language),
            "subtitle": subtitle_of(self.gdf, rows, s.config),
            "status": self._status(),
            "bar": outcome.description + " — " + str(outcome.summary.get("text", "")),
            "summary": {k: v for k, v in outcome.summary.items() if k != "text"},
            "message": "",
        }

    def export(self, name: str) -> str:
        """A table the page offers as a CSV download (``regions`` or ``findings``), as it is now."""
        with self.session.lock:
            findings = findings_frame(self.session.evaluation.findings)
            regions = [self.records[n] for n in sorted(self.records)]
            return str(exports_of(regions, findings)[name]["csv"])

    # --- regions: rows, areas, colours, records -------------------------------------------------

    def _rows(self) -> pd.DataFrame:
        """``region, code`` of every listing of a school on the map (first listings first)."""
        m = self.session.proposal.memberships[["region", "code"]].astype(str)
        return m[m["code"].isin(self.index)].drop_duplicates().reset_index(drop=True)

    def _recompute_areas(self, first: pd.Series, regions: set[str]) -> None:
        if not regions:
            return
        sharing = self._sharing(first, regions)
        for region in sorted(regions - sharing):
            idx = [self.index[c] for c in first.index[first == region]]
            self.areas[region] = shapely.union_all(self.cells[idx])
        if sharing:
            polygons = region_polygons(self.gdf, first[first.isin(sharing)], land="netherlands")
            for name, geom in zip(polygons["region"].astype(str), polygons.geometry, strict=True):
                self.areas[name] = geom

    def _sharing(self, first: pd.Series, regions: set[str]) -> set[str]:
        """Regions with a school at an address of another region's school, from ``regions`` on.

        They are drawn together by :func:`regionkit.areas.region_polygons` (which
        splits a shared cell); the set is closed under sharing an address.
        """
        places = []
        for rows in self._places:
            names = {first.get(self.codes[i]) for i in rows} - {None}
            if len(names) > 1:
                places.append(names)
        out: set[str] = set()
        grown = True
        while grown:
            grown = False
            for names in places:
                if names & (regions | out) and not names <= out:
                    out |= names
                    grown = True
        return out

    def _simplified(self) -> set[str]:
        """Simplify every area together (as the map does); the regions whose shown area changed."""
        names = sorted(self.areas)
        simplified = simplify_coverage([self.areas[n] for n in names], SIMPLIFY_M)
        changed = set()
        self._shapes: dict[str, BaseGeometry] = {}
        for name, geom in zip(names, simplified, strict=True):
            wkb = shapely.to_wkb(geom)
            if self.shown.get(name) != wkb:
                changed.add(name)
                self.shown[name] = wkb
            self._shapes[name] = geom
        for gone in set(self.shown) - set(names):
            del self.shown[gone]
        return changed

    def _rebuild(self, rows: pd.DataFrame, names: list[str]) -> None:
        """The map's records of ``names`` again, with the areas simplified with all others."""
        if not names:
            return
        # the records without areas: the areas are the ones simplified with all others (below)
        polygons = gpd.GeoDataFrame({"region": []}, geometry=[], crs=CRS)
        s = self.session
        recs = region_records(
            self.gdf,
            rows[rows["region"].isin(names)],
            polygons,
            {n: self.colors.get(n, NO_REGION_COLOR) for n in names},
            s.evaluation.money,
            s.config.language,
        )
        drawn = [n for n in names if n in self._shapes]
        shapes = to_wgs84([self._shapes[n] for n in drawn])
        labels = to_wgs84([shapely.point_on_surface(self.areas[n]) for n in drawn])
        for name, shape, label in zip(drawn, shapes, labels, strict=True):
            for r in recs:
                if r["name"] == name:
                    r["geometry"] = geometry_json(shape)
                    r["label"] = [float(label.y), float(label.x)]
        for r in recs:
            self.records[r["name"]] = r

    def _recolor(self, came: list[str], gone: list[str], first: pd.Series) -> None:
        """Colours of regions that came: a renamed region keeps its colour, a new one gets the
        palette colour least used next to it."""
        if len(came) == 1 and len(gone) == 1 and gone[0] in self.colors:
            self.colors[came[0]] = self.colors[gone[0]]
        else:
            for name in came:
                self.colors[name] = self._free_color(name, first)
        for g in gone:
            self.colors.pop(g, None)

    def _free_color(self, name: str, first: pd.Series) -> str:
        checker = self.session.checker
        near: Counter[str] = Counter()
        for c in first.index[first == name]:
            if c not in checker.index:
                continue
            for j in checker.neighbours[checker.index[c]].tolist():
                other = first.get(checker.codes[j])
                if isinstance(other, str) and other != name and other in self.colors:
                    near[self.colors[other]] += 1
        used = Counter(self.colors.values())
        return min(REGION_PALETTE, key=lambda c: (near[c], used[c], REGION_PALETTE.index(c)))

    # --- the session's status -------------------------------------------------------------------

    def _status(self) -> dict[str, Any]:
        s = self.session
        lang = s.language
        if s.changed:
            n = max(s.events_since_save, 1)
            line = text_n(lang, "edit.page.unsaved", n, n=n)
        else:
            line = text(lang, "edit.page.saved") if s.saved else text(lang, "edit.page.unchanged")
        return {
            "can_undo": s.can_undo,
            "can_redo": s.can_redo,
            "saved": not s.changed,
            "unsaved_text": line,
            "out": s.out.name if s.out else "",
        }

    def _resumed(self) -> str:
        s = self.session
        if not s.resumed or s.log is None:
            return ""
        return text(s.language, "edit.resume.done", log=s.log.path.name, n=s.resumed)
