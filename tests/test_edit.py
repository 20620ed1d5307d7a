"""The editing session: changes, undo/redo, the change log, saving, resuming after a kill."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from _edit_fixtures import EAST, east_proposal, small_pair_proposal

from regionkit._edit_log import read_log
from regionkit._errors import InputDataError
from regionkit.boundaries import land_mask
from regionkit.config import load_config
from regionkit.edit import EditError, EditSession, layout_csv, open_session
from regionkit.graph import ProximityGraph
from regionkit.proposal import read_proposal
from regionkit.rules import check_proposal

CONFIG = load_config()


@pytest.fixture(scope="module")
def graph(schools) -> ProximityGraph:
    return ProximityGraph.from_config(schools, CONFIG.graph, land=land_mask())


@pytest.fixture
def east(tmp_path: Path, schools) -> Path:
    return east_proposal(schools, tmp_path / "oost.csv")


def _open(path: Path, schools, graph, **options) -> EditSession:
    return open_session(path, schools=schools, graph=graph, config=CONFIG, **options)


def _records(findings) -> list[dict]:
    return [f.to_dict() for f in findings]


def _border_school(session: EditSession, region: str) -> tuple[str, str]:
    """A school of ``region`` next to another region (in the graph), and that region."""
    a = session.proposal.assignment
    counted = session.schools.set_index("code")["has_technical_profile"].astype(bool)
    for code in sorted(a.index[a == region]):
        if not counted.get(code, False):
            continue  # a school whose pupils count, so that its money moves with it
        i = session.checker.index[code]
        names = {a.get(session.checker.codes[j]) for j in session.checker.neighbours[i]}
        names -= {region, None}
        if names:
            return code, sorted(names)[0]
    raise AssertionError(f"{region} borders no region")


def test_move_undo_redo_and_the_log(east: Path, schools, graph) -> None:
    session = _open(east, schools, graph)
    start = session.proposal.memberships.copy()
    code, target = _border_school(session, "Almelo")

    outcome = session.move([code], target)
    assert session.proposal.assignment[code] == target
    assert outcome.codes == (code,)
    assert outcome.after.recomputed == {"Almelo", target}
    assert outcome.summary["money"], "moving a school moves its money"
    session.undo()
    pd.testing.assert_frame_equal(session.proposal.memberships, start)
    session.redo()
    assert session.proposal.assignment[code] == target

    events = read_log(session.log.path)  # type: ignore[union-attr]
    assert [e.action for e in events] == ["start", "move", "undo", "redo"]
    school_rows = [r for r in events[1].rows if r.code]
    assert [(r.code, r.before, r.after) for r in school_rows] == [(code, "Almelo", target)]
    assert events[0].layout_hash is not None


def test_a_school_also_in_a_second_region_is_an_overlap_error_until_undone(
    east: Path, schools, graph
) -> None:
    session = _open(east, schools, graph)
    code = session.proposal.memberships.query("region == 'Deventer'")["code"].iloc[0]

    def overlap_of(code: str) -> list:
        return [f for f in session.evaluation.findings if f.rule == "overlap" and code in f.schools]

    assert overlap_of(code) == []
    outcome = session.move([code], "Zwolle", also=True)
    (found,) = overlap_of(code)
    assert found.severity == "error" and set(found.regions) == {"Deventer", "Zwolle"}
    assert outcome.summary["new"] == {"error": 1}
    session.undo()
    assert overlap_of(code) == []
    with pytest.raises(EditError, match="zit al in regio Deventer"):
        session.move([code], "Deventer", also=True)


def test_merging_two_small_regions_fixes_too_small_and_adds_up_the_money(
    tmp_path: Path, schools, graph
) -> None:
    path, a, b = small_pair_proposal(schools, tmp_path / "pair.csv")
    session = _open(path, schools, graph)
    small = {f.regions[0] for f in session.evaluation.findings if f.rule == "too_small"}
    assert {a, b} <= small
    money = session.evaluation.regions["max_subsidy_4y_eur"]
    total = money[a] + money[b]

    outcome = session.merge(a, b, name="Samen")
    assert "Samen" in session.regions and a not in session.regions and b not in session.regions
    small = {f.regions[0] for f in session.evaluation.findings if f.rule == "too_small"}
    assert not small & {a, b, "Samen"}
    assert session.evaluation.regions.loc["Samen", "max_subsidy_4y_eur"] == pytest.approx(total)
    assert outcome.summary["fixed"].get("warning", 0) >= 2
    session.undo()
    assert {a, b} <= set(session.regions)


def test_rename_and_merge_keep_the_partners(east: Path, schools, graph) -> None:
    session = _open(east, schools, graph)
    session.rename("Steenwijk", "Kop van Overijssel")
    session.merge("Meppel", "Kop van Overijssel")
    partners = session.proposal.partners
    assert sorted(partners.loc[partners["region"] == "Meppel", "name"]) == sorted(
        ["ROC Meppel", "Metaalunie Meppel", "ROC Steenwijk", "Metaalunie Steenwijk"]
    )
    assert "Kop van Overijssel" not in session.regions


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Geef de regio een naam"),
        ("   ", "Geef de regio een naam"),
        ("Regio\tNoord", "stuurtekens"),
        ("=HYPERLINK(1)", "formule"),
        ("x" * 81, "ten hoogste 80"),
        ("zwolle", "Er is al een regio 'Zwolle'"),
    ],
)
def test_bad_names_are_refused_and_change_nothing(
    east: Path, schools, graph, name: str, message: str
) -> None:
    session = _open(east, schools, graph)
    before = session.layout
    code = session.proposal.memberships["code"].iloc[0]
    with pytest.raises(EditError, match=message):
        session.move([code], name, new=True)
    with pytest.raises(EditError, match=message):
        session.rename("Almelo", name)
    assert session.layout == before
    assert [e.action for e in read_log(session.log.path)] == ["start"]  # type: ignore[union-attr]


def test_unknown_schools_and_regions_are_refused(east: Path, schools, graph) -> None:
    session = _open(east, schools, graph)
    before = session.layout
    with pytest.raises(EditError, match="Onbekende school: '99XX99'"):
        session.move(["99XX99"], "Zwolle")
    with pytest.raises(EditError, match="Onbekende regio: 'Atlantis'"):
        session.move([session.proposal.memberships["code"].iloc[0]], "Atlantis")
    with pytest.raises(EditError, match="Onbekende regio"):
        session.merge("Zwolle", "Atlantis")
    with pytest.raises(EditError, match="twee verschillende"):
        session.merge("Zwolle", "Zwolle")
    with pytest.raises(EditError, match="Kies eerst"):
        session.move([], "Zwolle")
    with pytest.raises(EditError, match="niets om ongedaan"):
        session.undo()
    with pytest.raises(EditError, match="niets om opnieuw"):
        session.redo()
    assert session.layout == before


def test_a_school_in_no_region_can_be_added(east: Path, schools, graph) -> None:
    session = _open(east, schools, graph)
    listed = set(session.proposal.memberships["code"])
    east_schools = schools[schools["nodal_name"].isin(EAST) & ~schools["code"].isin(listed)]
    eligible = east_schools[east_schools["has_technical_profile"].astype(bool)]
    free, home = eligible[["code", "nodal_name"]].iloc[0]

    def left_out() -> bool:
        return any(f.rule == "left_out" and free in f.schools for f in session.evaluation.findings)

    assert left_out()
    session.move([free], home)
    assert session.proposal.assignment[free] == home
    assert not left_out()
    session.undo()
    assert left_out()


def test_save_writes_what_check_reads_and_never_the_original(east: Path, schools, graph) -> None:
    original = east.read_bytes()
    session = _open(east, schools, graph)
    code, target = _border_school(session, "Enschede")
    session.move([code], target)
    session.move([code], "Deventer", also=True)
    session.merge("Hoogeveen", "Meppel", name="Zuidwest-Drenthe")
    session.rename("Steenwijk", "Kop van Overijssel")
    assert not session.saved

    path = session.save()
    assert path == east.with_name("oost_bewerkt.csv")
    assert east.read_bytes() == original
    assert session.saved
    assert path.read_text(encoding="utf-8") == layout_csv(session.layout, "nl")

    reread = read_proposal(path, schools)
    mine = session.proposal
    pd.testing.assert_frame_equal(reread.memberships, mine.memberships)
    pd.testing.assert_frame_equal(reread.partners, mine.partners)
    checked = check_proposal(schools, reread, graph, config=CONFIG)
    page = session.checker.evaluate(mine)
    assert _records(page.findings) == _records(session.evaluation.findings)
    assert [f["message"] for f in _records(page.findings)] == checked.findings["message"].tolist()
    assert [e.action for e in read_log(session.log.path)][-1] == "save"  # type: ignore[union-attr]


def test_out_and_in_place(east: Path, schools, graph, tmp_path: Path) -> None:
    with pytest.raises(InputDataError, match="--in-place"):
        _open(east, schools, graph, out=east)
    original = east.read_text(encoding="utf-8")
    session = _open(east, schools, graph, in_place=True)
    backup = east.with_name("oost.origineel.csv")
    assert backup.read_text(encoding="utf-8") == original
    assert session.saved
    session.rename("Zwolle", "IJsseldelta")
    session.save()
    assert "IJsseldelta" in east.read_text(encoding="utf-8")
    assert backup.read_text(encoding="utf-8") == original
    with pytest.raises(InputDataError, match="geen CSV-bestand"):
        xlsx = tmp_path / "oost.xlsx"
        read_proposal(east, schools).rows.to_excel(xlsx)
        _open(xlsx, schools, graph, in_place=True)


def test_a_killed_session_resumes_from_its_log(east: Path, schools, graph) -> None:
    first = _open(east, schools, graph)
    code = first.proposal.memberships.query("region == 'Zwolle'")["code"].iloc[0]
    first.move([code], "Deventer")
    first.save()
    first.merge("Hoogeveen", "Meppel")
    first.rename("Steenwijk", "Kop van Overijssel")
    first.undo()  # the rename
    layout, position = first.layout, first.position
    del first  # the server was killed: nothing else was written

    second = _open(east, schools, graph)
    assert second.resumed == 4
    assert second.layout == layout and second.position == position
    assert not second.saved and second.changed
    assert _records(second.evaluation.findings) == _records(
        second.checker.evaluate(second.proposal).findings
    )
    second.redo()
    assert "Kop van Overijssel" in second.regions
    while second.can_undo:
        second.undo()
    assert set(second.regions) == set(EAST)

    third = _open(east, schools, graph, restart=True)
    assert third.resumed == 0 and third.position == 0
    assert east.with_name("oost_bewerkt.wijzigingen.1.csv").exists()


def test_in_place_sessions_resume_from_the_kept_original(east: Path, schools, graph) -> None:
    first = _open(east, schools, graph, in_place=True)
    first.rename("Zwolle", "IJsseldelta")
    first.save()
    first.rename("Almelo", "Twente-West")
    layout = first.layout
    second = _open(east, schools, graph, in_place=True)
    assert second.layout == layout and second.resumed == 2
    while second.can_undo:
        second.undo()
    assert set(second.regions) == set(EAST)


def test_a_log_that_does_not_fit_is_a_clear_error(east: Path, schools, graph) -> None:
    first = _open(east, schools, graph)
    first.rename("Zwolle", "IJsseldelta")
    east.write_text(east.read_text(encoding="utf-8").replace("Almelo;", "Twente;"), "utf-8")
    with pytest.raises(InputDataError, match=r"hoort bij een ander voorstel.*--restart"):
        _open(east, schools, graph)


def test_a_cut_last_line_is_ignored_and_a_bad_row_is_named(east: Path, schools, graph) -> None:
    first = _open(east, schools, graph)
    first.rename("Zwolle", "IJsseldelta")
    log = first.log.path  # type: ignore[union-attr]
    with open(log, "a", encoding="utf-8") as f:
        f.write("3,2024-01-01T00:00:00,hernoemen,,,Almelo,Twe")  # a write cut short by a kill
    assert _open(east, schools, graph).resumed == 1
    text = log.read_text(encoding="utf-8")
    log.write_text(text.replace("hernoemen", "toveren", 1), encoding="utf-8")
    with pytest.raises(InputDataError, match=r"rij 3: unknown action 'toveren'"):
        _open(east, schools, graph)


def test_the_log_reaches_the_disk_before_the_change_returns(
    east: Path, schools, graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    session = _open(east, schools, graph)
    n = len(synced)
    session.rename("Zwolle", "IJsseldelta")
    assert len(synced) == n + 1


def test_a_school_listed_from_the_table_has_its_place_as_people_write_it(schools) -> None:
    """A school whose row the proposal does not give takes name and place from the schools
    table: "EDE GLD" is written "Ede", as in region names and the map."""
    from regionkit.edit import layout_from_proposal
    from regionkit.proposal import Proposal

    codes = schools.loc[schools["place"].isin(["EDE GLD", "BERGEN NH"]), "code"].tolist()
    layout = layout_from_proposal(Proposal.from_assignment(pd.Series("R", index=codes)), schools)
    assert {row.place for row in layout} == {"Ede", "Bergen (NH)"}


def test_the_files_other_columns_are_saved_with_their_rows(
    east: Path, schools, graph, tmp_path: Path
) -> None:
    """A remark or contact column of the analyst's file survives moves, merges and a save."""
    table = pd.read_csv(east, sep=";", dtype=str, keep_default_na=False)
    table["Opmerking"] = [f"regel {i}" for i in range(len(table))]
    table["Contact"] = ["=1+1" if i == 0 else "" for i in range(len(table))]  # a formula-like cell
    table["regio_oud"] = table["regio"]  # not one of our spellings: data, kept
    annotated = tmp_path / "met_opmerkingen.csv"
    table.to_csv(annotated, index=False)
    read = read_proposal(annotated, schools)
    assert list(read.extra.columns) == ["Opmerking", "Contact", "regio_oud"]
    assert read.extra.index.tolist() == read.rows["row"].tolist()

    session = _open(annotated, schools, graph)
    code, target = _border_school(session, "Enschede")
    remark = next(dict(r.extra)["Opmerking"] for r in session.layout if r.code == code)
    session.move([code], target)
    session.merge("Hoogeveen", "Meppel", name="Zuidwest-Drenthe")
    session.move([code], "Deventer", also=True)  # a row the session adds: its other cells empty
    saved = pd.read_csv(session.save(), dtype=str, keep_default_na=False)

    assert list(saved.columns) == [
        "regio", "code", "rol", "naam", "plaats", "Opmerking", "Contact", "regio_oud",
    ]  # fmt: skip
    moved = saved[saved["code"] == code]
    assert moved["regio"].tolist() == [target, "Deventer"]
    assert moved["Opmerking"].tolist() == [remark, ""]
    assert sorted(saved["Opmerking"])[1:] == sorted(table["Opmerking"])  # every remark, once
    assert saved.loc[saved["Opmerking"] == "regel 0", "Contact"].tolist() == ["'=1+1"]  # no formula
    again = read_proposal(session.out, schools)  # type: ignore[arg-type]
    assert again.extra.loc[again.extra["Opmerking"] == "regel 0", "Contact"].tolist() == ["=1+1"]
    pd.testing.assert_frame_equal(again.memberships, session.proposal.memberships)
