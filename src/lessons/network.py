"""A network is a list of layers and a loss (chapters 5, 7 and 8).

``forward`` runs the layers in order, ``backward`` runs them in reverse from
the loss; the parameters are the Dense layers' W and b, named W1, b1, W2, b2, …
from the input up. Chapter 7's network and chapter 8's are built here from the
same pieces (:mod:`lessons.layers`); only the sizes, the activation, the
starting rule and the loss differ. :func:`train` is the one training loop of
the book's networks: full-batch or mini-batch gradient descent.

>>> net = build((1, 3, 1), activation="sigmoid", init="lecun", seed=0)
>>> [type(layer).__name__ for layer in net.layers], type(net.loss).__name__
(['Dense', 'Sigmoid', 'Dense'], 'MeanSquaredError')
>>> value = net.loss_of([[0.0], [1.0]], [[1.0], [0.0]])
>>> sorted(net.backward()) == sorted(net.parameters())
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from lessons._checks import (
    MAX_VALUES,
    as_floats,
    positive,
    positive_int,
    seed_int,
    within_size,
)
from lessons._divergence import DivergenceWatch
from lessons.layers import (
    Dense,
    Identity,
    MeanSquaredError,
    ReLU,
    Sigmoid,
    SigmoidCrossEntropy,
    SoftmaxCrossEntropy,
)

Params = dict[str, np.ndarray]

#: The starting rules for a layer's weights, by name: normal with mean 0 and
#: standard deviation √(1/n_in) ("lecun", suits the sigmoid) or √(2/n_in) ("he",
#: suits ReLU), n_in being the layer's number of inputs. Biases start at 0.
INITS: dict[str, Callable[[int], float]] = {
    "lecun": lambda n_in: 1.0 / np.sqrt(n_in),
    "he": lambda n_in: np.sqrt(2.0 / n_in),
}
ACTIVATIONS = {"sigmoid": Sigmoid, "relu": ReLU, "identity": Identity}
LOSSES = {
    "mse": MeanSquaredError,
    "softmax_cross_entropy": SoftmaxCrossEntropy,
    "sigmoid_cross_entropy": SigmoidCrossEntropy,
}


class Network:
    """Layers in order, and the loss on top of the last one.

    >>> net = Network([Dense([[2.0]], [0.0]), Identity()], MeanSquaredError())
    >>> net.forward([[1.0], [2.0]])
    array([[2.],
           [4.]])
    >>> net.loss_of([[1.0], [2.0]], [[1.0], [1.0]])   # ((2 − 1)² + (4 − 1)²) / 2
    5.0
    >>> net.backward()                                # ∂L/∂W = Σ 2(ŷ − y)·x / 2 = 1 + 6
    {'W1': array([[7.]]), 'b1': array([4.])}
    """

    def __init__(self, layers, loss) -> None:
        if isinstance(layers, (str, bytes, Mapping)) or not hasattr(layers, "__iter__"):
            raise TypeError(f"layers must be a list of layers, got {type(layers).__name__}")
        self.layers = list(layers)
        for layer in [*self.layers, loss]:
            if not (hasattr(layer, "forward") and hasattr(layer, "backward")):
                raise TypeError(
                    f"every layer and the loss need forward and backward, got "
                    f"{type(layer).__name__}"
                )
        self.loss = loss
        self.dense = [layer for layer in self.layers if isinstance(layer, Dense)]
        if not self.dense:
            raise ValueError("a network needs at least one Dense layer (it has no weights)")

    def forward(self, x) -> np.ndarray:
        """The output for each row of x; every layer keeps what its backward needs."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def outputs(self, x) -> list[np.ndarray]:
        """The input and every layer's output, in order (a forward pass that keeps them all)."""
        values = [x]
        for layer in self.layers:
            values.append(layer.forward(values[-1]))
        values[0] = self.layers[0].x if isinstance(self.layers[0], Dense) else values[0]
        return values

    def loss_of(self, x, y) -> float:
        """Forward through the layers and the loss."""
        return self.loss.forward(self.forward(x), y)

    def _loss_of(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
        """The output and the loss of checked x and y, without the checks (the trainer's pass)."""
        for layer in self.layers:
            x = layer._forward(x)
        return x, self.loss._forward(x, y)

    def _backward(self) -> None:
        """The backward pass after :meth:`_loss_of`, without checks: every Dense layer's dW, db."""
        dout = self.loss._backward()
        for layer in self.layers[:0:-1]:
            dout = layer._backward(dout)
        first = self.layers[0]
        first._backward(dout, dx=False) if isinstance(first, Dense) else first._backward(dout)

    def _step(self, learning_rate: float) -> None:
        """One step of gradient descent after :meth:`_loss_of`: backward, then θ ← θ − α·∂L/∂θ."""
        self._backward()
        for layer in self.dense:
            layer.W -= learning_rate * layer.dW
            layer.b -= learning_rate * layer.db

    def backward(self) -> Params:
        """The chain rule from the loss back: the gradient of every parameter (after loss_of)."""
        dout = self.loss.backward()
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return {
            name: value
            for k, layer in enumerate(self.dense, start=1)
            for name, value in ((f"W{k}", layer.dW), (f"b{k}", layer.db))
        }

    def parameters(self) -> Params:
        """The weights and biases, W1, b1, W2, b2, … (the arrays themselves, not copies)."""
        return {
            name: value
            for k, layer in enumerate(self.dense, start=1)
            for name, value in ((f"W{k}", layer.W), (f"b{k}", layer.b))
        }

    def copy(self) -> Network:
        """The same network with its own copy of the parameters."""
        return with_parameters(
            self, {name: value.copy() for name, value in self.parameters().items()}
        )


def _sizes(sizes, what: str = "sizes") -> list[int]:
    if isinstance(sizes, (str, bytes, Mapping)) or not hasattr(sizes, "__len__"):
        raise TypeError(
            f"{what} must be a tuple of whole numbers (inputs, …, outputs), got "
            f"{type(sizes).__name__} {sizes!r}"
        )
    if len(sizes) < 2:
        raise ValueError(f"{what} needs at least (inputs, outputs), got {sizes!r}")
    sizes = [positive_int(s, f"{what}[{i}]", maximum=MAX_VALUES) for i, s in enumerate(sizes)]
    within_size(sum(a * b for a, b in zip(sizes, sizes[1:])), f"{what} (the weights)")
    return sizes


def init_params(sizes, init="lecun", seed: int = 0) -> Params:
    """Starting weights for a stack of Dense layers of ``sizes = (inputs, …, outputs)``.

    ``init`` names the rule (a key of :data:`INITS`) or is a function of a
    layer's number of inputs that returns the standard deviation. Weights are
    drawn layer by layer from one generator seeded by ``seed``; biases are 0.

    >>> {k: v.round(3).tolist() for k, v in init_params((1, 2, 1), "he", seed=0).items()}
    {'W1': [[0.178, -0.187]], 'b1': [0.0, 0.0], 'W2': [[0.64], [0.105]], 'b2': [0.0]}
    """
    sizes = _sizes(sizes)
    spread = INITS.get(init) if isinstance(init, str) else init
    if not callable(spread):
        raise ValueError(f"init must be one of {sorted(INITS)} or a function of n_in, got {init!r}")
    rng = np.random.default_rng(seed_int(seed))
    params: Params = {}
    for k, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
        params[f"W{k}"] = rng.normal(0.0, spread(n_in), size=(n_in, n_out))
        params[f"b{k}"] = np.zeros(n_out)
    return params


def from_parameters(
    params,
    activation: str = "sigmoid",
    output: str = "identity",
    loss: str = "mse",
    name: str = "params",
) -> Network:
    """A network of Dense layers with ``params`` W1, b1, W2, b2, …: an activation after every
    Dense layer but the last, ``output`` after the last (the parameters are used, not copied).

    >>> from_parameters({"W1": [[1.0, 2.0]], "b1": [0.0, 0.0], "W2": [[1.0]], "b2": [0.0]})
    Traceback (most recent call last):
    ...
    ValueError: params['W2'] must have shape (2, outputs) to follow W1 of shape (1, 2), got (1, 1)
    """
    checked = check_parameters(params, name)
    pieces = ACTIVATIONS[activation], ACTIVATIONS[output]
    n = len(checked) // 2
    layers = []
    for k in range(1, n + 1):
        layers.append(Dense(checked[f"W{k}"], checked[f"b{k}"]))
        if k < n or output != "identity":  # an identity output is no layer at all
            layers.append(pieces[k == n]())
    return Network(layers, LOSSES[loss]())


def check_parameters(params, name: str = "params") -> Params:
    """The one check of a network's parameters: W1, b1, … W_k, b_k, fitting shapes, finite.

    Returns a fresh dict of float arrays (lists are accepted).

    >>> check_parameters({"W1": [[1.0]], "b1": [0.0], "b2": [0.0]})
    Traceback (most recent call last):
    ...
    ValueError: params is missing W2; a network has W1, b1, W2, b2, … (as init_params returns)
    """
    if not isinstance(params, Mapping):
        raise TypeError(
            f"{name} must be a dict with the keys W1, b1, W2, b2, … (as init_params "
            f"returns), got {type(params).__name__}"
        )
    n = max(
        (int(str(k)[1:]) for k in params if str(k)[:1] in "Wb" and str(k)[1:].isdigit()), default=1
    )
    expected = [f"{kind}{k}" for k in range(1, n + 1) for kind in "Wb"]
    missing = [key for key in expected if key not in params]
    extra = [str(key) for key in params if key not in expected]
    if missing or extra:
        problem = (
            f"is missing {', '.join(missing)}"
            if missing
            else f"has unknown key(s) {', '.join(extra)}"
        )
        raise ValueError(
            f"{name} {problem}; a network has W1, b1, W2, b2, … (as init_params returns)"
        )
    checked: Params = {}
    for k in range(1, n + 1):
        W = as_floats(params[f"W{k}"], f"{name}['W{k}']", ndim=None)
        if k == 1 and W.ndim != 2:
            raise ValueError(f"{name}['W1'] must be 2-dimensional, got shape {W.shape}")
        if k > 1:
            before = checked[f"W{k - 1}"].shape
            if W.ndim != 2 or W.shape[0] != before[1]:
                raise ValueError(
                    f"{name}['W{k}'] must have shape ({before[1]}, outputs) to follow "
                    f"W{k - 1} of shape {before}, got {W.shape}"
                )
        b = as_floats(params[f"b{k}"], f"{name}['b{k}']", ndim=None)
        if b.shape != (W.shape[1],):
            raise ValueError(
                f"{name}['b{k}'] must have shape ({W.shape[1]},) to follow W{k} of shape "
                f"{W.shape}, got {b.shape}"
            )
        checked[f"W{k}"], checked[f"b{k}"] = W, b
    return checked


def with_parameters(net: Network, params: Params) -> Network:
    """The same kinds of layers and loss as ``net``, with the weights and biases ``params``."""
    new = iter(params[name] for name in net.parameters())
    layers = [
        Dense(next(new), next(new)) if isinstance(layer, Dense) else type(layer)()
        for layer in net.layers
    ]
    return Network(layers, type(net.loss)())


def build(
    sizes,
    activation: str = "sigmoid",
    output: str = "identity",
    loss: str = "mse",
    init="lecun",
    seed: int = 0,
) -> Network:
    """A fresh network: Dense layers of ``sizes`` started by the rule ``init``.

    >>> net = build((64, 32, 16, 10), "relu", loss="softmax_cross_entropy", init="he")
    >>> [type(layer).__name__ for layer in net.layers]
    ['Dense', 'ReLU', 'Dense', 'ReLU', 'Dense']
    """
    for value, table, what in (
        (activation, ACTIVATIONS, "activation"),
        (output, ACTIVATIONS, "output"),
        (loss, LOSSES, "loss"),
    ):
        if value not in table:
            raise ValueError(f"{what} must be one of {sorted(table)}, got {value!r}")
    return from_parameters(init_params(sizes, init, seed), activation, output, loss)


# ----------------------------------------------------------------------------
# export and import: the browser runs the same layer list


def export(net: Network, significant_digits: int = 7) -> dict:
    """The network as JSON-ready numbers: its layer list, for the page's JavaScript.

    Weights are rounded to ``significant_digits``. A softmax loss adds a final
    ``{"kind": "softmax"}`` so the page can turn scores into probabilities.

    >>> exported = export(build((2, 2, 1), seed=0), significant_digits=3)
    >>> [layer["kind"] for layer in exported["layers"]]
    ['dense', 'sigmoid', 'dense']
    >>> exported["layers"][0]["W"]
    [[0.0889, -0.0934], [0.453, 0.0742]]
    """
    digits = positive_int(significant_digits, "significant_digits")

    def rounded(values: np.ndarray):
        return np.vectorize(lambda v: float(f"{v:.{digits}g}"), otypes=[float])(values).tolist()

    kinds = {Dense: "dense", Sigmoid: "sigmoid", ReLU: "relu", Identity: "identity"}
    layers = []
    for layer in net.layers:
        entry = {"kind": kinds[type(layer)]}
        if isinstance(layer, Dense):
            entry.update(W=rounded(layer.W), b=rounded(layer.b))
        layers.append(entry)
    if isinstance(net.loss, SoftmaxCrossEntropy):
        layers.append({"kind": "softmax"})
    return {"layers": layers}


def load(exported) -> Network:
    """The network :func:`export` wrote (or the JSON a page carries).

    >>> net = build((2, 3, 2), "relu", loss="softmax_cross_entropy", seed=1)
    >>> again = load(export(net))
    >>> [type(layer).__name__ for layer in again.layers], type(again.loss).__name__
    (['Dense', 'ReLU', 'Dense'], 'SoftmaxCrossEntropy')
    """
    if not isinstance(exported, Mapping) or not isinstance(exported.get("layers"), list):
        raise TypeError("exported must be the dict network.export returns (with a 'layers' list)")
    entries = list(exported["layers"])
    loss = MeanSquaredError()
    if entries and isinstance(entries[-1], Mapping) and entries[-1].get("kind") == "softmax":
        entries, loss = entries[:-1], SoftmaxCrossEntropy()
    layers = []
    for i, entry in enumerate(entries):
        kind = entry.get("kind") if isinstance(entry, Mapping) else None
        if kind == "dense":
            layers.append(Dense(entry.get("W"), entry.get("b")))
        elif kind in ACTIVATIONS:
            layers.append(ACTIVATIONS[kind]())
        else:
            raise ValueError(f"exported['layers'][{i}] has an unknown kind {kind!r}")
    net = Network(layers, loss)
    check_parameters(net.parameters(), "the exported weights")
    return net


# ----------------------------------------------------------------------------
# the one trainer


class TrainingResult(NamedTuple):
    """What :func:`train` returns."""

    network: Network  #: the trained network (the one passed in is not modified)
    #: one row per epoch (epoch 0 = untrained): epoch, loss, the metrics, and
    #: validation_loss and validation_<metric> when validation data were given
    history: pd.DataFrame
    snapshots: dict[int, Params]  #: copies of the parameters every ``snapshot_every`` epochs
    #: True when ``on_divergence="stop"`` stopped the run (the result is the last epoch before)
    diverged: bool = False

    @property
    def params(self) -> Params:
        """The trained network's parameters, W1, b1, W2, b2, …"""
        return self.network.parameters()


def minibatches(n: int, batch_size: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """The row numbers of one epoch: all n rows, shuffled by ``rng``, in batches.

    The last batch is smaller when ``batch_size`` does not divide n.

    >>> [len(batch) for batch in minibatches(10, 4, np.random.default_rng(0))]
    [4, 4, 2]
    """
    n = positive_int(n, "n")
    batch_size = positive_int(batch_size, "batch_size")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy random Generator "
            f"(np.random.default_rng(seed)), got {type(rng).__name__}"
        )
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start : start + batch_size]


def train(
    net: Network,
    x,
    y,
    *,
    learning_rate: float,
    epochs: int,
    batch_size: int | None = None,
    seed: int | None = None,
    validation: tuple | None = None,
    metrics: Mapping[str, Callable] | None = None,
    snapshot_every: int | None = None,
    on_divergence: str = "raise",
    name: str = "training the network",
    data: str = "x and y",
) -> TrainingResult:
    """Gradient descent: forward, backward, update, for ``epochs`` passes over the data.

    Without ``batch_size`` every epoch is one step on all the rows (full-batch);
    with it, each epoch shuffles the rows (a generator seeded by ``seed``) and
    takes one step per mini-batch. After every epoch the loss on all of x (and
    on ``validation=(x_val, y_val)``, and every ``metrics`` function of
    (output, y)) is recorded. One divergence policy: if the loss stops being a
    finite number or grows past ``DIVERGENCE_FACTOR`` times its start, a
    :class:`~lessons._divergence.DivergenceError` names the epoch and the rate
    (``name`` is the trainer it names, ``data`` what it blames when the loss
    cannot even be computed at the start); with ``on_divergence="stop"`` the run
    instead stops before that epoch and the result has ``diverged=True``.

    >>> x = np.linspace(-1, 1, 20)[:, None]; y = x**2
    >>> result = train(build((1, 6, 1), seed=0), x, y, learning_rate=0.5, epochs=500)
    >>> result.history["loss"].iloc[[0, 100, 500]].round(4).tolist()
    [0.2925, 0.1072, 0.0372]
    >>> train(build((1, 6, 1), seed=0), x, y, learning_rate=50.0, epochs=500)
    Traceback (most recent call last):
    ...
    lessons._divergence.DivergenceError: training the network diverged at step 2 with learning_rate=50.0: the loss grew from 0.293 to 1e+08, more than 1e+06 times its start (steps 0-1 stayed below that); try a smaller learning rate
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a Network (network.build), got {type(net).__name__}")
    alpha = positive(learning_rate, "learning_rate")
    epochs = positive_int(epochs, "epochs", maximum=1_000_000)
    if batch_size is not None:
        batch_size = positive_int(batch_size, "batch_size")
        rng = np.random.default_rng(seed_int(seed))
    every = positive_int(snapshot_every, "snapshot_every") if snapshot_every is not None else None
    if on_divergence not in ("raise", "stop"):
        raise ValueError(f"on_divergence must be 'raise' or 'stop', got {on_divergence!r}")
    metrics = dict(metrics or {})
    net = net.copy()
    size = sum(value.size for value in net.parameters().values())
    if every is not None:
        within_size((epochs // every + 1) * size, "epochs / snapshot_every (the snapshots)")
    # the data are checked once here; the loop below runs the layers without checks
    sets = [("", *_checked(net, x, y, "x", "y"))]
    if validation is not None:
        if not isinstance(validation, tuple) or len(validation) != 2:
            raise TypeError("validation must be a tuple (x_val, y_val)")
        sets.insert(0, ("validation_", *_checked(net, *validation, "x_val", "y_val")))
    x, y = sets[-1][1:]
    rows, snapshots = [], {}

    def record(epoch: int) -> dict:  # the training data last: full-batch steps reuse its pass
        row = {"epoch": epoch}
        for prefix, xs, ys in sets:
            out, row[f"{prefix}loss"] = net._loss_of(xs, ys)
            for key, f in metrics.items():
                row[f"{prefix}{key}"] = f(out, ys)
        rows.append(row)
        if every is not None and epoch % every == 0:
            snapshots[epoch] = {k: v.copy() for k, v in net.parameters().items()}
        return row

    diverged = False
    with threadpool_limits(limits=1, user_api="blas"):  # small matrices: one thread is faster
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            try:
                first = record(0)["loss"]
            except ValueError:  # beyond a double before any step: DivergenceWatch blames the data
                first = np.inf
        unit = "step" if batch_size is None else "epoch"
        watch = DivergenceWatch(first, alpha, name, data, _size_of(x, y), unit)
        silent = np.errstate(over="ignore", invalid="ignore", under="ignore")  # the loss says
        with silent:
            for epoch in range(1, epochs + 1):
                if on_divergence == "stop":
                    before = net.copy()
                try:
                    if batch_size is None:
                        net._step(alpha)  # the forward pass was record()'s
                    else:
                        for batch in minibatches(len(x), batch_size, rng):
                            net._loss_of(x[batch], y[batch])
                            net._step(alpha)
                    loss = record(epoch)["loss"]
                except ValueError:  # a value grew beyond a double: the steps overshot
                    loss = np.inf
                if watch.diverged(loss):
                    if on_divergence == "raise":
                        raise watch.error(epoch, loss)
                    net, diverged = before, True
                    del rows[epoch:]
                    snapshots.pop(epoch, None)
                    break
    return TrainingResult(net, pd.DataFrame(rows), snapshots, diverged)


def _checked(net: Network, x, y, x_name: str, y_name: str) -> tuple[np.ndarray, np.ndarray]:
    """x as a table of the network's inputs and y as its loss takes them, or a clear error."""
    x = as_floats(x, x_name, ndim=2)
    if isinstance(net.layers[0], Dense) and x.shape[1] != net.layers[0].W.shape[0]:
        raise ValueError(
            f"{x_name} has {x.shape[1]} column(s) but the network takes "
            f"{net.layers[0].W.shape[0]} input(s)"
        )
    if len(x) != len(np.asarray(y)):
        raise ValueError(
            f"{x_name} and {y_name} must have the same number of rows, got {len(x)} and "
            f"{len(np.asarray(y))}"
        )
    within_size(len(x) * max(layer.W.shape[1] for layer in net.dense), f"{x_name} (rows × neurons)")
    outputs = np.zeros((len(x), net.dense[-1].W.shape[1]))
    return x, net.loss.check(outputs, y)[1]


def one_neuron_gradients(net: Network, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(∂L/∂w, ∂L/∂b) of a network of one neuron with one input, by its own backward pass.

    x and y are checked 1-D arrays of everyday numbers (:func:`lessons._numeric.everyday`);
    these are the numbers :func:`train` steps against, bit for bit (chapter 6's loops).

    >>> line = Network([Dense([[2.0]], [0.0])], MeanSquaredError())   # ŷ = 2x
    >>> one_neuron_gradients(line, np.array([1.0, 2.0]), np.array([1.0, 1.0]))  # errors 1, 3
    (7.0, 4.0)
    """
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        net._loss_of(x[:, None], y[:, None])
        net._backward()
    return float(net.dense[0].dW[0, 0]), float(net.dense[0].db[0])


def _size_of(*arrays) -> float:
    return float(max(np.max(np.abs(np.asarray(a, dtype=float))) for a in arrays))
