"""The report's sections on arguments, opinion and work across the border (HTML, Markdown).

Three self-contained sections, shown in `comparison.html` and `comparison.md`, on the comparison
page and on its claims page: every argument of the registry with its measures for every
treaty and its caveat; the published poll figures beside each framework; the baseline of
Palestinians employed in Israel and the settlements with the simulated workers per treaty.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from confed.compare.charts import line_chart
from confed.compare.claims import Claim, claims, measured
from confed.compare.opinion import Opinion, for_framework, for_item, opinion
from confed.compare.tables import MISSING, format_value, phase_title, reading_of, short_name
from confed.i18n import N_, _, current
from confed.i18n.formats import number
from confed.simulate.parameters import behaviour_file
from confed.simulate.work import baseline
from confed.sources import parse_citation, registry
from confed.treaty.labels import listing

CLAIMS_NOTE = N_(
    "Each argument is stated in confed's words, with the document and section that make "
    "it. Beside it, for every treaty, the numbers that bear on it: a metric in the first "
    "and last simulated year, an invariant's reading, or a data table. The caveat says "
    "what the numbers cannot measure. No argument is scored."
)
OPINION_NOTE = N_(
    "Shares in percent as each publisher's summary gives them, by population and wave; "
    "the question is the item as the summary names it; n is the sample of that "
    "population. Rows marked unverified hold a figure (or a sample size) that could not "
    "be checked against the publisher's text. No figure is projected."
)
FRAMEWORKS = {
    "separation": N_("Two states (separation)"),
    "confederation": N_("Confederation"),
    "one-state": N_("One state"),
}
"""Framework families the polls asked about, as the treaty files' `framework:` names them."""
DATA_LINKS = {"workers": ("work", "the baseline table under Work across the border")}
WORK_METRIC = {
    "id": "cross_border_workers",
    "key": "total",
    "title": N_("People working in a state they neither live in nor are citizens of"),
    "unit": "persons",
}
WORK_SHARES = ("work_permit_share", "work_open_share", "work_share_into_ps")


QUESTIONS = {
    "support for a one-state solution": N_("support for a one-state solution"),
    "support for a single democratic state for Jews and Arabs": N_(
        "support for a single democratic state for Jews and Arabs"
    ),
    "support for a two-state confederation": N_("support for a two-state confederation"),
    "support for one state with equal rights for Jews and Arabs": N_(
        "support for one state with equal rights for Jews and Arabs"
    ),
    "support for the two-state solution": N_("support for the two-state solution"),
    "the other side cannot be trusted": N_("the other side cannot be trusted"),
}
"""The poll items' questions as data/opinion.csv words them, for the catalogue."""

POPULATIONS = {
    "palestinians": N_("Palestinians (West Bank, East Jerusalem, Gaza)"),
    "israeli-jews": N_("Israeli Jews (settlers included)"),
    "israeli-arabs": N_("Arab citizens of Israel"),
    "israelis": N_("Israelis (all)"),
}
"""The polled populations in words (as opinion.POPULATIONS), for the catalogue."""

STATUS_WORDS = {
    "sourced": N_("sourced"),
    "unverified": N_("unverified"),
    "derived": N_("derived"),
}
"""The statuses of poll and worker rows, in words."""

FAMILIES = {**FRAMEWORKS, "status-quo": N_("Status quo"), "other": N_("other")}
"""Every `framework:` a treaty file may give, in words."""


def _e(value: object) -> str:
    return escape(str(value))


def _en(text: object) -> str:
    """English data (a claim, a note, a publisher's words), marked so on other pages."""
    if current() == "en":
        return _e(text)
    return f'<span lang="en" dir="ltr">{_e(text)}</span>'


def _t(message: str) -> str:
    """A message of this module in the current language, escaped."""
    return _e(_(message))


def _table(header: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A table from already-escaped cells."""
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cited(text: str, link: bool = True) -> str:
    """A citation with the document's title, linked to the document (HTML) or plain."""
    cited = parse_citation(text)
    source = registry()[cited.doc]
    by = f" ({', '.join(source.authors)}, {source.year}) § {cited.section}"
    if not link:
        return source.title + by
    return _en_html(f'<a href="{_e(source.url)}">{_e(source.title)}</a>{_e(by)}')


def _en_html(html: str) -> str:
    """HTML whose words are English (a document's title), marked so on other pages."""
    return html if current() == "en" else f'<span lang="en" dir="ltr">{html}</span>'


def _cell(m: dict[str, Any]) -> str:
    if m["kind"] == "metric":
        first, last = (format_value(m[k], m["unit"]) for k in ("first", "last"))
        return MISSING if m["first"] is None else f"{_e(first)} → {_e(last)}"
    if m["kind"] == "invariant":
        return _e(reading_of(m["verdict"]).label) if m["verdict"] else MISSING
    anchor, _where = DATA_LINKS.get(m["data"], ("opinion", ""))
    below = _("see below")
    return f'<a href="#{anchor}">{_e(below)}</a>'


def _opinion_rows(rows: list[Opinion]) -> str:
    header = [_t(h) for h in OPINION_HEAD]
    body = [
        [
            _e(o.fieldwork),
            _t(POPULATIONS[o.population]),
            _t(QUESTIONS[o.question]) if o.question in QUESTIONS else _en(o.question),
            _e(number(o.value, 0 if o.value == int(o.value) else 1)),
            _e(number(o.n)) if o.n else _e(_("not found")),
            _en_html(f'<a href="{_e(o.url)}">{_e(o.publisher)}</a>'),
            _t(STATUS_WORDS[o.status]) + (f" <small>({_en(o.note)})</small>" if o.note else ""),
        ]
        for o in rows
    ]
    return _table(header, body)


OPINION_HEAD = (N_("fieldwork"), N_("population"), N_("question"), "%", "n", N_("publisher"),
                N_("status"))  # fmt: skip


def _claim(cid: str, claim: Claim, c: dict[str, Any]) -> str:
    header = [_e(_("treaty"))] + [_en(m.label) for m in claim.measures]
    years = c["treaties"][0]["years"] if c["treaties"] else []
    caption = _("What each treaty measures")
    if years:
        caption += " " + _("(metrics: {first} → {last})").format(
            first=years[0]["year"], last=years[-1]["year"]
        )
    rows = [
        [f"{_e(short_name(t))} <small>({_framework(t)})</small>"]
        + [_cell(m) for m in measured(claim, t)]
        for t in c["treaties"]
    ]
    data = [m.data or "" for m in claim.measures]
    polls = [d.partition(":")[2] for d in data if d.startswith("opinion:")]
    listed = "".join(_opinion_rows(for_item(item)) for item in polls)
    cannot = _("What the numbers cannot measure.")
    made_by = _e(_("Made by {who} · about: {what}")).format(
        who="; ".join(_cited(s) for s in claim.made_by), what=_en(claim.about)
    )
    return (
        f'<article class="claim" id="claim-{_e(cid)}"><h3>{_en(claim.claim)}</h3>'
        f'<p class="meta">{made_by}</p>'
        + _table(header, rows, _e(caption))
        + listed
        + f'<p class="note"><strong>{_e(cannot)}</strong> '
        f"{_en(claim.caveat)}</p></article>"
    )


def _framework(t: dict[str, Any]) -> str:
    family = t.get("framework", "")
    return _t(FAMILIES[family]) if family in FAMILIES else _e(family)


def claims_html(c: dict[str, Any]) -> str:
    """The section of arguments as measurable claims."""
    parts = "".join(_claim(cid, claim, c) for cid, claim in claims().items())
    title = _e(_("Arguments as measurable claims"))
    return f'<section id="claims"><h2>{title}</h2><p>{_t(CLAIMS_NOTE)}</p>{parts}</section>'


def opinion_html(c: dict[str, Any]) -> str:
    """Published poll figures beside each framework and the treaties encoding it."""
    parts = []
    for family, title in FRAMEWORKS.items():
        treaties = [short_name(t) for t in c["treaties"] if t.get("framework") == family]
        encoded = _e(_("Encoded here by: {treaties}")).format(
            treaties=_e(listing(treaties)) if treaties else _e(_("no shipped treaty"))
        )
        parts.append(
            f'<h3>{_t(title)}</h3><p class="meta">{encoded}</p>'
            + _opinion_rows(for_framework(family))
        )
    trust = for_item("other-side-untrustworthy")
    trusting = _("Trust in the other side")
    parts.append(f"<h3>{_e(trusting)}</h3>" + _opinion_rows(trust))
    title = _e(_("Public opinion on the frameworks"))
    return (
        f'<section id="opinion"><h2>{title}</h2><p>{_t(OPINION_NOTE)}</p>{"".join(parts)}</section>'
    )


def work_chart(c: dict[str, Any]) -> str:
    """The simulated cross-border workers of every treaty over the years, as a figure."""
    return (
        f"<figure><figcaption>{_t(WORK_METRIC['title'])} ({_t('persons')})</figcaption>"
        f"{line_chart(WORK_METRIC, c['treaties'], 'chart-work')}</figure>"
    )


def work_html(c: dict[str, Any]) -> str:
    """The baseline of workers, the shares the simulation uses, and its workers per treaty."""
    header = [_t(h) for h in WORK_HEAD]
    rows = [
        [
            _e(r["year"]),
            _en(r["period"]),
            _en(r["measure"]),
            _e(number(int(r["workers"]))),
            _e(number(int(r["in_settlements"]))) if r["in_settlements"] else MISSING,
            _en_html(f'<a href="{_e(r["url"])}">{_e(r["publisher"])}</a>'),
            _t(STATUS_WORDS.get(r["status"], r["status"]))
            + (f" <small>({_en(r['note'])})</small>" if r["note"] else ""),
        ]
        for r in baseline()
    ]
    spec = behaviour_file()
    shares = "".join(
        f"<li><code>{name}</code> = {spec[name]['value']}: "
        + _en(spec[name].get("note") or "assumption: " + spec[name]["assumption"])
        + " "
        + _e(_("Range {low}–{high}.")).format(
            low=spec[name]["range"]["low"], high=spec[name]["range"]["high"]
        )
        + "</li>"
        for name in WORK_SHARES
    )
    over, work = _("Over the years"), _("Work across the border")
    shares_intro = _e(
        _(
            "The simulation's shares of eligible adults who work in the other state (the yearly "
            "totals are charted under {charts}):"
        )
    ).format(charts=f'<a href="#charts">{_e(over)}</a>')
    return (
        f'<section id="work"><h2>{_e(work)}</h2>'
        + _table(
            header, rows, _e(_("Palestinians employed in Israel and the settlements, as published"))
        )
        + f"<p>{shares_intro}</p><ul>{shares}</ul>"
        + _table(
            [_t(h) for h in BY_ACCESS_HEAD],
            _per_phase(c),
            _e(
                _(
                    "Simulated workers in each phase's first simulated year, by the right they "
                    "work under"
                )
            ),
        )
        + "</section>"
    )


WORK_HEAD = (N_("year"), N_("period"), N_("measure"), N_("workers"),
             N_("of whom in settlements"), N_("publisher"), N_("status"))  # fmt: skip
BY_ACCESS_HEAD = (N_("treaty"), N_("phase (first simulated year)"), N_("into IL by permit"),
                  N_("into IL by quota"), N_("into IL open"), N_("into PS by permit"),
                  N_("into PS by quota"), N_("into PS open"), N_("total"))  # fmt: skip


ACCESS_KEYS = ("IL.permit", "IL.quota", "IL.yes", "PS.permit", "PS.quota", "PS.yes", "total")


def _per_phase(c: dict[str, Any]) -> list[list[str]]:
    """Per treaty and phase: the workers of the first simulated year of that phase."""
    rows = []
    for t in c["treaties"]:
        seen = set()
        for y in t["years"]:
            if y["phase"] in seen:
                continue
            seen.add(y["phase"])
            values = y["metrics"].get(WORK_METRIC["id"], {})
            phase = next((p for p in t["phases"] if p.get("id") == y["phase"]), None)
            title = phase_title(t, phase) if phase else y["phase"]
            rows.append(
                [_e(short_name(t)), f"{_e(title)} ({y['year']})"]
                + [_e(format_value(values.get(k), "persons")) for k in ACCESS_KEYS]
            )
    return rows


def _md(cells: list[object]) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def claims_markdown(c: dict[str, Any]) -> list[str]:
    """The three sections in Markdown: claims with their measures, the polls, the workers."""
    lines = ["## Arguments as measurable claims", "", CLAIMS_NOTE, ""]
    for claim in claims().values():
        made_by = "; ".join(_cited(s, link=False) for s in claim.made_by)
        lines += [f"### {claim.claim}", "", f"Made by {made_by} · about: {claim.about}", ""]
        lines.append(_md(["treaty", *(m.label for m in claim.measures)]))
        lines.append("|" + "---|" * (len(claim.measures) + 1))
        for t in c["treaties"]:
            cells = [re.sub(r"<[^>]+>", "", unescape(_cell(m))) for m in measured(claim, t)]
            lines.append(_md([short_name(t), *cells]))
        lines += ["", f"What the numbers cannot measure: {claim.caveat}", ""]
    lines += ["## Public opinion on the frameworks", "", OPINION_NOTE, ""]
    lines += [_md(["fieldwork", "population", "question", "%", "n", "publisher", "status"])]
    lines.append("|" + "---|" * 7)
    lines += [
        _md([o.fieldwork, o.population_label, o.question, f"{o.value:g}",
             f"{o.n:,}" if o.n else "not found", f"{o.publisher} <{o.url}>", o.status])
        for o in opinion()
    ]  # fmt: skip
    lines += ["", "## Work across the border", ""]
    lines += [_md(["year", "period", "measure", "workers", "publisher", "status"])]
    lines.append("|" + "---|" * 6)
    lines += [
        _md([r["year"], r["period"], r["measure"], f"{int(r['workers']):,}",
             f"{r['publisher']} <{r['url']}>", r["status"]])
        for r in baseline()
    ]  # fmt: skip
    return [*lines, ""]
