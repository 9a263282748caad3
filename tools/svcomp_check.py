#!/usr/bin/env python3
"""Checks SV-COMP verification tasks with interleave and compares with their expected verdicts.

    tools/svcomp_check.py [options] ROOT FOLDER...

ROOT is a checkout of sv-benchmarks (or any tree laid out like it); each FOLDER is a folder of
task definitions under it ("c/pthread-ext", or "pthread-ext" for ROOT/c/pthread-ext). For each
task (a .yml file, format 1.0-2.x) with the property unreach-call or no-data-race, the runner
compiles the task's program with `interleave cc`, explores it with `interleave exec` and maps
the result to SV-COMP's answer:

  unreach-call  false: an execution called reach_error() (or __VERIFIER_error()); the report's
                ASSERTION FAILED finding names it.
                true:  the search was exhaustive and no execution called it.
  no-data-race  false: a DATA RACE finding.  true: exhaustive, no DATA RACE.
  anything else unknown, with the reason (time bound, a thread spinning without a visible step
                so the run had to be killed, nondeterministic values, a crash, a compile error).

What the other findings mean for these properties (SV-COMP's property files: unreach-call is
`G ! call(reach_error())`, no-data-race is `G ! data-race`):
- A DATA RACE is not a call of reach_error: for unreach-call it is noted in the classes column
  and changes nothing (the execution goes on after the race, so a reach_error behind it is
  still found).
- abort() ends an SV-COMP path without an error (assume_abort_if_not): interleave reports it as
  CRASH (SIGABRT), which ends that execution only; it is not a violation of either property.
  But the search does not explore the orders such an end cut off (the other threads'
  operations not yet performed get no backtrack points: checker/dpor.cc), so a search with an
  execution that ended in a failure (CRASH, an assertion, an uncaught exception, a lock misuse)
  answers false when it found the property's violation and unknown otherwise, never true.
- A DEADLOCK, or a thread still blocked at exit, ends a path without reaching reach_error: not a
  violation either.
- An ASSERTION FAILED that does not name reach_error/__VERIFIER_error (a plain assert()) is in
  SV-COMP an abort, but the report cannot always tell which assertion failed: unknown.
- Any other CRASH (SIGSEGV, SIGFPE: undefined behaviour in SV-COMP): unknown.

Since those other findings must not end the search, the runner does not pass
--stop-on-first-bug unless asked (--stop-on-first-bug: then a search that stopped at a finding
that is not the property's is unknown).

Inputs: SV-COMP's .i files were preprocessed against 32-bit glibc headers (data_model ILP32),
whose pthread types do not match the 64-bit runtime's; where the .c the .i came from lies
beside it (same name), the runner compiles the .c (--source=prefer-c, the default). The
programs are compiled for x86-64 (LP64) either way.

SV-COMP's atomic sections (__VERIFIER_atomic_begin/end, __VERIFIER_atomic_* functions): the
runtime runs a section with no other thread in between, its accesses steps without scheduling
points of their own, so the search reverses a race with any of them at the section's begin
(instrumented/runtime.cc "SV-COMP") and runs each section before and after the other threads'
conflicting accesses: a program with sections is answered as any other. A plain access that
can run next to a section's access to the same variable, one of them a write, is a DATA RACE.

The runtime gives __VERIFIER_nondet_* the values 0, 1 and 2 only (README "Unmodified
programs"), so an exhaustive search of a program that calls one proves nothing about the other
values: such a PASS is unknown here, never true.

Programs are compiled with -fgnu89-inline (SV-COMP's C has `inline` functions without an
external definition, which verifiers accept and a C99 link does not) and with
-finstrument-functions, so that the runtime sees every call of
reach_error, including an empty `void reach_error(){}` followed by abort() (the TSan
instrumentation alone gives such a function no entry hook).

Exit status: 0 when no answer is wrong (unknowns are listed, not failures), 1 when some answer
is wrong, 2 on bad usage or when no task was found.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

PROPERTIES = ("unreach-call", "no-data-race")
REACH_NAMES = ("reach_error", "__VERIFIER_error")
# Findings that end their execution the way a dying process would (model/trace.h kFailure,
# kMisuse). The search races the other threads' next operations, cut off by such an end, with
# what they depend on (checker/dpor.cc AddBacktrackPoints), but what a thread would have done
# after a next operation on no object (a log) stays unseen, so the orders in which that runs
# first are not all explored: with such an end in the search, "exhaustive" is no proof.
ENDING_KINDS = {"CRASH", "ASSERTION FAILED", "UNCAUGHT EXCEPTION", "LOCK MISUSE"}


def parse_task(text):
    """The parts of a task definition the runner needs: input files and (property, verdict).

    A small reader for the task-definition format (YAML, format_version 1.0-2.x): top-level
    `input_files` (a string or a list) and `properties` (a list of mappings with property_file
    and expected_verdict). Raises ValueError on anything it cannot read.
    """
    inputs = []
    properties = []
    section = None
    current = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        if indent == 0:
            current = None
            key, _, value = body.partition(":")
            section = key.strip()
            value = value.strip()
            if section == "input_files" and value:
                if value.startswith("["):
                    inputs.extend(
                        v.strip().strip("'\"") for v in value.strip("[]").split(",") if v.strip())
                else:
                    inputs.append(value.strip("'\""))
            continue
        if section == "input_files" and body.startswith("-"):
            inputs.append(body[1:].strip().strip("'\""))
        elif section == "properties":
            if body.startswith("-"):
                current = {}
                properties.append(current)
                body = body[1:].strip()
                if not body:
                    continue
            if current is None:
                raise ValueError("a property entry outside a list item")
            key, _, value = body.partition(":")
            current[key.strip()] = value.strip().strip("'\"")
    if not inputs:
        raise ValueError("no input_files")
    result = []
    for entry in properties:
        if "property_file" not in entry:
            raise ValueError("a property without property_file")
        name = os.path.basename(entry["property_file"])
        if name.endswith(".prp"):
            name = name[:-4]
        verdict = entry.get("expected_verdict")
        if verdict not in (None, "true", "false"):
            raise ValueError("expected_verdict is neither true nor false: %s" % verdict)
        result.append((name, verdict))
    return inputs, result


def choose_source(task_dir, input_file, mode):
    """The file to compile for `input_file`, and a note on the choice."""
    path = os.path.normpath(os.path.join(task_dir, input_file))
    if mode == "prefer-c" and path.endswith(".i"):
        c_file = path[:-2] + ".c"
        if os.path.isfile(c_file):
            return c_file, "the .c beside the task's .i"
    return path, ""


def summaries(report):
    """(kind, summary) of every finding the JSON report shows: the counterexample's and each
    example execution's."""
    seen = []
    for finding in report.get("findings") or []:
        seen.append((finding.get("kind", ""), finding.get("summary", "")))
    for example in report.get("examples") or []:
        for finding in example.get("findings") or []:
            if isinstance(finding, dict):
                seen.append((finding.get("kind", ""), finding.get("summary", "")))
    return seen


def names_reach(summary):
    return any(name in summary for name in REACH_NAMES)


def classify(report, prop, uses_nondet, stop_on_first_bug):
    """SV-COMP's answer ('true', 'false' or 'unknown') for one property, and the reason."""
    verdict = report.get("verdict", "")
    stats = report.get("statistics") or {}
    counts = {c.get("kind"): c.get("executions", 0) for c in report.get("finding_counts") or []}
    shown = summaries(report)
    kinds = set(counts) | {kind for kind, _ in shown}
    if verdict == "ERROR":
        return "unknown", "ERROR: %s" % (report.get("error") or "the model's rules were broken")
    if prop == "unreach-call":
        if any(kind == "ASSERTION FAILED" and names_reach(summary) for kind, summary in shown):
            return "false", "reach_error() called"
        if "ASSERTION FAILED" in kinds:
            return "unknown", "an assertion failed that the report does not show as reach_error"
    else:
        if "DATA RACE" in kinds:
            return "false", "DATA RACE"
    crashes = [s for k, s in shown if k == "CRASH" and "SIGABRT" not in s]
    if crashes:
        return "unknown", "crash (undefined behaviour in SV-COMP): %s" % crashes[0]
    if "CRASH" in counts and not any(k == "CRASH" for k, _ in shown):
        return "unknown", "a crash the report does not describe"
    if stop_on_first_bug and verdict == "BUG":
        return "unknown", "--stop-on-first-bug stopped the search at %s" % ", ".join(sorted(kinds))
    if not stats.get("exhaustive"):
        bound = stats.get("bound_hit", "none")
        why = report.get("coverage") or "not exhaustive"
        if bound and bound != "none":
            why = "bound hit: %s (%s)" % (bound, why)
        return "unknown", why
    if stats.get("step_bound_hits"):
        return "unknown", "%d executions hit the step bound" % stats["step_bound_hits"]
    ended = sorted(ENDING_KINDS & set(counts))
    if ended:
        return "unknown", ("exhaustive, but executions ended in %s, and the orders of the other "
                           "threads that such an end cut off are not explored beyond their next "
                           "operation" % ", ".join(ended))
    if uses_nondet:
        return "unknown", "exhaustive, but __VERIFIER_nondet_* only took the values 0, 1, 2"
    return "true", "exhaustive"


def class_text(report):
    stats = report.get("statistics") or {}
    executions = stats.get("executions", 0)
    counts = report.get("finding_counts") or []
    kinds = ", ".join("%s x%d" % (c.get("kind"), c.get("executions", 0)) for c in counts)
    return "%d%s" % (executions, " (%s)" % kinds if kinds else "")


def find_tasks(root, folder):
    for candidate in (os.path.join(root, folder), os.path.join(root, "c", folder)):
        if os.path.isdir(candidate):
            return candidate, sorted(
                os.path.join(candidate, name) for name in os.listdir(candidate)
                if name.endswith(".yml"))
    return None, []


def run(command, timeout, cwd=None):
    start = time.monotonic()
    try:
        completed = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=timeout, text=True,
                                   errors="replace")
        return completed.returncode, completed.stdout, completed.stderr, \
            time.monotonic() - start, False
    except subprocess.TimeoutExpired as expired:
        out = expired.stdout or ""
        err = expired.stderr or ""
        if isinstance(out, bytes):
            out = out.decode(errors="replace")
        if isinstance(err, bytes):
            err = err.decode(errors="replace")
        return None, out, err, time.monotonic() - start, True


def last_line(text):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def check_task(yml, args, work):
    """Rows (task, property, expected, ours, classes, seconds, reason) for one task file."""
    name = os.path.splitext(os.path.basename(yml))[0]
    folder = os.path.basename(os.path.dirname(yml))
    task = "%s/%s" % (folder, name)
    try:
        with open(yml, encoding="utf-8") as handle:
            inputs, properties = parse_task(handle.read())
    except (OSError, ValueError, UnicodeDecodeError) as error:
        return [(task, "?", "?", "unknown", "", 0.0, "unreadable task: %s" % error)]
    wanted = [(p, v) for p, v in properties if p in PROPERTIES and v is not None]
    if not wanted:
        return []
    sources = []
    notes = []
    for input_file in inputs:
        source, note = choose_source(os.path.dirname(yml), input_file, args.source)
        if not os.path.isfile(source):
            return [(task, p, v, "unknown", "", 0.0, "input file missing: %s" % input_file)
                    for p, v in wanted]
        sources.append(source)
        if note:
            notes.append(note)
    uses_nondet = False
    for source in sources:
        with open(source, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        uses_nondet |= "__VERIFIER_nondet_" in text
    binary = os.path.join(work, re.sub(r"[^A-Za-z0-9_.-]", "_", task))
    compile_command = [args.interleave, "cc", "-o", binary] + sources + [
        "-finstrument-functions", "-fgnu89-inline", "-w"] + args.cflag
    code, out, err, seconds, timed_out = run(compile_command, args.compile_timeout)
    if timed_out or code != 0:
        why = "compile timed out" if timed_out else "compile failed: %s" % last_line(err or out)
        return [(task, p, v, "unknown", "", seconds, why) for p, v in wanted]
    report_path = binary + ".json"
    exec_command = [args.interleave, "exec", "--max-seconds=%g" % args.max_seconds,
                    "--report=json", "--out=%s" % report_path, "--no-progress"]
    if args.stop_on_first_bug:
        exec_command.append("--stop-on-first-bug")
    exec_command += ["--", binary]
    if os.path.exists(report_path):
        os.remove(report_path)
    code, out, err, seconds, timed_out = run(exec_command, args.max_seconds + args.kill_margin)
    rows = []
    if timed_out:
        why = ("killed after %.0f s (--max-seconds=%g could not stop it: a thread looping "
               "without a visible step, e.g. spinning on a local)" % (seconds, args.max_seconds))
        return [(task, p, v, "unknown", "", seconds, why) for p, v in wanted]
    try:
        with open(report_path, encoding="utf-8") as handle:
            report = json.load(handle)
    except (OSError, ValueError) as error:
        why = "no report (exit %s): %s" % (code, last_line(err) or error)
        return [(task, p, v, "unknown", "", seconds, why) for p, v in wanted]
    for prop, expected in wanted:
        ours, reason = classify(report, prop, uses_nondet, args.stop_on_first_bug)
        if notes:
            reason += "; compiled " + ", ".join(sorted(set(notes)))
        # Wall time of the exec run (the report's own seconds leave out a search the watchdog
        # gave up on).
        rows.append((task, prop, expected, ours, class_text(report), seconds, reason))
    return rows


def main(argv):
    parser = argparse.ArgumentParser(
        description="Check SV-COMP tasks (unreach-call, no-data-race) with interleave.")
    parser.add_argument("root", help="the sv-benchmarks checkout (or a tree laid out like it)")
    parser.add_argument("folders", nargs="+", help="task folders: c/pthread-ext or pthread-ext")
    parser.add_argument("--interleave", default=None,
                        help="the interleave command (default: ./interleave beside tools/)")
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="exec's --max-seconds per task (default 60)")
    parser.add_argument("--kill-margin", type=float, default=30.0,
                        help="seconds past --max-seconds before a run is killed (default 30)")
    parser.add_argument("--compile-timeout", type=float, default=600.0)
    parser.add_argument("--source", choices=("prefer-c", "input"), default="prefer-c",
                        help="prefer-c: compile the .c beside a task's .i when there is one")
    parser.add_argument("--stop-on-first-bug", action="store_true")
    parser.add_argument("--cflag", action="append", default=[],
                        help="an extra compiler flag (repeatable)")
    parser.add_argument("--work", default=None, help="where binaries and reports go")
    args = parser.parse_args(argv)
    if args.interleave is None:
        args.interleave = os.path.join(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))), "interleave")
    if not os.path.isdir(args.root):
        print("svcomp_check: no such directory: %s" % args.root, file=sys.stderr)
        return 2
    tasks = []
    for folder in args.folders:
        directory, found = find_tasks(args.root, folder)
        if directory is None:
            print("svcomp_check: no folder %s under %s" % (folder, args.root), file=sys.stderr)
            return 2
        tasks.extend(found)
    work = args.work or tempfile.mkdtemp(prefix="svcomp_check.")
    os.makedirs(work, exist_ok=True)
    rows = []
    header = ("task", "property", "expected", "ours", "executions (findings)", "seconds",
              "reason")
    print("\t".join(header))
    for yml in tasks:
        for row in check_task(yml, args, work):
            rows.append(row)
            task, prop, expected, ours, classes, seconds, reason = row
            mark = ""
            if ours != "unknown":
                mark = " OK" if ours == expected else " WRONG"
            print("%s\t%s\t%s\t%s%s\t%s\t%.1f\t%s" % (task, prop, expected, ours, mark, classes,
                                                       seconds, reason), flush=True)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    if not rows:
        print("svcomp_check: no task with unreach-call or no-data-race", file=sys.stderr)
        return 2
    agree = [r for r in rows if r[3] != "unknown" and r[3] == r[2]]
    wrong = [r for r in rows if r[3] != "unknown" and r[3] != r[2]]
    unknown = [r for r in rows if r[3] == "unknown"]
    print("summary: %d checks in %d tasks: %d agree (%d true, %d false), %d wrong, %d unknown" %
          (len(rows), len({r[0] for r in rows}), len(agree),
           sum(1 for r in agree if r[3] == "true"), sum(1 for r in agree if r[3] == "false"),
           len(wrong), len(unknown)))
    for row in wrong:
        print("WRONG: %s %s: expected %s, ours %s (%s)" % (row[0], row[1], row[2], row[3],
                                                           row[6]))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
