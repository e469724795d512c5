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
        {**row, "network": "n", "method": m, "recall_at_10": v, "ratio": v / 0.4}
        for m, v in [("default", 0.44), ("explore", 0.40), ("fit_only", 0.45),
                     ("adamic_adar", 0.38), ("resource_allocation", 0.40)]
    ]
    data = {"seeds": [0], "summary": summary}
    block = quality.render_readme(data)
    assert "| n | 10 | 20 | 1 | 0.440 | 0.380 | 0.400 | 1.10x (1.10x) | 0.400 | 2.2% / 11.1% |" in (
        block
    )
    assert "at most 2.2% on any dev network" in block
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{quality.START}\nold\n{quality.END}\nrest\n")
    quality.write_readme(data, readme)
    text = readme.read_text()
    assert text.startswith("intro\n") and text.endswith("\nrest\n") and "old" not in text
    assert block in text
