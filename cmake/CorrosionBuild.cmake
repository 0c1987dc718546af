# The Corrosion path: Corrosion builds the bridge's static library,
# corrosion_add_cxxbridge generates its C++ half and CMake compiles it (the
# crate's own cxx-build glue, default feature `cpp-glue`, is turned off, so the
# glue is compiled exactly once).

corrosion_import_crate(
  MANIFEST_PATH ${PROJECT_SOURCE_DIR}/Cargo.toml
  CRATES lance-bridge
  CRATE_TYPES staticlib
  NO_DEFAULT_FEATURES
  PROFILE ${LANCE_BRIDGE_CARGO_PROFILE}
  LOCKED)
# One bridge per feature: every file of bridge/src/ffi but its mod.rs (as
# bridge/build.rs finds them).
file(GLOB _lb_bridge_paths CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/bridge/src/ffi/*.rs")
list(FILTER _lb_bridge_paths EXCLUDE REGEX "/mod\\.rs$")
set(_lb_bridges "")
set(_lb_bridge_files "")
foreach(_lb_path IN LISTS _lb_bridge_paths)
  get_filename_component(_lb_name "${_lb_path}" NAME_WE)
  list(APPEND _lb_bridges ${_lb_name})
  list(APPEND _lb_bridge_files "ffi/${_lb_name}.rs")
endforeach()
corrosion_add_cxxbridge(lance_bridge_cxx CRATE lance_bridge FILES ${_lb_bridge_files})
# The bridges include each other's headers, and the C++ library includes them,
# by cxx-build's names (lance-bridge/src/ffi/<name>.rs.h); Corrosion names them
# lance_bridge_cxx/ffi/<name>.h. A forwarding header per bridge gives both
# builds one spelling.
set(_lb_forward "${CMAKE_CURRENT_BINARY_DIR}/cxxbridge-names")
foreach(_lb_bridge IN LISTS _lb_bridges)
  file(CONFIGURE OUTPUT "${_lb_forward}/lance-bridge/src/ffi/${_lb_bridge}.rs.h"
       CONTENT "#pragma once\n#include \"lance_bridge_cxx/ffi/${_lb_bridge}.h\"\n")
endforeach()
target_include_directories(lance_bridge_cxx PUBLIC ${PROJECT_SOURCE_DIR}/cpp/include "${_lb_forward}")

add_library(lance_bridge_rust INTERFACE)
target_link_libraries(lance_bridge_rust INTERFACE lance_bridge_cxx lance_bridge)

# Where Corrosion puts cargo's output (single-config generators; see corrosion's
# _add_cargo_build).
cmake_path(GET PROJECT_SOURCE_DIR PARENT_PATH _lb_parent)
string(REPLACE "${_lb_parent}/" "" _lb_folder "${PROJECT_SOURCE_DIR}")
string(SHA1 _lb_hash "${PROJECT_SOURCE_DIR}/Cargo.toml")
string(SUBSTRING "${_lb_hash}" 0 5 _lb_hash)
set(LANCE_BRIDGE_CARGO_TARGET_DIR "${CMAKE_BINARY_DIR}/cargo/${_lb_folder}_${_lb_hash}")
set(_lb_out "${LANCE_BRIDGE_CARGO_TARGET_DIR}/${Rust_CARGO_TARGET_CACHED}/${LANCE_BRIDGE_CARGO_PROFILE_DIR}")

# Other cargo runs (the Rust programs, the cargo tests) see what Corrosion's cargo
# call sees: the same target triple, features, compilers and linker (cc-rs tracks
# CC_<triple> by name and value), so cargo finds what Corrosion compiled fresh.
string(TOUPPER "${Rust_CARGO_TARGET_CACHED}" _lb_upper)
string(REPLACE "-" "_" _lb_upper "${_lb_upper}")
set(LANCE_BRIDGE_CARGO_ENV
  CARGO_TARGET_DIR=${LANCE_BRIDGE_CARGO_TARGET_DIR}
  CARGO_TARGET_${_lb_upper}_LINKER=${CMAKE_C_COMPILER}
  CC_${Rust_CARGO_TARGET_CACHED}=${CMAKE_C_COMPILER}
  CXX_${Rust_CARGO_TARGET_CACHED}=${CMAKE_CXX_COMPILER}
  AR_${Rust_CARGO_TARGET_CACHED}=${CMAKE_AR})
set(LANCE_BRIDGE_CARGO_ARGS --target ${Rust_CARGO_TARGET_CACHED} --no-default-features ${LANCE_BRIDGE_CARGO_CONFIG})
if(LANCE_BRIDGE_CARGO_CONFIG)
  corrosion_set_cargo_flags(lance_bridge ${LANCE_BRIDGE_CARGO_CONFIG})
endif()

set(LANCE_BRIDGE_CARGO ${Rust_CARGO_CACHED})
# The objects go into the shared lance_bridge library.
set_target_properties(lance_bridge_cxx PROPERTIES POSITION_INDEPENDENT_CODE ON)

# lance_write_floor comes from a cargo call over the whole workspace, not from
# corrosion_import_crate: Corrosion runs cargo once per crate, and the core crate
# alone resolves other features for lance's build tools than the bridge (whose cxx
# macros add some), so importing it would compile lance twice.
include(${CMAKE_CURRENT_LIST_DIR}/RustPrograms.cmake)
lance_bridge_write_floor_target("${_lb_out}" cargo-build_lance_bridge)
