"""Why a person has each right: the deciding rule, the conditions it tested, the source.

An explanation walks the same compiled tables as the vectorized engine, for one type:
it never re-derives a value, it only reports which rule put it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from confed.rights.compile import CompiledTreaty, Facts, RuleRef
from confed.rights.engine import RightsResult
from confed.sources import parse_citation, registry
from confed.treaty.model import Cited
from confed.vocab import PER_STATE_RIGHTS, RIGHTS, ZONES


@dataclass(frozen=True)
class Because:
    """One output of an answer with the clause that decided it."""

    output: str
    value: Any
    rule: str
    clause: str
    conditions: tuple[tuple[str, str, str], ...]
    citations: tuple[str, ...]
    assumption: str | None
    references: tuple[str, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Each citation followed by its document's full reference."""
        return tuple(
            f"{c} — {r}" if r else c for c, r in zip(self.citations, self.references, strict=True)
        )

    def as_json(self) -> dict[str, Any]:
        """The `explain` item of `confed rights --json`."""
        return {
            "output": self.output,
            "value": _jsonable(self.value),
            "rule": self.rule,
            "clause": self.clause,
            "source": "; ".join(self.sources) if self.sources else None,
            "assumption": self.assumption,
            "conditions": [{"fact": f, "required": w, "actual": a} for f, w, a in self.conditions],
        }


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def cite(clause: Cited, compiled: CompiledTreaty) -> dict[str, Any]:
    """A clause's citations, their documents' references and its assumption, as fields."""
    docs = {**registry(), **compiled.treaty.sources}
    citations = [parse_citation(text) for text in clause.source or []]
    return {
        "citations": tuple(str(c) for c in citations),
        "references": tuple(docs[c.doc].reference() if c.doc in docs else "" for c in citations),
        "assumption": clause.assumption,
    }


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(_show, value)) + "]"
    if hasattr(value, "not_"):
        return "not " + _show(value.not_)
    return str(value)


def _conditions(ref: RuleRef, facts: Facts, i: int) -> tuple[tuple[str, str, str], ...]:
    out = []
    for fact, wanted in getattr(ref.clause, "when", {}).items():
        actual = facts.vocab[fact][facts.codes[fact][i]]
        out.append((fact, _show(wanted), _show(actual)))
    return tuple(out)


def _clause_text(ref: RuleRef, conditions: tuple[tuple[str, str, str], ...]) -> str:
    clause = ref.clause
    when = " and ".join(f"{f} is {w}" for f, w, _ in conditions) or "always"
    span = ""
    first, last = getattr(clause, "from_", None), getattr(clause, "until", None)
    if first or last:
        span = f" (phases {first or 'first'} to {last or 'last'})"
    if ref.rank == "default":
        text = f"by default, {ref.right} is {_show(clause.value)}"
    else:
        kind = "rule" if ref.rank == "rules" else "exception"
        text = f"{kind} '{ref.label}': when {when}, {ref.right} is {_show(clause.value)}{span}"
    note = getattr(clause, "note", None)
    return f"{text}. {note}" if note else text


def _because(
    output: str, value: Any, ref: RuleRef, facts: Facts, i: int, compiled: CompiledTreaty
) -> Because:
    conditions = _conditions(ref, facts, i)
    return Because(
        output,
        value,
        ".".join(ref.path),
        _clause_text(ref, conditions),
        conditions,
        **cite(ref.clause, compiled),
    )


def explain(result: RightsResult, row: int = 0, start_year: int | None = None) -> list[Because]:
    """The trace of every output for one row of a rights result."""
    c = result.compiled
    t = int(result.types[row])
    k = result.phase
    treaty = c.treaty
    name = c.phases[k]
    phase = treaty.phases[name]
    span = f"years {phase.start}–{phase.end - 1}" if phase.end else f"year {phase.start} on"
    if start_year is not None:
        first = start_year + phase.start
        span += (
            f" after entry into force ({first}–{start_year + phase.end - 1})"
            if phase.end
            else f" after entry into force ({first} on)"
        )
    if phase.gate is not None:
        from confed.treaty.gates import gate_text

        span += (
            f"; a gated phase, taken to begin on its earliest year: it begins "
            f"{gate_text(phase.gate)} (a simulation measures which)"
        )
    out = [Because("phase", name, f"phases.{name}", f"{phase.title}: {span}", (), **cite(phase, c))]
    place = int(c.space.place[t])
    place_id = c.places.ids[place]
    holder = c.sovereign_vocab[c.sovereign[t]]
    listed = [h for h, ids in treaty.territory.places.items() if place_id in ids]
    zone = ZONES[c.places.zone[place]]
    rule = f"territory.places.{listed[0]}" if listed else f"territory.zones.{zone}"
    reason = (
        f"{place_id} is listed as held by {holder}"
        if listed
        else (f"{place_id} lies in zone {zone}, held by {holder}")
    )
    out.append(
        Because(
            "sovereign",
            holder,
            rule,
            reason,
            (("place", place_id, place_id),),
            **cite(treaty.territory, c),
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
