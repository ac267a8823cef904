"""The treaty page's sections on gated phases, property, holy sites, recognition and trust.

Each row shows what the text provides and the clause's basis; a topic or site the
file does not encode, or on which the text is silent, says so in words. Pages are in
the request's language: the treaty's texts from its translations (English, marked
so, where it has none), names of states, parties and bodies from the treaty's own.
"""

from __future__ import annotations

from typing import Any

from confed.compare.blocks import table_html
from confed.i18n import N_, _
from confed.i18n.markup import marked
from confed.treaty.gates import gate_text
from confed.treaty.labels import listing
from confed.treaty.model import Treaty
from confed.treaty.permanent_status import HOLY_SITES
from confed.treaty.provision_words import KINDS, SECTIONS, SITE_NAMES, SOVEREIGN_WORDS
from confed.treaty.texts import translated
from confed.web.layout import esc, in_lang


def treaty_text(t: Treaty, path: str) -> str:
    """A treaty text in the page's language (English, marked so, where not translated)."""
    return in_lang(*translated(t, path))


def _party(t: Treaty, who: str) -> str:
    """A state, third party or body by its treaty name; other words as written (English)."""
    for kind in ("states", "third_parties", "bodies"):
        if who in getattr(t, kind):
            return treaty_text(t, f"{kind}.{who}.name")
    return in_lang(who, "en")


def _basis(t: Treaty, path: str, clause: Any) -> str:
    """A clause's citations (as written, English), an unverified mark and its assumption."""
    parts = [f'<bdi lang="en">{esc(s)}</bdi>' for s in clause.source or []]
    if clause.citation == "unverified":
        parts.append(esc(_("citation unverified")))
    if clause.assumption:
        assumption = treaty_text(t, f"{path}.assumption")
        parts.append(esc(_("assumption: {text}")).format(text=assumption))
    return f'<small class="cite">{"; ".join(parts)}</small>'


def _note(t: Treaty, path: str, note: str | None) -> str:
    return f"<br><small>{treaty_text(t, f'{path}.note')}</small>" if note else ""


def _paragraph(message: str) -> str:
    return f"<p>{esc(_(message))}</p>"


def _section(anchor: str, body: str) -> str:
    title = esc(_(dict(SECTIONS)[anchor]))
    return f'<section id="{anchor}"><h2>{title}</h2>{body}</section>'


def _heads(*words: str) -> list[str]:
    return [esc(_(w)) for w in words]


def _silent() -> str:
    return esc(_("the text is silent"))


def _gates(t: Treaty, start: int) -> str:
    rows = [
        [
            f'<th scope="row">{treaty_text(t, f"phases.{pid}.title")} '
            f"<small>(<code>{esc(pid)}</code>)</small></th>",
            esc(start + p.start),
            marked(gate_text(p.gate)),
            _basis(t, f"phases.{pid}.gate", p.gate),
        ]
        for pid, p in t.phases.items()
        if p.gate is not None
    ]
    if not rows:
        return _section("gates", _paragraph(N_("Every phase begins on its date.")))
    head = _heads(N_("phase"), N_("earliest year"), N_("begins"), N_("basis"))
    caption = _(
        "A gated phase begins in the first year after its conditions held the year before, "
        "or at its latest year (counted from entry into force)."
    )
    return _section("gates", table_html(head, rows, esc(caption)))


def _property(t: Treaty) -> str:
    if not t.property_:
        return _section("property", _paragraph(N_("Not encoded in this treaty file.")))
    rows = []
    for pid, p in t.property_.items():
        path = f"property.{pid}"
        provides = _silent() if p.silent else esc(listing([_(KINDS[k]) for k in p.kind or []]))
        if p.body and not p.silent:
            provides += f" ({treaty_text(t, f'{path}.body')})"
        rows.append(
            [
                treaty_text(t, f"{path}.covers"),
                provides,
                _basis(t, path, p) + _note(t, path, p.note),
            ]
        )
    head = _heads(N_("property"), N_("what the text provides"), N_("basis"))
    return _section("property", table_html(head, rows))


def _sovereign(t: Treaty, sovereign: str | None) -> str:
    if sovereign is None:
        return esc(_("not stated"))
    if sovereign in SOVEREIGN_WORDS:
        return esc(_(SOVEREIGN_WORDS[sovereign]))
    return _party(t, sovereign)


def _holy_sites(t: Treaty) -> str:
    rows = []
    for site in HOLY_SITES:
        clause = t.holy_sites.get(site)
        path = f"holy_sites.{site}"
        name = f'<th scope="row">{esc(_(SITE_NAMES[site]))}</th>'
        if clause is None or clause.silent:
            said = _silent() if clause else esc(_("not encoded in this treaty file"))
            basis = _basis(t, path, clause) + _note(t, path, clause.note) if clause else ""
            rows.append([name, f'<td colspan="3">{said}</td>', basis])
            continue
        admin = [_party(t, who) for who in clause.administered_by or []]
        access = treaty_text(t, f"{path}.access") if clause.access else esc(_("not stated"))
        rows.append(
            [
                name,
                _sovereign(t, clause.sovereign),
                listing(admin) if admin else esc(_("not stated")),
                access,
                _basis(t, path, clause) + _note(t, path, clause.note),
            ]
        )
    head = _heads(
        N_("site"), N_("sovereign"), N_("administered by"), N_("who may enter"), N_("basis")
    )
    return _section("holy-sites", table_html(head, rows))


def _recognised(t: Treaty, sid: str) -> str:
    r = t.recognition[sid]
    if r.silent:
        return _silent()
    parties = [_party(t, who) for who in r.by or []]
    by = listing(parties) if parties else esc(_("not stated"))
    said = esc(_("by {who}")).format(who=by)
    if r.as_:
        said += esc(_(", as {what}")).format(what=treaty_text(t, f"recognition.{sid}.as"))
    return said


def _recognition(t: Treaty) -> str:
    rows = [
        [
            f'<th scope="row">{treaty_text(t, f"states.{sid}.name")}</th>',
            _recognised(t, sid) if sid in t.recognition else esc(_("not encoded")),
            _basis(t, f"recognition.{sid}", t.recognition[sid])
            + _note(t, f"recognition.{sid}", t.recognition[sid].note)
            if sid in t.recognition
            else "",
        ]
        for sid in t.states
    ]
    head = _heads(N_("state"), N_("recognised"), N_("basis"))
    return _section("recognition", table_html(head, rows))


def _trust(t: Treaty) -> str:
    if not t.trust_measures:
        return _section("trust", _paragraph(N_("None encoded in this treaty file.")))
    rows = [
        [
            treaty_text(t, f"trust_measures.{mid}.description"),
            treaty_text(t, f"phases.{m.phase}.title") if m.phase else "—",
            _basis(t, f"trust_measures.{mid}", m),
        ]
        for mid, m in t.trust_measures.items()
    ]
    head = _heads(N_("measure"), N_("phase"), N_("basis"))
    return _section("trust", table_html(head, rows))


def provisions_html(t: Treaty, start: int) -> str:
    """Every section of this module for treaty `t` entering into force in `start`."""
    return _gates(t, start) + _property(t) + _holy_sites(t) + _recognition(t) + _trust(t)
