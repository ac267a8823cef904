"""The HTTP API: the CLI's questions over JSON, with OpenAPI at /openapi.json.

`create_app(store_path)` (in `app.py`) builds the FastAPI application; `confed serve`
runs it with uvicorn. Every answer carries the confed version, every error is a JSON
body naming the field, what was expected and a did-you-mean, never a traceback.
"""
