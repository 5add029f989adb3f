"""Mini-batch gradient descent: against NumPy least squares and a plain reimplementation."""

import numpy as np
import pytest

from lessons import data, gradient_descent as gd, sgd


def standardised_nhanes():
    body = data.load_body_measurements()
    x, y = body["height_cm"].to_numpy(), body["weight_kg"].to_numpy()
    return (x - x.mean()) / x.std(), y


def reference_sgd(x, y, alpha, epochs, batch_size, seed):
    """The same algorithm written out independently (no lessons code)."""
    rng = np.random.default_rng(seed)
    w = b = 0.0
    losses = [np.mean(y**2)]
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch_size):
            i = order[start : start + batch_size]
            error = y[i] - (w * x[i] + b)
            w, b = w + alpha * 2 * np.mean(x[i] * error), b + alpha * 2 * np.mean(error)
        losses.append(np.mean((y - (w * x + b)) ** 2))
    return w, b, np.array(losses)


def test_matches_an_independent_reimplementation():
    x, y = standardised_nhanes()
    result = sgd.fit_line_sgd(x, y, learning_rate=0.05, epochs=3, batch_size=64, seed=7)
    w, b, losses = reference_sgd(x, y, 0.05, 3, 64, 7)
    assert result.w == pytest.approx(w, rel=1e-12)
    assert result.b == pytest.approx(b, rel=1e-12)
    np.testing.assert_allclose(result.history["loss"], losses, rtol=1e-12)
    assert result.steps_per_epoch == -(-len(x) // 64)


def test_ends_near_numpy_least_squares():
    x, y = standardised_nhanes()
    slope, intercept = np.polyfit(x, y, 1)
    result = sgd.fit_line_sgd(x, y, learning_rate=0.01, epochs=20, batch_size=32, seed=0)
    assert result.w == pytest.approx(slope, abs=1.0)
    assert result.b == pytest.approx(intercept, abs=1.0)
    best = np.mean((y - (slope * x + intercept)) ** 2)
    assert best <= result.history["loss"].iloc[-1] < 1.01 * best


def test_one_batch_of_everything_is_full_batch_gradient_descent():
    x, y = standardised_nhanes()
    mini = sgd.fit_line_sgd(x, y, learning_rate=0.1, epochs=30, batch_size=len(x), seed=3)
    full = gd.fit_line_gd(x, y, learning_rate=0.1, steps=30)
    # only the order of the sums differs (the points are shuffled)
    np.testing.assert_allclose(
        mini.history[["w", "b", "loss"]], full.history[["w", "b", "loss"]], rtol=1e-10
    )
    assert mini.steps_per_epoch == 1


def test_the_seed_repeats_a_run_and_another_seed_changes_it():
    x, y = standardised_nhanes()
    a = sgd.fit_line_sgd(x, y, learning_rate=0.05, epochs=2, batch_size=16, seed=1)
    b = sgd.fit_line_sgd(x, y, learning_rate=0.05, epochs=2, batch_size=16, seed=1)
    c = sgd.fit_line_sgd(x, y, learning_rate=0.05, epochs=2, batch_size=16, seed=2)
    assert a.history.equals(b.history)
    assert not a.history.equals(c.history)


def test_divergence_is_loud():
    x, y = standardised_nhanes()
    with pytest.raises(gd.DivergenceError, match=r"learning_rate=3\.0"):
        sgd.fit_line_sgd(x, y, learning_rate=3.0, epochs=50, batch_size=32, seed=0)


def test_divergence_uses_the_rule_of_fit_line_gd():
    # full batch, learning rate just above 1 (the limit for standardised x): the loss
    # grows slowly, finite all along, until it passes DIVERGENCE_FACTOR times the start
    x, y = standardised_nhanes()
    steps = gd.fit_line_gd(x, y, learning_rate=1.05, steps=2000, on_divergence="stop")
    assert steps.diverged
    with pytest.raises(gd.DivergenceError, match=rf"epoch {len(steps.history)} "):
        sgd.fit_line_sgd(x, y, learning_rate=1.05, epochs=2000, batch_size=len(x), seed=0)


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"batch_size": 0}, ValueError),
        ({"batch_size": 6}, ValueError),
        ({"batch_size": 2.0}, TypeError),
        ({"epochs": 0}, ValueError),
        ({"learning_rate": -0.1}, ValueError),
        ({"seed": -1}, ValueError),
        ({"seed": 1.5}, TypeError),
    ],
)
def test_bad_arguments_raise(kwargs, error):
    args = {"learning_rate": 0.1, "epochs": 2, "batch_size": 2, "seed": 0} | kwargs
    with pytest.raises(error):
        sgd.fit_line_sgd([1, 2, 3, 4, 5], [2, 4, 5, 4, 6], **args)


def test_x_and_y_must_pair_up():
    with pytest.raises(ValueError, match="same length"):
        sgd.fit_line_sgd([1, 2, 3], [1, 2], learning_rate=0.1, epochs=1, batch_size=1, seed=0)
