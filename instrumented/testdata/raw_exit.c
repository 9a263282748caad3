// Ends its process by the exit system call itself, which no runtime sees: `interleave exec`
// must say that the search ended without a report, not pass on the status 0.
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_exit_group, 0);
  return 0;
}
