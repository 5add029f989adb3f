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
from typing import NamedTuple

import altair as alt
import numpy as np
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
        "count": "count",
        "min": "smallest",
        "median": "median",
        "max": "largest",
        "chart": "chart",
        "series_all": "{name}: {rows} rows",
        "series_all_one": "{name}: {rows} row",
        "series_summary": "{name}: a summary of {rows} rows",
        "computed": " (computed from {rows} rows)",
        "from": "{title}, from",
        "to": "{title}, to",
        "of": "{mark} of {y}",
        "fits": "The network's curve at each {step} the slider offers",
        "losses": "The loss at the {step}s drawn",
        "log_scale": "log scale",
        # columns and layers whose meaning their axis cannot say (see data_tables)
        "fields": {
            "bin_middle": "{title}, middle of the bin",
            "bin_mean": "mean {title} of the bin",
            "line_prediction": "{title} on the line",
            "y_hat": "{title} the network predicts",
            "curve_y": "{title} on the curve",
        },
        "layers": {
            "path_exit": "Where the path leaves the picture",
            "predicted_curve": "The predicted normal curve (mean μ, standard deviation σ/√n), one per n",
            "residuals": "Points and the line's predictions",
            "curve": "Curve",
            "marked_point": "The marked point",
            "descent_steps": "The steps of gradient descent",
            "confusion_counts": "The squares that are not empty (the others hold 0)",
        },
        "marks": {
            "points": "Points",
            "line": "Line",
            "bars": "Bars",
            "cells": "Cells",
            "lines": "Lines",
            "area": "Area",
        },
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
        "series_all": "{name}: {rows}행",
        "series_all_one": "{name}: {rows}행",
        "series_summary": "{name}: {rows}행의 요약",
        "computed": "({rows}행으로 계산)",
        "from": "{title} 구간의 시작",
        "to": "{title} 구간의 끝",
        "of": "{y}의 {mark}",
        "fits": "슬라이더로 고를 수 있는 {step}마다의 신경망 곡선",
        "losses": "차트에 그린 {step}마다의 손실",
        "log_scale": "로그 눈금",
        "fields": {
            "bin_middle": "{title} 구간의 가운데",
            "bin_mean": "구간 평균 {title}",
            "line_prediction": "직선 위의 {title}",
            "y_hat": "신경망이 예측한 {title}",
            "curve_y": "곡선 위의 {title}",
        },
        "layers": {
            "path_exit": "경로가 그림 밖으로 나가는 곳",
            "predicted_curve": "예측한 정규 곡선(평균 μ, 표준 편차 σ/√n, n마다 하나)",
            "residuals": "점과 직선의 예측",
            "curve": "곡선",
            "marked_point": "표시한 점",
            "descent_steps": "경사 하강법이 지나간 점",
            "confusion_counts": "비어 있지 않은 칸(나머지 칸은 0)",
        },
        "marks": {
            "points": "점",
            "line": "선",
            "bars": "막대",
            "cells": "칸",
            "lines": "선분",
            "area": "영역",
        },
    },
}

#: The key of a chart's ``usermeta`` under which :func:`name_tables` keeps its names.
TABLE_NAMES = "book_table_names"

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


def number(value, style: str | None = None) -> str:
    """A table cell as the axes show numbers: thousands separated, four significant digits.

    Tiny values are written as powers of ten, and anything below 10⁻¹⁴ (the
    size of floating-point rounding noise here) as ≈ 0:

    >>> number(3000), number(0.123456), number(-2.5), number(1234567.8), number("a")
    ('3,000', '0.1235', '−2.5', '1,234,568', 'a')
    >>> number(1e-05), number(-2.5e-07), number(-1.22e-16)
    ('1.0 × 10⁻⁵', '−2.5 × 10⁻⁷', '≈ 0')

    A column is written in one style (see :func:`column_style`): with ``style="power"``
    every value is a power of ten with two significant digits:

    >>> number(0.0001624, "power"), number(5e-07, "power"), number(0.5457, "power"), number(0, "power")
    ('1.6 × 10⁻⁴', '5.0 × 10⁻⁷', '5.5 × 10⁻¹', '0')
    >>> number(3.2e-05, "plain"), number(2.0, "power")
    ('0.000032', '2.0')
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if value != value:  # NaN: an empty cell
        return ""
    if value != 0 and abs(value) < 1e-14:
        return "≈ 0"
    if style == "power" and value != 0 or style is None and abs(value) < 1e-4 and value != 0:
        mantissa, exponent = f"{value:.1e}".split("e")
        power = int(exponent)
        text = mantissa + (f" × 10{str(power).translate(SUPERSCRIPT)}" if power else "")
    elif abs(value) >= 1000 or float(value).is_integer():
        text = f"{value:,.0f}"
    elif abs(value) < 1e-4:  # a plain column's tiny value: fixed point, four significant digits
        text = f"{value:.{3 - int(np.floor(np.log10(abs(value))))}f}".rstrip("0")
    else:
        text = f"{value:.4g}"
    return text.replace("-", "\u2212")


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def column_style(values) -> str:
    """How a column's numbers are written, chosen once from all of them (one style per column).

    A column of values of one sign that reach below 10⁻⁴ (probabilities, gradient
    sizes, densities: quantities spread over powers of ten) is written in powers of
    ten throughout; any other column in plain numbers, its tiny values in fixed point:

    >>> column_style([3.2e-05, 0.0001624, 0.02]), column_style([0.5, 1e-16, 12.0])
    ('power', 'plain')
    >>> column_style([-1.4, 3.1e-05, 1.5])  # crossing zero: a value near 0 is no power of ten
    'plain'
    """
    numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").dropna()
    numbers = numbers[numbers.abs() >= 1e-14]
    tiny = (numbers.abs() < 1e-4).any()
    return "power" if tiny and ((numbers > 0).all() or (numbers < 0).all()) else "plain"


#: Vega expression functions a data table may evaluate (a ``calculate`` that uses
#: anything else, a slider's value for one, is the reader's to set: no table).
_FUNCTIONS = {"exp": np.exp, "log": np.log, "sqrt": np.sqrt, "abs": np.abs, "pow": np.power}
_FUNCTIONS |= {"min": np.minimum, "max": np.maximum, "PI": np.pi, "E": np.e}
_TOKEN = re.compile(
    r"\s*(?:(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|datum\.(?P<datum>\w+)"
    r"|(?P<name>[A-Za-z_]\w*)|(?P<op>\*\*|[-+*/%(),]))"
)


def _evaluate(expression: str, frame: pd.DataFrame):
    """A Vega ``calculate`` expression on a table's rows, or None when it cannot be read here.

    >>> frame = pd.DataFrame({"bin": [0, 1]})
    >>> _evaluate("2 + (datum.bin + 1) * 0.5", frame).tolist(), _evaluate('"line"', frame)
    ([2.5, 3.0], 'line')
    >>> _evaluate("w * datum.bin", frame) is None  # a slider's value: the reader's choice
    True
    """
    try:
        text = json.loads(expression)
    except ValueError:
        text = None
    if isinstance(text, str):
        return text
    code, position = [], 0
    while position < len(expression.rstrip()):
        found = _TOKEN.match(expression, position)
        if not found or found.end() == position:
            return None
        position = found.end()
        if found["num"]:
            code.append(found["num"])
        elif found["datum"]:
            if found["datum"] not in frame:
                return None
            code.append(f"_d[{found['datum']!r}]")
        elif found["name"]:
            if found["name"] not in _FUNCTIONS:
                return None
            code.append(found["name"])
        else:
            code.append(found["op"])
    try:
        value = eval(" ".join(code), {"__builtins__": {}, "_d": frame, **_FUNCTIONS})  # noqa: S307
    except Exception:  # noqa: BLE001 - not an expression this reader knows
        return None
    return pd.Series(value, index=frame.index) if np.ndim(value) == 0 else pd.Series(value)


def _regression(step: dict, frame: pd.DataFrame) -> pd.DataFrame | None:
    """The two ends of the straight line Vega's ``regression`` transform draws, or None."""
    x, y = step.get("on"), step.get("regression")
    if (
        step.get("method", "linear") != "linear"
        or step.get("params")
        or step.get("groupby")
        or step.get("extent")
        or x not in frame
        or y not in frame
        or frame[x].nunique() < 2
    ):
        return None
    slope, intercept = np.polyfit(frame[x].astype(float), frame[y].astype(float), 1)
    ends = np.array([frame[x].min(), frame[x].max()], float)
    return pd.DataFrame({x: ends, y: slope * ends + intercept})


#: The channels whose fields a data table lists (an order, a tooltip or a detail is not drawn
#: as a quantity of its own); a legend's field that is constant names its table instead.
_DRAWN = ("x", "x2", "y", "y2", "color", "fill", "stroke", "strokeDash", "shape", "size", "text")
_LEGEND = ("color", "fill", "stroke", "strokeDash", "shape")
#: What a layer's marks are, in words, to name a table when a chart has several.
_MARKS = {"point": "points", "circle": "points", "square": "points", "line": "line"}
_MARKS |= {"trail": "line", "rect": "bars", "bar": "bars", "rule": "lines", "area": "area"}


def _units(node, data=None, transforms=(), view=None):
    """(unit, its data, its transforms, its view) for every unit chart in a spec; units
    layered together share a view (their axes)."""
    if not isinstance(node, dict):
        return
    data = node.get("data", data)
    transforms = transforms + tuple(node.get("transform", []) or [])
    if "mark" in node and "encoding" in node:
        yield node, data, transforms, view if view is not None else id(node)
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in node.get(key, []) or []:
            inner = (view if view is not None else id(node)) if key == "layer" else None
            yield from _units(child, data, transforms, inner)


def _mark(unit: dict) -> str:
    mark = unit["mark"]
    return mark.get("type", "") if isinstance(mark, dict) else str(mark)


class DataTable(NamedTuple):
    """One table of a chart's data: its rows, the column it is grouped by (a slider's field),
    what it draws (a panel's, a series' or its marks' name) and, for a computed series
    (a regression line), how many rows it was computed from."""

    frame: pd.DataFrame
    group: str | None
    name: str
    source: int | None = None
    #: the name comes from the chart (a legend, a panel), not from its marks
    labelled: bool = False


def _rows(spec: dict, data) -> pd.DataFrame | None:
    if not isinstance(data, dict):
        return None
    rows = spec.get("datasets", {}).get(data["name"]) if "name" in data else data.get("values")
    return pd.DataFrame(rows) if rows and isinstance(rows, list) else None


def _without_scale(title: str, words: dict) -> str:
    """A table's column or caption without the axis's "(log scale)": a table holds values.

    >>> _without_scale("loss (log scale)", TABLE_WORDS["en"])
    'loss'
    >>> _without_scale("손실 − 최솟값(kg², 로그 눈금)", TABLE_WORDS["ko"])
    '손실 − 최솟값(kg²)'
    """
    scale = re.escape(words["log_scale"])
    title = re.sub(rf"\s*\({scale}\)", "", title)
    return re.sub(rf",\s*{scale}(?=\))", "", title)


def data_tables(spec: dict, words: dict | None = None) -> list[DataTable]:
    """The data a chart draws, one table per series it draws, titled as the chart titles it.

    Each layer that draws data gets its table (layers that draw the same rows share one),
    with a column for each field it encodes: the field's title in that layer, else its
    title elsewhere in the chart, else the title of the axis it shares with the other
    layers (the ends of a bar or a segment, x2 and y2, are that axis's "from" and "to").
    Values a layer computes (``calculate``, a straight ``regression`` line) are computed
    here too; a layer that depends on a slider's value is the reader's to set and gives
    no table. A field a slider or a button filters on is titled by that control and
    groups the table. A legend's field with one value names its table; so does a panel's
    label. Helper layers (a label, a single rule) draw fewer than two titled fields and
    give no table. A field or a layer whose meaning its axis cannot say is named by the
    words of ``TABLE_WORDS``: a field such as ``bin_middle`` by ``fields``, a layer by its
    Vega-Lite ``name`` in ``layers``.

    >>> spec = {"datasets": {"d": [{"x": 1, "y": 2, "z": 0}]}, "data": {"name": "d"},
    ...         "mark": "point", "encoding": {"x": {"field": "x", "title": "hours"},
    ...                                      "y": {"field": "y", "title": "score"}}}
    >>> [(t.frame.columns.tolist(), t.group, t.name) for t in data_tables(spec)]
    [(['hours', 'score'], None, 'Points')]

    A path drawn in the order of a step titled by another layer keeps no step
    column (its last point may sit between two steps, where it leaves the map):

    >>> path = {"x": {"field": "w"}, "y": {"field": "b", "title": "b"}, "order": {"field": "step"}}
    >>> curve = {"x": {"field": "step", "title": "step"}, "y": {"field": "w", "title": "w"}}
    >>> spec = {"datasets": {"p": [{"step": 2.9, "w": 1, "b": 2}], "c": [{"step": 3, "w": 1}]},
    ...         "vconcat": [{"data": {"name": "p"}, "mark": "line", "encoding": path},
    ...                     {"data": {"name": "c"}, "mark": "line", "encoding": curve}]}
    >>> [t.frame.columns.tolist() for t in data_tables(spec)]
    [['w', 'b'], ['step', 'w']]

    A bin's middle takes its axis's title, said as the middle of the bin:

    >>> bars = {"x": {"field": "low", "title": "hp", "type": "quantitative"}, "x2": {"field": "high"},
    ...         "y": {"field": "mean", "title": "residual"}}
    >>> spec = {"datasets": {"b": [{"low": 0, "high": 2, "mean": 1, "bin_middle": 1}]},
    ...         "data": {"name": "b"}, "layer": [{"mark": "rule", "encoding": bars},
    ...         {"mark": "point", "encoding": {"x": {"field": "bin_middle", "type": "quantitative"},
    ...                                        "y": {"field": "mean"}}}]}
    >>> data_tables(spec)[0].frame.columns.tolist()
    ['hp, from', 'hp, to', 'residual', 'hp, middle of the bin']
    """
    words = words or TABLE_WORDS[chart_language(spec)]
    units = list(_units(spec))
    titles: dict[str, str] = {}
    axes: dict[tuple, str] = {}
    for unit, _, _, view in units:
        for name, channel in unit["encoding"].items():
            if isinstance(channel, dict) and channel.get("field") and channel.get("title"):
                titles.setdefault(channel["field"], _text(channel["title"]))
                if channel.get("type") == "quantitative" and name in ("x", "y"):
                    axes.setdefault((view, name), _text(channel["title"]))
    controls = {}
    for param in spec.get("params", []) or []:
        if (
            isinstance(param, dict)
            and isinstance(param.get("bind"), dict)
            and param["bind"].get("name")
        ):
            controls[param["name"]] = param["bind"]["name"]
    labels: dict = {}  # a panel's label: a text mark of one constant value in its view
    for unit, data, _, view in units:
        text = unit["encoding"].get("text")
        frame = _rows(spec, data)
        if _mark(unit) == "text" and isinstance(text, dict) and frame is not None:
            if text.get("field") in frame and frame[text["field"]].nunique() == 1:
                if not any(c.get("field") for k, c in unit["encoding"].items() if k != "text"):
                    labels.setdefault(view, str(frame[text["field"]].iloc[0]))
    views_of: dict = {}
    for _, data, _, view in units:
        if isinstance(data, dict):
            views_of.setdefault(json.dumps(data, sort_keys=True), set()).add(view)

    tables: dict[tuple, dict] = {}
    for unit, data, transforms, view in units:
        frame = _rows(spec, data)
        if frame is None:
            continue
        source, group, names, known = None, None, {}, True
        for step in transforms:
            if isinstance(step.get("filter"), str):
                found = re.fullmatch(r"\(?datum\.(\w+)\s*===?\s*(\w+)\)?", step["filter"].strip())
                if found and found.group(2) in controls and found.group(1) in frame:
                    group = found.group(1)
                    names[group] = controls[found.group(2)]
                    continue
            if "calculate" in step:
                value = _evaluate(step["calculate"], frame)
                if value is None:
                    frame = frame.drop(columns=step["as"], errors="ignore")
                else:
                    frame = frame.assign(**{step["as"]: value})
            elif "regression" in step and (line := _regression(step, frame)) is not None:
                source, frame = len(frame), line
            else:
                known = False  # a filter or transform this reader does not know
        encoding = unit["encoding"]
        drawn = {
            name: channel["field"]
            for name, channel in encoding.items()
            if name in _DRAWN and isinstance(channel, dict) and channel.get("field")
        }
        if not known or any(field not in frame for field in drawn.values()):
            continue  # drawn from a slider's value (or computed as this reader cannot)
        series = None
        for name in _LEGEND:
            field = drawn.get(name)
            if field and field != group and frame[field].nunique() == 1:
                series = str(frame[field].iloc[0])
        own_titles = {
            name: _text(encoding[name].get("title")) or titles.get(field)
            for name, field in drawn.items()
        }
        # the y title a table is named by (name_tables), before a field's own name below
        raw_y = (own_titles.get("y") or axes.get((view, "y"))) if "y" in drawn else None
        for name, field in drawn.items():  # a field whose axis title would mislabel it
            # (a line a regression transform computes holds the line's values, too)
            key = "line_prediction" if source is not None and name == "y" else field
            if key in words["fields"]:
                axis = axes.get((view, name[0])) or own_titles.get(name[0]) or ""
                if key == "line_prediction":  # a line's value is ŷ, not y
                    axis = axis.replace("(y)", "(ŷ)")
                own_titles[name] = words["fields"][key].format(title=axis)
        for name, field in drawn.items():
            if field in names or name in _LEGEND and str(frame[field].iloc[0]) == series:
                continue
            title = own_titles[name]
            if name in ("x2", "y2"):
                axis = own_titles.get(name[0]) or axes.get((view, name[0]))
                title = title or (axis and words["to"].format(title=axis))
            elif name in ("x", "y") and encoding[name].get("type") == "quantitative":
                title = title or axes.get((view, name))
                if title and drawn.get(name + "2") and not own_titles.get(name + "2"):
                    title = words["from"].format(title=title)
            if title and title not in names.values():
                names[field] = title
        fields = [f for f in names if f != group]
        if len(fields) < 2 and not (group and fields):
            continue
        key = (json.dumps(data, sort_keys=True), json.dumps(transforms, sort_keys=True))
        table = tables.setdefault(key, {"frame": frame, "group": group, "names": {}})
        for field, title in names.items():
            if field in table["frame"] and title not in table["names"].values():
                table["names"].setdefault(field, title)
        own = len(views_of.get(key[0], ())) == 1
        label = (
            # Altair numbers a named layer's name ("path_exit_0") when it holds the params
            words["layers"].get(re.sub(r"_\d+$", "", str(unit.get("name"))))
            or series
            or (labels.get(view) if own else None)
        )
        marks = _MARKS.get(_mark(unit), "chart")
        if marks == "bars" and any(name in drawn for name in ("color", "fill", "opacity")):
            marks = "cells"  # a heat map's squares
        if "name" not in table or not table["labelled"] and marks == "points":
            table["name"] = label or words["marks"].get(marks, words["chart"])
        table.setdefault("labelled", bool(label))
        table.setdefault("source", source)
        table.setdefault("y", raw_y if drawn.get("y") in names else None)
    result = []
    for table in tables.values():
        names = table["names"]
        group = table["group"]
        order = [c for c in table["frame"].columns if c in names and c != group]
        names = {field: _without_scale(title, words) for field, title in names.items()}
        frame = table["frame"][([group] if group else []) + order].rename(columns=names)
        result.append(
            DataTable(
                frame,
                names[group] if group else None,
                _without_scale(table["name"], words),
                table["source"],
                table["labelled"],
            )
        )
    # two tables of one kind of mark ("line", "line") are told apart by what they plot up:
    # by the name the chart's builder gave (name_tables), else as "line of <y title>"
    given = (spec.get("usermeta") or {}).get(TABLE_NAMES) or {}
    names = [t.name for t in result]
    for index, (table, source) in enumerate(zip(result, tables.values())):
        if names.count(table.name) > 1 and not table.labelled and source["y"]:
            name = given.get(source["y"]) or words["of"].format(mark=table.name, y=source["y"])
            result[index] = table._replace(name=_without_scale(name, words))
    return result


def _caption(table: DataTable, words: dict, named: bool) -> str:
    """What a table's rows are: the chart's data, or (when a chart draws several series) the
    series' own, and for a computed series how many rows it was computed from."""
    rows = len(table.frame)
    kind = "summary" if rows > TABLE_ROWS else "all_one" if rows == 1 else "all"
    if named:
        kind = "series_" + kind
    text = words[kind].format(rows=number(rows), name=table.name)
    if table.source is not None:
        text += words["computed"].format(rows=number(table.source))
    return text


def _table_html(table: DataTable, words: dict, named: bool = False) -> str:
    """A table as HTML: all its rows, or a summary per column (and per group) when long.

    Each column's numbers are written in one style (:func:`column_style`). A long table
    with a legend (a column of names) is summarised per name:

    >>> long = pd.DataFrame({"epoch": [1, 2] * 20, "run": ["a"] * 20 + ["b"] * 20})
    >>> html = _table_html(DataTable(long, None, "Line"), TABLE_WORDS["en"])
    >>> [re.sub("<[^>]+>", " ", row).split() for row in html.split("<tr>")[2:]]
    [['a', 'epoch', '20', '1', '1.5', '2'], ['b', 'epoch', '20', '1', '1.5', '2']]

    A long table grouped by a slider with too many values to list summarises the
    slider's values as one more quantity:

    >>> means = pd.DataFrame({"n": np.repeat(np.arange(1, 31), 2), "mean": np.arange(60.0)})
    >>> html = _table_html(DataTable(means, "n", "Bars"), TABLE_WORDS["en"], named=True)
    >>> [re.sub("<[^>]+>", " ", row).split() for row in html.split("<tr>")[2:]]
    [['n', '60', '1', '15.5', '30'], ['mean', '60', '0', '29.5', '59']]
    >>> re.search("<caption>(.*)</caption>", html).group(1)
    'Bars: a summary of 60 rows'
    """
    esc = html_lib.escape
    frame, group = table.frame, table.group
    styles = {column: column_style(frame[column]) for column in frame.columns}
    caption = _caption(table, words, named)
    if len(frame) <= TABLE_ROWS:
        head = list(frame.columns)
        body = [
            [number(v, styles[c]) for c, v in zip(frame.columns, row)]
            for row in frame.itertuples(index=False)
        ]
    else:
        if group is None:  # a legend's names group the summary: as a row they would count nothing
            names = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
            group = names[0] if names else None
        if group and frame[group].nunique() > 12:
            group = None  # too many groups: the summary runs over all, the group one more row
        head = ([group] if group else []) + [
            words["column"],
            words["count"],
            words["min"],
            words["median"],
            words["max"],
        ]
        parts = frame.groupby(group, sort=False) if group else [(None, frame)]
        body = []
        for key, part in parts:
            for column in part.columns:
                if column == group:
                    continue
                values = pd.to_numeric(part[column], errors="coerce").dropna()
                if not len(values):
                    continue  # names, not numbers: nothing to count (no "curve | 0" rows)
                style = styles[column]
                cells = [column, number(len(values))] + [
                    number(float(f(values)), style) for f in (np.min, np.median, np.max)
                ]
                body.append(([number(key, styles[group])] if group else []) + cells)
    rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in body)
    return (
        f"<table><caption>{esc(caption)}</caption><thead><tr>"
        + "".join(f'<th scope="col">{esc(str(c))}</th>' for c in head)
        + f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def data_details(spec: dict) -> str:
    """A ``<details>`` with the chart's data tables (empty when the chart draws no table)."""
    words = TABLE_WORDS[chart_language(spec)]
    tables = data_tables(spec, words)
    if not tables:
        return ""
    inner = "".join(
        _table_html(table, words, len(tables) > 1 or table.labelled) for table in tables
    )
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
        vega.pop("usermeta", None)  # the table names, already written into the tables
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


def name_tables(chart: alt.TopLevelMixin, names: dict[str, str]) -> alt.TopLevelMixin:
    """Name the tables of a chart that draws two series of one kind of mark: ``names`` maps
    the title of the y axis a table plots to what its rows are, for the table's caption
    (without it the caption is "Line of bias b", which says neither).

    >>> path = alt.Chart(pd.DataFrame({"w": [0.0, 1.0], "b": [1.0, 0.5]})).mark_line()
    >>> loss = alt.Chart(pd.DataFrame({"step": [0, 1], "loss": [2.0, 1.0]})).mark_line()
    >>> chart = alt.vconcat(path.encode(x=alt.X("w:Q", title="w"), y=alt.Y("b:Q", title="b")),
    ...                     loss.encode(x=alt.X("step:Q", title="step"), y=alt.Y("loss:Q", title="loss")))
    >>> [t.name for t in data_tables(chart.to_dict())]
    ['Line of b', 'Line of loss']
    >>> [t.name for t in data_tables(name_tables(chart, {"loss": "The loss at each step"}).to_dict())]
    ['Line of b', 'The loss at each step']
    """
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in dict(names).items()):
        raise TypeError("names must map axis titles (text) to table names (text)")
    return chart.properties(usermeta={TABLE_NAMES: dict(names)})


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
