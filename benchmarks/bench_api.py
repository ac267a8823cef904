"""The HTTP API under load: 1,000 single-person rights requests, and the same in-process.

Starts uvicorn on 127.0.0.1 (a free port) in a background thread, sends 1,000
`POST /rights` requests with 20 in flight (httpx.AsyncClient), checks that every one
succeeds and equals the in-process answer, and prints latency percentiles and
throughput. The peer computes the same 1,000 answers with `answer_for` directly, so
the difference is what HTTP, JSON and the server cost. The server is stopped by its own
handle (`should_exit`). Client and server share one process (and its GIL), so the HTTP
figures include the client's own work.

    python benchmarks/bench_api.py [--requests N] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from confed.api.protocol import REQUEST_DEADLINE
from confed.places import places
from confed.rights.answer import answer_for
from confed.rights.engine import compiled_treaty, entry_year
from confed.server.app import create_app
from confed.server.commands import SERVER_LIMITS
from confed.treaty.load import shipped_ids

TIME_LIMIT = 120.0
"""Seconds the whole HTTP phase may take before the benchmark gives up."""


def people(n: int, seed: int = 7) -> list[dict]:
    """`n` varied single-person requests: every treaty, citizenship and many places."""
    rng = random.Random(seed)
    ids = places().ids
    out = []
    for _ in range(n):
        treaty = rng.choice(shipped_ids())
        start, _ = entry_year(compiled_treaty(treaty))
        out.append(
            {
                "treaty": treaty,
                "citizenship": rng.choice(["IL", "PS", "none"]),
                "residence": rng.choice(ids),
                "year": start + rng.randrange(0, 30),
            }
        )
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> tuple[uvicorn.Server, threading.Thread]:
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, **SERVER_LIMITS)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    return server, thread


async def load(base: str, bodies: list[dict], concurrency: int) -> tuple[list[float], list, float]:
    """Send every body with `concurrency` in flight; latencies, answers and wall time."""
    latencies = [0.0] * len(bodies)
    answers: list = [None] * len(bodies)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(len(bodies)):
        queue.put_nowait(i)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, timeout=30.0, limits=limits) as client:

        async def worker() -> None:
            while not queue.empty():
                i = queue.get_nowait()
                began = time.perf_counter()
                r = await client.post("/rights", json=bodies[i])
                latencies[i] = time.perf_counter() - began
                answers[i] = (r.status_code, r.json())

        began = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))), TIME_LIMIT)
        wall = time.perf_counter() - began
    return latencies, answers, wall


PAGES = (
    "/explorer/",
    "/explorer/treaties",
    *(f"/explorer/treaties/{t}" for t in ("alfa", "dajani-yehuda-2024", "separation",
                                          "one-state", "status-quo", "holy-land-confederation")),
    "/explorer/rights",
    "/explorer/sensitivity",
)  # fmt: skip
"""Ten explorer pages a burst of visitors opens."""


async def _page_get(port: int, path: str) -> tuple[float, int]:
    """One GET on a connection of its own, as a browser's first visit; latency and status.

    Sent and read over a bare asyncio stream (the whole gzipped body, by its
    Content-Length), so the latency is the server's, not a client library's.
    """
    began = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n"
    writer.write(f"{request}Connection: close\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    fields = dict(
        line.split(b":", 1) for line in head.split(b"\r\n")[1:] if b":" in line
    )  # fmt: skip
    length = {k.strip().lower(): v for k, v in fields.items()}.get(b"content-length", b"0")
    await reader.readexactly(int(length))
    writer.close()
    return time.perf_counter() - began, int(head.split(b" ", 2)[1])


async def _page_get_httpx(client: httpx.AsyncClient, path: str) -> tuple[float, int]:
    """The same GET through httpx, the peer client: its own work counts in its latency."""
    began = time.perf_counter()
    r = await client.get(path)
    return time.perf_counter() - began, r.status_code


async def pages_burst(
    base: str, requests: int, client: str = "socket"
) -> tuple[list[float], list[int], float]:
    """`requests` GETs over the ten pages, all in flight at once; latencies and statuses."""
    paths = [PAGES[i % len(PAGES)] for i in range(requests)]
    began = time.perf_counter()
    if client == "socket":
        port = int(base.rsplit(":", 1)[1])
        done = await asyncio.gather(*(_page_get(port, path) for path in paths))
    else:
        limits = httpx.Limits(max_connections=requests, max_keepalive_connections=requests)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
            done = await asyncio.gather(*(_page_get_httpx(http, path) for path in paths))
    return [t for t, _ in done], [s for _, s in done], time.perf_counter() - began


def half_sent(port: int, pid: int, clients: int = 1100) -> dict:
    """Open `clients` connections that send half a request head and stop.

    Returns the server's open descriptors at the peak and once the request deadline has
    passed, and how long a whole request took to be answered afterwards.
    """

    def descriptors() -> int:
        return len(list(Path(f"/proc/{pid}/fd").iterdir()))

    before = descriptors()
    socks = []
    for _ in range(clients):
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET /explorer/ HTTP/1.1\r\nhost: x\r\n")
            socks.append(sock)
        except OSError:
            break  # the backlog is full: the rest are refused, which is the point
    peak = descriptors()
    time.sleep(REQUEST_DEADLINE + 1)
    after = descriptors()
    t0 = time.perf_counter()
    status = httpx.get(f"http://127.0.0.1:{port}/explorer/", timeout=30).status_code
    answered = time.perf_counter() - t0
    for sock in socks:
        sock.close()
    return {"opened": len(socks), "before": before, "peak": peak, "after": after,
            "status": status, "answered": answered}  # fmt: skip


def burst_on_a_server_process(rounds: int) -> tuple[dict[str, list], dict, int]:
    """Bursts of 200 GETs at once on `confed serve` in its own process; then half-sent requests.

    It listens on 127.0.0.1; each page is opened once first; the server is stopped by
    its own handle. Each round sends a burst from a fresh client process with the bare
    socket client and then with httpx (the peer), alternating so both see the same load.
    Returns each client's rounds, what `half_sent` found and the bytes the server logged.
    """
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "serve.log"
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "confed"), "serve", "--host", "127.0.0.1",
             "--port", str(port), "--store", str(Path(folder) / "runs.duckdb")],
            stdout=log.open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"{base}/runs", timeout=5)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("confed serve did not start") from None
                    time.sleep(0.2)
            for path in PAGES:  # each page built once (the comparison takes ~30 s)
                httpx.get(f"{base}{path}", timeout=TIME_LIMIT * 5).raise_for_status()
            found: dict[str, list] = {"socket": [], "httpx": []}
            for _ in range(rounds):
                for name in found:
                    client = subprocess.run(  # a client of its own, as readers are
                        [sys.executable, __file__, "--burst-client", base, "--client", name],
                        capture_output=True, text=True, check=True,
                    )  # fmt: skip
                    found[name].append(json.loads(client.stdout))
            slow = half_sent(port, server.pid)
            return found, slow, log.stat().st_size
        finally:
            server.terminate()
            server.wait(timeout=30)


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5, help="bursts per client (default 5)")
    parser.add_argument("--burst-client", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--client", default="socket", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.burst_client:
        times, statuses, wall = asyncio.run(pages_burst(args.burst_client, 200, args.client))
        print(json.dumps({"times": times, "statuses": statuses, "wall": wall}))
        return
    n = min(args.requests, 10_000)
    bodies = people(n)  # also compiles every treaty once, for both sides

    # peer: the same answers in-process, no HTTP
    local_times = []
    expected = []
    began = time.perf_counter()
    for b in bodies:
        t0 = time.perf_counter()
        a = answer_for(compiled_treaty(b["treaty"]), b["citizenship"], b["residence"], b["year"])
        local_times.append(time.perf_counter() - t0)
        expected.append(a.data)
    local_wall = time.perf_counter() - began

    server, thread = start_server(free_port())
    try:
        base = f"http://127.0.0.1:{server.config.port}"
        warm = [bodies[i % n] for i in range(args.concurrency * 2)]
        asyncio.run(load(base, warm, args.concurrency))
        latencies, answers, wall = asyncio.run(load(base, bodies, args.concurrency))
    finally:
        server.should_exit = True
        thread.join(timeout=10)

    errors = [(i, a) for i, a in enumerate(answers) if a is None or a[0] != 200]
    assert not errors, f"{len(errors)} failed requests, first: {errors[0]}"
    for (_, body), want in zip(answers, expected, strict=True):
        body.pop("version")
        assert body == want, "an HTTP answer differs from the in-process answer"

    ms = 1000.0
    print(f"{n:,} single-person POST /rights, concurrency {args.concurrency}, all 200 and equal")
    print(
        f"HTTP (uvicorn + FastAPI + httpx): p50 {percentile(latencies, 50) * ms:.2f} ms, "
        f"p99 {percentile(latencies, 99) * ms:.2f} ms, {n / wall:,.0f} requests/s "
        f"({wall:.2f} s)"
    )
    print(
        f"in-process answer_for:            p50 {percentile(local_times, 50) * ms:.3f} ms, "
        f"p99 {percentile(local_times, 99) * ms:.3f} ms, {n / local_wall:,.0f} answers/s "
        f"({local_wall:.2f} s)"
    )
    print(f"HTTP overhead: {wall / local_wall:.1f}× the in-process time")
    bursts, slow, logged = burst_on_a_server_process(args.rounds)
    print(f"200 concurrent GETs over ten explorer pages (`confed serve` in its own process), "
          f"{args.rounds} bursts per client, load average {os.getloadavg()[0]:.1f}:")  # fmt: skip
    for name, label in (("socket", "bare socket client"), ("httpx", "httpx client (peer)")):
        p50 = [percentile(b["times"], 50) * ms for b in bursts[name]]
        p99 = [percentile(b["times"], 99) * ms for b in bursts[name]]
        errors = sum(s != 200 for b in bursts[name] for s in b["statuses"])
        print(
            f"  {label}: p50 {min(p50):.0f}–{max(p50):.0f} ms, p99 {min(p99):.0f}–{max(p99):.0f}"
            f" ms (median {statistics.median(p99):.0f}), {errors} errors"
        )
    print(
        f"{slow['opened']:,} half-sent requests: server descriptors {slow['before']} → "
        f"{slow['peak']} at the peak → {slow['after']} {REQUEST_DEADLINE:g} s later; then a "
        f"whole GET answered {slow['status']} in {slow['answered'] * ms:.0f} ms; "
        f"{logged:,} bytes of log"
    )


if __name__ == "__main__":
    main()
