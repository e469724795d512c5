"""Snapshots of validated networks, so a second process starts in a fraction of the time.

Loading a career center's pooled data means parsing and validating millions of rows,
then building the compute view and the per-network results that no seeker changes
(tie-graph communities, evidence indexes, fitted weights, network-wide stages). A
*snapshot* keeps all of it in the user's cache directory:

* the validated tables as Arrow IPC files (pyarrow; memory-mapped when read back, so a
  warm start decodes nothing: at a million people Parquet's decoding was most of it);
* every per-network memo (:mod:`netgraph._memo`): numpy arrays as ``.npy`` files,
  memory-mapped when read back, text arrays as Arrow files, plain values in the
  manifest, anything else pickled;
* ``manifest.json``, written last: the format, netgraph's version and a hash of its
  code, the source and its content fingerprint, and each file's size and BLAKE2 hash.

**Keyed by content.** A snapshot is found by a key that hashes the source's location
and its fingerprint (for a CSV folder: each file's name, size, modification time and
bytes), netgraph's version, the hash of its code and :data:`FORMAT`. Any change to
an input or to netgraph gives another key, so a snapshot is never used for other
data. Every file is checked against its size and hash before it is used (tables when
the network is loaded, memos when first asked for); a snapshot that fails any check
(damaged, truncated, written by another version, another format or for another
source) is removed and rebuilt: a cache problem costs time, never a wrong answer.

**Never in the way.** A snapshot is written to a temporary folder and renamed into
place under a lock; a second process building the same snapshot meanwhile runs
without it. When the cache directory cannot be written (read-only, full disk) the
work goes on without the cache; the problem is reported once per process through
the ``netgraph.cache`` logger (the CLI prints it once on stderr).

The cache directory is ``platformdirs.user_cache_dir("netgraph")`` unless
``NETGRAPH_CACHE_DIR`` names another; ``NETGRAPH_CACHE=0`` (or ``--no-cache``, or
``load(..., cache=False)``) turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from netgraph._memo import Lazy

if TYPE_CHECKING:
    from netgraph.network import ReferralNetwork

__all__ = [
    "FORMAT",
    "CacheInfo",
    "cache_dir",
    "cache_enabled",
    "cache_info",
    "clear_cache",
    "forget",
    "load_cached",
]

FORMAT = 3
"""Version of the snapshot layout; a snapshot of another format is rebuilt."""

log = logging.getLogger("netgraph.cache")

_TABLES = ("people", "ties", "interviews", "referrals")
_reported: set[str] = set()


class _Unusable(Exception):
    """A snapshot that cannot be used (missing, damaged, foreign): build without it."""


def report_problem(text: str) -> None:
    """Report a cache problem once per process (logger ``netgraph.cache``, level WARNING).

    The command goes on without the cache; the CLI shows the message on stderr.
    """
    if not _reported:
        log.warning("netgraph: cache: %s; running without the cache", text)
    _reported.add(text)


# ------------------------------------------------------------------ settings
def cache_dir() -> Path:
    """Return the cache directory: ``$NETGRAPH_CACHE_DIR``, else the user's cache dir.

    Examples
    --------
    >>> import os
    >>> before = os.environ.get("NETGRAPH_CACHE_DIR")
    >>> os.environ["NETGRAPH_CACHE_DIR"] = "/tmp/ng-cache"
    >>> str(cache_dir())
    '/tmp/ng-cache'
    >>> _ = os.environ.pop("NETGRAPH_CACHE_DIR") if before is None else os.environ.update(
    ...     NETGRAPH_CACHE_DIR=before)
    """
    given = os.environ.get("NETGRAPH_CACHE_DIR", "").strip()
    if given:
        return Path(given).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("netgraph", appauthor=False))


def cache_enabled(cache: bool | None = None) -> bool:
    """Whether to use the cache: ``cache`` when given, else not ``NETGRAPH_CACHE=0``.

    Examples
    --------
    >>> cache_enabled(False)
    False
    """
    if cache is not None:
        return bool(cache)
    value = os.environ.get("NETGRAPH_CACHE", "1").strip().lower()
    return value not in ("0", "no", "off", "false")


_CODE: str | None = None


def code_fingerprint() -> str:
    """Return a hash of netgraph's version and source code (computed once per process).

    Any change to netgraph's code (a new release, or a working copy being edited)
    changes it, so a snapshot never outlives the code that wrote it.
    """
    global _CODE
    if _CODE is None:
        import netgraph

        root = Path(netgraph.__file__).parent
        h = hashlib.blake2b(f"{netgraph.__version__}:{FORMAT}".encode(), digest_size=16)
        for path in sorted(root.rglob("*.py")):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
        _CODE = h.hexdigest()
    return _CODE


# ------------------------------------------------------------------- sources
def _stat(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def _file_states(path: Path) -> list:
    """Size, modification time and inode of a store's files (a folder: each table file)."""
    if not path.is_dir():
        return [_stat(path)]
    from netgraph.load import SCHEMAS

    return [_stat(path / schema.file) for schema in SCHEMAS.values()]


@dataclass(frozen=True)
class _Source:
    """What the cache needs from a source: where, its content fingerprint, its tables."""

    kind: str
    location: str
    fingerprint: Callable[[], str]
    read_tables: Callable[[], dict[str, pd.DataFrame]]
    unchanged_since: Callable[[], Callable[[], bool]]

    @property
    def id(self) -> str:
        return _digest(f"{self.kind}\0{self.location}")


def source_for(source: object) -> _Source:
    """Return the cache's view of a store (a :class:`netgraph.sources.Source`, or a location).

    Every store gives a content fingerprint (``Source.fingerprint``: for files their
    names, sizes, modification times and bytes; for a database a hash of its rows),
    which keys the snapshot. A store in files is also checked not to have changed
    while it was read (sizes, times, inodes); a database by its fingerprint again.
    """
    from netgraph.sources import Source, open_source

    store = source if isinstance(source, Source) else open_source(source)  # type: ignore[arg-type]
    path = getattr(store, "path", None)
    location = str(Path(path).resolve()) if path is not None else store.location

    def unchanged_since() -> Callable[[], bool]:
        if path is None:
            before = store.fingerprint()
            return lambda: store.fingerprint() == before
        states = _file_states(Path(path))
        return lambda: _file_states(Path(path)) == states

    return _Source(
        kind=store.kind,
        location=location,
        fingerprint=store.fingerprint,
        read_tables=store.read_tables,
        unchanged_since=unchanged_since,
    )


def _digest(text: str | bytes) -> str:
    data = text.encode() if isinstance(text, str) else text
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _file_hash(path: Path) -> str:
    """CRC-32 of a file (a checksum against damage; the key, not this, names the content)."""
    crc = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 24):
            crc = zlib.crc32(block, crc)
    return f"crc32:{crc:08x}"


# ------------------------------------------------------------------- layout
def _snapshots_root() -> Path:
    return cache_dir() / f"snapshots-v{FORMAT}"


@contextlib.contextmanager
def _lock(folder: Path, *, wait: bool) -> Iterator[bool]:
    """Hold ``folder/.lock`` (yield True), or yield False when taken and ``wait`` is off."""
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _write_json_atomic(path: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ------------------------------------------------------------ values on disk
def _is_text_array(value: np.ndarray) -> bool:
    if value.dtype != object or value.ndim != 1:
        return False
    return pd.api.types.infer_dtype(value, skipna=False) == "string"  # every item a str


class _Writer:
    """Writes a value's files into a folder and returns its spec (JSON)."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder, self.prefix, self.files, self._n = folder, prefix, {}, 0

    def _file(self, suffix: str) -> Path:
        self._n += 1
        return self.folder / f"{self.prefix}.{self._n}{suffix}"

    def _done(self, path: Path) -> str:
        self.files[path.name] = {"size": path.stat().st_size, "hash": _file_hash(path)}
        return path.name

    def spec(self, value: object) -> dict:
        if value is None or isinstance(value, bool | int | float | str):
            return {"t": "json", "v": value}
        if isinstance(value, np.ndarray):
            if value.dtype != object and not value.dtype.hasobject:
                path = self._file(".npy")
                np.save(path, np.ascontiguousarray(value), allow_pickle=False)
                return {"t": "npy", "f": self._done(path)}
            if _is_text_array(value):
                codes, uniq = pd.factorize(value)
                if 2 * len(uniq) < len(value):  # few distinct texts: codes and the texts
                    return {
                        "t": "textcodes",
                        "codes": self.spec(codes),
                        "text": self.spec(np.asarray(uniq, dtype=object)),
                    }
                import pyarrow as pa

                path = self._file(".arrow")
                table = pa.table({"v": pa.array(value, type=pa.large_string())})
                with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as w:
                    w.write_table(table)
                return {"t": "text", "f": self._done(path)}
        if type(value) is dict and all(type(k) is str for k in value):
            return {"t": "dict", "k": list(value), "v": [self.spec(v) for v in value.values()]}
        if type(value) in (list, tuple):
            return {"t": type(value).__name__, "v": [self.spec(v) for v in value]}
        path = self._file(".pickle")
        with path.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return {"t": "pickle", "f": self._done(path)}


class _Reader:
    """Reads a value back from its spec, checking every file against the manifest."""

    def __init__(self, folder: Path, files: dict[str, dict]) -> None:
        self.folder, self.files = folder, files

    def _checked(self, name: str) -> Path:
        meta = self.files.get(name)
        path = self.folder / name
        if meta is None or not path.is_file():
            raise _Unusable(f"{name} is missing")
        if path.stat().st_size != meta["size"] or _file_hash(path) != meta["hash"]:
            raise _Unusable(f"{name} is damaged")
        return path

    def value(self, spec: dict) -> object:
        t = spec["t"]
        if t == "json":
            return spec["v"]
        if t == "npy":
            mapped = np.load(self._checked(spec["f"]), mmap_mode="r", allow_pickle=False)
            # a plain (read-only) array over the mapped file: slicing a np.memmap costs
            # Python-level work on every slice, which the hot loops would pay
            return mapped.view(np.ndarray)
        if t == "text":
            import pyarrow as pa

            with pa.memory_map(str(self._checked(spec["f"])), "r") as src:
                column = pa.ipc.open_file(src).read_all().column("v")
            out = column.to_numpy(zero_copy_only=False).astype(object, copy=False)
            out.setflags(write=False)
            return out
        if t == "textcodes":
            out = np.asarray(self.value(spec["text"]), dtype=object)[self.value(spec["codes"])]
            out.setflags(write=False)
            return out
        if t == "dict":
            return dict(zip(spec["k"], (self.value(v) for v in spec["v"]), strict=True))
        if t in ("list", "tuple"):
            items = [self.value(v) for v in spec["v"]]
            return items if t == "list" else tuple(items)
        if t == "pickle":
            with self._checked(spec["f"]).open("rb") as fh:
                return pickle.load(fh)  # our own file, checked against its hash
        raise _Unusable(f"unknown entry type {t!r}")


# ------------------------------------------------------------------ tables
def _write_tables(folder: Path, tables: dict[str, pd.DataFrame]) -> dict:
    import pyarrow as pa

    out = {}
    for name, frame in tables.items():
        tuples = [
            c
            for c in frame.columns
            if frame[c].dtype == object and frame[c].map(lambda v: isinstance(v, tuple)).any()
        ]
        path = folder / f"{name}.arrow"
        table = pa.Table.from_pandas(frame, preserve_index=False)
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as w:
            w.write_table(table)
        out[name] = {
            "file": path.name,
            "size": path.stat().st_size,
            "hash": _file_hash(path),
            "columns": [str(c) for c in frame.columns],
            "dtypes": [str(t) for t in frame.dtypes],
            "tuples": [str(c) for c in tuples],
            "rows": len(frame),
        }
    return out


def _read_tables(folder: Path, meta: dict) -> dict[str, pd.DataFrame]:
    import pyarrow as pa

    tables = {}
    reader = _Reader(folder, {m["file"]: m for m in meta.values()})
    if not set(_TABLES) <= set(meta):
        raise _Unusable("a table is missing")
    for name, m in meta.items():
        with pa.memory_map(str(reader._checked(m["file"])), "r") as src:
            frame = pa.ipc.open_file(src).read_all().to_pandas()
        for col in m["tuples"]:
            frame[col] = [tuple(v) if v is not None else () for v in frame[col].tolist()]
        if (
            [str(c) for c in frame.columns] != m["columns"]
            or [str(t) for t in frame.dtypes] != m["dtypes"]
            or len(frame) != m["rows"]
        ):
            raise _Unusable(f"table {name} does not read back as written")
        tables[name] = frame
    return tables


# ---------------------------------------------------------------- snapshots
class Snapshot:
    """A snapshot folder: its manifest, and new memos added to it as they are made."""

    def __init__(self, folder: Path, manifest: dict) -> None:
        self.folder, self.manifest = folder, manifest

    def lazy_memos(self) -> dict[str, Lazy]:
        """Each stored memo, to be read (and checked) when first asked for."""
        out = {}
        for name, entry in self.manifest.get("memo", {}).items():
            out[name] = Lazy(self._reader_of(name, entry))
        return out

    def _reader_of(self, name: str, entry: dict) -> Callable[[], object]:
        def read() -> object:
            try:
                return _Reader(self.folder, entry["files"]).value(entry["spec"])
            except Exception:
                self.discard()
                raise

        return read

    def discard(self) -> None:
        """Remove this snapshot (it failed a check): the next load rebuilds it."""
        with contextlib.suppress(OSError):
            shutil.rmtree(self.folder)

    def add(self, name: str, value: object) -> None:
        """Store a new memo in the snapshot (a cache problem is reported, never raised)."""
        if name in self.manifest.get("memo", {}):
            return
        try:
            with _lock(self.folder.parent, wait=True):
                path = self.folder / "manifest.json"
                if not path.is_file():
                    return  # removed meanwhile (cleared, or replaced by newer data)
                current = json.loads(path.read_text(encoding="utf-8"))
                if current.get("key") != self.manifest.get("key"):
                    return
                if name in current.get("memo", {}):
                    self.manifest = current
                    return
                prefix = "m-" + _digest(name)[:12]
                staging = Path(tempfile.mkdtemp(prefix=".add-", dir=self.folder))
                try:
                    writer = _Writer(staging, prefix)
                    spec = writer.spec(value)
                    for file in writer.files:
                        (staging / file).replace(self.folder / file)
                finally:
                    shutil.rmtree(staging, ignore_errors=True)
                current.setdefault("memo", {})[name] = {"spec": spec, "files": writer.files}
                _write_json_atomic(path, current)
                self.manifest = current
        except OSError as exc:
            report_problem(f"could not add to the snapshot in {self.folder} ({_why(exc)})")


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _open(folder: Path, key: str) -> tuple[Snapshot, dict[str, pd.DataFrame]]:
    path = folder / "manifest.json"
    if not path.is_file():
        raise _Unusable("no snapshot")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _Unusable("the manifest is damaged") from exc
    if not isinstance(manifest, dict):
        raise _Unusable("the manifest is damaged")
    if manifest.get("format") != FORMAT or manifest.get("code") != code_fingerprint():
        raise _Unusable("written by another version of netgraph")
    if manifest.get("key") != key:
        raise _Unusable("written for other data")
    try:
        tables = _read_tables(folder, manifest["tables"])
    except _Unusable:
        raise
    except Exception as exc:  # whatever a damaged file makes pyarrow raise
        raise _Unusable(f"a table does not read ({type(exc).__name__})") from exc
    return Snapshot(folder, manifest), tables


def _build(
    source: _Source, key: str, fingerprint: str, tables: dict, base: Path
) -> Snapshot | None:
    """Write a new snapshot of ``tables`` (None when another process is writing one)."""
    with _lock(base, wait=False) as got:
        if not got:
            report_problem("another netgraph process is building this snapshot")
            return None
        final = base / key
        staging = Path(tempfile.mkdtemp(prefix=".build-", dir=base))
        try:
            manifest = {
                "format": FORMAT,
                "code": code_fingerprint(),
                "key": key,
                "source": {"kind": source.kind, "location": source.location},
                "fingerprint": fingerprint,
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "tables": _write_tables(staging, tables),
                "memo": {},
            }
            _write_json_atomic(staging / "manifest.json", manifest)
            for old in base.iterdir():  # one snapshot per source: the newest
                if old.is_dir() and old.name != staging.name:
                    shutil.rmtree(old, ignore_errors=True)
            staging.replace(final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return Snapshot(final, manifest)


def load_cached(
    source: _Source, *, make_network: Callable[[dict[str, pd.DataFrame]], ReferralNetwork]
) -> ReferralNetwork:
    """Return the source's network from its snapshot, or load it and write the snapshot.

    Errors in the data (``DataError``) propagate as from a plain load; any cache
    problem only means working without the cache (reported once).
    """
    try:
        fingerprint = source.fingerprint()
    except OSError:  # unreadable input: let the plain load report it
        return make_network(source.read_tables())
    parts = (str(FORMAT), code_fingerprint(), source.kind, source.location, fingerprint)
    key = _digest("\0".join(parts))
    base = _snapshots_root() / source.id
    folder = base / key
    try:
        snapshot, tables = _open(folder, key)
    except _Unusable as why:
        if folder.exists():
            log.debug("rebuilding the snapshot in %s: %s", folder, why)
            with contextlib.suppress(OSError):
                shutil.rmtree(folder)
    except OSError as exc:
        report_problem(f"could not read the snapshot in {folder} ({_why(exc)})")
    else:
        net = make_network(tables)
        _attach(net, snapshot)
        return net
    unchanged = source.unchanged_since()
    tables = source.read_tables()
    net = make_network(tables)
    if not unchanged():  # the input changed while it was read: do not keep it
        report_problem("the data changed while it was read")
        return net
    try:
        snapshot = _build(source, key, fingerprint, tables, base)
    except OSError as exc:
        report_problem(f"could not write the snapshot in {base} ({_why(exc)})")
        return net
    if snapshot is not None:
        _attach(net, snapshot)
    return net


def _attach(net: ReferralNetwork, snapshot: Snapshot) -> None:
    for name, lazy in snapshot.lazy_memos().items():
        net._memo.setdefault(name, lazy)
    object.__setattr__(net, "_snapshot", snapshot)


# ------------------------------------------------------------ info and clear
@dataclass(frozen=True)
class CacheInfo:
    """What the cache holds.

    Attributes
    ----------
    folder
        The cache directory.
    enabled
        Whether commands use it (``NETGRAPH_CACHE``).
    snapshots
        One row per snapshot: ``source``, ``kind``, ``created``, ``size_bytes``,
        ``memos`` (how many per-network results it holds), ``current`` (written by
        this version of netgraph), ``folder``.
    """

    folder: Path
    enabled: bool
    snapshots: pd.DataFrame

    @property
    def size_bytes(self) -> int:
        """Total size of the snapshots."""
        return int(self.snapshots["size_bytes"].sum()) if len(self.snapshots) else 0


def _size(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if path.is_file():
                total += path.stat().st_size
    return total


def cache_info() -> CacheInfo:
    """Describe the cache: where it is and one row per snapshot.

    Returns
    -------
    CacheInfo
        The folder, whether the cache is on, and the snapshots (see :class:`CacheInfo`).

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()  # the first load writes the sample's snapshot
    >>> info = cache_info()
    >>> bool(info.snapshots["kind"].eq("csv").any())
    True
    """
    import pandas as pd

    rows = []
    root = cache_dir()
    for manifest in sorted(root.glob("snapshots-v*/*/*/manifest.json")):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        source = data.get("source", {}) if isinstance(data, dict) else {}
        rows.append(
            {
                "source": source.get("location", "?"),
                "kind": source.get("kind", "?"),
                "created": data.get("created", ""),
                "size_bytes": _size(manifest.parent),
                "memos": len(data.get("memo", {})),
                "current": data.get("format") == FORMAT and data.get("code") == code_fingerprint(),
                "folder": str(manifest.parent),
            }
        )
    cols = ["source", "kind", "created", "size_bytes", "memos", "current", "folder"]
    return CacheInfo(root, cache_enabled(), pd.DataFrame(rows, columns=cols))


def clear_cache() -> int:
    """Remove every snapshot; return how many bytes were freed.

    Only what netgraph wrote is removed (the ``snapshots-v*`` folders inside the
    cache directory), never the directory itself or anything else in it.
    """
    root = cache_dir()
    freed = 0
    for folder in root.glob("snapshots-v*"):
        if folder.is_dir():
            freed += _size(folder)
            shutil.rmtree(folder, ignore_errors=True)
    return freed


def forget(location: object) -> None:
    """Remove the snapshots of a store (after ``log`` or ``import`` changed it).

    The content key alone keeps a changed store from using an old snapshot; this
    frees the space at once. Problems are reported, never raised.
    """
    try:
        source = source_for(location)
    except Exception:  # noqa: BLE001 - no store there (anymore): no snapshot to remove
        return
    base = _snapshots_root() / source.id
    if not base.exists():
        return
    try:
        with _lock(base, wait=True):
            for old in base.iterdir():
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        report_problem(f"could not remove the old snapshot in {base} ({_why(exc)})")


def clear_reported() -> None:
    """Forget which problems were reported (for tests)."""
    _reported.clear()
