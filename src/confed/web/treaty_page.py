"""The treaty pages: the list of shipped treaties, and one treaty read phase by phase.

One treaty's page shows the timeline of its phases in calendar years, the clauses of
each right and the phases they hold in (as `confed show`), each joint body's seats,
rule and power per phase (as `confed institutions`), and every source it cites. Pages
are written in the request's language (treaty texts from the treaty's translations,
marked as confed's); rendered pages are kept per treaty and language.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from confed.compare.blocks import table_html
from confed.i18n import N_, _, current
from confed.i18n.formats import number
from confed.i18n.markup import marked
from confed.i18n.terms import term
from confed.plain import Names
from confed.rights.engine import compiled_shipped, entry_year
from confed.treaty.citations import sources_of
from confed.treaty.describe import quota_size_text, rules_by_phase
from confed.treaty.freshness import kept_until_treaties_change, on_treaty_change
from confed.treaty.load import shipped_ids
from confed.treaty.model import Cited, Treaty
from confed.treaty.provision_words import SECTIONS as PROVISIONS
from confed.treaty.show_words import ShowWords
from confed.treaty.texts import translated
from confed.vocab import RIGHTS
from confed.web.layout import esc, href, in_lang
from confed.web.provisions_page import provisions_html
from confed.web.provisions_page import treaty_text as _text

OPEN_END = 10
"""Years drawn for the last, open-ended phase on the timeline."""

RANKS = {"default": N_("default"), "rule": N_("rule"), "exception": N_("exception")}
"""The rank of a clause in a right's rule set, as `rules_by_phase` names it."""


def treaties_body() -> str:
    """Every shipped treaty with its framework and phases, linked to its page."""
    return _treaties_body(current())


@kept_until_treaties_change
def _treaties_body(lang: str) -> str:
    rows = []
    for tid in shipped_ids():
        t = compiled_shipped(tid).treaty
        link = href(f"/explorer/treaties/{tid}")
        rows.append(
            [
                f'<th scope="row"><a href="{esc(link)}">{_text(t, "title")}</a></th>',
                f"<code>{esc(tid)}</code>",
                f"<code>{esc(t.framework)}</code>",
                esc(number(len(t.phases))),
                _text(t, "summary"),
            ]
        )
    head = [_("treaty"), _("id"), _("framework"), _("phases"), _("summary")]
    table = table_html([esc(h) for h in head], rows)
    title, intro = _("Treaties"), _("The frameworks confed ships, each clause sourced.")
    return f"<h1>{esc(title)}</h1><p>{esc(intro)}{_note()}</p>{table}"


def _note() -> str:
    """In Arabic and Hebrew: the treaty texts shown are confed's translation."""
    if current() == "en":
        return ""
    note = _(
        "Treaty texts are confed's own translation of its English encoding, not the words "
        "of the source documents."
    )
    return " " + esc(note)


def _cited(t: Treaty, path: str, clause: Cited) -> str:
    """A clause's sources and assumption, as a small note."""
    parts = []
    if clause.source:
        source = f'<bdi lang="en">{esc("; ".join(clause.source))}</bdi>'
        parts.append(esc(_("Source: {source}")).format(source=source))
    if clause.assumption:
        text = in_lang(*translated(t, f"{path}.assumption"))
        parts.append(esc(_("Assumption: {text}")).format(text=text))
    return f'<p class="cite">{"<br>".join(parts)}</p>' if parts else ""


def _years(start: int, first: int, end: int | None) -> str:
    """A phase's calendar years ('2035–2044', 'from 2045')."""
    if end is not None:
        return f"{start + first}–{start + end - 1}"
    return _("from {year}").format(year=start + first)


def _timeline(t: Treaty, start: int, start_from: str) -> str:
    order = t.phase_order()
    last = max(t.phases[p].end or t.phases[p].start + OPEN_END for p in order)
    items = []
    for i, pid in enumerate(order):
        p = t.phases[pid]
        end = p.end if p.end is not None else last
        years = _years(start, p.start, p.end)
        description = _text(t, f"phases.{pid}.description") if p.description else ""
        items.append(
            f'<li><span class="bar-track" aria-hidden="true"><span class="phase-bar p{i % 4}" '
            f'style="margin-inline-start:{p.start / last * 100:.1f}%;'
            f'width:{(end - p.start) / last * 100:.1f}%"></span></span>'
            f"<h3>{_text(t, f'phases.{pid}.title')} "
            f"<small>({esc(years)}; <code>{esc(pid)}</code>)</small></h3>"
            f"<p>{description}</p>{_cited(t, f'phases.{pid}', p)}</li>"
        )
    heading = _("Timeline")
    intro = _("Entry into force {year} ({source}); phases in calendar years.").format(
        year=start, source=start_from
    )
    return (
        f'<section id="timeline"><h2>{esc(heading)}</h2><p>{esc(intro)}</p>'
        f'<ol class="timeline">{"".join(items)}</ol></section>'
    )


def _rights(t: Treaty) -> str:
    order = t.phase_order()
    titles = {p: translated(t, f"phases.{p}.title")[0] for p in order}
    heads = [f'<abbr title="{esc(titles[p])}">{i}</abbr>' for i, p in enumerate(order, 1)]
    key = "; ".join(f"{i} {marked(titles[p])}" for i, p in enumerate(order, 1))
    on, off = esc(_("in force")), esc(_("not in force"))
    ranks = {rank: esc(_(label)) for rank, label in RANKS.items()}
    head = [esc(_("clause")), esc(_("when → value"))]
    name = Names(t)  # the clauses in words are English: marked so on other pages
    tables = []
    for right in ("citizenship", *RIGHTS):
        ruleset = t.citizenship if right == "citizenship" else getattr(t.rights, right)
        rows = [
            [
                f'<th scope="row">{ranks[rank]}</th>',
                marked(f"{when} → {value}"),
                *(
                    f'<td class="on">●<span class="sr"> {on}</span></td>'
                    if p in active
                    else f'<td><span class="sr">{off}</span></td>'
                    for p in order
                ),
            ]
            for rank, when, value, active in rules_by_phase(t, ruleset, name)
        ]
        caption = f"{esc(term('right', right))} <small>(<code>{esc(right)}</code>)</small>"
        tables.append(table_html([*head, *heads], rows, caption))
    heading = _("Rights per phase")
    intro = esc(_("The first clause whose conditions hold decides; phases: {key}.")).format(key=key)
    return f'<section id="rights"><h2>{esc(heading)}</h2><p>{intro}</p>{"".join(tables)}</section>'


def _quotas(t: Treaty) -> str:
    """Each quota with its size in words, its allocation and what it rests on."""
    heading = esc(_("Quotas"))
    if not t.quotas:
        none = esc(_("This treaty sets no quotas."))
        return f'<section id="quotas"><h2>{heading}</h2><p>{none}</p></section>'

    def state(sid: str | None) -> str:
        return translated(t, f"states.{sid}.name")[0] if sid else _("any state")

    rows = [
        [
            f'<th scope="row"><code>{esc(qid)}</code></th>',
            marked(
                _("{right} into {state}, for citizens of {citizens}").format(
                    right=term("right", q.right),
                    state=state(q.into),
                    citizens=state(q.for_citizens_of),
                )
            ),
            in_lang(Names(t).text(quota_size_text(q)), "en"),
            f"<code>{esc(q.allocation)}</code>"
            if current() == "en"
            else esc(term("allocation", q.allocation)),
            _cited(t, f"quotas.{qid}", q),
        ]
        for qid, q in t.quotas.items()
    ]
    head = [_("quota"), _("what it rations"), _("size"), _("allocation"), _("basis")]
    caption = esc(_("Sizes marked as an assumption can be changed in the scenario editor."))
    table = table_html([esc(h) for h in head], rows, caption)
    return f'<section id="quotas"><h2>{heading}</h2>{table}</section>'


def _shares(values: dict[str, float]) -> str:
    return ", ".join(f"<code>{esc(k)}</code> {esc(number(v, 3))}" for k, v in values.items())


def _check_html(check: dict[str, Any], words: ShowWords | None) -> str:
    """A check's title in the page's language; English (marked) where it has no message."""
    from confed.institutions.report import check_title

    title = check_title(check["id"], words) if words else None
    return marked(title) if title is not None else in_lang(check["title"], "en")


def _bodies(t: Treaty, start: int) -> str:
    from confed.institutions.report import institutions_at

    heading = esc(_("Joint bodies"))
    if not t.bodies:
        none = esc(_("No joint bodies."))
        return f'<section id="bodies"><h2>{heading}</h2><p>{none}</p></section>'
    sides = dict.fromkeys(t.states, 0.5)
    words = None if current() == "en" else ShowWords(t)
    rows = []
    for pid in t.phase_order():
        p = t.phases[pid]
        years = _years(start, p.start, p.end)
        for r in institutions_at(t, pid, sides, 0):
            body: dict[str, Any] = r.as_json()
            failing = [_check_html(c, words) for c in body["checks"] if not c["holds"]]
            rows.append(
                [
                    f'<th scope="row">{_text(t, "bodies." + body["body"] + ".name")}</th>',
                    f"{_text(t, f'phases.{pid}.title')}<br><small>{esc(years)}</small>",
                    ", ".join(
                        f"<code>{esc(k)}</code> {esc(number(v))}" for k, v in body["seats"].items()
                    ),
                    marked(words.decision(r.at.rule)) if words else in_lang(body["rule"], "en"),
                    _shares(body["banzhaf_by_party"]),
                    _shares(body["shapley_shubik_by_party"]),
                    f'<td class="num">{esc(number(body["passage_probability"], 3))}</td>',
                    "; ".join(failing) if failing else esc(_("all hold")),
                ]
            )
    head = [
        esc(h)
        for h in (
            _("body"), _("phase"), _("seats"), _("rule"), _("Banzhaf"), _("Shapley–Shubik"),
            _("passes"), _("checks"),
        )
    ]  # fmt: skip
    caption = esc(
        _(
            "Power per party by phase; “passes” is the chance a proposal passes when each "
            "side's members vote together with cohesion 0.5 (as {command})."
        )
    ).format(command="<code>confed institutions</code>")
    return f'<section id="bodies"><h2>{heading}</h2>{table_html(head, rows, caption)}</section>'


def _sources(t: Treaty) -> str:
    items = "".join(
        f"<li><b>{esc(s['id'])}</b>: {esc(s['reference'])}"
        + (f' — <a href="{esc(s["url"])}">{esc(s["url"])}</a>' if s.get("url") else "")
        + "</li>"
        for s in sources_of(t)
    )
    heading = esc(_("Sources"))
    return f'<section id="sources"><h2>{heading}</h2><ul lang="en" dir="ltr">{items}</ul></section>'


def treaty_title(treaty_id: str) -> str:
    """A treaty's title in the page's language, for the page's <title>; else the id."""
    if treaty_id not in shipped_ids():
        return treaty_id  # the page itself says it is unknown
    return translated(compiled_shipped(treaty_id).treaty, "title")[0]


def treaty_body(treaty_id: str) -> str:
    """One treaty's page content (an unknown id raises the API's 404 error)."""
    return _treaty_body(treaty_id, current())


@lru_cache(maxsize=64)
def _treaty_body(treaty_id: str, lang: str) -> str:
    compiled = compiled_shipped(treaty_id)
    t = compiled.treaty
    start, start_from = entry_year(compiled, None)
    tid = esc(t.id)
    ask, edit = esc(_("Ask the rights calculator")), esc(_("Edit as a scenario"))
    links = (
        f'<p class="actions"><a href="{esc(href(f"/explorer/rights?treaty={t.id}"))}">{ask}</a>'
        f' · <a href="{esc(href(f"/explorer/scenario?treaty={t.id}"))}">{edit}</a>'
        f' · <a href="/treaties/{tid}" lang="en">JSON</a></p>'
    )
    sections = (
        ("timeline", _("Timeline")),
        ("rights", _("Rights per phase")),
        ("quotas", _("Quotas")),
        ("bodies", _("Joint bodies")),
        *((key, _(title)) for key, title in PROVISIONS),
        ("sources", _("Sources")),
    )
    toc = "".join(f'<li><a href="#{key}">{esc(label)}</a></li>' for key, label in sections)
    on_page = esc(_("On this page"))
    nav = f'<nav aria-label="{on_page}"><ul class="toc">{toc}</ul></nav>'
    framework = esc(_("framework"))
    return (
        f"<h1>{_text(t, 'title')}</h1><p><code>{tid}</code> · {framework} "
        f"<code>{esc(t.framework)}</code></p>"
        f"<p>{_text(t, 'summary')}{_note()}</p>{links}{nav}"
        f"{_timeline(t, start, start_from)}{_rights(t)}{_quotas(t)}{_bodies(t, start)}"
        f"{provisions_html(t, start)}{_sources(t)}"
    )


on_treaty_change(_treaty_body.cache_clear)
