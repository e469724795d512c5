"""The array backend's kernels (netgraph._igraph): chunking, edge cases, identities."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import people, ties
from hypothesis import given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph import _igraph
from netgraph._igraph import (
    ArrayGraph,
    burt_arrays,
    burt_inputs,
    groups_to_codes,
    near_spans,
    role_counts,
    sorted_unique,
    spans,
    triangle_pass,
)
from netgraph.bridges import local_bridges, structural_holes


def _triangle_edges(g: nx.Graph) -> set[frozenset]:
    return {frozenset(e) for e in g.edges if set(g.adj[e[0]]) & set(g.adj[e[1]]) - set(e)}


@pytest.fixture
def clustered() -> nx.Graph:
    """A clustered random graph with hubs: many triangles, some local bridges."""
    return nx.powerlaw_cluster_graph(400, 3, 0.4, seed=7)


def test_sorted_unique_with_counts():
    values = np.array([5, 1, 5, 3, 1, 5])
    assert sorted_unique(values).tolist() == [1, 3, 5]
    keys, counts = sorted_unique(values, return_counts=True)
    assert keys.tolist() == [1, 3, 5]
    assert counts.tolist() == [2, 1, 3]
    assert sorted_unique(np.zeros(0, dtype=np.int64)).tolist() == []


def test_twin_positions_point_back(clustered):
    graph = ArrayGraph.from_networkx(clustered)
    twin = graph.twin
    assert (twin[twin] == np.arange(len(twin))).all()
    assert (graph.rows[twin] == graph.indices).all()
    assert (graph.indices[twin] == graph.rows).all()


@pytest.mark.parametrize("chunk", [1, 7, 10_000_000])
def test_triangle_pass_finds_every_triangle_in_any_chunking(clustered, monkeypatch, chunk):
    monkeypatch.setattr(_igraph, "CHUNK_PAIRS", chunk)
    graph = ArrayGraph.from_networkx(clustered)
    tri = triangle_pass(graph)
    assert tri.count == sum(nx.triangles(clustered).values()) // 3
    nodes = graph.nodes
    marked = {
        frozenset((nodes[a], nodes[b]))
        for a, b, on in zip(graph.rows, graph.indices, tri.on_triangle, strict=True)
        if on
    }
    assert marked == _triangle_edges(clustered)


def test_chunked_burt_equals_one_chunk(clustered, monkeypatch):
    rng = random.Random(1)
    for u, v in clustered.edges:
        clustered.edges[u, v]["w"] = rng.uniform(0.1, 1.0)
    graph = ArrayGraph.from_networkx(clustered, "w")
    share, over = burt_inputs(graph)
    whole = burt_arrays(graph, triangle_pass(graph, share=share, over_max=over), share)
    monkeypatch.setattr(_igraph, "CHUNK_PAIRS", 5)
    parts = burt_arrays(graph, triangle_pass(graph, share=share, over_max=over), share)
    for a, b in zip(whole, parts, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12)


def test_triangle_pass_needs_share_and_over_max_together(clustered):
    graph = ArrayGraph.from_networkx(clustered)
    share, _ = burt_inputs(graph)
    with pytest.raises(ValueError, match="together"):
        triangle_pass(graph, share=share)


@pytest.mark.parametrize("chunk", [1, 50, 10_000_000])
def test_spans_in_any_chunking_equal_networkx(monkeypatch, chunk):
    monkeypatch.setattr(_igraph, "CHUNK_VISITS", chunk)
    g = nx.connected_watts_strogatz_graph(200, 4, 0.15, seed=3)
    g.add_edges_from(nx.cycle_graph(range(300, 309)).edges)  # a 9-cycle: spans of 8
    expected = {frozenset((u, v)): s for u, v, s in nx.local_bridges(g, with_span=True)}
    table = local_bridges(g, backend="igraph")
    assert {
        frozenset((u, v)): s for u, v, s in table[["u", "v", "span"]].itertuples(index=False)
    } == expected
    on_cycle = table[table["u"] >= 300]
    assert len(on_cycle) == 9
    assert (on_cycle["span"] == 8).all()


def _span_without(g: nx.Graph, u, v) -> float:
    """The span by definition: the shortest path once the tie is gone (inf if none)."""
    h = g.copy()
    h.remove_edge(u, v)
    try:
        return float(nx.shortest_path_length(h, u, v))
    except nx.NetworkXNoPath:
        return float("inf")


@pytest.mark.parametrize(
    ("graph", "span"),
    [
        (nx.cycle_graph(3), 2),  # a triangle: a common acquaintance
        (nx.cycle_graph(4), 3),
        (nx.cycle_graph(5), 4),
        (nx.cycle_graph(6), 0),  # span 5: more than near_spans settles
        (nx.path_graph(4), 0),  # a bridge: no other path
    ],
)
def test_near_spans_of_cycles_by_hand(graph, span):
    arrays = ArrayGraph.from_networkx(graph)
    up = arrays.upper
    got = near_spans(arrays, arrays.rows[up], arrays.indices[up].astype(np.int64))
    assert got.tolist() == [span] * len(up)


def test_near_spans_ignore_walks_through_either_end():
    """A 5-cycle u-a-b-c-v with a triangle hanging at each end: still span 4, not less."""
    g = nx.cycle_graph(["u", "a", "b", "c", "v"])
    g.add_edges_from([("u", "x"), ("x", "y"), ("y", "u"), ("v", "p"), ("p", "q"), ("q", "v")])
    arrays = ArrayGraph.from_networkx(g)
    where = {n: i for i, n in enumerate(arrays.nodes)}
    got = near_spans(arrays, np.array([where["u"]]), np.array([where["v"]]))
    assert got.tolist() == [4]


@settings(max_examples=60, deadline=None)
@given(
    edges=st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 11)).filter(lambda e: e[0] != e[1]),
        min_size=1,
        max_size=40,
    ),
    table=st.sampled_from([1, 40, 10_000]),
    rounds=st.sampled_from([(16, 64, 256), (1, 2), (0,), ()]),
)
def test_near_spans_are_the_spans_up_to_four(edges, table, rounds):
    """Every tie (on a triangle or not, in any chunking and rounds): the span if <= 4, else 0."""
    g = nx.Graph(edges)
    arrays = ArrayGraph.from_networkx(g)
    up = arrays.upper
    u, v = arrays.rows[up], arrays.indices[up].astype(np.int64)
    old = _igraph.NEAR_TABLE_BYTES, _igraph.NEAR_ROUNDS
    _igraph.NEAR_TABLE_BYTES = table  # 1 byte: one tie per chunk
    _igraph.NEAR_ROUNDS = rounds  # (1, 2): neighbours by degree in three rounds
    try:
        got = near_spans(arrays, u, v)
    finally:
        _igraph.NEAR_TABLE_BYTES, _igraph.NEAR_ROUNDS = old
    nodes = arrays.nodes
    want = [_span_without(g, nodes[a], nodes[b]) for a, b in zip(u, v, strict=True)]
    assert got.tolist() == [int(x) if x <= 4 else 0 for x in want]


@settings(max_examples=40, deadline=None)
@given(
    edges=st.lists(
        st.tuples(st.integers(0, 14), st.integers(0, 14)).filter(lambda e: e[0] != e[1]),
        min_size=1,
        max_size=30,
    ),
    cap=st.sampled_from([None, 4, 5]),
)
def test_spans_of_local_bridges_are_the_definition(edges, cap):
    """spans() (near pass, then the search) gives the span of every tie on no triangle."""
    g = nx.Graph(edges)
    arrays = ArrayGraph.from_networkx(g)
    tri = triangle_pass(arrays)
    up = arrays.upper[~tri.on_triangle[arrays.upper]]
    u, v = arrays.rows[up], arrays.indices[up].astype(np.int64)
    nodes = arrays.nodes
    want = np.array([_span_without(g, nodes[a], nodes[b]) for a, b in zip(u, v, strict=True)])
    finite = np.isfinite(want)  # spans() is for ties that are not bridges
    got = spans(arrays, u[finite], v[finite], cap=cap)
    expect = want[finite] if cap is None else np.minimum(want[finite], cap + 1)
    assert got.tolist() == expect.tolist()


def test_spans_report_progress_and_handle_no_ties(clustered):
    graph = ArrayGraph.from_networkx(clustered)
    assert spans(graph, np.zeros(0, np.int64), np.zeros(0, np.int64)).tolist() == []
    seen = []
    tri = triangle_pass(graph, on_chunk=seen.append)
    assert seen[-1] == pytest.approx(1.0)
    up = graph.upper[~tri.on_triangle[graph.upper]]
    steps = []
    spans(graph, graph.rows[up], graph.indices[up].astype(np.int64), on_chunk=steps.append)
    assert steps[-1] == pytest.approx(1.0)
    assert steps == sorted(steps)


def test_role_counts_by_hand():
    """a -> b -> c with a, b in group 0 and c in group 1: b is a representative."""
    counts = role_counts(3, np.array([0, 1]), np.array([1, 2]), np.array([0, 0, 1]), weighted=False)
    assert counts.tolist() == [[0] * 5, [0, 0, 0, 1, 0], [0] * 5]
    none = role_counts(
        3, np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(3, np.int64), weighted=True
    )
    assert none.sum() == 0


@pytest.mark.parametrize("chunk", [1, 3, 10_000_000])
def test_role_counts_in_any_chunking(monkeypatch, chunk):
    d = nx.gnp_random_graph(30, 0.15, seed=2, directed=True)
    tail = np.array([u for u, _ in d.edges], dtype=np.int64)
    head = np.array([v for _, v in d.edges], dtype=np.int64)
    groups = np.array([i % 3 - (i % 11 == 0) for i in range(30)], dtype=np.int64)
    expected = role_counts(30, tail, head, groups, weighted=True)
    monkeypatch.setattr(_igraph, "CHUNK_PAIRS", chunk)
    np.testing.assert_allclose(role_counts(30, tail, head, groups, weighted=True), expected)


def test_groups_to_codes_leaves_out_empty_and_missing():
    codes, uniques = groups_to_codes(
        ["a", "b", "c", "d", "e"], {"a": "x", "b": "", "c": None, "d": "x", "e": float("nan")}
    )
    assert codes.tolist() == [0, -1, -1, 0, -1]
    assert uniques.tolist() == ["x"]
    codes, uniques = groups_to_codes(["a"], {})
    assert codes.tolist() == [-1]


def test_network_arrays_match_the_acquaintance_graph(sample):
    graph = ArrayGraph.from_network(sample, "strength")
    g = sample.acquaintance
    assert graph.n == g.number_of_nodes()
    assert len(graph.upper) == g.number_of_edges()
    assert [graph.nodes[i] for i in graph.nx_order] == list(g)
    for a, b, w in zip(graph.rows[:50], graph.indices[:50], graph.weight[:50], strict=True):
        assert g.edges[graph.nodes[a], graph.nodes[b]]["strength"] == w


def test_network_arrays_of_hand_built_tables(make_net):
    """Self-ties and people only other tables name (possible only without the loader)."""
    net = make_net(people("a", "b", "c"), ties(("a", "b"), ("b", "c")))
    extra = net.ties.iloc[:2].assign(person_a=["c", "c"], person_b=["c", "zed"])
    tables = {
        "people": net.people.reset_index(),
        "ties": pd.concat([net.ties, extra], ignore_index=True),
        "interviews": net.interviews,
        "referrals": net.referrals,
    }
    hand = ng.ReferralNetwork.from_tables(tables)
    graph = ArrayGraph.from_network(hand, "n_interviews")
    g = hand.acquaintance
    assert sorted(graph.nodes.tolist()) == sorted(g)
    assert [graph.nodes[i] for i in graph.nx_order] == list(g)
    assert len(graph.upper) == g.number_of_edges() - nx.number_of_selfloops(g)
    a = structural_holes(hand, backend="igraph")
    b = structural_holes(hand, backend="networkx")
    pd.testing.assert_frame_equal(a, b)
    assert ArrayGraph.from_network(hand, "no such column").weight.tolist() == [1.0] * 6
