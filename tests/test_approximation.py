"""Bumps and ReLU (chapter 5) against formulas written out independently."""

import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from lessons import approximation as ap, neuron


def logistic(t):
    return 1.0 / (1.0 + math.exp(-t)) if t > -700 else 0.0


@given(st.floats(-5, 5), st.floats(-3, 0), st.floats(0.1, 3), st.floats(0.5, 30))
def test_a_bump_is_the_difference_of_two_sigmoids(x, left, width, steepness):
    right = left + width
    expected = logistic(steepness * (x - left)) - logistic(steepness * (x - right))
    assert ap.bump(x, left, right, steepness) == pytest.approx(expected, abs=1e-12)


def test_a_steep_bump_is_an_indicator_of_its_interval():
    x = np.array([-0.5, 0.01, 0.5, 0.99, 1.5])
    np.testing.assert_allclose(ap.bump(x, 0.0, 1.0, 5000.0), [0, 1, 1, 1, 0], atol=1e-12)


def test_more_bumps_follow_a_curve_more_closely():
    x = np.linspace(0, 2 * np.pi, 500)
    errors = []
    for count in (4, 8, 16, 32):
        edges, heights = ap.bumps_for(np.sin, 0, 2 * np.pi, count)
        approx = ap.sum_of_bumps(x, edges, heights, steepness=8 * count / (2 * np.pi))
        errors.append(np.abs(approx - np.sin(x)).max())
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 0.06


def test_a_sum_of_bumps_is_a_network_with_two_hidden_neurons_per_bump():
    edges, heights = np.array([0.0, 1.0, 3.0]), np.array([2.0, -1.0])
    x = np.linspace(-1, 4, 50)
    s = 6.0
    # hidden layer: one neuron per edge of each bump; output weights ±height
    W1 = s * np.ones((1, 4))
    b1 = -s * np.array([0.0, 1.0, 1.0, 3.0])
    W2 = np.array([2.0, -2.0, -1.0, 1.0])
    network = neuron.layer(x[:, None], W1, b1) @ W2
    np.testing.assert_allclose(ap.sum_of_bumps(x, edges, heights, s), network, atol=1e-12)


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: ap.bump(0.0, 1.0, 0.0, 1.0), ValueError),
        (lambda: ap.bump(0.0, 0.0, 1.0, 0.0), ValueError),
        (lambda: ap.bump("a", 0.0, 1.0, 1.0), TypeError),
        (lambda: ap.sum_of_bumps([0.0], [0.0, 1.0], [1.0, 2.0], 1.0), ValueError),
        (lambda: ap.sum_of_bumps([0.0], [1.0, 0.0], [1.0], 1.0), ValueError),
        (lambda: ap.bumps_for(np.sin, 1.0, 0.0, 3), ValueError),
        (lambda: ap.bumps_for(np.sin, 0.0, 1.0, 0), ValueError),
        (lambda: ap.bumps_for("sin", 0.0, 1.0, 3), TypeError),
        (lambda: ap.bumps_for(lambda x: 1.0, 0.0, 1.0, 3), ValueError),
        (lambda: neuron.relu("x"), TypeError),
        (lambda: neuron.relu([1.0, float("nan")]), ValueError),
    ],
)
def test_bad_arguments_raise(call, error):
    with pytest.raises(error):
        call()


@given(st.floats(-1e6, 1e6))
def test_relu_is_the_positive_part(z):
    assert neuron.relu(z) == (z if z > 0 else 0.0)
    assert neuron.relu(np.array([z]))[0] == (z if z > 0 else 0.0)
