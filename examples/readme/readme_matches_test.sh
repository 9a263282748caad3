#!/usr/bin/env bash
# The README's "Use it in your project" test is this directory's counter_test.cc, character for
# character (the README's copy is indented by three spaces inside a list item): so what
# scripts/test builds and runs is what a user copies.
set -euo pipefail

readme="$1"
test_source="$2"

# The lines from "// counter_test.cc" to the end of its code block, unindented.
extracted="$(awk '
  /^   \/\/ counter_test.cc$/ { on = 1 }
  on && /^   ```$/ { exit }
  on { sub(/^   /, ""); print }
' "$readme")"

if [ -z "$extracted" ]; then
  echo "README: no code block starting with '// counter_test.cc'" >&2
  exit 1
fi
if ! diff -u <(printf '%s\n' "$extracted") "$test_source"; then
  echo "README's counter_test.cc differs from examples/readme/counter_test.cc (diff above)" >&2
  exit 1
fi
echo "README's counter_test.cc matches examples/readme/counter_test.cc"
