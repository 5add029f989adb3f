"""Argument checks shared by the lesson modules.

Every public lesson function turns its numeric arguments into float arrays
through these helpers, so bad input fails early with a message that names the
argument, says what was wrong and what was expected -- never a silent NaN.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

#: The largest array (counted in numbers) a lesson function agrees to create:
#: 20 million doubles, 160 MB. Larger requests fail at once with a clear message
#: instead of a ``MemoryError`` after trying to allocate it.
MAX_VALUES = 20_000_000

#: The most steps a training loop agrees to run (the chapters use at most 20,000).
MAX_STEPS = 1_000_000


def _contains_bool(values, depth: int = 0) -> bool:
    """Is there a True/False inside a (nested) list or tuple?"""
    if isinstance(values, (bool, np.bool_)):
        return True
    if isinstance(values, (list, tuple)) and depth < 3:
        return any(_contains_bool(v, depth + 1) for v in values)
    return False


def as_floats(values, name: str, *, ndim: int | None = 1, min_size: int = 1) -> np.ndarray:
    """Return ``values`` as a float array, or raise a clear error.

    >>> as_floats([1, 2, 3], "x")
    array([1., 2., 3.])
    >>> as_floats([1.0, float("nan")], "x")
    Traceback (most recent call last):
    ...
    ValueError: x contains NaN or infinite values (at index 1); expected finite numbers
    """
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be numbers, not a string ({values!r})")
    if isinstance(values, (pd.Series, pd.DataFrame)):
        values = values.to_numpy()  # what np.asarray gives, without its slow attribute probes
    if _contains_bool(values):
        raise TypeError(
            f"{name} must be numbers, not booleans (True/False); "
            "write 0 and 1 if you mean them as numbers"
        )
    try:
        array = np.asarray(values)
    except Exception as error:  # ragged lists and other unconvertible input
        raise TypeError(f"{name} must be an array of numbers: {error}") from None
    if np.issubdtype(array.dtype, np.bool_):
        raise TypeError(
            f"{name} must be numbers, not booleans (True/False); "
            "convert with .astype(int) if you mean 0 and 1"
        )
    if array.dtype == object or not np.issubdtype(array.dtype, np.number):
        raise TypeError(f"{name} must contain only numbers, got values of type {array.dtype}")
    if np.iscomplexobj(array):
        raise TypeError(f"{name} must contain real numbers, not complex ones")
    array = array.astype(float)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {array.shape}")
    if array.size < min_size:
        raise ValueError(f"{name} needs at least {min_size} value(s), got {array.size}")
    bad = ~np.isfinite(array)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        at = where[0] if len(where) == 1 else where
        raise ValueError(
            f"{name} contains NaN or infinite values (at index {at}); expected finite numbers"
        )
    return array


def as_float(value, name: str) -> float:
    """Return one finite real number, or raise a clear error.

    >>> as_float(2, "slope")
    2.0
    >>> as_float("2", "slope")
    Traceback (most recent call last):
    ...
    TypeError: slope must be a real number, got str '2'
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(
            f"{name} must be a real number, not a boolean ({value!r}); "
            "write 0 or 1 if you mean a number"
        )
    if not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def positive(value, name: str) -> float:
    """Return a finite number greater than zero, or raise.

    >>> positive(0.1, "learning_rate")
    0.1
    >>> positive(0, "learning_rate")
    Traceback (most recent call last):
    ...
    ValueError: learning_rate must be greater than 0, got 0.0
    """
    value = as_float(value, name)
    if value <= 0:
        raise ValueError(f"{name} must be greater than 0, got {value}")
    return value


def whole_number(value, name: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """Return an integer between ``minimum`` and ``maximum``, or raise.

    Booleans and floats are refused, even ``1.0``: a count is written as a whole number.

    >>> whole_number(1, "ddof")
    1
    >>> whole_number(1.0, "ddof")
    Traceback (most recent call last):
    ...
    TypeError: ddof must be a whole number, got float 1.0
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a whole number, not a boolean ({value!r})")
    if not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum:,}, got {value:,}")
    return int(value)


def positive_int(value, name: str, maximum: int | None = None) -> int:
    """Return an integer of at least 1 (and at most ``maximum``), or raise.

    >>> positive_int(3, "steps")
    3
    >>> positive_int(2.5, "steps")
    Traceback (most recent call last):
    ...
    TypeError: steps must be a whole number, got float 2.5
    """
    return whole_number(value, name, minimum=1, maximum=maximum)


def within_size(count: int, what: str) -> None:
    """Refuse to create more than :data:`MAX_VALUES` numbers.

    >>> within_size(10**12, "steps × 3")
    Traceback (most recent call last):
    ...
    ValueError: steps × 3 asks for 1,000,000,000,000 numbers; the limit is 20,000,000 (MAX_VALUES)
    """
    if count > MAX_VALUES:
        raise ValueError(
            f"{what} asks for {count:,} numbers; the limit is {MAX_VALUES:,} (MAX_VALUES)"
        )


def paired(
    x,
    y,
    names: tuple[str, str] = ("x", "y"),
    *,
    min_size: int = 1,
    ndim: int | None = 1,
    same_shape: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """The one check for paired data: both numeric, both finite, one x for every y.

    Values pair up by position. Two pandas objects with different indexes are
    refused rather than paired silently by position (pandas itself would align
    them by label): pass ``.to_numpy()`` of each if position is what you mean.

    >>> paired([1, 2, 3], [4, 5])
    Traceback (most recent call last):
    ...
    ValueError: x and y must have the same length, got 3 and 2
    >>> paired(pd.Series([1, 2], index=[0, 1]), pd.Series([3, 4], index=[1, 0]))
    Traceback (most recent call last):
    ...
    ValueError: x and y are pandas objects with different indexes; lessons pairs values by position, so pass x.to_numpy() and y.to_numpy() if that is what you mean
    """
    a, b = names
    pandas = (pd.Series, pd.DataFrame)
    if isinstance(x, pandas) and isinstance(y, pandas) and not x.index.equals(y.index):
        raise ValueError(
            f"{a} and {b} are pandas objects with different indexes; lessons pairs "
            f"values by position, so pass {a}.to_numpy() and {b}.to_numpy() if that "
            "is what you mean"
        )
    first = as_floats(x, a, ndim=ndim, min_size=min_size)
    second = as_floats(y, b, ndim=ndim, min_size=min_size)
    if same_shape and first.shape != second.shape:
        raise ValueError(
            f"{a} and {b} must have the same shape, got {first.shape} and {second.shape}"
        )
    if len(first) != len(second):
        raise ValueError(
            f"{a} and {b} must have the same length, got {len(first)} and {len(second)}"
        )
    return first, second


def seed_int(seed, name: str = "seed") -> int:
    """Return a usable random seed (a non-negative whole number), or raise."""
    return whole_number(seed, name, minimum=0)


def finite(values: np.ndarray, what: str, remedy: str) -> np.ndarray:
    """``values`` if every one is a finite double, else a ValueError saying what to do.

    >>> finite(np.array([1.0, 2.0]), "the predictions", "rescale x")
    array([1., 2.])
    >>> finite(np.array([np.inf]), "the predictions", "rescale x")
    Traceback (most recent call last):
    ...
    ValueError: the predictions: too large to represent as a double (beyond ±1.8e308); rescale x
    """
    if not np.isfinite(values).all():
        raise ValueError(f"{what}: too large to represent as a double (beyond ±1.8e308); {remedy}")
    return values
