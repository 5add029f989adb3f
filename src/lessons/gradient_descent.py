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

from lessons._checks import as_float, as_floats, positive, positive_int, same_length

#: A run is called divergent once its loss exceeds this many times its first loss.
DIVERGENCE_FACTOR = 1e6


class DivergenceError(ValueError):
    """Gradient descent blew up: the loss grew without bound."""


class DescentResult(NamedTuple):
    """What :func:`fit_line_gd` returns."""

    w: float
    b: float
    history: pd.DataFrame  #: one row per step: step, w, b, loss (step 0 = start)
    diverged: bool


def _points(x, y) -> tuple[np.ndarray, np.ndarray]:
    x = as_floats(x, "x")
    y = as_floats(y, "y")
    same_length(x, y)
    return x, y


def mse(x, y, w: float, b: float) -> float:
    """Mean squared error of the line ŷ = w·x + b: (1/n) Σ (yᵢ − ŷᵢ)².

    >>> mse([1, 2, 3], [3, 6, 6], w=2, b=1)
    0.6666666666666666
    """
    x, y = _points(x, y)
    return float(np.mean((y - (as_float(w, "w") * x + as_float(b, "b"))) ** 2))


def mse_gradients(x, y, w: float, b: float) -> tuple[float, float]:
    """The partial derivatives (∂L/∂w, ∂L/∂b) of the mean squared error.

    ∂L/∂w = −(2/n) Σ xᵢ (yᵢ − ŷᵢ),   ∂L/∂b = −(2/n) Σ (yᵢ − ŷᵢ)

    >>> mse_gradients([1, 2, 3], [3, 5, 7], w=2, b=1)  # a perfect fit: flat
    (-0.0, -0.0)
    >>> mse_gradients([1, 2, 3], [3, 6, 6], w=0, b=0)
    (-22.0, -10.0)
    """
    x, y = _points(x, y)
    error = y - (as_float(w, "w") * x + as_float(b, "b"))
    return float(-2 * np.mean(x * error)), float(-2 * np.mean(error))


def fit_line_gd(x, y, learning_rate: float, steps: int, w0: float = 0.0, b0: float = 0.0,
                on_divergence: str = "raise") -> DescentResult:
    """Run ``steps`` steps of gradient descent on the mean squared error from (w0, b0).

    If the loss blows up (it becomes infinite or NaN, or grows past
    ``DIVERGENCE_FACTOR`` times its starting value), the learning rate is too
    large: with ``on_divergence="raise"`` a :class:`DivergenceError` says so;
    with ``"stop"`` the run ends there and the result has ``diverged=True``
    (chapter 6 draws such a run).

    >>> fit_line_gd([1, 2, 3], [3, 6, 6], learning_rate=0.1, steps=3).history.round(3)
       step      w      b    loss
    0     0  0.000  0.000  27.000
    1     1  2.200  1.000   0.987
    2     2  1.947  0.920   0.668
    3     3  1.962  0.957   0.656
    >>> fit_line_gd([1, 2, 3], [3, 6, 6], learning_rate=1.0, steps=100)
    Traceback (most recent call last):
    ...
    lessons.gradient_descent.DivergenceError: gradient descent diverged at step 3 with learning_rate=1.0: the loss grew from 27 to 2.78e+07; try a smaller learning rate
    """
    x, y = _points(x, y)
    alpha = positive(learning_rate, "learning_rate")
    steps = positive_int(steps, "steps")
    w, b = as_float(w0, "w0"), as_float(b0, "b0")
    if on_divergence not in ("raise", "stop"):
        raise ValueError(f"on_divergence must be 'raise' or 'stop', got {on_divergence!r}")
    rows = np.empty((steps + 1, 3))
    rows[0] = w, b, mse(x, y, w, b)
    limit = DIVERGENCE_FACTOR * max(rows[0, 2], 1e-12)
    last = steps
    diverged = False
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            dw, db = mse_gradients(x, y, w, b)
            w, b = w - alpha * dw, b - alpha * db
            loss = mse(x, y, w, b) if np.isfinite(w) and np.isfinite(b) else np.inf
            if not np.isfinite(loss) or loss > limit:
                if on_divergence == "raise":
                    raise DivergenceError(
                        f"gradient descent diverged at step {step} with learning_rate={alpha}: "
                        f"the loss grew from {rows[0, 2]:.3g} to {loss:.3g}; "
                        "try a smaller learning rate"
                    )
                diverged, last = True, step - 1
                break
            rows[step] = w, b, loss
    history = pd.DataFrame(rows[: last + 1], columns=["w", "b", "loss"])
    history.insert(0, "step", np.arange(last + 1))
    final_w, final_b = history["w"].iloc[-1], history["b"].iloc[-1]
    return DescentResult(float(final_w), float(final_b), history, diverged)


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
    w_grid, b_grid = np.meshgrid(as_floats(ws, "ws"), as_floats(bs, "bs"), indexing="ij")
    predictions = w_grid[..., None] * x + b_grid[..., None]
    loss = ((y - predictions) ** 2).mean(axis=-1)
    return pd.DataFrame({"w": w_grid.ravel(), "b": b_grid.ravel(), "loss": loss.ravel()})
