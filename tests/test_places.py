"""Place names as people write them (regionkit._places)."""

from __future__ import annotations

import pytest

from regionkit._places import place_name


@pytest.mark.parametrize(
    ("duo", "written"),
    [
        ("EDE GLD", "Ede"),
        ("RIJSWIJK ZH", "Rijswijk"),
        ("HENGELO OV", "Hengelo"),
        ("KATWIJK ZH", "Katwijk"),
        ("STEIN LB", "Stein"),
        ("ELST GLD", "Elst"),
        ("Ede Gld", "Ede"),
        ("EDE", "Ede"),
        ("'S-HERTOGENBOSCH", "'s-Hertogenbosch"),
        ("DAMWALD", "Damwâld"),
        ("NIEUWE PEKELA", "Nieuwe Pekela"),
    ],
)
def test_a_province_suffix_goes_where_the_name_is_the_places_own(duo: str, written: str) -> None:
    assert place_name(duo) == written


def test_two_places_of_one_name_keep_their_province_in_brackets() -> None:
    assert place_name("BERGEN NH") == "Bergen (NH)"
    assert place_name("BERGEN LB") == place_name("Bergen L") == "Bergen (L)"
    assert place_name("HENGELO GLD") == "Hengelo (Gld)"
    assert place_name("ELST UT") == "Elst (Ut)"
    assert place_name("Bergen (NH)") == "Bergen (NH)"  # readable stays readable
    assert place_name("BERGEN OP ZOOM") == "Bergen op Zoom"


def test_a_place_unknown_to_the_place_table_is_written_as_a_name() -> None:
    assert place_name("NERGENSDORP OV") == "Nergensdorp"
    assert place_name("TESTDORP") == "Testdorp"
