"""The API's interactive documentation at /docs, with Swagger UI served from the package.

FastAPI's default /docs page loads Swagger UI from a CDN and is blank offline; here the
script and stylesheet come from the `swagger-ui-bundle-v2` package (Swagger UI 5, which
reads OpenAPI 3.1; Apache-2.0, its licence ships in that package), so the page works
with no network.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from swagger_ui_bundle import swagger_ui_path

from confed.api.errors import ApiError
from confed.errors import Problem

router = APIRouter(include_in_schema=False)

ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}
"""The Swagger UI files /docs uses, with their media types."""


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    """Swagger UI over /openapi.json, every asset from this server."""
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title} · API",
        swagger_js_url="/docs/assets/swagger-ui-bundle.js",
        swagger_css_url="/docs/assets/swagger-ui.css",
        swagger_favicon_url="/docs/assets/favicon-32x32.png",
    )


@router.get("/docs/assets/{name}")
def docs_asset(name: str) -> FileResponse:
    """One of the shipped Swagger UI files."""
    if name not in ASSETS:
        raise ApiError(404, Problem(f"no asset '{name}'", field="name", expected=", ".join(ASSETS)))
    return FileResponse(
        str(swagger_ui_path / name),
        media_type=ASSETS[name],
        headers={"Cache-Control": "max-age=86400"},
    )
