#!/bin/bash
# A sharded interleave test binary run the way Bazel runs shard_count = 4 (TEST_SHARD_INDEX,
# TEST_TOTAL_SHARDS, GTEST_* exported as Bazel's test-setup.sh does, TEST_SHARD_STATUS_FILE,
# TEST_UNDECLARED_OUTPUTS_DIR per shard):
#  - without the bug, every shard passes, each touches its status file, and GoogleTest's own
#    sharding hides no test (the test runs in every shard);
#  - with the bug injected into one Mazurkiewicz class, the single process fails, and exactly
#    one shard fails, with its reports in its outputs; the 4 parts' JSON reports merge
#    (`interleave merge`) into the single process's verdict, executions and outcomes.
#   shard_bug_test.sh SHARDED_TEST INTERLEAVE
set -u
binary="$1"
interleave="$2"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
unset TEST_SHARD_INDEX TEST_TOTAL_SHARDS TEST_SHARD_STATUS_FILE GTEST_SHARD_INDEX \
  GTEST_TOTAL_SHARDS TEST_UNDECLARED_OUTPUTS_DIR TEST_TARGET
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

shard() {  # shard INDEX OUTDIR [ENV...]: runs shard INDEX of 4; prints its exit code.
  local index="$1" dir="$2"
  shift 2
  mkdir -p "$dir"
  env "$@" TEST_SHARD_INDEX="$index" TEST_TOTAL_SHARDS=4 GTEST_SHARD_INDEX="$index" \
    GTEST_TOTAL_SHARDS=4 TEST_SHARD_STATUS_FILE="$dir/status" \
    TEST_UNDECLARED_OUTPUTS_DIR="$dir" "$binary" >"$dir/log" 2>&1
  echo $?
}

# The whole search in one process.
mkdir -p "$tmp/whole"
TEST_UNDECLARED_OUTPUTS_DIR="$tmp/whole" "$binary" >"$tmp/whole/log" 2>&1 ||
  fail "without the bug, one process fails"
INTERLEAVE_INJECT_BUG=1 TEST_UNDECLARED_OUTPUTS_DIR="$tmp/whole" "$binary" >"$tmp/whole/log" 2>&1 &&
  fail "with the bug, one process passes"
grep -q "expected PASS, found BUG" "$tmp/whole/log" || fail "the single process did not find the bug"

for i in 0 1 2 3; do
  code=$(shard "$i" "$tmp/pass$i")
  [ "$code" = 0 ] || fail "shard $i fails without the bug"
  [ -e "$tmp/pass$i/status" ] || fail "shard $i did not touch TEST_SHARD_STATUS_FILE"
  grep -q "Sharded.ThreeThreadsTakeTurns" "$tmp/pass$i/log" ||
    fail "GoogleTest's sharding hid the test from shard $i"
  [ -e "$tmp/pass$i/Sharded.ThreeThreadsTakeTurns.part-$((i + 1))-of-4.json" ] ||
    fail "shard $i wrote no part report"
done
"$interleave" merge "$tmp"/pass*/*.part-*.json --report=json --out="$tmp/pass.json" ||
  fail "the merged passing shards are not PASS"
grep -q '"executions": 90,' "$tmp/pass.json" || fail "the merged passing shards are not 90 classes"

failed=()
for i in 0 1 2 3; do
  code=$(shard "$i" "$tmp/bug$i" INTERLEAVE_INJECT_BUG=1)
  if [ "$code" != 0 ]; then
    failed+=("$i")
    grep -q "INVARIANT" "$tmp/bug$i/log" || fail "shard $i failed without naming the INVARIANT"
    [ -e "$tmp/bug$i/Sharded.ThreeThreadsTakeTurns.txt" ] ||
      fail "shard $i failed without its text report in its outputs"
  fi
done
[ "${#failed[@]}" = 1 ] || fail "with the bug, shards ${failed[*]:-none} fail, not exactly one"
echo "the injected bug fails shard ${failed[*]:-none} only"
"$interleave" merge "$tmp"/bug*/*.part-*.json --report=json --out="$tmp/bug.json"
[ $? = 1 ] || fail "the merged buggy shards do not exit 1"
grep -q '"verdict": "BUG"' "$tmp/bug.json" || fail "the merged buggy shards are not BUG"
grep -q '"executions": 90,' "$tmp/bug.json" || fail "the merged buggy shards are not 90 classes"
grep -q '"kind": "INVARIANT"' "$tmp/bug.json" || fail "the merged report lost the INVARIANT"

if [ "$failures" -gt 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "every shard ran its part; the bug failed exactly the shard that holds it"
