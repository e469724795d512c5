"""Privacy-safe research reports and graph exports.

:func:`write_report` writes a self-contained folder: the research tables of
:mod:`netgraph.research` as CSV, the figures as PNG and an ``index.html`` that shows
them with short explanations. It holds aggregate tables only (no row describes one
person), each count below ``k`` blanked, and says how many people were left out
because they opted out of research. The folder keeps a manifest of the files it
wrote (``.netgraph-report.json``, names and SHA-256 checksums): writing the report
again replaces only those, and a folder holding anything else -- a user's file, a
subfolder, a report file edited since -- is refused. A new folder is built beside
its destination and renamed into place; an existing report is updated all or
nothing through :mod:`netgraph._journal`, so a reader never sees half a report.

:func:`export` writes a graph for Gephi (GEXF), Cytoscape or yEd (GraphML) or a
spreadsheet (CSV): pseudonymous and without names, e-mails or notes unless
``include_identities=True``, always without the people who opted out. Values the
writers cannot store are converted (tuples to ``;``-joined text, timestamps to
``YYYY-MM-DD``, missing values left out); CSV cells are formula-safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import json
import math
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO

import networkx as nx
import numpy as np
import pandas as pd

from netgraph import _journal, research
from netgraph.disclosure import TableSpec
from netgraph.errors import NetgraphError, OutputError
from netgraph.network import ReferralNetwork
from netgraph.privacy import (
    DEFAULT_COLUMNS,
    Audit,
    _check_columns,
    csv_text,
    k_anonymize,
    pseudonymize,
    spreadsheet_safe,
    without_opted_out,
)

__all__ = ["EXPORT_FORMATS", "MANIFEST_NAME", "Export", "export", "export_graph", "write_report"]

EXPORT_FORMATS = ("graphml", "gexf", "csv", "xlsx")
_GENERATOR = "netgraph report"
_GROUP_COLUMNS = ("first_generation", "international")


# ------------------------------------------------------------------ writing
def _csv_text(table: pd.DataFrame) -> str:
    return csv_text(table, float_format="%.6g")


_STALE_AFTER = 600.0  # seconds: a temporary name this old belongs to a writer that died


def _remove_stale_temps(path: Path) -> None:
    """Remove what a killed writer left beside ``path`` under a :func:`_temp_name`.

    Only names of that exact pattern older than ten minutes go, and a folder only when
    it holds nothing but report files: a writer still running is never disturbed.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{12}}\.tmp")
    try:
        entries = [p for p in path.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return
    for entry in entries:
        try:
            if time.time() - entry.lstat().st_mtime < _STALE_AFTER or entry.is_symlink():
                continue
            if entry.is_dir():
                ours = [
                    p.is_file()
                    and not p.is_symlink()
                    and (bool(_OWN_NAME.fullmatch(p.name)) or p.name == MANIFEST_NAME)
                    for p in entry.iterdir()
                ]
                if all(ours):
                    shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue


def _temp_name(path: Path) -> Path:
    """Return a fresh hidden name beside ``path`` (made with the usual permissions)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def _write_atomic(path: Path, write: Callable[[IO], object], *, binary: bool = False) -> None:
    """Call ``write`` on a new temporary file beside ``path``, then rename it to ``path``."""
    tmp = _temp_name(path)
    try:
        with tmp.open("xb") if binary else tmp.open("x", encoding="utf-8", newline="") as fh:
            write(fh)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


# ------------------------------------------------------- report destination
MANIFEST_NAME = ".netgraph-report.json"
_MANIFEST_VERSION = 1
_OWN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")  # what a report names its files


def _manifest(out: Path) -> dict[str, str]:
    """Return the files an earlier report wrote in ``out`` (name to SHA-256), or ``{}``."""
    path = out / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_bytes())
        files = data["files"]
        if data.get("generator") != _GENERATOR or not isinstance(files, dict):
            raise ValueError("not written by netgraph")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OutputError(
            f"{path} is not a netgraph report manifest ({exc}); choose a new or empty folder"
        ) from None
    return {
        str(name): str(digest)
        for name, digest in files.items()
        if isinstance(name, str) and _OWN_NAME.fullmatch(name)
    }


def _foreign(out: Path, owned: dict[str, str]) -> list[tuple[Path, str]]:
    """Return the entries of ``out`` the report did not write, each with the reason."""
    mine = {MANIFEST_NAME, _journal.LOCK_NAME, _journal.JOURNAL_NAME}
    found = []
    for entry in sorted(out.iterdir(), key=lambda p: p.name):
        name = entry.name
        if name in mine or name.startswith(_journal.PENDING_PREFIX):
            continue
        if name not in owned:
            kind = "folder" if entry.is_dir() else "file"
            found.append((entry, f"a {kind} netgraph did not write"))
        elif entry.is_symlink() or not entry.is_file():
            found.append((entry, "no longer the file netgraph wrote"))
        elif _journal.file_digest(entry) != owned[name]:
            found.append((entry, "changed since netgraph wrote it"))
    return found


def _refuse_foreign(out: Path, found: list[tuple[Path, str]]) -> OutputError:
    first, why = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return OutputError(
        f"{out} holds {first.name!r}, {why}{more}; a report replaces only the files it "
        "wrote itself, so choose a new or empty folder, or move that away"
    )


def _check_destination(out: Path) -> None:
    """Refuse, before any work, a destination the report could not safely write."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file; give a folder for the report")
    if out.is_dir():
        with _journal.reading(out):  # finishes a report update that was interrupted
            found = _foreign(out, _manifest(out))
        if found:
            raise _refuse_foreign(out, found)
        return
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{parent} is a file; cannot make the report folder {out}")
            if _journal.read_only(parent):
                raise OutputError(f"{parent} is read-only; cannot make the report folder {out}")
            return


def _write_report_files(out: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` and their manifest as the report folder ``out``, all or nothing."""
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    manifest = {"generator": _GENERATOR, "version": _MANIFEST_VERSION, "files": digests}
    payload = {**files, MANIFEST_NAME: (json.dumps(manifest, indent=1) + "\n").encode()}
    if not out.exists() and not out.is_symlink():  # new: build beside it, rename into place
        _remove_stale_temps(out)
        tmp = _temp_name(out)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp.mkdir()
            for name, data in payload.items():
                (tmp / name).write_bytes(data)
            tmp.rename(out)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise _journal.refused(out, exc, "write the report folder") from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return
    with _journal.locked(out, what="report folder"):
        owned = _manifest(out)
        found = _foreign(out, owned)
        if found:
            raise _refuse_foreign(out, found)
        stale = {name: None for name in owned if name not in payload and (out / name).exists()}
        _journal.commit(out, {**payload, **stale})


def _save_figure(
    draw: Callable[..., object],
    table: pd.DataFrame,
    path: Path | IO,
    *,
    size: tuple[float, float] = (7.5, 4.5),
    **options: object,
) -> None:
    """Draw with the Agg renderer on a standalone figure: no pyplot, no global state."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    draw(table, ax=fig.subplots(), **options)
    fig.savefig(path, format="png", dpi=100, metadata={"Software": None})


# ------------------------------------------------------------------- report
_MARK = "—"  # one marker for every hidden value in the page
_NAMES = {
    "n_people": "people", "n_engaged": "engaged", "engaged_share": "engaged",
    "interviews_requested": "requested", "interviews_given": "given",
    "response_rate": "response rate", "seekers_helped": "seekers helped",
    "referrals_given": "referrals", "referrals_converted": "converted",
    "conversion_rate": "conversion", "downstream_reach": "downstream",
    "mean_engagement_score": "mean score", "n_cascades": "cascades", "n": "seekers",
    "ci_low": "95% low", "ci_high": "95% high", "completed_share": "completed",
    "referral_share": "with a referral", "interviewed_share": "referral interviewed",
    "with_referral": "with a referral",
    "referral_interviewed": "referral interviewed", "grad_year": "class years",
    "active_people": "active people", "edges_used": "edges used",
    "overall_share": "requests reaching the end",
}  # fmt: skip
_MAX_ROWS = 12


def _cell(column: str, value: object, *, label: bool = False) -> str:
    """Return one displayed cell: hidden values as the marker, rates as percentages."""
    missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    if label and missing:
        return "(not recorded)"
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return _MARK
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        if column.endswith(("_share", "_rate", "share")) and column != "share_people":
            return f"{value:.0%}"
        return f"{value:,.2f}"
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or _MARK
    return str(value)


def _display(table: pd.DataFrame, columns: list[str] | None) -> tuple[str, str]:
    """Return (HTML, note) for at most 8 columns and 12 rows of ``table``.

    Rows whose shown numbers are all hidden are left out of the page (and counted in
    the note); every row stays in the CSV.
    """
    cols = [c for c in (columns or list(table.columns)) if c in table.columns][:8]
    shown = table[cols]
    numbers = [c for c in cols[1:] if c not in ("low", "high")]
    if numbers:
        visible = shown[numbers].notna().any(axis=1)
        dropped = int((~visible).sum())
        shown = shown[visible.to_numpy()]
    else:
        dropped = 0
    more = max(len(shown) - _MAX_ROWS, 0)
    shown = shown.head(_MAX_ROWS)
    head = "".join(f"<th>{html.escape(_NAMES.get(c, c.replace('_', ' ')))}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(c, v, label=i == 0))}</td>"
                         for i, (c, v) in enumerate(zip(cols, row, strict=True))) + "</tr>"
        for row in shown.itertuples(index=False)
    )  # fmt: skip
    notes = [f"{_MARK} hidden to protect privacy."]
    if dropped:
        rows = f"{dropped} row{'s' if dropped != 1 else ''}"
        notes.append(f"{rows} with every value hidden not shown.")
    if more:
        notes.append(f"{more} more row{'s' if more != 1 else ''} in the CSV.")
    page = f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return page, " ".join(notes)


class _Report:
    """Collects tables, figures and explanations, then renders index.html (in memory)."""

    def __init__(self) -> None:
        self.sections: list[dict] = []
        self.files: dict[str, bytes] = {}  # name to contents, written together at the end
        self.hidden_figures: list[str] = []

    def table(self, name: str, table: pd.DataFrame) -> str:
        file = f"{name}.csv"
        self.files[file] = _csv_text(table).encode("utf-8")
        return file

    def figure(
        self,
        name: str,
        draw: Callable[..., object],
        table: pd.DataFrame,
        alt: str,
        *,
        values: list[str] | None = None,
        **options: object,
    ) -> dict | None:
        """Draw a figure; ``None`` (nothing drawn) when all its ``values`` are hidden."""
        if values and not table[[c for c in values if c in table]].notna().any().any():
            self.hidden_figures.append(alt)
            return None
        file = f"{name}.png"
        buf = io.BytesIO()
        _save_figure(draw, table, buf, **options)
        self.files[file] = buf.getvalue()
        return {"file": file, "alt": alt, "caption": alt}

    def section(
        self,
        title: str,
        text: str,
        *,
        shown: list[tuple[str, pd.DataFrame, list[str] | None]] = (),
        linked: list[tuple[str, pd.DataFrame]] = (),
        figures: list[dict] = (),
    ) -> None:
        tables = []
        files = [self.table(name, table) for name, table in linked]
        for name, table, columns in shown:
            page, note = _display(table, columns)
            if "<tbody></tbody>" in page:  # every value hidden: say so, link the CSV
                files.append(self.table(name, table))
                continue
            tables.append({"file": self.table(name, table), "html": page, "note": note})
        figures = [f for f in figures if f is not None]
        self.sections.append(
            {
                "id": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
                "title": title,
                "text": text,
                "figures": list(figures),
                "tables": tables,
                "files": files,
            }
        )

    def render(self, **context: object) -> str:
        import jinja2

        env = jinja2.Environment(
            loader=jinja2.PackageLoader("netgraph", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        return env.get_template("report.html").render(sections=self.sections, **context)


def write_report(
    net: ReferralNetwork,
    out: str | Path,
    *,
    k: int = 5,
    as_of: str | pd.Timestamp | None = None,
    n_boot: int = 2000,
    seed: int = 0,
) -> Path:
    """Write a self-contained, privacy-safe research report folder.

    The folder holds, as CSV with a PNG figure where one helps: the distribution of
    the engagement score, cohorts by class year (5-year bands), industry, major and
    role, cohorts over time (class-year decades by quarter, or by year when
    more than half the quarterly counts would be hidden), the interview funnel
    (overall and by first-generation / international status when the people table
    has those columns), the cascade depth and size distributions, attribute mixing
    (major, industry, class year) and group comparisons of referrals per interview.
    ``index.html`` shows them with short explanations, the number of people left out
    because they opted out of research, and ``k``. Only aggregate tables are
    written; every count below ``k`` is blanked, and no name, e-mail, note or id
    appears. The folder's manifest (``.netgraph-report.json``) lists the files
    written with their SHA-256 checksums. A new folder is built under a temporary
    name beside ``out`` and renamed into place; in an existing report only the files
    of its manifest are replaced (or removed), all or nothing, and a folder holding
    anything else is refused before any work.

    Parameters
    ----------
    net
        The network.
    out
        The folder to write: new, empty, or an earlier netgraph report left as it
        was written.
    k
        Smallest count published.
    as_of
        Report on the network as it stood on this day.
    n_boot, seed
        Bootstrap resamples and seed of the group comparisons.

    Returns
    -------
    pathlib.Path
        The report folder.

    Raises
    ------
    OutputError
        If ``out`` is a file or under one, read-only, or holds anything the report
        did not write (the message names the first such file).
    NetgraphError
        If ``k < 1``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import netgraph as ng
    >>> folder = ng.write_report(ng.load(), pathlib.Path(tempfile.mkdtemp()) / "report")
    >>> (folder / "index.html").is_file()
    True
    """
    if not isinstance(k, int) or k < 1:
        raise NetgraphError(f"k must be a whole number 1 or more for a published report, got {k}")
    out = Path(out)
    _check_destination(out)  # before the work: refuse early
    rnet, n_out = research._research_net(net, as_of)
    files = _fill_report(rnet, k=k, n_out=n_out, n_boot=n_boot, seed=seed)
    _write_report_files(out, files)
    return out


def _value(table: pd.DataFrame, column: str, row: int = 0) -> float | None:
    """Return a published number of a table, or ``None`` when hidden or absent."""
    if column not in table.columns or len(table) <= row:
        return None
    value = table[column].iloc[row]
    return None if pd.isna(value) else float(value)


def _months_observed(rnet: ReferralNetwork, periods: pd.Series) -> pd.Series:
    """How many calendar months of each period (``2024`` or ``2024Q3``) the data covers."""
    dates = pd.concat([pd.to_datetime(rnet.interviews["date"]),
                       pd.to_datetime(rnet.referrals["date"])]).dropna()  # fmt: skip
    if dates.empty:
        return pd.Series(0, index=periods.index)
    first, last = dates.min().to_period("M"), dates.max().to_period("M")
    months = pd.period_range(first, last, freq="M")

    def covered(period: object) -> int:
        text = str(period)
        span = pd.Period(text, freq="Q" if "Q" in text else "Y")
        return int(((months >= span.asfreq("M", "s")) & (months <= span.asfreq("M", "e"))).sum())

    return periods.map(covered)


def _findings(tables: dict[str, pd.DataFrame], k: int) -> list[str]:
    """Three to five sentences written from the published (protected) numbers only."""
    out = []
    f = tables["funnel"]
    req, done = _value(f, "requested"), _value(f, "completed")
    ref, conv = _value(f, "referral_share"), _value(f, "interviewed_share")
    if req and done is not None:
        line = f"{done / req:.0%} of the {int(req):,} interviews requested took place"
        if ref is not None:
            line += f", and {ref:.0%} of those ended with at least one name passed on"
        if conv is not None:
            line += f"; in {conv:.0%} of those, a person named was interviewed in turn"
        out.append(line + ".")
    roles = tables.get("cohorts_role")
    if roles is not None and "alum" in set(roles["role"].astype(str)):
        r = int(np.flatnonzero(roles["role"].astype(str).to_numpy() == "alum")[0])
        share, n = _value(roles, "engaged_share", r), _value(roles, "n_people", r)
        rate = _value(roles, "response_rate", r)
        if share is not None and n:
            line = f"{share:.0%} of the {int(n):,} alumni approached gave an interview or a name"
            if rate is not None:
                line += f", and they answered {rate:.0%} of the requests they received"
            out.append(line + ".")
    ind = tables.get("cohorts_industry")
    if ind is not None and "response_rate" in ind:
        shown = ind.dropna(subset=["response_rate"])
        if len(shown) >= 2:
            lo = shown.loc[shown["response_rate"].idxmin()]
            hi = shown.loc[shown["response_rate"].idxmax()]
            out.append(
                f"Response rates ranged from {lo['response_rate']:.0%} ({lo['industry']}) to "
                f"{hi['response_rate']:.0%} ({hi['industry']}) across the {len(shown)} "
                "industries with enough people to report."
            )
    depth = tables.get("cascade_depth")
    if depth is not None and len(depth):
        deep = depth[pd.to_numeric(depth["low"], errors="coerce") >= 2]["share"].dropna()
        n_deep = int((pd.to_numeric(depth["low"], errors="coerce") >= 2).sum())
        if len(deep) and len(deep) == n_deep:
            out.append(
                f"{deep.sum():.0%} of the seekers' referral cascades went two or more "
                "hand-offs deep: a name led to a conversation that led to another name."
            )
    for name, table in tables.items():
        if not name.startswith("compare_") or len(table) != 2:
            continue
        group = table.columns[0]
        m = table["mean"]
        if m.isna().any():
            continue
        diff = table[~table["is_reference"].astype(bool)]
        if diff.empty or pd.isna(diff["difference_ci_low"].iloc[0]):
            continue
        lo_ = float(diff["difference_ci_low"].iloc[0])
        hi_ = float(diff["difference_ci_high"].iloc[0])
        what = str(group).replace("_", "-")
        parts = [f"{v}: {float(x):.2f}" for v, x in zip(table[group], m, strict=True)]
        verdict = (
            "the 95% interval of the difference includes zero, so the data show no clear gap"
            if lo_ <= 0 <= hi_
            else "the 95% interval of the difference excludes zero"
        )
        out.append(f"Referrals per completed interview by {what} status ({'; '.join(parts)}): "
                   f"{verdict}.")  # fmt: skip
    return out[:5]


def _fill_report(
    rnet: ReferralNetwork,
    *,
    k: int,
    n_out: int,
    n_boot: int,
    seed: int,
) -> dict[str, bytes]:
    """Return the report's files (name to contents), index.html included."""
    from netgraph import plot

    rep = _Report()
    tables, period = _report_tables(rnet, k=k, n_boot=n_boot, seed=seed)
    funnel = tables["funnel"]
    roles = tables.get("cohorts_role")

    def pct(x: float | None) -> str:
        return _MARK if x is None else f"{x:.0%}"

    requested, completed = _value(funnel, "requested"), _value(funnel, "completed")
    alum = None
    if roles is not None and "alum" in set(roles["role"].astype(str)):
        r = int(np.flatnonzero(roles["role"].astype(str).to_numpy() == "alum")[0])
        alum = _value(roles, "engaged_share", r)
    headline = [
        {"value": f"{len(rnet.people):,}", "label": "people in the data"},
        {"value": _MARK if requested is None else f"{int(requested):,}",
         "label": "interviews requested"},
        {"value": pct(_value(funnel, "completed_share")), "label": "of requests completed"},
        {"value": _MARK if not completed else f"{len(rnet.referrals) / completed:.2f}",
         "label": "names passed on per completed interview"},
        {"value": pct(alum), "label": "of alumni approached engaged"},
    ]  # fmt: skip

    rep.section(
        "The interview funnel",
        "Interviews requested, completed, completed with at least one name passed on, and "
        "completed with a name that became an interview in turn. Each bar says its share of "
        "the previous step and of all requests; by the seeker's group where the data has "
        f"one, each group only when it holds at least {k} seekers.",
        shown=[("funnel", funnel, ["group", "requested", "completed", "with_referral",
                                   "referral_interviewed", "overall_share"])],
        linked=[(n, tables[n]) for n in tables if n.startswith("funnel_")],
        figures=[rep.figure("funnel", plot.plot_funnel, funnel,
                            "Bar chart of the interview funnel: requested, completed, with a "
                            "referral, referral interviewed, with counts and percentages")]
        + [rep.figure(n, plot.plot_funnel, tables[n],
                      f"Funnel {n.removeprefix('funnel_').replace('_', ' ')} status, "
                      "as a share of requests per group", values=["requested"])
           for n in tables if n.startswith("funnel_")],
    )  # fmt: skip

    comparisons = [n for n in tables if n.startswith("compare_")]
    if comparisons:
        rep.section(
            "Group comparisons: names passed on per interview",
            "Mean referrals received per completed interview among seekers, by group, with "
            "95% bootstrap intervals; the difference is taken from the largest group.",
            shown=[(n, tables[n], [tables[n].columns[0], "n", "mean", "ci_low", "ci_high",
                                    "difference"]) for n in comparisons],
            figures=[rep.figure(n, plot.plot_group_comparison, tables[n],
                                "Means with 95% intervals by "
                                f"{n.removeprefix('compare_').replace('_', ' ')} status",
                                values=["mean"], size=(7.5, 3.0)) for n in comparisons],
        )  # fmt: skip

    cohort_names = [n for n in tables if n.startswith("cohorts_") and n != "cohorts_over_time"]
    cohort_cols = ["n_people", "engaged_share", "interviews_requested", "interviews_given",
                   "response_rate", "referrals_given", "conversion_rate"]  # fmt: skip
    figures = []
    if "cohorts_industry" in tables:
        figures.append(rep.figure("response_rate_by_industry", plot.plot_response_rates,
                                  tables["cohorts_industry"],
                                  "Horizontal bars: response rate of each industry",
                                  values=["response_rate"], size=(7.5, 3.6)))  # fmt: skip
    rep.section(
        "Cohorts: who answers and who refers",
        "The people approached, by class year (5-year bands), industry, major and role: "
        "how many engaged (gave at least one interview or name), the share of requests "
        "they answered, and how many names they passed on. Rates are pooled over the cohort.",
        shown=[(n, tables[n], [tables[n].columns[0], *cohort_cols])
               for n in cohort_names if n in ("cohorts_grad_year", "cohorts_role")],
        linked=[(n, tables[n]) for n in cohort_names
                if n not in ("cohorts_grad_year", "cohorts_role")],
        figures=figures,
    )  # fmt: skip

    activity = tables["cohorts_over_time"]
    drawn = activity.assign(months_observed=_months_observed(rnet, activity["period"]))
    rep.section(
        "Activity over time",
        f"People active in each {period} (gave an interview or a name), by class-year decade, "
        "per month of data: the first and last periods are only partly in the data and are "
        "drawn hollow, so they do not look like a rise or a fall that is not there.",
        linked=[("cohorts_over_time", activity)],
        figures=[rep.figure("cohorts_over_time", plot.plot_cohorts_over_time, drawn,
                            "Lines: active people per month of data, by class-year decade")],
    )  # fmt: skip

    dist = tables["engagement_distribution"]
    depth, size = tables["cascade_depth"], tables["cascade_size"]
    rep.section(
        "Engagement and referral cascades",
        "Left: everyone approached, by engagement score (1 per interview given, 1 per name "
        "passed on, 2 more per name that became an interview, 0.5 per person further down "
        f"the cascades), neighbouring scores merged until each bar holds {k} people. Right: "
        "how many hand-offs deep each seeker's referral cascade went.",
        linked=[("engagement_distribution", dist), ("cascade_depth", depth),
                ("cascade_size", size)],
        figures=[
            rep.figure("engagement_distribution", plot.plot_engagement_distribution, dist,
                       "Histogram of engagement scores, bins of at least k people"),
            rep.figure("cascade_depth", plot.plot_cascade_depth, depth,
                       "Bars: share of cascades by depth in hand-offs"),
        ],
    )  # fmt: skip

    mixing = [n for n in tables if n.startswith("mixing_")]
    if "mixing" in tables:
        figures = []
        if "mixing_industry" in tables:
            matrix = tables["mixing_industry"].copy()
            matrix.attrs["attribute"] = "industry"
            figures.append(rep.figure(
                "mixing_industry", plot.plot_mixing, matrix,
                "Heatmap: share of acquaintance edges between industries", size=(7.5, 6.0),
            ))  # fmt: skip
        rep.section(
            "Who connects with whom",
            "Newman's assortativity: 1 when people connect only within their own group "
            "(major, industry, class years), 0 when they mix at random. The heatmap shows the "
            f"share of acquaintance edges between industries; a cell needs {k} people at "
            "each end.",
            shown=[("mixing", tables["mixing"], ["attribute", "graph", "assortativity",
                                                 "edges_used", "categories"])],
            linked=[(n, tables[n]) for n in mixing],
            figures=figures,
        )  # fmt: skip

    ref_day = rnet.reference_date
    methods = [
        "Data: the referral network as of the report's date, with every person who has "
        "not given research consent left out, together with every interview, referral and "
        "tie they took part in.",
        "Engagement of a person approached: interviews given, distinct seekers helped, names "
        "passed on, names that became interviews, and the people further down the cascades.",
        "Cascade: the tree of people reached for a seeker through interviews and the names "
        "passed on; depth counts hand-offs in a row, size counts people.",
        "Group comparisons: mean of each seeker's referrals per completed interview; "
        f"intervals from {n_boot:,} bootstrap resamples (seed {seed}).",
        "Assortativity: Newman (2003), 'Mixing patterns in networks', Physical Review E 67.",
    ]
    from netgraph.privacy import consent_recorded

    privacy = [
        f"{n_out} {'person' if n_out == 1 else 'people'} opted out of research (or gave no "
        f"consent) and {'is' if n_out == 1 else 'are'} left out entirely."
        + (
            ""
            if consent_recorded(rnet)
            else " This data records no consent decisions (no research_consent column), so "
            "everyone is included."
        ),
        "Only aggregate tables are published: no names, e-mails, notes or identifiers.",
        f"Every count of fewer than {k} people (distinct people, not rows) is hidden ({_MARK}), "
        "and so "
        "is every number computed from one; further cells are hidden where a hidden value "
        "could be worked out from totals, differences or a mean times its count (secondary "
        "suppression; NCES SLDS Technical Brief 3; the practice of sdcMicro and τ-ARGUS).",
        "CSV files are safe to open in a spreadsheet (no cell starts a formula).",
    ]
    index = rep.render(
        generator=_GENERATOR,
        as_of=f"{ref_day:%d %b %Y}",
        people=len(rnet.people),
        interviews=len(rnet.interviews),
        referrals=len(rnet.referrals),
        k=k,
        headline=headline,
        findings=_findings(tables, k),
        methods=methods,
        privacy=privacy,
        all_files=sorted(f for f in rep.files if f.endswith(".csv")),
    )
    rep.files["index.html"] = index.encode("utf-8")
    return rep.files


def _protection_groups(names: list[str]) -> list[list[str]]:
    """Tables protected together: those where one table's cells add up to another's.

    The overall funnel is the total of the funnels by group; a class-year decade over
    time adds up to two five-year class-year cohorts; a mixing summary's edges are the
    totals of its matrix. Every other table is protected against its own column totals.
    """
    groups: list[list[str]] = []
    funnels = [n for n in names if n.startswith("funnel")]
    years = [n for n in names if n in ("cohorts_grad_year", "cohorts_over_time")]
    done = set(funnels) | set(years)
    groups += [g for g in (funnels, years) if g]
    for name in names:
        if name.startswith("_mixing_summary_"):
            attribute = name.removeprefix("_mixing_summary_")
            groups.append([name, f"mixing_{attribute}"])
            done |= {name, f"mixing_{attribute}"}
    groups += [[n] for n in names if n not in done]
    return groups


def _link_bands(cohorts: TableSpec, activity: TableSpec) -> None:
    """Tell the protection that a class-year decade over time holds its 5-year cohorts.

    A reader knows that the activity of a decade, summed over periods, is the sum of
    its two five-year cohorts. Where a cohort is empty its cell has no unit that an
    activity cell could share, so a zero-valued unit is added to the cohort's cell and
    to one activity cell of its decade, and the relation is seen.
    """
    from netgraph.disclosure import Count

    decade_rows: dict[str, int] = {}
    for r, label in enumerate(activity.table["grad_year"]):
        if isinstance(label, str):
            decade_rows.setdefault(label[:3], r)
    for col in ("interviews_given", "referrals_given"):
        c_units, a_units = cohorts.counts[col].units, activity.counts[col].units
        extra_c, extra_a = [], []
        for r, label in enumerate(cohorts.table["grad_year"]):
            if not isinstance(label, str) or (c_units["row"] == r).any():
                continue
            if label[:3] in decade_rows:
                unit = ("\x00band", col, label)
                extra_c.append({"unit": unit, "row": r, "who": unit, "value": 0.0})
                extra_a.append(
                    {"unit": unit, "row": decade_rows[label[:3]], "who": unit, "value": 0.0}
                )
        if extra_c:
            measure = cohorts.counts[col].measure
            cohorts.counts[col] = Count(
                measure, pd.concat([c_units, pd.DataFrame(extra_c)], ignore_index=True)
            )
            activity.counts[col] = Count(
                measure, pd.concat([a_units, pd.DataFrame(extra_a)], ignore_index=True)
            )


def _report_tables(
    rnet: ReferralNetwork, *, k: int, n_boot: int, seed: int
) -> tuple[dict[str, pd.DataFrame], str]:
    """Build every table of the report and protect them together.

    Tables whose cells add up to one another are protected together
    (:func:`netgraph.disclosure.protect`, grouped by :func:`_protection_groups`), so a
    value hidden in one cannot be worked out from the other.
    """
    from netgraph.disclosure import protect

    cols = set(rnet.people.columns)
    specs = {
        "engagement_distribution": research._engagement_distribution_spec(
            rnet, "engagement_score", k
        )
    }
    for by, band in (("grad_year", 5), ("industry", None), ("major", None), ("role", None)):
        if by in cols:
            labels = research._key_labels(rnet, by, band=band, k=k)
            specs[f"cohorts_{by}"] = research._cohort_spec(rnet, labels, by)
    decades = research._key_labels(rnet, "grad_year", band=10, k=k)
    activity = research._activity_spec(rnet, decades, "grad_year", "Q")
    period = "quarter"
    (alone,) = protect([activity], k)
    if alone["active_people"].isna().mean() > 0.5:  # too thin by quarter: use years
        activity = research._activity_spec(rnet, decades, "grad_year", "Y")
        period = "year"
    specs["cohorts_over_time"] = activity
    if "cohorts_grad_year" in specs:
        _link_bands(specs["cohorts_grad_year"], activity)
    specs["funnel"] = research._funnel_spec(rnet, None, "seeker", None, k)
    group_columns = [col for col in _GROUP_COLUMNS if col in cols]
    for col in group_columns:
        specs[f"funnel_by_{col}"] = research._funnel_spec(rnet, col, "seeker", None, k)
    specs["cascade_depth"] = research._cascade_distribution_spec(rnet, "depth", "seeker", k)
    specs["cascade_size"] = research._cascade_distribution_spec(rnet, "size", "seeker", k)
    summaries = []
    for attribute, band in (("major", None), ("industry", None), ("grad_year", 5)):
        if attribute in cols:
            labels = research._key_labels(rnet, attribute, band=band, k=k, what="attribute")
            summary, matrix = research._mixing_specs(rnet, labels, attribute, research._GRAPHS)
            specs[f"_mixing_summary_{attribute}"] = summary
            specs[f"mixing_{attribute}"] = matrix
            summaries.append(attribute)
    for col in group_columns:
        spec, _ = research._compare_spec(
            rnet, col, "referrals_per_interview", "seeker", n_boot, seed, 0.95, k
        )
        specs[f"compare_{col}"] = spec
    protected: dict[str, pd.DataFrame] = {}
    for group in _protection_groups(list(specs)):
        tables = protect([specs[name] for name in group], k)
        protected.update(zip(group, tables, strict=True))
    protected = {name: protected[name] for name in specs}
    if summaries:
        parts = [protected.pop(f"_mixing_summary_{a}").assign(attribute=a) for a in summaries]
        summary = pd.concat(parts, ignore_index=True)
        summary = summary[["attribute", *[c for c in summary.columns if c != "attribute"]]]
        protected = {"mixing": summary, **protected}
    return protected, period


# ------------------------------------------------------------------- export
#: Edge attributes a pseudonymous export keeps, per graph (dates as YYYY-MM).
_EDGE_COLUMNS = {
    "acquaintance": ("strength", "n_interviews", "kinds", "last_contact"),
    "referral": ("kind", "status", "date", "seeker", "interview_id"),
}
_RESERVED_ATTRIBUTES = ("id", "label")  # GEXF and the CSV export use these for the node itself
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it and reads it back.

    Characters XML cannot hold (controls other than tab and line ends, U+FFFE, U+FFFF,
    lone surrogates) become U+FFFD; CR and CR LF become LF, as an XML reader would
    turn them anyway.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("\ufffd", text)


def _plain(value: object, *, months: bool = False) -> object:
    """Return a value GraphML and GEXF can store, or ``None`` to leave the attribute out."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.strftime("%Y-%m" if months else "%Y-%m-%d")
    if isinstance(value, (tuple, list, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        text = ";".join(str(v) for v in items)
        return text or None
    if isinstance(value, str):
        return value or None
    if isinstance(value, (bool, int, float)):
        return value
    return str(value) or None


def _plain_attrs(data: Mapping, keep: Sequence[str] | None, *, months: bool = False) -> dict:
    """Return the storable attributes of ``data``: all, or those named in ``keep``."""
    out = {}
    for key in data if keep is None else [c for c in keep if c in data]:
        v = _plain(data[key], months=months)
        if v is not None:
            out[str(key)] = v
    return out


def _xml_graph(g: nx.Graph) -> nx.Graph:
    """Return a copy of ``g`` whose ids, attribute names and texts XML can hold."""

    def clean(data: Mapping) -> dict:
        return {
            _xml_text(str(a)): _xml_text(v) if isinstance(v, str) else v for a, v in data.items()
        }

    ids = {n: _xml_text(str(n)) for n in g.nodes}
    if len(set(ids.values())) != len(ids):
        raise NetgraphError("two person ids differ only in characters XML cannot hold")
    out = g.__class__()
    out.add_nodes_from((ids[n], clean(d)) for n, d in g.nodes(data=True))
    if g.is_multigraph():
        edges = g.edges(keys=True, data=True)
        out.add_edges_from((ids[u], ids[v], _xml_text(str(k)), clean(d)) for u, v, k, d in edges)
    else:
        out.add_edges_from((ids[u], ids[v], clean(d)) for u, v, d in g.edges(data=True))
    return out


@dataclass(frozen=True)
class Export:
    """A graph made ready for publication (:func:`export_graph`), and where it went.

    Attributes
    ----------
    graph
        The graph as written: nodes are pseudonyms (or ids with identities), each
        with a ``label`` and the published attributes.
    audit
        What k-anonymity took (:class:`netgraph.privacy.Audit`); ``None`` with
        identities, where nothing is generalised.
    path
        The file or folder written, or ``None`` for :func:`export_graph`.
    """

    graph: nx.Graph
    audit: Audit | None
    path: Path | None = None

    def lines(self) -> list[str]:
        """Return the audit as lines of text (a note when identities were kept)."""
        if self.audit is None:
            return ["identities kept: nothing generalised or suppressed"]
        return self.audit.lines()


def export_graph(
    net: ReferralNetwork,
    *,
    graph: str = "acquaintance",
    key: str | bytes | None = None,
    columns: Sequence[str] = (),
    k: int = 5,
    include_identities: bool = False,
) -> Export:
    """Return a graph ready for GraphML, GEXF or CSV, k-anonymous on what it shows.

    People who opted out of research are left out (always). By default each node is
    a keyed-hash pseudonym (:func:`netgraph.privacy.pseudonym`), which is also its
    ``label``, and carries only the allow-listed attributes: role, industry and the
    class year in five-year bands (:data:`netgraph.privacy.DEFAULT_COLUMNS`), plus
    the people columns named in ``columns``. Every other column -- names, e-mails,
    notes, ``first_name``, ``student_id``, ``comments``, anything -- is left out,
    and identifying columns cannot be named (:func:`netgraph.privacy.is_identifying`).
    The published attributes are then generalised and suppressed until every
    combination of them is shared by at least ``k`` people
    (:func:`netgraph.privacy.k_anonymize`). Edges keep their kind, status, tie
    strength (as ``weight``, Gephi's edge weight) and the pseudonyms of the seeker
    and interview, with dates cut to the month (``YYYY-MM``).

    With ``include_identities`` (your own use, not for publishing) nodes are the
    ``person_id`` with the name as ``label``, the allow-listed and named columns are
    kept as they are, with no k-anonymity, and edges keep every attribute.

    Values are made storable: lists become ``;``-joined text, dates text, missing
    values are left out. (:func:`export` also replaces, in GraphML and GEXF, the
    characters XML cannot hold -- control characters, lone surrogates -- by U+FFFD,
    so the files always read back.)

    Parameters
    ----------
    net
        The network.
    graph
        ``"acquaintance"`` (undirected) or ``"referral"`` (who led to whom).
    key
        Pseudonym key (see :func:`netgraph.privacy.pseudonym_key`); ``None`` uses
        this session's random key.
    columns
        More people columns to publish (generalised like the others).
    k
        Every published combination of attributes is shared by at least ``k``
        people.
    include_identities
        Keep ids and names; no k-anonymity.

    Returns
    -------
    Export
        The graph (a new, unfrozen ``networkx.Graph`` or ``MultiDiGraph``) and the
        audit.

    Raises
    ------
    NetgraphError
        If ``graph`` is unknown, a column is missing, identifying or reserved
        (``id``, ``label``), or ``k`` is negative.

    Examples
    --------
    >>> import netgraph as ng
    >>> done = ng.export_graph(ng.load(), key="a long and secret key")
    >>> sorted({a for _, d in done.graph.nodes(data=True) for a in d})
    ['grad_year', 'industry', 'label', 'role']
    >>> done.audit.unique_after
    0
    """
    if graph not in ("acquaintance", "referral"):
        raise NetgraphError(f"unknown graph {graph!r}; expected 'acquaintance' or 'referral'")
    if isinstance(columns, str):
        columns = [columns]
    reserved = [c for c in columns if str(c).lower() in _RESERVED_ATTRIBUTES]
    if reserved:
        raise NetgraphError(
            f"column {reserved[0]!r} cannot be exported: 'id' and 'label' name the node itself"
        )
    people = net.people
    cols = [c for c in DEFAULT_COLUMNS if c in people.columns]
    if include_identities:
        extra = [str(c) for c in columns]
        missing = [c for c in extra if c not in people.columns]
        if missing:
            raise NetgraphError(f"no column {missing[0]!r} in the people table")
        cols += [c for c in extra if c not in cols]
        work = without_opted_out(net)
    else:
        cols += [c for c in _check_columns(people, columns, what="exported") if c not in cols]
        work = pseudonymize(net, key, columns=cols)
    source = work.acquaintance if graph == "acquaintance" else work.referral_graph
    nodes = list(source.nodes)
    table = work.people.loc[nodes, cols] if nodes else work.people.iloc[:0][cols]
    audit = None
    if not include_identities:
        table = k_anonymize(table, cols, k)
        audit = table.attrs["audit"]
    out = nx.MultiDiGraph() if graph == "referral" else nx.Graph()
    names = work.people["name"]
    for node, row in zip(nodes, table.to_dict("records"), strict=True):
        attrs = {"label": str(names[node] if include_identities else node)}
        attrs |= _plain_attrs(row, cols)
        out.add_node(node, **attrs)
    keep = None if include_identities else _EDGE_COLUMNS[graph]
    months = not include_identities
    if graph == "referral":
        for u, v, ek, data in source.edges(keys=True, data=True):
            out.add_edge(u, v, key=ek, **_plain_attrs(data, keep, months=months))
    else:
        for u, v, data in source.edges(data=True):
            shown = {c: x for c, x in data.items() if c != "evidence"}
            attrs = _plain_attrs(shown, keep, months=months)
            attrs["weight"] = float(data["strength"])
            out.add_edge(u, v, **attrs)
    return Export(out, audit)


def _edge_table(g: nx.Graph) -> pd.DataFrame:
    if g.is_multigraph():
        rows = [
            {"source": u, "target": v, "id": k, **d} for u, v, k, d in g.edges(keys=True, data=True)
        ]
    else:
        rows = [{"source": u, "target": v, **d} for u, v, d in g.edges(data=True)]
    return pd.DataFrame(
        rows, columns=list(dict.fromkeys(["source", "target", *(c for r in rows for c in r)]))
    )


def export(
    net: ReferralNetwork,
    path: str | Path,
    *,
    format: str | None = None,
    graph: str = "acquaintance",
    key: str | bytes | None = None,
    columns: Sequence[str] = (),
    k: int = 5,
    include_identities: bool = False,
    force: bool = False,
) -> Export:
    """Write a graph for Gephi, Cytoscape or a spreadsheet, k-anonymous by default.

    The graph is :func:`export_graph`: pseudonyms, the allow-listed attributes
    (role, industry, class-year band, and ``columns``) generalised until every
    combination is shared by ``k`` people, no one who opted out. ``"graphml"`` and
    ``"gexf"`` write one file; ``"csv"`` writes a folder ``path`` holding
    ``nodes.csv`` (column ``id`` then the attributes) and ``edges.csv``
    (``source``, ``target``, then the attributes), through
    :func:`netgraph.privacy.csv_text`. The extension of ``path`` picks the format
    (``.graphml``, ``.gexf``, ``.csv`` for the folder); without one, ``format`` does
    (default GraphML). An existing file is replaced only with ``force``; a table of
    the data folder the network was loaded from (``people.csv``, ...), or that folder
    itself, never is. Files are written to a temporary name and renamed into place;
    the two files of a CSV folder change together. The returned :class:`Export`
    carries the audit.

    Parameters
    ----------
    net
        The network.
    path
        The file (GraphML, GEXF) or folder (CSV) to write.
    format
        ``"graphml"``, ``"gexf"`` or ``"csv"``; must agree with the extension of
        ``path`` when it has one.
    graph
        ``"acquaintance"`` or ``"referral"``.
    key
        Pseudonym key; ``None`` uses this session's random key, so pseudonyms
        differ between sessions -- pass a secret key (at least 16 bytes, from a
        file or the environment: :func:`netgraph.privacy.pseudonym_key`) to keep
        them stable.
    columns
        More people columns to publish.
    k
        Smallest group of people any combination of published attributes describes.
    include_identities
        Keep ids and names; no k-anonymity (your own use).
    force
        Replace an existing file (never one of the input tables).

    Returns
    -------
    Export
        The graph written, its audit and ``path``.

    Raises
    ------
    OutputError
        If ``path`` exists and ``force`` is not given, is an input table or the data
        folder, is read-only, or cannot be written (under a file, a full disk).
    NetgraphError
        If the format, its extension or the graph is unknown, the format and the
        extension disagree, or a column cannot be exported.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import netgraph as ng
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "network.gexf"
    >>> done = ng.export(ng.load(), path)
    >>> done.path.is_file(), done.audit.smallest_group >= 5
    (True, True)
    >>> ng.export(ng.load(), path)
    Traceback (most recent call last):
    ...
    netgraph.errors.OutputError: ... exists; pass force=True (--force) to replace it
    """
    path = Path(path)
    format = _export_format(path, format)
    _check_export_destination(net, path, format, force=force)
    done = export_graph(
        net, graph=graph, key=key, columns=columns, k=k, include_identities=include_identities
    )
    g = done.graph
    if format in ("csv", "xlsx"):
        keys = dict.fromkeys(c for _, d in g.nodes(data=True) for c in d)
        order = ["label", *map(str, net.people.columns)]
        cols = ["id", *[c for c in order if c in keys], *[c for c in keys if c not in order]]
        nodes = pd.DataFrame([{"id": n, **d} for n, d in g.nodes(data=True)], columns=cols)
    if format == "xlsx":  # one workbook, text cells neutralized like the CSV export's
        from netgraph.sources.excel import workbook_bytes

        sheets = {"nodes": spreadsheet_safe(nodes), "edges": spreadsheet_safe(_edge_table(g))}
        _write_export_file(path, workbook_bytes(sheets))
        return Export(g, done.audit, path)
    if format == "csv":
        files = {
            "nodes.csv": _csv_text(nodes).encode("utf-8"),
            "edges.csv": _csv_text(_edge_table(g)).encode("utf-8"),
        }
        _write_export_folder(path, files)
        return Export(g, done.audit, path)
    buf = io.BytesIO()
    xml = _xml_graph(g)  # only characters XML can hold: the file always reads back
    if format == "graphml":
        nx.write_graphml(xml, buf, named_key_ids=True)
    else:
        nx.write_gexf(xml, buf)
    _write_export_file(path, buf.getvalue())
    return Export(g, done.audit, path)


# ------------------------------------------------------- export destination
_EXTENSIONS = {".graphml": "graphml", ".gexf": "gexf", ".csv": "csv", ".xlsx": "xlsx"}
_CSV_FILES = ("nodes.csv", "edges.csv")


def _export_format(path: Path, format: str | None) -> str:
    """Return the format for ``path``: its extension's, which ``format`` must not contradict."""
    if format is not None and format not in EXPORT_FORMATS:
        raise NetgraphError(
            f"unknown format {format!r}; expected one of {', '.join(EXPORT_FORMATS)}"
        )
    ext = path.suffix.lower()
    if ext in _EXTENSIONS:
        implied = _EXTENSIONS[ext]
        if format is not None and format != implied:
            raise NetgraphError(
                f"format {format!r} clashes with the extension of {path.name!r} ({implied}); "
                f"name the file {path.stem}.{format}, or leave the format out"
            )
        return implied
    if ext:
        raise NetgraphError(
            f"unknown extension {ext!r} of {path.name!r}; use .graphml, .gexf or .xlsx (a file), "
            ".csv (a folder of nodes.csv and edges.csv), or no extension and a format"
        )
    return format or "graphml"


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return a.samefile(b)
    except OSError:
        return False


def _check_export_destination(
    net: ReferralNetwork, path: Path, format: str, *, force: bool
) -> None:
    """Refuse an export over the input data, or over a file without ``force``."""
    from netgraph.load import SCHEMAS

    targets = [path, *(path / f for f in _CSV_FILES)] if format == "csv" else [path]
    source = Path(net.source) if net.source else None
    inputs: list[tuple[Path, str]] = []
    if source is not None and source.is_dir():
        inputs = [
            (source, "the data folder"),
            *((source / s.file, f"{s.file} of the data folder") for s in SCHEMAS.values()),
        ]
    elif source is not None and source.exists():  # a workbook or database file
        inputs = [(source, "the data file")]
    for target in targets:
        for given, what in inputs:
            if _same_file(target, given):
                raise OutputError(
                    f"refusing to write {target}: it is {what} {source}, the data being "
                    "exported (never overwritten, even with --force); choose another name"
                )
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{parent} is a file; cannot write {path} under it")
            if _journal.read_only(parent) and not (path.exists() and format == "csv"):
                raise OutputError(f"{parent} is read-only; cannot write {path}")
            break
    if format == "csv":
        if path.exists() and not path.is_dir():
            raise OutputError(f"{path} is a file; CSV export writes a folder")
        existing = [path / f for f in _CSV_FILES if (path / f).exists()]
    else:
        if path.is_dir():
            raise OutputError(f"{path} is a folder; give a file name for {format}")
        existing = [path] if path.exists() or path.is_symlink() else []
    if existing and not force:
        raise OutputError(f"{existing[0]} exists; pass force=True (--force) to replace it")
    for file in existing:
        if _journal.read_only(_journal.target(file.parent, file.name)):
            raise OutputError(f"{file} is read-only; make it writable (chmod u+w) to replace it")


def _write_export_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (a link's target, when it is one) atomically."""
    final = _journal.target(path.parent, path.name)
    _remove_stale_temps(final)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(final, lambda fh: fh.write(data), binary=True)
    except OSError as exc:
        raise _journal.refused(path, exc, "write") from None


def _write_export_folder(path: Path, files: dict[str, bytes]) -> None:
    """Write the CSV export folder: new, built beside and renamed; else both files at once."""
    if not path.exists():
        _remove_stale_temps(path)
        tmp = _temp_name(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.mkdir()
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            tmp.rename(path)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise _journal.refused(path, exc, "write") from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return
    with _journal.locked(path, what="folder"):
        _journal.commit(path, files)
