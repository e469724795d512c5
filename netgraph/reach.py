"""Reach: whom a seeker can reach, how warmly, where, over time, and what comes next.

**Reach within k hops.** The people a seeker can reach are those within ``k`` hops of
the seeker in the acquaintance graph (``k = max_hops``, default 3). For each of them:

* ``hops`` — the fewest hops from the seeker (the graph distance);
* the **warmest path** — the path of at most ``k`` hops whose *product of edge
  strengths* is largest; its product is the person's ``strength`` in (0, 1]. Since an
  edge's ``cost`` is ``-ln strength``, this is the path of least total cost among
  paths of at most ``k`` edges. It respects the hop limit: it can be longer than
  the shortest path (two warm introductions beat one cold one) but never longer than
  ``k``. It is found by a hop-limited Bellman–Ford search over the compute view
  (:attr:`ReferralNetwork.csr`), one layer of hops at a time, keeping per person and
  layer the best walk (:func:`netgraph._fast.warmest_within`); it is tested equal,
  tie rule included, to a brute-force enumeration of all paths;
* the **shortest path** — among the paths of exactly ``hops`` hops, the warmest;
* ``via`` — the first person on the warmest path: the seeker's contact to ask.

**Deterministic ties.** Paths compare by cost (rounded to 12 decimals, so products
that are equal on paper compare equal), then by fewer hops, then by the sequence of
``person_id`` values along the path, compared element by element (so the path through
the contact with the smaller id wins). Rows of a table with equal keys are ordered by
``person_id``.

**Local work.** Every search starts at the seeker and stops after ``k`` hops (a
bounded breadth-first search and the layered search above, both on the seeker's
rows of the CSR arrays); nothing walks the whole graph and the networkx graph is not
built. A network "as of" an earlier date is built from the seeker's ``k``-hop
neighbourhood only: the network on an earlier day has a subset of today's edges, so
today's neighbourhood holds everything the earlier one can reach.

**Warm reach** counts the people whose warmest path has strength at least
``warm_at`` (default 0.25: two steps through fresh interview-strength ties,
0.5 × 0.5).

**Projection** (:func:`project_reach`): a branching process fitted to the observed
referral yield; see its docstring for the model and its assumptions.

References
----------
.. [1] M. Granovetter, "The Strength of Weak Ties", American Journal of Sociology
   78(6), 1973.
.. [2] R. Bellman, "On a routing problem", Quarterly of Applied Mathematics 16(1),
   1958.
.. [3] T. E. Harris, *The Theory of Branching Processes*, Springer, 1963.
"""

from __future__ import annotations

import difflib
import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from netgraph._dates import parse_date
from netgraph._fast import hop_distances, warmest_within
from netgraph.errors import NetgraphError, NoRoute, UnknownTarget
from netgraph.network import ReferralNetwork, _fold

__all__ = [
    "DEFAULT_WARM_AT",
    "PATH_COLUMNS",
    "REACH_COLUMNS",
    "NoRoute",
    "ReachProjection",
    "UnknownTarget",
    "path_to",
    "project_reach",
    "reach",
    "reach_over_time",
    "reach_summary",
    "summarize_reach",
]

DEFAULT_WARM_AT = 0.25
TARGET_KEYS = ("industry", "organization", "role", "tag")
_KEY_ALIASES = {
    "industry": "industry",
    "organization": "organization",
    "organisation": "organization",
    "org": "organization",
    "role": "role",
    "tag": "tag",
    "tags": "tag",
    "person": "person",
    "person_id": "person",
    "id": "person",
    "name": "person",
}
_DIGITS = 12  # costs equal to 12 decimals are ties
_EPS = 1e-12
_UNKNOWN = "(unknown)"

REACH_COLUMNS = [
    "person_id",
    "name",
    "role",
    "organization",
    "industry",
    "hops",
    "strength",
    "warm_hops",
    "via_id",
    "via",
    "warm_path",
    "shortest_path",
    "shortest_strength",
]
PATH_COLUMNS = [
    "route",
    "step",
    "person_id",
    "name",
    "role",
    "organization",
    "industry",
    "introducer_id",
    "introducer",
    "tie_strength",
    "kinds",
    "strength",
    "action",
]
_SUMMARY_VALUES = ["reached", "warm", "share", "cumulative_reached", "cumulative_warm"]
ByKey = Literal["hops", "industry", "organization", "role"]


# ---------------------------------------------------------------- checks
def _is_whole(value: object) -> bool:
    """Return whether ``value`` is an int (numpy's included), and not a bool."""
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _check_hops(max_hops: int) -> int:
    if not _is_whole(max_hops) or max_hops < 1:
        raise NetgraphError(f"max_hops must be a whole number >= 1, got {max_hops!r}")
    return int(max_hops)


def _check_unit(name: str, value: float) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise NetgraphError(f"{name} must be a number between 0 and 1, got {value!r}") from None
    if not 0.0 <= v <= 1.0:
        raise NetgraphError(f"{name} must be between 0 and 1, got {value!r}")
    return v


# ------------------------------------------------------------ local views
def _local_network(net: ReferralNetwork, seeker: str, max_hops: int) -> ReferralNetwork:
    """Return the sub-network of the people within ``max_hops`` of ``seeker`` (all their rows)."""
    ball = set(hop_distances(net, seeker, int(max_hops)))
    ties, iv, ref = net.ties, net.interviews, net.referrals
    tables = {
        "people": net.people[net.people.index.isin(ball)].reset_index(),
        "ties": ties[ties["person_a"].isin(ball) & ties["person_b"].isin(ball)],
        "interviews": iv[iv["seeker_id"].isin(ball) & iv["contact_id"].isin(ball)],
        "referrals": ref[ref["referrer_id"].isin(ball) & ref["referred_id"].isin(ball)],
    }
    tables = {k: t.reset_index(drop=True) for k, t in tables.items()}
    return ReferralNetwork.from_tables(tables, source=net.source, as_of_date=net.as_of_date)


def _prepare(
    net: ReferralNetwork, seeker: str, max_hops: int, as_of: str | pd.Timestamp | None
) -> tuple[ReferralNetwork, str]:
    """Resolve the seeker; return the network to search (local and dated when ``as_of``)."""
    seeker = net.resolve(seeker)
    if as_of is None:
        return net, seeker
    return _local_network(net, seeker, max_hops).as_of(as_of), seeker


# ---------------------------------------------------------------- tables
def _edge(net: ReferralNetwork, u: str, v: str) -> pd.Series:
    """Return the row of :attr:`ReferralNetwork.edges` for the tie ``u``–``v`` (via CSR)."""
    csr = net.csr
    i, j = csr.index[u], csr.index[v]
    lo, hi = int(csr.indptr[i]), int(csr.indptr[i + 1])
    pos = lo + int(np.searchsorted(csr.indices[lo:hi], j))
    return net.edges.iloc[int(csr.edge[pos])]


def _people_text(net: ReferralNetwork, ids: list[str], col: str) -> list[str]:
    """Return a people column as text for ``ids`` ("" when missing or not text)."""
    if col not in net.people.columns:
        return [""] * len(ids)
    values = net.people[col].reindex(ids).tolist()
    return [x if isinstance(x, str) else "" for x in values]


_DTYPES = {
    "person_id": str,
    "name": str,
    "role": str,
    "organization": str,
    "industry": str,
    "hops": "int64",
    "strength": "float64",
    "warm_hops": "int64",
    "via_id": str,
    "via": str,
    "warm_path": object,
    "shortest_path": object,
    "shortest_strength": "float64",
    "route": str,
    "step": "int64",
    "introducer_id": str,
    "introducer": str,
    "tie_strength": "float64",
    "kinds": str,
    "action": str,
}


def _frame(columns: list[str], rows: list[dict[str, object]]) -> pd.DataFrame:
    """Return a DataFrame of ``rows`` with the same dtypes whether or not it is empty."""
    return pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=_DTYPES[c]) for c in columns})


def _reach_frame(
    net: ReferralNetwork, seeker: str, max_hops: int, min_strength: float
) -> pd.DataFrame:
    # the layered search of the compute view (same paths and tie rule as
    # search by brute force, tested), so the full acquaintance graph is never built
    w = warmest_within(net, seeker, int(max_hops))
    table = w.to_frame()
    if min_strength > 0:
        max_cost = -math.log(min_strength) + _EPS
        keep = (table["cost"] <= max_cost) & (table["strength"] >= min_strength - _EPS)
        table = table[keep.to_numpy()].reset_index(drop=True)
    ids = table["person_id"].tolist()
    for col in ("name", "role", "organization", "industry"):
        table[col] = pd.Series(_people_text(net, ids, col), dtype=str)
    table["via"] = pd.Series(_people_text(net, table["via_id"].tolist(), "name"), dtype=str)
    table = table.astype({"hops": "int64", "warm_hops": "int64"})
    return table[REACH_COLUMNS]


# ----------------------------------------------------------------- reach
def reach(
    net: ReferralNetwork,
    seeker: str,
    *,
    max_hops: int = 3,
    min_strength: float = 0.0,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """List the people a seeker can reach within ``max_hops``, with their warmest path.

    A person is reached when they are within ``max_hops`` hops of the seeker in the
    acquaintance graph and their *warmest path* of at most ``max_hops`` hops (the
    largest product of edge strengths; see the module docstring for the hop-limited
    search and the tie rule) has strength at least ``min_strength``. The
    seeker is not listed. The search explores only the seeker's ``max_hops``
    neighbourhood.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    max_hops
        How many hops out to look (>= 1).
    min_strength
        Keep only people whose warmest path has at least this strength (0 to 1;
        0 keeps everyone within ``max_hops``). ``hops`` and ``shortest_path`` stay the plain graph
        distance and route, whatever their strength.
    as_of
        Reach in the network as it stood at the end of this day.

    Returns
    -------
    pandas.DataFrame
        One row per reached person, ordered by ``hops``, then strongest first, then
        ``person_id``. Columns: ``person_id``, ``name``, ``role``, ``organization``,
        ``industry``; ``hops`` (fewest hops from the seeker); ``strength`` (product of
        strengths along the warmest path, in (0, 1]); ``warm_hops`` (its length, from
        ``hops`` to ``max_hops``); ``via_id`` and ``via`` (its first person: whom the
        seeker asks); ``warm_path`` and ``shortest_path`` (tuples of ``person_id``
        from the seeker to the person); ``shortest_strength`` (the product of
        strengths along the shortest path, at most ``strength``).

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    NetgraphError
        If ``max_hops`` is not a whole number >= 1 or ``min_strength`` is not in
        [0, 1].

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> table = ng.reach(net, "p001", max_hops=2)
    >>> sorted(table["hops"].unique().tolist())
    [1, 2]
    >>> bool((table["strength"] >= table["shortest_strength"]).all())
    True

    References
    ----------
    .. [1] M. Granovetter, "The Strength of Weak Ties", American Journal of
       Sociology 78(6), 1973.
    """
    max_hops = _check_hops(max_hops)
    min_strength = _check_unit("min_strength", min_strength)
    net, seeker = _prepare(net, seeker, max_hops, as_of)
    return _reach_frame(net, seeker, max_hops, min_strength)


def summarize_reach(
    table: pd.DataFrame,
    *,
    by: ByKey = "hops",
    warm_at: float = DEFAULT_WARM_AT,
    max_hops: int | None = None,
) -> pd.DataFrame:
    """Count a :func:`reach` table by hop, industry, organization or role.

    ``reached`` counts the people in each group; ``warm`` those whose warmest path has
    strength at least ``warm_at``. By hop, there is a row for every hop from 1 to
    ``max_hops`` (zeros included) up to the first hop that reaches nobody, where the
    table stops: nobody is further away either (the warmest path to someone ``h``
    hops away passes someone ``h - 1`` hops away, at least as warm), so a huge
    ``max_hops`` gives a short table. The cumulative columns count everyone within
    that many hops. By an attribute, rows are ordered by ``reached`` (then ``warm``,
    then the value), empty values are grouped as ``"(unknown)"`` (listed last), and the cumulative
    columns are running totals down the table (how many people the top groups cover).

    Parameters
    ----------
    table
        A table returned by :func:`reach`.
    by
        ``"hops"``, ``"industry"``, ``"organization"`` or ``"role"``.
    warm_at
        The strength a path needs to count as warm (0 to 1).
    max_hops
        By hop: the last hop to list (default: the largest hop in ``table``); rows
        stop earlier at the first hop that reaches nobody.

    Returns
    -------
    pandas.DataFrame
        Columns: the ``by`` column (``hops`` as int, else the attribute value),
        ``reached``, ``warm``, ``share`` (reached / everyone reached),
        ``cumulative_reached``, ``cumulative_warm``.

    Raises
    ------
    NetgraphError
        If ``by`` or ``warm_at`` is not valid.

    Examples
    --------
    >>> import netgraph as ng
    >>> table = ng.reach(ng.load(), "p001", max_hops=2)
    >>> ng.summarize_reach(table)["hops"].tolist()
    [1, 2]
    """
    warm_at = _check_unit("warm_at", warm_at)
    if by not in ("hops", "industry", "organization", "role"):
        raise NetgraphError(f"by must be hops, industry, organization or role, got {by!r}")
    return _summarize(table, by, warm_at, _last_hop(table, max_hops))


def _last_hop(table: pd.DataFrame, max_hops: int | None) -> int:
    """Return the last hop a by-hop summary lists: ``max_hops`` or the first with nobody."""
    furthest = int(table["hops"].max()) if len(table) else 0
    return furthest if max_hops is None else min(int(max_hops), furthest + 1)


def _summarize(table: pd.DataFrame, by: str, warm_at: float, last: int) -> pd.DataFrame:
    """:func:`summarize_reach` of checked options; by hop, rows 1..``last``."""
    is_warm = table["strength"] >= warm_at - _EPS
    total = len(table)
    if by == "hops":
        index = pd.RangeIndex(1, last + 1, name="hops")
        out = pd.DataFrame(
            {
                "reached": table.groupby("hops").size().reindex(index, fill_value=0),
                "warm": is_warm.groupby(table["hops"]).sum().reindex(index, fill_value=0),
            },
            index=index,
        ).reset_index()
    else:
        values = table[by].astype(str).where(table[by].astype(str).str.strip().ne(""), _UNKNOWN)
        out = (
            pd.DataFrame({by: values, "reached": 1, "warm": is_warm.astype(int)})
            .groupby(by, sort=True)
            .sum()
            .reset_index()
        )
        out["_unknown"] = out[by].eq(_UNKNOWN)
        out = out.sort_values(
            ["_unknown", "reached", "warm", by], ascending=[True, False, False, True]
        )
    out = out.astype({"reached": "int64", "warm": "int64"})
    out["share"] = out["reached"] / total if total else 0.0
    out["cumulative_reached"] = out["reached"].cumsum().astype("int64")
    out["cumulative_warm"] = out["warm"].cumsum().astype("int64")
    return out[[by, *_SUMMARY_VALUES]].reset_index(drop=True)


def reach_summary(
    net: ReferralNetwork,
    seeker: str,
    *,
    by: ByKey = "hops",
    max_hops: int = 3,
    min_strength: float = 0.0,
    warm_at: float = DEFAULT_WARM_AT,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Summarize a seeker's reach by hop (with cumulative counts) or by attribute.

    Plain reach (everyone within ``max_hops`` whose warmest path has strength at least
    ``min_strength``) beside *warm reach* (those whose warmest path has strength at
    least ``warm_at``). This is :func:`summarize_reach` of :func:`reach`.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    by
        ``"hops"`` (one row per hop 1..max_hops, see :func:`summarize_reach`),
        ``"industry"``, ``"organization"`` or ``"role"``.
    max_hops, min_strength, as_of
        As in :func:`reach`.
    warm_at
        The strength a path needs to count as warm.

    Returns
    -------
    pandas.DataFrame
        Columns: the ``by`` column, ``reached``, ``warm``, ``share``,
        ``cumulative_reached``, ``cumulative_warm`` (see :func:`summarize_reach`).

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    NetgraphError
        If an option is not valid.

    Examples
    --------
    >>> import netgraph as ng
    >>> s = ng.reach_summary(ng.load(), "p001", max_hops=3)
    >>> s["hops"].tolist()
    [1, 2, 3]
    >>> bool((s["warm"] <= s["reached"]).all())
    True
    """
    table = reach(net, seeker, max_hops=max_hops, min_strength=min_strength, as_of=as_of)
    return summarize_reach(table, by=by, warm_at=warm_at, max_hops=max_hops)


# --------------------------------------------------------------- targets
def _parse_target(target: str | Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """Return (criteria, person query); exactly one of them is set."""
    if isinstance(target, Mapping):
        items = list(target.items())
    else:
        text = str(target).strip()
        if "=" not in text:
            if not text:
                raise UnknownTarget("the target is empty; give a person or KEY=VALUE")
            return {}, text
        key, _, value = text.partition("=")
        items = [(key, value)]
    if not items:
        raise UnknownTarget("the target is empty; give a person or KEY=VALUE")
    criteria: dict[str, str] = {}
    person = None
    for key, value in items:
        k = _KEY_ALIASES.get(str(key).strip().casefold())
        if k is None:
            raise UnknownTarget(
                f"unknown target key {key!r}; use one of {', '.join(TARGET_KEYS)} "
                "(as KEY=VALUE), or a person's id or name"
            )
        v = str(value).strip()
        if not v:
            raise UnknownTarget(f"target {k}= needs a value, e.g. {k}=...")
        if k == "person":
            person = v
        else:
            criteria[k] = v
    if person is not None and criteria:
        raise UnknownTarget("give either a person or attribute criteria, not both")
    return criteria, person


def _matches(people: pd.DataFrame, ids: Iterable[str], key: str, value: str) -> list[str]:
    """Of ``ids``, those whose ``key`` matches ``value`` (case- and accent-insensitive)."""
    ids = list(ids)
    want = _fold(value)
    column = "tags" if key == "tag" else key
    if column not in people.columns:
        return []
    col = people[column].reindex(ids)
    if key == "tag":
        ok = [isinstance(ts, tuple) and any(_fold(t) == want for t in ts) for ts in col]
    else:
        ok = [isinstance(x, str) and _fold(x) == want for x in col]
    return [p for p, good in zip(ids, ok, strict=True) if good]


def _existing_values(people: pd.DataFrame, key: str) -> list[str]:
    if key == "tag":
        col = people["tags"] if "tags" in people.columns else pd.Series([], dtype=object)
        values = [t for ts in col if isinstance(ts, tuple) for t in ts]
    else:
        col = people[key] if key in people.columns else pd.Series([], dtype=object)
        values = [x for x in col if isinstance(x, str) and x.strip()]
    counts = pd.Series(values, dtype=object).value_counts()
    return sorted(counts.index, key=lambda s: (-counts[s], _fold(s)))


def _unknown_value(people: pd.DataFrame, key: str, value: str) -> UnknownTarget:
    existing = _existing_values(people, key)
    plural = {"industry": "industries", "organization": "organizations", "role": "roles"}
    what = plural.get(key, "tags")
    if not existing:
        return UnknownTarget(f"no one in the network has {key} {value!r}; no {what} are recorded")
    folded = {_fold(e): e for e in existing}
    close = [
        folded[c] for c in difflib.get_close_matches(_fold(value), list(folded), n=3, cutoff=0.6)
    ]
    shown = sorted(existing[:20], key=_fold)
    more = f" and {len(existing) - 20} more" if len(existing) > 20 else ""
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    return UnknownTarget(
        f"no one in the network has {key} {value!r}{hint}; {what} that exist: "
        + ", ".join(shown)
        + more
    )


def _kinds_text(kinds: str) -> str:
    return ", ".join(k for k in str(kinds).split(";") if k) or "acquainted"


def _route(net: ReferralNetwork, route: str, path: tuple[str, ...]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    cumulative = 1.0
    for step, (u, v) in enumerate(itertools.pairwise(path), start=1):
        edge = _edge(net, u, v)
        cumulative *= edge["strength"]
        kinds = _kinds_text(edge["kinds"])
        if step == 1:
            action = f"Contact {net.name(v)} directly: you know each other ({kinds})"
        else:
            action = (
                f"Ask {net.name(u)} to introduce you to {net.name(v)}: "
                f"they know each other ({kinds})"
            )
        rows.append(
            {
                "route": route,
                "step": step,
                "person_id": v,
                "name": net.name(v),
                **{c: _people_text(net, [v], c)[0] for c in ("role", "organization", "industry")},
                "introducer_id": u,
                "introducer": net.name(u),
                "tie_strength": float(edge["strength"]),
                "kinds": str(edge["kinds"]),
                "strength": cumulative,
                "action": action,
            }
        )
    return rows


def _target_text(net: ReferralNetwork, wanted: str | None, criteria: dict[str, str]) -> str:
    if wanted is not None:
        return net.describe(wanted)
    return "anyone with " + " and ".join(f"{k}={v}" for k, v in criteria.items())


def _no_route(
    net: ReferralNetwork,
    seeker: str,
    wanted: str | None,
    criteria: dict[str, str],
    max_hops: int,
    as_of: str | pd.Timestamp | None,
    *,
    isolated: bool,
) -> NetgraphError:
    """Explain why there is no route: an unknown value, or nobody matching within reach.

    Only called when the local search found nobody; then the people table is scanned
    once to tell the two cases apart and to list the values that exist.
    """
    what = _target_text(net, wanted, criteria)
    if wanted is not None:
        found = "they are not"
    else:
        everyone = net.people.index
        for key, value in criteria.items():
            if not _matches(net.people, everyone, key, value):
                return _unknown_value(net.people, key, value)
        matching = [p for p in everyone if p != seeker]
        for key, value in criteria.items():
            matching = _matches(net.people, matching, key, value)
        n = len(matching)
        if n == 0:
            found = "nobody other than the seeker matches, so nobody is"
        else:
            found = f"{n} {'person matches' if n == 1 else 'people match'}, but none is"
    if isolated:
        found = f"{net.name(seeker)} has no contacts yet, so nobody is"
    when = "" if as_of is None else f" as of {pd.Timestamp(as_of):%Y-%m-%d}"
    hops = f"{max_hops} hop{'s' if max_hops != 1 else ''}"
    return NoRoute(
        f"no route from {net.describe(seeker)} to {what}{when}: {found} within {hops} "
        "(try a larger max_hops)"
    )


def path_to(
    net: ReferralNetwork,
    seeker: str,
    target: str | Mapping[str, str],
    *,
    max_hops: int = 3,
    min_hops: int = 1,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Give the warmest and the shortest routes from a seeker to a target, step by step.

    The target is a person (id or unambiguous name) or anyone matching criteria:
    a mapping such as ``{"industry": "Healthcare"}`` or a string ``"KEY=VALUE"``
    with KEY one of ``industry``, ``organization``, ``role``, ``tag`` (values match
    ignoring case, accents and extra spaces; a mapping with several keys needs all of
    them to match). Among the matching people from ``min_hops`` to ``max_hops`` hops
    away (see :func:`reach`; ``min_hops=2`` asks for someone the seeker does not know
    yet, reached through an introduction), the **warmest route** goes to the one with
    the strongest warmest path (ties: fewer hops, then ``person_id``) and the
    **shortest route** to the one with the fewest hops (ties: the stronger shortest
    path, then ``person_id``). Both are returned even when they coincide. At each
    step, the person to ask is the one already reached: at step 1 the seeker contacts
    their own contact directly; at step ``i`` the person reached at step ``i - 1``
    introduces the next.

    When there is no route, an exception explains why (like
    :func:`networkx.shortest_path`): :class:`UnknownTarget` when nothing in the
    network matches (listing the values that exist), :class:`NoRoute` when matches
    exist but none is within reach.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    target
        A person, ``"KEY=VALUE"``, or a mapping of KEY to VALUE.
    max_hops
        How far to look (the search stays within this many hops).
    min_hops
        Only people at least this many hops away count as targets (1 to
        ``max_hops``; 2 = people the seeker does not know directly).
    as_of
        Route in the network as it stood at the end of this day.

    Returns
    -------
    pandas.DataFrame
        One row per step of each route: ``route`` (``"warmest"`` or ``"shortest"``),
        ``step`` (1 = the seeker's own contact), ``person_id``, ``name``, ``role``,
        ``organization``, ``industry`` (the person reached at this step; the last
        step of a route is the target), ``introducer_id`` and ``introducer`` (whom
        to ask; the seeker at step 1), ``tie_strength`` (the strength of this
        step's tie), ``kinds`` (its evidence kinds, ``;``-separated), ``strength``
        (product of strengths so far) and ``action`` (plain words).

    Raises
    ------
    UnknownPerson
        If the seeker, or a target person, is not in the network.
    UnknownTarget
        If the target's key is unknown or its value matches nobody in the network.
    NoRoute
        If nobody matching the target is from ``min_hops`` to ``max_hops`` hops away.
    NetgraphError
        If the target is the seeker, or ``max_hops`` or ``min_hops`` is not valid.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> route = ng.path_to(net, "p001", "industry=healthcare")
    >>> route["route"].unique().tolist()
    ['warmest', 'shortest']
    >>> route.groupby("route")["step"].min().tolist()
    [1, 1]
    >>> intro = ng.path_to(net, "p001", "industry=healthcare", min_hops=2)
    >>> int(intro.groupby("route")["step"].max().min()) >= 2
    True
    """
    max_hops = _check_hops(max_hops)
    if not _is_whole(min_hops) or not 1 <= min_hops <= max_hops:
        raise NetgraphError(f"min_hops must be a whole number from 1 to max_hops ({min_hops!r})")
    criteria, person = _parse_target(target)
    seeker_id = net.resolve(seeker)
    wanted = net.resolve(person) if person is not None else None
    if wanted == seeker_id:
        raise NetgraphError(f"the target {net.describe(wanted)} is the seeker")
    local, seeker_id = _prepare(net, seeker_id, max_hops, as_of)
    table = _reach_frame(local, seeker_id, max_hops, 0.0)
    ids = table["person_id"].tolist()
    if wanted is not None:
        hits = [wanted] if wanted in set(ids) else []
    else:
        hits = ids
        for key, value in criteria.items():
            hits = _matches(net.people, hits, key, value)
    hops = dict(zip(table["person_id"], table["hops"], strict=True))
    far = [p for p in hits if hops[p] >= min_hops]
    if not far:
        if hits:
            n = len(hits)
            raise NoRoute(
                f"no route from {net.describe(seeker_id)} to {_target_text(net, wanted, criteria)}"
                f" at least {min_hops} hops away: the {n} matching within {max_hops} hops "
                f"{'is' if n == 1 else 'are'} nearer (contact them directly)"
            )
        row = local.csr.index[seeker_id]
        isolated = bool(local.csr.indptr[row + 1] == local.csr.indptr[row])
        raise _no_route(net, seeker_id, wanted, criteria, max_hops, as_of, isolated=isolated)
    hits = far
    cand = table[table["person_id"].isin(hits)].assign(
        _warm=lambda t: -t["strength"].round(_DIGITS),
        _short=lambda t: -t["shortest_strength"].round(_DIGITS),
    )
    warm_row = cand.sort_values(["_warm", "warm_hops", "person_id"]).iloc[0]
    short_row = cand.sort_values(["hops", "_short", "person_id"]).iloc[0]
    rows = _route(local, "warmest", warm_row["warm_path"])
    rows += _route(local, "shortest", short_row["shortest_path"])
    return _frame(PATH_COLUMNS, rows)


# ------------------------------------------------------------------ time
def reach_over_time(
    net: ReferralNetwork,
    seeker: str,
    dates: Iterable[str | pd.Timestamp] | None = None,
    *,
    max_hops: int = 3,
    warm_at: float = DEFAULT_WARM_AT,
) -> pd.DataFrame:
    """Give a seeker's reach by hop at each of a series of dates.

    At each date the network is taken as it stood at the end of that day
    (:meth:`ReferralNetwork.as_of`, built from the seeker's neighbourhood only) and
    summarized by hop as in :func:`reach_summary`.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    dates
        The days to look at. Default: the last day of every month from the seeker's
        first interview or referral to the network's reference date, and that date.
    max_hops
        How far to look.
    warm_at
        The strength a path needs to count as warm.

    Returns
    -------
    pandas.DataFrame
        One row per date and hop (1..max_hops, stopping at the first hop that reaches
        nobody on any date), ordered by date then hop: ``date``,
        ``hops``, ``reached``, ``warm``, ``cumulative_reached`` (everyone within
        ``hops`` hops on that date) and ``cumulative_warm``.

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    NetgraphError
        If an option or a date is not valid.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> t = ng.reach_over_time(net, "p001", ["2020-01-01", net.reference_date], max_hops=2)
    >>> t.shape
    (4, 6)
    """
    max_hops = _check_hops(max_hops)
    warm_at = _check_unit("warm_at", warm_at)
    seeker = net.resolve(seeker)
    if dates is None:
        days = _default_dates(net, seeker)
    else:
        days = sorted({parse_date(d, name="dates") for d in dates})
    local = _local_network(net, seeker, max_hops)
    tables = [_reach_frame(local.as_of(day), seeker, max_hops, 0.0) for day in days]
    # the same hops on every date: up to the first hop that reaches nobody on any date
    last = max((_last_hop(t, max_hops) for t in tables), default=0)
    parts = [
        _summarize(t, "hops", warm_at, last).assign(date=day)
        for t, day in zip(tables, days, strict=True)
    ]
    cols = ["date", "hops", "reached", "warm", "cumulative_reached", "cumulative_warm"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]


def _default_dates(net: ReferralNetwork, seeker: str) -> list[pd.Timestamp]:
    iv, ref = net.interviews, net.referrals
    firsts = [
        iv.loc[iv["seeker_id"].eq(seeker), "date"].min(),
        ref.loc[ref["seeker_id"].eq(seeker), "date"].min(),
    ]
    firsts = [d for d in firsts if pd.notna(d)]
    end = net.reference_date.normalize()
    if not firsts:
        return [end]
    months = pd.date_range(min(firsts), end, freq="ME").normalize()
    return sorted({*months, end})


# ------------------------------------------------------------ projection
@dataclass(frozen=True, eq=False)
class ReachProjection:
    """The forecast of :func:`project_reach` and the rates it was fitted from.

    Attributes
    ----------
    seeker
        The seeker's ``person_id``.
    n_interviews, generations, fit_to, n_sims, seed, level
        The options the projection was made with.
    completed_interviews, referrals, converted
        The data the rates come from: completed interviews, referrals that came out
        of them, and those referrals whose status is ``interviewed``.
    referrals_per_interview
        ``referrals / completed_interviews`` (the mean offspring, λ).
    conversion_rate
        ``converted / referrals`` (p; 0 when there are no referrals).
    offspring_mean
        ``λ · p``: interviews one interview leads to, on average. Below 1 the
        cascade dies out.
    current_contacts
        The seeker's direct contacts now (acquaintance-graph neighbours).
    expected_reach
        The closed-form mean number of new people reached.
    simulated_mean, standard_error, interval
        The simulated mean of new people reached, its standard error
        (sd / √n_sims) and the central ``level`` interval of the simulations.
    summary
        Closed form beside simulation for ``met`` (new people interviewed),
        ``named`` (names received) and ``reached`` (new people: met plus named):
        columns ``quantity``, ``expected``, ``simulated_mean``, ``sd``,
        ``standard_error``, ``low``, ``high``.
    by_generation
        Per generation 0..generations: ``generation``, ``expected_met``,
        ``expected_named``, ``simulated_met``, ``simulated_named``.
    """

    seeker: str
    n_interviews: int
    generations: int
    fit_to: str
    completed_interviews: int
    referrals: int
    converted: int
    referrals_per_interview: float
    conversion_rate: float
    offspring_mean: float
    current_contacts: int
    expected_reach: float
    simulated_mean: float
    standard_error: float
    interval: tuple[float, float]
    level: float
    n_sims: int
    seed: int
    summary: pd.DataFrame = field(repr=False)
    by_generation: pd.DataFrame = field(repr=False)


def _fit(net: ReferralNetwork, seeker: str, fit_to: str) -> tuple[np.ndarray, int, int]:
    """Referral counts per completed interview, their total and how many converted."""
    iv = net.interviews
    done = iv[iv["status"].eq("completed")]
    if fit_to == "seeker":
        done = done[done["seeker_id"].eq(seeker)]
    ref = net.referrals
    ref = ref[ref["interview_id"].str.strip().isin(set(done["interview_id"]))]
    counts = (
        ref["interview_id"].str.strip().value_counts().reindex(done["interview_id"], fill_value=0)
    )
    return counts.to_numpy(dtype=np.int64), len(ref), int(ref["status"].eq("interviewed").sum())


def project_reach(
    net: ReferralNetwork,
    seeker: str,
    n_interviews: int,
    *,
    generations: int = 3,
    fit_to: Literal["all", "seeker"] = "all",
    n_sims: int = 2000,
    level: float = 0.9,
    seed: int = 0,
    as_of: str | pd.Timestamp | None = None,
) -> ReachProjection:
    """Project the new people a seeker will reach from their next ``n_interviews``.

    **Model** (a Galton–Watson branching process fitted to the data). Generation 0
    is the ``n_interviews`` next interviews, each completed with someone new. Every
    completed interview yields a number of referrals drawn from the observed
    numbers of referrals per completed interview (resampled, so the spread of the
    data carries into the interval; mean λ = referrals / completed interviews). Each
    referral independently becomes an interview with probability p = the share of
    those referrals whose status is ``interviewed``; these are generation ``g + 1``.
    The cascade is followed for ``generations`` hand-offs. New people *met* are the
    interviewees of generations 0..G; new people *named* are every referral they
    give; new people *reached* = ``n_interviews`` + named (converted names are the
    later interviewees, so nobody counts twice). With m = λ·p the closed-form means
    are ``E[met] = n · Σ_{g=0..G} m^g``, ``E[named] = λ · E[met]`` and
    ``E[reached] = n + E[named]``.

    **Assumptions.** Referral yield and conversion are the same for every interview
    and generation (fitted on all seekers' interviews, or the seeker's own with
    ``fit_to="seeker"``); referrals are independent; every name is a new person;
    the rates are taken as known (the interval shows the process's randomness, not
    the uncertainty of the rates); recent referrals that may still convert count
    as not converted, so p is a lower estimate.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    n_interviews
        How many new interviews to project from (>= 0).
    generations
        How many hand-offs to follow (0 to 10).
    fit_to
        ``"all"`` fits the rates on every completed interview in the data;
        ``"seeker"`` on the seeker's own.
    n_sims
        Number of simulated cascades (>= 2).
    level
        Coverage of the interval (between 0 and 1).
    seed
        Random seed; the same seed gives the same result.
    as_of
        Fit on the network as it stood at the end of this day.

    Returns
    -------
    ReachProjection
        The fitted rates, the closed-form mean, the simulated mean, its standard
        error and interval, a ``summary`` table and a ``by_generation`` table.

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    NetgraphError
        If there is no completed interview to fit on, or an option is not valid.

    Examples
    --------
    >>> import netgraph as ng
    >>> p = ng.project_reach(ng.load(), "p001", 5, n_sims=500)
    >>> p.expected_reach >= 5
    True
    >>> abs(p.simulated_mean - p.expected_reach) < 4 * p.standard_error + 1e-9
    True

    References
    ----------
    .. [1] T. E. Harris, *The Theory of Branching Processes*, Springer, 1963.
    """
    if not _is_whole(n_interviews):
        raise NetgraphError(f"n_interviews must be a whole number, got {n_interviews!r}")
    if n_interviews < 0:
        raise NetgraphError(f"n_interviews must be >= 0, got {n_interviews}")
    if not _is_whole(generations):
        raise NetgraphError(f"generations must be a whole number, got {generations!r}")
    if not 0 <= generations <= 10:
        raise NetgraphError(f"generations must be between 0 and 10, got {generations}")
    if not _is_whole(n_sims) or n_sims < 2:
        raise NetgraphError(f"n_sims must be a whole number >= 2, got {n_sims!r}")
    if not 0.0 < float(level) < 1.0:
        raise NetgraphError(f"level must be between 0 and 1, got {level!r}")
    if fit_to not in ("all", "seeker"):
        raise NetgraphError(f"fit_to must be 'all' or 'seeker', got {fit_to!r}")
    n, big_g, n_sims = int(n_interviews), int(generations), int(n_sims)
    seeker = net.resolve(seeker)
    dated = net if as_of is None else net.as_of(as_of)
    counts, n_ref, n_conv = _fit(dated, seeker, fit_to)
    if counts.size == 0:
        whose = "the data" if fit_to == "all" else f"{net.describe(seeker)}'s record"
        hint = "" if fit_to == "all" else "; use fit_to='all' to fit on everyone's"
        raise NetgraphError(f"{whose} has no completed interviews to fit the rates on{hint}")
    lam = n_ref / counts.size
    p = n_conv / n_ref if n_ref else 0.0
    m = lam * p
    local, _ = _prepare(net, seeker, 1, as_of)
    row = local.csr.index[seeker]
    current = int(local.csr.indptr[row + 1] - local.csr.indptr[row])

    met_g = np.array([n * m**g for g in range(big_g + 1)])
    exp_met = float(met_g.sum())
    exp_named = lam * exp_met
    exp_reach = n + exp_named

    rng = np.random.default_rng(seed)
    cur = np.full(n_sims, n, dtype=np.int64)
    sim_met = np.zeros((big_g + 1, n_sims))
    sim_named = np.zeros((big_g + 1, n_sims))
    for g in range(big_g + 1):
        sim_met[g] = cur
        if cur.sum() > 50_000_000:
            raise NetgraphError(
                f"the cascade grows too large to simulate (offspring mean {m:.2f} over "
                f"{big_g} generations); use fewer generations or interviews"
            )
        owner = np.repeat(np.arange(n_sims), cur)
        draws = counts[rng.integers(0, counts.size, size=owner.size)]
        k = np.bincount(owner, weights=draws, minlength=n_sims).astype(np.int64)
        sim_named[g] = k
        cur = rng.binomial(k, p)
    met, named = sim_met.sum(axis=0), sim_named.sum(axis=0)
    reached = n + named
    tail = (1.0 - float(level)) / 2
    rows = []
    for name, expected, sims in (
        ("met", exp_met, met),
        ("named", exp_named, named),
        ("reached", exp_reach, reached),
    ):
        sd = float(sims.std(ddof=1))
        lo, hi = np.quantile(sims, [tail, 1.0 - tail])
        rows.append(
            {
                "quantity": name,
                "expected": float(expected),
                "simulated_mean": float(sims.mean()),
                "sd": sd,
                "standard_error": sd / math.sqrt(n_sims),
                "low": float(lo),
                "high": float(hi),
            }
        )
    summary = pd.DataFrame(rows)
    by_gen = pd.DataFrame(
        {
            "generation": np.arange(big_g + 1),
            "expected_met": met_g,
            "expected_named": lam * met_g,
            "simulated_met": sim_met.mean(axis=1),
            "simulated_named": sim_named.mean(axis=1),
        }
    )
    top = rows[-1]
    return ReachProjection(
        seeker=seeker,
        n_interviews=n,
        generations=big_g,
        fit_to=fit_to,
        completed_interviews=int(counts.size),
        referrals=int(n_ref),
        converted=int(n_conv),
        referrals_per_interview=float(lam),
        conversion_rate=float(p),
        offspring_mean=float(m),
        current_contacts=current,
        expected_reach=float(exp_reach),
        simulated_mean=top["simulated_mean"],
        standard_error=top["standard_error"],
        interval=(top["low"], top["high"]),
        level=float(level),
        n_sims=n_sims,
        seed=int(seed),
        summary=summary,
        by_generation=by_gen,
    )
