"""Screenshot a page in headless Chromium once it has drawn, not after a fixed wait.

    python scripts/screenshot.py URL OUT.png [WIDTH HEIGHT] [--until-clock HH:MM] [--timeout S]

Waits until the wall shows its questions and both charts (or, on another page, until the
document is complete), and with ``--until-clock`` until the wall's clock reads that time
or later (a frame of a running demo: ``--until-clock 08:27``). A server that does not
answer yet (a demo loading its models) is asked again until ``--timeout``.
"""

import argparse
import time

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

DRAWN_JS = """
if (document.readyState !== 'complete') return false;
if (!document.querySelector('.wall')) return true;  // not the wall: loaded is enough
return !!document.querySelector('#questions')
    && document.querySelectorAll('.graph .main-svg').length >= 2;
"""
CLOCK_JS = "const c = document.querySelector('#clock'); return c ? c.textContent : '';"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("size", nargs="*", type=int, default=[1920, 1080], metavar="WIDTH HEIGHT")
    parser.add_argument("--until-clock", help="wait until the wall's clock reads HH:MM or later")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds (default 900)")
    args = parser.parse_args()
    width, height = args.size
    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
        "--hide-scrollbars",
    ):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(options=options)
    try:
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        deadline = time.monotonic() + args.timeout
        while True:  # a demo that is still loading its models does not answer yet
            try:
                driver.get(args.url)
                break
            except WebDriverException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
        wait = WebDriverWait(driver, args.timeout, poll_frequency=0.5)
        wait.until(lambda d: d.execute_script(DRAWN_JS))
        if args.until_clock:
            wait.until(lambda d: d.execute_script(CLOCK_JS)[:5] >= args.until_clock)
            # the body is redrawn on the same tick as the clock: wait until the charts are back
            wait.until(lambda d: d.execute_script(DRAWN_JS))
        driver.save_screenshot(args.out)
    finally:
        driver.quit()
    print(args.out)


if __name__ == "__main__":
    main()
