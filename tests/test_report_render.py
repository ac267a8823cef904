"""The comparison renderers: what comparison.md and comparison.html must state and not load."""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import pytest

from confed.compare.html import render_html
from confed.compare.markdown import render_markdown
from confed.compare.opinion import opinion
from confed.compare.outlines import outlines
from confed.compare.tables import format_value, headlines, short_name
from confed.simulate.work import baseline
from confed.sources import registry

FIXTURE = Path(__file__).parent / "fixtures" / "comparison.json"
OUTLINES = Path(__file__).parents[1] / "src" / "confed" / "compare" / "data" / "outlines.json"


@pytest.fixture
def comparison() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(params=["markdown", "html"])
def render(request):
    return {"markdown": render_markdown, "html": render_html}[request.param]


def _strings_to_show(c: dict) -> list[str]:
    out = [c["note"], c["confed_version"], c["generated"]]
    out += [str(v) for v in c["parameters"].values()]
    out += [v["table"] for v in c["vintages"]] + [v["date"] for v in c["vintages"]]
    for t in c["treaties"]:
        out += [short_name(t), t["entry_year_source"]]
        out += [p["title"] for p in t["phases"]]
        for inv in t["invariants"]:
            out += [inv["title"], *inv["sources"]]
            if inv["counterexample"]:
                out.append(inv["counterexample"])
        out += [a["text"] for a in t["assumptions"]] + [a["where"] for a in t["assumptions"]]
        out += [s["reference"] for s in t["sources"]] + [s["id"] for s in t["sources"]]
        for b in t["bodies"]:
            out += [b["name"], b["rule"], *b["power"]["by_party"]]
            out += [ch["detail"] for ch in b["checks"]]
    return out


def test_every_treaty_invariant_and_source_appears(comparison, render):
    text = render(comparison)
    plain = text.replace("&#x27;", "'").replace("&amp;", "&")
    missing = [s for s in _strings_to_show(comparison) if s not in plain]
    assert missing == []
    for status in ("met (claimed)", "does not hold", "holds", "not applicable", "not reported"):
        assert status in text
    assert "fails" not in text


def test_sources_are_listed_once_with_who_cites_them(comparison, render):
    text = render(comparison)
    knesset = "Knesset Elections Law (Consolidated Version), 5729-1969"
    assert text.count(knesset) == 1
    assert "cited by Two states by separation, Status quo" in text


def test_headline_values_first_and_last_year(comparison, render):
    text = render(comparison)
    for row in headlines(comparison):
        assert row.first in text
        assert row.last in text
    for value in ("15,726,000", "3,050,000", "3,207,500", "87.4 %", "47.1 %"):
        assert value in text


def test_markdown_headline_rows():
    c = json.loads(FIXTURE.read_text(encoding="utf-8"))
    lines = render_markdown(c).splitlines()
    assert "| metric | treaty | 2030 | 2032 |" in lines
    share = "Share of residents free to enter every state (share)"
    assert f"| {share} | Status quo | 47.1 % | — |" in lines
    assert f"| {share} | A Land for All | 0.0 % | 87.4 % |" in lines


def test_years_that_differ_are_named_in_each_cell(comparison, render):
    late = comparison["treaties"][1]
    late["years"] = late["years"][1:]
    text = render(comparison)
    assert "first year" in text
    assert "15,470,500 (2031)" in text
    assert "15,213,000 (2030)" in text


def test_invariant_matrix_has_one_row_per_invariant_and_status_classes(comparison):
    text = render_html(comparison)
    matrix = text[text.index('id="invariants"') : text.index("Counterexamples and sources")]
    assert matrix.count('<th scope="row">') == 3
    assert '<td class="not-reported">not reported</td>' in matrix
    assert '<td class="measured-not-applicable">not applicable</td>' in matrix
    assert matrix.count('<td class="measured-does-not-hold">does not hold</td>') == 2
    assert matrix.count('<td class="claimed-met">met (claimed)</td>') == 4


def test_html_loads_no_resource(comparison):
    text = render_html(comparison)
    assert re.search(r"\bsrc\s*=", text) is None
    assert "<link" not in text
    assert "@import" not in text
    assert "url(" not in text
    hrefs = re.findall(r'<(\w+)[^>]*\bhref="([^"]*)"', text)
    urls = {s["url"] for t in comparison["treaties"] for s in t["sources"]}
    urls |= {s.url for s in registry().values()}  # the claims' documents
    urls |= {o.url for o in opinion()} | {r["url"] for r in baseline()}  # the data's copies
    for tag, href in hrefs:
        assert tag == "a"
        assert href.startswith("#") or html.unescape(href) in urls


def test_html_escapes_text_and_links_only_web_urls(comparison):
    treaty = comparison["treaties"][0]
    treaty["name"] = "<script>alert(1)</script>"
    treaty["assumptions"][0]["text"] = 'quota "a" & <b>'
    treaty["sources"][0]["url"] = "javascript:alert(1)"
    text = render_html(comparison)
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "quota &quot;a&quot; &amp; &lt;b&gt;" in text
    assert 'href="javascript' not in text
    assert text.count("<script>") == 1


def test_one_chart_per_metric_with_title_desc_and_a_line_per_treaty(comparison):
    text = render_html(comparison)
    charts = re.findall(r'<svg class="chart".*?</svg>', text)
    assert len(charts) == len(comparison["metrics"])
    for chart, metric in zip(charts, comparison["metrics"], strict=True):
        assert "<title id=" in chart and metric["title"] in chart
        assert "<desc" in chart
        assert chart.count("<path") == len(comparison["treaties"])
        assert ">2030</text>" in chart and ">2032</text>" in chart
    # status-quo has no share in 2032: its line stops at 2031
    share = charts[2]
    assert "Status quo, 2031: 47.1 %" in share
    assert "Status quo, 2032" not in share


def test_chart_axis_reaches_the_largest_value(comparison):
    chart = re.findall(r'<svg class="chart".*?</svg>', render_html(comparison))[1]
    ticks = re.findall(r'text-anchor="end">([\d.]+)M?</text>', chart)
    assert float(ticks[-1]) >= 3.2075  # million: status-quo's 3,207,500 in 2032


def test_rendering_leaves_the_comparison_unchanged(comparison):
    before = copy.deepcopy(comparison)
    render_html(comparison)
    render_markdown(comparison)
    assert comparison == before


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(1234567.4, "persons", "1,234,567"), (0.8745, "share", "87.5 %"), (None, "persons", "—")],
)
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text


def test_outlines_are_natural_earth_clipped_to_the_frame():
    assert OUTLINES.stat().st_size < 300_000
    shipped = outlines()
    names = {c.name for c in shipped.countries}
    assert {"Israel", "Palestine", "Jordan", "Lebanon", "Syria", "Egypt"} <= names
    palestine = next(c for c in shipped.countries if c.name == "Palestine")
    assert len(palestine.polygons) == 2  # the West Bank and Gaza
    for country in shipped.countries:
        for polygon in country.polygons:
            for ring in polygon:
                assert len(ring) >= 3
                for lon, lat in ring:
                    assert shipped.west <= lon <= shipped.east
                    assert shipped.south <= lat <= shipped.north
    assert "Natural Earth" in shipped.source


def test_an_assumption_only_body_is_shown_as_such(comparison, render):
    from confed.compare.tables import ASSUMPTION_ONLY

    assert ASSUMPTION_ONLY not in render(comparison)
    comparison["treaties"][0]["bodies"][0]["assumption_only"] = True
    assert render(comparison).count(ASSUMPTION_ONLY) == 1


def test_each_groups_share_of_each_electorate_is_tabled(comparison, render):
    text = render(comparison)
    assert "Electorates" in text
    assert "arab 19.5 %" in text  # 1,390,000 of alfa's 7,120,000 Knesset voters in 2030
    assert "arab 19.7 %" in text  # 1,434,000 of 7,291,000 in 2032


def test_findings_open_the_report_and_reference_closes_it(comparison, render):
    text = render(comparison)
    order = [
        text.index(heading)
        for heading in ("Key differences", "Headline figures", "Glossary", "Assumptions")
    ]
    assert order == sorted(order)
    # a sentence from the numbers: the treaty with the largest share is named with it
    assert "Share of residents free to enter every state in 2032: 87.4 % under A Land" in text


def test_every_headline_metric_is_in_the_glossary():
    from confed.compare.build import HEADLINE
    from confed.compare.glossary import METRICS

    for metric, key, _title, _unit in HEADLINE:
        term = METRICS[f"{metric}.{key}"]
        assert term.counts and term.who and term.unit
