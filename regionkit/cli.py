"""The ``regionkit`` command line: a thin layer over the library.

One function per command; every command only wires library steps together.
User errors (bad input, bad configuration, impossible requests) are printed
as one readable message with a non-zero exit, never as a traceback.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from regionkit import __version__
from regionkit._errors import ConfigError, InfeasibleError, InputDataError, OutputError
from regionkit._schema import DIVISIONS

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])

#: Exit code for user errors (bad input, configuration or request).
EXIT_USER_ERROR = 2

#: The largest seed (seeds are whole numbers from 0, as ``[regions] seed`` in the configuration).
SEED_MAX = 2**32 - 1


def config_option(f: F) -> F:
    """``--config FILE``: a TOML configuration (defaults from docs/DOMAIN.md)."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        help="TOML configuration file (thresholds, floors, rates); defaults from docs/DOMAIN.md.",
    )(f)


def schools_option(f: F) -> F:
    """``--schools FILE``: a schools table instead of the bundled one; ``--year``: its data year."""
    f = click.option(
        "--year",
        type=int,
        default=None,
        help="Data year (DUO's count of 1 October): chooses the bundled table of that year "
        "(2019 or 2017; default 2019) and dates every figure.",
    )(f)
    return click.option(
        "--schools",
        "schools_path",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        help=("Schools table (CSV, Excel, GeoPackage, GeoJSON); default: the bundled DUO table."),
    )(f)


def json_option(f: F) -> F:
    """``--json``: print the result as JSON on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")(f)


def _shown(default: object) -> dict[str, Any]:
    """Show an option's default in the help where it has one."""
    return {"show_default": True} if default is not None else {}


def proposal_argument(f: F) -> F:
    """``PROPOSAL``: an optional proposal file; the alternative is ``--division``."""
    return click.argument(
        "proposal", required=False, type=click.Path(dir_okay=False, path_type=str)
    )(f)


def division_option(
    help_text: str, *, choices: tuple[str, ...] = tuple(DIVISIONS), default: str | None = None
) -> Callable[[F], F]:
    """``--division NAME``: an official division (CBS nodal areas, RMC, COROP, ...)."""
    return click.option(
        "--division",
        type=click.Choice(list(choices)),
        default=default,
        help=help_text,
        **_shown(default),
    )


def seed_option(help_text: str) -> Callable[[F], F]:
    """``--seed N``: the seed of regionkit's random steps (overrides the configuration)."""
    return click.option("--seed", type=click.IntRange(0, SEED_MAX), default=None, help=help_text)


def _out_option(
    name: str, path: click.Path, help_text: str, default: str | None
) -> Callable[[F], F]:
    """``--out``: a folder or a file path, passed to the command as ``name``."""
    return click.option(
        "--out", name, type=path, default=default, help=help_text, **_shown(default)
    )


def out_dir_option(help_text: str, *, default: str | None = None) -> Callable[[F], F]:
    """``--out DIR``: the folder a command writes its files into (``out_dir``)."""
    return _out_option("out_dir", click.Path(file_okay=False, path_type=str), help_text, default)


def out_file_option(help_text: str, *, default: str | None = None) -> Callable[[F], F]:
    """``--out FILE``: the one file a command writes (``out_path``)."""
    return _out_option("out_path", click.Path(dir_okay=False, path_type=str), help_text, default)


def _division_of(spec: str) -> str | None:
    """The division named by a compare spec (``division:rmc`` -> ``rmc``), else ``None``."""
    text = str(spec).strip()
    return text.split(":", 1)[1].strip().lower() if text.lower().startswith("division:") else None


def _wrote(language: Any, *paths: Any) -> str:
    """The line saying which files a command wrote: ``wrote a`` / ``geschreven: a en b``."""
    from regionkit._messages import join, text

    return text(language, "cli.wrote", paths=join(language, [str(p) for p in paths]))


def _one_source(proposal: str | None, division: str | None) -> None:
    """A command on a set of regions takes a PROPOSAL file or ``--division``, exactly one."""
    if (proposal is None) == (division is None):
        raise click.UsageError("give a PROPOSAL file or --division (one of the two)")


def _load_inputs(
    config_path: str | None, schools_path: str | None, year: int | None, **overrides: Any
) -> tuple[Any, Any]:
    """The configuration (``overrides`` by section; dated ``year``) and then the schools table.

    ``year`` chooses the bundled table of that year; with a table of the
    user's own it only dates the figures.
    """
    from regionkit.config import load_config
    from regionkit.schools import load_schools

    config = load_config(config_path, **overrides)
    if year is not None:
        config = config.for_year(year)
    bundled_year = year if schools_path is None else None
    schools = load_schools(schools_path, year=bundled_year, language=config.language)
    return config, schools


def _regions(
    proposal: str | None, division: str | None, schools: Any, config: Any, **read_options: Any
) -> Any:
    """The proposal file (``read_options`` go to ``read_proposal``), else the division."""
    from regionkit.proposal import proposal_from_division, read_proposal

    if proposal is not None:
        return read_proposal(proposal, schools, language=config.language, **read_options)
    assert division is not None
    return proposal_from_division(schools, division, config)


def _sheet(sheet: str | None) -> str | int | None:
    """An Excel sheet option: a 0-based number when it is all digits, else a name."""
    return int(sheet) if sheet and sheet.isdigit() else sheet


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


class UserError(click.ClickException):
    """A user error: printed as one message on stderr, exit code 2."""

    exit_code = EXIT_USER_ERROR


def _user_errors(f: F) -> F:
    """Turn regionkit's user errors into one message on stderr and exit code 2."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except (InputDataError, ConfigError, InfeasibleError, OutputError) as exc:
            raise UserError(str(exc)) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise UserError(f"{exc.strerror or exc}: {exc.filename or ''}") from None
        except RuntimeError as exc:
            # GDAL's errors while writing a GeoPackage (a full disk, a folder it cannot write)
            if type(exc).__module__.startswith("pyogrio"):
                raise UserError(f"a GeoPackage could not be written: {exc}") from None
            raise

    return wrapper  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``regionkit`` console script."""
    try:
        cli.main(args=argv, prog_name="regionkit")
    except BrokenPipeError:  # e.g. `regionkit schools | head`: the reader left, nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)


# --- commands ----------------------------------------------------------------------------------
# Each command is one function below; it parses options, calls the library and prints or writes.


# --- fund ---------------------------------------------------------------------------------------


def _listed_twice_notes(regions: Any, language: str) -> list[str]:
    """Notes on the schools a proposal lists in several regions (funding counts them once)."""
    from regionkit._messages import text

    notes = []
    repeated = regions.listed_twice
    for code, rows in repeated.groupby("code", sort=True):
        regions = rows["region"].astype(str).tolist()
        notes.append(
            text(
                language,
                "cli.fund.listed_twice",
                code=code,
                n=len(regions),
                regions=", ".join(regions),
                first=regions[0],
            )
        )
    return notes


def _source_name(proposal: str | None, division: str | None, language: str) -> str:
    """What the regions are, for a heading: the proposal file, or the official division."""
    from regionkit._messages import text

    if proposal is not None:
        return proposal
    return text(language, "cli.source.division", name=text(language, f"division.{division}"))


def _compare_year(data_year: int, wanted: int | None, schools_path: str | None) -> int | None:
    """The bundled year to compare the money's technical pupils with (None: no comparison).

    By default the other bundled year, when the schools are a bundled table
    (a table of the user's own has no bundled counterpart); ``0`` turns it off.
    """
    from regionkit.schools import BUNDLED_YEARS
    from regionkit.years import compare_year

    if wanted == 0:
        return None
    if wanted is None:
        return compare_year(data_year) if schools_path is None else None
    if wanted not in BUNDLED_YEARS:
        years = ", ".join(str(y) for y in sorted(BUNDLED_YEARS))
        raise click.UsageError(f"--compare-year {wanted}: the bundled years are {years}")
    return wanted


def _fund_table(result: Any, language: Any) -> str:
    """The per-region figures as a readable, aligned text table."""
    from regionkit._format import format_cents, format_int, format_number, format_pct, text_table
    from regionkit._messages import text

    columns = ["region", "schools", "bb_kb", "gl", "equivalent", "max_4y", "per_year"]
    columns += ["cofinancing", "technical", "techniekarm"]
    headers = [text(language, f"cli.fund.col.{c}") for c in columns]
    change = "technical_change" in result.regions.columns
    if change:
        then = int(result.regions["compare_year"].max())
        headers.append(text(language, "cli.fund.col.change", year=then))
    yes, no = text(language, "common.yes"), text(language, "common.no")
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
                *([format_int(r.technical_change, language, signed=True)] if change else []),
            ]
        )
    return "\n".join(text_table(headers, rows, header_rule=True))


def _fund_totals(totals: Any, language: Any, label: str) -> str:
    """One line of totals (over the regions, or over the whole table)."""
    from regionkit._format import format_cents, format_int, format_number, format_pct
    from regionkit._messages import text

    def part(key: str, **values: str) -> str:
        return text(language, f"cli.fund.totals.{key}", **values)

    parts = [
        part("schools", n=format_int(totals.n_schools, language)),
        part("bb_kb", n=format_int(totals.counted_pupils_bb_kb, language)),
        part("gl", n=format_int(totals.counted_pupils_gl, language)),
        part("equivalent", n=format_number(totals.bb_kb_equivalent, language, decimals=1)),
        part("max_4y", amount=format_cents(totals.max_subsidy_4y_cents, language)),
        part("per_year", amount=format_cents(totals.max_subsidy_year_cents, language)),
        part("cofinancing", amount=format_cents(totals.cofinancing_cents, language)),
        part("technical", share=format_pct(totals.technical_share, language)),
    ]
    return f"{label}: " + ", ".join(parts)


def _fund_split_table(split: Any, language: Any) -> str:
    from regionkit._format import format_cents, text_table
    from regionkit._messages import text

    columns = ("region", "code", "name", "technical", "other", "total")
    headers = [text(language, f"cli.fund.split.col.{c}") for c in columns]
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
    return "\n".join(text_table(headers, rows, left=3, header_rule=True))


def _fund_text(result: Any, sanity: list[str], notes: list[str], source: str, config: Any) -> str:
    """What ``regionkit fund`` prints: the table per region, totals, comparison and notes."""
    from regionkit._messages import text

    language = config.language
    cfg = config.funding
    title = text(
        language,
        "cli.fund.title",
        source=source,
        count_date=cfg.count_date,
        data_year=cfg.data_year,
    )
    n = result.national
    label = text(language, "cli.fund.totals.regions", n=n.n_regions, k=n.n_techniekarm)
    lines = [
        title,
        "",
        _fund_table(result, language),
        "",
        _fund_totals(n, language, label),
        _fund_totals(result.whole_table, language, text(language, "cli.fund.totals.all")),
    ]
    if len(result.split):
        lines += ["", text(language, "cli.fund.split"), _fund_split_table(result.split, language)]
    lines += ["", text(language, "cli.fund.sanity"), *(f"  - {s}" for s in sanity)]
    if notes:
        lines += ["", text(language, "cli.fund.notes"), *(f"  - {s}" for s in notes)]
    return "\n".join(lines)


@cli.command("fund")
@proposal_argument
@division_option(
    "Fund an official division (CBS nodal areas, RMC regions, COROP areas) instead of a proposal.",
    choices=("nodal", "rmc", "corop"),
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
    "--compare-year",
    type=int,
    default=None,
    help="Also count each region's technical pupils on the same schools in this bundled data "
    "year (default: the other bundled year, 2017 for 2019; 0 for no comparison).",
)
@out_dir_option("Folder for funding_regions.csv, funding_schools.csv and funding.xlsx.")
@schools_option
@config_option
@json_option
@_user_errors
def fund_command(
    proposal: str | None,
    division: str | None,
    agreement_path: str | None,
    compare_year: int | None,
    out_dir: str | None,
    schools_path: str | None,
    year: int | None,
    config_path: str | None,
    as_json: bool,
) -> None:
    """Counted pupils, maximum subsidy, co-financing and techniekarm per region.

    PROPOSAL is a proposal file (CSV or Excel with columns region, code, ...);
    or give --division to fund an official division. Prints a table per region
    and the national totals, compared with the programme's national figures (docs/DOMAIN.md),
    and how each region's technical pupils changed since the other bundled data year. With
    --agreement, every school's amount under its region's split agreement, in
    cents that add up exactly.
    """
    import json
    from pathlib import Path

    from regionkit._io import write_atomic
    from regionkit.agreements import read_agreements
    from regionkit.funding import fund
    from regionkit.regions import Regions
    from regionkit.reports import table_to_csv, workbook_bytes
    from regionkit.sanity import sanity_check
    from regionkit.schools import load_schools

    _one_source(proposal, division)
    config, schools = _load_inputs(config_path, schools_path, year)
    regions = Regions(schools, _regions(proposal, division, schools, config), config=config)
    notes = _listed_twice_notes(regions, config.language)  # none for a division
    source = _source_name(proposal, division, config.language)
    agreements = (
        read_agreements(agreement_path, language=config.language) if agreement_path else None
    )
    then_year = _compare_year(config.funding.data_year, compare_year, schools_path)
    result = fund(
        regions,
        agreements=agreements,
        compare_schools=None if then_year is None else load_schools(year=then_year),
        compare_year=then_year,
    )
    sanity = sanity_check(result, config=config)
    notes = [*notes, *result.notes]

    if out_dir is not None:
        out = Path(out_dir)
        safe = config.output.neutralise_csv_formulas
        written = [
            write_atomic(
                out / "funding_regions.csv", table_to_csv(result.regions, neutralise=safe)
            ),
            write_atomic(
                out / "funding_schools.csv", table_to_csv(result.schools, neutralise=safe)
            ),
            write_atomic(out / "funding.xlsx", workbook_bytes(result.tables())),
        ]
        for path in written:
            click.echo(_wrote(config.language, path), err=True)

    if as_json:
        data = {"source": source, **result.to_dict(), "sanity": sanity}
        data["notes"] = notes
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
        return

    click.echo(_fund_text(result, sanity, notes, source, config))


# --- check and match ----------------------------------------------------------------------------

#: Findings printed per severity before "... and N more" (all are in --out findings.csv).
_CHECK_LISTED = {"error": 50, "warning": 15, "info": 10}
#: Summary key of the count of each severity.
_SEVERITY_KEYS = {"error": "n_errors", "warning": "n_warnings", "info": "n_info"}


def _pro_note(schools: Any, assignment: Any, config: Any) -> str:
    """'150 praktijkonderwijsscholen doen niet mee (...)' for the pro schools the setting leaves
    out of the regions, when some are in no region; else ``""``."""
    from regionkit._format import format_int
    from regionkit._messages import text
    from regionkit.proposal import pro_left_out

    out = [c for c in pro_left_out(schools, config) if c not in assignment.index]
    if not out:
        return ""
    return text(config.language, "common.pro_left_out", n=format_int(len(out), config.language))


def _check_summary_text(
    result: Any, language: Any, source: str, out_dir: str | None, pro_note: str = ""
) -> str:
    """The readable summary of a check: counts per severity and rule, then the findings."""
    from regionkit._format import format_int, text_table
    from regionkit._messages import text, text_n
    from regionkit.rules import SEVERITIES

    lang = language
    s = result.summary
    names = {k: text(lang, f"cli.check.{k}") for k in SEVERITIES}
    lines = [
        text(
            lang,
            "cli.check.title",
            source=source,
            regions=format_int(s["n_regions"], lang),
            schools=format_int(s["n_schools_listed"], lang),
        ),
        *([pro_note] if pro_note else []),
        ", ".join(
            text_n(lang, f"cli.check.count.{k}", n, n=format_int(n, lang))
            for k, n in ((k, s[_SEVERITY_KEYS[k]]) for k in SEVERITIES)
        ),
        "",
    ]
    header = [text(lang, "cli.check.rule"), *(names[k] for k in SEVERITIES)]
    rows = [
        [text(lang, f"rules.name.{rule}"), *(str(counts[k]) for k in SEVERITIES)]
        for rule, counts in s["by_rule_severity"].items()
    ]
    lines += text_table(header, rows, indent="  ")
    findings = result.findings
    for severity in SEVERITIES:
        sub = findings[findings["severity"] == severity]
        if sub.empty:
            continue
        limit = _CHECK_LISTED[severity]
        title = names[severity].capitalize()
        lines.extend(["", f"{title}:"])
        for f in sub.head(limit).itertuples(index=False):
            lines.append(f"  - [{text(lang, f'rules.name.{f.rule}')}] {f.message}")
        if len(sub) > limit:
            more = len(sub) - limit
            where = f"{out_dir}/findings.csv" if out_dir else text(lang, "cli.check.use_out")
            lines.append("  " + text(lang, "cli.check.more", more=more, where=where))
    return "\n".join(lines)


def _known_money(regions: Any) -> Any:
    """The money of the regions' schools that are in the table, for the check's figures.

    A check reports unknown codes as findings; its money figures count the
    known schools (``fund`` of the regions themselves refuses unknown codes).
    Without unknown codes that is the money of the regions themselves; either
    way the per-school counts are computed once for the check and the money.
    """
    from regionkit.funding import fund

    return fund(regions if regions.unknown.empty else regions.with_proposal(regions.assignment))


@cli.command("check")
@proposal_argument
@division_option(
    "Check an official division (CBS nodal areas, RMC regions, COROP areas) instead of a "
    "proposal file."
)
@click.option(
    "--by-name",
    is_flag=True,
    help="Resolve school rows that give a name and place but no code (as regions publish their "
    "membership); names that cannot be resolved with confidence are listed with candidates.",
)
@click.option("--sep", default=None, help="CSV separator of the proposal (default: detected).")
@click.option("--sheet", default=None, help="Excel sheet of the proposal (default: the first).")
@click.option(
    "--rule",
    "only_rules",
    multiple=True,
    help="Run only this rule (repeatable): overlap, unknown_school, left_out, too_small, "
    "part_of_larger_whole, close_schools_split, not_one_area, composition.",
)
@out_dir_option("Folder for findings.csv, findings.json and regions.csv (written atomically).")
@schools_option
@config_option
@json_option
@_user_errors
def check_command(
    proposal: str | None,
    division: str | None,
    by_name: bool,
    sep: str | None,
    sheet: str | None,
    only_rules: tuple[str, ...],
    out_dir: str | None,
    schools_path: str | None,
    year: int | None,
    config_path: str | None,
    as_json: bool,
) -> None:
    """Check a proposed set of regions against every rule of the programme.

    PROPOSAL is a CSV (any common separator) or Excel file with the columns
    region and code (Dutch names work too: regio, vestigingscode), and
    optionally role (school / mbo / bedrijf / overheid), name and place; or
    give --division to check an official division. Prints a summary (regions,
    errors, warnings per rule) and the findings, each with what is wrong and
    what would fix it. Exits with 1 when there are errors (2 for unusable
    input), so that it can gate a script.
    """
    import json
    from pathlib import Path

    from regionkit.boundaries import land_mask
    from regionkit.graph import ProximityGraph
    from regionkit.regions import Regions
    from regionkit.rules import RULE_IDS, check, write_findings

    _one_source(proposal, division)
    unknown = [r for r in only_rules if r not in RULE_IDS]
    if unknown:
        raise click.UsageError(f"unknown rule {unknown[0]!r}; rules: {', '.join(RULE_IDS)}")
    config, schools = _load_inputs(config_path, schools_path, year)
    prop = _regions(
        proposal, division, schools, config, sep=sep, sheet=_sheet(sheet), by_name=by_name
    )
    source = _source_name(proposal, division, config.language)
    graph = ProximityGraph.from_config(schools, config.graph, land=land_mask())
    regions = Regions(schools, prop, config=config, graph=graph)
    result = check(regions, funding=_known_money(regions), rules=list(only_rules) or None)
    if out_dir is not None:
        safe = config.output.neutralise_csv_formulas
        for path in write_findings(result, Path(out_dir), neutralise=safe):
            click.echo(_wrote(config.language, path), err=True)
    pro_note = _pro_note(schools, regions.assignment, config)
    if as_json:
        click.echo(json.dumps(result.summary, ensure_ascii=False, indent=2))
    else:
        click.echo(_check_summary_text(result, config.language, source, out_dir, pro_note))
    if result.n_errors:
        click.get_current_context().exit(1)


def _named(name: Any, place: Any) -> str:
    """A school as a list names it: ``name (place)``, or the name alone without a place."""
    import pandas as pd

    if pd.isna(place) or not str(place).strip():
        return str(name)
    return f"{name} ({place})"


def _match_text(result: Any, unresolved: Any, language: Any) -> str:
    """``regionkit match``'s summary: counts per status, then the fuzzy and unresolved rows."""
    from regionkit._format import format_int, format_number
    from regionkit._messages import text

    status = {s: text(language, f"cli.match.status.{s}") for s in result.summary()}
    width = max(len(label) for label in status.values())
    lines = [
        ", ".join(f"{status[k]}: {format_int(v, language)}" for k, v in result.summary().items())
    ]

    def score(value: float) -> str:
        return format_number(value, language, decimals=2)

    for m in result.table[result.table["status"] == "fuzzy"].itertuples(index=False):
        found = text(
            language,
            "cli.match.found",
            status=status["fuzzy"].ljust(width),
            row=m.row,
            name=_named(m.name, m.place),
            code=m.code,
            school=_named(m.school_name, m.school_place),
            score=score(m.score),
        )
        lines.append("  " + found)
    for m in unresolved.itertuples(index=False):
        label = status.get(m.status, m.status).ljust(width)
        name = _named(m.name, m.place)
        lines.append("  " + text(language, "cli.match.row", status=label, row=m.row, name=name))
        cands = result.candidates[result.candidates["row"] == m.row]
        for c in cands.itertuples(index=False):
            candidate = text(
                language,
                "cli.match.candidate",
                code=c.code,
                school=_named(c.name, c.place),
                score=score(c.score),
            )
            lines.append("      " + candidate)
    return "\n".join(lines)


@cli.command("match")
@click.argument("names", type=click.Path(dir_okay=False, path_type=str))
@click.option("--sep", default=None, help="CSV separator of the list (default: detected).")
@click.option("--sheet", default=None, help="Excel sheet of the list (default: the first).")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=0.85,
    show_default=True,
    help="Similarity (0-1) a fuzzy name match needs.",
)
@out_file_option("Write the resolved rows as a proposal CSV (region, code, name, place).")
@schools_option
@config_option
@json_option
@_user_errors
def match_command(
    names: str,
    sep: str | None,
    sheet: str | None,
    threshold: float,
    out_path: str | None,
    schools_path: str | None,
    year: int | None,
    config_path: str | None,
    as_json: bool,
) -> None:
    """Resolve schools listed by name and place to their vestiging codes.

    NAMES is a CSV or Excel list with a name column (naam / name) and
    optionally place (plaats) and region (regio), as regions publish their
    membership. Names are matched exactly, then fuzzily within the same
    place; a name that fits several schools or none is listed with the
    closest candidates instead of being guessed. Exits with 1 when some
    names are not resolved.
    """
    import json

    from regionkit._io import write_atomic
    from regionkit._spreadsheet import csv_text
    from regionkit.config import load_config
    from regionkit.proposal import match_names, read_names
    from regionkit.schools import load_schools

    config = load_config(config_path)
    bundled_year = year if schools_path is None else None
    schools = load_schools(schools_path, year=bundled_year, language=config.language)
    table = read_names(names, sep=sep, sheet=_sheet(sheet), language=config.language)
    result = match_names(table, schools, threshold=threshold)
    if out_path is not None:
        safe = config.output.neutralise_csv_formulas
        text = csv_text(result.to_proposal_table(), neutralise=safe)
        click.echo(_wrote(config.language, write_atomic(out_path, text)), err=True)
    unresolved = result.table[~result.table["status"].isin(["exact", "fuzzy"])]
    if as_json:
        data = {
            **result.summary(),
            "rows": json.loads(result.table.to_json(orient="records")),
            "candidates": json.loads(result.candidates.to_json(orient="records")),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(_match_text(result, unresolved, config.language))
    if len(unresolved):
        click.get_current_context().exit(1)


# --- compare and run (workflow) ----------------------------------------------------------------


def _quiet() -> bool:
    """Whether -q was given to the group (progress bars off)."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    return bool(root is not None and root.params.get("quiet"))


@cli.command("compare")
@click.argument("a")
@click.argument("b")
@schools_option
@config_option
@seed_option("Seed of regionkit's own proposal.")
@click.option(
    "--min-share",
    type=click.FloatRange(0, 1, max_open=True),
    default=0.1,
    show_default=True,
    help="Share of a region's schools a part needs to count as a split or merge.",
)
@out_dir_option("Write moved.csv, matches.csv and compare.json into this folder.")
@click.option(
    "--map",
    "map_path",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Write a map of B with a layer of the schools that moved (HTML).",
)
@json_option
@_user_errors
def compare_command(
    a: str,
    b: str,
    schools_path: str | None,
    year: int | None,
    config_path: str | None,
    seed: int | None,
    min_share: float,
    out_dir: str | None,
    map_path: str | None,
    as_json: bool,
) -> None:
    """Compare two sets of regions A and B.

    A and B are each a proposal file (CSV or Excel), an official division
    (division:nodal, division:rmc, division:corop, division:education_area)
    or "propose" (regionkit's own proposal). Prints the adjusted Rand index,
    normalised mutual information, schools that moved after matching regions
    one-to-one, and split and merged regions.

    \b
    Example:
      regionkit compare propose division:nodal --out out/compare --map out/compare/map.html
    """
    import json
    from pathlib import Path

    from regionkit.compare import compare
    from regionkit.reports import write_csv, write_json
    from regionkit.workflow import assignment_from_spec

    seeded = {"regions": {"seed": seed}} if seed is not None else {}
    cfg, table = _load_inputs(config_path, schools_path, year, **seeded)
    from regionkit.proposal import pro_left_out, without_pro

    assign_a, label_a = assignment_from_spec(a, table, config=cfg)
    assign_b, label_b = assignment_from_spec(b, table, config=cfg)
    # the pro schools the setting leaves out of regions are no difference between A and B
    assign_a, assign_b = (without_pro(x, table, cfg) for x in (assign_a, assign_b))
    pro_note = _pro_note(table, assign_b.iloc[:0], cfg)
    table = table[~table["code"].astype(str).isin(pro_left_out(table, cfg))]
    if label_a == label_b:
        label_a, label_b = f"{label_a} (A)", f"{label_b} (B)"
    result = compare(
        assign_a, assign_b, schools=table, name_a=label_a, name_b=label_b, min_share=min_share
    )
    if out_dir is not None:
        folder = Path(out_dir)
        safe = cfg.output.neutralise_csv_formulas
        write_csv(folder / "moved.csv", result.moved, neutralise=safe)
        write_csv(folder / "matches.csv", result.matches, neutralise=safe)
        write_json(folder / "compare.json", result.to_dict())
    if map_path is not None:
        from regionkit.maps import make_map, write_map

        # both sets of borders: B as areas, A as lines over them, and the moved schools
        m = make_map(
            table,
            assign_b,
            config=cfg,
            moved=result,
            other=assign_a,
            other_label=label_a,
            division=_division_of(b),
            other_division=_division_of(a),
        )
        write_map(m, map_path)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(result.summary(language=cfg.language))
        if pro_note:
            click.echo(pro_note)


@cli.command("run")
@schools_option
@config_option
@out_dir_option("Output folder (map, workbook, GeoPackage, CSV/JSON, run.json).", default="out")
@click.option(
    "--proposal",
    "proposal_path",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Check this proposal file instead of proposing regions.",
)
@division_option("Use an official division as the regions instead of proposing them.")
@click.option(
    "--agreement",
    "--agreements",
    "agreements_path",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Split agreements (TOML or CSV) for the money step.",
)
@seed_option("Seed of the proposal (overrides config).")
@click.option(
    "--national-map/--no-national-map",
    default=None,
    help="Also write the map to maps/regions_nl.html (default: only for the bundled default run).",
)
@json_option
@_user_errors
def run_command(
    schools_path: str | None,
    year: int | None,
    config_path: str | None,
    out_dir: str,
    proposal_path: str | None,
    division: str | None,
    agreements_path: str | None,
    seed: int | None,
    national_map: bool | None,
    as_json: bool,
) -> None:
    """Do the whole job into an output folder.

    Schools (bundled or --schools) -> regions (regionkit's own proposal,
    --proposal FILE or --division) -> findings -> money -> map -> reports:
    map.html, report.xlsx, regions.gpkg, proposal.csv, CSV and JSON tables
    and the run.json manifest. The output folder changes all at once: a failed
    or killed run leaves the previous outputs as they were (the next run
    clears what it left), and files an analyst put there stay. Two runs give
    byte-identical files except run.json's timestamp.

    \b
    Example:
      regionkit run --out out/
    """
    import contextlib
    import json

    from tqdm.auto import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    from regionkit.workflow import STEPS, default_national_map_path, run

    bar = tqdm(
        total=len(STEPS),
        desc="regionkit run",
        unit="step",
        file=sys.stderr,
        disable=_quiet() or not sys.stderr.isatty(),
        leave=False,
    )
    started: list[str] = []

    def progress(name: str) -> None:
        if started:
            bar.update(1)
        started.append(name)
        bar.set_description(name)

    # the bundled default run also updates the national map, unless told otherwise
    bundled_default = not any((schools_path, year, proposal_path, division, config_path)) and (
        seed is None
    )
    copy = national_map if national_map is not None else bundled_default
    with logging_redirect_tqdm(), contextlib.closing(bar):  # log lines print above the bar
        result = run(
            out_dir,
            schools=schools_path,
            year=year,
            proposal=proposal_path,
            division=division,
            config=config_path,
            seed=seed,
            agreements=agreements_path,
            national_map=default_national_map_path() if copy else None,
            progress=progress,
        )
        bar.update(len(STEPS) - bar.n)
    if as_json:
        data = {
            "out": str(result.out_dir),
            "files": {k: str(v) for k, v in sorted(result.files.items())},
            "timings_s": {k: round(v, 3) for k, v in result.timings.items()},
            "n_schools": result.n_schools,
            "n_regions": result.n_regions,
            "n_assigned": result.n_assigned,
            "findings": result.n_findings,
            "max_subsidy_4y_eur": result.max_subsidy_4y_eur,
            "n_techniekarm": result.n_techniekarm,
        }
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(result.summary())


# --- regionkit map -----------------------------------------------------------------------------


@cli.command("map")
@proposal_argument
@division_option(
    "Map an official division (CBS nodal areas, RMC regions, COROP areas) instead of a "
    "proposal file."
)
@out_file_option("The HTML file to write (default: maps/<proposal or division name>.html).")
@click.option(
    "--findings/--no-findings",
    default=True,
    show_default=True,
    help="Check the rules and draw the findings as layers.",
)
@click.option(
    "--funding/--no-funding",
    default=True,
    show_default=True,
    help="Add layers colouring the regions by counted pupils and maximum subsidy.",
)
@click.option("--title", default=None, help="Title shown on the map.")
@click.option(
    "--tiles",
    default=None,
    help="Online background tiles by xyzservices name (e.g. nlmaps.grijs, OpenStreetMap.Mapnik); "
    "default: none, the map works offline.",
)
@schools_option
@config_option
@_user_errors
def map_command(
    proposal: str | None,
    division: str | None,
    out_path: str | None,
    findings: bool,
    funding: bool,
    title: str | None,
    tiles: str | None,
    schools_path: str | None,
    year: int | None,
    config_path: str | None,
) -> None:
    """Write an interactive map of a set of regions as one offline HTML file.

    PROPOSAL is a CSV or Excel file with the columns region and code (as for
    regionkit check); or give --division to map an official division. The map
    shows the regions as areas, every school (sized by counted pupils, with a
    popup), the findings of the rule checks and the money per region as layers
    that can be switched on and off, with a search box for schools. It needs
    no internet: Leaflet is inlined, and the same input gives the same file.

    \b
    Examples:
      regionkit map regions.csv
      regionkit map --division nodal --out maps/nodal.html
    """
    from pathlib import Path

    from regionkit._format import format_number
    from regionkit._messages import text
    from regionkit.maps import make_map, write_map

    _one_source(proposal, division)
    overrides: dict[str, Any] = {"map": {"tiles": tiles}} if tiles else {}
    config, schools = _load_inputs(config_path, schools_path, year, **overrides)
    from regionkit.regions import Regions

    prop = _regions(proposal, division, schools, config)
    name = Path(proposal).stem if proposal is not None else division
    graph = None
    if findings:
        from regionkit.graph import ProximityGraph

        graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    regions = Regions(schools, prop, config=config, graph=graph)
    money = None
    if funding:
        from regionkit.funding import fund

        money = fund(regions)
    found = None
    if findings:
        from regionkit.rules import check

        known = money if money is not None else _known_money(regions)
        found = check(regions, funding=known).findings
    m = make_map(
        schools,
        prop,
        findings=found,
        funding=money,
        config=config,
        title=title,
        division=division,
    )
    path = write_map(m, Path(out_path) if out_path else Path("maps") / f"{name}.html")
    size = format_number(path.stat().st_size / 1e6, config.language, decimals=1)
    click.echo(text(config.language, "cli.wrote_size", path=path, size=size))


# --- edit ---------------------------------------------------------------------------------------


@cli.command("edit")
@proposal_argument
@division_option("Edit an official division (CBS nodal areas, RMC regions, COROP areas).")
@click.option(
    "--propose",
    "propose",
    is_flag=True,
    help="Edit regionkit's own proposal (as regionkit propose makes it).",
)
@out_file_option(
    "The proposal file Save writes (default: <name>_bewerkt.csv beside the proposal); the change "
    "log is <name>.wijzigingen.csv beside it."
)
@click.option(
    "--in-place",
    is_flag=True,
    help="Save over the PROPOSAL file itself (a CSV); a copy of the original is kept as "
    "<name>.origineel.csv the first time.",
)
@click.option(
    "--restart",
    is_flag=True,
    help="Start afresh instead of resuming from the change log (the old log is kept).",
)
@click.option(
    "--no-browser", is_flag=True, help="Do not open a browser; print the address to open."
)
@schools_option
@config_option
@_user_errors
def edit_command(
    proposal: str | None,
    division: str | None,
    propose: bool,
    out_path: str | None,
    in_place: bool,
    restart: bool,
    no_browser: bool,
    schools_path: str | None,
    year: int | None,
    config_path: str | None,
) -> None:
    """Edit a set of regions in the browser: move schools, merge and rename regions.

    Opens the map of the regions with editing controls: click a school (or
    shift-click, or shift-drag a lasso around several) and choose its new
    region, or a new one; merge or rename a region. After every change the
    rules of regionkit check and the money of regionkit fund run again, and the
    page shows what changed. Undo and redo every change; Save writes the
    proposal CSV (never over the original unless --in-place). Every change is
    logged the moment it is made, so a stopped session resumes where it was.
    The page is served on 127.0.0.1 only, with a secret address; Ctrl-C stops.

    \b
    Examples:
      regionkit edit regions.csv
      regionkit edit --division nodal --out nodal_bewerkt.csv
      regionkit edit --propose --no-browser
    """
    from regionkit._messages import text
    from regionkit.edit import open_session, serve

    if sum([proposal is not None, division is not None, propose]) != 1:
        raise click.UsageError("give a PROPOSAL file, --division or --propose (one of the three)")
    config, schools = _load_inputs(config_path, schools_path, year)
    session = open_session(
        proposal,
        division=division,
        propose=propose,
        out=out_path,
        in_place=in_place,
        restart=restart,
        schools=schools,
        config=config,
    )
    lang = config.language
    if session.resumed and session.log is not None:
        click.echo(text(lang, "edit.resume.done", log=session.log.path.name, n=session.resumed))
    server = serve(session, open_browser=not no_browser)
    click.echo(text(lang, "cli.edit.serving", url=server.url))
    click.echo(
        text(lang, "cli.edit.files", out=session.out, log=session.log.path if session.log else "-")
    )
    server.wait()
    if session.saved:
        click.echo(text(lang, "cli.edit.stopped"))
    else:
        click.echo(text(lang, "cli.edit.stopped_unsaved"))


# --- propose (regionalizer) ----------------------------------------------------------------------


#: Notes of a proposal printed before "... and N more" (thousands for points in open water).
_NOTES_LISTED = 15


def _own_check(schools: Any, proposal: Any, graph: Any, config: Any) -> dict[str, list[str]]:
    """The regions of a proposal that ``regionkit check`` calls too small or part of a larger
    whole: the check's own rules on the proposal, so propose and check cannot disagree."""
    from regionkit.regions import Regions
    from regionkit.rules import part_of_larger_whole, too_small

    regions = Regions(schools, proposal.assignment, config=config, graph=graph)
    return {
        "too_small": sorted({f.regions[0] for f in too_small(regions)}),
        "part_of_larger_whole": sorted({f.regions[0] for f in part_of_larger_whole(regions)}),
    }


def _propose_summary(
    proposal: Any, towns_split: list[str], language: Any, own: dict[str, list[str]]
) -> str:
    """The metrics of a proposal as readable lines, in ``language``; ``own``: the regions
    regionkit check calls too small or part of a larger whole (:func:`_own_check`)."""
    from regionkit._format import format_int, format_number, format_pct
    from regionkit._messages import text

    lang = language
    m = proposal.metrics

    def n(value: float) -> str:
        return format_int(value, lang)

    def km(metres: float) -> str:
        return format_number(metres / 1000, lang, decimals=1)

    def line(key: str, **values: object) -> str:
        return "  " + text(lang, f"cli.propose.{key}", **values)

    def listed(names: list[str]) -> str:
        more = ", ..." if len(names) > 8 else ""
        return n(len(names)) + (f" ({', '.join(names[:8])}{more})" if names else "")

    ari = "-"
    if m.ari_vs_division is not None:
        ari = f"{format_number(m.ari_vs_division, lang, decimals=2)} ({m.division})"
    towns = ""
    if towns_split:
        towns = f" ({', '.join(towns_split[:8])}{', ...' if len(towns_split) > 8 else ''})"
    unassigned = text(lang, "cli.propose.unassigned", n=n(m.n_unassigned))
    lines = [
        text(
            lang,
            "cli.propose.head",
            n=n(m.n_regions),
            method=proposal.method,
            schools=n(m.n_schools_assigned),
            unassigned=unassigned if m.n_unassigned else "",
        ),
        line("floors", pupils=n(m.min_counted_pupils), technical=n(m.min_technical_schools)),
        line(
            "under_floor",
            n=n(m.n_under_floor),
            pupils=n(m.n_under_floor_pupils),
            technical=n(m.n_under_floor_technical),
        ),
        line("disconnected", n=n(m.n_disconnected), water=n(m.n_joined_across_water)),
        line(
            "diameter",
            mean=km(m.mean_diameter_m),
            largest=km(m.max_diameter_m),
            sse=n(m.sse / 1e6),
        ),
        line(
            "close_split",
            km=format_number(m.close_distance_m / 1000, lang),
            n=n(m.split_close_pairs),
            k=n(m.close_pairs),
            share=format_pct(m.split_close_share, lang),
        ),
        line("ari", ari=ari),
        line("towns_split", n=n(len(towns_split)), towns=towns),
        line(
            "own_check",
            too_small=listed(own["too_small"]),
            wholes=listed(own["part_of_larger_whole"]),
        ),
    ]
    lines += [line("note", note=note) for note in proposal.notes[:_NOTES_LISTED]]
    if len(proposal.notes) > _NOTES_LISTED:
        lines.append(line("more_notes", n=n(len(proposal.notes) - _NOTES_LISTED)))
    return "\n".join(lines)


def _write_region_polygons(path: Any, schools: Any, proposal: Any) -> None:
    """regions.gpkg: one polygon per region (EPSG:28992) with the region figures."""
    import pyogrio

    from regionkit._io import write_atomic
    from regionkit.areas import region_polygons
    from regionkit.reports import fixed_datetime

    polygons = region_polygons(schools, proposal.assignment, land="netherlands")
    figures = proposal.regions.drop(columns=["n_schools"])
    layer = polygons.merge(figures, on="region", how="left", validate="one_to_one")
    stamp = fixed_datetime().strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def write(tmp: Any) -> None:
        previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
        try:
            pyogrio.write_dataframe(
                layer, tmp, layer="regions", driver="GPKG", promote_to_multi=True
            )
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})

    write_atomic(path, write)


def _make_proposal(
    method: str,
    schools: Any,
    config: Any,
    n_regions: int | None,
    division: str,
    split_large: bool,
    pins_path: str | None,
    seed: int | None,
    progress: bool,
) -> tuple[Any, Any]:
    """The proposal of ``regionkit propose``'s --method, and the schools' proximity graph."""
    from regionkit.graph import ProximityGraph

    graph = ProximityGraph.from_config(schools, config.graph, land="netherlands")
    return _by_method(
        method, schools, graph, config, n_regions, division, split_large, pins_path, seed, progress
    ), graph


def _by_method(
    method: str,
    schools: Any,
    graph: Any,
    config: Any,
    n_regions: int | None,
    division: str,
    split_large: bool,
    pins_path: str | None,
    seed: int | None,
    progress: bool,
) -> Any:
    from regionkit.logical import propose_logical
    from regionkit.regionalize import propose_fixed, propose_regions, refine_division

    if method == "logical":
        return propose_logical(schools, graph, config=config, n_regions=n_regions)
    if method == "maxp":
        return propose_regions(
            schools, graph, config=config, pins=pins_path, seed=seed, progress=progress
        )
    if method == "fixed":
        assert n_regions is not None
        return propose_fixed(schools, graph, n_regions, config=config, seed=seed)
    return refine_division(
        schools,
        graph,
        division,  # type: ignore[arg-type]  # click.Choice checked it
        config=config,
        split_large=split_large,
        seed=seed,
    )


@cli.command("propose")
@schools_option
@config_option
@seed_option("Seed of the random steps (overrides config).")
@click.option(
    "--method",
    type=click.Choice(["logical", "maxp", "fixed", "division"]),
    default="logical",
    show_default=True,
    help="logical: towns that stand together, within the RMC regions, joined until large "
    "enough ([logical] settings); "
    "maxp: as many regions as the floors allow; fixed: --n-regions balanced regions; "
    "division: start from --division and repair it.",
)
@click.option(
    "--n-regions",
    type=click.IntRange(min=1),
    default=None,
    help="For --method fixed; for --method logical an optional target.",
)
@division_option("For --method division: the official division to start from.", default="nodal")
@click.option(
    "--split-large", is_flag=True, help="For --method division: split areas far above the floors."
)
@click.option(
    "--pins",
    "pins_path",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="CSV/Excel of schools locked to regions (columns code, region); for --method maxp.",
)
@out_dir_option("Write proposal.csv and regions.gpkg (region areas, EPSG:28992) into this folder.")
@click.option("--progress", is_flag=True, help="Show a progress bar on stderr.")
@json_option
@_user_errors
def propose_command(
    schools_path: str | None,
    year: int | None,
    config_path: str | None,
    seed: int | None,
    method: str,
    n_regions: int | None,
    division: str,
    split_large: bool,
    pins_path: str | None,
    out_dir: str | None,
    progress: bool,
    as_json: bool,
) -> None:
    """Propose regions: connected, large enough, every school in one.

    With --method logical (the default) whole towns are the building blocks:
    within each RMC region (where schools already cooperate) towns whose vmbo
    schools stand together form a group; a group under a floor joins the
    neighbouring group with the most schools within the close distance (else
    its shortest link), crossing the RMC boundary only when the RMC region
    cannot reach the floors alone, until every region reaches the floors and
    none is part of a larger whole; each region says why in its explanation.
    --n-regions makes it join or cut regions to reach that number (never a
    cut that leaves a part of a larger whole; the notes say so). With
    --method maxp as many regions as
    the floors allow
    ([regions] min_counted_pupils and min_technical_schools in the
    configuration), the most compact among them; --pins locks schools to
    named regions. With --method fixed exactly --n-regions regions with counted
    pupils as even as the geography allows. With --method division the
    official --division, with disconnected areas split and areas under a
    floor merged into their best neighbour. Prints the quality figures and
    which regions regionkit check calls too small or part of a larger whole;
    --out writes proposal.csv (the format regionkit check reads) and
    regions.gpkg.

    \b
    Examples:
      regionkit propose --out out/propose
      regionkit propose --n-regions 60
      regionkit propose --method fixed --n-regions 40 --json
      regionkit propose --method division --division rmc --split-large
    """
    import json
    from dataclasses import replace
    from pathlib import Path

    from regionkit.logical import towns_split
    from regionkit.proposal import without_pro
    from regionkit.reports import write_csv

    if method == "fixed" and n_regions is None:
        raise click.UsageError("--method fixed needs --n-regions")
    if method not in ("fixed", "logical") and n_regions is not None:
        raise click.UsageError("--n-regions goes with --method fixed or logical")
    if pins_path is not None and method != "maxp":
        raise click.UsageError("--pins goes with --method maxp")
    config, schools = _load_inputs(config_path, schools_path, year)
    proposal, graph = _make_proposal(
        method, schools, config, n_regions, division, split_large, pins_path, seed, progress
    )
    # the pro schools [regions] pro_in_regions leaves out are in no region
    proposal = replace(proposal, assignment=without_pro(proposal.assignment, schools, config))
    own = _own_check(schools, proposal, graph, config)
    if out_dir is not None:
        folder = Path(out_dir)
        table = proposal.to_frame(schools, config=config)
        write_csv(folder / "proposal.csv", table, neutralise=config.output.neutralise_csv_formulas)
        _write_region_polygons(folder / "regions.gpkg", schools, proposal)
    split = towns_split(schools, proposal.assignment)
    if as_json:
        data = {
            "method": proposal.method,
            "seed": proposal.seed,
            **proposal.metrics.to_dict(),
            "n_towns_split": len(split),
            "towns_split": split,
            "n_too_small": len(own["too_small"]),
            "too_small": own["too_small"],
            "n_part_of_larger_whole": len(own["part_of_larger_whole"]),
            "part_of_larger_whole": own["part_of_larger_whole"],
            "under_floor": list(proposal.under_floor),
            "notes": list(proposal.notes),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(_propose_summary(proposal, split, config.language, own))
        pro_note = _pro_note(schools, proposal.assignment, config)
        if pro_note:
            click.echo(pro_note)
        if out_dir is not None:
            folder = Path(out_dir)
            click.echo(_wrote(config.language, folder / "proposal.csv", folder / "regions.gpkg"))


# --- ingest and schools -------------------------------------------------------------------------


@cli.command("ingest")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=str))
@out_file_option("Where to write the schools table (CSV, UTF-8).", default="schools.csv")
@click.option(
    "--warnings",
    "warnings_path",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Also write every ingestion warning (kind, code, message) to this CSV.",
)
@click.option(
    "--year",
    type=int,
    default=None,
    help="With count files of several years among SOURCES: the data year to use "
    "(the year in DUO's file name, e.g. 2017 for ...-2017-2018.csv); default the latest.",
)
@config_option
@json_option
@_user_errors
def ingest_command(
    sources: tuple[str, ...],
    out_path: str,
    warnings_path: str | None,
    year: int | None,
    config_path: str | None,
    as_json: bool,
) -> None:
    """Build the schools table from DUO's raw files.

    SOURCES are the raw files, or a folder holding them (default: the bundled
    data/raw): DUO's address file ("Adressen vestigingen vo") and pupil-count
    file ("Leerlingen vo per vestiging naar onderwijstype"), and optionally
    BAG-geocoded school points (GeoJSON), the BAG points of the (v)so
    vestigingen, PC4 and place centroids and a gemeente-province table. Each
    file's role is recognised from its header, so DUO's own file names work.
    Writes one row per vestiging with vmbo pupils in leerjaar 3/4 or
    praktijkonderwijs pupils (and one per vso vestiging, without pupil
    counts), and prints where it wrote it and what it noticed (closed schools,
    imprecise locations, "<5" counts, vestigingen in one file only or that
    cannot be located).

    \b
    Examples:
      regionkit ingest --out data/schools.csv
      regionkit ingest data/raw --year 2017 --out data/schools_2017.csv
      regionkit ingest downloads/duo-2024/ --out schools-2024.csv --warnings warnings.csv
    """
    import json
    from pathlib import Path

    from regionkit._format import format_int
    from regionkit._io import write_atomic
    from regionkit._spreadsheet import csv_text
    from regionkit.config import load_config
    from regionkit.ingest import ingest_duo
    from regionkit.schools import summarize_schools, write_schools

    language = load_config(config_path).language
    result = ingest_duo(list(sources) or None, year=year, language=language)
    written = write_schools(result.schools, out_path)
    if warnings_path is not None:
        frame = result.warnings_frame()
        write_atomic(warnings_path, csv_text(frame))
    summary = summarize_schools(result.schools, source=str(written))
    if as_json:
        data = {
            "out": str(written),
            "warnings_file": warnings_path,
            **result.to_dict(),
            "n_with_technical_profile": summary.n_with_technical_profile,
            "technical_pupils_lj3": summary.technical_pupils_lj3,
            "technical_pupils_lj4": summary.technical_pupils_lj4,
            "geo_precision": summary.precision,
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return

    def n(v: int) -> str:
        return format_int(v, "en")

    kinds = ", ".join(f"{n(v)} {k}" for k, v in summary.n_by_kind.items() if v)
    files = result.files
    lines = [
        f"wrote {n(summary.n_schools)} schools ({kinds}) to {Path(written)}",
        f"  from {files.counts.name} (pupils"
        + (f", count of 1 October {files.year}" if files.year else "")
        + f") and {files.addresses.name} (addresses)"
        + (f", {files.vso.name} (vso vestigingen, no pupil counts)" if files.vso else ""),
        f"  with a technical profile: {n(summary.n_with_technical_profile)}; technical-profile "
        f"pupils: {n(summary.technical_pupils_lj3)} in leerjaar 3, "
        f"{n(summary.technical_pupils_lj4)} in leerjaar 4",
        "  locations: " + ", ".join(f"{n(v)} {k}" for k, v in summary.precision.items() if v),
    ]
    counts = result.warning_counts()
    if counts:
        where = f"all in {warnings_path}" if warnings_path else "list them with --warnings FILE"
        lines.append(
            "  noticed: " + ", ".join(f"{n(v)} {k}" for k, v in counts.items()) + f" ({where})"
        )
    click.echo("\n".join(lines))


@cli.command("schools")
@schools_option
@click.option(
    "--x-column",
    default=None,
    help="Column with the x (RD New) or longitude coordinate, when not detected.",
)
@click.option(
    "--y-column",
    default=None,
    help="Column with the y (RD New) or latitude coordinate, when not detected.",
)
@click.option(
    "--crs",
    default=None,
    help='CRS of the coordinates or of a geodata file without one, e.g. "EPSG:28992".',
)
@click.option("--sep", default=None, help="CSV separator, when not detected.")
@click.option("--sheet", default=None, help="Excel sheet name or 0-based number.")
@config_option
@json_option
@_user_errors
def schools_command(
    schools_path: str | None,
    year: int | None,
    x_column: str | None,
    y_column: str | None,
    crs: str | None,
    sep: str | None,
    sheet: str | None,
    config_path: str | None,
    as_json: bool,
) -> None:
    """Summarise a schools table: per province, technical profiles, counted pupils, data quality.

    Without --schools, the bundled national table (DUO, 1 October 2019). Prints
    the schools per province with and without a technical profile, counted
    pupils (technical profiles, leerjaar 3+4, BB/KB and GL), how precisely the
    schools are located, and data-quality warnings. With --json, the same as
    JSON (keys n_schools, n_with_technical_profile, technical_pupils_lj3,
    technical_pupils_lj4, provinces, geo_precision, warnings, ...).

    \b
    Examples:
      regionkit schools
      regionkit schools --json
      regionkit schools --schools mine.xlsx --x-column oost --y-column noord --crs EPSG:28992
    """
    import json

    from regionkit._messages import text
    from regionkit.config import load_config
    from regionkit.schools import DEFAULT_YEAR, load_schools, summarize_schools

    language = load_config(config_path).language
    schools = load_schools(
        schools_path,
        year=year if schools_path is None else None,
        x_column=x_column,
        y_column=y_column,
        crs=crs,
        sep=sep,
        sheet=_sheet(sheet),
        language=language,
    )
    bundled = text(language, "cli.schools.bundled", year=year or DEFAULT_YEAR)
    summary = summarize_schools(schools, source=schools_path or bundled, language=language)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(summary.to_text())
