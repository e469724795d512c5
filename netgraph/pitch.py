"""What a seeker says and writes: the elevator pitch, and the message asking for an intro.

:func:`pitch` writes thirty seconds (about 75 words) about yourself, for one audience;
:func:`draft_introduction` the message to an introducer, with a forwardable blurb.

Career-center guides ask for a short introduction that says who you are, what you
study, what interests you, one thing you have done and what you are looking for, and
ends with a question that starts the conversation. :func:`pitch` fills a fixed
template per audience from the seeker's row in ``people.csv``; whatever the data does
not hold appears as a bracketed prompt for the student to fill in (``[one thing you
have done: an internship, a project, a job]``). The templates are deterministic: the
same profile always gives the same words, and nothing is sent anywhere.

Profile columns read: ``name``, ``major``, ``grad_year``, ``organization`` (the
school), ``tags`` (interests), and, when present, the optional columns
``experience`` (one thing done), ``skills`` (what you bring) and ``looking_for``
(what you are after).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from netgraph._dates import parse_date
from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork

__all__ = ["AUDIENCES", "Draft", "Pitch", "draft_introduction", "pitch"]

#: The audiences a pitch can be written for.
AUDIENCES = ("alum", "recruiter", "student")

_PROMPTS = {
    "name": "[your name]",
    "major": "[your major]",
    "school": "[your school]",
    "year": "[year]",
    "interests": "[two or three interests]",
    "experience": "[one thing you have done: internship, project, job]",
    "skills": "[a skill you bring]",
    "looking_for": "[what you are looking for]",
}

_TEMPLATES = {
    "alum": (
        "Hi, I'm {name}, {stage}. I'm interested in {interests}, and {experience}. "
        "Right now I'm looking for {looking_for}, and I'd love to learn from people who "
        "started where I am, as you did at {school}. What do you wish you had known when "
        "you were in my place?"
    ),
    "recruiter": (
        "Hello, I'm {name}, {stage}. I focus on {interests}, and {experience}. I bring "
        "{skills}, and I'm looking for {looking_for}. I'd like to understand how your "
        "team hires people at the start of their career, so that I prepare well and apply "
        "at the right time. What makes an early-career candidate stand out to you?"
    ),
    "student": (
        "Hi, I'm {name}, {stage}. I'm into {interests}, and {experience}. I'm trying to "
        "find {looking_for}, and I'm comparing notes with other students on what has "
        "worked: classes, clubs, people, applications. I'm glad to share what I have "
        "learned so far too. What has helped you most in your own search?"
    ),
}


@dataclass(frozen=True)
class Pitch:
    """An elevator pitch.

    Attributes
    ----------
    seeker
        The seeker's ``person_id``.
    audience
        One of :data:`AUDIENCES`.
    text
        The pitch, ending with a question.
    words
        Its length in words (prompts count as they stand).
    missing
        The profile fields shown as bracketed prompts, in the order they appear.
    """

    seeker: str
    audience: str
    text: str
    words: int
    missing: tuple[str, ...]


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value).strip()


def _and(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def pitch(
    net: ReferralNetwork,
    seeker: str,
    *,
    audience: str = "alum",
    today: str | pd.Timestamp | None = None,
) -> Pitch:
    """Write a 30-second elevator pitch for ``seeker`` to an ``audience``.

    One fixed template per audience (``alum``: learn from their path; ``recruiter``:
    how they hire and what stands out; ``student``: compare notes), filled from the
    seeker's profile (see the module docstring). Interests are the first three
    ``tags`` (hyphens read as spaces). The stage reads "a student graduating in
    2026" or "a 2024 graduate" from ``grad_year`` and ``today``. A field the data does
    not hold becomes a bracketed prompt; ``missing`` lists them.

    Parameters
    ----------
    net
        The network.
    seeker
        By id or unambiguous (partial) name.
    audience
        ``alum`` (default), ``recruiter`` or ``student``.
    today
        The day that decides student versus graduate (default: the network's
        reference date).

    Returns
    -------
    Pitch

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.
    NetgraphError
        For an unknown audience.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> p = pitch(net, "p001", audience="recruiter")
    >>> p.text.split(".")[0]
    "Hello, I'm Maya Okonkwo-Reyes, a Psychology student at Lakeside University, graduating in 2026"
    >>> p.text.endswith("?"), 60 <= p.words <= 90
    (True, True)
    >>> p.missing
    ('experience', 'skills', 'looking_for')
    """
    if audience not in AUDIENCES:
        raise NetgraphError(f"unknown audience {audience!r}; use one of {', '.join(AUDIENCES)}")
    s = net.resolve(seeker)
    row = net.people.loc[s]
    day = parse_date(today, name="today") if today is not None else net.reference_date
    major = _text(row.get("major")) or _PROMPTS["major"]
    school = _text(row.get("organization")) or _PROMPTS["school"]
    year = row.get("grad_year")
    if pd.notna(year) and int(year) < day.year:
        stage = f"a {int(year)} {major} graduate of {school}"
    else:
        when = int(year) if pd.notna(year) else _PROMPTS["year"]
        stage = f"a {major} student at {school}, graduating in {when}"
    tags = row.get("tags")
    tag_list = [str(t).replace("-", " ") for t in (tags if isinstance(tags, tuple) else ())]
    values = {
        "name": _text(row.get("name")),
        "major": _text(row.get("major")),
        "school": _text(row.get("organization")),
        "interests": _and(tag_list[:3]),
        "experience": _text(row.get("experience")),
        "skills": _text(row.get("skills")),
        "looking_for": _text(row.get("looking_for")),
    }
    template = _TEMPLATES[audience]
    order = ["name", "major", "school", "year", "interests", "experience", "skills"]
    order = [
        k
        for k in [*order, "looking_for"]
        if k in ("major", "school", "year") or "{" + k in template
    ]
    have = {**values, "year": "" if pd.isna(year) else str(year)}
    missing = [k for k in order if not have[k]]
    if values["experience"]:
        values["experience"] = "I have " + values["experience"].rstrip(".")
    filled = {k: v or _PROMPTS[k] for k, v in values.items()}
    filled.pop("major"), filled.pop("school")
    text = template.format(stage=stage, school=school, **filled)
    return Pitch(
        seeker=s,
        audience=audience,
        text=text,
        words=len(text.split()),
        missing=tuple(dict.fromkeys(missing)),
    )


# ------------------------------------------------------- asking for an introduction
@dataclass(frozen=True)
class Draft:
    """A message asking an introducer for an introduction; never sent by netgraph.

    Attributes
    ----------
    seeker, introducer, person
        The three ``person_id``: who writes, to whom, and whom they would like to meet.
    subject
        A subject line.
    body
        The message, ending with the seeker's first name; it holds ``blurb``.
    blurb
        A short note about the seeker that the introducer can forward as it stands.
    missing
        What the data did not say, left as bracketed prompts in the text.
    """

    seeker: str
    introducer: str
    person: str
    subject: str
    body: str
    blurb: str
    missing: tuple[str, ...]


def _first(name: str) -> str:
    return name.split()[0] if name.split() else name


def draft_introduction(
    net: ReferralNetwork,
    seeker: str,
    person: str,
    introducer: str,
    *,
    path: tuple[str, ...] | None = None,
    goals: dict[str, str] | None = None,
) -> Draft:
    """Write the message a seeker sends to ``introducer`` to ask for an introduction.

    The message thanks the introducer for the last conversation (or leaves a prompt
    for how you know each other), recalls a pending referral if they named ``person``
    already, says who ``person`` is and why you would like to meet them, asks for a
    short introduction and adds a forwardable blurb: who you are (major, school,
    graduation year, interests, one thing you have done) and what you would like to
    learn, with your e-mail. Whatever the data does not hold stays a bracketed prompt.
    Nothing is sent: netgraph only prints.

    Parameters
    ----------
    net
        The network.
    seeker, person, introducer
        By id or unambiguous (partial) name.
    path
        The path from seeker to person (ids), as :func:`netgraph.suggest` gives it;
        when the introducer does not know the person directly, the message says so.
    goals
        What the seeker is aiming for, named in the message.

    Returns
    -------
    Draft

    Raises
    ------
    UnknownPerson
        If someone is not in the network.
    NetgraphError
        If two of the three are the same person.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> d = draft_introduction(net, "p001", "p227", "p119")
    >>> d.subject
    'Could you introduce me to Nikhil Silva?'
    >>> "You kindly suggested I talk to Nikhil on 20 October." in d.body
    True
    """
    s, p, i = net.resolve(seeker), net.resolve(person), net.resolve(introducer)
    if len({s, p, i}) < 3:
        raise NetgraphError("the seeker, the person and the introducer must be three people")
    people = net.people
    me, them = people.loc[s], people.loc[p]
    names = {x: _text(people.at[x, "name"]) for x in (s, p, i)}
    missing: list[str] = []

    def value(row: pd.Series, col: str, prompt: str, key: str) -> str:
        text = _text(row.get(col))
        if not text:
            missing.append(key)
            return prompt
        return text

    iv = net.interviews
    met = iv[
        iv["seeker_id"].eq(s) & iv["contact_id"].eq(i) & iv["status"].eq("completed")
    ].sort_values("date")
    if len(met):
        d = met["date"].iloc[-1]
        opening = f"I enjoyed our conversation on {d.day} {d:%B}, and I have been following up."
    else:
        opening = "[a line on how you know each other and when you last spoke]"
        missing.append("how_you_know")
    ref = net.referrals
    named = ref[ref["seeker_id"].eq(s) & ref["referred_id"].eq(p) & ref["referrer_id"].eq(i)]
    title = _text(them.get("title"))
    org = _text(them.get("organization"))
    industry = _text(them.get("industry"))
    who = ", ".join(x for x in (title, org) if x)
    who_text = f"{names[p]} ({who})" if who else names[p]
    if len(named):
        d = named["date"].iloc[0]
        ask = (
            f"You kindly suggested I talk to {_first(names[p])} on {d.day} {d:%B}. "
            f"Would you be willing to introduce us by e-mail?"
        )
    else:
        ask = f"I noticed that you know {who_text}. Would you be comfortable introducing us?"
    if path is not None and len(path) > 3:
        middle = ", ".join(_text(people.at[x, "name"]) for x in path[2:-1])
        ask += f" I understand you could reach them through {middle}."
    field_ = industry or "[their field]"
    if not industry:
        missing.append("industry")
    aim = ""
    if goals:
        aim = " I am aiming for " + " and ".join(str(v) for v in goals.values()) + "."
    major = value(me, "major", "[your major]", "major")
    school = value(me, "organization", "[your school]", "school")
    year = me.get("grad_year")
    when = f", graduating in {int(year)}" if pd.notna(year) else ", graduating in [year]"
    if pd.isna(year):
        missing.append("grad_year")
    tags = me.get("tags")
    interests = _and(
        [str(t).replace("-", " ") for t in (tags if isinstance(tags, tuple) else ())][:3]
    )
    if not interests:
        interests = "[two or three interests]"
        missing.append("interests")
    done = _text(me.get("experience"))
    if done:
        did = f" {_first(names[s])} has {done.rstrip('.')}."
    else:
        did = " [One thing you have done: an internship, a project, a job.]"
        missing.append("experience")
    email = value(me, "email", "[your e-mail]", "email")
    blurb = (
        f"{names[s]} is a {major} student at {school}{when}, interested in {interests}."
        f"{did} {_first(names[s])} would value 20 minutes with {_first(names[p])} to learn "
        f"about their work in {field_}{' at ' + org if org else ''}. "
        f"You can reach {_first(names[s])} at {email}."
    )
    body = "\n".join(
        [
            f"Hi {_first(names[i])},",
            "",
            f"{opening} {ask}{aim}",
            "",
            "A short note you could forward, if that helps:",
            "",
            *(f"> {line}" for line in _wrap(blurb)),
            "",
            "No worries at all if the timing is not right.",
            "",
            "Thank you,",
            _first(names[s]),
        ]
    )
    return Draft(
        seeker=s,
        introducer=i,
        person=p,
        subject=f"Could you introduce me to {names[p]}?",
        body=body,
        blurb=blurb,
        missing=tuple(dict.fromkeys(missing)),
    )


def _wrap(text: str, width: int = 86) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width)
