"""Why a person has each right: the deciding rule, the conditions it tested, the source.

An explanation walks the same compiled tables as the vectorized engine, for one type:
it never re-derives a value, it only reports which rule put it there.
"""

from __future__ import annotations

from typing import Any

from confed.i18n import _, current
from confed.i18n.terms import term
from confed.rights.because import Because
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import RightsResult
from confed.rights.facts import Facts, RuleRef
from confed.rights.wording import phase_text, sovereign_text
from confed.sources import parse_citation, registry
from confed.treaty.labels import isolate, word
from confed.treaty.model import Cited
from confed.treaty.phasing import Phase
from confed.treaty.texts import translated
from confed.vocab import PER_STATE_RIGHTS, RIGHTS, ZONES


def cite(clause: Cited, compiled: CompiledTreaty, path: str | None = None) -> dict[str, Any]:
    """A clause's citations, their documents' references and its assumption, as fields.

    With the clause's `path`, the assumption is in the reader's language where the
    treaty carries confed's translation of it.
    """
    docs = {**registry(), **compiled.treaty.sources}
    citations = [parse_citation(text) for text in clause.source or []]
    assumption, lang = clause.assumption, "en"
    if assumption and path is not None and current() != "en":
        assumption, lang = translated(compiled.treaty, f"{path}.assumption", assumption)
    return {
        "citations": tuple(str(c) for c in citations),
        "references": tuple(docs[c.doc].reference() if c.doc in docs else "" for c in citations),
        "assumption": assumption,
        "assumption_lang": lang,
    }


def show_value(value: Any) -> str:
    """A rule's or a fact's value as a trace shows it: booleans lower case, `not x`."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(show_value, value)) + "]"
    if hasattr(value, "not_"):
        return "not " + show_value(value.not_)
    return str(value)


def _conditions(ref: RuleRef, facts: Facts, i: int) -> tuple[tuple[str, str, str], ...]:
    out = []
    for fact, wanted in getattr(ref.clause, "when", {}).items():
        actual = facts.vocab[fact][facts.codes[fact][i]]
        out.append((fact, show_value(wanted), show_value(actual)))
    return tuple(out)


def _clause_text(
    ref: RuleRef, conditions: tuple[tuple[str, str, str], ...], c: CompiledTreaty
) -> str:
    if current() != "en":
        return _translated_clause(ref, conditions, c)
    clause = ref.clause
    when = " and ".join(f"{f} is {w}" for f, w, _ in conditions) or "always"
    span = ""
    first, last = getattr(clause, "from_", None), getattr(clause, "until", None)
    if first or last:
        span = f" (phases {first or 'first'} to {last or 'last'})"
    if ref.rank == "default":
        text = f"by default, {ref.right} is {show_value(clause.value)}"
    else:
        kind = "rule" if ref.rank == "rules" else "exception"
        text = f"{kind} '{ref.label}': when {when}, {ref.right} is {show_value(clause.value)}{span}"
    note = getattr(clause, "note", None)
    return f"{text}. {note}" if note else text


_FACT_KIND = {"zone": "zone", "status": "status"}
"""Facts whose values are zone or status ids (Gaza is both a zone and a status)."""


def _translated_clause(
    ref: RuleRef, conditions: tuple[tuple[str, str, str], ...], c: CompiledTreaty
) -> str:
    """The clause sentence in the reader's language, with the treaty's note translated."""
    clause, treaty = ref.clause, c.treaty
    right = term("right", ref.right)
    value = word(_plain(clause.value), treaty, c.places)
    if ref.rank == "default":
        text = _("by default, {right} is {value}").format(right=right, value=value)
    else:
        when = _(" and ").join(
            _("{fact} is {value}").format(
                fact=term("fact", f),
                value=word(
                    _plain(clause.when[f]), treaty, c.places, _FACT_KIND.get(f, "value"), "or"
                ),
            )
            for f, _w, _a in conditions
        ) or _("always")
        template = (
            _("rule: when {when}, {right} is {value}")
            if ref.rank == "rules"
            else _("exception: when {when}, {right} is {value}")
        )
        text = template.format(when=when, right=right, value=value)
        first, last = getattr(clause, "from_", None), getattr(clause, "until", None)
        if first or last:
            text += " " + _("(phases {first} to {last})").format(
                first=word(first, treaty, c.places) if first else _("first"),
                last=word(last, treaty, c.places) if last else _("last"),
            )
    if getattr(clause, "note", None):
        note, lang = translated(treaty, ".".join((*ref.path, "note")))
        text += _(". ") + (note if lang == current() else isolate(note))
    return text


def _plain(value: Any) -> Any:
    """A rule value or `when:` value as words can name it (`{not: x}` spelled out)."""
    if hasattr(value, "not_"):
        return [_("not"), *(_plain(value.not_) if isinstance(value.not_, list) else [value.not_])]
    return value


def rule_words(ref: RuleRef, compiled: CompiledTreaty) -> dict[str, Any]:
    """What a rule's trace says whoever it decides for, in the current language.

    Its clause in words, citations, references and assumption: every field of its
    `Because` but the output, the value and the person's facts.
    """
    wanted = tuple((f, show_value(w), "") for f, w in getattr(ref.clause, "when", {}).items())
    return {
        "clause": _clause_text(ref, wanted, compiled),
        **cite(ref.clause, compiled, ".".join(ref.path)),
    }


def _because(
    output: str, value: Any, ref: RuleRef, facts: Facts, i: int, compiled: CompiledTreaty
) -> Because:
    return Because(
        output,
        value,
        ".".join(ref.path),
        conditions=_conditions(ref, facts, i),
        **rule_words(ref, compiled),
    )


def phase_words(c: CompiledTreaty, name: str) -> tuple[str, str]:
    """A phase's title in the reader's language and its gate's clause ('' if none)."""
    phase = c.treaty.phases[name]
    title = phase.title if current() == "en" else translated(c.treaty, f"phases.{name}.title")[0]
    return title, _gate_text(phase)


def _phase_text(c: CompiledTreaty, name: str, start_year: int | None) -> str:
    """The phase's title and its years, counted from entry into force and in the calendar."""
    phase = c.treaty.phases[name]
    title, gate = phase_words(c, name)
    return phase_text(title, phase.start, phase.end, gate, start_year)


def _gate_text(phase: Phase) -> str:
    """For a gated phase, that it is taken to begin on its earliest year, and its gate."""
    if phase.gate is None:
        return ""
    from confed.treaty.gates import gate_text

    return _(
        "; a gated phase, taken to begin on its earliest year: it begins {gate} "
        "(a simulation measures which)"
    ).format(gate=gate_text(phase.gate))


def _sovereign_text(c: CompiledTreaty, place_id: str, zone: str, holder: str, listed: bool) -> str:
    """Why the place is under its sovereign: listed by name, or by its zone."""
    if current() == "en":
        return sovereign_text(place_id, zone, holder, listed)
    return sovereign_text(
        word(place_id, c.treaty, c.places), zone, word(holder, c.treaty, c.places), listed
    )


def explain(result: RightsResult, row: int = 0, start_year: int | None = None) -> list[Because]:
    """The trace of every output for one row of a rights result."""
    c = result.compiled
    t = int(result.types[row])
    k = result.phase
    treaty = c.treaty
    name = c.phases[k]
    phase = treaty.phases[name]
    out = [
        Because(
            "phase",
            name,
            f"phases.{name}",
            _phase_text(c, name, start_year),
            (),
            **cite(phase, c, f"phases.{name}"),
        )
    ]
    place = int(c.space.place[t])
    place_id = c.places.ids[place]
    holder = c.sovereign_vocab[c.sovereign[t]]
    listed = [h for h, ids in treaty.territory.places.items() if place_id in ids]
    zone = ZONES[c.places.zone[place]]
    rule = f"territory.places.{listed[0]}" if listed else f"territory.zones.{zone}"
    reason = _sovereign_text(c, place_id, zone, holder, bool(listed))
    out.append(
        Because(
            "sovereign",
            holder,
            rule,
            reason,
            (("place", place_id, place_id),),
            **cite(treaty.territory, c, "territory"),
        )
    )
    refs = c.refs["citizenship"]
    out.append(
        _because(
            "citizenship",
            result.values("citizenship")[row],
            refs[c.citizenship.rule[t]],
            c.base_facts,
            t,
            c,
        )
    )
    for right in RIGHTS:
        decided = c.outputs[right][k]
        refs = c.refs[right]
        if right in PER_STATE_RIGHTS:
            for s, state in enumerate(c.states):
                value = result.values(right, state)[row]
                ref = refs[decided.rule[s, t]]
                out.append(
                    _because(f"{right}.{state}", value, ref, c.state_facts, s * c.space.size + t, c)
                )
        else:
            value = result.values(right)[row]
            out.append(_because(right, value, refs[decided.rule[t]], c.right_facts, t, c))
    return out
