"""Fuzz tests of every reader through the command line: any file gives exit 0, 1 or 2, never a
traceback, and a refusal (exit 2) names the file.

Files are drawn as a user (or an attacker) might make them: real column names and made-up
ones, ragged rows, any separator, quotes and line breaks in values, numbers no school has
(``nan``, ``inf``, ``1e30``, ``-5``), formula-like names, five encodings, workbooks, random
bytes. The readers: proposals (``check``), schools tables (``schools``), configurations
(``--config``) and split agreements (``fund --agreement``). Each runs on a table of a few
schools, so that a test takes a few seconds (the ``fuzz`` settings profile).
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regionkit._spreadsheet import xlsx_text
from regionkit.cli import cli
from regionkit.schools import load_schools, write_schools

settings.register_profile(
    "fuzz",
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("fuzz")

_COUNTER = itertools.count()

# --- what files are made of ---------------------------------------------------------------------

SCHOOL_CODES = ["00AH17", "00AH08", "02QZ00", "2QZ00", "02QZ", "00ah 17", "XXXXXX", ""]
NUMBERS = ["0", "5", "-5", "1,5", "2.5", "1e30", "-1e30", "nan", "inf", "-inf", "<5", "1 000"]
WORDS = [
    "Twente",
    "twente ",
    "ROC van Twente",
    "mbo",
    "bedrijf",
    "overheid",
    "school",
    "onbekend",
    "Súdwest-Fryslân",
    "'s-Hertogenbosch",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    'a "quoted" name',
    "a;b,c|d\te",
    "line\nbreak",
    "\x00\x01\x1b",
    "naar rato",
    "gelijke delen",
    "technisch",
    "overig",
    "75 %",
    "1/3",
    "0,5",
]
CELLS = st.one_of(
    st.sampled_from(SCHOOL_CODES), st.sampled_from(NUMBERS), st.sampled_from(WORDS), st.text()
)
PROPOSAL_COLUMNS = ["regio", "region", "code", "vestigingscode", "brin", "vestigingsnummer",
                    "rol", "role", "naam", "name", "plaats", "place", "kolom", ""]  # fmt: skip
SCHOOLS_COLUMNS = ["code", "vestigingscode", "brin", "branch", "naam", "x", "y", "lat", "lon",
                   "x_rd", "kind", "pie_kb_lj3", "bwi_bb_lj4", "technical_lj3", "kb_lj3",
                   "has_technical_profile", "in_address_file", "geo_precision", "n_suppressed",
                   "postcode", "gemeente_code", "extra"]  # fmt: skip
AGREEMENT_COLUMNS = ["regio", "region", "deel", "part", "aandeel", "share", "methode", "method",
                     "vestiging", "school", "bedrag", "amount", "opmerking"]  # fmt: skip


@st.composite
def tables(draw: st.DrawFn, columns: list[str]) -> bytes:
    """A delimited table as bytes: any separator, ragged rows, quotes, any encoding."""
    header = draw(st.lists(st.sampled_from(columns) | st.text(max_size=8), min_size=1, max_size=7))
    width = len(header)
    rows = draw(
        st.lists(
            st.lists(CELLS, min_size=max(0, width - 2), max_size=width + 2), min_size=0, max_size=6
        )
    )
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    quote = draw(st.booleans())

    def line(cells: list[str]) -> str:
        if quote:
            return sep.join('"' + c.replace('"', '""') + '"' for c in cells)
        return sep.join(cells)

    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(line(r) for r in [header, *rows]) + draw(st.sampled_from(["", newline]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


@st.composite
def workbooks(draw: st.DrawFn, columns: list[str]) -> bytes:
    """An .xlsx workbook: one or two sheets, values, formulas and merged cells."""
    from openpyxl import Workbook

    book = Workbook()
    for k in range(draw(st.integers(1, 2))):
        sheet = book.active if k == 0 else book.create_sheet(f"Blad{k + 1}")
        header = draw(st.lists(st.sampled_from(columns), min_size=1, max_size=5))
        sheet.append(header)
        for row in draw(st.lists(st.lists(CELLS, max_size=len(header)), max_size=4)):
            sheet.append([xlsx_text(c) for c in row])  # what a workbook can hold
        if draw(st.booleans()):
            sheet["A3"] = "=A2&B2"
        if draw(st.booleans()):
            sheet.merge_cells("A2:A3")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _files(columns: list[str]) -> st.SearchStrategy[tuple[str, bytes]]:
    """(suffix, content): a table, a workbook, or random bytes under a table's name."""
    return st.one_of(
        st.tuples(st.sampled_from([".csv", ".txt"]), tables(columns)),
        st.tuples(st.just(".xlsx"), workbooks(columns)),
        st.tuples(st.sampled_from([".csv", ".xlsx", ".geojson"]), st.binary(max_size=200)),
    )


# --- the commands -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few real schools and a proposal of them, for the commands to run on."""
    base = tmp_path_factory.mktemp("fuzz")
    schools = load_schools()
    few = schools[schools["code"].isin(["00AH17", "00AH08", "00AH09", "02QZ00", "02QZ01"])]
    write_schools(few, base / "schools.csv")
    (base / "proposal.csv").write_text(
        "regio;code;rol;naam\nTwente;00AH17;;\nTwente;00AH08;;\nTwente;;mbo;ROC van Twente\n"
        "Hengelo;02QZ00;;\nHengelo;02QZ01;;\n"
    )
    return base


def _write(folder: Path, suffix: str, content: bytes) -> Path:
    path = folder / f"input{next(_COUNTER)}{suffix}"
    path.write_bytes(content)
    return path


def _outcome(result: Result, path: Path) -> None:
    """Exit 0, 1 or 2, a message and no traceback; a refusal names the file."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert path.name in result.output, result.output


@FUZZ
@given(_files(PROPOSAL_COLUMNS))
def test_proposal_files(folder: Path, file: tuple[str, bytes]) -> None:
    path = _write(folder, *file)
    result = CliRunner().invoke(
        cli, ["-q", "check", str(path), "--schools", str(folder / "schools.csv")]
    )
    _outcome(result, path)


@FUZZ
@given(_files(SCHOOLS_COLUMNS))
def test_schools_tables(folder: Path, file: tuple[str, bytes]) -> None:
    path = _write(folder, *file)
    _outcome(CliRunner().invoke(cli, ["-q", "schools", "--schools", str(path)]), path)


_CONFIG_KEYS = [
    "language", "colour", "[graph]", "max_edge_m", "k", "[regions]", "min_counted_pupils", "seed",
    "[rules]", "close_distance_m", "part_of_whole_share", "[funding]", "rate_bb_kb_eur",
    "techniekarm_threshold", "suppressed_value", "[map]", "tiles", "[output]",
    "neutralise_csv_formulas", "[logical]", "split_town_floors", "[nope]",
]  # fmt: skip
_TOML_VALUES = ["1", "-5", "0.1", "1e300", "nan", "inf", "-inf", "true", '"nl"', '"en"', '"x"',
                "[1, 2]", "{ a = 1 }", "2019-10-01", "", "'''", "9223372036854775808"]  # fmt: skip


@st.composite
def configurations(draw: st.DrawFn) -> bytes:
    lines = []
    for key in draw(st.lists(st.sampled_from(_CONFIG_KEYS), max_size=8)):
        lines.append(
            key if key.startswith("[") else f"{key} = {draw(st.sampled_from(_TOML_VALUES))}"
        )
    text = "\n".join(lines)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])), errors="replace")


@FUZZ
@given(st.one_of(configurations(), st.binary(max_size=120)))
def test_configurations(folder: Path, content: bytes) -> None:
    path = _write(folder, ".toml", content)
    args = ["check", str(folder / "proposal.csv"), "--schools", str(folder / "schools.csv")]
    _outcome(CliRunner().invoke(cli, ["-q", *args, "--config", str(path)]), path)


_AGREEMENT_KEYS = ["[Twente]", "[Hengelo]", "[Twente.technisch]", "[Twente.overig]",
                   "[Twente.technical]", "[nowhere.other]", "aandeel", "share", "methode",
                   "method", "bedragen", "amounts", "scholen", "schools"]  # fmt: skip
_AGREEMENT_VALUES = ['"75 %"', '"1/3"', "0.75", "1.5", "-1", "nan", "inf", '"naar rato"',
                     '"gelijke delen"', '"bedragen"', '{ "00AH17" = 100.5 }', '["00AH17"]',
                     '{ "00AH17" = nan }', "1e400", '"x"']  # fmt: skip


@st.composite
def agreement_toml(draw: st.DrawFn) -> bytes:
    lines = []
    for key in draw(st.lists(st.sampled_from(_AGREEMENT_KEYS), max_size=10)):
        if key.startswith("["):
            lines.append(key)
        else:
            lines.append(f"{key} = {draw(st.sampled_from(_AGREEMENT_VALUES))}")
    return "\n".join(lines).encode()


@FUZZ
@given(
    st.one_of(
        st.tuples(st.just(".toml"), agreement_toml()),
        st.tuples(st.just(".toml"), st.binary(max_size=100)),
        _files(AGREEMENT_COLUMNS),
    )
)
def test_split_agreements(folder: Path, file: tuple[str, bytes]) -> None:
    path = _write(folder, *file)
    args = ["fund", str(folder / "proposal.csv"), "--schools", str(folder / "schools.csv")]
    _outcome(CliRunner().invoke(cli, ["-q", *args, "--agreement", str(path)]), path)
