"""The sigmoid and an artificial neuron (chapter 5).

A neuron computes z = w·x + b (the linear part) and passes it through an
activation function, here the sigmoid σ(z) = 1 / (1 + e⁻ᶻ):

>>> round(neuron(2.0, w=1.5, b=-4.0), 4)
0.2689
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lessons._checks import as_float, as_floats, positive, positive_int, same_length


def sigmoid(z):
    """σ(z) = 1 / (1 + e⁻ᶻ): squeezes any number into the range 0 … 1.

    Computed without overflow for any z (e⁻ᶻ is only ever taken of z ≤ 0's
    mirror), so σ(−1000) is exactly 0 and σ(1000) exactly 1.

    >>> sigmoid(0.0)
    0.5
    >>> sigmoid([-1000.0, -1.0, 1.0, 1000.0]).round(4)
    array([0.    , 0.2689, 0.7311, 1.    ])
    """
    scalar = np.ndim(z) == 0
    values = as_floats(np.atleast_1d(z), "z", ndim=None)
    with np.errstate(under="ignore"):  # e⁻¹⁰⁰⁰ is 0 as it should be
        e = np.exp(-np.abs(values))  # always in (0, 1]: no overflow
    out = np.where(values >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float(out.reshape(-1)[0]) if scalar else out


def sigmoid_derivative(z):
    """σ'(z) = σ(z)·(1 − σ(z)), used by backpropagation.

    >>> sigmoid_derivative(0.0)
    0.25
    """
    s = sigmoid(z)
    return s * (1 - s)


def identity(z):
    """The identity activation: a neuron without nonlinearity (a straight line).

    >>> identity(3.0)
    3.0
    """
    return z


def neuron(x, w, b: float, activation: Callable = sigmoid):
    """One artificial neuron: ``activation(w·x + b)``.

    ``x`` is one input (a number) or many (an array). With several features, pass
    ``x`` with one row per example and one column per feature, and ``w`` with one
    weight per feature.

    >>> neuron([0.0, 4.0], w=1.5, b=-4.0).round(3)
    array([0.018, 0.881])
    >>> neuron([[1.0, 2.0], [0.0, 0.0]], w=[0.5, -0.25], b=0.0, activation=identity)
    array([0., 0.])
    """
    b = as_float(b, "b")
    if not callable(activation):
        raise TypeError(f"activation must be a function, got {type(activation).__name__}")
    if np.ndim(w) == 0:
        w = as_float(w, "w")
        if np.ndim(x) == 0:
            return activation(w * as_float(x, "x") + b)
        return activation(w * as_floats(x, "x") + b)
    weights = as_floats(w, "w")
    inputs = as_floats(x, "x", ndim=None)
    if inputs.shape[-1] != weights.size:
        raise ValueError(
            f"x has {inputs.shape[-1]} feature(s) per example but w has {weights.size} weight(s)"
        )
    return activation(inputs @ weights + b)


def layer(x, W, b, activation: Callable = sigmoid) -> np.ndarray:
    """A layer of neurons side by side: ``activation(x @ W + b)``.

    ``x`` has shape (examples, inputs), ``W`` (inputs, neurons), ``b`` (neurons,).
    Each column of ``W`` with its entry of ``b`` is one neuron.

    >>> layer([[1.0, 2.0]], W=[[1.0, 0.0], [0.0, 1.0]], b=[0.0, -2.0], activation=identity)
    array([[1., 0.]])
    """
    inputs = as_floats(x, "x", ndim=2)
    weights = as_floats(W, "W", ndim=2)
    bias = as_floats(b, "b")
    if inputs.shape[1] != weights.shape[0]:
        raise ValueError(f"x has {inputs.shape[1]} column(s) but W has {weights.shape[0]} row(s)")
    if bias.size != weights.shape[1]:
        raise ValueError(f"b has {bias.size} value(s) but W has {weights.shape[1]} neuron(s)")
    if not callable(activation):
        raise TypeError(f"activation must be a function, got {type(activation).__name__}")
    return activation(inputs @ weights + bias)


def log_loss(x, y, w: float, b: float) -> float:
    """Mean cross-entropy of a sigmoid neuron's predictions against 0/1 answers.

    L = −(1/n) Σ [yᵢ·log ŷᵢ + (1 − yᵢ)·log(1 − ŷᵢ)],  ŷᵢ = σ(w·xᵢ + b)

    >>> round(log_loss([1.0, 2.0], [0, 1], w=0.0, b=0.0), 4)  # a coin toss: log 2
    0.6931
    """
    x, y = _pass_fail(x, y)
    z = as_float(w, "w") * x + as_float(b, "b")
    # log σ(z) = −log(1 + e⁻ᶻ) and log(1 − σ(z)) = −log(1 + eᶻ), both without overflow
    return float(np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)))


def _pass_fail(x, y) -> tuple[np.ndarray, np.ndarray]:
    x = as_floats(x, "x")
    y = as_floats(y, "y")
    same_length(x, y)
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError("y must contain only 0 (fail) and 1 (pass)")
    return x, y


def fit_neuron(x, y, learning_rate: float = 0.5, steps: int = 20000) -> tuple[float, float]:
    """Train one sigmoid neuron on 0/1 answers by gradient descent on :func:`log_loss`.

    This is logistic regression: the result is the (w, b) that makes the
    observed passes and fails most likely.

    >>> from lessons.data import load_study_hours
    >>> study = load_study_hours()
    >>> w, b = fit_neuron(study["hours"], study["passed"])
    >>> round(w, 4), round(b, 4)  # the published fit: slope 1.5046, intercept −4.0777
    (1.5046, -4.0777)
    """
    x, y = _pass_fail(x, y)
    alpha = positive(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps")
    w = b = 0.0
    for _ in range(steps):
        error = sigmoid(w * x + b) - y
        w -= alpha * float(np.mean(error * x))
        b -= alpha * float(np.mean(error))
    if not (np.isfinite(w) and np.isfinite(b)):
        raise ValueError(f"training diverged with learning_rate={alpha}; try a smaller one")
    return w, b


# ----------------------------------------------------------------------------
# chapter 5, second revision: the activation most networks use today


def relu(z):
    """ReLU (rectified linear unit): max(0, z), the activation most networks use today.

    Zero for negative z, z itself for positive z: a bend at 0 instead of an S.

    >>> relu(-2.0), relu(0.0), relu(3.0)
    (0.0, 0.0, 3.0)
    >>> relu([-1.5, 0.5, 2.0])
    array([0. , 0.5, 2. ])
    """
    if np.ndim(z) == 0:
        return max(0.0, as_float(z, "z"))
    return np.maximum(0.0, as_floats(z, "z", ndim=None))
