#!/usr/bin/env python3
"""A scripted stand-in for the Hugging Face Daily Papers API, for `paperboy fetch` tests.

Binds 127.0.0.1 on a free port, prints the port on its first line of standard output, and answers
`GET /<scenario>/api/daily_papers?...` with that scenario's script (the tests pass
`--api-url http://127.0.0.1:PORT/<scenario>`, so one server can play every scenario). Each request
is appended to the --log file as one JSON line (scenario, path, query, headers, time), so a test can
check the User-Agent, the query and how many attempts were made. It exits by itself after
--lifetime seconds, so a test that forgets it (or dies) never leaves it running.

The items follow the documented shape (docs/content-format.md, "Hugging Face feeds";
tests: `Tests/EndToEndTests/FetchTests.swift`). Nothing here reaches the internet.

    fixture_server.py --log requests.jsonl [--lifetime 60]
    fixture_server.py --page SCENARIO P     # print a page's body to stdout (to compare with)
"""

import argparse
import json
import os
import sys
import threading
import time
import urllib.parse
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE_SIZE = 100


def full_item(number):
    """An item with every documented field: author objects, fractional-second dates, LaTeX and a
    line break in the title, a non-ASCII name."""
    arxiv = "2611.%05d" % number
    title = "Sparse Mixture-of-Depths %d for $\\mathcal{O}(n)$\n  Long-Context Reasoning" % number
    return {
        "paper": {
            "id": arxiv,
            "authors": [
                {"_id": "6a63a8cbab9cdf9be57944%02d" % (number % 100), "name": "Ada Lovelace", "hidden": False},
                {
                    "_id": "6a63a8cbab9cdf9be5794457",
                    "name": "Zoë Ångström",
                    "hidden": False,
                    "user": {
                        "_id": "61942296d5c2ba6daa290357",
                        "avatarUrl": "/avatars/abc.svg",
                        "fullname": "Zoë Ångström",
                        "user": "zoe",
                        "name": "zoe",
                        "isPro": False,
                        "type": "user",
                    },
                },
            ],
            "publishedAt": "2026-11-25T13:45:00.000Z",
            "submittedOnDailyAt": "2026-11-26T01:12:44.118Z",
            "submittedOnDailyBy": {"_id": "a1", "fullname": "Ada Lovelace", "user": "ada", "name": "ada", "isPro": True, "type": "user"},
            "title": title,
            "summary": "We study routing tokens through a variable number of layers.\nOn 1M-token\nbenchmarks we match dense baselines.",
            "upvotes": 200 - number,
            "discussionId": "6a63a8ccab9cdf9be57944%02d" % (number % 100),
            "ai_summary": "A sparse depth-routing method cuts long-context compute.",
            "ai_keywords": ["mixture-of-depths", "long context"],
            "githubRepo": "https://github.com/example/sparse-mod-%d" % number,
            "githubStars": 318,
            "projectPage": "https://example.github.io/sparse-mod",
            "mediaUrls": ["https://cdn-uploads.huggingface.co/x/teaser.mp4"],
            "organization": {"_id": "o1", "name": "example-lab", "fullname": "Example Lab", "avatar": "https://cdn-avatars.huggingface.co/o1"},
        },
        "publishedAt": "2026-11-26T01:12:44.118Z",
        "title": title,
        "summary": "We study routing tokens through a variable number of layers.",
        "thumbnail": "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/%s.png" % arxiv,
        "numComments": 2,
        "submittedBy": {"_id": "a1", "fullname": "Ada Lovelace", "name": "ada", "type": "user", "avatarUrl": "/a.svg", "isPro": True},
        "isAuthorParticipating": False,
    }


def bare_item(number):
    """An item with only the required fields (no optional one)."""
    arxiv = "2611.%05d" % number
    return {
        "paper": {
            "id": arxiv,
            "authors": [{"_id": "b%d" % number, "name": "Alan Turing", "hidden": False}],
            "publishedAt": "2026-11-25T00:00:00.000Z",
            "title": "A Bare Paper %d" % number,
            "summary": "Only the required fields.",
            "upvotes": 1,
            "discussionId": "d%d" % number,
        },
        "publishedAt": "2026-11-26T08:00:00.000Z",
        "title": "A Bare Paper %d" % number,
        "summary": "Only the required fields.",
        "thumbnail": "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/%s.png" % arxiv,
        "numComments": 0,
        "submittedBy": {"_id": "a1", "fullname": "Ada Lovelace", "name": "ada", "type": "user", "avatarUrl": "/a.svg", "isPro": False},
        "isAuthorParticipating": False,
    }


def items(first, count):
    """`count` items numbered from `first`; every third one bare."""
    return [bare_item(n) if n % 3 == 1 else full_item(n) for n in range(first, first + count)]


def pretty(values):
    """Indented, non-ASCII as UTF-8, with a final newline: what an API that pretty-prints sends."""
    return (json.dumps(values, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def compact(values):
    """Compact, non-ASCII escaped as \\uXXXX: bytes a re-serialization would not reproduce."""
    return json.dumps(values, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def page_body(scenario, page):
    """The body of a successful page of a scenario (also printed by --page)."""
    if scenario in ("pages", "second-page-malformed", "ignores-page"):
        if page == 0 or scenario == "ignores-page":
            return pretty(items(0, PAGE_SIZE))
        if page == 1 and scenario == "pages":
            return compact(items(PAGE_SIZE, 37))
        if page == 1:
            return b'[{"paper": {"id": "2611.00100", "title": "cut'
        return b"[]"
    if scenario == "exactly-one-page":
        return pretty(items(0, PAGE_SIZE)) if page == 0 else b"[ ]\n"
    if scenario == "empty":
        return b"[]"
    if scenario == "malformed":
        return b'[{"paper": {"id": "2611.00001", "title": "x"}},'
    if scenario == "object":
        return b'{"error": "Invalid date"}'
    if scenario == "missing-id":
        return json.dumps([full_item(0), {"paper": {"title": "No id"}}]).encode()
    if scenario == "numeric-id":
        return json.dumps([{"paper": {"id": 2611.00001, "title": "A number"}}]).encode()
    if scenario == "changed":
        return compact(items(0, 2))
    # single, trending, flaky, rate-limited, rate-limited-date, slow-once: three items, one page.
    return pretty(items(0, 3))


# The arXiv API (`/<scenario>/api/query`): what it knows, by id. Entries as the API writes them,
# with the Atom namespace under a prefix of its own (a reader must go by namespace).
ARXIV = {
    "2611.00000": ("Sparse Mixture-of-Depths 0 for $\\mathcal{O}(n)$ Long-Context Reasoning",
                   ["Ada Lovelace", "Zo\u00eb \u00c5ngstr\u00f6m"], "2026-11-25T13:45:00Z", ["cs.LG", "cs.CL"]),
    "2611.00001": ("A Bare Paper 1", ["Alan Turing"], "2026-11-24T10:00:00-05:00", ["cs.AI"]),
    "2501.00001": ("A Closer Look at Few-shot Classification Again", ["X. Luo", "H. Wei"], "2025-01-02T00:00:00Z", ["cs.CV", "cs.LG"]),
}


def arxiv_entry(arxiv_id, title, authors, published, categories):
    from xml.sax.saxutils import escape
    names = "".join("<a:author><a:name>%s</a:name></a:author>" % escape(name) for name in authors)
    cats = "".join('<a:category term="%s" scheme="http://arxiv.org/schemas/atom"/>' % c for c in categories)
    return (
        "<a:entry><a:id>http://arxiv.org/abs/%sv2</a:id><a:published>%s</a:published><a:title>%s</a:title>"
        "<a:summary>  An abstract,\n  hard-wrapped.</a:summary>%s"
        '<x:primary_category term="%s" scheme="http://arxiv.org/schemas/atom"/>%s</a:entry>'
        % (arxiv_id, published, escape(title), names, categories[0], cats)
    )


def arxiv_feed(query):
    entries = []
    if "id_list" in query:
        for arxiv_id in query["id_list"][0].split(","):
            if arxiv_id in ARXIV:
                entries.append(arxiv_entry(arxiv_id, *ARXIV[arxiv_id]))
    elif "search_query" in query:
        wanted = query["search_query"][0]
        for arxiv_id, record in ARXIV.items():
            if wanted == 'ti:"%s"' % record[0]:
                entries.append(arxiv_entry(arxiv_id, *record))
        # The search matches words, not whole titles: a near miss always comes back too.
        phrase = wanted[4:-1]
        entries.append(arxiv_entry("2502.99999", phrase + ": A Sequel", ["Some One"], "2025-02-01T00:00:00Z", ["cs.LG"]))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:x="http://arxiv.org/schemas/atom">'
        "<a:title>ArXiv Query</a:title><a:id>http://arxiv.org/api/q</a:id>%s</a:feed>\n" % "".join(entries)
    ).encode("utf-8")


ARXIV_ERROR = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title>'
    b"<id>http://arxiv.org/api/e</id><entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_x</id>"
    b"<title>Error</title><summary>incorrect id format for x</summary></entry></feed>\n"
)


class State:
    lock = threading.Lock()
    counts = {}
    log_path = None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self, scenario, query):
        with State.lock:
            count = State.counts.get(scenario, 0)
            State.counts[scenario] = count + 1
            if State.log_path:
                line = {
                    "scenario": scenario,
                    "path": self.path,
                    "query": query,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "time": time.monotonic(),
                }
                with open(State.log_path, "a", encoding="utf-8") as log:
                    log.write(json.dumps(line) + "\n")
                    log.flush()
        return count

    def send(self, status, body, headers=None, length=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up first (a timeout test): nothing to report.
            self.close_connection = True

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        parts = url.path.split("/")
        if len(parts) == 4 and parts[2:] == ["api", "query"]:
            self.arxiv(parts[1], url.query)
            return
        if len(parts) != 4 or parts[2:] != ["api", "daily_papers"]:
            self.send(404, b'{"error":"Not Found"}')
            return
        scenario = parts[1]
        query = urllib.parse.parse_qs(url.query)
        attempt = self.record(scenario, url.query)
        page = int(query.get("p", ["0"])[0])

        if scenario == "not-found":
            self.send(404, b'{"error":"Sorry, we can\'t find the page you are looking for."}')
        elif scenario == "bad-request":
            self.send(400, b'{"error":"limit must be <= 100"}')
        elif scenario == "always-503":
            self.send(503, b"Service Unavailable", {"Content-Type": "text/plain"})
        elif scenario == "flaky" and attempt == 0:
            self.send(500, b'{"error":"Internal Error"}')
        elif scenario == "rate-limited" and attempt == 0:
            self.send(429, b'{"error":"Too Many Requests"}', {"Retry-After": "2"})
        elif scenario == "rate-limited-date" and attempt == 0:
            self.send(429, b'{"error":"Too Many Requests"}', {"Retry-After": formatdate(time.time() + 3, usegmt=True)})
        elif scenario == "rate-limited-long":
            self.send(429, b'{"error":"Too Many Requests"}', {"Retry-After": "86400"})
        elif scenario == "slow-once" and attempt == 0:
            time.sleep(3)
            self.send(200, page_body(scenario, page))
        elif scenario == "truncated":
            # Promise 5000 bytes, send 60, hang up: what a dropped connection looks like.
            self.send(200, page_body("single", 0)[:60], length=5000)
            self.close_connection = True
        else:
            self.send(200, page_body(scenario, page))

    def arxiv(self, scenario, raw_query):
        attempt = self.record(scenario, raw_query)
        query = urllib.parse.parse_qs(raw_query)
        atom = {"Content-Type": "application/atom+xml; charset=utf-8"}
        if scenario == "arxiv-flaky" and attempt == 0:
            self.send(503, b"Service Unavailable", {"Content-Type": "text/plain"})
        elif scenario == "arxiv-error":
            self.send(400, ARXIV_ERROR, atom)
        elif scenario == "arxiv-error-feed":
            self.send(200, ARXIV_ERROR, atom)
        elif scenario == "arxiv-truncated":
            body = arxiv_feed(query)
            self.send(200, body[: len(body) // 2], atom, length=len(body))
            self.close_connection = True
        elif scenario == "arxiv-malformed":
            self.send(200, arxiv_feed(query)[:-20], atom)
        else:
            self.send(200, arxiv_feed(query), atom)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=60)
    parser.add_argument("--page", nargs=2, metavar=("SCENARIO", "P"))
    args = parser.parse_args()
    if args.page:
        sys.stdout.buffer.write(page_body(args.page[0], int(args.page[1])))
        return
    State.log_path = args.log
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # However the test ends, the server does too.
    timer = threading.Timer(args.lifetime, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
