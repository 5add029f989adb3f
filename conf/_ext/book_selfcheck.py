"""Self-checks: a short question whose answer key comes from the executed code.

A chapter writes, right where an idea was just taught::

    ```{code-cell} ipython3
    :tags: [remove-cell]

    glue("sc_gap_10cm", float(10 * model.slope), display=False)
    ```

    ::::{selfcheck} ml-ten-cm
    :answer: sc_gap_10cm:.1f
    :unit: kg

    How much heavier does the model say a person 10 cm taller is?

    :::{hint}
    Each extra centimetre adds the slope $a$.
    :::

    :::{explanation}
    Ten centimetres add $10a$.
    :::
    ::::

- ``:answer: key:format`` names a glued value and how the answer is shown, like
  ``{glue:text}``. A number is right within half a unit of the last digit shown
  (``.1f``: ± 0.05; ``.0%``: the answer is typed in percent, ± 0.5) unless
  ``:tolerance:`` says otherwise: ``2%`` (relative) or the key of a glued
  absolute tolerance (for answers worked out from rounded numbers).
- ``:kind: choice``: the question's list is the choices, and the glued value is
  the index (from 0) of the right one. ``:kind: order``: the list is shown in
  the order written, and the glued value is the list of indices in the right
  order (``[2, 0, 1]``).
- ``{hint}`` and ``{explanation}`` inside are optional parts: the hint is
  offered after the first miss, the explanation on request.

The answer is read from the page's glue data while the page is parsed (as the
``{glue:text}`` role does), so it is checked at build: a key that no cell glued,
a value of the wrong kind, a choice index out of range, a tolerance that cannot
be worked out, two self-checks with one name: each is a warning naming the page,
so the strict build fails.

Without JavaScript, the answer, the hint and the explanation sit in a
``<details>`` toggle under the question. The site's pages also carry the small
form that checks the answer in the browser (its field or choices, the hint and
empty boxes for the hint and the worked answer, hidden), so the page has its final layout at first
paint: ``book-selfcheck.css`` shows the form under ``@media (scripting: enabled)``
and the toggle under ``(scripting: none)``; ``book-selfcheck.js`` (loaded only on
pages that have a self-check) only wires the form's events, moves the hint and
the worked answer from the toggle into their hidden boxes and drops the toggle.
EPUB and print builds get the toggle alone.
"""

from __future__ import annotations

import copy
import math
import re
from ast import literal_eval

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

CLASS = "book-selfcheck"
NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
#: between a self-check's id and its parts' (``selfcheck-a_input``): NAME never has it
SUB = "_"
NUMBER_FORMAT = re.compile(r",?(?:\.(?P<digits>\d+)(?P<kind>[f%])|(?P<int>d))")
WORDS = {
    "en": {
        "title": "Check yourself",
        "summary": "Show the answer",
        "answer": "Answer: ",
        "hint": "Hint",
        "explanation": "Explanation",
        "yours": "Your answer",
        "yours_unit": "Your answer ({unit})",
        "check": "Check",
        "explain": "Show the worked answer",
        "clear": "Clear my answers on this page",
        "choose": "Pick one.",
        "order": "Put them in order (first at the top).",
    },
    "ko": {
        "title": "스스로 확인",
        "summary": "답 보기",
        "answer": "답: ",
        "hint": "힌트",
        "explanation": "풀이",
        "yours": "내 답",
        "yours_unit": "내 답({unit})",  # glued, like 키(cm)
        "check": "확인",
        "explain": "풀이 보기",
        "clear": "이 페이지의 내 답 지우기",
        "choose": "하나를 고르세요.",
        "order": "순서대로 놓으세요(맨 위가 처음).",
    },
}


class selfcheck(nodes.General, nodes.Element):  # noqa: N801
    """The whole self-check (a ``<div>`` carrying the answer key for the script)."""


class selfcheck_details(nodes.General, nodes.Element):  # noqa: N801
    """The no-JavaScript toggle: ``<details>`` with the answer, hint and explanation."""


class selfcheck_summary(nodes.General, nodes.TextElement):  # noqa: N801
    pass


class selfcheck_html(nodes.General, nodes.Element):  # noqa: N801
    """One element of the form the script wires (``tag``, ``attrs``); only the site has it."""


def element(tag: str, *children: nodes.Node, classes=(), ids=(), **attrs) -> selfcheck_html:
    node = selfcheck_html("", *children, classes=list(classes), ids=list(ids))
    node["tag"], node["attrs"] = tag, attrs
    return node


def copied(children) -> list[nodes.Node]:
    """Copies of ``children`` for the form, without ids (the toggle keeps the originals)."""
    out = []
    for child in children:
        child = child.deepcopy()
        for sub in child.findall(nodes.Element):
            sub["ids"] = []
        out.append(child)
    return out


class selfcheck_part(nodes.General, nodes.Element):  # noqa: N801
    """A hint or an explanation, before it is placed in its self-check."""


def default_tolerance(fmt: str) -> float | None:
    """Half a unit of the last digit ``fmt`` shows (``None``: give ``:tolerance:``).

    >>> default_tolerance(".2f"), default_tolerance(",.0f"), default_tolerance(".1%")
    (0.005, 0.5, 0.05)
    >>> default_tolerance("d"), default_tolerance("g") is None
    (0.5, True)
    """
    found = NUMBER_FORMAT.fullmatch(fmt)
    if not found:
        return None
    if found["int"]:
        return 0.5
    return 0.5 * 10 ** -int(found["digits"])


def reads_as_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def glued_value(document: nodes.document, key: str):
    """The value a cell of this page glued under ``key`` (``KeyError`` if none did)."""
    from myst_nb.ext.glue.utils import RetrievalError, retrieve_glue_data

    try:
        plain = retrieve_glue_data(document, key).data.get("text/plain")
    except RetrievalError as error:
        raise KeyError(key) from error
    if isinstance(plain, list):
        plain = "".join(plain)
    try:
        return literal_eval(plain)
    except (ValueError, SyntaxError, TypeError):
        return plain


class Explanation(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        part = selfcheck_part(classes=[f"{CLASS}-explanation"])
        part["part"] = "explanation"
        self.set_source_info(part)
        self.state.nested_parse(self.content, self.content_offset, part)
        return [part]


class SelfCheck(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {
        "answer": directives.unchanged_required,
        "kind": lambda arg: directives.choice(arg, ("number", "choice", "order")),
        "unit": directives.unchanged,
        "tolerance": directives.unchanged,
    }

    def warn(self, message: str) -> None:
        logger.warning(
            "self-check %r: %s",
            self.arguments[0],
            message,
            location=self.get_location(),
            type="book",
            subtype="selfcheck",
        )

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if not NAME.fullmatch(name):
            self.warn("its name must be lower-case letters, digits and hyphens")
        kind = self.options.get("kind", "number")
        words = WORDS.get(self.env.config.language, WORDS["en"])
        seen = self.env.temp_data.setdefault("book_selfchecks", set())
        if name in seen:
            self.warn("two self-checks on this page have this name")
        seen.add(name)

        node = selfcheck(ids=[f"selfcheck-{name}"], classes=["admonition", CLASS])
        node["selfcheck"], node["kind"] = name, kind
        self.set_source_info(node)
        node += nodes.paragraph(
            "", words["title"], classes=["admonition-title"], ids=[f"selfcheck-{name}{SUB}title"]
        )
        parsed = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        parts = {"hint": [], "explanation": []}
        for child in list(parsed.children):
            if isinstance(child, nodes.hint):
                parts["hint"] += child.children
            elif isinstance(child, selfcheck_part):
                parts["explanation"] += child.children
            else:
                node += child
        items = None
        if kind != "number":
            lists = [
                n
                for n in node.children
                if isinstance(n, (nodes.bullet_list, nodes.enumerated_list))
            ]
            if len(lists) != 1 or len(lists[0].children) < 2:
                self.warn(f"a {kind} question needs one list of at least two items")
            else:
                items = lists[0]
                choices = nodes.enumerated_list(
                    "", *items.children, enumtype="upperalpha", prefix="(", suffix=")"
                )
                choices["classes"] += [f"{CLASS}-{'choices' if kind == 'choice' else 'items'}"]
                items.replace_self(choices)
                items = choices

        shown = self.answer(node, kind, items)
        details = selfcheck_details(classes=[f"{CLASS}-answer"])
        details += selfcheck_summary("", words["summary"], classes=["no-search"])
        if shown is not None:
            key = nodes.paragraph("", "", classes=[f"{CLASS}-key"])
            key += nodes.Text(words["answer"])
            key += shown
            details += key
        for part in ("hint", "explanation"):
            if parts[part]:
                box = nodes.container(classes=[f"{CLASS}-{part}"])
                box += nodes.paragraph(
                    "",
                    "",
                    nodes.strong("", words[part]),
                    classes=[f"{CLASS}-part-title", "no-search"],
                )
                box += parts[part]
                details += box
        node += details
        if node.get("answer") is not None:
            self.live(node, name, kind, words, items, parts, details)
        return [node]

    def live(self, node, name, kind, words, items, parts, details) -> None:
        """The form the script wires, in the page from the start (see the module's notes).

        Its words ("Check", "Clear my answers on this page") are not searched (``no-search``):
        every chapter has them. Its ids are the self-check's, then ``_`` and a part, so no
        other self-check's name (no ``_`` in it) can make the same id.
        """
        uid = f"selfcheck-{name}"
        status = element("p", classes=[f"{CLASS}-status"], ids=[f"{uid}{SUB}status"], role="status")
        form = element("form", classes=[f"{CLASS}-form", "no-search"], novalidate="novalidate")
        if kind == "number":
            unit = node.get("unit")
            label = words["yours_unit"].format(unit=unit) if unit else words["yours"]
            form += element("label", nodes.Text(label), **{"for": f"{uid}{SUB}input"})
            form += element(
                "input",
                ids=[f"{uid}{SUB}input"],
                type="text",
                inputmode="decimal",
                autocomplete="off",
                spellcheck="false",
                **{"aria-describedby": f"{uid}{SUB}status"},
            )
            details.parent.insert(details.parent.index(details), form)
        else:
            group = element("fieldset", classes=[f"{CLASS}-{kind}"])
            group += element("legend", nodes.Text(words["choose" if kind == "choice" else "order"]))
            rows = element("ol") if kind == "order" else group
            for i, item in enumerate(items.children):
                inline = item.children[0] if isinstance(item.children[0], nodes.paragraph) else item
                text = nodes.inline("", f"({chr(65 + i)}) ", *copied(inline.children))
                if kind == "choice":
                    row = element("div", classes=[f"{CLASS}-option"])
                    row += element(
                        "input", ids=[f"{uid}{SUB}{i}"], type="radio", name=uid, value=str(i)
                    )
                    row += element("label", text, **{"for": f"{uid}{SUB}{i}"})
                else:
                    row = element("li", text, **{"data-item": str(i)})
                    for arrow in ("↑", "↓"):
                        row += element(
                            "button", nodes.Text(arrow), classes=[f"{CLASS}-move"], type="button"
                        )
                rows += row
            if rows is not group:
                group += rows
            form += group
            items.parent.insert(items.parent.index(items) + 1, form)
        # disabled until book-selfcheck.js has wired the form: pressing Enter or the button
        # before then would submit the form natively and reload the page
        form += element(
            "button",
            nodes.Text(words["check"]),
            classes=[f"{CLASS}-check"],
            type="submit",
            disabled="disabled",
        )
        form += status
        if parts["hint"]:  # filled by the script from the toggle (not twice in the page)
            form.parent.insert(
                form.parent.index(form) + 1,
                element("div", classes=[f"{CLASS}-hint"], ids=[f"{uid}{SUB}hint"], hidden="hidden"),
            )
        tools = element("div", classes=[f"{CLASS}-tools", "no-search"])
        tools += element(
            "button",
            nodes.Text(words["explain"]),
            classes=[f"{CLASS}-explain"],
            type="button",
            **{"aria-expanded": "false", "aria-controls": f"{uid}{SUB}reveal"},
        )
        tools += element(
            "button", nodes.Text(words["clear"]), classes=[f"{CLASS}-clear"], type="button"
        )
        reveal = element(
            "div", classes=[f"{CLASS}-reveal"], ids=[f"{uid}{SUB}reveal"], hidden="hidden"
        )
        node.insert(node.index(details), tools)
        node.insert(node.index(details), reveal)

    def answer(self, node: selfcheck, kind: str, items) -> nodes.Node | None:
        """Check the glued answer, put its key on ``node``; what the toggle shows as the answer."""
        spec = self.options.get("answer")
        if not spec:
            self.warn("it has no `:answer: <glue key>[:format]`")
            return None
        key, _, fmt = spec.partition(":")
        try:
            value = glued_value(self.state.document, key)
        except KeyError:
            self.warn(f"its answer {key!r} was never glued (glue it in a hidden cell above)")
            return None
        if kind == "number":
            return self.number(node, key, fmt, value)
        if items is None:
            return None
        count = len(items.children)
        if kind == "choice":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < count:
                self.warn(f"{key!r} is {value!r}, not the index of one of its {count} choices")
                return None
            node["answer"] = str(value)
            letter = nodes.strong("", f"({chr(65 + value)})")
            shown = nodes.inline("", "", letter, nodes.Text(" "))
            shown += copy.deepcopy(items.children[value]).children[0].children
            return shown
        if not isinstance(value, (list, tuple)) or sorted(value) != list(range(count)):
            self.warn(f"{key!r} is {value!r}, not an order of its {count} items (indices from 0)")
            return None
        if list(value) == list(range(count)):
            self.warn("its items are written in the right order already: shuffle them")
        node["answer"] = ",".join(str(i) for i in value)
        return nodes.inline("", ", ".join(f"({chr(65 + i)})" for i in value))

    def number(self, node: selfcheck, key: str, fmt: str, value) -> nodes.Node | None:
        if not reads_as_number(value):
            self.warn(f"{key!r} is {value!r}, not a number")
            return None
        unit = self.options.get("unit", "")
        scale = 100 if fmt.endswith("%") else 1
        if scale == 100:
            unit = "%"
        tolerance = self.options.get("tolerance")
        if tolerance is None:
            tol = default_tolerance(fmt)
            if tol is None:
                self.warn(f"give `:tolerance:`: the format {fmt!r} says no number of digits")
                return None
        elif re.fullmatch(r"\d+(?:\.\d+)?%", tolerance):
            tol = abs(value * scale) * float(tolerance[:-1]) / 100
        else:
            try:
                tol = glued_value(self.state.document, tolerance)
            except KeyError:
                self.warn(f"its tolerance {tolerance!r} was never glued (or write it as `2%`)")
                return None
            if not reads_as_number(tol) or tol <= 0:
                self.warn(f"its tolerance {tolerance!r} is {tol!r}, not a positive number")
                return None
            tol *= scale
        node["answer"], node["tolerance"] = repr(float(value * scale)), repr(float(tol))
        node["unit"] = unit
        number = int(value) if fmt.endswith("d") else float(value)
        text = format(number, fmt) if fmt else str(value)
        if scale == 100:
            text = text[:-1]  # the unit follows, like a typed answer
        shown = nodes.inline("", "", nodes.inline(text, text, classes=["pasted-text"]))
        if unit:
            shown += nodes.Text(unit if unit == "%" else f" {unit}")
        return nodes.strong("", "", shown)


DATA = ("selfcheck", "kind", "answer", "tolerance", "unit")


def visit_selfcheck_html(self, node: selfcheck) -> None:
    attributes = {f"data-{name}": node[name] for name in DATA if node.get(name) not in (None, "")}
    attributes.update({"role": "group", "aria-labelledby": f"{node['ids'][0]}{SUB}title"})
    self.body.append(self.starttag(node, "div", **attributes))


def depart_div(self, node) -> None:
    self.body.append("</div>\n")


def visit_details_html(self, node) -> None:
    self.body.append(self.starttag(node, "details"))


def depart_details_html(self, node) -> None:
    self.body.append("</details>\n")


def visit_summary_html(self, node) -> None:
    self.body.append(self.starttag(node, "summary", suffix=""))


def depart_summary_html(self, node) -> None:
    self.body.append("</summary>\n")


VOID = {"input"}


def visit_html_element(self, node: selfcheck_html) -> None:
    if self.builder.name == "epub":  # no scripts there: the toggle alone
        raise nodes.SkipNode
    tag = node["tag"]
    self.body.append(self.starttag(node, tag, suffix="", empty=tag in VOID, **node["attrs"]))
    if tag in VOID:
        raise nodes.SkipNode


def depart_html_element(self, node: selfcheck_html) -> None:
    self.body.append(f"</{node['tag']}>")


def _pass(self, node) -> None:
    pass


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is not None and next(doctree.findall(selfcheck), None) is not None:
        app.add_js_file("book-selfcheck.js", loading_method="defer")
        app.add_css_file("book-selfcheck.css")


def setup(app: Sphinx) -> dict:
    other = dict.fromkeys(("latex", "text", "man", "texinfo"), (_pass, _pass))
    app.add_node(selfcheck, html=(visit_selfcheck_html, depart_div), **other)
    app.add_node(selfcheck_details, html=(visit_details_html, depart_details_html), **other)
    skip = dict.fromkeys(("latex", "text", "man", "texinfo"), (_skip, None))
    app.add_node(selfcheck_summary, html=(visit_summary_html, depart_summary_html), **skip)
    app.add_node(selfcheck_part, html=(_pass, _pass), **other)
    app.add_node(selfcheck_html, html=(visit_html_element, depart_html_element), **skip)
    app.add_directive("selfcheck", SelfCheck)
    app.add_directive("explanation", Explanation)
    app.connect("html-page-context", _page_assets)
    return {"env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
