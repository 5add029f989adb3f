"""Interactive figures: data precomputed in Python, Vega-Lite parameters bound to
sliders or buttons; the browser only filters and redraws.

Like :mod:`lessons.charts.figures`, each builder receives computed data and
imports no lesson module.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from lessons._checks import as_float, as_floats, paired, positive_int
from lessons.charts.render import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    RED,
    TABLE_WORDS,
    WIDTH,
    chart_language,
    check_range,
    checked_frame,
    js_string,
    name_tables,
    rounded,
    slider,
    step_marker,
    titled,
)

__all__ = [
    "clt_explorer",
    "least_squares_explorer",
    "sigmoid_explorer",
    "descent_explorer",
    "training_explorer",
]


def clt_explorer(
    means: pd.DataFrame,
    curves: pd.DataFrame,
    *,
    low: float,
    high: float,
    bins: int = 60,
    title: str,
    x_title: str,
    y_title: str,
    slider_label: str,
    description: str | None = None,
) -> alt.LayerChart:
    """Histogram of sample means for a sample size picked with a slider, with its normal curve.

    ``means`` has columns n, mean (many sample means for each sample size n);
    ``curves`` has columns n, x, density (the normal curve the central limit
    theorem predicts for each n); both come from
    :func:`lessons.stats.clt_simulation`. Bars span ``low`` … ``high``.

    >>> from lessons.charts.render import to_html
    >>> means = pd.DataFrame({"n": [1, 1, 2, 2], "mean": [0.2, 0.8, 0.4, 0.6]})
    >>> curves = pd.DataFrame({"n": [1, 1, 2, 2], "x": [0, 1, 0, 1], "density": [1, 1, 1, 1]})
    >>> html = to_html(clt_explorer(means, curves, low=0, high=1, bins=2, title="Means",
    ...                             x_title="mean", y_title="density", slider_label="sample size",
    ...                             description="A slider picks the sample size."))
    >>> "book-chart-live" in html, "sample size" in html  # a live chart, with its slider's label
    (True, True)
    """
    checked_frame(means, "means", ["n", "mean"])
    checked_frame(curves, "curves", ["n", "x", "density"])
    if means["n"].min() < 1 or (means["n"] % 1 != 0).any():
        raise ValueError(
            f"means['n'] must be sample sizes (whole numbers >= 1), got {means['n'].min()}"
        )
    if not as_float(low, "low") < as_float(high, "high"):
        raise ValueError(f"low must be less than high, got {low} and {high}")
    positive_int(bins, "bins", maximum=10_000)
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
    size = slider("n", 1, 1, max_size, 1, slider_label)
    x_scale = alt.Scale(domain=[lo, hi], nice=False)
    bars_chart = (
        alt.Chart(bar_data)
        .transform_filter(alt.datum.n == size)
        .transform_calculate(
            start=f"{lo} + datum.bin * {width}", end=f"{lo} + (datum.bin + 1) * {width}"
        )
        .mark_rect(color=BLUE, opacity=0.65)
        .encode(
            x=alt.X("start:Q", title=x_title, scale=x_scale),
            x2="end:Q",
            y=alt.Y("density:Q", title=y_title),
            y2=alt.datum(0),
        )
    )
    curve_chart = (
        alt.Chart(curve_data)
        .transform_filter(alt.datum.n == size)
        .mark_line(color=ORANGE, strokeWidth=2.5)
        .encode(x=alt.X("x:Q", scale=x_scale), y="density:Q")
        .properties(name="predicted_curve")  # its data table's name (render.TABLE_WORDS)
    )
    label = (
        alt.Chart(pd.DataFrame({"n": [0]}))
        .mark_text(align="right", baseline="top", fontSize=13)
        .encode(x=alt.value(WIDTH - 4), y=alt.value(4), text=alt.Text("label:N"))
        .transform_calculate(label=f"'n = ' + {size.name}")
    )
    return titled(alt.layer(bars_chart, curve_chart, label).add_params(size), title, description)


def least_squares_explorer(
    points: pd.DataFrame,
    *,
    slope: float,
    intercept: float,
    best_loss: float,
    slope_range: tuple[float, float],
    intercept_range: tuple[float, float],
    title: str,
    x_title: str,
    y_title: str,
    slope_label: str,
    intercept_label: str,
    loss_label: str,
    minimum_label: str,
    description: str | None = None,
) -> alt.LayerChart:
    """Sliders for a and b move the line y = a·x + b over the points.

    Each residual is drawn as a dashed segment and its square as a shaded
    square (x and y share one scale, so squares look square); the current loss
    is shown beside ``best_loss``, the minimum from the closed form.

    >>> chart = least_squares_explorer(
    ...     pd.DataFrame({"x": [1, 2, 3], "y": [2, 3, 5]}), slope=1.5, intercept=0.33,
    ...     best_loss=0.17, slope_range=(0, 3), intercept_range=(-2, 2), title="T", x_title="x",
    ...     y_title="y", slope_label="a", intercept_label="b", loss_label="loss",
    ...     minimum_label="minimum", description="Two sliders move the line.")
    >>> [(p.name, p.value) for p in chart.params]  # the sliders start at the given line
    [('a', 1.5), ('b', 0.33)]
    """
    checked_frame(points, "points", ["x", "y"])
    as_float(slope, "slope"), as_float(intercept, "intercept"), as_float(best_loss, "best_loss")
    check_range(slope_range, "slope_range")
    check_range(intercept_range, "intercept_range")
    frame = pd.DataFrame({"x": np.asarray(points["x"], float), "y": np.asarray(points["y"], float)})
    a = slider("a", slope, slope_range[0], slope_range[1], 0.05, slope_label)
    b = slider("b", intercept, intercept_range[0], intercept_range[1], 0.05, intercept_label)
    top = float(max(frame["x"].max(), frame["y"].max())) + 2
    scale = alt.Scale(domain=[0, top], nice=False)
    x_enc = alt.X("x:Q", title=x_title, scale=scale)
    y_enc = alt.Y("y:Q", title=y_title, scale=scale)
    fitted = alt.Chart(frame).transform_calculate(
        y_hat=f"{a.name} * datum.x + {b.name}", side="abs(datum.y - datum.y_hat)"
    )
    squares = (
        fitted.mark_rect(color=RED, opacity=0.18, clip=True)
        .encode(x=x_enc, x2=alt.X2("x_end:Q"), y=y_enc, y2="y_hat:Q")
        .transform_calculate(x_end="datum.x + datum.side")
    )
    residual_lines = fitted.mark_rule(color=RED, strokeDash=[4, 3], clip=True).encode(
        x=x_enc, y=y_enc, y2="y_hat:Q"
    )
    ends = pd.DataFrame({"x": [0.0, top]})
    line = (
        alt.Chart(ends)
        .transform_calculate(y=f"{a.name} * datum.x + {b.name}")
        .mark_line(color=ORANGE, strokeWidth=2.5, clip=True)
        .encode(x=x_enc, y=y_enc)
    )
    dots = alt.Chart(frame).mark_circle(size=80, color=BLUE, opacity=1).encode(x=x_enc, y=y_enc)
    # where the line leaves the plot through its top or bottom edge, a triangle points the way
    ends_y = f"{a.name} * 0 + {b.name}", f"{a.name} * {top} + {b.name}"
    exits = (
        alt.Chart(pd.DataFrame({"edge": [1, 0]}))
        .transform_calculate(
            y_edge=f"datum.edge * {top}",
            high=f"max({ends_y[0]}, {ends_y[1]})",
            low=f"min({ends_y[0]}, {ends_y[1]})",
            out=f"datum.edge ? datum.high > {top} : datum.low < 0",
            cross=f"{a.name} != 0 ? (datum.y_edge - {b.name}) / {a.name} : {top / 2}",
            whole=f"datum.edge ? datum.low > {top} : datum.high < 0",
            x_mark=f"datum.whole ? {top / 2} : clamp(datum.cross, 0, {top})",
            shape="datum.edge ? 'triangle-up' : 'triangle-down'",
        )
        .transform_filter("datum.out")
        .mark_point(filled=True, size=140, color=ORANGE, opacity=1, stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("x_mark:Q", scale=scale),
            y=alt.Y("y_edge:Q", scale=scale),
            shape=alt.Shape("shape:N", scale=None),
        )
    )
    loss_text = (
        fitted.transform_calculate(squared="pow(datum.y - datum.y_hat, 2)")
        .transform_aggregate(total="sum(squared)")
        .transform_calculate(
            label=f"{js_string(loss_label)} + ' = ' + format(datum.total, '.2f') + '   ' + "
            f"{js_string(f'({minimum_label} {best_loss:.2f})')}"
        )
        # above the plot, under the title: the line's arrowheads on the top edge never reach it
        .mark_text(align="left", baseline="bottom", fontSize=13, fontWeight="bold")
        .encode(x=alt.value(0), y=alt.value(-8), text="label:N")
    )
    chart = alt.layer(squares, residual_lines, line, dots, exits, loss_text).add_params(a, b)
    return titled(chart.properties(width=300, height=300), title, description)


def sigmoid_explorer(
    data: pd.DataFrame,
    x: str,
    y: str,
    *,
    w: float,
    b: float,
    best: tuple[float, float],
    w_range: tuple[float, float],
    b_range: tuple[float, float],
    title: str,
    x_title: str,
    y_title: str,
    w_label: str,
    b_label: str,
    legend_title: str,
    fitted_label: str,
    yours_label: str,
    description: str | None = None,
    points_title: str | None = None,
) -> alt.LayerChart:
    """Sliders for w and b reshape σ(w·x + b) over 0/1 data; the best-fitting neuron is dashed.

    The y axis (``y_title``) reads the curves, a probability; ``points_title`` names what
    the points hold, the 0/1 outcomes, in the chart's data table (``y_title`` if not given).

    >>> study = pd.DataFrame({"hours": [1, 2, 3, 4], "passed": [0, 0, 1, 1]})
    >>> chart = sigmoid_explorer(study, "hours", "passed", w=1.0, b=-2.0, best=(2.0, -5.0),
    ...                          w_range=(0, 4), b_range=(-8, 2), title="T", x_title="hours",
    ...                          y_title="passed", w_label="w", b_label="b", legend_title="curve",
    ...                          fitted_label="best", yours_label="yours", description="d")
    >>> [p.name for p in chart.params], chart.layer[2].data["y"].tolist()
    (['w', 'b'], [0.0, 0.0, 1.0, 1.0])
    """
    checked_frame(data, "data", [x, y])
    as_float(w, "w"), as_float(b, "b")
    if as_floats(best, "best").size != 2:
        raise ValueError(f"best must be (w, b), got {best!r}")
    check_range(w_range, "w_range")
    check_range(b_range, "b_range")
    frame = pd.DataFrame({"x": np.asarray(data[x], float), "y": np.asarray(data[y], float)})
    w_param = slider("w", w, w_range[0], w_range[1], 0.05, w_label)
    b_param = slider("b", b, b_range[0], b_range[1], 0.1, b_label)
    lo, hi = float(frame["x"].min()) - 0.5, float(frame["x"].max()) + 0.5
    grid = pd.DataFrame({"x": np.round(np.linspace(lo, hi, 121), 4)})
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(domain=[lo, hi], nice=False))
    y_enc = alt.Y("y:Q", title=y_title, scale=alt.Scale(domain=[-0.05, 1.05], nice=False))
    colour = alt.Color(
        "curve:N",
        title=legend_title,
        scale=alt.Scale(domain=[yours_label, fitted_label], range=[ORANGE, GREEN]),
        legend=alt.Legend(orient="bottom", direction="vertical"),
    )
    # the legend draws each curve's own stroke: solid for yours, dashed for the learned one
    dash = alt.StrokeDash(
        "curve:N",
        title=legend_title,
        scale=alt.Scale(domain=[yours_label, fitted_label], range=[[1, 0], [6, 4]]),
        legend=alt.Legend(orient="bottom", direction="vertical", symbolStrokeWidth=2.5),
    )
    yours = (
        alt.Chart(grid)
        .transform_calculate(
            y=f"1 / (1 + exp(-({w_param.name} * datum.x + {b_param.name})))",
            curve=js_string(yours_label),
        )
        .mark_line(strokeWidth=3)
        .encode(x=x_enc, y=y_enc, color=colour, strokeDash=dash)
    )
    fitted = (
        alt.Chart(grid)
        .transform_calculate(
            y=f"1 / (1 + exp(-({best[0]} * datum.x + {best[1]})))", curve=js_string(fitted_label)
        )
        .mark_line(strokeWidth=2)
        .encode(x=x_enc, y=y_enc, color=colour, strokeDash=dash)
    )
    if points_title is not None and not isinstance(points_title, str):
        raise TypeError(f"points_title must be text, got {type(points_title).__name__}")
    # the points' field is titled for what it holds; the shared axis keeps the curves' title
    outcome = y_enc.copy()
    outcome.title, outcome.axis = points_title or y_title, alt.Axis(title=y_title)
    dots = (
        alt.Chart(frame).mark_circle(size=70, color=BLUE, opacity=0.85).encode(x=x_enc, y=outcome)
    )
    chart = alt.layer(fitted, yours, dots).add_params(w_param, b_param)
    return titled(chart, title, description)


#: A log axis label: 1,000 and below as they are, larger powers of ten as 10⁴, 10⁵, …
POWER_OF_TEN_LABEL = (
    "datum.value < 10000 ? format(datum.value, ',~g') : "
    "(abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6 ? '10' + "
    + "".join("replace(" for _ in range(10))
    + "'' + round(log(datum.value) / LN10)"
    + "".join(f", /{d}/g, '{sup}')" for d, sup in zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    + " : format(datum.value, '.1~e'))"
)


def clipped_path(points: np.ndarray, box: tuple[float, float, float, float]):
    """A path's rows (step, w, b) up to where it first leaves ``box`` (w0, w1, b0, b1).

    Returns the rows kept, ending with the point where the path crosses the
    edge, and that point (or ``None`` when the path stays inside).

    >>> rows, leaves = clipped_path(np.array([[0, 0.0, 0.0], [1, 0.5, 0.0], [2, 3.0, 0.0]]),
    ...                             (-1, 1, -1, 1))
    >>> rows.tolist(), leaves
    ([[0.0, 0.0, 0.0], [1.0, 0.5, 0.0], [1.2, 1.0, 0.0]], (1.0, 0.0))
    """
    w0, w1, b0, b1 = box
    inside = (
        (points[:, 1] >= w0) & (points[:, 1] <= w1) & (points[:, 2] >= b0) & (points[:, 2] <= b1)
    )
    if inside.all():
        return points, None
    first = int(np.argmin(inside))
    if first == 0:
        return points[:0], None
    (s0, x0, y0), (s1, x1, y1) = points[first - 1], points[first]
    t = 1.0
    for start, end, low, high in ((x0, x1, w0, w1), (y0, y1, b0, b1)):
        if end > high:
            t = min(t, (high - start) / (end - start))
        elif end < low:
            t = min(t, (low - start) / (end - start))
    edge = (s0 + t * (s1 - s0), x0 + t * (x1 - x0), y0 + t * (y1 - y0))
    rows = np.vstack([points[:first], np.array([edge])])
    return np.round(rows, 6), (round(float(edge[1]), 6), round(float(edge[2]), 6))


def descent_explorer(
    surface: pd.DataFrame,
    runs: dict[str, pd.DataFrame],
    *,
    start: str,
    title: str,
    w_title: str,
    b_title: str,
    loss_title: str,
    step_title: str,
    picker_label: str,
    surface_title: str,
    curve_title: str,
    description: str | None = None,
) -> alt.VConcatChart:
    """The loss surface over (w, b) with a descent path, and the loss per step beside it.

    ``surface`` has columns w, b, loss (:func:`lessons.gradient_descent.loss_surface`);
    ``runs`` maps a label (one per learning rate) to a run's history (step, w, b,
    loss). Buttons pick the run; the browser filters the precomputed paths.

    >>> surface = pd.DataFrame({"w": [0, 1, 0, 1], "b": [0, 0, 1, 1], "loss": [4.0, 1.0, 2.0, 0.5]})
    >>> run = pd.DataFrame({"step": [0, 1], "w": [0.0, 0.8], "b": [0.0, 0.6], "loss": [4.0, 0.7]})
    >>> chart = descent_explorer(surface, {"slow": run, "fast": run}, start="fast", title="T",
    ...                          w_title="w", b_title="b", loss_title="loss", step_title="step",
    ...                          picker_label="rate", surface_title="surface",
    ...                          curve_title="loss per step", description="d")
    >>> chart.params[0].bind.options, chart.params[0].value  # one button per run
    (['slow', 'fast'], 'fast')
    """
    checked_frame(surface, "surface", ["w", "b", "loss"])
    if surface["w"].nunique() < 2 or surface["b"].nunique() < 2:
        raise ValueError("surface needs a grid: at least two values of w and two of b")
    if max(float(surface[c].max()) - float(surface[c].min()) for c in ("w", "b")) > 1e300:
        raise ValueError("surface's w and b span more than 1e300, too wide to draw; rescale them")
    if not isinstance(runs, dict):
        raise TypeError(f"runs must be a dict {{label: history}}, got {type(runs).__name__}")
    if not runs:
        raise ValueError("runs is empty; give at least one run")
    for label, run in runs.items():
        checked_frame(run, f"runs[{label!r}]", ["step", "w", "b", "loss"])
    if not isinstance(start, str) or start not in runs:
        raise ValueError(f"start must be one of the runs {list(runs)}, got {start!r}")
    labels = list(runs)
    history = pd.concat([run.assign(run=label) for label, run in runs.items()], ignore_index=True)
    picked = alt.param(
        name="run", value=start, bind=alt.binding_radio(options=labels, name=picker_label)
    )
    w_vals, b_vals = np.unique(surface["w"]), np.unique(surface["b"])
    dw, db = float(np.diff(w_vals).mean()), float(np.diff(b_vals).mean())
    w_scale = alt.Scale(domain=[float(w_vals[0] - dw / 2), float(w_vals[-1] + dw / 2)], nice=False)
    b_scale = alt.Scale(domain=[float(b_vals[0] - db / 2), float(b_vals[-1] + db / 2)], nice=False)
    grid = rounded(
        surface.assign(
            w2=surface["w"] + dw / 2,  # each cell reaches half a step either side of its point
            b2=surface["b"] + db / 2,
            w=surface["w"] - dw / 2,
            b=surface["b"] - db / 2,
        ),
        5,
    )
    heat = (
        alt.Chart(grid)
        .mark_rect()
        .encode(
            x=alt.X("w:Q", title=w_title, scale=w_scale),
            x2="w2:Q",
            y=alt.Y("b:Q", title=b_title, scale=b_scale),
            y2="b2:Q",
            color=alt.Color(
                "loss:Q",
                title=loss_title,
                scale=alt.Scale(type="log", scheme="viridis", reverse=True),
                legend=alt.Legend(orient="bottom", gradientLength=200),
            ),
        )
    )
    # A diverging run leaves the surface: its path stops where it crosses the surface's
    # edge, marked there with a cross (the loss curve below still shows every step).
    box = (w_scale.domain[0], w_scale.domain[1], b_scale.domain[0], b_scale.domain[1])
    kept, exits = [], []
    for label, run in runs.items():
        path_rows, exit_point = clipped_path(run[["step", "w", "b"]].to_numpy(float), box)
        kept.append(pd.DataFrame(path_rows, columns=["step", "w", "b"]).assign(run=label))
        if exit_point is not None:
            exits.append({"run": label, "w": exit_point[0], "b": exit_point[1]})
    inside = rounded(pd.concat(kept, ignore_index=True), 6)
    path = (
        alt.Chart(inside)
        .transform_filter(alt.datum.run == picked)
        .mark_line(
            color="#ffffff",
            strokeWidth=2,
            clip=True,
            point=alt.OverlayMarkDef(color="#ffffff", size=14, clip=True),
        )
        .encode(x=alt.X("w:Q", scale=w_scale), y=alt.Y("b:Q", scale=b_scale), order="step:Q")
    )
    leaves = (
        alt.Chart(rounded(pd.DataFrame(exits, columns=["run", "w", "b"]), 6))
        .transform_filter(alt.datum.run == picked)
        .mark_point(
            shape="cross",
            filled=True,
            size=160,
            color=RED,
            stroke="#ffffff",
            strokeWidth=1,
            opacity=1,
        )
        .encode(x=alt.X("w:Q", scale=w_scale), y=alt.Y("b:Q", scale=b_scale))
        .properties(name="path_exit")  # its data table's name (render.TABLE_WORDS "layers")
    )
    # Axis space is fixed, so no run's numbers widen the chart and push its titles off.
    fixed = {"minExtent": 46, "maxExtent": 46, "labelLimit": 40}
    heat = heat.encode(y=alt.Y("b:Q", title=b_title, scale=b_scale, axis=alt.Axis(**fixed)))
    surface_chart = alt.layer(heat, path, leaves).properties(
        width=WIDTH, height=250, title=surface_title
    )
    losses = rounded(history[["run", "step", "loss"]], 6)
    positive = losses["loss"][losses["loss"] > 0]
    decades = range(
        int(np.floor(np.log10(positive.min()))), int(np.ceil(np.log10(positive.max()))) + 1
    )
    powers = [10.0**k if k < 0 else 10**k for k in decades]  # ticks and grid at powers of ten
    curve_chart = (
        alt.Chart(losses)
        .transform_filter(alt.datum.run == picked)
        .mark_line(color=BLUE, strokeWidth=2.5, point=True)
        .encode(
            x=alt.X("step:Q", title=step_title),
            y=alt.Y(
                "loss:Q",
                title=loss_title,
                scale=alt.Scale(type="log"),
                axis=alt.Axis(values=powers, labelExpr=POWER_OF_TEN_LABEL, **fixed),
            ),
        )
        .properties(width=WIDTH, height=180, title=curve_title)
    )
    chart = (
        alt.vconcat(surface_chart, curve_chart)
        .add_params(picked)
        .resolve_scale(color="independent")
    )
    # the tables are named by their panels: "path over the loss surface", not "line of b"
    panels = {b_title: surface_title, loss_title: curve_title}
    return name_tables(
        titled(chart, title, description), {y: t[:1].upper() + t[1:] for y, t in panels.items()}
    )


def _step_tables(chart, y_title: str, loss_title: str, step_title: str):
    """Name the tables of a chart with a network's curve per step over its loss per step."""
    words = TABLE_WORDS[chart_language({"title": chart.title, "description": chart.description})]
    return name_tables(
        chart,
        {
            y_title: words["fits"].format(step=step_title),
            loss_title: words["losses"].format(step=step_title),
        },
    )


def training_explorer(
    x,
    y,
    fits: pd.DataFrame,
    history: pd.DataFrame,
    *,
    step_every: int,
    title: str,
    x_title: str,
    y_title: str,
    step_title: str,
    loss_title: str,
    slider_label: str,
    description: str | None = None,
) -> alt.VConcatChart:
    """A network's fit at a training step picked with a slider, over its loss curve.

    ``fits`` has columns step, x, y_hat (the network's curve at each recorded
    step); ``history`` has step and loss for every step.

    >>> fits = pd.DataFrame({"step": [0, 0, 10, 10], "x": [0, 1, 0, 1], "y_hat": [0, 0, 0, 1]})
    >>> history = pd.DataFrame({"step": [0, 5, 10], "loss": [1.0, 0.5, 0.1]})
    >>> chart = training_explorer([0, 1], [0, 1], fits, history, step_every=10, title="T",
    ...                           x_title="x", y_title="y", step_title="step", loss_title="loss",
    ...                           slider_label="step", description="d")
    >>> chart.params[0].value  # the slider starts at the last recorded step
    10
    """
    paired(x, y)
    checked_frame(fits, "fits", ["step", "x", "y_hat"])
    checked_frame(history, "history", ["step", "loss"])
    if (history["loss"] <= 0).any():
        raise ValueError("history['loss'] must be greater than 0 (the loss axis is logarithmic)")
    positive_int(step_every, "step_every")
    points = pd.DataFrame({"x": np.asarray(x, float), "y": np.asarray(y, float)})
    last = int(fits["step"].max())
    step = slider("step", last, 0, last, step_every, slider_label)
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    y_enc = alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False))
    dots = alt.Chart(points).mark_circle(size=25, opacity=0.45, color=BLUE).encode(x=x_enc, y=y_enc)
    fit = (
        alt.Chart(rounded(fits, 5))
        .transform_filter(alt.datum.step == step)
        .mark_line(color=ORANGE, strokeWidth=3)
        .encode(x=x_enc, y=alt.Y("y_hat:Q", title=y_title))
    )
    top = alt.layer(dots, fit).properties(width=WIDTH, height=230)
    loss_line = (
        alt.Chart(rounded(history, 6))
        .mark_line(color=BLUE, strokeWidth=2)
        .encode(
            x=alt.X("step:Q", title=step_title),
            y=alt.Y("loss:Q", title=loss_title, scale=alt.Scale(type="log")),
        )
    )
    marker = step_marker(step)
    bottom = alt.layer(loss_line, marker).properties(width=WIDTH, height=150)
    return _step_tables(
        titled(alt.vconcat(top, bottom).add_params(step), title, description),
        y_title,
        loss_title,
        step_title,
    )


# ----------------------------------------------------------------------------
# chapter 7: training and test loss, step by step


def generalisation_explorer(
    train: pd.DataFrame,
    test: pd.DataFrame,
    fits: pd.DataFrame,
    curves: pd.DataFrame,
    *,
    step_every: int,
    title: str,
    x_title: str,
    y_title: str,
    step_title: str,
    loss_title: str,
    train_label: str,
    test_label: str,
    legend_title: str,
    slider_label: str,
    description: str | None = None,
) -> alt.VConcatChart:
    """A network's curve at a training step picked with a slider, over training and test points,
    and below it the training and test loss over the steps with a marker at that step.

    ``train`` and ``test`` have columns x, y; ``fits`` has step, x, y_hat;
    ``curves`` has step, train, test (the two losses at each recorded step).

    >>> points = pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0]})
    >>> fits = pd.DataFrame({"step": [0, 0, 5, 5], "x": [0, 1, 0, 1], "y_hat": [0.5, 0.5, 0, 1]})
    >>> curves = pd.DataFrame({"step": [0, 5], "train": [0.5, 0.1], "test": [0.6, 0.2]})
    >>> chart = generalisation_explorer(points, points, fits, curves, step_every=5, title="T",
    ...                                 x_title="x", y_title="y", step_title="step",
    ...                                 loss_title="loss", train_label="training",
    ...                                 test_label="test", legend_title="data",
    ...                                 slider_label="step", description="d")
    >>> len(chart.vconcat), chart.params[0].value  # curve over points, losses below
    (2, 5)
    """
    for name, frame, columns in (
        ("train", train, ["x", "y"]),
        ("test", test, ["x", "y"]),
        ("fits", fits, ["step", "x", "y_hat"]),
        ("curves", curves, ["step", "train", "test"]),
    ):
        checked_frame(frame, name, columns)
    positive_int(step_every, "step_every")
    for name, frame, columns in (
        ("train", train, {"x", "y"}),
        ("test", test, {"x", "y"}),
        ("fits", fits, {"step", "x", "y_hat"}),
        ("curves", curves, {"step", "train", "test"}),
    ):
        missing = columns - set(frame.columns)
        if missing or frame.empty:
            raise ValueError(f"{name} needs the columns {sorted(columns)} and at least one row")
    last = int(fits["step"].max())
    step = slider("step", last, 0, last, step_every, slider_label)
    points = pd.concat(
        [train.assign(set=train_label), test.assign(set=test_label)], ignore_index=True
    )[["x", "y", "set"]]
    colour = alt.Color(
        "set:N",
        title=legend_title,
        scale=alt.Scale(domain=[train_label, test_label], range=[BLUE, GREY]),
        # the symbols in full colour (the faint test dots' opacity would make the
        # training dot navy on the dark theme)
        legend=alt.Legend(orient="bottom", direction="horizontal", symbolOpacity=1),
    )
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    y_enc = alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False))
    # the few training points stand out; the many test points stay in the background
    test_dots = (
        alt.Chart(rounded(points[points["set"] == test_label], 4))
        .mark_circle(size=16, opacity=0.4)
        .encode(x=x_enc, y=y_enc, color=colour)
    )
    train_dots = (
        alt.Chart(rounded(points[points["set"] == train_label], 4))
        .mark_circle(size=60, opacity=0.95, stroke="white", strokeWidth=0.8)
        .encode(x=x_enc, y=y_enc, color=colour)
    )
    dots = alt.layer(test_dots, train_dots)
    fit = (
        alt.Chart(rounded(fits, 5))
        .transform_filter(alt.datum.step == step)
        .mark_line(color=ORANGE, strokeWidth=3, clip=True)
        .encode(x=x_enc, y=alt.Y("y_hat:Q", title=y_title))
    )
    top = alt.layer(dots, fit).properties(width=WIDTH, height=230)
    long = curves.melt(
        id_vars="step", value_vars=["train", "test"], var_name="set", value_name="loss"
    ).replace({"set": {"train": train_label, "test": test_label}})
    loss_lines = (
        alt.Chart(rounded(long, 6))
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X("step:Q", title=step_title),
            y=alt.Y("loss:Q", title=loss_title, scale=alt.Scale(type="log")),
            color=colour,
        )
    )
    marker = step_marker(step)
    bottom = alt.layer(loss_lines, marker).properties(width=WIDTH, height=150)
    return _step_tables(
        titled(alt.vconcat(top, bottom).add_params(step), title, description),
        y_title,
        loss_title,
        step_title,
    )
