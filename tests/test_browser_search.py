"""Search in the browser: the expected chapter comes first, in Korean whatever the particle,
the spacing or the word (the lecture's words are aliases in the glossary); the result page
counts in the page's language and its snippets are the text a reader sees."""

import re
import urllib.parse

import pytest

pytestmark = pytest.mark.browser

QUERIES = {
    "ko": [
        ("모델", "01-machine-learning"),
        ("가설을", "01-machine-learning"),
        ("지도 학습", "01-machine-learning"),
        ("확률이", "02-probability"),
        ("정규 분포", "02-probability"),
        ("중심 극한 정리", "02-probability"),
        ("중앙값은", "02-probability"),
        ("회귀", "03-regression"),
        ("회귀는", "03-regression"),
        ("골턴의", "03-regression"),
        ("평균으로의 회귀", "03-regression"),
        ("최소 제곱법", "04-least-squares"),
        ("최소 제곱법으로", "04-least-squares"),
        ("잔차를", "03-regression"),
        ("시그모이드", "05-neurons"),
        ("뉴런이", "05-neurons"),
        ("신경망은", "05-neurons"),
        ("경사 하강법", "06-gradient-descent"),
        ("학습률을", "06-gradient-descent"),
        ("발산", "06-gradient-descent"),
        ("연쇄 법칙", "04-least-squares"),
        ("역전파", "07-propagation"),
        ("역전파를", "07-propagation"),
        ("순전파", "07-propagation"),
        ("그레이디언트 검사", "07-propagation"),
        # spacing does not matter
        ("표준편차", "02-probability"),
        ("표준 편차", "02-probability"),
        ("정규분포", "02-probability"),
        ("중심극한정리", "02-probability"),
        ("지도학습", "01-machine-learning"),
        ("선형회귀", "03-regression"),
        ("상관계수", "03-regression"),
        ("최소제곱법", "04-least-squares"),
        ("오차제곱합", "04-least-squares"),
        ("오차 제곱합", "04-least-squares"),
        ("손실함수", "04-least-squares"),
        ("경사하강법", "06-gradient-descent"),
        ("경사하강법을", "06-gradient-descent"),
        ("평균제곱오차", "05-neurons"),
        ("활성화함수", "05-neurons"),
        ("수치미분", "07-propagation"),
        # the lecture's words (aliases in the glossary)
        ("그레디언트", "06-gradient-descent"),
        ("그래디언트", "06-gradient-descent"),
        ("체인 룰", "04-least-squares"),
        ("체인룰을", "04-least-squares"),
        ("뉴럴 네트워크", "05-neurons"),
        ("딥 뉴럴 네트워크", "05-neurons"),
        ("만능 근사 정리", "05-neurons"),
        ("바이어스", "05-neurons"),
        ("전달 함수", "05-neurons"),
        ("로스", "04-least-squares"),
        ("MSE", "05-neurons"),
        ("훈련", "01-machine-learning"),
        # terms the glossary gained
        ("손실 함수", "04-least-squares"),
        ("편미분", "04-least-squares"),
        ("닫힌 해", "04-least-squares"),
        ("정규 방정식", "04-least-squares"),
        ("상관 계수", "03-regression"),
        ("로지스틱 회귀", "05-neurons"),
        ("은닉층", "05-neurons"),
        ("완전 연결", "05-neurons"),
        ("매개변수", "06-gradient-descent"),
        ("유한 차분", "07-propagation"),
        ("표준화", "05-neurons"),
        ("소프트맥스", "08-classification"),
        ("혼동 행렬을", "08-classification"),
        ("손글씨", "08-classification"),
    ],
    "en": [
        ("model", "01-machine-learning"),
        ("hypothesis", "01-machine-learning"),
        ("supervised learning", "01-machine-learning"),
        ("probability", "02-probability"),
        ("normal distribution", "02-probability"),
        ("central limit theorem", "02-probability"),
        ("median", "02-probability"),
        ("regression", "03-regression"),
        ("Galton", "03-regression"),
        ("regression toward the mean", "03-regression"),
        ("classification", "03-regression"),
        ("least squares", "04-least-squares"),
        ("residuals", "03-regression"),
        ("closed form", "04-least-squares"),
        ("sigmoid", "05-neurons"),
        ("neuron", "05-neurons"),
        ("neural networks", "05-neurons"),
        ("gradient descent", "06-gradient-descent"),
        ("learning rate", "06-gradient-descent"),
        ("diverges", "06-gradient-descent"),
        ("chain rule", "04-least-squares"),
        ("backpropagation", "07-propagation"),
        ("forward propagation", "07-propagation"),
        ("gradient check", "07-propagation"),
        ("MSE", "05-neurons"),
        ("backprop", "07-propagation"),
        ("SSE", "04-least-squares"),
        ("OLS", "04-least-squares"),
        ("loss function", "04-least-squares"),
        ("deep neural network", "05-neurons"),
        ("partial derivative", "04-least-squares"),
        ("normal equations", "04-least-squares"),
        ("hidden layer", "05-neurons"),
        ("finite difference", "07-propagation"),
        ("standardisation", "05-neurons"),
        ("softmax", "08-classification"),
        ("confusion matrix", "08-classification"),
        ("handwritten digits", "08-classification"),
    ],
}


def search(page, server, lang, query):
    """Open search.html?q=… like a reader; wait until the search has finished."""
    page.goto(
        f"{server}/{lang}/search.html?q={urllib.parse.quote(query)}", wait_until="domcontentloaded"
    )
    page.wait_for_function(
        "(document.querySelector('#search-results p.search-summary') || {}).innerText",
        timeout=10000,
    )
    return page.locator("#search-results p.search-summary").inner_text()


def first_result(page, server, lang, query):
    """Open search.html?q=… like a reader and return the page of the first result shown."""
    page.goto(
        f"{server}/{lang}/search.html?q={urllib.parse.quote(query)}", wait_until="domcontentloaded"
    )
    first = page.locator("#search-results ul.search li").first
    first.wait_for(timeout=10000)
    href = first.locator("a").first.get_attribute("href")
    return href.split("/")[-1].split("#")[0].split("?")[0].removesuffix(".html")


@pytest.mark.parametrize(
    "lang, query, expected", [(lang, q, e) for lang, pairs in QUERIES.items() for q, e in pairs]
)
def test_the_expected_chapter_comes_first(tab, lang, query, expected):
    page, server = tab
    assert first_result(page, server, lang, query) == expected


def test_at_least_twenty_queries_per_language():
    assert all(len(pairs) >= 20 for pairs in QUERIES.values())


@pytest.mark.parametrize(
    "lang, query, count",
    [
        ("ko", "표준편차", r"검색을 마쳤습니다\. \d+개 페이지를 찾았습니다\."),
        ("en", "standard deviation", r"Found \d+ pages\."),
    ],
)
def test_the_result_page_says_how_many_pages_were_found(tab, lang, query, count):
    page, server = tab
    summary = search(page, server, lang, query)
    assert re.fullmatch(count, summary), summary
    shown = page.locator("#search-results ul.search > li").count()
    assert int(re.search(r"\d+", summary).group()) == shown


@pytest.mark.parametrize("lang, word", [("ko", "페이지가 없습니다"), ("en", "No page")])
def test_no_result_says_so_without_categories(tab, lang, word):
    page, server = tab
    summary = search(page, server, lang, "zqxjkv")
    assert word in summary and "categories" not in summary and "category" not in summary, summary


@pytest.mark.parametrize(
    "lang, query",
    [
        ("ko", "상관 계수"),
        ("ko", "학습률"),
        ("ko", "잔차"),
        ("en", "correlation coefficient"),
        ("en", "learning rate"),
    ],
)
def test_snippets_are_the_text_a_reader_sees(tab, lang, query):
    page, server = tab
    search(page, server, lang, query)
    first = page.locator("#search-results ul.search > li p.context").first
    first.wait_for(timeout=10000)
    snippets = page.locator("#search-results ul.search > li p.context").all_inner_texts()
    hidden = page.evaluate(
        """async (urls) => {
        const out = [];
        for (const url of urls) {
            const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
            doc.querySelectorAll("figure .book-sr-only").forEach((el) => out.push(el.textContent.trim()));
        }
        return out.filter((t) => t.length > 25);
    }""",
        page.locator("#search-results ul.search > li > a").evaluate_all(
            "as => as.map(a => a.href.split('#')[0])"
        ),
    )
    for snippet in snippets:
        assert "\\" not in snippet, f"TeX source in a snippet: {snippet}"
        assert not re.search(r"(\w=)\1", snippet.replace(" ", "")), f"maths shown twice: {snippet}"
        for text in hidden:
            assert text not in snippet, f"a chart's hidden text in a snippet: {text!r}"
