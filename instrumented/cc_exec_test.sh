#!/usr/bin/env bash
# interleave cc + interleave exec on an unmodified pthread lost update (issue 17's "done when").
set -euo pipefail
interleave="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
src="$PWD/instrumented/testdata"
work="${TEST_TMPDIR:-$(mktemp -d)}"
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$interleave" cc -o lost "$src/lost_update.c" || fail "cc lost_update.c"
set +e
report="$("$interleave" exec -- ./lost)"
code=$?
set -e
echo "$report"
[ "$code" = 1 ] || fail "exec exit code $code, expected 1"
grep -q '^BUG  lost: ASSERTION FAILED' <<<"$report" || fail "no ASSERTION FAILED verdict"
grep -q 'read counter = 0  :8' <<<"$report" || fail "the table does not name counter's read at line 8"
grep -q 'write counter := 1  :9' <<<"$report" || fail "the table does not name counter's write at line 9"
grep -q 'DATA RACE: data race on counter' <<<"$report" || fail "no DATA RACE on counter"
replay="$(grep -A3 '^Replay: ' <<<"$report" | sed 's/^Replay: //; s/ \\$//' | tr -d '\n')"
[[ "$replay" == "interleave exec --program=./lost run lost --replay="* ]] || fail "replay line: $replay"
set +e
replayed="$(eval "\"$interleave\" ${replay#interleave }")"
set -e
echo "$replayed"
grep -q 'replayed: ASSERTION FAILED confirmed' <<<"$replayed" || fail "the replay did not confirm"

"$interleave" cc -o fixed "$src/locked_increments.c" || fail "cc locked_increments.c"
fixed="$("$interleave" exec -- ./fixed)" || fail "the fix did not PASS"
grep -q '^PASS  fixed: .*(exhaustive)' <<<"$fixed" || fail "the fix's verdict: $fixed"

# cc puts "interleave/outcome.h" on the include path: the outcome table counts final values.
"$interleave" cc -o outcome "$src/outcome.c" || fail "cc outcome.c"
set +e
outcomes="$("$interleave" exec -- ./outcome)"
set -e
grep -q '^  counter=1, verdict=lost  *in 2 of 4 classes' <<<"$outcomes" || fail "outcomes: $outcomes"
grep -q '^  counter=2, verdict=right  *in 2 of 4 classes' <<<"$outcomes" || fail "outcomes: $outcomes"

# glibc's __libc_single_threaded is cleared before main (a program built by interleave cc runs no
# real thread that would clear it; libstdc++ skips synchronisation while it is set).
"$interleave" cc -o flag "$src/single_threaded_flag.c" || fail "cc single_threaded_flag.c"
flag="$("$interleave" exec -- ./flag)" || fail "the flag's check did not PASS: $flag"
grep -q '^PASS  flag: .*(exhaustive)' <<<"$flag" || fail "the flag's verdict: $flag"

# A heap block is named by its allocation site and offset, in the report and in its replay.
"$interleave" cc -o heap "$src/heap_race.c" || fail "cc heap_race.c"
set +e
report="$("$interleave" exec -- ./heap)"
set -e
echo "$report"
grep -q 'DATA RACE: data race on heap block allocated at heap_race.c:18 (main) +4' <<<"$report" ||
  fail "the race does not name the heap block by its site and offset"
replay="$(grep -A3 '^Replay: ' <<<"$report" | sed 's/^Replay: //; s/ \\$//' | tr -d '\n')"
set +e
replayed="$(eval "\"$interleave\" ${replay#interleave }")"
set -e
grep -q 'replayed: DATA RACE confirmed' <<<"$replayed" || fail "the heap race's replay: $replayed"

# --jobs=2: two processes run the two parts, the program merges their reports: the same
# verdict, classes and findings as one process, the merged counterexample's table and a
# replay line that confirms it.
set +e
jobs="$("$interleave" exec --jobs=2 -- ./lost)"
code=$?
set -e
echo "$jobs"
[ "$code" = 1 ] || fail "exec --jobs=2 exit code $code, expected 1"
grep -q '^BUG  lost: ASSERTION FAILED' <<<"$jobs" || fail "--jobs=2: no ASSERTION FAILED verdict"
grep -q 'read counter = 0  :8' <<<"$jobs" || fail "--jobs=2: no table"
grep -q 'all 2 parts merged into the whole search (4 executions)' <<<"$jobs" ||
  fail "--jobs=2: not the whole search's 4 classes"
replay="$(grep -A3 '^Replay: ' <<<"$jobs" | sed 's/^Replay: //; s/ \\$//' | tr -d '\n')"
set +e
replayed="$(eval "\"$interleave\" ${replay#interleave }")"
set -e
grep -q 'replayed: ASSERTION FAILED confirmed' <<<"$replayed" || fail "--jobs=2 replay: $replayed"
merged="$("$interleave" exec --jobs=3 --report=json -- ./fixed)" || fail "--jobs=3: the fix did not PASS"
grep -q '"verdict": "PASS"' <<<"$merged" || fail "--jobs=3 JSON verdict: $merged"
single="$("$interleave" exec --report=json -- ./fixed)"
executions() { grep -o '"executions": [0-9]*' | head -n 1; }
[ "$(executions <<<"$merged")" = "$(executions <<<"$single")" ] ||
  fail "--jobs=3 explored $(executions <<<"$merged"), one process $(executions <<<"$single")"
# --jobs: the merge's --out is checked before the search, not after it.
set +e
"$interleave" exec --jobs=2 --out=/nonexistent/report.txt -- ./fixed >/dev/null 2>out_err.txt
code=$?
set -e
[ "$code" = 2 ] || fail "--jobs=2 --out=/nonexistent/...: exit code $code, expected 2"
grep -q "cannot write the report to /nonexistent/report.txt" out_err.txt ||
  fail "--jobs=2 --out=/nonexistent/...: $(cat out_err.txt)"
if "$interleave" exec --jobs=2 --strategy=random -- ./fixed 2>/dev/null; then
  fail "--jobs with a strategy that does not split"
fi

# Bad usage: no program, a program not built with interleave cc.
if "$interleave" exec --strategy=dfs 2>/dev/null; then fail "exec without a program"; fi
if "$interleave" exec -- /bin/true 2>/dev/null; then fail "exec of a program without the runtime"; fi
# A directory, or a script that only mentions the runtime, is refused before it runs (before: the
# directory aborted the tool, and the script ran and exited 0 with no report).
refused() {
  set +e
  err="$("$interleave" exec -- "$1" 2>&1 >/dev/null)"
  code=$?
  set -e
  [ "$code" = 2 ] || fail "exec $1: exit code $code, expected 2"
  grep -qF -- "$2" <<<"$err" || fail "exec $1: '$err' lacks '$2'"
}
mkdir -p a_directory
refused a_directory "is not a program built with 'interleave cc': not a regular file"
printf '#!/bin/sh\n# libinterleave_rt.so\nexit 0\n' >script.sh
chmod +x script.sh
refused ./script.sh "not an ELF executable"
# An ELF program built without the runtime is refused by its dynamic section, even when its
# bytes hold the runtime's name; it never runs (before: it ran for real, then the ERROR).
printf '#include <stdio.h>\nconst char* name = "libinterleave_rt.so";\nint main(void) { return fopen("ran", "w") == 0; }\n' >named.c
gcc -o named named.c || fail "gcc named.c"
refused ./named "it does not link libinterleave_rt.so"
[ ! -e ran ] || fail "exec ran a program that does not link the runtime"
# A program that ends its process behind the runtime's back (the exit system call) ends the
# search with no report: an ERROR, exit 2, not the program's exit status 0.
"$interleave" cc -o raw_exit "$src/raw_exit.c" || fail "cc raw_exit.c"
refused ./raw_exit "it exited with status 0 before the search ended and reported"
echo "OK"
