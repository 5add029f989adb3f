"""The two-hidden-layer classifier against independent references.

Every backward pass against finite differences; the confusion matrix and
accuracy against scikit-learn's; the training accuracy against scikit-learn's
MLPClassifier on the same split (a sanity check: a plain NumPy network of the
same shape should be in the same league).
"""

import warnings

import numpy as np
import pytest
import sklearn.metrics
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from lessons import classifier as clf, data, propagation as prop
from lessons.gradient_descent import DivergenceError

SIZES = (64, 12, 8, 10)


@pytest.fixture(scope="module")
def digits():
    frame = data.load_digits()
    x = clf.scale_pixels(frame.filter(like="pixel"))
    return x, frame["digit"].to_numpy()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_matches_finite_differences(digits, seed):
    x, y = digits
    rng = np.random.default_rng(seed)
    rows = rng.choice(len(x), 15, replace=False)
    params = clf.init_network(SIZES, seed=seed)
    params = {
        name: value + rng.normal(scale=0.05, size=value.shape) for name, value in params.items()
    }
    _, cache = clf.forward(params, x[rows])
    analytic = clf.backward(params, cache, y[rows])
    numeric = prop.numerical_gradient(lambda p: clf.loss(p, x[rows], y[rows]), params)
    assert prop.relative_error(analytic, numeric) < 1e-7


def test_forward_matches_a_plain_reimplementation(digits):
    x, _ = digits
    params = clf.init_network(SIZES, seed=4)
    h = x[:9]
    for layer in (1, 2, 3):
        z = np.einsum("ni,ij->nj", h, params[f"W{layer}"]) + params[f"b{layer}"]
        h = (
            np.where(z > 0, z, 0.0)
            if layer < 3
            else np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        )
    np.testing.assert_allclose(clf.forward(params, x[:9])[0], h, rtol=1e-12)


def test_accuracy_and_confusion_matrix_match_scikit_learn():
    rng = np.random.default_rng(5)
    right, answer = rng.integers(0, 10, 200), rng.integers(0, 10, 200)
    np.testing.assert_array_equal(
        clf.confusion_matrix(right, answer),
        sklearn.metrics.confusion_matrix(right, answer, labels=range(10)),
    )
    assert clf.accuracy(answer, right) == pytest.approx(
        sklearn.metrics.accuracy_score(right, answer)
    )


def test_split_is_a_seeded_partition():
    parts = clf.split(1797, validation=0.2, test=0.2, seed=0)
    everything = np.concatenate(parts)
    assert sorted(everything.tolist()) == list(range(1797))
    assert [len(p) for p in parts] == [1079, 359, 359]
    again = clf.split(1797, validation=0.2, test=0.2, seed=0)
    assert all(np.array_equal(a, b) for a, b in zip(parts, again))
    assert not np.array_equal(clf.split(1797, seed=1).test, parts.test)


def test_minibatches_cover_every_row_once():
    batches = list(clf.minibatches(103, 10, np.random.default_rng(0)))
    assert [len(b) for b in batches] == [10] * 10 + [3]
    assert sorted(np.concatenate(batches).tolist()) == list(range(103))


def test_downsample_counts_each_block():
    rng = np.random.default_rng(0)
    bitmap = (rng.random((32, 32)) < 0.3).astype(float)
    counts = clf.downsample(bitmap)
    for index in range(64):
        r, c = divmod(index, 8)
        assert counts[index] == bitmap[4 * r : 4 * r + 4, 4 * c : 4 * c + 4].sum()


def test_training_is_deterministic_and_does_not_touch_its_input(digits):
    x, y = digits
    start = clf.init_network(SIZES, seed=0)
    copy = {name: value.copy() for name, value in start.items()}
    one = clf.train(start, x[:300], y[:300], epochs=3, batch_size=16, learning_rate=0.1, seed=2)
    two = clf.train(start, x[:300], y[:300], epochs=3, batch_size=16, learning_rate=0.1, seed=2)
    assert all(np.array_equal(start[name], copy[name]) for name in start)
    assert all(np.array_equal(one.params[name], two.params[name]) for name in start)
    assert one.history.equals(two.history)


def test_train_and_history_agree(digits):
    x, y = digits
    result = clf.train(
        clf.init_network(SIZES, seed=0),
        x[:200],
        y[:200],
        epochs=2,
        batch_size=20,
        learning_rate=0.1,
        seed=0,
        validation=(x[200:300], y[200:300]),
    )
    rebuilt = clf.history(
        [clf.init_network(SIZES, seed=0), result.params],
        (x[:200], y[:200]),
        (x[200:300], y[200:300]),
    )
    columns = ["train_loss", "train_accuracy", "validation_loss", "validation_accuracy"]
    np.testing.assert_allclose(
        rebuilt[columns].to_numpy(), result.history[columns].iloc[[0, -1]].to_numpy()
    )


def test_accuracy_is_in_the_league_of_scikit_learn(digits):
    """Same split, same hidden layers, plain mini-batch SGD on both sides: within a few points."""
    x, y = digits
    parts = clf.split(len(x), seed=0)
    ours = clf.train(
        clf.init_network((64, 32, 16, 10), seed=0),
        x[parts.train],
        y[parts.train],
        epochs=40,
        batch_size=32,
        learning_rate=0.1,
        seed=1,
    )
    our_accuracy = clf.accuracy(clf.predict(ours.params, x[parts.test]), y[parts.test])
    reference = MLPClassifier(
        hidden_layer_sizes=(32, 16),
        activation="relu",
        solver="sgd",
        learning_rate_init=0.1,
        momentum=0.0,
        batch_size=32,
        max_iter=40,
        alpha=0.0,
        random_state=0,
        n_iter_no_change=1000,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        reference.fit(x[parts.train], y[parts.train])
    their_accuracy = reference.score(x[parts.test], y[parts.test])
    assert our_accuracy > 0.9 and their_accuracy > 0.9
    assert abs(our_accuracy - their_accuracy) < 0.05, (our_accuracy, their_accuracy)


def test_export_and_import_keep_the_network(digits):
    x, y = digits
    params = clf.init_network((64, 32, 16, 10), seed=3)
    restored = clf.import_weights(clf.export_weights(params))
    for name in params:
        np.testing.assert_allclose(restored[name], params[name], rtol=1e-6, atol=0)
    assert np.abs(clf.forward(restored, x)[0] - clf.forward(params, x)[0]).max() < 1e-5


def test_a_blow_up_raises_divergence_error():
    params = clf.init_network(SIZES, seed=0)
    grads = {name: np.full_like(value, 1e308) for name, value in params.items()}
    with pytest.raises(DivergenceError, match="smaller learning rate"):
        clf.gradient_step(params, grads, learning_rate=10.0)


def test_the_digits_have_a_data_card():
    from importlib.resources import files

    card = files("lessons.datasets").joinpath("README.md").read_text(encoding="utf-8")
    section = card.split("## `digits.csv`", 1)[1]
    for word in ("**Source**", "**Licence**", "**Derivation**", "**Columns**", "CC BY 4.0"):
        assert word in section


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: clf.scale_pixels([[0] * 63]), ValueError, "64 pixels"),
        (lambda: clf.scale_pixels([[17] * 64]), ValueError, "between 0 and 16"),
        (lambda: clf.downsample(np.zeros((8, 8))), ValueError, "32×32"),
        (lambda: clf.downsample(np.full((32, 32), 2.0)), ValueError, "0 \\(off\\) or 1"),
        (lambda: clf.init_network((64, 10), seed=0), ValueError, "sizes"),
        (lambda: clf.init_network((64, 8, 8, 1), seed=0), ValueError, "at least 2 classes"),
        (lambda: clf.init_network((64, 8, 8, 10), seed=-1), ValueError, "seed"),
        (
            lambda: clf.forward(clf.init_network(SIZES, seed=0), np.zeros((2, 10))),
            ValueError,
            "64 columns",
        ),
        (
            lambda: clf.forward({"W1": np.zeros((2, 2))}, np.zeros((1, 2))),
            ValueError,
            "params must have",
        ),
        (lambda: clf.accuracy([1, 2], [1]), ValueError, "same length"),
        (lambda: clf.confusion_matrix([0, 12], [0, 1]), ValueError, "classes 0 to 9"),
        (lambda: clf.split(10, validation=0.5, test=0.5), ValueError, "leave some rows"),
        (lambda: clf.split(2), ValueError, "too few"),
        (lambda: list(clf.minibatches(10, 0, np.random.default_rng(0))), ValueError, "batch_size"),
        (lambda: list(clf.minibatches(10, 2, 0)), TypeError, "Generator"),
        (
            lambda: clf.gradient_step({"w": np.ones(1)}, {"w": np.ones(1)}, learning_rate=0),
            ValueError,
            "learning_rate",
        ),
        (
            lambda: clf.train(
                clf.init_network(SIZES, seed=0),
                np.zeros((3, 64)),
                [0, 1],
                epochs=1,
                batch_size=1,
                learning_rate=0.1,
                seed=0,
            ),
            ValueError,
            "same number of rows",
        ),
        (
            lambda: clf.train(
                clf.init_network(SIZES, seed=0),
                np.zeros((2, 64)),
                [0, 1],
                epochs=0,
                batch_size=1,
                learning_rate=0.1,
                seed=0,
            ),
            ValueError,
            "epochs",
        ),
        (lambda: clf.import_weights([1, 2]), TypeError, "export_weights"),
    ],
)
def test_bad_input_is_refused_clearly(call, error, words):
    with pytest.raises(error, match=words):
        call()
