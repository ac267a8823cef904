"""The words `confed show` prints for a treaty, in the current language.

English keeps the treaty file's own names and the engine's sentences (`confed.plain`,
`confed.treaty.describe`), as before. In Arabic and Hebrew, names come from the
treaty's translations and the glossary's terms, rule conditions, decision rules, quota
sizes and ranges from catalogue messages whose fields are filled in; a name, id or citation set
inside a sentence is isolated (FSI … PDI), and a text confed has not translated is
shown in English, isolated so it reads as the data it is.
"""

from __future__ import annotations

from typing import Any

from confed.i18n import N_, _, current, isolate
from confed.i18n.formats import number
from confed.i18n.terms import term
from confed.places import places
from confed.plain import RIGHT_WORDS, Names
from confed.treaty.decision import Deadlock, DecisionRule
from confed.treaty.describe import deadlock_text, quota_size_text, range_text, rule_text
from confed.treaty.labels import listing, word
from confed.treaty.model import Treaty
from confed.treaty.phasing import Quota, Range
from confed.treaty.rule_words import decision_words
from confed.treaty.texts import translated

FACT_PHRASES = {
    "prior_citizenship": N_("held {values} before the treaty"),
    "status": N_("is registered as {values}"),
    "zone": N_("lives in {values}"),
    "place": N_("lives in {values}"),
    "council": N_("lives in the municipality of {values}"),
    "district": N_("lives in the district {values}"),
    "residence_state": N_("lives in a place held by {values}"),
    "citizenship": N_("is a citizen of {values}"),
    "state": N_("the state in question is {values}"),
}
"""How a condition on each fact reads in a translated sentence."""

BOOLEAN_FACTS = {
    "in_land": (N_("lives in the land"), N_("lives abroad")),
    "lives_in_own_state": (N_("lives in the state of citizenship"), N_("lives outside it")),
    "citizen_of_state": (N_("is a citizen of that state"), N_("is not a citizen of that state")),
    "lives_in_state": (N_("lives in that state"), N_("does not live in that state")),
}
"""True and false readings of the yes-or-no facts."""

FACT_KINDS = {"status": "status", "zone": "zone"}
"""Facts whose values are a glossary vocabulary rather than ids the treaty names."""


class ShowWords:
    """Names, conditions and descriptions of one treaty's clauses for `confed show`."""

    def __init__(self, treaty: Treaty):
        self.treaty = treaty
        self.english = Names(treaty)
        self.places = places()
        self.en = current() == "en"

    def __call__(self, value: Any) -> str:
        """An id or value by its name (a list reads 'a, b and c')."""
        if self.en:
            return self.english(value)
        return word(value, self.treaty, self.places)

    def text(self, path: str) -> str:
        """The treaty's text at `path`; English left untranslated is isolated as data."""
        said, lang = translated(self.treaty, path)
        return isolate(said) if lang != current() else said

    def data(self, text: str) -> str:
        """An id, citation or English datum set apart from a translated sentence."""
        return text if self.en or not text else isolate(text)

    def right(self, right: str) -> str:
        """A right's label."""
        return RIGHT_WORDS[right] if self.en else term("right", right)

    def zone(self, zone: str) -> str:
        """A zone in words."""
        return self.english.zone(zone) if self.en else term("zone", zone)

    def domain(self, domain: str) -> str:
        """A competence domain ('internal-security') by its glossary term, else its id."""
        return self._vocabulary("domain", domain, domain)

    def level(self, level: str) -> str:
        """A competence's or a court's level ('joint-regional') in words."""
        return self._vocabulary("level", level, level.replace("-", " "))

    def allocation(self, allocation: str) -> str:
        """How a quota's places are given out ('queue') in words."""
        return self._vocabulary("allocation", allocation, allocation)

    def quota_field(self, field: str) -> str:
        """A quota size a range varies ('share_per_year') in words."""
        return self._vocabulary("quota_field", field, field.replace("_", " "))

    def _vocabulary(self, kind: str, key: str, english: str) -> str:
        """`key`'s term in vocabulary `kind`; English shows `english`, an unknown key its id."""
        if self.en:
            return english
        said = term(kind, key)
        return said if said != key else self.data(key)

    def regime(self, regime: str) -> str:
        """Jerusalem's regime ('shared-municipality') in words."""
        return regime.replace("-", " ") if self.en else term("regime", regime)

    def security(self, approach: str) -> str:
        """A security approach ('individual-screening') by its glossary term."""
        key = approach.split("-")[0]
        if self.en or key not in ("individual", "collective"):
            return self.data(approach.replace("-", " "))
        return term("value", key)

    def condition(self, when: dict[str, Any]) -> str:
        """A rule's conditions as a clause about the person."""
        if self.en:
            return self.english.condition(when)
        parts, where = [], ""
        for fact, wanted in when.items():
            if fact == "state" and isinstance(wanted, str):
                where = _("in {state}: ").format(state=self(wanted))
                continue
            negated = hasattr(wanted, "not_")
            values = wanted.not_ if negated else wanted
            parts.append(
                self._fact(fact, values if isinstance(values, list) else [values], negated)
            )
        return where + (listing(parts) if parts else _("always"))

    def _fact(self, fact: str, values: list[Any], negated: bool) -> str:
        if values in ([True], [False]) and fact in BOOLEAN_FACTS:
            return _(BOOLEAN_FACTS[fact][0 if values[0] != negated else 1])
        kind = FACT_KINDS.get(fact, "value")
        listed = listing(
            [
                self._prior(v) if fact == "prior_citizenship"
                else word(v, self.treaty, self.places, kind)
                for v in values
            ],
            "or",
        )  # fmt: skip
        phrase = FACT_PHRASES.get(fact)
        said = _(phrase).format(values=listed) if phrase else f"{isolate(fact)}: {listed}"
        return _("not: {condition}").format(condition=said) if negated else said

    def _prior(self, state: str) -> str:
        if state == "none":
            return _("no citizenship")
        return _("citizenship of {state}").format(state=self(state))

    def decision(self, rule: DecisionRule) -> str:
        """A decision rule in words, e.g. 'at least 3 of Israel and at least 3 of Palestine'."""
        if self.en:
            return rule_text(rule, self.english)
        return decision_words(rule, self)

    def deadlock(self, rule: Deadlock) -> str:
        """Who decides a deadlock, and after how many unresolved steps."""
        if self.en:
            return deadlock_text(rule, self.english)
        if rule.casting:
            who = _("casting vote of {parties}").format(parties=self(list(rule.casting)))
        else:
            referred = [f"{self(p)} ({number(n)})" for p, n in (rule.referral or {}).items()]
            who = _("referral to {parties}").format(parties=listing(referred))
        if rule.when is not None:
            who = _("{who} when {rule}").format(who=who, rule=self.decision(rule.when))
        steps = _("unresolved steps before it: {n}").format(n=number(rule.after))
        return _("{who}, {steps}").format(who=who, steps=steps)

    def quota_size(self, quota: Quota) -> str:
        """A quota's size in words, every bound it sets."""
        if self.en:
            return self.english.text(quota_size_text(quota))
        lapse = _("unused places carry over") if quota.carry_over else _("unused places lapse")
        parts = []
        if quota.per_year is not None:
            parts.append(_("{n} a year ({lapse})").format(n=number(quota.per_year), lapse=lapse))
        if quota.share_per_year is not None:
            parts.append(
                _("{share} of the residents of {state} a year ({lapse})").format(
                    share=f"{number(quota.share_per_year * 100, 3)}%",
                    state=self(quota.into),
                    lapse=lapse,
                )
            )
        if quota.total is not None:
            parts.append(_("{n} in all").format(n=number(quota.total)))
        if quota.at_most is not None:
            link = quota.at_most
            parts.append(
                _("never more than the citizens of {state} residing in {place}").format(
                    state=self(link.citizens_of), place=self(link.residing_in)
                )
            )
        return "; ".join(parts)

    def range(self, r: Range | None) -> str:
        """A stated range with what it rests on, or '' when none is stated."""
        if self.en or r is None:
            return range_text(r)
        basis = _("assumption") if r.assumption else self.data(", ".join(r.source or []))
        return f"{_figure(r.low)}–{_figure(r.high)} ({basis})"


def _figure(value: float) -> str:
    """A stated figure with the decimals it has (2, 0.0005), in the language's marks."""
    shown = f"{value:g}"
    return number(value, len(shown.partition(".")[2]) if "e" not in shown else 6)
