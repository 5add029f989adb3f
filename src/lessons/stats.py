"""Descriptive statistics, the normal curve and the central limit theorem (chapter 2).

Sample statistics use ``ddof=1`` (divide by n − 1) by default, like pandas.
Every statistic is computed on the data scaled by a power of two (exact), so
values as large as 1e308 or as small as 1e-300 give the right answer, or a
clear error when the answer itself does not fit in a double (the variance of
numbers near 1e200 is near 1e400).

>>> heights = [160.0, 170.0, 165.0, 175.0]
>>> mean(heights), median(heights), round(std(heights), 3)
(167.5, 167.5, 6.455)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from lessons._checks import (
    MAX_VALUES,
    as_float,
    as_floats,
    paired,
    positive,
    positive_int,
    seed_int,
    whole_number,
    within_size,
)
from lessons._numeric import exponent, ldexp, scaled_mean, unscale


def mean(values) -> float:
    """The arithmetic mean: the sum divided by the count.

    >>> mean([2, 4, 9])
    5.0
    >>> mean([1e308, 1e308])  # the plain sum would overflow
    1e+308
    """
    x = as_floats(values, "values")
    m, e = scaled_mean(x)
    return unscale(m, e, "the mean of values")


def median(values) -> float:
    """The middle value once sorted (the mean of the two middle ones for an even count).

    >>> median([9, 2, 4]), median([1, 2, 3, 10])
    (4.0, 2.5)
    """
    x = np.sort(as_floats(values, "values"))
    middle = x.size // 2
    if x.size % 2:
        return float(x[middle])
    with np.errstate(over="ignore"):
        both = x[middle - 1] + x[middle]
    if not np.isfinite(both):  # two huge middle values: halve first
        return float(x[middle - 1] / 2 + x[middle] / 2)
    return float(both / 2)


def _spread(values, ddof: int) -> tuple[np.ndarray, float, int]:
    """Scaled data, the scaled variance and the scale: variance = v · 2**(2e)."""
    ddof = whole_number(ddof, "ddof", minimum=0)
    x = as_floats(values, "values", min_size=ddof + 1)
    e = exponent(x)
    scaled = ldexp(x, -e)
    if scaled.min() == scaled.max():  # all equal: exactly 0, not the rounding of their mean
        return scaled, 0.0, e
    deviations = scaled - scaled.sum() / scaled.size
    return scaled, float((deviations**2).sum() / (x.size - ddof)), e


def variance(values, ddof: int = 1) -> float:
    """The mean squared distance from the mean, dividing by ``n - ddof``.

    ``ddof`` is a whole number (0 for the population variance, 1 for a sample).

    >>> variance([2, 4, 9]), variance([2, 4, 9], ddof=0)
    (13.0, 8.666666666666666)
    >>> variance([2, 4, 9], ddof=1.0)
    Traceback (most recent call last):
    ...
    TypeError: ddof must be a whole number, got float 1.0
    """
    _, v, e = _spread(values, ddof)
    return unscale(v, 2 * e, "the variance of values")


def std(values, ddof: int = 1) -> float:
    """The standard deviation: the square root of :func:`variance`.

    >>> round(std([2, 4, 9]), 4)
    3.6056
    >>> std([0, 1e-170])  # its variance, 5e-341, is too small for a double; the std is not
    7.071067811865476e-171
    """
    _, v, e = _spread(values, ddof)
    return unscale(float(np.sqrt(v)), e, "the standard deviation of values")


def correlation(x, y) -> float:
    """Pearson's correlation coefficient r between two paired samples (−1 … 1).

    r does not change when x or y is rescaled, so it is computed on scaled data.

    >>> correlation([1, 2, 3], [2, 4, 7])
    0.9933992677987828
    >>> round(correlation([1e200, 2e200, 3e200], [2, 4, 7]), 12)
    0.993399267799
    """
    x, y = paired(x, y, min_size=2)
    x, y = ldexp(x, -exponent(x)), ldexp(y, -exponent(y))
    dx, dy = x - x.mean(), y - y.mean()
    spread = np.sqrt((dx**2).sum() * (dy**2).sum())
    if spread == 0 or x.min() == x.max() or y.min() == y.max():
        raise ValueError("correlation is undefined when x or y is constant")
    return float(np.clip((dx * dy).sum() / spread, -1.0, 1.0))


class Summary(NamedTuple):
    """The summary :func:`describe` returns."""

    count: int
    mean: float
    median: float
    std: float
    min: float
    max: float


def describe(values) -> Summary:
    """Count, mean, median, (sample) standard deviation, minimum and maximum.

    >>> describe([2, 4, 9])
    Summary(count=3, mean=5.0, median=4.0, std=3.605551275463989, min=2.0, max=9.0)
    """
    x = as_floats(values, "values", min_size=2)
    return Summary(int(x.size), mean(x), median(x), std(x), float(x.min()), float(x.max()))


def normal_pdf(x, mu: float, sigma: float) -> np.ndarray | float:
    """The normal (Gaussian) density with mean ``mu`` and standard deviation ``sigma``.

    f(x) = exp(−(x − μ)² / (2σ²)) / (σ √(2π))

    Far in the tails the density is 0 (it is below the smallest double). A σ so
    small that the peak 1/(σ√(2π)) exceeds the largest double is an error.

    >>> round(normal_pdf(0.0, 0.0, 1.0), 4)
    0.3989
    >>> normal_pdf([-1.0, 1.0], 0.0, 1.0).round(4)
    array([0.242, 0.242])
    >>> round(normal_pdf(2e200, 1e200, 1e200) * 1e200, 6)  # σ = 1e200: one σ from the mean
    0.241971
    """
    mu = as_float(mu, "mu")
    sigma = positive(sigma, "sigma")
    values = as_floats(x, "x", ndim=None)
    scalar = values.ndim == 0
    values = as_floats(np.atleast_1d(values), "x")
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        distance = values - mu
        if 1e-100 <= sigma <= 1e100 and np.all(np.abs(distance) <= 1e100):
            # the plain formula: every square and quotient fits (a huge ratio gives e^−inf = 0)
            density = np.exp(-(distance**2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))
        else:
            # in units of σ, and through the logarithm: nothing overflows on the way
            z = np.where(
                np.isfinite(distance), distance / sigma, (values / 2 - mu / 2) / (sigma / 2)
            )
            log_density = -0.5 * z * z - np.log(sigma) - 0.5 * np.log(2 * np.pi)
            if np.any(log_density > np.log(np.finfo(float).max)):
                raise ValueError(
                    f"sigma={sigma:g} is too small: the density near mu, "
                    "1/(sigma·√(2π)), is beyond the largest double (1.8e308)"
                )
            density = np.exp(log_density)
    return float(density[0]) if scalar else density


def sample_means(values, sample_size: int, n_samples: int, seed: int) -> np.ndarray:
    """Means of ``n_samples`` random samples of ``sample_size`` values (drawn with replacement).

    The central limit theorem says these means pile up in a bell shape around
    the mean of ``values``, narrower as ``sample_size`` grows, whatever the
    shape of ``values`` itself.

    >>> means = sample_means([1, 2, 3, 4, 100], sample_size=2, n_samples=4, seed=0)
    >>> means
    array([52. ,  2.5,  1.5,  1. ])
    >>> (sample_means([1, 2, 3], 5, 3, seed=7) == sample_means([1, 2, 3], 5, 3, seed=7)).all()
    np.True_
    """
    x = as_floats(values, "values")
    sample_size = positive_int(sample_size, "sample_size", maximum=MAX_VALUES)
    n_samples = positive_int(n_samples, "n_samples", maximum=MAX_VALUES)
    within_size(sample_size * n_samples, "sample_size × n_samples")
    rng = np.random.default_rng(seed_int(seed))
    picks = rng.integers(0, x.size, size=(n_samples, sample_size))
    e = exponent(x)
    return unscale(ldexp(x, -e)[picks].mean(axis=1), e, "the sample means of values")


def standardise(values) -> np.ndarray:
    """z-scores: subtract the mean, divide by the (sample) standard deviation.

    Standardised data have mean 0 and standard deviation 1, which makes gradient
    descent and small networks behave well whatever the original units.

    >>> standardise([1.0, 2.0, 3.0])
    array([-1.,  0.,  1.])
    >>> standardise([1.0, 2.0, 1e308]).round(4)  # one enormous value among small ones
    array([-0.5774, -0.5774,  1.1547])
    """
    scaled, v, _ = _spread(values, 1)
    if v == 0:
        raise ValueError("cannot standardise values that are all equal (standard deviation 0)")
    return (scaled - scaled.sum() / scaled.size) / np.sqrt(v)


class CLTSimulation(NamedTuple):
    """What :func:`clt_simulation` returns."""

    means: pd.DataFrame  #: columns n, mean: ``n_samples`` sample means for each size n
    curves: pd.DataFrame  #: columns n, x, density: the normal curve N(μ, σ/√n) for each n
    low: float  #: the smallest of the values (the curves span low … high)
    high: float  #: the largest of the values


def clt_simulation(
    values, max_size: int, n_samples: int, seed: int, points: int = 241
) -> CLTSimulation:
    """The central limit theorem by simulation, for every sample size n = 1 … ``max_size``.

    For each n, ``n_samples`` means of random samples (:func:`sample_means`,
    seed ``seed + n``), and the normal curve the theorem predicts for them:
    mean μ and standard deviation σ/√n of the values (σ with ``ddof=0``, the
    spread of the values themselves), kept where the density exceeds 10⁻⁵.

    >>> sim = clt_simulation([1.0, 2.0, 3.0, 10.0], max_size=2, n_samples=3, seed=0)
    >>> sim.means
       n  mean
    0  1   2.0
    1  1   3.0
    2  1  10.0
    3  2   6.0
    4  2   1.5
    5  2   6.0
    >>> sim.low, sim.high, sim.curves["n"].unique().tolist()
    (1.0, 10.0, [1, 2])
    """
    x = as_floats(values, "values", min_size=2)
    max_size = positive_int(max_size, "max_size")
    n_samples = positive_int(n_samples, "n_samples")
    points = positive_int(points, "points")
    seed = seed_int(seed)
    within_size(max_size * (max_size + 1) // 2 * n_samples, "the samples of max_size × n_samples")
    mu, sigma = mean(x), std(x, ddof=0)
    if sigma == 0:
        raise ValueError("clt_simulation needs values that are not all equal")
    xs = np.linspace(x.min(), x.max(), points)
    means, curves = [], []
    for n in range(1, max_size + 1):
        means.append(pd.DataFrame({"n": n, "mean": sample_means(x, n, n_samples, seed + n)}))
        density = normal_pdf(xs, mu, sigma / np.sqrt(n))
        keep = density > 1e-5
        curves.append(pd.DataFrame({"n": n, "x": xs[keep], "density": density[keep]}))
    return CLTSimulation(
        pd.concat(means, ignore_index=True),
        pd.concat(curves, ignore_index=True),
        float(x.min()),
        float(x.max()),
    )
