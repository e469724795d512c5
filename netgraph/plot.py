"""Pictures of referral networks and their analyses.

Every function takes ``ax=None`` (a new figure when omitted), returns the matplotlib
``Axes`` it drew on, and imports matplotlib inside, so ``import netgraph`` and the
CLI never load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__: list[str] = []


def _axes(ax: Axes | None, *, figsize: tuple[float, float] = (7, 4.5)) -> Axes:
    """Return ``ax``, or the axes of a new figure."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


# <<reach plots>>
# <<bridges plots>>
# <<suggest plots>>
# <<research plots>>
