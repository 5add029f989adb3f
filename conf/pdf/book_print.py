"""The book as a PDF (LaTeX, xelatex) and an EPUB 3, from the executed notebooks of the site.

Loaded only when Sphinx runs with ``-t book_print`` (``tools/print_book.py`` does
this for ``make pdf`` and ``make epub``); ``make html`` never imports it.

- Execution: the same ``cache`` mode and jupyter-cache as the HTML build, so a
  print build after ``make html`` executes no notebook (``build.py`` checks it).
- Charts: each chart output holds the SVG that vl-convert drew for the site.
  While a page is read, that SVG is saved as ``chart-<id>.svg`` (the EPUB's
  image) and converted by vl-convert to ``chart-<id>.pdf`` (vector, fonts
  embedded; the PDF's image). The image node says ``chart-<id>.*`` and each
  builder picks its format. A live chart is printed in its initial state, with
  a line saying that it is interactive in the web version.
- DataFrames: pandas' HTML table becomes a real table (LaTeX and EPUB alike).
- Maths: LaTeX typesets it in the PDF; in the EPUB, KaTeX pre-renders MathML
  only (no CSS or fonts needed), which e-readers display.
- Language: Korean is set by xeCJK in Noto Serif/Sans CJK KR (Debian
  fonts-noto-cjk), spaces kept between words, lines broken between words as
  on the site (``word-break: keep-all``).
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
import uuid
from html.parser import HTMLParser
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from lessons._markers import PAD_CLASS, PAD_STEPPER_CLASS, WIDGET_CLASS

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

BASENAME = "first-steps-deep-learning-{lang}"
#: The pages after the chapters, printed as appendices (A, B) in this order.
APPENDICES = ("maths", "glossary")
TITLES = {"ko": "딥러닝 첫걸음", "en": "First Steps into Deep Learning"}
SUBTITLES = {"ko": "First Steps into Deep Learning", "en": "딥러닝 첫걸음"}
AUTHORS = {"ko": "딥러닝 첫걸음 저자들", "en": "The First Steps into Deep Learning authors"}
LIVE_NOTE = {
    "ko": "웹판에서는 이 차트를 직접 움직여 볼 수 있습니다. 여기에는 처음 상태를 실었습니다.",
    "en": "This chart is interactive in the web version of the book; it is printed here in its initial state.",
}
TITLE_NOTE = {
    "ko": "이 책의 모든 결과, 차트, 본문의 수치는 책을 만들 때 실행한 코드에서 나왔습니다.",
    "en": "Every result, chart and number in this book comes from code executed when it was built.",
}
# A fixed identifier per language (EPUB needs one; a random one would break reproducibility).
IDENTIFIER = {
    lang: f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'first-steps-deep-learning/' + lang)}"
    for lang in TITLES
}


# ----------------------------------------------------------------------------
# configuration


def noto_face(postscript_name: str) -> tuple[str, str, int]:
    """(folder, file, index) of a Noto CJK face, by PostScript name, from fontconfig.

    The Noto CJK files are collections (one face per region); XeTeX given a
    family name takes the first face (Japanese), so the Korean face is chosen
    by its index in the file.
    """
    import subprocess

    listing = subprocess.run(
        ["fc-list", "-f", "%{postscriptname}\t%{file}\t%{index}\n"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in listing.splitlines():
        name, file, index = line.split("\t")
        if name == postscript_name:
            path = Path(file)
            return f"{path.parent}/", path.name, int(index)
    raise ConfigError(
        f"font {postscript_name} not found: install Debian's fonts-noto-cjk "
        "(`make pdf` does it when it can)"
    )


def _fontspec(style: str, extra: str = "") -> str:
    """fontspec options for a Korean Noto face, e.g. ``Serif`` → Noto Serif CJK KR."""
    folder, regular, index = noto_face(f"Noto{style}CJKkr-Regular")
    _, bold, bold_index = noto_face(f"Noto{style}CJKkr-Bold")
    # No italic Hangul exists: emphasis is slanted, as browsers do on the site.
    return (
        f"{{{regular}}}[Path={folder}, FontIndex={index}, BoldFont={bold}, "
        f"BoldFeatures={{FontIndex={bold_index}}}, ItalicFont={regular}, "
        f"ItalicFeatures={{FontIndex={index}, FakeSlant=0.18}}, BoldItalicFont={bold}, "
        f"BoldItalicFeatures={{FontIndex={bold_index}, FakeSlant=0.18}}{extra}]"
    )


def fonts(lang: str) -> str:
    """The fonts of the PDF.

    Korean: the whole book is set in Noto CJK KR (Debian fonts-noto-cjk), whose
    Latin letters match its Hangul. XeTeX breaks lines at spaces only, which is
    what the site does (``word-break: keep-all``): a word is never split
    between two syllables. English: Latin Modern, with the few Korean words
    (the glossary gives each term's Korean name) switched to Noto Serif CJK KR.
    """
    # Powers of ten in glued numbers (10⁻¹⁴, typeset by book_numbers) and ȳ in the
    # prose: set with the maths fonts, which have them, in both languages.
    superscripts = (
        "".join(
            f"\\newunicodechar{{{char}}}{{\\ensuremath{{^{{{plain}}}}}}}\n"
            for char, plain in zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", list("0123456789") + ["-", "+"])
        )
        + "\\newunicodechar{ȳ}{\\ensuremath{\\bar{y}}}\n"
    )
    # Greek letters and relations the prose uses outside $…$ (σ(z), α ≈ 0.085)
    symbols = "".join(
        f"\\newunicodechar{{{char}}}{{\\ensuremath{{\\{name}}}}}\n"
        for char, name in (
            ("σ", "sigma"),
            ("α", "alpha"),
            ("δ", "delta"),
            ("ε", "varepsilon"),
            ("λ", "lambda"),
            ("μ", "mu"),
            ("∂", "partial"),
            ("≈", "approx"),
            ("≤", "leq"),
            ("≥", "geq"),
        )
    )
    return _font_setup(lang) + superscripts + symbols


def _font_setup(lang: str) -> str:
    if lang == "ko":
        # Two characters the code prints (ŷ, ᵢ in docstrings) are not in the
        # Korean mono face; they come from DejaVu Sans Mono. Any other missing
        # character fails the build (tools/print_book.py reads the log).
        return (
            "\\setmainfont" + _fontspec("Serif") + "\n"
            "\\setsansfont" + _fontspec("Sans") + "\n"
            "\\setmonofont" + _fontspec("SansMono", ", Scale=0.9") + "\n"
            "\\usepackage{newunicodechar}\n"
            "\\newfontfamily\\bookmonofallback{DejaVu Sans Mono}[Scale=0.86]\n"
            '\\newunicodechar{ŷ}{{\\bookmonofallback\\symbol{"0177}}}\n'
            '\\newunicodechar{ᵢ}{{\\bookmonofallback\\symbol{"1D62}}}\n'
            # Noto CJK draws "-" and U+2011 with one glyph, which the PDF's text
            # layer then calls U+2011: a copied "-84.6" or "x - y" would not be
            # ASCII. Sphinx writes every hyphen as \sphinxhyphen, so the hyphen
            # comes from DejaVu (mono in code) and reads back as "-".
            "\\newfontfamily\\bookhyphenserif{DejaVu Serif}[Scale=0.9]\n"
            "\\makeatletter\\protected\\def\\sphinxhyphen#1{\\mbox{\\edef\\book@f{\\f@family}"
            "\\edef\\book@tt{\\ttdefault}\\ifx\\book@f\\book@tt\\bookmonofallback"
            "\\else\\bookhyphenserif\\fi-}}\\makeatother\n"
        )
    return (
        "\\setmonofont{DejaVu Sans Mono}[Scale=0.86]\n"
        "\\usepackage{newunicodechar}\n"
        "\\newunicodechar{⊂}{\\ensuremath{\\subset}}\n"
        "\\usepackage[Latin,Korean]{ucharclasses}\n"
        "\\newfontfamily\\bookhangul" + _fontspec("Serif", ", Scale=0.94") + "\n"
        "\\setTransitionsForKorean{\\begingroup\\bookhangul}{\\endgroup}\n"
    )


def _latex_preamble(lang: str) -> str:
    korean = lang == "ko"
    labels = (
        r"""
\renewcommand{\contentsname}{차례}
\renewcommand{\chaptername}{}
\renewcommand{\appendixname}{부록}
\renewcommand{\figurename}{그림}
\renewcommand{\tablename}{표}
\makeatletter
\def\book@app{\appendixname}% \appendix sets \@chapapp to this
\newcommand{\bookchapterlabel}{\ifx\@chapapp\book@app 부록~\thechapter\else\thechapter\,장\fi}
\makeatother
"""
        if korean
        else r"\makeatletter\newcommand{\bookchapterlabel}{\@chapapp~\thechapter}\makeatother" "\n"
    )
    return (
        fonts(lang)
        + (r"\linespread{1.2}" "\n" if korean else "")
        + labels
        # A hyphen is never a line break: "-84.6" stays whole (as on the site).
        + ("" if korean else "\\protected\\def\\sphinxhyphen#1{\\mbox{-}}\n")
        + r"""
\titleformat{\chapter}[display]
  {\normalfont\sffamily\bfseries\raggedright}
  {\Large\color{bookaccent}\bookchapterlabel}{10pt}{\Huge}
\titlespacing*{\chapter}{0pt}{0pt}{36pt}
\setlength{\headheight}{14pt}
\definecolor{bookaccent}{RGB}{59,130,196}
\setcounter{tocdepth}{1}
\setcounter{secnumdepth}{2}
\setlength{\emergencystretch}{3em}
"""
    )


def _maketitle(lang: str) -> str:
    return rf"""
\begin{{titlepage}}
  \centering
  \vspace*{{0.22\textheight}}
  {{\sffamily\bfseries\fontsize{{34}}{{44}}\selectfont {TITLES[lang]}\par}}
  \vspace{{14pt}}
  {{\sffamily\Large {SUBTITLES[lang]}\par}}
  \vspace{{0.12\textheight}}
  {{\large {AUTHORS[lang]}\par}}
  \vfill
  {{\small {TITLE_NOTE[lang]}\par}}
\end{{titlepage}}
"""


def _configure(app: Sphinx, config: Config) -> None:
    lang = config.language
    # docutils knows no babel name for Korean, so Sphinx would warn that it
    # falls back to English; the Korean set-up is our own preamble (no babel).
    from docutils.writers.latex2e import Babel

    Babel.language_codes.setdefault("ko", "korean")
    name = BASENAME.format(lang=lang)
    # Print builds use no HTML templates, scripts or stylesheets of the site.
    config.templates_path = [str(HERE / "templates")]
    config.html_static_path = [str(HERE / "epub-static")]
    config.html_css_files = []
    config.html_favicon = None

    config.latex_engine = "xelatex"
    config.latex_documents = [
        (config.root_doc, f"{name}.tex", TITLES[lang], AUTHORS[lang], "manual", False)
    ]
    config.latex_toplevel_sectioning = "chapter"
    config.latex_show_pagerefs = True
    config.latex_show_urls = "no"
    config.latex_domain_indices = False
    config.latex_use_xindy = False
    config.latex_appendices = []
    config.latex_elements = {
        "papersize": "a4paper",
        "pointsize": "11pt",
        # Read on screen first: no blank pages before chapters, same margins on every page.
        "classoptions": ",oneside,openany",
        "babel": "",
        "polyglossia": r"\usepackage{polyglossia}\setdefaultlanguage{english}"
        if lang == "en"
        else "",
        "fontpkg": "",
        "fncychap": "",
        "preamble": _latex_preamble(lang),
        "maketitle": _maketitle(lang),
        "printindex": "",
        # A chart stays right below the code that drew it (no floating).
        "figure_align": "H",
        "sphinxsetup": "verbatimwrapslines=true, verbatimforcewraps=true, "
        "TitleColor={RGB}{30,30,30}, InnerLinkColor={RGB}{40,90,160}",
    }

    import lessons

    config.version = lessons.__version__  # EPUB 3 needs a version
    config.release = ""  # no "Release 0.1.0" in the PDF's running heads
    config.epub_basename = name
    config.epub_title = TITLES[lang]
    config.epub_author = AUTHORS[lang]
    config.epub_publisher = AUTHORS[lang]
    config.epub_copyright = f"2026, {AUTHORS[lang]}"  # the book's name in its own language
    config.epub_language = lang
    config.epub_identifier = IDENTIFIER[lang]
    config.epub_scheme = "URN"
    config.epub_uid = "BookId"  # the id of the identifier element (build.py fixes toc.ncx)
    config.epub_theme = "epub"
    config.epub_css_files = [("book-epub.css", {})]  # the form Sphinx converts it to
    config.epub_show_urls = "no"
    config.epub_use_index = False
    config.epub_tocdepth = 2
    config.epub_description = TITLE_NOTE[lang]


def _builder_inited(app: Sphinx) -> None:
    if app.builder.name == "epub":
        # MathML only: no KaTeX stylesheet or fonts inside the book.
        import sphinxcontrib.katex as katex

        katex.KATEX_DEFAULT_OPTIONS = {**katex.KATEX_DEFAULT_OPTIONS, "output": "mathml"}
        # (the server's start is made reliable for every builder by conf/_ext/book_katex.py)
        # No site scripts (search, language switch); stylesheets are chosen per page.
        app.builder._js_files[:] = []


def _unique_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """XHTML forbids duplicate ids, which the site tolerates: sphinx-exercise names every
    exercise's body ``exercise-content``, and the section anchors count those bodies."""
    if app.builder.name != "epub":
        return
    seen: set[str] = set()
    for node in doctree.findall(nodes.Element):
        ids = node.get("ids")
        if ids:
            node["ids"] = [i for i in ids if i not in seen]
            seen.update(ids)


def _epub_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """EPUB pages carry only the book's stylesheets: no site scripts, no links to the web site."""
    if app.builder.name != "epub":
        return
    keep = ("book-epub.css", "pygments.css", "epub.css")
    context["css_files"] = [
        css
        for css in context.get("css_files", [])
        if str(getattr(css, "filename", css)).endswith(keep)
    ]
    context["script_files"] = []
    lang = app.config.language
    context["html_tag"] = context["html_tag"].replace(
        "<html ", f'<html lang="{lang}" xml:lang="{lang}" ', 1
    )
    # The site's language-switch <link>s are HTML, not XHTML, and point outside the book.
    context["metatags"] = "\n".join(
        line for line in context.get("metatags", "").splitlines() if "hreflang" not in line
    )


# ----------------------------------------------------------------------------
# chart and table outputs become images and tables while a page is read


def _bundle_html(bundle: nodes.Element) -> str | None:
    for child in bundle.children:
        if child.get("mime_type") == "text/html":
            return child.astext()
    return None


# Chart lettering: vl-convert drew the site's charts in "sans-serif" (Liberation
# Sans here); Korean charts are printed in Noto Sans CJK KR, the book's sans face,
# instead of whatever face a fallback would pick for Hangul.
CHART_FONT = {"ko": '"Noto Sans CJK KR", "Noto Sans KR", sans-serif', "en": None}


def _chart_files(app: Sphinx, html: str) -> tuple[str, str, bool]:
    """Write the chart's SVG (EPUB) and its PDF (LaTeX); return (key, alt text, live)."""
    import vl_convert

    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group(0)
    title = re.search(r'<span class="book-sr-only" id="[^"]*-name">(.*?)</span>', html, re.S)
    desc = re.search(r'<figcaption class="book-sr-only"[^>]*>(.*?)</figcaption>', html, re.S)
    alt = ": ".join(html_lib.unescape(m.group(1)) for m in (title, desc) if m)
    # A standalone SVG file: no HTML accessibility attributes on the root, an xmlns.
    head, sep, body = svg.partition(">")
    head = re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", head)
    if "xmlns=" not in head:
        head = head.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    standalone = head + sep + body
    font = CHART_FONT[app.config.language]
    if font:
        # the site names its own chart face first (lessons.charts.render.FONT), which a
        # printing machine does not have: every family list becomes the book's Korean face
        standalone = re.sub(r'font-family="[^"]*"', f"font-family='{font}'", standalone)
    key = hashlib.sha256(standalone.encode()).hexdigest()[:16]
    folder = Path(app.outdir).parent / "print-charts"
    folder.mkdir(parents=True, exist_ok=True)
    svg_path = folder / f"chart-{key}.svg"
    if not svg_path.exists():
        svg_path.write_text(standalone, encoding="utf-8")
    pdf_path = folder / f"chart-{key}.pdf"
    if not pdf_path.exists():
        pdf_path.write_bytes(vl_convert.svg_to_pdf(standalone))
    return key, alt, "book-chart-live" in html


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.head: list[list[str]] = []
        self.body: list[list[str]] = []
        self._part = self.body
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "thead":
            self._part = self.head
        elif tag == "tbody":
            self._part = self.body
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._part.append(self._row)
            self._row = None
        elif tag == "thead":
            self._part = self.body

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def dataframe_table(html: str) -> nodes.table | None:
    """A docutils table from pandas' HTML table (header rows, then body rows).

    >>> t = dataframe_table('<table><thead><tr><th></th><th>x</th></tr></thead>'
    ...                     '<tbody><tr><th>0</th><td>1.5</td></tr></tbody></table>')
    >>> [row.astext().split() for row in t.findall(nodes.row)]
    [['x'], ['0', '1.5']]
    """
    parser = _TableParser()
    parser.feed(re.sub(r"<style.*?</style>", "", html, flags=re.S))
    rows = parser.head + parser.body
    if not rows:
        return None
    width = max(len(row) for row in rows)
    table = nodes.table(classes=["book-dataframe"])
    group = nodes.tgroup(cols=width)
    table += group
    for _ in range(width):
        group += nodes.colspec(colwidth=1)

    def make(row: list[str]) -> nodes.row:
        out = nodes.row()
        for text in row + [""] * (width - len(row)):
            entry = nodes.entry()
            if text:
                entry += nodes.paragraph(text=text)
            out += entry
        return out

    if parser.head:
        head = nodes.thead()
        head.extend(make(row) for row in parser.head)
        group += head
    body = nodes.tbody()
    body.extend(make(row) for row in parser.body)
    group += body
    return table


def _print_outputs(app: Sphinx, doctree: nodes.document) -> None:
    lang = app.config.language
    docname = app.env.docname
    here = (Path(app.srcdir) / docname).parent
    for bundle in list(doctree.findall(nodes.container)):
        if bundle.get("nb_element") != "mime_bundle":
            continue
        html = _bundle_html(bundle)
        if not html:
            continue
        if WIDGET_CLASS in html or PAD_STEPPER_CLASS in html:
            # predict-then-reveal and the steppers need a reader and JavaScript
            note = nodes.paragraph(classes=["book-live-note"])
            note += nodes.emphasis(text=WIDGET_NOTE[lang])
            bundle.replace_self(note)
        elif "book-chart" in html and "<svg" in html:
            key, alt, live = _chart_files(app, html)
            folder = Path(app.outdir).parent / "print-charts"
            uri = Path(_relpath(folder / f"chart-{key}.*", here)).as_posix()
            figure = nodes.figure(classes=["book-chart-print"], align="center")
            figure += nodes.image(uri=uri, alt=alt, candidates={}, scale=72)
            replacement: list[nodes.Node] = [figure]
            if live:
                note = nodes.paragraph(classes=["book-live-note"])
                note += nodes.emphasis(text=LIVE_NOTE[lang])
                replacement.append(note)
            bundle.replace_self(replacement)
        elif "dataframe" in html:
            table = dataframe_table(html)
            if table is not None:
                bundle.replace_self(table)
        elif PAD_CLASS in html:
            # the digit pad needs JavaScript: the printed book says where to find it
            note = nodes.paragraph(classes=["book-live-note"])
            note += nodes.emphasis(text=PAD_NOTE[lang])
            bundle.replace_self(note)


PREFACE = {"ko": "머리말", "en": "Preface"}
WIDGET_NOTE = {
    "ko": "웹판에서는 여기서 먼저 답을 짐작해 보거나 계산을 한 단계씩 따라가 볼 수 있습니다.",
    "en": "In the web version you can make your guess here first, or step through the computation.",
}
PAD_NOTE = {
    "ko": "웹판에서는 여기에 숫자를 직접 그려 신경망에게 읽혀 볼 수 있습니다.",
    "en": "In the web version you can draw a digit here and have the network read it.",
}


def _latex_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Shape the one assembled LaTeX document as a book.

    - The root page (the title page's text) becomes an unnumbered Preface: its
      own sections become run-in headings, so the chapters are chapters 1-7.
    - Each exercise gets the ``doc:label`` target its solution links to (and
      whose page number it prints).
    """
    if app.builder.name != "latex":
        return
    from sphinx import addnodes

    lang = app.config.language
    root = next(iter(doctree.findall(nodes.section)), None)
    if root is None:
        return

    for section in [s for s in root.children if isinstance(s, nodes.section)]:
        title = section.next_node(nodes.title)
        rubric = nodes.rubric("", "", *title.children, ids=section["ids"])
        title.parent.remove(title)
        section.replace_self([rubric, *section.children])
    first = root.children.index(root.next_node(nodes.title)) + 1
    root.insert(
        first,
        nodes.raw(
            "",
            rf"\chapter*{{{PREFACE[lang]}}}\addcontentsline{{toc}}{{chapter}}{{{PREFACE[lang]}}}"
            rf"\markboth{{{PREFACE[lang]}}}{{{PREFACE[lang]}}}"
            # the preface's own labels ({ref}`preface` from the glossary) point here
            + "".join(
                rf"\phantomsection\label{{\detokenize{{{app.config.root_doc}:{name}}}}}"
                for name in root["ids"]
            ),
            format="latex",
        ),
    )

    # A titled admonition ("Learning goals") reaches LaTeX with its title as a
    # plain paragraph, which Sphinx's writer would take for the heading's
    # argument: give it back its title node.
    for box in list(doctree.findall(nodes.admonition)):
        first = box.children[0] if box.children else None
        if (
            isinstance(first, nodes.paragraph)
            and not isinstance(first, nodes.title)
            and ("admonition-title" in first.get("classes", []) or len(first.astext()) < 40)
        ):
            box.replace(first, nodes.title("", "", *first.children))

    # The pages after the chapters (the maths primer, the glossary) are appendices
    # (unnumbered in the site's navigation too); \appendix starts them once.
    for part in doctree.findall(addnodes.start_of_file):
        if part["docname"] in APPENDICES:
            part.insert(0, nodes.raw("", r"\appendix", format="latex"))
            break

    for node in list(doctree.findall(nodes.Element)):
        if type(node).__name__ == "exercise_enumerable_node" and node.get("label"):
            holder = node.parent
            while holder is not None and not (
                isinstance(holder, addnodes.start_of_file) or "docname" in holder.attributes
            ):
                holder = holder.parent
            if holder is None:
                continue
            label = f"{holder['docname']}:{node['label']}"
            node.parent.insert(
                node.parent.index(node),
                nodes.raw("", rf"\phantomsection\label{{\detokenize{{{label}}}}}", format="latex"),
            )


def _relpath(target: Path, start: Path) -> str:
    import os

    return os.path.relpath(target, start)


class HeadingIdsFirst(SphinxTransform):
    """In the printed editions a section's own id comes first, its ``sec-N-M`` anchor last.

    On the site the language switch wants ``sec-N-M`` first (book_language); in the
    EPUB's table of contents, links to those anchors broke epubcheck's reading-order
    rule (NAV-011), while the heading ids keep every link in document order.
    """

    default_priority = 850  # after book_language's section anchors (840)

    def apply(self, **kwargs) -> None:
        for section in self.document.findall(nodes.section):
            ids = section["ids"]
            if len(ids) > 1 and ids[0].startswith("sec-"):
                section["ids"] = ids[1:] + ids[:1]


def setup(app: Sphinx) -> dict:
    app.add_transform(HeadingIdsFirst)
    app.connect("config-inited", _configure, priority=900)
    app.connect("builder-inited", _builder_inited, priority=900)
    app.connect("html-page-context", _epub_page, priority=900)
    # Before Sphinx's image collector (priority 500) sees the page.
    app.connect("doctree-read", _print_outputs, priority=100)
    app.connect("doctree-resolved", _latex_book)
    app.connect("doctree-resolved", _unique_ids, priority=900)
    # a new env_version re-reads every page once: raise it when the print transforms change
    # (2: widgets become a note; chart lettering is the book's Korean face again;
    #  3: the digit pad's stepper becomes a note too)
    return {"env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
