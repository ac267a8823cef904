"""The examples in docstrings run as written (each shows a success and a failure)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = (
    "confed.treaty.load",
    "confed.treaty.describe",
    "confed.treaty.overrides",
    "confed.rights.packed",
    "confed.i18n",
    "confed.i18n.formats",
    "confed.i18n.terms",
    "confed.places.names",
    "confed.compare.areas",
    "confed.treaty.gates",
    "confed.treaty.provisions",
    "confed.compare.findings",
    "confed.compare.charts",
    "confed.compare.tables",
    "confed.compare.blocks",
    "confed.screen",
    "confed.table_lines",
    "confed.termtable",
    "confed.rights.cached",
    "confed.places.table",
    "confed.sensitivity.sweep",
    "confed.simulate.kept",
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
