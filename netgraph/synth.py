"""Seeded generator of realistic, synthetic referral-network data.

The generator invents a university ("Lakeside University"), its students, alumni,
faculty and staff, the employers, families and friends around them, the ties between
them, and (by default) two years of informational interviews and the referrals those interviews
yield.  No real person's data is used: names are random combinations of common first
and last names, organizations are invented, e-mail addresses use the reserved
``example.org`` / ``example.com`` domains.

The model, in brief:

* **People.**  Alumni work at invented organizations, each belonging to one industry;
  organization sizes are heavy-tailed.  Seniority follows the years since graduation
  and titles follow seniority and industry.  Every alum has a latent *helpfulness*
  (lognormal), which drives how often they are chosen for interviews and how many
  names they pass on, so engagement is heavy-tailed.
* **Ties.**  Families and friends of students, classmates (same class year, often the
  same major), coworkers within organizations, mentors, professors and students.
  Because coworker and mentor ties stay inside organizations and industries, the
  acquaintance graph has community structure by industry and organization.
* **Activity.**  Each seeker (about a tenth of the people are student seekers, plus a
  few alumni changing careers) holds a heavy-tailed number of interviews with alumni in
  their target industries.  A completed interview may yield referrals, mostly to the
  contact's own acquaintances, organization or industry (homophily).  The seeker
  follows some referrals up with an interview, and that contact may refer again, which
  grows referral *cascades*.
* **Pooled scale.**  From 5,000 people a data set is *pooled* (a career center's
  records over many students), and each person records more acquaintances: extra
  community ties, drawn with their own generator so the base model is unchanged, bring
  the acquaintance graph to about ten edges per person (``edges_per_person``; ten
  million edges at a million people).  Each person gets a heavy-tailed *sociability*
  (Pareto), and ties join people of the same organization (coworkers), class year
  (classmates), industry (mentors), friends of friends (triadic closure, hence
  clustering) and a few people met anywhere, with probability proportional to
  sociability: a degree-corrected block model with heavy-tailed degrees.
* **Featured seeker.**  ``p001`` (the first id) is a current student aiming at
  healthcare technology and UX, with family, friends, professors, classmates and an
  internship coworker, about twenty interviews, a referral cascade of five hand-offs,
  pending referrals, missing thank-you notes and overdue follow-ups, and active to the
  data's last day: conversations 13, 6 and 1 days before it (each with a follow-up
  planned a week later), a request awaiting an answer from 4-6 days before, and a
  conversation scheduled, so its follow-ups on the last day include items due this week.

Randomness comes only from :func:`numpy.random.default_rng`; the same arguments give
identical tables and byte-identical files.  People and ties are generated with
vectorized numpy; activity is generated seeker by seeker in chunks of seekers, each
chunk with its own generator seeded from ``(seed, chunk)``.  The whole model is held
as integer codes; :func:`write_generated` turns it into text a chunk of rows at a time
and streams it to disk (a million people in a few minutes and under 3 GiB), writing
the same bytes as :func:`write_dataset` of :func:`generate`.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import heapq
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd

__all__ = ["generate", "write_dataset", "write_generated"]

# --------------------------------------------------------------------------- vocab

ROLES = ("student", "alum", "faculty", "staff", "employer", "family", "friend", "other")
SENIORITIES = ("student", "entry", "mid", "senior", "executive")
TIE_KINDS = ("family", "friend", "classmate", "coworker", "mentor", "professor")
CHANNELS = ("video", "phone", "in_person", "coffee", "email")
INTERVIEW_STATUSES = ("requested", "scheduled", "completed", "declined", "no_show")
REFERRAL_STATUSES = ("named", "introduced", "contacted", "interviewed", "declined")

UNIVERSITY = "Lakeside University"
CAMPUS = "Cleveland, OH"

_R = {name: i for i, name in enumerate(ROLES)}
_SEN = {name: i for i, name in enumerate(SENIORITIES)}
_KIND = {name: i for i, name in enumerate(TIE_KINDS)}
_ST = {name: i for i, name in enumerate(INTERVIEW_STATUSES)}
_RS = {name: i for i, name in enumerate(REFERRAL_STATUSES)}

# industry: (share of organizations, organization suffixes, interest tags,
#            (job, area) pairs for titles, related majors)
_INDUSTRY_TABLE: dict[str, tuple] = {
    "Technology": (
        0.19,
        ("Labs", "Software", "Systems", "Technologies", "Digital"),
        ("software", "ux", "data", "ai", "product", "cloud", "security"),
        (
            ("Software Engineer", "Engineering"),
            ("Product Manager", "Product"),
            ("UX Designer", "Design"),
            ("Data Scientist", "Data Science"),
        ),
        ("Computer Science", "Mathematics", "Design"),
    ),
    "Healthcare": (
        0.14,
        ("Health", "Medical", "Care", "Clinics", "Biosciences"),
        ("healthcare", "digital-health", "public-health", "clinical-research", "ux"),
        (
            ("UX Researcher", "Patient Experience"),
            ("Health Data Analyst", "Analytics"),
            ("Clinical Research Coordinator", "Clinical Research"),
            ("Product Manager", "Digital Health"),
        ),
        ("Biology", "Public Health", "Psychology"),
    ),
    "Finance": (
        0.11,
        ("Capital", "Financial", "Partners", "Bank", "Investments"),
        ("finance", "investing", "fintech", "banking", "risk"),
        (
            ("Financial Analyst", "Finance"),
            ("Risk Analyst", "Risk"),
            ("Investment Analyst", "Investments"),
            ("Software Engineer", "Engineering"),
        ),
        ("Economics", "Mathematics", "Business Administration"),
    ),
    "Consulting": (
        0.09,
        ("Consulting", "Advisors", "Group", "Strategy", "Associates"),
        ("strategy", "consulting", "operations", "analytics"),
        (
            ("Consultant", "Consulting"),
            ("Business Analyst", "Analytics"),
            ("Strategy Consultant", "Strategy"),
        ),
        ("Economics", "Business Administration", "Political Science"),
    ),
    "Education": (
        0.08,
        ("Academy", "Learning", "Schools", "Institute", "Education"),
        ("education", "edtech", "teaching", "research"),
        (
            ("Instructional Designer", "Learning Design"),
            ("Program Manager", "Programs"),
            ("Teacher", "Curriculum"),
        ),
        ("Education", "English", "Psychology"),
    ),
    "Government": (
        0.07,
        ("Agency", "Authority", "Commission", "Office", "Council"),
        ("policy", "public-service", "civic-tech", "urban-planning"),
        (
            ("Policy Analyst", "Policy"),
            ("Program Analyst", "Programs"),
            ("Urban Planner", "Planning"),
        ),
        ("Political Science", "Economics", "History"),
    ),
    "Nonprofit": (
        0.08,
        ("Foundation", "Alliance", "Collective", "Initiative", "Fund"),
        ("nonprofit", "social-impact", "fundraising", "community"),
        (
            ("Program Coordinator", "Programs"),
            ("Development Officer", "Development"),
            ("Community Organizer", "Community Engagement"),
        ),
        ("Political Science", "English", "Public Health"),
    ),
    "Media": (
        0.06,
        ("Media", "Studios", "Press", "Broadcasting", "Publishing"),
        ("journalism", "media", "content", "marketing", "design"),
        (
            ("Reporter", "News"),
            ("Content Strategist", "Content"),
            ("Producer", "Production"),
            ("Graphic Designer", "Design"),
        ),
        ("Communications", "English", "Design"),
    ),
    "Energy": (
        0.06,
        ("Energy", "Power", "Renewables", "Solar", "Utilities"),
        ("energy", "climate", "sustainability", "renewables"),
        (
            ("Energy Analyst", "Analytics"),
            ("Project Engineer", "Engineering"),
            ("Sustainability Specialist", "Sustainability"),
        ),
        ("Environmental Science", "Mechanical Engineering", "Economics"),
    ),
    "Manufacturing": (
        0.06,
        ("Industries", "Manufacturing", "Works", "Robotics", "Materials"),
        ("manufacturing", "supply-chain", "robotics", "hardware"),
        (
            ("Manufacturing Engineer", "Engineering"),
            ("Supply Chain Analyst", "Supply Chain"),
            ("Quality Engineer", "Quality"),
        ),
        ("Mechanical Engineering", "Business Administration", "Mathematics"),
    ),
    "Retail": (
        0.06,
        ("Goods", "Outfitters", "Market", "Brands", "Supply Co."),
        ("retail", "ecommerce", "marketing", "consumer"),
        (
            ("Merchandising Analyst", "Merchandising"),
            ("Marketing Specialist", "Marketing"),
            ("E-commerce Manager", "E-commerce"),
        ),
        ("Business Administration", "Communications", "Design"),
    ),
}
INDUSTRIES = tuple(_INDUSTRY_TABLE)
_HEALTHCARE = INDUSTRIES.index("Healthcare")
_TECHNOLOGY = INDUSTRIES.index("Technology")
_EDUCATION = INDUSTRIES.index("Education")

MAJORS = (
    "Computer Science",
    "Psychology",
    "Economics",
    "Biology",
    "Business Administration",
    "Political Science",
    "English",
    "Communications",
    "Public Health",
    "Mathematics",
    "Design",
    "Environmental Science",
    "Mechanical Engineering",
    "History",
    "Education",
)
_MAJOR_WEIGHTS = np.array([14, 10, 10, 9, 10, 7, 5, 6, 6, 5, 5, 4, 5, 3, 3], dtype=float)

_CITIES = (
    CAMPUS,
    "Pittsburgh, PA",
    "Boston, MA",
    "New York, NY",
    "Chicago, IL",
    "Seattle, WA",
    "San Francisco, CA",
    "Austin, TX",
    "Denver, CO",
    "Atlanta, GA",
    "Minneapolis, MN",
    "Philadelphia, PA",
    "Washington, DC",
    "Los Angeles, CA",
    "Raleigh, NC",
    "Columbus, OH",
    "Remote",
)

# fmt: off
_FIRST_NAMES = (
    "Aaliyah", "Aaron", "Abigail", "Adrian", "Aisha", "Alejandro", "Alex", "Amara", "Amir",
    "Ana", "Andre", "Angela", "Anika", "Arjun", "Ava", "Beatriz", "Ben", "Bianca", "Caleb",
    "Camila", "Carlos", "Chloe", "Chris", "Clara", "Daniel", "Daniela", "David", "Deepa",
    "Diego", "Dmitri", "Elena", "Eli", "Emeka", "Emily", "Emma", "Ethan", "Fatima", "Felix",
    "Gabriel", "Grace", "Hana", "Hannah", "Hassan", "Henry", "Ibrahim", "Imani", "Isaac",
    "Isabel", "Jamal", "James", "Jasmine", "Javier", "Jin", "Jordan", "Jose", "Joseph",
    "Julia", "Kai", "Kavya", "Keisha", "Kenji", "Laila", "Lauren", "Leah", "Leo", "Liam",
    "Lucas", "Lucia", "Luis", "Malik", "Marcus", "Maria", "Mariam", "Mateo", "Mei", "Mia",
    "Michael", "Mohammed", "Nadia", "Naomi", "Nathan", "Nia", "Nikhil", "Noah", "Noor",
    "Olivia", "Omar", "Oscar", "Paolo", "Priya", "Rafael", "Rahul", "Rebecca", "Ren",
    "Rosa", "Ryan", "Samir", "Sara", "Sebastian", "Simone", "Sofia", "Sunil", "Tariq",
    "Tessa", "Thomas", "Valentina", "Victor", "Wei", "Yara", "Yusuf", "Zara", "Zoe",
)
_LAST_NAMES = (
    "Abara", "Adeyemi", "Alvarez", "Andersen", "Bauer", "Bennett", "Bhatt", "Brooks",
    "Campbell", "Castillo", "Chen", "Cho", "Coleman", "Cruz", "Das", "Delgado", "Diaz",
    "Dubois", "Edwards", "Ellis", "Evans", "Farouk", "Fischer", "Flores", "Foster",
    "Garcia", "Gomez", "Gupta", "Haddad", "Hansen", "Harris", "Hayes", "Hernandez", "Hoang",
    "Hughes", "Ibrahim", "Ito", "Jackson", "Jensen", "Johnson", "Kaur", "Kelly", "Khan",
    "Kim", "Kowalski", "Kumar", "Lam", "Larsen", "Lee", "Lopez", "Martin", "Mehta",
    "Mendoza", "Miller", "Mitchell", "Morales", "Murphy", "Nakamura", "Nguyen", "Novak",
    "Nunez", "Obi", "Okafor", "Olsen", "Ortiz", "Park", "Patel", "Perez", "Petrov",
    "Phillips", "Quinn", "Ramirez", "Ramos", "Reddy", "Reyes", "Rivera", "Roberts", "Rossi",
    "Russo", "Sanchez", "Santos", "Schmidt", "Shah", "Silva", "Singh", "Sokolov", "Suzuki",
    "Tanaka", "Taylor", "Thompson", "Torres", "Tran", "Turner", "Vargas", "Vasquez",
    "Walker", "Wang", "Watson", "Weber", "Williams", "Wilson", "Wong", "Wright", "Xu",
    "Yamamoto", "Yang", "Young", "Zhang",
)
_FEATURED_NAME = ("Maya", "Okonkwo-Reyes")

_ORG_WORDS = (
    "Northwind", "Bluefin", "Cedar", "Harbor", "Summit", "Granite", "Juniper", "Lakeshore",
    "Meridian", "Oakridge", "Pinecrest", "Redwood", "Silverline", "Stonebridge",
    "Tidewater", "Willow", "Aspen", "Beacon", "Brightwater", "Clearview", "Copperleaf",
    "Crescent", "Driftwood", "Evergreen", "Fairhaven", "Fieldstone", "Foxglove",
    "Goldcrest", "Greenfield", "Hawthorn", "Highland", "Ironwood", "Keystone", "Kingfisher",
    "Larkspur", "Lighthouse", "Maplewood", "Marigold", "Millbrook", "Moonstone",
    "Northstar", "Oakhurst", "Orchard", "Pathfinder", "Pebblebrook", "Quarry", "Rivermark",
    "Rosewood", "Saltmarsh", "Sandpiper", "Seabright", "Shoreline", "Skyline", "Sparrow",
    "Springwater", "Starling", "Sunridge", "Thornbury", "Timberline", "Trailhead", "Upland",
    "Valleybrook", "Wavecrest", "Westbrook", "Whitecap", "Wildflower", "Windward",
    "Wrenfield", "Alder", "Birchwood", "Bramble", "Canyon", "Cobalt", "Daybreak",
    "Elmstead", "Fernhill", "Glacier", "Halcyon", "Heron", "Indigo", "Kestrel", "Lantern",
    "Mistral", "Nimbus", "Osprey", "Prairie", "Quill",
)
_ORG_MIDDLE = (
    "Bay", "Ridge", "Point", "Valley", "River", "Creek", "Hill", "Park", "Grove", "Field",
    "Rock", "Lake", "Peak", "Stone", "Bridge", "Forge", "Gate", "Mill", "Spring", "Crest",
    "Meadow", "Brook", "Cove", "Hollow", "Island", "Glen", "Heights", "Ledge", "Pines",
    "Harbor", "Shore", "Trail", "Vale", "Falls", "Mesa", "Bluff", "Landing", "Springs",
    "Woods", "Haven",
)
# fmt: on

_FACULTY_RANKS = (
    ("Assistant Professor of {}", "mid"),
    ("Associate Professor of {}", "senior"),
    ("Professor of {}", "senior"),
    ("Lecturer in {}", "mid"),
)
_STAFF_TITLES = (
    ("Career Advisor", "mid"),
    ("Assistant Director, Career Services", "senior"),
    ("Alumni Relations Officer", "mid"),
    ("Employer Relations Manager", "mid"),
    ("Program Coordinator", "entry"),
    ("Director of Career Services", "executive"),
)
_EMPLOYER_TITLES = (
    "Recruiter",
    "University Recruiter",
    "Talent Acquisition Partner",
    "Hiring Manager",
    "Campus Recruiting Lead",
)
_OTHER_TITLES = (
    "Freelance Designer",
    "Volunteer Coordinator",
    "Community Member",
    "Independent Consultant",
    "Career Coach",
)

_TOPICS = (
    "breaking into {ind}",
    "their path from {major} into {ind}",
    "what a typical week looks like in {ind}",
    "entry-level roles in {ind}",
    "PM interviews",
    "portfolio reviews",
    "case interviews",
    "how hiring works on their team",
    "skills that matter in {ind}",
    "graduate school versus working first",
    "remote versus in-office work",
    "switching teams early in a career",
)
_ADVICE = (
    "reading the design docs",
    "reaching out to a colleague on their team",
    "applying to the summer internship",
    "taking an online SQL course",
    "joining a professional association",
    "tightening the project section of the resume",
    "following up in a month",
    "going to the spring career fair",
    "building a small portfolio project",
    "reading two industry newsletters",
    "practising behavioural questions",
    "talking to someone in operations",
)
_STATUS_NOTES = {
    "requested": (
        "Sent a short request by email",
        "Asked for 20 minutes through the alumni directory",
        "Requested a chat; no reply yet",
    ),
    "scheduled": ("Confirmed; calendar invite sent", "Scheduled; prepare questions"),
    "declined": (
        "Declined; too busy this quarter",
        "Politely declined; suggested writing again in spring",
        "Declined; no longer in that role",
    ),
    "no_show": (
        "Contact did not join; sent a reschedule note",
        "Missed the call; will try again",
    ),
}

# ------------------------------------------------------------------ model constants

_NONE = -(10**9)  # sentinel for a missing day offset
_CHAIN = 5  # hand-offs in the featured seeker's guaranteed cascade
_CHUNK = 1024  # seekers per activity chunk (each chunk has its own generator)
_RECENT = 45  # days before the end within which interviews may still be pending
# engagement: an alum's helpfulness h is lognormal; the chance of being picked as a
# contact grows as min(h, cap)**exp and the mean number of names passed on in a
# conversation as scale * min(h, cap)**exp, so a few alumni give most referrals
_HELP_MU, _HELP_SIGMA = -1.5, 1.6
_POP_CAP, _POP_EXP = 20.0, 2.0
_REF_SCALE, _REF_CAP, _REF_EXP = 0.2, 10.0, 1.5
_PENDING_REQUEST, _PENDING_SCHEDULED = -2, -3  # lead levels of the featured's open items
_LATE = -4  # lead level of the featured's conversations in the last two weeks
_LATE_DAYS = (13, 6, 1)  # they happen this many days before the end
_LATE_FOLLOW_UP = 7  # each plans a follow-up a week later (may fall after the end)

_ROLE_SHARE = {
    "student": (0.15, 8),
    "faculty": (0.035, 2),
    "staff": (0.025, 1),
    "employer": (0.03, 1),
    "family": (0.09, 4),
    "friend": (0.09, 4),
    "other": (0.03, 1),
}
_TIE_STRENGTH = {
    "family": 0.9,
    "friend": 0.75,
    "classmate": 0.5,
    "coworker": 0.5,
    "mentor": 0.7,
    "professor": 0.55,
}
_CHANNEL_CUM = [0.4, 0.6, 0.7, 0.85, 1.0]  # video, phone, in_person, coffee, email


# ------------------------------------------------------------------------- helpers


def _take(vocab: tuple[str, ...] | list[str], idx: np.ndarray) -> np.ndarray:
    """Return ``vocab[idx]`` as an object array, with None where ``idx < 0``."""
    arr = np.asarray(vocab, dtype=object)
    out = np.full(len(idx), None, dtype=object)
    ok = idx >= 0
    out[ok] = arr[idx[ok]]
    return out


def _pick_in_group(
    rng: np.random.Generator,
    query_groups: np.ndarray,
    cand: np.ndarray,
    cand_groups: np.ndarray,
) -> np.ndarray:
    """For each query group draw a uniform candidate of that group, or -1 if none."""
    if len(cand) == 0 or len(query_groups) == 0:
        return np.full(len(query_groups), -1, dtype=np.int64)
    order = np.argsort(cand_groups, kind="stable")
    sc, sg = cand[order], cand_groups[order]
    lo = np.searchsorted(sg, query_groups, "left")
    cnt = np.searchsorted(sg, query_groups, "right") - lo
    off = (rng.random(len(query_groups)) * np.maximum(cnt, 1)).astype(np.int64)
    pos = np.minimum(lo + off, len(sc) - 1)
    return np.where(cnt > 0, sc[pos], -1)


def _role_counts(n: int) -> dict[str, int]:
    counts = {role: max(low, round(share * n)) for role, (share, low) in _ROLE_SHARE.items()}
    counts["alum"] = n - sum(counts.values())
    return counts


def _org_names(rng: np.random.Generator, industries: np.ndarray) -> list[str]:
    """Invent a distinct organization name for each entry of ``industries``."""
    names = np.empty(len(industries), dtype=object)
    nw, nm = len(_ORG_WORDS), len(_ORG_MIDDLE)
    for k, ind in enumerate(INDUSTRIES):
        where = np.flatnonzero(industries == k)
        suffixes = _INDUSTRY_TABLE[ind][1]
        ns = len(suffixes)
        two = nw * ns
        need = len(where)
        codes = rng.permutation(two)[: min(need, two)].tolist()
        out = [f"{_ORG_WORDS[c // ns]} {suffixes[c % ns]}" for c in codes]
        if need > two:
            three = nw * nm * ns
            extra = rng.permutation(three)[: min(need - two, three)].tolist()
            out += [
                f"{_ORG_WORDS[c // (nm * ns)]} {_ORG_MIDDLE[c // ns % nm]} {suffixes[c % ns]}"
                for c in extra
            ]
            base = list(out)
            for j in range(need - len(base)):  # beyond every combination: number them
                out.append(f"{base[j % len(base)]} {j // len(base) + 2}")
        names[where] = out
    return names.tolist()


# ---------------------------------------------------------------------- the world


@dataclass
class _World:
    """Arrays describing the people, indexed by internal (block) index."""

    role: np.ndarray
    org: np.ndarray  # organization code, -1 none
    ind: np.ndarray  # industry code, -1 none
    helpful: np.ndarray  # latent helpfulness
    targets: list[tuple[int, ...]]  # target industries per student/alum seeker
    adj_ptr: np.ndarray  # CSR adjacency of the ties
    adj: np.ndarray
    prof: np.ndarray  # bool: can be an interview contact or a referral target
    ind_members: list[list[int]]  # professionals by industry (plain lists: fast draws)
    ind_cumw: list[list[float]]  # their cumulative popularity weights
    org_ptr: np.ndarray  # CSR: professionals by organization
    org_members: np.ndarray
    last: int  # last permitted day offset


def _people(
    rng: np.random.Generator, n: int, start: date
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Draw every person's attributes (vectorized); return columns and model arrays."""
    counts = _role_counts(n)
    role = np.concatenate([np.full(counts[r], _R[r]) for r in ROLES]).astype(np.int64)
    is_ = {r: np.flatnonzero(role == _R[r]) for r in ROLES}
    y0 = start.year if start.month >= 7 else start.year - 1  # academic year start

    # organizations: industry shares, heavy-tailed sizes, a home city each
    n_orgs = max(min(48, n // 4), n // 10)
    shares = np.array([v[0] for v in _INDUSTRY_TABLE.values()])
    org_ind = np.concatenate(
        [
            np.arange(len(INDUSTRIES)),
            rng.choice(len(INDUSTRIES), n_orgs - len(INDUSTRIES), p=shares / shares.sum()),
        ]
    )
    org_names = [*_org_names(rng, org_ind), UNIVERSITY]
    uni = n_orgs
    org_ind = np.append(org_ind, _EDUCATION)
    org_w = 1.0 / np.arange(1, n_orgs + 1) ** 0.8
    org_w = rng.permutation(org_w)
    org_w /= org_w.sum()
    org_city = np.append(rng.integers(0, len(_CITIES), n_orgs), 0)

    org = np.full(n, -1, dtype=np.int64)
    seniority = np.full(n, -1, dtype=np.int64)
    grad = np.full(n, -1, dtype=np.int64)
    major = np.full(n, -1, dtype=np.int64)
    title = np.full(n, None, dtype=object)
    city = rng.integers(0, len(_CITIES), n)
    mw = _MAJOR_WEIGHTS / _MAJOR_WEIGHTS.sum()
    major_ind = [[k for k, v in enumerate(_INDUSTRY_TABLE.values()) if m in v[4]] for m in MAJORS]
    ind_majors = [[MAJORS.index(m) for m in v[4]] for v in _INDUSTRY_TABLE.values()]

    # students (index 0 is the featured seeker)
    st = is_["student"]
    org[st] = uni
    seniority[st] = _SEN["student"]
    grad[st] = y0 + 1 + rng.integers(0, 4, len(st))
    major[st] = rng.choice(len(MAJORS), len(st), p=mw)
    title[st] = "Student"
    city[st] = 0
    # target industries: one related to the major (usually) and sometimes a second
    targets: list[tuple[int, ...]] = []
    first_t = rng.choice(len(INDUSTRIES), len(st), p=shares / shares.sum())
    second_t = rng.choice(len(INDUSTRIES), len(st), p=shares / shares.sum())
    use_major = rng.random(len(st)) < 0.7
    two_t = rng.random(len(st)) < 0.4
    pick = rng.random(len(st))
    for j, i in enumerate(st.tolist()):
        t0 = int(first_t[j])
        rel = major_ind[major[i]]
        if use_major[j] and rel:
            t0 = rel[int(pick[j] * len(rel))]
        t = (t0,) if not two_t[j] or second_t[j] == t0 else (t0, int(second_t[j]))
        targets.append(t)
    f0 = st[0]
    grad[f0] = y0 + 2
    major[f0] = MAJORS.index("Psychology")
    targets[0] = (_HEALTHCARE, _TECHNOLOGY)

    # alumni: every organization gets at least one, the rest by size weight
    al = is_["alum"]
    base = np.arange(min(len(al), n_orgs))
    rest = rng.choice(n_orgs, len(al) - len(base), p=org_w)
    org[al] = rng.permutation(np.concatenate([base, rest]))
    years = np.minimum(np.floor(rng.exponential(9.0, len(al))).astype(np.int64), 40)
    grad[al] = y0 - years
    u = rng.random(len(al))
    seniority[al] = np.select(
        [
            years <= 2,
            (years <= 6) & (u < 0.25),
            years <= 6,
            (years <= 14) & (u < 0.6),
            years <= 14,
            u < 0.35,
        ],
        [_SEN["entry"], _SEN["entry"], _SEN["mid"], _SEN["senior"], _SEN["mid"], _SEN["executive"]],
        default=_SEN["senior"],
    )
    al_ind = org_ind[org[al]]
    rel_major = np.array(
        [
            ind_majors[k][int(x * len(ind_majors[k]))]
            for k, x in zip(al_ind, rng.random(len(al)), strict=True)
        ]
    )
    major[al] = np.where(
        rng.random(len(al)) < 0.6, rel_major, rng.choice(len(MAJORS), len(al), p=mw)
    )

    # faculty and staff at the university
    fa = is_["faculty"]
    org[fa] = uni
    major[fa] = np.resize(rng.permutation(len(MAJORS)), len(fa))  # department
    rank = rng.integers(0, len(_FACULTY_RANKS), len(fa))
    title[fa] = [
        _FACULTY_RANKS[r][0].format(MAJORS[m]) for r, m in zip(rank, major[fa], strict=True)
    ]
    seniority[fa] = [_SEN[_FACULTY_RANKS[r][1]] for r in rank]
    city[fa] = 0
    sf = is_["staff"]
    org[sf] = uni
    k = rng.integers(0, len(_STAFF_TITLES), len(sf))
    title[sf] = [_STAFF_TITLES[x][0] for x in k]
    seniority[sf] = [_SEN[_STAFF_TITLES[x][1]] for x in k]
    city[sf] = 0

    # employers (recruiters and hiring managers)
    em = is_["employer"]
    org[em] = rng.choice(n_orgs, len(em), p=org_w)
    title[em] = _take(_EMPLOYER_TITLES, rng.integers(0, len(_EMPLOYER_TITLES), len(em)))
    seniority[em] = np.where(rng.random(len(em)) < 0.6, _SEN["mid"], _SEN["senior"])

    # family: mostly working adults, some retired
    fm = is_["family"]
    works = rng.random(len(fm)) < 0.7
    org[fm[works]] = rng.choice(n_orgs, int(works.sum()), p=org_w)
    seniority[fm[works]] = rng.choice(
        [_SEN["mid"], _SEN["senior"], _SEN["executive"]], int(works.sum()), p=[0.4, 0.45, 0.15]
    )
    title[fm[~works]] = np.where(rng.random(int((~works).sum())) < 0.5, "Retired", None)

    # friends: half students elsewhere, half in entry-level jobs
    fr = is_["friend"]
    works = rng.random(len(fr)) < 0.5
    org[fr[works]] = rng.choice(n_orgs, int(works.sum()), p=org_w)
    seniority[fr] = np.where(works, _SEN["entry"], _SEN["student"])
    title[fr[~works]] = "Student"

    # others
    ot = is_["other"]
    works = rng.random(len(ot)) < 0.5
    org[ot[works]] = rng.choice(n_orgs, int(works.sum()), p=org_w)
    seniority[ot[works]] = rng.integers(_SEN["entry"], _SEN["executive"] + 1, int(works.sum()))
    title[ot[~works]] = _take(
        _OTHER_TITLES, rng.integers(0, len(_OTHER_TITLES), int((~works).sum()))
    )

    ind = np.where(org >= 0, org_ind[np.maximum(org, 0)], -1)
    ind[st] = -1
    employed = (org >= 0) & (org != uni)
    city = np.where(employed & (rng.random(n) < 0.8), org_city[np.maximum(org, 0)], city)

    # titles for everyone employed at an organization without a title yet
    need = np.flatnonzero(employed & np.equal(title, None) & (seniority >= _SEN["entry"]))
    job_u, exec_u = rng.random(len(need)), rng.random(len(need))
    for i, ju, eu in zip(need.tolist(), job_u.tolist(), exec_u.tolist(), strict=True):
        jobs = _INDUSTRY_TABLE[INDUSTRIES[ind[i]]][3]
        job, area = jobs[int(ju * len(jobs))]
        s = seniority[i]
        if s == _SEN["entry"]:
            title[i] = f"Associate {job}"
        elif s == _SEN["mid"]:
            title[i] = job
        elif s == _SEN["senior"]:
            title[i] = f"Senior {job}" if eu < 0.7 else f"Lead {job}"
        else:
            title[i] = f"Director of {area}" if eu < 0.7 else f"VP, {area}"

    # helpfulness: heavy-tailed for alumni
    help_ = np.zeros(n)
    help_[al] = rng.lognormal(_HELP_MU, _HELP_SIGMA, len(al))
    help_[em] = rng.lognormal(-0.4, 0.6, len(em))
    help_[fa] = rng.lognormal(-0.6, 0.5, len(fa))
    help_[sf] = rng.lognormal(-0.6, 0.5, len(sf))
    help_[fm] = rng.lognormal(-1.2, 0.7, len(fm))
    help_[fr] = rng.lognormal(-1.2, 0.7, len(fr))
    help_[ot] = rng.lognormal(-1.2, 1.0, len(ot))

    # alumni career changers get a target industry other than their own
    al_target = (ind[al] + 1 + rng.integers(0, len(INDUSTRIES) - 1, len(al))) % len(INDUSTRIES)
    targets += [(int(t),) for t in al_target]

    # names (relatives mostly share the student's family name), e-mails
    first_s = np.asarray(_FIRST_NAMES, dtype=object)[rng.integers(0, len(_FIRST_NAMES), n)]
    last_s = np.asarray(_LAST_NAMES, dtype=object)[rng.integers(0, len(_LAST_NAMES), n)]
    first_s[f0], last_s[f0] = _FEATURED_NAME
    family_owner = np.concatenate([np.full(3, f0), rng.choice(st[1:], len(fm) - 3)])
    same_name = rng.random(len(fm)) < 0.7
    last_s[fm[same_name]] = last_s[family_owner[same_name]]
    name = first_s + " " + last_s
    local = pd.Series(
        [f"{a}.{b}".lower().replace("-", "") for a, b in zip(first_s, last_s, strict=True)]
    )
    dup = local.groupby(local, sort=False).cumcount().to_numpy()
    local = np.where(dup > 0, local + (dup + 1).astype(str).astype(object), local)
    campus = np.isin(role, [_R["student"], _R["alum"], _R["faculty"], _R["staff"]])
    email = local + np.where(campus, "@example.org", "@example.com").astype(object)
    p_missing = np.array([0.0, 0.08, 0.0, 0.0, 0.0, 0.4, 0.3, 0.2])[role]
    email = np.where(rng.random(n) < p_missing, None, email)

    # interest tags: from target industries (students) or own industry, plus extras
    tag_src = np.where(ind >= 0, ind, rng.integers(0, len(INDUSTRIES), n))
    n_tags = rng.integers(1, 4, n)
    tag_u = rng.random((n, 4))
    extra = rng.random(n) < 0.25
    tags = np.empty(n, dtype=object)
    for i in range(n):
        if role[i] == _R["student"]:
            pool = [t for k in targets[i] for t in _INDUSTRY_TABLE[INDUSTRIES[k]][2]]
            nt = n_tags[i] + 1
        else:
            pool = list(_INDUSTRY_TABLE[INDUSTRIES[tag_src[i]]][2])
            nt = n_tags[i]
            if role[i] == _R["employer"]:
                pool = [*pool[:2], "recruiting"]
            elif role[i] == _R["staff"]:
                pool = ["careers", "advising", "education"]
        if extra[i]:
            pool.append(("climate", "design", "data", "writing", "travel", "music")[i % 6])
        chosen: list[str] = []
        for x in tag_u[i, :nt]:
            t = pool[int(x * len(pool))]
            if t not in chosen:
                chosen.append(t)
        tags[i] = ";".join(chosen)
    tags[f0] = "ux;healthcare;digital-health;data"

    school = np.isin(role, [_R["student"], _R["alum"]])
    first_gen = np.where(rng.random(n) < 0.28, "yes", "no").astype(object)
    # international: a fifth of students, an eighth of alumni (enough seekers in each
    # group for the research comparisons to show, not suppress, both groups)
    intl_rate = np.where(role == _R["student"], 0.2, 0.12)
    intl = np.where(rng.random(n) < intl_rate, "yes", "no").astype(object)
    first_gen[~school] = None
    intl[~school] = None
    consent = np.where(rng.random(n) < 0.02, "no", "yes").astype(object)
    first_gen[f0], intl[f0], consent[f0] = "yes", "no", "yes"

    org_s = _take(org_names, org)
    columns = {
        "name": name,
        "role": _take(ROLES, role),
        "organization": org_s,
        "industry": _take(INDUSTRIES, ind),
        "title": title,
        "seniority": _take(SENIORITIES, seniority),
        "grad_year": grad,
        "major": _take(MAJORS, major),
        "location": _take(_CITIES, city),
        "tags": tags,
        "email": email,
        "first_generation": first_gen,
        "international": intl,
        "research_consent": consent,
    }
    model = {
        "role": role,
        "org": org,
        "ind": ind,
        "major": major,
        "grad": grad,
        "seniority": seniority,
        "help": help_,
        "targets": targets,
        "family_owner": family_owner,
        "uni": np.int64(uni),
    }
    return columns, model


# --------------------------------------------------------------------------- ties


def _since_enrolled(grad: np.ndarray, start64: np.datetime64) -> np.ndarray:
    """Day offsets (from the start) of 1 September four years before graduation."""
    sept = (grad - 4 - 1970).astype("datetime64[Y]").astype("datetime64[M]") + 8
    return (sept.astype("datetime64[D]") - start64).astype(np.int64)


def _ties(
    rng: np.random.Generator, m: dict, start64: np.datetime64, last: int
) -> dict[str, np.ndarray]:
    """Draw the acquaintance ties (vectorized); return arrays a, b, kind, strength, since."""
    role, org, ind, grad, major, sen = (
        m["role"],
        m["org"],
        m["ind"],
        m["grad"],
        m["major"],
        m["seniority"],
    )
    n = len(role)
    st, al, fa, fm, fr = (
        np.flatnonzero(role == _R[r]) for r in ("student", "alum", "faculty", "family", "friend")
    )
    f0 = st[0]
    first_target = np.array([t[0] for t in m["targets"][: len(st)]])
    parts: list[tuple[np.ndarray, np.ndarray, int, np.ndarray]] = []

    def add(a: np.ndarray, b: np.ndarray, kind: str, since: np.ndarray | int) -> None:
        a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
        since = np.broadcast_to(np.asarray(since, dtype=np.int64), a.shape)
        parts.append((a, b, _KIND[kind], since))

    def maybe(since: np.ndarray, p: float) -> np.ndarray:
        return np.where(rng.random(len(since)) < p, since, _NONE)

    # family: the featured seeker has three relatives, the rest belong to random students
    owner = m["family_owner"]
    add(owner, fm, "family", _NONE)
    o = np.argsort(owner, kind="stable")
    same = owner[o][1:] == owner[o][:-1]
    add(fm[o][:-1][same], fm[o][1:][same], "family", _NONE)

    # friends: three for the featured seeker, the rest one or two students each
    owner = np.concatenate([np.full(3, f0), rng.choice(st[1:], len(fr) - 3)])
    add(owner, fr, "friend", maybe(-rng.integers(60, 2500, len(fr)), 0.5))
    second = rng.random(len(fr)) < 0.3
    add(rng.choice(st, int(second.sum())), fr[second], "friend", _NONE)
    o = np.argsort(owner, kind="stable")
    same = (owner[o][1:] == owner[o][:-1]) & (rng.random(len(fr) - 1) < 0.5)
    add(fr[o][:-1][same], fr[o][1:][same], "friend", _NONE)

    # classmates: same class year, often the same major
    enrolled = _since_enrolled(grad[st], start64)
    k = 1 + rng.poisson(1.5, len(st))
    k[0] = 5
    q = np.repeat(np.arange(len(st)), k)
    by_major = rng.random(len(q)) < 0.5
    key_major = grad[st] * 100 + major[st]
    mate = np.where(
        by_major,
        _pick_in_group(rng, key_major[q], st, key_major),
        _pick_in_group(rng, grad[st][q], st, grad[st]),
    )
    add(st[q], mate, "classmate", maybe(enrolled[q], 0.6))
    ac = al[rng.random(len(al)) < 0.35]
    key_al = grad[al] * 100 + major[al]
    mate = _pick_in_group(rng, grad[ac] * 100 + major[ac], al, key_al)
    add(ac, mate, "classmate", maybe(_since_enrolled(grad[ac], start64), 0.6))

    # coworkers: within organizations (students are not coworkers)
    worker = np.flatnonzero((org >= 0) & (role != _R["student"]))
    q = np.repeat(worker, rng.poisson(1.2, len(worker)))
    mate = _pick_in_group(rng, org[q], worker, org[worker])
    add(q, mate, "coworker", maybe(-rng.integers(30, 3000, len(q)), 0.6))

    # mentors (person_a is the mentor): for some students and junior alumni
    senior = al[sen[al] >= _SEN["senior"]]
    ms = np.flatnonzero(rng.random(len(st)) < 0.3)
    ms = np.union1d(ms, [0])
    mentor = _pick_in_group(rng, first_target[ms], senior, ind[senior])
    add(mentor, st[ms], "mentor", maybe(rng.integers(-400, last // 2, len(ms)), 0.7))
    junior = al[(sen[al] <= _SEN["mid"]) & (rng.random(len(al)) < 0.12)]
    mentor = _pick_in_group(rng, ind[junior], senior, ind[senior])
    add(mentor, junior, "mentor", maybe(-rng.integers(30, 2000, len(junior)), 0.7))

    # professors (person_a is the professor): one or two per student, often the major's
    k = 1 + (rng.random(len(st)) < 0.4)
    k[0] = 0
    q = np.repeat(np.arange(len(st)), k)
    prof = np.where(
        rng.random(len(q)) < 0.7,
        _pick_in_group(rng, major[st][q], fa, major[fa]),
        -1,
    )
    prof = np.where(prof < 0, fa[rng.integers(0, len(fa), len(q))], prof)
    since = np.minimum(enrolled[q] + rng.integers(0, 900, len(q)), 0)
    add(prof, st[q], "professor", maybe(since, 0.5))
    want = [MAJORS.index("Psychology"), MAJORS.index("Design"), MAJORS.index("Computer Science")]
    fprof = [int(x) for d in want for x in fa[major[fa] == d][:1]]
    fprof += [int(x) for x in fa if x not in fprof]
    add(fprof[:2], [f0, f0], "professor", [-300, -30])

    # internship coworkers: the featured seeker's is early-career, in healthcare
    early = al[(sen[al] <= _SEN["mid"])]
    hc = early[ind[early] == _HEALTHCARE]
    boss = hc[int(rng.integers(0, len(hc)))] if len(hc) else al[0]
    add([boss], [f0], "coworker", -90)
    ic = np.flatnonzero(rng.random(len(st)) < 0.25)
    ic = ic[ic != 0]
    mate = _pick_in_group(rng, first_target[ic], early, ind[early])
    add(mate, st[ic], "coworker", maybe(-rng.integers(60, 450, len(ic)), 0.8))

    a = np.concatenate([p[0] for p in parts])
    b = np.concatenate([p[1] for p in parts])
    kind = np.concatenate([np.full(len(p[0]), p[2]) for p in parts])
    since = np.concatenate([p[3] for p in parts])
    ok = (a >= 0) & (b >= 0) & (a != b)
    a, b, kind, since = a[ok], b[ok], kind[ok], since[ok]
    key = np.minimum(a, b) * n + np.maximum(a, b)
    _, first = np.unique(key, return_index=True)
    keep = np.sort(first)
    a, b, kind, since = a[keep], b[keep], kind[keep], np.minimum(since[keep], last)

    base = np.array([_TIE_STRENGTH[k] for k in TIE_KINDS])[kind]
    strength = np.round(np.clip(base + rng.normal(0.0, 0.12, len(a)), 0.05, 1.0), 2)
    strength[rng.random(len(a)) < 0.5] = np.nan
    return {"a": a, "b": b, "kind": kind, "strength": strength, "since": since}


# ------------------------------------------------------------------ pooled scale

_POOLED_FROM = 5000  # from this many people, data sets are pooled: denser by default
_POOLED_EDGES = 10.0  # default acquaintance edges per person in pooled data sets
_ACTIVITY_EDGES = 1.1  # acquaintance edges per person that interviews and referrals add
_SOC_ALPHA, _SOC_CAP = 1.5, 100.0  # Pareto sociability: heavy-tailed degrees
# share of the extra ties by mechanism: coworkers (same organization), classmates
# (same class year, often the same major), mentors (same industry), friends of
# friends (triadic closure, which gives clustering) and friends met anywhere
_EXTRA_SHARE = {"coworker": 0.35, "classmate": 0.2, "mentor": 0.1, "closure": 0.25, "friend": 0.1}


class _Sampler:
    """Draw people from a pool with probability proportional to a weight.

    With ``groups``, draws can be restricted to a group (an organization, a class
    year, an industry).
    """

    def __init__(
        self, pool: np.ndarray, weight: np.ndarray, groups: np.ndarray | None = None
    ) -> None:
        order = np.argsort(groups, kind="stable") if groups is not None else np.arange(len(pool))
        self.pool = pool[order]
        self.groups = groups[order] if groups is not None else None
        self.cum = np.concatenate([[0.0], np.cumsum(weight[order])])

    def draw(self, rng: np.random.Generator, k: int) -> np.ndarray:
        """Return ``k`` people drawn from the whole pool."""
        if len(self.pool) == 0 or k == 0:
            return np.zeros(0, dtype=np.int64)
        pos = np.searchsorted(self.cum, rng.random(k) * self.cum[-1], "right") - 1
        return self.pool[np.clip(pos, 0, len(self.pool) - 1)]

    def draw_in(self, rng: np.random.Generator, query_groups: np.ndarray) -> np.ndarray:
        """For each query group, a person of that group (-1 where the group is empty)."""
        if len(self.pool) == 0 or len(query_groups) == 0 or self.groups is None:
            return np.full(len(query_groups), -1, dtype=np.int64)
        lo = np.searchsorted(self.groups, query_groups, "left")
        hi = np.searchsorted(self.groups, query_groups, "right")
        cum = self.cum
        target = cum[lo] + rng.random(len(query_groups)) * (cum[hi] - cum[lo])
        pos = np.clip(np.searchsorted(cum, target, "right") - 1, lo, np.maximum(hi - 1, lo))
        pos = np.minimum(pos, len(self.pool) - 1)
        return np.where(hi > lo, self.pool[pos], -1)


def _n_extra_ties(n: int, n_ties: int, edges_per_person: float | None) -> int:
    """How many extra ties bring the acquaintance graph to ``edges_per_person``."""
    if edges_per_person is None:
        edges_per_person = _POOLED_EDGES if n >= _POOLED_FROM else 0.0
    want = edges_per_person * n - n_ties - _ACTIVITY_EDGES * n
    return max(0, round(want))


def _extra_ties(
    rng: np.random.Generator,
    m: dict,
    ties: dict[str, np.ndarray],
    n_extra: int,
    start64: np.datetime64,
    last: int,
) -> dict[str, np.ndarray]:
    """Add ``n_extra`` community ties (about; duplicates are drawn again) to ``ties``.

    Pooled data sets record more of each person's acquaintances than a single
    student's network does. Each person gets a heavy-tailed *sociability* (Pareto,
    exponent 1.5, capped), and each extra tie joins two people of the same
    community, chosen with probability proportional to sociability (a
    degree-corrected block model): coworkers within an organization, classmates
    within a class year (and often a major), mentors within an industry (person_a
    the more senior), friends of friends (triadic closure over the ties drawn so
    far), and a few friends met anywhere. The drawing uses its own generator, so
    the base model's ties and everything drawn from the main generator are unchanged.
    """
    role, org, ind, grad, major, sen = (
        m["role"], m["org"], m["ind"], m["grad"], m["major"], m["seniority"]
    )  # fmt: skip
    n = len(role)
    soc = np.minimum((1.0 - rng.random(n)) ** (-1.0 / _SOC_ALPHA), _SOC_CAP)
    everyone = np.arange(n)
    worker = np.flatnonzero((org >= 0) & (role != _R["student"]))
    school = np.flatnonzero(grad >= 0)
    pro = np.flatnonzero(ind >= 0)
    senior = pro[sen[pro] >= _SEN["senior"]]
    junior = pro[(sen[pro] >= _SEN["entry"]) & (sen[pro] <= _SEN["mid"])]
    class_key = grad * 100 + major
    draw = {  # who starts a tie of each kind, by sociability
        "coworker": _Sampler(worker, soc[worker]),
        "classmate": _Sampler(school, soc[school]),
        "mentor": _Sampler(junior, soc[junior]),
        "friend": _Sampler(everyone, soc),
    }
    within = {  # whom they meet, in their group, by sociability
        "coworker": _Sampler(worker, soc[worker], org[worker]),
        "year": _Sampler(school, soc[school], grad[school]),
        "major": _Sampler(school, soc[school], class_key[school]),
        "mentor": _Sampler(senior, soc[senior], ind[senior]),
    }

    def since(kind: str, k: int, a: np.ndarray) -> np.ndarray:
        if kind == "classmate":
            day = _since_enrolled(grad[a], start64)
            p = 0.6
        else:
            lo, hi, p = {"coworker": (30, 3000, 0.6), "mentor": (30, 2000, 0.7)}.get(
                kind, (60, 2500, 0.5)
            )
            day = -rng.integers(lo, hi, k)
        return np.where(rng.random(k) < p, day, _NONE)

    a_all, b_all = [ties["a"]], [ties["b"]]
    kind_all, since_all = [ties["kind"]], [ties["since"]]
    key_all = np.minimum(ties["a"], ties["b"]) * n + np.maximum(ties["a"], ties["b"])
    have = len(key_all)
    target = have + n_extra
    for _round in range(6):
        need = target - have
        if need <= 0:
            break
        n_draw = int(need * (1.15 if _round == 0 else 1.5)) + 16
        counts = dict(zip(_EXTRA_SHARE, rng.multinomial(n_draw, list(_EXTRA_SHARE.values())),
                          strict=True))  # fmt: skip
        new: list[tuple[np.ndarray, np.ndarray, str]] = []
        a = draw["coworker"].draw(rng, int(counts["coworker"]))
        new.append((a, within["coworker"].draw_in(rng, org[a]), "coworker"))
        a = draw["classmate"].draw(rng, int(counts["classmate"]))
        by_year = rng.random(len(a)) < 0.5  # half within the class year, half also the major
        b = np.where(
            by_year,
            within["year"].draw_in(rng, grad[a]),
            within["major"].draw_in(rng, class_key[a]),
        )
        new.append((a, b, "classmate"))
        a = draw["mentor"].draw(rng, int(counts["mentor"]))
        new.append((within["mentor"].draw_in(rng, ind[a]), a, "mentor"))  # person_a: mentor
        a = draw["friend"].draw(rng, int(counts["friend"]))
        new.append((a, draw["friend"].draw(rng, len(a)), "friend"))
        # friends of friends over everything drawn so far
        ca = np.concatenate([*a_all, *(x[0] for x in new)])
        cb = np.concatenate([*b_all, *(x[1] for x in new)])
        ok = (ca >= 0) & (cb >= 0)
        ca, cb = ca[ok], cb[ok]
        src = np.concatenate([ca, cb])
        dst = np.concatenate([cb, ca])
        o = np.argsort(src)
        dst = dst[o]
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=ptr[1:])
        deg = np.diff(ptr)
        has = np.flatnonzero(deg > 0)
        x = _Sampler(has, soc[has]).draw(rng, int(counts["closure"]))
        y = dst[ptr[x] + (rng.random(len(x)) * deg[x]).astype(np.int64)]
        z = dst[ptr[y] + (rng.random(len(y)) * deg[y]).astype(np.int64)]
        new.append((x, z, "closure"))
        for a, b, kind in new:
            ok = (a >= 0) & (b >= 0) & (a != b)
            a, b = a[ok], b[ok]
            key = np.minimum(a, b) * n + np.maximum(a, b)
            tie_kind = "friend" if kind == "closure" else kind
            if kind == "closure":  # name the tie by what the two share
                same_org = (org[a] == org[b]) & (org[a] >= 0) & (role[a] != _R["student"])
                same_org &= role[b] != _R["student"]
                same_year = (grad[a] == grad[b]) & (grad[a] >= 0)
                k = np.where(same_org, _KIND["coworker"],
                             np.where(same_year, _KIND["classmate"], _KIND["friend"]))  # fmt: skip
                enrolled = _since_enrolled(np.where(same_year, grad[a], 2000), start64)
                d = np.where(
                    same_org,
                    since("coworker", len(a), a),
                    np.where(
                        same_year,
                        np.where(rng.random(len(a)) < 0.6, enrolled, _NONE),
                        since("friend", len(a), a),
                    ),
                )
            else:
                k = np.full(len(a), _KIND[tie_kind])
                d = since(tie_kind, len(a), a)
            a_all.append(a)
            b_all.append(b)
            kind_all.append(k)
            since_all.append(d)
            key_all = np.concatenate([key_all, key])
        _, first = np.unique(key_all, return_index=True)
        keep = np.sort(first)
        a_cat, b_cat = np.concatenate(a_all)[keep], np.concatenate(b_all)[keep]
        kind_cat, since_cat = np.concatenate(kind_all)[keep], np.concatenate(since_all)[keep]
        if len(keep) > target:  # drop the surplus, last drawn first
            a_cat, b_cat = a_cat[:target], b_cat[:target]
            kind_cat, since_cat = kind_cat[:target], since_cat[:target]
        a_all, b_all, kind_all, since_all = [a_cat], [b_cat], [kind_cat], [since_cat]
        key_all = np.minimum(a_cat, b_cat) * n + np.maximum(a_cat, b_cat)
        have = len(key_all)

    a, b, kind, since_ = a_all[0], b_all[0], kind_all[0], since_all[0]
    extra = slice(len(ties["a"]), len(a))
    base = np.array([_TIE_STRENGTH[k] for k in TIE_KINDS])[kind[extra]]
    strength = np.round(np.clip(base + rng.normal(0.0, 0.12, len(base)), 0.05, 1.0), 2)
    strength[rng.random(len(base)) < 0.5] = np.nan
    return {
        "a": a,
        "b": b,
        "kind": kind,
        "strength": np.concatenate([ties["strength"], strength]),
        "since": np.minimum(since_, last),
    }


def _world(m: dict, ties: dict[str, np.ndarray], last: int) -> _World:
    """Index the people and ties for fast sampling during the activity simulation."""
    role, org, ind = m["role"], m["org"], m["ind"]
    n = len(role)
    a = np.concatenate([ties["a"], ties["b"]])
    b = np.concatenate([ties["b"], ties["a"]])
    o = np.argsort(a, kind="stable")
    adj_ptr = np.searchsorted(a[o], np.arange(n + 1))
    prof = np.isin(role, [_R["alum"], _R["employer"], _R["other"]]) & (org >= 0) & (org != m["uni"])
    weight = np.minimum(m["help"], _POP_CAP) ** _POP_EXP
    members, cumw = [], []
    for k in range(len(INDUSTRIES)):
        mem = np.flatnonzero(prof & (ind == k))
        members.append(mem.tolist())
        cumw.append(np.cumsum(weight[mem]).tolist())
    pro = np.flatnonzero(prof)
    po = pro[np.argsort(org[pro], kind="stable")]
    org_ptr = np.searchsorted(org[po], np.arange(int(m["uni"]) + 2))
    return _World(
        role=role,
        org=org,
        ind=ind,
        helpful=m["help"],
        targets=m["targets"],
        adj_ptr=adj_ptr,
        adj=b[o],
        prof=prof,
        ind_members=members,
        ind_cumw=cumw,
        org_ptr=org_ptr,
        org_members=po,
        last=last,
    )


# ----------------------------------------------------------------------- activity

_IV_FIELDS = ("iv_seeker", "iv_contact", "iv_day", "iv_channel", "iv_status", "iv_ty", "iv_fu")
_RF_FIELDS = (
    "rf_iv", "rf_referrer", "rf_seeker", "rf_referred", "rf_day", "rf_followup", "rf_status"
)  # fmt: skip
_LOG_FIELDS = (*_IV_FIELDS, "iv_topic", "iv_advice", *_RF_FIELDS)


def _weighted(r: Callable[[], float], w: _World, k: int) -> int:
    """Draw a professional of industry ``k`` with probability growing with popularity."""
    mem = w.ind_members[k]
    if len(mem) == 0:
        return -1
    cw = w.ind_cumw[k]
    j = bisect.bisect_right(cw, r() * cw[-1])
    return mem[min(j, len(mem) - 1)]


class _Seeker:
    """One seeker's search: interviews in date order, referrals, follow-ups.

    Leads (people to interview) wait in a heap ordered by day.  A lead is either a
    new contact found cold in the alumni directory (or among the seeker's own ties),
    or a referral being followed up.  ``level`` marks the featured seeker's forced
    cascade (0, 1, ... ``_CHAIN``) and open items; ordinary leads have level -1.
    """

    def __init__(
        self, rng: np.random.Generator, w: _World, log: dict[str, list[int]], seeker: int
    ) -> None:
        self.rng, self.r, self.w, self.log, self.seeker = rng, rng.random, w, log, seeker
        self.targets = w.targets[seeker]
        self.seen = {seeker}  # never interviewed or named twice
        self.heap: list[tuple[int, int, int, int, int]] = []
        self.seq = 0
        self.iv0, self.rf0 = len(log["iv_day"]), len(log["rf_day"])

    def push(self, day: int, ref: int = -1, person: int = -1, level: int = -1) -> None:
        heapq.heappush(self.heap, (day, self.seq, ref, person, level))
        self.seq += 1

    def pick_contact(self, ties: list[int], force: bool) -> int:
        """Pick a new contact: mostly a popular alum of a target industry, or a tie."""
        r, w, targets = self.r, self.w, self.targets
        for _ in range(12):
            u = r()
            if ties and not force and u < 0.12:
                c = ties[int(r() * len(ties))]
            elif force or u < 0.85:
                c = _weighted(r, w, targets[0] if force else targets[int(r() * len(targets))])
            else:
                c = _weighted(r, w, int(r() * len(INDUSTRIES)))
            if c >= 0 and c not in self.seen:
                return c
        for _ in range(12):  # the popular ones are taken: anyone in a target industry
            mem = w.ind_members[targets[0] if force else targets[int(r() * len(targets))]]
            c = int(mem[int(r() * len(mem))]) if len(mem) else -1
            if c >= 0 and c not in self.seen:
                return c
        return -1

    def pick_referred(self, c: int, force: int = -1) -> int:
        """Whom ``c`` names: an acquaintance, a colleague, or someone in the industry."""
        r, w = self.r, self.w
        lo, hi = int(w.adj_ptr[c]), int(w.adj_ptr[c + 1])
        org, ind = int(w.org[c]), int(w.ind[c])
        for _ in range(10):
            u = r()
            x = -1
            if u < 0.3 and hi > lo:
                x = int(w.adj[lo + int(r() * (hi - lo))])
                x = x if w.prof[x] else -1
            elif u < 0.55 and org >= 0:
                olo, ohi = int(w.org_ptr[org]), int(w.org_ptr[org + 1])
                if ohi > olo:
                    x = int(w.org_members[olo + int(r() * (ohi - olo))])
            elif u < 0.9 and ind >= 0:
                x = _weighted(r, w, ind)
            else:
                x = _weighted(r, w, self.targets[int(r() * len(self.targets))])
            if x >= 0 and x != c and x not in self.seen:
                return x
        if force >= 0:  # the featured cascade must go on: scan the industry
            mem = w.ind_members[force]
            off = int(r() * len(mem)) if len(mem) else 0
            for j in range(len(mem)):
                x = int(mem[(off + j) % len(mem)])
                if x != c and x not in self.seen:
                    return x
        return -1

    def refer(self, iv: int, referrer: int, day: int, force: int = -1) -> int:
        """Record a referral by ``referrer`` (from interview ``iv``, or -1); its index."""
        x = self.pick_referred(referrer, force)
        if x < 0:
            return -1
        self.seen.add(x)
        values = (iv, referrer, self.seeker, x, min(day, self.w.last), -1, -1)
        for f, v in zip(_RF_FIELDS, values, strict=True):
            self.log[f].append(v)
        return len(self.log["rf_day"]) - 1

    def status(self, day: int, person: int, level: int, warm: bool) -> int:
        u = self.r()
        if level >= 0:
            return _ST["completed"]
        if level == _PENDING_REQUEST:
            return _ST["requested"]
        if level == _PENDING_SCHEDULED:
            return _ST["scheduled"]
        if level == _LATE:
            return _ST["completed"]
        if day > self.w.last - _RECENT:  # may not have happened yet
            return (
                _ST["completed"] if u < 0.3 else _ST["requested"] if u < 0.6 else _ST["scheduled"]
            )
        p_decline = (0.05 if warm else 0.1) + 0.1 / (1.0 + self.w.helpful[person])
        if u < p_decline:
            return _ST["declined"]
        if u < p_decline + 0.05:
            return _ST["no_show"]
        if u < p_decline + 0.08:
            return _ST["requested"]  # never answered
        return _ST["completed"]

    def run(self, featured: bool) -> None:
        """Simulate the search and append its interviews and referrals to the log."""
        rng, r, w, log, last = self.rng, self.r, self.w, self.log, self.w.last
        if featured:
            budget, s0, s1 = 16 + int(r() * 3), 20 + int(r() * 20), last - 60
            p_follow, p_thanks = 0.6, 0.8
        else:
            if w.role[self.seeker] == _R["student"]:
                budget = min(15, int(rng.lognormal(1.65, 0.85)))
                s0 = int((r() * 1.05 - 0.2) * last)  # some started before the window
                s1 = min(last, s0 + 150 + int(r() * 300))
            else:  # an alum changing careers
                budget, s0 = 2 + int(r() * 7), int(r() * 0.7 * last)
                s1 = min(last, s0 + 90 + int(r() * 300))
            p_follow, p_thanks = rng.beta(4, 2), rng.beta(8, 2)
        if budget == 0:
            return
        nb = w.adj[w.adj_ptr[self.seeker] : w.adj_ptr[self.seeker + 1]].tolist()
        ties = [c for c in nb if w.role[c] != _R["student"] and w.org[c] >= 0]
        n_cold = max(1, -(-budget * 3 // 5))  # cold contacts, spread over the search
        gap = max((s1 - s0) / (n_cold + 1), 5.0)
        day = s0
        for j in range(n_cold):
            day += 1 + int(rng.exponential(gap))
            if day >= 0:
                self.push(day, level=0 if featured and j == 0 else -1)
        if featured:  # active to the end: recent talks, a request awaiting an answer,
            # one conversation coming up
            for back in _LATE_DAYS:
                self.push(last - back, level=_LATE)
            self.push(last - 4 - int(r() * 3), level=_PENDING_REQUEST)
            self.push(last - 2 - int(r() * 10), level=_PENDING_SCHEDULED)
        if nb and r() < (1.0 if featured else 0.15):  # a name passed on outside an interview
            ref = self.refer(-1, nb[int(r() * len(nb))], max(s0, 0) + int(r() * 60))
            if ref >= 0 and r() < p_follow:
                self.push(log["rf_day"][ref] + 3 + int(r() * 22), ref, log["rf_referred"][ref])

        count = 0
        while self.heap:
            day, _, ref, person, level = heapq.heappop(self.heap)
            if day > last:
                break
            if count >= budget and level == -1:
                continue
            if person < 0:
                person = self.pick_contact(ties, level >= 0)
                if person < 0:
                    continue
            self.seen.add(person)
            status = self.status(day, person, level, ref >= 0)
            done = status == _ST["completed"]
            thanks = min(day + int(r() * 4), last) if done and r() < p_thanks else _NONE
            due = _NONE
            if level == _LATE:
                due = day + _LATE_FOLLOW_UP  # a plan: this week's follow-ups
            elif (done and r() < 0.55) or (status == _ST["requested"] and r() < 0.5):
                due = day + (7 + int(r() * 39) if done else 7)
                due = due if due <= last else _NONE
            iv = len(log["iv_day"])
            values = (self.seeker, person, day, _channel(r()), status, thanks, due)
            for f, v in zip(_IV_FIELDS, values, strict=True):
                log[f].append(v)
            log["iv_topic"].append(int(r() * len(_TOPICS)) if r() > 0.1 else -1)
            log["iv_advice"].append(int(r() * len(_ADVICE)))
            if ref >= 0:
                log["rf_followup"][ref] = iv
            count += 1
            if done:
                self.names(iv, person, day, level, p_follow)
            if not self.heap and count < budget:
                self.push(day + 1 + int(rng.exponential(gap)))
        named = self.feature() if featured else set()
        self.settle_referrals(named)

    def names(self, iv: int, person: int, day: int, level: int, p_follow: float) -> None:
        """Record the names ``person`` passes on at the end of a completed interview."""
        r, log = self.r, self.log
        h = min(self.w.helpful[person], _REF_CAP)
        k = min(int(self.rng.poisson(_REF_SCALE * h**_REF_EXP)), 5)
        chain = 0 <= level < _CHAIN
        if chain:
            k = max(k, 1)
        for _ in range(k):
            ref = self.refer(iv, person, day + int(r() * 8), self.targets[0] if chain else -1)
            if ref < 0:
                continue
            rday, x = log["rf_day"][ref], log["rf_referred"][ref]
            if chain:  # the featured cascade: always followed up
                self.push(rday + 5 + int(r() * 16), ref, x, level + 1)
                chain = False
            elif r() < p_follow:
                self.push(rday + 3 + int(r() * 22), ref, x)

    def feature(self) -> set[int]:
        """Guarantee the featured seeker's open items; return referrals left ``named``."""
        log, last = self.log, self.w.last
        done = [
            i
            for i in range(self.iv0, len(log["iv_day"]))
            if log["iv_status"][i] == _ST["completed"]
        ]
        pending = [j for j in range(self.rf0, len(log["rf_day"])) if log["rf_followup"][j] < 0]
        for i in sorted(done, key=lambda i: -log["iv_day"][i]):
            if len(pending) >= 3:
                break
            j = self.refer(i, log["iv_contact"][i], log["iv_day"][i] + 2)
            if j >= 0:
                pending.append(j)
        no_thanks = [i for i in done if log["iv_ty"][i] == _NONE]
        for i in reversed(done):
            if len(no_thanks) >= 2:
                break
            if log["iv_ty"][i] != _NONE:
                log["iv_ty"][i] = _NONE
                no_thanks.append(i)
        overdue = [i for i in done if log["iv_fu"][i] != _NONE]
        for i in done:
            if len(overdue) >= 2:
                break
            if log["iv_fu"][i] == _NONE and log["iv_day"][i] + 21 <= last:
                log["iv_fu"][i] = log["iv_day"][i] + 14
                overdue.append(i)
        return set(pending[:3])

    def settle_referrals(self, named: set[int]) -> None:
        """Set each referral's status from what became of it."""
        r, log = self.r, self.log
        for j in range(self.rf0, len(log["rf_day"])):
            f = log["rf_followup"][j]
            if f >= 0:
                s = log["iv_status"][f]
                status = (
                    "interviewed" if s == _ST["completed"]
                    else "declined" if s == _ST["declined"]
                    else "contacted"
                )  # fmt: skip
            elif j in named:
                status = "named"
            else:
                u = r()
                status = (
                    "named" if u < 0.5
                    else "introduced" if u < 0.7
                    else "contacted" if u < 0.85
                    else "declined"
                )  # fmt: skip
            log["rf_status"][j] = _RS[status]


def _channel(u: float) -> int:
    """Map a uniform draw to a channel code."""
    return min(bisect.bisect_right(_CHANNEL_CUM, u * _CHANNEL_CUM[-1]), len(CHANNELS) - 1)


# ------------------------------------------------------------------------ tables


def _end_date(start: date, months: int) -> date:
    """Return ``start`` plus ``months`` calendar months (day clipped to 28)."""
    y, mo = divmod(start.month - 1 + months, 12)
    return start.replace(year=start.year + y, month=mo + 1, day=min(start.day, 28))


def _dates(start64: np.datetime64, days: np.ndarray) -> pd.Series:
    """Turn day offsets from the start into dates, NaT where missing."""
    days = np.asarray(days, dtype=np.int64)
    out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[D]")
    ok = days != _NONE
    out[ok] = start64 + days[ok].astype("timedelta64[D]")
    return pd.Series(out.astype("datetime64[s]"))


def _format_ids(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    """Return ids ``prefix`` + each number zero-padded to ``width``, as an object array."""
    return np.array([f"{prefix}{i:0{width}d}" for i in numbers.tolist()], dtype=object)


def _ids(prefix: str, count: int, *, width: int = 4) -> np.ndarray:
    """Return ids ``prefix0001`` ... zero-padded to ``width`` or the width of ``count``."""
    width = max(width, len(str(count)))
    return _format_ids(prefix, np.arange(1, count + 1), width)


def _notes(m: dict, contact: np.ndarray, status: np.ndarray, topic: np.ndarray,
           advice: np.ndarray) -> np.ndarray:  # fmt: skip
    """Invent a short note for each interview from its status and the contact."""
    ind_names = [x.lower() for x in INDUSTRIES]
    notes = np.full(len(contact), None, dtype=object)
    rows = zip(contact.tolist(), status.tolist(), topic.tolist(), advice.tolist(), strict=True)
    for j, (c, s, t, a) in enumerate(rows):
        if s != _ST["completed"]:
            choices = _STATUS_NOTES[INTERVIEW_STATUSES[s]]
            notes[j] = choices[a % len(choices)]
        elif t >= 0:
            topic_text = _TOPICS[t].format(
                ind=ind_names[m["ind"][c]] if m["ind"][c] >= 0 else "their field",
                major=MAJORS[m["major"][c]] if m["major"][c] >= 0 else "their degree",
            )
            notes[j] = f"Talked about {topic_text}; suggested {_ADVICE[a]}"
    return notes


_FILES = ("people", "ties", "interviews", "referrals")


class _Generated:
    """A generated data set held compactly (integer codes); tables are built in row ranges.

    Interviews and referrals are numbered in date order. :meth:`table` builds rows
    ``lo`` to ``hi`` of a table, so a large data set can be written chunk by chunk
    without ever holding its full text tables.
    """

    def __init__(
        self,
        cols: dict[str, np.ndarray],
        m: dict,
        ties: dict[str, np.ndarray],
        lg: dict[str, np.ndarray],
        pid: np.ndarray,
        start64: np.datetime64,
    ) -> None:
        self.cols, self.m, self.ties, self.lg, self.pid, self.start64 = (
            cols, m, ties, lg, pid, start64
        )  # fmt: skip
        self.order = np.argsort(pid, kind="stable")
        n_iv = len(lg["iv_day"])
        self.io = np.lexsort((np.arange(n_iv), lg["iv_day"]))
        self.rank = np.empty(n_iv, dtype=np.int64)
        self.rank[self.io] = np.arange(n_iv)
        n_rf = len(lg["rf_day"])
        self.ro = np.lexsort((np.arange(n_rf), lg["rf_day"]))
        self.iv_width = max(4, len(str(n_iv)))
        self.rf_width = max(4, len(str(n_rf)))

    def rows(self, name: str) -> int:
        """Return the number of rows of table ``name``."""
        return {
            "people": len(self.pid),
            "ties": len(self.ties["a"]),
            "interviews": len(self.io),
            "referrals": len(self.ro),
        }[name]

    def table(self, name: str, lo: int = 0, hi: int | None = None) -> pd.DataFrame:
        """Rows ``lo:hi`` of table ``name`` (all of it by default)."""
        hi = self.rows(name) if hi is None else hi
        return getattr(self, f"_{name}")(lo, hi)

    def _people(self, lo: int, hi: int) -> pd.DataFrame:
        order = self.order[lo:hi]
        people = pd.DataFrame({"person_id": self.pid[order]})
        for name, col in self.cols.items():
            if name == "grad_year":
                people[name] = pd.arrays.IntegerArray(col[order], mask=col[order] < 0)
            else:
                people[name] = col[order]
        return people

    def _ties(self, lo: int, hi: int) -> pd.DataFrame:
        t, pid = self.ties, self.pid
        frame = pd.DataFrame(
            {
                "person_a": pid[t["a"][lo:hi]],
                "person_b": pid[t["b"][lo:hi]],
                "kind": _take(TIE_KINDS, t["kind"][lo:hi]),
                "strength": t["strength"][lo:hi],
                "since": _dates(self.start64, t["since"][lo:hi]),
            }
        )
        frame.index = pd.RangeIndex(lo, hi)
        return frame

    def _interviews(self, lo: int, hi: int) -> pd.DataFrame:
        lg, pid, io, s64 = self.lg, self.pid, self.io[lo:hi], self.start64
        contact, status = lg["iv_contact"][io], lg["iv_status"][io]
        frame = pd.DataFrame(
            {
                "interview_id": _format_ids("i", np.arange(lo + 1, hi + 1), self.iv_width),
                "seeker_id": pid[lg["iv_seeker"][io]],
                "contact_id": pid[contact],
                "date": _dates(s64, lg["iv_day"][io]),
                "channel": _take(CHANNELS, lg["iv_channel"][io]),
                "status": _take(INTERVIEW_STATUSES, status),
                "thank_you_sent": _dates(s64, lg["iv_ty"][io]),
                "follow_up_due": _dates(s64, lg["iv_fu"][io]),
                "notes": _notes(self.m, contact, status, lg["iv_topic"][io], lg["iv_advice"][io]),
            }
        )
        frame.index = pd.RangeIndex(lo, hi)
        return frame

    def _referrals(self, lo: int, hi: int) -> pd.DataFrame:
        lg, pid, ro = self.lg, self.pid, self.ro[lo:hi]
        rf_iv = lg["rf_iv"][ro]
        has = rf_iv >= 0
        iv_id = np.full(len(ro), None, dtype=object)
        iv_id[has] = _format_ids("i", self.rank[rf_iv[has]] + 1, self.iv_width)
        frame = pd.DataFrame(
            {
                "referral_id": _format_ids("r", np.arange(lo + 1, hi + 1), self.rf_width),
                "interview_id": iv_id,
                "referrer_id": pid[lg["rf_referrer"][ro]],
                "seeker_id": pid[lg["rf_seeker"][ro]],
                "referred_id": pid[lg["rf_referred"][ro]],
                "date": _dates(self.start64, lg["rf_day"][ro]),
                "status": _take(REFERRAL_STATUSES, lg["rf_status"][ro]),
            }
        )
        frame.index = pd.RangeIndex(lo, hi)
        return frame


def _check_arguments(n_people: int, seed: int, months: int, edges: float | None) -> None:
    if n_people < 60:
        raise ValueError(f"n_people must be at least 60, got {n_people}")
    if months < 6:
        raise ValueError(f"months must be at least 6, got {months}")
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed}")
    if edges is not None and not (0 <= edges <= 1000):
        raise ValueError(f"edges_per_person must be between 0 and 1000, got {edges}")


def _simulate(
    n_people: int,
    seed: int,
    start: str,
    months: int,
    edges_per_person: float | None,
    progress: bool | None,
) -> _Generated:
    """Run the model (see the module docstring); return the data set in compact form."""
    from netgraph._progress import progress as bar

    _check_arguments(n_people, seed, months, edges_per_person)
    start_d = date.fromisoformat(start)
    last = (_end_date(start_d, months) - start_d).days - 1
    start64 = np.datetime64(start_d, "D")

    rng = np.random.default_rng(seed)
    with bar(total=3, desc="people and ties", unit="step", progress=progress) as steps:
        cols, m = _people(rng, n_people, start_d)
        steps.update()
        ties = _ties(rng, m, start64, last)
        steps.update()
        n_extra = _n_extra_ties(n_people, len(ties["a"]), edges_per_person)
        if n_extra:
            ties = _extra_ties(np.random.default_rng([seed, 2]), m, ties, n_extra, start64, last)
        w = _world(m, ties, last)
        steps.update()
    st = np.flatnonzero(m["role"] == _R["student"])
    al = np.flatnonzero(m["role"] == _R["alum"])
    changers = al[(m["seniority"][al] >= _SEN["mid"]) & (m["seniority"][al] <= _SEN["senior"])]
    n_students = min(len(st) - 1, round(0.1 * n_people))
    n_changers = min(len(changers), max(2, round(0.01 * n_people)))
    seekers = np.concatenate(
        [
            st[:1],
            np.sort(rng.choice(st[1:], n_students, replace=False)),
            np.sort(rng.choice(changers, n_changers, replace=False)),
        ]
    )
    # ids: the featured seeker first, everyone else in random order
    pos = np.concatenate([[0], 1 + rng.permutation(n_people - 1)])
    pid = _ids("p", n_people, width=1)[pos]

    # activity, seeker by seeker, in chunks that each have their own generator
    log: dict[str, list[int]] = {f: [] for f in _LOG_FIELDS}
    with bar(total=len(seekers), desc="interviews", unit="seekers", progress=progress) as done:
        for c0 in range(0, len(seekers), _CHUNK):
            crng = np.random.default_rng([seed, 1, c0 // _CHUNK])
            chunk = seekers[c0 : c0 + _CHUNK].tolist()
            for s in chunk:
                _Seeker(crng, w, log, s).run(featured=s == st[0])
            done.update(len(chunk))
    del w
    lg = {f: np.asarray(log.pop(f), dtype=np.int64) for f in _LOG_FIELDS}
    return _Generated(cols, m, ties, lg, pid, start64)


def generate(
    n_people: int = 400,
    *,
    seed: int = 7,
    start: str = "2024-09-01",
    months: int = 24,
    edges_per_person: float | None = None,
    progress: bool | None = False,
) -> dict[str, pd.DataFrame]:
    """Generate a synthetic referral-network data set.

    The data set describes ``n_people`` invented people (students, alumni, faculty,
    staff, employers, family, friends and others) of an invented university, the ties
    between them, and ``months`` months of informational interviews and referrals
    starting on ``start``.  The first person (``p001`` for the default size) is the
    featured student seeker; about a tenth of the people are student seekers and about
    one in a hundred an alum changing careers.  See the module docstring for the model.

    Data sets of 5,000 people or more are *pooled* (a career center's records over
    many students): extra community ties (coworkers, classmates, mentors, friends of
    friends; heavy-tailed sociability) bring the acquaintance graph to about
    ``edges_per_person`` edges per person (ties, completed interviews and referrals
    together).  To write a large data set, :func:`write_generated` streams it to disk.

    Parameters
    ----------
    n_people
        Number of people, at least 60.
    seed
        Seed of the random generator (a non-negative integer).  The same arguments
        always give identical tables.
    start
        First day of the data set, ISO ``YYYY-MM-DD``.
    months
        Length of the data set in months, at least 6.  Every date is before the end
        (``start`` plus ``months``); interview dates are on or after ``start``.
    edges_per_person
        About how many acquaintance edges per person to aim at (0 to 1000). ``None``:
        10 for 5,000 people or more, else the base model alone (about 2 to 3).  The
        base model's ties are always kept; extra ties are added only when it gives
        fewer.
    progress
        Show progress bars (``None``: in a terminal or notebook, see
        :mod:`netgraph._progress`).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"people"``, ``"ties"``, ``"interviews"`` and ``"referrals"``, with the
        columns of the CSV files in their order.  Text columns have the ``str``
        dtype, dates are ``datetime64``, ``grad_year`` is ``Int64`` and ``strength``
        is a float rounded to two decimals; missing values are ``NA``/``NaT``.
        Interviews and referrals are numbered in date order.

    Raises
    ------
    ValueError
        If ``n_people``, ``seed``, ``start``, ``months`` or ``edges_per_person`` is
        out of range.

    Examples
    --------
    >>> tables = generate(80, seed=1, months=12)
    >>> sorted(tables)
    ['interviews', 'people', 'referrals', 'ties']
    >>> tables["people"].loc[0, ["person_id", "role"]].tolist()
    ['p01', 'student']
    >>> generate(80, seed=1, months=12)["interviews"].equals(tables["interviews"])
    True
    """
    g = _simulate(n_people, seed, start, months, edges_per_person, progress)
    return {name: g.table(name) for name in _FILES}


def _csv_text(df: pd.DataFrame, *, header: bool) -> str:
    """``df`` as CSV text the way :func:`write_dataset` writes it."""
    return df.to_csv(index=False, header=header, lineterminator="\n", date_format="%Y-%m-%d")


def _cells(values: pd.Series) -> np.ndarray:
    """Return a column's CSV cells as ``DataFrame.to_csv`` formats them (object array).

    Dates, numbers and missing values are formatted once per distinct value, which is
    what makes :func:`_fast_csv_text` fast on millions of rows.
    """
    dtype = values.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        codes, uniq = pd.factorize(values)
        text = np.asarray(pd.DatetimeIndex(uniq).strftime("%Y-%m-%d"), dtype=object)
    elif pd.api.types.is_float_dtype(dtype) and isinstance(dtype, np.dtype):
        codes, uniq = pd.factorize(values)
        text = np.asarray(uniq).astype(str).astype(object)  # as to_csv: numpy's str of a float
    elif pd.api.types.is_integer_dtype(dtype):
        codes, uniq = pd.factorize(values)
        text = np.array([str(int(x)) for x in uniq], dtype=object)
    else:
        return values.to_numpy(dtype=object, na_value="")
    return np.append(text, "")[np.where(codes < 0, len(text), codes)]


def _fast_csv_text(df: pd.DataFrame, *, header: bool) -> str:
    """Return :func:`_csv_text` of ``df``, byte for byte, several times faster on big tables."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")  # QUOTE_MINIMAL, as pandas writes
    if header:
        writer.writerow(list(df.columns))
    writer.writerows(zip(*(_cells(df[c]) for c in df.columns), strict=True))
    return buf.getvalue()


@contextlib.contextmanager
def _atomic_writer(path: Path) -> Iterator[TextIO]:
    """Open a temporary file beside ``path`` that replaces ``path`` once closed cleanly."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(0o644)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_csv_atomic(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` to ``path`` through a temporary file in the same folder."""
    with _atomic_writer(path) as fh:
        fh.write(_csv_text(df, header=True))


def write_dataset(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> None:
    """Write a data set as ``people.csv``, ``ties.csv``, ``interviews.csv``, ``referrals.csv``.

    Each file is UTF-8 CSV without the index, with dates as ``YYYY-MM-DD`` and missing
    values as empty cells.  Each is written atomically: to a temporary file in
    ``out_dir`` that then replaces the target (:func:`os.replace`), so a reader never
    sees a half-written file.  The folder is created if needed; other files in it are
    left alone.

    Parameters
    ----------
    tables
        The four tables by name, as returned by :func:`generate`.
    out_dir
        Folder to write into.

    Raises
    ------
    ValueError
        If one of the four tables is missing from ``tables``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_dataset(generate(80, seed=1, months=12), tmp)
    ...     sorted(p.name for p in Path(tmp).iterdir())
    ['interviews.csv', 'people.csv', 'referrals.csv', 'ties.csv']
    """
    missing = [name for name in _FILES if name not in tables]
    if missing:
        raise ValueError(f"missing tables: {', '.join(missing)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in _FILES:
        _write_csv_atomic(tables[name], out / f"{name}.csv")


def write_generated(
    out_dir: str | Path,
    n_people: int = 400,
    *,
    seed: int = 7,
    start: str = "2024-09-01",
    months: int = 24,
    edges_per_person: float | None = None,
    chunk_rows: int = 200_000,
    progress: bool | None = None,
) -> dict[str, int]:
    """Generate a data set and stream it to CSV files, ``chunk_rows`` rows at a time.

    The same data set as :func:`generate` with the same arguments, written as
    :func:`write_dataset` writes it (byte for byte), but without ever building the
    full tables: the model is held as integer codes and each file is written in
    chunks of rows, so a million people fit in a few GiB. Each file is written
    atomically.

    Parameters
    ----------
    out_dir
        Folder to write into (created if needed; other files are left alone).
    n_people, seed, start, months, edges_per_person
        As for :func:`generate`.
    chunk_rows
        Rows converted to text at a time.
    progress
        Show progress bars (``None``: in a terminal or notebook).

    Returns
    -------
    dict of str to int
        The number of rows written to each file, by table name.

    Raises
    ------
    ValueError
        If an argument is out of range.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     counts = write_generated(tmp, 80, seed=1, months=12, progress=False)
    >>> counts["people"]
    80
    """
    if chunk_rows < 1:
        raise ValueError(f"chunk_rows must be at least 1, got {chunk_rows}")
    from netgraph._progress import progress as bar

    g = _simulate(n_people, seed, start, months, edges_per_person, progress)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {name: g.rows(name) for name in _FILES}
    with bar(total=sum(counts.values()), desc="writing", unit="rows", progress=progress) as done:
        for name in _FILES:
            with _atomic_writer(out / f"{name}.csv") as fh:
                n = counts[name]
                for lo in range(0, max(n, 1), chunk_rows):
                    hi = min(n, lo + chunk_rows)
                    fh.write(_fast_csv_text(g.table(name, lo, hi), header=lo == 0))
                    done.update(hi - lo)
    return counts
