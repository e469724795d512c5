"""All-or-nothing writes of several files in one folder: a write-ahead journal.

One command of netgraph may change several files of a folder (``log interview`` with a
new contact changes ``people.csv`` and ``interviews.csv``; a report replaces a dozen
files). :func:`commit` makes such a change all-or-nothing, even when the process is
killed half-way:

1. Under the folder's exclusive lock (:func:`locked`), the new contents of every file
   are written to a staging folder ``.netgraph-pending-<token>`` inside the folder and
   flushed to disk. Nothing the user sees has changed yet; a crash here leaves only
   the staging folder, which the next writer removes (roll back).
2. The journal ``.netgraph-journal.json`` -- the token and the list of files -- is
   written to a temporary name, flushed and renamed into place. That rename is the
   commit point.
3. Each staged file is renamed over its target (``os.replace``, atomic on one file
   system), then the journal is removed. A crash here leaves the journal, and the
   next writer or reader (:func:`locked`, :func:`reading`) finishes the renames
   (roll forward) before it looks at the folder.

A file that is a symbolic link is written through: the link's target gets the new
contents and the link stays. A read-only file or folder is refused before anything
is written. Operating-system failures (a full disk, a permission refused) become
:class:`~netgraph.errors.OutputError` with the file and the reason, and leave the
folder as it was.

The module is internal and small on purpose, so that every writer of netgraph (the
CSV ``log``, the report folder, exports, future stores) shares one tested protocol::

    with locked(folder):
        commit(folder, {"people.csv": new_bytes, "old.csv": None})  # None deletes
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import secrets
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from netgraph.errors import NetgraphError, OutputError

__all__ = [
    "JOURNAL_NAME",
    "LOCK_NAME",
    "PENDING_PREFIX",
    "check_folder",
    "commit",
    "file_digest",
    "locked",
    "read_only",
    "reading",
    "recover",
    "refused",
    "target",
]

LOCK_NAME = ".netgraph.lock"
JOURNAL_NAME = ".netgraph-journal.json"
PENDING_PREFIX = ".netgraph-pending-"
_VERSION = 1
_T = TypeVar("_T")
_HELD = threading.local()  # folders this thread holds the exclusive lock of


def _checkpoint(label: str) -> None:
    """Mark a step of a commit; a no-op that tests replace to kill the writer there."""


# ------------------------------------------------------------------ helpers
def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def refused(path: Path, exc: OSError, doing: str) -> OutputError:
    """Return an :class:`OutputError` explaining an operating-system failure on ``path``."""
    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "permission denied (read-only)"
    elif exc.errno == errno.ENOTDIR:
        why = "a part of the path is a file, not a folder"
    else:
        why = _reason(exc)
    return OutputError(f"cannot {doing} {path}: {why}; nothing was changed")


def read_only(path: Path) -> bool:
    """Return True when ``path`` has no write permission bit, or the OS refuses writes."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    no_bits = not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return no_bits or not os.access(path, os.W_OK)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open a folder
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_synced(path: Path, data: bytes) -> None:
    """Create ``path`` (it must not exist) holding ``data``, flushed to disk."""
    with path.open("xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """Return the SHA-256 of the file at ``path`` (hex)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def target(folder: Path, name: str) -> Path:
    """Return the file written for ``name`` in ``folder``: a symbolic link's target."""
    path = Path(folder) / name
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _staged(folder: Path, token: str, name: str) -> Path:
    """Where the new contents of ``name`` wait: next to the file that will be replaced."""
    real = target(folder, name)
    if real.parent == Path(folder) or os.path.realpath(real.parent) == os.path.realpath(folder):
        return Path(folder) / f"{PENDING_PREFIX}{token}" / name
    return real.parent / f"{PENDING_PREFIX}{token}-{real.name}"


def check_folder(folder: Path, *, what: str = "data folder") -> None:
    """Raise :class:`OutputError` unless ``folder`` is an existing, writable folder."""
    folder = Path(folder)
    if not folder.exists():
        raise OutputError(f"no {what} at {folder} (nothing is there); nothing was changed")
    if not folder.is_dir():
        raise OutputError(f"{folder} is a file, not a {what}; nothing was changed")
    if read_only(folder):
        raise OutputError(
            f"{folder} is read-only; make it writable (chmod u+w) to write into it; "
            "nothing was changed"
        )


# --------------------------------------------------------------------- lock
def _retry(
    attempt: Callable[[], _T], busy: type[OSError], path: Path, timeout: float, pause: float
) -> _T:
    """Return ``attempt()``, retried every ``pause`` seconds while it raises ``busy``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return attempt()
        except busy:
            if time.monotonic() > deadline:
                raise NetgraphError(f"{path} is locked by another writer") from None
            time.sleep(pause)


@contextlib.contextmanager
def _exclusive(folder: Path, timeout: float) -> Iterator[None]:
    path = folder / LOCK_NAME
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: exclusive creation of the lock file
        flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY
        fd = _retry(lambda: os.open(path, flags), FileExistsError, path, timeout, 0.05)
        try:
            yield
        finally:
            os.close(fd)
            path.unlink()
        return
    try:
        fh = path.open("a+b")
    except OSError as exc:
        raise refused(folder, exc, "write to") from None
    with fh:
        lock = fcntl.LOCK_EX | fcntl.LOCK_NB
        _retry(lambda: fcntl.flock(fh.fileno(), lock), BlockingIOError, path, timeout, 0.01)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def locked(
    folder: str | Path, *, timeout: float = 60.0, what: str = "data folder"
) -> Iterator[None]:
    """Hold the exclusive lock on ``folder``, after finishing any interrupted commit.

    Raises :class:`OutputError` when ``folder`` is missing, a file or read-only, and
    :class:`NetgraphError` when another writer holds the lock for ``timeout`` seconds.
    """
    folder = Path(folder)
    check_folder(folder, what=what)
    held = _held()
    key = os.path.realpath(folder)
    with _exclusive(folder, timeout):
        held.add(key)
        try:
            recover(folder)
            yield
        finally:
            held.discard(key)


def _held() -> set[str]:
    if not hasattr(_HELD, "folders"):
        _HELD.folders = set()
    return _HELD.folders


@contextlib.contextmanager
def reading(folder: str | Path, *, timeout: float = 60.0) -> Iterator[None]:
    """Read ``folder`` consistently: never in the middle of another process's commit.

    Holds a shared lock while the caller reads, when the folder has a lock file (a
    folder nobody ever wrote into, such as a read-only copy, is read without one). An
    interrupted commit is finished first, under the exclusive lock; when the folder
    cannot be written, that is an :class:`OutputError` (the files on disk are half
    old, half new, and reading them would mislead). Staging left by a writer that
    died before its commit point is removed when the folder is writable (it is
    invisible to readers either way).
    """
    folder = Path(folder)
    if os.path.realpath(folder) in _held():  # this thread is the writer: read its state
        yield
        return
    if _has_staging(folder):
        with contextlib.suppress(OutputError), locked(folder, timeout=timeout):
            pass
    for _ in range(3):
        if (folder / JOURNAL_NAME).exists():
            try:
                with locked(folder, timeout=timeout):
                    pass
            except OutputError as exc:
                raise OutputError(
                    f"{folder} holds a write that was interrupted and cannot be finished: {exc}"
                ) from None
        try:
            import fcntl

            fh = (folder / LOCK_NAME).open("rb")
        except (ImportError, OSError):  # no lock file (or Windows): nobody is writing
            yield
            return
        with fh:
            share = fcntl.LOCK_SH | fcntl.LOCK_NB
            path = folder / LOCK_NAME
            take = functools.partial(fcntl.flock, fh.fileno(), share)
            _retry(take, BlockingIOError, path, timeout, 0.01)
            try:
                if not (folder / JOURNAL_NAME).exists():
                    yield
                    return
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    raise NetgraphError(f"{folder} keeps being interrupted while written; try again")


def _has_staging(folder: Path) -> bool:
    try:
        return any(entry.name.startswith(PENDING_PREFIX) for entry in folder.iterdir())
    except OSError:
        return False


# ------------------------------------------------------------------ recover
def recover(folder: str | Path) -> list[str]:
    """Finish an interrupted commit, or roll back an unfinished one; hold the lock.

    A journal means the commit point was passed: every staged file still waiting is
    renamed into place, files to delete are deleted, and the journal is removed.
    Staging left without a journal (the writer died before the commit point) is
    removed, so the folder stays as it was before that command.

    Returns
    -------
    list of str
        The files the interrupted commit changed (empty when there was none).
    """
    folder = Path(folder)
    done: list[str] = []
    journal = folder / JOURNAL_NAME
    if journal.exists():
        try:
            data = json.loads(journal.read_bytes())
            token, files = str(data["token"]), list(data["files"])
            if data.get("version") != _VERSION or not all(
                isinstance(f, dict) and _plain_name(f.get("name")) for f in files
            ):
                raise ValueError("unknown journal layout")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise NetgraphError(
                f"{journal} cannot be read ({exc}); it records an interrupted write -- "
                "check the folder's files and remove the journal by hand"
            ) from None
        for entry in files:
            name = entry["name"]
            final = target(folder, name)
            if entry.get("delete"):
                with contextlib.suppress(FileNotFoundError):
                    final.unlink()
            else:
                staged = _staged(folder, token, name)
                if staged.exists():
                    staged.replace(final)
                elif not final.exists() or file_digest(final) != entry["sha256"]:
                    raise NetgraphError(
                        f"cannot finish the interrupted write recorded in {journal}: the new "
                        f"{name} is lost; check the folder and remove the journal by hand"
                    )
            done.append(name)
        _fsync_dir(folder)
        journal.unlink()
        _fsync_dir(folder)
    _remove_stale(folder)
    return done


def _plain_name(name: object) -> bool:
    """Return True for a bare file name: a journal never points outside its folder."""
    return isinstance(name, str) and bool(name) and Path(name).name == name and name != ".."


def _remove_stale(folder: Path) -> None:
    """Remove staging left by writers that died before their commit point."""
    for entry in folder.iterdir():
        if entry.name.startswith(PENDING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(f"{JOURNAL_NAME}.") and entry.name.endswith(".tmp"):
            entry.unlink(missing_ok=True)
        elif entry.is_symlink():  # staging beside a linked file's target
            real = Path(os.path.realpath(entry))
            with contextlib.suppress(OSError):
                for stale in real.parent.glob(f"{PENDING_PREFIX}*-{real.name}"):
                    if stale.is_file() and not stale.is_symlink():
                        stale.unlink()


# ------------------------------------------------------------------- commit
def commit(
    folder: str | Path,
    changes: Mapping[str, bytes | None],
    *,
    validate: Callable[[Path], object] | None = None,
    alongside: Iterable[str] = (),
) -> None:
    """Replace (or delete) several files of ``folder`` at once: all or nothing.

    The caller holds :func:`locked`. Files are replaced in the order of ``changes``.

    Parameters
    ----------
    folder
        The folder.
    changes
        File name (no folder part) to its complete new contents, or ``None`` to delete
        the file.
    validate
        Called with the staging folder, which then holds the new files and
        ``alongside`` (hard links or copies of the unchanged files), before the
        commit point; an exception it raises cancels the commit.
    alongside
        Names of unchanged files ``validate`` needs to see.

    Raises
    ------
    OutputError
        If a file to replace, or the folder, is read-only, or the operating system
        refuses a write (a full disk). Nothing has changed then.
    """
    folder = Path(folder)
    bad = [name for name in changes if not _plain_name(name)]
    if bad:
        raise ValueError(f"not a plain file name: {bad[0]!r}")
    for name, data in changes.items():
        final = target(folder, name)
        if data is not None and final.exists() and read_only(final):
            shown = name if final == folder / name else f"{name} (a link to {final})"
            raise OutputError(
                f"{folder / name} is read-only; make it writable (chmod u+w {shown}) to "
                "change it; nothing was changed"
            )
        if read_only(final.parent):
            raise OutputError(
                f"{final.parent} is read-only; make it writable (chmod u+w) to change "
                f"{name}; nothing was changed"
            )
    token = secrets.token_hex(8)
    pending = folder / f"{PENDING_PREFIX}{token}"
    journal = folder / JOURNAL_NAME
    entries: list[dict[str, object]] = []
    try:
        try:
            pending.mkdir()
            for name, data in changes.items():
                if data is None:
                    entries.append({"name": name, "delete": True})
                    continue
                staged = _staged(folder, token, name)
                _write_synced(staged, data)
                final = target(folder, name)
                if final.exists():
                    shutil.copymode(final, staged)
                if staged.parent != pending:  # a linked file elsewhere: validate sees a copy
                    _link_or_copy(staged, pending / name)
                entries.append({"name": name, "sha256": _digest(data)})
                _checkpoint(f"staged {name}")
            if validate is not None:
                for name in alongside:
                    src = folder / name
                    if name not in changes and src.exists():
                        _link_or_copy(src, pending / name)
        except OSError as exc:
            raise refused(Path(getattr(exc, "filename", None) or folder), exc, "write") from None
        if validate is not None:
            validate(pending)
            _checkpoint("validated")
        record = {"version": _VERSION, "token": token, "files": entries}
        tmp = folder / f"{JOURNAL_NAME}.{token}.tmp"
        try:
            _write_synced(tmp, json.dumps(record, indent=1).encode("utf-8"))
            _checkpoint("journal written")
            tmp.replace(journal)
            _fsync_dir(folder)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise refused(folder, exc, "write to") from None
    except BaseException:
        _discard(folder, token, changes)
        raise
    _checkpoint("committed")
    for entry in entries:  # past the commit point: a failure here is finished by recover()
        name = str(entry["name"])
        final = target(folder, name)
        if entry.get("delete"):
            with contextlib.suppress(FileNotFoundError):
                final.unlink()
            _checkpoint(f"deleted {name}")
        else:
            _staged(folder, token, name).replace(final)
            _checkpoint(f"replaced {name}")
    _fsync_dir(folder)
    journal.unlink()
    _fsync_dir(folder)
    _checkpoint("journal removed")
    shutil.rmtree(pending, ignore_errors=True)
    _checkpoint("cleaned")


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _discard(folder: Path, token: str, changes: Mapping[str, object]) -> None:
    """Remove the staging of a commit that did not reach its commit point."""
    shutil.rmtree(folder / f"{PENDING_PREFIX}{token}", ignore_errors=True)
    for name in changes:
        with contextlib.suppress(OSError):
            staged = _staged(folder, token, name)
            if staged.parent != folder / f"{PENDING_PREFIX}{token}":
                staged.unlink(missing_ok=True)
