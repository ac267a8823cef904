"""`confed rights` from a treaty's kept answers prints what the engine prints, byte for byte.

The kept answers (`confed.rights.cached`) are written by the first call on a treaty and
read by later ones without NumPy, pydantic or rich (issue 14, part 5;
tests/test_cli_lazy.py checks the imports). These tests
compare both paths' output, text and --json in every language, on a seeded sample of
persons and years in every phase of every shipped treaty; and check that a changed
treaty file or a corrupt cache file is never used.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from confed.i18n import LANGUAGES, using
from confed.places import places
from confed.rights import cached
from confed.rights.cache_build import keep_answers
from confed.rights.cached import Kept, kept_path, treaty_file
from confed.rights.engine import compiled_treaty, entry_year
from confed.treaty.load import shipped_ids
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES

PERSONS = 5
"""Persons drawn per treaty (besides Jaffa's returning refugee), each asked in every phase."""


def _persons(treaty: str) -> list[list[str]]:
    """Seeded questions: citizenship, place (id or a name in another script), status, year."""
    compiled = compiled_treaty(treaty)
    start, _ = entry_year(compiled)
    offsets = [compiled.treaty.phases[p].start for p in compiled.phases]
    years = [start + offset for offset in offsets]
    rng = np.random.default_rng(len(treaty))
    table = places()
    asked = [["PS", "يافا", "refugee"]]
    for _ in range(PERSONS):
        row = int(rng.integers(len(table)))
        status = STATUSES[rng.integers(len(STATUSES))] if rng.integers(2) else None
        place = table.names_he[row] or table.ids[row] if rng.integers(2) else table.ids[row]
        asked.append([PRIOR_CITIZENSHIPS[rng.integers(len(PRIOR_CITIZENSHIPS))], place, status])
    questions = []
    for k, (citizenship, place, status) in enumerate(asked):
        args = ["--citizenship", citizenship, "--residence", place]
        args += ["--status", status] if status else []
        questions.append([*args, "--year", str(years[k % len(years)])])
    later = ["--year", str(2040 + offsets[-1] + 3), "--start-year", "2040"]
    questions.append([*questions[0][:-2], *later])
    return questions


def _engine_path(monkeypatch) -> None:
    """Make the command answer through the engine only, keeping nothing."""
    monkeypatch.setattr(cached.Kept, "load", classmethod(lambda cls, name: None))
    monkeypatch.setattr("confed.rights.cache_build.keep_answers", lambda name, loaded=None: None)


@pytest.mark.parametrize("treaty", shipped_ids())
def test_kept_answers_print_what_the_engine_prints(treaty, confed, monkeypatch):
    keep_answers(treaty)
    kept = Kept.load(treaty)
    assert kept is not None
    asked = [
        (lang, question, form)
        for question in _persons(treaty)
        for lang in LANGUAGES
        for form in ([], ["--json"])
    ]
    runs = [["--lang", lang, "rights", treaty, *question, *form] for lang, question, form in asked]
    from_cache = []
    for (lang, question, _form), args in zip(asked, runs, strict=True):
        with using(lang):
            assert kept.answer(*_typed(question)) is not None, args  # the cache answers
        from_cache.append(confed(*args))
    with monkeypatch.context() as patch:
        _engine_path(patch)
        from_engine = [confed(*args) for args in runs]
    for args, ours, engine in zip(runs, from_cache, from_engine, strict=True):
        assert (ours.code, ours.out, ours.err) == (engine.code, engine.out, engine.err), args
        assert ours.code == 0 and ours.out


def _typed(question: list[str]) -> tuple:
    """The arguments of `Kept.answer` for a question's command-line options."""
    given = dict(zip(question[::2], question[1::2], strict=True))
    start = given.get("--start-year")
    return (
        given["--citizenship"],
        given["--residence"],
        int(given["--year"]),
        given.get("--status"),
        int(start) if start else None,
    )


def _variant(tmp_path: Path, title: str) -> Path:
    """A copy of Dajani–Yehuda's treaty file under another title."""
    text = Path(treaty_file("dajani-yehuda-2024")).read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("title:"))
    path = tmp_path / "mine.yaml"
    path.write_text(text.replace(first, f"title: {title}"), encoding="utf-8")
    return path


JAFFA = ["--citizenship", "PS", "--residence", "jaffa", "--status", "refugee", "--year", "2045"]


def test_a_changed_treaty_file_is_answered_afresh(tmp_path, confed):
    path = _variant(tmp_path, "First title")
    first = confed("rights", str(path), *JAFFA)
    assert first.code == 0 and first.out.startswith("First title, 2045")
    assert Kept.load(str(path)) is not None  # kept by the first call
    path.write_text(path.read_text().replace("First title", "Second title"), encoding="utf-8")
    assert Kept.load(str(path)) is None  # stale: the file changed
    second = confed("rights", str(path), *JAFFA)
    assert second.code == 0 and second.out.startswith("Second title, 2045")
    kept = Kept.load(str(path))
    assert kept is not None and kept.answer("PS", "jaffa", 2045, "refugee") is not None


def test_a_corrupt_cache_file_is_ignored_and_rewritten(tmp_path, confed):
    path = _variant(tmp_path, "Some title")
    assert confed("rights", str(path), *JAFFA).code == 0
    kept_file = Path(kept_path(treaty_file(str(path))))
    good = confed("rights", str(path), *JAFFA, "--json").out
    whole = kept_file.read_bytes()
    for garbage in (b"", b"\x00not marshal", whole[:1000], whole[:-100]):  # cut in the columns
        kept_file.write_bytes(garbage)
        assert Kept.load(str(path)) is None
        again = confed("rights", str(path), *JAFFA, "--json")
        assert (again.code, again.out, again.err) == (0, good, "")
        assert Kept.load(str(path)) is not None  # rewritten whole


def test_errors_are_the_engines_own(confed):
    keep_answers("dajani-yehuda-2024")
    for wrong, expected in (
        (["--residence", "atlantis"], "unknown place 'atlantis'"),
        (["--year", "2001"], "2001 is before this treaty's entry into force"),
        (["--status", "tourist"], "'tourist' is not a valid status"),
    ):
        args = list(JAFFA)
        args[args.index(wrong[0]) + 1] = wrong[1]
        run = confed("rights", "dajani-yehuda-2024", *args)
        assert run.code == 2 and expected in run.err and "Traceback" not in run.err


def test_a_treaty_that_cannot_be_kept_whole_still_answers(tmp_path, confed):
    """Rights that decide the asked type but not every type: answered, nothing kept."""
    text = Path(treaty_file("dajani-yehuda-2024")).read_text(encoding="utf-8")
    start = text.index("  movement_restriction:\n    default:")
    default = text[start : text.index("\ncompetences:")]
    only_jaffa = (
        "  movement_restriction:\n    rules:\n      jaffa-only:\n        when: {place: jaffa}\n"
        "        value: individual\n        source: dajani-yehuda-2024 § Sharing Space ¶6\n"
    )
    text = text.replace(default, only_jaffa)
    lines = [line for line in text.splitlines() if "movement_restriction.default" not in line]
    path = tmp_path / "gap.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = confed("rights", str(path), *JAFFA, "--json")
    assert (run.code, run.err) == (0, "")
    assert json.loads(run.out)["movement_restriction"] == "individual"
    assert Kept.load(str(path)) is None  # not total elsewhere, so not kept
    assert confed("validate", str(path)).code == 2  # as validate reports
