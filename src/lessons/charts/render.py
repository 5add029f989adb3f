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

HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: Data tables show every row up to this many; a larger data set gets a summary.
TABLE_ROWS = 30
#: The words of a chart's data table, in each language (a chart's language is
#: the language of its title and description). "Behind", not "drawn": a chart may plot
#: a sample of its rows (chapter 3's scatter) or compute from them (a regression line).
TABLE_WORDS = {
    "en": {
        "show": "Show the data as a table",
        "all": "The data behind this chart: {rows} rows",
        "all_one": "The data behind this chart: {rows} row",
        "summary": "A summary of the data behind this chart ({rows} rows)",
        "column": "quantity",
        "count": "values",
        "min": "smallest",
        "median": "median",
        "max": "largest",
        "chart": "chart",
    },
    "ko": {
        "show": "데이터를 표로 보기",
        "all": "이 차트의 데이터: {rows}행",
        "all_one": "이 차트의 데이터: {rows}행",
        "summary": "이 차트의 데이터 요약({rows}행)",
        "column": "항목",
        "count": "개수",
        "min": "최솟값",
        "median": "중앙값",
        "max": "최댓값",
        "chart": "차트",
    },
}

VEGA_LITE_VERSION = "6.4"
#: Mark colours that read well on the light and the dark theme alike.
BLUE, ORANGE, RED, GREEN, GREY = "#3b82c4", "#e8803a", "#d9485f", "#3fa66a", "#8a8f98"
WIDTH = 320
HEIGHT = 240
#: Chart text is laid out (by vl-convert here, by Vega in the browser) and drawn in one
#: font: Liberation Sans, which vl-convert carries as its "sans-serif" on every machine,
#: and which the site ships, cut down, as Book Chart Sans (conf/_ext/book_fonts.py).
FONT = "Book Chart Sans, Liberation Sans, sans-serif"


@alt.theme.register("book", enable=True)
def _book_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "background": "transparent",
            # Vega's own ARIA text is English ("X-axis titled …"); each figure
            # carries its name and description in the page's language instead.
            "aria": False,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "font": FONT,
            "title": {"fontSize": 14, "anchor": "start", "offset": 8},
            "axis": {
                "labelFontSize": 11,
                "titleFontSize": 12,
                "gridOpacity": 0.5,
                "labelSeparation": 4,
            },  # neighbouring labels never touch
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


def _bound_params(spec) -> int:
    """How many controls (bound parameters) a spec has."""
    return sum(
        1 for param in spec.get("params", []) or [] if isinstance(param, dict) and param.get("bind")
    )


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


def _as_columns(vega: dict) -> dict:
    """The spec with each inline data set whose rows share their fields sent as columns.

    A live chart's data (every state of every slider) is most of its page's
    weight; as columns each field name is written once, and gzip packs the
    numbers of one field better side by side (chapter 7: 52 KB -> 36 KB on the
    wire). ``book-charts.js`` turns the columns back into rows before Vega reads them.

    >>> _as_columns({"data": [{"name": "a", "values": [{"x": 1, "y": 2}, {"x": 3, "y": 4}]}]})
    {'data': [{'name': 'a', 'columns': {'x': [1, 3], 'y': [2, 4]}}]}
    >>> _as_columns({"data": [{"name": "b", "values": [{"x": 1}, {"y": 2}]}]})["data"][0]["values"]
    [{'x': 1}, {'y': 2}]
    """
    data = []
    for entry in vega.get("data", []):
        rows = entry.get("values")
        if (
            isinstance(rows, list)
            and rows
            and all(isinstance(row, dict) and row.keys() == rows[0].keys() for row in rows)
        ):
            entry = {k: v for k, v in entry.items() if k != "values"}
            entry["columns"] = {key: [row[key] for row in rows] for key in rows[0]}
        data.append(entry)
    return {**vega, "data": data} if "data" in vega else vega


def _accessible_svg(svg: str, chart_id: str) -> str:
    """One accessible image: the svg is named by the figure's title; its marks are decoration.

    >>> _accessible_svg('<svg x="1"><g role="graphics-object" aria-roledescription="g"/></svg>', "c")
    '<svg role="img" aria-labelledby="c-name" x="1"><g/></svg>'
    """
    head, _, body = svg.partition(">")
    body = re.sub(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"', "", body)
    head = head.replace("<svg ", f'<svg role="img" aria-labelledby="{chart_id}-name" ', 1)
    return f"{head}>{body}"


def _own_clip_ids(svg: str, chart_id: str) -> str:
    """Name the svg's clip paths after the chart, counted from 1 in the order they appear.

    vl-convert numbers clip paths with a counter that lives as long as its
    process, so the same chart drawn after other charts would get other ids
    (a reader's notebook would differ from the page), and two charts on a page
    could share one.

    >>> _own_clip_ids('<clipPath id="clip7"/><g clip-path="url(#clip7)"/>', "chart-ab")
    '<clipPath id="chart-ab-clip1"/><g clip-path="url(#chart-ab-clip1)"/>'
    """
    names = {}
    for found in re.finditer(r'id="(clip\d+)"', svg):
        names.setdefault(found.group(1), f"{chart_id}-clip{len(names) + 1}")
    if not names:
        return svg
    pattern = re.compile(r'(id="|url\(#)(clip\d+)(?=[")])')
    return pattern.sub(lambda m: m.group(1) + names.get(m.group(2), m.group(2)), svg)


def chart_language(spec: dict) -> str:
    """The language of a chart: Korean when its title or description has Hangul.

    >>> chart_language({"title": "최소제곱"}), chart_language({"title": "Least squares"})
    ('ko', 'en')
    """
    words = _text(spec.get("title")) + " " + _text(spec.get("description"))
    return "ko" if HANGUL.search(words) else "en"


def number(value) -> str:
    """A table cell as the axes show numbers: thousands separated, four significant digits.

    Tiny values are written as powers of ten, and anything below 10⁻¹⁴ (the
    size of floating-point rounding noise here) as ≈ 0:

    >>> number(3000), number(0.123456), number(-2.5), number(1234567.8), number("a")
    ('3,000', '0.1235', '−2.5', '1,234,568', 'a')
    >>> number(1e-05), number(-2.5e-07), number(-1.22e-16)
    ('1 × 10⁻⁵', '−2.5 × 10⁻⁷', '≈ 0')
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if value != value:  # NaN: an empty cell
        return ""
    if value != 0 and abs(value) < 1e-14:
        return "≈ 0"
    if abs(value) >= 1000 or float(value).is_integer():
        text = f"{value:,.0f}"
    else:
        text = f"{value:.4g}"
        if "e" in text:
            mantissa, exponent = f"{value:.1e}".split("e")
            mantissa = mantissa.removesuffix(".0")
            text = f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"
    return text.replace("-", "\u2212")


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _layers(node, data=None):
    """(mark node, its data, its filters) for every unit chart in a spec."""
    if not isinstance(node, dict):
        return
    data = node.get("data", data)
    filters = [t["filter"] for t in node.get("transform", []) if isinstance(t.get("filter"), str)]
    if "mark" in node and "encoding" in node:
        yield node, data, filters
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in node.get(key, []) or []:
            for unit, unit_data, unit_filters in _layers(child, data):
                yield unit, unit_data, filters + unit_filters


def data_tables(spec: dict) -> list[tuple[pd.DataFrame, str | None]]:
    """The data a chart draws, as tables whose columns carry the chart's own titles.

    A column is kept when an encoding gives the field a title (so the table
    speaks the page's language); a field a slider or a button filters on is
    titled by that control. A field a layer uses only to order its marks is
    not data that layer draws, and not a column of its table. Helper layers
    (a label, the two ends of a line) draw fewer than two titled fields and
    give no table. Returns each table with the column it is grouped by (the
    filtered field), if any.

    >>> spec = {"datasets": {"d": [{"x": 1, "y": 2, "z": 0}]}, "data": {"name": "d"},
    ...         "mark": "point", "encoding": {"x": {"field": "x", "title": "hours"},
    ...                                      "y": {"field": "y", "title": "score"}}}
    >>> [(table.columns.tolist(), group) for table, group in data_tables(spec)]
    [(['hours', 'score'], None)]

    A path drawn in the order of a step titled by another layer keeps no step
    column (its last point may sit between two steps, where it leaves the map):

    >>> path = {"x": {"field": "w"}, "y": {"field": "b", "title": "b"}, "order": {"field": "step"}}
    >>> curve = {"x": {"field": "step", "title": "step"}, "y": {"field": "w", "title": "w"}}
    >>> spec = {"datasets": {"p": [{"step": 2.9, "w": 1, "b": 2}], "c": [{"step": 3, "w": 1}]},
    ...         "layer": [{"data": {"name": "p"}, "mark": "line", "encoding": path},
    ...                   {"data": {"name": "c"}, "mark": "line", "encoding": curve}]}
    >>> [table.columns.tolist() for table, _ in data_tables(spec)]
    [['w', 'b'], ['step', 'w']]
    """
    titles: dict[str, str] = {}
    units = list(_layers(spec))
    for unit, _, _ in units:
        for channel in unit["encoding"].values():
            if isinstance(channel, dict) and channel.get("field") and channel.get("title"):
                titles.setdefault(channel["field"], _text(channel["title"]))
    controls = {}
    for param in spec.get("params", []) or []:
        if (
            isinstance(param, dict)
            and isinstance(param.get("bind"), dict)
            and param["bind"].get("name")
        ):
            controls[param["name"]] = param["bind"]["name"]
    tables, seen = [], set()
    for _unit, data, filters in units:
        if not isinstance(data, dict):
            continue
        rows = spec.get("datasets", {}).get(data["name"]) if "name" in data else data.get("values")
        if not rows or not isinstance(rows, list):
            continue
        frame = pd.DataFrame(rows)
        group = None
        names = {}
        for rule in filters:
            found = re.search(r"datum\.(\w+)\s*===?\s*(\w+)", rule)
            if found and found.group(2) in controls and found.group(1) in frame:
                group = found.group(1)
                names[group] = controls[found.group(2)]
        drawn = {
            channel["field"]
            for name, channel in _unit["encoding"].items()
            if name != "order" and isinstance(channel, dict) and channel.get("field")
        }
        ordering = {
            channel["field"]
            for name, channel in _unit["encoding"].items()
            if name == "order" and isinstance(channel, dict) and channel.get("field")
        }
        fields = [
            c for c in frame.columns if c in titles and c != group and c not in ordering - drawn
        ]
        if len(fields) < 2 and not (group and fields):
            continue
        for field in fields:
            names[field] = titles[field]
        columns = ([group] if group else []) + fields
        key = (data.get("name"), tuple(columns))
        if key in seen:
            continue
        seen.add(key)
        table = frame[columns].rename(columns=names)
        if table.columns.duplicated().any():
            continue
        tables.append((table, names[group] if group else None))
    return tables


def _table_html(table: pd.DataFrame, group: str | None, words: dict) -> str:
    """A table as HTML: all its rows, or a summary per column (and per group) when long.

    A long table with a legend (a column of names) is summarised per name:

    >>> long = pd.DataFrame({"epoch": [1, 2] * 20, "run": ["a"] * 20 + ["b"] * 20})
    >>> html = _table_html(long, None, TABLE_WORDS["en"])
    >>> [re.sub("<[^>]+>", " ", row).split() for row in html.split("<tr>")[2:]]
    [['a', 'epoch', '20', '1', '1.5', '2'], ['b', 'epoch', '20', '1', '1.5', '2']]
    """
    esc = html_lib.escape
    if len(table) <= TABLE_ROWS:
        caption = words["all_one" if len(table) == 1 else "all"].format(rows=number(len(table)))
        head = list(table.columns)
        body = [[number(v) for v in row] for row in table.itertuples(index=False)]
    else:
        caption = words["summary"].format(rows=number(len(table)))
        if group is None:  # a legend's names group the summary: as a row they would count nothing
            names = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
            group = names[0] if names else None
        head = ([group] if group else []) + [
            words["column"],
            words["count"],
            words["min"],
            words["median"],
            words["max"],
        ]
        groups = (
            table.groupby(group, sort=False) if group and table[group].nunique() <= 12 else None
        )
        body = []
        for key, part in groups if groups is not None else [(None, table)]:
            for column in part.columns:
                if column == group:
                    continue
                values = pd.to_numeric(part[column], errors="coerce").dropna()
                cells = [column, number(len(values))] + (
                    [
                        number(float(values.min())),
                        number(float(values.median())),
                        number(float(values.max())),
                    ]
                    if len(values)
                    else ["", "", ""]
                )
                body.append(
                    ([number(key) if groups is not None else "all"] if group else []) + cells
                )
        if group and groups is None:  # too many groups: the summary runs over all of them
            head = head[1:]
            body = [row[1:] for row in body]
    rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in body)
    return (
        f"<table><caption>{esc(caption)}</caption><thead><tr>"
        + "".join(f'<th scope="col">{esc(str(c))}</th>' for c in head)
        + f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def data_details(spec: dict) -> str:
    """A ``<details>`` with the chart's data tables (empty when the chart draws no table)."""
    tables = data_tables(spec)
    if not tables:
        return ""
    words = TABLE_WORDS[chart_language(spec)]
    inner = "".join(_table_html(table, group, words) for table, group in tables)
    return (
        f'<details class="book-chart-data"><summary>{html_lib.escape(words["show"])}</summary>'
        f'<div class="book-chart-tables">{inner}</div></details>'
    )


def spec_html(spec: dict) -> str:
    """The HTML figure for a Vega-Lite spec (see the module docstring)."""
    key = hashlib.sha256(_script_json(spec).encode()).hexdigest()[:12]
    chart_id = f"chart-{key}"
    title = _text(spec.get("title"))
    description = _text(spec.get("description"))
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)
    svg = _accessible_svg(_own_clip_ids(svg, chart_id), chart_id)
    live = _has_bound_param(spec)
    classes = f"{CHART_CLASS} {LIVE_CHART_CLASS}" if live else CHART_CLASS
    controls = _bound_params(spec) if live else 0
    parts = [
        f'<figure class="{classes}" id="{chart_id}" lang="{chart_language(spec)}"'
        f' aria-labelledby="{chart_id}-name"'
        # room kept for the controls Vega adds, so the page does not move when they appear
        + (f' style="--book-controls: {controls}"' if controls else "")
        + (f' aria-describedby="{chart_id}-desc"' if description else "")
        + ">",
        f'<span class="book-sr-only" id="{chart_id}-name">{html_lib.escape(title)}</span>',
        f'<div class="book-chart-view">{svg}</div>',
    ]
    if live:
        # what a control changes, announced by book-charts.js in the page's language
        parts.append('<p class="book-chart-status" aria-live="polite"></p>')
    parts.append(data_details(spec))
    if description:
        parts.append(
            f'<figcaption class="book-sr-only" id="{chart_id}-desc">'
            f"{html_lib.escape(description)}</figcaption>"
        )
    if live:
        vega = vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE_VERSION)
        vega.pop("$schema", None)  # a URL the page never needs to fetch
        parts.append(
            f'<script type="application/json" class="{SPEC_CLASS}">'
            f"{_script_json(_as_columns(vega))}</script>"
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


def titled(
    chart: alt.TopLevelMixin, title: str, description: str | None = None
) -> alt.TopLevelMixin:
    """Give a chart its title and, optionally, its description (read by screen readers).

    In the book a chart's description is written by a hidden cell and attached
    when the page is built (the chart cell's ``:alt:`` option names the glued
    text), so the code a reader sees passes only the title.

    >>> titled(alt.Chart().mark_point(), "Heights").to_dict()["title"]
    'Heights'
    >>> titled(alt.Chart().mark_point(), "Heights", 3)
    Traceback (most recent call last):
    ...
    TypeError: a chart's description must be text, got int
    """
    if not isinstance(title, str):
        raise TypeError(f"a chart's title must be text, got {type(title).__name__}")
    if description is None:
        return chart.properties(title=title)
    if not isinstance(description, str):
        raise TypeError(f"a chart's description must be text, got {type(description).__name__}")
    return chart.properties(title=title, description=description)


def slider(name: str, value: float, low: float, high: float, step: float, label: str):
    """A chart parameter ``name`` bound to a range slider; ``label`` is its visible and
    accessible name.

    >>> size = slider("n", 1, 1, 30, 1, "sample size")
    >>> size.name, size.param.bind.max, size.param.bind.name
    ('n', 30, 'sample size')
    """
    return alt.param(
        name=name, value=value, bind=alt.binding_range(min=low, max=high, step=step, name=label)
    )


def step_marker(step) -> alt.Chart:
    """A vertical rule at the step the slider parameter ``step`` chooses (loss charts).

    >>> marker = step_marker(slider("step", 0, 0, 100, 10, "step"))
    >>> marker.to_dict()["mark"]
    {'type': 'rule', 'color': '#e8803a', 'strokeWidth': 2}
    """
    return (
        alt.Chart(pd.DataFrame({"step": [0]}))
        .mark_rule(color=ORANGE, strokeWidth=2)
        .encode(x=alt.X("at:Q"))
        .transform_calculate(at=step.name)
    )


def check_range(bounds, name: str) -> None:
    """Check that ``bounds`` (a builder's argument called ``name``) is (low, high), low < high.

    >>> check_range((-1, 4), "w_range")
    >>> check_range((4, -1), "w_range")
    Traceback (most recent call last):
    ...
    ValueError: w_range must be (low, high) with low < high, got (4, -1)
    """
    span = as_floats(bounds, name)
    if span.size != 2 or not span[0] < span[1]:
        raise ValueError(f"{name} must be (low, high) with low < high, got {bounds!r}")


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
