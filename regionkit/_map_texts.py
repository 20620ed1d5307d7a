"""The words of the interactive map: the ``map.*`` section of the messages tables.

Every label, button, legend and title of the map page is in
:mod:`regionkit._messages` (``nl.py``, ``en.py``, keys ``map.*``); the page
script receives the section of the map's language in the map's data and holds
no text of its own. ``{name}`` fields are filled here (:func:`text`) or, for
the few that depend on what the user does, in the page.
"""

from __future__ import annotations

from functools import cache

from regionkit._messages import section
from regionkit.config import Language

__all__ = ["long_date", "map_texts", "text"]


@cache
def _texts(lang: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(section(lang, "map").items()))


def map_texts(lang: Language) -> dict[str, str]:
    """Every text of the map in a language (key without ``map.`` -> text, unfilled)."""
    return dict(_texts(lang))


def text(lang: Language, key: str, **fields: object) -> str:
    """One text of the map in a language, with its ``{fields}`` filled in.

    Examples
    --------
    >>> text("nl", "moved_from_to", a="Noord", b="Zuid")
    'Van Noord naar Zuid'
    """
    template = map_texts(lang)[key]
    return template.format(**fields) if fields else template


def long_date(iso: str, lang: Language) -> str:
    """An ISO date written out: ``1 oktober 2019`` (nl), ``1 October 2019`` (en).

    Examples
    --------
    >>> long_date("2019-10-01", "nl"), long_date("2019-10-01", "en")
    ('1 oktober 2019', '1 October 2019')
    """
    year, month, day = (int(p) for p in str(iso)[:10].split("-"))
    return f"{day} {text(lang, f'month_{month}')} {year}"
