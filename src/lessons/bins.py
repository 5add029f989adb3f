"""Averages within bins of x, cut by value (chapter 3: where does a straight line miss?).

A line that fits curved data well on average still misses in a pattern: its
residuals are positive in some ranges of x and negative in others. Cutting x
into bins *by value* (fixed edges, not by sorting and counting) and averaging
the residuals in each bin shows that pattern. Cutting by value is also
tie-safe: points with the same x always fall in the same bin, whatever order
a sort puts them in.

>>> binned_means([1, 2, 2, 3, 5, 6], [4.0, 1.0, 3.0, -1.0, 2.0, 6.0], edges=[0, 3, 6])
   low  high  count      mean
0    0     3      3  2.666667
1    3     6      3  2.333333
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lessons._checks import as_floats, paired


def binned_means(x, values, edges) -> pd.DataFrame:
    """The count and mean of ``values`` in each bin of ``x`` between consecutive ``edges``.

    Bins are ``[low, high)``, except the last, which also holds its right edge
    (as in :func:`numpy.histogram`). Every x must lie within the edges and
    every bin must hold at least one point: an empty bin has no mean, so it is
    an error rather than a silent NaN.

    >>> binned_means([10, 20, 30, 40], [1.0, 2.0, 3.0, 5.0], edges=[10, 30, 40])
       low  high  count  mean
    0   10    30      2   1.5
    1   30    40      2   4.0
    """
    x, values = paired(x, values, ("x", "values"))
    edges = np.asarray(as_floats(edges, "edges", min_size=2))
    if np.any(np.diff(edges) <= 0):
        raise ValueError("edges must increase strictly")
    if x.min() < edges[0] or x.max() > edges[-1]:
        raise ValueError(
            f"every x must lie within the edges {edges[0]:g} … {edges[-1]:g}; "
            f"x runs from {x.min():g} to {x.max():g}"
        )
    index = np.minimum(np.searchsorted(edges, x, side="right") - 1, edges.size - 2)
    counts = np.bincount(index, minlength=edges.size - 1)
    if (counts == 0).any():
        empty = int(np.flatnonzero(counts == 0)[0])
        raise ValueError(
            f"the bin {edges[empty]:g} … {edges[empty + 1]:g} holds no x; choose wider bins"
        )
    sums = np.bincount(index, weights=values, minlength=edges.size - 1)
    low, high = edges[:-1], edges[1:]
    whole = np.all(edges == np.round(edges))
    return pd.DataFrame(
        {
            "low": low.astype(int) if whole else low,
            "high": high.astype(int) if whole else high,
            "count": counts,
            "mean": sums / counts,
        }
    )
