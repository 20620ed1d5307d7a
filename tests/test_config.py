"""Tests of the configuration: every value checked where it is made, every problem listed."""

from __future__ import annotations

import dataclasses
import math
import typing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from regionkit._errors import ConfigError
from regionkit.cli import cli
from regionkit.config import (
    Config,
    FundingConfig,
    GraphConfig,
    MapConfig,
    RegionsConfig,
    RulesConfig,
    load_config,
)

SECTIONS = {
    "graph": GraphConfig,
    "regions": RegionsConfig,
    "rules": RulesConfig,
    "funding": FundingConfig,
    "map": MapConfig,
}


def _number_keys() -> list[tuple[str, str]]:
    """Every (section, key) whose value is a number (or an optional number)."""
    keys = []
    for section, cls in SECTIONS.items():
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            args = set(typing.get_args(hints[f.name])) or {hints[f.name]}
            if args & {int, float}:
                keys.append((section, f.name))
    return keys


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def _user_error(result: Result) -> str:
    """Exit 2 with one readable message on stderr, never a traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.output


@pytest.mark.parametrize(("section", "key"), _number_keys())
@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e300", "-1"])
def test_every_number_is_finite_and_in_range(
    tmp_path: Path, section: str, key: str, text: str
) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(f'language = "en"\n[{section}]\n{key} = {text}\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    (problem,) = info.value.problems
    assert problem.key == f"{section}.{key}" and problem.file == str(path)
    assert problem.fix.startswith("write a") and " from " in problem.fix
    value = problem.value
    assert isinstance(value, int | float) and (not math.isfinite(value) or value == float(text))


def test_every_problem_is_listed_with_file_key_value_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    body = (
        "colour = 3\n"
        "[regions]\nfloor = 3\nseed = -5\nmin_counted_pupils = nan\n"
        "[funding]\ncofinancing_share = 10\ndata_year = 2019.5\ncount_date = 2019\n"
        "[rules]\nclose_distance_m = inf\n[map]\nmax_marker_radius = 0\n"
    )
    path.write_text('language = "en"\n' + body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    english = str(info.value)
    assert english.startswith("9 problems in the configuration")
    assert "rules.toml, key regions.seed: is out of range (value: -5)" in english
    assert "(a share: 0.1 for 10 %)" in english
    assert "unknown key regions.floor; fix: use one of the allowed keys in [regions]:" in english
    assert "unknown section or key 'colour'" in english
    # a language the tables do not have is itself a problem; the rest is said in Dutch
    path.write_text('language = "fr"\n' + body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    err = info.value
    assert {p.key for p in err.problems} == {
        "language",
        None,  # colour and regions.floor: unknown, with the allowed keys
        "regions.seed",
        "regions.min_counted_pupils",
        "funding.cofinancing_share",
        "funding.data_year",
        "funding.count_date",
        "rules.close_distance_m",
        "map.max_marker_radius",
    }
    assert len(err.problems) == 10
    text = str(err)
    assert text.startswith("10 problemen in de instellingen")
    assert "rules.toml, sleutel regions.seed: valt buiten het bereik (waarde: -5)" in text
    assert "(een aandeel: 0,1 voor 10 %)" in text
    assert (
        "onbekende sleutel regions.floor; oplossing: gebruik een van de toegestane sleutels in "
        "[regions]:" in text
    )
    assert "onbekende sectie of sleutel 'colour'" in text
    assert all(p.file == str(path) and p.fix for p in err.problems)


def test_sections_made_in_code_are_checked_too() -> None:
    # made in code, a section names no language: its problems are said in Dutch
    with pytest.raises(
        ConfigError, match=r"sleutel graph\.k: valt buiten het bereik \(waarde: 0\)"
    ):
        GraphConfig(k=0)
    with pytest.raises(ConfigError, match=r"funding\.techniekarm_threshold: moet een eindig getal"):
        FundingConfig(techniekarm_threshold=math.nan)
    with pytest.raises(ConfigError, match=r"regions\.seed"):
        dataclasses.replace(RegionsConfig(), seed=-5)
    assert GraphConfig(band_m=1_200).band_m == 1200.0  # whole numbers become floats
    assert Config().regions.max_counted_pupils is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'language = "en"\n# caf\xe9\n', "is geen UTF-8-tekst"),  # unread: Dutch
        (b"[regions\n", "is geen geldige TOML"),
        (b"regions = 3\n", "sleutel regions: moet een tabel zijn"),
        (b'language = "en"\nregions = 3\n', "key regions: must be a table"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_bytes(content)
    text = _user_error(_invoke("fund", "--division", "nodal", "--config", str(path)))
    assert "mine.toml" in text and expected in text


def test_config_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="het instellingenbestand bestaat niet"):
        load_config(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="dit is een map, geen bestand"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    "content",
    [
        "[funding]\ntechniekarm_threshold = nan\n",  # was decimal.InvalidOperation in fund
        "[rules]\nclose_distance_m = nan\n",  # silently switched the close-schools rule off
    ],
)
def test_nan_settings_stop_with_a_message(tmp_path: Path, content: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(content)
    for command in ("fund", "check"):
        text = _user_error(_invoke(command, "--division", "nodal", "--config", str(path)))
        assert "rules.toml" in text and "moet een eindig getal zijn (waarde: nan)" in text


def test_an_unknown_key_suggests_the_key_it_nearly_is(tmp_path: Path) -> None:
    """A typo (min_counted_pupil) names the key meant, before the list of allowed keys; a key
    like no other gets the list alone."""
    path = tmp_path / "typo.toml"
    path.write_text('langauge = "en"\n\n[rules]\nmin_counted_pupil = 80\nfrobnicate = 1\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    by_key = {p.message: p.fix for p in err.value.problems}  # no language named: Dutch
    fix = by_key["onbekende sleutel rules.min_counted_pupil"]
    assert fix.startswith(
        "bedoelt u rules.min_counted_pupils? gebruik een van de toegestane sleutels"
    )
    assert "bedoelt u" not in by_key["onbekende sleutel rules.frobnicate"]
    assert by_key["onbekende sectie of sleutel 'langauge'"].startswith("bedoelt u language?")
    path.write_text('language = "en"\n\n[rules]\nmin_counted_pupil = 80\nfrobnicate = 1\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    by_key = {p.message: p.fix for p in err.value.problems}
    fix = by_key["unknown key rules.min_counted_pupil"]
    assert fix.startswith("did you mean rules.min_counted_pupils? use one of the allowed keys")
    assert "did you mean" not in by_key["unknown key rules.frobnicate"]
