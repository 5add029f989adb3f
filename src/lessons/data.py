"""The data sets the chapters use, loaded from files shipped with the package.

Each loader returns a fresh :class:`pandas.DataFrame` (edit it freely: the
parsed file is cached, your copy is yours). Sources, licences and derivations
are in ``lessons/datasets/README.md``; nothing here uses the network.

>>> body = load_body_measurements()
>>> len(body), list(body.columns)
(5175, ['sex', 'age', 'height_cm', 'weight_kg'])
"""

from __future__ import annotations

import functools
import importlib.resources

import numpy as np
import pandas as pd

from lessons._checks import as_floats

CM_PER_INCH = 2.54


def _check_inches(inches) -> None:
    """Refuse lengths whose value in centimetres would be beyond the largest double."""
    values = as_floats(inches, "inches", ndim=None)
    if np.any(np.abs(values) > np.finfo(float).max / CM_PER_INCH):
        raise ValueError(
            "inches are too large: in centimetres they would be beyond the largest "
            "double (1.8e308); the limit is about 7.1e307 inches"
        )


@functools.cache
def _read(name: str) -> pd.DataFrame:
    with importlib.resources.files("lessons.datasets").joinpath(name).open("rb") as handle:
        return pd.read_csv(handle, dtype={"family": str})


def load_body_measurements() -> pd.DataFrame:
    """Adults (20+) of NHANES 2017–2018: ``sex``, ``age``, ``height_cm``, ``weight_kg``.

    >>> load_body_measurements().head(2)
          sex  age  height_cm  weight_kg
    0  female   66      158.3       79.5
    1  female   66      150.2       53.5
    """
    return _read("nhanes_adults.csv").copy()


def load_galton_families() -> pd.DataFrame:
    """Galton's 1886 family heights, in inches (see :func:`inches_to_cm`).

    >>> galton = load_galton_families()
    >>> len(galton), galton["child_height"].iloc[0]
    (934, np.float64(73.2))
    """
    return _read("galton_families.csv").copy()


#: Kilometres per litre in one US mile per gallon (1.609344 km / 3.785411784 L).
KM_PER_LITRE_PER_MPG = 1.609344 / 3.785411784


def load_cars() -> pd.DataFrame:
    """The 392 Vega cars with both ``Horsepower`` and ``Miles_per_Gallon``.

    The book uses metric units, so ``km_per_litre`` (fuel efficiency in km/L)
    is added, converted from the original US miles per gallon.

    >>> cars = load_cars()
    >>> len(cars), int(cars["Horsepower"].max())
    (392, 230)
    >>> round(float(cars["km_per_litre"].max()), 1)  # 46.6 mpg
    19.8
    """
    cars = _read("cars.csv").copy()
    cars["km_per_litre"] = cars["Miles_per_Gallon"] * KM_PER_LITRE_PER_MPG
    return cars


def load_study_hours() -> pd.DataFrame:
    """Twenty students: ``hours`` studied and whether they ``passed`` (illustrative).

    >>> study = load_study_hours()
    >>> len(study), int(study["passed"].sum())
    (20, 10)
    """
    return _read("study_hours.csv").copy()


def load_five_points() -> pd.DataFrame:
    """Chapter 4's five illustrative points: ``x`` hours studied, ``y`` score out of 10.

    >>> load_five_points()
       x  y
    0  1  2
    1  2  4
    2  3  5
    3  4  4
    4  5  6
    """
    return pd.DataFrame({"x": [1, 2, 3, 4, 5], "y": [2, 4, 5, 4, 6]})


def inches_to_cm(inches) -> np.ndarray | float:
    """Convert inches to centimetres (1 in = 2.54 cm).

    >>> inches_to_cm(70)
    177.8
    >>> inches_to_cm([60, 72]).round(1)
    array([152.4, 182.9])
    """
    _check_inches(inches)
    if np.ndim(inches) == 0:
        return float(as_floats([inches], "inches")[0] * CM_PER_INCH)
    return as_floats(inches, "inches") * CM_PER_INCH


def load_digits() -> pd.DataFrame:
    """The 1,797 UCI handwritten digits: 64 pixel counts ``pixel_<row>_<col>`` (0–16) and ``digit``.

    Each image is 8×8: a 32×32 scan cut into 4×4 blocks, each pixel counting
    the ink in its block (CC BY 4.0, see the data card).

    >>> digits = load_digits()
    >>> digits.shape, int(digits["digit"].nunique()), int(digits.iloc[:, :64].to_numpy().max())
    ((1797, 65), 10, 16)
    """
    return _read("digits.csv").copy()
