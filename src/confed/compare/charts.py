"""Inline SVG line charts: one per headline metric, x = year, one line per treaty.

Each line has its own colour and dash pattern, so the chart reads in greyscale and in
print; each point carries a <title> with its exact value, and the chart a <title> and a
<desc> that states the first and last value of every line for screen readers.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from confed.compare.tables import format_value, metric_value, short_name
from confed.i18n import N_, _

UNITS = {"persons": N_("persons"), "share": N_("share")}
"""The units of the headline metrics, in words."""

COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")
"""Okabe–Ito colours, distinguishable with the common colour-vision deficiencies."""

DASHES = ("", "6 3", "2 3", "8 3 2 3", "12 4", "4 2 1 2", "1 2")
"""A dash pattern per treaty, so lines differ without colour too."""

WIDTH, PLOT_HEIGHT = 480, 200
LEFT, RIGHT, TOP = 64, 12, 12
AXIS_HEIGHT = 36  # below the plot: year ticks and their labels
LEGEND_ROW = 22
CHAR_WIDTH = 8.0  # rough width of one 15-unit character, to lay out the legend
FONT = 15
"""Text size in the chart's own units: at least 11 px when the chart is 358 px wide."""


def treaty_style(index: int) -> tuple[str, str]:
    """The colour and dash pattern of the treaty at this position."""
    return COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]


def _nice_step(span: float, ticks: int) -> float:
    """A 1, 2 or 5 × 10^k step that cuts `span` into at most about `ticks` parts."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _tick_label(value: float, unit: str) -> str:
    """A short axis label: 1.2M, 800k, 40 %."""
    if unit == "share":
        return f"{value * 100:g} %"
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def _legend(treaties: list[dict[str, Any]], y0: float) -> tuple[list[str], float]:
    """The legend's SVG elements, wrapped into rows, and the height it takes."""
    parts, x, y = [], float(LEFT), y0
    for i, treaty in enumerate(treaties):
        width = 36 + CHAR_WIDTH * len(short_name(treaty)) + 18
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, y = float(LEFT), y + LEGEND_ROW
        colour, dash = treaty_style(i)
        parts.append(
            f'<line x1="{x:.0f}" y1="{y:.0f}" x2="{x + 28:.0f}" y2="{y:.0f}" stroke="{colour}" '
            f'stroke-width="2.5" stroke-dasharray="{dash}"/>'
            f'<text x="{x + 34:.0f}" y="{y + 5:.0f}">{escape(short_name(treaty))}</text>'
        )
        x += width
    return parts, y - y0 + LEGEND_ROW


def turning_points(
    pixels: list[tuple[float, float]], points: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    """The points a reader needs marked: the ends, and where the line visibly bends.

    A point within a pixel of the straight line between its neighbours is left unmarked
    (its value is in the chart's CSV), which keeps a 30-year chart light.

    >>> turning_points([(0, 0), (1, 0), (2, 0), (3, 5)], [(0, 0), (1, 0), (2, 0), (3, 5)])
    [(0, 0), (2, 0), (3, 5)]
    """
    kept = []
    for i, point in enumerate(points):
        if 0 < i < len(points) - 1:
            (x0, y0), (x, y), (x1, y1) = pixels[i - 1], pixels[i], pixels[i + 1]
            if abs(y0 + (y1 - y0) * (x - x0) / (x1 - x0) - y) < 1:
                continue
        kept.append(point)
    return kept


def line_chart(metric: dict[str, Any], treaties: list[dict[str, Any]], chart_id: str) -> str:
    """One metric over the years as an <svg class="chart">, one line per treaty."""
    unit = metric["unit"]
    series = [[(y["year"], metric_value(y, metric)) for y in t["years"]] for t in treaties]
    years = [year for s in series for year, _ in s]
    values = [v for s in series for _, v in s if v is not None]
    x0, x1 = min(years), max(years)
    if x0 == x1:
        x0, x1 = x0 - 1, x1 + 1
    bottom = min([*values, 0.0])
    top = max([*values, bottom + 1e-9])
    y_step = _nice_step(top - bottom, 5)
    y_lo = math.floor(bottom / y_step) * y_step
    y_hi = max(math.ceil(top / y_step) * y_step, y_lo + y_step)

    def px(year: float) -> float:
        return LEFT + (year - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT)

    def py(value: float) -> float:
        return TOP + (y_hi - value) / (y_hi - y_lo) * PLOT_HEIGHT

    base = TOP + PLOT_HEIGHT
    parts = [
        f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" height="{PLOT_HEIGHT}" '
        'class="plot"/>'
    ]
    n_y = round((y_hi - y_lo) / y_step)
    for k in range(n_y + 1):
        value = y_lo + k * y_step
        y = py(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.0f}" x2="{WIDTH - RIGHT}" y2="{y:.0f}" class="grid"/>'
            f'<text x="{LEFT - 6}" y="{y + 5:.0f}" text-anchor="end">'
            f"{escape(_tick_label(value, unit))}</text>"
        )
    x_step = max(1, math.ceil(_nice_step(x1 - x0, 5)))
    for year in range(math.ceil(x0 / x_step) * x_step, x1 + 1, x_step):
        x = px(year)
        parts.append(
            f'<line x1="{x:.0f}" y1="{base}" x2="{x:.0f}" y2="{base + 5}" class="axis"/>'
            f'<text x="{x:.0f}" y="{base + 20}" text-anchor="middle">{year}</text>'
        )
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" class="axis"/>')
    summary = []
    for i, (treaty, points) in enumerate(zip(treaties, series, strict=True)):
        colour, dash = treaty_style(i)
        path, pen_up = [], True
        for year, value in points:
            if value is None:
                pen_up = True
                continue
            path.append(f"{'M' if pen_up else 'L'}{px(year):.0f},{py(value):.0f}")
            pen_up = False
        name = escape(short_name(treaty))
        parts.append(
            f'<path d="{" ".join(path)}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f'stroke-dasharray="{dash}"><title>{name}</title></path><g fill="{colour}">'
        )
        known = [(year, v) for year, v in points if v is not None]
        parts += [
            f'<circle cx="{px(year):.0f}" cy="{py(value):.0f}" r="3">'
            f"<title>{name}, {year}: {escape(format_value(value, unit))}</title></circle>"
            for year, value in turning_points([(px(x), py(v)) for x, v in known], known)
        ]
        parts.append("</g>")
        if known:
            (first_year, first), (last_year, last) = known[0], known[-1]
            summary.append(
                _("{name}: {first} in {first_year}, {last} in {last_year}").format(
                    name=short_name(treaty),
                    first=format_value(first, unit),
                    first_year=first_year,
                    last=format_value(last, unit),
                    last_year=last_year,
                )
            )
    legend, legend_height = _legend(treaties, base + AXIS_HEIGHT)
    height = base + AXIS_HEIGHT + legend_height
    title = _("{metric} ({unit}) by year").format(metric=_(metric["title"]), unit=_(UNITS[unit]))
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape("; ".join(summary))}.</desc>'
        + "".join(parts)
        + "".join(legend)
        + "</svg>"
    )


def chart_csv(metric: dict[str, Any], treaties: list[dict[str, Any]]) -> str:
    """A chart's figures as CSV: one row per year, one column per treaty (blank: none).

    >>> t = {"name": "A: sub", "years": [{"year": 2030, "metrics": {"m": {"k": 2.0}}}]}
    >>> chart_csv({"id": "m", "key": "k", "title": "M", "unit": "persons"}, [t])
    'year,A\\n2030,2.0\\n'
    """
    years = sorted({y["year"] for t in treaties for y in t["years"]})
    by_year = [{y["year"]: metric_value(y, metric) for y in t["years"]} for t in treaties]
    lines = ["year," + ",".join(_csv_cell(short_name(t)) for t in treaties)]
    for year in years:
        cells = (v.get(year) for v in by_year)
        lines.append(f"{year}," + ",".join("" if c is None else repr(c) for c in cells))
    return "\n".join(lines) + "\n"


def _csv_cell(text: str) -> str:
    """A CSV cell, quoted when it holds a comma or a quote."""
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(ch in text for ch in ',"') else text
