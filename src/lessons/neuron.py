"""The sigmoid and an artificial neuron (chapter 5).

A neuron computes z = w·x + b (the linear part) and passes it through an
activation function, here the sigmoid σ(z) = 1 / (1 + e⁻ᶻ):

>>> round(neuron(2.0, w=1.5, b=-4.0), 4)
0.2689
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lessons._checks import MAX_STEPS, as_float, as_floats, paired, positive, positive_int
from lessons._numeric import affine, everyday, exponent, ldexp, linear, mean_product


def sigmoid(z):
    """σ(z) = 1 / (1 + e⁻ᶻ): squeezes any number into the range 0 … 1.

    Computed without overflow for any z (e⁻ᶻ is only ever taken of z ≤ 0's
    mirror), so σ(−1000) is exactly 0 and σ(1000) exactly 1.

    >>> sigmoid(0.0)
    0.5
    >>> sigmoid([-1000.0, -1.0, 1.0, 1000.0]).round(4)
    array([0.    , 0.2689, 0.7311, 1.    ])
    """
    values = as_floats(z, "z", ndim=None, min_size=1)
    with np.errstate(under="ignore"):  # e⁻¹⁰⁰⁰ is 0 as it should be
        out = _sigmoid(np.atleast_1d(values))
    return float(out.reshape(-1)[0]) if values.ndim == 0 else out


def _sigmoid(values: np.ndarray) -> np.ndarray:
    """The sigmoid of checked values; also exact for ±inf (0 and 1).

    e⁻ᶻ of a large z underflows to 0 as it should (callers silence NumPy's
    underflow notice where it is not ignored already)."""
    e = np.exp(-np.abs(values))  # always in [0, 1]: no overflow
    return np.where(values >= 0, 1.0, e) / (1.0 + e)  # 1/(1 + e) or e/(1 + e)


def _activate(z: np.ndarray, activation: Callable, names: str):
    """Apply the activation to w·x + b, which may hold ±inf where it is beyond a double."""
    if activation is sigmoid:
        with np.errstate(under="ignore"):
            out = _sigmoid(z)  # σ(±inf) is exactly 0 or 1: nothing is lost
    else:
        if not np.isfinite(z).all():
            raise ValueError(
                f"w·x + b is too large to represent as a double (beyond ±1.8e308): "
                f"{names} are too large; rescale them"
            )
        out = activation(z)
    if not np.all(np.isfinite(out)):
        raise ValueError(f"the activation returned NaN or infinite values for {names}")
    return out


def sigmoid_derivative(z):
    """σ'(z) = σ(z)·(1 − σ(z)), used by backpropagation.

    >>> sigmoid_derivative(0.0)
    0.25
    """
    s = sigmoid(z)
    return s * (1 - s)


def identity(z):
    """The identity activation: a neuron without nonlinearity (a straight line).

    >>> identity(3.0), identity([1.0, -2.0])
    (3.0, array([ 1., -2.]))
    """
    values = as_floats(z, "z", ndim=None)
    return float(values) if values.ndim == 0 else values


def neuron(x, w, b: float, activation: Callable = sigmoid):
    """One artificial neuron: ``activation(w·x + b)``.

    ``x`` is one input (a number) or many (an array). With several features, pass
    ``x`` with one row per example and one column per feature, and ``w`` with one
    weight per feature.

    >>> neuron([0.0, 4.0], w=1.5, b=-4.0).round(3)
    array([0.018, 0.881])
    >>> neuron([[1.0, 2.0], [2.0, 0.0]], w=[0.5, -0.25], b=0.1, activation=identity)
    array([0.1, 1.1])
    """
    b = as_float(b, "b")
    if not callable(activation):
        raise TypeError(f"activation must be a function, got {type(activation).__name__}")
    inputs = as_floats(x, "x", ndim=None)
    if np.ndim(w) == 0:
        w = as_float(w, "w")
        if inputs.ndim == 0:
            out = _activate(affine(w, inputs.reshape(1), b), activation, "x, w and b")
            return float(np.asarray(out).reshape(-1)[0])
        inputs = as_floats(x, "x")
        return _activate(affine(w, inputs, b), activation, "x, w and b")
    weights = as_floats(w, "w")
    if inputs.ndim == 0 or inputs.shape[-1] != weights.size:
        features = inputs.shape[-1] if inputs.ndim else 1
        raise ValueError(
            f"x has {features} feature(s) per example but w has {weights.size} weight(s)"
        )
    return _activate(linear(inputs, weights, b), activation, "x, w and b")


def layer(x, W, b, activation: Callable = sigmoid) -> np.ndarray:
    """A layer of neurons side by side: ``activation(x @ W + b)``.

    ``x`` has shape (examples, inputs), ``W`` (inputs, neurons), ``b`` (neurons,).
    Each column of ``W`` with its entry of ``b`` is one neuron.

    >>> layer([[1.0, 2.0]], W=[[1.0, -1.0], [0.5, 2.0]], b=[0.0, -2.0], activation=identity)
    array([[2., 1.]])
    >>> layer([[1.0, 2.0]], W=[[1.0, -1.0], [0.5, 2.0]], b=[0.0, -2.0]).round(4)  # σ(2), σ(1)
    array([[0.8808, 0.7311]])
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
    return _activate(linear(inputs, weights, bias), activation, "x, W and b")


def log_loss(x, y, w: float, b: float) -> float:
    """Mean cross-entropy of a sigmoid neuron's predictions against 0/1 answers.

    L = −(1/n) Σ [yᵢ·log ŷᵢ + (1 − yᵢ)·log(1 − ŷᵢ)],  ŷᵢ = σ(w·xᵢ + b)

    >>> round(log_loss([1.0, 2.0], [0, 1], w=0.0, b=0.0), 4)  # a coin toss: log 2
    0.6931
    >>> round(log_loss([1.0, 2.0], [0, 1], w=2.0, b=-3.0), 4)  # z = −1, +1: both right by 1, log(1 + e⁻¹)
    0.3133
    >>> log_loss([-1.0, 1.0], [1, 0], w=1e308, b=0.0)  # sure and wrong: a loss of 1e308
    1e+308
    """
    x, y = _pass_fail(x, y)
    with np.errstate(over="ignore", invalid="ignore"):
        loss = _log_loss(affine(as_float(w, "w"), x, as_float(b, "b")), y)
    if not np.isfinite(loss):
        raise ValueError(
            "the log loss is too large to represent as a double (beyond ±1.8e308): "
            "w·x + b is too large for x, w and b; rescale them"
        )
    return loss


def _log_loss(z: np.ndarray, y: np.ndarray) -> float:
    """Mean cross-entropy from z = w·x + b (which may be ±inf); inf when beyond a double.

    Callers silence NumPy's overflow notices (the result says inf itself)."""
    # log σ(z) = −log(1 + e⁻ᶻ) and log(1 − σ(z)) = −log(1 + eᶻ), both without overflow;
    # only the term of the true answer is taken, so 0·inf never appears
    terms = np.logaddexp(0.0, np.where(y == 1.0, -z, z))
    if not np.isfinite(terms).all():
        return np.inf
    loss = float(np.add.reduce(terms, axis=None) / terms.size)  # terms.mean(), bit for bit
    if not np.isfinite(loss):  # terms near 1e308: their sum overflows, their mean need not
        e = exponent(terms)
        loss = float(ldexp(ldexp(terms, -e).mean(), e))
    return loss


def log_loss_gradients(x, y, w: float, b: float) -> tuple[float, float]:
    """The partial derivatives (∂L/∂w, ∂L/∂b) of :func:`log_loss` (chapter 6).

    ∂L/∂w = (1/n) Σ (ŷᵢ − yᵢ)·xᵢ,   ∂L/∂b = (1/n) Σ (ŷᵢ − yᵢ),   ŷᵢ = σ(w·xᵢ + b)

    By the chain rule, the loss's derivative in ŷᵢ, (ŷᵢ − yᵢ) / (n·ŷᵢ(1 − ŷᵢ)),
    times the sigmoid's derivative ŷᵢ(1 − ŷᵢ) leaves only the error ŷᵢ − yᵢ.
    :func:`fit_neuron` steps against these gradients.

    >>> log_loss_gradients([1.0, 2.0], [0, 1], w=0.0, b=0.0)  # ŷ = ½: errors +½ and −½
    (-0.25, 0.0)
    >>> [round(g, 4) for g in log_loss_gradients([1.0, 2.0], [0, 1], w=2.0, b=-3.0)]
    [-0.1345, 0.0]
    """
    x, y = _pass_fail(x, y)
    w, b = as_float(w, "w"), as_float(b, "b")
    if everyday(x, w, b):  # the neuron's backward pass, as fit_neuron's steps take it
        from lessons import network

        return network.one_neuron_gradients(_neuron_network(w, b), x, y)
    with np.errstate(under="ignore"):
        error = _sigmoid(affine(w, x, b)) - y  # ŷᵢ − yᵢ, in [−1, 1]
    what = "the gradient of the log loss for x"
    return mean_product(x, error, what), mean_product(1.0, error, what)


def _pass_fail(x, y) -> tuple[np.ndarray, np.ndarray]:
    x, y = paired(x, y)
    if not ((y == 0.0) | (y == 1.0)).all():
        raise ValueError("y must contain only 0 (fail) and 1 (pass)")
    return x, y


def fit_neuron(x, y, learning_rate: float = 0.5, steps: int = 20000) -> tuple[float, float]:
    """Train one sigmoid neuron on 0/1 answers by gradient descent on :func:`log_loss`.

    This is logistic regression: the result is the (w, b) that makes the
    observed passes and fails most likely. It is :func:`lessons.network.train`
    on a network of one Dense layer whose loss applies the sigmoid and the log
    loss (:class:`~lessons.layers.SigmoidCrossEntropy`), from w = b = 0. The loss is checked at the start and
    after every step, the same way as in every trainer of ``lessons``: if it
    becomes infinite or grows past ``DIVERGENCE_FACTOR`` times its start, a
    :class:`~lessons.gradient_descent.DivergenceError` names the step and the
    learning rate. ``steps`` is at most ``MAX_STEPS``.

    >>> from lessons.data import load_study_hours
    >>> study = load_study_hours()
    >>> w, b = fit_neuron(study["hours"], study["passed"])
    >>> round(w, 4), round(b, 4)  # the published fit: slope 1.5046, intercept −4.0777
    (1.5046, -4.0777)
    >>> fit_neuron(study["hours"], study["passed"], learning_rate=1e6)
    Traceback (most recent call last):
    ...
    lessons._divergence.DivergenceError: training the neuron diverged at step 2 with learning_rate=1000000.0: the loss grew from 0.693 to 9.74e+05, more than 1e+06 times its start (steps 0-1 stayed below that); try a smaller learning rate
    """
    from lessons import network

    x, y = _pass_fail(x, y)
    alpha = positive(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps", maximum=MAX_STEPS)
    result = network.train(
        _neuron_network(0.0, 0.0),
        x[:, None],
        y[:, None],
        learning_rate=alpha,
        epochs=steps,
        name="training the neuron",
        data="x",
    )
    return float(result.params["W1"][0, 0]), float(result.params["b1"][0])


def _neuron_network(w: float, b: float):  # w and b: checked floats
    """One sigmoid neuron with one input as a network: a Dense layer and the log loss
    (:class:`~lessons.layers.SigmoidCrossEntropy` applies the sigmoid to w·x + b)."""
    from lessons.layers import Dense, SigmoidCrossEntropy
    from lessons.network import Network

    return Network([Dense._of(np.array([[w]]), np.array([b]))], SigmoidCrossEntropy())


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
