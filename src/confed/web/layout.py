"""The frame every explorer page shares: header, navigation, main, footer, stylesheets.

Text is escaped where it enters (`esc`); `page` takes already-escaped body HTML. The
stylesheets are the report's (tables, charts, map) and the explorer's own (forms).
"""

from __future__ import annotations

from html import escape

from fastapi.responses import HTMLResponse

from confed.api.meta import VERSION
from confed.errors import Problem

PAGES = (
    ("compare", "/explorer/", "Comparison"),
    ("claims", "/explorer/claims", "Claims"),
    ("treaties", "/explorer/treaties", "Treaties"),
    ("rights", "/explorer/rights", "Rights calculator"),
    ("scenario", "/explorer/scenario", "Scenario editor"),
    ("sensitivity", "/explorer/sensitivity", "Sensitivity"),
    ("runs", "/explorer/runs", "Run history"),
)
"""(key, path, label) of each page in the navigation, in order."""

NOTE = "A model under stated assumptions, not a forecast and not a verdict."


def esc(value: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return escape(str(value))


def _nav(current: str) -> str:
    mark = ' aria-current="page"'
    items = "".join(
        f'<li><a href="{path}"{mark if key == current else ""}>{label}</a></li>'
        for key, path, label in PAGES
    )
    return f'<nav class="site" aria-label="Explorer"><ul>{items}</ul></nav>'


def page(title: str, body: str, current: str = "", scripts: tuple[str, ...] = ()) -> str:
    """A whole HTML document: the shared frame around `body` (already-escaped HTML)."""
    every = ("/explorer/static/report.js",)  # downloads, URL state, later sections
    tags = "".join(f'<script src="{src}" defer></script>' for src in (*every, *scripts))
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · confed explorer</title>"
        '<link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/explorer/static/report.css">'
        f'<link rel="stylesheet" href="/explorer/static/explorer.css">{tags}</head><body>'
        '<a class="skip" href="#main">Skip to the content</a>'
        f'<header class="site"><a class="brand" href="/explorer/">confed</a>{_nav(current)}'
        "</header>"
        f'<main id="main" tabindex="-1">{body}</main>'
        f'<footer class="site"><p>confed {esc(VERSION)} · {esc(NOTE)} · '
        '<a href="/docs">API</a></p></footer></body></html>\n'
    )


def html(
    title: str, body: str, current: str = "", status: int = 200, scripts: tuple[str, ...] = ()
) -> HTMLResponse:
    """`page` as a response."""
    return HTMLResponse(page(title, body, current, scripts), status_code=status)


def problems_html(problems: list[Problem]) -> str:
    """Problems as an alert: what is wrong, in which field, what was expected."""
    items = []
    for p in problems:
        text = esc(p.message)
        if p.field:
            text = f"<code>{esc(p.field)}</code>: {text}"
        if p.expected:
            text += f" — expected {esc(p.expected)}"
        if p.suggestion:
            text += f" ({esc(p.suggestion)})"
        items.append(f"<li>{text}</li>")
    return f'<div class="problem" role="alert"><ul>{"".join(items)}</ul></div>'


def error_page(status: int, title: str, problems: list[Problem], current: str = "") -> HTMLResponse:
    """A page that says what went wrong and where to go instead."""
    body = f"<h1>{esc(title)}</h1>{problems_html(problems)}"
    return html(title, body, current, status)


def select(name: str, label: str, options: list[tuple[str, str]], chosen: str | None) -> str:
    """A labelled <select>; options are (value, text)."""
    opts = "".join(
        f'<option value="{esc(v)}"{" selected" if v == chosen else ""}>{esc(t)}</option>'
        for v, t in options
    )
    return f'<label for="{name}">{label}</label><select id="{name}" name="{name}">{opts}</select>'
