"""The CLI's documentation cannot rot: every command has help text and appears in the README."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from regionkit.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"
COMMANDS = sorted(cli.commands)


def test_the_group_has_commands() -> None:
    # the commands; more may be added
    assert {"compare", "run"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help and len(command.help.strip()) > 20, f"regionkit {name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"option {param.opts[0]} of regionkit {name} has no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_runs(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "-h"])
    assert result.exit_code == 0, result.output
    assert f"Usage: cli {name}" in result.output or f"{name} [OPTIONS]" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"regionkit {re.escape(name)}\b", text), (
        f"README.md does not mention `regionkit {name}`"
    )


def test_version_and_help() -> None:
    from regionkit import __version__

    runner = CliRunner()
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output
    result = runner.invoke(cli, ["-h"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_notebooks_are_stored_without_outputs() -> None:
    """Notebooks are executed in CI (pytest --nbmake notebooks), never stored with outputs."""
    import nbformat

    notebooks = sorted((README.parent / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata["kernelspec"]["name"] == "python3"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{path.name} is stored with outputs"
                assert cell.execution_count is None, f"{path.name} is stored executed"


def test_public_api_is_small_complete_and_lazy() -> None:
    """Every public name resolves, ``__all__`` lists exactly the lazy names, the errors and the
    version, and importing regionkit imports none of the steps."""
    import subprocess
    import sys

    import regionkit

    assert set(regionkit.__all__) == set(regionkit._PUBLIC) | {
        "ConfigError",
        "InfeasibleError",
        "InputDataError",
        "__version__",
    }
    assert len(regionkit.__all__) <= 16  # the dozen names a notebook needs, not every helper
    for name in regionkit.__all__:
        assert getattr(regionkit, name) is not None, name
    loaded = subprocess.run(
        [sys.executable, "-c", "import regionkit, sys; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "regionkit.rules" not in loaded and "pandas" not in loaded


def test_readme_config_block_states_the_code_defaults() -> None:
    """Every value of the README's configuration block is the default of the code, so that the
    documented numbers (floors, the 10 km, rates) cannot drift from what the tool applies."""
    import dataclasses
    import tomllib

    from regionkit.config import Config

    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "README.md has no ```toml configuration block"
    block = next(b for b in blocks if "[rules]" in b)
    stated = tomllib.loads(block)
    defaults = Config()
    checked = 0
    for key, value in stated.items():
        if isinstance(value, dict):
            section = getattr(defaults, key)
            for name, given in value.items():
                code = getattr(section, name)
                assert given == code, f"README says [{key}] {name} = {given!r}, the code {code!r}"
                checked += 1
        else:
            assert value == getattr(defaults, key), f"README says {key} = {value!r}"
            checked += 1
    assert checked >= 10
    # and every section the README shows is a section of the configuration
    sections = {f.name for f in dataclasses.fields(Config)}
    assert {k for k, v in stated.items() if isinstance(v, dict)} <= sections


def test_no_document_names_a_folder_of_one_machine() -> None:
    """Docs, code, benchmarks and notebooks write paths relative to the project (``../shared``),
    never a machine's absolute folders."""
    root = Path(__file__).resolve().parents[1]
    folders = "|".join(["tmp", "work", "home", "root", "Users"])  # not spelled out: this file
    pattern = re.compile(r"(?<![\w.])/(" + folders + r")/|\b[A-Z]:" + re.escape("\\"))
    found = []
    for suffix in ("*.md", "*.py", "*.ipynb", "*.toml", "*.js", "*.css"):
        for path in root.rglob(suffix):
            if any(part.startswith(".") or part == "__pycache__" for part in path.parts):
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if pattern.search(line):
                    found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    assert found == []


def _readme_section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(title)
    end = text.find("\n#", start + len(title))
    return text[start : end if end > 0 else len(text)]


def test_readme_split_agreement_example_runs_and_lists_every_method(tmp_path: Path) -> None:
    """The README's example agreement is read and applied by regionkit fund as written, and its
    table of methods names exactly the values the reader accepts (no more, no fewer)."""
    from regionkit.agreements import _METHOD_ALIASES, _PART_ALIASES, _key

    section = _readme_section("### A split agreement")
    (example,) = re.findall(r"```csv\n(.*?)```", section, flags=re.DOTALL)
    path = tmp_path / "agreements.csv"
    path.write_text(example, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fund", "--division", "nodal", "--agreement", str(path)])
    assert result.exit_code == 0, result.output
    assert "Verdeling volgens afspraak" in result.output and "00AH17" in result.output
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    written = {_key(v) for line in rows for v in re.findall(r"`([^`]+)`", line.split("|")[1])}
    written |= {_key(v) for line in rows for v in re.findall(r"`([^`]+)`", line.split("|")[2])}
    assert written == set(_METHOD_ALIASES)
    for line in rows:  # each row's names mean one method
        names = re.findall(r"`([^`]+)`", "|".join(line.split("|")[1:3]))
        assert len({_METHOD_ALIASES[_key(n)] for n in names}) == 1, line
    parts = section[section.index("The parts (`deel`)") : section.index("The allowed values")]
    assert {_key(v) for v in re.findall(r"`([^`]+)`", parts)} - {"deel"} == set(_PART_ALIASES)
