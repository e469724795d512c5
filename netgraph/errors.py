"""The exception hierarchy of netgraph.

Every error netgraph raises on purpose derives from :class:`NetgraphError`, so a
caller (and the CLI) can catch the one base class. :class:`DataError` carries every
problem found in a data folder at once, each with file, line, column, value and what
was expected. :class:`UnknownPerson` names the query and the closest matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "BadDate",
    "DataError",
    "NetgraphError",
    "NoRoute",
    "OutputError",
    "Problem",
    "UnknownPerson",
    "UnknownTarget",
]


class NetgraphError(Exception):
    """Base class of every error netgraph raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the user's data.

    Attributes
    ----------
    file
        File name as the user knows it (``people.csv``), or ``sheet people`` in a
        workbook, ``table people`` in a database.
    line
        Line number as a spreadsheet shows it: the header is line 1, the first
        data row line 2 (a sheet's row as Excel numbers it; a database table's row
        in stored order, from 1). ``None`` when the problem concerns the whole file.
    column
        Column name, or ``None`` when the problem concerns a whole row or file.
    value
        The offending value as it appeared in the file (may be empty).
    expected
        What was expected instead, in plain words.
    """

    file: str
    line: int | None
    column: str | None
    value: str
    expected: str

    def __str__(self) -> str:
        """Render as ``file:line: column 'col': got 'value'; expected ...``."""
        if self.line is None:
            where = self.file
        elif self.file.startswith(("sheet ", "table ")):  # a workbook's or database's rows
            where = f"{self.file}, row {self.line}"
        else:
            where = f"{self.file}:{self.line}"
        col = f" column {self.column!r}:" if self.column else ""
        if not self.value and self.line is None:
            return f"{where}:{col} expected {self.expected}"
        value = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return f"{where}:{col} got {value!r}; expected {self.expected}"


class DataError(NetgraphError):
    """The data could not be loaded; ``problems`` lists every problem found.

    Parameters
    ----------
    problems
        The problems, reported together so a user can fix them in one pass.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(
            problems, key=lambda p: (p.file, p.line or 0, p.column or "", p.value)
        )
        super().__init__(self._message())

    def _message(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the data:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class UnknownPerson(NetgraphError, KeyError):
    """A person given by id or name is not in the network, or the name is ambiguous.

    Parameters
    ----------
    query
        What the user typed.
    matches
        Close matches (``"p004 (Dana Ortiz)"``), best first.
    ambiguous
        True when the name matched several people.
    """

    def __init__(self, query: str, matches: Sequence[str] = (), *, ambiguous: bool = False):
        self.query = query
        self.matches = list(matches)
        self.ambiguous = ambiguous
        super().__init__(query)

    def __str__(self) -> str:
        """Explain what went wrong and list the candidates."""
        if self.ambiguous:
            return (
                f"{self.query!r} matches several people: "
                + ", ".join(self.matches)
                + "; give an id or more of the name"
            )
        msg = f"no person {self.query!r} in the network"
        if self.matches:
            msg += " (did you mean: " + ", ".join(self.matches) + "?)"
        return msg


class UnknownTarget(NetgraphError, ValueError):
    """A target (``industry=...``, ``organization=...``, ``role=...``, ``tag=...``) matches
    nobody in the network, or its key is not one netgraph knows.

    The message names the values that do exist, closest first.
    """  # noqa: D205


class OutputError(NetgraphError):
    """A file or folder cannot be written safely, so nothing was written.

    Raised when a destination holds files netgraph did not write, is one of the
    input tables, exists and ``force`` was not given, is read-only, or when the
    operating system refuses the write (a full disk, a path under a file). The
    message names the file and the reason.
    """


class NoRoute(NetgraphError):
    """The target exists but nobody matching it is within reach of the seeker."""


class BadDate(NetgraphError, ValueError):
    """A date given to the library or the CLI (``as_of``, ``today``, ``--as-of``) is not
    a real, unambiguous day from 1900 to 2200 (see :mod:`netgraph._dates`).
    """  # noqa: D205
