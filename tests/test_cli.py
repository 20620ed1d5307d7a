"""The command line at its boundary: numbers in range, ``python -m regionkit``, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

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
