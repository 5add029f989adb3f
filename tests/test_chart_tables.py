"""The table under every chart ("Show the data as a table") says what the chart shows (issue 22).

Cold readers found tables that left out a series the chart draws (the normal curve, the
30-hp bin means, the CLT chart's x axis), a column named after the axis while it held
something else (0/1 outcomes under "probability of passing"), three captions alike with
nothing naming their panel, a caption counting rows the chart does not plot, and one
column mixing "3.2 × 10⁻⁵" with "0.0001624".
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest
from test_chart_inputs import SPECS, call

from lessons.charts import explorers, figures
from lessons.charts.render import TABLE_WORDS, data_details, data_tables, number, to_html


def tables_of(chart) -> list[dict]:
    """Each table of a chart as the reader sees it: caption, header and rows of cells."""
    found = []
    for table in re.findall(r"<table>.*?</table>", data_details(chart.to_dict()), re.S):
        cells = [
            [html.unescape(cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
            for row in table.split("<tr>")[1:]
        ]
        caption = html.unescape(re.search(r"<caption>(.*?)</caption>", table).group(1))
        found.append({"caption": caption, "head": cells[0], "rows": cells[1:]})
    return found


def test_a_histogram_table_lists_its_curve_too():
    # ch. 2 §2.4: the 40 bars were listed, the normal curve's points were not
    values = np.random.default_rng(0).normal(170, 8, 500)
    curve_x = np.linspace(140, 200, 50)
    chart = figures.histogram_with_curve(
        values,
        curve_x,
        np.exp(-((curve_x - 170) ** 2) / 128) / np.sqrt(128 * np.pi),
        bins=10,
        title="Heights",
        x_title="height (cm)",
        y_title="density",
    )
    bars, curve = data_tables(chart.to_dict())
    assert list(bars.frame.columns) == ["height (cm), from", "height (cm), to", "density"]
    assert list(curve.frame.columns) == ["height (cm)", "density"] and len(curve.frame) == 50
    assert np.allclose(curve.frame["height (cm)"], curve_x)
    assert [t["caption"] for t in tables_of(chart)] == [
        "Bars: 10 rows",
        "Curve: a summary of 50 rows",
    ]


def test_the_clt_table_has_its_x_axis_and_the_sample_size():
    # ch. 2 §2.5: both tables listed only the density
    means = pd.DataFrame({"n": np.repeat([1, 2], 50), "mean": np.linspace(60, 90, 100)})
    curves = pd.DataFrame(
        {"n": [1, 1, 2, 2], "x": [60, 90, 60, 90], "density": [0.1, 0.1, 0.2, 0.2]}
    )
    chart = explorers.clt_explorer(
        means,
        curves,
        low=60,
        high=90,
        bins=3,
        title="Means",
        x_title="mean weight (kg)",
        y_title="density",
        slider_label="sample size n",
    )
    bars, curve = data_tables(chart.to_dict())
    assert bars.group == curve.group == "sample size n"
    assert {"mean weight (kg), from", "mean weight (kg), to", "density"} <= set(bars.frame.columns)
    # the bars' ends are computed as the chart computes them: 60 + bin · 10
    assert sorted(set(bars.frame["mean weight (kg), from"])) == [60, 70, 80]
    assert list(curve.frame.columns) == ["sample size n", "mean weight (kg)", "density"]


def test_the_residual_table_lists_the_bin_means():
    # ch. 3 §3.6: the 30-hp bins' mean residuals were drawn but not listed
    binned = pd.DataFrame({"low": [40, 70], "high": [70, 100], "mean": [1.58, -0.2]})
    chart = figures.residual_plot(
        [50, 60, 80, 90],
        [1.0, 2.16, 0.1, -0.5],
        binned,
        title="Residuals",
        x_title="horsepower",
        y_title="residual (km/L)",
        points_label="one car",
        bins_label="mean in a 30 hp bin",
        legend_title="",
    )
    cars, bins = data_tables(chart.to_dict())
    assert (cars.name, bins.name) == ("one car", "mean in a 30 hp bin")
    # the bars hold each bin's mean, not a car's residual
    assert bins.frame["mean residual (km/L) of the bin"].tolist() == [1.58, -0.2]
    assert bins.frame["horsepower, from"].tolist() == [40, 70]
    # its last column once took the axis title, "horsepower", for the bins' middles
    assert bins.frame.columns[-1] == "horsepower, middle of the bin"
    assert bins.frame[bins.frame.columns[-1]].tolist() == [55, 85]


def test_the_residual_rules_end_at_the_lines_prediction():
    # ch. 4 §4.7: "score (y), from | score (y), to" read as a point that moved
    points = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [2.0, 4.0, 5.0]})
    chart = figures.line_through_points(
        points, "x", "y", 1.5, 0.5, title="T", x_title="hours (x)", y_title="score (y)"
    )
    table = next(t for t in data_tables(chart.to_dict()) if len(t.frame.columns) == 3)
    assert table.frame.columns.tolist() == ["hours (x)", "score (y)", "score (ŷ) on the line"]
    assert table.frame["score (ŷ) on the line"].tolist() == [2.0, 3.5, 5.0]  # 1.5 x + 0.5
    assert table.name == "Points and the line's predictions"
    korean = figures.line_through_points(
        points, "x", "y", 1.5, 0.5, title="직선", x_title="공부한 시간(x)", y_title="점수(y)"
    )
    heads = [t.frame.columns.tolist() for t in data_tables(korean.to_dict())]
    assert ["공부한 시간(x)", "점수(y)", "직선 위의 점수(ŷ)"] in heads
    # the line's own table, too: its y values are the line's, not scores
    assert ["공부한 시간(x)", "직선 위의 점수(ŷ)"] in heads


SIGMOID_WORDS = {
    "title": "T",
    "x_title": "hours",
    "y_title": "probability of passing",
    "w_label": "w",
    "b_label": "b",
    "legend_title": "curve",
    "fitted_label": "learned",
    "yours_label": "yours",
}


def sigmoid_chart(study, **words):
    return explorers.sigmoid_explorer(
        study,
        "hours",
        "passed",
        w=1.0,
        b=-2.0,
        best=(2.0, -5.0),
        w_range=(0, 4),
        b_range=(-8, 2),
        **{**SIGMOID_WORDS, **words},
    )


def test_the_points_column_says_what_the_points_hold():
    # ch. 5 §5.5: the 0/1 outcomes sat under "probability of passing", the axis title
    study = pd.DataFrame({"hours": [1, 2, 3, 4], "passed": [0, 0, 1, 1]})
    chart = sigmoid_chart(study, points_title="passed (1 = yes, 0 = no)")
    tables = {t.name: t for t in data_tables(chart.to_dict())}
    assert list(tables["Points"].frame.columns) == ["hours", "passed (1 = yes, 0 = no)"]
    assert list(tables["learned"].frame.columns) == ["hours", "probability of passing"]
    # the learned curve is listed as drawn: σ(2·x − 5)
    learned = tables["learned"].frame
    assert np.allclose(
        learned["probability of passing"], 1 / (1 + np.exp(-(2 * learned["hours"] - 5)))
    )
    # the axis keeps the curves' title, and only that
    svg = to_html(chart)
    assert (
        svg.count("probability of passing</text>") == 1
        and "passed (1 = yes" not in svg.split("<details")[0]
    )
    assert "yours" not in tables  # the reader's own curve moves with the sliders: no table
    with pytest.raises(TypeError, match="points_title must be text"):
        sigmoid_chart(study, points_title=3)


def test_panel_tables_are_captioned_with_their_panel():
    # ch. 5 §5.7.3: three tables each captioned "a summary (100 rows)", none naming its panel
    x = np.linspace(-1, 1, 40)
    curves = pd.concat(
        [
            pd.DataFrame({"panel": name, "x": x, "y": x * k})
            for k, name in enumerate(["1 hidden neuron", "2 hidden neurons", "8 hidden neurons"], 1)
        ]
    )
    chart = figures.panels(
        curves,
        title="T",
        x_title="horsepower",
        y_title="fuel efficiency",
        points=pd.DataFrame({"x": x, "y": -x}),
    )
    captions = [t["caption"] for t in tables_of(chart)]
    assert captions == [
        "Points: a summary of 40 rows",
        "1 hidden neuron: a summary of 40 rows",
        "2 hidden neurons: a summary of 40 rows",
        "8 hidden neurons: a summary of 40 rows",
    ]


def test_a_computed_line_says_what_it_is_computed_from():
    # ch. 3 §3.3: "drawn (5,175 rows)" under a chart that plots 600 people
    rng = np.random.default_rng(1)
    people = pd.DataFrame({"h": rng.normal(170, 9, 300)})
    people["w"] = 0.9 * people["h"] - 75 + rng.normal(0, 8, 300)
    chart = figures.scatter_with_lines(
        people,
        "h",
        "w",
        {"ours": (0.9, -75)},
        title="T",
        x_title="height",
        y_title="weight",
        legend_title="line",
        max_points=60,
        regression_label="Vega's line",
    )
    captions = [t["caption"] for t in tables_of(chart)]
    assert captions == [
        "Points: a summary of 60 rows",
        "ours: 2 rows",
        "Vega's line: 2 rows (computed from 300 rows)",
    ]
    line = data_tables(chart.to_dict())[2].frame
    slope, intercept = np.polyfit(people["h"], people["w"], 1)
    assert np.allclose(line["weight on the line"], slope * line["height"] + intercept)
    ours = data_tables(chart.to_dict())[1].frame
    assert ours.columns.tolist() == ["height", "weight on the line"]
    assert line["height"].tolist() == [people["h"].min(), people["h"].max()]


def test_korean_captions_name_the_series_in_korean():
    chart = figures.histogram_with_curve(
        [1, 2, 2, 3],
        [1, 2, 3],
        [0.2, 0.5, 0.2],
        bins=2,
        title="키",
        x_title="키(cm)",
        y_title="밀도",
    )
    tables = tables_of(chart)
    assert [t["caption"] for t in tables] == ["막대: 2행", "곡선: 3행"]
    assert tables[0]["head"] == ["키(cm) 구간의 시작", "키(cm) 구간의 끝", "밀도"]
    assert set(TABLE_WORDS["ko"]) == set(TABLE_WORDS["en"])


@pytest.mark.parametrize(
    "values, cells",
    [
        # §8.4.1: "3.2 × 10⁻⁵" above "0.0001624" in one column
        (
            [1.7e-06, 3.2e-05, 0.0001624, 0.0163],
            ["1.7 × 10⁻⁶", "3.2 × 10⁻⁵", "1.6 × 10⁻⁴", "1.6 × 10⁻²"],
        ),
        # §8.7: "5 × 10⁻⁷" beside "4.7 × 10⁻⁷"
        ([4.7e-07, 5e-07, 0.5457], ["4.7 × 10⁻⁷", "5.0 × 10⁻⁷", "5.5 × 10⁻¹"]),
        # a column that crosses zero: a value near 0 is written plainly, not as a power
        ([-1.4, 3.1e-05, 1.5], ["−1.4", "0.000031", "1.5"]),
    ],
)
def test_one_number_style_per_column(values, cells):
    chart = figures.scatter(
        pd.DataFrame({"k": range(len(values)), "v": values}),
        "k",
        "v",
        title="T",
        x_title="k",
        y_title="v",
    )
    [table] = tables_of(chart)
    assert [row[1] for row in table["rows"]] == cells


#: table cells that fit either number style
NEUTRAL = r"|0|≈ 0|−?\d\.\d"


#: builders that return no chart: two widgets and a fitted line's coefficients
NOT_CHARTS = {"digit_pad", "pad_stepper", "regression_transform_line"}


@pytest.mark.parametrize("name", sorted(set(SPECS) - NOT_CHARTS))
def test_every_builder_gives_tables_a_reader_can_tell_apart(name):
    chart = call(name)
    tables = tables_of(chart)
    captions = [t["caption"] for t in tables]
    assert len(set(captions)) == len(captions), captions
    for table in tables:
        assert len(set(table["head"])) == len(table["head"]), table["head"]  # no step twice
        summary = table["head"][-5:] == ["quantity", "count", "smallest", "median", "largest"]
        if summary:
            # a row per quantity that has numbers: never "function | 0"
            assert all(row[-4] not in ("0", "") for row in table["rows"]), table["rows"]
        columns = zip(*table["rows"]) if not summary else [row[-3:] for row in table["rows"]]
        for column in columns:
            # "0", "≈ 0" and a power of ten's 10⁰ ("1.0") read the same in either style
            styles = {"× 10" in cell for cell in column if not re.fullmatch(NEUTRAL, cell)}
            assert len(styles) <= 1, column
            assert not any(re.search(r"\de[−+-]?\d", cell) for cell in column), column


def test_a_path_keeps_no_fractional_step_column():
    # §6.5 once listed a step of 2.921, where a path left the map between two steps
    path = {"x": {"field": "w"}, "y": {"field": "b", "title": "b"}, "order": {"field": "step"}}
    curve = {"x": {"field": "step", "title": "step"}, "y": {"field": "w", "title": "w"}}
    spec = {
        "datasets": {"p": [{"step": 2.921, "w": 1, "b": 2}], "c": [{"step": 3, "w": 1}]},
        "vconcat": [
            {"data": {"name": "p"}, "mark": "line", "encoding": path},
            {"data": {"name": "c"}, "mark": "line", "encoding": curve},
        ],
    }
    path_table, curve_table = data_tables(spec)
    assert "step" not in path_table.frame and curve_table.frame["step"].tolist() == [3]


def test_the_red_cross_table_says_where_the_path_leaves_the_picture():
    # §6.5: the diverging run's exit point was listed only as "Points: 1 row"
    surface = pd.DataFrame(
        [(w, b, (w - 1) ** 2 + b**2) for w in np.linspace(-1, 3, 5) for b in np.linspace(-2, 2, 5)],
        columns=["w", "b", "loss"],
    )
    run = pd.DataFrame({"step": [0, 1, 2], "w": [0.0, 2.5, 9.0], "b": [0.0, 0.5, 1.0]})
    run["loss"] = (run["w"] - 1) ** 2 + run["b"] ** 2
    for language, words in (
        ("en", ("rate", "weight w", "T")),
        ("ko", ("학습률", "가중치 w", "손실 곡면")),
    ):
        chart = explorers.descent_explorer(
            surface,
            {"fast": run},
            start="fast",
            title=words[2],
            w_title=words[1],
            b_title="b",
            loss_title="L",
            step_title="step",
            picker_label=words[0],
            surface_title="S",
            curve_title="C",
        )
        exits = [
            t
            for t in data_tables(chart.to_dict())
            if t.name == TABLE_WORDS[language]["layers"]["path_exit"]
        ]
        assert len(exits) == 1 and len(exits[0].frame) == 1, language
        assert exits[0].frame[words[1]].iloc[0] == pytest.approx(3.5)  # the map's right edge


def test_number_never_writes_e_notation():
    assert number(1e-05) == "1.0 × 10⁻⁵" and number(-1.22e-16) == "≈ 0"
    assert number(12345.6) == "12,346" and number(10000.0) == "10,000"


def test_two_lines_are_captioned_by_what_their_rows_are():
    # K58 C1: "편향 b의 선" over the (w, b) paths, "연비(표준화)의 선" over the network's curves
    surface = pd.DataFrame({"w": [0, 1, 0, 1], "b": [0, 0, 1, 1], "loss": [4.0, 1.0, 2.0, 0.5]})
    run = pd.DataFrame({"step": [0, 1], "w": [0.0, 0.8], "b": [0.0, 0.6], "loss": [4.0, 0.7]})
    descent = explorers.descent_explorer(
        surface, {"느림": run, "빠름": run}, start="빠름", title="손실 곡면 위의 경사 하강법",
        w_title="가중치 w", b_title="편향 b", loss_title="손실 L(w, b)", step_title="반복",
        picker_label="학습률", surface_title="손실 곡면 위의 경로",
        curve_title="반복마다의 손실(로그 눈금)",
    )  # fmt: skip
    assert [t["caption"] for t in tables_of(descent)][1:] == [
        "손실 곡면 위의 경로: 4행",  # two runs of two steps
        "반복마다의 손실: 4행",  # a table holds values: no "(로그 눈금)"
    ]
    fits = pd.DataFrame({"step": [0, 0, 10, 10], "x": [0, 1, 0, 1], "y_hat": [0, 0, 0, 1]})
    history = pd.DataFrame({"step": [0, 5, 10], "loss": [1.0, 0.5, 0.1]})
    for lang, title, y_title, step, expected in [
        # the tables hold the steps the slider offers and those drawn, not every step
        ("ko", "작은 신경망", "연비(표준화)", "반복",
         ["슬라이더로 고를 수 있는 반복마다의 신경망 곡선: 4행", "차트에 그린 반복마다의 손실: 3행"]),
        ("en", "A small network", "km/l (standardised)", "step",
         ["The network's curve at each step the slider offers: 4 rows",
          "The loss at the steps drawn: 3 rows"]),
    ]:  # fmt: skip
        chart = explorers.training_explorer(
            [0, 1], [0, 1], fits, history, step_every=10, title=title, x_title="x",
            y_title=y_title, step_title=step, loss_title="손실(로그 눈금)", slider_label=step,
        )  # fmt: skip
        found = tables_of(chart)
        assert [t["caption"] for t in found][1:] == expected, lang
        # the curve's column holds what the network predicts, not the data
        assert (
            found[1]["head"][-1]
            == {
                "ko": "신경망이 예측한 연비(표준화)",
                "en": "km/l (standardised) the network predicts",
            }[lang]
        )
    assert "book_table_names" not in to_html(chart)  # the names are not sent twice
