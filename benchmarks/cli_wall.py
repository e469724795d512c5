"""Wall time of ``python -m netgraph suggest`` on the bundled sample, end to end.

Run ``python -m benchmarks.cli_wall [--repeat N]``: each run is a fresh interpreter
started from an empty temporary directory (imports, loading the sample, building the
graph, ranking, printing), as a user would type it. Prints the median, minimum and
maximum, and whether the 1-second target of issue 5 is met.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time


def measure(repeat: int = 7, argv: tuple[str, ...] = ("suggest",)) -> list[float]:
    """Return the wall times (seconds) of ``repeat`` runs of ``python -m netgraph argv``."""
    times = []
    with tempfile.TemporaryDirectory() as empty:
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "netgraph", *argv],
                cwd=empty,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    times = measure(args.repeat)
    median = statistics.median(times)
    verdict = "met" if median <= 1.0 else f"missed by {median - 1.0:.2f} s"
    print(
        f"python -m netgraph suggest (bundled sample), {args.repeat} runs: median "
        f"{median:.2f} s, min {min(times):.2f} s, max {max(times):.2f} s; "
        f"target <= 1 s: {verdict}"
    )


if __name__ == "__main__":
    main()
