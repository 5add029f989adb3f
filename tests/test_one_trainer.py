"""Chapters 5 and 6 train on the one trainer (lessons.network.train).

fit_line_gd, fit_line_sgd and fit_neuron are network.train on a network of one
neuron. Each is compared here with an independent reference: NumPy's least
squares for the line, Newton's method written out in NumPy for the neuron,
finite differences and lessons.autodiff for the new log-loss piece; and the
update loops chapter 6 writes on the page take the trainer's steps bit for bit.
"""

import re

import numpy as np
import pytest

from lessons import data, gradient_descent as gd, network, neuron, sgd
from lessons.autodiff import Value
from lessons.layers import Dense, SigmoidCrossEntropy


def standardised_heights():
    body = data.load_body_measurements()
    x = body["height_cm"].to_numpy()
    return (x - x.mean()) / x.std(), body["weight_kg"].to_numpy()


def lstsq_line(x, y):
    (slope, intercept), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
    return slope, intercept


def newton_logistic(x, y, steps=50):
    """Logistic regression by Newton's method (no lessons code): the likeliest (w, b)."""
    X = np.column_stack([x, np.ones_like(x)])
    theta = np.zeros(2)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ theta))
        gradient = X.T @ (p - y) / len(y)
        hessian = (X * (p * (1 - p))[:, None]).T @ X / len(y)
        theta -= np.linalg.solve(hessian, gradient)
    return theta


@pytest.mark.parametrize("rate, steps", [(0.05, 2000), (0.08, 1000)])
def test_fit_line_gd_reaches_numpy_least_squares(rate, steps):
    points = data.load_five_points()
    x, y = points.x.to_numpy(float), points.y.to_numpy(float)
    slope, intercept = lstsq_line(x, y)
    result = gd.fit_line_gd(x, y, learning_rate=rate, steps=steps)
    assert (result.w, result.b) == pytest.approx((slope, intercept), abs=1e-9)
    assert len(result.history) == steps + 1 and not result.diverged
    best = np.mean((y - (slope * x + intercept)) ** 2)
    assert result.history["loss"].iloc[-1] == pytest.approx(best, rel=1e-12)


def test_fit_line_sgd_ends_near_numpy_least_squares():
    x, y = standardised_heights()
    slope, intercept = lstsq_line(x, y)
    result = sgd.fit_line_sgd(x, y, learning_rate=0.01, epochs=30, batch_size=32, seed=0)
    assert (result.w, result.b) == pytest.approx((slope, intercept), rel=0.02)
    assert result.history.columns.tolist() == ["epoch", "w", "b", "loss"]


def test_fit_neuron_is_the_likeliest_neuron_newton_finds():
    study = data.load_study_hours()
    x, y = study["hours"].to_numpy(float), study["passed"].to_numpy(float)
    w, b = neuron.fit_neuron(x, y)
    assert (w, b) == pytest.approx(tuple(newton_logistic(x, y)), abs=1e-6)


def test_the_pages_loops_take_the_trainers_steps_bit_for_bit():
    # chapter 6 writes these loops on the page; the library's trainer must agree exactly
    points = data.load_five_points()
    x, y = points.x.to_numpy(float), points.y.to_numpy(float)
    w = b = 0.0
    for _ in range(300):
        dw, db = gd.mse_gradients(x, y, w, b)
        w, b = w - 0.05 * dw, b - 0.05 * db
    result = gd.fit_line_gd(x, y, learning_rate=0.05, steps=300)
    assert (result.w, result.b) == (w, b)
    assert result.history[["w", "b"]].iloc[-1].tolist() == [w, b]
    study = data.load_study_hours()
    hours, passed = study["hours"], study["passed"]
    w = b = 0.0
    for _ in range(500):
        dw, db = neuron.log_loss_gradients(hours, passed, w, b)
        w, b = w - 0.5 * dw, b - 0.5 * db
    assert neuron.fit_neuron(hours, passed, 0.5, 500) == (w, b)


def test_the_gradients_the_loops_use_are_the_calculus_ones():
    # against the textbook formulas written with plain NumPy, and finite differences
    x, y = standardised_heights()
    for w, b in [(0.0, 0.0), (1.5, -2.0)]:
        residual = y - (w * x + b)
        expected = (-2 * np.mean(x * residual), -2 * np.mean(residual))
        assert gd.mse_gradients(x, y, w, b) == pytest.approx(expected, rel=1e-12)
        h = 1e-6
        numeric = (
            (gd.mse(x, y, w + h, b) - gd.mse(x, y, w - h, b)) / (2 * h),
            (gd.mse(x, y, w, b + h) - gd.mse(x, y, w, b - h)) / (2 * h),
        )
        assert gd.mse_gradients(x, y, w, b) == pytest.approx(numeric, rel=1e-6)


def test_sigmoid_cross_entropy_is_the_log_loss_and_its_gradient():
    rng = np.random.default_rng(5)
    z = rng.normal(0, 3, size=(7, 1))
    y = (rng.random((7, 1)) < 0.5).astype(float)
    loss = SigmoidCrossEntropy()
    value = loss.forward(z, y)
    # independently: the definition with plain NumPy
    p = 1 / (1 + np.exp(-z))
    assert value == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)), rel=1e-12)
    # its backward against automatic differentiation and finite differences
    zs = [Value(float(v)) for v in z[:, 0]]
    total = sum(
        (-(t * s.sigmoid().log() + (1 - t) * (1 - s.sigmoid()).log()) for s, t in zip(zs, y[:, 0])),
        Value(0.0),
    ) / len(zs)
    total.backward()
    grad = loss.backward()[:, 0]
    assert grad == pytest.approx([s.grad for s in zs], abs=1e-10)
    h = 1e-6
    for i in range(len(z)):
        up, down = z.copy(), z.copy()
        up[i] += h
        down[i] -= h
        numeric = SigmoidCrossEntropy().forward(up, y) - SigmoidCrossEntropy().forward(down, y)
        assert grad[i] == pytest.approx(numeric / (2 * h), abs=1e-8)


def test_sigmoid_cross_entropy_refuses_answers_other_than_0_and_1():
    with pytest.raises(ValueError, match="only 0"):
        SigmoidCrossEntropy().forward([[0.0]], [[0.5]])
    with pytest.raises(ValueError, match="shape"):
        SigmoidCrossEntropy().forward([[0.0], [1.0]], [[0.0]])


def test_a_stopped_run_is_the_run_one_epoch_short():
    x, y = standardised_heights()
    y = (y - y.mean()) / y.std()
    line = gd.line()
    with pytest.raises(gd.DivergenceError, match=r"at step (\d+)") as caught:
        network.train(line, x[:, None], y[:, None], learning_rate=1.05, epochs=2000)
    k = int(re.search(r"at step (\d+)", str(caught.value)).group(1))
    stopped = network.train(
        line, x[:, None], y[:, None], learning_rate=1.05, epochs=2000, on_divergence="stop"
    )
    short = network.train(line, x[:, None], y[:, None], learning_rate=1.05, epochs=k - 1)
    assert stopped.diverged and not short.diverged
    assert stopped.history.equals(short.history)
    assert all(np.array_equal(stopped.params[n], short.params[n]) for n in ("W1", "b1"))
    # independently: the loss after step k is past a million times the start, after k − 1 not
    w = b = 0.0
    start = np.mean(y**2)
    for step in range(1, k + 1):
        error = y - (w * x + b)
        w, b = w + 1.05 * 2 * np.mean(x * error), b + 1.05 * 2 * np.mean(error)
        assert (np.mean((y - (w * x + b)) ** 2) > 1e6 * start) == (step == k)


def test_mini_batch_divergence_names_the_epoch():
    x, y = standardised_heights()
    with pytest.raises(gd.DivergenceError, match=r"diverged at epoch \d+ with learning_rate=3"):
        sgd.fit_line_sgd(x, y, learning_rate=3.0, epochs=50, batch_size=32, seed=0)


def test_the_trainer_checks_its_data_once_and_clearly():
    net = network.Network([Dense([[0.0]], [0.0])], SigmoidCrossEntropy())
    with pytest.raises(ValueError, match="only 0"):
        network.train(net, [[1.0], [2.0]], [[0.0], [2.0]], learning_rate=0.1, epochs=1)
    with pytest.raises(ValueError, match="x has 2 column"):
        network.train(net, [[1.0, 2.0]], [[0.0]], learning_rate=0.1, epochs=1)
    with pytest.raises(ValueError, match="same number of rows"):
        network.train(net, [[1.0], [2.0]], [[0.0]], learning_rate=0.1, epochs=1)
    with pytest.raises(ValueError, match="on_divergence"):
        network.train(net, [[1.0]], [[0.0]], learning_rate=0.1, epochs=1, on_divergence="no")


def test_an_overflowing_start_blames_the_data():
    with pytest.raises(ValueError, match="cause is the data") as caught:
        gd.fit_line_gd([1e200, 2e200], [1e200, 3e200], 1e-3, 10)
    assert not isinstance(caught.value, gd.DivergenceError)
