"""Predict, then reveal (chapters 4, 6, 7) and the backpropagation stepper (chapter 7), in
headless Chromium, both languages.

Each question keeps its result out of the page, for the eye and for a screen reader, until
the reader commits a guess; the reveal then shows the numbers the lesson code computes here,
independently of the page. The stepper's numbers are the Python trace's. Without JavaScript
every widget still shows a sentence and the result in a toggle; axe finds nothing to fault.
"""

import json
import re

import numpy as np
import pytest
from bs4 import BeautifulSoup
from test_browser_pages import AXE

from conftest import LANGS
from lessons import (
    data,
    generalisation as gen,
    gradient_descent as gd,
    ols,
    propagation as prop,
    stats,
)
from lessons.charts.widgets import fmt, line_text

pytestmark = pytest.mark.browser
PAGES = {"line": "04-least-squares", "choice": "06-gradient-descent", "mark": "07-propagation"}
WIDGET = "document.querySelector('.book-reveal[data-kind=\"{kind}\"]')"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def expected():
    """The results, computed here with the lesson code as the chapters compute them."""
    points = data.load_five_points()
    fit = ols.fit_line(points.x, points.y)
    cars = data.load_cars()
    x = stats.standardise(cars["Horsepower"])
    y = stats.standardise(cars["km_per_litre"])
    split = gen.split_rows(len(cars), n_train=40, seed=2)
    hp, kml = cars["Horsepower"].to_numpy(), cars["km_per_litre"].to_numpy()
    xs = [
        gen.standardise_like(hp[rows], reference=hp[split.train])
        for rows in (split.train, split.test)
    ]
    ys = [
        gen.standardise_like(kml[rows], reference=kml[split.train])
        for rows in (split.train, split.test)
    ]
    small = prop.train(prop.init_network((1, 8, 1), seed=0), xs[0], ys[0], learning_rate=0.5,
                       steps=20000, snapshot_every=10)  # fmt: skip
    curves = gen.loss_curves(small.snapshots, xs[0], ys[0], xs[1], ys[1])
    best = curves.loc[curves["test"].idxmin()]
    runs = {
        r: gd.fit_line_gd(points.x, points.y, r, 200, on_divergence="stop")
        for r in (0.005, 0.03, 0.08, 0.09)
    }
    return {
        "points": points,
        "fit": fit,
        "fit_loss": ols.sum_squared_errors(points.x, points.y, *fit),
        "curves": curves,
        "best": best,
        "diverged": [f"α = {r}" for r, run in runs.items() if run.diverged],
        "params": prop.init_network((1, 8, 1), seed=0),
        "car": (float(x[0]), float(y[0])),
    }


def open_widget(visit, lang, kind, **options):
    page = visit(f"{lang}/{PAGES[kind]}.html", **options).page
    root = WIDGET.format(kind=kind)
    page.wait_for_function(f"() => {root}.classList.contains('book-widget-ready')", timeout=10000)
    return page, page.locator(f'.book-reveal[data-kind="{kind}"]')


def seen_and_heard(widget) -> str:
    """What a reader sees and what a screen reader gets from the widget."""
    return widget.inner_text() + "\n" + widget.aria_snapshot()


@pytest.mark.parametrize("lang", LANGS)
def test_line_guess_then_the_least_squares_line(visit, lang, expected):
    page, widget = open_widget(visit, lang, "line")
    fit = expected["fit"]
    hidden = [line_text(fit.slope, fit.intercept), fmt(expected["fit_loss"])]
    before = seen_and_heard(widget)
    assert not any(text in before for text in hidden), before
    assert widget.locator("details").count() == 0, "the no-JavaScript answer stays in the page"
    assert (
        widget.locator(".book-widget-best").evaluate("e => getComputedStyle(e).display") == "none"
    )
    widget.evaluate("w => w.bookWidget.set(1.2, 0.5)")
    widget.get_by_role("button", name=re.compile("Commit|확정")).click()
    said = widget.locator(".book-widget-result").inner_text()
    points = expected["points"]
    yours = ols.sum_squared_errors(points.x, points.y, 1.2, 0.5)
    for text in (line_text(1.2, 0.5), fmt(yours), *hidden, fmt(yours - expected["fit_loss"])):
        assert text in said, (text, said)
    assert (
        widget.locator(".book-widget-best").evaluate("e => getComputedStyle(e).display") != "none"
    )
    assert bool(HANGUL.search(said)) == (lang == "ko"), said
    # the sliders are named, and moving one moves the line
    widget.get_by_role("button", name=re.compile("Try again|다시")).click()
    slope = widget.get_by_role("slider", name=re.compile("slope|기울기"))
    assert widget.locator(".book-widget-result").inner_text() == ""
    slope.press("ArrowRight")
    assert widget.evaluate("w => w.bookWidget.state().a") == pytest.approx(1.25)


@pytest.mark.parametrize("lang", LANGS)
def test_choice_names_the_run_that_diverges(visit, lang, expected):
    page, widget = open_widget(visit, lang, "choice")
    (answer,) = expected["diverged"]
    radios = widget.get_by_role("radio")
    assert radios.count() == 4
    assert widget.locator(".book-widget-plot").count() == 0, "the runs are drawn before the guess"
    assert widget.locator(".book-widget-result").inner_text() == ""
    widget.get_by_role("radio", name="α = 0.08").check()
    widget.get_by_role("button", name=re.compile("Commit|확정")).click()
    said = widget.locator(".book-widget-result").inner_text()
    assert said.startswith("Not this one." if lang == "en" else "아닙니다."), said
    assert answer in said
    assert widget.locator(".book-widget-plot path.book-widget-run").count() == 4
    widget.get_by_role("button", name=re.compile("Try again|다시")).click()
    widget.get_by_role("radio", name=answer).check()
    widget.get_by_role("button", name=re.compile("Commit|확정")).click()
    said = widget.locator(".book-widget-result").inner_text()
    assert said.startswith("Right." if lang == "en" else "맞았습니다."), said


@pytest.mark.parametrize("lang", LANGS)
def test_mark_reveals_the_test_curve_and_its_lowest_point(visit, lang, expected):
    page, widget = open_widget(visit, lang, "mark")
    best = expected["best"]
    best_text = f"{int(best['step']):,}"
    test_curve = widget.locator("path.book-widget-test")
    assert test_curve.evaluate("e => e.getBoundingClientRect().width") == 0, "test curve drawn"
    assert best_text not in seen_and_heard(widget)
    slider = widget.get_by_role("slider")
    slider.focus()
    slider.press("End")
    widget.get_by_role("button", name=re.compile("Commit|확정")).click()
    said = widget.locator(".book-widget-result").inner_text()
    curves = expected["curves"]
    at_end = curves["test"].iloc[-1]
    for text in (best_text, fmt(best["test"], 3), fmt(at_end, 3), "20,000"):
        assert text in said, (text, said)
    assert test_curve.evaluate("e => e.getBoundingClientRect().width") > 100


def stepper_numbers(expected):
    """The trace, computed here with lessons.propagation's forward, backward and train."""
    params, (x, y) = expected["params"], expected["car"]
    y_hat, cache = prop.forward(params, [[x]])
    grads = prop.backward(params, cache, [[y]])
    step = prop.train(params, [[x]], [[y]], learning_rate=0.1, steps=1)
    return {
        "x": x, "y": y, "z1": cache["z1"][0], "h": cache["h"][0], "y_hat": y_hat[0, 0],
        "loss": step.history["loss"].iloc[0], "loss_new": step.history["loss"].iloc[1],
        **{f"d{k}": v for k, v in grads.items()},
        **{f"{k}_new": v for k, v in step.params.items()},
    }  # fmt: skip


def vector(values):
    return "[" + ", ".join(fmt(v, 3) for v in np.ravel(values)) + "]"


@pytest.mark.parametrize("lang", LANGS)
def test_the_stepper_shows_the_python_trace(visit, lang, expected):
    page = visit(f"{lang}/07-propagation.html").page
    stepper = page.locator(".book-stepper")
    page.wait_for_function(
        "() => document.querySelector('.book-stepper').classList.contains('book-widget-ready')"
    )
    ref = stepper_numbers(expected)
    trace = json.loads(stepper.locator("script.book-stepper-trace").text_content())
    for key, value in ref.items():
        assert np.allclose(trace[key], value, rtol=0, atol=1e-12), key
    shown = {  # step: (what its equation shows, the highlighted line, a hidden neuron's value)
        0: ([fmt(ref["x"], 3), fmt(ref["y"], 3)], "X, Y =", None),
        1: ([vector(ref["z1"])], "Z1 = X @ W1 + b1", fmt(ref["z1"][0], 3)),
        2: ([vector(ref["h"])], "H = sigmoid(Z1)", fmt(ref["h"][0], 3)),
        3: ([fmt(ref["y_hat"], 4)], "Y_hat = H @ W2 + b2", None),
        4: ([fmt(ref["loss"], 4)], "L = ", None),
        5: ([vector(ref["dW2"]), vector(ref["dW1"]), vector(ref["db1"])], "delta1 =", None),
        6: ([vector(ref["W1_new"]), fmt(ref["loss_new"], 4)], "W1, b1 =", None),
    }
    nxt = stepper.get_by_role("button", name=re.compile("Next|다음"))
    for k, (numbers, line, h1) in shown.items():
        visible = stepper.locator("li.book-stepper-step:visible")
        assert visible.count() == 1
        text = visible.inner_text()
        for number in numbers:
            assert number in text, (k, number, text)
        current = stepper.locator(".book-stepper-line.book-stepper-current").all_inner_texts()
        assert any(c.startswith(line) for c in current), (k, current)
        if h1 is not None:
            assert stepper.locator('[data-node="h1"] .book-stepper-value').text_content() == h1
        if k < 6:
            nxt.click()
    assert nxt.is_disabled()
    assert bool(HANGUL.search(stepper.locator(".book-stepper-position").inner_text())) == (
        lang == "ko"
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(set(PAGES.values())))
def test_without_javascript_each_widget_shows_its_result_in_a_toggle(browser, server, lang, name):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{lang}/{name}.html")
    try:
        for widget in page.locator(".book-widget").all():
            toggle = widget.locator("details")
            assert toggle.count() == 1
            toggle.evaluate("d => { d.open = true; }")
            text = toggle.inner_text()
            assert re.search(r"\d", text), text
            assert bool(HANGUL.search(text)) == (lang == "ko"), text
        if name == "07-propagation":
            assert page.locator(".book-stepper li.book-stepper-step:visible").count() == 7
            # the sentence that says so, and no row of buttons that would do nothing
            assert page.locator(".book-stepper-nojs").is_visible()
            assert page.locator(".book-stepper-nav").is_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(set(PAGES.values())))
def test_axe_finds_nothing_in_the_widgets_before_and_after_commit(visit, lang, name):
    visited = visit(f"{lang}/{name}.html")
    page = visited.page
    page.wait_for_function(
        "() => [...document.querySelectorAll('.book-widget')]"
        ".every(w => w.classList.contains('book-widget-ready'))"
    )
    page.add_script_tag(path=str(AXE))
    check = """async () => {
        const result = await axe.run({include: [['.book-widget']]}, {resultTypes: ['violations'], preload: false});
        return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }"""
    assert page.evaluate(check) == []
    for widget in page.locator(".book-reveal").all():
        if widget.get_attribute("data-kind") == "choice":
            widget.get_by_role("radio").first.check()
        widget.locator(".book-widget-commit").click()
    assert page.evaluate(check) == []
    assert visited.errors == [] and visited.offsite == []


def test_widget_scripts_load_only_on_pages_with_a_widget(site):
    for lang in LANGS:
        for path in sorted((site / lang).glob("*.html")):
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            has = bool(soup.select(".book-widget"))
            loads = any("book-widgets.js" in s.get("src", "") for s in soup.select("script"))
            assert has == loads, path.name
            assert has == (path.stem in PAGES.values()), path.name
