"""How fast ``ng.brokers`` is at scale: the first call without a snapshot, and from one.

Run (from the repository root)::

    python -m benchmarks.brokers_speed --sizes 100000
    python -m benchmarks.brokers_speed --sizes 1000000      # several GiB, minutes

Per size, on the data set :mod:`benchmarks.run` generates with the committed generator
(and reuses while the generator is unchanged), three fresh processes, each under
:func:`benchmarks.run._subprocess`'s time and memory limits:

* *cold*: ``NETGRAPH_CACHE=0``; ``ng.load(folder)``, then ``ng.brokers(net)`` timed
  (wall and CPU seconds, the seconds of each stage from ``frame.attrs["seconds"]``,
  peak resident memory of the process);
* *build*: an empty ``NETGRAPH_CACHE_DIR``; ``ng.load`` and ``ng.brokers`` write the
  snapshot, with every stage of ``ng.brokers`` that does not depend on an argument;
* *snapshot*: the same again in a new process: ``ng.load`` reads the snapshot and
  ``ng.brokers`` finds its stages there.

The machine may be shared, so each process records the load average when it starts
and ends (:func:`benchmarks.cli._load_average`). Targets (issue 16): the cold first
call <= 10 s at 100,000 people and <= 2 min at 1,000,000. The raw results go to
``benchmarks/brokers_speed.json`` (sizes not measured this time are kept) and the
section between the ``brokers-benchmark`` markers of ``benchmarks/results.md``
(kept there by :mod:`benchmarks.run`); a missed target is explained by the stages
that took the time.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.cli import _load_average, write_section
from benchmarks.run import (
    BROKERS_BEGIN,
    BROKERS_END,
    HERE,
    _dataset,
    _fmt_s,
    _gib,
    _machine,
    _peak_gib,
    _subprocess,
    _verdict,
)

#: Cold first-call targets in seconds, by number of people (issue 16, item 3).
TARGETS = {100_000: 10.0, 1_000_000: 120.0}
MODULE = "benchmarks.brokers_speed"


def work(folder: Path) -> dict:
    """Load ``folder`` and time one ``ng.brokers`` call (this process's cache settings)."""
    import netgraph as ng

    start_load = _load_average()
    t = time.perf_counter()
    net = ng.load(folder)
    load = time.perf_counter() - t
    # the stages found in the snapshot (kept under the research view's prefix)
    kept = sorted(name for name in net._memo if "bridges." in name)
    cpu, t = time.process_time(), time.perf_counter()
    table = ng.brokers(net, progress=False)
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    return {
        "people": len(net.people),
        "load_s": load,
        "brokers_s": wall,
        "brokers_cpu_s": cpu,
        "stages": dict(table.attrs.get("seconds", {})),
        "stages_cpu": dict(table.attrs.get("cpu_seconds", {})),
        "stages_in_snapshot": kept,
        "rows": len(table),
        "method": str(table["betweenness_method"].iloc[0]) if len(table) else "",
        "peak_gib": _peak_gib(),
        "load_average": [start_load, _load_average()],
    }


def measure(
    folder: Path,
    timeout: float,
    memory_gib: float,
    on_run: Callable[[dict], None] | None = None,
) -> dict:
    """The cold, build and snapshot processes for one data folder.

    ``on_run`` is called with the results so far after each process (so a long run
    that is stopped keeps what it measured).
    """
    argv = ["--worker", "--data", str(folder)]
    out: dict = {}

    def run(name: str, env: dict[str, str]) -> None:
        out[name] = _subprocess(argv, timeout, memory_gib, module=MODULE, env=env)
        if on_run is not None:
            on_run(dict(out))

    run("cold", {"NETGRAPH_CACHE": "0"})
    with tempfile.TemporaryDirectory(prefix="ng-brokers-cache-") as cache:
        env = {"NETGRAPH_CACHE": "1", "NETGRAPH_CACHE_DIR": cache}
        run("build", env)
        run("snapshot", env)
    return out


def _stages(run: dict, top: int) -> str:
    """The ``top`` slowest stages by CPU time (wall time when not recorded), as text."""
    cpu = run.get("stages_cpu") or {}
    wall = run.get("stages", {})
    key = cpu if cpu else wall
    names = sorted(key, key=lambda k: -key[k])[:top]
    if cpu:
        return ", ".join(f"{k} {_fmt_s(cpu[k])} CPU ({_fmt_s(wall.get(k))} wall)" for k in names)
    return ", ".join(f"{k} {_fmt_s(wall[k])}" for k in names)


def _why(run: dict, target: float) -> str:
    """The measured reason a cold call missed its target: the stages that took the time."""
    top = _stages(run, 4)
    wall, cpu = run["brokers_s"], run["brokers_cpu_s"]
    busy = (
        f"; CPU {_fmt_s(cpu)} of {_fmt_s(wall)} wall (the rest: waiting for the shared CPUs)"
        if cpu < 0.8 * wall
        else ""
    )
    return f"{_fmt_s(wall)} > {_fmt_s(target)}: {top}{busy}"


def report(results: dict) -> str:
    """The ``ng.brokers`` section of ``benchmarks/results.md`` (markers included)."""
    lines = [
        BROKERS_BEGIN,
        "## `ng.brokers` at scale, cold and from the snapshot (issue 16)",
        "",
        f"Written by `python -m {MODULE}` (see its docstring) on {results['machine']}. "
        "Each row is a fresh process: *cold* with `NETGRAPH_CACHE=0` (load the CSV "
        "files, then the first `ng.brokers` call, every stage computed); *snapshot* after "
        "another process built the snapshot (load from it, then `ng.brokers` reading its "
        "stages). Load averages (1, 5, 15 min) at the start and end of each process: the "
        "machine is shared, so read wall times as upper bounds and compare CPU times.",
        "",
        "| people | when | run | load | `ng.brokers` | CPU | peak | load average | "
        "slowest stages |",
        "|---:|---|---|---:|---:|---:|---:|---|---|",
    ]
    verdicts = []
    for size in sorted(results["sizes"], key=int):
        entry = results["sizes"][size]
        for run in ("cold", "snapshot"):
            r = entry.get(run, {"error": "not measured (the run was stopped)"})
            if "error" in r:
                lines.append(
                    f"| {int(size):,} | {entry['when']} | {run} | {r['error']} | | | | | |"
                )
                continue
            lines.append(
                f"| {int(size):,} | {entry['when']} | {run} | {_fmt_s(r['load_s'])} | "
                f"{_fmt_s(r['brokers_s'])} | {_fmt_s(r['brokers_cpu_s'])} | "
                f"{_gib(r['peak_gib'])} | {' / '.join(r['load_average'])} | "
                f"{_stages(r, 3)} |"
            )
        target = TARGETS.get(int(size))
        cold = entry.get("cold", {"error": "not measured (the run was stopped)"})
        if target is not None:
            ok = None if "error" in cold else cold["brokers_s"] <= target
            measured = cold.get("error") or _fmt_s(cold["brokers_s"])
            why = "" if ok or ok is None else _why(cold, target)
            verdicts.append(
                f"| cold first call <= {_fmt_s(target)} at {int(size):,} people | {measured} | "
                f"{_verdict(ok)} | {why} |"
            )
    lines += [
        "",
        "| target (issue 16, item 3) | measured | verdict | why (measured) |",
        "|---|---:|---|---|",
        *verdicts,
        "",
        "Data: "
        + "; ".join(
            f"{int(n):,} people `{' '.join(results['sizes'][n]['command'])}`"
            for n in sorted(results["sizes"], key=int)
        )
        + ".",
        BROKERS_END,
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with ``--worker``, one measurement); return an exit code."""
    p = argparse.ArgumentParser(prog=f"python -m {MODULE}", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    p.add_argument("--seed", type=int, default=7, help="seed of the generated data")
    p.add_argument("--data-dir", type=Path, default=HERE / "data")
    p.add_argument("--out", type=Path, default=HERE / "results.md")
    p.add_argument("--timeout", type=float, default=1800, help="seconds per process")
    p.add_argument("--memory-gib", type=float, default=18, help="address-space limit")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        print(json.dumps(work(args.data)))
        return 0
    raw = HERE / "brokers_speed.json"
    machine = _machine()
    results = {"machine": machine, "sizes": {}}
    if raw.is_file():
        old = json.loads(raw.read_text())
        if old.get("machine") == machine:
            results["sizes"] = {k: v for k, v in old["sizes"].items() if int(k) not in args.sizes}
    for size in args.sizes:
        folder, meta = _dataset(size, args.data_dir, args.seed)
        print(f"[{size:,}] {folder}", file=sys.stderr)
        entry = {
            "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "command": meta["command"],
        }

        def save(runs: dict, size: int = size, entry: dict = entry) -> None:
            entry.update(runs)
            results["sizes"][str(size)] = entry
            name = list(runs)[-1]
            got = runs[name]
            print(
                f"[{size:,}] {name}: {got.get('error') or _fmt_s(got['brokers_s'])}",
                file=sys.stderr,
            )
            raw.write_text(json.dumps(results, indent=1) + "\n")
            write_section(args.out, report(results), begin=BROKERS_BEGIN, end=BROKERS_END)

        measure(folder, args.timeout, args.memory_gib, on_run=save)
    print(f"wrote {args.out} and {raw}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
