# The Corrosion path: cargo builds the static library, corrosion_add_cxxbridge
# generates the bridge's C++ half and CMake compiles it (the crate's build script
# is told to skip its own copy, so it is compiled exactly once).

corrosion_import_crate(
  MANIFEST_PATH ${PROJECT_SOURCE_DIR}/Cargo.toml
  CRATES lance-bridge lance-bridge-core
  CRATE_TYPES staticlib bin
  LOCKED)
corrosion_set_env_vars(lance_bridge LANCE_BRIDGE_CXX_BY_CMAKE=1)
corrosion_add_cxxbridge(lance_bridge_cxx CRATE lance_bridge FILES lib.rs)
target_include_directories(lance_bridge_cxx PUBLIC ${PROJECT_SOURCE_DIR}/cpp/include)

add_library(lance_bridge_rust INTERFACE)
target_link_libraries(lance_bridge_rust INTERFACE lance_bridge_cxx lance_bridge)
set(LANCE_BRIDGE_FFI_HEADER "lance_bridge_cxx/lib.h")
set(LANCE_BRIDGE_INSPECT "$<TARGET_FILE:lance-bridge-inspect>")

# Where Corrosion puts cargo's output (single-config generators; see corrosion's
# _add_cargo_build), so the cargo tests reuse the dependencies it compiled.
cmake_path(GET PROJECT_SOURCE_DIR PARENT_PATH _lb_parent)
string(REPLACE "${_lb_parent}/" "" _lb_folder "${PROJECT_SOURCE_DIR}")
string(SHA1 _lb_hash "${PROJECT_SOURCE_DIR}/Cargo.toml")
string(SUBSTRING "${_lb_hash}" 0 5 _lb_hash)
set(LANCE_BRIDGE_CARGO_TARGET_DIR "${CMAKE_BINARY_DIR}/cargo/${_lb_folder}_${_lb_hash}")
# Corrosion tells cc-rs the compilers through CC_<target>/CXX_<target>; the cargo
# tests run with the same, so they reuse what Corrosion compiled.
string(REPLACE "-" "_" _lb_triple "${Rust_CARGO_TARGET_CACHED}")
set(LANCE_BRIDGE_CARGO_ENV
  CARGO_TARGET_DIR=${LANCE_BRIDGE_CARGO_TARGET_DIR}
  CC_${_lb_triple}=${CMAKE_C_COMPILER}
  CXX_${_lb_triple}=${CMAKE_CXX_COMPILER}
  AR_${_lb_triple}=${CMAKE_AR})
