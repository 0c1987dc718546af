# An overlay port: it builds lance-bridge from the repository it lives in
# (ports/lance-bridge/../..), or from LANCE_BRIDGE_SOURCE_DIR.
#   vcpkg install lance-bridge --overlay-ports=<repo>/ports --binarysource=clear
# (vcpkg's binary cache keys a package by its port files, not by the source tree:
# --binarysource=clear builds the tree as it is now.)

# Release only: a debug build of lance writes ~10x slower and would compile
# lance a second time (~40 minutes on 2 cores).
set(VCPKG_BUILD_TYPE release)
# vcpkg's post-build check expects that setting in the triplet, not the port, and
# otherwise warns that the debug build's library is missing.
set(VCPKG_POLICY_MISMATCHED_NUMBER_OF_BINARIES enabled)
# One shared library that holds lance; a static one would hand every consumer
# lance's whole Rust dependency tree to link.
vcpkg_check_linkage(ONLY_DYNAMIC_LIBRARY)

if(DEFINED ENV{LANCE_BRIDGE_SOURCE_DIR})
  set(SOURCE_PATH "$ENV{LANCE_BRIDGE_SOURCE_DIR}")
else()
  get_filename_component(SOURCE_PATH "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
endif()
if(NOT EXISTS "${SOURCE_PATH}/Cargo.toml" OR NOT EXISTS "${SOURCE_PATH}/cmake/Install.cmake")
  message(FATAL_ERROR "lance-bridge: no lance-bridge source tree at ${SOURCE_PATH} (set LANCE_BRIDGE_SOURCE_DIR)")
endif()

# vcpkg provides no Rust toolchain: cargo comes from the user's (rustup).
find_program(LANCE_BRIDGE_CARGO cargo HINTS "$ENV{CARGO_HOME}/bin" "$ENV{HOME}/.cargo/bin")
if(NOT LANCE_BRIDGE_CARGO)
  message(FATAL_ERROR "lance-bridge needs a Rust toolchain (cargo) on PATH: https://rustup.rs")
endif()

set(options "")
# A lasting cargo folder reuses compiled lance across builds (see the README).
if(DEFINED ENV{LANCE_BRIDGE_CARGO_TARGET_DIR})
  list(APPEND options "-DLANCE_BRIDGE_CARGO_TARGET_DIR=$ENV{LANCE_BRIDGE_CARGO_TARGET_DIR}")
endif()
vcpkg_cmake_configure(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS
    -DLANCE_BRIDGE_BUILD_TESTS=OFF
    -DLANCE_BRIDGE_INSTALL=ON
    # vcpkg builds offline-safe (FETCHCONTENT_FULLY_DISCONNECTED): the cargo fallback.
    -DLANCE_BRIDGE_USE_CORROSION=OFF
    "-DCARGO_EXECUTABLE=${LANCE_BRIDGE_CARGO}"
    ${options})
vcpkg_cmake_install()
vcpkg_cmake_config_fixup(PACKAGE_NAME lance_bridge CONFIG_PATH lib/cmake/lance_bridge)
vcpkg_fixup_pkgconfig()
vcpkg_copy_tools(TOOL_NAMES tpch-lance lance-bridge-inspect AUTO_CLEAN)

file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")
# The project's license, then the license texts of the crates compiled in.
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE"
  "${CURRENT_PACKAGES_DIR}/share/doc/lance-bridge/THIRD-PARTY-LICENSES.txt")
