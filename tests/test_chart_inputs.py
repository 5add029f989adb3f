"""Chart builders (lessons.charts) refuse bad input with a clear ValueError/TypeError.

Every public builder is described once below (a valid call, which of its
arguments are tables, arrays, counts or numbers); the property-style test then
feeds each of them the same kinds of bad input -- a string where a table is
expected, an empty table, a missing column, NaN and inf in a plotted column,
empty or non-numeric arrays, zero and negative counts -- and asserts that the
builder raises ValueError or TypeError with a message naming the argument. No
other exception type and no warning (pytest turns warnings into errors).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from lessons import charts
from lessons.charts import classification, explorers, figures

nan, inf = float("nan"), float("inf")


def texts(*names: str) -> dict:
    return {name: name.replace("_", " ") for name in names}


def xy(n: int = 4) -> pd.DataFrame:
    x = np.arange(n, dtype=float)
    return pd.DataFrame({"x": x, "y": 2 * x + 1 + np.array([0.3, -0.2, 0.1, -0.4] * n)[:n]})


def _pad_weights():
    from lessons.classifier import export_weights, init_network

    return export_weights(init_network((64, 4, 4, 10), seed=0))


# name -> (valid call's keyword arguments, {table argument: its numeric columns},
#          [array arguments], [count arguments], [number arguments])
SPECS = {
    "scatter": (
        lambda: dict(
            data=xy(),
            x="x",
            y="y",
            max_points=3,
            **texts("title", "x_title", "y_title", "description"),
        ),
        {"data": ["x", "y"]},
        [],
        ["max_points"],
        [],
    ),
    "line_through_points": (
        lambda: dict(
            data=xy(),
            x="x",
            y="y",
            slope=2.0,
            intercept=1.0,
            **texts("title", "x_title", "y_title", "description"),
        ),
        {"data": ["x", "y"]},
        [],
        [],
        ["slope", "intercept"],
    ),
    "curve": (
        lambda: dict(
            x=[0, 1, 2],
            y=[1, 0, 1],
            mark_x=1.0,
            **texts("title", "x_title", "y_title", "description"),
        ),
        {},
        ["x", "y"],
        [],
        ["mark_x"],
    ),
    "regression_transform_line": (
        lambda: {"data": xy(), "x": "x", "y": "y"},
        {"data": ["x", "y"]},
        [],
        [],
        [],
    ),
    "scatter_with_lines": (
        lambda: dict(
            data=xy(),
            x="x",
            y="y",
            lines={"l": (2.0, 1.0)},
            max_points=3,
            regression_label="Vega",
            **texts("title", "x_title", "y_title", "legend_title", "description"),
        ),
        {"data": ["x", "y"]},
        [],
        ["max_points"],
        [],
    ),
    "nested_sets": (
        lambda: dict(names=["A", "B", "C"], **texts("title", "description")),
        {},
        [],
        [],
        [],
    ),
    "histogram_with_curve": (
        lambda: dict(
            values=[0, 1, 1, 2],
            curve_x=[0, 1, 2],
            curve_density=[0.25, 0.5, 0.25],
            bins=2,
            **texts("title", "x_title", "y_title", "description"),
        ),
        {},
        ["values", "curve_x", "curve_density"],
        ["bins"],
        [],
    ),
    "network_diagram": (
        lambda: dict(sizes=[2, 3, 1], layer_names=["a", "b", "c"], **texts("title", "description")),
        {},
        [],
        [],
        [],
    ),
    "ai_map": (
        lambda: dict(nested=["A", "B", "C"], overlap="D", **texts("title", "description")),
        {},
        [],
        [],
        [],
    ),
    "residual_plot": (
        lambda: dict(
            x=[1, 3],
            residuals=[0.5, -0.5],
            binned=pd.DataFrame({"low": [0, 2], "high": [2, 4], "mean": [0.5, -0.5]}),
            **texts(
                "title",
                "x_title",
                "y_title",
                "points_label",
                "bins_label",
                "legend_title",
                "description",
            ),
        ),
        {"binned": ["low", "high", "mean"]},
        ["x", "residuals"],
        [],
        [],
    ),
    "lines": (
        lambda: dict(
            x=[0, 1],
            curves={"a": [1, 2], "b": [2, 1]},
            log_y=True,
            **texts("title", "x_title", "y_title", "legend_title", "description"),
        ),
        {},
        ["x"],
        [],
        [],
    ),
    "panels": (
        lambda: dict(
            curves=pd.DataFrame(
                {"panel": ["a", "a", "b", "b"], "x": [0, 1, 0, 1], "y": [0, 1, 1, 0]}
            ),
            points=xy(),
            panel_width=100,
            panel_height=100,
            **texts("title", "x_title", "y_title", "description"),
        ),
        {"curves": ["x", "y"], "points": ["x", "y"]},
        [],
        ["panel_width", "panel_height"],
        [],
    ),
    "descent_1d": (
        lambda: dict(
            curve_data=pd.DataFrame({"x": [0.0, 1.0, 2.0], "y": [1.0, 0.0, 1.0]}),
            path=pd.DataFrame({"step": [0, 1], "x": [0.0, 0.5], "y": [1.0, 0.25]}),
            **texts("title", "x_title", "y_title", "description"),
        ),
        {"curve_data": ["x", "y"], "path": ["step", "x", "y"]},
        [],
        [],
        [],
    ),
    "computation_graph": (
        lambda: dict(
            nodes=pd.DataFrame(
                {"name": ["x", "z"], "col": [0, 1], "row": [0, 0], "kind": ["input", "value"]}
            ),
            edges=[("x", "z")],
            **texts("title", "description"),
        ),
        {"nodes": ["col", "row"]},
        [],
        [],
        [],
    ),
    "clt_explorer": (
        lambda: dict(
            means=pd.DataFrame({"n": [1, 1, 2, 2], "mean": [0.2, 0.8, 0.4, 0.6]}),
            curves=pd.DataFrame({"n": [1, 1, 2, 2], "x": [0, 1, 0, 1], "density": [1, 1, 1, 1]}),
            low=0.0,
            high=1.0,
            bins=2,
            **texts("title", "x_title", "y_title", "slider_label", "description"),
        ),
        {"means": ["n", "mean"], "curves": ["n", "x", "density"]},
        [],
        ["bins"],
        ["low", "high"],
    ),
    "least_squares_explorer": (
        lambda: dict(
            points=xy(),
            slope=2.0,
            intercept=1.0,
            best_loss=0.3,
            slope_range=(0, 4),
            intercept_range=(-2, 3),
            **texts(
                "title",
                "x_title",
                "y_title",
                "slope_label",
                "intercept_label",
                "loss_label",
                "minimum_label",
                "description",
            ),
        ),
        {"points": ["x", "y"]},
        ["slope_range", "intercept_range"],
        [],
        ["slope", "intercept", "best_loss"],
    ),
    "sigmoid_explorer": (
        lambda: dict(
            data=pd.DataFrame({"h": [1, 2, 3, 4], "p": [0, 0, 1, 1]}),
            x="h",
            y="p",
            w=1.0,
            b=-2.0,
            best=(2.0, -5.0),
            w_range=(0, 4),
            b_range=(-8, 2),
            **texts(
                "title",
                "x_title",
                "y_title",
                "w_label",
                "b_label",
                "legend_title",
                "fitted_label",
                "yours_label",
                "description",
            ),
        ),
        {"data": ["h", "p"]},
        ["best", "w_range", "b_range"],
        [],
        ["w", "b"],
    ),
    "descent_explorer": (
        lambda: dict(
            surface=pd.DataFrame(
                {"w": [0, 1, 0, 1], "b": [0, 0, 1, 1], "loss": [4.0, 1.0, 2.0, 0.5]}
            ),
            runs={
                "slow": pd.DataFrame(
                    {"step": [0, 1], "w": [0.0, 0.8], "b": [0.0, 0.6], "loss": [4.0, 0.7]}
                )
            },
            start="slow",
            **texts(
                "title",
                "w_title",
                "b_title",
                "loss_title",
                "step_title",
                "picker_label",
                "surface_title",
                "curve_title",
                "description",
            ),
        ),
        {"surface": ["w", "b", "loss"]},
        [],
        [],
        [],
    ),
    "training_explorer": (
        lambda: dict(
            x=[0, 1],
            y=[0, 1],
            fits=pd.DataFrame({"step": [0, 0, 10, 10], "x": [0, 1, 0, 1], "y_hat": [0, 0, 0, 1]}),
            history=pd.DataFrame({"step": [0, 5, 10], "loss": [1.0, 0.5, 0.1]}),
            step_every=10,
            **texts(
                "title",
                "x_title",
                "y_title",
                "step_title",
                "loss_title",
                "slider_label",
                "description",
            ),
        ),
        {"fits": ["step", "x", "y_hat"], "history": ["step", "loss"]},
        ["x", "y"],
        ["step_every"],
        [],
    ),
    "generalisation_explorer": (
        lambda: dict(
            train=xy(),
            test=xy(3),
            fits=pd.DataFrame({"step": [0, 0, 5, 5], "x": [0, 1, 0, 1], "y_hat": [0.5, 0.5, 0, 1]}),
            curves=pd.DataFrame({"step": [0, 5], "train": [0.5, 0.1], "test": [0.6, 0.2]}),
            step_every=5,
            **texts(
                "title",
                "x_title",
                "y_title",
                "step_title",
                "loss_title",
                "train_label",
                "test_label",
                "legend_title",
                "slider_label",
                "description",
            ),
        ),
        {
            "train": ["x", "y"],
            "test": ["x", "y"],
            "fits": ["step", "x", "y_hat"],
            "curves": ["step", "train", "test"],
        },
        [],
        ["step_every"],
        [],
    ),
    "digit_images": (
        lambda: dict(
            images=np.arange(128).reshape(2, 64) % 17,
            captions=["a", "b"],
            columns=2,
            cell=4,
            **texts("title", "description"),
        ),
        {},
        ["images"],
        ["columns", "cell"],
        [],
    ),
    "confusion_heatmap": (
        lambda: dict(
            matrix=[[3, 1], [0, 4]],
            **texts("title", "x_title", "y_title", "count_title", "description"),
        ),
        {},
        ["matrix"],
        [],
        [],
    ),
    "probability_bars": (
        lambda: dict(
            probabilities=[0.1, 0.7, 0.2],
            right=1,
            **texts("title", "x_title", "y_title", "description"),
        ),
        {},
        ["probabilities"],
        [],
        [],
    ),
    "learning_curves": (
        lambda: dict(
            history=pd.DataFrame(
                {
                    "epoch": [1, 2],
                    "train_loss": [0.9, 0.5],
                    "train_accuracy": [0.6, 0.8],
                    "validation_loss": [1.0, 0.7],
                    "validation_accuracy": [0.5, 0.7],
                }
            ),
            best_epoch=2,
            **texts(
                "title",
                "epoch_title",
                "loss_title",
                "accuracy_title",
                "train_label",
                "validation_label",
                "legend_title",
                "best_label",
                "description",
            ),
        ),
        {
            "history": [
                "epoch",
                "train_loss",
                "train_accuracy",
                "validation_loss",
                "validation_accuracy",
            ]
        },
        [],
        [],
        ["best_epoch"],
    ),
    "digit_pad": (
        lambda: dict(
            weights=_pad_weights(),
            readout="{digit} ({percent})",
            digit_label="digit {digit}",
            **texts(
                "title", "instructions", "clear", "probabilities", "seen", "empty", "no_script"
            ),
        ),
        {},
        [],
        [],
        [],
    ),
    "pad_stepper": (
        lambda: dict(learning_rate=0.1, **texts("title", "intro")),
        {},
        [],
        [],
        ["learning_rate"],
    ),
}

#: Bad inputs the generic kinds above do not cover: (builder, argument, bad value).
EXTRA = [
    ("scatter", "x", "nope"),
    ("scatter", "y", "nope"),
    ("line_through_points", "y", "nope"),
    ("regression_transform_line", "x", "nope"),
    ("regression_transform_line", "data", pd.DataFrame({"x": [1.0], "y": [2.0]})),
    (
        "regression_transform_line",
        "data",
        pd.DataFrame({"x": [3.0, 3.0, 3.0], "y": [1.0, 2.0, 3.0]}),
    ),
    # beyond what Vega's regression (raw sums of squares) computes right: it gave NaN or slope 0
    (
        "regression_transform_line",
        "data",
        pd.DataFrame({"x": [1e200, 2e200, 3e200], "y": [1, 2, 4]}),
    ),
    ("regression_transform_line", "data", pd.DataFrame({"x": [0, 1e-99, 2e-99], "y": [1, 2, 4]})),
    (
        "regression_transform_line",
        "data",
        pd.DataFrame({"x": [1e15, 1e15 + 1, 1e15 + 2], "y": [1, 2, 4]}),
    ),
    # finite but so large that drawing them overflowed (a RuntimeWarning before)
    ("line_through_points", "slope", 1e308),
    ("histogram_with_curve", "values", [1e308, -1e308]),
    (
        "descent_explorer",
        "surface",
        pd.DataFrame({"w": [0, 1e308, 0, 1e308], "b": [0, 0, 1, 1], "loss": [1.0, 2.0, 3.0, 4.0]}),
    ),
    ("scatter_with_lines", "lines", {"l": (1.0,)}),
    ("scatter_with_lines", "lines", {"l": (1.0, nan)}),
    ("scatter_with_lines", "lines", [(1.0, 2.0)]),
    ("curve", "y", [1, 0]),
    ("nested_sets", "names", []),
    ("nested_sets", "names", ["a", "b", "c", "d"]),
    ("nested_sets", "names", "abc"),
    ("network_diagram", "sizes", []),
    ("network_diagram", "sizes", [3, 0, 1]),
    ("network_diagram", "sizes", [3, -1]),
    ("network_diagram", "sizes", [2.5, 1]),
    ("network_diagram", "sizes", "321"),
    ("network_diagram", "sizes", [10**6, 10**6]),
    ("ai_map", "nested", ["a", "b"]),
    ("ai_map", "nested", "abc"),
    ("residual_plot", "residuals", [0.5]),
    ("lines", "curves", {}),
    ("lines", "curves", {"a": [1]}),
    ("lines", "curves", {"a": [0, 1]}),
    ("lines", "curves", {"a": [1, nan]}),
    ("lines", "curves", [1, 2]),
    ("panels", "points", pd.DataFrame({"x": [1.0]})),
    ("computation_graph", "edges", [("x", "nowhere")]),
    ("computation_graph", "edges", ["xz"]),
    ("clt_explorer", "means", pd.DataFrame({"n": [0, 0], "mean": [0.2, 0.4]})),
    ("clt_explorer", "high", -1.0),
    ("least_squares_explorer", "slope_range", (4, 0)),
    ("sigmoid_explorer", "best", (1.0,)),
    ("descent_explorer", "surface", pd.DataFrame({"w": [0, 0], "b": [0, 1], "loss": [1.0, 2.0]})),
    ("descent_explorer", "runs", {}),
    ("descent_explorer", "runs", "slow"),
    ("descent_explorer", "runs", {"slow": "run"}),
    (
        "descent_explorer",
        "runs",
        {"slow": pd.DataFrame({"step": [0], "w": [nan], "b": [0], "loss": [1.0]})},
    ),
    ("descent_explorer", "start", "fast"),
    ("training_explorer", "history", pd.DataFrame({"step": [0, 1], "loss": [1.0, 0.0]})),
    ("digit_images", "images", np.zeros((2, 63))),
    ("digit_images", "images", np.full((1, 64), 99)),
    ("digit_images", "captions", ["only one"]),
    ("digit_images", "captions", "ab"),
    ("confusion_heatmap", "matrix", [[1, 2, 3]]),
    ("confusion_heatmap", "matrix", [[1, -1], [0, 1]]),
    ("confusion_heatmap", "matrix", [[1.5, 0], [0, 1]]),
    ("probability_bars", "probabilities", [0.5]),
    ("probability_bars", "probabilities", [0.5, 1.5]),
    ("probability_bars", "right", 3),
    ("probability_bars", "right", -1),
    ("digit_pad", "weights", {}),
    ("digit_pad", "weights", "weights"),
    ("digit_pad", "readout", "no placeholder"),
    ("pad_stepper", "learning_rate", 0),
    ("pad_stepper", "learning_rate", -0.1),
    ("pad_stepper", "title", ""),
]


def bad_inputs():
    """(builder, argument, what is wrong, bad value) for every builder, generated from SPECS."""
    for name, (make, frames, arrays, counts, numbers) in SPECS.items():
        valid = make()
        for arg, numeric in frames.items():
            frame = valid[arg]
            yield name, arg, "a string, not a table", "table.csv"
            yield name, arg, "an empty table", frame.iloc[:0]
            for column in frame.columns:
                yield name, arg, f"no column {column!r}", frame.drop(columns=column)
            for column in numeric:
                for value, what in ((nan, "NaN"), (inf, "inf")):
                    broken = frame.astype({column: float})
                    broken.loc[broken.index[-1], column] = value
                    yield name, arg, f"{what} in {column!r}", broken
        for arg in arrays:
            yield name, arg, "a string", "1 2 3"
            yield name, arg, "empty", []
            yield (
                name,
                arg,
                "NaN",
                np.where(
                    np.arange(np.size(valid[arg])) == 0, nan, np.asarray(valid[arg], float).ravel()
                ).reshape(np.shape(valid[arg])),
            )
            yield name, arg, "None", None
        for arg in counts:
            yield name, arg, "zero", 0
            yield name, arg, "negative", -3
            yield name, arg, "a fraction", 2.5
        for arg in numbers:
            yield name, arg, "NaN", nan
            yield name, arg, "inf", -inf
            yield name, arg, "a string", "1"
    for name, arg, value in EXTRA:
        yield name, arg, f"{value!r:.40}", value


BAD = list(bad_inputs())


def call(name: str, **changes):
    kwargs = {**SPECS[name][0](), **changes}
    return getattr(charts, name)(**kwargs)


def test_every_public_builder_is_covered():
    public = {
        name for module in (figures, explorers, classification) for name in charts._builders(module)
    } - {"FittedLine", "Html", "clipped_path"}  # results and helpers, not builders
    assert public == set(SPECS)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_valid_call_still_draws(name):
    result = call(name)
    if name == "regression_transform_line":
        # an independent reference: NumPy's least squares
        data = SPECS[name][0]()["data"]
        slope, intercept = np.polyfit(data["x"], data["y"], 1)
        assert result.slope == pytest.approx(slope) and result.intercept == pytest.approx(intercept)
    elif name == "digit_pad":
        assert result._repr_html_().startswith('<div class="book-digit-pad"')
    elif name == "pad_stepper":
        assert result._repr_html_().startswith('<div class="book-pad-stepper"')
    else:
        assert charts.to_html(result).count("<svg") == 1


@pytest.mark.parametrize("name, arg, what, value", BAD, ids=[f"{n}-{a}-{w}" for n, a, w, _ in BAD])
def test_bad_input_gets_a_clear_error(name, arg, what, value):
    with pytest.raises((ValueError, TypeError)) as error:
        call(name, **{arg: value})
    message = str(error.value)
    # the message names the argument (a column argument such as x may name the table instead)
    names = {arg} | ({"data"} if arg in {"x", "y"} and "data" in SPECS[name][1] else set())
    assert any(re.search(rf"\b{re.escape(n)}\b", message) for n in names), message


# the behaviour issue 17 asks for, spelled out


def test_missing_column_names_the_column_and_the_argument():
    with pytest.raises(ValueError, match=r"data has no column 'weight'"):
        charts.scatter(xy(), "x", "weight", title="t", x_title="x", y_title="y", description="d")
    with pytest.raises(ValueError, match=r"history has no column 'validation_loss'"):
        call(
            "learning_curves",
            history=SPECS["learning_curves"][0]()["history"].drop(columns="validation_loss"),
        )


def test_nan_and_inf_name_the_argument():
    points = xy().assign(y=[1.0, nan, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"points\['y'\] contains NaN .* \(at index 1\)"):
        call("least_squares_explorer", points=points)
    with pytest.raises(ValueError, match=r"curve_density contains NaN or infinite"):
        call("histogram_with_curve", curve_density=[0.25, inf, 0.25])


def test_empty_data_is_refused():
    with pytest.raises(ValueError, match="data is empty"):
        call("scatter", data=xy().iloc[:0])
    with pytest.raises(ValueError, match="values needs at least 1"):
        call("histogram_with_curve", values=[])


@pytest.mark.parametrize("sizes", [[], [3, 0, 1]])
def test_network_diagram_needs_layers_of_neurons(sizes):
    with pytest.raises(ValueError, match="sizes"):
        charts.network_diagram(sizes, layer_names=["a"] * len(sizes), title="t", description="d")


@pytest.mark.parametrize("max_points", [0, -1])
@pytest.mark.parametrize("name", ["scatter", "scatter_with_lines"])
def test_max_points_must_be_positive(name, max_points):
    with pytest.raises(ValueError, match="max_points must be at least 1"):
        call(name, max_points=max_points)


def test_clt_explorer_needs_means_and_curves():
    means, curves = SPECS["clt_explorer"][0]()["means"], SPECS["clt_explorer"][0]()["curves"]
    with pytest.raises(ValueError, match="means is empty"):
        call("clt_explorer", means=means.iloc[:0])
    with pytest.raises(ValueError, match="curves is empty"):
        call("clt_explorer", curves=curves.iloc[:0])
    with pytest.raises(ValueError, match=r"means\['n'\] must be sample sizes"):
        call("clt_explorer", means=means.assign(n=0))


@pytest.mark.parametrize(
    "data",
    [
        pd.DataFrame({"x": [1.0], "y": [2.0]}),
        pd.DataFrame({"x": [2.0, 2.0, 2.0], "y": [1.0, 2.0, 4.0]}),
    ],
)
def test_regression_transform_line_needs_two_different_x(data):
    with pytest.raises(ValueError, match="two different values"):
        charts.regression_transform_line(data, "x", "y")


@pytest.mark.parametrize("x", [[0.0, 2e-12, 4e-12], [1000.0, 1001.0, 1002.0], [0.0, 4e99, 8e99]])
def test_regression_transform_line_is_right_where_it_answers(x):
    # an independent reference: NumPy's least squares on centred, scaled x
    x = np.asarray(x)
    y = np.array([1.0, 2.0, 4.0])
    line = charts.regression_transform_line(pd.DataFrame({"x": x, "y": y}), "x", "y")
    centred = x - x.mean()
    scale = np.abs(centred).max()
    slope = np.polyfit(centred / scale, y, 1)[0] / scale
    assert line.slope == pytest.approx(slope, rel=1e-6)
    assert line.intercept == pytest.approx(y.mean() - slope * x.mean(), rel=1e-6, abs=1e-9)


@pytest.mark.parametrize(
    "name, arg",
    [
        ("scatter", "data"),
        ("panels", "curves"),
        ("clt_explorer", "means"),
        ("learning_curves", "history"),
    ],
)
def test_a_string_where_a_table_belongs_is_a_type_error(name, arg):
    with pytest.raises(TypeError, match=rf"{arg} must be a pandas DataFrame, got str"):
        call(name, **{arg: "data.csv"})


def test_valid_input_gives_the_same_chart_as_before():
    # the checks only look: a checked frame is drawn from unchanged (same spec, same data)
    frame = xy(50)
    chart = charts.scatter(
        frame, "x", "y", title="t", x_title="x", y_title="y", description="d", max_points=10
    )
    shown = frame.sample(n=10, random_state=0).sort_index()
    assert chart.data.equals(shown)


def test_the_confusion_matrix_table_lists_the_counts():
    # the table under the heat map once listed the (right, answer) pairs without their counts
    from lessons.charts.render import data_tables

    matrix = np.array([[5, 0, 1], [0, 4, 0], [2, 0, 3]])
    chart = charts.confusion_heatmap(
        matrix, title="t", x_title="answer", y_title="right", count_title="digits"
    )
    [(table, group, *_)] = data_tables(chart.to_dict())
    assert list(table.columns) == ["right", "answer", "digits"] and group is None
    rebuilt = np.zeros_like(matrix)
    rebuilt[table["right"], table["answer"]] = table["digits"]
    assert np.array_equal(rebuilt, matrix)


def test_the_loss_surface_cells_tile_the_plane_without_overlap():
    """Each cell of ch. 6's loss surface spans half a grid step either side of its point (a
    cold read found the cells 1.5 steps wide: w2 was w + dw, and its table said so)."""
    chart = call("descent_explorer").to_dict()

    def marks(node):
        yield node
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key, []):
                yield from marks(child)

    rect = next(m for m in marks(chart) if (m.get("mark") or {}).get("type") == "rect")
    cells = pd.DataFrame(chart["datasets"][rect["data"]["name"]])
    assert np.allclose(cells["w2"] - cells["w"], 1.0) and np.allclose(cells["b2"] - cells["b"], 1.0)
    assert sorted(set(cells["w"])) == [-0.5, 0.5] and sorted(set(cells["w2"])) == [0.5, 1.5]
