"""End-to-end CLI runs, cold and warm, with peak memory, beside the import floor.

Run (from the repository root)::

    python -m benchmarks.cli --sizes 10000 100000 --repeat 3

For each size, the data set is generated with the committed generator
(:func:`benchmarks.run._dataset`: regenerated whenever the generator changes; the
exact command is recorded). Then, each in a fresh interpreter, as a user would type
them:

* the floor: ``python -c "import pandas, networkx"``;
* ``suggest --top 5``, ``reach``, ``bridges`` and ``followups`` for one seeker (the
  seeker of the first interview): **cold**, with an empty cache directory (reading and
  validating the CSV files, building everything, writing the snapshot), and **warm**,
  with the snapshot the cold run wrote (``NETGRAPH_CACHE_DIR`` points each command at
  its own cache directory).

Wall time is the median of ``--repeat`` runs; peak memory is the largest maximum
resident set of those runs (``wait4``'s ``ru_maxrss`` of that very process). The
results replace the CLI section of ``benchmarks/results.md`` (between the
``cli-benchmark`` markers; :mod:`benchmarks.run` keeps it) and are kept raw in
``benchmarks/cli.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.run import CLI_BEGIN, CLI_END, HERE, _dataset, _machine

COMMANDS = ("suggest", "reach", "bridges", "followups")
#: size: {command: (cold s, warm s, cold peak GiB, warm peak GiB)} (issue 16; None: no target)
TARGETS = {
    100_000: {"suggest": (8.0, 1.5, None, None)},
    1_000_000: {"suggest": (90.0, 6.0, 8.0, 3.0)},
}


def _run(
    argv: list[str], env: dict[str, str], *, stdout: Path | None = None
) -> tuple[float, float, float]:
    """Run one process; return its wall seconds, peak resident memory (GiB) and CPU seconds.

    CPU time (user + system, of that process) is less affected than wall time when the
    machine is shared. ``stdout``: a file to keep the process's output in (else dropped).
    """
    start = time.perf_counter()
    sink = stdout.open("wb") if stdout is not None else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(argv, env=env, stdout=sink, stderr=subprocess.PIPE, cwd=HERE.parent)
    finally:
        if stdout is not None:
            sink.close()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {err.strip()[-500:]}")
    return seconds, usage.ru_maxrss / 1024**2, usage.ru_utime + usage.ru_stime


def _first_seeker(folder: Path) -> str:
    with (folder / "interviews.csv").open(newline="", encoding="utf-8") as fh:
        return next(csv.DictReader(fh))["seeker_id"]


def measure(folder: Path, repeat: int) -> dict:
    """Measure the floor and each command cold and warm on one data folder."""
    base_env = {**os.environ, "NETGRAPH_PROGRESS": "0"}
    base_env.pop("NETGRAPH_CACHE", None)
    seeker = _first_seeker(folder)
    out: dict = {"seeker": seeker, "commands": {}}
    floor = [
        _run([sys.executable, "-c", "import pandas, networkx"], base_env) for _ in range(repeat)
    ]
    out["floor"] = {
        "command": 'python -c "import pandas, networkx"',
        "median": statistics.median(t for t, _, _ in floor),
        "cpu": statistics.median(c for _, _, c in floor),
        "peak_gib": max(m for _, m, _ in floor),
    }
    for name in COMMANDS:
        extra = ["--top", "5"] if name == "suggest" else []
        args = [name, "--data", str(folder), "--seeker", seeker, *extra]
        cold, warm = [], []
        for _ in range(repeat):
            cache = Path(tempfile.mkdtemp(prefix="ng-bench-cache-"))
            env = {**base_env, "NETGRAPH_CACHE_DIR": str(cache)}
            try:
                cold.append(_run([sys.executable, "-m", "netgraph", *args], env))
                warm.append(_run([sys.executable, "-m", "netgraph", *args], env))
            finally:
                shutil.rmtree(cache, ignore_errors=True)
        out["commands"][name] = {
            "command": "python -m netgraph " + " ".join(args),
            "cold": statistics.median(t for t, _, _ in cold),
            "cold_cpu": statistics.median(c for _, _, c in cold),
            "cold_peak_gib": max(m for _, m, _ in cold),
            "warm": statistics.median(t for t, _, _ in warm),
            "warm_cpu": statistics.median(c for _, _, c in warm),
            "warm_peak_gib": max(m for _, m, _ in warm),
            "runs": {"cold": cold, "warm": warm},
        }
        print(f"  {name}: cold {out['commands'][name]['cold']:.2f} s, "
              f"warm {out['commands'][name]['warm']:.2f} s", file=sys.stderr)  # fmt: skip
    return out


def _load_average() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on this platform
        return "?"


def report(results: dict) -> str:
    """The markdown section (between the markers) for ``benchmarks/results.md``."""
    lines = [
        CLI_BEGIN,
        "## The CLI end to end, cold and warm (issue 16)",
        "",
        f"Measured {results['when']} by `python -m benchmarks.cli {' '.join(results['argv'])}` "
        f"on {results['machine']}; load average at the start {results['load_average']} "
        "(the machine is shared: read wall times as upper bounds).",
        "",
        "*Cold*: an empty cache directory (read and validate the CSV files, build, write "
        "the snapshot). *Warm*: the same command again, reading the snapshot. Each a fresh "
        "`python -m netgraph` process; medians of "
        f"{results['repeat']} runs; peak = largest maximum resident set of those runs.",
        "",
        "| people | command | cold | cold CPU | cold peak | warm | warm CPU | warm peak "
        "| warm / floor |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    for size in sorted(results["sizes"], key=int):
        r = results["sizes"][size]
        floor = r["floor"]["median"]
        lines.append(
            f"| {int(size):,} | floor: `{r['floor']['command']}` | | | | {floor:.2f} s | "
            f"{r['floor']['cpu']:.2f} s | {r['floor']['peak_gib']:.2f} GiB | 1.0x |"
        )
        for name, c in r["commands"].items():
            lines.append(
                f"| {int(size):,} | `{name}` | {c['cold']:.2f} s | {c['cold_cpu']:.2f} s | "
                f"{c['cold_peak_gib']:.2f} GiB | {c['warm']:.2f} s | {c['warm_cpu']:.2f} s | "
                f"{c['warm_peak_gib']:.2f} GiB | {c['warm'] / floor:.1f}x |"
            )
            for cmd, limits in TARGETS.get(int(size), {}).items():
                if cmd != name:
                    continue
                got_all = (c["cold"], c["warm"], c["cold_peak_gib"], c["warm_peak_gib"])
                whats = ("cold", "warm", "cold peak of", "warm peak of")
                units = ("s", "s", "GiB", "GiB")
                for what, got, limit, unit in zip(whats, got_all, limits, units, strict=True):
                    if limit is None:
                        continue
                    ok = "met" if got <= limit else "**missed**"
                    verdicts.append(
                        f"| {what} `{name}` <= {limit:g} {unit} at {int(size):,} people | "
                        f"{got:.2f} {unit} | {ok} |"
                    )
    lines += ["", "Commands (seeker: the first interview's):", ""]
    for size in sorted(results["sizes"], key=int):
        r = results["sizes"][size]
        lines.append(f"* {int(size):,} people, data: `{' '.join(r['generate']['command'])}`")
        lines += [f"  * `{c['command']}`" for c in r["commands"].values()]
    if verdicts:
        lines += ["", "| target (issue 16) | measured | verdict |", "|---|---:|---|", *verdicts]
    lines.append(CLI_END)
    return "\n".join(lines)


def write_section(
    results_md: Path, section: str, *, begin: str = CLI_BEGIN, end: str = CLI_END
) -> None:
    """Put ``section`` in place of the old section of ``results_md`` (or at the end).

    The section is the text between the markers ``begin`` and ``end`` (markers
    included; by default the CLI section's).
    """
    text = results_md.read_text() if results_md.is_file() else "# netgraph benchmarks\n"
    if begin in text and end in text:
        head = text[: text.index(begin)]
        tail = text[text.index(end) + len(end) :]
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    results_md.write_text(text)


README_BEGIN, README_END = "<!-- cli-figures:begin -->", "<!-- cli-figures:end -->"


def readme_section(results: dict) -> str:
    """The README's performance figures: cold and warm CLI runs, written by this benchmark."""
    lines = [
        README_BEGIN,
        f"`python -m benchmarks.cli` on {results['when']} (machine and commands in "
        "`benchmarks/results.md`; the machine was shared, load average "
        f"{results['load_average']}): a fresh `python -m netgraph` process, median wall "
        "time (and CPU time, user + system), cold (first run on the data: builds the "
        "snapshot) / warm (from it).",
        "",
        "| people | import floor | " + " | ".join(f"`{c}`" for c in COMMANDS) + " |",
        "|---:|---:|" + "---:|" * len(COMMANDS),
    ]
    for size in sorted(results["sizes"], key=int):
        r = results["sizes"][size]
        cells = [
            f"{r['commands'][c]['cold']:.1f} s ({r['commands'][c]['cold_cpu']:.1f} s) / "
            f"{r['commands'][c]['warm']:.1f} s ({r['commands'][c]['warm_cpu']:.1f} s)"
            for c in COMMANDS
            if c in r["commands"]
        ]
        floor = f"{r['floor']['median']:.1f} s ({r['floor']['cpu']:.1f} s)"
        lines.append(f"| {int(size):,} | {floor} | " + " | ".join(cells) + " |")
    lines.append(README_END)
    return "\n".join(lines)


def write_between(path: Path, begin: str, end: str, section: str) -> None:
    """Replace the text between ``begin`` and ``end`` in ``path`` (markers included)."""
    text = path.read_text(encoding="utf-8")
    if begin in text and end in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end) :]
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI benchmark; write ``benchmarks/cli.json`` and the results.md section."""
    p = argparse.ArgumentParser(prog="python -m benchmarks.cli", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=7, help="seed of the generated data")
    p.add_argument("--data-dir", type=Path, default=HERE / "data")
    p.add_argument("--out", type=Path, default=HERE / "results.md")
    p.add_argument(
        "--readme", type=Path, default=HERE.parent / "README.md", help="README to update"
    )
    p.add_argument(
        "--report-only", type=Path, metavar="JSON", help="rewrite the sections from a cli.json"
    )
    args = p.parse_args(argv)
    if args.report_only is not None:
        results = json.loads(args.report_only.read_text())
        write_section(args.out, report(results))
        if args.readme is not None:
            write_between(args.readme, README_BEGIN, README_END, readme_section(results))
        return 0
    raw = HERE / "cli.json"
    results = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "argv": sys.argv[1:] if argv is None else argv,
        "machine": _machine(),
        "load_average": _load_average(),
        "repeat": args.repeat,
        "sizes": {},
    }
    for size in args.sizes:
        folder, meta = _dataset(size, args.data_dir, args.seed)
        print(f"[{size:,}] {folder}", file=sys.stderr)
        results["sizes"][str(size)] = {"generate": meta, **measure(folder, args.repeat)}
        raw.write_text(json.dumps(results, indent=1))
        write_section(args.out, report(results))
        if args.readme is not None:
            write_between(args.readme, README_BEGIN, README_END, readme_section(results))
    print(f"wrote {args.out} and {raw}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
