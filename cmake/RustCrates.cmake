# Builds the Rust workspace and defines:
#   lance_bridge_rust            INTERFACE target: the bridge static library, the
#                                compiled cxx glue and the include path of the generated
#                                bridge headers (lance-bridge/src/ffi/<name>.rs.h)
#   LANCE_BRIDGE_CARGO_TARGET_DIR  cargo's target folder (the cargo tests reuse it)
#   LANCE_BRIDGE_CARGO_PROFILE   the cargo profile: release, dev or another of Cargo.toml's
#                                (LANCE_BRIDGE_CARGO_PROFILE_DIR: its folder name)
#   LANCE_BRIDGE_CARGO_ENV       environment for other cargo runs over the same target folder
#   LANCE_BRIDGE_CARGO_ARGS      and their extra arguments (target triple, features)
#   LANCE_BRIDGE_CARGO           the cargo program every cargo run uses
#   lance_write_floor            a target outside the default build (benchmarks)
#   LANCE_BRIDGE_HAVE_CORROSION  ON when Corrosion builds the crates
#
# Corrosion is used when it is installed, given through
# FETCHCONTENT_SOURCE_DIR_CORROSION, or can be fetched; otherwise the cargo
# fallback in CargoFallback.cmake builds the same library.

# A Debug build compiles the crates in cargo's dev profile, except a sanitized
# one: it checks the C++ side, and takes the release build of lance instead of
# a second, dev-profile build of all of it (the fallback shares one compiled
# lance among the build folders that name the same
# LANCE_BRIDGE_CARGO_TARGET_DIR; Corrosion keeps a cargo folder per build
# folder); the bridge crate's debug assertions are armed there (below).
# -DLANCE_BRIDGE_CARGO_PROFILE=<profile> chooses another (e.g. profiling); it
# stays in the build folder's cache until -U LANCE_BRIDGE_CARGO_PROFILE.
if(NOT LANCE_BRIDGE_CARGO_PROFILE)
  if(CMAKE_BUILD_TYPE STREQUAL "Debug" AND NOT LANCE_BRIDGE_SANITIZE)
    set(LANCE_BRIDGE_CARGO_PROFILE dev)
  else()
    set(LANCE_BRIDGE_CARGO_PROFILE release)
  endif()
endif()
# The sanitized build arms the debug assertions (the standard library's size and
# alignment preconditions of unsafe code) and overflow checks of the bridge
# crate, which holds every unsafe block, on top of the release profile: only
# that crate is compiled again, and the release build users run is untouched.
# Every cargo call of the build passes these (LANCE_BRIDGE_CARGO_ARGS).
set(LANCE_BRIDGE_CARGO_CONFIG "")
if(LANCE_BRIDGE_SANITIZE)
  foreach(_lb_setting debug-assertions overflow-checks)
    list(APPEND LANCE_BRIDGE_CARGO_CONFIG
         --config "profile.${LANCE_BRIDGE_CARGO_PROFILE}.package.lance-bridge.${_lb_setting}=true")
  endforeach()
endif()

if(LANCE_BRIDGE_CARGO_PROFILE STREQUAL "dev")
  set(LANCE_BRIDGE_CARGO_PROFILE_DIR debug)   # cargo's folder for the dev profile
else()
  set(LANCE_BRIDGE_CARGO_PROFILE_DIR ${LANCE_BRIDGE_CARGO_PROFILE})
endif()

set(LANCE_BRIDGE_HAVE_CORROSION OFF)
if(LANCE_BRIDGE_USE_CORROSION)
  find_package(Corrosion CONFIG QUIET)
  if(Corrosion_FOUND)
    set(LANCE_BRIDGE_HAVE_CORROSION ON)
  else()
    include(FetchContent)
    FetchContent_Declare(Corrosion
      GIT_REPOSITORY https://github.com/corrosion-rs/corrosion.git
      GIT_TAG v0.6.1)
    # Offline, the fetch fails: that is the fallback's case, not an error.
    set(FETCHCONTENT_QUIET ON)
    set(_lance_bridge_saved_update ${FETCHCONTENT_UPDATES_DISCONNECTED})
    set(FETCHCONTENT_UPDATES_DISCONNECTED ON)
    FetchContent_GetProperties(Corrosion)
    if(NOT corrosion_POPULATED)
      if(FETCHCONTENT_SOURCE_DIR_CORROSION)
        FetchContent_MakeAvailable(Corrosion)
        set(LANCE_BRIDGE_HAVE_CORROSION ON)
      else()
        execute_process(
          COMMAND git ls-remote --exit-code https://github.com/corrosion-rs/corrosion.git v0.6.1
          RESULT_VARIABLE _lance_bridge_online OUTPUT_QUIET ERROR_QUIET TIMEOUT 15)
        if(_lance_bridge_online EQUAL 0)
          FetchContent_MakeAvailable(Corrosion)
          set(LANCE_BRIDGE_HAVE_CORROSION ON)
        endif()
      endif()
    endif()
    set(FETCHCONTENT_UPDATES_DISCONNECTED ${_lance_bridge_saved_update})
  endif()
endif()

if(LANCE_BRIDGE_HAVE_CORROSION)
  message(STATUS "lance-bridge: building the Rust crates with Corrosion")
  include(${CMAKE_CURRENT_LIST_DIR}/CorrosionBuild.cmake)
else()
  message(STATUS "lance-bridge: Corrosion not available; building the Rust crates with cargo directly")
  include(${CMAKE_CURRENT_LIST_DIR}/CargoFallback.cmake)
endif()
