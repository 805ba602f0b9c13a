#!/usr/bin/env python3
"""Generate a deterministic corpus of raw trending feeds for benchmarks.

    generate_corpus.py --days D --per-day P --out DIR [--seed N]
                       [--extra-day] [--sample FILE]

Writes D files DIR/YYYY-MM-DD.txt (consecutive dates from 2024-01-01), each
with P entries in exactly the format of the real capture
Tests/Fixtures/trending-2026-11-26.txt: the two header lines, `Subscribe`
glued to the first title, then title line / text line alternating, no final
newline.

Titles and texts are resampled from the sample's title words and abstract
sentences, so lengths and vocabulary (and so topics) look real. About 30% of
a day's entries are papers coming back: one new paper in ten comes back
on one to seven later days with the exact same title and text, so a large
corpus (1000 days of 100) holds about 71,000 distinct papers. Some texts carry GitHub URLs; some titles need HTML escaping (`&`, `<`,
quotes, non-ASCII). Distinct papers always have distinct titles (distinct
after NFKC + case folding + white-space collapsing, which is how Paperboy
identifies a paper without an arXiv id).

--extra-day writes only the file of day D+1 (date 2024-01-01 + D days), the
day that a run with --days D+1 would add: same seed, same papers, same
returns. Use it to measure an incremental ingest + build.

Python 3 standard library only. Same arguments give byte-identical files.
"""

import argparse
import datetime
import os
import random
import re
import sys
import unicodedata

HEADER = ("Get trending papers in your email inbox once a day!\n"
          "Get trending papers in your email inbox!\n")
START = datetime.date(2024, 1, 1)

# Each new paper comes back RETURN_PROBABILITY x 4 times on average: 0.4 returns
# per paper, so 0.4 / 1.4 = 29% of entries are returns (the issue's "about 71,000
# distinct papers" in 100,000 entries).
RETURN_PROBABILITY = 0.10   # share of new papers that trend again later
RETURN_DAYS = (1, 7)        # on how many later days
RETURN_WINDOW = 21          # within how many days after first seen
GITHUB_PROBABILITY = 0.12   # extra "code at https://github.com/..." sentence
SPECIAL_TITLE_PROBABILITY = 0.07
TRICKY_TEXT_PROBABILITY = 0.03

# Title tokens that need escaping or ASCII folding in HTML, XML and slugs.
SPECIAL_TITLE_TOKENS = [
    "&", "Q&A", "R&D", "<1%", "x<y", "\"Attention\"", "'Thinking'",
    "TÜLU", "Schrödinger", "Naïve", "Café", "Gödel", "Bézier", "Ångström",
    "α-Entmax", "Zürich", "Don't", "Learners'", "—",
]

# Plain-text sentences that look like Markdown or HTML but must render as
# written.
TRICKY_SENTENCES = [
    "We call this the ``anchor'' model and write a*b*c for the product.",
    "The error stays below <1% for x_1 and x_2 & all larger inputs.",
    "Scores use the [CLS] token; see Table 1 # for details.",
    "We report F1 > 0.9 on <unk>-heavy inputs, compared to 0.7 for *baseline*.",
    "Our loss is L = |y - f(x)|_2 with weights 1/4 and 3/4.",
]

GITHUB_TEMPLATES = [
    "Code is available at https://github.com/{owner}/{repo}.",
    "Our code and models are publicly available at https://github.com/{owner}/{repo}.",
    "The implementation is released at https://github.com/{owner}/{repo}",
    "Code: https://github.com/{owner}/{repo}.",
]

GITHUB_OWNERS = [
    "openlab", "deep-research", "mlgroup", "nlp-uni", "vision-lab", "ai2",
    "speech-team", "sci-ml", "rl-group", "datalab",
]

SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_feed(path):
    """[(title, text)] in rank order, as Paperboy reads a raw trending feed (also
    used by make_hugo_site.py)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        raw = f.read()
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    if len(lines) >= 2 and lines[0].startswith("Get trending papers") \
            and lines[1].startswith("Get trending papers"):
        lines = lines[2:]
        if lines and lines[0].startswith("Subscribe"):
            lines[0] = lines[0][len("Subscribe"):]
    lines = [line for line in lines if line]
    if len(lines) % 2:
        sys.exit(f"{path}: expected an abstract after the title on the last line")
    return list(zip(lines[0::2], lines[1::2]))


def read_sample(path):
    """Return (titles, texts) of the sample feed, as Paperboy reads it."""
    entries = parse_feed(path)
    if len(entries) < 2:
        sys.exit(f"{path}: not a trending feed (fewer than two entries)")
    return [title for title, _ in entries], [text for _, text in entries]


def normalize(title):
    """Unicode NFKC, case-folded, white space collapsed (PaperIdentity)."""
    return " ".join(unicodedata.normalize("NFKC", title).casefold().split())


class Generator:
    def __init__(self, sample, seed):
        titles, texts = read_sample(sample)
        self.rng = random.Random(seed)
        self.title_templates = [t.split() for t in titles]
        # All title tokens, repetitions kept, so sampling follows frequency.
        self.title_tokens = [tok for t in self.title_templates for tok in t]
        self.text_templates = []   # number of sentences of each sample text
        self.sentences = []
        for text in texts:
            parts = [s for s in SENTENCE_SPLIT.split(text) if s]
            self.text_templates.append(len(parts))
            self.sentences.extend(parts)
        self.repo_words = sorted({re.sub(r"[^A-Za-z0-9-]", "", tok)
                                  for tok in self.title_tokens} - {""})
        self.seen_titles = {}
        self.papers = []            # id -> (title, text)

    # -- one paper --------------------------------------------------------
    def make_title(self):
        rng = self.rng
        template = rng.choice(self.title_templates)
        words = []
        for i, tok in enumerate(template):
            if rng.random() < 0.5:
                new = rng.choice(self.title_tokens)
                # Keep the "Name: subtitle" shape of the template.
                if tok.endswith(":") and not new.endswith(":"):
                    new += ":"
                elif new.endswith(":") and not tok.endswith(":"):
                    new = new.rstrip(":") or tok
                tok = new
            words.append(tok)
        if rng.random() < SPECIAL_TITLE_PROBABILITY:
            words.insert(rng.randrange(len(words) + 1),
                         rng.choice(SPECIAL_TITLE_TOKENS))
        title = " ".join(words)
        if title[0].islower():
            title = title[0].upper() + title[1:]
        key = normalize(title)
        if key in self.seen_titles:
            # Distinct papers need distinct titles: add a distinguishing word.
            n = self.seen_titles[key] + 1
            self.seen_titles[key] = n
            while True:
                candidate = f"{title} {rng.choice(self.title_tokens)} {n}"
                if normalize(candidate) not in self.seen_titles:
                    title = candidate
                    break
                n += 1
            key = normalize(title)
        self.seen_titles[key] = 1
        return title

    def make_text(self):
        rng = self.rng
        count = rng.choice(self.text_templates)
        parts = [rng.choice(self.sentences) for _ in range(count)]
        if rng.random() < TRICKY_TEXT_PROBABILITY:
            parts.insert(rng.randrange(len(parts) + 1),
                         rng.choice(TRICKY_SENTENCES))
        if rng.random() < GITHUB_PROBABILITY:
            repo = "-".join(rng.choice(self.repo_words)
                            for _ in range(rng.randint(1, 2)))
            parts.append(rng.choice(GITHUB_TEMPLATES).format(
                owner=rng.choice(GITHUB_OWNERS), repo=repo))
        return " ".join(parts)

    def new_paper(self):
        self.papers.append((self.make_title(), self.make_text()))
        return len(self.papers) - 1

    # -- the days -----------------------------------------------------------
    def days(self, count, per_day):
        """Yield (index, [paper ids in rank order]) for `count` days.

        The random stream of day i does not depend on `count`, so the first
        D days of a D+1 run equal a D run (this is what --extra-day relies on).
        """
        rng = self.rng
        scheduled = {}
        for day in range(count):
            returning = []
            for pid in scheduled.pop(day, []):
                if pid not in returning:
                    returning.append(pid)
            if len(returning) > per_day:       # too many returns: bump
                scheduled.setdefault(day + 1, [])[:0] = returning[per_day:]
                returning = returning[:per_day]
            entries = list(returning)
            for _ in range(per_day - len(entries)):
                pid = self.new_paper()
                entries.append(pid)
                if rng.random() < RETURN_PROBABILITY:
                    times = rng.randint(*RETURN_DAYS)
                    for offset in rng.sample(range(1, RETURN_WINDOW + 1), times):
                        scheduled.setdefault(day + offset, []).append(pid)
            rng.shuffle(entries)
            yield day, entries


def render(papers, entries):
    lines = []
    for pid in entries:
        title, text = papers[pid]
        lines.append(title)
        lines.append(text)
    return HEADER + "Subscribe" + "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, required=True)
    parser.add_argument("--per-day", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20241126)
    parser.add_argument("--extra-day", action="store_true",
                        help="write only day D+1 (for incremental builds)")
    parser.add_argument("--sample", default=os.path.join(
        repo_root(), "Tests", "Fixtures", "trending-2026-11-26.txt"))
    args = parser.parse_args()
    if args.days < 1 or args.per_day < 1:
        parser.error("--days and --per-day must be at least 1")
    if not os.path.isfile(args.sample):
        sys.exit(f"sample feed not found: {args.sample}")

    gen = Generator(args.sample, args.seed)
    os.makedirs(args.out, exist_ok=True)
    total_days = args.days + 1 if args.extra_day else args.days
    written = 0
    for day, entries in gen.days(total_days, args.per_day):
        if args.extra_day and day < args.days:
            continue
        date = START + datetime.timedelta(days=day)
        path = os.path.join(args.out, f"{date.isoformat()}.txt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(render(gen.papers, entries))
        written += 1
    print(f"wrote {written} feed(s) to {args.out} "
          f"({len(gen.papers)} distinct papers generated)", file=sys.stderr)


if __name__ == "__main__":
    main()
