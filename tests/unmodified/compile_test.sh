#!/bin/bash
# Compiles one unmodified program the way the instrumented build does (g++'s -fsanitize=thread
# instrumentation, no link: the runtime that implements the __tsan_* entry points and the
# __VERIFIER_* functions is instrumented/'s), with warnings as errors, so every program of the
# suite is valid C/C++ for that build. Usage: compile_test.sh PROGRAM.c|PROGRAM.cc
set -euo pipefail

if [[ $# -ne 1 || ! -f "$1" ]]; then
  echo "usage: $0 PROGRAM.c|PROGRAM.cc (got: $*)" >&2
  exit 2
fi
src="$1"
out="${TEST_TMPDIR:-$(mktemp -d)}/$(basename "$src").o"
case "$src" in
  *.c) compiler=(gcc -std=gnu11) ;;
  *.cc) compiler=(g++ -std=c++20) ;;
  *)
    echo "$src: not a .c or .cc file" >&2
    exit 2
    ;;
esac
"${compiler[@]}" -fsanitize=thread -g -O1 -Wall -Werror -c "$src" -o "$out"
# The instrumentation is there: an instrumented object calls the runtime's entry points.
if ! nm "$out" | grep ' U __tsan_func_entry' >/dev/null; then
  echo "$src: compiled without -fsanitize=thread instrumentation" >&2
  exit 1
fi
echo "PASS: $src compiles with -fsanitize=thread"
