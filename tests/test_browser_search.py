"""Search in the browser: the expected chapter comes first, in Korean whatever the particle."""

import urllib.parse

import pytest

pytestmark = pytest.mark.browser

QUERIES = {
    "ko": [
        ("모델", "01-machine-learning"), ("가설을", "01-machine-learning"),
        ("지도 학습", "01-machine-learning"), ("확률이", "02-probability"),
        ("정규 분포", "02-probability"), ("중심 극한 정리", "02-probability"),
        ("중앙값은", "02-probability"), ("회귀", "03-regression"), ("회귀는", "03-regression"),
        ("골턴의", "03-regression"), ("평균으로의 회귀", "03-regression"),
        ("최소 제곱법", "04-least-squares"), ("최소 제곱법으로", "04-least-squares"),
        ("잔차를", "04-least-squares"), ("시그모이드", "05-neurons"), ("뉴런이", "05-neurons"),
        ("신경망은", "05-neurons"), ("경사 하강법", "06-gradient-descent"),
        ("학습률을", "06-gradient-descent"), ("발산", "06-gradient-descent"),
        ("연쇄 법칙", "06-gradient-descent"), ("역전파", "07-propagation"),
        ("역전파를", "07-propagation"), ("순전파", "07-propagation"),
        ("그레이디언트 검사", "07-propagation"),
        ("소프트맥스", "08-classification"), ("혼동 행렬을", "08-classification"),
        ("손글씨", "08-classification"),
    ],
    "en": [
        ("model", "01-machine-learning"), ("hypothesis", "01-machine-learning"),
        ("supervised learning", "01-machine-learning"), ("probability", "02-probability"),
        ("normal distribution", "02-probability"), ("central limit theorem", "02-probability"),
        ("median", "02-probability"), ("regression", "03-regression"), ("Galton", "03-regression"),
        ("regression toward the mean", "03-regression"), ("classification", "03-regression"),
        ("least squares", "04-least-squares"), ("residuals", "04-least-squares"),
        ("closed form", "04-least-squares"), ("sigmoid", "05-neurons"), ("neuron", "05-neurons"),
        ("neural networks", "05-neurons"), ("gradient descent", "06-gradient-descent"),
        ("learning rate", "06-gradient-descent"), ("diverges", "06-gradient-descent"),
        ("chain rule", "06-gradient-descent"), ("backpropagation", "07-propagation"),
        ("forward propagation", "07-propagation"), ("gradient check", "07-propagation"),
        ("softmax", "08-classification"), ("confusion matrix", "08-classification"),
        ("handwritten digits", "08-classification"),
    ],
}



def first_result(page, server, lang, query):
    """Open search.html?q=… like a reader and return the page of the first result shown."""
    page.goto(f"{server}/{lang}/search.html?q={urllib.parse.quote(query)}",
              wait_until="domcontentloaded")
    first = page.locator("#search-results ul.search li").first
    first.wait_for(timeout=10000)
    href = first.locator("a").first.get_attribute("href")
    return href.split("/")[-1].split("#")[0].split("?")[0].removesuffix(".html")


@pytest.mark.parametrize("lang, query, expected",
                         [(lang, q, e) for lang, pairs in QUERIES.items() for q, e in pairs])
def test_the_expected_chapter_comes_first(tab, lang, query, expected):
    page, server = tab
    assert first_result(page, server, lang, query) == expected


def test_at_least_twenty_queries_per_language():
    assert all(len(pairs) >= 20 for pairs in QUERIES.values())
