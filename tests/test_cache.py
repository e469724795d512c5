"""The snapshot cache: same answers with and without it, and never a stale or broken one."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import netgraph as ng
from netgraph import cache
from netgraph._memo import memo
from netgraph.cli import main
from netgraph.synth import write_generated


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test gets an empty cache folder, and the once-per-process report is reset."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("NETGRAPH_CACHE_DIR", str(folder))
    monkeypatch.delenv("NETGRAPH_CACHE", raising=False)
    cache.clear_reported()
    yield folder
    cache.clear_reported()


@pytest.fixture(scope="module")
def gen5k(tmp_path_factory) -> Path:
    """A generated 5,000-person folder (the committed generator, seed 7)."""
    out = tmp_path_factory.mktemp("gen5k")
    write_generated(out, 5000, seed=7)
    return out


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """A copy of the bundled sample that tests may change."""
    return Path(shutil.copytree(ng.sample_data_path(), tmp_path / "data"))


def snapshots(folder: Path) -> list[Path]:
    return sorted(p.parent for p in folder.glob("snapshots-v*/*/*/manifest.json"))


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


COMMANDS = [  # (arguments, takes a seeker)
    (["suggest", "--top", "5"], True),
    (["suggest", "--top", "5", "--format", "json", "--explain"], True),
    (["reach", "--format", "csv"], True),
    (["reach", "--list", "--format", "json"], True),
    (["bridges", "--format", "csv"], True),
    (["bridges", "--network", "--format", "csv"], False),
    (["followups", "--all", "--format", "csv", "--today", "2025-06-01"], False),
    (["validate", "--format", "json"], False),
]


@pytest.mark.parametrize("data_name", ["sample", "gen5k"])
def test_every_command_answers_the_same_with_and_without_the_snapshot(
    capsys, own_cache, data_name, request
):
    data = None if data_name == "sample" else request.getfixturevalue("gen5k")
    where: list[str] = [] if data is None else ["--data", str(data)]
    who: list[str] = []
    if data is not None:
        net = ng.load(data, cache=False)
        who = ["--seeker", net.seekers[len(net.seekers) // 2]]
    for command, takes_seeker in COMMANDS:
        argv = [*command, *where, *(who if takes_seeker else [])]
        code, plain, err = run(capsys, [*argv, "--no-cache"])
        assert (code, err) == (0, "")
        for attempt in ("writes the snapshot", "reads it back"):
            code, out, err = run(capsys, argv)
            assert (code, err) == (0, ""), (command, attempt)
            assert out == plain, (command, attempt)
    assert len(snapshots(own_cache)) == 1


def test_no_cache_and_the_environment_switch_write_nothing(capsys, own_cache, monkeypatch):
    assert run(capsys, ["suggest", "--top", "3", "--no-cache"])[0] == 0
    assert not own_cache.exists()
    monkeypatch.setenv("NETGRAPH_CACHE", "0")
    assert run(capsys, ["suggest", "--top", "3"])[0] == 0
    ng.load()
    assert not own_cache.exists()


def test_a_snapshot_holds_the_tables_and_the_per_network_results(own_cache):
    net = ng.load()
    ng.suggest(net, "p001")
    again = ng.load()
    assert again._snapshot is not None
    stored = set(again._snapshot.manifest["memo"])
    assert {"network.csr", "suggest.communities", "suggest.evidence_index"} <= stored
    for name in ("people", "ties", "interviews", "referrals"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(net, name))
    assert isinstance(again.people["tags"].iloc[0], tuple)
    # arrays come back memory-mapped and equal
    assert isinstance(again.csr.indices.base, np.memmap)
    assert not again.csr.indices.flags.writeable
    np.testing.assert_array_equal(again.csr.strength, net.csr.strength)
    assert ng.suggest(again, "p001").equals(ng.suggest(net, "p001"))


def test_any_memo_round_trips(own_cache):
    value = {
        "ints": np.arange(5),
        "dates": np.array(["2025-01-01", "NaT"], dtype="datetime64[ns]"),
        "names": np.array(["a", "b"], dtype=object),
        "repeated": np.array(["x;y", "x", "x;y", "x;y", "é", "x", "x", "x"], dtype=object),
        "with_none": np.array(["a", None, "a", "a"], dtype=object),  # not all text: pickled
        "mixed": np.array(["a", 1], dtype=object),
        "nested": [1, 2.5, "x", None, (True, False)],
        "frame": pd.DataFrame({"a": [1, 2]}),
    }
    net = ng.load()
    memo(net, "test.value", lambda: value)
    back = memo(ng.load(), "test.value", lambda: pytest.fail("recomputed"))
    np.testing.assert_array_equal(back["ints"], value["ints"])
    np.testing.assert_array_equal(back["dates"], value["dates"])
    assert back["names"].tolist() == ["a", "b"]
    assert back["repeated"].tolist() == value["repeated"].tolist()
    assert back["repeated"].dtype == object
    assert back["with_none"].tolist() == ["a", None, "a", "a"]
    assert back["mixed"].tolist() == ["a", 1]
    assert back["nested"] == value["nested"]
    pd.testing.assert_frame_equal(back["frame"], value["frame"])


def test_a_changed_input_is_never_answered_from_the_old_snapshot(sample_copy, own_cache):
    before = ng.load(sample_copy)
    people = sample_copy / "people.csv"
    text = people.read_text(encoding="utf-8")
    st = people.stat()
    name = before.people.at["p002", "name"]
    changed = text.replace(name, name[::-1].title()[: len(name)], 1)
    assert len(changed.encode()) == len(text.encode())  # same size ...
    people.write_text(changed, encoding="utf-8")
    os.utime(people, ns=(st.st_atime_ns, st.st_mtime_ns))  # ... and the same mtime
    after = ng.load(sample_copy)
    assert after.people.at["p002", "name"] != name
    assert after.people.equals(ng.load(sample_copy, cache=False).people)
    assert len(snapshots(own_cache)) == 1  # the old one was replaced


def test_log_drops_the_snapshot_and_the_next_load_sees_the_new_row(capsys, sample_copy, own_cache):
    ng.load(sample_copy)
    assert len(snapshots(own_cache)) == 1
    code, _, err = run(
        capsys,
        ["log", "interview", "--data", str(sample_copy), "--seeker", "p001",
         "--contact", "p002", "--date", "2025-01-02", "--status", "requested"],
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert snapshots(own_cache) == []
    net = ng.load(sample_copy)
    assert len(net.interviews) == len(ng.load(cache=False).interviews) + 1


def _manifest(folder: Path) -> tuple[Path, dict]:
    (snap,) = snapshots(folder)
    return snap, json.loads((snap / "manifest.json").read_text())


@pytest.mark.parametrize(
    "damage",
    ["truncate a table", "flip a byte of an array", "drop a file", "garbage manifest",
     "another format", "another netgraph", "another source"],
)  # fmt: skip
def test_a_damaged_or_foreign_snapshot_is_detected_and_rebuilt(damage, own_cache):
    net = ng.load()
    expected = ng.suggest(net, "p001")
    snap, manifest = _manifest(own_cache)
    csr = manifest["memo"]["network.csr"]["spec"]
    strength = snap / csr["v"][csr["k"].index("strength")]["f"]
    if damage == "truncate a table":
        table = snap / "ties.arrow"
        table.write_bytes(table.read_bytes()[:-100])
    elif damage == "flip a byte of an array":
        data = bytearray(strength.read_bytes())
        data[-3] ^= 0xFF
        strength.write_bytes(bytes(data))
    elif damage == "drop a file":
        strength.unlink()
    elif damage == "garbage manifest":
        (snap / "manifest.json").write_text("{not json")
    else:
        field, value = {
            "another format": ("format", 0),
            "another netgraph": ("code", "0" * 32),
            "another source": ("key", "f" * 32),
        }[damage]
        manifest[field] = value
        (snap / "manifest.json").write_text(json.dumps(manifest))
    again = ng.load()
    assert again.people.equals(net.people)
    np.testing.assert_array_equal(again.csr.strength, net.csr.strength)
    assert ng.suggest(again, "p001").equals(expected)
    # a sound snapshot is there again for the next process
    third = ng.load()
    assert third._snapshot is not None
    np.testing.assert_array_equal(third.csr.strength, net.csr.strength)
    assert ng.suggest(third, "p001").equals(expected)
    snap, manifest = _manifest(own_cache)
    listed = {**{t["file"]: t for t in manifest["tables"].values()}}
    for entry in manifest["memo"].values():
        listed.update(entry["files"])
    for name, meta in listed.items():
        assert cache._file_hash(snap / name) == meta["hash"], name


def _note_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("netgraph: cache:")]


def test_an_unwritable_cache_dir_never_fails_a_command(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NETGRAPH_CACHE_DIR", str(blocker / "cache"))
    plain = run(capsys, ["suggest", "--top", "3", "--no-cache"])[1]
    code, out, err = run(capsys, ["suggest", "--top", "3"])
    assert code == 0
    assert out == plain
    assert len(_note_lines(err)) == 1
    assert "running without the cache" in err
    code, out, err = run(capsys, ["reach"])  # same process: said once already
    assert code == 0
    assert _note_lines(err) == []


def test_a_full_disk_never_fails_a_command(capsys, monkeypatch, own_cache):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache, "_write_tables", full)
    plain = run(capsys, ["bridges", "--no-cache"])[1]
    code, out, err = run(capsys, ["bridges"])
    assert (code, out) == (0, plain)
    assert len(_note_lines(err)) == 1
    assert "No space left on device" in err
    assert snapshots(own_cache) == []
    assert not list(own_cache.rglob(".build-*"))  # nothing half-written left


def test_a_full_disk_while_adding_a_result_keeps_the_snapshot_sound(capsys, monkeypatch):
    net = ng.load()

    def full(self, value):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache._Writer, "spec", full)
    expected = ng.suggest(ng.load(cache=False), "p001")
    assert ng.suggest(net, "p001").equals(expected)
    monkeypatch.undo()
    assert ng.suggest(ng.load(), "p001").equals(expected)


def test_a_second_process_building_meanwhile_runs_without_the_cache(capsys, own_cache):
    source = cache.source_for(ng.sample_data_path())
    base = cache._snapshots_root() / source.id
    plain = run(capsys, ["followups", "--no-cache"])[1]
    with cache._lock(base, wait=False) as got:  # another process holds the lock
        assert got
        code, out, err = run(capsys, ["followups"])
    assert (code, out) == (0, plain)
    assert "another netgraph process is building this snapshot" in err
    assert snapshots(own_cache) == []
    assert run(capsys, ["followups"])[1] == plain
    assert len(snapshots(own_cache)) == 1


def test_cache_info_and_clear(capsys, own_cache):
    code, out, _ = run(capsys, ["cache", "info"])
    assert code == 0
    assert "0 snapshots" in out
    assert str(own_cache) in out
    ng.load()
    code, out, _ = run(capsys, ["cache", "info", "--format", "json"])
    rows = json.loads(out)
    assert [r["kind"] for r in rows] == ["csv"]
    assert rows[0]["current"] is True
    assert rows[0]["source"] == str(ng.sample_data_path().resolve())
    (own_cache / "keep-me.txt").write_text("not netgraph's")
    code, out, _ = run(capsys, ["cache", "clear"])
    assert code == 0
    assert "removed every snapshot" in out
    assert snapshots(own_cache) == []
    assert (own_cache / "keep-me.txt").read_text() == "not netgraph's"


def test_the_cache_help_has_an_example(capsys):
    assert main(["cache", "--help"]) == 0
    assert "python -m netgraph cache info" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".sqlite", ".xlsx"])
def test_other_stores_are_cached_by_their_fingerprint(suffix, tmp_path, own_cache):
    from netgraph.sources import convert

    store = tmp_path / f"net{suffix}"
    convert(ng.sample_data_path(), store)
    plain = ng.load(store, cache=False)
    for _ in ("writes the snapshot", "reads it back"):
        net = ng.load(store)
        assert net._snapshot is not None
        for name in ("people", "ties", "interviews", "referrals"):
            pd.testing.assert_frame_equal(getattr(net, name), getattr(plain, name))
        assert ng.suggest(net, "p001").equals(ng.suggest(plain, "p001"))
    manifests = [json.loads((s / "manifest.json").read_text()) for s in snapshots(own_cache)]
    sources = [m["source"] for m in manifests]
    kind = {".sqlite": "sqlite", ".xlsx": "excel"}[suffix]
    assert {"kind": kind, "location": str(store.resolve())} in sources
