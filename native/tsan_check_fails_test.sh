#!/usr/bin/env bash
# The race check can fail: run on the fix (lost_update_locked, whose `value` is under its lock)
# and asked for the race, the same checking code must fail, saying TSan found no race.
# Usage: tsan_check_fails_test.sh CHECK_BINARY RUNNER
set -uo pipefail
check="$1"
runner="$2"
out="$("$check" --runner "$runner" --scenario lost_update_locked --runs 5 --race value \
  --source scenarios/lost_update.cc 2>&1)"
rc=$?
echo "$out" | grep -v '^interleave-native: object'
if [ "$rc" -eq 0 ]; then
  echo "FAIL: the race check passed on the locked scenario"
  exit 1
fi
if ! grep -q "FAIL: ThreadSanitizer reported no data race on 'value'" <<<"$out"; then
  echo "FAIL: the race check failed for another reason than finding no race"
  exit 1
fi
echo "PASS: the race check fails when the variable is protected by its lock"
