# The catalogue split into N = 2, 4, 8 parts against one process (docs/implementation-notes.md,
# "Scale out"): every scenario in both time modes is run whole and as N parts (separate
# processes, two at a time, `run --part=I/N --report=json`), the parts are merged with
# `interleave merge`, and verdict, complete executions, outcome and finding counts are
# compared; the totals (complete, pruned, wall time) per N go to OUT.
#   bazel build -c opt //tools:interleave
#   python3 bench/split_catalogue.py bazel-bin/tools/interleave OUT [WORKDIR]
import json, subprocess, sys, time, os, re, concurrent.futures as cf
B = sys.argv[1]
out = sys.argv[2]
work = sys.argv[3] if len(sys.argv) > 3 else "/tmp/split_catalogue"
os.makedirs(work, exist_ok=True)
names = []
for line in subprocess.run([B, "list"], capture_output=True, text=True).stdout.splitlines():
    m = re.match(r"^([a-z0-9_]+)\s+\d{3}", line)
    if m: names.append(m.group(1))
def run(args):
    r = subprocess.run([B] + args, capture_output=True, text=True)
    return r.returncode
def summary(path):
    d = json.load(open(path))
    return (d["verdict"], d["statistics"]["executions"],
            tuple((o["outcome"], o["executions"]) for o in d["outcomes"]),
            tuple((f["kind"], f["executions"]) for f in d["finding_counts"])), d["statistics"]
rows = []
tot = {n: [0, 0, 0.0] for n in (1, 2, 4, 8)}  # complete, pruned, wall
mism = {n: [] for n in (2, 4, 8)}
for name in names:
    for mode in ("any", "virtual"):
        base = f"{work}/{name}_{mode}"
        common = ["run", name, f"--time={mode}", "--report=json", "--minimize-budget=0", "--max-executions=2000000", "--max-seconds=120"]
        t = time.time(); run(common + [f"--out={base}_whole.json"]); w = time.time() - t
        s1, st1 = summary(f"{base}_whole.json")
        if not st1["exhaustive"] and s1[0] != "BUG":
            rows.append((name, mode, "skipped: not exhaustive in one process")); continue
        tot[1][0] += st1["executions"]; tot[1][1] += st1["pruned"]; tot[1][2] += w
        for n in (2, 4, 8):
            t = time.time()
            with cf.ThreadPoolExecutor(2) as ex:
                list(ex.map(lambda i: run(common + [f"--part={i}/{n}", f"--out={base}_p{i}of{n}.json"]), range(1, n + 1)))
            w = time.time() - t
            files = [f"{base}_p{i}of{n}.json" for i in range(1, n + 1)]
            run(["merge"] + files + ["--report=json", f"--out={base}_m{n}.json"])
            sm, stm = summary(f"{base}_m{n}.json")
            tot[n][0] += stm["executions"]; tot[n][1] += stm["pruned"]; tot[n][2] += w
            if sm != s1:
                mism[n].append(f"{name}/{mode}: one {s1[0]} {s1[1]} merged {sm[0]} {sm[1]}" + ("" if sm[2:] == s1[2:] or sm[1] != s1[1] else " (counts differ)"))
with open(out, "w") as f:
    for n in (1, 2, 4, 8):
        c, p, w = tot[n]
        f.write(f"n={n} complete={c} pruned={p} total={c+p} wall={w:.1f}s\n")
    for n in (2, 4, 8):
        f.write(f"n={n} mismatches ({len(mism[n])}):\n")
        for m in mism[n]: f.write("  " + m + "\n")
    for r in rows: f.write(" ".join(r) + "\n")
