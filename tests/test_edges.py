"""Every public lesson function keeps its promise on any finite double (issue 17).

Hypothesis feeds each function numbers from the whole range of doubles (1e-320
to 1e308, both signs, zero) and the structural mistakes a reader makes (empty,
NaN, strings, booleans, ragged lists, mismatched lengths, broken networks). Every
call must end in one of two ways:

- a finite result that agrees with an exact reference (``fractions``/``decimal``,
  in ``edge_matrix.py``), within what double rounding allows, or
- a ``ValueError``/``TypeError`` whose message names one of the arguments.

No warning (pytest turns them into errors), no inf/NaN, no other exception.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import edge_matrix as em
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from lessons import data, gradient_descent as gd, neuron, ols, propagation as prop, stats

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

finite = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, allow_infinity=False)
bad_data = st.sampled_from(list(em.DATA_BAD.values()) + [[[1.0], [2.0]], np.array([True, False])])
data_lists = st.lists(finite, min_size=0, max_size=6)
any_data = st.one_of(
    data_lists, data_lists.map(np.array), bad_data, st.sampled_from(list(em.DATA_EXTREME.values()))
)
bad_scalar = st.sampled_from([float("nan"), float("inf"), None, "2", True, np.bool_(False), [1.0]])
scalar = st.one_of(finite, finite, bad_scalar)


def pairs(min_size: int = 0):
    """Paired data (x, y) of one length, sometimes of two lengths, sometimes broken."""
    same = st.lists(st.tuples(finite, finite), min_size=min_size, max_size=6).map(
        lambda p: ([a for a, _ in p], [b for _, b in p])
    )
    return st.one_of(
        same, same, same, st.tuples(data_lists, data_lists), st.tuples(any_data, any_data)
    )


def outcome(call, names, reference=None, rel: float = 1e-9, scale=None):
    """Run ``call``; return its result if finite and correct, None if it raised clearly."""
    try:
        result = call()
    except (ValueError, TypeError) as error:
        message = str(error)
        named = [n for n in names if re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", message)]
        assert named, f"{type(error).__name__}({message!r}) names none of {names}"
        return None
    numbers = em._numbers(result)
    assert all(math.isfinite(v) for v in numbers), f"inf/NaN returned: {result!r}"
    if callable(reference):
        try:
            expected = reference()
        except em.NoFiniteAnswer:
            pytest.fail(f"a finite result {result!r} where none exists")
        if callable(scale):
            scale = scale()
        assert em.close(em._reference_values(result), expected, rel=rel, scale=scale), (
            f"{result!r} disagrees with the exact reference "
            f"{[format(em.D(v) if isinstance(v, Fraction) else v, '.6e') for v in expected]}"
        )
    return result


def fmax(*values) -> float:
    """Largest magnitude among numbers and arrays, as a float (inf if it overflows)."""
    with np.errstate(over="ignore"):
        return max(
            (float(np.max(np.abs(np.asarray(v, dtype=float)))) if np.size(v) else 0.0)
            for v in values
        )


def spread_ok(values) -> bool:
    """Are the values spread enough (relative to their size) for r, z-scores and slopes to be
    well conditioned? Nearly equal doubles lose their differences to rounding in any code."""
    x = np.asarray(values, dtype=float)
    return x.size >= 2 and np.ptp(x / 2) > 0.5e-6 * np.max(np.abs(x))


def numeric(values) -> bool:
    """Is this a valid 1-D array of doubles (the case where a reference applies)?"""
    if isinstance(values, np.ndarray):
        return values.dtype == float and values.ndim == 1 and bool(np.isfinite(values).all())
    return isinstance(values, list) and all(type(v) is float and math.isfinite(v) for v in values)


# --- stats -----------------------------------------------------------------------------------


@SETTINGS
@given(any_data)
def test_stats_one_sample(values):
    ok = numeric(values) and len(values) > 0
    big = fmax(values) if ok else 0.0
    outcome(lambda: stats.mean(values), ["values"], ok and (lambda: em.ref_mean(values)), scale=big)
    outcome(lambda: stats.median(values), ["values"], ok and (lambda: em.ref_median(values)))
    ok2 = ok and len(values) >= 2
    outcome(
        lambda: stats.variance(values),
        ["values", "ddof"],
        ok2 and (lambda: em.ref_variance(values)),
        scale=Fraction(big) ** 2 if ok2 else None,
    )
    outcome(
        lambda: stats.std(values),
        ["values", "ddof"],
        ok2 and (lambda: em.ref_std(values)),
        scale=big,
    )
    outcome(
        lambda: stats.describe(values),
        ["values"],
        ok2 and (lambda: em.ref_describe(values)),
        scale=big,
    )
    z = outcome(
        lambda: stats.standardise(values),
        ["values"],
        ok2 and spread_ok(values) and (lambda: em.ref_standardise(values)),
        scale=1.0,
        rel=1e-6,
    )
    if z is not None:
        assert np.all(np.abs(z) <= len(values))
    outcome(
        lambda: stats.sample_means(values, 3, 4, seed=1),
        ["values", "sample_size", "n_samples", "seed"],
    )
    outcome(
        lambda: data.inches_to_cm(values), ["inches"], ok and (lambda: em.ref_inches_to_cm(values))
    )


@SETTINGS
@given(pairs(), st.one_of(st.just(1), st.sampled_from([0, 2, 1.0, True, -1, "1", None])))
def test_stats_pairs_and_ddof(xy, ddof):
    x, y = xy
    ok = numeric(x) and numeric(y) and len(x) == len(y) >= 2 and spread_ok(x) and spread_ok(y)
    r = outcome(
        lambda: stats.correlation(x, y),
        ["x", "y"],
        ok and (lambda: em.ref_correlation(x, y)),
        rel=1e-6,
        scale=1.0,
    )
    if r is not None:
        assert -1.0 <= r <= 1.0
    outcome(lambda: stats.variance(x, ddof=ddof), ["values", "ddof"])


@SETTINGS
@given(any_data, scalar, scalar)
def test_normal_pdf(x, mu, sigma):
    ok = (
        numeric(x)
        and len(x) > 0
        and isinstance(mu, float)
        and isinstance(sigma, float)
        and sigma > 0
    )
    density = outcome(
        lambda: stats.normal_pdf(x, mu, sigma),
        ["x", "mu", "sigma"],
        ok and (lambda: em.ref_normal_pdf(x, mu, sigma)),
        rel=1e-9,
    )
    if density is not None:
        assert np.all(density >= 0)


# --- ols and gradient descent ------------------------------------------------------------------


def _residual_scale(x, y, a, b) -> Fraction | None:
    """The rounding a residual y − (a·x + b) may carry: its terms' size.

    Exact (a Fraction): in doubles, 2**1023 + 2**1023 is already inf, and an inf
    scale would demand an exact answer from arithmetic that must round.
    """
    terms = (fmax(y), a, fmax(x), b)
    if not all(math.isfinite(t) for t in terms):
        return None  # nothing finite to compare with: the answer must be exact (or an error)
    return Fraction(fmax(y)) + abs(Fraction(a)) * Fraction(fmax(x)) + abs(Fraction(b))


@SETTINGS
@given(pairs(), scalar, scalar)
def test_line_functions(xy, a, b):
    x, y = xy
    names = ["x", "y", "slope", "intercept", "slopes", "intercepts", "w", "b", "ws", "bs"]
    ok = (
        numeric(x)
        and numeric(y)
        and len(x) == len(y) > 0
        and all(isinstance(v, float) for v in (a, b))
    )
    s = _residual_scale(x, y, a, b) if ok else None
    n = max(len(x), 1) if ok else 1
    outcome(
        lambda: ols.predict(x, a, b),
        names,
        ok and (lambda: em.ref_predict(x, a, b)),
        scale=abs(a) * fmax(x) + abs(b) if ok else None,
    )
    outcome(
        lambda: ols.residuals(x, y, a, b),
        names,
        ok and (lambda: em.ref_residuals(x, y, a, b)),
        scale=s,
    )
    square = n * s**2 if s is not None else None
    outcome(
        lambda: ols.sum_squared_errors(x, y, a, b),
        names,
        ok and (lambda: em.ref_sse(x, y, a, b)),
        scale=square,
    )
    outcome(
        lambda: gd.mse(x, y, a, b),
        names,
        ok and (lambda: em.ref_mse(x, y, a, b)),
        scale=square and square / n,
    )
    outcome(
        lambda: gd.mse_gradients(x, y, a, b),
        names,
        ok and (lambda: em.ref_mse_gradients(x, y, a, b)),
        scale=(Fraction(fmax(x)) + 1) * s if s is not None else None,
    )
    outcome(
        lambda: ols.loss_along_slope(x, y, [a, 0.0], b),
        names,
        ok and (lambda: em.ref_loss_along_slope(x, y, [a, 0.0], b)),
        scale=square,
    )
    outcome(
        lambda: ols.loss_along_intercept(x, y, a, [b]),
        names,
        ok and (lambda: em.ref_loss_along_intercept(x, y, a, [b])),
        scale=square,
    )
    outcome(
        lambda: gd.loss_surface(x, y, [a], [b]),
        names,
        ok and (lambda: em.ref_loss_surface(x, y, [a], [b])),
        scale=square and square / n,
    )


@SETTINGS
@given(pairs(min_size=2))
def test_fit_line(xy):
    x, y = xy
    ok = numeric(x) and numeric(y) and len(x) == len(y) and spread_ok(x)

    def scales():
        slope = float(abs(em.D(em.ref_fit_line(x, y)[0])))
        with np.errstate(over="ignore"):
            return [2 * fmax(y) / np.ptp(np.asarray(x) / 2) + slope, slope * fmax(x) + fmax(y)]

    outcome(
        lambda: ols.fit_line(x, y),
        ["x", "y"],
        ok and (lambda: em.ref_fit_line(x, y)),
        rel=1e-6,
        scale=scales if ok else None,
    )


@settings(max_examples=60, deadline=None)
@given(pairs(), st.one_of(finite, bad_scalar), st.sampled_from([1, 5, 30, 0, 2.5, 10**12, None]))
def test_trainers(xy, rate, steps):
    x, y = xy
    names = ["x", "y", "learning_rate", "steps", "w0", "b0"]
    for mode in ("raise", "stop"):
        result = outcome(
            lambda mode=mode: gd.fit_line_gd(x, y, rate, steps, on_divergence=mode), names
        )
        if result is not None and not result.diverged:
            assert len(result.history) == steps + 1
    labels = [v % 2 for v in range(len(x))] if hasattr(x, "__len__") else [0, 1]
    outcome(lambda: neuron.fit_neuron(x, labels, rate, steps), names)
    outcome(
        lambda: prop.train(prop.init_network((1, 2, 1), 0), x, y, rate, steps), names + ["params"]
    )


def test_divergence_is_one_policy():
    """Every trainer raises the same DivergenceError naming the step and the learning rate."""
    x = np.linspace(-1, 1, 20)
    y = 2 * x + 1
    study = data.load_study_hours()  # not separable: a huge step cannot fit it perfectly
    errors = []
    for call in (
        lambda: gd.fit_line_gd(x, y, 5.0, 200),
        lambda: neuron.fit_neuron(study["hours"], study["passed"], 1e6, 200),
        lambda: prop.train(prop.init_network((1, 3, 1), 0), x, y, 50.0, 200),
    ):
        with pytest.raises(gd.DivergenceError) as caught:
            call()
        errors.append(str(caught.value))
    for message in errors:
        assert re.search(r"diverged at step \d+ with learning_rate=", message)
        assert "try a smaller learning rate" in message
    assert issubclass(gd.DivergenceError, ValueError)
    assert gd.DivergenceError is prop.DivergenceWatch(1.0, 1.0, "t").error(1, 2e6).__class__


def test_stopped_run_and_error_count_steps_the_same_way():
    x = np.linspace(-1, 1, 20) * 3
    y = 2 * x + 1
    stopped = gd.fit_line_gd(x, y, 0.4, 200, on_divergence="stop")
    with pytest.raises(gd.DivergenceError, match=r"diverged at step (\d+)") as caught:
        gd.fit_line_gd(x, y, 0.4, 200)
    k = int(re.search(r"step (\d+)", str(caught.value)).group(1))
    assert stopped.diverged and stopped.history["step"].iloc[-1] == k - 1
    assert f"steps 0-{k - 1}" in str(caught.value)
    # independently: the loss after update k, by hand, is past the limit; after k − 1 it is not
    w = b = 0.0
    first = np.mean(y**2)
    for step in range(1, k + 1):
        error = y - (w * x + b)
        w, b = w + 0.4 * 2 * np.mean(x * error), b + 0.4 * 2 * np.mean(error)
        loss = np.mean((y - (w * x + b)) ** 2)
        assert (loss > gd.DIVERGENCE_FACTOR * first) == (step == k)


def test_data_not_learning_rate_is_blamed_for_an_overflowing_start():
    with pytest.raises(ValueError, match="cause is the data") as caught:
        gd.fit_line_gd([1e200, 2e200], [1e200, 3e200], 1e-3, 10)
    assert not isinstance(caught.value, gd.DivergenceError)


# --- the neuron --------------------------------------------------------------------------------


@SETTINGS
@given(any_data, scalar, scalar, st.sampled_from([0, 1]))
def test_neuron_functions(x, w, b, flip):
    names = ["x", "w", "b", "z", "y", "W", "activation"]
    ok = numeric(x) and len(x) > 0
    s = outcome(lambda: neuron.sigmoid(x), names, ok and (lambda: em.ref_sigmoid(x)))
    if s is not None:
        assert np.all((0 <= s) & (s <= 1))
    outcome(lambda: neuron.sigmoid_derivative(x), names)
    outcome(lambda: neuron.identity(x), names, ok and (lambda: em.F(x)))
    outcome(lambda: neuron.neuron(x, w, b), names)
    outcome(
        lambda: neuron.neuron(x, w, b, activation=neuron.identity),
        names,
        ok and isinstance(w, float) and isinstance(b, float) and (lambda: em.ref_predict(x, w, b)),
        scale=abs(w) * fmax(x) + abs(b)
        if ok and isinstance(w, float) and isinstance(b, float)
        else None,
    )
    outcome(lambda: neuron.layer([x], [[w]] * (len(x) if hasattr(x, "__len__") else 1), [b]), names)
    labels = [(i + flip) % 2 for i in range(len(x))] if hasattr(x, "__len__") else [0, 1]
    ok2 = ok and isinstance(w, float) and isinstance(b, float)
    outcome(
        lambda: neuron.log_loss(x, labels, w, b),
        names,
        ok2 and (lambda: em.ref_log_loss(x, labels, w, b)),
        scale=(abs(w) * fmax(x) + abs(b)) * 1e-6 if ok2 else None,
    )


# --- propagation -------------------------------------------------------------------------------


def networks():
    shaped = st.tuples(st.integers(1, 2), st.integers(1, 3), st.integers(1, 2)).flatmap(
        lambda s: st.fixed_dictionaries(
            {
                "W1": st.lists(
                    st.lists(finite, min_size=s[1], max_size=s[1]), min_size=s[0], max_size=s[0]
                ),
                "b1": st.lists(finite, min_size=s[1], max_size=s[1]),
                "W2": st.lists(
                    st.lists(finite, min_size=s[2], max_size=s[2]), min_size=s[1], max_size=s[1]
                ),
                "b2": st.lists(finite, min_size=s[2], max_size=s[2]),
            }
        ).map(lambda p: {k: np.array(v, dtype=float) for k, v in p.items()})
    )
    good = prop.init_network((1, 2, 1), 0)
    broken = st.sampled_from(
        [
            {},
            None,
            5,
            [good],
            {k: v for k, v in good.items() if k != "b2"},
            {**good, "W2": np.ones((3, 1))},
            {**good, "W1": np.array([[np.nan, 1.0]])},
            {**good, "b1": np.array(["a", "b"])},
            {**good, "extra": np.zeros(1)},
            {k: v.tolist() for k, v in good.items()},
        ]
    )
    return st.one_of(shaped, shaped, broken)


@SETTINGS
@given(
    networks(),
    st.one_of(st.lists(st.lists(finite, min_size=1, max_size=1), min_size=1, max_size=4), any_data),
)
def test_network_functions(params, x):
    names = ["params", "x", "y", "y_hat", "cache", "snapshots"]
    result = outcome(lambda: prop.forward(params, x), names)
    if result is not None:
        y_hat, cache = result
        y = np.zeros_like(y_hat)
        outcome(lambda: prop.loss(y_hat, y), names)
        outcome(lambda: prop.backward(params, cache, y), names)
        outcome(lambda: prop.backward(params, {"x": cache["x"]}, y), names)
    outcome(lambda: prop.snapshot_curves({0: params}, x), names)
    outcome(lambda: prop.relative_error(params, params), names + ["a"])
    outcome(lambda: prop.train(params, x, x, 0.1, 3), names + ["learning_rate", "steps"])


@SETTINGS
@given(
    st.lists(moderate, min_size=1, max_size=4),
    st.lists(st.floats(-10, 10), min_size=4, max_size=4),
    st.one_of(st.floats(1e-12, 1.0), finite, bad_scalar),
)
def test_numerical_gradient(a, c, eps):
    c = np.array(c[: len(a)])
    params = {"a": np.array(a)}

    def f(p):
        return float(np.sum(p["a"] * c))

    grad = outcome(lambda: prop.numerical_gradient(f, params, eps), ["eps", "f", "params"])
    if grad is not None:
        assert np.allclose(grad["a"], c, rtol=1e-5, atol=1e-5 * np.max(np.abs(c)) + 1e-12)


@SETTINGS
@given(st.lists(finite, min_size=1, max_size=4), st.lists(finite, min_size=1, max_size=4))
def test_relative_error(u, v):
    a, b = {"w": np.array(u)}, {"w": np.array(v)}
    same = len(u) == len(v)
    r = outcome(
        lambda: prop.relative_error(a, b),
        ["a", "b"],
        same and (lambda: em.ref_relative_error(a, b)),
        scale=1.0,
    )
    if r is not None:
        assert 0.0 <= r <= 1.0 + 1e-12


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: prop.relative_error({"w": np.ones((2, 3))}, {"w": np.ones((3, 2))}), "shape"),
        (lambda: prop.relative_error({"w": np.ones(1)}, {"v": np.ones(1)}), "different parameters"),
        (lambda: prop.forward({}, [[1.0]]), "missing W1"),
        (
            lambda: prop.forward(
                {**prop.init_network((1, 2, 1), 0), "W2": np.ones((3, 1))}, [[1.0]]
            ),
            r"params\['W2'\] must have shape \(2, outputs\)",
        ),
        (
            lambda: prop.forward(
                {**prop.init_network((1, 2, 1), 0), "W1": np.array([[np.nan, 1.0]])}, [[1.0]]
            ),
            r"params\['W1'\] contains NaN",
        ),
        (
            lambda: prop.train(
                {**prop.init_network((1, 2, 1), 0), "b1": np.array([np.nan, 0])},
                [1.0],
                [1.0],
                0.1,
                5,
            ),
            r"params\['b1'\]",
        ),
        (lambda: prop.init_network(None, 0), "sizes"),
        (lambda: prop.init_network((1, 10**5, 10**5), 0), "MAX_VALUES"),
        (
            lambda: prop.numerical_gradient(lambda p: 0.0, {"a": np.zeros(1)}, eps=1e-320),
            "EPS_RANGE",
        ),
        (
            lambda: prop.numerical_gradient(lambda p: 0.0, {"a": np.zeros(1)}, eps=1e308),
            "EPS_RANGE",
        ),
        (lambda: prop.numerical_gradient(lambda p: 0.0, {"a": np.array([1e20])}), "eps"),
        (lambda: gd.fit_line_gd([1.0, 2.0], [1.0, 2.0], 0.1, 10**12), "steps"),
        (lambda: stats.sample_means([1.0], 10**6, 10**6, seed=0), "MAX_VALUES"),
        (lambda: stats.mean([True, False]), "boolean"),
        (lambda: stats.mean(np.array([True, False])), "boolean"),
        (lambda: stats.variance([1.0, 2.0], ddof=1.0), "ddof must be a whole number"),
        (
            lambda: ols.residuals(
                pd.Series([1.0, 2.0], index=[0, 1]), pd.Series([1.0, 2.0], index=[1, 0]), 1, 0
            ),
            "different indexes",
        ),
        (lambda: stats.normal_pdf(0.0, 0.0, 1e-320), "sigma"),
        (lambda: stats.variance([1e200, 2e200]), "too large"),
        (lambda: stats.variance([0.0, 1e-170]), "too small"),
    ],
)
def test_structural_mistakes_are_named(call, words):
    with pytest.raises((ValueError, TypeError), match=words):
        call()


def test_series_with_the_same_index_pair_by_position():
    x = pd.Series([1.0, 2.0, 3.0], index=[5, 6, 7])
    y = pd.Series([2.0, 4.0, 7.0], index=[5, 6, 7])
    assert ols.residuals(x, y, 2.0, 0.0).tolist() == [0.0, 0.0, 1.0]


def test_the_issues_examples_now_give_right_answers():
    assert stats.mean([1e308, 1e308]) == 1e308
    assert stats.std([0, 2.68e154]) == pytest.approx(2.68e154 / math.sqrt(2), rel=1e-15)
    assert stats.standardise([1, 2, 1e308]).tolist() == pytest.approx(
        [-1 / math.sqrt(3)] * 2 + [2 / math.sqrt(3)]
    )
    assert stats.correlation([1e200, 2e200, 3e200], [1e200, 2e200, 3e200]) == pytest.approx(1.0)
    assert ols.fit_line([1e200, 2e200, 3e200], [1.0, 2.0, 3.0]).slope == pytest.approx(
        1e-200, rel=1e-12
    )
    assert stats.std([1e-170, 2e-170, 3e-170]) == pytest.approx(1e-170, rel=1e-12)
    assert stats.normal_pdf(1e200, 0.0, 1e200) == pytest.approx(
        math.exp(-0.5) / (1e200 * math.sqrt(2 * math.pi))
    )
    assert neuron.log_loss([1.0, 2.0], [0, 1], 1e308, 0.0) == pytest.approx(0.5e308)
    exact = Fraction(1e200) * Fraction(254, 100)
    assert data.inches_to_cm(1e200) == pytest.approx(float(exact), rel=1e-15)


@pytest.mark.parametrize(
    "call",
    [
        lambda: stats.mean([True, False]),
        lambda: stats.mean(np.array([True, False])),
        lambda: stats.mean(pd.Series([True, False])),
        lambda: stats.mean([1.0, True]),
        lambda: ols.predict([1.0], slope=True, intercept=0.0),
        lambda: stats.normal_pdf(True, 0.0, 1.0),
        lambda: stats.variance([1.0, 2.0], ddof=True),
        lambda: gd.fit_line_gd([1.0, 2.0], [1.0, 2.0], 0.1, True),
        lambda: neuron.fit_neuron([1.0, 2.0], [False, True]),
    ],
)
def test_booleans_are_refused_as_scalars_and_in_arrays(call):
    with pytest.raises(TypeError, match="boolean"):
        call()
