"""Progress bars for long work, over :mod:`tqdm.auto`.

A bar is shown in a terminal and in a Jupyter notebook, and stays silent otherwise
(output piped to a file, CI logs) so that logs hold no control characters. The
choice, in order:

1. ``progress=True`` or ``progress=False`` passed by the caller decides;
2. else the environment variable ``NETGRAPH_PROGRESS``: ``0`` / ``false`` / ``no`` /
   ``off`` turns bars off, ``1`` / ``true`` / ``yes`` / ``on`` forces them on;
3. else bars are on when standard error is a terminal or the code runs in a Jupyter
   kernel, and off otherwise.

The library never prints: bars go to standard error (or the notebook's widget).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Iterable
from typing import Any

__all__ = ["ENV_VAR", "progress", "progress_enabled"]

ENV_VAR = "NETGRAPH_PROGRESS"
_OFF = {"0", "false", "no", "off"}
_ON = {"1", "true", "yes", "on"}


def _in_jupyter_kernel() -> bool:
    """Whether the code runs inside a Jupyter (IPython) kernel."""
    return "ipykernel.zmqshell" in sys.modules or "IPython.utils._process_emscripten" in (
        sys.modules
    )


def _stderr_is_terminal() -> bool:
    stream = sys.stderr
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced by an object without isatty
        return False


def progress_enabled(progress: bool | None = None) -> bool:
    """Decide whether to show a progress bar.

    Parameters
    ----------
    progress
        ``True`` or ``False`` to decide; ``None`` to follow ``NETGRAPH_PROGRESS``, then
        whether standard error is a terminal or the code runs in a Jupyter kernel.

    Returns
    -------
    bool
        Whether a bar should be drawn.

    Examples
    --------
    >>> progress_enabled(False)
    False
    >>> progress_enabled(True)
    True
    """
    if progress is not None:
        return bool(progress)
    env = os.environ.get(ENV_VAR, "").strip().lower()
    if env in _OFF:
        return False
    if env in _ON:
        return True
    return _stderr_is_terminal() or _in_jupyter_kernel()


def _tqdm_class() -> type:
    """``tqdm.auto.tqdm`` (a notebook widget in Jupyter, text elsewhere), imported quietly.

    ``tqdm.auto`` warns when it runs in a notebook (and when ipywidgets is missing, in
    which case it falls back to text); those warnings are about the display, not the
    work, so they are silenced here.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm

    return tqdm


def progress(
    iterable: Iterable[Any] | None = None,
    *,
    total: float | None = None,
    desc: str | None = None,
    unit: str = "it",
    progress: bool | None = None,
    leave: bool = False,
    **kwargs: Any,
) -> Any:
    """Wrap ``iterable`` (or a manual counter) in a progress bar, or in a silent stand-in.

    Parameters
    ----------
    iterable
        What to iterate over; ``None`` for a bar advanced by ``update(n)``.
    total
        The expected number of items (or units of work).
    desc
        A short label shown before the bar.
    unit
        The unit counted (``"it"``, ``"rows"``, ``"seekers"``, ...).
    progress
        ``True`` / ``False`` to force the bar on or off; ``None`` decides as
        :func:`progress_enabled` does.
    leave
        Keep the finished bar on screen.
    **kwargs
        Passed to :class:`tqdm.auto.tqdm`.

    Returns
    -------
    tqdm.auto.tqdm
        A bar; when disabled, a silent one that still iterates, counts and closes
        (``update``, ``set_postfix_str`` and ``close`` do nothing).

    Examples
    --------
    >>> sum(progress(range(4), desc="adding", progress=False))
    6
    >>> with progress(total=10, progress=False) as bar:
    ...     bar.update(10)
    """
    tqdm = _tqdm_class()
    on = progress_enabled(progress)
    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit=unit,
        leave=leave,
        disable=not on,
        dynamic_ncols=True,
        **kwargs,
    )
