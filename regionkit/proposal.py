"""Reading a proposed set of regions, and resolving schools listed by name to codes.

A *proposal* is a table with one row per member of a region::

    regio;code;rol;naam
    Twente;00AH17;school;Het Stedelijk Lyceum
    Twente;;mbo;ROC van Twente
    Twente;;bedrijf;Metaalunie Oost

School rows (vmbo, vso, praktijkonderwijs) carry the 6-character code of the
*vestiging*; mbo institutions, companies and governments are named partners
that may appear in several regions. Columns are matched case-insensitively,
with Dutch and English names (``regio``/``region``, ``code``/``vestigingscode``
or ``brin`` plus ``vestigingsnummer``, ``rol``/``role``, ``naam``/``name``,
``plaats``/``place``). A file without a ``rol`` column lists only schools.

:func:`read_proposal` validates the whole file and raises one
:class:`~regionkit._errors.InputDataError` listing every problem (malformed
codes, empty region names, a code listed twice in one region, ...). What is
*allowed* in a file but wrong for the programme (a school in two regions, a
code that is not in the schools table) is not an input error: the rule checks
of :mod:`regionkit.rules` report it.

Regions publish their membership as lists of school names and places;
:func:`match_names` resolves such names to codes, exactly first and then
fuzzily within the same place, and reports ambiguous and unmatched names with
the closest candidates instead of guessing.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from regionkit._codes import all_codes
from regionkit._errors import InputDataError, Problem, ProblemCollector
from regionkit._io import read_table, sheet_note
from regionkit._messages import text, text_n
from regionkit._schema import DIVISIONS

if TYPE_CHECKING:
    from regionkit.config import Config

__all__ = [
    "CODE_PATTERN",
    "ROLES",
    "MatchResult",
    "Proposal",
    "division_assignment",
    "match_names",
    "member_kinds",
    "normalise_name",
    "normalise_place",
    "pro_left_out",
    "proposal_from_division",
    "read_names",
    "read_proposal",
    "without_pro",
]

logger = logging.getLogger(__name__)

#: A vestiging code: BRIN (two digits, then two letters, or digits in a few
#: BRINs) plus a two-digit branch number; the same pattern as the schools ingest.
CODE_PATTERN = re.compile(r"^\d{2}[A-Z0-9]{2}\d{2}$")

#: The roles a row may have, and the spellings accepted for each (after :func:`_key`). The
#: programme's partners: "bedrijven" is every organisation that creates work and has technique
#: (housing corporations, hospitals, welfare organisations too), government, mbo, and primary
#: (po), praktijkonderwijs (pro) and vso schools (docs/DOMAIN.md, "Partners"). A role written
#: otherwise is kept as a partner of role ``other`` and reported by the composition rule.
ROLES: dict[str, tuple[str, ...]] = {
    "school": (
        "school",
        "vmbo",
        "vso",
        "pro",
        "vo",
        "vmboschool",
        "vestiging",
        "vmbovestiging",
        "praktijkonderwijs",
    ),
    "mbo": ("mbo", "roc", "aoc", "mboinstelling", "mboschool", "vakschool", "mbocollege"),
    "company": (
        "company",
        "bedrijf",
        "bedrijven",
        "bedrijfsleven",
        "business",
        "werkgever",
        "werkgevers",
        "employer",
        "onderneming",
        "ondernemer",
        "branche",
        "brancheorganisatie",
        "leerbedrijf",
        "opleidingsbedrijf",
        "woningbouwvereniging",
        "woningcorporatie",
        "woningbouwcorporatie",
        "housingcorporation",
        "ziekenhuis",
        "hospital",
        "zorginstelling",
        "zorgorganisatie",
        "welzijnsinstelling",
        "welzijnsorganisatie",
        "welfareorganisation",
        "welfareorganization",
    ),
    "government": (
        "government",
        "overheid",
        "gemeente",
        "gemeenten",
        "municipality",
        "provincie",
        "province",
        "rijk",
        "rijksoverheid",
        "ministerie",
        "waterschap",
        "lokaleoverheid",
        "localgovernment",
    ),
    "po": (
        "po",
        "basisschool",
        "basisonderwijs",
        "primaironderwijs",
        "primaryschool",
        "sbo",
        "speciaalbasisonderwijs",
    ),
}
_ROLE_OF = {spelling: role for role, spellings in ROLES.items() for spelling in spellings}

#: Accepted column names (after :func:`_key`), in order of preference.
_COLUMNS: dict[str, tuple[str, ...]] = {
    "region": ("regio", "region", "regionaam", "regionname", "naamregio", "techniekregio"),
    "code": (
        "code",
        "vestigingscode",
        "schoolcode",
        "brinvestiging",
        "brinvestigingsnummer",
        "brinvestigingscode",
    ),
    "brin": ("brin", "brinnummer", "brincode", "brinnr"),
    "branch": ("vestigingsnummer", "vestigingsnr", "vestiging", "branch", "branchnumber"),
    "role": ("rol", "role", "soort", "type", "kind"),
    "name": (
        "naam",
        "name",
        "vestigingsnaam",
        "schoolnaam",
        "instellingsnaam",
        "instellingsnaamvestiging",
        "partner",
        "organisatie",
        "organisation",
        "organization",
    ),
    "place": ("plaats", "place", "plaatsnaam", "woonplaats", "vestigingsplaats", "city", "town"),
}

#: Columns of :attr:`Proposal.rows`, in order.
ROW_COLUMNS = ("row", "region", "role", "code", "name", "place")


def _key(text: str) -> str:
    """Column or role name reduced to lower-case letters and digits."""
    return re.sub(r"[^0-9a-z]", "", _strip_accents(str(text)).casefold())


def _strip_accents(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


# --- the proposal -------------------------------------------------------------------------------


def _empty_memberships() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": pd.Series(dtype="object"),
            "code": pd.Series(dtype="object"),
            "row": pd.Series(dtype="Int64"),
        }
    )


def _empty_partners() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": pd.Series(dtype="object"),
            "role": pd.Series(dtype="object"),
            "name": pd.Series(dtype="object"),
            "row": pd.Series(dtype="Int64"),
            "role_as_written": pd.Series(dtype="object"),
        }
    )


def _region_per_code(rows: pd.DataFrame) -> pd.Series:
    """An assignment from rows with ``region`` and ``code`` (one row per code), sorted by code."""
    out = pd.Series(
        rows["region"].astype(str).to_numpy(),
        index=pd.Index(rows["code"].astype(str).to_numpy(), name="code"),
        name="region",
        dtype="object",
    )
    return out.sort_index(kind="stable")


@dataclass(frozen=True, eq=False)
class Proposal:
    """A proposed set of regions: which schools and partners are in which region.

    Attributes
    ----------
    memberships
        One row per school listed in a region: ``region``, ``code``, ``row``
        (the file row, as a spreadsheet shows it; NA when the proposal was not
        read from a file). A school listed in two regions has two rows: that
        is what the overlap rule reports.
    partners
        mbo institutions, companies, governments, primary schools and partners
        of a role the reader does not know: ``region``, ``role`` (``"mbo"``,
        ``"company"``, ``"government"``, ``"po"`` or ``"other"``), ``name``,
        ``row``, ``role_as_written`` (the role as the file wrote it).
    rows
        The normalised table as read (``row, region, role, code, name, place``),
        empty for proposals that were not read from a file.
    source
        The file the proposal came from, or a description such as
        ``"division:nodal"``.
    name_matches
        With ``read_proposal(..., by_name=True)``: how each name was resolved
        (:attr:`MatchResult.table`), so that fuzzy matches can be reviewed.
    extra
        The file's other columns (those the reader does not use, such as a
        contact person or a remark), as text, one row per row of :attr:`rows`
        and in the file's column order: the editor writes them back unchanged.
        Empty when the file has none or the proposal was not read from a file.
    """

    memberships: pd.DataFrame = field(default_factory=_empty_memberships)
    partners: pd.DataFrame = field(default_factory=_empty_partners)
    rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(ROW_COLUMNS)))
    source: str | None = None
    name_matches: pd.DataFrame | None = field(default=None, repr=False)
    extra: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    @property
    def assignment(self) -> pd.Series:
        """The single-region view: region per school ``code`` (Series named ``"region"``).

        A school listed in several regions gets the region listed *first*
        (the first row of the file); the overlap rule reports the others.
        Sorted by code.
        """
        return _region_per_code(self.memberships.drop_duplicates("code", keep="first"))

    @property
    def regions(self) -> list[str]:
        """Every region named in the proposal (with schools or only partners), sorted."""
        names = set(self.memberships["region"].astype(str).tolist()) | set(
            self.partners["region"].astype(str).tolist()
        )
        return sorted(names)

    @property
    def codes(self) -> list[str]:
        """Every school code listed, once, sorted."""
        return sorted(set(self.memberships["code"].astype(str).tolist()))

    @property
    def has_partners(self) -> bool:
        """Whether the proposal lists any mbo, company or government partner."""
        return not self.partners.empty

    @classmethod
    def from_assignment(
        cls,
        assignment: pd.Series,
        *,
        partners: pd.DataFrame | None = None,
        source: str | None = None,
    ) -> Proposal:
        """A proposal from an assignment (region per school code), e.g. regionkit's own.

        Parameters
        ----------
        assignment
            Region names indexed by school code; NA means "in no region".
        partners
            Optional partners (``region``, ``role``, ``name``).
        source
            A description of where the regions came from.

        Returns
        -------
        Proposal
            Without file rows; ``row`` is NA.

        Examples
        --------
        >>> import pandas as pd
        >>> p = Proposal.from_assignment(pd.Series({"02QZ00": "A", "00AH17": "B", "01AB00": None}))
        >>> p.assignment.to_dict()
        {'00AH17': 'B', '02QZ00': 'A'}
        """
        a = assignment.dropna()
        memberships = pd.DataFrame(
            {
                "region": a.astype(str).to_numpy(),
                "code": a.index.astype(str).to_numpy(),
                "row": pd.array([pd.NA] * len(a), dtype="Int64"),
            }
        )
        memberships = memberships.sort_values(["code"], kind="stable").reset_index(drop=True)
        if partners is None:
            partners = _empty_partners()
        else:
            partners = partners.copy()
            if "row" not in partners.columns:
                partners["row"] = pd.array([pd.NA] * len(partners), dtype="Int64")
            if "role_as_written" not in partners.columns:
                partners["role_as_written"] = partners["role"]
            partners = partners[list(_empty_partners().columns)].reset_index(drop=True)
        return cls(memberships=memberships, partners=partners, source=source)

    def __repr__(self) -> str:
        return (
            f"<Proposal: {len(self.regions)} regions, {len(self.codes)} schools, "
            f"{len(self.partners)} partners{', from ' + str(self.source) if self.source else ''}>"
        )


def member_kinds(config: Config | None = None) -> tuple[str, ...]:
    """The kinds of school that are members of the regions regionkit makes.

    vmbo and vso schools, and praktijkonderwijs schools (the programme lets
    them join; ``[regions] pro_in_regions = false`` leaves them out).

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> member_kinds(), member_kinds(load_config(regions={"pro_in_regions": False}))
    (('vmbo', 'vso', 'pro'), ('vmbo', 'vso'))
    """
    if config is None:
        from regionkit import config as settings

        config = settings.Config()
    pro = config.regions.pro_in_regions
    return ("vmbo", "vso", "pro") if pro else ("vmbo", "vso")


def pro_left_out(schools: pd.DataFrame, config: Config | None = None) -> list[str]:
    """The praktijkonderwijs schools that are in no region regionkit makes (the setting).

    Empty by default; all of them with ``[regions] pro_in_regions = false``.

    Examples
    --------
    >>> from regionkit.config import load_config
    >>> from regionkit.schools import load_schools
    >>> len(pro_left_out(load_schools())), len(
    ...     pro_left_out(load_schools(), load_config(regions={"pro_in_regions": False}))
    ... )
    (0, 150)
    """
    if "pro" in member_kinds(config) or "kind" not in schools.columns:
        return []
    return sorted(schools.loc[schools["kind"] == "pro", "code"].astype(str))


def without_pro(
    assignment: pd.Series, schools: pd.DataFrame, config: Config | None = None
) -> pd.Series:
    """An assignment without the pro schools the setting leaves out (:func:`pro_left_out`)."""
    out = pro_left_out(schools, config)
    return assignment[~assignment.index.astype(str).isin(out)] if out else assignment


def division_assignment(
    schools: pd.DataFrame, division: str, *, kinds: tuple[str, ...] = ("vmbo", "vso")
) -> pd.Series:
    """An official division as an assignment: the division's area name per school.

    Parameters
    ----------
    schools
        The schools table.
    division
        ``"nodal"`` (CBS nodal areas), ``"rmc"``, ``"corop"`` or ``"education_area"``.
    kinds
        Kinds of school included (vmbo and vso by default: the schools that
        take part in a region).

    Returns
    -------
    pandas.Series
        Area name indexed by ``code``, named ``"region"``; schools without the
        division (closed schools absent from DUO's address file) are left out.

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> nodal = division_assignment(load_schools(), "nodal")
    >>> len(nodal), nodal.nunique()
    (1428, 80)
    """
    if division not in DIVISIONS:
        raise InputDataError(
            Problem(
                f"unknown division {division!r}",
                fix=f"use one of {', '.join(DIVISIONS)}",
                value=division,
            )
        )
    code_col, name_col = DIVISIONS[division]
    rows = schools[schools["kind"].isin(list(kinds))] if "kind" in schools.columns else schools
    names = rows[name_col].astype("string")
    codes = rows[code_col].astype("string")
    # A name identifies an area; fall back to its code where a name is missing.
    label = names.fillna(codes)
    out = pd.Series(label.to_numpy(), index=rows["code"].astype(str).to_numpy(), name="region")
    out = out.dropna().astype(str).sort_index()
    out.index.name = "code"
    return out


def proposal_from_division(
    schools: pd.DataFrame, division: str, config: Config | None = None
) -> Proposal:
    """An official division (nodal area, RMC region, COROP area) as a proposal.

    Parameters
    ----------
    schools
        The schools table.
    division
        ``"nodal"``, ``"rmc"``, ``"corop"`` or ``"education_area"``.

    Returns
    -------
    Proposal
        The division's areas (named; by code where a name is missing) as
        regions of the vmbo and vso schools; closed schools without the
        division are in no region; no partners.

    Raises
    ------
    InputDataError
        For an unknown division.

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> proposal_from_division(load_schools(), "nodal")
    <Proposal: 80 regions, 1578 schools, 0 partners, from division:nodal>
    """
    assignment = division_assignment(schools, division, kinds=member_kinds(config))
    return Proposal.from_assignment(assignment, source=f"division:{division}")


# --- reading a file -----------------------------------------------------------------------------


def _find_columns(columns: list[str]) -> dict[str, str]:
    """Map our column names to the file's, by the synonyms of :data:`_COLUMNS`."""
    keyed: dict[str, str] = {}
    for c in columns:
        keyed.setdefault(_key(c), c)
    found: dict[str, str] = {}
    for ours, spellings in _COLUMNS.items():
        for spelling in spellings:
            if spelling in keyed and keyed[spelling] not in found.values():
                found[ours] = keyed[spelling]
                break
    return found


def _normalise_code(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value).upper()


def _code_fix(code: str, known: set[str], language: str) -> str:
    """What to do about a malformed code, with a likely correction where there is one."""
    if re.fullmatch(r"\d[A-Z]{2}\d{2}", code):
        guess = "0" + code
        if guess in known:
            guess = text(language, "proposal.code_fix.zero_known", code=guess)
        return text(language, "proposal.code_fix.zero", code=guess)
    if re.fullmatch(r"\d{2}[A-Z]{2}", code):
        branches = sorted(c for c in known if c.startswith(code))
        listed = ", ".join(branches[:6])
        more = text(language, "proposal.code_fix.branches", branches=listed) if branches else ""
        return text(language, "proposal.code_fix.brin", code=code, listed=more)
    if re.fullmatch(r"\d{2}[A-Z]{2}\d", code):
        fixed, branch = f"{code[:4]}0{code[4]}", f"0{code[4]}"
        return text(language, "proposal.code_fix.one_digit", code=fixed, branch=branch)
    return text(language, "proposal.code_fix.generic")


def _normalise(
    df: pd.DataFrame, file: str, *, need_code: bool, problems: ProblemCollector
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The file's table with our column names (``ROW_COLUMNS``) and its other columns.

    None if columns are missing. The other columns (:attr:`Proposal.extra`) are
    indexed by the file row.
    """
    columns = [str(c) for c in df.columns]
    found = _find_columns(columns)
    lang = problems.language
    listed = ", ".join(repr(c) for c in columns) or text(lang, "proposal.columns_none")
    listed += sheet_note(df, lang)
    if "region" not in found:
        problems.add(
            text(lang, "proposal.no_region"),
            fix=text(lang, "proposal.no_region_fix", listed=listed),
        )
    has_code = "code" in found or ("brin" in found and "branch" in found)
    if "code" not in found and "branch" in found and "brin" not in found:
        has_code = True  # a 'vestigingsnummer' column with full 6-character codes
    if need_code and not has_code:
        hint = text(lang, "proposal.no_code_by_name") if "name" in found else ""
        problems.add(
            text(lang, "proposal.no_code"),
            fix=text(lang, "proposal.no_code_fix", hint=hint, listed=listed),
        )
    if problems:
        return None
    n = len(df)
    out = pd.DataFrame({"row": pd.array(range(2, n + 2), dtype="Int64")})
    out["region"] = df[found["region"]].to_numpy()
    out["role"] = df[found["role"]].to_numpy() if "role" in found else pd.NA
    if "code" in found:
        code = df[found["code"]]
    elif "brin" in found and "branch" in found:
        brin = df[found["brin"]].str.upper()
        branch = df[found["branch"]]
        short = branch.str.len() <= 2
        code = branch.where(~short, brin + branch.str.zfill(2))
    elif "branch" in found:
        code = df[found["branch"]]
    else:
        code = pd.Series(pd.NA, index=df.index, dtype="string")
    out["code"] = code.to_numpy()
    out["name"] = df[found["name"]].to_numpy() if "name" in found else pd.NA
    out["place"] = df[found["place"]].to_numpy() if "place" in found else pd.NA
    out = out.astype({c: "string" for c in ROW_COLUMNS if c != "row"})
    extra = _extra_columns(df, columns, found)
    # Blank lines (every cell empty) are not rows of the proposal.
    blank = out[["region", "role", "code", "name", "place"]].isna().all(axis=1)
    out = out[~blank].reset_index(drop=True)
    extra = extra[~blank.to_numpy()]
    extra.index = pd.Index(out["row"].to_numpy(), name="row")
    return out, extra


def _extra_columns(df: pd.DataFrame, columns: list[str], found: dict[str, str]) -> pd.DataFrame:
    """The file's columns the reader does not use, as text (empty cells as "").

    A column that another spelling of one of ours already stands for (a second
    region column, say) is left out: written back, it would compete with ours.
    So is a column without a header and without a cell (a trailing separator).
    """
    used = set(found.values())
    known = {spelling for spellings in _COLUMNS.values() for spelling in spellings}
    extra = pd.DataFrame(index=range(len(df)))
    for c in columns:
        if c in used or _key(c) in known or not c.strip():
            continue
        cells = df[c].astype("string").fillna("").str.strip()
        if c.startswith("Unnamed: ") and not cells.str.len().any():
            continue
        extra[c] = df[c].astype("string").fillna("").to_numpy()
    return extra


def read_proposal(
    path: str | Path,
    schools: pd.DataFrame | None = None,
    *,
    sep: str | None = None,
    sheet: str | int | None = None,
    by_name: bool = False,
    name_threshold: float = 0.85,
    language: str = "nl",
) -> Proposal:
    """Read and validate a proposal file (CSV in any common separator, or Excel).

    Parameters
    ----------
    path
        The file: columns ``region, code`` and optionally ``role``, ``name``,
        ``place`` (Dutch or English names, any case).
    schools
        The schools table; used to suggest corrections for malformed codes and,
        with ``by_name``, to resolve names. Codes that are well formed but not
        in the table are *not* an input error: the ``unknown_school`` rule
        reports them.
    sep
        The CSV separator; ``None`` to detect it.
    sheet
        For Excel: the sheet name or 0-based index.
    by_name
        Resolve school rows that give a name and place but no code with
        :func:`match_names`; a name that cannot be resolved with confidence is
        an input problem that lists the closest candidates.
    name_threshold
        Similarity (0-1) a fuzzy name match needs (see :func:`match_names`).
    language
        The language of the error messages: ``"nl"`` (default) or ``"en"``
        (``Config.language``).

    Returns
    -------
    Proposal
        The schools per region (:attr:`Proposal.memberships`, single-region
        view :attr:`Proposal.assignment`) and the partners.

    Raises
    ------
    InputDataError
        Listing every problem of the file: unreadable or empty file, missing
        columns (with the columns found), empty region names, missing or
        malformed codes, a code listed twice in one region, unknown roles,
        partners without a name, region names that differ only in case.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from regionkit.schools import load_schools
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "regions.csv"
    >>> _ = p.write_text("Regio;Vestigingscode;Rol;Naam\\n"
    ...                  "Twente;00AH17;school;\\nTwente;;mbo;ROC van Twente\\n")
    >>> proposal = read_proposal(p, load_schools(), language="en")
    >>> proposal.assignment.to_dict(), proposal.partners["name"].tolist()
    ({'00AH17': 'Twente'}, ['ROC van Twente'])
    """
    file = str(path)
    df = read_table(path, sep=sep, sheet=sheet, keep_blank_lines=True, language=language)
    problems = ProblemCollector(file=file, language=language)
    normalised = _normalise(df, file, need_code=not by_name, problems=problems)
    if normalised is None:
        n = len(problems)
        problems.raise_if_any(
            text_n(language, "proposal.columns_unusable", n, n=n, file=Path(file).name)
        )
        raise AssertionError("unreachable")  # pragma: no cover
    rows, extra = normalised
    if rows.empty:
        problems.add(text(language, "proposal.no_rows"), fix=text(language, "proposal.no_rows_fix"))
        problems.raise_if_any()
    known: set[str] = set(schools["code"].astype(str).tolist()) if schools is not None else set()
    written_roles = rows["role"].copy()
    rows["role"] = _roles(rows, by_name, problems)
    rows["code"] = _codes(rows, known, by_name, problems)
    matched = None
    if by_name:
        matched = _resolve_names(rows, schools, name_threshold, problems)
    _repeats(rows, problems)
    problems.raise_if_any()
    return _proposal(rows, written_roles, file, matched, extra)


def _roles(
    rows: pd.DataFrame, by_name: bool, problems: ProblemCollector
) -> pd.api.extensions.ExtensionArray:
    """Step 1 of reading: each row's role, and the problems of region names and roles.

    A row without a role is a school when it has a code (or no name, or names
    are resolved); a role regionkit does not know is a partner of role
    ``"other"``, which the composition rule reports naming the row.
    """
    given = rows["role"]
    spelled = {v: _ROLE_OF.get(_key(v), "other") for v in given.dropna().unique().tolist()}
    implied = rows["code"].notna() | rows["name"].isna() | by_name
    role = given.map(spelled).where(given.notna(), implied.map({True: "school", False: pd.NA}))
    no_region = rows["region"].isna().to_numpy()
    unplaced = (given.isna() & ~implied).to_numpy()
    for i in np.flatnonzero(no_region | unplaced).tolist():
        row = int(rows["row"].iloc[i])
        if no_region[i]:
            problems.add(
                text(problems.language, "proposal.region_empty"),
                fix=text(problems.language, "proposal.region_empty_fix"),
                row=row,
                column="region",
            )
        if unplaced[i]:
            problems.add(
                text(problems.language, "proposal.name_only"),
                fix=text(problems.language, "proposal.name_only_fix"),
                row=row,
                column="role",
                value=str(rows["name"].iloc[i]),
            )
    return pd.array(role.to_numpy(dtype=object), dtype="string")


def _codes(
    rows: pd.DataFrame, known: set[str], by_name: bool, problems: ProblemCollector
) -> pd.api.extensions.ExtensionArray:
    """Step 2: each row's code, normalised (NA where missing or malformed), with the problems
    of school codes and of partners without a name."""
    role, code, name = rows["role"], rows["code"], rows["name"]
    if all_codes(code.dropna().tolist()):
        normal = code  # every code written well already (as regionkit writes them)
    else:
        normal = code.str.replace(r"[\s.\-]", "", regex=True).str.upper()
    school = role.eq("school").fillna(False).to_numpy(dtype=bool)
    partner = (role.notna() & ~role.eq("school").fillna(False)).to_numpy(dtype=bool)
    well_formed = normal.str.match(CODE_PATTERN.pattern).fillna(False).to_numpy(dtype=bool)
    out = normal.where(pd.Series(partner | (school & well_formed), index=rows.index), pd.NA)
    named = role.isin(["mbo", "company", "government", "po"]).fillna(False).to_numpy(dtype=bool)
    nameless = partner & named & name.isna().to_numpy()
    empty = school & code.isna().to_numpy() & ~(by_name & name.notna().to_numpy())
    malformed = school & code.notna().to_numpy() & ~well_formed
    lang = problems.language
    by_name_hint = "" if by_name else text(lang, "proposal.code_empty_by_name")
    for i in np.flatnonzero(nameless | empty | malformed).tolist():
        row = int(rows["row"].iloc[i])
        if nameless[i]:
            problems.add(
                text(lang, "proposal.partner_nameless", role=role.iloc[i]),
                fix=text(lang, "proposal.partner_nameless_fix"),
                row=row,
                column="name",
            )
        elif empty[i]:
            problems.add(
                text(lang, "proposal.code_empty"),
                fix=text(lang, "proposal.code_empty_fix", by_name=by_name_hint),
                row=row,
                column="code",
            )
        else:
            problems.add(
                text(lang, "proposal.code_malformed"),
                fix=_code_fix(str(normal.iloc[i]), known, lang),
                row=row,
                column="code",
                value=str(code.iloc[i]),
            )
    return pd.array(out.to_numpy(dtype=object), dtype="string")


def _resolve_names(
    rows: pd.DataFrame,
    schools: pd.DataFrame | None,
    threshold: float,
    problems: ProblemCollector,
) -> pd.DataFrame | None:
    """Step 3 (``by_name``): codes for school rows that give a name and place but no code;
    a name that cannot be resolved with confidence is a problem listing the candidates."""
    is_school = rows["role"].eq("school").fillna(False).astype(bool)
    todo = rows[is_school & rows["code"].isna() & rows["name"].notna()]
    if todo.empty:
        return None
    if schools is None:
        raise ValueError("read_proposal(by_name=True) needs the schools table")
    result = match_names(todo, schools, threshold=threshold)
    for m in result.table.itertuples(index=False):
        if m.status in ("exact", "fuzzy"):
            rows.loc[rows["row"] == m.row, "code"] = m.code
            continue
        cands = result.candidates[result.candidates["row"] == m.row]
        listed = "; ".join(
            f"{c.code} {c.name} ({c.place}, {c.score:.2f})" for c in cands.itertuples()
        )
        lang = problems.language
        what = "ambiguous" if m.status == "ambiguous" else "unmatched"
        closest = text(lang, "proposal.name_closest", listed=listed) if listed else ""
        problems.add(
            text(lang, f"proposal.name.{what}"),
            fix=text(lang, "proposal.name_fix", closest=closest),
            row=int(m.row),
            column="name",
            value=f"{m.name}" + ("" if pd.isna(m.place) else f", {m.place}"),
        )
    return result.table


def _repeats(rows: pd.DataFrame, problems: ProblemCollector) -> None:
    """Step 4: a code twice in one region (a typing error; in two regions it is the overlap
    rule's), and region names that differ only in case or blanks (one region typed two ways)."""
    is_school = rows["role"].eq("school").fillna(False).astype(bool)
    listed = rows[is_school & rows["code"].notna() & rows["region"].notna()]
    first = listed.groupby(["region", "code"], sort=False)["row"].transform("first")
    dup = listed.duplicated(["region", "code"], keep="first")
    for r, f in zip(listed[dup].itertuples(index=False), first[dup].tolist(), strict=True):
        problems.add(
            text(problems.language, "proposal.twice", code=r.code, region=repr(r.region), first=f),
            fix=text(problems.language, "proposal.twice_fix"),
            row=int(r.row),
            column="code",
            value=str(r.code),
        )
    names = rows["region"].dropna().drop_duplicates()
    keyed = names.groupby(names.map(lambda s: " ".join(str(s).casefold().split())))
    for _, group in keyed:
        if len(group) > 1:
            spellings = sorted(group.astype(str))
            problems.add(
                text(problems.language, "proposal.case", names=", ".join(map(repr, spellings))),
                fix=text(problems.language, "proposal.case_fix"),
                column="region",
                value=spellings[1],
            )


def _proposal(
    rows: pd.DataFrame,
    written_roles: pd.Series,
    file: str,
    matched: pd.DataFrame | None,
    extra: pd.DataFrame,
) -> Proposal:
    """Step 5: the checked rows as a :class:`Proposal` (schools, then partners)."""
    is_school = rows["role"].eq("school").fillna(False).astype(bool)
    members = rows[is_school]
    memberships = pd.DataFrame(
        {
            "region": members["region"].astype(str).to_numpy(),
            "code": members["code"].astype(str).to_numpy(),
            "row": members["row"].to_numpy(),
        }
    )
    memberships["row"] = memberships["row"].astype("Int64")
    partner_rows = rows[~is_school]
    partners = pd.DataFrame(
        {
            "region": partner_rows["region"].astype(str).to_numpy(),
            "role": partner_rows["role"].astype(str).to_numpy(),
            "name": partner_rows["name"].astype(str).to_numpy(),
            "row": partner_rows["row"].to_numpy(),
            "role_as_written": written_roles[~is_school].astype(str).to_numpy(),
        }
    )
    partners["row"] = partners["row"].astype("Int64")
    logger.info(
        "read %d school rows and %d partner rows in %d regions from %s",
        len(memberships),
        len(partners),
        rows["region"].nunique(),
        file,
    )
    return Proposal(
        memberships=memberships.reset_index(drop=True),
        partners=partners.reset_index(drop=True),
        rows=rows.reset_index(drop=True),
        source=file,
        name_matches=matched,
        extra=extra,
    )


# --- matching names -----------------------------------------------------------------------------

#: Words that say what kind of school it is rather than which school: dropped before matching.
_STOPWORD_TEXT = """
    scholengemeenschap sg csg rsg osg pcsg rkscholengemeenschap isg ksg
    locatie loc vestiging afdeling
    voor de het een en van te der den op aan in
    vmbo mavo havo vwo vbo lwoo tl bb kb gl pro praktijkonderwijs
    atheneum gymnasium voorbereidend beroepsonderwijs beroeps beroepsgericht onderwijs
    voortgezet middelbaar
    openbare openbaar christelijke christelijk chr protestants protestantse prot pc rk r k
    rooms katholieke katholiek interconfessionele interconfessioneel reformatorische
    algemeen bijzonder school
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def normalise_name(name: str) -> str:
    """A school name reduced for matching: case, accents, punctuation and common words dropped.

    Examples
    --------
    >>> normalise_name("Openbare Scholengemeenschap Het Stedelijk Lyceum Havo Mavo Vbo Lwoo")
    'stedelijk lyceum'
    >>> normalise_name("CSG Liudger, locatie Burgum")
    'liudger burgum'
    """
    text = re.sub(r"[^0-9a-z]+", " ", _strip_accents(str(name)).casefold())
    words = text.split()
    kept = [w for w in words if w not in STOPWORDS]
    return " ".join(kept or words)


def normalise_place(place: str) -> str:
    """A place name reduced for matching ('s-Hertogenbosch, St.-Annaparochie, Damwâld).

    Examples
    --------
    >>> normalise_place("ST.-ANNAPAROCHIE") == normalise_place("Sint Annaparochie")
    True
    >>> normalise_place("Damwâld")
    'damwald'
    """
    text = re.sub(r"[^0-9a-z]+", " ", _strip_accents(str(place)).casefold())
    words = ["st" if w == "sint" else w for w in text.split()]
    return " ".join(words)


#: Score of a name whose words all occur in a school's name ("Meerwegen College" for
#: "Meerwegen College Vestiging Zuid"), or of a school's name of at least two words that all
#: occur in the name: high, but below an exact match.
_SUBSET_SCORE = 0.95


def _similarity(query: str, name: str) -> float:
    """Similarity of a normalised name to a school's normalised name, in [0, 1].

    Exact 1; all words of the query in the school's name 0.95 (a shortened
    name); all words of the school's name in the query 0.95 when the school's
    name has two words or more (one generic word such as "lyceum" or
    "attendiz" in a longer name is no sign of the same school); else the
    :mod:`difflib` ratio, on the names and on their sorted words.

    Examples
    --------
    >>> _similarity("erasmus lyceum", "lyceum") < 0.95 <= _similarity("erasmus", "erasmus lyceum")
    True
    """
    if query == name:
        return 1.0
    tq, tn = set(query.split()), set(name.split())
    if tq and (tq <= tn or (tn <= tq and len(tn) >= 2)):
        return _SUBSET_SCORE
    sorted_q = " ".join(sorted(tq))
    sorted_n = " ".join(sorted(tn))
    return max(
        SequenceMatcher(None, query, name, autojunk=False).ratio(),
        SequenceMatcher(None, sorted_q, sorted_n, autojunk=False).ratio(),
    )


#: Columns of :attr:`MatchResult.table`, in order.
MATCH_COLUMNS = (
    "row",
    "region",
    "name",
    "place",
    "status",
    "code",
    "school_name",
    "school_place",
    "score",
)
#: Columns of :attr:`MatchResult.candidates`, in order.
CANDIDATE_COLUMNS = ("row", "rank", "code", "name", "place", "score")


@dataclass(frozen=True, eq=False)
class MatchResult:
    """Names resolved to school codes.

    Attributes
    ----------
    table
        One row per input row: ``row``, ``region``, ``name``, ``place``,
        ``status`` (``"exact"``, ``"fuzzy"``, ``"ambiguous"`` or
        ``"unmatched"``), ``code``, ``school_name``, ``school_place`` and
        ``score`` of the match (NA unless matched).
    candidates
        The closest schools of every row that was not matched with confidence:
        ``row``, ``rank`` (1 = closest), ``code``, ``name``, ``place``, ``score``.
    """

    table: pd.DataFrame
    candidates: pd.DataFrame

    @property
    def matched(self) -> pd.DataFrame:
        """The rows resolved to one code (exactly or fuzzily)."""
        return self.table[self.table["status"].isin(["exact", "fuzzy"])]

    @property
    def ambiguous(self) -> pd.DataFrame:
        """The rows whose name fits several schools equally well."""
        return self.table[self.table["status"] == "ambiguous"]

    @property
    def unmatched(self) -> pd.DataFrame:
        """The rows whose name fits no school well enough."""
        return self.table[self.table["status"] == "unmatched"]

    @property
    def assignment(self) -> pd.Series:
        """Region per matched code (first listed region), Series named ``"region"``."""
        return _region_per_code(self.matched.dropna(subset=["region"]).drop_duplicates("code"))

    def to_proposal_table(self) -> pd.DataFrame:
        """The matched rows as a proposal table (``region, code, name, place``)."""
        m = self.matched
        return pd.DataFrame(
            {
                "region": m["region"].to_numpy(),
                "code": m["code"].to_numpy(),
                "name": m["school_name"].to_numpy(),
                "place": m["school_place"].to_numpy(),
            }
        )

    def summary(self) -> dict[str, int]:
        """Counts per status."""
        counts = self.table["status"].value_counts()
        return {s: int(counts.get(s, 0)) for s in ("exact", "fuzzy", "ambiguous", "unmatched")}


def _catalogue(
    schools: pd.DataFrame,
) -> tuple[pd.DataFrame, list[str], list[str], dict[str, list[int]], list[str]]:
    """The schools by code: codes, normalised names, the schools of each place or gemeente,
    and normalised places."""
    sch = schools[["code", "name", "place"]].copy()
    sch["gemeente"] = schools["gemeente"] if "gemeente" in schools.columns else pd.NA
    sch = sch.sort_values("code", kind="stable").reset_index(drop=True)
    sch_codes = sch["code"].astype(str).tolist()
    sch_names = [normalise_name(n) for n in sch["name"].fillna("").astype(str)]
    sch_place = [normalise_place(p) for p in sch["place"].fillna("").astype(str)]
    sch_gem = [normalise_place(g) for g in sch["gemeente"].fillna("").astype(str)]
    by_place: dict[str, list[int]] = {}
    for i, (p, g) in enumerate(zip(sch_place, sch_gem, strict=True)):
        by_place.setdefault(p, []).append(i)
        if g and g != p:
            by_place.setdefault(g, []).append(i)
    return sch, sch_codes, sch_names, by_place, sch_place


def _decide(
    scored: list[tuple[float, int]],
    here: set[int],
    local: bool,
    has_place: bool,
    threshold: float,
    margin: float,
) -> tuple[int | None, str, float]:
    """Which school a name is (or None), its status (exact, fuzzy, ambiguous, unmatched), score.

    ``here`` are the candidates in the row's own place (not only its
    gemeente): among schools that fit equally well, the only one in the
    place is the one meant.
    """
    best_score = scored[0][0] if scored else 0.0
    if best_score == 1.0 and (local or not has_place):
        exact = [i for s, i in scored if s == 1.0]
        if len(exact) > 1:
            exact = [i for i in exact if i in here] or exact
        if len(exact) == 1:  # a name equal to one school's wins over longer names
            return exact[0], "exact", 1.0
        return None, "ambiguous", best_score  # branches of one school often share a name
    if best_score >= threshold and local:
        near = [(s, i) for s, i in scored if best_score - s < margin]  # near-equal best
        if len(near) > 1:
            near = [(s, i) for s, i in near if i in here] or near
        if len(near) == 1:
            return near[0][1], "fuzzy", near[0][0]
        return None, "ambiguous", best_score
    return None, "unmatched", best_score


def match_names(
    table: pd.DataFrame,
    schools: pd.DataFrame,
    *,
    threshold: float = 0.85,
    margin: float = 0.05,
    n_candidates: int = 3,
) -> MatchResult:
    """Resolve school names (with their place) to vestiging codes, without guessing.

    For each row the candidates are the schools in the same place (the
    school's place or gemeente; the whole country when the row gives no
    place or an unknown one). A name equal to exactly one candidate's after
    :func:`normalise_name` is an *exact* match, also when other candidates'
    names contain it or are contained in it ("Meerwegen College" next to
    "Meerwegen College Vestiging Zuid"); equal to several, it is *ambiguous*
    (branches of one school often share a name) unless only one of them is
    in the row's own place. Otherwise the best candidate is a *fuzzy* match
    when its similarity is at least ``threshold`` and in the same place; when
    others score within ``margin`` of it (near-equal best scores), the only
    one of them in the row's own place is the match, and without one the
    row is *ambiguous*. A best score below the threshold leaves it
    *unmatched*. Rows not matched get their ``n_candidates`` closest schools.

    Parameters
    ----------
    table
        Rows with a ``name`` column and optionally ``place``, ``region`` and
        ``row`` (as :attr:`Proposal.rows` or :func:`read_names` give them).
    schools
        The schools table (``code``, ``name``, ``place``, ``gemeente``).
    threshold
        Lowest similarity (0-1, :mod:`difflib` ratio on normalised names, or
        0.95 when all words of one name occur in the other) of a fuzzy match.
    margin
        How far the best candidate must lead the runner-up.
    n_candidates
        Candidates listed per unresolved row.

    Returns
    -------
    MatchResult
        Per row the status, the code (when matched) and the candidates.

    Examples
    --------
    >>> import pandas as pd
    >>> from regionkit.schools import load_schools
    >>> names = pd.DataFrame({"name": ["Stedelijk Lyceum", "Zwin College", "Coenekoop Colege"],
    ...                       "place": ["Enschede", "Oostburg", "Waddinxveen"]})
    >>> result = match_names(names, load_schools())
    >>> result.table[["status", "code"]].values.tolist()
    [['ambiguous', <NA>], ['exact', '00AQ00'], ['fuzzy', '00BD00']]
    >>> result.candidates["code"].tolist()
    ['00AH08', '00AH09', '00AH17']
    """
    sch, sch_codes, sch_names, by_place, sch_place = _catalogue(schools)
    everyone = list(range(len(sch)))

    n = len(table)
    rows_col = table["row"] if "row" in table.columns else pd.Series(range(1, n + 1))
    region_col = table["region"] if "region" in table.columns else pd.Series([pd.NA] * n)
    place_col = table["place"] if "place" in table.columns else pd.Series([pd.NA] * n)
    records: list[dict[str, Any]] = []
    cand_records: list[dict[str, Any]] = []
    for row, region, name, place in zip(
        rows_col.tolist(),
        region_col.tolist(),
        table["name"].tolist(),
        place_col.tolist(),
        strict=True,
    ):
        rec: dict[str, Any] = dict(zip(MATCH_COLUMNS, (row, region, name, place), strict=False))
        rec.update(status="unmatched", code=pd.NA, school_name=pd.NA, school_place=pd.NA)
        rec["score"] = float("nan")
        records.append(rec)
        if pd.isna(name) or not str(name).strip():
            continue
        query = normalise_name(str(name))
        has_place = not pd.isna(place) and bool(str(place).strip())
        pool = by_place.get(normalise_place(str(place)), []) if has_place else everyone
        local = bool(pool) and has_place
        if not pool:
            pool = everyone  # unknown place: show candidates from the whole country
        scored = sorted(
            ((_similarity(query, sch_names[i]), i) for i in pool),
            key=lambda t: (-t[0], sch_codes[t[1]]),
        )
        exact = [i for s, i in scored if s == 1.0]
        here = {i for i in pool if has_place and sch_place[i] == normalise_place(str(place))}
        chosen, rec["status"], score = _decide(scored, here, local, has_place, threshold, margin)
        if chosen is not None:
            rec.update(
                code=sch_codes[chosen],
                school_name=sch.at[chosen, "name"],
                school_place=sch.at[chosen, "place"],
                score=round(float(score), 4),
            )
            continue
        listed = scored[: max(n_candidates, len(exact))]
        cand_records += [
            {
                "row": row,
                "rank": rank,
                "code": sch_codes[i],
                "name": sch.at[i, "name"],
                "place": sch.at[i, "place"],
                "score": round(float(sc), 4),
            }
            for rank, (sc, i) in enumerate(listed, start=1)
        ]
    out = pd.DataFrame(records, columns=list(MATCH_COLUMNS))
    out = out.astype({"code": "string", "school_name": "string", "school_place": "string"})
    candidates = pd.DataFrame(cand_records, columns=list(CANDIDATE_COLUMNS))
    return MatchResult(table=out, candidates=candidates)


def read_names(
    path: str | Path,
    *,
    sep: str | None = None,
    sheet: str | int | None = None,
    language: str = "nl",
) -> pd.DataFrame:
    """Read a list of schools by name (and place) per region, for :func:`match_names`.

    Parameters
    ----------
    path
        CSV or Excel with a name column (``naam``/``name``/``vestigingsnaam``)
        and optionally ``plaats``/``place`` and ``regio``/``region``.
    sep, sheet
        As for :func:`regionkit._io.read_table`.
    language
        The language of the error messages: ``"nl"`` (default) or ``"en"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``row, region, role, code, name, place``.

    Raises
    ------
    InputDataError
        When there is no name column or no rows.
    """
    file = str(path)
    df = read_table(path, sep=sep, sheet=sheet, language=language)
    problems = ProblemCollector(file=file, language=language)
    found = _find_columns([str(c) for c in df.columns])
    if "name" not in found:
        listed = ", ".join(repr(str(c)) for c in df.columns) + sheet_note(df, language)
        problems.add(
            text(language, "proposal.no_name"),
            fix=text(language, "proposal.no_name_fix", listed=listed),
        )
        problems.raise_if_any()
    n = len(df)
    out = pd.DataFrame({"row": pd.array(range(2, n + 2), dtype="Int64")})
    for ours in ("region", "role", "code", "name", "place"):
        out[ours] = df[found[ours]].to_numpy() if ours in found else pd.NA
    out = out.astype({c: "string" for c in ROW_COLUMNS if c != "row"})
    out = out[out["name"].notna()].reset_index(drop=True)
    if out.empty:
        raise InputDataError(
            Problem(
                text(language, "proposal.no_names"),
                fix=text(language, "proposal.no_names_fix"),
                file=file,
                language=language,
            )
        )
    return out
