"""Decide every right for every person type and phase, proving totality on the way.

A right is default logic (see `treaty.model.RuleSet`): exceptions override rules, rules
override the default. Because the type space is finite, compiling a treaty walks all of
it: a type no rule covers, or two rules of equal rank that disagree, is reported with
that type as the counterexample, before any question is answered.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from confed.errors import ConfedError, Problem, did_you_mean, one_of
from confed.places import Places, places
from confed.rights.facts import BOOL, Decided, Facts, RuleRef
from confed.rights.timeline import phase_holding
from confed.rights.types import TypeSpace, type_space
from confed.treaty.load import LoadedTreaty
from confed.treaty.model import RuleSet
from confed.vocab import (
    ACCESS,
    NONE,
    PER_STATE_RIGHTS,
    PRIOR_CITIZENSHIPS,
    RESTRICTIONS,
    RIGHTS,
    SHARED,
    STATUSES,
    ZONES,
)

KEEP = "keep"
ASSEMBLY_OF_CITIZENSHIP = "assembly-of-citizenship"
COUNCIL_OF_RESIDENCE = "council-of-residence"
NATIONAL_OF_RESIDENCE = "national-of-residence"
NATIONAL_OF_CITIZENSHIP = "national-of-citizenship"
RANKS = ("exceptions", "rules", "default")


def compile_treaty(loaded: LoadedTreaty) -> CompiledTreaty:
    """Prove a loaded treaty's rights total over the shipped places and compile them."""
    return CompiledTreaty(loaded, places())


class CompiledTreaty:
    """A treaty's rights decided for every type and phase, ready to gather to rows.

    `space` is the whole type space by default, which proves the rights total and free
    of conflicts; a part of it (`rights.types.some_types`) decides, and checks, only
    those types, with the same code and so the same answers and traces.
    """

    def __init__(self, loaded: LoadedTreaty, places: Places, space: TypeSpace | None = None):
        self.loaded = loaded
        self.treaty = treaty = loaded.treaty
        self.places = places
        self.space: TypeSpace = type_space(places) if space is None else space
        self.states: tuple[str, ...] = tuple(treaty.states)
        self.phases: tuple[str, ...] = tuple(treaty.phase_order())
        self.sovereign_vocab = (*self.states, SHARED, NONE)
        self.citizenship_vocab = (*self.states, NONE)
        self.assembly_vocab = (*(s.assembly.id for s in treaty.states.values()), NONE)
        self.refs: dict[str, list[RuleRef]] = {}
        place_sovereign = self._place_sovereign()
        self.place_sovereign = place_sovereign
        self.sovereign = place_sovereign[self.space.place]
        self.council_vocab, self.place_council = self._place_councils(place_sovereign)
        self.court_vocab: list[tuple[str, ...]] = []
        self.base_facts = base = self._base_facts()
        self.citizenship = self._decide("citizenship", treaty.citizenship, base, 0)
        self.right_facts = self._right_facts(base)
        self.state_facts = self._state_facts(self.right_facts)
        self.outputs: dict[str, list[Decided]] = {
            right: [self._decide_right(right, k) for k in range(len(self.phases))]
            for right in RIGHTS
        }

    # ------------------------------------------------------------ facts

    def _place_sovereign(self) -> np.ndarray:
        territory = self.treaty.territory
        codes = np.array(
            [self.sovereign_vocab.index(territory.zones[z]) for z in ZONES], dtype=np.int8
        )
        out = codes[self.places.zone]
        for holder, ids in territory.places.items():
            for place_id in ids:
                out[self.places.code(place_id)] = self.sovereign_vocab.index(holder)
        return out

    def _place_councils(self, sovereign: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
        """Each place's local council, with Jerusalem's councils set by the treaty's regime."""
        jerusalem = self.treaty.jerusalem.councils
        names = []
        for row in range(len(self.places)):
            council = self.places.council_of(row)
            if council == "jerusalem":
                council = jerusalem[self.sovereign_vocab[sovereign[row]]]
            names.append(council or NONE)
        vocab = (*sorted({n for n in names if n != NONE}), NONE)
        code = {n: i for i, n in enumerate(vocab)}
        return vocab, np.array([code[n] for n in names], dtype=np.int16)

    def _base_facts(self) -> Facts:
        space, places = self.space, self.places
        zone = places.zone[space.place]
        codes = {
            "prior_citizenship": space.prior,
            "status": space.status,
            "place": space.place,
            "zone": zone,
            "council": places.council[space.place],
            "district": places.district[space.place],
            "residence_state": self.sovereign,
            "in_land": (zone != ZONES.index("abroad")).astype(np.int8),
        }
        vocab = {
            "prior_citizenship": PRIOR_CITIZENSHIPS,
            "status": STATUSES,
            "place": places.ids,
            "zone": ZONES,
            "council": places.councils,
            "district": places.districts,
            "residence_state": self.sovereign_vocab,
            "in_land": BOOL,
        }
        return Facts(codes, vocab)

    def _right_facts(self, base: Facts) -> Facts:
        citizenship = self.citizenship.value
        own = self.sovereign_vocab.index
        lives_own = np.zeros(self.space.size, dtype=np.int8)
        for i, state in enumerate(self.states):
            lives_own |= (citizenship == i) & (
                (self.sovereign == own(state)) | (self.sovereign == own(SHARED))
            )
        codes = {**base.codes, "citizenship": citizenship, "lives_in_own_state": lives_own}
        vocab = {
            **base.vocab,
            "citizenship": self.citizenship_vocab,
            "lives_in_own_state": BOOL,
        }
        return Facts(codes, vocab)

    def _state_facts(self, facts: Facts) -> Facts:
        n_states, size = len(self.states), len(facts.codes["place"])
        state = np.repeat(np.arange(n_states, dtype=np.int8), size)
        codes = {k: np.tile(v, n_states) for k, v in facts.codes.items()}
        shared = self.sovereign_vocab.index(SHARED)
        residence = codes["residence_state"]
        codes["state"] = state
        codes["citizen_of_state"] = (codes["citizenship"] == state).astype(np.int8)
        codes["lives_in_state"] = ((residence == state) | (residence == shared)).astype(np.int8)
        vocab = {
            **facts.vocab,
            "state": self.states,
            "citizen_of_state": BOOL,
            "lives_in_state": BOOL,
        }
        return Facts(codes, vocab)

    # ------------------------------------------------------------ deciding

    def _decide_right(self, right: str, phase: int) -> Decided:
        facts = self.state_facts if right in PER_STATE_RIGHTS else self.right_facts
        decided = self._decide(right, getattr(self.treaty.rights, right), facts, phase)
        if right in PER_STATE_RIGHTS:
            decided.value = decided.value.reshape(len(self.states), -1)
            decided.rule = decided.rule.reshape(len(self.states), -1)
        return decided

    def _fail(self, path: tuple[Any, ...], message: str, **kw: str | None) -> ConfedError:
        return ConfedError(
            Problem(message, self.loaded.locate(path), ".".join(map(str, path)), **kw)
        )

    def _mask(self, ref: RuleRef, facts: Facts) -> np.ndarray:
        clause = ref.clause
        mask = np.ones(len(facts.codes["place"]), dtype=bool)
        for fact, condition in getattr(clause, "when", {}).items():
            path = (*ref.path, "when", fact)
            if fact not in facts.codes:
                allowed = tuple(facts.codes)
                raise self._fail(
                    path,
                    f"'{fact}' is not a fact this rule can test",
                    **one_of(fact, allowed),
                )
            negate = hasattr(condition, "not_")
            wanted = condition.not_ if negate else condition
            wanted = wanted if isinstance(wanted, list) else [wanted]
            vocab = facts.vocab[fact]
            codes = []
            for value in wanted:
                if value not in vocab or (vocab is BOOL) != isinstance(value, bool):
                    shown = [str(v).lower() if vocab is BOOL else str(v) for v in vocab]
                    raise self._fail(
                        path,
                        f"'{value}' is not a value of {fact}",
                        expected=", ".join(shown[:30]) + (" …" if len(shown) > 30 else ""),
                        suggestion=did_you_mean(str(value), map(str, vocab)),
                    )
                codes.append(vocab.index(value))
            hit = np.isin(facts.codes[fact], codes)
            mask &= ~hit if negate else hit
        return mask

    def _active(self, ref: RuleRef, phase: int) -> bool:
        clause = ref.clause
        first = getattr(clause, "from_", None)
        last = getattr(clause, "until", None)
        lo = self.phases.index(first) if first else 0
        hi = self.phases.index(last) if last else len(self.phases) - 1
        return lo <= phase <= hi

    def _refs(self, right: str, ruleset: RuleSet[Any]) -> list[RuleRef]:
        if right not in self.refs:
            refs = [RuleRef(right, "exceptions", k, r) for k, r in ruleset.exceptions.items()]
            refs += [RuleRef(right, "rules", k, r) for k, r in ruleset.rules.items()]
            if ruleset.default is not None:
                refs.append(RuleRef(right, "default", "default", ruleset.default))
            self.refs[right] = refs
        return self.refs[right]

    def _decide(self, right: str, ruleset: RuleSet[Any], facts: Facts, phase: int) -> Decided:
        refs = self._refs(right, ruleset)
        size = len(facts.codes["place"])
        raw = np.full(size, -1, dtype=np.int16)
        rule = np.full(size, -1, dtype=np.int16)
        raw_vocab: list[Any] = []
        written_by: list[RuleRef] = []  # the first rule that wrote each raw value
        for rank in RANKS:
            candidates = []
            for i, ref in enumerate(refs):
                if ref.rank != rank or not self._active(ref, phase):
                    continue
                value = _hashable(ref.clause.value)
                if value not in raw_vocab:
                    raw_vocab.append(value)
                    written_by.append(ref)
                mask = self._mask(ref, facts) & (raw < 0)
                candidates.append((i, raw_vocab.index(value), mask))
            self._check_conflicts(right, refs, candidates, facts, phase)
            for i, code, mask in candidates:
                open_ = mask & (raw < 0)
                raw[open_] = code
                rule[open_] = i
        if (raw < 0).any():
            first = facts.first(raw < 0)
            head = ("citizenship",) if right == "citizenship" else ("rights", right)
            raise self._fail(
                head,
                f"'{right}' is not total: no rule decides the type "
                f"[{facts.describe(first)}] in phase '{self.phases[phase]}'",
                expected="a default, or rules that cover every type",
            )
        return Decided(self._resolve(right, raw, raw_vocab, facts, written_by), rule)

    def _check_conflicts(
        self,
        right: str,
        refs: list[RuleRef],
        candidates: list[tuple[int, int, np.ndarray]],
        facts: Facts,
        phase: int,
    ) -> None:
        for a, (i, code_i, mask_i) in enumerate(candidates):
            for j, code_j, mask_j in candidates[a + 1 :]:
                both = mask_i & mask_j
                if code_i != code_j and both.any():
                    first = facts.first(both)
                    raise self._fail(
                        refs[j].path,
                        f"'{refs[i].label}' and '{refs[j].label}' both apply and disagree for "
                        f"the type [{facts.describe(first)}] in phase '{self.phases[phase]}'",
                        expected="rules of equal rank that do not overlap, or an exception",
                    )

    # ------------------------------------------------------------ values

    def _resolve(
        self,
        right: str,
        raw: np.ndarray,
        raw_vocab: list[Any],
        facts: Facts,
        written_by: list[RuleRef],
    ) -> np.ndarray:
        """Turn raw rule values (with tokens like 'keep') into final output codes.

        Every value is checked, also one whose rule decides no type, so a typo in a
        rule that never applies is still reported.
        """
        final = np.empty(len(raw), dtype=np.int16)
        for code, (value, ref) in enumerate(zip(raw_vocab, written_by, strict=True)):
            where = raw == code
            final[where] = self._resolve_value(right, value, facts, where, ref)
        return final

    def _resolve_value(
        self, right: str, value: Any, facts: Facts, where: np.ndarray, ref: RuleRef
    ) -> np.ndarray | int:
        path = (*ref.path, "value")

        def bad(expected: tuple[str, ...]) -> ConfedError:
            return self._fail(
                path,
                f"'{value}' is not a value of {right}",
                **one_of(str(value), expected),
            )

        if right == "citizenship":
            if value == KEEP:
                prior = facts.codes["prior_citizenship"][where]
                held = [PRIOR_CITIZENSHIPS[p] for p in np.unique(prior)]
                missing = [h for h in held if h != NONE and h not in self.states]
                if missing:
                    raise self._fail(
                        path,
                        f"'keep' cannot keep citizenship {missing[0]}: "
                        "it is not a state of this treaty",
                    )
                lookup = np.array(
                    [
                        self.citizenship_vocab.index(p) if p in self.states else len(self.states)
                        for p in PRIOR_CITIZENSHIPS
                    ],
                    dtype=np.int16,
                )
                return lookup[prior]
            if value not in self.citizenship_vocab:
                raise bad((*self.citizenship_vocab, KEEP))
            return self.citizenship_vocab.index(value)
        if right == "national_vote":
            if value == ASSEMBLY_OF_CITIZENSHIP:
                return np.arange(len(self.assembly_vocab), dtype=np.int16)[
                    facts.codes["citizenship"][where]
                ]
            if value not in self.assembly_vocab:
                raise bad((*self.assembly_vocab, ASSEMBLY_OF_CITIZENSHIP))
            return self.assembly_vocab.index(value)
        if right == "local_vote":
            if value == COUNCIL_OF_RESIDENCE:
                return self.place_council[facts.codes["place"][where]]
            return self.council_vocab.index(NONE)
        if right == "courts":
            return self._resolve_courts(value, facts, where, bad)
        vocab = {
            "relocation_required": BOOL,
            "movement_restriction": RESTRICTIONS,
        }.get(right, ACCESS)
        return vocab.index(value)

    def _resolve_courts(self, value: tuple[str, ...], facts: Facts, where: np.ndarray, bad: Any):
        national = {c.state: cid for cid, c in self.treaty.courts.items() if c.level == "national"}
        allowed = (*self.treaty.courts, NATIONAL_OF_RESIDENCE, NATIONAL_OF_CITIZENSHIP)
        for court in value:
            if court not in allowed:
                raise bad(allowed)
        residence = facts.codes["residence_state"][where]
        citizenship = facts.codes["citizenship"][where]
        out = np.empty(len(residence), dtype=np.int16)
        for key in set(zip(residence.tolist(), citizenship.tolist(), strict=True)):
            res_state = self.sovereign_vocab[key[0]]
            cit_state = self.citizenship_vocab[key[1]]
            resident_of = self.states if res_state == SHARED else (res_state,)
            courts: list[str] = []
            for court in value:
                if court == NATIONAL_OF_RESIDENCE:
                    courts += [national[s] for s in resident_of if s in national]
                elif court == NATIONAL_OF_CITIZENSHIP:
                    courts += [national[cit_state]] if cit_state in national else []
                else:
                    courts.append(court)
            final = tuple(dict.fromkeys(courts))
            if final not in self.court_vocab:
                self.court_vocab.append(final)
            match = (residence == key[0]) & (citizenship == key[1])
            out[match] = self.court_vocab.index(final)
        return out

    # ------------------------------------------------------------ time

    def phase_at(self, years_in: int) -> int:
        """The phase index holding `years_in` whole years after entry into force."""
        return phase_holding(self.phase_spans, years_in)

    @property
    def phase_spans(self) -> list[tuple[int, int | None]]:
        """Each phase's (start, end) in years after entry into force, in `phases` order."""
        return [(self.treaty.phases[p].start, self.treaty.phases[p].end) for p in self.phases]


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
