"""Rechecking after an edit gives what checking everything gives; it recomputes what changed."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
from _edit_fixtures import east_proposal

import regionkit.funding as funding
from regionkit._edit_check import Checker, Evaluation
from regionkit.boundaries import land_mask
from regionkit.config import load_config
from regionkit.edit import EditError, EditSession, open_session
from regionkit.graph import ProximityGraph
from regionkit.regions import Regions

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
        "(a figure kept for an untouched region depends on more than its own schools)"
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
    """Random changes, each rechecked and compared with a fresh check; the regions recomputed."""
    rng = random.Random(seed)
    recomputed = 0
    for step in range(steps):
        try:
            what = _random_change(session, rng, step)
        except EditError:
            continue
        recomputed += len(session.evaluation.recomputed)
        _same(session.evaluation, session.checker.evaluate(session.proposal), what)
    return recomputed


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_recheck_equals_full_check_on_the_national_proposal(
    tmp_path: Path, schools, graph, seed: int
) -> None:
    out = tmp_path / "voorstel.csv"
    session = open_session(propose=True, out=out, schools=schools, graph=graph, config=CONFIG)
    recomputed = _walk(session, seed, 30)
    # a change recomputes a few regions, not the country
    assert recomputed / 30 < 4


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
    """Figures and money of the two regions a school moves between, and nothing else."""
    from regionkit.proposal import proposal_from_division

    checker = Checker(schools, graph, CONFIG)
    nodal = proposal_from_division(schools, "nodal")
    before = checker.evaluate(nodal)
    computed: dict[str, list[str]] = {"figures": [], "money": []}
    real_figures = Regions._figures
    real_money = funding._region_rows

    def figures(self: Regions, regions: list[str]):  # type: ignore[no-untyped-def]
        computed["figures"].extend(regions)
        return real_figures(self, regions)

    def money(regions, base, m, todo):  # type: ignore[no-untyped-def]
        computed["money"].extend(todo)
        return real_money(regions, base, m, todo)

    monkeypatch.setattr(Regions, "_figures", figures)
    monkeypatch.setattr(funding, "_region_rows", money)
    moved = nodal.assignment.copy()
    moved["00AH17"] = "Almelo"
    after = checker.update(before, type(nodal).from_assignment(moved, source=nodal.source))

    assert after.recomputed == {"Enschede", "Almelo"}
    assert sorted(computed["figures"]) == ["Almelo", "Enschede"]
    assert sorted(computed["money"]) == ["Almelo", "Enschede"]
    monkeypatch.undo()
    _same(after, checker.evaluate(after.proposal), "moving 00AH17 to Almelo")
    untouched = before.regions.drop(index=["Enschede", "Almelo"])
    pd.testing.assert_frame_equal(
        after.regions.drop(index=["Enschede", "Almelo"]).drop(
            columns=["n_errors", "n_warnings", "n_info"]
        ),
        untouched.drop(columns=["n_errors", "n_warnings", "n_info"]),
    )
