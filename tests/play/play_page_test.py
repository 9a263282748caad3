#!/usr/bin/env python3
"""The `play --html` page in headless Chromium: plays 001.p (queue_many_consumers_one_zero) to
its deadlock by clicking threads, as a student would.

Checks: the page opens on the first choice with the state panel and only the runnable threads
offered (the consumers blocked in get are listed as unable to run, not as buttons); a data
choice; the state after the producer's put ("queue: [0]"); undo goes back one choice; the end
says DEADLOCK was reached and how many steps the minimal counterexample needs. Also: a tree
larger than --max-nodes is refused (exit 2) with a message pointing to the terminal game.

The DevTools driver is tests/html/cdp.py (helper html16's), found beside this test's directory
in the runfiles. Screenshots land in $TEST_UNDECLARED_OUTPUTS_DIR.
"""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
for candidate in (os.path.join(HERE, "..", "html"),
                  os.path.join(os.environ.get("TEST_SRCDIR", ""),
                               os.environ.get("TEST_WORKSPACE", "interleave"), "tests", "html")):
    if os.path.exists(os.path.join(candidate, "cdp.py")):
        sys.path.insert(0, candidate)
        break
from cdp import Browser  # noqa: E402

INTERLEAVE = sys.argv[1]
TMP = os.environ.get("TEST_TMPDIR") or tempfile.mkdtemp()
OUT = os.environ.get("TEST_UNDECLARED_OUTPUTS_DIR") or TMP
failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def run(*args):
    return subprocess.run([INTERLEAVE] + list(args), capture_output=True, text=True)


def main():
    page = os.path.join(TMP, "play_001p.html")
    made = run("play", "queue_many_consumers_one_zero", "--html", page)
    check(made.returncode == 0, "play --html exits 0 (%d: %s)" % (made.returncode, made.stderr))
    check("written to" in made.stdout, "play --html says where it wrote the page")

    refused = run("play", "queue_many_consumers_one_zero", "--html",
                  os.path.join(TMP, "small.html"), "--max-nodes", "10")
    check(refused.returncode == 2, "a tree past --max-nodes exits 2 (got %d)" % refused.returncode)
    check("play it in the terminal" in refused.stderr and "more than 10" in refused.stderr,
          "the refusal points to the terminal game: " + refused.stderr.strip())

    with Browser(width=1400, height=1000) as browser:
        browser.open("file://" + page, ready="!!document.querySelector('button.choice')")
        labels = browser.eval(
            "[...document.querySelectorAll('button.choice')].map(b => b.dataset.label)")
        check(labels == ["0 MainThread", "6 Thread-6 (producer_task)"],
              "the first choice offers the runnable threads only: %s" % labels)
        waiting = browser.eval("document.getElementById('waiting').textContent")
        check("Thread-1 (consumer_task): waiting in get on queue (the queue is empty)" in waiting,
              "a consumer blocked in get is listed with why it cannot run")
        check("queue: []" in browser.eval("document.getElementById('state').textContent"),
              "the state panel shows the empty queue")
        goal = browser.eval("document.getElementById('goal').textContent")
        check("DEADLOCK in 12 steps with 0 preemptions" in goal,
              "the goal names the minimal counterexample: " + goal)
        browser.screenshot(os.path.join(OUT, "play_001p_start.png"))

        # Main runs (its log), then the producer's data choice: the value 0.
        browser.click('button.choice[data-label="0 MainThread"]')
        question = browser.eval("document.getElementById('question').textContent")
        check(question == "Step 9: choose a value", "a data choice is asked: " + question)
        browser.click('button.choice[data-label="0"]')
        state = browser.eval("document.getElementById('state').textContent")
        check("queue: [0]" in state, "after the producer's put the queue holds the 0: " + state)
        log = browser.eval("document.getElementById('log').textContent")
        check("Thread-6 (producer_task): put queue 0" in log, "the log shows the put")

        # The producer logs and ends; then one consumer takes the only 0.
        browser.click('button.choice[data-label^="6 "]')
        browser.click('button.choice[data-label^="1 "]')
        check("DEADLOCK" in browser.eval("document.getElementById('end').textContent"),
              "a consumer taking the 0 ends in the deadlock")
        # Undo, and take the 0 with another consumer instead.
        browser.click("#undo")
        check(browser.eval("document.getElementById('end').textContent") == "",
              "undo goes back to the choice before the end")
        check(browser.eval("document.querySelectorAll('button.choice').length") == 5,
              "after undo the five consumers are offered again")
        browser.click('button.choice[data-label^="2 "]')
        end = browser.eval("document.getElementById('end').textContent")
        check(browser.eval("document.getElementById('end').className") == "bug",
              "the end is marked as a bug")
        check("You reached a bug in 12 steps with 0 preemptions" in end,
              "the page says the bug was reached and its size: " + end)
        check("DEADLOCK: no thread can run" in end, "the finding is the deadlock")
        check("The minimal counterexample: DEADLOCK in 12 steps" in end,
              "the page gives the minimal counterexample's length")
        waiting = browser.eval("document.getElementById('waiting').textContent")
        check("0 MainThread: waiting for Thread-1 (consumer_task) to finish (join)" in waiting,
              "at the deadlock the panel says who waits for what: " + waiting[:200])
        where = browser.eval("document.getElementById('where').textContent")
        check(where.startswith("After step 12 (4 choices, 0 preemptions)"), "header: " + where)
        browser.screenshot(os.path.join(OUT, "play_001p_deadlock.png"))

    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
