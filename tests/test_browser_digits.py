"""Chapter 8's digit pad in headless Chromium: the JavaScript network is the Python network.

For real test-set digits, the pad's probabilities (plain JavaScript, weights
read from the page) must pick the same digit as ``lessons.classifier.forward``
on the same weights and agree within 1e-6. Drawing with the pointer, the
keyboard and the clear button must change what the pad says; the page loads
nothing from other hosts. Fifty digits drawn as mouse paths
(``drawn_digits.json``, made by ``drawn_digits.py``) are replayed through the
page's pad: it must read at least 90% of them and every digit at least 4 times
in 5 (in two halves, 0-4 and 5-9, each read at least 90% right, so two workers
share the replay).
"""

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from conftest import LANGS
from lessons import classifier as clf, data

PAGE = "08-classification"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
PAD = "document.querySelector('.book-digit-pad')"
DRAWN = json.loads(Path(__file__).with_name("drawn_digits.json").read_text(encoding="utf-8"))


def open_pad(visit, lang, width=1280):
    visited = visit(f"{lang}/{PAGE}.html", width=width)
    page = visited.page
    page.wait_for_function(
        f"() => {PAD} && {PAD}.classList.contains('book-digit-pad-ready')", timeout=10000
    )
    return visited, page


def page_network(page):
    weights = page.evaluate(
        f"JSON.parse({PAD}.querySelector('script.book-pad-weights').textContent)"
    )
    return clf.import_weights(weights)


def python_probabilities(params, counts):
    return clf.forward(params, clf.scale_pixels(np.asarray(counts, float)))[0][0]


def js_probabilities(page, counts):
    return np.array(
        page.evaluate(
            f"c => {{ {PAD}.bookDigitPad.setCounts(c); "
            f"return {PAD}.bookDigitPad.probabilities(); }}",
            [int(v) for v in counts],
        )
    )


def test_only_the_pad_page_loads_the_pad_script(site):
    for lang in LANGS:
        for path in site.joinpath(lang).glob("*.html"):
            html = path.read_text(encoding="utf-8")
            has_pad = 'class="book-digit-pad"' in html
            assert ("book-digit-pad.js" in html) == has_pad, path.name
            assert has_pad == (path.stem == PAGE), path.name


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_javascript_and_python_read_test_digits_alike(visit, lang):
    visited, page = open_pad(visit, lang)
    params = page_network(page)
    frame = data.load_digits()
    counts = frame.filter(like="pixel").to_numpy()
    test_rows = clf.split(len(frame), validation=0.2, test=0.2, seed=0).test
    right = 0
    for row in test_rows[:12]:
        expected = python_probabilities(params, counts[row])
        got = js_probabilities(page, counts[row])
        assert got.shape == (10,)
        assert int(got.argmax()) == int(expected.argmax())
        assert np.abs(got - expected).max() < 1e-6
        right += int(got.argmax()) == frame["digit"].iloc[row]
        readout = page.locator(".book-digit-pad .book-pad-readout").inner_text()
        assert str(int(expected.argmax())) in readout
        if lang == "ko":
            assert HANGUL.search(readout)
    assert right >= 10  # the network on the page reads real digits
    assert visited.offsite == [] and visited.errors == []


def draw(page, points):
    canvas = page.locator(".book-digit-pad canvas.book-pad-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + points[0][0] * box["width"], box["y"] + points[0][1] * box["height"])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=4)
    page.mouse.up()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_drawing_with_the_pointer_changes_the_prediction(visit, lang):
    visited, page = open_pad(visit, lang)
    params = page_network(page)
    pad = page.locator(".book-digit-pad")
    empty = pad.locator(".book-pad-readout").inner_text()
    assert page.evaluate(f"{PAD}.bookDigitPad.probabilities()") is None

    draw(page, [(0.5, 0.1), (0.5, 0.9)])  # a vertical stroke
    first = np.array(page.evaluate(f"{PAD}.bookDigitPad.probabilities()"))
    assert first.shape == (10,) and pad.locator(".book-pad-readout").inner_text() != empty
    # what the pad counted is what lessons counts from the same (scaled) bitmap
    fitted = np.array(page.evaluate(f"{PAD}.bookDigitPad.fitted()"), float).reshape(32, 32)
    counts = page.evaluate(f"{PAD}.bookDigitPad.counts()")
    np.testing.assert_array_equal(clf.downsample(fitted), counts)
    assert np.abs(first - python_probabilities(params, counts)).max() < 1e-6

    circle = [
        (0.5 + 0.35 * np.sin(t), 0.5 - 0.4 * np.cos(t)) for t in np.linspace(0, 2 * np.pi, 40)
    ]
    pad.locator(".book-pad-clear").click()
    assert page.evaluate(f"{PAD}.bookDigitPad.probabilities()") is None
    assert pad.locator(".book-pad-readout").inner_text() == empty
    draw(page, circle)
    second = np.array(page.evaluate(f"{PAD}.bookDigitPad.probabilities()"))
    assert np.abs(second - first).max() > 0.1, "a circle reads the same as a stroke"
    assert visited.offsite == [] and visited.errors == []


@pytest.mark.browser
def test_the_keyboard_draws_too(visit):
    visited, page = open_pad(visit, "en")
    canvas = page.locator(".book-digit-pad canvas.book-pad-canvas")
    canvas.focus()
    for key in ["Space", "ArrowDown", "Space", "ArrowDown", "Space", "ArrowDown", "Space"]:
        page.keyboard.press(key)
    counts = page.evaluate(f"{PAD}.bookDigitPad.counts()")
    assert counts is not None and sum(counts) > 0
    assert page.evaluate(f"{PAD}.bookDigitPad.probabilities()") is not None
    page.keyboard.press("Delete")
    assert page.evaluate(f"{PAD}.bookDigitPad.probabilities()") is None
    assert visited.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_pad_fits_a_phone(visit, lang):
    visited, page = open_pad(visit, lang, width=390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    box = page.locator(".book-digit-pad").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 391
    canvas = page.locator(".book-digit-pad canvas.book-pad-canvas").bounding_box()
    assert canvas["width"] >= 200
    live = page.locator(".book-digit-pad [aria-live]")
    assert live.count() == 1
    strings = json.loads(
        page.evaluate(f"{PAD}.querySelector('script.book-pad-strings').textContent")
    )
    assert bool(HANGUL.search(strings["readout"])) == (lang == "ko")
    assert visited.errors == []


@pytest.mark.browser
def test_the_pad_reads_clearly_drawn_digits(visit):
    """The whole path (pen, fit to the box, 4×4 counts, network) reads plain strokes right."""
    visited, page = open_pad(visit, "en")
    turn = np.linspace(0, 2 * np.pi, 40)
    shapes = {
        0: [(0.5 + 0.25 * np.sin(a), 0.5 - 0.38 * np.cos(a)) for a in turn],
        1: [(0.5, 0.1), (0.5, 0.9)],
        7: [(0.25, 0.15), (0.75, 0.15), (0.45, 0.9)],
    }
    for digit, stroke in shapes.items():
        page.locator(".book-digit-pad .book-pad-clear").click()
        draw(page, stroke)
        probabilities = np.array(page.evaluate(f"{PAD}.bookDigitPad.probabilities()"))
        assert int(probabilities.argmax()) == digit, (digit, probabilities.round(2))
    assert visited.errors == []


def replay(page, strokes):
    """Draw ``strokes`` (points as fractions of the pad) with the mouse, one stroke per press."""
    box = page.locator(".book-digit-pad canvas.book-pad-canvas").bounding_box()
    for stroke in strokes:
        points = [(box["x"] + x * box["width"], box["y"] + y * box["height"]) for x, y in stroke]
        page.mouse.move(*points[0])
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*point)
        page.mouse.up()


#: The fifty drawings are replayed in two halves (by digit), so that two pytest-xdist
#: workers share them; each half must be read at least 90% right (so all fifty are).
HALVES = {"0-4": (0, 1, 2, 3, 4), "5-9": (5, 6, 7, 8, 9)}


def test_the_drawn_digits_are_fifty_five_of_each_digit():
    total = Counter(drawing["digit"] for drawing in DRAWN)
    assert len(DRAWN) >= 50 and sorted(total) == list(range(10))
    assert all(n == 5 for n in total.values())
    assert sorted(d for half in HALVES.values() for d in half) == list(range(10))


@pytest.mark.browser
@pytest.mark.verify  # fifty drawings through the page (a minute): `make verify`, after `make test`
@pytest.mark.parametrize("digits", list(HALVES.values()), ids=list(HALVES))
def test_the_pad_reads_the_drawn_digits(visit, digits):
    """Large, small, slanted and off-centre digits, five of each digit, drawn with the mouse."""
    visited, page = open_pad(visit, "en")
    page.locator(".book-digit-pad canvas.book-pad-canvas").scroll_into_view_if_needed()
    drawings = [drawing for drawing in DRAWN if drawing["digit"] in digits]
    right, misread = Counter(), []
    for drawing in drawings:
        page.locator(".book-digit-pad .book-pad-clear").click()
        replay(page, drawing["strokes"])
        answer = int(np.argmax(page.evaluate(f"{PAD}.bookDigitPad.probabilities()")))
        right[drawing["digit"]] += answer == drawing["digit"]
        if answer != drawing["digit"]:
            misread.append(f"{drawing['digit']} ({drawing['variant']}) read as {answer}")
    total = Counter(drawing["digit"] for drawing in drawings)
    score = sum(right.values())
    table = "\n".join(f"  {d}: {right[d]} of {total[d]}" for d in sorted(total))
    report = f"read {score} of {len(drawings)} drawn digits\n{table}\nmisread: {misread or 'none'}"
    print(report)
    assert sorted(total) == list(digits) and all(n == 5 for n in total.values())
    assert score >= 0.9 * len(drawings), report
    assert all(right[d] >= 4 for d in total), report
    assert visited.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_a_sentence_replaces_the_pad(browser, server, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{lang}/{PAGE}.html", wait_until="load")
    pad = page.locator(".book-digit-pad")
    sentence = pad.locator(".book-pad-no-script")
    assert sentence.is_visible() and "JavaScript" in sentence.inner_text().replace(
        "자바스크립트", "JavaScript"
    )
    assert bool(HANGUL.search(sentence.inner_text())) == (lang == "ko")
    for part in ("canvas.book-pad-canvas", ".book-pad-clear", ".book-pad-help", ".book-pad-bars"):
        assert not pad.locator(part).is_visible(), (
            f"{part} shows, but nothing works without JavaScript"
        )
    context.close()


@pytest.mark.browser
def test_the_pad_shows_its_top_three_and_a_large_input_picture(visit):
    visited, page = open_pad(visit, "en")
    pad = page.locator(".book-digit-pad")
    assert not pad.locator(".book-pad-no-script").is_visible()
    draw(page, [(0.25, 0.15), (0.75, 0.15), (0.45, 0.9)])
    probabilities = np.array(page.evaluate(f"{PAD}.bookDigitPad.probabilities()"))
    rows = pad.locator(".book-pad-bar")
    assert rows.count() == 3
    shown = [int(rows.nth(k).locator(".book-pad-digit").inner_text()) for k in range(3)]
    assert shown == list(np.argsort(-probabilities)[:3])
    percents = [rows.nth(k).locator(".book-pad-number").inner_text() for k in range(3)]
    assert percents == [f"{100 * probabilities[d]:.1f}%" for d in shown]
    seen = pad.locator("canvas.book-pad-small").bounding_box()
    assert seen["width"] >= 128 and seen["height"] >= 128
    assert visited.errors == []
