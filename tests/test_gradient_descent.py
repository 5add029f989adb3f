"""Gradient descent reaches chapter 4's closed form; its gradients are right; divergence is loud."""

import numpy as np
import pytest

from lessons import data, gradient_descent as gd, ols


def standardised_nhanes():
    body = data.load_body_measurements()
    x, y = body["height_cm"].to_numpy(), body["weight_kg"].to_numpy()
    return (x - x.mean()) / x.std(), (y - y.mean()) / y.std()


def test_converges_to_the_closed_form_on_standardised_data():
    x, y = standardised_nhanes()
    result = gd.fit_line_gd(x, y, learning_rate=0.1, steps=300)
    slope, intercept = np.polyfit(x, y, 1)
    assert result.w == pytest.approx(slope, abs=1e-6)
    assert result.b == pytest.approx(intercept, abs=1e-6)
    assert not result.diverged
    assert np.all(np.diff(result.history["loss"]) <= 1e-15)


def test_gradients_match_finite_differences():
    x, y = standardised_nhanes()
    h = 1e-6
    for w, b in [(0.0, 0.0), (0.3, -0.2), (2.0, 1.0)]:
        dw, db = gd.mse_gradients(x, y, w, b)
        num_dw = (gd.mse(x, y, w + h, b) - gd.mse(x, y, w - h, b)) / (2 * h)
        num_db = (gd.mse(x, y, w, b + h) - gd.mse(x, y, w, b - h)) / (2 * h)
        assert dw == pytest.approx(num_dw, rel=1e-6, abs=1e-9)
        assert db == pytest.approx(num_db, rel=1e-6, abs=1e-9)


def test_mse_is_the_sum_of_squares_over_n():
    points = data.load_five_points()
    sse = ols.sum_squared_errors(points.x, points.y, 0.5, 1.0)
    assert gd.mse(points.x, points.y, 0.5, 1.0) == pytest.approx(sse / 5)


def test_divergence_names_the_learning_rate():
    x, y = standardised_nhanes()
    with pytest.raises(gd.DivergenceError, match=r"learning_rate=2\.5"):
        gd.fit_line_gd(x, y, learning_rate=2.5, steps=500)


def test_divergence_can_be_kept_for_a_chart():
    x, y = standardised_nhanes()
    result = gd.fit_line_gd(x, y, learning_rate=1.05, steps=500, on_divergence="stop")
    assert result.diverged
    assert np.isfinite(result.history[["w", "b", "loss"]].to_numpy()).all()
    assert result.history["loss"].iloc[-1] > 100 * result.history["loss"].iloc[0]


def test_too_small_a_learning_rate_is_slow_not_wrong():
    x, y = standardised_nhanes()
    slow = gd.fit_line_gd(x, y, learning_rate=0.001, steps=300)
    fast = gd.fit_line_gd(x, y, learning_rate=0.1, steps=300)
    assert slow.history["loss"].iloc[-1] > fast.history["loss"].iloc[-1]
    assert np.all(np.diff(slow.history["loss"]) < 0)


def test_loss_surface_agrees_with_mse():
    points = data.load_five_points()
    grid = gd.loss_surface(points.x, points.y, ws=[0.0, 0.8], bs=[1.0, 1.8])
    for row in grid.itertuples():
        assert row.loss == pytest.approx(gd.mse(points.x, points.y, row.w, row.b))


def test_runs_are_deterministic():
    x, y = standardised_nhanes()
    a = gd.fit_line_gd(x, y, 0.05, 50).history.to_numpy()
    b = gd.fit_line_gd(x, y, 0.05, 50).history.to_numpy()
    assert a.tobytes() == b.tobytes()
