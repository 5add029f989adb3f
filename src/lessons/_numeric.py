"""Sums, means and squares that stay right across the whole range of doubles.

Squaring 1e200 overflows and squaring 1e-170 underflows, although the mean,
standard deviation, correlation or fitted line of such numbers is perfectly
ordinary. The lesson functions therefore scale their data by a power of two
before squaring or summing, and scale the result back at the end. Multiplying
by a power of two is exact, so on everyday data the results are bit for bit
those of the plain formula; at the edges they stay correct, or -- when the
answer itself cannot be held in a double -- a clear ``ValueError`` says so.

>>> x = np.array([1e200, 2e200, 3e200])
>>> e = exponent(x)
>>> float(unscale(float((ldexp(x, -e) ** 2).sum()), 2 * e, "the sum of squares of x"))
Traceback (most recent call last):
...
ValueError: the sum of squares of x is too large to represent as a double (beyond ±1.8e308); rescale the data first (for example divide by a power of ten)
"""

from __future__ import annotations

import numpy as np

LARGEST = float(np.finfo(float).max)
#: The smallest normal double. Nonzero results below it (subnormal numbers) carry
#: too few significant digits to be trusted, so they are reported as too small.
SMALLEST = float(np.finfo(float).tiny)


def exponent(values, axis=None):
    """The power of two that brings the largest magnitude into [0.5, 1) (0 for all zeros).

    >>> exponent(np.array([3.0, -5.0])), exponent(np.zeros(2))
    (3, 0)
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return 0 if axis is None else np.zeros(np.delete(values.shape, axis), dtype=int)
    biggest = np.max(np.abs(values), axis=axis)
    e = np.frexp(biggest)[1]
    return int(e) if np.ndim(e) == 0 else e


def ldexp(values, e):
    """``values · 2**e``, silently (the callers check the result)."""
    with np.errstate(over="ignore", under="ignore"):
        return np.ldexp(values, e)


def unscale(value, e, what: str):
    """Scale a result back by ``2**e``; raise if a double cannot hold it.

    >>> unscale(0.75, 4, "the mean of values")
    12.0
    >>> unscale(0.75, -1040, "the variance of values")
    Traceback (most recent call last):
    ...
    ValueError: the variance of values is too small to represent accurately as a double (below 2.2e-308); rescale the data first (for example multiply by a power of ten)
    """
    result = ldexp(value, e)
    if not np.all(np.isfinite(result)):
        raise ValueError(
            f"{what} is too large to represent as a double (beyond ±1.8e308); "
            "rescale the data first (for example divide by a power of ten)"
        )
    if np.any((np.asarray(value) != 0) & (np.abs(result) < SMALLEST)):
        raise ValueError(
            f"{what} is too small to represent accurately as a double (below 2.2e-308); "
            "rescale the data first (for example multiply by a power of ten)"
        )
    return float(result) if np.ndim(result) == 0 else result


def everyday(*values) -> bool:
    """Do all nonzero magnitudes lie within 2**±200, where no product or square over- or underflows?

    There the plain formulas (the layers' forward and backward passes) give the
    scaled ones' results bit for bit; outside it, lesson functions take the scaled way.

    >>> everyday([0.0, 3.0], 1e-5), everyday([1e100, 1e300])
    (True, False)
    """
    for value in values:
        if isinstance(value, float):
            if value and not 2.0**-200 <= abs(value) <= 2.0**200:
                return False
            continue
        size = np.abs(np.asarray(value, dtype=float))
        size = size[size != 0]
        if size.size and not (size.min() >= 2.0**-200 and size.max() <= 2.0**200):
            return False
    return True


def scaled_mean(x: np.ndarray) -> tuple[float, int]:
    """The mean of ``x`` as (m, e) with mean = m · 2**e; never overflows."""
    e = exponent(x)
    return float(ldexp(x, -e).sum() / x.size), e


def halving(compute) -> np.ndarray:
    """Evaluate a linear expression, retrying at half scale where it overflowed.

    ``compute(h)`` must return the expression with its inputs scaled so that the
    result is h times the true one (e.g. ``h·y − (h·w·x + h·b)``). Where the plain
    evaluation overflows, the half-scale one is doubled: a true value up to the
    largest double comes out right, and one beyond it comes out ±inf (the caller
    reports it).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.asarray(compute(1.0), dtype=float)
        bad = ~np.isfinite(out)
        if bad.any():
            out = np.where(bad, np.asarray(compute(0.5), dtype=float) * 2.0, out)
    return out


def affine(w, x, b) -> np.ndarray:
    """w·x + b elementwise (scalar or broadcast w and b), ±inf where beyond a double.

    >>> affine(1.5, np.array([1e308, 1e308]), -1e308)  # 1.5e308 overflows on the way
    array([5.e+307, 5.e+307])
    """
    return halving(lambda h: (h * w) * x + h * b)


def residual(x, y, w, b) -> np.ndarray:
    """y − (w·x + b) elementwise (broadcasting), ±inf where beyond a double.

    >>> residual(np.array([1e308]), np.array([-1e308]), 1.0, 0.0)  # −2e308: no double holds it
    array([-inf])
    """
    return halving(lambda h: h * y - ((h * w) * x + h * b))


def sum_squares(r: np.ndarray, axis=None, mean: bool = False):
    """Σ r² (or its mean) along ``axis`` as (s, e) with the true value s · 2**(2e).

    Each slice is scaled by its own power of two, so one huge row does not
    flush a small one to zero. inf in ``r`` gives inf.

    >>> total, e = sum_squares(np.array([[3e150, 4e150], [3e-150, 4e-150]]), axis=1)
    >>> ldexp(total, 2 * e)  # one shared scale would have flushed the second row to 0
    array([2.5e+301, 2.5e-299])
    """
    r = np.asarray(r, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        if axis is None:
            e = exponent(r) if np.isfinite(r).all() else 0
            scaled = ldexp(r, -e)
        else:
            e = exponent(np.where(np.isfinite(r), r, 0.0), axis=axis)
            scaled = ldexp(r, -np.expand_dims(e, axis))
        squares = scaled**2
        total = squares.mean(axis=axis) if mean else squares.sum(axis=axis)
    return total, e


def product_mean(a: np.ndarray, b: np.ndarray) -> tuple[float, int]:
    """The mean of a·b elementwise as (m, e) with the true value m · 2**e.

    Each product is formed from the two mantissas and placed at its own power of
    two relative to the largest product, so neither a huge factor (overflow) nor a
    huge neighbour (a tiny product flushed to zero by a shared scale) spoils it.
    """
    ma, ea = np.frexp(a)
    mb, eb = np.frexp(b)
    products = ma * mb
    powers = ea + eb
    nonzero = products != 0
    if not nonzero.any():
        return 0.0, 0
    top = int(powers[nonzero].max())
    return float(ldexp(products, powers - top).mean()), top


def mean_product(a, b: np.ndarray, what: str = "the gradient of the loss for x and y") -> float:
    """The mean of a·b elementwise (a may be a number), formed without overflow.

    Raises if the mean is beyond half the largest double, so that a gradient's
    factor 2 still fits. Tiny means come out as the nearest double (no error).

    >>> mean_product(np.array([1e300, 1e300]), np.array([1e-10, -3e-10]))  # the products fit
    -9.999999999999999e+289
    >>> mean_product(np.array([1e300, 1e300]), np.array([1e10, -3e10]))  # the mean does not
    Traceback (most recent call last):
    ...
    ValueError: the gradient of the loss for x and y is too large to represent as a double (beyond ±1.8e308); rescale the data first (for example divide by a power of ten)
    """
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    too_large = ValueError(
        f"{what} is too large to represent as a double (beyond ±1.8e308); "
        "rescale the data first (for example divide by a power of ten)"
    )
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        raise too_large
    m, e = product_mean(a, b)
    result = float(ldexp(m, e))
    if not abs(result) <= LARGEST / 2:
        raise too_large
    return result


def linear(inputs: np.ndarray, weights: np.ndarray, bias) -> np.ndarray:
    """inputs @ weights + bias without overflow in the products; ±inf where beyond a double.

    The products are formed at a scale where they cannot overflow; scaling by a
    power of two is exact, so ordinary inputs give the plain result bit for bit.
    """
    ei, ew = exponent(inputs), exponent(weights)
    core = ldexp(inputs, -ei) @ ldexp(weights, -ew)
    e = ei + ew
    return halving(
        lambda h: (
            ldexp(core, e) * h + h * np.asarray(bias, dtype=float)
            if h == 1.0
            else ldexp(core, e - 1) + h * np.asarray(bias, dtype=float)
        )
    )
