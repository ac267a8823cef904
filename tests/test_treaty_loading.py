"""Treaty files: the shipped ones load and compile; every kind of mistake is located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from confed.errors import ConfedError
from confed.rights.compile import compile_treaty
from confed.treaty.load import load_treaty, shipped_ids

DOCS = Path(__file__).parent.parent / "docs"
SHIPPED = [
    "alfa",
    "dajani-yehuda-2024",
    "holy-land-confederation",
    "one-state",
    "peace-to-prosperity-2020",
    "separation",
    "status-quo",
]


def test_the_seven_treaties_ship():
    assert shipped_ids() == tuple(sorted(SHIPPED))


@pytest.mark.parametrize("treaty", SHIPPED)
def test_shipped_treaty_is_valid_and_every_clause_is_sourced(treaty):
    loaded = compile_treaty(load_treaty(treaty)).loaded
    assert loaded.treaty.id == treaty
    assert set(loaded.treaty.states) <= {"IL", "PS"} or treaty == "one-state"


def test_worked_variant_from_the_guide_loads_and_moves_residence_five_years():
    base = load_treaty("alfa").treaty
    variant = load_treaty(DOCS / "examples" / "alfa-late-residence.yaml").treaty
    assert variant.id == "alfa-late-residence"
    assert variant.phases["open-residence"].start == base.phases["open-residence"].start + 5
    assert variant.rights == base.rights  # everything else is inherited


def _write(tmp_path: Path, text: str, name: str = "variant.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(ConfedError) as info:
        compile_treaty(load_treaty(path))  # compiling proves the rights
    return info.value.render()


def test_unknown_key_is_located_with_did_you_mean(tmp_path):
    path = _write(tmp_path, "extends: alfa\nphases:\n  open-residence:\n    titel: x\n")
    message = _error(path)
    assert f"{path}:4:5: phases.open-residence.titel: unknown key 'titel'" in message
    assert "did you mean: title?" in message


def test_wrong_type_names_the_field_and_what_was_expected(tmp_path):
    path = _write(tmp_path, "extends: alfa\nphases:\n  open-residence:\n    start: soon\n")
    message = _error(path)
    assert f"{path}:4:5: phases.open-residence.start:" in message
    assert "integer" in message


def test_wrong_right_value_lists_the_allowed_values(tmp_path):
    text = "extends: alfa\nrights:\n  may_work:\n    default:\n      value: maybe\n"
    message = _error(_write(tmp_path, text))
    assert "rights.may_work.default.value" in message
    assert "'yes', 'quota', 'permit' or 'no'" in message


def test_unknown_place_suggests_the_nearest_id(tmp_path):
    text = "extends: alfa\nterritory:\n  places:\n    IL: [arial]\n"
    message = _error(_write(tmp_path, text))
    assert ":4:10: territory.places.IL.0: unknown place 'arial'" in message
    assert "did you mean: ariel?" in message


def test_overlapping_phases_are_rejected(tmp_path):
    text = "extends: alfa\nphases:\n  open-residence:\n    start: 8\n"
    message = _error(_write(tmp_path, text))
    assert "overlapping phases" in message
    assert "phases.open-residence.start" in message


def test_gap_between_phases_is_rejected(tmp_path):
    text = "extends: alfa\nphases:\n  open-residence:\n    start: 12\n"
    assert "gap between phases" in _error(_write(tmp_path, text))


def test_cycle_of_extends_is_named(tmp_path):
    _write(tmp_path, "extends: b.yaml\n", "a.yaml")
    b = _write(tmp_path, "extends: a.yaml\n", "b.yaml")
    message = _error(b)
    assert "`extends` forms a cycle: b.yaml → a.yaml → b.yaml" in message


def test_a_right_that_is_not_total_names_a_person_type(tmp_path):
    text = "extends: alfa\nrights:\n  may_work:\n    default: null\n"
    message = _error(_write(tmp_path, text))
    assert "'may_work' is not total: no rule decides the type" in message
    assert "phase 'security-transition'" in message


def test_conflicting_rules_name_both_and_a_person_type(tmp_path):
    text = (
        "extends: alfa\nrights:\n  may_work:\n    rules:\n      everyone:\n"
        "        value: yes\n        source: alfa-principles § Two states\n"
    )
    message = _error(_write(tmp_path, text))
    assert "both apply and disagree for the type" in message
    assert f"{tmp_path / 'variant.yaml'}:5:7: rights.may_work.rules.everyone" in message


def test_an_exception_resolves_what_would_be_a_conflict(tmp_path):
    text = (
        "extends: alfa\nrights:\n  may_work:\n    exceptions:\n      everyone:\n"
        "        value: yes\n        assumption: test\n"
    )
    assert compile_treaty(load_treaty(_write(tmp_path, text))).space.size > 0


def test_a_clause_without_source_or_assumption_is_rejected(tmp_path):
    text = "extends: alfa\nsecurity:\n  source: null\n"
    assert "needs 'source:'" in _error(_write(tmp_path, text))


def test_a_citation_of_an_unknown_document_is_rejected(tmp_path):
    text = "extends: alfa\nsecurity:\n  source: alfa-principals § Security\n"
    message = _error(_write(tmp_path, text))
    assert "unknown source document 'alfa-principals'" in message
    assert "did you mean: alfa-principles?" in message


def test_duplicate_key_and_bad_yaml_are_located(tmp_path):
    assert "written twice" in _error(_write(tmp_path, "id: a\nid: b\n"))
    assert "not valid YAML" in _error(_write(tmp_path, "id: [a\n"))


def test_cli_reports_a_user_error_with_exit_2_and_no_traceback(tmp_path, confed):
    path = _write(tmp_path, "extends: alfa\nphases:\n  open-residence:\n    titel: x\n")
    run = confed("validate", str(path))
    assert run.code == 2
    assert run.err.startswith("error: ")
    assert "Traceback" not in run.err + run.out


def test_cli_validate_summarises_a_valid_file(confed):
    run = confed("validate", str(DOCS / "examples" / "alfa-late-residence.yaml"))
    assert run.code == 0
    assert "ok: alfa-late-residence" in run.out
    assert "total and conflict-free" in run.out


def test_schema_is_json_schema_for_treaty_files(confed):
    run = confed("schema")
    schema = json.loads(run.out)
    assert schema["title"] == "Treaty"
    assert {"states", "territory", "phases", "rights", "bodies"} <= set(schema["properties"])


def test_a_bad_value_is_caught_even_in_a_rule_that_never_applies(tmp_path):
    text = (
        "extends: alfa\nrights:\n  national_vote:\n    rules:\n      nobody:\n"
        "        when: {zone: abroad, in_land: true}\n        value: knesett\n"
        "        assumption: test\n"
    )
    message = _error(_write(tmp_path, text))
    assert "rights.national_vote.rules.nobody.value" in message
    assert "did you mean: knesset?" in message


def test_a_rule_that_ends_before_it_starts_is_rejected(tmp_path):
    text = (
        "extends: alfa\nrights:\n  may_work:\n    rules:\n      open-work:\n"
        "        from: open-residence\n        until: open-movement\n"
    )
    assert "ends (phase 'open-movement') before it starts" in _error(_write(tmp_path, text))


def test_a_quota_without_a_size_is_located(tmp_path):
    text = "extends: dajani-yehuda-2024\nquotas:\n  residents-in-il:\n    share_per_year: null\n"
    message = _error(_write(tmp_path, text))
    assert ":3:3: quotas.residents-in-il: a quota needs a size" in message


def test_a_yearly_quota_must_say_whether_places_carry_over(tmp_path):
    text = "extends: alfa\nquotas:\n  agreed-residents-in-il:\n    carry_over: null\n"
    message = _error(_write(tmp_path, text))
    assert "quotas.agreed-residents-in-il: a yearly quota must say whether unused" in message


def test_a_linked_quota_names_known_states(tmp_path):
    text = (
        "extends: holy-land-confederation\nquotas:\n  palestinian-residents-in-il:\n"
        "    at_most: {citizens_of: IL, residing_in: PX}\n"
    )
    message = _error(_write(tmp_path, text))
    assert "quotas.palestinian-residents-in-il.at_most.residing_in" in message
    assert "unknown state 'PX'" in message and "expected: IL, PS" in message


def test_a_phase_range_that_could_reorder_the_phases_is_located(tmp_path):
    text = (
        "extends: dajani-yehuda-2024\nphases:\n  open-residence:\n"
        "    start_range: {low: 6, high: 25, assumption: t}\n"
    )
    message = _error(_write(tmp_path, text))
    assert "phases.open-residence.start_range: 'open-residence' could start before" in message


def test_a_quota_range_must_hold_the_quota_size(tmp_path):
    text = (
        "extends: alfa\nquotas:\n  agreed-residents-in-il:\n    ranges:\n"
        "      share_per_year: {low: 0.01, high: 0.02, assumption: t}\n"
    )
    message = _error(_write(tmp_path, text))
    assert "quotas.agreed-residents-in-il.ranges.share_per_year: the range does not hold" in message


def test_a_casting_vote_for_a_party_the_treaty_does_not_know_is_located(tmp_path):
    text = (
        "extends: dajani-yehuda-2024\nbodies:\n  confederal-council:\n    deadlock:\n"
        "      casting: [internationl]\n      assumption: a typo\n"
    )
    message = _error(_write(tmp_path, text))
    assert "variant.yaml:5" in message and "internationl" in message
    assert "international" in message  # the nearest known party is suggested


def test_bloc_voting_that_would_count_seats_is_located_in_a_treaty(tmp_path):
    text = (
        "extends: status-quo\nbodies:\n  weighted-committee:\n    name: A committee\n"
        "    seats: {IL: 3, PS: 2}\n    voting: bloc\n    rule: {at_least: 4}\n"
        "    assumption: a test\n"
    )
    message = _error(_write(tmp_path, text))
    assert "variant.yaml:6:" in message and "bodies.weighted-committee.voting" in message
    assert "would count seats, not members" in message and "members: N" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("extends: alfa\nphases:\n  open-movement:\n    start: .nan\n", "'.nan' is not a number"),
        ("extends: alfa\nphases:\n  open-movement:\n    start: .inf\n", "'.inf' is not a number"),
        ("extends: alfa\nphases:\n  open-movement:\n    start: 1:30\n", "'1:30' is not a number"),
        ("extends: alfa\nphases:\n  open-movement:\n    start: !!int\n", "'' is not a number"),
        ('extends: alfa\nid: "a\x01b"\n', "control characters are not allowed"),
        ("a: &x [1, 2]\nb: *x\n", "anchors and aliases"),
        ("a: " + "[" * 60 + "]" * 60 + "\n", "nests too deeply"),
    ],
)
def test_a_yaml_value_confed_cannot_read_is_located_never_a_traceback(tmp_path, text, message):
    assert message in _error(_write(tmp_path, text))


def test_an_endless_or_huge_file_is_refused_after_a_bounded_read(tmp_path):
    assert "the file is too large" in _error(Path("/dev/zero"))
    many = "extends: alfa\nlist: [" + ", ".join(["1"] * 100_001) + "]\n"
    assert "too many values" in _error(_write(tmp_path, many))


def test_a_large_variant_merges_with_every_value_located(tmp_path):
    lines = ["extends: separation", "quotas:"]
    for i in range(2000):
        lines += [f"  q{i}:", "    right: may_reside", "    into: IL", "    per_year: 10",
                  "    carry_over: false", "    assumption: a test quota"]  # fmt: skip
    lines += ["  q2000:", "    right: may_reside", "    into: XX", "    per_year: 1",
              "    carry_over: false", "    assumption: a test quota"]  # fmt: skip
    message = _error(_write(tmp_path, "\n".join(lines) + "\n"))
    assert f":{len(lines) - 3}:" in message and "quotas.q2000.into: unknown state 'XX'" in message
