"""interleave_cc_test: an unmodified C/C++ program checked by interleave."""
