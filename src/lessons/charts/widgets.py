"""Widgets a reader answers: predict, then reveal (chapters 4, 6, 7), and the backpropagation
stepper (chapter 7).

Like the other builders they receive what the chapter computed and the words
that belong to the page; they compute nothing about the model. Each returns a
piece of HTML that ``book-widgets.js`` (loaded only on pages that have one)
brings to life without a kernel. Until the reader commits a guess, the result
is not in the page at all (the script builds it on commit); without JavaScript
a toggle shows a sentence and the computed result instead.

The interface's own words (buttons, result sentences) are chosen by the
language of the widget's title, like a chart's table.

>>> import pandas as pd
>>> html = predict_line(pd.DataFrame({"x": [1, 2, 3], "y": [2, 3, 5]}), slope=1.5,
...                     intercept=0.33, loss=0.17, start=(1.0, 1.0), slope_range=(0, 3),
...                     intercept_range=(-2, 2), title="Your line", question="Drag it.",
...                     why="Least squares is the minimum.", x_title="x", y_title="y")
>>> text = html._repr_html_()
>>> text.startswith('<div class="book-widget book-reveal"'), "<details" in text
(True, True)
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re

import numpy as np
import pandas as pd

from lessons._checks import as_float, as_floats
from lessons._markers import WIDGET_CLASS
from lessons.charts.render import check_range, checked_frame

__all__ = ["predict_line", "predict_choice", "predict_mark", "backprop_stepper"]

HANGUL = re.compile(r"[\uac00-\ud7a3]")
MINUS = "\u2212"

#: The interface's words in each language. ``{…}`` are filled in by the script or here.
WORDS = {
    "en": {
        "commit": "Commit my guess",
        "again": "Try again",
        "show": "Show the result",
        "nojs": "Without JavaScript this question cannot take your guess. The result:",
        "slope": "slope a",
        "intercept": "intercept b",
        "yours": "your line",
        "best": "least-squares line",
        "line_result": "Your line y = {a} has a loss of {yours}. The least-squares line "
        "y = {best} has a loss of {best_loss}: yours is {gap} higher ({ratio} times the minimum).",
        "line_same": "Your line y = {a} has a loss of {yours}, the minimum to two decimals: "
        "it is the least-squares line y = {best}.",
        "line_static": "The least-squares line is y = {best}, with a loss of {best_loss}.",
        "pick": "Pick one",
        "right": "Right.",
        "wrong": "Not this one.",
        "choice_result": "You picked {picked}. The run that diverged is {answer}: after {steps} "
        "steps its loss had grown to {loss}, and the run stopped. After {last} steps the others "
        "end at: {others}.",
        "choice_static": "The run that diverged is {answer}: after {steps} steps its loss had "
        "grown to {loss}, and the run stopped.",
        "step": "training step",
        "mark_result": "You marked step {guess}. The test loss is lowest at step {best}, "
        "{best_loss}; at your step it is {at}, {pct} higher.",
        "mark_found": "You marked step {guess}. The test loss is lowest at step {best}, "
        "{best_loss}: you found it.",
        "mark_static": "The test loss is lowest at step {best}, {best_loss}.",
        "previous": "Previous step",
        "next": "Next step",
        "position": "Step {k} of {n}",
        "stepper_nojs": "Without JavaScript the steps are listed one after the other:",
        "steps_show": "Show all the steps",
        "code": "The NumPy line that computes it",
        "picture": "The network: the input x, the hidden neurons h₁ to h{hidden}, the output ŷ "
        "and the loss L. Each step writes its values beside the neurons.",
        "titles": [
            "The input",
            "Into the hidden layer: z₁",
            "Through the sigmoid: h",
            "The output: ŷ",
            "The loss: L",
            "Backward: the gradients",
            "One update",
        ],
        "explain": [
            "One example: its input x and the right answer y.",
            "Each hidden neuron j computes z₁ⱼ = x · W₁ⱼ + b₁ⱼ.",
            "The sigmoid squeezes each z₁ⱼ into the range 0 to 1.",
            "The output neuron adds up the hidden values, each times its weight, plus b₂.",
            "With one example, the mean squared error is this one squared error.",
            "The chain rule from the loss back: first the output layer's weights, then, through "
            "W₂ and the sigmoid's derivative h(1 − h), the hidden layer's.",
            "Each weight moves against its gradient by α times the gradient. The loss on this "
            "example is lower afterwards.",
        ],
        "before_after": "L on this example: {before} before, {after} after",
    },
    "ko": {
        "commit": "내 예측 확정하기",
        "again": "다시 해 보기",
        "show": "결과 보기",
        "nojs": "자바스크립트가 꺼져 있어 예측을 입력할 수 없습니다. 결과는 다음과 같습니다.",
        "slope": "기울기 a",
        "intercept": "절편 b",
        "yours": "내 직선",
        "best": "최소 제곱 직선",
        "line_result": "내 직선 y = {a}의 손실: {yours}. 최소 제곱 직선 y = {best}의 손실: "
        "{best_loss}. 내 직선의 손실이 {gap}만큼 더 큽니다(최솟값의 {ratio}배).",
        "line_same": "내 직선 y = {a}의 손실: {yours}. 소수 둘째 자리까지 최솟값과 같습니다. "
        "최소 제곱 직선(y = {best})을 찾았습니다.",
        "line_static": "최소 제곱 직선: y = {best}, 손실 {best_loss}.",
        "pick": "하나를 고르세요",
        "right": "맞았습니다.",
        "wrong": "아닙니다.",
        "choice_result": "고른 학습률: {picked}. 발산한 것은 {answer}입니다. {steps}번 반복한 "
        "뒤 손실이 {loss}까지 커졌고, 다음 반복에서 발산 기준선을 넘어 멈췄습니다. 나머지의 {last}번 반복 뒤 손실: {others}.",
        "choice_static": "발산한 것은 {answer}입니다. {steps}번 반복한 뒤 손실이 {loss}까지 "
        "커졌고, 다음 반복에서 발산 기준선을 넘어 멈췄습니다.",
        "step": "학습 반복 횟수",
        "mark_result": "표시한 곳: {guess}번째 반복. 시험 손실이 가장 낮은 곳: {best}번째 반복"
        "(손실 {best_loss}). 표시한 곳의 시험 손실은 {at}, 최저보다 {pct} 높습니다.",
        "mark_found": "표시한 곳: {guess}번째 반복. 시험 손실이 가장 낮은 곳: {best}번째 반복"
        "(손실 {best_loss}). 정확히 찾았습니다.",
        "mark_static": "시험 손실이 가장 낮은 곳: {best}번째 반복(손실 {best_loss}).",
        "previous": "이전 단계",
        "next": "다음 단계",
        "position": "{n}단계 중 {k}단계",
        "stepper_nojs": "자바스크립트가 없으면 단계를 차례로 모두 보여 줍니다.",
        "steps_show": "모든 단계 보기",
        "code": "이 값을 계산하는 NumPy 코드",
        "picture": "신경망: 입력 x, 은닉 뉴런 h₁부터 h{hidden}까지, 출력 ŷ, 손실 L. 단계마다 "
        "그 값을 뉴런 옆에 적습니다.",
        "titles": [
            "입력",
            "은닉층으로: z₁",
            "시그모이드를 거쳐: h",
            "출력: ŷ",
            "손실: L",
            "역전파: 그레이디언트",
            "한 번 갱신하기",
        ],
        "explain": [
            "예제 하나: 입력 x와 정답 y.",
            "은닉 뉴런 j마다 z₁ⱼ = x · W₁ⱼ + b₁ⱼ를 계산합니다.",
            "시그모이드가 z₁ⱼ를 0과 1 사이로 눌러 줍니다.",
            "출력 뉴런은 은닉값에 각각의 가중치를 곱해 더하고 b₂를 더합니다.",
            "예제가 하나이므로 평균 제곱 오차는 이 오차 하나의 제곱입니다.",
            "손실에서 거꾸로 연쇄 법칙을 적용합니다. 먼저 출력층의 가중치, 그다음 W₂와 "
            "시그모이드의 미분 h(1 − h)를 거쳐 은닉층의 가중치로 갑니다.",
            "가중치마다 그레이디언트의 반대 방향으로 α × 그레이디언트만큼 움직입니다. 갱신한 뒤 "
            "이 예제의 손실이 줄어듭니다.",
        ],
        "before_after": "이 예제의 L: 갱신 전 {before}, 갱신 후 {after}",
    },
}

#: The words only the stepper uses (a question's page does not carry them).
STEPPER_WORDS = {"previous", "next", "position", "stepper_nojs", "steps_show", "code", "picture"}
STEPPER_WORDS |= {"before_after"}

#: The stepper's NumPy lines: the chapter's own, for one example (X and Y are 1 × 1).
STEPPER_CODE = [
    "X, Y = np.array([[x]]), np.array([[y]])",
    "Z1 = X @ W1 + b1",
    "H = sigmoid(Z1)",
    "Y_hat = H @ W2 + b2",
    "L = ((Y_hat - Y) ** 2).mean()",
    "delta2 = 2 * (Y_hat - Y) / len(X)",
    "dW2, db2 = H.T @ delta2, delta2.sum(axis=0)",
    "delta1 = (delta2 @ W2.T) * H * (1 - H)",
    "dW1, db1 = X.T @ delta1, delta1.sum(axis=0)",
    "W1, b1 = W1 - alpha * dW1, b1 - alpha * db1",
    "W2, b2 = W2 - alpha * dW2, b2 - alpha * db2",
]
#: Which lines each step highlights.
STEPPER_LINES = [[0], [1], [2], [3], [4], [5, 6, 7, 8], [9, 10]]


class Widget:
    """A piece of HTML a notebook cell displays as is (myst-nb writes it into the page)."""

    def __init__(self, text: str, name: str):
        self.text, self.name = text, name

    def _repr_html_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<{self.name}>"


def language(*texts: str) -> str:
    """The language of a widget: Korean when its words have Hangul.

    >>> language("최소 제곱"), language("Least squares")
    ('ko', 'en')
    """
    return "ko" if any(HANGUL.search(t) for t in texts) else "en"


def fmt(value: float, digits: int = 2) -> str:
    """A number as the page prints it: thousands grouped, the minus sign −.

    >>> fmt(-1234.5678), fmt(0.5, 3), fmt(-0.0001)
    ('−1,234.57', '0.500', '0.00')
    """
    text = f"{float(value):,.{digits}f}"
    if float(text.replace(",", "")) == 0:
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def line_text(a: float, b: float) -> str:
    """``a·x + b`` written as a line: 1.50x − 0.33.

    >>> line_text(1.5, -0.333), line_text(-1, 2)
    ('1.50x − 0.33', '−1.00x + 2.00')
    """
    sign = MINUS if round(b, 2) < 0 else "+"
    return f"{fmt(a)}x {sign} {fmt(abs(b))}"


def _json(obj) -> str:
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _text(value, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{name} must be non-empty text, got {value!r}")
    return value


def _reveal(kind: str, data: dict, *, title: str, question: str, why: str, static: str) -> Widget:
    """The frame every predict-then-reveal shares: title, question, the data, the no-JS toggle."""
    for value, name in ((title, "title"), (question, "question"), (why, "why")):
        _text(value, name)
    lang = language(title, question)
    words = WORDS[lang]
    shown = {k: v for k, v in words.items() if isinstance(v, str) and k not in STEPPER_WORDS}
    data = {**data, "kind": kind, "why": why, "words": shown}
    uid = "reveal-" + hashlib.sha256(_json(data).encode()).hexdigest()[:10]
    e = html_lib.escape
    return Widget(
        f'<div class="{WIDGET_CLASS} book-reveal" id="{uid}" data-kind="{kind}" lang="{lang}" '
        f'role="group" aria-labelledby="{uid}-title">'
        f'<p class="book-widget-title" id="{uid}-title">{e(title)}</p>'
        f'<p class="book-widget-question" id="{uid}-question">{e(question)}</p>'
        f'<details class="book-widget-static"><summary>{e(words["show"])}</summary>'
        f"<p>{e(words['nojs'])}</p><p><strong>{e(static)}</strong> {e(why)}</p></details>"
        f'<script type="application/json" class="book-widget-data">{_json(data)}</script>'
        f"</div>",
        f"predict then reveal: {kind}",
    )


def _floats(values, name: str, digits: int = 6) -> list[float]:
    return [round(float(v), digits) for v in as_floats(values, name)]


def predict_line(
    points: pd.DataFrame,
    *,
    slope: float,
    intercept: float,
    loss: float,
    start: tuple[float, float],
    slope_range: tuple[float, float],
    intercept_range: tuple[float, float],
    title: str,
    question: str,
    why: str,
    x_title: str,
    y_title: str,
) -> Widget:
    """The reader sets a line through ``points`` (dragging it, or with two sliders), commits,
    then sees the least-squares line (``slope``, ``intercept``, its sum of squared errors
    ``loss``), both losses and the gap. The line starts at ``start`` = (a, b).
    """
    checked_frame(points, "points", ["x", "y"])
    best = [as_float(v, n) for v, n in ((slope, "slope"), (intercept, "intercept"), (loss, "loss"))]
    check_range(slope_range, "slope_range")
    check_range(intercept_range, "intercept_range")
    a0, b0 = (float(v) for v in as_floats(start, "start"))
    if not (
        slope_range[0] <= a0 <= slope_range[1] and intercept_range[0] <= b0 <= intercept_range[1]
    ):
        raise ValueError(f"start {start!r} must lie within slope_range and intercept_range")
    x, y = _floats(points["x"], "points['x']"), _floats(points["y"], "points['y']")
    data = {
        "points": [list(p) for p in zip(x, y)],
        "best": {"a": best[0], "b": best[1], "loss": best[2]},
        "start": {"a": a0, "b": b0},
        "ranges": {"a": list(map(float, slope_range)), "b": list(map(float, intercept_range))},
        "top": float(max(max(x), max(y)) + 2),
        "titles": {"x": x_title, "y": y_title},
    }
    lang = language(title, question)
    static = WORDS[lang]["line_static"].format(
        best=line_text(best[0], best[1]), best_loss=fmt(best[2])
    )
    return _reveal("line", data, title=title, question=question, why=why, static=static)


def predict_choice(
    runs: dict[str, pd.DataFrame],
    *,
    answer: str,
    title: str,
    question: str,
    why: str,
    step_title: str,
    loss_title: str,
) -> Widget:
    """The reader picks one of ``runs`` (label → history with step and loss), the one that
    will diverge; on commit the loss of every run is drawn per step (log scale) and the
    ``answer`` is named.
    """
    if not isinstance(runs, dict) or not runs:
        raise TypeError("runs must be a non-empty dict {label: history}")
    if answer not in runs:
        raise ValueError(f"answer must be one of the runs {list(runs)}, got {answer!r}")
    shown = []
    for label, history in runs.items():
        checked_frame(history, f"runs[{label!r}]", ["step", "loss"])
        loss = history["loss"].to_numpy(float)
        if (loss <= 0).any():
            raise ValueError(f"runs[{label!r}]['loss'] must be positive (a log scale draws it)")
        shown.append(
            {
                "label": label,
                "step": [int(s) for s in history["step"]],
                "loss": [float(f"{v:.5g}") for v in loss],
            }
        )
    data = {"runs": shown, "answer": answer, "titles": {"x": step_title, "y": loss_title}}
    lang = language(title, question)
    blown = runs[answer]
    static = WORDS[lang]["choice_static"].format(
        answer=answer,
        steps=f"{int(blown['step'].iloc[-1]):,}",
        loss=fmt(blown["loss"].iloc[-1], 0),
    )
    return _reveal("choice", data, title=title, question=question, why=why, static=static)


def predict_mark(
    curves: pd.DataFrame,
    *,
    best_step: int,
    step_every: int,
    title: str,
    question: str,
    why: str,
    step_title: str,
    loss_title: str,
    train_label: str,
    test_label: str,
) -> Widget:
    """The reader marks, on the training loss curve, the step where the test loss will be
    lowest (``curves``: step, train, test); on commit the test loss is drawn and its lowest
    point, ``best_step``, marked. Steps are on a log scale, so the first few hundred steps,
    where most happens, get room; the curves are drawn, and the marker moves, every
    ``step_every`` steps for the first hundred records, then ten times more sparsely each
    decade (and at ``best_step``).
    """
    checked_frame(curves, "curves", ["step", "train", "test"])
    if (curves[["train", "test"]].to_numpy(float) <= 0).any():
        raise ValueError("curves' losses must be positive (a log scale draws them)")
    steps = curves["step"].to_numpy(int)
    if best_step not in set(steps.tolist()):
        raise ValueError(f"best_step {best_step} is not a step of curves")
    if not isinstance(step_every, int) or step_every < 1:
        raise ValueError(f"step_every must be a whole number >= 1, got {step_every!r}")
    best_loss = float(curves.loc[curves["step"] == best_step, "test"].iloc[0])
    # the steps the marker can land on, log-spaced (every step_every steps for the first
    # hundred records, then ten times fewer per decade), and the lowest point itself
    at = np.maximum(steps, 1) / step_every
    spacing = step_every * np.maximum(1, 10 ** (np.floor(np.log10(np.maximum(at, 1))) - 1))
    drawn = curves[(steps % spacing == 0) | (steps == best_step)]
    data = {
        "step": drawn["step"].astype(int).tolist(),
        "train": [float(f"{v:.4g}") for v in drawn["train"]],
        "test": [float(f"{v:.4g}") for v in drawn["test"]],
        "best": {"step": int(best_step), "loss": best_loss},
        "titles": {"x": step_title, "y": loss_title},
        "labels": {"train": train_label, "test": test_label},
    }
    lang = language(title, question)
    static = WORDS[lang]["mark_static"].format(best=f"{best_step:,}", best_loss=fmt(best_loss, 3))
    return _reveal("mark", data, title=title, question=question, why=why, static=static)


# ----------------------------------------------------------------------------
# the backpropagation stepper


def _vector(values, digits: int = 3) -> str:
    return "[" + ", ".join(fmt(v, digits) for v in np.ravel(values)) + "]"


SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _subscript(number: int) -> str:
    """A neuron's index as written after its letter: h₈, h₁₂.

    >>> _subscript(8), _subscript(12)
    ('₈', '₁₂')
    """
    return str(number).translate(SUBSCRIPT_DIGITS)


def _picture(uid: str, hidden: int, words: dict) -> str:
    """The network as an SVG: x, the hidden neurons, ŷ, L; values are written in by the script."""
    width, height = 360, 40 + 30 * hidden
    mid = height / 2
    ys = [20 + (height - 40) * j / max(hidden - 1, 1) for j in range(hidden)]
    nodes = [("x", 40, mid, "x")]
    nodes += [(f"h{j + 1}", 170, ys[j], f"h{_subscript(j + 1)}") for j in range(hidden)]
    nodes += [("y_hat", 290, mid, "ŷ"), ("L", 335, mid, "L")]
    at = {name: (cx, cy) for name, cx, cy, _ in nodes}
    edges = [("x", f"h{j + 1}") for j in range(hidden)]
    edges += [(f"h{j + 1}", "y_hat") for j in range(hidden)] + [("y_hat", "L")]
    parts = [
        f'<svg class="book-stepper-net" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{uid}-picture"><title id="{uid}-picture">'
        f"{html_lib.escape(words['picture'].format(hidden=_subscript(hidden)))}</title>"
    ]
    for a, b in edges:
        (x1, y1), (x2, y2) = at[a], at[b]
        parts.append(
            f'<line class="book-stepper-edge" data-from="{a}" data-to="{b}" x1="{x1}" y1="{y1:.1f}"'
            f' x2="{x2}" y2="{y2:.1f}"/>'
        )
    for name, cx, cy, label in nodes:
        parts.append(
            f'<g class="book-stepper-node" data-node="{name}"><circle cx="{cx}" cy="{cy:.1f}" '
            f'r="11"/><text class="book-stepper-label" x="{cx}" y="{cy + 4:.1f}">{label}</text>'
            f'<text class="book-stepper-value" x="{cx + (16 if name.startswith("h") else 0)}" '
            f'y="{cy + (4 if name.startswith("h") else -16):.1f}"></text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def backprop_stepper(trace: dict, *, title: str, intro: str) -> Widget:
    """One example through chapter 7's network in seven steps, from ``trace``
    (:func:`lessons.propagation.trace`): input, z₁, h, ŷ, loss, the gradients, one update.

    Each step shows its equation with the numbers filled in, highlights the NumPy
    line that computes it, and writes its values on a picture of the network.

    >>> from lessons.propagation import init_network, trace
    >>> stepper = backprop_stepper(trace(init_network((1, 2, 1), seed=0), 0.5, -1.0, 0.5),
    ...                            title="Step through", intro="One example.")
    >>> text = stepper._repr_html_()
    >>> text.count('<li class="book-stepper-step"'), "book-stepper-trace" in text
    (7, True)
    >>> "the hidden neurons h₁ to h₂," in text  # the last index is a subscript too
    True
    """
    needed = ["x", "y", "W1", "b1", "z1", "h", "W2", "b2", "y_hat", "loss", "delta2", "dW2",
              "db2", "delta1", "dW1", "db1", "learning_rate", "W1_new", "b1_new", "W2_new",
              "b2_new", "loss_new"]  # fmt: skip
    if not isinstance(trace, dict) or any(key not in trace for key in needed):
        raise TypeError("trace must be the dict lessons.propagation.trace returns")
    _text(title, "title"), _text(intro, "intro")
    t = {key: np.asarray(trace[key], dtype=float) for key in needed}
    hidden = t["z1"].size
    lang = language(title, intro)
    words = WORDS[lang]
    f3 = fmt
    hs = [f"h{j + 1}" for j in range(hidden)]

    def per_hidden(values):
        return {name: f3(v, 3) for name, v in zip(hs, np.ravel(values))}

    steps = [
        (
            [f"x = {f3(t['x'], 3)},  y = {f3(t['y'], 3)}"],
            {"x": f3(t["x"], 3), "L": f"y = {f3(t['y'], 3)}"},
        ),
        (
            [
                "z₁ = x · W₁ + b₁",
                f"= {f3(t['x'], 3)} · {_vector(t['W1'])} + {_vector(t['b1'])}",
                f"= {_vector(t['z1'])}",
            ],
            per_hidden(t["z1"]),
        ),
        (["h = σ(z₁)", f"= σ({_vector(t['z1'])})", f"= {_vector(t['h'])}"], per_hidden(t["h"])),
        (
            [
                "ŷ = h · W₂ + b₂",
                f"= {_vector(t['h'])} · {_vector(t['W2'])} + {f3(t['b2'][0], 3)}",
                f"= {f3(t['y_hat'], 4)}",
            ],
            {"y_hat": f3(t["y_hat"], 4)},
        ),
        (
            [
                "L = (ŷ − y)²",
                f"= ({f3(t['y_hat'], 4)} − ({f3(t['y'], 3)}))²",
                f"= {f3(t['loss'], 4)}",
            ],
            {"y_hat": f3(t["y_hat"], 4), "L": f3(t["loss"], 4)},
        ),
        (
            [
                f"δ₂ = ∂L/∂ŷ = 2(ŷ − y) = {f3(t['delta2'], 4)}",
                f"∂L/∂W₂ = hᵀ δ₂ = {_vector(t['dW2'])}",
                f"∂L/∂b₂ = δ₂ = {f3(t['db2'][0], 4)}",
                f"δ₁ = (δ₂ W₂ᵀ) ⊙ h ⊙ (1 − h) = {_vector(t['delta1'])}",
                f"∂L/∂W₁ = xᵀ δ₁ = {_vector(t['dW1'])}",
                f"∂L/∂b₁ = δ₁ = {_vector(t['db1'])}",
            ],
            {"y_hat": "δ₂ " + f3(t["delta2"], 4), **per_hidden(t["delta1"])},
        ),
        (
            [
                f"α = {fmt(t['learning_rate'], 2)}",
                f"W₁ ← W₁ − α ∂L/∂W₁ = {_vector(t['W1_new'])}",
                f"b₁ ← b₁ − α ∂L/∂b₁ = {_vector(t['b1_new'])}",
                f"W₂ ← W₂ − α ∂L/∂W₂ = {_vector(t['W2_new'])}",
                f"b₂ ← b₂ − α ∂L/∂b₂ = {f3(t['b2_new'][0], 3)}",
                words["before_after"].format(before=f3(t["loss"], 4), after=f3(t["loss_new"], 4)),
            ],
            {"L": f3(t["loss_new"], 4)},
        ),
    ]
    e = html_lib.escape
    uid = (
        "stepper-"
        + hashlib.sha256(_json({k: t[k].tolist() for k in needed}).encode()).hexdigest()[:10]
    )
    items = []
    for (lines, nodes), name, explain, code in zip(
        steps, words["titles"], words["explain"], STEPPER_LINES
    ):
        eq = "".join(f'<span class="book-stepper-eq">{e(line)}</span>' for line in lines)
        items.append(
            f'<li class="book-stepper-step" data-lines="{",".join(map(str, code))}" '
            f"data-nodes='{e(_json(nodes))}'>"
            f'<p class="book-stepper-name">{e(name)}</p><p>{e(explain)}</p>'
            f'<p class="book-stepper-math">{eq}</p>'
            f'<p class="book-stepper-code-line"><code>'
            f"{e(' / '.join(STEPPER_CODE[i] for i in code))}</code></p></li>"
        )
    code = "".join(
        f'<span class="book-stepper-line" data-line="{i}">{e(line)}</span>\n'
        for i, line in enumerate(STEPPER_CODE)
    )
    raw = {key: t[key].tolist() for key in needed}
    return Widget(
        f'<div class="{WIDGET_CLASS} book-stepper" id="{uid}" lang="{lang}" role="group" '
        f'aria-labelledby="{uid}-title">'
        f'<p class="book-widget-title" id="{uid}-title">{e(title)}</p><p>{e(intro)}</p>'
        f'<div class="book-stepper-body"><div class="book-stepper-left">{_picture(uid, hidden, words)}'
        f'<p class="book-stepper-caption">{e(words["code"])}</p>'
        f'<pre class="book-stepper-code">{code}</pre></div>'
        f'<details class="book-stepper-all" open><summary>{e(words["steps_show"])}</summary>'
        f'<p class="book-stepper-nojs">{e(words["stepper_nojs"])}</p>'
        # the script's row, as it will write it for step 1: hidden without JavaScript, laid
        # out with it before the script runs (book-widgets.css), so the page does not move
        f'<div class="book-stepper-nav" hidden><button type="button" disabled>'
        f"\u2190 {e(words['previous'])}</button>"
        f'<span class="book-stepper-position" aria-live="polite">'
        f"{e(words['position'].format(k=1, n=len(items)))}: {e(words['titles'][0])}</span>"
        f'<button type="button">{e(words["next"])} \u2192</button></div>'
        f'<ol class="book-stepper-steps">{"".join(items)}</ol></details></div>'
        f'<script type="application/json" class="book-stepper-trace">{_json(raw)}</script>'
        f'<script type="application/json" class="book-widget-data">{_json({"words": {k: words[k] for k in ("previous", "next", "position")}})}</script>'
        f"</div>",
        "backpropagation stepper",
    )
