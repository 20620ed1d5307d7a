"""The ``regionkit`` command line: a thin layer over the library.

One function per command; every command only wires library steps together.
User errors (bad input, bad configuration, impossible requests) are printed
as one readable message with a non-zero exit, never as a traceback.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from regionkit import __version__
from regionkit._errors import ConfigError, InfeasibleError, InputDataError

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])

#: Exit code for user errors (bad input, configuration or request).
EXIT_USER_ERROR = 2


def config_option(f: F) -> F:
    """``--config FILE``: a TOML configuration (defaults from DOMAIN.md)."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        help="TOML configuration file (thresholds, floors, rates); defaults from DOMAIN.md.",
    )(f)


def schools_option(f: F) -> F:
    """``--schools FILE``: a schools table instead of the bundled one."""
    return click.option(
        "--schools",
        "schools_path",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        help=(
            "Schools table (CSV, Excel, GeoPackage, GeoJSON); default: the bundled DUO 2019 table."
        ),
    )(f)


def json_option(f: F) -> F:
    """``--json``: print the result as JSON on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")(f)


def _setup_logging(verbose: int, quiet: int) -> None:
    level = logging.WARNING - 10 * verbose + 10 * quiet
    logging.basicConfig(
        level=max(level, logging.DEBUG),
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="regionkit")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (repeatable).")
@click.option("-q", "--quiet", count=True, help="Less log output on stderr (repeatable).")
def cli(verbose: int, quiet: int) -> None:
    """regionkit: form and check regions of vmbo schools (Sterk Techniekonderwijs)."""
    _setup_logging(verbose, quiet)


def _user_errors(f: F) -> F:
    """Turn regionkit's user errors into one message on stderr and exit code 2."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except (InputDataError, ConfigError, InfeasibleError) as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"{exc.strerror or exc}: {exc.filename or ''}") from None

    return wrapper  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``regionkit`` console script."""
    click.ClickException.exit_code = EXIT_USER_ERROR
    cli.main(args=argv, prog_name="regionkit")


# --- commands ----------------------------------------------------------------------------------
# Each command is one function below; it parses options, calls the library and prints or writes.
