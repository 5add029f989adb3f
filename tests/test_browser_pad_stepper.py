"""Chapter 8's stepper and "teach it" under the digit pad, in headless Chromium.

The page's JavaScript runs the reader's drawing forward and backward through the
pad's exported layers and takes one gradient step; on fixed inputs (real test
digits) its probabilities, loss, every parameter's gradient and the parameters
after one step must equal ``lessons.classifier``'s forward, backward and
gradient_step on the same weights to 1e-6. The taught network must survive a
reload (localStorage) and "reset" must bring back the book's. The steps show the
Python numbers in the page's language; without JavaScript a sentence says what
the widget does; axe finds nothing to fault.
"""

import re

import numpy as np
import pytest
from test_browser_pages import AXE

from conftest import LANGS
from lessons import classifier as clf, data

pytestmark = pytest.mark.browser
PAGE = "08-classification"
PAD = "document.querySelector('.book-digit-pad')"
STEPPER = "document.querySelector('.book-pad-stepper')"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def digits():
    """Three test digits (their 64 counts) and their right answers, as the chapter splits them."""
    frame = data.load_digits()
    counts = frame.filter(like="pixel").to_numpy()
    test = clf.split(len(frame), validation=0.2, test=0.2, seed=0).test[:3]
    return counts[test], frame["digit"].to_numpy()[test]


def open_stepper(visit, lang, **options):
    visited = visit(f"{lang}/{PAGE}.html", **options)
    visited.page.wait_for_function(
        f"() => {STEPPER} && {STEPPER}.classList.contains('book-pad-stepper-ready')",
        timeout=10000,
    )
    return visited, visited.page


def book_network(page):
    return clf.import_weights(
        page.evaluate(f"JSON.parse({PAD}.querySelector('script.book-pad-weights').textContent)")
    )


def pad_params(page):
    return {k: np.array(v) for k, v in page.evaluate(f"{PAD}.bookDigitPad.params()").items()}


def learning_rate(page):
    """The chapter's learning rate, as the page carries it (charts.pad_stepper(learning_rate=…))."""
    return page.evaluate(
        f"JSON.parse({STEPPER}.querySelector('script.book-pad-stepper-data').textContent)"
        ".learning_rate"
    )


def python_step(params, counts, label, alpha):
    x = clf.scale_pixels(np.asarray(counts, float)).reshape(1, -1)
    p, cache = clf.forward(params, x)
    grads = clf.backward(params, cache, [label])
    updated = clf.gradient_step(params, grads, learning_rate=alpha)
    return {
        "p": p[0],
        "loss": clf.loss(params, x, [label]),
        "grads": grads,
        "updated": updated,
        "p_after": clf.forward(updated, x)[0][0],
        "loss_after": clf.loss(updated, x, [label]),
    }


def draw_counts(page, counts):
    page.evaluate(f"c => {PAD}.bookDigitPad.setCounts(c)", [int(v) for v in counts])


def test_javascript_forward_backward_and_step_equal_python(visit, digits):
    visited, page = open_stepper(visit, "en")
    params = book_network(page)
    counts, labels = digits
    for row, right in zip(counts, labels):
        for label in (int(right), (int(right) + 3) % 10):  # the right answer and a wrong one
            ref = python_step(params, row, label, learning_rate(page))
            x = clf.scale_pixels(row.astype(float)).ravel().tolist()
            got = page.evaluate(f"([x, y]) => {STEPPER}.bookPadStepper.trace(x, y)", [x, label])
            for key in ("p", "loss", "p_after", "loss_after"):
                assert np.abs(np.asarray(got[key]) - ref[key]).max() < 1e-6, key
            assert sorted(got["grads"]) == sorted(ref["grads"]) == sorted(params)
            for name in params:
                grad, new = np.asarray(got["grads"][name]), np.asarray(got["updated"][name])
                assert grad.shape == params[name].shape, name
                assert np.abs(grad - ref["grads"][name]).max() < 1e-6, name
                assert np.abs(new - ref["updated"][name]).max() < 1e-6, name
            if label != right:  # the comparison is not of zeros
                assert np.abs(ref["grads"]["W1"]).max() > 1e-2
    assert visited.errors == [] and visited.offsite == []


@pytest.mark.parametrize("lang", LANGS)
def test_teach_it_is_kept_across_a_reload_and_reset_brings_back_the_book(visit, lang, digits):
    visited, page = open_stepper(visit, lang)
    book = book_network(page)
    counts, labels = digits
    label = (int(labels[0]) + 3) % 10
    stepper = page.locator(".book-pad-stepper")
    status_before = stepper.locator(".book-pad-taught").inner_text()
    draw_counts(page, counts[0])
    stepper.locator("select.book-pad-label").select_option(str(label))
    stepper.get_by_role("button", name=re.compile("Teach|가르치기")).click()
    ref = python_step(book, counts[0], label, learning_rate(page))
    taught = pad_params(page)
    for name in book:
        assert np.abs(taught[name] - ref["updated"][name]).max() < 1e-6, name
    row = stepper.locator("tbody tr").nth(label)
    assert row.locator(".book-pad-before").inner_text() == f"{100 * ref['p'][label]:.1f}%"
    assert row.locator(".book-pad-after").inner_text() == f"{100 * ref['p_after'][label]:.1f}%"
    status = stepper.locator(".book-pad-taught").inner_text()
    assert status != status_before and "1" in status
    assert bool(HANGUL.search(status)) == (lang == "ko")
    # the pad reads with the taught network
    probs = np.array(page.evaluate(f"{PAD}.bookDigitPad.probabilities()"))
    assert np.abs(probs - ref["p_after"]).max() < 1e-6

    page.reload()
    page.wait_for_function(
        f"() => {STEPPER} && {STEPPER}.classList.contains('book-pad-stepper-ready')"
    )
    restored = pad_params(page)
    for name in book:
        assert np.array_equal(restored[name], taught[name]), name
    assert page.evaluate(f"{PAD}.bookDigitPad.taught()") == 1
    draw_counts(page, counts[0])
    probs = np.array(page.evaluate(f"{PAD}.bookDigitPad.probabilities()"))
    assert np.abs(probs - ref["p_after"]).max() < 1e-6

    stepper.get_by_role("button", name=re.compile("Reset|되돌리기")).click()
    for name, value in pad_params(page).items():
        assert np.array_equal(value, book[name]), name
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('book-pad'))") == []
    page.reload()
    page.wait_for_function(
        f"() => {STEPPER} && {STEPPER}.classList.contains('book-pad-stepper-ready')"
    )
    for name, value in pad_params(page).items():
        assert np.array_equal(value, book[name]), name
    assert visited.errors == [] and visited.offsite == []


def vector(values):
    """What a step shows of a vector: all of a short one, the first four of a long one."""
    return list(values if len(values) <= 10 else values[:4]), 3


def numbers(text):
    return [float(n.replace("\u2212", "-")) for n in re.findall(r"[−-]?\d+\.\d+", text)]


def shows(text, values, digits):
    """Every value is printed in text, rounded to digits (ties may round either way)."""
    printed = numbers(text)
    return all(any(abs(p - v) <= 0.5 * 10**-digits + 1e-9 for p in printed) for v in values)


@pytest.mark.parametrize("lang", LANGS)
def test_the_steps_show_the_python_numbers(visit, lang, digits):
    visited, page = open_stepper(visit, lang)
    params = book_network(page)
    counts, labels = digits
    stepper = page.locator(".book-pad-stepper")
    empty = stepper.locator(".book-pad-step").inner_text()
    assert bool(HANGUL.search(empty)) == (lang == "ko")
    assert stepper.get_by_role("button", name=re.compile("Teach|가르치기")).is_disabled()
    draw_counts(page, counts[1])
    label = int(stepper.locator("select.book-pad-label").input_value())
    ref = python_step(params, counts[1], label, learning_rate(page))
    assert label == int(ref["p"].argmax())  # until the reader picks, the label is the network's
    x = clf.scale_pixels(counts[1].astype(float)).ravel()
    _, cache = clf.forward(params, x)
    nonzero = int(np.count_nonzero(x))
    assert 0 < nonzero < x.size  # so the count below tells this drawing from another
    expected = [  # a number each step must show
        vector(x),  # its first four are often all 0.000: the count of non-zero ones is checked too
        vector(cache["z1"][0]),
        vector(cache["z2"][0]),
        vector(cache["z3"][0]),
        vector(ref["p"]),
        ([ref["loss"]], 4),
        vector(ref["p"] - np.eye(10)[label]),
        ([np.linalg.norm(ref["grads"]["W2"])], 4),
        ([np.linalg.norm(ref["grads"]["W1"])], 4),
        ([ref["loss"], ref["loss_after"]], 4),
    ]
    nxt = stepper.get_by_role("button", name=re.compile("Next|다음"))
    first = stepper.locator(".book-pad-step").inner_text()
    said = f"{nonzero} of 64 are not zero" if lang == "en" else f"64개 중 0이 아닌 값 {nonzero}개"
    assert said in first, first
    for k, (values, digits) in enumerate(expected):
        text = stepper.locator(".book-pad-step").inner_text()
        assert shows(text, values, digits), (k, values, text)
        position = stepper.locator(".book-pad-position").inner_text()
        step = f"Step {k + 1} of 10" if lang == "en" else f"10단계 중 {k + 1}단계"
        assert position.startswith(step) and not position[len(step)].isdigit(), position
        if k < len(expected) - 1:
            nxt.click()
    assert nxt.is_disabled()
    assert visited.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_a_sentence_says_what_the_stepper_does(browser, server, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{lang}/{PAGE}.html")
    try:
        stepper = page.locator(".book-pad-stepper")
        sentence = stepper.locator(".book-pad-no-script")
        assert sentence.is_visible()
        assert bool(HANGUL.search(sentence.inner_text())) == (lang == "ko")
        assert not stepper.locator(".book-pad-stepper-body").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_in_the_stepper(visit, lang, digits):
    visited, page = open_stepper(visit, lang)
    page.add_script_tag(path=str(AXE))
    check = """async () => {
        const result = await axe.run({include: [['.book-pad-stepper']]},
                                     {resultTypes: ['violations'], preload: false});
        return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }"""
    assert page.evaluate(check) == []
    draw_counts(page, digits[0][2])
    page.locator(".book-pad-stepper").get_by_role(
        "button", name=re.compile("Teach|가르치기")
    ).click()
    assert page.evaluate(check) == []


def live_writes(page):
    """How often the stepper's live region (its step position) has been written since load."""
    return page.evaluate("window.bookPositionWrites")


def watch_position(page):
    page.evaluate(f"""() => {{
        window.bookPositionWrites = 0;
        new MutationObserver(() => {{ window.bookPositionWrites += 1; }})
            .observe({STEPPER}.querySelector('.book-pad-position'),
                     {{childList: true, characterData: true, subtree: true}});
    }}""")


def test_the_live_region_speaks_when_the_step_changes_not_on_every_stroke(visit, digits):
    """Every stroke of the pen rewrote "Step 1 of 10: The input" in the polite live region,
    so a screen reader said it again after each keystroke on the pad."""
    visited, page = open_stepper(visit, "en")
    counts, _ = digits
    draw_counts(page, counts[0])
    watch_position(page)
    for row in (counts[1], counts[2], counts[0]):  # three more strokes, the step stays
        draw_counts(page, row)
    page.evaluate("() => new Promise(requestAnimationFrame)")  # the observer has reported
    assert live_writes(page) == 0
    page.locator(".book-pad-stepper").get_by_role("button", name="Next step").click()
    page.evaluate("() => new Promise(requestAnimationFrame)")
    assert live_writes(page) > 0
    assert "Step 2 of 10" in page.locator(".book-pad-position").inner_text()
    assert visited.errors == []


def test_the_right_answer_follows_the_network_again_after_the_pad_is_cleared(visit, digits):
    """Once the reader had picked a label, the selector kept it for ever: after Clear and
    a new drawing, "Teach it" taught the new drawing the old drawing's label."""
    visited, page = open_stepper(visit, "en")
    counts, _ = digits
    select = page.locator(".book-pad-stepper select.book-pad-label")
    draw_counts(page, counts[1])
    guess = int(np.argmax(page.evaluate(f"{PAD}.bookDigitPad.probabilities()")))
    picked = (guess + 3) % 10
    page.locator(".book-digit-pad .book-pad-clear").click()
    draw_counts(page, counts[0])
    select.select_option(str(picked))
    page.locator(".book-digit-pad .book-pad-clear").click()
    draw_counts(page, counts[1])
    assert int(select.input_value()) == guess
    assert visited.errors == []


def test_a_button_that_disables_itself_hands_the_focus_on(visit, digits):
    """Next on the last step, Previous on the first and Reset disabled the button that had
    the focus: it fell to <body>, and a keyboard reader had to start from the top."""
    visited, page = open_stepper(visit, "en")
    stepper = page.locator(".book-pad-stepper")
    draw_counts(page, digits[0][0])
    focused = "() => document.activeElement.className || document.activeElement.tagName"
    stepper.locator(".book-pad-next").focus()
    for _ in range(page.evaluate(f"{STEPPER}.bookPadStepper.steps()") - 1):
        page.keyboard.press("Enter")
    assert stepper.locator(".book-pad-next").is_disabled()
    assert "book-pad-previous" in page.evaluate(focused)
    while not stepper.locator(".book-pad-previous").is_disabled():
        page.keyboard.press("Enter")
    assert "book-pad-next" in page.evaluate(focused)
    stepper.locator(".book-pad-teach-button").click()
    stepper.locator(".book-pad-reset").focus()
    page.keyboard.press("Enter")
    assert stepper.locator(".book-pad-reset").is_disabled()
    assert "book-pad-teach-button" in page.evaluate(focused)
    assert visited.errors == []


def test_a_saved_network_with_a_missing_weight_is_not_restored(visit, digits):
    """JSON writes NaN and infinities as null, and the global isFinite(null) is true: a
    broken saved network was restored, each null weight read as 0."""
    visited, page = open_stepper(visit, "en")
    key = page.evaluate(f"'book-pad-network:' + {PAD}.id")
    page.evaluate(
        f"""k => {{ const net = JSON.parse(JSON.stringify({PAD}.bookDigitPad.book()));
        const dense = net.layers.find(l => l.kind === 'dense');
        dense.W[0][0] = null;
        localStorage.setItem(k, JSON.stringify({{net, taught: 3}})); }}""",
        key,
    )
    page.reload()
    page.wait_for_function(f"() => {STEPPER}.classList.contains('book-pad-stepper-ready')")
    assert page.evaluate(f"{PAD}.bookDigitPad.taught()") == 0
    book = book_network(page)
    for name, value in pad_params(page).items():
        assert np.array_equal(value, book[name]), name
    assert visited.errors == []


def test_networks_taught_on_other_weights_are_removed(visit, digits):
    """Each release with new weights left its taught network (55 KB) in localStorage for ever."""
    visited, page = open_stepper(visit, "en")
    page.evaluate("localStorage.setItem('book-pad-network:pad-0123456789', '{\"taught\": 1}')")
    page.evaluate("localStorage.setItem('book-selfcheck', '{}')")  # not the pad's: kept
    stepper = page.locator(".book-pad-stepper")
    draw_counts(page, digits[0][0])
    stepper.locator(".book-pad-teach-button").click()
    page.reload()
    page.wait_for_function(f"() => {STEPPER}.classList.contains('book-pad-stepper-ready')")
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('book')).sort()")
    mine = page.evaluate(f"'book-pad-network:' + {PAD}.id")
    assert keys == sorted([mine, "book-selfcheck"]), keys
    assert page.evaluate(f"{PAD}.bookDigitPad.taught()") == 1
    assert visited.errors == []
