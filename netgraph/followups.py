"""Follow-ups: a cadence for thanking, nudging and keeping in touch.

Career centers teach the same habits after every informational interview: send a
thank-you within a day, follow up when you said you would, nudge politely when a
request gets no answer (and stop after a few tries), act on the names you were given,
tell the person who referred you how it went, and keep in touch. :func:`followups`
applies that cadence to the data and lists what is due, each item with a due date
and a group: ``overdue``, ``today``, ``this_week``, ``keep_warm`` (a contact you have
not been in touch with for longer than the ideal window) and ``losing_touch`` (longer
than the maximum window). :func:`followups_calendar` writes the items as an
iCalendar file with alarms.

Any contact counts as a touch: an interview, a thank-you, a referral given, and the
*touches* a seeker logs (``touches.csv``: a message, a call, a coffee that was not an
interview; ``python -m netgraph log touch``).

Default cadence (:class:`Cadence`, every number configurable):

=================  ========================================================
thank-you          due the day after a completed conversation (24 hours)
nudge              7 days after a request with no reply, and 7 days after
                   each nudge (a logged touch); none after 3 nudges
follow-up          on the interview's ``follow_up_due`` date
names given        contact a person named to you within 7 days
close the loop     tell the referrer within 7 days that you met the person
keep in touch      an ideal and a maximum window by tie kind, else by role
=================  ========================================================

Keep-in-touch windows, ideal / maximum days since the last touch (:data:`WINDOWS`):
mentor 30/60; professor, faculty, coworker, friend and student 60/120; employer
45/90; family, classmate, alum, staff and anyone else 90/180. A contact with several
tie kinds uses the shortest window.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from netgraph._dates import parse_date
from netgraph.errors import NetgraphError
from netgraph.network import ReferralNetwork

__all__ = [
    "FOLLOWUP_COLUMNS",
    "FOLLOWUP_GROUPS",
    "FOLLOWUP_KINDS",
    "WINDOWS",
    "Cadence",
    "followups",
    "followups_calendar",
]

#: The kinds of follow-up, in the order they are listed within a group.
FOLLOWUP_KINDS = (
    "thank_you",
    "nudge",
    "follow_up",
    "referral_not_contacted",
    "close_the_loop",
    "keep_in_touch",
)

#: The groups, in the order they are listed.
FOLLOWUP_GROUPS = ("overdue", "today", "this_week", "keep_warm", "losing_touch")

#: Keep-in-touch windows: tie kind or role -> (ideal, maximum) days since the last touch.
WINDOWS: Mapping[str, tuple[int, int]] = {
    "mentor": (30, 60),
    "professor": (60, 120),
    "faculty": (60, 120),
    "coworker": (60, 120),
    "friend": (60, 120),
    "student": (60, 120),
    "employer": (45, 90),
    "family": (90, 180),
    "classmate": (90, 180),
    "alum": (90, 180),
    "staff": (90, 180),
    "default": (90, 180),
}

FOLLOWUP_COLUMNS = [
    "seeker_id",
    "seeker",
    "group",
    "kind",
    "person_id",
    "name",
    "date",
    "due",
    "days",
    "interview_id",
    "referral_id",
    "action",
    "uid",
]


@dataclass(frozen=True)
class Cadence:
    """The follow-up cadence: how soon each kind of item falls due.

    Attributes
    ----------
    thank_you_days
        A thank-you is due this many days after a completed conversation.
    nudge_days
        A nudge is due this many days after a request with no reply (or the last
        nudge); also the days to contact a person named to you and to tell the
        referrer you met them.
    max_nudges
        No more nudges after this many.
    week_days
        Items due within this many days after today are listed as ``this_week``.
    windows
        Keep-in-touch windows, tie kind or role -> ``(ideal, maximum)`` days; the
        ``default`` entry is used for anyone else. Entries given replace the same
        keys of :data:`WINDOWS`; the others stay.
    """

    thank_you_days: int = 1
    nudge_days: int = 7
    max_nudges: int = 3
    week_days: int = 7
    windows: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Check the numbers; merge the windows with the defaults."""
        for name in ("thank_you_days", "nudge_days", "max_nudges", "week_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise NetgraphError(f"{name} must be a whole number >= 0, got {value!r}")
        merged = dict(WINDOWS)
        for key, pair in dict(self.windows).items():
            try:
                ideal, most = (int(x) for x in pair)
            except (TypeError, ValueError):
                raise NetgraphError(
                    f"window {key!r} must be (ideal, maximum) days, got {pair!r}"
                ) from None
            if not 1 <= ideal <= most:
                raise NetgraphError(
                    f"window {key!r} needs 1 <= ideal <= maximum days, got {ideal}/{most}"
                )
            merged[str(key).strip().casefold()] = (ideal, most)
        object.__setattr__(self, "windows", merged)


def _day(d: pd.Timestamp) -> str:
    return f"{d.day} {d:%b %Y}"


def _ago(days: int) -> str:
    return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} ago"


def _uid(*parts: str) -> str:
    """Return a stable identifier of an item: the same item gets the same uid."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@netgraph"


def followups(
    net: ReferralNetwork,
    seeker: str | None = None,
    *,
    today: str | pd.Timestamp | None = None,
    cadence: Cadence | None = None,
) -> pd.DataFrame:
    """List what a seeker (or every seeker) owes their network, by the cadence.

    Items, each with a due date (see the module docstring for the default cadence):

    ``thank_you``
        A completed interview with no thank-you sent; due ``thank_you_days`` after
        it. Never later than today: a thank-you not overdue is a ``today`` item.
    ``nudge``
        A ``requested`` interview with no reply (no later interview with that
        person); due ``nudge_days`` after the request or after the last touch logged
        with them since, which counts as a nudge. After ``max_nudges`` nudges,
        nothing more is listed.
    ``follow_up``
        An interview's ``follow_up_due`` date, unless a later interview or touch with
        the person happened.
    ``referral_not_contacted``
        A referral still ``named`` or ``introduced`` with no interview or touch with
        that person since; due ``nudge_days`` after the referral.
    ``close_the_loop``
        The seeker completed an interview with someone a referrer named, and has
        not been in touch with the referrer since; due ``nudge_days`` after that
        interview (listed until the referrer's maximum keep-in-touch window passes).
    ``keep_in_touch``
        A contact the seeker has been in touch with (completed interview, thank-you,
        referral given, logged touch) and has no other item: ``keep_warm`` once the
        ideal window since the last touch has passed, ``losing_touch`` after the
        maximum; due at the end of the ideal window.

    Groups: ``overdue`` (due before today), ``today``, ``this_week`` (due within
    ``week_days``), ``keep_warm``, ``losing_touch``. Items due later are not listed.

    Parameters
    ----------
    net
        The network.
    seeker
        The seeker's ``person_id`` or unambiguous name; ``None`` lists every seeker.
    today
        The day to count from (default: the network's reference date; the CLI uses
        today's date). Events after it are ignored, as with
        :meth:`~netgraph.ReferralNetwork.as_of`.
    cadence
        The cadence (default: :class:`Cadence` ()).

    Returns
    -------
    pandas.DataFrame
        One row per item, by seeker, group (in the order above), kind, days (most
        waiting first) and ``person_id``, with columns ``seeker_id``, ``seeker``
        (name), ``group``, ``kind``, ``person_id`` and ``name`` (whom the item is
        about), ``date`` (the event it follows: interview, referral, last touch),
        ``due``, ``days`` (days past due; negative: days still to go),
        ``interview_id`` and ``referral_id`` (empty when none), ``action`` (what to
        do, in plain words) and ``uid`` (a stable identifier of the item, the same on
        every run while the item is open).

    Raises
    ------
    UnknownPerson
        If the seeker is not in the network.

    Examples
    --------
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> todo = followups(net, "p001")
    >>> set(todo["kind"]) <= set(FOLLOWUP_KINDS), set(todo["group"]) <= set(FOLLOWUP_GROUPS)
    (True, True)
    >>> bool(todo["seeker_id"].eq("p001").all())
    True
    """
    cad = Cadence() if cadence is None else cadence
    if today is not None:
        net = net.as_of(parse_date(today, name="today"))
    day = net.reference_date.normalize()
    seekers = net.seekers if seeker is None else [net.resolve(seeker)]
    # one seeker's items name a few dozen people: read them one by one, not the whole table
    column = _Column if seeker is not None else lambda c: c.to_dict()
    names = column(net.people["name"])
    roles = column(net.people["role"]) if "role" in net.people.columns else {}
    rows: list[dict] = []
    for s in seekers:
        rows.extend(_for_seeker(net, s, day, names, roles, cad))
    frame = pd.DataFrame(rows, columns=FOLLOWUP_COLUMNS)
    if frame.empty:
        return frame.astype({"days": "int64", "date": "datetime64[ns]", "due": "datetime64[ns]"})
    frame["g"] = frame["group"].map(FOLLOWUP_GROUPS.index)
    frame["k"] = frame["kind"].map(FOLLOWUP_KINDS.index)
    frame = frame.sort_values(
        ["seeker_id", "g", "k", "days", "person_id"], ascending=[True, True, True, False, True]
    )
    frame = frame.drop(columns=["g", "k"]).reset_index(drop=True)
    frame["days"] = frame["days"].astype("int64")
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["due"] = pd.to_datetime(frame["due"]).astype("datetime64[ns]")
    return frame


class _Column(Mapping):
    """A people column as a read-only ``{person_id: value}`` mapping, read on demand.

    The same values as ``Series.to_dict()`` without converting every row.
    """

    def __init__(self, column: pd.Series) -> None:
        self._column = column

    def __getitem__(self, pid: str) -> object:
        return self._column.loc[[pid]].tolist()[0]  # KeyError for an unknown id

    def get(self, pid: str, default: object = None) -> object:
        """Return the value for ``pid``, or ``default`` when there is no such person."""
        return self[pid] if pid in self._column.index else default

    def __iter__(self):
        return iter(self._column.index)

    def __len__(self) -> int:
        return len(self._column)


def _group(due: pd.Timestamp, day: pd.Timestamp, week: int) -> str | None:
    late = (day - due).days
    if late > 0:
        return "overdue"
    if late == 0:
        return "today"
    return "this_week" if -late <= week else None


def _window(kinds: set[str], role: str, windows: Mapping[str, tuple[int, int]]):
    found = [windows[k] for k in kinds if k in windows]
    if found:
        return min(found)
    return windows.get(role, windows["default"])


def _for_seeker(
    net: ReferralNetwork,
    s: str,
    day: pd.Timestamp,
    names: Mapping[str, str],
    roles: Mapping[str, str],
    cad: Cadence,
) -> list[dict]:
    iv_all, ref_all, touch_all = net.interviews, net.referrals, net.touches
    iv = iv_all[iv_all["seeker_id"].eq(s)].sort_values(["date", "interview_id"])
    ref = ref_all[ref_all["seeker_id"].eq(s)].sort_values(["date", "referral_id"])
    touches = touch_all[touch_all["seeker_id"].eq(s)]
    touch_dates = touches.groupby("contact_id")["date"].apply(sorted).to_dict()
    rows: list[dict] = []
    nudge = pd.Timedelta(days=cad.nudge_days)

    def add(group, kind, pid, date, due, action, iid="", rid="") -> None:
        rows.append(
            {
                "seeker_id": s,
                "seeker": names[s],
                "group": group,
                "kind": kind,
                "person_id": pid,
                "name": names[pid],
                "date": date,
                "due": due,
                "days": (day - due).days,
                "interview_id": iid,
                "referral_id": rid,
                "action": action,
                "uid": _uid(kind, s, pid, iid, rid),
            }
        )

    def touched_after(pid: str, when: pd.Timestamp) -> list[pd.Timestamp]:
        return [t for t in touch_dates.get(pid, []) if t >= when]

    done = iv[iv["status"].eq("completed")]
    for r in done[done["thank_you_sent"].isna()].itertuples(index=False):
        due = r.date + pd.Timedelta(days=cad.thank_you_days)
        group = "overdue" if day > due else "today"
        ago = (day - r.date).days
        add(
            group,
            "thank_you",
            r.contact_id,
            r.date,
            due,
            f"Send {names[r.contact_id]} a thank-you for your conversation on "
            f"{_day(r.date)} ({_ago(ago)})",
            iid=r.interview_id,
        )

    last_iv = iv.groupby("contact_id")["date"].max()
    for r in iv[iv["status"].eq("requested")].itertuples(index=False):
        if last_iv[r.contact_id] > r.date:  # asked again or met since: not waiting
            continue
        sent = touched_after(r.contact_id, r.date)
        if len(sent) >= cad.max_nudges:
            continue
        due = (sent[-1] if sent else r.date) + nudge
        group = _group(due, day, cad.week_days)
        if group is None:
            continue
        who = names[r.contact_id]
        add(
            group,
            "nudge",
            r.contact_id,
            r.date,
            due,
            f"Nudge {who} (nudge {len(sent) + 1} of {cad.max_nudges}): no reply to your "
            f"request of {_day(r.date)}",
            iid=r.interview_id,
        )

    for r in iv[iv["follow_up_due"].notna()].itertuples(index=False):
        if last_iv[r.contact_id] > r.date or touched_after(
            r.contact_id, r.date + pd.Timedelta(days=1)
        ):
            continue
        group = _group(r.follow_up_due, day, cad.week_days)
        if group is None:
            continue
        add(
            group,
            "follow_up",
            r.contact_id,
            r.date,
            r.follow_up_due,
            f"Follow up with {names[r.contact_id]}, as planned after your conversation "
            f"on {_day(r.date)}",
            iid=r.interview_id,
        )

    asked = set(iv["contact_id"])
    open_ref = ref[ref["status"].isin(["named", "introduced"]) & ~ref["referred_id"].isin(asked)]
    seen: set[str] = set()
    for r in open_ref.itertuples(index=False):
        if r.referred_id in seen or touched_after(r.referred_id, r.date):
            continue
        seen.add(r.referred_id)
        due = r.date + nudge
        group = _group(due, day, cad.week_days)
        if group is None:
            continue
        who, by = names[r.referred_id], names[r.referrer_id]
        ago = _ago((day - r.date).days)
        action = (
            f"Contact {who}, named by {by} on {_day(r.date)} ({ago})"
            if r.status == "named"
            else f"Reply to {by}'s introduction to {who} on {_day(r.date)} ({ago})"
        )
        add(group, "referral_not_contacted", r.referred_id, r.date, due, action, rid=r.referral_id)

    ties = net.ties
    mine = ties[ties["person_a"].eq(s) | ties["person_b"].eq(s)]
    kinds: dict[str, set[str]] = {}
    for a, b, k in zip(mine["person_a"], mine["person_b"], mine["kind"], strict=True):
        other = b if a == s else a
        kinds.setdefault(other, set()).add(str(k).strip().casefold())

    def window(pid: str) -> tuple[int, int]:
        return _window(kinds.get(pid, set()), str(roles.get(pid, "")), cad.windows)

    first_done = done.groupby("contact_id")["date"].min()
    owed: set[str] = set()
    for r in ref.itertuples(index=False):
        met = first_done.get(r.referred_id)
        if met is None or met < r.date or r.referrer_id in owed:
            continue
        if last_iv.get(r.referrer_id, pd.Timestamp.min) > met or touched_after(r.referrer_id, met):
            continue
        if (day - met).days > window(r.referrer_id)[1]:
            continue
        owed.add(r.referrer_id)
        due = met + nudge
        group = _group(due, day, cad.week_days)
        if group is None:
            continue
        add(
            group,
            "close_the_loop",
            r.referrer_id,
            met,
            due,
            f"Tell {names[r.referrer_id]} you met {names[r.referred_id]} "
            f"on {_day(met)}, thanks to them",
            rid=r.referral_id,
        )

    listed = {row["person_id"] for row in rows}
    events = pd.concat(
        [
            done[["contact_id", "date"]],
            done[["contact_id", "thank_you_sent"]].rename(columns={"thank_you_sent": "date"}),
            ref[["referrer_id", "date"]].rename(columns={"referrer_id": "contact_id"}),
            touches[["contact_id", "date"]],
        ]
    ).dropna()
    last = events.groupby("contact_id")["date"].max()
    for pid, when in last.sort_index().items():
        if pid in listed or pid == s:
            continue
        ideal, most = window(pid)
        since = (day - when).days
        if since < ideal:
            continue
        group = "losing_touch" if since > most else "keep_warm"
        add(
            group,
            "keep_in_touch",
            pid,
            when,
            when + pd.Timedelta(days=ideal),
            f"Check in with {names[pid]}: last in touch {_day(when)} ({_ago(since)}; "
            f"ideal every {ideal} days, at most {most})",
        )
    return rows


# ---------------------------------------------------------------- calendar
_PRODID = "-//netgraph//follow-ups//EN"


def _check_calendar_destination(out: Path) -> None:
    """Refuse to replace a file that is not a follow-ups calendar netgraph wrote."""
    from netgraph.errors import OutputError

    if not out.exists():
        return
    if not out.is_file():
        raise OutputError(f"{out} is not a file; give a file name ending in .ics")
    with out.open("rb") as fh:
        head = fh.read(4096)
    if f"PRODID:{_PRODID}".encode() not in head:
        raise OutputError(
            f"{out} exists and is not a follow-ups calendar netgraph wrote; it is left "
            "alone: choose another file name, or move it away"
        )


def followups_calendar(
    items: pd.DataFrame,
    path: str | Path,
    *,
    today: str | pd.Timestamp | None = None,
    alarm_minutes: int = 30,
) -> Path:
    """Write follow-up items as an iCalendar file: one all-day event per item.

    Each event (``VEVENT``) is on the item's due day (today for overdue items, so
    they show up now), titled with the action, and carries an alarm (``VALARM``,
    a display reminder) ``alarm_minutes`` before 9:00 that day. Its ``UID`` is the
    item's ``uid``: stable while the item is open, so importing a newer file updates
    the events instead of duplicating them. The file is written to a temporary file
    and moved into place.

    Parameters
    ----------
    items
        A table from :func:`followups`.
    path
        The ``.ics`` file to write. An existing file is replaced only when it is a
        calendar this function wrote (its ``PRODID``); any other file is refused.
    today
        The day overdue items are moved to (default: today's date).
    alarm_minutes
        Minutes before 9:00 on the day at which the alarm goes off.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    NetgraphError
        If ``items`` lacks the columns of :func:`followups`, or the file cannot be
        written.
    OutputError
        If ``path`` exists and is not a follow-ups calendar netgraph wrote.

    Examples
    --------
    >>> import tempfile, icalendar
    >>> import netgraph as ng
    >>> net = ng.load()
    >>> todo = followups(net, "p001")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     ics = followups_calendar(todo, f"{tmp}/f.ics").read_bytes()
    >>> cal = icalendar.Calendar.from_ical(ics)
    >>> len(cal.walk("VEVENT")) == len(todo)
    True
    """
    import datetime as dt
    import os
    import tempfile

    import icalendar

    missing = [c for c in ("uid", "due", "action", "kind", "name", "group") if c not in items]
    if missing:
        raise NetgraphError(f"not a follow-ups table: missing columns {', '.join(missing)}")
    now = pd.Timestamp.today().normalize() if today is None else parse_date(today, name="today")
    cal = icalendar.Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "netgraph follow-ups")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for r in items.itertuples(index=False):
        due = max(pd.Timestamp(r.due).normalize(), now) if pd.notna(r.due) else now
        event = icalendar.Event()
        event.add("uid", r.uid)
        event.add("dtstamp", stamp)
        event.add("summary", r.action)
        event.add("dtstart", due.date())
        event.add("dtend", (due + pd.Timedelta(days=1)).date())
        event.add("categories", [str(r.kind).replace("_", " "), str(r.group).replace("_", " ")])
        event.add(
            "description",
            f"{r.action}.\nKind: {r.kind}; group: {r.group}; about {r.name}. "
            "From netgraph followups.",
        )
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", r.action)
        alarm.add("trigger", dt.timedelta(hours=9) - dt.timedelta(minutes=alarm_minutes))
        event.add_component(alarm)
        cal.add_component(event)
    out = Path(path)
    _check_calendar_destination(out)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".followups-", suffix=".tmp", dir=out.parent or ".")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(cal.to_ical())
            Path(tmp).replace(out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise NetgraphError(f"cannot write {out}: {exc.strerror}") from None
    return out
