"""The backtest benchmark (benchmarks/backtest_speed.py): its section of results.md."""

from benchmarks import backtest_speed
from benchmarks.cli import write_section
from benchmarks.run import BACKTEST_BEGIN, BACKTEST_END, CLI_BEGIN, CLI_END, with_cli_block


def _results(wall: float) -> dict:
    return {
        "when": "2026-12-04 22:00 UTC",
        "argv": ["--repeat", "1"],
        "machine": "a test machine",
        "load_average": "1.0, 1.0, 1.0",
        "people": 5000,
        "generate": {"command": ["python", "-m", "netgraph", "generate", "--people", "5000"]},
        "run": {
            "command": "python -m netgraph evaluate --mode backtest --data d",
            "wall": wall,
            "cpu": wall / 2,
            "peak_gib": 0.4,
            "runs": [(wall, 0.4, wall / 2)],
            "table": "  method  hit@10\n suggest   0.477\n",
        },
    }


def test_report_gives_the_verdict_and_the_printed_table():
    met = backtest_speed.report(_results(41.0))
    assert met.startswith(BACKTEST_BEGIN) and met.endswith(BACKTEST_END)
    assert "| 5,000 | 41.0 s | 20.5 s | 0.40 GiB | <= 60 s | met |" in met
    assert " suggest   0.477" in met
    assert "| **missed** on wall time (CPU time within it" in backtest_speed.report(_results(61.0))
    slow = _results(130.0)
    assert "| **missed** |" in backtest_speed.report(slow)


def test_its_section_is_replaced_alone_and_kept_by_the_main_benchmark(tmp_path):
    md = tmp_path / "results.md"
    cli = f"{CLI_BEGIN}\ncli numbers\n{CLI_END}"
    md.write_text(f"# netgraph benchmarks\n\n{cli}\n")
    write_section(md, backtest_speed.report(_results(50.0)), begin=BACKTEST_BEGIN, end=BACKTEST_END)
    write_section(md, backtest_speed.report(_results(40.0)), begin=BACKTEST_BEGIN, end=BACKTEST_END)
    text = md.read_text()
    assert text.count(BACKTEST_BEGIN) == 1 and "| 40.0 s |" in text and cli in text
    kept = with_cli_block("# rewritten\n", text)
    assert cli in kept and "| 40.0 s |" in kept and kept.startswith("# rewritten")
