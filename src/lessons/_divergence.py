"""One divergence policy for every training loop (gradient descent, the neuron, the network).

Every trainer computes its loss at the start (step 0) and after every update
(step k = after k updates) and asks :class:`DivergenceWatch` about it. A run
*diverges at step k* when the loss after the k-th update is no longer finite or
exceeds :data:`DIVERGENCE_FACTOR` times the starting loss; steps 0 … k − 1 were
fine, so a run stopped there keeps k − 1 completed steps. When the loss cannot
even be computed at step 0, the learning rate is not to blame: the data (or the
starting weights) are too large, and the error says so.

>>> watch = DivergenceWatch(27.0, learning_rate=1.0, trainer="gradient descent")
>>> watch.diverged(1e3), watch.diverged(3e7)
(False, True)
>>> raise watch.error(3, 3e7)
Traceback (most recent call last):
...
lessons._divergence.DivergenceError: gradient descent diverged at step 3 with learning_rate=1.0: the loss grew from 27 to 3e+07, more than 1e+06 times its start (steps 0-2 stayed below that); try a smaller learning rate
"""

from __future__ import annotations

import math

#: A run has diverged once its loss exceeds this many times its starting loss.
DIVERGENCE_FACTOR = 1e6

#: Data larger than this in size (max |x|) are named as a likely cause of divergence.
LARGE_DATA = 1e50


class DivergenceError(ValueError):
    """Training blew up: the loss grew without bound because the learning rate is too large."""


class DivergenceWatch:
    """Watches the loss of one training run, step by step."""

    def __init__(
        self,
        first_loss: float,
        learning_rate: float,
        trainer: str,
        data: str = "x and y",
        data_size: float = 0.0,
        unit: str = "step",
    ) -> None:
        self.first = float(first_loss)
        self.data = data
        self.data_size = float(data_size)
        self.learning_rate = learning_rate
        self.trainer = trainer
        self.unit = unit  # what a step is called: "epoch" for mini-batch training
        if not math.isfinite(self.first):
            raise ValueError(
                f"{trainer} cannot start: the loss at step 0 is already too large to compute "
                f"(beyond ±1.8e308), before any step of learning_rate={learning_rate}. The cause "
                f"is the data ({data}), not the learning rate: rescale them, for example with "
                "stats.standardise"
            )
        self.limit = DIVERGENCE_FACTOR * self.first if self.first > 0 else math.inf

    def diverged(self, loss: float) -> bool:
        """Is this loss (after some step) a sign of divergence?"""
        return not math.isfinite(loss) or loss > self.limit

    def error(self, step: int, loss: float) -> DivergenceError:
        """The error to raise when the loss after update ``step`` diverged."""
        if math.isfinite(loss):
            grew = (
                f"the loss grew from {self.first:.3g} to {loss:.3g}, more than "
                f"{DIVERGENCE_FACTOR:g} times its start"
            )
        else:
            grew = f"the loss grew from {self.first:.3g} beyond what a double can hold (overflow)"
        fine = f"{self.unit} 0 stayed" if step == 1 else f"{self.unit}s 0-{step - 1} stayed"
        advice = "try a smaller learning rate"
        if self.data_size > LARGE_DATA or (step == 1 and not math.isfinite(loss)):
            advice = (
                f"the data ({self.data}) may be the cause rather than the learning rate: "
                f"values as large as {self.data_size:.3g} make the steps overflow, so "
                "rescale them (for example with stats.standardise) before trying a smaller "
                "learning rate"
            )
        return DivergenceError(
            f"{self.trainer} diverged at {self.unit} {step} with learning_rate={self.learning_rate}: "
            f"{grew} ({fine} below that); {advice}"
        )
