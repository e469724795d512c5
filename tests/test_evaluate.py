"""Evaluation: baselines against networkx, a hand-made backtest, the required comparisons."""

from __future__ import annotations

import json
import math

import networkx as nx
import pandas as pd
import pytest
from conftest import people, ties, write_folder

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import NetgraphError
from netgraph.evaluate import (
    BASELINES,
    METHODS,
    _auc,
    _random_expectations,
    _split,
    backtest,
    backtest_runs,
    benchmark_graphs,
    hidden_edge_runs,
    hidden_edges,
    network_from_graph,
    rank_candidates,
)

# --------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("n", "m", "k", "expected"),
    [
        (4, 1, 1, (0.25, 0.25, (1 + 1 / 2 + 1 / 3 + 1 / 4) / 4)),
        (3, 2, 1, (2 / 3, 1 / 3, 2 / 3 + 1 / 3 / 2)),
        (5, 2, 10, (1.0, 1.0, None)),
        (0, 0, 10, (0.0, 0.0, 0.0)),
    ],
)
def test_random_expectations_by_hand(n, m, k, expected):
    got = _random_expectations(n, m, k)
    for g, e in zip(got, expected, strict=True):
        if e is not None:
            assert g == pytest.approx(e)


def test_random_expectations_match_enumeration():
    import itertools

    n, m, k = 6, 2, 2
    hits = rr = 0.0
    perms = list(itertools.permutations(range(n)))
    for p in perms:
        ranks = sorted(p.index(t) + 1 for t in range(m))
        hits += ranks[0] <= k
        rr += 1 / ranks[0]
    hit, _, mrr = _random_expectations(n, m, k)
    assert hit == pytest.approx(hits / len(perms))
    assert mrr == pytest.approx(rr / len(perms))


def test_auc_counts_ties_half():
    assert _auc([1.0, 2.0], [0.0, 2.0]) == pytest.approx(0.625)
    assert _auc([-math.inf], [-math.inf]) == pytest.approx(0.5)


def test_network_from_graph_and_its_errors():
    net = network_from_graph(nx.path_graph(3))
    assert list(net.people.index) == ["0", "1", "2"]
    assert net.acquaintance.number_of_edges() == 2
    with pytest.raises(NetgraphError, match="undirected"):
        network_from_graph(nx.DiGraph([(0, 1)]))
    with pytest.raises(NetgraphError, match="same text form"):
        network_from_graph(nx.Graph([(1, "1")]))


def test_benchmark_graphs_are_the_four_networks():
    g = benchmark_graphs()
    assert {k: (v.number_of_nodes(), v.number_of_edges()) for k, v in g.items()} == {
        "karate": (34, 78),
        "lesmis": (77, 254),
        "florentine": (15, 20),
        "davis": (18, 139),
    }


# ------------------------------------------------------------- baselines


@pytest.mark.parametrize(
    ("method", "index"),
    [
        ("jaccard", nx.jaccard_coefficient),
        ("adamic_adar", nx.adamic_adar_index),
        ("resource_allocation", nx.resource_allocation_index),
        ("preferential_attachment", nx.preferential_attachment),
    ],
)
def test_local_baselines_equal_networkx_on_the_whole_graph(method, index):
    g = nx.relabel_nodes(nx.karate_club_graph(), str)
    net = network_from_graph(g)
    order, scores = rank_candidates(net, "0", method)
    whole = {v: p for _, v, p in index(g, [("0", c) for c in order])}
    assert scores == pytest.approx(whole)
    assert order == sorted(order, key=lambda c: (-whole[c], c))
    within3 = nx.single_source_shortest_path_length(g, "0", cutoff=3)
    assert set(order) == {v for v, d in within3.items() if d >= 2}


def test_random_ranks_the_two_hop_candidates():
    g = nx.relabel_nodes(nx.karate_club_graph(), str)
    order, _ = rank_candidates(network_from_graph(g), "0", "random")
    assert set(order) == {
        v for v, d in nx.single_source_shortest_path_length(g, "0", cutoff=2).items() if d == 2
    }


def test_unknown_method_and_bad_numbers(sample):
    with pytest.raises(NetgraphError, match="unknown method 'magic'; use one of suggest"):
        backtest(sample, methods=["magic"])
    with pytest.raises(NetgraphError, match="k must be a whole number >= 1"):
        backtest(sample, k=0)
    with pytest.raises(NetgraphError, match="fraction must be between 0 and 1"):
        backtest(sample, fraction=1.5)
    with pytest.raises(NetgraphError, match="share must be between 0 and 1"):
        hidden_edges(nx.path_graph(5), share=0)


# ------------------------------------------------------ backtest by date


@pytest.fixture(scope="module")
def later_interview(tmp_path_factory):
    """s met a and b in January; a named x on 2 Jan; s met x on 1 Feb and y (a stranger)
    on 5 Feb. In the file the referral says "interviewed": true only after 1 Feb."""
    iv = [
        ("i1", "a", "2025-01-01"),
        ("i2", "b", "2025-01-05"),
        ("i3", "x", "2025-02-01"),
        ("i4", "y", "2025-02-05"),
    ]
    interviews = [
        {"interview_id": i, "seeker_id": "s", "contact_id": c, "date": d, "status": "completed"}
        for i, c, d in iv
    ]
    referrals = [
        {
            "referral_id": "r1",
            "interview_id": "i1",
            "referrer_id": "a",
            "seeker_id": "s",
            "referred_id": "x",
            "date": "2025-01-02",
            "status": "interviewed",
        }
    ]
    folder = tmp_path_factory.mktemp("evaluate") / "data"
    net_ties = ties(("a", "p"), ("b", "p"), ("b", "q"), ("y", "z"))
    return folder, ng.load(
        write_folder(
            folder, people("s", "a", "b", "x", "y", "p", "q", "z"), net_ties, interviews, referrals
        )
    )


def test_backtest_cuts_without_leaking_the_future(later_interview):
    _, net = later_interview
    runs = backtest_runs(net, methods=["suggest", "adamic_adar", "random"])
    assert runs["cut"].unique().tolist() == [pd.Timestamp("2025-01-05")]
    mine = runs.set_index("method")
    # x, named before the cut and met after it, is the first suggestion; y is unreachable.
    assert mine.loc["suggest", ["targets", "covered", "first_rank"]].tolist() == [2, 1, 1]
    assert mine.loc["suggest", "rr"] == 1.0
    assert mine.loc["suggest", "recall_at_k"] == 0.5
    # candidates at the cut: p (two common contacts), q, x (one each)
    assert mine.loc["adamic_adar", "first_rank"] == 3
    assert mine.loc["random", "hit_at_k"] == pytest.approx(1.0)
    assert mine.loc["random", "rr"] == pytest.approx((1 + 1 / 2 + 1 / 3) / 3)


def test_backtest_table(later_interview):
    _, net = later_interview
    table = backtest(net)
    assert table["method"].tolist() == list(METHODS)
    assert list(table.columns) == [
        "method",
        "k",
        "seekers",
        "targets",
        "hit_at_k",
        "recall_at_k",
        "mrr",
        "coverage",
        "lift",
    ]
    suggest = table.set_index("method").loc["suggest"]
    assert suggest["lift"] == pytest.approx(1.0)
    assert suggest["coverage"] == 0.5


def test_backtest_with_no_seekers_is_an_empty_table(tmp_path):
    net = ng.load(write_folder(tmp_path / "d", people("s", "a"), ties(("s", "a"))))
    assert backtest(net).empty


# ---------------------------------------------------------- hidden edges


def test_split_is_seeded_and_sized():
    g = nx.karate_club_graph()
    train, hidden, non = _split(g, 0.1, 3)
    again = _split(g, 0.1, 3)
    assert (hidden, non) == (again[1], again[2])
    assert len(hidden) == len(non) == 8
    assert train.number_of_edges() == 78 - 8
    assert not any(g.has_edge(int(a), int(b)) for a, b in non)
    assert train.number_of_nodes() == 34


def test_hidden_edge_runs_are_deterministic():
    g = nx.florentine_families_graph()
    a = hidden_edge_runs(g, seeds=[0, 1], methods=["suggest", "adamic_adar"])
    b = hidden_edge_runs(g, seeds=[0, 1], methods=["suggest", "adamic_adar"])
    pd.testing.assert_frame_equal(a, b)
    assert a["hidden"].tolist() == [2, 2, 2, 2]


@pytest.fixture(scope="module")
def required_hidden():
    return hidden_edges(methods=["suggest", "structural", "adamic_adar"], seeds=range(5), k=10)


def test_structural_alone_is_at_least_adamic_adar_and_default_loses_at_most_20pc(
    required_hidden,
):
    table = required_hidden.pivot(index="graph", columns="method", values="recall_at_k")
    assert set(table.index) == {"karate", "lesmis", "florentine", "davis"}
    for graph, row in table.iterrows():
        assert row["structural"] >= row["adamic_adar"] - 1e-12, graph
        assert row["suggest"] >= 0.8 * row["structural"], graph
        assert row["suggest"] >= 0.8 * row["adamic_adar"], graph


# ---------------------------------------------------- the sample's backtest


@pytest.fixture(scope="module")
def sample_backtest(sample):
    return backtest(sample, k=10)


def test_suggest_beats_every_baseline_on_the_sample(sample_backtest):
    t = sample_backtest.set_index("method")
    for base in BASELINES:
        assert t.loc["suggest", "hit_at_k"] > t.loc[base, "hit_at_k"], base
        assert t.loc["suggest", "mrr"] > t.loc[base, "mrr"], base
    assert t.loc["suggest", "lift"] > 1
    assert t["seekers"].nunique() == 1 and t["seekers"].iloc[0] >= 10


# ------------------------------------------------------------------- CLI


def test_cli_evaluate_hidden(capsys):
    argv = ["evaluate", "--mode", "hidden", "--graph", "florentine", "--seeds", "2", "--k", "5"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hidden edges: 10% of edges hidden, seeds 0..1; recall@5")
    header = out.splitlines()[2].split()
    assert header == ["graph", "method", "seeds", "recall@5", "sd", "auc"]
    assert sum(line.split()[0] == "florentine" for line in out.splitlines()[3:]) == len(METHODS)


def test_cli_evaluate_backtest_json(capsys, later_interview):
    folder, _ = later_interview
    assert main(["evaluate", "--data", str(folder), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["method"] for r in rows] == list(METHODS)
    assert rows[0]["hit@10"] == 1.0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["evaluate", "--mode", "hidden", "--graph", "twitter"], "unknown graph 'twitter'"),
        (["evaluate", "--graph", "karate"], "--graph is for --mode hidden"),
        (["evaluate", "--fraction", "2"], "fraction must be between 0 and 1"),
        (["evaluate", "--mode", "hidden", "--share", "0", "--graph", "karate"], "share must be"),
        (["evaluate", "--k", "0"], "expected a number >= 1"),
        (["evaluate", "--nodes", "n.csv"], "--nodes goes with --edges FILE"),
        (["evaluate", "--edges", "e.txt"], "an edge list has no dates"),
    ],
)
def test_cli_evaluate_bad_input(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


# ------------------------------------------------- hidden edges of a user's network
def test_network_hidden_edges_on_a_folder_keep_attributes_and_sample_seekers(sample):
    from netgraph.evaluate import network_hidden_edge_runs

    runs = network_hidden_edge_runs(sample, seekers=12, methods=["suggest", "adamic_adar"])
    assert runs["seekers"].tolist() == [12, 12]
    assert runs["hidden"].iloc[0] == round(0.1 * len(sample.edges))
    assert ((runs["recall_at_k"] >= 0) & (runs["recall_at_k"] <= 1)).all()
    again = network_hidden_edge_runs(sample, seekers=12, methods=["suggest", "adamic_adar"])
    pd.testing.assert_frame_equal(runs, again)


def test_a_network_too_small_to_evaluate_says_why(build):
    from netgraph.evaluate import network_hidden_edges

    net = build(people("a", "b", "c"), ties(("a", "b"), ("b", "c")))
    with pytest.raises(NetgraphError, match="too small to evaluate: 3 people and 2 acquaintance"):
        network_hidden_edges(net)


def test_edge_lists_plain_and_csv_with_a_node_table(tmp_path):
    from netgraph.evaluate import network_from_edge_list

    plain = tmp_path / "e.txt"
    plain.write_text("# a comment\na b\nb\tc\n\nc,d\n")
    net = network_from_edge_list(plain)
    assert sorted(net.people.index) == ["a", "b", "c", "d"]
    assert len(net.ties) == 3
    csvf = tmp_path / "e.csv"
    csvf.write_text("source,target\na,b\nb,c\n")
    nodes = tmp_path / "n.csv"
    nodes.write_text("id,major,grad_year\na,Math,2020\nb,Math,2021\nc,Art,\n")
    net = network_from_edge_list(csvf, nodes=nodes)
    assert net.people.loc["a", "major"] == "Math"
    assert net.people.loc["a", "name"] == "a"


def test_bad_edge_lists_list_every_problem(tmp_path):
    from netgraph.errors import DataError
    from netgraph.evaluate import network_from_edge_list

    f = tmp_path / "e.txt"
    f.write_text("a b\nonly\nc c\nd e f\n")
    with pytest.raises(DataError) as err:
        network_from_edge_list(f)
    text = str(err.value)
    assert "e.txt:2:" in text and "e.txt:3:" in text and "e.txt:4:" in text
    nodes = tmp_path / "n.csv"
    nodes.write_text("id\na\na\n")
    f.write_text("a b\n")
    with pytest.raises(DataError) as err:
        network_from_edge_list(f, nodes=nodes)
    assert "a unique id" in str(err.value) and "an id of n.csv" in str(err.value)


def test_auc_ties_count_half_whatever_the_order():
    from netgraph.evaluate import _auc

    assert _auc([1.0, 0.5], [0.5, 0.0]) == pytest.approx(0.875)
    # sums that differ in the last bit (summation order) tie
    a, b = 0.1 + 0.2 + 0.3, 0.3 + 0.2 + 0.1
    assert a != b
    assert _auc([a], [b]) == 0.5
    assert _auc([1.0], [-math.inf]) == 1.0


def test_backtest_samples_at_most_max_seekers(sample):
    from netgraph.evaluate import backtest_runs

    runs = backtest_runs(sample, methods=["adamic_adar"], max_seekers=5)
    assert runs["seeker_id"].nunique() == 5
    again = backtest_runs(sample, methods=["adamic_adar"], max_seekers=5)
    assert runs["seeker_id"].tolist() == again["seeker_id"].tolist()


def test_cli_evaluate_hidden_uses_data_and_seekers(capsys):
    from netgraph.load import sample_data_path

    argv = [
        "evaluate",
        "--mode",
        "hidden",
        "--data",
        str(sample_data_path()),
        "--seekers",
        "6",
        "--seeds",
        "1",
        "--format",
        "json",
    ]
    assert main(argv) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["method"] for r in rows] == list(METHODS)
    assert {r["graph"] for r in rows} == {"sample_data"}


def test_cli_evaluate_an_edge_list(capsys, tmp_path):
    edges = tmp_path / "club.csv"
    g = nx.karate_club_graph()
    edges.write_text("source,target\n" + "".join(f"{u},{v}\n" for u, v in g.edges))
    argv = ["evaluate", "--mode", "hidden", "--edges", str(edges), "--seekers", "5", "--seeds", "1"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Hidden edges of {edges}: 10% of edges hidden")
    assert "club" in out and "adamic_adar" in out


def test_cli_evaluate_a_folder_too_small_says_why(capsys, tmp_path):
    folder = write_folder(tmp_path / "d", people("a", "b", "c"), ties(("a", "b")))
    assert main(["evaluate", "--mode", "hidden", "--data", str(folder)]) == 2
    assert "too small to evaluate: 3 people and 1 acquaintance edges" in capsys.readouterr().err


# ------------------------------------------------------ the backtest's fast path
def _sample_cuts(sample, n=10):
    from netgraph.evaluate import _cuts

    return sorted(_cuts(sample, 0.5, None).items())[:n]


def test_backtest_fast_path_equals_ranking_every_candidate(sample):
    from netgraph._ranker import fitted_ranker, set_ranker
    from netgraph.evaluate import _score, _SeekerCut
    from netgraph.suggest import excluded

    model, compared = None, 0
    for seeker, (cut, later) in _sample_cuts(sample):
        past = sample.as_of(cut)
        model = model or fitted_ranker(past, progress=False)
        set_ranker(past, model)
        gone = excluded(past, seeker)
        targets = [t for t in later if t not in gone]
        if not targets:
            continue
        fast = _SeekerCut(past, seeker, gone, None).scores(METHODS, targets, 10)
        for method in METHODS:
            ranking, _ = rank_candidates(past, seeker, method)
            full = _score(ranking, set(ranking), targets, 10, random=method == "random")
            assert fast[method] == full, (seeker, method)
            compared += 1
    assert compared >= 5 * len(METHODS)


def test_backtest_finds_the_tie_communities_once(sample, monkeypatch):
    import importlib

    suggest_module = importlib.import_module("netgraph.suggest")
    calls = []
    real = suggest_module._find_tie_communities
    monkeypatch.setattr(
        suggest_module, "_find_tie_communities", lambda net, p: calls.append(net) or real(net, p)
    )
    runs = backtest_runs(sample, methods=["suggest"], max_seekers=6, progress=False)
    assert runs["cut"].nunique() > 1
    # found on the network as of the earliest cut, and only there
    assert len(calls) == 1 and calls[0].as_of_date == runs["cut"].min()


@pytest.mark.parametrize("people", [50, 6000])  # the drawn list, and rejection sampling
def test_sample_non_neighbours_are_outside_near_uniform_and_seeded(people):
    import numpy as np

    from netgraph.evaluate import _sample_non_neighbours

    everyone = np.arange(people)
    near = set(range(0, people, 2))  # every even id: the seeker and their neighbours
    draw = _sample_non_neighbours(np.random.default_rng(3), everyone, near, 4000)
    assert len(draw) == 4000
    assert not near & set(draw)
    again = _sample_non_neighbours(np.random.default_rng(3), everyone, near, 4000)
    assert list(map(int, draw)) == list(map(int, again))
    # uniform over the odd ids: each half of them gets about half of the draws
    low = sum(1 for p in draw if p < people // 2)
    assert abs(low / 4000 - 0.5) < 0.05


def test_sample_non_neighbours_of_someone_who_knows_everyone_is_empty():
    import numpy as np

    from netgraph.evaluate import _sample_non_neighbours

    assert _sample_non_neighbours(np.random.default_rng(0), np.arange(4), {0, 1, 2, 3}, 3) == []
