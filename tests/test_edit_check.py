"""Rechecking after an edit gives what checking everything gives, and touches only what changed."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
from _edit_fixtures import east_proposal

import regionkit._edit_check as edit_check
from regionkit._edit_check import Checker, Evaluation
from regionkit.boundaries import land_mask
from regionkit.config import load_config
from regionkit.edit import EditError, EditSession, open_session
from regionkit.graph import ProximityGraph

CONFIG = load_config()


@pytest.fixture(scope="module")
def graph(schools) -> ProximityGraph:
    return ProximityGraph.from_config(schools, CONFIG.graph, land=land_mask())


def _same(incremental: Evaluation, full: Evaluation, step: str) -> None:
    a = [f.to_dict() for f in incremental.findings]
    b = [f.to_dict() for f in full.findings]
    only_a = [x for x in a if x not in b]
    only_b = [x for x in b if x not in a]
    assert a == b, (
        f"after {step}: the recheck of the window differs from checking everything\n"
        f"  only in the recheck: {only_a[:2]}\n  only in the full check: {only_b[:2]}\n"
        "(a rule depends on something outside regionkit._edit_check's window: widen it there)"
    )
    pd.testing.assert_frame_equal(incremental.regions, full.regions, obj=f"regions after {step}")


def _random_change(session: EditSession, rng: random.Random, step: int) -> str:
    """One change an analyst might make: mostly moves to a neighbouring region."""
    a = session.proposal.assignment
    checker = session.checker
    kind = rng.random()
    codes = sorted(a.index[a.index.isin(checker.index)])
    if kind < 0.5:
        code = rng.choice(codes)
        near = {a.get(checker.codes[j]) for j in checker.neighbours[checker.index[code]]}
        near -= {a[code], None}
        target = rng.choice(sorted(near)) if near else rng.choice(session.regions)
        return session.move([code], target).description
    if kind < 0.58:
        return session.move([rng.choice(codes)], rng.choice(session.regions)).description
    if kind < 0.64:
        code = rng.choice(codes)
        others = [r for r in session.regions if r != a[code]]
        return session.move([code], rng.choice(others), also=True).description
    if kind < 0.70:
        region = rng.choice(session.regions)
        group = sorted(a.index[a == region])[:3]
        return session.move(group, f"Nieuw {step}", new=True).description
    if kind < 0.76 and len(session.regions) > 2:
        first, second = rng.sample(session.regions, 2)
        return session.merge(first, second).description
    if kind < 0.82:
        return session.rename(rng.choice(session.regions), f"Hernoemd {step}").description
    if kind < 0.92 and session.can_undo:
        return session.undo().description
    if session.can_redo:
        return session.redo().description
    free = [c for c in checker.codes.tolist() if c not in a.index]
    if free:
        return session.move([rng.choice(free)], rng.choice(session.regions)).description
    return session.move([rng.choice(codes)], rng.choice(session.regions)).description


def _walk(session: EditSession, seed: int, steps: int) -> int:
    rng = random.Random(seed)
    windows = 0
    for step in range(steps):
        try:
            what = _random_change(session, rng, step)
        except EditError:
            continue
        assert not session.evaluation.complete, "the recheck fell back to checking everything"
        windows += len(session.evaluation.window)
        _same(session.evaluation, session.checker.evaluate(session.proposal), what)
    return windows


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_recheck_equals_full_check_on_the_national_proposal(
    tmp_path: Path, schools, graph, seed: int
) -> None:
    out = tmp_path / "voorstel.csv"
    session = open_session(propose=True, out=out, schools=schools, graph=graph, config=CONFIG)
    windows = _walk(session, seed, 30)
    # a recheck looks at a part of the country, not at all of it
    assert windows / 30 < len(session.regions) / 2


@pytest.mark.slow
@pytest.mark.parametrize("seed", [3, 4])
def test_recheck_equals_full_check_on_a_proposal_file(
    tmp_path: Path, schools, graph, seed: int
) -> None:
    """Partners, a school in two regions, an unknown code and schools in no region."""
    path = east_proposal(schools, tmp_path / "oost.csv")
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    _walk(session, seed, 40)


def test_a_move_recomputes_only_the_regions_it_touches(
    schools, graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Money and figures of the two regions; the rules on their neighbourhood, not the country."""
    from regionkit.proposal import proposal_from_division

    checker = Checker(schools, graph, CONFIG)
    nodal = proposal_from_division(schools, "nodal")
    before = checker.evaluate(nodal)
    funded: list[set[str]] = []
    checked: dict[str, set[str]] = {}
    real_check = edit_check.check_proposal
    real_rules = dict(edit_check.RULES)

    def spy_check(table, proposal, graph, **kw):  # type: ignore[no-untyped-def]
        funded.append(set(proposal.regions))
        return real_check(table, proposal, graph, **kw)

    def spy(rule_id, rule):  # type: ignore[no-untyped-def]
        def run(table, proposal, graph, **kw):  # type: ignore[no-untyped-def]
            checked[rule_id] = set(proposal.regions) - {edit_check._REST}
            return rule(table, proposal, graph, **kw)

        return run

    monkeypatch.setattr(edit_check, "check_proposal", spy_check)
    monkeypatch.setattr(edit_check, "RULES", {k: spy(k, v) for k, v in real_rules.items()})
    moved = nodal.assignment.copy()
    moved["00AH17"] = "Almelo"
    after = checker.update(before, type(nodal).from_assignment(moved, source=nodal.source))

    assert after.recomputed == {"Enschede", "Almelo"}
    assert funded == [{"Enschede", "Almelo"}]
    # the rules about regions ran on the neighbourhood of Enschede and Almelo (10 of 80 regions);
    # "left out" looks at the schools in no region, some of which are next to the moved school
    window_rules = set(real_rules) - set(edit_check._WHOLE_TABLE_RULES)
    assert set(checked) - {"left_out"} == window_rules
    assert all(len(checked[r]) <= 12 for r in window_rules), checked
    assert after.window <= checked["too_small"]
    untouched = before.regions.drop(index=["Enschede", "Almelo"]).drop(
        columns=["n_errors", "n_warnings", "n_info"]
    )
    pd.testing.assert_frame_equal(
        after.regions.drop(index=["Enschede", "Almelo"]).drop(
            columns=["n_errors", "n_warnings", "n_info"]
        ),
        untouched,
    )
    monkeypatch.undo()
    _same(after, checker.evaluate(after.proposal), "moving 00AH17 to Almelo")
