"""The dev-network quality benchmark (benchmarks/quality.py) and the README it writes."""

import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks import quality

ROOT = Path(__file__).resolve().parents[1]


def test_readme_quality_tables_match_the_stored_results():
    data = json.loads((ROOT / "benchmarks" / "quality.json").read_text())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = quality.render_readme(data)
    assert block in readme, "README drifted: run python -m benchmarks.quality --readme"


def test_stored_results_meet_the_issue_targets():
    data = json.loads((ROOT / "benchmarks" / "quality.json").read_text())
    default = [r for r in data["summary"] if r["method"] == "default"]
    assert {r["network"] for r in default} == set(quality.NETS)
    assert all(r["ratio"] >= 1.0 for r in default)


def test_split_hides_a_tenth_and_seekers_lost_an_edge():
    edges = np.array([(i, j) for i in range(30) for j in range(i + 1, 30) if (i + j) % 3 == 0])
    train, lost, seekers = quality.split(edges, seed=4)
    assert len(edges) - len(train) == round(0.1 * len(edges))
    assert seekers == sorted(seekers) and len(seekers) <= quality.MAX_SEEKERS
    hidden = {tuple(e) for e in edges.tolist()} - {tuple(e) for e in train.tolist()}
    for s in seekers:
        assert lost[s] == {b for a, b in hidden if a == s} | {a for a, b in hidden if b == s}
    again = quality.split(edges, seed=4)
    assert again[2] == seekers


@pytest.mark.parametrize(
    ("top", "hidden", "want"),
    [([1, 2, 3], {1, 5}, 0.5), ([1, 2], {1, 2}, 1.0), (list(range(10)), set(range(20)), 1.0)],
)
def test_recall_is_over_min_of_k_and_hidden(top, hidden, want):
    assert quality.recall_at_k(top, hidden) == want


def test_render_and_write_readme(tmp_path):
    row = {"people": 10, "edges": 20, "seeds": 1, "recall_sd": 0.0, "ratio_min": 1.1}
    summary = [
        {**row, "network": "n", "method": m, "recall_at_10": v, "ratio": v / 0.4, "auc": a}
        for m, v, a in [
            ("default", 0.44, 0.91),
            ("explore", 0.40, 0.9),
            ("fit_only", 0.45, 0.92),
            ("adamic_adar", 0.38, 0.85),
            ("resource_allocation", 0.40, 0.8504),
        ]
    ]
    data = {"seeds": [0], "summary": summary}
    block = quality.render_readme(data)
    for line in [
        "| n | 10 | 20 | 1 | netgraph (default) | 0.440 | 0.910 | 1.10x (1.10x) | 2.2% |",
        "| n | 10 | 20 | 1 | `--explore` | 0.400 | 0.900 | 1.00x (1.10x) | 11.1% |",
        "| n | 10 | 20 | 1 | fitted ranking alone | 0.450 | 0.920 | 1.12x (1.10x) |  |",
        "| n | 10 | 20 | 1 | Adamic-Adar | 0.380 | 0.850 | 0.95x (1.10x) |  |",
        "| n | 10 | 20 | 1 | resource allocation | 0.400 | 0.850 | 1.00x (1.10x) |  |",
    ]:
        assert line in block.splitlines()
    assert "at most 2.2% on any dev network" in block
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{quality.START}\nold\n{quality.END}\nrest\n")
    quality.write_readme(data, readme)
    text = readme.read_text()
    assert text.startswith("intro\n") and text.endswith("\nrest\n") and "old" not in text
    assert block in text


# ------------------------------------------------------------------ the AUC
def _tiny_devnet(folder: Path, name: str = "caltech36") -> Path:
    """Zachary's karate club written as a dev network (the devnets' CSV layout)."""
    import networkx as nx

    g = nx.karate_club_graph()
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["id,status,gender,major,second_major,dorm,year,high_school"]
    rows += [f"{i},{1 + i % 2},0,{i % 4},0,{i % 3},{2004 + i % 2},0" for i in g.nodes]
    (folder / f"{name}_nodes.csv").write_text("\n".join(rows) + "\n")
    edges = ["source,target"] + [f"{a},{b}" for a, b in sorted(g.edges)]
    (folder / f"{name}_edges.csv").write_text("\n".join(edges) + "\n")
    return folder


def test_non_edges_are_non_neighbours_one_per_hidden_edge_and_keep_the_split():
    edges = np.array([(i, j) for i in range(30) for j in range(i + 1, 30) if (i + j) % 3 == 0])
    before = quality.split(edges, seed=2)
    _, lost, seekers = quality.split(edges, seed=2)
    neg = quality.non_edges(list(range(30)), edges, lost, seekers, seed=2)
    full = {tuple(e) for e in edges.tolist()}
    assert set(neg) == set(seekers)
    for u in seekers:
        assert len(neg[u]) == len(lost[u])
        assert all(x != u and (min(u, x), max(u, x)) not in full for x in neg[u])
    assert neg == quality.non_edges(list(range(30)), edges, lost, seekers, seed=2)
    assert quality.split(edges, seed=2)[2] == before[2]  # the negatives draw apart


def test_dev_network_runs_have_the_shared_auc_in_the_tables(tmp_path, monkeypatch):
    import functools

    import networkx as nx

    from netgraph import evaluate

    folder = _tiny_devnet(tmp_path / "devnets")
    monkeypatch.setattr(quality, "read_net", functools.partial(quality.read_net, folder=folder))
    calls = []

    def spy(pos, neg):
        calls.append((list(pos), list(neg), evaluate._auc(pos, neg)))
        return calls[-1][2]

    monkeypatch.setattr(quality, "_auc", spy)
    methods = ["default", "explore", "fit_only", "model", *quality.BASELINES]
    rows = quality.run_one("caltech36", 0, methods, lambda s: None)
    assert [r["method"] for r in rows] == methods
    assert [r["auc"] for r in rows] == [c[2] for c in calls]  # each from netgraph's _auc
    assert all(0 <= r["auc"] <= 1 for r in rows)
    for r in rows:  # the full ranking scored is the one whose top 10 was measured
        assert r["full_ranking_top_agrees"] == (None if r["method"] in quality.BASELINES else 1)

    # Adamic-Adar by hand: each seeker's hidden neighbours, then its sampled non-neighbours
    nodes, edges = quality.read_net("caltech36")
    train, lost, seekers = quality.split(edges, 0)
    neg = quality.non_edges([int(r["id"]) for r in nodes], edges, lost, seekers, 0)
    g = nx.Graph(train.tolist())
    g.add_nodes_from(range(34))
    pos_aa, neg_aa = [], []
    for u in seekers:
        pos_aa += [p for _, _, p in nx.adamic_adar_index(g, [(u, t) for t in sorted(lost[u])])]
        neg_aa += [p for _, _, p in nx.adamic_adar_index(g, [(u, x) for x in neg[u]])]
    aa = next(r for r in rows if r["method"] == "adamic_adar")
    assert aa["auc"] == evaluate._auc(pos_aa, neg_aa)
    assert len(calls[methods.index("adamic_adar")][1]) == sum(len(lost[u]) for u in seekers)

    summary = quality.summarize(rows, methods)
    assert all(s["auc"] == r["auc"] for s, r in zip(summary, rows, strict=True))
    # the AUC column of quality.md and of the README's dev-network table
    md = quality.markdown(summary).splitlines()
    assert md[0].split(" | ")[-1] == "AUC |"
    for line, s in zip(md[2:], summary, strict=True):
        assert line.split(" | ")[-1] == f"{s['auc']:.3f} |"
    block = quality.render_readme({"summary": summary})
    lines = [x for x in block.splitlines() if x.startswith("| caltech36 |")]
    assert len(lines) == len(quality.README_METHODS)
    header = next(x for x in block.splitlines() if x.startswith("| network |")).split(" | ")
    col = header.index("AUC")
    for line, method in zip(lines, quality.README_METHODS, strict=True):
        cell = line.split(" | ")[col]
        want = next(s["auc"] for s in summary if s["method"] == method)
        assert cell == f"{want:.3f}" and 0 <= float(cell) <= 1


def test_stored_dev_network_runs_have_an_auc_in_the_readme():
    data = json.loads((ROOT / "benchmarks" / "quality.json").read_text())
    for r in data["runs"]:
        assert 0 <= r["auc"] <= 1, r
    for s in data["summary"]:
        mine = [r["auc"] for r in data["runs"]
                if r["network"] == s["network"] and r["method"] == s["method"]]  # fmt: skip
        assert s["auc"] == pytest.approx(sum(mine) / len(mine))
    assert "| network | people | edges | seeds | method | recall@10 | AUC | ratio |" in (
        quality.render_readme(data)
    )


def test_dev_network_figures_do_not_depend_on_pythonhashseed(tmp_path):
    import os
    import subprocess
    import sys

    folder = _tiny_devnet(tmp_path / "devnets")
    seen = []
    for seed in ("0", "31"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT),
               "NETGRAPH_DEVNETS": str(folder)}  # fmt: skip
        subprocess.run(
            [sys.executable, "-m", "benchmarks.quality", "--nets", "caltech36", "--seeds", "0",
             "--out", str(out)],
            env=env, cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        runs = json.loads((out / "quality.json").read_text())["runs"]
        seen.append([{k: v for k, v in r.items() if "seconds" not in k} for r in runs])
    assert seen[0] == seen[1]
    assert {r["method"] for r in seen[0]} == set(quality.METHODS)
