"""Headless Chromium for the browser tests: Debian's binary, never a downloaded one.

A `Tab` records console errors and every request that leaves what the test allows
(files, or the test's own server), so each test can assert that a page fetched nothing
from outside and logged no error. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

needs_chromium = pytest.mark.skipif(
    shutil.which(str(CHROMIUM)) is None, reason=f"{CHROMIUM} is missing (apt-get install chromium)"
)


def launch(playwright):
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


class Tab:
    """A page that records console errors and any request outside `allowed` (a URL prefix)."""

    def __init__(self, browser, allowed: str, offline: bool = False):
        self.context = browser.new_context(viewport={"width": 1366, "height": 900})
        self.context.set_offline(offline)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._only(allowed))

    def _only(self, allowed: str):
        def route(r):
            if r.request.url.startswith(allowed):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        return route

    def clean(self, refused: int | None = None) -> None:
        """No console errors but the browser's note of the one refusal a test provoked."""
        note = f"the server responded with a status of {refused}"
        errors = [e for e in self.errors if refused is None or note not in e]
        assert errors == [], errors
        assert self.outside == [], self.outside

    def shot(self, name: str, full_page: bool = False) -> None:
        """Keep a screenshot as tests/artifacts/NAME.png."""
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)

    def close(self) -> None:
        """Close the tab's browser context."""
        self.context.close()


def drawn(locator) -> bool:
    """Whether the element has a box with area on the page."""
    box = locator.bounding_box()
    return box is not None and box["width"] > 0 and box["height"] > 0
