"""The HTML report in a real browser, offline: charts and maps render, nothing is fetched.

Uses Debian's chromium through Playwright's Python API; never a downloaded browser.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from confed.compare.html import render_html

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = Path(__file__).parent / "fixtures" / "comparison.json"
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)
pytestmark = pytest.mark.skipif(
    shutil.which(str(CHROMIUM)) is None, reason=f"{CHROMIUM} is missing (apt-get install chromium)"
)


def _box_is_drawn(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["width"] > 0 and box["height"] > 0


def test_report_renders_offline_without_errors(tmp_path):
    comparison = json.loads(FIXTURE.read_text(encoding="utf-8"))
    report = tmp_path / "comparison.html"
    report.write_text(render_html(comparison), encoding="utf-8")
    requests: list[str] = []
    errors: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            context.set_offline(True)
            page = context.new_page()
            page.route("**/*", only_files)
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(report.as_uri())

            charts = page.locator("svg.chart")
            assert charts.count() >= len(comparison["metrics"])
            for i in range(charts.count()):
                assert _box_is_drawn(charts.nth(i))
                assert charts.nth(i).locator("path").count() == len(comparison["treaties"])

            assert page.locator(".controls").is_visible()
            for treaty in comparison["treaties"]:
                page.select_option("#map-treaty", treaty["id"])
                shown = page.locator(f'.map-figure[data-treaty="{treaty["id"]}"] svg.map')
                assert _box_is_drawn(shown)
                assert shown.locator("path.country").count() >= 1
                assert _box_is_drawn(shown.locator("path.country").first)
                circles = shown.locator("circle.place")
                assert circles.count() == len(treaty["map"]["places"])
                assert _box_is_drawn(circles.first)
                assert page.locator("svg.map:visible").count() == 1

            # colour by whether IL citizens may reside: separation's Hebron says no
            page.select_option("#map-treaty", "separation")
            hebron = page.locator('.map-figure[data-treaty="separation"] circle.place').nth(2)
            sovereign_fill = hebron.get_attribute("fill")
            page.select_option("#map-colour", label="May IL citizens reside here?")
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

            ARTIFACTS.mkdir(exist_ok=True)
            page.select_option("#map-treaty", "alfa")
            page.select_option("#map-colour", "0")
            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        finally:
            browser.close()

    assert errors == []
    assert requests == []


def test_the_report_of_a_real_comparison_renders(tmp_path, confed):
    out = tmp_path / "report"
    treaties = ("alfa", "separation", "status-quo")
    run = confed(
        "compare",
        *treaties,
        "--years",
        "3",
        "--out",
        str(out),
        "--store",
        str(tmp_path / "runs.duckdb"),
    )
    assert run.code == 0, run.err
    comparison = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            context.set_offline(True)
            page = context.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith("file://")
                    else (requests.append(route.request.url), route.abort())
                ),
            )
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((out / "comparison.html").as_uri())
            charts = page.locator("svg.chart")
            assert charts.count() >= len(comparison["metrics"])
            assert all(_box_is_drawn(charts.nth(i)) for i in range(charts.count()))
            for treaty in treaties:
                page.select_option("#map-treaty", treaty)
                shown = page.locator(f'.map-figure[data-treaty="{treaty}"] svg.map')
                assert _box_is_drawn(shown)
                assert shown.locator("circle.place").count() > 200
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "comparison.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert requests == []
