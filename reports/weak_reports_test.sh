#!/usr/bin/env bash
# The weak-memory reports end to end: write_weak_reports writes the text, JSON and HTML reports
# of relaxed store buffering, relaxed message passing and a CAS spinlock deadlock (under rc11);
# the JSON validates against the schema and carries the memory model, the orders, reads-from
# and modification orders; the HTML, rendered in headless Chromium (Debian's chromium), draws a
# reads-from arrow per atomic read, the weak one dashed with its explanation, and lists the weak
# reads explained. A broken report must fail: the check of a missing arrow is run on a page
# without atomics too.
# Usage: weak_reports_test.sh WRITER VALIDATOR SCHEMA
set -uo pipefail
writer=$1
validate=$2
schema=$3
tmp=${TEST_TMPDIR:-$(mktemp -d)}
outputs=${TEST_UNDECLARED_OUTPUTS_DIR:-$tmp}
export HOME=$tmp
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

"$writer" "$outputs" || { echo "FAIL: write_weak_reports exited $?"; exit 1; }
names="store_buffering_relaxed message_passing_relaxed cas_spinlock_deadlock"

for name in $names; do
  /usr/bin/python3 "$validate" "$schema" "$outputs/$name.json" ||
    fail "$name: the JSON report does not validate against the schema"
done

check() {  # NAME PYTHON-EXPRESSION over `r`, the parsed JSON report.
  if ! /usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$outputs/$1.json"; then
    fail "$1: expected $2"
  fi
}
for name in $names; do
  check "$name" 'r["memory_model"] == "rc11" and r["statistics"]["weak_memory"]'
  check "$name" 'all("reads_from" in s for s in r["counterexample"]["steps"] if s["operation"] in ("read", "update"))'
  check "$name" 'all("modification_order" in o and o["modification_order"][0] == 0 for o in r["counterexample"]["objects"] if o["kind"] == "atomic")'
done
check store_buffering_relaxed 'sum(a["weak"] for a in r["counterexample"]["atomic_reads"]) >= 1'
check store_buffering_relaxed 'r["statistics"]["duplicate_graphs"] > 0'
check store_buffering_relaxed '"more interleavings reached graphs already explored" in r["coverage"]'
check message_passing_relaxed '[a["step"] for a in r["counterexample"]["atomic_reads"] if a["weak"]] != []'
check message_passing_relaxed 'all(s["order"] == "relaxed" for s in r["counterexample"]["steps"] if s["operation"] in ("read", "write"))'
check cas_spinlock_deadlock '"spins forever" in r["findings"][0]["details"][1]'
check cas_spinlock_deadlock '[t["name"] for t in r["counterexample"]["threads"] if t.get("spinning")] == ["T1", "T2"]'
# (The layer wraps its lines: join them first.)
tr -s ' \n' ' ' <"$outputs/message_passing_relaxed.txt" | grep "no happens-before from step" >/dev/null ||
  fail "message_passing_relaxed: the text report does not explain the weak read"

chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
  echo "FAIL: chromium is not installed (scripts/deps installs Debian's chromium package)"
  exit 1
fi
render() {  # PAGE: its DOM after the script ran.
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$tmp/profile" --window-size=1280,1000 \
    --dump-dom "file://$1" 2>>"$tmp/chromium.log"
}
for name in $names; do
  dom="$tmp/$name.dom"
  render "$outputs/$name.html" >"$dom"
  grep -q 'data-rendered="ok"' "$dom" || fail "$name: the script did not finish rendering"
  reads=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["counterexample"]["atomic_reads"]))' "$outputs/$name.json")
  arrows=$(grep -o '<path class="rf-arrow' "$dom" | wc -l)
  [ "$arrows" -eq "$reads" ] || fail "$name: $arrows reads-from arrows for $reads atomic reads"
  weak=$(/usr/bin/python3 -c 'import json,sys; print(sum(a["weak"] for a in json.load(open(sys.argv[1]))["counterexample"]["atomic_reads"]))' "$outputs/$name.json")
  dashed=$(grep -o '<path class="rf-arrow weak"' "$dom" | wc -l)
  [ "$dashed" -eq "$weak" ] || fail "$name: $dashed weak arrows for $weak weak reads"
  if [ "$weak" -gt 0 ]; then
    grep -q '<section id="weak-memory">' "$dom" || fail "$name: no weak-memory section"
    grep -q '<title>step [0-9]* reads from the initial value, not from step' "$dom" ||
      fail "$name: the weak arrow has no explanation on hover"
  fi
  echo "$name: $arrows reads-from arrows, $dashed weak"
done

grep -q 'spins forever in update' "$tmp/cas_spinlock_deadlock.dom" ||
  fail "cas_spinlock_deadlock: the lanes do not say that T1 and T2 spin forever"

if [ $failures -ne 0 ]; then
  echo "$failures failure(s)"
  tail -5 "$tmp/chromium.log" 2>/dev/null
  exit 1
fi
echo "the weak-memory reports say which store each load read, in text, JSON and HTML"
