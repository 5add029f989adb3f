"""Ordinary least squares: the line that makes the squared errors smallest (chapter 4).

A line y = a·x + b predicts ŷᵢ = a·xᵢ + b; its residuals are yᵢ − ŷᵢ; its loss
is the sum of squared errors L(a, b) = Σ (yᵢ − ŷᵢ)². Setting ∂L/∂a = ∂L/∂b = 0
gives the closed form

    a = Σ (xᵢ − x̄)(yᵢ − ȳ) / Σ (xᵢ − x̄)²,   b = ȳ − a·x̄.

>>> line = fit_line([1, 2, 3, 4, 5], [2, 4, 5, 4, 6])
>>> round(line.slope, 6), round(line.intercept, 6)
(0.8, 1.8)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from lessons._checks import as_float, as_floats, same_length


class Line(NamedTuple):
    """A straight line y = slope·x + intercept."""

    slope: float
    intercept: float


def _points(x, y, min_size: int = 1) -> tuple[np.ndarray, np.ndarray]:
    x = as_floats(x, "x", min_size=min_size)
    y = as_floats(y, "y", min_size=min_size)
    same_length(x, y)
    return x, y


def predict(x, slope: float, intercept: float) -> np.ndarray:
    """The line's predictions ŷ = a·x + b for every x.

    >>> predict([1, 2, 3], slope=2, intercept=1)
    array([3., 5., 7.])
    """
    return as_float(slope, "slope") * as_floats(x, "x") + as_float(intercept, "intercept")


def residuals(x, y, slope: float, intercept: float) -> np.ndarray:
    """The errors yᵢ − ŷᵢ: how far each point lies above (+) or below (−) the line.

    >>> residuals([1, 2, 3], [3, 6, 6], slope=2, intercept=1)
    array([ 0.,  1., -1.])
    """
    x, y = _points(x, y)
    return y - predict(x, slope, intercept)


def sum_squared_errors(x, y, slope: float, intercept: float) -> float:
    """The loss L(a, b) = Σ (yᵢ − ŷᵢ)².

    >>> sum_squared_errors([1, 2, 3], [3, 6, 6], slope=2, intercept=1)
    2.0
    """
    return float((residuals(x, y, slope, intercept) ** 2).sum())


def fit_line(x, y) -> Line:
    """The least-squares line, from the closed form (the normal equations).

    >>> line = fit_line([0, 1, 2], [1, 3, 5])
    >>> line.slope, line.intercept
    (2.0, 1.0)
    """
    x, y = _points(x, y, min_size=2)
    dx = x - x.mean()
    spread = (dx**2).sum()
    if spread == 0:
        raise ValueError("fit_line needs at least two different x values; all x are equal")
    slope = float((dx * (y - y.mean())).sum() / spread)
    return Line(slope, float(y.mean() - slope * x.mean()))


def loss_along_slope(x, y, slopes, intercept: float) -> np.ndarray:
    """L(a, b) for each slope a in ``slopes`` with the intercept held fixed.

    L is a parabola in a: its lowest point is where ∂L/∂a = 0.

    >>> loss_along_slope([1, 2, 3], [3, 6, 6], slopes=[1, 2, 3], intercept=1)
    array([14.,  2., 18.])
    """
    x, y = _points(x, y)
    a = as_floats(slopes, "slopes")
    b = as_float(intercept, "intercept")
    return ((y[None, :] - (a[:, None] * x[None, :] + b)) ** 2).sum(axis=1)


def loss_along_intercept(x, y, slope: float, intercepts) -> np.ndarray:
    """L(a, b) for each intercept b in ``intercepts`` with the slope held fixed.

    >>> loss_along_intercept([1, 2, 3], [3, 6, 6], slope=2, intercepts=[0, 1, 2])
    array([5., 2., 5.])
    """
    x, y = _points(x, y)
    a = as_float(slope, "slope")
    b = as_floats(intercepts, "intercepts")
    return ((y[None, :] - (a * x[None, :] + b[:, None])) ** 2).sum(axis=1)
