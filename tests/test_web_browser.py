"""The explorer in headless Chromium against a live server on loopback.

Every page opens without console errors and fetches nothing from outside; the rights
calculator answers from the keyboard; a scenario edit changes a metric; forms are
labelled. Screenshots go to tests/artifacts/. Debian's chromium, never a downloaded one.
"""

from __future__ import annotations

import re

import pytest

from browser import Tab, drawn, needs_chromium
from confed.server.app import create_app
from confed.treaty.load import shipped_ids
from serving import served

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A server on 127.0.0.1 with its own run store, stopped through its handle."""
    store = tmp_path_factory.mktemp("explorer") / "runs.duckdb"
    with served(create_app(store)) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def tab(browser, base_url):
    t = Tab(browser, base_url)
    yield t
    t.close()


def _unlabelled(page) -> list[str]:
    """Names of visible form controls without a label."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('input, select, textarea, button'))
          .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
          .filter(el => el.tagName === 'BUTTON' ? !el.textContent.trim()
                      : !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
          .map(el => el.name || el.id || el.outerHTML.slice(0, 60))"""
    )


def test_comparison_page_draws_charts_matrix_and_map(tab, base_url):
    page = tab.page
    page.goto(f"{base_url}/explorer/?years=5", timeout=120_000)
    assert page.locator("h1").first.is_visible()
    charts = page.locator("svg.chart")
    assert charts.count() >= 9 and drawn(charts.first)
    page.evaluate("() => document.getElementById('invariants').scrollIntoView()")
    page.locator("#invariants table").wait_for()  # fetched as it nears the screen
    page.evaluate("() => document.getElementById('places').scrollIntoView()")
    page.locator("#map-treaty").wait_for()
    page.select_option("#map-treaty", "separation")
    shown = page.locator('.map-figure[data-treaty="separation"] svg.map')
    assert drawn(shown) and shown.locator("path.country").count() >= 1
    assert _unlabelled(page) == []
    tab.shot("explorer-comparison")
    tab.clean()


@pytest.mark.parametrize("treaty", shipped_ids())
def test_treaty_page_opens(tab, base_url, treaty):
    page = tab.page
    page.goto(f"{base_url}/explorer/treaties")
    page.locator(f'a[href="/explorer/treaties/{treaty}"]').click()
    page.wait_for_url(f"**/explorer/treaties/{treaty}")
    assert page.locator("ol.timeline li").count() >= 1
    assert drawn(page.locator(".phase-bar").first)
    assert page.locator("#rights table").count() >= 9  # citizenship and every right
    assert page.locator("#sources li").count() >= 1
    tab.shot(f"explorer-treaty-{treaty}")
    tab.clean()


def test_rights_calculator_answers_from_the_keyboard(tab, base_url):
    page = tab.page
    page.goto(f"{base_url}/explorer/rights")
    assert _unlabelled(page) == []
    page.get_by_label("Treaty", exact=True).select_option("alfa")
    page.get_by_label("Citizenship before the treaty").select_option("PS")
    page.get_by_label("Place of residence").fill("Yafo")
    year = page.get_by_label("Year", exact=True)
    year.fill("2045")
    year.press("Enter")
    page.wait_for_selector("#answer")
    row = page.locator("table.answer tr", has_text="national vote")
    assert row.locator("td").inner_text() == "Palestinian National Assembly"
    trace = page.locator("ol.because > li")
    assert trace.count() >= 5
    assert "alfa-principles" in page.locator("ol.because").inner_text()
    tab.shot("explorer-rights")
    tab.clean()


def test_rights_calculator_says_what_is_wrong(tab, base_url):
    page = tab.page
    page.goto(f"{base_url}/explorer/rights?treaty=alfa&citizenship=PS&residence=Yafoo&year=2045")
    alert = page.get_by_role("alert")
    assert "residence" in alert.inner_text() and "yafo" in alert.inner_text()
    assert page.get_by_label("Place of residence").get_attribute("aria-invalid") == "true"
    tab.clean(refused=422)


def test_scenario_edit_changes_a_metric(tab, base_url):
    page = tab.page
    page.goto(f"{base_url}/explorer/scenario?treaty=alfa")
    assert _unlabelled(page) == []
    page.locator('[name="quotas.agreed-residents-in-il.per_year"]').fill("100")
    page.get_by_label("Years simulated").fill("10")
    polls: list[str] = []
    page.on("request", lambda r: "/jobs/" in r.url and polls.append(r.url))
    page.get_by_role("button", name="Run the scenario").click()
    assert page.locator("#progress").is_visible()  # shown until the job is done
    page.wait_for_url(re.compile(r"/explorer/runs/\w+\?against=\w+"), timeout=120_000)
    assert polls, "the page never asked the job for its progress"
    cell = page.locator('td[data-metric="refugees_returned_to_il"]')
    assert "changed" in cell.get_attribute("class")
    assert cell.inner_text().startswith("-")
    assert page.locator("#over-time svg.chart path").count() >= 2
    tab.shot("explorer-scenario-result")

    page.get_by_role("link", name="Run history").click()
    assert page.locator("tbody tr").count() >= 2
    assert "(scenario)" in page.locator("tbody").inner_text()
    tab.shot("explorer-runs")
    tab.clean()


def test_scenario_problem_is_shown_at_its_field(tab, base_url):
    page = tab.page
    page.goto(f"{base_url}/explorer/scenario?treaty=alfa")
    page.locator('[name="phase_starts.open-movement"]').fill("20")
    page.get_by_role("button", name="Run the scenario").click()
    alert = page.get_by_role("alert")
    alert.locator("li").wait_for()
    assert "open-residence" in alert.inner_text()
    bad = page.locator('[name="phase_starts.open-residence"]')
    assert bad.get_attribute("aria-invalid") == "true"
    assert bad.evaluate("el => el === document.activeElement")
    tab.shot("explorer-scenario-problem")
    tab.clean(refused=422)


def test_keyboard_reaches_the_content_first(tab, base_url):
    page = tab.page
    page.goto(f"{base_url}/explorer/treaties")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
    tab.clean()
