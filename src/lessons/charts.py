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


def spec_html(spec: dict) -> str:
    """The HTML figure for a Vega-Lite spec (see the module docstring)."""
    key = hashlib.sha256(_script_json(spec).encode()).hexdigest()[:12]
    chart_id = f"chart-{key}"
    title = _text(spec.get("title"))
    description = _text(spec.get("description"))
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{chart_id}-name" ', 1
    )
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


# ----------------------------------------------------------------------------
# builders


def _titled(chart: alt.TopLevelMixin, title: str, description: str) -> alt.TopLevelMixin:
    return chart.properties(title=title, description=description)


def scatter(data: pd.DataFrame, x: str, y: str, *, title: str, x_title: str,
            y_title: str, description: str, zero: bool = False) -> alt.Chart:
    """Points of ``data`` (columns ``x`` and ``y``)."""
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
