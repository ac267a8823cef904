"""The run store: runs are saved whole with their parameters, reopened, exported."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import duckdb
import numpy as np
import pytest

from confed.errors import ConfedError
from confed.store import NewRun, Store


def _rows():
    return [
        (0, 2030, "population", "total", 15.2e6),
        (0, 2030, "relocated_by_treaty", "total", 0.0),
    ]


def _columns(rows):
    """Rows as one batch of the store's columns."""
    run, year, metric, key, value = zip(*rows, strict=True)
    return {
        "run": np.array(run, dtype=np.int32),
        "year": np.array(year, dtype=np.int32),
        "metric": np.array(metric, dtype=object),
        "key": np.array(key, dtype=object),
        "value": np.array(value),
    }


def test_a_run_is_saved_with_its_parameters_and_reopened(tmp_path):
    path = tmp_path / "runs.duckdb"
    with Store(path) as store:
        made = NewRun("alfa", "abc123", {"years": 30, "seed": 7}, "0.1.0")
        run_id = store.save(made, [_columns(_rows())])
    with Store(path) as store:
        record = store.run(run_id[:6])
        assert record.treaty == "alfa"
        assert record.parameters == {"years": 30, "seed": 7}
        assert store.results(run_id) == sorted(_rows())


def test_a_run_can_be_named_renamed_and_unnamed_over_http(tmp_path):
    from fastapi.testclient import TestClient

    from confed.server.app import create_app

    path = tmp_path / "runs.duckdb"
    with Store(path) as store:
        run_id = store.save(NewRun("alfa", "h" * 64, {"years": 2}, "0.1.0"), [_columns(_rows())])
    client = TestClient(create_app(path))
    answer = client.put(f"/runs/{run_id[:6]}/name", json={"name": "  quota   doubled "})
    assert answer.status_code == 200 and answer.json()["name"] == "quota doubled"
    assert client.get("/runs").json()["runs"][0]["name"] == "quota doubled"
    page = client.get("/explorer/runs").text
    assert "quota doubled" in page
    form = client.post(
        f"/explorer/runs/{run_id}/name", content="name=second", follow_redirects=False
    )
    assert form.status_code == 303
    assert "Run second" in client.get(f"/explorer/runs/{run_id}").text
    too_long = client.put(f"/runs/{run_id}/name", json={"name": "x" * 81})
    assert too_long.status_code == 422 and too_long.json()["error"]["field"].endswith("name")
    assert client.put("/runs/nope/name", json={"name": "a"}).status_code == 404
    assert client.put(f"/runs/{run_id}/name", json={"name": ""}).json()["name"] is None


def test_an_interrupted_run_leaves_nothing(tmp_path):
    def failing_rows():
        yield _columns([(0, 2030, "population", "total", 1.0)])
        raise KeyboardInterrupt

    with Store(tmp_path / "runs.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            store.save(NewRun("alfa", "abc", {}, "0.1.0"), failing_rows())
        assert store.runs() == []
    db = duckdb.connect(str(tmp_path / "runs.duckdb"))
    assert db.execute("SELECT count(*) FROM results").fetchone() == (0,)


def test_the_rows_of_a_save_whose_process_was_killed_go_with_the_next_save(tmp_path):
    path = tmp_path / "runs.duckdb"
    with Store(path) as store:
        kept = store.save(NewRun("alfa", "abc", {}, "0.1.0"), [_columns(_rows())])
    db = duckdb.connect(str(path))  # a save killed after its first batch: rows, no record
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    db.execute(  # its writer has exited; a live writer's rows stay (test_runner)
        "INSERT INTO pending_runs VALUES ('killed', ?, ?)", [int(gone.stdout), socket.gethostname()]
    )
    db.execute("INSERT INTO results VALUES ('killed', 0, 2030, 'population', 'total', 1.0)")
    db.close()
    with Store(path) as store:
        assert [r.run_id for r in store.runs()] == [kept]  # never visible
        second = store.save(NewRun("alfa", "abc", {}, "0.1.0"), [_columns(_rows())])
        assert store.results(second) == store.results(kept) == sorted(_rows())
    db = duckdb.connect(str(path))
    ids = db.execute("SELECT DISTINCT run_id FROM results ORDER BY run_id").fetchall()
    assert sorted(i for (i,) in ids) == sorted([kept, second])


def test_parquet_export_holds_the_tidy_rows(tmp_path):
    with Store(tmp_path / "runs.duckdb") as store:
        run_id = store.save(NewRun("alfa", "abc", {}, "0.1.0"), [_columns(_rows())])
        out = store.export_parquet(run_id, tmp_path / "run.parquet")
    rows = duckdb.sql(f"SELECT run, year, metric, key, value FROM '{out}' ORDER BY metric")
    assert rows.fetchall() == sorted(_rows(), key=lambda r: r[2])


def test_unknown_run_is_a_user_error(tmp_path):
    with Store(tmp_path / "runs.duckdb") as store, pytest.raises(ConfedError) as info:
        store.run("nope")
    assert "no run matches 'nope'" in info.value.render()


def test_cli_lists_runs_and_shows_and_exports_results(tmp_path, confed):
    path = tmp_path / "runs.duckdb"
    with Store(path) as store:
        run_id = store.save(NewRun("alfa", "abc", {"years": 30}, "0.1.0"), [_columns(_rows())])
    listed = json.loads(confed("runs", "--store", str(path), "--json").out)
    assert [r["run_id"] for r in listed] == [run_id]
    shown = json.loads(
        confed(
            "results",
            run_id[:5],
            "--store",
            str(path),
            "--json",
            "--parquet",
            str(tmp_path / "r.parquet"),
        ).out
    )
    assert shown["years"] == [
        {
            "run": 0,
            "year": 2030,
            "relocated_by_treaty": {"total": 0.0},
            "population": {"total": 15.2e6},
        }
    ]
    assert (tmp_path / "r.parquet").exists()
    missing = confed("results", "zzz", "--store", str(path))
    assert missing.code == 2 and "no run matches 'zzz'" in missing.err


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_the_server_three_simulations_and_a_compare_share_one_store(tmp_path):
    """Five processes write one store at once; every finished run is kept, no reader fails."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    confed = str(Path(sys.executable).parent / "confed")
    store = str(tmp_path / "runs.duckdb")
    port = _free_port()
    server = subprocess.Popen(
        [confed, "serve", "--host", "127.0.0.1", "--port", str(port), "--store", store],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/runs", timeout=5)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise AssertionError("the server did not start") from None
                time.sleep(0.3)
        writers = [
            subprocess.Popen(
                [confed, "simulate", treaty, "--years", "3", "--out", store, "--json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for treaty in ("alfa", "separation", "status-quo")
        ]
        writers.append(
            subprocess.Popen(
                [confed, "compare", "alfa", "one-state", "--years", "2", "--sweep", "0",
                 "--out", str(tmp_path / "report"), "--store", store],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )  # fmt: skip
        job = httpx.post(
            f"{base}/simulate", json={"treaty": "dajani-yehuda-2024", "years": 2}, timeout=30
        ).json()
        for _ in range(20):  # readers never fail while writers run
            assert httpx.get(f"{base}/runs", timeout=150).status_code == 200
        ids = []
        for w in writers:
            out, err = w.communicate(timeout=300)
            assert w.returncode == 0, err.decode()
            if out.strip().startswith(b"{"):
                ids.append(json.loads(out)["run_id"])
        while (done := httpx.get(f"{base}/jobs/{job['job_id']}", timeout=30).json())[
            "status"
        ] not in ("done", "failed"):
            time.sleep(0.2)
        assert done["status"] == "done", done
        ids.append(done["result"]["run_id"])
        listed = {r["run_id"] for r in httpx.get(f"{base}/runs", timeout=150).json()["runs"]}
        assert set(ids) <= listed
        assert len(listed) == len(ids) + 2  # and the compare's two runs
    finally:
        server.terminate()
        server.wait(timeout=30)
