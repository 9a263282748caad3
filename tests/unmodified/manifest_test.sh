#!/bin/bash
# Checks the suite's bookkeeping: programs.txt lists every program of tests/unmodified exactly
# once with a known verdict, every listed file exists, suite.bzl's PROGRAMS says the same, and
# each program's first line states the same verdict ("// pass: why" or "// bug (kinds): why").
# Usage: manifest_test.sh programs.txt suite.bzl PROGRAM...
set -euo pipefail

if [[ $# -lt 3 ]]; then
  echo "usage: $0 programs.txt suite.bzl PROGRAM..." >&2
  exit 2
fi
exec python3 - "$@" <<'PY'
import os
import re
import sys

manifest, bzl, programs = sys.argv[1], sys.argv[2], sys.argv[3:]
errors = []
KINDS = {"assertion", "data-race", "deadlock", "crash"}
CATEGORY = re.compile(r"^(pthread-ext|pthread-atomic|ldv-races|pthread-lit)(/weak-memory)?$|^seed/\d{3}\.[a-z](-fix)?$")

listed = {}
for number, line in enumerate(open(manifest), 1):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    fields = line.split()
    if len(fields) != 3:
        errors.append(f"{manifest}:{number}: expected FILE VERDICT CATEGORY, got {line!r}")
        continue
    name, verdict, category = fields
    if name in listed:
        errors.append(f"{manifest}:{number}: {name} listed twice")
    if verdict != "pass" and not set(verdict.split("|")) <= KINDS:
        errors.append(f"{manifest}:{number}: {name}: unknown verdict {verdict!r}")
    if not CATEGORY.match(category):
        errors.append(f"{manifest}:{number}: {name}: unknown category {category!r}")
    listed[name] = (verdict, category)

on_disk = {os.path.basename(p): p for p in programs}
for name in sorted(set(on_disk) - set(listed)):
    errors.append(f"{name}: a program that {manifest} does not list")
for name in sorted(set(listed) - set(on_disk)):
    errors.append(f"{name}: listed in {manifest} but not a program of the suite")

in_bzl = {m.group(1): (m.group(2), m.group(3))
          for m in re.finditer(r'\("([^"]+)", "([^"]+)", "([^"]+)"\)', open(bzl).read())}
if in_bzl != listed:
    for name in sorted(set(in_bzl) | set(listed)):
        if in_bzl.get(name) != listed.get(name):
            errors.append(f"{name}: {bzl} says {in_bzl.get(name)}, {manifest} says {listed.get(name)}")

HEADLINE = re.compile(r"^// (pass|bug \(([^)]*)\)): \S")
SAYS = {"reach_error": "assertion", "assertion": "assertion", "data race": "data-race",
        "deadlock": "deadlock", "crash": "crash"}
for name, path in sorted(on_disk.items()):
    first = open(path).readline()
    match = HEADLINE.match(first)
    if not match:
        errors.append(f"{path}:1: the first line must be '// pass: why' or '// bug (kind): why'")
        continue
    if name not in listed:
        continue
    if match.group(1) == "pass":
        stated = {"pass"}
    else:
        stated = {SAYS[k] for k in (k.strip() for k in match.group(2).split(",")) if k in SAYS}
    verdict = set(listed[name][0].split("|"))
    if stated != verdict:
        errors.append(f"{path}:1: states {sorted(stated)}, {manifest} says {sorted(verdict)}")

for error in errors:
    print("FAIL:", error)
if errors:
    sys.exit(1)
counts = {}
for verdict, category in listed.values():
    key = "pass" if verdict == "pass" else "bug"
    counts[key] = counts.get(key, 0) + 1
print(f"PASS: {len(listed)} programs listed and agreeing ({counts.get('pass', 0)} pass, "
      f"{counts.get('bug', 0)} bug)")
PY
