"""Tests of regionkit.agreements: reading split agreements and sharing a region's money.

Unit tests build tiny schools tables in code; the doctests run on the bundled data.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from _funding_tables import EN, FAST, assign, region_row, table, tables_and_assignments
from hypothesis import given
from hypothesis import strategies as st

from regionkit._errors import InputDataError
from regionkit._money import largest_remainder
from regionkit.agreements import Agreement, AgreementPart, apply_agreements, read_agreements
from regionkit.funding import fund


def test_largest_remainder_examples() -> None:
    assert largest_remainder(100, [1, 1, 1]) == [34, 33, 33]
    assert largest_remainder(0, [0, 0]) == [0, 0]
    assert largest_remainder(7, [0, 1, 0]) == [0, 7, 0]
    assert largest_remainder(5, [Decimal("0.5"), Decimal("0.5")]) == [3, 2]
    with pytest.raises(ValueError, match="all zero"):
        largest_remainder(1, [0, 0])


@given(
    total=st.integers(min_value=0, max_value=10**12),
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=30),
)
def test_largest_remainder_conserves_and_stays_within_one(total: int, weights: list[int]) -> None:
    if sum(weights) == 0:
        total = 0
    shares = largest_remainder(total, weights)
    assert sum(shares) == total
    for share, w in zip(shares, weights, strict=True):
        quota = total * w / sum(weights) if sum(weights) else 0
        assert quota - 1 < share < quota + 1


# --- split agreements ------------------------------------------------------------------------


SPLIT_SCHOOLS = table(
    {"code": "01AA00", "pie_bb_lj3": 31, "bb_lj3": 40},
    {"code": "01AA01", "bwi_kb_lj4": 17, "mvi_gl_lj3": 5, "kb_lj4": 30, "gl_lj3": 9},
    {"code": "01AA02", "tl_lj3": 50},  # TL only: in the region, no counted pupils
    {"code": "02BB00", "mot_bb_lj4": 11, "bb_lj4": 20},
    {"code": "02BB01", "kind": "pro", "pro_pupils": 70},
)
SPLIT_ASSIGNMENT = assign(
    {"01AA00": "Twente", "01AA01": "Twente", "01AA02": "Twente", "02BB00": "Achterhoek"}
)


def test_read_toml_agreement_and_apply(tmp_path: Path) -> None:
    path = tmp_path / "split.toml"
    path.write_text(
        '[Twente.technical]\nshare = 0.75\nmethod = "pro_rata"\n\n'
        '[Twente.other]\nshare = 0.25\nmethod = "equal"\n',
        encoding="utf-8",
    )
    agreements = read_agreements(path)
    assert [a.region for a in agreements] == ["Twente"]
    result = fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT, agreements=agreements)
    total = int(region_row(result, "Twente")["max_subsidy_4y_cents"])
    split = result.split.set_index("code")
    assert split["amount_4y_cents"].sum() == total
    technical = split["technical_4y_cents"]
    assert technical.sum() == largest_remainder(total, [Decimal("0.75"), Decimal("0.25")])[0]
    # pro rata to BB/KB-equivalent pupils: 31 vs 17 + 2.5; the TL-only school gets nothing
    assert technical["01AA02"] == 0
    assert abs(technical["01AA00"] / technical["01AA01"] - 31 / 19.5) < 1e-6
    other = split["other_4y_cents"]
    assert other.max() - other.min() <= 1  # equal shares among the three vmbo schools
    assert result.regions.set_index("region")["has_agreement"].to_dict() == {
        "Achterhoek": False,
        "Twente": True,
    }
    rows = result.schools.set_index("code")
    assert rows.loc["01AA00", "amount_4y_cents"] == split.loc["01AA00", "amount_4y_cents"]
    assert pd.isna(rows.loc["02BB00", "amount_4y_cents"])


def test_read_csv_agreement_with_explicit_amounts_in_dutch_notation(tmp_path: Path) -> None:
    result = fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT)
    total = int(region_row(result, "Twente")["max_subsidy_4y_cents"])
    technical_total, other_total = largest_remainder(total, [Decimal("0.8"), Decimal("0.2")])
    first = other_total // 3

    def euros(cents: int) -> str:
        whole, rest = divmod(cents, 100)
        return f"{whole:,}".replace(",", ".") + f",{rest:02d}"

    path = tmp_path / "split.csv"
    path.write_text(
        "region;part;share;method;school;amount\n"
        "Twente;technical;80 %;pro rata;;\n"
        f"Twente;other;0,20;explicit;01AA00;{euros(first)}\n"
        f"Twente;other;;;01AA02;EUR {euros(other_total - first)}\n",
        encoding="utf-8",
    )
    split = apply_agreements(result, read_agreements(path))
    by_code = split.set_index("code")
    assert by_code["technical_4y_cents"].sum() == technical_total
    assert by_code.loc["01AA00", "other_4y_cents"] == first
    assert by_code.loc["01AA01", "other_4y_cents"] == 0
    assert by_code.loc["01AA02", "other_4y_cents"] == other_total - first
    assert by_code["amount_4y_cents"].sum() == total
    assert set(split["other_method"]) == {"explicit"}


@pytest.mark.parametrize(
    ("technical", "other", "expected"),
    [
        ("0.75", "0.20", "shares add up to 95 %, 5 percentage points short"),
        ("0.80", "0.25", "shares add up to 105 %, 5 percentage points too much"),
        ("0.5", "0.495", "shares add up to 99.5 %, 0.5 percentage points short"),
    ],
)
def test_shares_that_do_not_add_up_say_by_how_much(
    tmp_path: Path, technical: str, other: str, expected: str
) -> None:
    path = tmp_path / "split.toml"
    path.write_text(
        f'[Twente.technical]\nshare = {technical}\nmethod = "pro_rata"\n'
        f'[Twente.other]\nshare = {other}\nmethod = "equal"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputDataError, match=expected):
        read_agreements(path, language="en")
    # built in code, the same check applies when the agreement is applied
    agreement = Agreement(
        "Twente",
        (
            AgreementPart("technical", Decimal(technical), "pro_rata"),
            AgreementPart("other", Decimal(other), "equal"),
        ),
    )
    with pytest.raises(InputDataError, match=expected):
        fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT, agreements=[agreement], config=EN)


def test_negative_shares_are_rejected_even_when_they_add_up() -> None:
    agreement = Agreement(
        "Twente",
        (
            AgreementPart("technical", Decimal("1.25"), "pro_rata"),
            AgreementPart("other", Decimal("-0.25"), "equal"),
        ),
    )
    with pytest.raises(InputDataError, match="between 0 and 1") as err:
        fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT, agreements=[agreement], config=EN)
    assert len(err.value.problems) == 2


def test_agreement_for_an_unknown_region_names_it_and_the_known_regions() -> None:
    agreement = Agreement("Twnete", (AgreementPart("technical", Decimal(1), "equal"),))
    with pytest.raises(InputDataError) as err:
        fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT, agreements=[agreement], config=EN)
    text = str(err.value)
    assert "'Twnete'" in text
    assert "did you mean 'Twente'" in text
    assert "known regions: Achterhoek, Twente" in text


def test_explicit_amounts_that_do_not_add_up_and_schools_outside_the_region() -> None:
    result = fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT)
    total = int(region_row(result, "Twente")["max_subsidy_4y_cents"])
    agreement = Agreement(
        "Twente",
        (
            AgreementPart("technical", Decimal("0.5"), "explicit", (("01AA00", total // 2 - 150),)),
            AgreementPart("other", Decimal("0.5"), "equal", schools=("02BB00", "99ZZ00")),
        ),
    )
    with pytest.raises(InputDataError) as err:
        apply_agreements(result, [agreement], language="en")
    text = str(err.value)
    assert len(err.value.problems) == 3  # all collected into one error
    assert "EUR 1.50 short" in text
    assert "school 02BB00 is in region 'Achterhoek'" in text
    assert "school 99ZZ00 is not in the schools table" in text


def test_every_problem_of_a_file_is_listed_at_once(tmp_path: Path) -> None:
    path = tmp_path / "split.csv"
    path.write_text(
        "region,part,share,method,school,amount\n"
        "Twente,technical,0.7,pro_rata,,\n"
        "Twente,other,0.3,lottery,,\n"
        "Twente,extras,0.1,equal,,\n"
        "Achterhoek,technical,1,explicit,02BB00,12.345\n"
        "Achterhoek,technical,,,,100\n",
        encoding="utf-8",
    )
    with pytest.raises(InputDataError) as err:
        read_agreements(path, language="en")
    text = str(err.value)
    assert "row 3" in text and "'lottery'" in text
    assert "row 4" in text and "'extras'" in text
    assert "row 5" in text and "not a whole number of cents" in text
    assert "row 6" in text and "an amount without a school" in text
    assert len(err.value.problems) >= 4


def test_pro_rata_with_no_counted_pupils_and_a_region_worth_nothing() -> None:
    """A part shared pro rata among schools without pupils is an error unless it is 0."""
    result = fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT)
    agreement = Agreement(
        "Twente", (AgreementPart("technical", Decimal(1), "pro_rata", schools=("01AA02",)),)
    )
    with pytest.raises(InputDataError, match="schools without counted pupils"):
        apply_agreements(result, [agreement], language="en")
    empty = table({"code": "01AA00", "tl_lj3": 10}, {"code": "01AA01"})
    a = assign({"01AA00": "Leeg", "01AA01": "Leeg"})
    zero = fund(
        empty,
        a,
        agreements=[Agreement("Leeg", (AgreementPart("technical", Decimal(1), "pro_rata"),))],
    )
    assert zero.split["amount_4y_cents"].tolist() == [0, 0]


@st.composite
def agreements_for(draw: st.DrawFn, result: Any) -> list[Agreement]:
    out = []
    for region, total in result.regions[["region", "max_subsidy_4y_cents"]].itertuples(index=False):
        if not draw(st.booleans()):
            continue
        pct = draw(st.integers(min_value=0, max_value=100))
        shares = [Decimal(pct) / 100, Decimal(100 - pct) / 100]
        part_totals = largest_remainder(int(total), shares)
        members = sorted(result.schools.loc[result.schools["region"] == region, "code"])
        parts = []
        for name, share, part_total in zip(
            ("technical", "other"), shares, part_totals, strict=True
        ):
            counted = result.schools.set_index("code").loc[members, "bb_kb_equivalent"]
            methods = ["equal", "explicit"] + (["pro_rata"] if counted.sum() > 0 else [])
            method = draw(st.sampled_from(methods))
            amounts: tuple[tuple[str, int], ...] = ()
            if method == "explicit":
                weights = draw(
                    st.lists(
                        st.integers(min_value=1, max_value=9),
                        min_size=len(members),
                        max_size=len(members),
                    )
                )
                amounts = tuple(zip(members, largest_remainder(part_total, weights), strict=True))
            parts.append(AgreementPart(name, share, method, amounts))  # type: ignore[arg-type]
        if sum(p.share for p in parts) == 1:
            out.append(Agreement(str(region), tuple(parts)))
    return out


@FAST
@given(data=tables_and_assignments(), choice=st.data())
def test_per_school_amounts_always_sum_to_the_region_total(
    data: tuple[pd.DataFrame, pd.Series], choice: st.DataObject
) -> None:
    schools, a = data
    result = fund(schools, a)
    agreements = choice.draw(agreements_for(result))
    split = apply_agreements(result, agreements)
    assert set(split["region"]) == {x.region for x in agreements}
    totals = result.regions.set_index("region")["max_subsidy_4y_cents"]
    for region, rows in split.groupby("region"):
        assert rows["amount_4y_cents"].sum() == totals[region]
        agreement = next(x for x in agreements if x.region == region)
        part_totals = largest_remainder(
            int(totals[region]),
            [agreement.part(p).share if agreement.part(p) else 0 for p in ("technical", "other")],
        )
        assert rows["technical_4y_cents"].sum() == part_totals[0]
        assert rows["other_4y_cents"].sum() == part_totals[1]
        assert (rows["amount_4y_cents"] >= 0).all()
    assert (split["amount_4y_cents"] == split["technical_4y_cents"] + split["other_4y_cents"]).all()


# --- fractions, Dutch and English, the technical money -------------------------------------------


def test_a_third_is_a_third(tmp_path: Path) -> None:
    """ "1/3" is read exactly: 33.33 % would be a few euros off on a region of millions."""
    result = fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT)
    total = int(region_row(result, "Twente")["max_subsidy_4y_cents"])
    path = tmp_path / "split.toml"
    path.write_text(
        '[Twente.technical]\nshare = "2/3"\nmethod = "pro_rata"\n'
        '[Twente.other]\nshare = "1/3"\nmethod = "equal"\n',
        encoding="utf-8",
    )
    (agreement,) = read_agreements(path)
    assert agreement.share("technical") == Fraction(2, 3)
    split = apply_agreements(result, [agreement])
    technical, other = largest_remainder(total, [Fraction(2, 3), Fraction(1, 3)])
    assert split["technical_4y_cents"].sum() == technical
    assert split["other_4y_cents"].sum() == other
    assert abs(3 * other - total) < 3  # a third to the cent, not 33.33 %
    rounded = largest_remainder(total, [Decimal("0.6667"), Decimal("0.3333")])[1]
    assert abs(rounded - other) > 100  # what 33.33 % would have cost
    # shares that do not add up are shown as fractions where they are no finite decimal
    path.write_text(
        '[Twente.technical]\nshare = "1/2"\nmethod = "pro_rata"\n'
        '[Twente.other]\nshare = "1/3"\nmethod = "equal"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputDataError, match=r"op 5/6 \(83,33 %\), 16,67 procentpunt te weinig"):
        read_agreements(path)


def test_dutch_columns_values_and_messages(tmp_path: Path) -> None:
    """A table with Dutch column names and values, and Dutch messages with Dutch numbers."""
    result = fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT)
    total = int(region_row(result, "Twente")["max_subsidy_4y_cents"])
    path = tmp_path / "verdeling.csv"
    path.write_text(
        "Regio;Deel;Aandeel;Methode;Vestiging;Bedrag\n"
        "Twente;technisch;3/4;naar rato;;\n"
        "Twente;overig;25 %;gelijke delen;;\n",
        encoding="utf-8",
    )
    split = apply_agreements(result, read_agreements(path))
    assert split["amount_4y_cents"].sum() == total
    assert set(split["technical_method"]) == {"pro_rata"} and set(split["other_method"]) == {
        "equal"
    }
    # the English names work as well, in any case
    path.write_text("REGION,Part,Share,METHOD\nTwente,technical,1,equal\n", encoding="utf-8")
    assert read_agreements(path)[0].share("technical") == 1
    # Dutch messages, Dutch number format, a Dutch frame
    path.write_text(
        "Regio;Deel;Aandeel;Methode;Vestiging;Bedrag\n"
        "Twente;technisch;0,5;bedragen;01AA00;12.345,678\n"
        "Twente;overig;0,45;loterij;;\n",
        encoding="utf-8",
    )
    with pytest.raises(InputDataError) as err:
        read_agreements(path)
    text = str(err.value)
    assert text.startswith("4 problemen in verdeling.csv")
    assert "verdeelwijze 'vaste bedragen', maar er staan geen bedragen per vestiging" in text
    assert "kolom 'Aandeel'" not in text  # the share is fine; the amount is not
    assert (
        "verdeling.csv, rij 2, kolom 'Bedrag': Twente / technische profielen: het bedrag is "
        "geen heel aantal centen (waarde: '12.345,678')" in text
    )
    assert (
        "rij 3, kolom 'Methode': Twente / overige techniek: onbekende verdeelwijze "
        "(waarde: 'loterij'); oplossing: gebruik 'naar rato', 'gelijke delen' of 'bedragen'"
    ) in text
    assert "de aandelen komen samen op 95 %, 5 procentpunt te weinig" in text
    assert "row" not in text and "fix:" not in text
    # the same agreement checked against the regions: an amount short, in Dutch euros
    agreement = Agreement(
        "Twente",
        (
            AgreementPart("technical", Fraction(1, 2), "explicit", (("01AA00", total // 2 - 150),)),
            AgreementPart("other", Fraction(1, 2), "equal"),
        ),
    )
    with pytest.raises(InputDataError) as err:
        apply_agreements(result, [agreement])
    assert "EUR 1,50 te weinig" in str(err.value)
    assert str(err.value).startswith("1 probleem in de verdeelafspraken")


def test_unknown_region_suggests_alternatives_with_or() -> None:
    schools = table(*({"code": f"0{i}AA00", "pie_bb_lj3": 5} for i in range(1, 4)))
    a = assign({"01AA00": "Twente", "02AA00": "Twenthe", "03AA00": "Drenthe"})
    agreement = Agreement("Twent", (AgreementPart("technical", Fraction(1), "equal"),))
    with pytest.raises(InputDataError) as err:
        fund(schools, a, agreements=[agreement])
    assert "bedoelt u 'Twente' of 'Twenthe'?" in str(err.value)


def test_profile_money_to_a_school_without_a_technical_profile_is_noted() -> None:
    """Equal shares of the technical part reach the TL-only school 01AA02: a note, not an error."""
    agreement = Agreement(
        "Twente",
        (
            AgreementPart("technical", Fraction(1, 2), "equal"),
            AgreementPart("other", Fraction(1, 2), "pro_rata"),
        ),
    )
    result = fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT, agreements=[agreement], config=EN)
    split = result.split.set_index("code")
    assert split.loc["01AA02", "technical_4y_cents"] > 0
    assert "no pupils in a technical profile" in split.loc["01AA02", "note"]
    assert split.loc["01AA00", "note"] == "" and split.loc["01AA01", "note"] == ""
    assert any("01AA02 (Twente)" in n and "check that this is intended" in n for n in result.notes)
    # pro rata sharing never reaches it: no note
    pro_rata = Agreement("Twente", (AgreementPart("technical", Fraction(1), "pro_rata"),))
    quiet = fund(SPLIT_SCHOOLS, SPLIT_ASSIGNMENT, agreements=[pro_rata])
    assert (quiet.split["note"] == "").all()
    assert not any("technische profielen zonder" in n for n in quiet.notes)
