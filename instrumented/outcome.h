// Outcomes of an unmodified program: the final values whose counts over the explored
// executions the report tabulates, as the model API's outcome() does for a scenario.
//
//   #include "interleave/outcome.h"
//   ...
//   pthread_join(b, NULL);
//   INTERLEAVE_OUTCOME("counter", counter);   // "counter = 1  in 3 of 6 classes", ...
//
// For C and C++ programs built by `interleave cc` or interleave_cc_test, whose runtime
// (libinterleave_rt.so) defines the two functions. They are declared weak: the same program
// built without the runtime links and runs, and the macros do nothing. A later outcome of the
// same name in one execution replaces the earlier one.
#ifndef INTERLEAVE_OUTCOME_H_
#define INTERLEAVE_OUTCOME_H_

#ifdef __cplusplus
extern "C" {
#endif

// Declares that the execution's outcome `name` is `value` (an integer) or `text`.
void interleave_outcome(const char* name, long long value) __attribute__((weak));
void interleave_outcome_text(const char* name, const char* text) __attribute__((weak));

#ifdef __cplusplus
}
#endif

#define INTERLEAVE_OUTCOME(name, value) \
  (interleave_outcome ? interleave_outcome((name), (long long)(value)) : (void)0)
#define INTERLEAVE_OUTCOME_TEXT(name, text) \
  (interleave_outcome_text ? interleave_outcome_text((name), (text)) : (void)0)

#endif  // INTERLEAVE_OUTCOME_H_
