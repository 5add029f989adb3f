"""The pieces of a network, each with its forward and backward pass side by side (chapters 7–8).

A layer's ``forward`` computes its output from its input and keeps what its
``backward`` will need; ``backward`` takes ∂L/∂(output) and returns
∂L/∂(input), by the chain rule: the incoming gradient times the layer's own
local derivative. A :class:`Dense` layer also keeps the gradients of its
weights, ``dW`` and ``db``. A loss's ``forward`` takes the network's output and
the right answers and returns one number; its ``backward`` starts the chain
with ∂L/∂(output). A network is these pieces in a list (:mod:`lessons.network`).

Every table has one row per example. Inputs are checked the way every lesson
function checks them: a mistake is a clear ``ValueError``/``TypeError``, and a
value too large for a double is reported, never passed on as inf or NaN.

>>> layer, activation = Dense([[2.0]], [-1.0]), Sigmoid()
>>> h = activation.forward(layer.forward([[0.5]]))   # σ(2·0.5 − 1) = σ(0)
>>> h
array([[0.5]])
>>> layer.backward(activation.backward([[1.0]]))    # σ'(0) = 1/4, times w = 2
array([[0.5]])
>>> layer.dW, layer.db                               # 1/4 times x = 0.5, and 1/4
(array([[0.125]]), array([0.25]))
"""

from __future__ import annotations

import numpy as np

from lessons._checks import as_floats, within_size
from lessons._numeric import linear, sum_squares, unscale
from lessons.neuron import _sigmoid, relu
from lessons.softmax import class_labels, cross_entropy, one_hot, scores_table, softmax


def _table(values, name: str, columns: int | None = None) -> np.ndarray:
    """A 2-D float table (one row per example), with ``columns`` columns if given."""
    fast = isinstance(values, np.ndarray) and values.dtype == np.float64 and values.ndim == 2
    array = values if fast and np.isfinite(values).all() else as_floats(values, name, ndim=2)
    if columns is not None and array.shape[1] != columns:
        raise ValueError(f"{name} has {array.shape[1]} column(s) but the layer takes {columns}")
    return array


def _gradient(dout, shape: tuple, name: str = "dout") -> np.ndarray:
    """The incoming gradient: a table of the shape of the layer's last output."""
    dout = _table(dout, name)
    if dout.shape != shape:
        raise ValueError(
            f"{name} has shape {dout.shape} but the layer's last output had shape {shape}; "
            "call forward first, then backward with ∂L/∂(output)"
        )
    return dout


def _finite(values: np.ndarray, what: str) -> np.ndarray:
    if not np.isfinite(values).all():
        raise ValueError(
            f"{what} is too large to represent as a double (beyond ±1.8e308): "
            "x or the weights are too large; rescale x"
        )
    return values


class Dense:
    """An affine layer: ``x @ W + b``. Each column of W, with its entry of b, is one neuron.

    >>> layer = Dense(W=[[1.0, -1.0], [0.5, 2.0]], b=[0.0, -2.0])
    >>> layer.forward([[1.0, 2.0]])
    array([[2., 1.]])
    >>> layer.backward([[1.0, 0.0]])                  # ∂L/∂x = dout @ Wᵀ
    array([[1. , 0.5]])
    >>> layer.dW, layer.db                            # ∂L/∂W = xᵀ @ dout, ∂L/∂b = Σ dout
    (array([[1., 0.],
           [2., 0.]]), array([1., 0.]))
    """

    def __init__(self, W, b) -> None:
        self.W = as_floats(W, "W", ndim=2)
        self.b = as_floats(b, "b")
        if self.b.shape != (self.W.shape[1],):
            raise ValueError(
                f"b must have one entry per column of W ({self.W.shape[1]}), got shape "
                f"{self.b.shape}"
            )
        self.dW = self.db = None

    def forward(self, x) -> np.ndarray:
        self.x = _table(x, "x", self.W.shape[0])
        within_size(len(self.x) * self.W.shape[1], "x (rows × neurons)")
        return _finite(linear(self.x, self.W, self.b), "x @ W + b")

    def backward(self, dout) -> np.ndarray:
        dout = _gradient(dout, (len(self.x), self.W.shape[1]))
        with np.errstate(over="ignore", invalid="ignore"):
            self.dW = _finite(self.x.T @ dout, "the gradient ∂L/∂W")
            self.db = _finite(dout.sum(axis=0), "the gradient ∂L/∂b")
            return _finite(dout @ self.W.T, "the gradient ∂L/∂x")


class Sigmoid:
    """σ(z) = 1 / (1 + e⁻ᶻ), elementwise; its derivative is σ(z)(1 − σ(z)) = out·(1 − out).

    >>> layer = Sigmoid()
    >>> layer.forward([[0.0, 2.0]]).round(4)
    array([[0.5   , 0.8808]])
    >>> layer.backward([[1.0, 1.0]]).round(4)
    array([[0.25 , 0.105]])
    """

    def forward(self, z) -> np.ndarray:
        self.out = _sigmoid(_table(z, "z"))
        return self.out

    def backward(self, dout) -> np.ndarray:
        return _gradient(dout, self.out.shape) * self.out * (1 - self.out)


class ReLU:
    """max(0, z), elementwise; the gradient passes where z was positive and stops elsewhere.

    >>> layer = ReLU()
    >>> layer.forward([[-2.0, 3.0]])
    array([[0., 3.]])
    >>> layer.backward([[5.0, 5.0]])
    array([[0., 5.]])
    """

    def forward(self, z) -> np.ndarray:
        z = _table(z, "z")
        self.positive = z > 0
        return relu(z)

    def backward(self, dout) -> np.ndarray:
        return _gradient(dout, self.positive.shape) * self.positive


class Identity:
    """The output unchanged (an output neuron without activation); the gradient unchanged.

    >>> layer = Identity()
    >>> layer.forward([[-1.5]]), layer.backward([[2.0]])
    (array([[-1.5]]), array([[2.]]))
    """

    def forward(self, z) -> np.ndarray:
        self.shape = _table(z, "z").shape
        return np.array(z, dtype=float)

    def backward(self, dout) -> np.ndarray:
        return _gradient(dout, self.shape)


class MeanSquaredError:
    """L = (1/N) Σ (ŷ − y)² over all N entries; ∂L/∂ŷ = 2(ŷ − y)/N.

    >>> loss = MeanSquaredError()
    >>> loss.forward([[1.0], [3.0]], [[0.0], [3.0]])
    0.5
    >>> loss.backward()
    array([[1.],
           [0.]])
    """

    def forward(self, y_hat, y) -> float:
        self.y_hat, self.y = _table(y_hat, "y_hat"), _table(y, "y")
        if self.y_hat.shape != self.y.shape:
            raise ValueError(f"y_hat has shape {self.y_hat.shape} but y has shape {self.y.shape}")
        with np.errstate(over="ignore", invalid="ignore"):
            difference = self.y_hat - self.y
            if not np.isfinite(difference).all():  # two huge values of opposite sign
                difference = (self.y_hat / 2 - self.y / 2) * 2
        if not np.isfinite(difference).all():
            raise ValueError(
                "y_hat − y is too large to represent as a double (beyond ±1.8e308); "
                "rescale y_hat and y"
            )
        total, e = sum_squares(difference, mean=True)
        return unscale(float(total), 2 * e, "the mean squared error of y_hat and y")

    def backward(self) -> np.ndarray:
        with np.errstate(over="ignore", invalid="ignore"):
            return _finite(2 * (self.y_hat - self.y) / self.y.size, "the gradient ∂L/∂ŷ")


class SoftmaxCrossEntropy:
    """Softmax of the scores, then the mean of −log p of the right class; ∂L/∂z = (p − Y)/n.

    Y is the one-hot table of the right answers (``labels``, whole numbers).

    >>> loss = SoftmaxCrossEntropy()
    >>> round(loss.forward([[0.0, 0.0]], [1]), 4)     # two equal guesses: log 2
    0.6931
    >>> loss.backward()
    array([[ 0.5, -0.5]])
    """

    def forward(self, scores, labels) -> float:
        scores = scores_table(scores)
        self.labels = class_labels(labels, scores.shape[1])
        if len(self.labels) != len(scores):
            raise ValueError(
                f"labels has {len(self.labels)} entries but the scores hold {len(scores)} examples"
            )
        self.p = softmax(scores)
        return cross_entropy(scores, self.labels)

    def backward(self) -> np.ndarray:
        return (self.p - one_hot(self.labels, self.p.shape[1])) / len(self.labels)
