"""Tests of regionkit.compare: scores, one-to-one matching, moved, split and merged regions."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regionkit._errors import InputDataError
from regionkit.compare import Comparison, compare, division_assignment


def _assign(mapping: dict[str, str]) -> pd.Series:
    return pd.Series(mapping, name="region", dtype=object)


# Assignments over up to 30 schools with up to 6 regions; NA marks an unassigned school.
_codes = [f"{i:02d}AA00" for i in range(30)]
assignments = st.lists(
    st.one_of(st.none(), st.sampled_from(["N", "O", "P", "Q", "R", "S"])),
    min_size=len(_codes),
    max_size=len(_codes),
).map(lambda labels: pd.Series(labels, index=_codes, name="region", dtype=object))


def _nonempty(s: pd.Series) -> bool:
    return bool(s.notna().any())


class TestTinyCase:
    """Six schools in a row, two regions in A; B moves one school and splits region y.

    A:  a1 a2 a3 | a4 a5 a6        regions x = {1,2,3}, y = {4,5,6}
    B:  a1 a2 a3 a4 | a5 | a6      regions X = {1,2,3,4}, Y = {5}, Z = {6}
    """

    a = _assign({"a1": "x", "a2": "x", "a3": "x", "a4": "y", "a5": "y", "a6": "y"})
    b = _assign({"a1": "X", "a2": "X", "a3": "X", "a4": "X", "a5": "Y", "a6": "Z"})

    def test_matching_and_moved(self) -> None:
        c = compare(self.a, self.b)
        assert c.n_common == 6
        pairs = c.matches[["region_a", "region_b", "overlap"]].values.tolist()
        assert pairs[0] == ["x", "X", 3]
        assert pairs[1] in (["y", "Y", 1], ["y", "Z", 1])
        # y is matched to Y or Z (tie broken by order); a4 moved to X, one of a5/a6 moved.
        assert "a4" in set(c.moved["code"])
        assert c.n_moved == 2
        assert len(c.unmatched_b) == 1

    def test_split(self) -> None:
        c = compare(self.a, self.b)
        # y (3 schools) spreads over X, Y and Z, one school (33 %) each.
        assert c.split["region"].tolist() == ["y"]
        assert c.split["n_parts"].tolist() == [3]
        # X gets 3 schools of x and 1 of y (25 % > 10 %): a merge.
        assert c.merged["region"].tolist() == ["X"]
        assert c.merged["parts"].tolist() == ["x (3);y (1)"]
        # With a larger min_share the single school of y in X is no longer a merge part.
        assert compare(self.a, self.b, min_share=0.3).merged.empty

    def test_scores_are_sklearn(self) -> None:
        from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

        c = compare(self.a, self.b)
        codes = sorted(self.a.index)
        assert c.ari == pytest.approx(adjusted_rand_score(self.a[codes], self.b[codes]))
        assert c.nmi == pytest.approx(normalized_mutual_info_score(self.a[codes], self.b[codes]))

    def test_only_in_one_side(self) -> None:
        b = self.b.drop("a6")
        b["zz9900"] = "X"
        c = compare(self.a, b)
        assert c.only_in_a == ("a6",)
        assert c.only_in_b == ("zz9900",)
        assert c.n_common == 5

    def test_to_dict_is_json(self) -> None:
        d = compare(self.a, self.b, name_a="left", name_b="right").to_dict()
        text = json.dumps(d, allow_nan=False)
        assert json.loads(text)["n_moved"] == 2
        assert d["a"] == "left"

    def test_summary_mentions_scores(self) -> None:
        text = compare(self.a, self.b, name_a="left", name_b="right").summary(language="en")
        assert "adjusted Rand index" in text
        assert "left (2 regions) vs right (3 regions)" in text
        dutch = compare(self.a, self.b, name_a="left", name_b="right").summary()
        assert "aangepaste Rand-index (ARI)" in dutch
        assert "left (2 regio's) tegenover right (3 regio's)" in dutch


def test_no_common_school_is_an_error() -> None:
    with pytest.raises(InputDataError, match="no school in common"):
        compare(_assign({"a": "x"}), _assign({"b": "y"}))


def test_duplicate_code_is_an_error() -> None:
    dup = pd.Series(["x", "y"], index=["a1", "a1"])
    with pytest.raises(InputDataError, match="twice"):
        compare(dup, _assign({"a1": "x"}))


@settings(max_examples=60, deadline=None)
@given(assignments)
def test_self_comparison_is_perfect(a: pd.Series) -> None:
    if not _nonempty(a):
        return
    c = compare(a, a)
    assert c.ari == pytest.approx(1.0)
    assert c.n_moved == 0
    assert c.only_in_a == () and c.only_in_b == ()
    assert c.split.empty and c.merged.empty


@settings(max_examples=60, deadline=None)
@given(assignments, assignments, st.permutations(["N", "O", "P", "Q", "R", "S"]))
def test_relabelling_invariance(a: pd.Series, b: pd.Series, perm: list[str]) -> None:
    """Renaming B's regions changes no score and moves no school."""
    if not (_nonempty(a) and _nonempty(b)):
        return
    if not a.dropna().index.intersection(b.dropna().index).size:
        return
    rename = dict(zip(["N", "O", "P", "Q", "R", "S"], [p.lower() for p in perm], strict=True))
    b2 = b.map(rename)
    c1, c2 = compare(a, b), compare(a, b2)
    assert c1.ari == pytest.approx(c2.ari)
    assert c1.nmi == pytest.approx(c2.nmi)
    assert c1.n_moved == c2.n_moved
    assert c1.matches["overlap"].sum() == c2.matches["overlap"].sum()


@settings(max_examples=80, deadline=None)
@given(assignments, assignments)
def test_moved_are_exactly_the_unmatched_schools(a: pd.Series, b: pd.Series) -> None:
    """A school moved exactly when its B region differs from the partner of its A region."""
    if not a.dropna().index.intersection(b.dropna().index).size:
        return
    c = compare(a, b)
    partner = dict(zip(c.matches["region_a"], c.matches["region_b"], strict=True))
    common = sorted(a.dropna().index.intersection(b.dropna().index))
    expected = [code for code in common if partner.get(a[code]) != b[code]]
    assert c.moved["code"].tolist() == expected
    # Every common school either moved or sits in the overlap of a matched pair.
    assert c.n_moved + int(c.matches["overlap"].sum()) == c.n_common
    # The Hungarian matching is optimal: no greedy matching keeps more schools.
    overlap = pd.crosstab(a[common], b[common]).to_numpy()
    assert c.matches["overlap"].sum() >= _greedy_overlap(overlap)


def _greedy_overlap(m: np.ndarray) -> int:
    m = m.copy()
    total = 0
    while m.size and m.max() > 0:
        i, j = np.unravel_index(np.argmax(m), m.shape)
        total += int(m[i, j])
        m[i, :] = 0
        m[:, j] = 0
    return total


def test_divisions_on_bundled_data(schools: pd.DataFrame) -> None:
    nodal = division_assignment(schools, "nodal")
    rmc = division_assignment(schools, "rmc")
    # the vmbo and vso schools have divisions, except 8 closed vmbo schools; pro schools are in none
    assert len(nodal) == int(schools["kind"].isin(["vmbo", "vso"]).sum()) - 8 == 1428
    assert nodal.nunique() == 80
    c = compare(nodal, rmc, schools=schools, name_a="nodal", name_b="rmc")
    assert isinstance(c, Comparison)
    assert 0.5 < c.ari < 1.0
    assert len(c.matches) == rmc.nunique()  # fewer RMC regions: every one is matched
    assert set(c.moved.columns) >= {"code", "region_a", "region_b", "name", "x", "y"}
    # RMC areas group nodal areas: many RMC regions are merges of nodal areas.
    assert len(c.merged) > len(c.split)


def test_unknown_division(schools: pd.DataFrame) -> None:
    with pytest.raises(InputDataError, match="unknown division"):
        division_assignment(schools, "province")
