"""Tables for people to read: the notebooks show every frame through :func:`readable`.

The analyses return frames meant for further work: tuples of industries, shares as
fractions with all their digits, labels such as ``follow_up_overdue``, missing values
as ``None``, ``NaN``, ``<NA>`` or ``NaT``. :func:`readable` turns such a frame into one
of texts for display, without changing the frame it was given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import pandas as pd

__all__ = ["readable"]

#: Column names read as shares (shown as percentages): ``share``, ``rate`` or ending
#: in ``_share`` / ``_rate`` (``response_rate``, ``completed_share``).
SHARE_COLUMN = re.compile(r"(^|_)(share|rate)$")
#: A label written as an identifier: lower-case words joined by underscores.
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
#: Words that stay hyphenated once the underscores are gone.
_COMPOUNDS = {"follow up": "follow-up", "thank you": "thank-you", "no show": "no-show"}


def _words(label: str) -> str:
    """Write ``follow_up_overdue`` as ``follow-up overdue``; leave other texts unchanged."""
    if not _SNAKE.match(label):
        return label
    text = label.replace("_", " ")
    for plain, joined in _COMPOUNDS.items():
        text = re.sub(rf"\b{plain}\b", joined, text)
    return text


def _heading(name: object) -> object:
    """Write a heading in words: ``n_people`` -> ``people``, ``due_date`` -> ``due date``."""
    if not isinstance(name, str):
        return name
    if name.startswith("n_") and len(name) > 2:
        name = name[2:]
    return _words(name) if "_" in name else name


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _cell(value: object, *, percent: bool, digits: int, missing: str, whole: bool = True) -> str:
    if isinstance(value, (tuple, list, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        shown = [_cell(v, percent=False, digits=digits, missing="") for v in items]
        return ", ".join(s for s in shown if s) or missing
    if _missing(value):
        return missing
    if isinstance(value, bool) or (hasattr(value, "dtype") and str(value.dtype) == "bool"):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        if value == value.normalize():
            return f"{value.day} {value:%b %Y}"
        return f"{value.day} {value:%b %Y %H:%M}"
    if isinstance(value, (int, float)) or pd.api.types.is_number(value):
        number = float(value)
        if percent:
            return f"{number:.0%}" if abs(number) >= 0.01 or number == 0 else "<1%"
        if whole and number == int(number) and abs(number) < 1e15:
            return f"{int(number):,}" if abs(number) >= 10_000 else str(int(number))
        return f"{number:.{digits}f}"
    if isinstance(value, str):
        return _words(value.strip())
    return str(value)


def readable(
    frame: pd.DataFrame | pd.Series,
    *,
    digits: int = 2,
    percent: Iterable[str] | None = None,
    missing: str = "—",
    unknown: str | None = None,
) -> pd.DataFrame:
    """Return a copy of a table with every cell written for a person to read.

    * lists and tuples joined with commas (``('Manufacturing',)`` -> ``Manufacturing``),
      an empty one shown as ``missing``;
    * shares as whole percentages (``0.161017`` -> ``16%``): the columns named in
      ``percent``, by default those called ``share`` or ``rate`` or ending in ``_share``
      or ``_rate``;
    * other fractions rounded to ``digits`` decimals, whole numbers without decimals;
    * identifier-like labels in words (``follow_up`` -> ``follow-up``,
      ``this_week`` -> ``this week``), in the cells, the column headings (``n_people``
      -> ``people``) and the index;
    * dates as ``29 Nov 2024``; ``True`` / ``False`` as yes / no;
    * every missing value (``None``, ``NaN``, ``<NA>``, ``NaT``, an empty text) as
      ``missing``; in text columns as ``unknown`` when given (``"not recorded"`` for a
      group nobody recorded, while a blanked count stays ``missing``).

    A default integer index (0, 1, 2, ...) is replaced by blanks, since it numbers
    nothing the reader needs. The frame passed in is not changed.

    Parameters
    ----------
    frame
        Any table (a Series is shown as a one-column table).
    digits
        Decimals kept for numbers that are not shares.
    percent
        Columns shown as percentages; ``None`` picks them by name (see above).
    missing
        What a missing value reads as.
    unknown
        What a missing value in a text column reads as (default: ``missing``).

    Returns
    -------
    pandas.DataFrame
        The same rows and columns, in the same order, every cell a text; headings and
        index labels in words.

    Examples
    --------
    >>> import pandas as pd
    >>> from netgraph.display import readable
    >>> table = pd.DataFrame({
    ...     "kind": ["follow_up", "thank_you"],
    ...     "industries_lost": [("Manufacturing",), ()],
    ...     "share": [0.161017, 0.05],
    ...     "strength": [0.8734, None],
    ... })
    >>> readable(table).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'kind': ['follow-up', 'thank-you'], 'industries lost': ['Manufacturing', '—'],
     'share': ['16%', '5%'], 'strength': ['0.87', '—']}
    """
    table = frame.to_frame() if isinstance(frame, pd.Series) else frame
    chosen = (
        {c for c in table.columns if isinstance(c, str) and SHARE_COLUMN.search(c)}
        if percent is None
        else set(percent)
    )
    columns = {}
    for name in table.columns:
        column = table[name]
        text = not pd.api.types.is_numeric_dtype(column.dtype) and not (
            pd.api.types.is_datetime64_any_dtype(column.dtype)
        )
        blank = unknown if (text and unknown is not None) else missing
        # whole numbers (a float column only because of gaps) without decimals; a
        # column of fractions with the same decimals throughout (1.00 beside 0.87)
        numbers = pd.to_numeric(column, errors="coerce") if not text else None
        whole = numbers is None or bool(((numbers.dropna() % 1) == 0).all())
        columns[len(columns)] = [
            _cell(v, percent=name in chosen, digits=digits, missing=blank, whole=whole)
            for v in column
        ]
    out = pd.DataFrame(columns, index=table.index, dtype=object)
    out.columns = [_heading(c) for c in table.columns]
    if isinstance(table.index, pd.RangeIndex) and table.index.start == 0 and table.index.step == 1:
        out.index = pd.Index([""] * len(out))
    else:
        out.index = pd.Index(
            [
                _cell(v, percent=False, digits=digits, missing=unknown or missing)
                for v in table.index
            ],
            name=_heading(table.index.name),
        )
    return out
