"""The treaty pages: the list of shipped treaties, and one treaty read phase by phase.

One treaty's page shows the timeline of its phases in calendar years, the clauses of
each right and the phases they hold in (as `confed show`), each joint body's seats,
rule and power per phase (as `confed institutions`), and every source it cites.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from confed.api.treaties import known_ids, shipped
from confed.api.treaty_routes import sources_of
from confed.compare.html import table_html
from confed.plain import RIGHT_WORDS, Names
from confed.rights.engine import entry_year
from confed.treaty.describe import quota_size_text, rules_by_phase
from confed.treaty.model import Cited, Treaty
from confed.vocab import RIGHTS
from confed.web.layout import esc
from confed.web.provisions_page import provisions_html, provisions_toc

OPEN_END = 10
"""Years drawn for the last, open-ended phase on the timeline."""


@cache
def treaties_body() -> str:
    """Every shipped treaty with its framework and phases, linked to its page."""
    rows = []
    for tid in known_ids():
        t = shipped(tid).treaty
        rows.append(
            [
                f'<th scope="row"><a href="/explorer/treaties/{esc(tid)}">{esc(t.title)}</a></th>',
                f"<code>{esc(tid)}</code>",
                esc(t.framework),
                esc(len(t.phases)),
                esc(t.summary.strip()),
            ]
        )
    table = table_html(["treaty", "id", "framework", "phases", "summary"], rows)
    return f"<h1>Treaties</h1><p>The frameworks confed ships, each clause sourced.</p>{table}"


def _cited(clause: Cited) -> str:
    """A clause's sources and assumption, as a small note."""
    parts = []
    if clause.source:
        parts.append("Source: " + esc("; ".join(clause.source)))
    if clause.assumption:
        parts.append("Assumption: " + esc(clause.assumption.strip()))
    return f'<p class="cite">{"<br>".join(parts)}</p>' if parts else ""


def _timeline(t: Treaty, start: int, start_from: str) -> str:
    order = t.phase_order()
    last = max(t.phases[p].end or t.phases[p].start + OPEN_END for p in order)
    items = []
    for i, pid in enumerate(order):
        p = t.phases[pid]
        end = p.end if p.end is not None else last
        years = f"{start + p.start}–{start + p.end - 1}" if p.end else f"{start + p.start} on"
        items.append(
            f'<li><span class="bar-track" aria-hidden="true"><span class="phase-bar p{i % 4}" '
            f'style="margin-left:{p.start / last * 100:.1f}%;'
            f'width:{(end - p.start) / last * 100:.1f}%"></span></span>'
            f"<h3>{esc(p.title)} <small>({esc(years)}; <code>{esc(pid)}</code>)</small></h3>"
            f"<p>{esc((p.description or '').strip())}</p>{_cited(p)}</li>"
        )
    return (
        '<section id="timeline"><h2>Timeline</h2>'
        f"<p>Entry into force {start} ({esc(start_from)}); phases in calendar years.</p>"
        f'<ol class="timeline">{"".join(items)}</ol></section>'
    )


def _rights(t: Treaty, name: Names) -> str:
    order = t.phase_order()
    heads = [f'<abbr title="{esc(t.phases[p].title)}">{i}</abbr>' for i, p in enumerate(order, 1)]
    key = "; ".join(f"{i} {esc(t.phases[p].title)}" for i, p in enumerate(order, 1))
    tables = []
    for right in ("citizenship", *RIGHTS):
        ruleset = t.citizenship if right == "citizenship" else getattr(t.rights, right)
        rows = [
            [
                f'<th scope="row">{"(exception) " * (rank == "exception")}{esc(when)}</th>',
                esc(value),
                *(
                    '<td class="on">●<span class="sr"> in force</span></td>'
                    if p in active
                    else '<td><span class="sr">not in force</span></td>'
                    for p in order
                ),
            ]
            for rank, when, value, active in rules_by_phase(t, ruleset, name)
        ]
        caption = esc(RIGHT_WORDS[right])
        tables.append(table_html(["when a person", "then", *heads], rows, caption))
    return (
        '<section id="rights"><h2>Rights per phase</h2>'
        f"<p>The first clause whose conditions hold decides; phases: {key}.</p>"
        f"{''.join(tables)}</section>"
    )


def _quotas(t: Treaty, name: Names) -> str:
    """Each quota with its size in words, its allocation and what it rests on."""
    if not t.quotas:
        return '<section id="quotas"><h2>Quotas</h2><p>This treaty sets no quotas.</p></section>'
    rows = [
        [
            f'<th scope="row"><code>{esc(qid)}</code></th>',
            esc(
                f"{RIGHT_WORDS[q.right]} {name(q.into)}, for citizens of "
                f"{name(q.for_citizens_of) if q.for_citizens_of else 'any state'}"
            ),
            esc(name.text(quota_size_text(q))),
            esc(q.allocation),
            _cited(q),
        ]
        for qid, q in t.quotas.items()
    ]
    head = ["quota", "what it rations", "size", "allocation", "basis"]
    caption = "Sizes marked as an assumption can be changed in the scenario editor."
    return f'<section id="quotas"><h2>Quotas</h2>{table_html(head, rows, caption)}</section>'


def _shares(values: dict[str, float], name: Names) -> str:
    return ", ".join(f"{esc(name(k))} {v:.3f}" for k, v in values.items())


def _bodies(t: Treaty, start: int, name: Names) -> str:
    from confed.institutions.report import institutions_at

    if not t.bodies:
        return '<section id="bodies"><h2>Joint bodies</h2><p>No joint bodies.</p></section>'
    sides = dict.fromkeys(t.states, 0.5)
    rows = []
    for pid in t.phase_order():
        p = t.phases[pid]
        years = f"{start + p.start}–{start + p.end - 1}" if p.end else f"{start + p.start} on"
        for r in institutions_at(t, pid, sides, 0):
            body: dict[str, Any] = r.as_json()
            failing = [c["title"] for c in body["checks"] if not c["holds"]]
            rows.append(
                [
                    f'<th scope="row">{esc(body["name"])}</th>',
                    f"{esc(p.title)}<br><small>{esc(years)}</small>",
                    esc(", ".join(f"{name(k)} {v}" for k, v in body["seats"].items())),
                    esc(name.text(body["rule"])),
                    _shares(body["banzhaf_by_party"], name),
                    _shares(body["shapley_shubik_by_party"], name),
                    f'<td class="num">{body["passage_probability"]:.3f}</td>',
                    esc("; ".join(failing)) if failing else "all hold",
                ]
            )
    head = ["body", "phase", "seats", "rule", "Banzhaf", "Shapley–Shubik", "passes", "checks"]
    caption = (
        "Power per party by phase; “passes” is the chance a proposal passes when each side's "
        "members vote together with cohesion 0.5 (as <code>confed institutions</code>)."
    )
    return f'<section id="bodies"><h2>Joint bodies</h2>{table_html(head, rows, caption)}</section>'


def _sources(t: Treaty) -> str:
    items = "".join(
        f"<li><b>{esc(s['id'])}</b>: {esc(s['reference'])}"
        + (f' — <a href="{esc(s["url"])}">{esc(s["url"])}</a>' if s.get("url") else "")
        + "</li>"
        for s in sources_of(t)
    )
    return f'<section id="sources"><h2>Sources</h2><ul>{items}</ul></section>'


@lru_cache(maxsize=64)
def treaty_body(treaty_id: str) -> str:
    """One treaty's page content (an unknown id raises the API's 404 error)."""
    compiled = shipped(treaty_id)
    t = compiled.treaty
    name = Names(t)
    start, start_from = entry_year(compiled, None)
    tid = esc(t.id)
    links = (
        f'<p class="actions"><a href="/explorer/rights?treaty={tid}">Ask the rights calculator</a>'
        f' · <a href="/explorer/scenario?treaty={tid}">Edit as a scenario</a>'
        f' · <a href="/treaties/{tid}">JSON</a></p>'
    )
    nav = (
        '<nav aria-label="On this page"><ul class="toc"><li><a href="#timeline">Timeline</a></li>'
        '<li><a href="#rights">Rights per phase</a></li><li><a href="#quotas">Quotas</a></li>'
        '<li><a href="#bodies">Joint bodies</a></li>'
        f"{provisions_toc()}"
        '<li><a href="#sources">Sources</a></li></ul></nav>'
    )
    return (
        f"<h1>{esc(t.title)}</h1><p><code>{tid}</code> · framework {esc(t.framework)}</p>"
        f"<p>{esc(t.summary.strip())}</p>{links}{nav}"
        f"{_timeline(t, start, start_from)}{_rights(t, name)}{_quotas(t, name)}"
        f"{_bodies(t, start, name)}"
        f"{provisions_html(t, start)}{_sources(t)}"
    )
