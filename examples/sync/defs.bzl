"""sync_library: one component's source, built for production and for the checker."""

load("@rules_cc//cc:defs.bzl", "cc_library")

def sync_library(name, srcs = [], hdrs = [], deps = [], **kwargs):
    """Two cc_libraries from the same files: `name` (sync:: is std) and `name_checked`
    (sync:: is interleave's std mirror). `deps` are other sync_library names (their _checked
    twin goes to the checked one) or plain libraries."""
    cc_library(
        name = name,
        srcs = srcs,
        hdrs = hdrs,
        deps = deps + ["//sync"],
        **kwargs
    )
    cc_library(
        name = name + "_checked",
        srcs = srcs,
        hdrs = hdrs,
        deps = [d + "_checked" for d in deps] + ["//sync:checked"],
        **kwargs
    )
