"""Korean particles chosen from how the text before them is read aloud.

A Korean particle depends on the sound that ends the word before it:
``86.6 kg으로`` (킬로그램, ends in ㅁ) but ``86.4 cm로`` (센티미터, no final
consonant); ``−8.4는`` (…팔 점 사); ``0.040으로`` (영 점 영사영). The number in
the prose is computed and glued, so the particle cannot be typed by hand.

In a page, write the particle as a role right after the glued value (or after
any text)::

    예측은 {glue:text}`pred:.1f` kg{josa}`으로` 실제와 가깝습니다.
    기울기 {glue:text}`slope:.2f`{josa}`는` 음수입니다.

The role's content is either member of a pair (``은``/``는``, ``이``/``가``,
``을``/``를``, ``과``/``와``, ``으로``/``로``, ``이다``/``다`` …); after the glued
numbers are filled in, a post-transform reads the text immediately before the
role and writes the member that fits. Text it cannot read aloud (nothing
before the role, an unknown word, e-notation) is a build warning naming the
page and line, so the strict build fails instead of guessing.

The reading rules live in :func:`particle` (pure, doctested); the Sphinx side
is the role and the post-transform at the end of this module.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

# --- how things are read aloud -------------------------------------------------

#: Sino-Korean digits, as read in numbers and after 점 (decimal point).
DIGITS = {
    "0": "영",
    "1": "일",
    "2": "이",
    "3": "삼",
    "4": "사",
    "5": "오",
    "6": "육",
    "7": "칠",
    "8": "팔",
    "9": "구",
}
#: Place names of the trailing zeros of an integer (10, 100, 1,000) …
PLACES = {1: "십", 2: "백", 3: "천"}
#: … and of each group of four zeros (10⁴, 10⁸, 10¹², 10¹⁶).
MYRIADS = {1: "만", 2: "억", 3: "조", 4: "경"}
#: Latin letters as Korean readers say them.
LETTERS = {
    "a": "에이",
    "b": "비",
    "c": "씨",
    "d": "디",
    "e": "이",
    "f": "에프",
    "g": "지",
    "h": "에이치",
    "i": "아이",
    "j": "제이",
    "k": "케이",
    "l": "엘",
    "m": "엠",
    "n": "엔",
    "o": "오",
    "p": "피",
    "q": "큐",
    "r": "알",
    "s": "에스",
    "t": "티",
    "u": "유",
    "v": "브이",
    "w": "더블유",
    "x": "엑스",
    "y": "와이",
    "z": "제트",
}
#: Greek letters used in the book's maths.
GREEK = {
    "α": "알파",
    "β": "베타",
    "γ": "감마",
    "δ": "델타",
    "ε": "엡실론",
    "η": "에타",
    "θ": "세타",
    "λ": "람다",
    "μ": "뮤",
    "π": "파이",
    "ρ": "로",
    "σ": "시그마",
    "Σ": "시그마",
    "τ": "타우",
    "φ": "파이",
    "ω": "오메가",
    "∂": "라운드",
    "∇": "나블라",
}
#: Units written after a number, as read aloud (only after a number: "m" alone is 엠).
UNITS = {
    "kg": "킬로그램",
    "g": "그램",
    "cm": "센티미터",
    "mm": "밀리미터",
    "m": "미터",
    "km": "킬로미터",
    "mpg": "마일 퍼 갤런",
    "km/L": "킬로미터 퍼 리터",
    "lb": "파운드",
    "lbs": "파운드",
    "in": "인치",
    "inch": "인치",
    "inches": "인치",
    "ms": "밀리초",
    "s": "초",
    "KB": "킬로바이트",
    "MB": "메가바이트",
    "GB": "기가바이트",
    "px": "픽셀",
}
#: Latin words the book writes in Korean prose, as read aloud.
WORDS = {
    "mpg": "엠피지",
    "numpy": "넘파이",
    "pandas": "판다스",
    "python": "파이썬",
    "altair": "알테어",
    "vega": "베가",
    "sphinx": "스핑크스",
    "relu": "렐루",
    "sigmoid": "시그모이드",
    "softmax": "소프트맥스",
    "galton": "골턴",
    "lessons": "레슨스",
    "katex": "카텍",
    "tanh": "탄에이치",
    "exp": "익스포넨셜",
    "log": "로그",
    "ln": "엘엔",
    "sin": "사인",
    "cos": "코사인",
}
#: Things read as a word of their own.
SYMBOLS = {
    "%": "퍼센트",
    "%p": "퍼센트포인트",
    "°": "도",
    "°C": "도",
    "℃": "도",
    "‰": "퍼밀",
    "²": "제곱",
    "³": "세제곱",
}
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁿⁱ"
SUBSCRIPTS = {
    "₀": "영",
    "₁": "일",
    "₂": "이",
    "₃": "삼",
    "₄": "사",
    "₅": "오",
    "₆": "육",
    "₇": "칠",
    "₈": "팔",
    "₉": "구",
    "ᵢ": "아이",
    "ⱼ": "제이",
    "ₙ": "엔",
    "ₖ": "케이",
    "ₜ": "티",
}
HAT = "\u0302"  # combining circumflex: ŷ is read 와이 햇
PRECOMPOSED_HATS = {"ŷ": "y", "ŵ": "w", "Ŷ": "y"}
CLOSING_QUOTES = "\"'”’」』»*`"
NUMBER = re.compile(r"[−\-+]?(\d[\d,]*)(?:\.(\d+))?$")
LATIN_RUN = re.compile(r"[A-Za-z]+$")


def _is_syllable(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def read_integer(digits: str) -> str:
    """The last word of an integer read aloud in Sino-Korean.

    >>> read_integer("7"), read_integer("10"), read_integer("1,000"), read_integer("120000")
    ('칠', '십', '천', '만')
    >>> read_integer("0"), read_integer("100000000")
    ('영', '억')
    """
    digits = digits.replace(",", "")
    if not digits.isdigit():
        raise ValueError(f"not an integer: {digits!r}")
    stripped = digits.rstrip("0")
    if not stripped:
        return "영"
    zeros = len(digits) - len(stripped)
    if zeros == 0:
        return DIGITS[digits[-1]]
    if zeros < 4:
        return PLACES[zeros]
    group = zeros // 4
    if group not in MYRIADS:
        raise ValueError(f"{digits!r} is too large to read aloud")
    return MYRIADS[group]


def reading(text: str) -> str:
    """The word (or syllable) that ends ``text`` when it is read aloud in Korean.

    >>> reading("86.6 kg"), reading("−8.4"), reading("0.040"), reading("68%")
    ('킬로그램', '사', '영', '퍼센트')
    >>> reading("3.6 × 10⁻¹⁵"), reading("경사 하강법(gradient descent)"), reading("r")
    ('승', '법', '알')
    """
    text = text.rstrip()
    while text and text[-1] in CLOSING_QUOTES:
        text = text[:-1].rstrip()
    if not text:
        raise ValueError("there is no text before the particle")
    last = text[-1]
    if _is_syllable(last):
        return last
    if last == ")":
        return _read_parenthesis(text)
    if last in SUPERSCRIPTS:
        base = text.rstrip(SUPERSCRIPTS).rstrip()
        if base.endswith("10"):
            return "승"  # 10⁻¹⁵: 10의 −15승
        if text.endswith("²") and not text[:-1].endswith(tuple(SUPERSCRIPTS)):
            return "제곱"
        return "승"  # xⁿ, 2³ …: 엑스의 엔 제곱 / 2의 3승 — both end in a consonant
    if last in SUBSCRIPTS:
        return SUBSCRIPTS[last]
    if last == HAT or last in PRECOMPOSED_HATS:
        return "햇"
    for symbol in sorted(SYMBOLS, key=len, reverse=True):
        if text.endswith(symbol):
            return SYMBOLS[symbol]
    if last in GREEK:
        return GREEK[last]
    for unit in (u for u in UNITS if "/" in u):  # km/L: a unit with a slash, after a number
        if text.endswith(unit) and text[: -len(unit)].rstrip()[-1:].isdigit():
            return UNITS[unit]
    latin = LATIN_RUN.search(text)
    if latin:
        return _read_latin(text, latin.group())
    if re.search(r"\d[eE][−\-+]?\d+$", text):
        raise ValueError(f"{text!r} is e-notation, which is not read aloud: display it as × 10ⁿ")
    number = NUMBER.search(text)
    if number:
        integer, decimals = number.groups()
        if decimals:
            return DIGITS[decimals[-1]]  # decimals are read digit by digit after 점
        return read_integer(integer)
    raise ValueError(f"cannot tell how {text[-12:]!r} ends when read aloud")


def _read_parenthesis(text: str) -> str:
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            break
    else:
        raise ValueError(f"unbalanced parenthesis in {text!r}")
    before, inside = text[:index], text[index + 1 : -1]
    if before and _is_syllable(before[-1]):
        return reading(before)  # 경사 하강법(gradient descent)을: the particle follows 하강법
    return reading(inside)  # σ(z), L(a, b): the argument is read last


def _read_latin(text: str, word: str) -> str:
    before = text[: -len(word)].rstrip()
    if word in UNITS and before and before[-1].isdigit():
        return UNITS[word]
    if word.lower() in WORDS:
        return WORDS[word.lower()]
    if len(word) == 1 or word.isupper():
        return LETTERS[word[-1].lower()]  # x, MSE: spelled letter by letter
    raise ValueError(
        f"unknown word {word!r}: add how it is read aloud to "
        "book_korean.WORDS or put a Korean word before the particle"
    )


# --- choosing the particle -----------------------------------------------------

#: (after a final consonant, after a vowel, may a longer ending follow?)
PAIRS = [
    ("은", "는", False),
    ("이", "가", False),
    ("을", "를", False),
    ("과", "와", False),
    ("아", "야", False),
    ("으로", "로", True),
    ("이랑", "랑", False),
    ("이었", "였", True),
    ("이어", "여", True),
    ("이에요", "예요", False),
    ("이다", "다", False),
    ("이나", "나", True),
    ("이라", "라", True),
    ("이며", "며", False),
    ("이고", "고", False),
    ("이면", "면", False),
    ("이든", "든", True),
    ("이지만", "지만", False),
    ("이므로", "므로", False),
    ("이자", "자", False),
    ("이니까", "니까", False),
    ("이야", "야", False),
]


#: Copula endings written in full after a vowel too: "0.35이고", not "0.35고", which
#: in formal prose reads like a typo (the short form is colloquial). 이라/라, 이나/나,
#: 이든/든, 이야/야 and 이에요/예요 still alternate: "2라고", "2나"; so does 이었/였,
#: whose short form is the written norm after a vowel ("0.32였지만", a Korean editor's
#: reading: "0.32이었지만" reads stiff).
FULL_COPULA = {"이어", "이다", "이며", "이고", "이면", "이지만", "이므로", "이자", "이니까"}


def _pair(particle: str) -> tuple[str, str, str]:
    """The pair ``particle`` belongs to, and what follows the pair's member."""
    candidates = []
    for consonant, vowel, open_ended in PAIRS:
        for member in (consonant, vowel):
            if particle == member or (open_ended and particle.startswith(member)):
                candidates.append((len(member), consonant, vowel, particle[len(member) :]))
    if not candidates:
        known = ", ".join(f"{c}/{v}" for c, v, _ in PAIRS)
        raise ValueError(f"{particle!r} is not a particle with two forms ({known})")
    _, consonant, vowel, rest = max(candidates)
    return consonant, vowel, rest


def particle(displayed_text: str, particle: str) -> str:
    """The form of ``particle`` that follows ``displayed_text`` read aloud in Korean.

    ``particle`` is either member of a pair (은/는, 이/가, 을/를, 과/와, 으로/로,
    이다/다 …); the answer depends on the final sound of the reading, except
    for the copula endings of :data:`FULL_COPULA`, always written in full. 으로/로
    takes 로 after ㄹ as after a vowel (일로, 칠로, 팔로). Raises ``ValueError``
    when the text cannot be read aloud or the particle has a single form.

    >>> particle("86.6 kg", "로"), particle("86.4 cm", "으로"), particle("−8.4", "은")
    ('으로', '로', '는')
    >>> particle("0.040", "로"), particle("2.1", "으로"), particle("0.35", "고")
    ('으로', '로', '이고')
    """
    consonant, vowel, rest = _pair(particle)
    if consonant in FULL_COPULA:
        return consonant + rest
    last = reading(displayed_text)[-1]
    final = (ord(last) - 0xAC00) % 28  # 0: no final consonant; 8: ㄹ
    if final == 0 or (final == 8 and consonant.startswith("으")):
        return vowel + rest
    return consonant + rest


# --- Sphinx: the role and the transform ------------------------------------------


class josa(nodes.Inline, nodes.TextElement):
    """A particle waiting for the text before it (replaced before writing)."""


def josa_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    node = josa(rawtext, text)
    node["particle"] = text
    node.source, node.line = inliner.reporter.get_source_and_line(lineno)
    return [node], []


def _node_text(node: nodes.Node) -> str:
    if isinstance(node, nodes.math):
        return latex_to_text(node.astext())
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, nodes.Element):
        return "".join(_node_text(child) for child in node.children)
    return node.astext()


LATEX_GREEK = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "Sigma": "Σ",
    "tau": "τ",
    "phi": "φ",
    "omega": "ω",
    "partial": "∂",
    "nabla": "∇",
}


def latex_to_text(latex: str) -> str:
    """Inline maths as plain text to read aloud: Greek letters, hats, powers.

    >>> latex_to_text(r"\\hat{y}_i"), latex_to_text(r"\\alpha"), latex_to_text("x^2")
    ('y\u0302ᵢ', 'α', 'x²')
    """
    text = latex.strip()
    text = re.sub(r"\\(?:hat|widehat)\{([^{}]*)\}", lambda m: m.group(1) + HAT, text)
    text = re.sub(r"\\(?:hat|widehat)\s*([A-Za-z])", lambda m: m.group(1) + HAT, text)
    text = re.sub(
        r"\\([A-Za-z]+)", lambda m: LATEX_GREEK.get(m.group(1), " " + m.group(1) + " "), text
    )
    text = re.sub(r"\^\{?2\}?$", "²", text)
    text = re.sub(r"\^\{?[^{}]*\}?$", "ⁿ", text)
    subs = {
        "i": "ᵢ",
        "j": "ⱼ",
        "n": "ₙ",
        "k": "ₖ",
        "t": "ₜ",
        **{str(d): chr(0x2080 + d) for d in range(10)},
    }
    text = re.sub(r"_\{?([0-9a-z])\}?$", lambda m: subs.get(m.group(1), m.group(1)), text)
    text = text.replace("{", "").replace("}", "").replace("\\", "")
    # variables are single letters: "wx" is read 더블유 엑스
    return re.sub(r"(?<=[A-Za-z])(?=[a-z])", " ", text).rstrip()


def preceding_text(node: nodes.Node) -> str:
    """The text in the same paragraph just before ``node`` (after glue and references)."""
    parts: list[str] = []
    current = node
    while current.parent is not None:
        parent = current.parent
        parts[:0] = [_node_text(sibling) for sibling in parent.children[: parent.index(current)]]
        if "".join(parts).strip() or not isinstance(parent, nodes.Inline):
            break
        current = parent  # {josa} opens an inline (**…**): look before the inline
    return "".join(parts)


class ChooseParticles(SphinxPostTransform):
    """Replace each ``{josa}`` with the form that fits the text before it.

    Runs after myst-nb fills in glued values from other pages (priority 5) and
    after references get their titles (priority 10).
    """

    default_priority = 100

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(josa)):
            wanted = node["particle"]
            before = preceding_text(node)
            try:
                chosen = particle(before, wanted)
            except ValueError as error:
                logger.warning(
                    "{josa}`%s`: %s (text before it: %r)",
                    wanted,
                    error,
                    before[-20:],
                    location=node,
                    type="book",
                    subtype="josa",
                )
                chosen = wanted
            node.replace_self(nodes.Text(chosen))


def _visit_unresolved(self, node):  # only reached if a builder skips post-transforms
    raise nodes.SkipNode


def _korean_interface(app: Sphinx) -> None:
    if app.config.language == "ko":
        # after copybutton.js and togglebutton.js (priority 500): see the script
        app.add_js_file("book-korean.js", priority=600)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _korean_interface)
    app.add_node(
        josa,
        html=(_visit_unresolved, None),
        text=(_visit_unresolved, None),
        latex=(_visit_unresolved, None),
    )
    app.add_role("josa", josa_role)
    app.add_post_transform(ChooseParticles)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
