"""Small-cell protection of published aggregate tables: primary and secondary suppression.

Every research table netgraph publishes (:mod:`netgraph.research`, the report of
:mod:`netgraph.report`) goes through :func:`protect`, which applies these rules:

1. **Threshold on distinct people (primary suppression).** A count cell is hidden
   when fewer than ``k`` *distinct people* contribute to it (default 5; NCES SLDS
   Technical Brief 3 recommends a minimum group size, most states use 5 to 30). The
   people are the ones the cell describes: the members of a cohort for a count of
   people, the contacts who gave them for a count of interviews given, the seekers
   for a funnel grouped by the seeker's group, *both* ends for a mixing cell (each
   end must hold ``k`` people). A cell of zero has no contributors and is hidden too
   (a zero, like a 100 % share, tells something about every member of the group).
   So twenty interviews given by three people are hidden, and a group of four seekers
   is hidden however many interviews they asked for.
2. **Derived statistics go with their cell.** A share, rate, mean, interval or
   difference is hidden when any count it is computed from is hidden (a published
   mean times a published n gives the hidden sum back: ``0.875 × 8 = 7``).
3. **Differences of nested counts are cells too.** Where one count is part of
   another in the same row (completed interviews of the requested ones, engaged
   people of a cohort, converted referrals of those given), the difference is an
   implicit cell: when it has fewer than ``k`` people (a response rate of 100 % makes
   it zero), one of the two counts is hidden.
4. **Secondary (complementary) suppression, checked by linear algebra.** The reader
   is assumed to know the total of every count column of more than ``k`` people (the
   report prints the numbers of people, interviews and referrals) and every visible
   cell of the tables published together. Each count is a sum over *inner cells* --
   the finest groups of people, interviews or referrals that those tables tell apart
   (an empty cell is an inner cell of its own, so a hidden zero is protected like any
   other value). No hidden cell (small, or hidden to protect a small one) and no
   implicit difference cell of fewer than ``k`` people may be a linear combination
   of the visible cells and totals: otherwise the reader could compute it (a total minus the visible
   rows, a decade as the sum of its five-year bands minus the visible one, ...).
   While one is, the cheapest visible cell taking part in the combination (the
   smallest count, zeros last) is hidden as well, and the check is repeated. This is
   the secondary suppression of τ-ARGUS and sdcTable, with the exact test of
   Langsrud's Gaussian-elimination method (a hidden cell must not lie in the span
   of the published ones); for one table grouped one way it comes down to the
   familiar rule "no row or column with exactly one hidden cell".
5. **Audit with bounds.** Counts are not negative, so two hidden zeros whose sum is
   known are both known. Each protected cell's smallest and largest possible values
   are computed by linear programming (SciPy's HiGHS) over the inner cells; while one
   lies in a range narrower than 1, the smallest non-zero visible cell of its column
   is hidden too.

What it does not do: a hidden cell is kept from being computed or pinned, not from
being narrowed (the other cells can still put it in a range, such as "at most 6"); a
person who knows their *own* contribution to a hidden cell knows more than an
outsider; tables protected in separate calls (published at different times, with
different ``k``, or two library calls) are not checked against each other -- the
report protects together the tables that add up to one another.

References
----------
National Center for Education Statistics, *Statistical Methods for Protecting
Personally Identifiable Information in Aggregate Reporting*, SLDS Technical Brief 3,
NCES 2011-603, 2010.

A. Hundepool, J. Domingo-Ferrer, L. Franconi, S. Giessing, E. Schulte Nordholt,
K. Spicer and P.-P. de Wolf, *Statistical Disclosure Control*, Wiley, 2012, ch. 4-5
(the threshold rule, secondary suppression in τ-ARGUS).

Ø. Langsrud, "Secondary Cell Suppression by Gaussian Elimination: An Algorithm
Suitable for Handling Issues with Zeros and Singletons", *Privacy in Statistical
Databases*, LNCS 14915, 2024 (the SSBtools/GaussSuppression package).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from netgraph.errors import NetgraphError

__all__ = ["IDENTIFYING_KEYS", "Count", "TableSpec", "check_grouping_key", "protect", "units_frame"]

#: Grouping keys refused by the research tables: a row per value would name people.
IDENTIFYING_KEYS = re.compile(
    r"^(?:person_?id|id|name|first_?name|last_?name|full_?name|given_?name|surname|"
    r"student_?id|notes?|comments?|dob|date_?of_?birth|birth_?date|ssn|e_?mail|phone|"
    r"mobile|cell|address|url|linkedin|referral_?id|interview_?id)$"
    r"|e-?mail|phone|linkedin|address|url|website|birth|ssn|passport|_id$|notes|comment",
    re.IGNORECASE,
)


def check_grouping_key(people: pd.DataFrame, column: str, *, k: int) -> None:
    """Refuse a people column that identifies people as a grouping key.

    A key is refused when its name says it identifies (``name``, ``email``,
    ``person_id``, ``notes``, ``first_name``, ``student_id``, ...; see
    :data:`IDENTIFYING_KEYS`) or when, among at least ``k`` people with a value,
    every value is held by one person only (a key that is a name under another
    name; checked from 20 people, or ``2k``).

    Parameters
    ----------
    people
        The people table (indexed by ``person_id``).
    column
        The proposed grouping key.
    k
        The threshold of the table (the uniqueness test needs ``k`` people).

    Raises
    ------
    NetgraphError
        If the column identifies people.

    Examples
    --------
    >>> import netgraph as ng
    >>> check_grouping_key(ng.load().people, "industry", k=5)
    >>> check_grouping_key(ng.load().people, "name", k=5)
    Traceback (most recent call last):
    ...
    netgraph.errors.NetgraphError: 'name' identifies people and cannot group a published table ...
    """
    norm = re.sub(r"[\s\-]+", "_", str(column).strip())
    why = None
    if IDENTIFYING_KEYS.search(norm):
        why = "its name says it identifies people"
    elif column in people.columns:
        values = people[column]
        values = values[values.notna() & values.astype(str).str.strip().ne("")]
        if len(values) >= max(2 * k, 20) and values.astype(str).nunique() == len(values):
            why = "every person has a value of their own"
    if why:
        raise NetgraphError(
            f"{column!r} identifies people and cannot group a published table ({why}); "
            "group by role, grad_year, industry, major or another shared attribute"
        )


@dataclass(frozen=True)
class Count:
    """What a count column of a table counts, unit by unit.

    Attributes
    ----------
    measure
        The kind of unit counted (``"person"``, ``"interview"``, ``"referral"``...).
        Columns of the same measure count from one pool of units, identified by
        ``units["unit"]``, so :func:`protect` sees that two tables count the same
        interviews.
    units
        One row per unit counted in the column: ``unit`` (its id within the
        measure), ``row`` (the table row, by position, it is counted in), ``value``
        (its contribution; 1 for a plain count) and the people columns.
    people
        Columns of ``units`` holding the person ids a cell describes; a cell needs
        ``k`` distinct people in each (units with a zero value do not count).
    """

    measure: str
    units: pd.DataFrame
    people: tuple[str, ...] = ("who",)


@dataclass
class TableSpec:
    """A table to publish and how its cells are made (see :func:`protect`).

    Attributes
    ----------
    name
        The table's name (for messages).
    table
        The table with every value (count columns whole numbers).
    counts
        For each count column, what it counts.
    derived
        For each column computed from others in the same row, those columns.
    nested
        ``(part, whole)`` count columns where every unit of ``part`` in a row is a
        unit of ``whole`` in the same row.
    depends_on_row
        For each derived column, a row (by position) whose cells it also uses (a
        difference from a reference group), with the count column to watch.
    """

    name: str
    table: pd.DataFrame
    counts: dict[str, Count]
    derived: dict[str, list[str]] = field(default_factory=dict)
    nested: list[tuple[str, str]] = field(default_factory=list)
    depends_on_row: dict[str, tuple[int, str]] = field(default_factory=dict)


# ------------------------------------------------------------------ the cells
@dataclass
class _Cell:
    spec: int
    row: int
    column: str
    value: float
    people: int
    units: np.ndarray  # unit numbers within the measure
    published: bool = True  # a real cell (else an implicit one: never shown)
    hidden: bool = False
    primary: bool = False


def _by_row(units: pd.DataFrame, people: Sequence[str]) -> dict[int, tuple[float, int, np.ndarray]]:
    """Per row: the sum of the values, the distinct people, the unit numbers (``_n``)."""
    if units.empty:
        return {}
    rows = units["row"].to_numpy(dtype=np.int64)
    values = units["value"].to_numpy(dtype=float)
    total = pd.Series(values).groupby(rows).sum()
    live = units[values != 0]
    counts = None
    for col in people:
        n = live.groupby("row")[col].nunique()
        counts = n if counts is None else np.minimum(counts, n.reindex(counts.index))
    order = np.argsort(rows, kind="stable")
    numbers = units["_n"].to_numpy(dtype=np.int64)[order]
    keys, starts = np.unique(rows[order], return_index=True)
    parts = np.split(numbers, starts[1:])
    out = {}
    for r, part in zip(keys.tolist(), parts, strict=True):
        n_people = 0 if counts is None else int(counts.get(r, 0))
        out[r] = (float(total[r]), n_people, np.unique(part))
    return out


class _Measure:
    """The cells of one measure and the inner cells (atoms) they are sums of."""

    def __init__(self) -> None:
        self.cells: list[_Cell] = []
        self.columns: list[tuple[int, str]] = []
        self.unit_index: dict[object, int] = {}
        self.unit_people: list[pd.DataFrame] = []

    def units_of(self, ids: pd.Series) -> np.ndarray:
        out = np.empty(len(ids), dtype=np.int64)
        for i, u in enumerate(ids.tolist()):
            out[i] = self.unit_index.setdefault(u, len(self.unit_index))
        return out


def _build(specs: Sequence[TableSpec], k: int) -> dict[str, _Measure]:
    measures: dict[str, _Measure] = {}
    cell_of: dict[tuple, _Cell] = {}
    for s, spec in enumerate(specs):
        n_rows = len(spec.table)
        for col, count in spec.counts.items():
            units = count.units
            missing = {"unit", "row", *count.people} - set(units.columns)
            if missing:
                raise NetgraphError(f"units of {spec.name}.{col} lack {sorted(missing)}")
            units = units.assign(
                value=units["value"] if "value" in units.columns else 1.0,
                row=units["row"].astype("int64"),
            )
            if "measure" not in units.columns:
                units = units.assign(measure=count.measure)
            row_measure = units.drop_duplicates("row").set_index("row")["measure"]
            for name, part_units in units.groupby("measure", sort=False):
                m = measures.setdefault(str(name), _Measure())
                m.columns.append((s, col))
                numbers = m.units_of(part_units["unit"])
                part_units = part_units.assign(_n=numbers)
                renamed = {p_: f"p{i}" for i, p_ in enumerate(count.people)}
                m.unit_people.append(part_units[["_n", *count.people]].rename(columns=renamed))
                by_row = _by_row(part_units, count.people)
                rows_here = [r for r in range(n_rows) if row_measure.get(r, count.measure) == name]
                for r in rows_here:
                    value, n_people, numbers_r = by_row.get(r, (0.0, 0, np.zeros(0, np.int64)))
                    if not len(numbers_r):  # an empty cell is an inner cell of its own
                        numbers_r = m.units_of(pd.Series([("\x00empty", s, col, r)]))
                    cell = _Cell(s, r, col, value, n_people, numbers_r)
                    m.cells.append(cell)
                    cell_of[(s, col, r)] = cell
            empty_rows = [r for r in range(n_rows) if (s, col, r) not in cell_of]
            if empty_rows:  # rows with no unit of any measure
                m = measures.setdefault(count.measure, _Measure())
                m.columns.append((s, col))
                for r in empty_rows:
                    numbers_r = m.units_of(pd.Series([("\x00empty", s, col, r)]))
                    cell = _Cell(s, r, col, 0.0, 0, numbers_r)
                    m.cells.append(cell)
                    cell_of[(s, col, r)] = cell
            if not spec.nested:
                continue
            m = measures[count.measure]
            units = units[units["measure"].eq(count.measure)]
            units = units.assign(_n=m.units_of(units["unit"]))
            for part, whole in spec.nested:
                if whole != col or part not in spec.counts:
                    continue
                if spec.counts[part].measure != count.measure:
                    raise NetgraphError(f"{spec.name}: nested {part} and {whole} count apart")
                p_units = spec.counts[part].units
                inner = pd.MultiIndex.from_arrays(
                    [p_units["row"].astype("int64").to_numpy(), p_units["unit"].to_numpy()]
                )
                pairs = pd.MultiIndex.from_arrays(
                    [units["row"].to_numpy(), units["unit"].to_numpy()]
                )
                rest = units[~pairs.isin(inner)].assign(value=1.0)
                by_row = _by_row(rest, count.people)
                for r in range(n_rows):
                    value, n_people, numbers_r = by_row.get(r, (0.0, 0, np.zeros(0, np.int64)))
                    if not len(numbers_r):  # nothing outside the part: a cell of its own too
                        numbers_r = m.units_of(pd.Series([("\x00empty", s, f"{whole}-{part}", r)]))
                        whole_cell = cell_of[(s, whole, r)]
                        whole_cell.units = np.union1d(whole_cell.units, numbers_r)
                    m.cells.append(
                        _Cell(s, r, f"{whole}-{part}", value, n_people, numbers_r, published=False)
                    )
    return measures


def _atoms(m: _Measure) -> tuple[np.ndarray, int]:
    """Map each unit to its inner cell: units counted in exactly the same cells."""
    n_units = len(m.unit_index)
    sig = np.full((n_units, max(len(m.cells), 1)), False)
    for j, cell in enumerate(c for c in m.cells if c.published):
        sig[cell.units, j] = True
    _, atom = np.unique(sig, axis=0, return_inverse=True)
    return atom.reshape(-1), int(atom.max()) + 1 if n_units else 0


class _Space:
    """Row-space tests over the inner cells of one measure."""

    def __init__(self, m: _Measure, k: int) -> None:
        self.m = m
        atom, n_atoms = _atoms(m)
        self.atom = atom
        self.n_atoms = n_atoms
        self.vec = [self._vector(c.units) for c in m.cells]
        # the reader knows the total of every count column of more than one row (a
        # one-row table is its own total, protected as a cell) unless it has fewer than
        # k people
        totals = []
        self.fixed_values: list[float] = []
        for s, col in dict.fromkeys(m.columns):
            column = [c.units for c in m.cells if c.spec == s and c.column == col and c.published]
            if len(column) < 2:
                continue
            units = np.unique(np.concatenate(column))
            value = sum(c.value for c in m.cells if c.spec == s and c.column == col and c.published)
            if self._people(units) >= k:
                totals.append(self._vector(units))
                self.fixed_values.append(value)
        self.fixed = np.array(totals) if totals else np.zeros((0, n_atoms))

    def _people(self, units: np.ndarray) -> int:
        """Distinct people among ``units`` (the fewest over the kinds of people)."""
        best = None
        wanted = set(units.tolist())
        for frame in self.m.unit_people:
            sel = frame[frame["_n"].isin(wanted)]
            if len(sel):
                n = min(sel[c].nunique() for c in sel.columns if c != "_n")
                best = n if best is None else min(best, n)
        return 0 if best is None else int(best)

    def _vector(self, units: np.ndarray) -> np.ndarray:
        v = np.zeros(self.n_atoms)
        if len(units):
            v[np.unique(self.atom[units])] = 1.0
        return v

    def basis(self, visible: list[int]) -> np.ndarray:
        rows = [self.fixed] + ([np.array([self.vec[i] for i in visible])] if visible else [])
        a = np.vstack(rows) if rows else np.zeros((0, self.n_atoms))
        if a.size == 0:
            return np.zeros((0, self.n_atoms))
        _, sv, vt = np.linalg.svd(a, full_matrices=False)
        tol = max(a.shape) * np.finfo(float).eps * (sv[0] if len(sv) else 0.0) * 10
        return vt[sv > tol]

    @staticmethod
    def determined(basis: np.ndarray, v: np.ndarray) -> bool:
        if not v.any():
            return True
        if basis.shape[0] == 0:
            return False
        residual = v - basis.T @ (basis @ v)
        return bool(np.linalg.norm(residual) < 1e-7 * max(1.0, np.linalg.norm(v)))


def _hide_derived(specs: Sequence[TableSpec], hidden: list[pd.DataFrame]) -> None:
    for spec, mask in zip(specs, hidden, strict=True):
        changed = True
        while changed:
            changed = False
            for col, sources in spec.derived.items():
                hit = mask[list(sources)].any(axis=1).to_numpy() & ~mask[col].to_numpy()
                if hit.any():
                    mask.loc[hit, col] = True
                    changed = True
            for col, (row, source) in spec.depends_on_row.items():
                if 0 <= row < len(mask) and mask.iloc[row][source] and not mask[col].all():
                    mask[col] = True
                    changed = True


def protect(specs: Sequence[TableSpec], k: int = 5) -> list[pd.DataFrame]:
    """Return the tables with every cell hidden that shows, or lets a reader derive, a small cell.

    Applies the rules of the module docstring to the tables together: primary
    suppression of count cells with fewer than ``k`` distinct people, the derived
    statistics of hidden cells, implicit differences of nested counts, and
    secondary suppression until no hidden cell, implicit cell or small inner cell
    is a linear combination of the visible cells and the column totals.

    Parameters
    ----------
    specs
        The tables published together, with what their counts count.
    k
        The smallest number of people a visible cell may describe; 0 publishes
        everything.

    Returns
    -------
    list of pandas.DataFrame
        One table per spec: count columns as nullable ``Int64`` (floats stay
        floats), hidden cells missing. ``attrs``: ``k``, ``suppressed_cells``
        (cells hidden that had a value), ``primary_cells`` (count cells below
        ``k``), ``secondary_cells`` (count cells hidden to protect others).

    Raises
    ------
    NetgraphError
        If ``k`` is negative or a spec names a column the table lacks.

    Examples
    --------
    Four cohorts, the reader knows the total (30): hiding only the cohort of 3
    would give it away as 30 - 12 - 9 - 6, so the next smallest (6) is hidden too.

    >>> import pandas as pd
    >>> sizes = [12, 9, 6, 3]
    >>> units = pd.DataFrame({"unit": range(30), "who": range(30),
    ...                       "row": [r for r, n in enumerate(sizes) for _ in range(n)]})
    >>> table = pd.DataFrame({"cohort": list("abcd"), "n": sizes})
    >>> (out,) = protect([TableSpec("t", table, {"n": Count("person", units)})], k=5)
    >>> out["n"].tolist()
    [12, 9, <NA>, <NA>]
    """
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 0:
        raise NetgraphError(f"k must be a whole number 0 or more, got {k!r}")
    for spec in specs:
        named = [*spec.counts, *spec.derived, *(c for v in spec.derived.values() for c in v)]
        named += [c for pair in spec.nested for c in pair] + list(spec.depends_on_row)
        missing = [c for c in named if c not in spec.table.columns]
        if missing:
            raise NetgraphError(f"no column {missing[0]!r} in table {spec.name}")
    masks = [pd.DataFrame(False, index=s.table.index, columns=s.table.columns) for s in specs]
    primary = [0] * len(specs)
    secondary = [0] * len(specs)
    if k > 0:
        measures = _build(specs, k)
        for m in measures.values():
            for c in m.cells:
                if c.published and c.people < k:
                    c.hidden = c.primary = True
            _secondary(m, k)
            for c in m.cells:
                if c.published and c.hidden:
                    masks[c.spec].iloc[c.row, masks[c.spec].columns.get_loc(c.column)] = True
                    primary[c.spec] += c.primary
                    secondary[c.spec] += not c.primary
    _hide_derived(specs, masks)
    return [
        _apply(spec, mask, k, p, s2)
        for spec, mask, p, s2 in zip(specs, masks, primary, secondary, strict=True)
    ]


def _secondary(m: _Measure, k: int) -> None:
    """Hide visible cells of ``m`` until no hidden value can be computed or pinned.

    First the linear check (:func:`_linear`); then an audit by linear programming:
    with counts not negative, a hidden cell whose smallest and largest possible
    values lie less than 1 apart (two hidden zeros whose sum is known to be 0) is
    pinned, and the smallest non-zero visible cell of its column is hidden as well.
    """
    space = _Space(m, k)
    while True:
        _linear(space, k)
        pinned = _pinned(space, k)
        if pinned is None:
            return
        target = m.cells[pinned]
        column = target.column.split("-")[0]
        candidates = [
            i for i, c in enumerate(m.cells) if c.published and not c.hidden and c.value > 0
        ]
        if not candidates:  # pragma: no cover - everything with a value is hidden already
            return
        candidates.sort(
            key=lambda i: (
                (m.cells[i].spec, m.cells[i].column) != (target.spec, column),
                m.cells[i].value,
                i,
            )
        )
        m.cells[candidates[0]].hidden = True


def _pinned(space: _Space, k: int) -> int | None:
    """Index of a hidden (or small implicit) cell the reader can pin down, if any."""
    from scipy.optimize import linprog

    cells = space.m.cells
    visible = [i for i, c in enumerate(cells) if c.published and not c.hidden]
    rows = [space.fixed] + ([np.array([space.vec[i] for i in visible])] if visible else [])
    a_eq = np.vstack(rows) if space.n_atoms else np.zeros((0, 0))
    b_eq = np.array([*space.fixed_values, *(cells[i].value for i in visible)], dtype=float)
    if a_eq.shape[0] == 0:
        return None
    for i, c in enumerate(cells):
        if not (c.hidden or (not c.published and c.people < k)):
            continue
        v = space.vec[i]
        lo = linprog(v, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-v, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        if lo.status != 0 or hi.status not in (0, 3):  # pragma: no cover - true data fits
            raise NetgraphError("the published cells are inconsistent; cannot audit them")
        if hi.status == 0 and -hi.fun - lo.fun < 1 - 1e-9:
            return i
    return None


def _linear(space: _Space, k: int) -> None:
    """Hide visible cells until no hidden cell is a linear combination of visible ones."""
    cells = space.m.cells
    skipped: list[np.ndarray] = []
    while True:
        visible = [i for i, c in enumerate(cells) if c.published and not c.hidden]
        basis = space.basis(visible)
        targets = [
            space.vec[i]
            for i, c in enumerate(cells)
            if c.hidden or (not c.published and c.people < k)
        ]
        exposed = next(
            (
                v
                for v in targets
                if v.any() and not any(v is w for w in skipped) and space.determined(basis, v)
            ),
            None,
        )
        if exposed is None:
            break
        # the visible cells taking part in a combination that gives ``exposed`` away
        a = np.vstack([space.fixed, *[space.vec[i] for i in visible]])
        coef, *_ = np.linalg.lstsq(a.T, exposed, rcond=None)
        coef = coef[len(space.fixed) :]
        involved = [i for i, w in zip(visible, coef, strict=True) if abs(w) > 1e-9]
        if not involved:  # only the assumed column totals give it away: hide what overlaps
            involved = [
                i
                for i, c in enumerate(cells)
                if c.published and not c.hidden and space.vec[i] @ exposed > 0
            ]
        if not involved:  # implied by totals of k or more people alone: nothing to hide
            skipped.append(exposed)
            continue
        # the smallest count first, but not a zero: hidden cells summing to 0 would
        # all be known to be 0 (counts are not negative)
        involved.sort(key=lambda i: (cells[i].value == 0, cells[i].value, cells[i].people, i))
        cells[involved[0]].hidden = True


def _apply(spec: TableSpec, mask: pd.DataFrame, k: int, primary: int, secondary: int):
    out = spec.table.copy()
    n_blanked = 0
    for col in out.columns:
        hide = mask[col].to_numpy(dtype=bool)
        had = out[col].notna().to_numpy()
        n_blanked += int((hide & had).sum())
        if col in spec.counts:
            values = pd.to_numeric(out[col], errors="coerce")
            out[col] = pd.array(np.where(hide | values.isna(), None, values), dtype="Int64")
        elif hide.any():
            if pd.api.types.is_bool_dtype(out[col]):
                out[col] = out[col].astype(object).mask(hide)
            elif pd.api.types.is_integer_dtype(out[col]):
                out[col] = out[col].astype("Int64").mask(hide)
            elif pd.api.types.is_numeric_dtype(out[col]):
                out[col] = out[col].astype(float).mask(hide)
            else:
                out[col] = out[col].astype(object).mask(hide)
    out.attrs = {
        **spec.table.attrs,
        "k": k,
        "suppressed_cells": n_blanked,
        "primary_cells": primary,
        "secondary_cells": secondary,
    }
    return out


def units_frame(
    unit: Sequence | pd.Series,
    row: Sequence | pd.Series,
    who: Sequence | pd.Series,
    *,
    value: Sequence | pd.Series | None = None,
    who2: Sequence | pd.Series | None = None,
) -> pd.DataFrame:
    """Build the ``units`` frame of a :class:`Count` (rows with a missing ``row`` dropped)."""
    data: dict[str, object] = {
        "unit": np.asarray(unit, dtype=object),
        "row": np.asarray(row, dtype=float),
        "who": np.asarray(who, dtype=object),
    }
    data["value"] = np.ones(len(data["unit"])) if value is None else np.asarray(value, float)
    if who2 is not None:
        data["who2"] = np.asarray(who2, dtype=object)
    frame = pd.DataFrame(data)
    frame = frame[frame["row"].notna()]
    return frame.astype({"row": "int64"})
