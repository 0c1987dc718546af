# The offline fallback: run cargo ourselves and import what it builds. The crate's
# build script (cxx-build) compiles the bridge's C++ half into the static library.

find_program(CARGO_EXECUTABLE cargo HINTS $ENV{CARGO_HOME}/bin $ENV{HOME}/.cargo/bin REQUIRED)
set(LANCE_BRIDGE_CARGO ${CARGO_EXECUTABLE})
find_package(Threads REQUIRED)

set(LANCE_BRIDGE_CARGO_TARGET_DIR "${CMAKE_BINARY_DIR}/cargo" CACHE PATH
    "cargo's target folder (point it somewhere persistent to reuse compiled dependencies)")

set(_lb_out "${LANCE_BRIDGE_CARGO_TARGET_DIR}/${LANCE_BRIDGE_CARGO_PROFILE_DIR}")
set(_lb_staticlib "${_lb_out}/${CMAKE_STATIC_LIBRARY_PREFIX}lance_bridge${CMAKE_STATIC_LIBRARY_SUFFIX}")

# Every cargo run of this build (here, the cargo tests, a consumer project) sees
# the same environment: C and C++ crates (zstd, the cxx glue) are compiled with
# CMake's compilers, and cargo never finds them stale because a caller's CC or
# CXX differed (which would rebuild most of lance).
set(LANCE_BRIDGE_CARGO_ENV
  CARGO_TARGET_DIR=${LANCE_BRIDGE_CARGO_TARGET_DIR}
  CC=${CMAKE_C_COMPILER}
  CXX=${CMAKE_CXX_COMPILER})

set(LANCE_BRIDGE_CARGO_ARGS ${LANCE_BRIDGE_CARGO_CONFIG})

# cargo decides what is stale, so this runs on every build and is quick when nothing changed.
add_custom_target(lance_bridge_cargo_build ALL
  COMMAND ${CMAKE_COMMAND} -E env ${LANCE_BRIDGE_CARGO_ENV}
          ${CARGO_EXECUTABLE} build --locked --profile ${LANCE_BRIDGE_CARGO_PROFILE}
          --workspace --lib ${LANCE_BRIDGE_CARGO_ARGS}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  BYPRODUCTS ${_lb_staticlib}
  USES_TERMINAL
  COMMENT "cargo build (${LANCE_BRIDGE_CARGO_PROFILE}) of the lance-bridge crates")

add_library(lance_bridge_staticlib STATIC IMPORTED GLOBAL)
set_target_properties(lance_bridge_staticlib PROPERTIES IMPORTED_LOCATION ${_lb_staticlib})

add_library(lance_bridge_rust INTERFACE)
target_link_libraries(lance_bridge_rust INTERFACE lance_bridge_staticlib Threads::Threads ${CMAKE_DL_LIBS} m)
target_include_directories(lance_bridge_rust INTERFACE
  ${LANCE_BRIDGE_CARGO_TARGET_DIR}/cxxbridge
  ${PROJECT_SOURCE_DIR}/cpp/include)
# Targets that link lance_bridge_rust must wait for cargo.
set(LANCE_BRIDGE_RUST_BUILD_TARGET lance_bridge_cargo_build)

include(${CMAKE_CURRENT_LIST_DIR}/RustPrograms.cmake)
lance_bridge_write_floor_target("${_lb_out}" lance_bridge_cargo_build)
