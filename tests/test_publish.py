"""The atomic commit of a run's outputs: killed at any step, ``--out`` is never half old and new."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from regionkit._errors import InputDataError
from regionkit._publish import COMMIT_STEPS, MARKER, recover, staging
from regionkit.reports import write_manifest

#: Commits the files of a folder (argv[2]) as the outputs of argv[1], in a process of its own.
COMMIT = """
import shutil, sys
from pathlib import Path
from regionkit._publish import staging
out, source = Path(sys.argv[1]), Path(sys.argv[2])
with staging(out) as stage:
    for f in sorted(source.iterdir()):
        shutil.copy2(f, stage.path / f.name)
    stage.commit()
"""


def _output_set(folder: Path, tag: str) -> Path:
    """A set of outputs as a run writes them: files and the run.json that lists them."""
    folder.mkdir(parents=True)
    files = {}
    for name in ("map.html", "report.xlsx", "regions.csv", "schools.json"):
        path = folder / name
        path.write_text(f"{tag} {name}\n" * 200)
        files[name.replace(".", "_")] = path
    write_manifest(folder / "run.json", config={"tag": tag}, inputs={}, seed=0, outputs=files)
    return folder


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _which_set(out: Path) -> str:
    """``"old"`` or ``"new"``: the complete set the folder holds (fails on anything else)."""
    manifest = json.loads((out / "run.json").read_text())
    listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    present = {p.name for p in out.iterdir()} - {"run.json", "notes.txt", MARKER}
    assert present == set(listed), f"{present} != {set(listed)}"
    for name, digest in listed.items():
        assert _sha(out / name) == digest, f"{name} does not belong to its run.json"
    tags = {(out / name).read_text().split()[0] for name in listed}
    assert len(tags) == 1, f"a mix of sets: {tags}"
    return tags.pop()


def _commit(out: Path, source: Path, **env: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", COMMIT, str(out), str(source)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name and p.name != "src")


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
@pytest.mark.parametrize("step", range(1, COMMIT_STEPS + 1))
def test_killed_at_every_step_of_the_commit(tmp_path: Path, step: int, exchange: bool) -> None:
    src = tmp_path / "src"
    old, new = _output_set(src / "old", "old"), _output_set(src / "new", "new")
    out = tmp_path / "out"
    assert _commit(out, old) == 0
    (out / "notes.txt").write_text("an analyst's note\n")
    env = {"REGIONKIT_KILL_AT_COMMIT_STEP": str(step)}
    if not exchange:
        env["REGIONKIT_NO_EXCHANGE"] = "1"
    code = _commit(out, new, **env)
    reached = exchange is False or step != 3  # step 3 lies between the two renames
    assert code == (-signal.SIGKILL if reached else 0)
    # the instant after the kill, before any repair
    if out.exists():
        assert _which_set(out) == ("old" if step <= 2 else "new")
    else:
        assert not exchange and step == 3, "the output folder vanished"
    # the next run (or recover) repairs what the kill left, under the same lock
    recover(out)
    expected = "old" if step <= 2 else "new"
    assert _which_set(out) == expected
    assert (out / "notes.txt").read_text() == "an analyst's note\n"
    assert not (out / MARKER).exists()
    assert _leftovers(out) == [], "a folder of the killed run is left"
    # and a run after that commits as usual
    assert _commit(out, new) == 0
    assert _which_set(out) == "new" and (out / "notes.txt").exists()
    assert _leftovers(out) == []


def test_a_failed_run_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _commit(out, _output_set(tmp_path / "src" / "old", "old")) == 0
    before = {p.name: _sha(p) for p in out.iterdir()}
    with pytest.raises(RuntimeError), staging(out) as stage:
        (stage.path / "map.html").write_text("half written")
        raise RuntimeError("the disk is full")
    assert {p.name: _sha(p) for p in out.iterdir()} == before
    assert _leftovers(out) == []


def test_a_live_runs_staging_folder_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with staging(out) as first:
        recover(out)  # another process's recovery would see the folder locked
        assert first.path.exists()
        with staging(out) as second:
            (second.path / "run.json").write_text('{"outputs": []}')
            second.commit()
        assert first.path.exists()
    assert not first.path.exists()


def test_leftovers_of_earlier_versions_are_removed(tmp_path: Path) -> None:
    """Killed runs of earlier versions staged inside the output folder; they go."""
    out = tmp_path / "out"
    assert _commit(out, _output_set(tmp_path / "src" / "old", "old")) == 0
    (out / ".regionkit-run-abc123").mkdir()
    (out / ".regionkit-run-abc123" / "map.html").write_text("part")
    recover(out)
    assert not (out / ".regionkit-run-abc123").exists()


def test_folders_a_run_cannot_replace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("years of work")
    with pytest.raises(InputDataError, match="holds files that no regionkit run"), staging(mine):
        pass
    assert (mine / "thesis.docx").exists()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputDataError, match="working folder"), staging(tmp_path):
        pass
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(InputDataError, match="is a file"), staging(afile):
        pass
