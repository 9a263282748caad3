"""The repositories a user's workspace needs to build against @interleave, offline.

In the user's WORKSPACE (README, "Use it in your project"):

    local_repository(
        name = "interleave",
        path = "/path/to/interleave",   # the interleave checkout
    )

    load("@interleave//:deps.bzl", "interleave_dependencies")

    interleave_dependencies()

interleave_dependencies() declares what interleave's BUILD files and Bazel 4.2.3's own test
rules load, each only when the workspace does not have it already (native.existing_rule):

  - rules_cc: a stand-in that re-exports Bazel's native C++ rules (third_party/rules_cc);
  - rules_java: Debian's bazel-rules-java (/usr/share/bazel/rules/java);
  - remote_coverage_tools: empty filegroups @bazel_tools//tools/test refers to
    (third_party/remote_coverage_tools);
  - googletest: built from Debian's googletest source package (/usr/src/googletest) with
    interleave's BUILD file; a user's test may depend on @googletest//:gtest_main.

Where interleave is. The two stand-ins live inside the interleave checkout, wherever the user
put it, and a WORKSPACE macro cannot know that path (local_repository's relative paths are the
user's workspace's). So they are declared by a small repository rule, interleave_directory,
whose default attribute is a label of this repository's own WORKSPACE file: Label() in this
file resolves to the repository that holds it, under whatever name the user gave it, and
repository_ctx.path() of that label is the file in the checkout. The rule links the
directory's entries into its repository. Nothing is fetched: everything is on this machine.
"""

def _interleave_directory_impl(repository_ctx):
    root = repository_ctx.path(repository_ctx.attr.anchor).dirname
    source = root
    for part in repository_ctx.attr.path.split("/"):
        source = source.get_child(part)
    if not source.exists:
        fail("interleave_directory: %s does not exist (is the interleave checkout whole?)" %
             source)
    for entry in source.readdir():
        repository_ctx.symlink(entry, entry.basename)

interleave_directory = repository_rule(
    implementation = _interleave_directory_impl,
    attrs = {
        "path": attr.string(
            mandatory = True,
            doc = "The directory, relative to the interleave checkout's root.",
        ),
        "anchor": attr.label(
            default = Label("//:WORKSPACE"),
            allow_single_file = True,
            doc = "A file at the checkout's root: interleave's own WORKSPACE.",
        ),
    },
    local = True,
    doc = "A repository made of a directory of the interleave checkout.",
)

def interleave_dependencies():
    """Declares the repositories @interleave needs that the workspace does not have."""
    if not native.existing_rule("rules_cc"):
        interleave_directory(
            name = "rules_cc",
            path = "third_party/rules_cc",
        )
    if not native.existing_rule("rules_java"):
        native.local_repository(
            name = "rules_java",
            path = "/usr/share/bazel/rules/java",
        )
    if not native.existing_rule("remote_coverage_tools"):
        interleave_directory(
            name = "remote_coverage_tools",
            path = "third_party/remote_coverage_tools",
        )
    if not native.existing_rule("googletest"):
        native.new_local_repository(
            name = "googletest",
            build_file = str(Label("//third_party:googletest.BUILD")),
            path = "/usr/src/googletest",
        )
