// The std mirror, all of it: namespace interleave::sync has the std names and signatures of the
// standard's threading library over the model's runtime (std/README in DESIGN.md "Front ends").
#ifndef INTERLEAVE_STD_SYNC_H_
#define INTERLEAVE_STD_SYNC_H_

#endif  // INTERLEAVE_STD_SYNC_H_
