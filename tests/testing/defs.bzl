"""The cc_test rule of the primitives' test packages (tests/sync, tests/data, tests/tasks)."""

load("@rules_cc//cc:defs.bzl", "cc_test")

def explore_tests(names):
    """One small cc_test a name, built from <name>.cc with the model, the checker and :explore.

    Args:
      names: the tests' names; each is also its source file's name without ".cc".
    """
    for name in names:
        cc_test(
            name = name,
            size = "small",
            srcs = [name + ".cc"],
            deps = [
                "//checker",
                "//model",
                "//tests/testing:explore",
                "//third_party:gtest_main",
            ],
        )
