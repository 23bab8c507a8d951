#!/usr/bin/env python3
"""Per-rule agreement between dbsage and squawk on the same migration files.

usage: squawk_agreement.py DBSAGE SQUAWK FILE...

Each file is linted alone (the CI case: no baseline) by both tools. A finding
is keyed by (file, statement, rule); statements are found from dbsage's
`migrate locks` starts, so a tool that points into a statement and one that
points at its start still agree. Only rule ids both tools have are compared;
the rest are listed per tool. psql meta-command lines are blanked for squawk,
which cannot read them (line numbers stay the same).
"""
import collections
import json
import os
import subprocess
import sys
import tempfile


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def statement_starts(dbsage, path):
    out = run([dbsage, "migrate", "locks", "--config", "/dev/null", "--format", "json", path])
    try:
        return sorted({s["line"] for s in json.loads(out.stdout)["statements"]})
    except (ValueError, KeyError):
        return []


def statement_of(starts, line):
    index = 0
    for i, start in enumerate(starts):
        if start <= line:
            index = i
    return index


def main():
    dbsage, squawk, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    keys = {"dbsage": set(), "squawk": set()}
    rules = {"dbsage": collections.Counter(), "squawk": collections.Counter()}
    examples = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            starts = statement_starts(dbsage, path)
            d = run([dbsage, "lint", "--config", "/dev/null", "--format", "json", path])
            for f in json.loads(d.stdout or '{"findings": []}')["findings"]:
                if f["line"] is None:
                    continue
                key = (os.path.basename(path), statement_of(starts, f["line"]), f["rule"])
                keys["dbsage"].add(key)
                rules["dbsage"][f["rule"]] += 1
            plain = os.path.join(tmp, os.path.basename(path))
            with open(path, encoding="utf-8", errors="replace") as src, open(plain, "w") as dst:
                for line in src:
                    dst.write("\n" if line.lstrip().startswith("\\") else line)
            s = run([squawk, "--reporter", "json", plain])
            try:
                found = json.loads(s.stdout or "[]")
            except ValueError:
                found = []
            for f in found:
                key = (os.path.basename(path), statement_of(starts, f["line"] + 1), f["rule_name"])
                keys["squawk"].add(key)
                rules["squawk"][f["rule_name"]] += 1
    shared = sorted(set(rules["dbsage"]) & set(rules["squawk"]) | (set(r for _, _, r in keys["dbsage"]) & set(r for _, _, r in keys["squawk"])))
    print("| rule | both | dbsage only | squawk only |")
    print("| --- | ---: | ---: | ---: |")
    totals = [0, 0, 0]
    for rule in shared:
        d = {k for k in keys["dbsage"] if k[2] == rule}
        q = {k for k in keys["squawk"] if k[2] == rule}
        row = [len(d & q), len(d - q), len(q - d)]
        totals = [a + b for a, b in zip(totals, row)]
        print(f"| {rule} | {row[0]} | {row[1]} | {row[2]} |")
        for k in sorted(d - q)[:3]:
            examples[rule].append(f"dbsage only: {k[0]} statement {k[1] + 1}")
        for k in sorted(q - d)[:3]:
            examples[rule].append(f"squawk only: {k[0]} statement {k[1] + 1}")
    print(f"| **all shared rules** | **{totals[0]}** | **{totals[1]}** | **{totals[2]}** |")
    for tool in ("dbsage", "squawk"):
        own = sorted(r for r in rules[tool] if r not in shared)
        print(f"\n{tool}-only rules: " + ", ".join(f"{r} ({rules[tool][r]})" for r in own))
    print("\nExamples of disagreements:")
    for rule, lines in examples.items():
        for line in lines:
            print(f"- {rule}: {line}")


if __name__ == "__main__":
    main()
