"""The shipped data sets are what their data cards say, and still match their sources."""

import pytest

from lessons import data
from lessons.datasets import derive


@pytest.mark.parametrize("name", sorted(derive.DERIVED))
def test_shipped_csvs_match_their_sources(name):
    # what `python -m lessons.datasets.derive --check` does, in this process
    shipped = (derive.HERE / name).read_text(encoding="utf-8")
    assert shipped == derive.render(derive.DERIVED[name]()), (
        f"src/lessons/datasets/{name} differs from its source: "
        "run `.venv/bin/python -m lessons.datasets.derive` and review the change"
    )


def test_body_measurements_are_adults_with_both_measures():
    body = data.load_body_measurements()
    assert len(body) == 5175
    assert body["age"].min() >= 20
    assert body[["height_cm", "weight_kg"]].notna().all().all()
    assert set(body["sex"]) == {"female", "male"}


def test_loaders_return_fresh_copies():
    first = data.load_cars()
    first.loc[0, "Horsepower"] = -1
    assert data.load_cars().loc[0, "Horsepower"] != -1


def test_cars_and_galton_shapes():
    assert len(data.load_cars()) == 392
    galton = data.load_galton_families()
    assert len(galton) == 934
    assert galton["family"].iloc[0] == "001"


def test_every_data_set_has_a_data_card():
    from importlib.resources import files

    card = files("lessons.datasets").joinpath("README.md").read_text(encoding="utf-8")
    for name in ["nhanes_adults.csv", "galton_families.csv", "cars.csv", "study_hours.csv"]:
        assert f"`{name}`" in card
    for word in ["Source", "Licence", "Derivation", "Columns"]:
        assert card.count(f"**{word}**") >= 4
