// Makes one operator new of the calling thread fail, to test what a failed
// allocation leaves behind. This header replaces the global operator new and
// delete (with malloc and free, like the default ones): include it in exactly
// one source file of a test program. Other threads are never affected.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

namespace lance_bridge::testing {

struct AllocationProbe {
  bool armed = false;
  bool failed = false;  // the chosen allocation was made to fail
  long countdown = 0;   // allocations still let through before it
  long net = 0;         // operator new minus operator delete calls while armed
};

inline thread_local AllocationProbe allocation_probe;

// While alive, lets `n` allocations of this thread through, then fails the next
// one (only that one: the allocations while unwinding go through).
class FailingAllocation {
 public:
  explicit FailingAllocation(long n) { allocation_probe = AllocationProbe{true, false, n, 0}; }
  ~FailingAllocation() { allocation_probe.armed = false; }
  FailingAllocation(const FailingAllocation&) = delete;
  FailingAllocation& operator=(const FailingAllocation&) = delete;

  bool failed() const { return allocation_probe.failed; }
  // What was allocated and not freed since; 0 if nothing leaked.
  long net() const { return allocation_probe.net; }
};

}  // namespace lance_bridge::testing

void* operator new(std::size_t size) {
  lance_bridge::testing::AllocationProbe& probe = lance_bridge::testing::allocation_probe;
  if (probe.armed) {
    if (!probe.failed && probe.countdown-- == 0) {
      probe.failed = true;
      throw std::bad_alloc();
    }
    ++probe.net;
  }
  if (void* block = std::malloc(size ? size : 1)) return block;
  throw std::bad_alloc();
}

void operator delete(void* block) noexcept {
  lance_bridge::testing::AllocationProbe& probe = lance_bridge::testing::allocation_probe;
  if (block && probe.armed) --probe.net;
  std::free(block);
}

void operator delete(void* block, std::size_t) noexcept { operator delete(block); }
