"""Descriptive statistics, the normal curve and the central limit theorem (chapter 2).

Sample statistics use ``ddof=1`` (divide by n − 1) by default, like pandas.

>>> heights = [160.0, 170.0, 165.0, 175.0]
>>> mean(heights), median(heights), round(std(heights), 3)
(167.5, 167.5, 6.455)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from lessons._checks import as_float, as_floats, positive, positive_int, same_length, seed_int


def mean(values) -> float:
    """The arithmetic mean: the sum divided by the count.

    >>> mean([2, 4, 9])
    5.0
    """
    x = as_floats(values, "values")
    return float(x.sum() / x.size)


def median(values) -> float:
    """The middle value once sorted (the mean of the two middle ones for an even count).

    >>> median([9, 2, 4]), median([1, 2, 3, 10])
    (4.0, 2.5)
    """
    x = np.sort(as_floats(values, "values"))
    middle = x.size // 2
    return float(x[middle]) if x.size % 2 else float((x[middle - 1] + x[middle]) / 2)


def variance(values, ddof: int = 1) -> float:
    """The mean squared distance from the mean, dividing by ``n - ddof``.

    >>> variance([2, 4, 9]), variance([2, 4, 9], ddof=0)
    (13.0, 8.666666666666666)
    """
    if isinstance(ddof, bool) or not isinstance(ddof, (int, np.integer)) or ddof < 0:
        raise ValueError(f"ddof must be 0 or a positive whole number, got {ddof!r}")
    x = as_floats(values, "values", min_size=ddof + 1)
    deviations = x - mean(x)
    return float((deviations**2).sum() / (x.size - ddof))


def std(values, ddof: int = 1) -> float:
    """The standard deviation: the square root of :func:`variance`.

    >>> round(std([2, 4, 9]), 4)
    3.6056
    """
    return float(np.sqrt(variance(values, ddof=ddof)))


def correlation(x, y) -> float:
    """Pearson's correlation coefficient r between two paired samples (−1 … 1).

    >>> correlation([1, 2, 3], [2, 4, 7])
    0.9933992677987828
    """
    x = as_floats(x, "x", min_size=2)
    y = as_floats(y, "y", min_size=2)
    same_length(x, y)
    dx, dy = x - x.mean(), y - y.mean()
    spread = np.sqrt((dx**2).sum() * (dy**2).sum())
    if spread == 0:
        raise ValueError("correlation is undefined when x or y is constant")
    return float((dx * dy).sum() / spread)


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

    >>> round(normal_pdf(0.0, 0.0, 1.0), 4)
    0.3989
    >>> normal_pdf([-1.0, 1.0], 0.0, 1.0).round(4)
    array([0.242, 0.242])
    """
    mu = as_float(mu, "mu")
    sigma = positive(sigma, "sigma")
    scalar = np.ndim(x) == 0
    values = as_floats(np.atleast_1d(x), "x")
    density = np.exp(-((values - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))
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
    sample_size = positive_int(sample_size, "sample_size")
    n_samples = positive_int(n_samples, "n_samples")
    rng = np.random.default_rng(seed_int(seed))
    picks = rng.integers(0, x.size, size=(n_samples, sample_size))
    return x[picks].mean(axis=1)


def standardise(values) -> np.ndarray:
    """z-scores: subtract the mean, divide by the (sample) standard deviation.

    Standardised data have mean 0 and standard deviation 1, which makes gradient
    descent and small networks behave well whatever the original units.

    >>> standardise([1.0, 2.0, 3.0])
    array([-1.,  0.,  1.])
    """
    x = as_floats(values, "values", min_size=2)
    spread = std(x)
    if spread == 0:
        raise ValueError("cannot standardise values that are all equal (standard deviation 0)")
    return (x - mean(x)) / spread


class CLTSimulation(NamedTuple):
    """What :func:`clt_simulation` returns."""

    means: pd.DataFrame  #: columns n, mean: ``n_samples`` sample means for each size n
    curves: pd.DataFrame  #: columns n, x, density: the normal curve N(μ, σ/√n) for each n
    low: float  #: the smallest of the values (the curves span low … high)
    high: float  #: the largest of the values


def clt_simulation(values, max_size: int, n_samples: int, seed: int,
                   points: int = 241) -> CLTSimulation:
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
    return CLTSimulation(pd.concat(means, ignore_index=True), pd.concat(curves, ignore_index=True),
                         float(x.min()), float(x.max()))
