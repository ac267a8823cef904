"""Write a treaty's kept answers (`rights.cached`) from the engine's whole compile.

Everything is taken from the engine and the printing words as they are, never
re-derived: each person type's decided label and deciding rule per phase (the packed
table's own decoding), the facts a rule's conditions show, each rule's and phase's trace
fields and `TreatyWords`' names in every interface language, and the place lookup.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from typing import TYPE_CHECKING, Any

import numpy as np

from confed.i18n import LANGUAGES, using
from confed.places import places
from confed.rights.cached import FORMAT, kept_path, key, stamp, treaty_file
from confed.rights.compile import CompiledTreaty, compile_treaty
from confed.rights.engine import RightsResult, compiled_treaty
from confed.rights.explain import cite, phase_words, rule_words, show_value
from confed.rights.types import type_dtype
from confed.rights.words import TreatyWords
from confed.vocab import NONE, PER_STATE_RIGHTS, PRIOR_CITIZENSHIPS, RIGHTS

if TYPE_CHECKING:
    from confed.treaty.load import LoadedTreaty

OUTPUTS = ("sovereign", "citizenship", *RIGHTS)


def keep_answers(name: str, loaded: LoadedTreaty | None = None) -> None:
    """Compile treaty `name` whole and keep its answers in the cache (atomically).

    `loaded` is the treaty as the engine has just loaded and checked it for a first
    answer, so that it is not read and checked a second time.
    """
    path = treaty_file(name)
    if path is None:
        return
    compiled = compiled_treaty(name) if loaded is None else compile_treaty(loaded)
    data = kept_data(compiled)
    columns = data.pop("columns")
    data["stamp"] = stamp(data["files"])
    header = marshal.dumps(data)
    target = kept_path(path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".answers-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:  # the header's size, the header, the columns
            out.write(len(header).to_bytes(8, "little") + header + columns)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


class _Columns:
    """Columns of little-endian 16-bit integers laid end to end, each distinct one once.

    They follow the kept data's header in the file, which names each by its offset, so
    that an answer reads the few entries it needs rather than unmarshalling them all.
    """

    def __init__(self) -> None:
        self.offsets: dict[bytes, int] = {}
        self.size = 0

    def add(self, values: np.ndarray) -> int:
        """The offset of a column of these values (the same content: the same offset)."""
        raw = np.ascontiguousarray(values, dtype="<i2").tobytes()
        if raw not in self.offsets:
            self.offsets[raw] = self.size
            self.size += len(raw)
        return self.offsets[raw]

    def joined(self) -> bytes:
        """Every column, in the order of their offsets."""
        return b"".join(self.offsets)


def kept_data(c: CompiledTreaty) -> dict[str, Any]:
    """Everything `rights.cached.Kept` reads, as plain data (no stamp yet).

    Its integer columns are offsets into `columns`, the bytes written after it.
    """
    size, table = c.space.size, c.places
    columns = _Columns()
    every = np.arange(size, dtype=type_dtype(size))
    results = [RightsResult(c, 0, k, every) for k in range(len(c.phases))]
    codes: dict[str, list[int]] = {}
    labels: dict[str, list[Any]] = {}
    for output in OUTPUTS:
        labels[output] = list(results[0].labels(output))
        states = c.states if output in PER_STATE_RIGHTS else (None,)
        for state in states:
            column = f"{output}.{state}" if state else output
            codes[column] = [columns.add(r.codes(output, state)) for r in results]
    rule_of = {"citizenship": [columns.add(c.citizenship.rule)]}
    for right in RIGHTS:
        rule_of[right] = [columns.add(decided.rule.ravel()) for decided in c.outputs[right]]
    facts = c.state_facts
    words = {}
    rules: dict[str, list[dict[str, Any]]] = {}
    phase_trace: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    territory: dict[str, dict[str, Any]] = {}
    for lang in LANGUAGES:
        with using(lang):
            words[lang] = marshal.dumps(_words(c, labels))  # read for one language only
            phase_trace[lang] = [
                (*phase_words(c, name), cite(c.treaty.phases[name], c, f"phases.{name}"))
                for name in c.phases
            ]
            territory[lang] = cite(c.treaty.territory, c, "territory")
            for right, refs in c.refs.items():
                kept = rules.setdefault(right, [{} for _ in refs])
                for entry, ref in zip(kept, refs, strict=True):
                    entry["path"] = ".".join(ref.path)
                    entry["when"] = [
                        (f, show_value(w)) for f, w in getattr(ref.clause, "when", {}).items()
                    ]
                    entry.setdefault("words", {})[lang] = rule_words(ref, c)
    listed: dict[str, str] = {}
    for holder, ids in c.treaty.territory.places.items():
        for place_id in ids:
            listed.setdefault(place_id, holder)
    return {
        "format": FORMAT,
        "files": [os.path.realpath(f) for f in c.loaded.files],
        "treaty": c.treaty.id,
        "entry_year": c.treaty.entry_into_force.year,
        "phases": list(c.phases),
        "spans": c.phase_spans,
        "states": list(c.states),
        "size": size,
        "codes": codes,
        "labels": labels,
        "rule_of": rule_of,
        "rules": rules,
        "facts": {fact: columns.add(facts.codes[fact]) for fact in facts.codes},
        "fact_words": {fact: [show_value(v) for v in facts.vocab[fact]] for fact in facts.codes},
        "phase_words": phase_trace,
        "territory_words": territory,
        "holders": list(c.sovereign_vocab),
        "place_holder": columns.add(c.place_sovereign),
        "listed": listed,
        "places": {
            "ids": list(table.ids),
            "zone": table.zone.tolist(),
            "lookup": table.lookup,
        },
        "words": words,
        "columns_size": columns.size,
        "columns": columns.joined(),  # written after the rest, not in it
    }


def _words(c: CompiledTreaty, labels: dict[str, list[Any]]) -> dict[str, Any]:
    """`TreatyWords`' title, names of every value an answer shows and rule readings."""
    said = TreatyWords(c.treaty, c.places)
    values: list[Any] = [None, NONE, *PRIOR_CITIZENSHIPS, *c.states, *c.phases]
    values += [v for output in labels.values() for v in output]
    values += list(places().ids)
    paths = [".".join(ref.path) for refs in c.refs.values() for ref in refs]
    reasons = {path: said.rule_reason(path) for path in paths}
    return {"title": said.title, "names": {key(v): said(v) for v in values}, "reasons": reasons}
