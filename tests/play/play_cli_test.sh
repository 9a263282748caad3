#!/usr/bin/env bash
# End to end: `interleave play` in the terminal with choices piped on stdin, and
# `run FIX --against=BUG`, against golden transcripts in tests/play/testdata (each a whole
# output: the game's prompts, the state after each choice, the messages for bad input, the end;
# the bug beside the fix). $1 is the command, $2 the testdata directory.
#
# To regenerate the goldens after an intended change of the output:
#   UPDATE_GOLDENS=$PWD/tests/play/testdata bazel-bin/tests/play/play_cli_test \
#     bazel-bin/tools/interleave tests/play/testdata
set -uo pipefail

bin="$1"
goldens="$2"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
failures=0
checks=0
export INTERLEAVE_COMMAND=interleave

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# game NAME EXPECTED_EXIT INPUT ARGS...: pipes INPUT (printf format) into the command; stdout
# and stderr (merged) must equal testdata/NAME.golden, and the exit code EXPECTED_EXIT.
game() {
  local name="$1" want="$2" input="$3"
  shift 3
  checks=$((checks + 1))
  # shellcheck disable=SC2059
  printf "$input" | "$bin" "$@" >"$tmp/$name.out" 2>&1
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$name: '$bin $*' exited $got, want $want"
  fi
  if [ -n "${UPDATE_GOLDENS:-}" ]; then
    cp "$tmp/$name.out" "$UPDATE_GOLDENS/$name.golden"
  elif ! diff -u "$goldens/$name.golden" "$tmp/$name.out" >"$tmp/$name.diff"; then
    fail "$name: the output differs from $name.golden:"
    head -60 "$tmp/$name.diff" >&2
  fi
}

# expect NAME EXPECTED_EXIT PATTERN ARGS...: the exit code, and PATTERN (fixed string) in the
# merged output.
expect() {
  local name="$1" want="$2" pattern="$3"
  shift 3
  checks=$((checks + 1))
  "$bin" "$@" </dev/null >"$tmp/$name.out" 2>&1
  local got=$?
  if [ "$got" -ne "$want" ]; then fail "$name: '$bin $*' exited $got, want $want"; fi
  if ! grep -qF -- "$pattern" "$tmp/$name.out"; then
    fail "$name: the output lacks '$pattern':"
    sed 's/^/  /' "$tmp/$name.out" >&2
  fi
}

# ---- play --------------------------------------------------------------------------------

# 000.e played to the lost update along the minimal counterexample (1 preemption), with an
# unknown thread on the way.
game play_lost_update 0 '0\n0\n0\n0\n1\n1\n7\n1\n1\n2\n2\n2\n2\n2\n2\n2\n2\n2\n' play lost_update
# 001.p: a blocked consumer, a name that is no thread, a hint, a value out of range, an undo,
# then the deadlock; the input ends after the game: exit 0.
game play_001p 0 '1\nfoo\nh\n0\n5\n0\n6\nu\nThread-6 (producer_task)\n2\n' \
  play queue_many_consumers_one_zero
# Several choices on one line, with repeats (a bad repeat first): the same lost update.
game play_batch 0 '1*0\n0*4 1*4, 2*9\n' play lost_update
# The input ends before the program does: not finished, exit 1.
game play_eof 1 '0\n' play queue_many_consumers_one_zero
# q quits an unfinished game: exit 1. A fix can be played too (nothing to find).
game play_quit_fix 1 'h\nq\n' play lost_update_locked
# Virtual time: the steps carry their times.
game play_virtual 0 '0\n0\n6\n2\n' play queue_many_consumers_one_zero --time=virtual

expect play_unknown 2 "unknown scenario" play no_such_scenario
expect play_bad_param 2 "consumers" play queue_many_consumers_one_zero --param consumers=0
# --max-nodes sizes the page's tree: without --html it is a mistake, not silently ignored.
expect play_nodes_alone 2 "requires --html" play lost_update --max-nodes 10

# ---- run FIX --against=BUG -----------------------------------------------------------------

# The lock makes the lost update's schedule impossible (000.e beside 000.f).
game against_lost_update 0 '' run lost_update_locked --against=lost_update
# The sentinel makes the deadlock's schedule impossible (000.h).
game against_queue_event 0 '' run queue_event_sentinel --against=queue_event
# The predicate makes the lost wakeup harmless: the schedule runs, nobody waits (004.t).
game against_lost_wakeup 0 '' run s004_sync_threads_flag --against=s004_sync_threads

checks=$((checks + 1))
"$bin" run lost_update_locked --against=lost_update --report=json >"$tmp/against.json" 2>&1 ||
  fail "--against --report=json exited non-zero"
python3 - "$tmp/against.json" <<'PY' || fail "the --against JSON is not what it should be"
import json, sys
data = json.load(open(sys.argv[1]))
assert data["conclusion"] == "impossible", data["conclusion"]
assert data["bug"]["findings"][0]["kind"] == "LOST UPDATE"
assert data["fix"]["findings"] == [], data["fix"]["findings"]
assert data["bug"]["outcome"] == "value=1" and data["fix"]["outcome"] == "value=2"
d = data["deviations"][0]
assert d["thread"] == "ThreadPoolExecutor-0_1" and "held by ThreadPoolExecutor-0_0" in d["why"], d
assert any(r["bug_step"] is None for r in data["rows"])  # The fix's own steps (the lock).
PY

expect against_unrelated 2 "is not a fix of queue_event" run lost_update_locked --against=queue_event
expect against_not_bug 2 "is not a bug variant" run lost_update --against=lost_update_locked
expect against_unknown 2 "unknown scenario" run lost_update_locked --against=no_such_bug
expect against_self 2 "not lost_update beside itself" run lost_update --against=lost_update
expect against_strategy 2 "--strategy=random does not apply" run lost_update_locked \
  --against=lost_update --strategy=random

if [ "$failures" -ne 0 ]; then
  echo "$failures of $checks checks failed" >&2
  exit 1
fi
echo "all $checks checks passed"
