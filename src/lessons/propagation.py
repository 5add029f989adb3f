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

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from lessons import network
from lessons._checks import (
    MAX_STEPS,
    MAX_VALUES,
    as_float,
    as_floats,
    paired,
    positive,
    positive_int,
    whole_number,
    within_size,
)
from lessons._divergence import DivergenceWatch  # noqa: F401  (one policy, re-exported)
from lessons._numeric import exponent, ldexp
from lessons.layers import Dense, MeanSquaredError, Sigmoid
from lessons.neuron import sigmoid

Params = dict[str, np.ndarray]

#: The parameters of a network, in order: W1 (inputs, hidden), b1 (hidden,),
#: W2 (hidden, outputs), b2 (outputs,).
PARAM_NAMES = ("W1", "b1", "W2", "b2")

#: The step ε of :func:`numerical_gradient` must lie in this range: below it the
#: rounding of f swamps the difference (ε = 1e-320 gives a gradient of 0), above
#: it the difference quotient is no longer a derivative.
EPS_RANGE = (1e-10, 1e-1)

# ----------------------------------------------------------------------------
# one neuron, by hand: x → z = w·x + b → ŷ = σ(z) → L = (ŷ − y)²


def neuron_forward(x: float, y: float, w: float, b: float) -> dict[str, float]:
    """Forward pass of one sigmoid neuron on one example, keeping every value.

    >>> {k: round(v, 4) for k, v in neuron_forward(x=2.0, y=1.0, w=0.5, b=-0.5).items()}
    {'x': 2.0, 'y': 1.0, 'w': 0.5, 'b': -0.5, 'z': 0.5, 'y_hat': 0.6225, 'loss': 0.1425}
    """
    x, y, w, b = (as_float(v, n) for v, n in ((x, "x"), (y, "y"), (w, "w"), (b, "b")))
    with np.errstate(over="ignore", invalid="ignore"):
        z = w * x + b
        y_hat = sigmoid(z) if np.isfinite(z) else None
        loss = (y_hat - y) ** 2 if y_hat is not None else np.inf
    if not np.isfinite(loss):
        raise ValueError(
            "z = w·x + b or the loss is too large to represent as a double "
            "(beyond ±1.8e308): x, y, w and b are too large; rescale them"
        )
    return {"x": x, "y": y, "w": w, "b": b, "z": z, "y_hat": y_hat, "loss": loss}


def neuron_backward(forward_values: dict[str, float]) -> dict[str, float]:
    """Backward pass: each local derivative, then the chain rule for ∂L/∂w and ∂L/∂b.

    ∂L/∂w = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂w,   ∂L/∂b = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂b

    >>> back = neuron_backward(neuron_forward(x=2.0, y=1.0, w=0.5, b=-0.5))
    >>> {k: round(v, 4) for k, v in back.items()}
    {'dL_dyhat': -0.7551, 'dyhat_dz': 0.235, 'dz_dw': 2.0, 'dz_db': 1.0, 'dL_dw': -0.3549, 'dL_db': -0.1774}
    """
    if not isinstance(forward_values, Mapping):
        raise TypeError(
            "forward_values must be the dict neuron_forward returns, got "
            f"{type(forward_values).__name__}"
        )
    missing = [k for k in ("x", "y", "y_hat") if k not in forward_values]
    if missing:
        raise ValueError(
            f"forward_values is missing {', '.join(missing)}; pass the dict neuron_forward returns"
        )
    v = {k: as_float(forward_values[k], f"forward_values['{k}']") for k in ("x", "y", "y_hat")}
    dL_dyhat = 2 * (v["y_hat"] - v["y"])
    dyhat_dz = v["y_hat"] * (1 - v["y_hat"])
    dz_dw, dz_db = v["x"], 1.0
    with np.errstate(over="ignore"):
        out = {
            "dL_dyhat": dL_dyhat,
            "dyhat_dz": dyhat_dz,
            "dz_dw": dz_dw,
            "dz_db": dz_db,
            "dL_dw": dL_dyhat * dyhat_dz * dz_dw,
            "dL_db": dL_dyhat * dyhat_dz * dz_db,
        }
    if not all(np.isfinite(value) for value in out.values()):
        raise ValueError(
            "a derivative is too large to represent as a double: forward_values "
            "are too large; rescale x and y"
        )
    return out


# ----------------------------------------------------------------------------
# a network with one hidden layer: chapter 7's pieces from lessons.layers, as a
# list (lessons.network): Dense → Sigmoid → Dense, with the mean squared error


def init_network(sizes: tuple[int, int, int], seed: int) -> Params:
    """Random starting weights for a network with ``sizes = (inputs, hidden, outputs)``.

    Weights are drawn from a normal distribution scaled by 1/√(inputs of the
    layer) (the rule ``"lecun"`` of :func:`lessons.network.init_params`); biases
    start at zero. The same seed gives the same network.

    ``sizes`` may ask for at most ``MAX_VALUES`` weights in all.

    >>> params = init_network((2, 4, 1), seed=1)
    >>> {name: value.shape for name, value in params.items()}
    {'W1': (2, 4), 'b1': (4,), 'W2': (4, 1), 'b2': (1,)}
    >>> params["W1"].round(3)
    array([[ 0.244,  0.581,  0.234, -0.921],
           [ 0.64 ,  0.316, -0.38 ,  0.411]])
    >>> params["W2"].round(3).ravel(), params["b1"], params["b2"]
    (array([0.182, 0.147, 0.014, 0.273]), array([0., 0., 0., 0.]), array([0.]))
    """
    if isinstance(sizes, (str, bytes, Mapping)) or not hasattr(sizes, "__len__"):
        raise TypeError(
            f"sizes must be a tuple (inputs, hidden, outputs) of whole numbers, "
            f"got {type(sizes).__name__} {sizes!r}"
        )
    if len(sizes) != 3:
        raise ValueError(f"sizes must be (inputs, hidden, outputs), got {sizes!r}")
    for i, (s, name) in enumerate(zip(sizes, ("inputs", "hidden", "outputs"))):
        positive_int(s, f"sizes[{i}] ({name})", maximum=MAX_VALUES)
    return network.init_params(sizes, init="lecun", seed=seed)


def check_params(params, name: str = "params") -> Params:
    """The one check of a network's parameters: keys, shapes and finite numbers.

    Returns a fresh dict of float arrays (lists are accepted). Every function
    that takes a network calls it, so a mistake is reported the same way.

    >>> check_params({"W1": [[1.0, 2.0]], "b1": [0.0, 0.0], "W2": [[1.0]], "b2": [0.0]})
    Traceback (most recent call last):
    ...
    ValueError: params['W2'] must have shape (2, outputs) to follow W1 of shape (1, 2), got (1, 1)
    """
    _known_keys(params, name)
    return network.check_parameters(params, name)


def _known_keys(params, name: str) -> None:
    if isinstance(params, Mapping) and any(key not in PARAM_NAMES for key in params):
        extra = ", ".join(str(key) for key in params if key not in PARAM_NAMES)
        raise ValueError(
            f"{name} has unknown key(s) {extra}; a network has exactly W1, b1, W2, b2 "
            "(as init_network returns)"
        )


def _network(params, name: str = "params") -> network.Network:
    """Chapter 7's network with these parameters: Dense, Sigmoid, Dense; mean squared error.

    The parameters get check_params' checks (from_parameters makes the second half)."""
    _known_keys(params, name)
    return network.from_parameters(params, "sigmoid", "identity", "mse", name)


def _columns(values, name: str) -> np.ndarray:
    array = as_floats(values, name, ndim=None)
    return _as_table(array, name)


def _as_table(array: np.ndarray, name: str) -> np.ndarray:
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be a column of values or a 2-D table, got shape {array.shape}"
        )
    return array


def _network_input(params: Params, x, name: str = "x") -> np.ndarray:
    x = _columns(x, name)
    if x.shape[1] != params["W1"].shape[0]:
        raise ValueError(
            f"{name} has {x.shape[1]} column(s) but the network takes "
            f"{params['W1'].shape[0]} input(s)"
        )
    return x


def forward(params: Params, x) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Forward propagation: input → hidden layer (sigmoid) → output (linear).

    Returns the predictions and a cache of every intermediate value: x, z1, h
    and y_hat.

    >>> params = {"W1": np.array([[1.0]]), "b1": np.array([0.0]),
    ...           "W2": np.array([[2.0]]), "b2": np.array([-1.0])}
    >>> forward(params, [0.0, 2.0])[0].round(4)  # 2·σ(0) − 1 = 0 and 2·σ(2) − 1
    array([[0.    ],
           [0.7616]])
    """
    net = _network(params)
    x, z1, h, y_hat = net.outputs(_network_input(net.parameters(), x))
    return y_hat, {"x": x, "z1": z1, "h": h, "y_hat": y_hat}


def loss(y_hat, y) -> float:
    """Mean squared error between predictions and targets.

    >>> loss([[1.0], [3.0]], [[0.0], [3.0]])
    0.5
    """
    y_hat, y = paired(y_hat, y, ("y_hat", "y"), ndim=None)
    return MeanSquaredError().forward(_as_table(y_hat, "y_hat"), _as_table(y, "y"))


def backward(params: Params, cache: dict[str, np.ndarray], y) -> Params:
    """Backward propagation: the gradient of the loss with respect to every parameter.

    The chain rule, applied from the loss back to the first layer:
    ∂L/∂ŷ = 2(ŷ − y)/n, then through the output layer to W2, b2 and the hidden
    values h, through the sigmoid (σ' = h(1 − h)) and finally to W1, b1. The
    layers run forward again from ``cache["x"]`` to keep what they need.

    >>> params = {"W1": np.array([[1.0]]), "b1": np.array([0.0]),
    ...           "W2": np.array([[2.0]]), "b2": np.array([-1.0])}
    >>> y_hat, cache = forward(params, [[0.0]])  # h = σ(0) = 0.5, ŷ = 2·0.5 − 1 = 0
    >>> grads = backward(params, cache, [[1.0]])  # ∂L/∂ŷ = 2(0 − 1) = −2
    >>> {k: v.round(4).tolist() for k, v in grads.items()}  # W2: −2·h; W1: −2·2·σ'(0)·x = 0
    {'W1': [[0.0]], 'b1': [-1.0], 'W2': [[-1.0]], 'b2': [-2.0]}
    """
    net = _network(params)
    if not isinstance(cache, Mapping):
        raise TypeError(f"cache must be the dict forward returns, got {type(cache).__name__}")
    if "x" not in cache:
        raise ValueError("cache is missing x; pass the cache forward returns")
    x = _network_input(net.parameters(), cache["x"], "cache['x']")
    net.loss_of(x, _columns(y, "y"))
    return net.backward()


def train(
    params: Params, x, y, learning_rate: float, steps: int, snapshot_every: int | None = None
) -> network.TrainingResult:
    """Gradient descent on the network: forward, backward, update, ``steps`` times.

    Full-batch :func:`lessons.network.train`: one step per epoch, so the
    history's ``step`` is its epoch. The input ``params`` are not modified. The
    loss is checked at step 0 and after every update, the same way as in every
    trainer of ``lessons``: if it becomes infinite or grows past
    ``DIVERGENCE_FACTOR`` times its start, a
    :class:`~lessons.gradient_descent.DivergenceError` names the step and the
    learning rate. ``steps`` is at most ``MAX_STEPS``; x and y pair up by row.

    >>> x = np.linspace(-1, 1, 20)[:, None]; y = x**2
    >>> result = train(init_network((1, 6, 1), seed=0), x, y, learning_rate=0.5, steps=500)
    >>> result.history.columns.tolist(), result.history["loss"].iloc[[0, 500]].round(4).tolist()
    (['step', 'loss'], [0.2925, 0.0372])

    (:func:`lessons.network.train` shows how a too large learning rate stops it.)
    """
    net = _network(params)
    x, y = paired(x, y, ndim=None)
    x, y = _network_input(net.parameters(), x), _as_table(y, "y")
    if y.shape[1] != net.parameters()["W2"].shape[1]:
        raise ValueError(
            f"y has {y.shape[1]} column(s) but the network has "
            f"{net.parameters()['W2'].shape[1]} output(s)"
        )
    positive(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps", maximum=MAX_STEPS)
    result = network.train(
        net, x, y, learning_rate=learning_rate, epochs=steps, snapshot_every=snapshot_every
    )
    return result._replace(history=result.history.rename(columns={"epoch": "step"}))


def hessian(params: Params, x, y, eps: float = 1e-5) -> np.ndarray:
    """The Hessian of the loss at ``params``: every second derivative, one matrix.

    Row and column k belong to the k-th number of W1, b1, W2, b2 laid out in
    that order (each array row by row). Column k is how the back-propagated
    gradient changes when parameter k moves: central differences
    (g(θ + ε) − g(θ − ε)) / 2ε of :func:`backward`. The result is made exactly
    symmetric (the order of differentiation does not matter), so
    ``np.linalg.eigvalsh`` gives its eigenvalues, the curvatures of chapter 6,
    and 2 / (the largest) is the limit of the learning rate at ``params``.

    A network with one weight and no hidden curvature: W1 = 1, b1 = 0, W2 = 1,
    b2 = 0 on x = 0 (so h = σ(0) = ½) and y = 0. Then ∂²L/∂b2² = 2 and
    ∂²L/∂W2² = 2h² = ½:

    >>> params = {"W1": np.array([[1.0]]), "b1": np.array([0.0]),
    ...           "W2": np.array([[1.0]]), "b2": np.array([0.0])}
    >>> h = hessian(params, [0.0], [0.0])
    >>> h.shape, float(h[3, 3].round(6)), float(h[2, 2].round(6))
    ((4, 4), 2.0, 0.5)
    """
    params = check_params(params)
    missing = [name for name in PARAM_NAMES if name not in params]
    if missing:
        raise ValueError(
            f"params is missing {', '.join(missing)}; a network has exactly W1, b1, W2, b2 "
            "(as init_network returns)"
        )
    eps = positive(eps, "eps")
    low, high = EPS_RANGE
    if not low <= eps <= high:
        raise ValueError(f"eps must be between {low:g} and {high:g} (EPS_RANGE), got {eps!r}")
    x, y = paired(x, y, ndim=None)
    x, y = _network_input(params, x), _as_table(y, "y")
    sizes = [params[name].size for name in PARAM_NAMES]
    within_size(sum(sizes) ** 2, "params (the Hessian has one row and column per parameter)")
    flat = np.concatenate([params[name].ravel() for name in PARAM_NAMES])

    def gradient(values: np.ndarray) -> np.ndarray:
        pieces = np.split(values, np.cumsum(sizes)[:-1])
        moved = {n: p.reshape(params[n].shape) for n, p in zip(PARAM_NAMES, pieces)}
        grads = backward(moved, forward(moved, x)[1], y)
        return np.concatenate([grads[name].ravel() for name in PARAM_NAMES])

    columns = []
    for k in range(flat.size):
        step = np.zeros_like(flat)
        step[k] = eps
        columns.append((gradient(flat + step) - gradient(flat - step)) / (2 * eps))
    matrix = np.column_stack(columns)
    return (matrix + matrix.T) / 2


def trace(params: Params, x: float, y: float, learning_rate: float) -> dict:
    """One example through the network, every value kept: forward, loss, backward, one update.

    Runs :mod:`lessons.layers` piece by piece (``Dense``, ``Sigmoid``,
    ``Dense``, ``MeanSquaredError``) on the single example (x, y), then takes
    one gradient step of size ``learning_rate``. Returns the inputs, z1, h,
    y_hat, loss, the gradients (delta2 = ∂L/∂ŷ, dW2, db2, delta1 = ∂L/∂z1,
    dW1, db1), the updated parameters (W1_new, …) and loss_new, the loss on the
    same example after the update: what chapter 7's stepper shows.

    >>> params = {"W1": np.array([[1.0]]), "b1": np.array([0.0]),
    ...           "W2": np.array([[2.0]]), "b2": np.array([-1.0])}
    >>> t = trace(params, x=0.0, y=1.0, learning_rate=0.1)   # h = σ(0) = 0.5, ŷ = 0
    >>> t["y_hat"], t["loss"], t["delta2"], t["dW2"].tolist()
    (0.0, 1.0, -2.0, [[-1.0]])
    >>> t["b2_new"].tolist(), round(t["loss_new"], 4)  # b2 − 0.1·(−2) = −0.8, and a lower loss
    ([-0.8], 0.4866)
    """
    p = check_params(params)
    if p["W1"].shape[0] != 1 or p["W2"].shape[1] != 1:
        raise ValueError("trace follows a network with one input and one output")
    x, y = as_float(x, "x"), as_float(y, "y")
    alpha = positive(learning_rate, "learning_rate")
    hidden, sigmoid_layer, output = Dense(p["W1"], p["b1"]), Sigmoid(), Dense(p["W2"], p["b2"])
    mse = MeanSquaredError()
    z1 = hidden.forward([[x]])
    h = sigmoid_layer.forward(z1)
    y_hat = output.forward(h)
    loss_value = mse.forward(y_hat, [[y]])
    delta2 = mse.backward()
    delta1 = sigmoid_layer.backward(output.backward(delta2))
    hidden.backward(delta1)
    grads = {"W1": hidden.dW, "b1": hidden.db, "W2": output.dW, "b2": output.db}
    new = {name: p[name] - alpha * grads[name] for name in PARAM_NAMES}
    after, _ = forward(new, [[x]])
    return {
        "x": x,
        "y": y,
        **{name: p[name] for name in PARAM_NAMES},
        "z1": z1[0],
        "h": h[0],
        "y_hat": float(y_hat[0, 0]),
        "loss": float(loss_value),
        "delta2": float(delta2[0, 0]),
        "dW2": grads["W2"],
        "db2": grads["b2"],
        "delta1": delta1[0],
        "dW1": grads["W1"],
        "db1": grads["b1"],
        "learning_rate": alpha,
        **{f"{name}_new": new[name] for name in PARAM_NAMES},
        "loss_new": loss(after, [[y]]),
    }


def snapshot_curves(snapshots: dict[int, Params], x) -> pd.DataFrame:
    """The network's predictions over ``x`` at every recorded step, for a chart.

    Each snapshot is a network with one input and one output.

    >>> start = {"W1": np.array([[1.0]]), "b1": np.array([0.0]),
    ...          "W2": np.array([[2.0]]), "b2": np.array([-1.0])}
    >>> later = {**start, "W2": np.array([[4.0]]), "b2": np.array([-2.0])}
    >>> snapshot_curves({10: later, 0: start}, [0.0, 2.0]).round(4)
       step    x   y_hat
    0     0  0.0  0.0000
    1     0  2.0  0.7616
    2    10  0.0  0.0000
    3    10  2.0  1.5232
    """
    if not isinstance(snapshots, Mapping) or not snapshots:
        raise TypeError(
            "snapshots must be a non-empty dict {step: params}, as train returns "
            f"in .snapshots; got {type(snapshots).__name__} {snapshots!r:.60}"
        )
    grid = as_floats(x, "x")
    within_size(len(snapshots) * grid.size, "snapshots × x")
    frames = []
    for step in sorted(snapshots, key=lambda s: whole_number(s, "a step of snapshots")):
        params = check_params(snapshots[step], f"snapshots[{step}]")
        if params["W1"].shape[0] != 1 or params["W2"].shape[1] != 1:
            raise ValueError(
                f"snapshots[{step}] must be a network with one input and one output, "
                f"got W1 {params['W1'].shape} and W2 {params['W2'].shape}"
            )
        y_hat = _network(params, f"snapshots[{step}]").forward(grid[:, None])
        frames.append(pd.DataFrame({"step": step, "x": grid, "y_hat": y_hat[:, 0]}))
    return pd.concat(frames, ignore_index=True)


def numerical_gradient(f: Callable[[Params], float], params: Params, eps: float = 1e-6) -> Params:
    """Central differences (f(θ + ε) − f(θ − ε)) / 2ε for every parameter θ, one at a time.

    Slow but obviously right: the gradient check compares :func:`backward` with it.
    ``params`` is any dict of arrays (not only a network); ``eps`` must lie in
    ``EPS_RANGE`` (1e-10 … 0.1) and be at least 1e-8 times the largest parameter
    (smaller steps are lost to rounding): the default 1e-6 suits parameters near 1.

    >>> grad = numerical_gradient(lambda p: float((p["a"] ** 2).sum()), {"a": np.array([3.0])})
    >>> round(float(grad["a"][0]), 6)
    6.0
    >>> numerical_gradient(lambda p: 0.0, {"a": np.array([3.0])}, eps=1e-320)
    Traceback (most recent call last):
    ...
    ValueError: eps must be between 1e-10 and 0.1 (EPS_RANGE), got 1e-320: a smaller step drowns in rounding, a larger one is no longer a derivative
    """
    eps = positive(eps, "eps")
    low, high = EPS_RANGE
    if not low <= eps <= high:
        raise ValueError(
            f"eps must be between {low:g} and {high:g} (EPS_RANGE), got {eps!r}: a "
            "smaller step drowns in rounding, a larger one is no longer a derivative"
        )
    if not callable(f):
        raise TypeError(f"f must be a function of the parameters, got {type(f).__name__}")
    if not isinstance(params, Mapping) or not params:
        raise TypeError(
            "params must be a non-empty dict of arrays {name: values}, got "
            f"{type(params).__name__}"
        )
    shifted = {
        name: as_floats(value, f"params[{name!r}]", ndim=None) for name, value in params.items()
    }
    within_size(sum(value.size for value in shifted.values()), "params")
    for name, value in shifted.items():
        biggest = float(np.max(np.abs(value))) if value.size else 0.0
        if eps < 1e-8 * biggest:
            raise ValueError(
                f"eps={eps!r} is too small for params[{name!r}] (values up to "
                f"{biggest:.3g}): θ ± eps would round back to almost θ; use an eps "
                f"of at least 1e-8 times the largest parameter ({1e-8 * biggest:.3g})"
            )
    grads: Params = {}
    for name, value in shifted.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + eps
            plus = _value_of(f, shifted)
            value[index] = original - eps
            minus = _value_of(f, shifted)
            value[index] = original
            with np.errstate(over="ignore"):
                grad[index] = (plus - minus) / (2 * eps)
            if not np.isfinite(grad[index]):
                raise ValueError(
                    f"the numerical gradient of f for params[{name!r}] is too large "
                    "to represent as a double (beyond ±1.8e308)"
                )
        grads[name] = grad
    return grads


def _value_of(f: Callable, params: Params) -> float:
    value = f(params)
    try:
        return as_float(value, "f(params)")
    except (TypeError, ValueError) as error:
        raise type(error)(f"f must return a finite real number: {error}") from None


def relative_error(a: Params, b: Params) -> float:
    """How far two sets of gradients differ: ‖a − b‖ / (‖a‖ + ‖b‖) over all parameters.

    Below about 1e-7 the two agree to the precision of finite differences.

    The two must name the same parameters with the same shapes.

    >>> f"{relative_error({'w': np.array([1.0, 2.0])}, {'w': np.array([1.0, 2.000002])}):.1e}"
    '4.5e-07'
    >>> relative_error({"w": np.array([1.0])}, {"w": np.array([1.0, 1.0])})
    Traceback (most recent call last):
    ...
    ValueError: a['w'] has shape (1,) but b['w'] has shape (2,)
    """
    for value, name in ((a, "a"), (b, "b")):
        if not isinstance(value, Mapping) or not value:
            raise TypeError(
                f"{name} must be a non-empty dict of arrays {{name: gradient}}, got "
                f"{type(value).__name__}"
            )
    if sorted(map(str, a)) != sorted(map(str, b)):
        raise ValueError(
            f"a and b name different parameters: {sorted(map(str, a))} and {sorted(map(str, b))}"
        )
    arrays_a = {k: as_floats(a[k], f"a[{k!r}]", ndim=None) for k in a}
    arrays_b = {k: as_floats(b[k], f"b[{k!r}]", ndim=None) for k in b}
    for k in sorted(arrays_a):
        if arrays_a[k].shape != arrays_b[k].shape:
            raise ValueError(
                f"a[{k!r}] has shape {arrays_a[k].shape} but b[{k!r}] has shape {arrays_b[k].shape}"
            )
    flat_a = np.concatenate([np.ravel(arrays_a[name]) for name in sorted(a)])
    flat_b = np.concatenate([np.ravel(arrays_b[name]) for name in sorted(a)])
    # the ratio does not change with scale: compute it at a scale where nothing overflows
    e = exponent(np.concatenate([flat_a, flat_b]))
    flat_a, flat_b = ldexp(flat_a, -e), ldexp(flat_b, -e)
    scale = np.linalg.norm(flat_a) + np.linalg.norm(flat_b)
    return float(np.linalg.norm(flat_a - flat_b) / scale) if scale else 0.0
