"""The array backend of the network-wide measures: igraph and numpy on integer arrays.

:mod:`netgraph.bridges` computes its network-wide measures (betweenness, cut points,
local bridges and their span, Burt's measures, brokerage, communities) in one of two
ways. The *networkx* backend is the reference, written as the definitions read. This
module is the other, for graphs of hundreds of thousands to millions of people:

* the graph as integer arrays (:class:`ArrayGraph`): symmetric CSR adjacency with
  sorted neighbour lists and no self-loops, built from :attr:`ReferralNetwork.csr`
  (no networkx graph is built) or converted from a networkx graph;
* igraph, built from the edge arrays (never ``igraph.Graph.from_networkx``), for
  betweenness (Brandes), articulation points and biconnected components, bridges and
  Louvain (``community_multilevel``);
* numpy kernels for the rest: :func:`triangle_pass` enumerates every triangle once
  (edges oriented by degree, pairs of out-neighbours checked against the sorted edge
  keys) and accumulates what needs triangles: whether a tie is on one (local
  bridges), Burt's indirect investments and redundancy, and the contact pairs closed
  across groups; :func:`four_cycle_mask` marks the ties on 4-cycles (the local
  bridges of span 3); :func:`spans` runs a batched bidirectional breadth-first
  search (scipy sparse products) for the other spans; :func:`role_counts` counts
  the Gould-Fernandez two-paths of a directed graph.

Everything here works on integers ``0 .. n-1``; :mod:`netgraph.bridges` maps ids in
and out, so both backends return the same tables (the tests compare them).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import igraph
    import networkx as nx
    import pandas as pd

    from netgraph.network import ReferralNetwork

__all__ = [
    "ArrayGraph",
    "Triangles",
    "betweenness_values",
    "biconnected_counts",
    "bridge_mask",
    "burt_arrays",
    "burt_inputs",
    "four_cycle_mask",
    "groups_to_codes",
    "multilevel_membership",
    "near_spans",
    "role_counts",
    "seeded_igraph_rng",
    "sorted_unique",
    "spans",
    "triangle_pass",
]

#: Candidate pairs examined per chunk by the triangle and two-path kernels (bounds
#: the memory of the temporary arrays: about 100 bytes per pair).
CHUNK_PAIRS = 4_000_000
#: Search entries (visited people, summed over bridges) per chunk of the span search.
CHUNK_VISITS = 6_000_000


# ===================================================================== helpers
def sorted_unique(
    values: np.ndarray, *, return_counts: bool = False
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values (and their counts), by sorting.

    ``numpy.unique`` hashes integers in numpy 2.3 and later, which was ten times
    slower than a sort on the keys these kernels make.
    """
    v = np.sort(np.asarray(values), kind="stable" if values.dtype == object else None)
    head = np.ones(len(v), dtype=bool)
    head[1:] = v[1:] != v[:-1]
    if not return_counts:
        return v[head]
    starts = np.flatnonzero(head)
    return v[starts], np.diff(np.append(starts, len(v)))


# ===================================================================== the graph
def _csr_from_pairs(
    n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Symmetric CSR (sorted rows, self-loops dropped) from one entry per edge."""
    keep = u != v
    u, v = u[keep], v[keep]
    row = np.concatenate([u, v]).astype(np.int64)
    col = np.concatenate([v, u]).astype(np.int64)
    order = np.argsort(row * max(n, 1) + col, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
    weight = None
    if w is not None:
        w = np.asarray(w, dtype=float)[keep]
        weight = np.concatenate([w, w])[order]
    return indptr, col[order], weight


@dataclass(frozen=True, eq=False)
class ArrayGraph:
    """A simple undirected graph as integer arrays (the array backend's input).

    Node ``i`` is ``nodes[i]``; its neighbours are ``indices[indptr[i]:indptr[i+1]]``
    (ascending, no self-loops), with the tie weights at the same positions in
    ``weight`` (``None``: every tie weighs 1). ``nx_order`` lists the nodes in the
    order the networkx graph would hold them (what seeded sampling draws from), so
    that both backends sample the same people.
    """

    nodes: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    weight: np.ndarray | None
    nx_order: np.ndarray

    # ------------------------------------------------------------ builders
    @classmethod
    def from_network(cls, net: ReferralNetwork, weight: str | None = None) -> ArrayGraph:
        """Build the acquaintance graph of ``net`` from its CSR view (no networkx graph).

        The nodes are the people and anyone an acquaintance edge names (the node set
        of :attr:`ReferralNetwork.acquaintance`), in ``person_id`` order. ``weight``
        is a column of :attr:`ReferralNetwork.edges` (``"strength"``, ``"cost"``, ...);
        a name that is no column weighs every tie 1, as networkx's ``d.get(weight,
        1)`` does.
        """
        csr = net.csr
        n = len(csr.ids)
        indptr, indices = csr.indptr, csr.indices
        w: np.ndarray | None = None
        if weight in ("strength", "cost"):
            w = np.asarray(getattr(csr, weight), dtype=float)
        elif weight is not None and weight in net.edges.columns:
            w = net.edges[weight].to_numpy(dtype=float)[csr.edge]
        elif weight is not None:
            w = np.ones(len(indices))
        ids = csr.ids
        row = np.repeat(np.arange(n), np.diff(indptr))
        loops = indices == row
        keep = None
        if n > len(net.people):  # ids that only other tables mention (hand-built tables)
            keep = (net.people.index.get_indexer(ids) >= 0) | (np.diff(indptr) > 0)
        if loops.any() or (keep is not None and not keep.all()):
            sel = np.flatnonzero(keep) if keep is not None else np.arange(n)
            new = np.full(n, -1, dtype=np.int64)
            new[sel] = np.arange(len(sel))
            ok = ~loops & (new[row] >= 0) & (new[indices] >= 0)
            r, c = new[row[ok]], new[indices[ok]]
            half = r < c
            indptr, indices, w = _csr_from_pairs(
                len(sel), r[half], c[half], None if w is None else w[ok][half]
            )
            ids = ids[sel]
            n = len(sel)
        order = _network_node_order(net, ids, indptr, indices)
        return cls(
            nodes=np.asarray(ids, dtype=object),
            indptr=np.asarray(indptr, dtype=np.int64),
            indices=np.asarray(indices),
            weight=w,
            nx_order=order,
        )

    @classmethod
    def from_networkx(cls, g: nx.Graph, weight: str | None = None) -> ArrayGraph:
        """Convert a simple undirected networkx graph (node order kept)."""
        nodes = list(g)
        index = {v: i for i, v in enumerate(nodes)}
        m = g.number_of_edges()
        u = np.empty(m, dtype=np.int64)
        v = np.empty(m, dtype=np.int64)
        w = np.empty(m, dtype=float) if weight is not None else None
        for k, (a, b, d) in enumerate(g.edges(data=True)):
            u[k], v[k] = index[a], index[b]
            if w is not None:
                w[k] = d.get(weight, 1)
        indptr, indices, wt = _csr_from_pairs(len(nodes), u, v, w)
        arr = np.empty(len(nodes), dtype=object)
        arr[:] = nodes
        return cls(
            nodes=arr,
            indptr=indptr,
            indices=indices,
            weight=wt,
            nx_order=np.arange(len(nodes)),
        )

    # ------------------------------------------------------------ properties
    @property
    def n(self) -> int:
        """The number of nodes."""
        return len(self.nodes)

    @cached_property
    def degree(self) -> np.ndarray:
        """Neighbours per node."""
        return np.diff(self.indptr)

    @cached_property
    def rows(self) -> np.ndarray:
        """The row (node) of each CSR position."""
        return np.repeat(np.arange(self.n, dtype=np.int64), self.degree)

    @cached_property
    def upper(self) -> np.ndarray:
        """CSR positions holding each edge once (``row < column``), in key order."""
        return np.flatnonzero(self.rows < self.indices)

    @cached_property
    def twin(self) -> np.ndarray:
        """For each CSR position ``(i, j)``, the position of ``(j, i)``.

        The transpose of a matrix holding each position's number, in linear time (the
        graph is symmetric, so the transpose has the same positions).
        """
        from scipy import sparse

        pos = np.arange(len(self.indices), dtype=np.int64)
        mat = sparse.csr_array((pos, self.indices, self.indptr), shape=(self.n, self.n))
        return np.asarray(mat.T.tocsr().data, dtype=np.int64)

    def slot_weights(self) -> np.ndarray:
        """Tie weight per CSR position (ones when unweighted)."""
        if self.weight is None:
            return np.ones(len(self.indices))
        return self.weight

    def igraph(self, *, weighted: bool = False) -> igraph.Graph:
        """Build the graph in igraph, edge ``k`` being ``upper[k]`` (weights as ``"weight"``)."""
        import igraph as ig

        up = self.upper
        g = ig.Graph(n=self.n, directed=False)
        g.add_edges(np.column_stack([self.rows[up], self.indices[up]]))
        if weighted and self.weight is not None:
            g.es["weight"] = self.weight[up]
        return g


def _network_node_order(
    net: ReferralNetwork, ids: np.ndarray, indptr: np.ndarray, indices: np.ndarray
) -> np.ndarray:
    """Rows in the order of ``net.acquaintance``'s nodes.

    networkx keeps insertion order: the people in the people table's order, then ids
    that only edges name, as the edges (in ``u``, ``v`` order) first mention them.
    """
    import pandas as pd

    index = pd.Index(ids)
    pos = index.get_indexer(net.people.index)
    order = pos[pos >= 0]
    if len(order) == len(ids):
        return order
    seen = np.zeros(len(ids), dtype=bool)
    seen[order] = True
    n = len(ids)
    row = np.repeat(np.arange(n), np.diff(indptr))
    up = row <= indices
    flat = np.column_stack([row[up], indices[up]]).ravel()
    extra = pd.unique(flat[~seen[flat]])
    return np.concatenate([order, extra]).astype(np.int64)


# ===================================================================== igraph work
@contextmanager
def seeded_igraph_rng(seed: int) -> Iterator[None]:
    """Let igraph draw from ``random.Random(seed)``, then give it back Python's ``random``.

    python-igraph draws from the :mod:`random` module by default and offers no way to
    read the generator in use, so the default is what is restored.
    """
    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def betweenness_values(
    graph: ArrayGraph,
    *,
    pivots: Sequence[int] | None,
    weighted: bool,
    ig_graph: igraph.Graph | None = None,
) -> np.ndarray:
    """Compute betweenness normalized as ``networkx.betweenness_centrality`` does.

    Exact (``pivots=None``): igraph counts each unordered pair once, networkx each
    ordered pair, then divides by ``(n - 1)(n - 2)``. Sampled: igraph's betweenness
    from ``sources=pivots`` over all targets (each source-target pair once, halved),
    scaled as networkx 3.6 does with ``k`` pivots and ``endpoints=False``: by
    ``1 / ((k - 1)(n - 2))`` for the pivots (a pivot is never its own source) and
    ``1 / (k (n - 2))`` for everyone else.
    """
    g = ig_graph if ig_graph is not None else graph.igraph(weighted=weighted)
    weights = "weight" if weighted and graph.weight is not None else None
    n = graph.n
    if n == 0:
        return np.zeros(0)
    if pivots is None:
        raw = 2.0 * np.asarray(g.betweenness(directed=False, weights=weights), dtype=float)
    else:
        raw = 2.0 * np.asarray(
            g.betweenness(directed=False, weights=weights, sources=list(pivots)), dtype=float
        )
    big_n = n - 1  # endpoints excluded
    if big_n < 2:
        return raw
    if pivots is None:
        return raw * (1 / (big_n * (big_n - 1)))
    k = len(pivots)
    scale_source = 1 / ((k - 1) * (big_n - 1)) if k > 1 else np.nan
    scale_other = 1 / (k * (big_n - 1))
    scale = np.full(n, scale_other)
    scale[np.asarray(pivots, dtype=np.int64)] = scale_source
    return raw * scale


def biconnected_counts(
    graph: ArrayGraph, ig_graph: igraph.Graph | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Articulation points (bool per node) and biconnected components per node."""
    g = ig_graph if ig_graph is not None else graph.igraph()
    comps, cut = g.biconnected_components(return_articulation_points=True)
    members = [np.asarray(c, dtype=np.int64) for c in comps]
    flat = np.concatenate(members) if members else np.zeros(0, dtype=np.int64)
    split = np.bincount(flat, minlength=graph.n).astype(np.int64)
    is_cut = np.zeros(graph.n, dtype=bool)
    is_cut[np.asarray(cut, dtype=np.int64)] = True
    return is_cut, split


def bridge_mask(graph: ArrayGraph, ig_graph: igraph.Graph | None = None) -> np.ndarray:
    """Whether each edge (in ``graph.upper`` order) is a bridge."""
    g = ig_graph if ig_graph is not None else graph.igraph()
    mask = np.zeros(len(graph.upper), dtype=bool)
    mask[np.asarray(g.bridges(), dtype=np.int64)] = True
    return mask


def multilevel_membership(
    graph: ArrayGraph,
    *,
    seed: int,
    resolution: float,
    weighted: bool,
    ig_graph: igraph.Graph | None = None,
) -> np.ndarray:
    """Seeded Louvain (igraph ``community_multilevel``): a community code per node."""
    g = ig_graph if ig_graph is not None else graph.igraph(weighted=weighted)
    weights = "weight" if weighted and graph.weight is not None else None
    with seeded_igraph_rng(seed):
        parts = g.community_multilevel(weights=weights, resolution=resolution)
    return np.asarray(parts.membership, dtype=np.int64)


# ===================================================================== triangles
def _pairs_within(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All position pairs ``i < j`` inside each range ``[start, end)``."""
    slots = _ranges(starts, ends)
    counts = np.repeat(ends, ends - starts) - slots - 1
    i = np.repeat(slots, counts)
    offs = np.arange(len(i)) - np.repeat(np.cumsum(counts) - counts, counts)
    return i, i + 1 + offs


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(start, end)`` for each range."""
    lens = ends - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    return np.arange(total, dtype=np.int64) + np.repeat(starts - (np.cumsum(lens) - lens), lens)


def _chunks(cost: np.ndarray, budget: int) -> Iterator[tuple[int, int]]:
    """Split ``range(len(cost))`` into consecutive pieces of about ``budget`` total cost."""
    n = len(cost)
    if n == 0:
        return
    cum = np.cumsum(cost)
    start = 0
    while start < n:
        base = cum[start - 1] if start else 0
        stop = int(np.searchsorted(cum, base + budget, side="right"))
        stop = max(stop, start + 1)
        yield start, min(stop, n)
        start = stop


@dataclass
class Triangles:
    """What :func:`triangle_pass` accumulates, per CSR position ``(i, j)`` or per node.

    ``on_triangle``: the tie ``i``-``j`` is on a triangle. ``indirect``:
    ``sum_q p_iq p_qj`` and ``redundancy``: ``sum_q p_iq w_qj / max_k w_jk`` over the
    common neighbours ``q`` (Burt's measures; zeros when not asked). ``closed``: per
    node, the pairs of its neighbours who know each other and are in different groups.
    """

    on_triangle: np.ndarray
    indirect: np.ndarray | None
    redundancy: np.ndarray | None
    closed: np.ndarray | None
    count: int


def triangle_pass(
    graph: ArrayGraph,
    *,
    share: np.ndarray | None = None,
    over_max: np.ndarray | None = None,
    groups: np.ndarray | None = None,
    on_chunk: Callable[[float], None] | None = None,
) -> Triangles:
    """Enumerate every triangle once and accumulate per tie and per node.

    Edges are oriented from lower to higher rank (degree, then node), so every node
    has few out-neighbours; each triangle ``a < b < c`` (by rank) is found once at
    ``a`` as a pair of its out-neighbours ``b, c`` whose tie ``b``-``c`` exists
    (looked up in the sorted edge keys). The work is the number of out-neighbour
    pairs, about ``m sqrt(m)`` at worst and far less on social networks.

    Parameters
    ----------
    graph
        The graph.
    share, over_max
        Per CSR position ``(x, y)``: ``p_xy = w_xy / sum_k w_xk`` and
        ``w_xy / max_k w_yk``. When given, Burt's indirect and redundancy sums are
        accumulated.
    groups
        A group code per node (``-1`` for none): count each node's neighbour pairs
        that are tied and in two different groups.
    on_chunk
        Called with the fraction of the work done after each chunk (progress).
    """
    n = graph.n
    deg = graph.degree
    nslots = len(graph.indices)
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    rows = graph.rows
    cols = graph.indices.astype(np.int64)
    out = rank[rows] < rank[cols]
    # the oriented edges, in rank labels, sorted by (tail, head); `slot` is the CSR
    # position of the tie (tail -> head) in the original graph
    tail, head = rank[rows[out]], rank[cols[out]]
    okeys = tail * n + head
    order = np.argsort(okeys, kind="stable")
    okeys = okeys[order]
    slot = np.flatnonzero(out)[order]
    optr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(tail, minlength=n), out=optr[1:])
    ohead = okeys - (okeys // n) * n if n else okeys

    on_tri = np.zeros(nslots, dtype=bool)
    if (share is None) != (over_max is None):
        raise ValueError("share and over_max go together")
    indirect = np.zeros(nslots) if share is not None else None
    redundancy = np.zeros(nslots) if share is not None else None
    closed = np.zeros(n, dtype=np.int64) if groups is not None else None
    twin = graph.twin
    outdeg = np.diff(optr)
    cost = outdeg * (outdeg - 1) // 2
    total_cost = max(int(cost.sum()), 1)
    found = 0
    done = 0
    for lo, hi in _chunks(cost, CHUNK_PAIRS):
        i, j = _pairs_within(optr[lo:hi], optr[lo + 1 : hi + 1])
        done += int(cost[lo:hi].sum())
        if len(i):
            q = ohead[i] * n + ohead[j]
            pos = np.searchsorted(okeys, q)
            pos[pos >= len(okeys)] = 0
            hit = okeys[pos] == q
            i, j, k = i[hit], j[hit], pos[hit]
            found += len(i)
            # CSR positions of the three ties, both directions: a-b, a-c, b-c
            ab, ac, bc = slot[i], slot[j], slot[k]
            ba, ca, cb = twin[ab], twin[ac], twin[bc]
            on_tri[ab] = on_tri[ac] = on_tri[bc] = True
            on_tri[ba] = on_tri[ca] = on_tri[cb] = True
            if share is not None and indirect is not None and redundancy is not None:
                # for each ordered pair (i, j) of a triangle with third corner q:
                # indirect(i -> j) += p_iq p_qj, redundancy(i -> j) += p_iq w_qj / m_j
                target = np.concatenate([ab, ac, ba, bc, ca, cb])
                iq = np.concatenate([ac, ab, bc, ba, cb, ca])
                qj = np.concatenate([cb, bc, ca, ac, ba, ab])
                p_iq = share[iq]
                indirect += np.bincount(target, p_iq * share[qj], minlength=nslots)
                redundancy += np.bincount(target, p_iq * over_max[qj], minlength=nslots)
            if groups is not None:
                a, b, c = rows[ab], cols[ab], cols[ac]
                ga, gb, gc = groups[a], groups[b], groups[c]
                for x, g1, g2 in ((a, gb, gc), (b, ga, gc), (c, ga, gb)):
                    diff = (g1 >= 0) & (g2 >= 0) & (g1 != g2)
                    closed += np.bincount(x[diff], minlength=n)
        if on_chunk is not None:
            on_chunk(done / total_cost)
    return Triangles(on_tri, indirect, redundancy, closed, found)


def burt_arrays(
    graph: ArrayGraph, tri: Triangles, share: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Effective size, efficiency, constraint and hierarchy per node (``NaN`` if alone).

    From the per-tie sums of :func:`triangle_pass` (``share`` as passed to it).
    """
    n = graph.n
    deg = graph.degree.astype(float)
    rows = graph.rows
    w = graph.slot_weights()
    total = np.bincount(rows, w, minlength=n)
    alone = (deg == 0) | (total == 0)
    red = np.bincount(rows, tri.redundancy, minlength=n)
    esize = deg - red
    x = (share + tri.indirect) ** 2
    c = np.bincount(rows, x, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = c / deg
        ratio = x / mean[rows]
        term = np.where(x > 0, ratio * np.log(np.where(x > 0, ratio, 1.0)), 0.0)
        h = np.bincount(rows, term, minlength=n) / (deg * np.log(deg))
        eff = esize / deg
    h = np.where((deg > 1) & (c > 0), h, np.nan)
    nan = np.nan
    return (
        np.where(alone, nan, esize),
        np.where(alone, nan, eff),
        np.where(alone, nan, c),
        np.where(alone, nan, h),
    )


def burt_inputs(graph: ArrayGraph) -> tuple[np.ndarray, np.ndarray]:
    """``share`` (``p_xy``) and ``over_max`` (``w_xy / max_k w_yk``) per CSR position.

    ``over_max`` is 0 where ``y``'s strongest tie weighs 0 (networkx's ``_burt``
    skips those terms).
    """
    n = graph.n
    w = graph.slot_weights()
    rows, cols = graph.rows, graph.indices
    deg = graph.degree
    total = np.bincount(rows, w, minlength=n)
    biggest = np.zeros(n)
    has = deg > 0
    if has.any():
        biggest[has] = np.maximum.reduceat(w, graph.indptr[:-1][has])
    with np.errstate(divide="ignore", invalid="ignore"):
        share = w / total[rows]
        top = biggest[cols]
        over_max = np.where(top != 0, w / np.where(top != 0, top, 1.0), 0.0)
    return share, over_max


def four_cycle_mask(
    graph: ArrayGraph, *, on_chunk: Callable[[float], None] | None = None
) -> np.ndarray:
    """Whether each tie (CSR position) lies on a cycle of four people.

    A local bridge on a 4-cycle ``u - x - y - v - u`` has span 3, and one of span 3
    lies on one. The 4-cycles are found from their highest-ranked person ``h`` (rank:
    degree, then node), as in Chiba and Nishizeki (1985): every path ``h - p - o``
    with ``p`` and ``o`` ranked below ``h`` is listed once (for each tie ``h - p``
    with ``p`` below ``h``, ``p``'s neighbours below ``h`` are a prefix of ``p``'s
    rank-sorted neighbour list), and the paths whose ends ``(h, o)`` are joined by
    two or more of them form 4-cycles; their ties are marked. The work is the number
    of such paths, at most the sum over people of degree times the number of
    higher-ranked neighbours: far less than every tie's two-step neighbourhood when
    hubs are about.
    """
    from scipy import sparse

    n = graph.n
    deg = graph.degree
    nslots = len(graph.indices)
    on4 = np.zeros(nslots, dtype=bool)
    if nslots == 0:
        return on4
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    r_row, r_col = rank[graph.rows], rank[graph.indices]
    order = np.argsort(r_row * n + r_col, kind="stable")
    r_col = r_col[order]
    slot = order  # original CSR position of each rank-sorted position
    rptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(r_row, minlength=n), out=rptr[1:])
    pos = np.arange(nslots, dtype=np.int64)
    mat = sparse.csr_array((pos, r_col, rptr), shape=(n, n))
    twin = np.asarray(mat.T.tocsr().data, dtype=np.int64)
    # ties h -> p with p below h: for each h, a prefix of its row
    owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(rptr))
    down = np.flatnonzero(r_col < owner)
    below = twin[down] - rptr[r_col[down]]  # p's neighbours ranked below h
    owner_down = owner[down]  # ascending
    per_h = np.bincount(owner_down, weights=below, minlength=n).astype(np.int64)
    total = max(int(per_h.sum()), 1)
    done = 0
    for lo_h, hi_h in _chunks(per_h, CHUNK_PAIRS):  # whole rows: (h, o) groups complete
        a = int(np.searchsorted(owner_down, lo_h, side="left"))
        b = int(np.searchsorted(owner_down, hi_h, side="left"))
        s = down[a:b]
        cnt = below[a:b]
        p = r_col[s]
        po = _ranges(rptr[p], rptr[p] + cnt)  # positions p -> o
        hp = np.repeat(s, cnt)
        key = owner[hp] * n + r_col[po]
        srt = np.argsort(key, kind="stable")
        key = key[srt]
        head = np.ones(len(key), dtype=bool)
        head[1:] = key[1:] != key[:-1]
        group = np.cumsum(head) - 1
        size = np.bincount(group)
        many = size[group] >= 2
        hit = srt[many]
        on4[slot[hp[hit]]] = True
        on4[slot[po[hit]]] = True
        done += int(cnt.sum())
        if on_chunk is not None:
            on_chunk(done / total)
    on4 |= on4[graph.twin]
    return on4


# ========================================================================= spans
def spans(
    graph: ArrayGraph,
    u: np.ndarray,
    v: np.ndarray,
    *,
    cap: int | None = None,
    on_chunk: Callable[[float], None] | None = None,
) -> np.ndarray:
    """Count the steps from ``u[k]`` to ``v[k]`` once the tie ``u[k]``-``v[k]`` is gone.

    For ties on no triangle that are not bridges (so the answer is finite and at
    least 3). Two passes:

    * :func:`near_spans` settles every tie whose span is at most 4 (on generated
      networks nearly all of them) by marking each tie's two-step neighbourhood on
      one side in a dense table and looking the other side's up: the work is the edge
      ends two steps out from both ends, with no sort and no sparse product;
    * the rest get a bidirectional breadth-first search per tie, the ties of a chunk
      together as the rows of scipy sparse matrices (:func:`_spans_chunk`): each
      side starts one step out (``u``'s other neighbours, ``v``'s other neighbours),
      and each round grows, per tie, the side whose frontier has fewer edge ends by
      one whole level, until the two sides meet; the smallest sum of the two depths
      at a meeting person is the span.

    With ``cap``, a tie whose sides have not met once the span would exceed ``cap``
    gets ``cap + 1``. Timings are in ``benchmarks/results.md``.
    """
    k_all = len(u)
    out = np.full(k_all, np.inf)
    if k_all == 0:
        return out
    n = graph.n
    deg = graph.degree
    indptr, indices = graph.indptr, graph.indices
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    vol1 = np.bincount(graph.rows, deg[indices], minlength=n).astype(np.int64)
    near_share = 0.5  # of the progress bar
    near = near_spans(
        graph,
        u,
        v,
        on_chunk=None if on_chunk is None else (lambda f: on_chunk(near_share * f)),
    )
    found = near > 0
    out[found] = near[found]
    rest = np.flatnonzero(~found)
    if cap is not None and cap <= 4:
        out[rest] = float(cap + 1)
        rest = rest[:0]
    # cost estimate per tie: the edge ends two steps out from the cheaper side
    cost = np.minimum(vol1[u[rest]], vol1[v[rest]]) + deg[u[rest]] + deg[v[rest]]
    done_cost = 0
    total_cost = max(int(cost.sum()), 1)
    adj = _adjacency(indptr, indices, n) if len(rest) else None
    fdeg = deg.astype(np.float64)  # once, not per chunk: both are a pass over the graph
    for lo, hi in _chunks(cost, CHUNK_VISITS):
        part = rest[lo:hi]
        out[part] = _spans_chunk(indptr, indices, fdeg, n, u[part], v[part], cap, adj)
        done_cost += int(cost[lo:hi].sum())
        if on_chunk is not None:
            on_chunk(near_share + (1 - near_share) * done_cost / total_cost)
    if on_chunk is not None:
        on_chunk(1.0)
    return out


#: Bytes of the dense table :func:`near_spans` marks each chunk of ties in (one byte
#: per tie and person; at least one tie per chunk).
NEAR_TABLE_BYTES = 64_000_000


def near_spans(
    graph: ArrayGraph,
    u: np.ndarray,
    v: np.ndarray,
    *,
    on_chunk: Callable[[float], None] | None = None,
) -> np.ndarray:
    """Return the span of each tie ``u[k]``-``v[k]`` when it is at most 4, else 0.

    The span is the length of the shortest path from ``u`` to ``v`` without the
    tie (2: a common acquaintance, 3: a 4-cycle, 4: a 5-cycle). For a chunk of
    ``K`` ties, one side of each tie (``a``, the end with fewer edge ends two steps
    out) is marked in a dense ``K x n`` table of bytes: its neighbours other than
    ``b`` (the other end) get 1 and their neighbours 2 (the smaller wins), and the
    two ends are unmarked. Then ``b``'s neighbours other than ``a`` (depth 1) and
    their neighbours (depth 2) are looked up: a mark ``m`` met at depth ``d`` is a
    walk of ``m + d`` steps from ``a`` to ``b`` that never passes through either end
    (nor the tie), so the smallest such sum is the span when it is at most 4; every
    path of up to 4 steps has a person at most 2 steps from both ends, so none is
    missed. The marks are cleared after each chunk.
    """
    k_all = len(u)
    out = np.zeros(k_all, dtype=np.int8)
    n = graph.n
    if k_all == 0 or n == 0:
        return out
    indptr, indices = graph.indptr, graph.indices
    deg = graph.degree
    vol1 = np.bincount(graph.rows, deg[indices], minlength=n).astype(np.int64)
    small = vol1[u] <= vol1[v]
    a = np.where(small, u, v).astype(np.int64)
    b = np.where(small, v, u).astype(np.int64)
    cost = vol1[u] + vol1[v] + 1
    per_chunk = max(1, NEAR_TABLE_BYTES // n)
    table = np.zeros(min(per_chunk, k_all) * n, dtype=np.int8)
    total = max(int(cost.sum()), 1)
    done = 0
    lo = 0
    cum = np.cumsum(cost)
    while lo < k_all:
        base = int(cum[lo - 1]) if lo else 0
        hi = int(np.searchsorted(cum, base + CHUNK_VISITS, side="right"))
        hi = min(max(hi, lo + 1), lo + per_chunk, k_all)
        out[lo:hi] = _near_chunk(indptr, indices, deg, n, a[lo:hi], b[lo:hi], table)
        done += int(cum[hi - 1]) - base
        if on_chunk is not None:
            on_chunk(done / total)
        lo = hi
    return out


def _step_keys(indptr: np.ndarray, indices: np.ndarray, n: int, keys: np.ndarray) -> np.ndarray:
    """``tie * n + y`` for every neighbour ``y`` of each ``tie * n + x`` in ``keys``."""
    x = keys % n
    starts = indptr[x]
    lens = indptr[x + 1] - starts
    pos = _ranges(starts, starts + lens)
    return np.repeat(keys - x, lens) + indices[pos]


#: Degree bounds of the rounds in which :func:`near_spans` looks two steps out from
#: the second end: its neighbours of degree up to 16 first, then up to 64, ... (a tie
#: settled at 4 is not looked at again).
NEAR_ROUNDS = (16, 64, 256)


def _near_chunk(
    indptr: np.ndarray,
    indices: np.ndarray,
    deg: np.ndarray,
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    table: np.ndarray,
) -> np.ndarray:
    """:func:`near_spans` for one chunk of ties (``table`` is all zeros, and left so).

    The table holds bit 1 for ``a``'s neighbours other than ``b`` (set ``A``) and bit
    2 for their neighbours (``N(A)``), both ends cleared. A neighbour ``y`` of ``b``
    (other than ``a``) with bit 1 is a common acquaintance (span 2), with bit 2 a
    4-cycle (span 3); both are read in full. Span 4 is a neighbour of such a ``y`` with
    bit 2, looked for in rounds over ``y`` by degree (:data:`NEAR_ROUNDS`), so most
    ties are settled before their costliest neighbours are expanded.
    """
    k = len(a)
    base = np.arange(k, dtype=np.int64) * n

    def first_step(start: np.ndarray, other: np.ndarray) -> np.ndarray:
        keys = _step_keys(indptr, indices, n, base + start)
        return keys[keys % n != np.repeat(other, deg[start])]

    mark1 = first_step(a, b)
    mark2 = _step_keys(indptr, indices, n, mark1)
    table[mark2] = 2
    table[mark1] |= 1
    table[base + a] = 0
    table[base + b] = 0
    best = np.zeros(k, dtype=np.int8)
    test1 = first_step(b, a)
    met1 = table[test1]
    best[test1[(met1 & 2) > 0] // n] = 3
    best[test1[(met1 & 1) > 0] // n] = 2
    degree = deg[test1 % n]
    low = -1
    for high in (*NEAR_ROUNDS, np.inf):
        open_ = best[test1 // n] == 0
        keys = test1[open_ & (degree > low) & (degree <= high)]
        low = high
        if not len(keys):
            continue
        test2 = _step_keys(indptr, indices, n, keys)
        best[test2[(table[test2] & 2) > 0] // n] = 4
    table[mark2] = 0
    table[mark1] = 0
    return best


def _neighbours(
    indptr: np.ndarray, indices: np.ndarray, tie: np.ndarray, node: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every ``(tie, neighbour)`` for the ``(tie, node)`` pairs given."""
    starts, ends = indptr[node], indptr[node + 1]
    lens = ends - starts
    pos = _ranges(starts, ends)
    return np.repeat(tie, lens), indices[pos].astype(np.int64)


def _member(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Positions of ``keys`` in ``sorted_keys``, ``-1`` where absent."""
    if not len(sorted_keys):
        return np.full(len(keys), -1, dtype=np.int64)
    pos = np.searchsorted(sorted_keys, keys)
    pos[pos >= len(sorted_keys)] = 0
    return np.where(sorted_keys[pos] == keys, pos, -1)


def _spans_chunk(
    indptr: np.ndarray,
    indices: np.ndarray,
    deg: np.ndarray,
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    cap: int | None = None,
    adj: Any = None,
) -> np.ndarray:
    """Spans of the ties ``u[k]``-``v[k]`` of one chunk, with scipy sparse matrices.

    Row ``r`` of each matrix belongs to the live tie ``tie[r]``. Per side: ``front``
    (the last level reached) and ``seen`` (everyone reached, stored as depth + 1).
    Each round grows one side per tie (the one whose frontier has fewer edge ends):
    ``front[rows] @ A`` is the next level; where it touches the other side's
    ``seen`` the tie is done (no person is in both ``seen`` of a live tie, so the
    touch is new); else what is not in ``seen`` becomes the frontier. Finished
    ties' rows are dropped after each step. ``adj``: the 0/1 adjacency matrix, when
    the caller has it already (it costs one pass over the graph).
    """
    from scipy import sparse

    k = len(u)
    if adj is None:
        adj = _adjacency(indptr, indices, n)
    ties = np.arange(k, dtype=np.int64)
    result = np.full(k, np.inf)
    depth = [np.ones(k, dtype=np.int64), np.ones(k, dtype=np.int64)]
    front: list[Any] = []
    seen: list[Any] = []
    for start, other in ((u, v), (v, u)):
        t, x = _neighbours(indptr, indices, ties, start)
        keep = x != other[t]
        f = _rows_matrix(t[keep], x[keep], k, n)
        s = sparse.csr_array(
            (np.ones(k, dtype=np.int32), np.asarray(start, dtype=np.int64), np.arange(k + 1)),
            shape=(k, n),
        )
        front.append(f)
        seen.append(s + 2 * f)
    fdeg = deg if deg.dtype == np.float64 else deg.astype(np.float64)
    tie = ties
    while len(tie):
        size = [np.diff(front[s].indptr) for s in (0, 1)]
        alive = (size[0] > 0) & (size[1] > 0)  # one side exhausted: no path
        if cap is not None:  # no meeting yet, so the span is at least depth + depth + 1
            over = alive & (depth[0] + depth[1] + 1 > cap)
            result[tie[over]] = cap + 1
            alive &= ~over
        vol = [front[s] @ fdeg for s in (0, 1)]
        side_of = np.where(vol[0] <= vol[1], 0, 1)
        for side in (0, 1):
            rows = np.flatnonzero(alive & (side_of == side))
            if len(rows):
                nxt = front[side][rows] @ adj
                nxt.data[:] = 1
                meet = nxt * seen[1 - side][rows]
                meet.eliminate_zeros()
                hit = np.diff(meet.indptr) > 0
                if hit.any():
                    best = np.minimum.reduceat(meet.data, meet.indptr[:-1][hit])
                    done = rows[hit]
                    result[tie[done]] = depth[side][done] + best
                    alive[done] = False
                rows = rows[~hit]
                if len(rows):
                    nxt = nxt[np.flatnonzero(~hit)]
                    mine = seen[side][rows]
                    mine.data[:] = 1
                    new = nxt - nxt * mine
                    new.eliminate_zeros()
                    count = np.diff(new.indptr)
                    alive[rows[count == 0]] = False  # grew nothing: exhausted
                    depth[side][rows] += 1
                    m = len(tie)
                    counts = np.zeros(m, dtype=np.int64)
                    counts[rows] = count
                    ptr = np.concatenate([[0], np.cumsum(counts)])
                    level = np.repeat(depth[side][rows] + 1, count).astype(np.int32)
                    placed = sparse.csr_array((level, new.indices, ptr), shape=(m, n))
                    seen[side] = seen[side] + placed
                    grown = np.zeros(m, dtype=bool)
                    grown[rows] = True
                    front[side] = _replace_rows(front[side], grown, new.indices, counts, n)
            # drop finished ties
            keep = np.flatnonzero(alive)
            if len(keep) < len(tie):
                tie, alive, side_of = tie[keep], alive[keep], side_of[keep]
                depth = [d[keep] for d in depth]
                front = [f[keep] for f in front]
                seen = [s[keep] for s in seen]
    return result


def _adjacency(indptr: np.ndarray, indices: np.ndarray, n: int) -> Any:
    """Return the graph's 0/1 adjacency as a scipy CSR array."""
    from scipy import sparse

    return sparse.csr_array((np.ones(len(indices), dtype=np.int32), indices, indptr), shape=(n, n))


def _rows_matrix(t: np.ndarray, x: np.ndarray, k: int, n: int) -> Any:
    """Build a ``k x n`` 0/1 CSR array with ones at ``(t[i], x[i])`` (sorted by ``t``, ``x``)."""
    from scipy import sparse

    ptr = np.zeros(k + 1, dtype=np.int64)
    np.cumsum(np.bincount(t, minlength=k), out=ptr[1:])
    return sparse.csr_array((np.ones(len(t), dtype=np.int32), x, ptr), shape=(k, n))


def _replace_rows(old: Any, grown: np.ndarray, cols: np.ndarray, counts: np.ndarray, n: int) -> Any:
    """``old`` with the rows where ``grown`` replaced by ``cols`` (``counts`` per row)."""
    from scipy import sparse

    old_counts = np.where(grown, 0, np.diff(old.indptr))
    total = old_counts + counts
    ptr = np.concatenate([[0], np.cumsum(total)])
    out = np.empty(int(ptr[-1]), dtype=np.int64)
    from_new = np.repeat(grown, total)
    out[~from_new] = old.indices[np.repeat(~grown, np.diff(old.indptr))]
    out[from_new] = cols
    return sparse.csr_array((np.ones(len(out), dtype=np.int32), out, ptr), shape=old.shape)


# ================================================================== two-paths
def role_counts(
    n: int,
    tail: np.ndarray,
    head: np.ndarray,
    groups: np.ndarray,
    *,
    weighted: bool,
) -> np.ndarray:
    """Gould-Fernandez role counts (``n x 5``) from the arcs ``tail -> head``.

    Arcs must be unique with no self-loops. For every two-path ``a -> b -> c``
    (``a != c``) with no arc ``a -> c`` and all three in a group (code ``>= 0``),
    the broker ``b`` gets one (or ``1 / k``, with ``k`` the two-paths from ``a`` to
    ``c``, when ``weighted``) in the column of its role: coordinator, itinerant,
    gatekeeper, representative, liaison.
    """
    counts = np.zeros((n, 5))
    if not len(tail):
        return counts
    okey = np.sort(tail.astype(np.int64) * n + head)
    order = np.argsort(head * n + tail, kind="stable")
    in_tail = tail[order].astype(np.int64)  # in-neighbours of each node, by head
    iptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(head, minlength=n), out=iptr[1:])
    optr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(tail, minlength=n), out=optr[1:])
    out_head = okey - (okey // n) * n
    indeg, outdeg = np.diff(iptr), np.diff(optr)
    cost = indeg * outdeg

    def two_paths(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        b = np.arange(lo, hi, dtype=np.int64)
        per = cost[lo:hi]
        bb = np.repeat(b, per)
        # index within b's block: a over in-slots, c over out-slots
        off = np.arange(len(bb)) - np.repeat(np.cumsum(per) - per, per)
        od = np.repeat(outdeg[lo:hi], per)
        a = in_tail[np.repeat(iptr[lo:hi], per) + off // np.maximum(od, 1)]
        c = out_head[np.repeat(optr[lo:hi], per) + off % np.maximum(od, 1)]
        keep = a != c
        return a[keep], bb[keep], c[keep]

    pieces = list(_chunks(cost, CHUNK_PAIRS))
    n_paths: tuple[np.ndarray, np.ndarray] | None = None
    if weighted:  # two-paths a -> . -> c per pair, whatever the groups
        keys_all = []
        for lo, hi in pieces:
            a, _, c = two_paths(lo, hi)
            keys_all.append(a * n + c)
        flat = np.concatenate(keys_all) if keys_all else np.zeros(0, dtype=np.int64)
        n_paths = sorted_unique(flat, return_counts=True)
    for lo, hi in pieces:
        a, b, c = two_paths(lo, hi)
        ga, gb, gc = groups[a], groups[b], groups[c]
        keep = (ga >= 0) & (gb >= 0) & (gc >= 0)
        a, b, c, ga, gb, gc = a[keep], b[keep], c[keep], ga[keep], gb[keep], gc[keep]
        key = a * n + c
        open_ = _member(okey, key) < 0
        a, b, c, ga, gb, gc, key = (x[open_] for x in (a, b, c, ga, gb, gc, key))
        role = np.where(
            (ga == gb) & (gb == gc),
            0,
            np.where(ga == gc, 1, np.where(gb == gc, 2, np.where(ga == gb, 3, 4))),
        )
        if n_paths is not None:
            credit = 1.0 / n_paths[1][np.searchsorted(n_paths[0], key)]
        else:
            credit = np.ones(len(b))
        for r in range(5):
            sel = role == r
            counts[:, r] += np.bincount(b[sel], credit[sel], minlength=n)
    return counts


def groups_to_codes(
    nodes: Sequence[Hashable] | np.ndarray, labels: pd.Series | dict[Hashable, Any]
) -> tuple[np.ndarray, np.ndarray]:
    """Integer group codes per node and the group labels by code.

    Nodes without a label, or labelled ``None``, ``NaN`` or ``""``, get ``-1``.
    """
    import pandas as pd

    series = labels if isinstance(labels, pd.Series) else pd.Series(labels, dtype=object)
    index = pd.Index(np.asarray(nodes, dtype=object), dtype=object)
    values = (
        series.astype(object).reindex(index)
        if len(series)
        else pd.Series([None] * len(index), index=index, dtype=object)
    )
    bad = values.isna().to_numpy() | (values.astype(str) == "").to_numpy()
    codes = np.full(len(index), -1, dtype=np.int64)
    good = ~bad
    c, uniques = pd.factorize(values[good], use_na_sentinel=True)
    codes[good] = c
    return codes, np.asarray(uniques, dtype=object)
