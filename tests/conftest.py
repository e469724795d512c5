"""Shared fixtures: small hand-made networks built through the real loader."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

import netgraph as ng

PEOPLE_COLS = [
    "person_id",
    "name",
    "role",
    "organization",
    "industry",
    "title",
    "seniority",
    "grad_year",
    "major",
    "location",
    "tags",
    "email",
]
TIE_COLS = ["person_a", "person_b", "kind", "strength", "since"]
INTERVIEW_COLS = [
    "interview_id",
    "seeker_id",
    "contact_id",
    "date",
    "channel",
    "status",
    "thank_you_sent",
    "follow_up_due",
    "notes",
]
REFERRAL_COLS = [
    "referral_id",
    "interview_id",
    "referrer_id",
    "seeker_id",
    "referred_id",
    "date",
    "status",
]


def write_folder(
    folder: Path,
    people: Iterable[dict],
    ties: Iterable[dict] = (),
    interviews: Iterable[dict] = (),
    referrals: Iterable[dict] = (),
) -> Path:
    """Write a data folder from lists of row dicts (missing keys become empty cells)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, cols, rows in (
        ("people.csv", PEOPLE_COLS, people),
        ("ties.csv", TIE_COLS, ties),
        ("interviews.csv", INTERVIEW_COLS, interviews),
        ("referrals.csv", REFERRAL_COLS, referrals),
    ):
        rows = list(rows)
        extra = [k for r in rows for k in r if k not in cols]
        header = cols + list(dict.fromkeys(extra))
        with (folder / name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=header)
            w.writeheader()
            for r in rows:
                w.writerow(r)
    return folder


def people(*ids: str, **attrs: dict) -> list[dict]:
    """People rows for ``ids``: name ``"Name <id>"``, role alum unless ``attrs[id]`` says."""
    return [{"person_id": p, "name": f"Name {p}", "role": "alum", **attrs.get(p, {})} for p in ids]


def ties(*pairs: tuple, kind: str = "friend") -> list[dict]:
    """Tie rows from ``(a, b)`` or ``(a, b, strength)`` tuples."""
    out = []
    for t in pairs:
        row = {"person_a": t[0], "person_b": t[1], "kind": kind}
        if len(t) > 2:
            row["strength"] = t[2]
        out.append(row)
    return out


@pytest.fixture
def make_net(tmp_path: Path) -> Callable[..., ng.ReferralNetwork]:
    """Build a ReferralNetwork from row dicts through the real CSV loader."""
    counter = iter(range(10_000))

    def _make(people, ties=(), interviews=(), referrals=()) -> ng.ReferralNetwork:
        folder = write_folder(tmp_path / f"net{next(counter)}", people, ties, interviews, referrals)
        return ng.load(folder)

    return _make


@pytest.fixture(scope="session")
def sample() -> ng.ReferralNetwork:
    """The bundled synthetic sample."""
    return ng.load()
