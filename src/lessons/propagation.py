"""Forward and backward propagation (chapter 7).

First one neuron by hand, every factor of the chain rule named; then a network
with one hidden layer of sigmoid neurons and a linear output, trained on the
mean squared error, and a gradient check by central differences.

>>> params = init_network((1, 3, 1), seed=0)
>>> x = [[0.0], [1.0]]; y = [[1.0], [0.0]]
>>> y_hat, cache = forward(params, x)
>>> grads = backward(params, cache, y)
>>> sorted(grads) == sorted(params)
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import pandas as pd

from lessons._checks import as_float, as_floats, positive, positive_int, seed_int
from lessons.neuron import sigmoid

Params = dict[str, np.ndarray]

# ----------------------------------------------------------------------------
# one neuron, by hand: x → z = w·x + b → ŷ = σ(z) → L = (ŷ − y)²


def neuron_forward(x: float, y: float, w: float, b: float) -> dict[str, float]:
    """Forward pass of one sigmoid neuron on one example, keeping every value.

    >>> {k: round(v, 4) for k, v in neuron_forward(x=2.0, y=1.0, w=0.5, b=-0.5).items()}
    {'x': 2.0, 'y': 1.0, 'w': 0.5, 'b': -0.5, 'z': 0.5, 'y_hat': 0.6225, 'loss': 0.1425}
    """
    x, y, w, b = (as_float(v, n) for v, n in ((x, "x"), (y, "y"), (w, "w"), (b, "b")))
    z = w * x + b
    y_hat = sigmoid(z)
    return {"x": x, "y": y, "w": w, "b": b, "z": z, "y_hat": y_hat, "loss": (y_hat - y) ** 2}


def neuron_backward(forward_values: dict[str, float]) -> dict[str, float]:
    """Backward pass: each local derivative, then the chain rule for ∂L/∂w and ∂L/∂b.

    ∂L/∂w = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂w,   ∂L/∂b = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂b

    >>> back = neuron_backward(neuron_forward(x=2.0, y=1.0, w=0.5, b=-0.5))
    >>> {k: round(v, 4) for k, v in back.items()}
    {'dL_dyhat': -0.7551, 'dyhat_dz': 0.235, 'dz_dw': 2.0, 'dz_db': 1.0, 'dL_dw': -0.3549, 'dL_db': -0.1774}
    """
    v = forward_values
    dL_dyhat = 2 * (v["y_hat"] - v["y"])
    dyhat_dz = v["y_hat"] * (1 - v["y_hat"])
    dz_dw, dz_db = v["x"], 1.0
    return {
        "dL_dyhat": dL_dyhat, "dyhat_dz": dyhat_dz, "dz_dw": dz_dw, "dz_db": dz_db,
        "dL_dw": dL_dyhat * dyhat_dz * dz_dw, "dL_db": dL_dyhat * dyhat_dz * dz_db,
    }


# ----------------------------------------------------------------------------
# a network with one hidden layer


def init_network(sizes: tuple[int, int, int], seed: int) -> Params:
    """Random starting weights for a network with ``sizes = (inputs, hidden, outputs)``.

    Weights are drawn from a normal distribution scaled by 1/√(inputs of the
    layer); biases start at zero. The same seed gives the same network.

    >>> params = init_network((2, 4, 1), seed=1)
    >>> {name: value.shape for name, value in params.items()}
    {'W1': (2, 4), 'b1': (4,), 'W2': (4, 1), 'b2': (1,)}
    """
    if len(sizes) != 3:
        raise ValueError(f"sizes must be (inputs, hidden, outputs), got {sizes!r}")
    n_in, n_hidden, n_out = (positive_int(s, name) for s, name in
                             zip(sizes, ("inputs", "hidden", "outputs")))
    rng = np.random.default_rng(seed_int(seed))
    return {
        "W1": rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": rng.normal(0.0, 1.0 / np.sqrt(n_hidden), size=(n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def _columns(values, name: str) -> np.ndarray:
    array = as_floats(values, name, ndim=None)
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2:
        raise ValueError(f"{name} must be a column of values or a 2-D table, got shape {array.shape}")
    return array


def forward(params: Params, x) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Forward propagation: input → hidden layer (sigmoid) → output (linear).

    Returns the predictions and a cache of every intermediate value, which
    :func:`backward` needs.

    >>> params = {"W1": np.array([[1.0]]), "b1": np.array([0.0]),
    ...           "W2": np.array([[2.0]]), "b2": np.array([-1.0])}
    >>> forward(params, [0.0])[0]
    array([[0.]])
    """
    x = _columns(x, "x")
    if x.shape[1] != params["W1"].shape[0]:
        raise ValueError(f"x has {x.shape[1]} column(s) but the network takes "
                         f"{params['W1'].shape[0]} input(s)")
    z1 = x @ params["W1"] + params["b1"]
    h = sigmoid(z1)
    y_hat = h @ params["W2"] + params["b2"]
    return y_hat, {"x": x, "z1": z1, "h": h, "y_hat": y_hat}


def loss(y_hat, y) -> float:
    """Mean squared error between predictions and targets.

    >>> loss([[1.0], [3.0]], [[0.0], [3.0]])
    0.5
    """
    y_hat, y = _columns(y_hat, "y_hat"), _columns(y, "y")
    if y_hat.shape != y.shape:
        raise ValueError(f"y_hat has shape {y_hat.shape} but y has shape {y.shape}")
    return float(np.mean((y_hat - y) ** 2))


def backward(params: Params, cache: dict[str, np.ndarray], y) -> Params:
    """Backward propagation: the gradient of the loss with respect to every parameter.

    The chain rule, applied from the loss back to the first layer:
    ∂L/∂ŷ = 2(ŷ − y)/n, then through the output layer to W2, b2 and the hidden
    values h, through the sigmoid (σ' = h(1 − h)) and finally to W1, b1.

    >>> params = init_network((1, 2, 1), seed=0)
    >>> y_hat, cache = forward(params, [[0.5]])
    >>> {k: v.shape for k, v in backward(params, cache, [[1.0]]).items()}
    {'W1': (1, 2), 'b1': (2,), 'W2': (2, 1), 'b2': (1,)}
    """
    y = _columns(y, "y")
    if y.shape != cache["y_hat"].shape:
        raise ValueError(f"y has shape {y.shape} but the predictions have shape {cache['y_hat'].shape}")
    dL_dyhat = 2 * (cache["y_hat"] - y) / y.size
    dL_dh = dL_dyhat @ params["W2"].T
    dL_dz1 = dL_dh * cache["h"] * (1 - cache["h"])
    return {
        "W1": cache["x"].T @ dL_dz1,
        "b1": dL_dz1.sum(axis=0),
        "W2": cache["h"].T @ dL_dyhat,
        "b2": dL_dyhat.sum(axis=0),
    }


class TrainingResult(NamedTuple):
    """What :func:`train` returns."""

    params: Params
    history: pd.DataFrame  #: step and loss, one row per step (step 0 = untrained)
    snapshots: dict[int, Params]  #: the parameters at every ``snapshot_every`` steps


def train(params: Params, x, y, learning_rate: float, steps: int,
          snapshot_every: int | None = None) -> TrainingResult:
    """Gradient descent on the network: forward, backward, update, ``steps`` times.

    The input ``params`` are not modified.

    >>> x = np.linspace(-1, 1, 20)[:, None]; y = x**2
    >>> result = train(init_network((1, 6, 1), seed=0), x, y, learning_rate=0.5, steps=500)
    >>> result.history["loss"].iloc[-1] < result.history["loss"].iloc[0]
    np.True_
    """
    x, y = _columns(x, "x"), _columns(y, "y")
    if len(x) != len(y):
        raise ValueError(f"x and y must have the same number of rows, got {len(x)} and {len(y)}")
    alpha = positive(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps")
    every = positive_int(snapshot_every, "snapshot_every") if snapshot_every is not None else None
    current = {name: value.copy() for name, value in params.items()}
    losses = np.empty(steps + 1)
    snapshots: dict[int, Params] = {}
    for step in range(steps + 1):
        y_hat, cache = forward(current, x)
        losses[step] = np.mean((y_hat - y) ** 2)
        if not np.isfinite(losses[step]):
            raise ValueError(f"training diverged at step {step} with learning_rate={alpha}; "
                             "try a smaller learning rate")
        if every is not None and step % every == 0:
            snapshots[step] = {name: value.copy() for name, value in current.items()}
        if step == steps:
            break
        grads = backward(current, cache, y)
        for name in current:
            current[name] -= alpha * grads[name]
    history = pd.DataFrame({"step": np.arange(steps + 1), "loss": losses})
    return TrainingResult(current, history, snapshots)


def snapshot_curves(snapshots: dict[int, Params], x) -> pd.DataFrame:
    """The network's predictions over ``x`` at every recorded step, for a chart.

    >>> params = init_network((1, 2, 1), seed=0)
    >>> snapshot_curves({0: params, 10: params}, [0.0, 1.0]).shape
    (4, 3)
    """
    grid = as_floats(x, "x")
    frames = [pd.DataFrame({"step": step, "x": grid, "y_hat": forward(params, grid)[0][:, 0]})
              for step, params in sorted(snapshots.items())]
    return pd.concat(frames, ignore_index=True)


def numerical_gradient(f: Callable[[Params], float], params: Params, eps: float = 1e-6) -> Params:
    """Central differences (f(θ + ε) − f(θ − ε)) / 2ε for every parameter θ, one at a time.

    Slow but obviously right: the gradient check compares :func:`backward` with it.

    >>> grad = numerical_gradient(lambda p: float((p["a"] ** 2).sum()), {"a": np.array([3.0])})
    >>> round(float(grad["a"][0]), 6)
    6.0
    """
    eps = positive(eps, "eps")
    if not callable(f):
        raise TypeError(f"f must be a function of the parameters, got {type(f).__name__}")
    shifted = {name: np.array(value, dtype=float) for name, value in params.items()}
    grads: Params = {}
    for name, value in shifted.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + eps
            plus = f(shifted)
            value[index] = original - eps
            minus = f(shifted)
            value[index] = original
            grad[index] = (plus - minus) / (2 * eps)
        grads[name] = grad
    return grads


def relative_error(a: Params, b: Params) -> float:
    """How far two sets of gradients differ: ‖a − b‖ / (‖a‖ + ‖b‖) over all parameters.

    Below about 1e-7 the two agree to the precision of finite differences.

    >>> f"{relative_error({'w': np.array([1.0, 2.0])}, {'w': np.array([1.0, 2.000002])}):.1e}"
    '4.5e-07'
    """
    if sorted(a) != sorted(b):
        raise ValueError(f"the gradients name different parameters: {sorted(a)} and {sorted(b)}")
    flat_a = np.concatenate([np.ravel(a[name]) for name in sorted(a)])
    flat_b = np.concatenate([np.ravel(b[name]) for name in sorted(a)])
    scale = np.linalg.norm(flat_a) + np.linalg.norm(flat_b)
    return float(np.linalg.norm(flat_a - flat_b) / scale) if scale else 0.0
