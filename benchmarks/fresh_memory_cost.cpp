// What first touch of fresh memory costs on this machine: 300 MiB (dbgen's text
// pool) written once, on 4 KiB pages and on transparent huge pages
// (MADV_HUGEPAGE, as the text pool asks), each in a fresh process: after a
// pause, then at once again (in the memory the first one just freed). On a virtual machine with
// free page reporting (virtio-balloon), memory freed and left alone for a few
// seconds goes back to the host, and touching it again faults on the host too;
// huge pages are taken from exactly those free 2 MiB blocks. Built by hand:
//   g++ -O2 -o /tmp/fresh_memory_cost benchmarks/fresh_memory_cost.cpp && /tmp/fresh_memory_cost 5
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>

namespace {

constexpr size_t kBytes = size_t{300} << 20;
constexpr size_t kHugePage = size_t{2} << 20;

double cpu_seconds(const rusage& u) {
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

// Maps kBytes (2 MiB aligned), writes one byte per cache line, exits.
[[noreturn]] void touch(bool huge) {
  void* raw = mmap(nullptr, kBytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) _exit(1);
  char* p = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(raw) + kHugePage - 1) & ~(kHugePage - 1));
  if (huge) madvise(p, kBytes, MADV_HUGEPAGE);
  for (size_t i = 0; i < kBytes; i += 64) p[i] = static_cast<char>(i);
  _exit(p[12345] == 42 ? 3 : 0);
}

// CPU seconds (user + sys) and page faults of one child that touches the memory.
void measure(bool huge, const char* when) {
  pid_t child = fork();
  if (child == 0) touch(huge);
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  std::printf("%-14s %-10s cpu %.3f s  faults %6ld\n", huge ? "huge pages" : "4 KiB pages", when, cpu_seconds(usage),
              usage.ru_minflt);
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
  unsigned pause = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 4;
  for (int round = 0; round < rounds; ++round) {
    for (bool huge : {false, true}) {
      sleep(pause);
      measure(huge, "paused");  // what was freed before the pause has gone back to the host
      measure(huge, "again");   // right after the same kind of child freed its memory
    }
  }
}
