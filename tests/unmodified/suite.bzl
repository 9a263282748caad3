"""The unmodified programs of tests/unmodified as Bazel tests.

PROGRAMS mirrors programs.txt (manifest_test checks that they agree). Each program gets a
compile test (g++'s -fsanitize=thread instrumentation: valid C/C++ for the instrumented build)
and, unless NOT_YET_CHECKED says why not, a `_check` test (interleave_cc_test) that needs the
checker's verdict: PASS for a correct program, BUG for a buggy one.
"""

load("//instrumented:defs.bzl", "interleave_cc_test")

# (file, verdict, category), as in programs.txt.
PROGRAMS = [
    ("atomic_01_peterson.c", "pass", "pthread-atomic"),
    ("atomic_02_peterson_turn_first.c", "assertion", "pthread-atomic"),
    ("atomic_03_dekker.c", "pass", "pthread-atomic"),
    ("atomic_04_check_then_flag.c", "assertion", "pthread-atomic"),
    ("atomic_05_rwlock_atomic.c", "pass", "pthread-atomic"),
    ("atomic_06_rwlock_split.c", "assertion", "pthread-atomic"),
    ("atomic_07_peterson_acq_rel.c", "assertion", "pthread-atomic/weak-memory"),
    ("ext_01_inc_lock.c", "pass", "pthread-ext"),
    ("ext_02_split_increment.c", "assertion", "pthread-ext"),
    ("ext_03_cas_increment.c", "pass", "pthread-ext"),
    ("ext_04_tas_lock.c", "pass", "pthread-ext"),
    ("ext_05_test_then_set.c", "assertion", "pthread-ext"),
    ("ext_06_ticket_lock.c", "pass", "pthread-ext"),
    ("ext_07_ticket_split.c", "assertion", "pthread-ext"),
    ("ext_08_stack_cas.c", "pass", "pthread-ext"),
    ("ext_09_stack_no_cas.c", "assertion", "pthread-ext"),
    ("ext_10_fmax_cas.c", "pass", "pthread-ext"),
    ("ext_11_fmax_check_then_set.c", "assertion", "pthread-ext"),
    ("ext_12_two_lock_queue.c", "pass", "pthread-ext"),
    ("ldv_01_unlocked_read.c", "data-race", "ldv-races"),
    ("ldv_02_locked_fields.c", "pass", "ldv-races"),
    ("ldv_03_write_after_unlock.c", "data-race", "ldv-races"),
    ("ldv_04_heap_refcount.c", "data-race", "ldv-races"),
    ("ldv_05_init_after_create.c", "data-race", "ldv-races"),
    ("ldv_06_init_before_create.c", "pass", "ldv-races"),
    ("ldv_07_nondet_unlocked_path.c", "data-race", "ldv-races"),
    ("ldv_08_heap_locked.c", "pass", "ldv-races"),
    ("lit_01_prodcons_cond.c", "pass", "pthread-lit"),
    ("lit_02_lost_wakeup.c", "deadlock", "pthread-lit"),
    ("lit_03_lock_order.c", "deadlock", "pthread-lit"),
    ("lit_04_lock_order_fixed.c", "pass", "pthread-lit"),
    ("lit_05_barrier.c", "pass", "pthread-lit"),
    ("lit_06_barrier_count.c", "deadlock", "pthread-lit"),
    ("lit_07_semaphore_pool.c", "pass", "pthread-lit"),
    ("lit_08_semaphore_too_wide.c", "assertion", "pthread-lit"),
    ("lit_09_dcl_atomic.c", "pass", "pthread-lit"),
    ("lit_10_dcl_plain.c", "data-race", "pthread-lit"),
    ("lit_11_use_after_clear.c", "crash", "pthread-lit"),
    ("lit_12_divide_by_zero.c", "crash", "pthread-lit"),
    ("lit_13_recursive_mutex.c", "pass", "pthread-lit"),
    ("lit_14_self_deadlock.c", "deadlock", "pthread-lit"),
    ("lit_15_rwlock.c", "pass", "pthread-lit"),
    ("lit_16_signal_not_broadcast.c", "deadlock", "pthread-lit"),
    ("lit_17_wait_with_if.c", "assertion", "pthread-lit"),
    ("lit_18_pthread_once.c", "pass", "pthread-lit"),
    ("lit_19_trylock_fallback.c", "pass", "pthread-lit"),
    ("lit_20_c11_threads.c", "pass", "pthread-lit"),
    ("seed_000e_lost_update.cc", "data-race|assertion", "seed/000.e"),
    ("seed_000f_locked_update.cc", "pass", "seed/000.f"),
    ("seed_001p_one_terminator.cc", "deadlock", "seed/001.p"),
    ("seed_001r_terminator_per_consumer.cc", "pass", "seed/001.r"),
    ("seed_004a_fix_stop_sentinels.cc", "pass", "seed/004.a-fix"),
    ("seed_004a_workers_never_stop.cc", "deadlock", "seed/004.a"),
]

# Programs not yet checked by interleave_cc_test in `bazel test`, and why (measured with
# `interleave cc` + `interleave exec --max-seconds=60`, -c opt, 2026-12-04). The others are checked: their
# compile test, and a `_check` test that needs the verdict (PASS, or BUG for a bug).
NOT_YET_CHECKED = {
    "seed_004a_fix_stop_sentinels.cc": "PASS exhaustive in 32,004 classes in 24 s with -c opt, but the test build's runtime (fastbuild) is about 10x slower: over the medium test's 300 s",
}

# Run options a program's check needs beyond the default, and why.
OPTIONS = {
    # Its bug needs the C++ memory model (store buffering between release stores and acquire
    # loads): rc11, exec's default, stated so that a change of default cannot pass it silently.
    "atomic_07_peterson_acq_rel.c": ["--memory-model=rc11"],
}

# Headers the seed programs include.
SEED_HDRS = ["seed_queue.h"]

def unmodified_program_test(name, src, verdict, hdrs = []):
    """One program's tests: a compile check, and the checker's verdict unless NOT_YET_CHECKED.

    Args:
      name: the test's name.
      src: the program's one source file (.c or .cc).
      verdict: "pass" or the kind(s) of bug from programs.txt.
      hdrs: headers the program includes.
    """

    if src not in NOT_YET_CHECKED:
        interleave_cc_test(
            name = name + "_check",
            srcs = [src] + hdrs,
            expect = "pass" if verdict == "pass" else "bug",
            # The verdicts are the programs' as written, so unoptimised in every compilation
            # mode: at -O2 (`-c opt`) gcc inlines their SV-COMP atomic functions (an ERROR)
            # and may drop racy reads (undefined behaviour) that the verdict is about.
            copts = ["-O0"],
            # A bug's test needs the BUG verdict, not every class with it (the seeds' lost
            # wakeups take seconds to explore exhaustively).
            options = OPTIONS.get(src, []) + ([] if verdict == "pass" else ["--stop-on-first-bug"]),
            size = "medium",
            tags = ["unmodified"],
        )
    native.sh_test(
        name = name,
        size = "small",
        srcs = ["compile_test.sh"],
        args = ["$(location %s)" % src],
        data = [src] + hdrs,
        tags = ["unmodified", "pass" if verdict == "pass" else "bug"],
    )

def unmodified_suite():
    """One test per program of PROGRAMS, named after its file without the extension."""
    for src, verdict, _category in PROGRAMS:
        unmodified_program_test(
            name = src.rsplit(".", 1)[0],
            src = src,
            verdict = verdict,
            hdrs = SEED_HDRS if src.startswith("seed_") else [],
        )
