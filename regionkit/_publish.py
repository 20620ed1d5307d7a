"""Publishing a set of output files into a folder all at once, with recovery after a kill.

``regionkit run`` writes a dozen files that belong together (map, workbook,
GeoPackage, tables and the ``run.json`` manifest that lists their SHA-256).
They are written into a *staging folder* beside the output folder
(``.<name>.regionkit-new-*`` in the same parent, so on the same file system,
marked as a staging folder by a file inside it), and then the staging folder
takes the output folder's place:

1. ``renameat2(RENAME_EXCHANGE)`` swaps the two folders in one step (Linux).
   Where the system cannot, the old folder is renamed aside
   (``.<name>.regionkit-prev-*``) and the staging folder renamed into place:
   the output folder is absent for that moment, and a kill in it is repaired
   by the next run;
2. the new folder drops its staging mark;
3. files in the old folder that no run wrote (a note an analyst put there)
   move into the new one;
4. the old folder is renamed to ``.<name>.regionkit-old-*`` and deleted.

So at every instant ``out/`` holds the complete previous set or the complete
new set with its manifest. A run that is killed leaves at most
``.<name>.regionkit-*`` folders beside ``out/``; the next run (or
:func:`recover`) finishes or undoes what it finds, under a lock on the parent
folder: a folder still marked as staging was never swapped in and is deleted,
the previous set (an unmarked ``-new-`` or a ``-prev-`` folder) gives up its
foreign files and is deleted, an ``-old-`` folder is deleted. A staging folder
a live run holds (a lock on the folder itself, released by the system when
the process dies) is left alone.

For the test of all this, the environment variable ``REGIONKIT_KILL_AT_COMMIT_STEP``
makes the process kill itself (SIGKILL) at the numbered step of a commit, and
``REGIONKIT_NO_EXCHANGE`` makes it commit by two renames.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import json
import logging
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from regionkit._errors import InputDataError, Problem

__all__ = ["COMMIT_STEPS", "Staging", "recover", "staging"]

logger = logging.getLogger(__name__)

#: The file that marks a staging folder until it has taken the output folder's place.
MARKER = ".regionkit-staging"
#: The numbered points of a commit at which the kill test stops the process (1 .. 8; 3 only
#: when the system commits by two renames).
COMMIT_STEPS = 8
_KILL_VARIABLE = "REGIONKIT_KILL_AT_COMMIT_STEP"
#: Folders earlier versions of regionkit staged inside the output folder.
_LEGACY_PREFIX = ".regionkit-run-"


def _step(k: int) -> None:
    """Commit step ``k`` reached: the kill test's hook (see the module docstring)."""
    if os.environ.get(_KILL_VARIABLE) == str(k):
        os.kill(os.getpid(), signal.SIGKILL)


# --- file-system primitives ----------------------------------------------------------------------


def _find_renameat2() -> Callable[..., int] | None:
    if os.name != "posix":
        return None
    name = ctypes.util.find_library("c")
    if not name:
        return None
    return getattr(ctypes.CDLL(name, use_errno=True), "renameat2", None)


_RENAMEAT2 = _find_renameat2()
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot (then nothing happened)."""
    if _RENAMEAT2 is None or os.environ.get("REGIONKIT_NO_EXCHANGE"):
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # this file system cannot exchange: two renames instead
    raise OSError(code, os.strerror(code), str(a), None, str(b))


class _Lock:
    """An exclusive lock on a folder, held until :meth:`release` (or the process ends)."""

    def __init__(self, folder: Path, *, wait: bool = True) -> None:
        self.fd: int | None = None
        self.held = True
        try:
            import fcntl
        except ImportError:  # no folder locks on this system: runs must not overlap
            return
        self.fd = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            self.held = False
            self.release()

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


@contextlib.contextmanager
def _locked(folder: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold a folder's lock for a block; yields whether it was taken."""
    lock = _Lock(folder, wait=wait)
    try:
        yield lock.held
    finally:
        lock.release()


# --- what is in a folder -------------------------------------------------------------------------


def _kind(out: Path, entry: str) -> str | None:
    """``"new"``, ``"prev"`` or ``"old"`` for a folder this module leaves beside ``out``."""
    head = f".{out.name}.regionkit-"
    if not entry.startswith(head):
        return None
    kind = entry[len(head) :].split("-", 1)[0]
    return kind if kind in ("new", "prev", "old") else None


def _leftovers(out: Path) -> list[Path]:
    return sorted(p for p in out.parent.iterdir() if _kind(out, p.name) is not None)


def _outputs_of(folder: Path) -> set[str] | None:
    """The names a folder's ``run.json`` lists (the manifest included); None without one."""
    try:
        manifest: Any = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        return {Path(str(o["path"])).name for o in manifest["outputs"]} | {"run.json"}
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _foreign(folder: Path) -> list[Path]:
    """Entries of an output folder that no run wrote (an analyst's notes), sorted."""
    skip = (_outputs_of(folder) or set()) | {MARKER}
    return sorted(
        p for p in folder.iterdir() if p.name not in skip and not p.name.startswith(_LEGACY_PREFIX)
    )


def check_folder(out: Path, *, language: str = "en") -> None:
    """Refuse an output folder that ``run`` cannot replace as a whole.

    ``out`` is named as given (``runs/tm``, not only ``tm``), in ``language``.

    Raises
    ------
    InputDataError
        When ``out`` is a file, is (or holds) the working folder, or holds files
        while it is not the folder of an earlier run (no ``run.json``).

    Examples
    --------
    >>> check_folder(Path("/") / "proc" / "version")
    Traceback (most recent call last):
    ...
    regionkit._errors.InputDataError: 1 problem in the input
      - the output folder /proc/version is a file; fix: name a folder for --out
    """
    from regionkit._messages import text

    def refuse(key: str, **values: str) -> InputDataError:
        return InputDataError(
            Problem(
                text(language, f"publish.{key}", folder=str(out), **values),
                fix=text(language, f"publish.{key}.fix"),
                language=language,
            )
        )

    if out.exists() and not out.is_dir():
        raise refuse("folder_is_file")
    cwd, resolved = Path.cwd().resolve(), out.resolve()
    if resolved == cwd or resolved in cwd.parents:
        raise refuse("folder_is_cwd")
    if out.is_dir() and _outputs_of(out) is None:
        present = [p.name for p in _foreign(out)]
        if present:
            listed = ", ".join(present[:5]) + (", ..." if len(present) > 5 else "")
            raise refuse("folder_foreign", files=listed)


# --- recovery ------------------------------------------------------------------------------------


def _carry(old: Path, out: Path) -> None:
    """Move the foreign entries of the previous set's folder into the output folder."""
    for entry in _foreign(old):
        target = out / entry.name
        if target.exists() or target.is_symlink():
            logger.warning("%s is in the old and the new outputs; the new one is kept", entry.name)
            continue
        with contextlib.suppress(FileNotFoundError):
            os.replace(entry, target)


def _retire(old: Path, out: Path) -> None:
    """Give the previous set's foreign files to ``out``, then delete the previous set."""
    _carry(old, out)
    _step(6)
    trash = Path(tempfile.mkdtemp(prefix=f".{out.name}.regionkit-old-", dir=out.parent))
    os.replace(old, trash)  # onto the empty folder just made: one rename
    _step(7)
    shutil.rmtree(trash, ignore_errors=True)


def recover(out: str | Path) -> list[str]:
    """Finish or undo what a killed run left beside (and inside) an output folder.

    Parameters
    ----------
    out
        The output folder of ``regionkit run``.

    Returns
    -------
    list of str
        What was done, one line per folder (also logged).
    """
    target = Path(out).resolve()
    if not target.parent.is_dir():
        return []
    with _locked(target.parent):
        return _recover(target)


def _held(folder: Path) -> bool:
    """Whether a live run holds this staging folder."""
    with _locked(folder, wait=False) as free:
        return not free


def _recover(out: Path) -> list[str]:
    """:func:`recover` with the parent folder's lock held."""
    done: list[str] = []
    if not out.exists():  # a commit by two renames was interrupted between them
        dead = [p for p in _leftovers(out) if not _held(p)]
        prev = [p for p in dead if _kind(out, p.name) == "prev"]
        staged = [
            p
            for p in dead
            if _kind(out, p.name) == "new" and (p / MARKER).exists() and (p / "run.json").exists()
        ]
        if prev and staged:
            os.replace(staged[-1], out)
            done.append(f"completed the interrupted commit of {staged[-1].name}")
        elif prev:
            os.replace(prev[0], out)
            done.append(f"restored the previous outputs from {prev[0].name}")
    if out.is_dir():
        (out / MARKER).unlink(missing_ok=True)
    for folder in _leftovers(out):
        with _locked(folder, wait=False) as free:
            if not free:
                continue  # a live run's staging folder
            kind = _kind(out, folder.name)
            previous = kind == "prev" or (kind == "new" and not (folder / MARKER).exists())
            if previous and out.is_dir():
                _carry(folder, out)
            shutil.rmtree(folder, ignore_errors=True)
            done.append(f"removed {folder.name}" + (" (the previous outputs)" if previous else ""))
    if out.is_dir():
        for legacy in sorted(out.glob(_LEGACY_PREFIX + "*")):
            shutil.rmtree(legacy, ignore_errors=True)
            done.append(f"removed {legacy.name}")
    for line in done:
        logger.info("output folder %s: %s", out, line)
    return done


# --- a run's staging folder ----------------------------------------------------------------------


class Staging:
    """A staging folder beside an output folder: write the files into :attr:`path`,
    then :meth:`commit`.

    Attributes
    ----------
    path
        The staging folder.
    out
        The output folder it will replace (absolute).
    """

    def __init__(self, path: Path, out: Path, lock: _Lock) -> None:
        self.path = path
        self.out = out
        self._lock = lock
        self.committed = False

    def commit(self) -> None:
        """Make the staged files the output folder's content, all at once (see the module)."""
        out, stage = self.out, self.path
        _step(1)
        with _locked(out.parent):
            _recover(out)
            _step(2)
            old: Path | None = None
            if not out.exists():
                os.replace(stage, out)
            elif _exchange(stage, out):
                old = stage
            else:
                old = Path(tempfile.mkdtemp(prefix=f".{out.name}.regionkit-prev-", dir=out.parent))
                os.replace(out, old)
                _step(3)
                os.replace(stage, out)
            self.committed = True
            _step(4)
            (out / MARKER).unlink()
            _fsync(out.parent)
            _step(5)
            if old is not None:
                _retire(old, out)
            _step(8)

    def discard(self) -> None:
        """Delete the staging folder (a failed run): the output folder is untouched."""
        if not self.committed:
            shutil.rmtree(self.path, ignore_errors=True)
        self._lock.release()


def _fsync(folder: Path) -> None:
    """Flush a folder's entries to disk, where the system can."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def staging(out: str | Path) -> Iterator[Staging]:
    """A staging folder for a new set of outputs of ``out``; deleted unless committed.

    Leftovers of killed runs are recovered first (:func:`recover`).

    Raises
    ------
    InputDataError
        When ``out`` cannot be replaced as a whole (see :func:`check_folder`), or
        no folder can be made beside it.
    """
    target = Path(out).resolve()
    check_folder(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target.parent):
            _recover(target)
            path = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.regionkit-new-", dir=target.parent)
            )
            lock = _Lock(path)
            (path / MARKER).write_bytes(b"")
    except OSError as exc:
        raise InputDataError(
            Problem(
                f"cannot write beside the output folder ({exc.strerror or exc}); a run stages "
                "its files in the folder that holds the output folder",
                fix=f"make {target.parent} writable, or name another folder for --out",
                file=str(target),
            )
        ) from None
    stage = Staging(path, target, lock)
    try:
        yield stage
    finally:
        stage.discard()
