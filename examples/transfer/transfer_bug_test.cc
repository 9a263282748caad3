// The bug as a user first meets it: this test fails with the deadlock's report and replay line.
//   bazel test //transfer:transfer_bug_test   (tagged manual: //... does not run it)
#include "interleave/testing.h"
#include "transfer/transfer_scenarios.h"

namespace examples {
namespace {

INTERLEAVE_TEST(TransferBug, OppositeTransfers) { OppositeTransfers<bug::Transfer>(); }

}  // namespace
}  // namespace examples
