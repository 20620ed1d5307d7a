"""Tables that are read wrongly without a word: every one is now a message naming the cause.

Ragged rows, a wrong separator, data on another Excel sheet, merged cells and formulas without
a saved result, and numbers no school can have (a count of 1e30, infinite coordinates).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook

from regionkit.cli import cli

#: A configuration in English: the messages below are asserted in English (the default is Dutch).
_ENGLISH: list[Path] = []


@pytest.fixture(autouse=True, scope="module")
def _english_config(tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("config") / "en.toml"
    path.write_text('language = "en"\n', encoding="utf-8")
    _ENGLISH[:] = [path]


def _invoke(*args: str, language: str = "en") -> Result:
    """The command, with the English configuration where it takes one (check, fund, schools)."""
    words = list(args)
    if language == "en" and words[0] in ("check", "fund", "schools"):
        words[1:1] = ["--config", str(_ENGLISH[0])]
    return CliRunner().invoke(cli, words, catch_exceptions=True)


def _user_error(result: Result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.output


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


# --- ragged rows and separators ------------------------------------------------------------------


def test_a_row_with_more_values_than_the_header(tmp_path: Path) -> None:
    """It used to shift the whole table one column (the first column became the index)."""
    path = tmp_path / "regions.csv"
    path.write_text("regio;code\nTwente;00AH17;ROC van Twente\nTwente;00AH08;\n")
    text = _user_error(_invoke("check", str(path)))
    assert "regions.csv, row 2: this row has 3 values, the header 2" in text
    assert "'ROC van Twente'" in text and "double quotes" in text
    assert "row 3" not in text  # an empty cell after a trailing separator is harmless


def test_a_trailing_separator_on_every_row_is_harmless(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text("regio;code\nTwente;00AH17;\nTwente;00AH08;\n")
    result = _invoke("check", str(path), "--rule", "overlap", "--json")
    assert result.exit_code == 0, result.output
    assert '"n_schools_listed": 2' in result.output


def test_ragged_schools_rows_are_each_named(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("code,x,y\n02QZ01,121138,487018\n02QZ02,121000,487000,5\n02QZ03,1,2,3,4\n")
    text = _user_error(_invoke("schools", "--schools", str(path)))
    assert "2 rows of mine.csv with more values than the header" in text
    assert "row 3:" in text and "row 4:" in text


def test_a_wrong_separator_is_named(tmp_path: Path) -> None:
    path = tmp_path / "regions.csv"
    path.write_text("regio,code\nTwente,00AH17\n")
    text = _user_error(_invoke("check", str(path), "--sep", ";"))
    assert "the values are separated by ',', not by ';'" in text and "--sep ','" in text


# --- Excel ---------------------------------------------------------------------------------------


def test_data_on_another_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "regions.xlsx",
        {
            "Toelichting": [["Regio's van 2020"]],
            "Regio's": [["regio", "code"], ["Twente", "00AH17"]],
        },
    )
    text = _user_error(_invoke("check", str(path)))
    assert "read from sheet 'Toelichting', the workbook also has \"Regio's\"" in text
    assert "--sheet" in text
    result = _invoke("check", str(path), "--sheet", "Regio's", "--rule", "overlap")
    assert result.exit_code == 0, result.output


def test_a_sheet_that_is_not_there(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "regions.xlsx", {"Blad1": [["regio", "code"]]})
    text = _user_error(_invoke("check", str(path), "--sheet", "Regio"))
    assert "the workbook has no sheet 'Regio'" in text and "'Blad1'" in text


def test_merged_cells_are_reported(tmp_path: Path) -> None:
    """A region name merged down its rows read as empty names on all rows but the first."""
    book = Workbook()
    sheet = book.active
    for row in [["regio", "code"], ["Twente", "00AH17"], [None, "00AH08"], [None, "00AH09"]]:
        sheet.append(row)
    sheet.merge_cells("A2:A4")
    path = tmp_path / "regions.xlsx"
    book.save(path)
    text = _user_error(_invoke("check", str(path)))
    assert "cells A2:A4 are merged" in text and "unmerge" in text
    assert "region name is empty" not in text


def test_reader_problems_are_in_the_analysis_language(tmp_path: Path) -> None:
    """With the default configuration (Dutch) the reader's problems of a proposal are Dutch."""
    book = Workbook()
    sheet = book.active
    for row in [["regio", "code"], ["Twente", "00AH17"], [None, "00AH08"]]:
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    path = tmp_path / "regions.xlsx"
    book.save(path)
    text = _user_error(_invoke("check", str(path), language="nl"))
    assert "1 probleem in regions.xlsx" in text and "rij 2" in text
    assert "cellen A2:A3 zijn samengevoegd" in text and "oplossing:" in text
    path = tmp_path / "regions.csv"
    path.write_text("regio;code\nTwente;2QZ00\n;00AH17\n")
    text = _user_error(_invoke("check", str(path), language="nl"))
    assert "onjuiste vestigingscode" in text and "schrijf 02QZ00" in text
    assert "de regionaam is leeg" in text


def test_formulas_without_a_saved_result_are_reported(tmp_path: Path) -> None:
    """A workbook written by a program (not Excel) holds formulas but no results."""
    path = _workbook(
        tmp_path / "regions.xlsx",
        {"Blad1": [["regio", "brin", "code"], ["Twente", "00AH", '=B2&"17"']]},
    )
    text = _user_error(_invoke("check", str(path)))
    assert 'cell C2 holds a formula (=B2&"17") whose result was not saved' in text
    assert "the school code is empty" not in text


# --- numbers no school has -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ("02QZ01,121138,487018,1e30", "the count is larger than any school's"),
        ("02QZ01,inf,487018,5", "the coordinates are not finite numbers"),
        ("02QZ01,121138,-inf,5", "the coordinates are not finite numbers"),
    ],
)
def test_numbers_no_school_has(tmp_path: Path, cells: str, expected: str) -> None:
    """1e30 pupils overflowed to -9.2e18 and passed; infinite coordinates passed silently."""
    path = tmp_path / "mine.csv"
    path.write_text(f"code,x,y,pie_kb_lj3\n{cells}\n02QZ02,121000,487000,7\n")
    text = _user_error(_invoke("schools", "--schools", str(path)))
    assert "mine.csv, row 2" in text and expected in text


# --- found by the fuzz tests ----------------------------------------------------------------------


def test_a_file_of_one_line_break(tmp_path: Path) -> None:
    """A lone carriage return made a table without columns: an IndexError."""
    path = tmp_path / "mine.csv"
    path.write_bytes(b"\r00AH17")
    text = _user_error(_invoke("schools", "--schools", str(path)))
    assert "mine.csv" in text


def test_agreements_that_are_not_utf8(tmp_path: Path) -> None:
    """A TOML file of split agreements in latin-1 was a UnicodeDecodeError."""
    proposal = tmp_path / "regions.csv"
    proposal.write_text("regio;code\nTwente;00AH17\n")
    path = tmp_path / "verdeling.toml"
    path.write_bytes('[Twente]\nopmerking = "caf\xe9"\n'.encode("latin-1"))
    text = _user_error(_invoke("fund", str(proposal), "--agreement", str(path)))
    assert "verdeling.toml" in text and "UTF-8" in text
