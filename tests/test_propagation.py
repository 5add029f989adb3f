"""Backpropagation against finite differences on random networks; training lowers the loss."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from lessons import data, neuron, propagation as prop


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_in=st.integers(1, 3),
    n_hidden=st.integers(1, 6),
    n_out=st.integers(1, 2),
    n=st.integers(1, 8),
)
def test_backward_matches_numerical_gradient(seed, n_in, n_hidden, n_out, n):
    rng = np.random.default_rng(seed)
    params = prop.init_network((n_in, n_hidden, n_out), seed=seed)
    params["b1"] = rng.normal(size=n_hidden)
    params["b2"] = rng.normal(size=n_out)
    x, y = rng.normal(size=(n, n_in)), rng.normal(size=(n, n_out))
    y_hat, cache = prop.forward(params, x)
    analytic = prop.backward(params, cache, y)
    numeric = prop.numerical_gradient(lambda p: prop.loss(prop.forward(p, x)[0], y), params)
    # ‖a − n‖ / (‖a‖ + ‖n‖), computed here independently of prop.relative_error
    flat_a = np.concatenate([analytic[k].ravel() for k in sorted(params)])
    flat_n = np.concatenate([numeric[k].ravel() for k in sorted(params)])
    error = np.linalg.norm(flat_a - flat_n) / (np.linalg.norm(flat_a) + np.linalg.norm(flat_n))
    assert error < 1e-6
    assert prop.relative_error(analytic, numeric) == pytest.approx(error)


def test_one_neuron_by_hand_matches_finite_differences():
    x, y, w, b = 1.5, 0.0, 0.8, 0.1
    back = prop.neuron_backward(prop.neuron_forward(x, y, w, b))
    h = 1e-6
    f = lambda w_, b_: (neuron.sigmoid(w_ * x + b_) - y) ** 2  # noqa: E731
    assert back["dL_dw"] == pytest.approx((f(w + h, b) - f(w - h, b)) / (2 * h), rel=1e-7)
    assert back["dL_db"] == pytest.approx((f(w, b + h) - f(w, b - h)) / (2 * h), rel=1e-7)


def test_training_on_cars_fits_the_curve():
    cars = data.load_cars()
    x = cars["Horsepower"].to_numpy(float)
    y = cars["Miles_per_Gallon"].to_numpy(float)
    xs, ys = (x - x.mean()) / x.std(), (y - y.mean()) / y.std()
    result = prop.train(
        prop.init_network((1, 8, 1), seed=0),
        xs,
        ys,
        learning_rate=0.5,
        steps=2000,
        snapshot_every=500,
    )
    losses = result.history["loss"]
    # the best straight line leaves 1 − r² of the variance; the curve must beat it
    r = np.corrcoef(xs, ys)[0, 1]
    assert losses.iloc[-1] < (1 - r**2) * 0.95
    assert losses.iloc[-1] < losses.iloc[0]
    assert sorted(result.snapshots) == [0, 500, 1000, 1500, 2000]


def test_train_does_not_modify_its_input():
    params = prop.init_network((1, 3, 1), seed=2)
    before = {k: v.copy() for k, v in params.items()}
    prop.train(params, [[0.0], [1.0]], [[1.0], [0.0]], learning_rate=0.1, steps=5)
    assert all(np.array_equal(before[k], params[k]) for k in params)


def test_same_seed_same_network():
    a, b = prop.init_network((2, 3, 1), seed=5), prop.init_network((2, 3, 1), seed=5)
    assert all(a[k].tobytes() == b[k].tobytes() for k in a)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_hidden=st.integers(1, 4), n=st.integers(1, 6))
def test_hessian_matches_second_differences_of_the_loss(seed, n_hidden, n):
    """Independent reference: ∂²L/∂θ_i∂θ_j from four values of the loss, no backward pass."""
    rng = np.random.default_rng(seed)
    params = prop.init_network((1, n_hidden, 1), seed=seed)
    params["b1"] = rng.normal(size=n_hidden)
    x, y = rng.normal(size=(n, 1)), rng.normal(size=(n, 1))
    names = ["W1", "b1", "W2", "b2"]
    flat = np.concatenate([params[k].ravel() for k in names])
    sizes = [params[k].size for k in names]

    def loss_at(values):
        pieces = np.split(values, np.cumsum(sizes)[:-1])
        p = {k: v.reshape(params[k].shape) for k, v in zip(names, pieces)}
        hidden = 1 / (1 + np.exp(-(x @ p["W1"] + p["b1"])))
        return float(np.mean((hidden @ p["W2"] + p["b2"] - y) ** 2))

    h = 1e-4
    k = flat.size
    reference = np.empty((k, k))
    for i in range(k):
        for j in range(k):
            e_i, e_j = np.eye(k)[i] * h, np.eye(k)[j] * h
            reference[i, j] = (
                loss_at(flat + e_i + e_j)
                - loss_at(flat + e_i - e_j)
                - loss_at(flat - e_i + e_j)
                + loss_at(flat - e_i - e_j)
            ) / (4 * h * h)
    matrix = prop.hessian(params, x, y)
    assert matrix.shape == (k, k)
    assert np.array_equal(matrix, matrix.T)
    assert np.allclose(matrix, reference, atol=1e-5 * max(1.0, np.abs(reference).max()))


def test_hessian_of_the_output_layer_is_the_lines():
    """With W1 = 0 the hidden values are all ½: the output layer is chapter 6's line in h."""
    params = {"W1": np.zeros((1, 1)), "b1": np.zeros(1), "W2": np.array([[0.3]]), "b2": np.zeros(1)}
    x, y = np.array([[-1.0], [0.5], [2.0]]), np.array([[1.0], [0.0], [2.0]])
    matrix = prop.hessian(params, x, y)
    # L = mean((0.5 W2 + b2 − y)²): ∂²/∂W2² = 2·¼, ∂²/∂W2∂b2 = 2·½, ∂²/∂b2² = 2
    assert np.allclose(matrix[2:, 2:], [[0.5, 1.0], [1.0, 2.0]], atol=1e-8)


def test_hessian_rejects_bad_arguments():
    params = prop.init_network((1, 2, 1), seed=0)
    with pytest.raises(ValueError, match="eps must be between"):
        prop.hessian(params, [0.0, 1.0], [0.0, 1.0], eps=1.0)
    with pytest.raises(ValueError, match="column"):
        prop.hessian(params, [[0.0, 1.0]], [[0.0]])
    with pytest.raises(ValueError, match="missing W2"):
        prop.hessian({"W1": np.ones((1, 2)), "b1": np.zeros(2)}, [0.0], [0.0])
