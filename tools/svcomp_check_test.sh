#!/usr/bin/env bash
# tools/svcomp_check.py on a small tree of our own tasks (tools/testdata/svcomp): answers that
# agree, a task whose expected verdict is wrong (the runner must exit 1 and name it), tasks it
# can only answer unknown (nondeterministic values, endless thread creation, executions that
# ended in abort()), and bad usage.
set -uo pipefail

interleave="$1"
runner="$2"
root="$(dirname "$(dirname "$(dirname "$3")")")"  # .../svcomp from .../svcomp/c/agree/X.yml
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

expect_line() {  # expect_line OUTPUT REGEX WHAT
  if ! grep -qE "$2" <<<"$1"; then fail "$3: no line matching /$2/"; fi
}

out="$(python3 "$runner" --interleave "$interleave" --max-seconds 120 "$root" c/agree 2>&1)"
code=$?
echo "$out"
[ "$code" -eq 0 ] || fail "agree: exit $code, want 0"
expect_line "$out" $'^agree/lost_increment\tunreach-call\tfalse\tfalse OK\t.*reach_error\\(\\) called; compiled the \\.c beside the task.s \\.i' "lost update found and .c chosen"
expect_line "$out" $'^agree/lost_increment\tno-data-race\tfalse\tfalse OK\t.*DATA RACE' "race found"
expect_line "$out" $'^agree/locked_increment\tunreach-call\ttrue\ttrue OK\t.*exhaustive' "locked: true"
expect_line "$out" $'^agree/locked_increment\tno-data-race\ttrue\ttrue OK\t' "locked: no race"
expect_line "$out" $'^agree/publish_order\tunreach-call\tfalse\tfalse OK\t.*reach_error' "empty reach_error seen"
expect_line "$out" $'^agree/section_split\tunreach-call\tfalse\tfalse OK\t.*reach_error' "section split by a plain access"
expect_line "$out" $'^agree/section_count\tunreach-call\ttrue\ttrue OK\t.*exhaustive' "sections: true"
expect_line "$out" $'^agree/abort_cuts_off\tunreach-call\tfalse\tfalse OK\t.*reach_error' "the thread an abort cut off runs first"
expect_line "$out" '^summary: 8 checks in 6 tasks: 8 agree \(3 true, 5 false\), 0 wrong, 0 unknown$' "agree summary"

out="$(python3 "$runner" --interleave "$interleave" --max-seconds 120 "$root" wrong 2>&1)"
code=$?
echo "$out"
[ "$code" -eq 1 ] || fail "wrong: exit $code, want 1"
expect_line "$out" $'^wrong/claims_safe\tunreach-call\ttrue\tfalse WRONG\t' "wrong answer marked"
expect_line "$out" '^WRONG: wrong/claims_safe unreach-call: expected true, ours false' "wrong listed"
expect_line "$out" '0 agree .* 1 wrong, 0 unknown$' "wrong summary"

out="$(python3 "$runner" --interleave "$interleave" --max-seconds 5 "$root" unknown 2>&1)"
code=$?
echo "$out"
[ "$code" -eq 0 ] || fail "unknown: exit $code, want 0 (unknown is not wrong)"
expect_line "$out" $'^unknown/nondet_guard\tunreach-call\ttrue\tunknown\t.*__VERIFIER_nondet_\\* only took the values 0, 1, 2' "nondet: unknown"
expect_line "$out" $'^unknown/endless_threads\tunreach-call\ttrue\tunknown\t' "endless: unknown"
expect_line "$out" $'^unknown/assume_flag\tunreach-call\ttrue\tunknown\t.*CRASH.*not explored' "abort: unknown, not true"
if grep -q termination_only <<<"$out"; then fail "a termination-only task was not skipped"; fi
expect_line "$out" '0 agree .* 0 wrong, 3 unknown$' "unknown summary"

python3 "$runner" --interleave "$interleave" "$root" no_such_folder >/dev/null 2>&1
code=$?
[ "$code" -eq 2 ] || fail "a missing folder: exit $code, want 2"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "PASS"
