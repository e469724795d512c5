"""Recording new rows: validated first, atomic, locked, existing bytes untouched."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from pathlib import Path

import pytest
from _write_worker import write_many
from conftest import people, write_folder

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import DataError, NetgraphError, OutputError, UnknownPerson
from netgraph.record import record_interview, record_person, record_referral

PEOPLE_FILES = ["interviews.csv", "people.csv", "referrals.csv", "ties.csv"]


@pytest.fixture
def folder(tmp_path) -> Path:
    return write_folder(
        tmp_path / "d",
        [{**p, "hobby": "chess"} for p in people("s1", "a1", "b1")],
        interviews=[
            {
                "interview_id": "i0007",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "2025-01-10",
                "status": "completed",
                "notes": 'said "hi", left',
            }
        ],
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_interview_is_appended_and_old_bytes_untouched(folder):
    before = _snapshot(folder)
    row = record_interview(
        folder,
        seeker="s1",
        contact="Name b1",
        date="2025-02-01",
        notes="line one\nline two, with comma",
    )
    assert row["interview_id"] == "i0008" and row["contact_id"] == "b1"
    after = _snapshot(folder)
    assert after["interviews.csv"].startswith(before["interviews.csv"])
    assert after["people.csv"] == before["people.csv"]
    net = ng.load(folder)
    assert net.interviews["notes"].iloc[-1] == "line one\nline two, with comma"
    assert len(net.interviews) == 2


def test_new_person_added_on_the_fly_with_attributes(folder):
    row = record_interview(
        folder,
        seeker="s1",
        contact="Jane Roe",
        date="2025-02-01",
        new_contact={"role": "alum", "organization": "Acme"},
    )
    net = ng.load(folder)
    pid = row["contact_id"]
    assert net.people.loc[pid, "name"] == "Jane Roe"
    assert net.people.loc[pid, "organization"] == "Acme"
    assert net.people.loc[pid, "hobby"] == ""  # unknown extra column kept, empty


def test_invalid_row_is_refused_and_nothing_changes(folder):
    before = _snapshot(folder)
    with pytest.raises(DataError) as info:
        record_interview(folder, seeker="s1", contact="b1", date="2025-02-30", status="done")
    where = {(p.file, p.line, p.column) for p in info.value.problems}
    assert where == {("interviews.csv", 3, "date"), ("interviews.csv", 3, "status")}
    assert _snapshot(folder) == before
    assert not list(folder.glob(".netgraph-pending-*"))


def test_unknown_person_is_refused(folder):
    with pytest.raises(UnknownPerson, match="Nobody"):
        record_interview(folder, seeker="s1", contact="Nobody", date="2025-02-01")


def test_unknown_column_is_refused(tmp_path):
    folder = write_folder(tmp_path / "d", people("s1", "a1"))
    (folder / "interviews.csv").write_text(
        "interview_id,seeker_id,contact_id,date,status\n", encoding="utf-8"
    )
    with pytest.raises(NetgraphError, match="no column 'notes'"):
        record_interview(folder, seeker="s1", contact="a1", date="2025-02-01", notes="x")


@pytest.mark.parametrize(
    ("header", "encoding", "newline", "bom"),
    [
        ("person_id,name,role,x", "utf-8", "\r\n", b""),
        ("person_id;name;role;x", "utf-8", "\n", b""),
        ("person_id,name,role,x", "utf-8", "\n", b"\xef\xbb\xbf"),
        ("person_id,name,role,x", "utf-16-le", "\r\n", b"\xff\xfe"),
    ],
    ids=["crlf", "semicolon", "utf8-bom", "utf16"],
)
def test_file_format_is_preserved(tmp_path, header, encoding, newline, bom):
    folder = tmp_path / "d"
    folder.mkdir()
    sep = ";" if ";" in header else ","
    body = (
        newline.join(
            [
                header,
                sep.join(["s1", '"Sam; ""S"""', "student", "keep me"]),
                sep.join(["a1", "Ana", "alum", ""]),
            ]
        )
        + newline
    )
    original = bom + body.encode(encoding)
    (folder / "people.csv").write_bytes(original)
    pid = record_person(folder, name="Émile Zola", role="alum")
    new = (folder / "people.csv").read_bytes()
    assert new.startswith(original)
    tail = new[len(original) :].decode(encoding)
    assert tail == sep.join([pid, "Émile Zola", "alum", ""]) + newline
    net = ng.load(folder)
    assert net.people.loc["s1", "name"] == 'Sam; "S"'
    assert net.people.loc[pid, "name"] == "Émile Zola"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("name", ["x\r=1+1", "two\nlines", "both\r\nends"])
def test_a_line_break_inside_a_value_never_splits_the_row(tmp_path, newline, name):
    """Issue 13: the csv module quotes only its own line ending's characters, so a bare CR
    in a name logged into an LF file was written unquoted and split the row."""
    folder = tmp_path / "d"
    folder.mkdir()
    original = newline.join(["person_id,name,role", "s1,Sam,student"]) + newline
    (folder / "people.csv").write_bytes(original.encode())
    pid = record_person(folder, name=name, role="alum")
    assert (folder / "people.csv").read_bytes().startswith(original.encode())
    net = ng.load(folder)
    assert list(net.people.index) == ["s1", pid]
    assert net.people.loc[pid, "name"] == name


def test_referral_into_file_without_ids_and_missing_file(tmp_path):
    folder = write_folder(tmp_path / "d", people("s1", "a1", "b1"))
    (folder / "referrals.csv").unlink()
    row = record_referral(folder, referrer="a1", seeker="s1", referred="b1", date="2025-01-01")
    assert row["referral_id"] == "r0001"
    net = ng.load(folder)
    assert net.referrals["referred_id"].tolist() == ["b1"]
    (folder / "referrals.csv").write_text(
        "interview_id,referrer_id,seeker_id,referred_id,date,status\n", encoding="utf-8"
    )
    row = record_referral(folder, referrer="a1", seeker="s1", referred="b1", date="2025-01-01")
    assert "referral_id" not in row
    assert ng.load(folder).referrals["referral_id"].tolist() == ["r2"]


def _all_arrived(folder: Path, expected: set[str]) -> None:
    notes = set(ng.load(folder).interviews["notes"])
    assert expected <= notes
    ids = ng.load(folder).interviews["interview_id"]
    assert ids.is_unique


# The default run repeats the race 5 times; NETGRAPH_STRESS=50 repeats it 50 times in a row.
ATTEMPTS = int(os.environ.get("NETGRAPH_STRESS", "5"))


@pytest.mark.parametrize("attempt", range(ATTEMPTS))
def test_concurrent_writers_lose_no_row(folder, attempt):
    threads = [threading.Thread(target=write_many, args=(folder, f"t{t}", 2)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _all_arrived(folder, {f"t{t}-{k}" for t in range(4) for k in range(2)})


def test_concurrent_processes_lose_no_row(folder):
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=write_many, args=(folder, f"p{i}", 4)) for i in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    _all_arrived(folder, {f"p{i}-{k}" for i in range(3) for k in range(4)})


def test_cli_log_commands(folder, capsys):
    def log(what: str, *args: str) -> int:
        return main(["log", what, "--data", str(folder), *args])

    assert log("person", "--name", "Kai Lee", "--set", "role=alum") == 0
    assert "added p" in capsys.readouterr().out
    interview = ["--seeker", "s1", "--contact", "Kai Lee", "--date", "2025-02-02"]
    assert log("interview", *interview, "--format", "json") == 0
    assert '"seeker_id":"s1"' in capsys.readouterr().out
    referral = ["--seeker", "s1", "--referrer", "a1", "--referred", "New Name"]
    referral += ["--new-referred", "role=alum", "--date", "2025-02-03", "--interview", "i0007"]
    assert log("referral", *referral) == 0
    assert log("interview", "--seeker", "s1", "--contact", "a1", "--date", "soon") == 2
    assert "interviews.csv" in capsys.readouterr().err
    assert log("person", "--name", "X", "--set", "oops") == 2
    assert "expected KEY=VALUE" in capsys.readouterr().err


# ------------------------------------------------------ destinations and retries
def test_retry_with_a_new_contact_adds_the_person_once(folder, capsys):
    args = ["log", "interview", "--data", str(folder), "--seeker", "s1", "--date", "2025-02-01"]
    args += ["--contact", "Jane Roe", "--new-contact", "role=alum"]
    assert main(args) == 0
    before = _snapshot(folder)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "'Jane Roe' is already in people.csv as p" in err and "--same-name" in err
    assert _snapshot(folder) == before
    assert main([*args, "--same-name"]) == 0
    assert ng.load(folder).people["name"].tolist().count("Jane Roe") == 2
    with pytest.raises(NetgraphError, match=r"already in people\.csv"):
        record_person(folder, name="  jane   ROE ")


def test_symlinked_people_file_is_written_through(folder, tmp_path):
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    real = elsewhere / "roster.csv"
    (folder / "people.csv").rename(real)
    (folder / "people.csv").symlink_to(real)
    pid = record_person(folder, name="Kai Lee")
    assert (folder / "people.csv").is_symlink()
    assert (folder / "people.csv").resolve() == real
    assert pid in ng.load(folder).people.index
    assert sorted(p.name for p in elsewhere.iterdir()) == ["roster.csv"]  # no staging left


def test_symlink_within_the_folder_is_written_through(folder):
    (folder / "people.csv").rename(folder / "people-2025.csv")
    (folder / "people.csv").symlink_to("people-2025.csv")
    record_interview(folder, seeker="s1", contact="Ann", new_contact={}, date="2025-02-01")
    assert (folder / "people.csv").is_symlink()
    assert b"Ann" in (folder / "people-2025.csv").read_bytes()


def test_read_only_file_is_refused_by_name(folder, capsys):
    before = _snapshot(folder)
    (folder / "people.csv").chmod(0o444)
    try:
        with pytest.raises(OutputError, match=r"people\.csv is read-only; make it writable"):
            record_person(folder, name="Kai Lee")
        # the interview alone does not touch people.csv and goes through
        record_interview(folder, seeker="s1", contact="a1", date="2025-02-01")
        args = ["log", "person", "--data", str(folder), "--name", "Kai Lee"]
        assert main(args) == 2
    finally:
        (folder / "people.csv").chmod(0o644)
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error:") and "people.csv is read-only" in err
    assert _snapshot(folder)["people.csv"] == before["people.csv"]


def test_cr_only_file_gets_a_cr_ended_row(tmp_path):
    folder = write_folder(tmp_path / "d", people("s1", "a1"))
    raw = (folder / "people.csv").read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    (folder / "people.csv").write_bytes(raw)
    pid = record_person(folder, name="Kai Lee", role="alum")
    new = (folder / "people.csv").read_bytes()
    assert new.startswith(raw) and new.endswith(b"\r") and b"\n" not in new
    assert ng.load(folder).people.loc[pid, "name"] == "Kai Lee"


def _read_only_folder(path: Path) -> Path:
    folder = write_folder(path, people("s1", "a1"))
    folder.chmod(0o555)
    return folder


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing", "no data folder at"),
        (lambda p: p.write_text("x", encoding="utf-8") and p, "is a file"),
        (_read_only_folder, "is read-only"),
    ],
    ids=["missing", "a-file", "read-only"],
)
def test_log_into_an_unusable_folder_exits_2(tmp_path, capsys, make, message):
    target = make(tmp_path / "d")
    try:
        args = ["log", "person", "--data", str(target), "--name", "Kai Lee"]
        assert main(args) == 2
    finally:
        if target.is_dir():
            target.chmod(0o755)
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error:") and message in err and "Traceback" not in err
    if target.is_dir():
        assert sorted(p.name for p in target.iterdir()) == sorted(PEOPLE_FILES)


def test_permission_refused_by_the_system_is_a_clear_error(folder, monkeypatch):
    from netgraph import _journal

    def refuse(path: Path, payload: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    before = _snapshot(folder)
    monkeypatch.setattr(_journal, "_write_synced", refuse)
    with pytest.raises(OutputError, match="permission denied"):
        record_person(folder, name="Kai Lee")
    assert _snapshot(folder) == before


def test_record_touch_appends_and_resets_keep_in_touch(tmp_path, capsys):
    from conftest import people, write_folder

    from netgraph.cli import main

    iv = [
        {
            "interview_id": "i1",
            "seeker_id": "s",
            "contact_id": "a",
            "date": "2025-01-01",
            "status": "completed",
            "thank_you_sent": "2025-01-01",
        }
    ]
    folder = write_folder(tmp_path / "d", people("s", "a"), (), iv)
    before = ng.followups(ng.load(folder), "s", today="2025-05-01")
    assert before["kind"].tolist() == ["keep_in_touch"]  # 120 days: past the ideal 90
    argv = ["log", "touch", "--data", str(folder), "--seeker", "s", "--contact", "Name a"]
    assert main([*argv, "--date", "2025-04-20", "--channel", "call", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "touch_id,seeker_id,contact_id,date,channel,notes",
        "t0001,s,a,2025-04-20,call,",
    ]
    assert (folder / "touches.csv").read_text(encoding="utf-8") == (
        "touch_id,seeker_id,contact_id,date,channel,notes\nt0001,s,a,2025-04-20,call,\n"
    )
    assert ng.followups(ng.load(folder), "s", today="2025-05-01").empty  # reset by the touch
    assert main([*argv, "--date", "2025-04-21"]) == 0
    assert ng.load(folder).touches["touch_id"].tolist() == ["t0001", "t0002"]
    assert main([*argv, "--date", "2999-01-01"]) == 2  # a touch is something that happened
    assert "touches.csv:4: column 'date'" in capsys.readouterr().err
    assert len(ng.load(folder).touches) == 2  # nothing written


def test_cli_log_on_a_full_disk_exits_2_and_changes_nothing(folder, capsys, monkeypatch):
    import errno

    from netgraph import _journal

    def full(path: Path, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    before = _snapshot(folder)
    monkeypatch.setattr(_journal, "_write_synced", full)
    args = ["log", "interview", "--data", str(folder), "--seeker", "s1", "--contact", "a1"]
    assert main([*args, "--date", "2025-02-01"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error: cannot write") and "the disk is full" in err
    assert "Traceback" not in err
    assert _snapshot(folder) == before
    assert not list(folder.glob(".netgraph-*"))  # no journal, no staging (the lock stays)
