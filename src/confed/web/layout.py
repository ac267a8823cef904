"""The frame every explorer page shares: header, navigation, main, footer, stylesheets.

Text is escaped where it enters (`esc`); `page` takes already-escaped body HTML. The
stylesheets are the report's (tables, charts, map) and the explorer's own (forms).
"""

from __future__ import annotations

import re
from html import escape

from fastapi.responses import HTMLResponse

from confed.api.meta import VERSION
from confed.errors import Problem
from confed.i18n import LANGUAGES, N_, NAMES, _, current, direction
from confed.i18n.asgi import address, asked

PAGES = (
    ("compare", "/explorer/", N_("Comparison")),
    ("claims", "/explorer/claims", N_("Claims")),
    ("treaties", "/explorer/treaties", N_("Treaties")),
    ("rights", "/explorer/rights", N_("Rights calculator")),
    ("scenario", "/explorer/scenario", N_("Scenario editor")),
    ("sensitivity", "/explorer/sensitivity", N_("Sensitivity")),
    ("runs", "/explorer/runs", N_("Run history")),
)
"""(key, path, label) of each page in the navigation, in order."""

NOTE = N_("A model under stated assumptions, not a forecast and not a verdict.")

TRANSLATED_PAGES = frozenset(
    {"claims", "compare", "rights", "runs", "scenario", "sensitivity", "treaties"}
)
"""Pages whose content is written in the reader's language. The others keep their
English content, marked lang="en" under a note in the reader's language, until they
are converted (tests/test_i18n.py lists the converted addresses)."""


def esc(value: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return escape(str(value))


def href(path: str, lang: str | None = None) -> str:
    """An explorer address that keeps the language the address asked for (or `lang`)."""
    lang = lang or asked.get()
    if not lang:
        return path
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def lang_field() -> str:
    """A form's hidden `lang`, so a form sent by GET keeps the page's language."""
    lang = asked.get()
    return f'<input type="hidden" name="lang" value="{lang}">' if lang else ""


_OPTION = re.compile(r"(--[a-z][\w-]*(?:=[\w.=-]*\w| [\w-]+[.=][\w.=-]*\w)?)")
"""A command-line option, with its value (`--years=10`, `--param quota.x.share=VALUE`)."""


def prose(text: str) -> str:
    """Escaped text with the command-line options it quotes (`--param x=1`) set as code."""
    return _OPTION.sub(r"<code>\1</code>", esc(text))


def in_lang(text: str, lang: str) -> str:
    """Escaped prose, marked with its language when it is not the page's (a fallback)."""
    if lang == current():
        return prose(text)
    return f'<span lang="{lang}" dir="{direction(lang)}">{prose(text)}</span>'


JOB_MESSAGES = {
    "failed": N_("the request failed"),
    "expected": N_("expected {what}"),
    "progress": N_("Done {done} of {total} {unit}…"),
    "opening": N_("Done; opening the result…"),
    "lost": N_("Lost contact with the server; try again."),
    "checking": N_("Checking…"),
}
"""What explorer.js says while a job runs; {done}, {total}, {unit}, {what} are filled in."""


def job_messages(key: str) -> str:
    """A job form's data-msg-* attributes: explorer.js's messages in the page's language.

    Only on a translated page (`key` in TRANSLATED_PAGES): an untranslated one is English.
    """
    if current() == "en" or key not in TRANSLATED_PAGES:
        return ""
    return "".join(f' data-msg-{key}="{esc(_(text))}"' for key, text in JOB_MESSAGES.items())


def _nav(page_key: str) -> str:
    mark = ' aria-current="page"'
    items = "".join(
        f'<li><a href="{href(path)}"{mark if key == page_key else ""}>{esc(_(label))}</a></li>'
        for key, path, label in PAGES
    )
    label = esc(_("Explorer"))
    return f'<nav class="site" aria-label="{label}"><ul>{items}</ul></nav>'


def _switch() -> str:
    """Links to this same page in each language, the current one marked."""
    mark = {current(): ' aria-current="true"'}
    items = "".join(
        f'<li><a href="{esc(href(address.get(), code))}" lang="{code}" hreflang="{code}"'
        f"{mark.get(code, '')}>{NAMES[code]}</a></li>"
        for code in LANGUAGES
    )
    label = esc(_("Language"))
    return f'<nav class="langs" aria-label="{label}"><ul>{items}</ul></nav>'


def page(title: str, body: str, key: str = "", scripts: tuple[str, ...] = ()) -> str:
    """A whole HTML document: the shared frame around `body` (already-escaped HTML)."""
    every = ("/explorer/static/report.js",)  # downloads, URL state, later sections
    tags = "".join(f'<script src="{src}" defer></script>' for src in (*every, *scripts))
    site, skip, api = _("confed explorer"), _("Skip to the content"), _("API")
    return (
        f'<!doctype html>\n<html lang="{current()}" dir="{direction()}"><head>'
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · {esc(site)}</title>"
        '<link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="/explorer/static/report.css">'
        f'<link rel="stylesheet" href="/explorer/static/explorer.css">{tags}</head><body>'
        f'<a class="skip" href="#main">{esc(skip)}</a>'
        f'<header class="site"><a class="brand" href="{href("/explorer/")}" lang="en">confed</a>'
        f"{_nav(key)}{_switch()}</header>"
        f'<main id="main" tabindex="-1">{_in_english_yet(body, key)}</main>'
        f'<footer class="site"><p>confed {esc(VERSION)} · {esc(_(NOTE))} · '
        f'<a href="/docs">{esc(api)}</a></p></footer></body></html>\n'
    )


def _in_english_yet(body: str, key: str) -> str:
    """A page not yet translated: its content marked as English, under a note saying so."""
    if current() == "en" or key in TRANSLATED_PAGES:
        return body
    note = esc(_("This page's content is not translated yet and is shown in English."))
    return f'<p class="meta">{note}</p><div lang="en" dir="ltr">{body}</div>'


def html(
    title: str, body: str, current: str = "", status: int = 200, scripts: tuple[str, ...] = ()
) -> HTMLResponse:
    """`page` as a response."""
    return HTMLResponse(page(title, body, current, scripts), status_code=status)


def problems_html(problems: list[Problem]) -> str:
    """Problems as an alert: what is wrong, in which field, what was expected."""
    items = []
    for p in problems:
        text = in_lang(p.message, "en")  # problems are worded in English only, for now
        if p.field:
            text = f"<code>{esc(p.field)}</code>: {text}"
        if p.expected:
            text += " — " + esc(_("expected {what}")).format(what=in_lang(p.expected, "en"))
        if p.suggestion:
            text += f" ({in_lang(p.suggestion, 'en')})"
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
