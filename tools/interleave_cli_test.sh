#!/usr/bin/env bash
# End-to-end test of the `interleave` command: list, run, replay round trip, check, the exit
# code and message of each kind of bad usage (parameters out of range, lenient numbers, flags
# with values, cut-off tokens, long arguments), output errors, and SIGINT/SIGTERM.
# $1 is the binary (from $(location)).
#
# Sharded (shard_count in BUILD): the checks are in sections, and shard i of n runs the
# sections whose number is i modulo n (all of them when not sharded).
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

# expect_flat NAME out|err TEXT: like expect_in, with the text's lines joined (a report wraps its
# prose at 120 columns wherever a word ends).
expect_flat() {
  if ! tr '\n' ' ' <"$tmp/$1.$2" | tr -s ' ' | grep -F -- "$3" >/dev/null; then
    fail "$1: std$2 lacks '$3' (lines joined)"
    sed "s/^/  std$2: /" "$tmp/$1.$2" >&2
  fi
}

# joined NAME: $tmp/NAME.out with the replay command's shell continuations joined (" \" and a
# newline then four spaces between words; a backslash and a newline inside a word).
joined() { sed -z 's/ \\\n    / /g; s/\\\n//g' "$tmp/$1.out"; }

# within_120 NAME: every line of $tmp/NAME.out is at most 120 columns (issue 16).
within_120() {
  local wide
  wide=$(awk 'length > 120' "$tmp/$1.out" | head -n 3)
  if [ -n "$wide" ]; then fail "$1: lines wider than 120 columns: $wide"; fi
}

# ---- sections: each a function, run by one shard (the order is at the end) ----

section_list_and_run() {
# ---- list ----
run list 0 list
within_120 list
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
replay_command="$(joined bug | grep -ao 'interleave run lost_update --replay=[^ ]*' | head -n 1)"
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
  # The replay command of the replay is the same command (joined: a long token wraps).
  if ! joined replay | grep -F -- "$replay_command" >/dev/null; then
    fail "replay: stdout lacks '$replay_command'"
  fi
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
# 000.e: the lost update in 4 steps of 2 threads with 1 preemption (of 31: the executor's idle
# semaphore has steps of its own); the rest summarised.
expect_in bug out "The interleaving, focused on the LOST UPDATE (4 of 31 steps, 2 of 3 threads, 1 preemption):"
expect_in bug out "27 other steps not shown ("
expect_in bug out "Counterexample: already minimal"
if [ "$(table "$tmp/bug.out" | grep -c '^ *[0-9][0-9]* |')" -ne 4 ]; then
  fail "bug: the focused table does not have 4 step rows"
  table "$tmp/bug.out" >&2
fi
run full 1 run lost_update --full --color=never
expect_in full out "The interleaving (31 steps, 1 preemption):"
if [ "$(table "$tmp/full.out" | grep -c '^ *[0-9][0-9]* |')" -ne 31 ]; then
  fail "full: the table does not have 31 step rows"
fi
# A sampled counterexample takes more preemptions than the defect needs; minimization finds 1.
run sampled_bug 1 run lost_update --strategy=random --seed=2 --runs=20 --color=never
expect_in sampled_bug out "(4 of 31 steps, 2 of 3 threads, 1 preemption)"
expect_in sampled_bug out "Counterexample: minimized from 4 preemptions and 31 steps to 1 preemption and 31 steps"
run unminimized 1 run lost_update --strategy=random --seed=2 --runs=20 --minimize-budget=0 --color=never
expect_in unminimized out "4 preemptions)"
if grep -qF "Counterexample:" "$tmp/unminimized.out"; then fail "unminimized: --minimize-budget=0 still minimized"; fi

}

section_run_more() {
# ---- run: the fix ----
run fix 0 run lost_update_locked --color=never
expect_in fix out PASS
if grep -qF -- "--replay=" "$tmp/fix.out"; then fail "fix: a PASS has no replay command"; fi
# The reductions' switches are accepted (run counts interleavings: it schedules every step).
run fix_scheduled 0 run lost_update_locked --schedule-releases --schedule-plain-accesses \
  --color=never
expect_in fix_scheduled out PASS

}

section_check() {
# ---- check ----
run list 0 list
run check_all 0 check --all --color=never
within_120 check_all
expect_in check_all out " classes of equivalent interleavings in "
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
}

section_check_jobs() {
# The catalogue again with dpor spread over two OS threads: the same verdicts (in a shard of its
# own: each `check --all` takes half a minute in a test build); and for a few scenarios, the
# same interleavings as on one thread.
run list 0 list
scenarios=$(grep -c '^[a-z0-9_]*  *[0-9][0-9][0-9]\.[a-z] ' "$tmp/list.out" || true)
run check_all_jobs 0 check --all --jobs=2 --color=never
expect_in check_all_jobs out "$scenarios scenarios, $((2 * scenarios)) checks, $((2 * scenarios)) as expected, 0 mismatched"
some="lost_update queue_event threading_lock s004_website_checker"
run check_some 0 check $some --color=never
run check_some_jobs 0 check $some --jobs=2 --color=never
same_total() { grep -Eo '[0-9,]+ classes of equivalent interleavings in' "$tmp/$1.out"; }
if [ "$(same_total check_some)" != "$(same_total check_some_jobs)" ]; then
  fail "check_some_jobs: $(same_total check_some_jobs), one thread: $(same_total check_some)"
fi
}

section_check_more() {
run param_unknown 2 run lost_update --param=messages=3
expect_in param_unknown err "scenario lost_update has no parameter 'messages' (it takes none)"
run param_malformed 2 run lost_update --param=messages
expect_in param_malformed err "--param wants NAME=VALUE"
run dfs_jobs 0 run process_names --strategy=dfs --jobs=2 --color=never
expect_in dfs_jobs out "no finding in 25,424 interleavings (exhaustive)"
expect_flat dfs_jobs out "(25,424 executions, strategy dfs on 2 OS threads)"
run bug_jobs 1 run lost_update --jobs=2 --color=never
expect_in bug_jobs out "(4 of 31 steps, 2 of 3 threads, 1 preemption)"
expect_flat bug_jobs out "strategy dpor on 2 OS threads"
# A search cut short is not what either scenario declares.
run check_bounded 1 check --all --max-executions=1 --color=never
expect_in check_bounded out MISMATCH
}

section_bad_usage() {
# ---- bad usage: exit 2, a message on stderr ----
run no_command 2
expect_in no_command err "Usage:"
run unknown_command 2 frobnicate
expect_in unknown_command err "frobnicate"
run unknown_scenario 2 run no_such_scenario
expect_in unknown_scenario err "interleave: unknown scenario 'no_such_scenario' (see 'interleave list')"
run check_unknown 2 check lost_update no_such_scenario
expect_in check_unknown err "unknown scenario 'no_such_scenario'"
run check_twice 2 check lost_update lost_update
expect_in check_twice err "check: scenario 'lost_update' is named twice"
run check_nothing 2 check
expect_in check_nothing err "check needs --all or scenario names"
run jobs_zero 2 run lost_update --jobs=0
expect_in jobs_zero err "--jobs must be a whole number from 1 to 256, not '0'"
run jobs_pct 2 run lost_update --jobs=2 --strategy=pct
expect_in jobs_pct err "--jobs spreads dpor's and dfs's searches over OS threads; --strategy=pct runs on one"
run jobs_replay 2 run lost_update --jobs=2 --replay=v1:0
expect_in jobs_replay err "--jobs does not apply to --replay"
run unknown_flag 2 run lost_update --bogus
expect_in unknown_flag err "--bogus"
# An option the chosen strategy (or a replay) does not read is refused, not ignored.
run seed_dpor 2 run lost_update --seed=5
expect_in seed_dpor err "--seed is read by --strategy=random or --strategy=pct (and by --native) only; --strategy=dpor would ignore it"
run preemptions_random 2 run lost_update --strategy=random --preemptions=3
expect_in preemptions_random err "--preemptions is read by --strategy=bounded only"
run depth_random 2 check lost_update --strategy=random --depth=2
expect_in depth_random err "--depth is read by --strategy=pct only"
run releases_dfs 2 run lost_update --strategy=dfs --schedule-releases
expect_in releases_dfs err "--schedule-releases is read by --strategy=dpor only"
run strategy_replay 2 run lost_update --replay=v1:0 --strategy=dfs
expect_in strategy_replay err "--strategy does not apply to --replay"
run bound_replay 2 run lost_update --replay=v1:0 --max-executions=5
expect_in bound_replay err "--max-executions does not apply to --replay"
run spurious_virtual 2 run lost_update_locked --spurious-wakeups --time=virtual
expect_in spurious_virtual err "--spurious-wakeups applies in time mode any only"
run param_twice 2 run working_with_many_threads --param threads=3 --param threads=4
expect_in param_twice err "--param threads given twice"
run against_part 2 run lost_update_locked --against=lost_update --part=1/2
expect_in against_part err "--against replays the bug's counterexample on the fix; it takes no --jobs, --part"
run against_full 2 run lost_update_locked --against=lost_update --full
expect_in against_full err "it takes no --jobs"
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
run zero_stall 2 run lost_update --stall-seconds=0
expect_in zero_stall err "--stall-seconds"
run word_stall 2 check lost_update --stall-seconds=soon
expect_in word_stall err "--stall-seconds"
run long_stall 1 run lost_update --stall-seconds=120
expect_in long_stall out "BUG"
run bad_color 2 run lost_update --color=blue
expect_in bad_color err "--color"
for name in no_command unknown_command unknown_scenario unknown_flag malformed_token stale_token; do
  if [ -s "$tmp/$name.out" ]; then fail "$name: bad usage printed on stdout"; fi
done

}

section_virtual_and_strategies() {
# ---- virtual time: the replay command carries the time mode ----
run virtual_bug 1 run lost_update --time=virtual --color=never
within_120 virtual_bug
# The log view: the program's printed lines with threads and virtual times, for the
# counterexample and an execution of each outcome; a PASS shows its runs too.
run virtual_log 1 run lost_update --time=virtual --show=log --color=never
within_120 virtual_log
expect_in virtual_log out "The log of the counterexample (LOST UPDATE, DATA RACE; outcome value=1):"
expect_in virtual_log out "0.100s  ThreadPoolExecutor-0_0  Thread 0: finishing update"
run pass_log 0 run lost_update_locked --time=virtual --show=log --color=never
expect_in pass_log out "value=2, in 16 of 16 classes (no finding):"
run wide 1 run queue_many_consumers_one_zero --color=never
within_120 wide
run show_json 2 run lost_update --show=log --report=json
expect_in show_json err "--show=log is for the text report"
expect_in virtual_bug out "value=1  in 64 of 64 classes"
virtual_command="$(joined virtual_bug | grep -ao 'interleave run lost_update --time=virtual --replay=[^ ]*' | head -n 1)"
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
expect_in bounded out "(4 of 31 steps, 2 of 3 threads, 1 preemption)"
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
expect_in run_help out "at most 100000000"
}

section_strict() {
# ---- parameters: declared ranges, checked; `list` shows them ----
run list 0 list
expect_in list out "count_to=2 [0..10000000], threads=4 [1..60]"
# threads=0 used to crash these two (SIGSEGV, SIGFPE).
run param_zero 2 run threaded_counting_unjoined --param threads=0
expect_in param_zero err "interleave: parameter threads of scenario threaded_counting_unjoined must be a whole number from 1 to 60, not '0'"
run param_zero_fpe 2 run downloads_threads --param threads=0
expect_in param_zero_fpe err "parameter threads of scenario downloads_threads must be a whole number from 1 to 60"
run param_huge 2 run shared_value_many_increments --param increments=2147483648
expect_in param_huge err "parameter increments of scenario shared_value_many_increments must be a whole number from 0 to 1000000, not '2147483648'"
run param_sign 2 run shared_value_many_increments --param increments=+3
expect_in param_sign err "not '+3'"
run param_min 0 run threaded_counting_unjoined --param threads=1 --param count_to=0 --color=never
run param_max 1 run working_with_many_threads --param threads=60 --max-executions=2 --color=never
expect_in param_max out INCOMPLETE

# ---- numbers: decimal digits in range, nothing clamped; flags take no value ----
run seed_empty 2 run lost_update --seed=
expect_in seed_empty err "--seed"
for bad in -1 0x10 +5 " 5" 18446744073709551616 1e3; do
  run seed_bad 2 run lost_update "--seed=$bad"
  expect_in seed_bad err "--seed must be a whole number from 0 to 18446744073709551615, not '$bad'"
done
run seed_max 1 run lost_update --strategy=random --runs=5 --seed=18446744073709551615 --color=never
run steps_too_big 2 run lost_update --max-steps=100000001
expect_in steps_too_big err "--max-steps must be a whole number from 1 to 100000000, not '100000001'"
run steps_huge 2 run lost_update --max-steps=9200000000000000000
expect_in steps_huge err "--max-steps must be a whole number"
run executions_overflow 2 run lost_update --max-executions=99999999999999999999
expect_in executions_overflow err "--max-executions must be a whole number"
for option in --runs --depth --preemptions --jobs --minimize-budget; do
  run "number_hex" 2 run lost_update "$option=0x1"
  expect_in number_hex err "$option must be a whole number"
done
run seconds_exp 2 run lost_update --max-seconds=1e3
expect_in seconds_exp err "--max-seconds must be a number of seconds"
run seconds_inf 2 run lost_update --max-seconds=inf
expect_in seconds_inf err "--max-seconds must be a number of seconds"
run full_value 2 run lost_update --full=3
expect_in full_value err "--full is a flag and takes no value, not '3'"
run all_value 2 check --all=1
expect_in all_value err "--all is a flag and takes no value"

# ---- replay tokens: only whole ones ----
run token_cut 2 run lost_update --replay=v2:01110110-HX14-
expect_in token_cut err "its step checks are missing"
run token_odd 2 run lost_update --replay=v2:0001111222-LU20-rHm
expect_in token_odd err "the last is alone"
run token_twice 2 run lost_update --replay=v2:01-LU2-r0w1v2:01-LU2-r0w1
expect_in token_twice err "a second token starts at position 14"

# ---- a long argument is quoted in part, on one line ----
long="$(head -c 100000 /dev/zero | tr '\0' x)"
run long_scenario 2 run "$long"
run long_seed 2 run lost_update "--seed=$long"
run long_extra 2 run lost_update "$long"
run long_token 2 run lost_update "--replay=v2:$long"
for name in long_scenario long_seed long_extra long_token; do
  if [ "$(head -n 1 "$tmp/$name.err" | wc -c)" -ge 250 ]; then
    fail "$name: the message is $(head -n 1 "$tmp/$name.err" | wc -c) characters long"
  fi
  expect_in "$name" err "... (100"
done
run newline_scenario 2 run "$(printf 'a\nb')"
expect_in newline_scenario err "unknown scenario 'a\\nb'"

# ---- output errors: exit 2 with the cause ----
INTERLEAVE_COMMAND=interleave "$bin" run lost_update --color=never >/dev/full 2>"$tmp/dev_full.err"
got=$?
if [ "$got" -ne 2 ]; then fail "dev_full: exited $got, want 2"; fi
expect_in dev_full err "cannot write to standard output"
"$bin" list >/dev/full 2>"$tmp/list_full.err"
got=$?
if [ "$got" -ne 2 ]; then fail "list_full: exited $got, want 2"; fi
# A closed pipe: a JSON report of about a megabyte, of which head reads one byte; the write
# that finds the reader gone fails with EPIPE (SIGPIPE is ignored).
"$bin" run shared_value_many_increments --param increments=1000 --max-executions=1 \
  --minimize-budget=0 --report=json 2>"$tmp/pipe.err" | head -c 1 >/dev/null
got="${PIPESTATUS[0]}"
if [ "$got" -ne 2 ]; then fail "pipe: exited $got, want 2"; fi
expect_in pipe err "cannot write to standard output: Broken pipe"
run out_full 2 run lost_update --out=/dev/full
expect_in out_full err "cannot write the report to '/dev/full'"
run out_missing 2 run lost_update "--out=$tmp/no/such/dir/report.txt"
expect_in out_missing err "to write the report: No such file or directory"

# ---- --max-seconds bounds the minimization too: none is left after a search that used it ----
run seconds_minimize 1 run shared_value_many_increments --param threads=4 --strategy=dfs --max-seconds=0.5 --color=never
expect_in seconds_minimize out "stopped at the time bound"
expect_in seconds_minimize out "Counterexample: not minimized: no time was left of --max-seconds"
}

section_signals() {
# ---- SIGINT: the partial report (and --out), exit 1; a second signal: at once, 128+n ----
# race_local_copy_lock with 6 threads under dfs runs for minutes.
"$bin" run race_local_copy_lock --param threads=6 --strategy=dfs --color=never \
  "--out=$tmp/partial.txt" >"$tmp/sigint.out" 2>"$tmp/sigint.err" &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid"
got=$?
if [ "$got" -ne 1 ]; then fail "sigint: exited $got, want 1"; fi
expect_in sigint out "INCOMPLETE  race_local_copy_lock: text report written to"
expect_in sigint err "interrupted by a signal"
if ! grep -qF "INCOMPLETE  race_local_copy_lock: no finding in" "$tmp/partial.txt" ||
  ! grep -qF "Coverage: incomplete: interrupted by a signal, after" "$tmp/partial.txt"; then
  fail "sigint: the --out file lacks the partial report"
  cat "$tmp/partial.txt" >&2
fi
# A bug found before the signal: BUG, with its counterexample, on stdout; SIGTERM alike.
"$bin" run shared_value_many_increments --param threads=4 --strategy=dfs --jobs=2 --color=never \
  >"$tmp/sigterm.out" 2>"$tmp/sigterm.err" &
pid=$!
sleep 2
kill -TERM "$pid"
wait "$pid"
got=$?
if [ "$got" -ne 1 ]; then fail "sigterm: exited $got, want 1"; fi
expect_in sigterm out "BUG  shared_value_many_increments: LOST UPDATE"
expect_in sigterm out "interrupted by a signal"
expect_in sigterm out "--replay="
# One long execution (2 million steps): the first signal waits for its end, the second ends
# the process at once, 130 as a shell reports SIGINT.
"$bin" run shared_value_many_increments --param threads=1 --param increments=1000000 \
  --max-steps=100000000 --max-executions=1 >/dev/null 2>"$tmp/twice.err" &
pid=$!
sleep 1
kill -INT "$pid"
sleep 0.3
kill -INT "$pid"
wait "$pid"
got=$?
if [ "$got" -ne 130 ]; then fail "twice: exited $got, want 130"; fi
# check: the rows so far, then what was not run.
"$bin" check --all --strategy=dfs --color=never >"$tmp/check_int.out" 2>&1 &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
got=$?
if [ "$got" -ne 1 ]; then fail "check_int: exited $got, want 1"; fi
expect_in check_int out "interrupted by a signal: "
}

section_search_controls() {
# ---- --stop-on-first-bug: BUG, the coverage says where it stopped, the replay still works ----
run stop_first 1 run lost_update --stop-on-first-bug --color=never
expect_in stop_first out "BUG  lost_update"
expect_in stop_first out "Coverage: stopped at the first bug; not exhaustive ("
expect_in stop_first out "Counterexample: "
stop_replay="$(joined stop_first | grep -ao 'interleave run lost_update --replay=[^ ]*' | head -n 1)"
if [ -z "$stop_replay" ]; then
  fail "stop_first: no replay command in the report"
else
  run stop_replay 1 run lost_update "--replay=${stop_replay#*--replay=}" --color=never
  expect_in stop_replay out "confirmed"
fi
# Every worker stops.
run stop_jobs 1 run lost_update --stop-on-first-bug --strategy=dfs --jobs=2 --color=never
expect_in stop_jobs out "Coverage: stopped at the first bug; not exhaustive ("
# A correct scenario: nothing stops the search; it is exhaustive and PASS.
run stop_pass 0 run lost_update_locked --stop-on-first-bug --color=never
expect_in stop_pass out "Coverage: exhaustive"
# check: a BUG matches a declared BUG even when the search stopped before every declared kind.
run stop_check 0 check lost_update lost_update_locked queue_event --stop-on-first-bug --color=never
expect_in stop_check out "3 scenarios, 6 checks, 6 as expected, 0 mismatched"
expect_in stop_check out "--stop-on-first-bug: each search ended at its first bug"
run stop_value 2 run lost_update --stop-on-first-bug=1
expect_in stop_value err "--stop-on-first-bug is a flag and takes no value"

# ---- did you mean ----
run typo_scenario 2 run lost_updte
expect_in typo_scenario err "interleave: unknown scenario 'lost_updte'; did you mean 'lost_update'?"
run typo_check 2 check lost_update lost_updat_locked
expect_in typo_check err "unknown scenario 'lost_updat_locked'; did you mean 'lost_update_locked'?"
run typo_command 2 chek --all
expect_in typo_command err "interleave: unknown subcommand 'chek'; did you mean 'check'?"
expect_in typo_command err "Run 'interleave --help' for usage."
run typo_far 2 run zzzzzzzzzzzz
expect_in typo_far err "interleave: unknown scenario 'zzzzzzzzzzzz' (see 'interleave list')"
if grep -qF "did you mean" "$tmp/typo_far.err"; then fail "typo_far: a suggestion for a far name"; fi

# ---- the progress line: forced with --progress; never on a file without it ----
# A dfs search bounded at 2.5 s: past the first second the line shows, rewritten in place.
run progress 1 run shared_value_many_increments --strategy=dfs --max-seconds=2.5 --progress \
  --color=never
expect_in progress err "shared_value_many_increments: "
expect_in progress err " with findings"
if ! grep -q $'\r' "$tmp/progress.err"; then fail "progress: no carriage return on stderr"; fi
# Erased at the end: stderr ends with the erase sequence; stdout has none of it.
if [ "$(tail -c 4 "$tmp/progress.err" | od -An -c | tr -d ' ')" != '\r033[K' ]; then
  fail "progress: the line is not erased at the end"
  od -c "$tmp/progress.err" | tail -n 3 >&2
fi
if grep -q $'\r' "$tmp/progress.out"; then fail "progress: a carriage return on stdout"; fi
expect_in progress out "BUG  shared_value_many_increments"
run no_progress 1 run shared_value_many_increments --strategy=dfs --max-seconds=1.5 --color=never
if grep -q $'\r' "$tmp/no_progress.err"; then fail "no_progress: a progress line on a file"; fi
run progress_both 2 run lost_update --progress --no-progress
expect_in progress_both err "excludes"

# ---- --symmetry: the coverage names the reduction; dpor only ----
run symmetry_bug 1 run s004_race_condition --symmetry --color=never
expect_in symmetry_bug out "LOST UPDATE"
expect_flat symmetry_bug out "exhaustive up to symmetry of the 2 threads of symmetry group 'thread_task'"
expect_flat symmetry_bug out "classes of equivalent interleavings up to symmetry"
run symmetry_pass 0 run s004_race_condition_locked --symmetry --color=never
expect_flat symmetry_pass out "exhaustive up to symmetry of the 2 threads of symmetry group"
run symmetry_dfs 2 run s004_race_condition --symmetry --strategy=dfs
expect_in symmetry_dfs err "--symmetry reduces dpor's search"
# check: the verdicts the scenarios declare, found under the reduction too.
run symmetry_check 0 check s004_race_condition s004_race_condition_locked lost_update --symmetry
}

# In this order: with 5 shards, each `check --all` section (the longest) shares its shard only
# with a quick one.
sections=(section_check section_check_jobs section_list_and_run section_strict section_signals
  section_bad_usage section_virtual_and_strategies section_run_more section_check_more
  section_search_controls)

total_shards="${TEST_TOTAL_SHARDS:-1}"
shard="${TEST_SHARD_INDEX:-0}"
if [ -n "${TEST_SHARD_STATUS_FILE:-}" ]; then touch "$TEST_SHARD_STATUS_FILE"; fi
for i in "${!sections[@]}"; do
  if [ $((i % total_shards)) -eq "$shard" ]; then "${sections[$i]}"; fi
done

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all interleave CLI checks passed"
