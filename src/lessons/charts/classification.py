"""The charts and the digit pad of the classification chapter (chapter 8).

Builders receive computed data (arrays, tables, exported weights) and the
chapter's words (titles and labels, in the page's language); they compute
nothing about the network themselves. Rendering
is :mod:`lessons.charts.render`'s (importing the package registers the offline
``book`` renderer), so these figures are inline SVG like every other chart.

>>> import numpy as np
>>> chart = confusion_heatmap(np.eye(10, dtype=int) * 5, title="Confusion", x_title="predicted",
...                           y_title="right", count_title="digits",
...                           description="A perfect classifier.")
>>> from lessons.charts.render import to_html
>>> "<svg" in to_html(chart)
True
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json

import altair as alt
import numpy as np
import pandas as pd

from lessons._checks import as_float, as_floats, positive_int, whole_number
from lessons._markers import PAD_CLASS, PAD_STEPPER_CLASS
from lessons.charts.render import BLUE, GREY, ORANGE, WIDTH, checked_frame, titled

INK_SCHEME = "greys"


def _images(images) -> np.ndarray:
    array = np.asarray(images, dtype=float)
    if array.ndim == 1:
        array = array[None, :]
    if array.ndim != 2 or array.shape[1] != 64:
        raise ValueError(f"images must have 64 pixels (8×8) per row, got shape {array.shape}")
    return array


def digit_images(
    images,
    captions: list[str],
    *,
    columns: int = 6,
    title: str,
    description: str | None = None,
    cell: int = 6,
) -> alt.LayerChart:
    """8×8 images drawn as grey squares (ink 0–16), ``columns`` per row, a caption under each.

    Each image pixel is ``cell`` screen pixels wide.

    >>> chart = digit_images(np.zeros((2, 64)), ["blank", "blank"], title="Two blanks",
    ...                      description="Two empty 8×8 images.")
    >>> chart.layer[1].data.shape  # one row per pixel: 2 images × 64 pixels, with x, y, ink
    (128, 3)
    """
    ink = as_floats(images, "images", ndim=None)
    if ink.min() < 0 or ink.max() > 16:
        raise ValueError(
            f"images hold ink from 0 to 16, got values from {ink.min()} to {ink.max()}"
        )
    if not isinstance(captions, (list, tuple)) or not all(isinstance(c, str) for c in captions):
        raise TypeError(f"captions must be a list of texts, got {captions!r}")
    positive_int(columns, "columns"), positive_int(cell, "cell")
    images = _images(images)
    if len(captions) != len(images):
        raise ValueError(
            f"give one caption per image: {len(images)} images, {len(captions)} captions"
        )
    columns = max(1, min(columns, len(images)))
    step_x, step_y = 8 + 2, 8 + 4
    rows = []
    for k, image in enumerate(images):
        left, top = (k % columns) * step_x, (k // columns) * step_y
        for index, value in enumerate(image):
            r, c = divmod(index, 8)
            rows.append((left + c, top + r, float(value)))
    pixels = pd.DataFrame(rows, columns=["x", "y", "ink"])
    n_rows = -(-len(images) // columns)
    width, height = columns * step_x - 2, n_rows * step_y - 1
    x_scale = alt.Scale(domain=[0, width], nice=False, zero=False)
    y_scale = alt.Scale(domain=[0, height], nice=False, zero=False, reverse=True)
    # white paper under each image: on the dark theme no seam between pixels shows through
    paper = alt.Chart(
        pd.DataFrame(
            {
                "x": [(k % columns) * step_x for k in range(len(images))],
                "y": [(k // columns) * step_y for k in range(len(images))],
            }
        )
    )
    paper = (
        paper.transform_calculate(x2="datum.x + 8", y2="datum.y + 8")
        .mark_rect(color="#ffffff")
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=None),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=y_scale, axis=None),
            y2="y2:Q",
        )
    )
    squares = (
        alt.Chart(pixels)
        .transform_calculate(x2="datum.x + 1", y2="datum.y + 1")
        .mark_rect(stroke=None)
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=None),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=y_scale, axis=None),
            y2="y2:Q",
            color=alt.Color(
                "ink:Q", scale=alt.Scale(domain=[0, 16], scheme=INK_SCHEME), legend=None
            ),
        )
    )
    labels = pd.DataFrame(
        {
            "x": [(k % columns) * step_x + 4 for k in range(len(images))],
            "y": [(k // columns) * step_y + 8.4 for k in range(len(images))],
            "caption": captions,
        }
    )
    text = (
        alt.Chart(labels)
        .mark_text(baseline="top", fontSize=11)
        .encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale), text="caption:N")
    )
    chart = alt.layer(paper, squares, text).properties(width=width * cell, height=height * cell)
    return titled(chart, title, description)


def confusion_heatmap(
    matrix,
    *,
    title: str,
    x_title: str,
    y_title: str,
    count_title: str,
    description: str | None = None,
) -> alt.LayerChart:
    """A square of counts: row = the right digit, column = the answer; each count written in.

    The chart's data table lists the squares that are not empty with their counts
    (``count_title`` names that column); the empty squares are drawn but not listed.

    >>> chart = confusion_heatmap([[3, 1], [0, 4]], title="T", x_title="answer", y_title="right",
    ...                           count_title="digits", description="Two classes, one mistake.")
    >>> chart.layer[1].data["count"].tolist()  # the counts written in; a zero is left blank
    [3, 1, 4]
    >>> from lessons.charts.render import data_tables
    >>> [(t.frame.columns.tolist(), len(t.frame)) for t in data_tables(chart.to_dict())]
    [(['right', 'answer', 'digits'], 3)]
    """
    counts = as_floats(matrix, "matrix", ndim=2)
    if (counts < 0).any() or (counts % 1 != 0).any():
        raise ValueError("matrix must hold counts (whole numbers >= 0)")
    matrix = np.asarray(matrix)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"matrix must be square, got shape {matrix.shape}")
    n = matrix.shape[0]
    cells = pd.DataFrame(
        [{"right": r, "answer": c, "count": int(matrix[r, c])} for r in range(n) for c in range(n)]
    )
    top = int(max(matrix.max(), 1))
    # The squares are drawn under other field names, titled on the axis only, so that the
    # data table lists the written-in counts (with their pairs) and not all n² squares.
    squares_data = cells.rename(columns={"right": "row", "answer": "column"})
    squares = (
        alt.Chart(squares_data)
        .mark_rect(color=BLUE, stroke=GREY, strokeWidth=0.5)
        .encode(
            x=alt.X("column:O", axis=alt.Axis(title=x_title, labelAngle=0, orient="top")),
            y=alt.Y("row:O", axis=alt.Axis(title=y_title)),
            opacity=alt.Opacity(
                "count:Q",
                legend=None,
                scale=alt.Scale(type="sqrt", domain=[0, top], range=[0.04, 0.55]),
            ),
        )
    )
    # Text takes the theme's colour (light or dark), so the squares are a see-through blue:
    # light blue on the light theme, dark blue on the dark one, and the counts read on both.
    numbers = (
        alt.Chart(cells[cells["count"] > 0])
        .mark_text(fontSize=11)
        .encode(
            x=alt.X("answer:O", title=x_title, axis=alt.Axis(labelAngle=0, orient="top")),
            y=alt.Y("right:O", title=y_title),
            text=alt.Text("count:Q", title=count_title),
        )
        .properties(name="confusion_counts")  # its data table's name (render.TABLE_WORDS)
    )
    chart = alt.layer(squares, numbers).properties(width=300, height=300)
    return titled(chart, title, description)


def probability_bars(
    probabilities,
    *,
    right: int | None = None,
    title: str,
    x_title: str,
    y_title: str,
    description: str | None = None,
) -> alt.Chart:
    """Ten bars, one per digit; the bar of the ``right`` digit (if given) in orange.

    >>> chart = probability_bars([0.1, 0.7, 0.2], right=1, title="T", x_title="digit",
    ...                          y_title="probability", description="Three bars, the right one orange.")
    >>> chart.data[chart.data["right"]]["digit"].tolist()
    [1]
    """
    checked = as_floats(probabilities, "probabilities", ndim=None, min_size=2)
    if checked.min() < 0 or checked.max() > 1:
        raise ValueError("probabilities must lie between 0 and 1")
    if right is not None:
        whole_number(right, "right", maximum=checked.size - 1)
    p = np.asarray(probabilities, dtype=float).ravel()
    if p.size < 2:
        raise ValueError("give one probability per class")
    frame = pd.DataFrame(
        {"digit": np.arange(p.size), "probability": p, "right": np.arange(p.size) == right}
    )
    chart = (
        alt.Chart(frame)
        .mark_bar(width={"band": 0.8})
        .encode(
            x=alt.X("digit:O", title=x_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "probability:Q",
                title=y_title,
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            color=alt.condition(alt.datum.right, alt.value(ORANGE), alt.value(BLUE)),
        )
        .properties(width=WIDTH, height=180)
    )
    return titled(chart, title, description)


def learning_curves(
    history: pd.DataFrame,
    *,
    best_epoch: int,
    title: str,
    epoch_title: str,
    loss_title: str,
    accuracy_title: str,
    train_label: str,
    validation_label: str,
    legend_title: str,
    best_label: str,
    description: str | None = None,
) -> alt.VConcatChart:
    """Loss and accuracy per epoch on the training and the validation data, the chosen epoch marked.

    ``history`` has columns epoch, train_loss, train_accuracy, validation_loss,
    validation_accuracy (as :func:`lessons.classifier.train` records them).

    >>> import pandas as pd
    >>> from lessons.charts.render import to_html
    >>> history = pd.DataFrame({"epoch": [1, 2], "train_loss": [0.9, 0.5], "train_accuracy": [0.6, 0.8],
    ...                         "validation_loss": [1.0, 0.7], "validation_accuracy": [0.5, 0.7]})
    >>> html = to_html(learning_curves(history, best_epoch=2, title="Learning", epoch_title="epoch",
    ...                                loss_title="loss", accuracy_title="accuracy",
    ...                                train_label="training", validation_label="validation",
    ...                                legend_title="data", best_label="chosen", description="d"))
    >>> html.count("<svg"), ">chosen<" in html
    (1, True)
    """
    checked_frame(
        history,
        "history",
        ["epoch", "train_loss", "train_accuracy", "validation_loss", "validation_accuracy"],
    )
    as_float(best_epoch, "best_epoch")
    needed = {"epoch", "train_loss", "train_accuracy", "validation_loss", "validation_accuracy"}
    if not needed <= set(history.columns):
        raise ValueError(f"history needs the columns {sorted(needed)}")
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "epoch": history["epoch"],
                    "data": label,
                    "loss": history[f"{part}_loss"],
                    "accuracy": history[f"{part}_accuracy"],
                }
            )
            for part, label in (("train", train_label), ("validation", validation_label))
        ],
        ignore_index=True,
    ).round(5)
    colour = alt.Color(
        "data:N",
        title=legend_title,
        scale=alt.Scale(domain=[train_label, validation_label], range=[BLUE, ORANGE]),
        legend=alt.Legend(orient="bottom", direction="horizontal"),
    )
    x = alt.X("epoch:Q", title=epoch_title)
    rule_data = pd.DataFrame({"epoch": [best_epoch], "label": [best_label]})
    rule = alt.Chart(rule_data).mark_rule(color=GREY, strokeDash=[4, 3]).encode(x=x)
    # the label stands on the side of the rule with more room, inside the plot
    first, last = float(history["epoch"].min()), float(history["epoch"].max())
    right_half = last > first and (float(best_epoch) - first) / (last - first) > 0.5
    rule_text = (
        alt.Chart(rule_data)
        .mark_text(
            align="right" if right_half else "left",
            dx=-4 if right_half else 4,
            dy=2,
            baseline="top",
            fontSize=11,
        )
        .encode(x=x, y=alt.value(0), text="label:N")
    )
    losses = (
        alt.Chart(long)
        .mark_line(strokeWidth=2)
        .encode(x=x, y=alt.Y("loss:Q", title=loss_title, scale=alt.Scale(type="log")), color=colour)
    )
    accuracies = (
        alt.Chart(long)
        .mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y(
                "accuracy:Q",
                title=accuracy_title,
                axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False),
            ),
            color=colour,
        )
    )
    top = alt.layer(losses, rule, rule_text).properties(width=WIDTH, height=170)
    bottom = alt.layer(accuracies, rule).properties(width=WIDTH, height=150)
    return titled(alt.vconcat(top, bottom), title, description)


# ----------------------------------------------------------------------------
# the digit pad: HTML with the trained weights; conf/_static/book-digit-pad.js draws and predicts


class Html:
    """A piece of HTML a notebook cell displays as is (myst-nb writes it into the page)."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return "<digit pad>"


def _script_json(obj) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def digit_pad(
    weights: dict,
    *,
    title: str,
    instructions: str,
    clear: str,
    probabilities: str,
    seen: str,
    readout: str,
    empty: str,
    digit_label: str,
    no_script: str,
) -> Html:
    """The interactive pad: draw a digit, the network in ``weights`` reads it live in the browser.

    ``weights`` is :func:`lessons.classifier.export_weights`' output.
    ``readout`` is a sentence with ``{digit}`` and ``{percent}`` in it;
    ``digit_label`` names one of the three likeliest digits for screen readers,
    with ``{digit}`` in it; ``probabilities`` heads those three. ``no_script`` is
    the sentence shown instead of the pad where JavaScript does not run.

    >>> from lessons.classifier import export_weights, init_network
    >>> pad = digit_pad(export_weights(init_network((64, 4, 4, 10), seed=0)), title="Pad",
    ...                 instructions="Draw", clear="Clear", probabilities="Likeliest",
    ...                 seen="Seen", readout="It is {digit} ({percent})", empty="Draw a digit",
    ...                 digit_label="digit {digit}", no_script="Needs JavaScript.")
    >>> text = pad._repr_html_()
    >>> text.startswith('<div class="book-digit-pad"'), 'type="application/json"' in text
    (True, True)
    """
    if not isinstance(weights, dict) or "layers" not in weights:
        raise TypeError("weights must be the dict lessons.classifier.export_weights returns")
    for name, template in (("readout", readout), ("digit_label", digit_label)):
        if "{digit}" not in template:
            raise ValueError(f"{name} must contain {{digit}}, got {template!r}")
    e = html_lib.escape
    uid = "pad-" + hashlib.sha256(_script_json(weights).encode()).hexdigest()[:10]
    strings = {"readout": readout, "empty": empty, "digit_label": digit_label}
    rows = (
        '<li class="book-pad-bar"><span class="book-pad-digit" aria-hidden="true">–</span>'
        '<span class="book-pad-track"><span class="book-pad-fill"></span></span>'
        '<span class="book-pad-value"><span class="book-sr-only"></span>'
        '<span class="book-pad-number">–</span></span></li>'
    ) * 3
    return Html(
        f'<div class="{PAD_CLASS}" id="{uid}" role="group" aria-labelledby="{uid}-title">'
        f'<p class="book-pad-title" id="{uid}-title">{e(title)}</p>'
        f'<p class="book-pad-no-script">{e(no_script)}</p>'
        f'<div class="book-pad-body">'
        f'<div class="book-pad-left">'
        f'<canvas class="book-pad-canvas" width="256" height="256" tabindex="0" role="application" '
        f'aria-label="{e(title)}" aria-describedby="{uid}-help"></canvas>'
        f'<p class="book-pad-help" id="{uid}-help">{e(instructions)}</p>'
        f'<button type="button" class="book-pad-clear">{e(clear)}</button>'
        f"</div>"
        f'<div class="book-pad-right">'
        f'<p class="book-pad-readout" aria-live="polite">{e(empty)}</p>'
        f'<p class="book-pad-bars-title">{e(probabilities)}</p>'
        f'<ol class="book-pad-bars">{rows}</ol>'
        f'<figure class="book-pad-seen"><canvas class="book-pad-small" width="160" height="160" '
        f'aria-hidden="true"></canvas><figcaption>{e(seen)}</figcaption></figure>'
        f"</div></div>"
        f'<script type="application/json" class="book-pad-weights">{_script_json(weights)}</script>'
        f'<script type="application/json" class="book-pad-strings">{_script_json(strings)}</script>'
        f"</div>"
    )


# ----------------------------------------------------------------------------
# under the pad: step the reader's drawing through the network, and teach it one example

#: The stepper's words in each language; the script fills in ``{…}`` and the numbers.
PAD_STEPPER_WORDS = {
    "en": {
        "label": "The right answer for this drawing",
        "previous": "Previous step",
        "next": "Next step",
        "position": "Step {k} of {n}",
        "empty": "Write a digit on the pad above: its numbers appear here.",
        "teach": "Teach it: one gradient step towards this answer",
        "reset": "Reset to the book's network",
        "taught": "Teaching steps taken in this browser: {count}. The pad and the steps use the "
        "taught network, which this browser keeps until you reset it.",
        "book": "This is the book's network, as trained when the book was built.",
        "table": "Probability of each digit, before and after the last teaching step",
        "digit": "digit",
        "before": "before",
        "after": "after",
        "no_script": "With JavaScript on, you could step your drawing through the network here, "
        "layer by layer with the numbers filled in, and teach the network the right answer with "
        "one gradient step.",
        "count": "{n} numbers",
        "positive": "{k} of {n} are positive",
        "nonzero": "{k} of {n} are not zero",
        "norm": "length",
        "titles": [
            "The input: x",
            "Hidden layer {k}: z{s} and h{s}",
            "The output layer: the scores z{s}",
            "Softmax: the probabilities p",
            "The loss: L",
            "Backward: the output layer's gradients",
            "Backward: hidden layer {k}'s gradients",
            "One gradient step",
        ],
        "explain": [
            "The pad's 8×8 counts of ink, each divided by {max_count}: the 64 numbers the network "
            "reads.",
            "Each neuron adds up its inputs, each times its weight, plus its bias; ReLU keeps the "
            "positive sums and sets the others to 0.",
            "One score per digit.",
            "The softmax turns the ten scores into probabilities that sum to 1.",
            "The cross-entropy for the answer you chose: −log of its probability.",
            "The gradient of L with respect to the scores is p minus 1 at the right answer; "
            "each weight's gradient is its input times that.",
            "The gradient goes back through the weights above, and ReLU lets it through only "
            "where its input was positive.",
            "Every weight and bias moves against its gradient by α times the gradient. This is "
            "what the button below does.",
        ],
    },
    "ko": {
        "label": "이 그림의 정답",
        "previous": "이전 단계",
        "next": "다음 단계",
        "position": "{n}단계 중 {k}단계",
        "empty": "위의 판에 숫자를 쓰면 여기에 그 값이 나옵니다.",
        "teach": "가르치기: 이 정답 쪽으로 경사 하강 한 번",
        "reset": "책의 신경망으로 되돌리기",
        "taught": "이 브라우저에서 가르친 횟수: {count}. 판과 단계 보기는 가르친 신경망을 "
        "씁니다. 되돌리기 전까지 이 브라우저가 이 신경망을 보관합니다.",
        "book": "책을 만들 때 학습한 책의 신경망입니다.",
        "table": "마지막으로 가르치기 전과 후, 숫자별 확률",
        "digit": "숫자",
        "before": "전",
        "after": "후",
        "no_script": "자바스크립트를 켜면 여기에서 그린 숫자가 신경망을 거치는 과정을 층마다 "
        "숫자를 채워 넣은 식으로 따라가 보고, 경사 하강을 한 번 해서 신경망에 정답을 가르쳐 볼 수 "
        "있습니다.",
        "count": "값 {n}개",
        "positive": "{n}개 중 양수 {k}개",
        "nonzero": "{n}개 중 0이 아닌 값 {k}개",
        "norm": "길이",
        "titles": [
            "입력: x",
            "은닉층 {k}: z{s}, h{s}",
            "출력층: 점수 z{s}",
            "소프트맥스: 확률 p",
            "손실: L",
            "역전파: 출력층의 그레이디언트",
            "역전파: 은닉층 {k}의 그레이디언트",
            "경사 하강 한 번",
        ],
        "explain": [
            "판이 센 8×8 칸의 잉크 양 ÷ {max_count}: 신경망이 읽는 숫자 64개.",
            "뉴런마다 입력에 각각의 가중치를 곱해 더하고 편향을 더합니다. ReLU는 양수는 그대로 "
            "두고 나머지는 0으로 만듭니다.",
            "숫자마다 점수 하나.",
            "소프트맥스가 점수 열 개를 합이 1인 확률로 바꿉니다.",
            "고른 정답의 교차 엔트로피: 그 확률의 −log.",
            "점수에 대한 L의 그레이디언트는 p에서 정답 자리만 1을 뺀 값입니다. 가중치마다 "
            "그레이디언트는 그 입력에 이 값을 곱한 것입니다.",
            "그레이디언트가 위층의 가중치를 거쳐 내려오고, ReLU는 입력이 양수였던 곳으로만 "
            "그레이디언트를 통과시킵니다.",
            "가중치와 편향마다 그레이디언트의 반대 방향으로 α × 그레이디언트만큼 움직입니다. "
            "아래 버튼이 하는 일이 바로 이것입니다.",
        ],
    },
}


def pad_stepper(learning_rate: float, *, title: str, intro: str) -> Html:
    """Under the page's digit pad: the reader's drawing stepped through the network, and
    "teach it", one gradient step (``learning_rate``) of the cross-entropy towards the label
    the reader picks. The script of the pad (``book-digit-pad.js``) computes every number with
    the pad's own exported layers; the taught network is kept in the reader's browser.

    The interface's words are chosen by the language of ``title`` and ``intro``.

    >>> html = pad_stepper(0.1, title="Step through", intro="Your drawing, layer by layer.")
    >>> text = html._repr_html_()
    >>> text.startswith('<div class="book-pad-stepper"'), text.count("<option")
    (True, 10)
    """
    alpha = as_float(learning_rate, "learning_rate")
    if not (np.isfinite(alpha) and alpha > 0):
        raise ValueError(f"learning_rate must be a positive number, got {learning_rate!r}")
    for name, value in (("title", title), ("intro", intro)):
        if not isinstance(value, str) or not value.strip():
            raise TypeError(f"{name} must be non-empty text, got {value!r}")
    lang = "ko" if any("\uac00" <= ch <= "\ud7a3" for ch in title + intro) else "en"
    words = PAD_STEPPER_WORDS[lang]
    e = html_lib.escape
    uid = "pad-stepper-" + hashlib.sha256(f"{alpha}{title}{intro}".encode()).hexdigest()[:10]
    options = "".join(f'<option value="{d}">{d}</option>' for d in range(10))
    rows = "".join(
        f'<tr><th scope="row">{d}</th><td class="book-pad-before">–</td>'
        f'<td class="book-pad-after">–</td></tr>'
        for d in range(10)
    )
    data = {"learning_rate": alpha, "words": words}
    return Html(
        f'<div class="{PAD_STEPPER_CLASS}" id="{uid}" lang="{lang}" role="group" '
        f'aria-labelledby="{uid}-title">'
        f'<p class="book-pad-title" id="{uid}-title">{e(title)}</p><p>{e(intro)}</p>'
        f'<p class="book-pad-no-script">{e(words["no_script"])}</p>'
        f'<div class="book-pad-stepper-body">'
        f'<p class="book-pad-choose"><label for="{uid}-label">{e(words["label"])}</label> '
        f'<select id="{uid}-label" class="book-pad-label">{options}</select></p>'
        f'<div class="book-pad-nav"><button type="button" class="book-pad-previous">'
        f"\u2190 {e(words['previous'])}</button>"
        f'<span class="book-pad-position" aria-live="polite"></span>'
        f'<button type="button" class="book-pad-next">{e(words["next"])} \u2192</button></div>'
        f'<div class="book-pad-step"><p>{e(words["empty"])}</p></div>'
        f'<div class="book-pad-teach"><p class="book-pad-buttons">'
        f'<button type="button" class="book-pad-teach-button">{e(words["teach"])}</button> '
        f'<button type="button" class="book-pad-reset">{e(words["reset"])}</button></p>'
        f'<p class="book-pad-taught" aria-live="polite">{e(words["book"])}</p>'
        f'<table class="book-pad-before-after"><caption>{e(words["table"])}</caption>'
        f'<thead><tr><th scope="col">{e(words["digit"])}</th><th scope="col">'
        f'{e(words["before"])}</th><th scope="col">{e(words["after"])}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></div>"
        f'<script type="application/json" class="book-pad-stepper-data">{_script_json(data)}'
        f"</script></div>"
    )
