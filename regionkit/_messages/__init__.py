"""Every sentence an analyst reads, one table per language.

The tables :mod:`regionkit._messages.nl` and :mod:`regionkit._messages.en`
map a key to a text with named placeholders (``{region}``); both have the
same keys and the same placeholders (``tests/test_messages.py`` checks it,
and that every key the code looks up exists). Numbers and amounts are
formatted by the caller (:mod:`regionkit._format`) and passed in as text, so
a table holds words only. To correct a Dutch sentence, edit ``nl.py``; to add
one, add the key to both tables and look it up with :func:`text`.

Keys are dotted by step: ``rules.<rule>...`` (findings), ``funding.*``
(notes and the comparison with the national figures), ``map.*`` (labels and
legends of the maps), ``cli.*`` (the command line's summaries), ``common.*``
(shared words). A key ending in ``.one`` / ``.many`` is a pair for
:func:`text_n`.

Examples
--------
>>> text("nl", "rules.too_small.partner", region="Twente", merged="412")
'buurregio Twente (samen 412 getelde leerlingen)'
>>> text_n("en", "rules.close_schools_split.pairs", 3, n="3")
'3 pairs of schools are'
>>> join("nl", ["A", "B", "C"])
'A, B en C'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from regionkit._messages import en, nl

__all__ = ["LANGUAGES", "MESSAGES", "join", "section", "text", "text_n"]

#: The table of each language: key -> text with named placeholders.
MESSAGES: Mapping[str, Mapping[str, str]] = {"nl": nl.MESSAGES, "en": en.MESSAGES}
#: The languages there are tables for (``Config.language``).
LANGUAGES: tuple[str, ...] = tuple(MESSAGES)


def _table(language: str) -> Mapping[str, str]:
    try:
        return MESSAGES[language]
    except KeyError:
        raise ValueError(
            f"language {language!r} is not supported; use {' or '.join(map(repr, LANGUAGES))}"
        ) from None


def text(language: str, key: str, /, **values: object) -> str:
    """The text of ``key`` in ``language``, with ``values`` filled into its placeholders.

    Parameters
    ----------
    language
        ``"nl"`` or ``"en"`` (``Config.language``).
    key
        A key of the tables, such as ``"rules.overlap"``.
    **values
        One value per placeholder of the text, already formatted for the language.

    Returns
    -------
    str
        The text.

    Raises
    ------
    KeyError
        For a key that is in no table (a programming error).
    """
    template = _table(language)[key]
    return template.format(**values) if values else template


def text_n(language: str, key: str, count: int, /, **values: object) -> str:
    """``key + ".one"`` when ``count`` is 1, else ``key + ".many"``, filled like :func:`text`."""
    return text(language, f"{key}.{'one' if count == 1 else 'many'}", **values)


def section(language: str, prefix: str) -> dict[str, str]:
    """Every text under ``prefix`` (``"map"``), keyed by the rest of its key, unfilled.

    Examples
    --------
    >>> section("en", "map")["regions"]
    'Regions'
    """
    start = prefix + "."
    return {k[len(start) :]: v for k, v in _table(language).items() if k.startswith(start)}


def join(language: str, items: Sequence[str], *, conjunction: str = "and") -> str:
    """Items as a list in running text: ``A, B en C`` / ``A, B and C``.

    ``conjunction="or"`` lists alternatives: ``A, B of C`` / ``A, B or C``
    (as in "bedoelt u A, B of C?").

    Examples
    --------
    >>> join("nl", ["A", "B", "C"]), join("nl", ["A", "B", "C"], conjunction="or")
    ('A, B en C', 'A, B of C')
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    key = "common.or" if conjunction == "or" else "common.and"
    return text(language, key, head=", ".join(items[:-1]), last=items[-1])
