"""The book's vocabulary, from its glossary: STYLE.md's rules on terms, checked on the sources.

- Korean chapters give a term's English in parentheses the first time the term
  appears in the chapter's prose: 경사 하강법(gradient descent). Everyday words
  (평균, 모델, 확률) are glossed once in the book, where it first uses them.
- Every glossary term is linked ({term}) from some chapter.
- The lecture's words are aliases in the Korean glossary and appear in their chapter;
  the lecture's framing words appear in their chapter; the preface names the lecture.
- ŷ is read aloud ("y hat", 와이 햇) once, where the book first writes it.

The glossary (book/<lang>/glossary.md) is the one source: each entry is a term
line, then "  English · definition … {ref}`N장 <ch-…>`", with the lecture's
words as {alias}`…` roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from conftest import BOOK, CHAPTERS

HANGUL = "\uac00-\ud7a3"

#: STYLE.md, "The lecture's words": each is an alias of a glossary entry.
LECTURE_WORDS = [
    "만능 근사 정리",
    "뉴럴 네트워크",
    "딥 뉴럴 네트워크",
    "바이어스",
    "로스",
    "체인 룰",
    "전달 함수",
    "훈련",
    "MSE",
    "그레디언트",
    "일반 최소 제곱법",
]

#: STYLE.md, Voice: words a reader knows after chapter 2, glossed once in the book (where it
#: first uses them), not in every chapter; with their English, for test names.
EVERYDAY_WORDS = {"평균": "mean", "모델": "model", "확률": "probability"}


@dataclass
class Entry:
    term: str
    english: str
    aliases: list[str]
    chapter: str  # the label of the chapter the entry points to, e.g. ch-least-squares


def glossary(lang: str) -> list[Entry]:
    text = (BOOK / lang / "glossary.md").read_text(encoding="utf-8")
    body = text.split(":::{glossary}", 1)[1].split("\n:::", 1)[0]
    entries = []
    for term, definition in re.findall(r"^(\S[^\n]*)\n((?:[ \t]+[^\n]*\n?)+)", body, flags=re.M):
        other, _, rest = definition.strip().partition(" · ")
        chapter = re.search(r"\{ref\}`[^`]*<(ch-[\w-]+)>`", rest)
        entries.append(
            Entry(
                term.strip(),
                other if lang == "ko" else term.strip(),
                re.findall(r"\{alias\}`([^`]+)`", rest),
                chapter.group(1) if chapter else "",
            )
        )
    return entries


def chapter_labels() -> dict[str, str]:
    """ch-least-squares -> 04-least-squares."""
    found = {}
    for name in CHAPTERS:
        label = re.search(
            r"^\((ch-[\w-]+)\)=", (BOOK / "ko" / f"{name}.md").read_text(encoding="utf-8"), re.M
        )
        if label:
            found[label.group(1)] = name
    return found


def _blank(match: re.Match) -> str:
    """The matched text as spaces, keeping its line breaks (so line numbers stay right)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(text: str) -> str:
    """The page's prose, same length and lines: code, maths, markup and headings blanked out."""
    text = re.sub(r"\A---\n.*?\n---\n", _blank, text, flags=re.S)  # front matter
    text = re.sub(r"^(```+|~~~+)[^\n]*\n.*?^\1[ \t]*$", _blank, text, flags=re.S | re.M)  # code
    text = re.sub(r"<!--.*?-->", _blank, text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", _blank, text, flags=re.S)
    text = re.sub(r"(?<!\\)\$[^$\n]+\$", _blank, text)
    text = re.sub(
        r"^(#+ |:::|\(|[ \t]*:\w[\w-]*:)[^\n]*$", _blank, text, flags=re.M
    )  # headings, fences, labels, options
    text = re.sub(
        r"\{(?:ref|numref|doc|eq)\}`[^`]*`", _blank, text
    )  # link texts are not first uses
    text = re.sub(r"\{glue(?::\w+)?\}`[^`]*`", lambda m: "0".ljust(len(m.group(0))), text)
    text = re.sub(r"<[^<>`\n]+>`", _blank, text)  # {term}`text <target>`: the target
    text = re.sub(r"\{[\w:-]+\}`", _blank, text)  # role markers: keep their text
    return text.replace("`", " ")


def _normal(english: str) -> str:
    return re.sub(r"\s+", " ", english.lower().replace("iz", "is")).strip()


def first_uses(text: str, terms: list[str], not_uses: list[str] = ()) -> dict[str, int]:
    """Where each term is first used as a word of its own, not inside a longer term.

    Words in ``not_uses`` (aliases of longer terms, such as 기울기 소실) hide the terms
    inside them, like a longer term does, but are not reported themselves.

    >>> first_uses("평균 제곱 오차와 평균을 봅니다", ["평균", "평균 제곱 오차"])
    {'평균 제곱 오차': 0, '평균': 10}
    >>> first_uses("흔히 기울기 소실이라고 합니다. 기울기(slope)", ["기울기"], ["기울기 소실"])
    {'기울기': 18}
    """
    taken: list[tuple[int, int]] = []
    found = {}
    for term in sorted([*terms, *not_uses], key=len, reverse=True):
        pattern = r"\s*".join(re.escape(part) for part in term.split())
        # 확률적 (probabilistic) is a word of its own, not a use of 확률 (probability)
        for match in re.finditer(rf"(?<![{HANGUL}A-Za-z]){pattern}(?!적)", text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            if term in terms:
                found.setdefault(term, match.start())
    return found


def aliases_of_longer_terms(lang: str = "ko") -> list[str]:
    """The glossary's aliases that hold another entry's term as a word of their own.

    기울기 소실 is an alias of 그레이디언트 소실 (STYLE.md, Vocabulary): writing it is not
    a use of 기울기 (the slope), just as 평균 제곱 오차 is not a use of 평균. An alias that
    holds its own entry's term (일반 최소 제곱법, 최소 제곱법) still uses that term.
    """
    entries = glossary(lang)
    terms = [e.term for e in entries]
    return sorted(
        {
            alias
            for e in entries
            for alias in e.aliases
            if alias not in terms
            and any(term != e.term and term in first_uses(alias, [term]) for term in terms)
        }
    )


#: STYLE.md, Voice: everyday words are glossed once, where the book first uses them,
#: not in every chapter.
GLOSSED_ONCE = ["평균"]


def first_chapter_using(word: str) -> str:
    """The first chapter, in book order, whose prose uses ``word``."""
    for name in CHAPTERS:
        if word in first_uses(
            prose((BOOK / "ko" / f"{name}.md").read_text(encoding="utf-8")),
            [word],
            aliases_of_longer_terms(),
        ):
            return name
    raise LookupError(f"no chapter uses {word}")


def glosses(text: str, word: str, english: str) -> list[int]:
    """Where ``word`` is followed by its English in parentheses: 평균(mean).

    >>> glosses("평균(mean)과 평균, 표본 평균(sample mean), 평균 (mean)", "평균", "mean")
    [0, 34]
    """
    return [
        match.start()
        for match in re.finditer(rf"(?<![{HANGUL}A-Za-z]){re.escape(word)}\s*\(([^)]*)\)", text)
        if _normal(match.group(1)) == _normal(english)
    ]


def missing_glosses(name: str) -> list[str]:
    source = (BOOK / "ko" / f"{name}.md").read_text(encoding="utf-8")
    text = prose(source)
    # a term whose Korean name is already the English one (ReLU) needs no gloss, and an
    # everyday word needs one only in the chapter where the book first uses it
    entries = {
        e.term: e
        for e in glossary("ko")
        if re.search(f"[{HANGUL}]", e.term)
        and (e.term not in EVERYDAY_WORDS or first_chapter_using(e.term) == name)
    }
    problems = []
    uses = first_uses(text, list(entries), aliases_of_longer_terms())
    for term, start in sorted(uses.items(), key=lambda item: item[1]):
        english = entries[term].english
        pattern = r"\s*".join(re.escape(part) for part in term.split())
        end = re.compile(pattern).match(text, start).end()
        after = re.match(r"\s*\(([^)]*)\)", text[end:])
        if after and _normal(english) in _normal(after.group(1)):
            continue
        line = source.count("\n", 0, start) + 1
        shown = re.sub(r"\s+", " ", source[start : end + 12].split("\n\n")[0])
        problems.append(
            f"ko/{name}.md:{line}: {term} first appears without its English "
            f'("{shown}…"): write {term}({english})'
        )
    return problems


def test_an_alias_of_a_longer_term_is_not_a_use_of_the_shorter_term():
    """기울기 소실 (the common name of 그레이디언트 소실) does not use 기울기, the slope."""
    assert "기울기 소실" in aliases_of_longer_terms()
    assert "일반 최소 제곱법" not in aliases_of_longer_terms()  # its own entry's term
    text = "그레이디언트 소실(vanishing gradient, 흔히 기울기 소실이라고도 합니다)입니다."
    terms = ["기울기", "그레이디언트 소실"]
    assert first_uses(text, terms, ["기울기 소실"]) == {"그레이디언트 소실": 0}
    assert "기울기" in first_uses(text, terms)  # what the rule is for
    # the alias hides only itself: a later 기울기 on its own is still a use, and is found
    later = text + " 직선의 기울기는"
    assert first_uses(later, terms, ["기울기 소실"])["기울기"] == later.index("직선의 기울기") + 4


@pytest.mark.parametrize("name", CHAPTERS)
def test_a_korean_term_gives_its_english_the_first_time(name):
    problems = missing_glosses(name)
    assert not problems, (
        f"{len(problems)} terms in ko/{name}.md need their English in parentheses "
        "the first time (STYLE.md, Voice):\n  " + "\n  ".join(problems)
    )


#: Chapters that still gloss an everyday word again; other issue-22 branches fix them
#: (strict: the test fails as XPASS once they are merged, and the entry goes).
GLOSSED_AGAIN_NOT_YET: set[str] = set()


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=[pytest.mark.xfail(strict=True, reason="fixed on another issue-22 branch")]
            if name in GLOSSED_AGAIN_NOT_YET
            else [],
        )
        for name in CHAPTERS
    ],
)
def test_an_everyday_word_is_glossed_only_the_first_time_in_the_book(name):
    english = {e.term: e.english for e in glossary("ko")}
    text = prose((BOOK / "ko" / f"{name}.md").read_text(encoding="utf-8"))
    again = [
        f"{word}({english[word]})"
        for word in GLOSSED_ONCE
        if first_chapter_using(word) != name
        and re.search(rf"(?<![{HANGUL}]){word}\s*\(\s*{re.escape(english[word])}\s*\)", text)
    ]
    assert not again, (
        f"ko/{name}.md glosses {again} again: an everyday word is glossed once, in the "
        "first chapter that uses it (STYLE.md, Voice)"
    )


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_glossary_term_is_linked_from_a_chapter(lang):
    linked = set()
    for name in CHAPTERS:
        text = (BOOK / lang / f"{name}.md").read_text(encoding="utf-8")
        for role in re.findall(r"\{term\}`([^`]+)`", text):
            target = re.search(r"<([^<>]+)>$", role)
            linked.add((target.group(1) if target else role).strip().lower())
    labels = chapter_labels()
    unlinked = [
        f"{e.term} (link it in {labels.get(e.chapter, e.chapter)}: {{term}}`{e.term}`)"
        for e in glossary(lang)
        if e.term.lower() not in linked
    ]
    assert not unlinked, (
        f"{len(unlinked)} {lang} glossary terms are not linked from any chapter:\n  "
        + "\n  ".join(unlinked)
    )


def test_the_lecture_words_are_aliases_in_the_korean_glossary():
    aliases = {alias for entry in glossary("ko") for alias in entry.aliases}
    assert set(LECTURE_WORDS) <= aliases, f"missing aliases: {set(LECTURE_WORDS) - aliases}"
    text = (BOOK / "ko" / "glossary.md").read_text(encoding="utf-8")
    assert text.count("기울기라고도 부르지만") == 1  # said once: why 기울기 stays the slope


def test_the_glossaries_have_the_same_chapters_and_stable_entries():
    ko, en = glossary("ko"), glossary("en")
    assert [e.english for e in ko] == [e.term for e in en]
    assert [e.chapter for e in ko] == [e.chapter for e in en]
    assert all(e.chapter for e in ko), [e.term for e in ko if not e.chapter]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_glossary_is_grouped_by_chapter_in_book_order(lang):
    """The glossary's introduction says its terms are grouped by the chapter that explains them."""
    labels = chapter_labels()
    order = [CHAPTERS.index(labels[e.chapter]) for e in glossary(lang)]
    out_of_place = [
        f"{e.term} ({labels[e.chapter]}) comes after an entry of {CHAPTERS[before]}"
        for e, before, now in zip(glossary(lang)[1:], order, order[1:])
        if now < before
    ]
    assert not out_of_place, f"{lang}/glossary.md: " + "; ".join(out_of_place)


@pytest.mark.parametrize("word", LECTURE_WORDS)
def test_each_lecture_word_appears_in_its_chapter(word):
    """ "보편 근사 정리(만능 근사 정리라고도 합니다)": once, where the concept is introduced."""
    entry = next(e for e in glossary("ko") if word in e.aliases)
    name = chapter_labels()[entry.chapter]
    english = entry.english
    text = prose((BOOK / "ko" / f"{name}.md").read_text(encoding="utf-8"))
    assert re.search(r"\s*".join(map(re.escape, word.split())), text), (
        f"ko/{name}.md never says {word} (the lecture's word for {entry.term}): "
        f'add it once where {entry.term} is introduced, e.g. "{entry.term}({english}) … '
        f'강의에서는 {word}라고 합니다"'
    )


#: Chapters that still gloss an everyday word the book glossed before (issue 22, handled by
#: other branches): each pair is an expected failure until its chapter is fixed, and strict,
#: so that the fix removes it from this list.
GLOSSED_AGAIN: set[tuple[str, str]] = set()


@pytest.mark.parametrize(
    "name, word",
    [
        pytest.param(
            name,
            word,
            marks=pytest.mark.xfail(
                (name, word) in GLOSSED_AGAIN, reason="glossed again (issue 22)", strict=True
            ),
        )
        for name in CHAPTERS
        for word in EVERYDAY_WORDS
    ],
    ids=[f"{name}-{EVERYDAY_WORDS[word]}" for name in CHAPTERS for word in EVERYDAY_WORDS],
)
def test_an_everyday_word_is_glossed_once_in_the_book(name, word):
    """평균(mean) once, where the book first uses it; 평균 everywhere after (STYLE.md, Voice)."""
    english = next(e.english for e in glossary("ko") if e.term == word)
    source = (BOOK / "ko" / f"{name}.md").read_text(encoding="utf-8")
    found = glosses(prose(source), word, english)
    first = first_chapter_using(word)
    allowed = 1 if name == first else 0
    lines = [source.count("\n", 0, start) + 1 for start in found]
    assert len(found) <= allowed, (
        f"ko/{name}.md glosses {word}({english}) on lines {lines}: the book glosses it once, "
        f"where it first uses it ({first}); write {word} alone"
    )


#: The lecture's framing words, in the chapter where they belong (issue 22), in each language.
FRAMING_WORDS = {
    "01-machine-learning": {
        "ko": ["통계적 모델", "확률적 추측"],
        "en": ["statistical model", "probabilistic guess"],
    },
    "04-least-squares": {"ko": ["일반 최소 제곱법"]},
}


@pytest.mark.parametrize(
    "name, lang, word",
    [
        (name, lang, word)
        for name, by_lang in FRAMING_WORDS.items()
        for lang, words in by_lang.items()
        for word in words
    ],
)
def test_the_lectures_framing_words_appear_in_their_chapter(name, lang, word):
    text = prose((BOOK / lang / f"{name}.md").read_text(encoding="utf-8"))
    assert re.search(r"\s+".join(map(re.escape, word.split())), text), (
        f"{lang}/{name}.md never says {word!r}, the lecture's framing word for this chapter"
    )


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_preface_names_the_lecture(lang):
    text = " ".join((BOOK / lang / "index.md").read_text(encoding="utf-8").split())
    # the English book prints Korean in a Korean font switched on per character class, so
    # it names the lecture without the CJK brackets 「」 (not in its Latin font)
    named = "홍랩 AI 시리즈 「딥러닝 첫걸음」" if lang == "ko" else "*딥러닝 첫걸음*"
    assert named in text and "홍랩" in text, (
        f"{lang}/index.md: the preface names the lecture the book grew from"
    )


HAT_READING = {"ko": "와이 햇", "en": "y hat"}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_y_hat_is_read_aloud_once_where_the_book_first_writes_it(lang):
    """STYLE.md: ŷ is read "y hat" (와이 햇), said once where it first appears."""
    texts = {name: (BOOK / lang / f"{name}.md").read_text(encoding="utf-8") for name in CHAPTERS}
    first = next(name for name in CHAPTERS if "\\hat{y}" in texts[name])
    reading = HAT_READING[lang]
    paragraph = next(
        block
        for block in re.split(r"\n\s*\n", texts[first])
        if "\\hat{y}" in block and not block.lstrip().startswith("$$")
    )
    assert reading in paragraph, (
        f"{lang}/{first}.md writes ŷ first: say how it is read ({reading}) in that paragraph"
    )
    said = [name for name in CHAPTERS if reading in prose(texts[name])]
    assert said == [first], f"{reading} is said in {said}: once, in {first}, is enough"


def test_training_is_hakseup_except_in_set_names():
    """Ch. 1: "이 책은 이 일을 학습이라고 씁니다. 다만 … 훈련 데이터(training data)처럼 굳어진
    이름에는 훈련을 씁니다" (cold read 5): 훈련 stands only in such names."""
    names = r"훈련(?= ?(?:데이터|손실|정확도|숫자|용|·))"
    stray = []
    for name in CHAPTERS:
        if name == "01-machine-learning":
            continue  # where the two words are introduced, side by side
        text = prose((BOOK / "ko" / f"{name}.md").read_text(encoding="utf-8"))
        for match in re.finditer("훈련", text):
            around = text[match.start() - 20 : match.end() + 20]
            if not re.match(names, text[match.start() :]) and "훈련시킨다" not in around:
                stray.append(f"{name}: …{around.strip()}…")
    assert not stray, stray
