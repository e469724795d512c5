"""A corpus of bad (and awkward but legitimate) inputs, as spreadsheets produce them.

Each case starts from a small valid folder, damages it, and states the outcome: either
a clear error (file, line, column and words of the message) with exit code 2 from the
CLI, or a correct load (with what must be true of the loaded network). No case may end
in a traceback, and a legitimate input must keep every row it holds.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import DataError

PEOPLE = (
    "person_id,name,role,organization,industry,grad_year,tags,email\n"
    "s1,Sam Seeker,student,,,2026,ux;health,sam@example.org\n"
    "a1,Ana Alvarez,alum,Northwind Health,Healthcare,2015,,ana@example.org\n"
    "b1,Bo Chen,alum,Bluefin,Finance,2010,,\n"
    "c1,Cy Doe,alum,Northwind Health,Healthcare,2019,,\n"
)
TIES = "person_a,person_b,kind,strength,since\ns1,b1,friend,0.7,2020-01-01\n"
INTERVIEWS = (
    "interview_id,seeker_id,contact_id,date,channel,status,thank_you_sent,follow_up_due,notes\n"
    "i1,s1,a1,2025-01-10,video,completed,2025-01-11,,good chat\n"
    "i2,s1,b1,2025-02-10,phone,requested,,,\n"
)
REFERRALS = (
    "referral_id,interview_id,referrer_id,seeker_id,referred_id,date,status\n"
    "r1,i1,a1,s1,c1,2025-01-10,named\n"
)
BASE = {
    "people.csv": PEOPLE,
    "ties.csv": TIES,
    "interviews.csv": INTERVIEWS,
    "referrals.csv": REFERRALS,
}
ROWS = {"people.csv": 4, "ties.csv": 1, "interviews.csv": 2, "referrals.csv": 1}


@dataclass(frozen=True)
class Case:
    name: str
    damage: Callable[[Path], object]
    # ("error", file, line, column, words) or ("loads", check(net) -> bool)
    outcome: tuple


def _sub(file: str, old: str, new: str) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        text = (folder / file).read_text(encoding="utf-8")
        assert old in text, (file, old)
        (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")

    return damage


def _write(file: str, data: bytes | str) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        path = folder / file
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)

    return damage


def _recode(file: str, encoding: str, bom: bytes = b"") -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        text = (folder / file).read_text(encoding="utf-8").replace("Alvarez", "Álvarez")
        (folder / file).write_bytes(bom + text.encode(encoding))

    return damage


def _dir_for(file: str) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        (folder / file).unlink()
        (folder / file).mkdir()

    return damage


def _unlink(file: str) -> Callable[[Path], None]:
    return lambda folder: (folder / file).unlink()


def _date(value: str) -> Callable[[Path], None]:
    return _sub("interviews.csv", "2025-01-10,video", f"{value},video")


def _iv_date(net) -> str:
    return f"{net.interviews.loc[0, 'date']:%Y-%m-%d}"


def _err(file, line, column, words):
    return ("error", file, line, column, words)


def _ok(check):
    return ("loads", check)


CASES = [
    # files and folders
    Case(
        "missing-people", _unlink("people.csv"), _err("people.csv", None, None, "a file people.csv")
    ),
    Case(
        "missing-interviews-ok",
        _unlink("interviews.csv"),
        _err("referrals.csv", 2, "interview_id", "an interview_id listed"),
    ),
    Case("missing-ties-ok", _unlink("ties.csv"), _ok(lambda n: len(n.ties) == 0)),
    Case("empty-people", _write("people.csv", ""), _err("people.csv", None, None, "a header row")),
    Case("empty-ties-ok", _write("ties.csv", ""), _ok(lambda n: len(n.ties) == 0)),
    Case(
        "header-only-people",
        _write("people.csv", "person_id,name\n"),
        _err("interviews.csv", 2, "seeker_id", "a person_id listed"),
    ),
    Case(
        "header-only-referrals-ok",
        _write(
            "referrals.csv",
            "referral_id,interview_id,referrer_id,seeker_id,referred_id,date,status\n",
        ),
        _ok(lambda n: len(n.referrals) == 0),
    ),
    Case(
        "directory-for-file",
        _dir_for("interviews.csv"),
        _err("interviews.csv", None, None, "not a folder"),
    ),
    # columns
    Case(
        "missing-required-column",
        _sub("people.csv", "person_id,name", "person_id,full_name"),
        _err("people.csv", 1, "name", "a column named 'name'"),
    ),
    Case(
        "renamed-id-column",
        _sub("interviews.csv", "interview_id,", "id,"),
        _err("interviews.csv", 1, "interview_id", "a column named"),
    ),
    Case(
        "duplicate-column",
        _sub("ties.csv", "kind,strength", "kind,kind"),
        _err("ties.csv", 1, "kind", "each column name once"),
    ),
    Case(
        "extra-column-kept",
        _sub("people.csv", "email\n", "email,shoe\n"),
        _ok(lambda n: "shoe" in n.people.columns),
    ),
    Case(
        "columns-reordered-ok",
        _write("ties.csv", "since,kind,person_b,person_a,strength\n2020-01-01,friend,b1,s1,0.7\n"),
        _ok(lambda n: n.acquaintance.has_edge("s1", "b1")),
    ),
    Case(
        "header-whitespace-ok",
        _sub("people.csv", "person_id,name,role", " person_id , name ,role"),
        _ok(lambda n: "s1" in n.people.index),
    ),
    Case(
        "trailing-empty-columns-ok",
        _write(
            "ties.csv", "person_a,person_b,kind,strength,since,,\ns1,b1,friend,0.7,2020-01-01,,\n"
        ),
        _ok(lambda n: len(n.ties) == 1),
    ),
    Case(
        "data-in-unnamed-column",
        _write(
            "ties.csv", "person_a,person_b,kind,strength,since,\ns1,b1,friend,0.7,2020-01-01,oops\n"
        ),
        _err("ties.csv", 1, "", "a name for every column"),
    ),
    # ids and references
    Case(
        "duplicate-person-id",
        _sub("people.csv", "b1,Bo Chen", "a1,Bo Chen"),
        _err("people.csv", 4, "person_id", "already used on line 3"),
    ),
    Case(
        "duplicate-interview-id",
        _sub("interviews.csv", "i2,s1", "i1,s1"),
        _err("interviews.csv", 3, "interview_id", "a unique interview_id"),
    ),
    Case(
        "unknown-contact",
        _sub("interviews.csv", "i2,s1,b1", "i2,s1,zz"),
        _err("interviews.csv", 3, "contact_id", "a person_id listed in people.csv"),
    ),
    Case(
        "unknown-referred",
        _sub("referrals.csv", "s1,c1", "s1,zz"),
        _err("referrals.csv", 2, "referred_id", "a person_id listed"),
    ),
    Case(
        "self-interview",
        _sub("interviews.csv", "i2,s1,b1", "i2,s1,s1"),
        _err("interviews.csv", 3, "contact_id", "no self-interviews"),
    ),
    Case(
        "self-tie",
        _sub("ties.csv", "s1,b1", "s1,s1"),
        _err("ties.csv", 2, "person_b", "a different person"),
    ),
    Case(
        "referral-wrong-referrer",
        _sub("referrals.csv", "i1,a1", "i1,b1"),
        _err("referrals.csv", 2, "referrer_id", "the contact of interview i1"),
    ),
    Case(
        "whitespace-around-ids-ok",
        _sub("interviews.csv", "i2,s1,b1", " i2 , s1 ,b1 "),
        _ok(lambda n: "i2" in set(n.interviews["interview_id"])),
    ),
    Case(
        "ids-differ-by-case",
        _sub("people.csv", "b1,Bo Chen", "A1,Bo Chen"),
        _err("people.csv", 4, "person_id", "by more than letter case"),
    ),
    Case(
        "empty-required-cell",
        _sub("people.csv", "c1,Cy Doe", "c1,"),
        _err("people.csv", 5, "name", "a value"),
    ),
    # values
    Case(
        "bad-enum",
        _sub("interviews.csv", "completed", "done"),
        _err("interviews.csv", 2, "status", "one of requested"),
    ),
    Case(
        "enum-case-and-spaces-ok",
        _sub("interviews.csv", "requested", "No Show"),
        _ok(lambda n: n.interviews.loc[1, "status"] == "no_show"),
    ),
    Case(
        "bad-grad-year",
        _sub("people.csv", "2015", "15.5"),
        _err("people.csv", 3, "grad_year", "a whole number"),
    ),
    Case(
        "strength-out-of-range",
        _sub("ties.csv", "0.7", "7"),
        _err("ties.csv", 2, "strength", "in (0, 1]"),
    ),
    Case(
        "strength-zero", _sub("ties.csv", "0.7", "0"), _err("ties.csv", 2, "strength", "in (0, 1]")
    ),
    # dates
    Case("date-iso-ok", _date("2025-01-10"), _ok(lambda n: _iv_date(n) == "2025-01-10")),
    Case("date-slashes-ymd-ok", _date("2025/01/10"), _ok(lambda n: _iv_date(n) == "2025-01-10")),
    Case(
        "date-dmy-unambiguous-ok", _date("13/12/2024"), _ok(lambda n: _iv_date(n) == "2024-12-13")
    ),
    Case(
        "date-mdy-unambiguous-ok", _date("12/13/2024"), _ok(lambda n: _iv_date(n) == "2024-12-13")
    ),
    Case("date-month-name-ok", _date("10 Jan 2025"), _ok(lambda n: _iv_date(n) == "2025-01-10")),
    Case("date-excel-serial-ok", _date("45667"), _ok(lambda n: _iv_date(n) == "2025-01-10")),
    Case(
        "date-ambiguous",
        _date("01/02/2025"),
        _err("interviews.csv", 2, "date", "could be 1 February or 2 January"),
    ),
    Case(
        "date-impossible",
        _date("2025-02-30"),
        _err("interviews.csv", 2, "date", "a real calendar date"),
    ),
    Case(
        "date-garbage",
        _date("next tuesday"),
        _err("interviews.csv", 2, "date", "a date as YYYY-MM-DD"),
    ),
    Case(
        "date-far-future",
        _date("2999-01-10"),
        _err("interviews.csv", 2, "date", "between 1900 and 2200"),
    ),
    Case(
        "date-future-completed",
        _date("2199-01-10"),
        _err("interviews.csv", 2, "date", "not after today"),
    ),
    Case(
        "thank-you-before-interview",
        _sub("interviews.csv", "2025-01-11", "2025-01-01"),
        _err("interviews.csv", 2, "thank_you_sent", "on or after the interview"),
    ),
    # encodings and dialects
    Case(
        "utf8-bom-ok",
        _recode("people.csv", "utf-8", b"\xef\xbb\xbf"),
        _ok(lambda n: n.name("a1") == "Ana Álvarez"),
    ),
    Case(
        "utf16-bom-ok",
        _recode("people.csv", "utf-16-le", b"\xff\xfe"),
        _ok(lambda n: n.name("a1") == "Ana Álvarez"),
    ),
    Case(
        "windows-1252", _recode("people.csv", "cp1252"), _err("people.csv", 3, None, "UTF-8 text")
    ),
    Case(
        "latin-1",
        _recode("people.csv", "latin-1"),
        _err("people.csv", 3, None, "Windows-1252 or Latin-1"),
    ),
    Case(
        "semicolon-separated-ok",
        _write("ties.csv", "person_a;person_b;kind;strength;since\ns1;b1;friend;0,7;2020-01-01\n"),
        _err("ties.csv", 2, "strength", "a number"),
    ),
    Case(
        "semicolon-separated-clean-ok",
        _write("ties.csv", "person_a;person_b;kind\ns1;b1;friend\n"),
        _ok(lambda n: n.acquaintance.has_edge("s1", "b1")),
    ),
    Case(
        "crlf-line-endings-ok",
        lambda f: (f / "people.csv").write_bytes(PEOPLE.replace("\n", "\r\n").encode()),
        _ok(lambda n: n.name("c1") == "Cy Doe"),
    ),
    Case(
        "quoted-newline-ok",
        _sub("interviews.csv", "good chat", '"good\nchat, really"'),
        _ok(lambda n: n.interviews.loc[0, "notes"] == "good\nchat, really"),
    ),
    Case(
        "quoted-newline-then-error",
        _write(
            "interviews.csv",
            INTERVIEWS.replace("good chat", '"multi\nline"').replace("requested", "bogus"),
        ),
        _err("interviews.csv", 3, "status", "one of requested"),
    ),
    Case(
        "trailing-empty-rows-ok",
        _write("people.csv", PEOPLE + ",,,,,,,\n\n,,\n"),
        _ok(lambda n: len(n.people) == 4),
    ),
    Case(
        "unclosed-quote",
        _write("ties.csv", 'person_a,person_b,kind\ns1,b1,"friend\n'),
        _err("ties.csv", None, None, "well-formed CSV"),
    ),
    Case(
        "too-many-cells",
        _write("ties.csv", "person_a,person_b,kind\ns1,b1,friend,extra,more\n"),
        _err("ties.csv", 2, None, "no more cells than the header"),
    ),
    Case(
        "enormous-field",
        _sub("interviews.csv", "good chat", "x" * 200_000),
        _err("interviews.csv", 2, "notes", "at most 100,000 characters"),
    ),
    Case(
        "binary-garbage",
        _write("ties.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        _err("ties.csv", None, None, "binary data"),
    ),
    Case(
        "nul-inside-cell",
        _write("ties.csv", TIES.replace("friend", "fri\x00end")),
        _err("ties.csv", None, None, ""),
    ),
]


def _build(tmp_path: Path, case: Case) -> Path:
    folder = tmp_path / case.name
    folder.mkdir()
    for file, text in BASE.items():
        (folder / file).write_text(text, encoding="utf-8")
    case.damage(folder)
    return folder


def _check(case: Case, folder: Path) -> str:
    """Run one case; return "error" or "loads"; fail on anything else."""
    kind = case.outcome[0]
    if kind == "loads":
        net = ng.load(folder)
        assert case.outcome[1](net), case.name
        for file, n in ROWS.items():  # no legitimate row was dropped
            table = {
                "people.csv": net.people,
                "ties.csv": net.ties,
                "interviews.csv": net.interviews,
                "referrals.csv": net.referrals,
            }[file]
            path = folder / file
            if path.is_file() and path.stat().st_size and file in ("people.csv",):
                assert len(table) == n, (case.name, file)
        return "loads"
    _, file, line, column, words = kind, *case.outcome[1:]
    with pytest.raises(DataError) as info:
        ng.load(folder)
    hits = [
        p
        for p in info.value.problems
        if p.file == file
        and (line is None or p.line == line)
        and (column is None or p.column == column)
        and words in p.expected
    ]
    assert hits, f"{case.name}: {info.value}"
    return "error"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_corpus_case(tmp_path, case, capsys):
    folder = _build(tmp_path, case)
    outcome = _check(case, folder)
    code = main(["validate", "--data", str(folder)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if outcome == "error":
        assert code == 2
        assert captured.err.startswith("netgraph: error: ")
    else:
        assert code == 0


def _data_rows(path: Path) -> int:
    """Count the non-blank records of a CSV file, independently of the loader."""
    if not path.is_file():
        return 0
    raw = path.read_bytes()
    encoding = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    text = raw.decode(encoding)
    first = text.splitlines()[0] if text.strip() else ""
    sep = ";" if "," not in first and ";" in first else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    return sum(1 for r in rows[1:] if any(cell.strip() for cell in r))


def test_corpus_summary(tmp_path, capsys):
    tried = clear = tracebacks = lost = loaded = 0
    for case in CASES:
        folder = _build(tmp_path, case)
        try:
            net = ng.load(folder)
        except DataError as exc:
            clear += all(p.file and p.expected for p in exc.problems)
        except Exception:  # noqa: BLE001 - counting what must never happen
            tracebacks += 1
        else:
            loaded += 1
            tables = {
                "people.csv": net.people,
                "ties.csv": net.ties,
                "interviews.csv": net.interviews,
                "referrals.csv": net.referrals,
            }
            lost += sum(max(0, _data_rows(folder / f) - len(t)) for f, t in tables.items())
            continue
        tried += 1
    with capsys.disabled():
        print(
            f"\n{tried} bad inputs tried, {clear} clear errors, {tracebacks} tracebacks, "
            f"{lost} rows lost ({loaded} awkward but legitimate inputs loaded)"
        )
    assert tried >= 35
    assert tried + loaded == len(CASES) >= 40
    assert clear == tried
    assert tracebacks == 0
    assert lost == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    folder = _build(tmp_path, Case("x", lambda f: None, ("loads", bool)))
    (folder / "people.csv").chmod(0)
    with pytest.raises(DataError, match="a readable file"):
        ng.load(folder)


def test_unreadable_file_simulated(tmp_path, monkeypatch):
    folder = _build(tmp_path, Case("x", lambda f: None, ("loads", bool)))
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self.name == "people.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(DataError, match=r"people.csv: .*a readable file \(Permission denied\)"):
        ng.load(folder)
