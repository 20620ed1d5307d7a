"""End-to-end tests of `regionkit run` and `regionkit compare` on the bundled data."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
from pathlib import Path

import pyogrio
import pytest
from click.testing import CliRunner, Result

from regionkit.cli import cli
from regionkit.workflow import STEPS, run

EXPECTED_FILES = {
    "map.html",
    "report.xlsx",
    "regions.gpkg",
    "proposal.csv",
    "regions.csv",
    "regions.json",
    "schools.csv",
    "schools.json",
    "findings.csv",
    "findings.json",
    "funding_schools.csv",
    "funding_schools.json",
    "run.json",
}


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The default run twice: once through the CLI, once through the library with a map copy."""
    base = tmp_path_factory.mktemp("runs")
    result = _invoke("-q", "run", "--out", str(base / "a"), "--no-national-map")
    assert result.exit_code == 0, result.output
    copy = base / "maps" / "regions_nl.html"
    run(base / "b", national_map=copy)
    return base / "a", base / "b", copy


@pytest.mark.slow
class TestRun:
    def test_expected_files(self, two_runs: tuple[Path, Path, Path]) -> None:
        a, _, _ = two_runs
        assert {p.name for p in a.iterdir()} == EXPECTED_FILES  # no staging folder left

    def test_second_run_is_byte_identical(self, two_runs: tuple[Path, Path, Path]) -> None:
        a, b, _ = two_runs
        for name in sorted(EXPECTED_FILES - {"run.json"}):
            assert _sha(a / name) == _sha(b / name), f"{name} differs between two runs"
        ma, mb = json.loads((a / "run.json").read_text()), json.loads((b / "run.json").read_text())
        assert ma.pop("timestamp") != "" and mb.pop("timestamp") != ""
        assert ma == mb

    def test_manifest(self, two_runs: tuple[Path, Path, Path]) -> None:
        a, _, _ = two_runs
        manifest = json.loads((a / "run.json").read_text())
        outputs = {o["path"]: o["sha256"] for o in manifest["outputs"]}
        assert set(outputs) == EXPECTED_FILES - {"run.json"}
        for name, digest in outputs.items():
            assert _sha(a / name) == digest
        schools = next(i for i in manifest["inputs"] if i["name"] == "schools")
        assert schools["sha256"] == _sha(Path(schools["path"]))
        assert manifest["seed"] == 0
        assert manifest["config"]["regions"]["seed"] == 0
        assert {"GDAL", "PROJ", "python", "regionkit"} <= set(manifest["versions"])
        names = {i["name"] for i in manifest["inputs"]}
        assert "boundaries/nl_gemeenten_2021.geojson" in names
        # regionkit's own proposal: its quality figures are recorded with the run
        metrics = manifest["proposal_metrics"]
        assert metrics["n_disconnected"] == 0
        assert metrics["n_schools_assigned"] == manifest["summary"]["n_schools"]

    def test_every_school_is_in_every_table(self, two_runs: tuple[Path, Path, Path]) -> None:
        import pandas as pd

        from regionkit.schools import load_schools

        a, _, _ = two_runs
        codes = set(load_schools()["code"])
        for name in ("schools.csv", "funding_schools.csv"):
            table = pd.read_csv(a / name, dtype={"code": str})
            assert set(table["code"]) == codes
        layer = pyogrio.read_dataframe(a / "regions.gpkg", layer="schools")
        assert set(layer["code"]) == codes
        proposal = pd.read_csv(a / "proposal.csv", dtype={"code": str})
        assigned = proposal[proposal["role"] == "school"]
        regions = pd.read_csv(a / "regions.csv")
        assert set(assigned["region"]) == set(regions["region"])

    def test_workbook_and_geopackage(self, two_runs: tuple[Path, Path, Path]) -> None:
        from openpyxl import load_workbook

        a, _, _ = two_runs
        wb = load_workbook(a / "report.xlsx", read_only=True)
        assert wb.sheetnames == ["regions", "schools", "findings", "funding"]
        layers = dict(pyogrio.list_layers(a / "regions.gpkg"))
        assert set(layers) == {"schools", "regions", "graph_edges", "findings"}
        assert pyogrio.read_info(a / "regions.gpkg", layer="regions")["crs"] == "EPSG:28992"

    def test_national_map_copy(self, two_runs: tuple[Path, Path, Path]) -> None:
        _, b, copy = two_runs
        assert copy.read_bytes() == (b / "map.html").read_bytes()

    def test_summary_on_stdout(self, two_runs: tuple[Path, Path, Path]) -> None:
        a, _, _ = two_runs
        result = _invoke("run", "--out", str(a), "--no-national-map", "--division", "rmc")
        assert result.exit_code == 0, result.output
        assert "regio's uit division:rmc: 39 regio's" in result.output  # the default: Dutch
        assert "bevindingen:" in result.output


def test_summary_in_english() -> None:
    """The summary is in the configuration's language, its numbers written the same way."""
    from regionkit.workflow import RunResult

    result = RunResult(
        out_dir=Path("out"),
        files={"map.html": Path("out/map.html"), "run.json": Path("out/run.json")},
        timings={"schools": 0.2, "graph": 1.0},
        n_schools=1586,
        n_regions=39,
        n_assigned=1428,
        n_findings={"error": 0, "warning": 58, "info": 2},
        max_subsidy_4y_eur=1234567.89,
        n_techniekarm=1,
        source="division:rmc",
        language="en",
    )
    assert result.summary().splitlines() == [
        "regions from division:rmc: 39 regions, 1,428 of 1,586 schools in a region",
        "findings: 0 errors, 58 warnings, 2 info",
        "maximum subsidy: EUR 1,234,567.89 over the period; 1 techniekarm region",
        "outputs in out/ (2 files, 1.2 s)",
    ]
    one = dataclasses.replace(result, n_findings={"error": 1, "warning": 1, "info": 0})
    assert one.summary().splitlines()[1] == "findings: 1 error, 1 warning, 0 info"
    dutch = dataclasses.replace(one, language="nl").summary().splitlines()[1]
    assert dutch == "bevindingen: 1 fout, 1 waarschuwing, 0 meldingen"


def test_failed_run_leaves_previous_outputs(
    two_runs: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that fails while writing reports changes nothing in the output folder."""
    import regionkit.workflow as workflow

    a, _, _ = two_runs
    out = tmp_path / "out"
    shutil.copytree(a, out)
    before = {p.name: _sha(p) for p in out.iterdir()}

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workflow, "write_geopackage", broken)
    steps: list[str] = []
    with pytest.raises(OSError, match="No space left"):
        run(out, division="nodal", progress=steps.append)
    assert steps == list(STEPS)  # it failed in the last step, after the map was staged
    assert {p.name: _sha(p) for p in out.iterdir()} == before


def _manifest_holds(out: Path) -> dict[str, str]:
    """The folder holds exactly the files its run.json lists, each with its SHA-256."""
    manifest = json.loads((out / "run.json").read_text())
    listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    present = {p.name for p in out.iterdir()} - {"run.json", "notes.txt"}
    assert present == set(listed), present ^ set(listed)
    assert all(_sha(out / name) == digest for name, digest in listed.items())
    return listed


@pytest.mark.slow
def test_a_run_killed_in_its_commit(two_runs: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """`regionkit run` killed (SIGKILL) inside its commit: the folder holds the new set whole,
    the next run clears what the killed one left, and an analyst's note stays."""
    import os
    import signal
    import subprocess
    import sys

    a, _, _ = two_runs
    out = tmp_path / "out"
    shutil.copytree(a, out)
    (out / "notes.txt").write_text("mine")
    before = _manifest_holds(out)
    env = {**os.environ, "REGIONKIT_KILL_AT_COMMIT_STEP": "5"}  # swapped, old set not yet gone
    args = [sys.executable, "-m", "regionkit", "-q", "run", "--out", str(out)]
    done = subprocess.run(
        [*args, "--division", "corop", "--no-national-map"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    after = _manifest_holds(out)
    assert after != before
    assert json.loads((out / "run.json").read_text())["source"] == "division:corop"
    left = [p.name for p in tmp_path.iterdir() if p.name != "out"]
    assert left and all(name.startswith(".out.regionkit-") for name in left)
    result = _invoke("-q", "run", "--out", str(out), "--division", "nodal", "--no-national-map")
    assert result.exit_code == 0, result.output
    _manifest_holds(out)
    assert (out / "notes.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "the killed run's folder is left"


@pytest.mark.slow
def test_a_full_disk_while_writing_the_geopackage(
    two_runs: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GDAL reports a full disk as a DataSourceError: one message, exit 2, old outputs intact,
    and the leftovers of killed runs of earlier versions (inside --out) are cleared."""
    import pyogrio
    import pyogrio.errors

    a, _, _ = two_runs
    out = tmp_path / "out"
    shutil.copytree(a, out)
    before = {p.name: _sha(p) for p in out.iterdir()}

    def full(*args: object, **kwargs: object) -> None:
        raise pyogrio.errors.DataSourceError(
            "sqlite3_exec(CREATE TABLE) failed: database or disk is full"
        )

    monkeypatch.setattr(pyogrio, "write_dataframe", full)
    text = _user_error(
        _invoke("run", "--out", str(out), "--division", "nodal", "--no-national-map")
    )
    assert "disk is full" in text and "previous outputs" in text and "unchanged" in text
    assert {p.name: _sha(p) for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    monkeypatch.undo()
    (out / ".regionkit-run-x1y2z3").mkdir()  # what a killed run of an earlier version left
    (out / ".regionkit-run-x1y2z3" / "map.html").write_text("part")
    result = _invoke("-q", "run", "--out", str(out), "--division", "nodal", "--no-national-map")
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == EXPECTED_FILES


def test_an_output_folder_of_other_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused before any work (no graph is built), naming the folder as given, not only 'tm'."""
    import regionkit.workflow

    def no_graph(r: object) -> None:
        raise AssertionError("the graph was built before the folder was checked")

    monkeypatch.setattr(regionkit.workflow, "_graph", no_graph)
    tm = tmp_path / "tm"
    tm.mkdir()
    (tm / "thesis.docx").write_text("years of work")
    text = _user_error(_invoke("run", "--out", str(tm), "--division", "nodal"))
    assert f"de uitvoermap {tm} bevat bestanden die geen run van regionkit schreef" in text
    assert "(thesis.docx)" in text
    assert [p.name for p in tm.iterdir()] == ["thesis.docx"]
    english = tmp_path / "en.toml"
    english.write_text('language = "en"\n', encoding="utf-8")
    text = _user_error(_invoke("run", "--out", str(tm), "--config", str(english)))
    assert f"the output folder {tm} holds files that no regionkit run wrote (thesis.docx)" in text


def _user_error(result: Result) -> str:
    """Assert a user error: non-zero exit, one readable message, no traceback."""
    assert result.exit_code not in (0, None)
    assert isinstance(result.exception, SystemExit), result.exception
    text = result.output
    assert "Traceback" not in text
    assert "Error:" in text
    return text


class TestUserErrors:
    def test_missing_schools_file(self, tmp_path: Path) -> None:
        text = _user_error(
            _invoke("run", "--out", str(tmp_path), "--schools", str(tmp_path / "nope.csv"))
        )
        assert "nope.csv" in text and "het bestand bestaat niet" in text  # Dutch: the default
        assert list(tmp_path.iterdir()) == []

    def test_bad_config_key(self, tmp_path: Path) -> None:
        cfg = tmp_path / "rules.toml"
        cfg.write_text("[regions]\nfloor = 3\n")
        text = _user_error(_invoke("run", "--out", str(tmp_path / "out"), "--config", str(cfg)))
        assert "onbekende sleutel regions.floor" in text  # the file names no language: Dutch
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())

    def test_malformed_proposal(self, tmp_path: Path) -> None:
        bad = tmp_path / "proposal.csv"
        bad.write_text("region;code\nTwente;00AH7\n;02QZ00\n")
        out = tmp_path / "out"
        text = _user_error(
            _invoke("run", "--out", str(out), "--proposal", str(bad), "--no-national-map")
        )
        assert "proposal.csv" in text
        assert not out.exists() or not any(out.iterdir())

    def test_compare_missing_file(self, tmp_path: Path) -> None:
        text = _user_error(_invoke("compare", str(tmp_path / "nope.csv"), "division:nodal"))
        assert "does not exist" in text

    def test_compare_unknown_division(self) -> None:
        text = _user_error(_invoke("compare", "division:province", "division:nodal"))
        assert "unknown division" in text

    def test_proposal_and_division_together(self, tmp_path: Path) -> None:
        p = tmp_path / "p.csv"
        p.write_text("region,code\nA,02QZ00\n")
        text = _user_error(
            _invoke("run", "--out", str(tmp_path / "o"), "--proposal", str(p), "--division", "rmc")
        )
        assert "not both" in text


def test_compare_cli(tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    result = _invoke(
        "compare",
        "division:nodal",
        "division:rmc",
        "--out",
        str(out),
        "--json",
        "--min-share",
        "0.2",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["a"] == "nodal" and data["b"] == "rmc"
    assert data["n_common"] == 1578  # 917 vmbo, 511 vso, 150 pro
    assert data["min_share"] == 0.2
    assert sorted(p.name for p in out.iterdir()) == ["compare.json", "matches.csv", "moved.csv"]
    assert json.loads((out / "compare.json").read_text())["n_moved"] == data["n_moved"]
    moved = (out / "moved.csv").read_text().splitlines()
    assert moved[0] == "code,region_a,region_b,matched_b,name,place,x,y"
    assert len(moved) - 1 == data["n_moved"]


def test_compare_with_a_proposal_file_and_map(tmp_path: Path) -> None:
    from regionkit.compare import division_assignment
    from regionkit.schools import load_schools

    rmc = division_assignment(load_schools(), "rmc")
    p = tmp_path / "regions.csv"
    table = rmc.rename("region").reset_index()[["region", "code"]]
    table.loc[0, "region"] = table.loc[len(table) - 1, "region"]  # move one school
    table.to_csv(p, sep=";", index=False)
    html = tmp_path / "moved.html"
    result = _invoke("compare", "division:rmc", str(p), "--map", str(html))
    assert result.exit_code == 0, result.output
    assert "rmc (39 regio's) tegenover regions (39 regio's)" in result.output
    assert re.search(r"verplaatste scholen +1 \(", result.output)
    assert html.exists() and "rk-moved" in html.read_text()
