"""Fitting a line by gradient descent (chapter 6).

The line of chapter 4 is now written with a weight and a bias, ŷ = w·x + b,
and its loss is the *mean* squared error L(w, b) = (1/n) Σ (yᵢ − ŷᵢ)². Each
step moves (w, b) a little against the gradient:

    w ← w − α·∂L/∂w,   b ← b − α·∂L/∂b.

>>> result = fit_line_gd([1, 2, 3, 4, 5], [2, 4, 5, 4, 6], learning_rate=0.05, steps=2000)
>>> round(result.w, 4), round(result.b, 4)
(0.8, 1.8)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from lessons import network
from lessons._checks import (
    MAX_STEPS,
    as_float,
    as_floats,
    paired,
    positive,
    positive_int,
    within_size,
)
from lessons._divergence import DIVERGENCE_FACTOR, DivergenceError
from lessons._numeric import everyday, mean_product, residual, sum_squares, unscale
from lessons.layers import Dense, MeanSquaredError

__all__ = [
    "DIVERGENCE_FACTOR",
    "DescentResult",
    "DivergenceError",
    "fit_line_gd",
    "line",
    "loss_surface",
    "mse",
    "mse_gradients",
]


class DescentResult(NamedTuple):
    """What :func:`fit_line_gd` returns."""

    w: float
    b: float
    history: pd.DataFrame  #: one row per step: step, w, b, loss (step 0 = start)
    diverged: bool


def _points(x, y) -> tuple[np.ndarray, np.ndarray]:
    return paired(x, y)


def line(w: float = 0.0, b: float = 0.0) -> network.Network:
    """The line ŷ = w·x + b as a network: one Dense layer of one neuron, no activation, MSE.

    >>> net = line(2.0, 1.0)
    >>> net.loss_of([[1.0], [2.0]], [[3.0], [6.0]]), net.backward()  # ŷ = 3, 5: errors 0, −1
    (0.5, {'W1': array([[-2.]]), 'b1': array([-1.])})
    """
    return network.Network([Dense([[w]], [b])], MeanSquaredError())


def mse(x, y, w: float, b: float) -> float:
    """Mean squared error of the line ŷ = w·x + b: (1/n) Σ (yᵢ − ŷᵢ)².

    >>> mse([1, 2, 3], [3, 6, 6], w=2, b=1)
    0.6666666666666666
    >>> mse([1e-170, 2e-170], [0, 0], w=1, b=0)  # the squares (1e-340) are below a double
    Traceback (most recent call last):
    ...
    ValueError: the mean squared error of x and y is too small to represent accurately as a double (below 2.2e-308); rescale the data first (for example multiply by a power of ten)
    """
    x, y = _points(x, y)
    w, b = as_float(w, "w"), as_float(b, "b")
    total, e = sum_squares(residual(x, y, w, b), mean=True)
    return unscale(float(total), 2 * e, "the mean squared error of x and y")


def mse_gradients(x, y, w: float, b: float) -> tuple[float, float]:
    """The partial derivatives (∂L/∂w, ∂L/∂b) of the mean squared error.

    ∂L/∂w = −(2/n) Σ xᵢ (yᵢ − ŷᵢ),   ∂L/∂b = −(2/n) Σ (yᵢ − ŷᵢ)

    >>> mse_gradients([1, 2, 3], [3, 5, 7], w=2, b=1)  # a perfect fit: flat
    (0.0, 0.0)
    >>> mse_gradients([1, 2, 3], [3, 6, 6], w=0, b=0)
    (-22.0, -10.0)
    """
    x, y = _points(x, y)
    w, b = as_float(w, "w"), as_float(b, "b")
    if everyday(x, y, w, b):  # the backward pass of the line, as fit_line_gd's steps take it
        one = network.Network([Dense._of(np.array([[w]]), np.array([b]))], MeanSquaredError())
        return network.one_neuron_gradients(one, x, y)
    error = residual(x, y, w, b)  # yᵢ − ŷᵢ, without overflow
    # the means of xᵢ·errorᵢ and of errorᵢ, formed at a scale where nothing overflows
    return -2 * mean_product(x, error), -2 * mean_product(1.0, error)


def fit_line_gd(
    x,
    y,
    learning_rate: float,
    steps: int,
    w0: float = 0.0,
    b0: float = 0.0,
    on_divergence: str = "raise",
) -> DescentResult:
    """Run ``steps`` steps of gradient descent on the mean squared error from (w0, b0).

    Step k is the k-th update; ``history`` has one row per step, step 0 being
    the start. The run *diverges at step k* when the loss after update k is
    infinite or exceeds ``DIVERGENCE_FACTOR`` times the loss at step 0 (the
    rule every trainer of ``lessons`` shares): the learning rate is too large.
    With ``on_divergence="raise"`` a :class:`DivergenceError` names the step k;
    with ``"stop"`` the run *stops after step k − 1*: ``history`` keeps steps
    0 … k − 1 (all finite) and the result has ``diverged=True`` (chapter 6 draws
    such a run). If the loss cannot be computed even at step 0, the data (or
    w0, b0) are too large and a ``ValueError`` says so, whatever the learning rate.
    ``steps`` is at most ``MAX_STEPS``.

    >>> fit_line_gd([1, 2, 3], [3, 6, 6], learning_rate=0.1, steps=3).history.round(3)
       step      w      b    loss
    0     0  0.000  0.000  27.000
    1     1  2.200  1.000   0.987
    2     2  1.947  0.920   0.668
    3     3  1.962  0.957   0.656
    >>> fit_line_gd([1, 2, 3], [3, 6, 6], learning_rate=1.0, steps=100)
    Traceback (most recent call last):
    ...
    lessons._divergence.DivergenceError: gradient descent diverged at step 3 with learning_rate=1.0: the loss grew from 27 to 2.78e+07, more than 1e+06 times its start (steps 0-2 stayed below that); try a smaller learning rate
    >>> stopped = fit_line_gd([1, 2, 3], [3, 6, 6], learning_rate=1.0, steps=100, on_divergence="stop")
    >>> stopped.diverged, int(stopped.history["step"].iloc[-1])  # stopped after step 2
    (True, 2)
    """
    x, y = _points(x, y)
    alpha = positive(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps", maximum=MAX_STEPS)
    within_size(3 * (steps + 1), "steps")
    w, b = as_float(w0, "w0"), as_float(b0, "b0")
    if on_divergence not in ("raise", "stop"):
        raise ValueError(f"on_divergence must be 'raise' or 'stop', got {on_divergence!r}")
    result = network.train(
        line(w, b),
        x[:, None],
        y[:, None],
        learning_rate=alpha,
        epochs=steps,
        snapshot_every=1,
        on_divergence=on_divergence,
        name="gradient descent",
        data="x and y, or w0 and b0",
    )
    return DescentResult(*_line_history(result, "step"), result.diverged)


def _line_history(result: network.TrainingResult, name: str) -> tuple[float, float, pd.DataFrame]:
    """The final w and b of a trained line, and its history: name (step or epoch), w, b, loss."""
    params = list(result.snapshots.values())
    history = pd.DataFrame(
        {
            name: result.history["epoch"].to_numpy(),
            "w": [p["W1"][0, 0] for p in params],
            "b": [p["b1"][0] for p in params],
            "loss": result.history["loss"].to_numpy(dtype=float),
        }
    )
    return float(history["w"].iloc[-1]), float(history["b"].iloc[-1]), history


def loss_surface(x, y, ws, bs) -> pd.DataFrame:
    """The mean squared error on a grid of (w, b): one row per pair, for a heat map.

    >>> loss_surface([1, 2, 3], [3, 6, 6], ws=[1, 2], bs=[0, 1])
         w    b      loss
    0  1.0  0.0  9.666667
    1  1.0  1.0  4.666667
    2  2.0  0.0  1.666667
    3  2.0  1.0  0.666667
    """
    x, y = _points(x, y)
    ws, bs = as_floats(ws, "ws"), as_floats(bs, "bs")
    within_size(ws.size * bs.size * x.size, "ws × bs × points")
    w_grid, b_grid = np.meshgrid(ws, bs, indexing="ij")
    errors = residual(x, y, w_grid[..., None], b_grid[..., None])
    total, e = sum_squares(errors, axis=-1, mean=True)
    loss = unscale(total, 2 * e, "the loss surface of x and y over ws and bs")
    return pd.DataFrame({"w": w_grid.ravel(), "b": b_grid.ravel(), "loss": loss.ravel()})
