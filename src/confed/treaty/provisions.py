"""Property, holy sites, recognition and trust measures: their checks and their words.

These clauses describe what a text provides; the engine does not compute with them,
but `confed show`, `confed route --site` and the explorer answer from them, each
with its citation, and say so where the text is silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from confed.treaty.gates import gate_text
from confed.treaty.model import HolySite, PropertyProvision, Recognition, Treaty
from confed.treaty.permanent_status import HOLY_SITES

SOVEREIGNS = ("shared", "deferred")
"""Besides a state id, what a holy site's `sovereign:` may say."""


def provision_problems(t: Treaty) -> Iterator[tuple[tuple[Any, ...], str, str | None, None]]:
    """Names these clauses use that the treaty does not define."""
    holders = [*t.states, *t.third_parties, *t.bodies]
    for site, clause in t.holy_sites.items():
        path = ("holy_sites", site)
        if clause.sovereign is not None and clause.sovereign not in [*t.states, *SOVEREIGNS]:
            expected = ", ".join([*t.states, *SOVEREIGNS])
            yield (*path, "sovereign"), f"unknown sovereign '{clause.sovereign}'", expected, None
        for i, who in enumerate(clause.administered_by or []):
            if who not in holders:
                yield (
                    (*path, "administered_by", i),
                    f"unknown party '{who}'",
                    ("a state, third party or body of the treaty: " + ", ".join(holders)),
                    None,
                )
    for state in t.recognition:
        if state not in t.states:
            yield ("recognition", state), f"unknown state '{state}'", ", ".join(t.states), None
    for mid, measure in t.trust_measures.items():
        if measure.phase is not None and measure.phase not in t.phases:
            path = ("trust_measures", mid, "phase")
            yield path, f"unknown phase '{measure.phase}'", ", ".join(t.phases), None


def basis(clause: Any) -> str:
    """A clause's citations, then its assumption, in one line."""
    parts = list(clause.source or [])
    if clause.citation == "unverified":
        parts.append("citation unverified")
    if clause.assumption:
        parts.append(f"assumption: {clause.assumption.strip()}")
    return "; ".join(parts)


def property_text(p: PropertyProvision) -> str:
    """What a property provision provides, in words.

    >>> property_text(PropertyProvision(covers="refugees' property", kind=["compensation"],
    ...     body="an international fund", source=["geneva-initiative-2003 § Art. 7"]))
    'compensation (an international fund)'
    >>> property_text(PropertyProvision(covers="x", silent=True, source=["alfa-principles"]))
    'the text is silent'
    """
    if p.silent:
        return "the text is silent"
    body = f" ({p.body})" if p.body else ""
    return " and ".join(p.kind or []) + body


def site_answer(t: Treaty, site: str) -> dict[str, Any]:
    """Who holds, administers and may enter `site` under `t`, with the clause's basis."""
    clause: HolySite | None = t.holy_sites.get(site)
    out: dict[str, Any] = {"treaty": t.id, "site": site, "name": HOLY_SITES[site]}
    if clause is None:
        return {
            **out,
            "encoded": False,
            "silent": None,
            "sovereign": None,
            "administered_by": [],
            "access": None,
            "source": [],
            "assumption": None,
            "note": "The treaty file does not encode this site.",
        }
    from confed.plain import Names  # plain words read the treaty model

    names = {
        **{k: s.name for k, s in t.states.items()},
        **{k: p.name for k, p in t.third_parties.items()},
        **{k: b.name for k, b in t.bodies.items()},
    }
    return {
        **out,
        "encoded": True,
        "silent": clause.silent,
        "sovereign": clause.sovereign,
        "sovereign_name": Names(t)(clause.sovereign) if clause.sovereign else None,
        "administered_by": [
            {"id": w, "name": names.get(w, w)} for w in clause.administered_by or []
        ],
        "access": clause.access,
        "source": clause.source or [],
        "citation": clause.citation,
        "assumption": clause.assumption,
        "note": clause.note,
    }


def site_lines(answer: dict[str, Any]) -> list[str]:
    """A site answer as plain lines for the terminal (no line wider than needed).

    >>> site_lines({"name": "Western Wall", "encoded": True, "silent": True,
    ...     "source": ["dajani-yehuda-2024"], "assumption": None, "note": None})
    ['Western Wall: the text is silent', '  basis: dajani-yehuda-2024']
    """
    head = answer["name"]
    if not answer["encoded"]:
        return [f"{head}: {answer['note']}"]
    if answer["silent"]:
        lines = [f"{head}: the text is silent"]
    else:
        admin = ", ".join(a["name"] for a in answer["administered_by"]) or "not stated"
        lines = [
            head,
            f"  sovereign: {answer['sovereign_name'] or 'not stated'}",
            f"  administered by: {admin}",
            f"  access: {answer['access'] or 'not stated'}",
        ]
    cited = "; ".join(answer["source"])
    if answer.get("citation") == "unverified":
        cited += " (citation unverified)"
    lines.append(f"  basis: {cited}")
    if answer["assumption"]:
        lines.append(f"  assumption: {answer['assumption']}")
    if answer["note"]:
        lines.append(f"  note: {answer['note']}")
    return lines


def recognition_text(r: Recognition, t: Treaty | None = None) -> str:
    """The recognition a state receives, in words (recognisers named as `t` names them).

    >>> recognition_text(Recognition(by=["PS"], as_="a sovereign state",
    ...     source=["geneva-initiative-2003 § Art. 2"]))
    'by PS, as a sovereign state'
    >>> from confed.treaty.load import load_treaty
    >>> recognition_text(Recognition(by=["PS"], as_="a sovereign state",
    ...     source=["geneva-initiative-2003 § Art. 2"]), load_treaty("separation").treaty)
    'by Palestine, as a sovereign state'
    >>> recognition_text(Recognition(silent=True, source=["alfa-principles"]))
    'the text is silent'
    """
    from confed.plain import Names

    if r.silent:
        return "the text is silent"
    name = Names(t) if t is not None else str
    by = "by " + ", ".join(map(name, r.by)) if r.by else "by whom not stated"
    return by + (f", as {r.as_}" if r.as_ else "")


def provision_lines(t: Treaty) -> list[str]:
    """Gates, property, holy sites, recognition and trust measures as plain lines.

    What `confed show` prints after the phases; a topic the file does not encode says so.
    """
    lines = ["Gated phases"]
    gated = [(pid, p.gate) for pid, p in t.phases.items() if p.gate is not None]
    for pid, g in gated:
        lines += [f"  {pid}: from year {t.phases[pid].start}, {gate_text(g)}"]
        lines += [f"    basis: {basis(g)}"]
    if not gated:
        lines.append("  none: every phase begins on its date")
    lines.append("Property")
    for pid, p in t.property_.items():
        lines += [f"  {pid}: {p.covers}: {property_text(p)}", f"    basis: {basis(p)}"]
    if not t.property_:
        lines.append("  not encoded in this treaty file")
    lines.append("Holy sites (confed route TREATY --site ID for one)")
    for site, name in HOLY_SITES.items():
        answer = site_answer(t, site)
        if not answer["encoded"]:
            lines.append(f"  {name}: not encoded")
        elif answer["silent"]:
            lines.append(f"  {name}: the text is silent")
        else:
            admin = ", ".join(a["name"] for a in answer["administered_by"]) or "not stated"
            lines.append(
                f"  {name}: sovereign {answer['sovereign_name'] or 'not stated'}; "
                f"administered by {admin}"
            )
    lines.append("Recognition")
    for state, s in t.states.items():
        r = t.recognition.get(state)
        lines.append(f"  {s.name}: {recognition_text(r, t) if r else 'not encoded'}")
    if t.trust_measures:
        lines.append("Trust-building measures")
        for mid, m in t.trust_measures.items():
            phase = f" (phase {m.phase})" if m.phase else ""
            lines += [f"  {mid}{phase}: {m.description}", f"    basis: {basis(m)}"]
    return lines
