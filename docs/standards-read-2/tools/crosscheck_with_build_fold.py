"""Second check of every quote with the project's own matching form (chronicle.source.quotes.fold)."""
import glob, os, sys
import yaml
sys.path.insert(0, "/work/main")
from chronicle.source.quotes import fold
seeds = {os.path.basename(p)[:-4]: fold(open(p, encoding="utf-8").read()) for p in glob.glob("/work/main/seeds/*.txt")}
ok = bad = 0
for p in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "events", "*.yaml"))):
    d = yaml.safe_load(open(p, encoding="utf-8"))
    srcs = list(d.get("sources", []))
    for c in d.get("claims", []) or []:
        srcs += [v["source"] for v in c["values"]]
    for s in srcs:
        if "article" in s:
            if fold(s["quote"]) in seeds[s["article"]]: ok += 1
            else: bad += 1; print("MISS", os.path.basename(p), s["quote"])
print(f"build's fold(): {ok} found, {bad} missing")
# negative control: a quote altered by one word must fail
assert fold("Kim expressed hope and conviction") not in seeds["004_046ceac8cd82e855"]
print("negative control: altered quote rejected")
