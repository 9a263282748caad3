"""interleave_cc_test: an unmodified C/C++ program, checked by interleave in CI (issue 17).

    load("//instrumented:defs.bzl", "interleave_cc_test")

    interleave_cc_test(
        name = "lost_update_test",
        srcs = ["lost_update.c"],
        expect = "bug",
    )

compiles `srcs` with g++'s -fsanitize=thread instrumentation (no libtsan), links them against
libinterleave_rt.so, and runs the program's exploration (`interleave run` over its main());
the test passes when the verdict is PASS (expect = "pass"), BUG (expect = "bug"), ERROR
(expect = "error": a program the checker must refuse to vouch for) or INCOMPLETE (expect =
"incomplete": a search bounded by `options`, whose report is checked). `options` are run options
(--strategy, --max-executions, --time, ...); any other verdict fails the test. The output (the
program's and the report) must also hold each text of `report_has`, none of `report_lacks`,
and each of `report_once` exactly once (fixed strings, within one line). The program keeps its
assert()s in every compilation mode (-UNDEBUG, also under `-c opt`); an SV-COMP atomic
function the optimiser inlined makes the verdict ERROR (build such programs without -O2, or
keep those functions out of line).
"""

def _quoted(arg):
    # A test's args are split as a shell would: one argument, spaces and all.
    return "'" + arg.replace("'", "'\\''") + "'"

def interleave_cc_test(
        name,
        srcs,
        deps = [],
        expect = "pass",
        options = [],
        copts = [],
        report_has = [],
        report_lacks = [],
        report_once = [],
        size = "small",
        **kwargs):
    if expect not in ("pass", "bug", "error", "incomplete"):
        fail("interleave_cc_test: expect must be \"pass\", \"bug\", \"error\" or \"incomplete\", not %r" % expect)
    native.cc_binary(
        name = name + "_program",
        srcs = srcs + ["//instrumented:libinterleave_rt.so"],
        deps = deps + ["//instrumented:outcome"],
        # -UNDEBUG: `bazel test -c opt` compiles with -DNDEBUG, which would take out the
        # program's assert()s, the checks the search is for, and leave a PASS that checked
        # nothing they said.
        copts = ["-fsanitize=thread", "-g", "-UNDEBUG"] + copts,
        linkopts = ["-rdynamic"],
        testonly = True,
    )
    native.sh_test(
        name = name,
        srcs = ["//instrumented:verdict_test.sh"],
        args = ["$(location :%s_program)" % name, expect] +
               [_quoted("--report-has=" + text) for text in report_has] +
               [_quoted("--report-lacks=" + text) for text in report_lacks] +
               [_quoted("--report-once=" + text) for text in report_once] + options,
        data = [":%s_program" % name],
        size = size,
        # The model's fibers, as the CLI's tests.
        tags = kwargs.pop("tags", []) + ["notsan"],
        **kwargs
    )
