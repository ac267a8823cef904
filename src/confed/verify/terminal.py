"""`confed verify` in the terminal, in the current language.

English prints the verdicts as before: the checker's titles and details, ids named by
`confed.plain.Names`. Arabic and Hebrew take each invariant's title and reading from
the catalogue, a detail from its message (`Verdict.said`) with the fields named in the
language, and a counterexample key by key: facts and values by the glossary's terms,
ids by the treaty's translations or the place table, English text isolated as data.
"""

from __future__ import annotations

import re
from typing import Any

from confed.i18n import N_, _, isolate
from confed.i18n.formats import number
from confed.i18n.terms import RIGHT_LABELS, term
from confed.plain import Names
from confed.termtable import print_text
from confed.treaty.model import Treaty
from confed.treaty.show_words import ShowWords
from confed.verify.catalog import INVARIANTS, READING_WORDS
from confed.verify.verdict import English, Said, Verdict

COLOURS = {"met": "green", "not met": "yellow"}
"""A claimed goal's reading in colour; a measured fact's is dimmed."""

KEYS = {
    "person": N_("person"),
    "citizenship": N_("citizenship before the treaty"),
    "residence": N_("place of residence"),
    "phase": N_("phase"),
    "from_phase": N_("from phase"),
    "year": N_("year"),
    "right": N_("right"),
    "domain": N_("domain"),
    "body": N_("body"),
    "court": N_("court"),
    "check": N_("check"),
    "coalition": N_("coalition"),
    "detail": N_("detail"),
    "regime": N_("regime"),
    "open_city": N_("open city"),
    "end_of_claims": N_("end of claims"),
    "people": N_("a people"),
    "assembly": N_("assembly"),
    "assemblies_where_it_is_the_majority": N_("assemblies where it is the majority"),
    "share_of_its_adults_voting_there": N_("share of its adults voting there"),
    "electorate_share": N_("share of the electorate"),
    "mirror_has_no_counterpart_with": N_("the mirror image has no counterpart with"),
    "transitional_administration": N_("transitional administration"),
    "until": N_("until"),
    "external": N_("external security"),
    "borders": N_("borders"),
    "foreign_forces": N_("foreign forces"),
    "who": N_("who"),
    "zones": N_("zones"),
    "third_party_banzhaf_in_last_phase": N_("third parties' Banzhaf power in the last phase"),
    "blocked_by": N_("blocked by"),
    "proof": N_("proof"),
    "last_year": N_("last year of the run"),
    "values": N_("values in that year"),
}
"""The keys of a counterexample, in words (facts not listed here are the glossary's)."""

PER_STATE = {"own": N_("{right}, own state"), "other": N_("{right}, other state")}
"""A right seen from the person's own state or the other (reciprocity's mirror image)."""

STATED = {"not stated": N_("not stated"), "not final": N_("not final")}
"""How a treaty file states its end of claims, when it does not."""

PEOPLES = {"Jewish": N_("the Jewish people"), "Palestinian Arab": N_("the Palestinian Arab people")}
"""The two peoples the aims are measured for (`confed.verify.aims.PEOPLES`)."""

ENGLISH_KEYS = {"who", "blocked_by", "proof", "transitional_administration"}
"""Keys whose values are English text from the treaty file or the gate's condition."""


def print_verdicts(treaty: Treaty, verdicts: list[Verdict]) -> None:
    """Every verdict: the claimed goals first, then the properties the text does not claim."""
    words, name = ShowWords(treaty), Names(treaty)
    title = treaty.title if words.en else words.text("title")
    heading = _("{treaty} ({id}): invariants").format(treaty=title, id=words.data(treaty.id))
    print_text(heading, style="bold")
    print_text(_("Goals the text claims"), style="bold")
    claimed = [v for v in verdicts if v.claimed]
    for v in claimed:
        _print_verdict(v, words, name)
    if not claimed:
        none = _("none: the treaty file's {field} lists none of these invariants")
        print_text(none.format(field=words.data("`intends:`")), first="  ")
    print_text(_("Properties the text does not claim (measured, not goals)"), style="bold")
    for v in (v for v in verdicts if not v.claimed):
        _print_verdict(v, words, name)


def _print_verdict(v: Verdict, words: ShowWords, name: Names) -> None:
    """One invariant's reading, then its counterexample, detail and clauses."""
    reading = _(READING_WORDS[v.reading])
    title = v.title if words.en else _(INVARIANTS[v.id])
    style = COLOURS.get(v.reading, "dim")
    print_text(f"{reading}: {title}", first="  ", indent=4, style=style)
    if v.counterexample:
        facts = name.text(v.counterexample) if words.en else _facts(v.counterexample, words)
        print_text(_("counterexample: {facts}").format(facts=facts), first="    ", indent=6)
    if v.detail:
        said = name.text(v.detail) if words.en else _detail(v, words)
        print_text(said, first="    ", indent=6)
    if v.status == "does-not-hold" and v.sources:
        clause = _("clause: {sources}").format(sources=words.data("; ".join(v.sources)))
        print_text(clause, first="    ", indent=6)


def _detail(v: Verdict, words: ShowWords) -> str:
    """A detail from its message; one given only in English is shown as English."""
    return _said(v.said, words) if v.said is not None else words.data(v.detail or "")


def _said(said: Said, words: ShowWords) -> str:
    """A detail's message in the current language, its fields named."""
    fields = {key: _field(value, words) for key, value in said.fields.items()}
    return _(said.message).format(**fields)


def _field(value: Any, words: ShowWords) -> str:
    """A field of a detail: a detail, English text, a number or year, an id or ids."""
    if isinstance(value, Said):
        return _said(value, words)
    if isinstance(value, English):
        return words.data(value)
    if isinstance(value, list):
        joint = _("; ") if value and isinstance(value[0], Said) else _(", ")
        return joint.join(_field(v, words) for v in value)
    if isinstance(value, int):
        return str(value)
    return _named(value, words)


def _named(value: Any, words: ShowWords) -> str:
    """An id by its name: a body by the treaty's translation, else as `ShowWords` names it."""
    if isinstance(value, str) and value in words.treaty.bodies:
        return words.text(f"bodies.{value}.name")
    return words(value)


def _facts(facts: dict[str, Any], words: ShowWords) -> str:
    """A counterexample, key by key ('status: registered refugee; …')."""
    return _("; ").join(f"{_key(k)}: {_value(k, v, words)}" for k, v in facts.items())


def _key(key: str) -> str:
    """A counterexample's key in words: a right seen from a state, a listed key, a fact."""
    mirrored = re.fullmatch(r"(may_\w+?)_(own|other)_state", key)
    if mirrored:
        return _(PER_STATE[mirrored.group(2)]).format(right=term("right", mirrored.group(1)))
    if key in KEYS:
        return _(KEYS[key])
    if key in ("status", "zone", "state"):
        return term("fact", key)
    return term("right", key) if key in RIGHT_LABELS else isolate(key)


def _value(key: str, value: Any, words: ShowWords) -> str:
    """A counterexample's value in words, read by what its key says it is."""
    if isinstance(value, dict):
        if all(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()):
            return _(", ").join(f"{_party(k, words)} {_number(v)}" for k, v in value.items())
        return _("; ").join(f"{_party(k, words)}: {_value(k, v, words)}" for k, v in value.items())
    if isinstance(value, list):
        return _(", ").join(_value(key, v, words) for v in value) or term("value", "none")
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if key in ENGLISH_KEYS:
        return words.data(str(value))
    if key in ("status", "zone", "zones"):
        return term("status" if key == "status" else "zone", value)
    if key == "regime":
        return words.regime(value)
    if key == "people":
        return _(PEOPLES.get(value, value))
    if key == "end_of_claims":
        return _(STATED.get(value, value))
    if key == "right":
        return term("right", value)
    if key == "check":
        return words.data(value)
    return _named(value, words)


def _party(key: str, words: ShowWords) -> str:
    """A key inside a counterexample's value: a party, a people, a force or a fact."""
    if key in PEOPLES:
        return _(PEOPLES[key])
    if key in KEYS or key in RIGHT_LABELS or key in ("status", "zone") or key.startswith("may_"):
        return _key(key)
    return _named(key, words)


def _number(value: float) -> str:
    """A share or index as English's '{:,.4g}' gives it, in the current language."""
    text = f"{value:.4g}"
    digits = len(text.partition(".")[2]) if "e" not in text else 4
    return number(value, digits)
