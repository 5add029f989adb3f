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
value too large for a double is reported, never passed on as inf or NaN. Each
public ``forward``/``backward`` checks its input, then runs ``_forward``/
``_backward``, the same arithmetic without the checks: the trainer
(:func:`lessons.network.train`) checks its data once and then calls those.

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

import math

import numpy as np

from lessons._checks import as_floats, finite, within_size
from lessons._numeric import SMALLEST, linear, sum_squares, unscale
from lessons.neuron import _log_loss, _sigmoid
from lessons.softmax import _scores_and_labels, cross_entropy, one_hot, softmax


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
    return finite(values, what, "x or the weights are too large; rescale x")


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

    @classmethod
    def _of(cls, W: np.ndarray, b: np.ndarray) -> Dense:
        """A layer of checked float arrays W (2-D) and b, used as they are (no checks, no copies)."""
        layer = cls.__new__(cls)
        layer.W, layer.b, layer.dW, layer.db = W, b, None, None
        return layer

    def forward(self, x) -> np.ndarray:
        x = _table(x, "x", self.W.shape[0])
        within_size(len(x) * self.W.shape[1], "x (rows × neurons)")
        with np.errstate(over="ignore", invalid="ignore"):
            return self._forward(x)

    def _forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        out = x @ self.W + self.b  # (the trainer silences overflow warnings: it checks here)
        if not np.isfinite(out).all():  # a product overflowed, maybe not the result
            out = _finite(linear(x, self.W, self.b), "x @ W + b")
        return out

    def backward(self, dout) -> np.ndarray:
        dout = _gradient(dout, (len(self.x), self.W.shape[1]))
        with np.errstate(over="ignore", invalid="ignore"):
            dx = self._backward(dout)
            _finite(self.dW, "the gradient ∂L/∂W")
            _finite(self.db, "the gradient ∂L/∂b")
            return _finite(dx, "the gradient ∂L/∂x")

    def _backward(self, dout: np.ndarray, dx: bool = True) -> np.ndarray | None:
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T if dx else None  # the first layer's ∂L/∂x is never used


class Sigmoid:
    """σ(z) = 1 / (1 + e⁻ᶻ), elementwise; its derivative is σ(z)(1 − σ(z)) = out·(1 − out).

    >>> layer = Sigmoid()
    >>> layer.forward([[0.0, 2.0]]).round(4)
    array([[0.5   , 0.8808]])
    >>> layer.backward([[1.0, 1.0]]).round(4)
    array([[0.25 , 0.105]])
    """

    def forward(self, z) -> np.ndarray:
        with np.errstate(under="ignore"):
            return self._forward(_table(z, "z"))

    def _forward(self, z: np.ndarray) -> np.ndarray:
        self.out = _sigmoid(z)
        return self.out

    def backward(self, dout) -> np.ndarray:
        return self._backward(_gradient(dout, self.out.shape))

    def _backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * self.out * (1 - self.out)


class ReLU:
    """max(0, z), elementwise; the gradient passes where z was positive and stops elsewhere.

    >>> layer = ReLU()
    >>> layer.forward([[-2.0, 3.0]])
    array([[0., 3.]])
    >>> layer.backward([[5.0, 5.0]])
    array([[0., 5.]])
    """

    def forward(self, z) -> np.ndarray:
        return self._forward(_table(z, "z"))

    def _forward(self, z: np.ndarray) -> np.ndarray:
        self.positive = z > 0
        return np.maximum(0.0, z)  # neuron.relu, on a checked table

    def backward(self, dout) -> np.ndarray:
        return self._backward(_gradient(dout, self.positive.shape))

    def _backward(self, dout: np.ndarray) -> np.ndarray:
        return dout * self.positive


class Identity:
    """The output unchanged (an output neuron without activation); the gradient unchanged.

    >>> layer = Identity()
    >>> layer.forward([[-1.5]]), layer.backward([[2.0]])
    (array([[-1.5]]), array([[2.]]))
    """

    def forward(self, z) -> np.ndarray:
        return self._forward(_table(z, "z")).copy()

    def _forward(self, z: np.ndarray) -> np.ndarray:
        self.shape = z.shape
        return z

    def backward(self, dout) -> np.ndarray:
        return self._backward(_gradient(dout, self.shape))

    def _backward(self, dout: np.ndarray) -> np.ndarray:
        return dout


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
        return self._forward(*self.check(y_hat, y))

    def check(self, y_hat, y) -> tuple[np.ndarray, np.ndarray]:
        """The output and the right answers as tables of one shape, or a clear error."""
        y_hat, y = _table(y_hat, "y_hat"), _table(y, "y")
        if y_hat.shape != y.shape:
            raise ValueError(f"y_hat has shape {y_hat.shape} but y has shape {y.shape}")
        return y_hat, y

    def _forward(self, y_hat: np.ndarray, y: np.ndarray) -> float:
        self.y_hat, self.y = y_hat, y
        with np.errstate(over="ignore", invalid="ignore"):
            difference = y_hat - y
            total = float(np.add.reduce(difference * difference, axis=None) / difference.size)
            if SMALLEST <= total < np.inf or (total == 0 and not difference.any()):
                return total  # the plain mean: what the scaled one gives on everyday values
            if not np.isfinite(difference).all():  # two huge values of opposite sign
                difference = (y_hat / 2 - y / 2) * 2
        if not np.isfinite(difference).all():
            raise ValueError(
                "y_hat − y is too large to represent as a double (beyond ±1.8e308); "
                "rescale y_hat and y"
            )
        total, e = sum_squares(difference, mean=True)
        return unscale(float(total), 2 * e, "the mean squared error of y_hat and y")

    def backward(self) -> np.ndarray:
        with np.errstate(over="ignore", invalid="ignore"):
            return _finite(self._backward(), "the gradient ∂L/∂ŷ")

    def _backward(self) -> np.ndarray:
        return 2 * (self.y_hat - self.y) / self.y.size


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
        return self._forward(*self.check(scores, labels))

    def check(self, scores, labels) -> tuple[np.ndarray, np.ndarray]:
        """The scores as a table and the labels as whole numbers, one per row, or a clear error."""
        return _scores_and_labels(scores, labels)

    def _forward(self, scores: np.ndarray, labels: np.ndarray) -> float:
        self.labels = labels
        self.p = softmax(scores)
        return cross_entropy(scores, labels)

    def backward(self) -> np.ndarray:
        return self._backward()

    def _backward(self) -> np.ndarray:
        return (self.p - one_hot(self.labels, self.p.shape[1])) / len(self.labels)


class SigmoidCrossEntropy:
    """The log loss of chapter 5: sigmoid of the scores z, then −mean[y·log ŷ + (1 − y)·log(1 − ŷ)].

    y holds the right answers, 0 or 1, one column per output. As with softmax, the
    sigmoid's derivative cancels against the loss's: ∂L/∂z = (σ(z) − y)/n.

    >>> loss = SigmoidCrossEntropy()
    >>> round(loss.forward([[0.0], [0.0]], [[0.0], [1.0]]), 4)   # two coin tosses: log 2
    0.6931
    >>> loss.backward()
    array([[ 0.25],
           [-0.25]])
    """

    def forward(self, scores, y) -> float:
        with np.errstate(over="ignore", invalid="ignore"):
            return self._forward(*self.check(scores, y))

    def check(self, scores, y) -> tuple[np.ndarray, np.ndarray]:
        """The scores and the 0/1 answers as tables of one shape, or a clear error."""
        scores, y = _table(scores, "scores"), _table(y, "y")
        if scores.shape != y.shape:
            raise ValueError(f"scores have shape {scores.shape} but y has shape {y.shape}")
        if not ((y == 0.0) | (y == 1.0)).all():
            raise ValueError("y must contain only 0 (fail) and 1 (pass)")
        return scores, y

    def _forward(self, scores: np.ndarray, y: np.ndarray) -> float:
        self.z, self.y = scores, y
        loss = _log_loss(scores, y)
        if not math.isfinite(loss):
            raise ValueError(
                "the log loss is too large to represent as a double (beyond ±1.8e308): "
                "the scores are too large; rescale x"
            )
        return loss

    def backward(self) -> np.ndarray:
        with np.errstate(under="ignore"):
            return self._backward()

    def _backward(self) -> np.ndarray:
        return (_sigmoid(self.z) - self.y) / len(self.y)
