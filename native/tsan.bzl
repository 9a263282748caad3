"""The ThreadSanitizer cross-check tests of native scenarios (native/tsan_check.cc)."""

load("@rules_cc//cc:defs.bzl", "cc_test")

def _tsan_check_test(name, scenario, runs, check):
    """native/tsan_check.cc on `runs` runs of `scenario`; `check`: what TSan must report."""
    cc_test(
        name = name,
        size = "medium",
        args = [
            "--runner",
            "$(location :run_native)",
            "--scenario",
            scenario,
            "--runs",
            str(runs),
        ] + check,
        data = [":run_native"],
        tags = ["tsan_only"],
        deps = [":tsan_check"],
    )

def tsan_race_test(name, scenario, variable, source, runs = 5):
    """TSan must report a data race on Shared `variable`, from `source`, in `runs` runs."""
    _tsan_check_test(name, scenario, runs, ["--race", variable, "--source", source])

def tsan_clean_test(name, scenario, runs = 20):
    """TSan must report nothing in `runs` runs of `scenario` (a verified fix)."""
    _tsan_check_test(name, scenario, runs, ["--clean"])

def tsan_check_fails_test(name, check, scenario, variable, source, runs = 5):
    """The race check `check` (a tsan_race_test), asked for a race on `variable` in the fix
    `scenario`, must fail because TSan reported no race (native/tsan_check_fails_test.sh)."""
    native.sh_test(
        name = name,
        size = "medium",
        srcs = [":tsan_check_fails_test.sh"],
        args = [
            "$(location %s)" % check,
            "$(location :run_native)",
            scenario,
            variable,
            source,
            str(runs),
        ],
        data = [
            check,
            ":run_native",
        ],
        tags = ["tsan_only"],
    )
