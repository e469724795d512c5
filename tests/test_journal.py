"""The write-ahead journal: a writer killed at any step leaves the folder before or after."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import people, write_folder

import netgraph as ng
from netgraph import _journal
from netgraph.errors import NetgraphError, OutputError

posix_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="kills a forked writer")

# Runs ACTION on a fresh copy of SRC once to learn its steps, then once per step (or per
# step PICK chooses) in a forked child that dies (os._exit, no clean-up) at that step.
DRIVER = r"""
import json, os, shutil, sys
from pathlib import Path
from netgraph import _journal
from netgraph.cli import main

src, work, action = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
pick = sys.argv[4] if len(sys.argv) > 4 else "list(range(len(labels)))"

def run(folder):
    space = {"main": main, "_journal": _journal, "folder": str(folder), "code": 0}
    exec(action, space)
    return space["code"]

labels = []
_journal._checkpoint = labels.append
shutil.copytree(src, work / "after")
sys.stdout = open(os.devnull, "w")
assert run(work / "after") == 0
codes = {}
for i in eval(pick, {"labels": labels}):
    dest = work / f"kill{i}"
    shutil.copytree(src, dest)
    pid = os.fork()
    if pid == 0:
        seen = []
        def die(label):
            seen.append(label)
            if len(seen) == i + 1:
                os._exit(86)
        _journal._checkpoint = die
        run(dest)
        os._exit(0)
    codes[i] = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
sys.stdout = sys.__stdout__
print(json.dumps({"labels": labels, "codes": codes}))
"""


def _kill_at_every_step(
    src: Path, work: Path, action: str, pick: str | None = None
) -> tuple[list[str], list[int]]:
    """Return the steps of ``action`` and the indices of those it was killed at."""
    work.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(src), str(work), action, *([pick] if pick else [])],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    killed = sorted(int(i) for i in result["codes"])
    assert killed and set(result["codes"].values()) == {86}  # every child died at its step
    return result["labels"], killed


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry of ``folder`` but the lock file: files by content, folders as a mark."""
    return {
        p.name: b"<folder>" if p.is_dir() else p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.name != _journal.LOCK_NAME
    }


@pytest.fixture
def data(tmp_path) -> Path:
    return write_folder(
        tmp_path / "src",
        people("s1", "a1"),
        interviews=[
            {
                "interview_id": "i0001",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "2025-01-10",
                "status": "completed",
            }
        ],
    )


@posix_only
def test_log_killed_at_every_step_is_all_or_nothing_and_retry_adds_no_duplicate(data, tmp_path):
    argv = ["log", "interview", "--seeker", "s1", "--contact", "Noor Haddad"]
    argv += ["--new-contact", "role=alum", "--date", "2025-02-01"]
    action = f"code = main({argv!r} + ['--data', folder])"
    labels, killed = _kill_at_every_step(data, tmp_path / "w", action)
    assert killed == list(range(len(labels)))
    assert labels == [
        "staged people.csv",
        "staged interviews.csv",
        "validated",
        "journal written",
        "committed",
        "replaced people.csv",
        "replaced interviews.csv",
        "journal removed",
        "cleaned",
    ]
    before = _snapshot(data)
    after = _snapshot(tmp_path / "w" / "after")
    assert after["people.csv"] != before["people.csv"]
    assert after["interviews.csv"] != before["interviews.csv"]
    commit_point = labels.index("committed")
    for i, label in enumerate(labels):
        folder = tmp_path / "w" / f"kill{i}"
        on_disk = {k: v for k, v in _snapshot(folder).items() if k.endswith(".csv")}
        if i < commit_point:  # nothing the user reads has changed yet
            assert on_disk == before, label
        net = ng.load(folder)  # the next reader finishes or drops the interrupted commit
        expected = after if i >= commit_point else before
        assert _snapshot(folder) == expected, label  # no journal, no staging left either
        assert len(net.people) == (3 if i >= commit_point else 2)
        # retrying the command never adds Noor twice
        from netgraph.cli import main

        code = main([*argv, "--data", str(folder)])
        assert code == (2 if i >= commit_point else 0), label
        assert _snapshot(folder) == after, label
        names = ng.load(folder).people["name"].tolist()
        assert names.count("Noor Haddad") == 1


@posix_only
def test_journal_commit_with_deletions_killed_at_every_step(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, text in {"a.txt": "old a", "b.txt": "old b", "gone.txt": "old gone"}.items():
        (src / name).write_text(text, encoding="utf-8")
    changes = {"a.txt": b"new a", "c.txt": b"new c", "gone.txt": None, "b.txt": b"new b"}
    action = f"with _journal.locked(folder):\n    _journal.commit(folder, {changes!r})"
    labels, killed = _kill_at_every_step(src, tmp_path / "w", action)
    assert killed == list(range(len(labels)))
    assert "deleted gone.txt" in labels and "validated" not in labels
    before, after = _snapshot(src), _snapshot(tmp_path / "w" / "after")
    assert after == {"a.txt": b"new a", "b.txt": b"new b", "c.txt": b"new c"}
    commit_point = labels.index("committed")
    for i, label in enumerate(labels):
        folder = tmp_path / "w" / f"kill{i}"
        with _journal.locked(folder):
            pass
        assert _snapshot(folder) == (after if i >= commit_point else before), label


@posix_only
def test_report_update_killed_mid_commit_is_old_or_new_and_never_stuck(tmp_path):
    import pickle

    from netgraph import report

    names = ["index.html", *(f"table_{n}.csv" for n in range(16)), "figure.png"]
    files = {name: f"new {name}\n".encode() for name in names}
    report._write_report_files(
        tmp_path / "src" / "R",
        {"old_table.csv": b"old\n"} | {name: f"old {name}\n".encode() for name in names},
    )
    (tmp_path / "files.pickle").write_bytes(pickle.dumps(files))
    action = (  # the writing half of write_report, as after the tables are computed
        "import pickle, pathlib\nfrom netgraph import report\n"
        f"files = pickle.loads(pathlib.Path({str(tmp_path / 'files.pickle')!r}).read_bytes())\n"
        "report._write_report_files(pathlib.Path(folder) / 'R', files)"
    )
    src = tmp_path / "src"
    pick = (  # every kind of step, but not all 2 x 19 alike staging and swap steps
        "[i for i, label in enumerate(labels) if i % 6 == 0 or i == len(labels) - 1"
        " or not label.startswith(('staged', 'replaced'))"
        " or not labels[i - 1].startswith(label.split()[0])"
        " or not labels[i + 1].startswith(label.split()[0])]"
    )
    labels, killed = _kill_at_every_step(src, tmp_path / "w", action, pick)
    assert len(labels) == 2 * (len(files) + 1) + 1 + 4  # staged + replaced, 1 delete, 4 marks
    assert {labels[i].split()[0] for i in killed} == {
        "staged",
        "journal",
        "committed",
        "replaced",
        "deleted",
        "cleaned",
    }
    old, new = _snapshot(src / "R"), _snapshot(tmp_path / "w" / "after" / "R")
    assert old != new and "old_table.csv" in old and "old_table.csv" not in new
    commit_point = labels.index("committed")
    for i in killed:
        folder = tmp_path / "w" / f"kill{i}" / "R"
        with _journal.locked(folder):  # what the next run does first
            pass
        assert _snapshot(folder) == (new if i >= commit_point else old), labels[i]
        report._write_report_files(folder, files)  # never refused as foreign afterwards
        assert _snapshot(folder) == new, labels[i]


def test_stale_staging_of_old_versions_is_removed(data, tmp_path):
    stale = data / ".netgraph-pending-k2j3h4"  # an old version copied the whole folder here
    stale.mkdir()
    (stale / "people.csv").write_bytes((data / "people.csv").read_bytes())
    (data / f"{_journal.JOURNAL_NAME}.abc.tmp").write_text("{", encoding="utf-8")
    ng.record_person(data, name="Kai Lee")
    assert sorted(p.name for p in data.iterdir() if p.name.startswith(".")) == [".netgraph.lock"]


def test_reader_finishes_an_interrupted_commit(data):
    new = (data / "people.csv").read_bytes() + b"p9,Zoe Quinn,alum,,,,,,,,,\n"
    pending = data / ".netgraph-pending-feed"
    pending.mkdir()
    (pending / "people.csv").write_bytes(new)
    journal = {"version": 1, "token": "feed", "files": [{"name": "people.csv", "sha256": "x"}]}
    (data / _journal.JOURNAL_NAME).write_text(json.dumps(journal), encoding="utf-8")
    assert "p9" in ng.load(data).people.index
    assert (data / "people.csv").read_bytes() == new
    assert not pending.exists() and not (data / _journal.JOURNAL_NAME).exists()


def test_reader_of_a_read_only_folder_with_an_interrupted_commit_is_refused(data):
    (data / _journal.JOURNAL_NAME).write_text('{"version": 1}', encoding="utf-8")
    data.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="interrupted and cannot be finished"):
            ng.load(data)
    finally:
        data.chmod(0o755)


def test_unreadable_journal_is_not_guessed_at(data):
    (data / _journal.JOURNAL_NAME).write_text('{"version": 1, "token": "t"}', encoding="utf-8")
    with pytest.raises(NetgraphError, match="remove the journal by hand"):
        ng.record_person(data, name="Kai Lee")
    journal = {"version": 1, "token": "t", "files": [{"name": "../people.csv", "sha256": "x"}]}
    (data / _journal.JOURNAL_NAME).write_text(json.dumps(journal), encoding="utf-8")
    with pytest.raises(NetgraphError, match="unknown journal layout"):
        ng.load(data)


def test_lost_staged_file_is_reported_not_ignored(data):
    journal = {"version": 1, "token": "t", "files": [{"name": "people.csv", "sha256": "0" * 64}]}
    (data / _journal.JOURNAL_NAME).write_text(json.dumps(journal), encoding="utf-8")
    with pytest.raises(NetgraphError, match=r"the new people\.csv is lost"):
        ng.load(data)


def test_full_disk_leaves_the_folder_as_it_was(data, monkeypatch):
    before = _snapshot(data)
    real = _journal._write_synced
    calls = []

    def full(path: Path, payload: bytes) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, payload)

    monkeypatch.setattr(_journal, "_write_synced", full)
    with pytest.raises(OutputError, match="the disk is full; nothing was changed"):
        ng.record_interview(data, seeker="s1", contact="Ada", new_contact={}, date="2025-02-01")
    assert _snapshot(data) == before
    assert not [p for p in data.iterdir() if p.name.startswith(_journal.PENDING_PREFIX)]


def test_commit_refuses_names_with_a_folder_part(data):
    with _journal.locked(data), pytest.raises(ValueError, match="plain file name"):
        _journal.commit(data, {"../x.csv": b"x"})
