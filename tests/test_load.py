"""Loading and validation: good folders load typed; bad ones report every problem."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import people, write_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import netgraph as ng
from netgraph.errors import DataError, Problem


def _problems(folder: Path) -> list[Problem]:
    with pytest.raises(DataError) as info:
        ng.load(folder)
    return info.value.problems


def _where(problems: list[Problem]) -> set[tuple]:
    return {(p.file, p.line, p.column) for p in problems}


GOOD_PEOPLE = [
    {
        "person_id": "s1",
        "name": "Sam Seeker",
        "role": "Student",
        "grad_year": "2026",
        "tags": "ux; health ;",
        "email": "sam@example.org",
        "shoe_size": "42",
    },
    {"person_id": "a1", "name": "Ana Álvarez", "role": "alum", "industry": "Healthcare"},
    {"person_id": "b1", "name": "Bo Chen", "role": "alum"},
]


def test_good_folder_loads_typed_and_keeps_extra_columns(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        GOOD_PEOPLE,
        interviews=[
            {
                "interview_id": "i1",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "2025-01-10",
                "status": "Completed",
                "thank_you_sent": "2025-01-11",
            }
        ],
        referrals=[
            {
                "referral_id": "r1",
                "interview_id": "i1",
                "referrer_id": "a1",
                "seeker_id": "s1",
                "referred_id": "b1",
                "date": "2025-01-12",
                "status": "named",
            }
        ],
    )
    net = ng.load(folder)
    p = net.people
    assert list(p.index) == ["s1", "a1", "b1"]
    assert p.loc["s1", "role"] == "student"  # enums are case-insensitive, stored lower-case
    assert p.loc["s1", "tags"] == ("ux", "health")
    assert p.loc["s1", "grad_year"] == 2026
    assert pd.isna(p.loc["a1", "grad_year"])
    assert p.loc["s1", "shoe_size"] == "42"  # unknown columns are kept
    assert net.interviews.loc[0, "date"] == pd.Timestamp("2025-01-10")
    assert net.interviews.loc[0, "status"] == "completed"
    assert len(net.referrals) == 1


def test_people_and_ties_only_is_valid(tmp_path):
    folder = write_folder(
        tmp_path / "d", GOOD_PEOPLE, ties=[{"person_a": "s1", "person_b": "a1", "kind": "friend"}]
    )
    (folder / "interviews.csv").unlink()
    (folder / "referrals.csv").write_text(
        "interview_id,referrer_id,seeker_id,referred_id,date,status\n", encoding="utf-8"
    )
    net = ng.load(folder)
    assert len(net.interviews) == 0 and len(net.referrals) == 0
    assert net.acquaintance.number_of_edges() == 1
    assert net.referral_graph.number_of_edges() == 0


def test_utf8_bom_and_blank_rows_are_fine(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "people.csv").write_bytes(
        "\ufeffperson_id,name,,\ns1,Zoë,,\n,,,\n\np2,Ola,,\n".encode()
    )
    net = ng.load(folder)
    assert list(net.people.index) == ["s1", "p2"]
    assert net.people.loc["s1", "name"] == "Zoë"


def test_every_problem_is_reported_at_once(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        [
            {"person_id": "s1", "name": "Sam", "role": "student"},
            {"person_id": "s1", "name": "Dup", "role": "alum", "grad_year": "20x5"},
            {"person_id": "a1", "name": "", "role": "boss"},
        ],
        interviews=[
            {
                "interview_id": "i1",
                "seeker_id": "s1",
                "contact_id": "zz",
                "date": "2025-13-01",
                "status": "done",
            },
            {
                "interview_id": "i2",
                "seeker_id": "s1",
                "contact_id": "s1",
                "date": "2025-01-01",
                "status": "completed",
                "thank_you_sent": "2024-12-31",
            },
            {
                "interview_id": "i2",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "2025-01-02",
                "status": "completed",
            },
        ],
        referrals=[
            {
                "interview_id": "i9",
                "referrer_id": "a1",
                "seeker_id": "s1",
                "referred_id": "a1",
                "date": "2025-02-01",
                "status": "named",
            },
        ],
    )
    probs = _problems(folder)
    assert _where(probs) == {
        ("people.csv", 3, "person_id"),
        ("people.csv", 3, "grad_year"),
        ("people.csv", 4, "name"),
        ("people.csv", 4, "role"),
        ("interviews.csv", 2, "contact_id"),
        ("interviews.csv", 2, "date"),
        ("interviews.csv", 2, "status"),
        ("interviews.csv", 3, "contact_id"),
        ("interviews.csv", 3, "thank_you_sent"),
        ("interviews.csv", 4, "interview_id"),
        ("referrals.csv", 2, "interview_id"),
        ("referrals.csv", 2, "referred_id"),
    }
    by_where = {(p.file, p.line, p.column): p for p in probs}
    dup = by_where[("people.csv", 3, "person_id")]
    assert dup.value == "s1" and "already used on line 2" in dup.expected
    assert by_where[("interviews.csv", 2, "date")].value == "2025-13-01"
    assert "YYYY-MM-DD" in by_where[("interviews.csv", 2, "date")].expected
    assert "completed" in by_where[("interviews.csv", 2, "status")].expected
    assert "people.csv" in by_where[("interviews.csv", 2, "contact_id")].expected


def test_referral_must_agree_with_its_interview(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        people("s1", "s2", "a1", "b1", "c1"),
        interviews=[
            {
                "interview_id": "i1",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "2025-03-01",
                "status": "completed",
            }
        ],
        referrals=[
            {
                "interview_id": "i1",
                "referrer_id": "b1",
                "seeker_id": "s2",
                "referred_id": "c1",
                "date": "2025-02-01",
                "status": "named",
            }
        ],
    )
    by_col = {p.column: p for p in _problems(folder)}
    assert set(by_col) == {"referrer_id", "seeker_id", "date"}
    assert "'a1', the contact of interview i1" in by_col["referrer_id"].expected
    assert "'s1', the seeker of interview i1" in by_col["seeker_id"].expected
    assert "2025-03-01" in by_col["date"].expected


@pytest.mark.parametrize(
    ("setup", "file", "expected"),
    [
        (lambda f: (f / "people.csv").unlink(), "people.csv", "a file people.csv"),
        (lambda f: (f / "people.csv").write_text("", encoding="utf-8"), "people.csv", "header"),
        (
            lambda f: (f / "people.csv").write_text("id,name\nx,y\n", encoding="utf-8"),
            "people.csv",
            "a column named 'person_id'",
        ),
        (
            lambda f: (f / "people.csv").write_bytes(b"person_id,name\nx,\xff\xfe\n"),
            "people.csv",
            "UTF-8",
        ),
        (lambda f: ((f / "ties.csv").unlink(), (f / "ties.csv").mkdir()), "ties.csv", "folder"),
        (
            lambda f: (f / "people.csv").write_text(
                "person_id,name,name\nx,y,z\n", encoding="utf-8"
            ),
            "people.csv",
            "each column name once",
        ),
    ],
    ids=[
        "missing-people",
        "empty-people",
        "renamed-column",
        "not-utf8",
        "dir-for-file",
        "duplicate-column",
    ],
)
def test_structural_problems(tmp_path, setup, file, expected):
    folder = write_folder(tmp_path / "d", people("s1", "a1"))
    setup(folder)
    probs = _problems(folder)
    assert any(p.file == file and expected in p.expected for p in probs), probs


def test_missing_folder_is_a_data_error(tmp_path):
    probs = _problems(tmp_path / "nope")
    assert "a folder holding people.csv" in probs[0].expected


def test_message_names_file_line_column_value_and_expectation(tmp_path):
    folder = write_folder(tmp_path / "d", [{"person_id": "a", "name": "A", "grad_year": "soon"}])
    with pytest.raises(DataError) as info:
        ng.load(folder)
    msg = str(info.value)
    assert msg.startswith("1 problem in the data:")
    assert "people.csv:2: column 'grad_year': got 'soon'; expected a whole number" in msg


def test_sample_data_loads_and_has_the_promised_shape(sample):
    assert len(sample.people) >= 100
    assert sample.people["industry"].replace("", pd.NA).dropna().nunique() >= 8
    assert len(sample.interviews) >= 200
    assert "p001" in sample.seekers


def test_referral_id_filled_from_line_when_absent(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        people("s1", "a1", "b1"),
        referrals=[
            {
                "referrer_id": "a1",
                "seeker_id": "s1",
                "referred_id": "b1",
                "date": "2025-01-01",
                "status": "named",
            }
        ],
    )
    assert ng.load(folder).referrals["referral_id"].tolist() == ["r2"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(st.text(max_size=12), min_size=2, max_size=12))
def test_any_people_cells_load_or_raise_data_error(tmp_path, cells):
    folder = tmp_path / "h"
    folder.mkdir(exist_ok=True)
    rows = [{"person_id": cells[i], "name": cells[i + 1]} for i in range(0, len(cells) - 1, 2)]
    write_folder(folder, rows)
    try:
        net = ng.load(folder)
    except DataError as exc:
        assert exc.problems
        assert all(isinstance(p.line, int | None) for p in exc.problems)
    else:
        assert len(net.people) <= len(rows)


def _same(a: ng.ReferralNetwork, b: ng.ReferralNetwork) -> None:
    pd.testing.assert_frame_equal(a.people, b.people)
    for name in ("ties", "interviews", "referrals"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert sorted(a.acquaintance.edges(data="strength")) == sorted(
        b.acquaintance.edges(data="strength")
    )


def test_round_trip_sample(sample, tmp_path):
    ng.save(sample, tmp_path / "copy")
    _same(sample, ng.load(tmp_path / "copy"))


def test_round_trip_hand_made(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        GOOD_PEOPLE,
        ties=[{"person_a": "s1", "person_b": "a1", "kind": "mentor", "strength": "0.35"}],
        interviews=[
            {
                "interview_id": "i1",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "10 Jan 2025",
                "status": "completed",
                "notes": '=cmd "x"\nline',
            }
        ],
    )
    net = ng.load(folder)
    ng.save(net, tmp_path / "copy")
    _same(net, ng.load(tmp_path / "copy"))
    assert not list((tmp_path / "copy").glob("*.tmp"))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_any_bytes_load_or_raise_data_error(tmp_path, data):
    folder = tmp_path / "b"
    folder.mkdir(exist_ok=True)
    (folder / "people.csv").write_bytes(b"person_id,name\n" + data)
    try:
        ng.load(folder)
    except DataError as exc:
        assert exc.problems


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=300),
    file=st.sampled_from(["ties.csv", "interviews.csv", "referrals.csv"]),
)
def test_any_bytes_in_other_files_load_or_raise_data_error(tmp_path, data, file):
    folder = write_folder(tmp_path / "o", people("s1", "a1"))
    (folder / file).write_bytes(data)
    try:
        ng.load(folder)
    except DataError as exc:
        assert exc.problems


def test_many_problems_are_counted_not_listed_forever(tmp_path):
    rows = "".join(f"x{i},y{i},friend\n" for i in range(5000))
    folder = write_folder(tmp_path / "d", people("s1"))
    (folder / "ties.csv").write_text("person_a,person_b,kind\n" + rows, encoding="utf-8")
    with pytest.raises(DataError) as info:
        ng.load(folder)
    probs = info.value.problems
    assert len(probs) == 2 * 201  # 200 listed + 1 summary, for person_a and for person_b
    summary = [p for p in probs if p.line is None]
    assert {p.column for p in summary} == {"person_a", "person_b"}
    assert all(p.value == "4,800 more rows after line 201" for p in summary)


def test_ten_megabyte_field_is_refused_clearly(tmp_path):
    folder = write_folder(tmp_path / "d", people("s1", "a1"))
    (folder / "interviews.csv").write_text(
        "interview_id,seeker_id,contact_id,date,status,notes\n"
        f"i1,s1,a1,2025-01-01,completed,{'n' * 10_000_000}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        ng.load(folder)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("interviews.csv", 2, "notes")
    assert "at most 100,000 characters" in problem.expected
    assert problem.value.endswith("(10,000,000 characters)")


# ------------------------------------------------------------ wide headers
def _no_rows_read(monkeypatch) -> None:
    """Make reading the rows fail: a refused header must be refused before that."""

    def boom(*args, **kwargs):
        raise AssertionError("the rows were read")

    monkeypatch.setattr(pd, "read_csv", boom)


def test_a_header_longer_than_64_kib_is_checked_whole(tmp_path):
    # the duplicate-name check used to read 64 KiB: a name cut there ("c5" of "c500")
    # looked like a copy of an earlier one, and a valid file was refused
    names = [f"c{i}" for i in range(1000)]
    tail = ",".join(names)
    before_cut = len("person_id,name,") + 1 + tail.index(",c500,") + 3
    long_name = "x" * ((1 << 16) - before_cut)
    header = ",".join(["person_id", "name", long_name, *names])
    assert header[: 1 << 16].endswith(",c5") and len(header) > 1 << 16
    folder = tmp_path / "d"
    folder.mkdir()
    row = ",".join(["p1", "Pat", "", *("v" for _ in names)])
    (folder / "people.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    net = ng.load(folder)
    assert net.people.columns.tolist()[-1000:] == names
    assert net.people.loc["p1", "c500"] == "v"


def test_a_duplicate_past_64_kib_is_still_found(tmp_path):
    names = [f"c{i}" for i in range(12_000)]
    header = ",".join(["person_id", "name", *names, "c11999"])
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "people.csv").write_text(f"{header}\n", encoding="utf-8")
    (problem,) = _problems(folder)
    assert (problem.line, problem.column, problem.expected) == (
        1,
        "c11999",
        "each column name once",
    )


@pytest.mark.parametrize(
    ("columns", "value"),
    [
        (16_385, "a header row of 16,385 columns"),
        (1_000_000, "a header row longer than 4 MiB"),  # the attack: was 400 s and 4.7 GB
    ],
)
def test_absurdly_wide_headers_are_refused_before_any_row_is_read(
    tmp_path, monkeypatch, columns, value
):
    folder = tmp_path / "d"
    folder.mkdir()
    header = ",".join(["person_id", "name", *(f"c{i}" for i in range(columns - 2))])
    (folder / "people.csv").write_text(f"{header}\np1,Pat\n", encoding="utf-8")
    _no_rows_read(monkeypatch)
    (problem,) = _problems(folder)
    assert (problem.file, problem.line) == ("people.csv", 1)
    assert problem.value.startswith(value)
    assert problem.expected == (
        "a header row of at most 16,384 columns (the most a spreadsheet holds)"
    )


def test_the_widest_spreadsheet_is_the_limit():
    from netgraph.load import MAX_COLUMNS, MAX_HEADER_BYTES

    assert MAX_COLUMNS == 16_384  # Excel's and LibreOffice Calc's last column, XFD
    assert MAX_HEADER_BYTES >= MAX_COLUMNS * 256


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes")
@pytest.mark.parametrize("file", ["people.csv", "ties.csv"])
def test_a_named_pipe_is_refused_not_waited_on(tmp_path, file):
    import os
    import signal

    from netgraph.cli import main

    folder = write_folder(tmp_path / "d", people("s1", "a1"))
    (folder / file).unlink()
    os.mkfifo(folder / file)  # reading it would block forever: nobody writes to it
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("load waited on the pipe"))
    signal.alarm(20)
    try:
        problems = _problems(folder)
    finally:
        signal.alarm(0)
    assert [(p.file, p.expected) for p in problems] == [
        (file, "a regular CSV file (this is a named pipe)")
    ]
    assert main(["validate", "--data", str(folder)]) == 2


def test_touches_are_loaded_and_validated(tmp_path):
    folder = write_folder(tmp_path / "d", people("s", "a"))
    (folder / "touches.csv").write_text(
        "touch_id,seeker_id,contact_id,date,channel,notes\n"
        ",s,a,2025-01-02,email,Sent the article we talked about\n"
        "t9,s,nobody,2025-01-03,,\n"
        "t10,s,s,2999-01-01,,\n"
        "t11,s,a,02/01/2025,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ng.DataError) as info:
        ng.load(folder)
    text = str(info.value)
    assert "touches.csv:3: column 'contact_id': got 'nobody'" in text
    assert "touches.csv:4: column 'contact_id': got 's'; expected a different person" in text
    assert "touches.csv:4: column 'date': got '2999-01-01'" in text
    assert "touches.csv:5: column 'date': got '02/01/2025'" in text
    lines = (folder / "touches.csv").read_text(encoding="utf-8").splitlines()[:2]
    (folder / "touches.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    net = ng.load(folder)
    assert net.touches[["touch_id", "contact_id"]].values.tolist() == [["t2", "a"]]
    assert net.touches["date"].tolist() == [pd.Timestamp("2025-01-02")]
    assert net.seekers == ["s"]  # a touch makes a seeker
    assert net.as_of("2025-01-01").touches.empty
    again = ng.load(ng.save(net, tmp_path / "copy"))
    assert again.touches.equals(net.touches)
