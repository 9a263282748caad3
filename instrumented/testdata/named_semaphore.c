// sem_open (a named semaphore in the file system) is not modelled: an ERROR naming it (before:
// its value was taken as 0, a false DEADLOCK).
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>

int main(void) {
  sem_t* sem = sem_open("/interleave_named_semaphore_test", O_CREAT, 0600, 1);
  sem_wait(sem);
  sem_post(sem);
  sem_close(sem);
  sem_unlink("/interleave_named_semaphore_test");
  return 0;
}
