"""Browser tier: the ``dash_duo`` fixture of ``dash[testing]`` in a headless Chromium.

``dash[testing]`` registers its pytest plugin (entry point ``dash.testing.plugin``),
which provides ``dash_duo`` and asks the ``pytest_setup_options`` hook below for
the Chrome options, so a plain ``pytest tests/browser`` runs headless at
1920×1080. The browser is ``RADAR_CHROMIUM`` or ``chromium`` from PATH, the driver
``chromedriver`` from PATH; without them the tier is skipped with the reason.
A failing test leaves a screenshot in ``artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options as ChromeOptions

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
WINDOW = (1920, 1080)


def chromium_binary() -> str | None:
    """The Chromium to drive: ``RADAR_CHROMIUM``, else ``chromium`` or Chrome from PATH."""
    configured = os.environ.get("RADAR_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing_browser() -> str | None:
    """Why the browser tier cannot run here, or None when it can."""
    if chromium_binary() is None:
        return "Chromium not found: install chromium or set RADAR_CHROMIUM"
    if shutil.which("chromedriver") is None:
        return "chromedriver not found on PATH: install chromium-driver"
    return None


def pytest_setup_options() -> ChromeOptions:
    """Chrome options for ``dash_duo``: headless, no sandbox, a wall-sized window."""
    options = ChromeOptions()
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(argument)
    binary = chromium_binary()
    if binary:
        options.binary_location = binary
    return options


@pytest.fixture(autouse=True)
def _require_browser() -> None:
    reason = missing_browser()
    if reason:
        pytest.skip(reason)


@pytest.fixture
def viewport(dash_duo):
    """Resize the window so the page itself (not the window) is ``width`` × ``height``."""

    def resize(width: int, height: int) -> None:
        driver = dash_duo.driver
        driver.set_window_size(width, height)
        inner_w, inner_h = driver.execute_script("return [window.innerWidth, window.innerHeight]")
        driver.set_window_size(2 * width - inner_w, 2 * height - inner_h)

    return resize


@pytest.fixture
def screenshot(dash_duo):
    """Save the current page as ``artifacts/screenshots/<name>.png``; returns the path."""

    def save(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        dash_duo.driver.save_screenshot(str(path))
        return path

    return save


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    duo = getattr(item, "funcargs", {}).get("dash_duo")
    if report.when == "call" and report.failed and duo is not None:
        try:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            duo.driver.save_screenshot(str(SCREENSHOTS / f"FAILED-{item.name}.png"))
        except Exception as exc:  # a dead browser must not hide the real failure
            print(f"could not save a screenshot: {exc}")
