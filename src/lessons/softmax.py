"""Softmax and cross-entropy: scores for ten classes become probabilities and a loss (chapter 8).

A classifier's last layer gives one score zₖ per class. Softmax turns the
scores of one example into probabilities that are positive and sum to 1,

    pₖ = e^{zₖ} / Σⱼ e^{zⱼ},

and the cross-entropy of n examples is the mean of −log p of the right class:

    L = −(1/n) Σᵢ log p_{i, yᵢ}.

Its gradient with respect to the scores is remarkably simple,
∂L/∂z = (p − onehot(y)) / n: "what the network said minus what it should have
said". Every function works on a table of scores, one row per example, and
subtracts each row's largest score first, so e^{z} never overflows.

>>> scores = [[2.0, 1.0, 0.0]]
>>> softmax(scores).round(3)
array([[0.665, 0.245, 0.09 ]])
>>> round(cross_entropy(scores, [0]), 3)
0.408
"""

from __future__ import annotations

import numbers

import numpy as np

from lessons._checks import as_floats, positive_int

N_DIGITS = 10


def scores_table(values, name: str = "scores") -> np.ndarray:
    """Return a 2-D float table of scores (one row per example), or raise.

    One row may be given as a flat list.

    >>> scores_table([1, 2, 3]).shape
    (1, 3)
    """
    array = as_floats(values, name, ndim=None)
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or array.shape[1] < 2:
        raise ValueError(
            f"{name} must be a table with one row per example and at least two "
            f"classes (columns), got shape {array.shape}"
        )
    return array


def class_labels(labels, n_classes: int, name: str = "labels") -> np.ndarray:
    """Return whole-number class labels in 0 … n_classes − 1 as an int array, or raise.

    >>> class_labels([3, 0, 9], 10)
    array([3, 0, 9])
    >>> class_labels([3, 10], 10)
    Traceback (most recent call last):
    ...
    ValueError: labels must be classes 0 to 9, got 10 (at index 1)
    """
    n_classes = positive_int(n_classes, "n_classes")
    if isinstance(labels, numbers.Integral) and not isinstance(labels, bool):
        labels = [labels]
    array = as_floats(labels, name)
    if not np.all(array == np.round(array)):
        raise TypeError(
            f"{name} must be whole numbers (class ids), got {array[array != np.round(array)][0]}"
        )
    bad = (array < 0) | (array >= n_classes)
    if bad.any():
        at = int(np.argmax(bad))
        raise ValueError(
            f"{name} must be classes 0 to {n_classes - 1}, got {int(array[at])} (at index {at})"
        )
    return array.astype(int)


def one_hot(labels, n_classes: int = N_DIGITS) -> np.ndarray:
    """One row per label, all zeros except a 1 in the label's column.

    >>> one_hot([2, 0], n_classes=3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    labels = class_labels(labels, n_classes)
    table = np.zeros((len(labels), n_classes))
    table[np.arange(len(labels)), labels] = 1.0
    return table


def log_softmax(scores) -> np.ndarray:
    """log pₖ = zₖ − log Σⱼ e^{zⱼ}, computed as zₖ − m − log Σⱼ e^{zⱼ − m} with m = maxⱼ zⱼ.

    Subtracting the row's maximum changes nothing mathematically and keeps
    every exponent at or below 0, so huge scores do not overflow.

    >>> log_softmax([[1000.0, 0.0]]).round(3)
    array([[    0., -1000.]])
    """
    z = scores_table(scores)
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(scores) -> np.ndarray:
    """Probabilities pₖ = e^{zₖ} / Σⱼ e^{zⱼ}, one row per example; each row sums to 1.

    Adding the same number to every score of a row does not change its
    probabilities: only the differences between scores matter.

    >>> softmax([[0.0, 0.0], [1.0, 1.0]])
    array([[0.5, 0.5],
           [0.5, 0.5]])
    >>> softmax([[1000.0, 0.0]])  # no overflow
    array([[1., 0.]])
    """
    z = scores_table(scores)
    exps = np.exp(z - z.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


def _scores_and_labels(scores, labels) -> tuple[np.ndarray, np.ndarray]:
    z = scores_table(scores)
    y = class_labels(labels, z.shape[1])
    if len(y) != len(z):
        raise ValueError(
            f"scores and labels must have the same number of examples, got {len(z)} and {len(y)}"
        )
    return z, y


def cross_entropy(scores, labels) -> float:
    """The mean of −log p of the right class, from the scores (not the probabilities).

    Working from the scores through :func:`log_softmax` stays finite even when
    the right class gets a probability that rounds to 0.

    >>> round(cross_entropy([[0.0, 0.0, 0.0, 0.0]], [1]), 4)  # four equal guesses: log 4
    1.3863
    >>> round(cross_entropy([[0.0, 800.0]], [0]), 1)  # very wrong, still finite
    800.0
    """
    z, y = _scores_and_labels(scores, labels)
    return float(-log_softmax(z)[np.arange(len(y)), y].mean())


def cross_entropy_gradient(scores, labels) -> np.ndarray:
    """∂L/∂z = (softmax(z) − onehot(y)) / n: one row per example, one column per class.

    >>> cross_entropy_gradient([[0.0, 0.0]], [0])
    array([[-0.5,  0.5]])
    """
    z, y = _scores_and_labels(scores, labels)
    return (softmax(z) - one_hot(y, z.shape[1])) / len(y)
