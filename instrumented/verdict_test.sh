#!/usr/bin/env bash
# interleave_cc_test's runner:
#   verdict_test.sh PROGRAM pass|bug|error [--report-contains=TEXT...] [RUN OPTIONS...]
# Runs PROGRAM (built with libinterleave_rt.so: its main() explored by the checker) and passes
# when the report's verdict is the expected one and the report contains every TEXT.
set -uo pipefail
program="$1"
expect="$2"
shift 2
contains=()
while [ $# -gt 0 ] && [[ "$1" == --report-contains=* ]]; do
  contains+=("${1#--report-contains=}")
  shift
done
name="$(basename "$program")"
args="run"$'\x1f'"$name"
for option in "$@"; do args+=$'\x1f'"$option"; done
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
  *)
    echo "verdict_test.sh: expected verdict must be pass, bug or error, not '$expect'" >&2
    exit 2
    ;;
esac
if [ "$verdict" != "$want" ] || [ "$code" != "$want_code" ]; then
  echo "FAIL: expected $want (exit $want_code), got '$verdict' (exit $code)" >&2
  exit 1
fi
for text in "${contains[@]}"; do
  if ! grep -qF -- "$text" <<<"$output"; then
    echo "FAIL: the report does not contain '$text'" >&2
    exit 1
  fi
done
echo "OK: $want as expected"
