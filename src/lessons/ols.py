"""Ordinary least squares: the line that makes the squared errors smallest (chapter 4).

A line y = a·x + b predicts ŷᵢ = a·xᵢ + b; its residuals are yᵢ − ŷᵢ; its loss
is the sum of squared errors L(a, b) = Σ (yᵢ − ŷᵢ)². Setting ∂L/∂a = ∂L/∂b = 0
gives the closed form

    a = Σ (xᵢ − x̄)(yᵢ − ȳ) / Σ (xᵢ − x̄)²,   b = ȳ − a·x̄.

>>> line = fit_line([1, 2, 3, 4, 5], [2, 4, 5, 4, 6])
>>> round(line.slope, 6), round(line.intercept, 6)
(0.8, 1.8)

x and y pair up by position (the first x with the first y, ...). Two pandas
Series with different indexes are refused rather than paired silently: pass
``.to_numpy()`` of each if position is what you mean. The sums of squares are
formed on data scaled by a power of two, so values far from 1 (1e200, 1e-200)
fit as well as everyday ones, or fail with a clear error when the answer
itself is beyond a double.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from lessons._checks import as_float, as_floats, finite, paired, within_size
from lessons._numeric import affine, exponent, ldexp, residual, sum_squares, unscale


class Line(NamedTuple):
    """A straight line y = slope·x + intercept."""

    slope: float
    intercept: float


def _points(x, y, min_size: int = 1) -> tuple[np.ndarray, np.ndarray]:
    return paired(x, y, min_size=min_size)


def _finite(values: np.ndarray, what: str) -> np.ndarray:
    return finite(values, what, "rescale x and y first (for example divide by a power of ten)")


def predict(x, slope: float, intercept: float) -> np.ndarray:
    """The line's predictions ŷ = a·x + b for every x.

    >>> predict([1, 2, 3], slope=2, intercept=1)
    array([3., 5., 7.])
    """
    x = as_floats(x, "x")
    a, b = as_float(slope, "slope"), as_float(intercept, "intercept")
    return _finite(affine(a, x, b), "the predictions slope·x + intercept")


def residuals(x, y, slope: float, intercept: float) -> np.ndarray:
    """The errors yᵢ − ŷᵢ: how far each point lies above (+) or below (−) the line.

    >>> residuals([1, 2, 3], [3, 6, 6], slope=2, intercept=1)
    array([ 0.,  1., -1.])
    """
    x, y = _points(x, y)
    a, b = as_float(slope, "slope"), as_float(intercept, "intercept")
    return _finite(residual(x, y, a, b), "the residuals y − (slope·x + intercept)")


def sum_squared_errors(x, y, slope: float, intercept: float) -> float:
    """The loss L(a, b) = Σ (yᵢ − ŷᵢ)².

    >>> sum_squared_errors([1, 2, 3], [3, 6, 6], slope=2, intercept=1)
    2.0
    """
    total, e = sum_squares(residuals(x, y, slope, intercept))
    return unscale(float(total), 2 * e, "the sum of squared errors of x and y")


def fit_line(x, y) -> Line:
    """The least-squares line, from the closed form (the normal equations).

    The slope does not depend on the units of x and y, so x and y are each
    scaled by a power of two first (exact), and the line scaled back.

    >>> line = fit_line([0, 1, 2], [1, 3, 5])
    >>> line.slope, line.intercept
    (2.0, 1.0)
    >>> fit_line([1e200, 2e200, 3e200], [1, 3, 5]).slope  # the plain formula overflows to 0
    2e-200
    """
    x, y = _points(x, y, min_size=2)
    ex, ey = exponent(x), exponent(y)
    x, y = ldexp(x, -ex), ldexp(y, -ey)
    dx = x - x.mean()
    spread = (dx**2).sum()
    if spread == 0 or x.min() == x.max():
        raise ValueError("fit_line needs at least two different x values; all x are equal")
    slope = float((dx * (y - y.mean())).sum() / spread)
    intercept = float(y.mean() - slope * x.mean())
    return Line(
        unscale(slope, ey - ex, "the slope of the line through x and y"),
        unscale(intercept, ey, "the intercept of the line through x and y"),
    )


def loss_along_slope(x, y, slopes, intercept: float) -> np.ndarray:
    """L(a, b) for each slope a in ``slopes`` with the intercept held fixed.

    L is a parabola in a: its lowest point is where ∂L/∂a = 0.

    >>> loss_along_slope([1, 2, 3], [3, 6, 6], slopes=[1, 2, 3], intercept=1)
    array([14.,  2., 18.])
    """
    x, y = _points(x, y)
    a = as_floats(slopes, "slopes")
    b = as_float(intercept, "intercept")
    within_size(a.size * x.size, "slopes × points")
    errors = residual(x[None, :], y[None, :], a[:, None], b)
    total, e = sum_squares(errors, axis=1)
    return unscale(total, 2 * e, "the loss along slopes (x, y)")


def loss_along_intercept(x, y, slope: float, intercepts) -> np.ndarray:
    """L(a, b) for each intercept b in ``intercepts`` with the slope held fixed.

    >>> loss_along_intercept([1, 2, 3], [3, 6, 6], slope=2, intercepts=[0, 1, 2])
    array([5., 2., 5.])
    """
    x, y = _points(x, y)
    a = as_float(slope, "slope")
    b = as_floats(intercepts, "intercepts")
    within_size(b.size * x.size, "intercepts × points")
    errors = residual(x[None, :], y[None, :], a, b[:, None])
    total, e = sum_squares(errors, axis=1)
    return unscale(total, 2 * e, "the loss along intercepts (x, y)")
