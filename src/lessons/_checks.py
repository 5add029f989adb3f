"""Argument checks shared by the lesson modules.

Every public lesson function turns its numeric arguments into float arrays
through these helpers, so bad input fails early with a message that names the
argument, says what was wrong and what was expected -- never a silent NaN.
"""

from __future__ import annotations

import numbers

import numpy as np


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
    try:
        array = np.asarray(values)
    except Exception as error:  # ragged lists and other unconvertible input
        raise TypeError(f"{name} must be an array of numbers: {error}") from None
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.bool_)
    ):
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
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
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


def positive_int(value, name: str) -> int:
    """Return an integer of at least 1, or raise.

    >>> positive_int(3, "steps")
    3
    >>> positive_int(2.5, "steps")
    Traceback (most recent call last):
    ...
    TypeError: steps must be a whole number, got float 2.5
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__} {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    return int(value)


def same_length(x: np.ndarray, y: np.ndarray, names: str = "x and y") -> None:
    """Raise if two data arrays do not pair up point by point.

    >>> same_length(np.zeros(3), np.zeros(2))
    Traceback (most recent call last):
    ...
    ValueError: x and y must have the same length, got 3 and 2
    """
    if len(x) != len(y):
        raise ValueError(f"{names} must have the same length, got {len(x)} and {len(y)}")


def seed_int(seed, name: str = "seed") -> int:
    """Return a usable random seed (a non-negative whole number), or raise."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be a whole number, got {type(seed).__name__} {seed!r}")
    if seed < 0:
        raise ValueError(f"{name} must be 0 or more, got {seed}")
    return int(seed)
