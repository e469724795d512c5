"""Strict date parsing, shared by the loader, the library's ``as_of`` and the CLI.

One set of rules for every date netgraph reads, whether from a CSV cell, a library
argument (``as_of=``, ``today=``) or a command-line option (``--as-of``, ``--today``):

* ISO ``2025-03-14``, optionally with a real time of day (``2025-03-14T09:30``,
  ``2025-03-14 09:30:00``, ``...T09:30:00.5Z``, ``...+01:00``; hours 00-23, minutes
  and seconds 00-59); the day is kept, the time dropped;
* ``2025/03/14``;
* day/month/year or month/day/year with ``/`` or ``.`` **only when one reading alone
  is a real date** (``31/03/2025``, ``3/31/2025``); ``01/03/2025`` could be 1 March or
  3 January and is refused, never guessed;
* month names (``14 Mar 2025``, ``March 14, 2025``);
* Excel serial day numbers from 20000 to 80000 (1954-2119), as spreadsheets export
  dates;
* years 1900 to 2200 only (pandas holds nanosecond timestamps from 1677 to 2262;
  a date outside the range is a mistake, not history).

Impossible dates (``2025-02-30``, ``2024-01-01T25:99``) are refused with what was
expected. :func:`parse_dates` parses a column and says why each bad value is bad (the
loader turns these into :class:`~netgraph.errors.Problem` entries); :func:`parse_date`
parses one value and raises :class:`~netgraph.errors.BadDate`.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from netgraph.errors import BadDate

__all__ = ["EARLIEST", "LATEST", "parse_date", "parse_dates"]

EARLIEST, LATEST = pd.Timestamp("1900-01-01"), pd.Timestamp("2200-12-31")
"""The first and last day accepted anywhere."""

_TIME = r"(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?"
_ISO = rf"^(\d{{4}}-\d{{1,2}}-\d{{1,2}})(?:[T ]{_TIME})?$"
_ISO_LIKE = r"^\d{4}-\d{1,2}-\d{1,2}(?:[T ].*)?$"
_YMD_SLASH = r"^\d{4}/\d{1,2}/\d{1,2}$"
_DMY = r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$"
_NAMED = r"^(?:\d{1,2}[ -][A-Za-z]{3,9}\.?[ -]\d{4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4})$"
_SERIAL = r"^\d{5}(?:\.\d+)?$"
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_REAL = "a real calendar date as YYYY-MM-DD"
_REAL_TIME = f"{_REAL}, optionally with a real time of day (HH:MM or HH:MM:SS, 00:00-23:59)"
_RANGE = "a date between 1900 and 2200"


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column of dates by the rules of this module; say why each bad one is bad.

    Parameters
    ----------
    values
        Text, already stripped; ``""`` is a missing date (neither parsed nor bad).

    Returns
    -------
    tuple of pandas.Series
        The days (``datetime64[ns]``, midnight; NaT where missing or bad) and, per
        value, ``""`` or what was expected instead.

    Examples
    --------
    >>> days, why = parse_dates(pd.Series(["2025-03-14", "01/03/2025", "2024-01-01T25:99"]))
    >>> days.dt.strftime("%Y-%m-%d").tolist()[0], why.tolist()[0]
    ('2025-03-14', '')
    >>> why[1]
    'an unambiguous date: this could be 1 March or 3 January; write YYYY-MM-DD'
    >>> why[2].startswith("a real calendar date as YYYY-MM-DD, optionally with a real time")
    True
    """
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    why = pd.Series("", index=values.index, dtype=object)
    todo = values.ne("")

    def fill(mask: pd.Series, parsed: pd.Series, reason: str) -> None:
        in_range = parsed.between(EARLIEST, LATEST)
        out.loc[mask & in_range] = parsed[mask & in_range].astype("datetime64[ns]")
        why.loc[mask & parsed.isna()] = reason
        why.loc[mask & parsed.notna() & ~in_range] = _RANGE

    iso_like = todo & values.str.match(_ISO_LIKE)
    iso = pd.Series(False, index=values.index)
    if iso_like.any():
        parts = values.where(iso_like).str.extract(_ISO)
        clock = parts[[1, 2, 3, 4, 5]].astype(float)
        limits = pd.Series([23, 59, 59, 23, 59], index=clock.columns)
        real_time = ~clock.gt(limits, axis=1).any(axis=1)
        iso = iso_like & parts[0].notna() & real_time
        why.loc[iso_like & ~iso] = _REAL_TIME
        if iso.any():
            parsed = pd.to_datetime(parts[0].where(iso), format="%Y-%m-%d", errors="coerce")
            fill(iso, parsed, _REAL)
    slash = todo & values.str.match(_YMD_SLASH)
    if slash.any():
        parsed = pd.to_datetime(
            values.where(slash).str.replace("/", "-"), format="%Y-%m-%d", errors="coerce"
        )
        fill(slash, parsed, _REAL)
    dmy = todo & values.str.match(_DMY)
    if dmy.any():
        parts = values.where(dmy).str.extract(_DMY).astype(float)
        a, b, y = parts[0], parts[1], parts[2]
        day_first = (a > 12) & (b <= 12)
        month_first = (b > 12) & (a <= 12)
        same = (a == b) & (a <= 12)
        day = a.where(day_first | same, b)
        month = b.where(day_first | same, a)
        ok = dmy & (day_first | month_first | same)
        parsed = pd.to_datetime(
            pd.DataFrame({"year": y, "month": month, "day": day}).where(ok), errors="coerce"
        )
        fill(ok, parsed, _REAL)
        ambiguous = dmy & ~ok & (a <= 12) & (b <= 12)
        why.loc[ambiguous] = [
            f"an unambiguous date: this could be {int(x)} {_MONTHS[int(z) - 1]} or "
            f"{int(z)} {_MONTHS[int(x) - 1]}; write YYYY-MM-DD"
            for x, z in zip(a[ambiguous], b[ambiguous], strict=True)
        ]
        why.loc[dmy & ~ok & ~ambiguous] = _REAL
    named = todo & values.str.match(_NAMED)
    if named.any():
        parsed = pd.to_datetime(values.where(named), format="mixed", errors="coerce")
        fill(named, parsed.dt.normalize(), _REAL)
    serial = todo & values.str.match(_SERIAL)
    if serial.any():
        days = pd.to_numeric(values.where(serial), errors="coerce")
        in_range = serial & days.between(20000, 80000)
        parsed = _EXCEL_EPOCH + pd.to_timedelta(days.where(in_range).floordiv(1), unit="D")
        fill(in_range, parsed, _REAL)
        why.loc[serial & ~in_range] = "a date as YYYY-MM-DD (or an Excel day number 20000-80000)"
    rest = todo & ~(iso_like | slash | dmy | named | serial)
    why.loc[rest] = "a date as YYYY-MM-DD"
    return out, why


def parse_date(value: object, *, name: str = "date") -> pd.Timestamp:
    """Parse one day by the rules of this module (those of the loader).

    Parameters
    ----------
    value
        Text (``"2025-03-14"``, ``"14 Mar 2025"``, ...), or a ``datetime.date``,
        ``datetime.datetime``, ``numpy.datetime64`` or ``pandas.Timestamp`` (its
        calendar day is kept; a time zone is dropped, not converted).
    name
        What the value is (``"as_of"``, ``"--today"``), for the message.

    Returns
    -------
    pandas.Timestamp
        Midnight of that day, in nanoseconds (comparable with every date column).

    Raises
    ------
    BadDate
        If the value is not a date, is ambiguous or impossible, or lies outside
        1900-2200; the message names ``name``, the value and what was expected.

    Examples
    --------
    >>> parse_date("2025-03-14T09:30")
    Timestamp('2025-03-14 00:00:00')
    >>> parse_date("01/03/2025", name="--as-of")
    Traceback (most recent call last):
    ...
    netgraph.errors.BadDate: --as-of: got '01/03/2025'; expected an unambiguous date: \
this could be 1 March or 3 January; write YYYY-MM-DD
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise BadDate(f"{name}: got an empty value; expected a date as YYYY-MM-DD")
        days, why = parse_dates(pd.Series([text], dtype=object))
        if why.iloc[0]:
            raise BadDate(f"{name}: got {value!r}; expected {why.iloc[0]}")
        return pd.Timestamp(days.iloc[0])
    if isinstance(value, (dt.date, np.datetime64)):  # datetime and Timestamp included
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, OverflowError):
            stamp = pd.NaT
        if pd.isna(stamp):
            raise BadDate(f"{name}: got {value!r}; expected a date as YYYY-MM-DD")
        if not EARLIEST.year <= stamp.year <= LATEST.year:
            raise BadDate(f"{name}: got {stamp.isoformat()[:10]}; expected {_RANGE}")
        return pd.Timestamp(stamp.year, stamp.month, stamp.day).as_unit("ns")
    raise BadDate(f"{name}: got {value!r}; expected a date as YYYY-MM-DD")
