"""Fast local searches over the CSR compute view of the acquaintance graph.

The networkx graphs (:attr:`ReferralNetwork.acquaintance`) are what users see; at a
million people they take a minute and gigabytes to build, and a per-seeker search in
pure Python takes a second or more. The analysis modules' hot paths use the compute
view instead (:attr:`ReferralNetwork.csr`: integer ids in ``person_id`` order and
symmetric CSR arrays built straight from the tables), through the functions here.
Each search starts at one seeker and stops after ``max_hops`` hops, expanding a whole
frontier at a time with numpy, and gives **the same answers as the networkx
computation**, ties included (the tests check this on the sample and on random
graphs):

* :func:`hop_arrays` / :func:`hop_distances` — the bounded breadth-first search of
  ``nx.single_source_shortest_path_length(G, s, cutoff=k)``;
* :func:`warmest_within` — for each person within ``k`` hops, the *warmest path* of at
  most ``k`` hops (largest product of strengths, i.e. least total ``cost``) and the
  warmest of the *shortest* paths, with the tie-breaking rule of :mod:`netgraph.reach`;
* :func:`link_scores` / :func:`link_score_arrays` — common neighbours, Jaccard,
  Adamic–Adar and resource allocation between a seeker and everyone two hops away
  (``nx.adamic_adar_index`` and friends over the seeker's non-edges);
* :func:`ego_graph` — the seeker's ball as a small networkx graph with the edge
  attributes of the acquaintance graph, without building the full graph.

Person ids go in and out; integers (rows of the CSR view) are used inside and by the
``*_arrays`` forms for callers that stay vectorized.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from netgraph.errors import NetgraphError
from netgraph.network import CSRView, ReferralNetwork

__all__ = [
    "DIGITS",
    "WarmPaths",
    "ego_graph",
    "hop_arrays",
    "hop_distances",
    "link_score_arrays",
    "link_scores",
    "warmest_within",
]

DIGITS = 12
"""Path costs are compared rounded to this many decimals (as :mod:`netgraph.reach` does)."""


# ----------------------------------------------------------------- helpers
def _row(net: ReferralNetwork, person: str) -> int:
    """Return the CSR row of ``person`` (an id, else a name the network resolves)."""
    csr = net.csr
    i = csr.index.get(person)
    if i is None:
        i = csr.index[net.resolve(person)]
    return i


def check_whole(name: str, value: object, minimum: int, why: str = "") -> int:
    """Return ``value`` as an int, or raise :class:`NetgraphError` naming ``name``.

    ``value`` must be a whole number (numpy's included, bools not) of at least
    ``minimum``; ``why`` is added to the message of a value below it.
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise NetgraphError(f"{name} must be a whole number, got {value!r}")
    if value < minimum:
        raise NetgraphError(f"{name} must be at least {minimum}{why}, got {value}")
    return int(value)


def _check_hops(max_hops: int | None) -> int | None:
    return None if max_hops is None else check_whole("max_hops", max_hops, 0)


def _slots(csr: CSRView, frontier: np.ndarray) -> np.ndarray:
    """CSR slots of every edge leaving the frontier (rows ``frontier``)."""
    starts = csr.indptr[frontier]
    lens = csr.indptr[frontier + 1] - starts
    if len(frontier) == 1:
        return np.arange(starts[0], starts[0] + lens[0])
    ends = np.cumsum(lens)
    return np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(starts - (ends - lens), lens)


def _expand(csr: CSRView, frontier: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions in ``frontier`` and CSR slots of every edge leaving the frontier."""
    starts = csr.indptr[frontier]
    lens = csr.indptr[frontier + 1] - starts
    total = int(lens.sum())
    src = np.repeat(np.arange(len(frontier)), lens)
    slots = np.arange(total) + np.repeat(starts - (np.cumsum(lens) - lens), lens)
    return src, slots


# ------------------------------------------------------------------- reach
def hop_arrays(
    net: ReferralNetwork,
    seeker: str,
    max_hops: int | None = 3,
    *,
    exclude: Iterable[str] = (),
) -> tuple[np.ndarray, np.ndarray]:
    """Return the people within ``max_hops`` of ``seeker`` as CSR rows, with their hops.

    A bounded breadth-first search over :attr:`ReferralNetwork.csr`, one whole frontier
    at a time. The seeker is included at hop 0.

    Parameters
    ----------
    net
        The network.
    seeker
        Where the search starts (a ``person_id``, or a name).
    max_hops
        The largest number of hops (0 or more); ``None`` for no limit.
    exclude
        People to treat as absent (never entered or passed through), for instance to
        see what a seeker reaches without one contact. Excluding the seeker is an
        error.

    Returns
    -------
    tuple of numpy.ndarray
        ``(rows, hops)``: CSR rows (``net.csr.ids[rows]`` are the ids) ordered by hops
        then ``person_id``, and the hop count of each.

    Raises
    ------
    UnknownPerson
        If ``seeker`` is not in the network.
    NetgraphError
        If ``max_hops`` is not a whole number >= 0, or ``seeker`` is excluded.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> rows, hops = hop_arrays(net, "p001", 1)
    >>> net.csr.ids[rows[0]], int(hops[0]), bool((hops[1:] == 1).all())
    ('p001', 0, True)
    """
    k = _check_hops(max_hops)
    csr = net.csr
    s = _row(net, seeker)
    seen = np.zeros(len(csr), dtype=bool)
    for person in exclude:
        j = csr.index.get(person)
        if j is not None:
            seen[j] = True
    if seen[s]:
        raise NetgraphError(f"cannot exclude the seeker {net.describe(csr.ids[s])}")
    seen[s] = True
    rows, hops = [np.array([s], dtype=np.int64)], [np.zeros(1, dtype=np.int64)]
    frontier = rows[0]
    h = 0
    n = len(csr)
    mark = np.zeros(n, dtype=bool)  # scratch: the next frontier, when it is large
    while len(frontier) and (k is None or h < k):
        h += 1
        nb = csr.indices[_slots(csr, frontier)]
        nb = nb[~seen[nb]]
        if len(nb) > n >> 6:  # large: marking and scanning beats sorting
            mark[nb] = True
            nb = np.flatnonzero(mark)
            mark[nb] = False
        else:
            nb = np.unique(nb).astype(np.int64)
        seen[nb] = True
        rows.append(nb)
        hops.append(np.full(len(nb), h, dtype=np.int64))
        frontier = nb
    return np.concatenate(rows), np.concatenate(hops)


def hop_distances(net: ReferralNetwork, seeker: str, max_hops: int | None = 3) -> dict[str, int]:
    """Return ``{person_id: hops}`` for everyone within ``max_hops`` of ``seeker``.

    The same mapping as ``nx.single_source_shortest_path_length(net.acquaintance,
    seeker, cutoff=max_hops)``, computed over the CSR view (see :func:`hop_arrays`),
    in order of hops then ``person_id``.

    Parameters
    ----------
    net
        The network.
    seeker
        Where the search starts (a ``person_id``, or a name).
    max_hops
        The largest number of hops; ``None`` for no limit.

    Returns
    -------
    dict of str to int
        Hop counts, the seeker at 0.

    Raises
    ------
    UnknownPerson
        If ``seeker`` is not in the network.
    NetgraphError
        If ``max_hops`` is not a whole number >= 0.

    Examples
    --------
    >>> import networkx as nx
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> d = hop_distances(net, "p001", 2)
    >>> d == nx.single_source_shortest_path_length(net.acquaintance, "p001", cutoff=2)
    True
    """
    rows, hops = hop_arrays(net, seeker, max_hops)
    return dict(zip(net.csr.ids[rows].tolist(), hops.tolist(), strict=True))


# ------------------------------------------------------------- warm paths
@dataclass(frozen=True, eq=False)
class WarmPaths:
    """The warmest and the shortest paths from one seeker (see :func:`warmest_within`).

    Arrays have one entry per person reached (the seeker excluded), ordered by
    ``hops``, then by falling ``strength``, then by ``person_id``.

    Attributes
    ----------
    seeker
        The seeker's ``person_id``.
    max_hops
        The hop limit of the search.
    ids
        The people reached (object array of ``person_id``).
    rows
        Their rows in :attr:`ReferralNetwork.csr`.
    hops
        Fewest hops from the seeker.
    strength, cost
        Of the warmest path of at most ``max_hops`` hops: the product of its
        strengths, and the sum of its costs (``-ln`` strength), each taken along the
        path from the seeker.
    warm_hops
        Length of the warmest path.
    via, pred
        Rows of the first person after the seeker and of the last before the person,
        on the warmest path.
    shortest_strength, shortest_cost
        Of the warmest among the paths of ``hops`` hops.
    layers
        How many layers the search built: at most ``max_hops``, fewer when a layer
        added nothing (see :func:`warmest_within`); the longest warmest path has at
        most this many hops.
    """

    seeker: str
    max_hops: int
    ids: np.ndarray
    rows: np.ndarray
    hops: np.ndarray
    strength: np.ndarray
    cost: np.ndarray
    warm_hops: np.ndarray
    via: np.ndarray
    pred: np.ndarray
    shortest_strength: np.ndarray
    shortest_cost: np.ndarray
    _csr_ids: np.ndarray
    _warm: np.ndarray  # rows along each warmest path (-1 past its end)
    _short: np.ndarray  # rows along each warmest shortest path
    layers: int = 0

    def __len__(self) -> int:
        """Return the number of people reached."""
        return len(self.ids)

    def _paths(self, matrix: np.ndarray, lengths: np.ndarray) -> list[tuple[str, ...]]:
        ids = self._csr_ids
        return [
            tuple(ids[r[: n + 1]].tolist()) for r, n in zip(matrix, lengths.tolist(), strict=True)
        ]

    def warm_paths(self) -> list[tuple[str, ...]]:
        """Return the warmest path of each person reached (tuples of ``person_id``)."""
        return self._paths(self._warm, self.warm_hops)

    def shortest_paths(self) -> list[tuple[str, ...]]:
        """Return the warmest of the shortest paths of each person reached."""
        return self._paths(self._short, self.hops)

    def to_frame(self) -> pd.DataFrame:
        """Return the paths as a table, one row per person reached.

        Returns
        -------
        pandas.DataFrame
            ``person_id``, ``hops``, ``strength``, ``cost``, ``warm_hops``, ``via_id``,
            ``warm_path``, ``shortest_path``, ``shortest_strength``.
        """
        return pd.DataFrame(
            {
                "person_id": pd.Series(self.ids, dtype=str),
                "hops": self.hops,
                "strength": self.strength,
                "cost": self.cost,
                "warm_hops": self.warm_hops,
                "via_id": pd.Series(self._csr_ids[self.via], dtype=str),
                "warm_path": pd.Series(self.warm_paths(), dtype=object),
                "shortest_path": pd.Series(self.shortest_paths(), dtype=object),
                "shortest_strength": self.shortest_strength,
            }
        )


def warmest_within(net: ReferralNetwork, seeker: str, max_hops: int = 3) -> WarmPaths:
    """Find each person's warmest path of at most ``max_hops`` hops from ``seeker``.

    The *warmest path* to a person is the path of at most ``max_hops`` edges whose
    product of edge strengths is largest (equivalently, whose sum of ``cost`` is
    smallest). It can be longer than the shortest path (two warm introductions beat
    one cold one) but never longer than ``max_hops``. Among the shortest paths (those
    of ``hops`` edges), the warmest is reported too.

    **Ties** are broken as in :mod:`netgraph.reach`: paths compare by their cost
    rounded to :data:`DIGITS` decimals, then by fewer hops, then by the sequence of
    ``person_id`` along the path, element by element.

    **Method.** A hop-limited Bellman–Ford over the CSR view: layer ``h`` holds, for
    each person reachable by a walk of exactly ``h`` edges, the best such walk
    (relaxing every edge out of layer ``h - 1`` at once with numpy, keeping per person
    the least rounded cost, then the smallest path in ``person_id`` order, kept as the
    rank of the path within its layer). The best label over layers ``1..max_hops`` is
    the warmest path (a walk that repeats a person is never better than the path that
    skips the loop, and loses the tie on hops), and the label at layer ``hops`` is
    the warmest shortest path.

    **Stopping early.** The search stops at the first layer that *adds nothing*: it
    reaches nobody new and lowers nobody's best rounded cost. Such a layer's labels
    all lose to earlier ones (on cost, or on hops), and every later layer only
    extends them by edges of non-negative cost, so no later layer can win either.
    No path is longer than the number of people minus one, so at most that many
    layers are ever built, whatever ``max_hops`` is (``max_hops=10**9`` costs what
    the largest useful limit costs). Work is proportional to the edges within
    ``layers - 1`` hops of the seeker, times ``layers``; memory to the people reached
    times ``layers`` (:attr:`WarmPaths.layers`).

    Parameters
    ----------
    net
        The network.
    seeker
        Where the paths start (a ``person_id``, or a name).
    max_hops
        The longest path considered (1 or more).

    Returns
    -------
    WarmPaths
        Per person reached: hops, warmest strength and cost, warm hops, the first
        contact (``via``) and predecessor; the paths themselves on request
        (:meth:`WarmPaths.warm_paths`, :meth:`WarmPaths.to_frame`).

    Raises
    ------
    UnknownPerson
        If ``seeker`` is not in the network.
    NetgraphError
        If ``max_hops`` is not a whole number >= 1.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> w = warmest_within(net, "p001", 2)
    >>> bool((w.strength >= w.shortest_strength).all()), bool((w.warm_hops <= 2).all())
    (True, True)
    >>> w.to_frame().columns.tolist()[:4]
    ['person_id', 'hops', 'strength', 'cost']
    """
    k = _check_hops(max_hops)
    if k is None or k < 1:
        raise NetgraphError(f"max_hops must be at least 1, got {max_hops!r}")
    csr = net.csr
    s = _row(net, seeker)
    # layer h: rows (ascending), cost, strength, rank of the path in the layer, and the
    # position of the predecessor's label in layer h - 1
    rows = [np.array([s], dtype=np.int64)]
    cost = [np.zeros(1)]
    strength = [np.ones(1)]
    rank = [np.zeros(1, dtype=np.int64)]
    back = [np.full(1, -1, dtype=np.int64)]
    best = np.full(len(csr), np.inf)  # each person's least rounded cost so far
    best[s] = 0.0
    for _h in range(1, min(k, len(csr) - 1) + 1):  # no path has more hops than that
        src, slots = _expand(csr, rows[-1])
        if not len(slots):
            break
        v = csr.indices[slots].astype(np.int64)
        c = cost[-1][src] + csr.cost[slots]
        st = strength[-1][src] * csr.strength[slots]
        key = np.round(c, DIGITS)
        order = np.lexsort((rank[-1][src], key, v))
        v, first = v[order], np.ones(len(order), dtype=bool)
        first[1:] = v[1:] != v[:-1]
        pick = order[first]
        lay_rows = v[first]
        lay_key = key[pick]
        if not (lay_key < best[lay_rows]).any():
            break  # the layer adds nothing, and neither can any later one
        best[lay_rows] = np.minimum(best[lay_rows], lay_key)
        lay_back = src[pick]
        # rank of each new path: by the rank of its prefix, then by its last person
        prefix = rank[-1][lay_back]
        r = np.empty(len(lay_rows), dtype=np.int64)
        r[np.lexsort((lay_rows, prefix))] = np.arange(len(lay_rows))
        rows.append(lay_rows)
        cost.append(c[pick])
        strength.append(st[pick])
        rank.append(r)
        back.append(lay_back)
    depth = len(rows) - 1
    # every label of every layer >= 1, to choose each person's best
    lab_layer = np.concatenate([np.full(len(rows[h]), h) for h in range(1, depth + 1)] or [[]])
    lab_layer = lab_layer.astype(np.int64)
    lab_pos = np.concatenate([np.arange(len(rows[h])) for h in range(1, depth + 1)] or [[]])
    lab_pos = lab_pos.astype(np.int64)
    lab_row = np.concatenate(rows[1:] or [np.zeros(0, np.int64)])
    lab_cost = np.concatenate(cost[1:] or [np.zeros(0)])
    lab_strength = np.concatenate(strength[1:] or [np.zeros(0)])
    lab_rank = np.concatenate(rank[1:] or [np.zeros(0, np.int64)])
    keep = lab_row != s
    lab_layer, lab_pos, lab_row = lab_layer[keep], lab_pos[keep], lab_row[keep]
    lab_cost, lab_strength, lab_rank = lab_cost[keep], lab_strength[keep], lab_rank[keep]
    # warmest: least rounded cost, then fewer hops, then the path in id order
    order = np.lexsort((lab_rank, lab_layer, np.round(lab_cost, DIGITS), lab_row))
    first = np.ones(len(order), dtype=bool)
    first[1:] = lab_row[order][1:] != lab_row[order][:-1]
    warm = order[first]
    # shortest: the label at the smallest layer
    order = np.lexsort((lab_layer, lab_row))
    first = np.ones(len(order), dtype=bool)
    first[1:] = lab_row[order][1:] != lab_row[order][:-1]
    short = order[first]  # both sorted by row, aligned
    people = lab_row[warm]
    hops = lab_layer[short]
    w_cost, w_strength = lab_cost[warm], lab_strength[warm]
    final = np.lexsort((people, -np.round(w_strength, DIGITS), hops))
    warm, short, people, hops = warm[final], short[final], people[final], hops[final]
    warm_mat = _trace(rows, back, lab_layer[warm], lab_pos[warm])
    short_mat = _trace(rows, back, hops, lab_pos[short])
    w_layer = lab_layer[warm]
    return WarmPaths(
        seeker=str(csr.ids[s]),
        max_hops=k,
        ids=csr.ids[people],
        rows=people,
        hops=hops,
        strength=w_strength[final],
        cost=w_cost[final],
        warm_hops=w_layer,
        via=warm_mat[:, 1] if len(warm_mat) else np.zeros(0, np.int64),
        pred=warm_mat[np.arange(len(warm_mat)), w_layer - 1],
        shortest_strength=lab_strength[short],
        shortest_cost=lab_cost[short],
        _csr_ids=csr.ids,
        _warm=warm_mat,
        _short=short_mat,
        layers=depth,
    )


def _trace(
    rows: list[np.ndarray], back: list[np.ndarray], layer: np.ndarray, pos: np.ndarray
) -> np.ndarray:
    """Rows along the paths ending at label ``pos`` of ``layer`` (-1 past each end)."""
    out = np.full((len(pos), len(rows)), -1, dtype=np.int64)
    cur = pos.copy()
    for h in range(len(rows) - 1, 0, -1):
        m = layer >= h
        out[m, h] = rows[h][cur[m]]
        cur[m] = back[h][cur[m]]
    out[:, 0] = rows[0][0]
    return out


# ------------------------------------------------------------- link scores
def link_scores(net: ReferralNetwork, seeker: str) -> pd.DataFrame:
    """Score everyone two hops from ``seeker`` by the classic link-prediction measures.

    For each person ``w`` at exactly two hops (a friend of a friend, not yet an
    acquaintance): the number of *common neighbours* ``|N(s) ∩ N(w)|``, *Jaccard*
    ``|N(s) ∩ N(w)| / |N(s) ∪ N(w)|``, *Adamic–Adar* ``Σ 1 / ln deg(u)`` and *resource
    allocation* ``Σ 1 / deg(u)`` over the common neighbours ``u`` — the values of
    ``nx.common_neighbors``, ``nx.jaccard_coefficient``, ``nx.adamic_adar_index`` and
    ``nx.resource_allocation_index`` on the acquaintance graph (sums may differ from
    networkx's in the last bit: networkx adds in set order). Computed from the CSR rows
    of the seeker's contacts only.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker (a ``person_id``, or a name).

    Returns
    -------
    pandas.DataFrame
        ``person_id``, ``common``, ``jaccard``, ``adamic_adar``,
        ``resource_allocation``; ordered by ``person_id``.

    Raises
    ------
    UnknownPerson
        If ``seeker`` is not in the network.

    References
    ----------
    .. [1] L. A. Adamic and E. Adar, "Friends and neighbors on the Web", Social
       Networks 25(3), 2003.
    .. [2] D. Liben-Nowell and J. Kleinberg, "The link-prediction problem for social
       networks", JASIST 58(7), 2007.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> scores = link_scores(net, "p001")
    >>> bool((scores["common"] >= 1).all())
    True
    """
    a = link_score_arrays(net, seeker)
    return pd.DataFrame(
        {
            "person_id": pd.Series(net.csr.ids[a["rows"]], dtype=str),
            "common": a["common"],
            "jaccard": a["jaccard"],
            "adamic_adar": a["adamic_adar"],
            "resource_allocation": a["resource_allocation"],
        }
    )


def link_score_arrays(net: ReferralNetwork, seeker: str) -> dict[str, np.ndarray]:
    """Return :func:`link_scores` as numpy arrays, for callers that stay vectorized.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker (a ``person_id``, or a name).

    Returns
    -------
    dict of str to numpy.ndarray
        ``rows`` (CSR rows of the people two hops away, ascending, so in
        ``person_id`` order), ``common``, ``jaccard``, ``adamic_adar``,
        ``resource_allocation``.

    Raises
    ------
    UnknownPerson
        If ``seeker`` is not in the network.

    Examples
    --------
    >>> import netgraph as ng
    >>> a = link_score_arrays(ng.load(), "p001")
    >>> bool((a["adamic_adar"] > 0).all())
    True
    """
    csr = net.csr
    s = _row(net, seeker)
    contacts = csr.neighbors(s).astype(np.int64)
    deg = csr.degree
    src, slots = _expand(csr, contacts)
    w = csr.indices[slots].astype(np.int64)
    u = contacts[src]
    near = np.zeros(len(csr), dtype=bool)
    near[contacts] = True
    near[s] = True
    keep = ~near[w]
    w, u = w[keep], u[keep]
    order = np.argsort(w, kind="stable")  # u ascends already: it stays so per candidate
    w, u = w[order], u[order]
    cand, start, common = np.unique(w, return_index=True, return_counts=True)
    du = deg[u].astype(float)
    if len(start):
        aa = np.add.reduceat(1.0 / np.log(du), start)
        ra = np.add.reduceat(1.0 / du, start)
    else:
        aa = ra = np.zeros(0)
    union = len(contacts) + deg[cand] - common
    return {
        "rows": cand,
        "common": common.astype(np.int64),
        "jaccard": common / union,
        "adamic_adar": aa,
        "resource_allocation": ra,
    }


# --------------------------------------------------------------- ego graph
def ego_graph(net: ReferralNetwork, seeker: str, radius: int = 2) -> nx.Graph:
    """Return the people within ``radius`` hops of ``seeker`` as a small networkx graph.

    The same nodes and edges as ``nx.ego_graph(net.acquaintance, seeker, radius)``
    (everyone within ``radius`` hops and every acquaintance edge between two of
    them), with the same node attributes (the people table's columns) and edge
    attributes ``strength``, ``cost``, ``n_interviews``, ``last_contact`` and
    ``kinds`` — built from the CSR view and the edge table, without building the
    whole acquaintance graph. (The per-edge ``evidence`` tuples are left out; read
    them from :attr:`ReferralNetwork.evidence` or the full graph.) Nodes come in
    order of hops, then ``person_id``. The graph is a new, unfrozen copy.

    Parameters
    ----------
    net
        The network.
    seeker
        The centre (a ``person_id``, or a name).
    radius
        Hops from the seeker (0 or more).

    Returns
    -------
    networkx.Graph
        The seeker's ball.

    Raises
    ------
    UnknownPerson
        If ``seeker`` is not in the network.
    NetgraphError
        If ``radius`` is not a whole number >= 0.

    Examples
    --------
    >>> import networkx as nx
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> g = ego_graph(net, "p001", 1)
    >>> sorted(g.nodes) == sorted(nx.ego_graph(net.acquaintance, "p001", 1).nodes)
    True
    """
    k = _check_hops(radius)
    csr = net.csr
    rows, _ = hop_arrays(net, seeker, k)
    inside = np.zeros(len(csr), dtype=bool)
    inside[rows] = True
    src, slots = _expand(csr, np.sort(rows))
    u = np.sort(rows)[src]
    v = csr.indices[slots].astype(np.int64)
    keep = inside[v] & (u < v)
    edge_rows = csr.edge[slots[keep]]
    g = nx.Graph()
    ids = csr.ids[rows].tolist()
    people = net.people
    known = [p for p in ids if p in people.index]
    attrs = people.loc[known]
    cols = list(people.columns)
    node_data = {
        pid: dict(zip(cols, row, strict=True))
        for pid, row in zip(known, attrs.itertuples(index=False, name=None), strict=True)
    }
    g.add_nodes_from((p, node_data.get(p, {})) for p in ids)
    e = net.edges
    take = e.iloc[edge_rows]
    g.add_edges_from(
        (
            a,
            b,
            {
                "strength": float(st),
                "cost": float(c),
                "n_interviews": int(niv),
                "last_contact": last,
                "kinds": kinds,
            },
        )
        for a, b, st, c, niv, last, kinds in zip(
            take["u"].tolist(),
            take["v"].tolist(),
            take["strength"].tolist(),
            take["cost"].tolist(),
            take["n_interviews"].tolist(),
            take["last_contact"],
            take["kinds"].tolist(),
            strict=True,
        )
    )
    return g
