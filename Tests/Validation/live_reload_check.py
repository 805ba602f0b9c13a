#!/usr/bin/env python3
"""Live reload in a real browser: `live_reload_check.py URL PAPER_FILE NEW_TITLE`.

Opens URL (the paper's page, served by `paperboy serve`) in headless Chromium, then, without
navigating again: sets the paper's title to NEW_TITLE in PAPER_FILE and waits for the page to
show it; breaks the front matter and waits for the error overlay; restores the file and waits
for the overlay to go. Each wait is at most 5 s. Prints how long each took; exits 1 on failure.
"""
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def main():
    url, paper, new_title = sys.argv[1:4]
    with open(paper, encoding="utf-8") as f:
        original = f.read()
    lines = original.split("\n")
    title_line = next(i for i, line in enumerate(lines) if line.startswith("title:"))

    def write(title_value):
        edited = list(lines)
        edited[title_line] = "title: " + title_value
        with open(paper, "w", encoding="utf-8") as f:
            f.write("\n".join(edited))

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    failures = []
    try:
        driver.set_page_load_timeout(10)
        driver.get(url)
        # The page's event stream must be open before the first edit.
        time.sleep(0.3)

        def wait_for(what, condition):
            start = time.monotonic()
            while time.monotonic() - start < 5:
                try:
                    if driver.execute_script(condition):
                        took = time.monotonic() - start
                        print(f"{what}: {took:.3f} s")
                        return took
                except Exception:  # the page is reloading
                    pass
                time.sleep(0.02)
            failures.append(f"{what}: not seen within 5 s")
            return None

        write('"' + new_title + '"')
        wait_for("new title shown", "return document.querySelector('h1') && document.querySelector('h1').textContent.includes(%r)" % new_title)
        write("[broken")
        wait_for("error overlay shown", "const e = document.getElementById('paperboy-error'); return e && /\\.md:\\d+: /.test(e.textContent)")
        with open(paper, "w", encoding="utf-8") as f:
            f.write(original)
        wait_for("error overlay cleared", "return document.readyState === 'complete' && !document.getElementById('paperboy-error')")
    finally:
        driver.quit()
    for failure in failures:
        print("FAIL " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
