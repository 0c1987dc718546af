// failing_io: an LD_PRELOAD library that makes one file-system call of a
// program fail, for the disk fault tests (tests/python/disk_faults_test.py).
//
//   FAILING_IO_CALL   write | fsync | rename | link | open: which call fails
//                     (write covers write, pwrite64 and writev; fsync covers
//                     fdatasync; rename covers renameat and renameat2; link
//                     covers linkat; open covers creating a file: open and
//                     openat with O_CREAT)
//   FAILING_IO_NTH    the call that fails, counted from 1 among the matching
//                     calls; 0 or unset: every matching call fails
//   FAILING_IO_ERRNO  ENOSPC (default), EIO, EDQUOT or EROFS
//   FAILING_IO_UNDER  only calls on files whose path starts with this (the
//                     dataset's folder: the program's other files, the
//                     terminal, pipes, are left alone)
//
// When the call fails, one line goes to stderr ("failing_io: write #3 of
// /path failed with ENOSPC") so the test can tell the fault happened. The real
// calls are found with dlsym(RTLD_NEXT).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static atomic_long matching_calls;

static const char* setting(const char* name) {
  const char* value = getenv(name);
  return value && *value ? value : NULL;
}

static int chosen_errno(void) {
  const char* name = setting("FAILING_IO_ERRNO");
  if (!name || strcmp(name, "ENOSPC") == 0) return ENOSPC;
  if (strcmp(name, "EIO") == 0) return EIO;
  if (strcmp(name, "EDQUOT") == 0) return EDQUOT;
  if (strcmp(name, "EROFS") == 0) return EROFS;
  return ENOSPC;
}

static int under_watched_folder(const char* path) {
  const char* under = setting("FAILING_IO_UNDER");
  return path && (!under || strncmp(path, under, strlen(under)) == 0);
}

// The path of an open descriptor ("" when it has none).
static void descriptor_path(int fd, char* out, size_t size) {
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, out, size - 1);
  out[n > 0 ? n : 0] = '\0';
}

// Whether this call of `call` on `path` is the one to fail; sets errno if so.
static int should_fail(const char* call, const char* path) {
  const char* wanted = setting("FAILING_IO_CALL");
  if (!wanted || strcmp(wanted, call) != 0 || !under_watched_folder(path)) return 0;
  long n = atomic_fetch_add(&matching_calls, 1) + 1;
  const char* nth = setting("FAILING_IO_NTH");
  long chosen = nth ? strtol(nth, NULL, 10) : 0;
  if (chosen != 0 && n != chosen) return 0;
  int error = chosen_errno();
  char line[PATH_MAX + 128];
  int length = snprintf(line, sizeof line, "failing_io: %s #%ld of %s failed with %s\n", call, n, path,
                        strerrorname_np(error));
  if (length > 0) {
    // The system call itself: this library's write() would count it.
    long ignored = syscall(SYS_write, 2, line, (size_t)length < sizeof line ? (size_t)length : sizeof line);
    (void)ignored;
  }
  errno = error;
  return 1;
}

static int fd_should_fail(const char* call, int fd) {
  if (!setting("FAILING_IO_CALL") || strcmp(setting("FAILING_IO_CALL"), call) != 0) return 0;
  char path[PATH_MAX];
  descriptor_path(fd, path, sizeof path);
  return path[0] == '/' && should_fail(call, path);
}

// The C library's own `name` (the next definition after this library's).
#define REAL(name)                            \
  static __typeof__(&name) real_##name;       \
  if (!real_##name) real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void* buffer, size_t count) {
  REAL(write);
  return fd_should_fail("write", fd) ? -1 : real_write(fd, buffer, count);
}

ssize_t pwrite64(int fd, const void* buffer, size_t count, off64_t offset) {
  REAL(pwrite64);
  return fd_should_fail("write", fd) ? -1 : real_pwrite64(fd, buffer, count, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  REAL(writev);
  return fd_should_fail("write", fd) ? -1 : real_writev(fd, iov, count);
}

int fsync(int fd) {
  REAL(fsync);
  return fd_should_fail("fsync", fd) ? -1 : real_fsync(fd);
}

int fdatasync(int fd) {
  REAL(fdatasync);
  return fd_should_fail("fsync", fd) ? -1 : real_fdatasync(fd);
}

int rename(const char* from, const char* to) {
  REAL(rename);
  return should_fail("rename", to) ? -1 : real_rename(from, to);
}

int renameat(int from_dir, const char* from, int to_dir, const char* to) {
  REAL(renameat);
  return should_fail("rename", to) ? -1 : real_renameat(from_dir, from, to_dir, to);
}

int renameat2(int from_dir, const char* from, int to_dir, const char* to, unsigned int flags) {
  REAL(renameat2);
  return should_fail("rename", to) ? -1 : real_renameat2(from_dir, from, to_dir, to, flags);
}

int link(const char* from, const char* to) {
  REAL(link);
  return should_fail("link", to) ? -1 : real_link(from, to);
}

int linkat(int from_dir, const char* from, int to_dir, const char* to, int flags) {
  REAL(linkat);
  return should_fail("link", to) ? -1 : real_linkat(from_dir, from, to_dir, to, flags);
}

// The mode argument of an open call, present only when it creates a file.
#define MODE_ARGUMENT(flags, mode)          \
  mode_t mode = 0;                          \
  if ((flags) & (O_CREAT | O_TMPFILE)) {    \
    va_list args;                           \
    va_start(args, flags);                  \
    mode = va_arg(args, mode_t);            \
    va_end(args);                           \
  }

int open(const char* path, int flags, ...) {
  MODE_ARGUMENT(flags, mode)
  REAL(open);
  return (flags & O_CREAT) && should_fail("open", path) ? -1 : real_open(path, flags, mode);
}

int open64(const char* path, int flags, ...) {
  MODE_ARGUMENT(flags, mode)
  REAL(open64);
  return (flags & O_CREAT) && should_fail("open", path) ? -1 : real_open64(path, flags, mode);
}

int openat(int dir, const char* path, int flags, ...) {
  MODE_ARGUMENT(flags, mode)
  REAL(openat);
  return (flags & O_CREAT) && should_fail("open", path) ? -1 : real_openat(dir, path, flags, mode);
}

int openat64(int dir, const char* path, int flags, ...) {
  MODE_ARGUMENT(flags, mode)
  REAL(openat64);
  return (flags & O_CREAT) && should_fail("open", path) ? -1 : real_openat64(dir, path, flags, mode);
}
