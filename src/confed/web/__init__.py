"""The web explorer: HTML pages served by the API app, every asset shipped, nothing fetched.

Pages are rendered on the server from the same functions as the CLI and the API, so an
answer in the browser is the answer `confed` prints; a little script only drives the
scenario editor's job and the comparison map's selectors.
"""
