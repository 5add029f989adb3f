"""Softmax and cross-entropy against independent references (SciPy, a plain log-sum-exp, finite differences)."""

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from lessons import propagation as prop, softmax

score_tables = arrays(
    np.float64, st.tuples(st.integers(1, 6), st.integers(2, 10)), elements=st.floats(-50, 50)
)


def plain_cross_entropy(z, y):
    """−log p of the right class, written out from the definition with math.log and sums."""
    import math

    total = 0.0
    for row, label in zip(z, y):
        top = max(row)
        log_sum = top + math.log(sum(math.exp(v - top) for v in row))
        total += log_sum - row[label]
    return total / len(z)


@settings(max_examples=60, deadline=None)
@given(score_tables)
def test_softmax_matches_scipy(z):
    np.testing.assert_allclose(
        softmax.softmax(z), scipy.special.softmax(z, axis=1), rtol=1e-12, atol=1e-300
    )
    np.testing.assert_allclose(
        softmax.log_softmax(z), scipy.special.log_softmax(z, axis=1), rtol=1e-12, atol=1e-12
    )


@settings(max_examples=60, deadline=None)
@given(score_tables, st.data())
def test_cross_entropy_matches_a_plain_reimplementation(z, data):
    y = data.draw(st.lists(st.integers(0, z.shape[1] - 1), min_size=len(z), max_size=len(z)))
    assert softmax.cross_entropy(z, y) == pytest.approx(
        plain_cross_entropy(z.tolist(), y), rel=1e-10, abs=1e-12
    )


def test_cross_entropy_matches_scipy_log_of_the_right_probability():
    rng = np.random.default_rng(3)
    z = rng.normal(scale=4, size=(30, 10))
    y = rng.integers(0, 10, 30)
    expected = -np.mean(np.log(scipy.special.softmax(z, axis=1)[np.arange(30), y]))
    assert softmax.cross_entropy(z, y) == pytest.approx(expected, rel=1e-12)


def test_stable_for_huge_scores():
    z = np.array([[1000.0, 0.0, -1000.0], [-1e6, 1e6, 0.0]])
    p = softmax.softmax(z)
    assert np.isfinite(p).all() and np.allclose(p.sum(axis=1), 1)
    assert softmax.cross_entropy(z, [0, 1]) == pytest.approx(0.0, abs=1e-12)
    assert softmax.cross_entropy(z, [2, 0]) == pytest.approx((2000 + 2e6) / 2)


def test_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(7, 10))
    y = rng.integers(0, 10, 7)
    numeric = prop.numerical_gradient(lambda p: softmax.cross_entropy(p["z"], y), {"z": z})
    analytic = {"z": softmax.cross_entropy_gradient(z, y)}
    assert prop.relative_error(analytic, numeric) < 1e-8


def test_gradient_rows_sum_to_zero_and_point_away_from_the_answer():
    z = np.random.default_rng(1).normal(size=(5, 10))
    grad = softmax.cross_entropy_gradient(z, [0, 1, 2, 3, 4])
    np.testing.assert_allclose(grad.sum(axis=1), 0, atol=1e-15)
    assert (grad[np.arange(5), [0, 1, 2, 3, 4]] < 0).all()


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: softmax.softmax([[1.0]]), ValueError, "at least two classes"),
        (lambda: softmax.softmax([[1.0, np.nan]]), ValueError, "NaN"),
        (lambda: softmax.softmax("12"), TypeError, "string"),
        (lambda: softmax.cross_entropy([[0.0, 1.0]], [2]), ValueError, "classes 0 to 1"),
        (lambda: softmax.cross_entropy([[0.0, 1.0]], [0.5]), TypeError, "whole numbers"),
        (
            lambda: softmax.cross_entropy([[0.0, 1.0]], [0, 1]),
            ValueError,
            "same number of examples",
        ),
        (lambda: softmax.one_hot([-1], 3), ValueError, "classes 0 to 2"),
        (lambda: softmax.one_hot([1], 0), ValueError, "n_classes"),
    ],
)
def test_bad_input_is_refused_clearly(call, error, words):
    with pytest.raises(error, match=words):
        call()
