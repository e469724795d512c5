"""Bridge contacts: who connects a seeker to parts of the network they could not otherwise reach.

Two kinds of question live here.

**Per seeker** (:func:`bridge_contacts`): for each of the seeker's direct contacts,
the people within ``max_hops`` whom the seeker would no longer reach within
``max_hops`` without that contact (*exclusive reach*), and the industries and
organizations that would disappear from the seeker's reach entirely. The work stays
in the seeker's ``max_hops`` ball of the compute view (:attr:`ReferralNetwork.csr`),
so the networkx graph is never built.

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
(for example ``nx.florentine_families_graph()``). Given a network, they leave out
everyone without consent to research (:func:`netgraph.privacy.opted_out`), with
their ties, interviews and referrals, before measuring: a network-wide table never
names them and their ties never count. Each has two backends, chosen by
``backend=``:

* ``"networkx"``: the reference, plain networkx and Python written as the
  definitions read; fine up to some thousands of people.
* ``"igraph"``: the graph as integer arrays (for a network, straight from its CSR
  view, without building the networkx graph), igraph (built from the edge arrays)
  for betweenness, cut points, bridges and Louvain, and vectorized numpy for
  triangles, Burt's measures, local-bridge spans and brokerage
  (:mod:`netgraph._igraph`). Same results as networkx (tests compare them on the
  sample, classic graphs and random graphs), except the communities (below).
* ``"auto"`` (default): igraph above :data:`AUTO_IGRAPH_ABOVE` people, networkx
  below, so small examples give exactly the published networkx answers.

The igraph backend's Louvain communities differ from networkx's (another
implementation of the same method, with its own random node order): equally valid
and reproducible from ``seed``, but not the same partition. Communities numbered by
size make the ``group`` column and the brokerage counts depend on the backend when
``group="community"``; with a column or a mapping as ``group`` they do not.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from netgraph._fast import check_whole
from netgraph._igraph import sorted_unique
from netgraph._memo import memo
from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork

if TYPE_CHECKING:
    from netgraph._igraph import ArrayGraph

__all__ = [
    "AUTO_IGRAPH_ABOVE",
    "BACKENDS",
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

#: Exact betweenness up to this many people; seeded pivot sampling above (exact
#: betweenness grows with people x ties; timings in ``benchmarks/results.md``).
BETWEENNESS_EXACT_MAX = 1000
#: Number of sampled pivots (source people) when betweenness is sampled. Each pivot is
#: one breadth-first search of the whole graph. With 128 of 300 pivots every value was
#: within 0.02 of exact.
BETWEENNESS_PIVOTS = 128
#: ``backend="auto"`` uses igraph for graphs with more people than this, networkx
#: up to it (the 400-person sample and the classic examples stay on networkx).
AUTO_IGRAPH_ABOVE = 1000
#: The backends of the network-wide functions.
BACKENDS = ("auto", "networkx", "igraph")
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

    This is the plain-Python statement of the search, on a networkx adjacency; the
    tests check it against removing each contact, and :func:`_first_hop_arrays`
    (what :func:`bridge_contacts` runs) against it.
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


def _first_hop_arrays(
    indptr: np.ndarray, indices: np.ndarray, seeker: int, max_hops: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_first_hop_labels` on CSR arrays, one whole level at a time with numpy.

    Returns the contacts' positions in the seeker's row (their rows are
    ``indices[indptr[seeker] + pos]``, ascending), the contacts' rows, and for every
    labelled person beyond them (rows, ascending) the first and second label (the
    index of a contact in the contacts array; ``-1`` for no second label).

    Each level takes the (person, label) pairs accepted at the previous level, steps
    to their neighbours, drops the seeker and contacts and labels a person already
    holds, and accepts per person the smallest new labels up to two labels in all.
    Which two labels a person keeps can differ from the Python search's visiting
    order, but whether a person has one label (and which) or two does not: that is
    all :func:`bridge_contacts` reads.
    """
    lo, hi = int(indptr[seeker]), int(indptr[seeker + 1])
    nbrs = np.asarray(indices[lo:hi], dtype=np.int64)
    pos = np.flatnonzero(nbrs != seeker)
    contacts = nbrs[pos]
    n = len(indptr) - 1
    n_labels = max(len(contacts), 1)
    blocked = np.zeros(n, dtype=bool)
    blocked[seeker] = True
    blocked[contacts] = True
    first = np.full(n, -1, dtype=np.int64)
    second = np.full(n, -1, dtype=np.int64)
    node, lab = contacts, np.arange(len(contacts), dtype=np.int64)
    for _ in range(2, max_hops + 1):
        if not len(node):
            break
        starts = indptr[node]
        lens = indptr[node + 1] - starts
        total = int(lens.sum())
        slots = np.arange(total, dtype=np.int64) + np.repeat(
            starts - (np.cumsum(lens) - lens), lens
        )
        nxt = np.asarray(indices[slots], dtype=np.int64)
        labs = np.repeat(lab, lens)
        keep = ~blocked[nxt]
        nxt, labs = nxt[keep], labs[keep]
        keep = (first[nxt] != labs) & (second[nxt] != labs)
        key = sorted_unique(nxt[keep] * n_labels + labs[keep])
        nxt, labs = key // n_labels, key % n_labels
        if not len(nxt):
            break
        head = np.ones(len(nxt), dtype=bool)
        head[1:] = nxt[1:] != nxt[:-1]
        idx = np.arange(len(nxt))
        rank = idx - np.maximum.accumulate(np.where(head, idx, 0))
        have = (first[nxt] >= 0).astype(np.int64) + (second[nxt] >= 0)
        slot = have + rank  # 0: first label, 1: second label, 2+: not kept
        ok = slot < 2
        nxt, labs, slot = nxt[ok], labs[ok], slot[ok]
        first[nxt[slot == 0]] = labs[slot == 0]
        second[nxt[slot == 1]] = labs[slot == 1]
        node, lab = nxt, labs
    labelled = np.flatnonzero(first >= 0)
    return pos, contacts, labelled, np.column_stack([first[labelled], second[labelled]])


def _people_column(net: ReferralNetwork, column: str, ids: np.ndarray) -> np.ndarray:
    """``people[column]`` for ``ids`` as text (``""`` where absent)."""
    if column not in net.people.columns:
        return np.full(len(ids), "", dtype=object)
    values = net.people[column].reindex(pd.Index(ids, dtype=object))
    return values.astype(object).where(values.notna(), "").to_numpy(dtype=object)


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

    Only the seeker's ``max_hops`` ball is searched, each person at most twice, on
    the compute view (:attr:`ReferralNetwork.csr`) a whole level at a time; the
    networkx graphs are not built.

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

    Notes
    -----
    The search reads the CSR view (``net.csr``, kept in the network's snapshot) and
    never builds the networkx graph; measured times are in ``benchmarks/results.md``.
    The tables are identical to the former networkx search (tests compare them).

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
    csr = net.csr
    s = csr.index[seeker]
    pos, contacts, labelled, labels = _first_hop_arrays(csr.indptr, csr.indices, s, max_hops)
    if not len(contacts):
        empty = {"strength": float, "exclusive_reach": int, "total_reach": int, "share": float}
        return pd.DataFrame({c: pd.Series(dtype=empty.get(c, object)) for c in BRIDGE_COLUMNS})
    ids = csr.ids
    ball = np.concatenate([contacts, labelled])
    total = len(ball)
    # exclusive people (one label), grouped by contact, each group in id order
    only = labels[:, 1] < 0
    ex_rows, ex_lab = labelled[only], labels[only, 0]
    order = np.argsort(ex_lab, kind="stable")
    ex_rows, ex_lab = ex_rows[order], ex_lab[order]
    n_ex = np.bincount(ex_lab, minlength=len(contacts))
    bounds = np.concatenate([[0], np.cumsum(n_ex)])

    ball_ids = ids[ball]
    info = {col: _people_column(net, col, ids[contacts]) for col in ("name", "role")}
    values = {col: _people_column(net, col, ball_ids) for col in ("industry", "organization")}
    where = dict(zip(ball.tolist(), range(total), strict=True))
    counts = {col: Counter(v for v in vals.tolist() if v) for col, vals in values.items()}
    strength = np.asarray(csr.strength[csr.indptr[s] + pos], dtype=float).tolist()
    rows = []
    for k, c in enumerate(contacts.tolist()):
        ex = ex_rows[bounds[k] : bounds[k + 1]]
        lost = [where[c], *(where[r] for r in ex.tolist())]
        lost_values = {}
        for col, vals in values.items():
            here = Counter(v for v in vals[lost].tolist() if v)
            lost_values[col] = tuple(sorted(v for v, m in here.items() if m == counts[col][v]))
        name = info["name"][k]
        rows.append(
            {
                "contact_id": ids[c],
                "name": name if name != "" or ids[c] in net.people.index else str(ids[c]),
                "role": info["role"][k],
                "organization": values["organization"][k],
                "industry": values["industry"][k],
                "strength": strength[k],
                "exclusive_reach": len(ex),
                "total_reach": total,
                "share": len(ex) / total,
                "industries_lost": lost_values["industry"],
                "organizations_lost": lost_values["organization"],
                "exclusive_ids": tuple(ids[ex].tolist()),
            }
        )
    rows.sort(key=lambda r: (-r["exclusive_reach"], str(r["contact_id"])))
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


def _scaled_weights(g: nx.Graph, weight: str | None) -> nx.Graph:
    """Return ``g``, or a copy whose tiny ``weight`` values are scaled up for Louvain.

    Modularity ignores the scale of the weights, but networkx divides by the squared
    sum of them, which underflows to 0 when every weight is tiny (ties of strength
    1e-170): the copy multiplies them by a power of two (exactly) so the largest lies
    in [0.5, 1).
    """
    if weight is None or not g.number_of_edges():
        return g
    values = [x for _, _, x in g.edges(data=weight, default=1.0)]
    top = max(values)
    if not 0 < top < 2.0**-16:
        return g
    shift = -math.frexp(top)[1]
    out = nx.Graph()
    out.add_nodes_from(g.nodes)
    out.add_weighted_edges_from(
        ((u, v, math.ldexp(x, shift)) for u, v, x in g.edges(data=weight, default=1.0)),
        weight=weight,
    )
    return out


def _names(obj: GraphLike, nodes: Iterable[Hashable]) -> list[str]:
    """Display names: the people's names (the id for anyone not listed), else the node."""
    nodes = list(nodes)
    if isinstance(obj, ReferralNetwork):
        names = obj.people["name"].reindex(pd.Index(nodes, dtype=object))
        return [
            str(n) if pd.isna(x) else str(x) for n, x in zip(nodes, names.tolist(), strict=True)
        ]
    return [str(n) for n in nodes]


def _sorted_nodes(nodes: Iterable[Hashable]) -> list[Hashable]:
    return sorted(nodes, key=str)


def _at(obj: GraphLike, as_of: str | pd.Timestamp | None) -> GraphLike:
    """Return the network as of a day, without the people who did not consent to research.

    Network-wide tables list people by name, so a :class:`ReferralNetwork` loses
    everyone :func:`netgraph.privacy.opted_out` lists (with their ties, interviews and
    referrals) before any measure runs; a plain networkx graph carries no consent.
    """
    if as_of is not None:
        if not isinstance(obj, ReferralNetwork):
            raise NetgraphError("as_of needs a ReferralNetwork (a plain graph carries no dates)")
        obj = obj.as_of(as_of)
    if isinstance(obj, ReferralNetwork):
        from netgraph.privacy import without_opted_out

        obj = without_opted_out(obj)
    return obj


def _size(obj: GraphLike) -> int:
    """Count the people (nodes) without building a networkx graph."""
    if isinstance(obj, ReferralNetwork):
        return len(obj.csr.ids)
    _check_graph(obj)
    return obj.number_of_nodes()


def _use_igraph(obj: GraphLike, backend: str) -> bool:
    """Whether ``backend`` (``"auto"``, ``"networkx"``, ``"igraph"``) means igraph here."""
    if backend not in BACKENDS:
        raise NetgraphError(
            f"backend must be one of {', '.join(map(repr, BACKENDS))}, got {backend!r}"
        )
    if backend == "auto":
        return _size(obj) > AUTO_IGRAPH_ABOVE
    return backend == "igraph"


def _arrays(obj: GraphLike, weight: str | None) -> ArrayGraph:
    """Convert the acquaintance graph (or a networkx graph) to integer arrays."""
    from netgraph._igraph import ArrayGraph

    if isinstance(obj, ReferralNetwork):
        return ArrayGraph.from_network(obj, weight)
    return ArrayGraph.from_networkx(_undirected(obj), weight)


def _array_graph(obj: GraphLike, weight: str | None, stage: Callable) -> ArrayGraph:
    """:func:`_arrays`, kept per network (as its arrays) through ``stage``."""
    from netgraph._igraph import ArrayGraph

    names = ("nodes", "indptr", "indices", "weight", "nx_order")

    def make() -> dict[str, Any]:
        graph = _arrays(obj, weight)
        return {k: getattr(graph, k) for k in names}

    return ArrayGraph(**stage(f"array_graph.weight={weight}", make))


def _id_order(graph: ArrayGraph) -> np.ndarray:
    """Node positions sorted by ``str(node)`` (stable): the tables' row order."""
    return _text_order(graph.nodes)


def _sort_key(values: np.ndarray) -> np.ndarray:
    """Round to 12 significant digits for sorting.

    Ties are broken by id, and rounding noise (the two backends add in different
    orders) must not decide what is a tie.
    """
    v = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        mag = np.where(np.isfinite(v) & (v != 0), np.floor(np.log10(np.abs(v))), 0.0)
    return np.round(v / 10.0**mag, 11) * 10.0**mag


class _Stages:
    """One progress bar over the named stages of a long computation.

    ``with stages.stage("betweenness") as step:`` shows the stage name; ``step(f)``
    moves the bar to fraction ``f`` of that stage (for chunked kernels). The wall
    time of each stage is kept in ``seconds``, the CPU time of this process in
    ``cpu_seconds`` (what a shared machine does not inflate).
    """

    def __init__(self, names: list[str], desc: str, progress: bool | None) -> None:
        from netgraph._progress import progress as bar

        self.bar = bar(total=len(names), desc=desc, unit="stage", progress=progress)
        self.seconds: dict[str, float] = {}
        self.cpu_seconds: dict[str, float] = {}

    def stage(self, name: str) -> _Stage:
        self.bar.set_postfix_str(name)
        return _Stage(self, name)

    def close(self) -> None:
        self.bar.close()


class _Stage:
    def __init__(self, owner: _Stages, name: str) -> None:
        self.owner, self.name, self.at = owner, name, 0.0

    def __enter__(self) -> Callable[[float], None]:
        self.start = time.perf_counter()
        self.cpu = time.process_time()
        return self.step

    def step(self, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        self.owner.bar.update(fraction - self.at)
        self.at = fraction

    def __exit__(self, *exc: object) -> None:
        self.step(1.0)
        self.owner.seconds[self.name] = time.perf_counter() - self.start
        self.owner.cpu_seconds[self.name] = time.process_time() - self.cpu


# ==================================================================== communities
def _community_codes(
    graph: ArrayGraph, *, seed: int, resolution: float, weighted: bool, ig_graph: Any = None
) -> np.ndarray:
    """Run igraph's Louvain; number communities by size, largest first (ties by smallest id)."""
    from netgraph._igraph import multilevel_membership

    memb = multilevel_membership(
        graph, seed=seed, resolution=resolution, weighted=weighted, ig_graph=ig_graph
    )
    if not len(memb):
        return memb
    rank = np.empty(graph.n, dtype=np.int64)
    rank[_id_order(graph)] = np.arange(graph.n)
    k = int(memb.max()) + 1
    size = np.bincount(memb, minlength=k)
    first = np.full(k, graph.n, dtype=np.int64)
    np.minimum.at(first, memb, rank)
    number = np.empty(k, dtype=np.int64)
    number[np.lexsort((first, -size))] = np.arange(k)
    return number[memb]


def communities(
    net: GraphLike,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    weight: str | None = None,
    backend: str = "auto",
) -> pd.Series:
    """Detect communities of the acquaintance graph with seeded Louvain.

    Louvain modularity maximisation (Blondel et al. 2008); the same seed gives the
    same partition. Communities are numbered from 0 by size, largest first (ties by
    their smallest member id); an isolated person is a community of one.

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
    backend
        ``"networkx"`` (``networkx.community.louvain_communities``), ``"igraph"``
        (``igraph.Graph.community_multilevel`` with igraph's random numbers drawn
        from ``random.Random(seed)``; igraph is given back its default, Python's
        ``random`` module, afterwards) or ``"auto"`` (igraph above
        :data:`AUTO_IGRAPH_ABOVE` people).

    Returns
    -------
    pandas.Series
        Community number (int) indexed by person id, named ``"community"``.

    Raises
    ------
    NetgraphError
        If ``backend`` is not one of :data:`BACKENDS`.

    Notes
    -----
    The two backends implement the same method differently (node order, tie rules),
    so their partitions differ; both are reproducible and of about the same
    modularity. On the 400-person sample networkx found 35 communities (modularity
    0.578), igraph 36 (0.580). igraph is far faster at scale (timings in
    ``benchmarks/results.md``).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.barbell_graph(4, 0)  # two 4-cliques joined by one edge
    >>> communities(g).tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]
    >>> communities(g, backend="igraph").tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008).
       Fast unfolding of communities in large networks. *Journal of Statistical
       Mechanics* P10008.
    """
    net = _at(net, None)
    if _use_igraph(net, backend):
        graph = _arrays(net, weight)
        codes = _community_codes(
            graph, seed=seed, resolution=resolution, weighted=weight is not None
        )
        order = _id_order(graph)
        return pd.Series(
            codes[order], index=pd.Index(graph.nodes[order].tolist()), name="community"
        )
    g = _scaled_weights(_undirected(net), weight)
    parts = nx.community.louvain_communities(g, weight=weight, resolution=resolution, seed=seed)
    parts = sorted((sorted(p, key=str) for p in parts), key=lambda p: (-len(p), str(p[0])))
    label = {n: i for i, part in enumerate(parts) for n in part}
    nodes = _sorted_nodes(g)
    return pd.Series([label[n] for n in nodes], index=pd.Index(nodes), name="community")


def _groups(
    obj: GraphLike, group: str | Mapping[Hashable, Any], *, seed: int, backend: str = "auto"
) -> dict:
    """Map each person to a group label; people without one are left out."""
    if isinstance(group, Mapping):
        labels = dict(group)
    elif group == "community":
        labels = communities(obj, seed=seed, backend=backend).to_dict()
    elif isinstance(obj, ReferralNetwork):
        _check_column(obj, group)
        labels = obj.people[group].to_dict()
    else:
        labels = dict(obj.nodes(data=group))
    return {
        n: v for n, v in labels.items() if v is not None and v == v and str(v) != ""
    }  # v == v drops NaN


def _check_column(net: ReferralNetwork, group: str) -> None:
    if group not in net.people.columns:
        known = ", ".join(["community", *map(str, net.people.columns)])
        raise NetgraphError(f"no column {group!r} to group people by (choose from {known})")


# ===================================================================== measures
def _span(
    adj: Mapping[Hashable, Mapping[Hashable, Any]],
    u: Hashable,
    v: Hashable,
    cap: int | None = None,
) -> float:
    """Return the steps from ``u`` to ``v`` without the tie ``u``–``v``, ``inf`` if none.

    Bidirectional BFS that always grows the smaller frontier, one whole level at a
    time: the first level where the two searches meet holds a shortest path. A true
    bridge costs no more than the smaller side of the graph it separates. With
    ``cap``, a path longer than ``cap`` is not looked for: ``cap + 1`` is returned.
    """
    dist = ({u: 0}, {v: 0})
    fronts = ([u], [v])
    depth = [0, 0]
    while fronts[0] and fronts[1]:
        if cap is not None and depth[0] + depth[1] + 1 > cap:
            return float(cap + 1)  # no path of up to `cap` steps: it would have met
        side = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        depth[side] += 1
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


def _local_bridges(
    g: nx.Graph, cap: int | None = None
) -> Iterable[tuple[Hashable, Hashable, float]]:
    """Yield ``(u, v, span)`` for each tie on no triangle (as ``nx.local_bridges``).

    Spans above ``cap`` are given as ``cap + 1`` (see :func:`_span`); bridges are
    ``inf`` whatever the cap (``networkx.bridges`` finds them first).
    """
    adj = g.adj
    cut = {frozenset(e) for e in nx.bridges(g)} if cap is not None else set()
    for u, v in g.edges():
        if u == v:
            continue
        small, large = (u, v) if len(adj[u]) <= len(adj[v]) else (v, u)
        if any(w in adj[large] for w in adj[small] if w not in (u, v)):
            continue
        yield u, v, math.inf if frozenset((u, v)) in cut else _span(adj, u, v, cap)


def _local_bridge_arrays(
    graph: ArrayGraph,
    on_triangle: np.ndarray,
    ig_graph: Any = None,
    step: Callable[[float], None] | None = None,
    cap: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Local bridges ``(u, v, span)`` as node positions (``u < v``) from the triangle marks.

    Bridges (igraph) get ``inf`` without a search; ties on a 4-cycle get 3
    (:func:`netgraph._igraph.four_cycle_mask`); the rest are searched
    (:func:`netgraph._igraph.spans`), or given ``cap + 1`` when ``cap`` is 3.
    """
    from netgraph._igraph import bridge_mask, four_cycle_mask, spans

    up = graph.upper
    local = up[~on_triangle[up]]
    u = graph.rows[local]
    v = graph.indices[local].astype(np.int64)
    cut = bridge_mask(graph, ig_graph)[~on_triangle[up]]
    span = np.full(len(u), np.inf)
    if not len(u):
        return u, v, span

    def part(lo: float, hi: float) -> Callable[[float], None] | None:
        return None if step is None else (lambda f: step(lo + (hi - lo) * f))

    on4 = four_cycle_mask(graph, on_chunk=part(0.0, 0.3))[local]
    span[on4 & ~cut] = 3.0
    rest = ~on4 & ~cut
    if cap is not None and cap <= 3:
        span[rest] = float(cap + 1)
    else:
        span[rest] = spans(graph, u[rest], v[rest], cap=cap, on_chunk=part(0.3, 1.0))
    return u, v, span


def _check_cap(max_span_hops: int | None) -> int | None:
    if max_span_hops is None:
        return None
    why = " (a local bridge's span is 3 or more)"
    return check_whole("max_span_hops", max_span_hops, 3, why)


def _local_bridge_frame(
    obj: GraphLike, a: list[Hashable], b: list[Hashable], span: np.ndarray
) -> pd.DataFrame:
    """Build the :func:`local_bridges` table from end points and spans (any order)."""
    rows = [(x, y) if str(x) <= str(y) else (y, x) for x, y in zip(a, b, strict=True)]
    frame = pd.DataFrame(rows, columns=["u", "v"]) if rows else pd.DataFrame(columns=["u", "v"])
    frame["span"] = np.asarray(span, dtype=float)
    frame = frame.assign(
        u_name=_names(obj, frame["u"]),
        v_name=_names(obj, frame["v"]),
        bridge=np.isinf(frame["span"].to_numpy()),
        _u=frame["u"].astype(str),
        _v=frame["v"].astype(str),
    )
    frame = frame.sort_values(["span", "_u", "_v"], ascending=[False, True, True], kind="stable")
    return frame[["u", "v", "u_name", "v_name", "span", "bridge"]].reset_index(drop=True)


def local_bridges(
    net: GraphLike,
    *,
    max_span_hops: int | None = None,
    as_of: str | pd.Timestamp | None = None,
    backend: str = "auto",
) -> pd.DataFrame:
    """List the local bridges of the acquaintance graph with their span.

    A *local bridge* is a tie whose two ends have no common acquaintance: it is on no
    triangle, so it links circles that otherwise only meet further away (Granovetter
    1973). Its *span* is the length of the shortest path between the two ends once
    the tie is gone, ``inf`` when there is none (the tie is a bridge). The same as
    ``networkx.local_bridges(G, with_span=True)`` (tests check this), with the span
    found by a bidirectional breadth-first search (far faster than networkx's at
    scale; timings in ``benchmarks/results.md``).

    Parameters
    ----------
    net
        A network (its acquaintance graph) or a networkx graph.
    max_span_hops
        Look for spans of at most this many steps (3 or more); a longer span is
        reported as ``max_span_hops + 1``, meaning "more than ``max_span_hops``"
        (a lower bound). ``None`` (default): exact spans. ``3`` skips the search
        altogether (spans of 3 come from 4-cycles), which is what makes a network
        of a million people quick (see Notes).
    as_of
        Use the network as it stood on this day.
    backend
        ``"networkx"`` (a Python search per tie), ``"igraph"`` (triangles and
        4-cycles found once with numpy, bridges by igraph, the spans of the other
        local bridges by a batched bidirectional search on scipy sparse matrices) or
        ``"auto"`` (igraph above :data:`AUTO_IGRAPH_ABOVE` people). Both give the
        same table.

    Returns
    -------
    pandas.DataFrame
        One row per local bridge, widest span first (ties by ``u``, ``v``), with
        columns ``u``, ``v`` (ids, ``u < v`` as text), ``u_name``, ``v_name``,
        ``span`` (float, ``inf`` for a bridge) and ``bridge`` (bool: the span is
        infinite).

    Raises
    ------
    NetgraphError
        If ``backend`` is not one of :data:`BACKENDS` or ``max_span_hops`` is below
        3.

    Notes
    -----
    Most local bridges of large generated networks have span 3 (ties on a 4-cycle,
    found without a search); the exact span of the others is the slow part, which
    ``max_span_hops=3`` skips. Timings: ``benchmarks/results.md``.

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
    cap = _check_cap(max_span_hops)
    net = _at(net, as_of)
    if _use_igraph(net, backend):
        from netgraph._igraph import triangle_pass

        graph = _arrays(net, None)
        tri = triangle_pass(graph)
        u, v, span = _local_bridge_arrays(graph, tri.on_triangle, cap=cap)
        nodes = graph.nodes
        return _local_bridge_frame(net, nodes[u].tolist(), nodes[v].tolist(), span)
    g = _undirected(net)
    found = list(_local_bridges(g, cap))
    return _local_bridge_frame(
        net, [x[0] for x in found], [x[1] for x in found], np.array([x[2] for x in found])
    )


def _betweenness_frame(
    obj: GraphLike, nodes: list[Hashable], values: np.ndarray, method: str
) -> pd.DataFrame:
    """Build the :func:`betweenness` table from values in ``nodes`` order (sorted by id)."""
    frame = pd.DataFrame(
        {
            "person_id": nodes,
            "name": _names(obj, nodes),
            "betweenness": np.asarray(values, dtype=float),
            "method": method,
        }
    )
    order = np.argsort(-_sort_key(frame["betweenness"].to_numpy()), kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    frame.attrs["method"] = method
    return frame


def _pivot_rows(graph: ArrayGraph, pivots: int, seed: int) -> list[int]:
    """Draw the pivots networkx would: ``random.Random(seed).sample`` of its node list."""
    return random.Random(seed).sample(graph.nx_order.tolist(), pivots)


def betweenness(
    net: GraphLike,
    *,
    exact_max: int = BETWEENNESS_EXACT_MAX,
    pivots: int = BETWEENNESS_PIVOTS,
    seed: int = 0,
    weight: str | None = None,
    as_of: str | pd.Timestamp | None = None,
    backend: str = "auto",
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
    backend
        ``"networkx"`` (``networkx.betweenness_centrality``), ``"igraph"``
        (``igraph.Graph.betweenness``, with ``sources=`` the pivots when sampled) or
        ``"auto"`` (igraph above :data:`AUTO_IGRAPH_ABOVE` people). Both sample the
        same pivots (networkx's ``random.Random(seed).sample`` of the graph's node
        list) and scale as networkx does, so the values agree to rounding.

    Returns
    -------
    pandas.DataFrame
        One row per person, highest betweenness first (ties by ``person_id``), with
        columns ``person_id``, ``name``, ``betweenness`` (float) and ``method``
        (``"exact"`` or ``"sampled: K pivots, seed S"``).

    Raises
    ------
    NetgraphError
        If ``pivots`` is below 1 or ``backend`` is not one of :data:`BACKENDS`.

    Notes
    -----
    With ``weight``, igraph treats path lengths equal to within a relative
    ``1e-10`` as equal while networkx compares them exactly, so where sums of
    repeated weights differ only by rounding (three or more ties of equal
    strength) the two backends can count shortest paths differently.

    Exact betweenness costs about ``n / pivots`` times as much as sampled. Timings
    of both backends: ``benchmarks/results.md``.

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
    if _use_igraph(net, backend):
        from netgraph._igraph import betweenness_values

        graph = _arrays(net, weight)
        sampled = not (graph.n <= exact_max or pivots >= graph.n)
        rows = _pivot_rows(graph, pivots, seed) if sampled else None
        values = betweenness_values(graph, pivots=rows, weighted=weight is not None)
        method = f"sampled: {pivots} pivots, seed {seed}" if sampled else "exact"
        order = _id_order(graph)
        return _betweenness_frame(net, graph.nodes[order].tolist(), values[order], method)
    g = _undirected(net)
    n = g.number_of_nodes()
    if n <= exact_max or pivots >= n:
        values = nx.betweenness_centrality(g, weight=weight)
        method = "exact"
    else:
        values = nx.betweenness_centrality(g, k=pivots, seed=seed, weight=weight)
        method = f"sampled: {pivots} pivots, seed {seed}"
    nodes = _sorted_nodes(g)
    return _betweenness_frame(net, nodes, np.array([float(values[v]) for v in nodes]), method)


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


def _chosen(net: GraphLike, nodes: Iterable[str] | None, known: Callable[[Any], bool]) -> list:
    """Resolve the people ``nodes`` names (unique, sorted by id)."""
    chosen = []
    for n in nodes or ():
        if isinstance(net, ReferralNetwork):
            n = net.resolve(n)
        elif not known(n):
            raise NetgraphError(f"node {n!r} is not in the graph")
        chosen.append(n)
    return _sorted_nodes(dict.fromkeys(chosen))


def _holes_frame(
    net: GraphLike, chosen: list, values: np.ndarray, degree: np.ndarray
) -> pd.DataFrame:
    cols = ["effective_size", "efficiency", "constraint", "hierarchy"]
    frame = pd.DataFrame(values.reshape(-1, 4), columns=cols, dtype=float)
    frame.insert(0, "person_id", chosen)
    frame.insert(1, "name", _names(net, chosen))
    frame.insert(2, "degree", np.asarray(degree, dtype=np.int64))
    return frame


def structural_holes(
    net: GraphLike,
    *,
    nodes: Iterable[str] | None = None,
    weight: str | None = None,
    as_of: str | pd.Timestamp | None = None,
    backend: str = "auto",
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

    Measures are ``NaN`` for people without contacts. The networkx backend computes
    from the adjacency directly (no graph copies, unlike
    ``networkx.effective_size(G, nodes=...)``; with ``nodes`` only those people's
    neighbourhoods are touched). The igraph backend finds every triangle once
    (numpy on the CSR arrays; every sum ``Σ_q`` above runs over the common contacts
    ``q`` of ``i`` and ``j``, that is over triangles) and computes everyone at once.
    The values equal ``networkx.effective_size`` and ``networkx.constraint`` (tests
    check this, and the two backends against each other to 1e-9).

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
    backend
        ``"networkx"``, ``"igraph"`` or ``"auto"`` (igraph above
        :data:`AUTO_IGRAPH_ABOVE` people). With ``nodes`` given, ``"auto"`` uses
        igraph only for more than :data:`AUTO_IGRAPH_ABOVE` of them on a network
        (a few people stay local, on networkx over their neighbourhood).

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
    NetgraphError
        If ``backend`` is not one of :data:`BACKENDS`.

    Notes
    -----
    The igraph backend counts every triangle once with numpy (see
    :mod:`netgraph._igraph`), far faster than networkx at scale; timings in
    ``benchmarks/results.md``.

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
    few = nodes is not None
    if few:
        nodes = list(nodes)
    use_ig = _use_igraph(net, backend)
    if backend == "auto" and few and isinstance(net, ReferralNetwork):
        use_ig = len(nodes) > AUTO_IGRAPH_ABOVE
    if use_ig:
        from netgraph._igraph import burt_arrays, burt_inputs, triangle_pass

        graph = _arrays(net, weight)
        share, over = burt_inputs(graph)
        tri = triangle_pass(graph, share=share, over_max=over)
        values = np.column_stack(burt_arrays(graph, tri, share))
        if few:
            where = {v: i for i, v in enumerate(graph.nodes.tolist())}
            chosen = _chosen(net, nodes, where.__contains__)
            pos = np.array([where[v] for v in chosen], dtype=np.int64)
        else:
            pos = _id_order(graph)
            chosen = graph.nodes[pos].tolist()
        return _holes_frame(net, chosen, values[pos], graph.degree[pos])
    if few and isinstance(net, ReferralNetwork):
        chosen = _chosen(net, nodes, lambda n: True)
        g = _local_graph(net, chosen)
    else:
        g = _undirected(net)
        chosen = _sorted_nodes(g) if not few else _chosen(net, nodes, g.__contains__)
    values = _burt(g, chosen, weight)
    degree = [sum(1 for j in g.adj[n] if j != n) for n in chosen]
    return _holes_frame(net, chosen, np.array([values[n] for n in chosen]), np.array(degree))


def _local_graph(net: ReferralNetwork, people: list[str]) -> nx.Graph:
    """Build a small networkx graph of the people, their contacts and the contacts' ties.

    What :func:`_burt` reads for ``people`` (every tie of each contact, for the
    totals and maxima), taken from the CSR view without building the full graph.
    Edge attributes are the columns of :attr:`ReferralNetwork.edges`.
    """
    csr = net.csr
    rows = np.array([csr.index[p] for p in people], dtype=np.int64)
    ring = [rows] + [csr.neighbors(int(r)) for r in rows]
    inner = sorted_unique(np.concatenate(ring).astype(np.int64))
    starts, ends = csr.indptr[inner], csr.indptr[inner + 1]
    lens = ends - starts
    slots = np.arange(int(lens.sum())) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
    src = np.repeat(inner, lens)
    edges = net.edges.iloc[csr.edge[slots]]
    g = nx.Graph()
    g.add_nodes_from(csr.ids[inner].tolist())
    attrs = edges.drop(columns=["u", "v"]).to_dict("records")
    ids = csr.ids
    g.add_edges_from(
        (a, b, d)
        for a, b, d in zip(ids[src].tolist(), ids[csr.indices[slots]].tolist(), attrs, strict=True)
    )
    return g


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
    backend: str = "auto",
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
    backend
        ``"networkx"`` (a Python walk over a networkx ``DiGraph``), ``"igraph"``
        (every two-path enumerated with numpy from the arc arrays, which for a
        network come straight from its tables; Louvain in igraph for
        ``group="community"``) or ``"auto"`` (igraph above
        :data:`AUTO_IGRAPH_ABOVE` people). Same counts for the same groups.

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
        If ``group`` names no column or ``backend`` is not one of :data:`BACKENDS`.

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
    if _use_igraph(net, backend):
        from netgraph._igraph import groups_to_codes, role_counts

        nodes, tail, head = _referral_arcs(net)
        codes, uniques = groups_to_codes(nodes, _label_series(net, group, seed=seed))
        counts = role_counts(len(nodes), tail, head, codes, weighted=weighted)
        order = _text_order(nodes)
        return _roles_frame(net, nodes[order].tolist(), counts[order], codes[order], uniques)
    d = _referral_digraph(net)
    labels = _groups(net, group, seed=seed, backend=backend)
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


def _roles_frame(
    net: GraphLike, nodes: list, counts: np.ndarray, codes: np.ndarray, uniques: np.ndarray
) -> pd.DataFrame:
    """Build the :func:`brokerage_roles` table from arrays (nodes sorted by id)."""
    frame = pd.DataFrame(np.asarray(counts, dtype=float).reshape(-1, 5), columns=list(ROLES))
    frame["total"] = frame.sum(axis=1)
    frame.insert(0, "person_id", nodes)
    frame.insert(1, "name", _names(net, nodes))
    frame.insert(2, "group", _group_values(codes, uniques))
    return frame


def _group_values(codes: np.ndarray, uniques: np.ndarray) -> pd.Series:
    """Return the group label of each code (``None`` for ``-1``) as an object column."""
    values = np.empty(len(codes), dtype=object)
    values[:] = None
    ok = codes >= 0
    values[ok] = uniques[codes[ok]]
    return pd.Series(values, dtype=object)


def _text_order(nodes: np.ndarray) -> np.ndarray:
    """Positions of ``nodes`` sorted by ``str`` (stable)."""
    text = np.asarray([str(x) for x in nodes.tolist()], dtype=object)
    if len(text) < 2 or bool((text[1:] >= text[:-1]).all()):
        return np.arange(len(text))
    return np.argsort(text, kind="stable")


def _referral_arcs(obj: GraphLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the nodes and arcs (``tail -> head``, unique, no self-loops) of the roles graph.

    For a network, straight from its tables (the node set of its referral graph:
    the people and everyone an interview or referral names), without building the
    networkx graph; else from :func:`_referral_digraph`.
    """
    if isinstance(obj, ReferralNetwork):
        iv, ref = obj.interviews, obj.referrals
        ends = [
            iv["seeker_id"],
            iv["contact_id"],
            ref["referrer_id"],
            ref["referred_id"],
        ]
        ids = (
            pd.Index(obj.people.index.astype(object))
            .append(pd.Index(pd.concat(ends).astype(object).unique()))
            .unique()
        )
        ids = np.sort(ids.to_numpy(dtype=object))
        index = pd.Index(ids)
        done = iv["status"].eq("completed").to_numpy(dtype=bool)
        tail = np.concatenate(
            [index.get_indexer(iv["seeker_id"][done]), index.get_indexer(ref["referrer_id"])]
        )
        head = np.concatenate(
            [index.get_indexer(iv["contact_id"][done]), index.get_indexer(ref["referred_id"])]
        )
    else:
        d = _referral_digraph(obj)
        ids = np.empty(d.number_of_nodes(), dtype=object)
        ids[:] = list(d)
        where = {v: i for i, v in enumerate(d)}
        pairs = [(where[a], where[b]) for a, b in d.edges()]
        tail = np.array([p[0] for p in pairs], dtype=np.int64)
        head = np.array([p[1] for p in pairs], dtype=np.int64)
    n = len(ids)
    tail, head = tail.astype(np.int64), head.astype(np.int64)
    keep = tail != head
    key = sorted_unique(tail[keep] * max(n, 1) + head[keep])
    return ids, key // max(n, 1), key % max(n, 1)


def _label_series(obj: GraphLike, group: str | Mapping[Hashable, Any], *, seed: int) -> pd.Series:
    """Each person's group label (igraph backend), as a Series indexed by person."""
    if isinstance(group, Mapping):
        return pd.Series(dict(group), dtype=object)
    if group == "community":
        return communities(obj, seed=seed, backend="igraph")
    if isinstance(obj, ReferralNetwork):
        _check_column(obj, group)
        return obj.people[group]
    return pd.Series(dict(obj.nodes(data=group)), dtype=object)


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


def _group_spread(graph: ArrayGraph, codes: np.ndarray, closed: np.ndarray) -> tuple:
    """Per node: groups among its contacts, and open contact pairs across groups.

    The array form of :func:`_group_brokerage`; ``closed`` counts each node's tied
    contact pairs in different groups (from :func:`netgraph._igraph.triangle_pass`).
    """
    n = graph.n
    g = codes[graph.indices]
    lab = g >= 0
    rows = graph.rows[lab]
    k = int(codes.max()) + 1 if len(codes) and codes.max() >= 0 else 1
    pair, size = sorted_unique(rows * k + g[lab], return_counts=True)
    owner = pair // k
    reached = np.bincount(owner, minlength=n).astype(np.int64)
    labelled = np.bincount(rows, minlength=n).astype(np.int64)
    same = np.bincount(owner, size * (size - 1) // 2, minlength=n).astype(np.int64)
    across = labelled * (labelled - 1) // 2 - same
    return reached, across - closed


def brokers(
    net: GraphLike,
    *,
    group: str | Mapping[Hashable, Any] = "community",
    weight: str | None = None,
    exact_max: int = BETWEENNESS_EXACT_MAX,
    pivots: int = BETWEENNESS_PIVOTS,
    seed: int = 0,
    weighted_roles: bool = False,
    max_span_hops: int | None = None,
    as_of: str | pd.Timestamp | None = None,
    backend: str = "auto",
    progress: bool | None = None,
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
    max_span_hops
        Local-bridge spans longer than this are reported as ``max_span_hops + 1``
        (see :func:`local_bridges`); ``None``: exact.
    as_of
        Use the network as it stood on this day.
    backend
        ``"networkx"``, ``"igraph"`` or ``"auto"`` (igraph above
        :data:`AUTO_IGRAPH_ABOVE` people); see the module docstring. For a
        network the igraph backend never builds the networkx graphs. Both give the
        same table for the same groups; with ``group="community"`` the groups
        themselves differ (igraph's Louvain is another implementation).
    progress
        Show a progress bar over the stages (``None``: in a terminal or notebook
        unless ``NETGRAPH_PROGRESS=0``; see :mod:`netgraph._progress`).

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
        ``liaison`` and ``brokerage_total`` (floats). ``frame.attrs["seconds"]``
        holds the wall time of each stage, ``frame.attrs["cpu_seconds"]`` its CPU
        time (this process).

    Raises
    ------
    NetgraphError
        If ``group`` names no column, ``pivots`` is below 1, ``max_span_hops`` is
        below 3 or ``backend`` is not one of :data:`BACKENDS`.

    Notes
    -----
    On the igraph backend every stage of a :class:`ReferralNetwork` (the array graph,
    communities, betweenness, cut points, triangles, local bridges, roles) is kept per
    network under the arguments it depends on, and in the network's snapshot
    (:mod:`netgraph.cache`): a second call, or the next process on the same data,
    reuses it. The slow stages at scale are betweenness (one breadth-first search per
    pivot) and Louvain, both in igraph, then the local-bridge spans;
    ``max_span_hops=3`` skips most of the span search. The first call and the call
    from a snapshot, with each stage's share, are measured at 100,000 and 1,000,000
    people in ``benchmarks/results.md`` (``python -m benchmarks.brokers_speed``); the
    stage times of a call are in ``frame.attrs["seconds"]``.

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
    if pivots < 1:
        raise NetgraphError(f"pivots must be at least 1, got {pivots}")
    cap = _check_cap(max_span_hops)
    net = _at(net, as_of)
    if isinstance(group, str) and group != "community" and isinstance(net, ReferralNetwork):
        _check_column(net, group)
    if _use_igraph(net, backend):
        return _brokers_igraph(
            net,
            group=group,
            weight=weight,
            exact_max=exact_max,
            pivots=pivots,
            seed=seed,
            weighted_roles=weighted_roles,
            cap=cap,
            progress=progress,
        )
    stages = _Stages(
        ["groups", "betweenness", "structural holes", "brokerage roles", "cut points",
         "local bridges", "group brokerage"],
        "brokers",
        progress,
    )  # fmt: skip
    try:
        g = _undirected(net)
        with stages.stage("groups"):
            if isinstance(group, str) and group == "community":
                labels = communities(net, seed=seed, weight=weight, backend="networkx").to_dict()
            else:
                labels = _groups(net, group, seed=seed, backend="networkx")
        with stages.stage("betweenness"):
            between = betweenness(
                net, exact_max=exact_max, pivots=pivots, seed=seed, backend="networkx"
            )
        with stages.stage("structural holes"):
            holes = structural_holes(net, weight=weight, backend="networkx")
            holes = holes.set_index("person_id")
        with stages.stage("brokerage roles"):
            roles = brokerage_roles(
                net, group=labels, weighted=weighted_roles, backend="networkx"
            ).set_index("person_id")
        with stages.stage("cut points"):
            split = dict.fromkeys(g, 0)
            for comp in nx.biconnected_components(g):
                for n in comp:
                    split[n] += 1
            cut = set(nx.articulation_points(g))
        with stages.stage("local bridges"):
            n_bridges = dict.fromkeys(g, 0)
            span: dict[Hashable, float] = {}
            for u, v, s in _local_bridges(g, cap):
                for x in (u, v):
                    n_bridges[x] += 1
                    span[x] = max(span.get(x, -1.0), float(s))
        with stages.stage("group brokerage"):
            spread = _group_brokerage(g, labels)
    finally:
        stages.close()

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
    frame = frame[BROKER_COLUMNS].reset_index(drop=True)
    frame.attrs["seconds"] = dict(stages.seconds)
    frame.attrs["cpu_seconds"] = dict(stages.cpu_seconds)
    return frame


def _brokers_igraph(
    net: GraphLike,
    *,
    group: str | Mapping[Hashable, Any],
    weight: str | None,
    exact_max: int,
    pivots: int,
    seed: int,
    weighted_roles: bool,
    cap: int | None,
    progress: bool | None,
) -> pd.DataFrame:
    """:func:`brokers` on the igraph backend (see :mod:`netgraph._igraph`)."""
    from netgraph import _igraph as fast

    stages = _Stages(
        ["graph", "groups", "betweenness", "cut points", "triangles", "local bridges",
         "brokerage roles"],
        "brokers",
        progress,
    )  # fmt: skip
    cached = isinstance(net, ReferralNetwork)

    def stage(name: str | None, make: Callable[[], Any]) -> Any:
        """Return a stage's result, kept per network (and in its snapshot) when named."""
        if not cached or name is None:
            return make()
        return memo(net, f"bridges.{name}", make)

    igraphs: list = []

    def igg() -> Any:  # built only if a stage is not kept already
        if not igraphs:
            igraphs.append(graph.igraph(weighted=True))
        return igraphs[0]

    # what the groups are, as a name for the results that depend on them (None: unnamed)
    weighted = weight is not None
    if isinstance(group, str) and group == "community":
        group_key: str | None = f"community.seed={seed}.weight={weight}"
    elif isinstance(group, str):
        group_key = f"column={group}"
    else:
        group_key = None
    try:
        with stages.stage("graph"):
            graph = _array_graph(net, weight, stage)
        with stages.stage("groups"):
            if isinstance(group, str) and group == "community":
                codes = stage(
                    f"groups.{group_key}",
                    lambda: _community_codes(
                        graph, seed=seed, resolution=1.0, weighted=weighted, ig_graph=igg()
                    ),
                )
                uniques = np.arange(int(codes.max()) + 1 if len(codes) else 0, dtype=object)
                uniques[:] = [int(x) for x in range(len(uniques))]
                labels = pd.Series(codes, index=pd.Index(graph.nodes, dtype=object))
            else:
                labels = _label_series(net, group, seed=seed)
                codes, uniques = fast.groups_to_codes(graph.nodes, labels)
        with stages.stage("betweenness"):
            sampled = not (graph.n <= exact_max or pivots >= graph.n)
            rows = _pivot_rows(graph, pivots, seed) if sampled else None
            key = f"pivots={pivots}.seed={seed}" if sampled else "exact"
            between = stage(
                f"betweenness.{key}",
                lambda: fast.betweenness_values(graph, pivots=rows, weighted=False, ig_graph=igg()),
            )
            method = f"sampled: {pivots} pivots, seed {seed}" if sampled else "exact"
        with stages.stage("cut points"):
            is_cut, split = stage("cut_points", lambda: fast.biconnected_counts(graph, igg()))

        def triangles(step: Callable[[float], None]) -> dict[str, Any]:
            share, over = fast.burt_inputs(graph)
            tri = fast.triangle_pass(graph, share=share, over_max=over, groups=codes, on_chunk=step)
            reached, across = _group_spread(graph, codes, tri.closed)
            return {
                "burt": tuple(fast.burt_arrays(graph, tri, share)),
                "reached": reached,
                "across": across,
                "on_triangle": tri.on_triangle,
            }

        with stages.stage("triangles") as step:
            tri_key = None if group_key is None else f"triangles.{group_key}.weight={weight}"
            tri = stage(tri_key, lambda: triangles(step))
            burt, reached, across = tri["burt"], tri["reached"], tri["across"]
        with stages.stage("local bridges") as step:
            u, v, span = stage(
                f"local_bridges.cap={cap}",
                lambda: _local_bridge_arrays(graph, tri["on_triangle"], igg(), step, cap),
            )
            ends = np.concatenate([u, v])
            n_bridges = np.bincount(ends, minlength=graph.n).astype(np.int64)
            widest = np.full(graph.n, -1.0)
            np.maximum.at(widest, ends, np.concatenate([span, span]))
            widest[n_bridges == 0] = np.nan
        with stages.stage("brokerage roles"):

            def role_table() -> np.ndarray:
                r_nodes, tail, head = _referral_arcs(net)
                r_codes, _ = fast.groups_to_codes(r_nodes, labels)
                counts = fast.role_counts(
                    len(r_nodes), tail, head, r_codes, weighted=weighted_roles
                )
                where = pd.Index(r_nodes, dtype=object).get_indexer(graph.nodes)
                out = np.zeros((graph.n, 5))
                out[where >= 0] = counts[where[where >= 0]]
                return out

            roles_key = None if group_key is None else f"roles.{group_key}.w={weighted_roles}"
            roles = stage(roles_key, role_table)
    finally:
        stages.close()

    by_id = _id_order(graph)
    order = by_id[np.argsort(-_sort_key(between[by_id]), kind="stable")]
    nodes = graph.nodes[order].tolist()
    frame = pd.DataFrame(
        {
            "person_id": nodes,
            "name": _names(net, nodes),
            "betweenness": between[order],
            "betweenness_method": method,
        }
    )
    frame["group"] = _group_values(codes[order], uniques)
    frame["degree"] = graph.degree[order].astype(np.int64)
    frame["articulation_point"] = is_cut[order]
    frame["split_into"] = split[order]
    frame["local_bridges"] = n_bridges[order]
    frame["max_span"] = widest[order]
    for col, values in zip(
        ("effective_size", "efficiency", "constraint", "hierarchy"), burt, strict=True
    ):
        frame[col] = values[order]
    frame["groups_reached"] = reached[order]
    frame["between_group_pairs"] = across[order].astype(np.int64)
    for k, col in enumerate(ROLES):
        frame[col] = roles[order, k]
    frame["brokerage_total"] = frame[list(ROLES)].sum(axis=1)
    frame = frame[BROKER_COLUMNS].reset_index(drop=True)
    frame.attrs["seconds"] = dict(stages.seconds)
    frame.attrs["cpu_seconds"] = dict(stages.cpu_seconds)
    return frame


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
    ``max_people`` people in all: those exclusive to a bridge contact first, the room
    shared across the bridges (:func:`share_room`: one each while there is room, the
    rest in proportion to exclusive reach), then those whom most of the seeker's
    contacts know, then by id.
    Exclusivity is computed with ``max_hops=hops``, so what is drawn is what is lost.
    ``cluster`` maps each drawn person in a bridge contact's cluster (the contact
    included) to that contact; ``more`` maps each bridge contact to how many of its
    exclusive people are not drawn. ``pos`` is a radial layout: the seeker at the centre,
    contacts on the unit circle (the ``max_clusters`` largest bridges spread evenly,
    clockwise from the top), the second hop on an outer ring in the order of the
    contact that leads to them. Read from the CSR view (no networkx graph is built).
    """
    if hops not in (1, 2):
        raise NetgraphError(f"the ego picture shows 1 or 2 hops, got {hops}")
    seeker = net.resolve(seeker)
    csr = net.csr
    ids = csr.ids

    def adj(p: str) -> set[str]:
        return set(ids[csr.neighbors(csr.index[p])].tolist())

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
            for v in sorted(adj(c)):
                if v not in in_ego:
                    known_by[v] = known_by.get(v, 0) + 1
    # the room on the outer ring is shared across the bridge contacts (each keeps at
    # least one of its people while there is room, the rest in proportion to their
    # exclusive reach), then goes to the people most of the contacts know
    room = max(max_people - len(contacts) - 1, 0)
    members = {
        c: sorted((v for v in known_by if cluster.get(v) == c), key=lambda v: (-known_by[v], v))
        for c in bridges
    }
    quota = share_room([len(members[c]) for c in bridges], room)
    outer = [v for c, q in zip(bridges, quota, strict=True) for v in members[c][:q]]
    taken = set(outer)
    rest = sorted((v for v in known_by if v not in taken and v not in cluster),
                  key=lambda v: (-known_by[v], v))  # fmt: skip
    outer += rest[: room - len(outer)]
    drawn = Counter(cluster[v] for v in outer if v in cluster)
    more = {c: exclusive[c] - drawn[c] for c in bridges}

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
        near = adj(v)
        return min(angle[c] for c in contacts if c in near)

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
        "more": more,
        "pos": pos,
        "edges": _edges_among(net, nodes),
    }


def share_room(sizes: list[int], room: int) -> list[int]:
    """Split ``room`` places among groups of the given ``sizes``, largest first.

    Every non-empty group gets one place while there is room (in the order given),
    the rest is shared in proportion to what each group has left (largest remainders
    first); no group gets more places than it has members.

    >>> share_room([30, 29, 3, 1], 10)
    [4, 4, 1, 1]
    >>> share_room([5, 0, 2], 100)
    [5, 0, 2]
    """
    quota = [0] * len(sizes)
    left = room
    for i, n in enumerate(sizes):
        if n and left:
            quota[i], left = 1, left - 1
    spare = [n - q for n, q in zip(sizes, quota, strict=True)]
    total = sum(spare)
    if not total or not left:
        return quota
    if left >= total:
        return list(sizes)
    share = [left * x / total for x in spare]
    for i, x in enumerate(share):
        quota[i] += int(x)
    left = room - sum(quota)
    for i in sorted(range(len(sizes)), key=lambda i: (-(share[i] - int(share[i])), i)):
        if left <= 0:
            break
        if quota[i] < sizes[i]:
            quota[i], left = quota[i] + 1, left - 1
    return quota


def _edges_among(net: ReferralNetwork, people: list[str]) -> list[tuple[str, str]]:
    """Return the acquaintance ties among ``people`` (``u < v``, sorted), from the CSR view."""
    csr = net.csr
    rows = np.array(sorted({csr.index[p] for p in people}), dtype=np.int64)
    inside = np.zeros(len(csr.ids), dtype=bool)
    inside[rows] = True
    starts, ends = csr.indptr[rows], csr.indptr[rows + 1]
    lens = ends - starts
    slots = np.arange(int(lens.sum())) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
    src = np.repeat(rows, lens)
    dst = np.asarray(csr.indices[slots], dtype=np.int64)
    keep = inside[dst] & (src < dst)
    ids = csr.ids
    return list(zip(ids[src[keep]].tolist(), ids[dst[keep]].tolist(), strict=True))
