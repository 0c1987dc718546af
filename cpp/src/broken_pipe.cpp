// Keeps a connection reset by an object store from killing the program.
//
// The Rust side's HTTP client writes to its sockets without MSG_NOSIGNAL on some
// paths (vectored writes), so a server or proxy that resets a connection in the
// middle of an upload raises SIGPIPE, whose default action ends the process
// without a word (seen: tpch-lance killed mid-append by a reset during a
// multipart upload, tests/python/s3_faults_test.py --all). Rust programs never
// see this: the Rust runtime ignores SIGPIPE before main. A C++ program linked
// with lance-bridge gets the same when the library loads: a SIGPIPE the
// program left at its default is ignored, so the write fails with EPIPE, the
// client retries or reports the error. A handler or SIG_IGN the program set
// itself is left as it is.

#include <csignal>

namespace {

[[gnu::constructor]] void ignore_default_sigpipe() {
  struct sigaction current {};
  if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
    std::signal(SIGPIPE, SIG_IGN);
  }
}

}  // namespace
