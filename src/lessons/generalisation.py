"""Generalisation: how a model does on data it was not trained on (chapter 7).

A model is judged on a *test* set held out from training. The training data
alone decide everything about the model -- including how the inputs are
standardised -- so the test set stays an honest stand-in for new data.

>>> train, _, test = split_rows(10, n_train=7, seed=0)
>>> sorted(train.tolist() + test.tolist()) == list(range(10)), len(train), len(test)
(True, 7, 3)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from lessons._checks import as_floats, paired, positive, positive_int, seed_int
from lessons.propagation import _network, _network_input


class Split(NamedTuple):
    """Row numbers of the training, validation and test parts of a data set.

    :func:`split_rows` makes two parts (its validation part is empty), :func:`split` three.
    """

    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray


def split_rows(n_rows: int, n_train: int, seed: int) -> Split:
    """Shuffle ``n_rows`` row numbers with ``seed``; the first ``n_train`` train, the rest test.

    >>> parts = split_rows(6, n_train=4, seed=1)
    >>> parts.train, parts.test
    (array([4, 0, 2, 1]), array([5, 3]))
    """
    n_rows = positive_int(n_rows, "n_rows")
    n_train = positive_int(n_train, "n_train")
    if n_train >= n_rows:
        raise ValueError(
            f"n_train must leave at least one row for the test set: got n_train="
            f"{n_train} of n_rows={n_rows}"
        )
    order = np.random.default_rng(seed_int(seed)).permutation(n_rows)
    return Split(order[:n_train], order[:0], order[n_train:])


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


def standardise_like(values, reference) -> np.ndarray:
    """z-scores of ``values`` with the mean and standard deviation of ``reference``.

    Test data are standardised with the *training* data's mean and spread:
    the model must not learn anything from the test set, not even its average.

    >>> standardise_like([2.0, 4.0], reference=[1.0, 2.0, 3.0])
    array([0., 2.])
    """
    x = as_floats(values, "values")
    ref = as_floats(reference, "reference", min_size=2)
    spread = float(np.std(ref, ddof=1))
    if spread == 0:
        raise ValueError("reference values are all equal: there is no spread to divide by")
    return (x - float(np.mean(ref))) / spread


def loss_curves(snapshots: dict, x_train, y_train, x_test, y_test) -> pd.DataFrame:
    """Training and test loss (mean squared error) of a network at each recorded step.

    ``snapshots`` maps a step to the network's parameters at that step (as
    :func:`lessons.propagation.train` records them with ``snapshot_every``).

    >>> from lessons.propagation import init_network
    >>> p = init_network((1, 2, 1), seed=0)
    >>> loss_curves({0: p}, [0.0, 1.0], [0.0, 1.0], [2.0], [2.0]).round(3).values.tolist()
    [[0.0, 0.297, 2.935]]
    """
    x_train, y_train = paired(x_train, y_train, ("x_train", "y_train"))
    x_test, y_test = paired(x_test, y_test, ("x_test", "y_test"))
    if not isinstance(snapshots, dict) or not snapshots:
        raise ValueError("snapshots must be a non-empty dict {step: parameters}")
    rows = []
    for step, params in sorted(snapshots.items()):
        net = _network(params, f"snapshots[{step}]")  # checked once, used for both sets
        rows.append(
            (
                int(step),
                net.loss_of(_network_input(net.parameters(), x_train, "x_train"), y_train[:, None]),
                net.loss_of(_network_input(net.parameters(), x_test, "x_test"), y_test[:, None]),
            )
        )
    return pd.DataFrame(rows, columns=["step", "train", "test"])
