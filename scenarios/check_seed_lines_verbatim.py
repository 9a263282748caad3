#!/usr/bin/env python3
"""Checks that every Python text of seed_lines.txt is a whole line of its seed program.

  scenarios/check_seed_lines_verbatim.py scenarios/seed_lines.txt SEEDS_DIR

SEEDS_DIR holds the seed tutorials (NNN_*.txt), which the repository does not; so this is run
by hand after editing the table, not by a test. A row's seeds are the three-digit seed numbers
its section header names ("# 000.h: seed 000 ..., 003 ..."); whitespace runs count as one space.
Exit 1 when a row's text is not a line of any of them.
"""
import glob
import os
import re
import sys


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: check_seed_lines_verbatim.py seed_lines.txt SEEDS_DIR")
    norm = lambda text: " ".join(text.split())
    seeds = {}
    for path in glob.glob(os.path.join(argv[2], "*.txt")):
        with open(path, encoding="utf-8") as f:
            seeds[os.path.basename(path)[:3]] = {norm(line) for line in f}
    rows = bad = 0
    section = set()
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            if line.startswith("# ") and re.search(r"seeds? \d{3}", line):
                section = set(re.findall(r"\b(\d{3})\b", line.split(":", 1)[1]))
                continue
            if not line.strip() or line.startswith("#"):
                continue
            location, rest = line.split(None, 1)
            python = rest.split("~>", 1)[1]
            rows += 1
            if not any(norm(python) in seeds.get(seed, set()) for seed in section):
                bad += 1
                print("not in seed %s: %s %s" % ("/".join(sorted(section)), location, python.strip()))
    print("%d rows; %d not a whole line of the seeds their section names" % (rows, bad))
    return 1 if bad or not rows else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
