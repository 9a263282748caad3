#!/bin/bash
# One search split into n parts run as separate processes (interleave run --part=I/N, as
# Bazel's shards or a remote-execution farm run them), merged by `interleave merge`: the same
# verdict, complete executions, outcomes with their counts and finding counts as one process,
# for n = 1, 2, 4, 8. Also: bad --part values and merges of wrong sets of parts are refused.
#   parts_merge_test.sh INTERLEAVE VALIDATE_JSON SCHEMA SCENARIO...
set -u
interleave="$1"
validate="$2"
schema="$3"
shift 3
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# The fields that must agree, one line each.
summary() {
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("verdict", d["verdict"])
print("executions", d["statistics"]["executions"])
print("exhaustive", d["statistics"]["exhaustive"])
for o in d["outcomes"]:
    print("outcome", o["outcome"], o["executions"])
for f in d["finding_counts"]:
    print("finding", f["kind"], f["executions"])
PY
}

for scenario in "$@"; do
  "$interleave" run "$scenario" --report=json --out="$tmp/$scenario.whole.json" >/dev/null
  summary "$tmp/$scenario.whole.json" >"$tmp/$scenario.whole.txt"
  for n in 1 2 4 8; do
    rm -f "$tmp/$scenario.part"*.json
    # Two processes at a time, each a part on its own.
    seq 1 "$n" | xargs -P 2 -I{} "$interleave" run "$scenario" --part={}/"$n" --report=json \
      --minimize-budget=0 --out="$tmp/$scenario.part{}.json" >/dev/null
    files=()
    for i in $(seq 1 "$n"); do files+=("$tmp/$scenario.part$i.json"); done
    "$interleave" merge "${files[@]}" --report=json --out="$tmp/$scenario.merged.json"
    code=$?
    whole_verdict=$(head -1 "$tmp/$scenario.whole.txt")
    expected=1
    [ "$whole_verdict" = "verdict PASS" ] && expected=0
    [ "$code" = "$expected" ] || fail "$scenario n=$n: merge exited $code, expected $expected"
    python3 "$validate" "$schema" "$tmp/$scenario.merged.json" "${files[@]}" >"$tmp/valid.txt" 2>&1 ||
      { fail "$scenario n=$n: a report does not fit the schema"; cat "$tmp/valid.txt"; }
    summary "$tmp/$scenario.merged.json" >"$tmp/$scenario.merged.txt"
    if ! diff "$tmp/$scenario.whole.txt" "$tmp/$scenario.merged.txt" >"$tmp/diff.txt"; then
      fail "$scenario n=$n: the merged parts differ from one process:"
      cat "$tmp/diff.txt"
    else
      echo "ok: $scenario n=$n: $(tr '\n' ' ' <"$tmp/$scenario.merged.txt")"
    fi
    if [ "$n" -gt 1 ]; then
      grep -q '"coverage": "part 1 of '"$n"': exhaustive over its part' "$tmp/$scenario.part1.json" ||
        fail "$scenario n=$n: part 1's coverage does not say it is a part"
    fi
  done
done

# A missing part: INCOMPLETE (exit 1), naming it; a repeated one: exit 2.
scenario="$1"
"$interleave" merge "$tmp/$scenario.part1.json" "$tmp/$scenario.part3.json" --report=json \
  --out="$tmp/missing.json"
[ $? = 1 ] || fail "a merge with missing parts did not exit 1"
grep -q '"verdict": "\(INCOMPLETE\|BUG\)"' "$tmp/missing.json" || fail "missing parts: verdict"
grep -q 'part 2, 4, 5, 6, 7, 8 of 8 missing' "$tmp/missing.json" || fail "missing parts unnamed"
"$interleave" merge "$tmp/$scenario.part1.json" "$tmp/$scenario.part1.json" >/dev/null 2>&1
[ $? = 2 ] || fail "a part given twice was not refused with exit 2"

# The text report of a merge with parts missing says so in its headline (before: "sampled by
# dpor", as if a random search had run).
"$interleave" merge "$tmp/$2.part1.json" "$tmp/$2.part3.json" >"$tmp/missing.txt"
grep -q "^INCOMPLETE  $2: .*(parts missing or incomplete)" "$tmp/missing.txt" ||
  fail "missing parts: the headline: $(head -n 1 "$tmp/missing.txt")"

# --out over one of the parts, and a directory as a part: exit 2, the part left as it was.
cp "$tmp/$scenario.part1.json" "$tmp/keep.json"
"$interleave" merge "$tmp/keep.json" "$tmp/$scenario.part2.json" --out="$tmp/keep.json" \
  >/dev/null 2>"$tmp/err.txt"
[ $? = 2 ] || fail "a merge --out over a part was not refused with exit 2"
grep -q "the merge would overwrite it" "$tmp/err.txt" || fail "--out over a part: $(cat "$tmp/err.txt")"
cmp -s "$tmp/keep.json" "$tmp/$scenario.part1.json" || fail "--out over a part changed the part"
"$interleave" merge "$tmp" >/dev/null 2>"$tmp/err.txt"
[ $? = 2 ] || fail "a directory as a part was not refused with exit 2"
grep -q "a directory" "$tmp/err.txt" || fail "a directory as a part: $(cat "$tmp/err.txt")"

# A part's text headline says it is one part.
"$interleave" run "$scenario" --part=2/8 --minimize-budget=0 >"$tmp/part.txt"
grep -q "exhaustive over part 2 of 8 only\|^BUG" "$tmp/part.txt" || fail "a part's headline"
# check --part: each part of the declared-bug scenarios is as expected (the bug may lie in
# another part), and the parts' executions add up to one process's.
for i in 1 2; do
  "$interleave" check "$@" --part="$i"/2 >"$tmp/check$i.txt" || fail "check --part=$i/2 mismatched"
  grep -q -- "--part=$i/2: each search explored one part only" "$tmp/check$i.txt" ||
    fail "check --part=$i/2 does not say it checked a part"
done
"$interleave" check "$@" >"$tmp/check.txt" || fail "check of the whole mismatched"

# Bad --part values: exit 2 with a message.
for bad in 0/0 3/2 x 1/ /2 0/4 1/2/3; do
  "$interleave" run "$scenario" --part="$bad" >/dev/null 2>"$tmp/err.txt"
  [ $? = 2 ] || fail "--part=$bad was not refused with exit 2"
  grep -q -- "--part" "$tmp/err.txt" || fail "--part=$bad: the message does not name --part"
done
"$interleave" run "$scenario" --part=1/2 --strategy=random >/dev/null 2>&1
[ $? = 2 ] || fail "--part with --strategy=random was not refused"

if [ "$failures" -gt 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "all parts merged into the whole search"
