"""How fast the fitted ranking is: the fit once per network, then ``ng.suggest`` per seeker.

Run (from the repository root; data from ``python -m netgraph generate``)::

    python -m netgraph generate --people 100000 --seed 7 --out /tmp/gen100k
    python -m benchmarks.suggest_speed /tmp/gen100k

Measures, in one process: loading the folder, fitting the ranking
(:func:`netgraph._ranker.fitted_ranker`), the first ``ng.suggest`` (which builds the
per-network indexes: public graph, evidence index, tie-graph communities), and the
warm per-seeker ``ng.suggest`` (median over 5 seeded seekers x 3 calls, after one
warm-up call each). Targets (issue 14): warm ``ng.suggest`` <= 20 ms and the fit <= 30 s
at 100,000 people. Appends a row to ``benchmarks/suggest_speed.json`` and rewrites
``benchmarks/suggest_speed.md``.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def measure(folder: str, seekers: int = 5, repeat: int = 3) -> dict:
    import netgraph as ng
    from netgraph._ranker import fitted_ranker

    t = time.perf_counter()
    net = ng.load(folder)
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
    times = []
    for s in chosen:
        ng.suggest(net, s)
        for _ in range(repeat):
            t = time.perf_counter()
            ng.suggest(net, s)
            times.append(time.perf_counter() - t)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": str(folder),
        "people": len(net.people),
        "edges": len(net.csr.indices) // 2,
        "load_s": round(load, 2),
        "fit_s": round(fit, 2),
        "fit_source": model.source,
        "fit_positives": model.positives,
        "first_suggest_s": round(first, 2),
        "warm_suggest_ms": round(1000 * statistics.median(times), 1),
        "warm_suggest_min_ms": round(1000 * min(times), 1),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__)
        return 2
    row = measure(args[0])
    path = HERE / "suggest_speed.json"
    rows = json.loads(path.read_text()) if path.exists() else []
    rows.append(row)
    path.write_text(json.dumps(rows, indent=1) + "\n")
    lines = [
        "# Fitted ranking: speed",
        "",
        "Written by `python -m benchmarks.suggest_speed DIR` (see its docstring). Targets at "
        "100,000 people: warm `ng.suggest` <= 20 ms, fit <= 30 s.",
        "",
        "| when | people | edges | load s | fit s | first suggest s | warm suggest ms "
        "(median / min) | machine |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['when']} | {r['people']:,} | {r['edges']:,} | {r['load_s']} | {r['fit_s']} | "
            f"{r['first_suggest_s']} | {r['warm_suggest_ms']} / {r['warm_suggest_min_ms']} | "
            f"{r['machine']} |"
        )
    (HERE / "suggest_speed.md").write_text("\n".join(lines) + "\n")
    print(json.dumps(row, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
