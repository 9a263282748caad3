#!/usr/bin/env bash
# The user's scenario binary (@interleave//:interleave_main) from outside the repository:
# `check --all` reaches the verdicts its scenarios declare, and `run` of the bug prints the
# DEADLOCK with a replay line naming the binary.
set -euo pipefail
binary="$1"

"$binary" check --all --time=any
out="$("$binary" run bounded_queue_one_condvar || true)"
grep -q "DEADLOCK" <<<"$out" || { echo "no DEADLOCK in: $out" >&2; exit 1; }
# The replay command may be wrapped as a shell continuation ("\" at a line's end).
joined="$(sed -e ':a' -e '/\\$/N' -e 's/\\\n *//' -e 'ta' <<<"$out")"
grep -q "run bounded_queue_one_condvar --replay=v2:" <<<"$joined" ||
  { echo "no replay line in: $out" >&2; exit 1; }
# And the token it prints replays the finding.
token="$(grep -o -- '--replay=v2:[^ ]*' <<<"$joined" | head -n 1)"
replayed="$("$binary" run bounded_queue_one_condvar "$token" || true)"
grep -q "replayed: .* confirmed" <<<"$replayed" ||
  { echo "the printed token does not replay: $replayed" >&2; exit 1; }
echo "ok"
