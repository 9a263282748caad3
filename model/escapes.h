// Escapes from the model caught at once: the libc calls that would block the OS thread an
// execution runs on (a real sleep, a contended real mutex, a real condition variable, join,
// semaphore or futex wait, poll/select/epoll with a timeout, a read from an empty pipe,
// socket or terminal) are interposed by the model runtime (escapes.cc defines them, so every
// binary that links //model has them). Inside scenario code of an execution
// (Execution::InScenarioCode) such a call that would block is an ERROR at once, naming the
// call, the thread and the scenario's line (Execution::Escape); one that cannot block (a zero
// timeout, a mutex that is free, a pipe with data) and every call outside scenario code goes
// to the real function (dlsym(RTLD_NEXT), resolved once).
#ifndef INTERLEAVE_MODEL_ESCAPES_H_
#define INTERLEAVE_MODEL_ESCAPES_H_

namespace interleave::escapes {

// Resolves the real functions now (Execution::Run calls it, which also links escapes.cc into
// a binary that links the model statically).
void ResolveRealCalls();

}  // namespace interleave::escapes

#endif  // INTERLEAVE_MODEL_ESCAPES_H_
