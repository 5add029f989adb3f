"""Static figures: scatter plots, lines, curves, histograms and diagrams.

Each builder receives data the chapter computed (with :mod:`lessons.ols`,
:mod:`lessons.stats` …) and the chart's words in the page's language; it
imports no lesson module, so editing the lesson code re-runs only the pages
that call it.

>>> import pandas as pd
>>> points = pd.DataFrame({"x": [1, 2, 3], "y": [2, 4, 5]})
>>> chart = scatter(points, "x", "y", title="Points", x_title="x", y_title="y",
...                 description="Three points rising to the right.")
>>> html = to_html(chart)
>>> html.startswith('<figure class="book-chart"'), "Points" in html
(True, True)
"""

from __future__ import annotations

import json
from typing import NamedTuple

import altair as alt
import numpy as np
import pandas as pd
import vl_convert

from lessons._checks import as_float, as_floats, paired, positive_int
from lessons.charts.render import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    RED,
    VEGA_LITE_VERSION,
    WIDTH,
    checked_frame,
    shown_points,
    titled,
    to_html,  # noqa: F401  (the examples in the docstrings render with it)
)

__all__ = [
    "scatter",
    "line_through_points",
    "curve",
    "regression_transform_line",
    "scatter_with_lines",
    "nested_sets",
    "histogram_with_curve",
    "network_diagram",
]

#: Pixels kept between the outermost points and the plot's frame: a point on the
#: smallest or largest value is drawn whole, not half under an axis.
PAD = 10


class FittedLine(NamedTuple):
    """The slope and intercept Vega-Altair's regression transform found."""

    slope: float
    intercept: float


def scatter(
    data: pd.DataFrame,
    x: str,
    y: str,
    *,
    title: str,
    x_title: str,
    y_title: str,
    description: str | None = None,
    zero: bool = False,
    max_points: int | None = None,
) -> alt.Chart:
    """Points of ``data`` (columns ``x`` and ``y``); at most ``max_points`` of them, sampled.

    >>> points = pd.DataFrame({"x": [1, 2, 3], "y": [2, 4, 5]})
    >>> html = to_html(scatter(points, "x", "y", title="Rising", x_title="x", y_title="y",
    ...                        description="Three points rising to the right."))
    >>> html.count("<svg"), ">Rising<" in html
    (1, True)
    """
    checked_frame(data, "data", [x, y])
    if max_points is not None:
        positive_int(max_points, "max_points")
    data = shown_points(data[[x, y]], max_points)
    chart = (
        alt.Chart(data)
        .mark_circle(size=40, opacity=0.7, color=BLUE)
        .encode(
            x=alt.X(x, type="quantitative", title=x_title, scale=alt.Scale(zero=zero, padding=PAD)),
            y=alt.Y(y, type="quantitative", title=y_title, scale=alt.Scale(zero=zero, padding=PAD)),
        )
    )
    return titled(chart, title, description)


def line_through_points(
    data: pd.DataFrame,
    x: str,
    y: str,
    slope: float,
    intercept: float,
    *,
    title: str,
    x_title: str,
    y_title: str,
    description: str | None = None,
    show_residuals: bool = True,
) -> alt.LayerChart:
    """Points, the line y = slope·x + intercept, and (optionally) each residual as a segment.

    >>> points = pd.DataFrame({"x": [0, 1, 2], "y": [1, 2, 2]})
    >>> chart = line_through_points(points, "x", "y", 0.5, 1.0, title="A line", x_title="x",
    ...                             y_title="y", description="A line and three residuals.")
    >>> [layer.mark.type for layer in chart.layer]  # residuals under the line, points on top
    ['rule', 'line', 'circle']
    """
    checked_frame(data, "data", [x, y])
    as_float(slope, "slope"), as_float(intercept, "intercept")
    if abs(float(slope)) * float(data[x].abs().max()) + abs(float(intercept)) > 1e300:
        raise ValueError(
            "slope·x + intercept goes beyond ±1e300, too large to draw; rescale the data"
        )
    frame = pd.DataFrame({"x": np.asarray(data[x], float), "y": np.asarray(data[y], float)})
    frame["line_prediction"] = slope * frame["x"] + intercept
    xs = np.array([frame["x"].min(), frame["x"].max()])
    pad = 0.05 * (xs[1] - xs[0] or 1.0)
    xs = xs + np.array([-pad, pad])
    ends = pd.DataFrame({"x": xs, "line_prediction": slope * xs + intercept})
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, padding=PAD))
    points = (
        alt.Chart(frame)
        .mark_circle(size=70, color=BLUE, opacity=0.9)
        .encode(x=x_enc, y=alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False, padding=PAD)))
    )
    line = (
        alt.Chart(ends)
        .mark_line(color=ORANGE, strokeWidth=2.5)
        .encode(x=x_enc, y="line_prediction:Q")
    )
    layers = [line, points]
    if show_residuals:
        layers.insert(
            0,
            alt.Chart(frame)
            .mark_rule(color=RED, strokeDash=[4, 3])
            .encode(x=x_enc, y="y:Q", y2="line_prediction:Q")
            .properties(name="residuals"),  # its data table's name (render.TABLE_WORDS)
        )
    return titled(alt.layer(*layers), title, description)


def curve(
    x,
    y,
    *,
    mark_x: float | None = None,
    title: str,
    x_title: str,
    y_title: str,
    description: str | None = None,
) -> alt.LayerChart:
    """A curve y(x), with a dot at ``mark_x`` (for example the minimum of a loss).

    >>> chart = curve([0, 1, 2], [1, 0, 1], mark_x=0.9, title="Loss", x_title="w", y_title="L",
    ...               description="A valley with its lowest point marked.")
    >>> chart.layer[1].data.to_dict("records")  # the dot sits on the point nearest mark_x
    [{'x': 1.0, 'y': 0.0}]
    """
    paired(x, y)
    if mark_x is not None:
        as_float(mark_x, "mark_x")
    frame = pd.DataFrame({"x": np.asarray(x, float), "y": np.asarray(y, float)})
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    y_enc = alt.Y("y:Q", title=y_title)
    layers = [
        alt.Chart(frame)
        .mark_line(color=BLUE, strokeWidth=2.5)
        .encode(x=x_enc, y=y_enc)
        .properties(name="curve")  # its data table's name (render.TABLE_WORDS "layers")
    ]
    if mark_x is not None:
        nearest = frame.iloc[[int(np.argmin(np.abs(frame["x"] - mark_x)))]]
        layers.append(
            alt.Chart(nearest)
            .mark_point(size=90, filled=True, color=ORANGE)
            .encode(x=x_enc, y=y_enc)
            .properties(name="marked_point")
        )
    return titled(alt.layer(*layers), title, description)


def regression_transform_line(data: pd.DataFrame, x: str, y: str) -> FittedLine:
    """The line Vega-Altair's own regression transform fits (ordinary least squares).

    Vega evaluates the transform (in vl-convert, at build time); this reads its
    coefficients back, as an independent check of :func:`lessons.ols.fit_line`.

    >>> import pandas as pd
    >>> line = regression_transform_line(pd.DataFrame({"x": [0, 1, 2], "y": [1, 3, 5]}), "x", "y")
    >>> round(line.slope, 9), round(line.intercept, 9)
    (2.0, 1.0)

    >>> regression_transform_line(pd.DataFrame({"x": [1, 1], "y": [0, 2]}), "x", "y")
    Traceback (most recent call last):
    ...
    ValueError: data['x'] needs at least two different values to fit a line
    """
    checked_frame(data, "data", [x, y])
    if data[x].nunique() < 2:
        raise ValueError(f"data[{x!r}] needs at least two different values to fit a line")
    if np.abs(data[[x, y]].to_numpy(float)).max() > 1e100 or data[x].var(ddof=0) <= max(
        1e-24, 1e-8 * (data[x] ** 2).mean()
    ):
        raise ValueError(
            f"data[{x!r}] and data[{y!r}] must lie within ±1e100, and data[{x!r}] "
            "must vary by more than about 1e-12 and 1e-4 of its size: Vega's regression "
            "works with raw sums of squares; centre or rescale the data"
        )
    frame = pd.DataFrame({"x": np.asarray(data[x], float), "y": np.asarray(data[y], float)})
    chart = (
        alt.Chart(frame)
        .transform_regression("x", "y", method="linear", params=True)
        .transform_calculate(
            coefficients="format(datum.coef[1], '.17g') + ' ' + format(datum.coef[0], '.17g')"
        )
        .mark_text()
        .encode(text="coefficients:N")
    )
    scene = vl_convert.vegalite_to_scenegraph(chart.to_dict(), vl_version=VEGA_LITE_VERSION)
    texts = []

    def collect(node):
        if isinstance(node, dict):
            if node.get("marktype") == "text":
                texts.extend(item["text"] for item in node.get("items", []))
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(scene)
    # Vega formats negative numbers with the minus sign U+2212
    slope, intercept = (float(part.replace("\u2212", "-")) for part in texts[0].split())
    return FittedLine(slope, intercept)


def scatter_with_lines(
    data: pd.DataFrame,
    x: str,
    y: str,
    lines: dict[str, tuple[float, float]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    description: str | None = None,
    max_points: int | None = None,
    regression_label: str | None = None,
) -> alt.LayerChart:
    """Points with one or more straight lines ``{label: (slope, intercept)}``.

    With ``regression_label`` the chart also draws the line Vega-Altair's own
    regression transform fits to the same points, dashed, for comparison.

    >>> points = pd.DataFrame({"x": [0, 1, 2], "y": [1, 2, 4]})
    >>> chart = scatter_with_lines(points, "x", "y", {"ours": (1.5, 0.8)}, title="T", x_title="x",
    ...                            y_title="y", legend_title="line", description="Points, two lines.",
    ...                            regression_label="Vega's")
    >>> len(chart.layer), ">Vega's<" in to_html(chart)  # points, our line, Vega's line (in the legend)
    (3, True)
    """
    checked_frame(data, "data", [x, y])
    if max_points is not None:
        positive_int(max_points, "max_points")
    if not isinstance(lines, dict):
        raise TypeError(
            f"lines must be a dict {{label: (slope, intercept)}}, got {type(lines).__name__}"
        )
    for label, line in lines.items():
        if as_floats(line, f"lines[{label!r}]").size != 2:
            raise ValueError(f"lines[{label!r}] must be (slope, intercept), got {line!r}")
    points = shown_points(data[[x, y]].rename(columns={x: "x", y: "y"}), max_points)
    lo, hi = float(data[x].min()), float(data[x].max())
    rows = [
        {"line": label, "x": end, "line_prediction": slope * end + intercept}
        for label, (slope, intercept) in lines.items()
        for end in (lo, hi)
    ]
    names = list(lines) + ([regression_label] if regression_label else [])
    colour = alt.Color(
        "line:N",
        title=legend_title,
        scale=alt.Scale(domain=names, range=[ORANGE, GREEN, RED, GREY][: len(names)]),
        legend=alt.Legend(orient="bottom", direction="vertical"),
    )
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    y_scale = alt.Scale(zero=False)
    y_enc = alt.Y("y:Q", title=y_title, scale=y_scale)
    layers = [
        alt.Chart(points).mark_circle(size=25, opacity=0.45, color=BLUE).encode(x=x_enc, y=y_enc),
        alt.Chart(pd.DataFrame(rows))
        .mark_line(strokeWidth=3)
        .encode(x=x_enc, y=alt.Y("line_prediction:Q", scale=y_scale), color=colour),
    ]
    if regression_label:
        layers.append(
            alt.Chart(data[[x, y]].rename(columns={x: "x", y: "y"}))
            .transform_regression("x", "y", method="linear")
            .transform_calculate(line=json.dumps(regression_label))
            .mark_line(strokeDash=[6, 4], strokeWidth=2)
            .encode(x=x_enc, y=y_enc, color=colour)
        )
    return titled(alt.layer(*layers), title, description)


def nested_sets(names: list[str], *, title: str, description: str | None = None) -> alt.LayerChart:
    """Nested circles, outermost first (artificial intelligence ⊃ machine learning ⊃ …).

    >>> chart = nested_sets(["AI", "ML", "DL"], title="Sets", description="Three nested circles.")
    >>> chart.data[["name", "size"]].to_dict("list")  # size: the circle's (2r)²
    {'name': ['AI', 'ML', 'DL'], 'size': [78400, 38416, 12544]}
    """
    if not isinstance(names, (list, tuple)) or not all(isinstance(name, str) for name in names):
        raise TypeError(f"names must be a list of texts, outermost first; got {names!r}")
    if not 1 <= len(names) <= 3:
        raise ValueError(f"names needs one to three names, got {len(names)}")
    side = 300
    radii = [140, 98, 56][: len(names)]
    # Vega sizes a symbol by the area of its bounding square: (2r)² for a circle of radius r
    circles = pd.DataFrame(
        {
            "name": names,
            "size": [4 * r * r for r in radii],
            "cy": [side - 6 - r for r in radii],
            "label_y": [side - 6 - 2 * r + 18 for r in radii],
        }
    )
    colour = alt.Color(
        "name:N", legend=None, scale=alt.Scale(domain=names, range=[BLUE, ORANGE, GREEN])
    )
    shapes = (
        alt.Chart(circles)
        .mark_point(shape="circle", filled=True, opacity=0.3, strokeWidth=2)
        .encode(
            x=alt.value(side / 2),
            y=alt.Y("cy:Q", scale=None),
            size=alt.Size("size:Q", scale=None),
            color=colour,
            stroke=colour,
        )
    )
    labels = (
        alt.Chart(circles)
        .mark_text(fontSize=13, fontWeight="bold")
        .encode(x=alt.value(side / 2), y=alt.Y("label_y:Q", scale=None), text="name:N")
    )
    chart = alt.layer(shapes, labels).properties(width=side, height=side)
    return titled(chart, title, description)


def histogram_with_curve(
    values,
    curve_x,
    curve_density,
    *,
    bins: int = 40,
    title: str,
    x_title: str,
    y_title: str,
    description: str | None = None,
) -> alt.LayerChart:
    """A density histogram of ``values`` with a curve (for example a normal density) over it.

    The histogram's bars have total area 1, so they compare directly with a density curve.

    >>> chart = histogram_with_curve([0, 1, 1, 2], [0, 1, 2], [0.25, 0.5, 0.25], bins=2, title="H",
    ...                              x_title="x", y_title="density", description="Two bars, a curve.")
    >>> bars = chart.layer[0].data
    >>> bars["density"].tolist(), float((bars["density"] * (bars["end"] - bars["start"])).sum())
    ([0.25, 0.75], 1.0)
    """
    checked = as_floats(values, "values")
    if float(checked.max()) - float(checked.min()) > 1e300:
        raise ValueError("values span more than 1e300, too wide for histogram bins; rescale them")
    paired(curve_x, curve_density, ("curve_x", "curve_density"))
    positive_int(bins, "bins", maximum=10_000)
    values = np.asarray(values, float)
    counts, edges = np.histogram(values, bins=bins)
    density = counts / (counts.sum() * np.diff(edges))
    bars = pd.DataFrame({"start": edges[:-1], "end": edges[1:], "density": density})
    curve_data = pd.DataFrame(
        {"x": np.asarray(curve_x, float), "density": np.asarray(curve_density, float)}
    )
    x_scale = alt.Scale(domain=[float(edges[0]), float(edges[-1])], nice=False)
    layers = [
        alt.Chart(bars)
        .mark_rect(color=BLUE, opacity=0.6)
        .encode(
            x=alt.X("start:Q", title=x_title, scale=x_scale),
            x2="end:Q",
            y=alt.Y("density:Q", title=y_title),
            y2=alt.datum(0),
        ),
        alt.Chart(curve_data)
        .mark_line(color=ORANGE, strokeWidth=3)
        .encode(x=alt.X("x:Q", scale=x_scale), y="density:Q")
        .properties(name="curve"),
    ]
    return titled(alt.layer(*layers), title, description)


def network_diagram(
    sizes: list[int], *, layer_names: list[str], title: str, description: str | None = None
) -> alt.LayerChart:
    """Neurons as circles in layers, every neuron wired to every neuron of the next layer.

    >>> chart = network_diagram([2, 3, 1], layer_names=["in", "hidden", "out"], title="Net",
    ...                         description="Two inputs, three hidden neurons, one output.")
    >>> len(chart.layer[1].data), chart.layer[0].data["edge"].nunique()  # neurons, wires (2·3 + 3·1)
    (6, 9)
    """
    if not isinstance(sizes, (list, tuple)):
        raise TypeError(f"sizes must be a list of layer sizes, got {type(sizes).__name__}")
    if not sizes:
        raise ValueError("sizes is empty; give the number of neurons in each layer")
    for i, size in enumerate(sizes):
        positive_int(size, f"sizes[{i}]", maximum=100)
    if len(layer_names) != len(sizes):
        raise ValueError("give one name per layer")
    nodes = pd.DataFrame(
        [
            {"layer": i, "pos": j - (n - 1) / 2, "name": layer_names[i]}
            for i, n in enumerate(sizes)
            for j in range(n)
        ]
    )
    edges = pd.DataFrame(
        [
            {"edge": f"{i}-{j}-{k}", "layer": layer, "pos": pos}
            for i, (n, m) in enumerate(zip(sizes, sizes[1:]))
            for j in range(n)
            for k in range(m)
            for layer, pos in ((i, j - (n - 1) / 2), (i + 1, k - (m - 1) / 2))
        ]
    )
    top = max(sizes) / 2 + 0.2
    x_scale = alt.Scale(domain=[-0.4, len(sizes) - 0.6], nice=False)
    y_scale = alt.Scale(domain=[-top, top + 0.8], nice=False)
    x_enc = alt.X("layer:Q", scale=x_scale, axis=None)
    y_enc = alt.Y("pos:Q", scale=y_scale, axis=None)
    wires = (
        alt.Chart(edges)
        .mark_line(color=GREY, opacity=0.6)
        .encode(x=x_enc, y=y_enc, detail="edge:N")
    )
    circles = (
        alt.Chart(nodes)
        .mark_circle(size=420, color=BLUE, opacity=1, stroke="white", strokeWidth=1.5)
        .encode(x=x_enc, y=y_enc)
    )
    names = (
        alt.Chart(nodes.drop_duplicates("layer"))
        .mark_text(fontSize=12, baseline="bottom")
        .encode(x=x_enc, y=alt.datum(top + 0.6), text="name:N")
    )
    chart = alt.layer(wires, circles, names).properties(width=WIDTH, height=220)
    return titled(chart, title, description)


# ----------------------------------------------------------------------------
# chapters 1–4 (branch chA): the map of the field, residuals in bins


def ai_map(
    nested: list[str], overlap: str, *, title: str, description: str | None = None
) -> alt.LayerChart:
    """Nested circles (outermost first) and one more circle that overlaps the middle one.

    Chapter 1 draws artificial intelligence ⊃ machine learning ⊃ deep learning,
    with data science overlapping machine learning (and reaching outside
    artificial intelligence). A label may break lines with ``\\n``.

    >>> chart = ai_map(["AI", "ML", "DL"], "data\\nscience", title="Map", description="Circles.")
    >>> [layer.mark.type for layer in chart.layer]
    ['point', 'point', 'text']
    """
    if not isinstance(nested, (list, tuple)) or not all(
        isinstance(name, str) for name in [*nested, overlap]
    ):
        raise TypeError(
            f"nested must be a list of texts and overlap a text, got {nested!r} and {overlap!r}"
        )
    if len(nested) != 3:
        raise ValueError("give three nested names, outermost first")
    width, height = 360, 300
    # centres and radii in pixels; y grows downwards
    circles = pd.DataFrame(
        {
            "name": list(nested) + [overlap],
            "cx": [140, 140, 140, 282],
            "cy": [154, 196, 238, 178],
            "r": [140, 98, 56, 74],
            "label_x": [140, 140, 140, 312],
            "label_y": [32, 116, 200, 172],
        }
    )
    circles["size"] = 4 * circles["r"] ** 2  # Vega sizes a symbol by its bounding square
    names = circles["name"].tolist()
    colour = alt.Color(
        "name:N", legend=None, scale=alt.Scale(domain=names, range=[BLUE, ORANGE, GREEN, RED])
    )
    x_enc = alt.X("cx:Q", scale=None, axis=None)
    y_enc = alt.Y("cy:Q", scale=None, axis=None)
    nested_shapes = (
        alt.Chart(circles.iloc[:3])
        .mark_point(shape="circle", filled=True, opacity=0.28, strokeWidth=2)
        .encode(x=x_enc, y=y_enc, size=alt.Size("size:Q", scale=None), color=colour, stroke=colour)
    )
    overlap_shape = (
        alt.Chart(circles.iloc[3:])
        .mark_point(shape="circle", filled=True, opacity=0.25, strokeWidth=2, strokeDash=[6, 4])
        .encode(x=x_enc, y=y_enc, size=alt.Size("size:Q", scale=None), color=colour, stroke=colour)
    )
    labels = (
        alt.Chart(circles)
        .mark_text(fontSize=13, fontWeight="bold", lineBreak="\n")
        .encode(
            x=alt.X("label_x:Q", scale=None, axis=None),
            y=alt.Y("label_y:Q", scale=None, axis=None),
            text="name:N",
        )
    )
    chart = alt.layer(nested_shapes, overlap_shape, labels).properties(width=width, height=height)
    return titled(chart, title, description)


def residual_plot(
    x,
    residuals,
    binned: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    y_title: str,
    points_label: str,
    bins_label: str,
    legend_title: str,
    description: str | None = None,
) -> alt.LayerChart:
    """Residuals against x, a zero line, and the mean residual of each bin as a bar across it.

    ``binned`` has columns low, high, mean (see :func:`lessons.bins.binned_means`).
    Points above zero lie above the line (the line is too low there).

    >>> import pandas as pd
    >>> binned = pd.DataFrame({"low": [0, 2], "high": [2, 4], "mean": [0.5, -0.5]})
    >>> chart = residual_plot([1, 3], [0.5, -0.5], binned, title="R", x_title="x", y_title="r",
    ...                       points_label="point", bins_label="bin mean", legend_title="",
    ...                       description="Residuals.")
    >>> len(chart.layer)
    4
    """
    paired(x, residuals, ("x", "residuals"))
    checked_frame(binned, "binned", ["low", "high", "mean"])
    points = pd.DataFrame(
        {"x": np.asarray(x, float), "residual": np.asarray(residuals, float), "what": points_label}
    )
    bars = binned[["low", "high", "mean"]].astype(float).assign(what=bins_label)
    bars = bars.rename(columns={"mean": "bin_mean"})  # its table says "mean residual of the bin"
    bars["bin_middle"] = (bars["low"] + bars["high"]) / 2
    colour = alt.Color(
        "what:N",
        title=legend_title or None,
        scale=alt.Scale(domain=[points_label, bins_label], range=[BLUE, ORANGE]),
        legend=alt.Legend(orient="bottom", direction="horizontal", symbolOpacity=1),
    )
    x_enc = alt.X(
        "x:Q",
        title=x_title,
        scale=alt.Scale(domain=[float(bars["low"].min()), float(bars["high"].max())], nice=False),
    )
    layers = [
        alt.Chart(pd.DataFrame({"zero": [0.0]}))
        .mark_rule(color=GREY, strokeWidth=1.5)
        .encode(y=alt.Y("zero:Q")),
        alt.Chart(points)
        .mark_circle(size=22, opacity=0.45)
        .encode(x=x_enc, y=alt.Y("residual:Q", title=y_title), color=colour),
        alt.Chart(bars)
        .mark_rule(strokeWidth=4)
        .encode(x=alt.X("low:Q"), x2="high:Q", y=alt.Y("bin_mean:Q"), color=colour),
        alt.Chart(bars)
        .mark_point(filled=True, size=50, opacity=1)
        .encode(x=alt.X("bin_middle:Q"), y=alt.Y("bin_mean:Q"), color=colour),
    ]
    return titled(alt.layer(*layers), title, description)


# ----------------------------------------------------------------------------
# chapters 5 and 6 (second revision): several curves, small multiples, a 1-D descent


def lines(
    x,
    curves: dict,
    *,
    title: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    description: str | None = None,
    dashed: tuple[str, ...] = (),
    log_y: bool = False,
) -> alt.Chart:
    """Several curves over the same ``x``, ``{name: y values}``, with a legend (in that order).

    Curves named in ``dashed`` are drawn dashed, in the legend too.

    >>> chart = lines([0, 1], {"a": [0, 1], "b": [1, 0]}, title="T", x_title="x", y_title="y",
    ...               legend_title="curve", description="d", dashed=("b",))
    >>> to_html(chart).startswith('<figure class="book-chart"')
    True
    """
    as_floats(x, "x")
    if not isinstance(curves, dict):
        raise TypeError(f"curves must be a dict {{name: y values}}, got {type(curves).__name__}")
    if not curves:
        raise ValueError("curves is empty; give at least one curve")
    for name, values in curves.items():
        if (paired(x, values, ("x", f"curves[{name!r}]"))[1] <= 0).any() and log_y:
            raise ValueError(
                f"curves[{name!r}] has values <= 0, which a log scale (log_y) cannot show"
            )
    xs = np.asarray(x, float)
    frame = pd.concat(
        [
            pd.DataFrame({"x": xs, "y": np.asarray(values, float), "series": name})
            for name, values in curves.items()
        ],
        ignore_index=True,
    )
    names = list(curves)
    palette = [BLUE, ORANGE, GREEN, RED, GREY]
    colour = alt.Color(
        "series:N",
        title=legend_title,
        scale=alt.Scale(domain=names, range=palette[: len(names)]),
        legend=alt.Legend(
            orient="bottom", direction="vertical", symbolType="stroke", symbolStrokeWidth=2.5
        ),
    )
    dash = alt.StrokeDash(
        "series:N",
        title=legend_title,
        scale=alt.Scale(
            domain=names, range=[[6, 4] if name in dashed else [1, 0] for name in names]
        ),
    )
    y_scale = alt.Scale(type="log") if log_y else alt.Scale(zero=False)
    chart = (
        alt.Chart(frame)
        .mark_line(strokeWidth=2.5)
        .encode(
            x=alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False)),
            y=alt.Y("y:Q", title=y_title, scale=y_scale),
            color=colour,
            strokeDash=dash,
            order=alt.Order("x:Q"),
        )
    )
    return titled(chart, title, description)


def panels(
    curves: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    y_title: str,
    description: str | None = None,
    points: pd.DataFrame | None = None,
    panel_width: int = 112,
    panel_height: int = 150,
) -> alt.HConcatChart:
    """Small multiples side by side: one panel per value of ``curves["panel"]`` (in order).

    ``curves`` has columns panel, x, y (one curve per panel); ``points`` (columns
    x, y), if given, is drawn in every panel under the curve. All panels share
    their axes, so the curves compare directly; the x axis is titled once, under
    the middle panel. Three panels stay narrow enough for a phone to show them
    without shrinking their text below 9 px.

    >>> curves = pd.DataFrame({"panel": ["a", "a", "b", "b"], "x": [0, 1, 0, 1], "y": [0, 1, 1, 0]})
    >>> chart = panels(curves, title="T", x_title="x", y_title="y", description="d")
    >>> len(chart.hconcat)
    2
    """
    checked_frame(curves, "curves", ["panel", "x", "y"], numeric=["x", "y"])
    if points is not None:
        checked_frame(points, "points", ["x", "y"])
    positive_int(panel_width, "panel_width"), positive_int(panel_height, "panel_height")
    frame = curves[["panel", "x", "y"]].copy()
    frame["panel"] = frame["panel"].astype(str)
    names = list(dict.fromkeys(frame["panel"]))
    xs = [frame["x"].min(), frame["x"].max()]
    ys = [frame["y"].min(), frame["y"].max()]
    if points is not None:
        xs += [points["x"].min(), points["x"].max()]
        ys += [points["y"].min(), points["y"].max()]
    x_scale = alt.Scale(domain=[float(min(xs)), float(max(xs))], nice=True, zero=False)
    y_scale = alt.Scale(domain=[float(min(ys)), float(max(ys))], nice=True, zero=False)
    frame = frame.rename(columns={"y": "curve_y"})  # its table says "... on the curve"
    charts = []
    middle = (len(names) - 1) // 2
    for index, name in enumerate(names):
        x_enc = alt.X(
            "x:Q",
            title=x_title if index == middle else None,
            scale=x_scale,
            axis=alt.Axis(labelFlush=True, tickCount=4),
        )

        def y_enc(field: str, first: bool = index == 0) -> alt.Y:
            return alt.Y(
                f"{field}:Q",
                title=y_title if first else None,
                scale=y_scale,
                axis=alt.Axis(labels=first, ticks=first, labelFlush=True),
            )

        layers = []
        if points is not None:
            layers.append(
                alt.Chart(points[["x", "y"]])
                .mark_circle(size=14, opacity=0.35, color=BLUE)
                .encode(x=x_enc, y=y_enc("y"))
            )
        layers.append(
            alt.Chart(frame[frame["panel"] == name])
            .mark_line(color=ORANGE, strokeWidth=2.5)
            .encode(x=x_enc, y=y_enc("curve_y"), order=alt.Order("x:Q"))
        )
        # each panel's name just above its plot, in the same place in every panel (a group
        # title would stand higher over the first panel, above its long y title)
        layers.append(
            alt.Chart(pd.DataFrame({"name": [name]}))
            .mark_text(align="left", baseline="bottom", dy=-6, fontSize=12, fontWeight="bold")
            .encode(x=alt.value(0), y=alt.value(0), text="name:N")
        )
        charts.append(alt.layer(*layers).properties(width=panel_width, height=panel_height))
    # "flush": the panels sit side by side by their plots; the one x title spreads under them
    return titled(alt.hconcat(*charts, spacing=10, bounds="flush"), title, description)


def descent_1d(
    curve_data: pd.DataFrame,
    path: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    y_title: str,
    description: str | None = None,
) -> alt.LayerChart:
    """A loss curve (columns x, y) and the steps of a descent on it (columns step, x, y).

    Each step is a dot, joined to the next by a thin line, so the reader sees
    the steps shrink as the slope flattens.

    >>> curve_data = pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [1.0, 0.0, 1.0]})
    >>> path = pd.DataFrame({"step": [0, 1], "x": [0.0, 0.5], "y": [1.0, 0.25]})
    >>> to_html(descent_1d(curve_data, path, title="T", x_title="w", y_title="L",
    ...                    description="d")).startswith('<figure class="book-chart"')
    True
    """
    checked_frame(curve_data, "curve_data", ["x", "y"])
    checked_frame(path, "path", ["step", "x", "y"])
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    y_enc = alt.Y("y:Q", title=y_title)
    loss_curve = (
        alt.Chart(curve_data[["x", "y"]])
        .mark_line(color=BLUE, strokeWidth=2.5)
        .encode(x=x_enc, y=y_enc, order=alt.Order("x:Q"))
        .properties(name="curve")
    )
    steps = path[["step", "x", "y"]]
    joins = (
        alt.Chart(steps)
        .mark_line(color=ORANGE, strokeWidth=1.2, opacity=0.8)
        .encode(x=x_enc, y=y_enc, order=alt.Order("step:Q"))
    )
    dots = (
        alt.Chart(steps)
        .mark_circle(size=70, color=ORANGE, opacity=1)
        .encode(x=x_enc, y=y_enc)
        .properties(name="descent_steps")
    )
    return titled(alt.layer(loss_curve, joins, dots), title, description)


# ----------------------------------------------------------------------------
# chapter 7: the computational graph


def computation_graph(
    nodes: pd.DataFrame, edges: list[tuple[str, str]], *, title: str, description: str | None = None
) -> alt.LayerChart:
    """Boxes for the quantities of a computation, lines for "is computed from".

    ``nodes`` has columns name (the label drawn), col and row (its place on a
    grid: columns run left to right in the order of the forward pass) and kind
    (``"input"``, ``"parameter"``, ``"value"`` or ``"loss"``, which sets the
    colour); ``edges`` are (from, to) pairs of names.

    >>> nodes = pd.DataFrame({"name": ["x", "z"], "col": [0, 1], "row": [0, 0],
    ...                       "kind": ["input", "value"]})
    >>> html = to_html(computation_graph(nodes, [("x", "z")], title="x to z",
    ...                                  description="x feeds z."))
    >>> html.count("<svg"), ">x to z<" in html
    (1, True)
    """
    checked_frame(nodes, "nodes", ["name", "col", "row", "kind"], numeric=["col", "row"])
    if not isinstance(edges, (list, tuple)) or not all(
        isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in edges
    ):
        raise TypeError(f"edges must be a list of (from, to) pairs of node names, got {edges!r}")
    missing = {"name", "col", "row", "kind"} - set(nodes.columns)
    if missing:
        raise ValueError(f"nodes needs the columns {sorted(missing)}")
    names = set(nodes["name"])
    unknown = [pair for pair in edges if pair[0] not in names or pair[1] not in names]
    if unknown:
        raise ValueError(f"edges name nodes that do not exist: {unknown}")
    place = nodes.set_index("name")[["col", "row"]].astype(float)
    cols = float(nodes["col"].max())
    rows = float(nodes["row"].max())
    height = max(120, 55 * (rows + 1))
    # pixels per grid unit, to end each wire at the border of its boxes, not their centres
    px = np.array([WIDTH / (cols + 1.0), height / (rows + 1.2)])
    half = 20.0  # half the side of a box, in pixels (the squares below have area 1,600)
    rows_out = []
    for i, (a, b) in enumerate(edges):
        start, end = place.loc[a].to_numpy() * px, place.loc[b].to_numpy() * px
        step = end - start
        unit = step / np.linalg.norm(step)
        cut = half / max(abs(unit[0]), abs(unit[1]))
        for point in (start + unit * cut, end - unit * cut):
            rows_out.append({"edge": i, "col": point[0] / px[0], "row": point[1] / px[1]})
    wires = pd.DataFrame(rows_out)
    kinds = ["input", "parameter", "value", "loss"]
    colour = alt.Color(
        "kind:N", legend=None, scale=alt.Scale(domain=kinds, range=[BLUE, GREY, GREEN, ORANGE])
    )
    x_enc = alt.X("col:Q", axis=None, scale=alt.Scale(domain=[-0.5, cols + 0.5], nice=False))
    y_enc = alt.Y("row:Q", axis=None, scale=alt.Scale(domain=[rows + 0.6, -0.6], nice=False))
    layers = [
        alt.Chart(wires)
        .mark_line(color=GREY, strokeWidth=1.5)
        .encode(x=x_enc, y=y_enc, detail="edge:N"),
        alt.Chart(nodes)
        .mark_point(shape="square", size=1600, filled=True, opacity=0.25)
        .encode(x=x_enc, y=y_enc, color=colour),
        alt.Chart(nodes)
        .mark_point(shape="square", size=1600, filled=False, strokeWidth=1.5)
        .encode(x=x_enc, y=y_enc, color=colour),
        alt.Chart(nodes)
        .mark_text(fontSize=14, fontWeight="bold")
        .encode(x=x_enc, y=y_enc, text="name:N"),
    ]
    chart = alt.layer(*layers).properties(width=WIDTH, height=height)
    return titled(chart, title, description)
