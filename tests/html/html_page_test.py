#!/usr/bin/env python3
"""The HTML report driven in headless Chromium as a student would: with the keyboard and mouse.

Each page is written by `interleave run SCENARIO --report=html`, opened in Chromium over the
DevTools pipe (tests/html/cdp.py), and read back from the live DOM:
  (a) it opens on the headline finding's decisive step: s004_sync_threads on the notify nobody
      heard (LOST WAKEUP), shared_value_increment on the LOST UPDATE between Thread-3 and
      Thread-4, not on the first marked step (issue 16, defect 1);
  (b) lost_update: ArrowLeft/ArrowRight step back to the stale read and on to the overwrite;
      the state panel shows value = 0 after the stale read, 1 after the lost write and still
      1 after the overwrite (two updates ran, one is lost); the play button advances by itself;
  (c) queue_event: every outcome some execution with a bug reached is red (the deadlock and
      qsize=1, not only the counterexample's: defect 3), and clicking the qsize=1 bar shows an
      execution that ends in qsize=1;
  (d) a PASS (s004_sync_threads in virtual time) shows an execution, its state, its sleeps as bars
      from their start to their wake-up and the virtual clock under the lanes (defects 7, 10);
  (e) the Log tab lists the printed lines of the shown execution with threads and times;
  (f) the print stylesheet: the lanes wrap into rows that fit an A4 page, the log and the step
      detail print; the PDF is written;
  (g) the Chrome trace of that PASS is written (exit 0) on the virtual clock (defects 7, 10);
  (h) a condition wait is drawn "Wt", not "U" (its lock's release), and the printed text keeps
      its spaces ("Main    : all done") in the Log tab (defect 11).
Screenshots (1400x1000 and 1024x700) and the pages land in $TEST_UNDECLARED_OUTPUTS_DIR.

Usage: html_page_test.py INTERLEAVE
"""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser, CdpError  # noqa: E402

INTERLEAVE = sys.argv[1]
TMP = os.environ.get("TEST_TMPDIR") or tempfile.mkdtemp()
OUT = os.environ.get("TEST_UNDECLARED_OUTPUTS_DIR") or TMP
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message, flush=True)
    return condition


def run(scenario, report, *extra):
    """Runs the CLI; returns (exit code, path of the report written)."""
    suffix = {"html": ".html", "json": ".json", "trace": ".trace.json"}[report]
    tag = "-".join([scenario] + [a.strip("-").replace("=", "_") for a in extra])
    path = os.path.join(OUT if report == "html" else TMP, tag + suffix)
    proc = subprocess.run([INTERLEAVE, "run", scenario, "--report=" + report, "--out", path] +
                          list(extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=300)
    if proc.returncode not in (0, 1):
        raise SystemExit("interleave run %s --report=%s %s: exit %d: %s" %
                         (scenario, report, " ".join(extra), proc.returncode, proc.stderr))
    return proc.returncode, path


STATE = """(() => {
  const detail = {};
  document.querySelectorAll('#detail dd').forEach(d => detail[d.dataset.field] = d.textContent);
  const objects = {};
  document.querySelectorAll('#state tr[data-object]').forEach(r =>
      objects[r.dataset.object] = r.querySelector('.state-value').textContent);
  const threads = {};
  document.querySelectorAll('#state tr[data-thread]').forEach(r =>
      threads[r.dataset.thread] = r.querySelector('.thread-status').textContent);
  return {step: Number(document.body.dataset.step), execution: Number(document.body.dataset.execution),
          errors: document.getElementById('script-errors').textContent, detail, objects, threads,
          selected: [...document.querySelectorAll('#lanes-wrap .step-box.selected')].map(b => Number(b.dataset.step)),
          note: document.getElementById('shown-note').textContent};
})()"""


def state(browser):
    return browser.eval(STATE)


def open_page(browser, path):
    browser.open("file://" + path, ready="document.body.dataset.rendered")
    rendered = browser.eval("document.body.dataset.rendered")
    errors = browser.eval("document.getElementById('script-errors').textContent")
    check(rendered == "ok" and not errors, "%s: script did not render cleanly: %s" % (path, errors))


def shoot(browser, name):
    browser.screenshot(os.path.join(OUT, name + "-1400x1000.png"))
    browser.set_viewport(1024, 700)
    browser.screenshot(os.path.join(OUT, name + "-1024x700.png"))
    browser.set_viewport(1400, 1000)


def test_opens_on_headline(browser):
    _, page = run("s004_sync_threads", "html")
    open_page(browser, page)
    s = state(browser)
    print("s004_sync_threads opens on step %d: %s" % (s["step"], s["detail"]))
    check(s["detail"].get("operation", "").startswith("notify"),
          "s004_sync_threads: opens on %r, not the notify nobody heard" % s["detail"].get("operation"))
    check("LOST WAKEUP" in s["detail"].get("marked", ""),
          "s004_sync_threads: the opening step is not LOST WAKEUP's mark: %r" % s["detail"].get("marked"))
    check(s["selected"] == [s["step"]], "s004_sync_threads: the opening step's box is not selected")
    # A condition wait is drawn as a wait ("Wt"), not as the release of its lock ("U"): defect 11.
    letters = browser.eval("""[...document.querySelectorAll('#lanes-wrap .step-box')]
        .filter(b => b.querySelector('title').textContent.includes(': wait condition (releases'))
        .map(b => document.querySelector('#lanes-wrap .step-label[data-step="' + b.dataset.step + '"]').textContent)""")
    check(letters and all(letter == "Wt" for letter in letters),
          "s004_sync_threads: condition waits drawn as %r, not Wt" % letters)
    shoot(browser, "s004_sync_threads")

    _, page = run("shared_value_increment", "html")
    open_page(browser, page)
    s = state(browser)
    print("shared_value_increment opens on step %d: %s" % (s["step"], s["detail"]))
    check(s["detail"].get("thread") in ("Thread-3", "Thread-4"),
          "shared_value_increment: opens on a step of %r, not Thread-3 or Thread-4" % s["detail"].get("thread"))
    check("LOST UPDATE" in s["detail"].get("marked", ""),
          "shared_value_increment: the opening step is not the LOST UPDATE's: %r" % s["detail"].get("marked"))
    check("DATA RACE" not in s["detail"].get("marked", "").split(";")[0],
          "shared_value_increment: opens on the DATA RACE")


def test_printed_text_keeps_its_spaces(browser):
    """The seed's "Main    : all done" keeps its four spaces in the Log tab (defect 11)."""
    _, page = run("daemon_thread", "html", "--time=virtual")
    open_page(browser, page)
    shown = browser.eval("""[...document.querySelectorAll('#log-body .log-text')]
        .map(c => { const hidden = c.closest('.hidden-tab'); if (hidden) hidden.classList.remove('hidden-tab');
                    return c.innerText; })""")
    check("Main    : all done" in shown,
          "daemon_thread: the Log tab shows %r, not 'Main    : all done' with its spaces" % shown)


def test_step_through_lost_update(browser):
    _, report = run("lost_update", "json")
    with open(report) as f:
        data = json.load(f)
    lost = next(f for f in data["findings"] if f["kind"] == "LOST UPDATE")
    stale = next(m["step"] for m in lost["marks"] if "stale read" in m["label"])
    overwrite = next(m["step"] for m in lost["marks"] if "OVERWRITES" in m["label"])
    lost_write = next(m["step"] for m in lost["marks"] if m["label"].startswith("LOST"))
    _, page = run("lost_update", "html")
    open_page(browser, page)
    s = state(browser)
    check(s["step"] == overwrite, "lost_update: opens on step %d, not the overwrite %d" % (s["step"], overwrite))
    # Back to the stale read with the keyboard.
    for _ in range(s["step"] - stale):
        browser.key("ArrowLeft")
    s = state(browser)
    print("after the stale read (step %d): %s; value = %r" % (s["step"], s["detail"].get("operation"), s["objects"].get("value")))
    check(s["step"] == stale, "lost_update: ArrowLeft reached step %d, not the stale read %d" % (s["step"], stale))
    check(s["detail"].get("operation") == "read value = 0", "lost_update: the stale read is %r" % s["detail"].get("operation"))
    check(s["objects"].get("value") == "0", "lost_update: value after the stale read is %r, not 0" % s["objects"].get("value"))
    shoot(browser, "lost_update-stale-read")
    for _ in range(lost_write - stale):
        browser.key("ArrowRight")
    s = state(browser)
    check(s["step"] == lost_write and s["objects"].get("value") == "1",
          "lost_update: after the lost write (step %d) value is %r at step %d, not 1" % (lost_write, s["objects"].get("value"), s["step"]))
    for _ in range(overwrite - lost_write):
        browser.key("ArrowRight")
    s = state(browser)
    print("after the overwrite (step %d): %s; value = %r" % (s["step"], s["detail"].get("operation"), s["objects"].get("value")))
    check(s["step"] == overwrite, "lost_update: ArrowRight reached step %d, not the overwrite %d" % (s["step"], overwrite))
    check(s["detail"].get("operation") == "write value := 1", "lost_update: the overwrite is %r" % s["detail"].get("operation"))
    check(s["objects"].get("value") == "1", "lost_update: value after the overwrite is %r, not 1" % s["objects"].get("value"))
    shoot(browser, "lost_update-overwrite")
    # The ends, and play: it advances by itself, and pauses.
    browser.key("Home")
    check(state(browser)["step"] == 1, "lost_update: Home did not go to step 1")
    browser.key("ArrowLeft")
    check(state(browser)["step"] == 1, "lost_update: ArrowLeft moved before step 1")
    browser.key(" ")
    check(browser.eval("document.body.dataset.playing") == "yes", "lost_update: space did not start playing")
    try:
        browser.wait_for("Number(document.body.dataset.step) >= 3", timeout=60)
    except CdpError:
        check(False, "lost_update: playing did not advance")
    browser.click("#play")
    check(browser.eval("document.body.dataset.playing") == "no", "lost_update: the play button did not pause")
    # The seed's Python line beside the C++ line, where Result::seed_lines has the step's line.
    seed = browser.eval("""(() => { const p = JSON.parse(document.getElementById('page-data').textContent);
        const s = p.executions[0].steps.find(s => p.seed_lines[s.where]);
        return s ? [s.step, p.seed_lines[s.where]] : null; })()""")
    if seed:
        browser.key("Home")
        for _ in range(seed[0] - 1):
            browser.key("ArrowRight")
        s = state(browser)
        check(s["detail"].get("seed (Python)") == seed[1],
              "lost_update: step %d shows seed line %r, not %r" % (seed[0], s["detail"].get("seed (Python)"), seed[1]))
    else:
        print("lost_update: no seed lines in this build's result (the CLI fills Result::seed_lines)")


def test_bug_bars_red(browser):
    _, page = run("queue_event", "html")
    open_page(browser, page)
    bars = browser.eval("""[...document.querySelectorAll('#outcome-chart .bar')].map(b =>
        [b.dataset.outcome, getComputedStyle(b).fill])""")
    fills = dict(bars)
    print("queue_event bars: %s" % fills)
    red = "rgb(211, 47, 47)"
    for outcome in ("(deadlock before the outcome)", "qsize=1"):
        check(fills.get(outcome) == red, "queue_event: the %s bar is %s, not red" % (outcome, fills.get(outcome)))
    check(fills.get("qsize=0") not in (None, red), "queue_event: the qsize=0 bar is %s" % fills.get("qsize=0"))
    before = state(browser)["execution"]
    browser.click('#outcome-chart .bar[data-outcome="qsize=1"]')
    s = state(browser)
    check(s["execution"] != before and "ends in qsize=1" in s["note"],
          "queue_event: clicking the qsize=1 bar did not show an execution that ends in it: %r" % s["note"])
    shoot(browser, "queue_event-qsize1")
    browser.click("#back")
    check(state(browser)["execution"] == 0, "queue_event: 'back to the counterexample' did not go back")


def test_pass_shows_execution(browser):
    code, page = run("s004_sync_threads", "html", "--time=virtual")
    check(code == 0, "s004_sync_threads --time=virtual: exit %d, not a PASS" % code)
    open_page(browser, page)
    s = state(browser)
    boxes = browser.eval("document.querySelectorAll('#lanes-wrap .step-box').length")
    print("PASS page: %d step boxes, opens on step %d, threads %s" % (boxes, s["step"], s["threads"]))
    check(boxes > 0, "PASS: no execution shown")
    check(len(s["threads"]) == 4, "PASS: the state panel lists %d threads, not 4" % len(s["threads"]))
    browser.key("End")
    s = state(browser)
    check(all(v == "finished" for v in s["threads"].values()), "PASS: at the end not every thread finished: %s" % s["threads"])
    # Sleeps from their start to their wake-up, and the virtual clock under the lanes.
    spans = browser.eval("""[...document.querySelectorAll('#lanes-wrap .sleep-span')].map(r => {
        const wake = document.querySelector('#lanes-wrap .step-box[data-step="' + r.dataset.sleep + '"]');
        return [Number(r.getAttribute('x')), Number(r.getAttribute('width')), Number(wake.getAttribute('x'))]; })""")
    check(len(spans) >= 2, "PASS: %d sleep bars, not at least 2" % len(spans))
    for x, width, wake in spans:
        check(x < wake and x + width >= wake, "PASS: a sleep bar [%s, %s] does not end at its wake-up %s" % (x, x + width, wake))
    times = browser.eval("[...document.querySelectorAll('#lanes-wrap .axis.time')].map(t => t.textContent)")
    check("0.200 s" in times and "0.400 s" in times, "PASS: the virtual clock is not shown: %s" % times)
    shoot(browser, "s004_sync_threads-virtual-pass")
    # (e) The Log tab.
    browser.click("#tab-log")
    rows = browser.eval("""[...document.querySelectorAll('#log-body tr')].filter(r => r.offsetParent !== null)
        .map(r => [...r.children].map(c => c.textContent))""")
    print("log: %d lines, first %s" % (len(rows), rows[:2]))
    check(len(rows) >= 4, "Log tab: %d visible lines" % len(rows))
    check(all(r[0].endswith(" s") and r[1] for r in rows), "Log tab: a line lacks its time or thread: %s" % rows[:3])
    shoot(browser, "s004_sync_threads-virtual-log")
    # (f) Print: the lanes in rows that fit A4 (about 720 px at 96 dpi), the log and the detail shown.
    browser.emulate_print(True)
    printed = browser.eval("""(() => ({
        rows: [...document.querySelectorAll('#lanes-print svg')].map(s => s.getBoundingClientRect().width),
        screenLanes: getComputedStyle(document.getElementById('lanes-wrap')).display,
        log: document.getElementById('log-panel').offsetParent !== null,
        detail: document.getElementById('detail').offsetParent !== null}))()""")
    browser.emulate_print(False)
    print("print: %s" % printed)
    check(len(printed["rows"]) >= 2 and max(printed["rows"]) <= 730,
          "print: the lanes do not wrap into A4-wide rows: %s" % printed["rows"])
    check(printed["screenLanes"] == "none" and printed["log"] and printed["detail"],
          "print: the log or the step detail is not printed: %s" % printed)
    pdf = browser.print_pdf(os.path.join(OUT, "s004_sync_threads-virtual.pdf"))
    with open(pdf, "rb") as f:
        check(f.read(5) == b"%PDF-", "print: no PDF written")


def test_pass_trace():
    code, path = run("s004_sync_threads", "trace", "--time=virtual")
    check(code == 0, "trace of a PASS: exit %d" % code)
    with open(path) as f:
        trace = json.load(f)
    steps = [e for e in trace["traceEvents"] if e["ph"] == "X"]
    check(len(steps) > 0, "trace of a PASS: no steps")
    sleeps = [e for e in steps if e["args"]["operation"] == "sleep"]
    check(len(sleeps) >= 2, "trace: %d sleeps" % len(sleeps))
    for e in sleeps:
        wake = e["args"]["virtual_time_us"]
        check(e["ts"] < wake <= e["ts"] + e["dur"] and e["dur"] >= 100000,
              "trace: the sleep %s spans [%d, %d], not from its start to its wake-up at %d" %
              (e["name"], e["ts"], e["ts"] + e["dur"], wake))
    check(all(e["ts"] >= e["args"]["virtual_time_us"] for e in steps if e["args"]["operation"] != "sleep"),
          "trace: a step drawn before its virtual time")
    check(max(e["ts"] for e in steps) >= 400000, "trace: the time axis is not the virtual clock")
    print("trace: %d steps, %d sleeps, axis %s" % (len(steps), len(sleeps), trace["otherData"]["time_axis"]))


def main():
    with Browser(width=1400, height=1000) as browser:
        for test in (test_opens_on_headline, test_printed_text_keeps_its_spaces,
                     test_step_through_lost_update, test_bug_bars_red, test_pass_shows_execution):
            print("== " + test.__name__, flush=True)
            try:
                test(browser)
            except CdpError as e:
                check(False, "%s: %s" % (test.__name__, e))
    print("== test_pass_trace", flush=True)
    test_pass_trace()
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("every check held; screenshots in %s" % OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
