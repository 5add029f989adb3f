"""lessons.neuron.log_loss_gradients: against finite differences, and it is what fit_neuron follows."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from lessons import data, neuron


def finite_differences(x, y, w, b, h=1e-6):
    dw = (neuron.log_loss(x, y, w + h, b) - neuron.log_loss(x, y, w - h, b)) / (2 * h)
    db = (neuron.log_loss(x, y, w, b + h) - neuron.log_loss(x, y, w, b - h)) / (2 * h)
    return dw, db


@settings(deadline=None)  # a busy machine must not fail a test on time
@given(
    st.floats(min_value=-3, max_value=3),
    st.floats(min_value=-6, max_value=6),
)
def test_gradients_match_finite_differences(w, b):
    study = data.load_study_hours()
    analytic = neuron.log_loss_gradients(study["hours"], study["passed"], w, b)
    numeric = finite_differences(study["hours"], study["passed"], w, b)
    assert analytic == pytest.approx(numeric, abs=1e-6)


def test_gradients_vanish_at_the_fitted_neuron():
    study = data.load_study_hours()
    w, b = neuron.fit_neuron(study["hours"], study["passed"])
    dw, db = neuron.log_loss_gradients(study["hours"], study["passed"], w, b)
    assert abs(dw) < 1e-9 and abs(db) < 1e-9


def test_gradients_of_confident_answers():
    # sure and right: nothing to learn; sure and wrong: the error is ±1 per point
    assert neuron.log_loss_gradients([-1.0, 1.0], [0, 1], w=1e6, b=0.0) == (0.0, 0.0)
    dw, db = neuron.log_loss_gradients([-1.0, 1.0], [1, 0], w=1e6, b=0.0)
    assert (dw, db) == (1.0, 0.0)


def test_huge_inputs_give_a_finite_gradient_or_a_clear_error():
    dw, db = neuron.log_loss_gradients([1e308, -1e308], [1, 0], w=1.0, b=0.0)
    assert np.isfinite(dw) and (dw, db) == (0.0, 0.0)
    with pytest.raises(ValueError, match="gradient of the log loss"):
        neuron.log_loss_gradients([1e308, 1.7e308], [0, 0], w=1.0, b=0.0)


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="only 0"):
        neuron.log_loss_gradients([1.0, 2.0], [0, 2], w=1.0, b=0.0)
    with pytest.raises(ValueError, match="w"):
        neuron.log_loss_gradients([1.0, 2.0], [0, 1], w=float("nan"), b=0.0)
