"""Command-line interface: ``python -m netgraph COMMAND``.

Each command parses its options, calls one library function and prints the result.
Every error netgraph raises on purpose ends as ``netgraph: error: ...`` on stderr and
exit code 2; there is no traceback for bad input.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from netgraph.errors import NetgraphError

__all__ = ["build_parser", "main"]

SAMPLE_SEEKER = "p001"


# ---------------------------------------------------------------- helpers
def _load(args: argparse.Namespace):
    from netgraph.load import load

    return load(args.data, cache=False if getattr(args, "no_cache", False) else None)


def _seeker(net, args: argparse.Namespace) -> str:
    """Return the ``--seeker`` given, else the sample's featured student or the only seeker."""
    if args.seeker:
        return net.resolve(args.seeker)
    from netgraph.load import sample_data_path

    if args.data is None or Path(args.data).resolve() == sample_data_path().resolve():
        return SAMPLE_SEEKER
    if len(net.seekers) == 1:
        return net.seekers[0]
    if not net.seekers and len(net.people):
        return str(net.people.index[0])  # a folder just started: its first person (init: you)
    examples = ", ".join(net.describe(p) for p in net.seekers[:3])
    raise NetgraphError(
        f"this data set has {len(net.seekers)} seekers; choose one with --seeker ID|NAME"
        + (f" (for example {examples})" if examples else "")
    )


# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and
# isolates: a name holding them could recolour, move or rewrite what a terminal shows
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str) -> str:
    r"""Return ``text`` with terminal control characters shown as escapes (``\x1b``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _render(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "json":
        return frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2)
    if fmt == "csv":
        from netgraph.privacy import csv_text

        cells = frame.copy()
        for col in cells.columns:  # plain arrows: a spreadsheet reads the file as it pleases
            if cells[col].dtype == object or pd.api.types.is_string_dtype(cells[col]):
                cells[col] = cells[col].map(
                    lambda v: v.replace("→", "->") if isinstance(v, str) else v
                )
        return csv_text(cells).rstrip("\n")
    if frame.empty:
        return "(nothing to show)"
    with pd.option_context("display.max_colwidth", 80, "display.width", 250):
        return frame.to_string(index=False)


def _where(*parts: object) -> str:
    """Return ``", a, b"`` for the non-empty ``parts``, or ``""`` when all are empty."""
    text = ", ".join(str(x) for x in parts if x)
    return f", {text}" if text else ""


def _when(as_of: pd.Timestamp | None) -> str:
    return "" if as_of is None else f" as of {as_of:%Y-%m-%d}"


def _add_as_of(p: argparse.ArgumentParser, verb: str) -> None:
    p.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help=f"{verb} the network as it stood on DATE (YYYY-MM-DD)",
    )


def _add_common(p: argparse.ArgumentParser, *, seeker: bool = True, fmt: bool = True) -> None:
    p.add_argument(
        "--data",
        metavar="DIR",
        default=None,
        help="data folder, Excel workbook (.xlsx), SQLite file (.sqlite, .db) or "
        "postgresql://USER@HOST/DB (default: the bundled synthetic sample)",
    )
    if seeker:
        p.add_argument(
            "--seeker",
            metavar="ID|NAME",
            default=None,
            help="the job seeker, by id or unambiguous (partial) name (default: the "
            "sample's featured student, the only seeker in the data, or in a folder with "
            "no interviews yet its first person)",
        )
    if fmt:
        p.add_argument(
            "--format",
            choices=("table", "csv", "json"),
            default="table",
            help="output format (default: table)",
        )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="read and validate the data afresh, without the snapshot cache "
        "(NETGRAPH_CACHE=0 does the same; see `python -m netgraph cache info`)",
    )


# --------------------------------------------------------------- commands
def _cmd_suggest(args: argparse.Namespace) -> str:
    from netgraph.suggest import SIGNALS, suggest

    net = _load(args)
    seeker = _seeker(net, args)
    goals: dict[str, list[str]] = {}
    for key, value in args.goal or []:
        goals.setdefault(key, []).append(value)
    weights = dict(args.weight or [])
    if args.first:
        from netgraph.first import first_conversations

        first = first_conversations(
            net, seeker, goals=goals or None, top=args.top, as_of=args.as_of
        )
        if args.format != "table":
            return _render(first, args.format)
        return _first_cards(net, seeker, first)
    table = suggest(
        net,
        seeker,
        goals=goals or None,
        top=args.top,
        as_of=args.as_of,
        weights={k: _suggest_number(k, v) for k, v in weights.items()} or None,
        explore=args.explore,
    )
    if args.draft is not None:
        return _draft_text(net, seeker, table, args.draft, goals)
    if args.format != "table":
        return _render(table, args.format)
    cols = ["rank", "person_id", "name", "organization", "industry", "score", "introducer"]
    if args.explain:
        signals = [f"signal_{s}" for s in SIGNALS]
        shown = table.drop(columns="seniority").rename(
            columns={c: c.removeprefix("signal_") for c in signals}
        )
        extra = ["hops", "common_contacts", *(s for s in SIGNALS), "path", "reasons"]
        return _render(shown[[*cols, *extra]], "table")
    text = _suggestion_cards(net, seeker, table, args.as_of)
    iv = net.interviews
    done = iv["seeker_id"].eq(seeker) & iv["status"].eq("completed")
    if done.sum() < FIRST_UNTIL:  # starting out: the people you know come first
        from netgraph.first import first_conversations

        first = first_conversations(net, seeker, goals=goals or None, top=5, as_of=args.as_of)
        text += "\n\n" + _first_cards(net, seeker, first)
    return text


#: Below this many completed interviews, suggest also lists first conversations.
FIRST_UNTIL = 3


def _first_cards(net, seeker: str, table: pd.DataFrame) -> str:
    head = f"First conversations for {net.describe(seeker)}: people you know, not interviewed yet"
    if table.empty:
        return head + ": none (add the people you know: log person, or import your contacts)"
    lines = [head]
    for row in table.itertuples(index=False):
        where = _where(row.title, row.organization, row.industry)
        lines += [
            "",
            f"{row.rank:>2}. {row.name} ({row.person_id}){where}  [score {row.score:.2f}]",
        ]
        for k, reason in enumerate(r.strip() for r in str(row.reasons).split(";")):
            lines.append(("    why:  " if k == 0 else "          ") + reason)
    return "\n".join(lines)


def _draft_text(net, seeker: str, table: pd.DataFrame, n: int, goals) -> str:
    from netgraph.pitch import draft_introduction

    if not 1 <= n <= len(table):
        raise NetgraphError(
            f"--draft {n}: there are {len(table)} suggestions; give a number from 1 to "
            f"{len(table)} (raise --top for more)"
        )
    row = table.iloc[n - 1]
    draft = draft_introduction(
        net,
        seeker,
        row["person_id"],
        row["introducer_id"],
        path=tuple(row["path_ids"]),
        goals={k: ", ".join(v) for k, v in goals.items()} or None,
    )
    lines = [
        f"Draft for suggestion {n} ({row['name']}): never sent; copy it into your e-mail.",
        "",
        f"To: {row['introducer']}"
        + (f" <{_email(net, draft.introducer)}>" if _email(net, draft.introducer) else ""),
        f"Subject: {draft.subject}",
        "",
        draft.body,
    ]
    if draft.missing:
        lines += ["", "Fill in the [brackets] before sending: " + ", ".join(draft.missing)]
    return "\n".join(lines)


def _email(net, pid: str) -> str:
    if "email" not in net.people.columns:
        return ""
    value = net.people.at[pid, "email"]
    return value if isinstance(value, str) else ""


def _suggestion_cards(net, seeker: str, table: pd.DataFrame, as_of=None) -> str:
    """Render suggestions for a terminal: one short block per person."""
    lines = [f"Suggested next introductions for {net.describe(seeker)}{_when(as_of)}"]
    if table.empty:
        return lines[0] + ": none (no one within 3 hops you have not met)"
    for row in table.itertuples(index=False):
        where = _where(row.title, row.organization, row.industry)
        lines += [
            "",
            f"{row.rank:>2}. {row.name} ({row.person_id}){where}  [score {row.score:.2f}]",
            f"    ask:  {row.introducer} ({row.introducer_id})",
            f"    path: {row.path}",
        ]
        reasons = [r.strip() for r in str(row.reasons).split(";") if r.strip()]
        for k, reason in enumerate(reasons):
            lines.append(("    why:  " if k == 0 else "          ") + reason)
    return "\n".join(lines)


def _cmd_validate(args: argparse.Namespace) -> str:
    net = _load(args)
    summary = {
        "people": len(net.people),
        "ties": len(net.ties),
        "interviews": len(net.interviews),
        "referrals": len(net.referrals),
        "seekers": len(net.seekers),
    }
    if args.format == "json":
        return json.dumps({"valid": True, **summary}, indent=2)
    frame = pd.DataFrame([summary])
    if args.format == "csv":
        return _render(frame, "csv")
    counts = ", ".join(f"{v} {k}" for k, v in summary.items())
    text = f"{args.data or 'bundled sample'}: valid ({counts})"
    from netgraph.network import DEFAULT_TIE_STRENGTH, unknown_tie_kinds

    for kind, n in unknown_tie_kinds(net.ties).items():
        text += (
            f"\nnote: ties.csv kind {kind!r} ({n} row{'s' * (n != 1)}) is not a known kind "
            f"(family, friend, mentor, professor, coworker, classmate, other, or a synonym "
            f"such as colleague): weighted {DEFAULT_TIE_STRENGTH} like other unless the row "
            "gives a strength"
        )
    return text


def _cmd_generate(args: argparse.Namespace) -> str:
    from netgraph.synth import write_generated

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise NetgraphError(f"{out} is a file; give a folder to write the CSV files into")
    if out.exists() and any(out.iterdir()) and not args.force:
        raise NetgraphError(f"{out} is not empty; pass --force to overwrite its CSV files")
    try:
        counts = write_generated(
            out,
            args.people,
            seed=args.seed,
            start=args.start,
            months=args.months,
            edges_per_person=args.edges_per_person,
            progress=args.progress,
        )
    except ValueError as exc:
        raise NetgraphError(str(exc)) from None
    return f"wrote {out}: " + ", ".join(f"{n} {name}" for name, n in counts.items())


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
    return value


def _date(text: str) -> pd.Timestamp:
    """Parse a date option by the loader's rules (:func:`netgraph._dates.parse_date`)."""
    from netgraph._dates import parse_date

    try:
        return parse_date(text, name="date")
    except NetgraphError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("date: ")) from None


def _key_values(items: list[str] | None) -> dict[str, str] | None:
    if items is None:
        return None
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise NetgraphError(f"expected KEY=VALUE, got {item!r}")
        out[key.strip()] = value.strip()
    return out


def _cmd_log(args: argparse.Namespace) -> str:
    from netgraph.cache import forget

    text = _log_row(args)
    forget(args.data)  # the folder changed: its snapshot is stale (the next load rebuilds it)
    return text


def _cmd_cache(args: argparse.Namespace) -> str:
    from netgraph.cache import cache_info, clear_cache

    if args.action == "clear":
        freed = clear_cache()
        return f"removed every snapshot from {cache_info().folder} ({freed / 1024**2:.1f} MiB)"
    info = cache_info()
    state = "on" if info.enabled else "off (NETGRAPH_CACHE=0)"
    head = (
        f"cache: {info.folder} ({state}); {len(info.snapshots)} snapshot"
        f"{'' if len(info.snapshots) == 1 else 's'}, {info.size_bytes / 1024**2:.1f} MiB"
    )
    if args.format != "table":
        return _render(info.snapshots, args.format)
    if info.snapshots.empty:
        return head
    shown = info.snapshots.assign(
        size=(info.snapshots["size_bytes"] / 1024**2).map(lambda x: f"{x:.1f} MiB")
    )
    return (
        head
        + "\n"
        + _render(shown[["source", "kind", "created", "size", "memos", "current"]], "table")
    )


def _log_row(args: argparse.Namespace) -> str:
    from netgraph import record

    if args.what == "person":
        attrs = _key_values(args.set) or {}
        pid = record.record_person(
            args.data, name=args.name, allow_same_name=args.same_name, **attrs
        )
        from netgraph.sources import open_source

        where = open_source(args.data)
        return f"added {pid} ({args.name}) to {where.location}: {where.label('people')}"
    if args.what in ("interview", "referral"):
        people = ("seeker", "contact") if args.what == "interview" else ("referrer", "seeker")
        people += ("referred",) if args.what == "referral" else ()
        given = [f"--{p}" for p in people if getattr(args, p)]
        if args.update and (given or args.id):
            raise NetgraphError(
                f"--update changes {args.what} {args.update} as it is; leave out "
                f"{', '.join(given or ['--id'])}"
            )
        missing = [f"--{p}" for p in (*people, "date") if not getattr(args, p)]
        if not args.update and missing:
            raise NetgraphError(
                f"log {args.what} needs {', '.join(missing)} (or --update ID to change one "
                "already recorded)"
            )
    if args.what == "tie":
        row = record.record_tie(
            args.data,
            args.person_a,
            args.person_b,
            kind=args.kind,
            strength=args.strength,
            since=args.since,
        )
    elif args.what == "interview" and args.update:
        row = record.update_interview(
            args.data,
            args.update,
            status=args.status,
            thank_you_sent=args.thank_you,
            follow_up_due=args.follow_up,
            date=args.date,
            channel=args.channel,
            notes=args.notes,
        )
    elif args.what == "referral" and args.update:
        row = record.update_referral(args.data, args.update, status=args.status, date=args.date)
    elif args.what == "interview":
        row = record.record_interview(
            args.data,
            seeker=args.seeker,
            contact=args.contact,
            date=args.date,
            status=args.status or "completed",
            channel=args.channel or "",
            thank_you_sent=args.thank_you,
            follow_up_due=args.follow_up,
            notes=args.notes or "",
            interview_id=args.id,
            new_contact=_key_values(args.new_contact),
            allow_same_name=args.same_name,
        )
    elif args.what == "touch":
        row = record.record_touch(
            args.data,
            seeker=args.seeker,
            contact=args.contact,
            date=args.date,
            channel=args.channel,
            notes=args.notes,
            touch_id=args.id,
        )
    else:
        row = record.record_referral(
            args.data,
            referrer=args.referrer,
            seeker=args.seeker,
            referred=args.referred,
            date=args.date,
            status=args.status or "named",
            interview_id=args.interview,
            referral_id=args.id,
            new_referred=_key_values(args.new_referred),
            allow_same_name=args.same_name,
        )
    return _render(pd.DataFrame([row]), args.format)


# <<reach commands>>
def _reach_unit(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}")
    return value


def _reach_route_lines(label: str, steps: pd.DataFrame) -> list[str]:
    end = steps.iloc[-1]
    where = _where(end["role"], end["organization"], end["industry"])
    n = len(steps)
    lines = [
        "",
        f"{label}: to {end['name']} ({end['person_id']}){where}"
        f"; path strength {end['strength']:.3f}, {n} hop{'s' if n != 1 else ''}",
    ]
    for s in steps.itertuples():
        lines.append(f"  {s.step}. {s.action} [tie strength {s.tie_strength:.2f}]")
    return lines


def _reach_route_text(net, seeker: str, args: argparse.Namespace, routes: pd.DataFrame) -> str:
    from netgraph.reach import NoRoute, path_to

    lines = [f"Routes from {net.describe(seeker)} to {args.target} (within {args.hops} hops):"]
    warm = routes[routes["route"].eq("warmest")]
    short = routes[routes["route"].eq("shortest")]
    lines += _reach_route_lines("Warmest", warm)
    if short["person_id"].tolist() == warm["person_id"].tolist():
        lines += ["", "Shortest: the same route as the warmest"]
    else:
        lines += _reach_route_lines("Shortest", short)
    if "=" in args.target and len(warm) == 1 and args.hops >= 2:
        # the warmest match is a direct contact: also show the best introduction to a new one
        try:
            intro = path_to(
                net, seeker, args.target, max_hops=args.hops, min_hops=2, as_of=args.as_of
            )
        except NoRoute:
            lines += ["", "Nobody else matching is within reach through an introduction."]
        else:
            label = "Warmest introduction to someone you do not know yet"
            lines += _reach_route_lines(label, intro[intro["route"].eq("warmest")])
    return "\n".join(lines)


def _cmd_reach(args: argparse.Namespace) -> str:
    from netgraph.reach import path_to, reach, summarize_reach

    net = _load(args)
    seeker = _seeker(net, args)
    if args.target:
        routes = path_to(net, seeker, args.target, max_hops=args.hops, as_of=args.as_of)
        if args.format != "table":
            return _render(routes, args.format)
        return _reach_route_text(net, seeker, args, routes)
    table = reach(net, seeker, max_hops=args.hops, min_strength=args.min_strength, as_of=args.as_of)
    if args.list:
        if args.top is not None:
            table = table.head(args.top)
        if args.format != "table":
            return _render(table, args.format)
        shown = table.assign(
            strength=table["strength"].round(3),
            warm_path=table["warm_path"].map(lambda p: " → ".join(net.name(x) for x in p)),
        )
        cols = ["person_id", "name", "organization", "industry", "hops", "strength", "via"]
        return _render(shown[[*cols, "warm_path"]], "table")
    by_hop = summarize_reach(table, by="hops", warm_at=args.warm_at, max_hops=args.hops)
    by = args.by or "industry"
    groups = summarize_reach(table, by=by, warm_at=args.warm_at)
    if args.format != "table":
        return _render(groups if args.by else by_hop, args.format)
    floor = f", warmest path strength >= {args.min_strength:g}" if args.min_strength else ""
    head = (
        f"Reach of {net.describe(seeker)} within {args.hops} hops{_when(args.as_of)}{floor}: "
        f"{len(table)} people, {int(by_hop['warm'].sum())} warm "
        f"(warmest path strength >= {args.warm_at:g})"
    )
    plural = {"industry": "industries", "organization": "organizations", "role": "roles"}[by]
    fmt = {"share": lambda x: f"{x:.0%}"}
    return "\n".join(
        [
            head,
            "",
            "By hop:",
            by_hop.to_string(index=False, formatters=fmt),
            "",
            f"Top {plural}:",
            # running totals mean nothing across industries: counts and shares only
            groups.head(10 if args.top is None else args.top)
            .drop(columns=["cumulative_reached", "cumulative_warm"])
            .to_string(index=False, formatters=fmt)
            if len(groups)
            else "(nobody reached)",
        ]
    )


# <<bridges commands>>
def _bridges_joined(frame: pd.DataFrame) -> pd.DataFrame:
    """Tuples of names as ``a, b`` text, for the table view."""
    out = frame.copy()
    for col in ("industries_lost", "organizations_lost"):
        out[col] = out[col].map(", ".join)
    return out


def _cmd_bridges(args: argparse.Namespace) -> str:
    from netgraph.bridges import bridge_contacts, brokers

    net = _load(args)
    if args.network:
        if args.hops is not None:
            raise NetgraphError("--hops applies to a seeker's bridge contacts; drop --network")
        table = brokers(net, group=args.group, seed=args.seed, as_of=args.as_of)
        if args.format != "table":
            return _render(table if args.top is None else table.head(args.top), args.format)
        top = 20 if args.top is None else args.top
        method = table["betweenness_method"].iloc[0] if len(table) else "exact"
        head = (
            f"Brokers of the network ({len(table)} people; groups: {args.group}; "
            f"betweenness {method}; top {min(top, len(table))} by betweenness):"
        )
        shown = table.drop(columns="betweenness_method").head(top).round(3)
        return head + "\n" + _render(shown, "table")
    if args.group != "community":
        raise NetgraphError("--group applies to the network-wide table; add --network")
    seeker = _seeker(net, args)
    hops = 3 if args.hops is None else args.hops
    table = bridge_contacts(net, seeker, max_hops=hops, as_of=args.as_of)
    reach = int(table["total_reach"].iloc[0]) if len(table) else 0
    n_bridges, n_contacts = int(table["exclusive_reach"].gt(0).sum()), len(table)
    if args.top is not None:
        table = table.head(args.top)
    if args.format != "table":
        return _render(table, args.format)
    shown_note = f"; the top {len(table)} shown" if len(table) < n_contacts else ""
    head = (
        f"Bridge contacts of {net.describe(seeker)} within {hops} hops{_when(args.as_of)}: "
        f"{reach} people reached, {n_bridges} of {n_contacts} contacts lead to people "
        f"reached no other way{shown_note}"
    )
    shown = _bridges_joined(table).assign(
        strength=table["strength"].round(3), share=table["share"].map(lambda x: f"{x:.0%}")
    )
    cols = [
        "contact_id",
        "name",
        "organization",
        "industry",
        "strength",
        "exclusive_reach",
        "share",
        "industries_lost",
        "organizations_lost",
    ]
    return head + "\n" + _render(shown[cols], "table")


# <<suggest commands>>
def _suggest_pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value.strip()


def _suggest_number(key: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise NetgraphError(f"weight {key!r} must be a number, got {text!r}") from None


def _window(text: str) -> tuple[str, tuple[int, int]]:
    key, sep, value = text.partition("=")
    ideal, slash, most = value.partition("/")
    try:
        if not sep or not slash or not key.strip():
            raise ValueError
        return key.strip(), (int(ideal), int(most))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected KIND=IDEAL/MAX in days (e.g. mentor=30/60), got {text!r}"
        ) from None


_GROUP_TITLES = {
    "overdue": "Overdue",
    "today": "Today",
    "this_week": "This week",
    "keep_warm": "Keep warm",
    "losing_touch": "Losing touch",
}


def _followup_lines(table: pd.DataFrame, every: bool) -> list[str]:
    from netgraph.followups import FOLLOWUP_GROUPS

    lines: list[str] = []
    for group in FOLLOWUP_GROUPS:
        part = table[table["group"].eq(group)]
        if part.empty:
            continue
        lines += ["", f"{_GROUP_TITLES[group]} ({len(part)})"]
        for r in part.itertuples(index=False):
            if group in ("keep_warm", "losing_touch"):
                when = ""
            elif r.days > 0:
                when = f"  [due {r.due.day} {r.due:%b %Y}, {r.days} day{'s' * (r.days != 1)} late]"
            elif r.days == 0:
                when = "  [due today]"
            else:
                when = f"  [due {r.due:%a} {r.due.day} {r.due:%b}]"
            who = f"{r.seeker}: " if every else ""
            lines.append(f"  - {who}{r.action}{when}")
    return lines


def _cmd_followups(args: argparse.Namespace) -> str:
    from netgraph.followups import Cadence, followups, followups_calendar

    net = _load(args)
    seeker = None if args.all else _seeker(net, args)
    today = pd.Timestamp.today().normalize() if args.today is None else args.today
    cadence = Cadence(
        nudge_days=args.nudge_days,
        max_nudges=args.max_nudges,
        week_days=args.week_days,
        windows=dict(args.window or []),
    )
    table = followups(net, seeker, today=today, cadence=cadence)
    note = ""
    if args.ics:
        path = followups_calendar(table, args.ics, today=today)
        note = f"\nwrote {path}: {len(table)} events with alarms (re-import to update them)"
    if args.format != "table":
        return _render(table, args.format) + note
    who = "every seeker" if args.all else net.describe(seeker)
    since = "today" if args.today is None else "the date given"
    head = f"Follow-ups of {who} on {today:%a %d %b %Y} ({since}):"
    if table.empty:
        return head + " nothing due." + note
    return "\n".join([head, *_followup_lines(table, args.all)]) + note


def _cmd_evaluate(args: argparse.Namespace) -> str:
    from netgraph.evaluate import (
        backtest,
        benchmark_graphs,
        hidden_edges,
        network_from_edge_list,
        network_hidden_edges,
    )

    k = args.k
    if args.nodes and not args.edges:
        raise NetgraphError("--nodes goes with --edges FILE")
    if args.edges and args.mode == "backtest":
        raise NetgraphError("an edge list has no dates: use --mode hidden with --edges")
    if args.mode == "backtest":
        if args.graph:
            raise NetgraphError("--graph is for --mode hidden; the backtest uses --data")
        net = _load(args)
        table = backtest(net, k=k, fraction=args.fraction, max_seekers=args.seekers)
        head = (
            f"Backtest by date on {args.data or 'the bundled sample'}: each seeker cut at "
            f"their {args.fraction:.0%} completed interview (up to {args.seekers} seekers, "
            f"seeded); targets are the new people they interviewed afterwards."
        )
    elif args.edges or args.data:
        if args.graph:
            raise NetgraphError("--graph picks networkx's graphs; drop it with --data/--edges")
        if args.edges:
            net = network_from_edge_list(args.edges, nodes=args.nodes)
            name = Path(args.edges).stem
        else:
            net = _load(args)
            name = Path(args.data).name
        seeds = range(args.seed, args.seed + args.seeds)
        table = network_hidden_edges(
            net, name=name, share=args.share, seeds=seeds, k=k, seekers=args.seekers
        )
        head = (
            f"Hidden edges of {args.edges or args.data}: {args.share:.0%} of edges hidden, "
            f"seeds {args.seed}..{args.seed + args.seeds - 1}; up to {args.seekers} seekers "
            f"who lost an edge; recall@{k} over min({k}, hidden neighbours), AUC of hidden "
            f"neighbours against as many sampled non-neighbours."
        )
    else:
        graphs = benchmark_graphs()
        unknown = [g for g in args.graph or [] if g not in graphs]
        if unknown:
            raise NetgraphError(f"unknown graph {unknown[0]!r}; use one of {', '.join(graphs)}")
        chosen = {g: graphs[g] for g in args.graph} if args.graph else graphs
        seeds = range(args.seed, args.seed + args.seeds)
        table = hidden_edges(chosen, share=args.share, seeds=seeds, k=k)
        head = (
            f"Hidden edges: {args.share:.0%} of edges hidden, seeds {args.seed}.."
            f"{args.seed + args.seeds - 1}; recall@{k} over nodes with a hidden edge, AUC of "
            f"hidden edges against as many sampled non-edges."
        )
    table = table.rename(
        columns={"hit_at_k": f"hit@{k}", "recall_at_k": f"recall@{k}", "recall_sd": "sd"}
    ).drop(columns="k")
    if args.format != "table":
        return _render(table, args.format)
    return head + "\n\n" + _render(table.round(3), "table")


def _cmd_prep(args: argparse.Namespace) -> str:
    from netgraph.prep import prep_brief, render_brief

    net = _load(args)
    goals: dict[str, list[str]] = {}
    for key, value in args.goal or []:
        goals.setdefault(key, []).append(value)
    brief = prep_brief(net, _seeker(net, args), args.contact, goals=goals or None, today=args.as_of)
    return render_brief(brief, args.format)


def _cmd_pitch(args: argparse.Namespace) -> str:
    from netgraph.pitch import pitch

    net = _load(args)
    p = pitch(net, _seeker(net, args), audience=args.audience, today=args.as_of)
    if args.format == "json":
        return json.dumps(
            {
                "seeker_id": p.seeker,
                "audience": p.audience,
                "text": p.text,
                "words": p.words,
                "missing": list(p.missing),
            },
            indent=2,
            ensure_ascii=False,
        )
    import textwrap

    lines = [
        f"Elevator pitch of {net.describe(p.seeker)} to {_AUDIENCE[p.audience]} "
        f"({p.words} words, about 30 seconds):",
        "",
        textwrap.fill(p.text, width=88),
    ]
    if p.missing:
        lines += [
            "",
            "Fill in the [brackets], or add these columns to people.csv: " + ", ".join(p.missing),
        ]
    return "\n".join(lines)


_AUDIENCE = {"alum": "an alum", "recruiter": "a recruiter", "student": "a fellow student"}


def _cmd_people(args: argparse.Namespace) -> str:
    from netgraph.people import find_people

    net = _load(args)
    table = find_people(net, args.query)
    if args.format != "table":
        return _render(table, args.format)
    if table.empty:
        return f"nobody whose name or organization matches {args.query!r}"
    n = len(table)
    head = f"{n} {'person matches' if n == 1 else 'people match'} {args.query!r}:"
    return head + "\n" + _render(table, "table")


# <<research commands>>
def _research_key(args: argparse.Namespace) -> bytes | None:
    """Return the pseudonym key: ``--key-file``, $NETGRAPH_KEY_FILE, $NETGRAPH_PSEUDONYM_KEY."""
    from netgraph.privacy import pseudonym_key

    return pseudonym_key(args.key_file)


def _left_out(net) -> str:
    from netgraph.privacy import opted_out

    n = len(opted_out(net))
    return f"{n} {'person' if n == 1 else 'people'} left out (opted out of research)"


def _cmd_report(args: argparse.Namespace) -> str:
    from netgraph.report import write_report

    net = _load(args)
    folder = write_report(net, args.out, k=args.k, as_of=args.as_of)
    names = [p.suffix for p in folder.iterdir()]
    return (
        f"wrote {folder / 'index.html'} ({names.count('.csv')} tables, "
        f"{names.count('.png')} figures; counts below {args.k} hidden); " + _left_out(net)
    )


def _cmd_export(args: argparse.Namespace) -> str:
    from netgraph.report import _export_format, export

    net = _load(args)
    key = None if args.include_identities else _research_key(args)
    columns = [c.strip() for c in ",".join(args.columns or []).split(",") if c.strip()]
    done = export(
        net,
        args.out,
        format=args.format,
        graph=args.graph,
        key=key,
        columns=columns,
        k=args.k,
        include_identities=args.include_identities,
        force=args.force,
    )
    fmt = _export_format(done.path, args.format)
    if args.include_identities:
        how = "WITH ids and names (--include-identities): keep this file private"
    elif key is None:
        how = (
            "pseudonymous with a one-off random key (set --key-file, NETGRAPH_KEY_FILE or "
            "NETGRAPH_PSEUDONYM_KEY for pseudonyms that stay the same between exports)"
        )
    else:
        how = "pseudonymous with your key"
    head = f"wrote {done.path} ({args.graph} graph, {fmt}; {how}); " + _left_out(net)
    return "\n".join([head, *done.lines()])


def _cmd_view(args: argparse.Namespace) -> str:
    from netgraph.view import network_view

    net = _load(args)
    if args.network and args.seeker:
        raise NetgraphError("--network draws everyone; leave out --seeker")
    seeker = None if args.network else _seeker(net, args)
    view = network_view(net, seeker, hops=args.hops, max_people=args.max_people)
    path = view.save(args.out, force=args.force)
    return f"wrote {path}: {view.title}. Open it in a browser (no internet needed)."


def _cmd_init(args: argparse.Namespace) -> str:
    from netgraph.sources.csv_folder import init

    attrs = {"major": args.major, "grad_year": args.grad_year, "email": args.email}
    folder = init(args.dir, name=args.me, **attrs)
    q = f'"{folder}"' if " " in str(folder) else str(folder)
    return "\n".join(
        [
            f"started {folder} with you as p001 ({args.me.strip()}). Next steps:",
            f"  python -m netgraph import linkedin Connections.csv --data {q} --me p001",
            f"  python -m netgraph log person --data {q} --name NAME --set role=alum",
            f"  python -m netgraph log interview --data {q} --seeker p001 --contact NAME "
            "--date YYYY-MM-DD",
            f"  python -m netgraph suggest --data {q} --seeker p001",
        ]
    )


def _cmd_convert(args: argparse.Namespace) -> str:
    from netgraph.sources import convert

    counts, where = convert(args.data, args.out)
    from netgraph.cache import forget

    forget(where)  # a store written afresh: any snapshot of an older one there is stale
    return f"wrote {where}: " + ", ".join(f"{n} {name}" for name, n in counts.items())


def _cmd_import(args: argparse.Namespace) -> str:
    from netgraph.sources import import_file

    result = import_file(args.format, args.file, data=args.data, me=args.me, mapping=args.mapping)
    from netgraph.cache import forget

    forget(args.data)  # the store changed: its snapshot is stale (the next load rebuilds it)
    return result.summary()


# ----------------------------------------------------------------- parser
#: One or more example calls per command (``log`` subcommands as ``log WHAT``), shown at
#: the end of its ``--help``. A test checks that every command has one.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "suggest": (
        "suggest --seeker Maya --goal industry=Healthcare --top 5",
        "suggest --seeker Maya --draft 1",
        "suggest --seeker Maya --first",
    ),
    "validate": ("validate --data my_network",),
    "cache": ("cache info", "cache clear"),
    "generate": ("generate --people 400 --seed 7 --out demo_data",),
    "log": (
        "log interview --data my_network --seeker Maya --contact p057 --date 2025-02-11",
        "log referral --data my_network --referrer p057 --seeker Maya --referred p112 "
        "--date 2025-02-11",
    ),
    "log interview": (
        "log interview --data my_network --seeker Maya --contact 'Dana Ortiz' "
        "--date 2025-02-11 --new-contact role=alum --new-contact organization=Acme",
        "log interview --data my_network --update i0001 --status completed --thank-you 2025-02-12",
    ),
    "log referral": (
        "log referral --data my_network --referrer p057 --seeker Maya --referred p112 "
        "--date 2025-02-11 --interview i0001",
        "log referral --data my_network --update r0001 --status contacted",
    ),
    "log touch": (
        "log touch --data my_network --seeker Maya --contact p057 --date 2025-03-02 "
        "--channel email --notes 'Sent the article we discussed'",
    ),
    "log tie": ("log tie --data my_network p001 'Dana Ortiz' --kind mentor",),
    "log person": ("log person --data my_network --name 'Dana Ortiz' --set role=alum",),
    "reach": ("reach --seeker Maya --hops 3 --target industry=Healthcare",),
    "bridges": ("bridges --seeker Maya --top 5", "bridges --network --group industry"),
    "followups": (
        "followups --seeker Maya",
        "followups --seeker Maya --as-of 2026-08-31 --ics followups.ics --window mentor=21/45",
    ),
    "evaluate": ("evaluate --mode backtest --k 10", "evaluate --mode hidden --graph karate"),
    "report": ("report --out build/report --k 5",),
    "export": ("export --format gexf --out network.gexf",),
    "people": ("people das", "people 'larkspur care'"),
    "view": ("view --seeker Maya --out my_network.html", "view --network --out everyone.html"),
    "prep": (
        "prep --seeker Maya --contact 'Nikhil Silva'",
        "prep --seeker Maya --contact p227 --format html > brief.html",
    ),
    "pitch": ("pitch --seeker Maya --audience recruiter",),
    "import": (
        "import linkedin Connections.csv --data my_network --me p001",
        "import mapped alumni.csv --mapping alumni.toml --data my_network",
    ),
    "init": ("init my_network --me 'Ana López' --major Biology --grad-year 2026",),
    "convert": (
        "convert --data my_network --out my_network.xlsx",
        "convert --data my_network --out postgresql://me@localhost/career",
    ),
}


class _Formatter(argparse.HelpFormatter):
    """Wrap each paragraph of a description on its own; keep indented lines as they are."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for line in text.splitlines():
            if line.startswith("  ") or not line.strip():
                out.append(indent + line)
            else:
                out.append(super()._fill_text(line, width, indent))
        return "\n".join(out)


def _add_examples(parser: argparse.ArgumentParser, name: str) -> None:
    """Add the examples of ``name`` (recursing into subcommands) to the help epilogs."""
    sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
    for child, p in sub.choices.items() if sub else ():
        _add_examples(p, f"{name} {child}".strip())
    if name in EXAMPLES:
        parser.formatter_class = _Formatter
        lines = [f"  python -m netgraph {e}" for e in EXAMPLES[name]]
        parser.epilog = "\n".join(["example" + ("s" if len(lines) > 1 else "") + ":", *lines])


def _version() -> str:
    from netgraph import __version__

    return f"netgraph {__version__}"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m netgraph``."""
    parser = argparse.ArgumentParser(
        prog="python -m netgraph",
        description="Referral-network analysis: reach, bridge contacts, suggested next "
        "introductions, follow-ups and alumni-engagement research.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "suggest",
        help="whom to meet next, and who can introduce you",
        description="Rank people the seeker has not met yet, each with an introducer, "
        "the path and a plain-words reason. The ranking is fitted to the network it runs "
        "on (hidden ties as examples). Example: python -m netgraph suggest --seeker p001 "
        "--goal industry=Healthcare --top 5",
    )
    _add_common(p)
    p.add_argument("--top", type=_positive_int, default=10, help="how many (default: 10)")
    _add_as_of(p, "suggest from")
    p.add_argument(
        "--goal",
        type=_suggest_pair,
        action="append",
        metavar="KEY=VALUE",
        help="what you are aiming for, repeatable: industry=Healthcare, organization=..., "
        "role=..., tag=ux, title=..., location=..., major=..., seniority=... "
        "(case and accents ignored)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="show each signal's contribution to the score, the hops, common contacts and the path",
    )
    p.add_argument(
        "--draft",
        type=_positive_int,
        default=None,
        metavar="N",
        help="print a message to the introducer of suggestion N asking for the introduction, "
        "with a forwardable note about you (never sent)",
    )
    p.add_argument(
        "--first",
        action="store_true",
        help="list first conversations instead: people you know, not interviewed yet, by fit "
        "to your goals, seniority and whom they would open up (shown below the "
        f"introductions anyway while you have fewer than {FIRST_UNTIL} completed interviews)",
    )
    p.add_argument(
        "--weight",
        type=_suggest_pair,
        action="append",
        metavar="SIGNAL=W",
        help="override a signal's weight, repeatable: pending, fit, warmth, structural, goal, "
        "novelty, seniority, load (e.g. novelty=0.5)",
    )
    p.add_argument(
        "--explore",
        action="store_true",
        help="wider reach: weigh new industries and circles and fresh introducers more, at "
        "some cost in the chance each suggestion is someone you would meet (measured in the "
        "README)",
    )
    p.set_defaults(func=_cmd_suggest)

    p = sub.add_parser(
        "validate",
        help="check a data folder and list every problem",
        description="Load and validate a data folder; list every problem with file, line, "
        "column, value and what was expected, or print a summary.",
    )
    _add_common(p, seeker=False)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "cache",
        help="show or remove the snapshots that make later commands start fast",
        description="After the first load of a data folder, netgraph keeps a snapshot of "
        "the validated network (tables, compute view, per-network results) in the user's "
        "cache directory ($NETGRAPH_CACHE_DIR to move it, NETGRAPH_CACHE=0 or --no-cache "
        "to turn it off). A snapshot is used only while the data is unchanged.",
    )
    p.add_argument(
        "action", choices=("info", "clear"), help="info: list snapshots; clear: remove them"
    )
    p.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format"
    )
    p.set_defaults(func=_cmd_cache)

    p = sub.add_parser(
        "generate",
        help="write a synthetic data set of any size",
        description="Write a realistic synthetic data set (no real person) as CSV files.",
    )
    p.add_argument("--people", type=_positive_int, default=400, help="how many people")
    p.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write")
    p.add_argument("--force", action="store_true", help="overwrite CSV files in DIR")
    p.add_argument(
        "--edges-per-person",
        type=float,
        default=None,
        metavar="E",
        help="about how many acquaintance edges per person (default: 10 from 5,000 people, "
        "else the base model's 2-3)",
    )
    p.add_argument(
        "--start", default="2024-09-01", help="first day, YYYY-MM-DD (default: %(default)s)"
    )
    p.add_argument("--months", type=_positive_int, default=24, help="months of activity")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress bars (default: when writing to a terminal; NETGRAPH_PROGRESS=0 "
        "turns them off)",
    )
    p.set_defaults(func=_cmd_generate)

    p = sub.add_parser(
        "init",
        help="start your own data folder, with you as its first person",
        description="Write a new data folder holding you (p001) and empty tables, then "
        "print the next steps.",
    )
    p.add_argument("dir", metavar="DIR", help="the folder to start (new, or empty)")
    p.add_argument("--me", required=True, metavar="NAME", help="your full name")
    p.add_argument("--major", default=None, help="your major")
    p.add_argument("--grad-year", default=None, metavar="YEAR", help="your graduation year")
    p.add_argument("--email", default=None, help="your e-mail address")
    p.set_defaults(func=_cmd_init)

    p = sub.add_parser(
        "import",
        help="merge a LinkedIn, Google, Outlook, vCard or mapped export into your data",
        description="Read an export and merge it into a data folder (or workbook, or "
        "database): new people, ties to you, referrals; people already there are matched "
        "by e-mail, profile URL, or name and organization; the same name with another or "
        "no organization is added and listed for you to check, never merged. Importing "
        "the same file again adds nothing. All of it is written, or nothing.",
    )
    p.add_argument(
        "format",
        choices=("linkedin", "google", "outlook", "vcard", "mapped"),
        metavar="FORMAT",
        help="linkedin (Connections.csv; messages.csv and Invitations.csv beside it raise "
        "tie strength), google (Google Contacts CSV), outlook (Outlook CSV), vcard (.vcf) "
        "or mapped (any CSV, with --mapping)",
    )
    p.add_argument("file", metavar="FILE", help="the export to read")
    p.add_argument(
        "--data",
        metavar="DIR",
        required=True,
        help="data folder, .xlsx, .sqlite/.db or postgresql:// URL to merge into",
    )
    p.add_argument(
        "--me",
        metavar="ID|NAME",
        default=None,
        help="whose contacts these are (default: the only person or seeker in the data)",
    )
    p.add_argument(
        "--mapping",
        metavar="MAP.toml",
        default=None,
        help="with mapped: which column of the export is which (see the README)",
    )
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser(
        "convert",
        help="copy a network between a folder, a workbook, SQLite and PostgreSQL",
        description="Copy every table and column (unknown ones included) from one store "
        "to a new one; the destination must not hold a network yet.",
    )
    p.add_argument(
        "--data",
        metavar="SRC",
        required=True,
        help="data folder, .xlsx, .sqlite/.db or postgresql:// URL to read",
    )
    p.add_argument(
        "--out",
        metavar="DEST",
        required=True,
        help="new folder, .xlsx, .sqlite/.db or empty postgresql:// database",
    )
    p.set_defaults(func=_cmd_convert)

    p = sub.add_parser(
        "log",
        help="record a new interview, referral, touch or person safely",
        description="Append one row to a data folder: validated first, all files written "
        "together or not at all (a journal the next run finishes if this one is killed), "
        "under a lock, existing rows untouched. A symbolic link is written through; a "
        "read-only file is refused.",
    )
    p.set_defaults(func=_cmd_log)
    log = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    person = {"required": True, "metavar": "ID|NAME"}
    new_person = {"action": "append", "metavar": "KEY=VALUE", "nargs": "?", "const": "role=other"}
    row_format = {"choices": ("table", "csv", "json"), "default": "table"}

    def log_parser(what: str, summary: str, description: str) -> argparse.ArgumentParser:
        q = log.add_parser(what, help=summary, description=description)
        q.add_argument(
            "--data",
            metavar="DIR",
            required=True,
            help="data folder, .xlsx, .sqlite/.db or postgresql:// URL to write to",
        )
        q.add_argument(
            "--same-name",
            action="store_true",
            help="add a new person even if someone of that name is already in people.csv "
            "(by default refused, so a retried command never adds a person twice)",
        )
        return q

    optional = {"required": False, "default": None, "metavar": "ID|NAME"}
    q = log_parser(
        "interview",
        "record an informational interview, or change one",
        "Append one interview to interviews.csv; with --update ID change the status, "
        "thank-you, follow-up, date, channel or notes of one already there. The same "
        "seeker, contact and date twice is refused (use --update).",
    )
    q.add_argument("--update", metavar="ID", help="change interview ID instead of adding one")
    q.add_argument("--seeker", **optional, help="the job seeker")
    q.add_argument(
        "--contact",
        **optional,
        help="the person interviewed (a new person's name with --new-contact)",
    )
    q.add_argument("--date", default=None, help="date (YYYY-MM-DD)")
    q.add_argument(
        "--status",
        default=None,
        help="requested, scheduled, completed (default for a new one), declined or no_show",
    )
    q.add_argument("--channel", default=None, help="video, phone, in_person, ...")
    q.add_argument("--thank-you", metavar="DATE", help="thank-you sent on DATE")
    q.add_argument("--follow-up", metavar="DATE", help="follow-up due on DATE")
    q.add_argument("--notes", default=None, help="free-text notes")
    q.add_argument("--id", help="interview_id (default: the next one)")
    q.add_argument(
        "--new-contact",
        **new_person,
        help="the contact is a new person: add them with these attributes "
        "(repeatable, e.g. --new-contact role=alum --new-contact organization=Acme)",
    )
    q.add_argument("--format", **row_format)
    q = log_parser(
        "referral",
        "record a name passed on, or change one",
        "Append one referral to referrals.csv; with --update ID change its status or date.",
    )
    q.add_argument("--update", metavar="ID", help="change referral ID instead of adding one")
    q.add_argument("--referrer", **optional, help="who gave the name")
    q.add_argument("--seeker", **optional, help="the job seeker")
    q.add_argument(
        "--referred", **optional, help="who was named (a new person's name with --new-referred)"
    )
    q.add_argument("--date", default=None, help="date (YYYY-MM-DD)")
    q.add_argument(
        "--status",
        default=None,
        help="named (default for a new one), introduced, contacted, interviewed or declined",
    )
    q.add_argument("--interview", metavar="ID", help="the interview it came from")
    q.add_argument("--id", help="referral_id (default: the next one)")
    q.add_argument(
        "--new-referred", **new_person, help="the referred is a new person (see --new-contact)"
    )
    q.add_argument("--format", **row_format)
    q = log_parser(
        "tie",
        "record that two people know each other, or change how",
        "Add a tie (family, friend, classmate, coworker, mentor, ...) between two people "
        "to ties.csv, or change the kind, strength or date of theirs.",
    )
    q.add_argument("person_a", metavar="A", help="one person (id or unambiguous name)")
    q.add_argument("person_b", metavar="B", help="the other")
    q.add_argument("--kind", default=None, help="family, friend, classmate, coworker, mentor, ...")
    q.add_argument("--strength", default=None, help="how close, in (0, 1] (default: by kind)")
    q.add_argument("--since", default=None, metavar="DATE", help="known since DATE")
    q.add_argument("--format", **row_format)
    q = log_parser(
        "touch",
        "record a contact that was not an interview",
        "Append one touch (a message, a call, a coffee) to touches.csv, created if missing. "
        "A touch resets the keep-in-touch reminder of that person, counts as a nudge on a "
        "request with no reply, and marks a name as contacted.",
    )
    q.add_argument("--seeker", **person, help="the job seeker")
    q.add_argument("--contact", **person, help="whom you were in touch with")
    q.add_argument("--date", required=True, help="date (YYYY-MM-DD)")
    q.add_argument("--channel", default="", help="email, call, coffee, message, ...")
    q.add_argument("--notes", default="", help="free-text notes")
    q.add_argument("--id", help="touch_id (default: the next one)")
    q.add_argument("--format", **row_format)
    q = log_parser(
        "person", "add a person", "Append one person to people.csv and print the new id."
    )
    q.add_argument("--name", required=True, help="the person's name")
    q.add_argument(
        "--set",
        action="append",
        metavar="KEY=VALUE",
        help="another column, e.g. --set role=alum (repeatable)",
    )

    # <<reach parser>>
    p = sub.add_parser(
        "reach",
        help="whom you can reach, how warmly, and where",
        description="People within --hops of the seeker, with the warmest path (largest "
        "product of tie strengths) and whom to ask. By default prints counts by hop and "
        "the top industries reached; --list lists everyone; --target KEY=VALUE (industry, "
        "organization, role, tag) or a person prints the warmest and shortest routes with "
        "the introducer at each step. csv/json give the per-hop table, the --by table, "
        "the --list table or the routes.",
    )
    _add_common(p)
    p.add_argument(
        "--hops", type=_positive_int, default=3, help="how many hops out to look (default: 3)"
    )
    p.add_argument(
        "--min-strength",
        type=_reach_unit,
        default=0.0,
        metavar="S",
        help="keep people whose warmest path has at least this strength, 0-1 (default: 0)",
    )
    p.add_argument(
        "--warm-at",
        type=_reach_unit,
        default=0.25,
        metavar="S",
        help="path strength that counts as warm, 0-1 (default: 0.25)",
    )
    p.add_argument(
        "--by",
        choices=("industry", "organization", "role"),
        default=None,
        help="break reach down by this attribute (default: industry)",
    )
    p.add_argument(
        "--top",
        type=_positive_int,
        default=None,
        help="rows of the breakdown to show (default: 10), or with --list the people "
        "(default: everyone)",
    )
    p.add_argument("--list", action="store_true", help="list every person reached")
    p.add_argument(
        "--target",
        metavar="KEY=VALUE|PERSON",
        default=None,
        help="route to anyone matching, e.g. industry=Healthcare, organization=..., role=alum, "
        "tag=..., or a person's id or name",
    )
    _add_as_of(p, "reach in")
    p.set_defaults(func=_cmd_reach)

    # <<bridges parser>>
    p = sub.add_parser(
        "bridges",
        help="which contacts lead where nobody else does, and who brokers the network",
        description="For each of the seeker's direct contacts: how many people within "
        "--hops the seeker would no longer reach without them (exclusive reach), and the "
        "industries and organizations lost with them. --network prints the network-wide "
        "table instead: betweenness, articulation points, local bridges, Burt's effective "
        "size, efficiency, constraint and hierarchy, brokerage between --group groups and "
        "the Gould-Fernandez brokerage roles on the referral graph.",
    )
    _add_common(p)
    p.add_argument(
        "--hops",
        type=_positive_int,
        default=None,
        help="reach radius for a seeker's bridge contacts (default: 3)",
    )
    p.add_argument("--network", action="store_true", help="the network-wide brokers table instead")
    p.add_argument(
        "--group",
        default="community",
        metavar="COLUMN",
        help="with --network: group people by this people column (industry, organization, "
        "major, ...) or 'community' for seeded Louvain communities (default: community)",
    )
    p.add_argument(
        "--top",
        type=_positive_int,
        default=None,
        help="show this many rows (default: every contact; 20 brokers in the --network "
        "table view, all in csv/json)",
    )
    p.add_argument(
        "--seed", type=int, default=0, help="seed of communities and sampling (default: 0)"
    )
    _add_as_of(p, "use")
    p.set_defaults(func=_cmd_bridges)

    # <<suggest parser>>
    p = sub.add_parser(
        "followups",
        help="what you owe your network, by a cadence, grouped by when",
        description="List a seeker's follow-ups by a cadence: a thank-you the day after a "
        "conversation, a nudge 7 days after a request with no reply (and after each nudge, "
        "at most 3), follow-ups on their planned day, names to contact and referrers to "
        "tell within 7 days, and keep-in-touch windows by tie kind and role (ideal and "
        "maximum, reset by any touch). Grouped Overdue / Today / This week / Keep warm / "
        "Losing touch. Counts from today's date unless --today (or --as-of) says otherwise.",
    )
    _add_common(p)
    p.add_argument("--all", action="store_true", help="list every seeker's follow-ups")
    p.add_argument(
        "--today",
        "--as-of",
        dest="today",
        type=_date,
        default=None,
        metavar="DATE",
        help="count days from DATE, ignoring later events (default: today's date)",
    )
    p.add_argument(
        "--nudge-days",
        type=_positive_int,
        default=7,
        metavar="N",
        help="nudge N days after a request with no reply, and after each nudge (default: 7)",
    )
    p.add_argument(
        "--max-nudges",
        type=_positive_int,
        default=3,
        metavar="N",
        help="stop after N nudges (default: 3)",
    )
    p.add_argument(
        "--week-days",
        type=_positive_int,
        default=7,
        metavar="N",
        help="list items due within N days as 'This week' (default: 7)",
    )
    p.add_argument(
        "--window",
        type=_window,
        action="append",
        metavar="KIND=IDEAL/MAX",
        help="keep-in-touch window in days for a tie kind or role, repeatable "
        "(e.g. mentor=30/60, alum=90/180, default=90/180)",
    )
    p.add_argument(
        "--ics",
        metavar="FILE",
        default=None,
        help="also write the items to an iCalendar file, one event with an alarm each",
    )
    p.set_defaults(func=_cmd_followups)

    p = sub.add_parser(
        "evaluate",
        help="how well suggest ranks, against link-prediction baselines",
        description="Compare the suggestion engine with random, common neighbours, "
        "Jaccard, Adamic-Adar, resource allocation and preferential attachment. "
        "--mode backtest (default) cuts each seeker's history at a date and checks whether "
        "the people they interviewed afterwards rank high (hit@k, recall@k, MRR, coverage, "
        "lift over random). --mode hidden hides a seeded share of edges of --data DIR (or of "
        "--edges FILE, or of the real social networks shipped with networkx when neither is "
        "given) and reports recall@k and AUC. Example: python -m netgraph evaluate --mode "
        "hidden --data my_folder --seekers 100",
    )
    _add_common(p, seeker=False)
    p.add_argument("--mode", choices=("backtest", "hidden"), default="backtest", help="protocol")
    p.add_argument("--k", type=_positive_int, default=10, help="cut-off of hit@k (default: 10)")
    p.add_argument(
        "--fraction",
        type=float,
        default=0.5,
        help="backtest: cut after this share of each seeker's interviews (default: 0.5)",
    )
    p.add_argument(
        "--share", type=float, default=0.1, help="hidden: share of edges to hide (default: 0.1)"
    )
    p.add_argument("--seed", type=int, default=0, help="hidden: first seed (default: 0)")
    p.add_argument(
        "--seeds", type=_positive_int, default=5, help="hidden: number of seeds (default: 5)"
    )
    p.add_argument(
        "--graph",
        action="append",
        metavar="NAME",
        help="hidden: karate, lesmis, florentine or davis, repeatable (default: all four)",
    )
    p.add_argument(
        "--seekers",
        type=_positive_int,
        default=200,
        metavar="N",
        help="most seekers evaluated, sampled with a fixed seed (default: 200)",
    )
    p.add_argument(
        "--edges",
        metavar="FILE",
        help="hidden: an edge list to evaluate instead (two ids a line, or CSV with source,target)",
    )
    p.add_argument(
        "--nodes",
        metavar="FILE",
        help="with --edges: a CSV node table (id column, then attributes such as "
        "organization, major, grad_year)",
    )
    p.set_defaults(func=_cmd_evaluate)

    # <<research parser>>
    p = sub.add_parser(
        "report",
        help="write a privacy-safe alumni-engagement research report",
        description="Write a report folder: research tables as CSV, figures as PNG and an "
        "index.html explaining them. Aggregates only, counts of fewer than --k people "
        "hidden, people who opted out of research left out (and counted).",
    )
    _add_common(p, seeker=False, fmt=False)
    p.add_argument(
        "--out", required=True, metavar="DIR", help="folder to write (new, empty or an old report)"
    )
    p.add_argument(
        "--k", type=_positive_int, default=5, help="smallest count published (default: 5)"
    )
    _add_as_of(p, "report on")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "export",
        help="write the network for Gephi, Cytoscape or a spreadsheet",
        description="Write the acquaintance or referral graph as GraphML, GEXF or CSV "
        "(a folder with nodes.csv and edges.csv). The extension of --out picks the format "
        "(.graphml, .gexf, .csv). By default each person is a keyed pseudonym with only "
        "role, industry and a five-year class-year band (add columns with --columns); "
        "these are generalised and suppressed until every combination is shared by at "
        "least --k people, and an audit of what that took is printed. No names, e-mails, "
        "ids or notes unless --include-identities; people who opted out of research are "
        "always left out. An existing file is replaced only with --force, and the data's "
        "own tables never. "
        "Example: python -m netgraph export --data mydata --out network.gexf --columns major",
    )
    _add_common(p, seeker=False, fmt=False)
    p.add_argument(
        "--format",
        choices=("graphml", "gexf", "csv", "xlsx"),
        default=None,
        help="file format, when --out has no extension (default: graphml); must agree "
        "with the extension otherwise (xlsx: one workbook, sheets nodes and edges, no "
        "cell a formula)",
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="file to write, e.g. network.graphml, network.gexf or network.xlsx (for csv: "
        "a folder, e.g. network.csv)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing file (never a table of the data folder)",
    )
    p.add_argument(
        "--graph",
        choices=("acquaintance", "referral"),
        default="acquaintance",
        help="who knows whom, or who led to whom (default: acquaintance)",
    )
    p.add_argument(
        "--key-file",
        metavar="FILE",
        default=None,
        help="file holding the secret pseudonym key, at least 16 bytes (default: "
        "$NETGRAPH_KEY_FILE, else the key in $NETGRAPH_PSEUDONYM_KEY, else a one-off "
        "random key)",
    )
    p.add_argument(
        "--columns",
        action="append",
        metavar="COL[,COL...]",
        default=None,
        help="more people columns to publish besides role, industry and the class-year "
        "band (e.g. --columns major,location); generalised like them. Names, e-mails, "
        "ids and notes are refused",
    )
    p.add_argument(
        "--k",
        type=_positive_int,
        default=5,
        help="every combination of published attributes is shared by at least K people "
        "(default: 5)",
    )
    p.add_argument(
        "--include-identities",
        action="store_true",
        help="keep ids and names, no k-anonymity (your own use; not privacy-safe)",
    )
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "people",
        help="find people by name or organization",
        description="Search names (first names, surnames, parts of hyphenated names) and "
        "organizations, ignoring case and accents: every word of QUERY must begin a word of "
        "the name or organization. Use the id shown, or a unique part of the name, with "
        "--seeker and --contact.",
    )
    p.add_argument("query", metavar="QUERY", help="words to look for, e.g. maya or 'acme corp'")
    _add_common(p, seeker=False)
    p.set_defaults(func=_cmd_people)

    p = sub.add_parser(
        "view",
        help="write an interactive view of a network (one HTML file, works offline)",
        description="Write an interactive picture of a seeker's own network (names shown: "
        "it is their network) or, with --network, of everyone (pseudonymous, opted-out "
        "people left out). Hover for details, click a contact to light up the people you "
        "would lose without them, click the legend to filter by industry, scroll to zoom.",
    )
    _add_common(p, fmt=False)
    p.add_argument("--out", required=True, metavar="FILE.html", help="the page to write")
    p.add_argument(
        "--network", action="store_true", help="the whole network, pseudonymous (no --seeker)"
    )
    p.add_argument("--hops", type=int, choices=(1, 2), default=2, help="how far (default: 2)")
    p.add_argument(
        "--max-people", type=_positive_int, default=400, help="people drawn at most (default: 400)"
    )
    p.add_argument("--force", action="store_true", help="replace FILE.html if it exists")
    p.set_defaults(func=_cmd_view)

    p = sub.add_parser(
        "prep",
        help="a brief to read before a conversation",
        description="Before meeting a contact: who they are, how you are connected (the "
        "warmest path, who named them and when), what you share (major, graduation years, "
        "organization, location, interests, common contacts), what your own earlier notes "
        "say about their organization and industry, what is still open with them, and "
        "questions to ask chosen by their role, seniority and your goals.",
    )
    _add_common(p, fmt=False)
    p.add_argument("--contact", required=True, metavar="ID|NAME", help="whom you will meet")
    p.add_argument(
        "--goal",
        type=_suggest_pair,
        action="append",
        metavar="KEY=VALUE",
        help="what you are aiming for (as in suggest); adds questions about it",
    )
    p.add_argument(
        "--format",
        choices=("table", "markdown", "html"),
        default="table",
        help="terminal text, Markdown or an HTML page (default: table)",
    )
    _add_as_of(p, "prepare from")
    p.set_defaults(func=_cmd_prep)

    p = sub.add_parser(
        "pitch",
        help="a 30-second elevator pitch from your profile",
        description="About 75 words for an audience (an alum, a recruiter, a fellow "
        "student) from the seeker's profile: name, major, graduation year, school, "
        "interests (tags) and the optional people.csv columns experience, skills and "
        "looking_for. Ends with a question; whatever the data does not hold is a "
        "[bracketed prompt]. Fixed templates: the same profile gives the same words.",
    )
    _add_common(p, fmt=False)
    p.add_argument(
        "--audience",
        choices=("alum", "recruiter", "student"),
        default="alum",
        help="whom you are talking to (default: alum)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    _add_as_of(p, "write the pitch from")
    p.set_defaults(func=_cmd_pitch)

    _add_examples(parser, "")
    return parser


class _StderrNote(logging.Handler):
    """Prints the cache's problem reports (already once per process) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        print(record.getMessage(), file=sys.stderr)


def _show_cache_notes() -> None:
    logger = logging.getLogger("netgraph.cache")
    if not any(isinstance(h, _StderrNote) for h in logger.handlers):
        logger.addHandler(_StderrNote(level=logging.WARNING))
        logger.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m netgraph`` with ``argv``; return the exit code.

    0 on success, 2 on bad input or usage (message on stderr, no traceback).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage or help
        return int(exc.code or 0)
    func: Callable[[argparse.Namespace], str] = args.func
    _show_cache_notes()
    try:
        text = func(args)
    except NetgraphError as exc:  # DataError included
        print(f"netgraph: error: {_printable(str(exc))}", file=sys.stderr)
        return 2
    if getattr(args, "format", "table") not in ("csv", "json") or sys.stdout.isatty():
        text = _printable(text)  # csv and json into a pipe or file stay byte for byte
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
    return 0
