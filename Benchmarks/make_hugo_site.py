#!/usr/bin/env python3
"""Turn a corpus of raw trending feeds into a Hugo site doing Paperboy's work.

    make_hugo_site.py --corpus DIR --out SITE_DIR --topics TOPICS_YML

The comparison site for the benchmark (Hugo 0.111, Debian package `hugo`):

    content/papers/<slug>.md     one page per distinct paper: title, date (first
                                 day seen), topics, the days it trended and its
                                 rank, the abstract as body
    content/days/YYYY-MM-DD.md   one page per day: the ordered list of paper
                                 slugs, rendered as links by the template
    content/topics/<t>/_index.md a name for each topic (taxonomy `topics`)
    layouts/...                  small layouts of our own, no theme

Hugo renders the home page (latest day), the day archive /days/, one page per
day and per paper, /topics/ with counts, each topic's papers newest first
(paginated), and its default RSS for the home page, the days section and each
topic, plus sitemap.xml and robots.txt. Build with `hugo --quiet -s SITE_DIR`.

The feed parsing, paper identity and slugs follow Paperboy's, and the topics
come from the same topics.yml by the same rules, so both sites file the same
papers under the same topics. The pages are the same kinds, not byte for byte:
topic lists are newest-first pages of 50 here (Paperboy keeps 50 to 99 on a
topic's front page and numbers its archive pages from the oldest), and the
feeds differ (see Benchmarks/README.md). Python 3 stdlib only.
"""

import argparse
import json
import os
import re
import shutil
import sys
import unicodedata

from generate_corpus import normalize as identity, parse_feed

# Topic rules come from the topics.yml Paperboy builds with (--topics), and are
# applied as TopicClassifier+Evidence.swift does: texts and phrases are cut into
# lower-case words (runs of letters and digits); each phrase match counts its
# weight in the abstract (at most repeat_limit matches) and weight * title_weight
# in the title (once); a match covered by a longer phrase of the same topic does
# not count; a veto phrase keeps the topic off; a topic needs its minimum_score
# and its relative_score percent of the paper's best score; a paper gets its
# best maximum_topics topics, or `other`. (The corpus has no keywords or arXiv
# categories, so those rules never apply here.)
OTHER = ("other", "Other")

FEED_ITEMS = 50
PAGINATE = 50

DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
URL = re.compile(r"https?://[^\s<>\"]+")


def yaml_scalar(text):
    """A plain, single- or double-quoted YAML scalar (the forms topics.yml uses)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return json.loads(text) if text[0] == '"' else text[1:-1].replace("''", "'")
    return text


def yaml_flow_list(text):
    """`[a, "b, c", d]` as a list of scalars."""
    items, current, quote = [], "", None
    for ch in text.strip()[1:-1]:
        if quote:
            current += ch
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            current += ch
        elif ch == ",":
            items.append(yaml_scalar(current))
            current = ""
        else:
            current += ch
    if current.strip():
        items.append(yaml_scalar(current))
    return items


def read_taxonomy(path):
    """The subset of YAML Paperboy's topics.yml is written in: top-level numbers and
    `topics:`, a list of mappings with slug, name, optional minimum_score and
    relative_score, `phrases` and `title_phrases` (a flow list, or lines
    `WEIGHT: [flow list]` below the key), `veto` (a flow list) and `categories`."""
    rules = {"title_weight": 3, "keyword_weight": 2, "minimum_score": 2, "relative_score": 0, "repeat_limit": 3,
             "maximum_topics": 3, "topics": []}
    section = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
            if not line.strip():
                continue
            indent = len(line) - len(line.lstrip())
            stripped = line.strip()
            if stripped.startswith("- "):
                rules["topics"].append({"phrases": [], "veto": []})
                stripped = stripped[2:]
                indent += 2
            key, _, value = stripped.partition(":")
            key, value = key.strip(), value.strip()
            if indent == 0:
                if key != "topics":
                    rules[key] = int(value)
                continue
            topic = rules["topics"][-1]
            if section and indent > 4:
                # `WEIGHT: [phrases]` under `phrases`, `title_phrases` or `categories`.
                if section != "categories":
                    topic["phrases"] += [(p, int(key), section == "title_phrases") for p in yaml_flow_list(value)]
                continue
            section = None
            if key in ("phrases", "title_phrases", "categories"):
                if value:
                    weight = 4 if key == "categories" else 1
                    if key != "categories":
                        topic["phrases"] += [(p, weight, key == "title_phrases") for p in yaml_flow_list(value)]
                else:
                    section = key
            elif key == "veto":
                topic["veto"] = yaml_flow_list(value)
            elif key in ("minimum_score", "relative_score"):
                topic[key] = int(value)
            elif key in ("slug", "name"):
                topic[key] = yaml_scalar(value)
    return rules


def words(text):
    """Lower-case runs of letters and digits (and combining marks), as Paperboy cuts them."""
    out, word = [], ""
    for ch in text:
        if ch.isalnum() or unicodedata.category(ch) == "Mn":
            word += ch.lower()
        elif word:
            out.append(word)
            word = ""
    if word:
        out.append(word)
    return out


class Classifier:
    def __init__(self, rules):
        self.rules = rules
        self.by_first = {}
        self.longest = 1
        seen = set()
        for index, topic in enumerate(rules["topics"]):
            rows = [(ws, weight, title_only, False) for ws, weight, title_only in
                    ((words(p), w, t) for p, w, t in topic["phrases"])]
            rows += [(words(p), 0, False, True) for p in topic["veto"]]
            for ws, weight, title_only, veto in rows:
                key = (index, veto, title_only, tuple(ws))
                if ws and key not in seen:
                    seen.add(key)
                    self.longest = max(self.longest, len(ws))
                    self.by_first.setdefault(ws[0], []).append((index, ws[1:], weight, title_only, veto))

    def matches(self, ws, in_title):
        found = []
        for i, w in enumerate(ws):
            for rule in self.by_first.get(w, ()):
                topic, rest, weight, title_only, veto = rule
                if (in_title or not title_only) and ws[i + 1:i + 1 + len(rest)] == rest:
                    found.append((i, rule))
        kept = []
        for start, rule in found:
            end = start + len(rule[1]) + 1
            covered = any(other[0] == rule[0] and not other[4] and not rule[4] and len(other[1]) > len(rule[1])
                          and s <= start and s + len(other[1]) + 1 >= end
                          for s, other in found if start - self.longest < s <= start)
            if not covered:
                kept.append(rule)
        return kept

    def topics(self, title, text):
        topics = self.rules["topics"]
        scores = [0] * len(topics)
        vetoed = set()
        for ws, times, limit, in_title in ((words(title), self.rules["title_weight"], 1, True),
                                           (words(text), 1, self.rules["repeat_limit"], False)):
            counts = {}
            for rule in self.matches(ws, in_title):
                counts[id(rule)] = (rule, counts.get(id(rule), (rule, 0))[1] + 1)
            for rule, n in counts.values():
                if rule[4]:
                    vetoed.add(rule[0])
                else:
                    scores[rule[0]] += rule[2] * times * min(n, limit)
        best = max([scores[i] for i in range(len(topics)) if i not in vetoed], default=0)
        ranked = sorted((i for i in range(len(topics))
                         if i not in vetoed and scores[i] > 0
                         and scores[i] >= topics[i].get("minimum_score", self.rules["minimum_score"])
                         and scores[i] * 100 >= best * topics[i].get("relative_score", self.rules["relative_score"])),
                        key=lambda i: (-scores[i], i))
        return [topics[i]["slug"] for i in ranked[:self.rules["maximum_topics"]]] or [OTHER[0]]


# -- feeds ------------------------------------------------------------------

SPELLED_OUT = {
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o",
    "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ł": "l", "Ł": "l", "ı": "i", "ħ": "h", "Ħ": "h", "ŋ": "n", "Ŋ": "n",
    "ĸ": "k", "ſ": "s",
}
SLUG_MAX = 80


def truncated(slug, limit=SLUG_MAX):
    """Cut at the last `-` within the limit, so words stay whole."""
    if len(slug) <= limit:
        return slug
    dash = slug[:limit + 1].rfind("-")
    return slug[:dash] if dash > 0 else slug[:limit]


def slug_suffix(title, length=6):
    """Base-36 digits of the FNV-1a hash of the normalized title."""
    h = 0xcbf29ce484222325
    for byte in identity(title).encode("utf-8"):
        h = ((h ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    for _ in range(length):
        out += digits[h % 36]
        h //= 36
        if h == 0:
            h = 0x9e3779b97f4a7c15
    return out


def slugify(title):
    """ASCII-folded, lower case, runs of other characters -> `-`, <= 80."""
    folded = []
    for ch in unicodedata.normalize("NFKD", title):
        if ord(ch) < 128:
            folded.append(ch)
        elif unicodedata.category(ch) == "Mn":
            continue
        else:
            folded.append(SPELLED_OUT.get(ch, " "))
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(folded).lower()).strip("-")
    if not slug:
        return "paper-" + slug_suffix(title)
    return truncated(slug)


def disambiguated(slug, title, attempt=0):
    tail = slug_suffix(title, 6 + attempt)
    return truncated(slug, SLUG_MAX - len(tail) - 1) + "-" + tail


def markdown_text(text):
    """Plain text -> Markdown that renders exactly as written, URLs as links."""
    out = []
    pos = 0
    for m in URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?)]}'")
        out.append(escape(text[pos:m.start()]))
        out.append("<%s>" % url)
        pos = m.start() + len(url)
    out.append(escape(text[pos:]))
    md = "".join(out)
    md = re.sub(r"^(\d+)([.)])", r"\1\\\2", md)
    if md[:1] in "#-+=>|":
        md = "\\" + md
    return md


def escape(s):
    return re.sub(r"([\\`*_\[\]<>&~!|$])", r"\\\1", s)


def q(s):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


# -- the site ---------------------------------------------------------------

CONFIG = f"""baseURL = "https://example.org/"
languageCode = "en"
title = "Bench"
paginate = {PAGINATE}
rssLimit = {FEED_ITEMS}
enableRobotsTXT = true
timeout = "600s"
disableHugoGeneratorInject = true

[params]
description = "Benchmark archive"
author = "Bench"

[taxonomies]
topic = "topics"

[markup.goldmark.extensions]
typographer = false
linkify = true

[markup.goldmark.renderer]
unsafe = false
"""

BASEOF = """<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}" title="{{ site.Title }}">
{{ end }}</head>
<body>
<header class="site">
<a class="brand" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "days/" | relURL }}">Archive</a> <a href="{{ "topics/" | relURL }}">Topics</a> <a href="{{ "index.xml" | relURL }}">RSS</a></nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer class="site"><p>{{ site.Params.description }} · {{ site.Params.author }}</p></footer>
</body>
</html>
"""

DAYLIST = """<ol class="papers">
{{ range .Params.papers }}{{ with site.GetPage (printf "/papers/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .GetTerms "topics" }} <span class="topics">{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</span>{{ end }}</li>
{{ end }}{{ end }}</ol>
"""

SINGLE = """{{ define "main" }}
{{ if eq .Section "days" }}
<h1>Trending papers, {{ .Date.Format "Monday 2 January 2006" }}</h1>
{{ partial "daylist.html" . }}
<nav class="prevnext">{{/* sections sort newest first: PrevInSection is the older day */}}{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Date.Format "2006-01-02" }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Date.Format "2006-01-02" }} →</a>{{ end }}</nav>
{{ else }}
<article class="paper">
<h1>{{ .Title }}</h1>
<p class="meta">First trended <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .GetTerms "topics" }}<p class="topics">Topics: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
<section class="abstract">
{{ .Content }}
</section>
<h2>Trending history</h2>
<ul class="history">
{{ range .Params.trended }}<li><a href="{{ printf "days/%s/" .date | relURL }}">{{ .date }}</a>: rank {{ .rank }}</li>
{{ end }}</ul>
</article>
{{ end }}
{{ end }}
"""

LIST = """{{ define "main" }}
{{ if eq .Kind "term" }}
<h1>{{ .Title }}</h1>
<ul class="papers">
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ else }}
<h1>Archive</h1>
{{ range .Pages.GroupByDate "January 2006" }}<h2>{{ .Key }}</h2>
<ul class="days">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Date.Format "Monday 2 January" }}</a> ({{ len .Params.papers }} papers)</li>
{{ end }}</ul>
{{ end }}
{{ end }}
{{ end }}
"""

TERMS = """{{ define "main" }}
<h1>Topics</h1>
<ul class="topics">
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
"""

INDEX = """{{ define "main" }}
{{ $days := where site.RegularPages "Section" "days" }}
{{ with index $days.ByDate.Reverse 0 }}
<h1>Trending papers, {{ .Date.Format "Monday 2 January 2006" }}</h1>
{{ partial "daylist.html" . }}
{{ end }}
<p><a href="{{ "days/" | relURL }}">All {{ len $days }} days</a> · <a href="{{ "topics/" | relURL }}">Topics</a> · <a href="{{ "index.xml" | relURL }}">RSS</a></p>
{{ end }}
"""

NOT_FOUND = """{{ define "main" }}
<h1>Not found</h1>
<p>This page does not exist. Try the <a href="{{ "days/" | relURL }}">archive</a>.</p>
{{ end }}
"""

STYLE = """:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fdfdfc;--muted:#666;--link:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e8e6e3;--bg:#161718;--muted:#a0a0a0;--link:#8ab4f8}}
body{font:16px/1.55 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:48rem;margin:0 auto;padding:1rem}
a{color:var(--link)}header.site{display:flex;justify-content:space-between;gap:1rem}
.brand{font-weight:700;text-decoration:none}.meta,.topics,time,footer{color:var(--muted);font-size:.9em}
ol.papers li{margin:.4rem 0}.topics a{margin-right:.4em}
"""


def build_site(corpus, out, rules):
    feeds = []
    for name in sorted(os.listdir(corpus)):
        m = DATE_IN_NAME.search(name)
        if name.endswith(".txt") and m:
            feeds.append((m.group(1), os.path.join(corpus, name)))
    if not feeds:
        sys.exit(f"no YYYY-MM-DD*.txt feeds in {corpus}")

    papers = {}        # identity -> dict, in first-seen order
    slugs = {}         # slug -> identity
    days = []          # (date, [slug])
    for date, path in feeds:
        seen = set()
        ranked = []
        for title, text in parse_feed(path):
            key = identity(title)
            if key in seen:           # same paper twice: keep the first rank
                continue
            seen.add(key)
            paper = papers.get(key)
            if paper is None:
                plain = slug = slugify(title)
                attempt = 0
                while slug in slugs:    # another paper owns it: stable suffix
                    slug = disambiguated(plain, title, attempt)
                    attempt += 1
                slugs[slug] = key
                paper = papers[key] = {"title": title, "text": text,
                                       "slug": slug, "first": date,
                                       "trended": []}
            paper["trended"].append((date, len(ranked) + 1))
            ranked.append(paper["slug"])
        days.append((date, ranked))

    if os.path.exists(out):
        if os.listdir(out) and not os.path.exists(os.path.join(out, "hugo.toml")):
            sys.exit(f"{out} exists and is not a site made by this script")
        shutil.rmtree(out)
    content = os.path.join(out, "content")
    for sub in ("papers", "days", "topics"):
        os.makedirs(os.path.join(content, sub))

    def write(rel, text):
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    write("hugo.toml", CONFIG)
    write("layouts/_default/baseof.html", BASEOF)
    write("layouts/_default/single.html", SINGLE)
    write("layouts/_default/list.html", LIST)
    write("layouts/_default/terms.html", TERMS)
    write("layouts/index.html", INDEX)
    write("layouts/404.html", NOT_FOUND)
    write("layouts/partials/daylist.html", DAYLIST)
    write("static/assets/style.css", STYLE)

    # Paperboy has no /papers/ index page: render none here either.
    write("content/papers/_index.md",
          '---\ntitle: "Papers"\n_build:\n  render: never\n---\n')
    write("content/days/_index.md", '---\ntitle: "Archive"\n---\n')
    write("content/topics/_index.md", '---\ntitle: "Topics"\n---\n')

    classifier = Classifier(rules)
    used = {}
    for paper in papers.values():
        topics = classifier.topics(paper["title"], paper["text"])
        for t in topics:
            used[t] = used.get(t, 0) + 1
        trended = ", ".join('{date: "%s", rank: %d}' % dr for dr in paper["trended"])
        write(f"content/papers/{paper['slug']}.md",
              "---\n"
              f"title: {q(paper['title'])}\n"
              f"slug: {q(paper['slug'])}\n"
              f"date: {paper['first']}\n"
              f"first_seen: {paper['first']}\n"
              f"topics: [{', '.join(q(t) for t in topics)}]\n"
              f"trended: [{trended}]\n"
              "---\n"
              f"{markdown_text(paper['text'])}\n")

    for date, ranked in days:
        write(f"content/days/{date}.md",
              "---\n"
              f"title: {q(date)}\n"
              f"date: {date}\n"
              f"source: trending\n"
              f"papers: [{', '.join(q(s) for s in ranked)}]\n"
              "---\n")

    names = {topic["slug"]: topic["name"] for topic in rules["topics"]}
    names[OTHER[0]] = OTHER[1]
    for slug in used:
        write(f"content/topics/{slug}/_index.md",
              f"---\ntitle: {q(names[slug])}\n---\n")

    entries = sum(len(r) for _d, r in days)
    print(f"hugo site in {out}: {len(days)} days, {entries} entries, "
          f"{len(papers)} papers, topics: "
          + ", ".join(f"{t} {n}" for t, n in sorted(used.items(), key=lambda x: -x[1])),
          file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--topics", required=True,
                        help="the topics.yml Paperboy builds with (the same rules)")
    args = parser.parse_args()
    build_site(args.corpus, args.out, read_taxonomy(args.topics))


if __name__ == "__main__":
    main()
