"""Rendering: how a Vega-Altair chart becomes an offline HTML figure.

Importing :mod:`lessons.charts` switches Altair to the ``book`` renderer:

- a chart is compiled at build time by ``vl-convert`` into an inline SVG, so a
  static chart costs the reader no JavaScript at all and draws even without it;
- a chart with a bound parameter (a slider) also carries its compiled Vega
  spec; the page then loads the site's own copy of Vega, which takes over the
  same figure in the browser (no CDN, no Python in the browser);
- the figure's id is derived from the spec, so two builds give the same HTML.

>>> import altair as alt, pandas as pd
>>> chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q")
>>> html = to_html(chart.properties(title="Two points"))
>>> html.startswith('<figure class="book-chart"'), "<svg" in html, "Two points" in html
(True, True, True)
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re

import altair as alt
import pandas as pd
import vl_convert

from lessons._checks import as_floats
from lessons._markers import CHART_CLASS, LIVE_CHART_CLASS, SPEC_CLASS

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
    classes = f"{CHART_CLASS} {LIVE_CHART_CLASS}" if live else CHART_CLASS
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
            f'<script type="application/json" class="{SPEC_CLASS}">{_script_json(vega)}</script>'
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
# small helpers the builders share


def titled(chart: alt.TopLevelMixin, title: str, description: str) -> alt.TopLevelMixin:
    """Give a chart its title and its description (read by screen readers)."""
    return chart.properties(title=title, description=description)


def checked_frame(data, name: str, columns, *, numeric=None) -> pd.DataFrame:
    """Check that ``data`` (a builder's argument called ``name``) is a non-empty DataFrame
    with ``columns``, and that its ``numeric`` columns (all of ``columns`` unless given)
    hold finite numbers only; return it unchanged.

    >>> checked_frame(pd.DataFrame({"x": [1, 2]}), "points", ["x"])["x"].tolist()
    [1, 2]
    >>> checked_frame(pd.DataFrame({"x": [1, 2]}), "points", ["x", "y"])
    Traceback (most recent call last):
    ...
    ValueError: points has no column 'y' (its columns: ['x'])
    >>> checked_frame(pd.DataFrame({"x": [1.0, float("nan")]}), "points", ["x"])
    Traceback (most recent call last):
    ...
    ValueError: points['x'] contains NaN or infinite values (at index 1); expected finite numbers
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(data).__name__}")
    for column in columns:
        if not isinstance(column, str):
            raise TypeError(f"column names must be text, got {type(column).__name__} {column!r}")
        if column not in data.columns:
            raise ValueError(f"{name} has no column {column!r} (its columns: {list(data.columns)})")
    if data.empty:
        raise ValueError(f"{name} is empty; a chart needs at least one row")
    for column in columns if numeric is None else numeric:
        as_floats(data[column].to_numpy(), f"{name}[{column!r}]")
    return data


def shown_points(data: pd.DataFrame, max_points: int | None, seed: int = 0) -> pd.DataFrame:
    """At most ``max_points`` rows of ``data``, a seeded random sample (charts stay light).

    >>> small = shown_points(pd.DataFrame({"x": range(1000)}), 3)
    >>> small["x"].tolist()
    [298, 859, 993]
    """
    if max_points is None or len(data) <= max_points:
        return data
    return data.sample(n=max_points, random_state=seed).sort_index()


def js_string(text: str) -> str:
    """A Python string as a Vega expression string literal.

    >>> print(js_string('loss "L"'))
    "loss \\"L\\""
    """
    return json.dumps(text, ensure_ascii=False)


def rounded(frame: pd.DataFrame, digits: int = 5) -> pd.DataFrame:
    """Round floats so the page carries no meaningless digits."""
    return frame.round(digits)
