// Gives lance's encoder a thread per core, once, when the library is loaded.
//
// lance sizes its encoding pool from LANCE_CPU_THREADS, or else keeps two cores
// for I/O (cores - 2 threads, at least one): on a 2-core machine a bulk write
// then encodes on one thread. The Rust core sets the variable unless the user
// did; doing it at its first writer would call setenv while other threads of
// the program may call getenv, which is undefined behaviour. A shared library's
// constructor runs before main (for a program linked with it), while the
// process has one thread, so it is done here. A program that dlopen()s the
// library while other threads run can set LANCE_CPU_THREADS itself first.

#include <sched.h>

#include <cstdlib>
#include <string>
#include <thread>

namespace {

int usable_cores() {
  cpu_set_t cpus;
  if (sched_getaffinity(0, sizeof cpus, &cpus) == 0) {
    int n = CPU_COUNT(&cpus);
    if (n > 0) return n;
  }
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

[[gnu::constructor]] void encode_on_every_core() {
  // overwrite = 0: a value the user chose wins.
  setenv("LANCE_CPU_THREADS", std::to_string(usable_cores()).c_str(), 0);
}

}  // namespace
