"""A network with two hidden layers that classifies handwritten digits (chapter 8).

The input is an 8×8 image, 64 pixel counts from 0 to 16 scaled to 0–1
(:func:`scale_pixels`). Two hidden layers of ReLU units, then ten scores, one
per digit, turned into probabilities by softmax (:mod:`lessons.softmax`)::

    h₁ = relu(x·W₁ + b₁),   h₂ = relu(h₁·W₂ + b₂),   p = softmax(h₂·W₃ + b₃)

The loss is the cross-entropy, and training is mini-batch gradient descent:
shuffle the training examples, cut them into batches, and take one step per
batch; one pass over all of them is an epoch.

>>> params = init_network((64, 8, 6, 10), seed=0)
>>> x = np.zeros((3, 64)); labels = [0, 1, 2]
>>> p, cache = forward(params, x)
>>> p.shape, bool(np.allclose(p.sum(axis=1), 1))
((3, 10), True)
>>> sorted(backward(params, cache, labels)) == sorted(params)
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from lessons._checks import as_floats, positive, positive_int, seed_int
from lessons.gradient_descent import DIVERGENCE_FACTOR, DivergenceError
from lessons.softmax import N_DIGITS, class_labels, cross_entropy, one_hot, softmax

Params = dict[str, np.ndarray]
#: The largest pixel count of the 8×8 images: a 4×4 block of a 32×32 bitmap has 16 pixels.
MAX_COUNT = 16
N_LAYERS = 3


def scale_pixels(counts) -> np.ndarray:
    """Pixel counts 0–16 (one image per row, 64 columns) scaled to 0–1.

    >>> scale_pixels([[0] * 63 + [16]])[0, -2:]
    array([0., 1.])
    """
    counts = as_floats(counts, "counts", ndim=None)
    if counts.ndim == 1:
        counts = counts[None, :]
    if counts.ndim != 2 or counts.shape[1] != 64:
        raise ValueError(f"counts must have 64 pixels per image (8×8), got shape {counts.shape}")
    if counts.min() < 0 or counts.max() > MAX_COUNT:
        raise ValueError(
            f"pixel counts must be between 0 and {MAX_COUNT}, "
            f"got {counts.min():g} to {counts.max():g}"
        )
    return counts / MAX_COUNT


def downsample(bitmap) -> np.ndarray:
    """A 32×32 bitmap of 0/1 pixels → 64 counts: the on pixels of each 4×4 block, row by row.

    This is how the digits were made from scanned forms (and what the page's
    digit pad does with what you draw).

    >>> bitmap = np.zeros((32, 32)); bitmap[:4, :4] = 1; bitmap[31, 31] = 1
    >>> counts = downsample(bitmap)
    >>> int(counts[0]), int(counts[63]), int(counts.sum())
    (16, 1, 17)
    """
    bitmap = as_floats(bitmap, "bitmap", ndim=2)
    if bitmap.shape != (32, 32):
        raise ValueError(f"bitmap must be 32×32, got {bitmap.shape}")
    if not np.isin(bitmap, (0.0, 1.0)).all():
        raise ValueError("bitmap pixels must be 0 (off) or 1 (on)")
    return bitmap.reshape(8, 4, 8, 4).sum(axis=(1, 3)).ravel()


def relu(z) -> np.ndarray:
    """The rectified linear unit max(0, z), elementwise.

    >>> relu(np.array([-2.0, 0.0, 3.0]))
    array([0., 0., 3.])
    """
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def init_network(sizes: tuple[int, ...] = (64, 32, 16, 10), seed: int = 0) -> Params:
    """Random starting weights for ``sizes = (inputs, hidden 1, hidden 2, classes)``.

    Weights are drawn from a normal distribution with standard deviation
    √(2 / inputs of the layer), which keeps ReLU layers' outputs on the same
    scale from layer to layer; biases start at zero. Same seed, same network.

    >>> {name: value.shape for name, value in init_network((64, 8, 6, 10), seed=1).items()}
    {'W1': (64, 8), 'b1': (8,), 'W2': (8, 6), 'b2': (6,), 'W3': (6, 10), 'b3': (10,)}
    """
    if not isinstance(sizes, (tuple, list)) or len(sizes) != N_LAYERS + 1:
        raise ValueError(f"sizes must be (inputs, hidden 1, hidden 2, classes), got {sizes!r}")
    names = ("inputs", "hidden 1", "hidden 2", "classes")
    sizes = [positive_int(size, name) for size, name in zip(sizes, names)]
    if sizes[-1] < 2:
        raise ValueError(f"a classifier needs at least 2 classes, got {sizes[-1]}")
    rng = np.random.default_rng(seed_int(seed))
    params: Params = {}
    for layer, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):
        params[f"W{layer}"] = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        params[f"b{layer}"] = np.zeros(n_out)
    return params


def _check_params(params: Params) -> None:
    expected = [f"{kind}{layer}" for layer in range(1, N_LAYERS + 1) for kind in "Wb"]
    if not isinstance(params, dict) or sorted(params) != sorted(expected):
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        raise ValueError(f"params must have {expected}, got {got}")
    for layer in range(1, N_LAYERS + 1):
        w, b = params[f"W{layer}"], params[f"b{layer}"]
        if np.ndim(w) != 2 or np.ndim(b) != 1 or np.shape(w)[1] != np.shape(b)[0]:
            raise ValueError(
                f"W{layer} and b{layer} do not fit together: shapes {np.shape(w)} and {np.shape(b)}"
            )
        if layer > 1 and np.shape(w)[0] != np.shape(params[f"W{layer - 1}"])[1]:
            raise ValueError(
                f"W{layer} takes {np.shape(w)[0]} inputs but layer {layer - 1} "
                f"has {np.shape(params[f'W{layer - 1}'])[1]} units"
            )


def _inputs(params: Params, x) -> np.ndarray:
    _check_params(params)
    x = as_floats(x, "x", ndim=None)
    if x.ndim == 1:
        x = x[None, :]
    n_inputs = params["W1"].shape[0]
    if x.ndim != 2 or x.shape[1] != n_inputs:
        raise ValueError(f"x must have {n_inputs} columns (one row per image), got shape {x.shape}")
    return x


def forward(params: Params, x) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Forward propagation: the ten probabilities for each row of ``x``, and a cache.

    The cache keeps every intermediate value; :func:`backward` needs them.

    >>> p, cache = forward(init_network((64, 8, 6, 10), seed=0), np.ones(64) / 2)
    >>> p.shape, list(cache)
    ((1, 10), ['x', 'z1', 'h1', 'z2', 'h2', 'z3', 'p'])
    """
    x = _inputs(params, x)
    z1 = x @ params["W1"] + params["b1"]
    h1 = relu(z1)
    z2 = h1 @ params["W2"] + params["b2"]
    h2 = relu(z2)
    z3 = h2 @ params["W3"] + params["b3"]
    p = softmax(z3)
    return p, {"x": x, "z1": z1, "h1": h1, "z2": z2, "h2": h2, "z3": z3, "p": p}


def backward(params: Params, cache: dict[str, np.ndarray], labels) -> Params:
    """Backward propagation: the gradient of the cross-entropy for every parameter.

    From the loss back: ∂L/∂z₃ = (p − onehot(y)) / n; a layer passes
    ∂L/∂h = ∂L/∂z·Wᵀ to the layer below and takes ∂L/∂W = hᵀ·∂L/∂z,
    ∂L/∂b = the column sums of ∂L/∂z; ReLU lets the gradient through where its
    input was positive and stops it elsewhere.

    >>> params = init_network((64, 8, 6, 10), seed=0)
    >>> grads = backward(params, forward(params, np.ones((2, 64)))[1], [3, 7])
    >>> {name: grad.shape == params[name].shape for name, grad in grads.items()}
    {'W3': True, 'b3': True, 'W2': True, 'b2': True, 'W1': True, 'b1': True}
    """
    _check_params(params)
    p = cache["p"]
    y = class_labels(labels, p.shape[1])
    if len(y) != len(p):
        raise ValueError(f"labels has {len(y)} entries but the cache holds {len(p)} examples")
    dz3 = (p - one_hot(y, p.shape[1])) / len(y)
    dh2 = dz3 @ params["W3"].T
    dz2 = dh2 * (cache["z2"] > 0)
    dh1 = dz2 @ params["W2"].T
    dz1 = dh1 * (cache["z1"] > 0)
    return {
        "W3": cache["h2"].T @ dz3,
        "b3": dz3.sum(axis=0),
        "W2": cache["h1"].T @ dz2,
        "b2": dz2.sum(axis=0),
        "W1": cache["x"].T @ dz1,
        "b1": dz1.sum(axis=0),
    }


def loss(params: Params, x, labels) -> float:
    """The cross-entropy of the network on ``x`` with the right answers ``labels``.

    An untrained network that gives every digit about the same probability
    has a loss near log 10 ≈ 2.3.

    >>> params = {name: value * 0 for name, value in init_network((64, 8, 6, 10), seed=0).items()}
    >>> round(loss(params, np.zeros((1, 64)), [4]), 4)
    2.3026
    """
    p, cache = forward(params, x)
    return cross_entropy(cache["z3"], labels)


def predict(params: Params, x) -> np.ndarray:
    """The most probable digit for each row of ``x``.

    >>> predict(init_network((64, 8, 6, 10), seed=0), np.zeros((2, 64))).shape
    (2,)
    """
    return forward(params, x)[0].argmax(axis=1)


def accuracy(predicted, labels) -> float:
    """The fraction of predictions that are right.

    >>> accuracy([1, 2, 3, 4], [1, 2, 3, 0])
    0.75
    """
    predicted = class_labels(predicted, np.iinfo(np.int32).max, "predicted")
    labels = class_labels(labels, np.iinfo(np.int32).max)
    if len(predicted) != len(labels):
        raise ValueError(
            f"predicted and labels must have the same length, "
            f"got {len(predicted)} and {len(labels)}"
        )
    return float(np.mean(predicted == labels))


def confusion_matrix(labels, predicted, n_classes: int = N_DIGITS) -> np.ndarray:
    """Counts: row = the right digit, column = the network's answer; the diagonal is right.

    >>> confusion_matrix([0, 0, 1, 2], [0, 1, 1, 2], n_classes=3)
    array([[1, 1, 0],
           [0, 1, 0],
           [0, 0, 1]])
    """
    labels = class_labels(labels, n_classes)
    predicted = class_labels(predicted, n_classes, "predicted")
    if len(predicted) != len(labels):
        raise ValueError(
            f"labels and predicted must have the same length, "
            f"got {len(labels)} and {len(predicted)}"
        )
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (labels, predicted), 1)
    return matrix


class Split(NamedTuple):
    """Row numbers of the three parts of a data set (see :func:`split`)."""

    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray


def split(n: int, validation: float = 0.2, test: float = 0.2, seed: int = 0) -> Split:
    """Shuffle row numbers 0 … n − 1 and cut them into training, validation and test parts.

    The same seed gives the same split; the parts never share a row.

    >>> parts = split(10, validation=0.2, test=0.3, seed=0)
    >>> [len(part) for part in parts]
    [5, 2, 3]
    """
    n = positive_int(n, "n")
    fractions = {"validation": positive(validation, "validation"), "test": positive(test, "test")}
    if sum(fractions.values()) >= 1:
        raise ValueError(
            f"validation + test must leave some rows for training, got {validation} + {test}"
        )
    order = np.random.default_rng(seed_int(seed)).permutation(n)
    n_test = int(round(test * n))
    n_validation = int(round(validation * n))
    if min(n_test, n_validation, n - n_test - n_validation) < 1:
        raise ValueError(f"{n} rows are too few to split into three non-empty parts")
    return Split(
        train=np.sort(order[n_test + n_validation :]),
        validation=np.sort(order[n_test : n_test + n_validation]),
        test=np.sort(order[:n_test]),
    )


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


def gradient_step(params: Params, grads: Params, learning_rate: float) -> Params:
    """One step of gradient descent, θ ← θ − α·∂L/∂θ, for every parameter (a new dict).

    Raises :class:`~lessons.gradient_descent.DivergenceError` if a parameter
    stops being a finite number: the learning rate is far too large.

    >>> gradient_step({"w": np.array([1.0])}, {"w": np.array([2.0])}, learning_rate=0.1)
    {'w': array([0.8])}
    """
    alpha = positive(learning_rate, "learning_rate")
    if sorted(params) != sorted(grads):
        raise ValueError(
            f"params and grads name different parameters: {sorted(params)} and {sorted(grads)}"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        updated = {name: params[name] - alpha * grads[name] for name in params}
    for name, value in updated.items():
        if not np.all(np.isfinite(value)):
            raise DivergenceError(
                f"gradient descent diverged: {name} is no longer finite with "
                f"learning_rate={alpha}; try a smaller learning rate"
            )
    return updated


def evaluate(params: Params, x, labels) -> tuple[float, float]:
    """(loss, accuracy) of the network on ``x``: how far off and how often right.

    >>> params = init_network((64, 8, 6, 10), seed=0)
    >>> loss_value, right = evaluate(params, np.zeros((4, 64)), [0, 1, 2, 3])
    >>> 0 <= right <= 1
    True
    """
    p, cache = forward(params, x)
    return cross_entropy(cache["z3"], labels), accuracy(p.argmax(axis=1), labels)


class TrainingResult(NamedTuple):
    """What :func:`train` returns."""

    params: Params
    #: one row per epoch (epoch 0 = untrained): epoch, train_loss, train_accuracy,
    #: and validation_loss, validation_accuracy when validation data were given
    history: pd.DataFrame


def _one_blas_thread():
    """Matrices this small are slower on several BLAS threads than on one (and the
    machines that build the book are shared): history and training use one thread."""
    return threadpool_limits(limits=1, user_api="blas")


def _history_row(epoch: int, params: Params, x, y, validation) -> dict[str, float]:
    row = dict(zip(("train_loss", "train_accuracy"), evaluate(params, x, y)))
    if validation is not None:
        row.update(zip(("validation_loss", "validation_accuracy"), evaluate(params, *validation)))
    return {"epoch": epoch, **row}


def history(saved: list[Params], train: tuple, validation: tuple | None = None) -> pd.DataFrame:
    """Loss and accuracy of the network saved after each epoch (``saved[0]`` = untrained).

    ``train`` and ``validation`` are pairs ``(x, labels)``; one row per saved network.

    >>> x = np.zeros((4, 64)); y = [0, 1, 2, 3]
    >>> history([init_network((64, 8, 6, 10), seed=0)] * 2, (x, y), (x, y)).columns.tolist()
    ['epoch', 'train_loss', 'train_accuracy', 'validation_loss', 'validation_accuracy']
    """
    if not isinstance(saved, (list, tuple)) or not saved:
        raise ValueError("saved must be a non-empty list of networks, one per epoch")
    for name, pair in (("train", train), ("validation", validation)):
        if pair is not None and (not isinstance(pair, tuple) or len(pair) != 2):
            raise TypeError(f"{name} must be a pair (x, labels)")
    with _one_blas_thread():
        return pd.DataFrame(
            [_history_row(epoch, params, *train, validation) for epoch, params in enumerate(saved)]
        )


def train(
    params: Params,
    x,
    labels,
    *,
    epochs: int,
    batch_size: int,
    learning_rate: float,
    seed: int,
    validation: tuple | None = None,
) -> TrainingResult:
    """Mini-batch gradient descent: ``epochs`` passes over the data, one step per batch.

    Each epoch shuffles the rows (with a generator seeded by ``seed``), then for
    every batch runs :func:`forward`, :func:`backward` and :func:`gradient_step`.
    After each epoch it records the loss and accuracy on the training data and,
    if ``validation=(x_val, labels_val)`` is given, on the validation data. The
    input ``params`` are not modified; the same arguments give the same result.

    Raises :class:`~lessons.gradient_descent.DivergenceError` if the training
    loss grows past ``DIVERGENCE_FACTOR`` times its starting value or the
    weights blow up.

    >>> x = np.random.default_rng(0).uniform(0, 1, (40, 64)); y = np.arange(40) % 2
    >>> result = train(init_network((64, 8, 6, 10), seed=0), x, y, epochs=30, batch_size=8,
    ...                learning_rate=0.1, seed=0)
    >>> list(result.history.columns)
    ['epoch', 'train_loss', 'train_accuracy']
    >>> bool(result.history["train_loss"].iloc[-1] < result.history["train_loss"].iloc[0])
    True
    """
    x = _inputs(params, x)
    y = class_labels(labels, params["W3"].shape[1])
    if len(x) != len(y):
        raise ValueError(
            f"x and labels must have the same number of rows, got {len(x)} and {len(y)}"
        )
    epochs = positive_int(epochs, "epochs")
    batch_size = positive_int(batch_size, "batch_size")
    alpha = positive(learning_rate, "learning_rate")
    if validation is not None:
        if not isinstance(validation, tuple) or len(validation) != 2:
            raise TypeError("validation must be a pair (x_val, labels_val)")
        validation = (
            _inputs(params, validation[0]),
            class_labels(validation[1], params["W3"].shape[1], "validation labels"),
        )
    rng = np.random.default_rng(seed_int(seed))
    current = {name: np.array(value, dtype=float) for name, value in params.items()}
    with _one_blas_thread():
        return _train(current, x, y, epochs, batch_size, alpha, rng, validation)


def _train(current: Params, x, y, epochs, batch_size, alpha, rng, validation) -> TrainingResult:
    rows = [_history_row(0, current, x, y, validation)]
    limit = DIVERGENCE_FACTOR * max(rows[0]["train_loss"], 1e-12)
    for epoch in range(1, epochs + 1):
        for batch in minibatches(len(x), batch_size, rng):
            _, cache = forward(current, x[batch])
            grads = backward(current, cache, y[batch])
            current = gradient_step(current, grads, alpha)
        rows.append(_history_row(epoch, current, x, y, validation))
        if not np.isfinite(rows[-1]["train_loss"]) or rows[-1]["train_loss"] > limit:
            raise DivergenceError(
                f"gradient descent diverged in epoch {epoch} with "
                f"learning_rate={alpha}: the loss grew from "
                f"{rows[0]['train_loss']:.3g} to {rows[-1]['train_loss']:.3g}; "
                "try a smaller learning rate"
            )
    return TrainingResult(current, pd.DataFrame(rows))


def export_weights(params: Params, significant_digits: int = 7) -> dict:
    """The network as plain JSON-ready numbers, for the page's own JavaScript forward pass.

    Weights are rounded to ``significant_digits`` (the page stays small);
    :func:`import_weights` turns the result back into parameters, so Python
    can run exactly the network the page runs.

    >>> exported = export_weights(init_network((64, 8, 6, 10), seed=0))
    >>> exported["sizes"], exported["activation"], exported["max_count"]
    ([64, 8, 6, 10], 'relu', 16)
    >>> restored = import_weights(exported)
    >>> float(np.abs(restored["W1"] - init_network((64, 8, 6, 10), seed=0)["W1"]).max()) < 1e-6
    True
    """
    _check_params(params)
    digits = positive_int(significant_digits, "significant_digits")

    def rounded(values: np.ndarray):
        return np.vectorize(lambda v: float(f"{v:.{digits}g}"), otypes=[float])(values).tolist()

    sizes = [int(params["W1"].shape[0])] + [
        int(params[f"W{k}"].shape[1]) for k in range(1, N_LAYERS + 1)
    ]
    layers = [
        {"W": rounded(params[f"W{k}"]), "b": rounded(params[f"b{k}"])}
        for k in range(1, N_LAYERS + 1)
    ]
    return {"sizes": sizes, "activation": "relu", "max_count": MAX_COUNT, "layers": layers}


def import_weights(exported: dict) -> Params:
    """Parameters from :func:`export_weights`' output (or the JSON the page carries).

    >>> sorted(import_weights(export_weights(init_network((64, 8, 6, 10), seed=0))))
    ['W1', 'W2', 'W3', 'b1', 'b2', 'b3']
    """
    if not isinstance(exported, dict) or not isinstance(exported.get("layers"), list):
        raise TypeError("exported must be the dict export_weights returns")
    if len(exported["layers"]) != N_LAYERS:
        raise ValueError(f"expected {N_LAYERS} layers, got {len(exported['layers'])}")
    params: Params = {}
    for k, layer in enumerate(exported["layers"], start=1):
        params[f"W{k}"] = as_floats(layer["W"], f"W{k}", ndim=2)
        params[f"b{k}"] = as_floats(layer["b"], f"b{k}", ndim=1)
    _check_params(params)
    return params
