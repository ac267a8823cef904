"""`confed serve`: the HTTP API on a local port, with OpenAPI at /openapi.json."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The run store file (default: runs.duckdb in the user's data directory).",
)
def serve_cmd(host: str, port: int, store_path: Path | None) -> None:
    """Serve the web explorer and the HTTP API on this machine.

    \b
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

    from confed.api.app import create_app

    uvicorn.run(create_app(store_path), host=host, port=port, workers=1)
