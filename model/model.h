// The model API that scenarios and users' tests write against: one include for all of it.
#ifndef INTERLEAVE_MODEL_MODEL_H_
#define INTERLEAVE_MODEL_MODEL_H_

#include "model/api.h"        // IWYU pragma: export
#include "model/error.h"      // IWYU pragma: export
#include "model/execution.h"  // IWYU pragma: export
#include "model/lock.h"       // IWYU pragma: export
#include "model/shared.h"     // IWYU pragma: export
#include "model/thread.h"     // IWYU pragma: export

#endif  // INTERLEAVE_MODEL_MODEL_H_
