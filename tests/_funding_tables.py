"""Tiny schools tables for the money tests, built in code (only the columns funding reads)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from regionkit._schema import COUNT_COLUMNS, LEERWEG_TOTAL_COLUMNS, TECHNICAL_CELL_COLUMNS
from regionkit.config import Config

__all__ = [
    "BB_KB_CENTS",
    "EN",
    "FAST",
    "GL_CENTS",
    "assign",
    "region_row",
    "table",
    "tables_and_assignments",
]

BB_KB_CENTS = 1_589_500
GL_CENTS = 794_750

#: fund() costs about 0.1 s even on a tiny table (pandas overhead): keep the examples few.
#: Notes in English, so the tests can read them (Dutch is the default language).
EN = Config(language="en")

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def table(*rows: dict[str, Any]) -> pd.DataFrame:
    """A schools table from rows giving ``code`` and the non-zero counts (kind vmbo by default)."""
    records = []
    for r in rows:
        rec: dict[str, Any] = dict.fromkeys(COUNT_COLUMNS, 0)
        rec.update({"name": f"School {r['code']}", "kind": "vmbo", "suppressed_columns": None})
        rec.update(r)
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    for c in COUNT_COLUMNS:
        df[c] = df[c].astype(np.int64)
    df["code"] = df["code"].astype("string")
    df["kind"] = df["kind"].astype("string")
    return df.sort_values("code").reset_index(drop=True)


def assign(mapping: dict[str, str | None]) -> pd.Series:
    return pd.Series(mapping, name="region", dtype="object")


def region_row(result: Any, name: str) -> pd.Series:
    return result.regions.set_index("region").loc[name]


@st.composite
def tables_and_assignments(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.Series]:
    n = draw(st.integers(min_value=1, max_value=12))
    rows = []
    for i in range(n):
        cells = draw(
            st.dictionaries(
                st.sampled_from(TECHNICAL_CELL_COLUMNS),
                st.integers(min_value=0, max_value=300),
                max_size=6,
            )
        )
        totals = draw(
            st.dictionaries(
                st.sampled_from(LEERWEG_TOTAL_COLUMNS),
                st.integers(min_value=0, max_value=500),
                max_size=4,
            )
        )
        kind = draw(st.sampled_from(["vmbo", "vmbo", "vmbo", "vso", "pro"]))
        rows.append({"code": f"{i:02d}AB00", "kind": kind, **cells, **totals})
    schools = table(*rows)
    regions = draw(
        st.lists(st.sampled_from(["Noord", "Oost", "Zuid", None]), min_size=n, max_size=n)
    )
    return schools, assign(dict(zip(schools["code"], regions, strict=True)))
