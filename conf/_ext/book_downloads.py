"""Every page's download menu offers the whole book as PDF and EPUB (``make pdf``/``make epub``).

The books are built after the site (they reuse its executed notebooks) and are
copied next to its pages as ``first-steps-deep-learning-<lang>.pdf``/``.epub``.
The links are added only where the books can be built (xelatex and latexmk on
the PATH), so a site built without TeX has no dangling link.
"""

from __future__ import annotations

import shutil

from sphinx.application import Sphinx

LABELS = {
    # Korean pages show no Latin words but names (tests/test_language.py): "PDF" as a
    # gloss glued to 책 전체 (Korean style, like 키(cm)), and 전자책 (e-book) for the EPUB;
    # the tooltips name the formats.
    "ko": {"pdf": "책 전체(PDF)", "epub": "전자책", "tooltip": "책 전체를 {fmt} 파일로 내려받기"},
    "en": {"pdf": "Book PDF", "epub": "Book EPUB", "tooltip": "Download the whole book as {fmt}"},
}
ICONS = {"pdf": "fas fa-book", "epub": "fas fa-book-open"}


def books_available() -> bool:
    return shutil.which("xelatex") is not None and shutil.which("latexmk") is not None


def _add_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html" or app.builder.name != "html" or not books_available():
        return
    lang = app.config.language
    labels = LABELS.get(lang, LABELS["en"])
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            for fmt in ("pdf", "epub"):
                group["buttons"].append(
                    {
                        "type": "link",
                        "url": context["pathto"](f"first-steps-deep-learning-{lang}.{fmt}", 1),
                        "text": labels[fmt],
                        "tooltip": labels["tooltip"].format(fmt=fmt.upper()),
                        "icon": ICONS[fmt],
                        "label": f"download-book-{fmt}-button",
                    }
                )


def setup(app: Sphinx) -> dict:
    # After sphinx-book-theme has built the download menu (priority 500).
    app.connect("html-page-context", _add_links, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
