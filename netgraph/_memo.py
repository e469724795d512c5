"""Per-network memos: work done once per (immutable) network, and kept in its snapshot.

A :class:`~netgraph.ReferralNetwork` never changes, so anything computed from it alone
(integer codes, the compute view, tie-graph communities, evidence indexes, fitted
ranking weights, the argument-free stages of the network-wide measures) can be
computed once and kept. :func:`memo` keeps such a value on the network under a
dotted name (``"suggest.communities"``) and, when the network came through the
snapshot cache (:mod:`netgraph.cache`), hands it to the snapshot, so the next process
that loads the same data finds it already done.

A value to persist is built from numpy arrays, pandas Series and DataFrames, and
plain Python values (dicts with string keys, lists, tuples, str, int, float, bool,
None); anything else is stored with :mod:`pickle` inside the same checksummed
snapshot. A value must not depend on anything but the network (no seeker, no
argument): key arguments into the name when they matter (``f"brokers.betweenness.{k}"``).
Callers must not modify what they get back (arrays are read-only).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from netgraph.network import ReferralNetwork

__all__ = ["Lazy", "SnapshotSink", "derive", "memo"]

T = TypeVar("T")


class SnapshotSink(Protocol):
    """Where a network's new memos go (the snapshot it was loaded through)."""

    def add(self, name: str, value: object) -> None:
        """Keep ``value`` under ``name`` (never raises: a cache problem is only reported)."""


class Lazy:
    """A memo stored in a snapshot, read from disk only when first asked for."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[], object]) -> None:
        self.read = read


_MISSING: Any = object()


def memo(net: ReferralNetwork, name: str, make: Callable[[], T], *, persist: bool = True) -> T:
    """Return the network's value called ``name``, computing it with ``make()`` once.

    Parameters
    ----------
    net
        The network the value belongs to.
    name
        A dotted name unique across netgraph (module first: ``"suggest.records"``).
    make
        Computes the value from ``net`` alone.
    persist
        Keep the value in the network's snapshot (when it has one), so later
        processes reuse it. ``False`` for values only useful within a process.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> calls = []
    >>> memo(net, "doc.example", lambda: calls.append(1) or 42, persist=False)
    42
    >>> memo(net, "doc.example", lambda: calls.append(1) or 42, persist=False), len(calls)
    (42, 1)
    """
    box = net._memo
    value = box.get(name, _MISSING)
    if isinstance(value, Lazy):
        try:
            value = value.read()
        except Exception:  # noqa: BLE001 - a damaged snapshot entry: compute it again
            from netgraph.cache import report_problem

            report_problem(f"a damaged snapshot entry ({name}) was recomputed")
            value = _MISSING
        else:
            box[name] = value
            return value
    if value is not _MISSING:
        return value
    value = make()
    box[name] = value
    sink = net._snapshot
    if persist and sink is not None:
        sink.add(name, value)
    return value


class _Prefixed:
    """A derived network's sink: its memos go into the parent's snapshot, under a prefix."""

    __slots__ = ("prefix", "sink")

    def __init__(self, sink: SnapshotSink, prefix: str) -> None:
        self.sink, self.prefix = sink, prefix

    def add(self, name: str, value: object) -> None:
        self.sink.add(self.prefix + name, value)


def derive(parent: ReferralNetwork, child: ReferralNetwork, tag: str) -> ReferralNetwork:
    """Let ``child``, computed from ``parent`` alone, keep its memos in ``parent``'s snapshot.

    For a network that is a fixed function of another (the network without the people
    who opted out of research, say): its memos are stored as ``"{tag}:{name}"`` in the
    parent's snapshot and found there by the next process. ``tag`` must name the
    function (and any argument it takes). Returns ``child``.
    """
    sink = parent._snapshot
    if sink is None or child is parent or child._snapshot is not None:
        return child
    prefix = tag + ":"
    for name, value in list(parent._memo.items()):
        if name.startswith(prefix) and isinstance(value, Lazy):
            child._memo.setdefault(name[len(prefix) :], value)
    object.__setattr__(child, "_snapshot", _Prefixed(sink, prefix))
    return child
