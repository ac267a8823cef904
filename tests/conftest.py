"""Shared helpers: run the CLI in-process as a user would, exit code and output included."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from confed.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def confed(capsys, monkeypatch):
    """Call `confed ARGS…` and return its exit code, stdout and stderr."""

    def run(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["confed", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
