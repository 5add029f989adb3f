"""Interactive figures: data precomputed in Python, Vega-Lite parameters bound to
sliders or buttons; the browser only filters and redraws.

Like :mod:`lessons.charts.figures`, each builder receives computed data and
imports no lesson module.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from lessons.charts.render import (BLUE, GREEN, GREY, ORANGE, RED, WIDTH, js_string, rounded,
                                   titled)

__all__ = ["clt_explorer", "least_squares_explorer", "sigmoid_explorer", "descent_explorer",
           "training_explorer"]



def clt_explorer(means: pd.DataFrame, curves: pd.DataFrame, *, low: float, high: float,
                 bins: int = 60, title: str, x_title: str, y_title: str, slider_label: str,
                 description: str) -> alt.LayerChart:
    """Histogram of sample means for a sample size picked with a slider, with its normal curve.

    ``means`` has columns n, mean (many sample means for each sample size n);
    ``curves`` has columns n, x, density (the normal curve the central limit
    theorem predicts for each n); both come from
    :func:`lessons.stats.clt_simulation`. Bars span ``low`` … ``high``.
    """
    lo, hi = float(low), float(high)
    width = (hi - lo) / bins
    bars = []
    for n, group in means.groupby("n", sort=True):
        counts, _ = np.histogram(group["mean"].to_numpy(float), bins=bins, range=(lo, hi))
        for index in np.flatnonzero(counts):
            bars.append((int(n), int(index), counts[index] / (len(group) * width)))
    max_size = int(means["n"].max())
    bar_data = rounded(pd.DataFrame(bars, columns=["n", "bin", "density"]), 6)
    curve_data = rounded(curves[["n", "x", "density"]], 6)
    size = alt.param(name="n", value=1, bind=alt.binding_range(
        min=1, max=max_size, step=1, name=slider_label))
    x_scale = alt.Scale(domain=[lo, hi], nice=False)
    bars_chart = (
        alt.Chart(bar_data).transform_filter(alt.datum.n == size)
        .transform_calculate(start=f"{lo} + datum.bin * {width}",
                             end=f"{lo} + (datum.bin + 1) * {width}")
        .mark_rect(color=BLUE, opacity=0.65)
        .encode(x=alt.X("start:Q", title=x_title, scale=x_scale), x2="end:Q",
                y=alt.Y("density:Q", title=y_title), y2=alt.datum(0))
    )
    curve_chart = (
        alt.Chart(curve_data).transform_filter(alt.datum.n == size)
        .mark_line(color=ORANGE, strokeWidth=2.5)
        .encode(x=alt.X("x:Q", scale=x_scale), y="density:Q")
    )
    label = (
        alt.Chart(pd.DataFrame({"n": [0]})).mark_text(align="right", baseline="top", fontSize=13)
        .encode(x=alt.value(WIDTH - 4), y=alt.value(4),
                text=alt.Text("label:N"))
        .transform_calculate(label=f"'n = ' + {size.name}")
    )
    return titled(alt.layer(bars_chart, curve_chart, label).add_params(size), title, description)


def least_squares_explorer(points: pd.DataFrame, *, slope: float, intercept: float,
                           best_loss: float, slope_range: tuple[float, float],
                           intercept_range: tuple[float, float], title: str, x_title: str,
                           y_title: str, slope_label: str, intercept_label: str,
                           loss_label: str, minimum_label: str,
                           description: str) -> alt.LayerChart:
    """Sliders for a and b move the line y = a·x + b over the points.

    Each residual is drawn as a dashed segment and its square as a shaded
    square (x and y share one scale, so squares look square); the current loss
    is shown beside ``best_loss``, the minimum from the closed form.
    """
    frame = pd.DataFrame({"x": np.asarray(points["x"], float), "y": np.asarray(points["y"], float)})
    a = alt.param(name="a", value=slope, bind=alt.binding_range(
        min=slope_range[0], max=slope_range[1], step=0.05, name=slope_label))
    b = alt.param(name="b", value=intercept, bind=alt.binding_range(
        min=intercept_range[0], max=intercept_range[1], step=0.05, name=intercept_label))
    top = float(max(frame["x"].max(), frame["y"].max())) + 2
    scale = alt.Scale(domain=[0, top], nice=False)
    x_enc = alt.X("x:Q", title=x_title, scale=scale)
    y_enc = alt.Y("y:Q", title=y_title, scale=scale)
    fitted = alt.Chart(frame).transform_calculate(
        y_hat=f"{a.name} * datum.x + {b.name}",
        side="abs(datum.y - datum.y_hat)")
    squares = fitted.mark_rect(color=RED, opacity=0.18, clip=True).encode(
        x=x_enc, x2=alt.X2("x_end:Q"), y=y_enc, y2="y_hat:Q").transform_calculate(
        x_end="datum.x + datum.side")
    residual_lines = fitted.mark_rule(color=RED, strokeDash=[4, 3], clip=True).encode(
        x=x_enc, y=y_enc, y2="y_hat:Q")
    ends = pd.DataFrame({"x": [0.0, top]})
    line = alt.Chart(ends).transform_calculate(y=f"{a.name} * datum.x + {b.name}").mark_line(
        color=ORANGE, strokeWidth=2.5, clip=True).encode(x=x_enc, y=y_enc)
    dots = alt.Chart(frame).mark_circle(size=80, color=BLUE, opacity=1).encode(x=x_enc, y=y_enc)
    loss_text = fitted.transform_calculate(squared="pow(datum.y - datum.y_hat, 2)").transform_aggregate(
        total="sum(squared)").transform_calculate(
        label=f"{js_string(loss_label)} + ' = ' + format(datum.total, '.2f') + '   ' + "
              f"{js_string(f'({minimum_label} {best_loss:.2f})')}").mark_text(
        align="left", baseline="top", fontSize=13, fontWeight="bold").encode(
        x=alt.value(6), y=alt.value(6), text="label:N")
    chart = alt.layer(squares, residual_lines, line, dots, loss_text).add_params(a, b)
    return titled(chart.properties(width=300, height=300), title, description)


def sigmoid_explorer(data: pd.DataFrame, x: str, y: str, *, w: float, b: float,
                     best: tuple[float, float], w_range: tuple[float, float],
                     b_range: tuple[float, float], title: str, x_title: str, y_title: str,
                     w_label: str, b_label: str, legend_title: str, fitted_label: str,
                     yours_label: str, description: str) -> alt.LayerChart:
    """Sliders for w and b reshape σ(w·x + b) over 0/1 data; the best-fitting neuron is dashed."""
    frame = pd.DataFrame({"x": np.asarray(data[x], float), "y": np.asarray(data[y], float)})
    w_param = alt.param(name="w", value=w, bind=alt.binding_range(
        min=w_range[0], max=w_range[1], step=0.05, name=w_label))
    b_param = alt.param(name="b", value=b, bind=alt.binding_range(
        min=b_range[0], max=b_range[1], step=0.1, name=b_label))
    lo, hi = float(frame["x"].min()) - 0.5, float(frame["x"].max()) + 0.5
    grid = pd.DataFrame({"x": np.round(np.linspace(lo, hi, 121), 4)})
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=[lo, hi], nice=False))
    y_enc = alt.Y("y:Q", title=y_title, scale=alt.Scale(domain=[-0.05, 1.05], nice=False))
    colour = alt.Color("curve:N", title=legend_title, scale=alt.Scale(
        domain=[yours_label, fitted_label], range=[ORANGE, GREEN]),
        legend=alt.Legend(orient="bottom", direction="vertical"))
    yours = alt.Chart(grid).transform_calculate(
        y=f"1 / (1 + exp(-({w_param.name} * datum.x + {b_param.name})))",
        curve=js_string(yours_label)).mark_line(strokeWidth=3).encode(x=x_enc, y=y_enc, color=colour)
    fitted = alt.Chart(grid).transform_calculate(
        y=f"1 / (1 + exp(-({best[0]} * datum.x + {best[1]})))",
        curve=js_string(fitted_label)).mark_line(strokeWidth=2, strokeDash=[6, 4]).encode(
        x=x_enc, y=y_enc, color=colour)
    dots = alt.Chart(frame).mark_circle(size=70, color=BLUE, opacity=0.85).encode(x=x_enc, y=y_enc)
    chart = alt.layer(fitted, yours, dots).add_params(w_param, b_param)
    return titled(chart, title, description)




def descent_explorer(surface: pd.DataFrame, runs: dict[str, pd.DataFrame], *, start: str,
                     title: str, w_title: str, b_title: str, loss_title: str, step_title: str,
                     picker_label: str, surface_title: str, curve_title: str,
                     description: str) -> alt.VConcatChart:
    """The loss surface over (w, b) with a descent path, and the loss per step beside it.

    ``surface`` has columns w, b, loss (:func:`lessons.gradient_descent.loss_surface`);
    ``runs`` maps a label (one per learning rate) to a run's history (step, w, b,
    loss). Buttons pick the run; the browser filters the precomputed paths.
    """
    labels = list(runs)
    history = pd.concat([run.assign(run=label) for label, run in runs.items()], ignore_index=True)
    picked = alt.param(name="run", value=start, bind=alt.binding_radio(
        options=labels, name=picker_label))
    w_vals, b_vals = np.unique(surface["w"]), np.unique(surface["b"])
    dw, db = float(np.diff(w_vals).mean()), float(np.diff(b_vals).mean())
    w_scale = alt.Scale(domain=[float(w_vals[0] - dw / 2), float(w_vals[-1] + dw / 2)], nice=False)
    b_scale = alt.Scale(domain=[float(b_vals[0] - db / 2), float(b_vals[-1] + db / 2)], nice=False)
    grid = rounded(surface.assign(w2=surface["w"] + dw, b2=surface["b"] + db,
                                 w=surface["w"] - dw / 2, b=surface["b"] - db / 2), 5)
    heat = alt.Chart(grid).mark_rect().encode(
        x=alt.X("w:Q", title=w_title, scale=w_scale), x2="w2:Q",
        y=alt.Y("b:Q", title=b_title, scale=b_scale), y2="b2:Q",
        color=alt.Color("loss:Q", title=loss_title,
                        scale=alt.Scale(type="log", scheme="viridis", reverse=True),
                        legend=alt.Legend(orient="bottom", gradientLength=200)))
    path_data = alt.Chart(rounded(history, 6)).transform_filter(alt.datum.run == picked)
    path = path_data.mark_line(color="#ffffff", strokeWidth=2, clip=True, point=alt.OverlayMarkDef(
        color="#ffffff", size=14, clip=True)).encode(
        x=alt.X("w:Q", scale=w_scale), y=alt.Y("b:Q", scale=b_scale), order="step:Q")
    surface_chart = alt.layer(heat, path).properties(width=WIDTH, height=250, title=surface_title)
    curve_chart = path_data.mark_line(color=BLUE, strokeWidth=2.5, point=True).encode(
        x=alt.X("step:Q", title=step_title),
        y=alt.Y("loss:Q", title=loss_title, scale=alt.Scale(type="log"))).properties(
        width=WIDTH, height=180, title=curve_title)
    chart = alt.vconcat(surface_chart, curve_chart).add_params(picked).resolve_scale(color="independent")
    return titled(chart, title, description)


def training_explorer(x, y, fits: pd.DataFrame, history: pd.DataFrame, *, step_every: int,
                      title: str, x_title: str, y_title: str, step_title: str, loss_title: str,
                      slider_label: str, description: str) -> alt.VConcatChart:
    """A network's fit at a training step picked with a slider, over its loss curve.

    ``fits`` has columns step, x, y_hat (the network's curve at each recorded
    step); ``history`` has step and loss for every step.
    """
    points = pd.DataFrame({"x": np.asarray(x, float), "y": np.asarray(y, float)})
    last = int(fits["step"].max())
    step = alt.param(name="step", value=last, bind=alt.binding_range(
        min=0, max=last, step=step_every, name=slider_label))
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    y_enc = alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False))
    dots = alt.Chart(points).mark_circle(size=25, opacity=0.45, color=BLUE).encode(x=x_enc, y=y_enc)
    fit = alt.Chart(rounded(fits, 5)).transform_filter(alt.datum.step == step).mark_line(
        color=ORANGE, strokeWidth=3).encode(x=x_enc, y=alt.Y("y_hat:Q", title=y_title))
    top = alt.layer(dots, fit).properties(width=WIDTH, height=230)
    loss_line = alt.Chart(rounded(history, 6)).mark_line(color=BLUE, strokeWidth=2).encode(
        x=alt.X("step:Q", title=step_title), y=alt.Y("loss:Q", title=loss_title,
                                                      scale=alt.Scale(type="log")))
    marker = alt.Chart(pd.DataFrame({"step": [0]})).mark_rule(color=ORANGE, strokeWidth=2).encode(
        x=alt.X("at:Q")).transform_calculate(at=step.name)
    bottom = alt.layer(loss_line, marker).properties(width=WIDTH, height=150)
    return titled(alt.vconcat(top, bottom).add_params(step), title, description)


# ----------------------------------------------------------------------------
# chapter 7: training and test loss, step by step


def generalisation_explorer(train: pd.DataFrame, test: pd.DataFrame, fits: pd.DataFrame,
                            curves: pd.DataFrame, *, step_every: int, title: str,
                            x_title: str, y_title: str, step_title: str, loss_title: str,
                            train_label: str, test_label: str, legend_title: str,
                            slider_label: str, description: str) -> alt.VConcatChart:
    """A network's curve at a training step picked with a slider, over training and test points,
    and below it the training and test loss over the steps with a marker at that step.

    ``train`` and ``test`` have columns x, y; ``fits`` has step, x, y_hat;
    ``curves`` has step, train, test (the two losses at each recorded step).
    """
    for name, frame, columns in (("train", train, {"x", "y"}), ("test", test, {"x", "y"}),
                                 ("fits", fits, {"step", "x", "y_hat"}),
                                 ("curves", curves, {"step", "train", "test"})):
        missing = columns - set(frame.columns)
        if missing or frame.empty:
            raise ValueError(f"{name} needs the columns {sorted(columns)} and at least one row")
    last = int(fits["step"].max())
    step = alt.param(name="step", value=last, bind=alt.binding_range(
        min=0, max=last, step=step_every, name=slider_label))
    # the few training points are drawn last, on top of the many test points
    points = pd.concat([test.assign(set=test_label), train.assign(set=train_label)],
                       ignore_index=True)[["x", "y", "set"]]
    colour = alt.Color("set:N", title=legend_title, scale=alt.Scale(
        domain=[train_label, test_label], range=[BLUE, GREY]),
        legend=alt.Legend(orient="bottom", direction="horizontal"))
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    y_enc = alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False))
    dots = alt.Chart(rounded(points, 4)).mark_circle().encode(
        x=x_enc, y=y_enc, color=colour,
        size=alt.Size("set:N", scale=alt.Scale(domain=[train_label, test_label], range=[60, 18]),
                      legend=None),
        opacity=alt.Opacity("set:N", scale=alt.Scale(domain=[train_label, test_label],
                                                     range=[0.95, 0.45]), legend=None))
    fit = alt.Chart(rounded(fits, 5)).transform_filter(alt.datum.step == step).mark_line(
        color=ORANGE, strokeWidth=3, clip=True).encode(x=x_enc, y=alt.Y("y_hat:Q", title=y_title))
    top = alt.layer(dots, fit).properties(width=WIDTH, height=230)
    long = curves.melt(id_vars="step", value_vars=["train", "test"], var_name="set",
                       value_name="loss").replace({"set": {"train": train_label,
                                                            "test": test_label}})
    loss_lines = alt.Chart(rounded(long, 6)).mark_line(strokeWidth=2).encode(
        x=alt.X("step:Q", title=step_title),
        y=alt.Y("loss:Q", title=loss_title, scale=alt.Scale(type="log")), color=colour)
    marker = alt.Chart(pd.DataFrame({"step": [0]})).mark_rule(color=ORANGE, strokeWidth=2).encode(
        x=alt.X("at:Q")).transform_calculate(at=step.name)
    bottom = alt.layer(loss_lines, marker).properties(width=WIDTH, height=150)
    return titled(alt.vconcat(top, bottom).add_params(step), title, description)
