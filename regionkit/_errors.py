"""Exceptions and the problem collector used to validate user input.

regionkit raises few exceptions, each a subclass of a builtin, and every
message says what was wrong, where (file, row, column, value) and how to fix
it. Validation collects *all* problems before raising, so a user fixes a file
in one pass instead of one error at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ConfigError",
    "InfeasibleError",
    "InputDataError",
    "OutputError",
    "Problem",
    "ProblemCollector",
]

#: How many problems an error message lists before summarising the rest.
MAX_LISTED = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input.

    Parameters
    ----------
    message
        What is wrong, in a sentence.
    fix
        What the user should do about it.
    file
        The file it was found in, if any.
    row
        1-based row number as a spreadsheet shows it (the header is row 1),
        if the problem belongs to one row.
    column
        The column name, if the problem belongs to one column.
    value
        The offending value, as read.
    key
        The configuration key (``section.key``), if the problem belongs to one.
    language
        The language of the frame around the message (``row``/``rij``,
        ``fix``/``oplossing``): the message and the fix are written in it.
    """

    message: str
    fix: str = ""
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    key: str | None = None
    language: str = "en"

    def __str__(self) -> str:
        if self.language != "en":
            return self._framed(self.language)
        where = []
        if self.file:
            where.append(Path(self.file).name)
        if self.key is not None:
            where.append(f"key {self.key}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        head = ", ".join(where)
        text = self.message
        if self.value is not None:
            text += f" (value: {self.value!r})"
        if self.fix:
            text += f"; fix: {self.fix}"
        return f"{head}: {text}" if head else text

    def _framed(self, language: str) -> str:
        """The problem with its frame (row, column, value, fix) in ``language``."""
        from regionkit._messages import text

        where = [Path(self.file).name] if self.file else []
        if self.key is not None:
            where.append(text(language, "errors.key", key=self.key))
        if self.row is not None:
            where.append(text(language, "errors.row", row=self.row))
        if self.column is not None:
            where.append(text(language, "errors.column", column=repr(self.column)))
        body = self.message
        if self.value is not None:
            body += " " + text(language, "errors.value", value=repr(self.value))
        if self.fix:
            body += "; " + text(language, "errors.fix", fix=self.fix)
        return f"{', '.join(where)}: {body}" if where else body


class _ProblemsError(ValueError):
    """An error that carries every problem found and lists them in its message.

    Parameters
    ----------
    problems
        The problems found, in the order they were found.
    summary
        A one-line heading for the list.
    """

    #: What the problems are in, for the default heading.
    _what = "the input"

    def __init__(self, problems: list[Problem] | Problem | str, summary: str | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        n = len(self.problems)
        head = summary or (f"{n} problem{'s' if n != 1 else ''} in {self._what}")
        lines = [f"  - {p}" for p in self.problems[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append(f"  ... and {n - MAX_LISTED} more problems of the same kinds")
        super().__init__("\n".join([head, *lines]))


class InputDataError(_ProblemsError):
    """An input file or table is unusable; the message lists every problem."""


class ConfigError(_ProblemsError):
    """The configuration is invalid: an unknown key, a wrong type or a value out of range.

    A plain sentence is its own message; problems (with file, key, value and fix)
    are listed under a heading, as for :class:`InputDataError`.
    """

    _what = "the configuration"

    def __init__(self, problems: list[Problem] | Problem | str, summary: str | None = None):
        if isinstance(problems, str) and summary is None:
            self.problems = [Problem(problems)]
            ValueError.__init__(self, problems)
            return
        super().__init__(problems, summary)


class OutputError(OSError):
    """Outputs could not be written (a full disk, a folder that cannot be written);
    the message says what happened and that the previous outputs are unchanged."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "the outputs could not be written"


class InfeasibleError(ValueError):
    """A request cannot be met by any answer (for example a floor larger than a component)."""


@dataclass
class ProblemCollector:
    """Collect problems while validating, then raise them all at once.

    Parameters
    ----------
    file
        The file the problems belong to; filled into every problem added.
    language
        The language the problems are written in (see :class:`Problem`).

    Examples
    --------
    >>> problems = ProblemCollector(file="schools.csv")
    >>> problems.add("code is not 6 characters", row=3, column="code", value="2QZ0",
    ...              fix="write the BRIN (4 characters) and the branch number (2 digits)")
    >>> len(problems)
    1
    """

    file: str | None = None
    problems: list[Problem] = field(default_factory=list)
    language: str = "en"

    def add(
        self,
        message: str,
        *,
        fix: str = "",
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        """Record a problem; see :class:`Problem` for the fields."""
        self.problems.append(
            Problem(
                message,
                fix=fix,
                file=self.file,
                row=row,
                column=column,
                value=value,
                language=self.language,
            )
        )

    def __len__(self) -> int:
        return len(self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self, summary: str | None = None) -> None:
        """Raise :class:`InputDataError` listing every problem, if there are any."""
        if self.problems:
            n = len(self.problems)
            if self.language != "en":
                from regionkit._messages import text_n

                if self.file:
                    name = Path(self.file).name
                    head = text_n(self.language, "errors.problems_in", n, n=n, file=name)
                else:
                    head = text_n(self.language, "errors.problems", n, n=n)
                head = summary or head
            else:
                where = f" in {self.file}" if self.file else ""
                head = summary or f"{n} problem{'s' if n != 1 else ''}{where}"
            raise InputDataError(self.problems, head)
