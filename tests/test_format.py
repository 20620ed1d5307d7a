"""Tests of the Dutch/English number formatting helpers (regionkit._format)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from regionkit._format import (
    format_cents,
    format_eur,
    format_eur_millions,
    format_int,
    format_number,
    format_pct,
)


def _parse(text: str, language: str) -> Decimal:
    thousands, point = (".", ",") if language == "nl" else (",", ".")
    return Decimal(text.replace(thousands, "").replace(point, "."))


@given(
    cents=st.integers(min_value=-(10**13), max_value=10**13), language=st.sampled_from(["nl", "en"])
)
def test_cents_round_trip_exactly(cents: int, language: str) -> None:
    text = format_cents(cents, language)  # type: ignore[arg-type]
    assert text.startswith("EUR ")
    assert _parse(text[4:], language) == Decimal(cents).scaleb(-2)


@given(
    value=st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=3),
    language=st.sampled_from(["nl", "en"]),
)
def test_thousands_groups_have_three_digits(value: Decimal, language: str) -> None:
    text = format_number(value, language, decimals=1)  # type: ignore[arg-type]
    thousands, point = (".", ",") if language == "nl" else (",", ".")
    whole = text.lstrip("-").split(point)[0]
    groups = whole.split(thousands)
    assert all(len(g) == 3 for g in groups[1:])
    assert 1 <= len(groups[0]) <= 3
    assert abs(_parse(text, language) - value) <= Decimal("0.05")


def test_examples_in_both_languages() -> None:
    assert format_eur(1234567, "nl") == "EUR 1.234.567,00"
    assert format_eur(1234567, "en") == "EUR 1,234,567.00"
    assert format_int(np.int64(21572), "nl") == "21.572"
    assert format_pct(0.1, "nl", decimals=0) == "10 %"
    assert format_pct(np.float64(0.0999), "en") == "10.0 %"
    assert format_eur_millions(342_887_000, "nl") == "EUR 342,9 mln"
    assert format_int(0, "en", signed=True) == "0"
    assert format_number(-0.04, "en", decimals=1) == "0.0"


def test_rounding_is_decimal_half_up_not_binary() -> None:
    # 2.675 is stored as 2.67499999... in binary; written as a decimal it rounds up
    assert format_number(2.675, "en", decimals=2) == "2.68"
    assert format_number(0.125, "nl", decimals=2) == "0,13"


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, Decimal("NaN")])
def test_missing_values(missing: object) -> None:
    assert format_pct(missing, "nl") == "n.v.t."  # type: ignore[arg-type]
    assert format_eur(missing, "en") == "n/a"  # type: ignore[arg-type]


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="'de' is not supported"):
        format_int(1, "de")  # type: ignore[arg-type]
