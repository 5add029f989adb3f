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

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from lessons import network
from lessons._checks import as_floats, positive, positive_int, seed_int
from lessons.generalisation import Split, split  # noqa: F401  (the one split of the book)
from lessons.gradient_descent import DivergenceError
from lessons.network import minibatches  # noqa: F401  (chapter 8 cuts its batches with it)
from lessons.softmax import N_DIGITS, class_labels, cross_entropy, softmax

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


def init_network(sizes: tuple[int, ...] = (64, 32, 16, 10), seed: int = 0) -> Params:
    """Random starting weights for ``sizes = (inputs, hidden 1, hidden 2, classes)``.

    Weights are drawn from a normal distribution with standard deviation
    √(2 / inputs of the layer) (the rule ``"he"`` of
    :func:`lessons.network.init_params`), which keeps ReLU layers' outputs on
    the same scale from layer to layer; biases start at zero. Same seed, same
    network.

    >>> {name: value.shape for name, value in init_network((64, 8, 6, 10), seed=1).items()}
    {'W1': (64, 8), 'b1': (8,), 'W2': (8, 6), 'b2': (6,), 'W3': (6, 10), 'b3': (10,)}
    """
    if not isinstance(sizes, (tuple, list)) or len(sizes) != N_LAYERS + 1:
        raise ValueError(f"sizes must be (inputs, hidden 1, hidden 2, classes), got {sizes!r}")
    names = ("inputs", "hidden 1", "hidden 2", "classes")
    sizes = [positive_int(size, name) for size, name in zip(sizes, names)]
    if sizes[-1] < 2:
        raise ValueError(f"a classifier needs at least 2 classes, got {sizes[-1]}")
    return network.init_params(sizes, init="he", seed=seed)


def _check_params(params: Params) -> Params:
    expected = [f"{kind}{layer}" for layer in range(1, N_LAYERS + 1) for kind in "Wb"]
    if not isinstance(params, dict) or sorted(params) != sorted(expected):
        got = sorted(params) if isinstance(params, dict) else type(params).__name__
        raise ValueError(f"params must have {expected}, got {got}")
    return network.check_parameters(params)


def _network(params: Params) -> network.Network:
    """Chapter 7's pieces, stacked: Dense, ReLU, Dense, ReLU, Dense; softmax cross-entropy."""
    return network.from_parameters(
        _check_params(params), "relu", "identity", "softmax_cross_entropy"
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

    The cache keeps every intermediate value: the input, each layer's output.

    >>> p, cache = forward(init_network((64, 8, 6, 10), seed=0), np.ones(64) / 2)
    >>> p.shape, list(cache)
    ((1, 10), ['x', 'z1', 'h1', 'z2', 'h2', 'z3', 'p'])
    """
    x = _inputs(params, x)
    values = _network(params).outputs(x)
    cache = dict(zip(("x", "z1", "h1", "z2", "h2", "z3"), values))
    cache["p"] = softmax(cache["z3"])
    return cache["p"], cache


def backward(params: Params, cache: dict[str, np.ndarray], labels) -> Params:
    """Backward propagation: the gradient of the cross-entropy for every parameter.

    From the loss back: ∂L/∂z₃ = (p − onehot(y)) / n; a layer passes
    ∂L/∂h = ∂L/∂z·Wᵀ to the layer below and takes ∂L/∂W = hᵀ·∂L/∂z,
    ∂L/∂b = the column sums of ∂L/∂z; ReLU lets the gradient through where its
    input was positive and stops it elsewhere. The layers run forward again
    from ``cache["x"]`` to keep what they need.

    >>> params = init_network((64, 8, 6, 10), seed=0)
    >>> grads = backward(params, forward(params, np.ones((2, 64)))[1], [3, 7])
    >>> {name: grad.shape == params[name].shape for name, grad in grads.items()}
    {'W1': True, 'b1': True, 'W2': True, 'b2': True, 'W3': True, 'b3': True}
    """
    if not isinstance(cache, dict) or "x" not in cache:
        raise TypeError("cache must be the dict forward returns (with the input x)")
    net = _network(params)
    x = _inputs(params, cache["x"])
    y = class_labels(labels, params["W3"].shape[1])
    if len(y) != len(x):
        raise ValueError(f"labels has {len(y)} entries but the cache holds {len(x)} examples")
    net.loss_of(x, y)
    return net.backward()


def loss(params: Params, x, labels) -> float:
    """The cross-entropy of the network on ``x`` with the right answers ``labels``.

    An untrained network that gives every digit about the same probability
    has a loss near log 10 ≈ 2.3.

    >>> params = {name: value * 0 for name, value in init_network((64, 8, 6, 10), seed=0).items()}
    >>> round(loss(params, np.zeros((1, 64)), [4]), 4)
    2.3026
    """
    return _network(params).loss_of(_inputs(params, x), labels)


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
) -> network.TrainingResult:
    """Mini-batch gradient descent: ``epochs`` passes over the data, one step per batch.

    This is :func:`lessons.network.train` with a batch size: each epoch shuffles
    the rows (with a generator seeded by ``seed``), then for every batch runs
    forward, backward and a gradient step. After each epoch it records the loss
    and accuracy on the training data and, if ``validation=(x_val, labels_val)``
    is given, on the validation data. The input ``params`` are not modified;
    the same arguments give the same result.

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
    if validation is not None:
        if not isinstance(validation, tuple) or len(validation) != 2:
            raise TypeError("validation must be a pair (x_val, labels_val)")
        validation = (
            _inputs(params, validation[0]),
            class_labels(validation[1], params["W3"].shape[1], "validation labels"),
        )
    result = network.train(
        _network(params),
        x,
        y,
        learning_rate=learning_rate,
        epochs=positive_int(epochs, "epochs"),
        batch_size=positive_int(batch_size, "batch_size"),
        seed=seed_int(seed),
        validation=validation,
        metrics={"accuracy": lambda scores, y: accuracy(softmax(scores).argmax(axis=1), y)},
    )
    names = {"loss": "train_loss", "accuracy": "train_accuracy"}
    columns = ["epoch", "train_loss", "train_accuracy"]
    if validation is not None:
        columns += ["validation_loss", "validation_accuracy"]
    return result._replace(history=result.history.rename(columns=names)[columns])


def export_weights(params: Params, significant_digits: int = 7) -> dict:
    """The network as plain JSON-ready numbers, for the page's own JavaScript forward pass.

    This is :func:`lessons.network.export` (the layer list, weights rounded to
    ``significant_digits`` so the page stays small) with the input scale
    ``max_count``; :func:`import_weights` turns it back into parameters, so
    Python can run exactly the network the page runs.

    >>> exported = export_weights(init_network((64, 8, 6, 10), seed=0))
    >>> [layer["kind"] for layer in exported["layers"]], exported["max_count"]
    (['dense', 'relu', 'dense', 'relu', 'dense', 'softmax'], 16)
    >>> restored = import_weights(exported)
    >>> float(np.abs(restored["W1"] - init_network((64, 8, 6, 10), seed=0)["W1"]).max()) < 1e-6
    True
    """
    return {**network.export(_network(params), significant_digits), "max_count": MAX_COUNT}


def import_weights(exported: dict) -> Params:
    """Parameters from :func:`export_weights`' output (or the JSON the page carries).

    >>> sorted(import_weights(export_weights(init_network((64, 8, 6, 10), seed=0))))
    ['W1', 'W2', 'W3', 'b1', 'b2', 'b3']
    """
    if not isinstance(exported, dict) or not isinstance(exported.get("layers"), list):
        raise TypeError("exported must be the dict export_weights returns")
    params = network.load(exported).parameters()
    _check_params(params)
    return {name: value.copy() for name, value in params.items()}
