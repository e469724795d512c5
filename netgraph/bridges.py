"""Bridge contacts: who connects a seeker to parts of the network they could not otherwise reach.

Two kinds of question live here.

**Per seeker** (:func:`bridge_contacts`): for each of the seeker's direct contacts,
the people within ``max_hops`` whom the seeker would no longer reach within
``max_hops`` without that contact (*exclusive reach*), and the industries and
organizations that would disappear from the seeker's reach entirely. The work stays
in the seeker's ``max_hops`` ball of the acquaintance graph.

**Network-wide** (:func:`brokers` and the functions it combines): who holds the
network together or spans its holes. Cut vertices (articulation points), local
bridges and their span (Granovetter 1973), betweenness (exact on small graphs,
seeded pivot sampling above a documented size; Brandes 2001, Brandes and Pich 2007),
Burt's (1992) effective size, efficiency, constraint and hierarchy, and brokerage
between groups (an attribute such as industry, or seeded Louvain communities),
including the five Gould and Fernandez (1989) brokerage roles on the directed
referral graph.

The network-wide functions accept a :class:`~netgraph.ReferralNetwork` (measures on
its acquaintance graph; brokerage roles on its referral graph) *or* a plain networkx
graph, so that they can be checked against published results on classic data sets
(for example ``nx.florentine_families_graph()``). They run plain networkx, which is
fine for a career center's data up to some tens of thousands of people; at a million
people the exact measures need a compiled library (see ``PERFORMANCE.md``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from itertools import pairwise
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork

__all__ = [
    "BETWEENNESS_EXACT_MAX",
    "BETWEENNESS_PIVOTS",
    "BRIDGE_COLUMNS",
    "BROKER_COLUMNS",
    "ROLES",
    "betweenness",
    "bridge_contacts",
    "brokerage_roles",
    "brokers",
    "communities",
    "local_bridges",
    "structural_holes",
]

#: Exact betweenness up to this many people; seeded pivot sampling above. Exact
#: betweenness in networkx took 21.7 s on a sparse 2,000-node graph (6,000 edges) and
#: 256 sampled pivots 1.8 s on the same graph; 1,000 people stay within a few seconds.
BETWEENNESS_EXACT_MAX = 1000
#: Number of sampled pivots (source people) when betweenness is sampled. Each pivot is
#: one breadth-first search of the whole graph: about 1 s at 50,000 people / 145,000
#: ties in networkx. With 128 of 300 pivots every value was within 0.02 of exact.
BETWEENNESS_PIVOTS = 128
#: The five Gould–Fernandez brokerage roles, in the order of the output columns.
ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")

BRIDGE_COLUMNS = [
    "contact_id",
    "name",
    "role",
    "organization",
    "industry",
    "strength",
    "exclusive_reach",
    "total_reach",
    "share",
    "industries_lost",
    "organizations_lost",
    "exclusive_ids",
]

BROKER_COLUMNS = [
    "person_id",
    "name",
    "group",
    "degree",
    "betweenness",
    "betweenness_method",
    "articulation_point",
    "split_into",
    "local_bridges",
    "max_span",
    "effective_size",
    "efficiency",
    "constraint",
    "hierarchy",
    "groups_reached",
    "between_group_pairs",
    *ROLES,
    "brokerage_total",
]

GraphLike = ReferralNetwork | nx.Graph


# ====================================================================== per seeker
def _first_hop_labels(
    adj: Mapping[Hashable, Mapping[Hashable, Any]], seeker: Hashable, max_hops: int
) -> tuple[list[Hashable], dict[Hashable, list[Hashable]]]:
    """Label the seeker's ``max_hops`` ball by the first-hop contacts that reach it.

    Returns the sorted contacts and, for every person beyond them within
    ``max_hops``, up to two distinct contacts ``c`` such that a path
    ``seeker → c → … → person`` of at most ``max_hops`` steps exists whose inner
    people are neither the seeker nor a contact.

    Why that suffices: take any path of length ``≤ max_hops`` from the seeker and
    cut it at the *last* contact on it; what remains is a path of the kind above,
    no longer, through a subset of the contacts the original passed. So a person is
    lost without contact ``c`` exactly when ``c`` is their only label. Two labels
    per person are enough to tell, which keeps the search to at most two visits per
    person (a BFS for the two nearest distinct sources).
    """
    contacts = sorted((c for c in adj[seeker] if c != seeker), key=str)
    blocked = {seeker, *contacts}
    labels: dict[Hashable, list[Hashable]] = {}
    frontier = [(c, c) for c in contacts]  # (person, label) accepted at the last level
    for _ in range(2, max_hops + 1):
        nxt = []
        for u, lab in frontier:
            for v in adj[u]:
                if v in blocked:
                    continue
                have = labels.get(v)
                if have is None:
                    labels[v] = [lab]
                    nxt.append((v, lab))
                elif len(have) == 1 and have[0] != lab:
                    have.append(lab)
                    nxt.append((v, lab))
        frontier = nxt
        if not frontier:
            break
    return contacts, labels


def _lost_values(
    values: Mapping[Hashable, str], lost: Iterable[Hashable], counts: Mapping[str, int]
) -> tuple[str, ...]:
    """Values (industries, organizations) held only by the people in ``lost``."""
    here: dict[str, int] = {}
    for p in lost:
        v = values.get(p, "")
        if v:
            here[v] = here.get(v, 0) + 1
    return tuple(sorted(v for v, n in here.items() if n == counts[v]))


def bridge_contacts(
    net: ReferralNetwork,
    seeker: str,
    *,
    max_hops: int = 3,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    r"""Rank a seeker's direct contacts by the reach only they provide.

    The seeker's *reach* is everyone within ``max_hops`` steps in the acquaintance
    graph (the direct contacts included, the seeker not). A contact's *exclusive
    reach* is the number of people in that reach, other than the contact, whom the
    seeker would no longer reach within ``max_hops`` if the contact were gone: every
    path of at most ``max_hops`` steps to them passes through the contact. The
    contact's *industries lost* (and *organizations lost*) are the values present in
    the seeker's reach only among the contact and their exclusive people, so without
    that contact the seeker reaches nobody in them.

    Only the seeker's ``max_hops`` ball is searched, each person at most twice.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name.
    max_hops
        The reach radius in steps (``>= 1``; with 1 nobody is exclusive).
    as_of
        Use the network as it stood on this day.

    Returns
    -------
    pandas.DataFrame
        One row per direct contact, most exclusive reach first (ties by
        ``contact_id``), with columns ``contact_id``, ``name``, ``role``,
        ``organization``, ``industry``, ``strength`` (of the seeker–contact tie),
        ``exclusive_reach`` (int), ``total_reach`` (the seeker's reach, the same in
        every row), ``share`` (``exclusive_reach / total_reach``),
        ``industries_lost`` and ``organizations_lost`` (sorted tuples of str) and
        ``exclusive_ids`` (the exclusive people, a sorted tuple of ids).

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    NetgraphError
        If ``max_hops`` is below 1.

    Examples
    --------
    Sam knows Ana and Ben; both know Cy; only Ben knows Di (health care):

    >>> import tempfile, pathlib, netgraph as ng
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "people.csv").write_text(
    ...     "person_id,name,industry\ns,Sam,\na,Ana,tech\nb,Ben,tech\n"
    ...     "c,Cy,tech\nd,Di,health\n")
    >>> _ = (folder / "ties.csv").write_text("person_a,person_b\ns,a\ns,b\na,c\nb,c\nb,d\n")
    >>> net = ng.load(folder)
    >>> table = bridge_contacts(net, "s", max_hops=2)
    >>> table[["contact_id", "exclusive_reach", "share", "industries_lost"]]
      contact_id  exclusive_reach  share industries_lost
    0          b                1   0.25       (health,)
    1          a                0   0.00              ()

    References
    ----------
    .. [1] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
       Sociology* 78(6), 1360–1380.
    .. [2] Burt, R. S. (1992). *Structural Holes: The Social Structure of
       Competition*. Harvard University Press.
    """
    if max_hops < 1:
        raise NetgraphError(f"max_hops must be at least 1, got {max_hops}")
    if as_of is not None:
        net = net.as_of(as_of)
    seeker = net.resolve(seeker)
    g = net.acquaintance
    contacts, labels = _first_hop_labels(g.adj, seeker, max_hops)
    ball = [*contacts, *labels]
    total = len(ball)
    exclusive: dict[Hashable, list[Hashable]] = {c: [] for c in contacts}
    for p, labs in labels.items():
        if len(labs) == 1:
            exclusive[labs[0]].append(p)

    attrs = g.nodes  # the people columns, looked up for the ball only
    industry = {p: attrs[p].get("industry", "") for p in ball}
    organization = {p: attrs[p].get("organization", "") for p in ball}
    ind_counts = Counter(industry.values())
    org_counts = Counter(organization.values())
    rows = []
    for c in contacts:
        ex = sorted(exclusive[c])
        lost = [c, *ex]
        rows.append(
            {
                "contact_id": c,
                "name": attrs[c].get("name", str(c)),
                "role": attrs[c].get("role", ""),
                "organization": organization[c],
                "industry": industry[c],
                "strength": float(g.edges[seeker, c]["strength"]),
                "exclusive_reach": len(ex),
                "total_reach": total,
                "share": len(ex) / total,
                "industries_lost": _lost_values(industry, lost, ind_counts),
                "organizations_lost": _lost_values(organization, lost, org_counts),
                "exclusive_ids": tuple(ex),
            }
        )
    rows.sort(key=lambda r: (-r["exclusive_reach"], str(r["contact_id"])))
    if not rows:
        empty = {"strength": float, "exclusive_reach": int, "total_reach": int, "share": float}
        return pd.DataFrame({c: pd.Series(dtype=empty.get(c, object)) for c in BRIDGE_COLUMNS})
    return pd.DataFrame(rows, columns=BRIDGE_COLUMNS)


# ====================================================================== helpers
def _check_graph(obj: object) -> None:
    """Raise unless ``obj`` (not a ReferralNetwork) is a networkx graph."""
    if not isinstance(obj, nx.Graph):
        raise NetgraphError(
            f"expected a ReferralNetwork or a networkx graph, got {type(obj).__name__}"
        )


def _undirected(obj: GraphLike) -> nx.Graph:
    """Return the simple undirected graph the structural measures run on."""
    if isinstance(obj, ReferralNetwork):
        return obj.acquaintance
    _check_graph(obj)
    if obj.is_directed() or obj.is_multigraph():
        return nx.Graph(obj.to_undirected(as_view=True))
    return obj


def _names(obj: GraphLike, nodes: Iterable[Hashable]) -> list[str]:
    if isinstance(obj, ReferralNetwork):
        names = obj.people["name"]
        return [str(names[n]) for n in nodes]
    return [str(n) for n in nodes]


def _sorted_nodes(nodes: Iterable[Hashable]) -> list[Hashable]:
    return sorted(nodes, key=str)


def _at(obj: GraphLike, as_of: str | pd.Timestamp | None) -> GraphLike:
    if as_of is None:
        return obj
    if not isinstance(obj, ReferralNetwork):
        raise NetgraphError("as_of needs a ReferralNetwork (a plain graph carries no dates)")
    return obj.as_of(as_of)


# ==================================================================== communities
def communities(
    net: GraphLike,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    weight: str | None = None,
) -> pd.Series:
    """Detect communities of the acquaintance graph with seeded Louvain.

    Louvain modularity maximisation (Blondel et al. 2008) as
    ``networkx.community.louvain_communities``; the same seed gives the same
    partition. Communities are numbered from 0 by size, largest first (ties by their
    smallest member id); an isolated person is a community of one.

    Parameters
    ----------
    net
        A network (its acquaintance graph) or a networkx graph.
    seed
        Random seed of the Louvain node order.
    resolution
        Louvain resolution: above 1 favours smaller communities.
    weight
        Edge attribute used as weight (``"strength"`` for tie strength), or ``None``
        for every tie counting 1.

    Returns
    -------
    pandas.Series
        Community number (int) indexed by person id, named ``"community"``.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.barbell_graph(4, 0)  # two 4-cliques joined by one edge
    >>> communities(g).tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008).
       Fast unfolding of communities in large networks. *Journal of Statistical
       Mechanics* P10008.
    """
    g = _undirected(net)
    parts = nx.community.louvain_communities(g, weight=weight, resolution=resolution, seed=seed)
    parts = sorted((sorted(p, key=str) for p in parts), key=lambda p: (-len(p), str(p[0])))
    label = {n: i for i, part in enumerate(parts) for n in part}
    nodes = _sorted_nodes(g)
    return pd.Series([label[n] for n in nodes], index=pd.Index(nodes), name="community")


def _groups(obj: GraphLike, group: str | Mapping[Hashable, Any], *, seed: int) -> dict:
    """Map each person to a group label; people without one are left out."""
    if isinstance(group, Mapping):
        labels = dict(group)
    elif group == "community":
        labels = communities(obj, seed=seed).to_dict()
    elif isinstance(obj, ReferralNetwork):
        if group not in obj.people.columns:
            known = ", ".join(["community", *map(str, obj.people.columns)])
            raise NetgraphError(f"no column {group!r} to group people by (choose from {known})")
        labels = obj.people[group].to_dict()
    else:
        labels = dict(obj.nodes(data=group))
    return {
        n: v for n, v in labels.items() if v is not None and v == v and str(v) != ""
    }  # v == v drops NaN


# ===================================================================== measures
def _span(adj: Mapping[Hashable, Mapping[Hashable, Any]], u: Hashable, v: Hashable) -> float:
    """Return the steps from ``u`` to ``v`` without the tie ``u``–``v``, ``inf`` if none.

    Bidirectional BFS that always grows the smaller frontier, one whole level at a
    time: the first level where the two searches meet holds a shortest path. A true
    bridge costs no more than the smaller side of the graph it separates.
    """
    dist = ({u: 0}, {v: 0})
    fronts = ([u], [v])
    while fronts[0] and fronts[1]:
        side = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        mine, other = dist[side], dist[1 - side]
        best = math.inf
        grown = []
        for x in fronts[side]:
            dx = mine[x] + 1
            for y in adj[x]:
                if (x == u and y == v) or (x == v and y == u):
                    continue
                if y in other:
                    best = min(best, dx + other[y])
                if y not in mine:
                    mine[y] = dx
                    grown.append(y)
        if best < math.inf:
            return float(best)
        fronts = (grown, fronts[1]) if side == 0 else (fronts[0], grown)
    return math.inf


def _local_bridges(g: nx.Graph) -> Iterable[tuple[Hashable, Hashable, float]]:
    """Yield ``(u, v, span)`` for each tie on no triangle (as ``nx.local_bridges``)."""
    adj = g.adj
    for u, v in g.edges():
        if u == v:
            continue
        small, large = (u, v) if len(adj[u]) <= len(adj[v]) else (v, u)
        if any(w in adj[large] for w in adj[small] if w not in (u, v)):
            continue
        yield u, v, _span(adj, u, v)


def local_bridges(net: GraphLike, *, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """List the local bridges of the acquaintance graph with their span.

    A *local bridge* is a tie whose two ends have no common acquaintance: it is on no
    triangle, so it links circles that otherwise only meet further away (Granovetter
    1973). Its *span* is the length of the shortest path between the two ends once
    the tie is gone, ``inf`` when there is none (the tie is a bridge). The same as
    ``networkx.local_bridges(G, with_span=True)`` (tests check this), with the span
    found by a bidirectional breadth-first search: on a 50,000-person network the
    networkx version had not finished after ten minutes.

    Parameters
    ----------
    net
        A network (its acquaintance graph) or a networkx graph.
    as_of
        Use the network as it stood on this day.

    Returns
    -------
    pandas.DataFrame
        One row per local bridge, widest span first (ties by ``u``, ``v``), with
        columns ``u``, ``v`` (ids, ``u < v`` as text), ``u_name``, ``v_name``,
        ``span`` (float, ``inf`` for a bridge) and ``bridge`` (bool: the span is
        infinite).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.cycle_graph(5)
    >>> g.add_edge(4, 5)
    >>> local_bridges(g)[["u", "v", "span"]].head(2)
       u  v  span
    0  4  5   inf
    1  0  1   4.0

    References
    ----------
    .. [1] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
       Sociology* 78(6), 1360–1380.
    """
    net = _at(net, as_of)
    g = _undirected(net)
    rows = []
    for u, v, span in _local_bridges(g):
        a, b = (u, v) if str(u) <= str(v) else (v, u)
        rows.append((a, b, float(span)))
    frame = pd.DataFrame(rows, columns=["u", "v", "span"])
    frame["span"] = frame["span"].astype(float)
    frame = frame.assign(
        u_name=_names(net, frame["u"]),
        v_name=_names(net, frame["v"]),
        bridge=np.isinf(frame["span"].to_numpy()),
        _u=frame["u"].astype(str),
        _v=frame["v"].astype(str),
    )
    frame = frame.sort_values(["span", "_u", "_v"], ascending=[False, True, True], kind="stable")
    return frame[["u", "v", "u_name", "v_name", "span", "bridge"]].reset_index(drop=True)


def betweenness(
    net: GraphLike,
    *,
    exact_max: int = BETWEENNESS_EXACT_MAX,
    pivots: int = BETWEENNESS_PIVOTS,
    seed: int = 0,
    weight: str | None = None,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Betweenness centrality of everyone in the acquaintance graph.

    A person's betweenness is the share of shortest paths between two other people
    that pass through them, summed over all pairs and normalized by the number of
    pairs (Freeman 1977), so it lies in [0, 1]. It is exact (Brandes 2001) when the
    graph has at most ``exact_max`` people, and otherwise estimated from ``pivots``
    randomly chosen source people (Brandes and Pich 2007), reproducibly from
    ``seed``. The method used is reported in the ``method`` column and in
    ``frame.attrs["method"]``.

    Parameters
    ----------
    net
        A network (its acquaintance graph) or a networkx graph.
    exact_max
        Largest number of people for which betweenness is computed exactly.
    pivots
        Number of sampled source people above ``exact_max``.
    seed
        Random seed of the pivot sample.
    weight
        Edge attribute as path length (``"cost"`` for warmest paths), or ``None``
        for steps.
    as_of
        Use the network as it stood on this day.

    Returns
    -------
    pandas.DataFrame
        One row per person, highest betweenness first (ties by ``person_id``), with
        columns ``person_id``, ``name``, ``betweenness`` (float) and ``method``
        (``"exact"`` or ``"sampled: K pivots, seed S"``).

    Raises
    ------
    NetgraphError
        If ``pivots`` is below 1.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.florentine_families_graph()).head(2)[["person_id", "method"]]
      person_id method
    0    Medici  exact
    1  Guadagni  exact

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on
       betweenness. *Sociometry* 40(1), 35–41.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       *Journal of Mathematical Sociology* 25(2), 163–177.
    .. [3] Brandes, U. and Pich, C. (2007). Centrality estimation in large networks.
       *International Journal of Bifurcation and Chaos* 17(7), 2303–2318.
    """
    if pivots < 1:
        raise NetgraphError(f"pivots must be at least 1, got {pivots}")
    net = _at(net, as_of)
    g = _undirected(net)
    n = g.number_of_nodes()
    if n <= exact_max or pivots >= n:
        values = nx.betweenness_centrality(g, weight=weight)
        method = "exact"
    else:
        values = nx.betweenness_centrality(g, k=pivots, seed=seed, weight=weight)
        method = f"sampled: {pivots} pivots, seed {seed}"
    nodes = _sorted_nodes(g)
    frame = pd.DataFrame(
        {
            "person_id": nodes,
            "name": _names(net, nodes),
            "betweenness": [float(values[v]) for v in nodes],
            "method": method,
        }
    )
    frame = frame.sort_values("betweenness", ascending=False, kind="stable").reset_index(drop=True)
    frame.attrs["method"] = method
    return frame


def _burt(
    g: nx.Graph, nodes: Iterable[Hashable], weight: str | None
) -> dict[Hashable, tuple[float, float, float, float]]:
    """Effective size, efficiency, constraint, hierarchy of ``nodes``, from adjacency.

    Touches only each node's neighbours and their adjacency (no graph copies), so
    asking for a few people in a large graph stays local.
    """
    adj = g.adj

    def w(d: Mapping) -> float:
        return 1.0 if weight is None else float(d.get(weight, 1))

    totals: dict[Hashable, float] = {}
    maxima: dict[Hashable, float] = {}

    def total(u: Hashable) -> float:
        if u not in totals:
            totals[u] = sum(w(d) for v, d in adj[u].items() if v != u)
        return totals[u]

    def maximum(u: Hashable) -> float:
        if u not in maxima:
            maxima[u] = max((w(d) for v, d in adj[u].items() if v != u), default=0.0)
        return maxima[u]

    out = {}
    nan = float("nan")
    for i in nodes:
        nbrs = [j for j in adj[i] if j != i]
        n = len(nbrs)
        s_i = total(i)
        if n == 0 or s_i == 0:
            out[i] = (nan, nan, nan, nan)
            continue
        p_i = {j: w(adj[i][j]) / s_i for j in nbrs}
        indirect = dict.fromkeys(nbrs, 0.0)
        redundancy = dict.fromkeys(nbrs, 0.0)
        for q in nbrs:
            s_q = total(q)
            for j, d in adj[q].items():
                if j in p_i and j != q:
                    w_qj = w(d)
                    indirect[j] += p_i[q] * w_qj / s_q
                    m_j = maximum(j)
                    if m_j:
                        redundancy[j] += p_i[q] * w_qj / m_j
        esize = sum(1.0 - redundancy[j] for j in nbrs)
        local = [(p_i[j] + indirect[j]) ** 2 for j in nbrs]
        c = sum(local)
        if n > 1 and c > 0:
            mean = c / n
            h = sum((x / mean) * math.log(x / mean) for x in local if x > 0) / (n * math.log(n))
        else:
            h = nan
        out[i] = (esize, esize / n, c, h)
    return out


def structural_holes(
    net: GraphLike,
    *,
    nodes: Iterable[str] | None = None,
    weight: str | None = None,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Burt's structural-hole measures: effective size, efficiency, constraint, hierarchy.

    With ``N`` contacts ``j`` of person ``i``, ``p_ij = w_ij / Σ_k w_ik`` the share of
    ``i``'s ties (tie weights ``w``, all 1 unless ``weight`` is given) invested in
    ``j``, and ``m_jq = w_jq / max_k w_jk``:

    * **effective size** ``= Σ_j (1 − Σ_q p_iq m_jq)`` (``q`` over ``i``'s contacts):
      the number of contacts minus their redundancy; unweighted it is
      ``N − 2t/N`` with ``t`` ties among the contacts (Burt 1992; Borgatti 1997).
    * **efficiency** ``= effective size / N``.
    * **constraint** ``C_i = Σ_j c_ij`` with ``c_ij = (p_ij + Σ_q p_iq p_qj)²``: how
      much ``i``'s contacts are tied to each other; low means many structural holes.
    * **hierarchy** ``H_i = Σ_j r_j ln r_j / (N ln N)`` with ``r_j = c_ij / (C_i / N)``:
      how much the constraint is concentrated on one contact (0 when spread evenly,
      1 when all on one; undefined for ``N ≤ 1``).

    Measures are ``NaN`` for people without contacts. Computed from the adjacency
    directly (no graph copies, unlike ``networkx.effective_size(G, nodes=...)``);
    with ``nodes`` only those people's neighbourhoods are touched. The values equal
    ``networkx.effective_size`` and ``networkx.constraint`` (tests check this).

    Parameters
    ----------
    net
        A network (its acquaintance graph) or a networkx graph.
    nodes
        The people to measure (default: everyone).
    weight
        Edge attribute used as tie weight (``"strength"`` for tie strength), or
        ``None`` for every tie weighing 1.
    as_of
        Use the network as it stood on this day.

    Returns
    -------
    pandas.DataFrame
        One row per person in ``nodes`` (sorted by id), with columns ``person_id``,
        ``name``, ``degree`` (int), ``effective_size``, ``efficiency``,
        ``constraint`` and ``hierarchy`` (floats).

    Raises
    ------
    UnknownPerson
        If a person in ``nodes`` is not in the network.

    Examples
    --------
    A star's centre spans every hole; a triangle's corners span none:

    >>> import networkx as nx
    >>> structural_holes(nx.star_graph(3), nodes=[0])[["effective_size", "constraint"]]
       effective_size  constraint
    0             3.0    0.333333
    >>> structural_holes(nx.complete_graph(3), nodes=[0])[["efficiency", "hierarchy"]]
       efficiency  hierarchy
    0         0.5        0.0

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
       Competition*. Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy
       measures. *Connections* 20(1), 35–38.
    """
    net = _at(net, as_of)
    g = _undirected(net)
    if nodes is None:
        chosen = _sorted_nodes(g)
    else:
        chosen = []
        for n in nodes:
            if isinstance(net, ReferralNetwork):
                n = net.resolve(n)
            elif n not in g:
                raise NetgraphError(f"node {n!r} is not in the graph")
            chosen.append(n)
        chosen = _sorted_nodes(dict.fromkeys(chosen))
    values = _burt(g, chosen, weight)
    cols = ["effective_size", "efficiency", "constraint", "hierarchy"]
    frame = pd.DataFrame([values[n] for n in chosen], columns=cols, dtype=float)
    frame.insert(0, "person_id", chosen)
    frame.insert(1, "name", _names(net, chosen))
    frame.insert(2, "degree", [sum(1 for j in g.adj[n] if j != n) for n in chosen])
    return frame


def _referral_digraph(obj: GraphLike) -> nx.DiGraph:
    """Return the simple directed graph the brokerage roles run on."""
    if isinstance(obj, ReferralNetwork):
        d = nx.DiGraph()
        d.add_nodes_from(obj.referral_graph)
        d.add_edges_from(
            (u, v)
            for u, v, data in obj.referral_graph.edges(data=True)
            if u != v and (data["kind"] == "referral" or data["status"] == "completed")
        )
        return d
    _check_graph(obj)
    d = nx.DiGraph(obj) if obj.is_directed() else nx.DiGraph(obj.to_directed(as_view=True))
    d.remove_edges_from([(u, u) for u in nx.nodes_with_selfloops(d)])
    return d


def brokerage_roles(
    net: GraphLike,
    *,
    group: str | Mapping[Hashable, Any] = "community",
    weighted: bool = False,
    seed: int = 0,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Count the Gould–Fernandez brokerage roles each person plays.

    Person ``b`` brokers a *two-path* ``a → b → c`` (``a ≠ c``) of the directed
    referral graph when there is no tie ``a → c``. The role depends on the groups of
    the three (Gould and Fernandez 1989; their notation in brackets):

    * **coordinator** (w_I): ``a``, ``b`` and ``c`` all in one group;
    * **itinerant** or consultant (w_O): ``a`` and ``c`` in one group, ``b`` outside;
    * **gatekeeper** (b_OI): ``b`` and ``c`` in one group, ``a`` outside (``b`` lets
      an outsider in);
    * **representative** (b_IO): ``a`` and ``b`` in one group, ``c`` outside (``b``
      speaks for the group);
    * **liaison** (b_O): three different groups.

    With ``weighted=True`` each two-path counts ``1 / k`` where ``k`` is the number of
    two-paths from ``a`` to ``c`` (UCINET's partial credit: brokers of the same pair
    share it). Two-paths touching someone without a group are not counted.

    For a :class:`~netgraph.ReferralNetwork` the directed graph is its referral
    graph collapsed to one arc per ordered pair: seeker → contact for each
    *completed* interview and referrer → referred for every referral (a named person
    is a hand-off that happened). A directed networkx graph is used as given
    (parallel arcs and self-loops dropped); an undirected one counts each edge as two
    arcs.

    Parameters
    ----------
    net
        A network or a networkx graph.
    group
        ``"community"`` (seeded Louvain on the acquaintance graph), a people column
        (``"industry"``, ``"organization"``, ``"major"``, ...) or node attribute, or
        a mapping from person id to group.
    weighted
        Give partial credit when several people broker the same pair.
    seed
        Random seed of the community detection.
    as_of
        Use the network as it stood on this day.

    Returns
    -------
    pandas.DataFrame
        One row per person (sorted by id) with columns ``person_id``, ``name``,
        ``group``, ``coordinator``, ``itinerant``, ``gatekeeper``,
        ``representative``, ``liaison`` and ``total`` (floats; whole numbers unless
        ``weighted``).

    Raises
    ------
    NetgraphError
        If ``group`` names no column.

    Examples
    --------
    Ana (group x) refers Ben (y), who refers Cy (y) and Di (z):

    >>> import networkx as nx
    >>> g = nx.DiGraph([("ana", "ben"), ("ben", "cy"), ("ben", "di")])
    >>> groups = {"ana": "x", "ben": "y", "cy": "y", "di": "z"}
    >>> roles = brokerage_roles(g, group=groups).set_index("person_id")
    >>> roles.loc["ben", ["gatekeeper", "liaison", "total"]].tolist()
    [1.0, 1.0, 2.0]

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a
       formal approach to brokerage in transaction networks. *Sociological
       Methodology* 19, 89–126.
    .. [2] Borgatti, S. P., Everett, M. G. and Freeman, L. C. (2002). *UCINET for
       Windows: Software for Social Network Analysis*. Analytic Technologies.
    """
    net = _at(net, as_of)
    d = _referral_digraph(net)
    labels = _groups(net, group, seed=seed)
    succ, pred = d.succ, d.pred
    counts = {n: [0.0] * 5 for n in d}
    paths: dict[tuple[Hashable, Hashable], int] = {}

    def n_paths(a: Hashable, c: Hashable) -> int:
        key = (a, c)
        if key not in paths:
            paths[key] = sum(1 for x in succ[a] if x not in (a, c) and c in succ[x])
        return paths[key]

    for b in d:
        gb = labels.get(b)
        if gb is None:
            continue
        row = counts[b]
        for a in pred[b]:
            ga = labels.get(a)
            if a == b or ga is None:
                continue
            for c in succ[b]:
                if c in (a, b) or c in succ[a]:
                    continue
                gc = labels.get(c)
                if gc is None:
                    continue
                credit = 1.0 / n_paths(a, c) if weighted else 1.0
                if ga == gb == gc:
                    row[0] += credit
                elif ga == gc:
                    row[1] += credit
                elif gb == gc:
                    row[2] += credit
                elif ga == gb:
                    row[3] += credit
                else:
                    row[4] += credit
    nodes = _sorted_nodes(d)
    frame = pd.DataFrame([counts[n] for n in nodes], columns=list(ROLES), dtype=float)
    frame["total"] = frame.sum(axis=1)
    frame.insert(0, "person_id", nodes)
    frame.insert(1, "name", _names(net, nodes))
    frame.insert(2, "group", pd.Series([labels.get(n) for n in nodes], dtype=object))
    return frame


def _group_brokerage(g: nx.Graph, labels: Mapping[Hashable, Any]) -> dict:
    """Per person: groups among their contacts, and open contact pairs across groups."""
    adj = g.adj
    out = {}
    for i in g:
        nbrs = [j for j in adj[i] if j != i and j in labels]
        sizes: dict[Any, int] = {}
        for j in nbrs:
            sizes[labels[j]] = sizes.get(labels[j], 0) + 1
        n = len(nbrs)
        across = n * (n - 1) // 2 - sum(k * (k - 1) // 2 for k in sizes.values())
        nbrset = set(nbrs)
        closed = 0
        for j in nbrs:
            closed += sum(1 for q in adj[j] if q in nbrset and q != j and labels[q] != labels[j])
        out[i] = (len(sizes), across - closed // 2)
    return out


def brokers(
    net: GraphLike,
    *,
    group: str | Mapping[Hashable, Any] = "community",
    weight: str | None = None,
    exact_max: int = BETWEENNESS_EXACT_MAX,
    pivots: int = BETWEENNESS_PIVOTS,
    seed: int = 0,
    weighted_roles: bool = False,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Network-wide table of who holds the network together and spans its holes.

    Combines, per person: betweenness (:func:`betweenness`, exact up to
    ``exact_max`` people, else sampled from ``pivots`` seeded sources); whether the
    person is an *articulation point* (removing them disconnects their component)
    and into how many pieces (``split_into``: the number of biconnected components
    they belong to); their local bridges (:func:`local_bridges`) and the widest span;
    Burt's measures (:func:`structural_holes`); brokerage between groups on the
    acquaintance graph (how many groups their contacts fall in, and how many pairs of
    their contacts sit in different groups without knowing each other); and the
    Gould–Fernandez roles on the referral graph (:func:`brokerage_roles`).

    Parameters
    ----------
    net
        A network or a networkx graph.
    group
        ``"community"`` (seeded Louvain), a people column such as ``"industry"``,
        ``"organization"`` or ``"major"`` (or node attribute), or a mapping from
        person id to group.
    weight
        Edge attribute used as tie weight in Burt's measures and Louvain
        (``"strength"``), or ``None`` (every tie 1). Betweenness counts steps.
    exact_max, pivots, seed
        Betweenness: exact up to ``exact_max`` people, else ``pivots`` sampled
        sources; ``seed`` seeds the sample and the communities.
    weighted_roles
        UCINET's partial credit for the brokerage roles.
    as_of
        Use the network as it stood on this day.

    Returns
    -------
    pandas.DataFrame
        One row per person, highest betweenness first (ties by ``person_id``), with
        columns ``person_id``, ``name``, ``group``, ``degree``, ``betweenness``,
        ``betweenness_method``, ``articulation_point`` (bool), ``split_into`` (int),
        ``local_bridges`` (int), ``max_span`` (float: ``inf`` for a bridge, ``NaN``
        with no local bridge), ``effective_size``, ``efficiency``, ``constraint``,
        ``hierarchy``, ``groups_reached`` (int), ``between_group_pairs`` (int),
        ``coordinator``, ``itinerant``, ``gatekeeper``, ``representative``,
        ``liaison`` and ``brokerage_total`` (floats).

    Raises
    ------
    NetgraphError
        If ``group`` names no column or ``pivots`` is below 1.

    Notes
    -----
    Measured: 0.7 s on the 400-person sample (exact betweenness); about 100 s on a
    synthetic 50,000-person network with 145,000 ties and ``pivots=32`` (local
    bridges 42 s, Louvain 17 s, betweenness about 1 s per pivot, Burt's measures 6 s).
    Beyond that, use a compiled library (``PERFORMANCE.md``).

    Examples
    --------
    >>> import networkx as nx
    >>> table = brokers(nx.florentine_families_graph(), group={})
    >>> table[["person_id", "articulation_point", "split_into"]].head(2)
      person_id  articulation_point  split_into
    0    Medici                True           3
    1  Guadagni                True           2

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on
       betweenness. *Sociometry* 40(1), 35–41.
    .. [2] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
       Sociology* 78(6), 1360–1380.
    .. [3] Burt, R. S. (1992). *Structural Holes: The Social Structure of
       Competition*. Harvard University Press.
    .. [4] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a
       formal approach to brokerage in transaction networks. *Sociological
       Methodology* 19, 89–126.
    """
    net = _at(net, as_of)
    g = _undirected(net)
    if isinstance(group, str) and group == "community":
        labels = communities(net, seed=seed, weight=weight).to_dict()
    else:
        labels = _groups(net, group, seed=seed)
    between = betweenness(net, exact_max=exact_max, pivots=pivots, seed=seed)
    holes = structural_holes(net, weight=weight).set_index("person_id")
    roles = brokerage_roles(net, group=labels, weighted=weighted_roles).set_index("person_id")

    split = dict.fromkeys(g, 0)
    for comp in nx.biconnected_components(g):
        for n in comp:
            split[n] += 1
    cut = set(nx.articulation_points(g))
    n_bridges = dict.fromkeys(g, 0)
    span: dict[Hashable, float] = {}
    for u, v, s in _local_bridges(g):
        for x in (u, v):
            n_bridges[x] += 1
            span[x] = max(span.get(x, -1.0), float(s))
    spread = _group_brokerage(g, labels)

    frame = between.rename(columns={"method": "betweenness_method"})
    ids = frame["person_id"]
    frame["group"] = pd.Series([labels.get(n) for n in ids], index=frame.index, dtype=object)
    frame["degree"] = holes.loc[ids, "degree"].to_numpy()
    frame["articulation_point"] = [n in cut for n in ids]
    frame["split_into"] = [split[n] for n in ids]
    frame["local_bridges"] = [n_bridges[n] for n in ids]
    frame["max_span"] = [span.get(n, float("nan")) for n in ids]
    for col in ("effective_size", "efficiency", "constraint", "hierarchy"):
        frame[col] = holes.loc[ids, col].to_numpy()
    frame["groups_reached"] = [spread[n][0] for n in ids]
    frame["between_group_pairs"] = [spread[n][1] for n in ids]
    for col in ROLES:
        frame[col] = [float(roles[col].get(n, 0.0)) for n in ids]
    frame["brokerage_total"] = frame[list(ROLES)].sum(axis=1)
    return frame[BROKER_COLUMNS].reset_index(drop=True)


# =================================================================== for drawing
def _ego_drawing(
    net: ReferralNetwork,
    seeker: str,
    *,
    hops: int = 2,
    max_people: int = 80,
    max_clusters: int = 8,
) -> dict[str, Any]:
    """Compute what :func:`netgraph.plot.plot_ego_bridges` draws, without matplotlib.

    The seeker, every direct contact, and (with ``hops=2``) second-hop people up to
    ``max_people`` people in all: those exclusive to a bridge contact first (largest
    clusters first), then those whom most of the seeker's contacts know, then by id.
    Exclusivity is computed with ``max_hops=hops``, so what is drawn is what is lost.
    ``cluster`` maps each drawn person in a bridge contact's cluster (the contact
    included) to that contact. ``pos`` is a radial layout: the seeker at the centre,
    contacts on the unit circle (the ``max_clusters`` largest bridges spread evenly,
    clockwise from the top), the second hop on an outer ring in the order of the
    contact that leads to them.
    """
    if hops not in (1, 2):
        raise NetgraphError(f"the ego picture shows 1 or 2 hops, got {hops}")
    seeker = net.resolve(seeker)
    g = net.acquaintance
    table = bridge_contacts(net, seeker, max_hops=hops)
    contacts = list(table["contact_id"])
    in_ego = {seeker, *contacts}
    exclusive = dict(zip(table["contact_id"], table["exclusive_reach"], strict=True))
    bridges = [c for c in contacts if exclusive[c] > 0]
    cluster: dict[str, str] = {}
    for c, ex in zip(table["contact_id"], table["exclusive_ids"], strict=True):
        if ex:
            cluster[c] = c
            cluster.update(dict.fromkeys(ex, c))

    known_by: dict[str, int] = {}
    if hops == 2:
        for c in contacts:
            for v in g.adj[c]:
                if v not in in_ego:
                    known_by[v] = known_by.get(v, 0) + 1
    rank = {c: i for i, c in enumerate(bridges)}
    room = max(max_people - len(contacts) - 1, 0)
    outer = sorted(
        known_by, key=lambda v: (rank.get(cluster.get(v, ""), len(rank)), -known_by[v], v)
    )[:room]

    # the featured bridges (largest clusters) spread evenly round the inner ring,
    # the other contacts in the gaps, in table order
    n_in = len(contacts)
    featured = bridges[:max_clusters]
    slots: list[str | None] = [None] * n_in
    for i, c in enumerate(featured):
        slots[round(i * n_in / len(featured)) % n_in] = c
    rest = iter(c for c in contacts if c not in featured)
    ring = [c if c is not None else next(rest) for c in slots]
    angle = {c: math.pi / 2 - 2 * math.pi * i / n_in for i, c in enumerate(ring)}
    pos: dict[str, tuple[float, float]] = {seeker: (0.0, 0.0)}
    pos.update({c: (math.cos(a), math.sin(a)) for c, a in angle.items()})

    def lead(v: str) -> float:
        if v in cluster:
            return angle[cluster[v]]
        return min(angle[c] for c in contacts if c in g.adj[v])

    # each second-hop person as close as possible to the angle of the contact that
    # leads to them, neighbours at least `gap` apart
    outer = sorted(outer, key=lambda v: (lead(v) % (2 * math.pi), v))
    m = len(outer)
    if m:
        gap = min(2 * math.pi / m, 0.07)
        target = [lead(v) % (2 * math.pi) for v in outer]
        # cut the circle at its widest empty arc, so pushing apart never wraps round
        widths = [target[0] + 2 * math.pi - target[-1]]
        widths += [b - a for a, b in pairwise(target)]
        k = max(range(m), key=widths.__getitem__)
        outer = outer[k:] + outer[:k]
        target = target[k:] + [t + 2 * math.pi for t in target[:k]]
        placed = [target[0]]
        for t in target[1:]:
            placed.append(max(t, placed[-1] + gap))
        shift = sum(t - a for t, a in zip(target, placed, strict=True)) / m
        for i, v in enumerate(outer):
            a = placed[i] + shift
            r = 1.9 + 0.25 * (i % 2)
            pos[v] = (r * math.cos(a), r * math.sin(a))
    nodes = [seeker, *contacts, *outer]
    return {
        "seeker": seeker,
        "contacts": contacts,
        "outer": outer,
        "bridges": bridges,
        "featured": featured,
        "cluster": cluster,
        "exclusive": exclusive,
        "hidden": len(known_by) - m,
        "pos": pos,
        "edges": list(g.subgraph(nodes).edges()),
    }
