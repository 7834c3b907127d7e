"""Check the proposed events: quotes verbatim in the seeds, ids, EDTF dates, before/after.

Run: /tmp/sr-venv/bin/python check_events.py   (needs PyYAML and the `edtf` package)
"""
from __future__ import annotations
import re, sys, glob, os, datetime
import yaml
from edtf import parse_edtf

MAIN = "/work/main"
HERE = os.path.dirname(os.path.abspath(__file__))
EVENTS = os.path.join(HERE, "..", "events")

# Read YAML without implicit date typing: dates stay text.
class TextLoader(yaml.SafeLoader):
    pass
TextLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

TRANS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-"})
def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.translate(TRANS).casefold()).strip()

seeds = {os.path.basename(p)[:-4]: norm(open(p, encoding="utf-8").read())
         for p in glob.glob(f"{MAIN}/seeds/*.txt")}
ent = yaml.load(open(f"{MAIN}/content/entities.yaml"), Loader=TextLoader)
add_path = os.path.join(HERE, "..", "entities-additions.yaml")
if os.path.exists(add_path):
    extra = yaml.load(open(add_path), Loader=TextLoader) or {}
    for k in ("actors", "places"):
        ent[k].update(extra.get(k) or {})
old_added = {}
for p in glob.glob(f"{MAIN}/content/events/*.yaml"):
    d = yaml.load(open(p), Loader=TextLoader)
    old_added[os.path.basename(p)[:-5]] = str(d.get("added"))

EVENT_KEYS = {"title", "date", "end", "circa", "summary", "tags", "actors", "places",
              "sources", "claims", "added", "updated", "media", "before", "after"}
SOURCE_KEYS = {"article", "quote", "translation", "url", "title", "publisher", "published",
               "accessed", "archive_url", "archive_date", "url_status"}
VALUE_KEYS = {"value", "according_to", "source", "as_of", "low", "high", "unit"}

errors, quotes_ok, quotes_total = [], 0, 0
def bounds(s):
    p = parse_edtf(str(s))
    lo, hi = p.lower_strict(), p.upper_strict()
    f = lambda t: None if not hasattr(t, "tm_year") else datetime.date(t.tm_year, t.tm_mon, t.tm_mday)
    return f(lo), f(hi)

def check_quote(slug, src, where):
    global quotes_ok, quotes_total
    if "article" not in src:
        return
    quotes_total += 1
    art = src["article"]
    if art not in seeds:
        errors.append(f"{slug}: {where}: unknown article {art}")
        return
    if norm(src["quote"]) in seeds[art]:
        quotes_ok += 1
    else:
        errors.append(f"{slug}: {where}: quote not in {art}: {src['quote']!r}")

events = {}
for p in sorted(glob.glob(os.path.join(EVENTS, "*.yaml"))):
    slug = os.path.basename(p)[:-5]
    if not re.fullmatch(r"[a-z0-9-]+", slug):
        errors.append(f"{slug}: bad slug")
    d = yaml.load(open(p, encoding="utf-8"), Loader=TextLoader)
    events[slug] = d
    for k in d:
        if k not in EVENT_KEYS:
            errors.append(f"{slug}: unknown key {k}")
    for k in ("date", "end"):
        if k in d:
            try:
                bounds(d[k])
            except Exception as e:
                errors.append(f"{slug}: {k} {d[k]!r} is not EDTF: {e}")
    for a in d.get("actors", []):
        if a not in ent["actors"]:
            errors.append(f"{slug}: unknown actor {a}")
    for a in d.get("places", []):
        if a not in ent["places"]:
            errors.append(f"{slug}: unknown place {a}")
    if not d.get("sources"):
        errors.append(f"{slug}: no sources")
    for i, s in enumerate(d.get("sources", [])):
        for k in s:
            if k not in SOURCE_KEYS:
                errors.append(f"{slug}: source {i}: unknown key {k}")
        check_quote(slug, s, f"source {i}")
    for c in d.get("claims", []) or []:
        for j, v in enumerate(c["values"]):
            for k in v:
                if k not in VALUE_KEYS:
                    errors.append(f"{slug}: claim value key {k}")
            if "as_of" in v:
                try:
                    bounds(v["as_of"])
                except Exception as e:
                    errors.append(f"{slug}: as_of {v['as_of']!r}: {e}")
            check_quote(slug, v["source"], f"claim {c['about']!r} value {j}")
    if slug in old_added and str(d.get("added")) != old_added[slug]:
        errors.append(f"{slug}: added changed from {old_added[slug]} to {d.get('added')}")

# before/after: exist, no cycle, no contradiction with the dates
edges = []
for slug, d in events.items():
    for b in d.get("before", []) or []:
        edges.append((slug, b))
    for a in d.get("after", []) or []:
        edges.append((a, slug))
for x, y in edges:
    for z in (x, y):
        if z not in events:
            errors.append(f"relation names unknown event {z}")
    if x in events and y in events:
        ex, _ = bounds(events[x]["date"])
        _, ly = bounds(events[y].get("end", events[y]["date"]))
        if ex and ly and ex > ly:
            errors.append(f"{x} is said to come before {y} but its earliest day {ex} is after {y}'s latest {ly}")
graph = {}
for x, y in edges:
    graph.setdefault(x, set()).add(y)
def cyc(n, stack, seen):
    if n in stack: return True
    if n in seen: return False
    seen.add(n); stack.add(n)
    r = any(cyc(m, stack, seen) for m in graph.get(n, ()))
    stack.discard(n); return r
if any(cyc(n, set(), set()) for n in graph):
    errors.append("before/after relations form a cycle")
missing_old = set(old_added) - set(events)
if missing_old:
    errors.append(f"existing slugs dropped: {sorted(missing_old)}")

print(f"events: {len(events)}; quotes verbatim: {quotes_ok}/{quotes_total}")
for slug, d in sorted(events.items(), key=lambda kv: bounds(kv[1]['date'])[1] or datetime.date.max):
    lo, hi = bounds(d["date"])
    print(f"  {str(d['date']):28} {str(lo):10} .. {str(hi):10}  {slug}")
for e in errors:
    print("ERROR", e)
sys.exit(1 if errors else 0)
