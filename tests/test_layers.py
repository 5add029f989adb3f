"""Every layer's backward and both losses against two independent oracles.

The oracle is lessons.autodiff: the same computation written with scalar
Values, differentiated by the chain rule over the recorded graph (no formula
of lessons.layers is used). The gradients must agree to 1e-10. Finite
differences check the autodiff itself, and the layers once more.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from lessons import network
from lessons._divergence import DivergenceError
from lessons.autodiff import Value
from lessons.layers import (
    Dense,
    Identity,
    MeanSquaredError,
    ReLU,
    Sigmoid,
    SoftmaxCrossEntropy,
)
from lessons.propagation import numerical_gradient

TOLERANCE = 1e-10


def values(array) -> list:
    return [[Value(v) for v in row] for row in np.asarray(array, dtype=float)]


def grads(table) -> np.ndarray:
    return np.array([[v.grad for v in row] for row in table])


def weighted_sum(out, weights) -> Value:
    """L = Σ out ⊙ G: a loss whose gradient with respect to out is G (the upstream gradient)."""
    total = Value(0.0)
    for row, g_row in zip(out, weights):
        for v, g in zip(row, g_row):
            total = total + v * float(g)
    return total


def affine(rows, W, b):
    """z = x W + b, one Value at a time."""
    out = []
    for row in rows:
        out.append([])
        for j in range(len(b)):
            total = b[j]
            for i, xi in enumerate(row):
                total = total + xi * W[i][j]
            out[-1].append(total)
    return out


def autodiff_dense(x, W, b):
    xs, Ws, bs = values(x), values(W), [Value(v) for v in b]
    return xs, Ws, bs, affine(xs, Ws, bs)


def autodiff_activation(z, kind):
    zs = values(z)
    apply = {
        "sigmoid": Value.sigmoid,
        "relu": Value.relu,
        "identity": lambda v: v + 0.0,
    }[kind]
    return zs, [[apply(v) for v in row] for row in zs]


def close(a, b) -> bool:
    return np.allclose(a, b, rtol=TOLERANCE, atol=TOLERANCE)


shapes = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 3))


@settings(max_examples=30, deadline=None)
@given(shapes, st.integers(0, 2**32 - 1))
def test_dense_backward_equals_autodiff(shape, seed):
    n, n_in, n_out = shape
    rng = np.random.default_rng(seed)
    x, W, b = rng.normal(size=(n, n_in)), rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)
    upstream = rng.normal(size=(n, n_out))
    layer = Dense(W, b)
    out = layer.forward(x)
    dx = layer.backward(upstream)
    xs, Ws, bs, auto = autodiff_dense(x, W, b)
    assert close(out, [[v.data for v in row] for row in auto])
    weighted_sum(auto, upstream).backward()
    assert close(dx, grads(xs))
    assert close(layer.dW, grads(Ws))
    assert close(layer.db, [v.grad for v in bs])


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([Sigmoid, ReLU, Identity]), shapes, st.integers(0, 2**32 - 1))
def test_activation_backward_equals_autodiff(kind, shape, seed):
    n, width, _ = shape
    rng = np.random.default_rng(seed)
    z, upstream = rng.normal(scale=3, size=(n, width)), rng.normal(size=(n, width))
    layer = kind()
    out = layer.forward(z)
    dz = layer.backward(upstream)
    zs, auto = autodiff_activation(z, kind.__name__.lower())
    assert close(out, [[v.data for v in row] for row in auto])
    weighted_sum(auto, upstream).backward()
    assert close(dz, grads(zs))


@settings(max_examples=30, deadline=None)
@given(shapes, st.integers(0, 2**32 - 1))
def test_mean_squared_error_equals_autodiff(shape, seed):
    n, width, _ = shape
    rng = np.random.default_rng(seed)
    y_hat, y = rng.normal(size=(n, width)), rng.normal(size=(n, width))
    loss = MeanSquaredError()
    value = loss.forward(y_hat, y)
    gradient = loss.backward()
    ys = values(y_hat)
    total = Value(0.0)
    for row, y_row in zip(ys, y):
        for v, target in zip(row, y_row):
            total = total + (v - float(target)) ** 2
    auto = total / y.size
    auto.backward()
    assert math.isclose(value, auto.data, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    assert close(gradient, grads(ys))


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 4), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_softmax_cross_entropy_equals_autodiff(n, classes, seed):
    rng = np.random.default_rng(seed)
    scores, labels = rng.normal(scale=3, size=(n, classes)), rng.integers(0, classes, n)
    loss = SoftmaxCrossEntropy()
    value = loss.forward(scores, labels)
    gradient = loss.backward()
    zs = values(scores)
    total = Value(0.0)
    for row, label in zip(zs, labels):  # −log softmax(z)[label], written out
        exps = [v.exp() for v in row]
        norm = exps[0]
        for e in exps[1:]:
            norm = norm + e
        total = total - (exps[label] / norm).log()
    auto = total / n
    auto.backward()
    assert math.isclose(value, auto.data, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    assert close(gradient, grads(zs))


@pytest.mark.parametrize(
    "sizes, activation, loss",
    [((2, 3, 1), "sigmoid", "mse"), ((3, 4, 3, 2), "relu", "softmax_cross_entropy")],
)
def test_whole_network_backward_equals_autodiff_and_finite_differences(sizes, activation, loss):
    rng = np.random.default_rng(7)
    net = network.build(sizes, activation, loss=loss, init="he", seed=3)
    for value in net.parameters().values():
        value += rng.normal(scale=0.1, size=value.shape)  # biases away from 0, no ReLU kinks
    x = rng.normal(size=(5, sizes[0]))
    y = rng.integers(0, sizes[-1], 5) if loss != "mse" else rng.normal(size=(5, sizes[-1]))
    net.loss_of(x, y)
    analytic = net.backward()

    params = {
        k: values(v) if v.ndim == 2 else [Value(u) for u in v] for k, v in net.parameters().items()
    }
    h = values(x)
    k_last = len(sizes) - 1
    for k in range(1, k_last + 1):
        z = affine(h, params[f"W{k}"], params[f"b{k}"])
        h = z if k == k_last else [[getattr(v, activation)() for v in row] for row in z]
    if loss == "mse":
        total = Value(0.0)
        for row, target in zip(h, y):
            for v, t in zip(row, target):
                total = total + (v - float(t)) ** 2
        auto = total / y.size
    else:
        total = Value(0.0)
        for row, label in zip(h, y):
            exps = [v.exp() for v in row]
            norm = exps[0]
            for e in exps[1:]:
                norm = norm + e
            total = total - (exps[label] / norm).log()
        auto = total / len(y)
    auto.backward()
    for name, value in params.items():
        expected = grads(value) if np.ndim(analytic[name]) == 2 else [v.grad for v in value]
        assert close(analytic[name], expected), name

    numeric = numerical_gradient(
        lambda p: network.with_parameters(net, p).loss_of(x, y),
        {k: v.copy() for k, v in net.parameters().items()},
    )
    for name in analytic:
        assert np.allclose(analytic[name], numeric[name], rtol=1e-6, atol=1e-8), name


@settings(max_examples=50, deadline=None)
@given(st.floats(-3, 3), st.floats(0.2, 3), st.floats(-3, 3))
def test_autodiff_matches_finite_differences(a, b, c):
    """The oracle itself: every operation's derivative against central differences."""

    def f(u, v, w):
        return (
            (u * v + w).sigmoid() * (u - w) / v
            + (w * 0.3).exp()
            + v.log()
            + (u + 1.0).relu() ** 2
            - 2.0 / v
        )

    inputs = [Value(a), Value(b), Value(c)]
    out = f(*inputs)
    out.backward()
    for i in range(3):
        eps = 1e-6
        up = [Value(v) for v in (a, b, c)]
        down = [Value(v) for v in (a, b, c)]
        up[i], down[i] = Value((a, b, c)[i] + eps), Value((a, b, c)[i] - eps)
        numeric = (f(*up).data - f(*down).data) / (2 * eps)
        assert inputs[i].grad == pytest.approx(numeric, rel=1e-5, abs=1e-5)


def test_autodiff_shares_a_value_used_twice():
    x = Value(3.0)
    y = x * x + x  # dy/dx = 2x + 1
    y.backward()
    assert x.grad == 7.0


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: Value("2"), TypeError, "data must be a real number"),
        (lambda: Value(float("nan")), ValueError, "data must be finite"),
        (lambda: Value(-1.0).log(), ValueError, "positive"),
        (lambda: Value(1000.0).exp(), ValueError, "too large"),
        (lambda: Value(1.0) / 0.0, ZeroDivisionError, "0"),
        (lambda: Value(-2.0) ** 0.5, ValueError, "not a real number"),
        (lambda: Dense([[1.0]], [0.0, 1.0]), ValueError, "one entry per column"),
        (lambda: Dense([[1.0]], [0.0]).forward([[1.0, 2.0]]), ValueError, "column"),
        (lambda: Dense([[1e308]], [0.0]).forward([[1e308]]), ValueError, "too large"),
        (lambda: Sigmoid().forward([[float("nan")]]), ValueError, "NaN"),
        (lambda: ReLU().forward("z"), TypeError, "string"),
        (lambda: MeanSquaredError().forward([[1.0]], [[1.0, 2.0]]), ValueError, "shape"),
        (lambda: SoftmaxCrossEntropy().forward([[1.0, 2.0]], [2]), ValueError, "labels"),
        (lambda: network.build((2, 2), init="glorot"), ValueError, "init"),
        (lambda: network.build((2, 2), activation="tanh"), ValueError, "activation"),
        (lambda: network.load({"layers": [{"kind": "conv"}]}), ValueError, "unknown kind"),
        (
            lambda: network.train(
                network.build((1, 1)), [[1.0]], [[1.0], [2.0]], learning_rate=0.1, epochs=1
            ),
            ValueError,
            "same number of rows",
        ),
    ],
)
def test_bad_input_is_refused_clearly(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_backward_before_forward_is_refused_clearly():
    layer = Dense([[1.0]], [0.0])
    layer.forward([[1.0], [2.0]])
    with pytest.raises(ValueError, match="call forward first"):
        layer.backward([[1.0]])


def test_export_and_load_keep_the_network():
    net = network.build((3, 4, 2), "relu", loss="softmax_cross_entropy", seed=2)
    again = network.load(network.export(net, significant_digits=17))
    x = np.random.default_rng(0).normal(size=(6, 3))
    assert np.array_equal(again.forward(x), net.forward(x))


def test_init_rules_have_the_named_spread():
    for rule, factor in (("lecun", 1.0), ("he", 2.0)):
        W = network.init_params((400, 300), rule, seed=0)["W1"]
        assert W.std() == pytest.approx(math.sqrt(factor / 400), rel=0.02)
    custom = network.init_params((4, 3), lambda n_in: 0.0, seed=0)
    assert not custom["W1"].any()


def test_one_trainer_full_batch_and_mini_batch():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    y = (x[:, :1] * x[:, 1:]) + 0.1
    net = network.build((2, 8, 1), seed=0)
    full = network.train(net, x, y, learning_rate=0.3, epochs=50, snapshot_every=10)
    mini = network.train(net, x, y, learning_rate=0.3, epochs=50, batch_size=8, seed=1)
    assert sorted(full.snapshots) == [0, 10, 20, 30, 40, 50]
    for result in (full, mini):
        assert result.history["loss"].iloc[-1] < result.history["loss"].iloc[0]
    assert np.array_equal(net.parameters()["W1"], network.build((2, 8, 1), seed=0).layers[0].W)
    with pytest.raises(DivergenceError, match="diverged at step"):
        network.train(net, x, y * 1e3, learning_rate=50.0, epochs=50)
