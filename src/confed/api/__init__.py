"""The HTTP API: the CLI's questions over JSON, with OpenAPI at /openapi.json.

Its routers are assembled with the web explorer's by `confed.server.app.create_app`;
`confed serve` runs that with uvicorn. Every answer carries the confed version, every
error is a JSON body naming the field, what was expected and a did-you-mean, never a
traceback.
"""
