"""Universal approximation, shown with bumps (chapter 5).

Two sigmoid neurons with the same steep weight, one shifted from the other,
make a *bump*: σ(s·(x − left)) − σ(s·(x − right)) is close to 1 between
``left`` and ``right`` and close to 0 elsewhere. A sum of bumps, each scaled
to the height of a curve in its interval, follows the curve; more and
narrower bumps follow it more closely. Each bump is two hidden neurons and
two output weights (+height, −height), so a sum of k bumps is a network with
one hidden layer of 2k sigmoid neurons.

>>> round(float(bump(0.5, left=0.0, right=1.0, steepness=50.0)), 6)
1.0
>>> round(float(bump(2.0, left=0.0, right=1.0, steepness=50.0)), 6)
0.0
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lessons._checks import as_float, as_floats, positive, positive_int
from lessons.neuron import sigmoid


def bump(x, left: float, right: float, steepness: float):
    """σ(s·(x − left)) − σ(s·(x − right)): about 1 on (left, right), about 0 outside.

    The steeper the two sigmoids (``steepness`` s), the sharper the bump's sides.

    >>> bump([-1.0, 0.5, 2.0], left=0.0, right=1.0, steepness=20.0).round(3)
    array([0., 1., 0.])
    >>> round(float(bump(0.0, left=0.0, right=1.0, steepness=20.0)), 3)  # halfway up a side
    0.5
    """
    left, right = as_float(left, "left"), as_float(right, "right")
    if not left < right:
        raise ValueError(f"left must be smaller than right, got left={left} and right={right}")
    s = positive(steepness, "steepness")
    values = as_floats(np.atleast_1d(x), "x", ndim=None)
    out = sigmoid(s * (values - left)) - sigmoid(s * (values - right))
    return float(out.reshape(-1)[0]) if np.ndim(x) == 0 else out


def bumps_for(f: Callable, low: float, high: float, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Split [low, high] into ``count`` equal intervals; give each the height of ``f`` at its middle.

    Returns ``(edges, heights)``: ``count + 1`` edges and ``count`` heights, what
    :func:`sum_of_bumps` needs.

    >>> edges, heights = bumps_for(lambda x: 2 * x, 0.0, 1.0, count=2)
    >>> edges, heights
    (array([0. , 0.5, 1. ]), array([0.5, 1.5]))
    """
    if not callable(f):
        raise TypeError(f"f must be a function, got {type(f).__name__}")
    low, high = as_float(low, "low"), as_float(high, "high")
    if not low < high:
        raise ValueError(f"low must be smaller than high, got low={low} and high={high}")
    count = positive_int(count, "count")
    edges = np.linspace(low, high, count + 1)
    heights = as_floats(f((edges[:-1] + edges[1:]) / 2), "f(middles)")
    if heights.shape != (count,):
        raise ValueError(f"f must return one value per point, got shape {heights.shape}")
    return edges, heights


def sum_of_bumps(x, edges, heights, steepness: float) -> np.ndarray:
    """Σₖ heightₖ · bump(x, edgesₖ, edgesₖ₊₁): a curve made of bumps side by side.

    >>> sum_of_bumps([0.25, 0.75], edges=[0.0, 0.5, 1.0], heights=[1.0, 3.0], steepness=100.0).round(3)
    array([1., 3.])
    """
    grid = as_floats(x, "x")
    edges = as_floats(edges, "edges", min_size=2)
    heights = as_floats(heights, "heights")
    if heights.size != edges.size - 1:
        raise ValueError(
            f"need one height per interval: {edges.size} edges make "
            f"{edges.size - 1} interval(s), got {heights.size} height(s)"
        )
    if not np.all(np.diff(edges) > 0):
        raise ValueError("edges must increase")
    s = positive(steepness, "steepness")
    total = np.zeros_like(grid)
    for left, right, height in zip(edges[:-1], edges[1:], heights):
        total += height * bump(grid, left, right, s)
    return total
