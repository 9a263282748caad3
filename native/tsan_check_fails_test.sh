#!/usr/bin/env bash
# The race check can fail: run on a fix (whose variable is under its lock there) and asked for
# the race its bug has, the same checking code must fail, saying TSan found no race.
# Usage: tsan_check_fails_test.sh CHECK_BINARY RUNNER FIX_SCENARIO VARIABLE SOURCE RUNS
set -uo pipefail
check="$1"
runner="$2"
scenario="$3"
variable="$4"
source="$5"
runs="$6"
out="$("$check" --runner "$runner" --scenario "$scenario" --runs "$runs" --race "$variable" \
  --source "$source" 2>&1)"
rc=$?
echo "$out" | grep -v '^interleave-native: object'
if [ "$rc" -eq 0 ]; then
  echo "FAIL: the race check passed on $scenario, where '$variable' is under its lock"
  exit 1
fi
if ! grep -q "FAIL: ThreadSanitizer reported no data race on '$variable'" <<<"$out"; then
  echo "FAIL: the race check failed for another reason than finding no race"
  exit 1
fi
echo "PASS: the race check fails on $scenario, where '$variable' is protected by its lock"
