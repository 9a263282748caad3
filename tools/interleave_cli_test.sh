#!/usr/bin/env bash
# End-to-end test of the `interleave` command: list, run, replay round trip, check, and the
# exit code and message of each kind of bad usage. $1 is the binary (from $(location)).
set -uo pipefail

bin="$1"
tmp="${TEST_TMPDIR:-$(mktemp -d)}"
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run NAME EXPECTED_EXIT ARGS...: runs the binary, keeps stdout in $tmp/NAME.out and stderr
# in $tmp/NAME.err, and checks the exit code.
run() {
  local name="$1" want="$2"
  shift 2
  INTERLEAVE_COMMAND=interleave "$bin" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    fail "$name: 'interleave $*' exited $got, want $want"
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

# ---- list ----
run list 0 list
expect_in list out lost_update
expect_in list out lost_update_locked
expect_in list out "000.e"
expect_in list out "BUG (LOST UPDATE, DATA RACE)"

# The headline and the interleaving table of a report (from its " step |" header to the
# next blank line).
table() { sed -n -e '1p' -e '/^ *step *|/,/^$/p' "$1"; }

# ---- run: the bug, and its replay ----
run bug 1 run lost_update --color=never
expect_in bug out "LOST UPDATE"
expect_in bug out "--replay="
replay_command="$(grep -o 'interleave run lost_update --replay=[^ ]*' "$tmp/bug.out" | head -n 1)"
if [ -z "$replay_command" ]; then
  fail "bug: no replay command in the report"
else
  token="${replay_command#*--replay=}"
  run replay 1 run lost_update "--replay=$token" --color=never
  expect_in replay out "LOST UPDATE"
  # The headline and the interleaving table (from its " step |" header to the next blank
  # line) must be the same; the outcome counts differ (one execution instead of all).
  table "$tmp/bug.out" >"$tmp/bug.table"
  table "$tmp/replay.out" >"$tmp/replay.table"
  if [ "$(wc -l <"$tmp/bug.table")" -lt 5 ]; then
    fail "bug: no interleaving table in the report"
    cat "$tmp/bug.out" >&2
  fi
  if ! diff -u "$tmp/bug.table" "$tmp/replay.table" >"$tmp/replay.diff"; then
    fail "replay: the counterexample differs from the original"
    cat "$tmp/replay.diff" >&2
  fi
  # The replay command of the replay is the same command.
  expect_in replay out "$replay_command"
  # A v2 token confirms its finding, at the step where it became certain.
  expect_in replay out "replayed: LOST UPDATE confirmed at step "
  # The v1 form of the same schedule still replays (with nothing to confirm).
  schedule="${token#v2:}"
  schedule="${schedule%%-*}"
  run replay_v1 1 run lost_update "--replay=v1:$schedule" --color=never
  expect_in replay_v1 out "LOST UPDATE"
  if grep -qF "replayed:" "$tmp/replay_v1.out"; then fail "replay_v1: a v1 token has no finding to confirm"; fi
  # A token whose step check says "write" where the scenario reads: named at that step.
  tampered="$(echo "$token" | sed -E 's/^(v2:[^-]*-[^-]*-([a-z][0-9A-Za-z])*)r/\1w/')"
  run tampered 2 run lost_update "--replay=$tampered" --color=never
  expect_in tampered err "differs from the recorded execution: the token expects a write"
  # A finding the replay does not reach is not confirmed.
  wrong_finding="$(echo "$token" | sed -E 's/-LU[0-9]+-/-DL1-/')"
  run wrong_finding 2 run lost_update "--replay=$wrong_finding" --color=never
  expect_in wrong_finding err "replay not confirmed: expected DEADLOCK certain at step 1"
  # The token of lost_update does not fit its fix: the first differing step is named.
  run stale_v2 2 run lost_update_locked "--replay=$token" --color=never
  expect_in stale_v2 err "differs from the recorded execution: the token expects a read by"
fi

# ---- run: the table focused on the finding, --full, and the minimization ----
# 000.e: the lost update in 4 steps of 2 threads with 1 preemption; the rest summarised.
expect_in bug out "The interleaving, focused on the LOST UPDATE (4 of 27 steps, 2 of 3 threads, 1 preemption):"
expect_in bug out "23 other steps not shown ("
expect_in bug out "Counterexample: already minimal"
if [ "$(table "$tmp/bug.out" | grep -c '^ *[0-9][0-9]* |')" -ne 4 ]; then
  fail "bug: the focused table does not have 4 step rows"
  table "$tmp/bug.out" >&2
fi
run full 1 run lost_update --full --color=never
expect_in full out "The interleaving (27 steps, 1 preemption):"
if [ "$(table "$tmp/full.out" | grep -c '^ *[0-9][0-9]* |')" -ne 27 ]; then
  fail "full: the table does not have 27 step rows"
fi
# A sampled counterexample takes more preemptions than the defect needs; minimization finds 1.
run sampled_bug 1 run lost_update --strategy=random --seed=2 --runs=20 --color=never
expect_in sampled_bug out "(4 of 27 steps, 2 of 3 threads, 1 preemption)"
expect_in sampled_bug out "Counterexample: minimized from 4 preemptions and 27 steps to 1 preemption and 27 steps"
run unminimized 1 run lost_update --strategy=random --seed=2 --runs=20 --minimize-budget=0 --color=never
expect_in unminimized out "4 preemptions)"
if grep -qF "Counterexample:" "$tmp/unminimized.out"; then fail "unminimized: --minimize-budget=0 still minimized"; fi

# ---- run: the fix ----
run fix 0 run lost_update_locked --color=never
expect_in fix out PASS
if grep -qF -- "--replay=" "$tmp/fix.out"; then fail "fix: a PASS has no replay command"; fi

# ---- check ----
run check_all 0 check --all --color=never
# Every scenario of the catalogue, in both modes, as expected.
scenarios=$(grep -c '^[a-z0-9_]*  *[0-9][0-9][0-9]\.[a-z] ' "$tmp/list.out" || true)
expect_in check_all out "$scenarios scenarios, $((2 * scenarios)) checks, $((2 * scenarios)) as expected, 0 mismatched"
if ! grep -Eq '^lost_update_locked +000\.f +fix +virtual +PASS' "$tmp/check_all.out"; then
  echo "FAIL: check_all: no virtual-mode row for lost_update_locked"
  failures=$((failures + 1))
fi
run check_one 0 check lost_update --color=never
expect_in check_one out "1 scenario, 2 checks, 2 as expected, 0 mismatched"
run check_one_mode 0 check lost_update --time=virtual --color=never
expect_in check_one_mode out "1 scenario, 1 check, 1 as expected, 0 mismatched"
run param_unknown 2 run lost_update --param=messages=3
expect_in param_unknown err "scenario lost_update has no parameter 'messages' (it takes none)"
run param_malformed 2 run lost_update --param=messages
expect_in param_malformed err "--param wants NAME=VALUE"
# A search cut short is not what either scenario declares.
# The catalogue again with dpor spread over two OS threads: the same verdicts and interleavings.
run check_all_jobs 0 check --all --jobs=2 --color=never
expect_in check_all_jobs out "$scenarios scenarios, $((2 * scenarios)) checks, $((2 * scenarios)) as expected, 0 mismatched"
same_total() { grep -Eo '[0-9,]+ interleavings in' "$tmp/$1.out"; }
if [ "$(same_total check_all)" != "$(same_total check_all_jobs)" ]; then
  echo "FAIL: check_all_jobs: $(same_total check_all_jobs), one thread: $(same_total check_all)"
  failures=$((failures + 1))
fi
run dfs_jobs 0 run process_names --strategy=dfs --jobs=2 --color=never
expect_in dfs_jobs out "no finding in 25,424 interleavings (exhaustive)"
expect_in dfs_jobs out "(25,424 executions, strategy dfs on 2 OS threads)"
run bug_jobs 1 run lost_update --jobs=2 --color=never
expect_in bug_jobs out "(4 of 27 steps, 2 of 3 threads, 1 preemption)"
expect_in bug_jobs out "strategy dpor on 2 OS threads"
run check_bounded 1 check --all --max-executions=1 --color=never
expect_in check_bounded out MISMATCH

# ---- bad usage: exit 2, a message on stderr ----
run no_command 2
expect_in no_command err "Usage:"
run unknown_command 2 frobnicate
expect_in unknown_command err "frobnicate"
run unknown_scenario 2 run no_such_scenario
expect_in unknown_scenario err "interleave: unknown scenario 'no_such_scenario' (see 'interleave list')"
run check_unknown 2 check lost_update no_such_scenario
expect_in check_unknown err "unknown scenario 'no_such_scenario'"
run check_nothing 2 check
expect_in check_nothing err "check needs --all or scenario names"
run jobs_zero 2 run lost_update --jobs=0
expect_in jobs_zero err "--jobs: Value 0 not in range 1 to 256"
run jobs_pct 2 run lost_update --jobs=2 --strategy=pct
expect_in jobs_pct err "--jobs spreads dpor's and dfs's searches over OS threads; --strategy=pct runs on one"
run jobs_replay 2 run lost_update --jobs=2 --replay=v1:0
expect_in jobs_replay err "--jobs does not apply to --replay"
run unknown_flag 2 run lost_update --bogus
expect_in unknown_flag err "--bogus"
run malformed_token 2 run lost_update --replay=zz
expect_in malformed_token err "malformed replay token 'zz'"
run stale_token 2 run lost_update --replay=v1:2222222222222222222222
expect_in stale_token err "stale replay token"
run long_token 2 run lost_update "--replay=v1:${schedule:-0}0"
expect_in long_token err "stale replay token"
run zero_bound 2 run lost_update --max-executions=0
expect_in zero_bound err "--max-executions"
run negative_bound 2 run lost_update --max-steps=-1
expect_in negative_bound err "--max-steps"
run zero_seconds 2 run lost_update --max-seconds=0
expect_in zero_seconds err "--max-seconds"
run bad_color 2 run lost_update --color=blue
expect_in bad_color err "--color"
for name in no_command unknown_command unknown_scenario unknown_flag malformed_token stale_token; do
  if [ -s "$tmp/$name.out" ]; then fail "$name: bad usage printed on stdout"; fi
done

# ---- virtual time: the replay command carries the time mode ----
run virtual_bug 1 run lost_update --time=virtual --color=never
expect_in virtual_bug out "value=1  in 32 of 32 executions"
virtual_command="$(grep -o 'interleave run lost_update --time=virtual --replay=[^ ]*' "$tmp/virtual_bug.out" | head -n 1)"
if [ -z "$virtual_command" ]; then
  fail "virtual_bug: no replay command with --time=virtual"
else
  run virtual_replay 1 ${virtual_command#interleave } --color=never
  table "$tmp/virtual_bug.out" >"$tmp/virtual_bug.table"
  table "$tmp/virtual_replay.out" >"$tmp/virtual_replay.table"
  diff -u "$tmp/virtual_bug.table" "$tmp/virtual_replay.table" >&2 ||
    fail "virtual_replay: the counterexample differs from the original"
fi
run bad_time 2 run lost_update --time=real
expect_in bad_time err "--time"

# ---- other strategies: bounded finds the 1-preemption counterexample; pct is reproducible ----
run bounded 1 run lost_update --strategy=bounded --color=never
expect_in bounded out "(4 of 27 steps, 2 of 3 threads, 1 preemption)"
expect_in bounded out "bounded: every schedule with at most 2 preemptions"
run pct_a 1 run lost_update --strategy=pct --seed=7 --color=never
run pct_b 1 run lost_update --strategy=pct --seed=7 --color=never
expect_in pct_a out "LOST UPDATE"
expect_in pct_a out "runs of pct d=3 (seed 7)"
diff <(table "$tmp/pct_a.out") <(table "$tmp/pct_b.out") >&2 ||
  fail "pct: the same seed printed different counterexamples"
run sampled_pass 1 run lost_update_locked --strategy=random --runs=20 --color=never
expect_in sampled_pass out "INCOMPLETE"
run bad_strategy 2 run lost_update --strategy=magic
expect_in bad_strategy err "--strategy"

# ---- help: exit 0 ----
run help 0 --help
expect_in help out "Exit codes:"
run run_help 0 run --help
expect_in run_help out "--replay"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all interleave CLI checks passed"
