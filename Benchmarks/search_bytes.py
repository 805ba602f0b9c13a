#!/usr/bin/env python3
"""What the search page fetches for a first query: `search_bytes.py SITE_DIR [--browser] [QUERY...]`.

Replays `Templates/assets/search.js` over the index a build wrote under SITE_DIR/search/ (no
browser): for each query, on a fresh page, the files it loads (meta.js, each word's newest
postings with its dictionary, the blocks that could hold a better paper, most title words
first, then the rows of the papers shown) and their bytes as served (uncompressed). Prints one line per query and
the largest; `--json` prints them as JSON. Without queries: a fixed list of one- and two-word
queries, a prefix, an arXiv id shape and a word that matches nothing. With --browser (headless
Chromium and Selenium, as the tests use), it also opens SITE_DIR/search/index.html from file://
and prints how long the results took to show after the last keystroke, once the chunks had
arrived (the query typed again; the page's own measure, `data-ms`).
"""
import json
import math
import os
import re
import sys
import unicodedata

STOP = set(
    "an and are as at be by can for from has have in into is it its of on or our than that the their them "
    "then there these they this to via was we were which while with".split()
)
PAGE, REQUESTS = 10, 6
DEFAULT_QUERIES = ["diffusion", "language model", "mixture experts", "reinforce", "graph neural", "2502.19261", "qqzzxxvvnomatch"]


class Page:
    """A fresh search page: what it has loaded, and what that cost."""

    def __init__(self, root):
        self.root = root
        self.loaded = {}
        self.requests = 0
        self.bytes = 0

    def load(self, name):
        if name not in self.loaded:
            path = os.path.join(self.root, "search", name + ".js")
            with open(path, "rb") as f:
                raw = f.read()
            self.requests += 1
            self.bytes += len(raw)
            text = raw.decode("utf-8")
            prefix = "pbChunk(" + json.dumps(name) + ","
            assert text.startswith(prefix) and text.endswith(");\n"), path
            self.loaded[name] = json.loads(text[len(prefix):-3])
        return self.loaded[name]


def fold(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def words(text):
    out = []
    for w in re.split(r"[\W_]+", fold(text)):
        if len(w) > 1 and w not in STOP and w not in out:
            out.append(w)
    return out


def key_of(word):
    return "".join(c if re.match(r"[a-z0-9]", c) else "_" for c in word[:2])


def unpack(text, first):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    previous, value = first - 1, 0
    for ch in text:
        digit = alphabet.index(ch)
        value = value * 32 + (digit & 31)
        if digit < 32:
            previous += value + 1
            yield previous
            value = 0


def blocks_of(hex_text):
    return {i * 4 + bit for i, ch in enumerate(reversed(hex_text)) for bit in range(4) if int(ch, 16) & (1 << bit)}


def bucket(key, buckets):
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % buckets


def exact_key(query):
    text = query.strip().lower()
    m = re.match(r"^(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$", text)
    if m:
        return m.group(1)
    return text if re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)+$", text) else None


def first_query(root, query):
    """The files a fresh page loads for `query`, as search.js does; returns (page, papers shown)."""
    page = Page(root)
    meta = page.load("meta")
    want = PAGE + 1
    ids, exact = [], None
    needed = {"meta"}
    key = exact_key(query)
    if key:
        name = f"k/{bucket(key, meta['buckets'])}"
        keys = page.load(name)
        needed.add(name)
        exact = keys.get(key)
    query_words = words(query) if exact is None else []
    known = set(meta["keys"].split())
    if query_words and all(key_of(w) in known for w in query_words):
        block_count = math.ceil(meta["papers"] / meta["block"])
        newest_names = [f"p/{block_count - 1}/{key_of(w)}" for w in query_words]
        newest = [page.load(name) for name in newest_names]
        needed |= set(newest_names)
        any_in, title_in = [], []
        for w, file in zip(query_words, newest):
            a, t = set(), set()
            for term, any_hex, title_hex in file["d"]:
                if term.startswith(w):
                    a |= blocks_of(any_hex)
                    t |= blocks_of(title_hex)
            any_in.append(a)
            title_in.append(t)

        def best(block):
            return sum(block in t for t in title_in)

        blocks = [b for b in range(block_count - 1, -1, -1) if all(b in a for a in any_in)]
        blocks.sort(key=lambda b: (-best(b), -b))

        def settled(result, start):
            own = result[0] // meta["block"]
            return all(best(b) < result[1] or (best(b) == result[1] and b < own) for b in blocks[start:])

        results, read = [], 0
        while read < len(blocks):
            sure = sorted((r for r in results if settled(r, read)), key=lambda r: (-r[1], -r[0]))
            block = blocks[read]
            names = [f"p/{block}/{key_of(w)}" for w in query_words]
            cost = len(set(names) - needed)
            row_files = len({i // meta["shard"] for i, _ in sure[:want]})
            if len(sure) >= want or (sure and len(needed) + cost + row_files > REQUESTS):
                break
            needed |= set(names)
            start = block * meta["block"]
            count, in_title = {}, {}
            for name, w in zip(names, query_words):
                postings = page.load(name)["p"]
                mark = {}
                for term, (title, body) in postings.items():
                    if term.startswith(w):
                        for i in unpack(title, start):
                            mark[i] = 2
                        for i in unpack(body, start):
                            mark.setdefault(i, 1)
                for i, m in mark.items():
                    count[i] = count.get(i, 0) + 1
                    in_title[i] = in_title.get(i, 0) + (m == 2)
            results += [(i, in_title[i]) for i, c in count.items() if c == len(query_words)]
            read += 1
        results = [r for r in results if settled(r, read)]
        results.sort(key=lambda r: (-r[1], -r[0]))
        ids = [i for i, _ in results]
    if exact is not None:
        ids = [exact] + [i for i in ids if i != exact]
    shard_limit = max(1, REQUESTS - len(needed))
    shown, shards = [], []
    for i in ids[:PAGE]:
        shard = i // meta["shard"]
        if shard not in shards:
            if len(shards) == shard_limit and shown:
                break
            shards.append(shard)
        shown.append(i)
    for shard in shards:
        page.load(f"d/{shard}")
    return page, len(shown)


def browser_times(root, queries):
    """Milliseconds from the last keystroke to the results shown, chunks loaded, per query."""
    import time

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    times = {}
    try:
        driver.get("file://" + os.path.abspath(root) + "/search/index.html")
        box = driver.find_element(By.ID, "search-q")
        state = "return document.getElementById('search').getAttribute('data-state')"
        for query in queries:
            for attempt in range(2):  # the second time, every chunk is loaded
                box.clear()
                driver.execute_script("document.getElementById('search').setAttribute('data-state', 'typing')")
                box.send_keys(query)
                start = time.monotonic()
                while driver.execute_script(state) not in ("done", "empty", "idle", "error") and time.monotonic() - start < 30:
                    time.sleep(0.01)
            times[query] = int(driver.execute_script("return document.getElementById('search').getAttribute('data-ms')") or -1)
    finally:
        driver.quit()
    return times


def main():
    args = [a for a in sys.argv[1:] if a not in ("--json", "--browser")]
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    root, queries = args[0], args[1:] or DEFAULT_QUERIES
    rows = []
    for query in queries:
        page, shown = first_query(root, query)
        rows.append({"query": query, "requests": page.requests, "bytes": page.bytes, "shown": shown})
    if "--browser" in sys.argv:
        for row, ms in zip(rows, browser_times(root, queries).values()):
            row["ms"] = ms
    if "--json" in sys.argv:
        print(json.dumps(rows))
        return
    for row in rows:
        shown = f", results {row['ms']} ms after the keystroke" if "ms" in row else ""
        print(f"{row['query']!r:>20}: {row['requests']} requests, {row['bytes'] / 1024:6.1f} KB, {row['shown']} papers shown{shown}")
    worst = max(rows, key=lambda r: r["bytes"])
    print(f"largest: {worst['bytes'] / 1024:.1f} KB ({worst['query']!r}); most requests: {max(r['requests'] for r in rows)}", end="")
    print(f"; slowest results: {max(r['ms'] for r in rows)} ms" if "ms" in rows[0] else "")


if __name__ == "__main__":
    main()
