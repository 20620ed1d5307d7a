"""The change log of an editing session: one CSV beside the proposal, appended as changes happen.

Every change (and every undo, redo and save) is one *event*: one or more rows
with the same step number, time and action. Its first row is about regions
(``code`` empty: the target region, the merged or renamed regions); the rows
after it name each school with the regions it was in before and after::

    stap,tijd,actie,code,naam,van,naar,toelichting
    1,2024-05-02T10:14:03,begin,,,,,"regionkit propose (seed 0) · sha256:9f2c..."
    2,2024-05-02T10:15:40,verplaatsen,,,,Hengelo,
    2,2024-05-02T10:15:40,verplaatsen,00AH17,Het Stedelijk Lyceum,Enschede,Hengelo,
    3,2024-05-02T10:16:02,ongedaan maken,,,,,stap 2

Each event is written with one ``write`` and flushed to disk (``fsync``) before
the page hears that the change happened, so a killed server loses nothing: the
session resumes by applying the events again to the proposal it started from
(recognised by the SHA-256 of its rows, written in the ``begin`` event).
The log is text for people too: it opens in a spreadsheet, one change per block.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["LOG_ACTIONS", "LOG_COLUMNS", "ChangeLog", "Event", "EventRow", "LogError", "read_log"]

#: Columns of the change log, per language (the reader accepts either).
LOG_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "nl": ("stap", "tijd", "actie", "code", "naam", "van", "naar", "toelichting"),
    "en": ("step", "time", "action", "code", "name", "from", "to", "note"),
}

#: Words of the change log's ``actie`` column: key -> word per language.
LOG_ACTIONS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "start": "begin",
        "move": "verplaatsen",
        "also": "ook in regio",
        "new": "nieuwe regio",
        "merge": "samenvoegen",
        "rename": "hernoemen",
        "undo": "ongedaan maken",
        "redo": "opnieuw",
        "save": "opgeslagen",
    },
    "en": {
        "start": "start",
        "move": "move",
        "also": "also in region",
        "new": "new region",
        "merge": "merge",
        "rename": "rename",
        "undo": "undo",
        "redo": "redo",
        "save": "saved",
    },
}

_HASH = re.compile(r"sha256:([0-9a-f]{64})")
#: Action word (either language) -> action key.
_ACTION_OF = {word: key for words in LOG_ACTIONS.values() for key, word in words.items()}


class LogError(ValueError):
    """A change log that cannot be read; the message names the row."""

    def __init__(self, row: int, problem: str) -> None:
        super().__init__(f"row {row}: {problem}")
        self.row = row
        self.problem = problem


@dataclass(frozen=True)
class EventRow:
    """One row of an event: a region row (``code`` empty) or a school row."""

    code: str = ""
    name: str = ""
    before: str = ""
    after: str = ""
    note: str = ""


@dataclass(frozen=True)
class Event:
    """One logged event: a change, an undo or redo, a save, or the start."""

    step: int
    time: str
    action: str  # a key of LOG_ACTIONS
    rows: tuple[EventRow, ...] = field(default_factory=tuple)

    @property
    def layout_hash(self) -> str | None:
        """The SHA-256 a ``start`` or ``save`` event records, if any."""
        for r in self.rows:
            m = _HASH.search(r.note)
            if m:
                return m.group(1)
        return None


class ChangeLog:
    """Appends events to a log file; each event reaches the disk before :meth:`append` returns.

    Parameters
    ----------
    path
        The log file (created with its header when it does not exist).
    language
        Language of the header and the action words.
    """

    def __init__(self, path: Path, language: str) -> None:
        self.path = path
        self.language = language if language in LOG_COLUMNS else "nl"
        existing = read_log(path) if path.exists() else []
        self.next_step = max((e.step for e in existing), default=0) + 1
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            self._write(_csv_line(LOG_COLUMNS[self.language]))

    def append(self, action: str, rows: Sequence[EventRow], *, time: str) -> Event:
        """Write one event (its rows at once) and flush it to disk."""
        event = Event(self.next_step, time, action, tuple(rows) or (EventRow(),))
        word = LOG_ACTIONS[self.language][action]
        text = "".join(
            _csv_line([str(event.step), time, word, r.code, r.name, r.before, r.after, r.note])
            for r in event.rows
        )
        self._write(text)
        self.next_step += 1
        return event

    def _write(self, text: str) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)


def _csv_line(cells: Sequence[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    return out.getvalue()


def read_log(path: Path) -> list[Event]:
    """The events of a log file, in order.

    Raises
    ------
    LogError
        Naming the first row that is not a row of a change log. A last line cut
        off by a crash (no line end) is ignored: its event never reached the page.
    """
    raw = path.read_bytes().decode("utf-8")
    if raw and not raw.endswith("\n"):
        raw = raw[: raw.rfind("\n") + 1]  # a write cut short: that event never happened
    lines = list(csv.reader(io.StringIO(raw)))
    if not lines:
        return []
    header = tuple(c.strip().lower() for c in lines[0])
    if header not in {tuple(cols) for cols in LOG_COLUMNS.values()}:
        raise LogError(1, f"not the header of a change log: {', '.join(lines[0])}")
    events: list[Event] = []
    current: list[EventRow] = []
    head: tuple[int, str, str] | None = None
    for n, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise LogError(n, f"{len(cells)} cells instead of {len(header)}")
        step_text, time, word, code, name, before, after, note = cells
        if not step_text.isdigit():
            raise LogError(n, f"the step {step_text!r} is not a number")
        action = _ACTION_OF.get(word.strip())
        if action is None:
            raise LogError(n, f"unknown action {word!r}")
        key = (int(step_text), time, action)
        if head is not None and key[0] != head[0]:
            events.append(Event(head[0], head[1], head[2], tuple(current)))
            current = []
        if head is not None and key[0] < head[0]:
            raise LogError(n, f"step {key[0]} comes after step {head[0]}")
        head = key
        current.append(EventRow(code.strip(), name, before, after, note))
    if head is not None:
        events.append(Event(head[0], head[1], head[2], tuple(current)))
    return events
