// The bounded queue's bug and fix as scenarios of the interleave command line: this binary,
// linked with @interleave//:interleave_main, is `interleave` over them:
//   bazel run //queue:queue_scenarios -- list
//   bazel run //queue:queue_scenarios -- run bounded_queue_one_condvar
//   bazel run //queue:queue_scenarios -- check --all
#include "queue/bounded_queue_scenarios.h"

#include "interleave/scenario.h"

namespace examples {
namespace {

using interleave::FindingKind;
using interleave::Verdict;

INTERLEAVE_SCENARIO({
    .name = "bounded_queue_one_condvar",
    .id = "examples.1",
    .variant = "bug",
    .seed = "examples/queue",
    .description = "a producer and two consumers on one condition variable with notify_one",
    .expected = {Verdict::kBug, {FindingKind::kDeadlock}},
    .body = [](const interleave::ScenarioParams&) { ProducerAndTwoConsumers<bug::BoundedQueue>(); },
});

INTERLEAVE_SCENARIO({
    .name = "bounded_queue_two_condvars",
    .id = "examples.2",
    .variant = "fix",
    .seed = "examples/queue",
    .description = "the same on two condition variables, not_full and not_empty",
    .expected = {Verdict::kPass, {}},
    .body = [](const interleave::ScenarioParams&) { ProducerAndTwoConsumers<fix::BoundedQueue>(); },
});

}  // namespace
}  // namespace examples
