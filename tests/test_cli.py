"""The command line at its boundary: numbers in range, ``python -m regionkit``, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from regionkit import __version__
from regionkit.cli import cli


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def test_python_m_regionkit() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "regionkit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"regionkit, version {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ["propose", "--seed", "-5"],
        ["propose", "--seed", str(2**32)],
        ["run", "--seed", "-1"],
        ["compare", "propose", "division:nodal", "--seed", "-5"],
    ],
)
def test_seed_out_of_range_is_a_usage_error(args: list[str]) -> None:
    result = _invoke(*args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Invalid value for '--seed'" in result.output
    assert "0<=x<=4294967295" in result.output


def test_library_seed_is_checked_like_the_configuration() -> None:
    from regionkit._errors import ConfigError
    from regionkit.config import load_config
    from regionkit.regionalize import _seed

    with pytest.raises(ConfigError, match=r"regions\.seed"):
        _seed(-5, load_config())
    assert _seed(None, load_config(regions={"seed": 3})) == 3


def test_a_geopackage_that_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GDAL's error on a full disk (a DataSourceError, not an OSError) is one message."""
    import pyogrio
    import pyogrio.errors

    def full(*args: object, **kwargs: object) -> None:
        raise pyogrio.errors.DataSourceError("database or disk is full")

    monkeypatch.setattr(pyogrio, "write_dataframe", full)
    result = _invoke("-q", "propose", "--method", "division", "--out", str(tmp_path / "p"))
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "a GeoPackage could not be written: database or disk is full" in result.output


def test_an_output_folder_that_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No folder can be made beside --out (a read-only disk): one message, nothing changed."""
    import tempfile

    def refused(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    result = _invoke("-q", "run", "--division", "rmc", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert "cannot write beside the output folder (Permission denied)" in result.output
    assert not (tmp_path / "out").exists()


PRO_NOTE = "150 praktijkonderwijsscholen doen niet mee"


def test_pro_schools_left_out_by_the_setting_and_every_output_says_why(tmp_path: Path) -> None:
    """With [regions] pro_in_regions = false the 150 praktijkonderwijs schools have a nodal area
    but are in no region regionkit makes: check, propose, run and compare account for them the
    same way and say why; compare does not count them as a difference."""
    from regionkit.schools import load_schools

    schools = load_schools()
    no_pro = tmp_path / "no_pro.toml"
    no_pro.write_text("[regions]\npro_in_regions = false\n", encoding="utf-8")
    result = _invoke("check", "--division", "nodal", "--config", str(no_pro))
    assert "80 regio's, 1.428 scholen" in result.output
    assert f"{PRO_NOTE}: een regio wordt volgens het programma gevormd" in result.output
    assert "(instelling [regions] pro_in_regions)" in result.output
    # a file that puts every school, pro too, in its nodal area is the same as the division
    every = schools.dropna(subset=["nodal_name"])
    listed = tmp_path / "all_nodal.csv"
    every.rename(columns={"nodal_name": "region"})[["region", "code"]].to_csv(listed, index=False)
    result = _invoke("compare", str(listed), "division:nodal", "--config", str(no_pro))
    assert result.exit_code == 0, result.output
    assert "1.428 scholen in beide" in result.output
    only = {
        line.rsplit(None, 1)[0].strip(): line.split()[-1]
        for line in result.output.splitlines()
        if line.strip().startswith("alleen in")
    }
    assert only == {"alleen in all_nodal": "0", "alleen in nodal": "0"}, result.output
    assert PRO_NOTE in result.output
    out = tmp_path / "run"
    result = _invoke(
        "-q", "run", "--out", str(out), "--division", "nodal", "--no-national-map",
        "--config", str(no_pro),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1.428 van de 1.586 scholen in een regio" in result.output
    assert f"{PRO_NOTE}: een regio wordt volgens het programma gevormd" in result.output
    # by default (the programme: pro schools may join) they are members like the others, no note
    result = _invoke("check", "--division", "nodal")
    assert "80 regio's, 1.578 scholen" in result.output and PRO_NOTE not in result.output


def test_propose_places_pro_schools_unless_the_setting_leaves_them_out(tmp_path: Path) -> None:
    import pandas as pd

    result = _invoke("propose", "--out", str(tmp_path / "all"))
    assert result.exit_code == 0, result.output
    assert PRO_NOTE not in result.output
    table = pd.read_csv(tmp_path / "all" / "proposal.csv", dtype=str)
    assert len(table) == 1586 and "pro" in set(table["kind"])  # every school in a region
    no_pro = tmp_path / "no_pro.toml"
    no_pro.write_text("[regions]\npro_in_regions = false\n", encoding="utf-8")
    result = _invoke("propose", "--out", str(tmp_path / "no_pro"), "--config", str(no_pro))
    assert result.exit_code == 0, result.output
    assert PRO_NOTE in result.output
    table = pd.read_csv(tmp_path / "no_pro" / "proposal.csv", dtype=str)
    assert len(table) == 1436 and "pro" not in set(table["kind"])
