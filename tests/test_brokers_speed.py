"""The ng.brokers benchmark (benchmarks/brokers_speed.py) and the results.md section it writes."""

from benchmarks import brokers_speed, run
from benchmarks.cli import write_section
from netgraph.synth import generate, write_dataset


def _run(seconds: float, cpu: float) -> dict:
    return {
        "load_s": 1.0,
        "brokers_s": seconds,
        "brokers_cpu_s": cpu,
        "stages": {"betweenness": seconds * 0.6, "groups": seconds * 0.3, "graph": 0.01},
        "stages_cpu": {"betweenness": cpu * 0.6, "groups": cpu * 0.3, "graph": 0.01},
        "stages_in_snapshot": [],
        "rows": 10,
        "method": "exact",
        "peak_gib": 1.5,
        "load_average": ["1.0, 1.0, 1.0", "2.0, 1.5, 1.0"],
    }


def _results(cold: float) -> dict:
    entry = {"when": "2026-12-04 21:00 UTC", "command": ["python", "-m", "netgraph", "generate"]}
    return {
        "machine": "test machine",
        "sizes": {"100000": {**entry, "cold": _run(cold, cold / 3), "snapshot": _run(0.5, 0.5)}},
    }


def test_report_marks_a_met_target():
    text = brokers_speed.report(_results(8.0))
    assert "| cold first call <= 10.0 s at 100,000 people | 8.0 s | met |" in text
    assert text.startswith(run.BROKERS_BEGIN) and text.endswith(run.BROKERS_END)
    assert "2.0, 1.5, 1.0" in text  # the load average beside the figure


def test_report_explains_a_miss_by_its_stages_and_the_shared_cpu():
    text = brokers_speed.report(_results(30.0))
    line = next(x for x in text.splitlines() if x.startswith("| cold first call"))
    assert "**missed**" in line
    assert "betweenness 6.0 s CPU (18.0 s wall), groups 3.0 s CPU (9.0 s wall)" in line
    assert "CPU 10.0 s of 30.0 s wall" in line


def test_report_shows_a_failed_run_and_one_not_measured():
    results = _results(5.0)
    results["sizes"]["100000"]["cold"] = {"error": "did not finish in 10 s"}
    del results["sizes"]["100000"]["snapshot"]
    text = brokers_speed.report(results)
    assert "| cold first call <= 10.0 s at 100,000 people | did not finish in 10 s | – |" in text
    assert "| snapshot | not measured (the run was stopped) |" in text


def test_sections_are_replaced_in_place_and_kept_by_the_main_benchmark(tmp_path):
    out = tmp_path / "results.md"
    out.write_text("# netgraph benchmarks\n\nbody\n")
    marks = {"begin": run.BROKERS_BEGIN, "end": run.BROKERS_END}
    write_section(out, brokers_speed.report(_results(8.0)), **marks)
    write_section(out, brokers_speed.report(_results(12.0)), **marks)
    text = out.read_text()
    assert text.count(run.BROKERS_BEGIN) == 1 and "12.0 s" in text and "body" in text
    kept = run.with_cli_block("# new report\n", text)
    assert kept.startswith("# new report") and brokers_speed.report(_results(12.0)) in kept


def test_measure_runs_cold_then_from_the_snapshot(tmp_path):
    """Three fresh processes on 1,500 generated people (the igraph backend)."""
    folder = tmp_path / "people"
    write_dataset(generate(1500, seed=3, start="2023-01-15", months=18), folder)
    seen = []
    got = brokers_speed.measure(folder, timeout=600, memory_gib=8, on_run=seen.append)
    assert set(got) == {"cold", "build", "snapshot"}
    assert [list(x) for x in seen] == [["cold"], ["cold", "build"], ["cold", "build", "snapshot"]]
    for name in ("cold", "build", "snapshot"):
        assert "error" not in got[name], got[name]
        assert got[name]["rows"] > 1000
    assert got["cold"]["stages_in_snapshot"] == [] == got["build"]["stages_in_snapshot"]
    kept = got["snapshot"]["stages_in_snapshot"]
    assert any("betweenness" in k for k in kept) and any("local_bridges" in k for k in kept)
    assert set(got["cold"]["stages"]) == set(got["snapshot"]["stages"])
    assert set(got["cold"]["stages_cpu"]) == set(got["cold"]["stages"])
