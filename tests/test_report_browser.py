"""The HTML report in a real browser, offline: charts and maps render, nothing is fetched.

Uses Debian's chromium through Playwright's Python API; never a downloaded browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import Tab, drawn, needs_chromium
from confed.compare.html import render_html
from confed.compare.mapsvg import ACCESS_COLOURS, ZONE_COLOURS
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

    shown = page.locator("svg.map")
    assert shown.count() == 1 and drawn(shown)
    assert drawn(shown.locator("path.line-1949"))
    assert drawn(shown.locator('path.area:has(title:text-is("Area A"))'))
    union = {p["id"] for t in comparison["treaties"] for p in t["map"]["places"]}
    assert shown.locator("circle.place").count() == len(union)
    tab.clean()


def _fill(page, place: str) -> str:
    return page.locator(f'circle.place:has(title:text-is("{place}"))').get_attribute("fill")


def test_the_map_switches_treaty_year_and_colouring_and_keeps_them_in_the_url(tmp_path, tab):
    comparison = json.loads(FIXTURE.read_text(encoding="utf-8"))
    alfa = comparison["treaties"][0]
    # alfa's first phase (2030) lets no citizen of IL come to live anywhere; its second
    # (2031 on) as its places say
    alfa["map"]["by_phase"] = [
        {"IL": ["no"] * len(alfa["map"]["places"]), "PS": ["no"] * len(alfa["map"]["places"])},
        {k: [p["may_reside"][k] for p in alfa["map"]["places"]] for k in ("IL", "PS")},
    ]
    report = tmp_path / "comparison.html"
    report.write_text(render_html(comparison), encoding="utf-8")
    page = tab.page
    page.goto(report.as_uri())
    assert page.locator(".map-controls").is_visible()
    figure = page.locator(".map-figure")
    assert figure.get_attribute("data-treaty") == "alfa"
    assert figure.get_attribute("data-colour") == "sovereign"

    page.select_option("#map-colour", label=reside_question(comparison, "IL"))
    assert "colour=reside-IL" in page.evaluate("location.hash")
    assert _fill(page, "Ariel") == ACCESS_COLOURS["yes"]
    assert page.locator('.legend[data-colouring="reside-IL"]').is_visible()
    assert not page.locator('.legend[data-colouring="sovereign"]').is_visible()

    page.locator("#map-year").fill("2030")  # the slider, as a keyboard or drag would set it
    assert _fill(page, "Ariel") == ACCESS_COLOURS["no"]
    assert "year=2030" in page.evaluate("location.hash")
    assert "Phase 1" in page.locator("#map-year-text").inner_text()

    page.select_option("#map-treaty", "separation")
    assert _fill(page, "Hebron") == ACCESS_COLOURS["no"]
    assert _fill(page, "Jaffa") == ACCESS_COLOURS["yes"]
    assert page.evaluate("window.confedMap.state()") == {
        "treaty": "separation",
        "year": 2030,
        "colour": "reside-IL",
        "beside": "",
    }

    # the state in the URL is the state after a reload, and a script can set it
    page.reload()
    assert page.locator("#map-treaty").input_value() == "separation"
    assert page.locator("#map-colour").input_value() == "reside-IL"
    assert figure.get_attribute("data-year") == "2030"
    page.evaluate("window.confedMap.set({treaty: 'alfa', year: 2032, colour: 'zone'})")
    assert page.evaluate("location.hash") == "#treaty=alfa&year=2032&colour=zone"
    assert _fill(page, "Ariel") == ZONE_COLOURS["settlement-bloc"]

    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator("#places").scroll_into_view_if_needed()
        # labels at 11 px or more, and nothing of the map wider than the screen
        scale = page.evaluate("document.querySelector('svg.map').getScreenCTM().a")
        size = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('svg.map .label')).fontSize)"
        )
        assert size * scale >= 11
        for part in (".map-controls", ".map-figure", ".legends"):
            box = page.locator(part).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, part
        tab.shot(f"map-{width}", full_page=False)

    # a second treaty beside the first, in the same year and colours; in the URL too
    page.set_viewport_size({"width": 1366, "height": 900})
    page.select_option("#map-colour", label=reside_question(comparison, "IL"))
    page.select_option("#map-beside", "separation")
    maps = page.locator(".map-figure svg.map")
    assert maps.count() == 2 and drawn(maps.nth(1))
    hebron = 'circle.place:has(title:text-is("Hebron"))'
    assert maps.nth(0).locator(hebron).get_attribute("fill") == ACCESS_COLOURS["quota"]
    assert maps.nth(1).locator(hebron).get_attribute("fill") == ACCESS_COLOURS["no"]
    first, beside = (maps.nth(i).bounding_box() for i in (0, 1))
    assert beside["x"] >= first["x"] + first["width"]  # side by side on a wide screen
    assert beside["y"] == first["y"]
    for width in (1366, 1000, 700, 390):  # side by side or one under the other: same size
        page.set_viewport_size({"width": width, "height": 900})
        first, beside = (maps.nth(i).bounding_box() for i in (0, 1))
        assert abs(first["height"] - beside["height"]) < 1, width
        assert max(first["x"] + first["width"], beside["x"] + beside["width"]) <= width
    page.set_viewport_size({"width": 1366, "height": 900})
    legend = page.locator('.legend[data-colouring="sovereign"]')
    page.select_option("#map-colour", "sovereign")
    assert legend.locator("li").all_inner_texts()[:2] == ["Israel", "Palestine"]
    page.select_option("#map-colour", label=reside_question(comparison, "IL"))
    assert "beside=separation" in page.evaluate("location.hash")
    second = page.locator(".map-figure.map-beside")
    with page.expect_download() as info:  # its own download buttons work too
        second.locator('button[data-download="svg"]').click()
    assert b"Two states by separation" in Path(info.value.path()).read_bytes()
    assert page.locator("#map-second").count() == 1  # ids stay unique
    page.locator("#places").scroll_into_view_if_needed()
    tab.shot("map-beside-1366", full_page=False)
    page.select_option("#map-beside", "")
    assert not maps.nth(1).is_visible()
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
    assert all(len(t["map"]["by_phase"]) == len(t["phases"]) for t in comparison["treaties"])
    shown = page.locator("svg.map")
    assert drawn(shown) and shown.locator("circle.place").count() > 200
    # as the browser lays them out (getBBox: the text's advance box, ascent to descent),
    # no two labels meet
    boxes = page.evaluate(
        "Array.from(document.querySelectorAll('svg.map text.label')).map(t => {"
        " const b = t.getBBox(); return [b.x, b.y + 0.1 * b.height, b.width, 0.8 * b.height]; })"
    )
    assert len(boxes) > 10
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
    for treaty in treaties:
        page.select_option("#map-treaty", treaty)
        assert f"treaty={treaty}" in page.evaluate("location.hash")
    tab.shot("comparison", full_page=True)
    tab.clean()
