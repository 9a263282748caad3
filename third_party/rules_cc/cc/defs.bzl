"""Offline stand-in for @rules_cc//cc:defs.bzl.

Re-exports the C++ rules that are built into Bazel 4.2.3, so that BUILD files
(ours and @bazel_tools') can `load("@rules_cc//cc:defs.bzl", ...)` without
fetching anything.
"""

def _add_tags(attrs):
    return attrs

def cc_binary(**attrs):
    native.cc_binary(**_add_tags(attrs))

def cc_test(**attrs):
    native.cc_test(**_add_tags(attrs))

def cc_library(**attrs):
    native.cc_library(**_add_tags(attrs))

def cc_import(**attrs):
    native.cc_import(**_add_tags(attrs))

def cc_proto_library(**attrs):
    native.cc_proto_library(**_add_tags(attrs))

def fdo_prefetch_hints(**attrs):
    native.fdo_prefetch_hints(**_add_tags(attrs))

def fdo_profile(**attrs):
    native.fdo_profile(**_add_tags(attrs))

def cc_toolchain(**attrs):
    native.cc_toolchain(**_add_tags(attrs))

def cc_toolchain_suite(**attrs):
    native.cc_toolchain_suite(**_add_tags(attrs))

def objc_library(**attrs):
    native.objc_library(**_add_tags(attrs))

def objc_import(**attrs):
    native.objc_import(**_add_tags(attrs))
