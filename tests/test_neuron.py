"""lessons.neuron: the sigmoid's range, symmetry and limits; neurons against hand computation."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st

from lessons import data, neuron


def test_sigmoid_limits_are_exact_and_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            values = neuron.sigmoid(np.array([-1000.0, 1000.0]))
    assert values[0] == 0.0 and values[1] == 1.0


@given(st.floats(min_value=-700, max_value=700))
def test_sigmoid_matches_the_formula_and_is_symmetric(z):
    s = neuron.sigmoid(z)
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-12, abs=1e-300)
    assert neuron.sigmoid(-z) == pytest.approx(1 - s, abs=1e-15)


def test_sigmoid_derivative_matches_finite_differences():
    z = np.linspace(-6, 6, 13)
    h = 1e-6
    numeric = (neuron.sigmoid(z + h) - neuron.sigmoid(z - h)) / (2 * h)
    assert np.allclose(neuron.sigmoid_derivative(z), numeric, atol=1e-9)


def test_neuron_with_many_inputs_is_a_weighted_sum_then_sigmoid():
    x = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0]])
    w = np.array([0.2, -0.1, 0.4])
    expected = [1 / (1 + math.exp(-(row @ w - 0.3))) for row in x]
    assert np.allclose(neuron.neuron(x, w, -0.3), expected)


def test_layer_is_neurons_side_by_side():
    rng = np.random.default_rng(0)
    x, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    out = neuron.layer(x, W, b)
    for j in range(4):
        assert np.allclose(out[:, j], neuron.neuron(x, W[:, j], b[j]))


def test_study_hours_fit_matches_the_published_logistic_regression():
    study = data.load_study_hours()
    w, b = neuron.fit_neuron(study["hours"], study["passed"])
    assert round(w, 3) == 1.505  # published slope 1.5046
    assert round(b, 3) == -4.078  # published intercept −4.0777
    # gradient of the log-loss vanishes at the fit (finite differences)
    h = 1e-6
    dw = (
        neuron.log_loss(study.hours, study.passed, w + h, b)
        - neuron.log_loss(study.hours, study.passed, w - h, b)
    ) / (2 * h)
    assert abs(dw) < 1e-6
