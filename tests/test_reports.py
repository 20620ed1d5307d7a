"""Tests of regionkit.reports: workbook, GeoPackage, CSV/JSON and manifest writers."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import box

from regionkit.reports import (
    fixed_datetime,
    table_to_csv,
    table_to_json,
    write_csv,
    write_geopackage,
    write_json,
    write_manifest,
    write_workbook,
)


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    """Four schools in two square regions, one edge across, two findings.

      y
    2 |  c3        c4        regions: west = {c1, c3}, east = {c2, c4}
      |
    0 |  c1 ------ c2        edges: c1-c2, c1-c3, c2-c4
      +------------------ x
         0         2  (km)
    """
    schools = gpd.GeoDataFrame(
        {
            "code": ["00AA00", "00AA01", "00AA02", "00AA03"],
            "name": ["Een", "Twee", "Drie", "Vier"],
            "region": ["west", "east", "west", "east"],
            "x": [100_000.0, 102_000.0, 100_000.0, 102_000.0],
            "y": [450_000.0, 450_000.0, 452_000.0, 452_000.0],
            "has_technical_profile": [True, True, False, True],
            "nodal_code": pd.array(["22", None, "22", "30"], dtype="string"),
            "n_pupils": pd.array([10, 20, None, 40], dtype="Int64"),
        },
        geometry=gpd.points_from_xy(
            [100_000, 102_000, 100_000, 102_000], [450_000, 450_000, 452_000, 452_000]
        ),
        crs="EPSG:28992",
    )
    regions = gpd.GeoDataFrame(
        {
            "region": ["east", "west"],
            "n_schools": [2, 2],
            "max_subsidy_4y_eur": [1_234_567.5, 2_000_000.0],
            "technical_share": [0.25, 0.05],
            "techniekarm": [False, True],
        },
        geometry=[box(101_000, 449_000, 103_000, 453_000), box(99_000, 449_000, 101_000, 453_000)],
        crs="EPSG:28992",
    )
    edges = pd.DataFrame(
        {
            "code_a": ["00AA00", "00AA00", "00AA01"],
            "code_b": ["00AA01", "00AA02", "00AA03"],
            "distance_m": [2000.0, 2000.0, 2000.0],
        }
    )
    findings = pd.DataFrame(
        {
            "rule": ["close_split", "techniekarm"],
            "severity": ["warning", "info"],
            "regions": [("east", "west"), ("west",)],
            "schools": [("00AA00", "00AA01"), ()],
            "value": [2000.0, 0.05],
            "message": ["2 km apart in two regions", "technique-poor"],
        }
    )
    funding = pd.DataFrame(
        {
            "code": ["00AA00", "00AA01", "00AA02", "00AA03"],
            "region": ["west", "east", "west", "east"],
            "amount_eur": [1_000_000.0, 617_283.75, 1_000_000.0, 617_283.75],
        }
    )
    return {
        "schools": schools,
        "regions": regions,
        "edges": edges,
        "findings": findings,
        "funding": funding,
    }


def _workbook(path: Path, t: dict[str, pd.DataFrame]) -> Path:
    return write_workbook(
        path,
        regions=t["regions"],
        schools=t["schools"],
        findings=t["findings"],
        funding_schools=t["funding"],
    )


class TestWorkbook:
    def test_sheets_header_and_panes(self, tmp_path: Path, tables: dict) -> None:
        from openpyxl import load_workbook

        wb = load_workbook(_workbook(tmp_path / "r.xlsx", tables))
        assert wb.sheetnames == ["regions", "schools", "findings", "funding"]
        ws = wb["regions"]
        assert [c.value for c in ws[1]] == [
            "region",
            "n_schools",
            "max_subsidy_4y_eur",
            "technical_share",
            "techniekarm",
        ]
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "B2"
        assert ws.auto_filter.ref == "A1:E3"
        assert ws["C2"].value == pytest.approx(1_234_567.5)
        assert ws["C2"].number_format == "#,##0.00"
        assert ws["D2"].number_format == "0.0%"
        assert ws.column_dimensions["C"].width >= len("max_subsidy_4y_eur")
        # tuples are joined, empty tuples and NA are empty cells
        f = wb["findings"]
        assert f["C2"].value == "east;west"
        assert f["D3"].value is None
        s = wb["schools"]
        assert "geometry" not in [c.value for c in s[1]]
        assert [c.value for c in s["H"]][1:] == [10, 20, None, 40]

    def test_byte_identical(
        self, tmp_path: Path, tables: dict, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        a = _workbook(tmp_path / "a.xlsx", tables)
        # A later clock must not change a byte: zip entry dates and document dates are fixed.
        later = time.time() + 86_400 * 3
        monkeypatch.setattr(time, "time", lambda: later)
        b = _workbook(tmp_path / "b.xlsx", tables)
        assert _sha(a) == _sha(b)
        with zipfile.ZipFile(a) as z:
            core = z.read("docProps/core.xml").decode()
            assert {i.date_time for i in z.infolist()} == {(2020, 1, 1, 0, 0, 0)}
        assert "2020-01-01T00:00:00Z" in core

    def test_source_date_epoch(
        self, tmp_path: Path, tables: dict, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        assert fixed_datetime().year == 2023
        with zipfile.ZipFile(_workbook(tmp_path / "a.xlsx", tables)) as z:
            assert "2023-11-14T22:13:20Z" in z.read("docProps/core.xml").decode()

    def test_failure_leaves_no_file(self, tmp_path: Path, tables: dict) -> None:
        target = _workbook(tmp_path / "r.xlsx", tables)
        before = _sha(target)
        bad = tables["regions"].assign(n_schools=[object(), 1])
        with pytest.raises((ValueError, TypeError)):
            write_workbook(
                target,
                regions=bad,
                schools=tables["schools"],
                findings=tables["findings"],
                funding_schools=tables["funding"],
            )
        assert _sha(target) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


class TestGeoPackage:
    def test_layers_columns_crs(self, tmp_path: Path, tables: dict) -> None:
        path = write_geopackage(
            tmp_path / "r.gpkg",
            schools=tables["schools"],
            regions=tables["regions"],
            edges=tables["edges"],
            findings=tables["findings"],
        )
        layers = dict(pyogrio.list_layers(path))
        assert layers == {
            "schools": "Point",
            "regions": "MultiPolygon",
            "graph_edges": "LineString",
            "findings": "MultiPoint",
        }
        for name in layers:
            info = pyogrio.read_info(path, layer=name)
            assert info["crs"] == "EPSG:28992"
        schools = pyogrio.read_dataframe(path, layer="schools")
        assert list(schools.columns[:3]) == ["code", "name", "region"]
        assert schools["n_pupils"].isna().tolist() == [False, False, True, False]
        edges = pyogrio.read_dataframe(path, layer="graph_edges")
        assert edges.geometry.length.tolist() == pytest.approx([2000.0] * 3)
        findings = pyogrio.read_dataframe(path, layer="findings")
        assert findings["regions"].tolist() == ["east;west", "west"]
        # the region-level finding points at the schools of its region
        assert [len(g.geoms) for g in findings.geometry] == [2, 2]
        regions = pyogrio.read_dataframe(path, layer="regions")
        assert regions["techniekarm"].tolist() == [False, True]

    def test_booleans_with_gaps(self, tmp_path: Path, tables: dict) -> None:
        findings = tables["findings"].assign(techniekarm=pd.array([None, True], dtype="boolean"))
        path = write_geopackage(
            tmp_path / "r.gpkg",
            schools=tables["schools"],
            regions=tables["regions"],
            edges=tables["edges"],
            findings=findings,
        )
        info = pyogrio.read_info(path, layer="findings")
        assert dict(zip(info["fields"], info["dtypes"], strict=True))["techniekarm"] == "bool"

    def test_plain_column_names(self, tmp_path: Path, tables: dict) -> None:
        regions = tables["regions"].rename(columns={"n_schools": "N schools (vmbo)"})
        path = write_geopackage(
            tmp_path / "r.gpkg",
            schools=tables["schools"],
            regions=regions,
            edges=tables["edges"],
            findings=tables["findings"],
        )
        cols = pyogrio.read_info(path, layer="regions")["fields"].tolist()
        assert "n_schools_vmbo" in cols

    def test_byte_identical(self, tmp_path: Path, tables: dict) -> None:
        kwargs = {k: tables[k] for k in ("schools", "regions", "edges", "findings")}
        a = write_geopackage(tmp_path / "a.gpkg", **kwargs)
        time.sleep(1.1)  # GDAL's own layer dates have one-second resolution
        b = write_geopackage(tmp_path / "b.gpkg", **kwargs)
        assert _sha(a) == _sha(b)
        with sqlite3.connect(a) as con:
            dates = {r[0] for r in con.execute("select last_change from gpkg_contents")}
        assert dates == {"2020-01-01T00:00:00.000Z"}
        assert pyogrio.get_gdal_config_option("OGR_CURRENT_DATE") is None

    def test_failure_leaves_no_partial_file(
        self, tmp_path: Path, tables: dict, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real = pyogrio.write_dataframe
        calls = []

        def fail_on_third(df: gpd.GeoDataFrame, path: Path, **kw: object) -> None:
            calls.append(kw["layer"])
            if len(calls) == 3:
                raise OSError("disk full")
            real(df, path, **kw)

        monkeypatch.setattr(pyogrio, "write_dataframe", fail_on_third)
        with pytest.raises(OSError, match="disk full"):
            write_geopackage(
                tmp_path / "r.gpkg",
                schools=tables["schools"],
                regions=tables["regions"],
                edges=tables["edges"],
                findings=tables["findings"],
            )
        assert calls == ["schools", "regions", "graph_edges"]
        assert list(tmp_path.iterdir()) == []


class TestTables:
    def test_csv_round_trip(self, tmp_path: Path, tables: dict) -> None:
        p = write_csv(tmp_path / "f.csv", tables["findings"])
        back = pd.read_csv(p)
        assert back["regions"].tolist() == ["east;west", "west"]
        assert back["value"].tolist() == [2000.0, 0.05]

    def test_float_formatting_is_fixed(self) -> None:
        df = pd.DataFrame({"k": [1, 2, 3, 4], "v": [0.1 + 0.2, 1e7 / 3, -1e-7, float("nan")]})
        assert table_to_csv(df) == "k,v\n1,0.3\n2,3333333.333333\n3,0\n4,\n"
        assert [r["v"] for r in json.loads(table_to_json(df))] == [0.3, 3333333.333333, 0.0, None]

    def test_json_of_plain_data(self, tmp_path: Path) -> None:
        p = write_json(tmp_path / "x.json", {"b": 1, "a": [0.1 + 0.2, None, ("x", "y")]})
        # JSON has lists: plain data keeps them (only tables join tuples with ";")
        assert json.loads(p.read_text()) == {"b": 1, "a": [0.3, None, ["x", "y"]]}
        # in tables, JSON keeps lists and mappings; CSV joins tuples and writes mappings as JSON
        df = pd.DataFrame({"r": [("a", "b")], "d": [{"n": 2, "m": 1.0}]})
        assert json.loads(table_to_json(df)) == [{"r": ["a", "b"], "d": {"n": 2, "m": 1.0}}]
        assert table_to_csv(df) == 'r,d\na;b,"{""m"": 1.0, ""n"": 2}"\n'
        assert p.read_text().startswith('{\n  "b": 1,\n  "a": [\n    0.3,')


def test_manifest_hashes(tmp_path: Path, tables: dict) -> None:
    from regionkit.config import load_config

    inp = tmp_path / "in.csv"
    inp.write_text("code,region\n00AA00,west\n")
    out_dir = tmp_path / "out"
    csv = write_csv(out_dir / "regions.csv", tables["regions"])
    cfg = load_config(regions={"seed": 7})
    m = write_manifest(
        out_dir / "run.json", config=cfg, inputs={"proposal": inp}, seed=7, outputs=[csv]
    )
    data = json.loads(m.read_text())
    assert data["seed"] == 7
    assert data["config"]["regions"]["seed"] == 7
    assert data["inputs"] == [
        {
            "name": "proposal",
            "path": str(inp),
            "bytes": inp.stat().st_size,
            "sha256": hashlib.sha256(inp.read_bytes()).hexdigest(),
        }
    ]
    assert data["outputs"][0]["path"] == "regions.csv"
    assert data["outputs"][0]["sha256"] == _sha(csv)
    for key in ("GDAL", "PROJ", "python", "regionkit", "pandas", "pyogrio"):
        assert data["versions"][key]
    assert data["timestamp"].endswith("+00:00")
