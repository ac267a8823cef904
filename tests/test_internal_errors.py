"""A bug never shows a user a traceback: one line names the version and the log line."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import confed.crashlog as crashlog
from confed.server.app import create_app


@pytest.fixture
def log(tmp_path, monkeypatch):
    path = tmp_path / "errors.log"
    monkeypatch.setattr(crashlog, "log_path", lambda: path)
    return path


def _boom(*args, **kwargs):
    raise RuntimeError("a bug in confed")


def test_a_cli_bug_exits_70_with_one_line_and_the_traceback_in_the_log(confed, log, monkeypatch):
    monkeypatch.setattr("confed.treaty.load.load_treaty", _boom)
    run = confed("show", "alfa")
    assert run.code == 70
    assert "Traceback" not in run.err and "internal error (RuntimeError) in confed" in run.err
    assert f"details in {log}, line 1" in run.err
    text = log.read_text(encoding="utf-8")
    assert "show alfa" in text and "RuntimeError: a bug in confed" in text


def test_an_api_bug_is_a_500_naming_the_log_line_never_a_traceback(log, tmp_path, monkeypatch):
    monkeypatch.setattr("confed.api.treaty_routes.sources_of", _boom)
    with TestClient(create_app(tmp_path / "runs.duckdb"), raise_server_exceptions=False) as c:
        r = c.get("/treaties/alfa")
    assert r.status_code == 500
    body = r.json()
    assert "internal error (RuntimeError)" in body["error"]["message"]
    assert "Traceback" not in r.text and str(log) in body["error"]["message"]
    assert "GET /treaties/alfa" in log.read_text(encoding="utf-8")
