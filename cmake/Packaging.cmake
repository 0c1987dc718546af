# `cpack` in the build folder: installable packages of exactly what
# `cmake --install` puts in a prefix (cmake/Install.cmake), so a user gets
# lance-bridge without compiling lance:
#   lance-bridge_<version>_<arch>.deb          Debian/Ubuntu, installs under /usr,
#                                              its dependencies computed by dpkg-shlibdeps
#   lance-bridge-<version>-Linux-<cpu>.tar.gz  relocatable: untar anywhere; the programs,
#                                              the CMake package and the .pc file find
#                                              the library relative to where they lie
# The .deb generator is on only where dpkg-deb and dpkg-shlibdeps (dpkg-dev) exist.

set(CPACK_PACKAGE_NAME "lance-bridge")
set(CPACK_PACKAGE_VENDOR "lance-bridge")
set(CPACK_PACKAGE_CONTACT "lance-bridge maintainers <maintainers@users.noreply.b-seed-df8e019e.example>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Write (and read) Lance datasets from C++ through the Arrow C Data Interface")
set(CPACK_PACKAGE_DESCRIPTION
    "A C++ library (liblance_bridge.so, which holds lance itself), its headers, a CMake \
package and a pkg-config file, and the programs tpch-lance (TPC-H, byte-identical to dbgen, \
into Lance or Parquet) and lance-bridge-inspect.")
set(CPACK_PACKAGE_FILE_NAME "lance-bridge-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
# No source packages: the repository is the source.
set(CPACK_SOURCE_GENERATOR "")

set(CPACK_GENERATOR TGZ)
find_program(LANCE_BRIDGE_DPKG_DEB dpkg-deb)
find_program(LANCE_BRIDGE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(LANCE_BRIDGE_DPKG_DEB AND LANCE_BRIDGE_DPKG_SHLIBDEPS)
  list(APPEND CPACK_GENERATOR DEB)
endif()

# .deb: Debian's own name for the file, installed under /usr, the library's
# dependencies (libc6, libstdc++6, libgcc-s1 with their minimum versions) read
# off the binaries; our own library, which the programs need, is in the package.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# A library with its headers and programs: Debian's "devel".
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${PROJECT_BINARY_DIR}/lib")
# A shlibs file, so packages built against it depend on it, and an ldconfig trigger.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cmake, pkg-config, g++")
# xz: the library is one large file; xz makes the .deb 65 MB where zstd (CMake's
# level) makes it 97 MB, at 108 s against 14 s of cpack (benchmarks/README.md,
# "Packages").
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# CPack overstates Installed-Size (it counts the library's symlinks as copies).
set(CPACK_POST_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/DebInstalledSize.cmake")
# All cores for xz (CMake 3.21+).
set(CPACK_THREADS 0)

include(CPack)
