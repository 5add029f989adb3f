"""The edge-case matrix of issue 17: every public lesson function against bad and extreme input.

Run it as a script (``.venv/bin/python tests/edge_matrix.py``) to print how each
call ends, counted by outcome:

- ``ok``: a finite result that agrees with an exact reference (``fractions``/``decimal``);
- ``clear error``: a ValueError/TypeError whose message names one of the arguments;
- ``silent inf/NaN``: a result that contains inf or NaN;
- ``warned``: a finite result that came with a RuntimeWarning;
- ``raw error``: any other exception, or a ValueError/TypeError that names no argument;
- ``wrong``: a finite result that disagrees with the exact reference (or is given where no
  finite answer exists).

``tests/test_edges.py`` imports the exact references from here. The matrix is fixed (no
randomness) so two runs, before and after a change, count the same calls.
"""

from __future__ import annotations

import inspect
import math
import re
import signal
import sys
import warnings
from collections import Counter
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
import pandas as pd

nan, inf = float("nan"), float("inf")
MAX = sys.float_info.max
OVERFLOW = Decimal(2**1024 - 2**970)  # the smallest magnitude that rounds to inf


class NoFiniteAnswer(Exception):
    """The exact answer exists but no double can hold it (or it is undefined)."""


# --- exact references ---------------------------------------------------------------------


def F(values) -> list[Fraction]:
    return [Fraction(float(v)) for v in np.ravel(np.asarray(values, dtype=float))]


def D(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def ctx():
    return localcontext(prec=60, Emax=10**6, Emin=-(10**6))


def ref_mean(values):
    x = F(values)
    return [sum(x) / len(x)]


def ref_median(values):
    x = sorted(F(values))
    n = len(x)
    return [x[n // 2] if n % 2 else (x[n // 2 - 1] + x[n // 2]) / 2]


def ref_variance(values, ddof=1):
    x = F(values)
    m = sum(x) / len(x)
    return [sum((v - m) ** 2 for v in x) / (len(x) - ddof)]


def ref_std(values, ddof=1):
    with ctx():
        return [D(ref_variance(values, ddof)[0]).sqrt()]


def ref_correlation(x, y):
    x, y = F(x), F(y)
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        raise NoFiniteAnswer("constant")
    with ctx():
        return [D(sxy) / (D(sxx) * D(syy)).sqrt()]


def ref_standardise(values):
    x = F(values)
    m = sum(x) / len(x)
    var = sum((v - m) ** 2 for v in x) / (len(x) - 1)
    if var == 0:
        raise NoFiniteAnswer("constant")
    with ctx():
        s = D(var).sqrt()
        return [D(v - m) / s for v in x]


def ref_describe(values):
    x = F(values)
    return [
        Fraction(len(x)),
        ref_mean(values)[0],
        ref_median(values)[0],
        ref_std(values)[0],
        min(x),
        max(x),
    ]


def ref_predict(x, slope, intercept):
    a, b = Fraction(float(slope)), Fraction(float(intercept))
    return [a * v + b for v in F(x)]


def ref_residuals(x, y, slope, intercept):
    return [yv - p for yv, p in zip(F(y), ref_predict(x, slope, intercept))]


def ref_sse(x, y, slope, intercept):
    return [sum(r * r for r in ref_residuals(x, y, slope, intercept))]


def ref_mse(x, y, w, b):
    return [ref_sse(x, y, w, b)[0] / len(F(x))]


def ref_mse_gradients(x, y, w, b):
    xs, r = F(x), ref_residuals(x, y, w, b)
    n = len(xs)
    return [-2 * sum(a * e for a, e in zip(xs, r)) / n, -2 * sum(r) / n]


def ref_fit_line(x, y):
    xs, ys = F(x), F(y)
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((a - mx) ** 2 for a in xs)
    if sxx == 0:
        raise NoFiniteAnswer("all x equal")
    slope = sum((a - mx) * (b - my) for a, b in zip(xs, ys)) / sxx
    return [slope, my - slope * mx]


def ref_loss_along_slope(x, y, slopes, intercept):
    return [ref_sse(x, y, a, intercept)[0] for a in F(slopes)]


def ref_loss_along_intercept(x, y, slope, intercepts):
    return [ref_sse(x, y, slope, b)[0] for b in F(intercepts)]


def ref_loss_surface(x, y, ws, bs):
    out = []
    for w in F(ws):
        for b in F(bs):
            out += [w, b, ref_mse(x, y, w, b)[0]]
    return out


SQRT_2PI = Decimal("2.506628274631000502415765284811045253006986740609938316629923576")


def ref_normal_pdf(x, mu, sigma):
    m, s = Fraction(float(mu)), Fraction(float(sigma))
    with ctx():
        return [(-D((v - m) ** 2 / (2 * s * s))).exp() / (D(s) * SQRT_2PI) for v in F(x)]


def ref_inches_to_cm(inches):
    return [v * Fraction(254, 100) for v in F(inches)]


def _softplus(z: Decimal) -> Decimal:  # log(1 + e^z)
    if z > 0:
        return z + (1 + (-z).exp()).ln()
    return (1 + z.exp()).ln()


def ref_sigmoid(z):
    with ctx():
        return [1 / (1 + (-D(v)).exp()) if v >= 0 else D(v).exp() / (1 + D(v).exp()) for v in F(z)]


def ref_log_loss(x, y, w, b):
    wf, bf = Fraction(float(w)), Fraction(float(b))
    with ctx():
        terms = [
            _softplus(D(-(wf * a + bf))) if t == 1 else _softplus(D(wf * a + bf))
            for a, t in zip(F(x), F(y))
        ]
        return [sum(terms) / len(terms)]


def ref_relative_error(a, b):
    fa = [v for k in sorted(a) for v in F(a[k])]
    fb = [v for k in sorted(a) for v in F(b[k])]
    with ctx():
        na = D(sum(v * v for v in fa)).sqrt()
        nb = D(sum(v * v for v in fb)).sqrt()
        n_diff = D(sum((u - v) ** 2 for u, v in zip(fa, fb))).sqrt()
        return [n_diff / (na + nb) if na + nb else Decimal(0)]


def close(result, reference, rel: float = 1e-9, scale: float | None = None) -> bool:
    """Does every number of ``result`` agree with the exact ``reference``?

    A reference value beyond the largest double cannot be returned as a finite number.
    ``scale`` (a magnitude of the inputs) allows an absolute error of ``rel * scale``
    where cancellation makes a relative comparison meaningless.
    """
    got = _numbers(result)
    if len(got) != len(reference):
        return False
    scales = scale if isinstance(scale, list) else [scale] * len(got)
    with ctx():
        for g, r, scale in zip(got, reference, scales):
            r = D(r) if isinstance(r, Fraction) else Decimal(r)
            if abs(r) >= OVERFLOW:
                return False
            err = abs(Decimal(float(g)) - r)
            tol = Decimal(rel) * abs(r) + Decimal(5e-323)
            if scale is not None:
                tol += Decimal(rel) * (D(scale) if isinstance(scale, Fraction) else Decimal(scale))
            if err > tol:
                return False
    return True


# --- the matrix -----------------------------------------------------------------------------

DATA_BAD = {
    "empty": [],
    "nan": [1.0, nan],
    "inf": [1.0, inf],
    "strings": ["a", "b"],
    "string": "12",
    "none": None,
    "bools": [True, False, True],
    "mixed-bool": [True, 2.0, 3.0],
    "2d": [[1.0, 2.0], [3.0, 4.0]],
    "ragged": [[1.0], [1.0, 2.0]],
    "complex": [1 + 1j, 2.0],
    "one": [1.0],
}
DATA_EXTREME = {
    "huge-equal": [1e308, 1e308],
    "huge-mixed": [1e308, -1e308, 1.0],
    "big154": [0.0, 2.68e154],
    "outlier": [1.0, 2.0, 1e308],
    "e200": [1e200, 2e200, 3e200],
    "tiny170": [1e-170, 2e-170, 4e-170],
    "tiny200": [1e-200, 3e-200, 2e-200],
    "subnormal": [5e-324, 1e-323, 2e-323],
    "wide": [1e-300, 1.0, 1e300],
    "neg-huge": [-1.7e308, -1.6e308, -1.5e308],
}
SCALARS = {
    "nan": nan,
    "inf": inf,
    "none": None,
    "str": "2",
    "bool": True,
    "huge": 1e308,
    "neg-huge": -1e308,
    "subnormal": 1e-320,
    "zero": 0.0,
    "neg": -1.0,
    "e200": 1e200,
}
COUNTS = {
    "zero": 0,
    "neg": -1,
    "float": 2.5,
    "bool": True,
    "none": None,
    "str": "3",
    "too-many": 10**12,
}
SEEDS = {"neg": -1, "none": None, "float": 2.5, "bool": True}


def _partner(values):
    """A y to pair with x: same length, not constant, same order of magnitude where possible."""
    try:
        n = len(values)
    except TypeError:
        return [1.0, 2.0]
    return [float(i % 3 + 1) for i in range(n)] if n else []


def _cases():
    """Yield (label, call, reference, reference_kwargs_scale)."""
    from lessons import data, gradient_descent as gd, neuron, ols, propagation as prop, stats

    def add(label, fn, args, ref=None, scale=None):
        cases.append((label, fn, args, ref, scale))

    cases: list = []
    data_sets = {**DATA_BAD, **DATA_EXTREME}
    for key, v in data_sets.items():
        for name, fn, ref in [
            ("mean", stats.mean, ref_mean),
            ("median", stats.median, ref_median),
            ("variance", stats.variance, ref_variance),
            ("std", stats.std, ref_std),
            ("describe", stats.describe, ref_describe),
            ("standardise", stats.standardise, ref_standardise),
            ("inches_to_cm", data.inches_to_cm, ref_inches_to_cm),
            ("sigmoid", neuron.sigmoid, ref_sigmoid),
            ("sigmoid_derivative", neuron.sigmoid_derivative, None),
            ("identity", neuron.identity, lambda z: F(z)),
            ("sample_means", lambda values: stats.sample_means(values, 3, 4, seed=0), None),
        ]:
            scale = {"mean": _scale(v), "standardise": 1.0}.get(name)
            add(f"{name}({key})", fn, (v,), ref, scale)
        add(f"normal_pdf(x={key})", stats.normal_pdf, (v, 0.0, 1.0), ref_normal_pdf)
        y = _partner(v)
        for name, fn, ref, extra in [
            ("correlation", stats.correlation, ref_correlation, ()),
            ("fit_line", ols.fit_line, ref_fit_line, ()),
            ("residuals", ols.residuals, ref_residuals, (2.0, 1.0)),
            ("sum_squared_errors", ols.sum_squared_errors, ref_sse, (2.0, 1.0)),
            ("loss_along_slope", ols.loss_along_slope, ref_loss_along_slope, ([0.0, 1.0], 1.0)),
            (
                "loss_along_intercept",
                ols.loss_along_intercept,
                ref_loss_along_intercept,
                (1.0, [0.0, 1.0]),
            ),
            ("mse", gd.mse, ref_mse, (2.0, 1.0)),
            ("mse_gradients", gd.mse_gradients, ref_mse_gradients, (2.0, 1.0)),
            ("loss_surface", gd.loss_surface, ref_loss_surface, ([0.0, 1.0], [0.0, 1.0])),
            ("fit_line_gd", lambda x, y: gd.fit_line_gd(x, y, 0.01, 5), None, ()),
            ("log_loss", neuron.log_loss, None, (1.0, 0.0)),
        ]:
            scale = _scale(v) * 4 + _scale(y) if name in ("residuals", "mse_gradients") else None
            if name == "fit_line":
                scale = _line_scale
            add(f"{name}(x={key})", fn, (v, y, *extra), ref, scale)
            add(f"{name}(y={key})", fn, (y, v, *extra), ref, scale)
            add(
                f"{name}(x=y={key})",
                fn,
                (v, v[::-1] if isinstance(v, list) else v, *extra),
                ref,
                scale,
            )
        add(f"predict(x={key})", ols.predict, (v, 2.0, 1.0), ref_predict)
        add(f"neuron(x={key})", neuron.neuron, (v, 1.5, -4.0), None)
        add(
            f"fit_neuron(x={key})", lambda x: neuron.fit_neuron(x, _binary(x), steps=50), (v,), None
        )
        add(f"layer(x={key})", neuron.layer, (v, [[1.0]], [0.0]), None)
        add(
            f"forward(x={key})",
            lambda x: prop.forward(prop.init_network((1, 2, 1), 0), x),
            (v,),
            None,
        )
        add(
            f"train(x={key})",
            lambda x: prop.train(prop.init_network((1, 2, 1), 0), x, _partner(x), 0.1, 5),
            (v,),
            None,
        )
        add(
            f"snapshot_curves(x={key})",
            lambda x: prop.snapshot_curves({0: prop.init_network((1, 2, 1), 0)}, x),
            (v,),
            None,
        )
        add(f"loss(y_hat={key})", prop.loss, (v, _partner(v)), None)
    add("correlation(length)", stats.correlation, ([1.0, 2.0, 3.0], [1.0, 2.0]), None)
    add("fit_line(length)", ols.fit_line, ([1.0, 2.0, 3.0], [1.0, 2.0]), None)
    add("log_loss(length)", neuron.log_loss, ([1.0, 2.0, 3.0], [1.0, 0.0], 1.0, 0.0), None)
    add(
        "train(length)",
        prop.train,
        (prop.init_network((1, 2, 1), 0), [1.0, 2.0], [1.0], 0.1, 5),
        None,
    )
    sx = pd.Series([1.0, 2.0, 3.0, 4.0], index=[0, 1, 2, 3])
    sy = pd.Series([1.0, 3.0, 2.0, 5.0], index=[3, 2, 1, 0])
    aligned = sy.reindex(sx.index).to_numpy()
    add(
        "residuals(series index)",
        ols.residuals,
        (sx, sy, 1.0, 0.0),
        lambda x, y, a, b: ref_residuals(x.to_numpy(), aligned, a, b),
    )
    add(
        "fit_line(series index)",
        ols.fit_line,
        (sx, sy),
        lambda x, y: ref_fit_line(x.to_numpy(), aligned),
    )
    add(
        "correlation(series index)",
        stats.correlation,
        (sx, sy),
        lambda x, y: ref_correlation(x.to_numpy(), aligned),
    )

    for key, s in SCALARS.items():
        x3, y3 = [1.0, 2.0, 3.0], [3.0, 6.0, 6.0]
        add(f"normal_pdf(mu={key})", stats.normal_pdf, ([0.0, 1.0], s, 1.0), ref_normal_pdf)
        add(f"normal_pdf(sigma={key})", stats.normal_pdf, ([0.0, 1.0], 0.0, s), ref_normal_pdf)
        add(f"variance(ddof={key})", stats.variance, (x3, s), None)
        add(f"predict(slope={key})", ols.predict, (x3, s, 1.0), ref_predict)
        add(f"predict(intercept={key})", ols.predict, (x3, 1.0, s), ref_predict)
        add(f"residuals(slope={key})", ols.residuals, (x3, y3, s, 1.0), ref_residuals)
        add(f"sum_squared_errors(slope={key})", ols.sum_squared_errors, (x3, y3, s, 1.0), ref_sse)
        add(
            f"loss_along_slope(intercept={key})",
            ols.loss_along_slope,
            (x3, y3, [0.0, 1.0], s),
            ref_loss_along_slope,
        )
        add(
            f"loss_along_slope(slopes={key})",
            ols.loss_along_slope,
            (x3, y3, [s], 1.0),
            ref_loss_along_slope,
        )
        add(f"mse(w={key})", gd.mse, (x3, y3, s, 1.0), ref_mse)
        add(f"mse(b={key})", gd.mse, (x3, y3, 1.0, s), ref_mse)
        add(f"mse_gradients(w={key})", gd.mse_gradients, (x3, y3, s, 1.0), ref_mse_gradients)
        add(f"loss_surface(ws={key})", gd.loss_surface, (x3, y3, [s], [0.0]), ref_loss_surface)
        add(
            f"fit_line_gd(learning_rate={key})",
            lambda a, x3=x3, y3=y3: gd.fit_line_gd(x3, y3, a, 20),
            (s,),
            None,
        )
        add(
            f"fit_line_gd(w0={key})",
            lambda a, x3=x3, y3=y3: gd.fit_line_gd(x3, y3, 0.01, 20, w0=a),
            (s,),
            None,
        )
        add(f"neuron(w={key})", neuron.neuron, (2.0, s, -4.0), None)
        add(f"neuron(x={key})", neuron.neuron, (s, 1.5, -4.0), None)
        add(f"neuron(b={key})", neuron.neuron, ([1.0, 2.0], 1.5, s), None)
        add(f"sigmoid({key})", neuron.sigmoid, (s,), ref_sigmoid)
        add(
            f"log_loss(w={key})",
            neuron.log_loss,
            ([1.0, 2.0, 3.0], [0, 1, 1], s, 0.0),
            ref_log_loss,
        )
        add(
            f"log_loss(b={key})",
            neuron.log_loss,
            ([1.0, 2.0, 3.0], [0, 1, 1], 1.0, s),
            ref_log_loss,
        )
        add(
            f"fit_neuron(learning_rate={key})",
            lambda a: neuron.fit_neuron(
                [1.0, 2.0, 3.0, 4.0], [0, 1, 0, 1], learning_rate=a, steps=50
            ),
            (s,),
            None,
        )
        add(f"inches_to_cm({key})", data.inches_to_cm, (s,), ref_inches_to_cm)
        add(f"neuron_forward(w={key})", prop.neuron_forward, (2.0, 1.0, s, -0.5), None)
        add(
            f"train(learning_rate={key})",
            lambda a: prop.train(prop.init_network((1, 2, 1), 0), [0.0, 1.0], [1.0, 0.0], a, 5),
            (s,),
            None,
        )
        add(
            f"numerical_gradient(eps={key})",
            lambda e: prop.numerical_gradient(
                lambda p: float((p["a"] ** 2).sum()), {"a": np.array([3.0])}, e
            ),
            (s,),
            lambda e: [Fraction(6)],
        )
        add(f"layer(W={key})", neuron.layer, ([[1.0, 2.0]], [[s], [1.0]], [0.0]), None)
    for key, c in COUNTS.items():
        add(f"sample_means(sample_size={key})", stats.sample_means, ([1.0, 2.0], c, 3, 0), None)
        add(f"sample_means(n_samples={key})", stats.sample_means, ([1.0, 2.0], 2, c, 0), None)
        add(f"fit_line_gd(steps={key})", gd.fit_line_gd, ([1.0, 2.0], [1.0, 2.0], 0.1, c), None)
        add(f"fit_neuron(steps={key})", neuron.fit_neuron, ([1.0, 2.0], [0, 1], 0.1, c), None)
        add(
            f"train(steps={key})",
            prop.train,
            (prop.init_network((1, 2, 1), 0), [0.0], [1.0], 0.1, c),
            None,
        )
        add(
            f"train(snapshot_every={key})",
            prop.train,
            (prop.init_network((1, 2, 1), 0), [0.0], [1.0], 0.1, 2, c),
            None,
        )
        add(f"init_network(hidden={key})", prop.init_network, ((1, c, 1), 0), None)
        add(
            f"init_network(inputs={key}, hidden=10**6)", prop.init_network, ((c, 10**6, 1), 0), None
        )
    for key, s in SEEDS.items():
        add(f"sample_means(seed={key})", stats.sample_means, ([1.0, 2.0], 2, 3, s), None)
        add(f"init_network(seed={key})", prop.init_network, ((1, 2, 1), s), None)
    good = prop.init_network((1, 2, 1), 0)
    bad_params = {
        "empty": {},
        "none": None,
        "int": 5,
        "lists": {k: v.tolist() for k, v in good.items()},
        "missing": {k: v for k, v in good.items() if k != "b2"},
        "shape": {**good, "W2": np.ones((3, 1))},
        "nan": {**good, "W1": np.array([[nan, 1.0]])},
        "huge": {**good, "W2": np.array([[1e308], [1e308]])},
        "strings": {**good, "b1": np.array(["a", "b"])},
        "list": [good],
    }
    x2, y2 = [[0.0], [1.0]], [[1.0], [0.0]]
    for key, p in bad_params.items():
        add(f"forward(params={key})", prop.forward, (p, x2), None)
        add(
            f"backward(params={key})",
            lambda p: prop.backward(p, prop.forward(good, x2)[1], y2),
            (p,),
            None,
        )
        add(f"train(params={key})", prop.train, (p, x2, y2, 0.1, 3), None)
        add(f"snapshot_curves({key})", prop.snapshot_curves, ({0: p}, [0.0]), None)
        add(f"numerical_gradient(params={key})", prop.numerical_gradient, (lambda q: 0.0, p), None)
        add(f"relative_error(a={key})", prop.relative_error, (p, good), None)
    for key, c in {
        "empty": {},
        "none": None,
        "list": [1],
        "missing": {"x": np.zeros((1, 1))},
    }.items():
        add(f"backward(cache={key})", prop.backward, (good, c, y2), None)
    for key, s in {"empty": {}, "none": None, "list": [good], "bad-key": {"a": good}}.items():
        add(f"snapshot_curves(snapshots={key})", prop.snapshot_curves, (s, [0.0]), None)
    for key, s in {
        "none": None,
        "int": 5,
        "str": "abc",
        "pair": (1, 2),
        "float": (1.0, 2.0, 1.0),
    }.items():
        add(f"init_network(sizes={key})", prop.init_network, (s, 0), None)
    add(
        "relative_error(shape)",
        prop.relative_error,
        ({"w": np.array([1.0])}, {"w": np.array([1.0, 1.0, 1.0])}),
        None,
    )
    add(
        "relative_error(flatten alike)",
        prop.relative_error,
        ({"w": np.ones((2, 3))}, {"w": np.ones((3, 2))}),
        None,
    )
    add(
        "relative_error(values)",
        prop.relative_error,
        ({"w": np.array([1.0, 2.0])}, {"w": np.array([1.0, 2.5])}),
        ref_relative_error,
    )
    add(
        "relative_error(huge)",
        prop.relative_error,
        ({"w": np.array([1e300, 1e300])}, {"w": np.array([1e300, -1e300])}),
        ref_relative_error,
    )
    for key, f in {"none": None, "nan": lambda p: nan, "str": lambda p: "a"}.items():
        add(f"numerical_gradient(f={key})", prop.numerical_gradient, (f, {"a": np.zeros(1)}), None)
    add("neuron_backward({})", prop.neuron_backward, ({},), None)
    add("neuron_backward(None)", prop.neuron_backward, (None,), None)
    add("neuron(activation=str)", neuron.neuron, (1.0, 1.0, 0.0, "relu"), None)
    add("neuron(w=huge, many)", neuron.neuron, ([[1e308, 1e308]], [10.0, -10.0], 0.0), None)
    add("fit_neuron(y=bools)", neuron.fit_neuron, ([1.0, 2.0], [False, True], 0.1, 5), None)
    add("fit_neuron(huge x)", neuron.fit_neuron, ([1e308, -1e308], [1, 0], 0.5, 5), None)
    add("fit_line_gd(huge data)", gd.fit_line_gd, ([1e200, 2e200], [1e200, 3e200], 0.01, 5), None)
    add(
        "fit_line_gd(on_divergence=bad)",
        gd.fit_line_gd,
        ([1.0, 2.0], [1.0, 2.0], 0.1, 5, 0.0, 0.0, "x"),
        None,
    )
    add("fit_line_gd(steps=10**12)", gd.fit_line_gd, ([1.0, 2.0], [1.0, 2.0], 0.1, 10**12), None)
    add("variance(ddof=1.0)", stats.variance, ([1.0, 2.0], 1.0), None)
    add("variance(ddof=True)", stats.variance, ([1.0, 2.0], True), None)
    add("variance(ddof=5)", stats.variance, ([1.0, 2.0], 5), None)
    return cases


def _line_scale(x, y):
    """Per-value error scales for (slope, intercept): the intercept b = ȳ − a·x̄ may cancel."""
    slope = ref_fit_line(x, y)[0]
    return [0.0, float(abs(D(slope)) * Decimal(_scale(x)) + Decimal(_scale(y)))]


def _scale(values) -> float:
    try:
        return float(np.max(np.abs(np.asarray(values, dtype=float))))
    except Exception:
        return 0.0


def _binary(x):
    try:
        return [i % 2 for i in range(len(x))]
    except TypeError:
        return [0, 1]


def _numbers(result):
    """Every number in a result (float, array, tuple, DataFrame, dict of arrays...)."""
    if isinstance(result, pd.DataFrame):
        return [v for col in result.columns for v in _numbers(result[col].to_numpy())]
    if isinstance(result, pd.Series):
        return _numbers(result.to_numpy())
    if isinstance(result, dict):
        return [v for value in result.values() for v in _numbers(value)]
    if isinstance(result, (tuple, list)):
        return [v for item in result for v in _numbers(item)]
    if isinstance(result, np.ndarray):
        return [float(v) for v in result.ravel()] if result.dtype.kind in "fiub" else []
    if isinstance(result, (int, float, np.number)):
        return [float(result)]
    return []


def _reference_values(result):
    """The numbers a reference is compared with: what the function computes, not echoed inputs."""
    if hasattr(result, "_fields") and type(result).__name__ == "Line":
        return [result.slope, result.intercept]
    if type(result).__name__ == "Summary":
        return list(result)
    if isinstance(result, pd.DataFrame):
        return result.to_numpy().ravel()
    return result


TIME_LIMIT = 10  #: seconds; a call that runs longer (a loop of 10**12 steps) counts as a raw error


class _TooSlow(Exception):
    pass


def _too_slow(signum, frame):
    raise _TooSlow


def classify(label, fn, args, ref, scale) -> str:
    try:
        names = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        names = []
    names = names + re.findall(r"\((\w+)=", label)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        signal.signal(signal.SIGALRM, _too_slow)
        signal.alarm(TIME_LIMIT)
        try:
            result = fn(*args)
        except _TooSlow:
            return "raw error"
        except (ValueError, TypeError) as error:
            message = str(error)
            if any(re.search(rf"\b{re.escape(n)}\b", message) for n in names if n != "a"):
                return "clear error"
            # one-letter names that are also words ("a") count when used as a name
            if any(re.search(rf"(^|\s){n}(\[|\s(must|and|has|name))", message) for n in names):
                return "clear error"
            return "raw error"
        except Exception:
            return "raw error"
        finally:
            signal.alarm(0)
    numbers = _numbers(result)
    if any(not math.isfinite(v) for v in numbers):
        return "silent inf/NaN"
    if ref is not None:
        try:
            expected = ref(*args)
        except NoFiniteAnswer:
            return "wrong"
        except Exception:
            expected = None
        if callable(scale):
            try:
                scale = scale(*args)
            except Exception:
                scale = None
        if expected is not None and not close(_reference_values(result), expected, scale=scale):
            return "wrong"
    if any(issubclass(w.category, RuntimeWarning) for w in caught):
        return "warned"
    return "ok"


def run(verbose: bool = False) -> Counter:
    counts: Counter = Counter()
    for label, fn, args, ref, scale in _cases():
        outcome = classify(label, fn, args, ref, scale)
        counts[outcome] += 1
        if verbose and outcome not in ("ok", "clear error"):
            print(f"{outcome:>15}  {label}")
    return counts


if __name__ == "__main__":
    counts = run(verbose="-v" in sys.argv)
    total = sum(counts.values())
    print(
        f"{total} calls: "
        + ", ".join(
            f"{k} {counts[k]}"
            for k in ("ok", "clear error", "silent inf/NaN", "warned", "raw error", "wrong")
        )
    )
