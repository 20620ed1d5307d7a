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
