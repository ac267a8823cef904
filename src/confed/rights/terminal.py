"""`confed rights` in the terminal: one person's rights and the reasons, in plain words.

The answer and its trace are the engine's (`answer_for`, `explain`) or the cached
answer's (`rights.cached`); this module only prints them with the words a `Words`
gives (the treaty file's names, each deciding rule's conditions as a sentence), so it
imports no treaty model. `--json` keeps the ids.
"""

from __future__ import annotations

from typing import Any, Protocol

from confed.i18n import _, current, isolate
from confed.i18n.terms import term
from confed.plain import RIGHT_WORDS, STATUS_WORDS, a_or_an
from confed.rights.because import Answer, Because
from confed.termtable import Column, print_table, print_text
from confed.vocab import PER_STATE_RIGHTS


class Words(Protocol):
    """What printing an answer asks of a treaty (`rights.words.TreatyWords` reads it)."""

    title: str

    def __call__(self, value: Any) -> str:
        """A value or id as the reader sees it."""

    def zone(self, zone: str) -> str:
        """A zone in English words."""

    def rule_reason(self, rule: str) -> str:
        """Why the rule at trace path `rule` decided, in English."""


def person_text(answer: Answer, name: Words) -> tuple[str, str]:
    """Who is asked about, in words, and the note on an assumed status ('' if none)."""
    person = answer.data["person"]
    held = "none" if person["citizenship"] == "none" else name(person["citizenship"])
    status = a_or_an(STATUS_WORDS.get(person["status"], person["status"]))
    text = (
        f"citizenship before the treaty: {held}; status: {status}; living in "
        f"{name(person['residence'])} ({name.zone(person['zone'])})"
    )
    assumed = person["status_assumed"]
    return text, assumed.replace(f"'{person['status']}'", status) if assumed else ""


def answer_rows(answer: Answer, name: Words) -> list[list[str]]:
    """Each right and its answer, in words: [right, answer]."""
    d = answer.data
    rows = [[RIGHT_WORDS[k], name(d[k])] for k in ("sovereign", "citizenship")]
    rows += [[RIGHT_WORDS[k], name(d[k])] for k in ("national_vote", "local_vote")]
    for right in PER_STATE_RIGHTS:
        rows.append(
            [RIGHT_WORDS[right], "; ".join(f"{name(s)}: {name(v)}" for s, v in d[right].items())]
        )
    for key in ("relocation_required", "courts", "movement_restriction"):
        rows.append([RIGHT_WORDS[key], name(d[key])])
    return rows


def because_text(b: Because, name: Words) -> str:
    """Why one right holds, in a sentence: 'may live in Israel: yes, because …'."""
    return f"{_output(b.output, name)}: {name(b.value)}, because {_reason(b, name)}"


def print_answer(answer: Answer, name: Words) -> None:
    """The person, a table of rights, then why each holds, with its source."""
    if current() != "en":
        print_translated(answer, name)
        return
    d = answer.data
    print_text(f"{name.title}, {d['year']}", style="bold")
    print_text(
        f"Phase: {name(d['phase'])}; entry into force {d['start_year']}, {d['start_year_source']}"
    )
    person, assumed = person_text(answer, name)
    print_text(f"Person: {person}")
    if assumed:
        print_text(assumed, style="yellow")
    print_table([Column("right"), Column("answer")], answer_rows(answer, name))
    print_text("Why", style="bold")
    references: dict[str, str] = {}
    for b in answer.because:
        print_text(f"{because_text(b, name)} [{'; '.join(b.citations)}]",
                   first="  ", indent=4)  # fmt: skip
        if b.assumption:
            print_text(f"assumption: {b.assumption.strip()}", first="    ", indent=6)
        for citation, reference in zip(b.citations, b.references, strict=True):
            references.setdefault(citation.split(" § ")[0], reference)
    print_text("Sources", style="bold")
    for doc, reference in references.items():
        print_text(f"[{doc}] {reference}", first="  ", indent=4)


def _output(output: str, name: Words) -> str:
    right, _, state = output.partition(".")
    return f"{RIGHT_WORDS[right]} {name(state)}" if state else RIGHT_WORDS[right]


def _reason(b: Because, name: Words) -> str:
    """The deciding clause in words: the phase's span, the territory, or a rule."""
    path = b.rule.split(".")
    if path[0] == "phases":
        return "it covers " + b.clause.removeprefix(f"{name(b.value)}: ")
    if path[0] == "territory":
        ((_, place, _),) = b.conditions
        where = (
            f"{name(place)} is listed as held by {name(b.value)}"
            if path[1] == "places"
            else f"{name(place)} lies in {name.zone(path[2])}, held by {name(b.value)}"
        )
        return where
    return name.rule_reason(b.rule)


def print_translated(answer: Answer, said: Words) -> None:
    """The answer in Arabic or Hebrew, from the glossary's terms and the treaty's names.

    The reasons are the engine's own, worded in the reader's language by `explain`.
    """
    d = answer.data
    person = d["person"]
    print_text(f"{said.title}, {d['year']}", style="bold")
    print_text(
        _("Phase: {phase}; entry into force {year}, {source}").format(
            phase=said(d["phase"]), year=d["start_year"], source=d["start_year_source"]
        )
    )
    print_text(
        _(
            "Person: citizenship before the treaty: {held}; status: {status}; "
            "living in {place} ({zone})"
        ).format(
            held=term("citizenship", person["citizenship"]),
            status=term("status", person["status"]),
            place=said(person["residence"]),
            zone=term("zone", person["zone"]),
        )
    )
    if person["status_assumed"]:
        print_text(person["status_assumed"], style="yellow")
    rows = [
        [term("right", k), said(d[k])]
        for k in ("sovereign", "citizenship", "national_vote", "local_vote")
    ]
    for right in PER_STATE_RIGHTS:
        per_state = _("; ").join(f"{said(s)}: {said(v)}" for s, v in d[right].items())
        rows.append([term("right", right), per_state])
    rows += [
        [term("right", k), said(d[k])]
        for k in ("relocation_required", "courts", "movement_restriction")
    ]
    print_table([Column(_("right")), Column(_("answer"))], rows)
    print_text(_("Why"), style="bold")
    references: dict[str, str] = {}
    for b in answer.because:
        right, _dot, state = b.output.partition(".")
        output = f"{term('right', right)} {said(state)}" if state else term("right", right)
        reason = _("{right}: {value} — {reason}").format(
            right=output, value=said(b.value), reason=b.clause
        )
        print_text(f"{reason} [{isolate('; '.join(b.citations))}]", first="  ", indent=4)
        if b.assumption:
            text = _("assumption: {text}").format(text=b.assumption.strip())
            print_text(text, first="    ", indent=6)
        for citation, reference in zip(b.citations, b.references, strict=True):
            references.setdefault(citation.split(" § ")[0], reference)
    print_text(_("Sources"), style="bold")
    for doc, reference in references.items():
        print_text(f"[{doc}] {reference}", first="  ", indent=4)
