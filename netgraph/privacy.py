"""Privacy protections for research outputs and exports.

Exports never carry formulas: a spreadsheet runs a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV injection, OWASP),
so such text cells are prefixed with a single quote, which spreadsheets show as
text.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["FORMULA_PREFIXES", "spreadsheet_safe"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _neutralize(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``table`` whose text cells a spreadsheet will not run as formulas.

    Text cells (and column names) starting with ``=``, ``+``, ``-``, ``@``, tab or
    carriage return get a leading ``'``. Numbers are left alone, so a negative
    number stays a number.

    Parameters
    ----------
    table
        Any table about to be written as CSV.

    Returns
    -------
    pandas.DataFrame
        The neutralized copy; ``table`` is unchanged.

    References
    ----------
    OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> import pandas as pd
    >>> spreadsheet_safe(pd.DataFrame({"note": ["=1+2", "ok"], "n": [-1, 2]}))
         note  n
    0  '=1+2 -1
    1      ok  2
    """
    out = table.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_neutralize)
    out.columns = [_neutralize(str(c)) for c in out.columns]
    return out
