"""Mini-batch stochastic gradient descent for a line (chapter 6).

With many data points, one step of gradient descent on all of them is
expensive. Mini-batch gradient descent shuffles the points, cuts them into
batches of ``batch_size`` and takes one step per batch, using the gradient of
the batch's mean squared error (:func:`lessons.gradient_descent.mse_gradients`)
as a noisy estimate of the full gradient. One pass through all the batches is
an *epoch*. ``batch_size=1`` is stochastic gradient descent in its original
sense; ``batch_size=len(x)`` is ordinary (full-batch) gradient descent, one
step per epoch.

>>> result = fit_line_sgd([1, 2, 3, 4, 5], [2, 4, 5, 4, 6], learning_rate=0.01,
...                       epochs=500, batch_size=1, seed=0)
>>> result.history.columns.tolist(), len(result.history), result.steps_per_epoch
(['epoch', 'w', 'b', 'loss'], 501, 5)
>>> round(result.w, 1), round(result.b, 1)  # near the least-squares line 0.8·x + 1.8
(0.8, 1.8)
"""

from __future__ import annotations

import math
from typing import NamedTuple

import pandas as pd

from lessons import network
from lessons._checks import MAX_STEPS, as_float, paired, positive, positive_int, seed_int
from lessons.gradient_descent import _line_history, line


class SGDResult(NamedTuple):
    """What :func:`fit_line_sgd` returns."""

    w: float
    b: float
    history: pd.DataFrame  #: one row per epoch: epoch, w, b, loss on all points (epoch 0 = start)
    steps_per_epoch: int


def fit_line_sgd(
    x,
    y,
    learning_rate: float,
    epochs: int,
    batch_size: int,
    seed: int,
    w0: float = 0.0,
    b0: float = 0.0,
) -> SGDResult:
    """Fit ŷ = w·x + b by mini-batch gradient descent on the mean squared error.

    Each epoch shuffles the points (with a generator seeded by ``seed``, so a
    run can be repeated exactly), cuts them into batches of ``batch_size``
    (the last one may be smaller) and takes one step per batch:
    w ← w − α·∂L_batch/∂w, b ← b − α·∂L_batch/∂b. The history records the
    loss on *all* points after each epoch. This is :func:`lessons.network.train`
    with a batch size, on the line :func:`lessons.gradient_descent.line`. The
    run diverges, and a :class:`~lessons.gradient_descent.DivergenceError` names
    the epoch, when the loss after an epoch is no longer finite or exceeds
    ``DIVERGENCE_FACTOR`` times the loss at the start (the rule of
    :func:`~lessons.gradient_descent.fit_line_gd`): the learning rate is too large.

    >>> result = fit_line_sgd([1, 2, 3], [3, 6, 6], learning_rate=0.1, epochs=2,
    ...                       batch_size=3, seed=0)
    >>> result.steps_per_epoch, result.history.round(3).values.tolist()
    (1, [[0.0, 0.0, 0.0, 27.0], [1.0, 2.2, 1.0, 0.987], [2.0, 1.947, 0.92, 0.668]])
    """
    x, y = paired(x, y)
    alpha = positive(learning_rate, "learning_rate")
    epochs = positive_int(epochs, "epochs", maximum=MAX_STEPS)
    batch_size = positive_int(batch_size, "batch_size")
    if batch_size > len(x):
        raise ValueError(
            f"batch_size must be at most the number of points ({len(x)}), got {batch_size}"
        )
    seed = seed_int(seed)
    w, b = as_float(w0, "w0"), as_float(b0, "b0")
    result = network.train(
        line(w, b),
        x[:, None],
        y[:, None],
        learning_rate=alpha,
        epochs=epochs,
        batch_size=batch_size,
        seed=seed,
        snapshot_every=1,
        name="mini-batch gradient descent",
        data="x and y, or w0 and b0",
    )
    return SGDResult(*_line_history(result, "epoch"), math.ceil(len(x) / batch_size))
