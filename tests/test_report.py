"""The report folder, graph exports, their CLI commands and the research plots."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from conftest import NAMES, four_deep_rows, people, write_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph import research
from netgraph.cli import main
from netgraph.errors import NetgraphError, OutputError

# Columns of the report's tables that count people (or events each involving people).
COUNT_COLUMNS = {
    "n_people",
    "n_engaged",
    "interviews_requested",
    "interviews_given",
    "seekers_helped",
    "referrals_given",
    "referrals_converted",
    "downstream_reach",
    "active_people",
    "requested",
    "completed",
    "with_referral",
    "referral_interviewed",
    "n_cascades",
    "edges",
    "edges_used",
    "edges_excluded",
    "n",
}


def _secrets(net: ng.ReferralNetwork, *, ids: bool) -> set[str]:
    """Every name, e-mail and note of the data set (and every id, when they are long)."""
    values = set(net.people["name"]) | set(net.people["email"]) | set(net.interviews["notes"])
    if ids:
        values |= set(net.people.index)
    return {v for v in values if isinstance(v, str) and v.strip()}


def _leaks(paths: list[Path], secrets: set[str]) -> list[tuple[str, str]]:
    hits = []
    for path in paths:
        data = path.read_bytes()
        hits += [(path.name, s) for s in secrets if s.encode("utf-8") in data]
    return hits


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.targets.append(value)


# ----------------------------------------------------------------- the report
@pytest.fixture(scope="module")
def hand_report(tmp_path_factory) -> tuple[ng.ReferralNetwork, Path]:
    """The hand-checked network and its report with k=2 (written once for this module)."""
    root = tmp_path_factory.mktemp("hand")
    net = ng.load(write_folder(root / "data", **four_deep_rows()))
    return net, ng.write_report(net, root / "report", k=2, n_boot=100)


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory) -> Path:
    return ng.write_report(ng.load(), tmp_path_factory.mktemp("sample") / "report", n_boot=200)


def test_report_index_references_only_files_that_exist(hand_report):
    _, out = hand_report
    parser = _Links()
    parser.feed((out / "index.html").read_text(encoding="utf-8"))
    assert parser.targets, "index.html links nothing"
    for target in parser.targets:
        assert "://" not in target and not target.startswith("/")  # self-contained
        assert (out / target).is_file(), target
    written = {p.name for p in _files(out)} - {"index.html", ng.report.MANIFEST_NAME}
    assert written == set(parser.targets)  # and every file is shown
    pngs = [p for p in _files(out) if p.suffix == ".png"]
    assert {p.stem for p in pngs} == {
        "engagement_distribution",
        "funnel",
        "cascade_depth",
        "cohorts_over_time",
        "mixing_industry",
    }
    assert all(p.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") for p in pngs)


def test_report_says_how_many_opted_out(hand_report):
    text = (hand_report[1] / "index.html").read_text(encoding="utf-8")
    assert "1 person opted out of research" in text
    assert "fewer than 2 people" in text


def test_report_has_no_identities_and_no_count_below_k(hand_report):
    net, out = hand_report
    secrets = _secrets(net, ids=False)
    assert len(secrets) == 28  # 10 names, 10 e-mails, 8 notes
    assert _leaks(_files(out), secrets) == []
    _assert_no_small_counts(out, 2)


def test_sample_report_has_no_identities_and_no_count_below_k(sample, sample_report):
    secrets = _secrets(sample, ids=True)
    assert len(secrets) > 300
    assert _leaks(_files(sample_report), secrets) == []
    _assert_no_small_counts(sample_report, 5)


def _assert_no_small_counts(folder: Path, k: int) -> None:
    csvs = [p for p in _files(folder) if p.suffix == ".csv"]
    assert len(csvs) >= 10
    for path in csvs:
        table = pd.read_csv(path)
        counts = [c for c in table.columns if c in COUNT_COLUMNS]
        assert counts, f"{path.name} has no count column"
        for col in counts:
            visible = table[col].dropna()
            assert (visible >= k).all(), (path.name, col, visible.tolist())


def test_report_replaces_only_its_own_files(four_deep, tmp_path):
    tmp_path = tmp_path / "out"
    out = tmp_path / "report"
    ng.write_report(four_deep, out, n_boot=100)
    manifest = json.loads((out / ng.report.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {p.name for p in _files(out)} - {ng.report.MANIFEST_NAME}
    # a file an earlier version wrote (listed in the manifest) and no longer writes goes
    (out / "old_table.csv").write_text("old", encoding="utf-8")
    manifest["files"]["old_table.csv"] = hashlib.sha256(b"old").hexdigest()
    (out / ng.report.MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    ng.write_report(four_deep, out, k=3, n_boot=100)
    assert not (out / "old_table.csv").exists()
    assert "fewer than 3 people" in (out / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no temporary folders left
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [
        ".netgraph-report.json",
        ".netgraph.lock",
    ]


def test_second_report_keeps_a_users_file_and_folder(four_deep_dir, tmp_path, capsys):
    """The issue's reproduction: report; add thesis.docx and mine/; report again."""
    out = tmp_path / "R"
    args = ["report", "--data", str(four_deep_dir), "--out", str(out), "--k", "2"]
    assert main(args) == 0
    (out / "thesis.docx").write_text("x\n", encoding="utf-8")
    (out / "mine").mkdir()
    (out / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in _files(out)}
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error:") and "Traceback" not in err
    assert "'mine', a folder netgraph did not write (and 1 more)" in err
    assert {p.name: p.read_bytes() for p in _files(out)} == before


@pytest.mark.parametrize(
    "spoil",
    [
        lambda out: (out / "funnel.csv").write_text("my edits", encoding="utf-8"),
        lambda out: (out / ".DS_Store").write_bytes(b"\0"),
        lambda out: (out / ng.report.MANIFEST_NAME).write_text("{}", encoding="utf-8"),
    ],
    ids=["edited-table", "hidden-file", "broken-manifest"],
)
def test_report_refuses_a_report_folder_someone_changed(four_deep, tmp_path, spoil):
    out = ng.write_report(four_deep, tmp_path / "r", k=2, n_boot=50)
    spoil(out)
    before = {p.name: p.read_bytes() for p in _files(out)}
    with pytest.raises(OutputError) as info:
        ng.write_report(four_deep, out, k=2, n_boot=50)
    assert str(info.value).startswith(str(out))
    assert {p.name: p.read_bytes() for p in _files(out)} == before


def test_copied_index_does_not_make_a_folder_deletable(four_deep, tmp_path):
    report = ng.write_report(four_deep, tmp_path / "r", k=2, n_boot=50)
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    shutil.copy(report / "index.html", thesis / "index.html")
    (thesis / "chapter1.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(OutputError, match=r"'chapter1\.txt', a file netgraph did not write"):
        ng.write_report(four_deep, thesis)
    only_index = tmp_path / "only_index"
    only_index.mkdir()
    shutil.copy(report / "index.html", only_index / "index.html")
    with pytest.raises(OutputError, match=r"'index\.html', a file netgraph did not write"):
        ng.write_report(four_deep, only_index)
    assert (thesis / "chapter1.txt").read_text(encoding="utf-8") == "precious"
    assert [p.name for p in only_index.iterdir()] == ["index.html"]


def test_manifest_cannot_point_outside_the_folder(four_deep, tmp_path):
    out = ng.write_report(four_deep, tmp_path / "r", k=2, n_boot=50)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep", encoding="utf-8")
    manifest = json.loads((out / ng.report.MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["files"]["../precious.txt"] = hashlib.sha256(b"keep").hexdigest()
    manifest["files"][str(precious)] = hashlib.sha256(b"keep").hexdigest()
    (out / ng.report.MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    ng.write_report(four_deep, out, k=2, n_boot=50)
    assert precious.read_text(encoding="utf-8") == "keep"


def test_report_into_an_empty_folder_and_the_current_folder(four_deep, tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    ng.write_report(four_deep, empty, k=2, n_boot=50)
    assert (empty / "index.html").is_file()
    monkeypatch.chdir(empty)
    ng.write_report(four_deep, ".", k=3, n_boot=50)  # "." is a report now: updated
    assert "fewer than 3 people" in (empty / "index.html").read_text(encoding="utf-8")


def test_report_update_interrupted_after_the_commit_point_is_finished(four_deep, tmp_path):
    from netgraph import _journal

    out = ng.write_report(four_deep, tmp_path / "r", k=2, n_boot=50)
    real = _journal._checkpoint

    def crash(label: str) -> None:
        if label.startswith("replaced"):
            raise KeyboardInterrupt  # the user pressed Ctrl-C mid-swap
        real(label)

    _journal._checkpoint = crash
    try:
        with pytest.raises(KeyboardInterrupt):
            ng.write_report(four_deep, out, k=3, n_boot=50)
    finally:
        _journal._checkpoint = real
    assert (out / _journal.JOURNAL_NAME).exists()
    ng.write_report(four_deep, out, k=3, n_boot=50)  # finishes the swap, then writes again
    assert "fewer than 3 people" in (out / "index.html").read_text(encoding="utf-8")
    assert not (out / _journal.JOURNAL_NAME).exists()


def test_leftovers_of_a_killed_writer_are_removed_later(four_deep, tmp_path):
    from netgraph import report

    def leftover(name: str, *, age: float, folder: bool = True, inside: str = "index.html"):
        path = tmp_path / name
        if folder:
            path.mkdir()
            (path / inside).mkdir() if inside.endswith("/") else (path / inside).write_bytes(b"")
        else:
            path.write_bytes(b"<graphml")
        os.utime(path, (time.time() - age, time.time() - age))
        return path

    dead = leftover(".R.0123456789ab.tmp", age=3600)
    running = leftover(".R.abcdefabcdef.tmp", age=5)
    strange = leftover(".R.0000000000ff.tmp", age=3600, inside="mine/")
    other = leftover(".Rx.0123456789ab.tmp", age=3600)
    report._write_report_files(tmp_path / "R", {"index.html": b"<html>"})
    assert not dead.exists()
    assert running.exists() and strange.exists() and other.exists()
    dead_file = leftover(".n.graphml.0123456789ab.tmp", age=3600, folder=False)
    ng.export(four_deep, tmp_path / "n.graphml")
    assert not dead_file.exists()


def test_report_failure_leaves_the_old_report_and_no_debris(four_deep, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    out = tmp_path / "report"
    ng.write_report(four_deep, out, n_boot=100)
    before = sorted(p.name for p in out.iterdir())

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(research, "_funnel_spec", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        ng.write_report(four_deep, out, n_boot=100)
    assert sorted(p.name for p in out.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["report"]
    with pytest.raises(RuntimeError):
        ng.write_report(four_deep, tmp_path / "new", n_boot=100)
    assert not (tmp_path / "new").exists()


def test_report_refuses_folders_it_did_not_write(four_deep, tmp_path):
    other = tmp_path / "thesis"
    other.mkdir()
    (other / "chapter1.txt").write_text("precious", encoding="utf-8")
    with pytest.raises(OutputError, match=r"'chapter1\.txt', a file netgraph did not write"):
        ng.write_report(four_deep, other)
    assert (other / "chapter1.txt").read_text(encoding="utf-8") == "precious"
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(NetgraphError, match="is a file"):
        ng.write_report(four_deep, file)
    with pytest.raises(NetgraphError, match="k must be a whole number 1 or more"):
        ng.write_report(four_deep, tmp_path / "r", k=0)


def test_report_leaves_pyplot_alone(four_deep_dir, tmp_path):
    code = (
        "import sys, netgraph as ng\n"
        f"ng.write_report(ng.load({str(four_deep_dir)!r}), {str(tmp_path / 'r')!r}, n_boot=50)\n"
        "print('matplotlib.pyplot' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "False"


# --------------------------------------------------------------------- export
KEY = "a test key of more than sixteen bytes"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_default_export_is_pseudonymous(four_deep, tmp_path, fmt):
    path = ng.export(four_deep, tmp_path / f"net.{fmt}", format=fmt, key=KEY).path
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(g.nodes) == {ng.pseudonym(p, KEY) for p in NAMES if p != "x"}
    for _, data in g.nodes(data=True):
        assert "name" not in data and "email" not in data
    assert _leaks([path], _secrets(four_deep, ids=False)) == []
    assert g.number_of_edges() == ng.without_opted_out(four_deep).acquaintance.number_of_edges()


def test_export_converts_tuples_and_dates(make_net, tmp_path):
    net = make_net(
        people("a", "b", a={"tags": "ux;data"}),
        [{"person_a": "a", "person_b": "b", "kind": "friend", "since": "2024-05-01"}],
        [
            {
                "interview_id": "i1",
                "seeker_id": "a",
                "contact_id": "b",
                "date": "2025-01-01",
                "status": "completed",
            }
        ],
    )
    path = ng.export(net, tmp_path / "g.graphml", columns=["tags"], include_identities=True).path
    g = nx.read_graphml(path)
    assert g.nodes["a"]["tags"] == "ux;data" and g.nodes["a"]["label"] == "Name a"
    assert g.edges["a", "b"]["last_contact"] == "2025-01-01"
    ref = nx.read_graphml(
        ng.export(net, tmp_path / "r.graphml", graph="referral", include_identities=True).path
    )
    assert ref.number_of_edges() == 1
    anon = nx.read_graphml(ng.export(net, tmp_path / "p.graphml", key=KEY, k=1).path)
    assert {d["last_contact"] for *_, d in anon.edges(data=True)} == {"2025-01"}  # months


def test_referral_export_keeps_every_edge(four_deep, tmp_path):
    done = ng.export(four_deep, tmp_path / "ref.gexf", format="gexf", graph="referral", key=KEY)
    g = nx.read_gexf(done.path)
    path = done.path
    assert g.number_of_edges() == 7 + 5  # interviews and referrals without x's
    assert _leaks([path], _secrets(four_deep, ids=False)) == []


def test_csv_export_is_formula_safe_and_pseudonymous(make_net, tmp_path):
    net = make_net(
        people("a", "b", a={"organization": '=HYPERLINK("http://evil.example")'}),
        [{"person_a": "a", "person_b": "b", "kind": "friend"}],
    )
    folder = ng.export(net, tmp_path / "csv", format="csv", key=KEY, columns=["organization"], k=1)
    folder = folder.path
    nodes = pd.read_csv(folder / "nodes.csv")
    edges = pd.read_csv(folder / "edges.csv")
    assert nodes.columns[:2].tolist() == ["id", "label"]
    assert nodes.set_index("id").loc[ng.pseudonym("a", KEY), "organization"].startswith("'=")
    assert edges.columns[:2].tolist() == ["source", "target"] and len(edges) == 1
    assert _leaks(_files(folder), {"Name a", "Name b"}) == []


def test_export_with_identities_still_leaves_out_opted_out(four_deep, tmp_path):
    path = ng.export(four_deep, tmp_path / "g.graphml", include_identities=True).path
    text = path.read_text(encoding="utf-8")
    assert NAMES["a"] in text and NAMES["x"] not in text


def test_export_pseudonyms_stable_per_key(four_deep, tmp_path):
    one = nx.read_graphml(ng.export(four_deep, tmp_path / "1.graphml", key=KEY).path)
    two = nx.read_graphml(ng.export(four_deep, tmp_path / "2.graphml", key=KEY).path)
    other = KEY.upper()
    three = nx.read_graphml(ng.export(four_deep, tmp_path / "3.graphml", key=other).path)
    assert set(one) == set(two) and not set(one) & set(three)


def test_sample_default_exports_leak_nothing(sample, tmp_path):
    paths = [
        ng.export(sample, tmp_path / "a.graphml").path,
        ng.export(sample, tmp_path / "r.gexf", format="gexf", graph="referral").path,
    ]
    paths += _files(ng.export(sample, tmp_path / "csv", format="csv", graph="referral").path)
    assert _leaks(paths, _secrets(sample, ids=True)) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"format": "pdf"}, "unknown format 'pdf'"),
        ({"graph": "friends"}, "unknown graph 'friends'"),
    ],
)
def test_export_errors(four_deep, tmp_path, kwargs, message):
    with pytest.raises(NetgraphError, match=message):
        ng.export(four_deep, tmp_path / "x", **kwargs)


def _read_back(path: Path, fmt: str) -> pd.DataFrame:
    """The published node attributes, read back as an outsider would (one row per node)."""
    if fmt == "csv":
        nodes = pd.read_csv(path / "nodes.csv", dtype=str, keep_default_na=False)
        return nodes.set_index("id").drop(columns="label").replace("", None)
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    rows = {n: {a: v for a, v in d.items() if a != "label"} for n, d in g.nodes(data=True)}
    return pd.DataFrame.from_dict(rows, orient="index")


def _sizes(nodes: pd.DataFrame) -> pd.Series:
    """How many nodes share each node's combination of published values (missing: a value)."""
    keys = nodes.astype(object).where(nodes.notna(), "<missing>").astype(str)
    combo = keys.apply(tuple, axis=1)
    return combo.map(combo.value_counts())


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
@pytest.mark.parametrize(
    ("columns", "before"),
    [
        ((), 82),
        (("organization", "title"), None),
        (("organization", "title", "major", "location"), 321),
    ],
)
def test_reidentification_by_uniqueness_finds_nobody(sample, tmp_path, fmt, columns, before):
    """The attack of issue 13: count the people unique on what an export publishes. On
    organization + title alone 181 of the sample's 396 were unique; on role, organization,
    title, grad year, major and location 321. Now none are, for k = 5."""
    name = f"x.{fmt}" if fmt != "csv" else "x"
    done = ng.export(sample, tmp_path / name, format=fmt, columns=list(columns))
    nodes = _read_back(done.path, fmt)
    published = {"role", "industry", "grad_year", *columns}
    assert set(nodes.columns) <= published
    assert len(nodes) == len(ng.without_opted_out(sample).people)
    sizes = _sizes(nodes)
    assert (sizes == 1).sum() == 0 and sizes.min() >= 5
    audit = done.audit
    assert audit.unique_after == 0 and audit.smallest_group >= 5
    if before is not None:
        assert audit.unique_before == before
    if columns == ("organization", "title"):
        alone = ng.k_anonymize(ng.without_opted_out(sample).people, ["organization", "title"])
        assert alone.attrs["audit"].unique_before == 181


def _consistent(published: object, value: object, shown: set) -> bool:
    """Whether a roster value could lie behind a published one (bands, other, *)."""
    if published == "*":
        return True
    if published is None or (isinstance(published, float) and pd.isna(published)):
        return value is None or pd.isna(value) or value == ""
    if value is None or pd.isna(value) or value == "":
        return False
    text = str(published)
    if text == "other":  # a merged rare value, or the value "other" itself
        return str(value) not in shown or str(value) == "other"
    if text[:2] in ("<=", ">="):
        y = int(value)
        return y <= int(text[2:]) if text.startswith("<=") else y >= int(text[2:])
    lo, dash, hi = text.partition("-")
    if dash and lo.isdigit() and hi.isdigit():
        return int(lo) <= int(value) <= int(hi)
    return str(value) == text


def test_linkage_to_the_roster_leaves_every_export_row_k_candidates(sample, tmp_path):
    """An attacker holding the whole roster (people.csv, names and all) tries to link each
    exported node back to a person: every node stays consistent with at least 5 people."""
    cols = ["role", "industry", "grad_year", "major"]
    done = ng.export(sample, tmp_path / "x.graphml", columns=["major"])
    nodes = _read_back(done.path, "graphml")
    roster = ng.without_opted_out(sample).people
    shown = {c: set(nodes[c].dropna().astype(str)) for c in cols}
    combos = nodes[cols].astype(object).where(nodes[cols].notna(), None).drop_duplicates()
    for _, pub in combos.iterrows():
        match = pd.Series(True, index=roster.index)
        for c in cols:
            match &= roster[c].map(lambda v, c=c, p=pub[c]: _consistent(p, v, shown[c]))
        assert match.sum() >= 5, pub.to_dict()


def test_identifying_columns_never_leak_and_id_is_not_the_node_id(make_net, tmp_path):
    extras = {
        "first_name": "Ada",
        "last_name": "Quorridge",
        "Full Name": "Ada Quorridge",
        "student_id": "S-77123",
        "dob": "2001-04-05",
        "e_mail": "ada.q@example.org",
        "cell": "555-0199",
        "comments": "lives at 14 Elm Street",
        "notes": "met at the fair",
        "id": "4242",
    }
    rows = people(*"abcdef", **{p: {"industry": "Tech", **extras} for p in "abcdef"})
    for i, r in enumerate(rows):  # every column value is this person's own
        r.update({c: f"{v}-{i}" for c, v in extras.items()})
    net = make_net(rows, [{"person_a": "a", "person_b": b} for b in "bcdef"])
    for fmt in ("graphml", "gexf", "csv"):
        done = ng.export(net, tmp_path / f"x-{fmt}", format=fmt, key=KEY, k=2)
        files = _files(done.path) if fmt == "csv" else [done.path]
        secrets = {r[c] for r in rows for c in extras} | {r["name"] for r in rows}
        assert _leaks(files, secrets) == []
        nodes = _read_back(done.path, fmt)
        assert set(nodes.index) == {ng.pseudonym(p, KEY) for p in "abcdef"}
    for column in extras:
        with pytest.raises(NetgraphError, match=r"identifies people|name the node"):
            ng.export(net, tmp_path / "y.graphml", columns=[column])


def test_export_errors_on_columns(four_deep, tmp_path):
    with pytest.raises(NetgraphError, match="no column 'shoe_size'"):
        ng.export(four_deep, tmp_path / "z.graphml", columns=["shoe_size"])
    with pytest.raises(NetgraphError, match="'label'"):
        ng.export(four_deep, tmp_path / "z.graphml", columns=["label"])


def test_cli_export_columns_and_k(four_deep_dir, tmp_path, capsys):
    out = tmp_path / "net.graphml"
    args = ["export", "--data", str(four_deep_dir), "--out", str(out), "--columns", "major"]
    assert main([*args, "--k", "2"]) == 0
    text = capsys.readouterr().out
    assert "k-anonymity (k=2) over: role, industry, grad_year, major" in text
    assert "unique on these attributes: 9 before, 0 after" in text  # all 9 by hand
    nodes = _read_back(out, "graphml")
    assert _sizes(nodes).min() >= 2
    other = ["export", "--data", str(four_deep_dir), "--out", str(tmp_path / "other.graphml")]
    assert main([*other, "--columns", "first_name"]) == 2
    assert "identifies people" in capsys.readouterr().err


def test_a_carriage_return_in_a_name_cannot_add_rows(make_net, tmp_path):
    """Issue 13: a bare CR inside a cell was written unquoted, so reading the export back
    gave more rows than people, one with id '=1+1'."""
    rows = people(*"abcdef", a={"name": "x\r=1+1", "industry": "y\r@SUM(A1)"})
    net = make_net(rows, [{"person_a": "a", "person_b": b} for b in "bcdef"])
    for identities in (True, False):
        done = ng.export(
            net,
            tmp_path / f"csv-{identities}",
            format="csv",
            include_identities=identities,
            columns=["organization"],
            key=KEY,
            k=1,
        )
        nodes = pd.read_csv(done.path / "nodes.csv", dtype=str, keep_default_na=False)
        edges = pd.read_csv(done.path / "edges.csv", dtype=str, keep_default_na=False)
        assert len(nodes) == 6 and len(edges) == 5
        cells = [*nodes.to_numpy().ravel(), *edges.to_numpy().ravel(), *nodes.columns]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        if identities:
            assert nodes.set_index("id").loc["a", "label"] == "x\r=1+1"  # round-trips whole


# Lone surrogates cannot come from a file (the loader decodes UTF-8) and cannot sit in the
# loader's Arrow-backed string columns, so they are left out here; test_xml_text below
# checks that the XML writer replaces them all the same.
_XML_HOSTILE = st.text(
    alphabet=st.one_of(
        st.sampled_from(["\x01", "\x0b", "\x1b", "\x00", "\ufffe", "\r"]),
        st.characters(blacklist_categories=("Cs",)),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_XML_HOSTILE, industry=_XML_HOSTILE, kind=_XML_HOSTILE)
def test_graph_files_with_any_text_read_back_whole(
    four_deep, tmp_path_factory, name, industry, kind
):
    """Names, attributes and tie kinds with control characters or lone surrogates still give
    well-formed GraphML and GEXF that networkx reads back with the same nodes and values."""
    from netgraph.report import _xml_graph, _xml_text

    tables = {
        "people": four_deep.people.reset_index(),
        "ties": four_deep.ties.assign(kind=kind),
        "interviews": four_deep.interviews,
        "referrals": four_deep.referrals,
    }
    tables["people"].loc[tables["people"]["person_id"] == "a", ["name", "industry"]] = [
        name,
        industry,
    ]
    net = ng.ReferralNetwork.from_tables(tables, source=None, as_of_date=four_deep.as_of_date)
    folder = tmp_path_factory.mktemp("xml")
    for identities in (True, False):
        made = _xml_graph(ng.export_graph(net, include_identities=identities, key=KEY, k=1).graph)
        for fmt in ("graphml", "gexf"):
            path = ng.export(
                net,
                folder / f"g{identities}.{fmt}",
                format=fmt,
                include_identities=identities,
                key=KEY,
                k=1,
            ).path
            back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
            assert set(back.nodes) == set(made.nodes)
            for node, data in made.nodes(data=True):
                got = dict(back.nodes[node])
                got.pop("id", None)  # read_gexf adds nothing we wrote
                assert got == data, (fmt, node)
            assert back.number_of_edges() == made.number_of_edges()
    raw = _xml_graph(ng.export_graph(net, include_identities=True).graph)
    assert raw.nodes["a"]["label"] == _xml_text(name)  # only what XML cannot hold changed
    assert "\x01" not in raw.nodes["a"]["label"] and "\ud800" not in raw.nodes["a"]["label"]


def test_export_path_kinds(four_deep, tmp_path):
    (tmp_path / "dir").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        ng.export(four_deep, tmp_path / "dir")
    (tmp_path / "f.csv").write_text("x", encoding="utf-8")
    with pytest.raises(NetgraphError, match="CSV export writes a folder"):
        ng.export(four_deep, tmp_path / "f.csv", format="csv")


@pytest.mark.parametrize(
    ("name", "format", "read"),
    [
        ("net.gexf", None, nx.read_gexf),
        ("net.GraphML", None, nx.read_graphml),
        ("net", None, nx.read_graphml),
        ("net", "gexf", nx.read_gexf),
        ("net.gexf", "gexf", nx.read_gexf),
    ],
)
def test_export_extension_picks_the_format(four_deep, tmp_path, name, format, read):
    path = ng.export(four_deep, tmp_path / name, format=format, key=KEY).path
    assert read(path).number_of_nodes() == len(four_deep.people) - 1  # x opted out


@pytest.mark.parametrize(
    ("name", "format", "message"),
    [
        ("net.gexf", "graphml", "format 'graphml' clashes with the extension of 'net.gexf'"),
        ("net.graphml", "csv", "clashes with the extension"),
        ("net.pdf", None, "unknown extension '.pdf'"),
        ("net.xml", "graphml", "unknown extension '.xml'"),
    ],
)
def test_export_format_and_extension_must_agree(four_deep, tmp_path, name, format, message):
    with pytest.raises(NetgraphError, match=message):
        ng.export(four_deep, tmp_path / "out" / name, format=format)
    assert not (tmp_path / "out").exists()


def test_export_never_overwrites_without_force(four_deep, tmp_path):
    path = tmp_path / "net.graphml"
    path.write_text("my own graph", encoding="utf-8")
    with pytest.raises(OutputError, match=r"net\.graphml exists; pass force=True"):
        ng.export(four_deep, path)
    assert path.read_text(encoding="utf-8") == "my own graph"
    ng.export(four_deep, path, force=True)
    assert nx.read_graphml(path).number_of_nodes() == 9
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "edges.csv").write_text("mine", encoding="utf-8")
    (folder / "readme.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match=r"edges\.csv exists"):
        ng.export(four_deep, folder, format="csv")
    assert (folder / "edges.csv").read_text(encoding="utf-8") == "mine"
    ng.export(four_deep, folder, format="csv", force=True)
    assert len(pd.read_csv(folder / "nodes.csv")) == 9
    assert (folder / "readme.txt").read_text(encoding="utf-8") == "keep"


def _inputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    ("out", "extra"),
    [
        ("data/people.csv", []),  # the issue: the roster turned into GraphML
        ("data/people.csv", ["--force"]),
        ("data/ties.csv", ["--force", "--format", "csv"]),
        ("data/../data/interviews.csv", ["--force"]),
        ("link.graphml", ["--force"]),  # a link to data/referrals.csv
        ("hard.graphml", ["--force"]),  # a hard link to data/people.csv
        ("data", ["--format", "csv", "--force"]),
        ("data", ["--force"]),
        ("datalink", ["--format", "csv", "--force"]),  # a link to the data folder
    ],
)
def test_export_never_writes_over_the_input(four_deep_dir, tmp_path, capsys, out, extra):
    (tmp_path / "link.graphml").symlink_to(four_deep_dir / "referrals.csv")
    (tmp_path / "hard.graphml").hardlink_to(four_deep_dir / "people.csv")
    (tmp_path / "datalink").symlink_to(four_deep_dir)
    before = _inputs(four_deep_dir)
    args = ["export", "--data", str(four_deep_dir), "--out", str(tmp_path / out), *extra]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error: refusing to write") and "Traceback" not in err
    assert "the data being exported (never overwritten, even with --force)" in err
    assert _inputs(four_deep_dir) == before
    assert sorted(p.name for p in four_deep_dir.iterdir()) == sorted(before)
    with pytest.raises(OutputError, match="refusing to write"):
        ng.export(ng.load(four_deep_dir), four_deep_dir / "people.csv", force=True)


def test_export_through_a_link_writes_its_target(four_deep, tmp_path):
    real = tmp_path / "real.gexf"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "current.gexf").symlink_to(real)
    ng.export(four_deep, tmp_path / "current.gexf", force=True)
    assert (tmp_path / "current.gexf").is_symlink()
    assert nx.read_gexf(real).number_of_nodes() == 9


def _read_only_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder / "net.graphml"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: (p / "f.txt").write_text("x", encoding="utf-8") and p / "f.txt" / "n.gexf",
            "f.txt is a file; cannot write",
        ),
        (_read_only_dir, "ro is read-only"),
    ],
    ids=["under-a-file", "read-only-folder"],
)
def test_cli_export_into_an_unusable_place(four_deep_dir, tmp_path, capsys, make, message):
    out = make(tmp_path)
    try:
        assert main(["export", "--data", str(four_deep_dir), "--out", str(out)]) == 2
    finally:
        if (tmp_path / "ro").exists():
            (tmp_path / "ro").chmod(0o755)
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error:") and message in err and "Traceback" not in err
    assert not out.exists()


def test_export_full_disk_is_a_clear_error(four_deep, tmp_path, monkeypatch):
    import errno

    from netgraph import report

    def full(path, write, *, binary=False):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(report, "_write_atomic", full)
    with pytest.raises(OutputError, match="the disk is full; nothing was changed"):
        ng.export(four_deep, tmp_path / "n.graphml")


# ------------------------------------------------------------------------- CLI
def test_cli_report(four_deep_dir, tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["report", "--data", str(four_deep_dir), "--out", str(out), "--k", "2"]) == 0
    text = capsys.readouterr().out
    assert "index.html" in text and "5 figures" in text
    assert "1 person left out (opted out of research)" in text
    assert (out / "index.html").is_file()


def test_cli_report_refuses_a_foreign_folder(four_deep_dir, capsys, monkeypatch):
    before = {p.name: p.read_bytes() for p in _files(four_deep_dir)}
    assert main(["report", "--data", str(four_deep_dir), "--out", str(four_deep_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error:") and "'interviews.csv', a file" in err
    assert "Traceback" not in err
    monkeypatch.chdir(four_deep_dir)
    assert main(["report", "--data", ".", "--out", "."]) == 2
    assert "a report replaces only the files it wrote" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in _files(four_deep_dir)} == before


def _read_only_parent(tmp_path: Path) -> Path:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    return parent / "rep"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: (p / "f.txt").write_text("x", encoding="utf-8") and p / "f.txt", "is a file"),
        (
            lambda p: (p / "f.txt").write_text("x", encoding="utf-8") and p / "f.txt" / "rep",
            "f.txt is a file; cannot make the report folder",
        ),
        (_read_only_parent, "locked is read-only"),
    ],
    ids=["a-file", "under-a-file", "read-only-parent"],
)
def test_cli_report_into_an_unusable_place(four_deep_dir, tmp_path, capsys, make, message):
    out = make(tmp_path)
    try:
        args = ["report", "--data", str(four_deep_dir), "--out", str(out)]
        assert main(args) == 2
    finally:
        (tmp_path / "locked").exists() and (tmp_path / "locked").chmod(0o755)
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error:") and message in err and "Traceback" not in err
    assert not out.exists() or out.is_file()


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_cli_export(four_deep_dir, tmp_path, capsys, fmt):
    out = tmp_path / f"net.{fmt}"
    args = ["export", "--data", str(four_deep_dir), "--format", fmt, "--out", str(out)]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "pseudonymous with a one-off random key" in text and "1 person left out" in text
    assert "unique on these attributes" in text and "k-anonymity (k=5)" in text
    files = _files(out) if fmt == "csv" else [out]
    assert _leaks(files, _secrets(ng.load(four_deep_dir), ids=False)) == []


def test_cli_export_key_file_and_identities(four_deep_dir, tmp_path, capsys, monkeypatch):
    key = tmp_path / "key.txt"
    key.write_text(KEY + "\n", encoding="utf-8")
    base = ["export", "--data", str(four_deep_dir), "--key-file", str(key), "--out"]
    assert main([*base, str(tmp_path / "1.graphml")]) == 0
    assert "with your key" in capsys.readouterr().out
    one = nx.read_graphml(tmp_path / "1.graphml")
    assert ng.pseudonym("a", KEY) in one
    monkeypatch.setenv("NETGRAPH_PSEUDONYM_KEY", KEY)
    assert main(["export", "--data", str(four_deep_dir), "--out", str(tmp_path / "2.graphml")]) == 0
    assert set(nx.read_graphml(tmp_path / "2.graphml")) == set(one)
    args = ["export", "--data", str(four_deep_dir), "--include-identities"]
    assert main([*args, "--out", str(tmp_path / "3.graphml")]) == 0
    assert "WITH ids and names" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--format", "pdf"], 2, "invalid choice"),
        (["--format", "gexf"], 2, "clashes with the extension of 'x.graphml'"),
        (["--graph", "friends"], 2, "invalid choice"),
        (["--key-file", "/nonexistent/key"], 2, "cannot read key file"),
    ],
)
def test_cli_export_bad_input(four_deep_dir, tmp_path, capsys, extra, code, message):
    args = ["export", "--data", str(four_deep_dir), "--out", str(tmp_path / "x.graphml")]
    assert main([*args, *extra]) == code
    assert message in capsys.readouterr().err


def test_cli_export_empty_key_file(four_deep_dir, tmp_path, capsys):
    key = tmp_path / "key"
    key.write_text("\n", encoding="utf-8")
    args = ["export", "--data", str(four_deep_dir), "--key-file", str(key)]
    assert main([*args, "--out", str(tmp_path / "x.graphml")]) == 2
    assert "is empty" in capsys.readouterr().err


# ----------------------------------------------------------------------- plots
@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("plot_engagement_distribution", lambda n: ng.engagement_distribution(n, k=0)),
        ("plot_funnel", lambda n: ng.funnel(n, k=0)),
        ("plot_funnel", lambda n: ng.funnel(n, "first_generation", k=0)),
        ("plot_cascade_depth", lambda n: ng.cascade_distribution(n, k=0)),
        ("plot_cohorts_over_time", lambda n: ng.cohort_activity(n, "industry", k=0)),
        ("plot_cohorts_over_time", lambda n: ng.cohort_activity(n, "industry")),  # all hidden
    ],
)
def test_plots_draw_titled_axes(four_deep, name, make):
    from matplotlib.figure import Figure

    from netgraph import plot

    ax = Figure().subplots()
    assert getattr(plot, name)(make(four_deep), ax=ax) is ax
    assert ax.get_title() and ax.get_ylabel()


def test_plots_accept_a_network(four_deep):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from netgraph import plot

    for name in plot.__all__:
        if name in {
            "plot_engagement_distribution",
            "plot_funnel",
            "plot_cascade_depth",
            "plot_cohorts_over_time",
        }:
            ax = getattr(plot, name)(four_deep)
            assert ax.get_title()
    plt.close("all")


# ------------------------------------------------------------ the page as a briefing
def test_report_opens_with_headline_figures_and_findings(sample_report):
    page = (sample_report / "index.html").read_text(encoding="utf-8")
    for label in (
        "people in the data",
        "interviews requested",
        "of requests completed",
        "names passed on per completed interview",
        "of alumni approached engaged",
    ):
        assert label in page
    block = page.split('aria-label="Findings"')[1].split("</ul>")[0]
    assert 3 <= block.count("<li>") <= 5


def test_report_findings_use_only_published_numbers(sample_report):
    """Every percentage in a finding is computable from published (unhidden) CSV cells."""
    page = (sample_report / "index.html").read_text(encoding="utf-8")
    block = page.split('aria-label="Findings"')[1].split("</ul>")[0]
    funnel = pd.read_csv(sample_report / "funnel.csv")
    done = funnel["completed"].iloc[0] / funnel["requested"].iloc[0]
    assert f"{done:.0%} of the {int(funnel['requested'].iloc[0]):,} interviews requested" in block


def test_report_page_is_readable(sample_report):
    page = (sample_report / "index.html").read_text(encoding="utf-8")
    body = page.split("<body>", 1)[1]
    # one marker for hidden values, never pandas' spellings of missing
    for spelling in (">None<", ">nan<", ">NaN<", "&lt;NA&gt;", ">NaT<"):
        assert spelling not in body
    # tables of at most 8 columns
    for table in re.findall(r"<table.*?</table>", body, flags=re.S):
        header = table.split("</thead>")[0]
        assert header.count("<th>") <= 8
    # every image has alt text; a print stylesheet
    images = re.findall(r"<img [^>]*>", body)
    assert images and all(re.search(r'alt="[^"]{10,}"', img) for img in images)
    assert "@media print" in page


def test_report_in_a_browser_fits_and_has_no_errors(browser_page, sample_report):
    page = browser_page.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((sample_report / "index.html").as_uri())
    page.wait_for_load_state("load")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]  # nothing overflows sideways at 1280 px
    before_appendix = page.evaluate(
        "() => document.querySelector('.appendix').getBoundingClientRect().top + window.scrollY"
    )
    assert before_appendix < 6.5 * 900  # about six screens before the appendix
    broken = page.evaluate(
        "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length"
    )
    assert broken == 0
    assert errors == []
    page.close()


def test_export_never_writes_over_a_workbook_it_exports(four_deep, tmp_path, capsys):
    book = ng.save(four_deep, tmp_path / "network.xlsx")
    before = book.read_bytes()
    args = ["export", "--data", str(book), "--out", str(book), "--force"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "refusing to write" in err and "it is the data file" in err
    assert book.read_bytes() == before
    (tmp_path / "link.xlsx").symlink_to(book)
    with pytest.raises(OutputError, match="it is the data file"):
        ng.export(ng.load(book), tmp_path / "link.xlsx", force=True)
    assert book.read_bytes() == before


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "\x01\x0b\x1b", "ok\ufffe"])
def test_xml_text_replaces_what_xml_cannot_hold(text):
    from netgraph.report import _xml_text

    out = _xml_text(text)
    assert not any(0xD800 <= ord(c) <= 0xDFFF or (ord(c) < 0x20 and c not in "\t\n") for c in out)
    assert "\ufffe" not in out
    out.encode("utf-8")  # a lone surrogate would fail here
