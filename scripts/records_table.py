#!/usr/bin/env python3
"""Markdown tables of `riposte eval records --json` (for README.md).

    .build/release/riposte eval records --gold Corpora/gold/dev.jsonl \
        --gold Corpora/gold/scale-mercor-ling.gold.jsonl --json | python3 scripts/records_table.py
"""
import json
import sys

d = json.load(sys.stdin)
print("| language | type | gold | predicted | detect P | detect R | detect F1 | source acc. | targets acc. | full F1 |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for lang in ["fr", "en"]:
    o = d["languages"].get(lang)
    if not o:
        continue
    rows = list(o["by_type"].items()) + [("**all**", o)]
    for t, v in rows:
        det, full = v["detect"], v["full"]
        acc = lambda k: "-" if v.get(k) is None else f"{v[k]:.2f}"
        print(f"| {lang} | {t} | {v['gold']} | {v['predicted']} | {det['precision']:.2f} | {det['recall']:.2f} | "
              f"{det['f1']:.2f} | {acc('source_accuracy')} | {acc('targets_accuracy')} | {full['f1']:.2f} |")
print()
print("| language | detect F1 | full F1 | links F1 |")
print("|---|---:|---:|---:|")
for lang in ["fr", "en"]:
    o = d["languages"].get(lang)
    if o:
        print(f"| {lang} | {o['detect']['f1']:.3f} | {o['full']['f1']:.3f} | {o['links']['f1']:.3f} |")
o = d["overall"]
print(f"| all | {o['detect']['f1']:.3f} | {o['full']['f1']:.3f} | {o['links']['f1']:.3f} |")
