"""lessons.ols against NumPy's least squares, and the invariants any OLS fit obeys."""

import edge_matrix
import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from lessons import charts, data, ols


def test_fit_line_matches_numpy_on_nhanes():
    body = data.load_body_measurements()
    x, y = body["height_cm"].to_numpy(), body["weight_kg"].to_numpy()
    line = ols.fit_line(x, y)
    slope, intercept = np.polyfit(x, y, 1)
    design = np.column_stack([x, np.ones_like(x)])
    lstsq = np.linalg.lstsq(design, y, rcond=None)[0]
    assert line.slope == pytest.approx(slope, rel=1e-10)
    assert line.intercept == pytest.approx(intercept, rel=1e-10)
    assert (line.slope, line.intercept) == pytest.approx(tuple(lstsq), rel=1e-10)
    # ../shared/DATA-NOTES.md: weight ≈ 1.007·height − 84.6
    assert round(line.slope, 3) == 1.007 and round(line.intercept, 1) == -84.6


def test_galton_slope_from_the_data_notes():
    galton = data.load_galton_families()
    line = ols.fit_line(galton["midparent_height"], galton["child_height"])
    assert round(line.slope, 3) == 0.637


def test_altair_regression_transform_agrees():
    points = data.load_five_points()
    line = charts.regression_transform_line(points, "x", "y")
    slope, intercept = np.polyfit(points["x"], points["y"], 1)
    assert line.slope == pytest.approx(slope, abs=1e-12)
    assert line.intercept == pytest.approx(intercept, abs=1e-12)


def test_sum_squared_errors_by_hand():
    # residuals of y = x + 1 on the five points: 0, 1, 1, -1, 0
    points = data.load_five_points()
    assert ols.sum_squared_errors(points["x"], points["y"], 1.0, 1.0) == 3.0


def test_loss_curves_are_lowest_at_the_fit():
    points = data.load_five_points()
    line = ols.fit_line(points["x"], points["y"])
    slopes = np.linspace(line.slope - 1, line.slope + 1, 201)
    intercepts = np.linspace(line.intercept - 1, line.intercept + 1, 201)
    by_slope = ols.loss_along_slope(points["x"], points["y"], slopes, line.intercept)
    by_intercept = ols.loss_along_intercept(points["x"], points["y"], line.slope, intercepts)
    assert slopes[np.argmin(by_slope)] == pytest.approx(line.slope, abs=0.01)
    assert intercepts[np.argmin(by_intercept)] == pytest.approx(line.intercept, abs=0.01)
    best = ols.sum_squared_errors(points["x"], points["y"], *line)
    assert by_slope.min() == pytest.approx(best, abs=1e-3)


finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(finite, finite), min_size=2, max_size=40))
def test_ols_invariants(pairs):
    x = np.array([p[0] for p in pairs])
    y = np.array([p[1] for p in pairs])
    assume(np.ptp(x) > 1e-3)
    try:
        line = ols.fit_line(x, y)
    except ValueError as error:  # only when the exact slope or intercept is below a double
        assert "too small" in str(error)
        exact = edge_matrix.ref_fit_line(x, y)
        assert any(0 < abs(v) < 2.3e-308 for v in exact)
        return
    res = ols.residuals(x, y, *line)
    scale = np.abs(y).max() + np.abs(x).max() * abs(line.slope) + 1
    assert abs(res.sum()) <= 1e-9 * scale * len(x)  # residuals sum to zero
    assert abs((res * (x - x.mean())).sum()) <= 1e-7 * scale * np.abs(x).max() * len(x)
    assert line.slope * x.mean() + line.intercept == pytest.approx(y.mean(), abs=1e-9 * scale)
