"""Shared fixtures: small hand-made networks built through the real loader."""

from __future__ import annotations

import csv
import os
import shutil
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


# ------------------------------------------------- the hand-checked research network
# Seeker s1 met a, who named b; s1 met b, who named c; s1 met c, who named d; s1 met
# d, who named e -- and e was never contacted: a cascade four hand-offs deep whose
# last referral never converted. s1 also asked f (declined). s2 met a, who named e
# (never converted), and asked f (no answer yet). x opted out of research: s1's
# interview with x and x's referral of g must vanish from every research output.
NAMES = {
    "s1": "Sabine Quillfeather",
    "s2": "Sven Tarrowby",
    "a": "Ada Quorridge",
    "b": "Bram Velloway",
    "c": "Cyra Holmfirth",
    "d": "Dov Ashkettle",
    "e": "Elin Marchbanks",
    "f": "Fenna Oddlestone",
    "g": "Gideon Thrushcross",
    "x": "Xanthe Optedout",
}
ATTRS = {
    "s1": {"role": "student", "grad_year": 2026, "major": "Math", "first_generation": "yes"},
    "s2": {"role": "student", "grad_year": 2025, "major": "Art", "first_generation": "no"},
    "a": {"grad_year": 2010, "industry": "Tech", "major": "Math"},
    "b": {"grad_year": 2012, "industry": "Tech", "major": "Math"},
    "c": {"grad_year": 2015, "industry": "Health", "major": "Art"},
    "d": {"grad_year": 2015, "industry": "Health", "major": "Bio"},
    "e": {"grad_year": 2020, "industry": "Tech", "major": "Math"},
    "f": {"grad_year": 2018, "industry": "Finance"},
    "g": {"grad_year": 2019, "industry": "Tech", "major": "Math"},
    "x": {"grad_year": 2011, "industry": "Tech", "major": "Math", "research_consent": "no"},
}


def four_deep_rows() -> dict[str, list[dict]]:
    """The rows of the hand-checked research network (research, privacy, report tests)."""
    ppl = people(
        *NAMES,
        **{
            p: {
                "name": NAMES[p],
                "email": f"{NAMES[p].split()[0].lower()}.secret@example.org",
                "research_consent": "yes",
                **ATTRS[p],
            }
            for p in NAMES
        },
    )
    iv = [
        ("i1", "s1", "a", "2025-01-01", "completed"),
        ("i2", "s1", "b", "2025-01-10", "completed"),
        ("i3", "s1", "c", "2025-01-20", "completed"),
        ("i4", "s1", "d", "2025-02-01", "completed"),
        ("i5", "s1", "f", "2025-02-05", "declined"),
        ("i6", "s1", "x", "2025-02-06", "completed"),
        ("i7", "s2", "a", "2025-03-01", "completed"),
        ("i8", "s2", "f", "2025-03-02", "requested"),
    ]
    interviews = [
        {
            "interview_id": i,
            "seeker_id": s,
            "contact_id": c,
            "date": d,
            "status": st_,
            "notes": f"Confidential remark number {i} about {c}",
        }
        for i, s, c, d, st_ in iv
    ]
    ref = [
        ("r1", "i1", "a", "s1", "b", "2025-01-02", "interviewed"),
        ("r2", "i2", "b", "s1", "c", "2025-01-12", "interviewed"),
        ("r3", "i3", "c", "s1", "d", "2025-01-21", "contacted"),  # converted: i4 happened
        ("r4", "i4", "d", "s1", "e", "2025-02-02", "named"),  # never converted
        ("r5", "i6", "x", "s1", "g", "2025-02-07", "named"),  # opted-out referrer
        ("r6", "i7", "a", "s2", "e", "2025-03-03", "named"),  # never converted
    ]
    referrals = [dict(zip(REFERRAL_COLS, r, strict=True)) for r in ref]
    ties = [{"person_a": "a", "person_b": "f", "kind": "friend"}]
    return {"people": ppl, "ties": ties, "interviews": interviews, "referrals": referrals}


@pytest.fixture
def make_net(tmp_path: Path) -> Callable[..., ng.ReferralNetwork]:
    """Build a ReferralNetwork from row dicts through the real CSV loader."""
    counter = iter(range(10_000))

    def _make(people, ties=(), interviews=(), referrals=()) -> ng.ReferralNetwork:
        folder = write_folder(tmp_path / f"net{next(counter)}", people, ties, interviews, referrals)
        return ng.load(folder)

    return _make


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Callable[..., ng.ReferralNetwork]:
    """Like ``make_net``, for module-scoped fixtures (networks are immutable values)."""

    def _make(people, ties=(), interviews=(), referrals=()) -> ng.ReferralNetwork:
        folder = tmp_path_factory.mktemp("net")
        return ng.load(write_folder(folder / "data", people, ties, interviews, referrals))

    return _make


@pytest.fixture
def four_deep_dir(tmp_path: Path) -> Path:
    """The hand-checked research network (:func:`four_deep_rows`) as a data folder."""
    return write_folder(tmp_path / "data", **four_deep_rows())


@pytest.fixture
def four_deep(four_deep_dir: Path) -> ng.ReferralNetwork:
    """The hand-checked research network, loaded."""
    return ng.load(four_deep_dir)


@pytest.fixture(scope="session")
def sample() -> ng.ReferralNetwork:
    """The bundled synthetic sample."""
    return ng.load()


# ------------------------------------------------------------- a real PostgreSQL server
def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path | None:
    import shutil

    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return versions[-1].parent if versions else None


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server: ``$NETGRAPH_TEST_POSTGRES_URL``, else a throwaway cluster.

    The throwaway cluster is made with ``initdb`` in a temporary folder and started
    with ``pg_ctl`` on a free port of 127.0.0.1 (as the ``postgres`` user when the
    tests run as root, which PostgreSQL refuses). Yields a URL of a database that may
    create databases. Without a server the tests are skipped, except under CI (the
    ``CI`` environment variable set), where they fail.
    """
    import os
    import subprocess

    url = os.environ.get("NETGRAPH_TEST_POSTGRES_URL")
    if url:
        yield url
        return

    def unavailable(why: str):
        if os.environ.get("CI"):
            pytest.fail(f"no PostgreSQL server for the tests under CI: {why}")
        pytest.skip(f"no PostgreSQL server: {why}")

    bindir = _pg_bin()
    if bindir is None:
        unavailable("no pg_ctl (install Debian's postgresql, or set NETGRAPH_TEST_POSTGRES_URL)")
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="netgraph-pg-"))  # never cleaned by another pytest
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            unavailable("running as root without runuser to start postgres as another user")
        shutil.chown(root, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()

    def run(*cmd: str) -> subprocess.CompletedProcess:
        return subprocess.run(  # from the cluster's folder: postgres may not read the cwd
            [*prefix, *cmd], capture_output=True, text=True, timeout=120, check=False, cwd=root
        )

    done = run(str(bindir / "initdb"), "-D", str(data), "-U", "netgraph", "-A", "trust", "-N")
    if done.returncode:
        unavailable(f"initdb failed: {done.stderr.strip()[-500:]}")
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
    log = root / "server.log"
    done = run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w", "start")
    if done.returncode:
        unavailable(f"pg_ctl start failed: {done.stderr.strip()[-500:]} {log.read_text()[-500:]}")
    try:
        yield f"postgresql://netgraph@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """The URL of a new, empty database on the test server (dropped afterwards)."""
    import uuid

    import sqlalchemy as sa

    name = f"ng_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(
        postgres_server.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base, _, _ = postgres_server.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# ------------------------------------------------------------ a real browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _browser():
    """Return playwright's sync API; in CI a missing browser fails, elsewhere skips."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium (see .ci/run)")
        pytest.skip("chromium is not installed")
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI must have playwright (the test extra)")
        pytest.skip("playwright is not installed")
    return sync_api


@pytest.fixture(scope="module")
def browser_page():
    """A headless Debian Chromium driven by Playwright (one per test module)."""
    sync_api = _browser()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()
