"""`confed serve`: the HTTP API on a local port, with OpenAPI at /openapi.json."""

from __future__ import annotations

from pathlib import Path

import click

from confed.api.protocol import MAX_CONNECTIONS, DeadlineH11Protocol
from confed.options import STORE

SERVER_LIMITS = {
    "http": DeadlineH11Protocol,
    "limit_concurrency": MAX_CONNECTIONS,
    "timeout_keep_alive": 5,
    "h11_max_incomplete_event_size": 64 * 1024,
    "backlog": 256,
    "access_log": False,
    "log_level": "warning",
}
"""What clients can hold: at most MAX_CONNECTIONS (500) connections open, more closed
at once (and 503 when as many requests are in flight); idle ones closed after 5 s; each
request sent whole within REQUEST_DEADLINE (10 s); request heads of at most 64 KiB. No line
is logged per request and slow clients are logged as a count once a minute, so slow or
half-sent requests cannot exhaust the descriptors or fill a disk with logs."""


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@STORE
def serve_cmd(host: str, port: int, store_path: Path | None) -> None:
    """Serve the web explorer and the HTTP API on this machine.

    Open http://127.0.0.1:8000/ for the explorer: the comparison, each treaty, a
    rights calculator, a scenario editor and the run history. The API's interactive
    documentation is at /docs, the OpenAPI description at /openapi.json. Simulations
    run as background jobs and are saved in the same run store as `confed simulate`,
    for example:
      confed serve --port 8000
      curl -s localhost:8000/rights -H 'content-type: application/json' \\
        -d '{"treaty": "alfa", "citizenship": "PS", "residence": "jaffa", "year": 2045}'
    """
    import uvicorn

    from confed.server.app import create_app

    uvicorn.run(create_app(store_path, warm=True), host=host, port=port, workers=1, **SERVER_LIMITS)
