"""Preparing for a conversation: a one-page brief on the person you are about to meet.

Career-center guides ask a student to prepare before each informational interview:
know who the person is, how you came to them, what you have in common, what you
already learned about their organization, what is still open between you, and which
questions to ask. :func:`prep_brief` gathers all of that from the data into a
:class:`Brief`; :func:`render_brief` writes it as terminal text, Markdown or HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netgraph.errors import NetgraphError, NoRoute
from netgraph.network import ReferralNetwork, _fold

__all__ = ["Brief", "prep_brief", "render_brief"]

_OPEN_REFERRAL = ("named", "introduced", "contacted")


@dataclass(frozen=True)
class Brief:
    """What a seeker should know before talking with a contact.

    Attributes
    ----------
    seeker, contact
        The two ``person_id``.
    day
        The day the brief is written for (events after it are ignored).
    who
        The contact's known attributes, as ``(label, text)`` pairs.
    path
        The warmest path from the seeker to the contact (ids, seeker first); empty
        when the contact is out of reach.
    path_strength
        Product of the tie strengths along ``path`` (0 when out of reach).
    connection
        How you are connected, in sentences: the path with its introducers, who named
        the contact and when, and the conversation that referral came from.
    shared
        What you have in common, as ``(attribute, sentence)`` pairs: major, years
        between graduations, organization, location, tags, common contacts.
    learned
        What your own earlier interview notes say about their organization or
        industry (or them), one sentence per note, oldest first.
    open_threads
        Pending referrals, requests and follow-ups involving the contact.
    questions
        Questions to ask, chosen by the contact's role and seniority and your goals.
    """

    seeker: str
    contact: str
    day: pd.Timestamp
    who: tuple[tuple[str, str], ...]
    path: tuple[str, ...]
    path_strength: float
    connection: tuple[str, ...]
    shared: tuple[tuple[str, str], ...]
    learned: tuple[str, ...]
    open_threads: tuple[str, ...]
    questions: tuple[str, ...]
    names: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def sections(self) -> list[tuple[str, list[str]]]:
        """Return the brief as ``(heading, lines)`` pairs, in reading order."""
        none = {
            "How you are connected": "You are not connected yet: no path in the data.",
            "What you share": "Nothing recorded in common yet: ask what drew them to their field.",
            "What your notes say": "No earlier notes about their organization or industry.",
            "Open threads": "Nothing open with them.",
        }
        parts = [
            ("Who they are", [f"{k}: {v}" for k, v in self.who]),
            ("How you are connected", list(self.connection)),
            ("What you share", [text for _, text in self.shared]),
            ("What your notes say", list(self.learned)),
            ("Open threads", list(self.open_threads)),
            ("Questions to ask", list(self.questions)),
        ]
        return [(h, lines or [none[h]]) for h, lines in parts]


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value).strip()


def _day(d: pd.Timestamp) -> str:
    return f"{d.day} {d:%b %Y}"


def _tags(value: object) -> list[str]:
    if isinstance(value, tuple):
        return [str(t) for t in value if str(t).strip()]
    text = _text(value)
    return [t.strip() for t in text.split(";") if t.strip()] if text else []


def prep_brief(
    net: ReferralNetwork,
    seeker: str,
    contact: str,
    *,
    goals: Mapping[str, str | Iterable[str]] | None = None,
    today: str | pd.Timestamp | None = None,
) -> Brief:
    """Write the brief a seeker reads before a conversation with ``contact``.

    The brief has six parts: *who they are* (role, title, organization, industry,
    seniority, graduation year, major, location, interests); *how you are connected*
    (the warmest path, the largest product of tie strengths as in
    :func:`netgraph.path_to`, with whom to ask at each step; who named them to you and
    when; the conversation that referral came from); *what you share* (major, years
    between your graduations, organization, location, interests, common contacts);
    *what your notes say* (the notes of your completed interviews with them or with
    anyone at their organization or in their industry); *open threads* (referrals of
    or by them still pending, requests and scheduled conversations, follow-ups due);
    and *questions to ask*, chosen by their role and seniority and your goals, ending
    with the question that grows a network: whom else should I talk to?

    Parameters
    ----------
    net
        The network.
    seeker, contact
        By id or unambiguous (partial) name.
    goals
        What the seeker is aiming for (as in :func:`netgraph.suggest`); questions
        about them are added. Checked against the data
        (:func:`netgraph.people.check_goals`).
    today
        The day of the brief (default: the network's reference date); later events
        are ignored.

    Returns
    -------
    Brief

    Raises
    ------
    UnknownPerson
        If the seeker or contact is not in the network.
    NetgraphError
        If seeker and contact are the same person.
    UnknownTarget
        If a goal value matches nobody.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> brief = prep_brief(net, "p001", "p227")
    >>> brief.path
    ('p001', 'p119', 'p227')
    >>> brief.questions[-1]
    'Who else would you suggest I talk to, and may I mention your name?'
    """
    from netgraph.people import check_goals

    goal_map = check_goals(net, goals) if goals else {}
    if today is not None:
        net = net.as_of(today)
    day = net.reference_date.normalize()
    s, c = net.resolve(seeker), net.resolve(contact)
    if s == c:
        raise NetgraphError("the seeker and the contact are the same person")
    people = net.people
    names = people["name"].to_dict()
    me, them = people.loc[s], people.loc[c]
    who = _who(them)
    path, strength, connection = _connection(net, s, c, names)
    shared = _shared(net, s, c, me, them, names)
    learned = _learned(net, s, c, them, names)
    threads = _threads(net, s, c, day, names)
    questions = _questions(me, them, goal_map)
    return Brief(
        seeker=s,
        contact=c,
        day=day,
        who=who,
        path=path,
        path_strength=strength,
        connection=connection,
        shared=shared,
        learned=learned,
        open_threads=threads,
        questions=questions,
        names={p: names[p] for p in {s, c, *path}},
    )


def _who(them: pd.Series) -> tuple[tuple[str, str], ...]:
    labels = [
        ("Name", "name"),
        ("Role", "role"),
        ("Title", "title"),
        ("Organization", "organization"),
        ("Industry", "industry"),
        ("Seniority", "seniority"),
        ("Graduated", "grad_year"),
        ("Major", "major"),
        ("Location", "location"),
        ("Interests", "tags"),
    ]
    return tuple((label, _text(them.get(col))) for label, col in labels if _text(them.get(col)))


def _connection(
    net: ReferralNetwork, s: str, c: str, names: Mapping[str, str]
) -> tuple[tuple[str, ...], float, tuple[str, ...]]:
    from netgraph.reach import path_to

    lines: list[str] = []
    try:
        routes = path_to(net, s, c)
    except NoRoute:
        path: tuple[str, ...] = ()
        strength = 0.0
    else:
        warm = routes[routes["route"].eq("warmest")]
        path = (s, *warm["person_id"])
        strength = float(warm["strength"].iloc[-1])
        chain = " → ".join(names[p] for p in path)
        lines.append(f"Warmest path (strength {strength:.2f}): {chain}")
        lines.extend(f"{row.action}." for row in warm.itertuples())
    ref = net.referrals
    mine = ref[ref["seeker_id"].eq(s) & ref["referred_id"].eq(c)].sort_values("date")
    iv = net.interviews.set_index("interview_id")
    for r in mine.itertuples(index=False):
        line = f"{names[r.referrer_id]} named them to you on {_day(r.date)} (status: {r.status})"
        iid = _text(r.interview_id)
        if iid and iid in iv.index:
            line += f", in your conversation of {_day(iv.at[iid, 'date'])}"
        lines.append(line + ".")
    ivs = net.interviews
    past = ivs[ivs["seeker_id"].eq(s) & ivs["contact_id"].eq(c)].sort_values("date")
    for r in past.itertuples(index=False):
        lines.append(f"You {_status_verb(r.status)} them on {_day(r.date)}.")
    return path, strength, tuple(lines)


def _status_verb(status: str) -> str:
    return {
        "completed": "talked with",
        "requested": "asked for a conversation with",
        "scheduled": "scheduled a conversation with",
        "declined": "were declined by",
        "no_show": "missed a conversation with",
    }.get(status, f"had an interview ({status}) with")


def _shared(
    net: ReferralNetwork,
    s: str,
    c: str,
    me: pd.Series,
    them: pd.Series,
    names: Mapping[str, str],
) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for col, label in (("major", "major"), ("location", "location")):
        a, b = _text(me.get(col)), _text(them.get(col))
        if a and b and _fold(a) == _fold(b):
            out.append((label, f"Same {label}: {b}"))
    ya, yb = me.get("grad_year"), them.get("grad_year")
    if pd.notna(ya) and pd.notna(yb):
        gap = int(ya) - int(yb)
        if gap == 0:
            text = f"Same class year: {int(yb)}"
        elif gap > 0:
            text = f"They graduated in {int(yb)}, {gap} year{'s' if gap != 1 else ''} before you"
        else:
            text = f"They graduate in {int(yb)}, {-gap} year{'s' if gap != -1 else ''} after you"
        out.append(("grad_year", text))
    a, b = _text(me.get("organization")), _text(them.get("organization"))
    if a and b and _fold(a) == _fold(b):
        out.append(("organization", f"Same organization: {b}"))
    tags = [
        t for t in _tags(them.get("tags")) if _fold(t) in {_fold(x) for x in _tags(me.get("tags"))}
    ]
    if tags:
        out.append(("tags", "Shared interests: " + ", ".join(tags)))
    csr = net.csr  # the two people's neighbourhoods only, not the whole graph
    if s in csr.index and c in csr.index:
        both = np.intersect1d(csr.neighbors(csr.index[s]), csr.neighbors(csr.index[c]))
        common = sorted(csr.ids[both].tolist(), key=lambda p: (names[p], p))
        if common:
            shown = ", ".join(names[p] for p in common[:5])
            more = f" and {len(common) - 5} more" if len(common) > 5 else ""
            out.append(("common_contacts", f"You both know {shown}{more}"))
    return tuple(out)


def _learned(
    net: ReferralNetwork, s: str, c: str, them: pd.Series, names: Mapping[str, str]
) -> tuple[str, ...]:
    org, ind = _fold(_text(them.get("organization"))), _fold(_text(them.get("industry")))
    people = net.people
    iv = net.interviews
    done = iv[iv["seeker_id"].eq(s) & iv["status"].eq("completed")].sort_values("date")
    out: list[str] = []
    for r in done.itertuples(index=False):
        note = _text(r.notes)
        if not note:
            continue
        p = people.loc[r.contact_id]
        po, pi = _fold(_text(p.get("organization"))), _fold(_text(p.get("industry")))
        if r.contact_id == c:
            why = "them"
        elif org and po == org:
            why = f"{_text(p.get('organization'))}, their organization"
        elif ind and pi == ind:
            why = f"{_text(p.get('industry'))}, their industry"
        else:
            continue
        out.append(f"{_day(r.date)}, {names[r.contact_id]} (about {why}): {note}")
    return tuple(out)


def _threads(
    net: ReferralNetwork, s: str, c: str, day: pd.Timestamp, names: Mapping[str, str]
) -> tuple[str, ...]:
    from netgraph.followups import followups

    out: list[str] = []
    ref = net.referrals
    pending = ref[ref["seeker_id"].eq(s) & ref["status"].isin(_OPEN_REFERRAL)]
    for r in pending[pending["referrer_id"].eq(c)].sort_values("date").itertuples(index=False):
        out.append(
            f"They named {names[r.referred_id]} to you on {_day(r.date)} ({r.status}): "
            "tell them where that stands."
        )
    iv = net.interviews
    open_iv = iv[
        iv["seeker_id"].eq(s)
        & iv["contact_id"].eq(c)
        & iv["status"].isin(["requested", "scheduled"])
    ]
    for r in open_iv.sort_values("date").itertuples(index=False):
        out.append(f"Your {r.status} conversation of {_day(r.date)} is still open.")
    todo = followups(net, s, today=day)
    for r in todo[todo["person_id"].eq(c)].itertuples(index=False):
        out.append(f"{r.action}.")
    return tuple(out)


def _level(them: pd.Series) -> str:
    level = _text(them.get("seniority")).casefold()
    if level:
        return level
    return "student" if _text(them.get("role")).casefold() == "student" else ""


def _questions(
    me: pd.Series, them: pd.Series, goals: Mapping[str, tuple[str, ...]]
) -> tuple[str, ...]:
    org = _text(them.get("organization")) or "your organization"
    ind = _text(them.get("industry")) or "your field"
    title = _text(them.get("title")) or "your role"
    role = _text(them.get("role")).casefold()
    level = _level(them)
    recruiter = bool(re.search(r"recruit|talent|hiring|human resources|\bhr\b", title, re.I))
    qs: list[str] = []
    if recruiter or role == "employer":
        qs += [
            f"What does the hiring timeline at {org} look like for entry-level roles?",
            "What makes an early-career applicant stand out to you?",
        ]
    if role == "faculty":
        qs += [
            "Which courses or research projects best prepare students for this field?",
            "Which former students should I talk to about their careers?",
        ]
    if level in ("student", "entry"):
        qs += [
            f"How did you land your first role at {org}, and what would you do differently?",
            "What does a typical week look like for you?",
        ]
    elif level == "mid":
        qs += [
            f"Which skills matter most for someone joining a team like yours at {org}?",
            f"How has your work as {title} changed since you started?",
        ]
    elif level in ("senior", "executive"):
        qs += [
            f"Where do you see {ind} heading over the next few years?",
            "What do you look for when you hire someone at the start of their career?",
        ]
    else:
        qs.append(f"How did you get into {ind}?")
    if role == "alum":
        major = _text(them.get("major"))
        school = _text(me.get("organization")) or "school"
        qs.append(
            f"How did your time at {school}"
            + (f" studying {major}" if major else "")
            + " prepare you for what you do now?"
        )
    for key, values in goals.items():
        for v in values:
            qs.append(f"What would you advise someone aiming for {v} ({key}) to do this year?")
    qs.append("Who else would you suggest I talk to, and may I mention your name?")
    return tuple(dict.fromkeys(qs))


# ------------------------------------------------------------------ render
def render_brief(brief: Brief, format: str = "table") -> str:
    """Return the brief as terminal text (``table``), ``markdown`` or ``html``.

    Returns
    -------
    str
        The six sections under a title; an empty section says so in a sentence. The
        HTML is a whole page with its own small style sheet; text is escaped.

    Raises
    ------
    NetgraphError
        For an unknown format.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> text = render_brief(prep_brief(net, "p001", "p227"), "markdown")
    >>> text.splitlines()[0]
    '# Preparing to meet Nikhil Silva'
    """
    name = brief.names[brief.contact]
    me = brief.names[brief.seeker]
    title = f"Preparing to meet {name}"
    sub = f"Brief for {me}, {_day(brief.day)}"
    sections = brief.sections()
    if format == "markdown":
        lines = [f"# {title}", "", f"_{sub}_"]
        for head, items in sections:
            lines += ["", f"## {head}", ""]
            mark = "1." if head == "Questions to ask" else "-"
            lines += [f"{mark} {_md(item)}" for item in items]
        return "\n".join(lines)
    if format == "html":
        e = html.escape
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{e(title)}</title>",
            "<style>body{font-family:system-ui,sans-serif;max-width:44em;margin:2em auto;"
            "line-height:1.45}h2{margin-top:1.4em;border-bottom:1px solid #ccc}</style>",
            "</head><body>",
            f"<h1>{e(title)}</h1>",
            f"<p><em>{e(sub)}</em></p>",
        ]
        for head, items in sections:
            tag = "ol" if head == "Questions to ask" else "ul"
            parts.append(f"<h2>{e(head)}</h2>")
            parts.append(f"<{tag}>" + "".join(f"<li>{e(i)}</li>" for i in items) + f"</{tag}>")
        parts.append("</body></html>")
        return "\n".join(parts)
    if format != "table":
        raise NetgraphError(f"unknown format {format!r}; use table, markdown or html")
    lines = [title, sub]
    for head, items in sections:
        lines += ["", head.upper()]
        if head == "Questions to ask":
            lines += [f"  {k}. {item}" for k, item in enumerate(items, start=1)]
        else:
            lines += [f"  - {item}" for item in items]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Escape the characters Markdown would read as formatting."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
