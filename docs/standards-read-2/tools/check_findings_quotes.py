"""Check that every '> NNN: sentence' line in FINDINGS.md is verbatim in seed NNN (segments split at '…')."""
import glob, os, re, sys
sys.path.insert(0, "/work/main")
from chronicle.source.quotes import fold
seeds = {os.path.basename(p)[:3]: fold(open(p, encoding="utf-8").read()) for p in glob.glob("/work/main/seeds/*.txt")}
text = open(os.path.join(os.path.dirname(__file__), "..", "FINDINGS.md"), encoding="utf-8").read()
ok = bad = 0
for doc, sent in re.findall(r"^> (\d{3}): (.+)$", text, re.M):
    for seg in sent.split("…"):
        seg = seg.strip(" ,")
        if len(seg) < 8:
            continue
        if fold(seg) in seeds[doc]: ok += 1
        else: bad += 1; print("MISS", doc, seg)
print(f"FINDINGS.md quoted sentences: {ok} segments verbatim, {bad} missing")

# Table rows of the per-document lists: the first cell's "..." passages, checked in that section's document.
ok2 = bad2 = 0
for sec in re.split(r"^### ", text, flags=re.M)[1:]:
    doc = sec[:3]
    if doc not in seeds:
        continue
    for row in re.findall(r"^\| (.+?) \| ", sec, re.M):
        for q in re.findall(r'"(.+?)"(?:\s*/|\s*$)', row):
            for seg in q.split("…"):
                seg = seg.strip(" ,.“”")
                if len(seg) < 8:
                    continue
                if fold(seg) in seeds[doc]: ok2 += 1
                else: bad2 += 1; print("MISS table", doc, seg)
print(f"FINDINGS.md per-document tables: {ok2} segments verbatim, {bad2} missing")
