"""The cc_test rule of the primitives' test packages (tests/sync, tests/data, tests/tasks)."""

load("@rules_cc//cc:defs.bzl", "cc_test")

def explore_tests(names, sizes = {}):
    """One cc_test a name, built from <name>.cc with the model, the checker and :explore.

    Args:
      names: the tests' names; each is also its source file's name without ".cc".
      sizes: for a test that is not small, its (size, shard_count).
    """
    for name in names:
        size, shards = sizes.get(name, ("small", None))
        cc_test(
            name = name,
            size = size,
            shard_count = shards,
            srcs = [name + ".cc"],
            deps = [
                "//checker",
                "//model",
                "//tests/testing:explore",
                "//third_party:gtest_main",
            ],
        )
