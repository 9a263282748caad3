#!/usr/bin/env bash
# The JSON report validates against its documented schema (reports/schema/), for a BUG with a
# counterexample, a PASS, a virtual-time run, a sampled search, a replay, and an INCOMPLETE
# search; and the schema itself rejects a report with a field broken (so the check can fail).
# Usage: report_schema_test.sh INTERLEAVE VALIDATOR SCHEMA
set -uo pipefail
interleave=$1
validate=$2
schema=$3
tmp=${TEST_TMPDIR:-$(mktemp -d)}
failures=0

report() {  # NAME ARGS...: writes $tmp/NAME.json with `interleave run ARGS --report=json`.
  local name=$1
  shift
  "$interleave" run "$@" --report=json --out "$tmp/$name.json" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local code=$?
  if [ $code -gt 1 ]; then
    echo "FAIL: $name: interleave exited $code: $(cat "$tmp/$name.err")"
    failures=$((failures + 1))
  fi
}

report bug lost_update
report pass lost_update_locked
report virtual lost_update --time=virtual
report pct lost_update --strategy=pct --seed=3 --runs=20
report incomplete lost_update_locked --max-executions=1
report jobs lost_update --jobs=2
token=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counterexample"]["replay_token"])' "$tmp/bug.json")
report replay lost_update "--replay=$token"

for name in bug pass virtual pct incomplete replay jobs; do
  if ! /usr/bin/python3 "$validate" "$schema" "$tmp/$name.json"; then
    echo "FAIL: $name: the report does not validate against the schema"
    failures=$((failures + 1))
  fi
done

# The reports say what they should.
check() {  # NAME PYTHON-EXPRESSION over `r`, the parsed report.
  if ! /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$tmp/$1.json"; then
    echo "FAIL: $1: expected $2"
    failures=$((failures + 1))
  fi
}
check bug 'r["verdict"] == "BUG" and r["findings"][0]["kind"] == "LOST UPDATE"'
check bug 'len(r["counterexample"]["steps"]) > 0 and r["counterexample"]["preemptions"] == 1'
check bug 'r["counterexample"]["replay_token"].startswith("v2:") and r["counterexample"]["minimization"]["preemptions_after"] == 1'
check replay '"minimization" not in r["counterexample"]'
check pass 'r["verdict"] == "PASS" and r["counterexample"] is None and r["statistics"]["exhaustive"]'
check virtual 'r["settings"]["time"] == "virtual" and r["counterexample"]["time_mode"] == "virtual"'
check pct 'r["settings"]["strategy"] == "pct" and r["settings"]["seed"] == "3"'
check incomplete 'r["verdict"] == "INCOMPLETE" and r["statistics"]["bound_hit"] == "executions"'
check replay 'r["settings"]["strategy"] == "replay" and r["verdict"] == "BUG"'
check jobs 'r["settings"]["jobs"] == "2" and r["statistics"]["executions"] == 150'
check jobs 'r["counterexample"]["replay_token"] == json.load(open("'"$tmp"'/bug.json"))["counterexample"]["replay_token"]'

# A broken report must not validate: the check above can fail.
/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["verdict"]="MAYBE"; json.dump(r, open(sys.argv[2],"w"))' "$tmp/bug.json" "$tmp/broken.json"
if /usr/bin/python3 "$validate" "$schema" "$tmp/broken.json" 2>/dev/null; then
  echo "FAIL: a report with verdict MAYBE validated"
  failures=$((failures + 1))
fi

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "every JSON report validates against the schema"
