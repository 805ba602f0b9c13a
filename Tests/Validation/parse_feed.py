#!/usr/bin/env python3
"""Print a feed as JSON, the way a feed reader (feedparser) sees it.

Usage:
    parse_feed.py FILE [--sanitize]

FILE is an RSS 2.0 or Atom 1.0 file (parsed with feedparser) or a JSON Feed
(parsed with json and mapped to the same shape). Output on stdout:

    {"bozo": 0|1, "bozo_exception": str|null, "version": "rss20"|"atom10"|"json11"|...,
     "feed": {"title", "link", "updated", "self"},
     "entries": [{"id", "title", "link", "published", "updated",
                  "published_iso", "updated_iso", "summary", "content",
                  "tags": [str], "authors": [str]}]}

Strings are as written in the feed (dates too); *_iso are the same dates normalised
to UTC "YYYY-MM-DDTHH:MM:SSZ" (null when absent/unparseable) so RSS, Atom and JSON
can be compared. By default HTML in summary/content is NOT sanitised and relative
URLs are not resolved (exactly what the feed carries); --sanitize gives feedparser's
reader-style cleaned HTML instead. Missing values are null.

Exit status: 0 when JSON was printed for an existing file (check "bozo" for
well-formedness), 1 when the file cannot be read, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as _dt
import json
import sys
import time
from typing import Any, Dict, List, Optional

JSONFEED_VERSIONS = {
    "https://jsonfeed.org/version/1": "json1",
    "https://jsonfeed.org/version/1.1": "json11",
}


def _iso_from_struct(st) -> Optional[str]:
    if not st:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(st)))
    except Exception:
        return None


def _iso_from_rfc3339(s: Any) -> Optional[str]:
    if not isinstance(s, str):
        return None
    try:
        d = _dt.datetime.fromisoformat(s.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=_dt.timezone.utc)
    return d.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _self_link(links) -> Optional[str]:
    for l in links or []:
        if l.get("rel") == "self":
            return l.get("href")
    return None


def _author_names(e) -> List[str]:
    names = []
    for a in e.get("authors") or []:
        n = a.get("name") or a.get("email")
        if n:
            names.append(n)
    if not names and e.get("author"):
        names.append(e.get("author"))
    return names


def _own(d, key):
    """d[key] without FeedParserDict's fallbacks (e.g. "updated" -> "published")."""
    return dict.get(d, key)


def parse_xml_feed(raw: bytes, sanitize: bool = False) -> Dict[str, Any]:
    import feedparser  # type: ignore
    d = feedparser.parse(raw, sanitize_html=sanitize, resolve_relative_uris=sanitize)
    exc = d.get("bozo_exception")
    f = d.get("feed", {})
    out: Dict[str, Any] = {
        "bozo": 1 if d.get("bozo") else 0,
        "bozo_exception": str(exc) if exc is not None else None,
        "version": d.get("version") or None,
        "feed": {
            "title": f.get("title"),
            "link": f.get("link"),
            "updated": _own(f, "updated"),
            "self": _self_link(f.get("links")),
        },
        "entries": [],
    }
    for e in d.get("entries", []):
        content = e.get("content")
        out["entries"].append({
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "published": _own(e, "published"),
            "updated": _own(e, "updated"),
            "published_iso": _iso_from_struct(_own(e, "published_parsed")),
            "updated_iso": _iso_from_struct(_own(e, "updated_parsed")),
            "summary": e.get("summary"),
            "content": content[0].get("value") if content else None,
            "tags": [t.get("term") for t in e.get("tags") or [] if t.get("term") is not None],
            "authors": _author_names(e),
        })
    return out


def parse_json_feed(raw: bytes) -> Dict[str, Any]:
    out: Dict[str, Any] = {"bozo": 0, "bozo_exception": None, "version": None,
                           "feed": {"title": None, "link": None, "updated": None, "self": None},
                           "entries": []}
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except Exception as e:
        out["bozo"], out["bozo_exception"] = 1, f"invalid JSON: {e}"
        return out
    if not isinstance(data, dict):
        out["bozo"], out["bozo_exception"] = 1, "top level is not an object"
        return out
    version = data.get("version")
    out["version"] = JSONFEED_VERSIONS.get(version, version if isinstance(version, str) else None)
    if version not in JSONFEED_VERSIONS:
        out["bozo"], out["bozo_exception"] = 1, f"unknown JSON Feed version {version!r}"
    out["feed"] = {"title": data.get("title"), "link": data.get("home_page_url"),
                   "updated": None, "self": data.get("feed_url")}
    items = data.get("items")
    if not isinstance(items, list):
        out["bozo"], out["bozo_exception"] = 1, "items is not an array"
        return out
    for it in items:
        if not isinstance(it, dict):
            out["bozo"], out["bozo_exception"] = 1, "an item is not an object"
            continue
        authors = it.get("authors")
        if authors is None and isinstance(it.get("author"), dict):  # JSON Feed 1.0
            authors = [it["author"]]
        names = [a.get("name") for a in authors or [] if isinstance(a, dict) and a.get("name")]
        content = it.get("content_html")
        if content is None:
            content = it.get("content_text")
        out["entries"].append({
            "id": it.get("id"),
            "title": it.get("title"),
            "link": it.get("url"),
            "published": it.get("date_published"),
            "updated": it.get("date_modified"),
            "published_iso": _iso_from_rfc3339(it.get("date_published")),
            "updated_iso": _iso_from_rfc3339(it.get("date_modified")),
            "summary": it.get("summary"),
            "content": content,
            "tags": [t for t in it.get("tags") or [] if isinstance(t, str)],
            "authors": names,
        })
    return out


def looks_like_json(raw: bytes) -> bool:
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def parse_file(path: str, sanitize: bool = False) -> Dict[str, Any]:
    with open(path, "rb") as fh:
        raw = fh.read()
    if path.endswith(".json") or looks_like_json(raw):
        return parse_json_feed(raw)
    return parse_xml_feed(raw, sanitize=sanitize)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Print a feed (RSS, Atom, JSON Feed) as JSON.")
    ap.add_argument("file", metavar="FILE")
    ap.add_argument("--sanitize", action="store_true",
                    help="let feedparser sanitise HTML and resolve relative URLs")
    args = ap.parse_args(argv)
    try:
        result = parse_file(args.file, sanitize=args.sanitize)
        status = 0
    except OSError as e:
        result = {"bozo": 1, "bozo_exception": f"cannot read {args.file}: {e.strerror}",
                  "version": None, "feed": {"title": None, "link": None, "updated": None,
                                            "self": None}, "entries": []}
        status = 1
    except Exception as e:  # never a traceback: report it as bozo
        result = {"bozo": 1, "bozo_exception": f"parser error: {e!r}", "version": None,
                  "feed": {"title": None, "link": None, "updated": None, "self": None},
                  "entries": []}
        status = 0
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2, sort_keys=False)
    sys.stdout.write("\n")
    return status


if __name__ == "__main__":
    try:
        import signal
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    except (AttributeError, ValueError):
        pass
    sys.exit(main())
