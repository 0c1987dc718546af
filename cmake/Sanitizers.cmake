# -DLANCE_BRIDGE_SANITIZE=ON: every C++ target of the project (the library, the
# programs, the tests) is built with AddressSanitizer and UndefinedBehaviorSanitizer,
# and any UB report fails the test that triggered it. The Rust crates are not
# instrumented (that needs a nightly compiler): they come from the release
# profile (cmake/RustCrates.cmake), with the debug assertions of the bridge
# crate, which holds every unsafe block, armed instead (overflow, alignment and
# size preconditions of unsafe code).
option(LANCE_BRIDGE_SANITIZE "Build the C++ code with ASan + UBSan" OFF)

if(LANCE_BRIDGE_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "LANCE_BRIDGE_SANITIZE needs GCC or Clang")
  endif()
  set(_lb_sanitize -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_compile_options(${_lb_sanitize} -O1)
  add_link_options(${_lb_sanitize})
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # Clang links its sanitizer runtimes statically into programs only: the
    # shared library (linked with --no-undefined) needs the shared runtime.
    add_link_options(-shared-libsan)
  endif()
  # The environment each sanitized test runs in (tests/CMakeLists.txt).
  set(LANCE_BRIDGE_SANITIZER_ENV
    "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
    "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp:print_suppressions=0"
    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
  message(STATUS "lance-bridge: C++ built with AddressSanitizer + UndefinedBehaviorSanitizer")
endif()
