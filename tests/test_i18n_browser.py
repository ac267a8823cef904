"""Issue 18 in headless Chromium: the rights calculator in Arabic and in Hebrew.

At a laptop's 1366 px and a phone's 390 px: the page is right to left, nothing scrolls
sideways, a person is asked about end to end (names typed in the page's script), the
answer and its reasons read in the page's language, and axe-core finds no violation
on the form or the answer. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import pytest

from browser import Tab, needs_chromium
from test_web_browser import base_url  # noqa: F401  (the module's explorer server)

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe is not installed")
pytestmark = needs_chromium

ASKED = {
    # language: (place typed, the citizenship chosen, words the answer must show)
    "ar": ("يافا", "PS", ("الإجابة", "الأسباب", "حق الإقامة", "يافا")),
    "he": ("אריאל", "IL", ("תשובה", "הנימוקים", "זכות מגורים", "אריאל")),
}


def _sideways(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def _no_violations(page) -> None:
    results = axe.Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [1366, 390], ids=lambda w: f"{w}px")
@pytest.mark.parametrize("lang", sorted(ASKED))
def test_rights_calculator_answers_end_to_end_right_to_left(browser, base_url, lang, width):  # noqa: F811
    place, citizenship, words = ASKED[lang]
    tab = Tab(browser, base_url)
    page = tab.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}/explorer/rights?lang={lang}")
    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == [lang, "rtl"]
    assert _sideways(page) <= 0
    _no_violations(page)

    page.select_option("#treaty", "dajani-yehuda-2024")
    page.select_option("#citizenship", citizenship)
    page.fill("#residence", place)
    page.fill("#year", "2045")
    page.locator("form.grid button[type=submit]").click()
    answer = page.locator("#answer")
    answer.wait_for(timeout=30_000)

    assert f"lang={lang}" in page.url  # the form kept the language
    assert page.evaluate("() => document.dir") == "rtl"
    text = answer.inner_text()
    for word in words:
        assert word in text, word
    # the answer table starts at the right edge: the layout mirrored
    table = answer.locator("table.answer").bounding_box()
    heading = answer.locator("h2").first.bounding_box()
    assert table["x"] + table["width"] >= heading["x"] + heading["width"] - 2
    assert _sideways(page) <= 0
    _no_violations(page)
    tab.shot(f"i18n-rights-{lang}-{width}", full_page=True)
    tab.clean()
    tab.close()


def test_the_language_switch_changes_the_page_and_keeps_the_question(browser, base_url):  # noqa: F811
    tab = Tab(browser, base_url)
    page = tab.page
    page.goto(f"{base_url}/explorer/rights?residence=jaffa&citizenship=PS&year=2045&lang=he")
    page.locator('nav.langs a[lang="ar"]').click()
    page.locator("#answer").wait_for()
    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == ["ar", "rtl"]
    assert "residence=jaffa" in page.url and "lang=ar" in page.url
    page.locator('nav.langs a[lang="en"]').click()
    page.locator("#answer").wait_for()
    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == ["en", "ltr"]
    tab.clean()
    tab.close()


PAGES = {
    # address: words its first screen must show, per language
    "/explorer/?years=5": {
        "ar": ("الفروق الرئيسية", "عبر السنين"),
        "he": ("ההבדלים העיקריים", "לאורך השנים"),
    },
    "/explorer/claims?years=5": {
        "ar": ("الحجج في صورة ادعاءات قابلة للقياس", "العمل عبر الحدود"),
        "he": ("טיעונים כטענות מדידות", "עבודה מעבר לגבול"),
    },
    "/explorer/scenario?treaty=alfa": {
        "ar": ("محرر السيناريوهات", "مواعيد المراحل"),
        "he": ("עורך התרחישים", "מועדי השלבים"),
    },
    "/explorer/sensitivity?treaty=alfa": {
        "ar": ("الحساسية", "كل افتراض له نطاق معلن"),
        "he": ("רגישות", "כל הנחה שיש לה טווח מוצהר"),
    },
    "/explorer/treaties/alfa": {
        "ar": ("الأماكن المقدسة", "الأملاك"),
        "he": ("המקומות הקדושים", "רכוש"),
    },
}


@pytest.mark.parametrize("width", [1366, 390], ids=lambda w: f"{w}px")
@pytest.mark.parametrize("lang", sorted(ASKED))
@pytest.mark.parametrize("path", sorted(PAGES))
def test_a_converted_page_reads_right_to_left(browser, base_url, path, lang, width):  # noqa: F811
    tab = Tab(browser, base_url)
    page = tab.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base_url}{path}{'&' if '?' in path else '?'}lang={lang}", timeout=120_000)
    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == [lang, "rtl"]
    text = page.locator("main").inner_text()
    for word in PAGES[path][lang]:
        assert word in text, word
    # the first heading starts at the right edge: the layout mirrored
    heading = page.locator("main h1").first.bounding_box()
    main = page.locator("main").bounding_box()
    assert heading["x"] + heading["width"] >= main["x"] + main["width"] - 40
    assert _sideways(page) <= 0
    _no_violations(page)
    tab.shot(f"i18n-{path.strip('/').replace('/', '-').split('?')[0]}-{lang}-{width}")
    tab.clean()
    tab.close()


def _open_report(browser, tmp_path, html: str, width: int) -> Tab:
    """A report written to a file and opened offline at `width` px, as a reader opens it."""
    report = tmp_path / "comparison.html"
    report.write_text(html, encoding="utf-8")
    tab = Tab(browser, "file://", offline=True)
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.page.goto(report.as_uri())
    return tab


@pytest.mark.parametrize("width", [1366, 390], ids=lambda w: f"{w}px")
def test_the_report_and_its_map_read_in_hebrew_offline(browser, tmp_path, width):
    """`confed --lang he compare`'s report: right to left, and map.js captions in Hebrew."""
    import json
    from pathlib import Path

    from confed.compare.html import render_html
    from confed.i18n import using

    fixture = Path(__file__).parent / "fixtures" / "comparison.json"
    with using("he"):
        html = render_html(json.loads(fixture.read_text(encoding="utf-8")))
    tab = _open_report(browser, tmp_path, html, width)
    page = tab.page
    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == ["he", "rtl"]
    assert "ההבדלים העיקריים" in page.locator("#findings h2").inner_text()
    page.locator("#map-year").fill("2031")  # map.js writes the caption from the page's template
    caption = page.locator("#map-caption").inner_text()
    assert "צביעה: הריבון" in caption and "Colour" not in caption
    assert "ארץ לכולם" in page.locator("#map-treaty option").first.inner_text()
    assert _sideways(page) <= 0
    tab.shot(f"i18n-report-he-{width}")
    tab.close()


REPORT_HEADINGS = {
    # a translated heading of each section the report translated last, per language
    "ar": ("الهيئات الناخبة", "الأمن", "عدم اليقين", "المعاملات والبيانات", "ملحق: الإحالات"),
    "he": ("ציבורי הבוחרים", "ביטחון", "אי-ודאות", "פרמטרים ונתונים", "נספח: מובאות"),
}


@pytest.fixture(scope="module")
def swept_comparison():
    """The explorer's 5-year comparison with a sweep's result, so every section is shown."""
    from confed.web.comparison_page import cached_comparison
    from test_i18n import _swept

    return _swept(cached_comparison(5, 1))


@pytest.mark.parametrize("width", [1366, 390], ids=lambda w: f"{w}px")
@pytest.mark.parametrize("lang", sorted(ASKED))
def test_every_report_section_reads_right_to_left(browser, tmp_path, swept_comparison, lang, width):
    """`confed --lang ar|he compare`'s report, every section in it: RTL, no overflow, axe clean."""
    from confed.compare.html import render_html
    from confed.i18n import using

    with using(lang):
        html = render_html(swept_comparison)
    assert '<div lang="en" dir="ltr">' not in html  # no section is left English
    tab = _open_report(browser, tmp_path, html, width)
    page = tab.page
    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == [lang, "rtl"]
    headings = page.locator("section > h2").all_inner_texts()
    for heading in REPORT_HEADINGS[lang]:
        assert heading in headings, heading
    assert _sideways(page) <= 0
    _no_violations(page)
    tab.shot(f"i18n-report-sections-{lang}-{width}")
    tab.close()
