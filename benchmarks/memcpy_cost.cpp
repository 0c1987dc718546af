// What a copy of the batches costs on this machine, apart from page faults:
// 1 GiB copied in 21 MiB chunks (a lineitem batch's touched bytes) into fresh
// pages (faulted in and zeroed by the kernel as they are written), then again
// into the same, now touched, pages. Built by hand, not by CMake:
//   g++ -O2 -o /tmp/memcpy_cost benchmarks/memcpy_cost.cpp && /tmp/memcpy_cost
#include <sys/mman.h>

#include <chrono>
#include <cstdio>
#include <cstring>

int main() {
  const size_t total = size_t{1} << 30, chunk = size_t{21} << 20;
  auto map = [&] {
    void* p = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? nullptr : static_cast<char*>(p);
  };
  char* source = map();
  char* target = map();
  if (!source || !target) return 1;
  std::memset(source, 1, total);
  auto copy_all = [&] {
    auto start = std::chrono::steady_clock::now();
    for (size_t at = 0; at + chunk <= total; at += chunk) std::memcpy(target + at, source + at, chunk);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  double fresh = copy_all();
  double touched = copy_all();
  std::printf("1 GiB memcpy: into fresh pages %.3f s, into touched pages %.3f s (%d)\n", fresh, touched, target[12345]);
}
