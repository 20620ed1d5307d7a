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


# --- fund (funding engineer) -------------------------------------------------------------------


def _fund_assignment(proposal_path: str, schools: Any) -> tuple[Any, list[str]]:
    """The assignment of a proposal file, and notes on schools listed in several regions."""
    try:
        from regionkit.proposal import read_proposal
    except ImportError:  # the proposal reader is not there yet: region and code columns only
        import pandas as pd

        from regionkit._io import read_table

        table = read_table(proposal_path)
        table.columns = [str(c).strip().lower() for c in table.columns]
        missing = [c for c in ("region", "code") if c not in table.columns]
        if missing:
            raise InputDataError(
                f"{proposal_path}: the proposal needs the columns region and code "
                f"(missing: {', '.join(missing)})"
            ) from None
        rows = table.dropna(subset=["code"])
        memberships = pd.DataFrame(
            {"region": rows["region"].astype(str), "code": rows["code"].astype(str)}
        )
        first = memberships.drop_duplicates("code")
        assignment = pd.Series(first["region"].to_numpy(), index=first["code"].to_numpy())
    else:
        proposal = read_proposal(proposal_path, schools)
        memberships = proposal.memberships
        assignment = proposal.assignment
    notes = []
    repeated = memberships[memberships["code"].duplicated(keep=False)]
    for code, rows in repeated.groupby("code", sort=True):
        regions = rows["region"].astype(str).tolist()
        notes.append(
            f"school {code} is listed in {len(regions)} regions ({', '.join(regions)}); "
            f"funding counts it once, in {regions[0]}"
        )
    return assignment, notes


def _fund_table(result: Any, language: Any) -> str:
    """The per-region figures as a readable, aligned text table."""
    from regionkit._format import format_cents, format_int, format_number, format_pct

    nl = language == "nl"
    headers = (
        ["Regio", "Vest.", "BB/KB", "GL", "BB/KB-eq.", "Max. 4 jaar", "Per jaar", "Cofinanc.",
         "Techn.", "Techniekarm"]
        if nl
        else ["Region", "Schools", "BB/KB", "GL", "BB/KB-eq.", "Max. 4 years", "Per year",
              "Co-financing", "Techn.", "Techniekarm"]
    )  # fmt: skip
    yes, no = ("ja", "nee") if nl else ("yes", "no")
    rows = []
    for r in result.regions.itertuples(index=False):
        rows.append(
            [
                str(r.region),
                format_int(r.n_schools, language),
                format_int(r.counted_pupils_bb_kb, language),
                format_int(r.counted_pupils_gl, language),
                format_number(r.bb_kb_equivalent, language, decimals=1),
                format_cents(r.max_subsidy_4y_cents, language),
                format_cents(r.max_subsidy_year_cents, language),
                format_cents(r.cofinancing_cents, language),
                format_pct(r.technical_share, language),
                yes if r.techniekarm else no,
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def _fund_totals(totals: Any, language: Any, label: str) -> str:
    """One line of totals (over the regions, or over the whole table)."""
    from regionkit._format import format_cents, format_int, format_number, format_pct

    nl = language == "nl"
    parts = [
        f"{format_int(totals.n_schools, language)} {'vestigingen' if nl else 'schools'}",
        f"BB/KB {format_int(totals.counted_pupils_bb_kb, language)}",
        f"GL {format_int(totals.counted_pupils_gl, language)}",
        f"BB/KB-equivalent {format_number(totals.bb_kb_equivalent, language, decimals=1)}",
        f"{'maximaal' if nl else 'at most'} {format_cents(totals.max_subsidy_4y_cents, language)}"
        f" {'over de periode' if nl else 'over the period'}",
        f"{format_cents(totals.max_subsidy_year_cents, language)} {'per jaar' if nl else 'a year'}",
        f"{'cofinanciering' if nl else 'co-financing'} "
        f"{format_cents(totals.cofinancing_cents, language)}",
        f"{'technisch aandeel' if nl else 'technical share'} "
        f"{format_pct(totals.technical_share, language)}",
    ]
    return f"{label}: " + ", ".join(parts)


def _fund_split_table(split: Any, language: Any) -> str:
    from regionkit._format import format_cents

    nl = language == "nl"
    headers = (
        ["Regio", "Code", "Naam", "Techn. profielen", "Overige techniek", "Totaal"]
        if nl
        else ["Region", "Code", "Name", "Technical profiles", "Other technique", "Total"]
    )
    rows = [
        [
            str(r.region),
            str(r.code),
            ("" if r.name is None or r.name != r.name else str(r.name))[:40],
            format_cents(r.technical_4y_cents, language),
            format_cents(r.other_4y_cents, language),
            format_cents(r.amount_4y_cents, language),
        ]
        for r in split.itertuples(index=False)
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    lines = [headers, *rows]
    text = [
        "  ".join(
            c.ljust(w) if i < 3 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in lines
    ]
    text.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(text)


@cli.command("fund")
@click.argument("proposal", required=False, type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--division",
    type=click.Choice(["nodal", "rmc", "corop"]),
    default=None,
    help="Fund an official division (CBS nodal areas, RMC regions, COROP areas) "
    "instead of a proposal.",
)
@click.option(
    "--agreement",
    "agreement_path",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Split agreements (TOML or CSV): shares for technical profiles and other "
    "technique activities, and how each part is shared among the schools.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Folder for funding_regions.csv, funding_schools.csv and funding.xlsx.",
)
@schools_option
@config_option
@json_option
@_user_errors
def fund_command(
    proposal: str | None,
    division: str | None,
    agreement_path: str | None,
    out_dir: str | None,
    schools_path: str | None,
    config_path: str | None,
    as_json: bool,
) -> None:
    """Counted pupils, maximum subsidy, co-financing and techniekarm per region.

    PROPOSAL is a proposal file (CSV or Excel with columns region, code, ...);
    or give --division to fund an official division. Prints a table per region
    and the national totals, compared with DOMAIN.md's sanity figures. With
    --agreement, every school's amount under its region's split agreement, in
    cents that add up exactly.
    """
    import json
    from pathlib import Path

    from regionkit._io import write_atomic
    from regionkit.compare import division_assignment
    from regionkit.config import load_config
    from regionkit.funding import fund, read_agreements, sanity_check
    from regionkit.reports import table_to_csv, workbook_bytes
    from regionkit.schools import load_schools

    if (proposal is None) == (division is None):
        raise click.UsageError("give a PROPOSAL file or --division (one of the two)")
    config = load_config(config_path)
    schools = load_schools(schools_path)
    notes: list[str] = []
    if proposal is not None:
        assignment, notes = _fund_assignment(proposal, schools)
        source = proposal
    else:
        assert division is not None
        assignment = division_assignment(schools, division)
        source = f"division {division}"
    agreements = read_agreements(agreement_path) if agreement_path else None
    result = fund(schools, assignment, config=config, agreements=agreements)
    sanity = sanity_check(result, config=config)
    notes = [*notes, *result.notes]

    if out_dir is not None:
        out = Path(out_dir)
        written = [
            write_atomic(out / "funding_regions.csv", table_to_csv(result.regions)),
            write_atomic(out / "funding_schools.csv", table_to_csv(result.schools)),
            write_atomic(out / "funding.xlsx", workbook_bytes(result.tables())),
        ]
        for path in written:
            click.echo(f"wrote {path}", err=True)

    if as_json:
        data = {"source": source, **result.to_dict(), "sanity": sanity}
        data["notes"] = notes
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
        return

    language = config.language
    nl = language == "nl"
    cfg = config.funding
    click.echo(
        f"Financiering per regio: {source} (telling {cfg.count_date}, datajaar {cfg.data_year})"
        if nl
        else f"Funding per region: {source} (count {cfg.count_date}, data year {cfg.data_year})"
    )
    click.echo("")
    click.echo(_fund_table(result, language))
    click.echo("")
    n = result.national
    click.echo(
        _fund_totals(
            n,
            language,
            (
                f"Totaal {n.n_regions} regio's ({n.n_techniekarm} techniekarm)"
                if nl
                else f"Total of {n.n_regions} regions ({n.n_techniekarm} techniekarm)"
            ),
        )
    )
    click.echo(
        _fund_totals(
            result.whole_table,
            language,
            "Alle vmbo/vso-vestigingen" if nl else "All vmbo/vso schools",
        )
    )
    if len(result.split):
        click.echo("")
        click.echo("Verdeling volgens afspraak:" if nl else "Split by agreement:")
        click.echo(_fund_split_table(result.split, language))
    click.echo("")
    click.echo("Vergelijking met DOMAIN.md:" if nl else "Compared with DOMAIN.md:")
    for s in sanity:
        click.echo(f"  - {s}")
    if notes:
        click.echo("")
        click.echo("Opmerkingen:" if nl else "Notes:")
        for s in notes:
            click.echo(f"  - {s}")
