"""The elevator pitch: thirty seconds (about 75 words) about yourself, for one audience.

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

from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork

__all__ = ["AUDIENCES", "Pitch", "pitch"]

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
    day = pd.Timestamp(today) if today is not None else net.reference_date
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
