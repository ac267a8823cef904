"""Shared helpers: run the CLI in-process as a user would, exit code and output included."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from confed.cli import main
from confed.rights.cached import CACHE_ENV


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session", autouse=True)
def answer_cache(tmp_path_factory):
    """Kept answers (`confed.rights.cached`) go to a directory of the test session's own."""
    with pytest.MonkeyPatch.context() as patch:
        path = tmp_path_factory.mktemp("cache")
        patch.setenv(CACHE_ENV, str(path))
        yield path


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


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, shared by every browser test (see tests/browser.py)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from browser import launch

    with sync_api.sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()
