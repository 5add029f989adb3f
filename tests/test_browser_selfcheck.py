"""Self-checks in Chromium, both languages: the right answer is accepted, a wrong one is not.

The expected answers come from the sources and the executed notebooks (the
``{selfcheck}`` options and ``_build/<lang>/jupyter_execute/<page>.glue.json``),
not from the attributes the script reads.
"""

from __future__ import annotations

import json
import re
from ast import literal_eval

import pytest
from test_browser_pages import AXE
from test_selfcheck import page, selfchecks

from conftest import CHAPTERS, LANGS, ROOT

pytestmark = pytest.mark.browser
HANGUL = re.compile(r"[\uac00-\ud7a3]")
WITH_CHECKS = [name for name in CHAPTERS if selfchecks(page("en", name))]
FORMAT = re.compile(r",?\.(\d+)[f%]|,?d")


def glued(lang: str, name: str) -> dict:
    path = ROOT / "_build" / lang / "jupyter_execute" / f"{name}.glue.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: literal_eval("".join(entry["data"]["text/plain"])) for key, entry in data.items()}


def number_answer(check: dict, values: dict) -> dict:
    """The right answer typed two ways (plain ASCII; as the book prints it, with its unit), and a wrong one."""
    key, _, fmt = check["answer"].partition(":")
    value = values[key]
    digits = FORMAT.fullmatch(fmt).group(1)
    digits = int(digits) if digits else 0
    scale = 100 if fmt.endswith("%") else 1
    unit = "%" if scale == 100 else check.get("unit", "")
    tolerance = check.get("tolerance")
    tol = values[tolerance] * scale if tolerance else 0.5 * 10**-digits
    shown = f"{value * scale:,.{digits}f}"
    return {
        "plain": shown.replace(",", ""),
        "book": shown.replace("-", "\u2212") + ("" if unit in ("", "%") else " ") + unit,
        "wrong": f"{value * scale + 10 * tol + 1:.{digits}f}",
        "shown": shown.replace("-", "\u2212"),
    }


def cases():
    for lang in LANGS:
        for name in WITH_CHECKS:
            yield lang, name


def status_of(box):
    return box.locator(".book-selfcheck-status").text_content().strip()


def expect_verdict(box, right: bool, lang: str):
    from playwright.sync_api import expect

    expect(box).to_have_class(
        re.compile("book-selfcheck-right" if right else "book-selfcheck-missed")
    )
    said = status_of(box)
    assert said, "nothing announced"
    assert bool(HANGUL.search(said)) == (lang == "ko"), said


def answer_every_check(page_, lang: str, name: str, first_try_wrong: bool = True):
    values = glued(lang, name)
    for check in selfchecks(page(lang, name)):
        box = page_.locator(f"#selfcheck-{check['name']}")
        kind = check.get("kind", "number")
        hint = box.locator(".book-selfcheck-hint")
        if hint.count():
            assert not hint.is_visible(), f"{check['name']}: the hint shows before a miss"
        check_button = box.locator("button.book-selfcheck-check")
        if kind == "number":
            typed = number_answer(check, values)
            field = box.get_by_role("textbox")
            field.fill(typed["wrong"])
            check_button.click()
            expect_verdict(box, False, lang)
            if hint.count():
                assert hint.is_visible(), f"{check['name']}: no hint after a miss"
            for form in ("plain", "book"):
                field.fill(typed[form])
                field.press("Enter")
                expect_verdict(box, True, lang)
        elif kind == "choice":
            right = values[check["answer"]]
            radios = box.get_by_role("radio")
            radios.nth(0 if right else 1).check()
            check_button.click()
            expect_verdict(box, False, lang)
            if hint.count():
                assert hint.is_visible()
            radios.nth(right).check()
            check_button.click()
            expect_verdict(box, True, lang)
        else:
            check_button.click()  # as written, the items are never in the right order
            expect_verdict(box, False, lang)
            if hint.count():
                assert hint.is_visible()
            for at, item in enumerate(values[check["answer"]]):
                row = box.locator(f"li[data-item='{item}']")
                while row.evaluate("r => [...r.parentNode.children].indexOf(r)") > at:
                    row.locator("button").first.press("Enter")  # move up, with the keyboard
            check_button.click()
            expect_verdict(box, True, lang)


@pytest.mark.parametrize("lang, name", list(cases()))
def test_every_self_check_accepts_its_answer_and_rejects_a_wrong_one(visit, lang, name):
    visited = visit(f"{lang}/{name}.html")
    answer_every_check(visited.page, lang, name)
    assert visited.offsite == [], "requests to other hosts"
    assert visited.errors == [], "console errors"


def test_number_formats_are_read_like_a_reader_writes_them(visit):
    page_ = visit("ko/04-least-squares.html").page
    box = page_.locator("#selfcheck-ls-derivative")  # the answer is −8
    field = box.get_by_role("textbox")
    for typed, verdict in [
        ("−8", True),
        ("-8", True),
        ("－８", True),
        ("약 -8", True),
        (" -8.0 ", True),
        ("8", False),
        ("-1,008", False),
        ("-8.6", False),
    ]:
        field.fill(typed)
        field.press("Enter")
        expect_verdict(box, verdict, "ko")
    for unreadable in ("-8 kg", "1,23", "eight"):
        field.fill(unreadable)
        field.press("Enter")
        assert "숫자" in status_of(box), f"{unreadable!r} was read as a number"
    percent = page_.locator("#selfcheck-ls-loss-shift").get_by_role("textbox")
    assert percent.get_attribute("inputmode") == "decimal"
    units = visit("en/01-machine-learning.html").page.locator("#selfcheck-ml-ten-cm")
    for typed in ("10.1 kg", "10.1kg", "10.1 kilograms"):
        units.get_by_role("textbox").fill(typed)
        units.get_by_role("textbox").press("Enter")
        expect_verdict(units, True, "en")


@pytest.mark.parametrize("lang", LANGS)
def test_progress_survives_a_reload_and_can_be_cleared(visit, lang):
    visited = visit(f"{lang}/04-least-squares.html")
    page_ = visited.page
    answer_every_check(page_, lang, "04-least-squares")
    page_.reload()
    for check in selfchecks(page(lang, "04-least-squares")):
        box = page_.locator(f"#selfcheck-{check['name']}")
        expect_verdict(box, True, lang)
        if check.get("kind", "number") == "number":
            assert box.get_by_role("textbox").input_value() != ""
        if box.locator(".book-selfcheck-hint").count():
            assert box.locator(".book-selfcheck-hint").is_visible(), (
                "a missed check forgot its hint"
            )
    page_.locator("button.book-selfcheck-clear").first.click()
    assert (
        page_.evaluate("JSON.parse(localStorage.getItem('book-selfcheck'))['04-least-squares']")
        == {}
    )
    page_.reload()
    for box in page_.locator("div.book-selfcheck").all():
        assert status_of(box) == ""
        assert "book-selfcheck-right" not in box.get_attribute("class")
    assert visited.offsite == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_worked_answer_opens_on_request(visit, lang):
    from playwright.sync_api import expect

    page_ = visit(f"{lang}/02-probability.html").page
    box = page_.locator("#selfcheck-prob-above-one-sd")
    reveal = box.locator(".book-selfcheck-reveal")
    assert not reveal.is_visible()
    button = box.locator("button.book-selfcheck-explain")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    page_.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    shown = number_answer(
        selfchecks(page(lang, "02-probability"))[2], glued(lang, "02-probability")
    )
    assert shown["shown"] in reveal.text_content()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", WITH_CHECKS)
def test_without_javascript_each_answer_waits_in_a_toggle(browser, server, lang, name):
    context = browser.new_context(java_script_enabled=False)
    try:
        page_ = context.new_page()
        page_.goto(f"{server}/{lang}/{name}.html")
        values = glued(lang, name)
        for check in selfchecks(page(lang, name)):
            details = page_.locator(f"#selfcheck-{check['name']} details.book-selfcheck-answer")
            assert details.count() == 1
            key = details.locator(".book-selfcheck-key")
            assert not key.is_visible(), "the answer shows before the reader asks"
            details.locator("summary").click()
            assert key.is_visible()
            if check.get("kind", "number") == "number":
                assert number_answer(check, values)["shown"] in key.text_content()
            summary = details.locator("summary").text_content()
            assert bool(HANGUL.search(summary)) == (lang == "ko"), summary
    finally:
        context.close()


def axe_violations(page_):
    page_.add_script_tag(path=str(AXE))
    return page_.evaluate("""async () => {
        const result = await axe.run({include: [['.book-selfcheck']]},
                                     {resultTypes: ['violations'], preload: false});
        return result.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3)
            .map(n => n.target.join(' ')).join(', '));
    }""")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("dark", [False, True])
def test_axe_finds_nothing_wrong_with_the_widgets(visit, lang, dark):
    page_ = visit(f"{lang}/01-machine-learning.html", dark=dark).page
    assert axe_violations(page_) == []
    answer_every_check(page_, lang, "01-machine-learning")  # hints, verdicts, moved items
    for button in page_.locator("button.book-selfcheck-explain").all():
        button.click()
    assert axe_violations(page_) == []


def test_the_script_loads_only_on_pages_with_a_self_check(site):
    for lang in LANGS:
        for html in (site / lang).glob("*.html"):
            text = html.read_text(encoding="utf-8")
            has = 'class="admonition book-selfcheck"' in text
            assert ("book-selfcheck.js" in text) == has, html.name
            assert ("book-selfcheck.css" in text) == has, html.name


def open_with_script(browser, server, path: str, script):
    """``path`` in a new tab, with book-selfcheck.js replaced by ``script(original text)``
    (``None``: the script never arrives)."""
    context = browser.new_context()
    page_ = context.new_page()
    errors = []
    page_.on("pageerror", lambda e: errors.append(str(e)))

    def serve(route):
        if script is None:
            route.abort()
        else:
            response = route.fetch()
            route.fulfill(response=response, body=script(response.text()))

    page_.route("**/book-selfcheck.js*", serve)
    page_.goto(f"{server}/{path}", wait_until="load")
    return context, page_, errors


def test_before_the_script_wires_the_form_enter_does_not_reload_the_page(browser, server):
    """The form and its Check button are in the page before the deferred script runs
    (after vega.min.js on some pages): Enter, or a click on Check, submitted the form
    natively, reloaded the page at the top and lost the answer."""
    context, page_, _ = open_with_script(browser, server, "en/01-machine-learning.html", None)
    try:
        url = page_.url
        box = page_.locator("#selfcheck-ml-ten-cm")
        box.get_by_role("textbox").fill("10.1")
        box.get_by_role("textbox").press("Enter")
        choice = page_.locator("#selfcheck-ml-rules")
        choice.get_by_role("radio").first.check()
        choice.get_by_role("radio").first.press("Enter")
        page_.wait_for_timeout(300)
        page_.wait_for_load_state("load")
        assert page_.url == url, "the form was submitted natively"
        assert box.get_by_role("textbox").input_value() == "10.1"
        assert box.locator("button.book-selfcheck-check").is_disabled()
    finally:
        context.close()


def test_a_self_check_whose_set_up_fails_shows_its_toggle_and_the_others_still_work(
    browser, server
):
    """One exception in the set-up of a box stopped every later box (the loop aborted),
    and the failed box had its toggle hidden and a dead form: no way to the answer."""
    broken = (
        "document.querySelector('#selfcheck-ml-nested button.book-selfcheck-explain').remove();\n"
    )
    context, page_, errors = open_with_script(
        browser, server, "en/01-machine-learning.html", lambda text: broken + text
    )
    try:
        failed = page_.locator("#selfcheck-ml-nested")  # the first box on the page
        assert "book-selfcheck-failed" in failed.get_attribute("class")
        assert not failed.locator("form").is_visible()
        assert failed.locator("ol.book-selfcheck-items").is_visible()
        toggle = failed.locator("details.book-selfcheck-answer")
        toggle.locator("summary").click()
        assert toggle.locator(".book-selfcheck-key").is_visible()
        values = glued("en", "01-machine-learning")
        check = next(
            c for c in selfchecks(page("en", "01-machine-learning")) if c["name"] == "ml-ten-cm"
        )
        later = page_.locator("#selfcheck-ml-ten-cm")
        assert not later.locator("details.book-selfcheck-answer").count()
        later.get_by_role("textbox").fill(number_answer(check, values)["plain"])
        later.get_by_role("textbox").press("Enter")
        expect_verdict(later, True, "en")
        assert errors == []  # caught, and written to the console
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_page_keeps_the_choices_of_its_questions(visit, lang):
    """With JavaScript the form's fieldset is the only copy of a choice or order question's
    choices, and print hid the whole form: the printout had the question and its answer
    ("Answer: (B)") but not the choices."""
    visited = visit(f"{lang}/01-machine-learning.html")
    page_ = visited.page
    page_.emulate_media(media="print")
    for name, rows in (("ml-rules", "fieldset label"), ("ml-nested", "fieldset li > span")):
        box = page_.locator(f"#selfcheck-{name}")
        shown = [row for row in box.locator(rows).all() if row.is_visible()]
        assert len(shown) >= 2, f"{name}: {len(shown)} choices printed"
        assert shown[0].inner_text().startswith("(A)")
        assert not [b for b in box.locator("button, input").all() if b.is_visible()], name
    assert visited.errors == []
