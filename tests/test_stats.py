"""lessons.stats against pandas and against what the normal curve must satisfy."""

import numpy as np
import pandas as pd
import pytest

from lessons import data, stats


@pytest.fixture(scope="module")
def heights():
    return data.load_body_measurements()["height_cm"]


@pytest.mark.parametrize("column", ["height_cm", "weight_kg", "age"])
def test_descriptive_statistics_match_pandas(column):
    values = data.load_body_measurements()[column]
    assert stats.mean(values) == pytest.approx(values.mean(), rel=1e-12)
    assert stats.median(values) == pytest.approx(values.median(), rel=1e-12)
    assert stats.variance(values) == pytest.approx(values.var(), rel=1e-12)
    assert stats.std(values) == pytest.approx(values.std(), rel=1e-12)
    assert stats.variance(values, ddof=0) == pytest.approx(values.var(ddof=0), rel=1e-12)


def test_describe_matches_pandas(heights):
    summary = stats.describe(heights)
    reference = heights.describe()
    assert summary.count == reference["count"]
    assert summary.mean == pytest.approx(reference["mean"])
    assert summary.median == pytest.approx(reference["50%"])
    assert summary.std == pytest.approx(reference["std"])
    assert (summary.min, summary.max) == (reference["min"], reference["max"])


def test_correlation_matches_pandas():
    body = data.load_body_measurements()
    expected = body["height_cm"].corr(body["weight_kg"])
    assert stats.correlation(body["height_cm"], body["weight_kg"]) == pytest.approx(expected)


def test_figures_quoted_in_the_data_notes(heights):
    # ../shared/DATA-NOTES.md measured these on the same sample independently.
    assert round(stats.mean(heights), 2) == 166.28
    assert stats.median(heights) == 165.8
    assert round(stats.std(heights), 2) == 10.11


def test_normal_pdf_integrates_to_one_and_peaks_at_the_mean():
    x = np.linspace(100, 230, 20001)
    density = stats.normal_pdf(x, mu=166.0, sigma=10.0)
    assert np.trapezoid(density, x) == pytest.approx(1.0, abs=1e-6)
    assert x[np.argmax(density)] == pytest.approx(166.0, abs=0.01)
    # one standard deviation away the density is e^(-1/2) of the peak
    ratio = stats.normal_pdf(176.0, 166.0, 10.0) / stats.normal_pdf(166.0, 166.0, 10.0)
    assert ratio == pytest.approx(np.exp(-0.5))


def test_sample_means_follow_the_central_limit_theorem():
    weights = data.load_body_measurements()["weight_kg"].to_numpy()
    means = stats.sample_means(weights, sample_size=50, n_samples=4000, seed=1)
    assert means.mean() == pytest.approx(weights.mean(), rel=0.01)
    # the spread of the means is σ/√n
    assert means.std() == pytest.approx(weights.std() / np.sqrt(50), rel=0.05)
    # and the skew of the data nearly vanishes in the means
    assert abs(pd.Series(means).skew()) < 0.5 * pd.Series(weights).skew()


def test_sample_means_are_reproducible_bit_for_bit():
    a = stats.sample_means(range(100), 10, 50, seed=3)
    b = stats.sample_means(range(100), 10, 50, seed=3)
    assert a.tobytes() == b.tobytes()
    assert not np.array_equal(a, stats.sample_means(range(100), 10, 50, seed=4))
