"""A server left running answers from the treaty files as they are now (issue 16, part 5).

Pages and answers are kept per treaty; editing a treaty file must make them be built anew.
The shipped folder is copied, so no file of the package is touched.
"""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from confed.server.app import create_app
from confed.treaty import freshness, load


@pytest.fixture
def edited_folder(tmp_path, monkeypatch):
    """A copy of the shipped treaty files that the server reads instead, checked every request."""
    copy = tmp_path / "frameworks"
    shutil.copytree(freshness.shipped_folder(), copy)
    freshness.forget_if_changed()  # records the shipped files as they are
    monkeypatch.setattr(freshness, "CHECK_EVERY", 0.0)
    monkeypatch.setattr(freshness, "shipped_folder", lambda: copy)
    monkeypatch.setattr(load, "shipped_folder", lambda: copy)
    yield copy
    monkeypatch.undo()
    freshness.CHECK_EVERY = 0.0
    assert freshness.forget_if_changed(), "the caches built from the copy are forgotten"
    freshness.CHECK_EVERY = 1.0


def test_an_edited_treaty_file_is_served_as_edited(edited_folder, tmp_path):
    with TestClient(create_app(tmp_path / "runs.duckdb")) as client:
        before = client.get("/explorer/treaties/alfa")
        assert before.status_code == 200 and "A Land for All" in before.text
        assert client.get("/explorer/treaties/alfa").text == before.text  # kept, unchanged

        treaty = edited_folder / "alfa.yaml"
        text = treaty.read_text(encoding="utf-8")
        edited = text.replace('title: "A Land for All: Two', 'title: "A Shared Land: Two', 1)
        assert edited != text
        treaty.write_text(edited, encoding="utf-8")

        after = client.get("/explorer/treaties/alfa")
        assert after.status_code == 200
        assert "<h1>A Shared Land: Two States" in after.text
        assert "<h1>A Land for All" not in after.text
        assert client.get("/treaties/alfa").json()["treaty"]["title"].startswith("A Shared Land")
        listed = client.get("/explorer/treaties").text
        assert "A Shared Land" in listed


def test_a_treaty_file_that_stays_the_same_keeps_its_pages(tmp_path):
    with TestClient(create_app(tmp_path / "runs.duckdb")) as client:
        client.get("/explorer/treaties/alfa")
        assert not freshness.forget_if_changed()
