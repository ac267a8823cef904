"""`confed --help` and one-off answers import only what they need (issue 14, part 5)."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from confed.cli import LAZY_COMMANDS, cli
from confed.rights.cache_build import keep_answers


def test_each_lazy_command_is_listed_with_its_own_summary():
    ctx = click.Context(cli)
    for name, (_, summary) in LAZY_COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
        assert command.get_short_help_str(limit=200) == summary, name


def _modules_after(*args: str) -> set[str]:
    """The modules a `confed` command imported, run in a fresh interpreter."""
    code = (
        "import json, sys\n"
        "from confed.cli import main\n"
        f"sys.argv = ['confed', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_lists_every_command_without_importing_them():
    modules = _modules_after("--help")
    assert "numpy" not in modules and "pydantic" not in modules
    assert not any(m.startswith(("confed.simulate", "confed.institutions")) for m in modules)


def test_a_persons_rights_do_not_import_the_simulation_or_the_web_server():
    modules = _modules_after(
        "rights", "alfa", "--citizenship", "PS", "--residence", "jaffa", "--year", "2040"
    )
    assert "confed.rights.cached" in modules  # the command ran (from kept answers or not)
    for heavy in ("confed.simulate", "confed.institutions", "confed.api", "fastapi", "duckdb"):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in modules), heavy


@pytest.mark.parametrize("form", [["--json"], []], ids=["json", "text"])
def test_a_kept_answer_imports_neither_numpy_nor_pydantic_nor_rich(form):
    keep_answers("alfa")  # as a first `confed rights` on the treaty does
    modules = _modules_after(
        "rights", "alfa", "--citizenship", "PS", "--residence", "jaffa", "--year", "2040", *form
    )
    assert "confed.rights.cached" in modules and "confed.rights.answer" not in modules
    for heavy in ("numpy", "pydantic", "rich", "yaml", "confed.treaty.model"):
        assert heavy not in modules, heavy
