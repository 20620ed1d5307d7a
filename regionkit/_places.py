"""Place names as people write them: one function for every text an analyst reads.

DUO writes places in capitals, and adds a province to a name that more than one
place in the country carries ("EDE GLD", "RIJSWIJK ZH", "BERGEN NH").
:func:`place_name` gives the place as the bundled national place table
(``data/raw/nl_plaats_centroids.csv``) writes it: "Ede", "Rijswijk", "Damwâld",
"'s-Gravenhage". The province stays, in brackets, only where that table tells
this place apart from another of the same name by its province ("Bergen (NH)"
beside "Bergen (L)", "Beuningen (Gld)" beside the Beuningen in Overijssel); a
name the table carries bare ("Rijswijk", "Hengelo") is that place. Region
names, town lists, findings, the map and the proposal's place column all use
it. Data files and lookups keep DUO's spelling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

__all__ = ["PROVINCE_SUFFIX", "fold", "place_name"]

#: DUO's province suffix on an ambiguous place name ("HENGELO OV", "RIJSWIJK ZH", "BERGEN NH").
PROVINCE_SUFFIX = re.compile(
    r"^(.*\S)\s+\(?(NH|ZH|UT|GN|GR|GLD|GL|GD|NB|LB|L|FR|FL|OV|ZL|ZE|Z|DR)\)?$", re.IGNORECASE
)

#: The provinces' abbreviations as a disambiguation writes them ("Bergen (NH)", "Hengelo (Gld)").
_PROVINCE = {
    "NH": "NH",
    "ZH": "ZH",
    "UT": "Ut",
    "GN": "Gn",
    "GR": "Gn",
    "GLD": "Gld",
    "GL": "Gld",
    "GD": "Gld",
    "NB": "NB",
    "LB": "L",
    "L": "L",
    "FR": "Fr",
    "FL": "Fl",
    "OV": "Ov",
    "ZL": "Zld",
    "ZE": "Zld",
    "Z": "Zld",
    "DR": "Dr",
}

#: Short words written in lower case inside a place name ("Capelle aan den IJssel").
_PARTICLES = {"aan", "de", "den", "der", "en", "het", "in", "op", "bij", "van", "over", "onder"}


def fold(text: str) -> str:
    """Text as lookups compare it: lower case, without accents.

    Examples
    --------
    >>> fold("Damwâld")
    'damwald'
    """
    decomposed = unicodedata.normalize("NFD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class _Table:
    spelling: dict[str, str]  # folded name without province -> the table's spelling
    marked: frozenset[tuple[str, str]]  # (folded name, province) the table tells apart


def _split(place: str) -> tuple[str, str | None]:
    """A place's name and its province abbreviation (``None`` without one)."""
    m = PROVINCE_SUFFIX.match(place.strip())
    if m is None:
        return place.strip(), None
    return m.group(1), _PROVINCE[m.group(2).upper()]


@cache
def _table() -> _Table:
    path = Path(__file__).resolve().parent.parent / "data" / "raw" / "nl_plaats_centroids.csv"
    spelling: dict[str, str] = {}
    marked: set[tuple[str, str]] = set()
    for written in pd.read_csv(path, dtype={"plaats": str}, usecols=["plaats"])["plaats"]:
        name, province = _split(str(written))
        key = fold(name)
        if province is None:
            spelling[key] = name
        else:
            spelling.setdefault(key, name)
            marked.add((key, province))
    return _Table(spelling, frozenset(marked))


def _capitalised(place: str) -> str:
    """A capitalised name written as a name: ``"CAPELLE AAN DEN IJSSEL"`` -> ``"Capelle aan den
    IJssel"``; a name already in mixed case as it is."""
    if place != place.upper():
        return place

    def word(w: str, first: bool) -> str:
        low = w.lower()
        if low in ("'s", "'t"):
            return low
        if not first and low in _PARTICLES:
            return low
        if low.startswith("ij"):
            return "IJ" + low[2:]
        return low[:1].upper() + low[1:]

    out = []
    for k, chunk in enumerate(place.split(" ")):
        parts = chunk.split("-")
        words = (word(p, first=(k == 0 and j == 0) or j > 0) for j, p in enumerate(parts))
        out.append("-".join(words))
    return " ".join(out)


@cache
def place_name(place: str) -> str:
    """A place name as people write it, with its province only where two places share the name.

    Parameters
    ----------
    place
        As DUO writes it (``"EDE GLD"``), or already readable (``"Bergen (NH)"``).

    Returns
    -------
    str
        The bundled place table's spelling of the name; the province in
        brackets when that table tells this place apart by it.

    Examples
    --------
    >>> place_name("EDE GLD"), place_name("RIJSWIJK ZH"), place_name("HENGELO OV")
    ('Ede', 'Rijswijk', 'Hengelo')
    >>> place_name("BERGEN NH"), place_name("Bergen L"), place_name("BEUNINGEN GLD")
    ('Bergen (NH)', 'Bergen (L)', 'Beuningen (Gld)')
    >>> place_name("'S-GRAVENHAGE"), place_name("DAMWALD"), place_name("CAPELLE AAN DEN IJSSEL")
    ("'s-Gravenhage", 'Damwâld', 'Capelle aan den IJssel')
    >>> place_name("Bergen (NH)"), place_name("")
    ('Bergen (NH)', '')
    """
    if not place.strip():
        return place
    name, province = _split(place)
    table = _table()
    key = fold(name)
    nice = table.spelling.get(key) or _capitalised(name)
    if province is not None and (key, province) in table.marked:
        return f"{nice} ({province})"
    return nice
