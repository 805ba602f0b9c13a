#!/usr/bin/env python3
"""The search page in a real browser: `search_check.py FOLDER PATH EXPECT.json [--file]`.

Serves FOLDER on 127.0.0.1 (a free port; the server stops with this script, which gives up
after 300 s), opens PATH + "search/" (PATH is "/" or a sub-path such as "/sub/") in headless
Chromium and checks what EXPECT.json names (written by the Swift test that built the site):

  known: {slug, words: [w1, w2], arxiv}  a paper that must come first for its words,
         a prefix of the first, both words, its arXiv id and its slug
  hostile: {slug, word}                  a paper whose title is markup: shown as text only
  common: a word many papers have        for the topic filter and the byte budget
  budget: {bytes, requests}              the first query of a fresh page, at most this
  order: [{query, slugs, requests}]      the whole order of a query's results: every page,
                                         "More results" after "More results", is its start;
                                         the first page within `requests` over HTTP

Without `known`, only `order` is checked. Otherwise it also checks: a query without a match, the URL following the query, the back button, the
keyboard (`/`, arrows, Enter), and no console error. With --file, the same site from file://
(the index loads as scripts). Prints what it measured; exits 1 on failure.
"""
import functools
import http.server
import json
import signal
import sys
import threading
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

TIMEOUT = 20  # seconds for any one wait: CI runs every suite at once on 2 cores


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    signal.alarm(300)
    folder, path, expect_file = sys.argv[1:4]
    from_file = "--file" in sys.argv[4:]
    with open(expect_file, encoding="utf-8") as f:
        expect = json.load(f)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if from_file:
        base = "file://" + folder.rstrip("/") + path + "search/index.html"
    else:
        base = f"http://127.0.0.1:{server.server_address[1]}{path}search/"

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    failures = []

    def check(condition, what):
        if not condition:
            failures.append(what)
            print("FAIL:", what)

    def wait(condition, what):
        start = time.monotonic()
        while time.monotonic() - start < TIMEOUT:
            try:
                value = driver.execute_script(condition)
                if value:
                    return value
            except Exception:  # a page being replaced
                pass
            time.sleep(0.02)
        failures.append(f"{what}: not within {TIMEOUT} s")
        print("FAIL:", what)
        return None

    def open_page(query=""):
        driver.get(base + query)
        wait("return document.readyState === 'complete' && window.pbChunk !== undefined", "the search page loads")

    def settled():
        return wait(
            "const s = document.getElementById('search').getAttribute('data-state');"
            "return (s === 'done' || s === 'empty' || s === 'idle' || s === 'error') && s",
            "the search settles",
        )

    def type_query(text):
        box = driver.find_element(By.ID, "search-q")
        box.clear()
        driver.execute_script("document.getElementById('search').setAttribute('data-state', 'typing')")
        box.send_keys(text)
        return settled()

    def slugs():
        return driver.execute_script(
            "return Array.from(document.querySelectorAll('#search-results h2 a')).map(a => "
            "decodeURIComponent(a.getAttribute('href').replace(/\\/$/, '').split('/').pop()))"
        )

    def first_is(slug, what):
        found = slugs()
        check(found[:1] == [slug], f"{what}: first result is {found[:1]}, expected {slug}")

    def fetched_now():
        return driver.execute_script(
            "return performance.getEntriesByType('resource').filter(e => e.name.indexOf('/search/') >= 0)"
            ".map(e => e.name.split('/search/')[1])"
        )

    def check_order(case):
        query, expected = case["query"], case["slugs"]
        # Opened from its URL: the page fetches for this query alone, not for each prefix typed.
        open_page("?q=" + urllib.parse.quote(query))
        settled()
        if not from_file and "requests" in case:
            fetched = fetched_now()
            requests = len(fetched)
            print(f"order {query!r}: first page {len(slugs())} of {len(expected)} papers, {requests} requests: {' '.join(fetched)}")
            check(requests <= case["requests"], f"{query!r}: the first page made {requests} requests, budget {case['requests']}")
        for page in range(len(expected) + 1):
            shown = slugs()
            check(shown and shown == expected[: len(shown)], f"{query!r}, page {page + 1}: {shown} is not the start of {expected}")
            more = driver.find_element(By.ID, "search-more-line").is_displayed()
            if len(shown) >= len(expected) or not more or shown != expected[: len(shown)]:
                break
            driver.execute_script("document.getElementById('search').setAttribute('data-state', 'typing')")
            driver.find_element(By.ID, "search-more").click()
            settled()
        check(slugs() == expected, f"{query!r}: after More results, {slugs()} instead of {expected}")

    try:
        driver.set_page_load_timeout(TIMEOUT)
        for case in expect.get("order", []):
            check_order(case)
        if "known" in expect:
            known, hostile, common = expect["known"], expect["hostile"], expect["common"]

            # The first query of a fresh page: what it fetched (uncompressed bytes, requests).
            open_page()
            start = time.monotonic()
            type_query(common)
            took = time.monotonic() - start
            check(len(slugs()) > 0, f"{common!r} finds papers")
            if not from_file:
                fetched = driver.execute_script(
                    "return performance.getEntriesByType('resource').filter(e => e.name.indexOf('/search/') >= 0)"
                    ".map(e => [e.name, e.decodedBodySize])"
                )
                total = sum(size for _, size in fetched)
                print(f"first query {common!r}: {len(fetched)} requests, {total} bytes, {took:.3f} s with the fetches")
                for name, size in fetched:
                    print(f"    {size:8d}  {name.split('/search/', 1)[1]}")
                budget = expect.get("budget")
                if budget:
                    check(total <= budget["bytes"], f"first query fetched {total} bytes, budget {budget['bytes']}")
                    check(len(fetched) <= budget["requests"], f"first query made {len(fetched)} requests, budget {budget['requests']}")
            # Once the chunks are there: the same query again is computed and shown without fetching.
            type_query(common[:-1])
            type_query(common)
            ms = int(driver.execute_script("return document.getElementById('search').getAttribute('data-ms')") or -1)
            print(f"results shown {ms} ms after the keystroke (chunks already loaded)")
            check(0 <= ms < 1000, f"results took {ms} ms with the chunks loaded")

            word, second = known["words"]
            type_query(word)
            first_is(known["slug"], f"the word {word!r}")
            title = driver.execute_script("return document.querySelector('#search-results h2 mark') && document.querySelector('#search-results h2 mark').textContent")
            check(title and title.lower().startswith(word.lower()), f"the matched word is marked in the title ({title!r})")
            type_query(word[:4])
            first_is(known["slug"], f"the prefix {word[:4]!r}")
            type_query(f"{word} {second}")
            first_is(known["slug"], f"the two words {word!r} {second!r}")
            if not from_file:
                query = urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)
                check(query.get("q") == [f"{word} {second}"], f"the URL follows the query ({driver.current_url})")
            type_query(known["arxiv"])
            first_is(known["slug"], f"the arXiv id {known['arxiv']}")
            type_query(f"arXiv:{known['arxiv']}v2")
            first_is(known["slug"], "the arXiv id with a prefix and a version")
            type_query(known["slug"])
            first_is(known["slug"], "the slug")
            type_query("qqzzxxvvnomatch")
            status = driver.find_element(By.ID, "search-status").text
            check("No papers match" in status and not slugs(), f"a query without a match says so ({status!r})")

            # Hostile text in the index is shown as text.
            type_query(hostile["word"])
            first_is(hostile["slug"], f"the hostile title's word {hostile['word']!r}")
            shown = driver.execute_script("return document.querySelector('#search-results h2 a').textContent")
            check("<" in shown and ">" in shown, f"the hostile title is shown as written ({shown!r})")
            injected = driver.execute_script(
                "return window.__pwned !== undefined || document.querySelectorAll('#search-results script, #search-results img, "
                "#search-results iframe').length > 0"
            )
            check(not injected, "markup in a title runs or makes elements")

            # Filters, kept in the URL; the back button comes back to the search before.
            open_page("?q=" + urllib.parse.quote(word))
            settled()
            first_is(known["slug"], "a search opened from its URL")
            topic = driver.execute_script(
                "const a = document.querySelector('#search-results .topic'); return a && a.getAttribute('href').split('/').filter(Boolean).pop()"
            )
            check(topic, "the result shows its topics")
            if topic:
                driver.find_element(By.CSS_SELECTOR, f"#search-topic option[value='{topic}']").click()
                settled()
                first_is(known["slug"], f"{word!r} in its topic {topic}")
                if not from_file:
                    check(f"topic={topic}" in driver.current_url, f"the URL keeps the topic ({driver.current_url})")
                type_query(common)
                chips = driver.execute_script(
                    "return Array.from(document.querySelectorAll('#search-results li')).map(li => "
                    "Array.from(li.querySelectorAll('.topic')).map(a => a.getAttribute('href').split('/').filter(Boolean).pop()))"
                )
                check(all(topic in c for c in chips), f"every result of the topic filter has topic {topic}")
                if not from_file:
                    open_page(f"?q={urllib.parse.quote(word)}&topic={topic}")
                    settled()
                    first_is(known["slug"], "a linked search with a topic")
                    driver.find_element(By.CSS_SELECTOR, "#search-topic option[value='']").click()
                    settled()
                    driver.back()
                    wait(f"return document.getElementById('search-topic').value === {json.dumps(topic)}", "the back button restores the topic")
                    settled()
                    first_is(known["slug"], "after the back button")
            year = driver.execute_script("return document.querySelector('#search-year option:last-child').value")
            open_page(f"?q={urllib.parse.quote(word)}&year={year}")
            settled()
            check(driver.find_element(By.ID, "search-year").get_attribute("value") == year, "the year filter is read from the URL")

            # The keyboard: `/` focuses the box; arrows and Enter open a result.
            open_page()
            driver.find_element(By.TAG_NAME, "h1").click()
            driver.find_element(By.TAG_NAME, "body").send_keys("/")
            focused = driver.execute_script("return document.activeElement && document.activeElement.id")
            check(focused == "search-q", f"`/` focuses the search box (focus on {focused!r})")
            box = driver.find_element(By.ID, "search-q")
            box.send_keys(word)
            settled()
            box.send_keys(Keys.ARROW_DOWN)
            box.send_keys(Keys.ENTER)
            opened = wait("return location.pathname.indexOf('/papers/') >= 0 && location.pathname", "Enter opens the chosen result")
            check(opened and known["slug"] in opened, f"Enter opened {opened!r}")

        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        check(not errors, f"console errors: {errors[:3]}")
    finally:
        driver.quit()
        server.shutdown()
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("search: all checks passed")


if __name__ == "__main__":
    main()
