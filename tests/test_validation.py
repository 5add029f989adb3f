"""Bad input gets a clear ValueError/TypeError naming what was wrong -- never a silent NaN."""

import numpy as np
import pytest

from lessons import data, gradient_descent as gd, neuron, ols, propagation as prop, stats

nan = float("nan")

CASES = [
    # (call, exception, words the message must contain)
    (lambda: stats.mean([]), ValueError, "at least 1"),
    (lambda: stats.mean([1.0, nan]), ValueError, "NaN"),
    (lambda: stats.mean(["a", "b"]), TypeError, "numbers"),
    (lambda: stats.mean("12"), TypeError, "string"),
    (lambda: stats.variance([1.0]), ValueError, "at least 2"),
    (lambda: stats.variance([1.0, 2.0], ddof=-1), ValueError, "ddof"),
    (lambda: stats.normal_pdf(0.0, 0.0, 0.0), ValueError, "sigma"),
    (lambda: stats.normal_pdf(0.0, 0.0, -1.0), ValueError, "sigma"),
    (lambda: stats.sample_means([1.0], 0, 10, seed=1), ValueError, "sample_size"),
    (lambda: stats.sample_means([1.0], 2, 10, seed=-1), ValueError, "seed"),
    (lambda: stats.sample_means([1.0], 2, 10, seed=None), TypeError, "seed"),
    (lambda: stats.correlation([1, 1, 1], [1, 2, 3]), ValueError, "constant"),
    (lambda: ols.fit_line([1, 2, 3], [1, 2]), ValueError, "same length"),
    (lambda: ols.fit_line([2, 2, 2], [1, 2, 3]), ValueError, "two different x"),
    (lambda: ols.fit_line([1, np.inf], [1, 2]), ValueError, "infinite"),
    (lambda: ols.predict([1, 2], slope="2", intercept=0), TypeError, "slope"),
    (lambda: ols.predict([1, 2], slope=nan, intercept=0), ValueError, "slope"),
    (lambda: ols.residuals([[1, 2]], [1], 1, 0), ValueError, "1-dimensional"),
    (lambda: neuron.sigmoid(nan), ValueError, "NaN"),
    (lambda: neuron.neuron([[1.0, 2.0]], [1.0], 0.0), ValueError, "weight"),
    (lambda: neuron.neuron(1.0, 1.0, 0.0, activation="relu"), TypeError, "activation"),
    (lambda: neuron.layer([[1.0]], [[1.0, 2.0]], [0.0]), ValueError, "b has 1"),
    (lambda: neuron.fit_neuron([1, 2], [0, 2]), ValueError, "only 0"),
    (
        lambda: gd.fit_line_gd([1, 2], [1, 2], learning_rate=0, steps=10),
        ValueError,
        "learning_rate",
    ),
    (
        lambda: gd.fit_line_gd([1, 2], [1, 2], learning_rate=-0.1, steps=10),
        ValueError,
        "learning_rate",
    ),
    (lambda: gd.fit_line_gd([1, 2], [1, 2], learning_rate=0.1, steps=0), ValueError, "steps"),
    (lambda: gd.fit_line_gd([1, 2], [1, 2], learning_rate=0.1, steps=2.5), TypeError, "steps"),
    (
        lambda: gd.fit_line_gd([1, 2], [1, 2], 0.1, 5, on_divergence="ignore"),
        ValueError,
        "on_divergence",
    ),
    (lambda: gd.mse([1, 2], [1, 2, 3], 0, 0), ValueError, "same length"),
    (lambda: prop.init_network((1, 0, 1), seed=0), ValueError, "hidden"),
    (lambda: prop.init_network((1, 2), seed=0), ValueError, "sizes"),
    (lambda: prop.forward(prop.init_network((2, 2, 1), 0), [[1.0]]), ValueError, "input"),
    (
        lambda: prop.train(prop.init_network((1, 2, 1), 0), [[1.0]], [[1.0]], 0.0, 5),
        ValueError,
        "learning_rate",
    ),
    (lambda: prop.numerical_gradient(lambda p: 0.0, {"a": np.zeros(1)}, eps=0), ValueError, "eps"),
    (lambda: data.inches_to_cm("70"), TypeError, "numbers"),
]


@pytest.mark.parametrize(
    "call, error, words", CASES, ids=[c[2] + str(i) for i, c in enumerate(CASES)]
)
def test_bad_input_is_reported_clearly(call, error, words):
    with pytest.raises(error, match=words):
        call()
