"""Finding people, and checking goal values against the data.

A student rarely remembers an id. :func:`find_people` searches names (first names,
surnames, any part of a hyphenated name) and organizations, ignoring case and
accents; :meth:`ReferralNetwork.resolve` accepts a unique partial name the same way.
:func:`check_goals` makes sure each goal value (``industry=Healthcare``) is something
the data holds, so a typo is caught with a "did you mean" instead of silently
changing a ranking.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from netgraph.errors import NetgraphError, UnknownTarget
from netgraph.network import ReferralNetwork, _fold, _name_words

__all__ = ["PEOPLE_COLUMNS", "check_goals", "find_people"]

PEOPLE_COLUMNS = ["person_id", "name", "role", "title", "organization", "industry", "matched"]


def find_people(net: ReferralNetwork, query: str) -> pd.DataFrame:
    """Search people by name and organization, case- and accent-insensitively.

    A person matches when every word of ``query`` begins a word of their name (first
    name, surname, each part of a hyphenated name) or of their organization, or when
    the query equals their id. Name matches come first, then organization matches,
    each sorted by name.

    Parameters
    ----------
    net
        The network.
    query
        Words to look for: ``"maya"``, ``"das"``, ``"larkspur care"``, ``"p001"``.

    Returns
    -------
    pandas.DataFrame
        One row per match, with columns ``person_id``, ``name``, ``role``, ``title``,
        ``organization``, ``industry`` (empty text when unknown) and ``matched``
        (``id``, ``name`` or ``organization``).

    Raises
    ------
    NetgraphError
        If the query holds no word.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> find_people(net, "MAYA okonkwo")["person_id"].tolist()
    ['p001']
    >>> hits = find_people(net, "das")
    >>> sorted(set(hits["matched"]))
    ['name']
    """
    words = _name_words(query)
    if not words:
        raise NetgraphError("give a name or organization to search for, e.g. 'maya' or 'acme'")
    people = net.people
    q = str(query).strip()
    rows: list[tuple[str, str]] = []
    if q in people.index:
        rows.append((q, "id"))
    seen = {p for p, _ in rows}
    for p in net.name_matches(q):
        if p not in seen:
            rows.append((p, "name"))
            seen.add(p)
    if "organization" in people.columns:
        orgs = people["organization"].dropna().astype(str)
        hit_orgs = {
            o
            for o in orgs.unique()
            if all(any(w.startswith(x) for w in _name_words(o)) for x in words)
        }
        by_org = orgs[orgs.isin(hit_orgs)].index
        extra = sorted((p for p in by_org if p not in seen), key=lambda p: (_fold(net.name(p)), p))
        rows.extend((p, "organization") for p in extra)
    ids = [p for p, _ in rows]
    out = pd.DataFrame({"person_id": ids})
    for col in ("name", "role", "title", "organization", "industry"):
        values = people[col].reindex(ids) if col in people.columns else pd.Series(index=ids)
        out[col] = [v if isinstance(v, str) else "" for v in values]
    out["matched"] = [m for _, m in rows]
    return out[PEOPLE_COLUMNS]


#: Goal keys and the people column each is checked against (``tag`` matches any tag).
_GOAL_COLUMNS = {
    "industry": "industry",
    "organization": "organization",
    "role": "role",
    "tag": "tags",
    "title": "title",
    "location": "location",
    "major": "major",
    "seniority": "seniority",
}
_ALIASES = {"tags": "tag", "org": "organization", "company": "organization"}


def _values(people: pd.DataFrame, column: str) -> list[str]:
    """Return the distinct texts of a column (each tag apart), most common first."""
    if column not in people.columns:
        return []
    col = people[column].dropna()
    if column == "tags":
        col = col.explode().dropna()
    col = col.astype(str)
    col = col[col.str.strip().ne("")]
    counts = col.value_counts()
    return sorted(counts.index, key=lambda s: (-counts[s], _fold(s)))


def _plain(text: str) -> str:
    """Folded text with punctuation as spaces: ``"Boston, MA"`` gives ``"boston ma"``."""
    return " ".join(re.sub(r"[^\w]+", " ", _fold(text)).split())


def _matches(goal: str, value: str) -> bool:
    text = _plain(value)
    return bool(text) and f" {goal} " in f" {text} "


def check_goals(
    net: ReferralNetwork, goals: Mapping[str, str | Iterable[str]] | None
) -> dict[str, tuple[str, ...]]:
    """Check that each goal value matches someone in the network; return the goals.

    Goals are boosts to a ranking, never filters: a goal nobody in the data matches
    cannot boost anyone, and is almost always a typo (``industry=Helthcare``). A value
    matches a person when, case, accents and hyphens ignored, it equals the person's
    value in that column or appears in it as whole words (``tag`` matches any one
    tag; punctuation counts as a space), as :func:`netgraph.suggest.goal_signal` scores
    it.

    Parameters
    ----------
    net
        The network.
    goals
        ``{"industry": "Healthcare", "tag": ["ux", "data"]}`` (keys as in
        :func:`netgraph.suggest.parse_goals`).

    Returns
    -------
    dict
        The goals as given, key by key, as tuples of texts.

    Raises
    ------
    UnknownTarget
        For every goal value nobody matches, all at once, each with the closest
        values that exist ("did you mean"); also for an unknown key.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> check_goals(net, {"industry": "healthcare"})
    {'industry': ('healthcare',)}
    >>> check_goals(net, {"industry": "Helthcare"})
    Traceback (most recent call last):
    ...
    netgraph.errors.UnknownTarget: no one in the network has industry 'Helthcare' (did you mean 'Healthcare'?)
    """  # noqa: E501
    out: dict[str, tuple[str, ...]] = {}
    problems: list[str] = []
    for key, value in (goals or {}).items():
        k = _fold(key).replace(" ", "_")
        k = _ALIASES.get(k, k)
        if k not in _GOAL_COLUMNS:
            raise UnknownTarget(f"unknown goal {key!r}; use one of {', '.join(_GOAL_COLUMNS)}")
        values = (value,) if isinstance(value, str) else tuple(value)
        out[k] = out.get(k, ()) + values
        existing = _values(net.people, _GOAL_COLUMNS[k])
        for v in values:
            goal = _plain(v)
            if not goal or any(_matches(goal, e) for e in existing):
                continue
            folded = {_fold(e): e for e in existing}
            close = difflib.get_close_matches(_fold(v), list(folded), n=3, cutoff=0.6)
            if close:
                hint = " (did you mean " + ", ".join(repr(folded[c]) for c in close) + "?)"
            elif existing:
                hint = "; values that exist: " + ", ".join(sorted(existing[:12], key=_fold))
            else:
                hint = f"; no {k} is recorded"
            problems.append(f"no one in the network has {k} {v!r}{hint}")
    if problems:
        raise UnknownTarget("; ".join(problems))
    return out
