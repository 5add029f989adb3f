"""lessons.bins against pandas (pd.cut + groupby), and its refusals."""

import numpy as np
import pandas as pd
import pytest

from lessons import bins, data, ols


def reference(x, values, edges):
    """pandas' own binning: [low, high) bins, the last one closed on the right too."""
    frame = pd.DataFrame({"x": x, "v": values})
    last = frame["x"] == edges[-1]
    cut = pd.cut(frame["x"].where(~last, edges[-2]), edges, right=False)
    return frame.groupby(cut, observed=False)["v"].agg(["count", "mean"]).reset_index(drop=True)


def test_matches_pandas_on_the_cars():
    cars = data.load_cars()
    line = ols.fit_line(cars["Horsepower"], cars["Miles_per_Gallon"])
    residuals = ols.residuals(cars["Horsepower"], cars["Miles_per_Gallon"], *line)
    edges = list(range(40, 251, 30))
    ours = bins.binned_means(cars["Horsepower"], residuals, edges)
    theirs = reference(cars["Horsepower"], residuals, edges)
    assert ours["count"].tolist() == theirs["count"].tolist()
    np.testing.assert_allclose(ours["mean"], theirs["mean"], rtol=1e-12)
    assert ours["low"].tolist() == edges[:-1] and ours["high"].tolist() == edges[1:]


@pytest.mark.parametrize("seed", range(5))
def test_matches_pandas_on_random_data_with_ties(seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 20, size=200).astype(float)  # many ties, and both end edges hit
    x[:2] = [0.0, 20.0]
    values = rng.normal(size=200)
    edges = [0.0, 4.0, 8.5, 13.0, 20.0]
    ours = bins.binned_means(x, values, edges)
    theirs = reference(x, values, edges)
    assert ours["count"].tolist() == theirs["count"].tolist()
    np.testing.assert_allclose(ours["mean"], theirs["mean"], rtol=1e-12)


def test_ties_never_split_whatever_the_order():
    x = np.array([1.0, 2.0, 2.0, 2.0, 3.0, 4.0])
    values = np.arange(6.0)
    order = np.array([5, 3, 0, 2, 4, 1])
    a = bins.binned_means(x, values, [1, 2, 4])
    b = bins.binned_means(x[order], values[order], [1, 2, 4])
    pd.testing.assert_frame_equal(a, b)
    assert a["count"].tolist() == [1, 5]


@pytest.mark.parametrize(
    "x, values, edges, message",
    [
        ([1, 2], [1.0, 2.0], [0, 1, 2, 3], "holds no x"),
        ([1, 5], [1.0, 2.0], [0, 3], "within the edges"),
        ([1, 2], [1.0, 2.0], [0, 3, 3], "increase strictly"),
        ([1, 2], [1.0], [0, 3], "same length|length"),
        ([1, 2], [1.0, float("nan")], [0, 3], "NaN"),
        ([1, 2], [1.0, 2.0], [0], "at least 2"),
    ],
)
def test_bad_input_raises_a_clear_error(x, values, edges, message):
    with pytest.raises(ValueError, match=message):
        bins.binned_means(x, values, edges)


def test_strings_are_refused():
    with pytest.raises(TypeError):
        bins.binned_means("abc", [1.0], [0, 1])
