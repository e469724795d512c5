"""Importers (netgraph/sources: linkedin, google, outlook, vcard, mapped) on realistic fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import write_folder

import netgraph as ng
from netgraph.cli import main
from netgraph.errors import DataError, NetgraphError
from netgraph.sources import convert, import_file, open_source
from netgraph.sources.csv_folder import init
from netgraph.sources.linkedin import read_connections, tie_strength

FIXTURES = Path(__file__).parent / "fixtures"
CONNECTIONS = FIXTURES / "linkedin" / "Connections.csv"


@pytest.fixture
def mine(tmp_path) -> Path:
    return init(tmp_path / "mine", name="Maya Patel", major="Statistics", grad_year="2027")


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def _person(net, name: str) -> pd.Series:
    hits = net.people[net.people["name"].eq(name)]
    assert len(hits) == 1, (name, hits)
    return hits.iloc[0]


# ------------------------------------------------------------------- linkedin
def test_linkedin_connections_with_preamble_bom_and_messages(mine):
    result = import_file("linkedin", CONNECTIONS, data=mine)
    assert [name for _, name in result.added] == [
        "José Álvarez",
        "Noor Haddad",
        "Wei Zhang",
        "Zoë Müller",
        "Ana López",
        "Sam O'Neil",
    ]
    assert result.skipped == [(10, "no name")]  # the deleted member's row, reported
    net = ng.load(mine)
    noor = _person(net, "Noor Haddad")
    assert (noor["organization"], noor["title"]) == ("Helio Labs, Inc.", "Data Scientist")
    assert noor["email"] == "noor.haddad@example.org"
    assert noor["profile_url"] == "https://www.linkedin.com/in/noorhaddad"
    assert _person(net, "José Álvarez")["email"] == ""  # LinkedIn hid it
    ties = net.ties.set_index("person_b")
    assert ties.loc[noor.name, "since"] == pd.Timestamp("2023-01-02")
    assert (ties["kind"] == "connection").all() and (ties["person_a"] == "p001").all()
    # 4 messages with Noor, the newest in the export: strongest; Wei wrote once in 2022;
    # Zoë got an invitation note; José never wrote: the kind's default (empty strength)
    wei, zoe, jose = (_person(net, n).name for n in ("Wei Zhang", "Zoë Müller", "José Álvarez"))
    assert ties.loc[noor.name, "strength"] == pytest.approx(tie_strength(4, 0))
    assert ties.loc[noor.name, "strength"] > ties.loc[zoe, "strength"] > ties.loc[wei, "strength"]
    assert pd.isna(ties.loc[jose, "strength"])
    assert "3 connections you wrote with" in result.summary()


def test_reimporting_the_same_file_adds_nothing(mine):
    import_file("linkedin", CONNECTIONS, data=mine)
    before = _bytes(mine)
    again = import_file("linkedin", CONNECTIONS, data=mine)
    assert again.added == [] and again.ties == 0 and len(again.matched) == 6
    assert "nothing new" in again.summary()
    assert _bytes(mine) == before


@pytest.mark.parametrize("preamble", ["", "Notes:\n\n", 'Notes:\n"one"\n"two"\n"three"\n\n'])
def test_linkedin_header_is_found_after_any_preamble(tmp_path, preamble):
    path = tmp_path / "Connections.csv"
    path.write_text(
        preamble + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Inés,Ñúñez,https://linkedin.com/in/ines,,Ciudad Verde,Planner,9 Aug 2025\n",
        encoding="utf-8-sig",
    )
    (contact,), skipped, ignored = read_connections(path)
    assert (contact.name, contact.since, contact.line) == (
        "Inés Ñúñez",
        "2025-08-09",
        preamble.count("\n") + 2,
    )
    assert skipped == [] and ignored == []


def test_truncated_export_is_refused_whole(mine, tmp_path, capsys):
    cut = tmp_path / "Connections.csv"
    raw = CONNECTIONS.read_bytes()
    cut.write_bytes(raw[: raw.index(b"Wei,Zhang") + 40])  # cut in the middle of a row
    before = _bytes(mine)
    assert main(["import", "linkedin", str(cut), "--data", str(mine)]) == 2
    err = capsys.readouterr().err
    assert "Connections.csv:7" in err and "cut short" in err and "Traceback" not in err
    assert _bytes(mine) == before  # not even the rows before the cut


def test_truncated_inside_quotes_is_refused(mine, tmp_path):
    cut = tmp_path / "Connections.csv"
    raw = CONNECTIONS.read_bytes()
    cut.write_bytes(raw[: raw.index(b'"Director') + 5])
    with pytest.raises(DataError) as info:
        import_file("linkedin", cut, data=mine)
    assert "cut short" in str(info.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "a zip or Excel file"),
        (b"%PDF-1.7\n", "binary data"),
        (b"Name,Phone\nAnn,555\n", "a LinkedIn Connections.csv"),
        (b"\xff\xfeN\x00o\x00", "a LinkedIn Connections.csv"),
        (b"First Name,Last Name\nAnn,Lee\xe9\n", "UTF-8 text"),
    ],
)
def test_wrong_file_type_is_one_clear_message(mine, tmp_path, capsys, content, expected):
    path = tmp_path / "Connections.csv"
    path.write_bytes(content)
    before = _bytes(mine)
    assert main(["import", "linkedin", str(path), "--data", str(mine)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert _bytes(mine) == before


def test_bad_connected_on_date_names_line_and_column(mine, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,,,,,yesterday\n"
    )
    with pytest.raises(DataError) as info:
        import_file("linkedin", path, data=mine)
    (p,) = info.value.problems
    assert (p.file, p.line, p.column, p.value) == (
        "Connections.csv",
        2,
        "Connected On",
        "yesterday",
    )


# ------------------------------------------------------------------- matching
def test_uncertain_match_is_listed_not_merged(tmp_path):
    folder = write_folder(
        tmp_path / "d",
        [
            {"person_id": "me", "name": "Maya Patel", "role": "student"},
            {"person_id": "x1", "name": "Ana Lopez", "organization": "Old Firm"},
            {"person_id": "x2", "name": "JOSE ALVAREZ", "organization": "larkspur  care"},
            {"person_id": "x3", "name": "Someone", "email": "Zoe@Helio.example"},
        ],
    )
    result = import_file("linkedin", CONNECTIONS, data=folder, me="Maya Patel")
    how = {name: (pid, h) for name, pid, h in result.matched}
    assert how["José Álvarez"] == ("x2", "name and organization")  # accents, case, spaces
    assert how["Zoë Müller"] == ("x3", "e-mail")  # e-mail case ignored
    (review,) = result.review
    pid, name, candidates = review
    assert name == "Ana López" and candidates == ["x1 (Ana Lopez, Old Firm)"]
    net = ng.load(folder)
    assert net.people.loc[pid, "organization"] == "Greenfield Agency"  # added, not merged
    assert net.people.loc["x1", "organization"] == "Old Firm"
    assert f"{pid} Ana López: maybe x1 (Ana Lopez, Old Firm)" in result.summary()


def test_import_needs_me_when_the_folder_is_ambiguous(tmp_path):
    folder = write_folder(
        tmp_path / "d", [{"person_id": "a", "name": "A"}, {"person_id": "b", "name": "B"}]
    )
    with pytest.raises(NetgraphError, match="--me"):
        import_file("vcard", FIXTURES / "contacts4.vcf", data=folder)


# ------------------------------------------------------------- other formats
@pytest.mark.parametrize("fixture", ["google_current.csv", "google_legacy.csv"])
def test_google_layouts(mine, fixture):
    result = import_file("google", FIXTURES / fixture, data=mine)
    net = ng.load(mine)
    if fixture == "google_current.csv":
        emile = _person(net, "Émile Durand")
        assert emile["email"] == "emile.durand@laurent.example"
        assert emile["other_emails"] == "e.durand@mail.example"  # the second of ' ::: '
        assert emile["tags"] == ("Finance",)  # Google's own '* starred' dropped
        assert emile["profile_url"] == "https://www.linkedin.com/in/emile-durand"
        assert _person(net, "Noor Haddad")["contact_notes"] == "Met at the alumni mixer"
        assert result.skipped == [(5, "no name")]
        assert "Birthday" in result.ignored
    else:
        wei = _person(net, "Wei Zhang")
        assert (wei["organization"], wei["title"]) == ("Acme Analytics", "Director, Product")
        assert wei["tags"] == ("Mentors",)
        soren = _person(net, "Søren Kierkegaard-Lund")
        assert soren["email"] == "soren@home.example" and soren["organization"] == "Nordlys Energi"


def test_outlook_referred_by_becomes_a_referral(mine):
    import_file("linkedin", CONNECTIONS, data=mine)
    result = import_file("outlook", FIXTURES / "outlook.csv", data=mine)
    assert result.referrals == 2
    net = ng.load(mine)
    grace, noor = _person(net, "Grace Obi"), _person(net, "Noor Haddad")
    wei, francois = _person(net, "Wei Zhang"), _person(net, "François Petit")
    refs = set(zip(net.referrals["referrer_id"], net.referrals["referred_id"], strict=True))
    assert refs == {(noor.name, grace.name), (francois.name, wei.name)}
    assert (net.referrals["seeker_id"] == "p001").all()
    assert (net.referrals["status"] == "named").all()
    assert import_file("outlook", FIXTURES / "outlook.csv", data=mine).referrals == 0


@pytest.mark.parametrize(
    ("fixture", "names"),
    [
        ("contacts3.vcf", ["Noor Haddad", "Inés Ñúñez"]),
        ("contacts4.vcf", ["Zoë Müller", "Kenji Watanabe"]),
    ],
)
def test_vcard_3_and_4(mine, fixture, names):
    result = import_file("vcard", FIXTURES / fixture, data=mine)
    assert [n for _, n in result.added] == names
    net = ng.load(mine)
    first = _person(net, names[0])
    assert first["organization"] == "Helio Labs"  # ORG's first unit
    if fixture == "contacts3.vcf":
        assert first["tags"] == ("Alumni", "Mentors")
        assert first["contact_notes"] == "Met at the alumni mixer, very generous with time"
        assert first["phone"] == "+1 617 555 0142"
    else:
        assert first["email"] == "zoe@helio.example" and first["phone"] == "+49-30-555-0101"


def test_vcard_wrong_file(mine, tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text("Name,Email\nAnn,a@b.example\n")
    with pytest.raises(DataError, match="BEGIN:VCARD"):
        import_file("vcard", path, data=mine)


def test_mapped_export_through_a_toml_mapping(mine):
    result = import_file(
        "mapped", FIXTURES / "alumni.csv", data=mine, mapping=FIXTURES / "alumni.toml"
    )
    assert [n for _, n in result.added] == ["Omar Ali", "Hana Kobayashi", "Noor Haddad"]
    assert result.ignored == ["Record ID"] and result.skipped == [(5, "no name")]
    net = ng.load(mine)
    omar = _person(net, "Omar Ali")
    assert (omar["role"], omar["grad_year"], omar["major"]) == ("alum", 2011, "Computer Science")
    assert omar["mentor_opt_in"] == "Yes"  # a column of the user's own, kept
    assert set(net.ties["kind"]) == {"alumni"}


def test_mapping_naming_a_missing_column(mine, tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\nname = "Full Name"\nemail = "E-mail"\n')
    with pytest.raises(DataError) as info:
        import_file("mapped", FIXTURES / "alumni.csv", data=mine, mapping=mapping)
    (p,) = info.value.problems
    assert (p.file, p.column, p.value) == ("m.toml", "email", "E-mail")
    assert "a column of alumni.csv (it has:" in p.expected


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[columns\nname = 'x'", "a TOML mapping"),
        ("[columns]\nemail = 'E'\n", "a name column"),
        ("[values]\nrole = 'alum'\n", "a [columns] table"),
    ],
)
def test_bad_mapping_files(mine, tmp_path, toml, expected):
    mapping = tmp_path / "m.toml"
    mapping.write_text(toml)
    with pytest.raises(DataError, match=expected.replace("[", r"\[")):
        import_file("mapped", FIXTURES / "alumni.csv", data=mine, mapping=mapping)


def test_mapped_values_are_validated_and_nothing_is_written(mine, tmp_path):
    export = tmp_path / "crm.csv"
    export.write_text("Who,Year\nAnn Lee,2010\nBo Chan,soon\n")
    mapping = tmp_path / "m.toml"
    mapping.write_text('[columns]\nname = "Who"\ngrad_year = "Year"\n')
    before = _bytes(mine)
    with pytest.raises(DataError) as info:
        import_file("mapped", export, data=mine, mapping=mapping)
    (p,) = info.value.problems
    assert (p.file, p.line, p.column, p.value) == ("people.csv", 4, "grad_year", "soon")
    assert _bytes(mine) == before


def test_import_into_a_sqlite_store(mine, tmp_path):
    db = tmp_path / "mine.sqlite"
    convert(mine, db)
    result = import_file("linkedin", CONNECTIONS, data=db)
    assert len(result.added) == 6
    net = ng.load(db)
    assert _person(net, "Zoë Müller")["profile_url"].endswith("/zoe-muller")
    before = open_source(db).fingerprint()
    assert import_file("linkedin", CONNECTIONS, data=db).added == []
    assert open_source(db).fingerprint() == before


def test_mapping_only_with_mapped(mine):
    with pytest.raises(NetgraphError, match="--mapping"):
        import_file("linkedin", CONNECTIONS, data=mine, mapping="x.toml")
    with pytest.raises(NetgraphError, match="--mapping"):
        import_file("mapped", CONNECTIONS, data=mine)


# ----------------------------------------------------------- the whole journey
def test_new_user_journey_from_an_empty_directory(tmp_path, capsys, postgres_url):
    folder = tmp_path / "mine"
    assert main(["init", str(folder), "--me", "Maya Patel", "--major", "Statistics"]) == 0
    assert main(["log", "person", "--data", str(folder), "--name", "Temp Person"]) == 0
    shutil.rmtree(folder)  # `log person` works on a fresh folder; start again
    assert main(["init", str(folder), "--me", "Maya Patel"]) == 0
    assert main(["import", "linkedin", str(CONNECTIONS), "--data", str(folder)]) == 0
    assert "6 people added" in capsys.readouterr().out
    assert (
        main(
            [
                "log",
                "interview",
                "--data",
                str(folder),
                "--seeker",
                "Maya Patel",
                "--contact",
                "Noor Haddad",
                "--date",
                "2026-11-21",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "log",
                "referral",
                "--data",
                str(folder),
                "--referrer",
                "Noor Haddad",
                "--seeker",
                "Maya Patel",
                "--referred",
                "Grace Obi",
                "--new-referred",
                "organization=Larkspur Care",
                "--interview",
                "i0001",
                "--date",
                "2026-11-21",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["suggest", "--data", str(folder), "--seeker", "Maya Patel"]) == 0
    out = capsys.readouterr().out
    assert "Grace Obi" in out and "ask:  Noor Haddad" in out
    before = _bytes(folder)
    assert main(["import", "linkedin", str(CONNECTIONS), "--data", str(folder)]) == 0
    assert "0 people added" in capsys.readouterr().out and _bytes(folder) == before
    expected = ng.suggest(ng.load(folder), "p001")
    for dest in (str(tmp_path / "mine.xlsx"), str(tmp_path / "mine.sqlite"), postgres_url):
        assert main(["convert", "--data", str(folder), "--out", dest]) == 0
        pd.testing.assert_frame_equal(ng.suggest(ng.load(dest), "p001"), expected)
    assert (
        main(
            [
                "log",
                "interview",
                "--data",
                postgres_url,
                "--seeker",
                "p001",
                "--contact",
                "Grace Obi",
                "--date",
                "2026-11-28",
            ]
        )
        == 0
    )
    net = ng.load(postgres_url)
    assert net.interviews["contact_id"].map(net.name).tolist() == ["Noor Haddad", "Grace Obi"]
