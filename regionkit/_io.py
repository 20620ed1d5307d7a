"""Reading user tables (CSV in any common separator and encoding, Excel) and writing atomically."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from regionkit._errors import InputDataError, Problem, ProblemCollector
from regionkit._messages import text as _text
from regionkit._messages import text_n
from regionkit._spreadsheet import restore_frame

__all__ = ["decode_text", "json_value", "read_table", "sheet_note", "write_atomic"]

_SEPARATORS = [";", ",", "\t", "|"]
#: An apostrophe before a formula character: a cell :mod:`regionkit._spreadsheet` neutralised.
_NEUTRALISED = re.compile(r"'[=+\-@\t\r]")
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}


def decode_text(raw: bytes, *, file: str | None = None, language: str = "en") -> str:
    """Decode a text file: UTF-8 (with or without BOM), else latin-1 (cp1252).

    UTF-16 with a byte-order mark (Excel's "Unicode text") is decoded too.

    Parameters
    ----------
    raw
        The file's bytes.
    file
        Its name, for error messages.
    language
        The language of the error messages (``"nl"`` or ``"en"``).

    Returns
    -------
    str
        The text.

    Raises
    ------
    InputDataError
        When the bytes look binary (a NUL byte): a zip archive (an Excel
        workbook under another name), UTF-16 without byte-order mark, or other
        binary data.

    Examples
    --------
    >>> decode_text("Súdwest-Fryslân".encode("latin-1"))
    'Súdwest-Fryslân'
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    head = raw[:4096]
    if b"\x00" in head:
        if raw.startswith(b"PK\x03\x04"):
            kind = "zip"
        elif max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4:
            kind = "utf16"
        else:
            kind = "other"
        message = _text(language, f"read.binary.{kind}")
        fix = _text(language, f"read.binary.{kind}_fix")
        raise InputDataError(Problem(message, fix=fix, file=file, language=language))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _sniff_separator(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(_SEPARATORS)).delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        counts = {s: header.count(s) for s in _SEPARATORS}
        best = max(counts, key=lambda s: counts[s])
        return best if counts[best] else ","


def read_table(
    path: str | Path,
    *,
    sep: str | None = None,
    sheet: str | int | None = None,
    keep_blank_lines: bool = False,
    language: str = "en",
) -> pd.DataFrame:
    """Read a CSV (any common separator, UTF-8 or latin-1) or Excel file as text columns.

    Every cell is read as text (leading zeros in codes matter); column names are
    stripped of surrounding blanks, and so are cells. Empty cells become NA.

    Parameters
    ----------
    path
        The file.
    sep
        The CSV separator; ``None`` to detect it (``;``, ``,``, tab or ``|``).
    sheet
        For Excel: the sheet name or 0-based index; default the first sheet.
    keep_blank_lines
        Keep blank CSV lines as all-NA rows, so that row ``i`` of the frame is
        row ``i + 2`` of the file even after a blank line (callers that report
        row numbers drop those rows themselves). By default blank lines are
        skipped.
    language
        The language of the error messages (``"nl"`` or ``"en"``).

    Returns
    -------
    pandas.DataFrame
        Text columns (dtype ``string``); row ``i`` of the frame is row ``i + 2`` of
        the file as a spreadsheet shows it (the header is row 1).

    Raises
    ------
    InputDataError
        When the file does not exist, is empty, or cannot be parsed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_bytes("region;code\\nTwente;00AH07\\n".encode("latin-1"))
    >>> read_table(p)["code"].tolist()
    ['00AH07']
    """
    p = Path(path)
    name = str(p)

    def problem(key: str, /, **values: object) -> InputDataError:
        message = _text(language, f"read.{key}", **values)
        fix = _text(language, f"read.{key}_fix")
        return InputDataError(Problem(message, fix=fix, file=name, language=language))

    if not p.exists():
        raise problem("missing")
    if p.is_dir():
        raise problem("folder")
    if p.suffix.lower() in _EXCEL_SUFFIXES:
        sheets, chosen = _excel_sheet(p, sheet, language)
        try:
            df = pd.read_excel(p, sheet_name=chosen, dtype=str)
        except Exception as exc:  # openpyxl raises many kinds
            raise problem("excel", error=exc) from None
        df.attrs["sheets"], df.attrs["sheet"] = sheets, sheets[chosen] if sheets else chosen
    else:
        raw = p.read_bytes()
        text = decode_text(raw, file=name, language=language)
        if not text.strip():
            raise problem("empty")
        separator = sep or _sniff_separator(text)
        _check_fields(text, separator, given=sep is not None, file=name, language=language)
        try:
            with warnings.catch_warnings():
                # rows with empty cells beyond the header's (a trailing separator) lose only
                # those empty cells: _check_fields refused every row with more
                warnings.simplefilter("ignore", pd.errors.ParserWarning)
                df = pd.read_csv(
                    io.StringIO(text),
                    sep=separator,
                    dtype=str,
                    keep_default_na=False,
                    na_values=[""],
                    skipinitialspace=False,
                    skip_blank_lines=not keep_blank_lines,
                    index_col=False,
                )
        except (pd.errors.ParserError, ValueError, csv.Error) as exc:
            raise problem("parse", sep=repr(separator), error=exc) from None
    df.columns = [str(c).strip() for c in df.columns]
    df = _strip_cells(df.astype("string"))
    if p.suffix.lower() not in _EXCEL_SUFFIXES and _NEUTRALISED.search(text):
        df = restore_frame(df)  # a CSV regionkit wrote reads back as it was
    if len(df.columns) == 0 or (df.empty and len(df.columns) == 1 and not df.columns[0]):
        raise problem("no_columns")
    return df


def _strip_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells without surrounding blanks, an empty one as NA.

    A column is stripped (by pandas, cell by cell) only when one of its cells
    needs it: most columns of a large table need nothing, and a plain scan
    finds that sooner.
    """
    for c in df.columns:
        column = df[c]
        present = column.to_numpy(dtype=object)[column.notna().to_numpy()].tolist()
        if "" in present or list(map(str.strip, present)) != present:
            df[c] = column.str.strip().replace("", pd.NA)
    return df


def _check_fields(text: str, separator: str, *, given: bool, file: str, language: str) -> None:
    """Refuse rows with more values than the header, and a separator that splits nothing.

    A value beyond the header's columns would shift a row (or the whole table)
    by one column without a word; empty cells there (a trailing separator) are
    harmless and dropped.
    """
    problems = ProblemCollector(file=file, language=language)
    records = csv.reader(io.StringIO(text), delimiter=separator)
    try:
        header = next(records)
    except (StopIteration, csv.Error):
        return  # empty or unparsable: pandas reports it
    n = len(header)
    if n == 1:
        other = [s for s in _SEPARATORS if s != separator and header[0].count(s)]
        if other:
            shown = "TAB" if other[0] == "\t" else repr(other[0])
            problems.add(
                _text(
                    language,
                    "read.one_column",
                    header=repr(header[0][:60]),
                    found=shown,
                    sep="TAB" if separator == chr(9) else repr(separator),
                ),
                fix=_text(language, f"read.one_column_fix{'_given' if given else ''}", found=shown),
                row=1,
            )
            problems.raise_if_any()
    try:
        for k, record in enumerate(records, start=2):
            extra = [v for v in record[n:] if v.strip()] if len(record) > n else None
            if extra:
                problems.add(
                    _text(language, "read.extra_values", n=len(record), k=n),
                    fix=_text(language, "read.extra_values_fix"),
                    row=k,
                    value=extra[0][:60],
                )
    except csv.Error:
        return  # a broken quote: pandas reports it
    problems.raise_if_any(
        text_n(
            language, "read.extra_values.head", len(problems), n=len(problems), file=Path(file).name
        )
    )


def _excel_sheet(p: Path, sheet: str | int | None, language: str) -> tuple[list[str], int]:
    """The workbook's sheet names and the index of the one to read; merged cells and
    formulas without a saved result in it are problems (pandas would read gaps there)."""
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(p, data_only=False)
        values = load_workbook(p, data_only=True)
    except Exception:  # not a workbook openpyxl reads (.xls): pandas reports it
        return [], 0 if sheet is None else sheet if isinstance(sheet, int) else 0
    names = list(workbook.sheetnames)
    listed = ", ".join(repr(n) for n in names)
    if sheet is None:
        index = 0
    elif isinstance(sheet, int):
        index = sheet
    else:
        index = names.index(sheet) if sheet in names else -1
    if not 0 <= index < len(names):
        raise InputDataError(
            Problem(
                _text(language, "read.no_sheet", sheet=repr(sheet)),
                fix=_text(language, "read.no_sheet_fix", listed=listed),
                file=str(p),
                value=sheet,
                language=language,
            )
        )
    _check_cells(workbook.worksheets[index], values.worksheets[index], str(p), language)
    return names, index


def _check_cells(formulas: Any, values: Any, file: str, language: str) -> None:
    """Merged cells and formulas without a saved result, as problems of the sheet."""
    problems = ProblemCollector(file=file, language=language)
    for merged in sorted(formulas.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        problems.add(
            _text(language, "read.merged", cells=merged.coord, sheet=repr(formulas.title)),
            fix=_text(language, "read.merged_fix"),
            row=merged.min_row,
        )
    for row in formulas.iter_rows():
        for cell in row:
            if cell.data_type == "f" and values[cell.coordinate].value is None:
                problems.add(
                    _text(
                        language, "read.formula", cell=cell.coordinate, formula=str(cell.value)[:60]
                    ),
                    fix=_text(language, "read.formula_fix"),
                    row=cell.row,
                )
    problems.raise_if_any()


def sheet_note(df: pd.DataFrame, language: str = "en") -> str:
    """For a table read from a workbook of several sheets: which sheet, and the others.

    Added to a "column not found" message, since the data may be on another sheet.
    """
    sheets = df.attrs.get("sheets") or []
    if len(sheets) < 2:
        return ""
    others = ", ".join(repr(s) for s in sheets if s != df.attrs.get("sheet"))
    sheet = df.attrs.get("sheet")
    return _text(language, "read.sheet_note", sheet=repr(sheet), others=others)


def write_atomic(path: str | Path, write: Callable[[Path], object] | bytes | str) -> Path:
    """Write a file atomically: to a temporary file beside it, then rename.

    A failed write never leaves a half-written file that looks complete.

    Parameters
    ----------
    path
        The target file; its folder is created if needed.
    write
        The content (bytes or text, UTF-8), or a function that writes to the
        temporary path it is given (for writers that want a path, such as
        GeoPackage or Excel writers).

    Returns
    -------
    pathlib.Path
        The target path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = write_atomic(pathlib.Path(tempfile.mkdtemp()) / "a" / "b.txt", "hello")
    >>> p.read_text()
    'hello'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if isinstance(write, bytes):
            tmp.write_bytes(write)
        elif isinstance(write, str):
            tmp.write_bytes(write.encode("utf-8"))
        else:
            tmp.unlink()  # some writers refuse to overwrite an existing file
            write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary files
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def json_value(value: Any, *, decimals: int | None = None, whole_floats: bool = False) -> Any:
    """A value as plain JSON data, the one conversion every JSON output uses.

    numpy and pandas scalars become Python values; NaN, ``None``, ``pd.NA`` and
    ``pd.NaT`` become ``None``; mappings (keys as text) and sequences are
    converted element by element; a ``Decimal`` is written as its text, a date
    in ISO form.

    Parameters
    ----------
    value
        The value.
    decimals
        Round floats to this many decimals (and write ``-0.0`` as ``0.0``).
    whole_floats
        Write a float without a fraction as an integer (``705.0`` as ``705``).

    Examples
    --------
    >>> json_value({"a": np.float64(0.1 + 0.2), 1: [np.int64(2), float("nan"), pd.NA]}, decimals=6)
    {'a': 0.3, '1': [2, None, None]}
    >>> json_value([np.float64(705.0), Decimal("0.10")], whole_floats=True)
    [705, '0.10']
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # already plain (most cells)
        return value
    if isinstance(value, Mapping):
        return {
            str(k): json_value(v, decimals=decimals, whole_floats=whole_floats)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple | np.ndarray):
        items = value.tolist() if isinstance(value, np.ndarray) else value
        if all(type(v) is str for v in items):  # codes and names: already plain
            return list(items)
        return [json_value(v, decimals=decimals, whole_floats=whole_floats) for v in items]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if whole_floats and value.is_integer() and abs(value) < 2**53:
            return int(value)
        return value if decimals is None else round(value, decimals) + 0.0
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
