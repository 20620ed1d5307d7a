"""Editing a set of regions: move schools, merge and rename regions, undo, save, resume.

An :class:`EditSession` holds a proposal as the rows of the file it will write
(``regio, code, rol, naam, plaats``, in the order of the original), applies the
analyst's changes to them, and after every change asks the real rules and money
(:class:`regionkit._edit_check.Checker`, which runs the code of ``regionkit
check`` and ``regionkit fund`` on the regions the change touches) what they say
now. The changes are:

- **move** schools to a region (an existing one, or a new one with a name);
- **also**: list a school in a second region too (as a school that signed up with
  two regions; the overlap rule reports it);
- **merge** two regions (schools and partners), under either name or a new one;
- **rename** a region.

Every change can be undone and redone. Every change, undo, redo and save is
written to a *change log* beside the proposal the moment it happens
(:mod:`regionkit._edit_log`); :meth:`EditSession.save` writes the proposal CSV
atomically (the format ``regionkit check`` reads). The original file is never
written unless the session was opened with ``in_place=True``, which first keeps a
copy of it beside the log. A session that was stopped (a closed browser, a killed
server) resumes from the log: :func:`open_session` applies the logged events
again to the proposal it started from.

:func:`regionkit.edit.serve` (and ``regionkit edit``) puts a session behind a
local web page: the analysts' map with editing controls.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> session = open_session(division="nodal", out=folder / "nodal.csv")
>>> outcome = session.move(["00AH17"], "Almelo")
>>> sorted(outcome.after.recomputed)
['Almelo', 'Enschede']
>>> print(outcome.summary["text"])
1 nieuwe waarschuwing; Regio Almelo EUR +1.541.815, Regio Enschede EUR -1.541.815
>>> session.undo().description[:40]
'Ongedaan gemaakt: Openbare Scholengemeen'
>>> session.save().name, session.saved
('nodal.csv', True)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import shutil
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from regionkit._edit_check import Checker, Evaluation, finding_key
from regionkit._edit_log import ChangeLog, Event, EventRow, LogError, read_log
from regionkit._errors import InputDataError
from regionkit._format import Language, format_eur, format_int
from regionkit._io import write_atomic
from regionkit._messages import text, text_n
from regionkit._places import place_name
from regionkit.config import Config, load_config
from regionkit.graph import ProximityGraph
from regionkit.proposal import ROW_COLUMNS, Proposal

__all__ = [
    "Change",
    "EditError",
    "EditSession",
    "Outcome",
    "Row",
    "open_session",
    "serve",
]

logger = logging.getLogger(__name__)

#: Longest region name the editor accepts.
MAX_NAME_LENGTH = 80
#: Most schools one change may move.
MAX_SCHOOLS_PER_CHANGE = 2000
#: Columns of the proposal file the session writes, per language (``check`` reads both).
FILE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "nl": ("regio", "code", "rol", "naam", "plaats"),
    "en": ("region", "code", "role", "name", "place"),
}
#: The word for each role in the written file, per language.
ROLE_WORDS: Mapping[str, Mapping[str, str]] = {
    "nl": {"school": "school", "mbo": "mbo", "company": "bedrijf", "government": "overheid"},
    "en": {"school": "school", "mbo": "mbo", "company": "company", "government": "government"},
}
#: Suffix of the default output file and of the change log.
EDITED_SUFFIX = "_bewerkt"
LOG_SUFFIX = ".wijzigingen.csv"
ORIGINAL_SUFFIX = ".origineel"


class EditError(ValueError):
    """A change the session refuses (an unknown school or region, a bad name, ...).

    The message is for the analyst, in the session's language; nothing changed.
    """


@dataclass(frozen=True)
class Row:
    """One row of the proposal file: a school listed in a region, or a partner."""

    region: str
    role: str  # "school", or a partner's role as the reader knows it ("mbo", "company", ...)
    code: str | None = None
    name: str | None = None
    place: str | None = None
    written: str | None = None  # a partner's role as the file wrote it ("woningcorporatie")
    extra: tuple[tuple[str, str], ...] = ()  # the file's other columns: (column, cell), kept


Layout = tuple[Row, ...]


@dataclass(frozen=True)
class Change:
    """One change as the analyst asked for it, and the rows before and after."""

    action: str  # "move", "also", "new", "merge" or "rename"
    target: str  # the region moved to, merged into or renamed to
    codes: tuple[str, ...] = ()  # the schools moved
    regions: tuple[str, ...] = ()  # merge: the two regions; rename: the old name
    before: Layout = ()
    after: Layout = ()


@dataclass(frozen=True, eq=False)
class Outcome:
    """What a change, undo or redo did: the description, and the evaluations around it."""

    description: str
    before: Evaluation
    after: Evaluation
    codes: tuple[str, ...]  # schools whose regions changed
    summary: Mapping[str, Any] = field(default_factory=dict)


# --- layouts ------------------------------------------------------------------------------------


def layout_from_proposal(proposal: Proposal, schools: pd.DataFrame) -> Layout:
    """The rows of a proposal: as read from its file (file order), or sorted by region and code."""
    if not proposal.rows.empty:
        written: dict[int, str] = {}
        if "role_as_written" in proposal.partners.columns:
            written = {
                int(r): str(w)
                for r, w in zip(
                    proposal.partners["row"], proposal.partners["role_as_written"], strict=True
                )
                if pd.notna(r) and pd.notna(w)
            }
        rows = proposal.rows.sort_values("row", kind="stable")
        extra = _extra_cells(proposal.extra)
        out = []
        for r in rows.itertuples(index=False):
            role = _text(r.role) or "school"
            out.append(
                Row(
                    region=str(r.region),
                    role=role,
                    code=_text(r.code),
                    name=_text(r.name),
                    place=_text(r.place),
                    written=written.get(int(r.row)) if role != "school" else None,
                    extra=extra.get(int(r.row), ()),
                )
            )
        return tuple(out)
    info = _school_info(schools)
    out = [
        Row(str(region), "school", str(code), *info.get(str(code), (None, None)))
        for code, region in zip(
            proposal.memberships["code"], proposal.memberships["region"], strict=True
        )
    ]
    out += [
        Row(str(p.region), str(p.role), None, _text(p.name), None)
        for p in proposal.partners.itertuples(index=False)
    ]
    order = sorted(
        range(len(out)),
        key=lambda i: (
            out[i].region,
            out[i].role != "school",
            out[i].code or "",
            out[i].name or "",
        ),
    )
    return tuple(out[i] for i in order)


def _extra_cells(extra: pd.DataFrame) -> dict[int, tuple[tuple[str, str], ...]]:
    """The file's other columns per file row, as (column, cell) pairs."""
    if extra.empty or not len(extra.columns):
        return {}
    columns = [str(c) for c in extra.columns]
    return {
        int(row): tuple(zip(columns, (str(v) for v in values), strict=True))
        for row, values in zip(extra.index.tolist(), extra.to_numpy().tolist(), strict=True)
    }


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    s = str(value)
    return s if s else None


def _school_info(schools: pd.DataFrame) -> dict[str, tuple[str | None, str | None]]:
    """Code -> (name, place as people write it) of every school of the table."""
    names = schools["name"].astype(str).tolist()
    places: list[str | None] = (
        [place_name(str(p)) if pd.notna(p) else None for p in schools["place"]]
        if "place" in schools.columns
        else [None] * len(names)
    )
    return dict(zip(schools["code"].astype(str), zip(names, places, strict=True), strict=True))


def _role_cell(row: Row, language: str) -> str:
    """A row's role as the file gives it: as the original wrote it, else the language's word."""
    if row.written:
        return row.written
    return ROLE_WORDS.get(language, ROLE_WORDS["nl"]).get(row.role, row.role)


def proposal_from_layout(
    layout: Layout, *, source: str | None = None, language: str = "nl"
) -> Proposal:
    """The proposal the written file will be read as (row numbers as a spreadsheet shows them)."""
    numbered = [(i + 2, r) for i, r in enumerate(layout)]
    schools = [(n, r) for n, r in numbered if r.role == "school" and r.code]
    others = [(n, r) for n, r in numbered if r.role != "school"]
    memberships = pd.DataFrame(
        {
            "region": [r.region for _, r in schools],
            "code": [r.code for _, r in schools],
            "row": pd.array([n for n, _ in schools], dtype="Int64"),
        },
        columns=["region", "code", "row"],
    )
    partners = pd.DataFrame(
        {
            "region": [r.region for _, r in others],
            "role": [r.role for _, r in others],
            "name": [r.name or "" for _, r in others],
            "row": pd.array([n for n, _ in others], dtype="Int64"),
            "role_as_written": [_role_cell(r, language) for _, r in others],
        },
        columns=["region", "role", "name", "row", "role_as_written"],
    )
    rows = pd.DataFrame(
        {
            "row": pd.array([n for n, _ in numbered], dtype="Int64"),
            "region": pd.array([r.region for _, r in numbered], dtype="string"),
            "role": pd.array([r.role for _, r in numbered], dtype="string"),
            "code": pd.array([r.code for _, r in numbered], dtype="string"),
            "name": pd.array([r.name for _, r in numbered], dtype="string"),
            "place": pd.array([r.place for _, r in numbered], dtype="string"),
        },
        columns=list(ROW_COLUMNS),
    )
    return Proposal(memberships=memberships, partners=partners, rows=rows, source=source)


def layout_csv(layout: Layout, language: str) -> str:
    """The proposal file's text: the format ``regionkit check`` reads, one row per listing.

    The original file's other columns follow ours, in their order, with their
    cells as read (a row the session added has them empty).
    """
    from regionkit.reports import table_to_csv

    lang = language if language in FILE_COLUMNS else "nl"
    ours = list(FILE_COLUMNS[lang])
    others = list(dict.fromkeys(c for r in layout for c, _ in r.extra if c not in ours))
    table = pd.DataFrame(
        [
            (r.region, r.code, _role_cell(r, lang), r.name, r.place, *_cells(r, others))
            for r in layout
        ],
        columns=ours + others,
        dtype=object,
    )
    return table_to_csv(table)


def _cells(row: Row, columns: list[str]) -> list[str]:
    cells = dict(row.extra)
    return [cells.get(c, "") for c in columns]


_HASHES: dict[int, tuple[Layout, str]] = {}


def layout_hash(layout: Layout) -> str:
    """SHA-256 of the rows (language-independent), which the change log records."""
    known = _HASHES.get(id(layout))
    if known is not None and known[0] is layout:
        return known[1]
    h = hashlib.sha256()
    for r in layout:
        h.update(repr((r.region, r.role, r.code, r.name, r.place, r.written)).encode("utf-8"))
    digest = h.hexdigest()
    if len(_HASHES) > 256:  # the layouts of a session's history: a handful are asked again
        _HASHES.clear()
    _HASHES[id(layout)] = (layout, digest)
    return digest


# --- changes on layouts -------------------------------------------------------------------------


def _regions_of(layout: Layout) -> set[str]:
    return {r.region for r in layout}


def _listing(layout: Layout, code: str) -> list[str]:
    return [r.region for r in layout if r.role == "school" and r.code == code]


def _move(
    layout: Layout,
    codes: Sequence[str],
    target: str,
    *,
    also: bool,
    info: Mapping[str, tuple[str | None, str | None]],
) -> Layout:
    """Each school into ``target``.

    A move puts the school's first row in ``target`` and drops its other rows (a
    school in no region gets a row at the end); ``also`` adds a row at the end and
    keeps the others.
    """
    wanted = set(codes)
    out: list[Row] = []
    seen: set[str] = set()
    for r in layout:
        if not also and r.role == "school" and r.code in wanted:
            if r.code not in seen:
                seen.add(r.code)
                out.append(replace(r, region=target))
            continue
        out.append(r)
    for code in codes:
        if also or code not in seen:
            name, place = info.get(code, (None, None))
            out.append(Row(target, "school", code, name, place))
    return tuple(out)


def _merge(layout: Layout, a: str, b: str, target: str) -> Layout:
    """Every row of ``a`` and ``b`` in ``target``; a school or partner in both keeps one row."""
    moved = [replace(r, region=target) if r.region in (a, b) else r for r in layout]
    out: list[Row] = []
    seen: set[tuple[str, str, str | None, str | None]] = set()
    for r in moved:
        if r.region == target:
            key = (r.region, r.role, r.code, r.name if r.role != "school" else None)
            if key in seen:
                continue
            seen.add(key)
        out.append(r)
    return tuple(out)


def _rename(layout: Layout, old: str, new: str) -> Layout:
    return tuple(replace(r, region=new) if r.region == old else r for r in layout)


# --- the session --------------------------------------------------------------------------------


def _now() -> str:
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


class EditSession:
    """A proposal being edited: its rows, the changes made, the change log and the evaluation.

    Use :func:`open_session` to open one from a file, an official division or
    regionkit's own proposal (it also resumes a session from its change log).

    Parameters
    ----------
    layout
        The rows of the proposal as opened.
    schools, graph, config
        The schools table, its proximity graph and the configuration.
    source
        Where the proposal came from (for the page and the log).
    out
        The proposal file :meth:`save` writes.
    log
        The change log (``None``: no log, for tests and notebooks that do not save).
    """

    def __init__(
        self,
        layout: Layout,
        *,
        schools: pd.DataFrame,
        graph: ProximityGraph,
        config: Config,
        source: str,
        out: Path | None = None,
        log: ChangeLog | None = None,
        checker: Checker | None = None,
    ) -> None:
        self.schools = schools
        self.graph = graph
        self.config = config
        self.language = config.language
        self.source = source
        self.out = out
        self.log = log
        self.checker = checker or Checker(schools, graph, config)
        self.lock = threading.RLock()
        self._info = _school_info(schools)
        self._known = set(self._info)
        self._start = layout
        self.history: list[Change] = []
        self.position = 0
        self._saved: str | None = None
        self.events_since_save = 0
        self.resumed = 0
        self.evaluation = self.checker.evaluate(
            proposal_from_layout(self.layout, source=self.source, language=self.language)
        )

    # --- state --------------------------------------------------------------------------------

    @property
    def layout(self) -> Layout:
        """The rows as they are now."""
        return self.history[self.position - 1].after if self.position else self._start

    @property
    def proposal(self) -> Proposal:
        """The proposal as it is now (as ``regionkit check`` will read the saved file)."""
        return self.evaluation.proposal

    @property
    def regions(self) -> list[str]:
        """The regions there are now, sorted."""
        return sorted(_regions_of(self.layout))

    @property
    def can_undo(self) -> bool:
        """Whether there is a change to undo."""
        return self.position > 0

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone change to redo."""
        return self.position < len(self.history)

    @property
    def saved(self) -> bool:
        """Whether the file :meth:`save` writes holds the rows as they are now."""
        return self._saved == layout_hash(self.layout)

    @property
    def changed(self) -> bool:
        """Whether the rows differ from what was last saved (or, before a save, opened)."""
        reference = self._saved if self._saved is not None else layout_hash(self._start)
        return reference != layout_hash(self.layout)

    # --- changes ------------------------------------------------------------------------------

    def move(
        self, codes: Iterable[str], region: str, *, also: bool = False, new: bool = False
    ) -> Outcome:
        """Move schools to ``region`` (``new=True``: a new region of that name).

        With ``also=True`` each school stays where it is and is listed in
        ``region`` too (as a school that signed up with two regions).

        Raises
        ------
        EditError
            For an unknown school, an unknown region (or, with ``new``, a name
            that exists or is not a good name); nothing changes.
        """
        with self.lock:
            wanted = self._check_codes(codes)
            target = self._check_target(region, new=new)
            if also:
                there = [c for c in wanted if target in _listing(self.layout, c)]
                if there:
                    raise EditError(
                        text(
                            self.language, "edit.error.already_there", code=there[0], region=target
                        )
                    )
            after = _move(self.layout, wanted, target, also=also, info=self._info)
            action = "also" if also else "new" if new else "move"
            return self._apply(Change(action, target, tuple(wanted), (), self.layout, after))

    def merge(self, a: str, b: str, *, name: str | None = None) -> Outcome:
        """Merge regions ``a`` and ``b`` (schools and partners) into ``name`` (default ``a``)."""
        with self.lock:
            a, b = self._check_region(a), self._check_region(b)
            if a == b:
                raise EditError(text(self.language, "edit.error.merge_same"))
            wanted = a if name is None else " ".join(str(name).split())
            target = wanted if wanted in (a, b) else self._check_target(wanted, new=True)
            codes = tuple(sorted({r.code for r in self.layout if r.region in (a, b) and r.code}))
            after = _merge(self.layout, a, b, target)
            return self._apply(Change("merge", target, codes, (a, b), self.layout, after))

    def rename(self, region: str, name: str) -> Outcome:
        """Give ``region`` another name (schools and partners keep their rows)."""
        with self.lock:
            old = self._check_region(region)
            new = self._check_target(name, new=True, renaming=old)
            codes = tuple(sorted({r.code for r in self.layout if r.region == old and r.code}))
            after = _rename(self.layout, old, new)
            return self._apply(Change("rename", new, codes, (old,), self.layout, after))

    def undo(self) -> Outcome:
        """Undo the last change."""
        return self._step(-1)

    def redo(self) -> Outcome:
        """Redo the last undone change."""
        return self._step(+1)

    def _step(self, direction: int) -> Outcome:
        """Undo (``-1``) or redo (``+1``) one change."""
        with self.lock:
            undo = direction < 0
            if undo and not self.can_undo:
                raise EditError(text(self.language, "edit.error.nothing_to_undo"))
            if not undo and not self.can_redo:
                raise EditError(text(self.language, "edit.error.nothing_to_redo"))
            change = self.history[self.position - 1 if undo else self.position]
            what = self._describe(change)
            if undo:
                description = text(self.language, "edit.change.undo", what=what)
            else:
                description = text(self.language, "edit.change.redo", what=what)
            return self._commit(
                change,
                change.before if undo else change.after,
                description,
                ("undo" if undo else "redo", [EventRow(note=what)]),
                position=self.position + direction,
            )

    def save(self) -> Path:
        """Write the proposal file atomically and log the save; returns the file."""
        with self.lock:
            if self.out is None:
                raise EditError("this session has no file to save to")
            content = layout_csv(self.layout, self.language)
            write_atomic(self.out, content)
            digest = layout_hash(self.layout)
            self._saved = digest
            self.events_since_save = 0
            self._log_event(
                "save", [EventRow(note=f"{self.out.name} · sha256:{digest}")], count_event=False
            )
            return self.out

    # --- checks of a request --------------------------------------------------------------------

    def _check_codes(self, codes: Iterable[str]) -> list[str]:
        wanted = list(dict.fromkeys(str(c).strip().upper() for c in codes))
        if not wanted:
            raise EditError(text(self.language, "edit.error.no_schools"))
        if len(wanted) > MAX_SCHOOLS_PER_CHANGE:
            raise EditError(
                text(
                    self.language,
                    "edit.error.too_many_schools",
                    n=len(wanted),
                    max=MAX_SCHOOLS_PER_CHANGE,
                )
            )
        for c in wanted:
            if c not in self._known:
                raise EditError(text(self.language, "edit.error.unknown_school", code=c))
        return wanted

    def _check_region(self, region: str) -> str:
        name = str(region)
        if name not in _regions_of(self.layout):
            raise EditError(text(self.language, "edit.error.unknown_region", region=name[:100]))
        return name

    def _check_target(self, region: str, *, new: bool, renaming: str | None = None) -> str:
        if not new:
            return self._check_region(region)
        lang = self.language
        raw = str(region)
        if any(unicodedata.category(ch)[0] == "C" for ch in raw):
            raise EditError(text(lang, "edit.error.name_control"))
        name = " ".join(raw.split())
        if not name:
            raise EditError(text(lang, "edit.error.name_empty"))
        if len(name) > MAX_NAME_LENGTH:
            raise EditError(text(lang, "edit.error.name_long", max=MAX_NAME_LENGTH))
        if name[0] in "=+-@":
            raise EditError(text(lang, "edit.error.name_formula"))
        key = name.casefold()
        for existing in _regions_of(self.layout):
            if existing.casefold() == key and existing != renaming:
                raise EditError(text(lang, "edit.error.region_exists", region=existing))
        return name

    # --- applying -----------------------------------------------------------------------------

    def _apply(self, change: Change) -> Outcome:
        history = [*self.history[: self.position], change]
        return self._commit(
            change,
            change.after,
            self._describe(change),
            (change.action, self._event_rows(change)),
            position=self.position + 1,
            history=history,
        )

    def _commit(
        self,
        change: Change,
        layout: Layout,
        description: str,
        event: tuple[str, list[EventRow]],
        *,
        position: int,
        history: list[Change] | None = None,
    ) -> Outcome:
        """Evaluate the rows after a change; only then log it and make it the session's state.

        A change whose evaluation fails leaves the session and its log as they were.
        """
        before = self.evaluation
        evaluation = self.checker.update(
            before, proposal_from_layout(layout, source=self.source, language=self.language)
        )
        self._log_event(*event)
        if history is not None:
            self.history = history
        self.position = position
        self.evaluation = evaluation
        codes = tuple(
            c
            for c in change.codes
            if _listing(change.before, c) != _listing(change.after, c)
            or change.action in ("rename", "merge")
        )
        summary = change_summary(before, evaluation, self.language)
        return Outcome(description, before, evaluation, codes, summary)

    def _describe(self, change: Change) -> str:
        lang = self.language
        if change.action in ("move", "also", "new"):
            if len(change.codes) == 1:
                name = self._info.get(change.codes[0], (change.codes[0], None))[0]
                who = text(lang, "edit.change.school.one", name=name or change.codes[0])
            else:
                who = text_n(
                    lang, "edit.change.school", len(change.codes), n=_int(len(change.codes), lang)
                )
            return text(lang, f"edit.change.{change.action}", n=who, to=change.target)
        if change.action == "merge":
            a, b = change.regions
            return text(lang, "edit.change.merge", a=a, b=b, to=change.target)
        return text(lang, "edit.change.rename", a=change.regions[0], to=change.target)

    def _event_rows(self, change: Change) -> list[EventRow]:
        """The rows of a change in the log: the regions, then each school from and to."""
        rows = [EventRow(before=r, after=change.target) for r in change.regions]
        if not rows:
            rows = [EventRow(after=change.target)]
        for code in change.codes:
            was, now = _listing(change.before, code), _listing(change.after, code)
            if was != now:
                name = self._info.get(code, (None, None))[0] or ""
                rows.append(EventRow(code, name, "; ".join(was), "; ".join(now)))
        return rows

    def _log_event(
        self, action: str, rows: Sequence[EventRow], *, count_event: bool = True
    ) -> Event | None:
        if count_event:
            self.events_since_save += 1
        if self.log is None:
            return None
        return self.log.append(action, rows, time=_now())

    # --- replaying a log ------------------------------------------------------------------------

    def replay(self, events: Sequence[Event], log_name: str) -> int:
        """Apply logged events again (after the ``start`` event); returns how many changes."""
        n = 0
        for event in events:
            if event.action in ("start", "save"):
                if event.action == "save":
                    self.events_since_save = 0
                    self._saved = event.layout_hash
                continue
            if event.action == "undo":
                self._require(self.can_undo, event, log_name)
                self.position -= 1
            elif event.action == "redo":
                self._require(self.can_redo, event, log_name)
                self.position += 1
            else:
                change = self._replay_change(event, log_name)
                del self.history[self.position :]
                self.history.append(change)
                self.position += 1
            self.events_since_save += 1
            n += 1
        self.evaluation = self.checker.evaluate(
            proposal_from_layout(self.layout, source=self.source, language=self.language)
        )
        return n

    def _require(self, ok: bool, event: Event, log_name: str) -> None:
        if not ok:
            raise InputDataError(
                text(
                    self.language,
                    "edit.resume.bad_row",
                    log=log_name,
                    row=event.step,
                    problem=event.action,
                )
            )

    def _replay_change(self, event: Event, log_name: str) -> Change:
        region_rows = [r for r in event.rows if not r.code]
        school_rows = [r for r in event.rows if r.code]
        target = region_rows[0].after if region_rows else ""
        for r in school_rows:
            found = "; ".join(_listing(self.layout, r.code))
            if found != r.before:
                raise InputDataError(
                    text(
                        self.language,
                        "edit.resume.no_match",
                        log=log_name,
                        step=event.step,
                        code=r.code,
                        expected=r.before or "-",
                        found=found or "-",
                    )
                )
        layout = self.layout
        codes = tuple(r.code for r in school_rows)
        if event.action in ("move", "also", "new"):
            after = _move(layout, codes, target, also=event.action == "also", info=self._info)
            return Change(event.action, target, codes, (), layout, after)
        if event.action == "merge":
            a, b = (r.before for r in region_rows[:2])
            return Change("merge", target, codes, (a, b), layout, _merge(layout, a, b, target))
        old = region_rows[0].before
        return Change("rename", target, codes, (old,), layout, _rename(layout, old, target))


# --- what changed, for the change bar -----------------------------------------------------------


def _int(n: int, language: str) -> str:
    return format_int(n, "en" if language == "en" else "nl")


def _counted(language: str, fixed: bool, n: int, severity: str) -> str:
    """``"2 fouten opgelost"`` or ``"1 nieuwe waarschuwing"``: findings of one severity."""
    word = text_n(language, f"edit.severity.{severity}", n)
    if fixed:
        return text_n(language, "edit.bar.fixed", n, n=_int(n, language), severity=word)
    return text_n(language, "edit.bar.new", n, n=_int(n, language), severity=word)


def change_summary(before: Evaluation, after: Evaluation, language: str) -> dict[str, Any]:
    """Findings fixed and new per severity, and each region's money that changed.

    Returns
    -------
    dict
        ``fixed`` and ``new`` (counts per severity), ``money`` (one entry per
        region whose maximum subsidy changed: ``region``, ``before``, ``after``,
        ``delta`` in euros) and ``text``: one line for the change bar, such as
        ``"2 fouten opgelost, 1 nieuwe waarschuwing; Regio Emmen +EUR 127.160"``.
    """
    old = Counter(finding_key(f) for f in before.findings)
    new = Counter(finding_key(f) for f in after.findings)
    severity = {finding_key(f): f.severity for f in (*before.findings, *after.findings)}
    fixed: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for key, n in (old - new).items():
        fixed[severity[key]] += n
    for key, n in (new - old).items():
        added[severity[key]] += n
    money = _money_changes(before.regions, after.regions)
    lang: Language = "en" if language == "en" else "nl"
    parts = [
        _counted(language, True, fixed[s], s) for s in ("error", "warning", "info") if fixed[s]
    ]
    parts += [
        _counted(language, False, added[s], s) for s in ("error", "warning", "info") if added[s]
    ]
    line = ", ".join(parts) or text(language, "edit.bar.none")
    amounts = []
    for m in money:
        if m["after"] is None:
            amounts.append(text(language, "edit.bar.region_gone", region=m["region"]))
        elif m["before"] is None:
            amounts.append(
                text(
                    language,
                    "edit.bar.region_new",
                    region=m["region"],
                    amount=format_eur(m["after"], lang, decimals=0),
                )
            )
        else:
            amounts.append(
                text(
                    language,
                    "edit.bar.region_money",
                    region=m["region"],
                    amount=format_eur(m["delta"], lang, decimals=0, signed=True),
                )
            )
    if amounts:
        line += "; " + ", ".join(amounts)
    return {"fixed": dict(fixed), "new": dict(added), "money": money, "text": line}


def _money_changes(before: pd.DataFrame, after: pd.DataFrame) -> list[dict[str, Any]]:
    column = "max_subsidy_4y_eur"
    if column not in before.columns or column not in after.columns:
        return []
    a = before[column].dropna().astype(float).to_dict()
    b = after[column].dropna().astype(float).to_dict()
    out = []
    for region in sorted(set(a) | set(b)):
        x, y = a.get(region), b.get(region)
        if x is not None and y is not None and round(x, 2) == round(y, 2):
            continue
        delta = None if x is None or y is None else round(y - x, 2)
        out.append({"region": str(region), "before": x, "after": y, "delta": delta})
    return out


# --- opening a session --------------------------------------------------------------------------


def default_out(proposal: str | Path | None, division: str | None) -> Path:
    """Where a session saves by default: ``<name>_bewerkt.csv`` beside the proposal file."""
    if proposal is not None:
        p = Path(proposal)
        return p.with_name(f"{p.stem}{EDITED_SUFFIX}.csv")
    return Path(f"{division or 'voorstel'}{EDITED_SUFFIX}.csv")


def log_path(out: Path) -> Path:
    """The change log beside a proposal file: ``<name>.wijzigingen.csv``."""
    return out.with_name(f"{out.stem}{LOG_SUFFIX}")


def open_session(
    proposal: str | Path | None = None,
    *,
    division: str | None = None,
    propose: bool = False,
    out: str | Path | None = None,
    in_place: bool = False,
    restart: bool = False,
    schools: pd.DataFrame | None = None,
    config: Config | None = None,
    graph: ProximityGraph | None = None,
) -> EditSession:
    """Open an editing session on a proposal file, an official division or a new proposal.

    When the change log beside the output file exists, the session resumes from
    it (the logged changes are applied again to the proposal they started
    from); ``restart=True`` keeps the old log under another name and starts afresh.

    Parameters
    ----------
    proposal
        A proposal file (CSV or Excel), as ``regionkit check`` reads it.
    division
        An official division (``"nodal"``, ``"rmc"``, ``"corop"``) instead.
    propose
        regionkit's own proposal (as ``regionkit propose`` makes it) instead.
    out
        The file to save to; default ``<name>_bewerkt.csv`` beside the proposal.
    in_place
        Save over the proposal file itself (a copy of the original is kept as
        ``<name>.origineel.csv`` beside it the first time).
    restart
        Ignore an existing change log (it is renamed, never deleted).
    schools, config, graph
        The schools table, configuration and proximity graph (defaults: the
        bundled table, the default configuration, the configured graph).

    Raises
    ------
    InputDataError
        For an unusable proposal file or a change log that does not fit it.
    """
    from regionkit.boundaries import land_mask
    from regionkit.schools import load_schools

    config = config or load_config()
    schools = load_schools() if schools is None else schools
    if graph is None:
        graph = ProximityGraph.from_config(schools, config.graph, land=land_mask())
    lang = config.language
    if sum([proposal is not None, division is not None, propose]) != 1:
        raise ValueError("give a proposal file, a division or propose=True (one of the three)")
    layout, source = _initial_layout(proposal, division, propose, schools, graph, config)
    target = _out_path(proposal, division, out, in_place, lang)
    log_file = log_path(target)
    if restart and log_file.exists():
        backup = _free_name(log_file)
        log_file.rename(backup)
        logger.info("the old change log is kept as %s", backup)
    events = read_log_checked(log_file, lang) if log_file.exists() else []
    base = layout
    if in_place and proposal is not None:
        original = target.with_name(f"{target.stem}{ORIGINAL_SUFFIX}{target.suffix}")
        if not original.exists():
            shutil.copy2(target, original)
        if events:
            base = _initial_layout(original, None, False, schools, graph, config)[0]
    if events and events[0].layout_hash != layout_hash(base):
        raise InputDataError(
            text(
                lang,
                "edit.resume.mismatch",
                log=log_file.name,
                source=source,
                backup=_free_name(log_file).name,
            )
        )
    log = ChangeLog(log_file, lang)
    session = EditSession(
        base, schools=schools, graph=graph, config=config, source=source, out=target, log=log
    )
    if in_place:
        session._saved = layout_hash(base)
    if events:
        n = session.replay(events[1:], log_file.name)
        session.resumed = n
        if session._saved is not None and not target.exists():
            session._saved = None
        logger.info("resumed %d change(s) from %s", n, log_file)
    else:
        log.append("start", [EventRow(note=f"{source} · sha256:{layout_hash(base)}")], time=_now())
    return session


def read_log_checked(path: Path, language: str) -> list[Event]:
    """The events of a change log, or one readable error naming the bad row."""
    try:
        events = read_log(path)
    except LogError as exc:
        raise InputDataError(
            text(language, "edit.resume.bad_row", log=path.name, row=exc.row, problem=exc.problem)
        ) from None
    if events and events[0].action != "start":
        raise InputDataError(
            text(language, "edit.resume.bad_row", log=path.name, row=2, problem="no start event")
        )
    return events


def _free_name(path: Path) -> Path:
    for i in range(1, 10_000):
        candidate = path.with_name(f"{path.stem}.{i}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(path)  # pragma: no cover


def _out_path(
    proposal: str | Path | None,
    division: str | None,
    out: str | Path | None,
    in_place: bool,
    language: str,
) -> Path:
    if in_place:
        if proposal is None:
            raise InputDataError(
                text(
                    language,
                    "edit.in_place.needs_file",
                    source=f"--division {division}" if division else "--propose",
                )
            )
        p = Path(proposal)
        if p.suffix.lower() not in (".csv", ".txt"):
            raise InputDataError(text(language, "edit.in_place.not_csv", file=p.name))
        return p
    target = Path(out) if out is not None else default_out(proposal, division)
    if proposal is not None and target.resolve() == Path(proposal).resolve():
        raise InputDataError(text(language, "edit.out.same_as_input"))
    return target


def _initial_layout(
    proposal: str | Path | None,
    division: str | None,
    propose: bool,
    schools: pd.DataFrame,
    graph: ProximityGraph,
    config: Config,
) -> tuple[Layout, str]:
    from regionkit.proposal import proposal_from_division, read_proposal

    if proposal is not None:
        p = read_proposal(proposal, schools, language=config.language)
        return layout_from_proposal(p, schools), Path(proposal).name
    if division is not None:
        p = proposal_from_division(schools, division, config)
        return layout_from_proposal(p, schools), f"division {division}"
    from regionkit.workflow import assignment_from_spec

    assignment, _ = assignment_from_spec("propose", schools, config=config, graph=graph)
    p = Proposal.from_assignment(assignment, source="propose")
    return layout_from_proposal(p, schools), "regionkit propose"


def serve(session: EditSession, **options: Any) -> Any:
    """Serve a session as a local web page; see :func:`regionkit._edit_server.start`."""
    from regionkit._edit_server import start

    return start(session, **options)
