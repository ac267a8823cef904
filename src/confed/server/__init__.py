"""The served application: the HTTP API and the web explorer assembled in one process.

It sits above both `confed.api` and `confed.web` (the explorer reads the API's jobs and errors),
so neither of them imports it.
"""
