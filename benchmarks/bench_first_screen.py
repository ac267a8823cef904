"""The comparison page's first screen: how soon it answers and how much it weighs.

Starts `confed serve`'s application (which renders the default 30-year comparison as
it starts) on 127.0.0.1 in a background thread, waits until that page is ready, then
requests it as a browser would on a first visit (gzip accepted): the page, its
stylesheets and its scripts. Prints the time to the page's last byte and the bytes
sent, against the peer: the whole report in one page, as the explorer sent it before
issue 17 (every section inline). Then, where Debian's Chromium is installed, opens both
in a fresh headless tab and prints when each first paints (first-contentful-paint) and
is loaded, the peer sent from the same server's assets.

    python benchmarks/bench_first_screen.py [--years N]
"""

from __future__ import annotations

import argparse
import gzip
import socket
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from confed.compare.html import report_body
from confed.server.app import create_app
from confed.web.comparison_page import DEFAULT_YEARS, cached_comparison, is_ready
from confed.web.layout import page

ASSETS = ("/explorer/static/report.css", "/explorer/static/explorer.css")
SCRIPTS = ("/explorer/static/report.js",)


def main() -> None:
    """Serve, wait for the warmed page, fetch the first screen, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=DEFAULT_YEARS)
    years = parser.parse_args().years
    store = Path(tempfile.mkdtemp()) / "runs.duckdb"
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    started = time.perf_counter()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store, warm=years == DEFAULT_YEARS), log_level="warning")
    )
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    while years == DEFAULT_YEARS and not is_ready(years, 1, store):
        time.sleep(0.1)
    print(f"default comparison rendered {time.perf_counter() - started:.1f} s after start")
    url = f"http://127.0.0.1:{port}"
    query = "" if years == DEFAULT_YEARS else f"?years={years}"
    with httpx.Client(headers={"Accept-Encoding": "gzip"}, timeout=600) as client:
        t0 = time.perf_counter()
        first = client.get(f"{url}/explorer/{query}")
        page_s = time.perf_counter() - t0
        raw, wire = len(first.content), first.num_bytes_downloaded
        for path in ASSETS + SCRIPTS:
            asset = client.get(url + path)
            raw += len(asset.content)
            wire += asset.num_bytes_downloaded
        second_t0 = time.perf_counter()
        client.get(f"{url}/explorer/{query}")
        second_s = time.perf_counter() - second_t0
    whole = report_body(cached_comparison(years, 1, store))
    print(f"first visit: page in {page_s * 1000:.0f} ms (again: {second_s * 1000:.0f} ms)")
    print(f"first screen: {raw / 1e3:.0f} kB ({wire / 1e3:.0f} kB gzipped) page and assets")
    print(
        f"peer, every section inline: {len(whole.encode()) / 1e3:.0f} kB "
        f"({len(gzip.compress(whole.encode(), 5)) / 1e3:.0f} kB gzipped) page alone"
    )
    if Path(CHROMIUM).exists():
        peer = page("Comparison", whole, "compare")
        for label, path in (("first screen", f"/explorer/{query}"), ("peer", PEER)):
            paint, loaded = _paint(url, path, peer)
            print(f"{label} in Chromium: first paint {paint:.0f} ms, loaded {loaded:.0f} ms")
    server.should_exit = True


PEER = "/explorer/peer"
"""Where the browser is handed the peer page (answered by the tab, not the server)."""

CHROMIUM = "/usr/bin/chromium"

PAINT = """() => new Promise(done => {
  const fcp = () => performance.getEntriesByName('first-contentful-paint')[0];
  const wait = () => fcp() ? done([fcp().startTime,
      performance.getEntriesByType('navigation')[0].loadEventEnd]) : setTimeout(wait, 20);
  wait();
})"""


def _paint(url: str, path: str, peer: str) -> tuple[float, float]:
    """Milliseconds to first contentful paint and to load, in a fresh headless tab."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        tab = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        tab.route(url + PEER, lambda r: r.fulfill(body=peer, content_type="text/html"))
        tab.goto(url + path, wait_until="load", timeout=600_000)
        paint, loaded = tab.evaluate(PAINT)
        browser.close()
    return paint, loaded


if __name__ == "__main__":
    main()
