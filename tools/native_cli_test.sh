#!/usr/bin/env bash
# `interleave run SCENARIO --native` end to end: the built command finds the native runner in
# its runfiles, runs it, and prints the real-thread counts beside the model's.
set -euo pipefail
interleave="$1"

out="$("$interleave" run lost_update_locked --native --runs 20)" || {
  echo "FAIL: run lost_update_locked --native exited $?"
  exit 1
}
echo "$out"
grep -q "^lost_update_locked: outcomes in the model (exhaustive, dpor, [0-9,]* classes of equivalent interleavings)" <<<"$out"
grep -q "and on real threads (native backend, 20 runs)$" <<<"$out"
if awk 'length > 120' <<<"$out" | grep . >/dev/null; then echo "FAIL: lines wider than 120 columns"; exit 1; fi
grep -q "^  value=2  model \([0-9,]*\) of \1 classes  /  real 20 of 20 runs$" <<<"$out"
grep -q "^Model verdict: PASS.$" <<<"$out"

# The bug: the model's verdict makes the exit code 1; both outcomes are listed with the model's
# counts, whatever the real runs saw.
set +e
out="$("$interleave" run lost_update --native --runs 20)"
rc=$?
set -e
echo "$out"
[ "$rc" -eq 1 ] || { echo "FAIL: run lost_update --native exited $rc, not 1"; exit 1; }
grep -q "^  value=1  model [0-9,]* of [0-9,]* classes  /  real [0-9]* of 20 runs$" <<<"$out"
grep -q "^  value=2  model [0-9,]* of [0-9,]* classes  /  real [0-9]* of 20 runs$" <<<"$out"
grep -q "^Model verdict: BUG (found: " <<<"$out"

# A runner that is not there is a usage error that says how to fix it.
set +e
err="$(INTERLEAVE_NATIVE_RUNNER=/nonexistent "$interleave" run lost_update --native --runs 2 \
  2>&1 >/dev/null)"
rc=$?
set -e
echo "$err"
[ "$rc" -eq 2 ] || { echo "FAIL: a missing runner exited $rc, not 2"; exit 1; }
grep -q "^interleave: --native: the native runner (native/run_native) is not next to this program" \
  <<<"$err"
echo "PASS"
