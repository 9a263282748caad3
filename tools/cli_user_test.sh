#!/usr/bin/env bash
# End-to-end test of a user's binary of scenarios (tools/cli_user_scenarios.cc, linked with
# //tools:interleave_main, without the catalogue): list, run, check --all over its own two
# scenarios, the replay line naming the binary (run as printed), did-you-mean, and
# --stop-on-first-bug. $1 is the binary (from $(location)).
set -uo pipefail

bin="$1"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
failures=0
unset INTERLEAVE_COMMAND  # The replay line must name the binary itself.

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run NAME EXPECTED_EXIT ARGS...: runs the binary, stdout in $tmp/NAME.out, stderr in
# $tmp/NAME.err, and checks the exit code.
run() {
  local name="$1" want="$2"
  shift 2
  "$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$name: '$bin $*' exited $got, want $want"
    sed 's/^/  stdout: /' "$tmp/$name.out" >&2
    sed 's/^/  stderr: /' "$tmp/$name.err" >&2
  fi
}

# expect_in NAME out|err PATTERN: the output contains PATTERN (fixed string).
expect_in() {
  if ! grep -qF -- "$3" "$tmp/$1.$2"; then
    fail "$1: std$2 lacks '$3'"
    sed "s/^/  std$2: /" "$tmp/$1.$2" >&2
  fi
}

# not_in NAME out|err PATTERN: the output does not contain PATTERN.
not_in() {
  if grep -qF -- "$3" "$tmp/$1.$2"; then
    fail "$1: std$2 has '$3'"
    sed "s/^/  std$2: /" "$tmp/$1.$2" >&2
  fi
}

# ---- list: its own scenarios, none of the catalogue's ----
run list 0 list
expect_in list out "my_counter "
expect_in list out "my_counter_locked"
expect_in list out "BUG (LOST UPDATE)"
expect_in list out "2 scenarios. '$bin run SCENARIO' explores one"
not_in list out "lost_update"

# ---- run: the bug, with a replay line that names this binary and runs as printed ----
run bug 1 run my_counter --color=never
expect_in bug out "BUG  my_counter: LOST UPDATE"
expect_in bug out "cli_user_scenarios.cc:"
expect_in bug out "Replay: $bin run my_counter --replay="
not_in bug out "interleave run"
replay_line="$(grep -o "^Replay: .*" "$tmp/bug.out" | head -n 1)"
replay_line="${replay_line#Replay: }"
if [ -z "$replay_line" ]; then
  fail "bug: no replay line"
else
  # Run as printed: word splitting of the line is what a shell does to it.
  # shellcheck disable=SC2086
  $replay_line --color=never >"$tmp/replay.out" 2>"$tmp/replay.err"
  got=$?
  if [ "$got" -ne 1 ]; then fail "replay: '$replay_line' exited $got, want 1"; fi
  expect_in replay out "replayed: LOST UPDATE confirmed at step"
fi
run fix 0 run my_counter_locked --color=never
expect_in fix out "PASS  my_counter_locked"

# ---- check --all: its two scenarios with their declared expectations ----
run check 0 check --all --color=never
expect_in check out "2 scenarios, 4 checks, 4 as expected, 0 mismatched"
not_in check out "lost_update"

# ---- --stop-on-first-bug ----
run stop 1 run my_counter --stop-on-first-bug --color=never
expect_in stop out "Coverage: stopped at the first bug; not exhaustive ("
run stop_check 0 check --all --stop-on-first-bug --color=never
expect_in stop_check out "4 as expected"

# ---- did you mean, named by this binary ----
program="$(basename "$bin")"
run typo 2 run my_countr
expect_in typo err "$program: unknown scenario 'my_countr'; did you mean 'my_counter'?"
run typo_check 2 check my_counter_lockd
expect_in typo_check err "unknown scenario 'my_counter_lockd'; did you mean 'my_counter_locked'?"
run typo_command 2 lsit
expect_in typo_command err "$program: unknown subcommand 'lsit'; did you mean 'list'?"
expect_in typo_command err "Run '$bin --help' for usage."
run unknown 2 run lost_update
expect_in unknown err "unknown scenario 'lost_update' (see '$bin list')"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all checks of a user's binary passed"
