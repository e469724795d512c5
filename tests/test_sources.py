"""The stores: a CSV folder, an Excel workbook, SQLite and PostgreSQL, and convert."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import people, write_folder

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import DataError, NetgraphError
from netgraph.record import record_interview, record_referral
from netgraph.sources import convert, open_source


@pytest.fixture
def small(tmp_path) -> Path:
    """Three people (one extra column), a tie, an interview and a referral."""
    return write_folder(
        tmp_path / "small",
        [
            {**p, "hobby": h}
            for p, h in zip(people("s1", "a1", "b1"), ["chess", "", "=1+1"], strict=True)
        ],
        ties=[{"person_a": "s1", "person_b": "a1", "kind": "friend", "since": "2024-03-15"}],
        interviews=[
            {
                "interview_id": "i1",
                "seeker_id": "s1",
                "contact_id": "a1",
                "date": "2025-01-10",
                "status": "completed",
                "notes": 'said "hi",\nleft',
            }
        ],
        referrals=[
            {
                "referral_id": "r1",
                "interview_id": "i1",
                "referrer_id": "a1",
                "seeker_id": "s1",
                "referred_id": "b1",
                "date": "2025-01-11",
                "status": "named",
            }
        ],
    )


@pytest.fixture(params=["xlsx", "sqlite", "postgresql"])
def store(request, tmp_path) -> str:
    """A location of each kind of store, not written yet."""
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return str(tmp_path / f"network.{request.param}")


def _tables(net: ng.ReferralNetwork) -> dict[str, pd.DataFrame]:
    return {
        "people": net.people,
        "ties": net.ties,
        "interviews": net.interviews,
        "referrals": net.referrals,
        "touches": net.touches,
    }


@pytest.mark.parametrize(
    ("location", "kind"),
    [
        ("mine", "csv"),
        ("mine.xlsx", "excel"),
        ("mine.XLSX", "excel"),
        ("log.sqlite", "sqlite"),
        ("log.db", "sqlite"),
        ("postgresql://me@localhost/career", "postgresql"),
        ("postgresql+psycopg://me@localhost/career", "postgresql"),
    ],
)
def test_open_source_picks_the_store_from_the_path(location, kind):
    assert open_source(location).kind == kind


def test_round_trip_through_every_store_keeps_every_table_and_column(small, store, tmp_path):
    net = ng.load(small)
    convert(small, store)
    there = ng.load(store)
    back = tmp_path / "back"
    convert(store, back)
    again = ng.load(back)
    for name, table in _tables(net).items():
        pd.testing.assert_frame_equal(_tables(there)[name], table, check_dtype=False)
        pd.testing.assert_frame_equal(_tables(again)[name], table)
    assert again.people.loc["b1", "hobby"] == "=1+1"
    assert again.interviews.loc[0, "notes"] == 'said "hi",\nleft'


def test_sample_suggestions_are_the_same_from_every_store(store):
    convert(ng.sample_data_path(), store)
    expected = ng.suggest(ng.load(), "p001", top=5)
    pd.testing.assert_frame_equal(ng.suggest(ng.load(store), "p001", top=5), expected)


def test_convert_never_writes_over_a_store(small, store):
    convert(small, store)
    before = open_source(store).fingerprint()
    with pytest.raises(NetgraphError, match="never replaces"):
        convert(small, store)
    assert open_source(store).fingerprint() == before


def test_log_writes_into_every_store_and_refuses_bad_rows_whole(small, store):
    convert(small, store)
    row = record_interview(store, seeker="s1", contact="b1", date="2025-02-01", notes="ok")
    assert row["interview_id"] == "i2"
    record_referral(
        store,
        referrer="b1",
        seeker="s1",
        referred="Cleo New",
        date="2025-02-02",
        new_referred={"role": "alum", "organization": "Acme"},
    )
    net = ng.load(store)
    assert net.interviews["interview_id"].tolist() == ["i1", "i2"]
    new = net.people.index[net.people["name"].eq("Cleo New")]
    assert len(new) == 1 and net.people.loc[new[0], "organization"] == "Acme"
    before = open_source(store).fingerprint()
    with pytest.raises(DataError) as info:
        record_interview(
            store, seeker="s1", contact="Dora New", date="2025-02-30", new_contact={"role": "alum"}
        )
    word = "sheet" if store.endswith(".xlsx") else "table"
    assert {(p.file, p.column) for p in info.value.problems} == {(f"{word} interviews", "date")}
    assert open_source(store).fingerprint() == before  # nothing written, not even Dora


def test_workbook_problems_name_sheet_row_and_column(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "people"
    ws.append(["person_id", "name", "grad_year"])
    ws.append(["s1", "Sam", 2020])
    ws.append(["a1", "Ann", "soon"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(DataError) as info:
        ng.load(path)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("sheet people", 3, "grad_year")
    assert "sheet people, row 3: column 'grad_year': got 'soon'; expected a whole number" in str(
        info.value
    )


def test_database_problems_name_table_row_and_column(tmp_path):
    import sqlite3

    path = tmp_path / "bad.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE people (person_id TEXT, name TEXT, role TEXT)")
        db.executemany(
            "INSERT INTO people VALUES (?, ?, ?)",
            [("s1", "Sam", "student"), ("s1", "Ann", "wizard")],
        )
    db.close()
    with pytest.raises(DataError) as info:
        ng.load(path)
    where = {(p.file, p.line, p.column) for p in info.value.problems}
    assert where == {("table people", 2, "person_id"), ("table people", 2, "role")}
    assert "already used on row 1" in str(info.value)


def _fake(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda t: _fake(t, "notes.pdf", "%PDF-1.4"), "a folder holding people.csv, an Excel"),
        (lambda t: _fake(t, "people.csv", "person_id,name\n"), "a folder holding people.csv"),
        (lambda t: _fake(t, "fake.xlsx", "person_id,name\n"), "an Excel workbook (.xlsx)"),
        (lambda t: _fake(t, "fake.sqlite", "person_id,name\n"), "is not a SQLite database"),
        (lambda t: t / "missing.sqlite", "a SQLite file (nothing is there)"),
        (lambda t: t / "missing.xlsx", "nothing is there"),
    ],
)
def test_wrong_file_type_is_one_clear_message(tmp_path, capsys, make, message):
    path = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["validate", "--data", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netgraph: error:") and message in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_workbook_missing_its_people_sheet(tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.title = "Contacts"
    path = tmp_path / "net.xlsx"
    book.save(path)
    assert main(["suggest", "--data", str(path), "--seeker", "x"]) == 2
    err = capsys.readouterr().err
    assert "a sheet named 'people' in net.xlsx (it has: Contacts)" in err


def test_unreachable_database_is_one_clear_message(capsys, tmp_path):
    url = "postgresql://nobody@127.0.0.1:9/nowhere"
    assert main(["log", "person", "--data", url, "--name", "Ann"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot open the PostgreSQL database" in err
    assert "postgresql://nobody@127.0.0.1:9/nowhere" in err
    assert main(["convert", "--data", str(ng.sample_data_path()), "--out", url]) == 2


def test_fingerprint_changes_with_the_content(small, store):
    convert(small, store)
    first = open_source(store).fingerprint()
    assert open_source(store).fingerprint() == first
    record_interview(store, seeker="s1", contact="b1", date="2025-02-01")
    assert open_source(store).fingerprint() != first


def test_export_xlsx_is_formula_safe(small, tmp_path):
    out = tmp_path / "graph.xlsx"
    code = main(
        [
            "export",
            "--data",
            str(small),
            "--format",
            "xlsx",
            "--out",
            str(out),
            "--include-identities",
            "--columns",
            "hobby",  # extra columns are exported only when named
        ]
    )
    assert code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["nodes", "edges"]
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells and all(c.data_type != "f" for c in cells)
    values = [c.value for c in cells]
    assert "'=1+1" in values  # neutralized like the CSV export


def test_cli_convert_and_init(tmp_path, capsys):
    folder = tmp_path / "mine"
    assert (
        main(
            ["init", str(folder), "--me", "Ana López", "--major", "Biology", "--grad-year", "2026"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "p001 (Ana López)" in out and "import linkedin" in out
    assert main(["convert", "--data", str(folder), "--out", str(tmp_path / "m.sqlite")]) == 0
    assert "1 people" in capsys.readouterr().out
    assert ng.load(tmp_path / "m.sqlite").people.loc["p001", "grad_year"] == 2026
    shutil.rmtree(folder)


def test_importing_netgraph_loads_no_database_or_workbook_library():
    import subprocess
    import sys

    code = (
        "import sys, netgraph, netgraph.cli, netgraph.sources, netgraph.load; "
        "print(sorted(m for m in ('sqlalchemy', 'openpyxl', 'vobject', 'psycopg') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
