"""How fast the fitted ranking is: the fit once per network, then ``ng.suggest`` per seeker.

Run (from the repository root)::

    python -m benchmarks.suggest_speed --sizes 100000 1000000

Data sets are generated with the committed generator (as :mod:`benchmarks.run` does:
``python -m netgraph generate --people N --seed 7``, the command recorded). Each size is
measured in a fresh process (so the peak memory is its own), with the cache off:
loading the folder, fitting the ranking (:func:`netgraph._ranker.fitted_ranker`), the
first ``ng.suggest`` (which builds the per-network indexes: public graph, evidence index,
tie-graph communities), and the warm per-seeker ``ng.suggest`` (median over 5 seeded
seekers x 3 calls, after one warm-up call each). Beside it, in the same process and for
the same seekers, the plain networkx alternative: ``nx.adamic_adar_index`` over the
seeker's two-hop candidates, on the seeker's radius-2 ball (which holds every common
contact with its full degree). Targets (issue 14): warm ``ng.suggest`` <= 20 ms at
100,000 people and <= 100 ms at 1,000,000; the fit <= 30 s and <= 3 min. Writes
``benchmarks/suggest_speed.json`` and its section of ``benchmarks/results.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
BEGIN, END = "<!-- suggest-speed:begin -->", "<!-- suggest-speed:end -->"
#: people -> (warm ng.suggest ms, fit s)
TARGETS = {100_000: (20.0, 30.0), 1_000_000: (100.0, 180.0)}


def measure(folder: str, seekers: int = 5, repeat: int = 3) -> dict:
    """Time loading, fitting, the first and the warm ``ng.suggest`` on one data folder."""
    import networkx as nx

    import netgraph as ng
    from netgraph._fast import ego_graph
    from netgraph._ranker import fitted_ranker

    t = time.perf_counter()
    net = ng.load(folder, cache=False)
    assert len(net.csr)  # the compute view is part of loading
    load = time.perf_counter() - t
    t = time.perf_counter()
    model = fitted_ranker(net, progress=False)
    fit = time.perf_counter() - t
    rng = np.random.default_rng(0)
    chosen = [net.seekers[i] for i in rng.choice(len(net.seekers), seekers, replace=False)]
    t = time.perf_counter()
    ng.suggest(net, chosen[0])
    first = time.perf_counter() - t
    times, nx_times = [], []
    for s in chosen:
        ng.suggest(net, s)
        for _ in range(repeat):
            t = time.perf_counter()
            ng.suggest(net, s)
            times.append(time.perf_counter() - t)
        ball = ego_graph(net, s, 2)
        pairs = [(s, c) for c in ball if c != s and not ball.has_edge(s, c)]
        for _ in range(repeat):
            t = time.perf_counter()
            sum(1 for _ in nx.adamic_adar_index(ball, pairs))
            nx_times.append(time.perf_counter() - t)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "people": len(net.people),
        "edges": len(net.csr.indices) // 2,
        "load_s": round(load, 2),
        "fit_s": round(fit, 2),
        "fit_source": model.source,
        "fit_positives": model.positives,
        "first_suggest_s": round(first, 2),
        "warm_suggest_ms": round(1000 * statistics.median(times), 1),
        "warm_suggest_min_ms": round(1000 * min(times), 1),
        "nx_adamic_adar_ms": round(1000 * statistics.median(nx_times), 1),
        "peak_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2, 2),
        "load_average": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
    }


def report(rows: list[dict]) -> str:
    """The section of ``benchmarks/results.md`` (between the markers)."""
    lines = [
        BEGIN,
        "## The fitted ranking: fit and per-seeker `ng.suggest` (issue 14)",
        "",
        "Written by `python -m benchmarks.suggest_speed` (see its docstring): one fresh "
        "process per size, cache off. *networkx AA* is the plain alternative on the same "
        "seekers: `nx.adamic_adar_index` over the two-hop candidates on the seeker's "
        "radius-2 ball (it scores one signal and names no introducer; `ng.suggest` fits 17 "
        "features, re-ranks for introducer load and writes the reasons).",
        "",
        "| people | edges | load | fit | first `ng.suggest` | warm `ng.suggest` (median / min) "
        "| networkx AA | peak | load average | data |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    verdicts = []
    for r in rows:
        lines.append(
            f"| {r['people']:,} | {r['edges']:,} | {r['load_s']:.1f} s | {r['fit_s']:.1f} s | "
            f"{r['first_suggest_s']:.1f} s | {r['warm_suggest_ms']:.1f} / "
            f"{r['warm_suggest_min_ms']:.1f} ms | {r['nx_adamic_adar_ms']:.1f} ms | "
            f"{r['peak_gib']:.2f} GiB | {r['load_average']} | `{' '.join(r['command'])}` |"
        )
        warm_max, fit_max = TARGETS.get(r["people"], (None, None))
        if warm_max is None:
            continue
        for what, got, limit, unit in (
            ("warm `ng.suggest`", r["warm_suggest_ms"], warm_max, "ms"),
            ("fit", r["fit_s"], fit_max, "s"),
        ):
            ok = "met" if got <= limit else "**missed**"
            verdicts.append(
                f"| {what} <= {limit:g} {unit} at {r['people']:,} people | {got:g} {unit} | {ok} |"
            )
    if verdicts:
        lines += ["", "| target (issue 14) | measured | verdict |", "|---|---:|---|", *verdicts]
    lines.append(END)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure each size in a fresh process; write the JSON and the results.md section."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.suggest_speed")
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    p.add_argument("--seed", type=int, default=7, help="seed of the generated data")
    p.add_argument("--data-dir", type=Path, default=HERE / "data")
    p.add_argument("--one", help=argparse.SUPPRESS)  # the child process: one folder
    args = p.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    from benchmarks.run import _dataset

    path = HERE / "suggest_speed.json"
    old = json.loads(path.read_text()) if path.exists() else []
    rows = {r["people"]: r for r in old if "command" in r}
    for size in args.sizes:
        folder, meta = _dataset(size, args.data_dir, args.seed)
        proc = subprocess.run(
            [sys.executable, "-m", "benchmarks.suggest_speed", "--one", str(folder)],
            cwd=HERE.parent, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
            return 1
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row["command"] = meta["command"]
        rows[size] = row
        print(json.dumps(row), file=sys.stderr)
    ordered = [rows[k] for k in sorted(rows)]
    path.write_text(json.dumps(ordered, indent=1) + "\n")
    from benchmarks.cli import write_section

    write_section(HERE / "results.md", report(ordered), begin=BEGIN, end=END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
