#!/usr/bin/env bash
# The HTML report renders in a real browser: for each scenario given, `interleave run S
# --report=html` is opened in headless Chromium (Debian's chromium; scripts/deps installs it),
# which runs its script; the test reads the rendered DOM and checks that the page shows the
# scenario's name, one swimlane per thread of the counterexample (by name, from the JSON
# report), the outcome chart, and no script error; then it takes a screenshot. Screenshots and
# pages are kept in $TEST_UNDECLARED_OUTPUTS_DIR.
# Usage: html_report_test.sh INTERLEAVE SCENARIO...
set -uo pipefail
interleave=$1
shift
tmp=${TEST_TMPDIR:-$(mktemp -d)}
outputs=${TEST_UNDECLARED_OUTPUTS_DIR:-$tmp}
export HOME=$tmp
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

chromium=$(command -v chromium || true)
if [ -z "$chromium" ]; then
  echo "FAIL: chromium is not installed (scripts/deps installs Debian's chromium package)"
  exit 1
fi
browser() {  # ARGS...: headless Chromium, quiet, in its own profile.
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --user-data-dir="$tmp/profile" --window-size=1280,1000 "$@" 2>>"$tmp/chromium.log"
}

for scenario in "$@"; do
  page="$outputs/$scenario.html"
  "$interleave" run "$scenario" --report=html --out "$page" >/dev/null 2>"$tmp/$scenario.err"
  [ -s "$page" ] || { fail "$scenario: no HTML written: $(cat "$tmp/$scenario.err")"; continue; }
  "$interleave" run "$scenario" --report=json --out "$tmp/$scenario.json" >/dev/null 2>&1

  # Self-contained: nothing is loaded from elsewhere.
  if grep -Eq '<(script|link|img)[^>]+(src|href)=' "$page"; then
    fail "$scenario: the page loads an external resource"
  fi

  browser --dump-dom "file://$page" >"$tmp/$scenario.dom"
  dom="$tmp/$scenario.dom"
  grep -q 'data-rendered="ok"' "$dom" || fail "$scenario: the script did not finish rendering"
  errors=$(sed -n 's/.*<div id="script-errors">\([^<]*\)<\/div>.*/\1/p' "$dom")
  [ -z "$errors" ] || fail "$scenario: script errors: $errors"
  grep -q "<h1 id=\"scenario\">$scenario</h1>" "$dom" || fail "$scenario: the scenario name is not shown"
  grep -q 'aria-label="outcome histogram"' "$dom" || fail "$scenario: no outcome chart"
  # One lane per thread of the counterexample, named.
  names=$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("\n".join(t["name"] for t in r["counterexample"]["threads"]))' "$tmp/$scenario.json")
  threads=0
  while IFS= read -r name; do
    threads=$((threads + 1))
    grep -q "data-lane=\"$name\"" "$dom" || fail "$scenario: no lane for thread '$name'"
  done <<<"$names"
  lanes=$(grep -o 'data-lane="' "$dom" | wc -l)
  [ "$lanes" -eq "$threads" ] || fail "$scenario: $lanes lanes for $threads threads"
  steps=$(grep -o 'class="step-box' "$dom" | wc -l)
  [ "$steps" -gt 0 ] || fail "$scenario: no step boxes drawn"

  browser --screenshot="$outputs/$scenario.png" "file://$page" >/dev/null
  if [ "$(head -c 8 "$outputs/$scenario.png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
    fail "$scenario: no PNG screenshot"
  fi
  echo "$scenario: rendered, $threads lanes, $steps steps; screenshot $(stat -c %s "$outputs/$scenario.png") bytes"
done

if [ $failures -ne 0 ]; then
  echo "$failures failure(s); chromium's log:"
  tail -20 "$tmp/chromium.log"
  exit 1
fi
echo "every HTML report rendered in headless Chromium"
