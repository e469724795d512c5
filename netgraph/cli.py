"""Command-line interface: ``python -m netgraph COMMAND``.

Each command parses its options, calls one library function and prints the result.
Every error netgraph raises on purpose ends as ``netgraph: error: ...`` on stderr and
exit code 2; there is no traceback for bad input.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from netgraph.errors import DataError, NetgraphError

__all__ = ["build_parser", "main"]

SAMPLE_SEEKER = "p001"


# ---------------------------------------------------------------- helpers
def _load(args: argparse.Namespace):
    from netgraph.load import load

    return load(args.data)


def _seeker(net, args: argparse.Namespace) -> str:
    """Return the ``--seeker`` given, else the sample's featured student or the only seeker."""
    if args.seeker:
        return net.resolve(args.seeker)
    from netgraph.load import sample_data_path

    if args.data is None or Path(args.data).resolve() == sample_data_path().resolve():
        return SAMPLE_SEEKER
    if len(net.seekers) == 1:
        return net.seekers[0]
    examples = ", ".join(net.describe(p) for p in net.seekers[:3])
    raise NetgraphError(
        f"this data set has {len(net.seekers)} seekers; choose one with --seeker ID|NAME"
        + (f" (for example {examples})" if examples else "")
    )


def _render(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "json":
        return frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2)
    if fmt == "csv":
        from netgraph.privacy import spreadsheet_safe

        buf = io.StringIO()
        safe = spreadsheet_safe(frame)
        for col in safe.columns:
            if safe[col].dtype == object:
                safe[col] = safe[col].map(lambda v: ";".join(v) if isinstance(v, tuple) else v)
        safe.to_csv(buf, index=False, date_format="%Y-%m-%d")
        return buf.getvalue().rstrip("\n")
    if frame.empty:
        return "(nothing to show)"
    with pd.option_context("display.max_colwidth", 80, "display.width", 250):
        return frame.to_string(index=False)


def _add_common(p: argparse.ArgumentParser, *, seeker: bool = True, fmt: bool = True) -> None:
    p.add_argument(
        "--data",
        metavar="DIR",
        default=None,
        help="data folder (default: the bundled synthetic sample)",
    )
    if seeker:
        p.add_argument(
            "--seeker",
            metavar="ID|NAME",
            default=None,
            help="the job seeker, by id or unambiguous name (default: the sample's "
            "featured student, or the only seeker in the data)",
        )
    if fmt:
        p.add_argument(
            "--format",
            choices=("table", "csv", "json"),
            default="table",
            help="output format (default: table)",
        )


# --------------------------------------------------------------- commands
def _cmd_suggest(args: argparse.Namespace) -> str:
    from netgraph.suggest import suggest

    net = _load(args)
    return _render(suggest(net, _seeker(net, args), top=args.top, as_of=args.as_of), args.format)


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
    return f"{args.data or 'bundled sample'}: valid ({counts})"


def _cmd_generate(args: argparse.Namespace) -> str:
    from netgraph.synth import generate, write_dataset

    out = Path(args.out)
    if out.exists() and any(out.iterdir()) and not args.force:
        raise NetgraphError(f"{out} is not empty; pass --force to overwrite its CSV files")
    tables = generate(args.people, seed=args.seed)
    write_dataset(tables, out)
    counts = ", ".join(f"{len(t)} {name}" for name, t in tables.items())
    return f"wrote {out}: {counts}"


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
    return value


def _date(text: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(text).normalize()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


# <<reach commands>>
# <<bridges commands>>
# <<suggest commands>>
# <<research commands>>


# ----------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m netgraph``."""
    parser = argparse.ArgumentParser(
        prog="python -m netgraph",
        description="Referral-network analysis: reach, bridge contacts, suggested next "
        "introductions, follow-ups and alumni-engagement research.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "suggest",
        help="whom to meet next, and who can introduce you",
        description="Rank people the seeker has not met yet, each with an introducer, "
        "the path and a plain-words reason.",
    )
    _add_common(p)
    p.add_argument("--top", type=_positive_int, default=10, help="how many (default: 10)")
    p.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="suggest from the network as it stood on DATE (YYYY-MM-DD)",
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
        "generate",
        help="write a synthetic data set of any size",
        description="Write a realistic synthetic data set (no real person) as CSV files.",
    )
    p.add_argument("--people", type=_positive_int, default=400, help="how many people")
    p.add_argument("--seed", type=int, default=7, help="random seed (default: 7)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write")
    p.add_argument("--force", action="store_true", help="overwrite CSV files in DIR")
    p.set_defaults(func=_cmd_generate)

    # <<reach parser>>
    # <<bridges parser>>
    # <<suggest parser>>
    # <<research parser>>
    return parser


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
    try:
        text = func(args)
    except DataError as exc:
        print(f"netgraph: error: {exc}", file=sys.stderr)
        return 2
    except NetgraphError as exc:
        print(f"netgraph: error: {exc}", file=sys.stderr)
        return 2
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
    return 0
