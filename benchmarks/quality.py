"""Suggestion quality on real networks: the dev networks' held-out-edge protocol.

Run (from the repository root; the dev networks live in ``../shared/data/devnets``)::

    python -m benchmarks.quality                       # 3 networks x 3 seeds
    python -m benchmarks.quality --nets caltech36 --seeds 0 --methods default adamic_adar

The protocol is the one of ``shared/data/devnets/README.md``, exactly: for each network
and seed, drop 10% of its edges uniformly at random (``numpy.random.default_rng(seed)``);
build a netgraph folder from the remaining 90% (people.csv with ``person_id`` ``n<id>``,
``name`` ``Person <id>``, ``role`` student when status is 1 else alum, ``organization``
``Residence <dorm>``, ``major`` ``Major <major>``, ``grad_year`` the year, 0 as empty;
ties.csv with one ``friend`` tie per edge; no interviews or referrals) and load it with
``ng.load``; pick up to 150 people who lost at least one edge (same generator); for each,
take the top 10 of the ranking under test and score recall@10 = |hidden neighbours in
the top 10| / min(10, |hidden neighbours|); average over the people.

Beside recall@10, each run's ``auc``: for every seeker, each hidden neighbour is paired
with one person drawn at random among the seeker's non-neighbours in the full network
(``numpy.random.default_rng([seed, 1])``, a stream apart from the split's, drawn by
``netgraph.evaluate._sample_non_neighbours``), so as many non-edges as hidden edges;
both are scored by the method's own score for the seeker (someone the method does not
rank scores below everyone it ranks) and the AUC is netgraph's rank-based one
(``netgraph.evaluate._auc``: Mann-Whitney U, a tie counts half, scores rounded to 9
decimals so that no figure depends on summation order or ``PYTHONHASHSEED``): the
definition of ``python -m netgraph evaluate --mode hidden --data DIR``.

Methods: ``default`` (``ng.suggest(net, seeker, top=10)``), ``explore``
(``ng.suggest(..., explore=True)``, when the installed netgraph has it), ``fit_only``
(the fitted ranking without the novelty and introducer re-ranking), and the baselines
``adamic_adar`` and ``resource_allocation``: networkx's indices over the person's
two-hop non-neighbours in the same 90% graph, ties broken by id. The ratio column is
a method's recall@10 over the better baseline's.

Writes ``benchmarks/quality.json`` (every network, seed and method) and
``benchmarks/quality.md`` (the table: means over seeds, with the spread).

Reference: Traud, A. L., Mucha, P. J., and Porter, M. A. (2012). Social structure of
Facebook networks. Physica A 391(16), 4165-4180.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import json
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np

from netgraph.evaluate import _auc, _sample_non_neighbours

HERE = Path(__file__).resolve().parent


def _devnets() -> Path:
    """``$NETGRAPH_DEVNETS``, else the first ``shared/data/devnets`` beside an ancestor."""
    env = os.environ.get("NETGRAPH_DEVNETS")
    if env:
        return Path(env)
    for up in HERE.parents:
        if (up / "shared" / "data" / "devnets").is_dir():
            return up / "shared" / "data" / "devnets"
    return Path("/work/shared/data/devnets")


DEVNETS = _devnets()
NETS = ("caltech36", "haverford76", "oberlin44")
BASELINES = ("adamic_adar", "resource_allocation")
METHODS = ("default", "explore", "fit_only", "model", *BASELINES)
SHARE = 0.1
MAX_SEEKERS = 150
K = 10


# ------------------------------------------------------------------ data
def read_net(name: str, folder: Path = DEVNETS) -> tuple[list[dict], np.ndarray]:
    """Return a dev network's node rows and its edges as an ``(m, 2)`` int array."""
    with (folder / f"{name}_nodes.csv").open(newline="") as f:
        nodes = list(csv.DictReader(f))
    edges = np.loadtxt(folder / f"{name}_edges.csv", delimiter=",", skiprows=1, dtype=np.int64)
    return nodes, edges.reshape(-1, 2)


def split(edges: np.ndarray, seed: int, share: float = SHARE):
    """Hide ``round(share * m)`` edges uniformly at random; pick up to 150 seekers who lost one.

    Returns ``(train_edges, hidden_by_person, seekers)``.
    """
    rng = np.random.default_rng(seed)
    m = len(edges)
    hide = np.zeros(m, dtype=bool)
    hide[rng.choice(m, size=round(share * m), replace=False)] = True
    lost: dict[int, set[int]] = {}
    for a, b in edges[hide].tolist():
        lost.setdefault(a, set()).add(b)
        lost.setdefault(b, set()).add(a)
    people = sorted(lost)
    pick = rng.choice(len(people), size=min(MAX_SEEKERS, len(people)), replace=False)
    seekers = sorted(people[i] for i in pick)
    return edges[~hide], lost, seekers


def write_folder(nodes: list[dict], train: np.ndarray, out: Path) -> Path:
    """Write the dev network's 90% graph as a netgraph folder (the README's mapping)."""
    out.mkdir(parents=True, exist_ok=True)
    cols = ["person_id", "name", "role", "organization", "major", "grad_year"]
    with (out / "people.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for r in nodes:
            w.writerow(
                [
                    f"n{r['id']}",
                    f"Person {r['id']}",
                    "student" if r["status"] == "1" else "alum",
                    "" if r["dorm"] == "0" else f"Residence {r['dorm']}",
                    "" if r["major"] == "0" else f"Major {r['major']}",
                    "" if r["year"] == "0" else r["year"],
                ]
            )
    with (out / "ties.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["person_a", "person_b", "kind"])
        w.writerows([f"n{a}", f"n{b}", "friend"] for a, b in train.tolist())
    for table, header in (
        (
            "interviews.csv",
            "interview_id,seeker_id,contact_id,date,channel,status,"
            "thank_you_sent,follow_up_due,notes",
        ),
        ("referrals.csv", "referral_id,interview_id,referrer_id,seeker_id,referred_id,date,status"),
    ):
        (out / table).write_text(header + "\n")
    return out


def non_edges(
    people: list[int], edges: np.ndarray, lost: dict[int, set[int]], seekers: list[int], seed: int
) -> dict[int, list[int]]:
    """Per seeker, one sampled non-neighbour (in the full network) per hidden neighbour.

    The AUC's negatives (module docstring), from ``default_rng([seed, 1])`` so that the
    split and the seekers stay those drawn by :func:`split`.
    """
    rng = np.random.default_rng([seed, 1])
    everyone = np.array(sorted(people), dtype=np.int64)
    adj: dict[int, set[int]] = {}
    for a, b in edges.tolist():
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    return {
        u: [
            int(x)
            for x in _sample_non_neighbours(rng, everyone, adj.get(u, set()) | {u}, len(lost[u]))
        ]
        for u in seekers
    }


# --------------------------------------------------------------- rankings
def _index(method: str):
    return nx.adamic_adar_index if method == "adamic_adar" else nx.resource_allocation_index


def baseline_top(g: nx.Graph, u: int, method: str, k: int = K) -> list[int]:
    """Top ``k`` two-hop non-neighbours of ``u`` by a networkx index, ties by id."""
    near = set(g[u]) | {u}
    two = sorted({w for v in g[u] for w in g[v]} - near)
    scored = [(-p, w) for _, w, p in _index(method)(g, [(u, w) for w in two])]
    return [w for _, w in sorted(scored)[:k]]


def baseline_scores(g: nx.Graph, u: int, others: list[int], method: str) -> list[float]:
    """The networkx index of ``(u, x)`` for each ``x`` (0 beyond two hops: below every
    two-hop candidate, each of which has a common neighbour)."""
    return [float(p) for _, _, p in _index(method)(g, [(u, x) for x in others])]


def netgraph_scores(net, u: int, method: str) -> tuple[list[int], dict[int, float]]:
    """A netgraph method's full ranking of ``n<u>``'s candidates and their scores.

    ``default``, ``explore`` and ``fit_only``: :func:`netgraph.evaluate.rank_candidates`
    (what ``suggest`` ranks with ``top=None``, the scores the networkx graphs' AUC uses);
    ``model``: the fitted model's probability, as ``netgraph._ranker.rank_rows`` ranks.
    """
    if method == "model":
        from netgraph import _ranker

        s = net.csr.index[f"n{u}"]
        rows, _, x = _ranker.candidate_features(_ranker._tie_graph(net), _ranker._people(net), s)
        score = _ranker.fitted_ranker(net).score(x)
        order = np.lexsort((rows, -score))
        ids = [int(p[1:]) for p in net.csr.ids[rows].tolist()]
        return [ids[i] for i in order.tolist()], dict(zip(ids, score.tolist(), strict=True))
    from netgraph.evaluate import rank_candidates

    name = "explore" if method == "explore" else "suggest"
    weights = {"novelty": 0.0, "load": 0.0} if method == "fit_only" else None
    order, scores = rank_candidates(net, f"n{u}", name, weights=weights)
    return [int(p[1:]) for p in order], {int(p[1:]): v for p, v in scores.items()}


def netgraph_top(net, u: int, method: str, k: int = K) -> list[int]:
    """Top ``k`` of netgraph's ranking for ``n<u>``."""
    import netgraph as ng

    if method == "model":
        from netgraph._ranker import rank_rows

        return [int(p[1:]) for p in rank_rows(net, f"n{u}")[:k]]
    options: dict = {}
    if method == "explore":
        options["explore"] = True
    elif method == "fit_only":
        options["weights"] = {"novelty": 0.0, "load": 0.0}
    table = ng.suggest(net, f"n{u}", top=k, **options)
    return [int(p[1:]) for p in table["person_id"]]


def recall_at_k(top: list[int], hidden: set[int], k: int = K) -> float:
    return len(hidden & set(top[:k])) / min(k, len(hidden))


def run_auc(
    score_of: Callable[[int, list[int]], list[float]],
    seekers: list[int],
    lost: dict[int, set[int]],
    negatives: dict[int, list[int]],
) -> float:
    """AUC of the seekers' hidden neighbours against their sampled non-neighbours.

    ``score_of(u, people)`` is the method's score of each person for seeker ``u``
    (``-inf`` for someone it does not rank); netgraph's :func:`netgraph.evaluate._auc`.
    """
    pos: list[float] = []
    neg: list[float] = []
    for u in seekers:
        pos += score_of(u, sorted(lost[u]))
        neg += score_of(u, negatives[u])
    return _auc(pos, neg)


# --------------------------------------------------------------- the run
def available(methods: list[str]) -> list[str]:
    import netgraph as ng

    if "explore" in methods and "explore" not in inspect.signature(ng.suggest).parameters:
        print("explore: not available in this netgraph; skipped", file=sys.stderr)
        methods = [m for m in methods if m != "explore"]
    return methods


def run_one(name: str, seed: int, methods: list[str], log: Callable[[str], None]) -> list[dict]:
    import netgraph as ng

    nodes, edges = read_net(name)
    train, lost, seekers = split(edges, seed)
    negatives = non_edges([int(r["id"]) for r in nodes], edges, lost, seekers, seed)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        net = ng.load(write_folder(nodes, train, Path(tmp) / name))
        load_s = time.perf_counter() - t
        g = nx.Graph()
        g.add_nodes_from(int(r["id"]) for r in nodes)
        g.add_edges_from(train.tolist())
        for method in methods:
            t = time.perf_counter()
            agree = None
            if method in BASELINES:
                tops = [baseline_top(g, u, method) for u in seekers]
                secs = time.perf_counter() - t
                t = time.perf_counter()

                def score_of(u: int, xs: list[int], method: str = method) -> list[float]:
                    return baseline_scores(g, u, xs, method)

                auc = run_auc(score_of, seekers, lost, negatives)
            else:
                tops = [netgraph_top(net, u, method) for u in seekers]
                secs = time.perf_counter() - t
                t = time.perf_counter()
                full = {u: netgraph_scores(net, u, method) for u in seekers}

                def score_of(u: int, xs: list[int], full=full) -> list[float]:
                    return [full[u][1].get(x, -math.inf) for x in xs]

                auc = run_auc(score_of, seekers, lost, negatives)
                # the full ranking the AUC scores is the one whose top 10 was measured
                agree = statistics.fmean(
                    full[u][0][:K] == top for u, top in zip(seekers, tops, strict=True)
                )
            auc_secs = time.perf_counter() - t
            recalls = [recall_at_k(top, lost[u]) for top, u in zip(tops, seekers, strict=True)]
            rows.append(
                {
                    "network": name,
                    "seed": seed,
                    "method": method,
                    "people": len(nodes),
                    "edges": len(edges),
                    "seekers": len(seekers),
                    "recall_at_10": statistics.fmean(recalls),
                    "auc": auc,
                    "full_ranking_top_agrees": agree,
                    "seconds": secs,
                    "auc_seconds": auc_secs,
                    "load_seconds": load_s,
                }
            )
            log(
                f"{name} seed {seed} {method}: recall@10 {rows[-1]['recall_at_10']:.4f} "
                f"AUC {auc:.4f} ({secs:.1f} s + {auc_secs:.1f} s)"
            )
    return rows


def summarize(rows: list[dict], methods: list[str]) -> list[dict]:
    out = []
    nets = list(dict.fromkeys(r["network"] for r in rows))
    for name in nets:
        mine = [r for r in rows if r["network"] == name]
        seeds = sorted({r["seed"] for r in mine})
        by = {m: [r["recall_at_10"] for r in mine if r["method"] == m] for m in methods}
        aucs = {m: [r["auc"] for r in mine if r["method"] == m and "auc" in r] for m in methods}
        best_base = (
            [
                max(r["recall_at_10"] for r in mine if r["seed"] == s and r["method"] in BASELINES)
                for s in seeds
            ]
            if all(by.get(b) for b in BASELINES)
            else None
        )
        for m in methods:
            if not by.get(m):
                continue
            ratios = [a / b for a, b in zip(by[m], best_base, strict=True)] if best_base else None
            out.append(
                {
                    "network": name,
                    "people": mine[0]["people"],
                    "edges": mine[0]["edges"],
                    "method": m,
                    "seeds": len(by[m]),
                    "recall_at_10": statistics.fmean(by[m]),
                    "recall_sd": statistics.stdev(by[m]) if len(by[m]) > 1 else 0.0,
                    "ratio": statistics.fmean(ratios) if ratios else None,
                    "ratio_min": min(ratios) if ratios else None,
                    # mean over seeds; None for runs stored before the AUC was measured
                    "auc": statistics.fmean(aucs[m]) if len(aucs[m]) == len(by[m]) else None,
                }
            )
    return out


def _num(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def markdown(summary: list[dict]) -> str:
    lines = [
        "| network | people | edges | method | seeds | recall@10 | sd | ratio to better "
        "baseline (min over seeds) | AUC |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in summary:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x ({r['ratio_min']:.2f}x)"
        lines.append(
            f"| {r['network']} | {r['people']:,} | {r['edges']:,} | {r['method']} | "
            f"{r['seeds']} | {r['recall_at_10']:.3f} | {r['recall_sd']:.3f} | {ratio} | "
            f"{_num(r.get('auc'))} |"
        )
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------ the README
README = HERE.parent / "README.md"
START = "<!-- quality tables: written by `python -m benchmarks.quality --readme`; do not edit -->"
END = "<!-- end of quality tables -->"


def networkx_rows(seeds: list[int]) -> list[dict]:
    """The hidden-edge table on networkx's real graphs (default, explore, baselines)."""
    from netgraph.evaluate import hidden_edges

    methods = ["suggest", "explore", "adamic_adar", "resource_allocation"]
    table = hidden_edges(seeds=seeds, methods=methods)
    return [
        {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
        for r in table.to_dict("records")
    ]


def backtest_rows() -> list[dict]:
    """The sample's backtest by date (``python -m netgraph evaluate``)."""
    import netgraph as ng
    from netgraph.evaluate import backtest

    table = backtest(ng.load(), progress=False)
    return [
        {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
        for r in table.to_dict("records")
    ]


#: The dev-network rows of the README, in order, with their labels.
README_METHODS = {
    "default": "netgraph (default)",
    "explore": "`--explore`",
    "fit_only": "fitted ranking alone",
    "adamic_adar": "Adamic-Adar",
    "resource_allocation": "resource allocation",
}


def render_readme(data: dict) -> str:
    """The README's quality tables, from the stored results (``benchmarks/quality.json``)."""
    summary = data["summary"]
    lines = [START, ""]
    lines += [
        "Held-out edges on three real friendship networks (Facebook100: Traud, Mucha and "
        "Porter 2012), the protocol of `benchmarks/quality.py`: 10% of edges hidden, up to "
        "150 people who lost one, recall@10 over min(10, hidden); means over the seeds. "
        "AUC: each seeker's hidden neighbours against as many people drawn at random among "
        "the seeker's non-neighbours, scored by the method for that seeker (rank-based, a tie "
        "counts half; the AUC of `python -m netgraph evaluate --mode hidden --data DIR`). "
        "The ratio is the recall@10 over the better of Adamic-Adar and resource allocation "
        "(lowest seed in brackets); the re-ranking cost compares with the fitted ranking "
        "alone.",
        "",
        "| network | people | edges | seeds | method | recall@10 | AUC | ratio | re-ranking cost |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in dict.fromkeys(r["network"] for r in summary):
        by = {r["method"]: r for r in summary if r["network"] == name}
        fo = by.get("fit_only")
        for method, label in README_METHODS.items():
            r = by.get(method)
            if r is None:
                continue
            cost = ""
            if fo and method in ("default", "explore"):
                cost = f"{1 - r['recall_at_10'] / fo['recall_at_10']:.1%}"
            ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x ({r['ratio_min']:.2f}x)"
            lines.append(
                f"| {name} | {r['people']:,} | {r['edges']:,} | {r['seeds']} | {label} | "
                f"{r['recall_at_10']:.3f} | {_num(r.get('auc'))} | {ratio} | {cost} |"
            )
    costs = []
    for name in dict.fromkeys(r["network"] for r in summary):
        by = {r["method"]: r["recall_at_10"] for r in summary if r["network"] == name}
        if {"default", "fit_only", "explore"} <= set(by):
            costs.append((1 - by["default"] / by["fit_only"], 1 - by["explore"] / by["fit_only"]))
    if costs:
        worst = max(c for c, _ in costs)
        lines += [
            "",
            f"Measured cost of the novelty and introducer re-ranking in recall@10: by default "
            f"at most {worst:.1%} on any dev network (the budget is 2%); `--explore` costs "
            f"{min(e for _, e in costs):.1%} to {max(e for _, e in costs):.1%} for wider reach "
            "(a negative cost is a gain).",
        ]
    if data.get("networkx"):
        lines += [
            "",
            "networkx's real social networks, `python -m netgraph evaluate --mode hidden` "
            "(10% hidden, seeds "
            + ", ".join(str(x) for x in data["seeds_networkx"])
            + "; recall@10 over nodes with a hidden edge; AUC of hidden edges against as "
            "many sampled non-edges):",
            "",
            "| graph | method | recall@10 | sd | AUC |",
            "|---|---|---|---|---|",
        ]
        for r in data["networkx"]:
            lines.append(
                f"| {r['graph']} | {r['method']} | {r['recall_at_k']:.3f} | "
                f"{r['recall_sd']:.3f} | {r['auc']:.3f} |"
            )
    if data.get("backtest"):
        lines += [
            "",
            "The bundled sample's backtest by date (`python -m netgraph evaluate`): each "
            "seeker cut at their middle completed interview, targets the new people they "
            "interviewed afterwards:",
            "",
            "| method | seekers | hit@10 | recall@10 | MRR | lift |",
            "|---|---|---|---|---|---|",
        ]
        for r in data["backtest"]:
            lines.append(
                f"| {r['method']} | {r['seekers']} | {r['hit_at_k']:.3f} | "
                f"{r['recall_at_k']:.3f} | {r['mrr']:.3f} | {r['lift']:.2f} |"
            )
    lines += ["", END]
    return "\n".join(lines)


def write_readme(data: dict, readme: Path = README) -> None:
    """Replace the README's quality tables (between the markers) with ``data``'s."""
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme} has no quality-table markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    tmp = readme.with_suffix(".md.tmp")
    tmp.write_text(head + render_readme(data) + tail, encoding="utf-8")
    tmp.replace(readme)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--nets", nargs="+", default=list(NETS), choices=NETS)
    p.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    p.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    p.add_argument("--out", type=Path, default=HERE, help="folder for quality.json / .md")
    p.add_argument(
        "--reuse",
        type=Path,
        default=None,
        metavar="JSON",
        help="take the dev-network runs from this quality.json instead of running them",
    )
    p.add_argument(
        "--readme",
        action="store_true",
        help="also run networkx's graphs and the sample's backtest, and write the tables "
        "into README.md",
    )
    args = p.parse_args(argv)
    methods = available(args.methods)
    rows = []
    if args.reuse:
        old = json.loads(args.reuse.read_text())
        rows = old["runs"]
        args.seeds = sorted({r["seed"] for r in rows})
        methods = list(dict.fromkeys(r["method"] for r in rows))
    else:
        for name in args.nets:
            for seed in args.seeds:
                rows += run_one(
                    name, seed, methods, lambda s: print(s, file=sys.stderr, flush=True)
                )
    summary = summarize(rows, methods)
    table = markdown(summary)
    args.out.mkdir(parents=True, exist_ok=True)
    data = {"protocol": "devnets", "seeds": args.seeds, "runs": rows, "summary": summary}
    if args.readme:
        data["seeds_networkx"] = list(range(5))
        data["networkx"] = networkx_rows(data["seeds_networkx"])
        data["backtest"] = backtest_rows()
    (args.out / "quality.json").write_text(json.dumps(data, indent=1) + "\n")
    if args.readme:
        write_readme(data)
    (args.out / "quality.md").write_text(
        "# Suggestion quality on the dev networks\n\n"
        "Written by `python -m benchmarks.quality "
        + " ".join(sys.argv[1:] if argv is None else argv)
        + "`; protocol in the module docstring (held-out edges, 10% hidden, up to 150 "
        "seekers, recall@10 over min(10, hidden)).\n\n" + table
    )
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
