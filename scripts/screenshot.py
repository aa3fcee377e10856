"""Screenshot a page in headless Chromium: python scripts/screenshot.py URL OUT.png [WIDTH HEIGHT] [WAIT_S]"""

import sys
import time

from selenium import webdriver

url, out = sys.argv[1], sys.argv[2]
width, height = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (1920, 1080)
wait = float(sys.argv[5]) if len(sys.argv) > 5 else 5.0
options = webdriver.ChromeOptions()
for flag in (
    "--headless",
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
    driver.get(url)
    time.sleep(wait)
    driver.save_screenshot(out)
finally:
    driver.quit()
print(out)
