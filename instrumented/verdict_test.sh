#!/usr/bin/env bash
# interleave_cc_test's runner:
#   verdict_test.sh PROGRAM pass|bug|error|incomplete [--report-has=TEXT] [--report-lacks=TEXT]
#     [--repeat=N] [RUN OPTIONS...]
# Runs PROGRAM (N times with --repeat: every run must pass; for what varies between processes,
# as addresses do) (built with libinterleave_rt.so: its main() explored by the checker) and passes
# when the report's verdict is the expected one, the output holds every --report-has TEXT and
# none of the --report-lacks TEXTs (fixed strings, one line each), and each --report-once TEXT
# exactly once.
set -uo pipefail
program="$1"
expect="$2"
shift 2
name="$(basename "$program")"
args="run"$'\x1f'"$name"
has=()
lacks=()
once=()
repeat=1
for option in "$@"; do
  case "$option" in
    --report-has=*) has+=("${option#--report-has=}") ;;
    --report-lacks=*) lacks+=("${option#--report-lacks=}") ;;
    --report-once=*) once+=("${option#--report-once=}") ;;
    --repeat=*) repeat="${option#--repeat=}" ;;
    *) args+=$'\x1f'"$option" ;;
  esac
done
check_once() {
  output="$(INTERLEAVE_EXEC_ARGS="$args" "$program" 2>&1)"
  code=$?
  echo "$output"
  # The report's headline ("PASS  NAME: ..."); what the program printed comes before it.
  verdict="$(printf '%s\n' "$output" |
    grep -E "^(PASS|BUG|WARNING|INCOMPLETE|ERROR)  $name: " | head -n 1 | awk '{print $1}')"
  case "$expect" in
    pass) want="PASS" want_code=0 ;;
    bug) want="BUG" want_code=1 ;;
    error) want="ERROR" want_code=1 ;;
    incomplete) want="INCOMPLETE" want_code=1 ;;
    *)
      echo "verdict_test.sh: expected verdict must be pass, bug, error or incomplete, not '$expect'" >&2
      return 2
      ;;
  esac
  if [ "$verdict" != "$want" ] || [ "$code" != "$want_code" ]; then
    echo "FAIL: expected $want (exit $want_code), got '$verdict' (exit $code)" >&2
    return 1
  fi
  for text in ${has[@]+"${has[@]}"}; do
    # A here-string, not a pipe: grep -q stops at the first match, and under pipefail the
    # writer's SIGPIPE on a long report would read as "not found".
    if ! grep -qF -- "$text" <<<"$output"; then
      echo "FAIL: the output lacks '$text'" >&2
      return 1
    fi
  done
  for text in ${lacks[@]+"${lacks[@]}"}; do
    if grep -qF -- "$text" <<<"$output"; then
      echo "FAIL: the output has '$text'" >&2
      return 1
    fi
  done
  for text in ${once[@]+"${once[@]}"}; do
    count="$(printf '%s\n' "$output" | grep -cF -- "$text")"
    if [ "$count" != 1 ]; then
      echo "FAIL: the output has '$text' $count times, not once" >&2
      return 1
    fi
  done
}

for ((run = 1; run <= repeat; run++)); do
  check_once || { [ "$repeat" = 1 ] || echo "FAIL: in run $run of $repeat" >&2; exit 1; }
done
echo "OK: $want as expected"
