"""The national figures of a funding next to the programme's and DUO's (``docs/DOMAIN.md``).

:func:`sanity_check` compares what :func:`regionkit.funding.fund` computes for
the whole schools table with the figures the programme published (the
counted pupils behind its budget, the budget itself, the schools with a
technical profile in 2017/18) and with DUO's own national counts, each with the
difference in absolute terms and in per cent: a quick check that the data
and the rules were read as the programme meant them.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Literal

import pandas as pd

from regionkit._format import Language, format_cents, format_eur_millions, format_int, format_pct
from regionkit._messages import text
from regionkit._money import as_decimal
from regionkit.config import Config
from regionkit.funding import FundingResult, fund

__all__ = ["sanity_check"]

# The sanity figures of docs/DOMAIN.md.
#: National BB/KB-equivalent counted pupils behind the budget (count of 1 Oct 2018).
SANITY_BB_KB_EQUIVALENT = 21_100
SANITY_BB_KB_EQUIVALENT_YEAR = 2018
#: National budget for technique regions over 2020-2023, in euros.
SANITY_BUDGET_EUR = Decimal("335500000")
#: DUO 1 Oct 2019: technical-profile pupils in lj3 and lj4, and schools with any.
SANITY_2019_TECHNICAL_LJ3 = 11_509
SANITY_2019_TECHNICAL_LJ4 = 11_404
SANITY_2019_TECHNICAL_SCHOOLS = 276
#: The programme's figures for 2017/18: vmbo vestigingen with beroepsgericht onderwijs, and of
#: those with a technical profile.
SANITY_2017_BEROEPSGERICHT_SCHOOLS = 547
SANITY_2017_TECHNICAL_SCHOOLS = 266
#: Nationally about this share of BB/KB/GL lj3+4 pupils is in a technical profile.
SANITY_TECHNICAL_SHARE = 0.20


def _diff(value: float, reference: float, language: Literal["nl", "en"]) -> str:
    d = value - reference
    pct = d / reference if reference else math.nan
    return f"{format_int(d, language, signed=True)} ({format_pct(pct, language, signed=True)})"


def sanity_check(
    result_or_schools: FundingResult | pd.DataFrame,
    *,
    config: Config | None = None,
) -> list[str]:
    """Compare national figures with the sanity figures of ``docs/DOMAIN.md``.

    The comparison uses every vmbo/vso school of the table (regions or not):
    The figures of docs/DOMAIN.md are national.

    Parameters
    ----------
    result_or_schools
        A :class:`FundingResult`, or a schools table (funded as a whole).
    config
        The configuration (rates, count date, ``language`` of the lines);
        ``None`` for the defaults. With a result, its funding section is used.

    Returns
    -------
    list of str
        One line per comparison, with the difference (absolute and in %).

    Examples
    --------
    >>> from regionkit.schools import load_schools
    >>> lines = sanity_check(load_schools(), config=Config(language="en"))
    >>> print(lines[0].replace("; ", ";\\n"))
    BB/KB-equivalent counted pupils (count 2019-10-01): 21,572 (BB/KB 20,231 + GL 2,682 x 0.5);
    programme: about 21,100 for the 2018 count: +472 (+2.2 %)
    """
    config = config or Config()
    language = config.language
    if isinstance(result_or_schools, FundingResult):
        result = result_or_schools
    else:
        empty = pd.Series([], index=pd.Index([], dtype=str), dtype="string", name="region")
        result = fund(result_or_schools, empty, config=config)
    lines = [_sanity_counted(result, language), *_sanity_budget(result, language)]
    if result.config.data_year == 2019:
        lines.append(_sanity_technical_2019(result, language))
    w = result.whole_table
    if result.config.data_year == 2017:
        lines.append(_sanity_technical_2017(result, language))
    lines.append(
        text(
            language,
            "funding.sanity.share",
            share=format_pct(w.technical_share, language),
            den=format_int(w.techniekarm_denominator, language),
            ref=format_pct(SANITY_TECHNICAL_SHARE, language, decimals=0),
        )
    )
    n = result.national
    if n.n_regions:
        lines.append(
            text(
                language,
                "funding.sanity.regions",
                r=n.n_regions,
                eq=format_int(n.bb_kb_equivalent, language),
                all=format_int(w.bb_kb_equivalent, language),
                pct=format_pct(
                    n.bb_kb_equivalent / w.bb_kb_equivalent if w.bb_kb_equivalent else math.nan,
                    language,
                ),
                u=format_int(n.n_schools_unassigned, language),
            )
        )
    return lines


def _sanity_counted(result: FundingResult, language: Language) -> str:
    """The national BB/KB-equivalent count against the programme's figure."""
    cfg, w = result.config, result.whole_table
    return text(
        language,
        "funding.sanity.counted",
        date=cfg.count_date,
        eq=format_int(w.bb_kb_equivalent, language),
        bb=format_int(w.counted_pupils_bb_kb, language),
        gl=format_int(w.counted_pupils_gl, language),
        weight=f"{cfg.gl_weight:g}".replace(".", "," if language == "nl" else "."),
        ref=format_int(SANITY_BB_KB_EQUIVALENT, language),
        year=SANITY_BB_KB_EQUIVALENT_YEAR,
        diff=_diff(w.bb_kb_equivalent, SANITY_BB_KB_EQUIVALENT, language),
    )


def _sanity_budget(result: FundingResult, language: Language) -> list[str]:
    """The national maximum against the budget, and the pupils the budget pays for."""
    cfg, w = result.config, result.whole_table
    budget_cents = int(SANITY_BUDGET_EUR * 100)
    d = w.max_subsidy_4y_cents - budget_cents
    lines = [
        text(
            language,
            "funding.sanity.budget",
            years=cfg.period_years,
            eur=format_cents(w.max_subsidy_4y_cents, language),
            budget=format_eur_millions(SANITY_BUDGET_EUR, language),
            diff=format_cents(d, language, signed=True),
            pct=format_pct(d / budget_cents, language, signed=True),
        )
    ]
    if cfg.rate_bb_kb_eur:
        implied = SANITY_BUDGET_EUR / as_decimal(cfg.rate_bb_kb_eur)
        lines.append(
            text(
                language,
                "funding.sanity.budget_pupils",
                n=format_int(implied, language),
                rate=format_cents(int(as_decimal(cfg.rate_bb_kb_eur) * 100), language),
                ref=format_int(SANITY_BB_KB_EQUIVALENT, language),
            )
        )
    return lines


def _sanity_technical_2017(result: FundingResult, language: Language) -> str:
    """Schools with technical-profile pupils in 2017, against the programme's 266 for 2017/18."""
    counted = result.schools[result.schools["counts_for_money"]]
    n_tech = int((counted["technical_pupils"] > 0).sum())
    return text(
        language,
        "funding.sanity.technical_2017",
        n=format_int(n_tech, language),
        ref=format_int(SANITY_2017_TECHNICAL_SCHOOLS, language),
        beroeps=format_int(SANITY_2017_BEROEPSGERICHT_SCHOOLS, language),
        diff=format_int(n_tech - SANITY_2017_TECHNICAL_SCHOOLS, language, signed=True),
    )


def _sanity_technical_2019(result: FundingResult, language: Language) -> str:
    """DUO's 2019 technical-profile pupils and schools against the programme's figures."""
    schools_tbl = result.schools
    counted = schools_tbl[schools_tbl["counts_for_money"]]
    lj3, lj4 = counted["pupils_lj3"].sum(), counted["pupils_lj4"].sum()
    n_tech = int((counted["technical_pupils"] > 0).sum())
    return text(
        language,
        "funding.sanity.technical_2019",
        lj3=format_int(lj3, language),
        lj4=format_int(lj4, language),
        n=format_int(n_tech, language),
        r3=format_int(SANITY_2019_TECHNICAL_LJ3, language),
        r4=format_int(SANITY_2019_TECHNICAL_LJ4, language),
        rn=format_int(SANITY_2019_TECHNICAL_SCHOOLS, language),
        d3=format_int(lj3 - SANITY_2019_TECHNICAL_LJ3, language, signed=True),
        d4=format_int(lj4 - SANITY_2019_TECHNICAL_LJ4, language, signed=True),
        dn=format_int(n_tech - SANITY_2019_TECHNICAL_SCHOOLS, language, signed=True),
    )
