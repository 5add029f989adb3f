"""The Vega-Altair charts the chapters draw, and how they are rendered offline.

Every builder takes the chart's words (title, axis titles, description) from
the chapter, so the Korean and English pages share one builder and differ only
in language. Importing this module switches Altair to the ``book`` renderer:

- a chart is compiled at build time by ``vl-convert`` into an inline SVG, so a
  static chart costs the reader no JavaScript at all and draws even without it;
- a chart with a bound parameter (a slider) also carries its compiled Vega
  spec; the page then loads the site's own copy of Vega, which takes over the
  same figure in the browser (no CDN, no Python in the browser);
- the figure's id is derived from the spec, so two builds give the same HTML.

>>> import pandas as pd
>>> points = pd.DataFrame({"x": [1, 2, 3], "y": [2, 4, 5]})
>>> chart = scatter(points, "x", "y", title="Points", x_title="x", y_title="y",
...                 description="Three points rising to the right.")
>>> html = to_html(chart)
>>> html.startswith('<figure class="book-chart"'), "<svg" in html, "Points" in html
(True, True, True)
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re

import altair as alt
import numpy as np
import pandas as pd
import vl_convert

VEGA_LITE_VERSION = "6.4"
#: Mark colours that read well on the light and the dark theme alike.
BLUE, ORANGE, RED, GREEN, GREY = "#3b82c4", "#e8803a", "#d9485f", "#3fa66a", "#8a8f98"
WIDTH = 320
HEIGHT = 240


@alt.theme.register("book", enable=True)
def _book_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "background": "transparent",
            # Vega's own ARIA text is English ("X-axis titled …"); each figure
            # carries its name and description in the page's language instead.
            "aria": False,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "font": "sans-serif",
            "title": {"fontSize": 14, "anchor": "start", "offset": 8},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridOpacity": 0.5},
            "legend": {"labelFontSize": 11, "titleFontSize": 12},
            "range": {"category": [BLUE, ORANGE, GREEN, RED, GREY]},
        }
    }


# ----------------------------------------------------------------------------
# rendering


def _has_bound_param(spec) -> bool:
    if isinstance(spec, dict):
        for param in spec.get("params", []) or []:
            if isinstance(param, dict) and param.get("bind"):
                return True
        return any(_has_bound_param(value) for value in spec.values())
    if isinstance(spec, list):
        return any(_has_bound_param(item) for item in spec)
    return False


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("text", "")
    if isinstance(value, list):
        value = " ".join(str(part) for part in value)
    return str(value or "")


def _script_json(obj) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _accessible_svg(svg: str, chart_id: str) -> str:
    """One accessible image: the svg is named by the figure's title; its marks are decoration.

    >>> _accessible_svg('<svg x="1"><g role="graphics-object" aria-roledescription="g"/></svg>', "c")
    '<svg role="img" aria-labelledby="c-name" x="1"><g/></svg>'
    """
    head, _, body = svg.partition(">")
    body = re.sub(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"', "", body)
    head = head.replace("<svg ", f'<svg role="img" aria-labelledby="{chart_id}-name" ', 1)
    return f"{head}>{body}"


def spec_html(spec: dict) -> str:
    """The HTML figure for a Vega-Lite spec (see the module docstring)."""
    key = hashlib.sha256(_script_json(spec).encode()).hexdigest()[:12]
    chart_id = f"chart-{key}"
    title = _text(spec.get("title"))
    description = _text(spec.get("description"))
    svg = _accessible_svg(vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION), chart_id)
    live = _has_bound_param(spec)
    classes = "book-chart book-chart-live" if live else "book-chart"
    parts = [
        f'<figure class="{classes}" id="{chart_id}" aria-labelledby="{chart_id}-name"'
        + (f' aria-describedby="{chart_id}-desc"' if description else "")
        + ">",
        f'<span class="book-sr-only" id="{chart_id}-name">{html_lib.escape(title)}</span>',
        f'<div class="book-chart-view">{svg}</div>',
    ]
    if description:
        parts.append(
            f'<figcaption class="book-sr-only" id="{chart_id}-desc">'
            f"{html_lib.escape(description)}</figcaption>"
        )
    if live:
        vega = vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE_VERSION)
        vega.pop("$schema", None)  # a URL the page never needs to fetch
        parts.append(
            f'<script type="application/json" class="book-chart-spec">{_script_json(vega)}</script>'
        )
    parts.append("</figure>")
    return "".join(parts)


def to_html(chart: alt.TopLevelMixin) -> str:
    """The HTML figure for an Altair chart."""
    return spec_html(chart.to_dict())


def _book_renderer(spec: dict, **_metadata) -> dict:
    return {"text/html": spec_html(spec), "text/plain": f"<chart: {_text(spec.get('title'))}>"}


alt.renderers.register("book", _book_renderer)
alt.renderers.enable("book")
# Static charts ship only their SVG, so a layer may use a whole data set (the
# 5,175 NHANES adults) at build time; interactive charts keep their data small.
alt.data_transformers.enable("default", max_rows=20_000)


# ----------------------------------------------------------------------------
# builders


def _titled(chart: alt.TopLevelMixin, title: str, description: str) -> alt.TopLevelMixin:
    return chart.properties(title=title, description=description)


def shown_points(data: pd.DataFrame, max_points: int | None, seed: int = 0) -> pd.DataFrame:
    """At most ``max_points`` rows of ``data``, a seeded random sample (charts stay light).

    >>> len(shown_points(pd.DataFrame({"x": range(1000)}), 300))
    300
    """
    if max_points is None or len(data) <= max_points:
        return data
    return data.sample(n=max_points, random_state=seed).sort_index()


def scatter(data: pd.DataFrame, x: str, y: str, *, title: str, x_title: str,
            y_title: str, description: str, zero: bool = False,
            max_points: int | None = None) -> alt.Chart:
    """Points of ``data`` (columns ``x`` and ``y``); at most ``max_points`` of them, sampled."""
    data = shown_points(data[[x, y]], max_points)
    chart = alt.Chart(data).mark_circle(size=40, opacity=0.7, color=BLUE).encode(
        x=alt.X(x, type="quantitative", title=x_title, scale=alt.Scale(zero=zero)),
        y=alt.Y(y, type="quantitative", title=y_title, scale=alt.Scale(zero=zero)),
    )
    return _titled(chart, title, description)


def line_through_points(data: pd.DataFrame, x: str, y: str, slope: float, intercept: float,
                        *, title: str, x_title: str, y_title: str, description: str,
                        show_residuals: bool = True) -> alt.LayerChart:
    """Points, the line y = slope·x + intercept, and (optionally) each residual as a segment."""
    frame = pd.DataFrame({"x": np.asarray(data[x], float), "y": np.asarray(data[y], float)})
    frame["y_hat"] = slope * frame["x"] + intercept
    xs = np.array([frame["x"].min(), frame["x"].max()])
    pad = 0.05 * (xs[1] - xs[0] or 1.0)
    xs = xs + np.array([-pad, pad])
    ends = pd.DataFrame({"x": xs, "y_hat": slope * xs + intercept})
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    points = alt.Chart(frame).mark_circle(size=70, color=BLUE, opacity=0.9).encode(
        x=x_enc, y=alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False)))
    line = alt.Chart(ends).mark_line(color=ORANGE, strokeWidth=2.5).encode(x=x_enc, y="y_hat:Q")
    layers = [line, points]
    if show_residuals:
        layers.insert(0, alt.Chart(frame).mark_rule(color=RED, strokeDash=[4, 3]).encode(
            x=x_enc, y="y:Q", y2="y_hat:Q"))
    return _titled(alt.layer(*layers), title, description)


def curve(x, y, *, mark_x: float | None = None, title: str, x_title: str, y_title: str,
          description: str) -> alt.LayerChart:
    """A curve y(x), with a dot at ``mark_x`` (for example the minimum of a loss)."""
    frame = pd.DataFrame({"x": np.asarray(x, float), "y": np.asarray(y, float)})
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    y_enc = alt.Y("y:Q", title=y_title)
    layers = [alt.Chart(frame).mark_line(color=BLUE, strokeWidth=2.5).encode(x=x_enc, y=y_enc)]
    if mark_x is not None:
        nearest = frame.iloc[[int(np.argmin(np.abs(frame["x"] - mark_x)))]]
        layers.append(alt.Chart(nearest).mark_point(size=90, filled=True, color=ORANGE)
                      .encode(x=x_enc, y=y_enc))
    return _titled(alt.layer(*layers), title, description)


def regression_transform_line(data: pd.DataFrame, x: str, y: str) -> "Line":
    """The line Vega-Altair's own regression transform fits (ordinary least squares).

    Vega evaluates the transform (in vl-convert, at build time); this reads its
    coefficients back, as an independent check of :func:`lessons.ols.fit_line`.

    >>> import pandas as pd
    >>> line = regression_transform_line(pd.DataFrame({"x": [0, 1, 2], "y": [1, 3, 5]}), "x", "y")
    >>> round(line.slope, 9), round(line.intercept, 9)
    (2.0, 1.0)
    """
    from lessons.ols import Line

    frame = pd.DataFrame({"x": np.asarray(data[x], float), "y": np.asarray(data[y], float)})
    chart = (
        alt.Chart(frame)
        .transform_regression("x", "y", method="linear", params=True)
        .transform_calculate(
            coefficients="format(datum.coef[1], '.17g') + ' ' + format(datum.coef[0], '.17g')")
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
    slope, intercept = (float(part) for part in texts[0].split())
    return Line(slope, intercept)


def scatter_with_lines(data: pd.DataFrame, x: str, y: str, lines: dict[str, tuple[float, float]],
                       *, title: str, x_title: str, y_title: str, legend_title: str,
                       description: str, max_points: int | None = None,
                       regression_label: str | None = None) -> alt.LayerChart:
    """Points with one or more straight lines ``{label: (slope, intercept)}``.

    With ``regression_label`` the chart also draws the line Vega-Altair's own
    regression transform fits to the same points, dashed, for comparison.
    """
    points = shown_points(data[[x, y]].rename(columns={x: "x", y: "y"}), max_points)
    lo, hi = float(data[x].min()), float(data[x].max())
    rows = [{"line": label, "x": end, "y": slope * end + intercept}
            for label, (slope, intercept) in lines.items() for end in (lo, hi)]
    names = list(lines) + ([regression_label] if regression_label else [])
    colour = alt.Color("line:N", title=legend_title, scale=alt.Scale(
        domain=names, range=[ORANGE, GREEN, RED, GREY][: len(names)]),
        legend=alt.Legend(orient="bottom", direction="vertical"))
    x_enc = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False))
    y_enc = alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False))
    layers = [
        alt.Chart(points).mark_circle(size=25, opacity=0.45, color=BLUE).encode(x=x_enc, y=y_enc),
        alt.Chart(pd.DataFrame(rows)).mark_line(strokeWidth=3).encode(x=x_enc, y=y_enc, color=colour),
    ]
    if regression_label:
        layers.append(
            alt.Chart(data[[x, y]].rename(columns={x: "x", y: "y"}))
            .transform_regression("x", "y", method="linear")
            .transform_calculate(line=json.dumps(regression_label))
            .mark_line(strokeDash=[6, 4], strokeWidth=2)
            .encode(x=x_enc, y=y_enc, color=colour))
    return _titled(alt.layer(*layers), title, description)


def nested_sets(names: list[str], *, title: str, description: str) -> alt.LayerChart:
    """Nested circles, outermost first (artificial intelligence ⊃ machine learning ⊃ …)."""
    side = 300
    radii = [140, 98, 56][: len(names)]
    # Vega sizes a symbol by the area of its bounding square: (2r)² for a circle of radius r
    circles = pd.DataFrame({"name": names, "size": [4 * r * r for r in radii],
                            "cy": [side - 6 - r for r in radii],
                            "label_y": [side - 6 - 2 * r + 18 for r in radii]})
    colour = alt.Color("name:N", legend=None,
                       scale=alt.Scale(domain=names, range=[BLUE, ORANGE, GREEN]))
    shapes = alt.Chart(circles).mark_point(shape="circle", filled=True, opacity=0.3,
                                           strokeWidth=2).encode(
        x=alt.value(side / 2), y=alt.Y("cy:Q", scale=None), size=alt.Size("size:Q", scale=None),
        color=colour, stroke=colour)
    labels = alt.Chart(circles).mark_text(fontSize=13, fontWeight="bold").encode(
        x=alt.value(side / 2), y=alt.Y("label_y:Q", scale=None), text="name:N")
    chart = alt.layer(shapes, labels).properties(width=side, height=side)
    return _titled(chart, title, description)


def histogram_with_normal(values, mu: float, sigma: float, *, bins: int = 40, title: str,
                          x_title: str, y_title: str, description: str) -> alt.LayerChart:
    """A density histogram of ``values`` with the normal curve N(mu, sigma) over it."""
    from lessons.stats import normal_pdf

    values = np.asarray(values, float)
    counts, edges = np.histogram(values, bins=bins)
    density = counts / (counts.sum() * np.diff(edges))
    bars = pd.DataFrame({"start": edges[:-1], "end": edges[1:], "density": density})
    xs = np.linspace(edges[0], edges[-1], 200)
    curve_data = pd.DataFrame({"x": xs, "density": normal_pdf(xs, mu, sigma)})
    x_scale = alt.Scale(domain=[float(edges[0]), float(edges[-1])], nice=False)
    layers = [
        alt.Chart(bars).mark_rect(color=BLUE, opacity=0.6).encode(
            x=alt.X("start:Q", title=x_title, scale=x_scale), x2="end:Q",
            y=alt.Y("density:Q", title=y_title), y2=alt.datum(0)),
        alt.Chart(curve_data).mark_line(color=ORANGE, strokeWidth=3).encode(
            x=alt.X("x:Q", scale=x_scale), y="density:Q"),
    ]
    return _titled(alt.layer(*layers), title, description)


# ----------------------------------------------------------------------------
# interactive figures: data precomputed in Python, Vega-Lite parameters bound to
# sliders or buttons; the browser only filters and redraws.


def _js(text: str) -> str:
    """A Python string as a Vega expression string literal."""
    return json.dumps(text, ensure_ascii=False)


def _round(frame: pd.DataFrame, digits: int = 5) -> pd.DataFrame:
    """Round floats so the page carries no meaningless digits."""
    return frame.round(digits)


def clt_explorer(values, *, max_size: int, n_samples: int, seed: int, bins: int = 60,
                 title: str, x_title: str, y_title: str, slider_label: str,
                 description: str) -> alt.LayerChart:
    """Histogram of sample means for a sample size picked with a slider, with its normal curve.

    For each sample size n = 1 … ``max_size``, ``n_samples`` means are drawn
    (:func:`lessons.stats.sample_means`, seed ``seed + n``); the normal curve has
    mean μ and standard deviation σ/√n of the data (the central limit theorem).
    """
    from lessons.stats import normal_pdf, sample_means

    values = np.asarray(values, float)
    mu, sigma = float(values.mean()), float(values.std())
    lo, hi = float(values.min()), float(values.max())
    width = (hi - lo) / bins
    bars, curves = [], []
    xs = np.linspace(lo, hi, 241)
    for n in range(1, max_size + 1):
        means = sample_means(values, n, n_samples, seed + n)
        counts, _ = np.histogram(means, bins=bins, range=(lo, hi))
        for index in np.flatnonzero(counts):
            bars.append((n, int(index), counts[index] / (n_samples * width)))
        density = normal_pdf(xs, mu, sigma / np.sqrt(n))
        keep = density > 1e-5
        curves.extend((n, float(x), float(d)) for x, d in zip(xs[keep], density[keep]))
    bar_data = _round(pd.DataFrame(bars, columns=["n", "bin", "density"]), 6)
    curve_data = _round(pd.DataFrame(curves, columns=["n", "x", "density"]), 6)
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
    return _titled(alt.layer(bars_chart, curve_chart, label).add_params(size), title, description)


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
        label=f"{_js(loss_label)} + ' = ' + format(datum.total, '.2f') + '   ' + "
              f"{_js(f'({minimum_label} {best_loss:.2f})')}").mark_text(
        align="left", baseline="top", fontSize=13, fontWeight="bold").encode(
        x=alt.value(6), y=alt.value(6), text="label:N")
    chart = alt.layer(squares, residual_lines, line, dots, loss_text).add_params(a, b)
    return _titled(chart.properties(width=300, height=300), title, description)


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
        curve=_js(yours_label)).mark_line(strokeWidth=3).encode(x=x_enc, y=y_enc, color=colour)
    fitted = alt.Chart(grid).transform_calculate(
        y=f"1 / (1 + exp(-({best[0]} * datum.x + {best[1]})))",
        curve=_js(fitted_label)).mark_line(strokeWidth=2, strokeDash=[6, 4]).encode(
        x=x_enc, y=y_enc, color=colour)
    dots = alt.Chart(frame).mark_circle(size=70, color=BLUE, opacity=0.85).encode(x=x_enc, y=y_enc)
    chart = alt.layer(fitted, yours, dots).add_params(w_param, b_param)
    return _titled(chart, title, description)


def network_diagram(sizes: list[int], *, layer_names: list[str], title: str,
                    description: str) -> alt.LayerChart:
    """Neurons as circles in layers, every neuron wired to every neuron of the next layer."""
    if len(layer_names) != len(sizes):
        raise ValueError("give one name per layer")
    nodes = pd.DataFrame([{"layer": i, "pos": j - (n - 1) / 2, "name": layer_names[i]}
                          for i, n in enumerate(sizes) for j in range(n)])
    edges = pd.DataFrame([{"edge": f"{i}-{j}-{k}", "layer": layer, "pos": pos}
                          for i, (n, m) in enumerate(zip(sizes, sizes[1:]))
                          for j in range(n) for k in range(m)
                          for layer, pos in ((i, j - (n - 1) / 2), (i + 1, k - (m - 1) / 2))])
    top = max(sizes) / 2 + 0.2
    x_scale = alt.Scale(domain=[-0.4, len(sizes) - 0.6], nice=False)
    y_scale = alt.Scale(domain=[-top, top + 0.8], nice=False)
    x_enc = alt.X("layer:Q", scale=x_scale, axis=None)
    y_enc = alt.Y("pos:Q", scale=y_scale, axis=None)
    wires = alt.Chart(edges).mark_line(color=GREY, opacity=0.6).encode(x=x_enc, y=y_enc, detail="edge:N")
    circles = alt.Chart(nodes).mark_circle(size=420, color=BLUE, opacity=1, stroke="white",
                                           strokeWidth=1.5).encode(x=x_enc, y=y_enc)
    names = alt.Chart(nodes.drop_duplicates("layer")).mark_text(fontSize=12, baseline="bottom").encode(
        x=x_enc, y=alt.datum(top + 0.6), text="name:N")
    chart = alt.layer(wires, circles, names).properties(width=WIDTH, height=220)
    return _titled(chart, title, description)


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
    grid = _round(surface.assign(w2=surface["w"] + dw, b2=surface["b"] + db,
                                 w=surface["w"] - dw / 2, b=surface["b"] - db / 2), 5)
    heat = alt.Chart(grid).mark_rect().encode(
        x=alt.X("w:Q", title=w_title, scale=w_scale), x2="w2:Q",
        y=alt.Y("b:Q", title=b_title, scale=b_scale), y2="b2:Q",
        color=alt.Color("loss:Q", title=loss_title,
                        scale=alt.Scale(type="log", scheme="viridis", reverse=True),
                        legend=alt.Legend(orient="bottom", gradientLength=200)))
    path_data = alt.Chart(_round(history, 6)).transform_filter(alt.datum.run == picked)
    path = path_data.mark_line(color="#ffffff", strokeWidth=2, clip=True, point=alt.OverlayMarkDef(
        color="#ffffff", size=14, clip=True)).encode(
        x=alt.X("w:Q", scale=w_scale), y=alt.Y("b:Q", scale=b_scale), order="step:Q")
    surface_chart = alt.layer(heat, path).properties(width=WIDTH, height=250, title=surface_title)
    curve_chart = path_data.mark_line(color=BLUE, strokeWidth=2.5, point=True).encode(
        x=alt.X("step:Q", title=step_title),
        y=alt.Y("loss:Q", title=loss_title, scale=alt.Scale(type="log"))).properties(
        width=WIDTH, height=180, title=curve_title)
    chart = alt.vconcat(surface_chart, curve_chart).add_params(picked).resolve_scale(color="independent")
    return _titled(chart, title, description)


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
    fit = alt.Chart(_round(fits, 5)).transform_filter(alt.datum.step == step).mark_line(
        color=ORANGE, strokeWidth=3).encode(x=x_enc, y=alt.Y("y_hat:Q", title=y_title))
    top = alt.layer(dots, fit).properties(width=WIDTH, height=230)
    loss_line = alt.Chart(_round(history, 6)).mark_line(color=BLUE, strokeWidth=2).encode(
        x=alt.X("step:Q", title=step_title), y=alt.Y("loss:Q", title=loss_title,
                                                      scale=alt.Scale(type="log")))
    marker = alt.Chart(pd.DataFrame({"step": [0]})).mark_rule(color=ORANGE, strokeWidth=2).encode(
        x=alt.X("at:Q")).transform_calculate(at=step.name)
    bottom = alt.layer(loss_line, marker).properties(width=WIDTH, height=150)
    return _titled(alt.vconcat(top, bottom).add_params(step), title, description)
