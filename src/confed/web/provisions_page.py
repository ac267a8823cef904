"""The treaty page's sections on gated phases, property, holy sites, recognition and trust.

Each row shows what the text provides and the clause's basis; a topic or site the
file does not encode, or on which the text is silent, says so in words.
"""

from __future__ import annotations

from typing import Any

from confed.compare.html import table_html
from confed.treaty.gates import gate_text
from confed.treaty.model import HOLY_SITES, Treaty
from confed.treaty.provisions import basis, property_text, recognition_text, site_answer
from confed.web.layout import esc

SECTIONS = (
    ("gates", "Gated phases"),
    ("property", "Property"),
    ("holy-sites", "Holy sites"),
    ("recognition", "Recognition"),
    ("trust", "Trust-building measures"),
)
"""(anchor, title) of each section this module renders, in page order."""


def _basis(clause: Any) -> str:
    return f'<small class="cite">{esc(basis(clause))}</small>'


def _section(anchor: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{esc(dict(SECTIONS)[anchor])}</h2>{body}</section>'


def _gates(t: Treaty, start: int) -> str:
    rows = [
        [
            f'<th scope="row">{esc(p.title)} <small>(<code>{esc(pid)}</code>)</small></th>',
            esc(f"{start + p.start}"),
            esc(gate_text(p.gate)),
            _basis(p.gate),
        ]
        for pid, p in t.phases.items()
        if p.gate is not None
    ]
    if not rows:
        return _section("gates", "<p>Every phase begins on its date.</p>")
    head = ["phase", "earliest year", "begins", "basis"]
    caption = (
        "A gated phase begins in the first year after its conditions held the year before, "
        "or at its latest year (counted from entry into force)."
    )
    return _section("gates", table_html(head, rows, caption))


def _property(t: Treaty) -> str:
    if not t.property_:
        return _section("property", "<p>Not encoded in this treaty file.</p>")
    rows = [
        [esc(p.covers), esc(property_text(p)), _basis(p) + _note(p.note)]
        for p in t.property_.values()
    ]
    return _section("property", table_html(["property", "what the text provides", "basis"], rows))


def _note(note: str | None) -> str:
    return f"<br><small>{esc(note)}</small>" if note else ""


def _holy_sites(t: Treaty) -> str:
    rows = []
    for site, name in HOLY_SITES.items():
        a = site_answer(t, site)
        if not a["encoded"] or a["silent"]:
            said = "not encoded in this treaty file" if not a["encoded"] else "the text is silent"
            rows.append(
                [
                    f'<th scope="row">{esc(name)}</th>',
                    f'<td colspan="3">{esc(said)}</td>',
                    _basis(t.holy_sites[site]) + _note(a["note"]) if a["encoded"] else "",
                ]
            )
            continue
        admin = ", ".join(x["name"] for x in a["administered_by"]) or "not stated"
        rows.append(
            [
                f'<th scope="row">{esc(name)}</th>',
                esc(a["sovereign_name"] or "not stated"),
                esc(admin),
                esc(a["access"] or "not stated"),
                _basis(t.holy_sites[site]) + _note(a["note"]),
            ]
        )
    head = ["site", "sovereign", "administered by", "who may enter", "basis"]
    return _section("holy-sites", table_html(head, rows))


def _recognition(t: Treaty) -> str:
    rows = [
        [
            f'<th scope="row">{esc(s.name)}</th>',
            esc(recognition_text(t.recognition[sid], t)) if sid in t.recognition else "not encoded",
            _basis(t.recognition[sid]) + _note(t.recognition[sid].note)
            if sid in t.recognition
            else "",
        ]
        for sid, s in t.states.items()
    ]
    return _section("recognition", table_html(["state", "recognised", "basis"], rows))


def _trust(t: Treaty) -> str:
    if not t.trust_measures:
        return _section("trust", "<p>None encoded in this treaty file.</p>")
    rows = [
        [esc(m.description), esc(t.phases[m.phase].title if m.phase else "—"), _basis(m)]
        for m in t.trust_measures.values()
    ]
    return _section("trust", table_html(["measure", "phase", "basis"], rows))


def provisions_html(t: Treaty, start: int) -> str:
    """Every section of this module for treaty `t` entering into force in `start`."""
    return _gates(t, start) + _property(t) + _holy_sites(t) + _recognition(t) + _trust(t)


def provisions_toc() -> str:
    """The sections' entries for the page's table of contents."""
    return "".join(f'<li><a href="#{a}">{esc(title)}</a></li>' for a, title in SECTIONS)
