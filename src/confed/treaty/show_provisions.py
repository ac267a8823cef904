"""The provisions (gates, property, holy sites, recognition, trust) in `show` and `route`.

English prints `provisions.provision_lines` as before; other languages get the same
outline from catalogue messages (`provision_words`, shared with the explorer's treaty
page) and the treaty's translations; a gate's condition is `gates.gate_text`'s.
"""

from __future__ import annotations

from typing import Any

from confed.i18n import _
from confed.treaty.gates import gate_text
from confed.treaty.labels import listing
from confed.treaty.model import Treaty
from confed.treaty.permanent_status import HOLY_SITES
from confed.treaty.provision_words import KINDS, SECTIONS, SITE_NAMES, SOVEREIGN_WORDS
from confed.treaty.provisions import provision_lines, site_answer, site_lines
from confed.treaty.show_words import ShowWords


def outline(t: Treaty, name: ShowWords) -> list[str]:
    """The provisions as lines whose leading spaces give their depth (`print_outline`)."""
    if name.en:
        return provision_lines(t)
    title = {key: _(label) for key, label in SECTIONS}
    lines = [title["gates"]]
    gated = [(pid, p.gate) for pid, p in t.phases.items() if p.gate is not None]
    for pid, g in gated:
        lines.append(
            "  "
            + _("{phase}: from year {year}, {condition}").format(
                phase=name.text(f"phases.{pid}.title"),
                year=t.phases[pid].start,
                condition=gate_text(g),
            )
        )
        lines.append(_basis(t, name, f"phases.{pid}.gate", g))
    if not gated:
        lines.append("  " + _("Every phase begins on its date."))
    lines.append(title["property"])
    for pid, p in t.property_.items():
        path = f"property.{pid}"
        provides = (
            _("the text is silent") if p.silent else listing([_(KINDS[k]) for k in p.kind or []])
        )
        if p.body and not p.silent:
            provides += f" ({name.text(f'{path}.body')})"
        lines += [f"  {name.text(f'{path}.covers')}: {provides}", _basis(t, name, path, p)]
    if not t.property_:
        lines.append("  " + _("Not encoded in this treaty file."))
    command = name.data("confed route TREATY --site ID")
    lines.append(_("{section} (one of them: {command})").format(
        section=title["holy-sites"], command=command))  # fmt: skip
    lines += [f"  {_(SITE_NAMES[site])}: {_site(t, name, site)}" for site in HOLY_SITES]
    lines.append(title["recognition"])
    for sid in t.states:
        said = _recognised(t, name, sid) if sid in t.recognition else _("not encoded")
        lines.append(f"  {name.text(f'states.{sid}.name')}: {said}")
    if t.trust_measures:
        lines.append(title["trust"])
        for mid, m in t.trust_measures.items():
            phase = f" ({name.text(f'phases.{m.phase}.title')})" if m.phase else ""
            description = name.text(f"trust_measures.{mid}.description")
            lines += [f"  {description}{phase}", _basis(t, name, f"trust_measures.{mid}", m)]
    return lines


def _basis(t: Treaty, name: ShowWords, path: str, clause: Any) -> str:
    """A clause's citations (isolated as written), an unverified mark and its assumption."""
    parts = [name.data(s) for s in clause.source or []]
    if clause.citation == "unverified":
        parts.append(_("citation unverified"))
    if clause.assumption:
        parts.append(_("assumption: {text}").format(text=name.text(f"{path}.assumption")))
    return "    " + _("basis: {basis}").format(basis="; ".join(parts))


def _site(t: Treaty, name: ShowWords, site: str) -> str:
    clause = t.holy_sites.get(site)
    if clause is None:
        return _("not encoded in this treaty file")
    if clause.silent:
        return _("the text is silent")
    stated = _("not stated")
    sovereign = (
        _(SOVEREIGN_WORDS[clause.sovereign])
        if clause.sovereign in SOVEREIGN_WORDS
        else name(clause.sovereign)
        if clause.sovereign
        else stated
    )
    admin = [name(who) for who in clause.administered_by or []]
    return _("sovereign: {sovereign}; administered by: {admin}").format(
        sovereign=sovereign, admin=listing(admin) if admin else stated
    )


def _recognised(t: Treaty, name: ShowWords, sid: str) -> str:
    r = t.recognition[sid]
    if r.silent:
        return _("the text is silent")
    by = listing([name(who) for who in r.by]) if r.by else _("not stated")
    said = _("by {who}").format(who=by)
    if r.as_:
        said += _(", as {what}").format(what=name.text(f"recognition.{sid}.as"))
    return said


def site_outline(t: Treaty, site: str, name: ShowWords) -> list[str]:
    """`confed route --site`: who holds, administers and may enter a site, as lines."""
    if name.en:
        return [f"Under {t.title}:", *site_lines(site_answer(t, site))]
    path = f"holy_sites.{site}"
    head = [_("Under {treaty}:").format(treaty=name.text("title"))]
    clause = t.holy_sites.get(site)
    if clause is None or clause.silent:
        return [*head, f"{_(SITE_NAMES[site])}: {_site(t, name, site)}", *_cited(t, name, path)]
    stated = _("not stated")
    access = name.text(f"{path}.access") if clause.access else stated
    return [
        *head,
        _(SITE_NAMES[site]),
        "  " + _site(t, name, site),
        "  " + _("who may enter: {access}").format(access=access),
        *_cited(t, name, path),
    ]


def _cited(t: Treaty, name: ShowWords, path: str) -> list[str]:
    """A site clause's basis and note, two spaces in; nothing for a site not encoded."""
    clause = t.holy_sites.get(path.rsplit(".", 1)[1])
    if clause is None:
        return []
    basis = _basis(t, name, path, clause)[2:]
    if not clause.note:
        return [basis]
    return [basis, "  " + _("note: {text}").format(text=name.text(f"{path}.note"))]
