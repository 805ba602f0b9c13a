#!/usr/bin/env python3
"""Check that hostile text is inert in every file of a built site.

    check_inert.py OUTPUT_DIR [EXPECTED_JSON]

Every file below OUTPUT_DIR is checked:

- HTML: no markup a feed could have smuggled in: no <script>, <iframe>, <object>, <embed>,
  <img>, <svg>, <math>, <form>, <input>, <base>, <style>, no <meta http-equiv>, no `on*`
  attribute, no href/src/action/... with a javascript:, vbscript:, data: or file: URL
  (after the browser's own clean-up: entities decoded, controls and white space dropped,
  case folded). Raw text check as well: no `<script`, `<img`, `<iframe`, `<svg` in the bytes.
  A page's own JSON-LD in its <head> is data, never run: each `<script type="application/ld+json">`
  block there must parse as JSON and hold no `<` (so no text can end it), and is then set aside.
  The theme's own search markup is allowed exactly as the theme writes it: the header's and the
  search page's <form role="search"> (action a relative `search/` or `./`), its <input
  type="search" name="q">, the search page's two <button>s, and its one
  `<script src=".../assets/search.js" defer></script>` in the <head>, with nothing inside.
- XML (.xml, .opml): parses with xml.etree; every URL-valued attribute and every <link>,
  <guid>, <id>, <loc>, <url> is http(s); HTML carried in RSS <description> and Atom
  <content>/<summary type="html"> passes the HTML check above once decoded.
- JSON (.json): parses; item urls are http(s); content_html passes the HTML check.

EXPECTED_JSON, when given, is {"titles": [{"slug": ..., "title": ...}, ...]}: each title must
round-trip as text: the paper page's <h1>, its RSS and Atom item titles and its JSON Feed
item title equal it exactly.

Prints one line per problem and exits 1 when there is any; prints a summary and exits 0
otherwise. Python 3 standard library only.
"""

import html
import html.parser
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "img", "svg", "math", "form", "input", "base",
                  "style", "frame", "frameset", "applet", "audio", "video", "source", "textarea", "button"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "background", "xlink:href",
                  "data", "codebase", "cite", "longdesc", "ping", "manifest"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
RAW_PATTERN = re.compile(rb"<\s*(script|img|iframe|svg|object|embed)\b", re.IGNORECASE)

problems = []


def problem(path, message):
    problems.append("%s: %s" % (path, message))


def cleaned_url(value):
    """The URL as a browser resolves its scheme: controls and white space removed, lower case."""
    value = html.unescape(value or "")
    return "".join(ch for ch in value if ord(ch) > 0x20 and ch != "\x7f").lower()


class HTMLCheck(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.h1 = []
        self.in_h1 = 0

    def handle_starttag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag == "h1":
            self.in_h1 += 1
            self.h1.append("")

    def handle_startendtag(self, tag, attrs):
        self.check_tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "h1" and self.in_h1:
            self.in_h1 -= 1

    def handle_data(self, data):
        if self.in_h1:
            self.h1[-1] += data

    def check_tag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS and not theme_search_element(tag, attrs):
            problem(self.path, "<%s> element" % tag)
        for name, value in attrs:
            name = (name or "").lower()
            if name.startswith("on"):
                problem(self.path, "event handler attribute %s=%r on <%s>" % (name, value, tag))
            if name in URL_ATTRIBUTES and cleaned_url(value).startswith(BAD_SCHEMES):
                problem(self.path, "%s=%r on <%s>" % (name, value, tag))
            if tag == "meta" and name == "http-equiv":
                problem(self.path, "<meta http-equiv=%r>" % value)


def theme_search_element(tag, attrs):
    """Whether an element is the theme's search form, box or button, exactly as written."""
    values = dict((name.lower(), value or "") for name, value in attrs)
    names = set(values)
    if tag == "form":
        action = values.get("action", "")
        return (names == {"class", "action", "role"} and values["role"] == "search"
                and values["class"] in ("site-search", "search-form")
                and re.fullmatch(r"(\./|(\./|(\.\./)+)?search/|/([\w.~-]+/)*search/)", action) is not None)
    if tag == "input":
        return (values.get("type") == "search" and values.get("name") == "q"
                and names <= {"type", "name", "id", "placeholder", "aria-label", "autocomplete", "spellcheck"})
    if tag == "button":
        return names <= {"type", "id"} and values.get("type") in ("submit", "button")
    return False


SEARCH_SCRIPT = re.compile(r'<script src="(\./|(\.\./)*|/([\w.~-]+/)*)assets/search\.js" defer></script>')


def without_search_script(text):
    """The page without the theme's one search script tag in its <head>."""
    head_end = text.find("</head>")
    match = SEARCH_SCRIPT.search(text, 0, head_end if head_end >= 0 else 0)
    return text if match is None else text[:match.start()] + text[match.end():]


JSON_LD_OPEN = '<script type="application/ld+json">'


def without_json_ld(path, text):
    """The page without the JSON-LD blocks of its <head>, each checked: JSON that parses, no `<`."""
    head_end = text.find("</head>")
    kept = []
    rest = 0
    while True:
        start = text.find(JSON_LD_OPEN, rest)
        if start < 0 or head_end < 0 or start > head_end:
            break
        end = text.find("</script>", start)
        if end < 0:
            problem(path, "JSON-LD without </script>")
            break
        body = text[start + len(JSON_LD_OPEN):end]
        if "<" in body:
            problem(path, "JSON-LD holds a raw '<'")
        try:
            json.loads(body)
        except ValueError as error:
            problem(path, "JSON-LD does not parse: %s" % error)
        kept.append(text[rest:start])
        rest = end + len("</script>")
    kept.append(text[rest:])
    return "".join(kept)


def check_html(path, text, page=False):
    if page:
        text = without_search_script(without_json_ld(path, text))
    if RAW_PATTERN.search(text.encode("utf-8")):
        problem(path, "raw tag %r" % RAW_PATTERN.search(text.encode("utf-8")).group(0))
    parser = HTMLCheck(path)
    parser.feed(text)
    parser.close()
    return parser


def local(tag):
    return tag.rsplit("}", 1)[-1]


def check_xml(path, data):
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        problem(path, "XML does not parse: %s" % error)
        return None
    for element in root.iter():
        name = local(element.tag)
        for attribute, value in element.attrib.items():
            attribute = local(attribute)
            if attribute in ("href", "url", "xmlUrl", "htmlUrl", "src", "uri"):
                if not cleaned_url(value).startswith(("http://", "https://")):
                    problem(path, "<%s %s=%r>" % (name, attribute, value))
        if name in ("link", "guid", "id", "loc", "url", "docs", "uri") and (element.text or "").strip():
            if not element.text.strip().lower().startswith(("http://", "https://")):
                problem(path, "<%s>%r" % (name, element.text))
        carries_html = (name == "description" or name == "encoded"
                        or (name in ("content", "summary") and element.get("type") == "html"))
        if carries_html and element.text:
            check_html(path + " <%s>" % name, element.text)
    return root


def check_json(path, data):
    try:
        document = json.loads(data.decode("utf-8"))
    except ValueError as error:
        problem(path, "JSON does not parse: %s" % error)
        return None
    for item in document.get("items", []) if isinstance(document, dict) else []:
        for key in ("url", "id", "external_url"):
            if key in item and not str(item[key]).lower().startswith(("http://", "https://")):
                problem(path, "item %s %r" % (key, item[key]))
        if "content_html" in item:
            check_html(path + " content_html", item["content_html"])
    return document


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    root = sys.argv[1]
    expected = json.load(open(sys.argv[2], encoding="utf-8")) if len(sys.argv) == 3 else {"titles": []}
    counts = {"html": 0, "xml": 0, "json": 0, "other": 0}
    rss_titles, atom_titles, json_titles = {}, {}, {}
    h1 = {}
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            data = open(path, "rb").read()
            if name.endswith(".html"):
                counts["html"] += 1
                try:
                    text = data.decode("utf-8")
                except UnicodeDecodeError:
                    problem(relative, "not UTF-8")
                    continue
                parser = check_html(relative, text, page=True)
                if relative.startswith("papers/"):
                    h1[relative.split("/")[1]] = parser.h1
            elif name.endswith(".xml") or name.endswith(".opml"):
                counts["xml"] += 1
                document = check_xml(relative, data)
                if document is not None and relative in ("feed.xml", "atom.xml"):
                    for element in document.iter():
                        if local(element.tag) in ("item", "entry"):
                            link = element.find("link")
                            if link is None:
                                link = element.find("{http://www.w3.org/2005/Atom}link")
                            url = (link.get("href") if link is not None and link.get("href") else (link.text if link is not None else "")) or ""
                            title = element.find("title")
                            if title is None:
                                title = element.find("{http://www.w3.org/2005/Atom}title")
                            target = rss_titles if relative == "feed.xml" else atom_titles
                            target[url.rstrip("/").rsplit("/", 1)[-1]] = title.text if title is not None else None
            elif name.endswith(".json"):
                counts["json"] += 1
                document = check_json(relative, data)
                if document is not None and relative == "feed.json":
                    for item in document.get("items", []):
                        json_titles[item.get("url", "").rstrip("/").rsplit("/", 1)[-1]] = item.get("title")
            else:
                counts["other"] += 1
                if RAW_PATTERN.search(data) and not name.endswith((".css", ".svg")):
                    problem(relative, "raw tag in a %s file" % name.rsplit(".", 1)[-1])
    for entry in expected.get("titles", []):
        slug, title = entry["slug"], entry["title"]
        if h1.get(slug) != [title]:
            problem("papers/%s/index.html" % slug, "<h1> is %r, expected %r" % (h1.get(slug), title))
        for name, found in (("feed.xml", rss_titles), ("atom.xml", atom_titles), ("feed.json", json_titles)):
            if found.get(slug) != title:
                problem(name, "title of %s is %r, expected %r" % (slug, found.get(slug), title))
    for line in problems[:200]:
        print(line)
    if len(problems) > 200:
        print("... and %d more" % (len(problems) - 200))
    print("checked %d HTML, %d XML, %d JSON and %d other files; %d titles round-trip checked; %d problems"
          % (counts["html"], counts["xml"], counts["json"], counts["other"], len(expected.get("titles", [])), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
