"""Bridge contacts and network-wide brokers: hand-checked graphs and published results."""

from __future__ import annotations

import json
import math
import os
import random
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import people, ties, write_folder
from hypothesis import given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.bridges import (
    BRIDGE_COLUMNS,
    BROKER_COLUMNS,
    _ego_drawing,
    _first_hop_labels,
    betweenness,
    bridge_contacts,
    brokerage_roles,
    brokers,
    communities,
    local_bridges,
    share_room,
    structural_holes,
)
from netgraph.cli import main
from netgraph.errors import NetgraphError, UnknownPerson


def _net_from_edges(make_net, edges, nodes=(), **attrs):
    """A ReferralNetwork whose acquaintance graph has exactly ``edges`` (as ties)."""
    ids = sorted({str(x) for e in edges for x in e} | {str(n) for n in nodes})
    return make_net(people(*ids, **attrs), ties(*[(str(a), str(b)) for a, b in edges]))


def _exclusive(table: pd.DataFrame) -> dict[str, int]:
    return dict(zip(table["contact_id"], table["exclusive_reach"], strict=True))


# ---------------------------------------------------------------- fixtures
@pytest.fixture
def star_seeker_at_centre(make_net):
    """s knows a, b, c, who know nobody else."""
    return _net_from_edges(make_net, [("s", "a"), ("s", "b"), ("s", "c")])


@pytest.fixture
def star_seeker_at_leaf(make_net):
    """s knows only the hub h, who knows x, y, z."""
    return _net_from_edges(make_net, [("s", "h"), ("h", "x"), ("h", "y"), ("h", "z")])


@pytest.fixture
def path_of_five(make_net):
    """s - a - b - c - d."""
    return _net_from_edges(make_net, [("s", "a"), ("a", "b"), ("b", "c"), ("c", "d")])


@pytest.fixture
def two_cliques_one_broker(make_net):
    """Clique {s, a1, a2, k} and clique {k, b1, b2, b3}: k is in both.

    The a's work in tech at Acme; k is a consultant at Bank; the b's are in finance at
    Bank. Without k, s reaches no one in finance or consulting, nor at Bank.
    """
    left = ["s", "a1", "a2", "k"]
    right = ["k", "b1", "b2", "b3"]
    edges = [(u, v) for grp in (left, right) for i, u in enumerate(grp) for v in grp[i + 1 :]]
    attrs = {
        "a1": {"industry": "tech", "organization": "Acme"},
        "a2": {"industry": "tech", "organization": "Acme"},
        "k": {"industry": "consulting", "organization": "Bank"},
        **{b: {"industry": "finance", "organization": "Bank"} for b in ("b1", "b2", "b3")},
    }
    return _net_from_edges(make_net, edges, **attrs)


@pytest.fixture
def redundant_contact(make_net):
    """a's friends x and y are also b's and c's friends; only b knows z."""
    edges = [("s", "a"), ("s", "b"), ("s", "c"), ("a", "x"), ("a", "y"), ("b", "x")]
    edges += [("c", "y"), ("b", "z")]
    return _net_from_edges(make_net, edges)


# ------------------------------------------------------- bridge contacts
def test_star_with_seeker_at_centre_has_no_exclusive_reach(star_seeker_at_centre):
    table = bridge_contacts(star_seeker_at_centre, "s")
    assert list(table.columns) == BRIDGE_COLUMNS
    assert _exclusive(table) == {"a": 0, "b": 0, "c": 0}
    assert table["total_reach"].tolist() == [3, 3, 3]
    assert table["contact_id"].tolist() == ["a", "b", "c"]  # ties broken by id


def test_star_with_seeker_at_leaf_owes_everything_to_the_hub(star_seeker_at_leaf):
    table = bridge_contacts(star_seeker_at_leaf, "s", max_hops=2)
    row = table.iloc[0]
    assert row["contact_id"] == "h"
    assert row["exclusive_reach"] == 3
    assert row["total_reach"] == 4
    assert row["share"] == pytest.approx(0.75)
    assert row["exclusive_ids"] == ("x", "y", "z")


@pytest.mark.parametrize(
    ("hops", "exclusive", "reach"),
    [(1, 0, 1), (2, 1, 2), (3, 2, 3), (4, 3, 4), (9, 3, 4)],
)
def test_path_exclusive_reach_grows_with_hops(path_of_five, hops, exclusive, reach):
    row = bridge_contacts(path_of_five, "s", max_hops=hops).iloc[0]
    assert row["contact_id"] == "a"
    assert row["exclusive_reach"] == exclusive
    assert row["total_reach"] == reach


def test_path_seen_from_the_middle(path_of_five):
    table = bridge_contacts(path_of_five, "b", max_hops=2)
    assert _exclusive(table) == {"a": 1, "c": 1}  # s only through a, d only through c


def test_two_cliques_broker_carries_the_other_clique(two_cliques_one_broker):
    table = bridge_contacts(two_cliques_one_broker, "s", max_hops=3)
    assert _exclusive(table) == {"k": 3, "a1": 0, "a2": 0}
    k = table.iloc[0]
    assert k["contact_id"] == "k"
    assert k["total_reach"] == 6
    assert k["share"] == pytest.approx(0.5)
    assert k["industries_lost"] == ("consulting", "finance")
    assert k["organizations_lost"] == ("Bank",)
    assert k["exclusive_ids"] == ("b1", "b2", "b3")
    a1 = table.set_index("contact_id").loc["a1"]
    assert a1["industries_lost"] == ()  # a2 is in tech too
    assert a1["organizations_lost"] == ()


def test_contact_whose_every_neighbour_is_reachable_another_way(redundant_contact):
    table = bridge_contacts(redundant_contact, "s", max_hops=2)
    assert _exclusive(table) == {"a": 0, "b": 1, "c": 0}
    assert table.iloc[0]["exclusive_ids"] == ("z",)


def test_a_longer_detour_through_the_same_contact_does_not_count(make_net):
    """s-a, s-c, a-c, c-p: p is reached via s-c-p and s-a-c-p, both through c."""
    net = _net_from_edges(make_net, [("s", "a"), ("s", "c"), ("a", "c"), ("c", "p")])
    assert _exclusive(bridge_contacts(net, "s", max_hops=3)) == {"c": 1, "a": 0}


def test_isolated_seeker_gets_an_empty_table_with_the_columns(make_net):
    net = make_net(people("s", "a", "b"), ties(("a", "b")))
    table = bridge_contacts(net, "s")
    assert table.empty
    assert list(table.columns) == BRIDGE_COLUMNS


def test_seeker_by_name_and_as_of(make_net):
    rows = ties(("s", "a"), ("a", "b"))
    rows[1]["since"] = "2025-06-01"
    net = make_net(people("s", "a", "b"), rows)
    assert _exclusive(bridge_contacts(net, "Name s")) == {"a": 1}
    assert _exclusive(bridge_contacts(net, "s", as_of="2025-01-01")) == {"a": 0}


def test_unknown_seeker_and_bad_hops_raise_clear_errors(star_seeker_at_centre):
    with pytest.raises(UnknownPerson, match="no person 'nobody'"):
        bridge_contacts(star_seeker_at_centre, "nobody")
    with pytest.raises(NetgraphError, match="max_hops must be at least 1"):
        bridge_contacts(star_seeker_at_centre, "s", max_hops=0)


def _brute_force(g: nx.Graph, s, k: int) -> tuple[set, dict]:
    ball = set(nx.single_source_shortest_path_length(g, s, cutoff=k)) - {s}
    lost = {}
    for c in g.adj[s]:
        h = g.copy()
        h.remove_node(c)
        kept = set(nx.single_source_shortest_path_length(h, s, cutoff=k))
        lost[c] = ball - kept - {c}
    return ball, lost


@pytest.mark.parametrize("seed", range(40))
def test_labels_match_removing_each_contact(seed):
    rng = random.Random(seed)
    g = nx.gnp_random_graph(25, rng.uniform(0.05, 0.2), seed=seed)
    for k in (2, 3, 4):
        ball, lost = _brute_force(g, 0, k)
        contacts, labels = _first_hop_labels(g.adj, 0, k)
        assert set(contacts) | set(labels) == ball
        assert {c: {p for p, lab in labels.items() if lab == [c]} for c in contacts} == lost


@pytest.fixture(scope="module")
def twelve_people(tmp_path_factory) -> dict[str, pd.DataFrame]:
    """Validated tables of twelve people n00..n11 and no ties, loaded once."""

    ids = [f"n{i:02d}" for i in range(12)]
    folder = write_folder(tmp_path_factory.mktemp("twelve"), people(*ids), ties(("n00", "n01")))
    return ng.read_tables(folder)


@settings(max_examples=60, deadline=None)
@given(
    edges=st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 11)).filter(lambda e: e[0] != e[1]),
        min_size=1,
        max_size=30,
    ),
    hops=st.integers(1, 4),
)
def test_exclusive_reach_never_exceeds_total_reach(twelve_people, edges, hops):
    template = twelve_people["ties"]
    rows = [template.iloc[0].to_dict() | {"person_a": f"n{a:02d}", "person_b": f"n{b:02d}"}
            for a, b in edges]  # fmt: skip
    tables = {**twelve_people, "ties": pd.DataFrame(rows).astype(template.dtypes.to_dict())}
    net = ng.ReferralNetwork.from_tables(tables)
    table = bridge_contacts(net, "n00", max_hops=hops)
    total = len(nx.single_source_shortest_path_length(net.acquaintance, "n00", cutoff=hops)) - 1
    assert (table["total_reach"] == total).all()
    assert (table["exclusive_reach"] <= total).all()
    assert table["exclusive_reach"].sum() <= total
    ex = table["exclusive_reach"].tolist()
    assert ex == sorted(ex, reverse=True)
    _, lost = _brute_force(net.acquaintance, "n00", hops)
    assert {
        c: set(ids) for c, ids in zip(table["contact_id"], table["exclusive_ids"], strict=True)
    } == lost


# ---------------------------------------------------------- betweenness
def test_medici_have_the_highest_betweenness_in_florence(make_net):
    """Padgett's Florentine marriages (as networkx ships them): the Medici broker most."""
    g = nx.florentine_families_graph()
    on_graph = betweenness(g)
    net = _net_from_edges(make_net, g.edges)
    on_net = betweenness(net)
    for table in (on_graph, on_net):
        assert table.loc[0, "person_id"] == "Medici"
        assert table.loc[0, "betweenness"] > table.loc[1, "betweenness"]
        assert (table["method"] == "exact").all()
    exact = nx.betweenness_centrality(g)
    assert on_net.set_index("person_id")["betweenness"].to_dict() == pytest.approx(exact)


def test_betweenness_of_the_joining_person_by_hand(two_cliques_one_broker):
    # all 3 x 3 pairs across the cliques go through k: 9 of C(6, 2) = 15 pairs
    table = betweenness(two_cliques_one_broker).set_index("person_id")
    assert table.loc["k", "betweenness"] == pytest.approx(9 / 15)
    assert table.loc["s", "betweenness"] == pytest.approx(0.0)


def test_sampled_betweenness_is_seeded_and_close_to_exact():
    """128 of 300 pivots: every value within 0.03 of exact (the largest is 0.28).

    Measured on this graph with seeds 0-2: largest error 0.011-0.020, mean 0.001.
    """
    g = nx.powerlaw_cluster_graph(300, 3, 0.3, seed=1)
    exact = betweenness(g).set_index("person_id")["betweenness"]
    first = betweenness(g, exact_max=100, pivots=128, seed=0)
    again = betweenness(g, exact_max=100, pivots=128, seed=0)
    other = betweenness(g, exact_max=100, pivots=128, seed=1)
    assert first.attrs["method"] == "sampled: 128 pivots, seed 0"
    assert (first["method"] == "sampled: 128 pivots, seed 0").all()
    pd.testing.assert_frame_equal(first, again)
    assert not first["betweenness"].equals(other["betweenness"])
    sampled = first.set_index("person_id")["betweenness"]
    error = (sampled - exact.loc[sampled.index]).abs()
    assert error.max() < 0.03
    assert error.mean() < 0.003
    assert sampled.idxmax() == exact.idxmax()


def test_betweenness_rejects_zero_pivots():
    with pytest.raises(NetgraphError, match="pivots must be at least 1"):
        betweenness(nx.path_graph(3), pivots=0)


# ------------------------------------------------------ structural holes
def test_burt_measures_of_the_joining_person_by_hand(two_cliques_one_broker):
    row = structural_holes(two_cliques_one_broker, nodes=["k"]).iloc[0]
    # 6 contacts, 6 ties among them: effective size 6 - 2*6/6 = 4
    assert row["degree"] == 6
    assert row["effective_size"] == pytest.approx(4.0)
    assert row["efficiency"] == pytest.approx(4 / 6)
    # each contact: (1/6 + 2 * (1/6)(1/3))^2 = (5/18)^2, six of them; spread evenly
    assert row["constraint"] == pytest.approx(6 * (5 / 18) ** 2)
    assert row["hierarchy"] == pytest.approx(0.0)


def test_hierarchy_by_hand():
    """i knows j1, j2, j3; j1 and j2 know each other."""
    g = nx.Graph([("i", "j1"), ("i", "j2"), ("i", "j3"), ("j1", "j2")])
    row = structural_holes(g, nodes=["i"]).iloc[0]
    c12, c3 = 1 / 4, 1 / 9  # (1/3 + 1/3 * 1/2)^2 and (1/3)^2
    total = 2 * c12 + c3
    r = [3 * c12 / total, 3 * c12 / total, 3 * c3 / total]
    assert row["effective_size"] == pytest.approx(3 - 2 / 3)
    assert row["efficiency"] == pytest.approx(7 / 9)
    assert row["constraint"] == pytest.approx(total)
    assert row["hierarchy"] == pytest.approx(sum(x * math.log(x) for x in r) / (3 * math.log(3)))


def test_weighted_effective_size_by_hand():
    """Node 0 invests 1/3 in 1 and 2/3 in 2; 1-2 is 1's strongest tie, half of 2's.

    Redundancy of 1 is 2/3 * 1, of 2 is 1/3 * 1/2: effective size 1/3 + 5/6 = 7/6.
    (networkx 3.6.1 gives 4/3 when called without ``nodes=`` on a weighted graph, and
    7/6 with ``nodes=``; the per-node path follows the definition.)
    """
    g = nx.Graph()
    g.add_weighted_edges_from([(0, 1, 1.0), (0, 2, 2.0), (1, 2, 1.0), (2, 3, 1.0)])
    row = structural_holes(g, nodes=[0], weight="weight").iloc[0]
    assert row["effective_size"] == pytest.approx(7 / 6)
    assert nx.effective_size(g, nodes=[0], weight="weight")[0] == pytest.approx(7 / 6)


@pytest.mark.parametrize("weight", [None, "w"])
@pytest.mark.parametrize("seed", range(4))
def test_burt_measures_equal_networkx(seed, weight):
    g = nx.gnp_random_graph(30, 0.15, seed=seed)
    rng = random.Random(seed)
    for u, v in g.edges:
        g.edges[u, v]["w"] = rng.uniform(0.1, 1.0)
    mine = structural_holes(g, weight=weight).set_index("person_id")
    nodes = list(g)
    esize = nx.effective_size(g, nodes=nodes, weight=weight)
    constraint = nx.constraint(g, nodes=nodes, weight=weight)
    for n in nodes:
        if g.degree(n) == 0:
            assert math.isnan(mine.loc[n, "effective_size"])
            continue
        assert mine.loc[n, "effective_size"] == pytest.approx(esize[n])
        assert mine.loc[n, "constraint"] == pytest.approx(constraint[n])
        assert mine.loc[n, "efficiency"] == pytest.approx(esize[n] / g.degree(n))


@pytest.mark.parametrize(
    ("graph", "node", "esize", "efficiency", "constraint"),
    [
        (nx.star_graph(4), 0, 4.0, 1.0, 0.25),
        (nx.star_graph(4), 1, 1.0, 1.0, 1.0),
        (nx.complete_graph(4), 0, 1.0, 1 / 3, 3 * (1 / 3 + 2 / 9) ** 2),
    ],
)
def test_burt_measures_of_classic_shapes(graph, node, esize, efficiency, constraint):
    row = structural_holes(graph, nodes=[node]).iloc[0]
    assert row["effective_size"] == pytest.approx(esize)
    assert row["efficiency"] == pytest.approx(efficiency)
    assert row["constraint"] == pytest.approx(constraint)


def test_structural_holes_unknown_node_and_isolate(make_net):
    with pytest.raises(NetgraphError, match="not in the graph"):
        structural_holes(nx.path_graph(3), nodes=[7])
    g = nx.Graph()
    g.add_node("alone")
    row = structural_holes(g).iloc[0]
    assert row["degree"] == 0
    assert math.isnan(row["constraint"])
    net = make_net(people("s", "a"), ties(("s", "a")))
    with pytest.raises(UnknownPerson):
        structural_holes(net, nodes=["zz"])


# ----------------------------------------------------------- local bridges
def test_local_bridges_and_their_span():
    g = nx.cycle_graph(5)
    g.add_edge(4, 5)
    table = local_bridges(g)
    assert table.loc[0, ["u", "v"]].tolist() == [4, 5]
    assert table.loc[0, "bridge"]
    assert math.isinf(table.loc[0, "span"])
    assert len(table) == 6
    assert (table.loc[1:, "span"] == 4.0).all()
    assert not table.loc[1:, "bridge"].any()


@pytest.mark.parametrize("seed", range(30))
def test_local_bridges_equal_networkx(seed):
    rng = random.Random(seed)
    g = nx.gnp_random_graph(rng.randint(2, 40), rng.uniform(0.02, 0.3), seed=seed)
    mine = local_bridges(g)
    theirs = {frozenset((u, v)): s for u, v, s in nx.local_bridges(g, with_span=True)}
    pairs = zip(mine["u"], mine["v"], mine["span"], strict=True)
    assert {frozenset((u, v)): s for u, v, s in pairs} == theirs


def test_cliques_have_no_local_bridges(two_cliques_one_broker):
    assert local_bridges(two_cliques_one_broker).empty


# ------------------------------------------------------ brokerage roles
# The strike network (Michael 1997; de Nooy, Mrvar and Batagelj, *Exploratory Social
# Network Analysis with Pajek*, 2005): 24 employees of a wood-processing plant, a tie
# where two discussed the strike, three groups (1: young Spanish-speaking, 2: young
# English-speaking, 3: older English-speaking). Edges and groups as in Strike.net and
# Strikegroups.csv of the NPS "r4sna" labs (github.com/cllghn/r4sna, data/).
STRIKE_GROUPS = {
    "Xavier": 3, "Utrecht": 3, "Frank": 2, "Domingo": 1, "Norm": 3, "Hal": 2,
    "Russ": 3, "Karl": 2, "Bob": 2, "Quint": 3, "Wendle": 3, "Ozzie": 3, "Ike": 2,
    "Ted": 3, "Sam": 3, "Vern": 3, "Gill": 2, "Lanny": 2, "Mike": 2, "Carlos": 1,
    "Alejandro": 1, "Paul": 3, "Eduardo": 1, "John": 2,
}  # fmt: skip
STRIKE_EDGES = (
    "1-11 1-15 2-5 2-7 2-10 2-15 3-17 4-20 4-21 4-23 5-9 5-12 5-15 5-16 5-22 6-9 6-17 "
    "6-24 7-10 7-14 8-12 8-18 8-24 9-13 9-18 9-19 9-21 9-24 10-22 11-15 13-17 13-19 "
    "14-16 17-24 18-24 20-21 20-23 21-23"
)
# Gould-Fernandez counts from statnet's sna::brokerage(strike_net, groups)$raw.nli, as
# printed in the r4sna lab "Centrality and Brokerage in statnet": columns w_I
# (coordinator), w_O (itinerant), b_IO (representative), b_OI (gatekeeper), b_O
# (liaison), t (total). Actors not listed have all zeros.
STRIKE_PUBLISHED = {
    "Utrecht": (8, 0, 0, 0, 0, 8), "Norm": (18, 0, 5, 5, 0, 28), "Hal": (2, 0, 0, 0, 0, 2),
    "Russ": (4, 0, 0, 0, 0, 4), "Karl": (0, 0, 2, 2, 0, 4), "Bob": (14, 0, 10, 10, 2, 36),
    "Quint": (4, 0, 0, 0, 0, 4), "Ozzie": (0, 0, 1, 1, 0, 2), "Ike": (4, 0, 0, 0, 0, 4),
    "Ted": (2, 0, 0, 0, 0, 2), "Sam": (8, 0, 0, 0, 0, 8), "Vern": (2, 0, 0, 0, 0, 2),
    "Gill": (10, 0, 0, 0, 0, 10), "Lanny": (2, 0, 0, 0, 0, 2),
    "Alejandro": (0, 0, 3, 3, 0, 6), "Paul": (2, 0, 0, 0, 0, 2), "John": (12, 0, 0, 0, 0, 12),
}  # fmt: skip


def _strike() -> nx.Graph:
    names = list(STRIKE_GROUPS)
    g = nx.Graph()
    g.add_nodes_from(names)
    for pair in STRIKE_EDGES.split():
        a, b = pair.split("-")
        g.add_edge(names[int(a) - 1], names[int(b) - 1])
    return g


def test_brokerage_roles_match_the_published_strike_table():
    g = _strike()
    assert g.number_of_edges() == 38
    table = brokerage_roles(g, group=STRIKE_GROUPS).set_index("person_id")
    cols = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]
    for name in STRIKE_GROUPS:
        expected = STRIKE_PUBLISHED.get(name, (0, 0, 0, 0, 0, 0))
        assert tuple(table.loc[name, cols]) == expected, name


def test_brokerage_roles_with_groups_as_a_node_attribute():
    g = _strike()
    nx.set_node_attributes(g, STRIKE_GROUPS, "side")
    table = brokerage_roles(g, group="side").set_index("person_id")
    assert table.loc["Bob", "total"] == 36
    assert table.loc["Bob", "group"] == 2


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ("xxx", "coordinator"),
        ("xyx", "itinerant"),
        ("xyy", "gatekeeper"),
        ("xxy", "representative"),
        ("xyz", "liaison"),
    ],
)
def test_each_role_on_one_two_path(groups, role):
    g = nx.DiGraph([("a", "b"), ("b", "c")])
    table = brokerage_roles(g, group=dict(zip("abc", groups, strict=True)))
    b = table.set_index("person_id").loc["b"]
    assert b[role] == 1.0
    assert b["total"] == 1.0
    assert table["total"].sum() == 1.0  # nobody else brokers


def test_closed_two_paths_and_missing_groups_do_not_count():
    g = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e")])
    table = brokerage_roles(g, group={"a": 1, "b": 1, "c": 1, "d": 1}).set_index("person_id")
    assert table.loc["b", "total"] == 0  # a -> c exists
    assert table.loc["c", "total"] == 2  # a -> c -> d and b -> c -> d
    assert table.loc["d", "total"] == 0  # e has no group
    assert table.loc["e", "group"] is None


def test_partial_credit_shares_a_pair_between_its_brokers():
    """a reaches c through b1 and b2, and d through b3 only (UCINET's weighting)."""
    g = nx.DiGraph([("a", "b1"), ("b1", "c"), ("a", "b2"), ("b2", "c"), ("a", "b3")])
    g.add_edge("b3", "d")
    groups = dict.fromkeys(g, "g")
    plain = brokerage_roles(g, group=groups).set_index("person_id")["coordinator"]
    shared = brokerage_roles(g, group=groups, weighted=True).set_index("person_id")["coordinator"]
    assert plain[["b1", "b2", "b3"]].tolist() == [1.0, 1.0, 1.0]
    assert shared[["b1", "b2", "b3"]].tolist() == pytest.approx([0.5, 0.5, 1.0])


def test_roles_on_the_referral_graph_use_completed_interviews_and_referrals(make_net):
    attrs = {
        "s": {"industry": "Education"},
        "t": {"industry": "Education"},
        "c": {"industry": "Tech"},
        "r": {"industry": "Finance"},
        "q": {"industry": "Health"},
    }
    interviews = [
        {"interview_id": "i1", "seeker_id": "s", "contact_id": "c", "date": "2025-01-10",
         "status": "completed"},
        {"interview_id": "i2", "seeker_id": "t", "contact_id": "c", "date": "2025-01-11",
         "status": "declined"},
    ]  # fmt: skip
    referrals = [
        {"referral_id": "r1", "interview_id": "i1", "referrer_id": "c", "seeker_id": "s",
         "referred_id": "r", "date": "2025-01-10", "status": "named"},
        {"referral_id": "r2", "interview_id": "", "referrer_id": "c", "seeker_id": "t",
         "referred_id": "q", "date": "2025-01-12", "status": "named"},
    ]  # fmt: skip
    net = make_net(people(*attrs, **attrs), (), interviews, referrals)
    table = brokerage_roles(net, group="industry").set_index("person_id")
    # s -> c -> r and s -> c -> q: three industries each; t's declined interview is no arc
    assert table.loc["c", "liaison"] == 2
    assert table.loc["c", "total"] == 2
    assert table.loc["c", "name"] == "Name c"
    with pytest.raises(NetgraphError, match=r"no column 'nope'.*industry"):
        brokerage_roles(net, group="nope")


# ------------------------------------------------------- communities, brokers
def test_communities_are_seeded_and_numbered_by_size():
    g = nx.barbell_graph(5, 0)
    g.add_edge(0, 10)  # a bigger left bell
    parts = communities(g, seed=3)
    assert parts.name == "community"
    assert parts.tolist() == communities(g, seed=3).tolist()
    assert parts.loc[0] == 0
    assert parts.loc[9] == 1


def test_brokers_table_on_two_cliques(two_cliques_one_broker):
    table = brokers(two_cliques_one_broker, group="industry")
    assert list(table.columns) == BROKER_COLUMNS
    k = table.iloc[0]
    assert k["person_id"] == "k"
    assert k["betweenness"] == pytest.approx(0.6)
    assert k["betweenness_method"] == "exact"
    assert k["articulation_point"]
    assert k["split_into"] == 2
    assert k["local_bridges"] == 0
    assert math.isnan(k["max_span"])
    assert k["effective_size"] == pytest.approx(4.0)
    # k's contacts: s (no industry), a1, a2 (tech), b1-b3 (finance): 2 groups,
    # 2 x 3 tech-finance pairs, none tied to each other
    assert k["groups_reached"] == 2
    assert k["between_group_pairs"] == 6
    assert table.set_index("person_id").loc["a1", "articulation_point"] == False  # noqa: E712


def test_brokers_on_florence_with_communities():
    g = nx.florentine_families_graph()
    table = brokers(g)
    assert table.loc[0, "person_id"] == "Medici"
    assert table.loc[0, "split_into"] == 3  # Acciaiuoli alone, Salviati-Pazzi, the rest
    assert table["group"].notna().all()
    bridges = table.set_index("person_id")
    assert bridges.loc["Pazzi", "max_span"] == math.inf
    pd.testing.assert_frame_equal(table, brokers(g))  # deterministic


def test_brokers_needs_a_network_or_graph_and_dates_need_a_network():
    with pytest.raises(NetgraphError, match="expected a ReferralNetwork or a networkx graph"):
        brokers([("a", "b")])
    with pytest.raises(NetgraphError, match="as_of needs a ReferralNetwork"):
        brokers(nx.path_graph(3), as_of="2025-01-01")


# --------------------------------------------------------------- drawing
def test_ego_drawing_limits_people_and_colours_clusters(two_cliques_one_broker):
    d = _ego_drawing(two_cliques_one_broker, "s", hops=2, max_people=5)
    assert d["bridges"] == ["k"]
    assert d["contacts"] == ["k", "a1", "a2"]
    assert len(d["outer"]) == 1  # 5 people: s, three contacts, one more
    assert d["hidden"] == 2
    assert d["cluster"] == {"k": "k", "b1": "k", "b2": "k", "b3": "k"}
    assert set(d["pos"]) == {"s", "k", "a1", "a2", *d["outer"]}
    with pytest.raises(NetgraphError, match="1 or 2 hops"):
        _ego_drawing(two_cliques_one_broker, "s", hops=3)


def test_plot_ego_bridges_draws_and_labels(two_cliques_one_broker):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from netgraph.plot import plot_ego_bridges

    ax = plot_ego_bridges(two_cliques_one_broker, "s")
    assert "1 bridge contact within 2 hops" in ax.get_title()
    texts = {t.get_text() for t in ax.texts}
    assert {"Name k", "Name a1", "Name s"} <= texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Name k: 3 reached only through them" in legend
    assert ax.get_xlabel()
    plt.close(ax.figure)


@pytest.fixture
def two_bridges(make_net):
    """s knows a and b; a alone leads to a1..a6, b alone to b1..b2; c knows s only."""
    a_side = [f"a{i}" for i in range(1, 7)]
    b_side = ["b1", "b2"]
    pairs = [("s", "a"), ("s", "b"), ("s", "c")]
    pairs += [("a", x) for x in a_side] + [("b", x) for x in b_side]
    return make_net(people("s", "a", "b", "c", *a_side, *b_side), ties(*pairs))


def test_ego_drawing_shares_the_outer_ring_across_bridges(two_bridges):
    # room for 3 second-hop people: a's 6 and b's 2 compete; each keeps one, and the
    # third place goes to a (6 - 1 = 5 left against 2 - 1 = 1)
    d = _ego_drawing(two_bridges, "s", hops=2, max_people=7)
    drawn = {c: [v for v in d["outer"] if d["cluster"].get(v) == c] for c in ("a", "b")}
    assert drawn == {"a": ["a1", "a2"], "b": ["b1"]}
    assert d["more"] == {"a": 4, "b": 1}
    # without a cap nothing is left over
    assert _ego_drawing(two_bridges, "s", hops=2, max_people=80)["more"] == {"a": 0, "b": 0}


def test_plot_ego_bridges_says_how_many_are_not_drawn(two_bridges):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from netgraph.plot import plot_ego_bridges

    ax = plot_ego_bridges(two_bridges, "s", max_people=7)
    texts = {t.get_text() for t in ax.texts}
    assert {"+4 more", "+1 more"} <= texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Name a: 6 reached only through them (2 drawn)" in legend
    plt.close(ax.figure)


@given(
    sizes=st.lists(st.integers(0, 50), max_size=12),
    room=st.integers(0, 200),
)
def test_share_room_invariants(sizes, room):
    quota = share_room(sizes, room)
    assert len(quota) == len(sizes)
    assert all(0 <= q <= n for q, n in zip(quota, sizes, strict=True))
    assert sum(quota) == min(room, sum(sizes))  # all the room is used, never more
    nonempty = [i for i, n in enumerate(sizes) if n]
    if room >= len(nonempty):
        assert all(quota[i] >= 1 for i in nonempty)  # every group is seen


def test_ego_picture_does_not_depend_on_hash_seed(tmp_path):
    import subprocess
    import sys

    code = (
        "import hashlib, matplotlib; matplotlib.use('Agg');"
        "matplotlib.rcParams['svg.hashsalt'] = 'ng';"
        "import netgraph as ng; from netgraph.plot import plot_ego_bridges;"
        "ax = plot_ego_bridges(ng.load(), 'p001');"
        "import io; b = io.BytesIO(); ax.figure.savefig(b, format='svg', metadata={'Date': None});"
        "print(hashlib.sha256(b.getvalue()).hexdigest())"
    )
    root = str(Path(__file__).resolve().parents[1])
    seen = set()
    for seed in ("0", "1", "31"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": root}
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True)  # fmt: skip
        seen.add(run.stdout.strip())
    assert len(seen) == 1


# -------------------------------------------------------------------- CLI
@pytest.fixture
def cliques_folder(two_cliques_one_broker):
    return two_cliques_one_broker.source


def test_cli_bridges_per_seeker_table(cliques_folder, capsys):
    assert main(["bridges", "--data", cliques_folder, "--seeker", "s"]) == 0
    out = capsys.readouterr().out
    assert "Bridge contacts of s (Name s) within 3 hops: 6 people reached" in out
    assert "1 of 3 contacts" in out
    lines = out.splitlines()
    assert lines[2].split()[:2] == ["k", "Name"]
    assert "consulting, finance" in lines[2]


def test_cli_bridges_json_and_csv(cliques_folder, capsys):
    assert main(["bridges", "--data", cliques_folder, "--seeker", "s", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["contact_id"] == "k"
    assert rows[0]["exclusive_ids"] == ["b1", "b2", "b3"]
    args = ["bridges", "--data", cliques_folder, "--seeker", "s", "--format", "csv", "--hops", "1"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(",") == BRIDGE_COLUMNS
    assert len(lines) == 4


def test_cli_bridges_network_table(cliques_folder, capsys):
    args = ["bridges", "--data", cliques_folder, "--network", "--group", "industry"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "groups: industry; betweenness exact" in out
    assert out.splitlines()[2].split()[0] == "k"
    assert main([*args, "--format", "json", "--top", "2"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["person_id"] == "k"
    assert len(rows) == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--group", "industry"], "--group applies to the network-wide table"),
        (["--network", "--hops", "2"], "--hops applies to a seeker's bridge contacts"),
        (["--network", "--group", "height"], "no column 'height'"),
        (["--seeker", "nobody"], "no person 'nobody'"),
    ],
)
def test_cli_bridges_bad_input_exits_2(cliques_folder, capsys, extra, message):
    argv = ["bridges", "--data", cliques_folder, *extra]
    if "--seeker" not in extra and "--network" not in extra:
        argv += ["--seeker", "s"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error:")
    assert message in err


def test_cli_bridges_on_the_sample(capsys):
    assert main(["bridges", "--top", "5"]) == 0
    out = capsys.readouterr().out
    assert "Bridge contacts of p001" in out
    assert len(out.strip().splitlines()) == 7  # heading, header, five contacts


def test_sample_bridge_contacts_are_consistent(sample):
    table = ng.bridge_contacts(sample, "p001")
    assert len(table) == sample.acquaintance.degree("p001")
    assert table["exclusive_reach"].sum() <= table["total_reach"].iloc[0]
    assert table["exclusive_reach"].iloc[0] > 0


# ============================================== bridge contacts on the CSR view
def _networkx_bridge_contacts(net: ng.ReferralNetwork, seeker: str, max_hops: int) -> pd.DataFrame:
    """The previous implementation of ``bridge_contacts``, on the networkx graph."""
    from collections import Counter

    from netgraph.bridges import _lost_values

    g = net.acquaintance
    contacts, labels = _first_hop_labels(g.adj, seeker, max_hops)
    ball = [*contacts, *labels]
    exclusive: dict = {c: [] for c in contacts}
    for p, labs in labels.items():
        if len(labs) == 1:
            exclusive[labs[0]].append(p)
    attrs = g.nodes
    industry = {p: attrs[p].get("industry", "") for p in ball}
    organization = {p: attrs[p].get("organization", "") for p in ball}
    ind_counts, org_counts = Counter(industry.values()), Counter(organization.values())
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
                "total_reach": len(ball),
                "share": len(ex) / len(ball),
                "industries_lost": _lost_values(industry, lost, ind_counts),
                "organizations_lost": _lost_values(organization, lost, org_counts),
                "exclusive_ids": tuple(ex),
            }
        )
    rows.sort(key=lambda r: (-r["exclusive_reach"], str(r["contact_id"])))
    return pd.DataFrame(rows, columns=BRIDGE_COLUMNS)


@pytest.mark.parametrize("hops", [2, 3, 4])
def test_bridge_contacts_equal_the_networkx_implementation_on_the_sample(sample, hops):
    seekers = ["p001", *sample.seekers[1:6], "p250", "p399"]
    for seeker in seekers:
        mine = bridge_contacts(sample, seeker, max_hops=hops)
        theirs = _networkx_bridge_contacts(sample, seeker, hops)
        assert len(mine) == sample.acquaintance.degree(seeker)
        pd.testing.assert_frame_equal(mine, theirs, check_exact=True)


def test_bridge_contacts_builds_no_networkx_graph():
    net = ng.load()  # a fresh network: nothing cached yet
    table = bridge_contacts(net, "p001")
    assert len(table) > 0
    assert "csr" in vars(net)  # cached_property keeps what it built in the instance dict
    assert "acquaintance" not in vars(net)
    assert "referral_graph" not in vars(net)


def test_person_who_only_a_tie_names_gets_the_id_as_name(make_net, tmp_path):
    """Hand-built tables may name someone missing from people (only the loader checks)."""
    net = make_net(people("s", "a"), ties(("s", "a")))
    tables = {
        "people": net.people.reset_index(),
        "ties": pd.concat([net.ties, net.ties.assign(person_a="a", person_b="ghost")]),
        "interviews": net.interviews,
        "referrals": net.referrals,
    }
    hand = ng.ReferralNetwork.from_tables(tables)
    table = bridge_contacts(hand, "s", max_hops=2)
    assert table["exclusive_ids"].tolist() == [("ghost",)]
    hand_ref = ng.ReferralNetwork.from_tables(tables)
    pd.testing.assert_frame_equal(table, _networkx_bridge_contacts(hand_ref, "s", 2))
    reach = brokers(hand, group={}, backend="igraph", progress=False).set_index("person_id")
    assert reach.loc["ghost", "name"] == "ghost"
    assert reach.loc["a", "articulation_point"]


@settings(max_examples=60, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=40),
    hops=st.integers(1, 5),
)
def test_array_labels_classify_like_the_python_search(edges, hops):
    """One label (and which) or several: the only thing bridge_contacts reads."""
    from netgraph.bridges import _first_hop_arrays

    g = nx.Graph()
    g.add_nodes_from(range(15))
    g.add_edges_from(edges)
    indptr = np.zeros(16, dtype=np.int64)
    adj = [sorted(g.adj[v]) for v in range(15)]
    indptr[1:] = np.cumsum([len(a) for a in adj])
    indices = np.array([x for a in adj for x in a], dtype=np.int64)
    contacts, labels = _first_hop_labels(g.adj, 0, hops)
    _, rows, labelled, labs = _first_hop_arrays(indptr, indices, 0, hops)
    assert rows.tolist() == sorted(contacts)
    assert labelled.tolist() == sorted(labels)
    for person, (first, second) in zip(labelled.tolist(), labs.tolist(), strict=True):
        if len(labels[person]) == 1:
            assert second == -1
            assert rows[first] == labels[person][0]
        else:
            assert second >= 0 and first != second


# ======================================================== backends: identity
def _graph_with_bridges_and_isolates() -> nx.Graph:
    """Two 5-cliques joined by a path, pendant trees, a 7-cycle, isolated people."""
    g = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5))
    g.add_edges_from([(4, 20), (20, 21), (21, 5), (0, 22), (22, 23), (22, 24), (9, 25)])
    g.add_edges_from(nx.cycle_graph(range(30, 37)).edges)
    g.add_edges_from([(30, 37), (37, 38)])
    g.add_nodes_from([40, 41, 42])
    return g


def _shuffled_text_graph(seed: int) -> nx.Graph:
    """A random graph with text ids inserted in shuffled order (not id order)."""
    g = nx.gnm_random_graph(300, 900, seed=seed)
    names = [f"n{i:03d}" for i in range(300)]
    random.Random(seed).shuffle(names)
    h = nx.Graph()
    h.add_nodes_from(names)
    h.add_edges_from((names[u], names[v]) for u, v in g.edges)
    return h


def _disconnected(seed: int) -> nx.Graph:
    parts = [nx.gnm_random_graph(60, 90, seed=seed), nx.random_labeled_tree(40, seed=seed)]
    parts += [nx.cycle_graph(12), nx.empty_graph(5), nx.grid_2d_graph(6, 7)]
    return nx.convert_node_labels_to_integers(nx.disjoint_union_all(parts))


def _with_weights(g: nx.Graph, seed: int) -> nx.Graph:
    g = g.copy()
    rng = random.Random(seed)
    for u, v in g.edges:
        g.edges[u, v]["w"] = rng.uniform(0.1, 1.0)
    return g


GRAPHS = {
    "karate": nx.karate_club_graph,
    "gnm": lambda: nx.gnm_random_graph(300, 900, seed=3),
    "text ids": lambda: _shuffled_text_graph(4),
    "bridges and isolates": _graph_with_bridges_and_isolates,
    "disconnected": lambda: _disconnected(5),
}


def _both(fn, *args, **kwargs) -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        fn(*args, backend="networkx", **kwargs),
        fn(*args, backend="igraph", **kwargs),
    )


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Equal tables (floats to 1e-9), the same row order included."""
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("name", list(GRAPHS))
@pytest.mark.parametrize("weight", [None, "w"])
def test_betweenness_backends_agree_exact_and_sampled(name, weight):
    g = _with_weights(GRAPHS[name](), 1)
    _same(*_both(betweenness, g, weight=weight))
    sampled = _both(betweenness, g, weight=weight, exact_max=10, pivots=17, seed=2)
    assert sampled[1].attrs["method"] == "sampled: 17 pivots, seed 2"
    _same(*sampled)


def test_sampled_pivots_are_the_ones_networkx_draws():
    """Same pivots: networkx's own estimate equals the igraph one, value by value."""
    g = _shuffled_text_graph(9)
    expected = nx.betweenness_centrality(g, k=25, seed=11)
    got = betweenness(g, exact_max=10, pivots=25, seed=11, backend="igraph")
    assert got.set_index("person_id")["betweenness"].to_dict() == pytest.approx(
        expected, rel=1e-9, abs=1e-12
    )


def test_betweenness_with_one_pivot_follows_networkx():
    """k = 1: networkx leaves the pivot undefined (NaN); so does the igraph backend."""
    g = nx.path_graph(6)
    a, b = _both(betweenness, g, exact_max=2, pivots=1, seed=0)
    _same(a, b)
    assert a["betweenness"].isna().sum() == 1


def test_integer_weights_with_tied_paths_agree():
    """Karate's integer weights give exactly tied path lengths in both backends."""
    g = nx.karate_club_graph()
    _same(*_both(betweenness, g, weight="weight"))


@pytest.mark.parametrize("name", list(GRAPHS))
@pytest.mark.parametrize("weight", [None, "w"])
def test_burt_backends_agree(name, weight):
    g = _with_weights(GRAPHS[name](), 2)
    _same(*_both(structural_holes, g, weight=weight))


@pytest.mark.parametrize("name", list(GRAPHS))
def test_local_bridges_backends_agree(name):
    g = GRAPHS[name]()
    a, b = _both(local_bridges, g)
    pd.testing.assert_frame_equal(a, b)
    theirs = {frozenset((u, v)): s for u, v, s in nx.local_bridges(g, with_span=True)}
    assert {frozenset((u, v)): s for u, v, s in zip(b["u"], b["v"], b["span"], strict=True)} == (
        theirs
    )


@pytest.mark.parametrize("seed", range(12))
def test_local_bridge_spans_on_sparse_random_graphs(seed):
    """Sparse graphs have long spans (up to the girth) and many bridges."""
    rng = random.Random(seed)
    n = rng.randint(20, 120)
    g = nx.gnm_random_graph(n, int(n * rng.uniform(1.0, 1.6)), seed=seed)
    a, b = _both(local_bridges, g)
    pd.testing.assert_frame_equal(a, b)


def test_cut_points_agree_with_networkx():
    for make in GRAPHS.values():
        g = make()
        table = brokers(g, group={}, backend="igraph", progress=False).set_index("person_id")
        cut = set(nx.articulation_points(g))
        assert set(table.index[table["articulation_point"]]) == cut
        split = dict.fromkeys(g, 0)
        for comp in nx.biconnected_components(g):
            for v in comp:
                split[v] += 1
        assert table["split_into"].to_dict() == split


@pytest.mark.parametrize("name", list(GRAPHS))
def test_brokers_backends_agree_for_the_same_groups(name):
    g = _with_weights(GRAPHS[name](), 3)
    groups = {v: i % 4 for i, v in enumerate(sorted(g, key=str)) if i % 7}  # some without
    for kwargs in ({}, {"weight": "w", "exact_max": 20, "pivots": 15, "weighted_roles": True}):
        a, b = _both(brokers, g, group=groups, progress=False, **kwargs)
        _same(a, b)


@pytest.mark.parametrize("group", ["industry", "organization"])
def test_brokers_backends_agree_on_the_sample(sample, group):
    a, b = _both(brokers, sample, group=group, progress=False)
    _same(a, b)
    assert b["betweenness_method"].iloc[0] == "exact"
    assert b["local_bridges"].sum() > 0


def test_brokers_backends_agree_on_the_sample_sampled_and_weighted(sample):
    kwargs = {"group": "major", "weight": "strength", "exact_max": 100, "pivots": 50}
    a, b = _both(brokers, sample, progress=False, weighted_roles=True, seed=4, **kwargs)
    _same(a, b)
    assert b["betweenness_method"].iloc[0] == "sampled: 50 pivots, seed 4"


def test_brokerage_roles_igraph_backend_matches_the_published_strike_table():
    table = brokerage_roles(_strike(), group=STRIKE_GROUPS, backend="igraph")
    table = table.set_index("person_id")
    cols = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]
    for name in STRIKE_GROUPS:
        assert tuple(table.loc[name, cols]) == STRIKE_PUBLISHED.get(name, (0,) * 6), name


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("weighted", [False, True])
def test_brokerage_roles_backends_agree_on_random_digraphs(seed, weighted):
    d = nx.gnp_random_graph(40, 0.08, seed=seed, directed=True)
    rng = random.Random(seed)
    groups = {v: rng.choice("abc") for v in d if rng.random() < 0.9}
    _same(*_both(brokerage_roles, d, group=groups, weighted=weighted))


def test_brokerage_roles_backends_agree_on_the_referral_graph(sample):
    for weighted in (False, True):
        a, b = _both(brokerage_roles, sample, group="industry", weighted=weighted)
        _same(a, b)
        assert b["total"].sum() > 0


@settings(max_examples=40, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=60),
    weights=st.lists(st.floats(0.1, 1.0), min_size=60, max_size=60),
)
def test_backends_agree_on_any_small_graph(edges, weights):
    """Property: local bridges, spans and Burt's measures do not depend on the backend."""
    g = nx.Graph()
    g.add_nodes_from(range(20))
    g.add_edges_from((u, v, {"w": w}) for (u, v), w in zip(edges, weights, strict=False))
    g.remove_edges_from(nx.selfloop_edges(g))
    pd.testing.assert_frame_equal(*_both(local_bridges, g))
    _same(*_both(structural_holes, g, weight="w"))


# ============================================================ communities
def test_igraph_communities_are_seeded_numbered_by_size_and_valid():
    g = nx.barbell_graph(5, 0)
    g.add_edge(0, 10)
    parts = communities(g, seed=3, backend="igraph")
    assert parts.tolist() == communities(g, seed=3, backend="igraph").tolist()
    assert parts.loc[0] == 0  # the bigger bell
    assert parts.loc[9] == 1
    karate = nx.karate_club_graph()
    labels = communities(karate, seed=1, backend="igraph")
    sets = [set(labels.index[labels == k]) for k in sorted(labels.unique())]
    assert set().union(*sets) == set(karate)
    assert [len(s) for s in sets] == sorted((len(s) for s in sets), reverse=True)
    assert nx.community.modularity(karate, sets) > 0.35


def test_igraph_random_numbers_are_given_back():
    """After a seeded call igraph draws from Python's ``random`` again."""
    import igraph as ig

    communities(nx.karate_club_graph(), seed=5, backend="igraph")
    random.seed(123)
    first = ig.Graph.Erdos_Renyi(n=30, p=0.2).get_edgelist()
    random.seed(123)
    assert ig.Graph.Erdos_Renyi(n=30, p=0.2).get_edgelist() == first


def test_igraph_communities_of_a_network_and_isolated_people(sample):
    labels = communities(sample, backend="igraph", seed=2)
    consenting = ng.without_opted_out(sample).people.index  # opted-out people are left out
    assert list(labels.index) == sorted(consenting)
    sizes = labels.value_counts().sort_index()
    assert sizes.is_monotonic_decreasing
    g = nx.Graph([(1, 2)])
    g.add_node(0)
    assert communities(g, backend="igraph").to_dict() == {0: 1, 1: 0, 2: 0}


# ================================================================== backend choice
@pytest.mark.parametrize(
    "call",
    [
        lambda g: betweenness(g, backend="fast"),
        lambda g: communities(g, backend="fast"),
        lambda g: local_bridges(g, backend="fast"),
        lambda g: structural_holes(g, backend="fast"),
        lambda g: brokerage_roles(g, group={}, backend="fast"),
        lambda g: brokers(g, backend="fast"),
    ],
)
def test_unknown_backend_is_a_clear_error(call):
    with pytest.raises(
        NetgraphError, match="backend must be one of 'auto', 'networkx', 'igraph', got 'fast'"
    ):
        call(nx.path_graph(4))


def test_auto_uses_igraph_above_the_threshold_and_builds_no_networkx_graph(monkeypatch):
    from netgraph import bridges as module

    small = ng.load()
    table = brokers(small, group="industry", progress=False)  # 400 people: networkx
    assert "acquaintance" in vars(ng.without_opted_out(small))  # the consenting people's view
    monkeypatch.setattr(module, "AUTO_IGRAPH_ABOVE", 100)
    fresh = ng.load()
    again = brokers(fresh, group="industry", progress=False)
    view = ng.without_opted_out(fresh)
    assert "acquaintance" not in vars(view) and "acquaintance" not in vars(fresh)
    assert "referral_graph" not in vars(view) and "referral_graph" not in vars(fresh)
    _same(table, again)


def test_brokers_shows_a_progress_bar_only_when_asked(capsys):
    g = nx.karate_club_graph()
    for backend in ("networkx", "igraph"):
        brokers(g, group={}, backend=backend, progress=True)
        assert "brokers" in capsys.readouterr().err
        table = brokers(g, group={}, backend=backend, progress=False)
        assert capsys.readouterr().err == ""
        seconds, cpu = table.attrs["seconds"], table.attrs["cpu_seconds"]
        assert {"betweenness", "local bridges", "brokerage roles"} <= set(seconds)
        assert set(cpu) == set(seconds)
        assert all(t >= 0 for t in [*seconds.values(), *cpu.values()])


# ------------------------------------------------------------ span cap
@pytest.mark.parametrize("cap", [3, 4, 5])
def test_capped_spans_are_exact_up_to_the_cap_in_both_backends(cap):
    g = nx.connected_watts_strogatz_graph(120, 4, 0.1, seed=1)
    g.add_edges_from(nx.cycle_graph(range(200, 208)).edges)  # spans of 7
    g.add_edge(0, 200)  # a bridge
    exact = local_bridges(g).set_index(["u", "v"])["span"]
    a, b = _both(local_bridges, g, max_span_hops=cap)
    pd.testing.assert_frame_equal(a, b)
    capped = b.set_index(["u", "v"])["span"]
    expected = exact.where(exact.le(cap) | np.isinf(exact), cap + 1)
    pd.testing.assert_series_equal(capped.sort_index(), expected.sort_index())
    assert (capped == cap + 1).any()
    assert capped.max() == math.inf
    table = brokers(g, group={}, max_span_hops=cap, backend="igraph", progress=False)
    assert set(table["max_span"].dropna()) <= {*range(3, cap + 2), math.inf}


@pytest.mark.parametrize("bad", [2, 0, 3.5, True])
def test_span_cap_must_be_a_whole_number_of_at_least_three(bad):
    with pytest.raises(NetgraphError, match="max_span_hops must be"):
        local_bridges(nx.cycle_graph(5), max_span_hops=bad)


def test_igraph_brokers_groups_are_the_igraph_communities(sample):
    for weight in (None, "strength"):
        table = brokers(sample, backend="igraph", weight=weight, seed=3, progress=False)
        labels = communities(sample, backend="igraph", weight=weight, seed=3)
        assert table.set_index("person_id")["group"].to_dict() == labels.to_dict()
