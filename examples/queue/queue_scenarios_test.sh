#!/usr/bin/env bash
# The user's scenario binary (@interleave//:interleave_main) from outside the repository:
# `check --all` reaches the verdicts its scenarios declare, and `run` of the bug prints the
# DEADLOCK with a replay line naming the binary.
set -euo pipefail
binary="$1"

"$binary" check --all --time=any
out="$("$binary" run bounded_queue_one_condvar || true)"
grep -q "DEADLOCK" <<<"$out" || { echo "no DEADLOCK in: $out" >&2; exit 1; }
grep -q "run bounded_queue_one_condvar --replay=v2:" <<<"$out" ||
  { echo "no replay line in: $out" >&2; exit 1; }
echo "ok"
