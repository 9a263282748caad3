#!/usr/bin/env bash
# What must not compile does not, with a message that says what to use instead: std's RAII locks
# over the mirror's mutexes. The control files compile: seq_cst and weaker memory orders alike
# (the checker has the C++ memory model, model/weak_memory.h).
set -euo pipefail

cd "${TEST_SRCDIR}/${TEST_WORKSPACE}"
compile() { g++ -std=c++20 -fsyntax-only -iquote . "$1" 2>&1; }

fail=0
expect_error() {
  local file="$1" message="$2" out
  if out="$(compile "$file")"; then
    echo "FAIL: $file compiled"
    fail=1
  elif ! grep -qF "$message" <<<"$out"; then
    echo "FAIL: $file failed without '$message':"
    echo "$out" | head -20
    fail=1
  else
    echo "ok: $file: $message"
  fi
}

expect_error std/testdata/std_lock_on_mirror_mutex.cc "std::lock_guard cannot hold a interleave::sync::mutex"
expect_error std/testdata/std_shared_lock_on_mirror_mutex.cc "std::shared_lock cannot hold a interleave::sync::shared_mutex"
for control in std/testdata/seq_cst_load.cc std/testdata/relaxed_load.cc; do
  if ! out="$(compile "$control")"; then
    echo "FAIL: the control file $control did not compile:"
    echo "$out" | head -20
    fail=1
  fi
done
exit "$fail"
