"""lessons.augment: changed copies of the 8×8 digits for the digit pad's network (chapter 8)."""

import numpy as np
import pytest

from lessons import augment, data

DIGITS = data.load_digits()
IMAGES = DIGITS.filter(like="pixel").to_numpy()[:200]
LABELS = DIGITS["digit"].to_numpy()[:200]
PLAIN = {"rotation": 0, "width": 0, "stroke": 0}


def ink(images):
    return np.asarray(images).sum(axis=1).mean()


def test_same_seed_same_copies_and_another_seed_others():
    first = augment.augment(IMAGES, LABELS, copies=2, seed=5)
    again = augment.augment(IMAGES, LABELS, copies=2, seed=5)
    other = augment.augment(IMAGES, LABELS, copies=2, seed=6)
    assert np.array_equal(first[0], again[0]) and np.array_equal(first[1], again[1])
    assert not np.array_equal(first[0], other[0])


def test_copies_are_counts_with_their_labels_in_order():
    new, labels = augment.augment(IMAGES, LABELS, copies=3, seed=0)
    assert new.shape == (600, 64) and new.dtype.kind == "i"
    assert new.min() >= 0 and new.max() <= 16
    assert np.array_equal(labels, np.tile(LABELS, 3))


def test_without_changes_a_digit_comes_back_nearly_as_it_was():
    """Redrawn from its counts and counted again, a digit keeps its ink and its place."""
    same, _ = augment.augment(IMAGES, LABELS, copies=1, seed=0, **PLAIN)
    assert np.abs(same - IMAGES).mean() < 1.5  # counts 0–16: a block differs by ~1 pixel on average
    assert abs(ink(same) - ink(IMAGES)) < 0.05 * ink(IMAGES)
    assert np.corrcoef(same.ravel(), IMAGES.ravel())[0, 1] > 0.9


def test_thicker_and_thinner_strokes_add_and_remove_ink():
    """Each copy draws −1, 0 or +1 pixel of stroke: some copies carry more ink, some less."""
    plain = augment.augment(IMAGES, LABELS, copies=1, seed=0, **PLAIN)[0].sum(axis=1)
    copies, _ = augment.augment(IMAGES, LABELS, copies=4, seed=0, rotation=0, width=0, stroke=1)
    per_copy = copies.reshape(4, len(IMAGES), 64).sum(axis=2)
    more, less = (per_copy > plain * 1.15).mean(), (per_copy < plain * 0.85).mean()
    assert more > 0.2 and less > 0.2, (more, less)


def test_a_turned_bar_leans():
    """A vertical bar turned by up to 15 degrees is fitted back to full height, leaning."""
    bar = np.zeros((1, 64), int)
    bar[0, [3, 11, 19, 27, 35, 43, 51, 59]] = 16  # column 3, every row
    turned, _ = augment.augment(bar, [1], copies=20, seed=1, rotation=15, width=0, stroke=0)
    columns = turned.reshape(-1, 8, 8)
    top, bottom = columns[:, 0].argmax(axis=1), columns[:, 7].argmax(axis=1)
    assert (top != bottom).mean() > 0.5  # most copies lean one way or the other
    assert (columns.sum(axis=2) > 0).all()  # and still fill every row of the frame


@pytest.mark.parametrize(
    "change, error",
    [
        ({"images": np.zeros((2, 63))}, ValueError),
        ({"images": np.full((2, 64), 17)}, ValueError),
        ({"labels": [1]}, ValueError),
        ({"copies": 0}, ValueError),
        ({"rotation": 50}, ValueError),
        ({"width": -0.1}, ValueError),
        ({"stroke": 1.5}, ValueError),
        ({"stroke": True}, ValueError),
        ({"seed": "one"}, TypeError),
        ({"images": "digits"}, TypeError),
    ],
)
def test_bad_arguments_fail_clearly(change, error):
    arguments = {"images": np.zeros((2, 64)), "labels": [1, 2], "copies": 1, "seed": 0} | change
    with pytest.raises(error):
        augment.augment(**arguments)
