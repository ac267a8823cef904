"""The HTML report in a real browser, offline: charts and maps render, nothing is fetched.

Uses Debian's chromium through Playwright's Python API; never a downloaded browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import Tab, drawn, needs_chromium
from confed.compare.html import render_html
from confed.compare.tables import reside_question

FIXTURE = Path(__file__).parent / "fixtures" / "comparison.json"

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = needs_chromium


@pytest.fixture
def tab(browser):
    """An offline tab that may open files only."""
    t = Tab(browser, "file://", offline=True)
    yield t
    t.close()


def test_report_renders_offline_without_errors(tmp_path, tab):
    comparison = json.loads(FIXTURE.read_text(encoding="utf-8"))
    report = tmp_path / "comparison.html"
    report.write_text(render_html(comparison), encoding="utf-8")
    page = tab.page
    page.goto(report.as_uri())

    charts = page.locator("svg.chart")
    assert charts.count() >= len(comparison["metrics"])
    for i in range(charts.count()):
        assert drawn(charts.nth(i))
        assert charts.nth(i).locator("path").count() == len(comparison["treaties"])

    assert page.locator(".controls").is_visible()
    for treaty in comparison["treaties"]:
        page.select_option("#map-treaty", treaty["id"])
        shown = page.locator(f'.map-figure[data-treaty="{treaty["id"]}"] svg.map')
        assert drawn(shown)
        assert shown.locator("path.country").count() >= 1
        assert drawn(shown.locator("path.country").first)
        circles = shown.locator("circle.place")
        assert circles.count() == len(treaty["map"]["places"])
        assert drawn(circles.first)
        assert page.locator("svg.map:visible").count() == 1

    # colour by whether a citizen of IL, living at home, may move here: Hebron says no
    page.select_option("#map-treaty", "separation")
    hebron = page.locator('.map-figure[data-treaty="separation"] circle.place').nth(2)
    sovereign_fill = hebron.get_attribute("fill")
    page.select_option("#map-colour", label=reside_question(comparison, "IL"))
    assert hebron.get_attribute("fill") == hebron.get_attribute("data-fill-1")
    assert hebron.get_attribute("fill") != sovereign_fill
    assert page.locator('.legend[data-colouring="1"]').is_visible()
    assert not page.locator('.legend[data-colouring="0"]').is_visible()

    # the treaty select works from the keyboard: focus it, arrow down
    page.select_option("#map-treaty", "alfa")
    page.focus("#map-treaty")
    page.keyboard.press("ArrowDown")
    visible = page.locator(".map-figure:visible")
    assert visible.count() == 1
    assert visible.get_attribute("data-treaty") == "separation"

    page.select_option("#map-treaty", "alfa")
    page.select_option("#map-colour", "0")
    tab.shot("report", full_page=True)
    tab.clean()


def test_the_report_of_a_real_comparison_renders(tmp_path, confed, tab):
    out = tmp_path / "report"
    treaties = ("alfa", "separation", "status-quo")
    run = confed(
        "compare",
        *treaties,
        "--years",
        "3",
        "--sweep",
        "2",
        "--out",
        str(out),
        "--store",
        str(tmp_path / "runs.duckdb"),
    )
    assert run.code == 0, run.err
    comparison = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    page = tab.page
    page.goto((out / "comparison.html").as_uri())
    charts = page.locator("svg.chart")
    assert charts.count() >= len(comparison["metrics"])
    assert all(drawn(charts.nth(i)) for i in range(charts.count()))
    for treaty in treaties:
        page.select_option("#map-treaty", treaty)
        shown = page.locator(f'.map-figure[data-treaty="{treaty}"] svg.map')
        assert drawn(shown)
        assert shown.locator("circle.place").count() > 200
    tab.shot("comparison", full_page=True)
    tab.clean()
